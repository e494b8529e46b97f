//! `/konsol/token`: API tokens for integrations (`TokensManage`). A token belongs to one
//! organisation (or, made by a mall-wide manager, to the whole mall) and carries a set of
//! permissions — never one its maker lacks. Only its SHA-256 is stored; the token itself is on
//! the page that answers the creation, once, and never again.

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::CACHE_CONTROL;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::FieldErrors;
use balai_core::identity::Permission;
use balai_store::identity::{self as store, NewToken, OrganisationChoice, TokenListItem};
use serde::Deserialize;
use uuid::Uuid;

use super::{allowed_orgs, audit_ctx, id_from_path, require_scope};
use crate::auth::{SignedIn, Staff, hash_token, random_token};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::pages::auth::Msgs;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/token", get(list).post(create))
        .route("/konsol/token/{id}/cabut", post(revoke))
}

/// A token line with its permissions spelled out.
struct Line {
    item: TokenListItem,
    permissions: String,
}

#[derive(Template)]
#[template(path = "console/users/tokens.html")]
struct ListPage {
    page: PageCtx,
    rows: Vec<Line>,
    orgs: Vec<OrganisationChoice>,
    /// (code, label, ticked) of each permission the manager may grant.
    perms: Vec<(String, String, bool)>,
    mall_wide: bool,
    token_name: String,
    organisation: String,
    revoked: bool,
    msgs: Msgs,
}

fn label(page: &PageCtx, p: Permission) -> String {
    if page.is_en() {
        p.label_en().to_string()
    } else {
        p.label_id().to_string()
    }
}

/// The permissions `s` may put on a token: those it holds itself.
fn grantable(s: &SignedIn) -> Vec<Permission> {
    Permission::all()
        .iter()
        .copied()
        .filter(|p| s.actor.has(*p))
        .collect()
}

/// The organisation whose tokens the manager sees: `None` = all (mall-wide).
fn scope(s: &SignedIn) -> Option<Uuid> {
    if s.role.is_mall_wide() {
        None
    } else {
        Some(s.actor.organisation_id.unwrap_or(Uuid::nil()))
    }
}

struct Entered {
    name: String,
    organisation: String,
    ticked: Vec<Permission>,
}

async fn render(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    entered: Entered,
    revoked: bool,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let rows = store::list_tokens(&st.db, scope(s))
        .await?
        .into_iter()
        .map(|item| {
            let names: Vec<String> = item
                .permission_list()
                .into_iter()
                .map(|p| label(&page, p))
                .collect();
            Line {
                permissions: names.join(", "),
                item,
            }
        })
        .collect();
    let perms = grantable(s)
        .into_iter()
        .map(|p| {
            (
                p.as_str().to_string(),
                label(&page, p),
                entered.ticked.contains(&p),
            )
        })
        .collect();
    let msgs = Msgs::new(&page, errors, None);
    let view = ListPage {
        rows,
        orgs: allowed_orgs(st, s).await?,
        perms,
        mall_wide: s.role.is_mall_wide(),
        token_name: entered.name,
        organisation: entered.organisation,
        revoked,
        msgs,
        page,
    };
    Ok((status, Html(view.render()?)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    dicabut: String,
}

async fn list(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    s.require(Permission::TokensManage)?;
    let entered = Entered {
        name: String::new(),
        organisation: String::new(),
        ticked: Vec::new(),
    };
    render(
        page,
        &st,
        &s,
        entered,
        !q.dicabut.is_empty(),
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// Reads the repeated `permission` fields and the rest of the form, collecting problems.
fn parse(
    pairs: &[(String, String)],
    s: &SignedIn,
    orgs: &[OrganisationChoice],
) -> (Entered, Result<NewToken, FieldErrors>) {
    let field = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let (name, organisation) = (field("name"), field("organisation"));
    let allowed = grantable(s);
    let mut errs = FieldErrors::new();
    balai_core::text::check_len("name", &name, 1, 100, &mut errs);
    let mut ticked = Vec::new();
    for (_, v) in pairs.iter().filter(|(k, _)| k == "permission") {
        match Permission::parse(v) {
            Ok(p) if allowed.contains(&p) && !ticked.contains(&p) => ticked.push(p),
            Ok(p) if ticked.contains(&p) => {}
            _ => errs.add("permissions", "err-invalid-choice"),
        }
    }
    if ticked.is_empty() && errs.get("permissions").is_none() {
        errs.add("permissions", "auth-err-permissions-empty");
    }
    let org = match organisation.as_str() {
        "" if s.role.is_mall_wide() => None,
        "" => {
            errs.add("organisation", "auth-err-org-required");
            None
        }
        raw => {
            let id = Uuid::parse_str(raw)
                .ok()
                .filter(|id| orgs.iter().any(|o| o.id == *id));
            if id.is_none() {
                errs.add("organisation", "err-invalid-choice");
            }
            id
        }
    };
    let result = if errs.is_empty() {
        Ok(NewToken {
            name: name.clone(),
            organisation_id: org,
            permissions: ticked.clone(),
            created_by: s.actor.user_id,
        })
    } else {
        Err(errs)
    };
    (
        Entered {
            name,
            organisation,
            ticked,
        },
        result,
    )
}

#[derive(Template)]
#[template(path = "console/users/token_created.html")]
struct CreatedPage {
    page: PageCtx,
    name: String,
    token: String,
}

async fn create(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    s.require(Permission::TokensManage)?;
    let orgs = allowed_orgs(&st, &s).await?;
    let (entered, parsed) = parse(&pairs, &s, &orgs);
    let new = match parsed {
        Ok(n) => n,
        Err(errs) => {
            return render(
                page,
                &st,
                &s,
                entered,
                false,
                &errs,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    require_scope(&s, Permission::TokensManage, new.organisation_id)?;
    // A recognisable prefix lets secret scanners spot a leaked token.
    let token = format!("balai_{}", random_token());
    let mut tx = st.db.begin().await?;
    store::create_token(&mut tx, &audit_ctx(&st, &s), &new, &hash_token(&token)).await?;
    tx.commit().await?;
    let view = CreatedPage {
        page,
        name: new.name,
        token,
    };
    // The only time the token exists outside the caller's hands: keep it out of caches.
    Ok(([(CACHE_CONTROL, "no-store")], Html(view.render()?)).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct Empty {}

async fn revoke(
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response, AppError> {
    s.require(Permission::TokensManage)?;
    let id = id_from_path(raw)?;
    let t = store::get_token(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    require_scope(&s, Permission::TokensManage, t.organisation_id)?;
    let mut tx = st.db.begin().await?;
    store::revoke_token(&mut tx, &audit_ctx(&st, &s), id).await?;
    tx.commit().await?;
    Ok(Redirect::to("/konsol/token?dicabut=1").into_response())
}
