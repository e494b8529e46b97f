//! The draft editor: one form for all fifteen components of a standard (Seluma Pasal 23; Luwu
//! Pasal 27; Bekasi Pasal 21), with repeating rows for requirements, procedure steps, fees and
//! legal bases. Without JavaScript, "Tambah baris" posts the form and gets it back with more
//! empty rows; nothing is saved until "Simpan".
//!
//! Two administrators editing the same draft: the form carries the draft's `lock_version`; the
//! second save is refused with a conflict message and the form comes back with their input.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balai_core::FieldErrors;
use balai_core::catalog::{FILE_TYPES, TimeUnit};
use balai_core::identity::Permission;
use balai_store::standards::{self, StandardError};

use super::rows::{Cell, Pairs};
use super::standard_form::{ReqRaw, StandardForm, form_field};
use super::versions::refuse_edit;
use super::view::Choice;
use super::{audit_ctx, load_service, load_version, standard_error};
use crate::auth::Staff;
use crate::error::AppError;
use crate::forms::PageForm;
use crate::i18n::Lang;
use crate::page::PageCtx;
use crate::state::AppState;

struct ReqRow {
    i: usize,
    name: Cell,
    note: Cell,
    required: bool,
    types: Vec<(String, bool)>,
    types_error: String,
}

struct FeeRow {
    i: usize,
    item: Cell,
    amount: Cell,
    basis: Cell,
}

#[derive(Template)]
#[template(path = "console/services/standard_form.html")]
struct EditorPage {
    page: PageCtx,
    code: String,
    name: String,
    no: i32,
    form: StandardForm,
    errors: FieldErrors,
    message: String,
    reqs: Vec<ReqRow>,
    steps: Vec<(usize, Cell, Cell)>,
    fees: Vec<FeeRow>,
    legal: Vec<(usize, Cell)>,
    units: Vec<Choice>,
}

impl EditorPage {
    fn new(
        page: PageCtx,
        code: &str,
        name: &str,
        no: i32,
        form: StandardForm,
        core_errors: FieldErrors,
    ) -> EditorPage {
        let errors = FieldErrors(
            core_errors
                .0
                .into_iter()
                .map(|(f, k)| (form_field(&f), k))
                .collect(),
        );
        let e = |f: &str| errors.get(f).map(|k| page.t(k)).unwrap_or_default();
        let n = |len: usize| len + form.extra;
        let reqs = (0..n(form.reqs.len()))
            .map(|i| {
                let r = form.reqs.get(i).cloned().unwrap_or(ReqRaw {
                    required: true,
                    ..ReqRaw::default()
                });
                ReqRow {
                    i,
                    name: Cell::new(
                        format!("req-{i}-name"),
                        &r.name,
                        e(&format!("req-{i}-name")),
                    ),
                    note: Cell::new(
                        format!("req-{i}-note"),
                        &r.note,
                        e(&format!("req-{i}-note")),
                    ),
                    required: r.required,
                    types: FILE_TYPES
                        .iter()
                        .map(|t| (t.to_string(), r.types.iter().any(|x| x == t)))
                        .collect(),
                    types_error: e(&format!("req-{i}-type")),
                }
            })
            .collect();
        let steps = (0..n(form.steps.len()))
            .map(|i| {
                let (t, d) = form.steps.get(i).cloned().unwrap_or_default();
                (
                    i,
                    Cell::new(format!("step-{i}-title"), &t, e(&format!("step-{i}-title"))),
                    Cell::new(format!("step-{i}-desc"), &d, e(&format!("step-{i}-desc"))),
                )
            })
            .collect();
        let fees = (0..n(form.fees.len()))
            .map(|i| {
                let f = form.fees.get(i).cloned().unwrap_or_default();
                FeeRow {
                    i,
                    item: Cell::new(
                        format!("fee-{i}-item"),
                        &f.item,
                        e(&format!("fee-{i}-item")),
                    ),
                    amount: Cell::new(
                        format!("fee-{i}-amount"),
                        &f.amount,
                        e(&format!("fee-{i}-amount")),
                    ),
                    basis: Cell::new(
                        format!("fee-{i}-basis"),
                        &f.basis,
                        e(&format!("fee-{i}-basis")),
                    ),
                }
            })
            .collect();
        let legal = (0..n(form.legal.len()))
            .map(|i| {
                (
                    i,
                    Cell::new(
                        format!("legal-{i}"),
                        form.legal.get(i).map(String::as_str).unwrap_or(""),
                        e(&format!("legal-{i}")),
                    ),
                )
            })
            .collect();
        let en = page.lang == Lang::En;
        let units = TimeUnit::ALL
            .iter()
            .map(|u| Choice {
                value: u.as_str().into(),
                label: if en { u.label_en() } else { u.label_id() }.into(),
                selected: form.completion_unit == u.as_str(),
            })
            .collect();
        EditorPage {
            code: code.into(),
            name: name.into(),
            no,
            reqs,
            steps,
            fees,
            legal,
            units,
            errors,
            message: String::new(),
            form,
            page,
        }
    }

