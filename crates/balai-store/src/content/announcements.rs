//! Announcements: general notices and facility repairs (Seluma Pasal 28).

use balai_core::FieldErrors;
use balai_core::calendar::{DayKind, DeadlineRule, WorkCalendar};
use balai_core::text::check_len;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change};
use crate::calendar::{Reader, edit_token, effective_rule, work_calendar_tx};
use crate::{Db, Engine, Result, StoreError, Tx};

/// The deadline rule that says how long before a repair starts it must be announced.
pub const REPAIR_RULE: &str = "facility_repair_announcement";

/// What an announcement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AnnouncementKind {
    /// A general notice.
    #[serde(rename = "umum")]
    Umum,
    /// A repair of facilities, with the duties of Seluma Pasal 28(3).
    #[serde(rename = "perbaikan_sarana")]
    PerbaikanSarana,
}

impl AnnouncementKind {
    pub const ALL: &'static [AnnouncementKind] =
        &[AnnouncementKind::Umum, AnnouncementKind::PerbaikanSarana];

    /// The code stored in the database and sent in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AnnouncementKind::Umum => "umum",
            AnnouncementKind::PerbaikanSarana => "perbaikan_sarana",
        }
    }

    /// Parses a code (trimmed); `None` for anything else.
    pub fn parse(s: &str) -> Option<AnnouncementKind> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s.trim())
    }
}

/// An announcement as stored (and as audited).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct Announcement {
    pub id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub activity: String,
    pub person_in_charge: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub complaint_channels: String,
    pub published_on: NaiveDate,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Announcement {
    pub fn is_repair(&self) -> bool {
        self.kind == AnnouncementKind::PerbaikanSarana.as_str()
    }

    /// The fingerprint an edit form carries (see [`crate::calendar::edit_token`]).
    pub fn edit_token(&self) -> String {
        edit_token(self)
    }
}

/// What a writer supplies; text is stored as given (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnouncementDraft {
    pub organisation_id: Option<Uuid>,
    pub kind: AnnouncementKind,
    pub title: String,
    pub body: String,
    pub activity: String,
    pub person_in_charge: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub complaint_channels: String,
}

/// Why a repair announcement came too late: the work may start on `earliest_start` at the
/// earliest, `days` days of `kind` after publication, under `citation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepairNotice {
    pub earliest_start: NaiveDate,
    pub days: u32,
    pub kind: DayKind,
    pub citation: String,
}

/// The field errors of a refused announcement; `repair_notice` explains a too-early start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refusal {
    pub errors: FieldErrors,
    pub repair_notice: Option<RepairNotice>,
}

