//! The command table: every command the UI may call, once, with the operation that answers it.
//! From it come the [`App`] methods, the name-based dispatch (the development bridge), the
//! TypeScript wrappers (`ui/src/lib/bindings.ts`) and — through
//! [`for_each_command!`](crate::for_each_command) — the Tauri commands.
//!
//! An operation is `fn(&mut Cx, Args) -> Result<View>` in its feature's folder: the generated
//! method locks the store, builds the [`Cx`](crate::cx::Cx) and runs it. The few marked `@app`
//! drive the running app itself (connecting starts its sync; "Sync now" waits for a round
//! without holding the store) and take the [`App`] instead. A locked or signed-out device runs
//! none but those marked `@open` (its status and settings) and joining again.

use crate::app::App;
use crate::error::AppError;
use crate::views::*;
use sotay_core::ErrorKind;
use std::sync::Arc;

/// Calls `$callback!` with the command table: `name(Args) -> Output = operation;` per command.
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            /// How the app is set up, who uses it, and their settings.
            app_status(NoArgs) -> AppStatus = @open $crate::setup::app_status;
            /// Fills an empty store with a demo cell.
            start_demo(NoArgs) -> AppStatus = $crate::setup::start_demo;
            /// Registers this device with a server using an invite.
            connect(ConnectArgs) -> AppStatus = @app $crate::setup::connect;
            /// Signs a fresh device in with a member's card number or phone and password.
            sign_in(SignInArgs) -> AppStatus = @app $crate::setup::sign_in;
            /// Sets the password of the member this device belongs to.
            set_password(PasswordArgs) -> AppStatus = $crate::setup::set_password;
            /// The members to choose "who am I" from.
            members(NoArgs) -> Vec<MemberRef> = $crate::setup::members;
            /// Says who uses this device.
            choose_member(ChooseMemberArgs) -> AppStatus = $crate::setup::choose_member;
            /// Saves the settings.
            save_settings(Settings) -> AppStatus = @open $crate::setup::save_settings;
            /// My devices, or a member's (their cell committee, the administrator).
            devices(DevicesArgs) -> Vec<DeviceView> = $crate::setup::devices;
            /// Signs a device out: one of mine, or a member's lost one.
            revoke_device(RevokeDeviceArgs) -> Vec<DeviceView> = $crate::setup::revoke_device;
            /// The organisation tree, from the server (an administrator's device).
            admin_units(NoArgs) -> Vec<AdminUnit> = $crate::admin::admin_units;
            /// Adds a unit: the root of a fresh server, or a unit under one.
            admin_add_unit(NewUnit) -> AdminUnit = $crate::admin::admin_add_unit;
            /// Renames a unit.
            admin_rename_unit(RenameUnitArgs) -> AdminUnit = $crate::admin::admin_rename_unit;
            /// Closes an empty unit from a day.
            admin_close_unit(CloseUnitArgs) -> AdminUnit = $crate::admin::admin_close_unit;
            /// A unit's roster, from the server.
            admin_members(AdminMembersArgs) -> Vec<AdminMember> = $crate::admin::admin_members;
            /// Gives a member an office in their unit.
            admin_set_office(SetOfficeArgs) -> AdminMember = $crate::admin::admin_set_office;
            /// Checks a roster file (the preview) or imports it.
            import_roster(ImportRosterArgs) -> RosterReport = $crate::admin::import_roster;
            /// Home: next meeting, my open tasks, what changed.
            home(NoArgs) -> HomeView = $crate::home::home;
            /// Marks every change so far as seen.
            mark_seen(NoArgs) -> HomeView = $crate::home::mark_seen;
            /// My unit's meetings between two dates.
            calendar(CalendarArgs) -> Vec<MeetingCard> = $crate::meetings::calendar;
            /// One meeting.
            meeting(IdArgs) -> MeetingView = $crate::meetings::meeting;
            /// Adds my contribution to a meeting or its draft resolution.
            add_contribution(AddContributionArgs) -> MeetingView = $crate::meetings::add_contribution;
            /// Sends my absence reason.
            send_absence(AbsenceArgs) -> MeetingView = $crate::meetings::send_absence;
            /// Withdraws my absence reason.
            cancel_absence(IdArgs) -> MeetingView = $crate::meetings::cancel_absence;
            /// My unit's resolutions.
            resolutions(NoArgs) -> Vec<ResolutionView> = $crate::meetings::resolutions;
            /// My tasks.
            my_tasks(TasksArgs) -> Vec<TaskCard> = $crate::tasks::my_tasks;
            /// Reports progress on a task.
            task_progress(TaskProgressArgs) -> TaskCard = $crate::tasks::task_progress;
            /// Marks a task done.
            task_done(IdArgs) -> TaskCard = $crate::tasks::task_done;
            /// The documents library, searched without regard to diacritics.
            documents(DocumentsArgs) -> Vec<DocumentCard> = $crate::library::documents;
            /// One document (opening it is noted for my cell's committee).
            document(IdArgs) -> DocumentView = $crate::library::document;
            /// Publishes a document of my committee to the units below, or corrects one.
            publish_document(PublishDocumentArgs) -> DocumentView = $crate::library::publish_document;
            /// Attaches a file to one of my committee's documents.
            attach_document_file(AttachDocumentFileArgs) -> DocumentView = $crate::library::attach_document_file;
            /// Takes a file off one of my committee's documents.
            detach_document_file(IdArgs) -> DocumentView = $crate::library::detach_document_file;
            /// Withdraws one of my committee's documents; answers with the library.
            withdraw_document(IdArgs) -> Vec<DocumentCard> = $crate::library::withdraw_document;
            /// The notices of my unit and of the committees above it, newest first.
            notices(NoArgs) -> NoticesView = $crate::notices::notices;
            /// One notice (reading it is noted for the committee that posted it).
            notice(IdArgs) -> NoticeView = $crate::notices::notice;
            /// Posts a notice of my committee to its unit and the units below, or corrects one.
            post_notice(PostNoticeArgs) -> NoticeView = $crate::notices::post_notice;
            /// Withdraws one of my committee's notices; answers with the notices.
            withdraw_notice(IdArgs) -> NoticesView = $crate::notices::withdraw_notice;
            /// The activity feed.
            activity(NoArgs) -> Vec<ActivityItem> = $crate::library::activity;
            /// Where sync stands.
            sync_status(NoArgs) -> SyncView = @app $crate::sync::sync_status;
            /// Syncs now.
            sync_now(NoArgs) -> SyncView = @app $crate::sync::sync_now;
            /// The conflict log.
            conflicts(NoArgs) -> Vec<ConflictView> = $crate::sync::conflicts;
            /// Closes a conflict, keeping one of the two values.
            resolve_conflict(ResolveConflictArgs) -> Vec<ConflictView> = $crate::sync::resolve_conflict;
            /// My changes the server did not accept, newest first.
            rejections(NoArgs) -> Vec<RejectionView> = $crate::sync::rejections;
            /// Marks the notice of a refused change as read.
            dismiss_rejection(RejectionArgs) -> Vec<RejectionView> = $crate::sync::dismiss_rejection;
            /// My unit's members, with what this device may do for each.
            roster(NoArgs) -> Vec<RosterEntry> = $crate::members::roster;
            /// Moves a member to another unit, keeping the transfer's history.
            transfer_member(TransferArgs) -> MemberRef = $crate::members::transfer_member;
            /// Asks the server for a one-time invite for a member's device.
            invite_member(IdArgs) -> InviteView = $crate::members::invite_member;
            /// A member's page: standing and probation, transfers, yearly ratings.
            member_record(IdArgs) -> MemberRecord = $crate::members::member_record;
            /// Admits a new member to my unit, probationary from the admission day.
            admit_member(AdmitArgs) -> MemberRecord = $crate::members::admit_member;
            /// Records the cell's vote making a probationary member official.
            recognise_official(OfficialArgs) -> MemberRecord = $crate::members::recognise_official;
            /// Records (or corrects) a member's rating for a year.
            rate_member(RateArgs) -> MemberRecord = $crate::members::rate_member;
            /// Schedules a meeting of my cell, its agenda from the prescribed template.
            schedule_meeting(ScheduleMeetingArgs) -> MeetingView = $crate::committee::schedule_meeting;
            /// Moves or renames a planned meeting.
            edit_meeting(EditMeetingArgs) -> MeetingView = $crate::committee::edit_meeting;
            /// Cancels a planned meeting.
            cancel_meeting(IdArgs) -> MeetingView = $crate::committee::cancel_meeting;
            /// Adds or changes an agenda item.
            save_agenda_item(AgendaItemArgs) -> MeetingView = $crate::committee::save_agenda_item;
            /// Moves an agenda item before another, or to a place.
            move_agenda_item(MoveAgendaItemArgs) -> MeetingView = $crate::committee::move_agenda_item;
            /// Takes an item off the agenda.
            remove_agenda_item(IdArgs) -> MeetingView = $crate::committee::remove_agenda_item;
            /// Writes the meeting's draft resolution.
            save_draft(DraftArgs) -> MeetingView = $crate::committee::save_draft;
            /// Opens the meeting: it is being held now.
            start_meeting(StartMeetingArgs) -> MeetingView = $crate::committee::start_meeting;
            /// Closes the meeting: the minutes say it ended now.
            end_meeting(IdArgs) -> MeetingView = $crate::committee::end_meeting;
            /// Enters a meeting held on paper, with its counts, tally and minutes.
            enter_held_meeting(HeldMeetingArgs) -> MeetingView = $crate::committee::enter_held_meeting;
            /// Records one member's answer to the roll call.
            roll_call(RollCallArgs) -> MeetingView = $crate::committee::roll_call;
            /// Records a speaker and their view.
            record_speech(SpeechArgs) -> MeetingView = $crate::committee::record_speech;
            /// Takes back a speech recorded by mistake.
            remove_speech(IdArgs) -> MeetingView = $crate::committee::remove_speech;
            /// The chair, minute-taker, guests, conclusion, minutes and rating.
            record_meeting(MeetingRecordArgs) -> MeetingView = $crate::committee::record_meeting;
            /// Adopts a resolution with its show-of-hands tally.
            adopt_resolution(AdoptArgs) -> MeetingView = $crate::committee::adopt_resolution;
            /// Gives a task to members of the cell.
            assign_task(AssignTaskArgs) -> MeetingView = $crate::committee::assign_task;
            /// The monitoring figures of every cell below the device member's committee.
            unit_report(ReportArgs) -> UnitReport = $crate::reports::unit_report;
            /// One cell's year: its figures, its months and each meeting (the dashboard's drill-down).
            cell_year(CellYearArgs) -> CellYear = $crate::reports::cell_year;
            /// What the rule checks found in the cells below: months missed, documents late,
            /// probations ending, tasks overdue.
            rule_checks(ChecksArgs) -> Vec<CellChecks> = $crate::reports::rule_checks;
            /// Sets (or clears) my committee's targets for the cells below; answers with the report.
            set_targets(TargetsArgs) -> UnitReport = $crate::reports::set_targets;
            /// Sets (or clears) the day a unit started keeping its record in Sotay.
            set_unit_since(UnitSinceArgs) -> UnitView = $crate::reports::set_unit_since;
            /// Sets (or clears) my committee's plan of admissions for a year; answers with the
            /// report.
            plan_admissions(AdmissionPlanArgs) -> UnitReport = $crate::reports::plan_admissions;
            /// Writes those figures as an Excel workbook or CSV into the exports folder.
            export_report(ReportFileArgs) -> ExportView = $crate::reports::export_report;
            /// Attaches a file to the meeting's papers (sent to members' devices at the next sync).
            attach_file(AttachFileArgs) -> MeetingView = $crate::committee::attach_file;
            /// Takes a file off the meeting's papers.
            remove_attachment(IdArgs) -> MeetingView = $crate::committee::remove_attachment;
            /// Writes an attached file into the exports folder and says where.
            export_attachment(IdArgs) -> ExportView = $crate::committee::export_attachment;
            /// Records a member's answer to the meeting's invitation for them (no device of theirs).
            reply_for(ReplyForArgs) -> MeetingView = $crate::committee::reply_for;
            /// Writes down a member's idea on the draft for them (no device of theirs).
            idea_for(IdeaForArgs) -> MeetingView = $crate::committee::idea_for;
            /// Sends the meeting's agenda and documents to members (the view says if it was late).
            publish_meeting(IdArgs) -> MeetingView = $crate::committee::publish_meeting;
            /// The minutes drafted from what was recorded, to edit before saving.
            draft_minutes(IdArgs) -> MinutesDraft = $crate::committee::draft_minutes;
            /// Adopts the minutes: the meeting's record is locked.
            adopt_minutes(IdArgs) -> MeetingView = $crate::committee::adopt_minutes;
            /// Records the review of an earlier task: done or not, and why.
            review_task(ReviewTaskArgs) -> MeetingView = $crate::committee::review_task;
            /// Writes the minutes as a PDF for the minutes book and says where.
            export_minutes(IdArgs) -> ExportView = $crate::committee::export_minutes;
            /// Schedules the monthly meeting as a series of the coming year's meetings.
            schedule_series(ScheduleSeriesArgs) -> MeetingView = $crate::committee::schedule_series;
            /// Changes a series from a day on.
            edit_series(EditSeriesArgs) -> MeetingView = $crate::committee::edit_series;
            /// Keeps one of two monthly series: the others end, their meetings ahead cancelled.
            keep_series(IdArgs) -> MeetingView = $crate::committee::keep_series;
            /// Writes my digest since a day (what the cell decided, my tasks, documents to read)
            /// as a one-page PDF into the exports folder.
            export_digest(DigestArgs) -> ExportView = $crate::exports::export_digest;
            /// Writes my cell's meetings as an iCalendar file for a phone's calendar.
            export_calendar(NoArgs) -> ExportView = $crate::exports::export_calendar;
            /// My calendar subscription's address, if I made one on this device.
            calendar_feed(NoArgs) -> CalendarFeedView = $crate::exports::calendar_feed;
            /// A new calendar subscription from the server (the old address stops working).
            renew_calendar_feed(NoArgs) -> CalendarFeedView = $crate::exports::renew_calendar_feed;
            /// Revokes my calendar subscription.
            revoke_calendar_feed(NoArgs) -> CalendarFeedView = $crate::exports::revoke_calendar_feed;
        }
    };
}

macro_rules! dispatch_table {
    ($( $(#[doc = $doc:literal])* $name:ident($args:ty) -> $out:ty = $(@$via:ident)? $op:path; )*) => {
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
                    serde_json::to_value(out).map_err(|e| AppError::new(ErrorKind::Internal, e.to_string()))
                })*
                _ => Err(AppError::new(ErrorKind::UnknownCommand, format!("there is no command {name:?}"))),
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

macro_rules! app_methods {
    ($( $(#[doc = $doc:literal])* $name:ident($args:ty) -> $out:ty = $(@$via:ident)? $op:path; )*) => {
        impl App {
            $(
                $(#[doc = $doc])*
                pub fn $name(self: &Arc<Self>, args: $args) -> Result<$out, AppError> {
                    app_methods!(@call self, args, $op $(, $via)?)
                }
            )*
        }
    };
    (@call $app:ident, $args:ident, $op:path) => { $app.run($args, $op) };
    (@call $app:ident, $args:ident, $op:path, app) => { $op($app, $args) };
    (@call $app:ident, $args:ident, $op:path, open) => { $app.run_open($args, $op) };
}

for_each_command!(app_methods);
