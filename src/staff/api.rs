//! The staff API (docs/staff.md), as the workspace calls it: same origin,
//! the session's cookie (`__Host-cluster-staff`), answers in the reader's
//! language. The browser sends the page's `Origin` with every state-changing
//! request, which the server checks.

use crate::data::{Send, bytes, send};
use crate::i18n::*;
use crate::lang_of;
use cluster_core::api::ProblemBody;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// Where the staff endpoints are: the portal's own server.
pub const BASE: &str = "/api/v1/staff";

/// Why a call gave no answer to use.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// 401: no session, or it ended.
    SignedOut,
    /// 404: unknown, or not the reader's to see (the same answer).
    NotFound,
    /// The server's refusal, worded in the reader's language.
    Problem { status: u16, code: String, detail: String },
    /// No answer, or one that is not the API's (a static host has no API).
    Unreachable(String),
}

impl Failure {
    /// The sentence to show.
    pub fn message(&self) -> String {
        let i18n = use_i18n();
        let detail = match self {
            Failure::SignedOut => t_string!(i18n, w_to_sign_in).to_owned(),
            Failure::NotFound => t_string!(i18n, w_not_found).to_owned(),
            Failure::Problem { detail, .. } => detail.clone(),
            Failure::Unreachable(d) => d.clone(),
        };
        td_string!(i18n.get_locale(), w_failed, detail = detail).to_string()
    }
}

/// `method path` (below [`BASE`]) with a JSON `body`, read as `T` (`()`
/// for 204). The reader's language is sent, so that problems are worded in it.
pub async fn call<T: DeserializeOwned>(method: &str, path: &str, body: Option<serde_json::Value>) -> Result<T, Failure> {
    let (_, bytes) = request(method, path, body, "application/json").await?;
    serde_json::from_slice(if bytes.is_empty() { b"null" } else { &bytes }).map_err(|e| Failure::Unreachable(e.to_string()))
}

/// `GET path` as CSV (the queue's export).
pub async fn csv(path: &str) -> Result<String, Failure> {
    request("GET", path, None, "text/csv").await.map(|(text, _)| text)
}

/// Downloads the CSV at `path` as the file `name`.
pub async fn download_csv(path: &str, name: &str) -> Result<(), Failure> {
    let text = csv(path).await?;
    crate::browser::download_text(name, "text/csv", &text);
    Ok(())
}

async fn request(method: &str, path: &str, body: Option<serde_json::Value>, accept: &str) -> Result<(String, Vec<u8>), Failure> {
    let url = format!("{BASE}{path}");
    let lang =
        use_context::<leptos_i18n::I18nContext<Locale>>().map_or(cluster_core::lang::Lang::Fr, |i| lang_of(i.get_locale_untracked()));
    let json = body.map(|b| wasm_bindgen::JsValue::from_str(&b.to_string()));
    let mut headers = vec![("Accept", accept), ("Accept-Language", lang.code())];
    if json.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    let req = Send { method: Some(method), headers: &headers, body: json.as_ref(), signal: None };
    let response = send(&url, req).await.map_err(|_| Failure::Unreachable(url.clone()))?;
    let status = response.status();
    let body = bytes(&url, &response).await.map_err(|_| Failure::Unreachable(url.clone()))?;
    match status {
        200..=299 => Ok((String::from_utf8_lossy(&body).into_owned(), body)),
        401 => Err(Failure::SignedOut),
        404 => Err(Failure::NotFound),
        _ => Err(match serde_json::from_slice::<ProblemBody>(&body) {
            Ok(p) => Failure::Problem { status, code: p.code.as_str().to_owned(), detail: p.detail },
            Err(_) => Failure::Unreachable(format!("{url}: HTTP {status}")),
        }),
    }
}
