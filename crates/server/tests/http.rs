//! The server over real HTTP on 127.0.0.1: dataset endpoints, API 404s, the
//! static app with its security and caching headers.

mod common;
use cluster_server::{StartError, load_dataset};

#[tokio::test]
async fn health_and_dataset_with_etag() {
    let (base, _) = common::start(0).await;
    let client = reqwest::Client::new();
    let health: serde_json::Value = client.get(format!("{base}/api/v1/health")).send().await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");

    let res = client.get(format!("{base}/api/v1/dataset")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let body = res.bytes().await.unwrap();
    let served = cluster_core::parse::parse_document(&body).unwrap();
    let bundled = cluster_core::parse::parse_document(&std::fs::read(common::root().join("public/data/cluster.json")).unwrap()).unwrap();
    assert_eq!(served, bundled);

    let again = client.get(format!("{base}/api/v1/dataset")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.unwrap().is_empty());
    let other = client.get(format!("{base}/api/v1/dataset")).header("if-none-match", "\"stale\"").send().await.unwrap();
    assert_eq!(other.status(), 200);
}

#[tokio::test]
async fn meta_has_totals_and_no_lists() {
    let (base, _) = common::start(0).await;
    let res = reqwest::get(format!("{base}/api/v1/dataset?include=meta")).await.unwrap();
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let meta = cluster_core::parse::parse_document(&res.bytes().await.unwrap()).unwrap();
    assert!(meta.members.is_empty() && meta.startups.is_empty() && meta.partners.is_empty());
    let totals = meta.totals.unwrap();
    assert_eq!((totals.members, totals.startups, totals.partners), (212, 605, 36));
    let full = reqwest::get(format!("{base}/api/v1/dataset")).await.unwrap();
    assert_ne!(full.headers()["etag"].to_str().unwrap(), etag);
}

#[tokio::test]
async fn unknown_api_paths_are_real_404s() {
    let (base, _) = common::start(0).await;
    for path in ["/api/v1/nope", "/api/v2/dataset", "/api", "/api/v1/dataset/extra"] {
        let res = reqwest::get(format!("{base}{path}")).await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(res.headers()["content-type"], "application/problem+json", "{path}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["status"], 404);
        assert_eq!(body["code"], "endpoint_unknown");
    }
}

#[tokio::test]
async fn app_pages_get_index_html_with_a_strict_policy() {
    let (base, _) = common::start(0).await;
    for path in ["/", "/members", "/members/atlas-x?q=1", "/no/such/page"] {
        let res = reqwest::get(format!("{base}{path}")).await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let h = res.headers().clone();
        let csp = h["content-security-policy"].to_str().unwrap();
        let hashes = cluster_server::csp::inline_script_hashes(common::INDEX);
        assert_eq!(hashes.len(), 1);
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {}", hashes[0])), "{csp}");
        assert!(!csp.contains("'unsafe-eval'") && !csp.contains("'unsafe-inline'"), "{csp}");
        for part in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
            assert!(csp.contains(part), "{part} in {csp}");
        }
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["x-frame-options"], "DENY");
        assert_eq!(h["cache-control"], "no-cache");
        assert!(h.contains_key("referrer-policy"));
        assert_eq!(res.text().await.unwrap(), common::INDEX);
    }
    let embed = reqwest::get(format!("{base}/embed/sectors")).await.unwrap();
    let csp = embed.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.ends_with("frame-ancestors *"), "{csp}");
    assert!(!embed.headers().contains_key("x-frame-options"));
}

