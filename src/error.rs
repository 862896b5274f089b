//! The library's error type. Bad input and unknown records are the user's to fix (exit 2);
//! anything else is the machine's (exit 1).
//!
//! Messages are in the interface's language (`crate::i18n`): each variant keeps its data (the
//! field's English name, the value typed, what is allowed) and the message is put together
//! when it is shown, so code that matches on a variant (the TUI's forms find the field by its
//! name) sees the same data in every language. Values the user types (`high`, `2026-11-30`)
//! are quoted as typed in every language.

use std::fmt;

use thiserror::Error;

use crate::i18n::{Lang, lang, tr, trf};

#[derive(Debug, Error)]
pub enum Error {
    /// A value the user typed is not one the field accepts.
    Invalid {
        what: String,
        value: String,
        allowed: String,
    },
    /// A record named by the user does not exist (or is archived).
    NotFound {
        what: &'static str,
        key: String,
        hint: String,
    },
    /// The request contradicts the record's state (sending an update twice, ...).
    Conflict(String),
    /// The database was written by a newer rapport than this one.
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    Db(#[from] rusqlite::Error),
    Migration(#[from] rusqlite_migration::Error),
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    Template(String),
}

impl Error {
    /// "one of a, b, c" style helper for enums and other closed sets.
    pub fn invalid(what: impl Into<String>, value: &str, allowed_list: String) -> Self {
        Error::Invalid {
            what: what.into(),
            value: value.to_string(),
            allowed: format!("one of {allowed_list}"),
        }
    }

    /// Free-form expectation, e.g. "a date such as 2026-11-30, tomorrow, fri 14:00 or +3d".
    pub fn invalid_because(
        what: impl Into<String>,
        value: &str,
        expected: impl Into<String>,
    ) -> Self {
        Error::Invalid {
            what: what.into(),
            value: value.to_string(),
            allowed: expected.into(),
        }
    }

    pub fn not_found(what: &'static str, key: impl ToString) -> Self {
        Error::NotFound {
            what,
            key: key.to_string(),
            hint: String::new(),
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// Process exit code: 2 for what the user can fix by typing something else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid { .. } | Error::NotFound { .. } | Error::Conflict(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Error::Invalid {
                what,
                value,
                allowed,
            } => {
                // `invalid` wrote "one of LIST"; anything else is a free-form expectation
                // (already in the interface's language where its maker translated it).
                let expected = match allowed.strip_prefix("one of ") {
                    Some(list) => trf("expected one of {list}", &[("list", &list)]),
                    None => trf("expected {text}", &[("text", allowed)]),
                };
                trf(
                    "invalid {what} '{value}': {expected}",
                    &[
                        ("what", &field_name(what)),
                        ("value", value),
                        ("expected", &expected),
                    ],
                )
            }
            Error::NotFound { what, key, hint } => trf(
                "no {what} '{key}'{hint}",
                &[("what", &field_name(what)), ("key", key), ("hint", hint)],
            ),
            Error::Conflict(message) => message.clone(),
            Error::TooNew { path, found, known } => trf(
                "database {path} has schema version {found}, newer than this rapport understands ({known}); upgrade rapport, the file was not touched",
                &[("path", path), ("found", found), ("known", known)],
            ),
            Error::Db(e) => trf("database error: {error}", &[("error", e)]),
            Error::Migration(e) => trf("database migration failed: {error}", &[("error", e)]),
            Error::Io { context, source } => trf(
                "{context}: {error}",
                &[("context", context), ("error", source)],
            ),
            Error::Template(e) => trf("template error: {error}", &[("error", e)]),
        };
        f.write_str(&text)
    }
}

/// A field's or record's name as messages show it: the English name the code uses (and
/// the TUI's forms match on), in the interface's language. Option and config key names
/// (`--limit`, `date_format`) are typed as they are, so they stay as they are.
pub fn field_name(what: &str) -> std::borrow::Cow<'_, str> {
    if lang() == Lang::En {
        return what.into();
    }
    if let Some(word) = known_name(what) {
        return word.into();
    }
    // "issue id" (cli::ctx::parse_id): the record's name, then "id".
    match what.strip_suffix(" id").and_then(known_name) {
        Some(record) => trf("{record} id", &[("record", &record)]).into(),
        None => what.into(),
    }
}

