//! Staff accounts over real HTTP (docs/staff.md): invitations and sign-in
//! links through the outbox, the session cookie, Origin checks, personal API
//! tokens, roles and assignments, the pitch deck, the audit trail, and the
//! command line.

mod common;
use common::{ADMIN_EMAIL, NOW, STAFF_TOKEN, link_in, outbox, start, start_configured, valid_application};
use reqwest::{Client, RequestBuilder, StatusCode, redirect};
use serde_json::{Value, json};

use std::time::Duration;

fn client() -> Client {
    Client::builder().redirect(redirect::Policy::none()).build().unwrap()
}

/// `name=value` of the session cookie a response sets.
fn session_cookie(res: &reqwest::Response) -> String {
    let set = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).find(|c| c.starts_with("cluster-staff="));
    set.expect("a session cookie").split(';').next().unwrap().to_owned()
}

fn admin(req: RequestBuilder) -> RequestBuilder {
    req.bearer_auth(STAFF_TOKEN)
}

async fn submit(client: &Client, base: &str, key: &str, body: &Value) -> String {
    let res = client.post(format!("{base}/api/v1/applications")).header("idempotency-key", key).json(body).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json::<Value>().await.unwrap()["reference"].as_str().unwrap().to_owned()
}

async fn audit(client: &Client, base: &str, query: &str) -> Vec<Value> {
    let list: Value = admin(client.get(format!("{base}/api/v1/staff/audit{query}"))).send().await.unwrap().json().await.unwrap();
    list["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn an_invited_person_signs_in_with_a_link_and_a_cookie_then_is_disabled() {
    let dir = common::scratch("cluster-outbox");
    let out = dir.clone();
    let (base, _) =
        start_configured(move |s| s.mailer = std::sync::Arc::new(cluster_server::accounts::mail::Mailer::outbox(out)), &[]).await;
    let client = client();

    // An admin invites a reviewer: the account and an e-mail with a link.
    let invite = json!({ "email": " Yassine@Cluster-EnR.example ", "name": "Yassine Reviewer", "role": "reviewer" });
    let res =
        admin(client.post(format!("{base}/api/v1/staff/accounts"))).header("accept-language", "ar").json(&invite).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let account: Value = res.json().await.unwrap();
    assert_eq!((account["email"].as_str(), account["role"].as_str()), (Some("yassine@cluster-enr.example"), Some("reviewer")));
    let again = admin(client.post(format!("{base}/api/v1/staff/accounts"))).json(&invite).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let mail = outbox(&dir, 1).await.remove(0);
    assert!(mail.contains("To: yassine@cluster-enr.example"), "{mail}");
    // In the language of the invitation's request.
    assert!(mail.contains("مرحبًا Yassine Reviewer"), "{mail}");
    let link = link_in(&mail);
    assert!(link.starts_with(&format!("{base}/staff/link/")), "{link}");

    // Opening the link changes nothing (mail scanners open every link): a page with a button.
    for _ in 0..2 {
        let page = client.get(&link).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        assert_eq!(page.headers()["referrer-policy"], "strict-origin");
        let html = page.text().await.unwrap();
        assert!(html.contains("<form method=\"post\""), "{html}");
    }
    // The POST must come from the portal's own pages.
    let no_origin = client.post(&link).send().await.unwrap();
    assert_eq!(no_origin.status(), StatusCode::FORBIDDEN);
    let elsewhere = client.post(&link).header("origin", "https://evil.example").send().await.unwrap();
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
    let signed_in = client.post(&link).header("origin", &base).send().await.unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    // To the queue, in the link's language.
    assert_eq!(signed_in.headers()["location"], "/staff?lang=ar");
    let set = signed_in.headers()["set-cookie"].to_str().unwrap().to_owned();
    // The test server's origin is plain http: the cookie without `Secure`
    // nor `__Host-` (WebKit keeps no Secure cookie from http://localhost).
    for part in ["cluster-staff=", "HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=604800"] {
        assert!(set.contains(part), "{part} in {set}");
    }
    assert!(!set.contains("Secure") && !set.starts_with("__Host-"), "{set}");
    let cookie = session_cookie(&signed_in);
    // Once only.
    let reused = client.post(&link).header("origin", &base).send().await.unwrap();
    assert_eq!(reused.status(), StatusCode::BAD_REQUEST);
    assert!(reused.text().await.unwrap().contains("<form method=\"post\" action=\"/staff/sign-in"));

    // The cookie is the person.
    let me: Value = client.get(format!("{base}/api/v1/staff/me")).header("cookie", &cookie).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["account"]["name"], "Yassine Reviewer");
    let session_id = me["session"].as_str().unwrap().to_owned();
    let page = client.get(format!("{base}/staff/signed-in?lang=en")).header("cookie", &cookie).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("Signed in: Yassine Reviewer (reviewer)."));
    let sessions: Value =
        client.get(format!("{base}/api/v1/staff/sessions")).header("cookie", &cookie).send().await.unwrap().json().await.unwrap();
    assert_eq!(sessions["items"].as_array().unwrap().len(), 1);
    assert_eq!((sessions["items"][0]["id"].as_str(), sessions["items"][0]["current"].as_bool()), (Some(session_id.as_str()), Some(true)));
    // 8 h idle at most (the clock is fixed).
    assert_eq!(sessions["items"][0]["expires_at"], "2026-06-01T08:00:00Z");

    // A change with the cookie needs the portal's Origin; a token is made once and shown once.
    let token_url = format!("{base}/api/v1/staff/tokens");
    let refused = client.post(&token_url).header("cookie", &cookie).json(&json!({ "name": "export" })).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(refused.json::<Value>().await.unwrap()["code"], "origin_refused");
    let made =
        client.post(&token_url).header("cookie", &cookie).header("origin", &base).json(&json!({ "name": "export" })).send().await.unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let token = made.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("cet_"));
    let listed: Value = client.get(&token_url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(listed["items"][0]["name"], "export");
    assert!(!listed.to_string().contains(&token), "a token's secret is never shown again");
    // A token cannot make tokens; a reviewer cannot manage accounts or erase.
    let by_token = client.post(&token_url).bearer_auth(&token).json(&json!({ "name": "more" })).send().await.unwrap();
    assert_eq!(by_token.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        client.get(format!("{base}/api/v1/staff/accounts")).bearer_auth(&token).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let reference = submit(&client, &base, "acc-1", &valid_application()).await;
    let erase = client.delete(format!("{base}/api/v1/staff/applications/{reference}")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(erase.status(), StatusCode::FORBIDDEN);

    // Disabling ends the session and stops the token at once.
    let id = account["id"].as_i64().unwrap();
    let disabled =
        admin(client.patch(format!("{base}/api/v1/staff/accounts/{id}"))).json(&json!({ "disabled": true })).send().await.unwrap();
    assert_eq!(disabled.status(), StatusCode::OK);
    let after = client.get(format!("{base}/api/v1/staff/me")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(client.get(&token_url).bearer_auth(&token).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);

    // Every step has a name, a time and an address.
    let trail = audit(&client, &base, "").await;
    let actions: Vec<(&str, &str)> =
        trail.iter().rev().map(|e| (e["action"].as_str().unwrap(), e["account_name"].as_str().unwrap())).collect();
    let expected = [
        // The test server's admin, made on the command line.
        ("account_created", ""),
        ("account_created", "Amina Admin"),
        ("sign_in_link_sent", "Yassine Reviewer"),
        ("origin_refused", ""),
        ("origin_refused", ""),
        ("sign_in", "Yassine Reviewer"),
        ("sign_in_failed", ""),
        ("origin_refused", "Yassine Reviewer"),
        ("token_created", "Yassine Reviewer"),
        ("account_disabled", "Amina Admin"),
    ];
    assert_eq!(actions, expected);
    let over_http = trail.iter().filter(|e| e["address"] != "cli");
    assert!(
        over_http.clone().count() == 9 && over_http.clone().all(|e| e["address"] == "127.0.0.1" && e["at"] == "2026-06-01T00:00:00Z"),
        "{trail:?}"
    );
    let csv = admin(client.get(format!("{base}/api/v1/staff/audit")).header("accept", "text/csv")).send().await.unwrap();
    assert_eq!(csv.headers()["content-disposition"], "attachment; filename=\"audit.csv\"");
    assert!(csv.text().await.unwrap().contains("account_disabled"));
    assert_eq!(audit(&client, &base, "?action=audit_exported").await.len(), 1, "the export is itself recorded");
    assert_eq!(audit(&client, &base, &format!("?account={id}")).await.len(), 4, "link sent, sign-in, refused origin, token");
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn asking_for_a_link_answers_alike_for_any_address_and_is_limited() {
    let dir = common::scratch("cluster-outbox");
    let out = dir.clone();
    let (base, _) = start_configured(
        move |s| {
            s.mailer = std::sync::Arc::new(cluster_server::accounts::mail::Mailer::outbox(out));
            s.sign_in_attempts = 5;
        },
        &[],
    )
    .await;
    let client = client();
    let ask = |email: &'static str| {
        let (client, base) = (client.clone(), base.clone());
        async move {
            let res = client
                .post(format!("{base}/api/v1/staff/sign-in/link"))
                .header("accept-language", "en")
                .json(&json!({ "email": email }))
                .send()
                .await
                .unwrap();
            (res.status(), res.text().await.unwrap())
        }
    };
    let known = ask(ADMIN_EMAIL).await;
    let unknown = ask("nobody@cluster-enr.example").await;
    assert_eq!(known.0, StatusCode::ACCEPTED);
    assert_eq!(known, unknown, "an unknown address gets the very same answer");
    // Three links per account in 15 minutes; beyond, the answer is the same and nothing is sent.
    for _ in 0..3 {
        assert_eq!(ask(ADMIN_EMAIL).await, known);
    }
    // Five requests per address in 15 minutes.
    let (status, body) = ask(ADMIN_EMAIL).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(outbox(&dir, 3).await.len(), 3);
    // Each link is a separate single-use one; the last works.
    let mails = outbox(&dir, 3).await;
    let links: std::collections::BTreeSet<String> = mails.iter().map(|m| link_in(m)).collect();
    assert_eq!(links.len(), 3);
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn a_link_leads_back_to_the_workspace_address_it_was_asked_from_and_nowhere_else() {
    let dir = common::scratch("cluster-outbox");
    let out = dir.clone();
    let (base, store) =
        start_configured(move |s| s.mailer = std::sync::Arc::new(cluster_server::accounts::mail::Mailer::outbox(out)), &[]).await;
    let client = client();
    let next = "%2Fstaff%2Faudit%3Faction%3Dscored%26lang%3Dfr";
    // The sign-in page keeps `next` in its form, which asks for the link.
    let page = client.get(format!("{base}/staff/sign-in?lang=fr&next={next}")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("action=\"/staff/sign-in?lang=fr&amp;next={next}\"")), "{page}");
    let asked = client
        .post(format!("{base}/staff/sign-in?lang=fr&next={next}"))
        .header("origin", &base)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("email={}", ADMIN_EMAIL.replace('@', "%40")))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), StatusCode::OK);
    let link = link_in(&outbox(&dir, 1).await.remove(0));
    assert!(link.ends_with(&format!("?lang=fr&next={next}")), "{link}");
    let page = client.get(&link).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("?lang=fr&amp;next={next}\"")), "{page}");
    let signed_in = client.post(&link).header("origin", &base).send().await.unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    assert_eq!(signed_in.headers()["location"], "/staff/audit?action=scored&lang=fr");

    // Another site, a sign-in page, or a path outside the workspace is dropped: the queue.
    let admin_id = store.account_by_email(ADMIN_EMAIL).unwrap().unwrap().id;
    for crafted in ["%2F%2Fevil.example%2Fstaff", "https%3A%2F%2Fevil.example%2F", "%2Fstaff%2Fsign-out", "%2Fapply", "%2Fstaff%5C.."] {
        let page = client.get(format!("{base}/staff/sign-in?lang=ar&next={crafted}")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("action=\"/staff/sign-in?lang=ar\""), "{crafted}: {page}");
        let link = cluster_server::accounts::sign_in::new_link(&store, &base, admin_id, NOW).unwrap();
        let res = client.post(format!("{link}?lang=ar&next={crafted}")).header("origin", &base).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{crafted}");
        assert_eq!(res.headers()["location"], "/staff?lang=ar", "{crafted}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn on_an_https_origin_the_session_cookie_is_secure_and_host_only() {
    let origin = "https://portal.example";
    let (base, store) = start_configured(|s| s.public_url = origin.to_owned(), &[]).await;
    let admin_id = store.account_by_email(ADMIN_EMAIL).unwrap().unwrap().id;
    let link = cluster_server::accounts::sign_in::new_link(&store, origin, admin_id, NOW).unwrap();
    let token = link.rsplit('/').next().unwrap();
    let client = client();
    let res = client
        .post(format!("{base}/api/v1/staff/sessions"))
        .header("origin", origin)
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let set = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    for part in ["__Host-cluster-staff=", "Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(part), "{part} in {set}");
    }
    let value = set.split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    let me = |cookie: String| client.get(format!("{base}/api/v1/staff/me")).header("cookie", cookie).send();
    assert_eq!(me(format!("__Host-cluster-staff={value}")).await.unwrap().status(), StatusCode::OK);
    // The plain-http name is not read there.
    assert_eq!(me(format!("cluster-staff={value}")).await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_expired_link_signs_nobody_in() {
    let (base, store) = start(0).await;
    let admin_id = store.account_by_email(ADMIN_EMAIL).unwrap().unwrap().id;
    // Made 16 minutes before the server's "now".
    let old = cluster_server::accounts::sign_in::new_link(&store, &base, admin_id, NOW - 16 * 60).unwrap();
    let fresh = cluster_server::accounts::sign_in::new_link(&store, &base, admin_id, NOW - 14 * 60).unwrap();
    let client = client();
    let token = |l: &str| l.rsplit('/').next().unwrap().to_owned();
    let sign_in =
        |t: String| client.post(format!("{base}/api/v1/staff/sessions")).header("origin", &base).json(&json!({ "token": t })).send();
    let res = sign_in(token(&old)).await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.unwrap()["code"], "sign_in_link_invalid");
    let res = sign_in(token(&fresh)).await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let cookie = session_cookie(&res);
    // Signing out ends the session and clears the cookie.
    let out = client
        .delete(format!("{base}/api/v1/staff/sessions/current"))
        .header("cookie", &cookie)
        .header("origin", &base)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(out.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(
        client.get(format!("{base}/api/v1/staff/me")).header("cookie", &cookie).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_juror_reads_only_what_is_assigned_without_contact_data() {
    let (base, store) = start(0).await;
    let client = client();
    let make = |email: &str, name: &str, role: cluster_core::staff::Role, token: &str| {
        let audit =
            cluster_server::accounts::manage::cli_audit(cluster_server::Clock::Fixed(NOW), cluster_core::staff::Action::AccountCreated, "");
        let a = store.create_account(email, name, role, "2026-05-02T00:00:00Z", &audit).unwrap().unwrap();
        store.add_token(&cluster_server::accounts::digest(token), a.id, "tests", "2026-05-02T00:00:00Z").unwrap();
        a.id
    };
    let reviewer = make("rita@cluster-enr.example", "Rita Reviewer", cluster_core::staff::Role::Reviewer, "cet_reviewer");
    let juror = make("jamal@jury.example", "Jamal Juror", cluster_core::staff::Role::Juror, "cet_juror");

    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".to_vec();
    let up: Value = client
        .post(format!("{base}/api/v1/uploads"))
        .header("content-type", "application/pdf")
        .body(pdf.clone())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut with_deck = valid_application();
    with_deck["pitch_deck"] = up["id"].clone();
    let first = submit(&client, &base, "jury-1", &with_deck).await;
    let second = submit(&client, &base, "jury-2", &valid_application()).await;

    let as_ = |token: &'static str, req: RequestBuilder| req.bearer_auth(token);
    let list = |token: &'static str| {
        let (client, base) = (client.clone(), base.clone());
        async move {
            let v: Value =
                client.get(format!("{base}/api/v1/staff/applications")).bearer_auth(token).send().await.unwrap().json().await.unwrap();
            v["items"].as_array().unwrap().iter().map(|i| i["reference"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
        }
    };
    assert_eq!(list("cet_juror").await, Vec::<String>::new());
    assert_eq!(
        as_("cet_juror", client.get(format!("{base}/api/v1/staff/applications/{first}"))).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // A reviewer assigns themselves, not others; an admin assigns anyone.
    let assignees = |r: &str, who: i64| format!("{base}/api/v1/staff/applications/{r}/assignees/{who}");
    let own = as_("cet_reviewer", client.put(assignees(&first, reviewer))).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(as_("cet_reviewer", client.put(assignees(&first, juror))).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(as_("cet_juror", client.put(assignees(&second, juror))).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let now: Value = admin(client.put(assignees(&first, juror))).send().await.unwrap().json().await.unwrap();
    let names: Vec<&str> = now.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Rita Reviewer", "Jamal Juror"]);

    // The juror sees that one, without the founders' e-mail and phone.
    assert_eq!(list("cet_juror").await, vec![first.clone()]);
    let copy: Value =
        as_("cet_juror", client.get(format!("{base}/api/v1/staff/applications/{first}"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(copy["application"]["team"][0]["full_name"], "Salma Idrissi");
    assert!(copy["application"]["team"][0].get("email").is_none() && copy["application"]["team"][0].get("phone").is_none());
    assert_eq!(copy["withheld"], json!(["team[].email", "team[].phone"]));
    let full: Value =
        as_("cet_reviewer", client.get(format!("{base}/api/v1/staff/applications/{first}"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(full["application"]["team"][0]["email"], "salma@sunbox.example");
    // No export, no CSV, no moves for a juror.
    for req in [
        client.get(format!("{base}/api/v1/staff/applications/{first}/export")),
        client.get(format!("{base}/api/v1/staff/applications")).header("accept", "text/csv"),
        client.post(format!("{base}/api/v1/staff/applications/{first}/move")).json(&json!({ "direction": "forward", "note": "ok" })),
    ] {
        assert_eq!(as_("cet_juror", req).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    }

    // The deck: a download, never inline, logged as a read.
    let deck = as_("cet_juror", client.get(format!("{base}/api/v1/staff/applications/{first}/deck"))).send().await.unwrap();
    assert_eq!(deck.status(), StatusCode::OK);
    assert_eq!(deck.headers()["content-type"], "application/pdf");
    assert_eq!(deck.headers()["x-content-type-options"], "nosniff");
    assert!(deck.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(deck.bytes().await.unwrap().to_vec(), pdf);
    assert_eq!(
        admin(client.get(format!("{base}/api/v1/staff/applications/{second}/deck"))).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    // The applicant's export holds the deck too.
    let export: Value =
        admin(client.get(format!("{base}/api/v1/staff/applications/{first}/export"))).send().await.unwrap().json().await.unwrap();
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD.decode(export["pitch_deck"]["base64"].as_str().unwrap()).unwrap();
    assert_eq!(bytes, pdf);

    let trail = audit(&client, &base, &format!("?reference={first}")).await;
    let entries: Vec<(&str, &str)> =
        trail.iter().rev().map(|e| (e["action"].as_str().unwrap(), e["account_name"].as_str().unwrap())).collect();
    assert_eq!(
        entries,
        [
            ("assigned", "Rita Reviewer"),
            ("assigned", "Amina Admin"),
            ("application_read", "Jamal Juror"),
            ("application_read", "Rita Reviewer"),
            ("deck_read", "Jamal Juror"),
            ("applicant_exported", "Amina Admin"),
        ]
    );

    // The last enabled admin stays one.
    let admin_id = store.account_by_email(ADMIN_EMAIL).unwrap().unwrap().id;
    for change in [json!({ "disabled": true }), json!({ "role": "juror" })] {
        let res = admin(client.patch(format!("{base}/api/v1/staff/accounts/{admin_id}"))).json(&change).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::CONFLICT);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "last_admin");
    }
}

#[test]
fn the_command_line_manages_accounts_and_refuses_the_old_shared_token() {
    let dir = common::scratch("cluster-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("cli.db");
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cluster-enr-server"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("CLUSTER_STAFF_TOKEN")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, out, _) = run(
        &[
            "staff",
            "add",
            "--email",
            "Nadia@Cluster-EnR.example",
            "--name",
            "Nadia",
            "--role",
            "admin",
            "--public-url",
            "https://portal.example",
        ],
        &[],
    );
    assert_eq!(code, Some(0));
    assert!(out.contains("one-time sign-in link (15 minutes): https://portal.example/staff/link/"), "{out}");
    let (code, _, err) = run(&["staff", "add", "--email", "nadia@cluster-enr.example", "--name", "N", "--role", "admin"], &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("has an account already"), "{err}");
    assert_eq!(run(&["staff", "add", "--email", "x@y.example", "--name", "X", "--role", "boss"], &[]).0, Some(2));
    let (_, out, _) = run(&["staff", "add", "--email", "omar@cluster-enr.example", "--name", "Omar", "--role", "reviewer"], &[]);
    assert!(out.contains("http://localhost:8080/staff/link/"), "the default origin: {out}");
    assert_eq!(run(&["staff", "role", "--email", "omar@cluster-enr.example", "--role", "juror"], &[]).0, Some(0));
    assert_eq!(run(&["staff", "disable", "--email", "omar@cluster-enr.example"], &[]).0, Some(0));
    let (code, _, err) = run(&["staff", "disable", "--email", "nadia@cluster-enr.example"], &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("last enabled admin"), "{err}");
    let (_, out, _) = run(&["staff", "list"], &[]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("1\tnadia@cluster-enr.example\tNadia\tadmin\tenabled"), "{out}");
    assert!(lines[1].contains("omar@cluster-enr.example\tOmar\tjuror\tdisabled since "), "{out}");
    let (code, out, _) = run(&["staff", "token", "--email", "nadia@cluster-enr.example", "--name", "export script"], &[]);
    assert_eq!(code, Some(0));
    assert!(out.trim().starts_with("cet_") && out.trim().len() > 40, "{out}");
    // The old shared token stops the server with what replaces it.
    let (code, _, err) = run(&[], &[("CLUSTER_STAFF_TOKEN", "change-me")]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no longer supported") && err.contains("staff add") && err.contains("staff token"), "{err}");
    let store = cluster_server::store::Store::open(&db).unwrap();
    let trail = store.audit_trail(&Default::default()).unwrap();
    let actions: Vec<&str> = trail.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["account_created", "account_created", "role_changed", "account_disabled", "token_created"]);
    assert!(trail.iter().all(|e| e.address == "cli" && e.account_id.is_none()));
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn passkeys_are_off_on_a_server_whose_origin_is_an_ip_address() {
    // Test servers run at http://127.0.0.1:PORT: WebAuthn refuses an IP as relying party.
    let (base, _) = start(0).await;
    let res = client()
        .post(format!("{base}/api/v1/staff/passkeys/sign-in"))
        .header("origin", &base)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["code"], "passkeys_unavailable");
    assert!(p["detail"].as_str().unwrap().contains("not an IP address"));
    // The sign-in page then offers links only.
    let page = client().get(format!("{base}/staff/sign-in")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("data-passkey"));
}

#[tokio::test]
async fn moves_exports_erasures_and_revocations_carry_the_name_and_admin_work_is_refused_to_a_reviewer() {
    let (base, store) = start(0).await;
    let client = client();
    let audit_of =
        cluster_server::accounts::manage::cli_audit(cluster_server::Clock::Fixed(NOW), cluster_core::staff::Action::AccountCreated, "");
    let rita = store
        .create_account("rita@cluster-enr.example", "Rita Reviewer", cluster_core::staff::Role::Reviewer, "t", &audit_of)
        .unwrap()
        .unwrap();
    store.add_token(&cluster_server::accounts::digest("cet_rita"), rita.id, "tests", "t").unwrap();
    let reference = submit(&client, &base, "named-1", &valid_application()).await;
    let as_rita = |req: RequestBuilder| req.bearer_auth("cet_rita");

    // A reviewer moves and exports; each entry carries her name.
    let moved = as_rita(client.post(format!("{base}/api/v1/staff/applications/{reference}/move")))
        .json(&json!({ "direction": "forward", "note": "Dossier complet" }))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::OK);
    let csv = as_rita(client.get(format!("{base}/api/v1/staff/applications")).header("accept", "text/csv")).send().await.unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    // Admin work is refused to her: the trail, accounts, invitations.
    for req in [
        client.get(format!("{base}/api/v1/staff/audit")),
        client.patch(format!("{base}/api/v1/staff/accounts/{}", rita.id)).json(&json!({ "role": "admin" })),
        client.post(format!("{base}/api/v1/staff/accounts")).json(&json!({ "email": "x@y.example", "name": "X", "role": "admin" })),
    ] {
        assert_eq!(as_rita(req).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    }
    // The admin revokes a token of her own and erases the application.
    let token_id = store
        .add_token(&cluster_server::accounts::digest("cet_spare"), store.account_by_email(ADMIN_EMAIL).unwrap().unwrap().id, "spare", "t")
        .unwrap();
    assert_eq!(
        admin(client.delete(format!("{base}/api/v1/staff/tokens/{token_id}"))).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        admin(client.delete(format!("{base}/api/v1/staff/applications/{reference}"))).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );

    let trail = audit(&client, &base, "").await;
    let named: Vec<(&str, &str, &str)> = trail
        .iter()
        .rev()
        .filter(|e| e["address"] != "cli")
        .map(|e| (e["action"].as_str().unwrap(), e["account_name"].as_str().unwrap(), e["reference"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        named,
        [
            ("stage_moved", "Rita Reviewer", reference.as_str()),
            ("list_exported", "Rita Reviewer", ""),
            ("token_revoked", "Amina Admin", ""),
            ("application_erased", "Amina Admin", reference.as_str()),
        ]
    );
    assert_eq!(trail.iter().find(|e| e["action"] == "stage_moved").unwrap()["detail"], "received → preselected");
}
