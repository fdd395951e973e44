//! The applicant's side of the review over real HTTP (docs/staff.md,
//! "Changes requested", "The applicant's e-mails"): the e-mail that
//! acknowledges an application in its language, a changes-requested round
//! through a single-use link that changes the named answers only and keeps
//! the reference, and a decision whose reason the team chose to share.

mod common;
use cluster_core::staff::{Action, Role};
use common::{STAFF_TOKEN, link_in, outbox, start_configured, valid_application};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;

/// A test server whose e-mails go to an outbox folder of the test's own,
/// with a juror who has a personal API token (`cet_juror`): its URL and that folder.
async fn start_with_outbox() -> (String, std::path::PathBuf) {
    let dir = common::scratch("cluster-outbox");
    let out = dir.clone();
    let (base, store) = start_configured(move |s| s.mailer = Arc::new(cluster_server::accounts::mail::Mailer::outbox(out)), &[]).await;
    let audit = cluster_server::accounts::manage::cli_audit(cluster_server::Clock::Fixed(common::NOW), Action::AccountCreated, "");
    let juror = store.create_account("jamal@cluster-enr.example", "Jamal Juror", Role::Juror, "t", &audit).unwrap().unwrap();
    store.add_token(&cluster_server::accounts::digest("cet_juror"), juror.id, "tests", "t").unwrap();
    (base, dir)
}

