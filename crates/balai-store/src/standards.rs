//! Versions of a service standard (Seluma Pasal 21–23; Luwu Pasal 26–27; requirements §2):
//! drafted, opened for public comment, adopted with a decree. An adopted version is a record and
//! is never edited; a change is a new version, and adopting it supersedes the old one.
//!
//! The standard itself is `balai_core::catalog::ServiceStandard` stored as JSON text; beside it
//! `standard_summaries` keeps the completion time and fees that lists filter on. Edits of a
//! draft are guarded by `lock_version`, so two administrators editing the same draft cannot
//! overwrite each other: the second save is refused ([`StandardError::Stale`]).

use balai_core::catalog::{ServiceStandard, StandardStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, StoreError, Tx};

/// The audit subject type of a standard version.
pub const SUBJECT: &str = "standard_version";

/// Why a standard version could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum StandardError {
    /// The version is not a draft (under consultation, adopted or superseded).
    #[error("version {0} is not a draft and cannot be edited")]
    NotEditable(StandardStatus),
    /// The status change is not allowed by `StandardStatus::can_transition`.
    #[error("a standard version cannot go from {from} to {to}")]
    BadTransition {
        from: StandardStatus,
        to: StandardStatus,
    },
    /// Someone else saved the draft after the editor opened it.
    #[error("the draft was saved by someone else in the meantime")]
    Stale,
    /// The service already has a draft or a version under consultation.
    #[error("the service already has an open draft (version {0})")]
    OpenDraftExists(i32),
    /// Adoption needs the consultation forum's record (PermenPANRB 16/2017).
    #[error("the consultation forum has not been recorded for this version")]
    ForumMissing,
    /// The standard is incomplete or invalid (field, message key pairs).
    #[error("the standard is not valid")]
    Invalid(balai_core::FieldErrors),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for StandardError {
    fn from(e: sqlx::Error) -> Self {
        StandardError::Store(e.into())
    }
}

impl From<serde_json::Error> for StandardError {
    fn from(e: serde_json::Error) -> Self {
        StandardError::Store(e.into())
    }
}

type SResult<T> = std::result::Result<T, StandardError>;

/// A standard version as stored with its summary (and as audited).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct VersionRow {
    pub id: Uuid,
    pub service_id: Uuid,
    pub version_no: i32,
    pub status: String,
    /// The standard as JSON.
    pub standard: String,
    pub change_note: String,
    pub comment_from: Option<NaiveDate>,
    pub comment_until: Option<NaiveDate>,
    pub effective_from: Option<NaiveDate>,
    pub adopted_at: Option<DateTime<Utc>>,
    pub adopted_by: Option<Uuid>,
    pub decree_number: String,
    pub lock_version: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub completion_value: i32,
    pub completion_unit: String,
    pub total_fee: i64,
    pub is_free: bool,
}

impl VersionRow {
    /// The status; a hand-edited unknown value reads as corrupt data.
    pub fn status(&self) -> crate::Result<StandardStatus> {
        StandardStatus::parse(&self.status).map_err(|_| {
            StoreError::Corrupt(format!(
                "standard version {} status {}",
                self.id, self.status
            ))
        })
    }

    /// The standard.
    pub fn standard(&self) -> crate::Result<ServiceStandard> {
        serde_json::from_str(&self.standard)
            .map_err(|e| StoreError::Corrupt(format!("standard version {}: {e}", self.id)))
    }

    /// Whether the public may comment on `today` (under consultation and within the period).
    pub fn open_for_comment_on(&self, today: NaiveDate) -> bool {
        self.status == StandardStatus::Consultation.as_str()
            && self.comment_from.is_some_and(|f| f <= today)
            && self.comment_until.is_some_and(|u| today <= u)
    }
}

macro_rules! select_row {
    () => {
        "SELECT v.id, v.service_id, v.version_no, v.status, v.standard, \
    v.change_note, v.comment_from, v.comment_until, v.effective_from, v.adopted_at, v.adopted_by, \
    v.decree_number, v.lock_version, v.created_by, v.created_at, v.updated_at, \
    sm.completion_value, sm.completion_unit, sm.total_fee, sm.is_free \
    FROM standard_versions v JOIN standard_summaries sm ON sm.version_id = v.id"
    };
}

async fn get_in_tx(tx: &mut Tx, id: Uuid) -> crate::Result<VersionRow> {
    let sql = concat!(select_row!(), " WHERE v.id = $1");
    crate::on_tx!(tx, c => sqlx::query_as::<_, VersionRow>(sql).bind(id).fetch_optional(c).await)?
        .ok_or_else(|| StoreError::NotFound(format!("standard version {id}")))
}

