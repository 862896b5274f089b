//! `E` in the real TUI inside tmux: the screen is handed to `$EDITOR` (a script standing in
//! for the user's editor), taken back and redrawn, and what the editor wrote is saved.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::tmux_e2e::{Tmux, rapport};

/// A stand-in editor: notes the mode and name of the file it was given, then writes `body`.
fn editor_script(dir: &Path, body: &str) -> std::path::PathBuf {
    let path = dir.join("ed.sh");
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nstat -c '%a %n' \"$1\" > '{seen}'\nprintf '%s\\n' '{body}' > \"$1\"\n",
            seen = dir.join("seen").display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
    path
}

#[test]
fn e_on_an_update_opens_the_editor_and_saves_its_body() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("editor.sqlite3");
    let cli = |args: &[&str]| rapport(&db, args);
    cli(&["init"]);
    cli(&["project", "add", "Portal"]);
    // Owed since yesterday: the first row of the queue (overdue first).
    let added: serde_json::Value = serde_json::from_slice(&cli(&[
        "update",
        "add",
        "-p",
        "Portal",
        "-k",
        "progress",
        "-s",
        "Login fix",
        "-b",
        "Old body",
        "--due",
        "-1d",
        "--json",
    ]))
    .unwrap();
    let id = added["id"].to_string();
    let ed = editor_script(dir.path(), "The fix is live since 10:00.");
    let t = Tmux::new("editor");
    t.start_with(&db, dir.path(), &format!("EDITOR='{}'", ed.display()));
    t.wait_for("Today");
    t.keys(&["3"]);
    t.wait_for("Login fix");
    t.keys(&["E"]);
    // Back from the editor, redrawn, the save reported in the status line.
    let screen = t.wait_for("saved");
    assert!(screen.contains("Queue"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit();
    let shown: serde_json::Value =
        serde_json::from_slice(&cli(&["update", "show", &id, "--json"])).unwrap();
    assert_eq!(shown["body"], "The fix is live since 10:00.");
    let seen = std::fs::read_to_string(dir.path().join("seen")).unwrap();
    let (mode, path) = seen.trim().split_once(' ').unwrap();
    assert_eq!(mode, "600");
    assert!(!Path::new(path).exists(), "{path} left behind");
}

#[test]
fn an_editor_that_cannot_start_leaves_the_tui_working_with_one_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("noeditor.sqlite3");
    let cli = |args: &[&str]| rapport(&db, args);
    cli(&["init"]);
    cli(&["project", "add", "Portal"]);
    cli(&["issue", "add", "Login fails", "-p", "Portal", "-s", "high"]);
    let t = Tmux::new("noeditor");
    t.start_with(&db, dir.path(), "VISUAL='/nonexistent/editor --wait'");
    t.wait_for("Today");
    t.keys(&["2"]);
    t.wait_for("Login fails");
    t.keys(&["E"]);
    let screen = t.wait_for("could not start the editor");
    assert!(screen.contains("/nonexistent/editor --wait"), "{screen}");
    // Still the TUI, in raw mode: keys still work.
    t.keys(&["3"]);
    t.wait_for("Queue");
    t.keys(&["q"]);
    t.wait_exit();
}
