//! Applications: drafts, submission with a gap-free registration number, and the workflow
//! steps that move them.

use balai_core::permits::{Channel, Facts, FormValues, NumberPattern, Outcome};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::history::{NewEvent, record_event};
use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

pub const SUBJECT: &str = "application";

/// An application as stored; also its audit snapshot, without the tracking PIN (a secret the
/// audit trail must not spread).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct ApplicationRow {
    pub id: Uuid,
    pub service_id: Uuid,
    pub organisation_id: Uuid,
    pub applicant_user_id: Option<Uuid>,
    pub applicant_name: String,
    pub applicant_email: Option<String>,
    pub applicant_phone: Option<String>,
    pub applicant_birth_date: Option<NaiveDate>,
    pub workflow_code: String,
    /// The workflow state; `None` while a draft.
    pub state: Option<String>,
    /// The form's answers as JSON (`FormValues`).
    pub form_values: String,
    pub channel: String,
    /// The counter officer who filed it for a walk-in applicant, or who back-captured it.
    pub filed_by: Option<Uuid>,
    pub back_capture_reason: Option<String>,
    pub registration_number: Option<String>,
    #[serde(skip)]
    pub tracking_pin: Option<String>,
    pub idempotency_key: Option<String>,
    pub inspection_required: bool,
    pub levy_amount: i64,
    pub outcome: Option<String>,
    /// When the applicant declared the documents true (Batang Pasal 8(2)).
    pub declared_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub state_entered_at: Option<DateTime<Utc>>,
    pub state_due_on: Option<NaiveDate>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ApplicationRow {
    /// The answers; a row that no longer parses is corrupt.
    pub fn values(&self) -> Result<FormValues> {
        Ok(serde_json::from_str(&self.form_values)?)
    }

    /// What the workflow's conditions look at.
    pub fn facts(&self) -> Facts {
        Facts {
            inspection_required: self.inspection_required,
            levy_due: self.levy_amount > 0,
            outcome: self.outcome.as_deref().and_then(|o| Outcome::parse(o).ok()),
        }
    }

    pub fn is_draft(&self) -> bool {
        self.state.is_none()
    }
}

/// A new draft.
#[derive(Debug, Clone)]
pub struct NewDraft {
    pub service_id: Uuid,
    pub organisation_id: Uuid,
    pub applicant_user_id: Option<Uuid>,
    pub applicant_name: String,
    pub applicant_email: Option<String>,
    pub applicant_phone: Option<String>,
    pub applicant_birth_date: Option<NaiveDate>,
    pub workflow_code: String,
    pub values: FormValues,
    pub channel: Channel,
    pub filed_by: Option<Uuid>,
    pub inspection_required: bool,
    pub levy_amount: i64,
}

/// Submitting a draft.
#[derive(Debug, Clone)]
pub struct Submission {
    pub id: Uuid,
    pub expected_version: i32,
    /// A client's key for this submission (`Idempotency-Key`): the same key files once.
    pub idempotency_key: Option<String>,
    pub number_pattern: NumberPattern,
    /// The office-local date the number's year and month come from.
    pub number_date: NaiveDate,
    pub initial_state: String,
    pub due_on: Option<NaiveDate>,
    pub tracking_pin: String,
    /// The true time of submission (earlier than now for a back-captured application).
    pub submitted_at: DateTime<Utc>,
    pub back_capture_reason: Option<String>,
}

/// The submitted application, and whether this call filed it or found it already filed.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub row: ApplicationRow,
    pub replay: bool,
}

/// One workflow step: from `from_state` (as the caller read it, at `expected_version`) to
/// `to_state`.
#[derive(Debug, Clone)]
pub struct Transition {
    pub id: Uuid,
    pub expected_version: i32,
    pub action: String,
    pub from_state: String,
    pub to_state: String,
    pub outcome: Option<Outcome>,
    pub due_on: Option<NaiveDate>,
    pub at: DateTime<Utc>,
    pub comment: Option<String>,
    pub public: bool,
    pub data: Option<serde_json::Value>,
}

const COLS: &str = "SELECT id, service_id, organisation_id, applicant_user_id, applicant_name, \
    applicant_email, applicant_phone, applicant_birth_date, workflow_code, state, form_values, \
    channel, filed_by, back_capture_reason, registration_number, tracking_pin, idempotency_key, \
    inspection_required, levy_amount, outcome, declared_at, submitted_at, state_entered_at, \
    state_due_on, version, created_at, updated_at FROM applications";

