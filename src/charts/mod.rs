//! Charts on the portal's pages: core's figure (SVG, table, source) placed
//! by Leptos, and a menu to show the table, download the numbers or the
//! picture, and get the embed snippet.

mod embed_dialog;

use crate::browser::{download_text, download_url};
use crate::data::use_data;
use crate::i18n::*;
use crate::lang_of;
use cluster_core::charts::{self, Chart, ChartId, Options, TableMode};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// One chart from the loaded dataset, in the current language; with
/// `menu`, its table toggle, downloads and embed dialog.
#[component]
pub fn ChartFigure(
    /// Which chart.
    id: ChartId,
    /// Shows the menu (table, CSV, SVG, PNG, embed).
    #[prop(optional)]
    menu: bool,
    /// Heading level of the chart's title (2 unless the page nests it).
    #[prop(default = 2)]
    heading: u8,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let chart = Memo::new(move |_| data.dataset().map(|d| charts::build(&d, id, lang_of(i18n.get_locale()))));
    let show_table = RwSignal::new(false);
    // The table is written only when shown (a chart's table is tens of elements).
    let html = move || {
        let table = if show_table.get() { TableMode::Block } else { TableMode::Omitted };
        chart.with(|c| c.as_ref().map(|c| charts::figure(c, &Options { heading, table, ..Options::page(c) }))).unwrap_or_default()
    };
    // Links inside the SVG go through the router like any other link.
    let navigate = use_navigate();
    let follow = move |ev: web_sys::MouseEvent| {
        if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        let href = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|a| a.get_attribute("href"));
        if let Some(href) = href.filter(|h| h.starts_with('/') && !h.starts_with("//")) {
            ev.prevent_default();
            navigate(&href, Default::default());
        }
    };
    view! {
        <div
            class="chart-card"
            class:show-table=move || show_table.get()
            data-testid=format!("chart-{}", id.id())
            aria-busy=move || chart.with(Option::is_none).to_string()
        >
            <div class="chart-body" inner_html=html on:click=follow></div>
            {menu.then(|| view! { <ChartMenu id chart show_table /> })}
        </div>
    }
}

/// The chart's menu: a disclosure (Escape closes it) with the actions.
#[component]
fn ChartMenu(id: ChartId, chart: Memo<Option<Chart>>, show_table: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let menu = NodeRef::<html::Details>::new();
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = NodeRef::<html::Button>::new();
    let status = RwSignal::new(String::new());
    let title = Signal::derive(move || chart.with(|c| c.as_ref().map(|c| c.title.clone()).unwrap_or_default()));
    let report = move |name: &str, ok: bool| {
        status.set(if ok {
            td_string!(i18n.get_locale(), chart_downloaded, name = cluster_core::format::isolate(name)).to_string()
        } else {
            t_string!(i18n, chart_download_failed).to_string()
        });
    };
    let export = move |what: Export| {
        let Some(c) = chart.get_untracked() else { return };
        let name = charts::render::file_name(&c, what.ext());
        match what {
            Export::Csv => report(&name, download_text(&name, "text/csv;charset=utf-8", &charts::csv(&c))),
            Export::Svg => report(&name, download_text(&name, "image/svg+xml;charset=utf-8", &charts::standalone_svg(&c, &origin()))),
            Export::Png => download_png(name.clone(), charts::standalone_svg(&c, &origin()), move |ok| report(&name, ok)),
        }
    };
    let open_embed = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let escape = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape"
            && let Some(m) = menu.get()
            && m.open()
        {
            m.set_open(false);
            if let Some(s) = m.query_selector("summary").ok().flatten().and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = s.focus();
            }
        }
    };
    view! {
        <details class="chart-menu" node_ref=menu on:keydown=escape>
            <summary data-testid="chart-menu">
                {t!(i18n, chart_options)}
                <span class="visually-hidden">{move || format!(" – {}", title.get())}</span>
            </summary>
            <div class="chart-actions">
                <button
                    type="button"
                    class="button secondary"
                    data-testid="chart-table"
                    aria-pressed=move || show_table.get().to_string()
                    on:click=move |_| show_table.update(|s| *s = !*s)
                >
                    {t!(i18n, chart_table)}
                </button>
                {[Export::Csv, Export::Svg, Export::Png]
                    .into_iter()
                    .map(|what| {
                        let label = move || match what {
                            Export::Csv => t_string!(i18n, chart_csv),
                            Export::Svg => t_string!(i18n, chart_svg),
                            Export::Png => t_string!(i18n, chart_png),
                        };
                        view! {
                            <button type="button" class="button secondary" data-testid=format!("chart-{}", what.ext()) on:click=move |_| export(what)>
                                {label}
                            </button>
                        }
                    })
                    .collect::<Vec<_>>()}
                <button type="button" class="button secondary" data-testid="chart-embed" node_ref=opener on:click=open_embed>
                    {t!(i18n, chart_embed)}
                </button>
            </div>
            <p class="chart-status" role="status" aria-live="polite">{move || status.get()}</p>
        </details>
        <embed_dialog::EmbedDialog id dialog opener />
    }
}

/// What the menu downloads.
#[derive(Clone, Copy)]
enum Export {
    Csv,
    Svg,
    Png,
}

impl Export {
    fn ext(self) -> &'static str {
        match self {
            Export::Csv => "csv",
            Export::Svg => "svg",
            Export::Png => "png",
        }
    }
}

/// The site's origin, for absolute links in downloaded files and snippets.
fn origin() -> String {
    crate::browser::window_opt().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// Draws `svg` on a canvas through a `data:` URL (the CSP allows `data:`
/// images, not `blob:`) and downloads it as PNG; `done` says whether it worked.
fn download_png(name: String, svg: String, done: impl Fn(bool) + Clone + 'static) {
    let Ok(img) = web_sys::HtmlImageElement::new() else { return done(false) };
    let loaded = img.clone();
    let on_load = done.clone();
    let onload = Closure::once_into_js(move || {
        let canvas = document().create_element("canvas").ok().and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok());
        let drawn = canvas.and_then(|canvas| {
            canvas.set_width(loaded.natural_width());
            canvas.set_height(loaded.natural_height());
            let ctx = canvas.get_context("2d").ok().flatten()?.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()?;
            ctx.draw_image_with_html_image_element(&loaded, 0.0, 0.0).ok()?;
            canvas.to_data_url_with_type("image/png").ok()
        });
        on_load(drawn.is_some_and(|url| download_url(&name, &url)));
    });
    let onerror = Closure::once_into_js(move || done(false));
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_onerror(Some(onerror.unchecked_ref()));
    img.set_src(&format!("data:image/svg+xml;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&svg))));
}
