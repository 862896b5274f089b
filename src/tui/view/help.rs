//! The help overlay's and the footer's key lists for a pane, built from the key map.

use crate::i18n::{tr, trf};
use crate::tui::action::Action;
use crate::tui::keymap::KeyMap;
use crate::tui::pane::Pane;

/// Every (keys, description) that means something in `pane`, for the help overlay.
pub fn help(keymap: &KeyMap, pane: Pane) -> Vec<(String, String)> {
    use Action::*;
    let mut actions = vec![
        Down, Up, PageDown, PageUp, Top, Bottom, NextPane, PrevPane, Open, Filter, Back,
    ];
    match pane {
        Pane::Today => actions.extend([Add, Edit, Draft, Handled]),
        Pane::Insights => {
            // Nothing to select, open or filter: the figures of one scope.
            actions = vec![NextSection, PrevSection, NextPane, PrevPane];
        }
        Pane::Issues => actions.extend([Add, Edit, Draft, Archive]),
        Pane::Queue => actions.extend([Add, Edit, MarkSent, Skip, Copy, Archive]),
        Pane::Log => actions.extend([Add, Edit, Handled, Archive]),
        Pane::Plan => actions.extend([
            NextSection,
            PrevSection,
            Add,
            Edit,
            AddResponse,
            Occurred,
            Minutes,
            ActionDone,
            Archive,
        ]),
        _ => actions.extend([Add, Edit, Archive]),
    }
    actions.extend([AddProject, Undo, Refresh, Help, Quit]);
    let mut out: Vec<(String, String)> = actions
        .into_iter()
        .map(|a| {
            let what = match (pane, a.clone()) {
                (Pane::Today, Add) => tr("add a project").to_string(),
                (Pane::Today, Open) => tr("go to the record").to_string(),
                (Pane::Today, Edit) => tr("edit or close the selected project").to_string(),
                (Pane::Plan, Add) => tr("add to the section on screen").to_string(),
                (Pane::Plan, Edit) => tr("edit the milestone, risk, plan entry or meeting").to_string(),
                (Pane::Plan, Archive) => tr("archive the record (kept in the file)").to_string(),
                (Pane::Plan, NextSection) => {
                    tr("next section (Milestones … Meetings, Actions, Reviews)").to_string()
                }
                (Pane::Plan, Open) => tr("open: dates, responses, a meeting's actions").to_string(),
                (_, Add) => trf("add {record}", &[("record", &pane.record_name())]),
                (_, Edit) => trf("edit the {record}", &[("record", &pane.record_name())]),
                (_, Archive) => trf(
                    "archive the {record} (kept in the file)",
                    &[("record", &pane.record_name())],
                ),
                (_, Back) => tr("close / clear the filter").to_string(),
                (_, Undo) => tr("undo the last change of this session").to_string(),
                (_, Filter) => tr("filter as you type").to_string(),
                (_, MarkSent) => tr("mark the update sent (logged)").to_string(),
                (_, Handled) => tr("complaint or request answered another way: leaves Today, its reply draft skipped").to_string(),
                (_, Quit) => tr("quit (in a detail view: close it)").to_string(),
                (Pane::Today, Draft) => tr("draft the update the selected issue needs").to_string(),
                _ => a.describe().to_string(),
            };
            (keymap.keys_of(a), what)
        })
        .filter(|(k, _)| !k.is_empty())
        .collect();
    let at = out.len().min(if pane == Pane::Insights { 3 } else { 6 });
    out.insert(at, (pane_keys(), tr("go to pane").into()));
    out
}

/// The digits that go to a pane: "1-5, 7" (runs joined with a dash).
fn pane_keys() -> String {
    let mut numbers: Vec<u8> = Pane::ALL.iter().map(|p| p.number()).collect();
    numbers.sort_unstable();
    let mut runs: Vec<(u8, u8)> = Vec::new();
    for n in numbers {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => runs.push((n, n)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The few keys the footer always shows for `pane` (editing a project from Today only once
/// there is one).
pub fn footer(keymap: &KeyMap, pane: Pane, any_project: bool) -> Vec<(String, &'static str)> {
    use Action::*;
    let mut actions = vec![(Open, tr("open")), (Add, tr("add"))];
    match pane {
        Pane::Today => {
            actions[1].1 = tr("project");
            if any_project {
                actions.push((Edit, tr("edit project")));
            }
        }
        Pane::Issues => actions.extend([(Edit, tr("edit")), (Draft, tr("draft"))]),
        Pane::Queue => actions.extend([
            (MarkSent, tr("sent")),
            (Edit, tr("edit")),
            (Copy, tr("copy")),
        ]),
        Pane::Insights => {
            actions = vec![(NextSection, tr("next project")), (Refresh, tr("refresh"))]
        }
        Pane::Plan => actions.extend([(NextSection, tr("section")), (Edit, tr("edit"))]),
        _ => actions.push((Edit, tr("edit"))),
    }
    actions.extend([
        (Filter, tr("filter")),
        (Undo, tr("undo")),
        (Help, tr("help")),
        (Quit, tr("quit")),
    ]);
    actions
        .into_iter()
        // Insights has nothing to filter.
        .filter(|(a, _)| !(pane == Pane::Insights && *a == Filter))
        .filter_map(|(a, label)| keymap.first_key(a).map(|k| (k.to_string(), label)))
        .collect()
}
