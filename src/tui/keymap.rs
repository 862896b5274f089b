//! (key → action) for normal mode: defaults, config overrides, and a refusal of any key
//! bound to two actions. The help overlay and the footer (in `view/help.rs`) are built
//! from this table.

use std::collections::BTreeMap;

use super::action::Action;
use super::key::{Code, Key};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct KeyMap {
    bindings: Vec<(Key, Action)>,
}

fn defaults() -> Vec<(Key, Action)> {
    use Action::*;
    let mut b = vec![
        (Key::ch('q'), Quit),
        (Key::ctrl('c'), Quit),
        (Key::ch('?'), Help),
        (Key::plain(Code::Tab), NextPane),
        (Key::plain(Code::BackTab), PrevPane),
        (Key::ch('j'), Down),
        (Key::plain(Code::Down), Down),
        (Key::ch('k'), Up),
        (Key::plain(Code::Up), Up),
        (Key::plain(Code::PageDown), PageDown),
        (Key::ctrl('d'), PageDown),
        (Key::plain(Code::PageUp), PageUp),
        (Key::ctrl('u'), PageUp),
        (Key::ch('g'), Top),
        (Key::plain(Code::Home), Top),
        (Key::ch('G'), Bottom),
        (Key::plain(Code::End), Bottom),
        (Key::plain(Code::Enter), Open),
        (Key::ch('a'), Add),
        (Key::ch('P'), AddProject),
        (Key::ch('e'), Edit),
        (Key::ch('x'), Archive),
        (Key::ch('u'), Undo),
        (Key::ch('/'), Filter),
        (Key::ch('s'), MarkSent),
        (Key::ch('S'), Skip),
        (Key::ch('H'), Handled),
        (Key::ch('D'), Draft),
        (Key::ch('y'), Copy),
        (Key::ctrl('r'), Refresh),
        (Key::ch(']'), NextSection),
        (Key::plain(Code::Right), NextSection),
        (Key::ch('['), PrevSection),
        (Key::plain(Code::Left), PrevSection),
        (Key::ch('o'), Occurred),
        (Key::ch('p'), AddResponse),
        (Key::ch('d'), ActionDone),
        (Key::ch('m'), Minutes),
        (Key::ch('E'), ExternalEditor),
        (Key::plain(Code::Esc), Back),
    ];
    for (i, pane) in super::pane::Pane::ALL.iter().enumerate() {
        b.push((Key::ch(char::from(b'0' + pane.number())), GoPane(i)));
    }
    b
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            bindings: defaults(),
        }
    }
}

impl KeyMap {
    /// Defaults with the `[keys]` overrides of config.toml: each named action gets the
    /// given key instead of its default ones.
    pub fn with_overrides(overrides: &BTreeMap<String, String>) -> Result<KeyMap> {
        let mut bindings = defaults();
        for (name, key_text) in overrides {
            let action = bindings
                .iter()
                .map(|(_, a)| a.clone())
                .find(|a| a.config_name() == Some(name.as_str()))
                .ok_or_else(|| {
                    let names: Vec<&str> = defaults()
                        .iter()
                        .filter_map(|(_, a)| a.config_name())
                        .fold(Vec::new(), |mut v, n| {
                            if !v.contains(&n) {
                                v.push(n);
                            }
                            v
                        });
                    Error::invalid("action in [keys]", name, names.join(", "))
                })?;
            let key = Key::parse(key_text).ok_or_else(|| {
                Error::invalid_because(
                    format!("key for {name}"),
                    key_text,
                    "a key such as q, G, ctrl-s, f2, shift-tab, pgdn",
                )
            })?;
            bindings.retain(|(_, a)| *a != action);
            bindings.push((key, action));
        }
        let map = KeyMap { bindings };
        map.check_duplicates()?;
        Ok(map)
    }

    fn check_duplicates(&self) -> Result<()> {
        let mut seen: BTreeMap<Key, Action> = BTreeMap::new();
        for (key, action) in &self.bindings {
            if let Some(other) = seen.insert(*key, action.clone())
                && other != *action
            {
                return Err(Error::invalid_because(
                    "[keys]",
                    &key.to_string(),
                    format!(
                        "one action per key, but it is bound to both {} and {}",
                        other.describe(),
                        action.describe()
                    ),
                ));
            }
        }
        Ok(())
    }

    pub fn action(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, a)| a.clone())
    }

    /// All keys of an action, "j/↓" style.
    pub fn keys_of(&self, action: Action) -> String {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| k.to_string())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The first key of an action, for the footer.
    pub fn first_key(&self, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|(_, a)| *a == action)
            .map(|(k, _)| *k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_no_duplicates() {
        KeyMap::default().check_duplicates().unwrap();
        assert_eq!(KeyMap::default().action(Key::ch('j')), Some(Action::Down));
        assert_eq!(
            KeyMap::default().action(Key::ch('3')),
            Some(Action::GoPane(2))
        );
    }

    #[test]
    fn an_override_replaces_the_default_keys_of_that_action() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), "ctrl-q".to_string());
        let map = KeyMap::with_overrides(&o).unwrap();
        assert_eq!(map.action(Key::ctrl('q')), Some(Action::Quit));
        assert_eq!(map.action(Key::ch('q')), None);
        assert_eq!(map.keys_of(Action::Quit), "Ctrl-q");
    }

    #[test]
    fn a_key_bound_twice_is_refused_with_both_actions_named() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), "x".to_string());
        let err = KeyMap::with_overrides(&o).unwrap_err().to_string();
        assert!(err.contains("bound to both archive and quit"), "{err}");
        let mut o = BTreeMap::new();
        o.insert("explode".to_string(), "z".to_string());
        let err = KeyMap::with_overrides(&o).unwrap_err().to_string();
        assert!(err.contains("invalid action in [keys] 'explode'"), "{err}");
    }
}
