//! The server's errors, with a stable code each for the `{kind, message}` shape.

use sotay_core::ErrorKind;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("database error: {0}")]
    Database(String),
    #[error("stored record {id} cannot be read: {reason}")]
    Corrupt { id: String, reason: String },
    #[error("{0}")]
    Protocol(String),
    #[error("this device may not do that")]
    Forbidden,
    #[error("unknown device token; connect this device again with a new invite")]
    Unauthorized,
    #[error(
        "this invite is unknown, was already used or has expired (an invite holds 14 days); ask for a new one"
    )]
    InvalidInvite,
    #[error("member {0} is not on this server's roster")]
    UnknownMember(uuid::Uuid),
    #[error("unit {0} is not in this server's organisation tree")]
    UnknownUnit(uuid::Uuid),
    /// A request the server understood but whose values cannot be (a year outside 1930–2100).
    #[error("{0}")]
    Invalid(String),
    /// A sign-in whose login names no member with a password, or whose password is not theirs
    /// (which of the two is not told).
    #[error("the card number or phone, or the password, is not right")]
    BadCredentials,
    /// A device that was signed out: it erases what it holds.
    #[error("this device was signed out; it erases the data it holds")]
    DeviceRevoked,
    /// A device's token expired: it was out of touch longer than the offline limit.
    #[error("this device was out of touch too long; its member signs in again")]
    SessionExpired,
    /// A device the server does not know.
    #[error("no device {0} on this server")]
    UnknownDevice(sotay_core::ClientId),
    /// Too many failed sign-ins for the account or from the address.
    #[error("too many failed sign-ins: try again in {minutes} minute(s)")]
    RateLimited { minutes: u32 },
    /// An administrator's change the tree or the roster cannot take (a cell under a cell, a
    /// second secretary, a member already on the roster); nothing was written.
    #[error("{message}")]
    Refused { kind: ErrorKind, message: String },
    /// No database connection in time: the server is busy or its database unreachable. The
    /// device retries later; nothing was done.
    #[error("the server is busy; try again shortly ({0})")]
    Unavailable(String),
}

impl ServerError {
    /// A stable code for the `{kind, message}` error shape.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ServerError::Database(_) => ErrorKind::Database,
            ServerError::Corrupt { .. } => ErrorKind::Corrupt,
            ServerError::Protocol(_) => ErrorKind::Protocol,
            ServerError::Forbidden => ErrorKind::Forbidden,
            ServerError::Unauthorized => ErrorKind::Unauthorized,
            ServerError::InvalidInvite => ErrorKind::InvalidInvite,
            ServerError::UnknownMember(_) => ErrorKind::UnknownMember,
            ServerError::UnknownUnit(_) => ErrorKind::NotFound,
            ServerError::Invalid(_) => ErrorKind::Invalid,
            ServerError::Refused { kind, .. } => *kind,
            ServerError::BadCredentials => ErrorKind::BadCredentials,
            ServerError::RateLimited { .. } => ErrorKind::RateLimited,
            ServerError::DeviceRevoked => ErrorKind::DeviceRevoked,
            ServerError::SessionExpired => ErrorKind::SessionExpired,
            ServerError::UnknownDevice(_) => ErrorKind::NotFound,
            ServerError::Unavailable(_) => ErrorKind::Busy,
        }
    }
}

pub type Result<T, E = ServerError> = std::result::Result<T, E>;

impl ServerError {
    /// A refusal of the administrator's console.
    pub(crate) fn refused(kind: ErrorKind, message: impl Into<String>) -> ServerError {
        ServerError::Refused {
            kind,
            message: message.into(),
        }
    }
}
