//! `/members` and `/startups`: search as you type, facets with live counts,
//! removable chips, sort, pages and CSV of the whole filtered set. Every bit
//! of state is in the URL (typing replaces the history entry once typing
//! pauses or the box is left; other changes add one), so a view can be
//! shared and walked with Back/Forward. The engine is
//! `cluster_core::directory`, the same as the server's; a directory too
//! large for the browser asks the REST API instead (`crate::data::api`).
//!
//! The page is the [`Directory`] component, which holds the view
//! ([`DirectoryState`]) and computes what to show ([`Shown`]); the parts
//! ([`facets`], [`chips`], [`pager`], [`card`]) only display it and call
//! the state's actions.

mod card;
mod chips;
mod facets;
pub mod index;
mod labels;
mod pager;
mod state;

use crate::components::data_status::loading_status;
use crate::components::load_error::LoadErrorAlert;
use crate::components::page::Page;
use crate::data::{DataState, LoadError, api, error_message, use_data};
use crate::i18n::*;
use crate::lang_of;
use card::{Card, ResultCard};
use chips::{Chip, FilterChips};
use cluster_core::csv;
use cluster_core::directory::{FacetCounts, Kind, Params, Sort, csv_rows};
use cluster_core::format;
use cluster_core::model::{Member, Startup};
use cluster_core::url::encode;
use facets::{FacetPanel, FiltersButton};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use pager::Pager;
pub use state::DirectoryState;
use std::time::Duration;

/// Records per page: the DOM stays small whatever the directory's size.
pub const PER_PAGE: usize = 24;

/// `/members`.
#[component]
pub fn Members() -> impl IntoView {
    view! { <Directory kind=Kind::Members /> }
}

/// `/startups`.
#[component]
pub fn Startups() -> impl IntoView {
    view! { <Directory kind=Kind::Startups /> }
}

/// What the page shows for the current view, computed here or by the API.
#[derive(Clone, PartialEq)]
struct Shown {
    total: usize,
    /// The page after clamping.
    page: usize,
    facets: FacetCounts,
    cards: Vec<Card>,
}

/// The state of the CSV download.
#[derive(Clone, PartialEq)]
enum CsvState {
    Idle,
    /// The server is writing the file.
    Preparing,
    /// The server's answer failed, or (none) the browser refused the file.
    Failed(Option<LoadError>),
}

