//! `/members` and `/startups`: search as you type, facets with live counts,
//! removable chips, sort, pages and CSV of the whole filtered set. Every bit
//! of state is in the URL (typing replaces the history entry once typing
//! pauses or the box is left; other changes add one), so a view can be
//! shared and walked with Back/Forward. The engine is
//! `cluster_core::directory`, the same as the server's.

use crate::components::data_status::loading_status;
use crate::components::page::Page;
use crate::data::{DataState, LoadError, body_with_accept, error_message, use_data};
use crate::i18n::*;
use crate::lang_of;
use cluster_core::csv;
use cluster_core::directory::{FacetCounts, Index, IndexBuilder, Kind, Params, csv_columns, csv_rows};
use cluster_core::format;
use cluster_core::lang::Lang;
use cluster_core::model::{Dataset, Member, Startup};
use cluster_core::url::encode;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;
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

/// The directory's base path.
pub fn base_path(kind: Kind) -> &'static str {
    match kind {
        Kind::Members => "/members",
        Kind::Startups => "/startups",
    }
}

/// A loaded dataset with one directory indexed (built once per dataset).
#[derive(Clone)]
struct Indexed {
    dataset: Arc<Dataset>,
    index: Arc<Index>,
}

thread_local! {
    /// The last index built per directory (members, start-ups), so that
    /// coming back to a directory (Back from a profile) shows its list at
    /// once instead of indexing again.
    static BUILT: std::cell::RefCell<[Option<Indexed>; 2]> = const { std::cell::RefCell::new([None, None]) };
}

fn slot(kind: Kind) -> usize {
    match kind {
        Kind::Members => 0,
        Kind::Startups => 1,
    }
}

/// The index built earlier for `d`, if any.
fn built_for(kind: Kind, d: &Arc<Dataset>) -> Option<Indexed> {
    BUILT.with(|b| b.borrow()[slot(kind)].clone().filter(|i| Arc::ptr_eq(&i.dataset, d)))
}

fn facet_label(i18n: leptos_i18n::I18nContext<Locale>, facet: &str) -> String {
    match facet {
        "sector" => t_string!(i18n, facet_sector),
        "type" => t_string!(i18n, facet_type),
        "region" => t_string!(i18n, facet_region),
        "label" => t_string!(i18n, facet_label),
        "programme" => t_string!(i18n, facet_programme),
        _ => t_string!(i18n, facet_cohort),
    }
    .to_owned()
}

fn sort_label(i18n: leptos_i18n::I18nContext<Locale>, sort: &str) -> String {
    match sort {
        "name" => t_string!(i18n, sort_name),
        "-name" => t_string!(i18n, sort_name_desc),
        "joined" => t_string!(i18n, sort_joined),
        "-joined" => t_string!(i18n, sort_joined_desc),
        "founded" => t_string!(i18n, sort_founded),
        _ => t_string!(i18n, sort_founded_desc),
    }
    .to_owned()
}

/// The URL of a view, keeping `?lang` when the current URL has one.
fn view_url(kind: Kind, index: &Index, p: &Params, lang: Option<&str>) -> String {
    let mut pairs = index.to_pairs(p);
    if let Some(l) = lang {
        pairs.push(("lang".into(), l.to_owned()));
    }
    let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    if query.is_empty() { base_path(kind).to_owned() } else { format!("{}?{}", base_path(kind), query.join("&")) }
}