    fn err(&self, field: &str) -> String {
        self.errors
            .get(field)
            .map(|k| self.page.t(k))
            .unwrap_or_default()
    }

    fn text(&self, field: &str) -> String {
        self.form.text(field)
    }

    /// "Dasar hukum baris 2" for row index 1.
    fn row_label(&self, key: &str, i: impl std::fmt::Display) -> String {
        let n = i.to_string().parse::<usize>().unwrap_or(0) + 1;
        format!("{} {n}", self.page.t(key))
    }

    /// A label with "(opsional)" after it.
    fn optional_label(&self, key: &str) -> String {
        format!("{} ({})", self.page.t(key), self.page.t("optional"))
    }

    /// The name of row `i`'s "required" checkbox.
    fn required_name(&self, i: impl std::fmt::Display) -> String {
        format!("req-{i}-required")
    }

    fn summary(&self) -> Vec<(String, String)> {
        self.errors
            .0
            .iter()
            .map(|(f, k)| (f.clone(), self.page.t(k)))
            .collect()
    }

    fn respond(self, status: StatusCode) -> Result<Response, AppError> {
        Ok((status, Html(self.render()?)).into_response())
    }
}

pub(super) async fn edit_form(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path((code, no)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    s.actor
        .require_org(Permission::StandardDraft, svc.organisation_id)?;
    let v = load_version(&st, &svc, &no).await?;
    let status = v.status()?;
    if !status.is_editable() {
        return refuse_edit(page, &st, &s, &svc, &v).await;
    }
    let form = StandardForm::from_standard(&v.standard()?, &v.change_note, v.lock_version);
    let name = page.pick(&svc.name, &svc.name_en).to_string();
    EditorPage::new(
        page,
        &svc.code,
        &name,
        v.version_no,
        form,
        FieldErrors::new(),
    )
    .respond(StatusCode::OK)
}

pub(super) async fn save(
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
    let status = v.status()?;
    if !status.is_editable() {
        return refuse_edit(page, &st, &s, &svc, &v).await;
    }
    let form = StandardForm::from_pairs(&p);
    let name = page.pick(&svc.name, &svc.name_en).to_string();
    if p.get("action") == "add_rows" {
        return EditorPage::new(
            page,
            &svc.code,
            &name,
            v.version_no,
            form,
            FieldErrors::new(),
        )
        .respond(StatusCode::OK);
    }
    let std = match form.to_standard() {
        Ok(std) => std,
        Err(errs) => {
            return EditorPage::new(page, &svc.code, &name, v.version_no, form, errs)
                .respond(StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let lock: i32 = form.lock_version.trim().parse().unwrap_or(-1);
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    match standards::edit_draft(&mut tx, &ctx, v.id, lock, &std, &form.change_note).await {
        Ok(_) => tx.commit().await?,
        Err(StandardError::Stale) => {
            let mut view = EditorPage::new(
                page,
                &svc.code,
                &name,
                v.version_no,
                form,
                FieldErrors::new(),
            );
            view.message = view.page.t("svc-conflict");
            return view.respond(StatusCode::CONFLICT);
        }
        Err(StandardError::Invalid(errs)) => {
            return EditorPage::new(page, &svc.code, &name, v.version_no, form, errs)
                .respond(StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(StandardError::NotEditable(_)) => return refuse_edit(page, &st, &s, &svc, &v).await,
        Err(e) => return Err(standard_error(e)),
    }
    Ok(Redirect::to(&format!(
        "/konsol/layanan/{}/versi/{}",
        svc.code, v.version_no
    ))
    .into_response())
}
