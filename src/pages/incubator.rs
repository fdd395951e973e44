//! `/incubator`: the Green Business Incubator, its eligibility and stages.

use crate::components::call_notice::call_notice;
use crate::components::page::Page;
use crate::components::stages::Stages;
use crate::data::use_data;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// The incubator's programme page.
#[component]
pub fn Incubator() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, incubator_title).to_string()) class="incubator">
            <p class="lead">{t!(i18n, incubator_lead)}</p>
            <section aria-labelledby="eligibility">
                <h2 id="eligibility">{t!(i18n, incubator_eligibility)}</h2>
                <ul class="checklist">
                    <li>{t!(i18n, incubator_elig_morocco)}</li>
                    <li>{t!(i18n, incubator_elig_age)}</li>
                    <li>{t!(i18n, incubator_elig_innovation)}</li>
                </ul>
            </section>
            <section aria-labelledby="stages">
                <h2 id="stages">{t!(i18n, incubator_stages)}</h2>
                <Stages />
            </section>
            <section aria-labelledby="funding">
                <h2 id="funding">{t!(i18n, incubator_funding)}</h2>
                <p>{t!(i18n, incubator_funding_body)}</p>
            </section>
            <section aria-labelledby="dates">
                <h2 id="dates">{t!(i18n, incubator_dates)}</h2>
                {move || data.dataset().map(|d| {
                    let (open, text) = call_notice(i18n, &d);
                    view! { <p class=if open { "notice call" } else { "notice call closed" } data-testid="call">{text}</p> }
                })}
            </section>
            <p><A href="/apply" attr:class="button">{t!(i18n, incubator_cta)}</A></p>
        </Page>
    }
}
