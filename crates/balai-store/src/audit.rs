//! The audit trail (architecture §5): every change is written here in the same transaction as
//! the change, as a hash chain `hash = SHA-256(prev_hash ‖ canonical event)`.
//!
//! `verify` walks the chain and names the first broken link, then compares each audited
//! record's current row with the state its last audit event recorded, so a row altered,
//! removed or inserted behind the application's back is named too.

use std::collections::HashMap;

use balai_core::identity::Actor;
use chrono::{DateTime, SubsecRound, Utc};
use futures::TryStreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{Db, Engine, Result, Tx};

/// Who is acting, and when; built once per request.
#[derive(Debug, Clone)]
pub struct AuditCtx {
    pub actor: Actor,
    pub request_id: Option<String>,
    pub at: DateTime<Utc>,
}

impl AuditCtx {
    pub fn new(actor: Actor, request_id: Option<String>, at: DateTime<Utc>) -> Self {
        AuditCtx {
            actor,
            request_id,
            at: at.trunc_subsecs(6),
        }
    }
}

/// One change to record. `after` is the record's full snapshot after the change (as its
/// area's snapshot loader would read it back); `None` with action `delete` means removed;
/// `None` otherwise is an event that changes no record (a login, a view of personal data).
#[derive(Debug, Clone)]
pub struct Change {
    pub action: String,
    pub subject_type: &'static str,
    pub subject_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl Change {
    pub fn new(action: &str, subject_type: &'static str, subject_id: impl ToString) -> Self {
        Change {
            action: action.to_string(),
            subject_type,
            subject_id: subject_id.to_string(),
            before: None,
            after: None,
        }
    }

    /// Sets the snapshot after the change.
    pub fn after<T: Serialize>(mut self, v: &T) -> Result<Self> {
        self.after = Some(serde_json::to_value(v)?);
        Ok(self)
    }

    /// Sets the snapshot before the change.
    pub fn before<T: Serialize>(mut self, v: &T) -> Result<Self> {
        self.before = Some(serde_json::to_value(v)?);
        Ok(self)
    }
}

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields a hash covers, in a fixed order (serde keeps declaration order for structs).
#[derive(Serialize)]
struct Canonical<'a> {
    seq: i64,
    id: String,
    at: String,
    actor_id: Option<String>,
    actor_name: &'a str,
    actor_role: Option<&'a str>,
    organisation_id: Option<String>,
    action: &'a str,
    subject_type: &'a str,
    subject_id: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
    request_id: Option<&'a str>,
}

/// A stored audit event.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct EventRow {
    pub seq: i64,
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_name: String,
    pub actor_role: Option<String>,
    pub organisation_id: Option<Uuid>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub request_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl EventRow {
    /// The hash this event should carry given its content and `prev_hash`.
    pub fn compute_hash(&self) -> String {
        let c = Canonical {
            seq: self.seq,
            id: self.id.to_string(),
            at: self.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            actor_id: self.actor_id.map(|u| u.to_string()),
            actor_name: &self.actor_name,
            actor_role: self.actor_role.as_deref(),
            organisation_id: self.organisation_id.map(|u| u.to_string()),
            action: &self.action,
            subject_type: &self.subject_type,
            subject_id: &self.subject_id,
            before: self.before_json.as_deref(),
            after: self.after_json.as_deref(),
            request_id: self.request_id.as_deref(),
        };
        // Serialising a struct of strings and integers cannot fail.
        let body = serde_json::to_vec(&c).unwrap_or_default();
        let mut h = Sha256::new();
        h.update(self.prev_hash.as_bytes());
        h.update(&body);
        hex::encode(h.finalize())
    }
}

