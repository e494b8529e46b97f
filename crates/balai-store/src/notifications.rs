//! Notifications to people: e-mail, SMS/WhatsApp through the region's gateway, and the inbox
//! on the site. [`queue`] writes the notification and its delivery job in the caller's
//! transaction (an inbox notification is delivered by being written). The delivery itself is
//! the worker's (`balai_web::jobs`), which records each outcome here.
//!
//! Audited as subject `notification`: `create`, `sent`, `attempt_failed` (tried, will try
//! again), `failed` (gave up), `resend` (staff asked for another try) and `read`.

use balai_core::notify::{self as rules, Channel, NotificationStatus};
use balai_core::{CoreError, FieldErrors};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::jobs::{self, NewJob};
use crate::{Db, Result, StoreError, Tx};

/// The audit subject type of a notification.
pub const SUBJECT: &str = "notification";
/// The job kind that delivers one e-mail or SMS notification.
pub const DELIVER_JOB: &str = "notify.deliver";
/// Attempts a delivery gets before the notification is marked failed.
pub const MAX_ATTEMPTS: i32 = 6;

/// A notification to send.
#[derive(Debug, Clone)]
pub struct NewNotification {
    /// The account it is for; required for the inbox, optional otherwise (an applicant
    /// without an account is reached at the address alone).
    pub recipient_user_id: Option<Uuid>,
    /// The organisation responsible, when known (its staff see the notification).
    pub organisation_id: Option<Uuid>,
    pub channel: Channel,
    /// E-mail address or phone number (any form [`rules::parse_address`] reads); empty for
    /// the inbox.
    pub address: String,
    pub subject: String,
    pub body: String,
    /// A path on the site (`/lacak/…`) or an absolute URL the message points to.
    pub link: Option<String>,
    /// What it is about, e.g. `application` and the application's id.
    pub about_type: String,
    pub about_id: String,
    /// The statutory deadline it must meet (e.g. 3 working days after the decision, Batang
    /// Pasal 12(2)); not sent by then, it shows as overdue.
    pub due_by: Option<DateTime<Utc>>,
}

impl NewNotification {
    /// Checks the fields; the address is returned in its stored form.
    fn check(&self) -> std::result::Result<String, FieldErrors> {
        let mut errs = FieldErrors::new();
        let address = match rules::parse_address(self.channel, &self.address) {
            Ok(a) => a,
            Err(CoreError::Invalid { message_key, .. }) => {
                errs.add("address", &message_key);
                String::new()
            }
            Err(_) => String::new(),
        };
        if self.channel == Channel::Inbox && self.recipient_user_id.is_none() {
            errs.add("recipient", "notify-err-inbox-recipient");
        }
        balai_core::text::check_len("subject", &self.subject, 1, rules::SUBJECT_MAX, &mut errs);
        balai_core::text::check_len("body", &self.body, 1, rules::BODY_MAX, &mut errs);
        balai_core::text::check_len("about_type", &self.about_type, 1, 60, &mut errs);
        balai_core::text::check_len("about_id", &self.about_id, 1, 100, &mut errs);
        if let Some(l) = &self.link {
            balai_core::text::check_len("link", l, 1, 2000, &mut errs);
        }
        if errs.is_empty() {
            Ok(address)
        } else {
            Err(errs)
        }
    }
}

/// A notification as stored (and as audited).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct NotificationRow {
    pub id: Uuid,
    pub recipient_user_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub channel: String,
    pub address: String,
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
    pub about_type: String,
    pub about_id: String,
    pub due_by: Option<DateTime<Utc>>,
    pub status: String,
    pub attempts: i32,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl NotificationRow {
    pub fn channel(&self) -> Option<Channel> {
        Channel::parse(&self.channel).ok()
    }

    pub fn status(&self) -> NotificationStatus {
        NotificationStatus::parse(&self.status).unwrap_or(NotificationStatus::Failed)
    }

    /// Not sent by its deadline (at `now`).
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        rules::is_overdue(self.status(), self.due_by, now)
    }
}

