//! Complaints as stored (requirements §5): the complaint, its history, its evidence, and the
//! sanctions register. The rules (stages, deadlines, routing, privacy) are in
//! `balai_core::complaints`; this module persists their outcome, each change audited.
//!
//! Filing runs inside the group-commit [`crate::batch::Batcher`] so one durable flush serves
//! many submissions; [`file`] takes the transaction it is given and nothing else.

mod filing;
mod handling;
mod reads;
mod sanctions;

pub use filing::{Filed, NewComplaint, file};
pub use handling::{ActionInput, Decision, act, record_identity_view};
pub use reads::{
    ComplaintFilter, ConsoleItem, EventRow, EvidenceRow, by_id, by_lapor_id, by_number,
    by_tracking, console_list, events, evidence, lapsed, overdue_unescalated, public_list,
};
pub use sanctions::{NewSanction, SanctionRow, add_sanction, sanctions};

use balai_core::complaints::{ComplaintFacts, Privacy, Stage};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, Snapshot};
use crate::{Db, Result, StoreError};

/// The audit subject types of this area.
pub const SUBJECT: &str = "complaint";
pub const EVENT_SUBJECT: &str = "complaint_event";
pub const EVIDENCE_SUBJECT: &str = "complaint_evidence";
pub const SANCTION_SUBJECT: &str = "sanction";

/// One complaint as stored; also its audit snapshot. The identity fields hold what the
/// complainant gave ('' for nothing); show them only as `visibility` allows.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct ComplaintRow {
    pub id: Uuid,
    pub number: String,
    /// SHA-256 of the secret tracking code (see `balai_core::complaints::tracking`).
    pub tracking_hash: String,
    pub submission_hash: String,
    pub channel: String,
    pub category: String,
    pub privacy: String,
    pub stage: String,
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
    pub received_by: Option<Uuid>,
    pub received_by_name: String,
    pub late: bool,
    pub late_reason: String,
    pub lapor_id: Option<String>,
    pub route_kind: Option<String>,
    pub route_officer_id: Option<Uuid>,
    pub handling_organisation_id: Option<Uuid>,
    pub clock_start: NaiveDate,
    pub due_rule: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub decision: String,
    pub compensation_amount: Option<i64>,
    pub compensation_due: Option<NaiveDate>,
    pub decided_at: Option<DateTime<Utc>>,
    pub rating: Option<i32>,
    pub rating_comment: String,
    pub reopen_count: i32,
    pub version: i32,
    pub received_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn corrupt(id: Uuid) -> StoreError {
    StoreError::Corrupt(format!("complaint {id}"))
}

impl ComplaintRow {
    /// The stage as the rules know it.
    pub fn stage(&self) -> Result<Stage> {
        Stage::parse(&self.stage).map_err(|_| corrupt(self.id))
    }

    /// The privacy as the rules know it.
    pub fn privacy(&self) -> Result<Privacy> {
        Privacy::parse(&self.privacy).map_err(|_| corrupt(self.id))
    }

    /// What the visibility rule needs; `coordinator` from [`coordinator_organisation`].
    pub fn facts(&self, coordinator: Option<Uuid>) -> Result<ComplaintFacts> {
        Ok(ComplaintFacts {
            privacy: self.privacy()?,
            organisation_id: self.organisation_id,
            handling_organisation_id: self.handling_organisation_id,
            officer_id: self.officer_id,
            coordinator_organisation_id: coordinator,
        })
    }
}

macro_rules! complaint_cols {
    () => {
        "c.id, c.number, c.tracking_hash, c.submission_hash, c.channel, c.category, c.privacy, \
         c.stage, c.organisation_id, c.service_id, c.officer_id, c.service_date, c.subject, \
         c.description, c.loss, c.resolution, c.compensation_claim, c.place, c.complainant_name, \
         c.complainant_address, c.complainant_phone, c.complainant_email, c.complainant_user_id, \
         c.received_by, c.received_by_name, c.late, c.late_reason, c.lapor_id, c.route_kind, \
         c.route_officer_id, c.handling_organisation_id, c.clock_start, c.due_rule, c.due_date, \
         c.escalated_at, c.decision, c.compensation_amount, c.compensation_due, c.decided_at, \
         c.rating, c.rating_comment, c.reopen_count, c.version, c.received_at, c.updated_at"
    };
}
pub(crate) use complaint_cols;

const BY_ID: &str = concat!(
    "SELECT ",
    complaint_cols!(),
    " FROM complaints c WHERE c.id = $1"
);

async fn get_tx(tx: &mut crate::Tx, id: Uuid) -> Result<ComplaintRow> {
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, ComplaintRow>(BY_ID)
        .bind(id).fetch_optional(c).await)?;
    row.ok_or_else(|| StoreError::NotFound(format!("complaint {id}")))
}

