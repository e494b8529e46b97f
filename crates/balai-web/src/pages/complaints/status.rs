//! `/pengaduan/status`: the complainant follows their complaint with its number and secret
//! tracking code, sees the stage, the current deadline with its article, the steps told to
//! them (obstacles included, Luwu Pasal 38(5)) and the decision; completes an incomplete
//! complaint, rates the handling and may reopen it once. The code travels in POST bodies only,
//! never in a URL. Wrong codes are rate-limited per complaint number.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use balai_core::complaints::{Action, Stage, tracking_digest};
use balai_core::identity::Actor;
use balai_store::StoreError;
use balai_store::audit::AuditCtx;
use balai_store::complaints::{self as store, ActionInput, ComplaintRow};
use chrono::Duration;

use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::pages::organisations::long_date;
use crate::state::AppState;

/// Wrong codes allowed per complaint number and per address in an hour.
const WRONG_CODES_PER_HOUR: usize = 10;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Lookup {
    pub number: String,
    pub code: String,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct StepForm {
    number: String,
    code: String,
    action: String,
    note: String,
    rating: String,
}

#[derive(Template)]
#[template(path = "complaints/lookup.html")]
struct LookupPage {
    page: PageCtx,
    form: Lookup,
    message: String,
}

/// One step shown to the complainant.
pub(super) struct StepView {
    when: String,
    label: String,
    note: String,
}

#[derive(Template)]
#[template(path = "complaints/status.html")]
struct StatusPage {
    page: PageCtx,
    c: ComplaintRow,
    code: String,
    stage: String,
    received: String,
    due: String,
    citation: String,
    steps: Vec<StepView>,
    compensation: String,
    compensation_due: String,
    can_complete: bool,
    can_rate: bool,
    can_reopen: bool,
    st: FormState,
}

pub(super) async fn ask(page: PageCtx) -> Result<Response, AppError> {
    let html = LookupPage {
        page,
        form: Lookup::default(),
        message: String::new(),
    }
    .render()?;
    Ok(Html(html).into_response())
}

/// Finds the complaint for a number and code, counting wrong codes.
pub(super) async fn find(
    st: &AppState,
    ctx: &RequestCtx,
    number: &str,
    code: &str,
) -> Result<Option<ComplaintRow>, AppError> {
    let mut missing = balai_core::FieldErrors::new();
    for (field, value) in [("number", number), ("code", code)] {
        if value.trim().is_empty() {
            missing.add(field, "err-required");
        }
    }
    if !missing.is_empty() {
        return Err(AppError::Invalid(missing));
    }
    let now = st.clock.now();
    let number = number.trim().to_uppercase();
    let ip = ctx.ip.clone().unwrap_or_default();
    let blocked = |key: String| {
        !st.limiter
            .allow(&key, WRONG_CODES_PER_HOUR, Duration::hours(1), now)
    };
    let found = match tracking_digest(code) {
        Some(digest) => store::by_tracking(&st.db, &number, &digest).await?,
        None => None,
    };
    if found.is_none()
        && (blocked(format!("complaint-code:{number}"))
            | blocked(format!("complaint-code-ip:{ip}")))
    {
        return Err(AppError::RateLimited);
    }
    Ok(found)
}

pub(super) async fn show(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    PageForm(f): PageForm<Lookup>,
) -> Result<Response, AppError> {
    let (status, key) = match find(&st, &ctx, &f.number, &f.code).await {
        Ok(Some(c)) => {
            let html = render(page, &st, c, f.code, FormState::default()).await?;
            return Ok(Html(html).into_response());
        }
        Ok(None) => (StatusCode::NOT_FOUND, "complaint-lookup-wrong"),
        Err(AppError::Invalid(_)) => (StatusCode::UNPROCESSABLE_ENTITY, "complaint-lookup-missing"),
        Err(e) => return Err(e),
    };
    let message = page.t(key);
    let html = LookupPage {
        page,
        form: f,
        message,
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

async fn render(
    page: PageCtx,
    st: &AppState,
    c: ComplaintRow,
    code: String,
    state: FormState,
) -> Result<String, AppError> {
    let (rules, _) = store::deadline_context(&st.db).await?;
    let stage = c.stage()?;
    let citation = c
        .due_rule
        .as_deref()
        .and_then(|code| rules.iter().find(|r| r.code == code))
        .map(|r| r.citation.clone())
        .unwrap_or_default();
    let steps = store::events(&st.db, c.id)
        .await?
        .into_iter()
        .filter(|e| e.public)
        .map(|e| StepView {
            when: long_date(page.lang, e.at.date_naive()),
            label: Action::parse(&e.action)
                .map(|a| page.pick(a.label_id(), a.label_en()).to_owned())
                .unwrap_or(e.action),
            note: e.note,
        })
        .collect();
    let money = |v: Option<i64>| {
        v.map(|v| balai_core::ids::Rupiah(v).display())
            .unwrap_or_default()
    };
    Ok(StatusPage {
        stage: page.pick(stage.label_id(), stage.label_en()).to_owned(),
        received: long_date(page.lang, c.received_at.date_naive()),
        due: if stage.is_final() {
            String::new()
        } else {
            c.due_date
                .map(|d| long_date(page.lang, d))
                .unwrap_or_default()
        },
        citation,
        steps,
        compensation: money(c.compensation_amount),
        compensation_due: c
            .compensation_due
            .map(|d| long_date(page.lang, d))
            .unwrap_or_default(),
        can_complete: stage == Stage::AwaitingCompletion,
        can_rate: stage == Stage::Closed && c.rating.is_none(),
        can_reopen: stage == Stage::Closed && c.reopen_count == 0,
        page,
        c,
        code,
        st: state,
    }
    .render()?)
}

/// The complainant's own steps: complete, rate, reopen.
pub(super) async fn act(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    PageForm(f): PageForm<StepForm>,
) -> Result<Response, AppError> {
    let Some(c) = find(&st, &ctx, &f.number, &f.code).await? else {
        return Err(AppError::NotFound);
    };
    let action = match Action::parse(&f.action) {
        Ok(a @ (Action::Complement | Action::Rate | Action::Reopen)) => a,
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    let (rules, calendar) = store::deadline_context(&st.db).await?;
    let input = ActionInput {
        action,
        expected_version: Some(c.version),
        note: f.note.clone(),
        privacy: None,
        route: None,
        decision: None,
        rating: f.rating.trim().parse().ok(),
        today: calendar.today(st.clock.as_ref()),
        rules,
        calendar,
    };
    let actor = Actor {
        name: "pengadu".to_owned(),
        ..crate::pages::complaints::public_actor(&ctx)
    };
    let audit = AuditCtx::new(actor, Some(ctx.request_id.clone()), st.clock.now());
    let mut tx = st.db.begin().await?;
    let outcome = store::act(&mut tx, &audit, c.id, &input).await;
    match outcome {
        Ok(after) => {
            tx.commit().await?;
            Ok(Html(render(page, &st, after, f.code, FormState::default()).await?).into_response())
        }
        // A refused step wrote nothing; dropping the transaction rolls it back.
        Err(StoreError::Invalid(errors)) => {
            drop(tx);
            let html = render(
                page,
                &st,
                c,
                f.code,
                FormState {
                    errors,
                    message: None,
                },
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(e) => {
            drop(tx);
            Err(e.into())
        }
    }
}
