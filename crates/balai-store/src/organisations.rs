//! Organisations taking part in the mall (Mesuji Pasal 8(1) a–g), each with the agreement its
//! membership rests on and the work plan that follows it (Pasal 8(2–3)), published as the public
//! list of participating organisations (Pasal 9).
//!
//! An organisation may name its superior unit (`parent_id`, given by code): complaints about a
//! unit go to its superior (Luwu Pasal 44), so the chain must never loop.

use balai_core::catalog::OrganisationKind;
use balai_core::ids::{Code, Email, Phone};
use balai_core::text::fold;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

/// The audit subject type of an organisation.
pub const SUBJECT: &str = "organisation";

/// How far a chain of superiors is followed before it is taken as a loop. Real hierarchies are
/// a handful of levels deep; the bound only protects against rows already corrupted by hand.
pub(crate) const MAX_CHAIN: usize = 256;

/// A write refused for a reason the person can fix in the form, or a store failure.
///
/// `Invalid` names the form field and a Fluent message key, like `CoreError::Invalid`; the
/// handler shows it next to the field.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("invalid {field}: {key}")]
    Invalid {
        field: &'static str,
        key: &'static str,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl WriteError {
    pub(crate) fn invalid(field: &'static str, key: &'static str) -> Self {
        WriteError::Invalid { field, key }
    }
}

impl From<sqlx::Error> for WriteError {
    fn from(e: sqlx::Error) -> Self {
        WriteError::Store(e.into())
    }
}

impl From<serde_json::Error> for WriteError {
    fn from(e: serde_json::Error) -> Self {
        WriteError::Store(e.into())
    }
}

/// One organisation as stored; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct OrganisationRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub kind: String,
    pub description: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub head_name: String,
    pub head_position: String,
    pub parent_id: Option<Uuid>,
    pub agreement_kind: String,
    pub agreement_number: String,
    pub agreement_date: Option<NaiveDate>,
    /// A free-text archive reference or link (kept beside the uploaded file).
    pub agreement_document: Option<String>,
    /// The signed agreement, uploaded (`stored_files`). Left out of the snapshot while empty, so
    /// organisations audited before the column existed still match their last audit event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement_file_id: Option<Uuid>,
    pub workplan_number: String,
    pub workplan_date: Option<NaiveDate>,
    pub search_text: String,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl OrganisationRow {
    /// The kind, or `None` for a value no longer known (the CHECK constraint prevents it).
    pub fn kind(&self) -> Option<OrganisationKind> {
        OrganisationKind::parse(&self.kind).ok()
    }
}

/// An organisation with the number of its active counters (for lists).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OrganisationSummary {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub org: OrganisationRow,
    pub counter_count: i64,
}

/// What an administrator enters for an organisation, already parsed into core types.
#[derive(Debug, Clone)]
pub struct OrganisationInput {
    pub code: Code,
    pub name: String,
    pub name_en: String,
    pub kind: OrganisationKind,
    pub description: String,
    pub address: String,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub website: String,
    pub head_name: String,
    pub head_position: String,
    /// The superior unit, by code.
    pub parent_code: Option<Code>,
    pub agreement_kind: String,
    pub agreement_number: String,
    pub agreement_date: Option<NaiveDate>,
    pub agreement_document: Option<String>,
    pub workplan_number: String,
    pub workplan_date: Option<NaiveDate>,
}

impl OrganisationInput {
    /// The folded text search matches: names in both languages, code and description.
    fn search_text(&self) -> String {
        fold(&format!(
            "{} {} {} {}",
            self.name,
            self.name_en,
            self.code.as_str(),
            self.description
        ))
    }
}

/// Which organisations to list.
#[derive(Debug, Clone, Default)]
pub struct OrgFilter {
    pub kind: Option<OrganisationKind>,
    /// Free text, folded and matched anywhere in `search_text`.
    pub q: Option<String>,
    pub active_only: bool,
    /// Only this organisation (staff limited to their own).
    pub only: Option<Uuid>,
    /// At most this many (0 means no limit).
    pub limit: i64,
    pub offset: i64,
}

