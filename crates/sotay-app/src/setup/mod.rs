//! First run (demo or connect), who uses this device, and their settings.

use crate::app::{App, keys};
use crate::error::{AppError, Result};
use crate::views::{
    AppEvent, AppStatus, ChooseMemberArgs, ConnectArgs, MemberRef, Mode, NoArgs, Settings,
};
use sotay_core::model::{Member, OrgUnit, Role, UnitLevel};
use sotay_demo::{Options, Size};
use sotay_store::Store;
use sotay_store::queries::TaskQuery;
use std::sync::Arc;

/// The demo's history: ten years of one cell (a few seconds to make).
const DEMO_YEARS: u32 = 10;

pub(crate) fn member_ref(store: &Store, m: Member) -> Result<MemberRef> {
    let unit: OrgUnit = store.require(m.unit_id)?;
    Ok(MemberRef {
        id: m.id,
        full_name: m.full_name,
        role: m.role,
        unit_id: m.unit_id,
        unit_name: unit.name,
    })
}

/// Every member in the store with their unit, cells first.
pub(crate) fn member_refs(store: &Store) -> Result<Vec<MemberRef>> {
    let units = store.units()?;

    let mut out = Vec::new();
    for level in [
        UnitLevel::Cell,
        UnitLevel::Grassroots,
        UnitLevel::District,
        UnitLevel::Province,
    ] {
        for unit in units.iter().filter(|u| u.level == level) {
            for m in store.members(Some(unit.id), 1_000)? {
                out.push(MemberRef {
                    id: m.id,
                    full_name: m.full_name,
                    role: m.role,
                    unit_id: unit.id,
                    unit_name: unit.name.clone(),
                });
            }
        }
    }
    Ok(out)
}

impl App {
    /// The member using this device: the one the server bound it to, or on a demo, training or
    /// unbound device the one chosen on it.
    pub(crate) fn me_of(store: &Store) -> Result<Option<Member>> {
        let id = match sotay_sync_client::bound_member(store)? {
            Some(bound) => bound,
            None => {
                let Some(id) = store.local(keys::ME)? else {
                    return Ok(None);
                };
                let Ok(id) = uuid::Uuid::parse_str(&id) else {
                    return Ok(None);
                };
                id
            }
        };
        // A member deleted by the committee is nobody any more.
        Ok(store.get(id)?)
    }

    pub(crate) fn require_me(store: &Store) -> Result<Member> {
        if Self::mode_of(store)? == Mode::Fresh {
            return Err(AppError::not_set_up());
        }
        Self::me_of(store)?.ok_or_else(AppError::no_member)
    }

    fn status_of(store: &Store) -> Result<AppStatus> {
        let member = Self::me_of(store)?;
        let runs_meetings = match &member {
            Some(m) => crate::committee::runs_unit(store, m.unit_id)?,
            None => false,
        };
        let me = match member {
            Some(m) => Some(member_ref(store, m)?),
            None => None,
        };
        Ok(AppStatus {
            mode: Self::mode_of(store)?,
            bound: sotay_sync_client::bound_member(store)?.is_some(),
            runs_roster: crate::members::roster::runs_roster(store)?,
            runs_meetings,
            monitors_cells: crate::reports::monitors_cells(store)?,
            me,
            settings: Self::settings_of(store)?,
        })
    }

    /// How the app is set up, who uses it, and their settings.
    pub fn app_status(&self, _: NoArgs) -> Result<AppStatus> {
        Self::status_of(&*self.store()?)
    }

    /// Fills an empty store with a demo cell and makes its most-tasked member "me".
    pub fn start_demo(&self, _: NoArgs) -> Result<AppStatus> {
        let mut store = self.store()?;
        if Self::mode_of(&store)? != Mode::Fresh {
            return Err(AppError::new(
                "already_set_up",
                "this device already holds data; the demo needs an empty store",
            ));
        }
        let options = Options {
            size: Size::Cell,
            years: DEMO_YEARS,
            seed: 2026,
            now: self.now(),
            mark_demo: true,
        };
        sotay_demo::generate(&mut store, &options, |_, _| {})
            .map_err(|e| AppError::new("demo", e.to_string()))?;
        let me = demo_member(&store)?;
        store.write(|w| w.set_local(keys::ME, &me.to_string()))?;
        Self::status_of(&store)
    }

    /// Registers this device with a server using an invite, then fetches what it may see.
    pub fn connect(self: &Arc<Self>, args: ConnectArgs) -> Result<AppStatus> {
        let server = args.server.trim();
        if !(server.starts_with("http://") || server.starts_with("https://")) {
            return Err(AppError::new(
                "bad_server_url",
                format!("{server:?} is not a server address (it starts with http:// or https://)"),
            ));
        }
        let invite = args.invite.trim();
        if invite.is_empty() {
            return Err(AppError::new("bad_invite", "the invite code is empty"));
        }
        let status = {
            let mut store = self.store()?;
            match Self::mode_of(&store)? {
                Mode::Fresh => {}
                Mode::Connected => {
                    return Err(AppError::new(
                        "already_set_up",
                        "this device is already connected to a server",
                    ));
                }
                Mode::Demo | Mode::Local => {
                    return Err(AppError::new(
                        "already_set_up",
                        "this device holds data made without a server; connect with a new store",
                    ));
                }
            }
            sotay_sync_client::connect(&mut store, server, invite)?;
            // The first round here, so the member can choose who they are from the unit's list;
            // if the link drops now, the background sync finishes it later.
            if let Err(e) = sotay_sync_client::sync_once(&mut store) {
                tracing::warn!(error = %e, "first sync after connecting failed; retrying in the background");
            }
            Self::status_of(&store)?
        };
        self.start_sync();
        self.emit(AppEvent::DataChanged);
        Ok(status)
    }

    /// The members this device knows, to choose "who am I" from: cells first, then committees.
    pub fn members(&self, _: NoArgs) -> Result<Vec<MemberRef>> {
        member_refs(&*self.store()?)
    }

    /// Says who uses this device: on a demo or training store, or a device the server did not
    /// bind to a member. A bound device's member is the server's to say.
    pub fn choose_member(&self, args: ChooseMemberArgs) -> Result<AppStatus> {
        let mut store = self.store()?;
        if sotay_sync_client::bound_member(&store)?.is_some() {
            return Err(AppError::new(
                "member_bound",
                "this device belongs to the member its invite was made for",
            ));
        }
        let member: Member = store.require(args.member_id)?;
        store.write(|w| w.set_local(keys::ME, &member.id.to_string()))?;
        Self::status_of(&store)
    }

    /// Saves the member's settings on this device.
    pub fn save_settings(&self, settings: Settings) -> Result<AppStatus> {
        let mut store = self.store()?;
        let json = serde_json::to_string(&settings)
            .map_err(|e| AppError::new("internal", e.to_string()))?;
        store.write(|w| w.set_local(keys::SETTINGS, &json))?;
        Self::status_of(&store)
    }
}

/// The demo's "me": an ordinary member with open tasks, so every screen has something to show.
fn demo_member(store: &Store) -> Result<uuid::Uuid> {
    let cell = store
        .units()?
        .into_iter()
        .find(|u| u.level == UnitLevel::Cell)
        .ok_or_else(|| AppError::new("demo", "the demo made no cell"))?;
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
        .ok_or_else(|| AppError::new("demo", "the demo cell has no members"))?;
    Ok(best.id)
}
