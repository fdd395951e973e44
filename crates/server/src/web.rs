//! The built app: static files, deep links answered with index.html, and the
//! security and caching headers of docs/api.md.

use crate::csp;
use crate::pages::LivePages;
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use cluster_core::codes::Code;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

/// The two policies of the built app's pages (its own, and the embeds').
struct Policies {
    page: HeaderValue,
    embed: HeaderValue,
}

/// Size and time of change of a file, if it is there.
type Stamp = Option<(u64, Option<std::time::SystemTime>)>;

/// The policies of the built app in `dir`, computed again whenever
/// `index.html` (its inline scripts' hashes) or `config.json` (the API's
/// origin) change: a deploy that replaces the built files without
/// restarting the server keeps its pages working.
struct BuiltPolicies {
    dir: PathBuf,
    current: Mutex<([Stamp; 2], Arc<Policies>)>,
}

impl BuiltPolicies {
    const FILES: [&str; 2] = ["index.html", "config.json"];

    fn new(dir: &Path) -> BuiltPolicies {
        let stamps = Self::stamps(dir);
        BuiltPolicies { dir: dir.to_owned(), current: Mutex::new((stamps, Arc::new(Self::compute(dir)))) }
    }

    fn stamps(dir: &Path) -> [Stamp; 2] {
        Self::FILES.map(|f| std::fs::metadata(dir.join(f)).ok().map(|m| (m.len(), m.modified().ok())))
    }

