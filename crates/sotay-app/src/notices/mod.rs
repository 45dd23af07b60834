//! Notices (thông báo): a committee — a cell's, or a superior's to every unit below it — tells
//! its members something between meetings, urgent or not, perhaps about a meeting or asking for
//! an answer by a day. Members read them on Home and in Notices; reading one is written once,
//! under the reader's own unit, so the committee that posted it sees, cell by cell, who has read
//! it and who has not. Everything is written offline and syncs like any other record.

pub mod views;

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::read;
use crate::session::{Session, require};
use crate::views::{IdArgs, NoArgs, ReaderLine};
use sotay_core::error::{Invalid, ValidationError};
use sotay_core::model::{Meeting, Member, Notice, NoticeRead};
use sotay_core::time::parse_date;
use sotay_core::{EntityKind, FieldMap, Record};
use sotay_store::Store;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;
pub use views::{NoticeCard, NoticeView, NoticesView, PostNoticeArgs, UnitReads};

/// How many notices the list shows.
const NOTICES_LISTED: u32 = 200;

/// Whether this device's committee posts notices for `unit`.
pub fn posts_for(session: &Session, unit: Uuid) -> bool {
    session.may_write(EntityKind::Notice, unit, &FieldMap::new())
}

/// The notices this device holds, newest first, with the member's unread count.
pub fn notices(cx: &mut Cx, _: NoArgs) -> Result<NoticesView> {
    let (store, session, _) = cx.parts();
    let notices = read::notice_cards(store, session, store.notices(NOTICES_LISTED)?)?;
    let unread = notices.iter().filter(|n| n.read_at.is_none()).count();
    Ok(NoticesView {
        unread: i64::try_from(unread).unwrap_or(i64::MAX),
        notices,
        can_post: session
            .me()
            .is_some_and(|me| posts_for(session, me.unit_id)),
    })
}

/// One notice in full. Reading it is written once, under the member's own unit.
pub fn notice(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<NoticeView> {
    let notice: Notice = cx.store().require(id)?;
    if let Some(me) = cx.session().me() {
        let read = NoticeRead::new(notice.id, me.id, me.unit_id, cx.now());
        if cx.store().get::<NoticeRead>(read.id)?.is_none() {
            cx.write(|w| w.insert(&read))?;
        }
    }
    notice_here(cx, id)
}

/// Posts a notice of my committee to its unit and the units below, or corrects one.
pub fn post_notice(cx: &mut Cx, args: PostNoticeArgs) -> Result<NoticeView> {
    let (store, session, now) = cx.parts_mut();
    let me = session.require_me()?.clone();
    let before = match args.id {
        Some(id) => Some(store.require::<Notice>(id)?),
        None => None,
    };
    let unit_id = before.as_ref().map_or(me.unit_id, |n| n.unit_id);
    require(posts_for(session, unit_id), "posts its notices")?;
    if let Some(meeting) = args.meeting_id {
        let meeting: Meeting = store.require(meeting)?;
        if meeting.unit_id != unit_id {
            return Err(ValidationError {
                field: "meeting_id",
                problem: Invalid::Inconsistent {
                    reason: "a notice is about a meeting of its own unit",
                },
            }
            .into());
        }
    }
    let notice = Notice {
        id: args.id.unwrap_or_else(sotay_core::id::new_id),
        unit_id,
        meeting_id: args.meeting_id,
        title: sotay_core::text::entered(Some(&args.title)).unwrap_or_default(),
        body: args.body.trim().to_owned(),
        urgent: args.urgent,
        reply_by: match args.reply_by.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(day) => Some(parse_date("reply_by", day)?),
        },
        // A correction keeps when it was first posted, and who posted it.
        posted_at: before.as_ref().map_or(now, |n| n.posted_at),
        author_id: before.as_ref().map_or(Some(me.id), |n| n.author_id),
    };
    notice.validate()?;
    store.write(|w| w.put(&notice))?;
    notice_here(cx, notice.id)
}

/// Withdraws one of my committee's notices: it leaves every device at their next sync.
pub fn withdraw_notice(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<NoticesView> {
    let (store, session, _) = cx.parts_mut();
    let notice: Notice = store.require(id)?;
    require(posts_for(session, notice.unit_id), "withdraws its notices")?;
    store.write(|w| w.delete(EntityKind::Notice, notice.id))?;
    notices(cx, NoArgs {})
}

/// The notice as this device sees it: whether it may change it, and for the committee that
/// posted it, who has read it in each unit it reaches.
pub fn notice_here(cx: &Cx, id: Uuid) -> Result<NoticeView> {
    let (store, session, _) = cx.parts();
    let notice: Notice = store.require(id)?;
    let can_edit = posts_for(session, notice.unit_id);
    let reads = if can_edit {
        Some(reads_by_unit(store, &notice)?)
    } else {
        None
    };
    let body = notice.body.clone();
    let card = read::notice_cards(store, session, vec![notice])?
        .pop()
        .ok_or_else(|| AppError::new(sotay_core::ErrorKind::NotFound, "no such notice"))?;
    Ok(NoticeView {
        card,
        body,
        can_edit,
        reads,
    })
}

/// The units a notice reaches (its own and every one below it), each with its members and who
/// of them has read it; units with no members are left out.
fn reads_by_unit(store: &Store, notice: &Notice) -> Result<Vec<UnitReads>> {
    let units = store.units()?;
    let mut reached: HashSet<Uuid> = HashSet::from([notice.unit_id]);
    // Down the tree a level a pass (a party group sits under a cell of the same level).
    loop {
        let before = reached.len();
        for u in &units {
            if u.parent_id.is_some_and(|p| reached.contains(&p)) {
                reached.insert(u.id);
            }
        }
        if reached.len() == before {
            break;
        }
    }
    let reads: HashMap<(Uuid, Uuid), NoticeRead> = store
        .notice_reads(notice.id)?
        .into_iter()
        .map(|r| ((r.unit_id, r.member_id), r))
        .collect();
    let mut members: HashMap<Uuid, Vec<Member>> = HashMap::new();
    for m in store.members(None, u32::MAX)? {
        if reached.contains(&m.unit_id) {
            members.entry(m.unit_id).or_default().push(m);
        }
    }
    let mut out = Vec::new();
    for u in units.into_iter().filter(|u| reached.contains(&u.id)) {
        let Some(list) = members.remove(&u.id) else {
            continue;
        };
        let mut readers: Vec<ReaderLine> = list
            .into_iter()
            .map(|m| ReaderLine {
                opened_at: reads.get(&(u.id, m.id)).map(|r| r.read_at),
                member_id: m.id,
                full_name: m.full_name,
            })
            .collect();
        readers.sort_by_key(|l| l.opened_at.is_some());
        let read = readers.iter().filter(|l| l.opened_at.is_some()).count();
        out.push(UnitReads {
            unit_id: u.id,
            unit_name: u.name,
            read: i64::try_from(read).unwrap_or(i64::MAX),
            members: i64::try_from(readers.len()).unwrap_or(i64::MAX),
            readers,
        });
    }
    Ok(out)
}
