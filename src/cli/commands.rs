//! Which function answers each command: `dispatch` only routes, each command is one small
//! function (listing commands in `lists.rs`, one record in `show.rs`, the server's in
//! `server.rs`).

use super::args::{AgendaCmd, Cli, Command, DemoSize, TaskAction};
use super::error::CliError;
use super::ops::{Result, parse_id, parse_opt_id};
use super::output::Out;
use super::{
    after, committee, lists, member_cmds, members, notices, papers, publishing, report, series,
    server, show,
};
use sotay_store::{Opener, Store};
use std::time::Instant;

/// The store this invocation works on: `--store` (or `SOTAY_STORE`), else the user's default;
/// on `--now`'s clock if one is given, so that every command's "today" and its writes' stamps
/// follow it.
fn opener(cli: &Cli) -> Result<Opener> {
    let opener = cli
        .store
        .clone()
        .or_else(sotay_app::paths::default_store)
        .map(Opener::at)
        .ok_or(CliError::NoDataDir)?;
    let opener = sotay_app::store_key::command_line(opener)?;
    Ok(match &cli.now {
        Some(clock) => opener.with_wall_clock(clock.wall()),
        None => opener,
    })
}

/// Opens an existing store: reading commands never create one at a mistyped path. A locked or
/// signed-out device opens for nothing but `sotay sync`, `status`, `check` and signing in again
/// ([`open_any`]).
fn open_existing(cli: &Cli) -> Result<Store> {
    let mut store = open_any(cli)?;
    sotay_sync_client::observe_clock(&mut store)?;
    sotay_app::Session::of(&store)?.refuse_if_locked()?;
    Ok(store)
}

/// Opens an existing store, locked or not.
fn open_any(cli: &Cli) -> Result<Store> {
    let opener = opener(cli)?;
    opener
        .open_existing()?
        .ok_or_else(|| CliError::NoStore(opener.path().to_owned()))
}

