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
use balai_core::catalog::{
    CompletionTime, FILE_TYPES, Fee, ProcedureStep, Requirement, ServiceStandard, StandardStatus, TimeUnit,
};
use balai_core::identity::Permission;
use balai_core::ids::Rupiah;
use balai_store::standards::{self, StandardError};

use super::rows::{Cell, EXTRA_ROWS, Pairs};
use super::{audit_ctx, load_service, load_version, standard_error};
use crate::auth::Staff;
use crate::error::AppError;
use crate::forms::PageForm;
use crate::i18n::Lang;
use crate::page::PageCtx;
use crate::pages::services::Choice;
use crate::state::AppState;

/// The free-text components, by form field name, in the order a–o.
const TEXTS: [&str; 11] = [
    "fee_legal_basis",
    "product",
    "facilities",
    "vulnerable_facilities",
    "officer_competence",
    "internal_supervision",
    "complaint_handling",
    "service_guarantee",
    "security_guarantee",
    "compensation",
    "performance_evaluation",
];
/// Largest number of officers accepted (component k).
const OFFICERS_MAX: u32 = 100_000;

#[derive(Debug, Clone, Default)]
struct ReqRaw {
    name: String,
    required: bool,
    types: Vec<String>,
    note: String,
}

#[derive(Debug, Clone, Default)]
struct FeeRaw {
    item: String,
    amount: String,
    basis: String,
}

/// The editor's values as typed (or as loaded from the draft).
#[derive(Debug, Clone, Default)]
struct StandardForm {
    reqs: Vec<ReqRaw>,
    steps: Vec<(String, String)>,
    fees: Vec<FeeRaw>,
    legal: Vec<String>,
    completion_value: String,
    completion_unit: String,
    officer_count: String,
    texts: Vec<(&'static str, String)>,
    change_note: String,
    lock_version: String,
    extra: usize,
}

impl StandardForm {
    fn from_standard(s: &ServiceStandard, change_note: &str, lock: i32) -> StandardForm {
        let text = |f: &str| -> String {
            match f {
                "fee_legal_basis" => s.fee_legal_basis.clone(),
                "product" => s.product.clone(),
                "facilities" => s.facilities.clone(),
                "vulnerable_facilities" => s.vulnerable_facilities.clone(),
                "officer_competence" => s.officer_competence.clone(),
                "internal_supervision" => s.internal_supervision.clone(),
                "complaint_handling" => s.complaint_handling.clone(),
                "service_guarantee" => s.service_guarantee.clone(),
                "security_guarantee" => s.security_guarantee.clone(),
                "compensation" => s.compensation.clone(),
                _ => s.performance_evaluation.clone(),
            }
        };
        StandardForm {
            reqs: s
                .requirements
                .iter()
                .map(|r| ReqRaw { name: r.name.clone(), required: r.required, types: r.file_types.clone(), note: r.note.clone() })
                .collect(),
            steps: s.procedure.iter().map(|p| (p.title.clone(), p.description.clone())).collect(),
            fees: s
                .fees
                .iter()
                .map(|f| FeeRaw { item: f.item.clone(), amount: f.amount.as_i64().to_string(), basis: f.legal_basis.clone() })
                .collect(),
            legal: s.legal_basis.clone(),
            completion_value: s.completion_time.value.to_string(),
            completion_unit: s.completion_time.unit.as_str().to_string(),
            officer_count: s.officer_count.to_string(),
            texts: TEXTS.iter().map(|f| (*f, text(f))).collect(),
            change_note: change_note.to_string(),
            lock_version: lock.to_string(),
            extra: EXTRA_ROWS,
        }
    }

