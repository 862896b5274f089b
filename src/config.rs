//! User configuration: `config.toml` in the platform's config directory (or `--config`,
//! `RAPPORT_CONFIG`), every key optional with a sensible default. Unknown keys are refused
//! so that a typo never silently does nothing.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::calendar::{CalendarSpec, Hours, WorkingCalendar};
use crate::model::{Cadence, Channel, Severity};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Database used when neither --db, RAPPORT_DB nor --client is given.
    pub database: Option<PathBuf>,
    /// Language of drafted updates: "en" or "zh-CN".
    pub language: String,
    /// Language of rapport's own interface (TUI, messages, the CLI's human output): "en" or
    /// "zh-CN"; when absent, the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) decides.
    pub ui_language: Option<String>,
    /// How times are shown (chrono strftime syntax).
    pub date_format: String,
    /// Who signs drafted updates and appears as From in exported mail, e.g. "Ann Lee <ann@firm.example>".
    pub from: String,
    /// Cadence given to new projects when `--cadence` is not passed.
    pub default_cadence: Option<Cadence>,
    /// Hours from detection within which the client must hear of a problem.
    #[serde(deserialize_with = "sla_hours_with_defaults")]
    pub sla_hours: SeverityHours,
    /// Hours between follow-up updates while an issue is open.
    #[serde(deserialize_with = "follow_up_hours_with_defaults")]
    pub follow_up_hours: SeverityHours,
    pub status_report: StatusReport,
    /// The working calendar business hours count in (and clients' calendars default to).
    pub calendar: Option<CalendarSpec>,
    pub waiting: Waiting,
    /// Hours within which a complaint, a request or a low satisfaction score gets a reply.
    pub reply_hours: ReplyHours,
    /// The channel the first contact about a new issue takes, by severity (e.g.
    /// `critical = "phone"`); a severity left out takes the project's channel.
    pub first_contact_channel: FirstContactChannel,
    /// TUI key overrides: action name = key (e.g. `quit = "ctrl-q"`).
    pub keys: std::collections::BTreeMap<String, String>,
    /// Folder of your own templates (default: `<config dir>/templates`); a client's
    /// `clients/NAME.toml` may point at its own.
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityHours {
    pub critical: Hours,
    pub high: Hours,
    pub medium: Hours,
    pub low: Hours,
}

/// The defaults of the two hour tables as TOML, so a partial table in the config takes the
/// default for every key it leaves out (`Config::default()` holds the same numbers).
const SLA_HOURS_DEFAULTS: &str = "critical = 1\nhigh = 4\nmedium = 24\nlow = 72";
const FOLLOW_UP_HOURS_DEFAULTS: &str = "critical = 4\nhigh = 24\nmedium = 72\nlow = 168";

fn hours_with_defaults<'de, D: serde::Deserializer<'de>>(
    d: D,
    defaults: &str,
) -> std::result::Result<SeverityHours, D::Error> {
    use serde::de::Error as _;
    let given = toml::Table::deserialize(d)?;
    let mut table: toml::Table = defaults.parse().map_err(D::Error::custom)?;
    table.extend(given);
    SeverityHours::deserialize(toml::Value::Table(table)).map_err(D::Error::custom)
}

fn sla_hours_with_defaults<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<SeverityHours, D::Error> {
    hours_with_defaults(d, SLA_HOURS_DEFAULTS)
}

fn follow_up_hours_with_defaults<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<SeverityHours, D::Error> {
    hours_with_defaults(d, FOLLOW_UP_HOURS_DEFAULTS)
}

