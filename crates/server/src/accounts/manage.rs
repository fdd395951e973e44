//! Accounts (admins invite, change roles, disable), one's personal API
//! tokens, and the audit trail (admins read and export it; nothing edits
//! it). docs/staff.md.

use super::sign_in::send_link;
use super::{Actor, Staff, TOKEN_PREFIX, Via, blocking, digest, secret};
use crate::applications::now;
use crate::messages::request_lang;
use crate::problem::Problem;
use crate::store::{AuditFilter, NewAudit};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use cluster_core::api::{Account, AccountList, AuditList, TokenCreated, TokenInfo, TokenList};
use cluster_core::application::FieldError;
use cluster_core::codes::Code;
use cluster_core::csv;
use cluster_core::staff::{Action, Permission, Role};
use serde::Deserialize;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

fn internal(headers: &HeaderMap) -> Response {
    Problem::new(StatusCode::INTERNAL_SERVER_ERROR, Code::Internal).respond(request_lang(headers))
}

/// The body of a JSON request, or the problem to answer (400 malformed, 422 wrong shape).
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Problem> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, Code::JsonMalformed).arg("line", e.line()).arg("column", e.column()))?;
    serde_json::from_value(value).map_err(|_| Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::TypeInvalid))
}

/// A person's name and e-mail address as an account keeps them, or the fields' errors.
pub fn account_fields(email: &str, name: &str) -> Result<(String, String), Vec<FieldError>> {
    let email = email.trim().to_lowercase();
    let name = name.trim().to_owned();
    let mut errors = Vec::new();
    if !cluster_core::contact::is_email(&email) || email.len() > 254 {
        errors.push(FieldError::new("email", Code::EmailInvalid));
    }
    let n = name.chars().count();
    if n == 0 || n > 120 || name.chars().any(char::is_control) {
        errors.push(FieldError::bounded("name", Code::Length, 1, 120));
    }
    if errors.is_empty() { Ok((email, name)) } else { Err(errors) }
}

#[utoipa::path(get, path = "/staff/accounts", tag = "staff", security(("staff" = []), ("session" = [])),
    responses((status = 200, description = "Every account, oldest first (admins)", body = AccountList),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Not an admin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn list_accounts(State(staff): State<Arc<Staff>>, Extension(actor): Extension<Actor>, headers: HeaderMap) -> Response {
    if !actor.may(Permission::ManageAccounts) {
        return actor.refuse(request_lang(&headers));
    }
    let store = staff.store.clone();
    match blocking(move || store.accounts()).await {
        Some(Ok(items)) => Json(AccountList { items }).into_response(),
        _ => internal(&headers),
    }
}

/// An invitation.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct Invite {
    #[schema(max_length = 254)]
    email: String,
    #[schema(min_length = 1, max_length = 120)]
    name: String,
    role: Role,
}

#[utoipa::path(post, path = "/staff/accounts", tag = "staff", security(("staff" = []), ("session" = [])),
    request_body(content = Invite, content_type = "application/json"),
    responses((status = 201, description = "Created; a sign-in link is e-mailed to the person (admins)", body = Account),
        (status = 400, description = "Malformed JSON", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Not an admin, or from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 409, description = "The address has an account already", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "Invalid fields", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn invite(
    State(staff): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    let invite: Invite = match actor.body(Permission::ManageAccounts, &body, lang) {
        Ok(i) => i,
        Err(res) => return res,
    };
    let (email, name) = match account_fields(&invite.email, &invite.name) {
        Ok(x) => x,
        Err(errors) => return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::TypeInvalid).fields(errors).respond(lang),
    };
    let entry = actor.audit(&staff, Action::AccountCreated, None, "");
    let (store, at, role) = (staff.store.clone(), now(staff.clock).0, invite.role);
    let created = match blocking(move || store.create_account(&email, &name, role, &at, &entry)).await {
        Some(Ok(Some(a))) => a,
        Some(Ok(None)) => return Problem::new(StatusCode::CONFLICT, Code::AccountExists).respond(lang),
        _ => return internal(&headers),
    };
    if let Err(e) = send_link(&staff, &created, lang, None, actor.address.0.to_string()).await {
        // The account exists; an admin can ask for a link again from the sign-in page.
        tracing::error!(account = created.id, "the invitation could not be sent: {e}");
    }
    (StatusCode::CREATED, Json(created)).into_response()
}

/// A change to an account: its role, or disabled (`true`) / enabled (`false`).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct AccountChange {
    #[serde(default)]
    role: Option<Role>,
    #[serde(default)]
    disabled: Option<bool>,
}

