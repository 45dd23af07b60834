//! The pull: the records changed after a device's cursor that it may read, and those that left
//! what it reads.
//!
//! A first pull sends a district's year, and the server shares the machine with everything else,
//! so a page is sent as its rows are stored: each record's fields go out as the JSON text the row
//! holds (they were written by `serde_json` from the same map the wire would carry), and its clock
//! is the latest of its stored clocks, read without building them field by field. Parsing every
//! record's fields into a map only to print the same JSON again was about a third of the server's
//! CPU for a pull. [`Engine::pull`] gives the same page parsed, for callers in this process.

use super::Engine;
use crate::registry::Device;
use crate::rows::{RecordRow, corrupt};
use crate::storage::{Backend, Departure, Result};
use serde::Serialize;
use serde_json::value::RawValue;
use sotay_core::access::Principal;
use sotay_core::{ClientId, EntityKind, Hlc};
use sotay_sync_protocol::{MAX_PAGE, PullResponse, PulledRecord};
use uuid::Uuid;

/// A page as it goes on the wire: [`PullResponse`]'s shape.
#[derive(Debug, Serialize)]
pub struct PullPage {
    pub records: Vec<PageRecord>,
    pub cursor: i64,
    pub more: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epoch: Option<String>,
}

/// A record as it goes on the wire: [`PulledRecord`]'s shape, its fields the stored JSON text.
#[derive(Debug, Serialize)]
pub struct PageRecord {
    pub seq: i64,
    pub entity: &'static str,
    pub id: Uuid,
    pub fields: Box<RawValue>,
    pub deleted: bool,
    pub hlc: Hlc,
    pub origin: ClientId,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub gone: bool,
}

impl PageRecord {
    /// The record with its fields parsed, as a device reads it.
    fn parsed(self) -> Result<PulledRecord> {
        Ok(PulledRecord {
            fields: serde_json::from_str(self.fields.get())
                .map_err(|e| corrupt(&self.id.to_string(), e))?,
            seq: self.seq,
            entity: self.entity.to_owned(),
            id: self.id,
            deleted: self.deleted,
            hlc: self.hlc,
            origin: self.origin,
            gone: self.gone,
        })
    }
}

impl<B: Backend> Engine<B> {
    /// The records changed after `cursor` that the device may read, and those that left what it
    /// reads (moved to a unit it does not read) as `gone`.
    ///
    /// The database filters by the units the device reads something of; the rules then decide
    /// each record by its kind (a member reads the commune's directives, not its meetings). The
    /// cursor passes the records left out too, so a page may hold fewer than `limit`.
    pub fn pull_page(&self, device: &Device, cursor: i64, limit: u32) -> Result<PullPage> {
        let limit = limit.clamp(1, MAX_PAGE);
        let principal = &device.principal;
        let units = principal.readable_units();
        self.backend.transact(|tx| {
            // One more than asked tells whether more follow.
            let records = tx
                .records_after(cursor, units.as_deref(), limit + 1)?
                .into_iter()
                .map(Row::of)
                .collect::<Result<Vec<_>>>()?;
            // The administrator reads every unit: nothing ever leaves its view.
            let departures = match &units {
                Some(units) => tx.departures_after(cursor, units, limit + 1)?,
                None => Vec::new(),
            };
            let page = Page::of(records, departures, limit as usize);
            let mut records = Vec::with_capacity(page.items.len());
            for item in page.items {
                match item {
                    Item::Record(r) if principal.may_read(r.entity, r.scope) => {
                        records.push(r.on_the_wire()?);
                    }
                    Item::Left(d)
                        if principal.may_read(d.record.entity, Some(d.left))
                            && !principal.may_read(d.record.entity, d.record.scope) =>
                    {
                        records.push(gone(&d)?);
                    }
                    Item::Record(_) | Item::Left(_) => {}
                }
            }
            Ok(PullPage {
                records,
                cursor: page.last.unwrap_or(cursor),
                more: page.more,
                view: Some(view_of(principal)),
                epoch: tx.meta(super::EPOCH)?,
            })
        })
    }

