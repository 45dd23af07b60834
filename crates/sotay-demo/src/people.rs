//! Members with Vietnamese names, roles and standings.

use crate::corpus::*;
use chrono::{Duration, NaiveDate};
use sotay_core::id::new_id;
use sotay_core::model::{Gender, Member, Role, Standing};
use uuid::Uuid;

fn pick<'a>(rng: &mut fastrand::Rng, from: &[&'a str]) -> &'a str {
    from[rng.usize(..from.len())]
}

pub fn full_name(rng: &mut fastrand::Rng, gender: Gender) -> String {
    let (middle, given) = match gender {
        Gender::Male => (MIDDLE_MALE, GIVEN_MALE),
        Gender::Female => (MIDDLE_FEMALE, GIVEN_FEMALE),
    };
    format!(
        "{} {} {}",
        pick(rng, FAMILY),
        pick(rng, middle),
        pick(rng, given)
    )
}

/// A commune's or district's standing committee: a secretary, a deputy and a committee member,
/// official and serving — the people a superior committee's device belongs to.
pub fn committee(rng: &mut fastrand::Rng, unit_id: Uuid, today: NaiveDate) -> Vec<Member> {
    members(rng, unit_id, 3, today)
        .into_iter()
        .map(|mut m| {
            if m.role == Role::Member {
                m.role = Role::CommitteeMember;
            }
            if m.standing == Standing::Probationary {
                m.standing = Standing::Official;
                m.official_on = m.admitted_on.map(|d| d + Duration::days(365));
            }
            m.exempt = false;
            m.exempt_reason = None;
            m.temporarily_attached = false;
            m.home_unit = None;
            m
        })
        .collect()
}

/// `count` members of a cell; the first is the secretary, the second the deputy.
pub fn members(
    rng: &mut fastrand::Rng,
    unit_id: Uuid,
    count: usize,
    today: NaiveDate,
) -> Vec<Member> {
    let committee = if count >= 10 { rng.usize(1..=3) } else { 0 };
    (0..count)
        .map(|i| {
            let gender = if rng.u8(..100) < 38 {
                Gender::Female
            } else {
                Gender::Male
            };
            let age = rng.i64(22..=85);
            let born_on = today - Duration::days(age * 365 + rng.i64(0..365));
            let probationary = i >= 2 && age < 40 && rng.u8(..100) < 25;
            let (standing, admitted_on, official_on) = if probationary {
                let admitted = today - Duration::days(rng.i64(30..360));
                (Standing::Probationary, admitted, None)
            } else {
                let admitted_age = rng.i64(18..=(age.min(45)));
                let admitted = born_on + Duration::days(admitted_age * 365 + rng.i64(0..300));
                let admitted = admitted.min(today - Duration::days(400));
                (
                    Standing::Official,
                    admitted,
                    Some(admitted + Duration::days(365)),
                )
            };
            let role = match i {
                0 => Role::Secretary,
                1 => Role::DeputySecretary,
                n if n < 2 + committee => Role::CommitteeMember,
                _ => Role::Member,
            };
            let exempt = i >= 2 && age >= 75 && rng.u8(..100) < 60;
            let attached = !exempt && i >= 2 && rng.u8(..100) < 4;
            Member {
                id: new_id(),
                unit_id,
                full_name: full_name(rng, gender),
                gender: Some(gender),
                born_on: Some(born_on),
                standing,
                admitted_on: Some(admitted_on),
                official_on,
                role,
                exempt,
                exempt_reason: exempt.then(|| "Tuổi cao, sức yếu".to_owned()),
                temporarily_attached: attached,
                home_unit: attached
                    .then(|| format!("Chi bộ thôn {} (quê quán)", pick(rng, VILLAGES))),
                phone: Some(format!("09{}{:07}", rng.u8(0..10), rng.u32(..10_000_000))),
                card_number: None,
                citizen_id: None,
            }
        })
        .collect()
}
