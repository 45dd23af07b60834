//! Passwords and signing in. A member whose device joined with an invite sets a password there;
//! another device of theirs then signs in with the member's party card number or phone and the
//! password, and gets a token of its own, as a redeemed invite gives.
//!
//! The password is kept as an argon2id hash (PHC string). Its parameters are OWASP's first
//! recommendation, 19 MiB and 2 passes on one lane: on the 2-core server one verification costs
//! tens of milliseconds (BENCHMARKS.md), so a burst of sign-ins cannot starve the sync, and the
//! memory makes each guess as costly on a GPU. It is verified outside any database transaction.
//!
//! Guessing is limited per account and per address, counted in the database so every server
//! instance counts the same failures: after [`PER_ACCOUNT`] failures in [`WINDOW_MS`] an account
//! signs in no more until the oldest of them is that old, even with the right password; an
//! address after [`PER_ADDRESS`]. Every sign-in, failure, refusal and new password is in the
//! security log.

use crate::engine::Engine;
use crate::registry::{Device, Registered, hash, secret};
use crate::storage::{AccountTx, Backend, BaseTx, Grant, NewDevice, Result, ServerError};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sotay_core::model::Member;
use sotay_core::{ClientId, EntityKind, Record};
use sotay_sync_protocol::{SecurityEvent, SecurityKind, SignInRequest};
use uuid::Uuid;

/// The shortest password taken.
pub const MIN_PASSWORD: usize = 8;
/// The longest (a hash's input is bounded; no one types more).
const MAX_PASSWORD: usize = 200;
/// How long failures count.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures an account may have in the window.
pub const PER_ACCOUNT: u32 = 5;
/// Failures one address may have in the window, across accounts.
pub const PER_ADDRESS: u32 = 20;

/// argon2id, 19 MiB, 2 passes, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A password's PHC string.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServerError::Database(format!("hashing a password failed: {e}")))
}

/// Whether `password` is the one `phc` was made from. An unreadable hash matches nothing.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| hasher().verify_password(password.as_bytes(), &h).is_ok())
}

/// What a sign-in's first transaction found.
struct Attempt {
    member: Option<Uuid>,
    phc: Option<String>,
    account_key: String,
}

