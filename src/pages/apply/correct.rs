//! The applicant's correction (docs/staff.md, "Changes requested"): opened
//! on `/apply/status` by the e-mailed link, whose secret rides in the
//! address's fragment (`#correct=…`, never sent to a server but as the
//! `Authorization` of the two requests). It loads the named answers as
//! sent and shows them as the form's own fields with the form's checks;
//! the corrections go to `PUT /applications/{reference}`. Nothing
//! of it is kept in the browser: once acknowledged, the answers are
//! dropped and the secret leaves the address.

use super::fields::{Form, field};
use super::messages::{field_id, field_message};
use super::submit::Problem;
use crate::browser::{focus_later, today};
use crate::components::page::Page;
use crate::data::{DataState, Send, bytes, send, use_data};
use crate::i18n::*;
use crate::lang_of;
use cluster_core::api::{Changes, Corrected, Correction as Opened};
use cluster_core::application::FieldError;
use cluster_core::application::clean_reference;
use cluster_core::form::Draft;
use cluster_core::format;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsValue;

/// The secret of a correction link in the page's address, if any.
fn link_secret() -> Option<String> {
    let hash = crate::browser::window_opt()?.location().hash().ok()?;
    hash.strip_prefix('#').filter(|s| !s.is_empty() && s.len() <= 100).map(str::to_owned)
}

/// `/apply/correct`.
#[component]
pub fn Correction() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let query = use_query_map();
    let reference = query.with_untracked(|q| q.get("ref")).and_then(|r| clean_reference(&r));
    let secret = link_secret();
    let done = RwSignal::new(false);
    let api = move || {
        data.state.with(|s| match s {
            DataState::Ready(l) => Some(l.api_base_url.clone()),
            _ => None,
        })
    };
    let body = move || match (api(), reference.clone(), secret.clone()) {
        (None, ..) => ().into_any(),
        (Some(None), ..) => view! { <p class="notice">{t_string!(i18n, s_unavailable)}</p> }.into_any(),
        (Some(Some(_)), Some(r), _) if done.get() => view! {
            <p class="notice" role="status" data-testid="correct-done">{t_string!(i18n, s_correct_done)}</p>
            <p><a class="button" href=format!("/apply/status?ref={r}") data-testid="follow">{t_string!(i18n, f_done_follow)}</a></p>
        }
        .into_any(),
        (Some(Some(base)), Some(r), Some(s)) => {
            view! { <Correct base reference=r secret=s done=Callback::new(move |()| done.set(true)) /> }.into_any()
        }
        _ => view! { <p class="data-status error" role="alert" data-testid="correct-invalid">{t_string!(i18n, err_edit_link_invalid)}</p> }
            .into_any(),
    };
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, s_correct_title).to_string()) class="apply-status">
            {body}
        </Page>
    }
}

/// Takes the secret out of the address (no new history entry).
fn forget_secret() {
    let Some(w) = crate::browser::window_opt() else { return };
    let l = w.location();
    let to = format!("{}{}", l.pathname().unwrap_or_default(), l.search().unwrap_or_default());
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&to));
    }
}

/// Where the correction stands.
#[derive(Clone)]
enum State {
    Loading,
    Open(Changes),
    /// The link opens nothing (used, replaced, expired).
    Invalid,
    Failed(String),
}

