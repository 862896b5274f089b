//! Data in and out: the JSON export round trip, refused input (line and field named,
//! nothing written), CSV with formula cells, taskwarrior re-import, the calendar.

use std::path::{Path, PathBuf};

use crate::common;

use common::TestDb;

fn export_json(db: &TestDb, name: &str) -> PathBuf {
    let path = db.dir.path().join(name);
    db.ok(&["export", "-o", path.to_str().unwrap()]);
    path
}

fn write(db: &TestDb, name: &str, text: &str) -> PathBuf {
    let path = db.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn export_then_import_into_an_empty_file_then_export_is_byte_identical() {
    let a = TestDb::new();
    a.ok(&["demo"]);
    let first = export_json(&a, "first.jsonl");
    let b = TestDb::new();
    let said = b.json(&["import", s(&first)]);
    assert_eq!(said["ids_kept"], true);
    let second = export_json(&b, "second.jsonl");
    let (x, y) = (
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap(),
    );
    assert!(x.len() > 10_000, "the demo export holds the records");
    assert!(x == y, "the second export differs from the first");
    // Every data table of the demo is in it, each row once.
    let text = String::from_utf8(x).unwrap();
    for table in [
        "\"clients\"",
        "\"projects\"",
        "\"contacts\"",
        "\"issues\"",
        "\"issue_options\"",
        "\"updates\"",
        "\"expectations\"",
        "\"expectation_revisions\"",
        "\"log_entries\"",
    ] {
        assert!(
            text.contains(&format!("{{\"table\":{table}")),
            "{table} missing"
        );
    }
    assert!(
        !text.contains("\"table\":\"changes\""),
        "the history is not exported"
    );
    assert_eq!(
        said["rows"].as_u64().unwrap() as usize,
        text.lines().count() - 2
    );
}

#[test]
fn import_into_a_file_with_records_gives_new_ids_and_keeps_the_links() {
    let a = TestDb::new();
    a.ok(&["demo"]);
    let file = export_json(&a, "demo.jsonl");
    let before: i64 = rusqlite::Connection::open(&a.path)
        .unwrap()
        .query_row("SELECT count(*) FROM issues", [], |r| r.get(0))
        .unwrap();
    let said = a.json(&["import", s(&file)]);
    assert_eq!(said["ids_kept"], false);
    let conn = rusqlite::Connection::open(&a.path).unwrap();
    let issues: i64 = conn
        .query_row("SELECT count(*) FROM issues", [], |r| r.get(0))
        .unwrap();
    assert_eq!(issues, before * 2);
    // Projects are matched by name, not doubled; every link of an imported row points at a
    // row of the same project.
    let projects: i64 = conn
        .query_row("SELECT count(*) FROM projects", [], |r| r.get(0))
        .unwrap();
    assert_eq!(projects, 4);
    let crossed: i64 = conn
        .query_row(
            "SELECT count(*) FROM log_entries l JOIN issues i ON i.id = l.issue_id
             WHERE i.project_id <> l.project_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(crossed, 0);
    let keys: i64 = conn
        .query_row(
            "SELECT count(*) FROM updates u WHERE u.rule_key = 'notice:' || u.issue_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        keys >= 2 * 4,
        "the merged notices carry their new issue's key ({keys})"
    );
}

/// Replaces the first occurrence of `from` on the first line holding `marker`.
fn corrupt(text: &str, marker: &str, from: &str, to: &str) -> (String, usize) {
    let mut line_no = 0;
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if line_no == 0 && l.contains(marker) {
                line_no = i + 1;
                l.replacen(from, to, 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(line_no > 0, "{marker} not found");
    (lines.join("\n") + "\n", line_no)
}

#[test]
fn malformed_json_is_refused_naming_line_and_field_and_writes_nothing() {
    let a = TestDb::new();
    a.ok(&["demo"]);
    let good = std::fs::read_to_string(export_json(&a, "good.jsonl")).unwrap();
    let cases = [
        corrupt(
            &good,
            "\"table\":\"issues\"",
            "\"severity\":\"",
            "\"severity\":\"urgent-",
        ),
        corrupt(
            &good,
            "\"table\":\"issues\"",
            "\"title\":",
            "\"title\":5,\"x\":",
        ),
        corrupt(
            &good,
            "\"table\":\"log_entries\"",
            "\"at\":\"",
            "\"at\":\"yesterday ",
        ),
        corrupt(&good, "\"table\":\"updates\"", "{\"table\"", "{\"table\"]"),
        corrupt(&good, "\"table\":\"projects\"", "\"name\":", "\"nmae\":"),
    ];
    let fields = [
        "severity",
        "issues.title",
        "log_entries.at",
        "not JSON",
        "projects.nmae",
    ];
    for target in [TestDb::new(), a] {
        target.ensure();
        let counts = target.counts();
        for ((text, line), field) in cases.iter().zip(fields) {
            let file = write(&target, "bad.jsonl", text);
            let err = target.fails(&["import", s(&file)], 2);
            assert!(err.contains(&format!("line {line}:")), "{err}");
            assert!(err.contains(field), "{field} not named: {err}");
            assert_eq!(err.trim().lines().count(), 1, "{err}");
            assert_eq!(target.counts(), counts, "a refused import wrote rows");
        }
        // Cut short: no end line.
        let cut: String = good.lines().take(40).map(|l| format!("{l}\n")).collect();
        let err = target.fails(&["import", s(&write(&target, "cut.jsonl", &cut))], 2);
        assert!(err.contains("without its end line"), "{err}");
        assert_eq!(target.counts(), counts);
    }
}

#[test]
fn a_newer_format_or_schema_is_refused_in_one_line() {
    let a = TestDb::new();
    a.ok(&["demo"]);
    let good = std::fs::read_to_string(export_json(&a, "good.jsonl")).unwrap();
    let b = TestDb::new();
    b.ensure();
    let counts = b.counts();
    for (from, to, word) in [
        (
            "\"format_version\":1",
            "\"format_version\":99",
            "format_version: 99",
        ),
        (
            "\"schema_version\":",
            "\"schema_version\":9999,\"was\":",
            "schema_version: 9999",
        ),
    ] {
        let file = write(&b, "new.jsonl", &good.replacen(from, to, 1));
        let err = b.fails(&["import", s(&file)], 2);
        assert!(
            err.contains(word) && err.contains("upgrade rapport"),
            "{err}"
        );
        assert_eq!(err.trim().lines().count(), 1);
    }
    assert_eq!(b.counts(), counts);
}

#[test]
fn dry_run_checks_everything_and_writes_nothing() {
    let a = TestDb::new();
    a.ok(&["demo"]);
    let file = export_json(&a, "demo.jsonl");
    let b = TestDb::new();
    b.ensure();
    let counts = b.counts();
    let said = b.json(&["import", s(&file), "--dry-run"]);
    assert_eq!(said["dry_run"], true);
    assert!(said["rows"].as_u64().unwrap() > 100);
    assert_eq!(b.counts(), counts);
    let csv = write(&b, "i.csv", "title,project\nLogin slow,Portal\n");
    b.ok(&[
        "import",
        "--format",
        "csv",
        "--table",
        "issues",
        s(&csv),
        "--dry-run",
    ]);
    assert_eq!(b.counts(), counts);
}

#[test]
fn csv_rows_are_checked_like_issue_add_and_all_or_nothing() {
    let db = TestDb::new();
    db.ensure();
    let counts = db.counts();
    let csv = write(
        &db,
        "issues.csv",
        "Summary,project,severity,detected,Notes\n\
         Login slow,Portal,high,2026-11-17 10:00,x\n\
         Export broken,Portal,urgent,2026-11-17 10:00,y\n\
         Report late,Portal,low,2027-01-01,z\n\
         \"Quoted, with comma\",Billing,medium,,w\n",
    );
    let args = [
        "import",
        "--format",
        "csv",
        "--table",
        "issues",
        s(&csv),
        "--map",
        "Summary=title",
        "--map",
        "Notes=",
    ];
    let err = db.fails(&args, 2);
    assert!(err.contains("2 bad rows"), "{err}");
    assert!(err.contains("line 3: invalid severity 'urgent'"), "{err}");
    assert!(err.contains("line 4: ") && err.contains("future"), "{err}");
    assert_eq!(db.counts(), counts, "nothing is written while a row is bad");

    let mut skip = args.to_vec();
    skip.push("--skip-bad");
    let said = db.json(&skip);
    assert_eq!(said["imported"], 2);
    assert_eq!(said["projects_created"], 2);
    assert_eq!(said["skipped"][0]["line"], 3);
    let issues = db.json(&["issue", "list"]);
    let titles: Vec<&str> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Quoted, with comma") && titles.contains(&"Login slow"));
    // As `issue add`: the new issues' notices are queued.
    let notices = db.json(&["update", "list"]);
    assert!(notices.as_array().unwrap().len() >= 2);

    // An unknown column is named, with what to do.
    let odd = write(&db, "odd.csv", "title,project,colour\nA,Portal,red\n");
    let err = db.fails(
        &["import", "--format", "csv", "--table", "issues", s(&odd)],
        2,
    );
    assert!(
        err.contains("column 'colour'") && err.contains("--map"),
        "{err}"
    );
}

#[test]
fn a_formula_cell_comes_back_neutralised() {
    let db = TestDb::new();
    db.ensure();
    let csv = write(
        &db,
        "evil.csv",
        "title,project\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",Portal\n+1 caller,Portal\n",
    );
    db.ok(&["import", "--format", "csv", "--table", "issues", s(&csv)]);
    let out = db.dir.path().join("out.csv");
    db.ok(&[
        "export",
        "--format",
        "csv",
        "--table",
        "issues",
        "--bom",
        "-o",
        s(&out),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM first");
    let text = String::from_utf8(bytes).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[2].to_string())
        .collect();
    assert!(
        titles.contains(&"'=HYPERLINK(\"http://evil.example\",\"x\")".to_string()),
        "{titles:?}"
    );
    assert!(titles.contains(&"'+1 caller".to_string()), "{titles:?}");
    // Read back, the neutralised cell is the text typed.
    let again = TestDb::new();
    again.ok(&["import", "--format", "csv", "--table", "issues", s(&out)]);
    let list = again.json(&["issue", "list"]);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|i| i["title"] == "+1 caller")
    );
}

#[test]
fn contacts_and_log_import_from_csv() {
    let db = TestDb::new();
    db.ensure();
    let contacts = write(
        &db,
        "c.csv",
        "name,client,email\nAnna Berg,Northwind,anna@northwind.example\nBad,Northwind,not-an-email\n",
    );
    let err = db.fails(
        &[
            "import",
            "--format",
            "csv",
            "--table",
            "contacts",
            s(&contacts),
        ],
        2,
    );
    assert!(
        err.contains("line 3:") && err.contains("not-an-email"),
        "{err}"
    );
    let log = write(
        &db,
        "l.csv",
        "project,at,direction,kind,summary,sentiment\nPortal,2026-11-17 10:00,in,praise,Thanks for the quick fix,2\n",
    );
    let said = db.json(&["import", "--format", "csv", "--table", "log", s(&log)]);
    assert_eq!(said["imported"], 1);
}

const TASKS: &str = r#"[
{"id":1,"description":"Fix the login timeout","entry":"20261110T080000Z","modified":"20261110T080000Z","project":"Portal","priority":"H","status":"pending","uuid":"8f5b6a2e-0c1d-4e5f-9a8b-7c6d5e4f3a21","annotations":[{"entry":"20261111T090000Z","description":"Reproduced on staging"}],"urgency":6},
{"id":2,"description":"Write the migration guide","entry":"20261112T080000Z","project":"Portal","status":"pending","uuid":"1a2b3c4d-0000-4000-8000-000000000002"},
{"id":0,"description":"Rotate the API keys","entry":"20261101T080000Z","end":"20261105T170000Z","priority":"L","status":"completed","uuid":"1a2b3c4d-0000-4000-8000-000000000003"},
{"id":0,"description":"Old idea","entry":"20261101T080000Z","end":"20261102T170000Z","status":"deleted","uuid":"1a2b3c4d-0000-4000-8000-000000000004"}
]"#;

#[test]
fn taskwarrior_import_then_reimport_updates_without_duplicates() {
    let db = TestDb::new();
    let file = write(&db, "tasks.json", TASKS);
    let first = db.json(&["import", "--from", "taskwarrior", s(&file)]);
    assert_eq!(first["added"], 4);
    assert_eq!(first["notes_added"], 1);
    let issues = db.json(&["issue", "list", "--all"]);
    let by_title = |t: &str| {
        issues
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["title"] == t)
            .unwrap_or_else(|| panic!("{t} missing: {issues}"))
            .clone()
    };
    assert_eq!(by_title("Fix the login timeout")["severity"], "high");
    assert_eq!(by_title("Write the migration guide")["severity"], "low");
    assert_eq!(by_title("Rotate the API keys")["status"], "resolved");
    assert_eq!(by_title("Old idea")["status"], "closed");
    assert_eq!(by_title("Old idea")["project"], "taskwarrior");
    assert_eq!(
        by_title("Fix the login timeout")["detected_at"],
        "2026-11-10T08:00:00Z"
    );
    let counts = db.counts();
    let again = db.json(&["import", "--from", "taskwarrior", s(&file)]);
    assert_eq!(
        (again["added"].as_i64(), again["updated"].as_i64()),
        (Some(0), Some(0))
    );
    assert_eq!(db.counts(), counts, "a second import adds nothing");
    // Changed there, updated here; one object per line is read too.
    let lines: String = TASKS
        .trim_start_matches('[')
        .trim_end_matches(']')
        .replace("},\n{", "}\n{")
        .replace("Fix the login timeout", "Fix the login timeout on mobile");
    let changed = write(&db, "tasks.ndjson", &lines);
    let third = db.json(&["import", "--from", "taskwarrior", s(&changed)]);
    assert_eq!(
        (third["added"].as_i64(), third["updated"].as_i64()),
        (Some(0), Some(1))
    );
    let issues = db.json(&["issue", "list", "--all"]);
    assert!(
        issues
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["title"] == "Fix the login timeout on mobile")
    );
    assert_eq!(issues.as_array().unwrap().len(), 4);
    // A bad task names itself and writes nothing.
    let bad = write(
        &db,
        "bad.json",
        &TASKS.replace("\"priority\":\"L\"", "\"priority\":\"X\""),
    );
    let counts = db.counts();
    let err = db.fails(&["import", "--from", "taskwarrior", s(&bad)], 2);
    assert!(
        err.contains("task 3") && err.contains("priority 'X'"),
        "{err}"
    );
    assert_eq!(db.counts(), counts);
}

