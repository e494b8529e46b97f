//! `/konsol/tanda-tangan`: a signing official's own signing key (Batang Pasal 14: signature
//! creation data under the signer's sole control). Enrolment makes a key pair whose private
//! half is encrypted under a signing passphrase the official types twice; only they can open
//! it. They can change the passphrase (knowing the old one) and revoke the key (a lost
//! passphrase, a key they no longer trust); documents signed before a revocation stay
//! authentic. Every change asks for the TOTP code again.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::FieldErrors;
use balai_core::identity::Permission;
use balai_docs::sign::{EncryptedKey, SignError, change_passphrase, generate_key};
use balai_store::StoreError;
use balai_store::signing::{self as store, NewKey, SigningKeySnapshot};
use serde::Deserialize;

use super::users::audit_ctx;
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::pages::auth::Msgs;
use crate::pages::auth::totp::check_in_tx;
use crate::pages::notify::when;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/tanda-tangan", get(show).post(enrol))
        .route("/konsol/tanda-tangan/sandi", post(change))
        .route("/konsol/tanda-tangan/cabut", post(revoke))
}

/// Longest position and revocation reason, in characters.
const POSITION_MAX: usize = 160;
const REASON_MAX: usize = 300;

struct KeyLine {
    key: SigningKeySnapshot,
    valid_from: String,
    revoked_at: Option<String>,
}

