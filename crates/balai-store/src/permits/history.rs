//! An application's history: every step, comment and document, who did it and when. The
//! applicant sees the rows marked public.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

pub const SUBJECT: &str = "application_event";

/// One step of the history; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct EventRow {
    pub id: Uuid,
    pub application_id: Uuid,
    /// When it happened (for a back-captured step, the true time, Batang Pasal 16(1)).
    pub at: DateTime<Utc>,
    /// When it was entered.
    pub recorded_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_name: String,
    pub actor_role: Option<String>,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub comment: Option<String>,
    pub public: bool,
    /// Details of the step as JSON (documents returned and why, an inspection's schedule).
    pub data: Option<String>,
}

/// A step to record; the actor and the time of recording come from the audit context.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub application_id: Uuid,
    pub at: DateTime<Utc>,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub comment: Option<String>,
    pub public: bool,
    pub data: Option<serde_json::Value>,
}

const COLS: &str = "SELECT id, application_id, at, recorded_at, actor_id, actor_name, actor_role, \
                    action, from_state, to_state, comment, public, data FROM application_events";

/// Appends a step, audited.
pub async fn record_event(tx: &mut Tx, ctx: &AuditCtx, e: NewEvent) -> Result<EventRow> {
    let id = balai_core::ids::new_id();
    let data = e.data.as_ref().map(serde_json::to_string).transpose()?;
    let role = ctx.actor.role.map(|r| r.as_str());
    let sql = "INSERT INTO application_events (id, application_id, at, recorded_at, actor_id, \
               actor_name, actor_role, action, from_state, to_state, comment, public, data) \
               VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(e.application_id).bind(e.at).bind(ctx.at).bind(ctx.actor.user_id)
        .bind(&ctx.actor.name).bind(role).bind(&e.action).bind(&e.from_state).bind(&e.to_state)
        .bind(&e.comment).bind(e.public).bind(&data)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let sql = format!("{COLS} WHERE id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, EventRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(c).await)?
    .ok_or_else(|| StoreError::NotFound(format!("event {id}")))?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// The history of an application, oldest first; only the applicant's part when `public_only`.
pub async fn events(db: &Db, application_id: Uuid, public_only: bool) -> Result<Vec<EventRow>> {
    let sql = format!(
        "{COLS} WHERE application_id = $1 AND ($2 = FALSE OR public = TRUE) ORDER BY at, recorded_at, id"
    );
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, EventRow>(sqlx::AssertSqlSafe(sql))
        .bind(application_id).bind(public_only).fetch_all(p).await)?;
    Ok(rows)
}

pub(super) async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let rows =
        crate::on_db!(db.write(), p => sqlx::query_as::<_, EventRow>(COLS).fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
