//! The public content pages: the home page `/`, announcements `/pengumuman` (Seluma Pasal 28)
//! and the regulations that apply `/regulasi` (Batang Pasal 3(2)).
//!
//! The home page is the landing page on slow links: three small queries (counts, the mall's
//! week for "today", the latest announcements), no images but the logo, no script.

pub mod format;

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use balai_store::content::{self, Announcement, REGULATION_KINDS, Regulation};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/pengumuman", get(announcements))
        .route("/pengumuman/{id}", get(announcement))
        .route("/regulasi", get(regulations))
}

/// Announcements per page on `/pengumuman`.
const PER_PAGE: i64 = 20;

/// An announcement as the public pages show it.
pub struct AnnouncementView {
    pub id: String,
    pub title: String,
    pub body: Vec<String>,
    pub is_repair: bool,
    pub published: String,
    pub period: String,
    pub activity: String,
    pub person_in_charge: String,
    pub complaint_channels: Vec<String>,
}

impl AnnouncementView {
    pub fn new(lang: Lang, a: &Announcement) -> Self {
        AnnouncementView {
            id: a.id.to_string(),
            title: a.title.clone(),
            body: format::paragraphs(&a.body),
            is_repair: a.is_repair(),
            published: format::long_date(lang, a.published_on),
            period: format::period(lang, a.period_start, a.period_end),
            activity: a.activity.clone(),
            person_in_charge: a.person_in_charge.clone(),
            complaint_channels: format::lines(&a.complaint_channels),
        }
    }
}

/// Today in the mall's time zone (which announcements are out yet).
async fn mall_today(st: &AppState) -> Result<NaiveDate, AppError> {
    let week = balai_store::calendar::week_of(&st.db, None).await?;
    Ok(week.local_date(st.clock.now()))
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    page: PageCtx,
    about: Vec<String>,
    address: String,
    opening_hours: Vec<String>,
    phone: String,
    email: String,
    organisations: i64,
    services: i64,
    latest: Vec<AnnouncementView>,
    complaint_channels: Vec<String>,
}

async fn home(page: PageCtx, State(st): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let stats = content::home_stats(&st.db).await?;
    let today = mall_today(&st).await?;
    let latest = content::list_announcements(&st.db, None, Some(today), 3, 0).await?;
    let s = &st.settings;
    let about = if page.is_en() && !s.get("about_en").trim().is_empty() {
        s.get("about_en")
    } else {
        s.get("about_id")
    };
    let t = Home {
        about: format::paragraphs(&about),
        address: s.get("address"),
        // Stored as "Sen-Jum 08:00-15:00; Sab 08:00-12:00": one line per group of days.
        opening_hours: format::lines(&s.get("opening_hours").replace(';', "\n")),
        phone: s.get("phone"),
        email: s.get("email"),
        organisations: stats.organisations,
        services: stats.services,
        latest: latest
            .items
            .iter()
            .map(|a| AnnouncementView::new(page.lang, a))
            .collect(),
        complaint_channels: format::lines(&s.get("complaint_channels")),
        page,
    };
    Ok(Html(t.render()?))
}

#[derive(Template)]
#[template(path = "content/announcements.html")]
struct AnnouncementList {
    page: PageCtx,
    items: Vec<AnnouncementView>,
    page_no: i64,
    pages: i64,
}

/// `?halaman=N`, 1 when absent; a malformed or out-of-range number is a 404, like any page
/// that does not exist.
fn page_number(q: &HashMap<String, String>) -> Result<i64, AppError> {
    match q.get("halaman").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(1),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=100_000).contains(n))
            .ok_or(AppError::NotFound),
    }
}

async fn announcements(
    page: PageCtx,
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<impl IntoResponse, AppError> {
    let page_no = page_number(&q)?;
    let today = mall_today(&st).await?;
    let list = content::list_announcements(
        &st.db,
        None,
        Some(today),
        PER_PAGE,
        (page_no - 1) * PER_PAGE,
    )
    .await?;
    let pages = ((list.total + PER_PAGE - 1) / PER_PAGE).max(1);
    if page_no > pages {
        return Err(AppError::NotFound);
    }
    let t = AnnouncementList {
        items: list
            .items
            .iter()
            .map(|a| AnnouncementView::new(page.lang, a))
            .collect(),
        page_no,
        pages,
        page,
    };
    Ok(Html(t.render()?))
}

#[derive(Template)]
#[template(path = "content/announcement.html")]
struct AnnouncementPage {
    page: PageCtx,
    a: AnnouncementView,
    organisation: String,
}

async fn announcement(
    page: PageCtx,
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let a = content::announcement(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.published_on > mall_today(&st).await? {
        return Err(AppError::NotFound);
    }
    let organisation = match a.organisation_id {
        Some(org) => content::organisation_name(&st.db, org)
            .await?
            .unwrap_or_default(),
        None => String::new(),
    };
    let t = AnnouncementPage {
        a: AnnouncementView::new(page.lang, &a),
        organisation,
        page,
    };
    Ok(Html(t.render()?))
}

/// One kind of regulation and its entries.
struct RegulationGroup {
    kind: String,
    label: String,
    items: Vec<Regulation>,
}

#[derive(Template)]
#[template(path = "content/regulations.html")]
struct Regulations {
    page: PageCtx,
    groups: Vec<RegulationGroup>,
}

/// Groups regulations by kind, in the order of the hierarchy of laws.
fn group_regulations(page: &PageCtx, all: Vec<Regulation>) -> Vec<RegulationGroup> {
    let mut groups: Vec<RegulationGroup> = REGULATION_KINDS
        .iter()
        .map(|k| RegulationGroup {
            kind: (*k).to_string(),
            label: page.t(&regulation_kind_key(k)),
            items: Vec::new(),
        })
        .collect();
    for r in all {
        let slot = groups
            .iter()
            .position(|g| g.kind == r.kind)
            .unwrap_or(groups.len().saturating_sub(1));
        if let Some(g) = groups.get_mut(slot) {
            g.items.push(r);
        }
    }
    groups.retain(|g| !g.items.is_empty());
    groups
}

/// The Fluent key of a regulation kind's label.
pub fn regulation_kind_key(kind: &str) -> String {
    format!("regulation-kind-{}", kind.replace('_', "-"))
}

async fn regulations(
    page: PageCtx,
    State(st): State<AppState>,
) -> Result<impl IntoResponse, AppError> {
    let all = content::regulations(&st.db).await?;
    let groups = group_regulations(&page, all);
    Ok(Html(Regulations { page, groups }.render()?))
}
