//! Passkeys (WebAuthn, `webauthn-rs`), the stronger way in once an account
//! exists (docs/staff.md): a signed-in person registers one; anyone signs in
//! with one (discoverable credentials: no e-mail to type, none to guess).
//! The relying party is the portal's public origin; WebAuthn refuses an IP
//! address there, so a server without a name has no passkeys (and says so).
//! A ceremony's state stays in this process for five minutes.

use super::sign_in::start_session;
use super::{Actor, Staff, Via, blocking, origin_ok, refuse_origin, secret};
use crate::accounts::manage::json_body;
use crate::applications::now;
use crate::client::ClientAddr;
use crate::messages::request_lang;
use crate::problem::Problem;
use crate::store::StoreError;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use axum_extra::extract::cookie::CookieJar;
use cluster_core::api::{Account, Me, PasskeyInfo, PasskeyList};
use cluster_core::codes::Code;
use cluster_core::staff::Action;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, DiscoverableKey, Passkey, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential, Url, Uuid,
    Webauthn, WebauthnBuilder,
};

/// How long a started ceremony may be finished.
const CEREMONY: Duration = Duration::from_secs(5 * 60);
/// Ceremonies kept at most (the oldest go first): unauthenticated starts cannot fill memory.
const MAX_PENDING: usize = 10_000;

enum Pending {
    Register { account: i64, state: Box<PasskeyRegistration> },
    SignIn(Box<DiscoverableAuthentication>),
}

/// The relying party and the ceremonies under way.
pub struct Passkeys {
    webauthn: Option<Webauthn>,
    pending: Mutex<HashMap<String, (Instant, Pending)>>,
}

impl Passkeys {
    /// For the portal at `origin`; without passkeys (a warning logged) when
    /// the origin's host is not a name.
    pub fn new(origin: &str) -> Passkeys {
        let webauthn = Url::parse(origin).ok().and_then(|url| {
            let host = url.domain()?.to_owned();
            WebauthnBuilder::new(&host, &url).ok()?.rp_name("Cluster EnR").build().ok()
        });
        if webauthn.is_none() {
            tracing::warn!("passkeys are off: the public origin {origin} has no host name (WebAuthn refuses IP addresses)");
        }
        Passkeys { webauthn, pending: Mutex::new(HashMap::new()) }
    }

    /// Whether this server offers passkeys.
    pub fn available(&self) -> bool {
        self.webauthn.is_some()
    }

    fn put(&self, p: Pending) -> Option<String> {
        let id = secret()?;
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        pending.retain(|_, (at, _)| now.duration_since(*at) < CEREMONY);
        if pending.len() >= MAX_PENDING
            && let Some(oldest) = pending.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| k.clone())
        {
            pending.remove(&oldest);
        }
        pending.insert(id.clone(), (now, p));
        Some(id)
    }

    fn take(&self, id: &str) -> Option<Pending> {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let (at, p) = pending.remove(id)?;
        (at.elapsed() < CEREMONY).then_some(p)
    }
}

fn unavailable(headers: &HeaderMap) -> Response {
    Problem::new(StatusCode::SERVICE_UNAVAILABLE, Code::PasskeysUnavailable).respond(request_lang(headers))
}

fn internal(headers: &HeaderMap) -> Response {
    Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(request_lang(headers))
}

/// A started ceremony: its id, to send back with the browser's answer, and
/// the options for `navigator.credentials.create` / `.get`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Ceremony {
    pub ceremony: String,
    /// WebAuthn's `CredentialCreationOptions` or `CredentialRequestOptions` (binary fields base64url).
    #[schema(value_type = Object)]
    pub options: serde_json::Value,
}

