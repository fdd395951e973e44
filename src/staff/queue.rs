//! `/staff`: the queue of applications (docs/staff.md, "The queue"). Its
//! view (tab, filters, search, sort, page) is the address's query, read and
//! written by core (`cluster_core::queue::View`), like the directories'; the
//! server applies the same view.

use super::api::{self, Failure};
use super::{failure_alert, scrolled_table, status_name, use_me};
use crate::components::data_status::loading_status;
use crate::components::page::Page;
use crate::data::use_data;
use crate::i18n::*;
use crate::lang_of;
use cluster_core::api::{StaffList, StaffSummary};
use cluster_core::application::Status;
use cluster_core::format;
use cluster_core::model::Dataset;
use cluster_core::queue::{PAGE, Sort, Tab, View};
use cluster_core::staff::Permission;
use cluster_core::url::parse_query;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use std::sync::Arc;

/// The address of `view`, keeping the page's `?lang`.
fn href(view: &View, lang: Option<&str>) -> String {
    let mut query = view.query();
    if let Some(l) = lang {
        query = if query.is_empty() { format!("lang={l}") } else { format!("{query}&lang={l}") };
    }
    if query.is_empty() { "/staff".to_owned() } else { format!("/staff?{query}") }
}

#[component]
pub fn Queue() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let location = use_location();
    let navigate = use_navigate();
    let pairs = Memo::new(move |_| parse_query(&location.search.get()));
    // A hand-written address with a value the view cannot have shows the whole queue.
    let view = Memo::new(move |_| pairs.with(|p| View::parse(p).unwrap_or_default()));
    let url_lang = Memo::new(move |_| pairs.with(|p| p.iter().rev().find(|(k, _)| k == "lang").map(|(_, v)| v.clone())));
    let go = Callback::new(move |v: View| {
        navigate(&href(&v, url_lang.get_untracked().as_deref()), NavigateOptions { scroll: false, ..Default::default() })
    });
    // A change of the view starts again from its first page.
    let change = move |f: &dyn Fn(&mut View)| {
        let mut v = view.get_untracked();
        f(&mut v);
        v.page = 1;
        go.run(v);
    };
    let list: RwSignal<Option<Result<StaffList, Failure>>> = RwSignal::new(None);
    let busy = RwSignal::new(true);
    let asked = StoredValue::new(0u32);
    Effect::new(move || {
        let query = view.with(View::query);
        let n = asked.get_value() + 1;
        asked.set_value(n);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = api::call::<StaffList>("GET", &format!("/applications?{query}"), None).await;
            // A newer view was asked for meanwhile: its answer is the one to show.
            if asked.try_get_value() == Some(n) {
                list.set(Some(answer));
                busy.set(false);
            }
        });
    });
    let me = use_me();
    let may_export = me.as_ref().is_some_and(|m| m.account.role.may(Permission::Export));
    let my_id = me.as_ref().map_or(0, |m| m.account.id);

    let tabs = move || {
        let current = view.with(|v| v.tab);
        let tab = |t: Option<Tab>, label: String| {
            let target = View { tab: t, ..View::default() };
            let here = current == t;
            view! { <li><A href=href(&target, url_lang.get().as_deref()) attr:aria-current=here.then_some("page")>{label}</A></li> }
        };
        view! {
            <nav class="staff-tabs" aria-label=t_string!(i18n, w_tabs_label)>
                <ul>
                    {tab(None, t_string!(i18n, w_tab_all).to_owned())}
                    {tab(Some(Tab::ToPickUp), t_string!(i18n, w_tab_to_pick_up).to_owned())}
                    {tab(Some(Tab::Mine), t_string!(i18n, w_tab_mine).to_owned())}
                    {tab(Some(Tab::Open), t_string!(i18n, w_tab_open).to_owned())}
                    {tab(Some(Tab::Decided), t_string!(i18n, w_tab_decided).to_owned())}
                    {tab(Some(Tab::Withdrawn), t_string!(i18n, w_tab_withdrawn).to_owned())}
                </ul>
            </nav>
        }
    };

    // The filters: each select applies at once; the words on submit.
    let typed = RwSignal::new(view.get_untracked().q);
    Effect::new(move || typed.set(view.with(|v| v.q.clone())));
    let filters = move || {
        let lang = lang_of(i18n.get_locale());
        let d = data.dataset();
        let v = view.get();
        let any = t_string!(i18n, w_any).to_owned();
        let select =
            |id: &'static str, label: String, current: String, options: Vec<(String, String)>, set: fn(&mut View, Option<String>)| {
                let on_change = move |ev| {
                    let value = event_target_value(&ev);
                    change(&move |v: &mut View| set(v, (!value.is_empty()).then(|| value.clone())));
                };
                let options = options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = value == current;
                        view! { <option value=value selected=selected>{text}</option> }
                    })
                    .collect::<Vec<_>>();
                view! {
                    <div class="field">
                        <label for=id>{label}</label>
                        <select id=id on:change=on_change><option value="">{any.clone()}</option>{options}</select>
                    </div>
                }
            };
        let calls: Vec<(String, String)> =
            d.as_ref().map(|d| d.calls.iter().map(|c| (c.id.clone(), d.call_name(&c.id, lang))).collect()).unwrap_or_default();
        let stages: Vec<(String, String)> = Status::ALL.iter().map(|s| (s.as_str().to_owned(), status_name(*s, None))).collect();
        let sectors: Vec<(String, String)> =
            d.as_ref().map(|d| d.sectors.iter().map(|s| (s.id.clone(), s.name.in_lang(lang).to_owned())).collect()).unwrap_or_default();
        let regions: Vec<(String, String)> =
            d.as_ref().map(|d| d.regions.iter().map(|r| (r.id.clone(), r.name.in_lang(lang).to_owned())).collect()).unwrap_or_default();
        // The people seen in this view, and the reader.
        let mut people: Vec<(String, String)> = vec![(my_id.to_string(), use_me().map(|m| m.account.name).unwrap_or_default())];
        list.with_untracked(|l| {
            for a in l.iter().flatten().flat_map(|l| l.items.iter()).flat_map(|s| s.assignees.iter()) {
                if !people.iter().any(|(id, _)| *id == a.account_id.to_string()) {
                    people.push((a.account_id.to_string(), a.name.clone()));
                }
            }
        });
        if let Some(a) = v.assignee.filter(|a| !people.iter().any(|(id, _)| *id == a.to_string())) {
            people.push((a.to_string(), format!("#{a}")));
        }
        let sorts = vec![
            (Sort::Date.as_str().to_owned(), t_string!(i18n, w_sort_date).to_owned()),
            (Sort::Score.as_str().to_owned(), t_string!(i18n, w_sort_score).to_owned()),
        ];
        let on_sort = move |ev| {
            let value = event_target_value(&ev);
            change(&move |v: &mut View| v.sort = Sort::parse(&value).unwrap_or(Sort::Date));
        };
        let sort_options = sorts
            .into_iter()
            .map(|(value, text)| {
                let selected = value == v.sort.as_str();
                view! { <option value=value selected=selected>{text}</option> }
            })
            .collect::<Vec<_>>();
        view! {
            <form class="staff-filters" role="search" aria-label=t_string!(i18n, w_filters) on:submit=move |ev| {
                ev.prevent_default();
                let q = typed.get_untracked();
                change(&move |v: &mut View| v.q = q.trim().to_owned());
            }>
                <div class="field staff-search">
                    <label for="w-q">{t_string!(i18n, w_search)}</label>
                    <div class="inline">
                        <input id="w-q" type="search" dir="auto" prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev)) />
                        <button type="submit" class="button">{t_string!(i18n, w_apply)}</button>
                    </div>
                </div>
                {select("w-call", t_string!(i18n, w_call).to_owned(), v.call.clone().unwrap_or_default(), calls, |v, x| v.call = x)}
                {select("w-stage", t_string!(i18n, w_stage).to_owned(), v.stage.map(|s| s.as_str().to_owned()).unwrap_or_default(), stages,
                    |v, x| v.stage = x.as_deref().and_then(Status::parse))}
                {select("w-sector", t_string!(i18n, w_sector).to_owned(), v.sector.clone().unwrap_or_default(), sectors, |v, x| v.sector = x)}
                {select("w-region", t_string!(i18n, w_region).to_owned(), v.region.clone().unwrap_or_default(), regions, |v, x| v.region = x)}
                {select("w-assignee", t_string!(i18n, w_assignee).to_owned(), v.assignee.map(|a| a.to_string()).unwrap_or_default(), people,
                    |v, x| v.assignee = x.and_then(|a| a.parse().ok()))}
                <div class="field">
                    <label for="w-sort">{t_string!(i18n, w_sort)}</label>
                    <select id="w-sort" on:change=on_sort>{sort_options}</select>
                </div>
            </form>
        }
    };

    let export_failed = RwSignal::new(None::<Failure>);
    // The view's applications, or their score sheets (a row per reviewer and criterion).
    let export = move |path: &'static str, name: &'static str| {
        let query = view.with(|v| View { page: 1, ..v.clone() }.query());
        leptos::task::spawn_local(async move {
            export_failed.set(api::download_csv(&format!("{path}?{query}"), name).await.err());
        });
    };

    let results = move || {
        let lang = lang_of(i18n.get_locale());
        let d: Option<Arc<Dataset>> = data.dataset();
        match list.get() {
            None => loading_status("queue-loading", t_string!(i18n, data_loading).to_owned()),
            Some(Err(e)) => failure_alert(&e),
            Some(Ok(l)) => {
                let v = view.get_untracked();
                let count =
                    crate::plural(td_string!(i18n.get_locale(), w_count, count = format::int(l.total as u64, lang)), lang, l.total as u64);
                if l.total == 0 {
                    let filtered = v != View::default();
                    return view! {
                        <p class="count" role="status" data-testid="queue-count">{count}</p>
                        <div class="empty" data-testid="queue-empty">
                            <p>{if filtered { t_string!(i18n, w_empty_view) } else { t_string!(i18n, w_empty_none) }}</p>
                            {filtered.then(|| view! { <p><A href=href(&View::default(), url_lang.get_untracked().as_deref())>{t_string!(i18n, w_clear)}</A></p> })}
                        </div>
                    }
                    .into_any();
                }
                let pages = l.total.div_ceil(PAGE).max(1);
                let rows = l.items.iter().map(|s| row(s, d.as_deref(), lang)).collect::<Vec<_>>();
                let base = v.clone();
                let page_link = move |n: usize, rel: &'static str, text: String| {
                    let target = View { page: n, ..base.clone() };
                    view! { <A href=href(&target, url_lang.get_untracked().as_deref()) attr:rel=rel>{text}</A> }
                };
                view! {
                    <div class="queue-bar">
                        <p class="count" role="status" data-testid="queue-count">{count}</p>
                        {may_export.then(|| view! {
                            <button type="button" class="button secondary" data-testid="queue-export"
                                on:click=move |_| export("/applications", "candidatures.csv")>{t_string!(i18n, w_export)}</button>
                            <button type="button" class="button secondary" data-testid="scores-export"
                                on:click=move |_| export("/scores", "notes.csv")>{t_string!(i18n, w_export_scores)}</button>
                        })}
                    </div>
                    {scrolled_table(t_string!(i18n, staff_queue_title), "queue", &[
                        t_string!(i18n, w_col_reference), t_string!(i18n, w_col_startup), t_string!(i18n, w_sector),
                        t_string!(i18n, w_region), t_string!(i18n, w_stage), t_string!(i18n, w_col_received),
                        t_string!(i18n, w_assignee), t_string!(i18n, w_col_my_score), t_string!(i18n, w_col_average),
                    ], rows)}
                    {(pages > 1).then(|| view! {
                        <nav class="pager" aria-label=t_string!(i18n, dir_pages)>
                            {(v.page > 1).then(|| page_link(v.page - 1, "prev", t_string!(i18n, dir_prev).to_owned()))}
                            <span data-testid="queue-page">{td_string!(i18n.get_locale(), dir_page_of, page = v.page, pages = pages).to_string()}</span>
                            {(v.page < pages).then(|| page_link(v.page + 1, "next", t_string!(i18n, dir_next).to_owned()))}
                        </nav>
                    })}
                }
                .into_any()
            }
        }
    };
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, staff_queue_title).to_string()) class="staff-queue" busy=Signal::derive(move || busy.get())>
            {tabs}
            {filters}
            {move || export_failed.get().map(|e| failure_alert(&e))}
            {results}
        </Page>
    }
}

