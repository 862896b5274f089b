//! Plain domain types and their rules: no SQL, no terminal.

pub mod calendar;
mod enums;
mod expectation;
mod issue;
mod log;
mod meeting;
mod milestone;
mod plan;
mod project;
mod record;
mod review;
mod risk;
pub mod text;
mod update;
pub mod when;

pub use calendar::{Hours, WorkingCalendar};
pub use enums::*;
pub use expectation::*;
pub use issue::*;
pub use log::*;
pub use meeting::*;
pub use milestone::*;
pub use plan::*;
pub use project::*;
pub use record::Record;
pub use review::*;
pub use risk::*;
pub use update::*;

use crate::error::{Error, Result};
use crate::i18n::{tr, trf};

/// Longest single-line text we accept (titles, subjects, summaries).
pub const MAX_LINE: usize = 500;
/// Longest multi-line text we accept (descriptions, bodies).
pub const MAX_TEXT: usize = 100_000;
/// Longest subject line of an update: it becomes a mail header, which mail clients fold or cut.
pub const MAX_SUBJECT: usize = 300;

/// A required one-line field: trimmed, non-empty, no line breaks, bounded.
pub fn required_line(what: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid_because(what, value, tr("a non-empty text")));
    }
    optional_line(what, v)
}

/// An optional one-line field: line breaks are not allowed, length is bounded.
pub fn optional_line(what: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.contains(['\n', '\r']) {
        return Err(Error::invalid_because(
            what,
            value,
            tr("a single line of text"),
        ));
    }
    if v.chars().count() > MAX_LINE {
        return Err(Error::invalid_because(
            what,
            &text::preview(v, 40),
            trf("at most {n} characters", &[("n", &MAX_LINE)]),
        ));
    }
    Ok(v.to_string())
}

/// An update's subject as the PM types it: a required line of at most [`MAX_SUBJECT`]
/// characters with no control characters (it becomes the mail's `Subject:` header).
pub fn subject_line(what: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid_because(what, value, tr("a non-empty text")));
    }
    let allowed = trf(
        "one line of at most {n} characters without control characters",
        &[("n", &MAX_SUBJECT)],
    );
    if v.chars().count() > MAX_SUBJECT || v.chars().any(char::is_control) {
        return Err(Error::invalid_because(what, &text::preview(v, 40), allowed));
    }
    Ok(v.to_string())
}

/// `subject` cut to [`MAX_SUBJECT`] characters with an ellipsis: a drafted subject made long
/// by a long stored title is shortened, never refused.
pub fn cut_subject(subject: &str) -> String {
    if subject.chars().count() <= MAX_SUBJECT {
        return subject.to_string();
    }
    let mut out: String = subject.chars().take(MAX_SUBJECT - 1).collect();
    out.push('…');
    out
}

/// A free text field (may span lines), bounded.
pub fn free_text(what: &str, value: &str) -> Result<String> {
    let v = value.trim_end();
    if v.chars().count() > MAX_TEXT {
        return Err(Error::invalid_because(
            what,
            &text::preview(v, 40),
            trf("at most {n} characters", &[("n", &MAX_TEXT)]),
        ));
    }
    Ok(v.to_string())
}
