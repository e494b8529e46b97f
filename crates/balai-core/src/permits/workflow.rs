//! Workflow definitions as data (architecture §3), in the spirit of DIGIT's: states, the
//! actions that move an application between them, who may take each action, the conditions
//! under which an action is offered, its effects, and each state's SLA.

use std::collections::{BTreeSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::calendar::DayKind;
use crate::error::{CoreError, FieldErrors};
use crate::identity::Role;
use crate::macros::string_enum;

use super::Outcome;

/// Most states or actions in one definition; a bound for the administrator's editor.
const MAX_ITEMS: usize = 60;

/// Who takes an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "role", rename_all = "snake_case")]
pub enum Performer {
    /// The applicant (or a counter officer filing on their behalf).
    Applicant,
    /// A staff member with this role, in the organisation responsible for the step.
    Staff(Role),
    /// The platform itself: a payment notification, a cashier's payment record.
    System,
}

string_enum! {
    /// When an action is offered, from the service's options and the decision taken.
    pub enum Condition (field = "condition") {
        /// The service needs a field inspection (Batang Pasal 10(1)).
        InspectionRequired = "inspection_required", "Perlu tinjauan lapangan",
            "Field inspection needed";
        NoInspection = "no_inspection", "Tanpa tinjauan lapangan", "No field inspection";
        /// A levy (retribusi) is due (Batang Pasal 13(3)).
        LevyDue = "levy_due", "Ada retribusi", "Levy due";
        NoLevy = "no_levy", "Tanpa retribusi", "No levy";
        Approved = "approved", "Permohonan disetujui", "Application approved";
        Rejected = "rejected", "Permohonan ditolak", "Application rejected";
    }
}

string_enum! {
    /// What an action sets in motion besides the change of state; the web layer carries each
    /// out in the action's transaction (notices through the job table).
    pub enum Effect (field = "effect") {
        /// Tell the applicant what happened (returned with reasons, withdrawn, cancelled).
        NotifyApplicant = "notify_applicant", "Beri tahu pemohon", "Notify the applicant";
        /// Notice to bring the originals to the inspection (Batang Pasal 10(1)).
        InspectionNotice = "inspection_notice", "Pemberitahuan tinjauan lapangan",
            "Inspection notice";
        /// The inspection report (Berita Acara) as PDF (Batang Pasal 10(3)).
        InspectionReport = "inspection_report", "Berita acara tinjauan lapangan",
            "Inspection report";
        /// The licence or rejection letter is signed electronically (Batang Pasal 11(3–4)).
        SignDocument = "sign_document", "Tanda tangan elektronik dokumen",
            "Electronic signature of the document";
        /// The decision notice, due within 3 working days (Batang Pasal 12(2)).
        DecisionNotice = "decision_notice", "Pemberitahuan keputusan", "Decision notice";
        /// An invoice for the levy (Mesuji Pasal 12(3); Batang Pasal 13(3)).
        CreateInvoice = "create_invoice", "Tagihan retribusi", "Levy invoice";
        /// The originals are handed over at the office (Batang Pasal 13).
        HandOver = "hand_over", "Serah terima dokumen", "Documents handed over";
    }
}

/// How long a state may last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum StateSla {
    /// This share (1–100 %) of the service's completion time, counted in the completion time's
    /// unit, at least one day.
    Share { percent: u32 },
    /// A fixed number of days (for steps a regulation times on its own).
    Days { days: u32, kind: DayKind },
    /// No deadline: the applicant holds the application, or it has ended.
    None,
}

/// One state of a workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateDef {
    pub code: String,
    pub label_id: String,
    pub label_en: String,
    /// An end state: nothing more happens to the application.
    pub terminal: bool,
    pub sla: StateSla,
}

/// One action: from any of `from`, when every condition holds, `performer` may move the
/// application to `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDef {
    pub code: String,
    pub label_id: String,
    pub label_en: String,
    pub from: Vec<String>,
    pub to: String,
    pub performer: Performer,
    #[serde(default)]
    pub conditions: Vec<Condition>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// The performer must write why (a return, a rejection, a cancellation).
    #[serde(default)]
    pub reason_required: bool,
    /// The action is the decision and records this outcome (Batang Pasal 11(1)).
    #[serde(default)]
    pub decides: Option<Outcome>,
}

/// What the conditions of an application's actions look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facts {
    pub inspection_required: bool,
    pub levy_due: bool,
    pub outcome: Option<Outcome>,
}

