//! Roles end to end, with a real `sotay serve` and real stores: a device belongs to the member its
//! invite was made for; a plain member's forbidden write is refused, undone on their device and
//! listed for them, while their own absence notice goes through; the secretary's minutes reach
//! the member; an office given on the server takes effect at the device's next sync.

use super::sync::{Server, Whom, edit as write, set_up, sync};
use crate::util::{Db, Dir, sotay};
use sotay_core::model::{Attendance, AttendanceStatus, Meeting, Member, Role};
use sotay_store::Store;

fn minutes(store: &std::path::Path, meeting: uuid::Uuid) -> Option<String> {
    Store::open(store)
        .unwrap()
        .require::<Meeting>(meeting)
        .unwrap()
        .minutes
}

fn a_member_device_acts_as_its_member_and_the_server_enforces_their_role(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let (admin, secretary, member) = (
        dir.path("admin.db"),
        dir.path("secretary.db"),
        dir.path("member.db"),
    );
    // The administrator puts the cell and its roster on the server.
    let cell = set_up(&admin);
    server.connect(&admin, &server.url, Whom::Admin);
    sync(&admin);
    // An invite for someone the server does not have is refused, with its own exit code.
    let nobody = uuid::Uuid::now_v7().to_string();
    let mut args = vec!["invite", "--member", nobody.as_str()];
    let db_args = db.args();
    args.extend(db_args.iter().map(String::as_str));
    let run = sotay(std::path::Path::new("unused"), &args);
    assert_eq!(run.code, 3, "{}", run.stderr);

    server.connect(&secretary, &server.url, Whom::Member(cell.members[0]));
    server.connect(&member, &server.url, Whom::Member(cell.members[1]));
    sync(&secretary);
    sync(&member);
    // "Who am I" is the member the invite was for.
    let bound =
        |p: &std::path::Path| sotay_sync_client::bound_member(&Store::open(p).unwrap()).unwrap();
    assert_eq!(bound(&member), Some(cell.members[1]));
    assert_eq!(bound(&secretary), Some(cell.members[0]));
    assert_eq!(bound(&admin), None);

    // The member rewrites the minutes and sends their own absence notice.
    write(&member, |w| {
        w.modify::<Meeting>(cell.meeting, |m| {
            m.minutes = Some("Biên bản sửa trộm".into())
        })?;
        w.put(&Attendance::new(
            cell.meeting,
            cell.members[1],
            AttendanceStatus::AbsentWithReason,
            Some("Đi công tác".into()),
        ))
    });
    let run = sotay(&member, &["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("not accepted"), "{}", run.stdout);
    assert_eq!(minutes(&member, cell.meeting), None, "undone on the device");
    let listed = sotay(&member, &["rejections", "--json"]).json();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "only the minutes: {listed:?}");
    assert_eq!(listed[0]["reason"], "forbidden");
    assert_eq!(listed[0]["entity"], "meeting");

    // The secretary writes the minutes and sees the member's notice; the member gets the minutes.
    write(&secretary, |w| {
        w.modify::<Meeting>(cell.meeting, |m| {
            m.minutes = Some("Đồng chí Bí thư khai mạc hội nghị.".into());
        })
        .map(|_| ())
    });
    assert_eq!(sync(&secretary)["status"]["rejected_changes"], 0);
    let notice: Attendance = Store::open(&secretary)
        .unwrap()
        .require(
            Attendance::new(
                cell.meeting,
                cell.members[1],
                AttendanceStatus::Present,
                None,
            )
            .id,
        )
        .unwrap();
    assert_eq!(notice.reason.as_deref(), Some("Đi công tác"));
    sync(&member);
    assert_eq!(
        minutes(&member, cell.meeting).as_deref(),
        Some("Đồng chí Bí thư khai mạc hội nghị.")
    );

    // The administrator makes the member a committee member: at their next sync they may write
    // the minutes.
    write(&admin, |w| {
        w.modify::<Member>(cell.members[1], |m| m.role = Role::CommitteeMember)
            .map(|_| ())
    });
    sync(&admin);
    write(&member, |w| {
        w.modify::<Meeting>(cell.meeting, |m| {
            m.minutes = Some("Chi ủy viên ghi biên bản.".into())
        })
        .map(|_| ())
    });
    assert_eq!(
        sync(&member)["status"]["rejected_changes"],
        1,
        "no new refusal"
    );
    sync(&secretary);
    assert_eq!(
        minutes(&secretary, cell.meeting).as_deref(),
        Some("Chi ủy viên ghi biên bản.")
    );
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_member_device_acts_as_its_member_and_the_server_enforces_their_role
);
