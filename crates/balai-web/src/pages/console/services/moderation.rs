//! `/konsol/konsultasi`: public comments on draft standards wait here until a moderator
//! approves (shown on the service's page) or rejects them.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use balai_core::catalog::ParticipantGroup;
use balai_core::identity::Permission;
use balai_store::consultation::{self, ConsultationError};
use uuid::Uuid;

use super::rows::Pairs;
use super::view::fmt_date;
use super::{audit_ctx, org_scope};
use crate::auth::Staff;
use crate::error::AppError;
use crate::forms::PageForm;
use crate::i18n::Lang;
use crate::page::PageCtx;
use crate::state::AppState;

pub(super) struct Item {
    id: String,
    service_code: String,
    service: String,
    version_no: i32,
    name: String,
    group: String,
    body: String,
    date: String,
}

#[derive(Template)]
#[template(path = "console/services/moderation.html")]
struct ModerationPage {
    page: PageCtx,
    items: Vec<Item>,
}

pub(super) async fn index(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
) -> Result<Response, AppError> {
    s.require(Permission::CommentModerate)?;
    let rows = consultation::pending(&st.db, org_scope(&s.actor)).await?;
    let en = page.lang == Lang::En;
    let items = rows
        .iter()
        .map(|c| Item {
            id: c.id.to_string(),
            service_code: c.service_code.clone(),
            service: page.pick(&c.service_name, &c.service_name_en).to_string(),
            version_no: c.version_no,
            name: c.author_name.clone(),
            group: ParticipantGroup::parse(&c.author_group)
                .map(|g| if en { g.label_en() } else { g.label_id() })
                .unwrap_or_default()
                .to_string(),
            body: c.body.clone(),
            date: fmt_date(page.lang, c.created_at.date_naive()),
        })
        .collect();
    Ok(Html(ModerationPage { page, items }.render()?).into_response())
}

/// Approves or rejects one pending comment (`action=approve|reject`).
pub(super) async fn moderate(
    Staff(s): Staff,
    State(st): State<AppState>,
    Path(id): Path<String>,
    PageForm(p): PageForm<Pairs>,
) -> Result<Response, AppError> {
    s.require(Permission::CommentModerate)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let item = consultation::comment_item(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    s.actor
        .require_org(Permission::CommentModerate, item.organisation_id)?;
    let approve = match p.get("action") {
        "approve" => true,
        "reject" => false,
        _ => {
            return Err(AppError::BadRequest(
                "action must be approve or reject".into(),
            ));
        }
    };
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    match consultation::moderate(&mut tx, &ctx, id, approve).await {
        Ok(_) => tx.commit().await?,
        Err(ConsultationError::Store(e)) => return Err(e.into()),
        Err(other) => return Err(AppError::Conflict(other.to_string())),
    }
    Ok(Redirect::to("/konsol/konsultasi").into_response())
}
