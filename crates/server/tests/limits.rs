//! Limits that depend on time and on who the client is: an upload on a slow
//! line completes while any other request keeps its short time limit; a
//! stalled upload fails; forwarded addresses are believed only from a trusted
//! proxy; one address cannot fill the unclaimed-upload allowance; directory
//! reads are rate limited. Times are scaled down through the settings.

mod common;

use cluster_server::MinRate;
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A server whose requests must finish within 1 s and whose uploads must
/// average 16 KB/s over 250 ms windows.
async fn slow_line_server() -> String {
    common::start_configured(
        |s| {
            s.request_timeout = Duration::from_secs(1);
            s.upload_min_rate = MinRate { bytes_per_second: 16 * 1024, window: Duration::from_millis(250) };
        },
        &[],
    )
    .await
    .0
}

/// Sends a `POST` of `len` bytes in `chunk`-byte pieces, `pause` apart,
/// stopping after `stop_after` bytes if given (a stall); returns the
/// response's status code and the time it took.
async fn post_slowly(
    base: &str,
    path: &str,
    content_type: &str,
    len: usize,
    chunk: usize,
    pause: Duration,
    stop_after: Option<usize>,
) -> (u16, Duration) {
    let addr = base.trim_start_matches("http://");
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\nIdempotency-Key: slow-1\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let mut body = b"%PDF-1.4 ".to_vec();
    body.resize(len, b'x');
    let mut sent = 0;
    while sent < len && stop_after.is_none_or(|s| sent < s) {
        if sent > 0 {
            tokio::time::sleep(pause).await;
        }
        let end = (sent + chunk).min(len);
        if conn.write_all(&body[sent..end]).await.is_err() {
            break; // the server answered and closed
        }
        sent = end;
    }
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), conn.read_to_end(&mut answer)).await;
    let text = String::from_utf8_lossy(&answer);
    let code = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (code, started.elapsed())
}

#[tokio::test]
async fn an_upload_on_a_slow_line_completes_past_the_request_time_limit() {
    let base = slow_line_server().await;
    // 48 KB at about 40 KB/s: over a second, above the minimum rate throughout.
    let (code, took) = post_slowly(&base, "/api/v1/uploads", "application/pdf", 48 * 1024, 2048, Duration::from_millis(50), None).await;
    assert_eq!(code, 201);
    assert!(took > Duration::from_secs(1), "{took:?}");
}

#[tokio::test]
async fn a_stalled_upload_fails_after_one_window() {
    let base = slow_line_server().await;
    // 2 KB, then nothing: fewer than 4 KB in 250 ms.
    let (code, took) = post_slowly(&base, "/api/v1/uploads", "application/pdf", 48 * 1024, 2048, Duration::ZERO, Some(2048)).await;
    assert_eq!(code, 408);
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[tokio::test]
async fn any_other_request_keeps_its_short_time_limit() {
    let base = slow_line_server().await;
    // The same slow body to the applications endpoint: cut at 1 s.
    let (code, took) =
        post_slowly(&base, "/api/v1/applications", "application/json", 48 * 1024, 2048, Duration::from_millis(50), None).await;
    assert_eq!(code, 408);
    assert!(took < Duration::from_millis(1_800), "{took:?}");
}

async fn upload(client: &Client, base: &str, forwarded_for: Option<&str>) -> reqwest::Response {
    let mut req =
        client.post(format!("{base}/api/v1/uploads")).header("content-type", "application/pdf").body(b"%PDF-1.4 a pitch deck".to_vec());
    if let Some(f) = forwarded_for {
        req = req.header("x-forwarded-for", f);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
    let client = Client::new();
    // Behind a proxy at 127.0.0.1: each forwarded client has its own allowance.
    let (behind, _) = common::start_configured(
        |s| {
            s.submissions_per_minute = 1;
            s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        },
        &[],
    )
    .await;
    assert_eq!(upload(&client, &behind, Some("203.0.113.7")).await.status(), StatusCode::CREATED);
    assert_eq!(upload(&client, &behind, Some("198.51.100.2")).await.status(), StatusCode::CREATED);
    assert_eq!(upload(&client, &behind, Some("203.0.113.7")).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // Not behind a trusted proxy: the header is the client's own claim, ignored.
    let (direct, _) = common::start_configured(|s| s.submissions_per_minute = 1, &[]).await;
    assert_eq!(upload(&client, &direct, Some("203.0.113.7")).await.status(), StatusCode::CREATED);
    assert_eq!(upload(&client, &direct, Some("198.51.100.2")).await.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn one_address_cannot_fill_the_unclaimed_uploads() {
    let client = Client::new();
    let (base, _) = common::start_configured(
        |s| {
            s.unclaimed_uploads_per_address = 30;
            s.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        },
        &[],
    )
    .await;
    assert_eq!(upload(&client, &base, Some("203.0.113.7")).await.status(), StatusCode::CREATED);
    let full = upload(&client, &base, Some("203.0.113.7")).await;
    assert_eq!(full.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(full.headers().contains_key("retry-after"));
    assert_eq!(full.json::<Value>().await.unwrap()["code"], "uploads_address_full");
    // Another applicant is not blocked by the first one's decks.
    assert_eq!(upload(&client, &base, Some("198.51.100.2")).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn directory_reads_are_rate_limited_generously() {
    let client = Client::new();
    let (base, _) = common::start_configured(|s| s.reads_per_minute = 2, &[]).await;
    let get = |path: &str, accept: &str| client.get(format!("{base}/api/v1{path}")).header("accept", accept.to_owned()).send();
    assert_eq!(get("/members", "application/json").await.unwrap().status(), StatusCode::OK);
    assert_eq!(get("/startups", "text/csv").await.unwrap().status(), StatusCode::OK);
    let third = get("/members?q=solaire", "application/json").await.unwrap();
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(third.headers().contains_key("retry-after"));
    assert_eq!(third.json::<Value>().await.unwrap()["code"], "rate_limited");
}
