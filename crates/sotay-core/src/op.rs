//! What a change does to a record: the one vocabulary of the outbox, the sync protocol and the
//! server.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What one change does to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Insert,
    Update,
    Delete,
}

impl Op {
    pub const ALL: [Op; 3] = [Op::Insert, Op::Update, Op::Delete];

    /// The name stored in the outbox and sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Insert => "insert",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not an [`Op`]: a corrupted outbox, or one written by a newer version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a change this version knows (insert, update or delete)")]
pub struct UnknownOp(pub String);

impl FromStr for Op {
    type Err = UnknownOp;

    fn from_str(s: &str) -> Result<Op, UnknownOp> {
        Op::ALL
            .into_iter()
            .find(|op| op.as_str() == s)
            .ok_or_else(|| UnknownOp(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for op in Op::ALL {
            assert_eq!(op.as_str().parse::<Op>(), Ok(op));
            assert_eq!(
                serde_json::to_value(op).unwrap(),
                serde_json::Value::String(op.as_str().into())
            );
        }
    }

    /// Regression: the sync client once read any unknown op as a delete, so a corrupted or newer
    /// outbox entry would have deleted the record on the server.
    #[test]
    fn an_unknown_name_is_an_error_not_a_delete() {
        assert_eq!("remove".parse::<Op>(), Err(UnknownOp("remove".into())));
        assert!("".parse::<Op>().is_err());
        assert!("Delete".parse::<Op>().is_err());
    }
}
