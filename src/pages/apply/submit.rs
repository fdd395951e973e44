//! Sending the application: one `Idempotency-Key` for the life of the draft,
//! retried with backoff (honouring `Retry-After`) on no answer, 5xx and 429,
//! waiting for the connection when offline; a refusal is mapped onto the
//! fields. Without an API the answers are offered as a file instead: never a
//! pretend success.

use super::fields::Form;
use crate::components::stages::Stages;
use crate::data::{Send, bytes, send};
use crate::i18n::*;
use crate::lang_of;
use cluster_core::application::FieldError;
use cluster_core::codes::Code;
use cluster_core::form::{Draft, Step};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Where a submission stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Sending {
    /// Left unresolved by a reload or a crash: sent again with the same key.
    Resuming,
    /// On its way.
    InFlight,
    /// No answer, or a busy server: trying again in this many seconds.
    Retrying(u32),
    /// The browser is offline: sent when the connection returns.
    Offline,
    /// The server refused it; the reason, in the visitor's language.
    Refused(String),
    /// No API on this site: the answers can be downloaded.
    Bundled,
}

impl Sending {
    /// Whether the answers are frozen: a send may have reached the server
    /// and is unresolved (an edit would be refused under the same key).
    pub fn freezes(&self) -> bool {
        matches!(self, Sending::Resuming | Sending::InFlight | Sending::Retrying(_) | Sending::Offline)
    }
}

async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The problem+json of a refusal: its code, detail and field errors.
#[derive(serde::Deserialize, Default)]
pub(super) struct Problem {
    #[serde(default)]
    code: String,
    #[serde(default)]
    pub(super) detail: String,
    #[serde(default)]
    errors: Vec<ProblemField>,
}

#[derive(serde::Deserialize)]
struct ProblemField {
    field: String,
    code: String,
    #[serde(default)]
    min: Option<u64>,
    #[serde(default)]
    max: Option<u64>,
}

impl Problem {
    /// Its field errors with a code the form knows (taken out).
    pub(super) fn field_errors(&mut self) -> Vec<FieldError> {
        std::mem::take(&mut self.errors)
            .into_iter()
            .filter_map(|e| Code::parse(&e.code).map(|code| FieldError { field: e.field, code, min: e.min, max: e.max }))
            .collect()
    }
}

/// The answer to an accepted submission.
#[derive(serde::Deserialize)]
struct Created {
    reference: String,
}

/// Starts (or resumes) sending the draft under `key`.
pub fn start(
    api: Option<String>,
    key: String,
    draft: RwSignal<Draft>,
    sending: RwSignal<Option<Sending>>,
    done: RwSignal<Option<String>>,
    show_on: impl Fn(Step, Vec<FieldError>) + 'static,
) {
    let Some(api) = api else {
        sending.set(Some(Sending::Bundled));
        return;
    };
    if sending.with_untracked(|s| matches!(s, Some(Sending::InFlight | Sending::Retrying(_) | Sending::Offline))) {
        return; // a double click: the send under way answers for both
    }
    sending.set(Some(Sending::InFlight));
    let i18n = use_i18n();
    leptos::task::spawn_local(async move {
        let url = format!("{api}/applications");
        let body = serde_json::to_string(&draft.with_untracked(|d| d.to_application().0)).unwrap_or_default();
        let mut attempt = 0u32;
        loop {
            if !window().navigator().on_line() {
                sending.set(Some(Sending::Offline));
                sleep(1000).await;
                continue;
            }
            sending.set(Some(Sending::InFlight));
            let lang = lang_of(i18n.get_locale_untracked()).code();
            let headers = [("Content-Type", "application/json"), ("Idempotency-Key", key.as_str()), ("Accept-Language", lang)];
            let body_js = JsValue::from_str(&body);
            let answer = send(&url, Send { method: Some("POST"), headers: &headers, body: Some(&body_js), signal: None }).await;
            let wait = match answer {
                Err(_) => None,
                Ok(r) if r.ok() => {
                    let reference =
                        bytes(&url, &r).await.ok().and_then(|b| serde_json::from_slice::<Created>(&b).ok()).map(|c| c.reference);
                    match reference {
                        Some(r) => {
                            sending.set(None);
                            done.set(Some(r));
                            return;
                        }
                        // An answer cut short: ask again, the key replays it.
                        None => None,
                    }
                }
                Ok(r) if r.status() == 429 || r.status() >= 500 => {
                    r.headers().get("Retry-After").ok().flatten().and_then(|v| v.trim().parse::<u32>().ok())
                }
                Ok(r) => {
                    let mut problem: Problem = bytes(&url, &r).await.ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
                    let errors = problem.field_errors();
                    let reason = if problem.code == Code::CallClosed.as_str() {
                        t_string!(i18n, f_call_closed).to_owned()
                    } else if !errors.is_empty() {
                        t_string!(i18n, f_refused).to_owned()
                    } else if problem.detail.is_empty() {
                        format!("HTTP {}", r.status())
                    } else {
                        problem.detail
                    };
                    sending.set(Some(Sending::Refused(reason)));
                    if let Some(step) = errors.first().and_then(|e| Step::ALL.into_iter().find(|s| s.owns(&e.field))) {
                        show_on(step, errors.into_iter().filter(|e| step.owns(&e.field)).collect());
                    }
                    return;
                }
            };
            attempt += 1;
            let seconds = wait.unwrap_or(1 << attempt.min(5)).clamp(1, 60);
            for left in (1..=seconds).rev() {
                sending.set(Some(Sending::Retrying(left)));
                sleep(1000).await;
            }
        }
    });
}

