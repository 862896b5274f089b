//! The interface's own words (labels, help, messages, errors, the CLI's human output) in
//! English and Simplified Chinese. This is separate from the language of what the client
//! reads (drafts, reports: `language` in the config): a PM in Shanghai may run rapport in
//! Chinese for an English-speaking client.
//!
//! The catalogue is keyed by the English text, gettext-style, so the code reads naturally and
//! a missing translation falls back to English instead of a key name:
//!
//! ```text
//! tr("Open issues")                                   // "未解决的问题" in zh-CN
//! trf("Saved issue #{id}", &[("id", &7)])             // named placeholders
//! trn(n, "{n} issue resolved", "{n} issues resolved") // plural forms, by the language's rule
//! ```
//!
//! Translations live in `assets/i18n/zh-CN/*.toml` (one file per area, `"English" = "中文"`);
//! a test checks that every key used in `src/` has a translation with the same placeholders,
//! and that no translation is left over.
//!
//! The language is chosen once at start (`ui_language` in the config, else `LC_ALL`,
//! `LC_MESSAGES`, `LANG`); tests switch it for their own thread with [`with_lang`].

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhCn,
}

/// The values `ui_language` accepts, as shown in error messages.
pub const UI_LANGUAGES: &[&str] = &["en", "zh-CN"];

impl Lang {
    /// "en", "zh-CN", and the spellings locales use ("zh", "zh_CN.UTF-8", "en_GB"...).
    pub fn parse(text: &str) -> Option<Lang> {
        let base = text
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let base = base.replace('_', "-");
        if base == "zh" || base.starts_with("zh-") {
            // Traditional Chinese locales are not Simplified Chinese: English is the safer
            // fallback than a script the reader may not expect.
            if base.contains("tw") || base.contains("hk") || base.contains("hant") {
                return None;
            }
            Some(Lang::ZhCn)
        } else if base == "en" || base.starts_with("en-") || base == "c" || base == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// that is set and not empty (POSIX precedence); English when none names a language
    /// rapport speaks.
    pub fn from_env() -> Lang {
        Lang::from_vars(|name| std::env::var(name).ok())
    }

    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name).filter(|v| !v.is_empty()))
            .next()
            .and_then(|v| Lang::parse(&v))
            .unwrap_or(Lang::En)
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }
}

static PROCESS_LANG: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static THREAD_LANG: Cell<Option<Lang>> = const { Cell::new(None) };
}

fn to_u8(lang: Lang) -> u8 {
    match lang {
        Lang::En => 0,
        Lang::ZhCn => 1,
    }
}

/// Sets the interface language for the whole process (done once, at start).
pub fn set_lang(lang: Lang) {
    PROCESS_LANG.store(to_u8(lang), Ordering::Relaxed);
}

/// The language the interface speaks on this thread now.
pub fn lang() -> Lang {
    THREAD_LANG.with(Cell::get).unwrap_or_else(|| {
        if PROCESS_LANG.load(Ordering::Relaxed) == 1 {
            Lang::ZhCn
        } else {
            Lang::En
        }
    })
}

/// Runs `f` with this thread speaking `lang` (tests render both languages side by side).
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = THREAD_LANG.with(|l| l.replace(Some(lang)));
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD_LANG.with(|l| l.set(self.0));
        }
    }
    let _restore = Restore(before);
    f()
}

/// A value's stored word (a severity, status, kind...) in the interface's language: its
/// "value: WORD" entry, or the word itself.
pub fn value(word: &str) -> String {
    match lang() {
        Lang::En => word.to_string(),
        Lang::ZhCn => zh_cn()
            .get(&format!("value: {word}"))
            .map_or_else(|| word.to_string(), |w| (*w).to_string()),
    }
}

/// `f`'s text in English (what JSON keeps) and, when the interface speaks another
/// language, in that one too.
pub fn in_both(f: impl Fn() -> String) -> (String, Option<String>) {
    match lang() {
        Lang::En => (f(), None),
        other => (with_lang(Lang::En, &f), Some(with_lang(other, f))),
    }
}

