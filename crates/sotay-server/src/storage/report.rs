//! The monitoring report's role: the facts its figures are computed from.

use super::Result;
use uuid::Uuid;

/// What `GET /v1/report` reads: each backend's own SQL over the records, each read served by a
/// partial index on its own expressions.
pub trait ReportTx {
    /// What the monitoring figures of `cells` read: their meetings starting in `[from, to)` (ms),
    /// those meetings' roll calls and speakers, their tasks due in `[due_from, due_to]`, their
    /// member counts, the names of the `named` units, and every unit's targets
    /// (`crate::report`).
    fn report_rows(
        &mut self,
        cells: &[Uuid],
        named: &[Uuid],
        span_ms: (i64, i64),
        due: (chrono::NaiveDate, chrono::NaiveDate),
    ) -> Result<crate::report::FactRows>;
}
