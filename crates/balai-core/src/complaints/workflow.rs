//! Stages of a complaint and the actions that move it, as data (architecture §3).
//!
//! received → (verify) complete → (route) examination → (decide) decided → (deliver) closed;
//! at verification the manager may instead postpone and ask for more (the completeness answer
//! "incomplete", Luwu Pasal 43(3)), forward it when it is not the provider's authority, or
//! archive it with a reason. An incomplete complaint is completed by the complainant or, after
//! 30 days, deemed withdrawn by the system (Pasal 43(4–5)). A closed complaint may be reopened
//! once by the complainant.

use crate::error::CoreError;
use crate::macros::string_enum;

string_enum! {
    /// Where a complaint is.
    pub enum Stage (field = "stage") {
        /// Lodged, waiting for verification and the answer on completeness.
        Received = "received", "Diterima", "Received";
        /// Answered as incomplete; the complainant must complete it.
        AwaitingCompletion = "awaiting_completion", "Menunggu kelengkapan", "Awaiting completion";
        /// Complete; to be routed to who must examine it (Luwu Pasal 44).
        Complete = "complete", "Lengkap", "Complete";
        /// Being examined (Luwu Pasal 38(4)).
        Examination = "examination", "Pemeriksaan", "Examination";
        /// Decided; the decision must be delivered.
        Decided = "decided", "Diputuskan", "Decided";
        /// Decision delivered.
        Closed = "closed", "Selesai", "Closed";
        /// Not completed in time: deemed withdrawn (Luwu Pasal 43(5)).
        Withdrawn = "withdrawn", "Dianggap dicabut", "Deemed withdrawn";
        /// Not the provider's authority: forwarded to the right organisation or closed.
        Forwarded = "forwarded", "Bukan kewenangan", "Not our authority";
        /// Archived with a reason.
        Archived = "archived", "Diarsipkan", "Archived";
    }
}

impl Stage {
    /// No further handling (a closed complaint can still be reopened once, see
    /// [`Action::Reopen`]).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Stage::Closed | Stage::Withdrawn | Stage::Forwarded | Stage::Archived
        )
    }

    /// Open311's two states: anything not final is "open".
    pub fn open311_status(self) -> &'static str {
        if self.is_final() { "closed" } else { "open" }
    }
}

string_enum! {
    /// What a person or the system does to a complaint.
    pub enum Action (field = "action") {
        Verify = "verify", "Verifikasi: lengkap", "Verify: complete";
        Postpone = "postpone", "Tunda: minta kelengkapan", "Postpone: ask for more";
        Forward = "forward", "Bukan kewenangan: teruskan atau tutup", "Not our authority: forward or close";
        Archive = "archive", "Arsipkan", "Archive";
        RaisePrivacy = "raise_privacy", "Naikkan kerahasiaan", "Raise privacy";
        Complement = "complement", "Lengkapi", "Complete the file";
        DeemWithdrawn = "deem_withdrawn", "Dianggap dicabut", "Deemed withdrawn";
        Route = "route", "Teruskan kepada pemeriksa", "Route to the examiner";
        Clarify = "clarify", "Konfirmasi dan klarifikasi", "Confirmation and clarification";
        Research = "research", "Penelitian dan pemeriksaan", "Research and examination";
        SeparateHearing = "separate_hearing", "Pemeriksaan terpisah", "Separate hearing";
        Obstacle = "obstacle", "Sampaikan hambatan", "Report an obstacle";
        Decide = "decide", "Putuskan", "Decide";
        Deliver = "deliver", "Sampaikan keputusan", "Deliver the decision";
        Rate = "rate", "Beri penilaian", "Rate";
        Reopen = "reopen", "Buka kembali", "Reopen";
        Escalate = "escalate", "Eskalasi keterlambatan", "Escalate overdue";
    }
}

/// Who takes an action: a complaint manager, the complainant, or only the system's worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taker {
    Manager,
    Complainant,
    System,
}

/// One allowed move: `action` in `from` leads to `to`; `note_required` when the action must
/// give its reason or content (an archive reason, a decision text…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: Stage,
    pub action: Action,
    pub to: Stage,
    pub taker: Taker,
    pub note_required: bool,
    /// The stage's deadline starts counting again from the day of this action.
    pub restarts_clock: bool,
}

