//! A member's record beyond the roster row: where they have been (their transfers, oldest
//! first) and how their cells rated them, year by year.

use crate::Store;
use crate::error::Result;
use sotay_core::model::{MemberRating, Transfer};
use uuid::Uuid;

impl Store {
    /// The member's transfers this device holds, oldest first.
    pub fn transfers_of(&self, member: Uuid) -> Result<Vec<Transfer>> {
        crate::read::list(
            self.conn(),
            "member_id = ?1",
            "ORDER BY effective_on, created_hlc",
            [member.to_string()],
        )
    }

    /// The member's yearly ratings this device holds, newest year first.
    pub fn ratings_of(&self, member: Uuid) -> Result<Vec<MemberRating>> {
        crate::read::list(
            self.conn(),
            "member_id = ?1",
            "ORDER BY year DESC",
            [member.to_string()],
        )
    }
}
