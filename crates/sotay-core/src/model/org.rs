use crate::entity::{EntityKind, Record};
use crate::error::{ValidationError, optional_text, required_text};
use chrono::NaiveDate;
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

impl UnitLevel {
    /// How far down the tree the level sits: a province 0, a cell 3.
    pub fn depth(self) -> u8 {
        match self {
            UnitLevel::Province => 0,
            UnitLevel::District => 1,
            UnitLevel::Grassroots => 2,
            UnitLevel::Cell => 3,
        }
    }

    /// Whether a unit of this level may sit right under a unit of `parent`'s: any level below
    /// it (a district's own cells, chi bộ cơ sở, sit right under the district), nothing under a
    /// cell.
    pub fn may_sit_under(self, parent: UnitLevel) -> bool {
        self.depth() > parent.depth()
    }
}

/// A node of the organisation tree: committees over cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgUnit {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub level: UnitLevel,
    pub name: String,
    /// A short code used on documents and exports (`CB-TD`, `DU-TT`).
    pub code: Option<String>,
    /// The day the unit was dissolved or merged away (giải thể, sáp nhập): it keeps its history
    /// and takes no new members or units.
    pub closed_on: Option<NaiveDate>,
    /// The day the unit started keeping its record in Sotay: the figures and checks judge nothing
    /// before it (a commune that starts in December has not missed eleven months). Units below
    /// inherit it until they set their own ([`crate::report::since_for`]).
    pub in_sotay_since: Option<NaiveDate>,
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
