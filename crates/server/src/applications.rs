//! `POST /applications` (idempotent, rate limited) and
//! `GET /applications/{reference}` (the applicant's view).

use crate::client::ClientAddr;
use crate::messages::request_lang;
use crate::problem::Problem;
use crate::store::{Store, Submitted};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cluster_core::api::{Received, StatusAnswer, StatusStep};
use cluster_core::application::{
    Application, CallStatus, Day, FieldError, INCUBATOR, Status, call_status, is_reference, normalize, reference, validate_application,
};
use cluster_core::codes::Code;
use cluster_core::model::Dataset;
use serde_json::Value;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// JSON bodies larger than this are refused with 413 (docs/api.md).
pub const BODY_LIMIT: usize = 256 * 1024;

/// Requests per client address and minute.
pub struct RateLimit<K = IpAddr> {
    max: u32,
    window: Duration,
    seen: Mutex<HashMap<K, (Instant, u32)>>,
}

impl<K: std::hash::Hash + Eq> RateLimit<K> {
    /// `per_minute` per key and minute.
    pub fn new(per_minute: u32) -> RateLimit<K> {
        RateLimit::per(per_minute, Duration::from_secs(60))
    }

    /// `max` per key and `window`.
    pub fn per(max: u32, window: Duration) -> RateLimit<K> {
        RateLimit { max, window, seen: Mutex::new(HashMap::new()) }
    }

    /// `Ok` (and counted), or the seconds to wait.
    pub fn check(&self, key: K) -> Result<(), u64> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        let entry = seen.entry(key).or_insert((now, 0));
        if entry.1 >= self.max {
            return Err(self.window.saturating_sub(now.duration_since(entry.0)).as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

/// The 429 problem (with `Retry-After`) when `limit` refuses `client` (an
/// unknown address is counted too); `None` when it may go on or there is no limit.
pub(crate) fn limited(limit: Option<&RateLimit>, client: ClientAddr) -> Option<Problem> {
    let wait = limit?.check(client.0).err()?;
    let mut p = Problem::new(StatusCode::TOO_MANY_REQUESTS, Code::RateLimited).arg("seconds", wait);
    p.retry_after = Some(wait);
    Some(p)
}

/// What the application routes share.
pub struct ApplicationsState {
    pub dataset: Arc<Dataset>,
    pub store: Arc<Store>,
    pub rate_limit: Option<RateLimit>,
    /// Status lookups per address: a guard against guessing references.
    pub lookup_limit: Option<RateLimit>,
    pub clock: crate::Clock,
    /// Where applicants' e-mails go, and the portal's origin their links point to.
    pub mailer: Arc<crate::accounts::mail::Mailer>,
    pub origin: String,
}

/// Now by `clock`, as RFC 3339 UTC, and today's date.
pub(crate) fn now(clock: crate::Clock) -> (String, Day) {
    let secs = clock.unix_seconds();
    (rfc3339(secs), Day::from_unix_days((secs / 86_400) as i64))
}

/// A time in seconds since 1970 as RFC 3339 UTC (the store's format, which
/// sorts as text).
pub fn rfc3339(secs: u64) -> String {
    let t = secs % 86_400;
    format!("{}T{:02}:{:02}:{:02}Z", Day::from_unix_days((secs / 86_400) as i64).iso(), t / 3600, t / 60 % 60, t % 60)
}

/// Unpredictable numbers for as many references as a submission needs
/// (a collision asks for another): SHA-256 of one seed from the system's
/// random source and a counter. `None` when that source fails.
pub(crate) fn random_draws() -> Option<impl FnMut() -> u64 + Send + 'static> {
    random_draws_from(getrandom::fill)
}

fn random_draws_from(fill: impl Fn(&mut [u8]) -> Result<(), getrandom::Error>) -> Option<impl FnMut() -> u64 + Send + 'static> {
    use sha2::{Digest, Sha256};
    let mut seed = [0u8; 32];
    fill(&mut seed).ok()?;
    let mut counter = 0u64;
    Some(move || {
        counter += 1;
        let d = Sha256::new().chain_update(seed).chain_update(counter.to_le_bytes()).finalize();
        u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
    })
}

/// The same JSON with object keys sorted, so bodies compare as parsed JSON.
fn canonical(v: &Value) -> String {
    fn sort(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                Value::Object(keys.into_iter().map(|k| (k.clone(), sort(&m[k]))).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(sort).collect()),
            other => other.clone(),
        }
    }
    sort(v).to_string()
}

