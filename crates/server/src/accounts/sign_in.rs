//! Signing in and out (docs/staff.md): a one-time link by e-mail, then a
//! session cookie; one's own sessions listed and ended. The same steps as
//! JSON endpoints (for the review screens) and as small server pages that
//! need no script (the page a link opens).

use super::pages::{escape, page};
use super::{ABSOLUTE, Actor, IDLE, LINK_LIFETIME, Staff, Via, blocking, digest, origin_ok, refuse_origin, secret};
use crate::applications::rfc3339;
use crate::client::ClientAddr;
use crate::messages::{message, request_lang};
use crate::problem::Problem;
use crate::store::SessionRow;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Json};
use axum_extra::extract::cookie::CookieJar;
use cluster_core::api::{Account, Me, SessionInfo, SessionList};
use cluster_core::codes::Code;
use cluster_core::lang::Lang;
use cluster_core::staff::{Action, return_to};
use cluster_core::url::encode;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// What asking for a link does, whatever the address: the same answer
/// whether an account exists or not, sent before any e-mail goes out.
async fn request_link(staff: &Arc<Staff>, email: &str, lang: Lang, next: Option<String>, client: ClientAddr) -> Result<(), Problem> {
    if let Some(p) = staff.sign_in_limited(client) {
        return Err(p);
    }
    let email = email.trim().to_lowercase();
    let staff = staff.clone();
    // Everything else happens after the answer, so that its timing says nothing either.
    tokio::spawn(async move {
        let store = staff.store.clone();
        let e = email.clone();
        let Some(Ok(Some(account))) = blocking(move || store.account_by_email(&e)).await else { return };
        if account.disabled_at.is_some() || staff.links_per_account.check(account.id).is_err() {
            return;
        }
        if let Err(e) = send_link(&staff, &account, lang, next.as_deref(), client.0.to_string()).await {
            tracing::error!(account = account.id, "a sign-in link could not be sent: {e}");
        }
    });
    Ok(())
}

/// Makes a sign-in link for `account`, e-mails it, and records that in the
/// audit trail; where the message went. The link leads, once used, to
/// `next` (a workspace address, `cluster_core::staff::return_to`) or to the
/// queue.
pub async fn send_link(staff: &Staff, account: &Account, lang: Lang, next: Option<&str>, address: String) -> Result<String, String> {
    // The page it opens speaks the e-mail's language.
    let link = format!("{}?{}", make_link(staff, account.id).await?, page_query(lang, next));
    let body = message(lang, "mail_sign_in_body", &[("name", account.name.clone()), ("link", link)]);
    let sent = staff.mailer.send(&account.email, &message(lang, "mail_sign_in_subject", &[]), body).await?;
    tracing::info!(account = account.id, "sign-in link sent to {sent}");
    staff.record(staff.entry(address, Some(account), Action::SignInLinkSent, "")).await;
    Ok(sent)
}

/// A new single-use sign-in link for an account at `origin`, valid from
/// `now` (seconds since 1970) for [`LINK_LIFETIME`]; only its digest is kept.
pub fn new_link(store: &crate::store::Store, origin: &str, account_id: i64, now: u64) -> Result<String, String> {
    let token = secret().ok_or("the system's random source failed")?;
    store.add_sign_in_link(&digest(&token), account_id, now + LINK_LIFETIME.as_secs(), now).map_err(|e| e.0)?;
    Ok(format!("{origin}/staff/link/{token}"))
}

async fn make_link(staff: &Staff, account_id: i64) -> Result<String, String> {
    let (store, origin, now) = (staff.store.clone(), staff.origin.clone(), staff.clock.unix_seconds());
    blocking(move || new_link(&store, &origin, account_id, now)).await.unwrap_or_else(|| Err("the link was not made".to_owned()))
}

/// Uses a link's token: a new session and its cookie's value, or why not
/// (each failure in the audit trail).
async fn use_link(staff: &Staff, token: &str, client: ClientAddr, user_agent: &str) -> Result<(String, Account), Problem> {
    if let Some(p) = staff.sign_in_limited(client) {
        return Err(p);
    }
    let d = digest(token);
    let now_secs = staff.clock.unix_seconds();
    let store = staff.store.clone();
    let account = match blocking(move || store.use_sign_in_link(&d, now_secs)).await {
        Some(Ok(a)) => a,
        _ => return Err(Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal)),
    };
    let address = client.0.to_string();
    let Some(account) = account else {
        staff.record(staff.entry(address, None, Action::SignInFailed, "link")).await;
        return Err(Problem::new(StatusCode::BAD_REQUEST, Code::SignInLinkInvalid));
    };
    let value = start_session(staff, &account, "link", address, user_agent).await?;
    Ok((value, account))
}

