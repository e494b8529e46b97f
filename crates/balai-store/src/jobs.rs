//! The job table (architecture §1): side effects that can wait — e-mail, SMS/WhatsApp and
//! integration webhooks, report rendering — are written here in the transaction of the change
//! that causes them, so a job exists exactly when that change committed, and run later by the
//! worker loop inside `serve` (`balai_web::jobs`).
//!
//! A worker *claims* due jobs with a lease (`locked_until`): on PostgreSQL several `serve`
//! processes share the table and `FOR UPDATE SKIP LOCKED` hands each job to one of them; SQLite
//! has a single writer, so one statement claims atomically. A job whose worker died is claimed
//! again once its lease passed. A failed job waits per [`RetryPolicy`] and becomes `dead` after
//! `max_attempts`, keeping the last error. Every time comes from the caller's clock.
//!
//! Jobs are infrastructure and not audited per attempt; what a job does is audited by its area.

use balai_core::notify::RetryPolicy;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Engine, Result, StoreError, Tx};

/// Attempts a job gets unless its kind asks for another number.
pub const DEFAULT_MAX_ATTEMPTS: i32 = 8;
/// Longest error text kept; a gateway may answer with a whole HTML page.
const ERROR_MAX: usize = 2000;

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// What to run, `area.action` (e.g. `notify.deliver`); a handler is registered per kind.
    pub kind: String,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
    /// When it is due (now, unless scheduled later).
    pub run_at: DateTime<Utc>,
    pub max_attempts: i32,
    /// A second enqueue with the same key is a no-op (the first job's id is returned).
    pub dedupe_key: Option<String>,
}

impl NewJob {
    /// A job of `kind` due at `now`, with the default number of attempts and no dedupe key.
    pub fn new(kind: &str, payload: serde_json::Value, now: DateTime<Utc>) -> Self {
        NewJob {
            kind: kind.to_string(),
            payload,
            created_at: now,
            run_at: now,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            dedupe_key: None,
        }
    }

    /// Enqueue at most once per `key`.
    pub fn dedupe(mut self, key: impl Into<String>) -> Self {
        self.dedupe_key = Some(key.into());
        self
    }

    /// Run no earlier than `at`.
    pub fn run_at(mut self, at: DateTime<Utc>) -> Self {
        self.run_at = at;
        self
    }

    /// Give up after `n` attempts (at least 1).
    pub fn max_attempts(mut self, n: i32) -> Self {
        self.max_attempts = n.max(1);
        self
    }
}

/// A stored job.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct JobRow {
    pub id: Uuid,
    pub kind: String,
    pub payload: String,
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub run_at: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
    pub dedupe_key: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl JobRow {
    /// The payload as JSON (a hand-edited row that is not JSON reads as `null`).
    pub fn payload_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.payload).unwrap_or(serde_json::Value::Null)
    }

    /// Whether the attempt now running is the last one allowed.
    pub fn is_last_attempt(&self) -> bool {
        self.attempts >= self.max_attempts
    }
}

macro_rules! job_columns {
    () => {
        "id, kind, payload, status, attempts, max_attempts, run_at, locked_until, locked_by, \
         last_error, dedupe_key, created_at, updated_at, finished_at"
    };
}

/// Writes `job` inside the caller's transaction; returns its id (the existing job's id when
/// the dedupe key was used before). The worker of this process is woken when `tx` commits.
pub async fn enqueue(tx: &mut Tx, job: NewJob) -> Result<Uuid> {
    let id = balai_core::ids::new_id();
    let payload = serde_json::to_string(&job.payload)?;
    let sql = "INSERT INTO jobs (id, kind, payload, status, attempts, max_attempts, run_at, \
        dedupe_key, created_at, updated_at) VALUES ($1, $2, $3, 'queued', 0, $4, $5, $6, $7, $7) \
        ON CONFLICT (dedupe_key) DO NOTHING";
    let inserted = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(&job.kind).bind(&payload).bind(job.max_attempts.max(1)).bind(job.run_at)
        .bind(&job.dedupe_key).bind(job.created_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if inserted == 1 {
        tx.note_job_enqueued();
        return Ok(id);
    }
    let existing = "SELECT id FROM jobs WHERE dedupe_key = $1";
    let id = crate::on_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(existing)
        .bind(&job.dedupe_key).fetch_optional(c).await)?;
    id.ok_or_else(|| StoreError::Corrupt("a job insert was refused without a twin".into()))
}

