//! Services of the mall's catalogue (requirements §2): what each organisation offers, how it is
//! delivered, and which adopted standard version is published for it.
//!
//! Search is case- and accent-insensitive through `search_text`, the folded name, English
//! name, code, keywords and the organisation's code and names (architecture §2): each word of
//! the query must appear in it. Listing joins the published version's summary so that lists
//! and filters ("gratis") never parse a standard's JSON.

use balai_core::catalog::{ServiceCategory, ServiceKind, ServiceMode};
use balai_core::ids::Code;
use balai_core::text::fold;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

/// The audit subject type of a service.
pub const SUBJECT: &str = "service";
/// Most words of a search query that are matched; later words are ignored.
pub const MAX_QUERY_WORDS: usize = 5;
/// Largest page size of every list.
pub const MAX_PER_PAGE: u32 = 100;

/// A service as stored (and as audited).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct ServiceRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub kind: String,
    pub category: String,
    pub keywords: String,
    /// JSON array of mode codes, e.g. `["langsung","elektronik"]`.
    pub modes: String,
    pub ticket_prefix: String,
    pub search_text: String,
    pub published_version_id: Option<Uuid>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ServiceRow {
    /// The delivery modes; unknown codes (a hand-edited row) are skipped.
    pub fn mode_list(&self) -> Vec<ServiceMode> {
        parse_modes(&self.modes)
    }
}

/// Reads a stored JSON list of mode codes, skipping unknown ones.
pub fn parse_modes(json: &str) -> Vec<ServiceMode> {
    serde_json::from_str::<Vec<String>>(json)
        .unwrap_or_default()
        .iter()
        .filter_map(|m| ServiceMode::parse(m).ok())
        .collect()
}

macro_rules! select_row {
    () => {
        "SELECT id, organisation_id, code, name, name_en, kind, category, \
    keywords, modes, ticket_prefix, search_text, published_version_id, active, version, \
    created_at, updated_at FROM services"
    };
}

/// What an administrator enters for a service (already parsed by the form handler).
#[derive(Debug, Clone)]
pub struct ServiceInput {
    pub organisation_id: Uuid,
    pub code: Code,
    pub name: String,
    pub name_en: String,
    pub kind: ServiceKind,
    pub category: ServiceCategory,
    pub modes: Vec<ServiceMode>,
    pub keywords: String,
    pub ticket_prefix: String,
    pub active: bool,
}

/// The organisation's code and names, for search text and display.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct OrgChoice {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub name_en: String,
}

/// Every organisation (active first, by name), for filters and the service form.
pub async fn organisation_choices(db: &Db) -> Result<Vec<OrgChoice>> {
    let sql = "SELECT id, code, name, name_en FROM organisations ORDER BY name, code";
    let rows = crate::on_db!(db.read(), p =>
        sqlx::query_as::<_, OrgChoice>(sql).fetch_all(p).await)?;
    Ok(rows)
}

async fn org_in_tx(tx: &mut Tx, id: Uuid) -> Result<OrgChoice> {
    let sql = "SELECT id, code, name, name_en FROM organisations WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query_as::<_, OrgChoice>(sql).bind(id).fetch_optional(c).await)?
        .ok_or_else(|| StoreError::MissingReference(format!("organisation {id}")))
}

/// The folded text a service is found by.
pub fn search_text(
    input_name: &str,
    name_en: &str,
    code: &str,
    keywords: &str,
    org: &OrgChoice,
) -> String {
    fold(&format!(
        "{input_name} {name_en} {code} {keywords} {} {} {}",
        org.code, org.name, org.name_en
    ))
}

fn modes_json(modes: &[ServiceMode]) -> Result<String> {
    let codes: Vec<&str> = modes.iter().map(|m| m.as_str()).collect();
    Ok(serde_json::to_string(&codes)?)
}

/// Reads a service back inside the transaction (the state the audit records).
pub async fn get_in_tx(tx: &mut Tx, id: Uuid) -> Result<ServiceRow> {
    let sql = concat!(select_row!(), " WHERE id = $1");
    crate::on_tx!(tx, c => sqlx::query_as::<_, ServiceRow>(sql).bind(id).fetch_optional(c).await)?
        .ok_or_else(|| StoreError::NotFound(format!("service {id}")))
}

