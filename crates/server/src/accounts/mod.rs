//! Staff accounts (docs/staff.md): who is asking, from a session cookie or a
//! personal API token; whether a state-changing request comes from the
//! portal's own origin; the secrets behind links, sessions and tokens.
//! The endpoints are in [`sign_in`] (links, sessions) and [`manage`]
//! (accounts, tokens, the audit trail).

pub mod mail;
pub mod manage;
mod pages;
pub mod passkeys;
pub mod sign_in;

use crate::applications::{RateLimit, now};
use crate::client::ClientAddr;
use crate::messages::request_lang;
use crate::problem::Problem;
use crate::store::{NewAudit, Store};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use cluster_core::api::Account;
use cluster_core::codes::Code;
use cluster_core::staff::{Action, Permission};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;

/// The session cookie's name on an `https` origin: `__Host-` makes browsers
/// refuse it unless it is `Secure`, host-only and on `/`.
pub const COOKIE: &str = "__Host-cluster-staff";
/// Its name on a plain `http` origin (a server on `http://localhost`):
/// WebKit keeps no `Secure` cookie from `http://localhost` (Chromium and
/// Firefox do), and `__Host-` requires `Secure`.
pub const COOKIE_HTTP: &str = "cluster-staff";
/// A session ends after this long unused…
pub const IDLE: Duration = Duration::from_secs(8 * 3600);
/// …and this long after it began, whatever its use.
pub const ABSOLUTE: Duration = Duration::from_secs(7 * 24 * 3600);
/// A sign-in link works once, within this time.
pub const LINK_LIFETIME: Duration = Duration::from_secs(15 * 60);
/// Personal API tokens start with this, so that a leaked one is recognisable.
pub const TOKEN_PREFIX: &str = "cet_";

/// What staff routes share.
pub struct Staff {
    pub store: Arc<Store>,
    pub clock: crate::Clock,
    /// The portal's origin (`--public-url`): links point there, and
    /// state-changing requests must come from it.
    pub origin: String,
    pub mailer: Arc<mail::Mailer>,
    /// Sign-in link requests and link uses per client address.
    pub sign_in_per_address: RateLimit,
    /// Sign-in links sent per account (beyond, a request is answered alike and nothing is sent).
    pub links_per_account: RateLimit<i64>,
    /// The WebAuthn relying party and its ceremonies under way.
    pub passkeys: passkeys::Passkeys,
}

impl Staff {
    /// Whether the portal's origin is served over TLS.
    fn secure(&self) -> bool {
        self.origin.starts_with("https://")
    }

    /// The session cookie's name on this origin ([`COOKIE`] or [`COOKIE_HTTP`]).
    pub fn cookie_name(&self) -> &'static str {
        if self.secure() { COOKIE } else { COOKIE_HTTP }
    }

    /// The session cookie carrying `value` on this origin (empty and
    /// expired: removes it).
    pub fn session_cookie(&self, value: String) -> Cookie<'static> {
        let lifetime =
            if value.is_empty() { cookie::time::Duration::ZERO } else { cookie::time::Duration::seconds(ABSOLUTE.as_secs() as i64) };
        Cookie::build((self.cookie_name(), value))
            .path("/")
            .secure(self.secure())
            .http_only(true)
            .same_site(SameSite::Strict)
            .max_age(lifetime)
            .build()
    }

    /// The 429 (with `Retry-After`) when `client` has used its sign-in attempts.
    pub fn sign_in_limited(&self, client: ClientAddr) -> Option<Problem> {
        crate::applications::limited(Some(&self.sign_in_per_address), client)
    }

    /// An audit entry of now, from `address`, by `account` (none: the person is not known).
    pub fn entry(&self, address: String, account: Option<&Account>, action: Action, detail: impl Into<String>) -> NewAudit {
        NewAudit {
            at: now(self.clock).0,
            account: account.map(|a| (a.id, a.name.clone())),
            action,
            reference: None,
            address,
            detail: detail.into(),
        }
    }

    /// Adds `entry` to the audit trail; whether it was written.
    pub async fn record(&self, entry: NewAudit) -> bool {
        let store = self.store.clone();
        matches!(blocking(move || store.audit(&entry)).await, Some(Ok(())))
    }
}

/// A random secret: 32 bytes from the system's source, base64url.
pub fn secret() -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The digest kept for a secret.
pub fn digest(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// How a request proved who it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Via {
    /// The session cookie; the session's id.
    Session(String),
    /// A personal API token; its id.
    Token(i64),
}

/// The signed-in person behind a staff request (a request extension).
#[derive(Debug, Clone)]
pub struct Actor {
    pub account: Account,
    pub via: Via,
    pub address: ClientAddr,
}