impl SeverityHours {
    pub fn get(&self, s: Severity) -> Hours {
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

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Waiting {
    /// Hours an issue may wait on the client before Today says to chase them.
    pub chase_after_hours: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReplyHours {
    pub complaint: u32,
    pub request: u32,
    /// A satisfaction score of 2 or less: the follow-up call or message.
    pub low_score: u32,
}

/// `[first_contact_channel]`: per severity, the channel of an issue's first notice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FirstContactChannel {
    pub critical: Option<Channel>,
    pub high: Option<Channel>,
    pub medium: Option<Channel>,
    pub low: Option<Channel>,
}

impl FirstContactChannel {
    pub fn get(&self, s: Severity) -> Option<Channel> {
        match s {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
        }
    }
}

impl Default for ReplyHours {
    fn default() -> Self {
        ReplyHours {
            complaint: 24,
            request: 48,
            low_score: 48,
        }
    }
}

impl Default for Waiting {
    fn default() -> Self {
        Waiting {
            chase_after_hours: 72,
        }
    }
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
            ui_language: None,
            date_format: "%Y-%m-%d %H:%M".into(),
            from: String::new(),
            default_cadence: Some(Cadence::Weekly),
            sla_hours: SeverityHours {
                critical: Hours::calendar(1),
                high: Hours::calendar(4),
                medium: Hours::calendar(24),
                low: Hours::calendar(72),
            },
            follow_up_hours: SeverityHours {
                critical: Hours::calendar(4),
                high: Hours::calendar(24),
                medium: Hours::calendar(72),
                low: Hours::calendar(168),
            },
            status_report: StatusReport::default(),
            calendar: None,
            waiting: Waiting::default(),
            reply_hours: ReplyHours::default(),
            first_contact_channel: FirstContactChannel::default(),
            keys: Default::default(),
            templates: None,
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
                    trf("cannot read config {path}", &[("path", &path.display())]),
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
                what: trf(
                    "{key} in {file}",
                    &[("key", &what), ("file", &path.display())],
                ),
                value,
                allowed,
            },
            other => other,
        })
    }

    /// The config for one client's file: `clients/NAME.toml` beside the config in use (see
    /// [`client_config_path`]) merged over the main config key by key, tables merged; no such
    /// file means the main config. A client file may not set `database` (`--client` chose it).
    pub fn load_for_client(explicit: Option<&Path>, client: &str) -> Result<Config> {
        let Some(path) = client_config_path(explicit, client) else {
            return Config::load(explicit);
        };
        let over = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Config::load(explicit),
            Err(e) => {
                return Err(Error::io(
                    trf("cannot read config {path}", &[("path", &path.display())]),
                    e,
                ));
            }
        };
        // The main config on its own first, so its mistakes are named with their line.
        Config::load(explicit)?;
        let shown = path.display().to_string();
        let over: toml::Table = toml::from_str(&over).map_err(|e| {
            Error::invalid_because(
                format!("config {shown}"),
                "",
                e.message().replace('\n', " "),
            )
        })?;
        if over.contains_key("database") {
            return Err(Error::invalid_because(
                trf("{key} in {file}", &[("key", &"database"), ("file", &shown)]),
                "database",
                tr("no database key: --client NAME chooses the client's file"),
            ));
        }
        let main_text = match explicit.map(Path::to_path_buf).or_else(default_config_path) {
            Some(p) => std::fs::read_to_string(p).unwrap_or_default(),
            None => String::new(),
        };
        // The main file was just read and checked: it parses.
        let mut merged: toml::Table = toml::from_str(&main_text).unwrap_or_default();
        merge_tables(&mut merged, over);
        Config::parse(&merged.to_string()).map_err(|e| match e {
            Error::Invalid {
                what,
                value,
                allowed,
            } => Error::Invalid {
                what: trf(
                    "{key} in {file} (over the main config)",
                    &[("key", &what), ("file", &shown)],
                ),
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
            let at = e
                .span()
                .map(|s| {
                    let before = text.get(..s.start).unwrap_or("");
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                    trf(
                        " (line {line}, column {column})",
                        &[("line", &line), ("column", &column)],
                    )
                })
                .unwrap_or_default();
            Error::invalid_because("config", &span, format!("{msg}{at}"))
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// The interface language this configuration asks for, else the locale's.
    pub fn ui_lang(&self) -> crate::i18n::Lang {
        self.ui_language
            .as_deref()
            .and_then(crate::i18n::Lang::parse)
            .unwrap_or_else(crate::i18n::Lang::from_env)
    }

    fn validate(&self) -> Result<()> {
        if !LANGUAGES.contains(&self.language.as_str()) {
            return Err(Error::invalid(
                "language",
                &self.language,
                LANGUAGES.join(", "),
            ));
        }
        if let Some(ui) = &self.ui_language
            && !crate::i18n::UI_LANGUAGES.contains(&ui.as_str())
        {
            return Err(Error::invalid(
                "ui_language",
                ui,
                crate::i18n::UI_LANGUAGES.join(", "),
            ));
        }
        // Tried once here, so no later use can fail (or panic) on it.
        if !crate::model::when::renders(&self.date_format) {
            return Err(Error::invalid_because(
                "date_format",
                &self.date_format,
                tr("a strftime pattern such as %Y-%m-%d %H:%M"),
            ));
        }
        for (name, hours) in [
            ("sla_hours", &self.sla_hours),
            ("follow_up_hours", &self.follow_up_hours),
        ] {
            for s in Severity::ALL {
                let h = hours.get(*s);
                if h.n == 0 || h.n > 24 * 365 {
                    return Err(Error::invalid_because(
                        format!("{name}.{s}"),
                        &h.to_string(),
                        tr("a number of hours from 1 to 8760, or \"N business\""),
                    ));
                }
                if h.business && self.calendar.is_none() {
                    return Err(Error::invalid_because(
                        format!("{name}.{s}"),
                        &h.to_string(),
                        tr(
                            "calendar hours (a number) unless a [calendar] says when business hours are",
                        ),
                    ));
                }
            }
        }
        // `from` becomes a mail header: one line, nothing a terminal or mail client acts on.
        if self.from.chars().any(crate::model::text::is_unsafe) {
            return Err(Error::invalid_because(
                "from",
                &crate::model::text::one_line(&self.from),
                tr("one line without control characters, such as Ann Lee <ann@firm.example>"),
            ));
        }
        crate::model::when::parse_weekday(&self.status_report.weekday).ok_or_else(|| {
            Error::invalid_because(
                "status_report.weekday",
                &self.status_report.weekday,
                tr("a weekday such as mon or friday"),
            )
        })?;
        if self.status_report.hour > 23 {
            return Err(Error::invalid_because(
                "status_report.hour",
                &self.status_report.hour.to_string(),
                tr("an hour from 0 to 23"),
            ));
        }
        self.working_calendar()?;
        Ok(())
    }

    /// The folder whose templates override the built-in ones: the `templates` key, else
    /// `<config dir>/templates`.
    pub fn templates_folder(&self) -> Option<PathBuf> {
        self.templates.clone().or_else(templates_dir)
    }

    /// The `[calendar]` table as a checked calendar (None when there is none).
    pub fn working_calendar(&self) -> Result<Option<WorkingCalendar>> {
        self.calendar
            .as_ref()
            .map(|spec| WorkingCalendar::from_spec(spec, "calendar", None))
            .transpose()
    }
}

/// Key by key, `over` wins; a table in both is merged the same way.
fn merge_tables(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge_tables(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

/// `clients/NAME.toml` in the folder of the config in use (`--config`, `RAPPORT_CONFIG` or
/// the default `<config dir>/config.toml`).
pub fn client_config_path(explicit: Option<&Path>, client: &str) -> Option<PathBuf> {
    let main = explicit
        .map(Path::to_path_buf)
        .or_else(default_config_path)?;
    let folder = main
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(
        folder
            .join("clients")
            .join(format!("{}.toml", client.trim())),
    )
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
                tr("cannot find a home directory for the database; pass --db PATH"),
                std::io::Error::from(std::io::ErrorKind::NotFound),
            )
        })
}

/// Which rule chose the database file (`rapport where` prints it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbRule {
    /// `--db PATH`.
    DbFlag,
    /// `--client NAME`: `<data dir>/clients/NAME.sqlite3`.
    ClientFlag,
    /// The `RAPPORT_DB` environment variable.
    Env,
    /// The config's `database` key.
    Config,
    /// `<data dir>/rapport.sqlite3`.
    DataDir,
}

