//! Staff endpoints on applications (docs/staff.md), for a signed-in person
//! ([`crate::accounts::authenticate`]) within their role: list and read
//! (a juror only what is assigned to them, without contact data), move one
//! stage forward or back with a note, assign, download the pitch deck,
//! export as CSV, and the applicant's rights under law 09-08: export and
//! erase. Every read of personal data and every change is in the audit trail.

use crate::accounts::{Actor, Staff, blocking};
use crate::applications::now;
use crate::messages::request_lang;
use crate::notify::{self, Letter};
use crate::problem::Problem;
use crate::store::{ChangeRow, HistoryRow, NewAudit, StaffRow, StoreError};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use base64::Engine;
use cluster_core::api::{ApplicantExport, Assignee, Changes, DeckExport, HistoryEntry, Moved, StaffApplication, StaffList, StaffSummary};
use cluster_core::application::{Direction, Outcome, Status, changes_return_to, next_status};
use cluster_core::codes::Code;
use cluster_core::correction::{LINK_DAYS, request_fields};
use cluster_core::csv;
use cluster_core::lang::Lang;
use cluster_core::queue::{BadParameter, Entry, View, page, select};
use cluster_core::review::check_text;
use cluster_core::staff::{Action, CONTACT_FIELDS, Permission, without_contact};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The request asks for CSV.
pub fn wants_csv(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/csv"))
}

/// A CSV download.
pub fn csv_attachment(filename: &str, text: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        text,
    )
        .into_response()
}

pub(crate) fn internal(lang: cluster_core::lang::Lang) -> Response {
    Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang)
}

/// An application the actor may read, with its history and assignees:
/// `Err` is the answer to give instead (404 for one they may not see, so
/// that a juror cannot tell which references exist).
pub(crate) async fn readable(
    staff: &Staff,
    actor: &Actor,
    reference: &str,
    lang: cluster_core::lang::Lang,
) -> Result<(StaffRow, Vec<HistoryRow>, Vec<Assignee>), Response> {
    let (store, r, me) = (staff.store.clone(), reference.to_owned(), actor.account.id);
    let found = blocking(move || {
        // One who declared a conflict of interest on it reads it no more.
        if store.conflicts_of(me)?.contains(&r) {
            return Ok(None);
        }
        let Some((row, history)) = store.get(&r)? else { return Ok::<_, StoreError>(None) };
        Ok(Some((row, history, store.assignees(&r)?)))
    })
    .await;
    match found {
        Some(Ok(Some((row, history, assignees))))
            if actor.may(Permission::ReadAll) || assignees.iter().any(|a| a.account_id == actor.account.id) =>
        {
            Ok((row, history, assignees))
        }
        Some(Ok(_)) => Err(Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang)),
        _ => Err(internal(lang)),
    }
}

/// The queue's entry for `r`: its summary with the reader's score and,
/// once that is in, the average of every sheet (`sheets`: each reference's
/// weighted sheets by account), and the founders' names for the search.
fn entry_of(r: &StaffRow, assignees: Vec<Assignee>, me: i64, sheets: &HashMap<String, Vec<(i64, f64)>>) -> Entry {
    let mut summary = summary(r, assignees);
    let these = sheets.get(&r.reference).map(Vec::as_slice).unwrap_or_default();
    summary.my_score = these.iter().find(|(who, _)| *who == me).map(|(_, w)| *w);
    summary.average = summary.my_score.map(|_| these.iter().map(|(_, w)| w).sum::<f64>() / these.len() as f64);
    let body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
    let founders =
        body["team"].as_array().map(|t| t.iter().filter_map(|m| m["full_name"].as_str().map(str::to_owned)).collect()).unwrap_or_default();
    Entry { summary, founders }
}

