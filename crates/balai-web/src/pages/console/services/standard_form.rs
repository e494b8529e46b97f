//! The draft editor's form values: reading the posted rows (empty rows dropped, the rest
//! renumbered so row `i` is entry `i` of the standard), turning them into a
//! `ServiceStandard` with every problem reported, and naming each problem's field as the form
//! names it.

use balai_core::FieldErrors;
use balai_core::catalog::{
    CompletionTime, Fee, ProcedureStep, Requirement, ServiceStandard, TimeUnit,
};
use balai_core::ids::Rupiah;

use super::rows::{EXTRA_ROWS, Pairs};

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
pub(super) struct ReqRaw {
    pub(super) name: String,
    pub(super) required: bool,
    pub(super) types: Vec<String>,
    pub(super) note: String,
}

#[derive(Debug, Clone, Default)]
pub(super) struct FeeRaw {
    pub(super) item: String,
    pub(super) amount: String,
    pub(super) basis: String,
}

/// The editor's values as typed (or as loaded from the draft).
#[derive(Debug, Clone, Default)]
pub(super) struct StandardForm {
    pub(super) reqs: Vec<ReqRaw>,
    pub(super) steps: Vec<(String, String)>,
    pub(super) fees: Vec<FeeRaw>,
    pub(super) legal: Vec<String>,
    pub(super) completion_value: String,
    pub(super) completion_unit: String,
    pub(super) officer_count: String,
    pub(super) texts: Vec<(&'static str, String)>,
    pub(super) change_note: String,
    pub(super) lock_version: String,
    pub(super) extra: usize,
}

impl StandardForm {
    pub(super) fn from_standard(s: &ServiceStandard, change_note: &str, lock: i32) -> StandardForm {
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
                .map(|r| ReqRaw {
                    name: r.name.clone(),
                    required: r.required,
                    types: r.file_types.clone(),
                    note: r.note.clone(),
                })
                .collect(),
            steps: s
                .procedure
                .iter()
                .map(|p| (p.title.clone(), p.description.clone()))
                .collect(),
            fees: s
                .fees
                .iter()
                .map(|f| FeeRaw {
                    item: f.item.clone(),
                    amount: f.amount.as_i64().to_string(),
                    basis: f.legal_basis.clone(),
                })
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
    pub(super) fn from_pairs(p: &Pairs) -> StandardForm {
        let g = |k: String| p.get(&k).to_string();
        let reqs = p
            .rows("req")
            .into_iter()
            .map(|i| ReqRaw {
                name: g(format!("req-{i}-name")),
                required: p.checked(&format!("req-{i}-required")),
                types: p
                    .all(&format!("req-{i}-type"))
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                note: g(format!("req-{i}-note")),
            })
            .filter(|r| {
                !(r.name.trim().is_empty() && r.note.trim().is_empty() && r.types.is_empty())
            })
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
            .map(|i| FeeRaw {
                item: g(format!("fee-{i}-item")),
                amount: g(format!("fee-{i}-amount")),
                basis: g(format!("fee-{i}-basis")),
            })
            .filter(|f| {
                !(f.item.trim().is_empty()
                    && f.amount.trim().is_empty()
                    && f.basis.trim().is_empty())
            })
            .collect();
        let legal = p
            .rows("legal")
            .into_iter()
            .map(|i| g(format!("legal-{i}")))
            .filter(|l| !l.trim().is_empty())
            .collect();
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

    pub(super) fn text(&self, field: &str) -> String {
        self.texts
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Parses numbers and amounts, builds the standard and validates it; problems are reported
    /// under the standard's own field names (`fees[0].amount`).
    pub(super) fn to_standard(&self) -> Result<ServiceStandard, FieldErrors> {
        let mut errs = FieldErrors::new();
        let mut fees = Vec::new();
        for (i, f) in self.fees.iter().enumerate() {
            let amount = errs
                .take(&format!("fees[{i}].amount"), Rupiah::parse(&f.amount))
                .unwrap_or_default();
            fees.push(Fee {
                item: f.item.trim().into(),
                amount,
                legal_basis: f.basis.trim().into(),
            });
        }
        let value = self
            .completion_value
            .trim()
            .parse::<u32>()
            .unwrap_or_else(|_| {
                errs.add("completion_time.value", "err-invalid-number");
                1
            });
        let unit = errs
            .take(
                "completion_time.unit",
                TimeUnit::parse(&self.completion_unit),
            )
            .unwrap_or(TimeUnit::WorkingDays);
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
                .map(|(t, d)| ProcedureStep {
                    title: t.trim().into(),
                    description: d.trim().into(),
                })
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
pub(super) fn form_field(core: &str) -> String {
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
    if sub.is_empty() {
        format!("{prefix}-{index}")
    } else {
        format!("{prefix}-{index}-{sub}")
    }
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
