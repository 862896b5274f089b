//! Issue 11: the right file, explicit paths never created by accident, no terminal, hostile
//! text escaped on the way out, protected files. The real binary throughout.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use common::{NOW, TestDb};

/// The binary in a fresh home: no --db, no RAPPORT_DB, no config, the fixed clock.
fn fresh(home: &Path) -> Command {
    let mut c = Command::cargo_bin("rapport").expect("binary");
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TZ", "UTC")
        .env("RAPPORT_NOW", NOW)
        .current_dir(home);
    c
}

/// Splits one shell command line: words, "double-quoted" and 'single-quoted' strings,
/// and a trailing `# comment`.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None => match c {
                '"' | '\'' => {
                    quote = Some(c);
                    in_word = true;
                }
                '#' if !in_word => break,
                c if c.is_whitespace() => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                }
                c => {
                    word.push(c);
                    in_word = true;
                }
            },
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The commands of the README's "A taste" block, as written.
fn readme_taste() -> Vec<Vec<String>> {
    let readme = include_str!("../../README.md");
    let start = readme.find("A taste:").expect("the README has 'A taste'");
    let block = &readme[start..];
    let open = block.find("```sh\n").expect("a sh block") + 6;
    let close = block[open..].find("```").expect("the block ends") + open;
    block[open..close]
        .lines()
        .map(shell_words)
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn the_readme_taste_runs_literally_in_a_fresh_home_and_lands_in_one_file() {
    let home = tempfile::tempdir().unwrap();
    let commands = readme_taste();
    assert!(commands.len() >= 10, "{commands:?}");
    for words in &commands {
        assert_eq!(words[0], "rapport", "{words:?}");
        let out = fresh(home.path()).args(&words[1..]).output().unwrap();
        assert!(
            out.status.success(),
            "{words:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let data = home.path().join("data/rapport");
    let file = data.join("rapport.sqlite3");
    let counts: std::collections::HashMap<String, i64> =
        common::table_counts(&file).into_iter().collect();
    assert_eq!(counts["projects"], 1);
    assert_eq!(counts["contacts"], 2, "Sarah Chen and Bob Li");
    assert_eq!(counts["issues"], 1);
    assert!(!data.join("clients").exists(), "no client file was made");
    assert!(home.path().join("notice.eml").exists());
    assert!(home.path().join("closing.eml").exists());
}

#[test]
fn client_after_project_or_contact_add_is_refused_naming_company() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        &["project", "add", "Portal", "--client", "Northwind"][..],
        &["contact", "add", "Sarah", "--client=Northwind"][..],
    ] {
        let out = fresh(home.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--company"), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    assert!(!home.path().join("data").exists(), "nothing was created");
}

#[test]
fn a_client_file_gives_its_client_to_new_projects_and_contacts() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| -> serde_json::Value {
        let out = fresh(home.path())
            .args(args)
            .arg("--json")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let p = run(&["--client", "acme", "project", "add", "Portal"]);
    assert_eq!(p["client"], "acme");
    let c = run(&["--client", "acme", "contact", "add", "Bo"]);
    assert_eq!(c["client"], "acme");
    let other = run(&[
        "--client",
        "acme",
        "project",
        "add",
        "Side",
        "--company",
        "Globex",
    ]);
    assert_eq!(other["client"], "Globex");
    let w = run(&["--client", "acme", "where"]);
    assert_eq!(
        w["database"],
        home.path()
            .join("data/rapport/clients/acme.sqlite3")
            .display()
            .to_string()
    );
    assert_eq!(w["chosen_by"], "--client");
    // A contact outside a client file still needs its company.
    let out = fresh(home.path())
        .args(["contact", "add", "Bo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--company NAME"));
}

#[test]
fn where_names_the_rule_in_precedence_order() {
    let home = tempfile::tempdir().unwrap();
    let env_db = home.path().join("env.sqlite3");
    let cfg = home.path().join("config/rapport/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    let from_config = home.path().join("cfg.sqlite3");
    std::fs::write(
        &cfg,
        format!("database = {:?}\n", from_config.display().to_string()),
    )
    .unwrap();
    let chosen = |args: &[&str], env: bool| -> (String, String) {
        let mut c = fresh(home.path());
        if env {
            c.env("RAPPORT_DB", &env_db);
        }
        let out = c.args(args).args(["where", "--json"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            v["database"].as_str().unwrap().to_string(),
            v["chosen_by"].as_str().unwrap().to_string(),
        )
    };
    let x = home.path().join("x.sqlite3");
    assert_eq!(
        chosen(&["--db", x.to_str().unwrap(), "--client", "acme"], true),
        (x.display().to_string(), "--db".into())
    );
    assert_eq!(chosen(&["--client", "acme"], true).1, "--client");
    assert_eq!(
        chosen(&[], true),
        (env_db.display().to_string(), "RAPPORT_DB".into())
    );
    assert_eq!(
        chosen(&[], false),
        (
            from_config.display().to_string(),
            "the config's database key".into()
        )
    );
    std::fs::remove_file(&cfg).unwrap();
    assert_eq!(chosen(&[], false).1, "the default in the data dir");
    let text = fresh(home.path()).arg("where").output().unwrap();
    let line = String::from_utf8(text.stdout).unwrap();
    assert!(
        line.contains("rapport.sqlite3 (chosen by the default in the data dir"),
        "{line}"
    );
}

#[test]
fn a_missing_explicit_database_is_refused_not_created() {
    let home = tempfile::tempdir().unwrap();
    let typo = home.path().join("typo/dir/rapport.sqlite3");
    let out = fresh(home.path())
        .arg("--db")
        .arg(&typo)
        .arg("today")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("rapport --db") && err.contains(" init"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!home.path().join("typo").exists(), "no folder was created");

    let env = home.path().join("env.sqlite3");
    let out = fresh(home.path())
        .env("RAPPORT_DB", &env)
        .arg("issue")
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("from RAPPORT_DB"));
    assert!(!env.exists());

    // init creates it (0600) and says where; then it is used.
    let out = fresh(home.path())
        .arg("--db")
        .arg(&typo)
        .arg("init")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(&typo.display().to_string()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&typo).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = fresh(home.path())
        .arg("--db")
        .arg(&typo)
        .arg("today")
        .output()
        .unwrap();
    assert!(out.status.success());

    // The default data-dir file and a --client file are still made on first use.
    assert!(
        fresh(home.path())
            .arg("today")
            .output()
            .unwrap()
            .status
            .success()
    );
    assert!(home.path().join("data/rapport/rapport.sqlite3").exists());
    assert!(
        fresh(home.path())
            .args(["--client", "acme", "today"])
            .output()
            .unwrap()
            .status
            .success()
    );
    assert!(
        home.path()
            .join("data/rapport/clients/acme.sqlite3")
            .exists()
    );
}

#[test]
fn the_readme_first_command_works_from_scratch() {
    let home = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let out = fresh(home.path())
            .args(["--db", "demo.sqlite3", "demo"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(home.path().join("demo.sqlite3").exists());
}

#[test]
fn no_terminal_is_one_line_and_exit_2() {
    let db = TestDb::new();
    db.ensure();
    let out = db.cmd().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

const HOSTILE: &str =
    "Pay\u{1b}]52;c;aGFjaw==\u{7}now\u{1b}]0;pwned\u{7} \u{202E}gpj.exe\u{200B} \u{9b}31m";

/// No byte or character a terminal or mail client would act on.
fn assert_clean(what: &str, text: &str) {
    for c in text.chars() {
        let bad = (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{061C}');
        assert!(!bad, "{what}: U+{:04X} in {text:?}", c as u32);
    }
}

/// The decoded body of an .eml written by rapport (CRLF headers, read by mail-parser).
fn eml_body(eml: &str) -> String {
    let (headers, _) = eml.split_once("\r\n\r\n").expect("headers end");
    for line in headers.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
    mail_parser::MessageParser::default()
        .parse(eml.as_bytes())
        .and_then(|m| m.body_text(0).map(|b| b.into_owned()))
        .expect("a text body")
}

#[test]
fn stored_escape_sequences_bidi_and_zero_width_never_reach_the_output() {
    let db = TestDb::new();
    db.seed();
    db.ok(&[
        "update",
        "add",
        "--project",
        "Portal",
        "--kind",
        "notice",
        "--subject",
        "About login",
        "--issue",
        "1",
    ]);
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.execute(
            "UPDATE issues SET title = ?1, description = ?1",
            [format!("Login {HOSTILE}")],
        )
        .unwrap();
        conn.execute(
            "UPDATE updates SET subject = ?1, body = ?2",
            [format!("Notice {HOSTILE}"), format!("Body\n{HOSTILE}\nend")],
        )
        .unwrap();
        conn.execute(
            "UPDATE projects SET name = ?1",
            [format!("Portal {HOSTILE}")],
        )
        .unwrap();
    }
    let check = |args: &[&str], eml: bool| {
        let out = db.ok(args);
        assert_clean(&format!("{args:?}"), &out);
        if eml {
            assert_clean(&format!("{args:?} body"), &eml_body(&out));
        }
        let file = db.dir.path().join(format!("out-{}", args.join("-").len()));
        let mut with_file = args.to_vec();
        with_file.extend(["-o", file.to_str().unwrap()]);
        db.ok(&with_file);
        let written = std::fs::read_to_string(&file).unwrap();
        assert_clean(&format!("{args:?} -o"), &written);
        if eml {
            assert_clean(&format!("{args:?} -o body"), &eml_body(&written));
        }
        std::fs::remove_file(&file).unwrap();
        out
    };
    for format in ["text", "md", "eml"] {
        let eml = format == "eml";
        let out = check(&["update", "export", "1", "--format", format], eml);
        if !eml {
            assert!(out.contains("<U+202E>") && out.contains("^[]52;"), "{out}");
        }
        check(
            &["report", "status", "--project", "1", "--format", format],
            eml,
        );
        check(
            &["report", "closing", "--project", "1", "--format", format],
            eml,
        );
    }
    for args in [
        &["issue", "show", "1"][..],
        &["issue", "list"][..],
        &["update", "show", "1"][..],
        &["today"][..],
        &["search", "Login"][..],
    ] {
        assert_clean(&format!("{args:?}"), &db.ok(args));
    }
    // JSON: every such character is a \u escape, and parses back to the stored text.
    let raw = db.ok(&["issue", "show", "1", "--json"]);
    assert_clean("issue show --json", &raw);
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["title"].as_str().unwrap(), format!("Login {HOSTILE}"));
    let raw = db.ok(&["issue", "list", "--json"]);
    assert_clean("issue list --json", &raw);
    let raw = db.ok(&["report", "status", "--project", "1", "--format", "json"]);
    assert_clean("report --format json", &raw);

    // Errors: the echoed argument and the "known projects" list.
    let err = db.fails(&["issue", "list", "--project", HOSTILE], 2);
    assert_clean("error", &err);
    assert!(err.contains("known projects"), "{err}");
    let err = db.fails(&["issue", "show", HOSTILE], 2);
    assert_clean("error", &err);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn a_config_that_would_fail_later_is_refused_at_load_naming_the_key() {
    let db = TestDb::new();
    db.seed();
    let cases = [
        ("date_format = \"%#z\"\n", "date_format"),
        (
            "from = \"Me <me@x.y>\\r\\nBcc: evil@attacker.example\"\n",
            "invalid from",
        ),
        ("[sla_hours]\nhigh = \"soon\"\n", "sla_hours"),
        ("language = \"en\"\nfrom = [1\n", "line 2, column"),
    ];
    for (text, key) in cases {
        let cfg = db.dir.path().join("config.toml");
        std::fs::write(&cfg, text).unwrap();
        for args in [&["issue", "show", "1"][..], &["log", "list"][..]] {
            let out = db
                .cmd()
                .arg("--config")
                .arg(&cfg)
                .args(args)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{text}: {err}");
            assert!(err.contains(key), "{text}: {err}");
            assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        }
    }
    // A partial table is fine: the other keys keep their defaults.
    let cfg = db.dir.path().join("config.toml");
    std::fs::write(&cfg, "[sla_hours]\nhigh = 2\n").unwrap();
    let out = db
        .cmd()
        .arg("--config")
        .arg(&cfg)
        .arg("today")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn dash_o_never_clobbers_follows_links_or_hits_the_database() {
    use std::os::unix::fs::PermissionsExt;
    let db = TestDb::new();
    db.seed();
    let dir = db.dir.path();
    let export = |target: &Path, extra: &[&str]| {
        let mut args = vec!["update", "export", "1", "--format", "text", "-o"];
        args.push(target.to_str().unwrap());
        args.extend(extra);
        args.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |args: Vec<String>| db.cmd().args(args).output().unwrap();
    db.ok(&["update", "draft", "--issue", "1"]);

    // An existing file: refused, untouched; --force replaces it and makes it 0600.
    let existing = dir.join("notice.txt");
    std::fs::write(&existing, "keep me").unwrap();
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(export(&existing, &[]));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    assert!(run(export(&existing, &["--force"])).status.success());
    assert_ne!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    let mode = std::fs::metadata(&existing).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    // Links, dangling or not, are never followed.
    let dangling = dir.join("dangling");
    std::os::unix::fs::symlink(dir.join("target-nowhere"), &dangling).unwrap();
    let victim = dir.join("victim");
    std::fs::write(&victim, "mine").unwrap();
    let link = dir.join("link");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    for l in [&dangling, &link] {
        let out = run(export(l, &["--force"]));
        assert_eq!(out.status.code(), Some(2), "{l:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    }
    assert!(!dir.join("target-nowhere").exists());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");

    // Never the database or its journal files, however named.
    let before = common::table_counts(&db.path);
    let wal = dir.join(format!(
        "{}-wal",
        db.path.file_name().unwrap().to_str().unwrap()
    ));
    let sneaky = dir.join("sub/../rapport.sqlite3");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for target in [&db.path, &wal, &sneaky] {
        let out = run(export(target, &["--force"]));
        assert_eq!(out.status.code(), Some(2), "{target:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("open database"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(vec![
        "report".into(),
        "status".into(),
        "--project".into(),
        "1".into(),
        "--format".into(),
        "json".into(),
        "-o".into(),
        db.path.display().to_string(),
        "--force".into(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        common::table_counts(&db.path),
        before,
        "the database is intact"
    );

    // A new file in a new folder: 0600 in 0700.
    let fresh_file = dir.join("out/nested/notice.txt");
    assert!(run(export(&fresh_file, &[])).status.success());
    let mode = std::fs::metadata(&fresh_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let mode = std::fs::metadata(dir.join("out"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
}

/// Every row of every table of the fixture's schema, as text, table by table.
fn dump(path: &Path, tables: &[(String, String)]) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    tables
        .iter()
        .map(|(t, cols)| {
            let mut stmt = conn
                .prepare(&format!("SELECT {cols} FROM {t} ORDER BY 1, 2"))
                .unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            (t.clone(), rows)
        })
        .collect()
}

#[test]
fn a_first_schema_file_is_backed_up_then_migrated_keeping_every_row() {
    use std::os::unix::fs::PermissionsExt;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.sqlite3");
    let db = TestDb::new();
    std::fs::copy(&fixture, &db.path).unwrap();
    let tables: Vec<(String, String)> = {
        let conn = rusqlite::Connection::open(&fixture).unwrap();
        let mut s = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        let names: Vec<String> = s
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        names
            .into_iter()
            .map(|t| {
                let stmt = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
                let cols = stmt.column_names().join(", ");
                (t, cols)
            })
            .collect()
    };
    let before = dump(&fixture, &tables);
    assert!(
        before
            .iter()
            .all(|(t, rows)| !rows.is_empty() || t.is_empty()),
        "the fixture has rows in every table: {before:?}"
    );

    let out = db.cmd().args(["issue", "list", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    let name = db.path.file_name().unwrap().to_str().unwrap();
    let copies: Vec<_> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let f = p.file_name().unwrap().to_str().unwrap();
            f.starts_with(&format!("{name}.v1-")) && f.ends_with(".bak")
        })
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(err.contains(&copies[0].display().to_string()), "{err}");
    let mode = std::fs::metadata(&copies[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    // The backup is the file as it was; the migrated file has every row and the new schema.
    assert_eq!(dump(&copies[0], &tables), before);
    assert_eq!(dump(&db.path, &tables), before);
    let version = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&copies[0]), 1);
    assert_eq!(version(&db.path), rapport::store::schema_version());
    let issues: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(issues.as_array().unwrap().len(), 2, "open issues listed");
    // The search index of migration 2 covers the old rows.
    let hits = db.json(&["search", "login"]);
    assert!(hits.to_string().contains("SSO login fails"), "{hits}");

    // Opening again migrates nothing and copies nothing.
    let out = db.cmd().args(["issue", "list"]).output().unwrap();
    assert!(out.stderr.is_empty());
}

#[test]
fn backup_is_a_checked_private_copy_even_while_another_connection_reads_and_writes() {
    use std::os::unix::fs::PermissionsExt;
    let db = TestDb::new();
    db.seed();
    // Another process's view: an open read transaction and uncommitted-to-checkpoint WAL.
    let reader = rusqlite::Connection::open(&db.path).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM issues;")
        .unwrap();
    db.ok(&[
        "log",
        "add",
        "Called Sarah",
        "--project",
        "Portal",
        "--dir",
        "out",
    ]);

    let out = db.json(&["backup"]);
    let path = std::path::PathBuf::from(out["backup"].as_str().unwrap());
    assert_eq!(path.parent(), db.path.parent());
    assert!(
        path.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .ends_with(".bak")
    );
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let copy = rusqlite::Connection::open(&path).unwrap();
    let ok: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert_eq!(common::table_counts(&path), common::table_counts(&db.path));
    let logs: i64 = copy
        .query_row("SELECT count(*) FROM log_entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(logs, 1, "the last commit is in the copy");
    reader.execute_batch("COMMIT").unwrap();

    // A named path: written once, then refused (never replaced).
    let named = db.dir.path().join("keep/copy.sqlite3");
    let text = db.ok(&["backup", named.to_str().unwrap()]);
    assert!(text.contains(&named.display().to_string()), "{text}");
    let err = db.fails(&["backup", named.to_str().unwrap()], 2);
    assert!(err.contains("exists"), "{err}");
    let err = db.fails(&["backup", db.path.to_str().unwrap()], 2);
    assert!(err.contains("exists"), "{err}");
}

#[test]
fn sixteen_concurrent_writers_with_an_open_reader_all_succeed() {
    let db = TestDb::new();
    db.seed();
    let reader = rusqlite::Connection::open(&db.path).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM issues;")
        .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("rapport");
    let children: Vec<_> = (0..16)
        .map(|i| {
            std::process::Command::new(&bin)
                .env_clear()
                .env("HOME", db.dir.path())
                .env("XDG_CONFIG_HOME", db.dir.path().join("config"))
                .env("XDG_DATA_HOME", db.dir.path().join("data"))
                .env("TZ", "UTC")
                .env("RAPPORT_NOW", NOW)
                .arg("--db")
                .arg(&db.path)
                .args(["log", "add", &format!("call {i}"), "--project", "Portal"])
                .args(["--dir", "in"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut failures = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        if !out.status.success() {
            failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
        }
    }
    reader.execute_batch("COMMIT").unwrap();
    assert!(
        failures.is_empty(),
        "{} failed: {failures:?}",
        failures.len()
    );
    let n: i64 = reader
        .query_row("SELECT count(*) FROM log_entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 16);
}

/// Reads work in a read-only folder; a change says the folder is read-only. Root ignores
/// permissions, so as root the commands run as `nobody` (through setpriv).
#[test]
fn a_read_only_folder_allows_reads_and_refuses_writes_in_one_line() {
    use std::os::unix::fs::PermissionsExt;
    let root = running_as_root();
    if root && which("setpriv").is_none() {
        eprintln!("skipped: running as root without setpriv, permissions are not enforced");
        return;
    }
    let base = tempfile::tempdir().unwrap();
    std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let folder = base.path().join("ro");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("rapport.sqlite3");
    {
        let db = TestDb::new();
        db.seed();
        drop(rusqlite::Connection::open(&db.path).unwrap());
        std::fs::copy(&db.path, &path).unwrap();
    }
    // The copy is a WAL database without its -wal/-shm files, as after a clean close.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = |args: &[&str]| {
        let bin = assert_cmd::cargo::cargo_bin("rapport");
        let mut c = if root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                .arg(&bin);
            c
        } else {
            std::process::Command::new(&bin)
        };
        c.env_clear()
            .env("HOME", base.path())
            .env("XDG_CONFIG_HOME", base.path().join("config"))
            .env("XDG_DATA_HOME", base.path().join("data"))
            .env("TZ", "UTC")
            .env("RAPPORT_NOW", NOW)
            .arg("--db")
            .arg(&path)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["issue", "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["title"], "Login fails");
    let out = run(&["today"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["log", "add", "x", "--project", "Portal", "--dir", "in"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is read-only"), "{err}");
    assert!(err.contains(&folder.display().to_string()), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.exists())
    })
}

#[test]
fn the_demo_in_the_default_file_says_to_open_it_with_plain_rapport() {
    let home = tempfile::tempdir().unwrap();
    let out = fresh(home.path()).args(["demo"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.trim_end().ends_with("open it with: rapport"), "{text}");
    assert!(home.path().join("data/rapport/rapport.sqlite3").exists());
    let out = fresh(home.path())
        .args(["--client", "acme", "demo"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.trim_end()
            .ends_with("open it with: rapport --client acme"),
        "{text}"
    );
}