/// Creates a service, audited. A taken code comes back as [`StoreError::Duplicate`].
pub async fn create(tx: &mut Tx, ctx: &AuditCtx, input: &ServiceInput) -> Result<ServiceRow> {
    let org = org_in_tx(tx, input.organisation_id).await?;
    let id = balai_core::ids::new_id();
    let code = input.code.as_str();
    let search = search_text(&input.name, &input.name_en, code, &input.keywords, &org);
    let sql = "INSERT INTO services (id, organisation_id, code, name, name_en, kind, category, \
        keywords, modes, ticket_prefix, search_text, published_version_id, active, version, \
        created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,NULL,$12,1,$13,$13)";
    let modes = modes_json(&input.modes)?;
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(input.organisation_id).bind(code).bind(input.name.trim())
        .bind(input.name_en.trim()).bind(input.kind.as_str()).bind(input.category.as_str())
        .bind(input.keywords.trim()).bind(&modes).bind(input.ticket_prefix.trim())
        .bind(&search).bind(input.active).bind(ctx.at)
        .execute(c).await.map(|_| ()))?;
    let row = get_in_tx(tx, id).await?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Changes a service's details (not its code, which appears in numbers and links), audited.
/// `expected_version` is the version the editor saw; a newer one gives [`StoreError::Conflict`].
pub async fn update(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    expected_version: i32,
    input: &ServiceInput,
) -> Result<ServiceRow> {
    let before = get_in_tx(tx, id).await?;
    let org = org_in_tx(tx, input.organisation_id).await?;
    let search = search_text(
        &input.name,
        &input.name_en,
        &before.code,
        &input.keywords,
        &org,
    );
    let sql = "UPDATE services SET organisation_id = $1, name = $2, name_en = $3, kind = $4, \
        category = $5, keywords = $6, modes = $7, ticket_prefix = $8, search_text = $9, \
        active = $10, version = version + 1, updated_at = $11 WHERE id = $12 AND version = $13";
    let modes = modes_json(&input.modes)?;
    let done = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(input.organisation_id).bind(input.name.trim()).bind(input.name_en.trim())
        .bind(input.kind.as_str()).bind(input.category.as_str()).bind(input.keywords.trim())
        .bind(&modes).bind(input.ticket_prefix.trim()).bind(&search).bind(input.active)
        .bind(ctx.at).bind(id).bind(expected_version)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(StoreError::Conflict(format!(
            "service {} was changed by someone else",
            before.code
        )));
    }
    let after = get_in_tx(tx, id).await?;
    let change = Change::new("update", SUBJECT, id)
        .before(&before)?
        .after(&after)?;
    audit::record(tx, ctx, change).await?;
    Ok(after)
}

/// Points the service at its newly adopted version (called by the adoption), audited.
pub(crate) async fn set_published(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version_id: Uuid,
) -> Result<ServiceRow> {
    let before = get_in_tx(tx, id).await?;
    let sql = "UPDATE services SET published_version_id = $1, version = version + 1, \
        updated_at = $2 WHERE id = $3";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(version_id).bind(ctx.at).bind(id).execute(c).await.map(|_| ()))?;
    let after = get_in_tx(tx, id).await?;
    let change = Change::new("publish", SUBJECT, id)
        .before(&before)?
        .after(&after)?;
    audit::record(tx, ctx, change).await?;
    Ok(after)
}

/// Rebuilds the search text of the organisation's services after the organisation was renamed
/// (its names are part of what a service is found by), audited per changed service.
pub async fn refresh_search_text_for_organisation(
    tx: &mut Tx,
    ctx: &AuditCtx,
    organisation_id: Uuid,
) -> Result<usize> {
    let org = org_in_tx(tx, organisation_id).await?;
    let sql = concat!(select_row!(), " WHERE organisation_id = $1");
    let rows = crate::on_tx!(tx, c => sqlx::query_as::<_, ServiceRow>(sql)
        .bind(organisation_id).fetch_all(c).await)?;
    let mut changed = 0;
    for before in rows {
        let fresh = search_text(
            &before.name,
            &before.name_en,
            &before.code,
            &before.keywords,
            &org,
        );
        if fresh == before.search_text {
            continue;
        }
        let upd = "UPDATE services SET search_text = $1, version = version + 1, updated_at = $2 WHERE id = $3";
        crate::on_tx!(tx, c => sqlx::query(upd).bind(&fresh).bind(ctx.at).bind(before.id).execute(c).await.map(|_| ()))?;
        let after = get_in_tx(tx, before.id).await?;
        let change = Change::new("update", SUBJECT, before.id)
            .before(&before)?
            .after(&after)?;
        audit::record(tx, ctx, change).await?;
        changed += 1;
    }
    Ok(changed)
}

