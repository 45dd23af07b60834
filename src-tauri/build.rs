// Declares the app's commands to Tauri, so each gets an `allow-<command>` permission and the
// window's capability (capabilities/main.json) must list every one it may call. The list must
// equal `sotay_app::commands::COMMANDS`; a test checks it (a build dependency on sotay-app would
// compile SQLite a second time for the build script).
const COMMANDS: &[&str] = &[
    "app_status",
    "start_demo",
    "connect",
    "members",
    "choose_member",
    "save_settings",
    "home",
    "mark_seen",
    "calendar",
    "meeting",
    "add_contribution",
    "send_absence",
    "cancel_absence",
    "resolutions",
    "my_tasks",
    "task_progress",
    "task_done",
    "documents",
    "document",
    "publish_document",
    "attach_document_file",
    "detach_document_file",
    "withdraw_document",
    "activity",
    "sync_status",
    "sync_now",
    "conflicts",
    "resolve_conflict",
    "rejections",
    "dismiss_rejection",
    "roster",
    "transfer_member",
    "invite_member",
    "schedule_meeting",
    "edit_meeting",
    "cancel_meeting",
    "save_agenda_item",
    "remove_agenda_item",
    "save_draft",
    "start_meeting",
    "roll_call",
    "record_speech",
    "remove_speech",
    "record_meeting",
    "adopt_resolution",
    "assign_task",
    "unit_report",
    "cell_year",
    "rule_checks",
    "set_targets",
    "export_report",
    "attach_file",
    "remove_attachment",
    "export_attachment",
    "publish_meeting",
    "draft_minutes",
    "adopt_minutes",
    "review_task",
    "export_minutes",
    "schedule_series",
    "edit_series",
    "export_digest",
    "export_calendar",
    "calendar_feed",
    "renew_calendar_feed",
    "revoke_calendar_feed",
];

fn main() {
    println!(
        "cargo:rustc-env=SOTAY_DESKTOP_COMMANDS={}",
        COMMANDS.join(",")
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
