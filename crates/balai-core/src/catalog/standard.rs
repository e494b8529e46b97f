//! The service standard and its components (national-rules §3; requirements §2 a–o).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{DayKind, DueDate, WorkCalendar};
use crate::error::FieldErrors;
use crate::ids::Rupiah;
use crate::macros::string_enum;
use crate::text::check_len;

/// Upload types a requirement may accept; the web layer checks uploads by magic bytes.
pub const FILE_TYPES: &[&str] = &["pdf", "jpeg", "png"];

/// Longest free-text component of a standard.
const TEXT_MAX: usize = 4000;
/// Longest short line (a name, a title, a legal reference).
const LINE_MAX: usize = 500;
/// Most entries in any list of a standard (requirements, steps, fees, legal bases).
const LIST_MAX: usize = 100;

string_enum! {
    /// The unit of a completion time.
    pub enum TimeUnit (field = "completion_time.unit") {
        WorkingDays = "working_days", "hari kerja", "working days";
        Days = "days", "hari kalender", "calendar days";
        Hours = "hours", "jam", "hours";
        Minutes = "minutes", "menit", "minutes";
    }
}

impl TimeUnit {
    /// Largest sensible value per unit: a year of working days, two years of days, a month of
    /// hours, a day of minutes. Beyond that the unit was probably mistaken.
    fn max_value(self) -> u32 {
        match self {
            TimeUnit::WorkingDays => 365,
            TimeUnit::Days => 730,
            TimeUnit::Hours => 720,
            TimeUnit::Minutes => 1440,
        }
    }
}

/// How long the service takes (component d). Structured because it drives deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CompletionTime {
    pub value: u32,
    pub unit: TimeUnit,
}

impl Default for CompletionTime {
    fn default() -> Self {
        Self {
            value: 1,
            unit: TimeUnit::WorkingDays,
        }
    }
}

impl CompletionTime {
    /// "3 hari kerja", "14 hari kalender", "2 jam", "60 menit".
    pub fn label_id(&self) -> String {
        format!("{} {}", self.value, self.unit.label_id())
    }

    /// "3 working days", "1 working day", "1 hour", "60 minutes".
    pub fn label_en(&self) -> String {
        let plural = self.unit.label_en();
        let unit = if self.value == 1 {
            plural.strip_suffix('s').unwrap_or(plural)
        } else {
            plural
        };
        format!("{} {unit}", self.value)
    }

    /// Checks value > 0 and within the unit's bound (field `completion_time.value`).
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        self.check("completion_time", &mut errs);
        errs.into_result()
    }

    fn check(&self, prefix: &str, errs: &mut FieldErrors) {
        let field = format!("{prefix}.value");
        if self.value == 0 {
            errs.add(&field, "err-completion-time-zero");
        } else if self.value > self.unit.max_value() {
            errs.add(&field, "err-completion-time-too-large");
        }
    }

    /// The day count and kind for day units; `None` for hours and minutes, which are served
    /// the same day and tracked by the clock, not the calendar.
    pub fn day_rule(&self) -> Option<(u32, DayKind)> {
        match self.unit {
            TimeUnit::WorkingDays => Some((self.value, DayKind::Working)),
            TimeUnit::Days => Some((self.value, DayKind::Calendar)),
            TimeUnit::Hours | TimeUnit::Minutes => None,
        }
    }

    /// The date an application received on `from` is due, for day units.
    pub fn due(&self, cal: &WorkCalendar, from: NaiveDate) -> Option<DueDate> {
        self.day_rule()
            .map(|(days, kind)| cal.add_days(from, days, kind))
    }
}

/// One fee or tariff item (component e), with the regulation that sets it (fees are set with
/// DPRD approval, Luwu Pasal 36(4)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    pub item: String,
    pub amount: Rupiah,
    pub legal_basis: String,
}

/// One document the applicant provides (component b). `file_types` empty means the document
/// is shown at the counter, not uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub name: String,
    pub required: bool,
    pub file_types: Vec<String>,
    pub note: String,
}

/// One step of the system, mechanism and procedure (component c).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureStep {
    pub title: String,
    pub description: String,
}

/// A service standard: the fifteen components a–o (Seluma Pasal 23; Luwu Pasal 27; Bekasi
/// Pasal 21 adds n, compensation). Requirements, procedure, completion time, fees, product and
/// complaint handling are published to the public; the rest is management information shown on
/// request (national-rules §3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceStandard {
    /// a. Legal basis.
    pub legal_basis: Vec<String>,
    /// b. Requirements. Empty means the service needs no documents; the public page then says
    ///    "Tanpa persyaratan" (a stated absence, still a statement of component b).
    pub requirements: Vec<Requirement>,
    /// c. System, mechanism and procedure.
    pub procedure: Vec<ProcedureStep>,
    /// d. Completion time.
    pub completion_time: CompletionTime,
    /// e. Fees; empty means free.
    pub fees: Vec<Fee>,
    /// e. The regulation setting the fees, for items that do not name their own.
    pub fee_legal_basis: String,
    /// f. Product.
    pub product: String,
    /// g. Facilities.
    pub facilities: String,
    /// g. Facilities for vulnerable groups (Luwu Pasal 35(3)).
    pub vulnerable_facilities: String,
    /// h. Officer competence.
    pub officer_competence: String,
    /// i. Internal supervision.
    pub internal_supervision: String,
    /// j. Handling of complaints, suggestions and input.
    pub complaint_handling: String,
    /// k. Number of officers.
    pub officer_count: u32,
    /// l. Service guarantee.
    pub service_guarantee: String,
    /// m. Security and safety guarantee.
    pub security_guarantee: String,
    /// n. Compensation mechanism (Bekasi).
    pub compensation: String,
    /// o. Officer performance evaluation.
    pub performance_evaluation: String,
}