impl Condition {
    /// Whether the condition holds for an application with these facts.
    pub fn holds(self, facts: &Facts) -> bool {
        match self {
            Condition::InspectionRequired => facts.inspection_required,
            Condition::NoInspection => !facts.inspection_required,
            Condition::LevyDue => facts.levy_due,
            Condition::NoLevy => !facts.levy_due,
            Condition::Approved => facts.outcome == Some(Outcome::Approved),
            Condition::Rejected => facts.outcome == Some(Outcome::Rejected),
        }
    }
}

impl ActionDef {
    /// Whether the action is offered in `state` for an application with these facts.
    pub fn applies(&self, state: &str, facts: &Facts) -> bool {
        self.from.iter().any(|s| s == state) && self.conditions.iter().all(|c| c.holds(facts))
    }
}

/// A workflow definition: its states, the state a submitted application enters, and actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowDef {
    pub code: String,
    pub name_id: String,
    pub name_en: String,
    pub initial: String,
    pub states: Vec<StateDef>,
    pub actions: Vec<ActionDef>,
}

impl WorkflowDef {
    /// The state with this code.
    pub fn state(&self, code: &str) -> Option<&StateDef> {
        self.states.iter().find(|s| s.code == code)
    }

    /// The action with this code.
    pub fn action(&self, code: &str) -> Option<&ActionDef> {
        self.actions.iter().find(|a| a.code == code)
    }

    /// The actions offered in `state` for these facts, in definition order.
    pub fn actions_from<'a>(
        &'a self,
        state: &'a str,
        facts: &'a Facts,
    ) -> impl Iterator<Item = &'a ActionDef> + 'a {
        self.actions.iter().filter(move |a| a.applies(state, facts))
    }

    /// Checks that `performer` may take `action` on an application in `state`, returning the
    /// action. Errors: `NotFound` for an unknown action, `Conflict` when the action is not
    /// offered in this state (the application moved on, or a second decision), `Forbidden`
    /// when another performer takes it.
    pub fn check(
        &self,
        state: &str,
        action: &str,
        performer: Performer,
        facts: &Facts,
    ) -> Result<&ActionDef, CoreError> {
        let def = self
            .action(action)
            .ok_or_else(|| CoreError::NotFound(format!("action {action}")))?;
        if !def.applies(state, facts) {
            return Err(CoreError::Conflict(format!(
                "action {action} is not possible in state {state}"
            )));
        }
        if def.performer != performer {
            return Err(CoreError::Forbidden(format!(
                "action {action} is not for {performer:?}"
            )));
        }
        Ok(def)
    }

    /// Refuses a definition that can't run: codes must be lower-case words and unique, every
    /// action must name known states, the initial state must exist, there must be an end state
    /// with no actions out of it, and — for every combination of service options (inspection,
    /// levy) — every state must be reachable from the initial state under some combination and
    /// every reachable state must have a way to an end state. Problems are reported under
    /// `states.CODE`, `actions.CODE` or `initial`, with a `permits-err-*` message key.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        self.check_shape(&mut errs);
        if errs.is_empty() {
            self.check_paths(&mut errs);
        }
        errs.into_result()
    }

    fn check_shape(&self, errs: &mut FieldErrors) {
        crate::text::check_len("code", &self.code, 1, 40, errs);
        crate::text::check_len("name_id", &self.name_id, 1, 200, errs);
        crate::text::check_len("name_en", &self.name_en, 1, 200, errs);
        if self.states.is_empty() {
            errs.add("states", "permits-err-no-states");
        }
        if self.states.len() > MAX_ITEMS || self.actions.len() > MAX_ITEMS {
            errs.add("states", "err-too-many");
        }
        let mut seen = BTreeSet::new();
        for s in &self.states {
            let field = format!("states.{}", s.code);
            check_item(&field, &s.code, &s.label_id, &s.label_en, errs);
            if !seen.insert(s.code.as_str()) {
                errs.add(&field, "permits-err-duplicate");
            }
            if let StateSla::Share { percent } = s.sla
                && !(1..=100).contains(&percent)
            {
                errs.add(&field, "permits-err-sla-share");
            }
        }
        if self.state(&self.initial).is_none() {
            errs.add("initial", "permits-err-unknown-state");
        }
        if !self.states.iter().any(|s| s.terminal) {
            errs.add("states", "permits-err-no-end");
        }
        let mut seen = BTreeSet::new();
        for a in &self.actions {
            let field = format!("actions.{}", a.code);
            check_item(&field, &a.code, &a.label_id, &a.label_en, errs);
            if !seen.insert(a.code.as_str()) {
                errs.add(&field, "permits-err-duplicate");
            }
            if a.from.is_empty()
                || a.from
                    .iter()
                    .chain([&a.to])
                    .any(|s| self.state(s).is_none())
            {
                errs.add(&field, "permits-err-unknown-state");
            }
            if a.from
                .iter()
                .any(|s| self.state(s).is_some_and(|s| s.terminal))
            {
                errs.add(&field, "permits-err-leaves-end");
            }
        }
    }

    fn check_paths(&self, errs: &mut FieldErrors) {
        let mut reached: BTreeSet<&str> = BTreeSet::new();
        let mut stuck: BTreeSet<&str> = BTreeSet::new();
        for facts in option_combinations() {
            let graph = Graph::build(self, facts);
            let reachable = graph.reachable_from(&self.initial);
            let ending = graph.ending();
            for node in &reachable {
                reached.insert(node.0);
                if !ending.contains(node) && !graph.ends.contains(node.0) {
                    stuck.insert(node.0);
                }
            }
        }
        for s in &self.states {
            if !reached.contains(s.code.as_str()) {
                errs.add(&format!("states.{}", s.code), "permits-err-unreachable");
            } else if stuck.contains(s.code.as_str()) {
                errs.add(&format!("states.{}", s.code), "permits-err-no-way-out");
            }
        }
    }
}

