//! The day a unit started keeping its record in Sotay (đưa vào sử dụng): the figures and the rule
//! checks judge nothing before it, so a commune that starts in December has not "missed" eleven
//! months. Set by the unit's committee or a committee above it (for all its cells at once, on its
//! own unit: the cells inherit it), and by the administrator.

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::read::units;
use crate::views::UnitView;
use serde::Deserialize;
use sotay_core::access::{Action, Whose, decide};
use sotay_core::model::OrgUnit;
use sotay_core::time::parse_date;
use sotay_core::{EntityKind, ErrorKind, Record};
use ts_rs::TS;
use uuid::Uuid;

/// Sets the day a unit (the device member's when `unit_id` is `None`) started keeping its record
/// in Sotay, or, with `since: None`, takes it away (the unit then goes by the one above).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct UnitSinceArgs {
    pub unit_id: Option<Uuid>,
    /// `dd/mm/yyyy` (or `yyyy-mm-dd`).
    pub since: Option<String>,
}

/// Sets (or clears) the unit's start in Sotay, if this device's committee runs the unit or one
/// above it; answers with the unit as the tree shows it now (its own day and the one it goes by).
pub fn set_unit_since(cx: &mut Cx, args: UnitSinceArgs) -> Result<UnitView> {
    let (store, session, _) = cx.parts_mut();
    let unit_id = session.unit_or_mine(args.unit_id)?;
    let unit: OrgUnit = store.require(unit_id)?;
    let since = match args.since.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(day) => Some(parse_date("since", day)?),
    };
    let after = OrgUnit {
        in_sotay_since: since,
        ..unit.clone()
    };
    let allowed = decide(
        session.principal(),
        EntityKind::OrgUnit,
        Some(unit_id),
        Whose::Others,
        Action::Update {
            fields: &["in_sotay_since"],
            old: &unit.to_fields(),
            new: &after.to_fields(),
        },
    )
    .is_ok();
    if !allowed {
        return Err(AppError::new(
            ErrorKind::Forbidden,
            "only the unit's committee, a committee above it or the administrator says when it started in Sotay",
        ));
    }
    if unit.in_sotay_since != since {
        store.write(|w| {
            w.modify::<OrgUnit>(unit_id, |u| u.in_sotay_since = since)
                .map(|_| ())
        })?;
    }
    units(store)?
        .into_iter()
        .find(|u| u.id == unit_id)
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, "that unit is no longer in the tree"))
}
