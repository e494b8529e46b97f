//! `/konsol/pengaduan`: the complaint managers' list, overdue first, then what is due soon,
//! each with its deadline and the article it comes from. A manager of one organisation sees the
//! complaints about it or routed to it; the mall's coordinating organisation and mall-wide
//! roles see all. No identity is shown here (Seluma Pasal 56).

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use balai_core::complaints::deadlines::{Urgency, urgency};
use balai_core::complaints::{Channel, Stage};
use balai_core::identity::Permission;
use balai_store::complaints::{self as store, ComplaintFilter};

use crate::auth::Staff;
use crate::error::AppError;
use crate::page::PageCtx;
use crate::pages::organisations::long_date;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/konsol/pengaduan", get(list))
}

/// One line of the list.
struct Line {
    number: String,
    subject: String,
    organisation: String,
    stage: String,
    channel: String,
    due: String,
    citation: String,
    urgency: &'static str,
    urgency_label: String,
}

#[derive(Template)]
#[template(path = "complaints/console_list.html")]
struct ListPage {
    page: PageCtx,
    lines: Vec<Line>,
    total: i64,
}

async fn list(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
) -> Result<Response, AppError> {
    s.require(Permission::ComplaintsHandle)?;
    let coordinator = store::coordinator_organisation(&st.db).await?;
    let all =
        s.role.is_mall_wide() || (coordinator.is_some() && s.actor.organisation_id == coordinator);
    let filter = ComplaintFilter {
        organisation_id: if all { None } else { s.actor.organisation_id },
        stage: None,
        limit: 200,
        offset: 0,
    };
    let (items, total) = store::console_list(&st.db, &filter).await?;
    let (rules, calendar) = store::deadline_context(&st.db).await?;
    let today = calendar.today(st.clock.as_ref());
    let lines = items
        .into_iter()
        .map(|c| {
            let u = c.due_date.map(|d| urgency(d, today));
            let (class, key) = match u {
                Some(Urgency::Overdue) => ("badge-danger", "complaint-overdue"),
                Some(Urgency::DueSoon) => ("badge-warn", "complaint-due-soon"),
                _ => ("badge-ok", "complaint-on-track"),
            };
            let stage = Stage::parse(&c.stage).map_or(c.stage.clone(), |s| {
                page.pick(s.label_id(), s.label_en()).to_owned()
            });
            let channel = Channel::parse(&c.channel).map_or(c.channel.clone(), |ch| {
                page.pick(ch.label_id(), ch.label_en()).to_owned()
            });
            Line {
                citation: c
                    .due_rule
                    .as_deref()
                    .and_then(|code| rules.iter().find(|r| r.code == code))
                    .map(|r| r.citation.clone())
                    .unwrap_or_default(),
                due: c
                    .due_date
                    .map(|d| long_date(page.lang, d))
                    .unwrap_or_default(),
                number: c.number,
                subject: c.subject,
                organisation: c.organisation_name,
                stage,
                channel,
                urgency: class,
                urgency_label: page.t(key),
            }
        })
        .collect();
    Ok(Html(ListPage { page, lines, total }.render()?).into_response())
}
