//! Who is asking: the request context (language, session, CSRF token, request id) built once
//! per request, and extractors that demand a signed-in user or an API token.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::HeaderValue;
use axum::http::header::{AUTHORIZATION, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use balai_core::identity::{Actor, Permission, Role};
use balai_store::identity::SessionUser;
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "balai_sesi";
pub const CSRF_COOKIE: &str = "balai_csrf";
pub const LANG_COOKIE: &str = "balai_lang";

/// Built by [`request_context`] for every request and kept in its extensions.
#[derive(Debug, Clone, Default)]
pub struct RequestCtx {
    pub lang: Lang,
    pub path: String,
    pub user: Option<SessionUser>,
    /// The session token's hash, when a session cookie matched a live session.
    pub session_hash: Option<String>,
    pub csrf: String,
    pub request_id: String,
    pub ip: Option<String>,
}

/// A fresh random token, 32 bytes, URL-safe base64.
pub fn random_token() -> String {
    use base64::Engine;
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// SHA-256 hex of a secret token; only hashes are stored.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn cookie<'a>(parts: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    parts
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn query_lang(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Lang::parse(v))
}

/// Builds the [`RequestCtx`]; sets the CSRF cookie on first visit and the language cookie
/// when `?lang=` chose one.
pub async fn request_context(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let headers = req.headers();
    let lang_from_query = query_lang(req.uri().query());
    let lang = lang_from_query
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Lang::parse))
        .unwrap_or_default();
    let existing_csrf = cookie(headers, CSRF_COOKIE)
        .filter(|c| c.len() >= 32 && c.len() <= 64)
        .map(str::to_string);
    let csrf = existing_csrf.clone().unwrap_or_else(random_token);
    let mut user = None;
    let mut session_hash = None;
    if let Some(tok) = cookie(headers, SESSION_COOKIE) {
        let h = hash_token(tok);
        match balai_store::identity::session_user(&state.db, &h, state.clock.now()).await {
            Ok(Some(u)) => {
                user = Some(u);
                session_hash = Some(h);
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    // The client's address keys the rate limits. `X-Forwarded-For` is anyone's to write, so it
    // counts only when the operator says a reverse proxy sets it.
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let ip = if state.config.trust_proxy {
        forwarded.or(peer)
    } else {
        peer
    };
    let ctx = RequestCtx {
        lang,
        path: req.uri().path().to_string(),
        user,
        session_hash,
        csrf: csrf.clone(),
        request_id: Uuid::now_v7().to_string(),
        ip,
    };
    req.extensions_mut().insert(ctx);
    let mut res = next.run(req).await;
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    if existing_csrf.is_none() {
        let c = format!("{CSRF_COOKIE}={csrf}; Path=/; HttpOnly; SameSite=Lax{secure}");
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(SET_COOKIE, v);
        }
    }
    if let Some(l) = lang_from_query {
        let c = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
            l.code()
        );
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(SET_COOKIE, v);
        }
    }
    res
}

/// The cookie that starts a session (after login) or ends it (`token = None`).
pub fn session_cookie(state: &AppState, token: Option<&str>) -> HeaderValue {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let c = match token {
        Some(t) => format!(
            "{SESSION_COOKIE}={t}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            state.config.session_hours * 3600
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Checks a submitted form's CSRF token against the request's (double-submit cookie).
pub fn check_csrf(ctx: &RequestCtx, submitted: &str) -> Result<(), AppError> {
    use subtle_eq as eq;
    if !submitted.is_empty() && eq(submitted.as_bytes(), ctx.csrf.as_bytes()) {
        Ok(())
    } else {
        Err(AppError::Csrf)
    }
}

/// Constant-time comparison of two byte strings.
fn subtle_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl FromRequestParts<AppState> for RequestCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<RequestCtx>()
            .cloned()
            .unwrap_or_default())
    }
}

/// A signed-in user (any role) who passed the second factor where their role needs one.
/// Pages redirect to `/masuk` when there is none.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: SessionUser,
    pub role: Role,
    pub actor: Actor,
    pub ctx: RequestCtx,
}

impl SignedIn {
    pub fn require(&self, p: Permission) -> Result<(), AppError> {
        Ok(self.actor.require(p)?)
    }
}

/// The actor a session user acts as.
pub fn actor_of(u: &SessionUser, role: Role) -> Actor {
    Actor {
        user_id: Some(u.user_id),
        name: u.display_name.clone(),
        role: Some(role),
        organisation_id: u.organisation_id,
        permissions: balai_core::identity::role_permissions(role).to_vec(),
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        let ctx = parts
            .extensions
            .get::<RequestCtx>()
            .cloned()
            .unwrap_or_default();
        let user = ctx.user.clone().ok_or(AppError::Unauthorized)?;
        let role = user.role().ok_or(AppError::Forbidden)?;
        // Staff must pass TOTP before anything else (enrolment pages use the session directly).
        if role.is_staff() && !user.mfa_passed {
            return Err(AppError::MfaRequired);
        }
        let actor = actor_of(&user, role);
        Ok(SignedIn {
            user,
            role,
            actor,
            ctx,
        })
    }
}

/// A signed-in staff member (any role but warga).
#[derive(Debug, Clone)]
pub struct Staff(pub SignedIn);

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let s = SignedIn::from_request_parts(parts, state).await?;
        if !s.role.is_staff() {
            return Err(AppError::Forbidden);
        }
        Ok(Staff(s))
    }
}

/// An integration calling the JSON API with `Authorization: Bearer <token>`.
#[derive(Debug, Clone)]
pub struct ApiClient {
    pub actor: Actor,
    pub token_id: Uuid,
}

impl FromRequestParts<AppState> for ApiClient {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let raw = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= 128)
            .ok_or(AppError::Unauthorized)?;
        let row = balai_store::identity::token_by_hash(&state.db, &hash_token(raw))
            .await?
            .ok_or(AppError::Unauthorized)?;
        let actor = Actor {
            user_id: None,
            name: format!("token:{}", row.name),
            role: None,
            organisation_id: row.organisation_id,
            permissions: row.permission_list(),
        };
        // Record when the token was last used, without making the caller wait for the write.
        let (db, id, now) = (state.db.clone(), row.id, state.clock.now());
        tokio::spawn(async move {
            if let Err(e) = balai_store::identity::touch_token(&db, id, now).await {
                tracing::warn!(error = %e, "could not record token use");
            }
        });
        Ok(ApiClient {
            actor,
            token_id: row.id,
        })
    }
}
