//! The query-plan checker: every statement the TUI and the rules run, read back from
//! SQLite's own trace, must search each table by all of the statement's equality filters on
//! it. An index used on a prefix that leaves an equality filter out walks every row of that
//! prefix (the issue detail once walked the whole live queue: `SEARCH u USING INDEX
//! updates_window (archived_at=?)` for `u.issue_id = ?`), and so does a scan.

use std::collections::{BTreeMap, BTreeSet};

/// One table a SELECT (or UPDATE/DELETE) reads, under the name its plan lines use, with
/// the columns its WHERE clause sets equal to a value (`= ?`, `= 'x'`, `IS NULL`, `IN (..)`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Scope {
    /// Plan name (alias, or the table's name) → equality columns.
    pub eq: BTreeMap<String, BTreeSet<String>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    /// A bound value: `?`, `?1`, a number, a string literal, NULL.
    Value,
    Punct(char),
    Op(String),
}

fn tokens(sql: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let cs: Vec<char> = sql.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && cs.get(i + 1) == Some(&'-') {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
        } else if c == '\'' {
            i += 1;
            while i < cs.len() {
                if cs[i] == '\'' && cs.get(i + 1) == Some(&'\'') {
                    i += 2;
                } else if cs[i] == '\'' {
                    break;
                } else {
                    i += 1;
                }
            }
            i += 1;
            out.push(Tok::Value);
        } else if c == '?' {
            i += 1;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Tok::Value);
        } else if c.is_ascii_digit() {
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '.') {
                i += 1;
            }
            out.push(Tok::Value);
        } else if c.is_alphanumeric() || c == '_' || c == '"' {
            let start = i;
            while i < cs.len() && (cs[i].is_alphanumeric() || matches!(cs[i], '_' | '.' | '"')) {
                i += 1;
            }
            let w: String = cs[start..i].iter().filter(|c| **c != '"').collect();
            if w.eq_ignore_ascii_case("null") {
                out.push(Tok::Value);
            } else {
                out.push(Tok::Word(w));
            }
        } else if matches!(c, '(' | ')' | ',' | ';' | '+') {
            out.push(Tok::Punct(c));
            i += 1;
        } else {
            let start = i;
            while i < cs.len() && matches!(cs[i], '=' | '<' | '>' | '!' | '|' | '*' | '/' | '%') {
                i += 1;
            }
            if i == start {
                i += 1;
            }
            out.push(Tok::Op(cs[start..i].iter().collect()));
        }
    }
    out
}

fn is_kw(t: &Tok, kw: &str) -> bool {
    matches!(t, Tok::Word(w) if w.eq_ignore_ascii_case(kw))
}

/// Ends of a FROM list or a WHERE clause at the clause's own depth.
const CLAUSE_END: &[&str] = &[
    "WHERE",
    "GROUP",
    "ORDER",
    "LIMIT",
    "HAVING",
    "WINDOW",
    "UNION",
    "EXCEPT",
    "INTERSECT",
    "RETURNING",
    "SET",
];

/// The tokens of one clause: from `start` at depth 0 relative to it, up to the first
/// clause keyword at that depth or a closing parenthesis that leaves it.
fn clause(toks: &[Tok], start: usize) -> &[Tok] {
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate().skip(start) {
        match t {
            Tok::Punct('(') => depth += 1,
            Tok::Punct(')') if depth == 0 => return &toks[start..i],
            Tok::Punct(')') => depth -= 1,
            Tok::Punct(';') if depth == 0 => return &toks[start..i],
            t if depth == 0 && CLAUSE_END.iter().any(|k| is_kw(t, k)) => {
                return &toks[start..i];
            }
            _ => {}
        }
    }
    &toks[start..]
}

