//! Checks of a lodged complaint: the 30-day window (Seluma Pasal 51(2); Luwu Pasal 41(2)) and
//! the content the regulation asks for (Seluma Pasal 51(3–4)).

use chrono::NaiveDate;

use crate::calendar::{DeadlineRule, WorkCalendar};
use crate::error::FieldErrors;
use crate::text::check_len;

/// Where a service date stands against the lodging window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LodgingCheck {
    /// Within the window.
    InTime,
    /// Older than the window: refused online; staff may register it marked late with a reason.
    Late {
        last_day: NaiveDate,
        citation: String,
    },
}

/// Checks the date the service was received against the window rule on `today`. A date in
/// the future is an input error (`complaint-err-service-date-future` on `service_date`).
pub fn check_lodging_window(
    service_date: NaiveDate,
    today: NaiveDate,
    rule: &DeadlineRule,
    cal: &WorkCalendar,
) -> Result<LodgingCheck, FieldErrors> {
    if service_date > today {
        let mut errs = FieldErrors::new();
        errs.add("service_date", "complaint-err-service-date-future");
        return Err(errs);
    }
    let last_day = rule.due(cal, service_date).date;
    if today > last_day {
        Ok(LodgingCheck::Late {
            last_day,
            citation: rule.citation.clone(),
        })
    } else {
        Ok(LodgingCheck::InTime)
    }
}

/// Length limits of the complaint's texts, in characters.
pub const SUBJECT_MAX: usize = 200;
pub const TEXT_MAX: usize = 5000;
pub const NAME_MAX: usize = 200;
pub const ADDRESS_MAX: usize = 500;
pub const REASON_MAX: usize = 1000;

/// The texts of a complaint as typed (Seluma Pasal 51(3)): what did not meet the standard,
/// the loss suffered and the resolution asked for are required; the identity is required
/// unless the complainant chose anonymity (Pasal 51(5)).
pub struct ComplaintTexts<'a> {
    pub subject: &'a str,
    pub description: &'a str,
    pub loss: &'a str,
    pub resolution: &'a str,
    pub name: &'a str,
    pub address: &'a str,
    pub place: &'a str,
}

/// Records the problems of the texts in `errs` (messages next to each field).
pub fn check_texts(t: &ComplaintTexts<'_>, anonymous: bool, errs: &mut FieldErrors) {
    check_len("subject", t.subject, 5, SUBJECT_MAX, errs);
    check_len("description", t.description, 20, TEXT_MAX, errs);
    check_len("loss", t.loss, 0, TEXT_MAX, errs);
    check_len("resolution", t.resolution, 5, TEXT_MAX, errs);
    check_len("place", t.place, 0, NAME_MAX, errs);
    let min = usize::from(!anonymous);
    check_len("name", t.name, min, NAME_MAX, errs);
    check_len("address", t.address, 0, ADDRESS_MAX, errs);
}
