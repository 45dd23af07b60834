//! `sotay admin …`: which function answers each of the server's administration commands (run
//! where the server's data is).

use super::args::{AdminCommand, Cli};
use super::error::CliError;
use super::ops::{parse_id, parse_opt_id};
use super::output::Out;
use super::server;

pub fn dispatch(cli: &Cli, command: &AdminCommand, out: &mut Out) -> Result<(), CliError> {
    match command {
        AdminCommand::Unit { command } => super::console::unit(command, cli.now.as_ref(), out),
        AdminCommand::Member { command } => super::console::member(command, cli.now.as_ref(), out),
        AdminCommand::ImportRoster {
            db,
            file,
            unit,
            dry_run,
            skip_rows,
            json,
        } => super::console::import_roster(
            &server::db(db, cli.now.as_ref())?,
            file,
            &sotay_sync_protocol::RosterQuery {
                unit: parse_opt_id(unit.as_ref())?,
                dry_run: *dry_run,
                skip_rows: skip_rows.clone(),
            },
            *json,
            out,
        ),
        AdminCommand::Invite { db, member } => server::invite(
            &server::db(db, cli.now.as_ref())?,
            sotay_server::Grant::Member(parse_id(member)?),
            out,
        ),
        AdminCommand::Audit {
            db,
            limit,
            security: true,
            json,
            ..
        } => super::admin::security(&server::db(db, cli.now.as_ref())?, *limit, *json, out),
        AdminCommand::Audit {
            db,
            unit,
            member,
            since,
            until,
            limit,
            security: false,
            json,
        } => super::admin::audit(
            &server::db(db, cli.now.as_ref())?,
            &super::admin::AuditFilter {
                unit: unit.as_ref(),
                member: member.as_ref(),
                since: since.as_deref(),
                until: until.as_deref(),
                limit: *limit,
            },
            *json,
            out,
        ),
        AdminCommand::Devices { db, member, json } => super::devices::admin_devices(
            &server::db(db, cli.now.as_ref())?,
            member.as_ref(),
            *json,
            out,
        ),
        AdminCommand::Revoke { db, device, json } => {
            super::devices::admin_revoke(&server::db(db, cli.now.as_ref())?, device, *json, out)
        }
        AdminCommand::Verify { db, unit, json } => super::seals::verify(
            &server::db(db, cli.now.as_ref())?,
            unit.as_ref(),
            *json,
            out,
        ),
        AdminCommand::Backup { db, to, json } => {
            super::backup::backup(&server::db(db, cli.now.as_ref())?, to, *json, out)
        }
        AdminCommand::Restore { db, from, json } => {
            super::backup::restore(&server::db(db, cli.now.as_ref())?, from, *json, out)
        }
        AdminCommand::Restored { db } => {
            super::backup::restored(&server::db(db, cli.now.as_ref())?, out)
        }
    }
}
