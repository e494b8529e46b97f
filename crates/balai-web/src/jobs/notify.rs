//! Delivering one e-mail or SMS/WhatsApp notification (job `notify.deliver`).
//!
//! E-mail goes over SMTP; SMS and WhatsApp go to the region's gateway as a signed JSON POST
//! `{id, to, message, about}` with the same headers and signature as integration webhooks
//! (docs/webhooks.md). Each outcome is recorded on the notification, audited as the system.

use balai_core::identity::Actor;
use balai_core::notify::{Channel, NotificationStatus};
use balai_store::audit::AuditCtx;
use balai_store::notifications::{self as store, NotificationRow};
use serde_json::{Value, json};
use uuid::Uuid;

use super::smtp::{self, Mail, SmtpSettings};
use super::{JobError, JobHandler};
use crate::state::AppState;

/// Runs `notify.deliver` jobs.
pub struct DeliverNotification;

fn notification_id(payload: &Value) -> Result<Uuid, JobError> {
    payload["notification_id"]
        .as_str()
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| JobError::GiveUp("the job names no notification".into()))
}

fn system_ctx(state: &AppState) -> AuditCtx {
    AuditCtx::new(Actor::system(), None, state.clock.now())
}

#[async_trait::async_trait]
impl JobHandler for DeliverNotification {
    fn kind(&self) -> &'static str {
        store::DELIVER_JOB
    }

    async fn run(&self, state: &AppState, payload: &Value) -> Result<(), JobError> {
        let id = notification_id(payload)?;
        let n = store::get(&state.db, id)
            .await?
            .ok_or_else(|| JobError::GiveUp(format!("notification {id} is gone")))?;
        // Sent already (a job run twice after a lost lease) or failed for good: nothing to do.
        if n.status() != NotificationStatus::Queued {
            return Ok(());
        }
        let sent = match n.channel() {
            Some(Channel::Email) => send_email(state, &n).await,
            Some(Channel::Sms) => send_sms(state, &n).await,
            Some(Channel::Inbox) => Ok(()),
            None => Err(format!("unknown channel {}", n.channel)),
        };
        let mut tx = state.db.begin().await?;
        let ctx = system_ctx(state);
        let outcome = match &sent {
            Ok(()) => store::mark_sent(&mut tx, &ctx, id).await.map(|_| ()),
            Err(e) => store::mark_attempt_failed(&mut tx, &ctx, id, e)
                .await
                .map(|_| ()),
        };
        outcome?;
        tx.commit().await?;
        sent.map_err(JobError::Retry)
    }

    async fn on_dead(
        &self,
        state: &AppState,
        payload: &Value,
        error: &str,
    ) -> Result<(), JobError> {
        let id = notification_id(payload)?;
        let Some(n) = store::get(&state.db, id).await? else {
            return Ok(());
        };
        if n.status() != NotificationStatus::Queued {
            return Ok(());
        }
        let mut tx = state.db.begin().await?;
        store::mark_failed(&mut tx, &system_ctx(state), id, error).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The link as the recipient can open it: a path on the site becomes an absolute URL.
fn absolute_link(state: &AppState, link: &str) -> String {
    if link.starts_with('/') {
        format!("{}{link}", state.config.public_url.trim_end_matches('/'))
    } else {
        link.to_string()
    }
}

async fn send_email(state: &AppState, n: &NotificationRow) -> Result<(), String> {
    let cfg = &state.config.notify;
    let url = cfg
        .smtp_url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
        .ok_or("SMTP is not configured (BALAI_SMTP_URL)")?;
    if cfg.mail_from.trim().is_empty() {
        return Err("the sender is not configured (BALAI_MAIL_FROM)".into());
    }
    let settings = SmtpSettings::parse(url)?;
    let mut body = n.body.clone();
    if let Some(link) = &n.link {
        body.push_str("\n\n");
        body.push_str(&absolute_link(state, link));
    }
    body.push_str(&format!("\n\n-- \n{}\n", state.mall_name()));
    let mail = Mail {
        from: &cfg.mail_from,
        to: &n.address,
        subject: &n.subject,
        body,
    };
    smtp::send(&settings, mail).await
}

async fn send_sms(state: &AppState, n: &NotificationRow) -> Result<(), String> {
    let cfg = &state.config.notify;
    let url = cfg
        .sms_webhook_url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
        .ok_or("the SMS/WhatsApp gateway is not configured (BALAI_SMS_WEBHOOK_URL)")?;
    let secret = cfg
        .sms_webhook_secret
        .as_deref()
        .filter(|s| !s.is_empty())
        .ok_or("the SMS/WhatsApp gateway secret is not configured (BALAI_SMS_WEBHOOK_SECRET)")?;
    let mut message = n.body.clone();
    if let Some(link) = &n.link {
        message.push(' ');
        message.push_str(&absolute_link(state, link));
    }
    let body = json!({
        "id": n.id,
        "to": n.address,
        "message": message,
        "about": { "type": n.about_type, "id": n.about_id },
    });
    let bytes = serde_json::to_vec(&body).map_err(|e| e.to_string())?;
    let req = super::webhooks::SignedPost {
        url,
        secret,
        event: "notification.sms",
        delivery_id: n.id,
        body: bytes,
    };
    match req.send(state).await {
        Ok(status) if (200..300).contains(&status) => Ok(()),
        Ok(status) => Err(format!("the SMS/WhatsApp gateway answered HTTP {status}")),
        Err(e) => Err(e),
    }
}
