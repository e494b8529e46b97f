//! The complaint form: what was typed, and its checks into a complaint the store can file
//! (Seluma Pasal 51–52). Used by the public form and by staff registration.

use balai_core::FieldErrors;
use balai_core::calendar::{DeadlineRule, WorkCalendar};
use balai_core::complaints::lodging::{ComplaintTexts, REASON_MAX, check_texts};
use balai_core::complaints::{
    Category, Channel, LodgingCheck, Privacy, Stage, SubmissionKey, check_lodging_window,
    stage_deadline,
};
use balai_core::ids::{Email, Phone, Rupiah};
use balai_core::text::check_len;
use balai_store::complaints::NewComplaint;
use balai_store::{officers, organisations, services};
use chrono::NaiveDate;
use uuid::Uuid;

use super::upload::Body;
use crate::state::AppState;

/// The form's fields as typed.
#[derive(Debug, Clone, Default)]
pub struct ComplaintForm {
    pub submission_key: String,
    pub organisation: String,
    pub service: String,
    pub officer: String,
    pub category: String,
    pub service_date: String,
    pub subject: String,
    pub description: String,
    pub loss: String,
    pub resolution: String,
    pub compensation_claim: String,
    pub place: String,
    pub anonymous: bool,
    pub confidential: bool,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// Staff registration only.
    pub channel: String,
    pub late_reason: String,
}

impl ComplaintForm {
    /// The fields of a multipart body.
    pub fn from_body(b: &Body) -> Self {
        Self {
            submission_key: b.get("submission_key"),
            organisation: b.get("organisation"),
            service: b.get("service"),
            officer: b.get("officer"),
            category: b.get("category"),
            service_date: b.get("service_date"),
            subject: b.get("subject"),
            description: b.get("description"),
            loss: b.get("loss"),
            resolution: b.get("resolution"),
            compensation_claim: b.get("compensation_claim"),
            place: b.get("place"),
            anonymous: b.get("anonymous") == "true",
            confidential: b.get("confidential") == "true",
            name: b.get("name"),
            address: b.get("address"),
            phone: b.get("phone"),
            email: b.get("email"),
            channel: b.get("channel"),
            late_reason: b.get("late_reason"),
        }
    }
}

/// Where the form comes from: the public (web, refused when late) or staff (any staff
/// channel; a late complaint needs a reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Public,
    Staff,
}

/// What the checks need from outside the form.
pub struct Context<'a> {
    pub today: NaiveDate,
    pub rules: &'a [DeadlineRule],
    pub calendar: &'a WorkCalendar,
    pub complainant_user_id: Option<Uuid>,
}

/// Why a form was refused: field messages, or (public form only) a complaint past the 30-day
/// window, explained with its article.
pub enum Refusal {
    Fields(FieldErrors),
    Late {
        last_day: NaiveDate,
        citation: String,
    },
}

