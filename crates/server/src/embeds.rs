//! `/embed/:chart`: the chart pages partner sites frame, rendered live from
//! the served dataset by core's renderer (the static build writes the same
//! pages from the bundled file), with an ETag; an unknown id gets the small
//! translated "chart not found" page with a 404.

use crate::dataset::{etag, not_modified};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use cluster_core::charts::ChartId;
use cluster_core::charts::page::{embed_page, not_found_page};
use cluster_core::model::Dataset;
use std::sync::Arc;

/// Every chart's page, rendered once at start (the dataset does not change
/// while the server runs), with its entity tag.
pub struct EmbedState {
    pages: Vec<(ChartId, String, HeaderValue)>,
    not_found: String,
}

impl EmbedState {
    pub fn new(d: &Dataset) -> EmbedState {
        let pages = ChartId::ALL
            .into_iter()
            .map(|id| {
                let html = embed_page(d, id);
                let tag = HeaderValue::from_str(&etag(html.as_bytes())).expect("a hex tag is a valid header");
                (id, html, tag)
            })
            .collect();
        EmbedState { pages, not_found: not_found_page() }
    }
}

const HTML: HeaderValue = HeaderValue::from_static("text/html; charset=utf-8");

async fn embed(State(state): State<Arc<EmbedState>>, Path(chart): Path<String>, headers: HeaderMap) -> Response {
    let Some((_, html, tag)) = ChartId::from_id(&chart).and_then(|id| state.pages.iter().find(|p| p.0 == id)) else {
        return (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, HTML)], state.not_found.clone()).into_response();
    };
    if not_modified(&headers, tag.to_str().unwrap_or_default()) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag.clone())]).into_response();
    }
    ([(header::CONTENT_TYPE, HTML), (header::ETAG, tag.clone())], html.clone()).into_response()
}

/// The embed routes, with and without the trailing slash that static hosts
/// redirect to.
pub fn routes(d: &Dataset) -> Router {
    let state = Arc::new(EmbedState::new(d));
    Router::new().route("/embed/{chart}", get(embed)).route("/embed/{chart}/", get(embed)).with_state(state)
}