/// Splits `toks` at depth-0 tokens for which `at` holds.
fn split(toks: &[Tok], at: impl Fn(&Tok) -> bool) -> Vec<&[Tok]> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Punct('(') => depth += 1,
            Tok::Punct(')') => depth -= 1,
            t if depth == 0 && at(t) => {
                parts.push(&toks[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&toks[from..]);
    parts
}

/// The tables of a FROM list (or an UPDATE's table): plan name → table name.
fn tables(from: &[Tok]) -> Vec<String> {
    let joins = ["JOIN", "LEFT", "INNER", "CROSS", "OUTER", "NATURAL"];
    let mut names = Vec::new();
    for part in split(from, |t| {
        matches!(t, Tok::Punct(',')) || joins.iter().any(|j| is_kw(t, j))
    }) {
        // `name [AS] [alias] [ON ...]`; a subquery `( ... )` is read on its own.
        let words: Vec<&str> = part
            .iter()
            .take_while(|t| !is_kw(t, "ON") && !is_kw(t, "USING"))
            .filter_map(|t| match t {
                Tok::Word(w) if !w.eq_ignore_ascii_case("AS") => Some(w.as_str()),
                _ => None,
            })
            .collect();
        if matches!(part.first(), Some(Tok::Word(_))) {
            match words.as_slice() {
                [table] => names.push(table.to_string()),
                [_, alias, ..] => names.push(alias.to_string()),
                _ => {}
            }
        }
    }
    names
}

/// The equality columns of a WHERE clause, by plan name; none when it has a top-level OR.
fn equalities(cond: &[Tok], names: &[String]) -> BTreeMap<String, BTreeSet<String>> {
    let mut eq: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    if split(cond, |t| is_kw(t, "OR")).len() > 1 {
        return eq;
    }
    for part in split(cond, |t| is_kw(t, "AND")) {
        let column = match part {
            // `+col` keeps a filter off the indexes on purpose.
            [Tok::Word(c), Tok::Op(op), Tok::Value] if op == "=" || op == "==" => c,
            [Tok::Value, Tok::Op(op), Tok::Word(c)] if op == "=" || op == "==" => c,
            [Tok::Word(c), Tok::Word(is), Tok::Value] if is.eq_ignore_ascii_case("IS") => c,
            [Tok::Word(c), Tok::Word(is), Tok::Punct('('), ..] if is.eq_ignore_ascii_case("IN") => {
                c
            }
            _ => continue,
        };
        let (name, col) = match column.split_once('.') {
            Some((a, c)) => (a.to_string(), c.to_string()),
            None if names.len() == 1 => (names[0].clone(), column.clone()),
            None => continue,
        };
        eq.entry(name).or_default().insert(col.to_lowercase());
    }
    eq
}

/// Every SELECT, UPDATE and DELETE in `sql` (subqueries included), with its equality
/// columns by plan name.
pub fn scopes(sql: &str) -> Vec<Scope> {
    let toks = tokens(sql);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let from_at = if is_kw(t, "SELECT") {
            // Its FROM at its own depth (none if its parenthesis closes first).
            let mut depth = 0;
            let mut found = None;
            for (j, tok) in toks.iter().enumerate().skip(i + 1) {
                match tok {
                    Tok::Punct('(') => depth += 1,
                    Tok::Punct(')') if depth == 0 => break,
                    Tok::Punct(')') => depth -= 1,
                    t if depth == 0 && is_kw(t, "FROM") => {
                        found = Some(j + 1);
                        break;
                    }
                    _ => {}
                }
            }
            found
        } else if is_kw(t, "DELETE") {
            Some(i + 2)
        } else if is_kw(t, "UPDATE")
            && !matches!(toks.get(i + 1), Some(Tok::Word(w)) if w.eq_ignore_ascii_case("OF"))
        {
            Some(i + 1)
        } else {
            None
        };
        let Some(from_at) = from_at else { continue };
        let from = clause(&toks, from_at);
        let names = tables(from);
        // The WHERE at the same depth, after the FROM (an UPDATE's after its SET).
        let mut depth = 0;
        let mut where_at = None;
        for (j, tok) in toks.iter().enumerate().skip(from_at + from.len()) {
            match tok {
                Tok::Punct('(') => depth += 1,
                Tok::Punct(')') if depth == 0 => break,
                Tok::Punct(')') => depth -= 1,
                t if depth == 0 && is_kw(t, "WHERE") => {
                    where_at = Some(j + 1);
                    break;
                }
                t if depth == 0
                    && ["ORDER", "GROUP", "LIMIT", "UNION", "RETURNING"]
                        .iter()
                        .any(|k| is_kw(t, k)) =>
                {
                    break;
                }
                _ => {}
            }
        }
        let eq = where_at
            .map(|w| equalities(clause(&toks, w), &names))
            .unwrap_or_default();
        let mut scope = Scope::default();
        for n in names {
            let cols = eq.get(&n).cloned().unwrap_or_default();
            scope.eq.insert(n, cols);
        }
        out.push(scope);
    }
    out
}

