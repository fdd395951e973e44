//! The Cluster EnR reference server: the REST API of docs/api.md over the same
//! `core` code as the app, and the built app itself with strict security
//! headers.

pub mod accounts;
mod applications;
pub mod client;
mod contract;
mod corrections;
pub mod csp;
mod dataset;
mod directory;
mod embeds;
mod messages;
mod notify;
mod pages;
mod problem;
mod review;
mod staff;
pub mod store;
mod uploads;
mod web;

pub use applications::{BODY_LIMIT, RateLimit, rfc3339};
pub use uploads::MinRate;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use cluster_core::codes::Code;
use cluster_core::model::Dataset;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower_http::cors::{AllowOrigin, Any, CorsLayer};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use dataset::DatasetState;

/// Where the server takes "now" from: the system clock, or a fixed instant
/// that tests set (so no test depends on today's date).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The operating system's clock.
    #[default]
    System,
    /// A fixed instant, in seconds since 1970-01-01 UTC.
    Fixed(u64),
}

impl Clock {
    /// Seconds since 1970-01-01 UTC.
    pub fn unix_seconds(self) -> u64 {
        match self {
            Clock::System => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()),
            Clock::Fixed(s) => s,
        }
    }
}

/// What the server needs to run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The built app (Trunk's `dist/`), served with an SPA fallback.
    pub static_dir: PathBuf,
    /// Application submissions (and, counted apart, pitch-deck uploads) per
    /// client address and minute; 0 turns the limit off.
    pub submissions_per_minute: u32,
    /// Application status lookups per client address and minute (a guard
    /// against guessing references); 0 turns the limit off.
    pub lookups_per_minute: u32,
    /// The portal's origin (`https://portal.example`): sign-in links point
    /// there, and state-changing staff requests must come from it.
    pub public_url: String,
    /// Where e-mails go (an SMTP server, or `.eml` files in an outbox).
    pub mailer: Arc<accounts::mail::Mailer>,
    /// Sign-in link requests and uses per client address in 15 minutes.
    pub sign_in_attempts: u32,
    /// Origins allowed to send applications and uploads from another site
    /// (read endpoints are open to any origin).
    pub allowed_origins: Vec<String>,
    /// Where "now" comes from.
    pub clock: Clock,
    /// Bytes that pitch-deck uploads no application has claimed yet may
    /// hold together (each is deleted after a day if still unclaimed).
    pub unclaimed_uploads_cap: u64,
    /// The same, for the uploads of one client address.
    pub unclaimed_uploads_per_address: u64,
    /// Directory reads (`/members`, `/startups`, their CSV and records) per
    /// client address and minute; 0 turns the limit off.
    pub reads_per_minute: u32,
    /// Reverse proxies whose `X-Forwarded-For`/`Forwarded` is believed
    /// ([`client`]); from any other peer those headers are ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Every request but an upload must be answered within this time.
    pub request_timeout: std::time::Duration,
    /// An upload fails only when its body arrives slower than this.
    pub upload_min_rate: uploads::MinRate,
}

impl Settings {
    /// The production settings, serving the built app in `static_dir`.
    pub fn new(static_dir: PathBuf) -> Settings {
        Settings {
            static_dir,
            submissions_per_minute: 10,
            lookups_per_minute: 30,
            public_url: "http://localhost:8080".to_owned(),
            mailer: Arc::new(accounts::mail::Mailer::outbox(PathBuf::from("outbox"))),
            sign_in_attempts: 10,
            allowed_origins: Vec::new(),
            clock: Clock::System,
            unclaimed_uploads_cap: 200 * 1024 * 1024,
            unclaimed_uploads_per_address: 30 * 1024 * 1024,
            reads_per_minute: 600,
            trusted_proxies: Vec::new(),
            request_timeout: std::time::Duration::from_secs(30),
            upload_min_rate: uploads::MinRate::default(),
        }
    }
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
                writeln!(f, "the dataset {} is not valid ({} problem(s)):", p.display(), problems.len())?;
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
pub fn load_dataset(path: &std::path::Path) -> Result<Dataset, StartError> {
    let bytes = std::fs::read(path).map_err(|e| StartError::Read(path.to_path_buf(), e))?;
    match cluster_core::parse::check_document(&bytes) {
        Ok((d, issues)) if issues.is_empty() => Ok(d),
        Ok((_, issues)) => Err(StartError::Invalid(path.to_path_buf(), issues.iter().map(ToString::to_string).collect())),
        Err(e) => Err(StartError::Invalid(path.to_path_buf(), vec![e.to_string()])),
    }
}

/// The OpenAPI document's frame; the paths come from the routes themselves.
#[derive(OpenApi)]
#[openapi(
    info(title = "Cluster EnR API", description = "Reference REST API of the Cluster EnR portal: the data document, the directories, and incubator applications."),
    servers((url = "/api/v1")),
    modifiers(&StaffAuth),
    tags(
        (name = "data", description = "The data document"),
        (name = "directories", description = "Members and start-ups: search, facets, CSV"),
        (name = "applications", description = "Incubator applications and pitch decks"),
        (name = "staff", description = "Staff accounts and reviewing applications (a session cookie, or a personal API token as bearer)"),
        (name = "service", description = "Health and this document"),
    )
)]
struct ApiDoc;

struct StaffAuth;

impl utoipa::Modify for StaffAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        use utoipa::openapi::security::{ApiKey, ApiKeyValue};
        components.add_security_scheme("staff", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
        let cookie = format!(
            "The session cookie of a sign-in: `{}` on an https origin, `{}` on a plain-http one",
            accounts::COOKIE,
            accounts::COOKIE_HTTP
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(accounts::COOKIE, &cookie))),
        );
    }
}

