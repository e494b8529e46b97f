//! A service's page in the console: its details and its standard versions, "Buat versi baru"
//! (a new draft that starts as a copy of the adopted standard), and the preview that shows any
//! version as the public page would.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use balai_core::catalog::{ServiceCategory, ServiceKind, ServiceStandard, StandardStatus};
use balai_core::identity::Permission;
use balai_store::standards::{self, StandardError, VersionRow};
use chrono::NaiveDate;

use super::rows::Pairs;
use super::view::{StandardView, fmt_date};
use super::{audit_ctx, load_service, load_version, standard_error};
use crate::auth::Staff;
use crate::error::AppError;
use crate::forms::PageForm;
use crate::i18n::Lang;
use crate::page::PageCtx;
use crate::state::AppState;

/// A status as a badge: label and badge class.
pub(super) fn status_badge(lang: Lang, status: &str) -> (String, &'static str) {
    let Ok(s) = StandardStatus::parse(status) else {
        return (status.to_string(), "badge-muted");
    };
    let class = match s {
        StandardStatus::Draft => "badge-muted",
        StandardStatus::Consultation => "badge-warn",
        StandardStatus::Adopted => "badge-ok",
        StandardStatus::Superseded => "badge-muted",
    };
    (
        if lang == Lang::En {
            s.label_en()
        } else {
            s.label_id()
        }
        .to_string(),
        class,
    )
}

fn period(lang: Lang, from: Option<NaiveDate>, until: Option<NaiveDate>) -> String {
    match (from, until) {
        (Some(f), Some(u)) => format!("{} – {}", fmt_date(lang, f), fmt_date(lang, u)),
        _ => String::new(),
    }
}

pub(super) struct VersionLine {
    pub(super) no: i32,
    pub(super) status: String,
    pub(super) badge: &'static str,
    pub(super) period: String,
    pub(super) effective: String,
    pub(super) decree: String,
    pub(super) note: String,
}

impl VersionLine {
    pub(super) fn new(lang: Lang, v: &VersionRow) -> VersionLine {
        let (status, badge) = status_badge(lang, &v.status);
        VersionLine {
            no: v.version_no,
            status,
            badge,
            period: period(lang, v.comment_from, v.comment_until),
            effective: v
                .effective_from
                .map(|d| fmt_date(lang, d))
                .unwrap_or_default(),
            decree: v.decree_number.clone(),
            note: v.change_note.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "console/services/service.html")]
struct ServicePage {
    page: PageCtx,
    code: String,
    name: String,
    kind: String,
    modes: Vec<String>,
    keywords: String,
    ticket_prefix: String,
    active: bool,
    versions: Vec<VersionLine>,
    can_manage: bool,
    can_draft: bool,
    open_draft: Option<i32>,
}

pub(super) async fn service_page(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    let versions = standards::list_for_service(&st.db, svc.id).await?;
    let lang = page.lang;
    let en = lang == Lang::En;
    let kind = ServiceKind::parse(&svc.kind)
        .map(|k| if en { k.label_en() } else { k.label_id() })
        .unwrap_or_default();
    let category = ServiceCategory::parse(&svc.category)
        .map(|c| if en { c.label_en() } else { c.label_id() })
        .unwrap_or_default();
    let open = [
        StandardStatus::Draft.as_str(),
        StandardStatus::Consultation.as_str(),
    ];
    let view = ServicePage {
        code: svc.code.clone(),
        name: page.pick(&svc.name, &svc.name_en).to_string(),
        kind: format!("{kind} · {category}"),
        modes: svc
            .mode_list()
            .iter()
            .map(|m| if en { m.label_en() } else { m.label_id() }.to_string())
            .collect(),
        keywords: svc.keywords.clone(),
        ticket_prefix: svc.ticket_prefix.clone(),
        active: svc.active,
        versions: versions.iter().map(|v| VersionLine::new(lang, v)).collect(),
        can_manage: s.actor.has(Permission::CatalogManage),
        can_draft: s.actor.has(Permission::StandardDraft),
        open_draft: versions
            .iter()
            .find(|v| open.contains(&v.status.as_str()))
            .map(|v| v.version_no),
        page,
    };
    Ok(Html(view.render()?).into_response())
}

/// "Buat versi baru": a new draft that starts as a copy of the adopted standard.
pub(super) async fn new_version(
    Staff(s): Staff,
    State(st): State<AppState>,
    Path(code): Path<String>,
    PageForm(_p): PageForm<Pairs>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    s.actor
        .require_org(Permission::StandardDraft, svc.organisation_id)?;
    let base = match svc.published_version_id {
        Some(id) => standards::get(&st.db, id)
            .await?
            .map(|v| v.standard())
            .transpose()?
            .unwrap_or_default(),
        None => ServiceStandard::default(),
    };
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    match standards::create_draft(&mut tx, &ctx, svc.id, &base, "").await {
        Ok(v) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!(
                "/konsol/layanan/{}/versi/{}/ubah",
                svc.code, v.version_no
            ))
            .into_response())
        }
        Err(StandardError::OpenDraftExists(no)) => {
            Ok(Redirect::to(&format!("/konsol/layanan/{}/versi/{no}", svc.code)).into_response())
        }
        Err(e) => Err(standard_error(e)),
    }
}

#[derive(Template)]
#[template(path = "console/services/preview.html")]
struct PreviewPage {
    page: PageCtx,
    code: String,
    name: String,
    v: VersionLine,
    std: StandardView,
}

/// The public view of any version, drafts included, before anyone else sees it.
pub(super) async fn preview(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path((code, no)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    let v = load_version(&st, &svc, &no).await?;
    let view = PreviewPage {
        code: svc.code.clone(),
        name: page.pick(&svc.name, &svc.name_en).to_string(),
        v: VersionLine::new(page.lang, &v),
        std: StandardView::new(page.lang, &v.standard()?),
        page,
    };
    Ok(Html(view.render()?).into_response())
}