/// A service by id.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<ServiceRow>> {
    let sql = concat!(select_row!(), " WHERE id = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, ServiceRow>(sql).bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// A service by its code (any case; a malformed code simply finds nothing).
pub async fn get_by_code(db: &Db, code: &str) -> Result<Option<ServiceRow>> {
    let Ok(code) = Code::parse(code) else {
        return Ok(None);
    };
    let sql = concat!(select_row!(), " WHERE code = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, ServiceRow>(sql)
        .bind(code.as_str()).fetch_optional(p).await)?;
    Ok(row)
}

/// Filters of a service list. `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct ServiceFilter {
    /// Free text; folded and split into words, each of which must match.
    pub q: Option<String>,
    pub organisation_code: Option<String>,
    pub kind: Option<ServiceKind>,
    pub category: Option<ServiceCategory>,
    pub mode: Option<ServiceMode>,
    pub free_only: bool,
    /// Only active services with a published standard (the public catalogue).
    pub published_only: bool,
    /// Only this organisation's services (console scope of non-mall-wide staff).
    pub organisation_id: Option<Uuid>,
    /// 1-based page.
    pub page: u32,
    pub per_page: u32,
}

/// One page of a list.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    /// The number of pages (at least 1).
    pub fn pages(&self) -> u32 {
        let per = i64::from(self.per_page.max(1));
        u32::try_from(((self.total + per - 1) / per).max(1)).unwrap_or(u32::MAX)
    }
}

/// A service in a list, with its organisation and the published version's summary.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ServiceListItem {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub kind: String,
    pub category: String,
    pub modes: String,
    pub active: bool,
    pub organisation_code: String,
    pub organisation_name: String,
    pub organisation_name_en: String,
    pub version_no: Option<i32>,
    pub effective_from: Option<NaiveDate>,
    pub completion_value: Option<i32>,
    pub completion_unit: Option<String>,
    pub total_fee: Option<i64>,
    pub is_free: Option<bool>,
    #[serde(skip)]
    pub total_rows: i64,
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The `LIKE` patterns of a query: one per folded word, at most [`MAX_QUERY_WORDS`].
pub fn query_patterns(q: Option<&str>) -> [Option<String>; MAX_QUERY_WORDS] {
    let mut out: [Option<String>; MAX_QUERY_WORDS] = Default::default();
    if let Some(q) = q {
        let folded = fold(q);
        for (slot, word) in out
            .iter_mut()
            .zip(folded.split(' ').filter(|w| !w.is_empty()))
        {
            *slot = Some(format!("%{}%", like_escape(word)));
        }
    }
    out
}

const LIST_SQL: &str = "SELECT s.id, s.organisation_id, s.code, s.name, s.name_en, s.kind, \
    s.category, s.modes, s.active, o.code AS organisation_code, o.name AS organisation_name, \
    o.name_en AS organisation_name_en, v.version_no, v.effective_from, sm.completion_value, \
    sm.completion_unit, sm.total_fee, sm.is_free, COUNT(*) OVER () AS total_rows \
    FROM services s JOIN organisations o ON o.id = s.organisation_id \
    LEFT JOIN standard_versions v ON v.id = s.published_version_id \
    LEFT JOIN standard_summaries sm ON sm.version_id = s.published_version_id \
    WHERE ($1 IS NULL OR s.search_text LIKE $1 ESCAPE '\\') \
    AND ($2 IS NULL OR s.search_text LIKE $2 ESCAPE '\\') \
    AND ($3 IS NULL OR s.search_text LIKE $3 ESCAPE '\\') \
    AND ($4 IS NULL OR s.search_text LIKE $4 ESCAPE '\\') \
    AND ($5 IS NULL OR s.search_text LIKE $5 ESCAPE '\\') \
    AND ($6 IS NULL OR o.code = $6) AND ($7 IS NULL OR s.kind = $7) \
    AND ($8 IS NULL OR s.category = $8) AND ($9 IS NULL OR s.modes LIKE $9) \
    AND ($10 = FALSE OR sm.is_free = TRUE) \
    AND ($11 = FALSE OR (s.active = TRUE AND s.published_version_id IS NOT NULL)) \
    AND ($12 IS NULL OR s.organisation_id = $12) \
    ORDER BY CASE WHEN $1 IS NOT NULL AND LOWER(s.name) LIKE $1 ESCAPE '\\' THEN 0 ELSE 1 END, \
    s.name, s.code LIMIT $13 OFFSET $14";