fn summary(r: &StaffRow, assignees: Vec<Assignee>) -> StaffSummary {
    let body: Value = serde_json::from_str(&r.body).unwrap_or(Value::Null);
    let startup = |k: &str| body["startup"][k].as_str().map(str::to_owned);
    StaffSummary {
        reference: r.reference.clone(),
        status: r.status,
        outcome: r.outcome,
        startup: startup("name"),
        sector: startup("sector"),
        region: startup("region"),
        call: r.call.clone(),
        received_at: r.created_at.clone(),
        updated_at: r.updated_at.clone(),
        assignees,
        my_score: None,
        average: None,
    }
}

fn history(h: &[HistoryRow]) -> Vec<HistoryEntry> {
    h.iter().map(|x| HistoryEntry { from: x.from, to: x.to, note: x.note.clone(), at: x.at.clone(), by: x.by.clone() }).collect()
}

#[utoipa::path(get, path = "/staff/applications", tag = "staff", security(("staff" = []), ("session" = [])), params(("tab" = Option<String>, Query, description = "to_pick_up, mine, open, decided or withdrawn (none: every application)"),
        ("call" = Option<String>, Query, description = "Only this call's id (the data document's `calls`)"),
        ("stage" = Option<String>, Query, description = "Only this stage (also `status`)"),
        ("sector" = Option<String>, Query, description = "Only this sector id"), ("region" = Option<String>, Query, description = "Only this region id"),
        ("assignee" = Option<i64>, Query, description = "Only those assigned to this account"),
        ("q" = Option<String>, Query, description = "Words in the start-up's or the founders' names (accents and Arabic forms folded)"),
        ("sort" = Option<String>, Query, description = "date (newest first, the default) or score (highest average first)"),
        ("page" = Option<usize>, Query, minimum = 1, maximum = 9_223_372_036_854_775_807_u64, description = "Page of 50, from 1")),
    responses((status = 200, description = "A page of the view's applications the reader may see (a juror: assigned ones; none declared a conflict on); CSV of the whole view with `Accept: text/csv`, not for jurors, recorded in the audit trail", body = StaffList),
        (status = 400, description = "A page or assignee that is not a whole number", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "CSV asked by a role that may not export", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn list(State(s): State<Arc<Staff>>, Extension(actor): Extension<Actor>, RawQuery(raw): RawQuery, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    let wants_csv = wants_csv(&headers);
    if wants_csv && !actor.may(Permission::Export) {
        return actor.refuse(lang);
    }
    let all = crate::directory::pairs(raw.as_deref());
    let view = match View::parse(&all) {
        Ok(v) => v,
        Err(BadParameter(name @ ("page" | "assignee"))) => return number_expected(name, lang),
        // A tab, stage or order no application can have lists none.
        Err(_) => return Json(StaffList { items: Vec::new(), total: 0, page: 1 }).into_response(),
    };
    let entry = actor.audit(&s, Action::ListExported, None, view.query());
    let selected = match view_entries(&s, &actor, &view, wants_csv.then_some(entry), lang).await {
        Ok(x) => x,
        Err(res) => return res,
    };
    let total = selected.len();
    let items: Vec<StaffSummary> = if wants_csv { selected } else { page(&view, selected) }.into_iter().map(|e| e.summary).collect();
    if wants_csv {
        let columns = ["reference", "status", "outcome", "startup", "sector", "region", "call", "received_at", "updated_at", "assignees"];
        let header_row: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
        let lines = items.iter().map(|x| {
            let v = serde_json::to_value(x).unwrap_or(Value::Null);
            let mut cells: Vec<String> =
                columns[..columns.len() - 1].iter().map(|c| v[c].as_str().map_or_else(String::new, str::to_owned)).collect();
            cells.push(x.assignees.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "));
            cells
        });
        return csv_attachment("applications.csv", csv::document(&header_row, lines));
    }
    Json(StaffList { items, total, page: view.page }).into_response()
}

/// The 400 for a queue's page or assignee that is not a whole number in range.
fn number_expected(name: &str, lang: Lang) -> Response {
    Problem::new(StatusCode::BAD_REQUEST, Code::ParameterInvalid).arg("name", name).arg("min", 1).arg("max", i64::MAX).respond(lang)
}

/// The queue's entries of `view` that `actor` may see, in its order (every
/// page), with `audit` recorded first when given (an export); `Err` is the
/// answer to give.
async fn view_entries(s: &Staff, actor: &Actor, view: &View, audit: Option<NewAudit>, lang: Lang) -> Result<Vec<Entry>, Response> {
    let store = s.store.clone();
    let me = actor.account.id;
    let Some(Ok((rows, mut assignees, conflicts, sheets))) = blocking(move || {
        let rows = store.list(None)?;
        if let Some(entry) = &audit {
            store.audit(entry)?;
        }
        Ok::<_, StoreError>((rows, store.all_assignees()?, store.conflicts_of(me)?, store.weighted_sheets()?))
    })
    .await
    else {
        return Err(internal(lang));
    };
    let all = actor.may(Permission::ReadAll);
    let entries: Vec<Entry> = rows
        .iter()
        .filter(|r| !conflicts.contains(&r.reference))
        .filter_map(|r| {
            let who = assignees.remove(&r.reference).unwrap_or_default();
            (all || who.iter().any(|a| a.account_id == me)).then(|| entry_of(r, who, me, &sheets))
        })
        .collect();
    Ok(select(view, me, entries))
}

#[utoipa::path(get, path = "/staff/scores", tag = "staff", security(("staff" = []), ("session" = [])), params(("tab" = Option<String>, Query, description = "As for the queue (`GET /staff/applications`)"),
        ("call" = Option<String>, Query, description = "As for the queue"), ("stage" = Option<String>, Query, description = "As for the queue"), ("sector" = Option<String>, Query, description = "As for the queue"),
        ("region" = Option<String>, Query, description = "As for the queue"), ("assignee" = Option<i64>, Query, description = "As for the queue"),
        ("q" = Option<String>, Query, description = "As for the queue"), ("sort" = Option<String>, Query, description = "As for the queue")),
    responses((status = 200, description = "CSV: one row per application of the view, reviewer and criterion (score, weight, comment), for the applications whose board the reader sees (their own sheet is in); recorded in the audit trail", content_type = "text/csv", body = String),
        (status = 400, description = "An assignee that is not a whole number", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "A role that may not export", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn scores_csv(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    if !actor.may(Permission::Export) {
        return actor.refuse(lang);
    }
    let header_row: Vec<String> = ["reference", "startup", "reviewer", "submitted_at", "criterion", "label", "weight", "score", "comment"]
        .map(str::to_owned)
        .to_vec();
    let view = match View::parse(&crate::directory::pairs(raw.as_deref())) {
        Ok(v) => v,
        Err(BadParameter(name @ ("page" | "assignee"))) => return number_expected(name, lang),
        Err(_) => return csv_attachment("scores.csv", csv::document(&header_row, std::iter::empty::<Vec<String>>())),
    };
    let entry = actor.audit(&s, Action::ScoresExported, None, view.query());
    let selected = match view_entries(&s, &actor, &view, Some(entry), lang).await {
        Ok(x) => x,
        Err(res) => return res,
    };
    // The blind rule holds here too: only boards the reader sees.
    let seen: Vec<(String, Option<String>)> =
        selected.into_iter().filter(|e| e.summary.my_score.is_some()).map(|e| (e.summary.reference, e.summary.startup)).collect();
    let store = s.store.clone();
    let Some(Ok(boards)) = blocking(move || {
        let mut boards = Vec::new();
        for (r, startup) in seen {
            // Erased meanwhile: nothing to list.
            let Some(rubric) = store.rubric_of(&r)? else { continue };
            let sheets = store.sheets(&r, &rubric)?;
            boards.push((r, startup, rubric, sheets));
        }
        Ok::<_, StoreError>(boards)
    })
    .await
    else {
        return internal(lang);
    };
    let mut lines: Vec<Vec<String>> = Vec::new();
    for (reference, startup, rubric, sheets) in &boards {
        for sheet in sheets {
            for mark in &sheet.marks {
                let criterion = rubric.criteria.iter().find(|c| c.id == mark.criterion);
                lines.push(vec![
                    reference.clone(),
                    startup.clone().unwrap_or_default(),
                    sheet.name.clone(),
                    sheet.submitted_at.clone(),
                    mark.criterion.clone(),
                    criterion.map(|c| c.label.in_lang(lang).to_owned()).unwrap_or_default(),
                    criterion.map(|c| c.weight.to_string()).unwrap_or_default(),
                    mark.score.to_string(),
                    mark.comment.clone(),
                ]);
            }
        }
    }
    csv_attachment("scores.csv", csv::document(&header_row, lines))
}

#[utoipa::path(get, path = "/staff/applications/{reference}", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    responses((status = 200, description = "The application and its history (a juror's copy withholds contact data); recorded in the audit trail", body = StaffApplication),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference, or not one this person may read", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn read(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    let (row, h, assignees) = match readable(&s, &actor, &reference, lang).await {
        Ok(x) => x,
        Err(res) => return res,
    };
    if !s.record(actor.audit(&s, Action::ApplicationRead, Some(&row.reference), "")).await {
        return internal(lang);
    }
    let body: Value = serde_json::from_str(&row.body).unwrap_or(Value::Null);
    let (application, withheld) = if actor.may(Permission::ContactData) {
        (body, Vec::new())
    } else {
        (without_contact(body), CONTACT_FIELDS.iter().map(|f| format!("team[].{f}")).collect())
    };
    let pending = match pending_changes(&s, &row, lang).await {
        Ok(p) => p.map(|p| p.api()),
        Err(res) => return res,
    };
    Json(StaffApplication { summary: summary(&row, assignees), application, history: history(&h), withheld, changes: pending })
        .into_response()
}

/// A staff move.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct Move {
    direction: Direction,
    /// Why: kept in the application's history with the mover's name.
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    note: String,
    /// Required when the move decides (from `jury`).
    #[serde(default)]
    outcome: Option<Outcome>,
    /// When deciding: the applicant sees the note as the decision's reason
    /// (on the status page and in the decision's e-mail).
    #[serde(default)]
    share: bool,
}

#[utoipa::path(post, path = "/staff/applications/{reference}/move", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    request_body(content = Move, content_type = "application/json"),
    responses((status = 200, description = "The new stage", body = Moved),
        (status = 400, description = "Malformed JSON", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "A role that may not move applications, or from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 409, description = "Moved by someone else meanwhile", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "Not a one-step move, no note, or no outcome when deciding", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn move_stage(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let m: Move = match actor.body(Permission::Move, &body, lang) {
        Ok(m) => m,
        Err(res) => return res,
    };
    let note = match check_text(&m.note) {
        Ok(note) => note,
        Err(code) => return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, code).respond(lang),
    };
    let (row, _, _) = match readable(&s, &actor, &reference, lang).await {
        Ok(x) => x,
        Err(res) => return res,
    };
    let (to, outcome) = match next_status(row.status, m.direction, m.outcome) {
        Ok(x) => x,
        Err(code) => return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, code).respond(lang),
    };
    let (at, _) = now(s.clock);
    let from = row.status;
    let detail = format!("{} → {}{}", from.as_str(), to.as_str(), outcome.map(|o| format!(" ({})", o.as_str())).unwrap_or_default());
    let entry = actor.audit(&s, Action::StageMoved, Some(&reference), detail);
    let (store, by) = (s.store.clone(), (actor.account.id, actor.account.name.clone()));
    let shared = (to == Status::Decided && m.share).then(|| note.clone());
    let reason = shared.clone();
    let moved = blocking(move || {
        let done = store.move_status(&reference, from, to, outcome, &note, &at, Some((by.0, &by.1)))?;
        if done {
            store.share_reason(&reference, shared.as_deref())?;
            store.audit(&entry)?;
        }
        Ok::<_, StoreError>(done)
    })
    .await;
    match moved {
        Some(Ok(true)) => {
            if let Some(outcome) = outcome.filter(|_| to == Status::Decided) {
                notify::spawn(
                    s.mailer.clone(),
                    s.store.clone(),
                    s.origin.clone(),
                    row.reference.clone(),
                    Letter::Decision { outcome, reason },
                );
            }
            Json(Moved { reference: row.reference, status: to, outcome }).into_response()
        }
        // Someone else moved it between our read and our write.
        Some(Ok(false)) => Problem::new(StatusCode::CONFLICT, Code::StatusConflict).respond(lang),
        _ => internal(lang),
    }
}

