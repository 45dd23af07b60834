//! The device registry: invites, device tokens, and who a token's device is. Only hashes of codes
//! and tokens are stored. What a device reaches is worked out from its grant over the org unit
//! tree.

use crate::storage::{Grant, Result, ServerError, ServerTx};
use sha2::{Digest, Sha256};
use sotay_core::ClientId;
use sotay_core::access::{Access, UnitTree};
use uuid::Uuid;

/// An authenticated device: one client (one store) of one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub client_id: ClientId,
    pub access: Access,
}

/// Invites and tokens, over a transaction the engine opens.
#[derive(Debug, Default)]
pub(crate) struct Registry {}

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
            _ => UnitTree::default(),
        };
        let access = Access::of(&grant, &tree);
        Ok(Device { client_id, access })
    }

    /// What a member of `unit` reaches.
    pub fn access_for_unit(&self, tx: &mut dyn ServerTx, unit: Uuid) -> Result<Access> {
        Ok(Access::Units(self.tree(tx)?.reach(unit)))
    }

    /// The org unit tree as of this transaction.
    fn tree(&self, tx: &mut dyn ServerTx) -> Result<UnitTree> {
        Ok(UnitTree::new(tx.units()?))
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
