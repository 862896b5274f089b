//! The portfolio screen's state: Today across every client, the selection, the client
//! switcher (`c`) and the files left out. Pure: keys in, a step out; no I/O here.

use crate::tui::hits::Area;
use crate::tui::key::{Code, Key};
use crate::workflow::Record;
use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::workflow::portfolio::{self, ClientFile, PortfolioToday, Skipped};
use crate::workflow::today::Agenda;
use crate::workflow::today::Section;

/// What the event loop does after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Stay,
    Quit,
    /// Open client `client` (an index into the files) in the panes, at `item` if given.
    Open {
        client: String,
        item: Option<(Section, Record)>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Portfolio {
    pub today: PortfolioToday,
    pub selected: usize,
    /// The switcher, open, with its selection: 0 is "All clients", then the clients.
    pub switcher: Option<usize>,
    /// The client whose file was open last (the switcher starts on it).
    pub last_client: Option<String>,
    /// While the files are still being read: each file's Today as it arrived (by index in
    /// the portfolio's files), merged into `today` again as more arrive.
    pub loading: Option<Loading>,
    /// Where the last frame drew the rows the mouse can pick (the view fills it).
    pub hits: std::cell::RefCell<Hits>,
}

/// Where the last frame drew what a click can pick (the mouse reads it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// Each visible item line and its index in `today.items`.
    pub items: Vec<(Area, usize)>,
    /// Each visible row of the client switcher and its index there (0: All clients).
    pub switcher: Vec<(Area, usize)>,
    /// The switcher's popup, when it is open.
    pub popup: Option<Area>,
}

/// The files read so far, while the portfolio is read in the background.
#[derive(Debug, Clone, PartialEq)]
pub struct Loading {
    pub files: Vec<ClientFile>,
    pub agendas: Vec<Option<Agenda>>,
    pub skipped: Vec<Skipped>,
    /// Files answered (read or left out).
    pub answered: usize,
    /// Arrivals not merged into `today` yet.
    pub fresh: bool,
    /// The line to select once it arrives (the item opened last, back from its file).
    pub want: Option<(String, Section, Record)>,
}

impl Portfolio {
    pub fn new(today: PortfolioToday) -> Portfolio {
        Portfolio {
            today,
            selected: 0,
            switcher: None,
            last_client: None,
            loading: None,
            hits: Default::default(),
        }
    }

    /// The screen before any file is read: the first frame comes at once, Today fills in as
    /// [`Portfolio::arrived`] hands in each file's agenda.
    pub fn reading(files: &[ClientFile], now: DateTime<Utc>) -> Portfolio {
        let mut screen = Portfolio::new(portfolio::merge(now, files, Vec::new(), Vec::new()));
        screen.loading = Some(Loading {
            files: files.to_vec(),
            agendas: files.iter().map(|_| None).collect(),
            skipped: Vec::new(),
            answered: 0,
            fresh: false,
            want: None,
        });
        if files.is_empty() {
            screen.loading = None;
        }
        screen
    }

    /// Names a file left out (it could not be opened for writing, say).
    pub fn left_out(&mut self, s: Skipped) {
        match self.loading.as_mut() {
            Some(l) => {
                l.skipped.push(s);
                l.fresh = true;
            }
            None => self.today.skipped.push(s),
        }
    }

