//! `/incubator`: the Green Business Incubator, its eligibility and stages.

use crate::components::page::Page;
use crate::data::use_data;
use crate::i18n::*;
use crate::lang_of;
use cluster_core::application::{CallStatus, Day, INCUBATOR, call_status};
use cluster_core::format;
use cluster_core::model::Dataset;
use leptos::prelude::*;
use leptos_router::components::A;

/// Today, by the browser's clock (which tests can set).
pub fn today() -> Day {
    Day::from_unix_days((js_sys::Date::now() / 86_400_000.0).floor() as i64)
}

/// Whether the incubator's call is open today, and that said plainly: until
/// when, or that it is closed and when the next is expected.
pub fn call_notice(i18n: leptos_i18n::I18nContext<Locale>, d: &Dataset) -> (bool, String) {
    let lang = lang_of(i18n.get_locale());
    let l = i18n.get_locale();
    match call_status(d, INCUBATOR, today()) {
        CallStatus::Open(c) => {
            let text = match &c.closes {
                Some(date) => td_string!(l, f_call_open, date = format::date(date, lang), places = c.places).to_string(),
                None => td_string!(l, f_call_rolling, places = c.places).to_string(),
            };
            let note = if c.illustrative { format!(" {}", t_string!(i18n, f_call_illustrative)) } else { String::new() };
            (true, format!("{text}{note}"))
        }
        CallStatus::Closed { upcoming, last } => {
            let when = upcoming.map(|c| format::date(&c.opens, lang)).or_else(|| {
                let c = last?;
                c.next_expected
                    .as_ref()
                    .map(|t| t.in_lang(lang).to_owned())
                    .or_else(|| c.next_month.as_deref().map(|m| format::month(m, lang)))
            });
            let closed = t_string!(i18n, incubator_call_closed).to_owned();
            (false, when.map_or(closed.clone(), |w| format!("{closed} {}", td_string!(l, f_next_call, when = w))))
        }
    }
}

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
                <ol class="stages">
                    <li>{t!(i18n, incubator_stage_1)}</li>
                    <li>{t!(i18n, incubator_stage_2)}</li>
                    <li>{t!(i18n, incubator_stage_3)}</li>
                    <li>{t!(i18n, incubator_stage_4)}</li>
                    <li>{t!(i18n, incubator_stage_5)}</li>
                </ol>
                <p class="note">{t!(i18n, incubator_stages_note)}</p>
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
