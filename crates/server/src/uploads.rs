//! `POST /uploads`: a pitch-deck PDF (≤ 10 MB, checked by its magic bytes),
//! stored in the database; its id can be referenced by one application,
//! which then owns it (erased and purged with it). Uploads no application
//! claims are deleted after a day, and together may hold at most
//! `unclaimed_cap` bytes, those of one client address `unclaimed_per_address`.
//! The route has no overall time limit: a 10 MB deck on a slow mobile line
//! takes minutes. It fails only when the body arrives slower than
//! [`MinRate`] over a whole window.

use crate::applications::{now, rfc3339};
use crate::client::ClientAddr;
use crate::messages::request_lang;
use crate::problem::Problem;
use crate::store::{PutUpload, Store, UnclaimedCaps};
use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cluster_core::api::UploadStored;
use cluster_core::codes::Code;
use http_body_util::BodyExt;
use std::sync::Arc;
use std::time::{Duration, Instant};
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
    /// The same for one client address, so that one cannot fill it for all.
    pub unclaimed_per_address: u64,
    pub min_rate: MinRate,
}

/// The upload's path, which the server's request time limit leaves alone.
pub const PATH: &str = "/api/v1/uploads";

/// The slowest an upload may arrive: fewer than `bytes_per_second` on
/// average over a whole `window` fails it (408).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinRate {
    pub bytes_per_second: u64,
    pub window: Duration,
}

impl Default for MinRate {
    /// 16 KB/s over 30 s: a 10 MB deck may take up to about 11 minutes.
    fn default() -> MinRate {
        MinRate { bytes_per_second: 16 * 1024, window: Duration::from_secs(30) }
    }
}

/// Reads a body of at most `limit` bytes, failing (408) when a whole window
/// of `rate` goes by with fewer bytes than it asks.
async fn read_body(mut body: Body, limit: usize, rate: MinRate) -> Result<Vec<u8>, Problem> {
    let needed = (rate.bytes_per_second as f64 * rate.window.as_secs_f64()) as usize;
    let mut out = Vec::new();
    let (mut window_end, mut in_window) = (Instant::now() + rate.window, 0usize);
    loop {
        match tokio::time::timeout_at(window_end.into(), body.frame()).await {
            Ok(None) => return Ok(out),
            Ok(Some(Err(e))) => return Err(crate::problem::body_read_error(e)),
            Ok(Some(Ok(frame))) => {
                if let Ok(data) = frame.into_data() {
                    if out.len() + data.len() > limit {
                        return Err(Problem::new(StatusCode::PAYLOAD_TOO_LARGE, Code::BodyTooLarge));
                    }
                    in_window += data.len();
                    out.extend_from_slice(&data);
                }
                if Instant::now() < window_end {
                    continue;
                }
            }
            // The window ended with no new bytes.
            Err(_) => {}
        }
        if in_window < needed {
            return Err(Problem::new(StatusCode::REQUEST_TIMEOUT, Code::Timeout));
        }
        (window_end, in_window) = (Instant::now() + rate.window, 0);
    }
}

/// An upload no application claims within this many seconds is deleted.
pub const UNCLAIMED_LIFETIME: u64 = 86_400;

/// Largest accepted upload.
pub const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

#[utoipa::path(post, path = "/uploads", tag = "applications", request_body(content = Vec<u8>, content_type = "application/pdf"),
    responses(
        (status = 201, description = "Stored: the id an application's pitch_deck may reference", body = cluster_core::api::UploadStored),
        (status = 408, description = "The file arrived slower than 16 KB/s over 30 s", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 413, description = "Over 10 MB", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 415, description = "Not a PDF (checked by its magic bytes)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many uploads from this address, or too many bytes of them waiting for an application (see Retry-After)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 503, description = "Uploads waiting for an application are full, or no random source (see Retry-After when full)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
    ))]
async fn upload(State(state): State<Arc<UploadState>>, req: Request<Body>) -> Response {
    let (parts, body) = req.into_parts();
    let lang = request_lang(&parts.headers);
    let client = ClientAddr::of(&parts.extensions);
    if let Some(p) = crate::applications::limited(state.rate_limit.as_ref(), client) {
        return p.respond(lang);
    }
    let (store, clock) = (state.store.clone(), state.clock);
    let announced = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > UPLOAD_LIMIT as u64) {
        return Problem::new(StatusCode::PAYLOAD_TOO_LARGE, Code::BodyTooLarge).respond(lang);
    }
    let bytes = match read_body(body, UPLOAD_LIMIT, state.min_rate).await {
        Ok(b) => b,
        Err(p) => return p.respond(lang),
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
    let size = bytes.len();
    let caps = UnclaimedCaps { total: state.unclaimed_cap, per_owner: state.unclaimed_per_address };
    let owner = client.0.to_string();
    let stored = {
        let id = id.clone();
        tokio::task::spawn_blocking(move || store.put_upload(&id, &bytes, &at, &cutoff, &owner, caps)).await
    };
    match stored {
        Ok(Ok(PutUpload::Stored)) => (StatusCode::CREATED, Json(UploadStored { id, size: size as u64 })).into_response(),
        Ok(Ok(PutUpload::Full)) => {
            let mut p = Problem::new(StatusCode::SERVICE_UNAVAILABLE, Code::UploadsFull);
            p.retry_after = Some(3600);
            p.respond(lang)
        }
        Ok(Ok(PutUpload::OwnerFull)) => {
            let mut p = Problem::new(StatusCode::TOO_MANY_REQUESTS, Code::UploadsAddressFull);
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
