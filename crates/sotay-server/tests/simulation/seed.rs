//! The world every simulation starts from: a cell with its secretary and two members, two
//! meetings, a draft resolution and a document, set up by the administrator and synced everywhere.

use super::*;

impl<B: Backend> World<B> {
    /// The administrator (client 0) sets up the cell; every device gets its member's role from the
    /// server; everyone syncs.
    pub(super) fn seed(&mut self) {
        let (cell, members, meeting, second_meeting, resolution) = (
            self.cell,
            self.members.clone(),
            self.meeting,
            self.second_meeting,
            self.resolution,
        );
        let mut document = sotay_test_support::fixtures::document(cell, "Kế hoạch tháng 3");
        document.id = self.document;
        self.clients[0]
            .store
            .write(|w| {
                w.insert(&OrgUnit {
                    id: cell,
                    parent_id: None,
                    level: UnitLevel::Cell,
                    name: "Chi bộ thôn Đông".into(),
                    code: None,
                    closed_on: None,
                    in_sotay_since: None,
                })?;
                for (i, id) in members.iter().enumerate() {
                    w.insert(&Member {
                        id: *id,
                        unit_id: cell,
                        full_name: format!("Nguyễn Văn {}", ["An", "Bình", "Cường"][i]),
                        gender: None,
                        born_on: None,
                        standing: Standing::Official,
                        admitted_on: None,
                        official_on: None,
                        role: if i == 0 {
                            Role::Secretary
                        } else {
                            Role::Member
                        },
                        exempt: false,
                        exempt_reason: None,
                        temporarily_attached: false,
                        home_unit: None,
                        phone: None,
                        card_number: None,
                        citizen_id: None,
                    })?;
                }
                let first = Meeting {
                    id: meeting,
                    starts_at: Utc.with_ymd_and_hms(2026, 3, 5, 12, 30, 0).unwrap(),
                    place: "Nhà văn hóa".into(),
                    chair_id: Some(members[0]),
                    ..sotay_test_support::fixtures::meeting(cell, "Sinh hoạt tháng 3")
                };
                w.insert(&first)?;
                w.insert(&Meeting {
                    id: second_meeting,
                    starts_at: Utc.with_ymd_and_hms(2026, 3, 19, 12, 30, 0).unwrap(),
                    topic: "Sinh hoạt chuyên đề".into(),
                    kind: MeetingKind::Thematic,
                    ..first
                })?;
                w.insert(&document)?;
                // The first meeting's roll call rows exist from the start (everyone expected), so
                // a member's refused write to another's is an update the server answers with its
                // state. (A refused insert is taken back on the device, which could not insert
                // that id again: the second meeting's rows are written by their own member's
                // devices and the committee's only.)
                for m in &members {
                    w.put(&Attendance::new(
                        meeting,
                        *m,
                        AttendanceStatus::Expected,
                        None,
                    ))?;
                }
                w.insert(&Resolution {
                    id: resolution,
                    unit_id: cell,
                    meeting_id: Some(meeting),
                    title: "Dự thảo nghị quyết tháng 3".into(),
                    draft: "1. Giữ gìn vệ sinh.\n2. Thu đảng phí.\n3. Bảo đảm an ninh.".into(),
                    status: ResolutionStatus::Draft,
                    adopted_on: None,
                    votes_for: None,
                    votes_against: None,
                    votes_abstain: None,
                })
            })
            .unwrap();
        self.push(0, &Fault::None);
        for c in 1..self.clients.len() {
            let member = self.member_of(c).unwrap();
            self.clients[c].device.principal = self.server.principal_of(member).unwrap();
        }
        self.quiesce();
    }
}
