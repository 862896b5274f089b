//! The help overlay's and the footer's key lists for a pane, built from the key map.

use crate::i18n::{tr, trf};
use crate::tui::action::Action;
use crate::tui::app::PlanSection;
use crate::tui::keymap::KeyMap;
use crate::tui::pane::Pane;
use crate::tui::words::key_word;

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
        Pane::Issues => actions.extend([
            Add,
            Edit,
            ExternalEditor,
            Options,
            ChooseOption,
            Note,
            Draft,
            Archive,
        ]),
        Pane::Queue => actions.extend([Add, Edit, ExternalEditor, MarkSent, Skip, Copy, Archive]),
        Pane::Expectations => actions.extend([Add, Edit, Settle, Archive]),
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
                (Pane::Plan, Edit) => {
                    tr("edit the milestone, risk, plan entry, meeting, contact or client")
                        .to_string()
                }
                (Pane::Plan, Archive) => {
                    tr("archive (kept in the file), or restore an archived one")
                        .to_string()
                }
                (Pane::Plan, NextSection) => {
                    tr("next section (Milestones … Reviews, People, Clients)").to_string()
                }
                // In Insights, ] and [ step through the projects (the footer says so too).
                (Pane::Insights, NextSection) => tr("next project").to_string(),
                (Pane::Insights, PrevSection) => tr("previous project").to_string(),
                (Pane::Plan, Open) => tr("open: dates, responses, a meeting's actions").to_string(),
                (_, Add) => trf("add {record}", &[("record", &pane.record_name())]),
                (_, Edit) => trf("edit the {record}", &[("record", &pane.record_name())]),
                (_, Archive) => trf(
                    "archive the {record} (kept in the file)",
                    &[("record", &pane.record_name())],
                ),
                (_, Back) => tr("close / clear the filter").to_string(),
                (_, Undo) => tr("undo the newest change in the file (any session)").to_string(),
                (_, Filter) => tr("filter as you type").to_string(),
                (_, MarkSent) => {
                    tr("mark the update sent (asks first; logged, u undoes)").to_string()
                }
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
pub fn footer(
    keymap: &KeyMap,
    pane: Pane,
    section: PlanSection,
    any_project: bool,
) -> Vec<(String, &'static str)> {
    use Action::*;
    let mut actions = vec![(Open, key_word("open")), (Add, tr("add"))];
    match pane {
        Pane::Today => {
            actions[1].1 = tr("project");
            if any_project {
                actions.push((Edit, tr("edit project")));
            }
        }
        Pane::Issues => actions.extend([
            (Edit, key_word("edit")),
            (Draft, tr("draft")),
            (Note, key_word("note")),
        ]),
        Pane::Expectations => actions.extend([(Edit, key_word("edit")), (Settle, tr("settle"))]),
        Pane::Queue => actions.extend([
            (MarkSent, key_word("sent")),
            (Edit, key_word("edit")),
            (Copy, tr("copy")),
        ]),
        Pane::Insights => {
            actions = vec![(NextSection, tr("next project")), (Refresh, tr("refresh"))]
        }
        Pane::Plan => {
            actions.extend([(NextSection, tr("section")), (Edit, key_word("edit"))]);
            // People and Clients list their archived rows: x archives or brings one back.
            if matches!(section, PlanSection::People | PlanSection::Clients) {
                actions.push((Archive, tr("archive/restore")));
            }
        }
        _ => actions.push((Edit, key_word("edit"))),
    }
    actions.extend([(Filter, tr("filter")), (Undo, tr("undo"))]);
    // Last before help: the first to go when the line is too narrow (`fit_footer`).
    if matches!(pane, Pane::Issues | Pane::Queue) {
        actions.push((ExternalEditor, tr("editor")));
    }
    actions.extend([(Help, tr("help")), (Quit, tr("quit"))]);
    actions
        .into_iter()
        // Insights has nothing to filter.
        .filter(|(a, _)| !(pane == Pane::Insights && *a == Filter))
        .filter_map(|(a, label)| keymap.first_key(a).map(|k| (k.to_string(), label)))
        .collect()
}

/// The footer's entries that fit in `width` columns (each shown as "key label  "): the
/// entries just before help and quit go first, so those two always stay.
pub fn fit_footer(
    mut entries: Vec<(String, &'static str)>,
    width: usize,
) -> Vec<(String, &'static str)> {
    use unicode_width::UnicodeWidthStr;
    let shown = |e: &[(String, &str)]| -> usize {
        e.iter()
            .map(|(k, l)| k.width() + l.width() + 3)
            .sum::<usize>()
    };
    while shown(&entries).saturating_sub(2) > width && entries.len() > 2 {
        entries.remove(entries.len() - 3);
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};
    use crate::workflow::Record;

    /// (key, label) pairs of a detail view's hint: " ↑/↓ 滚动 · e 编辑 · n 进展 · Esc 关闭 ".
    fn hint_labels(record: Record) -> Vec<(String, String)> {
        super::super::detail::hint(record)
            .split('·')
            .filter_map(|part| {
                let (k, label) = part.trim().split_once(' ')?;
                Some((k.to_string(), label.trim().to_string()))
            })
            .collect()
    }

    #[test]
    fn a_key_has_one_label_in_the_footer_and_the_detail_views_in_both_languages() {
        for lang in [Lang::En, Lang::ZhCn] {
            with_lang(lang, || {
                let keymap = KeyMap::default();
                let records = [
                    Record::Issue(1),
                    Record::Expectation(1),
                    Record::Update(1),
                    Record::Log(1),
                    Record::Risk(1),
                    Record::Review(1),
                    Record::Meeting(1),
                    Record::Action(1),
                    Record::Milestone(1),
                ];
                let hints: Vec<(String, String)> =
                    records.into_iter().flat_map(hint_labels).collect();
                let mut compared = 0;
                // Today's a and e are about projects there, and Insights' ] about projects.
                let panes = Pane::ALL
                    .into_iter()
                    .filter(|p| !matches!(p, Pane::Today | Pane::Insights));
                for pane in panes {
                    for section in PlanSection::ALL {
                        for (key, label) in footer(&keymap, pane, section, true) {
                            for (k, shown) in hints.iter().filter(|(k, _)| *k == key) {
                                compared += 1;
                                // "x 归档" in a review's detail, "x 归档/恢复" where x restores too.
                                assert!(
                                    label.starts_with(shown.as_str()),
                                    "{lang:?}: {k} is '{label}' in {pane:?}'s footer, '{shown}' in a detail view"
                                );
                            }
                        }
                    }
                }
                assert!(compared > 10, "{compared}");
            });
        }
    }

    #[test]
    fn a_narrow_footer_drops_what_comes_before_help_and_quit() {
        let all = footer(
            &KeyMap::default(),
            Pane::Queue,
            PlanSection::default(),
            true,
        );
        let width = |e: &[(String, &str)]| e.iter().map(|(k, l)| k.len() + l.len() + 3).sum();
        let full: usize = width(&all);
        assert_eq!(fit_footer(all.clone(), 200), all);
        let fitted = fit_footer(all.clone(), full - 5);
        assert_eq!(fitted.len(), all.len() - 1);
        assert!(!fitted.iter().any(|(k, _)| k == "E"), "{fitted:?}");
        let tiny = fit_footer(all, 10);
        let keys: Vec<&str> = tiny.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["?", "q"]);
    }
}
