//! `GET /members`, `GET /startups` (query, facets, paging, or the whole
//! filtered set as CSV with `Accept: text/csv`) and single records, using the
//! app's own `core` engine.

use crate::applications::{RateLimit, limited};
use crate::client::ClientAddr;
use crate::messages::{message, request_lang};
use crate::problem::Problem;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cluster_core::codes::Code;
use cluster_core::csv;
use cluster_core::directory::{Index, Kind, Page, csv_rows};
use cluster_core::lang::Lang;
use cluster_core::model::Dataset;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Largest page the API serves.
pub const MAX_PER_PAGE: usize = 100;
const DEFAULT_PER_PAGE: usize = 20;

/// The dataset with both directories indexed once.
pub struct DirectoryState {
    pub dataset: Arc<Dataset>,
    members: Index,
    startups: Index,
    /// Queries and CSV per client address and minute.
    read_limit: Option<RateLimit>,
}

impl DirectoryState {
    pub fn new(dataset: Arc<Dataset>, read_limit: Option<RateLimit>) -> DirectoryState {
        DirectoryState { members: Index::new(&dataset, Kind::Members), startups: Index::new(&dataset, Kind::Startups), dataset, read_limit }
    }
}

/// A query string's `key=value` pairs, decoded, in order.
pub(crate) fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    cluster_core::url::parse_query(raw.unwrap_or_default())
}

/// The last value of `name` among `all` (a repeated parameter takes its last value).
pub(crate) fn last<'a>(all: &'a [(String, String)], name: &str) -> Option<&'a str> {
    all.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Largest `page` accepted (a page beyond the last is clamped to it).
const MAX_PAGE: usize = 1_000_000;

/// The integer parameter `name` of `all`, if given: a 400 when it is not a
/// whole number from `min` to `max`.
fn integer(all: &[(String, String)], name: &'static str, min: usize, max: usize) -> Result<Option<usize>, Problem> {
    match all.iter().rev().find(|(k, _)| k == name) {
        None => Ok(None),
        Some((_, v)) => match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(Problem::new(StatusCode::BAD_REQUEST, Code::ParameterInvalid).arg("name", name).arg("min", min).arg("max", max)),
        },
    }
}

fn list(state: &DirectoryState, kind: Kind, raw: Option<&str>, headers: &HeaderMap) -> Response {
    let all = pairs(raw);
    let lang = all.iter().find(|(k, _)| k == "lang").and_then(|(_, v)| Lang::from_code(v)).unwrap_or_else(|| request_lang(headers));
    let per_page = match integer(&all, "per_page", 1, MAX_PER_PAGE).and_then(|n| integer(&all, "page", 1, MAX_PAGE).map(|_| n)) {
        Ok(n) => n.unwrap_or(DEFAULT_PER_PAGE),
        Err(p) => return p.respond(lang),
    };
    let index = if kind == Kind::Members { &state.members } else { &state.startups };
    let (params, _) = index.parse_params(all.iter().filter(|(k, _)| k != "per_page").map(|(k, v)| (k.as_str(), v.as_str())));
    let results = index.query(&params, lang, per_page);
    let wants_csv = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/csv"));
    if wants_csv {
        let header_row: Vec<String> = kind.csv_columns().iter().map(|c| message(lang, c.key(), &[])).collect();
        let body = csv::document(&header_row, csv_rows(&state.dataset, kind, &results.ids, lang));
        let name = if kind == Kind::Members { "members.csv" } else { "startups.csv" };
        return (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            ],
            body,
        )
            .into_response();
    }
    let ids = results.page_ids(per_page);
    match kind {
        Kind::Members => {
            let items = ids.iter().filter_map(|&i| state.dataset.members.get(i as usize)).collect();
            Json(Page::new(&results, items, per_page)).into_response()
        }
        Kind::Startups => {
            let items = ids.iter().filter_map(|&i| state.dataset.startups.get(i as usize)).collect();
            Json(Page::new(&results, items, per_page)).into_response()
        }
    }
}

