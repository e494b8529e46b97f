//! The demo licensing services (`demo/permits.json`): the permit settings of PBG, SLF, Reklame,
//! SIP Nakes and SPP-IRT — their forms, levy rules and licence templates.

use balai_core::permits::PermitSettings;
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::AuditCtx;
use crate::{Result, StoreError, Tx};

const PERMITS_JSON: &str = include_str!("../../demo/permits.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPermit {
    /// The service's code.
    service: String,
    settings: PermitSettings,
}

pub(super) async fn load(tx: &mut Tx, ctx: &AuditCtx) -> Result<()> {
    let demo: Vec<DemoPermit> = serde_json::from_str(PERMITS_JSON)
        .map_err(|e| StoreError::Corrupt(format!("demo/permits.json: {e}")))?;
    for p in demo {
        let sql = "SELECT id FROM services WHERE code = $1";
        let id = crate::on_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(sql)
            .bind(&p.service).fetch_optional(c).await)?
        .ok_or_else(|| {
            StoreError::Corrupt(format!("demo/permits.json: no service {}", p.service))
        })?;
        crate::permits::save_settings(tx, ctx, id, &p.settings, 0).await?;
    }
    Ok(())
}
