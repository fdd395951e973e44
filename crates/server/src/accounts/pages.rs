//! The sign-in pages the server writes itself, in the visitor's language,
//! with no script: the page a sign-in link opens (a button that POSTs the
//! token: mail scanners that open every link change nothing), asking for a
//! link, and who is signed in. They take the app's stylesheet from the
//! built `index.html`, so they look like the portal.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use cluster_core::lang::Lang;
use std::path::Path;

/// The `<link rel="stylesheet">` tags of the built app's `index.html` (none if unreadable).
pub fn stylesheets(static_dir: &Path) -> String {
    let html = std::fs::read_to_string(static_dir.join("index.html")).unwrap_or_default();
    html.match_indices("<link")
        .filter_map(|(i, _)| html[i..].find('>').map(|end| &html[i..=i + end]))
        .filter(|tag| tag.contains("rel=\"stylesheet\""))
        .collect()
}

/// Text for HTML: core's escaping (which also drops bidi overrides and control characters).
pub use cluster_core::charts::render::esc as escape;

/// A whole page: `body` is HTML already escaped where it must be.
pub fn page(lang: Lang, stylesheets: &str, title: &str, body: &str) -> Response {
    let dir = if lang == Lang::Ar { "rtl" } else { "ltr" };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\">\
         <title>{title} · Cluster EnR</title>{stylesheets}</head>\
         <body><div class=\"shell\"><main id=\"main\"><h1>{title}</h1>{body}</main></div></body></html>",
        code = lang.code(),
        title = escape(title),
    );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            // The link's token is in the path: a Referer carries the origin
            // only. (`no-referrer` would also turn the form's Origin into
            // `null`, which the Origin check must refuse.)
            (header::REFERRER_POLICY, "strict-origin"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_finds_the_stylesheets() {
        assert_eq!(escape("<a href=\"x\">'&'</a>\u{202E}"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        let dir = std::env::temp_dir().join(format!("cluster-pages-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<head><link rel=\"icon\" href=\"/f.png\"><link rel=\"stylesheet\" href=\"/main-1.css\" integrity=\"x\"/></head>",
        )
        .unwrap();
        assert_eq!(stylesheets(&dir), "<link rel=\"stylesheet\" href=\"/main-1.css\" integrity=\"x\"/>");
        assert_eq!(stylesheets(&dir.join("missing")), "");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
