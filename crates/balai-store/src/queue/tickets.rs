//! Tickets: issued with a number unique per location, prefix and day; called by counters so
//! that two officers never get the same ticket; moved through their states by officer actions.

use balai_core::queue::{
    Candidate, Lane, PriorityReason, QueuePolicy, TicketAction, TicketChannel, TicketNumber,
    TicketPrefix, TicketStatus, choose_next, series_key,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::locations::{CounterView, LocationRow, QueueCounter};
use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

pub const SUBJECT: &str = "queue_ticket";

/// One ticket as stored; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct TicketRow {
    pub id: Uuid,
    pub location_id: Uuid,
    pub service_id: Uuid,
    pub service_day: NaiveDate,
    pub prefix: String,
    pub seq: i32,
    pub number: String,
    pub channel: String,
    pub priority: Option<String>,
    pub appointment_id: Option<Uuid>,
    pub status: String,
    pub counter_id: Option<Uuid>,
    pub target_counter_id: Option<Uuid>,
    pub officer_user_id: Option<Uuid>,
    pub issued_at: DateTime<Utc>,
    pub queued_at: DateTime<Utc>,
    pub called_at: Option<DateTime<Utc>>,
    pub call_count: i32,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub outcome: String,
    pub version: i32,
}

impl TicketRow {
    /// The stored status; an unknown one is a corrupt row.
    pub fn status(&self) -> Result<TicketStatus> {
        TicketStatus::parse(&self.status)
            .map_err(|_| StoreError::Corrupt(format!("ticket status {}", self.status)))
    }
}

pub(crate) const COLS: &str = "id, location_id, service_id, service_day, prefix, seq, number, \
    channel, priority, appointment_id, status, counter_id, target_counter_id, officer_user_id, \
    issued_at, queued_at, called_at, call_count, started_at, finished_at, outcome, version";

