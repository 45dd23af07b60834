//! Passwords and signing in: `POST /v1/password` (a member's device sets the member's password),
//! `POST /v1/sign-in` (another device signs in with the member's card number or phone and the
//! password, and gets a token of its own), and the security log administrators read.

use serde::{Deserialize, Serialize};
use sotay_core::ClientId;
use uuid::Uuid;

/// A member's new password, from one of their devices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordRequest {
    /// At least 8 characters.
    pub password: String,
}

/// A device signing in as a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    /// The member's party card number or phone number.
    pub login: String,
    pub password: String,
    /// The client id of the device's store.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub client_id: ClientId,
    /// What to call the device in its member's list of devices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    /// The member this device already belongs to, when it signs in again after it locked: the
    /// login must name them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Uuid))]
    pub member_id: Option<Uuid>,
}

/// What a security event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SecurityKind {
    /// A device signed in with a password.
    SignedIn,
    /// A wrong login or password.
    SignInFailed,
    /// A sign-in refused for too many failures, before its password was looked at.
    SignInLimited,
    /// A member set their password.
    PasswordSet,
    /// A device joined with an invite.
    Joined,
    /// A device was signed out: by its member, their committee or the administrator (the
    /// detail says which).
    DeviceRevoked,
    /// A signed-out device made contact, and was told to erase what it holds.
    RevokedDeviceErased,
    /// A device's token had expired (out of touch too long); it must sign in again.
    SessionExpired,
    /// A member's office changed (the detail says to what).
    OfficeChanged,
}

impl SecurityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SecurityKind::SignedIn => "signed_in",
            SecurityKind::SignInFailed => "sign_in_failed",
            SecurityKind::SignInLimited => "sign_in_limited",
            SecurityKind::PasswordSet => "password_set",
            SecurityKind::Joined => "joined",
            SecurityKind::DeviceRevoked => "device_revoked",
            SecurityKind::RevokedDeviceErased => "revoked_device_erased",
            SecurityKind::SessionExpired => "session_expired",
            SecurityKind::OfficeChanged => "office_changed",
        }
    }

    pub fn parse(s: &str) -> Option<SecurityKind> {
        [
            SecurityKind::SignedIn,
            SecurityKind::SignInFailed,
            SecurityKind::SignInLimited,
            SecurityKind::PasswordSet,
            SecurityKind::Joined,
            SecurityKind::DeviceRevoked,
            SecurityKind::RevokedDeviceErased,
            SecurityKind::SessionExpired,
            SecurityKind::OfficeChanged,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One entry of the security log: append-only, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecurityEvent {
    pub seq: i64,
    /// The server's time, in milliseconds since the epoch.
    pub at: i64,
    pub kind: SecurityKind,
    /// The member concerned, when the login named one.
    pub member: Option<Uuid>,
    /// The device's client id.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Uuid))]
    pub device: Option<ClientId>,
    /// The address the request came from.
    pub address: Option<String>,
    /// The login typed (failures), or what else there is to say.
    pub detail: Option<String>,
}

/// The security log's page: entries after `after`, at most `limit`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct SecurityQuery {
    pub after: Option<i64>,
    pub limit: Option<u32>,
}
