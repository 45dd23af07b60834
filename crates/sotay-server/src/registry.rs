//! The device registry: invites, device tokens, and who a token's device is. Only hashes of codes
//! and tokens are stored. Who a device acts as is worked out at every request from its grant:
//! for a member's device, from the member's record on the server (their unit and office) over the
//! org unit tree, which is kept in memory and read again only when it changed. A transfer or a new
//! office therefore takes effect at the device's next request.

use crate::storage::{
    BaseTx, Grant, NewDevice, RegistryTx, Result, ServerError, StoredRecord, UNIT_TREE_VERSION,
};
use sha2::{Digest, Sha256};
use sotay_core::access::{Principal, Role, UnitTree, may_invite};
use sotay_core::model::Role as Office;
use sotay_core::{ClientId, EntityKind};
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// An authenticated device: one client (one store) of one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub client_id: ClientId,
    /// Who it acts as, from data on the server.
    pub principal: Principal,
}

/// A registered device's token, and the member it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub token: String,
    pub member: Option<Uuid>,
}

/// What a device joining says of itself.
#[derive(Debug, Clone, Copy)]
pub struct Joining<'a> {
    /// The client id of its store.
    pub client: ClientId,
    /// What to call it in its member's list of devices.
    pub name: Option<&'a str>,
    /// The member whose data it already holds, when it joins again after it locked.
    pub member: Option<Uuid>,
}

/// How often, at most, a device's being seen is written down (and its token's expiry moved on):
/// a waiting device renews its long-poll every 25 s, and 100,000 of them writing at each would be
/// 4,000 writes a second; once an hour it is 28, and an hour is nothing beside a 30-day limit.
pub const RENEW_EVERY_MS: i64 = 60 * 60 * 1000;

/// How long an invite can be used: long enough for a member to come to the commune office, short
/// enough that a code written on a slip and lost stops working on its own.
pub const INVITE_LIFETIME_MS: i64 = 14 * 24 * 3_600_000;

/// What a bearer token's request finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seen {
    Live {
        device: Device,
        renew: bool,
    },
    /// Signed out; `first`: its first contact since (logged, and then noted as seen).
    Revoked {
        client: ClientId,
        first: bool,
        revoked_at: i64,
    },
    /// Its token expired; `first`: its first contact since (logged, and then noted as seen).
    Expired {
        client: ClientId,
        first: bool,
    },
}

/// A device joining again with an invite or a login for someone else than the member whose data
/// it holds.
pub(crate) fn wrong_member() -> ServerError {
    ServerError::Refused {
        kind: sotay_core::ErrorKind::WrongMember,
        message: "this device holds another member's data: join it again as that member, or \
                  start a new store"
            .to_owned(),
    }
}

/// The unit tree as last read, and the version it was read at.
#[derive(Debug)]
struct CachedTree {
    version: Option<String>,
    tree: Arc<UnitTree>,
}

/// Invites and tokens, over a transaction the engine opens.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    tree: Mutex<Option<CachedTree>>,
}

impl Registry {
    /// Stores a new invite for `grant`; returns its code (shown once, stored as a hash). A
    /// member's invite needs the member on the server.
    /// Makes a one-time invite: its code, good for [`INVITE_LIFETIME_MS`] from `now`.
    pub fn create_invite(&self, tx: &mut dyn RegistryTx, grant: Grant, now: i64) -> Result<String> {
        if let Grant::Member(member) = grant
            && live_member(tx.record(member)?).is_none()
        {
            return Err(ServerError::UnknownMember(member));
        }
        let code = secret(12);
        tx.lock_for_write()?;
        tx.create_invite(&hash(&code), &grant, now)?;
        Ok(code)
    }

    /// An invite for `member`'s device, made by a device acting as `by`: the administrator's, or a
    /// committee's for its own unit (see [`may_invite`]). Who may not is told `Forbidden` whether
    /// or not the member exists, so ids cannot be probed.
    pub fn invite_member(
        &self,
        tx: &mut dyn RegistryTx,
        by: &Principal,
        member: Uuid,
        now: i64,
    ) -> Result<String> {
        match live_member(tx.record(member)?) {
            Some((unit, office)) if may_invite(by, member, unit, office) => {
                self.create_invite(tx, Grant::Member(member), now)
            }
            None if by.role == Role::Administrator => Err(ServerError::UnknownMember(member)),
            _ => Err(ServerError::Forbidden),
        }
    }

