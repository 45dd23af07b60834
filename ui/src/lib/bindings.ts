// Generated from the Rust types by sotay-app (crates/sotay-app/src/bindings.rs).
// Do not edit: run `SOTAY_BLESS=1 cargo test -p sotay-app --test bindings`.

// How a command reaches Rust is given by `transport.ts` (`setTransport`): this file
// imports nothing, so nothing it declares depends back on the code that uses it.
export type Transport = <T>(command: string, args: object) => Promise<T>;

let call: Transport = (command) =>
  Promise.reject(new Error(`no transport for ${command}: import lib/transport first`));

export function setTransport(transport: Transport): void {
  call = transport;
}

export type MeetingKind = "regular" | "thematic" | "pilot" | "experience_sharing";

export type MeetingStatus = "planned" | "held" | "cancelled";

export type MeetingRating = "good" | "fair" | "average" | "poor";

export type Standing = "official" | "probationary";

export type AttendanceStatus = "present" | "absent_with_reason" | "absent_without_reason" | "excused" | "expected";

export type ContributionKind = "draft_comment" | "speech";

export type ResolutionStatus = "draft" | "adopted" | "withdrawn";

export type TaskStatus = "open" | "in_progress" | "done" | "cancelled";

export type DocumentKind = "resolution" | "directive" | "guidance" | "conclusion" | "plan" | "meeting_paper";

export type ConflictKind = "overwritten" | "superseded" | "overlap" | "refused";

export type ConflictStatus = "open" | "resolved";

export type Role = "secretary" | "deputy_secretary" | "committee_member" | "member";

export type UnitLevel = "province" | "district" | "grassroots" | "cell";

export type ErrorKind = "not_set_up" | "already_set_up" | "no_member" | "member_bound" | "bad_server_url" | "bad_invite" | "no_server" | "not_sotay" | "plain_http" | "untrusted_certificate" | "bad_ca_file" | "demo" | "bad_request" | "unknown_command" | "missing" | "invalid" | "not_found" | "already_exists" | "forbidden" | "internal" | "in_the_past" | "meeting_started" | "meeting_cancelled" | "minutes_adopted" | "no_minutes" | "meeting_not_started" | "meeting_not_opened" | "opens_early" | "held_in_future" | "second_series" | "negative_votes" | "no_votes" | "tally_exceeds_present" | "not_carried" | "ideas_closed" | "resolution_closed" | "reason_required" | "not_a_member" | "no_assignee" | "due_before_meeting" | "not_a_cell" | "not_assigned" | "task_closed" | "admitted_in_future" | "not_probationary" | "rating_year_ahead" | "level_above_score" | "empty_file" | "file_too_large" | "bad_file" | "file_not_here" | "not_a_meeting_paper" | "bad_kind" | "no_folder" | "io" | "print_failed" | "busy" | "store_unreadable" | "not_a_store" | "wrong_key" | "weak_passphrase" | "store_locked" | "passphrase_needed" | "foreign_database" | "store_too_new" | "store_damaged" | "corrupt" | "pulled" | "migration" | "database" | "offline" | "not_connected" | "demo_store" | "sync_stopped" | "already_resolved" | "cannot_restore" | "bad_response" | "refused" | "protocol" | "unauthorized" | "invalid_invite" | "unknown_member" | "bad_credentials" | "rate_limited" | "device_revoked" | "session_expired" | "device_locked" | "wrong_member" | "too_large" | "method_not_allowed" | "file_not_sent" | "bad_tree" | "unit_closed" | "unit_not_empty" | "duplicate_member" | "office_taken" | "unreachable";

export const ERROR_KINDS: ErrorKind[] = [
  "not_set_up",
  "already_set_up",
  "no_member",
  "member_bound",
  "bad_server_url",
  "bad_invite",
  "no_server",
  "not_sotay",
  "plain_http",
  "untrusted_certificate",
  "bad_ca_file",
  "demo",
  "bad_request",
  "unknown_command",
  "missing",
  "invalid",
  "not_found",
  "already_exists",
  "forbidden",
  "internal",
  "in_the_past",
  "meeting_started",
  "meeting_cancelled",
  "minutes_adopted",
  "no_minutes",
  "meeting_not_started",
  "meeting_not_opened",
  "opens_early",
  "held_in_future",
  "second_series",
  "negative_votes",
  "no_votes",
  "tally_exceeds_present",
  "not_carried",
  "ideas_closed",
  "resolution_closed",
  "reason_required",
  "not_a_member",
  "no_assignee",
  "due_before_meeting",
  "not_a_cell",
  "not_assigned",
  "task_closed",
  "admitted_in_future",
  "not_probationary",
  "rating_year_ahead",
  "level_above_score",
  "empty_file",
  "file_too_large",
  "bad_file",
  "file_not_here",
  "not_a_meeting_paper",
  "bad_kind",
  "no_folder",
  "io",
  "print_failed",
  "busy",
  "store_unreadable",
  "not_a_store",
  "wrong_key",
  "weak_passphrase",
  "store_locked",
  "passphrase_needed",
  "foreign_database",
  "store_too_new",
  "store_damaged",
  "corrupt",
  "pulled",
  "migration",
  "database",
  "offline",
  "not_connected",
  "demo_store",
  "sync_stopped",
  "already_resolved",
  "cannot_restore",
  "bad_response",
  "refused",
  "protocol",
  "unauthorized",
  "invalid_invite",
  "unknown_member",
  "bad_credentials",
  "rate_limited",
  "device_revoked",
  "session_expired",
  "device_locked",
  "wrong_member",
  "too_large",
  "method_not_allowed",
  "file_not_sent",
  "bad_tree",
  "unit_closed",
  "unit_not_empty",
  "duplicate_member",
  "office_taken",
  "unreachable",
];

export type AppError = { kind: ErrorKind, message: string, };

export type Mode = "fresh" | "demo" | "connected" | "local" | "locked" | "revoked";

export type Language = "vi" | "en";

export type Settings = { language: Language, 
/**
 * Larger type and controls, for members who read small print with difficulty.
 */
large_text: boolean, 
/**
 * A reminder the day before a meeting.
 */
notify_meeting_day: boolean, 
/**
 * A reminder an hour before a meeting.
 */
notify_meeting_hour: boolean, 
/**
 * A reminder on the day one of my tasks is due, and when it is overdue.
 */
notify_task_due: boolean, 
/**
 * A notice when a meeting is moved or cancelled, or its documents are sent out.
 */
notify_meeting_changes: boolean, 
/**
 * How long before a meeting its documents are due to members (the committee's screen warns
 * when they go out later).
 */
publish_lead_hours: number, };

