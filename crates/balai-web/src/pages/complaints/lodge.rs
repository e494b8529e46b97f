//! `/pengaduan/baru`: the public complaint form, no account needed (Seluma Pasal 51–53). On
//! success the page shows at once the complaint number, the secret tracking code and the
//! receipt download; the receipt PDF is rendered on demand, outside the filing transaction.

use askama::Template;
use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use balai_core::complaints::{Category, Privacy};
use balai_core::files::{FileKind, check_upload, clean_file_name};
use balai_core::identity::Permission;
use balai_store::complaints::{self as store, Filed, NewComplaint};
use balai_store::files::NewFile;
use object_store::ObjectStoreExt;
use sha2::{Digest, Sha256};

use super::form::{self, ComplaintForm, Context, Origin, Refusal};
use super::upload::{self, MAX_EVIDENCE_BYTES, Upload};
use super::{Choice, choices, new_key};
use crate::auth::{RequestCtx, Staff, check_csrf};
use crate::error::AppError;
use crate::forms::FormState;
use crate::i18n::{I18n, arg};
use crate::page::PageCtx;
use crate::pages::organisations::long_date;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "complaints/new.html")]
pub(super) struct NewPage {
    pub page: PageCtx,
    pub form: ComplaintForm,
    pub st: FormState,
    pub summary: Vec<(String, String)>,
    pub orgs: Vec<Choice>,
    pub services: Vec<Choice>,
    pub officers: Vec<Choice>,
    pub categories: Vec<Choice>,
    /// Staff registration: the channel and late-reason fields and the console layout.
    pub staff: bool,
    pub channels: Vec<Choice>,
    pub action: String,
}

/// The same form inside the console layout, for staff registration.
#[derive(Template)]
#[template(path = "complaints/console_new.html")]
pub(super) struct ConsoleNewPage {
    pub page: PageCtx,
    pub form: ComplaintForm,
    pub st: FormState,
    pub summary: Vec<(String, String)>,
    pub orgs: Vec<Choice>,
    pub services: Vec<Choice>,
    pub officers: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub staff: bool,
    pub channels: Vec<Choice>,
    pub action: String,
}

#[derive(Template)]
#[template(path = "complaints/filed.html")]
struct FiledPage {
    page: PageCtx,
    number: String,
    code: String,
    due: String,
    citation: String,
    anonymous: bool,
}

/// The form page, fresh or again with the input and messages.
pub(super) async fn render_form(
    page: PageCtx,
    st: &AppState,
    form: ComplaintForm,
    state: FormState,
    staff: bool,
) -> Result<String, AppError> {
    let ch = choices(st, &page).await?;
    let summary = state
        .errors
        .0
        .iter()
        .map(|(f, _)| (f.clone(), state.error(&page, f)))
        .collect();
    let categories = Category::ALL
        .iter()
        .map(|c| Choice::new(c.as_str(), page.pick(c.label_id(), c.label_en())))
        .collect();
    let channels = balai_core::complaints::Channel::STAFF
        .iter()
        .map(|c| Choice::new(c.as_str(), page.pick(c.label_id(), c.label_en())))
        .collect();
    if staff {
        return Ok(ConsoleNewPage {
            page,
            form,
            st: state,
            summary,
            orgs: ch.orgs,
            services: ch.services,
            officers: ch.officers,
            categories,
            staff,
            channels,
            action: "/konsol/pengaduan/baru".to_owned(),
        }
        .render()?);
    }
    Ok(NewPage {
        page,
        form,
        st: state,
        summary,
        orgs: ch.orgs,
        services: ch.services,
        officers: ch.officers,
        categories,
        staff,
        channels,
        action: "/pengaduan/baru".to_owned(),
    }
    .render()?)
}

pub(super) async fn show(page: PageCtx, State(st): State<AppState>) -> Result<Response, AppError> {
    let form = ComplaintForm {
        submission_key: new_key(),
        ..ComplaintForm::default()
    };
    Ok(Html(render_form(page, &st, form, FormState::default(), false).await?).into_response())
}

