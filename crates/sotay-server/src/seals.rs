//! Sealing adopted minutes, and checking the seals (`sotay_core::seal`): when a push leaves a
//! meeting adopted and unsealed, its record is sealed in the same transaction, chained to its
//! unit's previous seal, and a `meeting_seal` record carries the seal to the cell's devices (for
//! the printed minutes book); `verify` recomputes every chain from the records as they are now.

use crate::storage::{FieldClock, PutRecord, Result, SealRow, SealTx, StoredRecord, SyncTx};
use serde::Serialize;
use serde_json::Value;
use sotay_core::model::MeetingSeal;
use sotay_core::seal::{GENESIS, SealFacts, seal};
use sotay_core::{ClientId, EntityKind, Hlc, Record};
use std::collections::BTreeMap;
use uuid::Uuid;

/// What a seal covers of `meeting` as the records hold it now; `None` when it is gone or not
/// adopted.
fn facts<T: SealTx + ?Sized>(tx: &mut T, meeting: Uuid) -> Result<Option<SealFacts>> {
    let Some(record) = tx.record(meeting)? else {
        return Ok(None);
    };
    if record.deleted || record.entity != EntityKind::Meeting {
        return Ok(None);
    }
    let f = &record.fields;
    let int = |v: Option<&Value>| v.and_then(Value::as_i64);
    let text = |name: &str| f.get(name).and_then(Value::as_str).unwrap_or("").to_owned();
    let id = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .and_then(|s| Uuid::parse_str(s).ok())
    };
    let Some(adopted_at) = int(f.get("minutes_adopted_at")) else {
        return Ok(None);
    };
    let mut roll: BTreeMap<String, i64> = BTreeMap::new();
    if f.get("entered_at").is_some_and(|v| !v.is_null()) {
        // Held on paper: the record's counts are its roll call.
        for (status, field) in [
            ("present", "present_count"),
            ("absent_with_reason", "absent_with_reason_count"),
            ("absent_without_reason", "absent_without_reason_count"),
        ] {
            roll.insert(status.to_owned(), int(f.get(field)).unwrap_or(0));
        }
    }
    let mut tallies = Vec::new();
    let mut speakers = Vec::new();
    for (entity, part_id, fields) in tx.meeting_parts(meeting)? {
        let part: sotay_core::FieldMap =
            serde_json::from_str(&fields).map_err(|e| crate::rows::corrupt("seal", e))?;
        let get = |name: &str| part.get(name);
        match entity.as_str() {
            "attendance" if f.get("entered_at").is_none_or(Value::is_null) => {
                let status = get("status").and_then(Value::as_str).unwrap_or("");
                *roll.entry(status.to_owned()).or_default() += 1;
            }
            "resolution" => tallies.push((
                Uuid::parse_str(&part_id).unwrap_or_default(),
                get("status")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
                int(get("votes_for")).unwrap_or(0),
                int(get("votes_against")).unwrap_or(0),
                int(get("votes_abstain")).unwrap_or(0),
            )),
            "contribution" if get("kind").and_then(Value::as_str) == Some("speech") => {
                speakers.extend(id(get("member_id")));
            }
            _ => {}
        }
    }
    Ok(Some(SealFacts {
        meeting_id: meeting,
        unit_id: id(f.get("unit_id")).unwrap_or_default(),
        adopted_at,
        minutes: text("minutes"),
        conclusion: text("conclusion"),
        roll,
        tallies,
        speakers,
    }))
}

/// Seals `meeting` if its minutes are adopted and it has no seal yet, and writes the seal's
/// record for the cell's devices (at `at`, by the server's own client).
pub(crate) fn seal_if_adopted<T: SealTx + SyncTx + ?Sized>(
    tx: &mut T,
    meeting: Uuid,
    now: i64,
    at: Hlc,
    server: ClientId,
) -> Result<()> {
    if tx.seal_of(meeting)?.is_some() {
        return Ok(());
    }
    let Some(facts) = facts(tx, meeting)? else {
        return Ok(());
    };
    let last = tx.last_seal(facts.unit_id)?;
    let previous = last.as_ref().map_or(GENESIS.to_owned(), |s| s.seal.clone());
    let row = SealRow {
        meeting,
        unit: facts.unit_id,
        n: last.map_or(1, |s| s.n + 1),
        seal: seal(&previous, &facts),
        previous,
        sealed_at: now,
    };
    tx.add_seal(&row)?;
    let record = MeetingSeal {
        id: MeetingSeal::id_for(meeting),
        meeting_id: meeting,
        unit_id: row.unit,
        seal: row.seal.clone(),
        n: row.n,
        sealed_at: chrono::DateTime::from_timestamp_millis(now).unwrap_or_default(),
    };
    let mut stored = StoredRecord::new(EntityKind::MeetingSeal, record.id);
    stored.fields = record.to_fields();
    for name in stored.fields.keys() {
        stored.clocks.insert(
            name.clone(),
            FieldClock {
                hlc: at,
                client: server,
            },
        );
    }
    stored.scope = Some(row.unit);
    tx.put(&stored)?;
    Ok(())
}

/// A seal that no longer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenSeal {
    pub meeting_id: Uuid,
    pub unit_id: Uuid,
    /// The meeting's topic, if it is still there.
    pub topic: String,
    /// `record_changed`, `record_gone` or `chain_broken` (the seal before it was changed or
    /// removed).
    pub why: &'static str,
}

/// What `sotay admin verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealCheck {
    pub sealed: usize,
    pub broken: Vec<BrokenSeal>,
}

/// Recomputes every chain (of `unit` only, if given) from the records as they are now.
pub(crate) fn verify<T: SealTx + ?Sized>(tx: &mut T, unit: Option<Uuid>) -> Result<SealCheck> {
    let seals = tx.seals(unit)?;
    let mut broken = Vec::new();
    let mut previous: Option<(Uuid, String)> = None;
    for s in &seals {
        let expected = match &previous {
            Some((u, last)) if *u == s.unit => last.clone(),
            _ => GENESIS.to_owned(),
        };
        let topic = tx
            .record(s.meeting)?
            .and_then(|r| {
                r.fields
                    .get("topic")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        let why = if s.previous != expected {
            Some("chain_broken")
        } else {
            match facts(tx, s.meeting)? {
                None => Some("record_gone"),
                Some(f) if seal(&s.previous, &f) != s.seal => Some("record_changed"),
                Some(_) => None,
            }
        };
        if let Some(why) = why {
            broken.push(BrokenSeal {
                meeting_id: s.meeting,
                unit_id: s.unit,
                topic,
                why,
            });
        }
        previous = Some((s.unit, s.seal.clone()));
    }
    Ok(SealCheck {
        sealed: seals.len(),
        broken,
    })
}
