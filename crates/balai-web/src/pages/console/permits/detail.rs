//! `GET /konsol/permohonan/{id}`: one application as staff see it.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use balai_core::permits::{FieldKind, SlaState};
use balai_store::permits::{self as store, ApplicationRow};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::FormState;
use crate::page::PageCtx;
use crate::pages::content::format;
use crate::pages::notify::when;
use crate::pages::permits::PermitService;
use crate::state::AppState;

pub(super) struct Answer {
    pub label: String,
    pub value: String,
}

pub(super) struct Doc {
    pub id: Uuid,
    pub requirement: String,
    pub version: i32,
    pub status: String,
    pub status_class: &'static str,
    pub reason: String,
    /// The current version, which the checklist reviews.
    pub current: bool,
}

pub(super) struct ActionView {
    pub code: String,
    pub label: String,
}

pub(super) struct Step {
    pub when: String,
    pub who: String,
    pub what: String,
    pub comment: String,
}

#[derive(Template)]
#[template(path = "console/permits/detail.html")]
pub(super) struct DetailPage {
    pub page: PageCtx,
    pub id: Uuid,
    pub version: i32,
    pub number: String,
    pub service: String,
    pub applicant: String,
    pub channel: String,
    pub state: String,
    pub due: String,
    pub sla: String,
    pub sla_class: &'static str,
    pub levy: String,
    pub answers: Vec<Answer>,
    pub docs: Vec<Doc>,
    pub actions: Vec<ActionView>,
    pub steps: Vec<Step>,
    pub form: FormState,
    pub comment: String,
    pub done: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DetailQuery {
    selesai: String,
}

pub(super) async fn detail(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    raw: Result<Path<String>, PathRejection>,
    Query(q): Query<DetailQuery>,
) -> Result<Response, AppError> {
    let (app, ps) = super::visible(&st, &s, raw).await?;
    let mut t = build(
        page,
        &st,
        &s,
        &app,
        &ps,
        FormState::default(),
        String::new(),
    )
    .await?;
    t.done = q.selesai == "1";
    Ok(Html(t.render()?).into_response())
}

/// The page, also shown again with messages after a refused step.
pub(super) async fn build(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    app: &ApplicationRow,
    ps: &PermitService,
    form: FormState,
    comment: String,
) -> Result<DetailPage, AppError> {
    let values = app.values()?;
    let answers = ps
        .settings
        .form
        .fields
        .iter()
        .filter_map(|f| {
            let v = values.get(&f.name)?;
            let value = if f.kind == FieldKind::Address {
                let region = values
                    .get(&format!("{}.region", f.name))
                    .cloned()
                    .unwrap_or_default();
                format!("{v} ({region})")
            } else {
                v.clone()
            };
            Some(Answer {
                label: page.pick(&f.label_id, &f.label_en).to_owned(),
                value,
            })
        })
        .collect();
    let docs = store::documents(&st.db, app.id)
        .await?
        .into_iter()
        .map(|d| Doc {
            id: d.id,
            current: d.status != "replaced",
            status: page.t(&format!("permit-doc-{}", d.status)),
            status_class: match d.status.as_str() {
                "accepted" => "badge-ok",
                "returned" => "badge-danger",
                _ => "badge-muted",
            },
            reason: d.return_reason.unwrap_or_default(),
            requirement: d.requirement,
            version: d.doc_version,
        })
        .collect();
    let state = app.state.clone().unwrap_or_default();
    let facts = app.facts();
    let me = super::performer(s);
    let actions = ps
        .workflow
        .actions_from(&state, &facts)
        .filter(|a| a.performer == me && super::handled_here(a))
        .map(|a| ActionView {
            code: a.code.clone(),
            label: page.pick(&a.label_id, &a.label_en).to_owned(),
        })
        .collect();
    let steps = store::events(&st.db, app.id, false)
        .await?
        .into_iter()
        .map(|e| Step {
            when: when(st, &page, e.at),
            who: e.actor_name,
            what: ps
                .workflow
                .action(&e.action)
                .map(|a| page.pick(&a.label_id, &a.label_en).to_owned())
                .unwrap_or_else(|| page.t(&format!("permit-step-{}", e.action))),
            comment: e.comment.unwrap_or_default(),
        })
        .collect();
    let cal = balai_store::calendar::work_calendar(&st.db, None).await?;
    let today = cal.today(st.clock.as_ref());
    let sla = app.state_due_on.map(|d| SlaState::at(&cal, d, today));
    Ok(DetailPage {
        id: app.id,
        version: app.version,
        number: app.registration_number.clone().unwrap_or_default(),
        service: ps.name(&page),
        applicant: app.applicant_name.clone(),
        channel: balai_core::permits::Channel::parse(&app.channel)
            .map(|c| page.pick(c.label_id(), c.label_en()).to_owned())
            .unwrap_or_default(),
        state: ps.state_label(&page, app.state.as_deref()),
        due: app
            .state_due_on
            .map(|d| format::long_date(page.lang, d))
            .unwrap_or_default(),
        sla: sla
            .map(|x| page.pick(x.label_id(), x.label_en()).to_owned())
            .unwrap_or_default(),
        sla_class: sla.map_or("badge-muted", SlaState::badge),
        levy: if app.levy_amount > 0 {
            balai_core::ids::Rupiah(app.levy_amount).display()
        } else {
            String::new()
        },
        answers,
        docs,
        actions,
        steps,
        form,
        comment,
        done: false,
        page,
    })
}
