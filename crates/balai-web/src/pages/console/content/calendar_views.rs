//! What the calendar console shows: holidays, years, office weeks, deadline rules and the
//! due-date calculator's answer, prepared in the page's language.

use std::collections::HashMap;

use balai_core::FieldErrors;
use balai_core::calendar::{HolidayKind, OfficeWeek};
use balai_store::StoreError;
use balai_store::calendar::{self as cal, MPP_OFFICE};
use chrono::Weekday;

use super::Messages;
use super::calendar_forms::{DueQuery, HolidayForm, RuleForm, WeekForm, YearForm};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::PageCtx;
use crate::pages::content::format;
use crate::state::AppState;

pub(super) struct HolidayView {
    pub(super) id: String,
    pub(super) date: String,
    pub(super) name: String,
    pub(super) kind: String,
    pub(super) kind_label: String,
    pub(super) decree: String,
}

pub(super) struct YearView {
    pub(super) year: i32,
    pub(super) decree: String,
    pub(super) loaded_at: String,
}

pub(super) struct WeekView {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) days: String,
    pub(super) zone: String,
    pub(super) explicit: bool,
}

pub(super) struct RuleView {
    pub(super) code: String,
    pub(super) description: String,
    pub(super) starts_from: String,
    pub(super) form: RuleForm,
    pub(super) errors: Messages,
}

/// The calculator's answer: the due date and, when a year crossed has no holiday data, the
/// warning that only the office's closed weekdays were skipped.
pub(super) struct DueView {
    pub(super) date: String,
    pub(super) missing: String,
}

/// The state of the page's forms (what was typed, what was wrong).
#[derive(Default)]
pub(super) struct Forms {
    pub(super) holiday: HolidayForm,
    pub(super) year: YearForm,
    pub(super) week: WeekForm,
    pub(super) errors: Messages,
    /// The rule whose row shows `rule_form` and `rule_errors`.
    pub(super) rule_code: String,
    pub(super) rule_form: RuleForm,
    pub(super) rule_errors: Messages,
    pub(super) message: String,
}

pub(super) fn kind_label(lang: Lang, kind: HolidayKind) -> &'static str {
    if lang == Lang::En {
        kind.label_en()
    } else {
        kind.label_id()
    }
}

/// "Senin, Selasa, …" for the open days of a week.
pub(super) fn open_days(lang: Lang, w: &OfficeWeek) -> String {
    let days = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    days.iter()
        .filter(|d| w.is_open_on(**d))
        .map(|d| format::weekday(lang, *d))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) async fn week_views(st: &AppState, page: &PageCtx) -> Result<Vec<WeekView>, AppError> {
    let explicit: HashMap<String, OfficeWeek> = cal::office_weeks(&st.db)
        .await?
        .iter()
        .map(|r| Ok((r.office_code.clone(), r.to_core()?)))
        .collect::<Result<_, StoreError>>()?;
    let mut offices = vec![(MPP_OFFICE.to_string(), page.t("calendar-office-mall"))];
    for o in balai_store::content::organisation_choices(&st.db).await? {
        offices.push((o.code, o.name));
    }
    let mut views = Vec::new();
    for (code, name) in offices {
        let week = match explicit.get(&code) {
            Some(w) => *w,
            None => cal::week_of(&st.db, Some(&code)).await?,
        };
        views.push(WeekView {
            explicit: explicit.contains_key(&code),
            days: open_days(page.lang, &week),
            zone: week.zone_label(),
            code,
            name,
        });
    }
    Ok(views)
}

pub(super) async fn rule_views(
    st: &AppState,
    page: &PageCtx,
    forms: &Forms,
) -> Result<Vec<RuleView>, AppError> {
    let rows = cal::deadline_rules(&st.db).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mine = forms.rule_code == r.code;
            let form = if mine {
                RuleForm {
                    token: cal::edit_token(&r),
                    ..forms.rule_form.clone()
                }
            } else {
                RuleForm {
                    days: r.days.to_string(),
                    rule_kind: r.kind.clone(),
                    citation: r.citation.clone(),
                    token: cal::edit_token(&r),
                }
            };
            RuleView {
                description: page.pick(&r.description_id, &r.description_en).to_string(),
                starts_from: r.starts_from.clone(),
                errors: if mine {
                    forms.rule_errors.clone()
                } else {
                    Messages::default()
                },
                code: r.code,
                form,
            }
        })
        .collect())
}

/// Runs the calculator when it was asked.
pub(super) async fn due(
    st: &AppState,
    page: &PageCtx,
    q: &DueQuery,
) -> Result<(Option<DueView>, Messages), AppError> {
    if !q.asked() {
        return Ok((None, Messages::default()));
    }
    let office = Some(q.office.as_str()).filter(|o| !o.is_empty());
    let mut errs = FieldErrors::new();
    if let Some(o) = office
        && !cal::office_known(&st.db, o).await?
    {
        errs.add("kantor", "err-invalid-choice");
    }
    let parsed = q.parse();
    let (from, days, kind) = match parsed {
        Ok(p) if errs.is_empty() => p,
        Ok(_) => return Ok((None, Messages::from_keys(page, &errs))),
        Err(mut more) => {
            more.0.extend(errs.0);
            return Ok((None, Messages::from_keys(page, &more)));
        }
    };
    let calendar = cal::work_calendar(&st.db, office).await?;
    let d = calendar.add_days(from, days, kind);
    let missing = if d.is_complete() {
        String::new()
    } else {
        let years: Vec<String> = d.missing_years.iter().map(|y| y.to_string()).collect();
        let args = crate::i18n::arg("years", years.join(", "));
        crate::i18n::I18n::global().t_args(page.lang, "calendar-due-missing", Some(&args))
    };
    Ok((
        Some(DueView {
            date: format::day_and_date(page.lang, d.date),
            missing,
        }),
        Messages::default(),
    ))
}
