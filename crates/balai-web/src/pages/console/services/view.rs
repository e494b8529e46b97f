//! Display pieces of a service standard shared by the public catalogue (`/layanan/{kode}`) and
//! the console's preview, so an administrator sees a draft exactly as the public will: the
//! fifteen components as display text, dates ("3 Maret 2026"), rupiah ("Rp 150.000"),
//! completion times, and the mall's local date for comment periods.

use balai_core::catalog::{ServiceMode, ServiceStandard};
use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::state::AppState;

/// "3 Maret 2026" / "3 March 2026" (design.md: dates in text).
pub(crate) fn fmt_date(lang: Lang, d: NaiveDate) -> String {
    crate::pages::content::format::long_date(lang, d)
}

/// "Rp 150.000" (design.md: money).
pub(crate) fn fmt_rupiah(amount: i64) -> String {
    balai_core::ids::Rupiah(amount)
        .display()
        .replacen("Rp", "Rp ", 1)
}

/// The completion time label in the page's language, e.g. "3 hari kerja".
pub(crate) fn completion_label(lang: Lang, value: i32, unit: &str) -> String {
    let unit = balai_core::catalog::TimeUnit::parse(unit)
        .unwrap_or(balai_core::catalog::TimeUnit::WorkingDays);
    let t = balai_core::catalog::CompletionTime {
        value: u32::try_from(value).unwrap_or(0),
        unit,
    };
    if lang == Lang::En {
        t.label_en()
    } else {
        t.label_id()
    }
}

/// The local date of the mall ("today" for comment periods): the region's UTC offset from the
/// `utc_offset_hours` setting, WIB when unset.
pub(crate) fn today(st: &AppState) -> NaiveDate {
    let hours = st
        .settings
        .get("utc_offset_hours")
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|h| (7..=9).contains(h));
    let now = st.clock.now() + chrono::Duration::hours(hours.unwrap_or(7));
    now.date_naive()
}

/// Text split into paragraphs at line breaks, blank lines dropped.
pub(crate) fn paras(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub(crate) struct ReqView {
    pub name: String,
    pub required: bool,
    pub file_types: String,
    pub note: String,
}

pub(crate) struct FeeView {
    pub item: String,
    pub amount: String,
    pub free: bool,
    pub legal_basis: String,
}

/// A standard ready to show: every component as display text in the page's language.
pub(crate) struct StandardView {
    pub requirements: Vec<ReqView>,
    pub procedure: Vec<(String, Vec<String>)>,
    pub completion: String,
    pub fees: Vec<FeeView>,
    pub fee_legal_basis: String,
    pub is_free: bool,
    pub total_fee: String,
    pub product: Vec<String>,
    pub complaint_handling: Vec<String>,
    pub legal_basis: Vec<String>,
    pub facilities: Vec<String>,
    pub vulnerable_facilities: Vec<String>,
    pub officer_competence: Vec<String>,
    pub internal_supervision: Vec<String>,
    pub officer_count: u32,
    pub service_guarantee: Vec<String>,
    pub security_guarantee: Vec<String>,
    pub compensation: Vec<String>,
    pub performance_evaluation: Vec<String>,
}

impl StandardView {
    pub(crate) fn new(lang: Lang, s: &ServiceStandard) -> StandardView {
        let requirements = s
            .requirements
            .iter()
            .map(|r| ReqView {
                name: r.name.clone(),
                required: r.required,
                file_types: r
                    .file_types
                    .iter()
                    .map(|t| t.to_uppercase())
                    .collect::<Vec<_>>()
                    .join(", "),
                note: r.note.clone(),
            })
            .collect();
        let fees = s
            .fees
            .iter()
            .map(|f| FeeView {
                item: f.item.clone(),
                amount: fmt_rupiah(f.amount.as_i64()),
                free: f.amount.is_free(),
                legal_basis: f.legal_basis.clone(),
            })
            .collect();
        StandardView {
            requirements,
            procedure: s
                .procedure
                .iter()
                .map(|p| (p.title.clone(), paras(&p.description)))
                .collect(),
            completion: if lang == Lang::En {
                s.completion_time.label_en()
            } else {
                s.completion_time.label_id()
            },
            fees,
            fee_legal_basis: s.fee_legal_basis.clone(),
            is_free: s.is_free(),
            total_fee: fmt_rupiah(s.total_fee().as_i64()),
            product: paras(&s.product),
            complaint_handling: paras(&s.complaint_handling),
            legal_basis: s.legal_basis.clone(),
            facilities: paras(&s.facilities),
            vulnerable_facilities: paras(&s.vulnerable_facilities),
            officer_competence: paras(&s.officer_competence),
            internal_supervision: paras(&s.internal_supervision),
            officer_count: s.officer_count,
            service_guarantee: paras(&s.service_guarantee),
            security_guarantee: paras(&s.security_guarantee),
            compensation: paras(&s.compensation),
            performance_evaluation: paras(&s.performance_evaluation),
        }
    }
}

/// One `<option>` of a filter.
pub(crate) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The delivery-mode options of a filter.
pub(crate) fn mode_choices(lang: Lang, selected: Option<ServiceMode>) -> Vec<Choice> {
    ServiceMode::ALL
        .iter()
        .map(|m| Choice {
            value: m.as_str().into(),
            label: if lang == Lang::En {
                m.label_en()
            } else {
                m.label_id()
            }
            .into(),
            selected: selected == Some(*m),
        })
        .collect()
}
