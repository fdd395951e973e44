//! Errors as `application/problem+json` (docs/api.md): a title and detail in the
//! request's language, and every field error with its path, code and message.
//! Nothing internal (SQL, paths, traces) is ever put in one.

use crate::messages::message;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cluster_core::api::{FieldProblem, ProblemBody};
use cluster_core::application::FieldError;
use cluster_core::codes::Code;
use cluster_core::lang::Lang;

/// A problem to send.
pub struct Problem {
    pub status: StatusCode,
    pub code: Code,
    pub args: Vec<(&'static str, String)>,
    pub errors: Vec<FieldError>,
    pub retry_after: Option<u64>,
}

impl Problem {
    pub fn new(status: StatusCode, code: Code) -> Problem {
        Problem { status, code, args: Vec::new(), errors: Vec::new(), retry_after: None }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Problem {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn fields(mut self, errors: Vec<FieldError>) -> Problem {
        self.errors = errors;
        self
    }

    /// The response, worded in `lang`.
    pub fn respond(self, lang: Lang) -> Response {
        let errors = self
            .errors
            .iter()
            .map(|e| {
                let mut args = Vec::new();
                if let Some(min) = e.min {
                    args.push(("min", min.to_string()));
                }
                if let Some(max) = e.max {
                    args.push(("max", max.to_string()));
                }
                FieldProblem { field: e.field.clone(), code: e.code, message: message(lang, &format!("err_{}", e.code.as_str()), &args) }
            })
            .collect();
        let body = ProblemBody {
            kind: format!("https://cluster-enr.example/problems/{}", self.code.as_str().replace('_', "-")),
            title: message(lang, &format!("err_title_{}", self.status.as_u16()), &[]),
            status: self.status.as_u16(),
            code: self.code,
            detail: message(lang, &format!("err_{}", self.code.as_str()), &self.args),
            errors,
        };
        let mut res = (self.status, serde_json::to_string(&body).unwrap_or_default()).into_response();
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        h.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
        if let Some(s) = self.retry_after {
            h.insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        res
    }
}

/// The problem for a request body that could not be read: 413 when it went
/// past `limit`, else 400 (the client went away or sent a broken body:
/// nothing to do with its size).
pub fn body_read_error(e: axum::Error) -> Problem {
    if e.into_inner().downcast_ref::<http_body_util::LengthLimitError>().is_some() {
        Problem::new(StatusCode::PAYLOAD_TOO_LARGE, Code::BodyTooLarge)
    } else {
        Problem::new(StatusCode::BAD_REQUEST, Code::BodyUnreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    #[tokio::test]
    async fn too_large_is_413_and_a_broken_body_is_400() {
        let big = axum::body::to_bytes(Body::from(vec![0u8; 100]), 10).await.unwrap_err();
        assert_eq!(body_read_error(big).status, StatusCode::PAYLOAD_TOO_LARGE);
        let stream =
            futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"{")), Err(std::io::Error::other("reset"))]);
        let broken = axum::body::to_bytes(Body::from_stream(stream), 1000).await.unwrap_err();
        let p = body_read_error(broken);
        assert_eq!((p.status, p.code), (StatusCode::BAD_REQUEST, Code::BodyUnreadable));
    }
}
