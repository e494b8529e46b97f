//! The public catalogue: `/layanan` (search and filters) and `/layanan/{kode}` (the whole
//! published standard of one service, its version history, and the comment form while a draft
//! is open for public comment — Seluma Pasal 21(2), 23; Luwu Pasal 26(2), 27).
//!
//! The standard is shown through `pages::console::services::view`, shared with the console's
//! preview so an administrator sees a draft exactly as the public will.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_core::FieldErrors;
use balai_core::catalog::{ParticipantGroup, ServiceKind, ServiceMode};
use balai_store::audit::AuditCtx;
use balai_store::consultation::{self, ConsultationError, NewComment};
use balai_store::services::{self, PublishedService, ServiceFilter};
use balai_store::standards::{self, VersionInfo};

use crate::auth::{RequestCtx, actor_of};
use crate::error::{AppError, urlencode};
use crate::forms::PageForm;
use crate::i18n::{I18n, Lang, arg};
use crate::page::PageCtx;
use crate::pages::console::services::view::{
    Choice, StandardView, completion_label, fmt_date, fmt_rupiah, mode_choices, paras, today,
};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/layanan", get(list))
        .route("/layanan/{kode}", get(detail))
        .route("/layanan/{kode}/konsultasi", axum::routing::post(comment))
}

/// Services per page of the public list.
const PER_PAGE: u32 = 20;

pub(crate) struct ItemView {
    pub code: String,
    pub name: String,
    pub organisation: String,
    pub completion: String,
    pub fee: String,
    pub free: bool,
}

#[derive(Template)]
#[template(path = "services/list.html")]
struct ListPage {
    page: PageCtx,
    q: String,
    free: bool,
    orgs: Vec<Choice>,
    kinds: Vec<Choice>,
    modes: Vec<Choice>,
    items: Vec<ItemView>,
    found: String,
    page_label: String,
    prev_url: Option<String>,
    next_url: Option<String>,
}

/// Reads the list's query leniently: a malformed value is ignored (the page still answers).
fn list_filter(q: &HashMap<String, String>) -> ServiceFilter {
    let get = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    ServiceFilter {
        q: get("q").map(|s| balai_core::text::truncate_chars(s, 200).to_string()),
        organisation_code: get("instansi").map(str::to_string),
        kind: get("jenis").and_then(|v| ServiceKind::parse(v).ok()),
        category: None,
        mode: get("cara").and_then(|v| ServiceMode::parse(v).ok()),
        free_only: get("gratis").is_some_and(|v| matches!(v, "1" | "ya" | "true")),
        published_only: true,
        organisation_id: None,
        page: get("halaman")
            .and_then(|v| v.parse().ok())
            .filter(|p| *p >= 1 && *p <= 10_000)
            .unwrap_or(1),
        per_page: PER_PAGE,
    }
}

/// The list's URL for another page, keeping the filters.
fn list_url(f: &ServiceFilter, page_no: u32) -> String {
    let mut parts = Vec::new();
    if let Some(q) = &f.q {
        parts.push(format!("q={}", urlencode(q)));
    }
    if let Some(o) = &f.organisation_code {
        parts.push(format!("instansi={}", urlencode(o)));
    }
    if let Some(k) = f.kind {
        parts.push(format!("jenis={k}"));
    }
    if let Some(m) = f.mode {
        parts.push(format!("cara={m}"));
    }
    if f.free_only {
        parts.push("gratis=1".into());
    }
    parts.push(format!("halaman={page_no}"));
    format!("/layanan?{}", parts.join("&"))
}

async fn list(
    page: PageCtx,
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let f = list_filter(&q);
    let result = services::list(&st.db, &f).await?;
    let orgs = services::organisation_choices(&st.db).await?;
    let lang = page.lang;
    let en = lang == Lang::En;
    let selected_org = f
        .organisation_code
        .clone()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let pages = result.pages();
    let i18n = I18n::global();
    let view = ListPage {
        q: f.q.clone().unwrap_or_default(),
        free: f.free_only,
        orgs: orgs
            .iter()
            .map(|o| Choice {
                value: o.code.clone(),
                label: page.pick(&o.name, &o.name_en).to_string(),
                selected: o.code == selected_org,
            })
            .collect(),
        kinds: ServiceKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().into(),
                label: if en { k.label_en() } else { k.label_id() }.into(),
                selected: f.kind == Some(*k),
            })
            .collect(),
        modes: mode_choices(lang, f.mode),
        items: result
            .items
            .iter()
            .map(|s| ItemView {
                code: s.code.clone(),
                name: page.pick(&s.name, &s.name_en).to_string(),
                organisation: page
                    .pick(&s.organisation_name, &s.organisation_name_en)
                    .to_string(),
                completion: match (s.completion_value, &s.completion_unit) {
                    (Some(v), Some(u)) => completion_label(lang, v, u),
                    _ => String::new(),
                },
                fee: fmt_rupiah(s.total_fee.unwrap_or(0)),
                free: s.is_free.unwrap_or(false),
            })
            .collect(),
        found: i18n.t_args(lang, "svc-found", Some(&arg("count", result.total))),
        page_label: i18n.t_args(
            lang,
            "svc-page-of",
            Some(&{
                let mut a = arg("number", result.page);
                a.set("total", pages);
                a
            }),
        ),
        prev_url: (result.page > 1).then(|| list_url(&f, result.page - 1)),
        next_url: (result.page < pages).then(|| list_url(&f, result.page + 1)),
        page,
    };
    Ok(Html(view.render()?).into_response())
}

