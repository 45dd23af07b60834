//! The conflicts sync recorded and the changes the server refused: listed, closed (keeping what
//! sync kept or putting the other value back, through the ordinary write path) and dismissed.

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::read;
use crate::views::{ConflictView, Keep, NoArgs, RejectionArgs, RejectionView, ResolveConflictArgs};
use sotay_core::ErrorKind;
use sotay_core::entity::ForRecord;
use sotay_core::model::{Conflict, ConflictStatus};
use sotay_core::{EntityKind, Record};
use sotay_store::Writer;
use uuid::Uuid;

/// The conflicts sync recorded, open ones first.
pub fn conflicts(cx: &mut Cx, _: NoArgs) -> Result<Vec<ConflictView>> {
    let mut all = read::conflicts(cx.store(), false, 200)?;
    all.sort_by_key(|c| c.status != ConflictStatus::Open);
    Ok(all)
}

/// Closes a conflict: keeps what sync kept, or puts the other value back.
pub fn resolve_conflict(cx: &mut Cx, args: ResolveConflictArgs) -> Result<Vec<ConflictView>> {
    {
        let store = cx.store_mut();
        let conflict: Conflict = store.require(args.id)?;
        if conflict.status != ConflictStatus::Open {
            return Err(AppError::new(
                ErrorKind::AlreadyResolved,
                "this conflict is already resolved",
            ));
        }
        let view = read::conflict_view(store, conflict.clone())?;
        if args.keep == Keep::Lost && !view.can_restore {
            return Err(AppError::new(
                ErrorKind::CannotRestore,
                "that value cannot be put back (the record is gone or the write was refused)",
            ));
        }
        let value = if args.keep == Keep::Lost {
            Some(
                serde_json::from_str::<serde_json::Value>(&conflict.lost).map_err(|e| {
                    AppError::new(
                        ErrorKind::CannotRestore,
                        format!("the stored value is unreadable: {e}"),
                    )
                })?,
            )
        } else {
            None
        };
        store.write(|w| {
            // `can_restore` held: the kind is one whose lost values go back.
            if let Some(value) = value
                && let Ok(kind) = conflict.entity.parse::<EntityKind>()
            {
                kind.for_record(Restore {
                    w,
                    id: conflict.record_id,
                    field: &conflict.field,
                    value,
                })?;
            }
            w.modify::<Conflict>(conflict.id, |c| c.status = ConflictStatus::Resolved)?;
            Ok(())
        })?;
    }
    conflicts(cx, NoArgs {})
}

/// My changes the server did not accept and I have not dismissed, newest first.
pub fn rejections(cx: &mut Cx, _: NoArgs) -> Result<Vec<RejectionView>> {
    Ok(read::rejections(cx.store(), false, 200)?)
}

/// Marks the notice of a refused change as read; returns those still to read.
pub fn dismiss_rejection(cx: &mut Cx, args: RejectionArgs) -> Result<Vec<RejectionView>> {
    cx.write_local(|w| w.dismiss_rejection(args.mutation_id))?;
    rejections(cx, NoArgs {})
}

/// Puts a value sync did not keep back into its record, through the ordinary write path (so the
/// restoration syncs like any edit).
struct Restore<'r, 'w> {
    w: &'r mut Writer<'w>,
    id: Uuid,
    field: &'r str,
    value: serde_json::Value,
}

impl ForRecord for Restore<'_, '_> {
    type Output = sotay_store::Result<()>;
    fn run<R: Record>(self) -> Self::Output {
        let Restore {
            w,
            id,
            field,
            value,
        } = self;
        let current: R = w
            .get(id)?
            .ok_or(sotay_store::StoreError::NotFound { kind: R::KIND, id })?;
        let mut json = serde_json::to_value(&current).map_err(|e| bad_value(field, &e))?;
        json[field] = value;
        let restored: R = serde_json::from_value(json).map_err(|e| bad_value(field, &e))?;
        w.modify::<R>(id, |r| *r = restored)?;
        Ok(())
    }
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
