//! The mouse on the portfolio screen, as on the panes: a click on an item selects it, on
//! the selected item (the second click of a double click) opens it like Enter; the wheel
//! moves through the items; with the client switcher open, a click on a client picks it,
//! a click outside closes the switcher. The view records where it drew the rows
//! ([`Hits`]); [`Portfolio::mouse`] reads them, so this is tested without a terminal.

use super::state::{Portfolio, Step};
use crate::tui::hits::Area;
use crate::tui::key::{Code, Key};
use crate::tui::mouse::{Mouse, MouseKind};

fn at(list: &[(Area, usize)], m: Mouse) -> Option<usize> {
    list.iter()
        .find(|(a, _)| a.contains(m.column, m.row))
        .map(|(_, i)| *i)
}

impl Portfolio {
    /// What a mouse event does to the screen, as the keys it stands for.
    pub fn mouse(&mut self, m: Mouse) -> Step {
        let hits = self.hits.borrow().clone();
        match m.kind {
            MouseKind::WheelDown => return self.key(Key::plain(Code::Down)),
            MouseKind::WheelUp => return self.key(Key::plain(Code::Up)),
            MouseKind::Click => {}
        }
        if self.switcher.is_some() {
            if let Some(i) = at(&hits.switcher, m) {
                // The row picked, then Enter: a client opens, All clients closes the switcher.
                self.switcher = Some(i);
                return self.key(Key::plain(Code::Enter));
            }
            if !hits.popup.is_some_and(|p| p.contains(m.column, m.row)) {
                self.switcher = None;
            }
            return Step::Stay;
        }
        match at(&hits.items, m) {
            Some(i) if i == self.selected => self.key(Key::plain(Code::Enter)),
            Some(i) => {
                self.selected = i;
                Step::Stay
            }
            None => Step::Stay,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::Record;
    use crate::workflow::portfolio::{ClientFile, merge};
    use crate::workflow::today::{Agenda, AgendaItem, Section};
    use chrono::{DateTime, TimeZone, Utc};
    use ratatui::{Terminal, backend::TestBackend};

    fn agenda(now: DateTime<Utc>, ids: &[i64]) -> Agenda {
        Agenda {
            now,
            items: ids
                .iter()
                .map(|&id| AgendaItem {
                    section: Section::OverdueUpdates,
                    record: Record::Update(id),
                    project: "Portal".into(),
                    tag: "status".into(),
                    text: format!("update {id}"),
                    shown: None,
                    when: Some(now - chrono::Duration::hours(id)),
                    severity: None,
                    rating: None,
                })
                .collect(),
            health: Vec::new(),
            totals: Vec::new(),
        }
    }

    /// Three clients with two overdue updates each, drawn once at 100x30 (the hits).
    fn screen() -> (Portfolio, Terminal<TestBackend>) {
        let now = Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
        let files: Vec<ClientFile> = ["acme", "globex", "initech"]
            .iter()
            .map(|n| ClientFile {
                name: n.to_string(),
                path: format!("/data/{n}.sqlite3").into(),
            })
            .collect();
        let read = (0..3).map(|i| (i, agenda(now, &[1, 2]))).collect();
        let p = Portfolio::new(merge(now, &files, read, Vec::new()));
        let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
        t.draw(|f| super::super::view::draw(f, &p)).unwrap();
        (p, t)
    }

    fn draw(p: &Portfolio, t: &mut Terminal<TestBackend>) {
        t.draw(|f| super::super::view::draw(f, p)).unwrap();
    }

    /// The screen's line `y` as text.
    fn line(t: &Terminal<TestBackend>, y: u16) -> String {
        let buf = t.backend().buffer();
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    #[test]
    fn a_click_selects_an_item_and_a_second_click_opens_it() {
        let (mut p, mut t) = screen();
        assert_eq!(p.today.items.len(), 6);
        let hits = p.hits.borrow().items.clone();
        assert_eq!(hits.len(), 6, "every item drawn is clickable: {hits:?}");
        // The third item's line shows the third item.
        let (area, i) = hits[2];
        assert_eq!(i, 2);
        let shown = line(&t, area.y);
        let third = p.today.items[2].clone();
        assert!(
            shown.contains(&third.client)
                && shown.contains(&format!("update {}", third.item.record.id())),
            "{shown}"
        );
        assert_eq!(p.mouse(Mouse::click(area.x + 10, area.y)), Step::Stay);
        assert_eq!(p.selected, 2);
        // A click on the border, the header or the status line does nothing.
        for (x, y) in [(0, area.y), (10, hits[0].0.y - 1), (10, 29)] {
            assert_eq!(p.mouse(Mouse::click(x, y)), Step::Stay);
            assert_eq!(p.selected, 2);
        }
        draw(&p, &mut t);
        assert_eq!(
            p.mouse(Mouse::click(area.x + 10, area.y)),
            Step::Open {
                client: third.client.clone(),
                item: Some((third.item.section, third.item.record)),
            },
            "the selected item opens, as Enter does"
        );
    }

    #[test]
    fn the_wheel_moves_the_selection_and_stops_at_the_ends() {
        let (mut p, _) = screen();
        let wheel = |kind| Mouse {
            kind,
            column: 10,
            row: 10,
        };
        p.mouse(wheel(MouseKind::WheelDown));
        p.mouse(wheel(MouseKind::WheelDown));
        assert_eq!(p.selected, 2);
        for _ in 0..5 {
            p.mouse(wheel(MouseKind::WheelUp));
        }
        assert_eq!(p.selected, 0);
    }

    #[test]
    fn a_click_on_a_client_in_the_switcher_opens_it_and_outside_closes_it() {
        let (mut p, mut t) = screen();
        p.open_switcher();
        draw(&p, &mut t);
        let rows = p.hits.borrow().switcher.clone();
        assert_eq!(rows.len(), 4, "All clients and three clients: {rows:?}");
        let (area, i) = rows[2];
        assert_eq!(i, 2);
        assert!(line(&t, area.y).contains("globex"), "{}", line(&t, area.y));
        // A click on the popup's border, over the item lines, picks nothing.
        let popup = p.hits.borrow().popup.expect("the popup");
        let before = p.selected;
        assert_eq!(p.mouse(Mouse::click(popup.x, area.y)), Step::Stay);
        assert_eq!((p.switcher, p.selected), (Some(0), before));
        assert_eq!(
            p.mouse(Mouse::click(area.x + 3, area.y)),
            Step::Open {
                client: "globex".into(),
                item: None
            }
        );
        assert_eq!(p.switcher, None);

        // The wheel moves the switcher's selection; All clients closes it.
        p.open_switcher();
        draw(&p, &mut t);
        p.mouse(Mouse {
            kind: MouseKind::WheelDown,
            column: 1,
            row: 1,
        });
        assert_eq!(p.switcher, Some(1));
        let (all, _) = p.hits.borrow().switcher[0];
        assert_eq!(p.mouse(Mouse::click(all.x + 3, all.y)), Step::Stay);
        assert_eq!(p.switcher, None);

        // A click beside the popup closes it and selects nothing.
        p.open_switcher();
        draw(&p, &mut t);
        let before = p.selected;
        assert_eq!(p.mouse(Mouse::click(0, 0)), Step::Stay);
        assert_eq!((p.switcher, p.selected), (None, before));
    }
}
