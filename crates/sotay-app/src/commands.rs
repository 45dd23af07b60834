//! The command table: every command the UI may call, once. From it come the name-based dispatch
//! (the development bridge), the TypeScript wrappers (`ui/src/lib/bindings.ts`) and — through
//! [`for_each_command!`](crate::for_each_command) — the Tauri commands.

use crate::app::App;
use crate::error::AppError;
use crate::views::*;
use std::sync::Arc;

/// Calls `$callback!` with the command table: `name(Args) -> Output;` per command.
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            /// How the app is set up, who uses it, and their settings.
            app_status(NoArgs) -> AppStatus;
            /// Fills an empty store with a demo cell.
            start_demo(NoArgs) -> AppStatus;
            /// Registers this device with a server using an invite.
            connect(ConnectArgs) -> AppStatus;
            /// The members to choose "who am I" from.
            members(NoArgs) -> Vec<MemberRef>;
            /// Says who uses this device.
            choose_member(ChooseMemberArgs) -> AppStatus;
            /// Saves the settings.
            save_settings(Settings) -> AppStatus;
            /// Home: next meeting, my open tasks, what changed.
            home(NoArgs) -> HomeView;
            /// Marks every change so far as seen.
            mark_seen(NoArgs) -> HomeView;
            /// My unit's meetings between two dates.
            calendar(CalendarArgs) -> Vec<MeetingCard>;
            /// One meeting.
            meeting(IdArgs) -> MeetingView;
            /// Adds my contribution to a meeting or its draft resolution.
            add_contribution(AddContributionArgs) -> MeetingView;
            /// Sends my absence reason.
            send_absence(AbsenceArgs) -> MeetingView;
            /// Withdraws my absence reason.
            cancel_absence(IdArgs) -> MeetingView;
            /// My unit's resolutions.
            resolutions(NoArgs) -> Vec<ResolutionView>;
            /// My tasks.
            my_tasks(TasksArgs) -> Vec<TaskCard>;
            /// Reports progress on a task.
            task_progress(TaskProgressArgs) -> TaskCard;
            /// Marks a task done.
            task_done(IdArgs) -> TaskCard;
            /// The documents library, searched without regard to diacritics.
            documents(DocumentsArgs) -> Vec<DocumentCard>;
            /// One document (opening it is noted for my cell's committee).
            document(IdArgs) -> DocumentView;
            /// Publishes a document of my committee to the units below, or corrects one.
            publish_document(PublishDocumentArgs) -> DocumentView;
            /// Attaches a file to one of my committee's documents.
            attach_document_file(AttachDocumentFileArgs) -> DocumentView;
            /// Takes a file off one of my committee's documents.
            detach_document_file(IdArgs) -> DocumentView;
            /// Withdraws one of my committee's documents; answers with the library.
            withdraw_document(IdArgs) -> Vec<DocumentCard>;
            /// The activity feed.
            activity(NoArgs) -> Vec<ActivityItem>;
            /// Where sync stands.
            sync_status(NoArgs) -> SyncView;
            /// Syncs now.
            sync_now(NoArgs) -> SyncView;
            /// The conflict log.
            conflicts(NoArgs) -> Vec<ConflictView>;
            /// Closes a conflict, keeping one of the two values.
            resolve_conflict(ResolveConflictArgs) -> Vec<ConflictView>;
            /// My changes the server did not accept, newest first.
            rejections(NoArgs) -> Vec<RejectionView>;
            /// Marks the notice of a refused change as read.
            dismiss_rejection(RejectionArgs) -> Vec<RejectionView>;
            /// My unit's members, with what this device may do for each.
            roster(NoArgs) -> Vec<RosterEntry>;
            /// Moves a member to another unit, keeping the transfer's history.
            transfer_member(TransferArgs) -> MemberRef;
            /// Asks the server for a one-time invite for a member's device.
            invite_member(IdArgs) -> InviteView;
            /// A member's page: standing and probation, transfers, yearly ratings.
            member_record(IdArgs) -> MemberRecord;
            /// Admits a new member to my unit, probationary from the admission day.
            admit_member(AdmitArgs) -> MemberRecord;
            /// Records the cell's vote making a probationary member official.
            recognise_official(OfficialArgs) -> MemberRecord;
            /// Records (or corrects) a member's rating for a year.
            rate_member(RateArgs) -> MemberRecord;
            /// Schedules a meeting of my cell, its agenda from the prescribed template.
            schedule_meeting(ScheduleMeetingArgs) -> MeetingView;
            /// Moves or renames a planned meeting.
            edit_meeting(EditMeetingArgs) -> MeetingView;
            /// Cancels a planned meeting.
            cancel_meeting(IdArgs) -> MeetingView;
            /// Adds or changes an agenda item.
            save_agenda_item(AgendaItemArgs) -> MeetingView;
            /// Takes an item off the agenda.
            remove_agenda_item(IdArgs) -> MeetingView;
            /// Writes the meeting's draft resolution.
            save_draft(DraftArgs) -> MeetingView;
            /// Opens the meeting: it is being held now.
            start_meeting(IdArgs) -> MeetingView;
            /// Records one member's answer to the roll call.
            roll_call(RollCallArgs) -> MeetingView;
            /// Records a speaker and their view.
            record_speech(SpeechArgs) -> MeetingView;
            /// Takes back a speech recorded by mistake.
            remove_speech(IdArgs) -> MeetingView;
            /// The chair, minute-taker, guests, conclusion, minutes and rating.
            record_meeting(MeetingRecordArgs) -> MeetingView;
            /// Adopts a resolution with its show-of-hands tally.
            adopt_resolution(AdoptArgs) -> MeetingView;
            /// Gives a task to members of the cell.
            assign_task(AssignTaskArgs) -> MeetingView;
            /// The monitoring figures of every cell below the device member's committee.
            unit_report(ReportArgs) -> UnitReport;
            /// One cell's year: its figures, its months and each meeting (the dashboard's drill-down).
            cell_year(CellYearArgs) -> CellYear;
            /// What the rule checks found in the cells below: months missed, documents late,
            /// probations ending, tasks overdue.
            rule_checks(ChecksArgs) -> Vec<CellChecks>;
            /// Sets (or clears) my committee's targets for the cells below; answers with the report.
            set_targets(TargetsArgs) -> UnitReport;
            /// Sets (or clears) my committee's plan of admissions for a year; answers with the
            /// report.
            plan_admissions(AdmissionPlanArgs) -> UnitReport;
            /// Writes those figures as an Excel workbook or CSV into the exports folder.
            export_report(ReportFileArgs) -> ExportView;
            /// Attaches a file to the meeting's papers (sent to members' devices at the next sync).
            attach_file(AttachFileArgs) -> MeetingView;
            /// Takes a file off the meeting's papers.
            remove_attachment(IdArgs) -> MeetingView;
            /// Writes an attached file into the exports folder and says where.
            export_attachment(IdArgs) -> ExportView;
            /// Sends the meeting's agenda and documents to members (the view says if it was late).
            publish_meeting(IdArgs) -> MeetingView;
            /// The minutes drafted from what was recorded, to edit before saving.
            draft_minutes(IdArgs) -> MinutesDraft;
            /// Adopts the minutes: the meeting's record is locked.
            adopt_minutes(IdArgs) -> MeetingView;
            /// Records the review of an earlier task: done or not, and why.
            review_task(ReviewTaskArgs) -> MeetingView;
            /// Writes the minutes as a PDF for the minutes book and says where.
            export_minutes(IdArgs) -> ExportView;
            /// Schedules the monthly meeting as a series of the coming year's meetings.
            schedule_series(ScheduleSeriesArgs) -> MeetingView;
            /// Changes a series from a day on.
            edit_series(EditSeriesArgs) -> MeetingView;
            /// Writes my digest since a day (what the cell decided, my tasks, documents to read)
            /// as a one-page PDF into the exports folder.
            export_digest(DigestArgs) -> ExportView;
            /// Writes my cell's meetings as an iCalendar file for a phone's calendar.
            export_calendar(NoArgs) -> ExportView;
            /// My calendar subscription's address, if I made one on this device.
            calendar_feed(NoArgs) -> CalendarFeedView;
            /// A new calendar subscription from the server (the old address stops working).
            renew_calendar_feed(NoArgs) -> CalendarFeedView;
            /// Revokes my calendar subscription.
            revoke_calendar_feed(NoArgs) -> CalendarFeedView;
        }
    };
}

