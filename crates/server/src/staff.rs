//! Staff endpoints, behind a bearer token from the environment (compared in
//! constant time): list and read applications, move one stage forward or
//! back with a note (kept in the audit trail), CSV export, and the
//! applicant's rights under law 09-08: export and erase.

use crate::applications::now;
use crate::messages::request_lang;
use crate::problem::Problem;
use crate::store::{HistoryRow, StaffRow, Store};
use axum::Json;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use cluster_core::api::{ApplicantExport, HistoryEntry, Moved, StaffApplication, StaffList, StaffSummary};
use cluster_core::application::{Direction, Outcome, Status, next_status};
use cluster_core::codes::Code;
use cluster_core::csv;
use serde::Deserialize;
use serde_json::Value;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// What the staff routes share.
pub struct StaffState {
    pub store: Arc<Store>,
    /// The bearer token; `None` disables the staff endpoints (401 always).
    pub token: Option<String>,
    /// Where "now" comes from (the audit trail's times).
    pub clock: crate::Clock,
}

/// Equal in constant time (`subtle`), on SHA-256 digests so that the
/// token's length does not show either.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    use subtle::ConstantTimeEq;
    Sha256::digest(a).as_slice().ct_eq(Sha256::digest(b).as_slice()).into()
}

async fn require_token(State(state): State<Arc<StaffState>>, req: Request, next: Next) -> Response {
    let given =
        req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    match &state.token {
        Some(token) if !given.is_empty() && constant_time_eq(given.as_bytes(), token.as_bytes()) => next.run(req).await,
        _ => {
            let mut res = Problem::new(StatusCode::UNAUTHORIZED, Code::Unauthorized).respond(request_lang(req.headers()));
            res.headers_mut().insert(header::WWW_AUTHENTICATE, "Bearer".parse().expect("a static header"));
            res
        }
    }
}

fn summary(r: &StaffRow) -> StaffSummary {
    let body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
    let startup = |k: &str| body["startup"][k].as_str().map(str::to_owned);
    StaffSummary {
        reference: r.reference.clone(),
        status: r.status,
        outcome: r.outcome,
        startup: startup("name"),
        sector: startup("sector"),
        region: startup("region"),
        received_at: r.created_at.clone(),
        updated_at: r.updated_at.clone(),
    }
}

fn history(h: &[HistoryRow]) -> Vec<HistoryEntry> {
    h.iter().map(|x| HistoryEntry { from: x.from, to: x.to, note: x.note.clone(), at: x.at.clone() }).collect()
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(f).await.ok()
}

#[derive(Deserialize)]
struct ListQuery {
    status: Option<String>,
}

#[utoipa::path(get, path = "/staff/applications", tag = "staff", security(("staff" = [])), params(("status" = Option<String>, Query, description = "Only this status")),
    responses((status = 200, description = "Applications, newest first (CSV with `Accept: text/csv`)", body = StaffList), (status = 401, description = "No valid staff token", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn list(State(s): State<Arc<StaffState>>, Query(q): Query<ListQuery>, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    let store = s.store.clone();
    // A status no application can have lists none.
    let filter = q.status.as_deref().map(Status::parse);
    let Some(Ok(rows)) = blocking(move || match filter {
        Some(None) => Ok(Vec::new()),
        f => store.list(f.flatten()),
    })
    .await
    else {
        return Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang);
    };
    let wants_csv = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/csv"));
    if wants_csv {
        let columns = ["reference", "status", "outcome", "startup", "sector", "region", "received_at", "updated_at"];
        let header_row: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
        let lines = rows.iter().map(|r| {
            let v = serde_json::to_value(summary(r)).unwrap_or(Value::Null);
            columns.iter().map(|c| v[c].as_str().map_or_else(String::new, str::to_owned)).collect::<Vec<_>>()
        });
        return (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"applications.csv\"")],
            csv::document(&header_row, lines),
        )
            .into_response();
    }
    Json(StaffList { items: rows.iter().map(summary).collect(), total: rows.len() }).into_response()
}

