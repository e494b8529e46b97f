//! `/akun/permohonan`: the applicant's applications, and one application — the draft editor
//! before submission, then where it stands, its documents and its history (the applicant's
//! part of it).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use balai_core::permits::SlaState;
use balai_store::permits::{self as store, ApplicationRow, DocumentRow};
use serde::Deserialize;
use uuid::Uuid;

use super::fields::{self, FieldView};
use super::{PermitService, own_application};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::forms::FormState;
use crate::page::PageCtx;
use crate::pages::content::format;
use crate::pages::notify::when;
use crate::state::AppState;

struct Line {
    id: Uuid,
    service: String,
    number: String,
    state: String,
    created: String,
}

#[derive(Template)]
#[template(path = "permits/list.html")]
struct ListPage {
    page: PageCtx,
    lines: Vec<Line>,
}

/// `GET /akun/permohonan`.
pub(super) async fn list(
    page: PageCtx,
    State(st): State<AppState>,
    s: SignedIn,
) -> Result<Response, AppError> {
    let rows = store::for_applicant(&st.db, s.user.user_id).await?;
    let mut services: BTreeMap<Uuid, Option<PermitService>> = BTreeMap::new();
    let mut lines = Vec::with_capacity(rows.len());
    for r in rows {
        if let std::collections::btree_map::Entry::Vacant(slot) = services.entry(r.service_id) {
            slot.insert(PermitService::of(&st, &r).await.ok());
        }
        let ps = services.get(&r.service_id).and_then(Option::as_ref);
        lines.push(Line {
            id: r.id,
            service: ps.map(|p| p.name(&page)).unwrap_or_default(),
            number: r.registration_number.clone().unwrap_or_default(),
            state: ps
                .map(|p| p.state_label(&page, r.state.as_deref()))
                .unwrap_or_default(),
            created: when(&st, &page, r.created_at),
        });
    }
    Ok(Html(ListPage { page, lines }.render()?).into_response())
}

/// One uploadable requirement with its current version.
pub(super) struct DocView {
    pub index: usize,
    pub name: String,
    pub required: bool,
    pub types: String,
    pub current: Option<DocLine>,
    /// Whether the applicant may upload (a draft, or returned and not yet replaced).
    pub can_upload: bool,
    /// The message of a refused upload or of a missing required document.
    pub error: String,
}

pub(super) struct DocLine {
    pub returned: bool,
    pub version: i32,
    pub status: String,
    pub status_class: &'static str,
    pub reason: String,
}

pub(super) fn doc_views(
    page: &PageCtx,
    ps: &PermitService,
    app: &ApplicationRow,
    docs: &[DocumentRow],
    form: &FormState,
) -> Vec<DocView> {
    let returned = app.state.as_deref() == Some("returned");
    ps.uploads()
        .map(|(index, r)| {
            let current = docs
                .iter()
                .filter(|d| d.requirement == r.name && d.status != "replaced")
                .max_by_key(|d| d.doc_version);
            let can_upload =
                app.is_draft() || (returned && current.is_none_or(|d| d.status == "returned"));
            DocView {
                index,
                name: r.name.clone(),
                required: r.required,
                types: r.file_types.join(", ").to_uppercase(),
                current: current.map(|d| DocLine {
                    returned: d.status == "returned",
                    version: d.doc_version,
                    status: page.t(&format!("permit-doc-{}", d.status)),
                    status_class: match d.status.as_str() {
                        "accepted" => "badge-ok",
                        "returned" => "badge-danger",
                        _ => "badge-muted",
                    },
                    reason: d.return_reason.clone().unwrap_or_default(),
                }),
                can_upload,
                error: form.error(page, &format!("doc-{index}")),
            }
        })
        .collect()
}

struct Step {
    when: String,
    what: String,
    comment: String,
}

#[derive(Template)]
#[template(path = "permits/application.html")]
struct AppPage {
    page: PageCtx,
    id: Uuid,
    version: i32,
    service: String,
    number: String,
    state: String,
    is_draft: bool,
    returned: bool,
    due: String,
    sla: String,
    sla_class: &'static str,
    levy: String,
    fields: Vec<FieldView>,
    docs: Vec<DocView>,
    steps: Vec<Step>,
    form: FormState,
    saved: bool,
    submitted: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ViewQuery {
    tersimpan: String,
    diajukan: String,
}

/// `GET /akun/permohonan/{id}`.
pub(super) async fn view(
    page: PageCtx,
    State(st): State<AppState>,
    s: SignedIn,
    raw: Result<Path<String>, PathRejection>,
    Query(q): Query<ViewQuery>,
) -> Result<Response, AppError> {
    let app = own_application(&st, &s, raw).await?;
    let ps = PermitService::of(&st, &app).await?;
    let values = app.values()?;
    let mut t = build(&page, &st, &ps, &app, values, FormState::default()).await?;
    t.saved = q.tersimpan == "1";
    t.submitted = q.diajukan == "1";
    Ok(Html(t.render()?).into_response())
}

/// The page of a draft shown again after a refused save or submission.
pub(super) async fn draft_view(
    page: &PageCtx,
    st: &AppState,
    ps: &PermitService,
    app: &ApplicationRow,
    values: BTreeMap<String, String>,
    form: FormState,
) -> Result<Html<String>, AppError> {
    let t = build(page, st, ps, app, values, form).await?;
    Ok(Html(t.render()?))
}

async fn build(
    page: &PageCtx,
    st: &AppState,
    ps: &PermitService,
    app: &ApplicationRow,
    values: BTreeMap<String, String>,
    form: FormState,
) -> Result<AppPage, AppError> {
    let docs = store::documents(&st.db, app.id).await?;
    let events = store::events(&st.db, app.id, true).await?;
    let steps = events
        .into_iter()
        .map(|e| Step {
            when: when(st, page, e.at),
            what: ps
                .workflow
                .action(&e.action)
                .map(|a| page.pick(&a.label_id, &a.label_en).to_owned())
                .unwrap_or_else(|| page.t(&format!("permit-step-{}", e.action))),
            comment: e.comment.unwrap_or_default(),
        })
        .collect();
    let today = st.clock.now().date_naive();
    let cal = balai_store::calendar::work_calendar(&st.db, None).await?;
    let sla = app.state_due_on.map(|d| SlaState::at(&cal, d, today));
    Ok(AppPage {
        id: app.id,
        version: app.version,
        service: ps.name(page),
        number: app.registration_number.clone().unwrap_or_default(),
        state: ps.state_label(page, app.state.as_deref()),
        is_draft: app.is_draft(),
        returned: app.state.as_deref() == Some("returned"),
        due: app
            .state_due_on
            .map(|d| format::long_date(page.lang, d))
            .unwrap_or_default(),
        sla: sla
            .map(|s| page.pick(s.label_id(), s.label_en()).to_owned())
            .unwrap_or_default(),
        sla_class: sla.map_or("badge-muted", SlaState::badge),
        levy: if app.levy_amount > 0 {
            balai_core::ids::Rupiah(app.levy_amount).display()
        } else {
            String::new()
        },
        fields: fields::views(page, &ps.settings.form, &values, &form),
        docs: doc_views(page, ps, app, &docs, &form),
        steps,
        form,
        saved: false,
        submitted: false,
        page: page.clone(),
    })
}