    /// Reads the posted form; empty rows are dropped and the rest renumbered from 0, so that
    /// row `i` of the form is entry `i` of the standard (and of its error messages).
    fn from_pairs(p: &Pairs) -> StandardForm {
        let g = |k: String| p.get(&k).to_string();
        let reqs = p
            .rows("req")
            .into_iter()
            .map(|i| ReqRaw {
                name: g(format!("req-{i}-name")),
                required: p.checked(&format!("req-{i}-required")),
                types: p.all(&format!("req-{i}-type")).into_iter().map(str::to_string).collect(),
                note: g(format!("req-{i}-note")),
            })
            .filter(|r| !(r.name.trim().is_empty() && r.note.trim().is_empty() && r.types.is_empty()))
            .collect();
        let steps = p
            .rows("step")
            .into_iter()
            .map(|i| (g(format!("step-{i}-title")), g(format!("step-{i}-desc"))))
            .filter(|(t, d)| !(t.trim().is_empty() && d.trim().is_empty()))
            .collect();
        let fees = p
            .rows("fee")
            .into_iter()
            .map(|i| FeeRaw { item: g(format!("fee-{i}-item")), amount: g(format!("fee-{i}-amount")), basis: g(format!("fee-{i}-basis")) })
            .filter(|f| !(f.item.trim().is_empty() && f.amount.trim().is_empty() && f.basis.trim().is_empty()))
            .collect();
        let legal = p.rows("legal").into_iter().map(|i| g(format!("legal-{i}"))).filter(|l| !l.trim().is_empty()).collect();
        StandardForm {
            reqs,
            steps,
            fees,
            legal,
            completion_value: p.get("completion_value").to_string(),
            completion_unit: p.get("completion_unit").to_string(),
            officer_count: p.get("officer_count").to_string(),
            texts: TEXTS.iter().map(|f| (*f, p.get(f).to_string())).collect(),
            change_note: p.get("change_note").to_string(),
            lock_version: p.get("lock_version").to_string(),
            extra: p.extra_rows(),
        }
    }

