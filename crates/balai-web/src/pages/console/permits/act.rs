//! `POST /konsol/permohonan/{id}/tindakan`: one workflow step by the signed-in staff member,
//! with the verification checklist — each current document accepted, or returned with its
//! reason (Batang Pasal 9(2)) — and the step's comment (the reasons of a decision, Pasal
//! 11(1)). The step is checked against the workflow (who, from which state, on which
//! conditions) and against the version the page showed, so of two officers acting at once
//! exactly one succeeds and the other is told the application moved on.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balai_core::FieldErrors;
use balai_core::notify::Channel;
use balai_core::permits::{ActionDef, Effect, state_due};
use balai_store::audit::AuditCtx;
use balai_store::notifications::{self, NewNotification};
use balai_store::permits::{self as store, ApplicationRow, Transition};
use balai_store::{StoreError, Tx};
use uuid::Uuid;

use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::pages::permits::PermitService;
use crate::state::AppState;

/// Longest comment or reason kept.
const TEXT_MAX: usize = 2000;

/// The checklist as posted: `doc-ID` = `accept` or `return`, `reason-ID` = why.
struct Review {
    id: Uuid,
    reason: Option<String>,
}

fn field(form: &BTreeMap<String, String>, name: &str) -> String {
    form.get(name)
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

/// The reviews of the current documents, and the problems of the posted checklist.
fn reviews(
    form: &BTreeMap<String, String>,
    current: &[Uuid],
    errs: &mut FieldErrors,
) -> Vec<Review> {
    let mut out = Vec::new();
    for id in current {
        match field(form, &format!("doc-{id}")).as_str() {
            "accept" => out.push(Review {
                id: *id,
                reason: None,
            }),
            "return" => {
                let key = format!("reason-{id}");
                let reason = field(form, &key);
                balai_core::text::check_len(&key, &reason, 1, TEXT_MAX, errs);
                out.push(Review {
                    id: *id,
                    reason: Some(reason),
                });
            }
            _ => {}
        }
    }
    out
}

pub(super) async fn act(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    raw: Result<Path<String>, PathRejection>,
    PageForm(form): PageForm<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let (app, ps) = super::visible(&st, &s, raw).await?;
    let state = app.state.clone().unwrap_or_default();
    let def = ps
        .workflow
        .check(
            &state,
            &field(&form, "action"),
            super::performer(&s),
            &app.facts(),
        )?
        .clone();
    if !super::handled_here(&def) {
        return Err(AppError::Conflict(
            "this step is taken on another page".into(),
        ));
    }
    let comment = field(&form, "comment");
    let mut errs = FieldErrors::new();
    let min = usize::from(def.reason_required);
    balai_core::text::check_len("comment", &comment, min, TEXT_MAX, &mut errs);
    let current: Vec<Uuid> = store::documents(&st.db, app.id)
        .await?
        .into_iter()
        .filter(|d| d.status != "replaced")
        .map(|d| d.id)
        .collect();
    let reviews = reviews(&form, &current, &mut errs);
    let returning = reviews.iter().any(|r| r.reason.is_some());
    if def.to == "returned" && !current.is_empty() && !returning {
        errs.add("docs", "permit-err-return-which");
    }
    if def.to != "returned" && returning {
        errs.add("docs", "permit-err-return-only");
    }
    if !errs.is_empty() {
        let msg = page.t("form-errors-summary");
        return again(
            page,
            &st,
            &s,
            &app,
            &ps,
            errs,
            msg,
            comment,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let version: i32 = field(&form, "version").parse().unwrap_or(0);
    let cal = balai_store::calendar::work_calendar(&st.db, None).await?;
    let today = cal.today(st.clock.as_ref());
    let due = ps
        .workflow
        .state(&def.to)
        .and_then(|x| state_due(x.sla, ps.standard.completion_time, &cal, today))
        .map(|d| d.date);
    let ctx = AuditCtx::new(
        s.actor.clone(),
        Some(s.ctx.request_id.clone()),
        st.clock.now(),
    );
    let step = Transition {
        id: app.id,
        expected_version: version,
        action: def.code.clone(),
        from_state: state,
        to_state: def.to.clone(),
        outcome: def.decides,
        due_on: due,
        at: ctx.at,
        comment: (!comment.is_empty()).then(|| comment.clone()),
        public: def.decides.is_some() || !def.effects.is_empty(),
        data: None,
    };
    match record(&st, &ctx, &app, &ps, &def, step, &reviews).await {
        Ok(()) => {
            Ok(Redirect::to(&format!("/konsol/permohonan/{}?selesai=1", app.id)).into_response())
        }
        Err(StoreError::Conflict(_)) => {
            let fresh = store::by_id(&st.db, app.id)
                .await?
                .ok_or(AppError::NotFound)?;
            let msg = page.t("permit-conflict-staff");
            again(
                page,
                &st,
                &s,
                &fresh,
                &ps,
                FieldErrors::new(),
                msg,
                comment,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The checklist, the step, its notice and its webhook, in one transaction.
async fn record(
    st: &AppState,
    ctx: &AuditCtx,
    app: &ApplicationRow,
    ps: &PermitService,
    def: &ActionDef,
    step: Transition,
    reviews: &[Review],
) -> Result<(), StoreError> {
    let mut tx = st.db.begin().await?;
    for r in reviews {
        store::review_document(&mut tx, ctx, app.id, r.id, r.reason.as_deref()).await?;
    }
    let comment = step.comment.clone().unwrap_or_default();
    let row = store::act(&mut tx, ctx, step).await?;
    if def.effects.contains(&Effect::NotifyApplicant) {
        notify(&mut tx, ctx, &row, ps, def, &comment).await?;
    }
    let event = if def.to == "returned" {
        Some("application.returned")
    } else if def.decides.is_some() {
        Some("application.decided")
    } else if def.to == "collected" {
        Some("application.collected")
    } else {
        None
    };
    if let Some(event) = event {
        let data = serde_json::json!({
            "registration_number": row.registration_number,
            "service": ps.svc.code,
            "state": row.state,
            "outcome": row.outcome,
        });
        balai_store::webhooks::publish(&mut tx, ctx, event, &row.id.to_string(), data).await?;
    }
    tx.commit().await
}

/// Tells the applicant in their inbox on the site what happened and why.
async fn notify(
    tx: &mut Tx,
    ctx: &AuditCtx,
    row: &ApplicationRow,
    ps: &PermitService,
    def: &ActionDef,
    comment: &str,
) -> Result<(), StoreError> {
    let Some(user) = row.applicant_user_id else {
        return Ok(());
    };
    let number = row.registration_number.clone().unwrap_or_default();
    let body = if comment.is_empty() {
        def.label_id.clone()
    } else {
        format!("{}: {comment}", def.label_id)
    };
    notifications::queue(
        tx,
        ctx,
        NewNotification {
            recipient_user_id: Some(user),
            organisation_id: Some(row.organisation_id),
            channel: Channel::Inbox,
            address: String::new(),
            subject: format!("{} {number}: {}", ps.svc.name, def.label_id),
            body,
            link: Some(format!("/akun/permohonan/{}", row.id)),
            about_type: "application".to_owned(),
            about_id: row.id.to_string(),
            due_by: None,
        },
    )
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn again(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    app: &ApplicationRow,
    ps: &PermitService,
    errors: FieldErrors,
    message: String,
    comment: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let form = FormState {
        errors,
        message: Some(message),
    };
    let t = super::detail::build(page, st, s, app, ps, form, comment).await?;
    Ok((status, Html(t.render()?)).into_response())
}