#[component]
fn Directory(kind: Kind) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let query = use_query_map();
    let navigate = use_navigate();

    let server_side = move || data.state.with(|s| matches!(s, DataState::Ready(l) if l.server_side));
    let api_base = move || {
        data.state.with(|s| match s {
            DataState::Ready(l) => l.api_base_url.clone(),
            _ => None,
        })
    };
    // Index the directory once per loaded dataset, in steps that yield to the
    // page, so a large directory never freezes it.
    let indexed: RwSignal<Option<Indexed>> = RwSignal::new(data.dataset_untracked().and_then(|d| built_for(kind, &d)));
    Effect::new(move || {
        let Some(d) = data.dataset() else { return };
        let same = indexed.with_untracked(|i| i.as_ref().is_some_and(|i| Arc::ptr_eq(&i.dataset, &d)));
        if !same && let Some(earlier) = built_for(kind, &d) {
            indexed.set(Some(earlier));
        } else if !same && server_side() {
            // The lists stay on the server: only the facet values are needed here.
            let index = Arc::new(Index::empty(&d, kind));
            indexed.set(Some(Indexed { dataset: d, index }));
        } else if !same {
            leptos::task::spawn_local(async move {
                let mut builder = IndexBuilder::new(&d, kind);
                let mut started = crate::data::now();
                while !builder.step(100) {
                    if crate::data::now() - started > 8.0 {
                        crate::data::yield_to_browser().await;
                        started = crate::data::now();
                    }
                }
                let index = Arc::new(builder.finish());
                let built = Indexed { dataset: d.clone(), index };
                BUILT.with(|b| b.borrow_mut()[slot(kind)] = Some(built.clone()));
                // A reload may have brought another document meanwhile.
                if data.dataset_untracked().is_some_and(|now| Arc::ptr_eq(&now, &d)) {
                    indexed.set(Some(built));
                }
            });
        }
    });

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
    let url_lang = move || query.with_untracked(|q| q.get("lang"));
    let go = {
        let navigate = navigate.clone();
        move |p: Params, replace: bool| {
            let Some(ix) = indexed.get_untracked() else { return };
            let url = view_url(kind, &ix.index, &p, url_lang().as_deref());
            navigate(&url, NavigateOptions { replace, scroll: false, ..Default::default() });
        }
    };
    {
        let go = go.clone();
        Effect::new(move || {
            if let Some((p, true)) = params.get() {
                go(p, true);
            }
        });
    }
    // The query string of the current view, for the API.
    let api_query = move || {
        let ix = indexed.get()?;
        let (p, _) = params.get()?;
        let mut pairs = ix.index.to_pairs(&p);
        pairs.push(("per_page".into(), PER_PAGE.to_string()));
        pairs.push(("lang".into(), lang_of(i18n.get_locale()).code().to_owned()));
        Some(pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&"))
    };
    // Local: the engine over the loaded lists. Server-side: the API's answer.
    let local = Memo::new(move |_| {
        if server_side() {
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
                Kind::Members => d.members.get(i as usize).map(|m| member_card(d, m, lang)),
                Kind::Startups => d.startups.get(i as usize).map(|s| startup_card(d, s, lang)),
            })
            .collect();
        Some(Shown { total: r.ids.len(), page: r.page, facets: r.facets, cards })
    });
    let remote = LocalResource::new(move || {
        let request = server_side().then(api_query).flatten().zip(api_base());
        let snapshot = indexed.get_untracked();
        let lang = lang_of(i18n.get_locale_untracked());
        async move {
            let (query, base) = request?;
            let d = snapshot?.dataset;
            Some(fetch_page(&base, kind, &query, &d, lang).await)
        }
    });
    let shown = move || -> Option<Result<Shown, LoadError>> { if server_side() { remote.get().flatten() } else { local.get().map(Ok) } };

    // Back/Forward here: the list position once the list is shown (crate::scroll).
    let restore_to = StoredValue::new(crate::scroll::take_restore());
    let on_scroll = window_event_listener(leptos::ev::scroll, |_| crate::scroll::remember());
    on_cleanup(move || on_scroll.remove());
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
    let flush = {
        let go = go.clone();
        move || {
            cancel_flush();
            if typed.get_untracked().is_some()
                && let Some((p, _)) = params.get_untracked()
            {
                go(p, true);
            }
        }
    };
    let on_search = {
        let flush = flush.clone();
        move |ev: leptos::ev::Event| {
            typed.set(Some(event_target_value(&ev)));
            cancel_flush();
            let timer = set_timeout_with_handle(flush.clone(), Duration::from_millis(400)).ok();
            flush_timer.try_set_value(timer);
        }
    };
    let toggle = {
        let go = go.clone();
        move |facet: usize, value: String| {
            let Some((mut p, _)) = params.get_untracked() else { return };
            let list = &mut p.filters[facet];
            if let Some(i) = list.iter().position(|v| *v == value) {
                list.remove(i);
            } else {
                list.push(value);
            }
            p.page = 1;
            go(p, false);
        }
    };
    let clear_all = {
        let go = go.clone();
        move |_| {
            let Some((mut p, _)) = params.get_untracked() else { return };
            p.filters.iter_mut().for_each(Vec::clear);
            p.q.clear();
            p.page = 1;
            go(p, false);
        }
    };
    let on_sort = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let Some((mut p, _)) = params.get_untracked() else { return };
            p.sort = event_target_value(&ev);
            p.page = 1;
            go(p, false);
        }
    };
    let export = move |_| {
        let name = if kind == Kind::Members { "membres.csv" } else { "startups.csv" };
        let (Some(ix), Some((p, _))) = (indexed.get_untracked(), params.get_untracked()) else { return };
        let lang = lang_of(i18n.get_locale_untracked());
        if let (true, Some(base), Some(query)) = (server_side(), api_base(), api_query()) {
            // The whole filtered set, as the server writes it.
            leptos::task::spawn_local(async move {
                let url = format!("{base}{}?{query}", base_path(kind));
                if let Ok(bytes) = body_with_accept(&url, "text/csv").await {
                    crate::browser::download_text(name, "text/csv;charset=utf-8", &String::from_utf8_lossy(&bytes));
                }
            });
            return;
        }
        let r = ix.index.query(&p, lang, PER_PAGE);
        let header: Vec<String> = csv_columns(kind).iter().map(|c| csv_header(i18n, c)).collect();
        crate::browser::download_text(name, "text/csv;charset=utf-8", &csv::document(&header, csv_rows(&ix.dataset, kind, &r.ids, lang)));
    };

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
                return Some(
                    view! {
                        <div class="data-status error" role="alert" data-testid="dir-error">
                            <p dir="auto">{error_message(i18n, &e)}</p>
                            <button type="button" class="button" on:click=move |_| remote.refetch()>{t_string!(i18n, data_retry)}</button>
                        </div>
                    }
                    .into_any(),
                );
            }
        };
        let lang = lang_of(i18n.get_locale());
        let d = ix.dataset.clone();
        let facets = kind.facets();
        let total = r.total;
        let pages = total.div_ceil(PER_PAGE).max(1);
        let count_text = match kind {
            Kind::Members => td_string!(i18n.get_locale(), dir_members_count, count = format::int(total as u64, lang)).to_string(),
            Kind::Startups => td_string!(i18n.get_locale(), dir_startups_count, count = format::int(total as u64, lang)).to_string(),
        };
        let chips: Vec<(usize, String, String)> = p
            .filters
            .iter()
            .enumerate()
            .flat_map(|(f, values)| values.iter().map(move |v| (f, v.clone())))
            .map(|(f, v)| {
                let name = d.name_in(facets[f], &v, lang);
                (f, v, name)
            })
            .collect();
        let active_facets: Vec<String> =
            p.filters.iter().enumerate().filter(|(_, v)| !v.is_empty()).map(|(f, _)| facet_label(i18n, facets[f])).collect();
        let facet_groups = facets
            .iter()
            .enumerate()
            .map(|(f, facet)| {
                let toggle = toggle.clone();
                let counts = r.facets[f].clone();
                let selected = p.filters[f].clone();
                let legend = facet_label(i18n, facet);
                let d = d.clone();
                view! {
                    <fieldset class="facet">
                        <legend>{legend}</legend>
                        <ul>
                            {counts
                                .into_iter()
                                .map(|(value, count)| {
                                    let checked = selected.contains(&value);
                                    let name = d.name_in(facet, &value, lang);
                                    let toggle = toggle.clone();
                                    let v = value.clone();
                                    let id = format!("f-{facet}-{value}");
                                    view! {
                                        <li class:empty=count == 0 && !checked>
                                            <input type="checkbox" id=id.clone() prop:checked=checked
                                                on:change=move |_| toggle(f, v.clone()) />
                                            <label for=id>
                                                <span class="facet-name">{name}</span>
                                                <span class="facet-count" dir="ltr">{format::int(count as u64, lang)}</span>
                                            </label>
                                        </li>
                                    }
                                })
                                .collect::<Vec<_>>()}
                        </ul>
                    </fieldset>
                }
            })
            .collect::<Vec<_>>();
        let items = r.cards.iter().map(card_view).collect::<Vec<_>>();
        let empty = total == 0;
        let empty_text = if active_facets.is_empty() {
            t_string!(i18n, dir_empty_plain).to_owned()
        } else {
            td_string!(i18n.get_locale(), dir_empty, filters = active_facets.join(", ")).to_string()
        };
        let page_link = {
            let ix = ix.clone();
            let p = p.clone();
            move |n: usize| {
                let mut q = p.clone();
                q.page = n;
                view_url(kind, &ix.index, &q, url_lang().as_deref())
            }
        };
        let go_remove = go.clone();
        Some(
            view! {
                <div class="directory">
                    <div class="directory-tools">
                        <label class="search">
                            <span>{t_string!(i18n, dir_search_label)}</span>
                            <input type="search" data-testid="dir-search" prop:value=p.q.clone()
                                placeholder=t_string!(i18n, dir_search_hint) on:input=on_search.clone() on:blur={
                                    let flush = flush.clone();
                                    move |_| flush()
                                } on:change={
                                    let flush = flush.clone();
                                    move |_| flush()
                                } autocomplete="off" />
                        </label>
                        <label class="sort">
                            <span>{t_string!(i18n, dir_sort_label)}</span>
                            <select data-testid="dir-sort" on:change=on_sort.clone()>
                                {kind
                                    .sorts()
                                    .iter()
                                    .map(|s| view! { <option value=*s prop:selected=p.sort == *s>{sort_label(i18n, s)}</option> })
                                    .collect::<Vec<_>>()}
                            </select>
                        </label>
                        <button type="button" class="button secondary" data-testid="dir-csv" on:click=export>{t_string!(i18n, dir_download_csv)}</button>
                    </div>
                    <p class="result-count" role="status" aria-live="polite" data-testid="dir-count">{count_text}</p>
                    {(!chips.is_empty())
                        .then(|| {
                            view! {
                                <div class="chips" role="group" aria-label=t_string!(i18n, dir_active_filters)>
                                    {chips
                                        .into_iter()
                                        .map(|(f, v, name)| {
                                            let remove = {
                                                let go = go_remove.clone();
                                                let p = p.clone();
                                                move |_| {
                                                    let mut q = p.clone();
                                                    q.filters[f].retain(|x| *x != v);
                                                    q.page = 1;
                                                    go(q, false);
                                                }
                                            };
                                            let label = td_string!(i18n.get_locale(), dir_remove, name = name.clone()).to_string();
                                            view! {
                                                <button type="button" class="chip" data-testid="dir-chip" aria-label=label on:click=remove>
                                                    {name}<span aria-hidden="true">" ×"</span>
                                                </button>
                                            }
                                        })
                                        .collect::<Vec<_>>()}
                                    <button type="button" class="chip clear" data-testid="dir-clear" on:click=clear_all.clone()>
                                        {t_string!(i18n, dir_clear_all)}
                                    </button>
                                </div>
                            }
                        })}
                    <div class="directory-body">
                        <section class="facets" aria-label=t_string!(i18n, dir_filters)>{facet_groups}</section>
                        <div class="results-wrap">
                            {if empty {
                                view! { <p class="notice" data-testid="dir-empty">{empty_text}</p> }.into_any()
                            } else {
                                view! { <ol class="results" data-testid="dir-results">{items}</ol> }.into_any()
                            }}
                            {(pages > 1)
                                .then(|| {
                                    let prev = (r.page > 1).then(|| page_link(r.page - 1));
                                    let next = (r.page < pages).then(|| page_link(r.page + 1));
                                    view! {
                                        <nav class="pager" aria-label=t_string!(i18n, dir_pages)>
                                            {prev.map(|href| view! { <A href=href attr:rel="prev">{t_string!(i18n, dir_prev)}</A> })}
                                            <span data-testid="dir-page">
                                                {td_string!(i18n.get_locale(), dir_page_of, page = r.page, pages = pages).to_string()}
                                            </span>
                                            {next.map(|href| view! { <A href=href attr:rel="next">{t_string!(i18n, dir_next)}</A> })}
                                        </nav>
                                    }
                                })}
                        </div>
                    </div>
                </div>
            }
            .into_any(),
        )
    };
    view! { <Page title=title class="directory-page">{body}</Page> }
}

