//! Workflow definitions adopted by the administrator and each service's permit settings.

use balai_core::permits::{PermitSettings, WorkflowDef, licence_workflow, non_licence_workflow};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

pub const WORKFLOW_SUBJECT: &str = "workflow_definition";
pub const SETTINGS_SUBJECT: &str = "permit_settings";

/// A stored workflow definition (JSON); also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct WorkflowRow {
    pub code: String,
    pub definition: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A service's stored permit settings (JSON); also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct SettingsRow {
    pub service_id: Uuid,
    pub workflow_code: String,
    pub settings: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl SettingsRow {
    /// The settings; a row that no longer parses is corrupt (it was validated when saved).
    pub fn parsed(&self) -> Result<PermitSettings> {
        Ok(serde_json::from_str(&self.settings)?)
    }
}

const WF_COLS: &str =
    "SELECT code, definition, version, created_at, updated_at FROM workflow_definitions";
const SET_COLS: &str = "SELECT service_id, workflow_code, settings, version, created_at, updated_at FROM permit_settings";

fn built_in() -> [WorkflowDef; 2] {
    [licence_workflow(), non_licence_workflow()]
}

/// The definition with this code: the administrator's version when there is one, else the
/// built-in one.
pub async fn workflow(db: &Db, code: &str) -> Result<Option<WorkflowDef>> {
    let sql = format!("{WF_COLS} WHERE code = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, WorkflowRow>(sqlx::AssertSqlSafe(sql))
        .bind(code).fetch_optional(p).await)?;
    match row {
        Some(r) => Ok(Some(serde_json::from_str(&r.definition)?)),
        None => Ok(built_in().into_iter().find(|d| d.code == code)),
    }
}

/// Every definition, built-in ones replaced by the administrator's versions, by code, with
/// the stored version number (0 for an untouched built-in one).
pub async fn list_workflows(db: &Db) -> Result<Vec<(WorkflowDef, i32)>> {
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, WorkflowRow>(WF_COLS)
        .fetch_all(p).await)?;
    let mut out: Vec<(WorkflowDef, i32)> = built_in().into_iter().map(|d| (d, 0)).collect();
    for r in rows {
        let def: WorkflowDef = serde_json::from_str(&r.definition)?;
        match out.iter_mut().find(|(d, _)| d.code == def.code) {
            Some(slot) => *slot = (def, r.version),
            None => out.push((def, r.version)),
        }
    }
    out.sort_by(|a, b| a.0.code.cmp(&b.0.code));
    Ok(out)
}

async fn workflow_row(tx: &mut Tx, code: &str) -> Result<Option<WorkflowRow>> {
    let sql = format!("{WF_COLS} WHERE code = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, WorkflowRow>(sqlx::AssertSqlSafe(sql))
        .bind(code).fetch_optional(c).await)?;
    Ok(row)
}

/// Adopts a definition after [`WorkflowDef::validate`] (problems as [`StoreError::Invalid`]).
/// `expected_version` is the version the administrator edited (0 for a built-in or new one);
/// another edit saved meanwhile gives [`StoreError::Conflict`].
pub async fn save_workflow(
    tx: &mut Tx,
    ctx: &AuditCtx,
    def: &WorkflowDef,
    expected_version: i32,
) -> Result<WorkflowRow> {
    def.validate().map_err(StoreError::Invalid)?;
    let json = serde_json::to_string(def)?;
    let before = workflow_row(tx, &def.code).await?;
    let changed = match &before {
        None if expected_version == 0 => {
            let sql = "INSERT INTO workflow_definitions (code, definition, version, created_at, \
                       updated_at) VALUES ($1, $2, 1, $3, $3)";
            crate::on_tx!(tx, c => sqlx::query(sql).bind(&def.code).bind(&json).bind(ctx.at)
                .execute(c).await.map(|r| r.rows_affected()))?
        }
        None => 0,
        Some(_) => {
            let sql = "UPDATE workflow_definitions SET definition = $2, version = version + 1, \
                       updated_at = $3 WHERE code = $1 AND version = $4";
            crate::on_tx!(tx, c => sqlx::query(sql).bind(&def.code).bind(&json).bind(ctx.at)
                .bind(expected_version).execute(c).await.map(|r| r.rows_affected()))?
        }
    };
    if changed == 0 {
        return Err(StoreError::Conflict(format!("workflow {}", def.code)));
    }
    let after = workflow_row(tx, &def.code)
        .await?
        .ok_or_else(|| StoreError::NotFound(def.code.clone()))?;
    let mut change = Change::new(
        if before.is_some() { "update" } else { "create" },
        WORKFLOW_SUBJECT,
        &def.code,
    );
    if let Some(b) = &before {
        change = change.before(b)?;
    }
    audit::record(tx, ctx, change.after(&after)?).await?;
    Ok(after)
}

