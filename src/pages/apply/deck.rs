//! Step 6: the optional pitch deck, a PDF of at most 10 MB, checked here
//! before anything is sent, then uploaded (`POST /uploads`) with a way to
//! cancel. Without an API the step says uploads are not enabled here.

use super::fields::Form;
use crate::data::{Send, bytes, send};
use crate::i18n::*;
use cluster_core::form::Deck;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Largest deck accepted (the server's limit too).
const MAX_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// The answer to a stored upload.
#[derive(serde::Deserialize)]
struct Stored {
    id: String,
}

/// A refusal's words.
#[derive(serde::Deserialize)]
struct Refusal {
    detail: String,
}

/// Where an upload stands.
#[derive(Clone, PartialEq)]
enum Upload {
    Idle,
    Sending,
    /// Refused before or by the server, in the visitor's language.
    Failed(String),
}

pub fn step(form: Form, api: Option<String>) -> AnyView {
    let i18n = use_i18n();
    let Some(api) = api else {
        return view! { <p class="notice" data-testid="deck-disabled">{t_string!(i18n, f_deck_disabled)}</p> }.into_any();
    };
    let api = StoredValue::new(api);
    let state = RwSignal::new(Upload::Idle);
    let controller: StoredValue<Option<web_sys::AbortController>, LocalStorage> = StoredValue::new_local(None);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let is_pdf = file.type_() == "application/pdf" || file.name().to_lowercase().ends_with(".pdf");
        if !is_pdf {
            state.set(Upload::Failed(t_string!(i18n, f_deck_not_pdf).to_owned()));
            return;
        }
        if file.size() > MAX_BYTES {
            state.set(Upload::Failed(t_string!(i18n, f_deck_too_big).to_owned()));
            return;
        }
        let Ok(c) = web_sys::AbortController::new() else { return };
        let signal = c.signal();
        controller.set_value(Some(c));
        state.set(Upload::Sending);
        let url = format!("{}/uploads", api.get_value());
        leptos::task::spawn_local(async move {
            let headers = [("Content-Type", "application/pdf")];
            let answer = send(&url, Send { method: Some("POST"), headers: &headers, body: Some(&file), signal: Some(&signal) }).await;
            if signal.aborted() {
                state.set(Upload::Idle);
                return;
            }
            let failed = |reason: String| td_string!(i18n.get_locale_untracked(), f_deck_failed, reason = reason).to_string();
            match answer {
                Ok(r) if r.ok() => {
                    let id = bytes(&url, &r).await.ok().and_then(|b| serde_json::from_slice::<Stored>(&b).ok()).map(|s| s.id);
                    match id {
                        Some(id) => {
                            form.draft.update(|d| d.deck = Some(Deck { id, name: file.name(), size: file.size() as u64 }));
                            state.set(Upload::Idle);
                        }
                        None => state.set(Upload::Failed(failed(String::new()))),
                    }
                }
                Ok(r) => {
                    let detail = bytes(&url, &r)
                        .await
                        .ok()
                        .and_then(|b| serde_json::from_slice::<Refusal>(&b).ok())
                        .map(|p| p.detail)
                        .unwrap_or_else(|| format!("HTTP {}", r.status()));
                    state.set(Upload::Failed(failed(detail)));
                }
                Err(e) => state.set(Upload::Failed(failed(crate::data::error_message(i18n, &e)))),
            }
        });
    };
    let cancel = move |_| {
        if let Some(c) = controller.try_update_value(Option::take).flatten() {
            c.abort();
        }
    };
    let remove = move |_| form.draft.update(|d| d.deck = None);
    view! {
        <p class="hint" id="f-pitch_deck-hint">{t_string!(i18n, f_deck_hint)}</p>
        {move || match form.draft.with(|d| d.deck.clone()) {
            Some(deck) => view! {
                <p class="notice" data-testid="deck-sent">{td_string!(i18n.get_locale(), f_deck_sent, name = deck.name).to_string()}" "
                    <button type="button" class="button secondary" disabled=move || form.frozen.get() on:click=remove>{t_string!(i18n, f_deck_remove)}</button>
                </p>
            }.into_any(),
            None => view! {
                <div class="field">
                    <label for="f-pitch_deck">{t_string!(i18n, f_deck_file)}</label>
                    <input type="file" id="f-pitch_deck" accept="application/pdf,.pdf" aria-describedby="f-pitch_deck-hint f-pitch_deck-state"
                        disabled=move || form.frozen.get() || state.with(|s| *s == Upload::Sending) on:change=on_file />
                </div>
            }.into_any(),
        }}
        <div id="f-pitch_deck-state" aria-live="polite">
            {move || match state.get() {
                Upload::Idle => ().into_any(),
                Upload::Sending => view! {
                    <p class="notice" data-testid="deck-sending">{t_string!(i18n, f_deck_sending)}" "
                        <button type="button" class="button secondary" on:click=cancel>{t_string!(i18n, f_deck_remove)}</button>
                    </p>
                }.into_any(),
                Upload::Failed(reason) => view! { <p class="error" data-testid="deck-error" dir="auto">{reason}</p> }.into_any(),
            }}
        </div>
    }
    .into_any()
}