/// Starts a session for `account`; the cookie's value.
pub async fn start_session(staff: &Staff, account: &Account, method: &str, address: String, user_agent: &str) -> Result<String, Problem> {
    let (Some(value), Some(id)) = (secret(), secret()) else {
        return Err(Problem::new(StatusCode::SERVICE_UNAVAILABLE, Code::RandomUnavailable));
    };
    let now_secs = staff.clock.unix_seconds();
    let row = SessionRow {
        id: id[..16].to_owned(),
        method: method.to_owned(),
        created: now_secs,
        last_seen: now_secs,
        address: address.clone(),
        user_agent: user_agent.chars().take(200).collect(),
    };
    let entry = staff.entry(address, Some(account), Action::SignIn, method);
    let (store, d, account_id) = (staff.store.clone(), digest(&value), account.id);
    match blocking(move || store.add_session(&d, account_id, &row).and_then(|()| store.audit(&entry))).await {
        Some(Ok(())) => Ok(value),
        _ => Err(Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal)),
    }
}

/// Ends the session `id` of the actor's account (its own, or another of
/// theirs), with an audit entry; false if they have none such.
async fn end_session(staff: &Staff, actor: &Actor, id: &str) -> Option<bool> {
    let own = matches!(&actor.via, Via::Session(s) if s == id);
    let action = if own { Action::SignOut } else { Action::SessionRevoked };
    let entry = actor.audit(staff, action, None, id);
    let (store, account, id) = (staff.store.clone(), actor.account.id, id.to_owned());
    blocking(move || {
        let ended = store.end_session(account, &id)?;
        if ended {
            store.audit(&entry)?;
        }
        Ok::<_, crate::store::StoreError>(ended)
    })
    .await
    .and_then(Result::ok)
}

fn user_agent(headers: &HeaderMap) -> String {
    headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned()
}

/// Asking for a sign-in link.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct LinkRequest {
    /// The account's e-mail address.
    #[schema(max_length = 254)]
    email: String,
}

/// The answer to a link request: the same whether an account exists or not.
#[derive(Serialize, utoipa::ToSchema)]
pub struct LinkRequested {
    pub message: String,
}

#[utoipa::path(post, path = "/staff/sign-in/link", tag = "staff", request_body(content = LinkRequest, content_type = "application/json"),
    responses((status = 202, description = "If the address has an enabled account, a single-use link valid 15 minutes is e-mailed to it; the answer is the same either way", body = LinkRequested),
        (status = 403, description = "Sent from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "Not JSON of this shape", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many sign-in requests from this address", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn link_api(State(staff): State<Arc<Staff>>, client: ClientAddr, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    let lang = request_lang(&headers);
    if !origin_ok(&staff, &headers, false) {
        return refuse_origin(&staff, &headers, client, None).await;
    }
    let Ok(req) =
        serde_json::from_slice::<LinkRequest>(&body).map_err(drop).and_then(|r| if r.email.len() > 254 { Err(()) } else { Ok(r) })
    else {
        return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::TypeInvalid).respond(lang);
    };
    match request_link(&staff, &req.email, lang, None, client).await {
        Ok(()) => (StatusCode::ACCEPTED, Json(LinkRequested { message: message(lang, "staff_link_sent", &[]) })).into_response(),
        Err(p) => p.respond(lang),
    }
}

/// Signing in with a link's token.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SignIn {
    /// The last part of the link's path.
    #[schema(max_length = 100)]
    token: String,
}

#[utoipa::path(post, path = "/staff/sessions", tag = "staff", request_body(content = SignIn, content_type = "application/json"),
    responses((status = 201, description = "Signed in: the session cookie is set", body = Me),
        (status = 400, description = "The link is unknown, used or expired", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Not sent from the portal's origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "Not JSON of this shape", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many attempts from this address", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn sign_in_api(
    State(staff): State<Arc<Staff>>,
    client: ClientAddr,
    jar: CookieJar,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    // Signing someone in is a change: only from the portal's own pages.
    if !origin_ok(&staff, &headers, true) {
        return refuse_origin(&staff, &headers, client, None).await;
    }
    let Ok(req) = serde_json::from_slice::<SignIn>(&body).map_err(drop).and_then(|r| if r.token.len() > 100 { Err(()) } else { Ok(r) })
    else {
        return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::TypeInvalid).respond(lang);
    };
    match use_link(&staff, &req.token, client, &user_agent(&headers)).await {
        Ok((value, account)) => {
            let me = Me { account, session: None };
            (StatusCode::CREATED, jar.add(staff.session_cookie(value)), Json(me)).into_response()
        }
        Err(p) => p.respond(lang),
    }
}

