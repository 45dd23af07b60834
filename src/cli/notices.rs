//! `sotay notice`: a committee's notices from the command line, through the app's operations.

use super::args::NoticeAction;
use super::ops::{Result, parse_id, parse_opt_id, run};
use super::output::Out;
use super::publishing::read_text;
use sotay_app::notices::{self, NoticeCard, NoticeView, PostNoticeArgs};
use sotay_app::views::{IdArgs, NoArgs};
use sotay_core::time::{format_date, format_local};
use sotay_store::Store;

pub fn notice(store: &mut Store, action: &NoticeAction, out: &mut Out) -> Result {
    match action {
        NoticeAction::List { json } => {
            let view = run(store, notices::notices, NoArgs {})?;
            if *json {
                return Ok(out.json(&view)?);
            }
            if view.notices.is_empty() {
                out.line("No notices.")?;
            }
            for n in &view.notices {
                card_line(n, out)?;
            }
            Ok(())
        }
        NoticeAction::Show { id, json } => {
            let view = run(store, notices::notice, IdArgs { id: parse_id(id)? })?;
            show(&view, *json, out)
        }
        NoticeAction::Post {
            id,
            title,
            body,
            body_file,
            urgent,
            reply_by,
            meeting,
            json,
        } => {
            let body = match (body, body_file) {
                (_, Some(path)) => read_text(path)?,
                (Some(text), None) => text.clone(),
                (None, None) => String::new(),
            };
            let args = PostNoticeArgs {
                id: parse_opt_id(id.as_ref())?,
                title: title.clone(),
                body,
                urgent: *urgent,
                reply_by: reply_by.clone(),
                meeting_id: parse_opt_id(meeting.as_ref())?,
            };
            let correcting = args.id.is_some();
            let view = run(store, notices::post_notice, args)?;
            if *json {
                return Ok(out.json(&view)?);
            }
            let verb = if correcting { "Corrected" } else { "Posted" };
            out.line(format!("{verb} notice {}.", view.card.id))?;
            Ok(())
        }
        NoticeAction::Withdraw { id, json } => {
            let view = run(
                store,
                notices::withdraw_notice,
                IdArgs { id: parse_id(id)? },
            )?;
            if *json {
                return Ok(out.json(&view)?);
            }
            out.line(format!("Withdrew notice {id}."))?;
            Ok(())
        }
    }
}

fn card_line(n: &NoticeCard, out: &mut Out) -> Result {
    let urgent = if n.urgent { "URGENT " } else { "" };
    let unread = if n.read_at.is_none() { "* " } else { "  " };
    out.line(format!(
        "{unread}{urgent}{} · {} · {} [{}]",
        n.title,
        n.unit_name,
        format_local(n.posted_at),
        n.id
    ))?;
    Ok(())
}

fn show(view: &NoticeView, json: bool, out: &mut Out) -> Result {
    if json {
        return Ok(out.json(view)?);
    }
    let card = &view.card;
    let urgent = if card.urgent { " (urgent)" } else { "" };
    out.line(format!("{}{urgent}", card.title))?;
    let by = card
        .author_name
        .as_deref()
        .map(|a| format!(" · {a}"))
        .unwrap_or_default();
    out.line(format!(
        "{}{by} · {}",
        card.unit_name,
        format_local(card.posted_at)
    ))?;
    if let Some(topic) = &card.meeting_topic {
        out.line(format!("About the meeting: {topic}"))?;
    }
    if let Some(day) = card.reply_by {
        out.line(format!("Answer by {}", format_date(day)))?;
    }
    out.line("")?;
    out.line(&view.body)?;
    for unit in view.reads.iter().flatten() {
        out.line("")?;
        out.line(format!(
            "{}: read by {} of {}",
            unit.unit_name, unit.read, unit.members
        ))?;
        for r in &unit.readers {
            match r.opened_at {
                Some(at) => out.line(format!("  {} · {}", r.full_name, format_local(at)))?,
                None => out.line(format!("  {} · not yet", r.full_name))?,
            }
        }
    }
    Ok(())
}
