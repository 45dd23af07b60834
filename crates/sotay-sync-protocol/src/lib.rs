//! The sync protocol, version 1: what a client and the server say to each other.
//!
//! The server is authoritative. A client **pushes** its outbox as mutations — each with the client
//! id and a strictly increasing mutation id, so the server can apply each exactly once however
//! often a push is retried — and **pulls** the records that changed after a cursor (the server's
//! sequence number), in pages. A pulled record is the record's whole current state as the server
//! merged it, so a page can be applied on its own and a record never needs its history.
//!
//! A device first **registers** with a one-time invite and gets a token, and may **wait** for news
//! (a long-poll that answers when something after its cursor is there to pull).
//!
//! Every type here is plain serde data; the HTTP layer maps them to `/v1/devices`, `/v1/push`,
//! `/v1/pull` and `/v1/live` (and `/v1/report`, the monitoring figures; `/v1/admin/…`, the
//! administrator's console), and they are the schemas of its OpenAPI document.

mod accounts;
mod admin;
mod devices;
mod report;
mod roster;

pub use accounts::{PasswordRequest, SecurityEvent, SecurityKind, SecurityQuery, SignInRequest};
pub use admin::{
    AdminMember, AdminUnit, CloseUnit, EditMember, MembersQuery, MoveMember, MoveUnit, NewMember,
    NewUnit, RenameUnit, SetOffice,
};
pub use devices::{DeviceInfo, DevicesQuery};
pub use report::{CellFigures, ReportQuery, UnitFigures};
pub use roster::{ProblemKind, RosterProblem, RosterQuery, RosterReport, RosterRow, RowStatus};
use serde::{Deserialize, Serialize};
use sotay_core::{ClientId, FieldMap, Hlc};
use uuid::Uuid;

/// The protocol version this crate speaks; requests carry it and the server refuses others.
pub const VERSION: u32 = 1;

/// The most mutations one push may carry. A district's first push is fifteen of these: each is one
/// transaction on the server, and every commit rewrites the index pages it touched, which a
/// record id's index has all over — at 10,000 the server wrote 284 MiB instead of 397 at 2,000
/// and the push went about a quarter faster. Such a push holds the server's write lock about
/// 0.3 s on two cores; the pushes of a day's use are a few mutations. (A server from before takes
/// at most 2,000 and refuses more as a protocol error; the client then sends batches of 2,000.)
pub const MAX_PUSH: usize = 10_000;

/// The most bytes of changed fields a client puts in one push, whatever the count: a push must stay
/// well under the server's 16 MiB body limit when it carries long documents' texts.
pub const PUSH_BYTES: usize = 4 * 1024 * 1024;

/// The most records one pull page may carry (a first pull of a district is a hundred pages of
/// these; each page is one transaction on the device).
pub const MAX_PAGE: u32 = 2_000;

pub use sotay_core::Op;

/// One local change, as the client's outbox holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mutation {
    /// Strictly increasing per client; never reused.
    pub id: i64,
    pub entity: String,
    pub entity_id: Uuid,
    pub op: Op,
    /// The changed fields and their new values.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub fields: FieldMap,
    /// Those fields' values before the change, for updates: the base of a three-way merge and the
    /// way the server tells "edited what I have" from "edited concurrently".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub base: Option<FieldMap>,
    /// Hybrid logical clock: milliseconds since the epoch << 16 | a counter.
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub hlc: Hlc,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    pub version: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub client_id: ClientId,
    pub mutations: Vec<Mutation>,
}

/// Why the server did not apply a mutation. The client drops it from its outbox all the same: the
/// server kept the refused value in a conflict record (unless the device may not write there at
/// all), and the record's authoritative state comes back with the next pull.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum RejectReason {
    UnknownEntity {
        entity: String,
    },
    UnknownField {
        field: String,
    },
    BadValue {
        field: String,
        expected: String,
    },
    Invalid {
        field: String,
        problem: String,
    },
    /// The record is deleted; deletes never come back.
    Deleted,
    /// The device's member may not make this change (their role, the record's unit, or whose
    /// record it is). Nothing was written.
    Forbidden,
    /// A delete of a record the server never had. Nothing was written.
    Unknown,
}