#[utoipa::path(get, path = "/staff/me", tag = "staff", security(("staff" = []), ("session" = [])),
    responses((status = 200, description = "The signed-in person", body = Me),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn me(Extension(actor): Extension<Actor>) -> Response {
    let session = match actor.via {
        Via::Session(id) => Some(id),
        Via::Token(_) => None,
    };
    Json(Me { account: actor.account, session }).into_response()
}

#[utoipa::path(get, path = "/staff/sessions", tag = "staff", security(("staff" = []), ("session" = [])),
    responses((status = 200, description = "One's own sessions, newest first", body = SessionList),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn sessions(State(staff): State<Arc<Staff>>, Extension(actor): Extension<Actor>, headers: HeaderMap) -> Response {
    let store = staff.store.clone();
    let account = actor.account.id;
    let Some(Ok(rows)) = blocking(move || store.sessions(account)).await else {
        return Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(request_lang(&headers));
    };
    let items = rows
        .into_iter()
        .map(|s| SessionInfo {
            current: matches!(&actor.via, Via::Session(id) if *id == s.id),
            expires_at: rfc3339((s.last_seen + IDLE.as_secs()).min(s.created + ABSOLUTE.as_secs())),
            created_at: rfc3339(s.created),
            last_seen_at: rfc3339(s.last_seen),
            id: s.id,
            method: s.method,
            address: s.address,
            user_agent: s.user_agent,
        })
        .collect();
    Json(SessionList { items }).into_response()
}

#[utoipa::path(delete, path = "/staff/sessions/{id}", tag = "staff", security(("staff" = []), ("session" = [])),
    params(("id" = String, Path, description = "A session's id, or `current` for the one this request came with (signing out)")),
    responses((status = 204, description = "Ended (signing out clears the cookie)"),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Not sent from the portal's origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "No such session of one's own", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn end_session_api(
    State(staff): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<String>,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    let id = match (&actor.via, id.as_str()) {
        (Via::Session(own), "current") => own.clone(),
        _ => id,
    };
    let own = matches!(&actor.via, Via::Session(s) if *s == id);
    match end_session(&staff, &actor, &id).await {
        Some(true) if own => (jar.add(staff.session_cookie(String::new())), StatusCode::NO_CONTENT).into_response(),
        Some(true) => StatusCode::NO_CONTENT.into_response(),
        Some(false) => Problem::new(StatusCode::NOT_FOUND, Code::NotFound).respond(lang),
        None => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang),
    }
}

/// The JSON endpoints anyone may call (they sign in).
pub fn public_routes(staff: Arc<Staff>) -> OpenApiRouter {
    OpenApiRouter::new().routes(routes!(link_api)).routes(routes!(sign_in_api)).with_state(staff)
}

/// The JSON endpoints of a signed-in person (behind [`super::authenticate`]).
pub fn routes() -> OpenApiRouter<Arc<Staff>> {
    OpenApiRouter::new().routes(routes!(me)).routes(routes!(sessions)).routes(routes!(end_session_api))
}

// ---- The server's own pages --------------------------------------------

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
    /// Where to go once signed in (the address the workspace was opened
    /// at), kept only when `cluster_core::staff::return_to` allows it.
    next: Option<String>,
}

impl LangQuery {
    fn next(&self) -> Option<&str> {
        self.next.as_deref().and_then(return_to)
    }
}

/// A sign-in page's query: its language, and where to go afterwards.
fn page_query(lang: Lang, next: Option<&str>) -> String {
    match next {
        Some(next) => format!("lang={}&next={}", lang.code(), encode(next)),
        None => format!("lang={}", lang.code()),
    }
}

/// Where a sign-in leads: back to `next`, else to the queue.
fn landing(lang: Lang, next: Option<&str>) -> String {
    next.map_or_else(|| format!("/staff?lang={}", lang.code()), str::to_owned)
}

/// A page's language: `?lang=`, else the request's `Accept-Language`.
fn page_lang(q: &LangQuery, headers: &HeaderMap) -> Lang {
    q.lang.as_deref().and_then(Lang::from_code).unwrap_or_else(|| request_lang(headers))
}

