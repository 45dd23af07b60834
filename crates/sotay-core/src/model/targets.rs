use crate::entity::{EntityKind, Record};
use crate::error::{Invalid, ValidationError, in_range, invalid};
use crate::id::derived_id;
use crate::report::Targets;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The targets a superior committee sets for the cells below it (chỉ tiêu), inherited by every
/// unit below until another committee sets its own. One per unit: its id is derived from the
/// unit's, so two committee members setting them offline write the same record. Rates are whole
/// percentages, as committees state them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitTargets {
    pub id: Uuid,
    pub unit_id: Uuid,
    /// Regular meetings a year; fewer but at least `regular_acceptable` is "at risk".
    pub regular_meetings: i64,
    pub regular_acceptable: i64,
    pub thematic_meetings: i64,
    pub attendance_percent: i64,
    pub spoke_percent: i64,
    pub published_percent: i64,
    pub tasks_percent: i64,
    /// The quorum's share, in percent (more than it); none: the default, more than half.
    #[serde(default)]
    pub quorum_percent: Option<i64>,
}

impl UnitTargets {
    pub fn id_for(unit: Uuid) -> Uuid {
        derived_id("unit_targets", unit, unit)
    }

    /// The record for `unit` holding `targets` (rates rounded to whole percentages).
    pub fn of(unit: Uuid, targets: &Targets) -> UnitTargets {
        let percent = |f: f64| (f * 100.0).round() as i64;
        UnitTargets {
            id: UnitTargets::id_for(unit),
            unit_id: unit,
            regular_meetings: targets.regular_meetings,
            regular_acceptable: targets.regular_acceptable,
            thematic_meetings: targets.thematic_meetings,
            attendance_percent: percent(targets.attendance),
            spoke_percent: percent(targets.spoke),
            published_percent: percent(targets.published_on_time),
            tasks_percent: percent(targets.tasks_on_time),
            quorum_percent: Some(percent(targets.quorum)),
        }
    }

    /// The targets the figures are measured against.
    pub fn targets(&self) -> Targets {
        let rate = |p: i64| p as f64 / 100.0;
        Targets {
            regular_meetings: self.regular_meetings,
            regular_acceptable: self.regular_acceptable,
            thematic_meetings: self.thematic_meetings,
            attendance: rate(self.attendance_percent),
            spoke: rate(self.spoke_percent),
            published_on_time: rate(self.published_percent),
            tasks_on_time: rate(self.tasks_percent),
            quorum: self.quorum_percent.map_or(Targets::default().quorum, rate),
        }
    }
}

impl Record for UnitTargets {
    const KIND: EntityKind = EntityKind::UnitTargets;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        in_range("regular_meetings", self.regular_meetings, 1, 12)?;
        in_range("regular_acceptable", self.regular_acceptable, 0, 12)?;
        if self.regular_acceptable > self.regular_meetings {
            return Err(invalid(
                "regular_acceptable",
                Invalid::Inconsistent {
                    reason: "the acceptable number of meetings cannot exceed the target",
                },
            ));
        }
        in_range("thematic_meetings", self.thematic_meetings, 0, 12)?;
        in_range("attendance_percent", self.attendance_percent, 0, 100)?;
        in_range("spoke_percent", self.spoke_percent, 0, 100)?;
        in_range("published_percent", self.published_percent, 0, 100)?;
        in_range("tasks_percent", self.tasks_percent, 0, 100)?;
        match self.quorum_percent {
            // Under half, a meeting's resolutions could pass with a minority of the cell.
            Some(q) => in_range("quorum_percent", q, 50, 99),
            None => Ok(()),
        }
    }
}