#[utoipa::path(get, path = "/staff/applications/{reference}", tag = "staff", security(("staff" = [])), params(("reference" = String, Path, description = "Reference")),
    responses((status = 200, description = "The application and its audit trail", body = StaffApplication), (status = 404, description = "Unknown reference", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn read(State(s): State<Arc<StaffState>>, Path(reference): Path<String>, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    let store = s.store.clone();
    match blocking(move || store.get(&reference)).await {
        Some(Ok(Some((row, h)))) => {
            let body: Value = serde_json::from_str(&row.body).unwrap_or(Value::Null);
            Json(StaffApplication { summary: summary(&row), application: body, history: history(&h) }).into_response()
        }
        Some(Ok(None)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang),
    }
}

/// A staff move.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct Move {
    direction: Direction,
    /// Why: kept in the audit trail.
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    note: String,
    /// Required when the move decides (from `jury`).
    #[serde(default)]
    outcome: Option<Outcome>,
}

#[utoipa::path(post, path = "/staff/applications/{reference}/move", tag = "staff", security(("staff" = [])), params(("reference" = String, Path, description = "Reference")),
    request_body(content = Move, content_type = "application/json"),
    responses((status = 200, description = "The new stage", body = Moved),
        (status = 400, description = "Malformed JSON", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 409, description = "Moved by someone else meanwhile", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "Not a one-step move, no note, or no outcome when deciding", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn move_stage(
    State(s): State<Arc<StaffState>>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    // Malformed JSON is a 400, as on every endpoint; JSON of the wrong shape a 422.
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return Problem::new(StatusCode::BAD_REQUEST, Code::JsonMalformed)
                .arg("line", e.line())
                .arg("column", e.column())
                .respond(lang);
        }
    };
    let Ok(m) = serde_json::from_value::<Move>(value) else {
        return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::TypeInvalid).respond(lang);
    };
    if m.note.trim().is_empty() || m.note.chars().count() > 2000 {
        return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::NoteRequired).respond(lang);
    }
    let store = s.store.clone();
    let r = reference.clone();
    let row = match blocking(move || store.get(&r)).await {
        Some(Ok(Some((row, _)))) => row,
        Some(Ok(None)) => return Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        // The store failed: not the reference's fault.
        _ => return Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang),
    };
    let (to, outcome) = match next_status(row.status, m.direction, m.outcome) {
        Ok(x) => x,
        Err(code) => return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, code).respond(lang),
    };
    let store = s.store.clone();
    let (at, _) = now(s.clock);
    let note = m.note.trim().to_owned();
    let from = row.status;
    match blocking(move || store.move_status(&reference, from, to, outcome, &note, &at)).await {
        Some(Ok(true)) => Json(Moved { reference: row.reference, status: to, outcome }).into_response(),
        // Someone else moved it between our read and our write.
        Some(Ok(false)) => Problem::new(StatusCode::CONFLICT, Code::StatusConflict).respond(lang),
        _ => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang),
    }
}

#[utoipa::path(get, path = "/staff/applications/{reference}/export", tag = "staff", security(("staff" = [])), params(("reference" = String, Path, description = "Reference")),
    responses((status = 200, description = "Everything held about the applicant (law 09-08 access request)", body = ApplicantExport),
        (status = 404, description = "Unknown reference", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn export(State(s): State<Arc<StaffState>>, Path(reference): Path<String>, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    let store = s.store.clone();
    match blocking(move || store.get(&reference)).await {
        Some(Ok(Some((row, h)))) => {
            let body: Value = serde_json::from_str(&row.body).unwrap_or(Value::Null);
            let doc = ApplicantExport {
                reference: row.reference.clone(),
                status: row.status,
                outcome: row.outcome,
                received_at: row.created_at,
                application: body,
                history: history(&h),
            };
            ([(header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}.json\"", row.reference))], Json(doc)).into_response()
        }
        Some(Ok(None)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang),
    }
}

#[utoipa::path(delete, path = "/staff/applications/{reference}", tag = "staff", security(("staff" = [])), params(("reference" = String, Path, description = "Reference")),
    responses((status = 204, description = "Erased with its history and idempotency key (law 09-08)"), (status = 404, description = "Unknown reference", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn erase(State(s): State<Arc<StaffState>>, Path(reference): Path<String>, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    let store = s.store.clone();
    match blocking(move || store.erase(&reference)).await {
        Some(Ok(true)) => StatusCode::NO_CONTENT.into_response(),
        Some(Ok(false)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang),
    }
}

/// The staff routes, relative to `/api/v1`.
pub fn routes(state: Arc<StaffState>) -> OpenApiRouter {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(read, erase))
        .routes(routes!(move_stage))
        .routes(routes!(export))
        .route_layer(middleware::from_fn_with_state(state.clone(), require_token))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    #[test]
    fn token_comparison() {
        assert!(super::constant_time_eq(b"secret", b"secret"));
        assert!(!super::constant_time_eq(b"secret", b"secreT"));
        assert!(!super::constant_time_eq(b"secret", b"secret2"));
        assert!(!super::constant_time_eq(b"", b"x"));
    }
}
