//! `GET /api/v1/token`: an integration checks which token it holds and what it may do.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::ApiClient;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/token", get(current_token))
}

/// The API token making the request.
#[derive(Serialize, ToSchema)]
pub struct TokenInfo {
    pub id: uuid::Uuid,
    pub name: String,
    /// The organisation the token is limited to; `null` for a mall-wide token.
    pub organisation: Option<String>,
    /// What the token may do (permission names).
    pub permissions: Vec<String>,
}

#[utoipa::path(
    get,
    path = "/v1/token",
    tag = "tokens",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The token is valid", body = TokenInfo),
        (status = 401, description = "No token, or a revoked or unknown one", body = super::Problem, content_type = "application/problem+json")
    )
)]
async fn current_token(
    State(st): State<AppState>,
    client: ApiClient,
) -> Result<Json<TokenInfo>, AppError> {
    let t = balai_store::identity::get_token(&st.db, client.token_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(Json(TokenInfo {
        id: t.id,
        name: t.name,
        organisation: t.organisation_name,
        permissions: client
            .actor
            .permissions
            .iter()
            .map(|p| p.as_str().to_string())
            .collect(),
    }))
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(current_token), components(schemas(TokenInfo)))]
pub struct Doc;