/// Appends `change` to the chain inside `tx`.
pub async fn record(tx: &mut Tx, ctx: &AuditCtx, change: Change) -> Result<()> {
    let head_sql = match tx.engine() {
        Engine::Postgres => "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
        Engine::Sqlite => "SELECT seq, hash FROM audit_head WHERE id = 1",
    };
    let (seq, prev_hash): (i64, String) =
        crate::on_tx!(tx, c => sqlx::query_as(head_sql).fetch_one(c).await)?;
    let mut ev = EventRow {
        seq: seq + 1,
        id: balai_core::ids::new_id(),
        at: ctx.at,
        actor_id: ctx.actor.user_id,
        actor_name: ctx.actor.name.clone(),
        actor_role: ctx.actor.role.map(|r| r.as_str().to_string()),
        organisation_id: ctx.actor.organisation_id,
        action: change.action,
        subject_type: change.subject_type.to_string(),
        subject_id: change.subject_id,
        before_json: change.before.map(|v| v.to_string()),
        after_json: change.after.map(|v| v.to_string()),
        request_id: ctx.request_id.clone(),
        prev_hash,
        hash: String::new(),
    };
    ev.hash = ev.compute_hash();
    let insert = "INSERT INTO audit_events (seq, id, at, actor_id, actor_name, actor_role, \
        organisation_id, action, subject_type, subject_id, before_json, after_json, request_id, \
        prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)";
    crate::on_tx!(tx, c => sqlx::query(insert)
        .bind(ev.seq).bind(ev.id).bind(ev.at).bind(ev.actor_id).bind(&ev.actor_name)
        .bind(&ev.actor_role).bind(ev.organisation_id).bind(&ev.action).bind(&ev.subject_type)
        .bind(&ev.subject_id).bind(&ev.before_json).bind(&ev.after_json).bind(&ev.request_id)
        .bind(&ev.prev_hash).bind(&ev.hash)
        .execute(c).await.map(|r| r.rows_affected()))?;
    crate::on_tx!(tx, c => sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(ev.seq).bind(&ev.hash).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// What `verify` found wrong, each naming the row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Problem {
    /// Event `seq`'s content no longer matches its hash (edited in place).
    EventAltered { seq: i64 },
    /// Event `seq` does not link to the previous event (one was removed or inserted).
    BrokenLink { seq: i64 },
    /// Sequence numbers jump: events between were removed.
    Gap { after_seq: i64, next_seq: i64 },
    /// The chain's recorded tip does not match its last event (trailing events removed).
    HeadMismatch { head_seq: i64, last_seq: i64 },
    /// A record differs from the state its last audit event recorded.
    RecordAltered {
        subject_type: String,
        subject_id: String,
    },
    /// A record the audit trail says exists is gone.
    RecordRemoved {
        subject_type: String,
        subject_id: String,
    },
    /// A record exists that no audit event created.
    RecordInserted {
        subject_type: String,
        subject_id: String,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::EventAltered { seq } => write!(f, "audit event #{seq} was altered"),
            Problem::BrokenLink { seq } => {
                write!(f, "audit event #{seq} does not link to the event before it")
            }
            Problem::Gap {
                after_seq,
                next_seq,
            } => write!(
                f,
                "audit events #{}..#{} are missing",
                after_seq + 1,
                next_seq - 1
            ),
            Problem::HeadMismatch { head_seq, last_seq } => write!(
                f,
                "the audit chain ends at #{last_seq} but its tip says #{head_seq}: events were removed"
            ),
            Problem::RecordAltered {
                subject_type,
                subject_id,
            } => write!(
                f,
                "{subject_type} {subject_id} was changed outside the application"
            ),
            Problem::RecordRemoved {
                subject_type,
                subject_id,
            } => write!(
                f,
                "{subject_type} {subject_id} was removed outside the application"
            ),
            Problem::RecordInserted {
                subject_type,
                subject_id,
            } => write!(
                f,
                "{subject_type} {subject_id} was inserted outside the application"
            ),
        }
    }
}

/// The outcome of `verify`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub events: i64,
    pub records: usize,
    pub problems: Vec<Problem>,
}

/// A record's current state as its area's snapshot loader reads it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub subject_type: &'static str,
    pub subject_id: String,
    pub state: serde_json::Value,
}

/// Snapshots of `rows`, each serialised exactly as its area audits it.
pub fn snapshots_of<T: Serialize>(
    subject_type: &'static str,
    rows: Vec<T>,
    id: impl Fn(&T) -> String,
) -> Result<Vec<Snapshot>> {
    rows.into_iter()
        .map(|r| {
            Ok(Snapshot {
                subject_type,
                subject_id: id(&r),
                state: serde_json::to_value(&r)?,
            })
        })
        .collect()
}

