//! Passwords and signing in: a member's device sets the password; another device signs in with
//! the card number or the phone and gets a token of its own that acts as the member; wrong
//! passwords are limited per account and per address, counted in the database, until the window
//! passes; every step is in the security log, which administrators alone read.

use super::*;
use sotay_core::ErrorKind;
use sotay_sync_protocol::{NewMember, NewUnit, SecurityKind, SignInRequest};
use std::sync::atomic::{AtomicU64, Ordering};

/// An engine whose wall clock the test moves.
fn clocked<B: Backend>(e: Engine<B>) -> (Engine<B>, Arc<AtomicU64>) {
    let mut e = e;
    let now = Arc::new(AtomicU64::new(NOW));
    let read = now.clone();
    e.set_wall_clock(Arc::new(move || read.load(Ordering::SeqCst)));
    (e, now)
}

/// A cell with one member (card 36.000001, phone 0912 345 678) and her device.
fn member<B: Backend>(e: &Engine<B>) -> (Uuid, Device) {
    let console = e.console().unwrap();
    let cell = e
        .add_unit(
            &console,
            &NewUnit {
                parent_id: None,
                level: UnitLevel::Cell,
                name: "Chi bộ thôn Đông".into(),
                code: None,
            },
        )
        .unwrap()
        .0;
    let hoa = e
        .add_member(
            &console,
            &NewMember {
                unit_id: cell.id,
                full_name: "Lê Thị Hoa".into(),
                gender: None,
                born_on: None,
                standing: sotay_core::model::Standing::Official,
                admitted_on: None,
                official_on: None,
                role: Some(Role::Secretary),
                phone: Some("0912 345 678".into()),
                card_number: Some("36.000001".into()),
                citizen_id: None,
            },
        )
        .unwrap()
        .0;
    let device = Device {
        client_id: ClientId::new(),
        principal: e.principal_of(hoa.id).unwrap(),
    };
    (hoa.id, device)
}

fn sign_in<B: Backend>(
    e: &Engine<B>,
    login: &str,
    password: &str,
    address: &str,
) -> Result<sotay_server::Registered, ServerError> {
    let req = SignInRequest {
        login: login.into(),
        password: password.into(),
        client_id: ClientId::new(),
        device_name: None,
        member_id: None,
    };
    e.sign_in(&req, Some(address))
}

fn a_second_device_signs_in_with_the_password_and_acts_as_the_member<B: Backend>(e: Engine<B>) {
    let (hoa, device) = member(&e);
    assert_eq!(
        sign_in(&e, "36.000001", "bất kỳ", "10.0.0.1")
            .unwrap_err()
            .kind(),
        ErrorKind::BadCredentials,
        "no password set yet"
    );
    assert_eq!(
        e.set_password(&device, "ngắn").unwrap_err().kind(),
        ErrorKind::Invalid,
        "too short"
    );
    e.set_password(&device, "mật khẩu chi bộ").unwrap();
    assert_eq!(
        e.set_password(&admin(), "mật khẩu chi bộ")
            .unwrap_err()
            .kind(),
        ErrorKind::Forbidden,
        "an administrator's device has no member"
    );

    for login in ["36.000001", "36000001", "0912345678"] {
        let signed = sign_in(&e, login, "mật khẩu chi bộ", "10.0.0.1").unwrap();
        assert_eq!(signed.member, Some(hoa));
        let second = e.authenticate(&signed.token).unwrap();
        assert_eq!(
            second.principal, device.principal,
            "{login}: acts as the member"
        );
    }
    let wrong = sign_in(&e, "36.000001", "mật khẩu sai", "10.0.0.1").unwrap_err();
    assert_eq!(wrong.kind(), ErrorKind::BadCredentials);
    let nobody = sign_in(&e, "99.999999", "mật khẩu chi bộ", "10.0.0.1").unwrap_err();
    assert_eq!(
        nobody.kind(),
        ErrorKind::BadCredentials,
        "the same answer for nobody"
    );

    let log = e.security_log(&admin(), 0, 100).unwrap();
    let kinds: Vec<SecurityKind> = log.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SecurityKind::OfficeChanged,
            SecurityKind::SignInFailed,
            SecurityKind::PasswordSet,
            SecurityKind::SignedIn,
            SecurityKind::SignedIn,
            SecurityKind::SignedIn,
            SecurityKind::SignInFailed,
            SecurityKind::SignInFailed,
        ]
    );
    assert_eq!(log[3].address.as_deref(), Some("10.0.0.1"));
    assert_eq!(
        log[7].detail.as_deref(),
        Some("99.999999"),
        "the login typed"
    );
    assert!(matches!(
        e.security_log(&device, 0, 100),
        Err(ServerError::Forbidden)
    ));
}

fn wrong_passwords_are_limited_per_account_and_per_address_until_the_window_passes<B: Backend>(
    e: Engine<B>,
) {
    let (e, now) = clocked(e);
    let (_, device) = member(&e);
    e.set_password(&device, "mật khẩu chi bộ").unwrap();
    for _ in 0..5 {
        let wrong = sign_in(&e, "36.000001", "đoán thử", "10.0.0.2").unwrap_err();
        assert_eq!(wrong.kind(), ErrorKind::BadCredentials);
    }
    // The sixth is refused before its password is looked at, even the right one, from anywhere.
    let limited = sign_in(&e, "36.000001", "mật khẩu chi bộ", "10.0.0.3").unwrap_err();
    assert_eq!(limited.kind(), ErrorKind::RateLimited);
    assert!(
        limited.to_string().contains("try again in 15 minute"),
        "{limited}"
    );
    now.fetch_add(10 * 60 * 1000, Ordering::SeqCst);
    let later = sign_in(&e, "36.000001", "mật khẩu chi bộ", "10.0.0.3").unwrap_err();
    assert!(later.to_string().contains("in 5 minute"), "{later}");
    now.fetch_add(6 * 60 * 1000, Ordering::SeqCst);
    sign_in(&e, "36.000001", "mật khẩu chi bộ", "10.0.0.3").unwrap();

    // One address guessing at many logins is stopped after twenty, whatever the logins.
    for i in 0..20 {
        let guess = sign_in(&e, &format!("36.10{i:04}"), "đoán", "10.0.0.9").unwrap_err();
        assert_eq!(guess.kind(), ErrorKind::BadCredentials);
    }
    let stopped = sign_in(&e, "36.000001", "mật khẩu chi bộ", "10.0.0.9").unwrap_err();
    assert_eq!(stopped.kind(), ErrorKind::RateLimited);
    sign_in(&e, "36.000001", "mật khẩu chi bộ", "10.0.0.10").unwrap();
    let limited = e
        .security_log(&admin(), 0, 500)
        .unwrap()
        .iter()
        .filter(|s| s.kind == SecurityKind::SignInLimited)
        .count();
    assert_eq!(limited, 3);
}

on_both_backends!(backend => super::engine;
    a_second_device_signs_in_with_the_password_and_acts_as_the_member,
    wrong_passwords_are_limited_per_account_and_per_address_until_the_window_passes,
);