impl RejectReason {
    /// The reason's stable code, as the wire's `reason` tag spells it.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::UnknownEntity { .. } => "unknown_entity",
            RejectReason::UnknownField { .. } => "unknown_field",
            RejectReason::BadValue { .. } => "bad_value",
            RejectReason::Invalid { .. } => "invalid",
            RejectReason::Deleted => "deleted",
            RejectReason::Forbidden => "forbidden",
            RejectReason::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MutationStatus {
    /// Applied as sent (possibly replacing a concurrent value, which went to the conflict log).
    Applied,
    /// Merged with a concurrent write (text merge, or a field kept from a later write, or — for an
    /// insert that met the record at its derived id — a field kept that the member may not change).
    Merged,
    /// Already applied by an earlier push: no second effect. (A mutation refused earlier is
    /// answered with its refusal again, so a device whose first answer was lost still learns it.)
    Duplicate,
    /// Not applied, for the reason given; its values are in the conflict log.
    Rejected(RejectReason),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MutationResult {
    pub id: i64,
    #[serde(flatten)]
    pub status: MutationStatus,
    /// The mutation's HLC was too far in the future and was clamped to the server's bound.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub clamped: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// One result per mutation, in order.
    pub results: Vec<MutationResult>,
    /// The greatest mutation id the server has processed for this client.
    pub last_mutation_id: i64,
    /// The current state of every record the pushed mutations touched (also for duplicates). The
    /// client applies them with the acknowledgement: a field it kept back from a pull while its own
    /// change was pending gets the server's merged value here, even when the first answer was lost
    /// and the retry is all duplicates.
    pub records: Vec<PulledRecord>,
}

/// A record as the server holds it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PulledRecord {
    /// The server sequence of the record's latest change.
    pub seq: i64,
    pub entity: String,
    pub id: Uuid,
    /// Every field, as merged (empty for a tombstone).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub fields: FieldMap,
    pub deleted: bool,
    /// The greatest HLC among its fields.
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub hlc: Hlc,
    /// The client whose write set that HLC.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub origin: ClientId,
    /// The record left what this device may read (it moved to a unit the device does not read,
    /// as a transferred member does): the device forgets it. Sent as a tombstone (`deleted`,
    /// no fields), so a client that does not know this flag hides it all the same.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gone: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    pub records: Vec<PulledRecord>,
    /// Give this back to get what follows.
    pub cursor: i64,
    /// More records wait after `cursor`.
    pub more: bool,
    /// What the device may read, as an opaque fingerprint of its member's role and place in the
    /// tree. When it changes (the member was transferred, or took an office that reads more or
    /// less), the device pulls again from the start and forgets the records not sent again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// Which life of the server's database this is: a new one after it is restored from a
    /// backup. A device that hears another than before resends its own records the backup may
    /// have missed, and pulls everything again from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch: Option<String>,
}

/// A device asks for a token with a one-time invite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    /// The invite's code, as the administrator gave it.
    pub invite: String,
    /// The client id of the device's store.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub client_id: ClientId,
    /// What to call the device in its member's list of devices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    /// The member this device already belongs to, when it joins again after it locked: an
    /// invite for anyone else is refused (and stays unused), so one member's unsent changes are
    /// never sent as another's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Uuid))]
    pub member_id: Option<Uuid>,
}

/// A registered device's token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterResponse {
    /// Send as `Authorization: Bearer …` on every other request.
    pub token: String,
    /// The member the device now belongs to: "who am I" on it. Absent for an administrator's
    /// device and for a read-only device of a unit (an invite made for a unit, not a member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Uuid))]
    pub member_id: Option<Uuid>,
    /// How many days the device may stay out of touch before it locks until its member signs in
    /// again (its token expires as long after it was last used). Absent from a server before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offline_days: Option<u32>,
}

/// A committee asks for an invite for one of its unit's members (a new phone, a replaced laptop).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub member_id: Uuid,
}

/// A one-time invite: the code the member types on their device, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteResponse {
    pub code: String,
    /// When it stops working if no device has joined with it (ms since the epoch).
    #[serde(default)]
    pub expires_at: i64,
}

/// A member's calendar subscription: the path (on this server) a phone's calendar follows.
/// Shown once; asking again replaces it, and the old address stops working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarFeed {
    /// `/v1/calendar/<secret>.ics`.
    pub path: String,
}

/// The default number of records in a pull page.
pub const DEFAULT_PAGE: u32 = 500;

/// The query of a pull.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PullQuery {
    /// The cursor of the last page applied (0 at first).
    #[serde(default)]
    pub cursor: i64,
    /// Records per page, at most 1000.
    #[serde(default = "default_page")]
    pub limit: u32,
}

fn default_page() -> u32 {
    DEFAULT_PAGE
}

/// The longest a live request waits, in seconds.
pub const MAX_LIVE_WAIT: u64 = 25;