/// Codes are what URLs, the database and other definitions refer to: lower-case ASCII words.
fn check_item(field: &str, code: &str, label_id: &str, label_en: &str, errs: &mut FieldErrors) {
    let code_ok = (1..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !code_ok {
        errs.add(field, "permits-err-code");
    }
    if label_id.trim().is_empty() || label_en.trim().is_empty() {
        errs.add(field, "err-required");
    }
}

/// The service options a definition must work under: with or without inspection and levy.
fn option_combinations() -> impl Iterator<Item = Facts> {
    [(false, false), (false, true), (true, false), (true, true)]
        .into_iter()
        .map(|(inspection_required, levy_due)| Facts {
            inspection_required,
            levy_due,
            outcome: None,
        })
}

/// A node of the simulated run: a state and the decision taken so far.
type Node<'a> = (&'a str, Option<Outcome>);

/// The moves of one definition under one combination of service options.
struct Graph<'a> {
    edges: Vec<(Node<'a>, Node<'a>)>,
    ends: BTreeSet<&'a str>,
}

impl<'a> Graph<'a> {
    fn build(def: &'a WorkflowDef, options: Facts) -> Self {
        let mut edges = Vec::new();
        for outcome in [None, Some(Outcome::Approved), Some(Outcome::Rejected)] {
            let facts = Facts { outcome, ..options };
            for a in &def.actions {
                if !a.conditions.iter().all(|c| c.holds(&facts)) {
                    continue;
                }
                let next = a.decides.or(outcome);
                for from in &a.from {
                    edges.push(((from.as_str(), outcome), (a.to.as_str(), next)));
                }
            }
        }
        let ends = def
            .states
            .iter()
            .filter(|s| s.terminal)
            .map(|s| s.code.as_str())
            .collect();
        Self { edges, ends }
    }

    fn reachable_from(&self, initial: &'a str) -> BTreeSet<Node<'a>> {
        let mut seen = BTreeSet::from([(initial, None)]);
        let mut todo = VecDeque::from([(initial, None)]);
        while let Some(node) = todo.pop_front() {
            for (from, to) in &self.edges {
                if *from == node && seen.insert(*to) {
                    todo.push_back(*to);
                }
            }
        }
        seen
    }

    /// Every node from which an end state can be reached (walking the edges backwards).
    fn ending(&self) -> BTreeSet<Node<'a>> {
        let mut seen: BTreeSet<Node<'a>> = BTreeSet::new();
        for (from, to) in &self.edges {
            for node in [from, to] {
                if self.ends.contains(node.0) {
                    seen.insert(*node);
                }
            }
        }
        let mut todo: VecDeque<Node<'a>> = seen.iter().copied().collect();
        while let Some(node) = todo.pop_front() {
            for (from, to) in &self.edges {
                if *to == node && seen.insert(*from) {
                    todo.push_back(*from);
                }
            }
        }
        seen
    }
}
