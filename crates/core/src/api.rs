//! The REST API's response bodies for applicants and staff (docs/api.md),
//! typed once: the server writes them, the OpenAPI document describes them
//! (so the fuzzer checks every answer's shape), and a client can read them.

use crate::application::{Outcome, Status};
use crate::codes::Code;
use serde::{Deserialize, Serialize};

/// An error (`application/problem+json`, RFC 9457), worded in the request's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemBody {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    pub code: Code,
    pub detail: String,
    /// Every refused field (empty when the problem is not about fields).
    pub errors: Vec<FieldProblem>,
}

/// One refused field of a [`ProblemBody`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// Its path, e.g. `team[0].email`.
    pub field: String,
    pub code: Code,
    pub message: String,
}

/// `201` to `POST /applications`: the reference to follow it by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Received {
    /// e.g. `GBI-2026-7KQ4-M2XD`.
    pub reference: String,
    pub status: Status,
    pub received_at: String,
}

/// One stage reached, in [`StatusAnswer::history`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusStep {
    pub status: Status,
    pub at: String,
}

/// `GET /applications/{reference}`: where an application stands, for its applicant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusAnswer {
    pub reference: String,
    pub status: Status,
    /// Set once decided.
    pub outcome: Option<Outcome>,
    pub received_at: String,
    pub updated_at: String,
    pub history: Vec<StatusStep>,
    /// The decision's reason, when the team chose to share it with the applicant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The answers the team asked an applicant to correct (docs/api.md,
/// "Changes requested").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Changes {
    /// Field paths as in field errors (`startup.name`, `team[0].email`), in the form's order.
    pub fields: Vec<String>,
    /// The team's words to the applicant.
    pub message: String,
    pub asked_at: String,
    /// When the link stops working (RFC 3339).
    pub expires_at: String,
}

/// `GET /applications/{reference}/correction` (with the link's secret): what
/// to correct, and those answers as they were sent, to correct them in place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Correction {
    pub reference: String,
    pub changes: Changes,
    /// The named answers only, by field path, as the form's controls hold
    /// them (`yes`/`no` for a yes/no question, digits for a number).
    pub answers: crate::correction::Answers,
}

/// `PUT /applications/{reference}` (with the link's secret): the corrected answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Corrected {
    /// By field path, as in [`Correction::answers`]; only the named answers
    /// may be given (another is refused), one left out stays as it was.
    pub answers: crate::correction::Answers,
}

/// `201` to `POST /uploads`: the id an application's `pitch_deck` may reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadStored {
    pub id: String,
    /// Bytes.
    pub size: u64,
}

/// An application in the staff's lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSummary {
    pub reference: String,
    pub status: Status,
    pub outcome: Option<Outcome>,
    /// The start-up's name, sector and region ids, as sent.
    pub startup: Option<String>,
    pub sector: Option<String>,
    pub region: Option<String>,
    /// The call it came in under (an id of the data document's `calls`);
    /// none for an application sent before calls were recorded.
    #[serde(default)]
    pub call: Option<String>,
    pub received_at: String,
    pub updated_at: String,
    /// Who is assigned to it.
    pub assignees: Vec<Assignee>,
    /// The weighted average of the reader's own score sheet, once in.
    pub my_score: Option<f64>,
    /// The mean of every sheet's weighted average: only once the reader's
    /// own sheet is in (the others' scores stay unseen until then).
    pub average: Option<f64>,
}

/// `GET /staff/applications`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffList {
    /// The page asked for of the view's applications, in its order (newest
    /// first by default).
    pub items: Vec<StaffSummary>,
    /// How many applications the view has, on every page.
    pub total: usize,
    /// The page (from 1), of pages of [`crate::queue::PAGE`].
    pub page: usize,
}

/// One move in an application's audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// None for the first entry (received).
    pub from: Option<Status>,
    pub to: Status,
    /// Why (empty for the first entry).
    pub note: String,
    pub at: String,
    /// Who moved it: their name as it was (none for the applicant's own submission).
    pub by: Option<String>,
}

/// `GET /staff/applications/{reference}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffApplication {
    pub summary: StaffSummary,
    /// Everything the applicant sent.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::application::Application))]
    pub application: serde_json::Value,
    pub history: Vec<HistoryEntry>,
    /// The fields left out of `application` for this reader (a juror does
    /// not see contact data), as `team[].email`-style paths.
    pub withheld: Vec<String>,
    /// The corrections waiting for the applicant, while `changes_requested`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
}

/// The answer to a stage move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Moved {
    pub reference: String,
    pub status: Status,
    pub outcome: Option<Outcome>,
}

/// `GET /staff/applications/{reference}/export`: everything held about an
/// applicant (law 09-08 access request).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicantExport {
    pub reference: String,
    pub status: Status,
    pub outcome: Option<Outcome>,
    pub received_at: String,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::application::Application))]
    pub application: serde_json::Value,
    pub history: Vec<HistoryEntry>,
    /// The pitch deck, if one was sent.
    pub pitch_deck: Option<DeckExport>,
}

/// A pitch deck in an [`ApplicantExport`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeckExport {
    pub id: String,
    pub media_type: String,
    /// Bytes.
    pub size: u64,
    /// The file, base64 (standard alphabet, padded).
    pub base64: String,
}

/// A staff account (docs/staff.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: crate::staff::Role,
    pub created_at: String,
    /// Set while the account is disabled.
    pub disabled_at: Option<String>,
}

/// `GET /staff/accounts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountList {
    pub items: Vec<Account>,
}

/// `GET /staff/me`: who is signed in, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub account: Account,
    /// The session's id when signed in with a cookie (none with an API token).
    pub session: Option<String>,
}

/// One of one's sessions, in `GET /staff/sessions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub id: String,
    /// `link` or `passkey`.
    pub method: String,
    pub created_at: String,
    pub last_seen_at: String,
    /// When it ends if unused (idle limit) or at the latest (absolute limit).
    pub expires_at: String,
    pub address: String,
    pub user_agent: String,
    /// The session this request came with.
    pub current: bool,
}

/// `GET /staff/sessions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionList {
    pub items: Vec<SessionInfo>,
}

/// A personal API token, without its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

/// `201` to `POST /staff/tokens`: the token's secret, shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenCreated {
    #[serde(flatten)]
    pub info: TokenInfo,
    /// Send it as `Authorization: Bearer …`; it is never shown again.
    pub token: String,
}

/// `GET /staff/tokens`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenList {
    pub items: Vec<TokenInfo>,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    /// The person's account (none for the server's command line or an unknown person).
    pub account_id: Option<i64>,
    /// Their name as it was then.
    pub account_name: String,
    pub action: crate::staff::Action,
    /// The application concerned, if any.
    pub reference: Option<String>,
    /// The request's client address (`cli` for the command line).
    pub address: String,
    pub detail: String,
}

/// `GET /staff/audit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditList {
    /// Newest first.
    pub items: Vec<AuditEntry>,
    pub total: usize,
}

/// Someone assigned to an application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assignee {
    pub account_id: i64,
    pub name: String,
    pub role: crate::staff::Role,
}

/// One of one's passkeys, in `GET /staff/passkeys`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyInfo {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

/// `GET /staff/passkeys`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyList {
    pub items: Vec<PasskeyInfo>,
}
