//! `/konsol/maklumat`: service charters (maklumat pelayanan, Seluma Pasal 25; Luwu Pasal 32).
//! A charter is adopted, not edited: each adoption is kept, the latest is the one published.
//! The form starts from the current charter, or from the standard wording.

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_core::FieldErrors;
use balai_store::charters::{self, CharterInput};
use balai_store::organisations::{self as orgs, OrgFilter, OrganisationRow};
use serde::Deserialize;

use super::shared::{self, Msgs, Refusal};
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::pages::organisations::long_date;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/maklumat", get(list))
        .route("/konsol/maklumat/{kode}", get(show).post(adopt))
}

struct Row {
    code: String,
    name: String,
    adopted_on: String,
}

#[derive(Template)]
#[template(path = "console/organisations/charter_list.html")]
struct ListPage {
    page: PageCtx,
    rows: Vec<Row>,
}

async fn list(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
) -> Result<impl IntoResponse, AppError> {
    shared::require_manage(&s)?;
    let f = OrgFilter {
        only: shared::scope(&s),
        ..OrgFilter::default()
    };
    let mut rows = Vec::new();
    for o in orgs::list(&st.db, &f).await?.items {
        let current = charters::current(&st.db, o.org.id).await?;
        rows.push(Row {
            adopted_on: current
                .map(|c| long_date(page.lang, c.adopted_on))
                .unwrap_or_default(),
            code: o.org.code,
            name: o.org.name,
        });
    }
    Ok(Html(ListPage { page, rows }.render()?))
}

/// The adoption form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CharterForm {
    body: String,
    adopted_on: String,
    signed_by: String,
    signer_position: String,
}

impl CharterForm {
    fn parse(&self, org: &OrganisationRow) -> Result<CharterInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let body = shared::text("body", &self.body, 0, 4000, &mut e);
        let adopted_on = shared::date("adopted_on", &self.adopted_on, &mut e);
        let signed_by = shared::text("signed_by", &self.signed_by, 3, 120, &mut e);
        let signer_position =
            shared::text("signer_position", &self.signer_position, 2, 160, &mut e);
        match adopted_on {
            Some(adopted_on) if e.is_empty() => Ok(CharterInput {
                organisation_id: org.id,
                body,
                adopted_on,
                signed_by,
                signer_position,
            }),
            _ => Err(e),
        }
    }
}

struct HistoryItem {
    adopted_on: String,
    signed_by: String,
    signer_position: String,
    body: String,
}

#[derive(Template)]
#[template(path = "console/organisations/charter_form.html")]
struct FormPage {
    page: PageCtx,
    code: String,
    name: String,
    form: CharterForm,
    msgs: Msgs,
    history: Vec<HistoryItem>,
    saved: bool,
}

async fn render(
    page: PageCtx,
    st: &AppState,
    org: &OrganisationRow,
    form: CharterForm,
    state: &FormState,
    saved: bool,
) -> Result<String, AppError> {
    let history = charters::history(&st.db, org.id)
        .await?
        .into_iter()
        .map(|c| HistoryItem {
            adopted_on: long_date(page.lang, c.adopted_on),
            signed_by: c.signed_by,
            signer_position: c.signer_position,
            body: c.body,
        })
        .collect();
    let t = FormPage {
        code: org.code.clone(),
        name: org.name.clone(),
        msgs: Msgs::new(&page, state),
        form,
        history,
        saved,
        page,
    };
    Ok(t.render()?)
}

async fn managed_org(
    st: &AppState,
    s: &SignedIn,
    raw: Result<Path<String>, PathRejection>,
) -> Result<OrganisationRow, AppError> {
    shared::require_manage(s)?;
    let org = shared::org_from_path(st, raw).await?;
    shared::require_org(s, org.id)?;
    Ok(org)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SavedQuery {
    tersimpan: String,
}

async fn show(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    raw: Result<Path<String>, PathRejection>,
    Query(q): Query<SavedQuery>,
) -> Result<impl IntoResponse, AppError> {
    let org = managed_org(&st, &s, raw).await?;
    let current = charters::current(&st.db, org.id).await?;
    let form = CharterForm {
        body: current
            .as_ref()
            .map(|c| c.body.clone())
            .unwrap_or_else(|| balai_core::catalog::charter_default_text().to_string()),
        adopted_on: st.clock.now().date_naive().format("%Y-%m-%d").to_string(),
        signed_by: current
            .as_ref()
            .map(|c| c.signed_by.clone())
            .unwrap_or_else(|| org.head_name.clone()),
        signer_position: current
            .as_ref()
            .map(|c| c.signer_position.clone())
            .unwrap_or_else(|| org.head_position.clone()),
    };
    Ok(Html(
        render(
            page,
            &st,
            &org,
            form,
            &FormState::default(),
            !q.tersimpan.is_empty(),
        )
        .await?,
    ))
}

async fn adopt(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    raw: Result<Path<String>, PathRejection>,
    PageForm(form): PageForm<CharterForm>,
) -> Result<Response, AppError> {
    let org = managed_org(&st, &s, raw).await?;
    let refusal = match form.parse(&org) {
        Err(errors) => Refusal::Fields(errors),
        Ok(input) => {
            let mut tx = st.db.begin().await?;
            match charters::adopt(&mut tx, &shared::audit_ctx(&st, &s), &input).await {
                Ok(_) => {
                    tx.commit().await?;
                    return Ok(
                        Redirect::to(&format!("/konsol/maklumat/{}?tersimpan=1", org.code))
                            .into_response(),
                    );
                }
                Err(e) => shared::refusal(e)?,
            }
        }
    };
    let (state, status) = refusal.into_state(&page);
    Ok((
        status,
        Html(render(page, &st, &org, form, &state, false).await?),
    )
        .into_response())
}
