//! The TypeScript side of the command table: every type the commands take or give, and one typed
//! wrapper per command. Written to `ui/src/lib/bindings.ts`; a test fails when the committed file
//! differs from what the Rust types say (`SOTAY_BLESS=1 cargo test -p sotay-app` rewrites it).

use crate::AppError;
use crate::commands::typescript_commands;
use crate::home::reminders::Reminder;
use crate::views::*;
use sotay_core::ErrorKind;
use sotay_core::model::{
    AttendanceStatus, ConflictKind, ConflictStatus, ContributionKind, DocumentKind, MeetingKind,
    MeetingRating, MeetingStatus, ResolutionStatus, Role, Standing, TaskStatus, UnitLevel,
};
use ts_rs::{Config, TS};

fn decl<T: TS>(cfg: &Config, out: &mut String) {
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push_str("\n\n");
}

/// Every error kind as a runtime list, for the UI's check that it has words for each.
fn error_kinds(out: &mut String) {
    out.push_str("export const ERROR_KINDS: ErrorKind[] = [\n");
    for kind in ErrorKind::ALL {
        out.push_str(&format!("  \"{}\",\n", kind.as_str()));
    }
    out.push_str("];\n\n");
}

/// The whole of `ui/src/lib/bindings.ts`.
pub fn typescript() -> String {
    // Counts and ids fit a JavaScript number; bigint would only make the UI awkward.
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by sotay-app (crates/sotay-app/src/bindings.rs).\n\
         // Do not edit: run `SOTAY_BLESS=1 cargo test -p sotay-app --test bindings`.\n\n\
         // How a command reaches Rust is given by `transport.ts` (`setTransport`): this file\n\
         // imports nothing, so nothing it declares depends back on the code that uses it.\n\
         export type Transport = <T>(command: string, args: object) => Promise<T>;\n\n\
         let call: Transport = (command) =>\n  \
         Promise.reject(new Error(`no transport for ${command}: import lib/transport first`));\n\n\
         export function setTransport(transport: Transport): void {\n  call = transport;\n}\n\n",
    );
    let cfg = &cfg;
    let o = &mut out;
    decl::<MeetingKind>(cfg, o);
    decl::<MeetingStatus>(cfg, o);
    decl::<MeetingRating>(cfg, o);
    decl::<Standing>(cfg, o);
    decl::<AttendanceStatus>(cfg, o);
    decl::<ContributionKind>(cfg, o);
    decl::<ResolutionStatus>(cfg, o);
    decl::<TaskStatus>(cfg, o);
    decl::<DocumentKind>(cfg, o);
    decl::<ConflictKind>(cfg, o);
    decl::<ConflictStatus>(cfg, o);
    decl::<Role>(cfg, o);
    decl::<UnitLevel>(cfg, o);
    decl::<ErrorKind>(cfg, o);
    error_kinds(o);
    decl::<AppError>(cfg, o);
    decl::<Mode>(cfg, o);
    decl::<Language>(cfg, o);
    decl::<Settings>(cfg, o);
    decl::<MemberRef>(cfg, o);
    decl::<InviteView>(cfg, o);
    decl::<RosterEntry>(cfg, o);
    decl::<UnsentView>(cfg, o);
    decl::<ErasedView>(cfg, o);
    decl::<AppStatus>(cfg, o);
    decl::<DeviceView>(cfg, o);
    decl::<DevicesArgs>(cfg, o);
    decl::<RevokeDeviceArgs>(cfg, o);
    decl::<sotay_core::model::Gender>(cfg, o);
    decl::<AdminUnit>(cfg, o);
    decl::<NewUnit>(cfg, o);
    decl::<AdminMember>(cfg, o);
    decl::<RowStatus>(cfg, o);
    decl::<ProblemKind>(cfg, o);
    decl::<RosterRow>(cfg, o);
    decl::<RosterProblem>(cfg, o);
    decl::<RosterReport>(cfg, o);
    decl::<RenameUnitArgs>(cfg, o);
    decl::<CloseUnitArgs>(cfg, o);
    decl::<AdminMembersArgs>(cfg, o);
    decl::<SetOfficeArgs>(cfg, o);
    decl::<ImportRosterArgs>(cfg, o);
    decl::<UnitView>(cfg, o);
    decl::<MeetingCard>(cfg, o);
    decl::<AgendaLine>(cfg, o);
    decl::<Absentee>(cfg, o);
    decl::<RollCallView>(cfg, o);
    decl::<MyAttendance>(cfg, o);
    decl::<ContributionLine>(cfg, o);
    decl::<ResolutionView>(cfg, o);
    decl::<Snippet>(cfg, o);
    decl::<DocumentCard>(cfg, o);
    decl::<DocumentView>(cfg, o);
    decl::<ReaderLine>(cfg, o);
    decl::<PostNoticeArgs>(cfg, o);
    decl::<NoticeCard>(cfg, o);
    decl::<NoticesView>(cfg, o);
    decl::<NoticeView>(cfg, o);
    decl::<UnitReads>(cfg, o);
    decl::<Forecast>(cfg, o);
    decl::<ReplyForArgs>(cfg, o);
    decl::<IdeaForArgs>(cfg, o);
    decl::<PublishDocumentArgs>(cfg, o);
    decl::<AttachDocumentFileArgs>(cfg, o);
    decl::<FileView>(cfg, o);
    decl::<SearchResult>(cfg, o);
    decl::<RollLine>(cfg, o);
    decl::<MeetingView>(cfg, o);
    decl::<AssigneeRef>(cfg, o);
    decl::<TaskCard>(cfg, o);
    decl::<ActivityItem>(cfg, o);
    decl::<NextMeeting>(cfg, o);
    decl::<HomeView>(cfg, o);
    decl::<StoreStatusView>(cfg, o);
    decl::<SyncState>(cfg, o);
    decl::<SyncView>(cfg, o);
    decl::<ConflictView>(cfg, o);
    decl::<RejectionView>(cfg, o);
    decl::<AppEvent>(cfg, o);
    decl::<Reminder>(cfg, o);
    decl::<IdArgs>(cfg, o);
    decl::<CalendarArgs>(cfg, o);
    decl::<AddContributionArgs>(cfg, o);
    decl::<AbsenceArgs>(cfg, o);
    decl::<TransferArgs>(cfg, o);
    decl::<TaskProgressArgs>(cfg, o);
    decl::<TasksArgs>(cfg, o);
    decl::<DocumentsArgs>(cfg, o);
    decl::<ConnectArgs>(cfg, o);
    decl::<SignInArgs>(cfg, o);
    decl::<PasswordArgs>(cfg, o);
    decl::<ChooseMemberArgs>(cfg, o);
    decl::<Keep>(cfg, o);
    decl::<ResolveConflictArgs>(cfg, o);
    decl::<RejectionArgs>(cfg, o);
    decl::<NoArgs>(cfg, o);
    decl::<ScheduleMeetingArgs>(cfg, o);
    decl::<EditMeetingArgs>(cfg, o);
    decl::<AgendaItemArgs>(cfg, o);
    decl::<MoveAgendaItemArgs>(cfg, o);
    decl::<DraftArgs>(cfg, o);
    decl::<AttachFileArgs>(cfg, o);
    decl::<StartMeetingArgs>(cfg, o);
    decl::<PaperRollView>(cfg, o);
    decl::<HeldMeetingArgs>(cfg, o);
    decl::<RollCallArgs>(cfg, o);
    decl::<SpeechArgs>(cfg, o);
    decl::<MeetingRecordArgs>(cfg, o);
    decl::<AdoptArgs>(cfg, o);
    decl::<AssignTaskArgs>(cfg, o);
    decl::<ReviewTaskArgs>(cfg, o);
    decl::<MinutesDraft>(cfg, o);
    decl::<ExportView>(cfg, o);
    decl::<ScheduleSeriesArgs>(cfg, o);
    decl::<EditSeriesArgs>(cfg, o);
    decl::<CalendarFeedView>(cfg, o);
    decl::<ReportArgs>(cfg, o);
    decl::<ReportFileArgs>(cfg, o);
    decl::<ReportFormat>(cfg, o);
    decl::<sotay_core::report::Share>(cfg, o);
    decl::<sotay_core::report::Figures>(cfg, o);
    decl::<sotay_core::report::Verdict>(cfg, o);
    decl::<sotay_core::report::Verdicts>(cfg, o);
    decl::<sotay_core::report::Targets>(cfg, o);
    decl::<CellReport>(cfg, o);
    decl::<UnitReport>(cfg, o);
    decl::<sotay_core::report::MonthFigures>(cfg, o);
    decl::<CellYearArgs>(cfg, o);
    decl::<MeetingFactsView>(cfg, o);
    decl::<CellYear>(cfg, o);
    decl::<sotay_core::checks::Finding>(cfg, o);
    decl::<ChecksArgs>(cfg, o);
    decl::<FindingView>(cfg, o);
    decl::<CellChecks>(cfg, o);
    decl::<DigestArgs>(cfg, o);
    decl::<TargetsArgs>(cfg, o);
    decl::<UnitSinceArgs>(cfg, o);
    decl::<sotay_core::model::RatingLevel>(cfg, o);
    decl::<sotay_core::report::RatingCounts>(cfg, o);
    decl::<sotay_core::report::Admissions>(cfg, o);
    decl::<Probation>(cfg, o);
    decl::<TransferLine>(cfg, o);
    decl::<RatingLine>(cfg, o);
    decl::<MemberRecord>(cfg, o);
    decl::<AdmitArgs>(cfg, o);
    decl::<OfficialArgs>(cfg, o);
    decl::<RateArgs>(cfg, o);
    decl::<AdmissionPlanArgs>(cfg, o);
    decl::<crate::launcher::UnlockArgs>(cfg, o);
    out.push_str(&typescript_commands(cfg));
    // The launcher's one command (`launcher.rs`), answered before the app exists.
    out.push_str(
        "/** Opens the encrypted store with its passphrase, or protects a new one with it. */\n\
         export const unlock_store = (args: UnlockArgs): Promise<AppStatus> => call(\"unlock_store\", args);\n",
    );
    out
}