export type MemberRef = { id: string, full_name: string, role: Role, unit_id: string, unit_name: string, };

export type InviteView = { code: string, 
/**
 * When it stops working if no device has joined with it (an older server does not say).
 */
expires_at: string | null, member: MemberRef, };

export type RosterEntry = { member: MemberRef, standing: Standing, 
/**
 * For a probationary member: the countdown to the vote on official membership.
 */
probation: Probation | null, 
/**
 * This device may make an invite for the member's device.
 */
may_invite: boolean, };

export type UnsentView = { 
/**
 * The record's kind (`contribution`, `task_progress`, …).
 */
entity: string, 
/**
 * `insert`, `update` or `delete`.
 */
op: string, label: string | null, 
/**
 * When it was made, RFC 3339.
 */
made_at: string, };

export type ErasedView = { 
/**
 * When, RFC 3339.
 */
at: string, unsent: Array<UnsentView>, };

export type AppStatus = { mode: Mode, 
/**
 * Who uses this device: the member the server bound it to (once their record has arrived),
 * or the one chosen on a demo, training or unbound device; `None` until then.
 */
me: MemberRef | null, 
/**
 * The server bound this device to a member: "who am I" is not a choice on it.
 */
bound: boolean, 
/**
 * This device runs a unit's roster (a committee's, or the administrator's device): the
 * Members screen is offered. Worked out by the rules, as the server would.
 */
runs_roster: boolean, 
/**
 * This device runs its member's cell's meetings (the cell committee's): the calendar offers
 * to schedule one.
 */
runs_meetings: boolean, 
/**
 * This device follows the cells below its member's committee (a superior committee's, or
 * the administrator's): the dashboard is offered.
 */
monitors_cells: boolean, 
/**
 * This is an administrator's device, connected: the console (tree, roster import, offices,
 * devices) is offered.
 */
administers: boolean, settings: Settings, 
/**
 * The server this device joined (its lock screen signs in to it again).
 */
server: string | null, 
/**
 * Why the device is locked (`offline` or `expired`), when it is.
 */
locked: string | null, 
/**
 * What was erased when the device was signed out: the changes it had not sent.
 */
erased: ErasedView | null, };

export type DeviceView = { client_id: string, name: string | null, member_id: string | null, 
/**
 * The member's name, when this device holds their record.
 */
member_name: string | null, 
/**
 * When it joined, last reached the server, and was signed out: RFC 3339.
 */
joined_at: string, last_seen: string | null, revoked_at: string | null, 
/**
 * Who signed it out: `member`, `committee` or `administrator`.
 */
revoked_by: string | null, 
/**
 * The device this list is shown on.
 */
this_device: boolean, };

export type DevicesArgs = { member_id: string | null, all: boolean, };

export type RevokeDeviceArgs = { client_id: string, member_id: string | null, all: boolean, };

export type Gender = "male" | "female";

export type AdminUnit = { id: string, parent_id: string | null, 
/**
 * `province`, `district`, `grassroots` or `cell`.
 */
level: UnitLevel, name: string, code: string | null, 
/**
 * Set once the unit is closed (`yyyy-mm-dd`).
 */
closed_on: string | null, 
/**
 * Members on its roster now.
 */
members: number, };

export type NewUnit = { parent_id: string | null, level: UnitLevel, name: string, code: string | null, };

export type AdminMember = { id: string, unit_id: string, full_name: string, gender: Gender | null, born_on: string | null, 
/**
 * `official` or `probationary`.
 */
standing: Standing, admitted_on: string | null, official_on: string | null, 
/**
 * `secretary`, `deputy_secretary`, `committee_member` or `member`.
 */
role: Role, phone: string | null, card_number: string | null, citizen_id: string | null, };

export type RowStatus = "new" | "unchanged" | "problem" | "skipped";

export type ProblemKind = "unreadable" | "missing_name" | "bad_date" | "bad_value" | "no_unit" | "unknown_unit" | "ambiguous_unit" | "closed_unit" | "inconsistent" | "duplicate_in_file" | "on_roster_elsewhere" | "office_taken";

export type RosterRow = { 
/**
 * The row's number in the spreadsheet (the header's is 1 in a plain file).
 */
row: number, status: RowStatus, full_name: string, gender: Gender | null, born_on: string | null, unit_id: string | null, 
/**
 * The unit as the file names it.
 */
unit_name: string | null, standing: Standing, admitted_on: string | null, official_on: string | null, role: Role, card_number: string | null, citizen_id: string | null, phone: string | null, 
/**
 * The member on the server: the one added, or the one already there.
 */
member_id: string | null, };

export type RosterProblem = { 
/**
 * The row (0: the file as a whole).
 */
row: number, 
/**
 * The column's header as the file writes it.
 */
column: string | null, kind: ProblemKind, message: string, };

export type RosterReport = { rows: Array<RosterRow>, problems: Array<RosterProblem>, 
/**
 * Members written now (0 on a dry run, or while problems remain).
 */
added: number, 
/**
 * Whether anything was written.
 */
written: boolean, };

export type RenameUnitArgs = { id: string, name: string, code: string | null, };

export type CloseUnitArgs = { id: string, on: string, };

export type AdminMembersArgs = { unit_id: string | null, };

export type SetOfficeArgs = { member_id: string, role: Role, };

export type ImportRosterArgs = { content_base64: string, 
/**
 * Where the file's cell names are looked up (and the cell of every row when it has none).
 */
unit_id: string | null, dry_run: boolean, skip_rows: Array<number>, };

export type UnitView = { id: string, parent_id: string | null, level: UnitLevel, name: string, 
/**
 * Members of this unit (for a cell) — not of the units below it.
 */
members: number, 
/**
 * The day the unit says it started keeping its record in Sotay.
 */
in_sotay_since: string | null, 
/**
 * That day, else the nearest one set above it: the figures judge nothing before it.
 */
since: string | null, };

export type MeetingCard = { id: string, unit_id: string, unit_name: string, kind: MeetingKind, status: MeetingStatus, starts_at: string, 
/**
 * `starts_at` as dd/MM/yyyy HH:mm in Vietnam, for programs reading `sotay --json` (the UI
 * formats `starts_at` itself, in the member's language).
 */
starts_at_local: string, duration_minutes: number, place: string, topic: string, };

export type AgendaLine = { id: string, position: number, 
/**
 * The prescribed step's code (`open`, `review`, …), when the item follows the template.
 */
step: string | null, title: string, body: string | null, };

export type Absentee = { member_id: string, full_name: string, reason: string | null, };

