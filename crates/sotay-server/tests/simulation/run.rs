//! What each step does to the world: a device's write through its store, a push or pull with its
//! fault, a stale push delivered again, time passing.

use super::*;

impl<B: Backend> World<B> {
    pub(super) fn run(&mut self, s: &Step) {
        let (meeting, resolution) = (self.meeting, self.resolution);
        match s {
            Step::SetTopic { c, word } => {
                self.clients[*c]
                    .store
                    .write(|w| {
                        w.modify::<Meeting>(meeting, |m| {
                            m.topic = format!("Chuyên đề {}", WORDS[*word])
                        })
                        .map(|_| ())
                    })
                    .unwrap();
            }
            Step::EditDraft { c, line, word } => {
                self.clients[*c]
                    .store
                    .write(|w| {
                        w.modify::<Resolution>(resolution, |r| {
                            let mut lines: Vec<String> =
                                r.draft.lines().map(str::to_owned).collect();
                            let i = line % lines.len().max(1);
                            if let Some(l) = lines.get_mut(i) {
                                *l = format!("{}. Đẩy mạnh {}.", i + 1, WORDS[*word]);
                            }
                            r.draft = lines.join("\n");
                        })
                        .map(|_| ())
                    })
                    .unwrap();
            }
            Step::Attend { c, member, present } => {
                let member = self.members[*member];
                // "Present" is the roll call's (the committee's); a member's own notice that
                // they will come after all is "expected".
                let coming = if *c <= 1 {
                    AttendanceStatus::Present
                } else {
                    AttendanceStatus::Expected
                };
                let a = if *present {
                    Attendance::new(meeting, member, coming, None)
                } else {
                    Attendance::new(
                        meeting,
                        member,
                        AttendanceStatus::AbsentWithReason,
                        Some("Đi công tác".into()),
                    )
                };
                self.clients[*c].store.write(|w| w.put(&a)).unwrap();
            }
            Step::Notice { c, absent, word } => {
                let second = self.second_meeting;
                let reason = format!("Bận việc {}", WORDS[*word]);
                let a = match self.member_of(*c).filter(|_| *c >= 2) {
                    // The member's own notice: an insert on the first device to write it.
                    Some(me) if *absent => Attendance::new(
                        second,
                        me,
                        AttendanceStatus::AbsentWithReason,
                        Some(reason),
                    ),
                    Some(me) => Attendance::new(second, me, AttendanceStatus::Expected, None),
                    // The committee's roll call, of any member.
                    None => {
                        let member = self.members[*word % self.members.len()];
                        if *absent {
                            Attendance::new(
                                second,
                                member,
                                AttendanceStatus::AbsentWithReason,
                                Some(reason),
                            )
                        } else {
                            Attendance::new(second, member, AttendanceStatus::Present, None)
                        }
                    }
                };
                self.clients[*c].store.write(|w| w.put(&a)).unwrap();
            }
            Step::Open { c } => {
                // Noted once per device, as the app does; the administrator is nobody to note.
                let document = self.document;
                if let Some(me) = self.member_of(*c) {
                    let id = DocumentOpened::id_for(document, me);
                    let store = &mut self.clients[*c].store;
                    if store.get::<DocumentOpened>(id).unwrap().is_none() {
                        let cell = self.cell;
                        store
                            .write(|w| {
                                let opened = DocumentOpened::new(document, me, cell, w.now());
                                w.insert(&opened)
                            })
                            .unwrap();
                    }
                }
            }
            Step::Contribute { c, word } => {
                // A member comments as themselves; the administrator, as the first member.
                let member = self.member_of(*c).unwrap_or(self.members[0]);
                self.clients[*c]
                    .store
                    .write(|w| {
                        w.insert(&Contribution {
                            id: new_id(),
                            meeting_id: Some(meeting),
                            resolution_id: Some(resolution),
                            member_id: member,
                            kind: ContributionKind::DraftComment,
                            body: format!("Đề nghị bổ sung {}", WORDS[*word]),
                            made_at: w.now(),
                            recorded_by: None,
                        })
                    })
                    .unwrap();
            }
            Step::DeleteContribution { c, pick } => {
                let detail = self.clients[*c].store.meeting_detail(meeting).unwrap();
                if let Some(victim) = detail.contributions.get(*pick) {
                    let id = victim.id;
                    self.clients[*c]
                        .store
                        .write(|w| w.delete(EntityKind::Contribution, id))
                        .unwrap();
                }
            }
            Step::Push { c, fault } => self.push(*c, fault),
            Step::Pull { c, page, lose } => self.pull(*c, *page, *lose),
            Step::Replay { c, pick } => {
                let sent = &self.clients[*c].sent;
                if !sent.is_empty() {
                    let req = sent[pick % sent.len()].clone();
                    // A stale copy arriving late: must have no second effect. (A copy of a push
                    // whose request was lost is its first delivery.)
                    let redelivered = req
                        .mutations
                        .iter()
                        .all(|m| self.delivered.iter().any(|(d, m2)| d == c && m2 == m));
                    let before = self.server.pull(&self.clients[*c].device, 0, 1000).unwrap();
                    self.judge(*c, &req);
                    let resp = self.server.push(&self.clients[*c].device, &req).unwrap();
                    let after = self.server.pull(&self.clients[*c].device, 0, 1000).unwrap();
                    if redelivered {
                        assert_eq!(before, after, "a duplicate push changed the server");
                        assert!(resp.results.iter().all(|r| matches!(
                            r.status,
                            MutationStatus::Duplicate | MutationStatus::Rejected(_)
                        )));
                    }
                }
            }
            Step::Tick { ms } => {
                self.time.fetch_add(*ms, Ordering::SeqCst);
            }
        }
    }
}
