//! `rapport history KIND ID`, `rapport undo` and the `restore` of archived records.

use super::Format;
use super::ctx::{Ctx, parse_id};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::store::history::{self, HistoryEntry, shown};
use crate::workflow::{self, Record};

/// Prints every change to one record, oldest first (the first `limit` of them); CSV and
/// TSV have a row per changed field.
pub fn show(ctx: &mut Ctx, kind: &str, id: &str, limit: Option<usize>) -> Result<()> {
    let table = history::table_of(kind)?;
    let id = parse_id(kind, id)?;
    let entries = history::of_record(ctx.store.conn(), table, id)?;
    if entries.is_empty() {
        return Err(Error::not_found(kind_name(kind), id));
    }
    let (entries, more) = super::listing::take(entries, limit);
    match ctx.out.format {
        Format::Json | Format::Jsonl => return ctx.out.list_rows(&entries, more, &[], |_| vec![]),
        Format::Csv | Format::Tsv => {
            let mut rows = Vec::new();
            for e in &entries {
                let at = e.at.map(|t| t.to_rfc3339()).unwrap_or_default();
                let head = [
                    at,
                    e.action.clone(),
                    e.source.clone(),
                    e.part.clone().unwrap_or_default(),
                ];
                if e.fields.is_empty() {
                    rows.push([&head[..], &[String::new(), String::new(), String::new()]].concat());
                }
                for f in &e.fields {
                    rows.push(
                        [
                            &head[..],
                            &[f.field.clone(), shown(&f.before), shown(&f.after)],
                        ]
                        .concat(),
                    );
                }
            }
            return ctx.out.cells(
                &["at", "action", "source", "part", "field", "before", "after"],
                &rows,
                more,
            );
        }
        Format::Table => {}
    }
    for e in &entries {
        ctx.out.line(&headline(ctx, e))?;
        for f in &e.fields {
            ctx.out.line(&format!(
                "    {}: {} → {}",
                f.field,
                shown(&f.before),
                shown(&f.after)
            ))?;
        }
    }
    if more > 0 {
        ctx.out.line(&trf(
            "… {more} more (raise --limit or leave it out to see them)",
            &[("more", &more)],
        ))?;
    }
    Ok(())
}

fn kind_name(kind: &str) -> &'static str {
    match kind {
        "issue" => "issue",
        "update" => "update",
        "expect" | "expectation" => "expectation",
        "log" => "log entry",
        "project" => "project",
        "contact" => "contact",
        "risk" => "risk",
        "milestone" => "milestone",
        "review" => "review",
        "meeting" => "meeting",
        "action" => "action",
        _ => "client",
    }
}

fn headline(ctx: &Ctx, e: &HistoryEntry) -> String {
    let at =
        e.at.map(|t| super::ctx::show_time(ctx, t))
            .unwrap_or_else(|| "-".into());
    match &e.part {
        Some(part) => format!("{at}  {:<8} {:<5} {part}", e.action, e.source),
        None => format!("{at}  {:<8} {}", e.action, e.source),
    }
}

/// Reverts the newest change in the file that is not undone yet.
pub fn undo(ctx: &mut Ctx) -> Result<()> {
    let Some(undone) = ctx.store.undo_last()? else {
        return Err(Error::Conflict(tr("there is nothing to undo").into()));
    };
    if ctx.out.json {
        return ctx.out.json(&undone);
    }
    let at = undone
        .at
        .map(|t| super::ctx::show_time(ctx, t))
        .unwrap_or_default();
    ctx.out.line(&trf(
        "undone: the change of {at} ({source}) to {records}",
        &[
            ("at", &at),
            ("source", &undone.source),
            ("records", &undone.records.join(", ")),
        ],
    ))
}

/// Brings an archived record back into the lists.
pub fn restore(ctx: &mut Ctx, record: Record) -> Result<()> {
    workflow::undo::restore(&mut ctx.store, record)?;
    if ctx.out.json {
        ctx.out
            .json(&serde_json::json!({ "restored": record.to_string() }))
    } else {
        ctx.out.line(&trf(
            "{record} restored",
            &[("record", &super::ctx::record_shown(record))],
        ))
    }
}