/// One application's row.
fn row(s: &StaffSummary, d: Option<&Dataset>, lang: cluster_core::lang::Lang) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let score = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |x| format::score(x, lang));
    let assignees = if s.assignees.is_empty() {
        t_string!(i18n, w_nobody).to_owned()
    } else {
        format::join(&s.assignees.iter().map(|a| a.name.clone()).collect::<Vec<_>>(), lang)
    };
    let day = s.received_at.get(..10).unwrap_or_default();
    // A sector's or region's name (its id while the document loads).
    let named =
        |what: &str, id: Option<&str>| id.map(|id| d.map_or_else(|| id.to_owned(), |d| d.name_in(what, id, lang))).unwrap_or_default();
    let (reference, link) = (s.reference.clone(), format!("/staff/applications/{}", s.reference));
    view! {
        <tr role="row">
            // A plain link (the router takes its click all the same): a
            // router `<A>` per row would track the address in each of 50 rows.
            <td role="cell"><a href=link><code dir="ltr">{reference}</code></a></td>
            <td role="cell" dir="auto">{s.startup.clone().unwrap_or_default()}</td>
            <td role="cell">{named("sector", s.sector.as_deref())}</td>
            <td role="cell">{named("region", s.region.as_deref())}</td>
            <td role="cell">{status_name(s.status, s.outcome)}</td>
            <td role="cell">{format::date(day, lang)}</td>
            <td role="cell" dir="auto">{assignees}</td>
            <td role="cell" class="num">{score(s.my_score)}</td>
            <td role="cell" class="num">{score(s.average)}</td>
        </tr>
    }
}
