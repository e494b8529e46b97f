//! What displays, kiosks and visitors' phones read: who is being served where, the last calls,
//! how many wait per service, and a ticket's place in line.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::tickets::TicketRow;
use crate::{Db, Result};

/// One call as the display shows it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct CallRow {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub counter_id: Uuid,
    pub counter_number: i32,
    pub number: String,
    pub recall: bool,
    pub called_at: DateTime<Utc>,
}

/// The latest calls at a location on a day, newest first.
pub async fn last_calls(
    db: &Db,
    location_id: Uuid,
    since: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<CallRow>> {
    let sql = "SELECT id, ticket_id, counter_id, counter_number, number, recall, called_at \
               FROM queue_calls WHERE location_id = $1 AND called_at >= $2 \
               ORDER BY called_at DESC, id DESC LIMIT $3";
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, CallRow>(sql)
        .bind(location_id).bind(since).bind(limit).fetch_all(p).await)?;
    Ok(rows)
}

/// A counter and the ticket it is calling or serving (if any).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct NowServing {
    pub counter_id: Uuid,
    pub counter_number: i32,
    pub counter_name: String,
    pub ticket_id: Option<Uuid>,
    pub number: Option<String>,
    pub status: Option<String>,
}

/// Every queue counter of a location with its current ticket, by counter number.
pub async fn now_serving(db: &Db, location_id: Uuid, day: NaiveDate) -> Result<Vec<NowServing>> {
    let sql = "SELECT q.counter_id, q.number AS counter_number, k.name AS counter_name, \
        t.id AS ticket_id, t.number, t.status FROM queue_counters q \
        JOIN counters k ON k.id = q.counter_id \
        LEFT JOIN queue_tickets t ON t.counter_id = q.counter_id AND t.service_day = $2 \
          AND t.status IN ('called','serving') \
        WHERE q.location_id = $1 AND k.active = TRUE ORDER BY q.number, t.called_at DESC";
    let mut rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, NowServing>(sql)
        .bind(location_id).bind(day).fetch_all(p).await)?;
    // One line per counter: the most recent call when an officer left an earlier one open.
    rows.dedup_by_key(|r| r.counter_id);
    Ok(rows)
}

/// Waiting tickets of one service.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct WaitingCount {
    pub service_id: Uuid,
    pub service_name: String,
    pub service_name_en: String,
    pub prefix: String,
    pub waiting: i64,
}

/// How many wait per service at a location today (services with a queue counter, even when
/// nobody waits).
pub async fn waiting_counts(
    db: &Db,
    location_id: Uuid,
    day: NaiveDate,
) -> Result<Vec<WaitingCount>> {
    let sql = "SELECT s.id AS service_id, s.name AS service_name, s.name_en AS service_name_en, \
        s.ticket_prefix AS prefix, \
        (SELECT COUNT(*) FROM queue_tickets t WHERE t.location_id = $1 AND t.service_day = $2 \
          AND t.service_id = s.id AND t.status = 'waiting') AS waiting \
        FROM services s WHERE s.id IN (SELECT cs.service_id FROM queue_counter_services cs \
          JOIN queue_counters q ON q.counter_id = cs.counter_id WHERE q.location_id = $1) \
        ORDER BY s.ticket_prefix, s.name";
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, WaitingCount>(sql)
        .bind(location_id).bind(day).fetch_all(p).await)?;
    Ok(rows)
}

/// How many tickets of the same service wait before `t` (same location and day, earlier in
/// line). Priority visitors may still be called first; the figure is an estimate.
pub async fn people_ahead(db: &Db, t: &TicketRow) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM queue_tickets WHERE location_id = $1 AND service_day = $2 \
               AND service_id = $3 AND status = 'waiting' AND (queued_at < $4 \
               OR (queued_at = $4 AND id < $5))";
    let n: i64 = crate::on_db!(db.read(), p => sqlx::query_scalar(sql)
        .bind(t.location_id).bind(t.service_day).bind(t.service_id).bind(t.queued_at).bind(t.id)
        .fetch_one(p).await)?;
    Ok(n)
}

/// The tickets of a location on a day, in issue order (officer console, demo, tests).
pub async fn tickets_of_day(db: &Db, location_id: Uuid, day: NaiveDate) -> Result<Vec<TicketRow>> {
    let sql = format!(
        "SELECT {} FROM queue_tickets WHERE location_id = $1 AND service_day = $2 \
         ORDER BY issued_at, id",
        super::tickets::COLS
    );
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, TicketRow>(sqlx::AssertSqlSafe(sql))
        .bind(location_id).bind(day).fetch_all(p).await)?;
    Ok(rows)
}
