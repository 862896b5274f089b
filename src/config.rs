//! User configuration: `config.toml` in the platform's config directory (or `--config`,
//! `RAPPORT_CONFIG`), every key optional with a sensible default. Unknown keys are refused
//! so that a typo never silently does nothing.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Cadence, Severity};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Database used when neither --db, RAPPORT_DB nor --client is given.
    pub database: Option<PathBuf>,
    /// Language of drafted updates: "en" or "zh-CN".
    pub language: String,
    /// How times are shown (chrono strftime syntax).
    pub date_format: String,
    /// Who signs drafted updates and appears as From in exported mail, e.g. "Ann Lee <ann@firm.example>".
    pub from: String,
    /// Cadence given to new projects when `--cadence` is not passed.
    pub default_cadence: Option<Cadence>,
    /// Hours from detection within which the client must hear of a problem.
    pub sla_hours: SeverityHours,
    /// Hours between follow-up updates while an issue is open.
    pub follow_up_hours: SeverityHours,
    pub status_report: StatusReport,
    /// TUI key overrides: action name = key (e.g. `quit = "ctrl-q"`).
    pub keys: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityHours {
    pub critical: u32,
    pub high: u32,
    pub medium: u32,
    pub low: u32,
}

impl SeverityHours {
    pub fn get(&self, s: Severity) -> u32 {
        match s {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StatusReport {
    /// Day of the week weekly reports go out (mon..sun).
    pub weekday: String,
    /// Local hour of the day (0-23) they are due.
    pub hour: u32,
}

impl Default for StatusReport {
    fn default() -> Self {
        StatusReport {
            weekday: "fri".into(),
            hour: 15,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database: None,
            language: "en".into(),
            date_format: "%Y-%m-%d %H:%M".into(),
            from: String::new(),
            default_cadence: Some(Cadence::Weekly),
            sla_hours: SeverityHours {
                critical: 1,
                high: 4,
                medium: 24,
                low: 72,
            },
            follow_up_hours: SeverityHours {
                critical: 4,
                high: 24,
                medium: 72,
                low: 168,
            },
            status_report: StatusReport::default(),
            keys: Default::default(),
        }
    }
}

pub const LANGUAGES: &[&str] = &["en", "zh-CN"];

impl Config {
    /// Reads `path`; a missing file at the default location means all defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Config> {
        let (path, must_exist) = match explicit {
            Some(p) => (p.to_path_buf(), true),
            None => match default_config_path() {
                Some(p) => (p, false),
                None => return Ok(Config::default()),
            },
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if !must_exist && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(e) => {
                return Err(Error::io(
                    format!("cannot read config {}", path.display()),
                    e,
                ));
            }
        };
        Config::parse(&text).map_err(|e| match e {
            Error::Invalid {
                what,
                value,
                allowed,
            } => Error::Invalid {
                what: format!("{what} in {}", path.display()),
                value,
                allowed,
            },
            other => other,
        })
    }

    pub fn parse(text: &str) -> Result<Config> {
        let cfg: Config = toml::from_str(text).map_err(|e| {
            let msg = e.message().replace('\n', " ");
            let span = e.span().and_then(|s| text.get(s)).unwrap_or("").to_string();
            Error::invalid_because("config", &span, msg)
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    fn validate(&self) -> Result<()> {
        if !LANGUAGES.contains(&self.language.as_str()) {
            return Err(Error::invalid(
                "language",
                &self.language,
                LANGUAGES.join(", "),
            ));
        }
        if self.date_format.trim().is_empty()
            || chrono::format::StrftimeItems::new(&self.date_format)
                .any(|i| matches!(i, chrono::format::Item::Error))
        {
            return Err(Error::invalid_because(
                "date_format",
                &self.date_format,
                "a strftime pattern such as %Y-%m-%d %H:%M",
            ));
        }
        for (name, hours) in [
            ("sla_hours", &self.sla_hours),
            ("follow_up_hours", &self.follow_up_hours),
        ] {
            for s in Severity::ALL {
                let h = hours.get(*s);
                if h == 0 || h > 24 * 365 {
                    return Err(Error::invalid_because(
                        format!("{name}.{s}"),
                        &h.to_string(),
                        "a number of hours from 1 to 8760",
                    ));
                }
            }
        }
        crate::model::when::parse_weekday(&self.status_report.weekday).ok_or_else(|| {
            Error::invalid_because(
                "status_report.weekday",
                &self.status_report.weekday,
                "a weekday such as mon or friday",
            )
        })?;
        if self.status_report.hour > 23 {
            return Err(Error::invalid_because(
                "status_report.hour",
                &self.status_report.hour.to_string(),
                "an hour from 0 to 23",
            ));
        }
        Ok(())
    }
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "rapport")
}

/// The folder where a user's own templates override the built-in ones.
pub fn templates_dir() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("templates"))
}

pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// Where databases live when nobody says otherwise.
pub fn data_dir() -> Result<PathBuf> {
    project_dirs()
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::io(
                "cannot find a home directory for the database; pass --db PATH",
                std::io::Error::from(std::io::ErrorKind::NotFound),
            )
        })
}

/// The database path: `--db` (clap fills it from `RAPPORT_DB`), else `--client NAME`, else
/// the config's `database`, else `<data dir>/rapport.sqlite3`.
pub fn database_path(db: Option<&Path>, client: Option<&str>, cfg: &Config) -> Result<PathBuf> {
    if let Some(p) = db {
        return Ok(p.to_path_buf());
    }
    if let Some(name) = client {
        let ok = !name.trim().is_empty()
            && !name.starts_with('.')
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '));
        if !ok {
            return Err(Error::invalid_because(
                "client",
                name,
                "a name of letters, digits, spaces, '-', '_' or '.' (it becomes a file name)",
            ));
        }
        return Ok(data_dir()?
            .join("clients")
            .join(format!("{}.sqlite3", name.trim())));
    }
    if let Some(p) = &cfg.database {
        return Ok(p.clone());
    }
    Ok(data_dir()?.join("rapport.sqlite3"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_means_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn the_example_config_is_valid_and_matches_the_defaults() {
        let text = include_str!("../config.example.toml");
        let cfg = Config::parse(text).unwrap();
        assert_eq!(cfg.sla_hours, Config::default().sla_hours);
        assert_eq!(cfg.follow_up_hours, Config::default().follow_up_hours);
    }

    #[test]
    fn bad_configs_name_the_key_and_the_value() {
        let cases = [
            ("language = \"fr\"", "invalid language 'fr'"),
            ("lnguage = \"en\"", "unknown field `lnguage`"),
            (
                "[sla_hours]\ncritical = 0\nhigh = 1\nmedium = 1\nlow = 1",
                "sla_hours.critical",
            ),
            (
                "[status_report]\nweekday = \"someday\"",
                "status_report.weekday",
            ),
            ("default_cadence = \"daily\"", "cadence"),
            ("date_format = \"%Q\"", "date_format"),
        ];
        for (text, expected) in cases {
            let err = Config::parse(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{text}: {err}");
        }
    }

    #[test]
    fn client_names_become_safe_file_names() {
        let cfg = Config::default();
        let p = database_path(None, Some("acme"), &cfg).unwrap();
        assert!(p.ends_with("clients/acme.sqlite3"));
        assert!(database_path(None, Some("../etc"), &cfg).is_err());
        let explicit = database_path(Some(Path::new("x.db")), Some("acme"), &cfg).unwrap();
        assert_eq!(explicit, PathBuf::from("x.db"));
    }
}
