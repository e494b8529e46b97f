//! One version of a standard in the console and the steps of its life: opening it for public
//! comment, back to draft, adoption with a decree (Seluma Pasal 21–23; Luwu Pasal 26–27). Adoption requires the
//! consultation forum's record (PermenPANRB 16/2017).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balai_core::FieldErrors;
use balai_core::catalog::{CommentStatus, ParticipantGroup, StandardStatus};
use balai_core::identity::Permission;
use balai_store::consultation;
use balai_store::services::ServiceRow;
use balai_store::standards::{self, StandardError, VersionRow};
use chrono::NaiveDate;

use super::rows::Pairs;
use super::service_page::VersionLine;
use super::view::fmt_date;
use super::{audit_ctx, load_service, load_version};
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::i18n::Lang;
use crate::page::PageCtx;
use crate::state::AppState;

pub(super) struct CommentLine {
    name: String,
    group: String,
    body: String,
    status: String,
    badge: &'static str,
}

pub(super) struct ForumView {
    held_on: String,
    place: String,
    participants: Vec<(String, u32)>,
    total: u32,
    agreed_record: String,
    follow_ups: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "console/services/version.html")]
struct VersionPage {
    page: PageCtx,
    code: String,
    name: String,
    v: VersionLine,
    status: StandardStatus,
    can_draft: bool,
    can_adopt: bool,
    comments: Vec<CommentLine>,
    forum: Option<ForumView>,
    form: Pairs,
    errors: FieldErrors,
    message: String,
}

impl VersionPage {
    fn err(&self, field: &str) -> String {
        self.errors
            .get(field)
            .map(|k| self.page.t(k))
            .unwrap_or_default()
    }

    fn value(&self, field: &str) -> String {
        self.form.get(field).to_string()
    }

    fn is(&self, status: &str) -> bool {
        self.status.as_str() == status
    }
}

fn group_label(lang: Lang, code: &str) -> String {
    ParticipantGroup::parse(code)
        .map(|g| {
            if lang == Lang::En {
                g.label_en()
            } else {
                g.label_id()
            }
            .to_string()
        })
        .unwrap_or_else(|_| code.to_string())
}

/// The version a request acts on, with who asks.
struct Target<'a> {
    st: &'a AppState,
    s: &'a SignedIn,
    svc: &'a ServiceRow,
    v: &'a VersionRow,
}

/// Builds the version page with the given form input, errors and message.
async fn version_view(
    page: PageCtx,
    t: &Target<'_>,
    form: Pairs,
    errors: FieldErrors,
    message: String,
) -> Result<VersionPage, AppError> {
    let Target { st, s, svc, v } = *t;
    let lang = page.lang;
    let comments = consultation::comments_for_version(&st.db, v.id, false).await?;
    let forum = match consultation::forum_for_version(&st.db, v.id).await? {
        Some(f) => {
            let participants: Vec<(String, u32)> = f
                .participant_list()?
                .iter()
                .map(|p| (group_label(lang, p.group.as_str()), p.count))
                .collect();
            Some(ForumView {
                held_on: fmt_date(lang, f.held_on),
                place: f.place.clone(),
                total: participants.iter().map(|(_, n)| *n).sum(),
                participants,
                agreed_record: f.agreed_record.clone(),
                follow_ups: f
                    .follow_up_list()?
                    .into_iter()
                    .map(|x| (x.item, x.owner, fmt_date(lang, x.due)))
                    .collect(),
            })
        }
        None => None,
    };
    Ok(VersionPage {
        code: svc.code.clone(),
        name: page.pick(&svc.name, &svc.name_en).to_string(),
        v: VersionLine::new(lang, v),
        status: v.status()?,
        can_draft: s.actor.has(Permission::StandardDraft),
        can_adopt: s.actor.has(Permission::StandardAdopt),
        comments: comments
            .iter()
            .map(|c| {
                let st = CommentStatus::parse(&c.status).unwrap_or(CommentStatus::Pending);
                CommentLine {
                    name: c.author_name.clone(),
                    group: group_label(lang, &c.author_group),
                    body: c.body.clone(),
                    status: if lang == Lang::En {
                        st.label_en()
                    } else {
                        st.label_id()
                    }
                    .to_string(),
                    badge: match st {
                        CommentStatus::Pending => "badge-warn",
                        CommentStatus::Approved => "badge-ok",
                        CommentStatus::Rejected => "badge-muted",
                    },
                }
            })
            .collect(),
        forum,
        form,
        errors,
        message,
        page,
    })
}