/// Every string of the document in Unicode NFC.
fn nfc(v: &mut Value) {
    match v {
        Value::String(s) => *s = s.nfc().collect(),
        Value::Array(a) => a.iter_mut().for_each(nfc),
        Value::Object(m) => m.values_mut().for_each(nfc),
        _ => {}
    }
}

/// A serde error met while reading an [`Application`], as a field error.
fn shape_error(e: serde_path_to_error::Error<serde_json::Error>) -> FieldError {
    let path = e.path().to_string();
    let msg = e.inner().to_string();
    // serde_path_to_error's path already ends with an unknown field's name.
    let join = |name: &str| {
        if path == "." || path.is_empty() {
            name.to_owned()
        } else if path.ends_with(name) {
            path.clone()
        } else {
            format!("{path}.{name}")
        }
    };
    if let Some(name) = msg.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
        FieldError { field: join(name), code: Code::UnknownField, min: None, max: None }
    } else if let Some(name) = msg.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        FieldError { field: join(name), code: Code::Required, min: None, max: None }
    } else {
        FieldError { field: if path == "." { String::new() } else { path }, code: Code::TypeInvalid, min: None, max: None }
    }
}

/// An application's JSON from a request: refused (as the problem to give)
/// when it is not JSON, larger than [`BODY_LIMIT`] (before a byte is read
/// when the size is announced), when `precondition` refuses it (after the
/// headers, before the body), or malformed; its strings in NFC.
pub(crate) async fn read_json(headers: &HeaderMap, body: Body, precondition: impl FnOnce() -> Option<Problem>) -> Result<Value, Problem> {
    if !is_json(headers) {
        return Err(Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, Code::ContentType));
    }
    let announced = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > BODY_LIMIT as u64) {
        return Err(Problem::new(StatusCode::PAYLOAD_TOO_LARGE, Code::BodyTooLarge));
    }
    if let Some(p) = precondition() {
        return Err(p);
    }
    let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(crate::problem::body_read_error)?;
    let mut value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, Code::JsonMalformed).arg("line", e.line()).arg("column", e.column()))?;
    nfc(&mut value);
    Ok(value)
}

/// `value` as an [`Application`], or the 422 naming the first field of the wrong shape.
fn shaped(value: &Value) -> Result<Application, Problem> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::TypeInvalid).fields(vec![shape_error(e)]))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

#[utoipa::path(post, path = "/applications", tag = "applications",
    params(("Idempotency-Key" = String, Header, min_length = 1, max_length = 200, pattern = "^[!-~]+$",
        description = "Required: 1 to 200 visible ASCII characters, e.g. a UUID, new for each application; the same key with equal JSON replays the first response")),
    request_body(content = Application, content_type = "application/json", example = json!({
        "eligibility": { "based_in_morocco": true, "under_five_years": true, "innovative": true },
        "startup": { "name": "SunBox", "legal_form": "SARL", "creation_date": "2025-05-01", "ice": "001234567000089",
                     "region": "souss-massa", "city": "agadir", "website": "https://sunbox.example", "sector": "solar" },
        "team": [{ "full_name": "Salma Idrissi", "role": "CEO", "email": "salma@sunbox.example", "phone": "06 12 34 56 78",
                   "gender": "female", "age_band": "25-34" }],
        "project": { "pitch": "Pompage solaire connecté",
                     "problem": "Les petites exploitations pompent au diesel, cher et polluant, faute d'énergie fiable.",
                     "solution": "Une pompe solaire connectée, louée au mois, avec un suivi de l'eau et de l'énergie.",
                     "innovation": "Un contrôleur qui ajuste le débit au soleil et aux besoins de la culture, à distance.",
                     "environmental_impact": "Moins de diesel brûlé et d'eau perdue : environ 4 t de CO2 évitées par pompe et par an.",
                     "stage": "prototype", "jobs_created": 3, "jobs_planned": 12 },
        "funding": { "raised_mad": 0, "sought_mad": 400000, "self_financing_pct": 20, "patent": true },
        "declaration": { "accurate": true, "consent": true, "consent_version": "2026-11" }
    })),
    responses(
        (status = 201, description = "Received: the reference to follow it", body = cluster_core::api::Received),
        (status = 400, description = "Malformed JSON or no Idempotency-Key", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 413, description = "Body over 256 KB", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 415, description = "Not application/json", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "Every refused field, no open call (`call_closed`), or the key reused with another body", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many submissions from this address (Retry-After)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
    ))]
