//! The portfolio: every client's file read at once (read-only, in parallel, no rules run),
//! their Today merged most urgent first across clients, and one line of health per client.
//! A file that cannot be read is named and left out; the others still count.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::today::{self, Agenda, AgendaItem, Rating, SECTION_LIMIT, Section, SectionTotal};
use crate::error::{Error, Result};
use crate::model::when::Zone;
use crate::store::Store;

/// The client name of the default file (`<data dir>/rapport.sqlite3`, or the file the
/// config or `RAPPORT_DB` names) in the portfolio.
pub const DEFAULT_CLIENT: &str = "default";

/// How long a read waits for another process's write before naming the file as locked.
pub const READ_WAIT: Duration = Duration::from_millis(250);

/// The portfolio's files and how to read each one's settings.
pub struct Portfolio {
    pub files: Vec<ClientFile>,
    /// The main config (the default file's).
    pub cfg: crate::config::Config,
    /// The config file in use, beside which `clients/NAME.toml` are looked for.
    pub config_path: Option<PathBuf>,
    /// Whether each client's `clients/NAME.toml` applies (the portfolio); one file's own
    /// `report digest` already has its settings in `cfg`.
    pub per_client: bool,
    pub now: DateTime<Utc>,
}

impl Portfolio {
    /// The settings of one client's file: its `clients/NAME.toml` over the main config.
    pub fn config_for(&self, file: &ClientFile) -> Result<crate::config::Config> {
        if !self.per_client || file.name == DEFAULT_CLIENT {
            Ok(self.cfg.clone())
        } else {
            crate::config::Config::load_for_client(self.config_path.as_deref(), &file.name)
        }
    }

    /// Today over every file, each with its own settings.
    pub fn today(&self, now: DateTime<Utc>, zone: Zone) -> PortfolioToday {
        today(&self.files, now, zone, |f| {
            Ok(self.config_for(f)?.waiting.chase_after_hours)
        })
    }

    /// Each file's Today handed to `done` as soon as it is read (largest files first), on
    /// the reading threads; no further file is started once `stop` is set.
    pub fn today_as_read(
        &self,
        now: DateTime<Utc>,
        zone: Zone,
        done: impl Fn(usize, Result<Agenda>) + Sync,
        stop: &AtomicBool,
    ) {
        read_each_as_read(
            &self.files,
            |f, store| {
                let chase = self.config_for(f)?.waiting.chase_after_hours;
                today::agenda_with_chase(store, now, zone, chase)
            },
            done,
            stop,
        );
    }
}

/// One client's database file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientFile {
    pub name: String,
    pub path: PathBuf,
}

/// A file left out, and why (missing, locked, newer schema, not a database...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub client: String,
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "client {} left out ({}): {}",
            self.client,
            self.path.display(),
            self.reason
        )
    }
}

/// The default file (when it exists, named [`DEFAULT_CLIENT`]) then every
/// `<clients>/NAME.sqlite3`, by name. A folder that does not exist holds no clients.
pub fn client_files(clients_dir: &Path, default_file: &Path) -> Result<Vec<ClientFile>> {
    let mut files = Vec::new();
    match std::fs::read_dir(clients_dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry
                    .map_err(|e| Error::io(format!("cannot read {}", clients_dir.display()), e))?;
                let path = entry.path();
                if path.extension().and_then(|e| e.to_str()) != Some("sqlite3") {
                    continue;
                }
                if let Some(name) = path.file_stem().and_then(|s| s.to_str()) {
                    files.push(ClientFile {
                        name: name.to_string(),
                        path,
                    });
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(Error::io(
                format!("cannot read {}", clients_dir.display()),
                e,
            ));
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let listed = files.iter().any(|f| f.path == default_file);
    if default_file.is_file() && !listed {
        files.insert(
            0,
            ClientFile {
                name: DEFAULT_CLIENT.into(),
                path: default_file.to_path_buf(),
            },
        );
    }
    Ok(files)
}

/// Opens every file read-only and runs `read` on it, on as many threads as there are cores
/// (at most 8); the results come back in the order of `files`.
pub fn read_each<T: Send>(
    files: &[ClientFile],
    read: impl Fn(&ClientFile, &Store) -> Result<T> + Sync,
) -> Vec<Result<T>> {
    let slots: Vec<std::sync::Mutex<Option<Result<T>>>> =
        files.iter().map(|_| std::sync::Mutex::new(None)).collect();
    read_each_as_read(
        files,
        read,
        |i, r| {
            if let Ok(mut slot) = slots[i].lock() {
                *slot = Some(r);
            }
        },
        &AtomicBool::new(false),
    );
    // A worker that panicked left its files out: they are named rather than lost.
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err(Error::Conflict("could not be read".into())))
        })
        .collect()
}

