//! The JSON API under `/api/v1` (English), its OpenAPI 3.1 document at `/api/openapi.json`
//! and Swagger UI at `/api/docs`, served from our own binary.

pub mod content;
pub mod organisations;
pub mod services;
pub mod survey;
pub mod tokens;
pub mod webhooks;

use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Balai API",
        description = "Public services of a regency or city: the service mall's organisations, counters, services and their standards, announcements. Read endpoints are public; integrations authenticate with `Authorization: Bearer <token>` issued by an administrator.",
        license(name = "AGPL-3.0-or-later")
    ),
    servers((url = "/api")),
    components(schemas(Problem, FieldProblem)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// Declares the `bearer` security scheme integrations use.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// RFC 9457 problem details, as every error of this API is returned.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[schema(example = "about:blank")]
    pub r#type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Present on 422: what to fix, per field.
    pub errors: Option<Vec<FieldProblem>>,
}

/// One field that failed validation.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// The whole OpenAPI document (also printed by `balai openapi`).
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(organisations::Doc::openapi());
    doc.merge(services::Doc::openapi());
    doc.merge(survey::Doc::openapi());
    doc.merge(content::Doc::openapi());
    doc.merge(tokens::Doc::openapi());
    doc.merge(webhooks::Doc::openapi());
    doc
}

pub fn routes() -> Router<AppState> {
    let v1 = Router::new()
        .merge(organisations::routes())
        .merge(services::routes())
        .merge(survey::routes())
        .merge(content::routes())
        .merge(tokens::routes())
        .merge(webhooks::routes());
    Router::new()
        .nest("/v1", v1)
        .route("/openapi.json", get(|| async { Json(openapi()) }))
        .merge(SwaggerUi::new("/docs").url("/api/openapi.json", openapi()))
}
