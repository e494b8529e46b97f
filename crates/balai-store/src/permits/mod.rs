//! Electronic licensing (PTSP-el): workflow definitions, per-service permit settings,
//! applications, their documents and history (Batang Pasal 7–16).
//!
//! The rules (which action is allowed, what is due when) are `balai_core::permits`'; this
//! module persists their outcome, one audited change at a time. Every change of an application
//! checks the version the caller read, so of two concurrent actions exactly one wins.

mod applications;
mod definitions;
mod documents;
mod history;

pub use applications::{
    ApplicationRow, InboxFilter, NewDraft, Submission, Submitted, Transition, act, by_id,
    by_registration, create_draft, for_applicant, inbox, submit, update_draft,
};
pub use definitions::{
    SettingsRow, WorkflowRow, list_settings, list_workflows, save_settings, save_workflow,
    settings_for, workflow,
};
pub use documents::{DocumentRow, add_document, documents, review_document};
pub use history::{EventRow, NewEvent, events, record_event};

use crate::audit::Snapshot;
use crate::{Db, Result};

/// Snapshots of every audited record of the area, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let mut v = definitions::snapshots(db).await?;
    v.extend(applications::snapshots(db).await?);
    v.extend(documents::snapshots(db).await?);
    v.extend(history::snapshots(db).await?);
    Ok(v)
}
