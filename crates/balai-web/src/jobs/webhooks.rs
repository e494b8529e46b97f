//! Posting one integration webhook (job `webhooks.deliver`) and the signed POST it shares
//! with the SMS gateway. The scheme is documented for receivers in docs/webhooks.md.

use balai_core::identity::Actor;
use balai_core::notify::DeliveryStatus;
use balai_store::audit::AuditCtx;
use balai_store::webhooks as store;
use serde_json::Value;
use uuid::Uuid;

use super::{JobError, JobHandler};
use crate::state::AppState;

/// The headers every signed request carries.
pub const HEADER_EVENT: &str = "X-Balai-Event";
pub const HEADER_DELIVERY: &str = "X-Balai-Delivery";
pub const HEADER_TIMESTAMP: &str = "X-Balai-Timestamp";
pub const HEADER_SIGNATURE: &str = "X-Balai-Signature";

/// A JSON body posted with the signature headers.
pub struct SignedPost<'a> {
    pub url: &'a str,
    pub secret: &'a str,
    pub event: &'a str,
    pub delivery_id: Uuid,
    pub body: Vec<u8>,
}

impl SignedPost<'_> {
    /// Posts the body signed at the clock's time; the answer's status, or why there was none
    /// (timeout after `HTTP_TIMEOUT`, no connection).
    pub async fn send(self, state: &AppState) -> Result<u16, String> {
        let ts = state.clock.now().timestamp();
        let signature = balai_core::notify::signature(self.secret, ts, &self.body);
        let res = state
            .http
            .post(self.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(HEADER_EVENT, self.event)
            .header(HEADER_DELIVERY, self.delivery_id.to_string())
            .header(HEADER_TIMESTAMP, ts.to_string())
            .header(HEADER_SIGNATURE, signature)
            .body(self.body)
            .send()
            .await;
        match res {
            Ok(r) => Ok(r.status().as_u16()),
            Err(e) if e.is_timeout() => Err(format!(
                "no answer within {} seconds",
                state.config.outgoing_timeout.as_secs_f32()
            )),
            Err(e) if e.is_connect() => Err("could not connect to the receiver".into()),
            Err(e) => Err(format!("the request failed: {e}")),
        }
    }
}

/// Runs `webhooks.deliver` jobs.
pub struct DeliverWebhook;

fn delivery_id(payload: &Value) -> Result<Uuid, JobError> {
    payload["delivery_id"]
        .as_str()
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| JobError::GiveUp("the job names no webhook delivery".into()))
}

fn system_ctx(state: &AppState) -> AuditCtx {
    AuditCtx::new(Actor::system(), None, state.clock.now())
}

#[async_trait::async_trait]
impl JobHandler for DeliverWebhook {
    fn kind(&self) -> &'static str {
        store::DELIVER_JOB
    }

    async fn run(&self, state: &AppState, payload: &Value) -> Result<(), JobError> {
        let id = delivery_id(payload)?;
        let d = store::get_delivery(&state.db, id)
            .await?
            .ok_or_else(|| JobError::GiveUp(format!("webhook delivery {id} is gone")))?;
        if d.status() != DeliveryStatus::Pending {
            return Ok(());
        }
        let target = store::target(&state.db, d.endpoint_id)
            .await?
            .ok_or_else(|| JobError::GiveUp("the endpoint is gone".into()))?;
        if !target.active {
            return Err(JobError::GiveUp("the endpoint was deactivated".into()));
        }
        let post = SignedPost {
            url: &target.url,
            secret: &target.secret,
            event: &d.event,
            delivery_id: d.id,
            body: d.payload.clone().into_bytes(),
        };
        let (status, error) = match post.send(state).await {
            Ok(s) if (200..300).contains(&s) => (Some(s), None),
            Ok(s) => (Some(s), Some(format!("the receiver answered HTTP {s}"))),
            Err(e) => (None, Some(e)),
        };
        let ctx = system_ctx(state);
        let mut tx = state.db.begin().await?;
        let code = status.map(i32::from);
        match &error {
            None => store::mark_delivered(&mut tx, &ctx, id, code.unwrap_or(200)).await?,
            Some(e) => store::mark_attempt_failed(&mut tx, &ctx, id, code, e).await?,
        };
        tx.commit().await?;
        match error {
            None => Ok(()),
            Some(e) => Err(JobError::Retry(e)),
        }
    }

    async fn on_dead(
        &self,
        state: &AppState,
        payload: &Value,
        error: &str,
    ) -> Result<(), JobError> {
        let id = delivery_id(payload)?;
        let Some(d) = store::get_delivery(&state.db, id).await? else {
            return Ok(());
        };
        if d.status() != DeliveryStatus::Pending {
            return Ok(());
        }
        let mut tx = state.db.begin().await?;
        store::mark_failed(&mut tx, &system_ctx(state), id, error).await?;
        tx.commit().await?;
        Ok(())
    }
}