/// What the page says about the submission.
pub fn status_line(s: Sending) -> AnyView {
    let i18n = use_i18n();
    match s {
        Sending::Resuming | Sending::InFlight => {
            view! { <p class="notice" role="status" data-testid="sending">{t_string!(i18n, f_sending)}</p> }.into_any()
        }
        Sending::Retrying(n) => view! {
            <p class="notice" role="status" data-testid="retrying">{td_string!(i18n.get_locale(), f_retrying, seconds = n).to_string()}</p>
        }
        .into_any(),
        Sending::Offline => view! { <p class="notice" role="status" data-testid="offline">{t_string!(i18n, f_offline)}</p> }.into_any(),
        Sending::Refused(reason) => {
            view! { <p class="data-status error" role="alert" data-testid="refused" dir="auto">{reason}</p> }.into_any()
        }
        Sending::Bundled => {
            let form = use_context::<Form>();
            let download = move |_| {
                if let Some(form) = form {
                    // As the server would store them (phone numbers normalised).
                    let (mut application, _) = form.draft.with_untracked(Draft::to_application);
                    cluster_core::application::normalize(&mut application);
                    let json = serde_json::to_string_pretty(&application).unwrap_or_default();
                    crate::browser::download_text("candidature-gbi.json", "application/json", &json);
                }
            };
            view! {
                <div class="data-status offline" role="status" data-testid="bundled">
                    <p><strong>{t_string!(i18n, f_bundled_title)}</strong></p>
                    <p>{t_string!(i18n, f_bundled_body)}</p>
                    <button type="button" class="button" data-testid="download-answers" on:click=download>{t_string!(i18n, f_download_answers)}</button>
                </div>
            }
            .into_any()
        }
    }
}

/// The confirmation: the reference (copyable), what happens next, where to
/// follow it, and a way to start another application.
pub fn confirmation(reference: String) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let r = reference.clone();
    view! {
        <section class="confirmation" data-testid="confirmation">
            <p>{t_string!(i18n, f_done_reference)}</p>
            <p class="reference"><code dir="ltr" data-testid="reference">{reference.clone()}</code>" "
                <button type="button" class="button secondary" on:click=move |_| copied.set(crate::browser::copy_text(&r))>{t_string!(i18n, f_copy)}</button>
                <span role="status" aria-live="polite">{move || copied.get().then(|| t_string!(i18n, f_copied))}</span>
            </p>
            <p>{t_string!(i18n, f_done_next)}</p>
            <Stages />
            <p class="form-actions">
                <a class="button" href=format!("/apply/status?ref={reference}") data-testid="follow">{t_string!(i18n, f_done_follow)}</a>
                <a class="button secondary" href="/apply?step=eligibility&new=1" data-testid="start-new">{t_string!(i18n, f_start_new)}</a>
            </p>
        </section>
    }
}
