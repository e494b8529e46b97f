//! `/konsol/pengumuman/regulasi`: the list of regulations that apply, and a form to add one
//! (AnnouncementsManage). Published on `/regulasi`.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_core::FieldErrors;
use balai_core::identity::Permission;
use balai_store::content::{self, ContentError, REGULATION_KINDS, Regulation, RegulationDraft};
use std::collections::HashMap;

use super::{Messages, audit_ctx};
use crate::auth::Staff;
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::pages::content::regulation_kind_key;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/konsol/pengumuman/regulasi", get(show).post(create))
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
struct RegulationForm {
    kind: String,
    number: String,
    year: String,
    title: String,
    subject: String,
}

/// A kind of regulation with its label, for the select.
struct KindChoice {
    code: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "console/content/regulations.html")]
struct RegulationsPage {
    page: PageCtx,
    items: Vec<(String, Regulation)>,
    kinds: Vec<KindChoice>,
    form: RegulationForm,
    errors: Messages,
    saved: bool,
}

async fn render(
    page: PageCtx,
    st: &AppState,
    form: RegulationForm,
    errors: Messages,
    saved: bool,
) -> Result<RegulationsPage, AppError> {
    let items = content::regulations(&st.db)
        .await?
        .into_iter()
        .map(|r| (page.t(&regulation_kind_key(&r.kind)), r))
        .collect();
    let kinds = REGULATION_KINDS
        .iter()
        .map(|k| KindChoice {
            code: k,
            label: page.t(&regulation_kind_key(k)),
        })
        .collect();
    Ok(RegulationsPage {
        page,
        items,
        kinds,
        form,
        errors,
        saved,
    })
}

async fn show(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<impl IntoResponse, AppError> {
    s.0.require(Permission::AnnouncementsManage)?;
    let t = render(
        page,
        &st,
        RegulationForm::default(),
        Messages::default(),
        q.contains_key("tersimpan"),
    )
    .await?;
    Ok(Html(t.render()?))
}

async fn create(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    PageForm(form): PageForm<RegulationForm>,
) -> Result<Response, AppError> {
    s.0.require(Permission::AnnouncementsManage)?;
    let mut errs = FieldErrors::new();
    let year = form.year.trim().parse::<i32>().unwrap_or_else(|_| {
        errs.add("year", "err-invalid-number");
        0
    });
    let draft = RegulationDraft {
        kind: form.kind.trim().to_string(),
        number: form.number.clone(),
        year,
        title: form.title.clone(),
        subject: form.subject.clone(),
    };
    if let Err(more) = draft.check() {
        // An unreadable year is already reported; the range message would only repeat it.
        let year_reported = errs.get("year").is_some();
        errs.0.extend(
            more.0
                .into_iter()
                .filter(|(f, _)| !(year_reported && f == "year")),
        );
    }
    if errs.is_empty() {
        let ctx = audit_ctx(&s.0, &st);
        let mut tx = st.db.begin().await?;
        match content::create_regulation(&mut tx, &ctx, &draft).await {
            Ok(_) => {
                tx.commit().await?;
                return Ok(Redirect::to("/konsol/pengumuman/regulasi?tersimpan=1").into_response());
            }
            Err(ContentError::Invalid(r)) => errs = r.errors,
            Err(ContentError::Store(e)) => return Err(e.into()),
        }
    }
    let errors = Messages::from_keys(&page, &errs);
    let t = render(page, &st, form, errors, false).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(t.render()?)).into_response())
}