const fn t(
    from: Stage,
    action: Action,
    to: Stage,
    taker: Taker,
    note_required: bool,
    restarts_clock: bool,
) -> Transition {
    Transition {
        from,
        action,
        to,
        taker,
        note_required,
        restarts_clock,
    }
}

use Action as A;
use Stage as S;
use Taker::{Complainant, Manager, System};

/// Every allowed move. Examination steps (clarify, research, separate hearing, obstacle) and
/// escalation stay in their stage: they are events in the history, not moves.
pub const TRANSITIONS: &[Transition] = &[
    t(S::Received, A::Verify, S::Complete, Manager, false, true),
    t(
        S::Received,
        A::Postpone,
        S::AwaitingCompletion,
        Manager,
        true,
        true,
    ),
    t(S::Received, A::Forward, S::Forwarded, Manager, true, true),
    t(S::Received, A::Archive, S::Archived, Manager, true, true),
    t(
        S::Received,
        A::RaisePrivacy,
        S::Received,
        Manager,
        false,
        false,
    ),
    t(
        S::AwaitingCompletion,
        A::Complement,
        S::Complete,
        Complainant,
        true,
        true,
    ),
    t(
        S::AwaitingCompletion,
        A::Verify,
        S::Complete,
        Manager,
        false,
        true,
    ),
    t(
        S::AwaitingCompletion,
        A::DeemWithdrawn,
        S::Withdrawn,
        System,
        false,
        true,
    ),
    t(
        S::AwaitingCompletion,
        A::Archive,
        S::Archived,
        Manager,
        true,
        true,
    ),
    t(S::Complete, A::Route, S::Examination, Manager, false, false),
    t(
        S::Complete,
        A::RaisePrivacy,
        S::Complete,
        Manager,
        false,
        false,
    ),
    t(
        S::Examination,
        A::Clarify,
        S::Examination,
        Manager,
        true,
        false,
    ),
    t(
        S::Examination,
        A::Research,
        S::Examination,
        Manager,
        true,
        false,
    ),
    t(
        S::Examination,
        A::SeparateHearing,
        S::Examination,
        Manager,
        true,
        false,
    ),
    t(
        S::Examination,
        A::Obstacle,
        S::Examination,
        Manager,
        true,
        false,
    ),
    t(S::Examination, A::Decide, S::Decided, Manager, true, true),
    t(S::Decided, A::Deliver, S::Closed, Manager, false, true),
    t(S::Closed, A::Rate, S::Closed, Complainant, false, false),
    t(
        S::Closed,
        A::Reopen,
        S::Examination,
        Complainant,
        true,
        true,
    ),
];

/// Escalation is recorded on any stage whose deadline passed; it never moves the complaint.
fn escalation(from: Stage) -> Option<Transition> {
    (!from.is_final()).then_some(t(from, A::Escalate, from, System, false, false))
}

/// The move `action` makes from `from`, or `Conflict` when it is not allowed there.
pub fn transition(from: Stage, action: Action) -> Result<Transition, CoreError> {
    TRANSITIONS
        .iter()
        .copied()
        .find(|tr| tr.from == from && tr.action == action)
        .or_else(|| (action == A::Escalate).then(|| escalation(from)).flatten())
        .ok_or_else(|| CoreError::Conflict(format!("{action} is not allowed in stage {from}")))
}

/// The actions `taker` may take in `from`, in table order (what the console offers).
pub fn actions_for(from: Stage, taker: Taker) -> Vec<Action> {
    TRANSITIONS
        .iter()
        .filter(|tr| tr.from == from && tr.taker == taker)
        .map(|tr| tr.action)
        .collect()
}

/// A complainant may reopen a closed complaint once (issue 4: "rate the handling and reopen
/// once"); `Conflict` when it was reopened before.
pub fn check_reopen(times_reopened: u32) -> Result<(), CoreError> {
    if times_reopened == 0 {
        Ok(())
    } else {
        Err(CoreError::Conflict(
            "a complaint is reopened only once".to_owned(),
        ))
    }
}

impl Action {
    /// Whether the complainant sees this step (and its note) on the status page. Internal
    /// examination notes and escalations stay inside; obstacles must be told (Luwu Pasal
    /// 38(5)).
    pub fn told_to_complainant(self) -> bool {
        !matches!(
            self,
            Action::Clarify
                | Action::Research
                | Action::SeparateHearing
                | Action::RaisePrivacy
                | Action::Escalate
        )
    }
}
