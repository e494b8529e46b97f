//! Reads of complaints: by id, number, tracking code or LAPOR! id; the managers' list with the
//! most urgent first; the public list (no confidential complaint, never an identity field is
//! selected by callers that show it publicly); what the worker must move or escalate.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::{BY_ID, ComplaintRow, EVENT_SUBJECT, EVIDENCE_SUBJECT, complaint_cols};
use crate::audit::{self, Snapshot};
use crate::{Db, Result, StoreError, Tx};

/// One step in a complaint's history; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct EventRow {
    pub id: Uuid,
    pub complaint_id: Uuid,
    pub action: String,
    pub stage_from: String,
    pub stage_to: String,
    pub note: String,
    /// Shown to the complainant on the status page.
    pub public: bool,
    pub actor_id: Option<Uuid>,
    pub actor_name: String,
    pub at: DateTime<Utc>,
}

/// An evidence file of a complaint; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct EvidenceRow {
    pub id: Uuid,
    pub complaint_id: Uuid,
    pub file_id: Uuid,
    pub created_at: DateTime<Utc>,
}

/// One line of the managers' list.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ConsoleItem {
    pub id: Uuid,
    pub number: String,
    pub subject: String,
    pub stage: String,
    pub privacy: String,
    pub channel: String,
    pub organisation_name: String,
    pub due_rule: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub received_at: DateTime<Utc>,
}

