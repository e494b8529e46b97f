//! Electronic licensing (PTSP-el, Batang Pasal 3–16): workflows as data, application forms as
//! data, and each service's permit settings.
//!
//! A [`WorkflowDef`] says which states an application passes through, which actions move it,
//! who may take each action and how long each state may last. The default licence definition
//! follows Batang Pasal 9–13 ([`licence_workflow`]); non-licence services use a shorter one
//! ([`non_licence_workflow`]). A region's administrator may adopt their own definitions, which
//! are refused when a state can't be reached or has no way out ([`WorkflowDef::validate`]).

mod defaults;
mod form;
mod settings;
mod sla;
mod workflow;

#[cfg(test)]
mod tests_form;
#[cfg(test)]
mod tests_settings;
#[cfg(test)]
mod tests_workflow;

pub use defaults::{licence_workflow, non_licence_workflow};
pub use form::{Choice, FieldKind, FormDef, FormField, FormValues};
pub use settings::{LevyRule, LicenceTemplate, NumberPattern, PermitSettings};
pub use sla::{SlaState, state_due};
pub use workflow::{
    ActionDef, Condition, Effect, Facts, Performer, StateDef, StateSla, WorkflowDef,
};

use crate::macros::string_enum;

/// Every message key this module reports besides the shared `err-*` ones; the web layer's
/// locales (permits.ftl) translate each, which a test checks.
pub const MESSAGE_KEYS: &[&str] = &[
    "permits-err-no-states",
    "permits-err-duplicate",
    "permits-err-code",
    "permits-err-sla-share",
    "permits-err-unknown-state",
    "permits-err-no-end",
    "permits-err-leaves-end",
    "permits-err-unreachable",
    "permits-err-no-way-out",
    "permits-err-choices",
    "permits-err-number",
    "permits-err-number-range",
    "permits-err-date",
    "permits-err-village",
    "permits-err-number-pattern",
    "permits-err-levy-field",
    "permits-err-placeholder",
];

string_enum! {
    /// How an application reached the office (recorded on every application).
    pub enum Channel (field = "channel") {
        Online = "online", "Daring (situs web)", "Online (website)";
        Counter = "counter", "Loket (diajukan oleh petugas)", "Counter (filed by an officer)";
        Api = "api", "API (sistem lain)", "API (another system)";
        /// Handled by hand while the system was down and entered afterwards with its true
        /// times (Batang Pasal 16(1)).
        BackCaptured = "back_captured", "Dicatat kemudian (sistem tidak tersedia)",
            "Captured afterwards (system was down)";
    }
}

string_enum! {
    /// What the decision was (Batang Pasal 11(1)): the licence is issued or refused.
    pub enum Outcome (field = "outcome") {
        Approved = "approved", "Disetujui", "Approved";
        Rejected = "rejected", "Ditolak", "Rejected";
    }
}
