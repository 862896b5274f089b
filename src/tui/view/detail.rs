//! The detail popup: every field of one record, its linked records, options and history.

use crate::i18n::{tr, trf};
use crate::tui::words::word;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::panes::label_line;
use super::widgets::centered;
use crate::model::text::{multi_line, one_line};
use crate::store::history::shown;
use crate::tui::app::{App, Detail, DetailData, Shown};
use crate::tui::theme;
use crate::workflow::Record;
use crate::workflow::client_time::show_in;

pub fn draw(frame: &mut Frame, app: &App, d: &Detail) {
    let area = frame.area();
    let popup = centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    );
    super::widgets::clear_popup(frame, popup);
    let lines = match &d.data {
        Some(data) => lines(app, data),
        None => vec![Line::raw(tr("loading…"))],
    };
    let keys = hint(d.record);
    let block = Block::bordered()
        .title(format!(" {} ", crate::tui::words::record(d.record)))
        .title_bottom(keys)
        .border_style(theme::block(true));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((d.scroll, 0)),
        popup,
    );
}

fn push_text(out: &mut Vec<Line<'static>>, label: &str, value: &str) {
    if value.trim().is_empty() {
        return;
    }
    let clean = multi_line(value);
    let mut first = true;
    for l in clean.lines() {
        out.push(label_line(
            if first { label } else { "" },
            l.to_string(),
            Style::new(),
        ));
        first = false;
    }
}

fn plain(out: &mut Vec<Line<'static>>, label: &str, value: String) {
    if !value.is_empty() {
        out.push(label_line(
            label,
            one_line(&value).into_owned(),
            Style::new(),
        ));
    }
}

fn lines(app: &App, data: &DetailData) -> Vec<Line<'static>> {
    let mut out = record_lines(app, data);
    history(&mut out, app, data);
    out
}

/// The record's changes, oldest first: when, what and from where, then each field's change.
fn history(out: &mut Vec<Line<'static>>, app: &App, data: &DetailData) {
    if data.history.is_empty() {
        return;
    }
    out.push(Line::raw(""));
    out.push(Line::styled(tr("History"), theme::section()));
    if data.earlier > 0 {
        let (kind, id) = match data.shown {
            Shown::Issue(ref i, ..) => ("issue", i.id),
            Shown::Update(ref u) => ("update", u.id),
            Shown::Expectation(ref e) => ("expect", e.id),
            Shown::Log(ref l) => ("log", l.id),
            Shown::Milestone(ref m) => ("milestone", m.id),
            Shown::Risk(ref r) => ("risk", r.id),
            Shown::Review(ref r) => ("review", r.id),
            Shown::PlanEntry(ref e) => ("plan", e.id),
            Shown::Meeting(ref m, ..) => ("meeting", m.id),
            Shown::Action(ref a) => ("action", a.id),
        };
        out.push(Line::styled(
            trf(
                "  ({n} earlier: rapport history {kind} {id})",
                &[("n", &data.earlier), ("kind", &kind), ("id", &id)],
            ),
            theme::dim(),
        ));
    }
    for e in &data.history {
        let at = e.at.map(|t| app.show_time(t)).unwrap_or_else(|| "-".into());
        let part = e
            .part
            .as_deref()
            .map(|p| format!("  {}", one_line(p)))
            .unwrap_or_default();
        out.push(Line::raw(format!(
            "  {at}  {} {}{part}",
            crate::model::text::fit(word(&e.action), 8),
            one_line(&e.source)
        )));
        for f in &e.fields {
            out.push(Line::styled(
                format!(
                    "      {}: {} → {}",
                    f.field,
                    value(app, &f.before),
                    value(app, &f.after)
                ),
                theme::dim(),
            ));
        }
    }
}

/// " (client: 2026-11-18 17:00 CST)" when the record's client reads another wall clock.
fn client_time(app: &App, data: &DetailData, t: chrono::DateTime<chrono::Utc>) -> String {
    match data.client_zone {
        Some(z) if t.with_timezone(&z).naive_local() != app.zone.local(t).naive_local() => {
            format!(" (client: {})", show_in(z, t, &app.date_format))
        }
        _ => String::new(),
    }
}

/// A stored value on one line; a stored time in the app's zone and format.
fn value(app: &App, v: &serde_json::Value) -> String {
    if let Some(t) = v
        .as_str()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
    {
        return app.show_time(t.with_timezone(&chrono::Utc));
    }
    one_line(&shown(v)).into_owned()
}