async fn submit(State(state): State<Arc<ApplicationsState>>, req: Request<Body>) -> Response {
    let (parts, body) = req.into_parts();
    let lang = request_lang(&parts.headers);
    let refuse = |p: Problem| p.respond(lang);
    let key = parts.headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::trim).unwrap_or_default().to_owned();
    let value = match read_json(&parts.headers, body, || {
        (key.is_empty() || key.len() > 200 || !key.bytes().all(|b| b.is_ascii_graphic()))
            .then(|| Problem::new(StatusCode::BAD_REQUEST, Code::IdempotencyKeyMissing))
    })
    .await
    {
        Ok(v) => v,
        Err(p) => return refuse(p),
    };
    let canonical_body = canonical(&value);
    // A retry gets the first answer, whatever changed since (rules, dataset,
    // the call's dates) and without counting against the rate limit.
    let (store, k, c) = (state.store.clone(), key.clone(), canonical_body.clone());
    match tokio::task::spawn_blocking(move || store.replay(&k, &c)).await {
        Ok(Ok(None)) => {}
        Ok(Ok(Some(seen))) => return answer(seen, lang),
        _ => return refuse(Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal)),
    }
    if let Some(p) = limited(state.rate_limit.as_ref(), ClientAddr::of(&parts.extensions)) {
        return refuse(p);
    }
    let mut application = match shaped(&value) {
        Ok(a) => a,
        Err(p) => return refuse(p),
    };
    let (now, today) = now(state.clock);
    let errors = validate_application(&application, &state.dataset, today);
    if !errors.is_empty() {
        let p = Problem::new(StatusCode::UNPROCESSABLE_ENTITY, errors[0].code).fields(errors);
        return refuse(p);
    }
    let call = match call_status(&state.dataset, INCUBATOR, today) {
        CallStatus::Open(call) => call.id.clone(),
        CallStatus::Closed { .. } => return refuse(Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::CallClosed)),
    };
    normalize(&mut application);
    let stored = serde_json::to_string(&application).unwrap_or_default();
    let store = state.store.clone();
    let year = today.year;
    // References must be unguessable: without the system's random source the
    // request is refused rather than given a predictable one.
    let Some(mut draw) = random_draws() else {
        return refuse(Problem::new(StatusCode::SERVICE_UNAVAILABLE, Code::RandomUnavailable));
    };
    let deck = application.pitch_deck.clone();
    let result = tokio::task::spawn_blocking(move || {
        store.submit(
            &key,
            &canonical_body,
            &stored,
            Some(&call),
            deck.as_deref(),
            &now,
            || reference(year, draw()),
            |r| {
                let body = Received { reference: r.to_owned(), status: Status::Received, received_at: now.clone() };
                (201, serde_json::to_string(&body).unwrap_or_default())
            },
        )
    })
    .await;
    match result {
        Ok(Ok(done)) => {
            if let Submitted::Created { response, .. } = &done {
                acknowledge(&state, response, lang).await;
            }
            answer(done, lang)
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e.0, "storing an application failed");
            refuse(Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal))
        }
        Err(_) => refuse(Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal)),
    }
}

/// Records the language of a new application (given by its response) and
/// e-mails its applicant the reference, in the background.
async fn acknowledge(state: &ApplicationsState, response: &str, lang: cluster_core::lang::Lang) {
    let Some(reference) = serde_json::from_str::<Value>(response).ok().and_then(|v| v["reference"].as_str().map(str::to_owned)) else {
        return;
    };
    let (store, r) = (state.store.clone(), reference.clone());
    if let Ok(Err(e)) = tokio::task::spawn_blocking(move || store.set_lang(&r, lang.code())).await {
        tracing::error!(error = %e.0, "recording an application's language failed");
    }
    crate::notify::spawn(state.mailer.clone(), state.store.clone(), state.origin.clone(), reference, crate::notify::Letter::Received);
}

