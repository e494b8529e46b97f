//! Deadlines of workflow states and whether work is on time (requirements §4: "every stage has
//! a deadline from the service's completion time; overdue work is visible").

use chrono::NaiveDate;

use crate::calendar::{DueDate, WorkCalendar};
use crate::catalog::CompletionTime;
use crate::macros::string_enum;

use super::workflow::StateSla;

string_enum! {
    /// Where a piece of work stands against its due date.
    pub enum SlaState (field = "sla") {
        OnTime = "on_time", "Tepat waktu", "On time";
        /// Due today or on the next working day.
        DueSoon = "due_soon", "Segera jatuh tempo", "Due soon";
        Overdue = "overdue", "Terlambat", "Overdue";
    }
}

impl SlaState {
    /// The state of work due on `due`, seen on `today`.
    pub fn at(cal: &WorkCalendar, due: NaiveDate, today: NaiveDate) -> SlaState {
        if today > due {
            SlaState::Overdue
        } else if cal.working_days_between(today, due) <= 1 {
            SlaState::DueSoon
        } else {
            SlaState::OnTime
        }
    }

    /// The badge class of docs/design.md for this state.
    pub fn badge(self) -> &'static str {
        match self {
            SlaState::OnTime => "badge-ok",
            SlaState::DueSoon => "badge-warn",
            SlaState::Overdue => "badge-danger",
        }
    }
}

/// When an application that entered a state on `entered_on` must leave it.
///
/// A share of the completion time is counted in the completion time's own kind of days and
/// rounded up, at least one day (a five-working-day service gives its 20 % verification one
/// working day). Services timed in hours or minutes are served the same working day. `None`
/// when the state has no deadline.
pub fn state_due(
    sla: StateSla,
    completion: CompletionTime,
    cal: &WorkCalendar,
    entered_on: NaiveDate,
) -> Option<DueDate> {
    match sla {
        StateSla::None => None,
        StateSla::Days { days, kind } => Some(cal.add_days(entered_on, days, kind)),
        StateSla::Share { percent } => Some(match completion.day_rule() {
            Some((days, kind)) => {
                let share = (u64::from(days) * u64::from(percent)).div_ceil(100).max(1);
                cal.add_days(entered_on, u32::try_from(share).unwrap_or(days), kind)
            }
            None => DueDate {
                date: cal.next_working_day(entered_on),
                missing_years: Vec::new(),
            },
        }),
    }
}