    /// How many files are read (or left out) of how many, while reading.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.loading.as_ref().map(|l| (l.answered, l.files.len()))
    }

    /// File `i`'s Today (or why it could not be read) has arrived; [`Portfolio::refresh`]
    /// shows it.
    pub fn arrived(&mut self, i: usize, agenda: Result<Agenda>) {
        let Some(l) = self.loading.as_mut() else {
            return;
        };
        let Some(file) = l.files.get(i) else { return };
        match agenda {
            Ok(a) => l.agendas[i] = Some(a),
            Err(e) => l.skipped.push(Skipped {
                client: file.name.clone(),
                path: file.path.clone(),
                reason: crate::model::text::one_line(&e.to_string()).into_owned(),
            }),
        }
        l.answered += 1;
        l.fresh = true;
    }

    /// Merges what arrived since the last call into Today, keeping the selected line
    /// selected; once every file has answered, reading is over.
    pub fn refresh(&mut self) {
        let Some(l) = self.loading.as_mut() else {
            return;
        };
        if !l.fresh {
            return;
        }
        l.fresh = false;
        let at = l.want.clone().or_else(|| {
            self.today
                .items
                .get(self.selected)
                .map(|i| (i.client.clone(), i.item.section, i.item.record))
        });
        // Left out files in the order of the files, as a full read names them.
        let mut skipped = l.skipped.clone();
        skipped.sort_by_key(|s| l.files.iter().position(|f| f.name == s.client));
        let read = l
            .agendas
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.as_ref().map(|a| (i, a)));
        self.today = portfolio::merge_kept(self.today.now, &l.files, read, skipped);
        if let Some((client, section, record)) = at {
            self.selected = self
                .today
                .items
                .iter()
                .position(|i| {
                    i.client == client && i.item.section == section && i.item.record == record
                })
                .unwrap_or(self.selected);
        }
        self.selected = self.selected.min(self.today.items.len().saturating_sub(1));
        if l.answered >= l.files.len() {
            self.loading = None;
        }
    }

    /// The status line: the files left out, or how to move on.
    pub fn status(&self) -> String {
        if let Some((done, all)) = self.progress() {
            trf(
                "reading {all} client files… {done} read · Enter: open · c: clients · q: quit",
                &[("all", &all), ("done", &done)],
            )
        } else if self.today.skipped.is_empty() {
            tr("Enter: open the item in its client's file · c: clients · q: quit").into()
        } else {
            let names: Vec<String> = self
                .today
                .skipped
                .iter()
                .map(|s| format!("{} ({})", s.client, s.reason))
                .collect();
            trf("left out: {names}", &[("names", &names.join("; "))])
        }
    }

    /// Opens the switcher on the client last opened (or on "All clients").
    pub fn open_switcher(&mut self) {
        let at = self
            .last_client
            .as_ref()
            .and_then(|c| self.today.clients.iter().position(|x| &x.client == c))
            .map_or(0, |i| i + 1);
        self.switcher = Some(at);
    }

    pub fn key(&mut self, key: Key) -> Step {
        let plain = !key.ctrl && !key.alt;
        if key.ctrl && key.code == Code::Char('c') {
            return Step::Quit;
        }
        if let Some(at) = self.switcher {
            let last = self.today.clients.len();
            match key.code {
                Code::Char('j') | Code::Down if plain => self.switcher = Some((at + 1).min(last)),
                Code::Char('k') | Code::Up if plain => self.switcher = Some(at.saturating_sub(1)),
                Code::Esc | Code::Char('c') => self.switcher = None,
                Code::Char('q') if plain => return Step::Quit,
                Code::Enter => {
                    self.switcher = None;
                    if at > 0 {
                        let client = self.today.clients[at - 1].client.clone();
                        return Step::Open { client, item: None };
                    }
                }
                _ => {}
            }
            return Step::Stay;
        }
        let n = self.today.items.len();
        match key.code {
            Code::Char('q') if plain => return Step::Quit,
            Code::Char('c') if plain => self.open_switcher(),
            Code::Char('j') | Code::Down => {
                self.selected = (self.selected + 1).min(n.saturating_sub(1))
            }
            Code::Char('k') | Code::Up => self.selected = self.selected.saturating_sub(1),
            Code::Char('g') | Code::Home => self.selected = 0,
            Code::Char('G') | Code::End => self.selected = n.saturating_sub(1),
            Code::Enter => {
                if let Some(i) = self.today.items.get(self.selected) {
                    return Step::Open {
                        client: i.client.clone(),
                        item: Some((i.item.section, i.item.record)),
                    };
                }
            }
            _ => {}
        }
        Step::Stay
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::workflow::today::AgendaItem;
    use chrono::TimeZone;

    fn files() -> Vec<ClientFile> {
        ["acme", "globex", "initech"]
            .iter()
            .map(|n| ClientFile {
                name: n.to_string(),
                path: format!("/data/{n}.sqlite3").into(),
            })
            .collect()
    }

    fn agenda(now: DateTime<Utc>, overdue: &[(i64, i64)]) -> Agenda {
        Agenda {
            now,
            items: overdue
                .iter()
                .map(|&(id, hours_late)| AgendaItem {
                    section: Section::OverdueUpdates,
                    record: Record::Update(id),
                    project: "Portal".into(),
                    tag: "status".into(),
                    text: format!("update {id}"),
                    shown: None,
                    when: Some(now - chrono::Duration::hours(hours_late)),
                    severity: None,
                    rating: None,
                })
                .collect(),
            health: Vec::new(),
            totals: Vec::new(),
        }
    }

    #[test]
    fn today_fills_in_as_files_arrive_and_keeps_the_selected_line() {
        let now = Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
        let files = files();
        let mut screen = Portfolio::reading(&files, now);
        assert_eq!(screen.progress(), Some((0, 3)));
        assert!(screen.today.items.is_empty());
        assert!(
            screen
                .status()
                .starts_with("reading 3 client files… 0 read")
        );

        // Arrivals show only once merged.
        screen.arrived(1, Ok(agenda(now, &[(7, 2)])));
        assert!(screen.today.items.is_empty());
        screen.refresh();
        assert_eq!(screen.progress(), Some((1, 3)));
        assert_eq!(screen.today.items.len(), 1);
        assert_eq!(screen.today.items[0].client, "globex");

        // A later file with an older overdue update ranks above; the selection stays on
        // globex's line.
        screen.arrived(0, Ok(agenda(now, &[(3, 30)])));
        screen.refresh();
        let clients: Vec<&str> = screen
            .today
            .items
            .iter()
            .map(|i| i.client.as_str())
            .collect();
        assert_eq!(clients, ["acme", "globex"]);
        assert_eq!(screen.selected, 1);

        // The last file cannot be read: it is named, and reading is over.
        screen.arrived(2, Err(Error::Conflict("not a database".into())));
        screen.refresh();
        assert_eq!(screen.progress(), None);
        assert_eq!(screen.today.clients.len(), 2);
        assert_eq!(screen.today.skipped.len(), 1);
        assert_eq!(screen.today.skipped[0].client, "initech");
        assert!(
            screen.status().contains("initech (not a database)"),
            "{}",
            screen.status()
        );
    }

    #[test]
    fn back_from_a_client_the_item_opened_is_selected_when_it_arrives() {
        let now = Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
        let files = files();
        let mut screen = Portfolio::reading(&files, now);
        if let Some(l) = screen.loading.as_mut() {
            l.want = Some(("initech".into(), Section::OverdueUpdates, Record::Update(9)));
        }
        screen.arrived(0, Ok(agenda(now, &[(3, 30), (4, 20)])));
        screen.refresh();
        assert_eq!(screen.selected, 0);
        screen.arrived(2, Ok(agenda(now, &[(9, 1)])));
        screen.refresh();
        assert_eq!(screen.today.items[screen.selected].client, "initech");
    }
}
