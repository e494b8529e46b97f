//! Lodging a complaint (Seluma Pasal 51–53): gap-free number, digests of the secret codes,
//! evidence links, audit — all inside the transaction given (a Batcher's savepoint).

use balai_core::complaints::tracking::{number_series, stored_tracking_digest};
use balai_core::complaints::{Category, Channel, Privacy, Stage, SubmissionKey, complaint_number};
use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use super::{BY_ID, ComplaintRow, EVIDENCE_SUBJECT, SUBJECT, complaint_cols};
use crate::audit::{self, AuditCtx, Change};
use crate::files::{self, NewFile};
use crate::{Result, StoreError, Tx};

/// A complaint to lodge, already checked by the rules.
#[derive(Debug, Clone)]
pub struct NewComplaint {
    pub key: SubmissionKey,
    pub channel: Channel,
    pub category: Category,
    pub privacy: Privacy,
    pub organisation_id: Uuid,
    pub service_id: Option<Uuid>,
    pub officer_id: Option<Uuid>,
    pub service_date: NaiveDate,
    pub subject: String,
    pub description: String,
    pub loss: String,
    pub resolution: String,
    pub compensation_claim: Option<i64>,
    pub place: String,
    pub complainant_name: String,
    pub complainant_address: String,
    pub complainant_phone: String,
    pub complainant_email: String,
    pub complainant_user_id: Option<Uuid>,
    /// `Some(reason)` when staff register a complaint past the 30-day window.
    pub late_reason: Option<String>,
    pub lapor_id: Option<String>,
    /// The office's date of receipt, and the completeness answer's due date (Luwu Pasal 43(3))
    /// computed from it by the caller with the region's calendar.
    pub received_on: NaiveDate,
    pub due_rule: String,
    pub due_date: NaiveDate,
    /// Evidence already written to the object store (Seluma Pasal 52).
    pub evidence: Vec<NewFile>,
}

/// The outcome: the complaint, and whether this was a second submission of a form already
/// filed (nothing new was stored then).
#[derive(Debug, Clone)]
pub struct Filed {
    pub complaint: ComplaintRow,
    pub repeated: bool,
}

const BY_SUBMISSION: &str = concat!(
    "SELECT ",
    complaint_cols!(),
    " FROM complaints c WHERE c.submission_hash = $1"
);

/// Files `n` inside `tx`. A form already filed returns its complaint with `repeated` set.
pub async fn file(tx: &mut Tx, ctx: &AuditCtx, n: &NewComplaint) -> Result<Filed> {
    let submission_hash = n.key.digest();
    let existing = crate::on_tx!(tx, c => sqlx::query_as::<_, ComplaintRow>(BY_SUBMISSION)
        .bind(&submission_hash).fetch_optional(c).await)?;
    if let Some(complaint) = existing {
        return Ok(Filed {
            complaint,
            repeated: true,
        });
    }
    let id = balai_core::ids::new_id();
    let year = n.received_on.year();
    let seq = crate::sequence::next(tx, &number_series(year)).await?;
    let number = complaint_number(year, seq);
    // The receiving officer is staff who registered it; the public form is received by the
    // system (Seluma Pasal 53), also when a signed-in citizen lodges it.
    let staff = ctx.actor.role.is_some_and(|r| r.is_staff());
    let received_by = if staff { ctx.actor.user_id } else { None };
    let received_by_name = if staff {
        ctx.actor.name.clone()
    } else {
        "sistem".to_owned()
    };
    let sql = "INSERT INTO complaints (id, number, tracking_hash, submission_hash, channel, \
        category, privacy, stage, organisation_id, service_id, officer_id, service_date, subject, \
        description, loss, resolution, compensation_claim, place, complainant_name, \
        complainant_address, complainant_phone, complainant_email, complainant_user_id, \
        received_by, received_by_name, late, late_reason, lapor_id, clock_start, due_rule, \
        due_date, decision, rating_comment, reopen_count, version, received_at, updated_at) \
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,\
        $23,$24,$25,$26,$27,$28,$29,$30,$31,'','',0,1,$32,$32)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(&number).bind(stored_tracking_digest(&n.key)).bind(&submission_hash)
        .bind(n.channel.as_str()).bind(n.category.as_str()).bind(n.privacy.as_str())
        .bind(Stage::Received.as_str()).bind(n.organisation_id).bind(n.service_id)
        .bind(n.officer_id).bind(n.service_date).bind(&n.subject).bind(&n.description)
        .bind(&n.loss).bind(&n.resolution).bind(n.compensation_claim).bind(&n.place)
        .bind(&n.complainant_name).bind(&n.complainant_address).bind(&n.complainant_phone)
        .bind(&n.complainant_email).bind(n.complainant_user_id).bind(received_by)
        .bind(&received_by_name).bind(n.late_reason.is_some())
        .bind(n.late_reason.clone().unwrap_or_default()).bind(&n.lapor_id)
        .bind(n.received_on).bind(&n.due_rule).bind(n.due_date).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let complaint = crate::on_tx!(tx, c => sqlx::query_as::<_, ComplaintRow>(BY_ID)
        .bind(id).fetch_optional(c).await)?
    .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    audit::record(
        tx,
        ctx,
        Change::new("create", SUBJECT, id).after(&complaint)?,
    )
    .await?;
    for f in &n.evidence {
        attach_evidence(tx, ctx, id, f).await?;
    }
    Ok(Filed {
        complaint,
        repeated: false,
    })
}

/// Records an evidence file already in the object store and links it to the complaint.
pub(super) async fn attach_evidence(
    tx: &mut Tx,
    ctx: &AuditCtx,
    complaint_id: Uuid,
    f: &NewFile,
) -> Result<()> {
    let file = files::insert(tx, ctx, f).await?;
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO complaint_evidence (id, complaint_id, file_id, created_at) \
               VALUES ($1,$2,$3,$4)";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(complaint_id).bind(file.id)
        .bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    let row = super::reads::evidence_row_tx(tx, id).await?;
    audit::record(
        tx,
        ctx,
        Change::new("create", EVIDENCE_SUBJECT, id).after(&row)?,
    )
    .await
}
