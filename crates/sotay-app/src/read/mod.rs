//! The read model: the store's plain answers turned into the views the screens and the command
//! line show.
//!
//! Free functions over a [`Store`](sotay_store::Store), so that the desktop commands (through
//! [`crate::App`]) and `sotay`'s listing commands build the same view the same way. Whatever
//! depends on the moment of asking (is a task overdue, can an absence still be sent) takes "now"
//! from the caller: the app's replaceable clock, or the command line's.

pub mod checks;
mod conflicts;
pub(crate) mod here;
mod library;
mod meetings;
mod notices;
mod tasks;
mod units;

pub use checks::unit_checks;
pub use conflicts::{conflict_view, conflicts, rejections};
pub use here::{forecast, meeting_view_here, publish_lead, roll};
pub use library::{
    activity, document_card, document_cards, document_view, matching_documents, search,
};
pub use meetings::{agenda_line, meeting_card, meeting_cards, meeting_view, resolution_views};
pub use notices::{notice_cards, unread_notices};
pub use tasks::{task_card, task_cards};
pub(crate) use units::chain;
pub use units::{member_ref, member_refs, store_status, units};