/// Which complaints the managers' list shows.
#[derive(Debug, Clone, Default)]
pub struct ComplaintFilter {
    /// Only complaints about or routed to this organisation (staff of one organisation).
    pub organisation_id: Option<Uuid>,
    /// Only these stages' complaints; `None` for those still open.
    pub stage: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

const FINAL: &str = "('closed','withdrawn','forwarded','archived')";

async fn one(db: &Db, sql: &str, bind: &str) -> Result<Option<ComplaintRow>> {
    let row = crate::on_db!(db.read(), p =>
        sqlx::query_as::<_, ComplaintRow>(sqlx::AssertSqlSafe(sql)).bind(bind)
            .fetch_optional(p).await)?;
    Ok(row)
}

/// The complaint with this id.
pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<ComplaintRow>> {
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, ComplaintRow>(BY_ID)
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// The complaint with this number.
pub async fn by_number(db: &Db, number: &str) -> Result<Option<ComplaintRow>> {
    let sql = concat!(
        "SELECT ",
        complaint_cols!(),
        " FROM complaints c WHERE c.number = $1"
    );
    one(db, sql, number.trim()).await
}

/// The complaint that came through SP4N-LAPOR! with this tracking id.
pub async fn by_lapor_id(db: &Db, lapor_id: &str) -> Result<Option<ComplaintRow>> {
    let sql = concat!(
        "SELECT ",
        complaint_cols!(),
        " FROM complaints c WHERE c.lapor_id = $1"
    );
    one(db, sql, lapor_id.trim()).await
}

/// The complaint with this number whose tracking code digest matches, or `None` — the same
/// answer for an unknown number and a wrong code, so neither can be probed.
pub async fn by_tracking(db: &Db, number: &str, code_digest: &str) -> Result<Option<ComplaintRow>> {
    let found = by_number(db, number).await?;
    Ok(found.filter(|c| constant_eq(c.tracking_hash.as_bytes(), code_digest.as_bytes())))
}

/// Compares without stopping at the first difference, so timing does not tell how much of a
/// forged code was right.
fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The managers' list: overdue first, then by due date; complaints without a deadline last.
pub async fn console_list(db: &Db, f: &ComplaintFilter) -> Result<(Vec<ConsoleItem>, i64)> {
    let from = format!(
        "FROM complaints c JOIN organisations o ON o.id = c.organisation_id \
         WHERE ($1 IS NULL OR c.organisation_id = $1 OR c.handling_organisation_id = $1) \
         AND (($2 IS NULL AND c.stage NOT IN {FINAL}) OR c.stage = $2)"
    );
    let list = format!(
        "SELECT c.id, c.number, c.subject, c.stage, c.privacy, c.channel, \
         o.name AS organisation_name, c.due_rule, c.due_date, c.received_at {from} \
         ORDER BY CASE WHEN c.due_date IS NULL THEN 1 ELSE 0 END, c.due_date, c.received_at, c.id \
         LIMIT $3 OFFSET $4"
    );
    let count = format!("SELECT COUNT(*) {from}");
    let limit = if f.limit <= 0 { 50 } else { f.limit };
    let items = crate::on_db!(db.read(), p =>
        sqlx::query_as::<_, ConsoleItem>(sqlx::AssertSqlSafe(list.as_str()))
            .bind(f.organisation_id).bind(f.stage.as_deref()).bind(limit).bind(f.offset)
            .fetch_all(p).await)?;
    let total: i64 = crate::on_db!(db.read(), p =>
        sqlx::query_scalar(sqlx::AssertSqlSafe(count.as_str()))
            .bind(f.organisation_id).bind(f.stage.as_deref()).fetch_one(p).await)?;
    Ok((items, total))
}

/// Complaints the public may list (not confidential), newest first, for Open311.
pub async fn public_list(
    db: &Db,
    service_id: Option<Uuid>,
    open311_status: Option<&str>,
    from: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    limit: i64,
) -> Result<Vec<ComplaintRow>> {
    let sql = format!(
        "SELECT {} FROM complaints c WHERE c.privacy IN ('biasa','anonim') \
         AND ($1 IS NULL OR c.service_id = $1) \
         AND ($2 IS NULL OR (CASE WHEN c.stage IN {FINAL} THEN 'closed' ELSE 'open' END) = $2) \
         AND ($3 IS NULL OR c.received_at >= $3) AND ($4 IS NULL OR c.received_at <= $4) \
         ORDER BY c.received_at DESC, c.id DESC LIMIT $5",
        complaint_cols!()
    );
    let rows = crate::on_db!(db.read(), p =>
        sqlx::query_as::<_, ComplaintRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(service_id).bind(open311_status).bind(from).bind(until).bind(limit)
            .fetch_all(p).await)?;
    Ok(rows)
}

/// Complaints waiting for the complainant whose time ran out before `today` (to be deemed
/// withdrawn, Luwu Pasal 43(5)).
pub async fn lapsed(db: &Db, today: NaiveDate) -> Result<Vec<Uuid>> {
    let sql = "SELECT id FROM complaints WHERE stage = 'awaiting_completion' AND due_date < $1 \
               ORDER BY due_date, id";
    let ids = crate::on_db!(db.read(), p => sqlx::query_scalar(sql).bind(today)
        .fetch_all(p).await)?;
    Ok(ids)
}

/// Open complaints whose current deadline passed before `today` and were not escalated yet.
pub async fn overdue_unescalated(db: &Db, today: NaiveDate) -> Result<Vec<Uuid>> {
    let sql = format!(
        "SELECT id FROM complaints WHERE stage NOT IN {FINAL} AND stage <> 'awaiting_completion' \
         AND due_date < $1 AND escalated_at IS NULL ORDER BY due_date, id"
    );
    let ids = crate::on_db!(db.read(), p => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(today).fetch_all(p).await)?;
    Ok(ids)
}

const EVENT_COLS: &str = "SELECT id, complaint_id, action, stage_from, stage_to, note, public, \
                          actor_id, actor_name, at FROM complaint_events";
const EVIDENCE_COLS: &str = "SELECT id, complaint_id, file_id, created_at FROM complaint_evidence";

/// The history of a complaint, oldest first.
pub async fn events(db: &Db, complaint_id: Uuid) -> Result<Vec<EventRow>> {
    let sql = format!("{EVENT_COLS} WHERE complaint_id = $1 ORDER BY at, id");
    let rows = crate::on_db!(db.read(), p =>
        sqlx::query_as::<_, EventRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(complaint_id).fetch_all(p).await)?;
    Ok(rows)
}

/// The evidence of a complaint.
pub async fn evidence(db: &Db, complaint_id: Uuid) -> Result<Vec<EvidenceRow>> {
    let sql = format!("{EVIDENCE_COLS} WHERE complaint_id = $1 ORDER BY created_at, id");
    let rows = crate::on_db!(db.read(), p =>
        sqlx::query_as::<_, EvidenceRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(complaint_id).fetch_all(p).await)?;
    Ok(rows)
}

pub(super) async fn event_row_tx(tx: &mut Tx, id: Uuid) -> Result<EventRow> {
    let sql = format!("{EVENT_COLS} WHERE id = $1");
    let row = crate::on_tx!(tx, c =>
        sqlx::query_as::<_, EventRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id).fetch_optional(c).await)?;
    row.ok_or_else(|| StoreError::NotFound(format!("complaint event {id}")))
}

pub(super) async fn evidence_row_tx(tx: &mut Tx, id: Uuid) -> Result<EvidenceRow> {
    let sql = format!("{EVIDENCE_COLS} WHERE id = $1");
    let row = crate::on_tx!(tx, c =>
        sqlx::query_as::<_, EvidenceRow>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id).fetch_optional(c).await)?;
    row.ok_or_else(|| StoreError::NotFound(format!("complaint evidence {id}")))
}

pub(super) async fn event_snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = format!("{EVENT_COLS} ORDER BY id");
    let rows = crate::on_db!(db.write(), p =>
        sqlx::query_as::<_, EventRow>(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
    audit::snapshots_of(EVENT_SUBJECT, rows, |r| r.id.to_string())
}

pub(super) async fn evidence_snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = format!("{EVIDENCE_COLS} ORDER BY id");
    let rows = crate::on_db!(db.write(), p =>
        sqlx::query_as::<_, EvidenceRow>(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
    audit::snapshots_of(EVIDENCE_SUBJECT, rows, |r| r.id.to_string())
}
