//! Conversions between a change's JSON field values and SQLite values, driven by the entity table.

use rusqlite::types::{ToSqlOutput, Value as Sql, ValueRef};
use serde_json::Value as Json;
use sotay_core::FieldType;

/// A JSON field value as SQLite stores it.
pub fn to_sql(v: &Json) -> Sql {
    match v {
        Json::Null => Sql::Null,
        Json::Bool(b) => Sql::Integer(i64::from(*b)),
        Json::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .or_else(|| n.as_f64().map(Sql::Real))
            .unwrap_or(Sql::Null),
        Json::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}

/// [`to_sql`] without copying a text, for binding to a statement run while `v` is alive: a
/// first pull binds a district's worth of texts.
pub fn to_sql_ref(v: &Json) -> ToSqlOutput<'_> {
    match v {
        Json::String(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        other => ToSqlOutput::Owned(to_sql(other)),
    }
}

/// A stored value back as JSON, typed by the field it belongs to.
pub fn to_json(ty: FieldType, v: ValueRef<'_>) -> Json {
    match (ty, v) {
        (_, ValueRef::Null) => Json::Null,
        (FieldType::Bool, ValueRef::Integer(i)) => Json::Bool(i != 0),
        (_, ValueRef::Integer(i)) => Json::from(i),
        (_, ValueRef::Real(f)) => Json::from(f),
        (_, ValueRef::Text(t)) => Json::String(String::from_utf8_lossy(t).into_owned()),
        (_, ValueRef::Blob(b)) => Json::String(String::from_utf8_lossy(b).into_owned()),
    }
}