async fn get_in_tx(tx: &mut Tx, id: Uuid) -> Result<ApplicationRow> {
    let sql = format!("{COLS} WHERE id = $1");
    crate::on_tx!(tx, c => sqlx::query_as::<_, ApplicationRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(c).await)?
    .ok_or_else(|| StoreError::NotFound(format!("application {id}")))
}

async fn audited(
    tx: &mut Tx,
    ctx: &AuditCtx,
    action: &str,
    before: ApplicationRow,
) -> Result<ApplicationRow> {
    let after = get_in_tx(tx, before.id).await?;
    let change = Change::new(action, SUBJECT, before.id)
        .before(&before)?
        .after(&after)?;
    audit::record(tx, ctx, change).await?;
    Ok(after)
}

/// Creates a draft, audited.
pub async fn create_draft(tx: &mut Tx, ctx: &AuditCtx, new: NewDraft) -> Result<ApplicationRow> {
    let id = balai_core::ids::new_id();
    let values = serde_json::to_string(&new.values)?;
    let sql = "INSERT INTO applications (id, service_id, organisation_id, applicant_user_id, \
        applicant_name, applicant_email, applicant_phone, applicant_birth_date, workflow_code, \
        state, form_values, channel, filed_by, inspection_required, levy_amount, version, \
        created_at, updated_at) \
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,NULL,$10,$11,$12,$13,$14,1,$15,$15)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(new.service_id).bind(new.organisation_id).bind(new.applicant_user_id)
        .bind(new.applicant_name.trim()).bind(&new.applicant_email).bind(&new.applicant_phone)
        .bind(new.applicant_birth_date).bind(&new.workflow_code).bind(&values)
        .bind(new.channel.as_str()).bind(new.filed_by).bind(new.inspection_required)
        .bind(new.levy_amount).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = get_in_tx(tx, id).await?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Saves a draft's answers (and the levy and birth date they imply). A submitted application or a stale
/// version gives [`StoreError::Conflict`].
pub async fn update_draft(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    expected_version: i32,
    values: &FormValues,
    levy_amount: i64,
    applicant_birth_date: Option<NaiveDate>,
) -> Result<ApplicationRow> {
    let before = get_in_tx(tx, id).await?;
    let json = serde_json::to_string(values)?;
    let sql = "UPDATE applications SET form_values = $2, levy_amount = $3, \
               applicant_birth_date = $6, version = version + 1, \
               updated_at = $4 WHERE id = $1 AND version = $5 AND state IS NULL";
    let n = crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(&json).bind(levy_amount)
        .bind(ctx.at).bind(expected_version).bind(applicant_birth_date)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::Conflict(format!(
            "application {id} changed or was submitted"
        )));
    }
    audited(tx, ctx, "update", before).await
}

/// Submits a draft: gives it the next registration number of its pattern (gap-free, drawn
/// inside this transaction), its first state and deadline, and records the step. Idempotent:
/// a submission whose key was seen, or of a draft already submitted, returns the filed
/// application with `replay` set and changes nothing. Run it through the batcher.
pub async fn submit(tx: &mut Tx, ctx: &AuditCtx, s: Submission) -> Result<Submitted> {
    if let Some(key) = &s.idempotency_key {
        let sql = format!("{COLS} WHERE idempotency_key = $1");
        let found = crate::on_tx!(tx, c => sqlx::query_as::<_, ApplicationRow>(sqlx::AssertSqlSafe(sql))
            .bind(key).fetch_optional(c).await)?;
        if let Some(row) = found {
            return Ok(Submitted { row, replay: true });
        }
    }
    let before = get_in_tx(tx, s.id).await?;
    if !before.is_draft() {
        return Ok(Submitted {
            row: before,
            replay: true,
        });
    }
    let series = format!(
        "application:{}",
        s.number_pattern.counter_key(s.number_date)
    );
    let seq = crate::sequence::next(tx, &series).await?;
    let number = s.number_pattern.format(s.number_date, seq);
    let sql = "UPDATE applications SET state = $2, registration_number = $3, tracking_pin = $4, \
        idempotency_key = $5, declared_at = $6, submitted_at = $7, state_entered_at = $7, \
        state_due_on = $8, back_capture_reason = $9, version = version + 1, updated_at = $6 \
        WHERE id = $1 AND version = $10 AND state IS NULL";
    let n = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(s.id).bind(&s.initial_state).bind(&number).bind(&s.tracking_pin)
        .bind(&s.idempotency_key).bind(ctx.at).bind(s.submitted_at).bind(s.due_on)
        .bind(&s.back_capture_reason).bind(s.expected_version)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::Conflict(format!(
            "application {} changed",
            s.id
        )));
    }
    let row = audited(tx, ctx, "submit", before).await?;
    record_event(
        tx,
        ctx,
        NewEvent {
            application_id: s.id,
            at: s.submitted_at,
            action: "submit".to_owned(),
            from_state: None,
            to_state: Some(s.initial_state.clone()),
            comment: s.back_capture_reason.clone(),
            public: true,
            data: Some(
                serde_json::json!({ "registration_number": number, "channel": row.channel }),
            ),
        },
    )
    .await?;
    Ok(Submitted { row, replay: false })
}

