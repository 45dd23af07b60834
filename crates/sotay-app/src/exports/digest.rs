//! A printable digest for a member who was away (working far from home, in hospital): since a
//! day, the meetings the cell held and what it concluded, the resolutions it adopted, the tasks
//! that concern them and the documents to read — those they have not opened marked — on one
//! page, in large type when their settings ask for it.

use crate::app::App;
use crate::cx::Cx;
use crate::error::Result;
use crate::views::ExportView;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use sotay_core::ErrorKind;
use sotay_core::model::{
    DocumentOpened, Meeting, MeetingStatus, Member, OrgUnit, ResolutionStatus,
};
use sotay_core::time::{format_date, format_local, local_date, parse_date, start_of_day};
use sotay_print::{DigestItem, DigestPage, DigestSection};
use sotay_store::Store;
use sotay_store::queries::{MeetingQuery, TaskQuery};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DigestArgs {
    /// The first day to cover, dd/mm/yyyy (or yyyy-mm-dd).
    pub since: String,
}

/// A text cut to `max` characters, at a word, with an ellipsis.
fn short(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

/// A section of at most `keep` items, saying how many more there were.
fn section(heading: &str, mut items: Vec<DigestItem>, keep: usize) -> DigestSection {
    let more = items.len().saturating_sub(keep);
    items.truncate(keep);
    let note = match (items.is_empty(), more) {
        (true, _) => "Không có.".to_owned(),
        (false, 0) => String::new(),
        (false, n) => format!("và {n} mục khác (xem trong Sổ tay)."),
    };
    DigestSection {
        heading: heading.to_owned(),
        items,
        note,
    }
}

/// The digest of `me`'s cell since `since`, as of `now`.
pub fn digest_page(
    store: &Store,
    me: &Member,
    since: NaiveDate,
    now: DateTime<Utc>,
    large: bool,
) -> Result<DigestPage> {
    let today = local_date(now);
    // One page: fewer lines, and shorter, in large type.
    let (keep, cut) = if large { (3, 120) } else { (6, 220) };
    let unit: OrgUnit = store.require(me.unit_id)?;
    let from = start_of_day(since);

    let mut held = Vec::new();
    for m in store.meetings(&MeetingQuery {
        unit_id: Some(me.unit_id),
        kind: None,
        from: Some(from),
        to: Some(now),
        newest_first: false,
        limit: 100,
    })? {
        if m.status != MeetingStatus::Held {
            continue;
        }
        let full: Meeting = store.require(m.id)?;
        held.push(DigestItem {
            title: format!("{} — {}", format_date(local_date(m.starts_at)), m.topic),
            detail: full
                .conclusion
                .as_deref()
                .map(|c| short(c, cut))
                .unwrap_or_default(),
        });
    }

    let adopted: Vec<DigestItem> = store
        .resolutions(Some(me.unit_id), Some(ResolutionStatus::Adopted), 100)?
        .into_iter()
        .filter(|r| r.adopted_on.is_some_and(|d| d >= since))
        .map(|r| DigestItem {
            detail: format!(
                "thông qua ngày {}{}",
                r.adopted_on.map(format_date).unwrap_or_default(),
                r.votes_for
                    .map(|n| format!(", {n} đồng chí tán thành"))
                    .unwrap_or_default()
            ),
            title: r.title,
        })
        .collect();

    let tasks: Vec<DigestItem> = store
        .tasks(&TaskQuery {
            unit_id: None,
            member_id: Some(me.id),
            open_only: true,
            limit: 100,
        })?
        .into_iter()
        .map(|t| DigestItem {
            detail: match t.task.due_on {
                Some(due) if due < today => format!("quá hạn từ {}", format_date(due)),
                Some(due) => format!("hạn {}", format_date(due)),
                None => "chưa có hạn".to_owned(),
            },
            title: t.task.title,
        })
        .collect();

    // The member's cell and the committees above it: whose documents the member reads (a
    // committee's device holds the other cells' too).
    let mut theirs = vec![unit.id];
    let mut up = unit.parent_id;
    while let Some(parent) = up.filter(|p| !theirs.contains(p)) {
        theirs.push(parent);
        up = store.get::<OrgUnit>(parent)?.and_then(|u| u.parent_id);
    }
    let mut documents = Vec::new();
    for d in store.documents(None, 500)? {
        if d.issued_on < since || !theirs.contains(&d.unit_id) {
            continue;
        }
        let opened = store
            .get::<DocumentOpened>(DocumentOpened::id_for(d.id, me.id))?
            .is_some();
        let number = d
            .number
            .as_deref()
            .map(|n| format!("{n}, "))
            .unwrap_or_default();
        documents.push(DigestItem {
            detail: format!(
                "{number}{}, ngày {}{}{}",
                d.issuer,
                format_date(d.issued_on),
                d.summary
                    .as_deref()
                    .map(|s| format!(": {}", short(s, cut * 2 / 3)))
                    .unwrap_or_default(),
                if opened { "" } else { " (chưa đọc)" }
            ),
            title: d.title,
        });
    }

    let next_meeting = store
        .meetings(&MeetingQuery {
            unit_id: Some(me.unit_id),
            kind: None,
            from: Some(now),
            to: None,
            newest_first: false,
            limit: 5,
        })?
        .into_iter()
        .find(|m| m.status == MeetingStatus::Planned)
        .map(|m| format!("{} tại {}: {}", format_local(m.starts_at), m.place, m.topic));

    Ok(DigestPage {
        unit: unit.name.to_uppercase(),
        to: format!("Gửi đồng chí {}", me.full_name),
        period: format!(
            "Từ ngày {} đến ngày {}",
            format_date(since),
            format_date(today)
        ),
        sections: vec![
            section("Các cuộc họp chi bộ đã tổ chức", held, keep),
            section("Nghị quyết chi bộ đã thông qua", adopted, keep),
            section("Nhiệm vụ của đồng chí chưa hoàn thành", tasks, keep),
            section("Văn bản, tài liệu cần đọc", documents, keep),
        ],
        next_meeting,
        large,
    })
}

/// The digest as a PDF.
pub fn digest_pdf(
    store: &Store,
    me: &Member,
    since: NaiveDate,
    now: DateTime<Utc>,
    large: bool,
) -> Result<Vec<u8>> {
    sotay_print::digest_pdf(&digest_page(store, me, since, now, large)?)
        .map_err(|e| crate::error::AppError::new(ErrorKind::PrintFailed, e.to_string()))
}

/// The digest's file name: `tom-tat-tran-thi-binh-2026-11-24.pdf`.
pub fn digest_file_name(me: &Member, now: DateTime<Utc>) -> String {
    format!(
        "tom-tat-{}-{}.pdf",
        crate::exported::slug(&me.full_name),
        local_date(now)
    )
}

/// The digest of `member` (the device's own member when `None`; a secretary prints one for a
/// member who was away) since `since` (dd/mm/yyyy or yyyy-mm-dd): the PDF and its name.
pub fn member_digest(
    cx: &Cx,
    member: Option<uuid::Uuid>,
    since: &str,
    now: DateTime<Utc>,
    large: bool,
) -> Result<(Vec<u8>, String)> {
    let store = cx.store();
    let me = match member {
        Some(id) => store.require::<Member>(id)?,
        None => cx.session().require_me()?.clone(),
    };
    let since = parse_date("since", since)?;
    Ok((
        digest_pdf(store, &me, since, now, large)?,
        digest_file_name(&me, now),
    ))
}

/// Writes my digest since a day into the exports folder, in large type when my settings say
/// so, and says where.
pub fn export_digest(cx: &mut Cx, args: DigestArgs) -> Result<ExportView> {
    let large = App::settings_of(cx.store())?.large_text;
    let (pdf, name) = member_digest(cx, None, &args.since, cx.now(), large)?;
    crate::exported::write(&name, &pdf)
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn a_long_text_is_cut_at_a_word() {
        assert_eq!(short("Một  hai\nba", 20), "Một hai ba");
        assert_eq!(short("Chi bộ thống nhất tiếp tục", 12), "Chi bộ…");
    }
}
