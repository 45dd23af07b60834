//! The seal of an adopted meeting's record: what the minutes book must keep unchanged — the
//! minutes' text, the roll call's counts, each resolution's tally, who spoke — in one canonical
//! encoding, hashed (SHA-256) together with the previous seal of the same unit, so each seal
//! vouches for the ones before it too. The server seals a meeting when its minutes are adopted
//! and recomputes the chain on demand (`sotay admin verify`): a record changed afterwards — by
//! anyone, through the database itself — no longer matches its seal.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use uuid::Uuid;

/// What a seal covers of one meeting, gathered by the server from its records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SealFacts {
    pub meeting_id: Uuid,
    pub unit_id: Uuid,
    /// When the minutes were adopted (ms since the epoch).
    pub adopted_at: i64,
    pub minutes: String,
    pub conclusion: String,
    /// The roll call's counts by status (`present`, `absent_with_reason`, …), or the paper
    /// record's counts for a meeting entered afterwards.
    pub roll: BTreeMap<String, i64>,
    /// Each resolution of the meeting: its id, status and votes for, against, abstaining.
    pub tallies: Vec<(Uuid, String, i64, i64, i64)>,
    /// Who spoke, each once, in id order.
    pub speakers: Vec<Uuid>,
}

/// The encoding hashed: JSON of the facts with their lists in a fixed order, so the same record
/// always gives the same bytes whichever backend or version read it.
pub fn canonical(facts: &SealFacts) -> Vec<u8> {
    let mut facts = facts.clone();
    facts.tallies.sort();
    facts.speakers.sort();
    facts.speakers.dedup();
    // A struct of strings, numbers, maps with sorted keys and sorted lists: cannot fail.
    serde_json::to_vec(&facts).unwrap_or_default()
}

/// The first seal of a unit's chain is hashed after this.
pub const GENESIS: &str = "sotay-seal-v1";

/// The seal: lowercase hex SHA-256 of the previous seal (or [`GENESIS`]), a newline, and the
/// canonical facts.
pub fn seal(previous: &str, facts: &SealFacts) -> String {
    let mut hash = Sha256::new();
    hash.update(previous.as_bytes());
    hash.update(b"\n");
    hash.update(canonical(facts));
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The seal as printed in the minutes book: its first 16 hex digits in groups of four.
pub fn short(seal: &str) -> String {
    seal.chars()
        .take(16)
        .collect::<Vec<char>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<String>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> SealFacts {
        SealFacts {
            meeting_id: Uuid::from_u128(1),
            unit_id: Uuid::from_u128(2),
            adopted_at: 1_764_000_000_000,
            minutes: "BIÊN BẢN".into(),
            conclusion: "Nhất trí".into(),
            roll: BTreeMap::from([("present".into(), 9), ("absent_with_reason".into(), 1)]),
            tallies: vec![(Uuid::from_u128(3), "adopted".into(), 9, 0, 0)],
            speakers: vec![Uuid::from_u128(5), Uuid::from_u128(4), Uuid::from_u128(5)],
        }
    }

    #[test]
    fn the_same_record_gives_the_same_seal_and_any_change_another() {
        let a = seal(GENESIS, &facts());
        let mut shuffled = facts();
        shuffled.speakers.reverse();
        assert_eq!(
            seal(GENESIS, &shuffled),
            a,
            "order of the lists does not matter"
        );
        assert_eq!(a.len(), 64);
        let mut changed = facts();
        changed.minutes.push('.');
        assert_ne!(seal(GENESIS, &changed), a);
        let mut recount = facts();
        recount.roll.insert("present".into(), 10);
        assert_ne!(seal(GENESIS, &recount), a);
        assert_ne!(seal(&a, &facts()), a, "chained to the previous seal");
        assert_eq!(short("0123456789abcdef0123"), "0123-4567-89ab-cdef");
    }
}
