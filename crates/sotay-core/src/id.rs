//! Identifiers.
//!
//! Every record id is a UUIDv7: made offline on any device without coordination, and sorted by
//! creation time, which keeps SQLite's B-trees append-mostly. A few records are identified by what
//! they are about instead (one attendance row per member per meeting): those ids are UUIDv5 of the
//! parts, so two devices that record the same fact offline produce the same row, not a duplicate.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// A new time-ordered record id.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// The namespace of Sotay's derived ids (a fixed, random UUID: never change it).
const DERIVED_NAMESPACE: Uuid = Uuid::from_u128(0x8f1d_5c3a_4b6e_4e21_9a07_3d52_c0e1_7b94);

/// The id of a record that is identified by the pair (`a`, `b`), for example (meeting, member).
/// `kind` keeps pairs of different record kinds apart.
pub fn derived_id(kind: &str, a: Uuid, b: Uuid) -> Uuid {
    let mut name = Vec::with_capacity(kind.len() + 32);
    name.extend_from_slice(kind.as_bytes());
    name.extend_from_slice(a.as_bytes());
    name.extend_from_slice(b.as_bytes());
    Uuid::new_v5(&DERIVED_NAMESPACE, &name)
}

/// The id of one installation of Sotay (one store on one device). It breaks HLC ties and names the
/// writer of every change, so two devices of the same member are two clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClientId(pub Uuid);

impl ClientId {
    pub fn new() -> Self {
        ClientId(Uuid::now_v7())
    }
}

impl Default for ClientId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_and_distinct() {
        let a = Uuid::from_u128(1);
        let b = Uuid::from_u128(2);
        assert_eq!(
            derived_id("attendance", a, b),
            derived_id("attendance", a, b)
        );
        assert_ne!(
            derived_id("attendance", a, b),
            derived_id("attendance", b, a)
        );
        assert_ne!(
            derived_id("attendance", a, b),
            derived_id("task_assignee", a, b)
        );
    }

    #[test]
    fn new_ids_sort_by_creation() {
        let first = new_id();
        let second = new_id();
        assert!(first < second);
    }
}
