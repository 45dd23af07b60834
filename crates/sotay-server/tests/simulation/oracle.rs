//! What the rules table says of each write the simulation makes, judged apart from how the server
//! applies it: a write the rules allow must never be refused as forbidden, and a write they forbid
//! must be. (A refusal used to count as "accounted for", which let a member's second device be
//! refused the absence notice its first had sent.)

use serde_json::Value;
use sotay_core::access::{Action, Principal, decide, whose};
use sotay_core::{EntityKind, FieldMap};
use sotay_server::storage::StoredRecord;
use sotay_sync_protocol::{Mutation, MutationStatus, Op, RejectReason};
use uuid::Uuid;

/// Whether the rules table lets `principal` make `m` as its device meant it: create the record it
/// sent, or change or delete `held`, the record as the server had it before the push. An insert
/// that meets a record already there is the same fact written twice: the member may make it if
/// they may create that fact; what the merge keeps of it is the conflict log's business. Every
/// record of the simulation is in `cell`. `None`: nothing to judge by (the record did not exist
/// before this push).
pub fn rules_allow(
    principal: &Principal,
    cell: Uuid,
    m: &Mutation,
    held: Option<&StoredRecord>,
) -> Option<bool> {
    let kind: EntityKind = m.entity.parse().ok()?;
    let owner = |fields: &FieldMap| whose(kind, m.entity_id, fields, principal.member, |_| false);
    let decided = match (m.op, held) {
        (Op::Insert, _) => decide(
            principal,
            kind,
            Some(cell),
            owner(&m.fields),
            Action::Insert { new: &m.fields },
        ),
        (Op::Update, Some(r)) => {
            let mut new = r.fields.clone();
            new.extend(m.fields.clone());
            let names: Vec<&str> = m.fields.keys().map(String::as_str).collect();
            let action = Action::Update {
                fields: &names,
                old: &r.fields,
                new: &new,
            };
            decide(principal, kind, r.scope, owner(&r.fields), action)
        }
        (Op::Delete, Some(r)) => decide(
            principal,
            kind,
            r.scope,
            owner(&r.fields),
            Action::Delete { old: &r.fields },
        ),
        (_, None) => return None,
    };
    Some(decided.is_ok())
}

/// Checks the answer `status` to `m` against the rules' `verdict` (see [`rules_allow`]) and the
/// final state: `live` says whether the record is live at the end, `conflicts` is the conflict log.
pub fn check_answer(
    m: &Mutation,
    status: &MutationStatus,
    verdict: Option<bool>,
    live: bool,
    conflicts: &[&FieldMap],
) {
    let what = format!("{:?} {} {} {:?}", m.op, m.entity, m.entity_id, m.fields);
    let forbidden = *status == MutationStatus::Rejected(RejectReason::Forbidden);
    match verdict {
        Some(true) => assert!(!forbidden, "the rules allow it, but it was refused: {what}"),
        Some(false) => assert!(
            forbidden,
            "the rules forbid it, but it was {status:?}: {what}"
        ),
        None => {}
    }
    match status {
        // Deletes win: a write to a record deleted meanwhile is refused, and the record is gone.
        MutationStatus::Rejected(RejectReason::Deleted) => {
            assert!(!live, "refused as deleted, but the record is live: {what}")
        }
        // An allowed write whose merged record is not valid: its values wait in the conflict log.
        MutationStatus::Rejected(RejectReason::Invalid { .. }) => {
            let id = Value::String(m.entity_id.to_string());
            assert!(
                conflicts
                    .iter()
                    .any(|c| c["record_id"] == id && c["kind"] == "refused"),
                "refused as invalid, and nowhere in the conflict log: {what}"
            );
        }
        MutationStatus::Rejected(RejectReason::Forbidden) => {}
        MutationStatus::Rejected(other) => panic!("refused ({other:?}): {what}"),
        _ => {}
    }
}
