//! Responses: append-only rows chained into the audit trail. Nothing here updates or deletes a
//! response; invalidation and suggestion moderation are rows of their own (Luwu Pasal 18(e):
//! survey data must not be manipulated; `balai audit verify` names any row changed behind the
//! application's back).

use balai_core::survey::Answers;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::MAX_ELEMENTS;
use super::invitations::{INV_COLS, InvitationRow, InvitationState, classify, hash_code};
use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

/// How a response came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Channel {
    Online,
    /// On the counter's tablet, handed to the visitor just served.
    Tablet,
    Paper,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Tablet => "tablet",
            Channel::Paper => "paper",
        }
    }
}

/// A response as stored; also its audit snapshot. `a[i]` is the answer to the definition's
/// element i (display order of that version).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct ResponseRow {
    pub id: Uuid,
    pub definition_version: i32,
    pub service_id: Uuid,
    pub organisation_id: Uuid,
    pub channel: String,
    pub invitation_id: Option<Uuid>,
    pub batch_id: Option<Uuid>,
    pub responded_on: NaiveDate,
    pub sex: String,
    pub age: i32,
    pub education: String,
    pub occupation: String,
    pub a1: Option<i32>,
    pub a2: Option<i32>,
    pub a3: Option<i32>,
    pub a4: Option<i32>,
    pub a5: Option<i32>,
    pub a6: Option<i32>,
    pub a7: Option<i32>,
    pub a8: Option<i32>,
    pub a9: Option<i32>,
    pub a10: Option<i32>,
    pub a11: Option<i32>,
    pub a12: Option<i32>,
    pub suggestion: Option<String>,
    pub created_at: DateTime<Utc>,
}

const RESP_COLS: &str = "id, definition_version, service_id, organisation_id, channel, \
    invitation_id, batch_id, responded_on, sex, age, education, occupation, a1, a2, a3, a4, a5, \
    a6, a7, a8, a9, a10, a11, a12, suggestion, created_at";

/// A parsed questionnaire to store, for a service on a day.
#[derive(Debug, Clone)]
pub struct NewResponse {
    pub definition_version: i32,
    pub service_id: Uuid,
    pub organisation_id: Uuid,
    pub responded_on: NaiveDate,
    pub answers: Answers,
}