/// The request for corrections waiting on `row`, if it waits for one; `Err` is the answer to give.
async fn pending_changes(s: &Staff, row: &StaffRow, lang: cluster_core::lang::Lang) -> Result<Option<ChangeRow>, Response> {
    if row.status != Status::ChangesRequested {
        return Ok(None);
    }
    let (store, r) = (s.store.clone(), row.reference.clone());
    match blocking(move || store.pending_changes(&r)).await {
        Some(Ok(p)) => Ok(p),
        _ => Err(internal(lang)),
    }
}

/// A request for corrections.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct AskChanges {
    /// The answers to correct, as field paths (`startup.name`, `team[0].email`): 1 to 40 of
    /// those the form has, but the eligibility, the deck and the declaration.
    fields: Vec<String>,
    /// The team's words to the applicant (in the e-mail and on the correction screen).
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    message: String,
}

/// The answer to a request for corrections.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct ChangesAsked {
    reference: String,
    status: Status,
    changes: Changes,
    /// Whether the e-mail with the link went out (else: ask again for a new link).
    mailed: bool,
}

#[utoipa::path(post, path = "/staff/applications/{reference}/changes", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    request_body(content = AskChanges, content_type = "application/json"),
    responses((status = 200, description = "Asked: the applicant is e-mailed a single-use link valid 14 days (a new request replaces a pending one)", body = ChangesAsked),
        (status = 400, description = "Malformed JSON", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "A role that may not move applications, or from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 409, description = "Moved by someone else meanwhile", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "No message, no field or one a correction may not change, or a decided or withdrawn application", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 503, description = "The system's random source failed", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn ask_changes(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let ask: AskChanges = match actor.body(Permission::Move, &body, lang) {
        Ok(a) => a,
        Err(res) => return res,
    };
    let Ok(message) = check_text(&ask.message) else {
        return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::NoteRequired).respond(lang);
    };
    let (row, _, _) = match readable(&s, &actor, &reference, lang).await {
        Ok(x) => x,
        Err(res) => return res,
    };
    let team = serde_json::from_str::<Value>(&row.body).ok().and_then(|b| b["team"].as_array().map(Vec::len)).unwrap_or(0);
    let fields = match request_fields(&ask.fields, team) {
        Ok(f) => f,
        Err(e) => return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, e.code).fields(vec![e]).respond(lang),
    };
    let pending = match pending_changes(&s, &row, lang).await {
        Ok(p) => p.map(|p| p.back_to),
        Err(res) => return res,
    };
    let back_to = match changes_return_to(row.status, pending) {
        Ok(b) => b,
        Err(code) => return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, code).respond(lang),
    };
    let Some(token) = crate::accounts::secret() else {
        return Problem::new(StatusCode::SERVICE_UNAVAILABLE, Code::RandomUnavailable).respond(lang);
    };
    let (at, _) = now(s.clock);
    let request =
        ChangeRow { fields, message: message.clone(), back_to, asked_at: at, expires: s.clock.unix_seconds() + LINK_DAYS * 86_400 };
    let entry = actor.audit(&s, Action::ChangesRequested, Some(&reference), request.fields.join(", "));
    let (store, r, by, from, req) =
        (s.store.clone(), reference.clone(), (actor.account.id, actor.account.name.clone()), row.status, request.clone());
    let digest = crate::accounts::digest(&token);
    match blocking(move || store.request_changes(&r, from, &req, &digest, (by.0, &by.1), &entry)).await {
        Some(Ok(true)) => {}
        Some(Ok(false)) => return Problem::new(StatusCode::CONFLICT, Code::StatusConflict).respond(lang),
        _ => return internal(lang),
    }
    let letter = Letter::Changes { message, token };
    let mailed = match notify::write(&s.mailer, &s.store, &s.origin, &reference, letter).await {
        Ok(to) => {
            tracing::info!(reference, "correction link sent to {to}");
            true
        }
        Err(e) => {
            tracing::error!(reference, "a correction link could not be sent: {e}");
            false
        }
    };
    Json(ChangesAsked { reference, status: Status::ChangesRequested, changes: request.api(), mailed }).into_response()
}

