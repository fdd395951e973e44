//! Scoring over real HTTP (docs/staff.md, "Scores"): the call's rubric,
//! sheets checked criterion by criterion, and the rule that a reviewer sees
//! the others' scores only once their own sheet is in, enforced by the API.

mod common;
use cluster_core::staff::{Action, Role};
use common::{NOW, STAFF_TOKEN, start, valid_application};
use reqwest::{Client, RequestBuilder, StatusCode};
use serde_json::{Value, json};

fn sheet(rubric: &Value, scores: &[u8]) -> Value {
    let marks: Vec<Value> = rubric["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .zip(scores)
        .map(|(c, s)| json!({ "criterion": c["id"], "score": s, "comment": format!("Sur {}", c["id"]) }))
        .collect();
    json!({ "marks": marks })
}

/// Accounts made for a test, each with a personal API token: their ids.
fn people(store: &cluster_server::store::Store, who: &[(&str, &str, Role, &str)]) -> Vec<i64> {
    let audit_of = cluster_server::accounts::manage::cli_audit(cluster_server::Clock::Fixed(NOW), Action::AccountCreated, "");
    who.iter()
        .map(|(email, name, role, token)| {
            let account = store.create_account(email, name, *role, "t", &audit_of).unwrap().unwrap();
            store.add_token(&cluster_server::accounts::digest(token), account.id, "tests", "t").unwrap();
            account.id
        })
        .collect()
}

/// The admin's view of the audit trail's entries with `action`.
async fn trail(client: &Client, base: &str, action: &str) -> Vec<Value> {
    let v: Value = client
        .get(format!("{base}/api/v1/staff/audit?action={action}"))
        .bearer_auth(STAFF_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_reviewer_sees_the_others_scores_only_after_submitting_their_own() {
    let (base, store) = start(0).await;
    let client = Client::new();
    let ids = people(
        &store,
        &[
            ("rita@cluster-enr.example", "Rita Reviewer", Role::Reviewer, "cet_rita"),
            ("bilal@cluster-enr.example", "Bilal Reviewer", Role::Reviewer, "cet_bilal"),
            ("jamal@cluster-enr.example", "Jamal Juror", Role::Juror, "cet_jamal"),
        ],
    );
    let as_ = |token: &'static str| move |req: RequestBuilder| req.bearer_auth(token);
    let (rita, bilal, jamal) = (as_("cet_rita"), as_("cet_bilal"), as_("cet_jamal"));
    let res = client
        .post(format!("{base}/api/v1/applications"))
        .header("idempotency-key", "score-1")
        .json(&valid_application())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let reference = res.json::<Value>().await.unwrap()["reference"].as_str().unwrap().to_owned();
    let url = format!("{base}/api/v1/staff/applications/{reference}/scores");

    // The call's rubric: the seven criteria, equal weights; nothing in yet.
    let first: Value = rita(client.get(&url)).send().await.unwrap().json().await.unwrap();
    let rubric = first["rubric"].clone();
    assert_eq!(rubric["criteria"].as_array().unwrap().len(), 7);
    assert_eq!(rubric["criteria"][0]["label"]["ar"], "مسار حامل المشروع");
    assert_eq!((first["submitted"].as_u64(), first["all"].is_null(), first["mine"].is_null()), (Some(0), true, true));

    // Sheets are checked: every criterion once, 1 to 5, with a comment.
    for (bad, code) in [
        (sheet(&rubric, &[5, 5, 5]), "count"),
        (sheet(&rubric, &[5, 5, 5, 5, 5, 5, 6]), "range"),
        (
            json!({ "marks": sheet(&rubric, &[5; 7])["marks"].as_array().unwrap().iter().map(|m| { let mut m = m.clone(); m["comment"] = json!(" "); m }).collect::<Vec<_>>() }),
            "note_required",
        ),
    ] {
        let res = rita(client.put(&url)).json(&bad).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], code);
    }

    // Rita scores: she sees her own sheet, alone.
    let after_rita: Value =
        rita(client.put(&url)).json(&sheet(&rubric, &[5, 5, 5, 5, 5, 5, 5])).send().await.unwrap().json().await.unwrap();
    assert_eq!(after_rita["mine"]["weighted"], 5.0);
    assert_eq!(after_rita["all"].as_array().unwrap().len(), 1);

    // Bilal has not scored: the API tells him a sheet is in, never its scores.
    let blind = bilal(client.get(&url)).send().await.unwrap();
    assert_eq!(blind.status(), StatusCode::OK);
    let blind_text = blind.text().await.unwrap();
    let blind: Value = serde_json::from_str(&blind_text).unwrap();
    assert_eq!((blind["submitted"].as_u64(), blind["all"].is_null(), blind["average"].is_null()), (Some(1), true, true));
    assert!(!blind_text.contains("Rita Reviewer") && !blind_text.contains("\"score\""), "{blind_text}");

    // Once his is in, he sees both, the average and the spread.
    let both: Value = bilal(client.put(&url)).json(&sheet(&rubric, &[2, 4, 5, 5, 5, 5, 5])).send().await.unwrap().json().await.unwrap();
    let all = both["all"].as_array().unwrap();
    assert_eq!(all.iter().map(|s| s["name"].as_str().unwrap()).collect::<Vec<_>>(), ["Rita Reviewer", "Bilal Reviewer"]);
    let average = both["average"].as_f64().unwrap();
    assert!((average - (5.0 + 31.0 / 7.0) / 2.0).abs() < 1e-9, "{average}");
    assert_eq!(both["spread"][0], json!({ "criterion": "founder", "min": 2, "max": 5, "flagged": true }));
    assert_eq!(both["spread"][1]["flagged"], false);

    // A juror not assigned cannot read it at all.
    assert_eq!(jamal(client.get(&url)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(jamal(client.put(&url)).json(&sheet(&rubric, &[3; 7])).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    // Assigned, the juror scores blind like anyone else.
    let assigned = client
        .put(format!("{base}/api/v1/staff/applications/{reference}/assignees/{}", ids[2]))
        .bearer_auth(STAFF_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(assigned.status(), StatusCode::OK);
    let juror: Value = jamal(client.get(&url)).send().await.unwrap().json().await.unwrap();
    assert_eq!((juror["submitted"].as_u64(), juror["all"].is_null()), (Some(2), true));

    // The scores' CSV: a row per reviewer and criterion, only where the
    // reader's own sheet is in (the admin has none: the header alone); not for jurors.
    let csv = |who: fn(RequestBuilder) -> RequestBuilder| {
        let req = who(client.get(format!("{base}/api/v1/staff/scores?tab=open")));
        async move { req.header("accept-language", "en").send().await.unwrap() }
    };
    let res = csv(|r| r.bearer_auth("cet_bilal")).await;
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let text = res.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // With a byte-order mark, for spreadsheets.
    assert_eq!(lines[0], "\u{feff}reference,startup,reviewer,submitted_at,criterion,label,weight,score,comment");
    assert_eq!(lines.len(), 1 + 2 * 7, "{text}");
    assert!(
        lines[1].starts_with(&format!("{reference},SunBox,Rita Reviewer,")) && lines[1].contains(",founder,Founder background,1,5,"),
        "{text}"
    );
    assert!(lines.iter().any(|l| l.contains("Bilal Reviewer") && l.contains(",founder,Founder background,1,2,")), "{text}");
    let admin = csv(|r| r.bearer_auth(STAFF_TOKEN)).await.text().await.unwrap();
    assert_eq!(admin.lines().count(), 1, "{admin}");
    assert_eq!(csv(|r| r.bearer_auth("cet_jamal")).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(trail(&client, &base, "scores_exported").await.len(), 2);

    // Each sheet is in the audit trail, with its author.
    let scored: Vec<String> =
        trail(&client, &base, "scored").await.iter().map(|e| e["account_name"].as_str().unwrap().to_owned()).collect();
    assert_eq!(scored.len(), 2, "{scored:?}");
    assert!(scored.contains(&"Rita Reviewer".to_owned()) && scored.contains(&"Bilal Reviewer".to_owned()));
}

#[tokio::test]
async fn private_notes_stay_with_the_team_and_a_declared_conflict_takes_the_application_away() {
    let (base, store) = start(0).await;
    let client = Client::new();
    people(
        &store,
        &[
            ("rita@cluster-enr.example", "Rita Reviewer", Role::Reviewer, "cet_rita"),
            ("bilal@cluster-enr.example", "Bilal Reviewer", Role::Reviewer, "cet_bilal"),
        ],
    );
    let (rita, bilal) = (|r: RequestBuilder| r.bearer_auth("cet_rita"), |r: RequestBuilder| r.bearer_auth("cet_bilal"));
    let mut refs = Vec::new();
    for key in ["note-1", "note-2"] {
        let res = client
            .post(format!("{base}/api/v1/applications"))
            .header("idempotency-key", key)
            .json(&valid_application())
            .send()
            .await
            .unwrap();
        refs.push(res.json::<Value>().await.unwrap()["reference"].as_str().unwrap().to_owned());
    }
    let notes = format!("{base}/api/v1/staff/applications/{}/notes", refs[0]);

    // A note: author and time; an empty one is refused.
    let empty = rita(client.post(&notes)).json(&json!({ "text": "  " })).send().await.unwrap();
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let added =
        rita(client.post(&notes)).json(&json!({ "text": " Appeler le fondateur sur le taux d'intégration. " })).send().await.unwrap();
    assert_eq!(added.status(), StatusCode::CREATED);
    let seen: Value = bilal(client.get(&notes)).send().await.unwrap().json().await.unwrap();
    assert_eq!(seen[0]["author"], "Rita Reviewer");
    assert_eq!(seen[0]["text"], "Appeler le fondateur sur le taux d'intégration.");
    assert!(seen[0]["at"].as_str().unwrap().starts_with("2026-"));
    // Never shown to the applicant: the status page's answer has no trace of it.
    let status = client.get(format!("{base}/api/v1/applications/{}", refs[0])).send().await.unwrap().text().await.unwrap();
    assert!(!status.contains("intégration") && !status.contains("Rita"), "{status}");

    // Bilal declares a conflict on the second: it leaves his list, he can read it no more.
    let conflict = format!("{base}/api/v1/staff/applications/{}/conflict", refs[1]);
    assert_eq!(bilal(client.post(&conflict)).json(&json!({ "text": "" })).send().await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bilal(client.post(&conflict)).json(&json!({ "text": "Mon cousin est associé" })).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let list: Value = bilal(client.get(format!("{base}/api/v1/staff/applications"))).send().await.unwrap().json().await.unwrap();
    let listed: Vec<&str> = list["items"].as_array().unwrap().iter().map(|i| i["reference"].as_str().unwrap()).collect();
    assert_eq!(listed, [refs[0].as_str()]);
    for path in ["", "/notes", "/scores", "/deck"] {
        let res = bilal(client.get(format!("{base}/api/v1/staff/applications/{}{path}", refs[1]))).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // Rita still reads it; the trail has the declaration with its reason and who.
    assert_eq!(rita(client.get(format!("{base}/api/v1/staff/applications/{}", refs[1]))).send().await.unwrap().status(), StatusCode::OK);
    let declared = trail(&client, &base, "conflict_declared").await;
    let entry = &declared[0];
    assert_eq!(
        (entry["account_name"].as_str(), entry["reference"].as_str(), entry["detail"].as_str()),
        (Some("Bilal Reviewer"), Some(refs[1].as_str()), Some("Mon cousin est associé"))
    );
    let noted = trail(&client, &base, "note_added").await;
    assert_eq!(noted[0]["account_name"], "Rita Reviewer");
    assert_eq!(noted[0]["detail"], "", "the trail does not copy the note");
}

#[tokio::test]
async fn the_queue_has_tabs_filters_a_folded_search_scores_kept_blind_and_pages() {
    let (base, store) = start(0).await;
    let client = Client::new();
    let ids = people(
        &store,
        &[
            ("rita@cluster-enr.example", "Rita Reviewer", Role::Reviewer, "cet_rita"),
            ("bilal@cluster-enr.example", "Bilal Reviewer", Role::Reviewer, "cet_bilal"),
        ],
    );
    let (rita, bilal) = (|r: RequestBuilder| r.bearer_auth("cet_rita"), |r: RequestBuilder| r.bearer_auth("cet_bilal"));
    let mut refs = Vec::new();
    for (key, startup, founder) in
        [("q-1", "SunBox", "Salma Idrissi"), ("q-2", "Atlas Éolien", "Youssef Amrani"), ("q-3", "Oasis", "عبد الله")]
    {
        let mut app = valid_application();
        app["startup"]["name"] = json!(startup);
        app["team"][0]["full_name"] = json!(founder);
        let res = client.post(format!("{base}/api/v1/applications")).header("idempotency-key", key).json(&app).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        refs.push(res.json::<Value>().await.unwrap()["reference"].as_str().unwrap().to_owned());
    }
    let list = |who: fn(RequestBuilder) -> RequestBuilder, query: &str| {
        let req = who(client.get(format!("{base}/api/v1/staff/applications?{query}")));
        async move {
            let v: Value = req.send().await.unwrap().json().await.unwrap();
            let refs: Vec<String> = v["items"].as_array().unwrap().iter().map(|i| i["reference"].as_str().unwrap().to_owned()).collect();
            (v, refs)
        }
    };
    // Rita picks up the first; it leaves "to pick up" and is in her "mine".
    let me = format!("{base}/api/v1/staff/applications/{}/assignees/{}", refs[0], ids[0]);
    assert_eq!(rita(client.put(&me)).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(list(rita, "tab=mine").await.1, [refs[0].clone()]);
    assert_eq!(list(rita, "tab=to_pick_up").await.1, [refs[2].clone(), refs[1].clone()], "newest first");
    assert_eq!(list(bilal, "tab=mine").await.1, Vec::<String>::new());
    assert_eq!(list(rita, &format!("assignee={}", ids[0])).await.1, [refs[0].clone()]);
    // The search folds accents and finds founders, in Arabic too.
    assert_eq!(list(rita, "q=atlas%20eolien").await.1, [refs[1].clone()]);
    assert_eq!(list(rita, "q=salma").await.1, [refs[0].clone()]);
    assert_eq!(list(rita, &format!("q={}", cluster_core::url::encode("عبد"))).await.1, [refs[2].clone()]);
    let (none, _) = list(rita, "q=nobody").await;
    assert_eq!(none["total"], 0);
    // Each came in under the open call, which filters the queue.
    let (all, _) = list(rita, "").await;
    let call = all["items"][0]["call"].as_str().expect("the call an application came in under").to_owned();
    assert!(all["items"].as_array().unwrap().iter().all(|i| i["call"] == call.as_str()));
    assert_eq!(list(rita, &format!("call={call}")).await.0["total"], 3);
    assert_eq!(list(rita, "call=gbi-2019").await.0["total"], 0);

    // Scores: Rita's own shows at once; the average only to one who has scored.
    let rubric: Value =
        rita(client.get(format!("{base}/api/v1/staff/applications/{}/scores", refs[1]))).send().await.unwrap().json().await.unwrap();
    for (who, r, s) in [(rita as fn(RequestBuilder) -> RequestBuilder, &refs[1], 4u8), (bilal, &refs[1], 2), (bilal, &refs[2], 5)] {
        let res = who(client.put(format!("{base}/api/v1/staff/applications/{r}/scores")))
            .json(&sheet(&rubric["rubric"], &[s; 7]))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
    let (by_score, order) = list(rita, "sort=score").await;
    assert_eq!(order, [refs[1].clone(), refs[2].clone(), refs[0].clone()], "Rita sees an average only where she scored");
    let item = |v: &Value, r: &str| v["items"].as_array().unwrap().iter().find(|i| i["reference"] == r).unwrap().clone();
    assert_eq!((item(&by_score, &refs[1])["my_score"].as_f64(), item(&by_score, &refs[1])["average"].as_f64()), (Some(4.0), Some(3.0)));
    assert_eq!((item(&by_score, &refs[2])["my_score"].as_f64(), item(&by_score, &refs[2])["average"].as_f64()), (None, None));
    let (bilals, order) = list(bilal, "sort=score").await;
    assert_eq!(order, [refs[2].clone(), refs[1].clone(), refs[0].clone()]);
    assert_eq!(item(&bilals, &refs[2])["average"].as_f64(), Some(5.0));

    // Pages of 50: a page past the end is empty; a page that is no number is a 400.
    let (past, _) = list(rita, "page=2").await;
    assert_eq!((past["total"].as_u64(), past["page"].as_u64(), past["items"].as_array().unwrap().len()), (Some(3), Some(2), 0));
    assert_eq!(
        rita(client.get(format!("{base}/api/v1/staff/applications?page=0"))).send().await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(list(rita, "tab=everything").await.0["total"], 0);
    // The CSV export is the whole view.
    let csv = rita(client.get(format!("{base}/api/v1/staff/applications?tab=to_pick_up")).header("accept", "text/csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
}