    /// Redeems an invite for a client: returns the device's token, which expires `lifetime`
    /// milliseconds after the device was last heard from. A device joining again (after it
    /// locked) says whose data it holds: an invite for anyone else is refused and stays unused.
    pub fn register(
        &self,
        tx: &mut dyn RegistryTx,
        code: &str,
        joining: &Joining<'_>,
        now: i64,
        lifetime: i64,
    ) -> Result<Registered> {
        let token = format!("sotay_{}", secret(40));
        tx.lock_for_write()?;
        let grant = tx
            .use_invite(&hash(&typed_code(code)), now, now - INVITE_LIFETIME_MS)?
            .ok_or(ServerError::InvalidInvite)?;
        let member = match grant {
            Grant::Member(m) => Some(m),
            _ => None,
        };
        if joining.member.is_some() && joining.member != member {
            // An error rolls the transaction back: the invite is still unused.
            return Err(wrong_member());
        }
        tx.add_device(&NewDevice {
            token_hash: &hash(&token),
            client: joining.client,
            grant: &grant,
            name: joining.name,
            now,
            expires_at: now.saturating_add(lifetime),
        })?;
        Ok(Registered { token, member })
    }

    /// What a bearer token's request finds: the device acting as who it is now, or that it was
    /// signed out, or that its token expired.
    pub(crate) fn authenticate(
        &self,
        tx: &mut dyn RegistryTx,
        token: &str,
        now: i64,
    ) -> Result<Seen> {
        let state = tx.device(&hash(token))?.ok_or(ServerError::Unauthorized)?;
        if let Some(revoked_at) = state.revoked_at {
            // Told once in the security log: the first contact after the signing out.
            let first = state.last_seen.is_none_or(|seen| seen <= revoked_at);
            return Ok(Seen::Revoked {
                client: state.client,
                first,
                revoked_at,
            });
        }
        if let Some(expired) = state.expires_at.filter(|at| *at <= now) {
            return Ok(Seen::Expired {
                client: state.client,
                first: state.last_seen.is_none_or(|seen| seen < expired),
            });
        }
        let principal = match state.grant {
            Grant::Admin => Principal::administrator(),
            Grant::Nothing => Principal::nobody(),
            Grant::Unit(unit) => Principal::reader(unit, &*self.tree(tx)?),
            Grant::Member(member) => self.principal_of(tx, member)?,
        };
        let renew = state.expires_at.is_none()
            || state
                .last_seen
                .is_none_or(|seen| now.saturating_sub(seen) >= RENEW_EVERY_MS);
        Ok(Seen::Live {
            device: Device {
                client_id: state.client,
                principal,
            },
            renew,
        })
    }

    /// Who `member` acts as, from their record on the server: nobody once they left the roster.
    pub fn principal_of(&self, tx: &mut dyn BaseTx, member: Uuid) -> Result<Principal> {
        let Some((unit, office)) = live_member(tx.record(member)?) else {
            return Ok(Principal::nobody());
        };
        Ok(Principal::member(member, unit, office, &*self.tree(tx)?))
    }

    /// The org unit tree as of this transaction: from memory unless its version in the
    /// database moved (any instance's org unit write moves it), so the tree is read once per
    /// change, not once per request, and another instance's change is seen at the next request.
    pub(crate) fn tree(&self, tx: &mut dyn BaseTx) -> Result<Arc<UnitTree>> {
        // The version is read before the units: a tree newer than its version only costs one
        // more reload, a version newer than its tree would be wrong.
        let version = tx.meta(UNIT_TREE_VERSION)?;
        if let Ok(cached) = self.tree.lock()
            && let Some(c) = cached.as_ref()
            && c.version == version
        {
            return Ok(c.tree.clone());
        }
        let tree = Arc::new(UnitTree::new(tx.units()?));
        if let Ok(mut cached) = self.tree.lock() {
            *cached = Some(CachedTree {
                version,
                tree: tree.clone(),
            });
        }
        Ok(tree)
    }
}

