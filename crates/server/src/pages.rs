//! The pre-rendered pages drawn live (docs/prerender.md). The build writes
//! the pages of the document it was given; a server started with another
//! document (a REST deployment whose staff publish their own data) draws
//! each page, its preview image, `sitemap.xml` and `robots.txt` from the
//! document it serves, with the app's own components and its public
//! address, so that its link previews and crawlable profiles are its own.
//! Each answer carries an ETag; an unknown page or profile gets the
//! not-found page in the request's language with status 404.

use crate::dataset::{etag, not_modified};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cluster_core::lang::Lang;
use cluster_core::model::Dataset;
use cluster_enr_portal::prerender::{SHELL_FILE, Site};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The site drawn live, and the preview images' renderer (its fonts are
/// loaded at the first image).
pub struct LivePages {
    site: Site,
    renderer: OnceLock<Result<cluster_preview::Renderer, String>>,
}

/// Whether the built site in `dir` holds pages of a document other than
/// `d` (or none that can be read), and has the shell to draw them in: then
/// the pages of `d` are drawn live, for a site at `origin`. `None` when the
/// built pages are `d`'s, or when the build wrote no pages (a debug build:
/// the app draws every page).
pub fn live(dir: &Path, d: &Dataset, origin: &str) -> Option<Arc<LivePages>> {
    let shell = std::fs::read_to_string(dir.join(SHELL_FILE)).ok()?;
    let built = std::fs::read(dir.join("data/cluster.json")).ok().and_then(|b| cluster_core::parse::parse_document(&b).ok());
    let same = built.is_some_and(|b| serde_json::to_value(&b).ok() == serde_json::to_value(d).ok());
    if same {
        return None;
    }
    match Site::new(Arc::new(d.clone()), shell, origin) {
        Ok(site) => {
            tracing::info!(pages = site.pages().len(), "the pages are drawn live from the served document (it is not the built one)");
            Some(Arc::new(LivePages { site, renderer: OnceLock::new() }))
        }
        Err(e) => {
            tracing::warn!("the built shell cannot hold pages ({e}): the built files are served");
            None
        }
    }
}

const HTML: HeaderValue = HeaderValue::from_static("text/html; charset=utf-8");

/// What a request for `path` (with `query`) gets from the live pages, if
/// it is theirs: a page, a preview image, the sitemap or robots.txt.
/// `None` for a file of the built site (assets, data, embeds).
pub async fn answer(live: &Arc<LivePages>, path: &str, query: &str, headers: &HeaderMap) -> Option<Response> {
    let (lang, route) = cluster_core::prerender::page_for_request(path, query);
    let kind = if path == "/sitemap.xml" || path == "/robots.txt" {
        Kind::Text
    } else if path.starts_with("/og/") && path.ends_with(".png") {
        Kind::Image
    } else if live.site.pages().iter().any(|p| p.path == route) {
        Kind::Page
    } else {
        return None;
    };
    let (live2, path2, route2) = (live.clone(), path.to_owned(), route.to_owned());
    let drawn = tokio::task::spawn_blocking(move || live2.draw(kind, &path2, &route2, lang)).await;
    let (status, content_type, body) = match drawn {
        Ok(Ok(Some(answer))) => answer,
        Ok(Ok(None)) => return Some(live.not_found(lang).await),
        failed => {
            let why = match failed {
                Ok(Err(e)) => e,
                Err(e) => e.to_string(),
                Ok(Ok(_)) => String::new(),
            };
            tracing::error!("a live page: {why}");
            return Some(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    let tag = HeaderValue::from_str(&etag(&body)).expect("a hex tag is a valid header");
    if not_modified(headers, tag.to_str().unwrap_or_default()) {
        return Some((StatusCode::NOT_MODIFIED, [(header::ETAG, tag)]).into_response());
    }
    Some((status, [(header::CONTENT_TYPE, content_type), (header::ETAG, tag)], body).into_response())
}

#[derive(Clone, Copy)]
enum Kind {
    Page,
    Image,
    Text,
}

impl LivePages {
    /// Draws what `kind` names; `None` when there is no such image.
    fn draw(&self, kind: Kind, path: &str, route: &str, lang: Lang) -> Result<Option<(StatusCode, HeaderValue, Vec<u8>)>, String> {
        match kind {
            Kind::Text if path == "/sitemap.xml" => {
                Ok(Some((StatusCode::OK, HeaderValue::from_static("application/xml"), self.site.sitemap().into_bytes())))
            }
            Kind::Text => {
                Ok(Some((StatusCode::OK, HeaderValue::from_static("text/plain; charset=utf-8"), self.site.robots().into_bytes())))
            }
            Kind::Page => match self.site.page(route, lang) {
                Some(page) => Ok(Some((StatusCode::OK, HTML, page?.html.into_bytes()))),
                None => Ok(None),
            },
            Kind::Image => {
                let Some(svg) = self.site.image(path).transpose()? else { return Ok(None) };
                let renderer = self.renderer.get_or_init(cluster_preview::Renderer::new).as_ref().map_err(Clone::clone)?;
                let png = renderer.png(&svg, cluster_core::og::WIDTH, cluster_core::og::HEIGHT)?;
                Ok(Some((StatusCode::OK, HeaderValue::from_static("image/png"), png)))
            }
        }
    }

    /// The not-found page in `lang`, status 404.
    pub async fn not_found(self: &Arc<Self>, lang: Lang) -> Response {
        let live = self.clone();
        match tokio::task::spawn_blocking(move || live.site.not_found(lang)).await {
            Ok(Ok(html)) => (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, HTML)], html).into_response(),
            _ => StatusCode::NOT_FOUND.into_response(),
        }
    }
}