/// Into an empty file the issues' indexes are built after the rows: a task listed twice is
/// still one issue, a note given twice in one task one note, and the file ends with every
/// index it had.
#[test]
fn taskwarrior_into_an_empty_file_keeps_one_issue_per_uuid_and_every_index() {
    let db = TestDb::new();
    let indexes = |db: &TestDb| -> Vec<String> {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    db.ok(&["where"]);
    let before = indexes(&db);
    let twice = r#"{"description":"Fix the login timeout","entry":"20261110T080000Z","project":"Portal","status":"pending","uuid":"8f5b6a2e-0c1d-4e5f-9a8b-7c6d5e4f3a21","annotations":[{"entry":"20261111T090000Z","description":"Reproduced on staging"},{"entry":"20261111T090000Z","description":"Reproduced on staging"},{"entry":"20261112T090000Z","description":"Fixed on staging"}]}"#;
    let file = write(&db, "twice.ndjson", &format!("{twice}\n{twice}\n"));
    let said = db.json(&["import", "--from", "taskwarrior", s(&file)]);
    assert_eq!(
        (said["added"].as_i64(), said["notes_added"].as_i64()),
        (Some(1), Some(2)),
        "{said}"
    );
    let issues = db.json(&["issue", "list", "--all"]);
    assert_eq!(issues.as_array().unwrap().len(), 1, "{issues}");
    assert_eq!(indexes(&db), before);
}

fn uids(text: &str) -> Vec<String> {
    use icalendar::Component;
    let cal: icalendar::Calendar = text.parse().expect("a standard parser reads the calendar");
    cal.components
        .iter()
        .filter_map(|c| {
            c.as_todo()
                .and_then(|t| t.get_uid())
                .or_else(|| c.as_event().and_then(|e| e.get_uid()))
                .map(str::to_string)
        })
        .collect()
}

#[test]
fn the_calendar_parses_and_its_uids_stay_the_same() {
    let a = TestDb::new();
    a.ok(&["demo"]);
    let first = a.ok(&["export", "--format", "ics"]);
    let found = uids(&first);
    assert!(found.len() >= 10, "{found:?}");
    let mut unique = found.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), found.len(), "UIDs are unique");
    for kind in [
        "update-",
        "follow-up-",
        "expectation-",
        "milestone-",
        "risk-review-",
        "meeting-",
        "action-",
    ] {
        assert!(
            found.iter().any(|u| u.starts_with(kind)),
            "no {kind} in {found:?}"
        );
    }
    assert!(first.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    // A meeting is at its time, an open action due on its date.
    let meeting = first
        .split("BEGIN:VEVENT")
        .find(|c| c.contains("UID:meeting-"))
        .expect("a meeting");
    assert!(
        meeting.contains("DTSTART:2026") && meeting.contains("Z\r\nDURATION:PT1H"),
        "{meeting}"
    );
    let action = first
        .split("BEGIN:VTODO")
        .find(|c| c.contains("UID:action-"))
        .expect("an action");
    assert!(action.contains("DUE;VALUE=DATE:2026"), "{action}");
    assert!(first.contains("\r\n"));
    // The same again; and from a file moved by export and import.
    assert_eq!(a.ok(&["export", "--format", "ics"]), first);
    let file = export_json(&a, "move.jsonl");
    let b = TestDb::new();
    b.ok(&["import", s(&file)]);
    assert_eq!(uids(&b.ok(&["export", "--format", "ics"])), found);
    // One project only.
    let one = a.ok(&["export", "--format", "ics", "--project", "Northwind Portal"]);
    let few = uids(&one);
    assert!(!few.is_empty() && few.len() < found.len());
    assert!(few.iter().all(|u| found.contains(u)));
}

