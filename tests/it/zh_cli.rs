//! The CLI in Simplified Chinese: human output and errors follow `ui_language` or the
//! locale; what scripts read (JSON, CSV, ids, the values typed such as `high`) does not.

use crate::common::TestDb;

/// The binary with `LANG` (and more variables) set, expecting success; returns stdout.
fn run_with(db: &TestDb, env: &[(&str, &str)], args: &[&str]) -> String {
    db.ensure();
    let mut cmd = db.cmd();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().expect("run");
    assert!(
        out.status.success(),
        "rapport {args:?} with {env:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn zh(db: &TestDb, args: &[&str]) -> String {
    run_with(db, &[("LANG", "zh_CN.UTF-8")], args)
}

/// Expects failure with `code` and nothing on stdout; returns stderr.
fn fails_with(db: &TestDb, env: &[(&str, &str)], args: &[&str], code: i32) -> String {
    db.ensure();
    let mut cmd = db.cmd();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(code),
        "rapport {args:?}: stderr {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "nothing on stdout for a failure");
    String::from_utf8(out.stderr).expect("utf-8")
}

#[test]
fn confirmations_tables_and_today_speak_chinese_with_a_chinese_locale() {
    let db = TestDb::new();
    db.seed();
    assert_eq!(
        zh(&db, &["issue", "edit", "1", "--owner", "Ann"]),
        "问题 1 已更新\n"
    );
    assert_eq!(
        db.ok(&["issue", "edit", "1", "--owner", "Bo"]),
        "issue 1 updated\n"
    );

    // Table headings and the model's words (high, new) in Chinese; the record's own text as
    // it was written.
    let list = zh(&db, &["issue", "list"]);
    let header = list.lines().next().unwrap_or_default();
    for word in ["编号", "项目", "严重程度", "状态", "标题"] {
        assert!(header.contains(word), "{word} missing from {header:?}");
    }
    assert!(
        list.contains("高") && list.contains("新建") && list.contains("Login fails"),
        "{list}"
    );
    assert!(!list.contains("high"), "{list}");

    // CSV keeps the column names scripts read.
    let csv = zh(&db, &["issue", "list", "--format", "csv"]);
    assert_eq!(csv, db.ok(&["issue", "list", "--format", "csv"]));
    assert!(csv.starts_with("id,project,severity,"), "{csv}");

    let show = zh(&db, &["issue", "show", "1"]);
    assert!(show.contains("严重程度  高"), "{show}");
    assert!(show.contains("负责人  Bo"), "{show}");

    let today = zh(&db, &["today"]);
    assert!(today.contains("尚未告知客户 (1)"), "{today}");
    assert!(!today.contains("Client not told yet"), "{today}");

    let summary = db
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["today", "--summary"])
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&summary.stdout),
        "1 条今天到期 · 1 个未告知\n"
    );
    assert_eq!(summary.status.code(), Some(0), "nothing is late yet");
    let english = db.cmd().args(["today", "--summary"]).output().expect("run");
    assert_eq!(
        String::from_utf8_lossy(&english.stdout),
        "1 due today · 1 not told\n"
    );

    let place = zh(&db, &["where"]);
    assert!(place.contains("选定依据：--db"), "{place}");
}

#[test]
fn an_invalid_value_is_refused_in_chinese_naming_the_values_as_typed() {
    let db = TestDb::new();
    db.seed();
    let before = db.counts();
    let args = [
        "issue",
        "add",
        "Slow",
        "--project",
        "Portal",
        "--severity",
        "huge",
    ];
    let zh_err = fails_with(&db, &[("LANG", "zh_CN.UTF-8")], &args, 2);
    assert_eq!(
        zh_err,
        "rapport: 严重程度 'huge' 无效，可用：critical, high, medium, low\n"
    );
    let en_err = fails_with(&db, &[], &args, 2);
    assert_eq!(
        en_err,
        "rapport: invalid severity 'huge': expected one of critical, high, medium, low\n"
    );
    assert_eq!(db.counts(), before, "nothing written");

    let missing = fails_with(&db, &[("LANG", "zh_CN.UTF-8")], &["issue", "show", "99"], 2);
    assert_eq!(missing, "rapport: 找不到问题 '99'\n");
}

#[test]
fn json_and_csv_are_the_same_in_every_interface_language() {
    let db = TestDb::new();
    db.seed();
    for args in [
        &["issue", "list", "--json"][..],
        &["issue", "show", "1", "--json"],
        &["update", "list", "--json"],
        &["today", "--summary", "--json"],
        &["today", "--json"],
        &["stats", "--json"],
        &["where", "--json"],
        &["issue", "list", "--format", "jsonl"],
        &["update", "list", "--format", "tsv"],
    ] {
        let en = db.ok(args);
        assert!(!en.trim().is_empty(), "{args:?} printed nothing");
        assert_eq!(zh(&db, args), en, "{args:?}");
    }
}

#[test]
fn lc_all_wins_over_lang_and_the_config_wins_over_both() {
    let db = TestDb::new();
    db.seed();
    let args = ["issue", "edit", "1", "--owner", "Ann"];
    let english = run_with(&db, &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")], &args);
    assert_eq!(english, "issue 1 updated\n");

    let config = db.dir.path().join("zh.toml");
    std::fs::write(&config, "ui_language = \"zh-CN\"\n").expect("config");
    let shown = config.display().to_string();
    let mut with_config = vec!["--config", shown.as_str()];
    with_config.extend_from_slice(&args);
    // The config's ui_language beats an English locale.
    assert_eq!(
        run_with(&db, &[("LC_ALL", "en_US.UTF-8")], &with_config),
        "问题 1 已更新\n"
    );
}

#[test]
fn an_unknown_ui_language_is_refused_in_one_line() {
    let db = TestDb::new();
    db.seed();
    let before = db.counts();
    let config = db.dir.path().join("fr.toml");
    std::fs::write(&config, "ui_language = \"fr\"\n").expect("config");
    let shown = config.display().to_string();
    let err = fails_with(&db, &[], &["--config", &shown, "issue", "list"], 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("'fr'") && err.contains("en, zh-CN"), "{err}");
    // In the locale's language while the config cannot say otherwise.
    let zh_err = fails_with(
        &db,
        &[("LANG", "zh_CN.UTF-8")],
        &["--config", &shown, "issue", "list"],
        2,
    );
    assert_eq!(zh_err.lines().count(), 1, "{zh_err}");
    assert!(zh_err.contains("无效，可用：en, zh-CN"), "{zh_err}");
    assert_eq!(db.counts(), before);
}

#[test]
fn a_refusal_of_the_record_state_is_in_chinese_and_writes_nothing() {
    let db = TestDb::new();
    db.seed();
    let updates = db.json(&["update", "list"]);
    let id = updates[0]["id"]
        .as_i64()
        .expect("the seed queues an update")
        .to_string();
    db.ok(&["update", "sent", &id]);
    let before = db.counts();
    let err = fails_with(&db, &[("LANG", "zh_CN.UTF-8")], &["update", "sent", &id], 2);
    assert!(
        err.starts_with(&format!("rapport: 更新 {id} 已是 sent（于 "))
            && err.ends_with("；未做改动\n"),
        "{err}"
    );
    let en = fails_with(&db, &[], &["update", "sent", &id], 2);
    assert!(en.contains("is already sent (at "), "{en}");
    assert_eq!(db.counts(), before);
}
