//! `--help` in Simplified Chinese under a zh-CN locale or `ui_language`, the real binary.

use crate::common::TestDb;

/// Runs with `vars` set; returns (exit code, stdout, stderr).
fn run(db: &TestDb, vars: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let mut cmd = db.cmd();
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

const ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];

/// English words of `issue add --help` that must not survive in Chinese.
const ENGLISH: &[&str] = &[
    "Usage:",
    "Options:",
    "Arguments:",
    "Examples:",
    "Log a problem",
    "Project name or id",
    "Who on our side owns it",
    "Database file",
    "Print help",
    "[default:",
];

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn issue_add_help_is_chinese_every_way_it_is_asked_for() {
    let db = TestDb::new();
    for args in [
        &["issue", "add", "--help"][..],
        &["issue", "add", "-h"],
        &["help", "issue", "add"],
        &["issue", "help", "add"],
    ] {
        let (code, out, err) = run(&db, ZH, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        for heading in ["用法：", "参数：", "选项：", "示例："] {
            assert!(out.contains(heading), "{args:?} lacks {heading}:\n{out}");
        }
        assert!(out.contains("记录一个问题"), "{out}");
        assert!(out.contains("[默认：medium]"), "{out}");
        // The example commands stay as typed.
        assert!(
            out.contains("  rapport issue add 'Login fails' -p Portal -s high"),
            "{out}"
        );
        for english in ENGLISH {
            assert!(
                !out.contains(english),
                "{args:?} still shows {english:?}:\n{out}"
            );
        }
    }
}

#[test]
fn every_level_and_the_short_form_are_chinese() {
    let db = TestDb::new();
    for args in [
        &["--help"][..],
        &["-h"],
        &["help"],
        &["issue", "--help"],
        &["report", "status", "--help"],
        &["completions", "--help"],
        &["today", "--help"],
    ] {
        let (code, out, _) = run(&db, ZH, args);
        assert_eq!(code, 0, "{args:?}");
        assert!(
            out.contains("用法：") && out.contains("选项："),
            "{args:?}:\n{out}"
        );
        assert!(
            !out.contains("Usage:") && !out.contains("Print help"),
            "{out}"
        );
    }
    // A command's list of subcommands shows each one's line in Chinese.
    let (_, out, _) = run(&db, ZH, &["issue", "--help"]);
    assert!(out.contains("  add      记录一个问题。输出新编号"), "{out}");
    let (_, out, _) = run(&db, ZH, &["--help"]);
    assert!(out.contains("  issue        问题日志"), "{out}");
    // The long help lists the formats with their help, translated.
    let (_, out, _) = run(&db, ZH, &["today", "--help"]);
    assert!(out.contains("可选值："), "{out}");
    assert!(out.contains("- table: 对齐的表格"), "{out}");
    assert!(!out.contains("Aligned columns"), "{out}");
    // A note after an example command is prose; the command is not.
    let (_, out, _) = run(&db, ZH, &["completions", "--help"]);
    assert!(
        out.contains("rapport completions zsh > ~/.zfunc/_rapport      （须在 compinit"),
        "{out}"
    );
    assert!(
        out.contains("[可选值：bash, elvish, fish, powershell, zsh]"),
        "{out}"
    );
}

#[test]
fn a_command_missing_its_subcommand_shows_chinese_help_with_the_english_exit_code() {
    let db = TestDb::new();
    let (zh_code, zh_out, zh_err) = run(&db, ZH, &["issue"]);
    let (en_code, en_out, en_err) = run(&db, &[("LANG", "C")], &["issue"]);
    assert_eq!(zh_code, en_code);
    assert_eq!(zh_out.is_empty(), en_out.is_empty());
    let (zh, en) = (zh_out + &zh_err, en_out + &en_err);
    assert!(zh.contains("子命令：") && zh.contains("问题日志"), "{zh}");
    assert!(
        en.contains("Commands:") && en.contains("The issue log"),
        "{en}"
    );
}

#[test]
fn english_help_is_unchanged_under_c_and_when_lc_all_overrides() {
    let db = TestDb::new();
    let (_, plain, _) = run(&db, &[], &["issue", "add", "--help"]);
    for vars in [
        &[("LANG", "C")][..],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
    ] {
        let (code, out, _) = run(&db, vars, &["issue", "add", "--help"]);
        assert_eq!(code, 0);
        assert_eq!(out, plain, "{vars:?}");
    }
    assert!(plain.contains("Usage: rapport issue add"), "{plain}");
    assert!(plain.contains("Log a problem") && plain.contains("[default: medium]"));
    assert!(!has_chinese(&plain), "{plain}");
}

#[test]
fn ui_language_in_the_config_decides_over_the_locale() {
    let db = TestDb::new();
    let dir = db.dir.path().join("config/rapport");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "ui_language = \"zh-CN\"\n").unwrap();
    let (_, out, _) = run(&db, &[("LANG", "C")], &["issue", "add", "--help"]);
    assert!(
        out.contains("用法：") && out.contains("记录一个问题"),
        "{out}"
    );
    // A config named by --config (here one asking for English) wins over the locale too.
    let en = db.dir.path().join("en.toml");
    std::fs::write(&en, "ui_language = \"en\"\n").unwrap();
    let en = en.to_str().unwrap();
    for args in [
        &["--config", en, "issue", "add", "--help"][..],
        &["issue", "add", &format!("--config={en}"), "-h"],
    ] {
        let (_, out, _) = run(&db, ZH, args);
        assert!(
            out.contains("Log a problem") && !has_chinese(&out),
            "{args:?}: {out}"
        );
    }
    // A config that cannot be read does not stop help: the locale decides.
    let (code, out, _) = run(&db, ZH, &["--config", "/no/such.toml", "-h"]);
    assert_eq!(code, 0);
    assert!(out.contains("用法："), "{out}");
}

#[test]
fn clap_still_suggests_and_points_at_the_subcommand_help_in_chinese() {
    let db = TestDb::new();
    let (code, out, err) = run(&db, ZH, &["isue", "list"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(
        err.trim_end(),
        "rapport: 无法识别的子命令 'isue'；提示：有相近的子命令 'issue'（见 rapport --help）"
    );
    let (_, _, en) = run(&db, &[("LANG", "C")], &["isue", "list"]);
    assert!(en.contains("unrecognized subcommand 'isue'"), "{en}");
    assert!(en.contains("a similar subcommand exists: 'issue'"), "{en}");
    // ui_language in a config named on the line counts for complaints as for help.
    let zh_config = db.dir.path().join("zh.toml");
    std::fs::write(&zh_config, "ui_language = \"zh-CN\"\n").unwrap();
    let (code, _, err) = run(
        &db,
        &[("LANG", "C")],
        &[
            "--config",
            zh_config.to_str().unwrap(),
            "issue",
            "add",
            "x",
            "--severty",
            "high",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("无法识别的参数 '--severty'"), "{err}");
    assert!(err.contains("有相近的参数 '--severity'"), "{err}");
    let (code, _, err) = run(&db, ZH, &["issue", "add", "Login fails"]);
    assert_eq!(code, 2);
    assert!(err.contains("缺少必需的参数：--project <PROJECT>"), "{err}");
    assert!(err.contains("rapport issue add --help"), "{err}");
    // The version is the version.
    let (zh_code, zh, _) = run(&db, ZH, &["-V"]);
    let (_, en, _) = run(&db, &[], &["-V"]);
    assert_eq!((zh_code, zh), (0, en));
}
