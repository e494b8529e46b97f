//! `/konsol/audit` (AuditRead): the audit trail, newest first, filtered by actor, subject,
//! action and date, keyset-paged; each event with its before/after state; and "Periksa
//! rantai", which walks the hash chain and compares every record with it (architecture §5;
//! Batang Pasal 3(4): an audit trail of every activity).

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use balai_core::identity::Permission;
use balai_store::audit::{self, EventRow, Filter, Problem};
use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::i18n::{I18n, Lang, arg};
use crate::page::PageCtx;
use crate::pages::content::format;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/audit", get(list))
        .route("/konsol/audit/periksa", post(verify))
}

/// Events per page.
const PER_PAGE: i64 = 50;

fn auditor(s: Staff) -> Result<SignedIn, AppError> {
    s.0.require(Permission::AuditRead)?;
    Ok(s.0)
}

/// The filter form as typed (kept in the page and in the paging links).
#[derive(Debug, Clone, Default)]
struct FilterForm {
    actor: String,
    subject_type: String,
    subject_id: String,
    action: String,
    from: String,
    until: String,
}

impl FilterForm {
    fn from_query(q: &HashMap<String, String>) -> Self {
        let get = |k: &str| q.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
        FilterForm {
            actor: get("aktor"),
            subject_type: get("jenis"),
            subject_id: get("subjek"),
            action: get("aksi"),
            from: get("dari"),
            until: get("sampai"),
        }
    }

    /// The query string of these filters, for the "older events" link.
    fn query(&self) -> String {
        let pairs = [
            ("aktor", &self.actor),
            ("jenis", &self.subject_type),
            ("subjek", &self.subject_id),
            ("aksi", &self.action),
            ("dari", &self.from),
            ("sampai", &self.until),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::error::urlencode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The store filter; dates are days in the mall's zone (`offset` hours ahead of UTC),
    /// `until` inclusive. An unreadable date is reported by field name.
    fn to_filter(&self, offset: i8, before_seq: Option<i64>) -> Result<Filter, &'static str> {
        let day_start = |d: NaiveDate| -> DateTime<Utc> {
            d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
                - Duration::hours(i64::from(offset))
        };
        let from = format::parse_date(&self.from).map_err(|_| "dari")?;
        let until = format::parse_date(&self.until).map_err(|_| "sampai")?;
        let opt = |s: &String| Some(s.clone()).filter(|s| !s.is_empty());
        Ok(Filter {
            actor: opt(&self.actor),
            subject_type: opt(&self.subject_type),
            subject_id: opt(&self.subject_id),
            action: opt(&self.action),
            from: from.map(day_start),
            until: until.and_then(|d| d.succ_opt()).map(day_start),
            before_seq,
            limit: PER_PAGE + 1,
        })
    }
}

/// One event as the page shows it.
struct EventView {
    seq: i64,
    at: String,
    actor: String,
    role: String,
    action: String,
    subject_type: String,
    subject_id: String,
    before: String,
    after: String,
    request_id: String,
}

/// Pretty-prints a stored JSON text (shown as stored when it is not JSON).
fn pretty(json: Option<&str>) -> String {
    match json {
        None => String::new(),
        Some(text) => serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| text.to_string()),
    }
}

fn event_view(page: &PageCtx, e: EventRow, offset: i8, zone: &str) -> EventView {
    EventView {
        seq: e.seq,
        at: format::local_time(page.lang, e.at, offset, zone),
        role: e
            .actor_role
            .as_deref()
            .map(|r| page.t(&format!("role-{}", r.replace('_', "-"))))
            .unwrap_or_default(),
        actor: e.actor_name,
        action: e.action,
        subject_type: e.subject_type,
        subject_id: e.subject_id,
        before: pretty(e.before_json.as_deref()),
        after: pretty(e.after_json.as_deref()),
        request_id: e.request_id.unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "console/audit/list.html")]
struct ListPage {
    page: PageCtx,
    filters: FilterForm,
    error_field: String,
    events: Vec<EventView>,
    older: Option<String>,
    zone: String,
}

