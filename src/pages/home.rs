//! `/`: the overview and the entry points to the rest of the portal.

use crate::components::page::Page;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// The overview page.
#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let card = move |href: &'static str, title: String, body: String| {
        view! {
            <li class="card">
                <h3><A href=href>{title}</A></h3>
                <p>{body}</p>
            </li>
        }
    };
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, home_heading).to_string()) class="home">
            <p class="lead">{t!(i18n, home_lead)}</p>
            <section aria-labelledby="explore">
                <h2 id="explore">{t!(i18n, home_explore)}</h2>
                <ul class="cards">
                    {move || {
                        vec![
                            card("/members", t_string!(i18n, nav_members).into(), t_string!(i18n, home_card_members).into()),
                            card("/startups", t_string!(i18n, nav_startups).into(), t_string!(i18n, home_card_startups).into()),
                            card("/sectors", t_string!(i18n, nav_sectors).into(), t_string!(i18n, home_card_sectors).into()),
                            card("/incubator", t_string!(i18n, nav_incubator).into(), t_string!(i18n, home_card_incubator).into()),
                            card("/apply", t_string!(i18n, nav_apply).into(), t_string!(i18n, home_card_apply).into()),
                        ]
                    }}
                </ul>
            </section>
        </Page>
    }
}
