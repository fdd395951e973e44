//! The applied filters as removable chips above the results, with "clear all".

use super::state::DirectoryState;
use crate::i18n::*;
use cluster_core::directory::Facet;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// After a chip at `position` went away (or all of them, with `None`):
/// focus the chip now in its place, else the one before, else the search
/// box, so a keyboard user is not sent back to the top of the page.
fn refocus(position: Option<usize>) {
    request_animation_frame(move || {
        let chips = document().query_selector_all("[data-testid=dir-chip]").ok();
        let n = chips.as_ref().map_or(0, |c| c.length() as usize);
        let target = match position {
            Some(i) if n > 0 => chips.and_then(|c| c.get(i.min(n - 1) as u32)).and_then(|node| node.dyn_into::<web_sys::Element>().ok()),
            _ => document().query_selector("[data-testid=dir-search]").ok().flatten(),
        };
        crate::browser::focus(target);
    });
}

/// An applied filter: its facet, its value, and its name.
#[derive(Clone)]
pub struct Chip {
    pub facet: Facet,
    pub value: String,
    pub name: String,
}

/// The chips (nothing when no filter is applied).
#[component]
pub fn FilterChips(state: DirectoryState, chips: Vec<Chip>) -> impl IntoView {
    let i18n = use_i18n();
    (!chips.is_empty()).then(|| {
        let items = chips
            .into_iter()
            .enumerate()
            .map(|(i, Chip { facet, value, name })| {
                let label = td_string!(i18n.get_locale(), dir_remove, name = name.clone()).to_string();
                view! {
                    <button type="button" class="chip" data-testid="dir-chip" aria-label=label on:click=move |_| {
                        state.toggle(facet, &value);
                        refocus(Some(i));
                    }>
                        {name}<span aria-hidden="true">" ×"</span>
                    </button>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <div class="chips" role="group" aria-label=t_string!(i18n, dir_active_filters)>
                {items}
                <button type="button" class="chip clear" data-testid="dir-clear" on:click=move |_| {
                    state.clear();
                    refocus(None);
                }>
                    {t_string!(i18n, dir_clear_all)}
                </button>
            </div>
        }
    })
}