#[utoipa::path(put, path = "/staff/applications/{reference}/assignees/{account}", tag = "staff", security(("staff" = []), ("session" = [])),
    params(("reference" = String, Path, description = "Reference"), ("account" = i64, Path, description = "The person to assign (oneself, unless an admin)")),
    responses((status = 200, description = "Who is assigned now", body = [Assignee]),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Assigning someone else without being an admin, a juror assigning themselves, or from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference or account (or a disabled one)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn assign(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path((reference, account)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    set_assignment(s, actor, reference, account, true, headers).await
}

#[utoipa::path(delete, path = "/staff/applications/{reference}/assignees/{account}", tag = "staff", security(("staff" = []), ("session" = [])),
    params(("reference" = String, Path, description = "Reference"), ("account" = i64, Path, description = "The person to unassign (oneself, unless an admin)")),
    responses((status = 200, description = "Who is assigned now", body = [Assignee]),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Unassigning someone else without being an admin, or from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference or account", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn unassign(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path((reference, account)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    set_assignment(s, actor, reference, account, false, headers).await
}

async fn set_assignment(s: Arc<Staff>, actor: Actor, reference: String, account: String, on: bool, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    // An id that is not a number is no account's.
    let Ok(account) = account.parse::<i64>() else {
        return Problem::new(StatusCode::NOT_FOUND, Code::NotFound).respond(lang);
    };
    let allowed = actor.may(Permission::AssignAnyone) || (account == actor.account.id && actor.may(Permission::AssignSelf));
    if !allowed {
        return actor.refuse(lang);
    }
    let store = s.store.clone();
    let target = match blocking(move || store.account(account)).await {
        Some(Ok(Some(a))) if a.disabled_at.is_none() || !on => a,
        Some(Ok(_)) => return Problem::new(StatusCode::NOT_FOUND, Code::NotFound).respond(lang),
        _ => return internal(lang),
    };
    let action = if on { Action::Assigned } else { Action::Unassigned };
    let entry = actor.audit(&s, action, Some(&reference), format!("{} ({})", target.name, target.role.as_str()));
    let (store, at) = (s.store.clone(), now(s.clock).0);
    let done = blocking(move || {
        let Some(_) = store.assign(&reference, account, on, &at, &entry)? else { return Ok::<_, StoreError>(None) };
        Ok(Some(store.assignees(&reference)?))
    })
    .await;
    match done {
        Some(Ok(Some(who))) => Json(who).into_response(),
        Some(Ok(None)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => internal(lang),
    }
}

#[utoipa::path(get, path = "/staff/applications/{reference}/deck", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    responses((status = 200, description = "The pitch deck, as a download (never shown inline); recorded in the audit trail", content_type = "application/pdf"),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference, not one this person may read, or no deck", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn deck(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    if let Err(res) = readable(&s, &actor, &reference, lang).await {
        return res;
    }
    let (store, r) = (s.store.clone(), reference.clone());
    let (id, data) = match blocking(move || store.deck(&r)).await {
        Some(Ok(Some(x))) => x,
        Some(Ok(None)) => return Problem::new(StatusCode::NOT_FOUND, Code::NotFound).respond(lang),
        _ => return internal(lang),
    };
    if !s.record(actor.audit(&s, Action::DeckRead, Some(&reference), id)).await {
        return internal(lang);
    }
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{reference}-pitch-deck.pdf\"")),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            // Opened directly, it still runs nothing and frames nothing.
            (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox".to_owned()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        data,
    )
        .into_response()
}

