//! `/survei/{kode}`: one short page with the respondent profile, the questions and a
//! suggestion; no name, no NIK (PermenPANRB 14/2017 Lampiran). A used, expired or unknown
//! code gets a page that says so plainly.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balai_core::survey::{Answers, Education, Occupation, Sex};
use balai_store::audit::AuditCtx;
use balai_store::survey::{self as store, Channel, InvitationState};
use futures::FutureExt;

use super::{ElementText, element_text};
use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::state::AppState;

/// Code lookups and submissions allowed per address per hour: enough for a counter tablet,
/// far too few to guess a 49-bit code.
const TRIES_PER_HOUR: usize = 120;

#[derive(Template)]
#[template(path = "survey/enter.html")]
struct EnterPage {
    page: PageCtx,
    code: String,
    error: String,
}

/// `/survei`: a box to type the code printed on the ticket, receipt or letter.
pub(super) async fn enter(page: PageCtx) -> Result<Html<String>, AppError> {
    Ok(Html(
        EnterPage {
            page,
            code: String::new(),
            error: String::new(),
        }
        .render()?,
    ))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct CodeInput {
    code: String,
}

/// Sends a typed code on to its page (`ABCDE-FGHJK` and `abcdefghjk` both work).
pub(super) async fn enter_code(
    page: PageCtx,
    PageForm(input): PageForm<CodeInput>,
) -> Result<Response, AppError> {
    let code = store::normalise_code(&input.code);
    if code.is_empty() {
        let error = page.t("err-required");
        let body = EnterPage {
            page,
            code: input.code,
            error,
        }
        .render()?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(body)).into_response());
    }
    Ok(Redirect::to(&format!("/survei/{code}")).into_response())
}

struct Choice {
    value: &'static str,
    label: &'static str,
}

fn choices<T: Copy>(
    page: &PageCtx,
    all: &[T],
    f: impl Fn(T) -> (&'static str, &'static str, &'static str),
) -> Vec<Choice> {
    all.iter()
        .map(|v| {
            let (value, id, en) = f(*v);
            Choice {
                value,
                label: if page.is_en() { en } else { id },
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "survey/respond.html")]
struct RespondPage {
    page: PageCtx,
    code: String,
    service_name: String,
    elements: Vec<ElementText>,
    sexes: Vec<Choice>,
    educations: Vec<Choice>,
    occupations: Vec<Choice>,
    input: BTreeMap<String, String>,
    st: FormState,
    suggestion_label: String,
}

impl RespondPage {
    fn value(&self, field: &str) -> &str {
        self.input.get(field).map(String::as_str).unwrap_or("")
    }

    fn checked(&self, field: &str, value: &str) -> bool {
        self.value(field) == value
    }
}

#[derive(Template)]
#[template(path = "survey/message.html")]
struct MessagePage {
    page: PageCtx,
    title: String,
    body: String,
}

fn message(page: PageCtx, status: StatusCode, key: &str) -> Result<Response, AppError> {
    let title = page.t(&format!("{key}-title"));
    let body = page.t(&format!("{key}-body"));
    Ok((status, Html(MessagePage { page, title, body }.render()?)).into_response())
}

fn refused(page: PageCtx, state: &InvitationState) -> Result<Response, AppError> {
    match state {
        InvitationState::Used => message(page, StatusCode::GONE, "skm-code-used"),
        InvitationState::Expired => message(page, StatusCode::GONE, "skm-code-expired"),
        _ => message(page, StatusCode::NOT_FOUND, "skm-code-unknown"),
    }
}

fn limited(st: &AppState, ctx: &RequestCtx) -> bool {
    let key = format!("survey:{}", ctx.ip.as_deref().unwrap_or("-"));
    !st.limiter.allow(
        &key,
        TRIES_PER_HOUR,
        chrono::Duration::hours(1),
        st.clock.now(),
    )
}

async fn render_form(
    st: &AppState,
    page: PageCtx,
    code: String,
    service_id: uuid::Uuid,
    input: BTreeMap<String, String>,
    form: FormState,
) -> Result<Response, AppError> {
    let def = store::current_definition(&st.db).await?;
    let service_name = match balai_store::services::get(&st.db, service_id).await? {
        Some(s) => page.pick(&s.name, &s.name_en).to_owned(),
        None => String::new(),
    };
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let suggestion_label = format!("{} ({})", page.t("skm-suggestion"), page.t("optional"));
    let view = RespondPage {
        suggestion_label,
        elements: def
            .elements
            .iter()
            .map(|e| element_text(&page, e))
            .collect(),
        sexes: choices(&page, Sex::ALL, |v| {
            (v.as_str(), v.label_id(), v.label_en())
        }),
        educations: choices(&page, Education::ALL, |v| {
            (v.as_str(), v.label_id(), v.label_en())
        }),
        occupations: choices(&page, Occupation::ALL, |v| {
            (v.as_str(), v.label_id(), v.label_en())
        }),
        page,
        code,
        service_name,
        input,
        st: form,
    };
    Ok((status, Html(view.render()?)).into_response())
}

/// The questionnaire for an open code, or why it cannot be answered.
pub(super) async fn form(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    if limited(&st, &ctx) {
        return Err(AppError::RateLimited);
    }
    let code = store::normalise_code(&raw);
    match store::invitation_state(&st.db, &code, st.clock.now()).await? {
        InvitationState::Open(inv) => {
            // The counter's tablet opens the form with `?mode=tablet`; the answer records it.
            let input: BTreeMap<String, String> = q
                .into_iter()
                .filter(|(k, v)| k == "mode" && v == "tablet")
                .collect();
            render_form(&st, page, code, inv.service_id, input, FormState::default()).await
        }
        other => refused(page, &other),
    }
}

/// Stores the answers (group commit) and thanks the respondent; bad answers come back next to
/// their questions with everything else kept.
pub(super) async fn submit(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(input): PageForm<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    if limited(&st, &ctx) {
        return Err(AppError::RateLimited);
    }
    let code = store::normalise_code(&raw);
    let inv = match store::invitation_state(&st.db, &code, st.clock.now()).await? {
        InvitationState::Open(inv) => inv,
        other => return refused(page, &other),
    };
    let def = store::current_definition(&st.db).await?;
    let answers = match Answers::parse(&def, &input) {
        Ok(a) => a,
        Err(errors) => {
            let form = FormState {
                errors,
                message: None,
            };
            return render_form(&st, page, code, inv.service_id, input, form).await;
        }
    };
    let channel = if input.get("mode").is_some_and(|m| m == "tablet") {
        Channel::Tablet
    } else {
        Channel::Online
    };
    let actx = AuditCtx::new(
        balai_core::identity::Actor::anonymous(),
        Some(ctx.request_id.clone()),
        st.clock.now(),
    );
    let stored_code = code.clone();
    let outcome = st
        .db
        .batcher()
        .run(move |tx| {
            async move {
                // Before the first response the regulation's default is adopted, so the
                // version the respondent answered is on record.
                store::ensure_default(tx, &actx).await?;
                store::submit_with_code(tx, &actx, &stored_code, channel, def.version, answers)
                    .await
            }
            .boxed()
        })
        .await?;
    match outcome {
        Ok(_) => message(page, StatusCode::OK, "skm-thanks"),
        Err(state) => refused(page, &state),
    }
}
