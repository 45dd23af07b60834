//! The domain core of Sotay, the electronic party member handbook.
//!
//! This crate knows what a party cell is, what a meeting looks like, which fields a record has and
//! how they may change — and nothing about where records live. It does no IO: no files, no SQL, no
//! network, no clock reads (callers pass the time in). That keeps every rule testable with plain
//! values, and lets the local store, the sync server and the desktop shell share one model.
//!
//! The pieces:
//! - [`model`]: the records (organisation units, members, meetings, agenda items, documents,
//!   resolutions, contributions, attendance, tasks) with their validation;
//! - [`entity`]: the table of entity kinds and fields that the store and the sync protocol share —
//!   each field's storage type and merge rule, and each kind's access rule;
//! - [`access`]: who may read and write which records (a device's units over the org tree), decided
//!   before anything is written;
//! - [`hlc`]: the hybrid logical clock that orders every change;
//! - [`merge`]: how two concurrent writes to one field become one value, losing nothing;
//! - [`recurrence`]: monthly meetings as RFC 5545 recurrence rules;
//! - [`cycle`]: when a meeting may be scheduled, moved or recorded, and when a tally carries;
//! - [`report`] and [`checks`]: the figures superior committees monitor, and the rule checks that
//!   tell them and the cell's secretary what needs attention;
//! - [`agenda`]: the prescribed order of a regular and a thematic meeting (Hướng dẫn 12-HD/BTCTW);
//! - [`text`]: normalisation and the diacritic folding search relies on (`Đảng` → `dang`);
//! - [`time`]: the product's time zone, its day boundaries and date formats;
//! - [`op`]: what a change does to a record (insert, update, delete);
//! - [`error_kind`]: the stable codes of the `{kind, message}` error shape every edge speaks.
//!
//! ```
//! use sotay_core::text::fold;
//! assert_eq!(fold("Nghị quyết Đảng viên"), "nghi quyet dang vien");
//! ```

pub mod access;
pub mod agenda;
pub mod checks;
pub mod cycle;
pub mod entity;
pub mod error;
pub mod error_kind;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod hlc;
pub mod id;
pub mod merge;
pub mod minutes;
pub mod model;
pub mod op;
pub mod quorum;
pub mod recurrence;
pub mod report;
pub mod roster;
pub mod seal;
pub mod text;
pub mod time;

pub use entity::{EntityKind, Field, FieldMap, FieldType, MergeRule, Record};
pub use error::{Invalid, ValidationError};
pub use error_kind::ErrorKind;
pub use hlc::{Clock, Hlc};
pub use id::ClientId;
pub use op::Op;