/// The error of announcement writes: refused input, or the store's own errors.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("the announcement was refused: {}", .0.errors)]
    Invalid(Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ContentError {
    fn from(e: sqlx::Error) -> Self {
        ContentError::Store(e.into())
    }
}

/// Checks a draft published on `published_on` against `rule` (the repair notice period)
/// counted on `cal`. Every problem is reported at once.
pub fn check_announcement(
    d: &AnnouncementDraft,
    published_on: NaiveDate,
    rule: &DeadlineRule,
    cal: &WorkCalendar,
) -> std::result::Result<(), Refusal> {
    let repair = d.kind == AnnouncementKind::PerbaikanSarana;
    let required = usize::from(repair);
    let mut errs = FieldErrors::new();
    check_len("title", &d.title, 3, 200, &mut errs);
    check_len("body", &d.body, 1, 10_000, &mut errs);
    check_len("activity", &d.activity, required, 300, &mut errs);
    check_len(
        "person_in_charge",
        &d.person_in_charge,
        required,
        300,
        &mut errs,
    );
    check_len(
        "complaint_channels",
        &d.complaint_channels,
        required,
        1000,
        &mut errs,
    );
    if repair && d.period_start.is_none() {
        errs.add("period_start", "err-required");
    }
    // Pasal 28(1): the time by which the work is finished is part of the announcement.
    if repair && d.period_end.is_none() {
        errs.add("period_end", "err-required");
    }
    if let (Some(start), Some(end)) = (d.period_start, d.period_end)
        && end < start
    {
        errs.add("period_end", "err-date-order");
    }
    let mut notice = None;
    if let (true, Some(start)) = (repair, d.period_start) {
        let earliest = rule.due(cal, published_on).date;
        if start < earliest {
            errs.add("period_start", "err-repair-notice-too-short");
            notice = Some(RepairNotice {
                earliest_start: earliest,
                days: rule.days,
                kind: rule.kind,
                citation: rule.citation.clone(),
            });
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Refusal {
            errors: errs,
            repair_notice: notice,
        })
    }
}

const SELECT: &str = "SELECT id, organisation_id, kind, title, body, activity, person_in_charge, \
    period_start, period_end, complaint_channels, published_on, created_by, created_at, updated_at \
    FROM announcements";

/// Every announcement (for snapshots).
pub(crate) async fn all(db: &Db) -> Result<Vec<Announcement>> {
    let sql = format!("{SELECT} ORDER BY id");
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, Announcement>(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
    Ok(rows)
}

/// One announcement by id.
pub async fn announcement(db: &Db, id: Uuid) -> Result<Option<Announcement>> {
    let sql = format!("{SELECT} WHERE id = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, Announcement>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// One page of announcements, newest first, and how many match in all.
#[derive(Debug, Clone, Serialize)]
pub struct AnnouncementPage {
    pub items: Vec<Announcement>,
    pub total: i64,
}

/// Announcements of `kind` (any when `None`) published on or before `published_by` (any date
/// when `None`; the public pages pass today so a scheduled notice stays hidden until its day),
/// newest first.
pub async fn list_announcements(
    db: &Db,
    kind: Option<AnnouncementKind>,
    published_by: Option<NaiveDate>,
    limit: i64,
    offset: i64,
) -> Result<AnnouncementPage> {
    let filter = "WHERE ($1 IS NULL OR kind = $1) AND ($2 IS NULL OR published_on <= $2)";
    let sql = format!(
        "{SELECT} {filter} ORDER BY published_on DESC, created_at DESC, id DESC LIMIT $3 OFFSET $4"
    );
    let count = format!("SELECT COUNT(*) FROM announcements {filter}");
    let kind = kind.map(AnnouncementKind::as_str);
    let items = crate::on_db!(db.read(), p => sqlx::query_as::<_, Announcement>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(kind).bind(published_by).bind(limit.clamp(1, 500)).bind(offset.max(0))
        .fetch_all(p).await)?;
    let total: i64 = crate::on_db!(db.read(), p => sqlx::query_scalar(sqlx::AssertSqlSafe(count.as_str()))
        .bind(kind).bind(published_by).fetch_one(p).await)?;
    Ok(AnnouncementPage { items, total })
}

async fn read_back(tx: &mut Tx, id: Uuid, lock: bool) -> Result<Option<Announcement>> {
    let lock = if lock && tx.engine() == Engine::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let sql = format!("{SELECT} WHERE id = $1{lock}");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, Announcement>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(c).await)?;
    Ok(row)
}

/// Checks `d` against the repair rule and the mall's calendar as they stand in `tx`.
async fn check_in(
    tx: &mut Tx,
    d: &AnnouncementDraft,
    published_on: NaiveDate,
) -> Result<(), ContentError> {
    let rule = effective_rule(&mut Reader::Tx(tx), REPAIR_RULE)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("deadline rule {REPAIR_RULE}")))?;
    let cal = work_calendar_tx(tx, None).await?;
    check_announcement(d, published_on, &rule, &cal).map_err(ContentError::Invalid)
}

/// Publishes an announcement on `published_on` (today in the mall's time zone when `None`),
/// after [`check_announcement`].
pub async fn create_announcement(
    tx: &mut Tx,
    ctx: &AuditCtx,
    d: &AnnouncementDraft,
    published_on: Option<NaiveDate>,
) -> Result<Announcement, ContentError> {
    let published_on = match published_on {
        Some(date) => date,
        None => work_calendar_tx(tx, None).await?.week().local_date(ctx.at),
    };
    check_in(tx, d, published_on).await?;
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO announcements (id, organisation_id, kind, title, body, activity, \
        person_in_charge, period_start, period_end, complaint_channels, published_on, created_by, \
        created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(d.organisation_id).bind(d.kind.as_str()).bind(d.title.trim())
        .bind(d.body.trim()).bind(d.activity.trim()).bind(d.person_in_charge.trim())
        .bind(d.period_start).bind(d.period_end).bind(d.complaint_channels.trim())
        .bind(published_on).bind(ctx.actor.user_id).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = read_back(tx, id, false)
        .await?
        .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    audit::record(
        tx,
        ctx,
        Change::new("create", "announcement", id).after(&row)?,
    )
    .await?;
    Ok(row)
}

/// Changes an announcement; its publication date stays, and the repair rule is checked
/// against it again. `expected_token` is the [`Announcement::edit_token`] the editor saw: a
/// save made in between gives [`StoreError::Conflict`].
pub async fn update_announcement(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    expected_token: Option<&str>,
    d: &AnnouncementDraft,
) -> Result<Announcement, ContentError> {
    let old = read_back(tx, id, true)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("announcement {id}")))?;
    if expected_token.is_some_and(|t| t != old.edit_token()) {
        return Err(
            StoreError::Conflict(format!("announcement {id} was changed meanwhile")).into(),
        );
    }
    check_in(tx, d, old.published_on).await?;
    let sql = "UPDATE announcements SET organisation_id = $1, kind = $2, title = $3, body = $4, \
        activity = $5, person_in_charge = $6, period_start = $7, period_end = $8, \
        complaint_channels = $9, updated_at = $10 WHERE id = $11";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(d.organisation_id).bind(d.kind.as_str()).bind(d.title.trim()).bind(d.body.trim())
        .bind(d.activity.trim()).bind(d.person_in_charge.trim()).bind(d.period_start)
        .bind(d.period_end).bind(d.complaint_channels.trim()).bind(ctx.at).bind(id)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = read_back(tx, id, false)
        .await?
        .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    let change = Change::new("update", "announcement", id)
        .before(&old)?
        .after(&row)?;
    audit::record(tx, ctx, change).await?;
    Ok(row)
}
