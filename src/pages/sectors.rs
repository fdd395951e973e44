//! `/sectors`: every chart, each with its table, downloads and embed dialog.

use crate::charts::ChartFigure;
use crate::components::page::Page;
use crate::data::use_data;
use crate::i18n::*;
use cluster_core::charts::ChartId;
use leptos::prelude::*;

/// The charts page.
#[component]
pub fn Sectors() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, sectors_title).to_string()) class="sectors">
            <p class="lead">{t!(i18n, sectors_lead)}</p>
            // Drawn with the data: an empty chart growing would push the next down.
            <Show when=move || data.settled()>
                <div class="chart-grid">
                    {ChartId::ALL.into_iter().map(|id| view! { <ChartFigure id menu=true /> }).collect::<Vec<_>>()}
                </div>
            </Show>
        </Page>
    }
}