/// The order files are read in: the largest first, so that no big file is left to be read
/// alone at the end while the other threads are idle.
fn largest_first(files: &[ClientFile]) -> Vec<usize> {
    let size = |f: &ClientFile| std::fs::metadata(&f.path).map_or(0, |m| m.len());
    let mut order: Vec<(u64, usize)> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (size(f), i))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    order.into_iter().map(|(_, i)| i).collect()
}

/// Reads every file as [`read_each`] does, handing each result (with its index in `files`)
/// to `done` on the reading thread as soon as it is read; the largest files first. Once
/// `stop` is set no further file is started (the TUI quits before the portfolio is read).
pub fn read_each_as_read<T: Send>(
    files: &[ClientFile],
    read: impl Fn(&ClientFile, &Store) -> Result<T> + Sync,
    done: impl Fn(usize, Result<T>) + Sync,
    stop: &AtomicBool,
) {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8)
        .min(files.len())
        .max(1);
    let order = largest_first(files);
    let next = AtomicUsize::new(0);
    let one = |i: usize| -> Result<T> {
        let f = &files[i];
        let store = Store::open_for_reading(&f.path, READ_WAIT)?;
        store.snapshot(|store| read(f, store))
    };
    let work = || {
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            if k >= order.len() || stop.load(Ordering::Relaxed) {
                break;
            }
            let i = order[k];
            done(i, one(i));
        }
    };
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
        for w in workers {
            // A worker that panicked leaves its files unanswered; the caller names them.
            let _ = w.join();
        }
    });
}

/// Splits results into the files read and those left out (with their reasons).
pub fn sort_out<T>(
    files: &[ClientFile],
    results: Vec<Result<T>>,
) -> (Vec<(usize, T)>, Vec<Skipped>) {
    let mut read = Vec::new();
    let mut skipped = Vec::new();
    for (i, r) in results.into_iter().enumerate() {
        match r {
            Ok(v) => read.push((i, v)),
            Err(e) => skipped.push(Skipped {
                client: files[i].name.clone(),
                path: files[i].path.clone(),
                reason: crate::model::text::one_line(&e.to_string()).into_owned(),
            }),
        }
    }
    (read, skipped)
}

/// One agenda line and the client it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientItem {
    pub client: String,
    #[serde(flatten)]
    pub item: AgendaItem,
}

/// One line of the client switcher: the client's worst project rating, what is late and when
/// it was last heard from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientSummary {
    pub client: String,
    pub path: PathBuf,
    /// The worst rating of its active projects (green when it has none).
    pub rating: Rating,
    /// Overdue updates plus late promised follow-ups (exact counts).
    pub overdue: usize,
    /// Everything needing action, as Today counts it.
    pub attention: usize,
    pub active_projects: usize,
    /// The newest logged contact of any of its projects.
    pub last_contact: Option<DateTime<Utc>>,
}

/// Today over the whole portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioToday {
    pub now: DateTime<Utc>,
    /// Most urgent first: by section as one file's Today, then by time across clients (health
    /// lines worst first); at most [`SECTION_LIMIT`] per section.
    pub items: Vec<ClientItem>,
    /// Every client read, in file order (the default first, then by name).
    pub clients: Vec<ClientSummary>,
    /// The exact size of every section summed over the clients read.
    pub totals: Vec<SectionTotal>,
    /// Files left out and why.
    pub skipped: Vec<Skipped>,
}

impl PortfolioToday {
    pub fn total(&self, s: Section) -> usize {
        self.totals
            .iter()
            .find(|t| t.section == s)
            .map_or(0, |t| t.total)
    }
}

/// A client's summary from its agenda.
pub fn summary(file: &ClientFile, agenda: &Agenda) -> ClientSummary {
    ClientSummary {
        client: file.name.clone(),
        path: file.path.clone(),
        rating: agenda
            .health
            .iter()
            .map(|h| h.rating)
            .max()
            .unwrap_or(Rating::Green),
        overdue: agenda.total(Section::OverdueUpdates) + agenda.total(Section::FollowUpOverdue),
        attention: agenda.attention_total(),
        active_projects: agenda.health.len(),
        last_contact: agenda.health.iter().filter_map(|h| h.last_contact).max(),
    }
}