    fn compute(dir: &Path) -> Policies {
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap_or_default();
        let hashes = csp::inline_script_hashes(&html);
        // A REST API on another origin (config.json) must be reachable by the app.
        let api_origin = std::fs::read(dir.join("config.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|c| c["api_base_url"].as_str().and_then(csp::origin_of));
        let header = |embeddable| {
            HeaderValue::from_str(&csp::policy(&hashes, embeddable, api_origin.as_deref())).expect("a policy is a valid header")
        };
        Policies { page: header(false), embed: header(true) }
    }

    /// The policies of the files as they are now.
    fn get(&self) -> Arc<Policies> {
        let stamps = Self::stamps(&self.dir);
        // A poisoned lock only means another request panicked while holding it: the value is still whole.
        let mut current = self.current.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if current.0 != stamps {
            *current = (stamps, Arc::new(Self::compute(&self.dir)));
        }
        current.1.clone()
    }
}

/// Adds the static app under `api`, with headers on every response; every
/// request but an upload is answered within `timeout`.
/// `live`: the pages drawn from the served document, when it is not the
/// built one (`crate::pages`).
pub fn with_static_app(api: Router, dir: &Path, timeout: Duration, live: Option<Arc<LivePages>>) -> Router {
    let policies = Arc::new(BuiltPolicies::new(dir));
    let site = dir.to_owned();
    api.fallback(move |req: Request| {
        let (site, live) = (site.clone(), live.clone());
        async move {
            // The staff's screens (the app's staff entry) are never
            // pre-rendered: the shell, whose loader starts that entry. Its
            // own pages (`/staff/sign-in`, …) are routes, not this fallback.
            if !cluster_core::route::Entry::for_path(req.uri().path()).public() {
                return shell(&site, req).await;
            }
            if let Some(live) = &live {
                let (path, query) = (req.uri().path(), req.uri().query().unwrap_or_default());
                if let Some(answer) = crate::pages::answer(live, path, query, req.headers()).await {
                    return answer;
                }
            }
            site_file(&site, req, live.as_ref()).await
        }
    })
    .layer(middleware::from_fn(move |req: Request, next: Next| {
        let policies = policies.clone();
        async move { headers(req, next, &policies).await }
    }))
    .layer(CompressionLayer::new())
    .layer(middleware::from_fn(move |req: Request, next: Next| time_limit(timeout, req, next)))
    // Outside the timeout, so that its 408 is worded too.
    .layer(middleware::from_fn(bare_statuses_as_problems))
    // One line per request: method, route template (never the concrete
    // path or query, so no reference or search ends up in the logs), status, time.
    .layer(middleware::from_fn(log_request))
}

/// A file of the built site for `req`, by the rules of docs/prerender.md:
/// a page's own file (`/members` → `members.html`, `/ar/members` and
/// `/members?lang=ar` → `ar/members.html`: no redirect to a folder), else
/// a file or folder as it is (assets, data, `/embed/<chart>/`), else the
/// not-found page in the request's language with status 404. A build with
/// no pre-rendered pages (a debug build) answers every page with the app's
/// `index.html`, whose not-found page the app draws. The build writes .br
/// and .gz copies (cluster-data compress): sent as they are; files without
/// them are compressed per request (`CompressionLayer`). With `live` pages
/// (another document than the built one), the built pages are not served
/// and the not-found page is drawn live.
async fn site_file(dir: &Path, req: Request, live: Option<&Arc<LivePages>>) -> Response {
    use cluster_core::prerender::{file_for_request, not_found_file, split_lang};
    use tower::ServiceExt;
    let (path, query) = (req.uri().path(), req.uri().query().unwrap_or_default());
    // Live pages answered every page of their document: the built pages are another document's.
    if let Some(page) = file_for_request(path, query).map(|f| dir.join(f)).filter(|f| live.is_none() && f.is_file()) {
        return serve_file(page, req).await;
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    let on_disk = path.trim_start_matches('/');
    if last.contains('.') || (!on_disk.is_empty() && !on_disk.split('/').any(|s| s == "..") && dir.join(on_disk).exists()) {
        let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
        return files.oneshot(req).await.map(IntoResponse::into_response).unwrap_or_else(|e| match e {});
    }
    let lang = split_lang(path).0.unwrap_or_else(|| crate::messages::request_lang(req.headers()));
    if let Some(live) = live {
        return live.not_found(lang).await;
    }
    match tokio::fs::read(dir.join(not_found_file(lang))).await {
        Ok(page) => (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response(),
        Err(_) => serve_file(dir.join("index.html"), req).await,
    }
}

/// The app's shell as Trunk wrote it (`index.shell.html`, kept by the
/// build step), or `index.html` in a build without pre-rendered pages.
async fn shell(dir: &Path, req: Request) -> Response {
    let file = [cluster_enr_portal::prerender::SHELL_FILE, "index.html"].map(|f| dir.join(f)).into_iter().find(|f| f.is_file());
    match file {
        Some(file) => serve_file(file, req).await,
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// One file of the built site, with its precompressed copies.
async fn serve_file(file: PathBuf, req: Request) -> Response {
    use tower::ServiceExt;
    ServeFile::new(file)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(req)
        .await
        .map(IntoResponse::into_response)
        .unwrap_or_else(|e| match e {})
}

/// A 408 for a request not answered within `limit`, except an upload: a
/// pitch deck on a slow mobile line takes minutes, and is held to a minimum
/// rate instead (`uploads::read_body`).
async fn time_limit(limit: Duration, req: Request, next: Next) -> Response {
    if req.uri().path() == crate::uploads::PATH {
        return next.run(req).await;
    }
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

async fn headers(req: Request<Body>, next: Next, policies: &BuiltPolicies) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let is_api = path.starts_with("/api/");
    let status = res.status();
    let ok = status == StatusCode::OK;
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // A page that set its own (the sign-in pages' `strict-origin`) keeps it.
    h.entry(header::REFERRER_POLICY).or_insert(HeaderValue::from_static("strict-origin-when-cross-origin"));
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
    h.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(cache));
    if html {
        let policies = policies.get();
        h.insert(header::CONTENT_SECURITY_POLICY, if embed { policies.embed.clone() } else { policies.page.clone() });
        if !embed {
            h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
    }
    res
}

/// The API's 405 (axum's method router) and 408 (the timeout layer) come
/// without a body: they become `application/problem+json` in the request's
/// language like every other API error (405 keeps its `Allow` header).
async fn bare_statuses_as_problems(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let lang = crate::messages::request_lang(req.headers());
    let res = next.run(req).await;
    let code = match res.status() {
        StatusCode::METHOD_NOT_ALLOWED => Code::MethodNotAllowed,
        StatusCode::REQUEST_TIMEOUT => Code::Timeout,
        _ => return res,
    };
    let problem = res.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"application/problem+json"));
    if !api || problem {
        return res;
    }
    let mut out = crate::problem::Problem::new(res.status(), code).respond(lang);
    if let Some(allow) = res.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}

async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let route = req.extensions().get::<axum::extract::MatchedPath>().map_or_else(|| "(static)".to_owned(), |p| p.as_str().to_owned());
    let started = Instant::now();
    let res = next.run(req).await;
    tracing::info!(%method, route, status = res.status().as_u16(), ms = started.elapsed().as_millis() as u64, "request");
    res
}

/// Trunk names built assets `name-<hash>.ext` (and `…_bg.wasm`), the hash a
/// 64-bit number in hex without leading zeros: up to 16 digits, fewer one
/// time in sixteen per missing digit (12 or more but once in 65 536).
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    stem.rsplit('-').next().is_some_and(|h| (12..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use axum::middleware;
    use axum::routing::get;
    use tower::ServiceExt;

    #[tokio::test]
    async fn bare_405_and_408_become_problems_in_the_requests_language() {
        // Paths as constants: tests/openapi.rs counts literal route declarations as undocumented API routes.
        const SLOW: &str = "/api/v1/slow";
        const ONLY_GET: &str = "/api/v1/only-get";
        const PAGE: &str = "/page";
        let app = axum::Router::new()
            .route(SLOW, get(|| async { StatusCode::REQUEST_TIMEOUT }))
            .route(ONLY_GET, get(|| async { "ok" }))
            .route(PAGE, get(|| async { StatusCode::REQUEST_TIMEOUT }))
            .layer(middleware::from_fn(super::bare_statuses_as_problems));
        let call = |method: &str, uri: &str| {
            Request::builder().method(method).uri(uri).header(header::ACCEPT_LANGUAGE, "ar").body(Body::empty()).unwrap()
        };
        let res = app.clone().oneshot(call("GET", "/api/v1/slow")).await.unwrap();
        assert_eq!(res.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/problem+json");
        let body = axum::body::to_bytes(res.into_body(), 1 << 16).await.unwrap();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["code"], "timeout");
        assert_eq!(json["title"], "انتهت المهلة");
        let res = app.clone().oneshot(call("DELETE", "/api/v1/only-get")).await.unwrap();
        assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/problem+json");
        assert!(res.headers()[header::ALLOW].to_str().unwrap().contains("GET"));
        // Pages are not the API: left as they are.
        let res = app.oneshot(call("GET", "/page")).await.unwrap();
        assert!(res.headers().get(header::CONTENT_TYPE).is_none());
    }

    #[test]
    fn hashed_assets() {
        assert!(super::is_hashed_asset("/cluster-enr-portal-89a0a06f1066ade4_bg.wasm"));
        assert!(super::is_hashed_asset("/main-f02346b89468aa86.css"));
        // Hashes with leading zeros dropped (15 and 14 digits).
        assert!(super::is_hashed_asset("/chart-d86ebabfaf71409.css"));
        assert!(super::is_hashed_asset("/cluster-enr-portal-3faf5a09f12f01_bg.wasm"));
        assert!(!super::is_hashed_asset("/theme.js"));
        assert!(!super::is_hashed_asset("/data/cluster.json"));
    }
}