/// One page of a list and how many match in all.
#[derive(Debug, Clone, Serialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: i64,
}

macro_rules! org_cols {
    () => {
        "o.id, o.code, o.name, o.name_en, o.kind, o.description, o.address, o.phone, o.email, \
         o.website, o.head_name, o.head_position, o.parent_id, o.agreement_kind, \
         o.agreement_number, o.agreement_date, o.agreement_document, o.agreement_file_id, \
         o.workplan_number, o.workplan_date, o.search_text, o.active, o.version, o.created_at, \
         o.updated_at"
    };
}

const BY_ID: &str = concat!(
    "SELECT ",
    org_cols!(),
    " FROM organisations o WHERE o.id = $1"
);
const BY_CODE: &str = concat!(
    "SELECT ",
    org_cols!(),
    " FROM organisations o WHERE o.code = $1"
);

/// `%text%` for LIKE on folded text, with LIKE's wildcards in the input escaped (`ESCAPE '\'`).
pub fn like_pattern(q: &str) -> Option<String> {
    let folded = fold(q);
    if folded.is_empty() {
        return None;
    }
    let escaped: String = folded
        .chars()
        .flat_map(|c| match c {
            '\\' | '%' | '_' => vec!['\\', c],
            other => vec![other],
        })
        .collect();
    Some(format!("%{escaped}%"))
}

/// The organisation with this id.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<OrganisationRow>> {
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, OrganisationRow>(BY_ID)
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// The organisation with this code (the code is compared as stored, upper case).
pub async fn get_by_code(db: &Db, code: &str) -> Result<Option<OrganisationRow>> {
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, OrganisationRow>(BY_CODE)
        .bind(code).fetch_optional(p).await)?;
    Ok(row)
}

pub(crate) async fn get_tx(tx: &mut Tx, id: Uuid) -> Result<Option<OrganisationRow>> {
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, OrganisationRow>(BY_ID)
        .bind(id).fetch_optional(c).await)?;
    Ok(row)
}

async fn id_by_code_tx(tx: &mut Tx, code: &str) -> Result<Option<Uuid>> {
    let id = crate::on_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(
        "SELECT id FROM organisations WHERE code = $1").bind(code).fetch_optional(c).await)?;
    Ok(id)
}

async fn parent_of_tx(tx: &mut Tx, id: Uuid) -> Result<Option<Uuid>> {
    let parent = crate::on_tx!(tx, c => sqlx::query_scalar::<_, Option<Uuid>>(
        "SELECT parent_id FROM organisations WHERE id = $1").bind(id).fetch_optional(c).await)?;
    Ok(parent.flatten())
}

macro_rules! org_where {
    () => {
        "WHERE ($1 IS NULL OR o.kind = $1) \
         AND ($2 IS NULL OR o.search_text LIKE $2 ESCAPE '\\') \
         AND ($3 = FALSE OR o.active = TRUE) AND ($4 IS NULL OR o.id = $4)"
    };
}

const LIST_SQL: &str = concat!(
    "SELECT ",
    org_cols!(),
    ", (SELECT COUNT(*) FROM counters c WHERE c.organisation_id = o.id AND c.active = TRUE) \
     AS counter_count FROM organisations o ",
    org_where!(),
    " ORDER BY o.name, o.code LIMIT $5 OFFSET $6"
);
const COUNT_SQL: &str = concat!("SELECT COUNT(*) FROM organisations o ", org_where!());