#[utoipa::path(post, path = "/staff/passkeys/registration", tag = "staff", security(("session" = [])),
    responses((status = 200, description = "Options to create a passkey for oneself (signed in with a session)", body = Ceremony),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "With a token rather than a session, or from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 503, description = "Passkeys are off on this server (its public origin has no host name)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn start_registration(State(staff): State<Arc<Staff>>, Extension(actor): Extension<Actor>, headers: HeaderMap) -> Response {
    if matches!(actor.via, Via::Token(_)) {
        return actor.refuse(request_lang(&headers));
    }
    let Some(webauthn) = &staff.passkeys.webauthn else { return unavailable(&headers) };
    let mut fresh = [0u8; 16];
    if getrandom::fill(&mut fresh).is_err() {
        return Problem::new(StatusCode::SERVICE_UNAVAILABLE, Code::RandomUnavailable).respond(request_lang(&headers));
    }
    let (store, account) = (staff.store.clone(), actor.account.id);
    let Some(Ok((handle, keys))) =
        blocking(move || Ok::<_, StoreError>((store.user_handle(account, fresh)?, store.passkeys(account)?))).await
    else {
        return internal(&headers);
    };
    let Ok(user) = Uuid::from_slice(&handle) else { return internal(&headers) };
    let exclude: Vec<_> =
        keys.iter().filter_map(|k| serde_json::from_str::<Passkey>(&k.passkey).ok()).map(|p| p.cred_id().clone()).collect();
    let Ok((options, state)) = webauthn.start_passkey_registration(user, &actor.account.email, &actor.account.name, Some(exclude)) else {
        return internal(&headers);
    };
    let Some(ceremony) = staff.passkeys.put(Pending::Register { account: actor.account.id, state: Box::new(state) }) else {
        return Problem::new(StatusCode::SERVICE_UNAVAILABLE, Code::RandomUnavailable).respond(request_lang(&headers));
    };
    Json(Ceremony { ceremony, options: serde_json::to_value(options).unwrap_or_default() }).into_response()
}

/// The browser's new credential.
#[derive(Deserialize, utoipa::ToSchema)]
struct Registration {
    ceremony: String,
    /// What to call it ("laptop"); "passkey" if empty.
    #[serde(default)]
    #[schema(max_length = 80)]
    name: String,
    /// WebAuthn's `PublicKeyCredential` from `navigator.credentials.create` (binary fields base64url).
    #[schema(value_type = Object)]
    credential: serde_json::Value,
}

#[utoipa::path(post, path = "/staff/passkeys", tag = "staff", security(("session" = [])),
    request_body(content = Registration, content_type = "application/json"),
    responses((status = 201, description = "The passkey is registered to oneself", body = PasskeyInfo),
        (status = 400, description = "Malformed JSON, or a credential the ceremony does not accept", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "With a token, or from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 409, description = "This credential is registered already", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "Not JSON of this shape", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 503, description = "Passkeys are off on this server", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn finish_registration(
    State(staff): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    if matches!(actor.via, Via::Token(_)) {
        return actor.refuse(lang);
    }
    let Some(webauthn) = &staff.passkeys.webauthn else { return unavailable(&headers) };
    let reg: Registration = match json_body(&body) {
        Ok(r) => r,
        Err(p) => return p.respond(lang),
    };
    let invalid = || Problem::new(StatusCode::BAD_REQUEST, Code::PasskeyInvalid).respond(lang);
    let Ok(credential) = serde_json::from_value::<RegisterPublicKeyCredential>(reg.credential) else { return invalid() };
    let state = match staff.passkeys.take(&reg.ceremony) {
        Some(Pending::Register { account, state }) if account == actor.account.id => state,
        _ => return invalid(),
    };
    let Ok(passkey) = webauthn.finish_passkey_registration(&credential, &state) else { return invalid() };
    let name = match reg.name.trim() {
        "" => "passkey".to_owned(),
        n => n.chars().filter(|c| !c.is_control()).take(80).collect(),
    };
    let Ok(json) = serde_json::to_string(&passkey) else { return internal(&headers) };
    let entry = actor.audit(&staff, Action::PasskeyAdded, None, name.clone());
    let (store, at, account, cred_id) = (staff.store.clone(), now(staff.clock).0, actor.account.id, passkey.cred_id().to_vec());
    let (n, a) = (name.clone(), at.clone());
    match blocking(move || store.add_passkey(account, &cred_id, &json, &n, &a, &entry)).await {
        Some(Ok(Some(id))) => (StatusCode::CREATED, Json(PasskeyInfo { id, name, created_at: at, last_used_at: None })).into_response(),
        Some(Ok(None)) => Problem::new(StatusCode::CONFLICT, Code::PasskeyExists).respond(lang),
        _ => internal(&headers),
    }
}

#[utoipa::path(get, path = "/staff/passkeys", tag = "staff", security(("staff" = []), ("session" = [])),
    responses((status = 200, description = "One's passkeys, oldest first", body = PasskeyList),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn list(State(staff): State<Arc<Staff>>, Extension(actor): Extension<Actor>, headers: HeaderMap) -> Response {
    let (store, account) = (staff.store.clone(), actor.account.id);
    match blocking(move || store.passkeys(account)).await {
        Some(Ok(rows)) => Json(PasskeyList {
            items: rows
                .into_iter()
                .map(|r| PasskeyInfo { id: r.id, name: r.name, created_at: r.created_at, last_used_at: r.last_used_at })
                .collect(),
        })
        .into_response(),
        _ => internal(&headers),
    }
}

#[utoipa::path(delete, path = "/staff/passkeys/{id}", tag = "staff", security(("staff" = []), ("session" = [])),
    params(("id" = i64, Path, description = "The passkey")),
    responses((status = 204, description = "Removed: it signs nobody in any more"),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "From another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "No such passkey of one's own", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn remove(
    State(staff): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let not_found = || Problem::new(StatusCode::NOT_FOUND, Code::NotFound).respond(request_lang(&headers));
    let Ok(id) = id.parse::<i64>() else { return not_found() };
    let entry = actor.audit(&staff, Action::PasskeyRemoved, None, id.to_string());
    let (store, account) = (staff.store.clone(), actor.account.id);
    match blocking(move || store.remove_passkey(account, id, &entry)).await {
        Some(Ok(true)) => StatusCode::NO_CONTENT.into_response(),
        Some(Ok(false)) => not_found(),
        _ => internal(&headers),
    }
}

#[utoipa::path(post, path = "/staff/passkeys/sign-in", tag = "staff",
    responses((status = 200, description = "Options to sign in with any passkey of this portal", body = Ceremony),
        (status = 403, description = "Sent from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many sign-in attempts from this address", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 503, description = "Passkeys are off on this server", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn start_sign_in(State(staff): State<Arc<Staff>>, client: ClientAddr, headers: HeaderMap) -> Response {
    if !origin_ok(&staff, &headers, false) {
        return refuse_origin(&staff, &headers, client, None).await;
    }
    let Some(webauthn) = &staff.passkeys.webauthn else { return unavailable(&headers) };
    if let Some(p) = staff.sign_in_limited(client) {
        return p.respond(request_lang(&headers));
    }
    let Ok((options, state)) = webauthn.start_discoverable_authentication() else { return internal(&headers) };
    let Some(ceremony) = staff.passkeys.put(Pending::SignIn(Box::new(state))) else {
        return Problem::new(StatusCode::SERVICE_UNAVAILABLE, Code::RandomUnavailable).respond(request_lang(&headers));
    };
    Json(Ceremony { ceremony, options: serde_json::to_value(options).unwrap_or_default() }).into_response()
}

/// The browser's answer to a sign-in ceremony.
#[derive(Deserialize, utoipa::ToSchema)]
struct Assertion {
    ceremony: String,
    /// WebAuthn's `PublicKeyCredential` from `navigator.credentials.get` (binary fields base64url).
    #[schema(value_type = Object)]
    credential: serde_json::Value,
}

#[utoipa::path(post, path = "/staff/sessions/passkey", tag = "staff",
    request_body(content = Assertion, content_type = "application/json"),
    responses((status = 201, description = "Signed in: the session cookie is set", body = Me),
        (status = 400, description = "Malformed JSON, or a passkey not accepted (unknown, disabled account, expired ceremony)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Not sent from the portal's origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "Not JSON of this shape", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many sign-in attempts from this address", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 503, description = "Passkeys are off on this server", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn finish_sign_in(
    State(staff): State<Arc<Staff>>,
    client: ClientAddr,
    jar: CookieJar,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    if !origin_ok(&staff, &headers, true) {
        return refuse_origin(&staff, &headers, client, None).await;
    }
    let Some(webauthn) = &staff.passkeys.webauthn else { return unavailable(&headers) };
    let assertion: Assertion = match json_body(&body) {
        Ok(a) => a,
        Err(p) => return p.respond(lang),
    };
    if let Some(p) = staff.sign_in_limited(client) {
        return p.respond(lang);
    }
    let here: &Staff = &staff;
    let failed = |account: Option<&Account>| {
        let entry = here.entry(client.0.to_string(), account, Action::SignInFailed, "passkey");
        async move {
            here.record(entry).await;
            Problem::new(StatusCode::BAD_REQUEST, Code::PasskeyInvalid).respond(lang)
        }
    };
    let Ok(credential) = serde_json::from_value::<PublicKeyCredential>(assertion.credential) else { return failed(None).await };
    let Some(Pending::SignIn(state)) = staff.passkeys.take(&assertion.ceremony) else { return failed(None).await };
    let Ok((handle, _)) = webauthn.identify_discoverable_authentication(&credential) else { return failed(None).await };
    let (store, handle) = (staff.store.clone(), handle.as_bytes().to_vec());
    let Some(Ok(found)) = blocking(move || store.account_by_handle(&handle)).await else { return internal(&headers) };
    let Some((account, rows)) = found else { return failed(None).await };
    let keys: Vec<(i64, Passkey)> =
        rows.iter().filter_map(|r| serde_json::from_str::<Passkey>(&r.passkey).ok().map(|p| (r.id, p))).collect();
    let discoverable: Vec<DiscoverableKey> = keys.iter().map(|(_, p)| p.into()).collect();
    let Ok(result) = webauthn.finish_discoverable_authentication(&credential, *state, &discoverable) else {
        return failed(Some(&account)).await;
    };
    // Its counter moves on: kept, so that a cloned key shows.
    if let Some((id, mut passkey)) = keys.into_iter().find(|(_, p)| p.cred_id() == result.cred_id()) {
        passkey.update_credential(&result);
        if let Ok(json) = serde_json::to_string(&passkey) {
            let (store, at) = (staff.store.clone(), now(staff.clock).0);
            let _ = blocking(move || store.passkey_used(id, &json, &at)).await;
        }
    }
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    match start_session(&staff, &account, "passkey", client.0.to_string(), &user_agent).await {
        Ok(value) => (StatusCode::CREATED, jar.add(staff.session_cookie(value)), Json(Me { account, session: None })).into_response(),
        Err(p) => p.respond(lang),
    }
}

/// Passkey endpoints anyone may call (they sign in).
pub fn public_routes(staff: Arc<Staff>) -> OpenApiRouter {
    OpenApiRouter::new().routes(routes!(start_sign_in)).routes(routes!(finish_sign_in)).with_state(staff)
}

/// Passkey endpoints of a signed-in person.
pub fn routes() -> OpenApiRouter<Arc<Staff>> {
    OpenApiRouter::new().routes(routes!(start_registration)).routes(routes!(finish_registration, list)).routes(routes!(remove))
}
