//! The applicant's half of the changes-requested round (docs/api.md,
//! "Changes requested"): `GET /applications/{reference}/correction` opens
//! the request with the link's secret (`Authorization: Bearer …`), and
//! `PUT /applications/{reference}` sends the corrected answers with it,
//! once. Only the answers the team named are given out and taken back;
//! the reference stays.

use crate::accounts::digest;
use crate::applications::{ApplicationsState, limited, now, read_json};
use crate::client::ClientAddr;
use crate::messages::request_lang;
use crate::problem::Problem;
use crate::store::NewAudit;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cluster_core::api::{Corrected, Correction, Received};
use cluster_core::application::{Application, FieldError, is_reference, normalize};
use cluster_core::codes::Code;
use cluster_core::form::Draft;
use cluster_core::staff::Action;
use serde_json::Value;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The link's secret from `Authorization: Bearer …`, as its stored digest.
fn link_digest(headers: &HeaderMap) -> Option<Vec<u8>> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let secret = value.strip_prefix("Bearer ")?.trim();
    (!secret.is_empty() && secret.len() <= 100).then(|| digest(secret))
}

/// The one refusal for a link that opens nothing: unknown reference,
/// unknown, used, replaced or expired secret alike.
fn invalid_link() -> Problem {
    Problem::new(StatusCode::UNAUTHORIZED, Code::EditLinkInvalid)
}

/// The request (and the answers as sent) that the request's link opens.
async fn opened(
    state: &ApplicationsState,
    reference: &str,
    headers: &HeaderMap,
) -> Result<(crate::store::ChangeRow, String, Vec<u8>), Problem> {
    let Some(d) = link_digest(headers).filter(|_| is_reference(reference)) else { return Err(invalid_link()) };
    let (store, r, key, at) = (state.store.clone(), reference.to_owned(), d.clone(), state.clock.unix_seconds());
    match tokio::task::spawn_blocking(move || store.correction(&r, &key, at)).await {
        Ok(Ok(Some((row, body)))) => Ok((row, body, d)),
        Ok(Ok(None)) => Err(invalid_link()),
        _ => Err(Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal)),
    }
}

#[utoipa::path(get, path = "/applications/{reference}/correction", tag = "applications",
    params(("reference" = String, Path, description = "e.g. GBI-2026-7KQ4-M2XD"), ("Authorization" = String, Header, description = "`Bearer ` and the secret of the link e-mailed to the applicant")),
    responses((status = 200, description = "What the team asks to correct, and those answers as sent", body = Correction),
        (status = 401, description = "A link that opens nothing (unknown, used, replaced or expired)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many lookups from this address (see Retry-After)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn correction(
    State(state): State<Arc<ApplicationsState>>,
    Path(reference): Path<String>,
    parts: axum::http::request::Parts,
) -> Response {
    let lang = request_lang(&parts.headers);
    if let Some(p) = limited(state.lookup_limit.as_ref(), ClientAddr::of(&parts.extensions)) {
        return p.respond(lang);
    }
    match opened(&state, &reference, &parts.headers).await {
        Ok((row, body, _)) => {
            let sent = Draft::from_sent(&serde_json::from_str::<Value>(&body).unwrap_or(Value::Null));
            let answer = Correction { reference, changes: row.api(), answers: sent.answers(&row.fields) };
            ([(header::CACHE_CONTROL, "no-store")], axum::Json(answer)).into_response()
        }
        Err(p) => p.respond(lang),
    }
}

#[utoipa::path(put, path = "/applications/{reference}", tag = "applications",
    params(("reference" = String, Path, description = "e.g. GBI-2026-7KQ4-M2XD"), ("Authorization" = String, Header, description = "`Bearer ` and the secret of the link e-mailed to the applicant")),
    request_body(content = Corrected, content_type = "application/json", description = "The corrected answers, by field path; the others stay as sent"),
    responses((status = 200, description = "Corrected: the stage the application is back at", body = Received),
        (status = 400, description = "Malformed JSON", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "A link that opens nothing (unknown, used, replaced or expired)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 413, description = "Body over 256 KB", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 415, description = "Not application/json", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "An answer that was not asked for, or every refused field of the corrected application", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many attempts from this address (see Retry-After)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn correct(State(state): State<Arc<ApplicationsState>>, Path(reference): Path<String>, req: Request<Body>) -> Response {
    let (parts, body) = req.into_parts();
    let lang = request_lang(&parts.headers);
    let refuse = |p: Problem| p.respond(lang);
    let client = ClientAddr::of(&parts.extensions);
    if let Some(p) = limited(state.lookup_limit.as_ref(), client) {
        return refuse(p);
    }
    let value = match read_json(&parts.headers, body, || None).await {
        Ok(v) => v,
        Err(p) => return refuse(p),
    };
    let sent: Corrected = match serde_path_to_error::deserialize(&value) {
        Ok(c) => c,
        Err(e) => {
            let field = FieldError::new(e.path().to_string(), Code::TypeInvalid);
            return refuse(Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::TypeInvalid).fields(vec![field]));
        }
    };
    let (row, stored, key) = match opened(&state, &reference, &parts.headers).await {
        Ok(x) => x,
        Err(p) => return refuse(p),
    };
    if let Some(other) = sent.answers.keys().find(|k| !row.fields.contains(k)) {
        return refuse(
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::UnknownField)
                .fields(vec![FieldError::new(other.clone(), Code::UnknownField)]),
        );
    }
    let Ok(stored_value) = serde_json::from_str::<Value>(&stored) else {
        return refuse(Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal));
    };
    let (at, today) = now(state.clock);
    let merged = Draft::from_sent(&stored_value).corrected(&sent.answers, &row.fields);
    let errors = merged.errors(&state.dataset, today);
    if !errors.is_empty() {
        return refuse(Problem::new(StatusCode::UNPROCESSABLE_ENTITY, errors[0].code).fields(errors));
    }
    let (mut application, _) = merged.to_application();
    // What is not typed stays as it was sent: the declaration (and the
    // version of the notice it accepted) and the deck.
    if let Ok(sent) = serde_json::from_value::<Application>(stored_value) {
        application.declaration = sent.declaration;
        application.pitch_deck = sent.pitch_deck;
    }
    normalize(&mut application);
    let body = serde_json::to_string(&application).unwrap_or_default();
    let audit = NewAudit {
        at: at.clone(),
        account: None,
        action: Action::ChangesReceived,
        reference: Some(reference.clone()),
        address: client.0.to_string(),
        detail: row.fields.join(", "),
    };
    let (store, r, seconds, when) = (state.store.clone(), reference.clone(), state.clock.unix_seconds(), at.clone());
    match tokio::task::spawn_blocking(move || store.correct(&r, &key, seconds, &when, &body, &audit)).await {
        Ok(Ok(Some(status))) => axum::Json(Received { reference, status, received_at: at }).into_response(),
        // Used meanwhile (another tab sent it first).
        Ok(Ok(None)) => refuse(invalid_link()),
        _ => refuse(Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal)),
    }
}

/// The correction routes, relative to `/api/v1`.
pub fn routes(state: Arc<ApplicationsState>) -> OpenApiRouter {
    OpenApiRouter::new().routes(routes!(correction)).routes(routes!(correct)).with_state(state)
}