/// The head of a service page: names, organisation, kind, modes, effective date.
pub(crate) struct ServiceHead {
    pub code: String,
    pub name: String,
    pub organisation_code: String,
    pub organisation: String,
    pub kind: String,
    pub category: String,
    pub modes: Vec<String>,
    pub effective: String,
    pub decree_number: String,
    pub version_no: i32,
}

impl ServiceHead {
    fn new(page: &PageCtx, s: &PublishedService) -> ServiceHead {
        let lang = page.lang;
        let en = lang == Lang::En;
        let effective = s
            .effective_from
            .map(|d| {
                I18n::global().t_args(
                    lang,
                    "svc-effective-since",
                    Some(&arg("date", fmt_date(lang, d))),
                )
            })
            .unwrap_or_default();
        ServiceHead {
            code: s.code.clone(),
            name: page.pick(&s.name, &s.name_en).to_string(),
            organisation_code: s.organisation_code.clone(),
            organisation: page
                .pick(&s.organisation_name, &s.organisation_name_en)
                .to_string(),
            kind: ServiceKind::parse(&s.kind)
                .map(|k| if en { k.label_en() } else { k.label_id() })
                .unwrap_or_default()
                .into(),
            category: balai_core::catalog::ServiceCategory::parse(&s.category)
                .map(|c| if en { c.label_en() } else { c.label_id() })
                .unwrap_or_default()
                .into(),
            modes: services::parse_modes(&s.modes)
                .iter()
                .map(|m| if en { m.label_en() } else { m.label_id() }.to_string())
                .collect(),
            effective,
            decree_number: s.decree_number.clone(),
            version_no: s.version_no,
        }
    }
}

pub(crate) struct HistoryRow {
    pub version_no: i32,
    pub effective: String,
    pub decree_number: String,
    pub current: bool,
}

fn history(lang: Lang, versions: &[VersionInfo], published: i32) -> Vec<HistoryRow> {
    versions
        .iter()
        .filter(|v| v.was_adopted())
        .map(|v| HistoryRow {
            version_no: v.version_no,
            effective: v
                .effective_from
                .map(|d| fmt_date(lang, d))
                .unwrap_or_default(),
            decree_number: v.decree_number.clone(),
            current: v.version_no == published,
        })
        .collect()
}

/// The comment form's values and messages.
#[derive(Default)]
pub(crate) struct CommentForm {
    pub name: String,
    pub group: String,
    pub body: String,
    pub errors: FieldErrors,
}

pub(crate) struct ConsultationView {
    pub version_no: i32,
    pub period: String,
    pub groups: Vec<Choice>,
    pub approved: Vec<(String, String, Vec<String>)>,
}

#[derive(Template)]
#[template(path = "services/detail.html")]
struct DetailPage {
    page: PageCtx,
    svc: ServiceHead,
    std: StandardView,
    history: Vec<HistoryRow>,
    consultation: Option<ConsultationView>,
    form: CommentForm,
    thanks: bool,
    /// The service takes applications online (it has permit settings).
    applies: bool,
}

impl DetailPage {
    fn err(&self, field: &str) -> String {
        self.form
            .errors
            .get(field)
            .map(|k| self.page.t(k))
            .unwrap_or_default()
    }

    /// (field, message) of every problem, for the summary above the form.
    fn summary(&self) -> Vec<(String, String)> {
        self.form
            .errors
            .0
            .iter()
            .map(|(f, k)| (f.clone(), self.page.t(k)))
            .collect()
    }
}

