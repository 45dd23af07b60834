//! First run (demo, connect with an invite, or sign in: `account.rs`), who uses this device,
//! and their settings.

mod account;
mod devices;

pub use account::{set_password, sign_in};
pub use devices::{devices, revoke_device};

use crate::app::App;
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::keys;
use crate::read::{member_ref, member_refs};
use crate::views::{
    AppEvent, AppStatus, ChooseMemberArgs, ConnectArgs, MemberRef, Mode, NoArgs, Settings,
};
use sotay_core::ErrorKind;
use sotay_core::model::{Member, Role, UnitLevel};
use sotay_demo::{Options, Size};
use sotay_store::Store;
use sotay_store::queries::TaskQuery;
use std::sync::Arc;

/// The demo's history: ten years of one cell (a few seconds to make).
const DEMO_YEARS: u32 = 10;

/// What the window shows of the device: its mode, who uses it and what they may do.
fn status(cx: &Cx) -> Result<AppStatus> {
    let (store, session, _) = cx.parts();
    let me = session.me();
    Ok(AppStatus {
        mode: session.mode(),
        bound: session.bound(),
        runs_roster: session.runs_roster(),
        runs_meetings: me.is_some_and(|m| session.runs_unit(m.unit_id)),
        monitors_cells: session.monitors_cells(),
        administers: session.mode() == Mode::Connected
            && session.principal().role == sotay_core::access::Role::Administrator,
        me: me.map(|m| member_ref(store, m.clone())).transpose()?,
        settings: App::settings_of(store)?,
        server: sotay_sync_client::server(store)?,
        locked: sotay_sync_client::locked(store)?.map(|r| match r {
            sotay_sync_client::LockReason::Offline => "offline".to_owned(),
            sotay_sync_client::LockReason::Expired => "expired".to_owned(),
        }),
        erased: store.erased()?.map(devices::erased_view),
    })
}

/// How the app is set up, who uses it, and their settings.
pub fn app_status(cx: &mut Cx, _: NoArgs) -> Result<AppStatus> {
    status(cx)
}

/// Fills an empty store with a demo cell and makes its most-tasked member "me".
pub fn start_demo(cx: &mut Cx, _: NoArgs) -> Result<AppStatus> {
    if cx.session().mode() != Mode::Fresh {
        return Err(AppError::new(
            ErrorKind::AlreadySetUp,
            "this device already holds data; the demo needs an empty store",
        ));
    }
    let options = Options {
        size: Size::Cell,
        years: DEMO_YEARS,
        seed: 2026,
        now: cx.now(),
        mark_demo: true,
    };
    let store = cx.store_mut();
    sotay_demo::generate(store, &options, |_, _| {})
        .map_err(|e| AppError::new(ErrorKind::Demo, e.to_string()))?;
    let me = demo_member(store)?;
    store.write(|w| w.set_local(keys::ME, &me.to_string()))?;
    cx.refresh_session()?;
    status(cx)
}

/// Registers this device with a server using an invite, then fetches what it may see and starts
/// the background sync.
pub fn connect(app: &Arc<App>, args: ConnectArgs) -> Result<AppStatus> {
    let invite = args.invite.trim();
    if invite.is_empty() {
        return Err(AppError::new(
            ErrorKind::BadInvite,
            "the invite code is empty",
        ));
    }
    join(app, &args.server, |store, server| {
        Ok(sotay_sync_client::connect(store, server, invite)?)
    })
}

