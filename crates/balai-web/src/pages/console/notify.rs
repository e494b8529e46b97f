//! `/konsol/notifikasi`: notifications as staff see them — overdue first (not sent by their
//! statutory deadline, Batang Pasal 12(2)), with the reason a delivery failed and "send
//! again" for failed ones. Mall-wide roles see every notification; other staff see their
//! organisation's. Recipients' addresses are masked unless the role may see personal data.

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::identity::Permission;
use balai_core::notify::{Channel, NotificationStatus};
use balai_store::notifications::{self as store, Filter, NotificationRow};
use serde::Deserialize;
use uuid::Uuid;

use super::users::{audit_ctx, id_from_path};
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::pages::notify::when;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/notifikasi", get(list))
        .route("/konsol/notifikasi/{id}/kirim-ulang", post(resend))
}

/// Most notifications one list shows.
const LIST_MAX: i64 = 300;

/// The organisation whose notifications `s` sees: `None` = every one (mall-wide roles).
fn scope(s: &SignedIn) -> Option<Uuid> {
    if s.role.is_mall_wide() {
        None
    } else {
        Some(s.actor.organisation_id.unwrap_or(Uuid::nil()))
    }
}

/// Whether `s` may send notification `n` again.
fn may_resend(s: &SignedIn, n: &NotificationRow) -> bool {
    s.actor.has(Permission::NotificationsResend)
        && match n.organisation_id {
            Some(org) => s.actor.can_touch_org(org),
            None => s.role.is_mall_wide(),
        }
}

/// An address with its middle hidden: `wa***@example.id`, `+62812****7890`.
fn mask(address: &str) -> String {
    if let Some((local, domain)) = address.split_once('@') {
        let keep: String = local.chars().take(2).collect();
        return format!("{keep}***@{domain}");
    }
    let chars: Vec<char> = address.chars().collect();
    if chars.len() <= 8 {
        return "****".into();
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

struct Line {
    id: Uuid,
    subject: String,
    about: String,
    channel: String,
    address: String,
    status: String,
    status_class: &'static str,
    overdue: bool,
    due: String,
    sent: String,
    error: String,
    resend: bool,
}

#[derive(Template)]
#[template(path = "console/notify/list.html")]
struct ListPage {
    page: PageCtx,
    lines: Vec<Line>,
    status: String,
    overdue_only: bool,
    resent: bool,
    /// (code, label) of each status, for the filter.
    statuses: Vec<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    status: String,
    terlambat: String,
    dikirim: String,
}

fn line(st: &AppState, page: &PageCtx, s: &SignedIn, n: NotificationRow) -> Line {
    let now = st.clock.now();
    let status = n.status();
    let label = |id: &'static str, en: &'static str| page.pick(id, en).to_string();
    let channel = n
        .channel()
        .map(|c| label(c.label_id(), c.label_en()))
        .unwrap_or_else(|| n.channel.clone());
    let address = if n.channel() == Some(Channel::Inbox) {
        page.t("notify-inbox-of-account")
    } else if s.actor.has(Permission::PersonalDataView) {
        n.address.clone()
    } else {
        mask(&n.address)
    };
    Line {
        id: n.id,
        about: format!("{} {}", n.about_type, n.about_id),
        channel,
        address,
        status: label(status.label_id(), status.label_en()),
        status_class: match status {
            NotificationStatus::Sent => "badge-ok",
            NotificationStatus::Queued => "badge-muted",
            NotificationStatus::Failed => "badge-danger",
        },
        overdue: n.is_overdue(now),
        due: n.due_by.map(|d| when(st, page, d)).unwrap_or_default(),
        sent: n.sent_at.map(|d| when(st, page, d)).unwrap_or_default(),
        error: n.last_error.clone().unwrap_or_default(),
        resend: status == NotificationStatus::Failed && may_resend(s, &n),
        subject: n.subject,
    }
}

async fn list(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    // An unknown status in the address shows everything rather than an error page.
    let status = NotificationStatus::parse(&q.status).ok();
    let filter = Filter {
        status,
        overdue_only: !q.terlambat.is_empty(),
        organisation_id: scope(&s),
        now: Some(st.clock.now()),
        limit: LIST_MAX,
    };
    let rows = store::list(&st.db, &filter).await?;
    let lines = rows.into_iter().map(|n| line(&st, &page, &s, n)).collect();
    let statuses = NotificationStatus::ALL
        .iter()
        .map(|v| {
            (
                v.as_str().to_string(),
                page.pick(v.label_id(), v.label_en()).to_string(),
            )
        })
        .collect();
    let view = ListPage {
        lines,
        status: status.map(|v| v.as_str().to_string()).unwrap_or_default(),
        overdue_only: filter.overdue_only,
        resent: !q.dikirim.is_empty(),
        statuses,
        page,
    };
    Ok(Html(view.render()?).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct Empty {}

async fn resend(
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response, AppError> {
    s.require(Permission::NotificationsResend)?;
    let id = id_from_path(raw)?;
    let n = store::get(&st.db, id).await?.ok_or(AppError::NotFound)?;
    if !may_resend(&s, &n) {
        return Err(AppError::Forbidden);
    }
    let mut tx = st.db.begin().await?;
    store::resend(&mut tx, &audit_ctx(&st, &s), id).await?;
    tx.commit().await?;
    Ok(Redirect::to("/konsol/notifikasi?dikirim=1").into_response())
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn addresses_are_masked_in_the_middle() {
        assert_eq!(mask("warga@example.id"), "wa***@example.id");
        assert_eq!(mask("+6281234567890"), "+62812****7890");
        assert_eq!(mask("+62812"), "****");
    }
}