/// What one plan line says about how a table is read.
#[derive(Debug, Clone, PartialEq)]
pub enum Access {
    /// At most one row (the rowid, or a unique key).
    Row,
    /// An index searched with these columns equal (its prefix).
    Index { index: String, eq: BTreeSet<String> },
    /// Every row of the table, or of an index (in its order) when named.
    Scan { index: Option<String> },
}

/// The index a plan line names, and what follows its name.
fn index_of(line: &str) -> Option<(String, &str)> {
    if let Some((_, after)) = line.split_once(" USING PRIMARY KEY ") {
        return Some(("PRIMARY KEY".to_string(), after.trim()));
    }
    let (_, after) = line.split_once(" INDEX ")?;
    let name = after.split_whitespace().next()?;
    Some((name.to_string(), after[name.len()..].trim()))
}

/// Parses `SEARCH u USING INDEX updates_window (archived_at=? AND is_done=?)`, `SCAN u`, ...
/// into the plan name and its access; None for lines about no table.
pub fn access(line: &str) -> Option<(String, Access)> {
    let (kind, rest) = line.split_once(' ')?;
    let name = rest.split_whitespace().next()?.to_string();
    if line.contains("VIRTUAL TABLE") {
        return None;
    }
    match kind {
        "SCAN" => Some((
            name,
            Access::Scan {
                index: index_of(line).map(|(i, _)| i),
            },
        )),
        "SEARCH" => {
            if line.contains("PRIMARY KEY (rowid=?)") || line.contains("PRIMARY KEY (id=?)") {
                return Some((name, Access::Row));
            }
            let (index, constraints) = index_of(line).unwrap_or_default();
            // `(a=? AND (b,c)>(?,?))`: the outer parentheses hold the constraints.
            let inner = constraints
                .strip_prefix('(')
                .and_then(|c| c.strip_suffix(')'))
                .unwrap_or("");
            let eq = inner
                .split(" AND ")
                .filter_map(|c| c.strip_suffix("=?"))
                .filter(|c| !c.contains(['(', ')', ',', '<', '>']))
                .map(str::to_lowercase)
                .collect();
            Some((name, Access::Index { index, eq }))
        }
        _ => None,
    }
}

