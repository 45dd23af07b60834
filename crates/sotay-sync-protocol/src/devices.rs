//! A member's devices: `GET /v1/devices` lists them (name, last seen, whether signed out), and
//! `DELETE /v1/devices/{client_id}` signs one out — the member's own, or, for a lost one, the
//! administrator or the member's cell committee. A signed-out device is told so at its next
//! contact, and erases what it holds.

use serde::{Deserialize, Serialize};
use sotay_core::ClientId;
use uuid::Uuid;

/// One device as its member, their committee or the administrator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceInfo {
    /// The client id of the device's store.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
    pub client_id: ClientId,
    /// What the device was called when it joined (its computer's name, or what its member typed).
    pub name: Option<String>,
    /// The member it belongs to; absent for an administrator's device and a unit's read-only one.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Uuid))]
    pub member_id: Option<Uuid>,
    /// An administrator's device.
    pub admin: bool,
    /// When it joined, in milliseconds since the epoch (the server's clock), as the fields below.
    pub joined_at: i64,
    /// When the server last heard from it (to within an hour).
    pub last_seen: Option<i64>,
    /// When its token stops working unless the device is heard from before.
    pub expires_at: Option<i64>,
    /// When it was signed out, and by whom ("member", "committee" or "administrator").
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
}

/// Whose devices to list: the asking device's member's when absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct DevicesQuery {
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, format = Uuid))]
    pub member: Option<Uuid>,
    /// Every device on the server (administrators only).
    pub all: Option<bool>,
}
