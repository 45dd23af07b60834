//! The seals of adopted minutes (`sotay_core::seal`): one row a meeting, chained per unit.

use super::{BaseTx, Result};
use uuid::Uuid;

/// One meeting's seal, the `n`th of its unit's chain, made over the `previous` one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealRow {
    pub meeting: Uuid,
    pub unit: Uuid,
    pub n: i64,
    pub previous: String,
    pub seal: String,
    pub sealed_at: i64,
}

/// Reading what a seal covers and keeping the seals.
pub trait SealTx: BaseTx {
    /// The live attendance, resolution and contribution records of `meeting`, as
    /// (entity, id, fields as JSON): what its seal covers besides the meeting itself.
    fn meeting_parts(&mut self, meeting: Uuid) -> Result<Vec<(String, String, String)>>;
    fn seal_of(&mut self, meeting: Uuid) -> Result<Option<SealRow>>;
    /// The latest seal of `unit`'s chain.
    fn last_seal(&mut self, unit: Uuid) -> Result<Option<SealRow>>;
    fn add_seal(&mut self, seal: &SealRow) -> Result<()>;
    /// Every seal (of `unit` only, if given), by unit and place in its chain.
    fn seals(&mut self, unit: Option<Uuid>) -> Result<Vec<SealRow>>;
}
