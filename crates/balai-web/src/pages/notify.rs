//! `/akun/pesan`: the signed-in person's inbox. Newest first, unread ones marked; opening a
//! message marks it read (audited, the first time only) and links to what it is about. A
//! message is shown to its recipient alone: anyone else gets 404, as if it did not exist.

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use balai_core::notify::Channel;
use balai_store::audit::AuditCtx;
use balai_store::notifications::{self as store, NotificationRow};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::page::PageCtx;
use crate::pages::content::format;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/akun/pesan", get(inbox))
        .route("/akun/pesan/{id}", get(message))
}

/// Most messages the inbox lists.
const INBOX_MAX: i64 = 200;

/// An instant in the office's zone, e.g. "2 November 2026 09:00:05 WIB".
pub(crate) fn when(st: &AppState, page: &PageCtx, at: DateTime<Utc>) -> String {
    let (hours, zone) = match st.settings.get("utc_offset_hours").trim() {
        "8" => (8, "WITA"),
        "9" => (9, "WIT"),
        _ => (7, "WIB"),
    };
    format::local_time(page.lang, at, hours, zone)
}

/// A link people may follow: a path on this site or an http(s) URL; anything else (a
/// `javascript:` URL in a hand-made notification) is not shown.
pub(crate) fn safe_link(link: Option<&str>) -> Option<String> {
    let l = link?.trim();
    let ok = (l.starts_with('/') && !l.starts_with("//"))
        || l.starts_with("https://")
        || l.starts_with("http://");
    ok.then(|| l.to_string())
}

/// One line of the inbox.
struct Line {
    id: Uuid,
    subject: String,
    when: String,
    unread: bool,
}

#[derive(Template)]
#[template(path = "notify/inbox.html")]
struct InboxPage {
    page: PageCtx,
    lines: Vec<Line>,
    unread: usize,
}

async fn inbox(
    page: PageCtx,
    s: SignedIn,
    State(st): State<AppState>,
) -> Result<Response, AppError> {
    let rows = store::inbox(&st.db, s.user.user_id, INBOX_MAX).await?;
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|n| Line {
            id: n.id,
            when: when(&st, &page, n.created_at),
            unread: n.read_at.is_none(),
            subject: n.subject,
        })
        .collect();
    let view = InboxPage {
        unread: lines.iter().filter(|l| l.unread).count(),
        lines,
        page,
    };
    Ok(([(CACHE_CONTROL, "no-store")], Html(view.render()?)).into_response())
}

#[derive(Template)]
#[template(path = "notify/message.html")]
struct MessagePage {
    page: PageCtx,
    subject: String,
    when: String,
    paragraphs: Vec<String>,
    link: Option<String>,
}

/// The message, if it is `user`'s inbox message; otherwise `NotFound`.
async fn own_message(st: &AppState, user: Uuid, id: Uuid) -> Result<NotificationRow, AppError> {
    store::get(&st.db, id)
        .await?
        .filter(|n| n.recipient_user_id == Some(user) && n.channel() == Some(Channel::Inbox))
        .ok_or(AppError::NotFound)
}

async fn message(
    page: PageCtx,
    s: SignedIn,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    let id = Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)?;
    let mut n = own_message(&st, s.user.user_id, id).await?;
    if n.read_at.is_none() {
        let ctx = AuditCtx::new(
            s.actor.clone(),
            Some(s.ctx.request_id.clone()),
            st.clock.now(),
        );
        let mut tx = st.db.begin().await?;
        n = store::mark_read(&mut tx, &ctx, id).await?;
        tx.commit().await?;
    }
    let view = MessagePage {
        when: when(&st, &page, n.created_at),
        paragraphs: format::paragraphs(&n.body),
        link: safe_link(n.link.as_deref()),
        subject: n.subject,
        page,
    };
    Ok(([(CACHE_CONTROL, "no-store")], Html(view.render()?)).into_response())
}
