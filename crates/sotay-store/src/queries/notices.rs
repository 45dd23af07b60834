//! Notices and who has read them.

use crate::Store;
use crate::error::Result;
use crate::read::list;
use sotay_core::model::{Notice, NoticeRead};
use std::collections::HashMap;
use uuid::Uuid;

impl Store {
    /// The notices this device holds, newest first: its own unit's and those of the committees
    /// above it (and, for a committee, of the units below).
    pub fn notices(&self, limit: u32) -> Result<Vec<Notice>> {
        list(
            self.conn(),
            "1",
            "ORDER BY posted_at DESC, id LIMIT ?1",
            [limit],
        )
    }

    /// When `member` read each of `notices` they have read.
    pub fn notices_read_by(
        &self,
        member: Uuid,
        notices: &[Uuid],
    ) -> Result<HashMap<Uuid, NoticeRead>> {
        let reads: Vec<NoticeRead> = list(
            self.conn(),
            "member_id = ?1 AND notice_id IN (SELECT value FROM json_each(?2))",
            "",
            rusqlite::params![member.to_string(), super::id_set(notices)],
        )?;
        Ok(reads.into_iter().map(|r| (r.notice_id, r)).collect())
    }

    /// Everyone's readings of a notice, first readers first.
    pub fn notice_reads(&self, notice: Uuid) -> Result<Vec<NoticeRead>> {
        list(
            self.conn(),
            "notice_id = ?1",
            "ORDER BY read_at",
            [notice.to_string()],
        )
    }
}
