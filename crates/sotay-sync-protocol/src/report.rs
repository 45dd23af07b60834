//! `GET /v1/report`: the monitoring figures of the cells at or below a unit for a year, computed
//! by the server from its own records with the same formulas as the app (`sotay_core::report`).

use serde::{Deserialize, Serialize};
use sotay_core::report::{Admissions, Figures, MonthFigures, Targets, Verdicts};
use uuid::Uuid;

/// Which unit's cells, for which year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
// A query string: without this, utoipa documents the fields as required path parameters.
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReportQuery {
    pub unit: Uuid,
    /// A year from 1930 to 2100 (in Vietnam's calendar); this year when left out.
    pub year: Option<i32>,
}

/// One cell's year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CellFigures {
    pub unit_id: Uuid,
    pub name: String,
    /// The unit the cell is under, by name.
    pub parent_name: String,
    pub members: i64,
    /// The day the cell (or the nearest unit above it that says) started keeping its record in
    /// Sotay, `yyyy-mm-dd`: nothing before it is judged.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub in_sotay_since: Option<chrono::NaiveDate>,
    pub figures: Figures,
    pub verdicts: Verdicts,
    /// Twelve months.
    pub months: Vec<MonthFigures>,
}

/// The cells at or below a unit, for a year, as of a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitFigures {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub year: i32,
    /// The day the figures are of, `yyyy-mm-dd` in Vietnam.
    pub as_of: String,
    pub targets: Targets,
    /// By name.
    pub cells: Vec<CellFigures>,
    /// The unit's committee and each committee between it and the cells: members admitted
    /// below it this year against its plan.
    pub admissions: Vec<Admissions>,
}
