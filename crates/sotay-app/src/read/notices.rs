//! Notices as the screens show them: their cards with this member's reading, and the unread
//! ones Home lists.

use crate::error::Result;
use crate::session::Session;
use crate::views::NoticeCard;
use sotay_core::model::{Meeting, Member, Notice, OrgUnit};
use sotay_store::Store;
use std::collections::HashMap;
use uuid::Uuid;

/// How many notices Home looks at.
const NOTICES_LISTED: u32 = 200;
/// How much of a notice's text its card shows.
const OPENING_CHARS: usize = 160;

/// The member's unread notices, newest first (urgent ones before the rest): Home shows them.
pub fn unread_notices(store: &Store, session: &Session) -> Result<Vec<NoticeCard>> {
    let mut unread: Vec<NoticeCard> = notice_cards(store, session, store.notices(NOTICES_LISTED)?)?
        .into_iter()
        .filter(|n| n.read_at.is_none())
        .collect();
    unread.sort_by_key(|n| !n.urgent);
    Ok(unread)
}

/// The cards of `notices`, with when this device's member read each.
pub fn notice_cards(
    store: &Store,
    session: &Session,
    notices: Vec<Notice>,
) -> Result<Vec<NoticeCard>> {
    let ids: Vec<Uuid> = notices.iter().map(|n| n.id).collect();
    let mine = match session.me() {
        Some(me) => store.notices_read_by(me.id, &ids)?,
        None => HashMap::new(),
    };
    let mut units: HashMap<Uuid, String> = HashMap::new();
    let mut out = Vec::with_capacity(notices.len());
    for n in notices {
        let unit_name = match units.entry(n.unit_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.get().clone(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let name = store
                    .get::<OrgUnit>(n.unit_id)?
                    .map(|u| u.name)
                    .unwrap_or_default();
                e.insert(name).clone()
            }
        };
        let author_name = match n.author_id {
            Some(a) => store.get::<Member>(a)?.map(|m| m.full_name),
            None => None,
        };
        let meeting_topic = match n.meeting_id {
            Some(m) => store.get::<Meeting>(m)?.map(|m| m.topic),
            None => None,
        };
        out.push(NoticeCard {
            unit_name,
            opening: opening(&n.body),
            read_at: mine.get(&n.id).map(|r| r.read_at),
            id: n.id,
            unit_id: n.unit_id,
            title: n.title,
            urgent: n.urgent,
            reply_by: n.reply_by,
            posted_at: n.posted_at,
            author_name,
            meeting_id: n.meeting_id,
            meeting_topic,
        });
    }
    Ok(out)
}

fn opening(body: &str) -> String {
    let mut chars = body.chars();
    let head: String = chars.by_ref().take(OPENING_CHARS).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::opening;

    #[test]
    fn a_long_text_opens_with_its_first_lines() {
        assert_eq!(opening("Mang theo thẻ."), "Mang theo thẻ.");
        let long = "chữ ".repeat(100);
        let open = opening(&long);
        assert!(open.ends_with('…'));
        assert!(open.chars().count() <= super::OPENING_CHARS + 1);
    }
}