/// Claims up to `limit` jobs due at `now` for `worker`, each leased until `now + lease`:
/// waiting jobs whose time came, and running jobs whose worker's lease passed. Each claim
/// counts as an attempt. A job whose lease passed on its last attempt is marked dead instead.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<JobRow>> {
    bury_abandoned(db, now).await?;
    let due = "SELECT id FROM jobs WHERE \
        (status IN ('queued', 'failed_retrying') AND run_at <= $1) \
        OR (status = 'running' AND locked_until <= $1) ORDER BY run_at, id LIMIT $4";
    let sql = match db.engine() {
        Engine::Postgres => format!(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = $2, \
             locked_by = $3, updated_at = $1 WHERE id IN ({due} FOR UPDATE SKIP LOCKED) \
             RETURNING {}",
            job_columns!()
        ),
        Engine::Sqlite => format!(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = $2, \
             locked_by = $3, updated_at = $1 WHERE id IN ({due}) RETURNING {}",
            job_columns!()
        ),
    };
    let until = now + lease;
    let mut rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, JobRow>(sqlx::AssertSqlSafe(sql))
        .bind(now).bind(until).bind(worker).bind(limit.clamp(1, 1000))
        .fetch_all(p).await)?;
    rows.sort_by_key(|r| (r.run_at, r.id));
    Ok(rows)
}

/// Jobs whose worker vanished during their last allowed attempt: dead, with the reason.
async fn bury_abandoned(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    let sql = "UPDATE jobs SET status = 'dead', locked_until = NULL, finished_at = $1, \
        updated_at = $1, last_error = COALESCE(last_error || ' / ', '') || $2 \
        WHERE status = 'running' AND locked_until <= $1 AND attempts >= max_attempts";
    let msg = "the worker stopped during the last attempt";
    let n = crate::on_db!(db.write(), p => sqlx::query(sql).bind(now).bind(msg)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n)
}

/// Marks a job `worker` ran as done. `false` when the worker no longer held it (its lease
/// passed and another worker took it): that worker's outcome counts.
pub async fn complete(db: &Db, id: Uuid, worker: &str, now: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE jobs SET status = 'done', locked_until = NULL, finished_at = $3, \
        updated_at = $3 WHERE id = $1 AND locked_by = $2 AND status = 'running'";
    let n = crate::on_db!(db.write(), p => sqlx::query(sql).bind(id).bind(worker).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// What became of a failed job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// It runs again at this time.
    Retry(DateTime<Utc>),
    /// No attempts left (or the handler gave up): it is dead.
    Dead,
    /// The worker no longer held the job; nothing was changed.
    NotHeld,
}

/// Records that `job` failed with `error`. It waits per `policy` (jitter seeded by the job's
/// id and attempt) unless it used its last attempt or `give_up` is set; then it is dead.
pub async fn fail(
    db: &Db,
    job: &JobRow,
    worker: &str,
    now: DateTime<Utc>,
    error: &str,
    give_up: bool,
    policy: &RetryPolicy,
) -> Result<AfterFailure> {
    let error = balai_core::text::truncate_chars(error, ERROR_MAX);
    if give_up || job.is_last_attempt() {
        let sql = "UPDATE jobs SET status = 'dead', locked_until = NULL, last_error = $3, \
            finished_at = $4, updated_at = $4 WHERE id = $1 AND locked_by = $2 AND status = 'running'";
        let n = crate::on_db!(db.write(), p => sqlx::query(sql).bind(job.id).bind(worker)
            .bind(error).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
        return Ok(if n == 1 {
            AfterFailure::Dead
        } else {
            AfterFailure::NotHeld
        });
    }
    let seed = job.id.as_u64_pair().0 ^ job.id.as_u64_pair().1;
    let next = now + policy.delay(job.attempts, seed);
    let sql = "UPDATE jobs SET status = 'failed_retrying', locked_until = NULL, last_error = $3, \
        run_at = $4, updated_at = $5 WHERE id = $1 AND locked_by = $2 AND status = 'running'";
    let n = crate::on_db!(db.write(), p => sqlx::query(sql).bind(job.id).bind(worker)
        .bind(error).bind(next).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(if n == 1 {
        AfterFailure::Retry(next)
    } else {
        AfterFailure::NotHeld
    })
}

/// Deletes done jobs finished before `before` (housekeeping); dead ones stay for staff to see.
pub async fn delete_done_before(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM jobs WHERE status = 'done' AND finished_at < $1";
    let n = crate::on_db!(db.write(), p => sqlx::query(sql).bind(before)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n)
}

/// One job by id.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<JobRow>> {
    const SQL: &str = concat!("SELECT ", job_columns!(), " FROM jobs WHERE id = $1");
    let row = crate::on_db!(db.write(), p => sqlx::query_as::<_, JobRow>(SQL)
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// Jobs of `kind`, oldest first (operations and tests).
pub async fn list_kind(db: &Db, kind: &str) -> Result<Vec<JobRow>> {
    const SQL: &str = concat!(
        "SELECT ",
        job_columns!(),
        " FROM jobs WHERE kind = $1 ORDER BY created_at, id"
    );
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, JobRow>(SQL)
        .bind(kind).fetch_all(p).await)?;
    Ok(rows)
}

/// How many jobs are in each status (for `/metrics`).
pub async fn counts(db: &Db) -> Result<Vec<(String, i64)>> {
    let sql = "SELECT status, COUNT(*) FROM jobs GROUP BY status ORDER BY status";
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, (String, i64)>(sql)
        .fetch_all(p).await)?;
    Ok(rows)
}