#[utoipa::path(get, path = "/staff/applications/{reference}/export", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    responses((status = 200, description = "Everything held about the applicant, pitch deck included (law 09-08 access request); recorded in the audit trail", body = ApplicantExport),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "A role that may not export", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn export(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    if !actor.may(Permission::Export) {
        return actor.refuse(lang);
    }
    let entry = actor.audit(&s, Action::ApplicantExported, Some(&reference), "");
    let store = s.store.clone();
    let found = blocking(move || {
        let Some((row, h)) = store.get(&reference)? else { return Ok::<_, StoreError>(None) };
        let deck = store.deck(&reference)?;
        store.audit(&entry)?;
        Ok(Some((row, h, deck)))
    })
    .await;
    match found {
        Some(Ok(Some((row, h, deck)))) => {
            let body: Value = serde_json::from_str(&row.body).unwrap_or(Value::Null);
            let pitch_deck = deck.map(|(id, data)| DeckExport {
                id,
                media_type: "application/pdf".to_owned(),
                size: data.len() as u64,
                base64: base64::engine::general_purpose::STANDARD.encode(&data),
            });
            let doc = ApplicantExport {
                reference: row.reference.clone(),
                status: row.status,
                outcome: row.outcome,
                received_at: row.created_at,
                application: body,
                history: history(&h),
                pitch_deck,
            };
            ([(header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}.json\"", row.reference))], Json(doc)).into_response()
        }
        Some(Ok(None)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => internal(lang),
    }
}

