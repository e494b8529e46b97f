//! `/konsol/pengguna/baru`: an administrator creates a staff account with a role, an
//! organisation and a first password that the holder must replace at their first sign-in.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_core::FieldErrors;
use balai_core::identity::{Permission, Role, check_password_strength};
use balai_core::ids::Email;
use balai_store::StoreError;
use balai_store::identity::{self as store, NewUser, OrganisationChoice};
use serde::Deserialize;
use uuid::Uuid;

use super::{allowed_orgs, audit_ctx, require_scope, staff_roles};
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::pages::auth::Msgs;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/konsol/pengguna/baru", get(new_page).post(create))
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
struct UserForm {
    name: String,
    email: String,
    role: String,
    organisation: String,
    password: String,
}

#[derive(Template)]
#[template(path = "console/users/new.html")]
struct NewPage {
    page: PageCtx,
    form: UserForm,
    roles: Vec<(String, String)>,
    orgs: Vec<OrganisationChoice>,
    msgs: Msgs,
}

async fn render(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    form: UserForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let msgs = Msgs::new(&page, errors, None);
    let form = UserForm {
        password: String::new(),
        ..form
    };
    let view = NewPage {
        roles: staff_roles(&page),
        orgs: allowed_orgs(st, s).await?,
        form,
        msgs,
        page,
    };
    Ok((status, Html(view.render()?)).into_response())
}

async fn new_page(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
) -> Result<Response, AppError> {
    s.require(Permission::UsersManage)?;
    render(
        page,
        &st,
        &s,
        UserForm::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// Parses the form; the organisation must be one the manager may pick, and every role but
/// the mall-wide ones belongs to an organisation.
fn parse(f: &UserForm, orgs: &[OrganisationChoice]) -> Result<NewUser, FieldErrors> {
    let mut errs = FieldErrors::new();
    balai_core::text::check_len("name", &f.name, 1, 120, &mut errs);
    let email = errs.take("email", Email::parse(&f.email));
    let role = match Role::parse(&f.role) {
        Ok(r) if r.is_staff() => Some(r),
        _ => {
            errs.add("role", "err-invalid-choice");
            None
        }
    };
    let org = match f.organisation.trim() {
        "" => None,
        raw => match Uuid::parse_str(raw)
            .ok()
            .filter(|id| orgs.iter().any(|o| o.id == *id))
        {
            Some(id) => Some(id),
            None => {
                errs.add("organisation", "err-invalid-choice");
                None
            }
        },
    };
    if org.is_none() && f.organisation.trim().is_empty() && role.is_some_and(|r| !r.is_mall_wide())
    {
        errs.add("organisation", "auth-err-org-required");
    }
    let _ = errs.take("password", check_password_strength(&f.password));
    match (email, role) {
        (Some(email), Some(role)) if errs.is_empty() => Ok(NewUser {
            email,
            display_name: f.name.trim().to_string(),
            role,
            organisation_id: org,
            officer_id: None,
            nik: None,
            phone: None,
            must_change_password: true,
        }),
        _ => Err(errs),
    }
}

async fn create(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(f): PageForm<UserForm>,
) -> Result<Response, AppError> {
    s.require(Permission::UsersManage)?;
    let orgs = allowed_orgs(&st, &s).await?;
    let new = match parse(&f, &orgs) {
        Ok(n) => n,
        Err(errs) => {
            return render(page, &st, &s, f, &errs, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    require_scope(&s, Permission::UsersManage, new.organisation_id)?;
    let hash = store::hash_password(&f.password).await?;
    let mut tx = st.db.begin().await?;
    let id = match store::create_user(&mut tx, &audit_ctx(&st, &s), &new, &hash).await {
        Ok(id) => id,
        Err(StoreError::Duplicate(_)) => {
            let mut errs = FieldErrors::new();
            errs.add("email", "auth-err-email-taken");
            return render(page, &st, &s, f, &errs, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    Ok(Redirect::to(&format!("/konsol/pengguna/{id}?ok=dibuat")).into_response())
}

#[cfg(test)]
#[allow(non_snake_case, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn org() -> OrganisationChoice {
        OrganisationChoice {
            id: Uuid::now_v7(),
            code: "DPMPTSP".into(),
            name: "DPMPTSP".into(),
        }
    }

    fn form(o: &OrganisationChoice) -> UserForm {
        UserForm {
            name: "Budi".into(),
            email: "budi@mesujikab.go.id".into(),
            role: "petugas".into(),
            organisation: o.id.to_string(),
            password: "Sandi-Awal-2026".into(),
        }
    }

    #[test]
    fn new_staff_must_change_the_first_password() {
        let o = org();
        let n = parse(&form(&o), std::slice::from_ref(&o)).unwrap();
        assert!(n.must_change_password);
        assert_eq!(n.organisation_id, Some(o.id));
    }

    #[test]
    fn organisation_bound_roles_need_an_organisation_the_manager_may_pick() {
        let o = org();
        let f = UserForm {
            organisation: String::new(),
            ..form(&o)
        };
        let errs = parse(&f, std::slice::from_ref(&o))
            .err()
            .unwrap_or_default();
        assert_eq!(errs.get("organisation"), Some("auth-err-org-required"));
        let f = UserForm {
            organisation: Uuid::now_v7().to_string(),
            ..form(&o)
        };
        let errs = parse(&f, std::slice::from_ref(&o))
            .err()
            .unwrap_or_default();
        assert_eq!(errs.get("organisation"), Some("err-invalid-choice"));
        let f = UserForm {
            role: "warga".into(),
            ..form(&o)
        };
        assert!(parse(&f, std::slice::from_ref(&o)).is_err());
    }
}