pub fn dispatch(cli: &Cli, out: &mut Out) -> Result {
    match &cli.command {
        Command::Demo {
            size,
            years,
            seed,
            training,
        } => demo(&opener(cli)?, *size, *years, *seed, *training, out),
        Command::UiBridge { ui, listen } => {
            super::bridge::run(opener(cli)?, cli.now.as_ref(), ui, listen, out)
        }
        Command::Serve {
            db,
            listen,
            offline_days,
            tls,
        } => server::serve(
            &server::db(db, cli.now.as_ref())?,
            listen,
            *offline_days,
            tls,
            out,
        ),
        Command::Invite {
            db,
            member,
            unit,
            admin,
        } => server::invite(
            &server::db(db, cli.now.as_ref())?,
            server::grant(member.as_deref(), unit.as_deref(), *admin)?,
            out,
        ),
        Command::Transfer {
            member,
            to,
            on,
            reason,
        } => super::admin::transfer(
            &mut open_existing(cli)?,
            member,
            to,
            on,
            reason.as_deref(),
            out,
        ),
        Command::Admin { command } => super::admin_cmds::dispatch(cli, command, out),
        Command::Connect { server, invite } => server::connect(&opener(cli)?, server, invite, out),
        Command::SignIn { server, login } => {
            server::sign_in(&opener(cli)?, server, login, &server::read_secret()?, out)
        }
        Command::Password => {
            server::set_password(&open_existing(cli)?, &server::read_secret()?, out)
        }
        Command::Devices {
            member,
            sign_out,
            json,
        } => super::devices::devices(
            &open_existing(cli)?,
            member.as_ref(),
            sign_out.as_ref(),
            *json,
            out,
        ),
        Command::Sync { watch: true, json } => {
            drop(open_any(cli)?);
            server::watch(&opener(cli)?, *json, out)
        }
        Command::Sync { watch: false, json } => server::sync(&mut open_any(cli)?, *json, out),
        Command::CalendarFeed { revoke } => {
            server::calendar_feed(&open_existing(cli)?, *revoke, out)
        }
        Command::Units { json } => lists::units(&open_existing(cli)?, *json, out),
        Command::Members { unit, limit, json } => {
            lists::members(&open_existing(cli)?, unit.as_ref(), *limit, *json, out)
        }
        Command::Meetings {
            upcoming,
            unit,
            kind,
            from,
            to,
            limit,
            json,
        } => {
            let when = lists::When::of(*upcoming, from.as_deref(), to.as_deref())?;
            let store = open_existing(cli)?;
            lists::meetings(&store, unit.as_ref(), *kind, when, *limit, *json, out)
        }
        Command::Meeting {
            action: Some(action),
            ..
        } => committee::meeting(&mut open_existing(cli)?, action, out),
        Command::Meeting {
            action: None,
            id,
            json,
        } => {
            let id = id.as_deref().unwrap_or_default();
            show::meeting(&open_existing(cli)?, parse_id(id)?, *json, out)
        }
        Command::Agenda(AgendaCmd {
            meeting,
            add,
            item,
            title,
            body,
            before,
            position,
            remove,
            json,
        }) => {
            let edit = committee::AgendaEdit {
                meeting,
                add: add.as_ref(),
                item: item.as_ref(),
                title: title.as_ref(),
                body: body.as_ref(),
                before: before.as_ref(),
                position: *position,
                remove: *remove,
            };
            committee::agenda(&mut open_existing(cli)?, &edit, *json, out)
        }
        Command::Draft {
            meeting,
            resolution,
            title,
            text,
            json,
        } => committee::draft(
            &mut open_existing(cli)?,
            meeting,
            resolution.as_ref(),
            title,
            text,
            *json,
            out,
        ),
        Command::Attend {
            meeting,
            member,
            status,
            reason,
            json,
        } => committee::attend(
            &mut open_existing(cli)?,
            meeting,
            member,
            *status,
            reason.as_ref(),
            *json,
            out,
        ),
        Command::Speak {
            meeting,
            member,
            view,
            json,
        } => committee::speak(&mut open_existing(cli)?, meeting, member, view, *json, out),
        Command::Adopt {
            resolution,
            votes_for,
            votes_against,
            votes_abstain,
            json,
        } => committee::adopt(
            &mut open_existing(cli)?,
            resolution,
            [*votes_for, *votes_against, *votes_abstain],
            *json,
            out,
        ),
        Command::Minutes {
            meeting,
            chair,
            minute_taker,
            guests,
            conclusion,
            text,
            rating,
            draft,
            adopt,
            json,
        } => {
            let mut store = open_existing(cli)?;
            if *draft {
                return after::draft(&mut store, meeting, out);
            }
            let edit = committee::RecordEdit {
                meeting,
                chair: chair.as_ref(),
                minute_taker: minute_taker.as_ref(),
                guests: guests.as_ref(),
                conclusion: conclusion.as_ref(),
                text: text.as_ref(),
                rating: *rating,
            };
            if *adopt {
                if edit.changes_something() {
                    committee::save_record(&mut store, &edit)?;
                }
                return after::adopt(&mut store, meeting, *json, out);
            }
            committee::minutes(&mut store, &edit, *json, out)
        }
        Command::Report(options) => report::report(&mut open_existing(cli)?, options, out),
        Command::Digest {
            since,
            large,
            member,
            output,
        } => {
            let mut store = open_existing(cli)?;
            let member = parse_opt_id(member.as_ref())?;
            let cx = sotay_app::Cx::at_store_clock(&mut store)?;
            cx.session().refuse_if_locked()?;
            let (pdf, name) =
                sotay_app::exports::digest::member_digest(&cx, member, since, cx.now(), *large)
                    .map_err(|e| {
                        super::error::no_member_or(
                            e,
                            CliError::NoMember {
                                what: "member",
                                flag: "--member MEMBER_ID",
                                list: "sotay members --unit UNIT_ID",
                            },
                        )
                    })?;
            let path = output.clone().unwrap_or_else(|| name.into());
            std::fs::write(&path, &pdf)?;
            out.line(format!("Wrote {} ({} bytes)", path.display(), pdf.len()))?;
            Ok(out.finish()?)
        }
        Command::Targets(options) => report::targets(&mut open_existing(cli)?, options, out),
        Command::Unit { action } => report::unit(&mut open_existing(cli)?, action, out),
        Command::Member { action } => members::member(&mut open_existing(cli)?, action, out),
        Command::Admissions(options) => members::admissions(&mut open_existing(cli)?, options, out),
        Command::Absence(cmd) => member_cmds::absence(&mut open_existing(cli)?, cmd, out),
        Command::Rsvp(cmd) => member_cmds::rsvp(&mut open_existing(cli)?, cmd, out),
        Command::Idea(cmd) => member_cmds::idea(&mut open_existing(cli)?, cmd, out),
        Command::Progress(cmd) => member_cmds::progress(&mut open_existing(cli)?, cmd, out),
        Command::Checks { unit, json } => {
            report::checks(&mut open_existing(cli)?, unit.as_ref(), *json, out)
        }
        Command::Attach {
            meeting,
            files,
            json,
        } => papers::attach(&mut open_existing(cli)?, meeting, files, *json, out),
        Command::Detach { attachment, json } => {
            papers::detach(&mut open_existing(cli)?, attachment, *json, out)
        }
        Command::PublishDocument(options) => {
            publishing::publish(&mut open_existing(cli)?, options, out)
        }
        Command::WithdrawDocument { id } => publishing::withdraw(&mut open_existing(cli)?, id, out),
        Command::Notice { action } => notices::notice(&mut open_existing(cli)?, action, out),
        Command::Publish { meeting, json } => {
            after::publish(&mut open_existing(cli)?, meeting, *json, out)
        }
        Command::Export { what } => after::export(&open_existing(cli)?, what, out),
        Command::Series { action } => series::series(&mut open_existing(cli)?, action, out),
        Command::Task {
            action: TaskAction::Assign(cmd),
        } => committee::task(&mut open_existing(cli)?, cmd, out),
        Command::Task {
            action: TaskAction::Review(cmd),
        } => after::review(&mut open_existing(cli)?, cmd, out),
        Command::Documents { unit, limit, json } => {
            lists::documents(&open_existing(cli)?, unit.as_ref(), *limit, *json, out)
        }
        Command::Document { id, json } => {
            publishing::open(&mut open_existing(cli)?, id, *json, out)
        }
        Command::Resolutions {
            unit,
            drafts,
            limit,
            json,
        } => lists::resolutions(
            &open_existing(cli)?,
            unit.as_ref(),
            *drafts,
            *limit,
            *json,
            out,
        ),
        Command::Tasks {
            unit,
            member,
            open,
            limit,
            json,
        } => {
            let query = sotay_store::queries::TaskQuery {
                unit_id: parse_opt_id(unit.as_ref())?,
                member_id: parse_opt_id(member.as_ref())?,
                open_only: *open,
                limit: *limit,
            };
            lists::tasks(&open_existing(cli)?, &query, *json, out)
        }
        Command::Activity { limit, json } => {
            lists::activity(&open_existing(cli)?, *limit, *json, out)
        }
        Command::Search { query, limit, json } => {
            lists::search(&open_existing(cli)?, query, *limit, *json, out)
        }
        Command::Conflicts { all, limit, json } => {
            lists::conflicts(&open_existing(cli)?, !all, *limit, *json, out)
        }
        Command::Rejections { all, limit, json } => {
            lists::rejections(&open_existing(cli)?, *all, *limit, *json, out)
        }
        Command::Status { json } => show::status(&open_any(cli)?, *json, out),
        Command::Check { quick } => show::check(&open_any(cli)?, *quick, out),
    }
}

fn demo(
    opener: &Opener,
    size: DemoSize,
    years: Option<u32>,
    seed: u64,
    training: bool,
    out: &mut Out,
) -> Result {
    let mut store = opener.open()?;
    let size = match size {
        DemoSize::Cell => sotay_demo::Size::Cell,
        DemoSize::Commune => sotay_demo::Size::Commune,
        DemoSize::District => sotay_demo::Size::District,
    };
    let options = sotay_demo::Options {
        size,
        years: years.unwrap_or(size.default_years()),
        seed,
        // The store's clock: `--now`'s when given.
        now: store.now(),
        mark_demo: !training,
    };
    let started = Instant::now();
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {bar:40} {pos}/{len} cells  {elapsed} (about {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let summary = sotay_demo::generate(&mut store, &options, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    out.line(format!(
        "Demo data in {}: {} units ({} cells), {} members, {} meetings, {} tasks, {} documents, {} ratings and admission plans, in {:.1} s.",
        opener.path().display(),
        summary.units,
        summary.cells,
        summary.members,
        summary.meetings,
        summary.tasks,
        summary.documents,
        summary.records,
        started.elapsed().as_secs_f64()
    ))?;
    Ok(out.finish()?)
}
