//! The REST API's directory endpoints, for directories too large to hold in
//! the browser (docs/api.md): a page of a view, one record, and
//! the whole filtered set as CSV.

use super::LoadError;
use super::fetch::{bytes, get};
use cluster_core::directory::{Kind, Page};
use cluster_core::parse::from_slice;
use serde::de::DeserializeOwned;

/// Reads an API answer as `T`.
fn json<T: DeserializeOwned>(url: &str, body: &[u8]) -> Result<T, LoadError> {
    from_slice(body).map_err(|error| LoadError::Parse { url: url.to_owned(), error })
}

/// One page of a directory view; `query` is the view's query string.
/// Aborting `signal` cancels the request (a newer view replaced it).
pub async fn page<T: DeserializeOwned>(base: &str, kind: Kind, query: &str, signal: &web_sys::AbortSignal) -> Result<Page<T>, LoadError> {
    let url = format!("{base}{}?{query}", kind.path());
    let response = get(&url, Some("application/json"), Some(signal)).await?;
    json(&url, &bytes(&url, &response).await?)
}

/// One record by id; `None` when the API has no such record.
pub async fn record<T: DeserializeOwned>(base: &str, kind: Kind, id: &str) -> Result<Option<T>, LoadError> {
    let url = format!("{base}{}/{}", kind.path(), cluster_core::url::encode(id));
    match get(&url, Some("application/json"), None).await {
        Ok(response) => json(&url, &bytes(&url, &response).await?).map(Some),
        Err(LoadError::Http { status: 404, .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The whole filtered set of a view as CSV, as the server writes it.
pub async fn csv(base: &str, kind: Kind, query: &str) -> Result<String, LoadError> {
    let url = format!("{base}{}?{query}", kind.path());
    let response = get(&url, Some("text/csv"), None).await?;
    Ok(String::from_utf8_lossy(&bytes(&url, &response).await?).into_owned())
}
