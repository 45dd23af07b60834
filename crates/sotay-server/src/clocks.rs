//! A record's field clocks as its row stores them.
//!
//! Every field of a record carries the clock of the write that set it, and most records were
//! written whole by one write: stored as an object of field → `{hlc, client}`, the same client id
//! and clock were repeated for every field, and the clocks took two to three times the space of
//! the values (344 bytes of an attendance row's 519). They are now stored grouped by clock, an
//! array of `[hlc, client, [fields…]]`, one entry for each write that still owns a field: a
//! smaller row for every record a push writes and a pull reads, on both backends.
//!
//! Rows written before keep the object form until their record changes again, so both forms are
//! read: an array is the grouped form, an object the old one.

use crate::storage::FieldClock;
use sotay_core::{ClientId, Hlc};
use std::collections::BTreeMap;

/// A record's clocks, field by field.
pub type Clocks = BTreeMap<String, FieldClock>;

/// The clocks as stored: grouped by the write that set each field, groups in the order their
/// first field sorts.
pub fn encode(clocks: &Clocks) -> serde_json::Result<String> {
    let mut groups: Vec<(Hlc, ClientId, Vec<&str>)> = Vec::new();
    for (field, clock) in clocks {
        // Few groups a record (one write usually owns every field): a scan beats a map.
        match groups
            .iter_mut()
            .find(|(hlc, client, _)| *hlc == clock.hlc && *client == clock.client)
        {
            Some((_, _, fields)) => fields.push(field),
            None => groups.push((clock.hlc, clock.client, vec![field])),
        }
    }
    serde_json::to_string(&groups)
}

/// The clocks of a stored row, in either form.
pub fn decode(text: &str) -> serde_json::Result<Clocks> {
    if !text.trim_start().starts_with('[') {
        return serde_json::from_str(text);
    }
    let groups: Vec<(Hlc, ClientId, Vec<String>)> = serde_json::from_str(text)?;
    let mut clocks = Clocks::new();
    for (hlc, client, fields) in groups {
        for field in fields {
            clocks.insert(field, FieldClock { hlc, client });
        }
    }
    Ok(clocks)
}

/// The latest of a stored row's clocks (by HLC, then client: `StoredRecord::latest`), read
/// without building them field by field: what a pulled record carries. `None` for a record
/// without fields.
pub fn latest(text: &str) -> serde_json::Result<Option<FieldClock>> {
    if !text.trim_start().starts_with('[') {
        return Ok(decode(text)?
            .into_values()
            .max_by_key(|c| (c.hlc, c.client)));
    }
    // `encode` writes a group only with the fields it owns: none is empty.
    let groups: Vec<(Hlc, ClientId, serde::de::IgnoredAny)> = serde_json::from_str(text)?;
    Ok(groups
        .into_iter()
        .map(|(hlc, client, _)| FieldClock { hlc, client })
        .max_by_key(|c| (c.hlc, c.client)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn clock(hlc: u64, client: u128) -> FieldClock {
        FieldClock {
            hlc: Hlc(hlc),
            client: ClientId(Uuid::from_u128(client)),
        }
    }

    fn clocks(of: &[(&str, FieldClock)]) -> Clocks {
        of.iter().map(|(f, c)| ((*f).to_owned(), *c)).collect()
    }

    #[test]
    fn fields_set_by_one_write_share_one_clock() {
        let one = clock(117_669_657_599_344_666, 7);
        let record = clocks(&[("meeting_id", one), ("member_id", one), ("status", one)]);
        let text = encode(&record).unwrap();
        assert_eq!(
            text,
            r#"[[117669657599344666,"00000000-0000-0000-0000-000000000007",["meeting_id","member_id","status"]]]"#
        );
        assert_eq!(decode(&text).unwrap(), record);
    }

    #[test]
    fn fields_set_by_other_writes_keep_their_own_clocks() {
        let created = clock(10, 1);
        let record = clocks(&[
            ("a", created),
            ("b", clock(20, 2)),
            ("c", created),
            ("d", clock(20, 1)),
            ("e", clock(20, 2)),
        ]);
        let text = encode(&record).unwrap();
        assert_eq!(decode(&text).unwrap(), record);
        assert_eq!(
            serde_json::from_str::<Vec<serde_json::Value>>(&text)
                .unwrap()
                .len(),
            3
        );
        assert_eq!(
            decode(&encode(&Clocks::new()).unwrap()).unwrap(),
            Clocks::new()
        );
    }

    /// A row written before the grouped form is read as it was written.
    #[test]
    fn the_object_form_of_older_rows_is_still_read() {
        let old = r#"{"reason":{"hlc":5,"client":"00000000-0000-0000-0000-000000000003"},"status":{"hlc":6,"client":"00000000-0000-0000-0000-000000000004"}}"#;
        assert_eq!(
            decode(old).unwrap(),
            clocks(&[("reason", clock(5, 3)), ("status", clock(6, 4))])
        );
        assert_eq!(decode("{}").unwrap(), Clocks::new());
    }

    /// What a pulled record carries: the latest clock, the same whether read from the groups or
    /// from every field's clock.
    #[test]
    fn the_latest_clock_is_read_without_decoding_every_field() {
        let created = clock(10, 1);
        let grouped = encode(&clocks(&[
            ("a", created),
            ("b", clock(20, 1)),
            ("c", clock(20, 2)),
            ("d", created),
        ]))
        .unwrap();
        let old = r#"{"reason":{"hlc":5,"client":"00000000-0000-0000-0000-000000000003"},"status":{"hlc":6,"client":"00000000-0000-0000-0000-000000000004"}}"#;
        for text in [grouped.as_str(), old, "[]", "{}"] {
            let every = decode(text)
                .unwrap()
                .into_values()
                .max_by_key(|c| (c.hlc, c.client));
            assert_eq!(latest(text).unwrap(), every, "{text}");
        }
        assert_eq!(latest(&grouped).unwrap(), Some(clock(20, 2)));
        assert_eq!(latest(old).unwrap(), Some(clock(6, 4)));
        assert_eq!(latest("[]").unwrap(), None);
        assert!(latest(r#"[["x","00000000-0000-0000-0000-000000000001",["a"]]]"#).is_err());
    }

    #[test]
    fn clocks_that_are_neither_form_do_not_decode() {
        for bad in [
            "",
            "[[1]]",
            r#"[["x","00000000-0000-0000-0000-000000000001",[]]]"#,
            "7",
        ] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }
}
