//! Files the app writes for the member — minutes, reports, the calendar, an attached file, a
//! digest — into the exports folder ([`crate::paths::exports_dir`]), with names people can read.

use crate::error::{AppError, Result};
use serde::Serialize;
use sotay_core::ErrorKind;
use ts_rs::TS;

/// A file written for the member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportView {
    pub path: String,
    pub bytes: i64,
}

/// A name as part of a file name: `Chi bộ thôn Đông` → `chi-bo-thon-dong`.
pub fn slug(name: &str) -> String {
    sotay_core::text::fold(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Writes `bytes` as `name` in the exports folder and says where.
pub fn write(name: &str, bytes: &[u8]) -> Result<ExportView> {
    let dir = crate::paths::exports_dir().ok_or_else(|| {
        AppError::new(
            ErrorKind::NoFolder,
            "this system names no folder for documents",
        )
    })?;
    let path = dir.join(name);
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, bytes))
        .map_err(|e| AppError::new(ErrorKind::Io, format!("{}: {e}", path.display())))?;
    Ok(ExportView {
        path: path.display().to_string(),
        bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
    })
}