/// The settings of a service, when it is a permit service.
pub async fn settings_for(db: &Db, service_id: Uuid) -> Result<Option<SettingsRow>> {
    let sql = format!("{SET_COLS} WHERE service_id = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, SettingsRow>(sqlx::AssertSqlSafe(sql))
        .bind(service_id).fetch_optional(p).await)?;
    Ok(row)
}

/// Every permit service's settings.
pub async fn list_settings(db: &Db) -> Result<Vec<SettingsRow>> {
    let sql = format!("{SET_COLS} ORDER BY service_id");
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, SettingsRow>(sqlx::AssertSqlSafe(sql))
        .fetch_all(p).await)?;
    Ok(rows)
}

async fn settings_row(tx: &mut Tx, service_id: Uuid) -> Result<Option<SettingsRow>> {
    let sql = format!("{SET_COLS} WHERE service_id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, SettingsRow>(sqlx::AssertSqlSafe(sql))
        .bind(service_id).fetch_optional(c).await)?;
    Ok(row)
}

/// Saves a service's settings after [`PermitSettings::validate`] (the caller checks that the
/// workflow exists).
/// `expected_version` 0 creates them; otherwise it must match the stored version.
pub async fn save_settings(
    tx: &mut Tx,
    ctx: &AuditCtx,
    service_id: Uuid,
    settings: &PermitSettings,
    expected_version: i32,
) -> Result<SettingsRow> {
    settings.validate().map_err(StoreError::Invalid)?;
    let json = serde_json::to_string(settings)?;
    let before = settings_row(tx, service_id).await?;
    let changed = match &before {
        None if expected_version == 0 => {
            let sql = "INSERT INTO permit_settings (service_id, workflow_code, settings, version, \
                       created_at, updated_at) VALUES ($1, $2, $3, 1, $4, $4)";
            crate::on_tx!(tx, c => sqlx::query(sql).bind(service_id).bind(&settings.workflow)
                .bind(&json).bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?
        }
        None => 0,
        Some(_) => {
            let sql = "UPDATE permit_settings SET workflow_code = $2, settings = $3, \
                       version = version + 1, updated_at = $4 WHERE service_id = $1 AND version = $5";
            crate::on_tx!(tx, c => sqlx::query(sql).bind(service_id).bind(&settings.workflow)
                .bind(&json).bind(ctx.at).bind(expected_version)
                .execute(c).await.map(|r| r.rows_affected()))?
        }
    };
    if changed == 0 {
        return Err(StoreError::Conflict(format!(
            "permit settings {service_id}"
        )));
    }
    let after = settings_row(tx, service_id)
        .await?
        .ok_or_else(|| StoreError::NotFound(service_id.to_string()))?;
    let mut change = Change::new(
        if before.is_some() { "update" } else { "create" },
        SETTINGS_SUBJECT,
        service_id,
    );
    if let Some(b) = &before {
        change = change.before(b)?;
    }
    audit::record(tx, ctx, change.after(&after)?).await?;
    Ok(after)
}

pub(super) async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let wf = crate::on_db!(db.write(), p => sqlx::query_as::<_, WorkflowRow>(WF_COLS)
        .fetch_all(p).await)?;
    let set = crate::on_db!(db.write(), p => sqlx::query_as::<_, SettingsRow>(SET_COLS)
        .fetch_all(p).await)?;
    let mut v = audit::snapshots_of(WORKFLOW_SUBJECT, wf, |r| r.code.clone())?;
    v.extend(audit::snapshots_of(SETTINGS_SUBJECT, set, |r| {
        r.service_id.to_string()
    })?);
    Ok(v)
}
