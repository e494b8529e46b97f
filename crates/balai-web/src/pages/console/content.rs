//! Console pages for announcements (`/konsol/pengumuman`, AnnouncementsManage), with the
//! regulations list and the working calendar in submodules.
//!
//! A repair announcement published less than the rule's days before the work starts is
//! refused with the article and the earliest allowed start date next to the start field
//! (Seluma Pasal 28(3)).

mod calendar;
mod calendar_forms;
mod calendar_views;
mod regulations;

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_core::FieldErrors;
use balai_core::identity::Permission;
use balai_store::StoreError;
use balai_store::audit::AuditCtx;
use balai_store::content::{
    self, Announcement, AnnouncementDraft, AnnouncementKind, ContentError, OrganisationChoice,
    Refusal, RepairNotice,
};
use uuid::Uuid;

use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::i18n::{I18n, Lang};
use crate::page::PageCtx;
use crate::pages::content::format;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/pengumuman", get(list))
        .route("/konsol/pengumuman/baru", get(new_form).post(create))
        .route("/konsol/pengumuman/{id}", get(edit_form).post(update))
        .merge(regulations::routes())
        .merge(calendar::routes())
}

/// Translated messages per form field, in the order found (the summary links to each).
#[derive(Debug, Clone, Default)]
pub(crate) struct Messages(Vec<(String, String)>);

impl Messages {
    /// Translates each field's message key.
    pub(crate) fn from_keys(page: &PageCtx, errs: &FieldErrors) -> Self {
        Messages(errs.0.iter().map(|(f, k)| (f.clone(), page.t(k))).collect())
    }

    /// The first message for `field`, or "".
    pub(crate) fn get(&self, field: &str) -> String {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }

    /// Replaces the message of `field` (or adds it).
    pub(crate) fn set(&mut self, field: &str, message: String) {
        match self.0.iter_mut().find(|(f, _)| f == field) {
            Some(slot) => slot.1 = message,
            None => self.0.push((field.to_string(), message)),
        }
    }

