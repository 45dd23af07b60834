//! Notices through the commands: the cell's secretary posts one, and bad input or a plain
//! member is refused with nothing written; a notice from the commune arrives with a sync and is
//! told — an urgent one at once, the others together from seven in the morning — once, and not
//! to whoever posted it; Home lists the unread ones, urgent first; reading one is noted once,
//! and the committee that posted it sees who has read it.

use super::*;
use sotay_core::model::{Notice, Role};
use sotay_core::{ClientId, Hlc, Record};
use sotay_store::{RemoteRecord, Store};

fn told(f: &Fixture) -> Vec<(String, String)> {
    f.app
        .due_reminders()
        .unwrap()
        .into_iter()
        .filter(|r| r.key.starts_with("notice"))
        .map(|r| (r.title, r.body))
        .collect()
}

/// A notice of `unit` another device posted, arriving with a sync.
fn arrives(f: &Fixture, unit: uuid::Uuid, title: &str, urgent: bool, at: DateTime<Utc>) -> Notice {
    let notice = Notice {
        id: sotay_core::id::new_id(),
        unit_id: unit,
        meeting_id: None,
        title: title.into(),
        body: "Nội dung".into(),
        urgent,
        reply_by: None,
        posted_at: at,
        author_id: None,
    };
    let record = RemoteRecord {
        entity: Notice::KIND,
        id: notice.id,
        fields: notice.to_fields(),
        deleted: false,
        hlc: Hlc(u64::try_from(at.timestamp_millis()).unwrap() << 16),
        origin: ClientId::new(),
        gone: false,
    };
    Store::open(f.app.path())
        .unwrap()
        .acknowledge(i64::MAX, &[record])
        .unwrap();
    notice
}

#[test]
fn notices_from_elsewhere_are_told_urgent_at_once_the_rest_in_the_morning() {
    let f = demo();
    assert!(told(&f).is_empty(), "the first look only remembers");
    let me = f.app.app_status(NoArgs {}).unwrap().me.unwrap();

    // 22:00 in Vietnam: an urgent notice is told now, a routine one waits for the morning.
    let evening = Utc.with_ymd_and_hms(2026, 11, 20, 15, 0, 0).unwrap();
    *f.clock.lock().unwrap() = evening;
    let urgent = arrives(&f, me.unit_id, "Mang thẻ đảng viên khi họp", true, evening);
    let routine = arrives(&f, me.unit_id, "Lịch trực Tết", false, evening);
    assert_eq!(
        told(&f),
        [("Thông báo khẩn".to_owned(), urgent.title.clone())]
    );
    assert!(told(&f).is_empty(), "once");
    // 06:59 the next day: not yet; 07:00: the routine one, with the day's reminders.
    *f.clock.lock().unwrap() = Utc.with_ymd_and_hms(2026, 11, 20, 23, 59, 0).unwrap();
    assert!(told(&f).is_empty());
    *f.clock.lock().unwrap() = Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap();
    assert_eq!(
        told(&f),
        [("1 thông báo mới".to_owned(), routine.title.clone())]
    );
    assert!(told(&f).is_empty(), "once");

    // Home lists both unread, the urgent one first; reading one is noted once.
    let home = f.app.home(NoArgs {}).unwrap();
    // (The demo's commune has posted notices of its own, told to nobody: the first look.)
    let ours: Vec<&str> = home
        .unread_notices
        .iter()
        .map(|n| n.title.as_str())
        .filter(|t| [urgent.title.as_str(), routine.title.as_str()].contains(t))
        .collect();
    assert_eq!(ours, [urgent.title.as_str(), routine.title.as_str()]);
    let urgency: Vec<bool> = home.unread_notices.iter().map(|n| n.urgent).collect();
    assert!(
        urgency.windows(2).all(|w| w[0] || !w[1]),
        "urgent ones first: {urgency:?}"
    );
    let before = pending(&f);
    let view = f.app.notice(IdArgs { id: urgent.id }).unwrap();
    assert!(view.card.read_at.is_some());
    assert!(!view.can_edit, "a plain member changes no notice");
    assert!(view.reads.is_none(), "nor sees who read it");
    assert_eq!(pending(&f), before + 1);
    f.app.notice(IdArgs { id: urgent.id }).unwrap();
    assert_eq!(pending(&f), before + 1, "reading again writes nothing");
    let list = f.app.notices(NoArgs {}).unwrap();
    assert_eq!(
        list.unread,
        i64::try_from(home.unread_notices.len()).unwrap() - 1
    );
    assert!(!list.can_post);
}

#[test]
fn the_secretary_posts_corrects_and_withdraws_and_sees_who_read() {
    let f = demo();
    f.app.due_reminders().unwrap();
    let args = || PostNoticeArgs {
        id: None,
        title: "Họp chi bộ chuyển sang hội trường bên cạnh".into(),
        body: "Nhà văn hóa đang sửa mái.".into(),
        urgent: false,
        reply_by: Some("25/11/2026".into()),
        meeting_id: None,
    };
    let before = pending(&f);
    assert_eq!(f.app.post_notice(args()).unwrap_err().kind, "forbidden");

    let secretary = act_as(&f, Role::Secretary);
    for bad in [
        PostNoticeArgs {
            title: "  ".into(),
            ..args()
        },
        PostNoticeArgs {
            reply_by: Some("31/02/2026".into()),
            ..args()
        },
        PostNoticeArgs {
            meeting_id: Some(sotay_core::id::new_id()),
            ..args()
        },
    ] {
        let kind = f.app.post_notice(bad).unwrap_err().kind;
        assert!(kind == "invalid" || kind == "not_found", "{kind}");
    }
    assert_eq!(pending(&f), before, "nothing written");

    let posted = f.app.post_notice(args()).unwrap();
    assert!(posted.can_edit);
    assert_eq!(
        posted.card.author_name.as_deref(),
        Some(secretary.full_name.as_str())
    );
    assert_eq!(
        posted.card.reply_by,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
    );
    assert!(told(&f).is_empty(), "whoever posted it is not told of it");
    let reads = posted.reads.unwrap();
    assert_eq!(reads.len(), 1, "the cell alone");
    assert_eq!(reads[0].read, 0);
    assert!(reads[0].members > 2);

    // A member reads it; the secretary sees who.
    let member = act_as(&f, Role::Member);
    f.app.notice(IdArgs { id: posted.card.id }).unwrap();
    act_as(&f, Role::Secretary);
    let seen = f.app.notice(IdArgs { id: posted.card.id }).unwrap();
    let reads = &seen.reads.unwrap()[0];
    assert_eq!(reads.read, 2, "the member and the secretary");
    assert!(
        reads.readers[0].opened_at.is_none(),
        "who has not read it first"
    );
    assert!(
        reads
            .readers
            .iter()
            .any(|r| r.member_id == member.id && r.opened_at.is_some())
    );

    // A correction keeps when and by whom it was posted; a withdrawal takes it off.
    let fixed = f
        .app
        .post_notice(PostNoticeArgs {
            id: Some(posted.card.id),
            urgent: true,
            ..args()
        })
        .unwrap();
    assert!(fixed.card.urgent);
    assert_eq!(fixed.card.posted_at, posted.card.posted_at);
    assert_eq!(fixed.card.author_name, posted.card.author_name);
    let left = f
        .app
        .withdraw_notice(IdArgs { id: posted.card.id })
        .unwrap();
    assert!(left.notices.iter().all(|n| n.id != posted.card.id));
    assert!(left.can_post);
}
