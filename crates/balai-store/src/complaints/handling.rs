//! Handling: one function applies any action of the workflow (checked by the rules), writes
//! the history step and the audit record, and restarts the stage's deadline when the rules say.

use balai_core::calendar::{DeadlineRule, WorkCalendar};
use balai_core::complaints::workflow::check_reopen;
use balai_core::complaints::{Action, Privacy, Route, stage_deadline, transition};
use balai_core::error::CoreError;
use chrono::NaiveDate;
use uuid::Uuid;

use super::{ComplaintRow, EVENT_SUBJECT, SUBJECT, get_tx};
use crate::audit::{self, AuditCtx, Change};
use crate::{Result, StoreError, Tx};

/// The decision of an examination (Luwu Pasal 48): the text, and when compensation is
/// awarded its amount and payment deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub compensation_amount: Option<i64>,
    pub compensation_due: Option<NaiveDate>,
}

/// One action on a complaint with what it carries.
#[derive(Debug, Clone)]
pub struct ActionInput {
    pub action: Action,
    /// The version the person saw (optimistic concurrency); `None` for the system's worker.
    pub expected_version: Option<i32>,
    pub note: String,
    pub privacy: Option<Privacy>,
    pub route: Option<Route>,
    pub decision: Option<Decision>,
    pub rating: Option<i32>,
    /// The office's date today, the region's rules and calendar (for the next deadline).
    pub today: NaiveDate,
    pub rules: Vec<DeadlineRule>,
    pub calendar: WorkCalendar,
}

fn refused(e: CoreError) -> StoreError {
    match e {
        CoreError::Invalid { field, message_key } => {
            let mut errs = balai_core::FieldErrors::new();
            errs.add(&field, &message_key);
            StoreError::Invalid(errs)
        }
        other => StoreError::Conflict(other.to_string()),
    }
}

/// Applies `input` to complaint `id` inside `tx`. Errors: `Conflict` when the action is not
/// allowed in the complaint's stage, was already taken once (reopen) or the version moved;
/// `Invalid` for a missing note or a privacy that would be lowered.
pub async fn act(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    input: &ActionInput,
) -> Result<ComplaintRow> {
    let before = get_tx(tx, id).await?;
    if input.expected_version.is_some_and(|v| v != before.version) {
        return Err(StoreError::Conflict(format!(
            "complaint {id} changed meanwhile"
        )));
    }
    let from = before.stage()?;
    let tr = transition(from, input.action).map_err(refused)?;
    if tr.note_required && input.note.trim().is_empty() {
        return Err(refused(CoreError::invalid("note", "err-required")));
    }
    let mut after = before.clone();
    apply_fields(&mut after, ctx, input)?;
    after.stage = tr.to.as_str().to_owned();
    if tr.restarts_clock {
        after.clock_start = input.today;
        after.escalated_at = None;
        let dl = stage_deadline(tr.to, input.today, &input.rules, &input.calendar);
        after.due_rule = dl.as_ref().map(|d| d.rule_code.clone());
        after.due_date = dl.map(|d| d.due.date);
    }
    after.version = before.version + 1;
    after.updated_at = ctx.at;
    write(tx, &after, before.version).await?;
    let stored = get_tx(tx, id).await?;
    let change = Change::new(input.action.as_str(), SUBJECT, id)
        .before(&before)?
        .after(&stored)?;
    audit::record(tx, ctx, change).await?;
    add_event(tx, ctx, &before, &stored, input).await?;
    if tr.restarts_clock {
        super::schedule_deadline(tx, &stored).await?;
    }
    Ok(stored)
}