/// A version by id.
pub async fn get(db: &Db, id: Uuid) -> crate::Result<Option<VersionRow>> {
    let sql = concat!(select_row!(), " WHERE v.id = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, VersionRow>(sql).bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// Version `version_no` of a service.
pub async fn get_by_number(
    db: &Db,
    service_id: Uuid,
    version_no: i32,
) -> crate::Result<Option<VersionRow>> {
    let sql = concat!(
        select_row!(),
        " WHERE v.service_id = $1 AND v.version_no = $2"
    );
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, VersionRow>(sql)
        .bind(service_id).bind(version_no).fetch_optional(p).await)?;
    Ok(row)
}

/// Every version of a service, newest first.
pub async fn list_for_service(db: &Db, service_id: Uuid) -> crate::Result<Vec<VersionRow>> {
    let sql = concat!(
        select_row!(),
        " WHERE v.service_id = $1 ORDER BY v.version_no DESC"
    );
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, VersionRow>(sql).bind(service_id).fetch_all(p).await)?;
    Ok(rows)
}

/// A version's place in the public history (no standard text): one light query per page.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct VersionInfo {
    pub id: Uuid,
    pub version_no: i32,
    pub status: String,
    pub change_note: String,
    pub comment_from: Option<NaiveDate>,
    pub comment_until: Option<NaiveDate>,
    pub effective_from: Option<NaiveDate>,
    pub decree_number: String,
    pub adopted_at: Option<DateTime<Utc>>,
}

impl VersionInfo {
    /// Adopted or superseded: part of the public record.
    pub fn was_adopted(&self) -> bool {
        self.status == StandardStatus::Adopted.as_str()
            || self.status == StandardStatus::Superseded.as_str()
    }

    /// Whether the public may comment on `today`.
    pub fn open_for_comment_on(&self, today: NaiveDate) -> bool {
        self.status == StandardStatus::Consultation.as_str()
            && self.comment_from.is_some_and(|f| f <= today)
            && self.comment_until.is_some_and(|u| today <= u)
    }
}

/// Every version of a service without its text, newest first.
pub async fn infos_for_service(db: &Db, service_id: Uuid) -> crate::Result<Vec<VersionInfo>> {
    let sql = "SELECT id, version_no, status, change_note, comment_from, comment_until, \
        effective_from, decree_number, adopted_at FROM standard_versions \
        WHERE service_id = $1 ORDER BY version_no DESC";
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, VersionInfo>(sql).bind(service_id).fetch_all(p).await)?;
    Ok(rows)
}

/// The version under consultation and open for comment on `today`, if any.
pub async fn open_for_comment(
    db: &Db,
    service_id: Uuid,
    today: NaiveDate,
) -> crate::Result<Option<VersionRow>> {
    let sql = concat!(
        select_row!(),
        " WHERE v.service_id = $1 AND v.status = 'consultation' \
         AND v.comment_from <= $2 AND v.comment_until >= $2 ORDER BY v.version_no DESC"
    );
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, VersionRow>(sql)
        .bind(service_id).bind(today).fetch_optional(p).await)?;
    Ok(row)
}

async fn write_summary(tx: &mut Tx, id: Uuid, std: &ServiceStandard) -> crate::Result<()> {
    let sql = "INSERT INTO standard_summaries (version_id, completion_value, completion_unit, \
        total_fee, is_free) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (version_id) DO UPDATE SET \
        completion_value = excluded.completion_value, completion_unit = excluded.completion_unit, \
        total_fee = excluded.total_fee, is_free = excluded.is_free";
    let value = i32::try_from(std.completion_time.value).unwrap_or(i32::MAX);
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(value)
        .bind(std.completion_time.unit.as_str()).bind(std.total_fee().as_i64()).bind(std.is_free())
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// The version under draft or consultation of a service, inside a transaction.
async fn open_draft_no(tx: &mut Tx, service_id: Uuid) -> crate::Result<Option<i32>> {
    let sql = "SELECT version_no FROM standard_versions WHERE service_id = $1 \
        AND status IN ('draft','consultation') ORDER BY version_no DESC";
    let n = crate::on_tx!(tx, c => sqlx::query_scalar::<_, i32>(sql).bind(service_id).fetch_optional(c).await)?;
    Ok(n)
}

async fn insert_version(
    tx: &mut Tx,
    ctx: &AuditCtx,
    service_id: Uuid,
    std: &ServiceStandard,
    change_note: &str,
) -> SResult<Uuid> {
    let max_sql =
        "SELECT COALESCE(MAX(version_no), 0) FROM standard_versions WHERE service_id = $1";
    let max: i32 = crate::on_tx!(tx, c => sqlx::query_scalar::<_, i32>(max_sql).bind(service_id).fetch_one(c).await)?;
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO standard_versions (id, service_id, version_no, status, standard, \
        change_note, decree_number, lock_version, created_by, created_at, updated_at) \
        VALUES ($1, $2, $3, 'draft', $4, $5, '', 1, $6, $7, $7)";
    let json = serde_json::to_string(std)?;
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(service_id).bind(max + 1).bind(&json)
        .bind(change_note.trim()).bind(ctx.actor.user_id).bind(ctx.at).execute(c).await.map(|_| ()))
    .map_err(|e| match StoreError::from(e) {
        // A concurrent draft took the number: the caller should reload.
        StoreError::Duplicate(_) => StandardError::Stale,
        other => StandardError::Store(other),
    })?;
    write_summary(tx, id, std).await?;
    Ok(id)
}

