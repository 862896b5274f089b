use std::collections::BTreeSet;

use super::*;
use crate::cli::Cli;
use clap::{CommandFactory, FromArgMatches, Parser};

/// Every text the walk asks the catalogue for, in order.
fn keys() -> Vec<String> {
    let mut keys = Vec::new();
    walk_built(Cli::command(), &mut |text| {
        keys.push(text.to_string());
        text.to_string()
    });
    keys
}

fn help_toml_keys() -> BTreeSet<String> {
    let table: toml::Table = include_str!("../../assets/i18n/zh-CN/help.toml")
        .parse()
        .expect("help.toml parses");
    table.keys().cloned().collect()
}

#[test]
fn every_help_text_has_a_chinese_translation_and_help_toml_has_no_leftovers() {
    let mut asked: BTreeSet<String> = keys().into_iter().collect();
    asked.extend(ERROR_TEXTS.iter().map(|k| k.to_string()));
    assert!(asked.len() > 200, "the walk reached {} texts", asked.len());
    let missing: Vec<&String> = asked.iter().filter(|k| zh_cn_text(k).is_none()).collect();
    assert!(
        missing.is_empty(),
        "no zh-CN translation (add them to assets/i18n/zh-CN/help.toml):\n{}",
        missing
            .iter()
            .map(|k| format!("{k:?} = \"\""))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let unused: Vec<String> = help_toml_keys()
        .into_iter()
        .filter(|k| !asked.contains(k))
        .collect();
    assert!(
        unused.is_empty(),
        "help.toml keys no help shows: {unused:?}"
    );
}

/// The help of `path` (e.g. ["issue", "add"]) as `--help` (long) or `-h` prints it.
fn render(cmd: &mut Command, path: &[&str], long: bool) -> String {
    let mut sub = cmd;
    for name in path {
        sub = sub.find_subcommand_mut(name).expect("subcommand");
    }
    if long {
        sub.render_long_help().to_string()
    } else {
        sub.render_help().to_string()
    }
}

/// Every command path of the tree (the `help` subcommand's copies left out).
fn paths(cmd: &Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let mut p = prefix.clone();
        p.push(sub.get_name().to_string());
        paths(sub, p, out);
    }
}

#[test]
fn translated_help_shows_no_english_sentence_and_keeps_every_option() {
    let mut english = Cli::command();
    english.build();
    let mut chinese = localize(Cli::command());
    let mut all = Vec::new();
    paths(&english, Vec::new(), &mut all);
    // The template lists every option under one translated heading: an argument with a
    // heading of its own would need a section of its own there.
    fn headed(cmd: &Command, out: &mut Vec<String>) {
        for a in cmd
            .get_arguments()
            .filter(|a| a.get_help_heading().is_some())
        {
            out.push(format!("{} {}", cmd.get_name(), a.get_id()));
        }
        cmd.get_subcommands().for_each(|s| headed(s, out));
    }
    let mut with_heading = Vec::new();
    headed(&english, &mut with_heading);
    let headed = with_heading;
    assert!(
        headed.is_empty(),
        "arguments with a help_heading: {headed:?}"
    );
    assert!(all.len() > 80, "{} commands", all.len());
    // The English texts of more than two words: none may survive in the Chinese help.
    let sentences: Vec<String> = keys()
        .into_iter()
        .filter(|k| k.split_whitespace().count() > 2)
        .collect();
    for path in &all {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        for long in [false, true] {
            let en = render(&mut english, &p, long);
            let zh = render(&mut chinese, &p, long);
            assert!(zh.contains("用法："), "{p:?}: {zh}");
            assert!(!zh.contains("Usage:") && !zh.contains("Options:"), "{zh}");
            assert!(
                !zh.contains("[default:") && !zh.contains("ossible values"),
                "{zh}"
            );
            for s in &sentences {
                assert!(!zh.contains(s.as_str()), "{p:?} still shows {s:?}:\n{zh}");
            }
            // Every option, argument, value and example line of the English help is there.
            for line in en.lines() {
                let t = line.trim_start();
                let token = t.split_whitespace().next().unwrap_or("");
                if (token.starts_with('-') && token.len() > 1)
                    || token.starts_with('<')
                    || t.starts_with("rapport ")
                {
                    let shown = t.split("  ").next().unwrap_or(t).trim_end();
                    assert!(zh.contains(shown), "{p:?}: {shown:?} is missing:\n{zh}");
                }
            }
        }
    }
}