impl<B: Backend> Engine<B> {
    /// Sets the password of the member whose device this is.
    pub fn set_password(&self, device: &Device, password: &str) -> Result<()> {
        let member = device.principal.member.ok_or(ServerError::Forbidden)?;
        let length = password.chars().count();
        if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&length) {
            return Err(ServerError::Invalid(format!(
                "password: use {MIN_PASSWORD} to {MAX_PASSWORD} characters"
            )));
        }
        let phc = hash_password(password)?;
        let now = self.now_ms();
        self.backend().transact(|tx| {
            tx.lock_for_write()?;
            tx.set_password(member, &phc, now)?;
            log(
                tx,
                now,
                SecurityKind::PasswordSet,
                Some(member),
                Some(device.client_id),
                None,
                None,
            )
        })
    }

    /// Signs a device in as the member `login` names (card number or phone), with their
    /// password; from `address`. Answers the device's token.
    pub fn sign_in(&self, req: &SignInRequest, address: Option<&str>) -> Result<Registered> {
        let now = self.now_ms();
        let name = crate::devices::device_name(req.device_name.as_deref())?;
        let address_key = address.map(|a| format!("address:{a}"));
        let attempt = self.backend().transact(|tx| {
            tx.lock_for_write()?;
            let member = member_by_login(tx, &req.login)?;
            let account_key = member.map_or_else(
                || format!("login:{}", sotay_core::roster::folded_name(&req.login)),
                |m| format!("member:{m}"),
            );
            let limits = [
                (Some(&account_key), PER_ACCOUNT),
                (address_key.as_ref(), PER_ADDRESS),
            ];
            for (key, allowed) in limits {
                let Some(key) = key else { continue };
                let (failed, oldest) = tx.failures(key, now - WINDOW_MS)?;
                if failed >= allowed {
                    let free_at = oldest.unwrap_or(now) + WINDOW_MS;
                    let minutes =
                        u32::try_from(((free_at - now).max(1) + 59_999) / 60_000).unwrap_or(1);
                    log(
                        tx,
                        now,
                        SecurityKind::SignInLimited,
                        member,
                        Some(req.client_id),
                        address,
                        Some(&req.login),
                    )?;
                    return Ok(Err(ServerError::RateLimited { minutes }));
                }
            }
            let phc = match member {
                Some(m) => tx.password(m)?,
                None => None,
            };
            Ok(Ok(Attempt {
                member,
                phc,
                account_key,
            }))
        })??;
        // Outside the transaction: the hash takes tens of milliseconds. A login that names nobody
        // is verified against a hash all the same, so the time taken does not tell.
        let right = match &attempt.phc {
            Some(phc) => verify_password(&req.password, phc),
            None => {
                verify_password(&req.password, UNUSED_HASH);
                false
            }
        };
        let token = format!("sotay_{}", secret(40));
        self.backend().transact(|tx| {
            tx.lock_for_write()?;
            match attempt.member.filter(|_| right) {
                Some(member) if req.member_id.is_some_and(|m| m != member) => {
                    Ok(Err(crate::registry::wrong_member()))
                }
                Some(member) => {
                    tx.clear_failures(&attempt.account_key, now - WINDOW_MS)?;
                    tx.add_device(&NewDevice {
                        token_hash: &hash(&token),
                        client: req.client_id,
                        grant: &Grant::Member(member),
                        name: name.as_deref(),
                        now,
                        expires_at: now.saturating_add(self.offline_ms()),
                    })?;
                    log(
                        tx,
                        now,
                        SecurityKind::SignedIn,
                        Some(member),
                        Some(req.client_id),
                        address,
                        None,
                    )?;
                    Ok(Ok(Registered {
                        token: token.clone(),
                        member: Some(member),
                    }))
                }
                None => {
                    tx.add_failure(&attempt.account_key, now)?;
                    if let Some(key) = &address_key {
                        tx.add_failure(key, now)?;
                    }
                    log(
                        tx,
                        now,
                        SecurityKind::SignInFailed,
                        attempt.member,
                        Some(req.client_id),
                        address,
                        Some(&req.login),
                    )?;
                    // Committed: the failure counts even though the answer is an error.
                    Ok(Err(ServerError::BadCredentials))
                }
            }
        })?
    }

    /// The security log, for an administrator's device or where the server's data is.
    pub fn security_log(
        &self,
        device: &Device,
        after: i64,
        limit: u32,
    ) -> Result<Vec<SecurityEvent>> {
        if device.principal.role != sotay_core::access::Role::Administrator {
            return Err(ServerError::Forbidden);
        }
        self.backend()
            .transact(|tx| tx.security_log(after, limit.clamp(1, sotay_sync_protocol::MAX_PAGE)))
    }
}

/// A hash of a password no one has, verified when a login names nobody.
const UNUSED_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c290YXktdW51c2VkLXNhbHQ$0VJ8vq9J+Ea8R6DfW+xk3ZJt2W/zUQ6yLd0f2PjSxzs";

/// The live member a login names: their card number (dots ignored), else their phone (digits
/// only); nobody when it names none, or when a phone is shared.
fn member_by_login(tx: &mut dyn BaseTx, login: &str) -> Result<Option<Uuid>> {
    let digits: String = login.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    let mut by_phone = Vec::new();
    for (unit, _, _) in tx.units()? {
        for r in tx.scope_records(unit, &[EntityKind::Member])? {
            if r.deleted || r.entity != EntityKind::Member {
                continue;
            }
            let Ok(m) = Member::from_fields(r.id, r.fields) else {
                continue;
            };
            let only_digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
            if m.card_number.as_deref().map(only_digits).as_deref() == Some(digits.as_str()) {
                return Ok(Some(m.id));
            }
            if m.phone.as_deref().map(only_digits).as_deref() == Some(digits.as_str()) {
                by_phone.push(m.id);
            }
        }
    }
    Ok(match by_phone.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

pub(crate) fn log(
    tx: &mut dyn AccountTx,
    at: i64,
    kind: SecurityKind,
    member: Option<Uuid>,
    device: Option<ClientId>,
    address: Option<&str>,
    detail: Option<&str>,
) -> Result<()> {
    tx.append_security(&SecurityEvent {
        seq: 0,
        at,
        kind,
        member,
        device,
        address: address.map(str::to_owned),
        detail: detail.map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let phc = hash_password("mật khẩu 2026").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_password("mật khẩu 2026", &phc));
        assert!(!verify_password("mat khau 2026", &phc));
        assert!(!verify_password("anything", "not a hash"));
        assert!(
            PasswordHash::new(UNUSED_HASH).is_ok(),
            "the stand-in hash parses"
        );
    }
}