export type RollCallView = { 
/**
 * The cell's members.
 */
total: number, official: number, probationary: number, excused: number, present: number, 
/**
 * Official members present: those who vote.
 */
official_present: number, 
/**
 * Members not called yet.
 */
not_called: number, absent_with_reason: Array<Absentee>, absent_without_reason: Array<Absentee>, };

export type MyAttendance = { status: AttendanceStatus, reason: string | null, };

export type ContributionLine = { id: string, member_name: string, 
/**
 * Written by the member using this device.
 */
mine: boolean, kind: ContributionKind, resolution_id: string | null, body: string, made_at: string, 
/**
 * The committee member who wrote it down for the member (a member without a device).
 */
recorded_by: string | null, };

export type ResolutionView = { id: string, meeting_id: string | null, title: string, draft: string, status: ResolutionStatus, adopted_on: string | null, votes_for: number | null, votes_against: number | null, votes_abstain: number | null, 
/**
 * How many contributions members made to it.
 */
contributions: number, };

export type Snippet = { text: string, 
/**
 * `[start, end)` offsets into `text`, in UTF-16 units (JavaScript string indices).
 */
highlights: Array<[number, number]>, };

export type DocumentCard = { id: string, kind: DocumentKind, number: string | null, issuer: string, issued_on: string, title: string, 
/**
 * What the document asks, in a few lines (trích yếu).
 */
summary: string | null, 
/**
 * The issuing unit (for a meeting's papers, the cell).
 */
unit_id: string, 
/**
 * For search results: the passage that matched, with the matches marked.
 */
snippet: Snippet | null, };

export type DocumentView = { card: DocumentCard, body: string, meeting_id: string | null, files: Array<FileView>, 
/**
 * This device's committee issued it: it may correct it, attach files, withdraw it.
 */
can_edit: boolean, 
/**
 * For the committee of the member's unit: each member of the unit and when they opened
 * it, the ones who have not first.
 */
readers: Array<ReaderLine> | null, };

export type ReaderLine = { member_id: string, full_name: string, opened_at: string | null, };

export type PostNoticeArgs = { id: string | null, title: string, body: string, 
/**
 * Told to members at once rather than with the day's reminders.
 */
urgent: boolean, 
/**
 * The day an answer is asked by, dd/mm/yyyy (or yyyy-mm-dd); none when empty.
 */
reply_by: string | null, 
/**
 * A meeting of the committee's own unit the notice is about.
 */
meeting_id: string | null, };

export type NoticeCard = { id: string, 
/**
 * The committee's unit that posted it.
 */
unit_id: string, unit_name: string, title: string, 
/**
 * The first lines of the text.
 */
opening: string, urgent: boolean, reply_by: string | null, posted_at: string, author_name: string | null, meeting_id: string | null, meeting_topic: string | null, 
/**
 * When the member using this device read it; none while unread.
 */
read_at: string | null, };

export type NoticesView = { notices: Array<NoticeCard>, unread: number, 
/**
 * This device's committee may post a notice to its unit and the units below.
 */
can_post: boolean, };

export type NoticeView = { card: NoticeCard, body: string, 
/**
 * This device's committee posted it: it may correct or withdraw it.
 */
can_edit: boolean, 
/**
 * For the committee that posted it: each unit it reaches, with who has read it.
 */
reads: Array<UnitReads> | null, };

export type UnitReads = { unit_id: string, unit_name: string, read: number, members: number, 
/**
 * The unit's members, those who have not read it first (`opened_at`: when they read it).
 */
readers: Array<ReaderLine>, };

export type Forecast = { 
/**
 * Members summoned: every member of the cell not excused.
 */
summoned: number, 
/**
 * Who said they will come (or were marked present).
 */
coming: number, 
/**
 * Who said they cannot, or were marked absent.
 */
not_coming: number, 
/**
 * Who has not answered.
 */
no_answer: number, 
/**
 * The official members the quorum is counted over.
 */
base: number, 
/**
 * Official members expected: the base less those who said they cannot come.
 */
expected_official: number, 
/**
 * Official members who said they will come.
 */
confirmed_official: number, 
/**
 * How many official members make the quorum.
 */
needed: number, 
/**
 * The rule's share (more than `quorum_percent` %).
 */
quorum_percent: number, 
/**
 * Fewer official members are expected than the quorum needs.
 */
under_quorum: boolean, };

export type ReplyForArgs = { meeting_id: string, member_id: string, 
/**
 * They will come; else they cannot, for `reason`.
 */
coming: boolean, reason: string | null, };

export type IdeaForArgs = { meeting_id: string, member_id: string, resolution_id: string | null, body: string, };

export type PublishDocumentArgs = { id: string | null, 
/**
 * Directive, guidance, resolution, conclusion or plan; a meeting's papers are filed with
 * the meeting.
 */
kind: DocumentKind, 
/**
 * The party document number, `12-HD/BTCTW`; a notice may have none.
 */
number: string | null, 
/**
 * Who issued it; when left empty, the committee of the member's unit (*Đảng ủy xã X* for
 * *Đảng bộ xã X*).
 */
issuer: string | null, 
/**
 * The day it was issued, dd/mm/yyyy (or yyyy-mm-dd); today when empty.
 */
issued_on: string, title: string, summary: string | null, body: string, };

export type AttachDocumentFileArgs = { document_id: string, 
/**
 * The file's name as chosen (any folder part is dropped).
 */
file_name: string, 
/**
 * The file's bytes, base64 (standard alphabet, padded).
 */
content_base64: string, };

export type FileView = { id: string, file_name: string, media_type: string, 
/**
 * In bytes.
 */
size: number, 
/**
 * Its bytes are on this device; otherwise they arrive with a later sync.
 */
here: boolean, };

export type SearchResult = { 
/**
 * The record's kind (`document`, `resolution`, `meeting`, …).
 */
kind: string, id: string, 
/**
 * The record's title as stored, with diacritics.
 */
title: string, snippet: Snippet, };

export type RollLine = { member_id: string, full_name: string, standing: Standing, exempt: boolean, 
/**
 * `None` before anything is recorded; `expected` after a withdrawn absence notice.
 */
status: AttendanceStatus | null, reason: string | null, 
/**
 * Attending here temporarily: counted in their own cell.
 */
temporarily_attached: boolean, 
/**
 * Who recorded the member's answer for them (a member without a device).
 */
recorded_by: string | null, };

