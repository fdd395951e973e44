//! Applications over real HTTP with a real SQLite file: the happy path, every
//! error status, idempotency under concurrency, and hostile bodies.

mod common;
use common::{start, valid_application};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

async fn post(client: &Client, base: &str, key: Option<&str>, body: &Value) -> reqwest::Response {
    let mut req = client.post(format!("{base}/api/v1/applications")).json(body);
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn submit_then_follow_the_status() {
    let (base, store) = start(0).await;
    let client = Client::new();
    let res = post(&client, &base, Some("k-happy"), &valid_application()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let body: Value = res.json().await.unwrap();
    let reference = body["reference"].as_str().unwrap().to_owned();
    assert!(cluster_core::application::is_reference(&reference), "{reference}");
    assert_eq!(body["status"], "received");
    assert_eq!(location, format!("/api/v1/applications/{reference}"));
    assert_eq!(store.count().unwrap(), 1);

    let view: Value = client.get(format!("{base}{location}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(view["status"], "received");
    assert_eq!(view["history"][0]["status"], "received");
    assert!(view.get("team").is_none(), "no personal data in the status view");

    for missing in ["GBI-2026-2222-2222", "not-a-reference"] {
        let res = client.get(format!("{base}/api/v1/applications/{missing}")).header("accept-language", "en").send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let p: Value = res.json().await.unwrap();
        assert_eq!(p["detail"], "No application has this reference.");
    }
}

#[tokio::test]
async fn error_statuses_are_problems_in_the_requests_language() {
    let (base, store) = start(0).await;
    let client = Client::new();
    let url = format!("{base}/api/v1/applications");

    let res = client.post(&url).header("idempotency-key", "k").header("content-type", "text/plain").body("{}").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(res.headers()["content-type"], "application/problem+json");

    let res = client
        .post(&url)
        .header("idempotency-key", "k")
        .header("content-type", "application/json")
        .body("{\"startup\": [")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["code"], "json_malformed");
    assert!(p["detail"].as_str().unwrap().contains("ligne 1"), "{p}");

    let res = post(&client, &base, None, &valid_application()).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "idempotency_key_missing");

    let big = json!({ "startup": { "name": "x".repeat(300_000) } });
    let res = post(&client, &base, Some("k-big"), &big).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let mut bad = valid_application();
    bad["team"][0]["email"] = json!("salma at sunbox");
    bad["funding"]["self_financing_pct"] = json!(100);
    bad["funding"]["sought_mad"] = json!(0);
    bad["declaration"]["consent"] = json!(false);
    let res =
        client.post(&url).header("idempotency-key", "k-bad").header("accept-language", "ar-MA,fr;q=0.5").json(&bad).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.headers()["content-language"], "ar");
    let p: Value = res.json().await.unwrap();
    let fields: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["team[0].email", "funding.sought_mad", "declaration.consent"]);
    assert_eq!(p["errors"][0]["message"], "عنوان البريد الإلكتروني هذا غير صالح.");
    assert_eq!(p["errors"][1]["message"], "يجب أن تكون القيمة بين 1 و1000000000.");

    let mut extra = valid_application();
    extra["startup"]["mood"] = json!("sunny");
    let p: Value = post(&client, &base, Some("k-extra"), &extra).await.json().await.unwrap();
    assert_eq!(
        (p["status"].as_u64(), p["errors"][0]["field"].as_str(), p["errors"][0]["code"].as_str()),
        (Some(422), Some("startup.mood"), Some("unknown_field"))
    );

    let mut wrong = valid_application();
    wrong["project"]["jobs_created"] = json!("three");
    let p: Value = post(&client, &base, Some("k-wrong"), &wrong).await.json().await.unwrap();
    assert_eq!(
        (p["status"].as_u64(), p["errors"][0]["field"].as_str(), p["errors"][0]["code"].as_str()),
        (Some(422), Some("project.jobs_created"), Some("type_invalid"))
    );

    assert_eq!(store.count().unwrap(), 0, "nothing refused was written");
}

