//! The regulations that apply to the mall's services, published for citizens (Batang Pasal
//! 3(2): the information subsystem shows the regulations).

use balai_core::FieldErrors;
use balai_core::text::check_len;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::announcements::{ContentError, Refusal};
use crate::audit::{self, AuditCtx, Change};
use crate::{Db, Result, Tx};

/// The kinds of regulation, in the order of the hierarchy of laws (UU 12/2011 Pasal 7–8),
/// which is also the order the public page groups them in.
pub const REGULATION_KINDS: &[&str] = &[
    "undang_undang",
    "peraturan_pemerintah",
    "peraturan_presiden",
    "peraturan_menteri",
    "peraturan_daerah",
    "peraturan_bupati",
    "keputusan",
    "lainnya",
];

/// A regulation as stored (and as audited).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct Regulation {
    pub id: Uuid,
    pub kind: String,
    pub number: String,
    pub year: i32,
    pub title: String,
    pub subject: String,
    pub created_at: DateTime<Utc>,
}

/// A new regulation as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegulationDraft {
    pub kind: String,
    pub number: String,
    pub year: i32,
    pub title: String,
    pub subject: String,
}

impl RegulationDraft {
    /// Kind from the list, number and title present, a plausible year (1945, the year of the
    /// constitution, to 2100).
    pub fn check(&self) -> std::result::Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        if !REGULATION_KINDS.contains(&self.kind.as_str()) {
            errs.add("kind", "err-invalid-choice");
        }
        check_len("number", &self.number, 1, 100, &mut errs);
        if !(1945..=2100).contains(&self.year) {
            errs.add("year", "err-regulation-year");
        }
        check_len("title", &self.title, 3, 500, &mut errs);
        check_len("subject", &self.subject, 0, 1000, &mut errs);
        errs.into_result()
    }
}

const SELECT: &str = "SELECT id, kind, number, year, title, subject, created_at FROM regulations";

/// Every regulation: newest year first, then by number.
pub async fn regulations(db: &Db) -> Result<Vec<Regulation>> {
    let sql = format!("{SELECT} ORDER BY year DESC, number, id");
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, Regulation>(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
    Ok(rows)
}

/// Adds a regulation after [`RegulationDraft::check`].
pub async fn create_regulation(
    tx: &mut Tx,
    ctx: &AuditCtx,
    d: &RegulationDraft,
) -> std::result::Result<Regulation, ContentError> {
    d.check().map_err(|errors| {
        ContentError::Invalid(Refusal {
            errors,
            repair_notice: None,
        })
    })?;
    Ok(insert(tx, ctx, d).await?)
}

async fn insert(tx: &mut Tx, ctx: &AuditCtx, d: &RegulationDraft) -> Result<Regulation> {
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO regulations (id, kind, number, year, title, subject, created_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(&d.kind).bind(d.number.trim()).bind(d.year).bind(d.title.trim())
        .bind(d.subject.trim()).bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    let sql = format!("{SELECT} WHERE id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, Regulation>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_one(c).await)?;
    audit::record(
        tx,
        ctx,
        Change::new("create", "regulation", id).after(&row)?,
    )
    .await?;
    Ok(row)
}
