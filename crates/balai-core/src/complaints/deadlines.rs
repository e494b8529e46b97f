//! The deadline that runs in each stage, from the deadline rules (architecture §3).
//!
//! Each waiting stage has one rule; the count starts on the day the stage's clock was last
//! (re)started (see [`super::Transition::restarts_clock`]): receipt for the completeness
//! answer (Luwu Pasal 43(3)), the answer for the complainant's completion (43(4)), the file
//! being complete for the decision (48(1); routing does not restart it), the decision for its
//! delivery (48(2)). Calendar or working days come from the rule (national-rules §2).

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{DeadlineRule, DueDate, WorkCalendar};

use super::Stage;

/// The rule code that runs in `stage`, or `None` when nothing is due.
pub fn stage_rule_code(stage: Stage) -> Option<&'static str> {
    match stage {
        Stage::Received => Some("complaint_completeness_answer"),
        Stage::AwaitingCompletion => Some("complaint_completion_by_complainant"),
        Stage::Complete | Stage::Examination => Some("complaint_decision"),
        Stage::Decided => Some("complaint_decision_delivery"),
        Stage::Closed | Stage::Withdrawn | Stage::Forwarded | Stage::Archived => None,
    }
}

/// The deadline of a stage, with the rule (and so the article) it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageDeadline {
    pub rule_code: String,
    pub citation: String,
    pub days: u32,
    pub kind: crate::calendar::DayKind,
    pub due: DueDate,
}

/// The deadline of `stage` whose clock started on `clock_start`, using the first rule in
/// `rules` with the stage's code (the region's rules; fall back to the defaults in the store).
pub fn stage_deadline(
    stage: Stage,
    clock_start: NaiveDate,
    rules: &[DeadlineRule],
    cal: &WorkCalendar,
) -> Option<StageDeadline> {
    let code = stage_rule_code(stage)?;
    let rule = rules.iter().find(|r| r.code == code)?;
    Some(StageDeadline {
        rule_code: rule.code.clone(),
        citation: rule.citation.clone(),
        days: rule.days,
        kind: rule.kind,
        due: rule.due(cal, clock_start),
    })
}

/// How close a deadline is, for sorting the managers' list (overdue first, then due soon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Overdue,
    DueSoon,
    OnTrack,
}

/// Days before the due date from which a deadline counts as "due soon".
pub const DUE_SOON_DAYS: i64 = 3;

/// Urgency of `due` on `today`: past the due date is overdue (the due date itself is still
/// in time), within [`DUE_SOON_DAYS`] is due soon.
pub fn urgency(due: NaiveDate, today: NaiveDate) -> Urgency {
    let left = (due - today).num_days();
    if left < 0 {
        Urgency::Overdue
    } else if left <= DUE_SOON_DAYS {
        Urgency::DueSoon
    } else {
        Urgency::OnTrack
    }
}

/// True when the stage's time ran out on `today` and the system itself moves the complaint
/// (only the complainant's completion: deemed withdrawn, Luwu Pasal 43(5)).
pub fn lapses(stage: Stage, due: NaiveDate, today: NaiveDate) -> bool {
    stage == Stage::AwaitingCompletion && today > due
}

/// Every deadline rule complaints use, the lodging window first.
pub const RULE_CODES: &[&str] = &[
    "complaint_lodge_window",
    "complaint_completeness_answer",
    "complaint_completion_by_complainant",
    "complaint_decision",
    "complaint_decision_delivery",
];
