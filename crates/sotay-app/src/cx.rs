//! What every operation receives: the store, the moment of asking and the session.
//!
//! An operation is `fn(&mut Cx, Args) -> Result<View>`. The desktop app builds a `Cx` per
//! command from its one store ([`App`](crate::App)'s methods, generated from the command table),
//! and the command line builds one from the store it opened, so both run the same code. Whether
//! the operation wrote a change to send is noted here, for the app to tell its background sync
//! once the store is released.

use crate::error::Result;
use crate::session::Session;
use chrono::{DateTime, NaiveDate, Utc};
use sotay_store::{Store, Writer};

/// The context of one operation.
#[derive(Debug)]
pub struct Cx<'a> {
    store: &'a mut Store,
    now: DateTime<Utc>,
    session: Session,
    /// A change to send was written: the background sync is told, so it leaves soon.
    wrote: bool,
}

impl<'a> Cx<'a> {
    /// A context over `store` at `now`, its session read from the store. A connected device
    /// first looks at its clock: it locks itself once out of touch too long.
    pub fn new(store: &'a mut Store, now: DateTime<Utc>) -> Result<Cx<'a>> {
        sotay_sync_client::observe_clock(store)?;
        let session = Session::of(store)?;
        Ok(Cx {
            store,
            now,
            session,
            wrote: false,
        })
    }

    /// A context at the store's own clock (the command line's `--now`, or the wall clock).
    pub fn at_store_clock(store: &'a mut Store) -> Result<Cx<'a>> {
        let now = store.now();
        Cx::new(store, now)
    }

    pub fn store(&self) -> &Store {
        self.store
    }

    /// The store to change: the change is counted as a write.
    pub fn store_mut(&mut self) -> &mut Store {
        self.wrote = true;
        self.store
    }

    /// One transaction through the store's [`Writer`] (records with their outbox entries).
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> sotay_store::Result<T>,
    ) -> Result<T> {
        self.wrote = true;
        Ok(self.store.write(f)?)
    }

    /// The store, the session and now, borrowed apart, for operations that read.
    pub fn parts(&self) -> (&Store, &Session, DateTime<Utc>) {
        (self.store, &self.session, self.now)
    }

    /// The store to change, the session and now, borrowed apart (the change is counted as a
    /// write).
    pub fn parts_mut(&mut self) -> (&mut Store, &Session, DateTime<Utc>) {
        self.wrote = true;
        (self.store, &self.session, self.now)
    }

    /// A write of this device's own keys (who uses it, its settings, what was seen), which no
    /// sync sends: the background sync is not told.
    pub fn write_local<T>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> sotay_store::Result<T>,
    ) -> Result<T> {
        Ok(self.store.write(f)?)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Today in Vietnam.
    pub fn today(&self) -> NaiveDate {
        sotay_core::time::local_date(self.now)
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Reads the session again, after an operation changed who uses the device (chose a member,
    /// filled the demo, connected).
    pub fn refresh_session(&mut self) -> Result<()> {
        self.session = Session::of(self.store)?;
        Ok(())
    }

    /// Whether the operation wrote a change to send.
    pub fn wrote(&self) -> bool {
        self.wrote
    }
}
