//! The library's error type. Bad input and unknown records are the user's to fix (exit 2);
//! anything else is the machine's (exit 1).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    /// A value the user typed is not one the field accepts.
    #[error("invalid {what} '{value}': expected {allowed}")]
    Invalid {
        what: String,
        value: String,
        allowed: String,
    },
    /// A record named by the user does not exist (or is archived).
    #[error("no {what} '{key}'{hint}")]
    NotFound {
        what: &'static str,
        key: String,
        hint: String,
    },
    /// The request contradicts the record's state (sending an update twice, ...).
    #[error("{0}")]
    Conflict(String),
    /// The database was written by a newer rapport than this one.
    #[error(
        "database {path} has schema version {found}, newer than this rapport understands ({known}); upgrade rapport, the file was not touched"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("template error: {0}")]
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

pub type Result<T, E = Error> = std::result::Result<T, E>;
