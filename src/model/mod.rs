//! Plain domain types and their rules: no SQL, no terminal.

pub mod calendar;
mod enums;
mod expectation;
mod issue;
mod log;
mod milestone;
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
pub use milestone::*;
pub use project::*;
pub use record::Record;
pub use review::*;
pub use risk::*;
pub use update::*;

use crate::error::{Error, Result};

/// Longest single-line text we accept (titles, subjects, summaries).
pub const MAX_LINE: usize = 500;
/// Longest multi-line text we accept (descriptions, bodies).
pub const MAX_TEXT: usize = 100_000;

/// A required one-line field: trimmed, non-empty, no line breaks, bounded.
pub fn required_line(what: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid_because(what, value, "a non-empty text"));
    }
    optional_line(what, v)
}

/// An optional one-line field: line breaks are not allowed, length is bounded.
pub fn optional_line(what: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.contains(['\n', '\r']) {
        return Err(Error::invalid_because(what, value, "a single line of text"));
    }
    if v.chars().count() > MAX_LINE {
        return Err(Error::invalid_because(
            what,
            &text::preview(v, 40),
            format!("at most {MAX_LINE} characters"),
        ));
    }
    Ok(v.to_string())
}

/// A free text field (may span lines), bounded.
pub fn free_text(what: &str, value: &str) -> Result<String> {
    let v = value.trim_end();
    if v.chars().count() > MAX_TEXT {
        return Err(Error::invalid_because(
            what,
            &text::preview(v, 40),
            format!("at most {MAX_TEXT} characters"),
        ));
    }
    Ok(v.to_string())
}