/// Checks the form into a complaint (evidence is added by the caller).
pub async fn check(
    st: &AppState,
    f: &ComplaintForm,
    origin: Origin,
    cx: &Context<'_>,
) -> Result<NewComplaint, Refusal> {
    let mut errs = FieldErrors::new();
    let key = errs.take("submission_key", SubmissionKey::parse(&f.submission_key));
    let org = find_org(st, &f.organisation, &mut errs).await;
    let service_id = find_service(st, &f.service, org, &mut errs).await;
    let officer_id = find_officer(st, &f.officer, org, &mut errs).await;
    let category = errs.take("category", Category::parse(&f.category));
    let channel = match origin {
        Origin::Public => Some(Channel::Web),
        Origin::Staff => errs
            .take("channel", Channel::parse(&f.channel))
            .filter(|c| Channel::STAFF.contains(c))
            .or_else(|| {
                errs.add("channel", "err-unknown-value");
                None
            }),
    };
    let texts = ComplaintTexts {
        subject: &f.subject,
        description: &f.description,
        loss: &f.loss,
        resolution: &f.resolution,
        name: &f.name,
        address: &f.address,
        place: &f.place,
    };
    check_texts(&texts, f.anonymous, &mut errs);
    let claim = optional(
        &f.compensation_claim,
        Rupiah::parse,
        "compensation_claim",
        &mut errs,
    );
    let phone = optional(&f.phone, Phone::parse, "phone", &mut errs);
    let email = optional(&f.email, Email::parse, "email", &mut errs);
    let service_date = parse_date(&f.service_date, &mut errs);
    let late_reason = match service_date.map(|d| window(d, cx, &mut errs)) {
        Some(Some(LodgingCheck::Late { last_day, citation })) => match origin {
            Origin::Public if errs.is_empty() => return Err(Refusal::Late { last_day, citation }),
            Origin::Public => None,
            Origin::Staff => {
                check_len("late_reason", &f.late_reason, 5, REASON_MAX, &mut errs);
                Some(f.late_reason.trim().to_owned())
            }
        },
        _ => None,
    };
    let deadline = stage_deadline(Stage::Received, cx.today, cx.rules, cx.calendar);
    match (key, org, category, channel, service_date, deadline) {
        (Some(key), Some(org), Some(category), Some(channel), Some(service_date), Some(dl))
            if errs.is_empty() =>
        {
            Ok(NewComplaint {
                key,
                channel,
                category,
                privacy: Privacy::from_flags(f.anonymous, f.confidential),
                organisation_id: org,
                service_id,
                officer_id,
                service_date,
                subject: f.subject.trim().to_owned(),
                description: f.description.trim().to_owned(),
                loss: f.loss.trim().to_owned(),
                resolution: f.resolution.trim().to_owned(),
                compensation_claim: claim.flatten().map(|r| r.as_i64()),
                place: f.place.trim().to_owned(),
                complainant_name: f.name.trim().to_owned(),
                complainant_address: f.address.trim().to_owned(),
                complainant_phone: phone
                    .flatten()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default(),
                complainant_email: email
                    .flatten()
                    .map(|e| e.as_str().to_owned())
                    .unwrap_or_default(),
                complainant_user_id: cx.complainant_user_id,
                late_reason,
                lapor_id: None,
                received_on: cx.today,
                due_rule: dl.rule_code,
                due_date: dl.due.date,
                evidence: Vec::new(),
            })
        }
        _ => {
            if errs.is_empty() {
                errs.add("subject", "err-unknown-value");
            }
            Err(Refusal::Fields(errs))
        }
    }
}

fn window(d: NaiveDate, cx: &Context<'_>, errs: &mut FieldErrors) -> Option<LodgingCheck> {
    let rule = cx
        .rules
        .iter()
        .find(|r| r.code == "complaint_lodge_window")?;
    match check_lodging_window(d, cx.today, rule, cx.calendar) {
        Ok(check) => Some(check),
        Err(e) => {
            errs.0.extend(e.0);
            None
        }
    }
}

/// An optional field: empty gives `Some(None)`, a bad value records its error.
fn optional<T>(
    raw: &str,
    parse: impl Fn(&str) -> Result<T, balai_core::CoreError>,
    field: &str,
    errs: &mut FieldErrors,
) -> Option<Option<T>> {
    if raw.trim().is_empty() {
        return Some(None);
    }
    errs.take(field, parse(raw)).map(Some)
}

fn parse_date(raw: &str, errs: &mut FieldErrors) -> Option<NaiveDate> {
    if raw.trim().is_empty() {
        errs.add("service_date", "err-required");
        return None;
    }
    let d = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
    if d.is_none() {
        errs.add("service_date", "complaint-err-date");
    }
    d
}

async fn find_org(st: &AppState, code: &str, errs: &mut FieldErrors) -> Option<Uuid> {
    if code.trim().is_empty() {
        errs.add("organisation", "err-required");
        return None;
    }
    match organisations::get_by_code(&st.db, code.trim()).await {
        Ok(Some(o)) if o.active => Some(o.id),
        _ => {
            errs.add("organisation", "err-unknown-value");
            None
        }
    }
}

async fn find_service(
    st: &AppState,
    code: &str,
    org: Option<Uuid>,
    errs: &mut FieldErrors,
) -> Option<Uuid> {
    if code.trim().is_empty() {
        return None;
    }
    match services::get_by_code(&st.db, code.trim()).await {
        Ok(Some(s)) if Some(s.organisation_id) == org || org.is_none() => Some(s.id),
        Ok(Some(_)) => {
            errs.add("service", "complaint-err-service-org");
            None
        }
        _ => {
            errs.add("service", "err-unknown-value");
            None
        }
    }
}

async fn find_officer(
    st: &AppState,
    raw: &str,
    org: Option<Uuid>,
    errs: &mut FieldErrors,
) -> Option<Uuid> {
    if raw.trim().is_empty() {
        return None;
    }
    let found = match Uuid::parse_str(raw.trim()) {
        Ok(id) => officers::get(&st.db, id).await.ok().flatten(),
        Err(_) => None,
    };
    match found {
        Some(o) if Some(o.organisation_id) == org || org.is_none() => Some(o.id),
        Some(_) => {
            errs.add("officer", "complaint-err-officer-org");
            None
        }
        None => {
            errs.add("officer", "err-unknown-value");
            None
        }
    }
}