/// The query of a live request (a long-poll).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct LiveQuery {
    /// The store's cursor.
    #[serde(default)]
    pub cursor: i64,
    /// Seconds to wait at most, 1 to 25 (25 when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait: Option<u64>,
}

/// The answer to a live request: as soon as something after the cursor is there to pull, or when
/// the wait ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveResponse {
    /// Something after the cursor is there to pull.
    pub changed: bool,
    /// The latest sequence number the device can see.
    pub latest: i64,
}

/// One entry of the server's audit log: who changed a record that matters (minutes, tallies,
/// attendance, the roster and its offices, transfers, the tree), from which device, when, and
/// each changed field's value before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// The entry's place in the log: increasing, never reused.
    pub seq: i64,
    /// The server's time of the change, in milliseconds since the epoch.
    pub at: i64,
    /// The member the writing device belongs to (absent: an administrator's device).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Uuid))]
    pub member: Option<Uuid>,
    /// The writing device (its store's client id).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub device: ClientId,
    pub entity: String,
    pub record_id: Uuid,
    /// The unit the record belongs to after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Uuid>,
    pub action: Op,
    /// Why the server refused the change (the reject reason's code: `forbidden`, `invalid`, …);
    /// absent for a change it made. A refused change's `after` values are those sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// Each changed field: `[before, after]` (`null` for none).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub changes: FieldMap,
}

/// The query of the audit log: every filter is optional; entries come oldest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditQuery {
    /// Only changes to records of this unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Uuid>,
    /// Only changes made by this member's devices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Uuid>,
    /// Only changes at or after this time (milliseconds since the epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<i64>,
    /// Only changes before this time (milliseconds since the epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<i64>,
    /// Only entries after this one (the `seq` of the last entry of the previous page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<i64>,
    /// Entries per page, at most 1000 (500 when not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// The error shape at the HTTP edge: a stable `kind` and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub kind: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reject_reasons_code_is_its_wire_tag() {
        let text = || String::from("x");
        for reason in [
            RejectReason::UnknownEntity { entity: text() },
            RejectReason::UnknownField { field: text() },
            RejectReason::BadValue {
                field: text(),
                expected: text(),
            },
            RejectReason::Invalid {
                field: text(),
                problem: text(),
            },
            RejectReason::Deleted,
            RejectReason::Forbidden,
            RejectReason::Unknown,
        ] {
            let wire = serde_json::to_value(&reason).unwrap();
            assert_eq!(wire["reason"], reason.code());
        }
    }

    #[test]
    fn registration_and_live_messages_keep_their_wire_names() {
        let client_id = ClientId(Uuid::from_u128(1));
        assert_eq!(
            serde_json::to_value(RegisterRequest {
                invite: "ABC".into(),
                client_id,
                device_name: None,
                member_id: None,
            })
            .unwrap(),
            serde_json::json!({"invite": "ABC", "client_id": client_id.to_string()})
        );
        // A request from before device names, and an answer from a server before offline limits.
        let old: RegisterRequest =
            serde_json::from_str(&format!(r#"{{"invite":"ABC","client_id":"{client_id}"}}"#))
                .unwrap();
        assert_eq!((old.device_name, old.member_id), (None, None));
        let token: RegisterResponse = serde_json::from_str(r#"{"token":"sotay_x"}"#).unwrap();
        assert_eq!(token.token, "sotay_x");
        assert_eq!(token.offline_days, None);
        let news: LiveResponse = serde_json::from_str(r#"{"changed":true,"latest":12}"#).unwrap();
        assert_eq!((news.changed, news.latest), (true, 12));
        let q: LiveQuery = serde_json::from_str("{}").unwrap();
        assert_eq!((q.cursor, q.wait), (0, None));
        let q: PullQuery = serde_json::from_str(r#"{"cursor":5}"#).unwrap();
        assert_eq!((q.cursor, q.limit), (5, DEFAULT_PAGE));
    }

    #[test]
    fn results_serialise_flat_with_a_tagged_status() {
        let r = MutationResult {
            id: 7,
            status: MutationStatus::Rejected(RejectReason::UnknownField {
                field: "colour".into(),
            }),
            clamped: false,
        };
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"id": 7, "status": "rejected", "reason": "unknown_field", "field": "colour"})
        );
        let ok = MutationResult {
            id: 8,
            status: MutationStatus::Applied,
            clamped: true,
        };
        assert_eq!(
            serde_json::to_value(&ok).unwrap(),
            serde_json::json!({"id": 8, "status": "applied", "clamped": true})
        );
    }
}