/// Organisations matching `f`, ordered by name, with the total count.
pub async fn list(db: &Db, f: &OrgFilter) -> Result<Paged<OrganisationSummary>> {
    let kind = f.kind.map(|k| k.as_str().to_string());
    let q = f.q.as_deref().and_then(like_pattern);
    let limit = if f.limit <= 0 { i64::MAX } else { f.limit };
    let items = crate::on_db!(db.read(), p => sqlx::query_as::<_, OrganisationSummary>(LIST_SQL)
        .bind(&kind).bind(&q).bind(f.active_only).bind(f.only).bind(limit).bind(f.offset.max(0))
        .fetch_all(p).await)?;
    let total: i64 = crate::on_db!(db.read(), p => sqlx::query_scalar(COUNT_SQL)
        .bind(&kind).bind(&q).bind(f.active_only).bind(f.only).fetch_one(p).await)?;
    Ok(Paged { items, total })
}

/// Every organisation (active or not), by name: for choosing a superior unit or an owner.
pub async fn all(db: &Db) -> Result<Vec<OrganisationRow>> {
    let sql = concat!(
        "SELECT ",
        org_cols!(),
        " FROM organisations o ORDER BY o.name, o.code"
    );
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, OrganisationRow>(sql)
        .fetch_all(p).await)?;
    Ok(rows)
}

/// The published, active services of an organisation: (code, name, name_en), by name.
pub async fn services_of(db: &Db, org_id: Uuid) -> Result<Vec<(String, String, String)>> {
    let sql = "SELECT code, name, name_en FROM services WHERE organisation_id = $1 \
               AND active = TRUE AND published_version_id IS NOT NULL ORDER BY name, code";
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, (String, String, String)>(sql)
        .bind(org_id).fetch_all(p).await)?;
    Ok(rows)
}

/// Resolves the superior unit's code and refuses a chain that would come back to `own`.
async fn resolve_parent(
    tx: &mut Tx,
    own: Option<Uuid>,
    code: Option<&Code>,
) -> Result<Option<Uuid>, WriteError> {
    let Some(code) = code else { return Ok(None) };
    let parent = id_by_code_tx(tx, code.as_str())
        .await?
        .ok_or(WriteError::invalid("parent_code", "org-err-parent-unknown"))?;
    if let Some(own) = own {
        let mut cursor = Some(parent);
        let mut steps = 0;
        while let Some(at) = cursor {
            if at == own || steps > MAX_CHAIN {
                return Err(WriteError::invalid("parent_code", "org-err-parent-cycle"));
            }
            cursor = parent_of_tx(tx, at).await?;
            steps += 1;
        }
    }
    Ok(Some(parent))
}

/// Maps a unique violation on insert or update to a field error next to the code.
pub(crate) fn code_taken(e: StoreError) -> WriteError {
    match e {
        StoreError::Duplicate(_) => WriteError::invalid("code", "org-err-code-taken"),
        other => WriteError::Store(other),
    }
}

/// Registers a new organisation, audited.
pub async fn create(
    tx: &mut Tx,
    ctx: &AuditCtx,
    input: &OrganisationInput,
) -> Result<OrganisationRow, WriteError> {
    let parent_id = resolve_parent(tx, None, input.parent_code.as_ref()).await?;
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO organisations (id, code, name, name_en, kind, description, address, \
        phone, email, website, head_name, head_position, parent_id, agreement_kind, \
        agreement_number, agreement_date, agreement_document, workplan_number, workplan_date, \
        search_text, active, version, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,\
        $9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,TRUE,1,$21,$21)";
    let i = input;
    let res = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(i.code.as_str()).bind(i.name.trim()).bind(i.name_en.trim())
        .bind(i.kind.as_str()).bind(i.description.trim()).bind(i.address.trim())
        .bind(i.phone.as_ref().map_or("", |p| p.as_str()))
        .bind(i.email.as_ref().map_or("", |e| e.as_str())).bind(i.website.trim())
        .bind(i.head_name.trim()).bind(i.head_position.trim()).bind(parent_id)
        .bind(i.agreement_kind.trim()).bind(i.agreement_number.trim()).bind(i.agreement_date)
        .bind(&i.agreement_document).bind(i.workplan_number.trim()).bind(i.workplan_date)
        .bind(i.search_text()).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()));
    res.map_err(|e| code_taken(e.into()))?;
    let row = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Saves changes to an organisation read at `version`; `Conflict` when someone saved since.
