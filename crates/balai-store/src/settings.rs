//! Region settings as key-value data (region name and code, mall name, address, opening
//! hours, public texts), so nothing region-specific lives in code (architecture §2).

use std::collections::HashMap;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, Tx};

/// Every setting.
pub async fn all(db: &Db) -> Result<HashMap<String, String>> {
    let rows: Vec<(String, String)> = crate::on_db!(db.read(), p =>
        sqlx::query_as("SELECT key, value FROM region_settings").fetch_all(p).await)?;
    Ok(rows.into_iter().collect())
}

/// Sets `key` to `value`, audited.
pub async fn set(tx: &mut Tx, ctx: &AuditCtx, key: &str, value: &str) -> Result<()> {
    let sql = "INSERT INTO region_settings (key, value) VALUES ($1, $2) \
               ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(key).bind(value).execute(c).await.map(|r| r.rows_affected()))?;
    let change = Change::new("update", "region_setting", key).after(&value)?;
    audit::record(tx, ctx, change).await
}

/// Snapshots for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    Ok(all(db)
        .await?
        .into_iter()
        .map(|(k, v)| Snapshot {
            subject_type: "region_setting",
            subject_id: k,
            state: serde_json::Value::String(v),
        })
        .collect())
}
