use crate::entity::{EntityKind, Record};
use crate::error::{ValidationError, optional_text, required_text};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A level of the party organisation tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum UnitLevel {
    /// Tỉnh ủy / Thành ủy.
    Province,
    /// Huyện ủy / Thị ủy / Quận ủy.
    District,
    /// Đảng ủy cơ sở: a commune, ward, town or agency's grassroots committee.
    Grassroots,
    /// Chi bộ: the cell members belong to.
    Cell,
}
super::code_enum!(UnitLevel);

/// A node of the organisation tree: committees over cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgUnit {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub level: UnitLevel,
    pub name: String,
    /// A short code used on documents and exports (`CB-TD`, `DU-TT`).
    pub code: Option<String>,
}

impl Record for OrgUnit {
    const KIND: EntityKind = EntityKind::OrgUnit;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("name", &self.name, 200)?;
        optional_text("code", self.code.as_deref(), 50)
    }
}
