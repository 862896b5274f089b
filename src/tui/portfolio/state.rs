//! The portfolio screen's state: Today across every client, the selection, the client
//! switcher (`c`) and the files left out. Pure: keys in, a step out; no I/O here.

use crate::tui::key::{Code, Key};
use crate::workflow::Record;
use crate::workflow::portfolio::PortfolioToday;
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
}

impl Portfolio {
    pub fn new(today: PortfolioToday) -> Portfolio {
        Portfolio {
            today,
            selected: 0,
            switcher: None,
            last_client: None,
        }
    }

    /// The status line: the files left out, or how to move on.
    pub fn status(&self) -> String {
        if self.today.skipped.is_empty() {
            "Enter: open the item in its client's file · c: clients · q: quit".into()
        } else {
            let names: Vec<String> = self
                .today
                .skipped
                .iter()
                .map(|s| format!("{} ({})", s.client, s.reason))
                .collect();
            format!("left out: {}", names.join("; "))
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