macro_rules! dispatch_table {
    ($( $(#[doc = $doc:literal])* $name:ident($args:ty) -> $out:ty; )*) => {
        /// Every command's name.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Runs the command `name` with JSON arguments: the development bridge's entry point.
        pub fn dispatch(
            app: &Arc<App>,
            name: &str,
            args: serde_json::Value,
        ) -> Result<serde_json::Value, AppError> {
            match name {
                $(stringify!($name) => {
                    let args: $args = serde_json::from_value(args)
                        .map_err(|e| AppError::bad_request(format!("{}: {e}", stringify!($name))))?;
                    let out: $out = app.$name(args)?;
                    serde_json::to_value(out).map_err(|e| AppError::new("internal", e.to_string()))
                })*
                _ => Err(AppError::new("unknown_command", format!("there is no command {name:?}"))),
            }
        }

        /// The TypeScript wrappers, one per command.
        pub(crate) fn typescript_commands(cfg: &ts_rs::Config) -> String {
            use ts_rs::TS;
            let mut out = String::new();
            $(
                out.push_str("/**");
                $( out.push_str($doc); )*
                out.push_str(" */\n");
                out.push_str(&format!(
                    "export const {name} = (args: {args}): Promise<{output}> => call(\"{name}\", args);\n\n",
                    name = stringify!($name),
                    args = <$args as TS>::name(cfg),
                    output = <$out as TS>::name(cfg),
                ));
            )*
            out
        }
    };
}

for_each_command!(dispatch_table);