/// Snapshots of every complaint, event, evidence link and sanction, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let all = concat!(
        "SELECT ",
        complaint_cols!(),
        " FROM complaints c ORDER BY c.id"
    );
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, ComplaintRow>(all)
        .fetch_all(p).await)?;
    let mut v = audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())?;
    v.extend(reads::event_snapshots(db).await?);
    v.extend(reads::evidence_snapshots(db).await?);
    v.extend(sanctions::snapshots(db).await?);
    Ok(v)
}

/// The region's complaint deadline rules (a rule not loaded falls back to the shipped
/// default) and the mall's calendar: what every deadline of a complaint is counted with.
pub async fn deadline_context(
    db: &Db,
) -> Result<(
    Vec<balai_core::calendar::DeadlineRule>,
    balai_core::calendar::WorkCalendar,
)> {
    let mut rules = Vec::new();
    for code in balai_core::complaints::deadlines::RULE_CODES {
        let mut reader = crate::calendar::Reader::Db(db);
        if let Some(rule) = crate::calendar::effective_rule(&mut reader, code).await? {
            rules.push(rule);
        }
    }
    let cal = crate::calendar::work_calendar(db, None).await?;
    Ok((rules, cal))
}

/// The mall organiser's organisation (the organisation of the mall administrators, DPMPTSP ex
/// officio, Mesuji Pasal 4(1)): its complaint managers coordinate every complaint.
pub async fn coordinator_organisation(db: &Db) -> Result<Option<Uuid>> {
    let sql = "SELECT organisation_id FROM users WHERE role = 'admin_mpp' \
               AND organisation_id IS NOT NULL AND disabled = FALSE ORDER BY created_at, id LIMIT 1";
    let id: Option<Option<Uuid>> =
        crate::on_db!(db.read(), p => sqlx::query_scalar(sql).fetch_optional(p).await)?;
    Ok(id.flatten())
}

/// The officer record linked to a user's account, if any (the visibility rule must know
/// whether the viewer is the reported officer).
pub async fn officer_of_user(db: &Db, user_id: Uuid) -> Result<Option<Uuid>> {
    let sql = "SELECT officer_id FROM users WHERE id = $1";
    let id: Option<Option<Uuid>> = crate::on_db!(db.read(), p => sqlx::query_scalar(sql).bind(user_id).fetch_optional(p).await)?;
    Ok(id.flatten())
}

/// The job kind that moves or escalates a complaint whose deadline passed.
pub const DEADLINE_JOB: &str = "complaints.deadline";

/// Schedules the deadline check of `row`'s current deadline, in the transaction that set it:
/// due the day after the due date (00:00 UTC is morning of that day in WIB, WITA and WIT), once
/// per version; the job carries the due date, so a complaint whose deadline changed meanwhile
/// is simply skipped by the worker (its new deadline has its own job).
pub(crate) async fn schedule_deadline(tx: &mut crate::Tx, row: &ComplaintRow) -> Result<()> {
    let Some(due) = row.due_date else {
        return Ok(());
    };
    let run_at = due
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or(row.updated_at);
    let payload = serde_json::json!({"complaint_id": row.id, "due_date": due});
    let job = crate::jobs::NewJob::new(DEADLINE_JOB, payload, row.updated_at)
        .run_at(run_at)
        .dedupe(format!("{DEADLINE_JOB}:{}:{}", row.id, row.version));
    crate::jobs::enqueue(tx, job).await?;
    Ok(())
}

/// Who hears of an overdue complaint: the account of the superior it was routed to, the
/// signing officials of the organisation examining it, and the complaint managers of the
/// mall's coordinating organisation. Never the reported officer.
pub async fn escalation_recipients(db: &Db, c: &ComplaintRow) -> Result<Vec<Uuid>> {
    let coordinator = coordinator_organisation(db).await?;
    let handling = c.handling_organisation_id.unwrap_or(c.organisation_id);
    let sql = "SELECT id FROM users WHERE disabled = FALSE AND ( \
               ($1 IS NOT NULL AND officer_id = $1) \
               OR (role = 'pejabat' AND organisation_id = $2) \
               OR (role = 'pengelola_pengaduan' AND organisation_id = $3)) \
               AND (officer_id IS NULL OR $4 IS NULL OR officer_id <> $4) ORDER BY id";
    let ids = crate::on_db!(db.read(), p => sqlx::query_scalar(sql)
        .bind(c.route_officer_id).bind(handling).bind(coordinator).bind(c.officer_id)
        .fetch_all(p).await)?;
    Ok(ids)
}
