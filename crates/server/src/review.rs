//! Reviewing an application (docs/staff.md, "Scores", "Notes and conflicts
//! of interest"), for whoever may read it ([`crate::staff::readable`]):
//! score sheets against the call's rubric, the others' scores unseen until
//! one's own sheet is in; private notes, never shown to the applicant; and
//! declaring a conflict of interest, after which the application leaves
//! one's queue and can no longer be read. Each is in the audit trail.

use crate::accounts::manage::json_body;
use crate::accounts::{Actor, Staff, blocking};
use crate::applications::now;
use crate::messages::request_lang;
use crate::problem::Problem;
use crate::staff::{internal, readable};
use crate::store::StoreError;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use cluster_core::codes::Code;
use cluster_core::review::{Note, Said, ScoreBoard, Sheet, board, check_sheet, check_text, weighted};
use cluster_core::staff::Action;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The score board `actor` may see on `reference` (the others' sheets only
/// once theirs is in: `cluster_core::review::board`).
async fn score_board(s: &Staff, actor: &Actor, reference: &str, lang: cluster_core::lang::Lang) -> Response {
    let (store, r, me) = (s.store.clone(), reference.to_owned(), actor.account.id);
    let board = blocking(move || {
        let Some(rubric) = store.rubric_of(&r)? else { return Ok::<_, StoreError>(None) };
        let sheets = store.sheets(&r, &rubric)?;
        Ok(Some(board(&rubric, me, sheets)))
    })
    .await;
    match board {
        Some(Ok(Some(b))) => Json(b).into_response(),
        Some(Ok(None)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => internal(lang),
    }
}

#[utoipa::path(get, path = "/staff/applications/{reference}/scores", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    responses((status = 200, description = "The rubric and the reader's sheet; every sheet, the average and the spread only once the reader's own is in", body = ScoreBoard),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference, or not one the reader may see", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn scores(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    if let Err(res) = readable(&s, &actor, &reference, lang).await {
        return res;
    }
    score_board(&s, &actor, &reference, lang).await
}

#[utoipa::path(put, path = "/staff/applications/{reference}/scores", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    request_body(content = Sheet, content_type = "application/json"),
    responses((status = 200, description = "The board after the sheet: every sheet, the average and the spread", body = ScoreBoard),
        (status = 400, description = "Malformed JSON", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "From another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference, or not one the reader may see", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "A criterion missing, unknown or twice (count), a score off 1–5 (range), a comment empty or over 2 000 characters (note_required)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn put_scores(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let sheet: Sheet = match json_body(&body) {
        Ok(x) => x,
        Err(p) => return p.respond(lang),
    };
    if let Err(res) = readable(&s, &actor, &reference, lang).await {
        return res;
    }
    let (store, r) = (s.store.clone(), reference.clone());
    let rubric = match blocking(move || store.rubric_of(&r)).await {
        Some(Ok(Some(rubric))) => rubric,
        Some(Ok(None)) => return Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => return internal(lang),
    };
    let marks = match check_sheet(&rubric, &sheet) {
        Ok(m) => m,
        Err(code) => return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, code).respond(lang),
    };
    let detail = format!("{:.2}", weighted(&rubric, &marks));
    let entry = actor.audit(&s, Action::Scored, Some(&reference), detail);
    let (store, r, at, who) = (s.store.clone(), reference.clone(), now(s.clock).0, (actor.account.id, actor.account.name.clone()));
    match blocking(move || store.put_scores(&r, (who.0, &who.1), &marks, &at, &entry)).await {
        Some(Ok(true)) => score_board(&s, &actor, &reference, lang).await,
        Some(Ok(false)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => internal(lang),
    }
}

#[utoipa::path(get, path = "/staff/applications/{reference}/notes", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    responses((status = 200, description = "The team's private notes, oldest first", body = [Note]),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference, or not one the reader may see", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn notes(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    if let Err(res) = readable(&s, &actor, &reference, lang).await {
        return res;
    }
    let store = s.store.clone();
    match blocking(move || store.notes(&reference)).await {
        Some(Ok(notes)) => Json(notes).into_response(),
        _ => internal(lang),
    }
}

#[utoipa::path(post, path = "/staff/applications/{reference}/notes", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    request_body(content = Said, content_type = "application/json"),
    responses((status = 201, description = "Added: every note, oldest first", body = [Note]),
        (status = 400, description = "Malformed JSON", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "From another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference, or not one the reader may see", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "An empty note, or one over 2 000 characters", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn add_note(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let text = match said_in(&body) {
        Ok(t) => t,
        Err(p) => return p.respond(lang),
    };
    if let Err(res) = readable(&s, &actor, &reference, lang).await {
        return res;
    }
    // The trail says that a note was added, not what it says.
    let entry = actor.audit(&s, Action::NoteAdded, Some(&reference), String::new());
    let (store, at, who) = (s.store.clone(), now(s.clock).0, (actor.account.id, actor.account.name.clone()));
    let added = blocking(move || {
        let added = store.add_note(&reference, (who.0, &who.1), &text, &at, &entry)?;
        Ok::<_, StoreError>(if added { Some(store.notes(&reference)?) } else { None })
    })
    .await;
    match added {
        Some(Ok(Some(notes))) => (StatusCode::CREATED, Json(notes)).into_response(),
        Some(Ok(None)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => internal(lang),
    }
}

#[utoipa::path(post, path = "/staff/applications/{reference}/conflict", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    request_body(content = Said, content_type = "application/json"),
    responses((status = 204, description = "Declared: the application leaves the declarer's queue and can no longer be read by them"),
        (status = 400, description = "Malformed JSON", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "From another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference, or not one the reader may see", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "No reason given, or one over 2 000 characters", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn declare_conflict(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let reason = match said_in(&body) {
        Ok(t) => t,
        Err(p) => return p.respond(lang),
    };
    if let Err(res) = readable(&s, &actor, &reference, lang).await {
        return res;
    }
    let entry = actor.audit(&s, Action::ConflictDeclared, Some(&reference), reason.clone());
    let (store, at, me) = (s.store.clone(), now(s.clock).0, actor.account.id);
    match blocking(move || store.declare_conflict(&reference, me, &reason, &at, &entry)).await {
        Some(Ok(true)) => StatusCode::NO_CONTENT.into_response(),
        Some(Ok(false)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => internal(lang),
    }
}

/// The text of a note, or of a conflict's reason, in `body`; or the
/// problem to answer (400 malformed, 422 empty or too long).
fn said_in(body: &[u8]) -> Result<String, Problem> {
    let said: Said = json_body(body)?;
    check_text(&said.text).map_err(|code| Problem::new(StatusCode::UNPROCESSABLE_ENTITY, code))
}

pub fn routes() -> OpenApiRouter<Arc<Staff>> {
    OpenApiRouter::new().routes(routes!(scores, put_scores)).routes(routes!(notes, add_note)).routes(routes!(declare_conflict))
}
