//! Shows the reminders sotay-app says are due (meeting tomorrow, within the hour, task due) as
//! system notifications, checking once a minute. What is due and what the member switched off is
//! decided in sotay-app; here is only the showing.

use sotay_app::App;
use std::sync::Weak;
use std::time::Duration;
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

const EVERY: Duration = Duration::from_secs(60);

pub fn spawn<R: Runtime>(handle: AppHandle<R>, app: Weak<App>) {
    let spawned = std::thread::Builder::new()
        .name("sotay-reminders".into())
        .spawn(move || {
            let (_keep, wait) = std::sync::mpsc::channel::<()>();
            loop {
                let Some(app) = app.upgrade() else { return };
                match app.due_reminders() {
                    Ok(due) => {
                        for r in due {
                            let shown = handle
                                .notification()
                                .builder()
                                .title(&r.title)
                                .body(&r.body)
                                .show();
                            if let Err(e) = shown {
                                tracing::warn!(error = %e, key = r.key, "cannot show a reminder");
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "cannot work out reminders"),
                }
                drop(app);
                // A timed wait that needs no sleep: nothing is ever sent on this channel.
                let _ = wait.recv_timeout(EVERY);
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start reminders");
    }
}