#[tokio::test]
async fn a_new_build_put_in_place_under_a_running_server_gets_its_own_policy() {
    let dir = std::sync::Arc::new(std::sync::Mutex::new(std::path::PathBuf::new()));
    let seen = dir.clone();
    let (base, _) = common::start_configured(move |s| *seen.lock().unwrap() = s.static_dir.clone(), &[]).await;
    let dir = dir.lock().unwrap().clone();
    let policy = |res: &reqwest::Response| res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let before = policy(&reqwest::get(format!("{base}/")).await.unwrap());
    assert!(before.contains(&cluster_server::csp::inline_script_hashes(common::INDEX)[0]), "{before}");
    // A deploy: the new build is written beside the served folder, then put in its place.
    let next = dir.with_extension("next");
    std::fs::create_dir_all(&next).unwrap();
    let index = common::INDEX.replace("init();", "init(); dispatchEvent(new Event('started'));");
    std::fs::write(next.join("index.html"), &index).unwrap();
    std::fs::write(next.join("config.json"), r#"{"api_base_url":"https://api.cluster-enr.example/api/v1"}"#).unwrap();
    std::fs::rename(&dir, dir.with_extension("old")).unwrap();
    std::fs::rename(&next, &dir).unwrap();
    let res = reqwest::get(format!("{base}/members")).await.unwrap();
    let after = policy(&res);
    assert_eq!(res.text().await.unwrap(), index);
    let hash = &cluster_server::csp::inline_script_hashes(&index)[0];
    assert!(after.contains(&format!("'wasm-unsafe-eval' {hash};")), "{after}");
    assert!(after.contains("connect-src 'self' https://api.cluster-enr.example;"), "{after}");
    assert_ne!(before, after);
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_compressed() {
    let (base, _) = common::start(0).await;
    let client = reqwest::Client::new();
    let css = client.get(format!("{base}/main-0123456789abcdef.css")).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(css.status(), 200);
    assert_eq!(css.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(css.headers()["content-encoding"], "br");
    let theme = client.get(format!("{base}/theme.js")).send().await.unwrap();
    assert_eq!(theme.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn precompressed_copies_are_sent_as_they_are() {
    // Markers, not real compressed data: what arrives shows which copy was sent.
    let files =
        [("app-0123456789abcdef.js", "plain"), ("app-0123456789abcdef.js.br", "brotli copy"), ("app-0123456789abcdef.js.gz", "gzip copy")];
    let (base, _) = common::start_with(0, &files).await;
    let client = reqwest::Client::new();
    let get = |enc: &'static str| client.get(format!("{base}/app-0123456789abcdef.js")).header("accept-encoding", enc).send();
    let br = get("gzip, deflate, br").await.unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert!(br.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"), "{:?}", br.headers()["content-type"]);
    assert_eq!(br.text().await.unwrap(), "brotli copy");
    let gz = get("gzip").await.unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_eq!(gz.text().await.unwrap(), "gzip copy");
    let plain = get("identity").await.unwrap();
    assert!(!plain.headers().contains_key("content-encoding"));
    assert_eq!(plain.text().await.unwrap(), "plain");
}

#[test]
fn an_invalid_dataset_stops_the_start_with_every_problem() {
    let bad = common::root().join("crates/data/tests/fixtures/url-scheme.json");
    match load_dataset(&bad) {
        Err(StartError::Invalid(_, problems)) => {
            assert!(problems.iter().any(|p| p.contains("members[0].contact.website: url_scheme")), "{problems:?}")
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(load_dataset(&common::root().join("no-such-file.json")), Err(StartError::Read(..))));
}

#[tokio::test]
async fn a_wrong_method_is_a_problem_in_the_requests_language() {
    let (base, _) = common::start(0).await;
    let res = reqwest::Client::new().delete(format!("{base}/api/v1/members")).header("accept-language", "fr").send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    assert!(res.headers()["allow"].to_str().unwrap().contains("GET"));
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["title"], "Méthode non autorisée");
    assert_eq!(json["status"], 405);
}

#[tokio::test]
async fn an_api_on_another_origin_is_allowed_by_the_pages_policy() {
    let config = r#"{"api_base_url": "https://api.cluster-enr.example/api/v1", "client_side_limit": 20000}"#;
    let (base, _) = common::start_with(0, &[("config.json", config)]).await;
    let res = reqwest::get(format!("{base}/members")).await.unwrap();
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("connect-src 'self' https://api.cluster-enr.example;"), "{csp}");
    // Same origin (the default): only 'self'.
    let (base, _) = common::start_with(0, &[("config.json", r#"{"api_base_url": "/api/v1"}"#)]).await;
    let res = reqwest::get(format!("{base}/members")).await.unwrap();
    assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("connect-src 'self';"));
}