export type MeetingView = { chair: string | null, guests: string | null, agenda: Array<AgendaLine>, 
/**
 * `None` until attendance is recorded.
 */
roll_call: RollCallView | null, 
/**
 * Documents filed for the meeting (its own papers' document is not one: its files are).
 */
documents: Array<DocumentCard>, 
/**
 * The files attached to the meeting's papers.
 */
files: Array<FileView>, resolutions: Array<ResolutionView>, contributions: Array<ContributionLine>, 
/**
 * The tasks the meeting assigned.
 */
tasks: Array<TaskCard>, 
/**
 * The answer of the member using this device (`None` if none, or nobody is chosen).
 */
my_attendance: MyAttendance | null, minutes: string | null, conclusion: string | null, 
/**
 * Planned and not yet started: an absence reason can still be sent.
 */
can_send_absence: boolean, 
/**
 * This device runs the meeting (its cell's committee): the screen offers to hold it.
 */
can_run: boolean, 
/**
 * The roll, member by member, for the device that runs the meeting (empty otherwise).
 */
roll: Array<RollLine>, 
/**
 * The series (monthly meeting) it is an occurrence of.
 */
series_id: string | null, chair_id: string | null, minute_taker_id: string | null, minute_taker: string | null, rating: MeetingRating | null, 
/**
 * When the agenda and documents went out to members.
 */
published_at: string | null, 
/**
 * They went out later than the lead time before the meeting (the device's setting).
 */
published_late: boolean, 
/**
 * Sending them now would be late.
 */
publish_late_now: boolean, 
/**
 * When the meeting adopted its minutes; its record is locked from then on.
 */
minutes_adopted_at: string | null, 
/**
 * When it was actually opened (`meeting start`) and closed: the minutes say these.
 */
started_at: string | null, ended_at: string | null, 
/**
 * Set when it was held on paper and entered afterwards (then `paper_roll` is its roll call).
 */
entered_at: string | null, paper_roll: PaperRollView | null, 
/**
 * Earlier tasks this meeting reviews (for the device that runs it; empty otherwise).
 */
review: Array<TaskCard>, 
/**
 * For the device that runs it, before it: who said they will come, who cannot, who has not
 * answered, against the quorum.
 */
forecast: Forecast | null, id: string, unit_id: string, unit_name: string, kind: MeetingKind, status: MeetingStatus, starts_at: string, 
/**
 * `starts_at` as dd/MM/yyyy HH:mm in Vietnam, for programs reading `sotay --json` (the UI
 * formats `starts_at` itself, in the member's language).
 */
starts_at_local: string, duration_minutes: number, place: string, topic: string, };

export type AssigneeRef = { member_id: string, full_name: string, };

export type TaskCard = { id: string, title: string, description: string | null, due_on: string | null, status: TaskStatus, overdue: boolean, 
/**
 * The latest reported percentage.
 */
percent: number | null, last_note: string | null, meeting_id: string | null, 
/**
 * By name.
 */
assignees: Array<AssigneeRef>, };

export type ActivityItem = { 
/**
 * The record's kind: `meeting`, `document`, `resolution`, `contribution`, `task`,
 * `task_progress`; or `meeting_series` for a series' new meetings.
 */
kind: string, id: string, title: string, 
/**
 * `created`, `updated`, `deleted`, `adopted` (a resolution) or `cancelled` (a meeting).
 */
action: string, at: string, 
/**
 * How many records the line stands for: a series' new meetings are one line (its kind
 * `meeting_series`, its id and title the series').
 */
count: number, };

export type NextMeeting = { meeting: MeetingCard, agenda: Array<AgendaLine>, };

export type HomeView = { next_meeting: NextMeeting | null, my_tasks: Array<TaskCard>, 
/**
 * What changed since the member last marked the list as seen.
 */
changes: Array<ActivityItem>, last_seen: string | null, 
/**
 * The notices the member has not read yet, urgent ones first.
 */
unread_notices: Array<NoticeCard>, };

export type StoreStatusView = { client_id: string, schema_version: number, pending_changes: number, 
/**
 * Demo data, never pushed to a server.
 */
demo: boolean, 
/**
 * Live records of each kind.
 */
records: Array<[string, number]>, };

export type SyncState = "demo" | "not_connected" | "starting" | "syncing" | "up_to_date" | "offline" | "stopped";

export type SyncView = { state: SyncState, server: string | null, pending_changes: number, last_sync: string | null, open_conflicts: number, 
/**
 * My changes the server did not accept, not yet dismissed.
 */
rejected_changes: number, 
/**
 * Why the server could not be reached, or why sync stopped.
 */
error: string | null, retry_in_ms: number | null, pushed: number, pulled: number, };

export type ConflictView = { id: string, entity: string, record_id: string, field: string, kind: ConflictKind, 
/**
 * The field's value now (JSON text); what sync kept, if the record is gone.
 */
kept: string, 
/**
 * The value sync did not keep (JSON text).
 */
lost: string, reason: string | null, detected_at: string, status: ConflictStatus, 
/**
 * Whether taking the other value back is possible (the field still exists and is text).
 */
can_restore: boolean, };

export type RejectionView = { mutation_id: number, 
/**
 * The record's kind (`meeting`, `contribution`, …).
 */
entity: string, record_id: string, 
/**
 * `insert`, `update` or `delete`.
 */
op: string, 
/**
 * What named the record then (a meeting's topic, a task's title).
 */
label: string | null, 
/**
 * `forbidden`, `deleted`, `invalid`, `bad_value`, `unknown_field` or `unknown_entity`.
 */
reason: string, 
/**
 * The server's detail (which field, what was wrong).
 */
detail: string | null, 
/**
 * The values sent, as JSON text.
 */
sent: string, rejected_at: string, };

export type AppEvent = { "type": "sync", status: SyncView, } | { "type": "data_changed" };

export type Reminder = { 
/**
 * Unique per event (a rescheduled meeting reminds again).
 */
key: string, title: string, body: string, };

export type IdArgs = { id: string, };

export type CalendarArgs = { 
/**
 * First day shown (inclusive), Vietnam's calendar.
 */
from: string, 
/**
 * Last day shown (inclusive).
 */
to: string, kind: MeetingKind | null, };

export type AddContributionArgs = { meeting_id: string, 
/**
 * The draft resolution the idea is about; `None` for an idea on the meeting itself.
 */
resolution_id: string | null, body: string, };

export type AbsenceArgs = { meeting_id: string, reason: string, };

export type TransferArgs = { member_id: string, to_unit_id: string, 
/**
 * The day the member starts in the new unit (dd/mm/yyyy or yyyy-mm-dd).
 */
effective_on: string, 
/**
 * The decision or reason.
 */
reason: string | null, };

export type TaskProgressArgs = { task_id: string, percent: number, note: string, };

