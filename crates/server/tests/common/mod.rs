//! Shared by the HTTP tests: a real server on 127.0.0.1 with a small built app
//! and a fresh SQLite file.
#![allow(dead_code)]

use cluster_core::staff::{Action, Role};
use cluster_server::accounts::digest;
use cluster_server::accounts::mail::{Mailer, decode_quoted_printable};
use cluster_server::accounts::manage::cli_audit;
use cluster_server::store::Store;
use cluster_server::{Clock, Settings, app, load_dataset};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub const INDEX: &str = "<!DOCTYPE html><html><head><script src=\"/theme.js\"></script>\
<script type=\"module\">import init from '/app-0123456789abcdef.js';init();</script></head><body></body></html>";

/// "Now" for test servers: 2026-06-01T00:00:00Z, so that the fixed dates
/// of the test applications (created 2025-05-01) stay valid whatever today is.
pub const NOW: u64 = 1_780_272_000;

/// The personal API token of the admin every test server starts with.
pub const STAFF_TOKEN: &str = "cet_test-admin-token-0123456789";
/// That admin's e-mail address.
pub const ADMIN_EMAIL: &str = "amina@cluster-enr.example";

pub fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

/// Starts the server on a free port with a small built app and a fresh
/// database; returns its base URL and the store (to count rows).
pub async fn start(submissions_per_minute: u32) -> (String, Arc<Store>) {
    start_with(submissions_per_minute, &[]).await
}

/// A new folder's path for one test's files, under Cargo's `target/tmp`
/// (removed with `target/`, never left in the system's temporary folder).
pub fn scratch(prefix: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{prefix}-{}-{}", std::process::id(), rand_suffix()))
}

/// [`start`] with extra files in the built app's folder (a `config.json`, say).
pub async fn start_with(submissions_per_minute: u32, files: &[(&str, &str)]) -> (String, Arc<Store>) {
    start_configured(|s| s.submissions_per_minute = submissions_per_minute, files).await
}

/// A server with the test settings changed by `configure` (the lookup limit
/// follows the submission limit unless `configure` sets it apart).
pub async fn start_configured(configure: impl FnOnce(&mut Settings), files: &[(&str, &str)]) -> (String, Arc<Store>) {
    start_on(None, |_| {}, configure, files).await
}

/// A server on `store` (a new one when none), with the test dataset changed
/// by `change_data` and the settings by `configure`: a restart with other
/// rules or data on the same database.
pub async fn start_on(
    store: Option<Arc<Store>>,
    change_data: impl FnOnce(&mut cluster_core::model::Dataset),
    configure: impl FnOnce(&mut Settings),
    files: &[(&str, &str)],
) -> (String, Arc<Store>) {
    // One folder per server: tests run in parallel and must not rewrite each other's files.
    let dir = scratch("cluster-server-test");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    std::fs::write(dir.join("main-0123456789abcdef.css"), "body{color:red}".repeat(100)).unwrap();
    std::fs::write(dir.join("theme.js"), "// theme").unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut settings = Settings {
        submissions_per_minute: 0,
        lookups_per_minute: 0,
        reads_per_minute: 0,
        public_url: format!("http://{addr}"),
        mailer: Arc::new(Mailer::outbox(dir.join("outbox"))),
        allowed_origins: vec!["https://partner.example".to_owned()],
        clock: Clock::Fixed(NOW),
        unclaimed_uploads_cap: 50 * 1024 * 1024,
        unclaimed_uploads_per_address: 50 * 1024 * 1024,
        ..Settings::new(dir.clone())
    };
    configure(&mut settings);
    if settings.lookups_per_minute == 0 {
        settings.lookups_per_minute = settings.submissions_per_minute;
    }
    let mut dataset = load_dataset(&root().join("public/data/cluster.json")).unwrap();
    change_data(&mut dataset);
    let store = store.unwrap_or_else(|| Arc::new(Store::open(&dir.join("applications.db")).unwrap()));
    if store.account_by_email(ADMIN_EMAIL).unwrap().is_none() {
        let created = store.create_account(
            ADMIN_EMAIL,
            "Amina Admin",
            Role::Admin,
            "2026-05-01T00:00:00Z",
            &cli_audit(Clock::Fixed(NOW), Action::AccountCreated, ""),
        );
        let id = created.unwrap().unwrap().id;
        store.add_token(&digest(STAFF_TOKEN), id, "tests", "2026-05-01T00:00:00Z").unwrap();
    }
    let router = app(dataset, store.clone(), &settings);
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await.unwrap() });
    (format!("http://{addr}"), store)
}

/// The `.eml` files of an outbox, oldest first, waiting up to 5 s for `n` of them.
pub async fn outbox(dir: &Path, n: usize) -> Vec<String> {
    for _ in 0..50 {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).unwrap().modified().unwrap());
        if files.len() >= n {
            return files.iter().map(|p| decode_quoted_printable(&std::fs::read_to_string(p).unwrap())).collect();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("fewer than {n} messages in {}", dir.display());
}

/// The sign-in link of a message.
pub fn link_in(eml: &str) -> String {
    let start = eml.find("http://").expect("a link in the message");
    eml[start..].split_whitespace().next().unwrap().to_owned()
}

/// A complete, valid application body.
pub fn valid_application() -> serde_json::Value {
    let long = "Un texte suffisamment long pour passer la règle des cinquante caractères.";
    serde_json::json!({
        "eligibility": { "based_in_morocco": true, "under_five_years": true, "innovative": true },
        "startup": { "name": "SunBox", "legal_form": "SARL", "creation_date": "2025-05-01", "ice": "001234567000089",
                     "region": "souss-massa", "city": "agadir", "website": "https://sunbox.example", "sector": "solar" },
        "team": [{ "full_name": "Salma Idrissi", "role": "CEO", "email": "salma@sunbox.example", "phone": "06 12 34 56 78",
                   "gender": "female", "age_band": "25-34" }],
        "project": { "pitch": "Pompage solaire connecté", "problem": long, "solution": long, "innovation": long,
                     "environmental_impact": long, "stage": "prototype", "jobs_created": 3, "jobs_planned": 12 },
        "funding": { "raised_mad": 0, "sought_mad": 400000, "self_financing_pct": 20, "patent": true },
        "declaration": { "accurate": true, "consent": true, "consent_version": "2026-11" }
    })
}
