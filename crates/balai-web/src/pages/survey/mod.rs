//! The satisfaction survey on the public site: answering with an invitation code
//! (`/survei/{kode}`) and the published results (`/ikm`), PermenPANRB 14/2017; Luwu Pasal 31.

mod chart;
mod publish;
mod respond;

use axum::Router;
use axum::routing::get;
use balai_core::survey::{Definition, ElementDef};

use crate::page::PageCtx;
use crate::state::AppState;

pub(crate) use publish::sample_rule;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/survei", get(respond::enter).post(respond::enter_code))
        .route("/survei/{kode}", get(respond::form).post(respond::submit))
        .route("/ikm", get(publish::page))
        .route("/ikm/unduh.csv", get(publish::csv))
}

/// An element of the questionnaire in the page's language.
pub(crate) struct ElementText {
    pub code: String,
    pub name: String,
    pub question: String,
    pub labels: Vec<String>,
}

pub(crate) fn element_text(page: &PageCtx, e: &ElementDef) -> ElementText {
    let labels = if page.is_en() {
        &e.labels_en
    } else {
        &e.labels_id
    };
    ElementText {
        code: e.code.as_str().to_owned(),
        name: page.pick(&e.name_id, &e.name_en).to_owned(),
        question: page.pick(&e.question_id, &e.question_en).to_owned(),
        labels: labels.to_vec(),
    }
}

/// The names of a definition's elements by code, in the page's language.
pub(crate) fn element_name(page: &PageCtx, def: &Definition, code: &str) -> String {
    def.element(code)
        .map(|e| page.pick(&e.name_id, &e.name_en).to_owned())
        .unwrap_or_else(|| code.to_owned())
}
