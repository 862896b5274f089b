//! The Plan pane's state: its sections (milestones, risks, the communication plan,
//! meetings, meeting actions, satisfaction reviews), each a list
//! with its own view and window, and which section is on screen. A section is one variant
//! here, one list below, one query in `load` and one table in `view/plan.rs`.

use crate::i18n::tr;
use crate::model::{Meeting, MeetingAction, Milestone, PlanEntry, Review, Risk};
use crate::store::clients::ClientSettings;
use crate::store::people::ListedContact;
use crate::workflow::Record;

use super::pane::{ListPane, ListView};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PlanSection {
    #[default]
    Milestones,
    Risks,
    /// The communication plan's entries.
    CommPlan,
    Meetings,
    /// Actions agreed in meetings.
    Actions,
    Reviews,
    /// The client's people (contacts), archived ones marked.
    People,
    /// The clients: time zone, working calendar, language.
    Clients,
}

impl PlanSection {
    pub const ALL: [PlanSection; 8] = [
        PlanSection::Milestones,
        PlanSection::Risks,
        PlanSection::CommPlan,
        PlanSection::Meetings,
        PlanSection::Actions,
        PlanSection::Reviews,
        PlanSection::People,
        PlanSection::Clients,
    ];

    pub fn title(self) -> &'static str {
        match self {
            PlanSection::Milestones => tr("Milestones"),
            PlanSection::Risks => tr("Risks"),
            PlanSection::CommPlan => tr("Comm plan"),
            PlanSection::Meetings => tr("Meetings"),
            PlanSection::Actions => tr("Actions"),
            PlanSection::Reviews => tr("Reviews"),
            PlanSection::People => crate::i18n::tr("People"),
            PlanSection::Clients => crate::i18n::tr("Clients"),
        }
    }

    /// What one row is, in the help and the messages ("add milestone").
    pub fn record_name(self) -> &'static str {
        match self {
            PlanSection::Milestones => tr("milestone"),
            PlanSection::Risks => tr("risk"),
            PlanSection::CommPlan => tr("plan entry"),
            PlanSection::Meetings => tr("meeting"),
            PlanSection::Actions => tr("meeting action"),
            PlanSection::Reviews => tr("satisfaction review"),
            PlanSection::People => crate::i18n::tr("contact"),
            PlanSection::Clients => crate::i18n::tr("client"),
        }
    }

    fn index(self) -> usize {
        PlanSection::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
    }

    /// The next section (`forward`) or the previous one, wrapping round.
    pub fn step(self, forward: bool) -> PlanSection {
        let n = PlanSection::ALL.len();
        let i = if forward {
            self.index() + 1
        } else {
            self.index() + n - 1
        };
        PlanSection::ALL[i % n]
    }

    /// The section that lists `record`, if it is a plan record.
    pub fn of(record: Record) -> Option<PlanSection> {
        match record {
            Record::Milestone(_) => Some(PlanSection::Milestones),
            Record::Risk(_) => Some(PlanSection::Risks),
            Record::Review(_) => Some(PlanSection::Reviews),
            Record::PlanEntry(_) => Some(PlanSection::CommPlan),
            Record::Meeting(_) => Some(PlanSection::Meetings),
            Record::Action(_) => Some(PlanSection::Actions),
            Record::Contact(_) => Some(PlanSection::People),
            Record::Client(_) => Some(PlanSection::Clients),
            _ => None,
        }
    }
}

/// The Plan pane: one list per section and the section on screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanPane {
    pub section: PlanSection,
    pub milestones: ListPane<Milestone>,
    pub risks: ListPane<Risk>,
    pub entries: ListPane<PlanEntry>,
    pub meetings: ListPane<Meeting>,
    pub actions: ListPane<MeetingAction>,
    pub reviews: ListPane<Review>,
    pub people: ListPane<ListedContact>,
    pub clients: ListPane<ClientSettings>,
}

impl PlanPane {
    /// The view of the section on screen.
    pub fn view(&self) -> &ListView {
        match self.section {
            PlanSection::Milestones => &self.milestones.view,
            PlanSection::Risks => &self.risks.view,
            PlanSection::CommPlan => &self.entries.view,
            PlanSection::Meetings => &self.meetings.view,
            PlanSection::Actions => &self.actions.view,
            PlanSection::Reviews => &self.reviews.view,
            PlanSection::People => &self.people.view,
            PlanSection::Clients => &self.clients.view,
        }
    }

    pub fn view_mut(&mut self) -> &mut ListView {
        match self.section {
            PlanSection::Milestones => &mut self.milestones.view,
            PlanSection::Risks => &mut self.risks.view,
            PlanSection::CommPlan => &mut self.entries.view,
            PlanSection::Meetings => &mut self.meetings.view,
            PlanSection::Actions => &mut self.actions.view,
            PlanSection::Reviews => &mut self.reviews.view,
            PlanSection::People => &mut self.people.view,
            PlanSection::Clients => &mut self.clients.view,
        }
    }

    /// The record under the cursor of the section on screen.
    pub fn selected_record(&self) -> Option<Record> {
        match self.section {
            PlanSection::Milestones => self
                .milestones
                .selected_row()
                .map(|m| Record::Milestone(m.id)),
            PlanSection::Risks => self.risks.selected_row().map(|r| Record::Risk(r.id)),
            PlanSection::CommPlan => self.entries.selected_row().map(|e| Record::PlanEntry(e.id)),
            PlanSection::Meetings => self.meetings.selected_row().map(|m| Record::Meeting(m.id)),
            PlanSection::Actions => self.actions.selected_row().map(|a| Record::Action(a.id)),
            PlanSection::Reviews => self.reviews.selected_row().map(|r| Record::Review(r.id)),
            PlanSection::People => self
                .people
                .selected_row()
                .map(|c| Record::Contact(c.contact.id)),
            PlanSection::Clients => self.clients.selected_row().map(|c| Record::Client(c.id)),
        }
    }

    /// The project of the row under the cursor.
    pub fn selected_project(&self) -> Option<i64> {
        match self.section {
            PlanSection::Milestones => self.milestones.selected_row().map(|r| r.project_id),
            PlanSection::Risks => self.risks.selected_row().map(|r| r.project_id),
            PlanSection::CommPlan => self.entries.selected_row().map(|r| r.project_id),
            PlanSection::Meetings => self.meetings.selected_row().map(|r| r.project_id),
            PlanSection::Actions => self.actions.selected_row().map(|r| r.project_id),
            PlanSection::Reviews => self.reviews.selected_row().map(|r| r.project_id),
            // People and clients belong to no one project.
            PlanSection::People | PlanSection::Clients => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_step_round_both_ways() {
        assert_eq!(PlanSection::Milestones.step(true), PlanSection::Risks);
        assert_eq!(PlanSection::Reviews.step(true), PlanSection::People);
        assert_eq!(PlanSection::Clients.step(true), PlanSection::Milestones);
        assert_eq!(PlanSection::Milestones.step(false), PlanSection::Clients);
        assert_eq!(PlanSection::Risks.step(true), PlanSection::CommPlan);
        assert_eq!(PlanSection::CommPlan.step(true), PlanSection::Meetings);
        assert_eq!(
            PlanSection::of(Record::Action(2)),
            Some(PlanSection::Actions)
        );
        assert_eq!(
            PlanSection::of(Record::Risk(3)),
            Some(PlanSection::Risks),
            "a risk is listed under Risks"
        );
        assert_eq!(PlanSection::of(Record::Issue(3)), None);
    }
}
