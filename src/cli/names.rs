//! The names of the server's records, for what the administrator reads where the server's data
//! is: `sotay admin audit` beside its ids, and whom `sotay invite` made an invite for. Read from
//! the records as the server keeps them, deleted ones included (an audit entry may be about a
//! record deleted since).

use sotay_core::EntityKind;
use sotay_core::entity::Label;
use sotay_server::storage::StoredRecord;
use sotay_server::{Backend, Engine, Grant};
use std::collections::HashMap;
use uuid::Uuid;

type Result<T> = std::result::Result<T, sotay_server::ServerError>;

/// The records with these ids that the server has, read in one transaction.
pub fn records<B: Backend>(
    engine: &Engine<B>,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, StoredRecord>> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    engine.backend().transact(|tx| {
        let mut found = HashMap::new();
        for id in ids {
            if let Some(record) = tx.record(id)? {
                found.insert(id, record);
            }
        }
        Ok(found)
    })
}

/// What names a record (a member's full name, a unit's name, a meeting's topic, the opening of
/// an idea), by its kind's label: from its fields, else from `changes` (an audit entry's
/// `[before, after]` pairs, for a record the server no longer has the fields of).
pub fn label(
    kind: EntityKind,
    fields: Option<&sotay_core::FieldMap>,
    changes: Option<&sotay_core::FieldMap>,
) -> Option<String> {
    let label = kind.handling().label?;
    let field = label.field();
    let text = |v: &serde_json::Value| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned);
    let value = fields
        .and_then(|f| f.get(field))
        .and_then(text)
        .or_else(|| {
            let pair = changes?.get(field)?.as_array()?;
            pair.iter().rev().find_map(text)
        })?;
    Some(match label {
        Label::Field(_) => value,
        Label::Opening { chars, .. } => opening(&value, chars as usize),
    })
}

/// The first `chars` characters of `text`, on one line, with "…" where it was cut.
fn opening(text: &str, chars: usize) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= chars {
        return line;
    }
    let mut cut: String = line.chars().take(chars).collect();
    cut.push('…');
    cut
}

/// A record's name as `label` gives it, from the record as the server has it.
pub fn name_of(record: &StoredRecord) -> Option<String> {
    label(record.entity, Some(&record.fields), None)
}

/// The member a record of a kind no name is given to belongs to (an attendance, a transfer, a
/// rating): its `member_id`.
pub fn member_of(record: &StoredRecord) -> Option<Uuid> {
    record
        .fields
        .get("member_id")?
        .as_str()
        .and_then(|s| Uuid::parse_str(s).ok())
}

/// Whom an invite is for, as a person reads it: "Lê Thị Hoa (Chi bộ thôn Đông)", "an
/// administrator's device".
pub fn invitee<B: Backend>(engine: &Engine<B>, grant: Grant) -> Result<String> {
    let unit_name = |records: &HashMap<Uuid, StoredRecord>, unit: Uuid| {
        records
            .get(&unit)
            .and_then(name_of)
            .unwrap_or_else(|| format!("unit {unit}"))
    };
    Ok(match grant {
        Grant::Admin => "an administrator's device".to_owned(),
        Grant::Member(member) => {
            let found = records(engine, [member])?;
            let record = found.get(&member);
            let name = record
                .and_then(name_of)
                .unwrap_or_else(|| format!("member {member}"));
            let unit: Option<Uuid> =
                record.and_then(|r| r.fields.get("unit_id")?.as_str()?.parse().ok());
            match unit {
                Some(unit) => format!("{name} ({})", unit_name(&records(engine, [unit])?, unit)),
                None => name,
            }
        }
        Grant::Unit(unit) => format!(
            "a read-only device of {}",
            unit_name(&records(engine, [unit])?, unit)
        ),
        Grant::Nothing => "a device that may read nothing".to_owned(),
    })
}
