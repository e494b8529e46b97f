//! The community satisfaction survey (PermenPANRB 14/2017; Luwu Pasal 17(e), 18(e), 31):
//! questionnaire versions, invitations tied to finished transactions, append-only responses
//! chained into the audit trail, invalidations and suggestion moderation as new events, and
//! totals computed in SQL.

mod invitations;
mod responses;
mod results;

pub use invitations::{
    Invitation, InvitationRow, InvitationState, SourceKind, invitation_state, invite,
    normalise_code,
};
pub use responses::{
    BatchRow, Channel, InvalidationRow, NewResponse, PaperBatch, ResponseRow, invalidate,
    record_paper, response_organisation, review_suggestion, submit_with_code,
};
pub use results::{
    ProfileCount, Scope, ScopeResult, Suggestion, Totals, index, population, profile_counts,
    suggestions, totals,
};

use balai_core::survey::Definition;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, Tx};

/// Most elements a definition may have: responses hold answers in slots a1..a12.
pub const MAX_ELEMENTS: usize = 12;

/// An adopted questionnaire version as stored; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct DefinitionRow {
    pub id: Uuid,
    pub version: i32,
    pub body: String,
    pub adopted_at: DateTime<Utc>,
}

impl DefinitionRow {
    /// The parsed definition.
    pub fn definition(&self) -> Result<Definition> {
        Ok(serde_json::from_str(&self.body)?)
    }
}

const DEF_COLS: &str = "id, version, body, adopted_at";

/// Adopts `def` as a new version (its `version` must be new). The caller validated it.
pub async fn adopt_definition(
    tx: &mut Tx,
    ctx: &AuditCtx,
    def: &Definition,
) -> Result<DefinitionRow> {
    let row = DefinitionRow {
        id: balai_core::ids::new_id(),
        version: def.version,
        body: serde_json::to_string(def)?,
        adopted_at: ctx.at,
    };
    crate::on_tx!(tx, c => sqlx::query(
        "INSERT INTO skm_definitions (id, version, body, adopted_at) VALUES ($1, $2, $3, $4)")
        .bind(row.id).bind(row.version).bind(&row.body).bind(row.adopted_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    audit::record(
        tx,
        ctx,
        Change::new("adopt", "skm_definition", row.id).after(&row)?,
    )
    .await?;
    Ok(row)
}

/// Every adopted version, oldest first.
pub async fn definitions(db: &Db) -> Result<Vec<DefinitionRow>> {
    let sql = format!("SELECT {DEF_COLS} FROM skm_definitions ORDER BY version");
    Ok(crate::on_db!(db.read(), p =>
        sqlx::query_as::<_, DefinitionRow>(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)?)
}

/// The newest adopted version, or the regulation's default when none was adopted yet.
pub async fn current_definition(db: &Db) -> Result<Definition> {
    match definitions(db).await?.last() {
        Some(row) => row.definition(),
        None => Ok(Definition::permenpanrb_14_2017()),
    }
}

/// Adopts the regulation's default (version 1) unless some version is already adopted; run
/// before the first response is stored, since responses name their version.
pub async fn ensure_default(tx: &mut Tx, ctx: &AuditCtx) -> Result<i32> {
    let newest: Option<i32> = crate::on_tx!(tx, c =>
        sqlx::query_scalar("SELECT MAX(version) FROM skm_definitions").fetch_one(c).await)?;
    match newest {
        Some(v) => Ok(v),
        None => Ok(
            adopt_definition(tx, ctx, &Definition::permenpanrb_14_2017())
                .await?
                .version,
        ),
    }
}

/// Snapshots of every audited survey record.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let mut v = audit::snapshots_of("skm_definition", definitions(db).await?, |r| {
        r.id.to_string()
    })?;
    v.extend(invitations::snapshots(db).await?);
    v.extend(responses::snapshots(db).await?);
    Ok(v)
}
