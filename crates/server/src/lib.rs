//! The Cluster EnR reference server: the REST API of DESIGN.md over the same
//! `core` code as the app, and the built app itself with strict security
//! headers. This first part serves the dataset; applications come next.

pub mod csp;
mod dataset;
mod web;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use cluster_core::model::Dataset;
use std::path::PathBuf;
use std::sync::Arc;

pub use dataset::DatasetState;

/// What the server needs to run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The dataset document to serve.
    pub dataset: PathBuf,
    /// The built app (Trunk's `dist/`), served with an SPA fallback.
    pub static_dir: PathBuf,
}

/// Why the server cannot start.
#[derive(Debug)]
pub enum StartError {
    /// The dataset file cannot be read.
    Read(PathBuf, std::io::Error),
    /// The dataset is not a valid document: every problem, one per line.
    Invalid(PathBuf, Vec<String>),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Read(p, e) => write!(f, "cannot read the dataset {}: {e}", p.display()),
            StartError::Invalid(p, problems) => {
                writeln!(
                    f,
                    "the dataset {} is not valid ({} problem(s)):",
                    p.display(),
                    problems.len()
                )?;
                for line in problems.iter().take(50) {
                    writeln!(f, "  {line}")?;
                }
                Ok(())
            }
        }
    }
}

/// Reads and strictly checks the dataset, so a bad file stops the server at
/// start with every problem named, rather than serving it.
pub fn load_dataset(path: &PathBuf) -> Result<Dataset, StartError> {
    let bytes = std::fs::read(path).map_err(|e| StartError::Read(path.clone(), e))?;
    match cluster_core::parse::check_document(&bytes) {
        Ok((d, issues)) if issues.is_empty() => Ok(d),
        Ok((_, issues)) => Err(StartError::Invalid(
            path.clone(),
            issues.iter().map(ToString::to_string).collect(),
        )),
        Err(e) => Err(StartError::Invalid(path.clone(), vec![e.to_string()])),
    }
}

/// The whole application: `/api/v1/…` and the static app.
pub fn app(dataset: Dataset, settings: &Settings) -> Router {
    let api = Router::new()
        .nest(
            "/api/v1",
            dataset::routes(Arc::new(DatasetState::new(dataset))).fallback(api_not_found),
        )
        // Unknown API paths are real 404s, never the app's index.html.
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found));
    web::with_static_app(api, &settings.static_dir)
}

/// `application/problem+json` for an unknown API path.
async fn api_not_found() -> Response {
    let body = serde_json::json!({"type": "about:blank", "title": "Not Found", "status": 404, "detail": "No such API endpoint."});
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}
