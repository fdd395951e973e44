//! What the visitor sees of the data's state: progress while loading, an
//! actionable error, or the notice that an offline copy is in use.

use crate::components::load_error::LoadErrorAlert;
use crate::data::{DataState, Origin, error_message, use_data};
use crate::i18n::*;
use crate::lang_of;
use cluster_core::format;
use leptos::prelude::*;

/// A spinner and what is being loaded, announced politely.
pub fn loading_status(testid: &'static str, text: String) -> AnyView {
    view! {
        <div class="data-status loading" role="status" data-testid=testid>
            <span class="spinner" aria-hidden="true"></span>
            {text}
        </div>
    }
    .into_any()
}

/// A banner under the header; empty once the data is loaded from its source.
#[component]
pub fn DataStatus() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let retry = move |_| data.load();
    move || {
        let lang = lang_of(i18n.get_locale());
        match data.state.get() {
            DataState::Loading { records: 0 } => loading_status("data-loading", t_string!(i18n, data_loading).to_owned()),
            DataState::Loading { records } => loading_status(
                "data-loading",
                crate::plural(
                    td_string!(i18n.get_locale(), data_loading_records, count = format::int(records as u64, lang)),
                    lang,
                    records as u64,
                ),
            ),
            DataState::Failed(e) => view! {
                <LoadErrorAlert error=e retry=move || data.load() testid="data-error" title=t_string!(i18n, data_error_title).to_owned() />
            }
            .into_any(),
            DataState::Ready(loaded) => match loaded.origin {
                Origin::Fallback(e) => view! {
                    <div class="data-status offline" role="status" data-testid="data-offline">
                        <p>{td_string!(i18n.get_locale(), data_offline, date = format::date(&loaded.dataset.as_of, lang)).to_string()}</p>
                        <p class="note" dir="auto">{error_message(i18n, &e)}</p>
                        <button type="button" class="button secondary" on:click=retry>{t_string!(i18n, data_retry)}</button>
                    </div>
                }
                .into_any(),
                _ => ().into_any(),
            },
        }
    }
}