#[derive(Template)]
#[template(path = "console/signing/index.html")]
struct IndexPage {
    page: PageCtx,
    active: Option<KeyLine>,
    history: Vec<KeyLine>,
    position: String,
    reason: String,
    msgs: Msgs,
    done: String,
    bsre: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DoneQuery {
    selesai: String,
}

async fn render(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    entered: (String, String),
    errors: &FieldErrors,
    status: StatusCode,
    done: &str,
) -> Result<Response, AppError> {
    let lines: Vec<KeyLine> = store::keys_of(&st.db, s.user.user_id)
        .await?
        .into_iter()
        .map(|key| KeyLine {
            valid_from: when(st, &page, key.valid_from),
            revoked_at: key.revoked_at.map(|at| when(st, &page, at)),
            key,
        })
        .collect();
    let (active, history): (Vec<KeyLine>, Vec<KeyLine>) =
        lines.into_iter().partition(|l| l.key.revoked_at.is_none());
    let done = match done {
        "daftar" => page.t("signing-done-enrolled"),
        "sandi" => page.t("signing-done-changed"),
        "cabut" => page.t("signing-done-revoked"),
        _ => String::new(),
    };
    let view = IndexPage {
        active: active.into_iter().next(),
        history,
        position: entered.0,
        reason: entered.1,
        msgs: Msgs::new(&page, errors, None),
        done,
        bsre: st.signer.kind() == "bsre",
        page,
    };
    Ok((status, Html(view.render()?)).into_response())
}

fn one(field: &str, key: &str) -> FieldErrors {
    let mut e = FieldErrors::new();
    e.add(field, key);
    e
}

/// The page again with the input kept and the messages next to the fields (422).
async fn refuse(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    entered: (String, String),
    errs: FieldErrors,
) -> Result<Response, AppError> {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    render(page, st, s, entered, &errs, status, "").await
}

async fn show(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    s.require(Permission::DocumentsSign)?;
    let position = default_position(&s);
    let entered = (position, String::new());
    render(
        page,
        &st,
        &s,
        entered,
        &FieldErrors::new(),
        StatusCode::OK,
        &q.selesai,
    )
    .await
}

/// The position offered at enrolment: the role's label until the official writes theirs.
fn default_position(s: &SignedIn) -> String {
    s.role.label_id().to_string()
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct EnrolForm {
    position: String,
    passphrase: String,
    passphrase2: String,
    totp: String,
}

/// Checks a new passphrase typed twice; the message goes next to `field`.
fn check_new(field: &str, first: &str, second: &str, errs: &mut FieldErrors) {
    if let Err(e) = balai_docs::sign::check_passphrase_strength(first) {
        errs.add(field, e.message_key());
    } else if first != second {
        errs.add(&format!("{field}2"), "signing-err-mismatch");
    }
}

/// Runs Argon2id off the async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, SignError> + Send + 'static,
) -> Result<Result<T, SignError>, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

async fn enrol(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(f): PageForm<EnrolForm>,
) -> Result<Response, AppError> {
    s.require(Permission::DocumentsSign)?;
    let position = f.position.trim().to_string();
    let mut errs = FieldErrors::new();
    balai_core::text::check_len("position", &position, 2, POSITION_MAX, &mut errs);
    if position.chars().any(char::is_control) {
        errs.add("position", "err-unknown-value");
    }
    check_new("passphrase", &f.passphrase, &f.passphrase2, &mut errs);
    if !errs.is_empty() {
        return refuse(page, &st, &s, (position, String::new()), errs).await;
    }
    let passphrase = f.passphrase.clone();
    let (encrypted, public) = match blocking(move || generate_key(&passphrase)).await? {
        Ok(k) => k,
        Err(e) => return Err(AppError::Internal(e.to_string())),
    };
    let ctx = audit_ctx(&st, &s);
    let mut tx = st.db.begin().await?;
    if let Err(key) = check_in_tx(&st, &mut tx, s.user.user_id, &f.totp).await? {
        drop(tx);
        return refuse(page, &st, &s, (position, String::new()), one("totp", key)).await;
    }
    let new = NewKey {
        user_id: s.user.user_id,
        key_id: public.key_id(),
        public_key: public.to_hex(),
        encrypted_key: encrypted.to_string(),
        signer_name: s.user.display_name.clone(),
        position: position.clone(),
        organisation_id: s.user.organisation_id,
    };
    match store::enrol(&mut tx, &ctx, &new).await {
        Ok(_) => {}
        Err(StoreError::Duplicate(_)) => {
            drop(tx);
            let errs = one("passphrase", "signing-err-already");
            return refuse(page, &st, &s, (position, String::new()), errs).await;
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(Redirect::to("/konsol/tanda-tangan?selesai=daftar").into_response())
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ChangeForm {
    version: String,
    old_passphrase: String,
    new_passphrase: String,
    new_passphrase2: String,
    change_totp: String,
}

async fn change(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(f): PageForm<ChangeForm>,
) -> Result<Response, AppError> {
    s.require(Permission::DocumentsSign)?;
    let entered = (default_position(&s), String::new());
    let Some(key) = store::active_key(&st.db, s.user.user_id).await? else {
        return refuse(
            page,
            &st,
            &s,
            entered,
            one("old_passphrase", "signing-err-not-enrolled"),
        )
        .await;
    };
    let mut errs = FieldErrors::new();
    check_new(
        "new_passphrase",
        &f.new_passphrase,
        &f.new_passphrase2,
        &mut errs,
    );
    if !errs.is_empty() {
        return refuse(page, &st, &s, entered, errs).await;
    }
    let encrypted: EncryptedKey = key
        .encrypted_key
        .parse()
        .map_err(|e: SignError| AppError::Internal(e.to_string()))?;
    let tries = crate::signing::allow_attempt(&st, s.user.user_id);
    if !tries {
        return refuse(
            page,
            &st,
            &s,
            entered,
            one("old_passphrase", "auth-rate-limited"),
        )
        .await;
    }
    let (old, new) = (f.old_passphrase.clone(), f.new_passphrase.clone());
    let changed = match blocking(move || change_passphrase(&encrypted, &old, &new)).await? {
        Ok(k) => k,
        Err(e) => {
            let key = match e {
                SignError::WrongPassphrase => "signing-err-old-wrong",
                other => other.message_key(),
            };
            return refuse(page, &st, &s, entered, one("old_passphrase", key)).await;
        }
    };
    let version = f.version.trim().parse().unwrap_or(key.version);
    let ctx = audit_ctx(&st, &s);
    let mut tx = st.db.begin().await?;
    if let Err(k) = check_in_tx(&st, &mut tx, s.user.user_id, &f.change_totp).await? {
        drop(tx);
        return refuse(page, &st, &s, entered, one("change_totp", k)).await;
    }
    match store::replace_encrypted_key(&mut tx, &ctx, key.id, version, changed.as_str()).await {
        Ok(_) => {}
        Err(StoreError::Conflict(_)) => {
            drop(tx);
            return refuse(
                page,
                &st,
                &s,
                entered,
                one("old_passphrase", "signing-err-conflict"),
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(Redirect::to("/konsol/tanda-tangan?selesai=sandi").into_response())
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RevokeForm {
    version: String,
    reason: String,
    revoke_totp: String,
}

async fn revoke(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(f): PageForm<RevokeForm>,
) -> Result<Response, AppError> {
    s.require(Permission::DocumentsSign)?;
    let reason = f.reason.trim().to_string();
    let entered = (default_position(&s), reason.clone());
    let Some(key) = store::active_key(&st.db, s.user.user_id).await? else {
        return refuse(
            page,
            &st,
            &s,
            entered,
            one("reason", "signing-err-not-enrolled"),
        )
        .await;
    };
    let mut errs = FieldErrors::new();
    balai_core::text::check_len("reason", &reason, 3, REASON_MAX, &mut errs);
    if !errs.is_empty() {
        return refuse(page, &st, &s, entered, errs).await;
    }
    let version = f.version.trim().parse().unwrap_or(key.version);
    let ctx = audit_ctx(&st, &s);
    let mut tx = st.db.begin().await?;
    if let Err(k) = check_in_tx(&st, &mut tx, s.user.user_id, &f.revoke_totp).await? {
        drop(tx);
        return refuse(page, &st, &s, entered, one("revoke_totp", k)).await;
    }
    match store::revoke(&mut tx, &ctx, key.id, version, &reason).await {
        Ok(_) => {}
        Err(StoreError::Conflict(_)) => {
            drop(tx);
            return refuse(
                page,
                &st,
                &s,
                entered,
                one("reason", "signing-err-conflict"),
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(Redirect::to("/konsol/tanda-tangan?selesai=cabut").into_response())
}
