//! The built app: static files, deep links answered with index.html, and the
//! security and caching headers of DESIGN.md.

use crate::csp;
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;

struct Policies {
    page: HeaderValue,
    embed: HeaderValue,
}

/// Adds the static app under `api`, with headers on every response.
pub fn with_static_app(api: Router, dir: &Path) -> Router {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index).unwrap_or_default();
    let hashes = csp::inline_script_hashes(&html);
    let policies = Arc::new(Policies {
        page: HeaderValue::from_str(&csp::policy(&hashes, false)).expect("a policy is a valid header"),
        embed: HeaderValue::from_str(&csp::policy(&hashes, true)).expect("a policy is a valid header"),
    });
    let files = ServeDir::new(dir).fallback(ServeFile::new(index));
    api.fallback_service(files)
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let policies = policies.clone();
            async move { headers(req, next, &policies).await }
        }))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        // One line per request: method, route template (never the concrete
        // path or query, so no reference or search ends up in the logs), status, time.
        .layer(middleware::from_fn(log_request))
}

async fn headers(req: Request<Body>, next: Next, policies: &Policies) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let is_api = path.starts_with("/api/");
    let status = res.status();
    let ok = status == StatusCode::OK;
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    if is_api {
        return res;
    }
    let html = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
    let embed = path.starts_with("/embed/");
    let cache = if embed && (ok || status == StatusCode::NOT_MODIFIED) {
        // Partner pages load embeds on every view: a few minutes of caching,
        // then revalidation by ETag.
        "public, max-age=300"
    } else if !html && ok && is_hashed_asset(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if html {
        h.insert(header::CONTENT_SECURITY_POLICY, if embed { policies.embed.clone() } else { policies.page.clone() });
        if !embed {
            h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
    }
    res
}

async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let route = req.extensions().get::<axum::extract::MatchedPath>().map_or_else(|| "(static)".to_owned(), |p| p.as_str().to_owned());
    let started = Instant::now();
    let res = next.run(req).await;
    tracing::info!(%method, route, status = res.status().as_u16(), ms = started.elapsed().as_millis() as u64, "request");
    res
}

/// Trunk names built assets `name-<16 hex>.ext` (and `…_bg.wasm`).
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    stem.rsplit('-').next().is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_assets() {
        assert!(super::is_hashed_asset("/cluster-enr-portal-89a0a06f1066ade4_bg.wasm"));
        assert!(super::is_hashed_asset("/main-f02346b89468aa86.css"));
        assert!(!super::is_hashed_asset("/theme.js"));
        assert!(!super::is_hashed_asset("/data/cluster.json"));
    }
}
