//! Staff endpoints, uploads and CORS over real HTTP.

mod common;
use common::{STAFF_TOKEN, start, valid_application};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

async fn submit(client: &Client, base: &str, key: &str, body: &Value) -> reqwest::Response {
    client.post(format!("{base}/api/v1/applications")).header("idempotency-key", key).json(body).send().await.unwrap()
}

#[tokio::test]
async fn staff_need_the_token() {
    let (base, _) = start(0).await;
    let client = Client::new();
    for auth in [None, Some("Bearer wrong"), Some("test-staff-token-0123456789")] {
        let mut req = client.get(format!("{base}/api/v1/staff/applications"));
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{auth:?}");
        assert_eq!(res.headers()["www-authenticate"], "Bearer");
    }
}

#[tokio::test]
async fn stages_move_one_step_with_notes_and_an_audit_trail() {
    let (base, _) = start(0).await;
    let client = Client::new();
    let staff = |req: reqwest::RequestBuilder| req.bearer_auth(STAFF_TOKEN);
    let created: Value = submit(&client, &base, "staff-1", &valid_application()).await.json().await.unwrap();
    let reference = created["reference"].as_str().unwrap().to_owned();
    let moves = format!("{base}/api/v1/staff/applications/{reference}/move");

    let list: Value = staff(client.get(format!("{base}/api/v1/staff/applications"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["startup"], "SunBox");

    let step = |direction: &'static str, note: &'static str, outcome: Option<&'static str>| {
        let (client, moves) = (client.clone(), moves.clone());
        async move {
            let res = client
                .post(&moves)
                .bearer_auth(STAFF_TOKEN)
                .json(&json!({ "direction": direction, "note": note, "outcome": outcome }))
                .send()
                .await
                .unwrap();
            (res.status(), res.json::<Value>().await.unwrap())
        }
    };
    // Malformed JSON is a 400 like everywhere; JSON of the wrong shape a 422.
    let raw = |body: &'static str| {
        let (client, moves) = (client.clone(), moves.clone());
        async move {
            let res =
                client.post(&moves).bearer_auth(STAFF_TOKEN).header("content-type", "application/json").body(body).send().await.unwrap();
            (res.status(), res.json::<Value>().await.unwrap()["code"].as_str().unwrap_or_default().to_owned())
        }
    };
    assert_eq!(raw("{\"direction\": ").await, (StatusCode::BAD_REQUEST, "json_malformed".to_owned()));
    assert_eq!(raw("{\"direction\": 3}").await, (StatusCode::UNPROCESSABLE_ENTITY, "type_invalid".to_owned()));
    assert_eq!(step("back", "déjà au début", None).await.1["code"], "status_first");
    assert_eq!(step("forward", "  ", None).await.1["code"], "note_required");
    assert_eq!(step("forward", "Dossier complet", None).await.1["status"], "preselected");
    assert_eq!(step("forward", "Retenue pour le bootcamp", None).await.1["status"], "bootcamp");
    assert_eq!(step("back", "Erreur de saisie", None).await.1["status"], "preselected");
    assert_eq!(step("forward", "Bootcamp", None).await.1["status"], "bootcamp");
    assert_eq!(step("forward", "Jury du 12", None).await.1["status"], "jury");
    assert_eq!(step("forward", "Décision", None).await.1["code"], "outcome_required");
    let (status, decided) = step("forward", "Sélectionnée par le jury", Some("selected")).await;
    assert_eq!((status, decided["status"].as_str(), decided["outcome"].as_str()), (StatusCode::OK, Some("decided"), Some("selected")));

    let full: Value =
        staff(client.get(format!("{base}/api/v1/staff/applications/{reference}"))).send().await.unwrap().json().await.unwrap();
    let trail: Vec<(String, String)> = full["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["to"].as_str().unwrap().to_owned(), h["note"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(trail.len(), 7);
    assert_eq!(trail[3], ("preselected".to_owned(), "Erreur de saisie".to_owned()));
    // Each move carries the name of who made it; the submission none.
    assert_eq!(full["history"][0]["by"], Value::Null);
    assert_eq!(full["history"][3]["by"], "Amina Admin");
    assert_eq!(full["application"]["team"][0]["phone"], "+212612345678", "stored in E.164");

    // The applicant sees the decision, not the notes.
    let public: Value = client.get(format!("{base}/api/v1/applications/{reference}")).send().await.unwrap().json().await.unwrap();
    assert_eq!((public["status"].as_str(), public["outcome"].as_str()), (Some("decided"), Some("selected")));
    assert!(!public.to_string().contains("Erreur de saisie"));

    let csv = staff(client.get(format!("{base}/api/v1/staff/applications")).header("accept", "text/csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("\u{FEFF}reference,status,outcome,startup"));
    assert!(csv.contains(&reference));

    let export = staff(client.get(format!("{base}/api/v1/staff/applications/{reference}/export"))).send().await.unwrap();
    assert!(export.headers()["content-disposition"].to_str().unwrap().contains(&reference));
    let export: Value = export.json().await.unwrap();
    assert_eq!(export["application"]["team"][0]["full_name"], "Salma Idrissi");

    let erased = staff(client.delete(format!("{base}/api/v1/staff/applications/{reference}"))).send().await.unwrap();
    assert_eq!(erased.status(), StatusCode::NO_CONTENT);
    assert_eq!(client.get(format!("{base}/api/v1/applications/{reference}")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    // The idempotency key went with it: the same key now makes a new application.
    assert_eq!(submit(&client, &base, "staff-1", &valid_application()).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn pitch_decks_are_pdfs_and_applications_reference_them() {
    let (base, store) = start(0).await;
    let client = Client::new();
    let url = format!("{base}/api/v1/uploads");
    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".to_vec();
    let res = client.post(&url).header("content-type", "application/pdf").body(pdf).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();

    let fake = client.post(&url).header("content-type", "application/pdf").body("<html>not a pdf</html>").send().await.unwrap();
    assert_eq!(fake.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(fake.json::<Value>().await.unwrap()["code"], "pdf_invalid");
    let huge = client.post(&url).header("content-type", "application/pdf").body(vec![b'%'; 10 * 1024 * 1024 + 1]).send().await.unwrap();
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let mut body = valid_application();
    body["pitch_deck"] = json!("up-00000000deadbeef");
    let res = submit(&client, &base, "deck-unknown", &body).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["field"], "pitch_deck");
    body["pitch_deck"] = json!(id);
    let created: Value = submit(&client, &base, "deck-known", &body).await.json().await.unwrap();
    assert_eq!(store.count().unwrap(), 1);
    assert_eq!(store.uploads().unwrap(), vec![(id.clone(), true)]);
    // The deck is that application's: another cannot reference it.
    let res = submit(&client, &base, "deck-again", &body).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "upload_unknown");
    assert_eq!(store.count().unwrap(), 1);
    // Staff erase takes the deck with the application (law 09-08).
    let reference = created["reference"].as_str().unwrap();
    let erased = client.delete(format!("{base}/api/v1/staff/applications/{reference}")).bearer_auth(STAFF_TOKEN).send().await.unwrap();
    assert!(erased.status().is_success(), "{}", erased.status());
    assert_eq!(store.uploads().unwrap(), vec![]);
}

#[tokio::test]
async fn unclaimed_uploads_have_a_total_allowance() {
    let (base, store) = common::start_configured(|s| s.unclaimed_uploads_cap = 100, &[]).await;
    let client = Client::new();
    let url = format!("{base}/api/v1/uploads");
    let pdf = |n: usize| {
        let mut b = b"%PDF-1.7\n".to_vec();
        b.resize(n, b'x');
        b
    };
    let send =
        |body: Vec<u8>| client.post(&url).header("content-type", "application/pdf").header("accept-language", "en").body(body).send();
    assert_eq!(send(pdf(60)).await.unwrap().status(), StatusCode::CREATED);
    let full = send(pdf(60)).await.unwrap();
    assert_eq!(full.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(full.headers()["retry-after"], "3600");
    assert_eq!(full.headers()["content-type"], "application/problem+json");
    let p: Value = full.json().await.unwrap();
    assert_eq!(p["code"], "uploads_full");
    assert!(p["detail"].as_str().unwrap().starts_with("Too many pitch decks"));
    assert_eq!(send(pdf(40)).await.unwrap().status(), StatusCode::CREATED, "what fits is still stored");
    assert_eq!(store.uploads().unwrap().len(), 2);
}

#[tokio::test]
async fn cors_reads_for_all_writes_for_configured_origins() {
    let (base, _) = start(0).await;
    let client = Client::new();
    let read = client.get(format!("{base}/api/v1/dataset?include=meta")).header("origin", "https://anyone.example").send().await.unwrap();
    assert_eq!(read.headers()["access-control-allow-origin"], "*");
    let preflight = |origin: &'static str| {
        client
            .request(reqwest::Method::OPTIONS, format!("{base}/api/v1/applications"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type,idempotency-key")
            .send()
    };
    let ok = preflight("https://partner.example").await.unwrap();
    assert_eq!(ok.headers()["access-control-allow-origin"], "https://partner.example");
    let refused = preflight("https://evil.example").await.unwrap();
    assert!(!refused.headers().contains_key("access-control-allow-origin"));
}