export type TasksArgs = { 
/**
 * Include done and cancelled tasks.
 */
include_closed: boolean, };

export type DocumentsArgs = { 
/**
 * Words to look for, with or without diacritics; empty lists the newest documents.
 */
query: string, };

export type ConnectArgs = { server: string, invite: string, };

export type SignInArgs = { server: string, 
/**
 * The member's party card number or phone.
 */
login: string, password: string, };

export type PasswordArgs = { password: string, };

export type ChooseMemberArgs = { member_id: string, };

export type Keep = "kept" | "lost";

export type ResolveConflictArgs = { id: string, keep: Keep, };

export type RejectionArgs = { mutation_id: number, };

export type NoArgs = Record<symbol, never>;

export type ScheduleMeetingArgs = { 
/**
 * The unit meeting; the device member's own when absent (an administrator's device names it).
 */
unit_id: string | null, kind: MeetingKind, 
/**
 * Local time in Vietnam: `dd/mm/yyyy HH:MM` or `yyyy-mm-ddTHH:MM`.
 */
starts_at: string, duration_minutes: number, place: string, 
/**
 * The month's subject, or a thematic meeting's topic.
 */
topic: string, 
/**
 * Invited observers (pilot meetings), the superior committee's representative.
 */
guests: string | null, };

export type EditMeetingArgs = { id: string, 
/**
 * Local time in Vietnam, as for scheduling.
 */
starts_at: string, duration_minutes: number, place: string, topic: string, guests: string | null, };

export type AgendaItemArgs = { meeting_id: string, id: string | null, title: string, body: string | null, before: string | null, position: number | null, };

export type MoveAgendaItemArgs = { id: string, before: string | null, position: number | null, };

export type DraftArgs = { meeting_id: string, resolution_id: string | null, title: string, draft: string, };

export type AttachFileArgs = { meeting_id: string, 
/**
 * The file's name as chosen (any folder part is dropped).
 */
file_name: string, 
/**
 * The file's bytes, base64 (standard alphabet, padded).
 */
content_base64: string, };

export type StartMeetingArgs = { id: string, early: boolean, };

export type PaperRollView = { present: number, absent_with_reason: number, absent_without_reason: number, };

export type HeldMeetingArgs = { 
/**
 * The cell; the device member's own when absent (an administrator's device names it).
 */
unit_id: string | null, kind: MeetingKind, 
/**
 * When it was held, local time in Vietnam: `dd/mm/yyyy HH:MM` or `yyyy-mm-ddTHH:MM`.
 */
held_at: string, 
/**
 * The minutes book's title line ("Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026") if absent.
 */
topic: string | null, 
/**
 * "Ghi theo biên bản" if absent.
 */
place: string | null, present: number, absent_with_reason: number, absent_without_reason: number, 
/**
 * The show of hands on the month's resolution, if one was voted.
 */
votes_for: number | null, votes_against: number | null, votes_abstain: number | null, conclusion: string | null, 
/**
 * The minutes' text as written in the book.
 */
minutes: string | null, };

export type RollCallArgs = { meeting_id: string, member_id: string, status: AttendanceStatus, 
/**
 * Required for "absent with reason".
 */
reason: string | null, };

export type SpeechArgs = { meeting_id: string, member_id: string, body: string, };

export type MeetingRecordArgs = { meeting_id: string, chair_id: string | null, minute_taker_id: string | null, guests: string | null, conclusion: string | null, minutes: string | null, rating: MeetingRating | null, };

export type AdoptArgs = { resolution_id: string, votes_for: number, votes_against: number, votes_abstain: number, };

export type AssignTaskArgs = { meeting_id: string, title: string, description: string | null, 
/**
 * dd/mm/yyyy or yyyy-mm-dd.
 */
due_on: string, member_ids: Array<string>, };

export type ReviewTaskArgs = { meeting_id: string, task_id: string, done: boolean, 
/**
 * Why not, or what was done; kept in the task's progress notes.
 */
note: string | null, };

export type MinutesDraft = { text: string, };

export type ExportView = { path: string, bytes: number, };

export type ScheduleSeriesArgs = { 
/**
 * The device member's own unit when absent.
 */
unit_id: string | null, day: number, 
/**
 * HH:MM, Vietnam's time.
 */
time: string, 
/**
 * dd/mm/yyyy: the first day a meeting may fall on.
 */
from: string, duration_minutes: number, place: string, 
/**
 * "Sinh hoạt chi bộ thường kỳ": each meeting's topic adds its month.
 */
title: string, 
/**
 * Make it although the cell has a monthly series running (confirmed: two a month).
 */
also: boolean, };

export type EditSeriesArgs = { series_id: string, 
/**
 * dd/mm/yyyy.
 */
from: string, day: number, time: string, duration_minutes: number, place: string, };

export type CalendarFeedView = { url: string | null, };

export type ReportArgs = { unit_id: string | null, year: number | null, };

export type ReportFileArgs = { unit_id: string | null, year: number | null, format: ReportFormat, };

export type ReportFormat = "pdf" | "xlsx" | "csv";

export type Share = { part: number, whole: number, };

export type Figures = { regular_held: number, 
/**
 * Months (1–12) ended by the day of the figures without a regular meeting held.
 */
months_missed: Array<number>, thematic_held: number, attendance: Share, spoke: Share, published_on_time: Share, tasks_on_time: Share, 
/**
 * The members' ratings of the year, by level.
 */
ratings: RatingCounts, 
/**
 * Members admitted in the year so far.
 */
admitted: number, 
/**
 * The months (1–12) of the year that began before the cell started keeping its record in
 * Sotay: shown as "not in Sotay", never as missed.
 */
months_before_start: Array<number>, };

export type Verdict = "meets" | "at_risk" | "missed" | "no_data";

export type Verdicts = { regular: Verdict, thematic: Verdict, attendance: Verdict, spoke: Verdict, published_on_time: Verdict, tasks_on_time: Verdict, };

export type Targets = { 
/**
 * Regular meetings a year; fewer but at least `regular_acceptable` is "at risk".
 */
regular_meetings: number, regular_acceptable: number, thematic_meetings: number, 
/**
 * Fractions, 0–1.
 */
attendance: number, spoke: number, published_on_time: number, tasks_on_time: number, 
/**
 * The share of the official members summoned a meeting needs present, strictly more
 * (`crate::quorum`): the forecast before a meeting warns under it.
 */
quorum: number, };