/// Creates a new draft (version number = highest + 1), audited. The service may have only one
/// open draft (draft or consultation) at a time.
pub async fn create_draft(
    tx: &mut Tx,
    ctx: &AuditCtx,
    service_id: Uuid,
    std: &ServiceStandard,
    change_note: &str,
) -> SResult<VersionRow> {
    if let Some(no) = open_draft_no(tx, service_id).await? {
        return Err(StandardError::OpenDraftExists(no));
    }
    let id = insert_version(tx, ctx, service_id, std, change_note).await?;
    let row = get_in_tx(tx, id).await?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Saves a draft's standard. Only a draft is edited; `expected_lock` is the `lock_version`
/// the editor loaded, and a newer one means someone else saved first ([`StandardError::Stale`]).
/// The standard is validated here too, so nothing invalid is ever stored.
pub async fn edit_draft(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    expected_lock: i32,
    std: &ServiceStandard,
    change_note: &str,
) -> SResult<VersionRow> {
    std.validate().map_err(StandardError::Invalid)?;
    let before = get_in_tx(tx, id).await?;
    let status = before.status()?;
    if !status.is_editable() {
        return Err(StandardError::NotEditable(status));
    }
    let sql = "UPDATE standard_versions SET standard = $1, change_note = $2, \
        lock_version = lock_version + 1, updated_at = $3 \
        WHERE id = $4 AND lock_version = $5 AND status = 'draft'";
    let json = serde_json::to_string(std)?;
    let done = crate::on_tx!(tx, c => sqlx::query(sql).bind(&json).bind(change_note.trim())
        .bind(ctx.at).bind(id).bind(expected_lock).execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(StandardError::Stale);
    }
    write_summary(tx, id, std).await?;
    let after = get_in_tx(tx, id).await?;
    let change = Change::new("update", SUBJECT, id)
        .before(&before)?
        .after(&after)?;
    audit::record(tx, ctx, change).await?;
    Ok(after)
}

/// Moves a version to `to` with the given column updates, checked by `can_transition`.
async fn transition(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    to: StandardStatus,
    action: &str,
    set: Transition<'_>,
) -> SResult<VersionRow> {
    let before = get_in_tx(tx, id).await?;
    let from = before.status()?;
    if !StandardStatus::can_transition(from, to) {
        return Err(StandardError::BadTransition { from, to });
    }
    let sql = "UPDATE standard_versions SET status = $1, comment_from = $2, comment_until = $3, \
        effective_from = $4, adopted_at = $5, adopted_by = $6, decree_number = $7, \
        lock_version = lock_version + 1, updated_at = $8 WHERE id = $9 AND status = $10";
    let (cf, cu) = set
        .comment
        .unwrap_or((before.comment_from, before.comment_until));
    let (eff, at, by, decree) = match set.adoption {
        Some((eff, decree)) => (
            Some(eff),
            Some(ctx.at),
            ctx.actor.user_id,
            decree.trim().to_string(),
        ),
        None => (
            before.effective_from,
            before.adopted_at,
            before.adopted_by,
            before.decree_number.clone(),
        ),
    };
    let done = crate::on_tx!(tx, c => sqlx::query(sql).bind(to.as_str()).bind(cf).bind(cu)
        .bind(eff).bind(at).bind(by).bind(&decree).bind(ctx.at).bind(id).bind(from.as_str())
        .execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(StandardError::Stale);
    }
    let after = get_in_tx(tx, id).await?;
    let change = Change::new(action, SUBJECT, id)
        .before(&before)?
        .after(&after)?;
    audit::record(tx, ctx, change).await?;
    Ok(after)
}

/// Column updates that go with a transition.
#[derive(Default)]
struct Transition<'a> {
    /// New comment period (`None`: keep).
    comment: Option<(Option<NaiveDate>, Option<NaiveDate>)>,
    /// Effective date and decree number of an adoption.
    adoption: Option<(NaiveDate, &'a str)>,
}

/// Opens a draft for public comment from `from` to `until` (inclusive), audited.
pub async fn open_for_comment_period(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    from: NaiveDate,
    until: NaiveDate,
) -> SResult<VersionRow> {
    if until < from {
        let mut errs = balai_core::FieldErrors::new();
        errs.add("comment_until", "err-date-order");
        return Err(StandardError::Invalid(errs));
    }
    let set = Transition {
        comment: Some((Some(from), Some(until))),
        adoption: None,
    };
    transition(
        tx,
        ctx,
        id,
        StandardStatus::Consultation,
        "open_consultation",
        set,
    )
    .await
}

/// Closes the consultation and returns the version to draft for editing, audited. The comment
/// period stays recorded.
pub async fn back_to_draft(tx: &mut Tx, ctx: &AuditCtx, id: Uuid) -> SResult<VersionRow> {
    transition(
        tx,
        ctx,
        id,
        StandardStatus::Draft,
        "back_to_draft",
        Transition::default(),
    )
    .await
}

/// Adopts a draft or a version under consultation, audited: requires a recorded consultation
/// forum (PermenPANRB 16/2017) and a valid standard; records the decree number and the date it
/// takes effect; the previously adopted version becomes superseded; the service publishes this
/// version.
pub async fn adopt(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    decree_number: &str,
    effective_from: NaiveDate,
) -> SResult<VersionRow> {
    let row = get_in_tx(tx, id).await?;
    if !crate::consultation::forum_exists(tx, id).await? {
        return Err(StandardError::ForumMissing);
    }
    row.standard()?.validate().map_err(StandardError::Invalid)?;
    finish_adoption(tx, ctx, row, decree_number, effective_from, "adopt").await
}

/// Supersedes the service's current adoption, adopts `row` and publishes it.
async fn finish_adoption(
    tx: &mut Tx,
    ctx: &AuditCtx,
    row: VersionRow,
    decree_number: &str,
    effective_from: NaiveDate,
    action: &str,
) -> SResult<VersionRow> {
    let from = row.status()?;
    if !StandardStatus::can_transition(from, StandardStatus::Adopted) {
        return Err(StandardError::BadTransition {
            from,
            to: StandardStatus::Adopted,
        });
    }
    let current_sql =
        "SELECT id FROM standard_versions WHERE service_id = $1 AND status = 'adopted'";
    let current: Vec<Uuid> = crate::on_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(current_sql)
        .bind(row.service_id).fetch_all(c).await)?;
    for old in current {
        transition(
            tx,
            ctx,
            old,
            StandardStatus::Superseded,
            "supersede",
            Transition::default(),
        )
        .await?;
    }
    let set = Transition {
        comment: None,
        adoption: Some((effective_from, decree_number)),
    };
    let adopted = transition(tx, ctx, row.id, StandardStatus::Adopted, action, set).await?;
    crate::services::set_published(tx, ctx, adopted.service_id, adopted.id).await?;
    Ok(adopted)
}

/// Imports a standard that was already adopted outside Balai (the region's existing decree) as
/// the service's adopted, published version, audited as `import`. No consultation forum is
/// asked for: the consultation happened before Balai. Used by the initial import and the demo.
pub async fn import_adopted_version(
    tx: &mut Tx,
    ctx: &AuditCtx,
    service_id: Uuid,
    std: &ServiceStandard,
    decree_number: &str,
    effective_from: NaiveDate,
    change_note: &str,
) -> SResult<VersionRow> {
    std.validate().map_err(StandardError::Invalid)?;
    let id = insert_version(tx, ctx, service_id, std, change_note).await?;
    let row = get_in_tx(tx, id).await?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    finish_adoption(tx, ctx, row, decree_number, effective_from, "import").await
}

/// Snapshots of every standard version, for `audit verify`.
pub async fn snapshots(db: &Db) -> crate::Result<Vec<Snapshot>> {
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, VersionRow>(select_row!()).fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
