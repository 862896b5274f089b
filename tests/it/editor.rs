//! `--editor` on `update edit` and `issue edit`: the real binary runs the user's editor
//! (here a script standing in for it) on a private temporary file and saves what it wrote.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::common::TestDb;

/// A stand-in editor: copies the file it was given (and its mode and name) next to itself,
/// then replaces its text with `new` (nothing when `new` is None).
fn script(dir: &Path, name: &str, new: Option<&str>) -> PathBuf {
    let path = dir.join(name);
    let seen = dir.join(format!("{name}.seen"));
    let write = match new {
        Some(text) => format!("printf '%s\\n' '{text}' > \"$1\"\n"),
        None => String::new(),
    };
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\ncp \"$1\" '{seen}.text'\nstat -c '%a %n' \"$1\" > '{seen}'\n{write}",
            seen = seen.display()
        ),
    )
    .expect("write the script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    path
}

/// The mode and path the editor saw, and the text it was given.
fn seen(script: &Path) -> (String, PathBuf, String) {
    let seen = PathBuf::from(format!("{}.seen", script.display()));
    let line = std::fs::read_to_string(&seen).expect("the editor ran");
    let (mode, path) = line.trim().split_once(' ').expect("mode and path");
    let text = std::fs::read_to_string(format!("{}.text", seen.display())).expect("text");
    (mode.to_string(), PathBuf::from(path), text)
}

fn with_update(db: &TestDb) -> i64 {
    db.seed();
    let u = db.json(&[
        "update",
        "add",
        "-p",
        "Portal",
        "-k",
        "progress",
        "-s",
        "Login fix",
        "-b",
        "Hello Sarah, the fix is on its way.",
    ]);
    u["id"].as_i64().expect("id")
}

#[test]
fn the_editor_rewrites_an_updates_body_through_a_private_file() {
    let db = TestDb::new();
    let id = with_update(&db).to_string();
    let ed = script(
        db.dir.path(),
        "ed.sh",
        Some("Hello Sarah, the fix is live since 10:00."),
    );
    let out = db
        .cmd()
        // $VISUAL comes before $EDITOR (which names no program here).
        .env("VISUAL", format!("{} ", ed.display()))
        .env("EDITOR", "/nonexistent/editor")
        .args(["update", "edit", &id, "--editor"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (mode, path, given) = seen(&ed);
    assert_eq!(mode, "600");
    assert!(
        !path.exists(),
        "the temporary file {} is left",
        path.display()
    );
    assert!(
        path.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&format!("rapport-update-{id}-"))),
        "{}",
        path.display()
    );
    assert_eq!(given, "Hello Sarah, the fix is on its way.");
    let u = db.json(&["update", "show", &id]);
    assert_eq!(u["body"], "Hello Sarah, the fix is live since 10:00.");
    // Saved like any edit: the change is in the record's history.
    let history = db.ok(&["history", "update", &id]);
    assert!(history.contains("the fix is live"), "{history}");
}

#[test]
fn an_unchanged_or_emptied_file_writes_nothing_and_says_so() {
    let db = TestDb::new();
    let id = with_update(&db).to_string();
    let before = db.counts();
    let same = script(db.dir.path(), "same.sh", None);
    let out = db
        .cmd()
        .env("EDITOR", &same)
        .args(["update", "edit", &id, "--editor"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "The body is unchanged: nothing written."
    );
    let empty = script(db.dir.path(), "empty.sh", Some(""));
    let out = db
        .cmd()
        .env("EDITOR", &empty)
        .args(["issue", "edit", "1", "--editor"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "The editor left the description empty: nothing written."
    );
    assert_eq!(db.counts(), before, "nothing written");
    assert_eq!(
        db.json(&["update", "show", &id])["body"],
        "Hello Sarah, the fix is on its way."
    );
}

#[test]
fn the_editor_writes_an_issues_description() {
    let db = TestDb::new();
    db.seed();
    let ed = script(
        db.dir.path(),
        "ed.sh",
        Some("SSO tokens expire after 5 minutes; 单点登录令牌过期。"),
    );
    db.cmd()
        .env("EDITOR", &ed)
        .args(["issue", "edit", "1", "--editor", "--severity", "critical"])
        .assert()
        .success();
    let issue = db.json(&["issue", "show", "1"]);
    assert_eq!(
        issue["description"],
        "SSO tokens expire after 5 minutes; 单点登录令牌过期。"
    );
    assert_eq!(issue["severity"], "critical");
}

#[test]
fn an_editor_that_cannot_start_is_one_line_and_nothing_written() {
    let db = TestDb::new();
    let id = with_update(&db).to_string();
    let before = db.counts();
    let err = {
        let out = db
            .cmd()
            .env("EDITOR", "/nonexistent/editor --wait")
            .args(["update", "edit", &id, "--editor"])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(err.contains("'/nonexistent/editor --wait'"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(db.counts(), before);
    // --editor and --body together make no sense: clap refuses it.
    db.fails(&["update", "edit", &id, "--editor", "--body", "x"], 2);
}
