//! A member's devices: who a token's request comes from (or that it was signed out, or expired),
//! the list a member, their cell committee or the administrator sees, and signing one out.
//!
//! A token expires [`Engine::offline_days`] after its device was last heard from; each request
//! moves that on (written at most once an hour, [`RENEW_EVERY_MS`]). A signed-out device is
//! answered `device_revoked` at its next contact, which it takes as the order to erase what it
//! holds; that contact is logged once.

use crate::accounts::log;
use crate::engine::Engine;
use crate::registry::{Device, Seen, live_member};
use crate::storage::{Backend, Result, ServerError};
use sotay_core::ClientId;
use sotay_core::access::{Role, may_sign_out};
use sotay_sync_protocol::{DeviceInfo, DevicesQuery, SecurityKind};

#[cfg(doc)]
use crate::registry::RENEW_EVERY_MS;

/// The longest device name kept.
const MAX_NAME: usize = 80;

/// A device's name as given when it joined: trimmed, without control characters, at most
/// [`MAX_NAME`] characters; `None` when blank.
pub(crate) fn device_name(name: Option<&str>) -> Result<Option<String>> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(ServerError::Invalid(format!(
            "device_name: at most {MAX_NAME} characters, on one line"
        )));
    }
    Ok(Some(name.to_owned()))
}

impl<B: Backend> Engine<B> {
    /// The device a bearer token belongs to, with what it may read and write now; refused as
    /// signed out or expired.
    pub fn authenticate(&self, token: &str) -> Result<Device> {
        let now = self.now_ms();
        let seen = self
            .backend()
            .transact(|tx| self.registry().authenticate(tx, token, now))?;
        match seen {
            Seen::Live { device, renew } => {
                if renew {
                    let expires_at = now.saturating_add(self.offline_ms());
                    self.backend().transact(|tx| {
                        tx.lock_for_write()?;
                        tx.touch_device(device.client_id, now, expires_at)
                    })?;
                }
                Ok(device)
            }
            Seen::Revoked {
                client,
                first,
                revoked_at,
            } => {
                if first {
                    self.backend().transact(|tx| {
                        tx.lock_for_write()?;
                        // Seen after the signing out, even within its millisecond: logged once.
                        let seen = now.max(revoked_at.saturating_add(1));
                        tx.touch_device(client, seen, seen)?;
                        log(
                            tx,
                            now,
                            SecurityKind::RevokedDeviceErased,
                            None,
                            Some(client),
                            None,
                            None,
                        )
                    })?;
                }
                Err(ServerError::DeviceRevoked)
            }
            Seen::Expired { client, first } => {
                if first {
                    self.backend().transact(|tx| {
                        tx.lock_for_write()?;
                        // Seen, but its token stays expired: only a sign-in gives a new one.
                        tx.touch_device(client, now, now)?;
                        log(
                            tx,
                            now,
                            SecurityKind::SessionExpired,
                            None,
                            Some(client),
                            None,
                            None,
                        )
                    })?;
                }
                Err(ServerError::SessionExpired)
            }
        }
    }

    /// The devices `by` may see: its member's own (no member named), a member's whose devices it
    /// may sign out, or every device (`all`, administrators only).
    pub fn devices(&self, by: &Device, q: &DevicesQuery) -> Result<Vec<DeviceInfo>> {
        let admin = by.principal.role == Role::Administrator;
        self.backend().transact(|tx| {
            let member = match (q.all.unwrap_or(false), q.member) {
                (true, _) if admin => None,
                (true, _) => return Err(ServerError::Forbidden),
                (false, Some(member)) => {
                    let may = live_member(tx.record(member)?)
                        .is_some_and(|(unit, _)| may_sign_out(&by.principal, member, unit));
                    if !may && !admin {
                        return Err(ServerError::Forbidden);
                    }
                    Some(member)
                }
                (false, None) if admin && by.principal.member.is_none() => None,
                (false, None) => Some(by.principal.member.ok_or(ServerError::Forbidden)?),
            };
            tx.devices(member)
        })
    }

    /// Signs a device out: its member's own, or a lost one by the administrator or the member's
    /// cell committee. Its token stops working at once; at its next contact it erases what it
    /// holds. Signing out a device already signed out changes nothing.
    pub fn revoke_device(&self, by: &Device, client: ClientId) -> Result<DeviceInfo> {
        let now = self.now_ms();
        let admin = by.principal.role == Role::Administrator;
        self.backend().transact(|tx| {
            tx.lock_for_write()?;
            let Some(info) = tx.device_info(client)? else {
                // Who may not sign anyone's devices out is not told which ids exist.
                return Err(if admin {
                    ServerError::UnknownDevice(client)
                } else {
                    ServerError::Forbidden
                });
            };
            let own = info.member_id.is_some() && info.member_id == by.principal.member;
            let committee = match info.member_id {
                Some(member) if !own => live_member(tx.record(member)?)
                    .is_some_and(|(unit, _)| may_sign_out(&by.principal, member, unit)),
                _ => false,
            };
            let who = if admin {
                "administrator"
            } else if own {
                "member"
            } else if committee {
                "committee"
            } else {
                return Err(ServerError::Forbidden);
            };
            if info.revoked_at.is_some() {
                return Ok(info);
            }
            tx.revoke_device(client, now, who)?;
            let detail = match by.principal.member {
                Some(m) => format!("by the {who} (member {m})"),
                None => format!("by the {who}"),
            };
            log(
                tx,
                now,
                SecurityKind::DeviceRevoked,
                info.member_id,
                Some(client),
                None,
                Some(&detail),
            )?;
            tx.device_info(client)?
                .ok_or(ServerError::UnknownDevice(client))
        })
    }
}
