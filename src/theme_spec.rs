//! The theme as the config writes it: a base theme by name and colour overrides by semantic
//! key (`overdue = "red"`, `selected_bg = "#303030"`), checked here without any terminal
//! library so that a bad value is refused with the rest of the config. The TUI turns the
//! checked spec into styles (`tui::theme`).
//!
//! Both spellings are accepted: `theme = "light"` at the top level, or a table
//!
//! ```toml
//! [theme]
//! base = "light"
//! overdue = "red"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The themes rapport ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    Dark,
    Light,
    HighContrast,
    /// No colour at all: reverse, bold, underline and words only (what `NO_COLOR` asks for).
    Mono,
}

pub const BASES: &[&str] = &["dark", "light", "high-contrast", "mono"];

impl Base {
    pub fn parse(name: &str) -> Option<Base> {
        Some(match name {
            "dark" => Base::Dark,
            "light" => Base::Light,
            "high-contrast" => Base::HighContrast,
            "mono" => Base::Mono,
            _ => return None,
        })
    }
}

/// The semantic colours a `[theme]` table may set, each with what it colours.
pub const KEYS: &[(&str, &str)] = &[
    ("accent", "section titles, keys, the focused border"),
    ("dim", "secondary text, closed records"),
    ("good", "green: met, kept, healthy"),
    ("warn", "amber: changed, at the edge"),
    ("bad", "red: missed, at risk, unhappy"),
    ("critical", "critical severity"),
    ("high", "high severity"),
    ("medium", "medium severity"),
    ("low", "low severity"),
    ("overdue", "a promise to the client past due"),
    ("tab_fg", "the active tab's text"),
    ("tab_bg", "the active tab's background"),
    ("selected_fg", "the selected row's text (default: reversed)"),
    (
        "selected_bg",
        "the selected row's background (default: reversed)",
    ),
    ("error", "error messages"),
    ("info", "confirmations"),
    ("chart_issues", "Insights: open issues"),
    ("chart_mood", "Insights: the client's mood"),
    ("chart_score", "Insights: satisfaction"),
];

/// Colour names, in the terminal's own 16-colour palette (so they follow its scheme), and
/// `default` for the terminal's own foreground or background.
pub const COLOR_NAMES: &[&str] = &[
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

/// A checked colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// The terminal's own colour.
    Default,
    /// An index into [`COLOR_NAMES`].
    Named(u8),
    Rgb(u8, u8, u8),
}

impl Colour {
    /// A colour name (`red`, `lightblue`, `default`; `grey` and `-`/`_` are forgiven) or
    /// `#rrggbb`.
    pub fn parse(text: &str) -> Option<Colour> {
        let t = text.trim().to_ascii_lowercase();
        if let Some(hex) = t.strip_prefix('#') {
            if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
            return Some(Colour::Rgb(byte(0)?, byte(2)?, byte(4)?));
        }
        let name = t.replace(['-', '_', ' '], "").replace("grey", "gray");
        if name == "default" || name == "reset" {
            return Some(Colour::Default);
        }
        COLOR_NAMES
            .iter()
            .position(|n| *n == name)
            .and_then(|i| u8::try_from(i).ok())
            .map(Colour::Named)
    }
}

/// `theme` in the config, as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeSpec {
    /// The base theme's name; None when the config names none (then `NO_COLOR` decides
    /// between dark and mono).
    pub base: Option<String>,
    /// Semantic key = colour, as written.
    pub colours: BTreeMap<String, String>,
}

impl<'de> Deserialize<'de> for ThemeSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        const EXPECTED: &str = "a theme name such as \"light\", or a [theme] table of colours";
        match toml::Value::deserialize(d)? {
            toml::Value::String(name) => Ok(ThemeSpec {
                base: Some(name),
                colours: BTreeMap::new(),
            }),
            toml::Value::Table(table) => {
                let mut spec = ThemeSpec::default();
                for (key, value) in table {
                    let toml::Value::String(text) = value else {
                        return Err(D::Error::custom(format!(
                            "theme.{key}: expected a string such as \"red\" or \"#303030\""
                        )));
                    };
                    if key == "base" {
                        spec.base = Some(text);
                    } else {
                        spec.colours.insert(key, text);
                    }
                }
                Ok(spec)
            }
            _ => Err(D::Error::custom(EXPECTED)),
        }
    }
}

/// A theme checked: its base and its overrides by key.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedTheme {
    pub base: Base,
    pub colours: Vec<(&'static str, Colour)>,
}

impl ThemeSpec {
    /// Checks every name and colour. `no_color` (the `NO_COLOR` variable) picks the mono
    /// theme when the config names no theme; a theme named in the config wins, as
    /// no-color.org asks of user configuration.
    pub fn check(&self, no_color: bool) -> Result<CheckedTheme> {
        let base = match &self.base {
            Some(name) => {
                Base::parse(name).ok_or_else(|| Error::invalid("theme", name, BASES.join(", ")))?
            }
            None if no_color => Base::Mono,
            None => Base::Dark,
        };
        let mut colours = Vec::new();
        for (key, text) in &self.colours {
            let Some((known, _)) = KEYS.iter().find(|(k, _)| k == key) else {
                let names: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
                return Err(Error::invalid(
                    "[theme] key",
                    key,
                    format!("base, {}", names.join(", ")),
                ));
            };
            let colour = Colour::parse(text).ok_or_else(|| {
                Error::invalid_because(
                    format!("theme.{key}"),
                    text,
                    format!(
                        "a colour name ({}, default) or #rrggbb",
                        COLOR_NAMES.join(", ")
                    ),
                )
            })?;
            colours.push((*known, colour));
        }
        Ok(CheckedTheme { base, colours })
    }
}

/// True when `NO_COLOR` is set to anything but the empty string (no-color.org).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_by_name_and_hex() {
        assert_eq!(Colour::parse("red"), Some(Colour::Named(1)));
        assert_eq!(Colour::parse("Light-Blue"), Some(Colour::Named(12)));
        assert_eq!(Colour::parse("grey"), Some(Colour::Named(7)));
        assert_eq!(
            Colour::parse("#30a0FF"),
            Some(Colour::Rgb(0x30, 0xa0, 0xff))
        );
        assert_eq!(Colour::parse("default"), Some(Colour::Default));
        for bad in ["#12345", "#gggggg", "purplish", "", "#1234567"] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn no_color_chooses_mono_unless_the_config_names_a_theme() {
        let none = ThemeSpec::default();
        assert_eq!(none.check(true).unwrap().base, Base::Mono);
        assert_eq!(none.check(false).unwrap().base, Base::Dark);
        let named = ThemeSpec {
            base: Some("light".into()),
            colours: BTreeMap::new(),
        };
        assert_eq!(named.check(true).unwrap().base, Base::Light);
    }
}
