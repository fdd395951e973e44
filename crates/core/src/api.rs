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
    pub received_at: String,
    pub updated_at: String,
}

/// `GET /staff/applications`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffList {
    /// Newest first.
    pub items: Vec<StaffSummary>,
    pub total: usize,
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
}