#[utoipa::path(patch, path = "/staff/accounts/{id}", tag = "staff", security(("staff" = []), ("session" = [])),
    params(("id" = i64, Path, description = "The account")),
    request_body(content = AccountChange, content_type = "application/json"),
    responses((status = 200, description = "Changed; disabling ends the account's sessions at once and stops its tokens (admins)", body = Account),
        (status = 400, description = "Malformed JSON", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Not an admin, or from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "No such account", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 409, description = "It would leave no enabled admin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "Not JSON of this shape", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn change_account(
    State(staff): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    if !actor.may(Permission::ManageAccounts) {
        return actor.refuse(lang);
    }
    let Ok(id) = id.parse::<i64>() else {
        return Problem::new(StatusCode::NOT_FOUND, Code::NotFound).respond(lang);
    };
    let change: AccountChange = match json_body(&body) {
        Ok(c) => c,
        Err(p) => return p.respond(lang),
    };
    let entry = actor.audit(&staff, Action::RoleChanged, None, "");
    let (store, at) = (staff.store.clone(), now(staff.clock).0);
    let changed = blocking(move || {
        let done = store.change_account(id, change.role, change.disabled, &at, &entry)?;
        Ok::<_, crate::store::StoreError>((done, store.account(id)?))
    })
    .await;
    match changed {
        Some(Ok((Some(true), Some(account)))) => Json(account).into_response(),
        Some(Ok((Some(false), _))) => Problem::new(StatusCode::CONFLICT, Code::LastAdmin).respond(lang),
        Some(Ok((None, _))) => Problem::new(StatusCode::NOT_FOUND, Code::NotFound).respond(lang),
        _ => internal(&headers),
    }
}

/// A new personal API token.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct NewToken {
    /// What it is for ("export script").
    #[schema(min_length = 1, max_length = 80)]
    name: String,
}

/// Makes a personal API token for `account`; `(id, secret)`.
pub fn create_token(store: &crate::store::Store, account: i64, name: &str, at: &str) -> Result<(i64, String), String> {
    let secret = secret().map(|s| format!("{TOKEN_PREFIX}{s}")).ok_or("the system's random source failed")?;
    let id = store.add_token(&digest(&secret), account, name, at).map_err(|e| e.0)?;
    Ok((id, secret))
}

#[utoipa::path(post, path = "/staff/tokens", tag = "staff", security(("session" = [])),
    request_body(content = NewToken, content_type = "application/json"),
    responses((status = 201, description = "The token, shown this once; it acts with its owner's role", body = TokenCreated),
        (status = 400, description = "Malformed JSON", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Sent with a token (only a signed-in person makes tokens), or from another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 422, description = "No name", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn add_token(
    State(staff): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let lang = request_lang(&headers);
    if matches!(actor.via, Via::Token(_)) {
        return actor.refuse(lang);
    }
    let new: NewToken = match json_body(&body) {
        Ok(n) => n,
        Err(p) => return p.respond(lang),
    };
    let name = new.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
        let error = FieldError::bounded("name", Code::Length, 1, 80);
        return Problem::new(StatusCode::UNPROCESSABLE_ENTITY, Code::TypeInvalid).fields(vec![error]).respond(lang);
    }
    let entry = actor.audit(&staff, Action::TokenCreated, None, name.clone());
    let (store, at, account) = (staff.store.clone(), now(staff.clock).0, actor.account.id);
    let made = blocking(move || {
        let (id, secret) = create_token(&store, account, &name, &at)?;
        store.audit(&entry).map_err(|e| e.0)?;
        Ok::<_, String>(TokenCreated { info: TokenInfo { id, name, created_at: at, last_used_at: None }, token: secret })
    })
    .await;
    match made {
        Some(Ok(t)) => (StatusCode::CREATED, [(header::CACHE_CONTROL, "no-store")], Json(t)).into_response(),
        _ => internal(&headers),
    }
}

#[utoipa::path(get, path = "/staff/tokens", tag = "staff", security(("staff" = []), ("session" = [])),
    responses((status = 200, description = "One's tokens not revoked, newest first (never their secrets)", body = TokenList),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn list_tokens(State(staff): State<Arc<Staff>>, Extension(actor): Extension<Actor>, headers: HeaderMap) -> Response {
    let (store, account) = (staff.store.clone(), actor.account.id);
    match blocking(move || store.tokens(account)).await {
        Some(Ok(items)) => Json(TokenList { items }).into_response(),
        _ => internal(&headers),
    }
}

#[utoipa::path(delete, path = "/staff/tokens/{id}", tag = "staff", security(("staff" = []), ("session" = [])),
    params(("id" = i64, Path, description = "The token")),
    responses((status = 204, description = "Revoked: it signs nothing in any more"),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "From another origin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 404, description = "No such token of one's own", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn revoke_token(
    State(staff): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let entry = actor.audit(&staff, Action::TokenRevoked, None, id.to_string());
    let (store, at, account) = (staff.store.clone(), now(staff.clock).0, actor.account.id);
    let revoked = blocking(move || {
        let done = store.revoke_token(account, id, &at)?;
        if done {
            store.audit(&entry)?;
        }
        Ok::<_, crate::store::StoreError>(done)
    })
    .await;
    match revoked {
        Some(Ok(true)) => StatusCode::NO_CONTENT.into_response(),
        Some(Ok(false)) => Problem::new(StatusCode::NOT_FOUND, Code::NotFound).respond(request_lang(&headers)),
        _ => internal(&headers),
    }
}

/// The audit trail's filters (read from the raw query: a repeated one takes its last value).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct AuditQuery {
    /// Only this person's entries (an account id).
    #[param(value_type = Option<i64>)]
    account: Option<String>,
    /// Only this action (a name of the `AuditEntry.action` list).
    action: Option<String>,
    /// Only entries about this application.
    reference: Option<String>,
}

#[utoipa::path(get, path = "/staff/audit", tag = "staff", security(("staff" = []), ("session" = [])), params(AuditQuery),
    responses((status = 200, description = "The audit trail, newest first (admins); CSV with `Accept: text/csv`, itself recorded", body = AuditList),
        (status = 400, description = "`account` is not a whole number", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 401, description = "Not signed in", content_type = "application/problem+json", body = cluster_core::api::ProblemBody),
        (status = 403, description = "Not an admin", content_type = "application/problem+json", body = cluster_core::api::ProblemBody)))]
