//! `GET /api/v1/dataset` (with ETag and `?include=meta`) and `GET /health`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cluster_core::model::{Dataset, Totals};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The dataset, serialized once at start with its entity tags.
pub struct DatasetState {
    full: Vec<u8>,
    full_etag: String,
    meta: Vec<u8>,
    meta_etag: String,
}

/// A strong entity tag for `bytes` (half a SHA-256, quoted).
pub(crate) fn etag(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    format!("\"{}\"", d.iter().take(16).map(|b| format!("{b:02x}")).collect::<String>())
}

impl DatasetState {
    /// Serializes the document and its meta form (lists replaced by totals).
    pub fn new(d: &Dataset) -> DatasetState {
        let full = serde_json::to_vec(d).expect("a Dataset always serializes");
        let meta_doc = Dataset {
            version: d.version,
            as_of: d.as_of.clone(),
            source: d.source.clone(),
            sectors: d.sectors.clone(),
            member_types: d.member_types.clone(),
            regions: d.regions.clone(),
            labels: d.labels.clone(),
            programmes: d.programmes.clone(),
            members: Vec::new(),
            startups: Vec::new(),
            partners: Vec::new(),
            figures: d.figures.clone(),
            calls: d.calls.clone(),
            totals: Some(Totals { members: d.members.len() as u64, startups: d.startups.len() as u64, partners: d.partners.len() as u64 }),
        };
        let meta = serde_json::to_vec(&meta_doc).expect("a Dataset always serializes");
        DatasetState { full_etag: etag(&full), full, meta_etag: etag(&meta), meta }
    }
}

/// Whether the request's `If-None-Match` names `tag` (or `*`).
pub(crate) fn not_modified(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"))
}

#[derive(Deserialize)]
struct DatasetQuery {
    include: Option<String>,
}

#[utoipa::path(get, path = "/dataset", tag = "data",
    params(("include" = Option<String>, Query, description = "`meta`: the document without the members, start-ups and partners lists, with their totals")),
    responses(
        (status = 200, description = "The data document (schema: /data/cluster.schema.json); ETag for revalidation", content_type = "application/json", body = Object),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
    ))]
async fn dataset(State(state): State<Arc<DatasetState>>, Query(q): Query<DatasetQuery>, headers: HeaderMap) -> Response {
    let (body, tag) = if q.include.as_deref() == Some("meta") { (&state.meta, &state.meta_etag) } else { (&state.full, &state.full_etag) };
    let tag_value = HeaderValue::from_str(tag).expect("a hex tag is a valid header");
    let matches = not_modified(&headers, tag);
    let common = [(header::ETAG, tag_value), (header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))];
    if matches {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    (common, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body.clone()).into_response()
}

#[utoipa::path(get, path = "/health", tag = "service", responses((status = 200, description = "The server is up", body = Object)))]
async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

/// The dataset routes, relative to `/api/v1`.
pub fn routes(state: Arc<DatasetState>) -> OpenApiRouter {
    OpenApiRouter::new().routes(routes!(dataset)).routes(routes!(health)).with_state(state)
}