/// Equality filters left for after an index search on purpose: each index's rows for one
/// value of its prefix are few (one record's, one project's pending ones, a week's), so
/// filtering them costs little, and an index for each such column would slow every write.
pub const BOUNDED: &[(&str, &str)] = &[
    // One meeting's log entries (its decisions): a handful.
    ("log_by_meeting", "archived_at"),
    ("log_by_meeting", "kind"),
    // One change set's rows.
    ("changes_by_set", "tbl"),
    ("changes_by_set", "op"),
    // A client's contacts; an issue's notes (or those of a time range).
    ("contacts_by_client", "archived_at"),
    ("issue_notes_by_issue", "archived_at"),
    // One issue's updates.
    ("updates_issue_window", "state"),
    // A project's pending updates of one kind (the queue of one project is short). Only
    // where the search also fixes is_done: a query of every update of a project by kind
    // (its closing update) walked 7,500 rows; it searches updates_closing now.
    ("updates_project_window", "kind"),
    // A project's sent updates within a week; its issues resolved within a range.
    ("updates_sent", "archived_at"),
    ("updates_sent", "state"),
    ("issues_resolved", "archived_at"),
    // Follow-ups already due (a time range) that are still open; risk reviews due.
    ("issues_next_update", "is_closed"),
    ("risks_review", "is_open"),
    // The open issues (a few hundred however old the file) not yet told to the client.
    ("issues_window", "client_notified_at"),
    // A project's status reports, one a week.
    ("updates_status_reports", "is_pending"),
    // A project's log newest first: the last few inbound entries (of a channel) are found
    // at once.
    ("log_by_project", "direction"),
    ("log_by_project", "channel"),
    // The open risks of the whole file are few (found here: without statistics the
    // planner reads them all rather than risks_by_project; left for the risk pane's owner).
    ("risks_register", "project_id"),
    // A project's communication plan; one milestone's revisions.
    ("comm_plan_by_project", "archived_at"),
    ("milestone_revisions_by_milestone", "archived_at"),
];

/// The table a plan name stands for in `sql` (the name itself when it is no alias).
fn table_of(sql: &str, name: &str) -> String {
    let toks = tokens(sql);
    toks.windows(2)
        .find_map(|w| match w {
            [Tok::Word(t), Tok::Word(a)]
                if a == name
                    && !["FROM", "JOIN", "UPDATE", "INTO"]
                        .iter()
                        .any(|k| t.eq_ignore_ascii_case(k)) =>
            {
                Some(t.clone())
            }
            _ => None,
        })
        .unwrap_or_else(|| name.to_string())
}

/// The columns a partial index's WHERE clause fixes by equality (`... WHERE archived_at IS
/// NULL`): every row it holds already meets those filters.
pub fn partial_index_equalities(create_index: &str) -> BTreeSet<String> {
    let toks = tokens(create_index);
    let Some(at) = toks.iter().position(|t| is_kw(t, "WHERE")) else {
        return BTreeSet::new();
    };
    equalities(&toks[at + 1..], &["t".to_string()])
        .remove("t")
        .unwrap_or_default()
}

/// What is wrong with `plan` (its detail lines) for `sql`: each line that reads a table
/// without all of the statement's equality columns on it in its searched prefix (or fixed
/// by the WHERE clause of the partial index searched, as given in `partial`).
pub fn problems(
    sql: &str,
    plan: &[String],
    partial: &BTreeMap<String, BTreeSet<String>>,
    small: &BTreeSet<String>,
) -> Vec<String> {
    let scopes = scopes(sql);
    let mut out = Vec::new();
    for line in plan {
        if line.contains("AUTOMATIC") {
            out.push(format!("builds an index for one query: {line}"));
            continue;
        }
        let Some((name, access)) = access(line) else {
            continue;
        };
        // A plan name may be declared by several SELECTs of the statement: the line is fine
        // if it serves one of them.
        let wanted: Vec<&BTreeSet<String>> =
            scopes.iter().filter_map(|s| s.eq.get(&name)).collect();
        let missing = |eq: &BTreeSet<String>| -> Vec<String> {
            wanted
                .iter()
                .map(|w| w.difference(eq).cloned().collect::<Vec<_>>())
                .min_by_key(Vec::len)
                .unwrap_or_default()
        };
        let fixed = |index: &str| partial.get(index).cloned().unwrap_or_default();
        let left_out: Vec<String> = match &access {
            Access::Row => vec![],
            Access::Index { eq, index } => missing(&eq.union(&fixed(index)).cloned().collect())
                .into_iter()
                .filter(|c| !BOUNDED.contains(&(index.as_str(), c.as_str())))
                .collect(),
            // A scan of a table of a few hundred rows (projects, contacts) reads little.
            Access::Scan { .. } if small.contains(&table_of(sql, &name)) => vec![],
            Access::Scan { index } => missing(&index.as_deref().map(fixed).unwrap_or_default()),
        };
        if !left_out.is_empty() {
            out.push(format!(
                "{line}: leaves out the equality filter(s) {} of {name}",
                left_out.join(", ")
            ));
        }
    }
    out
}