/// Checks that this device may join a server — it is fresh, was signed out and erased, or is
/// locked and joins its own server again (as its own member: the server checks) — joins it with
/// `how` (an invite, or a member's password), fetches what it may see and starts the background
/// sync.
pub(crate) fn join(
    app: &Arc<App>,
    server: &str,
    how: impl FnOnce(&mut Store, &str) -> Result<()>,
) -> Result<AppStatus> {
    let server = server.trim();
    if !(server.starts_with("http://") || server.starts_with("https://")) {
        return Err(AppError::new(
            ErrorKind::BadServerUrl,
            format!("{server:?} is not a server address (it starts with http:// or https://)"),
        ));
    }
    let status = {
        let mut store = app.store()?;
        let mut cx = Cx::new(&mut store, app.now())?;
        match cx.session().mode() {
            Mode::Fresh | Mode::Revoked => {}
            Mode::Locked => {
                let own = sotay_sync_client::server(cx.store())?;
                if own.as_deref().map(|s| s.trim_end_matches('/'))
                    != Some(server.trim_end_matches('/'))
                {
                    return Err(AppError::new(
                        ErrorKind::AlreadySetUp,
                        format!(
                            "this device belongs to {}; sign in to it again",
                            own.unwrap_or_default()
                        ),
                    ));
                }
            }
            Mode::Connected => {
                return Err(AppError::new(
                    ErrorKind::AlreadySetUp,
                    "this device is already connected to a server",
                ));
            }
            Mode::Demo | Mode::Local => {
                return Err(AppError::new(
                    ErrorKind::AlreadySetUp,
                    "this device holds data made without a server; connect with a new store",
                ));
            }
        }
        let store = cx.store_mut();
        how(store, server)?;
        // The first round here, so the member can choose who they are from the unit's list;
        // if the link drops now, the background sync finishes it later.
        if let Err(e) = sotay_sync_client::sync_once(store) {
            tracing::warn!(error = %e, "first sync after connecting failed; retrying in the background");
        }
        cx.refresh_session()?;
        status(&cx)?
    };
    app.start_sync();
    app.emit(AppEvent::DataChanged);
    Ok(status)
}

/// The members this device knows, to choose "who am I" from: cells first, then committees.
pub fn members(cx: &mut Cx, _: NoArgs) -> Result<Vec<MemberRef>> {
    Ok(member_refs(cx.store())?)
}

/// Says who uses this device: on a demo or training store, or a device the server did not
/// bind to a member. A bound device's member is the server's to say.
pub fn choose_member(cx: &mut Cx, args: ChooseMemberArgs) -> Result<AppStatus> {
    if cx.session().bound() {
        return Err(AppError::new(
            ErrorKind::MemberBound,
            "this device belongs to the member its invite was made for",
        ));
    }
    let member: Member = cx.store().require(args.member_id)?;
    cx.write_local(|w| w.set_local(keys::ME, &member.id.to_string()))?;
    cx.refresh_session()?;
    status(cx)
}

/// Saves the member's settings on this device.
pub fn save_settings(cx: &mut Cx, settings: Settings) -> Result<AppStatus> {
    let json = serde_json::to_string(&settings)
        .map_err(|e| AppError::new(ErrorKind::Internal, e.to_string()))?;
    cx.write_local(|w| w.set_local(keys::SETTINGS, &json))?;
    status(cx)
}

/// The demo's "me": an ordinary member with open tasks, so every screen has something to show.
fn demo_member(store: &Store) -> Result<uuid::Uuid> {
    let cell = store
        .units()?
        .into_iter()
        .find(|u| u.level == UnitLevel::Cell)
        .ok_or_else(|| AppError::new(ErrorKind::Demo, "the demo made no cell"))?;
    let members = store.members(Some(cell.id), 1_000)?;
    let open = store.tasks(&TaskQuery {
        unit_id: Some(cell.id),
        member_id: None,
        open_only: true,
        limit: 1_000,
    })?;
    let ordinary = members.iter().filter(|m| m.role == Role::Member);
    let best = ordinary
        .max_by_key(|m| {
            open.iter()
                .filter(|t| t.assignees.iter().any(|a| a.member_id == m.id))
                .count()
        })
        .or(members.first())
        .ok_or_else(|| AppError::new(ErrorKind::Demo, "the demo cell has no members"))?;
    Ok(best.id)
}
