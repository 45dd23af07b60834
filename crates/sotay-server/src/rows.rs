//! Rows as either database returns them, and their one decoding into the server's types. The
//! backends keep only their SQL: they read columns into these plain values and hand them here.

use crate::error::{Result, ServerError};
use crate::storage::Grant;
use crate::storage::{Departure, StoredRecord};
use sotay_core::model::UnitLevel;
use sotay_core::{ClientId, EntityKind};
use sotay_sync_protocol::AuditEntry;
use uuid::Uuid;

/// The columns of a record row, in the order [`RecordRow`] holds them.
pub const RECORD_COLUMNS: &str = "id, entity, fields, clocks, deleted, scope, seq";

/// A record row as stored: JSON and ids as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    pub id: String,
    pub entity: String,
    /// JSON object: field -> value.
    pub fields: String,
    /// JSON: the fields' clocks, grouped by the write that set them (`clocks.rs`).
    pub clocks: String,
    pub deleted: bool,
    pub scope: Option<String>,
    pub seq: i64,
}

impl RecordRow {
    /// The row that stores `record` at sequence number `seq`.
    pub fn encode(record: &StoredRecord, seq: i64) -> Result<RecordRow> {
        let id = record.id.to_string();
        Ok(RecordRow {
            fields: serde_json::Value::Object(record.fields.clone()).to_string(),
            clocks: crate::clocks::encode(&record.clocks).map_err(|e| corrupt(&id, e))?,
            id,
            entity: record.entity.as_str().to_owned(),
            deleted: record.deleted,
            scope: record.scope.map(|s| s.to_string()),
            seq,
        })
    }

    /// The row's kind, id and unit, decoded; its fields and clocks are left as stored.
    pub fn keys(&self) -> Result<(EntityKind, Uuid, Option<Uuid>)> {
        let id = &self.id;
        Ok((
            self.entity
                .parse::<EntityKind>()
                .map_err(|e| corrupt(id, e))?,
            Uuid::parse_str(id).map_err(|e| corrupt(id, e))?,
            self.scope
                .as_deref()
                .map(Uuid::parse_str)
                .transpose()
                .map_err(|e| corrupt(id, e))?,
        ))
    }
}

impl TryFrom<RecordRow> for StoredRecord {
    type Error = ServerError;

    fn try_from(row: RecordRow) -> Result<StoredRecord> {
        let (entity, id, scope) = row.keys()?;
        let key = &row.id;
        Ok(StoredRecord {
            entity,
            id,
            fields: serde_json::from_str(&row.fields).map_err(|e| corrupt(key, e))?,
            clocks: crate::clocks::decode(&row.clocks).map_err(|e| corrupt(key, e))?,
            deleted: row.deleted,
            scope,
            seq: row.seq,
        })
    }
}

/// Stored data that does not decode: `what` names the row or value.
pub fn corrupt(what: &str, e: impl std::fmt::Display) -> ServerError {
    ServerError::Corrupt {
        id: what.to_owned(),
        reason: e.to_string(),
    }
}

/// The grant columns of an invite or device row: (unit, member, admin).
pub type GrantColumns = (Option<String>, Option<String>, bool);

/// The grant of an invite or device row. (An id that does not parse grants nothing.)
pub fn grant((unit, member, admin): GrantColumns) -> Grant {
    let id = |s: Option<String>| s.and_then(|s| Uuid::parse_str(&s).ok());
    match (admin, id(member), id(unit)) {
        (true, _, _) => Grant::Admin,
        (false, Some(member), _) => Grant::Member(member),
        (false, None, Some(unit)) => Grant::Unit(unit),
        (false, None, None) => Grant::Nothing,
    }
}

/// The columns that store a grant.
pub fn grant_columns(grant: &Grant) -> GrantColumns {
    match grant {
        Grant::Admin => (None, None, true),
        Grant::Member(m) => (None, Some(m.to_string()), false),
        Grant::Unit(u) => (Some(u.to_string()), None, false),
        Grant::Nothing => (None, None, false),
    }
}

/// A device row's client id.
pub fn client(client: &str) -> Result<ClientId> {
    Uuid::parse_str(client)
        .map(ClientId)
        .map_err(|e| corrupt(client, e))
}

/// The columns [`device_info`] reads, in its order.
pub const DEVICE_INFO: &str =
    "client_id, name, member, admin, created_at, last_seen, expires_at, revoked_at, revoked_by";

