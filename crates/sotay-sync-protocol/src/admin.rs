//! `/v1/admin/…`: the administrator's console over the organisation tree and the roster. Each
//! change becomes records pushed as the administrator, so devices receive it by the same pull as
//! any other change and the audit log keeps it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sotay_core::model::{Gender, Role, Standing, UnitLevel};
use uuid::Uuid;

/// A unit of the tree as the console lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AdminUnit {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    /// `province`, `district`, `grassroots` or `cell`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub level: UnitLevel,
    pub name: String,
    pub code: Option<String>,
    /// Set once the unit is closed (`yyyy-mm-dd`).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub closed_on: Option<NaiveDate>,
    /// Members on its roster now.
    pub members: u32,
}

/// A new unit: the root of a fresh server (no parent) or a unit under one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewUnit {
    pub parent_id: Option<Uuid>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub level: UnitLevel,
    pub name: String,
    pub code: Option<String>,
}

/// A unit's new name and, when given, its new code (an empty code removes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RenameUnit {
    pub name: String,
    pub code: Option<String>,
}

/// Puts a unit under another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoveUnit {
    pub parent_id: Uuid,
}

/// Closes a unit from a day: it must hold no members and no open units by then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CloseUnit {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub on: NaiveDate,
}

/// A member as the console lists and edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AdminMember {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub full_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub gender: Option<Gender>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub born_on: Option<NaiveDate>,
    /// `official` or `probationary`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub standing: Standing,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub admitted_on: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub official_on: Option<NaiveDate>,
    /// `secretary`, `deputy_secretary`, `committee_member` or `member`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub role: Role,
    pub phone: Option<String>,
    pub card_number: Option<String>,
    pub citizen_id: Option<String>,
}

/// A new member of a unit's roster. Without a role, a plain member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    pub unit_id: Uuid,
    pub full_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub gender: Option<Gender>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub born_on: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub standing: Standing,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub admitted_on: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub official_on: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub role: Option<Role>,
    pub phone: Option<String>,
    pub card_number: Option<String>,
    pub citizen_id: Option<String>,
}

/// The details to change; what is left out stays. An empty text removes a phone, card or
/// citizen number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EditMember {
    pub full_name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub gender: Option<Gender>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub born_on: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub standing: Option<Standing>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub admitted_on: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub official_on: Option<NaiveDate>,
    pub phone: Option<String>,
    pub card_number: Option<String>,
    pub citizen_id: Option<String>,
}

/// Moves a member to another unit from a day, with the transfer that keeps their history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoveMember {
    pub unit_id: Uuid,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub on: NaiveDate,
    pub reason: Option<String>,
}

/// Gives a member an office in their unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetOffice {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub role: Role,
}

/// Which unit's roster (`GET /v1/admin/members`); every unit's when left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct MembersQuery {
    pub unit: Option<Uuid>,
}
