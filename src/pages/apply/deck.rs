//! Step 6: the optional pitch deck, a PDF of at most 10 MB, checked here
//! before anything is sent, then uploaded (`POST /uploads`) with a progress
//! bar, a way to cancel and a way to retry. Without an API the step says
//! uploads are not enabled here.

use super::fields::Form;
use super::submit::Problem;
use crate::data::upload;
use crate::i18n::*;
use crate::lang_of;
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

/// Where an upload stands.
#[derive(Clone, PartialEq)]
enum Upload {
    Idle,
    /// On its way: the fraction sent.
    Sending(f64),
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
    // The request under way (cancel aborts it) and the file chosen (retry sends it again).
    let request: StoredValue<Option<web_sys::XmlHttpRequest>, LocalStorage> = StoredValue::new_local(None);
    let chosen: StoredValue<Option<web_sys::File>, LocalStorage> = StoredValue::new_local(None);
    let send_file = move |file: web_sys::File| {
        let Ok(xhr) = web_sys::XmlHttpRequest::new() else { return };
        request.set_value(Some(xhr.clone()));
        state.set(Upload::Sending(0.0));
        let url = format!("{}/uploads", api.get_value());
        leptos::task::spawn_local(async move {
            let lang = lang_of(i18n.get_locale_untracked()).code();
            let headers = [("Content-Type", "application/pdf"), ("Accept-Language", lang)];
            let answer = upload(&xhr, &url, &headers, &file, move |f| state.set(Upload::Sending(f))).await;
            // Cancelled, or the page is gone (the person moved on).
            if request.try_with_value(Option::is_none).unwrap_or(true) {
                return;
            }
            request.set_value(None);
            let failed =
                |reason: String| Upload::Failed(td_string!(i18n.get_locale_untracked(), f_deck_failed, reason = reason).to_string());
            match answer {
                Ok((status, body)) if (200..300).contains(&status) => match serde_json::from_slice::<Stored>(body.as_bytes()) {
                    Ok(s) => {
                        form.draft.update(|d| d.deck = Some(Deck { id: s.id, name: file.name(), size: file.size() as u64 }));
                        chosen.set_value(None);
                        state.set(Upload::Idle);
                    }
                    Err(_) => state.set(failed(String::new())),
                },
                Ok((status, body)) => {
                    let detail = serde_json::from_slice::<Problem>(body.as_bytes())
                        .ok()
                        .map(|p| p.detail)
                        .filter(|d| !d.is_empty())
                        .unwrap_or_else(|| format!("HTTP {status}"));
                    state.set(failed(detail));
                }
                Err(e) => state.set(failed(crate::data::error_message(i18n, &e))),
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let is_pdf = file.type_() == "application/pdf" || file.name().to_lowercase().ends_with(".pdf");
        chosen.set_value(None);
        if !is_pdf {
            state.set(Upload::Failed(t_string!(i18n, f_deck_not_pdf).to_owned()));
        } else if file.size() > MAX_BYTES {
            state.set(Upload::Failed(t_string!(i18n, f_deck_too_big).to_owned()));
        } else {
            chosen.set_value(Some(file.clone()));
            send_file(file);
        }
    };
    let cancel = move |_| {
        if let Some(xhr) = request.try_update_value(Option::take).flatten() {
            let _ = xhr.abort();
        }
        state.set(Upload::Idle);
    };
    let retry = move |_| {
        if let Some(file) = chosen.get_value() {
            send_file(file);
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
                        disabled=move || form.frozen.get() || state.with(|s| matches!(s, Upload::Sending(_))) on:change=on_file />
                </div>
            }.into_any(),
        }}
        <div id="f-pitch_deck-state" aria-live="polite">
            {move || match state.get() {
                Upload::Idle => ().into_any(),
                Upload::Sending(f) => view! {
                    <p class="notice deck-progress" data-testid="deck-sending">
                        <label for="deck-progress">{t_string!(i18n, f_deck_sending)}</label>" "
                        <progress id="deck-progress" max="100" value=((f * 100.0) as u32).to_string() data-testid="deck-progress"></progress>" "
                        <button type="button" class="button secondary" data-testid="deck-cancel" on:click=cancel>{t_string!(i18n, f_deck_cancel)}</button>
                    </p>
                }.into_any(),
                Upload::Failed(reason) => view! {
                    <p class="error" data-testid="deck-error" dir="auto">{reason}" "
                        {chosen.with_value(Option::is_some).then(|| view! {
                            <button type="button" class="button secondary" data-testid="deck-retry" on:click=retry>{t_string!(i18n, data_retry)}</button>
                        })}
                    </p>
                }.into_any(),
            }}
        </div>
    }
    .into_any()
}