/// The values of a device row's [`DEVICE_INFO`] columns.
pub type DeviceInfoColumns = (
    String,
    Option<String>,
    Option<String>,
    bool,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

/// A device row (its [`DEVICE_INFO`] columns) as its member or an administrator sees it.
pub fn device_info(
    (client_id, name, member, admin, joined_at, last_seen, expires_at, revoked_at, revoked_by): DeviceInfoColumns,
) -> Result<sotay_sync_protocol::DeviceInfo> {
    Ok(sotay_sync_protocol::DeviceInfo {
        client_id: client(&client_id)?,
        name,
        member_id: member.and_then(|m| Uuid::parse_str(&m).ok()),
        admin,
        joined_at,
        last_seen,
        expires_at,
        revoked_at,
        revoked_by,
    })
}

/// An org unit row: its id, parent and level. (A parent that is not an id is no parent; a level
/// this version does not know is taken as a cell's, the narrowest.)
pub fn unit(
    id: String,
    parent: Option<String>,
    level: Option<String>,
) -> Result<(Uuid, Option<Uuid>, UnitLevel)> {
    Ok((
        Uuid::parse_str(&id).map_err(|e| corrupt(&id, e))?,
        parent.and_then(|p| Uuid::parse_str(&p).ok()),
        level
            .and_then(|l| l.parse().ok())
            .unwrap_or(UnitLevel::Cell),
    ))
}

/// A departure row: the record as it is now, the unit it left and when.
pub fn departure(row: RecordRow, left: &str, seq: i64) -> Result<Departure> {
    let record = StoredRecord::try_from(row)?;
    Ok(Departure {
        left: Uuid::parse_str(left).map_err(|e| corrupt(&record.id.to_string(), e))?,
        record,
        seq,
    })
}

/// Units as the text the scope column holds.
pub fn scope_texts(units: &[Uuid]) -> Vec<String> {
    units.iter().map(Uuid::to_string).collect()
}

/// The columns of an audit row, in the order [`AuditRow`] holds them.
pub const AUDIT_COLUMNS: &str =
    "seq, at, member, device, entity, record_id, unit, action, refused, changes";

/// An audit log row as stored: ids and JSON as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub seq: i64,
    pub at: i64,
    pub member: Option<String>,
    pub device: String,
    pub entity: String,
    pub record_id: String,
    pub unit: Option<String>,
    pub action: String,
    pub refused: Option<String>,
    pub changes: String,
}

impl AuditRow {
    pub fn encode(e: &AuditEntry) -> AuditRow {
        AuditRow {
            seq: e.seq,
            at: e.at,
            member: e.member.map(|m| m.to_string()),
            device: e.device.to_string(),
            entity: e.entity.clone(),
            record_id: e.record_id.to_string(),
            unit: e.unit.map(|u| u.to_string()),
            action: e.action.as_str().to_owned(),
            refused: e.refused.clone(),
            changes: serde_json::Value::Object(e.changes.clone()).to_string(),
        }
    }
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = ServerError;

    fn try_from(row: AuditRow) -> Result<AuditEntry> {
        let what = format!("audit {}", row.seq);
        let id = |s: &str| Uuid::parse_str(s).map_err(|e| corrupt(&what, e));
        Ok(AuditEntry {
            seq: row.seq,
            at: row.at,
            member: row.member.as_deref().map(id).transpose()?,
            device: ClientId(id(&row.device)?),
            entity: row.entity,
            record_id: id(&row.record_id)?,
            unit: row.unit.as_deref().map(id).transpose()?,
            action: row.action.parse().map_err(|e| corrupt(&what, e))?,
            refused: row.refused,
            changes: serde_json::from_str(&row.changes).map_err(|e| corrupt(&what, e))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::FieldClock;
    use sotay_core::Hlc;

    #[test]
    fn a_record_survives_its_row() {
        let mut r = StoredRecord::new(EntityKind::OrgUnit, Uuid::from_u128(1));
        r.fields.insert("name".into(), "Chi bộ".into());
        r.clocks.insert(
            "name".into(),
            FieldClock {
                hlc: Hlc(7),
                client: ClientId(Uuid::from_u128(2)),
            },
        );
        r.scope = Some(r.id);
        let row = RecordRow::encode(&r, 42).unwrap();
        r.seq = 42;
        assert_eq!(StoredRecord::try_from(row).unwrap(), r);
    }

    #[test]
    fn a_row_that_does_not_decode_is_corrupt_and_named() {
        let row = RecordRow {
            id: "0193a3c4-0000-7000-8000-000000000001".into(),
            entity: "spaceship".into(),
            fields: "{}".into(),
            clocks: "{}".into(),
            deleted: false,
            scope: None,
            seq: 1,
        };
        let err = StoredRecord::try_from(row).unwrap_err();
        assert!(
            matches!(&err, ServerError::Corrupt { id, .. } if id.ends_with("0001")),
            "{err}"
        );
    }
}

/// A `security_event` row, converted to and from the protocol's [`SecurityEvent`] here only.
#[derive(Debug)]
pub struct SecurityRow {
    pub seq: i64,
    pub at: i64,
    pub kind: String,
    pub member: Option<String>,
    pub device: Option<String>,
    pub address: Option<String>,
    pub detail: Option<String>,
}

impl SecurityRow {
    pub fn encode(e: &sotay_sync_protocol::SecurityEvent) -> SecurityRow {
        SecurityRow {
            seq: e.seq,
            at: e.at,
            kind: e.kind.as_str().to_owned(),
            member: e.member.map(|m| m.to_string()),
            device: e.device.map(|d| d.to_string()),
            address: e.address.clone(),
            detail: e.detail.clone(),
        }
    }

    pub fn decode(self) -> Result<sotay_sync_protocol::SecurityEvent> {
        let id = |s: Option<String>| -> Result<Option<Uuid>> {
            s.map(|s| Uuid::parse_str(&s).map_err(|e| corrupt("security_event", e)))
                .transpose()
        };
        Ok(sotay_sync_protocol::SecurityEvent {
            seq: self.seq,
            at: self.at,
            kind: sotay_sync_protocol::SecurityKind::parse(&self.kind)
                .ok_or_else(|| corrupt("security_event.kind", &self.kind))?,
            member: id(self.member)?,
            device: id(self.device)?.map(ClientId),
            address: self.address,
            detail: self.detail,
        })
    }
}