pub async fn get(db: &Db, id: Uuid) -> Result<Option<TicketRow>> {
    let sql = format!("SELECT {COLS} FROM queue_tickets WHERE id = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, TicketRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

pub(crate) async fn get_tx(tx: &mut Tx, id: Uuid) -> Result<TicketRow> {
    let sql = format!("SELECT {COLS} FROM queue_tickets WHERE id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, TicketRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(c).await)?;
    row.ok_or_else(|| StoreError::NotFound(format!("ticket {id}")))
}

/// A ticket to issue; the caller has checked the location's rules (`queue::check_issue`).
#[derive(Debug, Clone)]
pub struct NewTicket {
    pub service_id: Uuid,
    pub prefix: TicketPrefix,
    /// The location's date today.
    pub day: NaiveDate,
    pub channel: TicketChannel,
    pub priority: Option<PriorityReason>,
    pub appointment_id: Option<Uuid>,
    /// The place in line: now, or an appointment's slot start when it began later.
    pub queued_at: DateTime<Utc>,
}

/// Issues a ticket with the next number of its series, audited. The number comes from the
/// gap-free counter bumped in this transaction, so concurrent kiosks never share one.
pub async fn issue(
    tx: &mut Tx,
    ctx: &AuditCtx,
    location: &LocationRow,
    t: &NewTicket,
) -> Result<TicketRow> {
    let series = series_key(&location.code, &t.prefix, t.day);
    let seq = crate::sequence::next(tx, &series).await?;
    let seq32 = u32::try_from(seq).map_err(|_| StoreError::Corrupt(series.clone()))?;
    let number = TicketNumber::new(t.prefix.clone(), seq32).to_string();
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO queue_tickets (id, location_id, service_id, service_day, prefix, seq, \
        number, channel, priority, appointment_id, status, issued_at, queued_at, call_count, \
        outcome, version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'waiting',$11,$12,0,'',1)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(location.id).bind(t.service_id).bind(t.day).bind(t.prefix.as_str())
        .bind(i32::try_from(seq32).unwrap_or(i32::MAX)).bind(&number).bind(t.channel.as_str())
        .bind(t.priority.map(PriorityReason::as_str)).bind(t.appointment_id)
        .bind(ctx.at).bind(t.queued_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = get_tx(tx, id).await?;
    audit::record(tx, ctx, Change::new("issue", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// How many times `call_next` looks again when another counter took its choice first.
const CALL_ATTEMPTS: usize = 8;
/// How many of a counter's recent calls the priority policy looks at.
const RECENT_CALLS: i64 = 20;

/// Calls the next ticket for `counter` per `policy`, audited, with the call logged for the
/// display. `None` when nobody is waiting. Safe under concurrency on both engines: the ticket
/// is taken with `UPDATE … WHERE status = 'waiting'`, so of two counters choosing the same
/// ticket one gets it and the other chooses again.
pub async fn call_next(
    tx: &mut Tx,
    ctx: &AuditCtx,
    counter: &QueueCounter,
    policy: &QueuePolicy,
    day: NaiveDate,
) -> Result<Option<TicketRow>> {
    for _ in 0..CALL_ATTEMPTS {
        let candidates = candidates(tx, counter, policy, day, ctx.at).await?;
        let recent = recent_lanes(tx, counter.counter_id).await?;
        let Some(id) = choose_next(policy, &recent, &candidates) else {
            return Ok(None);
        };
        let lane = candidates
            .iter()
            .find(|c| c.id == id)
            .map_or(Lane::Regular, |c| c.lane);
        let old = get_tx(tx, id).await?;
        let sql = "UPDATE queue_tickets SET status = 'called', counter_id = $2, \
            officer_user_id = $3, called_at = $4, call_count = call_count + 1, \
            target_counter_id = NULL, version = version + 1 WHERE id = $1 AND status = 'waiting'";
        let done = crate::on_tx!(tx, c => sqlx::query(sql)
            .bind(id).bind(counter.counter_id).bind(ctx.actor.user_id).bind(ctx.at)
            .execute(c).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            continue;
        }
        let row = get_tx(tx, id).await?;
        log_call(tx, ctx, &row, counter, lane == Lane::Priority, false).await?;
        let change = Change::new("call", SUBJECT, id).before(&old)?.after(&row)?;
        audit::record(tx, ctx, change).await?;
        return Ok(Some(row));
    }
    Err(StoreError::Conflict(
        "every waiting ticket was taken meanwhile".into(),
    ))
}

/// The oldest waiting ticket of each lane the counter may call.
async fn candidates(
    tx: &mut Tx,
    counter: &QueueCounter,
    policy: &QueuePolicy,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<Candidate>> {
    // Targeted: transferred to this counter. Priority: a priority reason, or a checked-in
    // appointment when the policy says so. Regular: the rest. Tickets transferred to another
    // counter are that counter's alone. An appointment checked in early waits for its slot.
    let lanes = [
        (Lane::Targeted, "t.target_counter_id = $2"),
        (
            Lane::Priority,
            "t.target_counter_id IS NULL AND (t.priority IS NOT NULL OR ($4 = TRUE AND t.appointment_id IS NOT NULL)) AND t.service_id IN (SELECT service_id FROM queue_counter_services WHERE counter_id = $2)",
        ),
        (
            Lane::Regular,
            "t.target_counter_id IS NULL AND t.priority IS NULL AND ($4 = FALSE OR t.appointment_id IS NULL) AND t.service_id IN (SELECT service_id FROM queue_counter_services WHERE counter_id = $2)",
        ),
    ];
    let mut out = Vec::new();
    for (lane, cond) in lanes {
        let sql = format!(
            "SELECT t.id, t.queued_at FROM queue_tickets t WHERE t.location_id = $1 \
             AND t.service_day = $3 AND t.status = 'waiting' AND t.queued_at <= $5 AND {cond} \
             ORDER BY t.queued_at, t.id LIMIT 1"
        );
        let row: Option<(Uuid, DateTime<Utc>)> = crate::on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(counter.location_id).bind(counter.counter_id).bind(day)
            .bind(policy.appointments_first).bind(now).fetch_optional(c).await)?;
        if let Some((id, since)) = row {
            out.push(Candidate { id, lane, since });
        }
    }
    Ok(out)
}

/// Whether each of the counter's recent first calls went to the priority lane, oldest first.
async fn recent_lanes(tx: &mut Tx, counter_id: Uuid) -> Result<Vec<bool>> {
    let sql = "SELECT priority_lane FROM queue_calls WHERE counter_id = $1 AND recall = FALSE \
               ORDER BY called_at DESC, id DESC LIMIT $2";
    let mut lanes: Vec<bool> = crate::on_tx!(tx, c => sqlx::query_scalar(sql)
        .bind(counter_id).bind(RECENT_CALLS).fetch_all(c).await)?;
    lanes.reverse();
    Ok(lanes)
}

async fn log_call(
    tx: &mut Tx,
    ctx: &AuditCtx,
    ticket: &TicketRow,
    counter: &QueueCounter,
    priority_lane: bool,
    recall: bool,
) -> Result<()> {
    let sql = "INSERT INTO queue_calls (id, ticket_id, location_id, counter_id, counter_number, \
               number, priority_lane, recall, called_by, called_at) \
               VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(balai_core::ids::new_id()).bind(ticket.id).bind(ticket.location_id)
        .bind(counter.counter_id).bind(counter.number).bind(&ticket.number)
        .bind(priority_lane).bind(recall).bind(ctx.actor.user_id).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Where an officer action sends a ticket (for transfers).
#[derive(Debug, Clone, Default)]
pub struct ActionInput {
    pub outcome: String,
    /// Transfer: the service it now waits for.
    pub to_service: Option<Uuid>,
    /// Transfer: the counter that alone may call it.
    pub to_counter: Option<Uuid>,
}

/// Applies an officer action to a ticket at `counter`, audited. Refused with
/// `Invalid(queue-err-action)` when the ticket's state does not allow it, and with
/// `Invalid(queue-err-not-your-ticket)` when the ticket is at another counter.
pub async fn act(
    tx: &mut Tx,
    ctx: &AuditCtx,
    counter: &QueueCounter,
    ticket_id: Uuid,
    action: TicketAction,
    input: &ActionInput,
) -> Result<TicketRow> {
    let old = get_tx(tx, ticket_id).await?;
    let from = old.status()?;
    let refuse = |key: &str| {
        let mut e = balai_core::FieldErrors::new();
        e.add("action", key);
        StoreError::Invalid(e)
    };
    let to = from
        .after(action)
        .ok_or_else(|| refuse("queue-err-action"))?;
    if old.location_id != counter.location_id
        || (from != TicketStatus::Waiting
            && old.counter_id.is_some_and(|c| c != counter.counter_id))
    {
        return Err(refuse("queue-err-not-your-ticket"));
    }
    let sql = "UPDATE queue_tickets SET status = $3, \
        started_at = CASE WHEN $4 THEN $5 ELSE started_at END, \
        finished_at = CASE WHEN $6 THEN $5 ELSE finished_at END, \
        outcome = CASE WHEN $7 <> '' THEN $7 ELSE outcome END, \
        called_at = CASE WHEN $8 THEN $5 ELSE called_at END, \
        call_count = call_count + CASE WHEN $8 THEN 1 ELSE 0 END, \
        service_id = COALESCE($9, service_id), \
        target_counter_id = CASE WHEN $11 THEN $10 ELSE target_counter_id END, \
        counter_id = CASE WHEN $12 THEN NULL ELSE counter_id END, \
        version = version + 1 WHERE id = $1 AND status = $2";
    let recall = action == TicketAction::Recall;
    let transfer = action == TicketAction::Transfer;
    // Back from hold, a visitor returns to the counter that held them.
    let target = match action {
        TicketAction::Resume => Some(counter.counter_id),
        _ => input.to_counter,
    };
    let done = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(ticket_id).bind(from.as_str()).bind(to.as_str())
        .bind(action == TicketAction::Start).bind(ctx.at)
        .bind(to.is_final()).bind(input.outcome.trim()).bind(recall)
        .bind(if transfer { input.to_service } else { None })
        .bind(target).bind(transfer || action == TicketAction::Resume)
        .bind(to == TicketStatus::Waiting)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(refuse("queue-err-action"));
    }
    let row = get_tx(tx, ticket_id).await?;
    if recall {
        log_call(tx, ctx, &row, counter, false, true).await?;
    }
    let change = Change::new(action.as_str(), SUBJECT, ticket_id)
        .before(&old)?
        .after(&row)?;
    audit::record(tx, ctx, change).await?;
    Ok(row)
}

/// The ticket a counter is calling or serving now, if any.
pub async fn current_at(
    db: &Db,
    counter: &CounterView,
    day: NaiveDate,
) -> Result<Option<TicketRow>> {
    let sql = format!(
        "SELECT {COLS} FROM queue_tickets WHERE counter_id = $1 AND service_day = $2 \
         AND status IN ('called','serving') ORDER BY called_at DESC LIMIT 1"
    );
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, TicketRow>(sqlx::AssertSqlSafe(sql))
        .bind(counter.counter_id).bind(day).fetch_optional(p).await)?;
    Ok(row)
}

/// Snapshots of every ticket.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = format!("SELECT {COLS} FROM queue_tickets ORDER BY id");
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, TicketRow>(sqlx::AssertSqlSafe(sql))
        .fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