macro_rules! select_row {
    () => {
        "SELECT id, recipient_user_id, organisation_id, channel, address, subject, body, link, \
         about_type, about_id, due_by, status, attempts, sent_at, last_error, read_at, created_at \
         FROM notifications"
    };
}

async fn get_in_tx(tx: &mut Tx, id: Uuid) -> Result<NotificationRow> {
    const SQL: &str = concat!(select_row!(), " WHERE id = $1");
    crate::on_tx!(tx, c => sqlx::query_as::<_, NotificationRow>(SQL).bind(id).fetch_optional(c).await)?
        .ok_or_else(|| StoreError::NotFound(format!("notification {id}")))
}

/// The job that delivers notification `id`; `round` makes a resend a job of its own.
fn delivery_job(id: Uuid, round: i32, now: DateTime<Utc>) -> NewJob {
    NewJob::new(
        DELIVER_JOB,
        serde_json::json!({ "notification_id": id }),
        now,
    )
    .dedupe(format!("{DELIVER_JOB}:{id}:{round}"))
    .max_attempts(MAX_ATTEMPTS)
}

/// Writes the notification and, for e-mail and SMS, its delivery job, in the caller's
/// transaction, audited. An inbox notification is sent by being written. Bad fields come
/// back as [`StoreError::Invalid`] naming each field.
pub async fn queue(tx: &mut Tx, ctx: &AuditCtx, new: NewNotification) -> Result<Uuid> {
    let address = new.check().map_err(StoreError::Invalid)?;
    let id = balai_core::ids::new_id();
    let inbox = new.channel == Channel::Inbox;
    let (status, sent_at) = if inbox {
        (NotificationStatus::Sent, Some(ctx.at))
    } else {
        (NotificationStatus::Queued, None)
    };
    let sql = "INSERT INTO notifications (id, recipient_user_id, organisation_id, channel, \
        address, subject, body, link, about_type, about_id, due_by, status, attempts, sent_at, \
        last_error, read_at, created_at) \
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,0,$13,NULL,NULL,$14)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(new.recipient_user_id).bind(new.organisation_id)
        .bind(new.channel.as_str()).bind(&address).bind(new.subject.trim()).bind(new.body.trim())
        .bind(&new.link).bind(&new.about_type).bind(&new.about_id).bind(new.due_by)
        .bind(status.as_str()).bind(sent_at).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = get_in_tx(tx, id).await?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    if !inbox {
        jobs::enqueue(tx, delivery_job(id, 0, ctx.at)).await?;
    }
    Ok(id)
}

/// Reads the row back after a change made in `tx` and audits it as `action`.
async fn audited(
    tx: &mut Tx,
    ctx: &AuditCtx,
    action: &str,
    before: NotificationRow,
) -> Result<NotificationRow> {
    let after = get_in_tx(tx, before.id).await?;
    let change = Change::new(action, SUBJECT, before.id)
        .before(&before)?
        .after(&after)?;
    audit::record(tx, ctx, change).await?;
    Ok(after)
}

/// The gateway or mail server accepted it.
pub async fn mark_sent(tx: &mut Tx, ctx: &AuditCtx, id: Uuid) -> Result<NotificationRow> {
    let before = get_in_tx(tx, id).await?;
    let sql = "UPDATE notifications SET status = 'sent', sent_at = $2, attempts = attempts + 1, \
        last_error = NULL WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    audited(tx, ctx, "sent", before).await
}

/// One try failed; another follows.
pub async fn mark_attempt_failed(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    error: &str,
) -> Result<NotificationRow> {
    let before = get_in_tx(tx, id).await?;
    let sql = "UPDATE notifications SET attempts = attempts + 1, last_error = $2 WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(error)
        .execute(c).await.map(|r| r.rows_affected()))?;
    audited(tx, ctx, "attempt_failed", before).await
}

/// No more tries: failed, with the reason staff see.
pub async fn mark_failed(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    error: &str,
) -> Result<NotificationRow> {
    let before = get_in_tx(tx, id).await?;
    let sql = "UPDATE notifications SET status = 'failed', last_error = $2 WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(error)
        .execute(c).await.map(|r| r.rows_affected()))?;
    audited(tx, ctx, "failed", before).await
}