async fn insert(
    tx: &mut Tx,
    ctx: &AuditCtx,
    r: &NewResponse,
    channel: Channel,
    invitation_id: Option<Uuid>,
    batch_id: Option<Uuid>,
) -> Result<ResponseRow> {
    let mut slots = [None; MAX_ELEMENTS];
    for (slot, (_, a)) in slots.iter_mut().zip(&r.answers.answers) {
        *slot = Some(i32::from(*a));
    }
    let p = &r.answers.profile;
    let [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12] = slots;
    let row = ResponseRow {
        id: balai_core::ids::new_id(),
        definition_version: r.definition_version,
        service_id: r.service_id,
        organisation_id: r.organisation_id,
        channel: channel.as_str().to_owned(),
        invitation_id,
        batch_id,
        responded_on: r.responded_on,
        sex: p.sex.as_str().to_owned(),
        age: i32::from(p.age),
        education: p.education.as_str().to_owned(),
        occupation: p.occupation.as_str().to_owned(),
        a1,
        a2,
        a3,
        a4,
        a5,
        a6,
        a7,
        a8,
        a9,
        a10,
        a11,
        a12,
        suggestion: r.answers.suggestion.clone(),
        created_at: ctx.at,
    };
    let sql = format!(
        "INSERT INTO skm_responses ({RESP_COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,\
         $13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26)"
    );
    crate::on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(row.id).bind(row.definition_version).bind(row.service_id).bind(row.organisation_id)
        .bind(&row.channel).bind(row.invitation_id).bind(row.batch_id).bind(row.responded_on)
        .bind(&row.sex).bind(row.age).bind(&row.education).bind(&row.occupation)
        .bind(row.a1).bind(row.a2).bind(row.a3).bind(row.a4).bind(row.a5).bind(row.a6)
        .bind(row.a7).bind(row.a8).bind(row.a9).bind(row.a10).bind(row.a11).bind(row.a12)
        .bind(&row.suggestion).bind(row.created_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    audit::record(
        tx,
        ctx,
        Change::new("create", "skm_response", row.id).after(&row)?,
    )
    .await?;
    Ok(row)
}

/// Stores a response answered with an invitation code, using the code up in the same
/// transaction: of two submissions racing with one code, exactly one is stored. An unknown,
/// used or expired code is `Ok(Err(state))` with nothing written, so the caller's
/// transaction (or group-commit savepoint) stays usable.
pub async fn submit_with_code(
    tx: &mut Tx,
    ctx: &AuditCtx,
    code: &str,
    channel: Channel,
    definition_version: i32,
    answers: Answers,
) -> Result<std::result::Result<ResponseRow, InvitationState>> {
    let sql = format!("SELECT {INV_COLS} FROM skm_invitations WHERE code_hash = $1");
    let found = crate::on_tx!(tx, c => sqlx::query_as::<_, InvitationRow>(sqlx::AssertSqlSafe(sql))
        .bind(hash_code(code)).fetch_optional(c).await)?;
    let inv = match classify(found, ctx.at) {
        InvitationState::Open(inv) => inv,
        other => return Ok(Err(other)),
    };
    let taken = crate::on_tx!(tx, c => sqlx::query(
        "UPDATE skm_invitations SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
        .bind(ctx.at).bind(inv.id).execute(c).await.map(|r| r.rows_affected()))?;
    if taken != 1 {
        return Ok(Err(InvitationState::Used));
    }
    let used = InvitationRow {
        used_at: Some(ctx.at),
        ..inv.clone()
    };
    audit::record(
        tx,
        ctx,
        Change::new("use", "skm_invitation", inv.id)
            .before(&inv)?
            .after(&used)?,
    )
    .await?;
    let new = NewResponse {
        definition_version,
        service_id: inv.service_id,
        organisation_id: inv.organisation_id,
        responded_on: ctx.at.date_naive(),
        answers,
    };
    Ok(Ok(insert(tx, ctx, &new, channel, Some(inv.id), None).await?))
}

/// A stack of paper questionnaires as stored; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct BatchRow {
    pub id: Uuid,
    pub source: String,
    pub file_name: Option<String>,
    pub entered_by: Option<Uuid>,
    pub entered_by_name: String,
    pub response_count: i32,
    pub created_at: DateTime<Utc>,
}

/// Where a paper batch came from.
#[derive(Debug, Clone)]
pub enum PaperBatch {
    Console,
    Csv { file_name: String },
}

/// Records paper questionnaires as one batch entered by `ctx.actor`. All or nothing: the
/// caller validated every row first and commits only when this returns Ok.
pub async fn record_paper(
    tx: &mut Tx,
    ctx: &AuditCtx,
    source: PaperBatch,
    rows: &[NewResponse],
) -> Result<BatchRow> {
    let (source, file_name) = match source {
        PaperBatch::Console => ("console", None),
        PaperBatch::Csv { file_name } => ("csv", Some(file_name)),
    };
    let batch = BatchRow {
        id: balai_core::ids::new_id(),
        source: source.to_owned(),
        file_name,
        entered_by: ctx.actor.user_id,
        entered_by_name: ctx.actor.name.clone(),
        response_count: i32::try_from(rows.len()).unwrap_or(i32::MAX),
        created_at: ctx.at,
    };
    crate::on_tx!(tx, c => sqlx::query(
        "INSERT INTO skm_batches (id, source, file_name, entered_by, entered_by_name, \
         response_count, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)")
        .bind(batch.id).bind(&batch.source).bind(&batch.file_name).bind(batch.entered_by)
        .bind(&batch.entered_by_name).bind(batch.response_count).bind(batch.created_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    audit::record(
        tx,
        ctx,
        Change::new("create", "skm_batch", batch.id).after(&batch)?,
    )
    .await?;
    for r in rows {
        insert(tx, ctx, r, Channel::Paper, None, Some(batch.id)).await?;
    }
    Ok(batch)
}

/// An invalidation as stored; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct InvalidationRow {
    pub response_id: Uuid,
    pub reason: String,
    pub invalidated_by: Option<Uuid>,
    pub invalidated_by_name: String,
    pub created_at: DateTime<Utc>,
}

/// Invalidates a response with a reason (a new recorded event; the response stays). A second
/// invalidation of the same response is `StoreError::Duplicate`; an unknown one `NotFound`.
pub async fn invalidate(
    tx: &mut Tx,
    ctx: &AuditCtx,
    response_id: Uuid,
    reason: &str,
) -> Result<InvalidationRow> {
    let exists: Option<Uuid> = crate::on_tx!(tx, c =>
        sqlx::query_scalar("SELECT id FROM skm_responses WHERE id = $1")
            .bind(response_id).fetch_optional(c).await)?;
    if exists.is_none() {
        return Err(StoreError::NotFound("skm_response".into()));
    }
    let row = InvalidationRow {
        response_id,
        reason: reason.to_owned(),
        invalidated_by: ctx.actor.user_id,
        invalidated_by_name: ctx.actor.name.clone(),
        created_at: ctx.at,
    };
    crate::on_tx!(tx, c => sqlx::query(
        "INSERT INTO skm_invalidations (response_id, reason, invalidated_by, invalidated_by_name, \
         created_at) VALUES ($1,$2,$3,$4,$5)")
        .bind(row.response_id).bind(&row.reason).bind(row.invalidated_by)
        .bind(&row.invalidated_by_name).bind(row.created_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    audit::record(
        tx,
        ctx,
        Change::new("invalidate", "skm_invalidation", response_id).after(&row)?,
    )
    .await?;
    Ok(row)
}

/// A moderation decision on a response's suggestion; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct ReviewRow {
    pub response_id: Uuid,
    pub published: bool,
    pub reviewed_by: Option<Uuid>,
    pub reviewed_at: DateTime<Utc>,
    pub version: i32,
}

const REVIEW_COLS: &str = "response_id, published, reviewed_by, reviewed_at, version";

/// Publishes or hides a response's suggestion on /ikm.
pub async fn review_suggestion(
    tx: &mut Tx,
    ctx: &AuditCtx,
    response_id: Uuid,
    published: bool,
) -> Result<()> {
    let sql = format!("SELECT {REVIEW_COLS} FROM skm_suggestion_reviews WHERE response_id = $1");
    let before = crate::on_tx!(tx, c => sqlx::query_as::<_, ReviewRow>(sqlx::AssertSqlSafe(sql))
        .bind(response_id).fetch_optional(c).await)?;
    let after = ReviewRow {
        response_id,
        published,
        reviewed_by: ctx.actor.user_id,
        reviewed_at: ctx.at,
        version: before.as_ref().map_or(1, |b| b.version + 1),
    };
    let sql = if before.is_some() {
        "UPDATE skm_suggestion_reviews SET published = $2, reviewed_by = $3, reviewed_at = $4, \
         version = $5 WHERE response_id = $1"
    } else {
        "INSERT INTO skm_suggestion_reviews (response_id, published, reviewed_by, reviewed_at, \
         version) VALUES ($1,$2,$3,$4,$5)"
    };
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(after.response_id).bind(after.published).bind(after.reviewed_by)
        .bind(after.reviewed_at).bind(after.version)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let mut change = Change::new("review", "skm_suggestion_review", response_id).after(&after)?;
    if let Some(b) = &before {
        change = change.before(b)?;
    }
    audit::record(tx, ctx, change).await
}

pub(super) async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = format!("SELECT {RESP_COLS} FROM skm_responses");
    let responses = crate::on_db!(db.read(), p =>
        sqlx::query_as::<_, ResponseRow>(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)?;
    let mut v = audit::snapshots_of("skm_response", responses, |r| r.id.to_string())?;
    let batches = crate::on_db!(db.read(), p => sqlx::query_as::<_, BatchRow>(
        "SELECT id, source, file_name, entered_by, entered_by_name, response_count, created_at \
         FROM skm_batches").fetch_all(p).await)?;
    v.extend(audit::snapshots_of("skm_batch", batches, |r| {
        r.id.to_string()
    })?);
    let inval = crate::on_db!(db.read(), p => sqlx::query_as::<_, InvalidationRow>(
        "SELECT response_id, reason, invalidated_by, invalidated_by_name, created_at \
         FROM skm_invalidations").fetch_all(p).await)?;
    v.extend(audit::snapshots_of("skm_invalidation", inval, |r| {
        r.response_id.to_string()
    })?);
    let sql = format!("SELECT {REVIEW_COLS} FROM skm_suggestion_reviews");
    let reviews = crate::on_db!(db.read(), p =>
        sqlx::query_as::<_, ReviewRow>(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)?;
    v.extend(audit::snapshots_of(
        "skm_suggestion_review",
        reviews,
        |r| r.response_id.to_string(),
    )?);
    Ok(v)
}

/// The organisation a response belongs to, or `None` for an unknown id.
pub async fn response_organisation(db: &Db, id: Uuid) -> Result<Option<Uuid>> {
    Ok(crate::on_db!(db.read(), p =>
        sqlx::query_scalar("SELECT organisation_id FROM skm_responses WHERE id = $1")
            .bind(id).fetch_optional(p).await)?)
}
