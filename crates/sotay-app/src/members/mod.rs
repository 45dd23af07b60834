//! Members' records (hồ sơ đảng viên) as a committee keeps them: a member's page — standing and
//! the probation's countdown, the transfers that brought them here, the yearly ratings — and the
//! committee's changes to it: admitting a new (probationary) member, recognising a probationary
//! member as official after the cell's vote, recording the year's rating, and planning the year's
//! admissions. Every change is checked against the rules table here, as the server checks it.

pub mod roster;

pub use roster::{invite_member, record_transfer, roster, transfer_member};

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::read::member_ref;
use crate::session::require;
use crate::views::{IdArgs, MemberRef};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sotay_core::ErrorKind;
use sotay_core::access::{Action, Whose, decide};
use sotay_core::checks::probation_ends;
use sotay_core::id::new_id;
use sotay_core::model::{Gender, Member, MemberRating, OrgUnit, RatingLevel, Role, Standing};
use sotay_core::time::{local_date, parse_date};
use sotay_core::{EntityKind, FieldMap, Record};
use sotay_store::Store;
use ts_rs::TS;
use uuid::Uuid;

/// Where a probation stands: the day its twelve months end and how many days are left (below
/// zero once they have passed without the vote).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Probation {
    pub ends_on: NaiveDate,
    pub days_left: i64,
}

/// One move of the member between units, by the units' names where this device knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TransferLine {
    pub effective_on: NaiveDate,
    pub from_name: Option<String>,
    pub to_name: Option<String>,
    pub reason: Option<String>,
}

/// One year's rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RatingLine {
    pub year: i64,
    pub level: RatingLevel,
    pub score: Option<i64>,
    pub note: Option<String>,
    /// The cell that gave it.
    pub unit_name: Option<String>,
}

/// A member's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MemberRecord {
    pub member: MemberRef,
    pub standing: Standing,
    pub gender: Option<Gender>,
    pub born_on: Option<NaiveDate>,
    pub admitted_on: Option<NaiveDate>,
    pub official_on: Option<NaiveDate>,
    pub exempt: bool,
    pub temporarily_attached: bool,
    pub home_unit: Option<String>,
    /// For a probationary member admitted on a known day.
    pub probation: Option<Probation>,
    /// Oldest first.
    pub transfers: Vec<TransferLine>,
    /// Newest year first.
    pub ratings: Vec<RatingLine>,
    /// This device's committee keeps this member's record (admits, recognises, rates).
    pub may_edit: bool,
}

/// A new member admitted to the committee's unit (the device member's when `unit_id` is
/// `None`): probationary from `admitted_on`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AdmitArgs {
    pub unit_id: Option<Uuid>,
    pub full_name: String,
    pub gender: Option<Gender>,
    /// dd/mm/yyyy or yyyy-mm-dd.
    pub born_on: Option<String>,
    /// The admission ceremony, dd/mm/yyyy or yyyy-mm-dd.
    pub admitted_on: String,
    pub phone: Option<String>,
}

/// The cell voted a probationary member official, from `official_on`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct OfficialArgs {
    pub member_id: Uuid,
    /// dd/mm/yyyy or yyyy-mm-dd.
    pub official_on: String,
}

/// A member's rating for a year (a correction overwrites it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RateArgs {
    pub member_id: Uuid,
    pub year: i64,
    pub level: RatingLevel,
    /// 0–100, when the cell scored the member.
    pub score: Option<i64>,
    pub note: Option<String>,
}

fn unit_name(store: &Store, unit: Uuid) -> Result<Option<String>> {
    Ok(store.get::<OrgUnit>(unit)?.map(|u| u.name))
}

