//! `POST /uploads`: a pitch-deck PDF (≤ 10 MB, checked by its magic bytes),
//! stored in the database; its id can be referenced by one application,
//! which then owns it (erased and purged with it). Uploads no application
//! claims are deleted after a day, and together may hold at most
//! `unclaimed_cap` bytes.

use crate::applications::{now, rfc3339};
use crate::messages::request_lang;
use crate::problem::Problem;
use crate::store::{PutUpload, Store};
use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cluster_core::codes::Code;
use serde_json::json;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// What the upload route needs.
pub struct UploadState {
    pub store: Arc<Store>,
    pub clock: crate::Clock,
    /// Uploads per address, like submissions (each may store 10 MB).
    pub rate_limit: Option<crate::RateLimit>,
    /// Bytes that uploads no application has claimed yet may hold together.
    pub unclaimed_cap: u64,
}

/// An upload no application claims within this many seconds is deleted.
pub const UNCLAIMED_LIFETIME: u64 = 86_400;

/// Largest accepted upload.
pub const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

#[utoipa::path(post, path = "/uploads", tag = "applications", request_body(content = Vec<u8>, content_type = "application/pdf"),
    responses(
        (status = 201, description = "Stored: the id an application's pitch_deck may reference", body = Object),
        (status = 413, description = "Over 10 MB", content_type = "application/problem+json", body = Object),
        (status = 415, description = "Not a PDF (checked by its magic bytes)", content_type = "application/problem+json", body = Object),
        (status = 429, description = "Too many uploads from this address (see Retry-After)", content_type = "application/problem+json", body = Object),
        (status = 503, description = "Uploads waiting for an application are full, or no random source (see Retry-After when full)", content_type = "application/problem+json", body = Object),
    ))]
async fn upload(State(state): State<Arc<UploadState>>, req: Request<Body>) -> Response {
    let (parts, body) = req.into_parts();
    let lang = request_lang(&parts.headers);
    if let Some(p) = crate::applications::over_limit(state.rate_limit.as_ref(), &parts.extensions) {
        return p.respond(lang);
    }
    let (store, clock) = (state.store.clone(), state.clock);
    let announced = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > UPLOAD_LIMIT as u64) {
        return Problem::new(StatusCode::PAYLOAD_TOO_LARGE, Code::BodyTooLarge).respond(lang);
    }
    let bytes = match axum::body::to_bytes(body, UPLOAD_LIMIT).await {
        Ok(b) => b,
        Err(e) => return crate::problem::body_read_error(e).respond(lang),
    };
    // The content decides, not the declared type or a file name.
    if !bytes.starts_with(b"%PDF-") {
        return Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, Code::PdfInvalid).respond(lang);
    }
    // An upload id must not be guessable either.
    let Some(mut draw) = crate::applications::random_draws() else {
        return Problem::new(StatusCode::SERVICE_UNAVAILABLE, Code::RandomUnavailable).respond(lang);
    };
    let id = format!("up-{:016x}{:016x}", draw(), draw());
    let (at, _) = now(clock);
    let cutoff = rfc3339(clock.unix_seconds().saturating_sub(UNCLAIMED_LIFETIME));
    let (size, cap) = (bytes.len(), state.unclaimed_cap);
    let stored = {
        let id = id.clone();
        tokio::task::spawn_blocking(move || store.put_upload(&id, &bytes, &at, &cutoff, cap)).await
    };
    match stored {
        Ok(Ok(PutUpload::Stored)) => (StatusCode::CREATED, Json(json!({ "id": id, "size": size }))).into_response(),
        Ok(Ok(PutUpload::Full)) => {
            let mut p = Problem::new(StatusCode::SERVICE_UNAVAILABLE, Code::UploadsFull);
            p.retry_after = Some(3600);
            p.respond(lang)
        }
        _ => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang),
    }
}

/// The upload route, relative to `/api/v1`.
pub fn routes(state: Arc<UploadState>) -> OpenApiRouter {
    OpenApiRouter::new().routes(routes!(upload)).layer(axum::extract::DefaultBodyLimit::disable()).with_state(state)
}