/// The schema objects of a file: (type, name, sql) of every index and trigger.
fn schema_objects(path: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master
             WHERE type IN ('index', 'trigger') ORDER BY type, name",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn after_an_import_the_indexes_and_triggers_are_back_and_edits_have_a_history() {
    let a = TestDb::new();
    a.ok(&["demo"]);
    let file = export_json(&a, "all.jsonl");
    let b = TestDb::new();
    b.ensure();
    let before = schema_objects(&b.path);
    assert!(
        before
            .iter()
            .any(|(t, n, _)| t == "trigger" && n.starts_with("history_"))
    );
    assert!(
        before
            .iter()
            .any(|(t, n, _)| t == "index" && n == "log_by_time")
    );
    b.ok(&["import", s(&file)]);
    assert_eq!(
        schema_objects(&b.path),
        before,
        "every index and trigger as it was"
    );
    b.ok(&["issue", "edit", "1", "--owner", "Ana"]);
    let h = b.json(&["history", "issue", "1"]);
    let actions: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["edited"],
        "the import is not in the history, the edit is: {h:?}"
    );
    // The search index holds the imported rows.
    let title = b.json(&["issue", "show", "1"])["title"]
        .as_str()
        .unwrap()
        .to_string();
    let word = title.split_whitespace().max_by_key(|w| w.len()).unwrap();
    let found = b.json(&["issue", "list", "--all", "--search", word]);
    assert!(
        found.as_array().unwrap().iter().any(|i| i["id"] == 1),
        "issue 1 found by '{word}': {found:?}"
    );
}