fn csv_header(i18n: leptos_i18n::I18nContext<Locale>, column: &str) -> String {
    match column {
        "id" => t_string!(i18n, csv_id),
        "name" => t_string!(i18n, csv_name),
        "type" => t_string!(i18n, csv_type),
        "sector" => t_string!(i18n, csv_sector),
        "region" => t_string!(i18n, csv_region),
        "city" => t_string!(i18n, csv_city),
        "joined" => t_string!(i18n, csv_joined),
        "labels" => t_string!(i18n, csv_labels),
        "programmes" => t_string!(i18n, csv_programmes),
        "website" => t_string!(i18n, csv_website),
        "email" => t_string!(i18n, csv_email),
        "phone" => t_string!(i18n, csv_phone),
        "founded" => t_string!(i18n, csv_founded),
        "cohort" => t_string!(i18n, csv_cohort),
        _ => t_string!(i18n, csv_raised_mad),
    }
    .to_owned()
}

/// What the page shows for the current view, computed here or by the API.
#[derive(Clone, PartialEq)]
struct Shown {
    total: usize,
    page: usize,
    facets: FacetCounts,
    cards: Vec<Card>,
}

/// One result, ready to show.
#[derive(Clone, PartialEq)]
struct Card {
    href: String,
    name: String,
    /// The name's own language when it falls back to French.
    name_lang: Option<&'static str>,
    meta: Vec<String>,
    badges: Vec<String>,
}