#[tokio::test]
async fn eight_concurrent_identical_submissions_make_one_row() {
    let (base, store) = start(0).await;
    let client = Client::new();
    let body = valid_application();
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (client, base, body) = (client.clone(), base.clone(), body.clone());
            tokio::spawn(async move {
                let res = post(&client, &base, Some("same-key-8"), &body).await;
                (res.status(), res.text().await.unwrap())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:#?}");
    assert_eq!(answers[0].0, StatusCode::CREATED);
    assert_eq!(store.count().unwrap(), 1);

    // The same body with keys in another order and other spacing is equal JSON: a replay.
    let reordered: Value = serde_json::from_str(&serde_json::to_string_pretty(&body).unwrap()).unwrap();
    assert_eq!(post(&client, &base, Some("same-key-8"), &reordered).await.text().await.unwrap(), answers[0].1);
    // Another body under the same key is refused.
    let mut other = body.clone();
    other["startup"]["name"] = json!("MoonBox");
    let res = post(&client, &base, Some("same-key-8"), &other).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "idempotency_mismatch");
    assert_eq!(store.count().unwrap(), 1);
}

#[tokio::test]
async fn hostile_bodies_are_refused_and_the_server_stays_up() {
    let (base, store) = start(0).await;
    let client = Client::new();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = valid_application();
        f(&mut v);
        v
    };
    let cases: Vec<(&str, Value, u16, &str)> = vec![
        ("script tag", with(&|v| v["startup"]["name"] = json!("<script>alert(1)</script>")), 422, "markup_forbidden"),
        ("bidi override", with(&|v| v["team"][0]["full_name"] = json!("Salma \u{202E}isirdI")), 422, "forbidden_characters"),
        ("zero-width", with(&|v| v["startup"]["name"] = json!("Sun\u{200B}Box")), 422, "forbidden_characters"),
        ("1 MB string", with(&|v| v["project"]["problem"] = json!("x".repeat(1_000_000))), 413, "body_too_large"),
        ("wrong type", with(&|v| v["team"] = json!("everyone")), 422, "type_invalid"),
        ("extra field", with(&|v| v["admin"] = json!(true)), 422, "unknown_field"),
        ("not a PDF id", with(&|v| v["pitch_deck"] = json!("../../etc/passwd")), 422, "upload_unknown"),
    ];
    for (i, (name, body, status, code)) in cases.into_iter().enumerate() {
        let res = post(&client, &base, Some(&format!("hostile-{i}")), &body).await;
        assert_eq!(res.status().as_u16(), status, "{name}");
        let p: Value = res.json().await.unwrap();
        assert!(p["code"] == code || p["errors"].as_array().is_some_and(|e| e.iter().any(|e| e["code"] == code)), "{name}: {p}");
        let text = p.to_string();
        assert!(!text.contains("sqlite") && !text.contains("/src/") && !text.contains("panicked"), "{name}: {text}");
    }
    // Deep nesting: refused as malformed JSON (serde_json's recursion limit).
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let res = client
        .post(format!("{base}/api/v1/applications"))
        .header("idempotency-key", "deep")
        .header("content-type", "application/json")
        .body(deep)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let health = client.get(format!("{base}/api/v1/health")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(store.count().unwrap(), 0);
}

#[tokio::test]
async fn submissions_are_rate_limited_per_address() {
    let (base, _) = start(2).await;
    let client = Client::new();
    for i in 0..2 {
        assert_eq!(post(&client, &base, Some(&format!("rl-{i}")), &valid_application()).await.status(), StatusCode::CREATED);
    }
    let res = post(&client, &base, Some("rl-3"), &valid_application()).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    // Reading is never limited.
    assert_eq!(client.get(format!("{base}/api/v1/health")).send().await.unwrap().status(), StatusCode::OK);
    // A retry of an acknowledged submission is answered, not limited.
    let replay = post(&client, &base, Some("rl-0"), &valid_application()).await;
    assert_eq!(replay.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_replay_gets_the_first_answer_even_after_the_rules_and_data_changed() {
    let (base, store) = common::start_on(None, |_| {}, |_| {}, &[]).await;
    let client = Client::new();
    let first: Value = post(&client, &base, Some("replay-1"), &valid_application()).await.json().await.unwrap();
    // The same database, six years later (the start-up is now too old) and with no call open.
    let later = common::NOW + 6 * 365 * 86_400;
    let (restarted, _) = common::start_on(
        Some(store.clone()),
        |d| d.calls.clear(),
        |s| {
            s.clock = cluster_server::Clock::Fixed(later);
            // Three replays and two new submissions: only the new ones count.
            s.submissions_per_minute = 2;
        },
        &[],
    )
    .await;
    for _ in 0..3 {
        let again = post(&client, &restarted, Some("replay-1"), &valid_application()).await;
        assert_eq!(again.status(), StatusCode::CREATED);
        assert_eq!(again.json::<Value>().await.unwrap()["reference"], first["reference"]);
    }
    // A new submission there is refused: the call is closed, in the request's language.
    let res = client
        .post(format!("{restarted}/api/v1/applications"))
        .header("idempotency-key", "replay-2")
        .header("accept-language", "en")
        .json(&json!({ "startup": {} }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "a wrong shape is still refused first");
    let mut body = valid_application();
    body["startup"]["creation_date"] = json!("2032-01-01");
    let res = client
        .post(format!("{restarted}/api/v1/applications"))
        .header("idempotency-key", "replay-3")
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["code"], "call_closed");
    assert!(p["detail"].as_str().unwrap().starts_with("No call for applications is open"));
    assert_eq!(store.count().unwrap(), 1);
}

#[tokio::test]
async fn a_dated_call_accepts_through_its_last_day_only() {
    use cluster_core::model::Call;
    let dated = |d: &mut cluster_core::model::Dataset| {
        d.calls = vec![Call {
            id: "gbi-2026".into(),
            programme: "gbi".into(),
            opens: "2026-01-05".into(),
            closes: Some("2026-06-01".into()),
            places: 20,
            next_month: None,
            next_expected: None,
            illustrative: true,
        }]
    };
    let client = Client::new();
    // NOW is 2026-06-01: the last day.
    let (open, _) = common::start_on(None, dated, |_| {}, &[]).await;
    assert_eq!(post(&client, &open, Some("dated-1"), &valid_application()).await.status(), StatusCode::CREATED);
    let (closed, _) = common::start_on(None, dated, |s| s.clock = cluster_server::Clock::Fixed(common::NOW + 86_400), &[]).await;
    let res = post(&client, &closed, Some("dated-2"), &valid_application()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "call_closed");
}

#[tokio::test]
async fn lookups_and_uploads_are_rate_limited_per_address() {
    let (base, _) = start(1).await;
    let client = Client::new();
    let created: serde_json::Value = post(&client, &base, Some("lk-1"), &valid_application()).await.json().await.unwrap();
    let status = format!("{base}/api/v1/applications/{}", created["reference"].as_str().unwrap());
    assert_eq!(client.get(&status).send().await.unwrap().status(), StatusCode::OK);
    // The second lookup in the minute, of a known or an unknown reference alike.
    for url in [status.clone(), format!("{base}/api/v1/applications/GBI-2026-AAAA-BBBB")] {
        let res = client.get(&url).header("accept-language", "en").send().await.unwrap();
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&wait));
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["code"], "rate_limited");
    }
    let pdf = b"%PDF-1.4 a pitch deck".to_vec();
    let upload = || client.post(format!("{base}/api/v1/uploads")).header("content-type", "application/pdf").body(pdf.clone()).send();
    assert_eq!(upload().await.unwrap().status(), StatusCode::CREATED);
    let second = upload().await.unwrap();
    assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(second.headers().contains_key("retry-after"));
}
