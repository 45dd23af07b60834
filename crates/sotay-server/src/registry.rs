//! The device registry: invites, device tokens, and who a token's device is. Only hashes of codes
//! and tokens are stored. What a device reaches is worked out from its grant over the org unit
//! tree, which is kept in memory and read again only when it changed.

use crate::storage::{Grant, Result, ServerError, ServerTx, UNIT_TREE_VERSION};
use sha2::{Digest, Sha256};
use sotay_core::ClientId;
use sotay_core::access::{Access, UnitTree};
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// An authenticated device: one client (one store) of one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub client_id: ClientId,
    pub access: Access,
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
    /// Stores a new invite for `grant`; returns its code (shown once, stored as a hash).
    pub fn create_invite(&self, tx: &mut dyn ServerTx, grant: Grant, now: i64) -> Result<String> {
        let code = secret(12);
        tx.lock_for_write()?;
        tx.create_invite(&hash(&code), &grant, now)?;
        Ok(code)
    }

    /// Redeems an invite for a client: returns the device's token.
    pub fn register(
        &self,
        tx: &mut dyn ServerTx,
        code: &str,
        client: ClientId,
        now: i64,
    ) -> Result<String> {
        let token = format!("sotay_{}", secret(40));
        tx.lock_for_write()?;
        match tx.redeem_invite(&hash(code.trim()), &hash(&token), client, now)? {
            Some(_) => Ok(token),
            None => Err(ServerError::InvalidInvite),
        }
    }

    /// The device a bearer token belongs to, with what it reaches now.
    pub fn authenticate(&self, tx: &mut dyn ServerTx, token: &str) -> Result<Device> {
        let (client_id, grant) = tx.device(&hash(token))?.ok_or(ServerError::Unauthorized)?;
        // Only a member's reach depends on the tree: the administrator's and a unitless device's
        // do not, so they never read it.
        let tree = match grant.unit {
            Some(_) if !grant.admin => self.tree(tx)?,
            _ => Arc::default(),
        };
        let access = Access::of(&grant, &tree);
        Ok(Device { client_id, access })
    }

    /// What a member of `unit` reaches.
    pub fn access_for_unit(&self, tx: &mut dyn ServerTx, unit: Uuid) -> Result<Access> {
        Ok(Access::Units(self.tree(tx)?.reach(unit)))
    }

    /// The org unit tree as of this transaction: from memory unless its version in the
    /// database moved (any instance's org unit write moves it), so the tree is read once per
    /// change, not once per request, and another instance's change is seen at the next request.
    fn tree(&self, tx: &mut dyn ServerTx) -> Result<Arc<UnitTree>> {
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

/// `chars` random characters from an unambiguous alphabet, from the operating system's generator
/// (through UUIDv4, which uses it).
fn secret(chars: usize) -> String {
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

/// How codes and tokens are stored: SHA-256, hex.
fn hash(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rows::RecordRow;
    use crate::storage::StoredRecord;

    /// A transaction that knows one member's device and counts how often the tree is read.
    struct Counting {
        version: Option<String>,
        unit: Uuid,
        reads: usize,
    }

    impl ServerTx for Counting {
        fn device(&mut self, _: &str) -> Result<Option<(ClientId, Grant)>> {
            let grant = Grant {
                unit: Some(self.unit),
                admin: false,
            };
            Ok(Some((ClientId(Uuid::nil()), grant)))
        }
        fn meta(&mut self, key: &str) -> Result<Option<String>> {
            assert_eq!(key, UNIT_TREE_VERSION);
            Ok(self.version.clone())
        }
        fn units(&mut self) -> Result<Vec<(Uuid, Option<Uuid>)>> {
            self.reads += 1;
            Ok(vec![(self.unit, None)])
        }
        fn last_mutation(&mut self, _: ClientId) -> Result<i64> {
            unreachable!()
        }
        fn set_last_mutation(&mut self, _: ClientId, _: i64) -> Result<()> {
            unreachable!()
        }
        fn record(&mut self, _: Uuid) -> Result<Option<StoredRecord>> {
            unreachable!()
        }
        fn upsert(&mut self, _: &RecordRow) -> Result<()> {
            unreachable!()
        }
        fn records_after(
            &mut self,
            _: i64,
            _: Option<&[Uuid]>,
            _: u32,
        ) -> Result<Vec<StoredRecord>> {
            unreachable!()
        }
        fn create_invite(&mut self, _: &str, _: &Grant, _: i64) -> Result<()> {
            unreachable!()
        }
        fn redeem_invite(
            &mut self,
            _: &str,
            _: &str,
            _: ClientId,
            _: i64,
        ) -> Result<Option<Grant>> {
            unreachable!()
        }
        fn latest_seq(&mut self, _: Option<&[Uuid]>) -> Result<i64> {
            unreachable!()
        }
        fn set_meta(&mut self, _: &str, _: &str) -> Result<()> {
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
            registry.authenticate(&mut tx, "token").unwrap();
        }
        assert_eq!(tx.reads, 1);
        tx.version = Some("7".into());
        for _ in 0..3 {
            registry.authenticate(&mut tx, "token").unwrap();
        }
        assert_eq!(tx.reads, 2);
    }
}