impl ServiceStandard {
    /// True when no fee is charged (no fee items, or all zero).
    pub fn is_free(&self) -> bool {
        self.fees.iter().all(|f| f.amount.is_free())
    }

    /// The sum of all fee items.
    pub fn total_fee(&self) -> Rupiah {
        self.fees.iter().map(|f| f.amount).sum()
    }

    /// Checks every component and reports every problem, with field names such as
    /// `requirements[2].name`, `fees[0].amount`, `completion_time.value`.
    ///
    /// Required: `product` and at least one procedure step (a service nobody can follow or
    /// whose result is unknown cannot be published). Each requirement and step needs a
    /// name/title; each positive fee needs a legal basis, its own or `fee_legal_basis`. Free
    /// text is limited to 4000 characters, lines to 500, lists to 100 entries.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        self.check_legal_basis(&mut errs);
        self.check_requirements(&mut errs);
        self.check_procedure(&mut errs);
        self.completion_time.check("completion_time", &mut errs);
        self.check_fees(&mut errs);
        check_len("product", &self.product, 1, TEXT_MAX, &mut errs);
        for (field, value) in self.optional_texts() {
            check_len(field, value, 0, TEXT_MAX, &mut errs);
        }
        errs.into_result()
    }

    /// The free-text components that may be empty while drafting.
    fn optional_texts(&self) -> [(&'static str, &str); 10] {
        [
            ("fee_legal_basis", &self.fee_legal_basis),
            ("facilities", &self.facilities),
            ("vulnerable_facilities", &self.vulnerable_facilities),
            ("officer_competence", &self.officer_competence),
            ("internal_supervision", &self.internal_supervision),
            ("complaint_handling", &self.complaint_handling),
            ("service_guarantee", &self.service_guarantee),
            ("security_guarantee", &self.security_guarantee),
            ("compensation", &self.compensation),
            ("performance_evaluation", &self.performance_evaluation),
        ]
    }

    fn check_legal_basis(&self, errs: &mut FieldErrors) {
        if self.legal_basis.len() > LIST_MAX {
            errs.add("legal_basis", "err-too-many");
        }
        for (i, basis) in self.legal_basis.iter().enumerate() {
            check_len(&format!("legal_basis[{i}]"), basis, 1, LINE_MAX, errs);
        }
    }

    fn check_requirements(&self, errs: &mut FieldErrors) {
        if self.requirements.len() > LIST_MAX {
            errs.add("requirements", "err-too-many");
        }
        for (i, req) in self.requirements.iter().enumerate() {
            check_len(
                &format!("requirements[{i}].name"),
                &req.name,
                1,
                LINE_MAX,
                errs,
            );
            check_len(
                &format!("requirements[{i}].note"),
                &req.note,
                0,
                TEXT_MAX,
                errs,
            );
            if req
                .file_types
                .iter()
                .any(|t| !FILE_TYPES.contains(&t.as_str()))
            {
                errs.add(&format!("requirements[{i}].file_types"), "err-file-type");
            }
        }
    }

    fn check_procedure(&self, errs: &mut FieldErrors) {
        if self.procedure.is_empty() {
            errs.add("procedure", "err-procedure-empty");
        } else if self.procedure.len() > LIST_MAX {
            errs.add("procedure", "err-too-many");
        }
        for (i, step) in self.procedure.iter().enumerate() {
            check_len(
                &format!("procedure[{i}].title"),
                &step.title,
                1,
                LINE_MAX,
                errs,
            );
            let field = format!("procedure[{i}].description");
            check_len(&field, &step.description, 0, TEXT_MAX, errs);
        }
    }

    fn check_fees(&self, errs: &mut FieldErrors) {
        if self.fees.len() > LIST_MAX {
            errs.add("fees", "err-too-many");
        }
        let shared_basis = !self.fee_legal_basis.trim().is_empty();
        for (i, fee) in self.fees.iter().enumerate() {
            check_len(&format!("fees[{i}].item"), &fee.item, 1, LINE_MAX, errs);
            let amount = format!("fees[{i}].amount");
            if fee.amount.0 < 0 {
                errs.add(&amount, "err-rupiah-negative");
            } else if fee.amount.0 > 1_000_000_000_000 {
                errs.add(&amount, "err-rupiah-too-large");
            }
            let basis = format!("fees[{i}].legal_basis");
            check_len(&basis, &fee.legal_basis, 0, LINE_MAX, errs);
            if fee.amount.0 > 0 && fee.legal_basis.trim().is_empty() && !shared_basis {
                errs.add(&basis, "err-fee-legal-basis");
            }
        }
    }
}

/// The standard wording of a service charter (maklumat pelayanan), national-rules §3.
pub fn charter_default_text() -> &'static str {
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan \
     yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi \
     sesuai peraturan perundang-undangan yang berlaku."
}