/// The fields an action sets besides the stage and deadline.
fn apply_fields(row: &mut ComplaintRow, ctx: &AuditCtx, input: &ActionInput) -> Result<()> {
    match input.action {
        Action::RaisePrivacy => {
            let wanted = input
                .privacy
                .ok_or_else(|| refused(CoreError::invalid("privacy", "err-required")))?;
            row.privacy = row
                .privacy()?
                .raise(wanted)
                .map_err(refused)?
                .as_str()
                .to_owned();
        }
        Action::Route => {
            let route = input
                .route
                .ok_or_else(|| StoreError::Conflict("routing needs a route".into()))?;
            row.route_kind = Some(route.kind.as_str().to_owned());
            row.route_officer_id = route.officer_id;
            row.handling_organisation_id = route.organisation_id;
        }
        Action::Decide => {
            let d = input.decision.clone().unwrap_or(Decision {
                compensation_amount: None,
                compensation_due: None,
            });
            if d.compensation_amount.is_some() != d.compensation_due.is_some() {
                return Err(refused(CoreError::invalid(
                    "compensation_due",
                    "complaint-err-compensation-due",
                )));
            }
            row.decision = input.note.trim().to_owned();
            row.compensation_amount = d.compensation_amount;
            row.compensation_due = d.compensation_due;
            row.decided_at = Some(ctx.at);
        }
        Action::Rate => {
            let rating = input
                .rating
                .filter(|r| (1..=5).contains(r))
                .ok_or_else(|| refused(CoreError::invalid("rating", "complaint-err-rating")))?;
            row.rating = Some(rating);
            row.rating_comment = input.note.trim().to_owned();
        }
        Action::Reopen => {
            check_reopen(u32::try_from(row.reopen_count).unwrap_or(u32::MAX)).map_err(refused)?;
            row.reopen_count += 1;
        }
        Action::Escalate => row.escalated_at = Some(ctx.at),
        _ => {}
    }
    Ok(())
}

async fn write(tx: &mut Tx, r: &ComplaintRow, old_version: i32) -> Result<()> {
    let sql = "UPDATE complaints SET privacy = $1, stage = $2, route_kind = $3, \
        route_officer_id = $4, handling_organisation_id = $5, clock_start = $6, due_rule = $7, \
        due_date = $8, escalated_at = $9, decision = $10, compensation_amount = $11, \
        compensation_due = $12, decided_at = $13, rating = $14, rating_comment = $15, \
        reopen_count = $16, version = $17, updated_at = $18 WHERE id = $19 AND version = $20";
    let n = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(&r.privacy).bind(&r.stage).bind(&r.route_kind).bind(r.route_officer_id)
        .bind(r.handling_organisation_id).bind(r.clock_start).bind(&r.due_rule).bind(r.due_date)
        .bind(r.escalated_at).bind(&r.decision).bind(r.compensation_amount)
        .bind(r.compensation_due).bind(r.decided_at).bind(r.rating).bind(&r.rating_comment)
        .bind(r.reopen_count).bind(r.version).bind(r.updated_at).bind(r.id).bind(old_version)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::Conflict(format!(
            "complaint {} changed meanwhile",
            r.id
        )));
    }
    Ok(())
}

async fn add_event(
    tx: &mut Tx,
    ctx: &AuditCtx,
    before: &ComplaintRow,
    after: &ComplaintRow,
    input: &ActionInput,
) -> Result<()> {
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO complaint_events (id, complaint_id, action, stage_from, stage_to, \
               note, public, actor_id, actor_name, at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(after.id).bind(input.action.as_str()).bind(&before.stage)
        .bind(&after.stage).bind(input.note.trim()).bind(input.action.told_to_complainant())
        .bind(ctx.actor.user_id).bind(&ctx.actor.name).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = super::reads::event_row_tx(tx, id).await?;
    audit::record(
        tx,
        ctx,
        Change::new("create", EVENT_SUBJECT, id).after(&row)?,
    )
    .await
}

/// Writes to the audit trail that the actor saw a confidential complainant's identity
/// (architecture §5: every unmasked view of personal data is audited). Changes no record.
pub async fn record_identity_view(tx: &mut Tx, ctx: &AuditCtx, id: Uuid, via: &str) -> Result<()> {
    audit::record(
        tx,
        ctx,
        Change::new(&format!("view_identity:{via}"), SUBJECT, id),
    )
    .await
}