/// The correction of `reference` through the link's `secret`, against
/// the API at `base`; `done` runs once the corrections are acknowledged.
#[component]
fn Correct(base: String, reference: String, secret: String, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let state = RwSignal::new(State::Loading);
    let draft = RwSignal::new(Draft::default());
    let shown: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let sending = RwSignal::new(false);
    let refused = RwSignal::new(None::<String>);
    let form = Form { draft, shown, frozen: sending.into(), generation: RwSignal::new(0), cut: RwSignal::new(None) };
    provide_context(form);
    let url = StoredValue::new(format!("{base}/applications/{reference}"));
    let auth = StoredValue::new(format!("Bearer {secret}"));
    {
        let (url, auth) = (format!("{}/correction", url.get_value()), auth.get_value());
        leptos::task::spawn_local(async move {
            let lang = lang_of(i18n.get_locale_untracked()).code();
            let headers = [("Accept", "application/json"), ("Accept-Language", lang), ("Authorization", auth.as_str())];
            let next = match send(&url, Send { headers: &headers, ..Send::default() }).await {
                Ok(r) if r.ok() => match bytes(&url, &r).await.ok().and_then(|b| serde_json::from_slice::<Opened>(&b).ok()) {
                    Some(c) => {
                        draft.set(Draft::of_answers(&c.answers));
                        State::Open(c.changes)
                    }
                    None => State::Failed(format!("HTTP {}", r.status())),
                },
                Ok(r) if r.status() == 401 => State::Invalid,
                Ok(r) => State::Failed(format!("HTTP {}", r.status())),
                Err(e) => State::Failed(crate::data::error_message(i18n, &e)),
            };
            let _ = state.try_set(next);
        });
    }
    let named = move || match state.get_untracked() {
        State::Open(c) => c.fields,
        _ => Vec::new(),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let Some(d) = data.dataset_untracked() else { return };
        let fields = named();
        let errors: Vec<FieldError> =
            draft.with_untracked(|x| x.errors(&d, today())).into_iter().filter(|e| fields.contains(&e.field)).collect();
        if let Some(first) = errors.first() {
            focus_later(field_id(&first.field));
            shown.set(errors);
            return;
        }
        shown.set(Vec::new());
        refused.set(None);
        sending.set(true);
        let body = serde_json::to_string(&Corrected { answers: draft.with_untracked(|x| x.answers(&fields)) }).unwrap_or_default();
        let (url, auth) = (url.get_value(), auth.get_value());
        leptos::task::spawn_local(async move {
            let lang = lang_of(i18n.get_locale_untracked()).code();
            let headers = [("Content-Type", "application/json"), ("Accept-Language", lang), ("Authorization", auth.as_str())];
            let body = JsValue::from_str(&body);
            let answer = send(&url, Send { method: Some("PUT"), headers: &headers, body: Some(&body), signal: None }).await;
            let _ = sending.try_set(false);
            match answer {
                Ok(r) if r.ok() => {
                    // Acknowledged: nothing of it stays in the page or the address.
                    forget_secret();
                    let _ = draft.try_set(Draft::default());
                    done.run(());
                }
                Ok(r) if r.status() == 401 => {
                    let _ = state.try_set(State::Invalid);
                }
                Ok(r) => {
                    let mut problem: Problem = bytes(&url, &r).await.ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
                    let errors = problem.field_errors();
                    let reason = if errors.is_empty() {
                        format!("HTTP {} {}", r.status(), problem.detail)
                    } else {
                        t_string!(i18n, s_correct_fix).to_owned()
                    };
                    if let Some(first) = errors.first() {
                        focus_later(field_id(&first.field));
                    }
                    let _ = shown.try_set(errors);
                    let _ = refused.try_set(Some(reason));
                }
                Err(e) => {
                    let _ = refused.try_set(Some(crate::data::error_message(i18n, &e)));
                }
            }
        });
    };
    let body = move || match state.get() {
        State::Loading => view! { <p role="status">{t_string!(i18n, data_loading)}</p> }.into_any(),
        State::Invalid => {
            view! { <p class="data-status error" role="alert" data-testid="correct-invalid">{t_string!(i18n, err_edit_link_invalid)}</p> }
                .into_any()
        }
        State::Failed(reason) => view! { <p class="data-status error" role="alert" dir="auto">{reason}</p> }.into_any(),
        State::Open(changes) => {
            let lang = lang_of(i18n.get_locale());
            let until = format::date(changes.expires_at.get(..10).unwrap_or_default(), lang);
            let fields = move || {
                form.generation.track();
                let Some(d) = data.dataset() else { return Vec::new() };
                let x = draft.get_untracked();
                let named = named();
                super::check::answer_rows(i18n, &x, &d)
                    .into_iter()
                    // Labelled as the answers' list words them (a founder's with their number).
                    .filter_map(|(_, label, spec)| {
                        spec.filter(|s| named.contains(&s.path)).map(|s| field(form, super::fields::Spec { label, ..s }))
                    })
                    .collect::<Vec<_>>()
            };
            let summary = move || {
                let errors = shown.get();
                (!errors.is_empty()).then(|| {
                    let items = errors
                        .iter()
                        .map(|e| view! { <li><a href=format!("#{}", field_id(&e.field))>{field_message(i18n, e)}</a></li> })
                        .collect::<Vec<_>>();
                    view! { <div class="error-summary" role="alert"><ul>{items}</ul></div> }
                })
            };
            view! {
                <p>{t_string!(i18n, s_correct_intro)}</p>
                <blockquote class="team-message" dir="auto" data-testid="correct-message">{changes.message}</blockquote>
                <p class="note">{td_string!(i18n.get_locale(), s_correct_only, date = until).to_string()}</p>
                {summary}
                <form class="apply-form" novalidate on:submit=submit on:input=move |ev| form.on_input(&ev) data-testid="correct-form">
                    {fields}
                    <div class="form-actions">
                        <button type="submit" class="button" disabled=move || sending.get() data-testid="correct-send">{t_string!(i18n, s_correct_send)}</button>
                    </div>
                    {move || refused.get().map(|r| view! { <p class="data-status error" role="alert" dir="auto">{r}</p> })}
                </form>
            }
            .into_any()
        }
    };
    view! {
        <section class="correction" data-testid="correction">
            <p><code dir="ltr">{reference}</code></p>
            {body}
        </section>
    }
}