async fn audit(
    State(staff): State<Arc<Staff>>,
    Extension(actor): Extension<Actor>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    if !actor.may(Permission::ReadAudit) {
        return actor.refuse(request_lang(&headers));
    }
    let all = crate::directory::pairs(raw.as_deref());
    let param = |name: &str| crate::directory::last(&all, name);
    let account_id = match param("account").map(str::parse::<i64>) {
        Some(Err(_)) => {
            return Problem::new(StatusCode::BAD_REQUEST, Code::ParameterInvalid)
                .arg("name", "account")
                .arg("min", i64::MIN)
                .arg("max", i64::MAX)
                .respond(request_lang(&headers));
        }
        Some(Ok(id)) => Some(id),
        None => None,
    };
    let action = match param("action").map(Action::parse) {
        // An action nobody can take lists nothing.
        Some(None) => return Json(AuditList { items: Vec::new(), total: 0 }).into_response(),
        Some(a) => a,
        None => None,
    };
    let filter = AuditFilter { account_id, action, reference: param("reference").map(str::to_owned) };
    let wants_csv = crate::staff::wants_csv(&headers);
    let entry = actor.audit(&staff, Action::AuditExported, None, "");
    let store = staff.store.clone();
    let Some(Ok(items)) = blocking(move || {
        if wants_csv {
            store.audit(&entry)?;
        }
        store.audit_trail(&filter)
    })
    .await
    else {
        return internal(&headers);
    };
    if wants_csv {
        let columns = ["id", "at", "account_id", "account_name", "action", "reference", "address", "detail"];
        let header_row: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
        let rows = items.iter().map(|e| {
            vec![
                e.id.to_string(),
                e.at.clone(),
                e.account_id.map(|i| i.to_string()).unwrap_or_default(),
                e.account_name.clone(),
                e.action.as_str().to_owned(),
                e.reference.clone().unwrap_or_default(),
                e.address.clone(),
                e.detail.clone(),
            ]
        });
        return crate::staff::csv_attachment("audit.csv", csv::document(&header_row, rows));
    }
    let total = items.len();
    Json(AuditList { items, total }).into_response()
}

/// The account, token and audit endpoints (behind [`super::authenticate`]).
pub fn routes() -> OpenApiRouter<Arc<Staff>> {
    OpenApiRouter::new()
        .routes(routes!(list_accounts, invite))
        .routes(routes!(change_account))
        .routes(routes!(add_token, list_tokens))
        .routes(routes!(revoke_token))
        .routes(routes!(audit))
}

/// A command-line change's audit entry (no person: the server machine's operator).
pub fn cli_audit(clock: crate::Clock, action: Action, detail: impl Into<String>) -> NewAudit {
    NewAudit { at: now(clock).0, account: None, action, reference: None, address: "cli".to_owned(), detail: detail.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_fields_are_trimmed_and_checked() {
        assert_eq!(account_fields(" Salma@Example.ORG ", " Salma Idrissi "), Ok(("salma@example.org".into(), "Salma Idrissi".into())));
        let errors = account_fields("not-an-address", "").unwrap_err();
        let codes: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(codes, [("email", Code::EmailInvalid), ("name", Code::Length)]);
        assert!(account_fields("a@b.example", "x\u{7}").is_err());
    }
}
