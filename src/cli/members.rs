//! The committee's commands on members' records: a member's page, admitting a member,
//! recognising one as official, rating one, and the year's admissions against the plan.

use super::member_args::{AdmissionsOptions, AdmitCmd, GenderArg, LevelArg, MemberAction, RateCmd};
use super::ops::{Result, parse_id, run};
use super::output::Out;
use sotay_app::members::{
    AdmitArgs, MemberRecord, OfficialArgs, RateArgs, admit_member, member_record, rate_member,
    recognise_official,
};
use sotay_app::reports::targets::AdmissionPlanArgs;
use sotay_app::reports::{ReportArgs, plan_admissions, this_year, unit_report};
use sotay_app::views::IdArgs;
use sotay_core::model::{Gender, RatingLevel};
use sotay_store::Store;

pub fn member(store: &mut Store, action: &MemberAction, out: &mut Out) -> Result {
    let (record, json) = match action {
        MemberAction::Show { member, json } => {
            let id = parse_id(member)?;
            (run(store, member_record, IdArgs { id })?, *json)
        }
        MemberAction::Admit(cmd) => (admit(store, cmd)?, cmd.json),
        MemberAction::Official { member, on, json } => {
            let args = OfficialArgs {
                member_id: parse_id(member)?,
                official_on: on.clone(),
            };
            (run(store, recognise_official, args)?, *json)
        }
        MemberAction::Rate(cmd) => (rate(store, cmd)?, cmd.json),
    };
    if json {
        return Ok(out.json(&record)?);
    }
    show(&record, out)?;
    Ok(out.finish()?)
}

fn admit(store: &mut Store, cmd: &AdmitCmd) -> Result<MemberRecord> {
    let unit = super::ops::unit_or_mine(store, cmd.unit.as_ref())?;
    let args = AdmitArgs {
        unit_id: Some(unit),
        full_name: cmd.name.clone(),
        gender: cmd.gender.map(|g| match g {
            GenderArg::Male => Gender::Male,
            GenderArg::Female => Gender::Female,
        }),
        born_on: cmd.born_on.clone(),
        admitted_on: cmd.admitted_on.clone(),
        phone: cmd.phone.clone(),
    };
    run(store, admit_member, args)
}

fn rate(store: &mut Store, cmd: &RateCmd) -> Result<MemberRecord> {
    let args = RateArgs {
        member_id: parse_id(&cmd.member)?,
        year: cmd.year,
        level: match cmd.level {
            LevelArg::Excellent => RatingLevel::Excellent,
            LevelArg::Good => RatingLevel::Good,
            LevelArg::Completed => RatingLevel::Completed,
            LevelArg::NotCompleted => RatingLevel::NotCompleted,
        },
        score: cmd.score,
        note: cmd.note.clone(),
    };
    run(store, rate_member, args)
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.format("%d/%m/%Y").to_string())
}

fn show(r: &MemberRecord, out: &mut Out) -> Result {
    out.line(format!(
        "{} ({}) · {} · {}",
        r.member.full_name, r.member.id, r.member.role, r.member.unit_name
    ))?;
    out.line(format!(
        "Standing: {} · admitted {} · official {}",
        r.standing,
        day(r.admitted_on),
        day(r.official_on)
    ))?;
    if let Some(p) = &r.probation {
        let when = if p.days_left >= 0 {
            format!("{} days left", p.days_left)
        } else {
            format!(
                "{} days ago: the cell is to vote on official membership",
                -p.days_left
            )
        };
        out.line(format!("Probation ends {} ({when})", day(Some(p.ends_on))))?;
    }
    for t in &r.transfers {
        out.line(format!(
            "Transfer {}: {} → {}{}",
            day(Some(t.effective_on)),
            t.from_name.as_deref().unwrap_or("(another unit)"),
            t.to_name.as_deref().unwrap_or("(another unit)"),
            t.reason
                .as_deref()
                .map(|r| format!(" · {r}"))
                .unwrap_or_default()
        ))?;
    }
    for x in &r.ratings {
        out.line(format!(
            "Rating {}: {}{}{}",
            x.year,
            x.level,
            x.score
                .map(|s| format!(" ({s} points)"))
                .unwrap_or_default(),
            x.note
                .as_deref()
                .map(|n| format!(" · {n}"))
                .unwrap_or_default()
        ))?;
    }
    Ok(())
}

/// `sotay admissions`: each committee's admissions this year against its plan, after setting or
/// clearing the unit's plan when asked.
pub fn admissions(store: &mut Store, options: &AdmissionsOptions, out: &mut Out) -> Result {
    let unit = super::ops::unit_or_mine(store, options.unit.as_ref())?;
    let now = store.now();
    let year = options.year.unwrap_or_else(|| this_year(now));
    let args = AdmissionPlanArgs {
        unit_id: Some(unit),
        year: Some(year),
        planned: options.plan,
    };
    let report = if options.plan.is_some() || options.clear {
        run(store, plan_admissions, args)?
    } else {
        run(
            store,
            unit_report,
            ReportArgs {
                unit_id: Some(unit),
                year: Some(year),
            },
        )?
    };
    if options.json {
        return Ok(out.json(&report.admissions)?);
    }
    out.table_of(
        &["UNIT", "ADMITTED", "PLANNED", "OF PLAN"],
        &report.admissions,
        |a| {
            vec![
                a.name.clone(),
                a.admitted.to_string(),
                a.planned
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "—".into()),
                match a.planned {
                    Some(p) if p > 0 => format!("{:.1}%", a.admitted as f64 * 100.0 / p as f64),
                    _ => "—".into(),
                },
            ]
        },
    )?;
    Ok(out.finish()?)
}