    fn text(&self, field: &str) -> String {
        self.texts.iter().find(|(f, _)| *f == field).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Parses numbers and amounts, builds the standard and validates it; problems are reported
    /// under the standard's own field names (`fees[0].amount`).
    fn to_standard(&self) -> Result<ServiceStandard, FieldErrors> {
        let mut errs = FieldErrors::new();
        let mut fees = Vec::new();
        for (i, f) in self.fees.iter().enumerate() {
            let amount = errs.take(&format!("fees[{i}].amount"), Rupiah::parse(&f.amount)).unwrap_or_default();
            fees.push(Fee { item: f.item.trim().into(), amount, legal_basis: f.basis.trim().into() });
        }
        let value = self.completion_value.trim().parse::<u32>().unwrap_or_else(|_| {
            errs.add("completion_time.value", "err-invalid-number");
            1
        });
        let unit = errs.take("completion_time.unit", TimeUnit::parse(&self.completion_unit)).unwrap_or(TimeUnit::WorkingDays);
        let officer_count = match self.officer_count.trim() {
            "" => 0,
            n => match n.parse::<u32>() {
                Ok(n) if n <= OFFICERS_MAX => n,
                Ok(_) => {
                    errs.add("officer_count", "err-out-of-range");
                    0
                }
                Err(_) => {
                    errs.add("officer_count", "err-invalid-number");
                    0
                }
            },
        };
        let std = ServiceStandard {
            legal_basis: self.legal.iter().map(|l| l.trim().to_string()).collect(),
            requirements: self
                .reqs
                .iter()
                .map(|r| Requirement {
                    name: r.name.trim().into(),
                    required: r.required,
                    file_types: r.types.clone(),
                    note: r.note.trim().into(),
                })
                .collect(),
            procedure: self
                .steps
                .iter()
                .map(|(t, d)| ProcedureStep { title: t.trim().into(), description: d.trim().into() })
                .collect(),
            completion_time: CompletionTime { value, unit },
            fees,
            fee_legal_basis: self.text("fee_legal_basis").trim().into(),
            product: self.text("product").trim().into(),
            facilities: self.text("facilities").trim().into(),
            vulnerable_facilities: self.text("vulnerable_facilities").trim().into(),
            officer_competence: self.text("officer_competence").trim().into(),
            internal_supervision: self.text("internal_supervision").trim().into(),
            complaint_handling: self.text("complaint_handling").trim().into(),
            officer_count,
            service_guarantee: self.text("service_guarantee").trim().into(),
            security_guarantee: self.text("security_guarantee").trim().into(),
            compensation: self.text("compensation").trim().into(),
            performance_evaluation: self.text("performance_evaluation").trim().into(),
        };
        if let Err(more) = std.validate() {
            for (f, k) in more.0 {
                // A field whose input could not be read already has its message.
                if errs.get(&f).is_none() {
                    errs.add(&f, &k);
                }
            }
        }
        balai_core::text::check_len("change_note", &self.change_note, 0, 500, &mut errs);
        errs.into_result().map(|()| std)
    }
}

/// The form's name for a standard's field: `requirements[2].name` → `req-2-name`,
/// `legal_basis[1]` → `legal-1`, `completion_time.value` → `completion_value`; list-wide
/// problems land on the list's first row.
fn form_field(core: &str) -> String {
    let (list, rest) = match core.split_once('[') {
        Some((l, r)) => (l, r),
        None => {
            return match core {
                "completion_time.value" => "completion_value".into(),
                "completion_time.unit" => "completion_unit".into(),
                "procedure" => "step-0-title".into(),
                "requirements" => "req-0-name".into(),
                "fees" => "fee-0-item".into(),
                "legal_basis" => "legal-0".into(),
                other => other.into(),
            };
        }
    };
    let (index, sub) = rest.split_once(']').unwrap_or((rest, ""));
    let sub = sub.trim_start_matches('.');
    let (prefix, sub) = match (list, sub) {
        ("requirements", "file_types") => ("req", "type"),
        ("requirements", s) => ("req", s),
        ("procedure", "description") => ("step", "desc"),
        ("procedure", s) => ("step", s),
        ("fees", "legal_basis") => ("fee", "basis"),
        ("fees", s) => ("fee", s),
        _ => ("legal", ""),
    };
    if sub.is_empty() { format!("{prefix}-{index}") } else { format!("{prefix}-{index}-{sub}") }
}

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
    fn new(page: PageCtx, code: &str, name: &str, no: i32, form: StandardForm, core_errors: FieldErrors) -> EditorPage {
        let errors = FieldErrors(core_errors.0.into_iter().map(|(f, k)| (form_field(&f), k)).collect());
        let e = |f: &str| errors.get(f).map(|k| page.t(k)).unwrap_or_default();
        let n = |len: usize| len + form.extra;
        let reqs = (0..n(form.reqs.len()))
            .map(|i| {
                let r = form.reqs.get(i).cloned().unwrap_or(ReqRaw { required: true, ..ReqRaw::default() });
                ReqRow {
                    i,
                    name: Cell::new(format!("req-{i}-name"), &r.name, e(&format!("req-{i}-name"))),
                    note: Cell::new(format!("req-{i}-note"), &r.note, e(&format!("req-{i}-note"))),
                    required: r.required,
                    types: FILE_TYPES.iter().map(|t| (t.to_string(), r.types.iter().any(|x| x == t))).collect(),
                    types_error: e(&format!("req-{i}-type")),
                }
            })
            .collect();
        let steps = (0..n(form.steps.len()))
            .map(|i| {
                let (t, d) = form.steps.get(i).cloned().unwrap_or_default();
                (i, Cell::new(format!("step-{i}-title"), &t, e(&format!("step-{i}-title"))), Cell::new(format!("step-{i}-desc"), &d, e(&format!("step-{i}-desc"))))
            })
            .collect();
        let fees = (0..n(form.fees.len()))
            .map(|i| {
                let f = form.fees.get(i).cloned().unwrap_or_default();
                FeeRow {
                    i,
                    item: Cell::new(format!("fee-{i}-item"), &f.item, e(&format!("fee-{i}-item"))),
                    amount: Cell::new(format!("fee-{i}-amount"), &f.amount, e(&format!("fee-{i}-amount"))),
                    basis: Cell::new(format!("fee-{i}-basis"), &f.basis, e(&format!("fee-{i}-basis"))),
                }
            })
            .collect();
        let legal = (0..n(form.legal.len()))
            .map(|i| (i, Cell::new(format!("legal-{i}"), form.legal.get(i).map(String::as_str).unwrap_or(""), e(&format!("legal-{i}")))))
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
        EditorPage { code: code.into(), name: name.into(), no, reqs, steps, fees, legal, units, errors, message: String::new(), form, page }
    }