#[component]
fn Directory(kind: Kind) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let query = use_query_map();

    let server_side = Signal::derive(move || data.state.with(|s| matches!(s, DataState::Ready(l) if l.server_side)));
    let api_base = move || {
        data.state.with(|s| match s {
            DataState::Ready(l) => l.api_base_url.clone(),
            _ => None,
        })
    };
    let indexed = index::use_index(kind, data, server_side);

    // What is typed in the search box and not yet in the URL. The view
    // follows each keystroke at once; writing the URL (history.replaceState,
    // the costliest part of a keystroke) waits until typing pauses, Enter is
    // pressed, the box is left or anything else changes the URL.
    let typed: RwSignal<Option<String>> = RwSignal::new(None);
    let flush_timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move || {
        query.track();
        typed.set(None);
    });
    let cancel_flush = move || {
        if let Some(h) = flush_timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    };
    on_cleanup(cancel_flush);

    // The view in the URL; unknown values are dropped from the URL (replace).
    let params = Memo::new(move |_| {
        let ix = indexed.get()?;
        let pairs: Vec<(String, String)> = query.with(|q| q.into_iter().map(|(k, v)| (k.to_string(), v.to_owned())).collect());
        let (mut p, dropped) = ix.index.parse_params(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        if let Some(q) = typed.get() {
            p.q = q;
            p.page = 1;
        }
        Some((p, dropped))
    });
    let navigate = use_navigate();
    let navigate = Callback::new(move |(url, replace): (String, bool)| {
        navigate(&url, NavigateOptions { replace, scroll: false, ..Default::default() })
    });
    let state = DirectoryState::new(kind, params, indexed, Signal::derive(move || query.with(|q| q.get("lang"))), navigate);
    Effect::new(move || {
        if let Some((p, true)) = params.get() {
            state.go(&p, true);
        }
    });

    // The query string of the current view, for the API.
    let api_query = move || {
        let ix = indexed.get()?;
        let (p, _) = params.get()?;
        let mut pairs = ix.index.to_pairs(&p);
        pairs.push(("per_page".into(), PER_PAGE.to_string()));
        pairs.push(("lang".into(), lang_of(i18n.get_locale()).code().to_owned()));
        Some(pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&"))
    };
    // Local: the engine over the loaded lists.
    let local = Memo::new(move |_| {
        if server_side.get() {
            return None;
        }
        let ix = indexed.get()?;
        let (p, _) = params.get()?;
        let lang = lang_of(i18n.get_locale());
        let r = ix.index.query(&p, lang, PER_PAGE);
        let d = &ix.dataset;
        let cards = r
            .page_ids(PER_PAGE)
            .iter()
            .filter_map(|&i| match kind {
                Kind::Members => d.members.get(i as usize).map(|m| Card::member(d, m, lang)),
                Kind::Startups => d.startups.get(i as usize).map(|s| Card::startup(d, s, lang)),
            })
            .collect();
        Some(Shown { total: r.ids.len(), page: r.page, facets: r.facets, cards })
    });
    // Server-side: the API's answer to the query it was asked last. A new
    // view aborts the request still on its way, so answers never arrive out
    // of order; the previous answer stays on screen meanwhile.
    let remote: RwSignal<Option<(String, Result<Shown, LoadError>)>> = RwSignal::new(None);
    let retries = RwSignal::new(0u32);
    let in_flight: StoredValue<Option<web_sys::AbortController>, LocalStorage> = StoredValue::new_local(None);
    let abort = move || {
        if let Some(c) = in_flight.try_update_value(Option::take).flatten() {
            c.abort();
        }
    };
    on_cleanup(abort);
    Effect::new(move || {
        retries.track();
        abort();
        let Some((query, base)) = server_side.get().then(api_query).flatten().zip(api_base()) else { return };
        let Some(d) = indexed.get_untracked().map(|i| i.dataset) else { return };
        let Ok(controller) = web_sys::AbortController::new() else { return };
        let signal = controller.signal();
        in_flight.set_value(Some(controller));
        let lang = lang_of(i18n.get_locale_untracked());
        leptos::task::spawn_local(async move {
            // Each record becomes its card; the page keeps its counts.
            fn shown<T>(p: cluster_core::directory::Page<T>, kind: Kind, card: impl Fn(&T) -> Card) -> Shown {
                let cards = p.items.iter().map(card).collect();
                Shown { total: p.total, page: p.page, facets: p.facet_counts(kind), cards }
            }
            let answer = match kind {
                Kind::Members => {
                    api::page::<Member>(&base, kind, &query, &signal).await.map(|p| shown(p, kind, |m| Card::member(&d, m, lang)))
                }
                Kind::Startups => {
                    api::page::<Startup>(&base, kind, &query, &signal).await.map(|p| shown(p, kind, |s| Card::startup(&d, s, lang)))
                }
            };
            if signal.aborted() {
                return;
            }
            remote.set(Some((query, answer)));
        });
    });
    let shown = move || -> Option<Result<Shown, LoadError>> {
        if server_side.get() { remote.with(|r| r.as_ref().map(|(_, s)| s.clone())) } else { local.get().map(Ok) }
    };
    // A page beyond the last is clamped on screen and in the URL, once the
    // answer is the current view's.
    Effect::new(move || {
        let Some((p, false)) = params.get() else { return };
        let current = !server_side.get() || remote.with(|r| r.as_ref().map(|(q, _)| q.clone())) == api_query();
        if let Some(Ok(r)) = shown()
            && current
            && r.page != p.page
            && typed.get_untracked().is_none()
        {
            state.go(&Params { page: r.page, ..p }, true);
        }
    });

    // Back/Forward here: the list position once the list is shown (crate::scroll).
    let restore_to = StoredValue::new(crate::scroll::take_restore());
    #[cfg(target_arch = "wasm32")]
    {
        let on_scroll = window_event_listener(leptos::ev::scroll, |_| crate::scroll::remember());
        on_cleanup(move || on_scroll.remove());
    }
    Effect::new(move || {
        if matches!(shown(), Some(Ok(_)))
            && let Some(y) = restore_to.try_update_value(Option::take).flatten()
        {
            crate::scroll::restore(y);
        }
    });

    let title = Signal::derive(move || {
        match kind {
            Kind::Members => t_string!(i18n, members_title),
            Kind::Startups => t_string!(i18n, startups_title),
        }
        .to_owned()
    });

    // Typing replaces the history entry: Back leaves the directory view, not a letter.
    let flush = move || {
        cancel_flush();
        if typed.get_untracked().is_some()
            && let Some((p, _)) = params.get_untracked()
        {
            state.go(&p, true);
        }
    };
    let on_search = move |ev: leptos::ev::Event| {
        typed.set(Some(event_target_value(&ev)));
        cancel_flush();
        let timer = set_timeout_with_handle(flush, Duration::from_millis(400)).ok();
        flush_timer.try_set_value(timer);
    };
    let on_sort = move |ev: leptos::ev::Event| {
        if let Some(sort) = Sort::from_param(kind, &event_target_value(&ev)) {
            state.sort(sort);
        }
    };

    let csv_state = RwSignal::new(CsvState::Idle);
    let export = move |_| {
        let name = if kind == Kind::Members { "membres.csv" } else { "startups.csv" };
        let (Some(ix), Some((p, _))) = (indexed.get_untracked(), params.get_untracked()) else { return };
        if let (true, Some(base), Some(query)) = (server_side.get_untracked(), api_base(), api_query()) {
            // The whole filtered set, as the server writes it.
            csv_state.set(CsvState::Preparing);
            leptos::task::spawn_local(async move {
                let done = match api::csv(&base, kind, &query).await {
                    Ok(text) if crate::browser::download_text(name, "text/csv;charset=utf-8", &text) => CsvState::Idle,
                    Ok(_) => CsvState::Failed(None),
                    Err(e) => CsvState::Failed(Some(e)),
                };
                csv_state.set(done);
            });
            return;
        }
        let lang = lang_of(i18n.get_locale_untracked());
        let r = ix.index.query(&p, lang, PER_PAGE);
        let header: Vec<String> = kind.csv_columns().iter().map(|c| labels::csv_header(i18n, *c)).collect();
        let text = csv::document(&header, csv_rows(&ix.dataset, kind, &r.ids, lang));
        csv_state.set(if crate::browser::download_text(name, "text/csv;charset=utf-8", &text) {
            CsvState::Idle
        } else {
            CsvState::Failed(None)
        });
    };
    let csv_status = move || match csv_state.get() {
        CsvState::Idle => None,
        CsvState::Preparing => Some(view! { <span>{t_string!(i18n, dir_csv_preparing)}</span> }.into_any()),
        CsvState::Failed(e) => Some(
            view! {
                <span class="error" data-testid="dir-csv-error" dir="auto">
                    {td_string!(
                        i18n.get_locale(),
                        dir_csv_failed,
                        reason = e.map_or_else(|| t_string!(i18n, dir_csv_refused).to_owned(), |e| error_message(i18n, &e))
                    )
                    .to_string()}
                </span>
            }
            .into_any(),
        ),
    };

    // The narrow screens' facet panel.
    let panel_open = RwSignal::new(false);

    // Once the document is in: while the directory is indexed here, or the
    // first answer of a server-side directory is on its way.
    let loading = move || loading_status("dir-loading", t_string!(i18n, dir_loading).to_owned());
    let body = move || {
        let Some(ix) = indexed.get() else { return data.dataset().map(|_| loading()) };
        let (p, _) = params.get()?;
        let r = match shown() {
            None => return Some(loading()),
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                return Some(view! { <LoadErrorAlert error=e retry=move || retries.update(|n| *n += 1) testid="dir-error" /> }.into_any());
            }
        };
        let lang = lang_of(i18n.get_locale());
        let d = ix.dataset.clone();
        let total = r.total;
        let pages = total.div_ceil(PER_PAGE).max(1);
        let count_text = match kind {
            Kind::Members => {
                crate::plural(td_string!(i18n.get_locale(), dir_members_count, count = format::int(total as u64, lang)), lang, total as u64)
            }
            Kind::Startups => crate::plural(
                td_string!(i18n.get_locale(), dir_startups_count, count = format::int(total as u64, lang)),
                lang,
                total as u64,
            ),
        };
        let chips: Vec<Chip> = p
            .filters
            .selected(kind)
            .map(|(facet, value)| Chip { facet, value: value.to_owned(), name: d.name_in(facet.param(), value, lang) })
            .collect();
        let applied = chips.len();
        let is_open = panel_open.get();
        let active_facets: Vec<String> = p.filters.active(kind).map(|f| labels::facet(i18n, f)).collect();
        let empty_text = if active_facets.is_empty() {
            t_string!(i18n, dir_empty_plain).to_owned()
        } else {
            td_string!(i18n.get_locale(), dir_empty, filters = active_facets.join(", ")).to_string()
        };
        let results = if total == 0 {
            view! { <p class="notice" data-testid="dir-empty">{empty_text}</p> }.into_any()
        } else {
            let items = r.cards.into_iter().map(|card| view! { <ResultCard card /> }).collect::<Vec<_>>();
            view! { <ol class="results" data-testid="dir-results">{items}</ol> }.into_any()
        };
        let sorts = Sort::ALL
            .iter()
            .map(|s| view! { <option value=s.param(kind) prop:selected=p.sort == *s>{labels::sort(i18n, kind, *s)}</option> })
            .collect::<Vec<_>>();
        Some(
            view! {
                <div class="directory">
                    <div class="directory-tools">
                        <label class="search">
                            <span>{t_string!(i18n, dir_search_label)}</span>
                            <input type="search" data-testid="dir-search" prop:value=p.q.clone()
                                placeholder=t_string!(i18n, dir_search_hint) on:input=on_search
                                on:blur=move |_| flush() on:change=move |_| flush() autocomplete="off" />
                        </label>
                        <label class="sort">
                            <span>{t_string!(i18n, dir_sort_label)}</span>
                            <select data-testid="dir-sort" on:change=on_sort>{sorts}</select>
                        </label>
                        <FiltersButton open=panel_open is_open applied lang />
                        <button type="button" class="button secondary" data-testid="dir-csv" on:click=export>{t_string!(i18n, dir_download_csv)}</button>
                        <p class="csv-status" role="status" aria-live="polite">{csv_status}</p>
                    </div>
                    <p class="result-count" role="status" aria-live="polite" data-testid="dir-count">{count_text}</p>
                    <FilterChips state chips />
                    <div class="directory-body">
                        <FacetPanel state counts=r.facets selected=p.filters.clone() dataset=d lang open=panel_open is_open />
                        <div class="results-wrap">
                            {results}
                            <Pager state page=r.page pages />
                        </div>
                    </div>
                </div>
            }
            .into_any(),
        )
    };
    view! { <Page title=title class="directory-page">{body}</Page> }
}
