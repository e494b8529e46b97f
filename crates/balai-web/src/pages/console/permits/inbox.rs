//! `GET /konsol/permohonan`: the inbox of the signed-in role.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use balai_core::identity::{Permission, Role};
use balai_core::permits::{Performer, SlaState};
use balai_store::permits::{self as store, InboxFilter};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

use crate::auth::Staff;
use crate::error::AppError;
use crate::page::PageCtx;
use crate::pages::content::format;
use crate::pages::notify::when;
use crate::pages::permits::PermitService;
use crate::state::AppState;

/// Most applications one inbox lists.
const INBOX_MAX: i64 = 300;

struct Line {
    id: Uuid,
    number: String,
    service: String,
    applicant: String,
    state: String,
    submitted: String,
    due: String,
    sla: String,
    sla_class: &'static str,
}

#[derive(Template)]
#[template(path = "console/permits/inbox.html")]
struct InboxPage {
    page: PageCtx,
    lines: Vec<Line>,
}

pub(super) async fn inbox(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
) -> Result<Response, AppError> {
    s.require(Permission::ApplicationsWork)?;
    let me = Performer::Staff(s.role);
    let mut states = BTreeSet::new();
    for (def, _) in store::list_workflows(&st.db).await? {
        for a in def
            .actions
            .iter()
            .filter(|a| a.performer == me && super::handled_here(a))
        {
            states.extend(a.from.iter().cloned());
        }
    }
    let mut also_services = Vec::new();
    if s.role == Role::TimTeknis {
        for row in store::list_settings(&st.db).await? {
            let own = s.actor.organisation_id.is_some()
                && row.parsed()?.technical_organisation_id == s.actor.organisation_id;
            if own {
                also_services.push(row.service_id);
            }
        }
    }
    let filter = InboxFilter {
        organisation_id: if s.role.is_mall_wide() {
            None
        } else {
            Some(s.actor.organisation_id.unwrap_or(Uuid::nil()))
        },
        also_services,
        states: states.into_iter().collect(),
        limit: INBOX_MAX,
    };
    let rows = store::inbox(&st.db, &filter).await?;
    let cal = balai_store::calendar::work_calendar(&st.db, None).await?;
    let today = cal.today(st.clock.as_ref());
    let mut lines = Vec::with_capacity(rows.len());
    let mut services: BTreeMap<Uuid, Option<PermitService>> = BTreeMap::new();
    for r in rows {
        if let std::collections::btree_map::Entry::Vacant(slot) = services.entry(r.service_id) {
            slot.insert(PermitService::of(&st, &r).await.ok());
        }
        let Some(ps) = services.get(&r.service_id).and_then(Option::as_ref) else {
            continue;
        };
        let sla = r.state_due_on.map(|d| SlaState::at(&cal, d, today));
        lines.push(Line {
            id: r.id,
            number: r.registration_number.clone().unwrap_or_default(),
            service: ps.name(&page),
            applicant: r.applicant_name.clone(),
            state: ps.state_label(&page, r.state.as_deref()),
            submitted: r
                .submitted_at
                .map(|t| when(&st, &page, t))
                .unwrap_or_default(),
            due: r
                .state_due_on
                .map(|d| format::long_date(page.lang, d))
                .unwrap_or_default(),
            sla: sla
                .map(|x| page.pick(x.label_id(), x.label_en()).to_owned())
                .unwrap_or_default(),
            sla_class: sla.map_or("badge-muted", SlaState::badge),
        });
    }
    Ok(Html(InboxPage { page, lines }.render()?).into_response())
}
