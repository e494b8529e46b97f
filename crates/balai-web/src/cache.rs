//! A small in-process cache of public, anonymous GET responses (the catalogue pages and the
//! public API), because the catalogue is read far more often than it changes.
//!
//! - Only requests without a session or bearer token are served from it, and only 200
//!   answers that set no cookie are kept.
//! - Forms on cached pages carry a CSRF token: pages are rendered with a placeholder that is
//!   replaced by each visitor's own token on the way out.
//! - Any successful write through this process empties it; entries also expire after
//!   [`TTL_SECS`] on the application clock, which bounds staleness when several processes
//!   share one PostgreSQL database or a scheduled announcement's day arrives.

use std::collections::HashMap;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use crate::auth::RequestCtx;
use crate::state::AppState;

/// How long an entry may be served, in seconds of the application clock.
pub const TTL_SECS: i64 = 10;
/// At most this many entries; when full the cache starts again (random query strings must
/// not grow memory without bound).
const MAX_ENTRIES: usize = 512;
/// Larger bodies are not kept.
const MAX_BODY: usize = 256 * 1024;
/// Stands in for the visitor's CSRF token in cached HTML.
pub const CSRF_PLACEHOLDER: &str = "__balai_csrf_placeholder__";

/// Paths whose anonymous GET answers are the same for everyone. Downloads of uploaded files
/// (`/instansi/{kode}/kesepakatan`) are streamed from the object store and never kept here:
/// they may be megabytes each.
fn cacheable_path(path: &str) -> bool {
    if path.ends_with("/kesepakatan") {
        return false;
    }
    path == "/"
        || ["/layanan", "/instansi", "/pengumuman", "/regulasi"]
            .iter()
            .any(|p| path == *p || path.starts_with(&format!("{p}/")))
        || path.starts_with("/api/v1/services")
        || path.starts_with("/api/v1/organisations")
        || path.starts_with("/api/v1/counters")
        || path.starts_with("/api/v1/announcements")
        || path.starts_with("/api/v1/regulations")
        || path == "/api/openapi.json"
}

struct Entry {
    generation: u64,
    stored_at: DateTime<Utc>,
    content_type: HeaderValue,
    body: Bytes,
    has_placeholder: bool,
}

#[derive(Default)]
pub struct ResponseCache {
    generation: AtomicU64,
    entries: RwLock<HashMap<String, Entry>>,
}

impl std::fmt::Debug for ResponseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseCache")
            .field("generation", &self.generation)
            .finish()
    }
}

impl ResponseCache {
    /// Forgets everything (after a write).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::Release);
        if let Ok(mut m) = self.entries.write() {
            m.clear();
        }
    }

    fn get(&self, key: &str, now: DateTime<Utc>) -> Option<(HeaderValue, Bytes, bool)> {
        let generation = self.generation.load(Ordering::Acquire);
        let m = self.entries.read().ok()?;
        let e = m.get(key)?;
        let age = now.signed_duration_since(e.stored_at).num_seconds();
        (e.generation == generation && (0..TTL_SECS).contains(&age))
            .then(|| (e.content_type.clone(), e.body.clone(), e.has_placeholder))
    }

    fn put(&self, key: String, generation: u64, now: DateTime<Utc>, ct: HeaderValue, body: Bytes) {
        let has_placeholder = memchr_str(&body, CSRF_PLACEHOLDER);
        if let Ok(mut m) = self.entries.write() {
            if m.len() >= MAX_ENTRIES {
                m.clear();
            }
            m.insert(
                key,
                Entry {
                    generation,
                    stored_at: now,
                    content_type: ct,
                    body,
                    has_placeholder,
                },
            );
        }
    }
}

fn memchr_str(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn respond(ct: HeaderValue, body: Bytes, has_placeholder: bool, csrf: &str) -> Response {
    let body = if has_placeholder {
        let text = String::from_utf8_lossy(&body).replace(CSRF_PLACEHOLDER, csrf);
        Body::from(text)
    } else {
        Body::from(body)
    };
    let mut res = (StatusCode::OK, body).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, ct);
    res
}