export type CellReport = { unit_id: string, name: string, 
/**
 * The unit the cell is under (its commune), by name.
 */
parent_name: string, members: number, 
/**
 * The day the cell (or a unit above it) started keeping its record in Sotay.
 */
in_sotay_since: string | null, figures: Figures, verdicts: Verdicts, 
/**
 * The year month by month (twelve), for the trend.
 */
months: Array<MonthFigures>, };

export type UnitReport = { unit_id: string, unit_name: string, unit_level: UnitLevel, year: number, as_of: string, 
/**
 * The day the unit itself says it started keeping its record in Sotay, and the day it goes
 * by (its own, else the nearest one above).
 */
in_sotay_since: string | null, since: string | null, targets: Targets, cells: Array<CellReport>, 
/**
 * The unit's committee and each committee between it and the cells (a district's
 * communes): the members admitted below it this year against its plan.
 */
admissions: Array<Admissions>, };

export type MonthFigures = { 
/**
 * 1–12.
 */
month: number, regular_held: number, thematic_held: number, attendance: Share, spoke: Share, published_on_time: Share, 
/**
 * Began before the cell started keeping its record in Sotay ([`before_start`]).
 */
before_start: boolean, 
/**
 * Meetings of the month held on paper and entered afterwards.
 */
entered: number, };

export type CellYearArgs = { unit_id: string, 
/**
 * Default: this year in Vietnam.
 */
year: number | null, };

export type MeetingFactsView = { id: string, starts_at: string, kind: MeetingKind, status: MeetingStatus, topic: string, present: number, 
/**
 * Called present or absent (the excused are out).
 */
called: number, speakers: number, 
/**
 * Its documents went out a day ahead.
 */
published_on_time: boolean, 
/**
 * Held on paper and entered afterwards: its speakers and papers' day are not known.
 */
entered: boolean, };

export type CellYear = { cell: CellReport, year: number, as_of: string, targets: Targets, 
/**
 * Every meeting of the year, held or not, first first.
 */
meetings: Array<MeetingFactsView>, };

export type Finding = { "check": "missed_month", year: number, month: number, } | { "check": "published_late", meeting_id: string, starts_at: string, published_at: string | null, } | { "check": "probation_ending", member_id: string, ends_on: string, } | { "check": "task_overdue", task_id: string, due_on: string, } | { "check": "two_series", series_ids: Array<string>, };

export type ChecksArgs = { 
/**
 * Default: the device member's unit.
 */
unit_id: string | null, };

export type FindingView = { 
/**
 * Names the finding, to tell it once.
 */
key: string, finding: Finding, 
/**
 * The meeting's topic, the member's name or the task's title (empty for a month).
 */
subject: string, };

export type CellChecks = { unit_id: string, name: string, parent_name: string, findings: Array<FindingView>, };

export type DigestArgs = { 
/**
 * The first day to cover, dd/mm/yyyy (or yyyy-mm-dd).
 */
since: string, };

export type TargetsArgs = { unit_id: string | null, targets: Targets, clear: boolean, };

export type UnitSinceArgs = { unit_id: string | null, 
/**
 * `dd/mm/yyyy` (or `yyyy-mm-dd`).
 */
since: string | null, };

export type RatingLevel = "excellent" | "good" | "completed" | "not_completed";

export type RatingCounts = { excellent: number, good: number, completed: number, not_completed: number, };

export type Admissions = { unit_id: string, name: string, 
/**
 * Members admitted in the cells below the committee (and in its own unit, for a cell).
 */
admitted: number, 
/**
 * What the committee planned, if it set a plan for the year.
 */
planned: number | null, };

export type Probation = { ends_on: string, days_left: number, };

export type TransferLine = { effective_on: string, from_name: string | null, to_name: string | null, reason: string | null, };

export type RatingLine = { year: number, level: RatingLevel, score: number | null, note: string | null, 
/**
 * The cell that gave it.
 */
unit_name: string | null, };

export type MemberRecord = { member: MemberRef, standing: Standing, gender: Gender | null, born_on: string | null, admitted_on: string | null, official_on: string | null, exempt: boolean, temporarily_attached: boolean, home_unit: string | null, 
/**
 * For a probationary member admitted on a known day.
 */
probation: Probation | null, 
/**
 * Oldest first.
 */
transfers: Array<TransferLine>, 
/**
 * Newest year first.
 */
ratings: Array<RatingLine>, 
/**
 * This device's committee keeps this member's record (admits, recognises, rates).
 */
may_edit: boolean, };

export type AdmitArgs = { unit_id: string | null, full_name: string, gender: Gender | null, 
/**
 * dd/mm/yyyy or yyyy-mm-dd.
 */
born_on: string | null, 
/**
 * The admission ceremony, dd/mm/yyyy or yyyy-mm-dd.
 */
admitted_on: string, phone: string | null, };

export type OfficialArgs = { member_id: string, 
/**
 * dd/mm/yyyy or yyyy-mm-dd.
 */
official_on: string, };

export type RateArgs = { member_id: string, year: number, level: RatingLevel, 
/**
 * 0–100, when the cell scored the member.
 */
score: number | null, note: string | null, };

export type AdmissionPlanArgs = { unit_id: string | null, 
/**
 * This year when absent.
 */
year: number | null, planned: number | null, };

export type UnlockArgs = { passphrase: string, };

/** How the app is set up, who uses it, and their settings. */
export const app_status = (args: NoArgs): Promise<AppStatus> => call("app_status", args);

/** Fills an empty store with a demo cell. */
export const start_demo = (args: NoArgs): Promise<AppStatus> => call("start_demo", args);

/** Registers this device with a server using an invite. */
export const connect = (args: ConnectArgs): Promise<AppStatus> => call("connect", args);

/** Signs a fresh device in with a member's card number or phone and password. */
export const sign_in = (args: SignInArgs): Promise<AppStatus> => call("sign_in", args);

/** Sets the password of the member this device belongs to. */
export const set_password = (args: PasswordArgs): Promise<AppStatus> => call("set_password", args);

/** The members to choose "who am I" from. */
export const members = (args: NoArgs): Promise<Array<MemberRef>> => call("members", args);

/** Says who uses this device. */
export const choose_member = (args: ChooseMemberArgs): Promise<AppStatus> => call("choose_member", args);

/** Saves the settings. */
export const save_settings = (args: Settings): Promise<AppStatus> => call("save_settings", args);

/** My devices, or a member's (their cell committee, the administrator). */
export const devices = (args: DevicesArgs): Promise<Array<DeviceView>> => call("devices", args);

/** Signs a device out: one of mine, or a member's lost one. */
export const revoke_device = (args: RevokeDeviceArgs): Promise<Array<DeviceView>> => call("revoke_device", args);