impl DbRule {
    /// An explicit path names a file the user must create on purpose (`rapport --db PATH init`).
    pub fn is_explicit_path(self) -> bool {
        matches!(self, DbRule::DbFlag | DbRule::Env)
    }

    pub fn describe(self) -> &'static str {
        match self {
            DbRule::DbFlag => "--db",
            DbRule::ClientFlag => "--client",
            DbRule::Env => "RAPPORT_DB",
            DbRule::Config => "the config's database key",
            DbRule::DataDir => "the default in the data dir",
        }
    }

    /// [`describe`](Self::describe) for people, in the interface's language (option and
    /// variable names as they are typed).
    pub fn describe_shown(self) -> &'static str {
        match self {
            DbRule::Config => tr("the config's database key"),
            DbRule::DataDir => tr("the default in the data dir"),
            other => other.describe(),
        }
    }
}

/// The database path and the rule that chose it: `--db`, else `--client NAME`, else
/// `RAPPORT_DB`, else the config's `database`, else `<data dir>/rapport.sqlite3`
/// (flags, then the environment, then the config).
pub fn choose_database(
    db: Option<&Path>,
    env_db: Option<&Path>,
    client: Option<&str>,
    cfg: &Config,
) -> Result<(PathBuf, DbRule)> {
    if let Some(p) = db {
        return Ok((p.to_path_buf(), DbRule::DbFlag));
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
                tr("a name of letters, digits, spaces, '-', '_' or '.' (it becomes a file name)"),
            ));
        }
        let path = data_dir()?
            .join("clients")
            .join(format!("{}.sqlite3", name.trim()));
        return Ok((path, DbRule::ClientFlag));
    }
    if let Some(p) = env_db.filter(|p| !p.as_os_str().is_empty()) {
        return Ok((p.to_path_buf(), DbRule::Env));
    }
    if let Some(p) = &cfg.database {
        return Ok((p.clone(), DbRule::Config));
    }
    Ok((data_dir()?.join("rapport.sqlite3"), DbRule::DataDir))
}

