//! The dated things a calendar export shows: updates due, follow-ups promised, milestones,
//! expectation dates, risk reviews, each with the time of its last change.

use rusqlite::Connection;

use crate::error::Result;

/// One dated entry: a to-do with a UTC time, or (not `todo`) an all-day event on a date.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: &'static str,
    pub todo: bool,
    pub label: &'static str,
    pub id: i64,
    pub project: String,
    pub text: String,
    /// A stored time (`todo`) or date.
    pub when: String,
    pub changed: String,
}

/// One source of entries: its kind (the UID's prefix), whether it is a to-do (else an all-day event), and
/// the query giving id, project, summary, when (a UTC time, or a date for an event), and the
/// time of its last change. `?1` is the project id or NULL for all projects.
struct Source {
    kind: &'static str,
    todo: bool,
    label: &'static str,
    sql: &'static str,
}

const SOURCES: &[Source] = &[
    Source {
        kind: "update",
        todo: true,
        label: "Send update",
        sql: "SELECT u.id, p.name, u.subject, u.due_at, u.updated_at FROM updates u
              JOIN projects p ON p.id = u.project_id
              WHERE u.archived_at IS NULL AND u.state IN ('draft', 'ready')
                AND (?1 IS NULL OR u.project_id = ?1) ORDER BY u.id",
    },
    Source {
        kind: "follow-up",
        todo: true,
        label: "Follow-up promised",
        sql: "SELECT i.id, p.name, i.title, i.next_update_due, i.updated_at FROM issues i
              JOIN projects p ON p.id = i.project_id
              WHERE i.archived_at IS NULL AND i.next_update_due IS NOT NULL
                AND i.status NOT IN ('resolved', 'closed')
                AND (?1 IS NULL OR i.project_id = ?1) ORDER BY i.id",
    },
    Source {
        kind: "milestone",
        todo: false,
        label: "Milestone",
        sql: "SELECT m.id, p.name, m.name, m.due_on, m.updated_at FROM milestones m
              JOIN projects p ON p.id = m.project_id
              WHERE m.archived_at IS NULL AND m.status <> 'done'
                AND (?1 IS NULL OR m.project_id = ?1) ORDER BY m.id",
    },
    Source {
        kind: "expectation",
        todo: false,
        label: "Expectation due",
        sql: "SELECT e.id, p.name, e.statement, e.due_on, e.updated_at FROM expectations e
              JOIN projects p ON p.id = e.project_id
              WHERE e.archived_at IS NULL AND e.due_on IS NOT NULL
                AND e.status IN ('proposed', 'agreed', 'at-risk', 'changed')
                AND (?1 IS NULL OR e.project_id = ?1) ORDER BY e.id",
    },
    Source {
        kind: "risk-review",
        todo: true,
        label: "Review risk",
        sql: "SELECT r.id, p.name, r.text, r.review_at, r.updated_at FROM risks r
              JOIN projects p ON p.id = r.project_id
              WHERE r.archived_at IS NULL AND r.review_at IS NOT NULL
                AND r.status IN ('open', 'watching')
                AND (?1 IS NULL OR r.project_id = ?1) ORDER BY r.id",
    },
];

/// Calls `each` with every entry of one project (or all), kind by kind in id order.
pub fn entries(
    conn: &Connection,
    project_id: Option<i64>,
    mut each: impl FnMut(Entry) -> Result<()>,
) -> Result<u64> {
    let mut n = 0;
    for source in SOURCES {
        let mut stmt = conn.prepare(source.sql)?;
        let mut rows = stmt.query([project_id])?;
        while let Some(r) = rows.next()? {
            each(Entry {
                kind: source.kind,
                todo: source.todo,
                label: source.label,
                id: r.get(0)?,
                project: r.get(1)?,
                text: r.get(2)?,
                when: r.get(3)?,
                changed: r.get(4)?,
            })?;
            n += 1;
        }
    }
    Ok(n)
}