/// The OpenAPI document, set once the router is built.
static OPENAPI_JSON: OnceLock<String> = OnceLock::new();

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "service", responses((status = 200, description = "The OpenAPI 3.1 document of this API", body = Object)))]
async fn openapi_json() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON.get().cloned().unwrap_or_default()).into_response()
}

/// A per-address limit of `per_minute` requests; 0 means none.
fn limit(per_minute: u32) -> Option<RateLimit> {
    (per_minute > 0).then(|| RateLimit::new(per_minute))
}

/// What the staff routes and pages share.
fn staff_state(store: Arc<store::Store>, settings: &Settings) -> Arc<accounts::Staff> {
    Arc::new(accounts::Staff {
        store,
        clock: settings.clock,
        origin: settings.public_url.trim_end_matches('/').to_owned(),
        mailer: settings.mailer.clone(),
        sign_in_per_address: RateLimit::per(settings.sign_in_attempts.max(1), std::time::Duration::from_secs(15 * 60)),
        links_per_account: RateLimit::per(3, std::time::Duration::from_secs(15 * 60)),
        passkeys: accounts::passkeys::Passkeys::new(settings.public_url.trim_end_matches('/')),
    })
}

/// The `/api/v1` routes and their OpenAPI document, from the same
/// declarations, so neither can list a route the other lacks.
pub fn api(dataset: Dataset, store: Arc<store::Store>, settings: &Settings) -> (Router, utoipa::openapi::OpenApi) {
    let staff = staff_state(store.clone(), settings);
    api_with(dataset, store, staff, settings)
}

fn api_with(
    dataset: Dataset,
    store: Arc<store::Store>,
    staff: Arc<accounts::Staff>,
    settings: &Settings,
) -> (Router, utoipa::openapi::OpenApi) {
    let dataset = Arc::new(dataset);
    let applications = Arc::new(applications::ApplicationsState {
        dataset: dataset.clone(),
        store,
        rate_limit: limit(settings.submissions_per_minute),
        lookup_limit: limit(settings.lookups_per_minute),
        clock: settings.clock,
        mailer: staff.mailer.clone(),
        origin: staff.origin.clone(),
    });
    let read_cors = CorsLayer::new().allow_origin(Any).allow_methods([Method::GET]).allow_headers([
        header::ACCEPT,
        header::ACCEPT_LANGUAGE,
        header::IF_NONE_MATCH,
    ]);
    let origins: Vec<HeaderValue> = settings.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let write_cors =
        CorsLayer::new().allow_origin(AllowOrigin::list(origins)).allow_methods([Method::GET, Method::POST, Method::PUT]).allow_headers([
            header::CONTENT_TYPE,
            // A correction's link secret (`PUT /applications/{reference}`).
            header::AUTHORIZATION,
            header::ACCEPT_LANGUAGE,
            HeaderName::from_static("idempotency-key"),
        ]);
    let reads = dataset::routes(Arc::new(DatasetState::new(&dataset)))
        .merge(directory::routes(Arc::new(directory::DirectoryState::new(dataset.clone(), limit(settings.reads_per_minute)))))
        .routes(routes!(openapi_json))
        .layer(read_cors);
    let writes = applications::routes(applications.clone())
        .merge(corrections::routes(applications.clone()))
        .merge(uploads::routes(Arc::new(uploads::UploadState {
            store: applications.store.clone(),
            clock: settings.clock,
            rate_limit: limit(settings.submissions_per_minute),
            unclaimed_cap: settings.unclaimed_uploads_cap,
            unclaimed_per_address: settings.unclaimed_uploads_per_address,
            min_rate: settings.upload_min_rate,
        })))
        .layer(write_cors);
    let signed_in = staff::routes()
        .merge(review::routes())
        .merge(accounts::sign_in::routes())
        .merge(accounts::manage::routes())
        .merge(accounts::passkeys::routes())
        .route_layer(axum::middleware::from_fn_with_state(staff.clone(), accounts::authenticate))
        .with_state(staff.clone());
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(reads)
        .merge(writes)
        .merge(accounts::sign_in::public_routes(staff.clone()))
        .merge(accounts::passkeys::public_routes(staff))
        .merge(signed_in)
        .split_for_parts();
    // Completed as JSON: utoipa's own `Link` would write `operation_id`, not `operationId`.
    let completed = serde_json::to_value(&doc).map(contract::complete).and_then(|v| serde_json::to_string_pretty(&v));
    let _ = OPENAPI_JSON.set(completed.unwrap_or_default());
    (router, doc)
}

/// The whole application: `/api/v1/…` and the static app. Serve it with
/// `into_make_service_with_connect_info::<SocketAddr>()` so submissions can be
/// rate limited per client address.
pub fn app(dataset: Dataset, store: Arc<store::Store>, settings: &Settings) -> Router {
    let embeds = embeds::routes(&dataset);
    let live = pages::live(&settings.static_dir, &dataset, &settings.public_url);
    let staff = staff_state(store.clone(), settings);
    let pages = accounts::sign_in::pages(staff.clone(), &settings.static_dir);
    let (v1, _) = api_with(dataset, store, staff, settings);
    let api = Router::new()
        .merge(embeds)
        .merge(pages)
        .nest("/api/v1", v1.fallback(api_not_found))
        // Unknown API paths are real 404s, never the app's index.html.
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found));
    web::with_static_app(api, &settings.static_dir, settings.request_timeout, live)
        .layer(axum::middleware::from_fn_with_state(Arc::new(settings.trusted_proxies.clone()), client::tag))
}

/// `application/problem+json` for an unknown API path.
async fn api_not_found(headers: axum::http::HeaderMap) -> Response {
    problem::Problem::new(StatusCode::NOT_FOUND, Code::EndpointUnknown).respond(messages::request_lang(&headers))
}