#[utoipa::path(delete, path = "/staff/applications/{reference}", tag = "staff", security(("staff" = []), ("session" = [])), params(("reference" = String, Path, description = "Reference")),
    responses((status = 204, description = "Erased with its history, deck and idempotency key (law 09-08); the audit trail keeps that it was, not what"),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Not an admin, or from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "Unknown reference", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn erase(
    State(s): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = request_lang(&headers);
    if !actor.may(Permission::Erase) {
        return actor.refuse(lang);
    }
    let entry = actor.audit(&s, Action::ApplicationErased, Some(&reference), "");
    let store = s.store.clone();
    let erased = blocking(move || {
        let done = store.erase(&reference)?;
        if done {
            store.audit(&entry)?;
        }
        Ok::<_, StoreError>(done)
    })
    .await;
    match erased {
        Some(Ok(true)) => StatusCode::NO_CONTENT.into_response(),
        Some(Ok(false)) => Problem::new(StatusCode::NOT_FOUND, Code::ReferenceUnknown).respond(lang),
        _ => internal(lang),
    }
}

/// The staff routes on applications, relative to `/api/v1` (behind
/// [`crate::accounts::authenticate`]).
pub fn routes() -> OpenApiRouter<Arc<Staff>> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(scores_csv))
        .routes(routes!(read, erase))
        .routes(routes!(move_stage))
        .routes(routes!(ask_changes))
        .routes(routes!(assign, unassign))
        .routes(routes!(deck))
        .routes(routes!(export))
}
