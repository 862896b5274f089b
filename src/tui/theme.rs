//! Semantic styles: call sites ask for "severity" or "overdue", never for a raw colour.
//!
//! The colours come from the theme in use (`theme` / `[theme]` in the config, `NO_COLOR`),
//! set once for the process at start; tests render with another on their own thread
//! ([`with_theme`]), as `i18n` does for the language. In the mono theme nothing is coloured:
//! what colour said is said by reverse, bold, underline and words (the active tab is also
//! written in [brackets]).

use std::cell::Cell;
use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

use crate::error::Result;
use crate::model::{ExpectationStatus, Severity};
use crate::theme_spec::{Base, Colour, ThemeSpec};
use crate::workflow::today::Rating;

/// The colour of each semantic role; None means "no colour" (the terminal's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// No colour at all (the mono theme, `NO_COLOR`): styles fall back to modifiers.
    pub mono: bool,
    /// Extra bold on titles and keys (the high-contrast theme).
    pub strong: bool,
    pub accent: Option<Color>,
    pub dim: Option<Color>,
    pub good: Option<Color>,
    pub warn: Option<Color>,
    pub bad: Option<Color>,
    pub critical: Option<Color>,
    pub high: Option<Color>,
    pub medium: Option<Color>,
    pub low: Option<Color>,
    pub overdue: Option<Color>,
    pub tab_fg: Option<Color>,
    pub tab_bg: Option<Color>,
    pub selected_fg: Option<Color>,
    pub selected_bg: Option<Color>,
    pub error: Option<Color>,
    pub info: Option<Color>,
    pub chart_issues: Option<Color>,
    pub chart_mood: Option<Color>,
    pub chart_score: Option<Color>,
}

impl Theme {
    /// Light text on a dark terminal: the colours rapport always had.
    pub const fn dark() -> Theme {
        Theme {
            mono: false,
            strong: false,
            accent: Some(Color::Cyan),
            dim: Some(Color::DarkGray),
            good: Some(Color::Green),
            warn: Some(Color::Yellow),
            bad: Some(Color::Red),
            critical: Some(Color::Red),
            high: Some(Color::LightRed),
            medium: Some(Color::Yellow),
            low: Some(Color::Gray),
            overdue: Some(Color::Red),
            tab_fg: Some(Color::Black),
            tab_bg: Some(Color::Cyan),
            selected_fg: None,
            selected_bg: None,
            error: Some(Color::Red),
            info: Some(Color::Green),
            chart_issues: Some(Color::Cyan),
            chart_mood: Some(Color::Magenta),
            chart_score: Some(Color::Yellow),
        }
    }

    /// Dark text on a light terminal: no yellow or light grey, which vanish on white.
    pub const fn light() -> Theme {
        const AMBER: Color = Color::Rgb(0x9a, 0x5b, 0x00);
        const GREEN: Color = Color::Rgb(0x1a, 0x7f, 0x37);
        const BLUE: Color = Color::Rgb(0x0a, 0x4f, 0xa8);
        Theme {
            accent: Some(BLUE),
            dim: Some(Color::Rgb(0x6e, 0x6e, 0x6e)),
            good: Some(GREEN),
            warn: Some(AMBER),
            bad: Some(Color::Rgb(0xc0, 0x1c, 0x28)),
            critical: Some(Color::Rgb(0xc0, 0x1c, 0x28)),
            high: Some(Color::Rgb(0xd0, 0x40, 0x20)),
            medium: Some(AMBER),
            low: Some(Color::Rgb(0x55, 0x55, 0x55)),
            overdue: Some(Color::Rgb(0xc0, 0x1c, 0x28)),
            tab_fg: Some(Color::White),
            tab_bg: Some(BLUE),
            info: Some(GREEN),
            error: Some(Color::Rgb(0xc0, 0x1c, 0x28)),
            chart_issues: Some(BLUE),
            chart_mood: Some(Color::Rgb(0x8a, 0x2b, 0xa8)),
            chart_score: Some(AMBER),
            ..Theme::dark()
        }
    }

    /// The brightest colours of the terminal's palette, bold titles, white active tab.
    pub const fn high_contrast() -> Theme {
        Theme {
            strong: true,
            accent: Some(Color::LightCyan),
            dim: Some(Color::Gray),
            good: Some(Color::LightGreen),
            warn: Some(Color::LightYellow),
            bad: Some(Color::LightRed),
            critical: Some(Color::LightRed),
            high: Some(Color::LightMagenta),
            medium: Some(Color::LightYellow),
            low: Some(Color::White),
            overdue: Some(Color::LightRed),
            tab_fg: Some(Color::Black),
            tab_bg: Some(Color::White),
            error: Some(Color::LightRed),
            info: Some(Color::LightGreen),
            chart_issues: Some(Color::LightCyan),
            chart_mood: Some(Color::LightMagenta),
            chart_score: Some(Color::LightYellow),
            ..Theme::dark()
        }
    }

