//! Embed pages (docs/embeds.md): one small static HTML page per chart
//! holding the chart in the three languages, no wasm. Its external script
//! (`/embed-assets/embed.js`) picks `?lang` and `?theme` and posts the page's
//! height to the partner page; without the script the French copy shows.

use super::render::{Options, TableMode, esc, figure};
use super::{ChartId, back_link_text, build, not_found_text};
use crate::lang::Lang;
use crate::model::Dataset;
use std::fmt::Write;

/// Where the embed pages' stylesheet and script are served: outside
/// `/embed/<chart>`, which the server answers itself.
pub const ASSETS: &str = "/embed-assets";

fn head(title: &str, chart: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="fr" dir="ltr" data-chart="{chart}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="robots" content="noindex"><title>{title}</title><link rel="stylesheet" href="{ASSETS}/embed.css"><script src="{ASSETS}/embed.js"></script></head><body><main class="embed">"#,
        title = esc(title),
        chart = esc(chart),
    )
}

/// The embed pages' script (`{ASSETS}/embed.js`).
pub const EMBED_JS: &str = include_str!("embed.js");

/// The embed pages' stylesheet (`{ASSETS}/embed.css`): the chart classes and
/// the page's own layout.
pub fn embed_css() -> String {
    format!("{}{}", super::render::CHART_CSS, include_str!("embed.css"))
}

/// Every file of a static embed build, as (path relative to the site root,
/// contents): one page per chart (`embed/<id>/index.html`) and the assets.
pub fn static_files(d: &Dataset) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> =
        ChartId::ALL.iter().map(|&id| (format!("embed/{}/index.html", id.id()), embed_page(d, id))).collect();
    files.push((format!("{}/embed.css", &ASSETS[1..]), embed_css()));
    files.push((format!("{}/embed.js", &ASSETS[1..]), EMBED_JS.to_owned()));
    files
}

/// Options of a chart copy in an embed page.
pub fn embed_options(id: ChartId, lang: Lang) -> Options {
    Options {
        prefix: format!("{}-{}", id.id(), lang.code()),
        heading: 1,
        table: TableMode::Details,
        link_base: String::new(),
        link_lang: true,
        new_tab: true,
    }
}

/// The embed page of chart `id`.
pub fn embed_page(d: &Dataset, id: ChartId) -> String {
    let fr = build(d, id, Lang::Fr);
    let mut out = head(&format!("{} · Cluster EnR", fr.title), id.id());
    for lang in Lang::ALL {
        let chart = if lang == Lang::Fr { fr.clone() } else { build(d, id, lang) };
        let _ = write!(
            out,
            r#"<div class="copy" lang="{code}" dir="{dir}" data-title="{title} · Cluster EnR">{figure}<p class="embed-back"><a href="/sectors?lang={code}" target="_blank" rel="noopener">{back}</a></p></div>"#,
            code = lang.code(),
            dir = lang.dir(),
            title = esc(&chart.title),
            figure = figure(&chart, &embed_options(id, lang)),
            back = esc(back_link_text(lang)),
        );
    }
    out.push_str("</main></body></html>\n");
    out
}

/// The small page for an unknown chart id, in the three languages like the
/// embeds (the same script picks one).
pub fn not_found_page() -> String {
    let mut out = head(&format!("{} · Cluster EnR", not_found_text(Lang::Fr).0), "");
    for lang in Lang::ALL {
        let (title, body) = not_found_text(lang);
        let _ = write!(
            out,
            r#"<div class="copy" lang="{code}" dir="{dir}" data-title="{t} · Cluster EnR"><h1>{t}</h1><p data-testid="embed-not-found">{b}</p><p class="embed-back"><a href="/sectors?lang={code}" target="_blank" rel="noopener">{back}</a></p></div>"#,
            code = lang.code(),
            dir = lang.dir(),
            t = esc(title),
            b = esc(body),
            back = esc(back_link_text(lang)),
        );
    }
    out.push_str("</main></body></html>\n");
    out
}
