//! `/apply/status`: an applicant follows an application by its reference
//! (case and spaces forgiven) on the five-stage timeline, with the
//! decision's reason when the team shares it, and while the team waits for
//! corrections, where to find the link (`super::correct`). A reference
//! alone never shows an answer.

use crate::components::page::Page;
use crate::data::{DataState, Send, bytes, send, use_data};
use crate::i18n::*;
use crate::lang_of;
use cluster_core::application::{Outcome, Status, clean_reference};
use cluster_core::format;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// What a lookup found.
#[derive(Clone)]
enum Found {
    Looking,
    Stage(Answer),
    Unknown,
    Invalid,
    Wait(u32),
    Failed(String),
}

/// What the page shows of `GET /applications/{reference}`.
#[derive(Clone, serde::Deserialize)]
struct Answer {
    reference: String,
    status: Status,
    #[serde(default)]
    outcome: Option<Outcome>,
    received_at: String,
    #[serde(default)]
    reason: Option<String>,
}

/// `/apply/status`.
#[component]
pub fn ApplyStatus() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let query = use_query_map();
    let typed = RwSignal::new(query.with_untracked(|q| q.get("ref")).unwrap_or_default());
    let found: RwSignal<Option<Found>> = RwSignal::new(None);
    let api = move || {
        data.state.with(|s| match s {
            DataState::Ready(l) => Some(l.api_base_url.clone()),
            _ => None,
        })
    };
    let look_up = move || {
        let Some(Some(base)) = api() else { return };
        let Some(reference) = clean_reference(&typed.get_untracked()) else {
            found.set(Some(Found::Invalid));
            return;
        };
        found.set(Some(Found::Looking));
        leptos::task::spawn_local(async move {
            let url = format!("{base}/applications/{reference}");
            let lang = lang_of(i18n.get_locale_untracked()).code();
            let headers = [("Accept", "application/json"), ("Accept-Language", lang)];
            let result = match send(&url, Send { headers: &headers, ..Send::default() }).await {
                Ok(r) if r.ok() => match bytes(&url, &r).await.ok().and_then(|b| serde_json::from_slice::<Answer>(&b).ok()) {
                    Some(a) => Found::Stage(a),
                    None => Found::Failed(format!("HTTP {}", r.status())),
                },
                Ok(r) if r.status() == 404 => Found::Unknown,
                Ok(r) if r.status() == 429 => {
                    Found::Wait(r.headers().get("Retry-After").ok().flatten().and_then(|v| v.parse().ok()).unwrap_or(60))
                }
                Ok(r) => Found::Failed(format!("HTTP {}", r.status())),
                Err(e) => Found::Failed(crate::data::error_message(i18n, &e)),
            };
            found.set(Some(result));
        });
    };
    // A link with `?ref=` looks up at once, once the configuration is known.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let ready = matches!(api(), Some(Some(_)));
        if ready && !typed.get_untracked().is_empty() {
            look_up();
        }
        ready
    });
    let result = move || {
        let lang = lang_of(i18n.get_locale());
        found.get().map(|f| match f {
            Found::Looking => view! { <p role="status">{t_string!(i18n, data_loading)}</p> }.into_any(),
            Found::Unknown => view! { <p class="data-status error" role="alert" data-testid="status-unknown">{t_string!(i18n, s_unknown)}</p> }.into_any(),
            Found::Invalid => view! { <p class="data-status error" role="alert" data-testid="status-invalid">{t_string!(i18n, s_invalid)}</p> }.into_any(),
            Found::Wait(s) => view! { <p class="data-status error" role="alert" data-testid="status-wait">{crate::plural(td_string!(i18n.get_locale(), s_wait, seconds = s), lang, s.into())}</p> }.into_any(),
            Found::Failed(reason) => view! { <p class="data-status error" role="alert" dir="auto">{reason}</p> }.into_any(),
            Found::Stage(Answer { reference, status, outcome, received_at, reason }) => {
                let names = [
                    t_string!(i18n, incubator_stage_1),
                    t_string!(i18n, incubator_stage_2),
                    t_string!(i18n, incubator_stage_3),
                    t_string!(i18n, incubator_stage_4),
                    t_string!(i18n, incubator_stage_5),
                ];
                let at = status.stage();
                let stages = names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let current = at == Some(i);
                        view! {
                            <li class:done=at.is_some_and(|a| i < a) class:current=current aria-current=current.then_some("step")>
                                {name.to_string()}
                                {current.then(|| view! { " — " <strong>{t_string!(i18n, s_current)}</strong> })}
                            </li>
                        }
                    })
                    .collect::<Vec<_>>();
                let ending = match (status, outcome) {
                    (Status::Withdrawn, _) => Some(t_string!(i18n, s_withdrawn)),
                    (_, Some(Outcome::Selected)) => Some(t_string!(i18n, s_selected)),
                    (_, Some(Outcome::NotSelected)) => Some(t_string!(i18n, s_not_selected)),
                    (Status::ChangesRequested, _) => Some(t_string!(i18n, s_changes_requested)),
                    _ => None,
                };
                let day = received_at.get(..10).unwrap_or_default().to_owned();
                let reason = reason.map(|r| view! {
                    <p class="notice" data-testid="status-reason"><strong>{t_string!(i18n, s_reason)}</strong>" "<span dir="auto">{r}</span></p>
                });
                view! {
                    <section class="timeline" data-testid="status-found">
                        <p><code dir="ltr">{reference}</code>" · "{td_string!(i18n.get_locale(), s_received, date = format::date(&day, lang)).to_string()}</p>
                        <ol class="stages" data-testid="stages">{stages}</ol>
                        {ending.map(|e| view! { <p class="notice" data-testid="status-ending">{e}</p> })}
                        {reason}
                        <p class="note">{t_string!(i18n, incubator_stages_note)}</p>
                    </section>
                }
                .into_any()
            }
        })
    };
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, apply_status_title).to_string()) class="apply-status">
            {move || match api() {
                None => ().into_any(),
                Some(None) => view! { <p class="notice" data-testid="status-unavailable">{t_string!(i18n, s_unavailable)}</p> }.into_any(),
                Some(Some(_)) => view! {
                    <form class="apply-form" on:submit=move |ev| {
                        ev.prevent_default();
                        look_up();
                    }>
                        <div class="field">
                            <label for="f-reference">{t_string!(i18n, s_reference)}</label>
                            <p class="hint" id="f-reference-hint">{t_string!(i18n, s_reference_hint)}</p>
                            <input id="f-reference" type="text" dir="ltr" autocomplete="off" aria-describedby="f-reference-hint"
                                prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev)) />
                        </div>
                        <button type="submit" class="button" data-testid="look-up">{t_string!(i18n, s_look_up)}</button>
                    </form>
                    {result}
                }.into_any(),
            }}
        </Page>
    }
}
