//! The second factor for staff (RFC 6238 TOTP: SHA-1, 6 digits, 30-second steps, one step of
//! clock drift either way). `/masuk/totp/daftar` enrols an authenticator app (secret, QR code
//! and otpauth URI); `/masuk/totp` asks for a code at each sign-in. A code is accepted once:
//! the store remembers the last accepted step per account. Time is the application clock, so
//! tests move it instead of waiting.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_core::FieldErrors;
use balai_core::identity::Role;
use balai_store::audit::{self, AuditCtx, Change};
use balai_store::identity::{self as store, SessionUser};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use totp_rs::{Algorithm, Secret, TOTP};

use super::{LanjutQuery, Msgs, landing, safe_target, with_lanjut};
use crate::auth::{RequestCtx, actor_of};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/masuk/totp", get(code_page).post(code_submit))
        .route("/masuk/totp/daftar", get(enrol_page).post(enrol_submit))
}

const STEP_SECONDS: i64 = 30;
/// Code attempts per account in five minutes: with three valid codes at any moment, ten
/// tries give a guesser odds of 1 in 33,000 per window.
const TRIES_PER_5_MIN: usize = 10;

/// A TOTP for checking codes and, with issuer and account, for the otpauth URI.
fn totp(secret_b32: &str, issuer: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_string()).to_bytes().ok()?;
    // The otpauth label uses ':' as its separator; neither part may contain one.
    let issuer = issuer.replace(':', " ");
    let account = account.replace(':', " ");
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECONDS as u64,
        bytes,
        Some(issuer),
        account,
    )
    .ok()
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The time step whose code `code` is, within one step of `now`; `None` when it matches none.
fn matching_step(t: &TOTP, code: &str, now: DateTime<Utc>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let current = now.timestamp().div_euclid(STEP_SECONDS);
    (current - 1..=current + 1).find(|step| {
        let at = u64::try_from(step * STEP_SECONDS).unwrap_or(0);
        same(t.generate(at).as_bytes(), code.as_bytes())
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CodeForm {
    code: String,
    lanjut: String,
}

#[derive(Template)]
#[template(path = "auth/totp.html")]
struct CodePage {
    page: PageCtx,
    lanjut: String,
    msgs: Msgs,
}

/// Where a session that already passed (or does not need) this step goes instead.
fn skip_target(u: &SessionUser, lanjut: &str) -> Option<String> {
    let role = u.role();
    if u.mfa_passed || !role.is_some_and(Role::is_staff) {
        return Some(landing(role, u.must_change_password, Some(lanjut)));
    }
    None
}

async fn code_page(
    page: PageCtx,
    ctx: RequestCtx,
    Query(q): Query<LanjutQuery>,
) -> Result<Response, AppError> {
    let Some(u) = ctx.user else {
        return Ok(Redirect::to("/masuk").into_response());
    };
    if let Some(t) = skip_target(&u, &q.lanjut) {
        return Ok(Redirect::to(&t).into_response());
    }
    if !u.totp_enabled {
        return Ok(
            Redirect::to(&with_lanjut("/masuk/totp/daftar", Some(&q.lanjut))).into_response(),
        );
    }
    let lanjut = safe_target(&q.lanjut).unwrap_or_default();
    Ok(Html(
        CodePage {
            page,
            lanjut,
            msgs: Msgs::default(),
        }
        .render()?,
    )
    .into_response())
}

/// Why a code was refused.
enum Refusal {
    TooMany,
    Wrong,
    Used,
}

impl Refusal {
    fn key(&self) -> (&'static str, StatusCode) {
        match self {
            Refusal::TooMany => ("auth-rate-limited", StatusCode::TOO_MANY_REQUESTS),
            Refusal::Wrong => ("auth-totp-wrong", StatusCode::UNPROCESSABLE_ENTITY),
            Refusal::Used => ("auth-totp-used", StatusCode::UNPROCESSABLE_ENTITY),
        }
    }
}

/// Checks `code` against `secret` for the session's account and, when it is right and fresh,
/// passes the session (and, on enrolment, switches the secret on) in one transaction.
async fn accept_code(
    st: &AppState,
    ctx: &RequestCtx,
    u: &SessionUser,
    secret: &str,
    code: &str,
    enrol: bool,
) -> Result<Result<(), Refusal>, AppError> {
    let now = st.clock.now();
    if !st.limiter.allow(
        &format!("totp:{}", u.user_id),
        TRIES_PER_5_MIN,
        Duration::minutes(5),
        now,
    ) {
        return Ok(Err(Refusal::TooMany));
    }
    let role = u.role().ok_or(AppError::Forbidden)?;
    let audit = AuditCtx::new(actor_of(u, role), Some(ctx.request_id.clone()), now);
    let hash = ctx.session_hash.clone().ok_or(AppError::Unauthorized)?;
    let step = totp(secret, "", "").and_then(|t| matching_step(&t, code, now));
    let mut tx = st.db.begin().await?;
    let Some(step) = step else {
        audit::record(
            &mut tx,
            &audit,
            Change::new("mfa_failed", "user", u.user_id),
        )
        .await?;
        tx.commit().await?;
        return Ok(Err(Refusal::Wrong));
    };
    if !store::accept_totp_step(&mut tx, u.user_id, step).await? {
        return Ok(Err(Refusal::Used));
    }
    if enrol {
        store::enable_totp(&mut tx, &audit, u.user_id).await?;
    }
    store::mark_mfa_passed(&mut tx, &audit, &hash, u.user_id).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

async fn code_submit(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    PageForm(f): PageForm<CodeForm>,
) -> Result<Response, AppError> {
    let Some(u) = ctx.user.clone() else {
        return Ok(Redirect::to("/masuk").into_response());
    };
    if let Some(t) = skip_target(&u, &f.lanjut) {
        return Ok(Redirect::to(&t).into_response());
    }
    let secret = match store::totp_secret(&st.db, u.user_id).await? {
        Some(s) if u.totp_enabled => s,
        _ => {
            return Ok(
                Redirect::to(&with_lanjut("/masuk/totp/daftar", Some(&f.lanjut))).into_response(),
            );
        }
    };
    match accept_code(&st, &ctx, &u, &secret, &f.code, false).await? {
        Ok(()) => Ok(
            Redirect::to(&landing(u.role(), u.must_change_password, Some(&f.lanjut)))
                .into_response(),
        ),
        Err(r) => {
            let (key, status) = r.key();
            let mut errors = FieldErrors::new();
            errors.add("code", key);
            let msgs = Msgs::new(&page, &errors, None);
            let lanjut = safe_target(&f.lanjut).unwrap_or_default();
            Ok((status, Html(CodePage { page, lanjut, msgs }.render()?)).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "auth/totp_enrol.html")]
struct EnrolPage {
    page: PageCtx,
    secret: String,
    /// The secret in groups of four, as people type it (apps ignore the spaces).
    secret_groups: String,
    /// The otpauth URI in pieces, joined with `<wbr>` so it wraps on a narrow screen.
    uri_pieces: Vec<String>,
    qr: String,
    lanjut: String,
    msgs: Msgs,
}

/// The pending secret of the account, made and stored (audited) on the first visit.
async fn pending_secret(
    st: &AppState,
    ctx: &RequestCtx,
    u: &SessionUser,
) -> Result<String, AppError> {
    if let Some(s) = store::totp_secret(&st.db, u.user_id).await? {
        return Ok(s);
    }
    let Secret::Encoded(secret) = Secret::generate_secret().to_encoded() else {
        return Err(AppError::Internal(
            "the TOTP secret could not be encoded".into(),
        ));
    };
    let role = u.role().ok_or(AppError::Forbidden)?;
    let audit = AuditCtx::new(
        actor_of(u, role),
        Some(ctx.request_id.clone()),
        st.clock.now(),
    );
    let mut tx = st.db.begin().await?;
    store::set_totp_secret(&mut tx, &audit, u.user_id, &secret).await?;
    tx.commit().await?;
    Ok(secret)
}

/// The enrolment page for `secret`, with `status` and messages.
fn enrol_view(
    st: &AppState,
    page: PageCtx,
    u: &SessionUser,
    secret: String,
    lanjut: &str,
    msgs: Msgs,
    status: StatusCode,
) -> Result<Response, AppError> {
    let t = totp(&secret, &st.config.totp_issuer, &u.email)
        .ok_or_else(|| AppError::Internal("the stored TOTP secret is not valid".into()))?;
    let uri = t.get_url();
    let qr = balai_docs::qr_svg(&uri).map_err(|e| AppError::Internal(e.to_string()))?;
    let lanjut = safe_target(lanjut).unwrap_or_default();
    let view = EnrolPage {
        page,
        secret_groups: chunks(&secret, 4).join(" "),
        secret,
        uri_pieces: chunks(&uri, 16),
        qr,
        lanjut,
        msgs,
    };
    Ok((status, Html(view.render()?)).into_response())
}

/// `s` cut into pieces of `n` characters.
fn chunks(s: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    chars.chunks(n.max(1)).map(|c| c.iter().collect()).collect()
}

/// Where the enrolment pages send a session that has nothing to enrol.
fn enrol_redirect(u: &SessionUser, lanjut: &str) -> Option<String> {
    if let Some(t) = skip_target(u, lanjut) {
        return Some(t);
    }
    u.totp_enabled
        .then(|| with_lanjut("/masuk/totp", Some(lanjut)))
}

async fn enrol_page(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    Query(q): Query<LanjutQuery>,
) -> Result<Response, AppError> {
    let Some(u) = ctx.user.clone() else {
        return Ok(Redirect::to("/masuk").into_response());
    };
    if let Some(t) = enrol_redirect(&u, &q.lanjut) {
        return Ok(Redirect::to(&t).into_response());
    }
    let secret = pending_secret(&st, &ctx, &u).await?;
    enrol_view(
        &st,
        page,
        &u,
        secret,
        &q.lanjut,
        Msgs::default(),
        StatusCode::OK,
    )
}

async fn enrol_submit(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    PageForm(f): PageForm<CodeForm>,
) -> Result<Response, AppError> {
    let Some(u) = ctx.user.clone() else {
        return Ok(Redirect::to("/masuk").into_response());
    };
    if let Some(t) = enrol_redirect(&u, &f.lanjut) {
        return Ok(Redirect::to(&t).into_response());
    }
    let secret = pending_secret(&st, &ctx, &u).await?;
    match accept_code(&st, &ctx, &u, &secret, &f.code, true).await? {
        Ok(()) => Ok(
            Redirect::to(&landing(u.role(), u.must_change_password, Some(&f.lanjut)))
                .into_response(),
        ),
        Err(r) => {
            let (key, status) = r.key();
            let mut errors = FieldErrors::new();
            errors.add("code", key);
            let msgs = Msgs::new(&page, &errors, None);
            enrol_view(&st, page, &u, secret, &f.lanjut, msgs, status)
        }
    }
}

/// Checks a staff member's TOTP code for an action that asks for it again (signing a
/// document): `Ok(Err(message key))` when it is wrong or already used. The code is spent in
/// `tx`, so it is spent only if the action commits.
pub(crate) async fn check_in_tx(
    st: &AppState,
    tx: &mut balai_store::Tx,
    user_id: uuid::Uuid,
    code: &str,
) -> Result<Result<(), &'static str>, AppError> {
    let Some(secret) = store::totp_secret_in_tx(tx, user_id).await? else {
        return Ok(Err("auth-totp-wrong"));
    };
    let now = st.clock.now();
    let Some(step) = totp(&secret, "", "").and_then(|t| matching_step(&t, code, now)) else {
        return Ok(Err("auth-totp-wrong"));
    };
    if !store::accept_totp_step(tx, user_id, step).await? {
        return Ok(Err("auth-totp-used"));
    }
    Ok(Ok(()))
}

#[cfg(test)]
#[allow(non_snake_case, clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    #[test]
    fn a_code_matches_its_own_step_and_one_step_either_side__rfc6238_5_2() {
        let t = totp(SECRET, "Balai", "a@b.id").unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap();
        let step = now.timestamp() / 30;
        let code_at = |s: i64| t.generate((s * 30) as u64);
        assert_eq!(matching_step(&t, &code_at(step), now), Some(step));
        assert_eq!(matching_step(&t, &code_at(step - 1), now), Some(step - 1));
        assert_eq!(matching_step(&t, &code_at(step + 1), now), Some(step + 1));
        assert_eq!(matching_step(&t, &code_at(step + 2), now), None);
        assert_eq!(matching_step(&t, "12345", now), None);
        assert_eq!(matching_step(&t, "abcdef", now), None);
    }

    #[test]
    fn otpauth_uri_names_issuer_and_account() {
        let t = totp(SECRET, "MPP: Mesuji", "a@b.id").unwrap();
        let uri = t.get_url();
        assert!(uri.starts_with("otpauth://totp/"));
        assert!(uri.contains("secret="));
        assert!(uri.contains("issuer=MPP"));
    }
}
