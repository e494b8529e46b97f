//! `/daftar`: citizens register themselves (name, e-mail, password twice; NIK and phone
//! optional, the NIK checked by the rules of national-rules §5) and are signed in at once.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::header::{SET_COOKIE, USER_AGENT};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_core::FieldErrors;
use balai_core::identity::{Actor, Role, check_password_strength};
use balai_core::ids::{Email, Nik, Phone};
use balai_store::StoreError;
use balai_store::audit::AuditCtx;
use balai_store::identity::{self as store, NewUser};
use chrono::Duration;
use serde::Deserialize;

use super::{Msgs, start_session};
use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/daftar", get(form_page).post(submit))
}

/// Registrations per hour from one address: enough for a family or a kiosk at the mall.
const PER_IP_PER_HOUR: usize = 20;
const NAME_MAX: usize = 120;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub(crate) struct RegisterForm {
    pub name: String,
    pub email: String,
    pub password: String,
    pub password2: String,
    pub nik: String,
    pub phone: String,
}

#[derive(Template)]
#[template(path = "auth/register.html")]
struct RegisterPage {
    page: PageCtx,
    form: RegisterForm,
    msgs: Msgs,
    nik_label: String,
    phone_label: String,
}

impl RegisterPage {
    fn new(page: PageCtx, form: RegisterForm, msgs: Msgs) -> Self {
        let optional = |key: &str| format!("{} ({})", page.t(key), page.t("optional"));
        let (nik_label, phone_label) = (optional("auth-nik"), optional("auth-phone"));
        RegisterPage {
            page,
            form,
            msgs,
            nik_label,
            phone_label,
        }
    }
}

async fn form_page(page: PageCtx) -> Result<impl IntoResponse, AppError> {
    Ok(Html(
        RegisterPage::new(page, RegisterForm::default(), Msgs::default()).render()?,
    ))
}

/// Parses the form into a new citizen account, collecting every problem.
fn parse(f: &RegisterForm) -> Result<NewUser, FieldErrors> {
    let mut errs = FieldErrors::new();
    balai_core::text::check_len("name", &f.name, 1, NAME_MAX, &mut errs);
    let email = errs.take("email", Email::parse(&f.email));
    if errs
        .take("password", check_password_strength(&f.password))
        .is_some()
        && f.password != f.password2
    {
        errs.add("password2", "err-password-mismatch");
    }
    let nik = if f.nik.trim().is_empty() {
        None
    } else {
        errs.take("nik", Nik::parse(&f.nik))
    };
    let phone = if f.phone.trim().is_empty() {
        None
    } else {
        errs.take("phone", Phone::parse(&f.phone))
    };
    match email {
        Some(email) if errs.is_empty() => Ok(NewUser {
            email,
            display_name: f.name.trim().to_string(),
            role: Role::Warga,
            organisation_id: None,
            officer_id: None,
            nik,
            phone,
            must_change_password: false,
        }),
        _ => Err(errs),
    }
}

/// The form again with what was typed (never the passwords).
fn again(
    page: PageCtx,
    f: RegisterForm,
    status: StatusCode,
    errors: &FieldErrors,
    message: Option<String>,
) -> Result<Response, AppError> {
    let msgs = Msgs::new(&page, errors, message);
    let form = RegisterForm {
        password: String::new(),
        password2: String::new(),
        ..f
    };
    Ok((status, Html(RegisterPage::new(page, form, msgs).render()?)).into_response())
}

async fn submit(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    headers: HeaderMap,
    PageForm(f): PageForm<RegisterForm>,
) -> Result<Response, AppError> {
    let now = st.clock.now();
    let ip = ctx.ip.clone().unwrap_or_else(|| "-".into());
    if !st.limiter.allow(
        &format!("register:{ip}"),
        PER_IP_PER_HOUR,
        Duration::hours(1),
        now,
    ) {
        let msg = page.t("auth-rate-limited");
        return again(
            page,
            f,
            StatusCode::TOO_MANY_REQUESTS,
            &FieldErrors::new(),
            Some(msg),
        );
    }
    let new = match parse(&f) {
        Ok(n) => n,
        Err(errors) => return again(page, f, StatusCode::UNPROCESSABLE_ENTITY, &errors, None),
    };
    let hash = store::hash_password(&f.password).await?;
    // The new citizen is the actor of their own registration.
    let audit = AuditCtx::new(
        Actor {
            name: new.display_name.clone(),
            ..Actor::anonymous()
        },
        Some(ctx.request_id.clone()),
        now,
    );
    let mut tx = st.db.begin().await?;
    let id = match store::create_user(&mut tx, &audit, &new, &hash).await {
        Ok(id) => id,
        Err(StoreError::Duplicate(_)) => {
            let mut errors = FieldErrors::new();
            errors.add("email", "auth-err-email-taken");
            return again(page, f, StatusCode::UNPROCESSABLE_ENTITY, &errors, None);
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    let user = store::get_user(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let ua = headers.get(USER_AGENT).and_then(|v| v.to_str().ok());
    let cookie = start_session(&st, &ctx, &user, false, ua).await?;
    Ok(([(SET_COOKIE, cookie)], Redirect::to("/akun?baru=1")).into_response())
}

#[cfg(test)]
#[allow(non_snake_case, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn form() -> RegisterForm {
        RegisterForm {
            name: "Rina".into(),
            email: "rina@example.id".into(),
            password: "Sandi-Panjang-1".into(),
            password2: "Sandi-Panjang-1".into(),
            nik: String::new(),
            phone: String::new(),
        }
    }

    #[test]
    fn nik_and_phone_are_optional() {
        assert!(parse(&form()).is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once__national_rules_5() {
        let f = RegisterForm {
            name: String::new(),
            email: "bukan-email".into(),
            password2: "lain".into(),
            nik: "123".into(),
            ..form()
        };
        let errs = parse(&f).err().unwrap_or_default();
        assert_eq!(errs.get("name"), Some("err-required"));
        assert_eq!(errs.get("email"), Some("err-email-invalid"));
        assert_eq!(errs.get("password2"), Some("err-password-mismatch"));
        assert_eq!(errs.get("nik"), Some("err-nik-length"));
    }
}