    /// [`Engine::pull_page`] with each record's fields parsed.
    pub fn pull(&self, device: &Device, cursor: i64, limit: u32) -> Result<PullResponse> {
        let page = self.pull_page(device, cursor, limit)?;
        Ok(PullResponse {
            records: page
                .records
                .into_iter()
                .map(PageRecord::parsed)
                .collect::<Result<_>>()?,
            cursor: page.cursor,
            more: page.more,
            view: page.view,
            epoch: page.epoch,
        })
    }
}

/// A record row with what the page needs to place and filter it read from it; its fields and
/// clocks are left as stored until it is known to be sent.
struct Row {
    entity: EntityKind,
    id: Uuid,
    scope: Option<Uuid>,
    row: RecordRow,
}

impl Row {
    fn of(row: RecordRow) -> Result<Row> {
        let (entity, id, scope) = row.keys()?;
        Ok(Row {
            entity,
            id,
            scope,
            row,
        })
    }

    fn on_the_wire(self) -> Result<PageRecord> {
        let key = &self.row.id;
        let latest = crate::clocks::latest(&self.row.clocks).map_err(|e| corrupt(key, e))?;
        let fields = if self.row.deleted {
            no_fields()?
        } else {
            RawValue::from_string(self.row.fields).map_err(|e| corrupt(key, e))?
        };
        Ok(PageRecord {
            seq: self.row.seq,
            entity: self.entity.as_str(),
            id: self.id,
            fields,
            deleted: self.row.deleted,
            hlc: latest.map_or(Hlc::ZERO, |c| c.hlc),
            origin: latest.map_or(ClientId(Uuid::nil()), |c| c.client),
            gone: false,
        })
    }
}

/// A tombstone's fields: none.
fn no_fields() -> Result<Box<RawValue>> {
    RawValue::from_string("{}".to_owned()).map_err(|e| corrupt("{}", e))
}

/// The notice that a record left the device's view: a tombstone marked `gone`.
fn gone(d: &Departure) -> Result<PageRecord> {
    let latest = d.record.latest();
    Ok(PageRecord {
        seq: d.seq,
        entity: d.record.entity.as_str(),
        id: d.record.id,
        fields: no_fields()?,
        deleted: true,
        hlc: latest.map_or(Hlc::ZERO, |c| c.hlc),
        origin: latest.map_or(ClientId(Uuid::nil()), |c| c.client),
        gone: true,
    })
}

/// A pulled record, or the notice that one left the device's view.
enum Item {
    Record(Row),
    Left(Departure),
}

impl Item {
    /// A departure shares its sequence number with the write that moved the record, and goes
    /// first.
    fn key(&self) -> (i64, u8) {
        match self {
            Item::Left(d) => (d.seq, 0),
            Item::Record(r) => (r.row.seq, 1),
        }
    }
}

/// One page of a pull: records and departures in sequence order.
struct Page {
    items: Vec<Item>,
    /// The sequence number of the last item: the next cursor.
    last: Option<i64>,
    more: bool,
}

impl Page {
    /// The first `limit` items of the two streams (each asked for `limit + 1`), never splitting
    /// one sequence number between two pages: the cursor passes it whole.
    fn of(records: Vec<Row>, departures: Vec<Departure>, limit: usize) -> Page {
        let cut_short = records.len() > limit || departures.len() > limit;
        let mut items: Vec<Item> = records
            .into_iter()
            .map(Item::Record)
            .chain(departures.into_iter().map(Item::Left))
            .collect();
        items.sort_by_key(Item::key);
        let total = items.len();
        let mut end = total.min(limit);
        if end < total {
            let split = items[end].key().0;
            while end > 0 && items[end - 1].key().0 == split {
                end -= 1;
            }
            if end == 0 {
                end = items.iter().take_while(|i| i.key().0 == split).count();
            }
        }
        items.truncate(end);
        Page {
            last: items.last().map(|i| i.key().0),
            more: end < total || cut_short,
            items,
        }
    }
}

/// The fingerprint of what `principal` reads: a device that sees it change pulls again.
fn view_of(principal: &Principal) -> String {
    let mut digest = crate::registry::hash(&principal.view_key());
    digest.truncate(16);
    digest
}
