//! The applied filters as removable chips above the results, with "clear all".

use super::state::DirectoryState;
use crate::i18n::*;
use leptos::prelude::*;

/// An applied filter: its facet's position, its value, and its name.
#[derive(Clone)]
pub struct Chip {
    pub facet: usize,
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
            .map(|Chip { facet, value, name }| {
                let label = td_string!(i18n.get_locale(), dir_remove, name = name.clone()).to_string();
                view! {
                    <button type="button" class="chip" data-testid="dir-chip" aria-label=label on:click=move |_| state.toggle(facet, &value)>
                        {name}<span aria-hidden="true">" ×"</span>
                    </button>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <div class="chips" role="group" aria-label=t_string!(i18n, dir_active_filters)>
                {items}
                <button type="button" class="chip clear" data-testid="dir-clear" on:click=move |_| state.clear()>
                    {t_string!(i18n, dir_clear_all)}
                </button>
            </div>
        }
    })
}
