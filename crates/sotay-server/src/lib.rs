//! The Sotay sync server's core: the push and pull engine over a storage backend.
//!
//! [`engine::Engine`] applies a client's pushed mutations in one storage transaction, exactly once
//! per mutation id, merging each field with `sotay_core::merge` and recording every value it does
//! not keep as a `conflict` record; it answers pulls with the records changed after a cursor,
//! limited to what the device may read. Before anything is written for a mutation, the rules table
//! (`sotay_core::access::decide`) must allow it for the member the device belongs to, whose role
//! is worked out from the server's own records, never from what the device says. Backends implement [`storage::Backend`]
//! with their SQL only (rows decode in [`rows`]); the engine holds no state between calls that
//! another server instance on the same database could not see (its copy of the org unit tree is
//! checked against the database on every request).

mod accounts;
mod admin;
mod apply;
mod audit;
mod calendar;
mod clocks;
mod conflict;
mod devices;
pub mod engine;
mod error;
mod files;
pub mod http;
pub mod postgres;
mod registry;
pub mod report;
pub mod rows;
mod seals;
pub mod sqlite;
pub mod storage;

pub use engine::Engine;
pub use error::ServerError;
pub use registry::{Device, Registered};
pub use sotay_core::access::Principal;
pub use storage::{Backend, Grant};
