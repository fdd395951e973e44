//! `/`: the overview: headline figures, the sector chart and the entry points to the portal.

use crate::charts::ChartFigure;
use crate::components::page::Page;
use crate::data::use_data;
use crate::i18n::*;
use crate::lang_of;
use cluster_core::charts::ChartId;
use cluster_core::format;
use cluster_core::model::{Dataset, Figure, YearFigures};
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
    let data = use_data();
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, home_heading).to_string()) class="home">
            <p class="lead">{t!(i18n, home_lead)}</p>
            // Drawn in one piece with the data (the figures come first), so
            // that nothing already on screen is pushed down when it arrives.
            <Show when=move || data.settled()>
            <div class="home-figures">
                <HeadlineFigures />
                <section class="home-chart" aria-labelledby="chart-sectors-heading">
                    <h2 id="chart-sectors-heading" class="visually-hidden">{t!(i18n, nav_sectors)}</h2>
                    <ChartFigure id=ChartId::Sectors heading=3 />
                    <p><A href="/sectors">{t!(i18n, home_all_charts)}</A></p>
                </section>
            </div>
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
            </Show>
        </Page>
    }
}

/// The latest published value of each headline figure, with its source; shown
/// once the data is loaded (the banner above tells loading and errors).
#[component]
fn HeadlineFigures() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    move || {
        let d = data.dataset()?;
        let lang = lang_of(i18n.get_locale());
        let source = |d: &Dataset, year: u16| {
            let y = d.figures.iter().find(|f| f.year == year)?;
            let r = d.reference(&y.source)?;
            Some(td_string!(i18n.get_locale(), fig_source, source = format::isolate(&r.publisher), year = year).to_string())
        };
        type Pick = fn(&YearFigures) -> Option<&Figure>;
        let rows: [(Pick, bool, String); 5] = [
            (|y| y.active_members.as_ref(), false, t_string!(i18n, fig_members).to_string()),
            (|y| y.startups_supported.as_ref(), false, t_string!(i18n, fig_startups_total).to_string()),
            (|y| y.startups_per_year.as_ref(), false, t_string!(i18n, fig_startups_year).to_string()),
            (|y| y.incubator_fundraising_mad.as_ref(), true, t_string!(i18n, fig_fundraising).to_string()),
            (|y| y.partnerships.as_ref(), false, t_string!(i18n, fig_partnerships).to_string()),
        ];
        let items = rows
            .into_iter()
            .filter_map(|(pick, money, label)| {
                let (year, f) = d.latest(pick)?;
                let value = if money { format::mad_millions(f.value, lang) } else { format::count(f.value, f.lower_bound, lang) };
                let src = source(&d, year).unwrap_or_default();
                Some(view! {
                    <li class="figure" data-testid="figure">
                        // Counts read left to right ("210+"); amounts are words of the language.
                        <span class="figure-value"><span dir=if money { "auto" } else { "ltr" }>{value}</span></span>
                        <span class="figure-label">{label}</span>
                        <span class="figure-source">{src}</span>
                    </li>
                })
            })
            .collect::<Vec<_>>();
        Some(view! {
            <section aria-labelledby="figures">
                <h2 id="figures">{t_string!(i18n, home_figures)}</h2>
                <ul class="figures">{items}</ul>
            </section>
        })
    }
}
