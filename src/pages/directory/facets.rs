//! The facets: one group of checkboxes per facet, each value with the count
//! it would give. On wide screens they sit beside the results; on narrow
//! ones (CSS, `max-width: 48rem`) they wait behind a "Filters (n)" button
//! and open as a full-screen dialog: focus moves into it and stays there,
//! Escape or "Show results" closes it and returns focus to the button.

use super::labels;
use super::state::DirectoryState;
use crate::i18n::*;
use cluster_core::directory::{FacetCounts, Filters};
use cluster_core::format;
use cluster_core::lang::Lang;
use cluster_core::model::Dataset;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

const TOGGLE_ID: &str = "dir-filters-toggle";
const PANEL_ID: &str = "dir-facets";
const TITLE_ID: &str = "dir-facets-title";

/// The narrow screens' button that opens the facets, with how many filters apply.
#[component]
pub fn FiltersButton(open: RwSignal<bool>, is_open: bool, applied: usize, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let text = td_string!(i18n.get_locale(), dir_filters_button, count = format::int(applied as u64, lang)).to_string();
    view! {
        <button type="button" class="button secondary filters-toggle" id=TOGGLE_ID data-testid="dir-filters"
            aria-controls=PANEL_ID aria-expanded=if is_open { "true" } else { "false" }
            on:click=move |_| {
                open.set(true);
                crate::browser::focus_later(TITLE_ID.into());
            }>
            {text}
        </button>
    }
}

/// Keeps Tab inside the open panel (the first and last controls wrap).
fn trap_tab(ev: &web_sys::KeyboardEvent) {
    let Some(panel) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Ok(list) = panel.query_selector_all("button, input") else { return };
    let (Some(first), Some(last)) = (list.get(0), list.get(list.length().saturating_sub(1))) else { return };
    let active = document().active_element().map(web_sys::Node::from);
    let at = |n: &web_sys::Node| active.as_ref().is_some_and(|a| a.is_same_node(Some(n)));
    let title = document().get_element_by_id(TITLE_ID).map(web_sys::Node::from);
    let target = if ev.shift_key() && (at(&first) || title.as_ref().is_some_and(at)) {
        last
    } else if !ev.shift_key() && at(&last) {
        first
    } else {
        return;
    };
    ev.prevent_default();
    crate::browser::focus(target.dyn_into::<web_sys::Element>().ok());
}

/// Every facet of the view with its counts; `selected` is the view's filters.
#[component]
pub fn FacetPanel(
    state: DirectoryState,
    counts: FacetCounts,
    selected: Filters,
    dataset: Arc<Dataset>,
    lang: Lang,
    open: RwSignal<bool>,
    /// `open`'s value: the page is drawn again when it changes.
    is_open: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let close = move || {
        open.set(false);
        crate::browser::focus_later(TOGGLE_ID.into());
    };
    let groups = counts
        .into_iter()
        .map(|(facet, counts)| {
            let param = facet.param();
            let items = counts
                .into_iter()
                .map(|(value, count)| {
                    let checked = selected.contains(facet, &value);
                    let name = dataset.name_in(param, &value, lang);
                    let id = format!("f-{param}-{value}");
                    view! {
                        <li class:empty=count == 0 && !checked>
                            <input type="checkbox" id=id.clone() prop:checked=checked on:change=move |_| state.toggle(facet, &value) />
                            <label for=id>
                                <span class="facet-name">{name}</span>
                                <span class="facet-count" dir="ltr">{format::int(count as u64, lang)}</span>
                            </label>
                        </li>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <fieldset class="facet">
                    <legend>{labels::facet(i18n, facet)}</legend>
                    <ul>{items}</ul>
                </fieldset>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="facets" id=PANEL_ID class:open=is_open aria-labelledby=TITLE_ID
            role=is_open.then_some("dialog") aria-modal=is_open.then_some("true")
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if !is_open {
                    return;
                }
                match ev.key().as_str() {
                    "Escape" => {
                        ev.prevent_default();
                        close();
                    }
                    "Tab" => trap_tab(&ev),
                    _ => {}
                }
            }>
            <div class="facets-head">
                <h2 id=TITLE_ID tabindex="-1">{t_string!(i18n, dir_filters)}</h2>
                <button type="button" class="button secondary" on:click=move |_| close()>{t_string!(i18n, dir_filters_close)}</button>
            </div>
            {groups}
            <div class="facets-foot">
                <button type="button" class="button" data-testid="dir-filters-done" on:click=move |_| close()>{t_string!(i18n, dir_filters_show)}</button>
            </div>
        </section>
    }
}