/// A member's unit and office, if `record` is a member still on the roster.
pub(crate) fn live_member(record: Option<StoredRecord>) -> Option<(Uuid, Office)> {
    let r = record.filter(|r| r.entity == EntityKind::Member && !r.deleted)?;
    let text = |f: &str| r.fields.get(f).and_then(serde_json::Value::as_str);
    let unit = text("unit_id").and_then(|u| Uuid::parse_str(u).ok())?;
    let office = text("role").and_then(|o| o.parse().ok())?;
    Some((unit, office))
}

/// `chars` random characters from an unambiguous alphabet, from the operating system's generator
/// (through UUIDv4, which uses it).
pub(crate) fn secret(chars: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut out = String::with_capacity(chars);
    while out.len() < chars {
        for b in Uuid::new_v4().as_bytes() {
            if out.len() == chars {
                break;
            }
            out.push(char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]));
        }
    }
    out
}

/// An invite code as a person types it: its letters in either case, with spaces or dashes
/// anywhere (a code read out over the phone, or copied down in groups). Codes are made of
/// capitals and digits only (`secret`).
fn typed_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// How codes and tokens are stored: SHA-256, hex.
pub(crate) fn hash(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sotay_core::model::UnitLevel;

    /// A transaction that knows one member's device and counts how often the tree is read. The
    /// registry takes the registry's role only, so that is all a double of it implements.
    struct Counting {
        version: Option<String>,
        unit: Uuid,
        reads: usize,
    }

    impl BaseTx for Counting {
        fn meta(&mut self, key: &str) -> Result<Option<String>> {
            assert_eq!(key, UNIT_TREE_VERSION);
            Ok(self.version.clone())
        }
        fn units(&mut self) -> Result<Vec<(Uuid, Option<Uuid>, UnitLevel)>> {
            self.reads += 1;
            Ok(vec![(self.unit, None, UnitLevel::Cell)])
        }
        fn record(&mut self, _: Uuid) -> Result<Option<StoredRecord>> {
            unreachable!()
        }
        fn scope_records(&mut self, _: Uuid, _: &[EntityKind]) -> Result<Vec<StoredRecord>> {
            unreachable!()
        }
        fn set_meta(&mut self, _: &str, _: &str) -> Result<()> {
            unreachable!()
        }
    }

    impl RegistryTx for Counting {
        fn device(&mut self, _: &str) -> Result<Option<crate::storage::DeviceState>> {
            Ok(Some(crate::storage::DeviceState {
                client: ClientId(Uuid::nil()),
                grant: Grant::Unit(self.unit),
                last_seen: Some(0),
                expires_at: Some(i64::MAX),
                revoked_at: None,
            }))
        }
        fn create_invite(&mut self, _: &str, _: &Grant, _: i64) -> Result<()> {
            unreachable!()
        }
        fn use_invite(&mut self, _: &str, _: i64, _: i64) -> Result<Option<Grant>> {
            unreachable!()
        }
        fn add_device(&mut self, _: &NewDevice<'_>) -> Result<()> {
            unreachable!()
        }
        fn touch_device(&mut self, _: ClientId, _: i64, _: i64) -> Result<()> {
            unreachable!()
        }
        fn devices(&mut self, _: Option<Uuid>) -> Result<Vec<sotay_sync_protocol::DeviceInfo>> {
            unreachable!()
        }
        fn device_info(&mut self, _: ClientId) -> Result<Option<sotay_sync_protocol::DeviceInfo>> {
            unreachable!()
        }
        fn revoke_device(&mut self, _: ClientId, _: i64, _: &str) -> Result<()> {
            unreachable!()
        }
    }

    #[test]
    fn the_unit_tree_is_read_once_per_change_not_per_request() {
        let registry = Registry::default();
        let mut tx = Counting {
            version: None,
            unit: Uuid::from_u128(1),
            reads: 0,
        };
        for _ in 0..3 {
            registry.authenticate(&mut tx, "token", 1).unwrap();
        }
        assert_eq!(tx.reads, 1);
        tx.version = Some("7".into());
        for _ in 0..3 {
            registry.authenticate(&mut tx, "token", 1).unwrap();
        }
        assert_eq!(tx.reads, 2);
    }
}
