//! Group commit for high-rate submissions (applications, complaints, queue tickets).
//!
//! An acknowledged submission must survive a power cut, so SQLite runs with
//! `synchronous=FULL` and every commit waits for the disk (about 2–3 ms here). One transaction
//! per submission therefore caps a region at a few hundred submissions per second. The
//! [`Batcher`] runs submissions one after another inside a shared transaction and commits them
//! together: under load many wait for one flush; when idle a batch is a single submission, so
//! nobody waits for company.
//!
//! Each submission runs inside its own savepoint. One that fails is rolled back alone (its
//! counter bump and audit event with it, so numbering stays gap-free) and its caller gets the
//! error at once; the others commit. When the commit itself fails, every caller of that batch
//! is told, and nothing of the batch is stored.

use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::FutureExt;
use futures::future::BoxFuture;
use tokio::sync::{Notify, mpsc, oneshot};

use crate::db::TxInner;
use crate::{Pool, Result, StoreError, Tx};

/// Most submissions committed together; bounds how long the first of a batch waits.
const MAX_BATCH: usize = 256;
/// Submissions waiting beyond this make callers wait to enqueue (back-pressure).
const QUEUE_DEPTH: usize = 4096;

type Output = Box<dyn Any + Send>;
type Work = Box<dyn for<'a> FnOnce(&'a mut Tx) -> BoxFuture<'a, Result<Output>> + Send>;

struct Job {
    work: Work,
    reply: oneshot::Sender<Result<Output>>,
}

/// Runs submissions in shared transactions on the write pool (see the module docs).
#[derive(Clone)]
pub struct Batcher {
    queue: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Batcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batcher").finish_non_exhaustive()
    }
}

impl Batcher {
    /// Starts the commit loop on the current tokio runtime. The loop ends when every clone of
    /// the returned handle is dropped.
    pub fn start(write: Pool) -> Batcher {
        Self::start_with_signal(write, None)
    }

    /// Like [`Batcher::start`]; a batch that enqueued a job notifies `jobs_signal` on commit.
    pub(crate) fn start_with_signal(write: Pool, jobs_signal: Option<Arc<Notify>>) -> Batcher {
        let (queue, rx) = mpsc::channel(QUEUE_DEPTH);
        tokio::spawn(commit_loop(write, rx, jobs_signal));
        Batcher { queue }
    }

    /// Runs `work` inside the next batch's transaction and returns its result once the batch
    /// is durably committed. `work` must do all its reads and writes through the given
    /// transaction and must not wait for anything else (other submissions wait behind it).
    pub async fn run<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(&'a mut Tx) -> BoxFuture<'a, Result<T>> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let work: Work = Box::new(move |tx| {
            async move { work(tx).await.map(|v| Box::new(v) as Output) }.boxed()
        });
        self.queue
            .send(Job { work, reply })
            .await
            .map_err(|_| StoreError::Unavailable("the commit loop has stopped".into()))?;
        let out = answer
            .await
            .map_err(|_| StoreError::Unavailable("the commit loop has stopped".into()))??;
        out.downcast::<T>()
            .map(|b| *b)
            .map_err(|_| StoreError::Corrupt("a batched submission returned another type".into()))
    }
}

async fn commit_loop(write: Pool, mut rx: mpsc::Receiver<Job>, signal: Option<Arc<Notify>>) {
    while let Some(first) = rx.recv().await {
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(j) => jobs.push(j),
                Err(_) => break,
            }
        }
        run_batch(&write, jobs, signal.clone()).await;
    }
}

/// Runs one batch; every job's caller hears exactly once.
async fn run_batch(write: &Pool, jobs: Vec<Job>, signal: Option<Arc<Notify>>) {
    let mut tx = match begin(write, signal).await {
        Ok(tx) => tx,
        Err(e) => {
            let msg = e.to_string();
            for j in jobs {
                let _ = j.reply.send(Err(StoreError::Unavailable(msg.clone())));
            }
            return;
        }
    };
    let mut done = Vec::with_capacity(jobs.len());
    for job in jobs {
        match run_one(&mut tx, job.work).await {
            Ok(v) => done.push((job.reply, v)),
            Err(e) => {
                let _ = job.reply.send(Err(e));
            }
        }
    }
    match tx.commit().await {
        Ok(()) => {
            for (reply, v) in done {
                let _ = reply.send(Ok(v));
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "a batch of submissions could not be committed");
            let msg = e.to_string();
            for (reply, _) in done {
                let _ = reply.send(Err(StoreError::Unavailable(msg.clone())));
            }
        }
    }
}

/// Runs one submission inside a savepoint; on error or panic only its own writes are undone.
async fn run_one(tx: &mut Tx, work: Work) -> Result<Output> {
    exec(tx, "SAVEPOINT balai_job").await?;
    let outcome = AssertUnwindSafe(work(tx)).catch_unwind().await;
    let result = match outcome {
        Ok(r) => r,
        Err(_) => Err(StoreError::Corrupt(
            "a submission panicked; it was undone".into(),
        )),
    };
    match result {
        Ok(v) => {
            exec(tx, "RELEASE SAVEPOINT balai_job").await?;
            Ok(v)
        }
        Err(e) => {
            exec(tx, "ROLLBACK TO SAVEPOINT balai_job").await?;
            exec(tx, "RELEASE SAVEPOINT balai_job").await?;
            Err(e)
        }
    }
}

async fn exec(tx: &mut Tx, sql: &'static str) -> Result<()> {
    crate::on_tx!(tx, c => sqlx::query(sql).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

async fn begin(write: &Pool, signal: Option<Arc<Notify>>) -> Result<Tx> {
    let inner = match write {
        Pool::Sqlite(p) => TxInner::Sqlite(p.begin().await?),
        Pool::Postgres(p) => TxInner::Postgres(p.begin().await?),
    };
    Ok(Tx::from_inner(inner, signal))
}

/// A lazily started [`Batcher`] shared by every clone of a [`crate::Db`]: started on first use
/// so commands that never submit (migrate, backup) spawn nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct LazyBatcher(Arc<std::sync::OnceLock<Batcher>>);

impl LazyBatcher {
    pub(crate) fn get(&self, write: &Pool, jobs_signal: &Arc<Notify>) -> Batcher {
        self.0
            .get_or_init(|| Batcher::start_with_signal(write.clone(), Some(jobs_signal.clone())))
            .clone()
    }
}