    /// No colour: reverse, bold, underline and words only.
    pub const fn mono() -> Theme {
        Theme {
            mono: true,
            strong: false,
            accent: None,
            dim: None,
            good: None,
            warn: None,
            bad: None,
            critical: None,
            high: None,
            medium: None,
            low: None,
            overdue: None,
            tab_fg: None,
            tab_bg: None,
            selected_fg: None,
            selected_bg: None,
            error: None,
            info: None,
            chart_issues: None,
            chart_mood: None,
            chart_score: None,
        }
    }

    pub fn of(base: Base) -> Theme {
        match base {
            Base::Dark => Theme::dark(),
            Base::Light => Theme::light(),
            Base::HighContrast => Theme::high_contrast(),
            Base::Mono => Theme::mono(),
        }
    }

    /// The config's theme with its overrides; `no_color` is the `NO_COLOR` variable. In
    /// the mono theme overrides are ignored: it has no colour to override.
    pub fn from_spec(spec: &ThemeSpec, no_color: bool) -> Result<Theme> {
        let checked = spec.check(no_color)?;
        let mut theme = Theme::of(checked.base);
        if !theme.mono {
            for (key, colour) in checked.colours {
                if let Some(slot) = theme.slot(key) {
                    *slot = Some(to_color(colour));
                }
            }
        }
        Ok(theme)
    }

    fn slot(&mut self, key: &str) -> Option<&mut Option<Color>> {
        Some(match key {
            "accent" => &mut self.accent,
            "dim" => &mut self.dim,
            "good" => &mut self.good,
            "warn" => &mut self.warn,
            "bad" => &mut self.bad,
            "critical" => &mut self.critical,
            "high" => &mut self.high,
            "medium" => &mut self.medium,
            "low" => &mut self.low,
            "overdue" => &mut self.overdue,
            "tab_fg" => &mut self.tab_fg,
            "tab_bg" => &mut self.tab_bg,
            "selected_fg" => &mut self.selected_fg,
            "selected_bg" => &mut self.selected_bg,
            "error" => &mut self.error,
            "info" => &mut self.info,
            "chart_issues" => &mut self.chart_issues,
            "chart_mood" => &mut self.chart_mood,
            "chart_score" => &mut self.chart_score,
            _ => return None,
        })
    }
}

fn to_color(c: Colour) -> Color {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        Colour::Default => Color::Reset,
        Colour::Named(i) => NAMED.get(usize::from(i)).copied().unwrap_or(Color::Reset),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

static PROCESS_THEME: OnceLock<Theme> = OnceLock::new();

thread_local! {
    static THREAD_THEME: Cell<Option<Theme>> = const { Cell::new(None) };
}

/// Sets the theme for the whole process (once, at start; later calls change nothing).
pub fn set(theme: Theme) {
    let _ = PROCESS_THEME.set(theme);
}

/// The theme in use on this thread.
pub fn current() -> Theme {
    THREAD_THEME
        .with(Cell::get)
        .or_else(|| PROCESS_THEME.get().copied())
        .unwrap_or(Theme::dark())
}

/// Runs `f` with this thread drawing in `theme` (tests render several themes side by side).
pub fn with_theme<T>(theme: Theme, f: impl FnOnce() -> T) -> T {
    let before = THREAD_THEME.with(|t| t.replace(Some(theme)));
    struct Restore(Option<Theme>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD_THEME.with(|t| t.set(self.0));
        }
    }
    let _restore = Restore(before);
    f()
}

/// Text in colour `c`, when the theme has one.
fn fg(c: Option<Color>) -> Style {
    match c {
        Some(c) => Style::new().fg(c),
        None => Style::new(),
    }
}

/// Text in `f` on `b`, each when the theme has it.
fn fg_bg(f: Option<Color>, b: Option<Color>) -> Style {
    match b {
        Some(b) => fg(f).bg(b),
        None => fg(f),
    }
}

/// Bold in the mono theme, where the colour that set the text apart is missing.
fn fg_or_bold(c: Option<Color>, t: &Theme) -> Style {
    if t.mono {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        fg(c)
    }
}

pub fn severity(s: Severity) -> Style {
    let t = current();
    match s {
        Severity::Critical => fg(t.critical).add_modifier(Modifier::BOLD),
        Severity::High => fg_or_bold(t.high, &t),
        Severity::Medium => fg(t.medium),
        Severity::Low => fg(t.low),
    }
}

pub fn rating(r: Rating) -> Style {
    let t = current();
    match r {
        Rating::Red => fg(t.bad).add_modifier(Modifier::BOLD),
        Rating::Amber => fg(t.warn),
        Rating::Green => fg(t.good),
    }
}

pub fn expectation(s: ExpectationStatus) -> Style {
    let t = current();
    match s {
        ExpectationStatus::AtRisk | ExpectationStatus::Missed => fg_or_bold(t.bad, &t),
        ExpectationStatus::Changed => fg(t.warn),
        ExpectationStatus::Met => fg(t.good),
        ExpectationStatus::Withdrawn => dim(),
        _ => Style::new(),
    }
}

pub fn sentiment(s: i8) -> Style {
    let t = current();
    match s {
        i8::MIN..=-1 => fg_or_bold(t.bad, &t),
        0 => dim(),
        _ => fg(t.good),
    }
}