#[test]
fn the_translated_tree_parses_as_the_english_one() {
    let args = [
        "rapport",
        "issue",
        "list",
        "--format",
        "csv",
        "--limit",
        "5",
        "--severity",
        "high",
    ];
    let matches = localize(Cli::command())
        .try_get_matches_from(args)
        .expect("parses");
    let zh = Cli::from_arg_matches(&matches).expect("the same types");
    let en = Cli::try_parse_from(args).expect("parses");
    assert_eq!(format!("{zh:?}"), format!("{en:?}"));
    // Defaults come through although the translated help hides them.
    let matches = localize(Cli::command())
        .try_get_matches_from(["rapport", "issue", "add", "Login fails", "-p", "Portal"])
        .expect("parses");
    let zh = Cli::from_arg_matches(&matches).expect("the same types");
    let en = Cli::try_parse_from(["rapport", "issue", "add", "Login fails", "-p", "Portal"])
        .expect("parses");
    assert_eq!(format!("{zh:?}"), format!("{en:?}"));
    // clap's suggestions are the same.
    let err = localize(Cli::command())
        .try_get_matches_from(["rapport", "isue", "list"])
        .unwrap_err();
    assert_eq!(err.kind(), clap::error::ErrorKind::InvalidSubcommand);
    assert!(err.to_string().contains("'issue'"), "{err}");
}

#[test]
fn examples_keep_their_commands_and_translate_their_notes() {
    let mut seen = Vec::new();
    let text = "Examples:\n  rapport a > x      (with y)\n  rapport b\n\nSome prose\nwrapped.";
    let out = block(text, &mut |k| {
        seen.push(k.to_string());
        format!("<{k}>")
    });
    assert_eq!(
        out,
        "<Examples:>\n  rapport a > x      <(with y)>\n  rapport b\n\n<Some prose wrapped.>"
    );
    assert_eq!(seen, ["Examples:", "(with y)", "Some prose wrapped."]);
}

#[test]
fn help_for_a_command_line_matches_the_whole_translated_tree() {
    for line in [
        "rapport --help",
        "rapport -h",
        "rapport issue add --help",
        "rapport help issue add",
        "rapport issue option add -h",
        "rapport issue",
        "rapport today --help",
    ] {
        let args: Vec<OsString> = line.split(' ').map(OsString::from).collect();
        let english = Cli::command().try_get_matches_from(&args).unwrap_err();
        let kind = english.kind();
        let shown = chinese_help(&args, english, Cli::command);
        assert_eq!(shown.kind(), kind, "{line}");
        let whole = localize(Cli::command())
            .try_get_matches_from(&args)
            .unwrap_err();
        let shown = shown.render().to_string();
        assert_eq!(shown, whole.render().to_string(), "{line}");
        assert!(shown.contains("用法："), "{line}: {shown}");
    }
}

fn error_of(line: &str) -> clap::Error {
    Cli::try_parse_from(line.split(' ')).unwrap_err()
}

#[test]
fn clap_complaints_read_in_chinese_with_their_tips() {
    let cases = [
        (
            "rapport isue list",
            "无法识别的子命令 'isue'；提示：有相近的子命令 'issue'",
        ),
        (
            "rapport issue add x -p P --severty high",
            "无法识别的参数 '--severty'；提示：有相近的参数 '--severity'",
        ),
        ("rapport issue add x", "缺少必需的参数：--project <PROJECT>"),
        (
            "rapport issue list --format xml",
            "'--format <FORMAT>' 的值 'xml' 无效 [可选值：table, json, jsonl, csv, tsv]",
        ),
        (
            "rapport issue list --limit",
            "'--limit <N>' 需要一个值，但没有给出",
        ),
        (
            "rapport issue add x -p P -p Q",
            "参数 '--project <PROJECT>' 只能用一次",
        ),
    ];
    for (line, expected) in cases {
        let err = error_of(line);
        let zh = clap_error_zh(&err).unwrap_or_else(|| panic!("{line}: {err}"));
        assert_eq!(zh, expected, "{line}");
    }
    // A kind not written here keeps clap's English.
    let err = error_of("rapport --help");
    assert_eq!(clap_error_zh(&err), None);
}