fn known_name(what: &str) -> Option<&'static str> {
    Some(match what {
        // Records
        "issue" => tr("issue"),
        "detected time" => tr("detected"),
        "update" => tr("update"),
        "expectation" => tr("expectation"),
        "log entry" => tr("log entry"),
        "log" => tr("log"),
        "project" => tr("project"),
        "contact" => tr("contact"),
        "client" => tr("client"),
        "risk" => tr("risk"),
        "milestone" => tr("milestone"),
        "review" => tr("review"),
        "plan entry" => tr("plan entry"),
        "plan" => tr("plan"),
        "meeting" => tr("meeting"),
        "action" => tr("action"),
        "attendee" => tr("attendee"),
        "record kind" => tr("record kind"),
        // Vocabularies (model::enums)
        "severity" => tr("severity"),
        "status" => tr("status"),
        "project status" => tr("project status"),
        "kind" => tr("kind"),
        "channel" => tr("channel"),
        "state" => tr("state"),
        "category" => tr("category"),
        "expectation status" => tr("expectation status"),
        "direction" => tr("direction"),
        "log kind" => tr("log kind"),
        "likelihood" => tr("likelihood"),
        "impact" => tr("impact"),
        "risk status" => tr("risk status"),
        "milestone status" => tr("milestone status"),
        "outcome" => tr("outcome"),
        "priority" => tr("priority"),
        // Fields
        "title" => tr("title"),
        "owner" => tr("owner"),
        "time" => tr("time"),
        "date" => tr("date"),
        "cadence" => tr("cadence"),
        "email" => tr("email"),
        "sentiment" => tr("sentiment"),
        "score" => tr("score"),
        "weight" => tr("weight"),
        "progress" => tr("progress"),
        "option number" => tr("option number"),
        "note" => tr("note"),
        "summary" => tr("summary"),
        "subject" => tr("subject"),
        "statement" => tr("statement"),
        "reason" => tr("reason"),
        "description" => tr("description"),
        "role" => tr("role"),
        "phone" => tr("phone"),
        "name" => tr("name"),
        "project name" => tr("project name"),
        "contact name" => tr("contact name"),
        "search text" => tr("search text"),
        "format" => tr("format"),
        "language" => tr("language"),
        "zone" => tr("zone"),
        "until" => tr("until"),
        "scale" => tr("scale"),
        "table" => tr("table"),
        "edit" => tr("edit"),
        "agreed with" => tr("agreed with"),
        "trigger" => tr("trigger"),
        "decision" => tr("decision"),
        "time needed" => tr("time needed"),
        "expected effect" => tr("expected effect"),
        "option" => tr("option"),
        "team" => tr("team"),
        _ => return None,
    })
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::with_lang;

    #[test]
    fn messages_are_built_in_the_language_shown_and_keep_the_data() {
        let e = Error::invalid("severity", "huge", "critical, high".into());
        let en = with_lang(Lang::En, || e.to_string());
        let zh = with_lang(Lang::ZhCn, || e.to_string());
        assert_eq!(
            en,
            "invalid severity 'huge': expected one of critical, high"
        );
        assert_eq!(zh, "严重程度 'huge' 无效，可用：critical, high");
        // The data stays English for code that matches on it (the TUI's forms).
        let Error::Invalid { what, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(what, "severity");

        let id = Error::invalid_because("issue id", "x", "a positive whole number");
        assert_eq!(
            with_lang(Lang::ZhCn, || id.to_string()),
            "问题编号 'x' 无效，应为a positive whole number"
        );
        // A name rapport has no word for (an option, a config key) stays as typed.
        let key = Error::invalid_because("date_format", "%Q", "a pattern");
        assert!(with_lang(Lang::ZhCn, || key.to_string()).starts_with("date_format '%Q' 无效"));
        assert_eq!(
            with_lang(Lang::ZhCn, || Error::not_found("update", 7).to_string()),
            "找不到更新 '7'"
        );
    }
}
