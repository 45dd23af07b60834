//! The one error shape the UI sees: `{kind, message}`. `kind` is a stable code the UI translates;
//! `message` is the English explanation, shown when the UI has no translation for the code.

use serde::Serialize;
use sotay_store::StoreError;
use sotay_sync_client::SyncError;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub kind: String,
    pub message: String,
}

impl AppError {
    pub fn new(kind: &str, message: impl Into<String>) -> AppError {
        AppError {
            kind: kind.to_owned(),
            message: message.into(),
        }
    }

    /// The store holds nothing yet: the first-run screen comes first.
    pub fn not_set_up() -> AppError {
        AppError::new(
            "not_set_up",
            "Sotay is not set up yet: connect to a server or try the demo",
        )
    }

    /// The member using this device has not said who they are.
    pub fn no_member() -> AppError {
        AppError::new("no_member", "choose who you are first (Settings)")
    }

    /// An argument the UI sent does not fit the command.
    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError::new("bad_request", message)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        AppError::new(e.code(), e.to_string())
    }
}

impl From<SyncError> for AppError {
    fn from(e: SyncError) -> AppError {
        AppError::new(e.kind(), e.to_string())
    }
}

impl From<sotay_core::ValidationError> for AppError {
    fn from(e: sotay_core::ValidationError) -> AppError {
        StoreError::from(e).into()
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