/// The form asking for a link.
fn request_form(lang: Lang, next: Option<&str>) -> String {
    format!(
        "<form method=\"post\" action=\"/staff/sign-in?{query}\" class=\"stack\"><div class=\"field\"><label for=\"email\">{label}</label>\
         <input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required maxlength=\"254\"></div>\
         <p><button type=\"submit\" class=\"button\">{submit}</button></p></form>",
        query = escape(&page_query(lang, next)),
        label = escape(&message(lang, "staff_email_label", &[])),
        submit = escape(&message(lang, "staff_request_link", &[])),
    )
}

struct Pages {
    staff: Arc<Staff>,
    stylesheets: String,
}

fn titled(p: &Pages, lang: Lang, body: &str) -> Response {
    page(lang, &p.stylesheets, &message(lang, "staff_page_title", &[]), body)
}

fn paragraph(text: &str) -> String {
    format!("<p>{}</p>", escape(text))
}

/// A passkey button (`add` or `sign-in`) for `passkey.js`, hidden until
/// the script finds WebAuthn in the browser; nothing when the server has no
/// passkeys. A sign-in leads to `next` once done (an addition reloads the page).
fn passkey_block(p: &Pages, lang: Lang, action: &str, label: &str, before: &str, next: Option<&str>) -> String {
    if !p.staff.passkeys.available() {
        return String::new();
    }
    format!(
        "<div data-passkey-block hidden>{before}<p><button type=\"button\" class=\"button secondary\" data-passkey=\"{action}\" \
         {next} data-failed=\"{failed}\">{label}</button></p></div>\
         <p id=\"passkey-status\" role=\"status\"></p><script type=\"module\" src=\"/staff/passkey.js\"></script>",
        next = next.map(|n| format!("data-next=\"{}\"", escape(n))).unwrap_or_default(),
        failed = escape(&message(lang, "staff_passkey_failed", &[])),
        label = escape(&message(lang, label, &[])),
    )
}

async fn sign_in_page(State(p): State<Arc<Pages>>, Query(q): Query<LangQuery>, headers: HeaderMap) -> Response {
    let lang = page_lang(&q, &headers);
    let or = paragraph(&message(lang, "staff_or", &[]));
    let passkey = passkey_block(&p, lang, "sign-in", "staff_passkey_sign_in", &or, Some(&landing(lang, q.next())));
    titled(&p, lang, &format!("{}{passkey}", request_form(lang, q.next())))
}

#[derive(Deserialize)]
struct EmailForm {
    email: String,
}

async fn sign_in_post(
    State(p): State<Arc<Pages>>,
    Query(q): Query<LangQuery>,
    client: ClientAddr,
    headers: HeaderMap,
    Form(f): Form<EmailForm>,
) -> Response {
    let lang = page_lang(&q, &headers);
    if !origin_ok(&p.staff, &headers, false) {
        return refuse_origin(&p.staff, &headers, client, None).await;
    }
    match request_link(&p.staff, &f.email, lang, q.next().map(str::to_owned), client).await {
        Ok(()) => titled(&p, lang, &paragraph(&message(lang, "staff_link_sent", &[]))),
        Err(problem) => {
            let text = message(lang, &format!("err_{}", problem.code.as_str()), &problem.args);
            (problem.status, titled(&p, lang, &format!("<p role=\"alert\">{}</p>", escape(&text)))).into_response()
        }
    }
}

async fn link_page(State(p): State<Arc<Pages>>, Path(token): Path<String>, Query(q): Query<LangQuery>, headers: HeaderMap) -> Response {
    let lang = page_lang(&q, &headers);
    // A GET changes nothing (mail scanners open links): the button POSTs.
    let body = format!(
        "{intro}<form method=\"post\" action=\"/staff/link/{token}?{query}\"><p><button type=\"submit\" class=\"button\">{submit}</button></p></form>",
        intro = paragraph(&message(lang, "staff_link_intro", &[])),
        token = escape(&token),
        query = escape(&page_query(lang, q.next())),
        submit = escape(&message(lang, "staff_sign_in", &[])),
    );
    titled(&p, lang, &body)
}

async fn link_post(
    State(p): State<Arc<Pages>>,
    Path(token): Path<String>,
    Query(q): Query<LangQuery>,
    client: ClientAddr,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let lang = page_lang(&q, &headers);
    if !origin_ok(&p.staff, &headers, true) {
        return refuse_origin(&p.staff, &headers, client, None).await;
    }
    match use_link(&p.staff, &token, client, &user_agent(&headers)).await {
        Ok((value, _)) => (jar.add(p.staff.session_cookie(value)), Redirect::to(&landing(lang, q.next()))).into_response(),
        Err(problem) => {
            let text = message(lang, &format!("err_{}", problem.code.as_str()), &problem.args);
            let body = format!("<p role=\"alert\">{}</p>{}", escape(&text), request_form(lang, q.next()));
            (problem.status, titled(&p, lang, &body)).into_response()
        }
    }
}