/// A promise to the client that is past due: bold, and underlined where there is no colour.
pub fn overdue() -> Style {
    let t = current();
    let style = fg(t.overdue).add_modifier(Modifier::BOLD);
    if t.mono {
        style.add_modifier(Modifier::UNDERLINED)
    } else {
        style
    }
}

pub fn dim() -> Style {
    let t = current();
    if t.mono {
        Style::new().add_modifier(Modifier::DIM)
    } else {
        fg(t.dim)
    }
}

pub fn header() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn section() -> Style {
    fg(current().accent).add_modifier(Modifier::BOLD)
}

/// The selected row: the theme's colours when it sets them, else reversed.
pub fn selected() -> Style {
    let t = current();
    match (t.selected_fg, t.selected_bg) {
        (None, None) => Style::new().add_modifier(Modifier::REVERSED),
        (f, b) => fg_bg(f, b),
    }
}

pub fn block(focused: bool) -> Style {
    let t = current();
    match (focused, t.mono) {
        (true, _) => fg(t.accent),
        (false, true) => Style::new(),
        (false, false) => dim(),
    }
}

/// A tab: the active one in the theme's colours, reversed where there are none.
pub fn tab(active: bool) -> Style {
    let t = current();
    if !active {
        return Style::new();
    }
    let style = Style::new().add_modifier(Modifier::BOLD);
    match (t.tab_fg, t.tab_bg) {
        (None, None) => style.add_modifier(Modifier::REVERSED),
        (f, b) => style.patch(fg_bg(f, b)),
    }
}

/// A tab's label: in the mono theme the active one is also written in [brackets], taking
/// the place of its padding when it has some.
pub fn tab_label(text: String, active: bool) -> String {
    if !active || !current().mono {
        return text;
    }
    match text
        .strip_prefix(' ')
        .and_then(|rest| rest.strip_suffix(' '))
    {
        Some(inner) => format!("[{inner}]"),
        None => format!("[{text}]"),
    }
}

pub fn error() -> Style {
    let t = current();
    fg_or_bold(t.error, &t)
}

pub fn info() -> Style {
    fg(current().info)
}

pub fn key() -> Style {
    fg(current().accent).add_modifier(Modifier::BOLD)
}

/// A share the PM wants high (told in time, promises kept): green from 90%, yellow from 70%.
pub fn share(rate: f64) -> Style {
    let t = current();
    if rate >= 0.9 {
        fg(t.good)
    } else if rate >= 0.7 {
        fg(t.warn)
    } else {
        fg(t.bad).add_modifier(Modifier::BOLD)
    }
}

/// The series of the Insights charts: open issues, the client's mood, satisfaction.
pub fn chart_issues() -> Style {
    fg(current().chart_issues)
}

pub fn chart_mood() -> Style {
    fg(current().chart_mood)
}

pub fn chart_score() -> Style {
    fg(current().chart_score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dark_theme_keeps_the_old_colours() {
        with_theme(Theme::dark(), || {
            assert_eq!(
                tab(true),
                Style::new()
                    .fg(Color::Black)
                    .bg(Color::Cyan)
                    .add_modifier(Modifier::BOLD)
            );
            assert_eq!(
                overdue(),
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
            );
            assert_eq!(selected(), Style::new().add_modifier(Modifier::REVERSED));
        });
    }

    #[test]
    fn mono_has_no_colour_and_marks_by_modifiers() {
        with_theme(Theme::mono(), || {
            for s in [
                tab(true),
                selected(),
                overdue(),
                severity(Severity::Critical),
            ] {
                assert_eq!((s.fg, s.bg), (None, None));
            }
            assert!(tab(true).add_modifier.contains(Modifier::REVERSED));
            assert!(overdue().add_modifier.contains(Modifier::BOLD));
            assert_eq!(tab_label(" 2 Issues ".into(), true), "[2 Issues]");
            assert_eq!(tab_label("2 Iss".into(), true), "[2 Iss]");
            assert_eq!(tab_label(" 2 Issues ".into(), false), " 2 Issues ");
        });
    }

    #[test]
    fn overrides_replace_one_colour_and_mono_ignores_them() {
        let spec: ThemeSpec = toml::from_str::<toml::Table>(
            "[theme]\nbase = \"light\"\noverdue = \"red\"\nselected_bg = \"#303030\"",
        )
        .ok()
        .and_then(|t| t.get("theme").cloned())
        .and_then(|v| v.try_into().ok())
        .unwrap();
        let t = Theme::from_spec(&spec, false).unwrap();
        assert_eq!(t.overdue, Some(Color::Red));
        assert_eq!(t.selected_bg, Some(Color::Rgb(0x30, 0x30, 0x30)));
        assert_eq!(t.accent, Theme::light().accent);
        with_theme(t, || {
            assert_eq!(selected().bg, Some(Color::Rgb(0x30, 0x30, 0x30)))
        });
        let mono = ThemeSpec {
            base: Some("mono".into()),
            ..spec
        };
        assert_eq!(Theme::from_spec(&mono, false).unwrap(), Theme::mono());
    }
}
