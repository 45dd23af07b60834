//! The background sync, its status, and the conflicts it recorded.

use crate::app::App;
use crate::error::{AppError, Result};
use crate::read;
use crate::views::{
    AppEvent, ConflictView, Keep, Mode, NoArgs, RejectionArgs, RejectionView, ResolveConflictArgs,
    SyncState, SyncView,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sotay_core::Record;
use sotay_core::model::{
    AgendaItem, Attendance, Conflict, ConflictStatus, Contribution, Document, Meeting, Resolution,
    Task, TaskProgress,
};
use sotay_store::Writer;
use sotay_sync_client::{Activity, Signal, Status};
use std::sync::Arc;
use uuid::Uuid;

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn view_of(activity: &Activity, status: &Status) -> SyncView {
    let mut view = SyncView {
        state: SyncState::UpToDate,
        server: status.server.clone(),
        pending_changes: count(status.pending_changes),
        last_sync: status.last_sync.clone(),
        open_conflicts: status.open_conflicts,
        rejected_changes: status.rejected_changes,
        error: None,
        retry_in_ms: None,
        pushed: 0,
        pulled: 0,
    };
    match activity {
        Activity::Syncing { pushed, pulled } => {
            view.state = SyncState::Syncing;
            view.pushed = count(*pushed as u64);
            view.pulled = count(*pulled as u64);
        }
        Activity::UpToDate => {}
        Activity::Offline { error, retry_in_ms } => {
            view.state = SyncState::Offline;
            view.error = Some(error.clone());
            view.retry_in_ms = Some(count(*retry_in_ms));
        }
    }
    view
}

/// Puts a value sync did not keep back into its record, through the ordinary write path (so the
/// restoration syncs like any edit).
fn restore<R: Record + Serialize + DeserializeOwned>(
    w: &mut Writer<'_>,
    id: Uuid,
    field: &str,
    value: serde_json::Value,
) -> sotay_store::Result<()> {
    let current: R = w
        .get(id)?
        .ok_or(sotay_store::StoreError::NotFound { kind: R::KIND, id })?;
    let mut json = serde_json::to_value(&current).map_err(|e| bad_value(field, &e))?;
    json[field] = value;
    let restored: R = serde_json::from_value(json).map_err(|e| bad_value(field, &e))?;
    w.modify::<R>(id, |r| *r = restored)?;
    Ok(())
}

fn bad_value(field: &str, e: &serde_json::Error) -> sotay_store::StoreError {
    tracing::warn!(field, error = %e, "a conflict's value no longer fits its record");
    sotay_store::StoreError::Invalid(sotay_core::ValidationError {
        field: "lost",
        problem: sotay_core::Invalid::Inconsistent {
            reason: "the value sync did not keep no longer fits the record",
        },
    })
}

impl App {
    /// Starts the background sync (once), reporting to the UI through the app's events.
    pub(crate) fn start_sync(self: &Arc<Self>) {
        let mut runtime = self.sync.lock().unwrap_or_else(|p| p.into_inner());
        if runtime.signals.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        runtime.signals = Some(tx);
        drop(runtime);
        // The loop holds a weak handle: closing the app ends it.
        let app = Arc::downgrade(self);
        let opener = self.opener.clone();
        let spawned = std::thread::Builder::new()
            .name("sotay-sync".into())
            .spawn(move || {
                let mut pulled_this_round = 0usize;
                let outcome = sotay_sync_client::run(opener, &rx, |activity, status| {
                    let Some(app) = app.upgrade() else { return };
                    let view = view_of(activity, status);
                    match activity {
                        Activity::Syncing { pulled, .. } => pulled_this_round = *pulled,
                        Activity::UpToDate if pulled_this_round > 0 => {
                            pulled_this_round = 0;
                            app.emit(AppEvent::DataChanged);
                        }
                        _ => {}
                    }
                    app.set_last_sync(view);
                });
                if let Err(e) = outcome
                    && let Some(app) = app.upgrade()
                {
                    tracing::warn!(error = %e, "background sync stopped");
                    let mut view = app
                        .sync_status(NoArgs {})
                        .unwrap_or_else(|_| stopped_view());
                    view.state = SyncState::Stopped;
                    view.error = Some(e.to_string());
                    app.sync.lock().unwrap_or_else(|p| p.into_inner()).signals = None;
                    app.set_last_sync(view);
                }
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start the background sync");
            self.sync.lock().unwrap_or_else(|p| p.into_inner()).signals = None;
        }
    }

    fn set_last_sync(&self, view: SyncView) {
        self.sync.lock().unwrap_or_else(|p| p.into_inner()).last = Some(view.clone());
        self.emit(AppEvent::Sync { status: view });
    }

    /// Where sync stands: online or not, changes waiting, the last sync, open conflicts.
    pub fn sync_status(&self, _: NoArgs) -> Result<SyncView> {
        let store = self.store()?;
        let status = sotay_sync_client::status(&store)?;
        let mode = Self::mode_of(&store)?;
        drop(store);
        let last = self
            .sync
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .last
            .clone();
        let mut view = match &last {
            Some(v) => v.clone(),
            None => view_of(&Activity::UpToDate, &status),
        };
        // The store's own counts are fresher than the loop's last report.
        view.pending_changes = count(status.pending_changes);
        view.open_conflicts = status.open_conflicts;
        view.rejected_changes = status.rejected_changes;
        view.last_sync = status.last_sync;
        view.server = status.server;
        view.state = match mode {
            Mode::Demo => SyncState::Demo,
            Mode::Fresh | Mode::Local => SyncState::NotConnected,
            Mode::Connected if last.is_none() => SyncState::Starting,
            Mode::Connected => view.state,
        };
        Ok(view)
    }

    /// Asks the background sync to run a round now (for example after the link came back).
    pub fn sync_now(&self, _: NoArgs) -> Result<SyncView> {
        if self.mode()? != Mode::Connected {
            return Err(AppError::from(sotay_sync_client::SyncError::NotConnected));
        }
        let runtime = self.sync.lock().unwrap_or_else(|p| p.into_inner());
        match &runtime.signals {
            Some(tx) => {
                let _ = tx.send(Signal::SyncNow);
            }
            None => {
                return Err(AppError::new(
                    "sync_stopped",
                    "sync stopped; see the error on the Sync screen",
                ));
            }
        }
        drop(runtime);
        self.sync_status(NoArgs {})
    }

    /// The conflicts sync recorded, open ones first.
    pub fn conflicts(&self, _: NoArgs) -> Result<Vec<ConflictView>> {
        let store = self.store()?;
        let mut all = read::conflicts(&store, false, 200)?;
        all.sort_by_key(|c| c.status != ConflictStatus::Open);
        Ok(all)
    }

    /// Closes a conflict: keeps what sync kept, or puts the other value back.
    pub fn resolve_conflict(&self, args: ResolveConflictArgs) -> Result<Vec<ConflictView>> {
        {
            let mut store = self.store()?;
            let conflict: Conflict = store.require(args.id)?;
            if conflict.status != ConflictStatus::Open {
                return Err(AppError::new(
                    "already_resolved",
                    "this conflict is already resolved",
                ));
            }
            let view = read::conflict_view(&store, conflict.clone())?;
            if args.keep == Keep::Lost && !view.can_restore {
                return Err(AppError::new(
                    "cannot_restore",
                    "that value cannot be put back (the record is gone or the write was refused)",
                ));
            }
            let value = if args.keep == Keep::Lost {
                Some(
                    serde_json::from_str::<serde_json::Value>(&conflict.lost).map_err(|e| {
                        AppError::new(
                            "cannot_restore",
                            format!("the stored value is unreadable: {e}"),
                        )
                    })?,
                )
            } else {
                None
            };
            store.write(|w| {
                if let Some(value) = value {
                    let (id, field) = (conflict.record_id, conflict.field.as_str());
                    match conflict.entity.as_str() {
                        "meeting" => restore::<Meeting>(w, id, field, value)?,
                        "agenda_item" => restore::<AgendaItem>(w, id, field, value)?,
                        "document" => restore::<Document>(w, id, field, value)?,
                        "resolution" => restore::<Resolution>(w, id, field, value)?,
                        "contribution" => restore::<Contribution>(w, id, field, value)?,
                        "attendance" => restore::<Attendance>(w, id, field, value)?,
                        "task" => restore::<Task>(w, id, field, value)?,
                        "task_progress" => restore::<TaskProgress>(w, id, field, value)?,
                        _ => {}
                    }
                }
                w.modify::<Conflict>(conflict.id, |c| c.status = ConflictStatus::Resolved)?;
                Ok(())
            })?;
        }
        self.local_change();
        self.conflicts(NoArgs {})
    }
}

impl App {
    /// My changes the server did not accept and I have not dismissed, newest first.
    pub fn rejections(&self, _: NoArgs) -> Result<Vec<RejectionView>> {
        let store = self.store()?;
        Ok(read::rejections(&store, false, 200)?)
    }

    /// Marks the notice of a refused change as read; returns those still to read.
    pub fn dismiss_rejection(&self, args: RejectionArgs) -> Result<Vec<RejectionView>> {
        self.store()?
            .write(|w| w.dismiss_rejection(args.mutation_id))?;
        self.rejections(NoArgs {})
    }
}

fn stopped_view() -> SyncView {
    SyncView {
        state: SyncState::Stopped,
        server: None,
        pending_changes: 0,
        last_sync: None,
        open_conflicts: 0,
        rejected_changes: 0,
        error: None,
        retry_in_ms: None,
        pushed: 0,
        pulled: 0,
    }
}
