//! Device tokens over time and signing devices out, on the engine: a token expires the offline
//! limit after its device was last heard from, each request moving that on; a signed-out device
//! is refused as such, and its first contact after is logged once; who may list and sign out
//! whose devices; a device joining again may not become another member.

use super::*;
use sotay_server::Grant;
use sotay_sync_protocol::{DevicesQuery, SecurityKind};
use std::sync::atomic::{AtomicU64, Ordering};

const DAY: u64 = 24 * 60 * 60 * 1000;

/// An engine whose clock the test moves, from `NOW`.
fn clocked<B: Backend>(backend: B) -> (Engine<B>, Arc<AtomicU64>) {
    let mut e = Engine::new(backend).unwrap();
    let clock = Arc::new(AtomicU64::new(NOW));
    let c = clock.clone();
    e.set_wall_clock(Arc::new(move || c.load(Ordering::SeqCst)));
    (e, clock)
}

/// A cell with a secretary and a member, each with a device that joined by invite.
struct Cell {
    secretary: Device,
    secretary_token: String,
    member: Uuid,
    member_token: String,
    member_client: ClientId,
}

fn cell<B: Backend>(e: &Engine<B>) -> Cell {
    let unit = fixtures::unit(None, UnitLevel::Cell, "Chi bộ thôn Đông");
    assert_eq!(
        push(e, &admin(), vec![create(1, &unit)]),
        [MutationStatus::Applied]
    );
    let secretary = device_of(e, unit.id, Role::Secretary);
    let member = device_of(e, unit.id, Role::Member);
    let join = |d: &Device| {
        let m = d.principal.member.unwrap();
        let code = e.create_invite(Grant::Member(m)).unwrap();
        let client = ClientId::new();
        (e.register(&joining(&code, client)).unwrap().token, client)
    };
    let (secretary_token, _) = join(&secretary);
    let (member_token, member_client) = join(&member);
    Cell {
        secretary: e.authenticate(&secretary_token).unwrap(),
        secretary_token,
        member: member.principal.member.unwrap(),
        member_token,
        member_client,
    }
}

fn kinds<B: Backend>(e: &Engine<B>, kind: SecurityKind) -> usize {
    let log = e.security_log(&admin(), 0, 1000).unwrap();
    log.iter().filter(|s| s.kind == kind).count()
}

fn a_token_expires_unless_used_and_use_renews_it<B: Backend>(backend: B) {
    let (e, clock) = clocked(backend);
    let c = cell(&e);
    assert_eq!(e.offline_days(), 30);
    // Used on day 20: good until day 50.
    clock.store(NOW + 20 * DAY, Ordering::SeqCst);
    e.authenticate(&c.member_token).unwrap();
    clock.store(NOW + 45 * DAY, Ordering::SeqCst);
    e.authenticate(&c.member_token).unwrap();
    // The secretary's, unused since day 0, expired on day 30: refused, logged once.
    for _ in 0..2 {
        assert!(matches!(
            e.authenticate(&c.secretary_token),
            Err(ServerError::SessionExpired)
        ));
    }
    assert_eq!(kinds(&e, SecurityKind::SessionExpired), 1);
    // Within the hour after a use, a request writes nothing: the expiry stays.
    let seen = |e: &Engine<B>| {
        let q = DevicesQuery::default();
        e.devices(&e.authenticate(&c.member_token).unwrap(), &q)
            .unwrap()[0]
            .last_seen
    };
    let before = seen(&e);
    clock.store(NOW + 45 * DAY + 59 * 60_000, Ordering::SeqCst);
    assert_eq!(seen(&e), before);
}

fn a_signed_out_device_is_refused_and_its_contact_logged_once<B: Backend>(backend: B) {
    let (e, _) = clocked(backend);
    let c = cell(&e);
    // The member may not sign the secretary's devices out, nor list them.
    let member = e.authenticate(&c.member_token).unwrap();
    let secretary_client = c.secretary.client_id;
    assert!(matches!(
        e.revoke_device(&member, secretary_client),
        Err(ServerError::Forbidden)
    ));
    let theirs = DevicesQuery {
        member: c.secretary.principal.member,
        all: None,
    };
    assert!(matches!(
        e.devices(&member, &theirs),
        Err(ServerError::Forbidden)
    ));
    assert!(matches!(
        e.devices(
            &member,
            &DevicesQuery {
                member: None,
                all: Some(true)
            }
        ),
        Err(ServerError::Forbidden)
    ));
    // An unknown device is not told apart from another's to whoever may not sign it out.
    assert!(matches!(
        e.revoke_device(&member, ClientId::new()),
        Err(ServerError::Forbidden)
    ));
    assert!(matches!(
        e.revoke_device(&admin(), ClientId::new()),
        Err(ServerError::UnknownDevice(_))
    ));

    // The cell's secretary signs the member's lost device out.
    let mine = DevicesQuery {
        member: Some(c.member),
        all: None,
    };
    assert_eq!(e.devices(&c.secretary, &mine).unwrap().len(), 1);
    let info = e.revoke_device(&c.secretary, c.member_client).unwrap();
    assert_eq!(info.revoked_by.as_deref(), Some("committee"));
    // Again: nothing more happens.
    assert_eq!(
        e.revoke_device(&c.secretary, c.member_client).unwrap(),
        info
    );
    for _ in 0..3 {
        assert!(matches!(
            e.authenticate(&c.member_token),
            Err(ServerError::DeviceRevoked)
        ));
    }
    assert_eq!(kinds(&e, SecurityKind::DeviceRevoked), 1);
    assert_eq!(kinds(&e, SecurityKind::RevokedDeviceErased), 1);
}

fn joining_again_as_another_member_is_refused_and_the_invite_kept<B: Backend>(backend: B) {
    let (e, _) = clocked(backend);
    let c = cell(&e);
    let secretary = c.secretary.principal.member.unwrap();
    let code = e.create_invite(Grant::Member(secretary)).unwrap();
    let mut again = joining(&code, c.member_client);
    again.member_id = Some(c.member);
    match e.register(&again) {
        Err(ServerError::Refused { kind, .. }) => {
            assert_eq!(kind, sotay_core::ErrorKind::WrongMember)
        }
        other => panic!("{other:?}"),
    }
    // The member's device still works, and the invite joins the secretary's new device.
    e.authenticate(&c.member_token).unwrap();
    let joined = e.register(&joining(&code, ClientId::new())).unwrap();
    assert_eq!(joined.member, Some(secretary));
    // Names are trimmed; a name on several lines is refused.
    let mut named = joining(
        &e.create_invite(Grant::Member(secretary)).unwrap(),
        ClientId::new(),
    );
    named.device_name = Some("Laptop\nở nhà".into());
    assert!(matches!(e.register(&named), Err(ServerError::Invalid(_))));
}

on_both_backends!(backend => super::sessions::as_given;
    a_token_expires_unless_used_and_use_renews_it,
    a_signed_out_device_is_refused_and_its_contact_logged_once,
    joining_again_as_another_member_is_refused_and_the_invite_kept,
);

/// Each test makes its own engine, on a clock it moves.
pub(super) fn as_given<B: Backend>(backend: B, test: fn(B)) {
    test(backend);
}