pub(super) async fn submit(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    // A body that is not multipart (an old page, a script) carries no form: show it again.
    let Ok(body) = body else {
        let form = ComplaintForm {
            submission_key: new_key(),
            ..ComplaintForm::default()
        };
        let state = FormState {
            errors: balai_core::FieldErrors::new(),
            message: Some(page.t("complaint-err-form-key")),
        };
        let html = render_form(page, &st, form, state, false).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
    };
    let body = upload::read(body).await?;
    check_csrf(&ctx, body.get("csrf").trim())?;
    let form = ComplaintForm::from_body(&body);
    let user = ctx
        .user
        .as_ref()
        .filter(|u| u.role == "warga")
        .map(|u| u.user_id);
    let actor = crate::pages::complaints::public_actor(&ctx);
    match lodge(&st, &page, &form, &body, Origin::Public, user, actor, &ctx).await? {
        Lodged::Again(state) => {
            let html = render_form(page, &st, form, state, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Lodged::Done(filed, code, citation) => {
            Ok(Html(filed_page(page, &filed, code, citation)?).into_response())
        }
    }
}

/// The outcome of lodging: the form again with messages, or the filed complaint and its code.
pub(super) enum Lodged {
    Again(FormState),
    /// The complaint, its tracking code and the citation of its first deadline.
    Done(Box<Filed>, String, String),
}

/// Checks, stores the evidence, files through group commit. Shared with staff registration.
#[allow(clippy::too_many_arguments)]
pub(super) async fn lodge(
    st: &AppState,
    page: &PageCtx,
    form: &ComplaintForm,
    body: &upload::Body,
    origin: Origin,
    complainant: Option<uuid::Uuid>,
    actor: balai_core::identity::Actor,
    ctx: &RequestCtx,
) -> Result<Lodged, AppError> {
    let (rules, calendar) = store::deadline_context(&st.db).await?;
    let cx = Context {
        today: calendar.today(st.clock.as_ref()),
        rules: &rules,
        calendar: &calendar,
        complainant_user_id: complainant,
    };
    let checked = form::check(st, form, origin, &cx).await;
    let kinds = check_files(&body.files, body.too_many_files);
    let (mut new, kinds) = match (checked, kinds) {
        (Ok(n), Ok(kinds)) => (n, kinds),
        (Err(Refusal::Late { last_day, citation }), _) => {
            let mut args = arg("last_day", long_date(page.lang, last_day));
            args.set("citation", citation);
            let msg = I18n::global().t_args(page.lang, "complaint-late", Some(&args));
            return Ok(Lodged::Again(FormState {
                errors: balai_core::FieldErrors::new(),
                message: Some(msg),
            }));
        }
        (checked, file_err) => {
            let mut errors = match checked {
                Err(Refusal::Fields(errs)) => errs,
                _ => balai_core::FieldErrors::new(),
            };
            if let Err(key) = file_err {
                errors.add("evidence", &key);
            }
            return Ok(Lodged::Again(FormState {
                errors,
                message: None,
            }));
        }
    };
    let citation = rules
        .iter()
        .find(|r| Some(r.code.as_str()) == Some(new.due_rule.as_str()))
        .map(|r| r.citation.clone())
        .unwrap_or_default();
    let code = new.key.tracking_code();
    let paths = put_files(st, &body.files, &kinds, &mut new).await?;
    let audit =
        balai_store::audit::AuditCtx::new(actor, Some(ctx.request_id.clone()), st.clock.now());
    let n = new;
    let filed = st
        .db
        .batcher()
        .run(move |tx| Box::pin(async move { store::file(tx, &audit, &n).await }))
        .await;
    // Evidence of a failed or repeated submission points nowhere: remove it.
    if !matches!(&filed, Ok(f) if !f.repeated) {
        for p in &paths {
            if let Err(e) = st.files.delete(p).await {
                tracing::error!(error = %e, "orphaned evidence not deleted");
            }
        }
    }
    Ok(Lodged::Done(Box::new(filed?), code, citation))
}

/// The kind of each file, or the message key of the first bad one.
fn check_files(files: &[Upload], too_many: bool) -> Result<Vec<FileKind>, String> {
    if too_many {
        return Err("complaint-err-too-many-files".into());
    }
    files
        .iter()
        .map(|f| {
            check_upload(
                &f.bytes,
                &[FileKind::Pdf, FileKind::Jpeg, FileKind::Png],
                MAX_EVIDENCE_BYTES,
            )
            .map_err(|e| match e.message_key() {
                // The shared message names its limit through an argument; ours states it.
                Some("err-file-too-large") => "complaint-err-file-too-large".to_owned(),
                key => key.unwrap_or("err-file-type").to_owned(),
            })
        })
        .collect()
}

/// Writes the evidence to the object store under random keys; returns their paths.
async fn put_files(
    st: &AppState,
    files: &[Upload],
    kinds: &[FileKind],
    n: &mut NewComplaint,
) -> Result<Vec<object_store::path::Path>, AppError> {
    let mut paths = Vec::new();
    for (f, kind) in files.iter().zip(kinds) {
        let key = format!("complaints/{}.{}", uuid::Uuid::now_v7(), kind.extension());
        let path = object_store::path::Path::from(key.clone());
        st.files
            .put(&path, f.bytes.clone().into())
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        paths.push(path);
        n.evidence.push(NewFile {
            object_key: key,
            file_name: clean_file_name(&f.file_name, *kind),
            content_type: kind.content_type().to_owned(),
            size_bytes: i64::try_from(f.bytes.len()).unwrap_or(i64::MAX),
            sha256: hex::encode(Sha256::digest(&f.bytes)),
        });
    }
    Ok(paths)
}

/// The page shown once after filing: number, secret code, first deadline with its article.
pub(super) fn filed_page(
    page: PageCtx,
    filed: &Filed,
    code: String,
    citation: String,
) -> Result<String, AppError> {
    let c = &filed.complaint;
    let due = c
        .due_date
        .map(|d| long_date(page.lang, d))
        .unwrap_or_default();
    let anonymous = Privacy::parse(&c.privacy).is_ok_and(|p| p.is_anonymous());
    Ok(FiledPage {
        page,
        number: c.number.clone(),
        code,
        due,
        citation,
        anonymous,
    }
    .render()?)
}

/// `GET /konsol/pengaduan/baru`: staff registration (complaint managers).
pub(super) async fn staff_show(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
) -> Result<Response, AppError> {
    s.require(Permission::ComplaintsHandle)?;
    let form = ComplaintForm {
        submission_key: new_key(),
        channel: "counter".to_owned(),
        ..ComplaintForm::default()
    };
    Ok(Html(render_form(page, &st, form, FormState::default(), true).await?).into_response())
}

/// `POST /konsol/pengaduan/baru`: the registering officer is the receiving officer.
pub(super) async fn staff_submit(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    s.require(Permission::ComplaintsHandle)?;
    let Ok(body) = body else {
        return Err(AppError::Csrf);
    };
    let body = upload::read(body).await?;
    check_csrf(&s.ctx, body.get("csrf").trim())?;
    let form = ComplaintForm::from_body(&body);
    let outcome = lodge(
        &st,
        &page,
        &form,
        &body,
        Origin::Staff,
        None,
        s.actor.clone(),
        &s.ctx,
    )
    .await?;
    match outcome {
        Lodged::Again(state) => {
            let html = render_form(page, &st, form, state, true).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Lodged::Done(filed, code, citation) => {
            Ok(Html(filed_page(page, &filed, code, citation)?).into_response())
        }
    }
}