fn place(d: &Dataset, region: &str, city: &str, lang: Lang) -> String {
    let r = d.region(region);
    let c = r.and_then(|r| r.cities.iter().find(|c| c.id == city));
    format::join(&[c.map_or(city, |c| c.name.in_lang(lang)), r.map_or(region, |r| r.name.in_lang(lang))], lang)
}

fn member_card(d: &Dataset, m: &Member, lang: Lang) -> Card {
    let (name, used) = m.name.get(lang);
    Card {
        href: format!("/members/{}", m.id),
        name: name.to_owned(),
        name_lang: (used != lang).then_some(used.code()),
        meta: vec![d.name_in("sector", &m.sector, lang), d.name_in("type", &m.member_type, lang), place(d, &m.region, &m.city, lang)],
        badges: m.labels.iter().map(|l| d.name_in("label", l, lang)).collect(),
    }
}

fn startup_card(d: &Dataset, s: &Startup, lang: Lang) -> Card {
    let (name, used) = s.name.get(lang);
    Card {
        href: format!("/startups/{}", s.id),
        name: name.to_owned(),
        name_lang: (used != lang).then_some(used.code()),
        meta: vec![d.name_in("sector", &s.sector, lang), place(d, &s.region, &s.city, lang), s.cohort.to_string()],
        badges: Vec::new(),
    }
}