/** The organisation tree, from the server (an administrator's device). */
export const admin_units = (args: NoArgs): Promise<Array<AdminUnit>> => call("admin_units", args);

/** Adds a unit: the root of a fresh server, or a unit under one. */
export const admin_add_unit = (args: NewUnit): Promise<AdminUnit> => call("admin_add_unit", args);

/** Renames a unit. */
export const admin_rename_unit = (args: RenameUnitArgs): Promise<AdminUnit> => call("admin_rename_unit", args);

/** Closes an empty unit from a day. */
export const admin_close_unit = (args: CloseUnitArgs): Promise<AdminUnit> => call("admin_close_unit", args);

/** A unit's roster, from the server. */
export const admin_members = (args: AdminMembersArgs): Promise<Array<AdminMember>> => call("admin_members", args);

/** Gives a member an office in their unit. */
export const admin_set_office = (args: SetOfficeArgs): Promise<AdminMember> => call("admin_set_office", args);

/** Checks a roster file (the preview) or imports it. */
export const import_roster = (args: ImportRosterArgs): Promise<RosterReport> => call("import_roster", args);

/** Home: next meeting, my open tasks, what changed. */
export const home = (args: NoArgs): Promise<HomeView> => call("home", args);

/** Marks every change so far as seen. */
export const mark_seen = (args: NoArgs): Promise<HomeView> => call("mark_seen", args);

/** My unit's meetings between two dates. */
export const calendar = (args: CalendarArgs): Promise<Array<MeetingCard>> => call("calendar", args);

/** One meeting. */
export const meeting = (args: IdArgs): Promise<MeetingView> => call("meeting", args);

/** Adds my contribution to a meeting or its draft resolution. */
export const add_contribution = (args: AddContributionArgs): Promise<MeetingView> => call("add_contribution", args);

/** Sends my absence reason. */
export const send_absence = (args: AbsenceArgs): Promise<MeetingView> => call("send_absence", args);

/** Withdraws my absence reason. */
export const cancel_absence = (args: IdArgs): Promise<MeetingView> => call("cancel_absence", args);

/** My unit's resolutions. */
export const resolutions = (args: NoArgs): Promise<Array<ResolutionView>> => call("resolutions", args);

/** My tasks. */
export const my_tasks = (args: TasksArgs): Promise<Array<TaskCard>> => call("my_tasks", args);

/** Reports progress on a task. */
export const task_progress = (args: TaskProgressArgs): Promise<TaskCard> => call("task_progress", args);

/** Marks a task done. */
export const task_done = (args: IdArgs): Promise<TaskCard> => call("task_done", args);

/** The documents library, searched without regard to diacritics. */
export const documents = (args: DocumentsArgs): Promise<Array<DocumentCard>> => call("documents", args);

/** One document (opening it is noted for my cell's committee). */
export const document = (args: IdArgs): Promise<DocumentView> => call("document", args);

/** Publishes a document of my committee to the units below, or corrects one. */
export const publish_document = (args: PublishDocumentArgs): Promise<DocumentView> => call("publish_document", args);

/** Attaches a file to one of my committee's documents. */
export const attach_document_file = (args: AttachDocumentFileArgs): Promise<DocumentView> => call("attach_document_file", args);

/** Takes a file off one of my committee's documents. */
export const detach_document_file = (args: IdArgs): Promise<DocumentView> => call("detach_document_file", args);

/** Withdraws one of my committee's documents; answers with the library. */
export const withdraw_document = (args: IdArgs): Promise<Array<DocumentCard>> => call("withdraw_document", args);

/** The notices of my unit and of the committees above it, newest first. */
export const notices = (args: NoArgs): Promise<NoticesView> => call("notices", args);

/** One notice (reading it is noted for the committee that posted it). */
export const notice = (args: IdArgs): Promise<NoticeView> => call("notice", args);

/** Posts a notice of my committee to its unit and the units below, or corrects one. */
export const post_notice = (args: PostNoticeArgs): Promise<NoticeView> => call("post_notice", args);

/** Withdraws one of my committee's notices; answers with the notices. */
export const withdraw_notice = (args: IdArgs): Promise<NoticesView> => call("withdraw_notice", args);

/** The activity feed. */
export const activity = (args: NoArgs): Promise<Array<ActivityItem>> => call("activity", args);

/** Where sync stands. */
export const sync_status = (args: NoArgs): Promise<SyncView> => call("sync_status", args);

/** Syncs now. */
export const sync_now = (args: NoArgs): Promise<SyncView> => call("sync_now", args);

/** The conflict log. */
export const conflicts = (args: NoArgs): Promise<Array<ConflictView>> => call("conflicts", args);

/** Closes a conflict, keeping one of the two values. */
export const resolve_conflict = (args: ResolveConflictArgs): Promise<Array<ConflictView>> => call("resolve_conflict", args);

/** My changes the server did not accept, newest first. */
export const rejections = (args: NoArgs): Promise<Array<RejectionView>> => call("rejections", args);

/** Marks the notice of a refused change as read. */
export const dismiss_rejection = (args: RejectionArgs): Promise<Array<RejectionView>> => call("dismiss_rejection", args);

/** My unit's members, with what this device may do for each. */
export const roster = (args: NoArgs): Promise<Array<RosterEntry>> => call("roster", args);

/** Moves a member to another unit, keeping the transfer's history. */
export const transfer_member = (args: TransferArgs): Promise<MemberRef> => call("transfer_member", args);

/** Asks the server for a one-time invite for a member's device. */
export const invite_member = (args: IdArgs): Promise<InviteView> => call("invite_member", args);

/** A member's page: standing and probation, transfers, yearly ratings. */
export const member_record = (args: IdArgs): Promise<MemberRecord> => call("member_record", args);

/** Admits a new member to my unit, probationary from the admission day. */
export const admit_member = (args: AdmitArgs): Promise<MemberRecord> => call("admit_member", args);

/** Records the cell's vote making a probationary member official. */
export const recognise_official = (args: OfficialArgs): Promise<MemberRecord> => call("recognise_official", args);

/** Records (or corrects) a member's rating for a year. */
export const rate_member = (args: RateArgs): Promise<MemberRecord> => call("rate_member", args);

/** Schedules a meeting of my cell, its agenda from the prescribed template. */
export const schedule_meeting = (args: ScheduleMeetingArgs): Promise<MeetingView> => call("schedule_meeting", args);

/** Moves or renames a planned meeting. */
export const edit_meeting = (args: EditMeetingArgs): Promise<MeetingView> => call("edit_meeting", args);