fn record_lines(app: &App, data: &DetailData) -> Vec<Line<'static>> {
    match &data.shown {
        Shown::Milestone(m) => return super::plan::milestone_lines(app, m),
        Shown::Risk(r) => return super::plan::risk_lines(app, r),
        Shown::Review(r) => return super::plan::review_lines(app, r),
        Shown::PlanEntry(e) => return super::plan_comms::entry_lines(e),
        Shown::Meeting(m, actions, decisions) => {
            return super::plan_meetings::meeting_lines(app, m, actions, decisions);
        }
        Shown::Action(a) => return super::plan_meetings::action_lines(app, a),
        _ => {}
    }
    let mut out = Vec::new();
    let time =
        |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| app.show_time(t)).unwrap_or_default();
    match &data.shown {
        Shown::Issue(i, updates, log) => {
            plain(&mut out, tr("title"), i.title.clone());
            plain(&mut out, tr("project"), i.project.clone());
            out.push(label_line(
                tr("severity"),
                word(i.severity.as_str()).to_string(),
                theme::severity(i.severity),
            ));
            plain(&mut out, tr("status"), word(i.status.as_str()).to_string());
            if let Some(w) = &data.wait {
                let until = w
                    .until
                    .map(|u| trf(" (until {when})", &[("when", &app.show_time(u))]))
                    .unwrap_or_default();
                plain(
                    &mut out,
                    tr("waiting"),
                    trf(
                        "on the client for {what} since {since}{until}",
                        &[
                            ("what", &w.waiting_for),
                            ("since", &app.show_time(w.since)),
                            ("until", &until),
                        ],
                    ),
                );
            }
            plain(&mut out, tr("detected"), app.show_time(i.detected_at));
            plain(&mut out, tr("owner"), i.owner.clone());
            plain(
                &mut out,
                tr("our fault"),
                if i.our_fault {
                    tr("yes, acknowledged").into()
                } else {
                    tr("no").into()
                },
            );
            match i.client_notified_at {
                Some(t) => plain(&mut out, tr("client told"), app.show_time(t)),
                None if i.status.is_open() => out.push(label_line(
                    tr("client told"),
                    tr("not yet").into(),
                    theme::overdue(),
                )),
                None => {}
            }
            let next_style = if i.follow_up_overdue(app.now) {
                theme::overdue()
            } else {
                Style::new()
            };
            if i.next_update_due.is_some() {
                let client = i
                    .next_update_due
                    .map(|t| client_time(app, data, t))
                    .unwrap_or_default();
                out.push(label_line(
                    tr("next update"),
                    time(i.next_update_due) + &client,
                    next_style,
                ));
            }
            plain(&mut out, tr("resolved"), time(i.resolved_at));
            push_text(&mut out, tr("description"), &i.description);
            push_text(&mut out, tr("cause"), &i.cause);
            push_text(&mut out, tr("impact"), &i.impact);
            push_text(&mut out, tr("resolution"), &i.resolution);
            push_text(&mut out, tr("lessons"), &i.lessons);
            push_text(&mut out, tr("prevention"), &i.prevention);
            if !i.options.is_empty() {
                out.push(Line::raw(""));
                out.push(Line::styled(tr("Solution options"), theme::section()));
                for o in &i.options {
                    let mut text = format!("{}. {}", o.number, one_line(&o.text));
                    if !o.time_needed.is_empty() {
                        text.push_str(&trf(
                            " — time: {time}",
                            &[("time", &one_line(&o.time_needed))],
                        ));
                    }
                    if !o.expected_effect.is_empty() {
                        text.push_str(&trf(
                            " — effect: {effect}",
                            &[("effect", &one_line(&o.expected_effect))],
                        ));
                    }
                    if o.chosen {
                        text.push_str(tr("  ✔ chosen by the client"));
                    }
                    out.push(Line::raw(format!("  {text}")));
                }
            }
            if !data.notes.is_empty() {
                out.push(Line::raw(""));
                out.push(Line::styled(tr("Notes for the client"), theme::section()));
                for n in &data.notes {
                    out.push(Line::raw(format!(
                        "  {}  {}",
                        app.show_time(n.at),
                        one_line(&n.text)
                    )));
                }
            }
            if !updates.is_empty() {
                out.push(Line::raw(""));
                out.push(Line::styled(tr("Client updates"), theme::section()));
                for u in updates {
                    let when = match u.sent_at {
                        Some(t) => trf("sent {when}", &[("when", &app.show_time(t))]),
                        None => trf(
                            "{state} due {when}",
                            &[
                                ("state", &crate::tui::words::word(u.state.as_str())),
                                ("when", &app.show_time(u.due_at)),
                            ],
                        ),
                    };
                    let style = if u.overdue(app.now) {
                        theme::overdue()
                    } else {
                        Style::new()
                    };
                    out.push(Line::styled(
                        format!(
                            "  #{} {} {when}  {}",
                            u.id,
                            crate::model::text::fit(word(u.kind.as_str()), 10),
                            one_line(&u.subject)
                        ),
                        style,
                    ));
                }
            }
            if !log.is_empty() {
                out.push(Line::raw(""));
                out.push(Line::styled(tr("Communication"), theme::section()));
                for l in log {
                    out.push(Line::raw(format!(
                        "  {} {} {} {:>2}  {}",
                        app.show_time(l.at),
                        crate::model::text::fit(word(l.direction.as_str()), 3),
                        crate::model::text::fit(word(l.kind.as_str()), 9),
                        crate::model::sentiment_symbol(l.sentiment),
                        one_line(&l.summary)
                    )));
                }
            }
        }
        Shown::Update(u) => {
            plain(&mut out, tr("subject"), u.subject.clone());
            plain(&mut out, tr("project"), u.project.clone());
            plain(
                &mut out,
                tr("issue"),
                u.issue_id.map(|i| format!("#{i}")).unwrap_or_default(),
            );
            plain(&mut out, tr("kind"), word(u.kind.as_str()).to_string());
            plain(&mut out, tr("channel"), u.channel.to_string());
            plain(&mut out, tr("to"), u.audience.clone());
            let due_style = if u.overdue(app.now) {
                theme::overdue()
            } else {
                Style::new()
            };
            let due = app.show_time(u.due_at) + &client_time(app, data, u.due_at);
            out.push(label_line(tr("due"), due, due_style));
            plain(&mut out, tr("state"), u.state.to_string());
            plain(&mut out, tr("sent"), time(u.sent_at));
            out.push(Line::raw(""));
            if u.body.trim().is_empty() {
                out.push(Line::styled("  (no body yet: e to write it)", theme::dim()));
            } else {
                for l in multi_line(&u.body).lines() {
                    out.push(Line::raw(format!("  {l}")));
                }
            }
        }
        Shown::Expectation(e) => {
            plain(&mut out, tr("statement"), e.statement.clone());
            plain(&mut out, tr("project"), e.project.clone());
            plain(&mut out, tr("category"), e.category.to_string());
            out.push(label_line(
                tr("status"),
                e.status.to_string(),
                theme::expectation(e.status),
            ));
            push_text(&mut out, tr("measure"), &e.measure);
            plain(
                &mut out,
                tr("agreed on"),
                e.agreed_on.map(|d| d.to_string()).unwrap_or_default(),
            );
            plain(&mut out, tr("agreed with"), e.agreed_with.clone());
            plain(
                &mut out,
                tr("due"),
                e.due_on.map(|d| d.to_string()).unwrap_or_default(),
            );
            plain(
                &mut out,
                tr("issues"),
                e.issue_ids
                    .iter()
                    .map(|i| format!("#{i}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            out.push(Line::raw(""));
            // The agreed revisions, with their reasons; the field-by-field history follows.
            out.push(Line::styled(tr("Revisions"), theme::section()));
            for r in &e.revisions {
                let change = match r.status_from {
                    Some(from) if from != r.status_to => format!("{from} → {}", r.status_to),
                    Some(_) => r.status_to.to_string(),
                    None => trf("recorded as {status}", &[("status", &r.status_to)]),
                };
                out.push(Line::raw(format!(
                    "  {}  {change}: {}",
                    app.show_time(r.at),
                    one_line(&r.reason)
                )));
                if let Some(from) = r.statement_from.as_ref().filter(|f| **f != r.statement_to) {
                    out.push(Line::styled(
                        format!("      was: {}", one_line(from)),
                        theme::dim(),
                    ));
                    out.push(Line::raw(format!(
                        "      now: {}",
                        one_line(&r.statement_to)
                    )));
                }
                if !r.other_changes.is_empty() {
                    out.push(Line::styled(
                        format!("      {}", one_line(&r.other_changes)),
                        theme::dim(),
                    ));
                }
            }
        }
        Shown::Log(l) => {
            push_text(&mut out, tr("summary"), &l.summary);
            plain(&mut out, tr("project"), l.project.clone());
            plain(&mut out, tr("when"), app.show_time(l.at));
            plain(&mut out, tr("direction"), l.direction.to_string());
            plain(&mut out, tr("channel"), l.channel.to_string());
            plain(&mut out, tr("kind"), word(l.kind.as_str()).to_string());
            out.push(label_line(
                tr("mood"),
                format!("{:+}", l.sentiment),
                theme::sentiment(l.sentiment),
            ));
            plain(
                &mut out,
                tr("issue"),
                l.issue_id.map(|i| format!("#{i}")).unwrap_or_default(),
            );
            plain(
                &mut out,
                tr("expectation"),
                l.expectation_id
                    .map(|i| format!("#{i}"))
                    .unwrap_or_default(),
            );
            plain(
                &mut out,
                tr("update"),
                l.update_id.map(|i| format!("#{i}")).unwrap_or_default(),
            );
        }
        Shown::Milestone(_)
        | Shown::Risk(_)
        | Shown::Review(_)
        | Shown::PlanEntry(_)
        | Shown::Meeting(..)
        | Shown::Action(_) => {}
    }
    out
}

/// The keys a record's detail view offers, on its bottom border (the footer and help name
/// each key the same way: a test holds them together).
pub fn hint(record: Record) -> &'static str {
    match record {
        Record::Risk(_) => {
            tr(" ↑/↓ scroll · e edit · p prepare a response · o it happened · Esc close ")
        }
        Record::Review(_) => tr(" ↑/↓ scroll · x archive · Esc close "),
        Record::Meeting(_) => tr(" ↑/↓ scroll · e edit · m minutes · Esc close "),
        Record::Action(_) => tr(" ↑/↓ scroll · d done · Esc close "),
        Record::Issue(_) => tr(" ↑/↓ scroll · e edit · O option · c chosen · n note · Esc close "),
        Record::Expectation(_) => tr(" ↑/↓ scroll · e edit · M settle · Esc close "),
        _ => tr(" ↑/↓ scroll · e edit · Esc close "),
    }
}
