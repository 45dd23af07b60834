//! A superior committee sets the targets the cells below it are measured against (chỉ tiêu):
//! written under its own unit, synced to every unit below, inherited until a committee nearer
//! the cells sets its own; cleared, the committee's units go back to what is above (or the
//! defaults from the guidance).

use crate::app::App;
use crate::error::{AppError, Result};
use crate::reports::{ReportArgs, UnitReport};
use serde::Deserialize;
use sotay_core::access::{Action, Whose, decide};
use sotay_core::model::UnitTargets;
use sotay_core::report::Targets;
use sotay_core::{EntityKind, FieldMap, Record};
use sotay_store::Store;
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

/// Sets (or clears) `unit`'s targets, if this device's committee runs that unit.
pub fn set_targets(store: &mut Store, unit: Uuid, targets: &Targets, clear: bool) -> Result<()> {
    let principal = crate::members::roster::principal_here(store)?;
    let probe = FieldMap::new();
    let allowed = decide(
        &principal,
        EntityKind::UnitTargets,
        Some(unit),
        Whose::Others,
        Action::Insert { new: &probe },
    )
    .is_ok();
    if !allowed {
        return Err(AppError::new(
            "forbidden",
            "only the superior committee sets its cells' targets",
        ));
    }
    let record = UnitTargets::of(unit, targets);
    if clear {
        if store.get::<UnitTargets>(record.id)?.is_some() {
            store.write(|w| w.delete(EntityKind::UnitTargets, record.id))?;
        }
        return Ok(());
    }
    record.validate()?;
    store.write(|w| w.put(&record))?;
    Ok(())
}

impl App {
    /// Sets my committee's targets and answers with the report measured against them.
    pub fn set_targets(&self, args: TargetsArgs) -> Result<UnitReport> {
        {
            let mut store = self.store()?;
            let unit = crate::exports::unit_or_mine(&store, args.unit_id)?;
            set_targets(&mut store, unit, &args.targets, args.clear)?;
        }
        self.local_change();
        self.unit_report(ReportArgs {
            unit_id: args.unit_id,
            year: None,
        })
    }
}
