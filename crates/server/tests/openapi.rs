//! The OpenAPI document and the router come from the same declarations; this
//! checks it: the document lists exactly docs/api.md's endpoints, each of them
//! is answered by the router (not by the API fallback), and no API route is
//! declared outside the document's reach.

mod common;
use common::start;
use serde_json::Value;
use std::collections::BTreeSet;

const CONTRACT: [(&str, &str); 45] = [
    ("get", "/dataset"),
    ("get", "/health"),
    ("get", "/openapi.json"),
    ("get", "/members"),
    ("get", "/members/{id}"),
    ("get", "/startups"),
    ("get", "/startups/{id}"),
    ("post", "/applications"),
    ("get", "/applications/{reference}"),
    ("post", "/uploads"),
    ("get", "/staff/applications"),
    ("get", "/staff/applications/{reference}"),
    ("delete", "/staff/applications/{reference}"),
    ("post", "/staff/applications/{reference}/move"),
    ("get", "/staff/applications/{reference}/export"),
    ("get", "/staff/applications/{reference}/deck"),
    ("put", "/staff/applications/{reference}/assignees/{account}"),
    ("delete", "/staff/applications/{reference}/assignees/{account}"),
    ("post", "/staff/sign-in/link"),
    ("post", "/staff/sessions"),
    ("get", "/staff/sessions"),
    ("delete", "/staff/sessions/{id}"),
    ("get", "/staff/me"),
    ("get", "/staff/accounts"),
    ("post", "/staff/accounts"),
    ("patch", "/staff/accounts/{id}"),
    ("get", "/staff/tokens"),
    ("post", "/staff/tokens"),
    ("delete", "/staff/tokens/{id}"),
    ("get", "/staff/audit"),
    ("post", "/staff/passkeys/registration"),
    ("post", "/staff/passkeys"),
    ("get", "/staff/passkeys"),
    ("delete", "/staff/passkeys/{id}"),
    ("post", "/staff/passkeys/sign-in"),
    ("post", "/staff/sessions/passkey"),
    ("get", "/staff/applications/{reference}/scores"),
    ("put", "/staff/applications/{reference}/scores"),
    ("get", "/staff/applications/{reference}/notes"),
    ("post", "/staff/applications/{reference}/notes"),
    ("post", "/staff/applications/{reference}/conflict"),
    ("post", "/staff/applications/{reference}/changes"),
    ("get", "/applications/{reference}/correction"),
    ("put", "/applications/{reference}"),
    ("get", "/staff/scores"),
];

#[tokio::test]
async fn the_document_lists_every_route_and_the_router_serves_every_documented_one() {
    let (base, _) = start(0).await;
    let doc: Value = reqwest::get(format!("{base}/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys().filter(|k| ["get", "post", "put", "patch", "delete"].contains(&k.as_str())) {
            documented.insert((method.clone(), path.clone()));
        }
    }
    let contract: BTreeSet<(String, String)> = CONTRACT.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    assert_eq!(documented, contract);

    let client = reqwest::Client::new();
    for (method, path) in &documented {
        let url =
            format!("{base}/api/v1{}", path.replace("{id}", "1").replace("{reference}", "GBI-2026-2222-2222").replace("{account}", "1"));
        let res = client
            .request(method.to_uppercase().parse().unwrap(), &url)
            .header("content-type", "application/json")
            .bearer_auth(common::STAFF_TOKEN)
            .body("{}")
            .send()
            .await
            .unwrap();
        let status = res.status();
        let body = res.text().await.unwrap_or_default();
        assert_ne!(status, 405, "{method} {path}");
        let code = serde_json::from_str::<serde_json::Value>(&body).ok().and_then(|v| v["code"].as_str().map(str::to_owned));
        assert_ne!(code.as_deref(), Some("endpoint_unknown"), "{method} {path} fell through to the API fallback");
    }
}

#[test]
fn api_routes_are_only_declared_through_the_openapi_router() {
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { sources(&path, out) } else { out.push(path) }
        }
    }
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    for path in files {
        let name = path.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let plain_routes = text.matches(".route(\"").count();
        let allowed = match name.as_str() {
            "lib.rs" => 2,              // the "/api" and "/api/{*rest}" 404 fallbacks
            "embeds.rs" => 2,           // /embed/{chart} with and without the slash: HTML pages, not API
            "accounts/sign_in.rs" => 5, // the sign-in pages under /staff and their script: not API
            _ => 0,
        };
        assert_eq!(plain_routes, allowed, "{name} declares a route the OpenAPI document cannot see");
    }
}

#[tokio::test]
async fn the_document_links_lists_and_submissions_to_their_records_and_documents_staff_401() {
    let (base, _) = start(0).await;
    let doc: Value = reqwest::get(format!("{base}/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    let ids: BTreeSet<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|i| i.as_object().unwrap().values())
        .filter_map(|o| o["operationId"].as_str())
        .collect();
    for (path, method, status) in [("/members", "get", "200"), ("/startups", "get", "200"), ("/applications", "post", "201")] {
        let links =
            doc["paths"][path][method]["responses"][status]["links"].as_object().unwrap_or_else(|| panic!("no links on {method} {path}"));
        for link in links.values() {
            assert!(ids.contains(link["operationId"].as_str().unwrap()), "{link}");
        }
    }
    for (path, item) in doc["paths"].as_object().unwrap() {
        // Every operation that needs a person says what happens without one.
        for op in item.as_object().unwrap().values().filter(|o| o["security"].is_array()) {
            assert!(op["responses"]["401"].is_object(), "{path}: 401 not documented");
        }
    }
}
