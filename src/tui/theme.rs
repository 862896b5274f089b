//! Semantic styles: call sites ask for "severity" or "overdue", never for a raw colour.

use ratatui::style::{Color, Modifier, Style};

use crate::model::{ExpectationStatus, Severity};
use crate::workflow::today::Rating;

pub fn severity(s: Severity) -> Style {
    match s {
        Severity::Critical => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        Severity::High => Style::new().fg(Color::LightRed),
        Severity::Medium => Style::new().fg(Color::Yellow),
        Severity::Low => Style::new().fg(Color::Gray),
    }
}

pub fn rating(r: Rating) -> Style {
    match r {
        Rating::Red => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        Rating::Amber => Style::new().fg(Color::Yellow),
        Rating::Green => Style::new().fg(Color::Green),
    }
}

pub fn expectation(s: ExpectationStatus) -> Style {
    match s {
        ExpectationStatus::AtRisk | ExpectationStatus::Missed => Style::new().fg(Color::Red),
        ExpectationStatus::Changed => Style::new().fg(Color::Yellow),
        ExpectationStatus::Met => Style::new().fg(Color::Green),
        ExpectationStatus::Withdrawn => dim(),
        _ => Style::new(),
    }
}

pub fn sentiment(s: i8) -> Style {
    match s {
        i8::MIN..=-1 => Style::new().fg(Color::Red),
        0 => dim(),
        _ => Style::new().fg(Color::Green),
    }
}

/// A promise to the client that is past due.
pub fn overdue() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn header() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn section() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn block(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan)
    } else {
        dim()
    }
}

pub fn tab(active: bool) -> Style {
    if active {
        Style::new()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    }
}

pub fn error() -> Style {
    Style::new().fg(Color::Red)
}

pub fn info() -> Style {
    Style::new().fg(Color::Green)
}

pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// A share the PM wants high (told in time, promises kept): green from 90%, yellow from 70%.
pub fn share(rate: f64) -> Style {
    if rate >= 0.9 {
        Style::new().fg(Color::Green)
    } else if rate >= 0.7 {
        Style::new().fg(Color::Yellow)
    } else {
        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
    }
}

/// The series of the Insights charts: open issues, the client's mood, satisfaction.
pub fn chart_issues() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn chart_mood() -> Style {
    Style::new().fg(Color::Magenta)
}

pub fn chart_score() -> Style {
    Style::new().fg(Color::Yellow)
}