#[tokio::test]
async fn a_correction_round_keeps_the_reference_and_changes_only_the_named_answers() {
    let (base, dir) = start_with_outbox().await;
    let client = Client::new();
    let api = |p: &str| format!("{base}/api/v1{p}");

    // Sent in Arabic: the acknowledgement is in Arabic, with the reference and the status page.
    let res = client
        .post(api("/applications"))
        .header("idempotency-key", "changes-1")
        .header("accept-language", "ar")
        .json(&valid_application())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let reference = res.json::<Value>().await.unwrap()["reference"].as_str().unwrap().to_owned();
    let mail = outbox(&dir, 1).await.remove(0);
    assert!(mail.contains("To: salma@sunbox.example"), "{mail}");
    assert!(mail.contains("توصلنا بترشيح SunBox") && mail.contains(&reference), "{mail}");
    assert_eq!(link_in(&mail), format!("{base}/apply/status?ref={reference}&lang=ar"));

    // A juror may not ask for changes (nor move an application).
    let res = client
        .post(api(&format!("/staff/applications/{reference}/changes")))
        .bearer_auth("cet_juror")
        .json(&json!({ "fields": ["project.problem"], "message": "Précisez" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // The team's request is checked.
    let ask =
        |body: Value| client.post(api(&format!("/staff/applications/{reference}/changes"))).bearer_auth(STAFF_TOKEN).json(&body).send();
    for (body, code) in [
        (json!({ "fields": [], "message": "Précisez" }), "required"),
        (json!({ "fields": ["declaration.consent"], "message": "Précisez" }), "unknown_field"),
        (json!({ "fields": ["team[1].email"], "message": "Précisez" }), "unknown_field"),
        (json!({ "fields": ["project.problem"], "message": "  " }), "note_required"),
    ] {
        let res = ask(body).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], code);
    }
    let res =
        ask(json!({ "fields": ["project.problem", "startup.website"], "message": "Chiffrez le problème : combien d'exploitations ?" }))
            .await
            .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let asked: Value = res.json().await.unwrap();
    assert_eq!((asked["status"].as_str(), asked["mailed"].as_bool()), (Some("changes_requested"), Some(true)));
    assert_eq!(asked["changes"]["fields"], json!(["startup.website", "project.problem"]));
    assert_eq!(asked["changes"]["expires_at"], "2026-06-15T00:00:00Z");

    // The e-mail (in Arabic) carries the team's words and a link whose secret is in the fragment.
    let mail = outbox(&dir, 2).await.remove(1);
    assert!(mail.contains("Chiffrez le problème") && mail.contains("14 يومًا"), "{mail}");
    let link = link_in(&mail);
    let (page, secret) = link.split_once('#').expect("a secret in the fragment");
    assert_eq!(page, format!("{base}/apply/correct?ref={reference}&lang=ar"));

    // The status page shows the request without the answers; staff see it pending.
    let status: Value = client.get(api(&format!("/applications/{reference}"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(status["status"], "changes_requested");
    assert!(status.get("reason").is_none() && status.get("application").is_none());
    let read: Value =
        client.get(api(&format!("/staff/applications/{reference}"))).bearer_auth(STAFF_TOKEN).send().await.unwrap().json().await.unwrap();
    assert_eq!(read["changes"]["message"], "Chiffrez le problème : combien d'exploitations ?");
    // Until the applicant answers, the team can only withdraw it.
    let res = client
        .post(api(&format!("/staff/applications/{reference}/move")))
        .bearer_auth(STAFF_TOKEN)
        .json(&json!({ "direction": "forward", "note": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "changes_pending");

    // The link opens the request and the answers as sent; nothing else does.
    let correction = api(&format!("/applications/{reference}/correction"));
    for auth in [None, Some("Bearer nope"), Some("Basic abc")] {
        let mut req = client.get(&correction);
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "edit_link_invalid");
    }
    // Only the named answers are given out, as the form's controls hold them.
    let opened: Value = client.get(&correction).bearer_auth(secret).send().await.unwrap().json().await.unwrap();
    assert_eq!(opened["changes"]["fields"], json!(["startup.website", "project.problem"]));
    let long = valid_application()["project"]["problem"].clone();
    assert_eq!(opened["answers"], json!({ "startup.website": "https://sunbox.example", "project.problem": long }));

    // The corrected answers are checked like the form's; a refusal keeps the link.
    let put = |body: &Value, secret: &str| client.put(api(&format!("/applications/{reference}"))).bearer_auth(secret).json(body).send();
    for (body, field) in [
        (json!({ "answers": { "project.problem": "Trop court" } }), "project.problem"),
        // Not asked for.
        (json!({ "answers": { "startup.name": "Renamed" } }), "startup.name"),
    ] {
        let res = put(&body, secret).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(res.json::<Value>().await.unwrap()["errors"][0]["field"], field);
    }
    let res = put(&json!({ "answers": [] }), secret).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let better = "Quatre cents exploitations du Souss pompent au diesel : 9 000 litres par an chacune.";
    let sent = json!({ "answers": { "project.problem": better, "startup.website": "https://sunbox.ma" } });
    let res = put(&sent, "nope").await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = put(&sent, secret).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let done: Value = res.json().await.unwrap();
    assert_eq!((done["reference"].as_str(), done["status"].as_str()), (Some(reference.as_str()), Some("received")));
    // Once.
    assert_eq!(put(&sent, secret).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(client.get(&correction).bearer_auth(secret).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let read: Value =
        client.get(api(&format!("/staff/applications/{reference}"))).bearer_auth(STAFF_TOKEN).send().await.unwrap().json().await.unwrap();
    assert_eq!(read["application"]["project"]["problem"], better);
    assert_eq!(read["application"]["startup"]["website"], "https://sunbox.ma");
    assert_eq!(read["application"]["startup"]["name"], "SunBox");
    assert_eq!(read["application"]["team"][0]["phone"], "+212612345678");
    assert_eq!(read["application"]["declaration"]["consent_version"], "2026-11");
    assert!(read.get("changes").is_none());
    let round: Vec<(Value, Value)> = read["history"].as_array().unwrap().iter().map(|h| (h["to"].clone(), h["by"].clone())).collect();
    assert_eq!(
        round,
        [(json!("received"), Value::Null), (json!("changes_requested"), json!("Amina Admin")), (json!("received"), Value::Null)]
    );
    let trail: Value = client
        .get(api(&format!("/staff/audit?reference={reference}")))
        .bearer_auth(STAFF_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = trail["items"].as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"changes_requested") && actions.contains(&"changes_received"), "{actions:?}");
}

#[tokio::test]
async fn a_decision_shows_its_shared_reason_and_is_mailed_in_the_applications_language() {
    let (base, dir) = start_with_outbox().await;
    let client = Client::new();
    let api = |p: &str| format!("{base}/api/v1{p}");
    let res = client
        .post(api("/applications"))
        .header("idempotency-key", "decide-1")
        .header("accept-language", "en")
        .json(&valid_application())
        .send()
        .await
        .unwrap();
    let reference = res.json::<Value>().await.unwrap()["reference"].as_str().unwrap().to_owned();
    let mv = |body: Value| client.post(api(&format!("/staff/applications/{reference}/move"))).bearer_auth(STAFF_TOKEN).json(&body).send();
    for _ in 0..3 {
        assert_eq!(mv(json!({ "direction": "forward", "note": "En route" })).await.unwrap().status(), StatusCode::OK);
    }
    let status = || async { client.get(api(&format!("/applications/{reference}"))).send().await.unwrap().json::<Value>().await.unwrap() };
    // Decided without sharing: no reason for the applicant.
    let res = mv(json!({ "direction": "forward", "outcome": "not_selected", "note": "Marché trop étroit (interne)" })).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(status().await.get("reason").is_none());
    let mail = outbox(&dir, 2).await.remove(1);
    assert!(mail.contains("was not selected") && !mail.contains("trop étroit"), "{mail}");
    // Back, then decided with a shared reason.
    assert_eq!(mv(json!({ "direction": "back", "note": "Revu" })).await.unwrap().status(), StatusCode::OK);
    let reason = "Un projet solide, un marché prouvé.";
    let res = mv(json!({ "direction": "forward", "outcome": "selected", "note": reason, "share": true })).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let s = status().await;
    assert_eq!((s["outcome"].as_str(), s["reason"].as_str()), (Some("selected"), Some(reason)));
    let mail = outbox(&dir, 3).await.remove(2);
    assert!(mail.contains("Good news: SunBox is selected") && mail.contains(&format!("The team's reason: {reason}")), "{mail}");
    // Going back takes the reason away.
    assert_eq!(mv(json!({ "direction": "back", "note": "Erreur" })).await.unwrap().status(), StatusCode::OK);
    assert!(status().await.get("reason").is_none());
}
