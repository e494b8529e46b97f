//! Complaints on the public portal (requirements §5): lodging at `/pengaduan/baru` without an
//! account, the receipt (Seluma Pasal 53), and the status page reached with the complaint number
//! and its secret tracking code.

mod form;
mod lodge;
mod receipt;
mod status;
mod upload;

use axum::Router;
use axum::routing::{get, post};
use balai_core::complaints::SubmissionKey;
use balai_core::identity::Actor;
use balai_store::{officers, services};
use rand::RngCore;

use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pengaduan/baru", get(lodge::show).post(lodge::submit))
        .route("/pengaduan/status", get(status::ask).post(status::show))
        .route("/pengaduan/status/tindakan", post(status::act))
        .route("/pengaduan/tanda-terima", post(receipt::download))
        .route(
            "/konsol/pengaduan/baru",
            get(lodge::staff_show).post(lodge::staff_submit),
        )
}

/// One option of a select.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: &str, label: &str) -> Self {
        Self {
            value: value.to_owned(),
            label: label.to_owned(),
        }
    }
}

/// The organisations, services and officers a complaint may be about.
pub(crate) struct Choices {
    pub orgs: Vec<Choice>,
    pub services: Vec<Choice>,
    pub officers: Vec<Choice>,
}

pub(crate) async fn choices(st: &AppState, page: &PageCtx) -> Result<Choices, AppError> {
    let orgs = services::organisation_choices(&st.db)
        .await?
        .into_iter()
        .map(|o| Choice::new(&o.code, page.pick(&o.name, &o.name_en)))
        .collect();
    let list = services::list(
        &st.db,
        &services::ServiceFilter {
            published_only: true,
            page: 1,
            per_page: 500,
            ..Default::default()
        },
    )
    .await?;
    let services = list
        .items
        .into_iter()
        .map(|s| {
            let org = page
                .pick(&s.organisation_name, &s.organisation_name_en)
                .to_owned();
            Choice::new(
                &s.code,
                &format!("{} — {org}", page.pick(&s.name, &s.name_en)),
            )
        })
        .collect();
    let officers = officers::list(
        &st.db,
        &officers::OfficerFilter {
            active_only: true,
            ..Default::default()
        },
    )
    .await?
    .items
    .into_iter()
    .map(|o| {
        let label = format!("{} — {}", o.officer.name, o.organisation_name);
        Choice::new(&o.officer.id.to_string(), &label)
    })
    .collect();
    Ok(Choices {
        orgs,
        services,
        officers,
    })
}

/// A fresh one-time key for a complaint form.
pub(crate) fn new_key() -> String {
    let mut b = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut b);
    SubmissionKey::from_random(b).as_str().to_owned()
}

/// Who lodges from the public form: the signed-in citizen, or an anonymous visitor.
pub(crate) fn public_actor(ctx: &RequestCtx) -> Actor {
    match &ctx.user {
        Some(u) if u.role == "warga" => crate::auth::actor_of(u, balai_core::identity::Role::Warga),
        _ => Actor::anonymous(),
    }
}
