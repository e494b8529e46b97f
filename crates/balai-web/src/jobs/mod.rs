//! The worker: runs the jobs of `balai_store::jobs` with the application's clients and state.
//!
//! Each job kind has a [`JobHandler`]; [`HANDLERS`] lists them, so adding a kind is one line
//! there. [`run_due`] claims what is due at `state.clock.now()` and runs it; `serve` calls it
//! in [`worker_loop`] every second, and at once when this process enqueued a job. Tests call
//! it directly (`TestApp::run_jobs`), so no test sleeps.

mod complaints;
mod notify;
mod smtp;
mod webhooks;

pub use complaints::ComplaintDeadline;
pub use notify::DeliverNotification;
pub use smtp::{SmtpSecurity, SmtpSettings};
pub use webhooks::DeliverWebhook;

use std::panic::AssertUnwindSafe;

use balai_core::notify::RetryPolicy;
use balai_store::StoreError;
use balai_store::jobs::{self, AfterFailure, JobRow};
use chrono::Duration;
use futures::FutureExt;
use tokio::sync::watch;

use crate::state::AppState;

/// Why a job did not succeed, and whether to try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobError {
    /// A passing problem (a server down, a timeout): try again later.
    Retry(String),
    /// Trying again cannot help (the record is gone, the input is bad): the job is dead.
    GiveUp(String),
}

impl From<StoreError> for JobError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(m) => JobError::GiveUp(format!("not found: {m}")),
            other => JobError::Retry(other.to_string()),
        }
    }
}

/// What runs one kind of job.
#[async_trait::async_trait]
pub trait JobHandler: Send + Sync {
    /// The kind it runs (`area.action`), as enqueued.
    fn kind(&self) -> &'static str;

    /// Runs the job once. Record what it did (audited) before returning.
    async fn run(&self, state: &AppState, payload: &serde_json::Value) -> Result<(), JobError>;

    /// Called once when the job is dead (attempts used up, or given up) with the last error,
    /// so the area can record the failure where people see it.
    async fn on_dead(
        &self,
        _state: &AppState,
        _payload: &serde_json::Value,
        _error: &str,
    ) -> Result<(), JobError> {
        Ok(())
    }
}

/// Every job kind this build runs. Register a new kind by adding its handler here.
pub static HANDLERS: &[&dyn JobHandler] =
    &[&DeliverNotification, &DeliverWebhook, &ComplaintDeadline];

fn handler(kind: &str) -> Option<&'static dyn JobHandler> {
    HANDLERS.iter().copied().find(|h| h.kind() == kind)
}

/// How long a claimed job is a worker's alone; after that another worker may take it.
pub const LEASE: Duration = Duration::minutes(5);
/// Jobs claimed and run together.
const BATCH: i64 = 16;
/// Most jobs one call of [`run_due`] runs, so a flood never starves the rest of the loop.
const MAX_PER_CALL: usize = 1000;
/// How often the worker loop looks for due jobs when nothing woke it.
pub const POLL: std::time::Duration = std::time::Duration::from_secs(1);

/// Claims and runs every job due at `state.clock.now()`; returns how many ran.
pub async fn run_due(state: &AppState) -> Result<usize, StoreError> {
    run_until(state, &|| false).await
}

/// Like [`run_due`], claiming no more once `stop` says so.
async fn run_until(
    state: &AppState,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<usize, StoreError> {
    let worker = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
    let mut total = 0;
    while !stop() && total < MAX_PER_CALL {
        let now = state.clock.now();
        let claimed = jobs::claim(&state.db, &worker, now, LEASE, BATCH).await?;
        if claimed.is_empty() {
            break;
        }
        total += claimed.len();
        futures::future::join_all(claimed.iter().map(|j| run_one(state, &worker, j))).await;
    }
    Ok(total)
}

/// Runs one claimed job and records the outcome; a panicking handler counts as a failure.
async fn run_one(state: &AppState, worker: &str, job: &JobRow) {
    let payload = job.payload_json();
    let outcome = match handler(&job.kind) {
        None => Err(JobError::GiveUp(format!(
            "no handler for job kind {}",
            job.kind
        ))),
        Some(h) => AssertUnwindSafe(h.run(state, &payload))
            .catch_unwind()
            .await
            .unwrap_or_else(|_| Err(JobError::Retry("the job panicked".into()))),
    };
    let now = state.clock.now();
    let recorded = match outcome {
        Ok(()) => jobs::complete(&state.db, job.id, worker, now)
            .await
            .map(|_| ()),
        Err(e) => {
            let (msg, give_up) = match &e {
                JobError::Retry(m) => (m.as_str(), false),
                JobError::GiveUp(m) => (m.as_str(), true),
            };
            tracing::warn!(job = %job.id, kind = %job.kind, attempt = job.attempts, error = %msg, "job failed");
            let policy = RetryPolicy::default();
            match jobs::fail(&state.db, job, worker, now, msg, give_up, &policy).await {
                Ok(AfterFailure::Dead) => {
                    bury(state, job, &payload, msg).await;
                    Ok(())
                }
                Ok(_) => Ok(()),
                Err(e) => Err(e),
            }
        }
    };
    if let Err(e) = recorded {
        tracing::error!(job = %job.id, error = %e, "could not record a job's outcome");
    }
}

/// Tells the job's handler it is dead.
async fn bury(state: &AppState, job: &JobRow, payload: &serde_json::Value, error: &str) {
    tracing::error!(job = %job.id, kind = %job.kind, error = %error, "job is dead");
    if let Some(h) = handler(&job.kind)
        && let Err(e) = h.on_dead(state, payload, error).await
    {
        tracing::error!(job = %job.id, error = ?e, "could not record a dead job's failure");
    }
}

/// The worker loop of `serve`: runs due jobs, then waits for a poll tick or a wake-up. When
/// `stop` turns true it claims nothing more and returns once the jobs it holds finished.
pub async fn worker_loop(state: AppState, mut stop: watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            break;
        }
        let flag = stop.clone();
        let stopping = move || *flag.borrow();
        if let Err(e) = run_until(&state, &stopping).await {
            tracing::warn!(error = %e, "the job worker could not claim jobs");
        }
        tokio::select! {
            _ = state.jobs_wake.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
            changed = stop.changed() => {
                if changed.is_err() {
                    break;
                }
            }
        }
    }
    tracing::info!("the job worker stopped");
}