const COUNT_SQL: &str = "SELECT COUNT(*) FROM services s JOIN organisations o ON o.id = s.organisation_id \
    LEFT JOIN standard_summaries sm ON sm.version_id = s.published_version_id \
    WHERE ($1 IS NULL OR s.search_text LIKE $1 ESCAPE '\\') \
    AND ($2 IS NULL OR s.search_text LIKE $2 ESCAPE '\\') \
    AND ($3 IS NULL OR s.search_text LIKE $3 ESCAPE '\\') \
    AND ($4 IS NULL OR s.search_text LIKE $4 ESCAPE '\\') \
    AND ($5 IS NULL OR s.search_text LIKE $5 ESCAPE '\\') \
    AND ($6 IS NULL OR o.code = $6) AND ($7 IS NULL OR s.kind = $7) \
    AND ($8 IS NULL OR s.category = $8) AND ($9 IS NULL OR s.modes LIKE $9) \
    AND ($10 = FALSE OR sm.is_free = TRUE) \
    AND ($11 = FALSE OR (s.active = TRUE AND s.published_version_id IS NOT NULL)) \
    AND ($12 IS NULL OR s.organisation_id = $12)";

/// One page of services matching `f`: those whose name matches the first search word first,
/// then by name. One query; a second (a count) only when the
/// page is past the end and so carries no total.
pub async fn list(db: &Db, f: &ServiceFilter) -> Result<Page<ServiceListItem>> {
    let per_page = f.per_page.clamp(1, MAX_PER_PAGE);
    let page = f.page.max(1);
    let offset = i64::from(page - 1) * i64::from(per_page);
    let [w1, w2, w3, w4, w5] = query_patterns(f.q.as_deref());
    let org_code = f.organisation_code.as_deref().map(str::to_ascii_uppercase);
    let kind = f.kind.map(|k| k.as_str());
    let category = f.category.map(|c| c.as_str());
    let mode = f.mode.map(|m| format!("%\"{}\"%", m.as_str()));
    let items = crate::on_db!(db.read(), p => sqlx::query_as::<_, ServiceListItem>(LIST_SQL)
        .bind(&w1).bind(&w2).bind(&w3).bind(&w4).bind(&w5).bind(&org_code).bind(kind)
        .bind(category).bind(&mode).bind(f.free_only).bind(f.published_only)
        .bind(f.organisation_id).bind(i64::from(per_page)).bind(offset)
        .fetch_all(p).await)?;
    let total = match items.first() {
        Some(first) => first.total_rows,
        None if page == 1 => 0,
        None => crate::on_db!(db.read(), p => sqlx::query_scalar::<_, i64>(COUNT_SQL)
            .bind(&w1).bind(&w2).bind(&w3).bind(&w4).bind(&w5).bind(&org_code).bind(kind)
            .bind(category).bind(&mode).bind(f.free_only).bind(f.published_only)
            .bind(f.organisation_id).fetch_one(p).await)?,
    };
    Ok(Page {
        items,
        total,
        page,
        per_page,
    })
}

/// A service with its organisation and its published standard version, as the public detail
/// page and the API show it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PublishedService {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub kind: String,
    pub category: String,
    pub keywords: String,
    pub modes: String,
    pub organisation_code: String,
    pub organisation_name: String,
    pub organisation_name_en: String,
    pub version_id: Uuid,
    pub version_no: i32,
    /// The standard as JSON (`balai_core::catalog::ServiceStandard`).
    pub standard: String,
    pub effective_from: Option<NaiveDate>,
    pub decree_number: String,
    pub adopted_at: Option<DateTime<Utc>>,
}

impl PublishedService {
    /// The published standard.
    pub fn standard(&self) -> Result<balai_core::catalog::ServiceStandard> {
        serde_json::from_str(&self.standard)
            .map_err(|e| StoreError::Corrupt(format!("standard of service {}: {e}", self.code)))
    }
}

/// The active service `code` with its published standard, or `None` (unknown, malformed,
/// inactive, or nothing adopted yet). One query.
pub async fn published_by_code(db: &Db, code: &str) -> Result<Option<PublishedService>> {
    let Ok(code) = Code::parse(code) else {
        return Ok(None);
    };
    let sql = "SELECT s.id, s.organisation_id, s.code, s.name, s.name_en, s.kind, s.category, \
        s.keywords, s.modes, o.code AS organisation_code, o.name AS organisation_name, \
        o.name_en AS organisation_name_en, v.id AS version_id, v.version_no, v.standard, \
        v.effective_from, v.decree_number, v.adopted_at \
        FROM services s JOIN organisations o ON o.id = s.organisation_id \
        JOIN standard_versions v ON v.id = s.published_version_id \
        WHERE s.code = $1 AND s.active = TRUE";
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, PublishedService>(sql)
        .bind(code.as_str()).fetch_optional(p).await)?;
    Ok(row)
}

/// Snapshots of every service, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, ServiceRow>(select_row!()).fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