/** Cancels a planned meeting. */
export const cancel_meeting = (args: IdArgs): Promise<MeetingView> => call("cancel_meeting", args);

/** Adds or changes an agenda item. */
export const save_agenda_item = (args: AgendaItemArgs): Promise<MeetingView> => call("save_agenda_item", args);

/** Moves an agenda item before another, or to a place. */
export const move_agenda_item = (args: MoveAgendaItemArgs): Promise<MeetingView> => call("move_agenda_item", args);

/** Takes an item off the agenda. */
export const remove_agenda_item = (args: IdArgs): Promise<MeetingView> => call("remove_agenda_item", args);

/** Writes the meeting's draft resolution. */
export const save_draft = (args: DraftArgs): Promise<MeetingView> => call("save_draft", args);

/** Opens the meeting: it is being held now. */
export const start_meeting = (args: StartMeetingArgs): Promise<MeetingView> => call("start_meeting", args);

/** Closes the meeting: the minutes say it ended now. */
export const end_meeting = (args: IdArgs): Promise<MeetingView> => call("end_meeting", args);

/** Enters a meeting held on paper, with its counts, tally and minutes. */
export const enter_held_meeting = (args: HeldMeetingArgs): Promise<MeetingView> => call("enter_held_meeting", args);

/** Records one member's answer to the roll call. */
export const roll_call = (args: RollCallArgs): Promise<MeetingView> => call("roll_call", args);

/** Records a speaker and their view. */
export const record_speech = (args: SpeechArgs): Promise<MeetingView> => call("record_speech", args);

/** Takes back a speech recorded by mistake. */
export const remove_speech = (args: IdArgs): Promise<MeetingView> => call("remove_speech", args);

/** The chair, minute-taker, guests, conclusion, minutes and rating. */
export const record_meeting = (args: MeetingRecordArgs): Promise<MeetingView> => call("record_meeting", args);

/** Adopts a resolution with its show-of-hands tally. */
export const adopt_resolution = (args: AdoptArgs): Promise<MeetingView> => call("adopt_resolution", args);

/** Gives a task to members of the cell. */
export const assign_task = (args: AssignTaskArgs): Promise<MeetingView> => call("assign_task", args);

/** The monitoring figures of every cell below the device member's committee. */
export const unit_report = (args: ReportArgs): Promise<UnitReport> => call("unit_report", args);

/** One cell's year: its figures, its months and each meeting (the dashboard's drill-down). */
export const cell_year = (args: CellYearArgs): Promise<CellYear> => call("cell_year", args);

/** What the rule checks found in the cells below: months missed, documents late, probations ending, tasks overdue. */
export const rule_checks = (args: ChecksArgs): Promise<Array<CellChecks>> => call("rule_checks", args);

/** Sets (or clears) my committee's targets for the cells below; answers with the report. */
export const set_targets = (args: TargetsArgs): Promise<UnitReport> => call("set_targets", args);

/** Sets (or clears) the day a unit started keeping its record in Sotay. */
export const set_unit_since = (args: UnitSinceArgs): Promise<UnitView> => call("set_unit_since", args);

/** Sets (or clears) my committee's plan of admissions for a year; answers with the report. */
export const plan_admissions = (args: AdmissionPlanArgs): Promise<UnitReport> => call("plan_admissions", args);

/** Writes those figures as an Excel workbook or CSV into the exports folder. */
export const export_report = (args: ReportFileArgs): Promise<ExportView> => call("export_report", args);

/** Attaches a file to the meeting's papers (sent to members' devices at the next sync). */
export const attach_file = (args: AttachFileArgs): Promise<MeetingView> => call("attach_file", args);

/** Takes a file off the meeting's papers. */
export const remove_attachment = (args: IdArgs): Promise<MeetingView> => call("remove_attachment", args);

/** Writes an attached file into the exports folder and says where. */
export const export_attachment = (args: IdArgs): Promise<ExportView> => call("export_attachment", args);

/** Records a member's answer to the meeting's invitation for them (no device of theirs). */
export const reply_for = (args: ReplyForArgs): Promise<MeetingView> => call("reply_for", args);

/** Writes down a member's idea on the draft for them (no device of theirs). */
export const idea_for = (args: IdeaForArgs): Promise<MeetingView> => call("idea_for", args);

/** Sends the meeting's agenda and documents to members (the view says if it was late). */
export const publish_meeting = (args: IdArgs): Promise<MeetingView> => call("publish_meeting", args);

/** The minutes drafted from what was recorded, to edit before saving. */
export const draft_minutes = (args: IdArgs): Promise<MinutesDraft> => call("draft_minutes", args);

/** Adopts the minutes: the meeting's record is locked. */
export const adopt_minutes = (args: IdArgs): Promise<MeetingView> => call("adopt_minutes", args);

/** Records the review of an earlier task: done or not, and why. */
export const review_task = (args: ReviewTaskArgs): Promise<MeetingView> => call("review_task", args);

/** Writes the minutes as a PDF for the minutes book and says where. */
export const export_minutes = (args: IdArgs): Promise<ExportView> => call("export_minutes", args);

/** Schedules the monthly meeting as a series of the coming year's meetings. */
export const schedule_series = (args: ScheduleSeriesArgs): Promise<MeetingView> => call("schedule_series", args);

/** Changes a series from a day on. */
export const edit_series = (args: EditSeriesArgs): Promise<MeetingView> => call("edit_series", args);

/** Keeps one of two monthly series: the others end, their meetings ahead cancelled. */
export const keep_series = (args: IdArgs): Promise<MeetingView> => call("keep_series", args);

/** Writes my digest since a day (what the cell decided, my tasks, documents to read) as a one-page PDF into the exports folder. */
export const export_digest = (args: DigestArgs): Promise<ExportView> => call("export_digest", args);

/** Writes my cell's meetings as an iCalendar file for a phone's calendar. */
export const export_calendar = (args: NoArgs): Promise<ExportView> => call("export_calendar", args);

/** My calendar subscription's address, if I made one on this device. */
export const calendar_feed = (args: NoArgs): Promise<CalendarFeedView> => call("calendar_feed", args);

/** A new calendar subscription from the server (the old address stops working). */
export const renew_calendar_feed = (args: NoArgs): Promise<CalendarFeedView> => call("renew_calendar_feed", args);

/** Revokes my calendar subscription. */
export const revoke_calendar_feed = (args: NoArgs): Promise<CalendarFeedView> => call("revoke_calendar_feed", args);

/** Opens the encrypted store with its passphrase, or protects a new one with it. */
export const unlock_store = (args: UnlockArgs): Promise<AppStatus> => call("unlock_store", args);