/// Serves cacheable requests from the cache; empties it after any successful write.
pub async fn cache_layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let method = req.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let res = next.run(req).await;
        if !res.status().is_server_error() {
            state.cache.invalidate();
        }
        return res;
    }
    let Some(ctx) = req.extensions().get::<RequestCtx>().cloned() else {
        return next.run(req).await;
    };
    let anonymous = ctx.user.is_none() && !req.headers().contains_key(header::AUTHORIZATION);
    if method != Method::GET || !anonymous || !cacheable_path(&ctx.path) {
        return next.run(req).await;
    }
    let key = format!("{}|{}", ctx.lang.code(), req.uri());
    let now = state.clock.now();
    if let Some((ct, body, ph)) = state.cache.get(&key, now) {
        return respond(ct, body, ph, &ctx.csrf);
    }
    let generation = state.cache.generation.load(Ordering::Acquire);
    // Render with the placeholder so the stored copy holds no visitor's token.
    let mut cached_ctx = ctx.clone();
    cached_ctx.csrf = CSRF_PLACEHOLDER.to_string();
    req.extensions_mut().insert(cached_ctx);
    let res = next.run(req).await;
    let keep = res.status() == StatusCode::OK && !res.headers().contains_key(header::SET_COOKIE);
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY * 8).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "response too large").into_response();
    };
    let ct = parts.headers.get(header::CONTENT_TYPE).cloned();
    if keep
        && bytes.len() <= MAX_BODY
        && let Some(ct) = ct.clone()
    {
        state.cache.put(key, generation, now, ct, bytes.clone());
    }
    let has_placeholder = memchr_str(&bytes, CSRF_PLACEHOLDER);
    let mut out = if has_placeholder {
        let text = String::from_utf8_lossy(&bytes).replace(CSRF_PLACEHOLDER, &ctx.csrf);
        Response::from_parts(parts, Body::from(text))
    } else {
        Response::from_parts(parts, Body::from(bytes))
    };
    out.headers_mut().remove(header::CONTENT_LENGTH);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_catalogue_paths_are_cached() {
        for p in [
            "/",
            "/layanan",
            "/layanan/KTP-EL",
            "/instansi/DPMPTSP",
            "/api/v1/services/KTP-EL",
        ] {
            assert!(cacheable_path(p), "{p}");
        }
        for p in [
            "/konsol",
            "/masuk",
            "/akun",
            "/layanankita",
            "/api/v1/token",
            "/metrics",
        ] {
            assert!(!cacheable_path(p), "{p}");
        }
    }

    #[test]
    fn uploaded_agreement_documents_are_never_cached() {
        assert!(cacheable_path("/instansi/DPMPTSP"));
        for p in [
            "/instansi/DPMPTSP/kesepakatan",
            "/instansi/DISDUKCAPIL/kesepakatan",
            "/instansi/x/kesepakatan",
        ] {
            assert!(!cacheable_path(p), "{p}");
        }
    }

    #[test]
    fn entries_expire_and_writes_empty_the_cache() {
        let c = ResponseCache::default();
        let t0 = Utc::now();
        let ct = HeaderValue::from_static("text/html");
        c.put("k".into(), 0, t0, ct.clone(), Bytes::from_static(b"x"));
        assert!(c.get("k", t0).is_some());
        assert!(
            c.get("k", t0 + chrono::Duration::seconds(TTL_SECS))
                .is_none(),
            "expired"
        );
        assert!(
            c.get("k", t0 - chrono::Duration::seconds(1)).is_none(),
            "clock moved back"
        );
        c.invalidate();
        assert!(c.get("k", t0).is_none(), "a write empties the cache");
        c.put("k".into(), 0, t0, ct, Bytes::from_static(b"x"));
        assert!(
            c.get("k", t0).is_none(),
            "an entry rendered before a write is not served"
        );
    }
}
