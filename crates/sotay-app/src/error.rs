//! The one error shape the UI sees: `{kind, message}`. `kind` is an [`ErrorKind`], a stable code
//! the UI translates (every kind has its words in `ui/src/lib/i18n.ts`); `message` is the English
//! explanation with the detail.

use serde::Serialize;
use sotay_core::ErrorKind;
use sotay_store::StoreError;
use sotay_sync_client::SyncError;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> AppError {
        AppError {
            kind,
            message: message.into(),
        }
    }

    /// The store holds nothing yet: the first-run screen comes first.
    pub fn not_set_up() -> AppError {
        AppError::new(
            ErrorKind::NotSetUp,
            "Sotay is not set up yet: connect to a server or try the demo",
        )
    }

    /// The member using this device has not said who they are.
    pub fn no_member() -> AppError {
        AppError::new(ErrorKind::NoMember, "choose who you are first (Settings)")
    }

    /// An argument the UI sent does not fit the command.
    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError::new(ErrorKind::BadRequest, message)
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
