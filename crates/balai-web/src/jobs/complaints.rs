//! The deadline worker of complaints (job `complaints.deadline`, scheduled by the store when a
//! stage's deadline is set): a complaint still waiting for the complainant after 30 days is
//! deemed withdrawn (Luwu Pasal 43(5)); any other complaint still in the same stage past its
//! deadline is flagged and escalated to the examining superior and the mall's complaint
//! coordinator. Notices name the complaint number, stage, deadline and article only — never
//! the complainant nor the content (Seluma Pasal 56).

use balai_core::complaints::deadlines::lapses;
use balai_core::complaints::{Action, Stage};
use balai_core::identity::Actor;
use balai_core::notify::Channel;
use balai_store::audit::AuditCtx;
use balai_store::complaints::{self as store, ActionInput, ComplaintRow};
use balai_store::notifications::{self, NewNotification};
use serde_json::Value;
use uuid::Uuid;

use super::{JobError, JobHandler};
use crate::state::AppState;

/// Runs `complaints.deadline` jobs.
pub struct ComplaintDeadline;

#[async_trait::async_trait]
impl JobHandler for ComplaintDeadline {
    fn kind(&self) -> &'static str {
        store::DEADLINE_JOB
    }

    async fn run(&self, state: &AppState, payload: &Value) -> Result<(), JobError> {
        let id = payload["complaint_id"]
            .as_str()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| JobError::GiveUp("the job names no complaint".into()))?;
        let Some(c) = store::by_id(&state.db, id).await? else {
            return Err(JobError::GiveUp(format!("complaint {id} is gone")));
        };
        // The complaint moved on (a new deadline has its own job) or nothing is due.
        let scheduled = payload["due_date"].as_str().and_then(|s| s.parse().ok());
        let Some(due) = c.due_date.filter(|d| Some(*d) == scheduled) else {
            return Ok(());
        };
        let (rules, calendar) = store::deadline_context(&state.db).await?;
        let today = calendar.today(state.clock.as_ref());
        if today <= due || c.escalated_at.is_some() {
            return Ok(());
        }
        let stage = c.stage()?;
        let action = if lapses(stage, due, today) {
            Action::DeemWithdrawn
        } else {
            Action::Escalate
        };
        let input = ActionInput {
            action,
            expected_version: Some(c.version),
            note: String::new(),
            privacy: None,
            route: None,
            decision: None,
            rating: None,
            today,
            rules,
            calendar,
        };
        let ctx = AuditCtx::new(Actor::system(), None, state.clock.now());
        let recipients = if action == Action::Escalate {
            store::escalation_recipients(&state.db, &c).await?
        } else {
            Vec::new()
        };
        let mut tx = state.db.begin().await?;
        let after = store::act(&mut tx, &ctx, id, &input).await?;
        for user in recipients {
            notifications::queue(&mut tx, &ctx, escalation_notice(&after, stage, user)).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The inbox notice of an overdue complaint.
fn escalation_notice(c: &ComplaintRow, stage: Stage, user: Uuid) -> NewNotification {
    let due = c.due_date.map(|d| d.to_string()).unwrap_or_default();
    let rule = c.due_rule.clone().unwrap_or_default();
    NewNotification {
        recipient_user_id: Some(user),
        organisation_id: Some(c.handling_organisation_id.unwrap_or(c.organisation_id)),
        channel: Channel::Inbox,
        address: String::new(),
        subject: format!("Pengaduan {} melewati tenggat", c.number),
        body: format!(
            "Pengaduan {} pada tahap \"{}\" melewati tenggat {} (aturan {}). \
             Mohon segera ditindaklanjuti.",
            c.number,
            stage.label_id(),
            due,
            rule
        ),
        link: Some(format!("/konsol/pengaduan/{}", c.number)),
        about_type: "complaint".into(),
        about_id: c.id.to_string(),
        due_by: None,
    }
}