/// The query parameters both directories take (documentation only: the
/// handlers read the raw query so that repeated and unknown values are kept
/// for the core's own parsing).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct DirectoryQuery {
    /// Words that must all occur (case, accents and Arabic variants folded).
    q: Option<String>,
    /// Sector ids (OR); unknown ids, here and in every facet, are ignored.
    sector: Option<Vec<String>>,
    /// Region ids (OR).
    region: Option<Vec<String>>,
    /// Programme ids (OR).
    programme: Option<Vec<String>>,
    /// `name`, `-name`, or the year field with an optional `-`; anything else means `name`.
    sort: Option<String>,
    /// 1-based page; one beyond the last gives the last.
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<usize>,
    /// Records per page (20 when absent).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<usize>,
    /// `fr`, `ar` or `en`: name order and CSV wording (else `Accept-Language`).
    lang: Option<String>,
}

#[utoipa::path(get, path = "/members", tag = "directories", params(
        DirectoryQuery,
        ("type" = Option<Vec<String>>, Query, description = "Member type ids (OR)"),
        ("label" = Option<Vec<String>>, Query, description = "Label ids (OR)"),
    ),
    responses((status = 200, description = "A page of members with total and facet counts, or the whole filtered set as CSV with `Accept: text/csv`", body = Object),
        (status = 400, description = "`page` or `per_page` not a whole number in its range", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many queries from this address (see Retry-After)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn members(State(s): State<Arc<DirectoryState>>, client: ClientAddr, RawQuery(q): RawQuery, headers: HeaderMap) -> Response {
    list_off_thread(s, Kind::Members, client, q, headers).await
}

#[utoipa::path(get, path = "/startups", tag = "directories", params(
        DirectoryQuery,
        ("cohort" = Option<Vec<String>>, Query, description = "Cohort years, e.g. 2021 (OR)"),
    ),
    responses((status = 200, description = "A page of start-ups with total and facet counts, or the whole filtered set as CSV with `Accept: text/csv`", body = Object),
        (status = 400, description = "`page` or `per_page` not a whole number in its range", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 429, description = "Too many queries from this address (see Retry-After)", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn startups(State(s): State<Arc<DirectoryState>>, client: ClientAddr, RawQuery(q): RawQuery, headers: HeaderMap) -> Response {
    list_off_thread(s, Kind::Startups, client, q, headers).await
}

/// A query scans up to every record: it runs on the blocking pool, not on
/// the threads that serve other requests.
/// Generously rate limited per address: a query costs more than a file.
async fn list_off_thread(s: Arc<DirectoryState>, kind: Kind, client: ClientAddr, q: Option<String>, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    if let Some(p) = limited(s.read_limit.as_ref(), client) {
        return p.respond(lang);
    }
    tokio::task::spawn_blocking(move || list(&s, kind, q.as_deref(), &headers))
        .await
        .unwrap_or_else(|_| Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(lang))
}

#[utoipa::path(get, path = "/members/{id}", tag = "directories", params(("id" = String, Path, description = "Member id")),
    responses((status = 200, description = "The member", body = Object), (status = 404, description = "No such member", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn member(State(s): State<Arc<DirectoryState>>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    match s.dataset.members.iter().find(|m| m.id == id) {
        Some(m) => Json(m).into_response(),
        None => Problem::new(StatusCode::NOT_FOUND, Code::NotFound).respond(request_lang(&headers)),
    }
}

#[utoipa::path(get, path = "/startups/{id}", tag = "directories", params(("id" = String, Path, description = "Start-up id")),
    responses((status = 200, description = "The start-up", body = Object), (status = 404, description = "No such start-up", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn startup(State(s): State<Arc<DirectoryState>>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    match s.dataset.startups.iter().find(|x| x.id == id) {
        Some(x) => Json(x).into_response(),
        None => Problem::new(StatusCode::NOT_FOUND, Code::NotFound).respond(request_lang(&headers)),
    }
}

/// The directory routes, relative to `/api/v1`.
pub fn routes(state: Arc<DirectoryState>) -> OpenApiRouter {
    OpenApiRouter::new()
        .routes(routes!(members))
        .routes(routes!(member))
        .routes(routes!(startups))
        .routes(routes!(startup))
        .with_state(state)
}