pub(super) async fn version_page(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path((code, no)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    let v = load_version(&st, &svc, &no).await?;
    let t = Target {
        st: &st,
        s: &s,
        svc: &svc,
        v: &v,
    };
    let view = version_view(
        page,
        &t,
        Pairs::default(),
        FieldErrors::new(),
        String::new(),
    )
    .await?;
    Ok(Html(view.render()?).into_response())
}

/// Reads a required date field (`YYYY-MM-DD`, as `<input type="date">` sends it).
fn date_field(p: &Pairs, field: &str, errs: &mut FieldErrors) -> Option<NaiveDate> {
    let raw = p.get(field).trim();
    if raw.is_empty() {
        errs.add(field, "err-required");
        return None;
    }
    let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok();
    if parsed.is_none() {
        errs.add(field, "err-invalid-date");
    }
    parsed
}

/// Shows the version page again with the input kept and the problems next to the fields.
async fn refuse(
    page: PageCtx,
    t: &Target<'_>,
    p: Pairs,
    errors: FieldErrors,
    message_key: &str,
) -> Result<Response, AppError> {
    let message = if message_key.is_empty() {
        String::new()
    } else {
        page.t(message_key)
    };
    let status = if errors.is_empty() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = version_view(page, t, p, errors, message).await?;
    Ok((status, Html(view.render()?)).into_response())
}

/// The version page with the refusal to edit a version that is not a draft (409): an adopted
/// version is a record and is never edited; one under consultation goes back to draft first.
pub(super) async fn refuse_edit(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    svc: &ServiceRow,
    v: &VersionRow,
) -> Result<Response, AppError> {
    let t = Target { st, s, svc, v };
    refuse(
        page,
        &t,
        Pairs::default(),
        FieldErrors::new(),
        "csvc-not-editable",
    )
    .await
}

/// Maps a refused transition to the page message shown above the forms.
/// Commits a version's status change and returns to the version page, or shows the page
/// again saying why the change was refused (nothing is written then).
async fn finish_transition<T>(
    page: PageCtx,
    t: &Target<'_>,
    p: Pairs,
    tx: balai_store::Tx,
    outcome: Result<T, StandardError>,
) -> Result<Response, AppError> {
    match outcome {
        Ok(_) => tx.commit().await?,
        Err(StandardError::Store(e)) => return Err(e.into()),
        Err(e) => return refuse(page, t, p, FieldErrors::new(), transition_message(&e)).await,
    }
    let to = format!("/konsol/layanan/{}/versi/{}", t.svc.code, t.v.version_no);
    Ok(Redirect::to(&to).into_response())
}

fn transition_message(e: &StandardError) -> &'static str {
    match e {
        StandardError::ForumMissing => "csvc-forum-required",
        StandardError::Invalid(_) => "csvc-standard-incomplete",
        StandardError::Stale => "svc-conflict",
        _ => "csvc-transition-refused",
    }
}

pub(super) async fn open_consultation(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path((code, no)): Path<(String, String)>,
    PageForm(p): PageForm<Pairs>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    s.actor
        .require_org(Permission::StandardDraft, svc.organisation_id)?;
    let v = load_version(&st, &svc, &no).await?;
    let t = Target {
        st: &st,
        s: &s,
        svc: &svc,
        v: &v,
    };
    let mut errs = FieldErrors::new();
    let from = date_field(&p, "comment_from", &mut errs);
    let until = date_field(&p, "comment_until", &mut errs);
    let (Some(from), Some(until)) = (from, until) else {
        return refuse(page, &t, p, errs, "").await;
    };
    if until < from {
        errs.add("comment_until", "err-date-order");
        return refuse(page, &t, p, errs, "").await;
    }
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    let outcome = standards::open_for_comment_period(&mut tx, &ctx, v.id, from, until).await;
    finish_transition(page, &t, p, tx, outcome).await
}

pub(super) async fn back_to_draft(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path((code, no)): Path<(String, String)>,
    PageForm(p): PageForm<Pairs>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    s.actor
        .require_org(Permission::StandardDraft, svc.organisation_id)?;
    let v = load_version(&st, &svc, &no).await?;
    let t = Target {
        st: &st,
        s: &s,
        svc: &svc,
        v: &v,
    };
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    let outcome = standards::back_to_draft(&mut tx, &ctx, v.id).await;
    finish_transition(page, &t, p, tx, outcome).await
}

/// Adopts the version: decree number and the date it takes effect; refused without the
/// forum's record or with an incomplete standard.
pub(super) async fn adopt(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path((code, no)): Path<(String, String)>,
    PageForm(p): PageForm<Pairs>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    s.actor
        .require_org(Permission::StandardAdopt, svc.organisation_id)?;
    let v = load_version(&st, &svc, &no).await?;
    let t = Target {
        st: &st,
        s: &s,
        svc: &svc,
        v: &v,
    };
    let mut errs = FieldErrors::new();
    balai_core::text::check_len("decree_number", p.get("decree_number"), 1, 200, &mut errs);
    let effective = date_field(&p, "effective_from", &mut errs);
    let Some(effective) = effective.filter(|_| errs.is_empty()) else {
        return refuse(page, &t, p, errs, "").await;
    };
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    let decree = p.get("decree_number").trim().to_string();
    let outcome = standards::adopt(&mut tx, &ctx, v.id, &decree, effective).await;
    finish_transition(page, &t, p, tx, outcome).await
}
