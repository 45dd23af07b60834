//! The org unit tree, and where one unit stands from another.

use super::Place;
use crate::model::UnitLevel;
use std::collections::HashMap;
use uuid::Uuid;

/// The org unit tree: each unit's parent and level, and the children found from them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitTree {
    parent: HashMap<Uuid, Option<Uuid>>,
    level: HashMap<Uuid, UnitLevel>,
    children: HashMap<Uuid, Vec<Uuid>>,
}

impl UnitTree {
    /// The tree of these units, given as (id, parent, level).
    pub fn new(units: impl IntoIterator<Item = (Uuid, Option<Uuid>, UnitLevel)>) -> UnitTree {
        let mut tree = UnitTree::default();
        for (id, parent, level) in units {
            tree.parent.insert(id, parent);
            tree.level.insert(id, level);
            if let Some(p) = parent {
                tree.children.entry(p).or_default().push(id);
            }
        }
        tree
    }

    /// The unit's level, if the tree has it.
    pub fn level(&self, unit: Uuid) -> Option<UnitLevel> {
        self.level.get(&unit).copied()
    }

    /// The committees above `unit`, nearest first. A cycle in bad data ends the walk.
    pub fn above(&self, unit: Uuid) -> Vec<Uuid> {
        let mut out = Vec::new();
        let mut cur = self.parent.get(&unit).copied().flatten();
        while let Some(p) = cur {
            if p == unit || out.contains(&p) {
                break;
            }
            out.push(p);
            cur = self.parent.get(&p).copied().flatten();
        }
        out
    }

    /// Every unit below `unit`, at any depth.
    pub fn below(&self, unit: Uuid) -> Vec<Uuid> {
        let mut out: Vec<Uuid> = Vec::new();
        let mut frontier = vec![unit];
        while let Some(u) = frontier.pop() {
            for child in self.children.get(&u).into_iter().flatten() {
                if *child != unit && !out.contains(child) {
                    out.push(*child);
                    frontier.push(*child);
                }
            }
        }
        out
    }

    /// Each unit `unit` reaches, with where it stands from `unit`: itself, the committees above it
    /// and the units below it. Every other unit is [`Place::Elsewhere`].
    pub fn places(&self, unit: Uuid) -> HashMap<Uuid, Place> {
        let mut out = HashMap::new();
        for u in self.below(unit) {
            out.insert(u, Place::Below);
        }
        for u in self.above(unit) {
            // In a cycle a unit is both; above is the narrower reach.
            out.insert(u, Place::Above);
        }
        out.insert(unit, Place::Own);
        out
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// 1 (district) > 2 (commune) > 3, 4 (cells); 5 elsewhere (another district). The access
    /// tests use it too.
    pub(in crate::access) fn tree() -> UnitTree {
        UnitTree::new([
            (id(1), None, UnitLevel::District),
            (id(2), Some(id(1)), UnitLevel::Grassroots),
            (id(3), Some(id(2)), UnitLevel::Cell),
            (id(4), Some(id(2)), UnitLevel::Cell),
            (id(5), None, UnitLevel::District),
        ])
    }

    fn sorted(mut v: Vec<Uuid>) -> Vec<Uuid> {
        v.sort();
        v
    }

    #[test]
    fn a_unit_sees_the_committees_above_and_the_units_below() {
        let t = tree();
        assert_eq!(t.above(id(3)), [id(2), id(1)]);
        assert_eq!(sorted(t.below(id(1))), [id(2), id(3), id(4)]);
        let places = t.places(id(2));
        assert_eq!(places[&id(2)], Place::Own);
        assert_eq!(places[&id(1)], Place::Above);
        assert_eq!(places[&id(3)], Place::Below);
        assert!(!places.contains_key(&id(5)));
        assert_eq!(t.places(id(9)).len(), 1, "a unit the tree lacks is its own");
        assert_eq!(t.level(id(3)), Some(UnitLevel::Cell));
    }

    #[test]
    fn a_cycle_in_the_tree_ends_the_walk() {
        let t = UnitTree::new([
            (id(1), Some(id(2)), UnitLevel::Cell),
            (id(2), Some(id(1)), UnitLevel::Cell),
        ]);
        assert_eq!(t.above(id(1)), [id(2)]);
        assert_eq!(t.below(id(1)), [id(2)]);
        assert_eq!(t.places(id(1))[&id(2)], Place::Above);
    }
}
