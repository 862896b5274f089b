use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::*;

#[test]
fn english_plurals_follow_the_count_and_chinese_has_one_form() {
    let en = |n| with_lang(Lang::En, || trn(n, "{n} issue", "{n} issues"));
    assert_eq!(en(0), "0 issues");
    assert_eq!(en(1), "1 issue");
    assert_eq!(en(2), "2 issues");
    // A key with no translation falls back to English, in the right form.
    let zh = |n| {
        with_lang(Lang::ZhCn, || {
            trn(n, "{n} unknown thing", "{n} unknown things")
        })
    };
    assert_eq!(zh(1), "1 unknown thing");
    assert_eq!(zh(3), "3 unknown things");
}

#[test]
fn translations_are_per_thread_and_fall_back_to_english() {
    assert_eq!(with_lang(Lang::ZhCn, || tr("Today")), "今日");
    assert_eq!(with_lang(Lang::En, || tr("Today")), "Today");
    assert_eq!(with_lang(Lang::ZhCn, || tr("no such text")), "no such text");
    // The override ends with the closure.
    with_lang(Lang::ZhCn, || {
        with_lang(Lang::En, || assert_eq!(lang(), Lang::En));
        assert_eq!(lang(), Lang::ZhCn);
    });
}

#[test]
fn placeholders_are_filled_by_name_and_unknown_ones_kept() {
    let s = fill(
        "#{id} due {when} {other}",
        &[("id", &7), ("when", &"today")],
    );
    assert_eq!(s, "#7 due today {other}");
    assert_eq!(fill("unclosed {brace", &[]), "unclosed {brace");
}

#[test]
fn the_locale_picks_the_language_with_posix_precedence() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Lang::from_vars(vars(&[("LANG", "zh_CN.UTF-8")])),
        Lang::ZhCn
    );
    assert_eq!(
        Lang::from_vars(vars(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
        Lang::En
    );
    // An empty LC_ALL does not count.
    assert_eq!(
        Lang::from_vars(vars(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_CN")])),
        Lang::ZhCn
    );
    assert_eq!(Lang::from_vars(vars(&[("LANG", "zh_TW.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_vars(vars(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_vars(vars(&[])), Lang::En);
    assert_eq!(Lang::parse("zh-CN"), Some(Lang::ZhCn));
    assert_eq!(Lang::parse("de"), None);
}

/// Every `tr("…")`, `trf("…")`, `trn(n, "…", …)` and `trnf(n, "…", …)` key in the sources.
fn keys_in_sources() -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("i18n.rs")
                && !path.ends_with("i18n/tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                for key in keys_in(&text) {
                    keys.insert(key, path.display().to_string());
                }
            }
        }
    }
    keys
}

fn keys_in(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for name in ["tr(", "trf(", "trn(", "trnf("] {
        let mut from = 0;
        while let Some(at) = text[from..].find(name) {
            let start = from + at;
            from = start + name.len();
            let before = start.checked_sub(1).map(|i| bytes[i]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
                continue;
            }
            // The first string literal of the call is the key.
            let Some(quote) = text[from..].find('"') else {
                continue;
            };
            if let Some(key) = literal(&text[from + quote + 1..]) {
                found.push(key);
            }
        }
    }
    found
}

/// The Rust string literal starting after its opening quote, unescaped.
fn literal(rest: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                '\n' => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                other => {
                    out.push('\\');
                    out.push(other);
                }
            },
            c => out.push(c),
        }
    }
    None
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.insert(after[..close].to_string());
        rest = &after[close + 1..];
    }
    names
}

#[test]
fn every_key_in_the_code_has_a_chinese_translation_with_the_same_placeholders() {
    let mut seen = BTreeMap::new();
    for (file, text) in ZH_CN_FILES {
        let table: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("assets/i18n/zh-CN/{file}: {e}"));
        for (key, value) in table {
            let value = value
                .as_str()
                .unwrap_or_else(|| panic!("{file}: {key:?} is not a string"))
                .to_string();
            assert!(!value.trim().is_empty(), "{file}: {key:?} is empty");
            assert_eq!(
                placeholders(&key),
                placeholders(&value),
                "{file}: {key:?} and its translation {value:?} name different placeholders"
            );
            if let Some(other) = seen.insert(key.clone(), *file) {
                panic!("{key:?} is in both {other} and {file}");
            }
        }
    }
    let used = keys_in_sources();
    // tr() does not read help.toml (only help does): a key in the code needs another file.
    let missing: Vec<String> = used
        .iter()
        .filter(|(k, _)| seen.get(*k).is_none_or(|file| *file == "help.toml"))
        .map(|(k, file)| format!("{k:?} ({file})"))
        .collect();
    assert!(
        missing.is_empty(),
        "no zh-CN translation for:\n{}",
        missing.join("\n")
    );
    // help.toml translates clap's help texts (doc comments, not tr() calls): the test in
    // cli::help_zh checks it against the command tree both ways.
    let unused: Vec<&String> = seen
        .iter()
        .filter(|(k, file)| **file != "help.toml" && !used.contains_key(*k))
        .map(|(k, _)| k)
        .collect();
    assert!(unused.is_empty(), "translations no code uses: {unused:?}");
}

#[test]
fn the_key_scanner_reads_calls_and_skips_lookalikes() {
    let code = r#"tr("A") + attr("B") + x.tr("C") + trf("D {x}", &[]) + trn(n, "E", "Es")
        + trnf(count(), "F", "Fs", &[]) + tr("G \"quoted\"\n")"#;
    assert_eq!(
        keys_in(code),
        vec!["A", "G \"quoted\"\n", "D {x}", "E", "F"]
    );
}