#[test]
fn the_old_plan_of_an_issues_updates_is_refused() {
    // The issue detail's update list as it was planned before migration 6.
    let sql = "SELECT u.id, u.subject FROM updates u JOIN projects p ON p.id = u.project_id
               LEFT JOIN contacts k ON k.id = u.contact_id
               WHERE u.issue_id = ? AND u.archived_at IS NULL
               ORDER BY u.is_done ASC, u.due_at ASC, u.id ASC LIMIT ?";
    let old = vec![
        "SEARCH u USING INDEX updates_window (archived_at=?)".to_string(),
        "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)".to_string(),
        "SEARCH k USING INTEGER PRIMARY KEY (rowid=?)".to_string(),
    ];
    let none = BTreeMap::new();
    let small = BTreeSet::new();
    let found = problems(sql, &old, &none, &small);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("issue_id"), "{found:?}");
    // The plan with the index that starts with the equality columns passes.
    let new = vec![
        "SEARCH u USING INDEX updates_issue_window (issue_id=? AND archived_at=?)".to_string(),
        "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)".to_string(),
        "SEARCH k USING INTEGER PRIMARY KEY (rowid=?)".to_string(),
    ];
    assert_eq!(problems(sql, &new, &none, &small), Vec::<String>::new());
    // A scan of a table the statement filters by equality is refused too; `+col` (kept off
    // the indexes on purpose) and ranges ask for nothing.
    assert_eq!(
        problems(
            "SELECT count(*) FROM log_entries WHERE project_id = ?1 AND at > ?2",
            &["SCAN log_entries".to_string()],
            &none,
            &small
        )
        .len(),
        1
    );
    assert!(
        problems(
            "SELECT * FROM log_entries l WHERE +l.archived_at IS NULL AND l.id > ? ORDER BY l.id DESC",
            &["SEARCH l USING INTEGER PRIMARY KEY (rowid>?)".to_string()],
            &none,
            &small
        )
        .is_empty()
    );
}

#[test]
fn statements_are_read_into_their_equality_columns() {
    let s = scopes(
        "SELECT count(*) FROM (SELECT 1 FROM updates u JOIN projects p ON p.id = u.project_id
         WHERE u.project_id = ?1 AND u.archived_at IS NULL AND u.state IN ('draft', 'ready')
           AND u.due_at < ?2 AND NOT EXISTS (SELECT 1 FROM issue_waits w WHERE w.issue_id = u.issue_id AND w.resumed_at IS NULL)
         LIMIT ?)",
    );
    let want = |name: &str, cols: &[&str]| -> (String, BTreeSet<String>) {
        (
            name.to_string(),
            cols.iter().map(|c| c.to_string()).collect(),
        )
    };
    let eqs: Vec<BTreeMap<String, BTreeSet<String>>> = s.into_iter().map(|s| s.eq).collect();
    assert!(eqs.contains(&BTreeMap::from([
        want("u", &["archived_at", "project_id", "state"]),
        want("p", &[]),
    ])));
    assert!(eqs.contains(&BTreeMap::from([want("w", &["resumed_at"])])));
    // A partial index holds only rows that meet its WHERE clause.
    assert_eq!(
        partial_index_equalities(
            "CREATE INDEX x ON updates(rule_key) WHERE rule_key >= 'reply:' AND state <> 'sent' AND archived_at IS NULL"
        ),
        BTreeSet::from(["archived_at".to_string()])
    );
    // An OR at the top of a WHERE asks nothing (no prefix serves both sides).
    assert_eq!(
        scopes("SELECT * FROM issues WHERE a = 1 OR b = 2")[0].eq,
        BTreeMap::from([want("issues", &[])])
    );
    assert_eq!(
        scopes("UPDATE updates SET state = ?2 WHERE id = ?1")[0].eq,
        BTreeMap::from([want("updates", &["id"])])
    );
}

