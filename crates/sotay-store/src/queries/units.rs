//! Organisation units and their members.

use crate::Store;
use crate::error::{Result, StoreError};
use crate::read::list;
use chrono::NaiveDate;
use sotay_core::EntityKind;
use sotay_core::model::{Member, OrgUnit, UnitLevel};
use std::collections::HashMap;
use uuid::Uuid;

/// An organisation unit with its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSummary {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub level: UnitLevel,
    pub name: String,
    /// Members of this unit (for a cell) — not of the units below it.
    pub members: i64,
    /// The day the unit itself says it started keeping its record in Sotay.
    pub in_sotay_since: Option<NaiveDate>,
    /// That day, else the nearest unit's above it that says one: what its figures go by.
    pub since: Option<NaiveDate>,
}

fn depth(level: UnitLevel) -> u8 {
    match level {
        UnitLevel::Province => 0,
        UnitLevel::District => 1,
        UnitLevel::Grassroots => 2,
        UnitLevel::Cell => 3,
    }
}

impl Store {
    /// Every live unit's place in the tree — id, parent, level — and nothing else: what working
    /// out who a device acts as needs on every command, without names or member counts.
    pub fn unit_tree(&self) -> Result<Vec<(Uuid, Option<Uuid>, UnitLevel)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, parent_id, level FROM org_unit WHERE deleted = 0")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, parent, level) = row?;
            let corrupt = |e: String| StoreError::Corrupt {
                kind: EntityKind::OrgUnit,
                id: id.clone(),
                source: serde::de::Error::custom(e),
            };
            let unit = Uuid::parse_str(&id).map_err(|e| corrupt(e.to_string()))?;
            let parent = parent
                .map(|p| Uuid::parse_str(&p))
                .transpose()
                .map_err(|e| corrupt(e.to_string()))?;
            let level = level
                .parse()
                .map_err(|_| corrupt(format!("level {level:?}")))?;
            out.push((unit, parent, level));
        }
        Ok(out)
    }

    /// Every organisation unit, tree order (parents before children), by name.
    pub fn units(&self) -> Result<Vec<UnitSummary>> {
        let units: Vec<OrgUnit> = list(self.conn(), "1", "ORDER BY name", [])?;
        let counts = super::by_id::<i64>(
            self.conn(),
            "SELECT unit_id, count(*) FROM member WHERE deleted = 0 GROUP BY unit_id",
            [],
        )?;
        let mut out: Vec<UnitSummary> = units
            .into_iter()
            .map(|u| UnitSummary {
                members: counts.get(&u.id).copied().unwrap_or(0),
                id: u.id,
                parent_id: u.parent_id,
                level: u.level,
                name: u.name,
                in_sotay_since: u.in_sotay_since,
                since: None,
            })
            .collect();
        let parents: HashMap<Uuid, Option<Uuid>> =
            out.iter().map(|u| (u.id, u.parent_id)).collect();
        let own: HashMap<Uuid, NaiveDate> = out
            .iter()
            .filter_map(|u| Some((u.id, u.in_sotay_since?)))
            .collect();
        for u in &mut out {
            let mut chain = vec![u.id];
            // A tree read from synced records may hold a loop: stop at the first unit seen twice.
            while let Some(Some(parent)) = chain.last().and_then(|c| parents.get(c)) {
                if chain.contains(parent) {
                    break;
                }
                chain.push(*parent);
            }
            u.since = sotay_core::report::since_for(&chain, &own);
        }
        out.sort_by(|a, b| (depth(a.level), &a.name).cmp(&(depth(b.level), &b.name)));
        Ok(out)
    }

    /// The members of a unit (or of all units), by name.
    pub fn members(&self, unit_id: Option<Uuid>, limit: u32) -> Result<Vec<Member>> {
        match unit_id {
            Some(unit) => {
                self.require::<OrgUnit>(unit)?;
                list(
                    self.conn(),
                    "unit_id = ?1",
                    "ORDER BY full_name LIMIT ?2",
                    rusqlite::params![unit.to_string(), limit],
                )
            }
            None => list(self.conn(), "1", "ORDER BY full_name LIMIT ?1", [limit]),
        }
    }
}