    pub(crate) fn all(&self) -> &[(String, String)] {
        &self.0
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The signed-in staff member, if allowed to manage announcements.
fn manager(s: Staff) -> Result<SignedIn, AppError> {
    s.0.require(Permission::AnnouncementsManage)?;
    Ok(s.0)
}

/// The audit context of one request.
pub(crate) fn audit_ctx(s: &SignedIn, st: &AppState) -> AuditCtx {
    AuditCtx::new(
        s.actor.clone(),
        Some(s.ctx.request_id.clone()),
        st.clock.now(),
    )
}

/// One row of the console list.
struct Row {
    id: String,
    title: String,
    is_repair: bool,
    published: String,
    period: String,
}

#[derive(Template)]
#[template(path = "console/content/announcements.html")]
struct ListPage {
    page: PageCtx,
    rows: Vec<Row>,
    page_no: i64,
    pages: i64,
    saved: bool,
}

const PER_PAGE: i64 = 50;

async fn list(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<impl IntoResponse, AppError> {
    manager(s)?;
    let page_no = q
        .get("halaman")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|n| (1..=100_000).contains(n))
        .unwrap_or(1);
    let found =
        content::list_announcements(&st.db, None, None, PER_PAGE, (page_no - 1) * PER_PAGE).await?;
    let rows = found
        .items
        .iter()
        .map(|a| Row {
            id: a.id.to_string(),
            title: a.title.clone(),
            is_repair: a.is_repair(),
            published: format::long_date(page.lang, a.published_on),
            period: format::period(page.lang, a.period_start, a.period_end),
        })
        .collect();
    let t = ListPage {
        rows,
        page_no,
        pages: ((found.total + PER_PAGE - 1) / PER_PAGE).max(1),
        saved: q.contains_key("tersimpan"),
        page,
    };
    Ok(Html(t.render()?))
}

/// The announcement form as submitted (every field a string, so nothing is lost on error).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
struct AnnouncementForm {
    organisation: String,
    kind: String,
    title: String,
    body: String,
    activity: String,
    person_in_charge: String,
    period_start: String,
    period_end: String,
    complaint_channels: String,
    token: String,
}

impl AnnouncementForm {
    fn from_row(a: &Announcement) -> Self {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        AnnouncementForm {
            organisation: a.organisation_id.map(|u| u.to_string()).unwrap_or_default(),
            kind: a.kind.clone(),
            title: a.title.clone(),
            body: a.body.clone(),
            activity: a.activity.clone(),
            person_in_charge: a.person_in_charge.clone(),
            period_start: date(a.period_start),
            period_end: date(a.period_end),
            complaint_channels: a.complaint_channels.clone(),
            token: a.edit_token(),
        }
    }

    /// Parses the choices and dates; what cannot be parsed is recorded and left empty, so the
    /// rules can still report every other problem.
    fn parse(&self, errs: &mut FieldErrors) -> AnnouncementDraft {
        let kind = AnnouncementKind::parse(&self.kind).unwrap_or_else(|| {
            errs.add("kind", "err-invalid-choice");
            AnnouncementKind::Umum
        });
        let organisation_id = match self.organisation.trim() {
            "" => None,
            s => Uuid::parse_str(s)
                .map_err(|_| errs.add("organisation", "err-invalid-choice"))
                .ok(),
        };
        let mut date = |field: &str, s: &str| {
            format::parse_date(s).unwrap_or_else(|_| {
                errs.add(field, "err-invalid-date");
                None
            })
        };
        let period_start = date("period_start", &self.period_start);
        let period_end = date("period_end", &self.period_end);
        AnnouncementDraft {
            organisation_id,
            kind,
            title: self.title.clone(),
            body: self.body.clone(),
            activity: self.activity.clone(),
            person_in_charge: self.person_in_charge.clone(),
            period_start,
            period_end,
            complaint_channels: self.complaint_channels.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "console/content/announcement_form.html")]
struct FormPage {
    page: PageCtx,
    /// `None` for a new announcement.
    id: Option<String>,
    form: AnnouncementForm,
    errors: Messages,
    message: String,
    organisations: Vec<OrganisationChoice>,
    published: String,
    rule_hint: String,
}

impl FormPage {
    fn action(&self) -> String {
        match &self.id {
            Some(id) => format!("/konsol/pengumuman/{id}"),
            None => "/konsol/pengumuman/baru".to_string(),
        }
    }
}

/// The message for a too-early repair start: the article, the notice period and the earliest
/// start allowed.
fn repair_message(lang: Lang, n: &RepairNotice) -> String {
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("citation", n.citation.clone());
    let kind = match lang {
        Lang::Id => n.kind.label_id(),
        Lang::En => n.kind.label_en(),
    };
    args.set("period", format!("{} {kind}", n.days));
    args.set("earliest", format::long_date(lang, n.earliest_start));
    I18n::global().t_args(lang, "err-repair-notice-too-short", Some(&args))
}

/// The explanation shown under the form: the rule as it currently stands.
async fn rule_hint(st: &AppState, lang: Lang) -> Result<String, AppError> {
    let mut r = balai_store::calendar::Reader::Db(&st.db);
    let rule = balai_store::calendar::effective_rule(&mut r, content::REPAIR_RULE).await?;
    Ok(rule
        .map(|rule| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("citation", rule.citation.clone());
            let kind = if lang == Lang::En {
                rule.kind.label_en()
            } else {
                rule.kind.label_id()
            };
            args.set("period", format!("{} {kind}", rule.days));
            I18n::global().t_args(lang, "announcement-repair-hint", Some(&args))
        })
        .unwrap_or_default())
}

/// What the form page shows besides the page context.
struct Shown {
    /// `None` for a new announcement.
    id: Option<String>,
    form: AnnouncementForm,
    refusal: Refusal,
    message: String,
    /// The publication date (today for a new announcement).
    published: Option<chrono::NaiveDate>,
    status: StatusCode,
}

impl Shown {
    fn fresh(
        id: Option<String>,
        form: AnnouncementForm,
        published: Option<chrono::NaiveDate>,
    ) -> Self {
        Shown {
            id,
            form,
            refusal: Refusal::default(),
            message: String::new(),
            published,
            status: StatusCode::OK,
        }
    }
}

async fn render_form(page: PageCtx, st: &AppState, shown: Shown) -> Result<Response, AppError> {
    let mut errors = Messages::from_keys(&page, &shown.refusal.errors);
    if let Some(n) = &shown.refusal.repair_notice {
        errors.set("period_start", repair_message(page.lang, n));
    }
    let published = match shown.published {
        Some(d) => d,
        None => balai_store::calendar::week_of(&st.db, None)
            .await?
            .local_date(st.clock.now()),
    };
    let t = FormPage {
        published: format::long_date(page.lang, published),
        rule_hint: rule_hint(st, page.lang).await?,
        organisations: content::organisation_choices(&st.db).await?,
        id: shown.id,
        form: shown.form,
        errors,
        message: shown.message,
        page,
    };
    Ok((shown.status, Html(t.render()?)).into_response())
}

async fn new_form(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
) -> Result<Response, AppError> {
    manager(s)?;
    let form = AnnouncementForm {
        kind: "umum".into(),
        ..Default::default()
    };
    render_form(page, &st, Shown::fresh(None, form, None)).await
}

async fn load(st: &AppState, id: &str) -> Result<Announcement, AppError> {
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    content::announcement(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn edit_form(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    manager(s)?;
    let a = load(&st, &id).await?;
    let form = AnnouncementForm::from_row(&a);
    let shown = Shown::fresh(Some(a.id.to_string()), form, Some(a.published_on));
    render_form(page, &st, shown).await
}

/// What a save attempt came to.
enum Outcome {
    Saved,
    Refused(Refusal),
    Conflict,
}

/// Runs the write in one transaction and sorts its errors into form outcomes.
async fn save(
    st: &AppState,
    s: &SignedIn,
    id: Option<Uuid>,
    form: &AnnouncementForm,
) -> Result<Outcome, AppError> {
    let mut parse_errs = FieldErrors::new();
    let draft = form.parse(&mut parse_errs);
    let ctx = audit_ctx(s, st);
    let mut tx = st.db.begin().await?;
    let result = match id {
        None => content::create_announcement(&mut tx, &ctx, &draft, None).await,
        Some(id) => {
            let token = Some(form.token.as_str()).filter(|t| !t.is_empty());
            content::update_announcement(&mut tx, &ctx, id, token, &draft).await
        }
    };
    match result {
        Ok(_) if parse_errs.is_empty() => {
            tx.commit().await?;
            Ok(Outcome::Saved)
        }
        // Parsing failed but the rest passed: nothing is kept (the transaction rolls back).
        Ok(_) => Ok(Outcome::Refused(Refusal {
            errors: parse_errs,
            repair_notice: None,
        })),
        Err(ContentError::Invalid(mut refusal)) => {
            // A date that could not be read is reported as such, not also as "required".
            let unreadable: Vec<String> = parse_errs.0.iter().map(|(f, _)| f.clone()).collect();
            refusal.errors.0.retain(|(f, _)| !unreadable.contains(f));
            parse_errs.0.extend(refusal.errors.0);
            refusal.errors = parse_errs;
            Ok(Outcome::Refused(refusal))
        }
        Err(ContentError::Store(StoreError::Conflict(_))) => Ok(Outcome::Conflict),
        Err(ContentError::Store(e)) => Err(e.into()),
    }
}

async fn respond(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    id: Option<Uuid>,
    form: AnnouncementForm,
) -> Result<Response, AppError> {
    let published = match id {
        Some(id) => Some(load(st, &id.to_string()).await?.published_on),
        None => None,
    };
    let outcome = save(st, s, id, &form).await?;
    let mut shown = Shown::fresh(id.map(|u| u.to_string()), form, published);
    match outcome {
        Outcome::Saved => return Ok(Redirect::to("/konsol/pengumuman?tersimpan=1").into_response()),
        Outcome::Refused(refusal) => {
            shown.refusal = refusal;
            shown.status = StatusCode::UNPROCESSABLE_ENTITY;
        }
        Outcome::Conflict => {
            shown.message = page.t("announcement-conflict");
            shown.status = StatusCode::CONFLICT;
        }
    }
    render_form(page, st, shown).await
}

async fn create(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    PageForm(form): PageForm<AnnouncementForm>,
) -> Result<Response, AppError> {
    let s = manager(s)?;
    respond(page, &st, &s, None, form).await
}

async fn update(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    Path(id): Path<String>,
    PageForm(form): PageForm<AnnouncementForm>,
) -> Result<Response, AppError> {
    let s = manager(s)?;
    let id = load(&st, &id).await?.id;
    respond(page, &st, &s, Some(id), form).await
}