/// One result: its name (a link to the profile), facts and labels.
fn card_view(c: &Card) -> impl IntoView {
    let c = c.clone();
    view! {
        <li class="result" data-testid="dir-result">
            // A plain link: the router handles its clicks, and it costs less than <A> in a list that changes per keystroke.
            <h2><a href=c.href><span lang=c.name_lang dir="auto">{c.name}</span></a></h2>
            <p class="meta">{c.meta.into_iter().map(|m| view! { <span dir="auto">{m}</span> }).collect::<Vec<_>>()}</p>
            {(!c.badges.is_empty())
                .then(|| view! { <p class="badges">{c.badges.into_iter().map(|b| view! { <span class="badge">{b}</span> }).collect::<Vec<_>>()}</p> })}
        </li>
    }
}

/// A page of the API's answer, as `GET /members` and `GET /startups` send it.
#[derive(serde::Deserialize)]
struct ApiPage<T> {
    items: Vec<T>,
    total: usize,
    page: usize,
    facets: std::collections::HashMap<String, Vec<ApiFacet>>,
}

#[derive(serde::Deserialize)]
struct ApiFacet {
    value: String,
    count: usize,
}

/// Queries the API (server-side directories) and shapes its answer.
async fn fetch_page(base: &str, kind: Kind, query: &str, d: &Dataset, lang: Lang) -> Result<Shown, LoadError> {
    let url = format!("{base}{}?{query}", base_path(kind));
    let bytes = body_with_accept(&url, "application/json").await?;
    let parse = |e: serde_json::Error| LoadError::Parse {
        url: url.clone(),
        error: cluster_core::parse::ParseError::Syntax { line: e.line(), column: e.column(), message: e.to_string() },
    };
    let (total, page, mut facets_map, cards) = match kind {
        Kind::Members => {
            let p: ApiPage<Member> = serde_json::from_slice(&bytes).map_err(parse)?;
            (p.total, p.page, p.facets, p.items.iter().map(|m| member_card(d, m, lang)).collect())
        }
        Kind::Startups => {
            let p: ApiPage<Startup> = serde_json::from_slice(&bytes).map_err(parse)?;
            (p.total, p.page, p.facets, p.items.iter().map(|s| startup_card(d, s, lang)).collect())
        }
    };
    let facets =
        kind.facets().iter().map(|f| facets_map.remove(*f).unwrap_or_default().into_iter().map(|e| (e.value, e.count)).collect()).collect();
    Ok(Shown { total, page, facets, cards })
}