/// The catalogue files, one per area of the interface.
const ZH_CN_FILES: &[(&str, &str)] = &[
    ("core.toml", include_str!("../assets/i18n/zh-CN/core.toml")),
    ("tui.toml", include_str!("../assets/i18n/zh-CN/tui.toml")),
    ("cli.toml", include_str!("../assets/i18n/zh-CN/cli.toml")),
    (
        "theme.toml",
        include_str!("../assets/i18n/zh-CN/theme.toml"),
    ),
    ("edit.toml", include_str!("../assets/i18n/zh-CN/edit.toml")),
    (
        "steps.toml",
        include_str!("../assets/i18n/zh-CN/steps.toml"),
    ),
    (
        "today.toml",
        include_str!("../assets/i18n/zh-CN/today.toml"),
    ),
    ("help.toml", include_str!("../assets/i18n/zh-CN/help.toml")),
];

/// clap's help texts (src/cli/help_zh.rs): read only when help is shown, so a command that
/// runs never parses them.
const HELP_FILE: &str = "help.toml";

fn zh_cn() -> &'static HashMap<String, &'static str> {
    static CATALOGUE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    CATALOGUE.get_or_init(|| catalogue(|name| name != HELP_FILE))
}

fn zh_cn_help() -> &'static HashMap<String, &'static str> {
    static HELP: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    HELP.get_or_init(|| catalogue(|name| name == HELP_FILE))
}

fn catalogue(wanted: impl Fn(&str) -> bool) -> HashMap<String, &'static str> {
    let mut map = HashMap::new();
    for (_, text) in ZH_CN_FILES.iter().filter(|(name, _)| wanted(name)) {
        // The files are compiled in and checked by a test, so a broken one can only be a
        // build that never passed its tests; fall back to English rather than panic.
        if let Ok(table) = text.parse::<toml::Table>() {
            for (key, value) in table {
                if let toml::Value::String(s) = value {
                    map.insert(key, &*Box::leak(s.into_boxed_str()));
                }
            }
        }
    }
    map
}

/// The zh-CN translation of a text known only at run time (clap's help, built from doc
/// comments), whatever the interface's language; `None` when there is none.
pub fn zh_cn_text(text: &str) -> Option<&'static str> {
    zh_cn_help()
        .get(text)
        .or_else(|| zh_cn().get(text))
        .copied()
}

/// `text` in the interface's language (itself in English, or when no translation exists).
pub fn tr(text: &'static str) -> &'static str {
    match lang() {
        Lang::En => text,
        Lang::ZhCn => zh_cn().get(text).copied().unwrap_or(text),
    }
}

/// `text` translated, then each `{name}` replaced by its value.
pub fn trf(text: &'static str, args: &[(&str, &dyn Display)]) -> String {
    fill(tr(text), args)
}

/// The form of `one`/`other` the count calls for in the interface's language, with `{n}`
/// replaced by the count. English: "1 issue", "0 issues", "2 issues"; Chinese has one form
/// (the translation of `one`).
pub fn trn(n: i64, one: &'static str, other: &'static str) -> String {
    trnf(n, one, other, &[])
}

/// [`trn`] with more placeholders than `{n}`.
pub fn trnf(
    n: i64,
    one: &'static str,
    other: &'static str,
    args: &[(&str, &dyn Display)],
) -> String {
    let form = match lang() {
        Lang::En => {
            if n == 1 {
                one
            } else {
                other
            }
        }
        Lang::ZhCn => zh_cn()
            .get(one)
            .copied()
            .unwrap_or(if n == 1 { one } else { other }),
    };
    let mut all: Vec<(&str, &dyn Display)> = vec![("n", &n)];
    all.extend_from_slice(args);
    fill(form, &all)
}

fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