/// Every file's Today (no rules run: what is due as of the last change), merged.
/// `chase_after_hours` gives each client's setting (its own config may change it).
pub fn today(
    files: &[ClientFile],
    now: DateTime<Utc>,
    zone: Zone,
    chase_after_hours: impl Fn(&ClientFile) -> Result<u32> + Sync,
) -> PortfolioToday {
    let results = read_each(files, |f, store| {
        let chase = chase_after_hours(f)?;
        today::agenda_with_chase(store, now, zone, chase)
    });
    let (read, skipped) = sort_out(files, results);
    merge(now, files, read, skipped)
}

/// Merges the agendas read (with their index in `files`).
pub fn merge(
    now: DateTime<Utc>,
    files: &[ClientFile],
    read: Vec<(usize, Agenda)>,
    skipped: Vec<Skipped>,
) -> PortfolioToday {
    let mut items = Vec::new();
    let mut clients = Vec::new();
    let mut totals = no_totals();
    for (i, agenda) in read {
        let file = &files[i];
        clients.push(summary(file, &agenda));
        add_totals(&mut totals, &agenda);
        items.extend(agenda.items.into_iter().map(|item| ClientItem {
            client: file.name.clone(),
            item,
        }));
    }
    ranked(now, clients, totals, items, skipped)
}

/// [`merge`] of agendas kept (the TUI merges again as each file arrives).
pub fn merge_kept<'a>(
    now: DateTime<Utc>,
    files: &[ClientFile],
    read: impl IntoIterator<Item = (usize, &'a Agenda)>,
    skipped: Vec<Skipped>,
) -> PortfolioToday {
    let mut items = Vec::new();
    let mut clients = Vec::new();
    let mut totals = no_totals();
    for (i, agenda) in read {
        let file = &files[i];
        clients.push(summary(file, agenda));
        add_totals(&mut totals, agenda);
        items.extend(agenda.items.iter().map(|item| ClientItem {
            client: file.name.clone(),
            item: item.clone(),
        }));
    }
    ranked(now, clients, totals, items, skipped)
}

/// Every section at zero, to sum the clients' totals into.
fn no_totals() -> Vec<SectionTotal> {
    Section::ALL
        .iter()
        .map(|s| SectionTotal {
            section: *s,
            total: 0,
        })
        .collect()
}

fn add_totals(totals: &mut [SectionTotal], agenda: &Agenda) {
    for t in totals {
        t.total += agenda.total(t.section);
    }
}

/// Ranks `items` most urgent first and keeps [`SECTION_LIMIT`] a section.
fn ranked(
    now: DateTime<Utc>,
    clients: Vec<ClientSummary>,
    totals: Vec<SectionTotal>,
    mut items: Vec<ClientItem>,
    skipped: Vec<Skipped>,
) -> PortfolioToday {
    let rank = |s: Section| Section::ALL.iter().position(|x| *x == s).unwrap_or(0);
    items.sort_by(|a, b| {
        let (x, y) = (&a.item, &b.item);
        rank(x.section).cmp(&rank(y.section)).then_with(|| {
            if x.section == Section::Health {
                y.rating
                    .cmp(&x.rating)
                    .then_with(|| a.client.cmp(&b.client))
                    .then_with(|| x.project.cmp(&y.project))
            } else {
                // Undated lines after dated ones; then the earliest first.
                x.when
                    .is_none()
                    .cmp(&y.when.is_none())
                    .then(x.when.cmp(&y.when))
                    .then_with(|| a.client.cmp(&b.client))
            }
        })
    });
    let mut shown = std::collections::HashMap::<usize, usize>::new();
    items.retain(|i| {
        let n = shown.entry(rank(i.item.section)).or_default();
        *n += 1;
        *n <= SECTION_LIMIT
    });
    PortfolioToday {
        now,
        items,
        clients,
        totals,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_files_lists_the_default_first_then_clients_by_name_and_only_databases() {
        let dir = tempfile::tempdir().unwrap();
        let clients = dir.path().join("clients");
        std::fs::create_dir_all(&clients).unwrap();
        for name in [
            "zeta.sqlite3",
            "acme.sqlite3",
            "acme.sqlite3-wal",
            "acme.sqlite3.v6-x.bak",
            "notes.txt",
        ] {
            std::fs::write(clients.join(name), b"").unwrap();
        }
        let default = dir.path().join("rapport.sqlite3");
        let names = |files: Vec<ClientFile>| files.into_iter().map(|f| f.name).collect::<Vec<_>>();
        assert_eq!(
            names(client_files(&clients, &default).unwrap()),
            ["acme", "zeta"]
        );
        std::fs::write(&default, b"").unwrap();
        assert_eq!(
            names(client_files(&clients, &default).unwrap()),
            ["default", "acme", "zeta"]
        );
        assert!(
            client_files(&dir.path().join("none"), &dir.path().join("none.sqlite3"))
                .unwrap()
                .is_empty()
        );
    }
}
