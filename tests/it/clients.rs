//! Adding, archiving and restoring clients from the CLI (the real binary): names are unique
//! in any case, a client with running projects stays, archived clients leave `client list`
//! (but not `--all`) and come back with `client restore`.

use crate::common::TestDb;

fn names(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|c| c["name"].as_str().expect("a name").to_string())
        .collect()
}

#[test]
fn a_client_is_added_with_its_settings_and_a_duplicate_is_refused() {
    let db = TestDb::new();
    let id = db.ok(&["client", "add", "Northwind"]);
    assert_eq!(id.trim().parse::<i64>().ok(), Some(1), "{id}");
    let c = db.json(&[
        "client",
        "add",
        "华东银行",
        "--zone",
        "Asia/Shanghai",
        "--language",
        "zh-CN",
        "--notes",
        "总部在上海",
    ]);
    assert_eq!(c["name"], "华东银行");
    assert_eq!(c["zone"], "Asia/Shanghai");
    assert_eq!(c["language"], "zh-CN");
    assert_eq!(c["notes"], "总部在上海");
    assert_eq!(c["archived"], false);
    let list = db.json(&["client", "list"]);
    assert_eq!(names(&list), ["Northwind", "华东银行"]);

    // The same name in another case is the same client: refused, nothing written.
    let before = db.counts();
    let err = db.fails(&["client", "add", "NORTHWIND"], 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("Northwind") && err.contains("exists"), "{err}");
    // Bad settings: one line naming the value, nothing written.
    let err = db.fails(&["client", "add", "Contoso", "--zone", "Mars/Olympus"], 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("Mars/Olympus"), "{err}");
    let err = db.fails(&["client", "add", "Contoso", "--language", "fr"], 2);
    assert!(err.contains("'fr'") && err.contains("zh-CN"), "{err}");
    let err = db.fails(&["client", "add", "  "], 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(db.counts(), before);

    // The projects and contacts of an added client find it by name.
    db.ok(&["project", "add", "Portal", "--company", "northwind"]);
    let projects = db.json(&["project", "list"]);
    assert_eq!(projects[0]["client"], "Northwind");
}

#[test]
fn a_client_with_an_active_project_is_not_archived() {
    let db = TestDb::new();
    db.ok(&["project", "add", "Portal", "--company", "Northwind"]);
    db.ok(&["project", "add", "Migration", "--company", "Northwind"]);
    db.ok(&[
        "project",
        "add",
        "Old site",
        "--company",
        "Northwind",
        "--status",
        "closed",
    ]);
    let before = db.counts();
    let err = db.fails(&["client", "archive", "Northwind"], 2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("close or archive its projects first: Migration, Portal"),
        "the running projects, not the closed one: {err}"
    );
    assert_eq!(db.counts(), before, "nothing written");
    assert_eq!(names(&db.json(&["client", "list"])), ["Northwind"]);

    // Closing both lets the client go (the TUI archives a project too: also enough).
    db.ok(&["project", "edit", "Portal", "--status", "closed"]);
    let err = db.fails(&["client", "archive", "Northwind"], 2);
    assert!(err.ends_with("first: Migration\n"), "{err}");
    db.ok(&["project", "edit", "Migration", "--status", "closed"]);
    let out = db.ok(&["client", "archive", "Northwind"]);
    assert!(out.contains("Northwind archived"), "{out}");
}

#[test]
fn an_archived_client_leaves_the_list_stays_in_the_file_and_comes_back() {
    let db = TestDb::new();
    db.ok(&["client", "add", "Northwind"]);
    let id = db.ok(&["client", "add", "Contoso"]).trim().to_string();
    let archived = db.json(&["client", "archive", &id]);
    assert_eq!(archived["name"], "Contoso");
    assert_eq!(archived["archived"], true);
    assert_eq!(names(&db.json(&["client", "list"])), ["Northwind"]);
    let all = db.json(&["client", "list", "--all"]);
    assert_eq!(names(&all), ["Contoso", "Northwind"]);
    assert_eq!(all[0]["archived"], true);
    let table = db.ok(&["client", "list", "--all"]);
    assert!(
        table.lines().next().unwrap().contains("archived"),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.contains("Contoso") && l.contains("archived")),
        "{table}"
    );
    let plain = db.ok(&["client", "list"]);
    assert!(!plain.contains("Contoso") && !plain.lines().next().unwrap().contains("archived"));

    // Twice is refused; its name is taken while archived, and a project can't use it.
    let err = db.fails(&["client", "archive", "Contoso"], 2);
    assert!(err.contains("archived already"), "{err}");
    let err = db.fails(&["client", "add", "contoso"], 2);
    assert!(err.contains("rapport client restore Contoso"), "{err}");
    let before = db.counts();
    let err = db.fails(&["project", "add", "Portal", "--company", "Contoso"], 2);
    assert!(err.contains("rapport client restore Contoso"), "{err}");
    assert_eq!(db.counts(), before);
    let err = db.fails(&["client", "archive", "Fabrikam"], 2);
    assert!(
        err.contains("Fabrikam") && err.contains("Northwind"),
        "{err}"
    );

    let out = db.ok(&["client", "restore", "contoso"]);
    assert!(out.contains("Contoso restored"), "{out}");
    assert_eq!(
        names(&db.json(&["client", "list"])),
        ["Contoso", "Northwind"]
    );
    let err = db.fails(&["client", "restore", "Contoso"], 2);
    assert!(err.contains("not archived"), "{err}");
    db.ok(&["project", "add", "Portal", "--company", "Contoso"]);

    // `u` and `rapport undo` take the restore back like any change.
    db.ok(&["client", "archive", "Northwind"]);
    db.ok(&["undo"]);
    assert_eq!(
        names(&db.json(&["client", "list"])),
        ["Contoso", "Northwind"]
    );
}

#[test]
fn client_messages_in_chinese() {
    let db = TestDb::new();
    db.ok(&["project", "add", "Portal", "--company", "华东银行"]);
    let out = db
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["client", "archive", "华东银行"])
        .output()
        .expect("run");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("客户 华东银行 还有进行中的项目，请先关闭或归档这些项目：Portal"),
        "{err}"
    );
}

/// `client archive NAME` in the data dir's file (no --db): the name is the client's, not
/// the global --client that picks clients/NAME.sqlite3 (clap once filled one from the other).
#[test]
fn archive_by_name_works_on_the_default_file_and_opens_no_other() {
    let home = tempfile::tempdir().expect("home");
    let run = |args: &[&str]| {
        let mut c = assert_cmd::Command::cargo_bin("rapport").expect("binary");
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("TZ", "UTC")
            .env("RAPPORT_NOW", crate::common::NOW)
            .args(args)
            .output()
            .expect("run")
    };
    assert!(run(&["client", "add", "Foo"]).status.success());
    let out = run(&["client", "archive", "Foo"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let out = run(&["client", "restore", "1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clients_dir = home.path().join("data/rapport/clients");
    assert!(
        !clients_dir.exists(),
        "no client file made: {:?}",
        std::fs::read_dir(&clients_dir).map(|d| d.count())
    );
}

#[test]
fn an_empty_zone_or_language_goes_back_to_the_configs() {
    let db = TestDb::new();
    db.ok(&[
        "client",
        "add",
        "Northwind",
        "--zone",
        "Asia/Shanghai",
        "--language",
        "zh-CN",
    ]);
    let c = db.json(&[
        "client",
        "edit",
        "Northwind",
        "--zone",
        "",
        "--language",
        "",
    ]);
    assert_eq!(
        (c["zone"].is_null(), c["language"].is_null()),
        (true, true),
        "{c}"
    );
}