/// Walks the chain, then compares `snapshots` (every audited record) with the chain's view.
pub async fn verify(db: &Db, snapshots: Vec<Snapshot>) -> Result<Report> {
    let mut problems = Vec::new();
    // subject → its expected state: Some(json text) = exists with this state, None = deleted.
    let mut expected: HashMap<(String, String), Option<String>> = HashMap::new();
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut last_seq = 0i64;
    let sql = "SELECT seq, id, at, actor_id, actor_name, actor_role, organisation_id, action, \
        subject_type, subject_id, before_json, after_json, request_id, prev_hash, hash \
        FROM audit_events ORDER BY seq";
    crate::on_db!(db.write(), p => {
        let mut rows = sqlx::query_as::<_, EventRow>(sql).fetch(p);
        while let Some(ev) = rows.try_next().await? {
            if ev.seq != last_seq + 1 {
                problems.push(Problem::Gap { after_seq: last_seq, next_seq: ev.seq });
            }
            if ev.compute_hash() != ev.hash {
                problems.push(Problem::EventAltered { seq: ev.seq });
            } else if ev.prev_hash != prev_hash {
                problems.push(Problem::BrokenLink { seq: ev.seq });
            }
            let key = (ev.subject_type.clone(), ev.subject_id.clone());
            if let Some(after) = ev.after_json {
                expected.insert(key, Some(after));
            } else if ev.action == "delete" {
                expected.insert(key, None);
            }
            prev_hash = ev.hash;
            last_seq = ev.seq;
        }
        Ok::<(), crate::StoreError>(())
    })?;
    let (head_seq, head_hash): (i64, String) = crate::on_db!(db.write(), p =>
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(p).await)?;
    if head_seq != last_seq || head_hash != prev_hash {
        problems.push(Problem::HeadMismatch { head_seq, last_seq });
    }
    let records = snapshots.len();
    compare_records(expected, snapshots, &mut problems);
    Ok(Report {
        events: last_seq,
        records,
        problems,
    })
}

fn compare_records(
    mut expected: HashMap<(String, String), Option<String>>,
    snapshots: Vec<Snapshot>,
    problems: &mut Vec<Problem>,
) {
    let audited: std::collections::HashSet<&'static str> =
        snapshots.iter().map(|s| s.subject_type).collect();
    for s in snapshots {
        let key = (s.subject_type.to_string(), s.subject_id.clone());
        let current = s.state.to_string();
        match expected.remove(&key) {
            Some(Some(state)) if state == current => {}
            Some(Some(_)) => problems.push(Problem::RecordAltered {
                subject_type: key.0,
                subject_id: key.1,
            }),
            _ => problems.push(Problem::RecordInserted {
                subject_type: key.0,
                subject_id: key.1,
            }),
        }
    }
    let mut removed: Vec<_> = expected
        .into_iter()
        .filter(|((t, _), st)| st.is_some() && audited.contains(t.as_str()))
        .map(|((t, id), _)| Problem::RecordRemoved {
            subject_type: t,
            subject_id: id,
        })
        .collect();
    removed.sort_by_key(|p| p.to_string());
    problems.extend(removed);
}

/// Filters for browsing the trail (auditor's console).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub actor: Option<String>,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub before_seq: Option<i64>,
    pub limit: i64,
}

/// Events matching `f`, newest first (keyset-paged by `before_seq`).
pub async fn list(db: &Db, f: &Filter) -> Result<Vec<EventRow>> {
    let sql = "SELECT seq, id, at, actor_id, actor_name, actor_role, organisation_id, action, \
        subject_type, subject_id, before_json, after_json, request_id, prev_hash, hash \
        FROM audit_events WHERE \
        ($1 IS NULL OR actor_name LIKE $1) AND ($2 IS NULL OR subject_type = $2) \
        AND ($3 IS NULL OR subject_id = $3) AND ($4 IS NULL OR action = $4) \
        AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6) AND ($7 IS NULL OR seq < $7) \
        ORDER BY seq DESC LIMIT $8";
    let actor = f.actor.as_ref().map(|a| format!("%{a}%"));
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, EventRow>(sql)
        .bind(actor).bind(&f.subject_type).bind(&f.subject_id).bind(&f.action)
        .bind(f.from).bind(f.until).bind(f.before_seq).bind(f.limit.clamp(1, 500))
        .fetch_all(p).await)?;
    Ok(rows)
}