/// The signed-in person of a page request (its cookie), if any.
async fn page_actor(staff: &Staff, jar: &CookieJar, client: ClientAddr) -> Option<Actor> {
    let value = jar.get(staff.cookie_name())?.value().to_owned();
    let (store, d, now_secs) = (staff.store.clone(), digest(&value), staff.clock.unix_seconds());
    let (session, account) = blocking(move || store.session(&d, now_secs, IDLE.as_secs(), ABSOLUTE.as_secs())).await?.ok()??;
    Some(Actor { account, via: Via::Session(session.id), address: client })
}

async fn signed_in_page(
    State(p): State<Arc<Pages>>,
    Query(q): Query<LangQuery>,
    client: ClientAddr,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let lang = page_lang(&q, &headers);
    let Some(actor) = page_actor(&p.staff, &jar, client).await else {
        return Redirect::to(&format!("/staff/sign-in?lang={}", lang.code())).into_response();
    };
    let role = message(lang, &format!("staff_role_{}", actor.account.role.as_str()), &[]);
    let (store, account) = (p.staff.store.clone(), actor.account.id);
    let keys = blocking(move || store.passkeys(account)).await.and_then(Result::ok).unwrap_or_default();
    let passkeys = if !p.staff.passkeys.available() {
        String::new()
    } else if keys.is_empty() {
        paragraph(&message(lang, "staff_passkeys_none", &[]))
    } else {
        let items: String = keys
            .iter()
            .map(|k| {
                // Isolated left to right: an ISO date in Arabic text keeps its order.
                let day = format!("\u{2066}{}\u{2069}", k.created_at.get(..10).unwrap_or(&k.created_at));
                format!("<li>{}</li>", escape(&message(lang, "staff_passkey_item", &[("name", k.name.clone()), ("created", day)])))
            })
            .collect();
        format!("<ul>{items}</ul>")
    };
    let passkeys = if passkeys.is_empty() {
        passkeys
    } else {
        format!(
            "<h2>{}</h2>{passkeys}{}",
            escape(&message(lang, "staff_passkeys_title", &[])),
            passkey_block(&p, lang, "add", "staff_passkey_add", "", None)
        )
    };
    let body = format!(
        "{who}<p><a class=\"button\" href=\"/staff?lang={code}\">{open}</a></p>{passkeys}<form method=\"post\" action=\"/staff/sign-out?lang={code}\"><p><button type=\"submit\" class=\"button secondary\">{out}</button></p></form>",
        who = paragraph(&message(lang, "staff_signed_in_as", &[("name", actor.account.name.clone()), ("role", role)])),
        open = escape(&message(lang, "staff_open_workspace", &[])),
        code = lang.code(),
        out = escape(&message(lang, "staff_sign_out", &[])),
    );
    titled(&p, lang, &body)
}

async fn sign_out_post(
    State(p): State<Arc<Pages>>,
    Query(q): Query<LangQuery>,
    client: ClientAddr,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let lang = page_lang(&q, &headers);
    let actor = page_actor(&p.staff, &jar, client).await;
    if !origin_ok(&p.staff, &headers, true) {
        return refuse_origin(&p.staff, &headers, client, actor.as_ref().map(|a| &a.account)).await;
    }
    if let Some(actor) = &actor
        && let Via::Session(id) = &actor.via
    {
        end_session(&p.staff, actor, id).await;
    }
    let body = format!(
        "{}<p><a href=\"/staff/sign-in?lang={}\">{}</a></p>",
        paragraph(&message(lang, "staff_signed_out", &[])),
        lang.code(),
        escape(&message(lang, "staff_request_link", &[]))
    );
    (jar.add(p.staff.session_cookie(String::new())), titled(&p, lang, &body)).into_response()
}

async fn passkey_script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], include_str!("passkey.js"))
        .into_response()
}

/// The server's own sign-in pages (outside `/api`).
pub fn pages(staff: Arc<Staff>, static_dir: &std::path::Path) -> axum::Router {
    use axum::routing::get;
    let state = Arc::new(Pages { staff, stylesheets: super::pages::stylesheets(static_dir) });
    axum::Router::new()
        .route("/staff/sign-in", get(sign_in_page).post(sign_in_post))
        .route("/staff/link/{token}", get(link_page).post(link_post))
        .route("/staff/signed-in", get(signed_in_page))
        .route("/staff/sign-out", axum::routing::post(sign_out_post))
        .route("/staff/passkey.js", get(passkey_script))
        .with_state(state)
}