/// The response to what a submission did.
fn answer(done: Submitted, lang: cluster_core::lang::Lang) -> Response {
    match done {
        Submitted::Created { status, response } | Submitted::Replayed { status, response } => {
            let reference =
                serde_json::from_str::<Value>(&response).ok().and_then(|v| v["reference"].as_str().map(str::to_owned)).unwrap_or_default();
            let mut res = (StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED), response).into_response();
            res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            if let Ok(loc) = HeaderValue::from_str(&format!("/api/v1/applications/{reference}")) {
                res.headers_mut().insert(header::LOCATION, loc);
            }
            res
        }
        Submitted::KeyReused => Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::IdempotencyMismatch).respond(lang),
        Submitted::DeckUnavailable => {
            let e = FieldError { field: "pitch_deck".into(), code: Code::UploadUnknown, min: None, max: None };
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::UploadUnknown).fields(vec![e]).respond(lang)
        }
    }
}

#[utoipa::path(get, path = "/applications/{reference}", tag = "applications", params(("reference" = String, Path, description = "e.g. GBI-2026-7KQ4-M2XD")),
    responses((status = 200, description = "Current stage, dates and outcome once decided", body = cluster_core::api::StatusAnswer), (status = 404, description = "Unknown reference", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many lookups from this address (see Retry-After)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn status(State(state): State<Arc<ApplicationsState>>, Path(reference): Path<String>, parts: axum::http::request::Parts) -> Response {
    let lang = request_lang(&parts.headers);
    if let Some(p) = limited(state.lookup_limit.as_ref(), ClientAddr::of(&parts.extensions)) {
        return p.respond(lang);
    }
    if !is_reference(&reference) {
        return Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang);
    }
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || store.status(&reference)).await {
        Ok(Ok(Some(v))) => {
            let body = StatusAnswer {
                reference: v.reference,
                status: v.status,
                outcome: v.outcome,
                received_at: v.created_at,
                updated_at: v.updated_at,
                history: v.history.into_iter().map(|(status, at)| StatusStep { status, at }).collect(),
                reason: v.reason,
            };
            ([(header::CACHE_CONTROL, "no-store")], axum::Json(body)).into_response()
        }
        Ok(Ok(None)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang),
    }
}

/// The application routes, relative to `/api/v1`.
pub fn routes(state: Arc<ApplicationsState>) -> OpenApiRouter {
    OpenApiRouter::new()
        .routes(routes!(submit))
        .routes(routes!(status))
        // The body limit is enforced in `submit`, with a problem+json answer.
        .layer(axum::extract::DefaultBodyLimit::disable())
        .with_state(state)
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_random_source_means_no_draws() {
        assert!(super::random_draws_from(|_| Err(getrandom::Error::UNSUPPORTED)).is_none());
        let mut draw = super::random_draws().expect("the system has a random source");
        let (a, b) = (draw(), draw());
        assert_ne!(a, b);
    }

    use super::*;

    #[test]
    fn canonical_ignores_key_order_and_spacing() {
        let a: Value = serde_json::from_str(r#"{"b": 1, "a": {"y": [1, 2], "x": null}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a":{"x":null,"y":[1,2]},"b":1}"#).unwrap();
        assert_eq!(canonical(&a), canonical(&b));
        let c: Value = serde_json::from_str(r#"{"a":{"x":null,"y":[2,1]},"b":1}"#).unwrap();
        assert_ne!(canonical(&a), canonical(&c));
    }

    #[test]
    fn rate_limit_counts_per_address() {
        let l = RateLimit::new(2);
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        assert!(l.check(ip).is_ok() && l.check(ip).is_ok());
        assert!(l.check(ip).is_err());
        assert!(l.check("127.0.0.2".parse().unwrap()).is_ok());
    }
}