mod traced {
    //! Every statement a session runs, collected from SQLite's trace, checked against its plan.

    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::Mutex;

    use chrono::{DateTime, TimeZone, Utc};
    use rapport::clock::Clock;
    use rapport::config::Config;
    use rapport::store::Store;
    use rapport::tui::action::Action;
    use rapport::tui::app::{App, Mode, Pane, Zone};
    use rapport::tui::effects::Effects;
    use rapport::tui::forms::IssueField;
    use rapport::tui::key::{Code, Key};
    use rapport::tui::{start, update};
    use rapport::workflow::{Policy, Record, demo, rules, search};
    use rusqlite::trace::{TraceEvent, TraceEventCodes};

    static SEEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

    fn note(e: TraceEvent<'_>) {
        if let TraceEvent::Stmt(_, sql) = e
            && !sql.starts_with("--")
        {
            SEEN.lock().unwrap().insert(sql.to_string());
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
    }

    fn act(store: &mut Store, app: &mut App, policy: &Policy, action: Action) {
        let effects = update::update(app, action);
        let mut fx = Effects {
            store,
            clock: Clock::Fixed(now()),
            policy,
        };
        rapport::tui::run_effects(&mut fx, app, effects);
        rapport::tui::run_waiting(&mut fx, app);
    }

    /// A session over the large demo: every pane paged, filtered and opened, Today and its
    /// jumps, a draft, a save, an archive and its undo, the rules and a search.
    fn session(s: &mut Store, policy: &Policy) {
        let mut app = start(
            s,
            &Config::default(),
            Clock::Fixed(now()),
            Zone::UTC,
            (120, 40),
        )
        .unwrap();
        let a = |s: &mut Store, app: &mut App, action: Action| act(s, app, policy, action);
        for n in 1..=4 {
            a(s, &mut app, Action::GoPane(n));
            for step in [
                Action::PageDown,
                Action::Down,
                Action::Bottom,
                Action::PageUp,
                Action::Top,
            ] {
                a(s, &mut app, step);
            }
            a(s, &mut app, Action::Open);
            a(s, &mut app, Action::Back);
            a(s, &mut app, Action::Bottom);
            a(s, &mut app, Action::Open);
            a(s, &mut app, Action::Back);
            for text in ["chec", "白屏"] {
                a(s, &mut app, Action::Filter);
                for ch in text.chars() {
                    a(s, &mut app, Action::Input(Key::ch(ch)));
                }
                a(s, &mut app, Action::Input(Key::plain(Code::Enter)));
                a(s, &mut app, Action::PageDown);
                a(s, &mut app, Action::Back);
            }
        }
        // Today: every kind of item opened (a project shows its issues).
        a(s, &mut app, Action::GoPane(0));
        let items: Vec<Record> = app.today.items().iter().map(|i| i.record).collect();
        let mut kinds = std::collections::HashSet::new();
        for (at, r) in items.iter().enumerate() {
            if kinds.insert(std::mem::discriminant(r)) {
                a(s, &mut app, Action::GoPane(0));
                app.today.selected = at;
                a(s, &mut app, Action::Open);
                a(s, &mut app, Action::Open);
                a(s, &mut app, Action::Back);
            }
        }
        // D, an edit saved, an archive and its undo.
        a(s, &mut app, Action::GoPane(1));
        a(s, &mut app, Action::Draft);
        a(s, &mut app, Action::Back);
        a(s, &mut app, Action::GoPane(1));
        a(s, &mut app, Action::Edit);
        if let Mode::Form(form) = &mut app.mode {
            form.focus = form.position(IssueField::Title).unwrap();
        }
        a(s, &mut app, Action::Input(Key::ch('!')));
        a(s, &mut app, Action::Input(Key::ctrl('s')));
        assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
        a(s, &mut app, Action::Archive);
        a(s, &mut app, Action::Input(Key::ch('y')));
        a(s, &mut app, Action::Undo);
        for n in 2..=4 {
            a(s, &mut app, Action::GoPane(n));
            a(s, &mut app, Action::Add);
            a(s, &mut app, Action::Input(Key::plain(Code::Esc)));
        }
        rules::apply_all(s, now(), policy).unwrap();
        search::all(s, "checkout", 20).unwrap();
        let _ = Pane::Today;
    }

    fn check_all(
        s: &Store,
        statements: &BTreeSet<String>,
        when: &str,
        small: &BTreeSet<String>,
    ) -> Vec<String> {
        let mut found = Vec::new();
        let partial: BTreeMap<String, BTreeSet<String>> = s
            .conn()
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            .unwrap()
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap()
            .map(|r| {
                let (name, sql) = r.unwrap();
                (name, super::partial_index_equalities(&sql))
            })
            .collect();
        for sql in statements {
            let head = sql.trim_start().to_uppercase();
            if !["SELECT", "UPDATE", "DELETE", "WITH", "INSERT"]
                .iter()
                .any(|k| head.starts_with(k))
            {
                continue;
            }
            let mut stmt = match s.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")) {
                Ok(st) => st,
                Err(e) => {
                    found.push(format!("{when}: cannot explain {sql}: {e}"));
                    continue;
                }
            };
            // Unbound parameters plan as they do bound (NULL is a value like any other).
            let mut plan: Vec<String> = Vec::new();
            let mut rows = stmt.raw_query();
            while let Some(r) = rows.next().unwrap() {
                plan.push(r.get(3).unwrap());
            }
            for p in super::problems(sql, &plan, &partial, small) {
                found.push(format!(
                    "{when}: {p}\n    {}",
                    sql.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
            }
        }
        found
    }

    #[test]
    fn every_statement_of_a_session_searches_by_its_equality_filters() {
        let mut s = Store::open_in_memory().unwrap();
        let policy = Policy::standard();
        demo::fill(&mut s, now(), &policy, demo::Scale::Large).unwrap();
        s.conn()
            .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(note));
        session(&mut s, &policy);
        s.conn().trace_v2(TraceEventCodes::empty(), None);
        let statements = SEEN.lock().unwrap().clone();
        assert!(statements.len() > 50, "{} statements", statements.len());
        // Tables of fewer than 1,000 rows (projects, contacts) may be scanned.
        let tables: Vec<String> = s
            .conn()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let small: BTreeSet<String> = tables
            .into_iter()
            .filter(|t| {
                let n: i64 = s
                    .conn()
                    .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                    .unwrap();
                n < 1000
            })
            .collect();
        let mut found = check_all(&s, &statements, "with statistics", &small);
        // And as a file that was never analyzed plans them (a new file, or after a load).
        s.conn()
            .execute_batch("DELETE FROM sqlite_stat1; ANALYZE sqlite_schema;")
            .unwrap();
        found.extend(check_all(&s, &statements, "without statistics", &small));
        assert!(
            found.is_empty(),
            "{} problems:\n{}",
            found.len(),
            found.join("\n")
        );
    }
}

/// The statistics after a load count rows for every index, and keep the samples
/// (`sqlite_stat4`) of the queue's window index alone, which the plans above need; every
/// connection loads the samples it finds.
#[test]
fn a_load_keeps_the_queue_samples_alone() {
    use rapport::store::Store;
    use rapport::workflow::{demo, policy::Policy};
    let mut store = Store::open_in_memory().unwrap();
    let now = "2026-11-18T09:00:00Z".parse().unwrap();
    demo::fill_generated(&mut store, now, &Policy::standard(), 200).unwrap();
    let conn = store.conn();
    let sampled: Vec<String> = conn
        .prepare("SELECT DISTINCT idx FROM sqlite_stat4 ORDER BY idx")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(sampled, ["updates_window"]);
    let counted: i64 = conn
        .query_row("SELECT count(DISTINCT tbl) FROM sqlite_stat1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(counted > 10, "{counted} tables counted");
}
