//! The server's typed errors: every failure becomes `{ "error": code, "detail": text }` with the
//! right status for the API (HTML pages render the same two strings). Internal errors are
//! logged in full and answered with a generic detail, so no path or SQL leaks to a client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use leakwatch_app::AppError;
use leakwatch_store::StoreError;
use serde::Serialize;

/// An error answer.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{status}: {error}: {detail}")]
pub struct ApiError {
    pub status: StatusCode,
    /// A stable machine-readable code (`not_found`, `forbidden`, …).
    pub error: &'static str,
    /// A human-readable explanation.
    pub detail: String,
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a str,
    detail: &'a str,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &'static str, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            error,
            detail: detail.into(),
        }
    }
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", detail)
    }
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", detail)
    }
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "sign in or send Authorization: Bearer TOKEN",
        )
    }
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", detail)
    }
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        // The full message goes to the log only.
        eprintln!(
            "leakwatch-server: internal error: {}",
            leakwatch_model::hygiene::terminal_safe(&detail.to_string(), false)
        );
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error (logged on the server)",
        )
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        use leakwatch_ingest::IngestError;
        let detail = leakwatch_model::hygiene::terminal_safe(&e.to_string(), false);
        match &e {
            AppError::Store(StoreError::NotFound { .. }) => ApiError::not_found(detail),
            AppError::Store(StoreError::Invalid { .. }) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", detail)
            }
            AppError::Resolve(_) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", detail)
            }
            AppError::Ingest(IngestError::TooLarge { .. }) => {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", detail)
            }
            AppError::Ingest(_) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "undecodable", detail)
            }
            AppError::Store(_) => ApiError::internal(e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: self.error,
            detail: &self.detail,
        };
        (self.status, axum::Json(body)).into_response()
    }
}