pub async fn update(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version: i32,
    input: &OrganisationInput,
) -> Result<OrganisationRow, WriteError> {
    let old = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let parent_id = resolve_parent(tx, Some(id), input.parent_code.as_ref()).await?;
    let sql = "UPDATE organisations SET code = $3, name = $4, name_en = $5, kind = $6, \
        description = $7, address = $8, phone = $9, email = $10, website = $11, head_name = $12, \
        head_position = $13, parent_id = $14, agreement_kind = $15, agreement_number = $16, \
        agreement_date = $17, agreement_document = $18, workplan_number = $19, \
        workplan_date = $20, search_text = $21, updated_at = $22, version = version + 1 \
        WHERE id = $1 AND version = $2";
    let i = input;
    let res = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(version).bind(i.code.as_str()).bind(i.name.trim()).bind(i.name_en.trim())
        .bind(i.kind.as_str()).bind(i.description.trim()).bind(i.address.trim())
        .bind(i.phone.as_ref().map_or("", |p| p.as_str()))
        .bind(i.email.as_ref().map_or("", |e| e.as_str())).bind(i.website.trim())
        .bind(i.head_name.trim()).bind(i.head_position.trim()).bind(parent_id)
        .bind(i.agreement_kind.trim()).bind(i.agreement_number.trim()).bind(i.agreement_date)
        .bind(&i.agreement_document).bind(i.workplan_number.trim()).bind(i.workplan_date)
        .bind(i.search_text()).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()));
    let done = res.map_err(|e| code_taken(e.into()))?;
    if done == 0 {
        return Err(StoreError::Conflict(format!(
            "organisation {} changed since version {version}",
            old.code
        ))
        .into());
    }
    let row = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let change = Change::new("update", SUBJECT, id)
        .before(&old)?
        .after(&row)?;
    audit::record(tx, ctx, change).await?;
    Ok(row)
}

/// Takes an organisation out of the public list (or back in), audited, version-checked.
pub async fn set_active(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version: i32,
    active: bool,
) -> Result<OrganisationRow> {
    let old = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let sql = "UPDATE organisations SET active = $3, updated_at = $4, version = version + 1 \
               WHERE id = $1 AND version = $2";
    let done = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(version).bind(active).bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(StoreError::Conflict(format!(
            "organisation {} changed since version {version}",
            old.code
        )));
    }
    let row = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let action = if active { "activate" } else { "deactivate" };
    audit::record(
        tx,
        ctx,
        Change::new(action, SUBJECT, id).before(&old)?.after(&row)?,
    )
    .await?;
    Ok(row)
}

/// Attaches the signed agreement document (a file already recorded in `stored_files`) to an
/// organisation read at `version`, audited; `Conflict` when someone saved since. The file it
/// replaces stays recorded (and in the audit trail).
pub async fn attach_agreement(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version: i32,
    file_id: Uuid,
) -> Result<OrganisationRow> {
    let old = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let sql = "UPDATE organisations SET agreement_file_id = $3, updated_at = $4, \
               version = version + 1 WHERE id = $1 AND version = $2";
    let done = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(version).bind(file_id).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(StoreError::Conflict(format!(
            "organisation {} changed since version {version}",
            old.code
        )));
    }
    let row = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let change = Change::new("attach_agreement", SUBJECT, id)
        .before(&old)?
        .after(&row)?;
    audit::record(tx, ctx, change).await?;
    Ok(row)
}

/// Snapshots of every organisation, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = concat!(
        "SELECT ",
        org_cols!(),
        " FROM organisations o ORDER BY o.id"
    );
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, OrganisationRow>(sql)
        .fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