impl Actor {
    pub fn may(&self, p: Permission) -> bool {
        self.account.role.may(p)
    }

    /// An audit entry by this person, now, about `reference` if any ([`Staff::entry`]).
    pub fn audit(&self, staff: &Staff, action: Action, reference: Option<&str>, detail: impl Into<String>) -> NewAudit {
        NewAudit { reference: reference.map(str::to_owned), ..staff.entry(self.address.0.to_string(), Some(&self.account), action, detail) }
    }

    /// The 403 for a permission this person lacks.
    pub fn refuse(&self, lang: cluster_core::lang::Lang) -> Response {
        Problem::new(StatusCode::FORBIDDEN, Code::Forbidden).respond(lang)
    }

    /// The JSON body of a request that needs `needed`, or the answer to
    /// give: 403 when this person lacks it (before the body is read), else
    /// 400 for malformed JSON and 422 for the wrong shape.
    pub fn body<T: serde::de::DeserializeOwned>(
        &self,
        needed: Permission,
        body: &[u8],
        lang: cluster_core::lang::Lang,
    ) -> Result<T, Response> {
        if !self.may(needed) {
            return Err(self.refuse(lang));
        }
        manage::json_body(body).map_err(|p| p.respond(lang))
    }
}

/// The `Origin` of a request, if it sent one.
fn origin_of(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
}

/// Whether a state-changing request may go on: an `Origin` it sends must
/// be the portal's; `required` (a cookie is what signs it in, or it signs
/// someone in) refuses one without `Origin` too.
pub fn origin_ok(staff: &Staff, headers: &HeaderMap, required: bool) -> bool {
    match origin_of(headers) {
        Some(o) => o.eq_ignore_ascii_case(&staff.origin),
        None => !required,
    }
}

/// The 403 for a request from another origin, logged and put in the audit trail.
pub async fn refuse_origin(staff: &Staff, headers: &HeaderMap, client: ClientAddr, account: Option<&Account>) -> Response {
    let origin = origin_of(headers).unwrap_or("(none)").chars().take(200).collect::<String>();
    tracing::warn!(origin, "a state-changing staff request from another origin was refused");
    staff.record(staff.entry(client.0.to_string(), account, Action::OriginRefused, origin)).await;
    Problem::new(StatusCode::FORBIDDEN, Code::OriginRefused).respond(request_lang(headers))
}

/// Runs store work off the async threads.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(f).await.ok()
}

/// Who is asking: a personal API token (`Authorization: Bearer`), else the
/// session cookie. Refuses with 401 when neither is valid, and a
/// state-changing request from another origin with 403.
pub async fn authenticate(State(staff): State<Arc<Staff>>, jar: CookieJar, mut req: Request, next: Next) -> Response {
    let lang = request_lang(req.headers());
    let client = ClientAddr::of(req.extensions());
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let bearer =
        req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).map(str::trim);
    let now_secs = staff.clock.unix_seconds();
    let (at, _) = now(staff.clock);
    let store = staff.store.clone();
    let found = match bearer {
        Some(token) if !token.is_empty() => {
            let d = digest(token);
            blocking(move || store.token(&d, &at)).await.map(|r| r.map(|o| o.map(|(id, a)| (Via::Token(id), a))))
        }
        Some(_) => Some(Ok(None)),
        None => match jar.get(staff.cookie_name()).map(|c| c.value().to_owned()).filter(|v| !v.is_empty()) {
            Some(value) => {
                let d = digest(&value);
                blocking(move || store.session(&d, now_secs, IDLE.as_secs(), ABSOLUTE.as_secs()))
                    .await
                    .map(|r| r.map(|o| o.map(|(s, a)| (Via::Session(s.id), a))))
            }
            None => Some(Ok(None)),
        },
    };
    let (via, account) = match found {
        Some(Ok(Some(x))) => x,
        Some(Ok(None)) => {
            let mut res = Problem::new(StatusCode::UNAUTHORIZED, Code::Unauthorized).respond(lang);
            res.headers_mut().insert(header::WWW_AUTHENTICATE, "Bearer".parse().expect("a static header"));
            if bearer.is_none() && jar.get(staff.cookie_name()).is_some() {
                // A dead session: the browser may forget its cookie.
                return (jar.add(staff.session_cookie(String::new())), res).into_response();
            }
            return res;
        }
        _ => return Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang),
    };
    if unsafe_method && !origin_ok(&staff, req.headers(), matches!(via, Via::Session(_))) {
        return refuse_origin(&staff, req.headers(), client, Some(&account)).await;
    }
    req.extensions_mut().insert(Actor { account, via, address: client });
    next.run(req).await
}
