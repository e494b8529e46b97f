//! Who may download an issued document. Staff holding `ApplicationsWork` may, for documents
//! of their organisation (any organisation for a mall-wide role). Anyone else — typically the
//! applicant — only through the check of the document's subject type in [`ACCESS`], which
//! the area that owns the subject registers (e.g. licensing: "the applicant of this
//! application"). A subject type without a check lets no one else download.

use balai_core::identity::Permission;
use balai_store::signing::IssuedDocumentRow;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::state::AppState;

/// An area's rule for who, besides the issuing organisation's staff, may download the
/// documents about its subjects.
#[async_trait::async_trait]
pub trait DocumentAccess: Sync {
    /// The `subject_type` the rule is for, e.g. `"application"`.
    fn subject_type(&self) -> &'static str;
    /// Whether `who` may download documents about subject `subject_id`.
    async fn may_download(
        &self,
        st: &AppState,
        who: &SignedIn,
        subject_id: &str,
    ) -> Result<bool, AppError>;
}

/// Every registered rule. Register one by adding it here.
pub static ACCESS: &[&dyn DocumentAccess] = &[];

/// `Ok` when `who` may download `doc`; `Forbidden` otherwise.
pub async fn require_download(
    st: &AppState,
    who: &SignedIn,
    doc: &IssuedDocumentRow,
) -> Result<(), AppError> {
    let staff_ok = match doc.organisation_id {
        Some(org) => who
            .actor
            .require_org(Permission::ApplicationsWork, org)
            .is_ok(),
        None => who.actor.require(Permission::ApplicationsWork).is_ok(),
    };
    if staff_ok {
        return Ok(());
    }
    for rule in ACCESS
        .iter()
        .filter(|r| r.subject_type() == doc.subject_type)
    {
        if rule.may_download(st, who, &doc.subject_id).await? {
            return Ok(());
        }
    }
    Err(AppError::Forbidden)
}
