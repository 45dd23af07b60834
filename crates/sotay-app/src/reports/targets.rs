//! A superior committee sets the targets the cells below it are measured against (chỉ tiêu):
//! written under its own unit, synced to every unit below, inherited until a committee nearer
//! the cells sets its own; cleared, the committee's units go back to what is above (or the
//! defaults from the guidance).

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::reports::{ReportArgs, UnitReport, this_year, unit_report};
use crate::session::require;
use serde::Deserialize;
use sotay_core::ErrorKind;
use sotay_core::access::{Action, Whose, decide};
use sotay_core::model::{AdmissionPlan, UnitTargets};
use sotay_core::report::Targets;
use sotay_core::{EntityKind, FieldMap, Record};
use ts_rs::TS;
use uuid::Uuid;

/// New targets for the committee's unit (the device member's when `unit_id` is `None`), or, with
/// `clear`, none of its own any more.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct TargetsArgs {
    pub unit_id: Option<Uuid>,
    pub targets: Targets,
    pub clear: bool,
}

/// The committee's plan of admissions for a year (`planned: None` takes the plan away).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AdmissionPlanArgs {
    pub unit_id: Option<Uuid>,
    /// This year when absent.
    pub year: Option<i32>,
    pub planned: Option<i64>,
}

/// Sets (or clears) my committee's targets for the cells below (or the given unit's), if this
/// device's committee runs that unit; answers with the report measured against them.
pub fn set_targets(cx: &mut Cx, args: TargetsArgs) -> Result<UnitReport> {
    let (store, session, _) = cx.parts_mut();
    let unit = session.unit_or_mine(args.unit_id)?;
    let probe = FieldMap::new();
    let allowed = decide(
        session.principal(),
        EntityKind::UnitTargets,
        Some(unit),
        Whose::Others,
        Action::Insert { new: &probe },
    )
    .is_ok();
    if !allowed {
        return Err(AppError::new(
            ErrorKind::Forbidden,
            "only the superior committee sets its cells' targets",
        ));
    }
    let record = UnitTargets::of(unit, &args.targets);
    if args.clear {
        if store.get::<UnitTargets>(record.id)?.is_some() {
            store.write(|w| w.delete(EntityKind::UnitTargets, record.id))?;
        }
    } else {
        record.validate()?;
        store.write(|w| w.put(&record))?;
    }
    unit_report(
        cx,
        ReportArgs {
            unit_id: args.unit_id,
            year: None,
        },
    )
}

/// Sets (or, with `planned: None`, takes away) my committee's plan of admissions for a year;
/// answers with the report measured against it.
pub fn plan_admissions(cx: &mut Cx, args: AdmissionPlanArgs) -> Result<UnitReport> {
    let year = args.year.unwrap_or_else(|| this_year(cx.now()));
    let (store, session, _) = cx.parts_mut();
    let unit = session.unit_or_mine(args.unit_id)?;
    let plan = AdmissionPlan::new(unit, i64::from(year), args.planned.unwrap_or(0));
    plan.validate()?;
    require(
        session.may_write(EntityKind::AdmissionPlan, unit, &plan.to_fields()),
        "plans its admissions",
    )?;
    match args.planned {
        Some(_) => store.write(|w| w.put(&plan))?,
        None if store.get::<AdmissionPlan>(plan.id)?.is_some() => {
            store.write(|w| w.delete(EntityKind::AdmissionPlan, plan.id))?
        }
        None => {}
    }
    unit_report(
        cx,
        ReportArgs {
            unit_id: args.unit_id,
            year: Some(year),
        },
    )
}
