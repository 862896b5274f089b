//! The model's own words (severities, statuses, channels...) as the TUI shows them: the stored
//! and CLI spellings stay English; in Chinese the TUI shows the catalogue's word.

use crate::i18n::{Lang, lang, tr};

/// `word` (a value's stored spelling) in the interface's language; unknown words as they are.
pub fn word(word: &str) -> &str {
    if lang() == Lang::En {
        return word;
    }
    match word {
        "critical" => tr("value: critical"),
        "high" => tr("value: high"),
        "medium" => tr("value: medium"),
        "low" => tr("value: low"),
        "new" => tr("value: new"),
        "investigating" => tr("value: investigating"),
        "solution-proposed" => tr("value: solution-proposed"),
        "in-progress" => tr("value: in-progress"),
        "resolved" => tr("value: resolved"),
        "closed" => tr("value: closed"),
        "open" => tr("value: open"),
        "waiting-client" => tr("value: waiting-client"),
        "draft" => tr("value: draft"),
        "ready" => tr("value: ready"),
        "sent" => tr("value: sent"),
        "skipped" => tr("value: skipped"),
        "status" => tr("value: status"),
        "notice" => tr("value: notice"),
        "resolution" => tr("value: resolution"),
        "report" => tr("value: report"),
        "progress" => tr("value: progress"),
        "meeting" => tr("value: meeting"),
        "other" => tr("value: other"),
        "review" => tr("value: review"),
        "closing" => tr("value: closing"),
        "email" => tr("value: email"),
        "phone" => tr("value: phone"),
        "chat" => tr("value: chat"),
        "in" => tr("value: in"),
        "out" => tr("value: out"),
        "complaint" => tr("value: complaint"),
        "request" => tr("value: request"),
        "praise" => tr("value: praise"),
        "feedback" => tr("value: feedback"),
        "note" => tr("value: note"),
        "decision" => tr("value: decision"),
        "agreed" => tr("value: agreed"),
        "at-risk" => tr("value: at-risk"),
        "met" => tr("value: met"),
        "missed" => tr("value: missed"),
        "changed" => tr("value: changed"),
        "withdrawn" => tr("value: withdrawn"),
        "proposed" => tr("value: proposed"),
        "scope" => tr("value: scope"),
        "schedule" => tr("value: schedule"),
        "quality" => tr("value: quality"),
        "budget" => tr("value: budget"),
        "communication" => tr("value: communication"),
        "commitment" => tr("value: commitment"),
        "acceptance" => tr("value: acceptance"),
        "watching" => tr("value: watching"),
        "occurred" => tr("value: occurred"),
        "planned" => tr("value: planned"),
        "done" => tr("value: done"),
        "active" => tr("value: active"),
        "on-hold" => tr("value: on-hold"),
        "slipped" => tr("value: slipped"),
        "risk" => tr("value: risk"),
        "minutes" => tr("value: minutes"),
        "overdue" => tr("value: overdue"),
        "today" => tr("value: today"),
        "red" => tr("value: red"),
        "amber" => tr("value: amber"),
        "green" => tr("value: green"),
        "weekly" => tr("value: weekly"),
        "created" => tr("value: created"),
        "edited" => tr("value: edited"),
        "archived" => tr("value: archived"),
        "restored" => tr("value: restored"),
        "undone" => tr("value: undone"),
        "biweekly" => tr("value: biweekly"),
        "monthly" => tr("value: monthly"),
        "quiet" => tr("value: quiet"),
        _ => word,
    }
}

pub use crate::model::text::{age, relative};

/// A key's one-word label whose English is also a value's word elsewhere ("open" the
/// action, not the status "open"; "sent" the action, not the time it was sent), so the
/// footer names a key as its detail views and help do ("note" is a progress note there).
pub fn key_word(word: &'static str) -> &'static str {
    if lang() == Lang::En {
        return word;
    }
    match word {
        "open" => tr("key: open"),
        "sent" => tr("key: sent"),
        "edit" => tr("key: edit"),
        "note" => tr("key: note"),
        _ => word,
    }
}

/// A record as messages name it: "issue 5", in Chinese "问题 5" (the English Display is the
/// CLI's and the history's spelling).
pub fn record(r: crate::workflow::Record) -> String {
    if lang() == Lang::En {
        return r.to_string();
    }
    format!("{} {}", crate::error::field_name(r.kind()), r.id())
}