/// The group options of the comment form.
fn group_choices(lang: Lang, selected: &str) -> Vec<Choice> {
    ParticipantGroup::ALL
        .iter()
        .map(|g| Choice {
            value: g.as_str().into(),
            label: if lang == Lang::En {
                g.label_en()
            } else {
                g.label_id()
            }
            .into(),
            selected: g.as_str() == selected,
        })
        .collect()
}

/// Builds the detail page: two reads (the service with its published standard; the list of
/// versions), plus the approved comments only while a draft is open for comment.
async fn detail_page(
    page: PageCtx,
    st: &AppState,
    code: &str,
    form: CommentForm,
    thanks: bool,
) -> Result<DetailPage, AppError> {
    let svc = services::published_by_code(&st.db, code)
        .await?
        .ok_or(AppError::NotFound)?;
    let std = svc.standard()?;
    let versions = standards::infos_for_service(&st.db, svc.id).await?;
    let lang = page.lang;
    let today = today(st);
    let mut consultation = None;
    if let Some(open) = versions.iter().find(|v| v.open_for_comment_on(today)) {
        let approved = consultation::comments_for_version(&st.db, open.id, true).await?;
        let period = match (open.comment_from, open.comment_until) {
            (Some(f), Some(u)) => format!("{} – {}", fmt_date(lang, f), fmt_date(lang, u)),
            _ => String::new(),
        };
        consultation = Some(ConsultationView {
            version_no: open.version_no,
            period,
            groups: group_choices(lang, &form.group),
            approved: approved
                .iter()
                .map(|c| {
                    let group = ParticipantGroup::parse(&c.author_group)
                        .map(|g| {
                            if lang == Lang::En {
                                g.label_en()
                            } else {
                                g.label_id()
                            }
                        })
                        .unwrap_or_default();
                    (c.author_name.clone(), group.to_string(), paras(&c.body))
                })
                .collect(),
        });
    }
    Ok(DetailPage {
        svc: ServiceHead::new(&page, &svc),
        std: StandardView::new(lang, &std),
        history: history(lang, &versions, svc.version_no),
        consultation,
        form,
        thanks,
        applies: balai_store::permits::settings_for(&st.db, svc.id)
            .await?
            .is_some(),
        page,
    })
}

async fn detail(
    page: PageCtx,
    State(st): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let mut form = CommentForm::default();
    if let Some(u) = &page.user {
        form.name = u.name.clone();
    }
    let thanks = q.contains_key("terkirim");
    let view = detail_page(page, &st, &code, form, thanks).await?;
    Ok(Html(view.render()?).into_response())
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct CommentInput {
    name: String,
    group: String,
    body: String,
}

/// Records a citizen's comment on the draft open for comment; anyone may comment (Seluma
/// Pasal 21(2)); comments wait for moderation before they are shown.
async fn comment(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    Path(code): Path<String>,
    PageForm(input): PageForm<CommentInput>,
) -> Result<Response, AppError> {
    let svc = services::published_by_code(&st.db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = today(&st);
    let open = standards::infos_for_service(&st.db, svc.id)
        .await?
        .into_iter()
        .find(|v| v.open_for_comment_on(today))
        .ok_or(AppError::NotFound)?;
    let key = format!("comment:{}", ctx.ip.as_deref().unwrap_or("-"));
    if !st
        .limiter
        .allow(&key, 30, chrono::Duration::hours(1), st.clock.now())
    {
        return Err(AppError::RateLimited);
    }
    let user = ctx.user.as_ref();
    let parsed = NewComment::parse(
        user.map(|u| u.user_id),
        &input.name,
        &input.group,
        &input.body,
    );
    let new = match parsed {
        Ok(c) => c,
        Err(errors) => {
            let form = CommentForm {
                name: input.name,
                group: input.group,
                body: input.body,
                errors,
            };
            let view = detail_page(page, &st, &code, form, false).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(view.render()?)).into_response());
        }
    };
    let actor = match user.and_then(|u| u.role().map(|r| actor_of(u, r))) {
        Some(a) => a,
        None => balai_core::identity::Actor::anonymous(),
    };
    let actx = AuditCtx::new(actor, Some(ctx.request_id.clone()), st.clock.now());
    let mut tx = st.db.begin().await?;
    match consultation::add_comment(&mut tx, &actx, open.id, &new, today).await {
        Ok(_) => {}
        Err(ConsultationError::Closed) => return Err(AppError::NotFound),
        Err(ConsultationError::Store(e)) => return Err(e.into()),
        Err(other) => return Err(AppError::Conflict(other.to_string())),
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/layanan/{}?terkirim=1#konsultasi", svc.code)).into_response())
}