/// Staff send a failed notification again: queued once more, with a delivery job of its own.
/// Only a failed one can be sent again ([`StoreError::Conflict`] otherwise).
pub async fn resend(tx: &mut Tx, ctx: &AuditCtx, id: Uuid) -> Result<NotificationRow> {
    let before = get_in_tx(tx, id).await?;
    if before.status() != NotificationStatus::Failed {
        return Err(StoreError::Conflict(format!(
            "notification {id} is not failed"
        )));
    }
    let sql = "UPDATE notifications SET status = 'queued' WHERE id = $1 AND status = 'failed'";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let after = audited(tx, ctx, "resend", before).await?;
    jobs::enqueue(tx, delivery_job(id, after.attempts, ctx.at)).await?;
    Ok(after)
}

/// The recipient opened it; the first opening counts, later ones change nothing.
pub async fn mark_read(tx: &mut Tx, ctx: &AuditCtx, id: Uuid) -> Result<NotificationRow> {
    let before = get_in_tx(tx, id).await?;
    if before.read_at.is_some() {
        return Ok(before);
    }
    let sql = "UPDATE notifications SET read_at = $2 WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    audited(tx, ctx, "read", before).await
}

/// One notification by id.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<NotificationRow>> {
    const SQL: &str = concat!(select_row!(), " WHERE id = $1");
    let row = crate::on_db!(db.write(), p => sqlx::query_as::<_, NotificationRow>(SQL)
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// The inbox of `user`: their inbox notifications, newest first.
pub async fn inbox(db: &Db, user: Uuid, limit: i64) -> Result<Vec<NotificationRow>> {
    const SQL: &str = concat!(
        select_row!(),
        " WHERE recipient_user_id = $1 AND channel = 'inbox' \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, NotificationRow>(SQL)
        .bind(user).bind(limit.clamp(1, 500)).fetch_all(p).await)?;
    Ok(rows)
}

/// How many inbox notifications `user` has not opened.
pub async fn unread_count(db: &Db, user: Uuid) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM notifications WHERE recipient_user_id = $1 \
        AND channel = 'inbox' AND read_at IS NULL";
    let n = crate::on_db!(db.write(), p => sqlx::query_scalar::<_, i64>(sql)
        .bind(user).fetch_one(p).await)?;
    Ok(n)
}

/// Filters of the staff list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<NotificationStatus>,
    /// Only overdue ones (not sent, deadline passed at `now`).
    pub overdue_only: bool,
    /// Only this organisation's (staff bound to one organisation).
    pub organisation_id: Option<Uuid>,
    pub now: Option<DateTime<Utc>>,
    pub limit: i64,
}

/// Notifications for staff: overdue first (earliest deadline first), then newest.
pub async fn list(db: &Db, f: &Filter) -> Result<Vec<NotificationRow>> {
    const SQL: &str = concat!(
        select_row!(),
        " WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR organisation_id = $2) \
         AND ($3 = FALSE OR (status <> 'sent' AND due_by < $4)) \
         ORDER BY CASE WHEN status <> 'sent' AND due_by < $4 THEN 0 ELSE 1 END, \
         CASE WHEN status <> 'sent' AND due_by < $4 THEN due_by END, created_at DESC, id DESC \
         LIMIT $5"
    );
    let now = f.now.unwrap_or_else(Utc::now);
    let status = f.status.map(|s| s.as_str());
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, NotificationRow>(SQL)
        .bind(status).bind(f.organisation_id).bind(f.overdue_only).bind(now)
        .bind(f.limit.clamp(1, 500)).fetch_all(p).await)?;
    Ok(rows)
}

/// Notifications about one record (e.g. an application's), oldest first.
pub async fn about(db: &Db, about_type: &str, about_id: &str) -> Result<Vec<NotificationRow>> {
    const SQL: &str = concat!(
        select_row!(),
        " WHERE about_type = $1 AND about_id = $2 ORDER BY created_at, id"
    );
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, NotificationRow>(SQL)
        .bind(about_type).bind(about_id).fetch_all(p).await)?;
    Ok(rows)
}

/// Snapshots of every notification, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, NotificationRow>(select_row!())
        .fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