/// Takes one workflow step. The caller has checked with the workflow definition that the
/// step is allowed; here the row must still be in `from_state` at `expected_version`, so of
/// two concurrent steps exactly one succeeds and the other gets [`StoreError::Conflict`].
pub async fn act(tx: &mut Tx, ctx: &AuditCtx, t: Transition) -> Result<ApplicationRow> {
    let before = get_in_tx(tx, t.id).await?;
    let sql = "UPDATE applications SET state = $2, outcome = COALESCE($3, outcome), \
        state_entered_at = $4, state_due_on = $5, version = version + 1, updated_at = $6 \
        WHERE id = $1 AND version = $7 AND state = $8";
    let n = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(t.id).bind(&t.to_state).bind(t.outcome.map(|o| o.as_str())).bind(t.at)
        .bind(t.due_on).bind(ctx.at).bind(t.expected_version).bind(&t.from_state)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::Conflict(format!(
            "application {} moved on",
            t.id
        )));
    }
    let row = audited(tx, ctx, &t.action, before).await?;
    record_event(
        tx,
        ctx,
        NewEvent {
            application_id: t.id,
            at: t.at,
            action: t.action,
            from_state: Some(t.from_state),
            to_state: Some(t.to_state),
            comment: t.comment,
            public: t.public,
            data: t.data,
        },
    )
    .await?;
    Ok(row)
}

/// The application with this id.
pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<ApplicationRow>> {
    let sql = format!("{COLS} WHERE id = $1");
    let row = crate::on_db!(db.write(), p => sqlx::query_as::<_, ApplicationRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// The application with this registration number (tracking, collection at the counter).
pub async fn by_registration(db: &Db, number: &str) -> Result<Option<ApplicationRow>> {
    let sql = format!("{COLS} WHERE registration_number = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, ApplicationRow>(sqlx::AssertSqlSafe(sql))
        .bind(number.trim()).fetch_optional(p).await)?;
    Ok(row)
}

/// An applicant's applications, newest first.
pub async fn for_applicant(db: &Db, user_id: Uuid) -> Result<Vec<ApplicationRow>> {
    let sql =
        format!("{COLS} WHERE applicant_user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200");
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, ApplicationRow>(sqlx::AssertSqlSafe(sql))
        .bind(user_id).fetch_all(p).await)?;
    Ok(rows)
}

/// What an inbox shows: applications in these states, of this organisation when given (plus
/// those of `also_services`, whose technical team is of that organisation).
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    pub organisation_id: Option<Uuid>,
    pub also_services: Vec<Uuid>,
    pub states: Vec<String>,
    pub limit: i64,
}

/// The applications of an inbox, earliest deadline first (overdue ones come first by
/// themselves), then the oldest submission; ones without a deadline last.
pub async fn inbox(db: &Db, f: &InboxFilter) -> Result<Vec<ApplicationRow>> {
    if f.states.is_empty() {
        return Ok(Vec::new());
    }
    let mut n = 2;
    let mut marks = |count: usize| {
        let v: Vec<String> = (0..count).map(|i| format!("${}", n + 1 + i)).collect();
        n += count;
        v.join(", ")
    };
    let states = marks(f.states.len());
    let services = if f.also_services.is_empty() {
        String::new()
    } else {
        format!(" OR service_id IN ({})", marks(f.also_services.len()))
    };
    let sql = format!(
        "{COLS} WHERE ($1 IS NULL OR organisation_id = $1{services}) AND state IN ({states}) \
         ORDER BY CASE WHEN state_due_on IS NULL THEN 1 ELSE 0 END, state_due_on, submitted_at, id \
         LIMIT $2"
    );
    let limit = f.limit.clamp(1, 500);
    let rows = crate::on_db!(db.read(), p => {
        let mut q = sqlx::query_as::<_, ApplicationRow>(sqlx::AssertSqlSafe(sql))
            .bind(f.organisation_id).bind(limit);
        for s in &f.states {
            q = q.bind(s);
        }
        for s in &f.also_services {
            q = q.bind(s);
        }
        q.fetch_all(p).await
    })?;
    Ok(rows)
}

pub(super) async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, ApplicationRow>(COLS).fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