/// A member's page: standing and probation, transfers, yearly ratings.
pub fn member_record(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MemberRecord> {
    record_of(cx, id)
}

/// The member's page as of today.
fn record_of(cx: &Cx, id: Uuid) -> Result<MemberRecord> {
    let (store, session, now) = cx.parts();
    let today = local_date(now);
    let m: Member = store.require(id)?;
    let probation = probation_of(&m, today);
    let mut transfers = Vec::new();
    for t in store.transfers_of(id)? {
        transfers.push(TransferLine {
            effective_on: t.effective_on,
            from_name: unit_name(store, t.from_unit_id)?,
            to_name: unit_name(store, t.to_unit_id)?,
            reason: t.reason,
        });
    }
    let mut ratings = Vec::new();
    for r in store.ratings_of(id)? {
        ratings.push(RatingLine {
            year: r.year,
            level: r.level,
            score: r.score,
            note: r.note,
            unit_name: unit_name(store, r.unit_id)?,
        });
    }
    let may_edit = session.may_write(EntityKind::MemberRating, m.unit_id, &FieldMap::new());
    Ok(MemberRecord {
        standing: m.standing,
        gender: m.gender,
        born_on: m.born_on,
        admitted_on: m.admitted_on,
        official_on: m.official_on,
        exempt: m.exempt,
        temporarily_attached: m.temporarily_attached,
        home_unit: m.home_unit.clone(),
        probation,
        transfers,
        ratings,
        may_edit,
        member: member_ref(store, m)?,
    })
}

/// Admits a new member to my unit (or the one given), probationary from the admission day;
/// answers with their page.
pub fn admit_member(cx: &mut Cx, args: AdmitArgs) -> Result<MemberRecord> {
    let today = cx.today();
    let (store, session, _) = cx.parts_mut();
    let unit = session.unit_or_mine(args.unit_id)?;
    let _: OrgUnit = store.require(unit)?;
    let admitted_on = parse_date("admitted_on", &args.admitted_on)?;
    if admitted_on > today {
        return Err(AppError::new(
            ErrorKind::AdmittedInFuture,
            "the admission ceremony has not happened yet: record it on the day",
        ));
    }
    let born_on = match args.born_on.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => Some(parse_date("born_on", d)?),
        _ => None,
    };
    let member = Member {
        id: new_id(),
        unit_id: unit,
        full_name: sotay_core::text::normalize(args.full_name.trim()),
        gender: args.gender,
        born_on,
        standing: Standing::Probationary,
        admitted_on: Some(admitted_on),
        official_on: None,
        role: Role::Member,
        exempt: false,
        exempt_reason: None,
        temporarily_attached: false,
        home_unit: None,
        phone: sotay_core::text::entered(args.phone.as_deref()),
        card_number: None,
        citizen_id: None,
    };
    member.validate()?;
    require(
        session.may_write(EntityKind::Member, unit, &member.to_fields()),
        "admits members to it",
    )?;
    store.write(|w| w.insert(&member))?;
    record_of(cx, member.id)
}

/// Records the cell's vote: the probationary member is official from `official_on`.
pub fn recognise_official(cx: &mut Cx, args: OfficialArgs) -> Result<MemberRecord> {
    let (store, session, _) = cx.parts_mut();
    let m: Member = store.require(args.member_id)?;
    if m.standing != Standing::Probationary {
        return Err(AppError::new(
            ErrorKind::NotProbationary,
            format!("{} is already an official member", m.full_name),
        ));
    }
    let official_on = parse_date("official_on", &args.official_on)?;
    let mut official = m.clone();
    official.standing = Standing::Official;
    official.official_on = Some(official_on);
    official.validate()?;
    let allowed = decide(
        session.principal(),
        EntityKind::Member,
        Some(m.unit_id),
        Whose::Others,
        Action::Update {
            fields: &["standing", "official_on"],
            old: &m.to_fields(),
            new: &official.to_fields(),
        },
    )
    .is_ok();
    require(allowed, "recognises its members as official")?;
    store.write(|w| {
        w.modify::<Member>(m.id, |x| {
            x.standing = Standing::Official;
            x.official_on = Some(official_on);
        })
        .map(|_| ())
    })?;
    record_of(cx, m.id)
}

/// Records (or corrects) a member's rating for a year, under the member's cell.
pub fn rate_member(cx: &mut Cx, args: RateArgs) -> Result<MemberRecord> {
    let this_year = i64::from(cx.today().year());
    let (store, session, _) = cx.parts_mut();
    let m: Member = store.require(args.member_id)?;
    if args.year > this_year {
        return Err(AppError::new(
            ErrorKind::RatingYearAhead,
            format!("{} has not begun: a year is rated at its end", args.year),
        ));
    }
    if let Some(score) = args.score
        && (0..=100).contains(&score)
        && args.level < RatingLevel::of_score(score)
    {
        return Err(AppError::new(
            ErrorKind::LevelAboveScore,
            format!(
                "a score of {score} allows at most \"{}\"",
                RatingLevel::of_score(score)
            ),
        ));
    }
    let rating = MemberRating {
        id: MemberRating::id_for(m.id, args.year),
        member_id: m.id,
        unit_id: m.unit_id,
        year: args.year,
        level: args.level,
        score: args.score,
        note: sotay_core::text::entered(args.note.as_deref()),
    };
    rating.validate()?;
    require(
        session.may_write(EntityKind::MemberRating, m.unit_id, &rating.to_fields()),
        "rates its members",
    )?;
    store.write(|w| w.put(&rating))?;
    record_of(cx, m.id)
}

/// Where a member's probation stands on `today`, if they are probationary.
pub(crate) fn probation_of(m: &Member, today: NaiveDate) -> Option<Probation> {
    if m.standing != Standing::Probationary {
        return None;
    }
    let ends_on = probation_ends(m.admitted_on?)?;
    Some(Probation {
        ends_on,
        days_left: (ends_on - today).num_days(),
    })
}