    fn err(&self, field: &str) -> String {
        self.errors.get(field).map(|k| self.page.t(k)).unwrap_or_default()
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
        self.errors.0.iter().map(|(f, k)| (f.clone(), self.page.t(k))).collect()
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
    s.actor.require_org(Permission::StandardDraft, svc.organisation_id)?;
    let v = load_version(&st, &svc, &no).await?;
    let status = v.status()?;
    if !status.is_editable() {
        return Err(not_editable(status));
    }
    let form = StandardForm::from_standard(&v.standard()?, &v.change_note, v.lock_version);
    let name = page.pick(&svc.name, &svc.name_en).to_string();
    EditorPage::new(page, &svc.code, &name, v.version_no, form, FieldErrors::new()).respond(StatusCode::OK)
}

/// A version that is not a draft is never edited (an adopted one is a record).
fn not_editable(status: StandardStatus) -> AppError {
    AppError::Conflict(format!("version is {status}: only a draft can be edited"))
}

pub(super) async fn save(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Path((code, no)): Path<(String, String)>,
    PageForm(p): PageForm<Pairs>,
) -> Result<Response, AppError> {
    let svc = load_service(&st, &s, &code).await?;
    s.actor.require_org(Permission::StandardDraft, svc.organisation_id)?;
    let v = load_version(&st, &svc, &no).await?;
    let status = v.status()?;
    if !status.is_editable() {
        return Err(not_editable(status));
    }
    let form = StandardForm::from_pairs(&p);
    let name = page.pick(&svc.name, &svc.name_en).to_string();
    if p.get("action") == "add_rows" {
        return EditorPage::new(page, &svc.code, &name, v.version_no, form, FieldErrors::new()).respond(StatusCode::OK);
    }
    let std = match form.to_standard() {
        Ok(std) => std,
        Err(errs) => {
            return EditorPage::new(page, &svc.code, &name, v.version_no, form, errs).respond(StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let lock: i32 = form.lock_version.trim().parse().unwrap_or(-1);
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    match standards::edit_draft(&mut tx, &ctx, v.id, lock, &std, &form.change_note).await {
        Ok(_) => tx.commit().await?,
        Err(StandardError::Stale) => {
            let mut view = EditorPage::new(page, &svc.code, &name, v.version_no, form, FieldErrors::new());
            view.message = view.page.t("svc-conflict");
            return view.respond(StatusCode::CONFLICT);
        }
        Err(StandardError::Invalid(errs)) => {
            return EditorPage::new(page, &svc.code, &name, v.version_no, form, errs).respond(StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(StandardError::NotEditable(status)) => return Err(not_editable(status)),
        Err(e) => return Err(standard_error(e)),
    }
    Ok(Redirect::to(&format!("/konsol/layanan/{}/versi/{}", svc.code, v.version_no)).into_response())
}

#[cfg(test)]
mod tests {
    use super::form_field;

    #[test]
    fn core_fields_map_to_form_rows() {
        assert_eq!(form_field("requirements[2].name"), "req-2-name");
        assert_eq!(form_field("requirements[0].file_types"), "req-0-type");
        assert_eq!(form_field("procedure[1].description"), "step-1-desc");
        assert_eq!(form_field("fees[3].legal_basis"), "fee-3-basis");
        assert_eq!(form_field("fees[0].amount"), "fee-0-amount");
        assert_eq!(form_field("legal_basis[4]"), "legal-4");
        assert_eq!(form_field("completion_time.value"), "completion_value");
        assert_eq!(form_field("procedure"), "step-0-title");
        assert_eq!(form_field("product"), "product");
    }
}
