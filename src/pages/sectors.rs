//! `/sectors`: every chart, each with its table, downloads and embed dialog.

use crate::charts::ChartFigure;
use crate::components::page::Page;
use crate::i18n::*;
use cluster_core::charts::ChartId;
use leptos::prelude::*;

/// The charts page.
#[component]
pub fn Sectors() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, sectors_title).to_string()) class="sectors">
            <p class="lead">{t!(i18n, sectors_lead)}</p>
            <div class="chart-grid">
                {ChartId::ALL.into_iter().map(|id| view! { <ChartFigure id menu=true /> }).collect::<Vec<_>>()}
            </div>
        </Page>
    }
}
