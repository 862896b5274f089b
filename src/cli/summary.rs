//! `rapport today --summary`: Today in one line for a shell prompt or cron
//! ("3 overdue · 2 not told · 1 promise late"), and an exit status that says whether
//! something is late. It only reads: the file is opened read-only and the rules run on a
//! private copy in memory, so what they would queue is counted without being written and a
//! prompt never takes the write lock. A file over [`DRY_RUN_BYTES`] is not copied: its
//! queue is counted as last written.

use super::ctx::Ctx;
use crate::error::Result;
use crate::i18n::{Lang, tr, trn, with_lang};
use crate::model::when;
use crate::workflow::rules;
use crate::workflow::today::{self, Agenda, Section};

/// The largest file whose rules are worked out on a copy in memory (the large demo is 57 MB;
/// the huge one, 530 MB, is read as last written).
const DRY_RUN_BYTES: i64 = 128 * 1024 * 1024;

/// The sections the line counts; the others (waiting on the client, health) need nothing
/// from the PM.
const PARTS: [Section; 9] = [
    Section::OverdueUpdates,
    Section::DueToday,
    Section::ClientUnaware,
    Section::FollowUpOverdue,
    Section::ChaseClient,
    Section::Expectations,
    Section::RiskReviews,
    Section::UnansweredFeedback,
    Section::QuietClients,
];

/// "3 overdue", "1 promise late": a section's count in words, in the interface's language.
fn part(section: Section, n: i64) -> String {
    match section {
        Section::OverdueUpdates => trn(n, "{n} overdue", "{n} overdue"),
        Section::DueToday => trn(n, "{n} due today", "{n} due today"),
        Section::ClientUnaware => trn(n, "{n} not told", "{n} not told"),
        Section::FollowUpOverdue => trn(n, "{n} promise late", "{n} promises late"),
        Section::ChaseClient => trn(n, "{n} to chase", "{n} to chase"),
        Section::Expectations => trn(n, "{n} expectation at risk", "{n} expectations at risk"),
        Section::RiskReviews => trn(n, "{n} risk review due", "{n} risk reviews due"),
        Section::UnansweredFeedback => trn(n, "{n} feedback unanswered", "{n} feedback unanswered"),
        Section::QuietClients => trn(n, "{n} quiet client", "{n} quiet clients"),
        // Not counted on the line (PARTS).
        other => format!("{n} {}", other.title()),
    }
}

/// Prints the line (`--json`: the counts and the line) and returns whether something is
/// late: an update overdue or a promised follow-up missed.
pub fn print(ctx: &Ctx) -> Result<bool> {
    let size: i64 = ctx.store.conn().query_row(
        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        [],
        |r| r.get(0),
    )?;
    // The rules run on a copy in memory; a file too big to copy for every prompt is read as
    // last written (anything that writes, `today` included, has applied the rules to it).
    let copy = if size <= DRY_RUN_BYTES {
        let policy = ctx.policy()?;
        let mut copy = ctx.store.copy_in_memory()?;
        rules::apply_all(&mut copy, ctx.now, &policy)?;
        Some(copy)
    } else {
        None
    };
    let agenda = today::agenda_with_chase(
        copy.as_ref().unwrap_or(&ctx.store),
        ctx.now,
        when::Zone::Local,
        ctx.cfg.waiting.chase_after_hours,
    )?;
    if ctx.out.json {
        // The same in every interface language: scripts read it.
        let (line, late) = with_lang(Lang::En, || summarise(&agenda));
        let mut counts = serde_json::Map::new();
        for section in PARTS {
            counts.insert(section_key(section), agenda.total(section).into());
        }
        ctx.out.json(&serde_json::json!({
            "summary": line,
            "late": late,
            "counts": counts,
            "rules_counted": copy.is_some(),
        }))?;
        Ok(late)
    } else {
        let (line, late) = summarise(&agenda);
        ctx.out.line(&line)?;
        Ok(late)
    }
}

/// The line and whether something is late.
pub fn summarise(agenda: &Agenda) -> (String, bool) {
    let parts: Vec<String> = PARTS
        .iter()
        .filter_map(|section| {
            let n = agenda.total(*section) as i64;
            (n > 0).then(|| part(*section, n))
        })
        .collect();
    let late = agenda.total(Section::OverdueUpdates) + agenda.total(Section::FollowUpOverdue) > 0;
    let line = if parts.is_empty() {
        tr("nothing owed to a client").to_string()
    } else {
        parts.join(" · ")
    };
    (line, late)
}

/// A section's name in JSON ("overdue-updates"), as the agenda's JSON spells it.
pub fn section_key(section: Section) -> String {
    serde_json::to_value(section)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