/// The database path alone (see [`choose_database`]).
pub fn database_path(
    db: Option<&Path>,
    env_db: Option<&Path>,
    client: Option<&str>,
    cfg: &Config,
) -> Result<PathBuf> {
    choose_database(db, env_db, client, cfg).map(|(p, _)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_file_is_merged_over_the_main_config_key_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("config.toml");
        std::fs::write(
            &main,
            "from = \"Ann <ann@firm.example>\"\n[sla_hours]\nhigh = 2\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("clients")).unwrap();
        std::fs::write(
            dir.path().join("clients/acme.toml"),
            "language = \"zh-CN\"\n[sla_hours]\ncritical = 3\n",
        )
        .unwrap();
        let acme = Config::load_for_client(Some(&main), "acme").unwrap();
        assert_eq!(acme.language, "zh-CN");
        assert_eq!(acme.from, "Ann <ann@firm.example>");
        assert_eq!(acme.sla_hours.critical, Hours::calendar(3));
        assert_eq!(
            acme.sla_hours.high,
            Hours::calendar(2),
            "the table is merged"
        );
        assert_eq!(acme.sla_hours.low, Hours::calendar(72));
        let other = Config::load_for_client(Some(&main), "globex").unwrap();
        assert_eq!(other, Config::load(Some(&main)).unwrap());
        std::fs::write(
            dir.path().join("clients/bad.toml"),
            "database = \"x.sqlite3\"\n",
        )
        .unwrap();
        let err = Config::load_for_client(Some(&main), "bad")
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad.toml"), "{err}");
        std::fs::write(dir.path().join("clients/typo.toml"), "lnguage = \"en\"\n").unwrap();
        let err = Config::load_for_client(Some(&main), "typo")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("lnguage") && err.contains("typo.toml"),
            "{err}"
        );
    }

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
    fn first_contact_channel_by_severity() {
        let cfg = Config::parse("[first_contact_channel]\ncritical = \"phone\"").unwrap();
        assert_eq!(
            cfg.first_contact_channel.get(Severity::Critical),
            Some(Channel::Phone)
        );
        assert_eq!(cfg.first_contact_channel.get(Severity::High), None);
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
            (
                "[first_contact_channel]\ncritical = \"pigeon\"",
                "invalid channel 'pigeon'",
            ),
            (
                "[first_contact_channel]\nurgent = \"phone\"",
                "unknown field `urgent`",
            ),
            ("[calendar]\nzone = \"Asia/Shanghia\"", "calendar.zone"),
            ("[calendar]\nhours = \"9-18\"", "calendar.hours"),
            (
                "[calendar]\nholidays = [\"2026-10-01/2026-10-32\"]",
                "calendar.holidays",
            ),
            (
                "[sla_hours]\ncritical = 1\nhigh = 4\nmedium = \"24 business\"\nlow = 72",
                "sla_hours.medium",
            ),
            (
                "[sla_hours]\ncritical = 1\nhigh = 4\nmedium = \"24 weekdays\"\nlow = 72",
                "24 weekdays",
            ),
            ("date_format = \"%#z\"", "date_format"),
            (
                "from = \"Me <me@x.y>\\r\\nBcc: evil@attacker.example\"",
                "invalid from 'Me <me@x.y>  Bcc: evil@attacker.example'",
            ),
            ("from = \"Me\\u001b]0;x\\u0007\"", "invalid from"),
            ("from = \"Me\\u202e\"", "invalid from"),
            ("[sla_hours]\nhigh = 2\nhgh = 3", "unknown field `hgh`"),
            ("language = \"en\"\n\nfrom = 3", "(line 3, column 8)"),
        ];
        for (text, expected) in cases {
            let err = Config::parse(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{text}: {err}");
        }
    }

    #[test]
    fn partial_hour_tables_take_the_defaults_for_missing_keys() {
        use crate::model::calendar::Hours;
        let cfg = Config::parse("[sla_hours]\nhigh = 2\n[follow_up_hours]\nlow = 100").unwrap();
        let d = Config::default();
        assert_eq!(cfg.sla_hours.high, Hours::calendar(2));
        assert_eq!(cfg.sla_hours.critical, d.sla_hours.critical);
        assert_eq!(cfg.sla_hours.low, d.sla_hours.low);
        assert_eq!(cfg.follow_up_hours.low, Hours::calendar(100));
        assert_eq!(cfg.follow_up_hours.critical, d.follow_up_hours.critical);
        let full = Config::parse(&format!(
            "[sla_hours]\n{SLA_HOURS_DEFAULTS}\n[follow_up_hours]\n{FOLLOW_UP_HOURS_DEFAULTS}"
        ))
        .unwrap();
        assert_eq!(full, d, "the TOML defaults equal Config::default()");
    }

    #[test]
    fn client_names_become_safe_file_names() {
        let cfg = Config::default();
        let p = database_path(None, None, Some("acme"), &cfg).unwrap();
        assert!(p.ends_with("clients/acme.sqlite3"));
        assert!(database_path(None, None, Some("../etc"), &cfg).is_err());
        let explicit = database_path(Some(Path::new("x.db")), None, Some("acme"), &cfg).unwrap();
        assert_eq!(explicit, PathBuf::from("x.db"));
        let (p, rule) =
            choose_database(None, Some(Path::new("env.db")), Some("acme"), &cfg).unwrap();
        assert!(
            p.ends_with("clients/acme.sqlite3"),
            "--client beats RAPPORT_DB"
        );
        assert_eq!(rule, DbRule::ClientFlag);
        let (p, rule) = choose_database(None, Some(Path::new("env.db")), None, &cfg).unwrap();
        assert_eq!((p, rule), (PathBuf::from("env.db"), DbRule::Env));
    }
}