async fn list(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<impl IntoResponse, AppError> {
    auditor(s)?;
    let week = balai_store::calendar::week_of(&st.db, None).await?;
    let (offset, zone) = (week.utc_offset_hours, week.zone_label());
    let filters = FilterForm::from_query(&q);
    let before_seq = match q.get("sebelum").map(|v| v.trim()).filter(|v| !v.is_empty()) {
        Some(v) => Some(v.parse::<i64>().map_err(|_| AppError::NotFound)?),
        None => None,
    };
    let (mut rows, error_field) = match filters.to_filter(offset, before_seq) {
        Ok(f) => (audit::list(&st.db, &f).await?, String::new()),
        Err(field) => (Vec::new(), field.to_string()),
    };
    let more = rows.len() as i64 > PER_PAGE;
    rows.truncate(usize::try_from(PER_PAGE).unwrap_or(50));
    let older = match (more, rows.last()) {
        (true, Some(last)) => {
            let q = filters.query();
            let sep = if q.is_empty() { "" } else { "&" };
            Some(format!("/konsol/audit?{q}{sep}sebelum={}", last.seq))
        }
        _ => None,
    };
    let events = rows
        .into_iter()
        .map(|e| event_view(&page, e, offset, &zone))
        .collect();
    let t = ListPage {
        filters,
        error_field,
        events,
        older,
        zone,
        page,
    };
    Ok(Html(t.render()?))
}

/// A problem `verify` found, in the page's language.
fn problem_text(lang: Lang, p: &Problem) -> String {
    let i18n = I18n::global();
    let subject = |key: &str, t: &str, id: &str| {
        let mut a = arg("type", t.to_string());
        a.set("id", id.to_string());
        i18n.t_args(lang, key, Some(&a))
    };
    match p {
        Problem::EventAltered { seq } => {
            i18n.t_args(lang, "audit-problem-altered", Some(&arg("seq", *seq)))
        }
        Problem::BrokenLink { seq } => {
            i18n.t_args(lang, "audit-problem-link", Some(&arg("seq", *seq)))
        }
        Problem::Gap {
            after_seq,
            next_seq,
        } => {
            let mut a = arg("first", after_seq + 1);
            a.set("last", next_seq - 1);
            i18n.t_args(lang, "audit-problem-gap", Some(&a))
        }
        Problem::HeadMismatch { head_seq, last_seq } => {
            let mut a = arg("head", *head_seq);
            a.set("last", *last_seq);
            i18n.t_args(lang, "audit-problem-head", Some(&a))
        }
        Problem::RecordAltered {
            subject_type,
            subject_id,
        } => subject("audit-problem-record-altered", subject_type, subject_id),
        Problem::RecordRemoved {
            subject_type,
            subject_id,
        } => subject("audit-problem-record-removed", subject_type, subject_id),
        Problem::RecordInserted {
            subject_type,
            subject_id,
        } => subject("audit-problem-record-inserted", subject_type, subject_id),
    }
}

/// A problem with a link to the subject's events when it names a record.
struct ProblemView {
    text: String,
    link: Option<String>,
}

#[derive(Template)]
#[template(path = "console/audit/verify.html")]
struct VerifyPage {
    page: PageCtx,
    events: i64,
    records: usize,
    problems: Vec<ProblemView>,
}

async fn verify(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    PageForm(_): PageForm<HashMap<String, String>>,
) -> Result<impl IntoResponse, AppError> {
    auditor(s)?;
    let report = balai_store::snapshots::verify(&st.db).await?;
    let problems = report
        .problems
        .iter()
        .map(|p| ProblemView {
            text: problem_text(page.lang, p),
            link: match p {
                Problem::RecordAltered {
                    subject_type,
                    subject_id,
                }
                | Problem::RecordRemoved {
                    subject_type,
                    subject_id,
                }
                | Problem::RecordInserted {
                    subject_type,
                    subject_id,
                } => Some(format!(
                    "/konsol/audit?jenis={}&subjek={}",
                    crate::error::urlencode(subject_type),
                    crate::error::urlencode(subject_id)
                )),
                _ => None,
            },
        })
        .collect();
    let t = VerifyPage {
        events: report.events,
        records: report.records,
        problems,
        page,
    };
    Ok(Html(t.render()?))
}
