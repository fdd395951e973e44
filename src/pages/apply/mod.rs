//! `/apply`: the incubator application, one step per page (`?step=`), and
//! `/apply/status`. The draft is the core's `form::Draft`; every change is
//! saved in the browser; errors show when the person tries to continue; the
//! submission carries one `Idempotency-Key` for the life of the draft and is
//! retried until the server answers, the answers frozen meanwhile.

mod ahead;
mod autosave;
pub(crate) mod check;
mod correct;
mod deck;
pub(crate) mod fields;
mod messages;
mod navigation;
mod rehearsal;
mod status;
mod steps;
mod store;
mod submit;

pub use correct::Correction;
pub use status::ApplyStatus;

use crate::components::page::Page;
use crate::data::{DataState, use_data};
use crate::i18n::*;
use crate::lang_of;
use autosave::Autosave;
use cluster_core::application::FieldError;
use cluster_core::form::{Draft, SAVED_VERSION, Saved, Step};
use fields::Form;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use messages::{field_id, field_message};
use navigation::Navigation;
use submit::Sending;
use wasm_bindgen::JsCast;

use crate::browser::{focus_later, today};

/// A step's name, as the form titles it (and the review workspace, its sections).
pub(crate) fn step_title(i18n: leptos_i18n::I18nContext<Locale>, step: Step) -> String {
    match step {
        Step::Eligibility => t_string!(i18n, f_step_eligibility),
        Step::Startup => t_string!(i18n, f_step_startup),
        Step::Team => t_string!(i18n, f_step_team),
        Step::Project => t_string!(i18n, f_step_project),
        Step::Funding => t_string!(i18n, f_step_funding),
        Step::Deck => t_string!(i18n, f_step_deck),
        Step::Check => t_string!(i18n, f_step_check),
        Step::Declaration => t_string!(i18n, f_step_declaration),
    }
    .to_owned()
}

/// `/apply`.
#[component]
pub fn Apply() -> impl IntoView {
    // Drawn natively (crate::prerender), the form is its introduction: a
    // draft, a confirmation or a step live in the browser alone.
    if cfg!(feature = "ssr") {
        return WithoutScript().into_any();
    }
    let i18n = use_i18n();
    let data = use_data();
    let query = use_query_map();
    let navigate = use_navigate();

    // This tab's application, already acknowledged: its confirmation again
    // (a reload, Back). Else the draft: restored from the browser, or new.
    let sent = store::sent();
    let restored = if sent.is_some() { None } else { store::load().filter(|s| s.draft != Draft::default()) };
    let tab = store::random_id();
    let saved_meta = StoredValue::new(restored.as_ref().map_or_else(
        || Saved {
            version: SAVED_VERSION,
            saved_at: 0,
            key: store::random_id(),
            tab: tab.clone(),
            sending: false,
            draft: Draft::default(),
        },
        |s| Saved { tab: tab.clone(), draft: Draft::default(), ..s.clone() },
    ));
    let restored_at = RwSignal::new(restored.as_ref().map(|s| s.saved_at));
    let draft = RwSignal::new(restored.map(|s| s.draft).unwrap_or_default());
    let sending = RwSignal::new(saved_meta.with_value(|m| m.sending).then_some(Sending::Resuming));
    let shown: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    let frozen = Signal::derive(move || sending.with(|s| s.as_ref().is_some_and(Sending::freezes)));
    let generation = RwSignal::new(0u32);
    let form = Form { draft, shown, frozen, generation, cut: RwSignal::new(None) };
    provide_context(form);
    let done: RwSignal<Option<String>> = RwSignal::new(sent);
    let other_tab = RwSignal::new(false);
    let saved_status = RwSignal::new(false);
    // Whether a draft exists: the draft line's room is kept from then on.
    let has_draft = Memo::new(move |_| done.with(Option::is_none) && draft.with(|d| *d != Draft::default()));

    let cancel_save = Autosave { form, sending, done, meta: saved_meta, saved: saved_status, other_tab }.start();

    // An empty form under a new key: "start again" (from a restored draft,
    // once confirmed) and "a new application" (the confirmation's link).
    let start_new = Callback::new(move |()| {
        store::clear();
        store::forget_sent();
        saved_meta.update_value(|m| m.key = store::random_id());
        draft.set(Draft::default());
        generation.update(|g| *g += 1);
        shown.set(Vec::new());
        restored_at.set(None);
        done.set(None);
        navigate("/apply?step=eligibility", NavigateOptions { replace: true, ..Default::default() });
    });
    // The confirmation's "new application" link (`&new`): honoured only over
    // a confirmation, so that no link can drop a draft in progress.
    Effect::new(move || {
        if query.with(|q| q.get("new").is_some()) && done.with_untracked(Option::is_some) {
            start_new.run(());
        }
    });
    let start_again = move || {
        if window().confirm_with_message(t_string!(i18n, f_start_again_confirm)).unwrap_or(false) {
            start_new.run(());
        }
    };

    let nav = Navigation::new(shown);
    nav.keep_steps_in_order(data, draft, done);
    let step = nav.step;
    let continue_ = move || {
        let Some(d) = data.dataset_untracked() else { return };
        let s = step.get_untracked();
        let errors = draft.with_untracked(|x| x.step_errors(s, &d, today()));
        if !errors.is_empty() {
            nav.show_on(s, errors);
        } else if nav.came_from_check() {
            nav.go(Step::Check, "");
        } else if let Some(next) = s.next() {
            nav.go(next, "");
        }
    };
    let back = move |_| {
        if let Some(p) = step.get_untracked().previous() {
            nav.go(p, "");
        }
    };
    let show_on = move |s, errors| nav.show_on(s, errors);

    let api = move || {
        data.state.with(|s| match s {
            DataState::Ready(l) => l.api_base_url.clone(),
            _ => None,
        })
    };
    let submit = move || {
        let Some(d) = data.dataset_untracked() else { return };
        let errors = draft.with_untracked(|x| x.errors(&d, today()));
        if let Some(first) = errors.first() {
            // Something earlier is missing: that step, with its errors.
            let s = Step::ALL.into_iter().find(|s| s.owns(&first.field)).unwrap_or(Step::Declaration);
            nav.show_on(s, errors.into_iter().filter(|e| s.owns(&e.field)).collect());
            return;
        }
        let key = saved_meta.with_value(|m| m.key.clone());
        submit::start(api(), key, draft, sending, done, show_on);
    };
    // A send left unresolved by a reload or a crash resumes with the same key.
    Effect::new(move || {
        if sending.get_untracked() == Some(Sending::Resuming) && data.dataset().is_some() {
            let key = saved_meta.with_value(|m| m.key.clone());
            submit::start(api(), key, draft, sending, done, show_on);
        }
    });
    // Acknowledged: the draft leaves the browser (personal data), a save
    // waiting for its pause with it; only the reference is kept, for a
    // reload or Back to find the confirmation.
    Effect::new(move || {
        if let Some(reference) = done.get() {
            cancel_save();
            store::clear();
            store::remember_sent(&reference);
            saved_status.set(false);
            other_tab.set(false);
        }
    });

    // Set while the first validation is rehearsed: the title stays.
    let rehearsing = rehearsal::rehearse_first_validation(data, step, done, frozen, shown);
    // Memos: the heading and the document title are set only when their
    // text changes; only the title says that errors are shown.
    let heading =
        Memo::new(
            move |_| {
                if done.with(Option::is_some) { t_string!(i18n, f_done_title).to_owned() } else { step_title(i18n, step.get()) }
            },
        );
    let title = Memo::new(move |_| {
        if shown.with(Vec::is_empty) || rehearsing.try_get_value().unwrap_or(false) {
            heading.get()
        } else {
            format!("{}{}", t_string!(i18n, f_error_prefix), heading.get())
        }
    });
    let summary = move || {
        let errors = shown.get();
        (!errors.is_empty()).then(|| {
            // Each line names its field: "Votre start-up est-elle basée au Maroc ? Ce champ est obligatoire."
            let labels: Vec<(String, String)> = data.dataset_untracked().map_or_else(Vec::new, |d| {
                let x = draft.get_untracked();
                steps::specs(i18n, step.get_untracked(), &x, &d).into_iter().map(|s| (s.path, s.label)).collect()
            });
            let items = errors
                .iter()
                .map(|e| {
                    let id = field_id(&e.field);
                    let label = labels.iter().find(|(p, _)| *p == e.field).map(|(_, l)| format!("{l} — ")).unwrap_or_default();
                    let text = format!("{label}{}", field_message(i18n, e));
                    let target = id.clone();
                    view! {
                        <li><a href=format!("#{id}") on:click=move |ev| {
                            ev.prevent_default();
                            focus_later(target.clone());
                        }>{text}</a></li>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <div class="error-summary" id="error-summary" tabindex="-1" role="alert" data-testid="error-summary">
                    <h2>{t_string!(i18n, f_summary_title)}</h2>
                    <ul>{items}</ul>
                </div>
            }
        })
    };

    // Steps drawn ahead and kept, hidden (see `ahead`).
    let ahead = ahead::Ahead::new(step, generation);
    let drawn = ahead.drawn;
    Effect::new(move || {
        drawn.track();
        if data.dataset().is_some() && done.with(Option::is_none) {
            ahead.schedule();
        }
    });

    let body = move || {
        if let Some(reference) = done.get() {
            return submit::confirmation(reference).into_any();
        }
        let Some(d) = data.dataset() else { return ().into_any() };
        let (open, call_text) = crate::components::call_notice::call_notice(i18n, &d);
        let steps = Step::ALL
            .into_iter()
            .map(|s| {
                let key = Memo::new(move |_| drawn.with(|x| x.keys[s.index()]));
                let fields = move || {
                    key.get()?;
                    let d = data.dataset()?;
                    Some(match s {
                        Step::Deck => deck::step(form, api()),
                        Step::Check => check::check_answers(form, &d, nav),
                        _ => steps::step(form, s, &d),
                    })
                };
                view! { <div class="step-fields" hidden=move || step.get() != s>{fields}</div> }
            })
            .collect::<Vec<_>>();
        // Memos, so the buttons are drawn again only when they change.
        let first = Memo::new(move |_| step.get().previous().is_none());
        let last = Memo::new(move |_| step.get() == Step::Declaration);
        // The buttons are plain buttons, not submit buttons: a form's
        // submission makes the browser read every field of the form first
        // (~10 ms at 4x CPU throttling). So Enter in a one-line field does
        // what a submit button would do: continue, or send on the last step
        // (not while a send is on its way, as the Send button is disabled).
        let on_enter = move |ev: leptos::ev::KeyboardEvent| {
            let one_line = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|i| !matches!(i.type_().as_str(), "file" | "button" | "submit" | "reset"));
            if ev.key() == "Enter" && one_line && !ev.is_composing() {
                ev.prevent_default();
                if !last.get_untracked() {
                    continue_();
                } else if !frozen.get_untracked() {
                    submit();
                }
            }
        };
        view! {
            <p class="step-of" data-testid="step-of">
                {move || td_string!(i18n.get_locale(), f_step_of, n = step.get().index() + 1, total = Step::ALL.len()).to_string()}
            </p>
            <p class=if open { "notice call" } else { "notice call closed" } data-testid="call">{call_text}</p>
            {summary}
            <form class="apply-form" novalidate on:submit=move |ev| ev.prevent_default() on:input=move |ev| form.on_input(&ev) on:keydown=on_enter>
                <div class="steps">{steps}</div>
                {move || sending.get().map(submit::status_line)}
                <div class="form-actions">
                    {move || (!first.get()).then(|| view! { <button type="button" class="button secondary" on:click=back>{t_string!(i18n, f_back)}</button> })}
                    {move || if last.get() {
                        view! { <button type="button" class="button" data-testid="submit" disabled=move || frozen.get() on:click=move |_| submit()>{t_string!(i18n, f_submit)}</button> }.into_any()
                    } else {
                        view! { <button type="button" class="button" data-testid="continue" on:click=move |_| continue_()>
                            {move || if nav.came_from_check() { t_string!(i18n, f_back_to_check) } else { t_string!(i18n, f_continue) }}
                        </button> }.into_any()
                    }}
                </div>
            </form>
        }
        .into_any()
    };

    view! {
        <Page title=title heading=heading class="apply">
            <div class="draft-bar" class:has-draft=move || has_draft.get()>
                <span role="status" aria-live="polite" data-testid="draft-saved">{move || saved_status.get().then(|| t_string!(i18n, f_saved))}</span>
                {move || other_tab.get().then(|| view! { <p class="notice" role="status" data-testid="other-tab">{t_string!(i18n, f_other_tab)}</p> })}
                {move || restored_at.get().filter(|_| done.with(Option::is_none)).map(|at| {
                    let time = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64));
                    let when = String::from(time.to_locale_string(lang_of(i18n.get_locale()).code(), &wasm_bindgen::JsValue::UNDEFINED));
                    view! {
                        <p class="notice" data-testid="restored">
                            {td_string!(i18n.get_locale(), f_restored, time = when).to_string()}" "
                            <button type="button" class="button secondary" data-testid="start-again" on:click=move |_| start_again()>{t_string!(i18n, f_start_again)}</button>
                        </p>
                    }
                })}
            </div>
            {body}
            // Someone who has applied already finds the follow-up from here.
            <p class="apply-follow">{move || (done.with(Option::is_none) && data.settled()).then(|| view! { <a href="/apply/status">{t_string!(i18n, apply_status_title)}</a> })}</p>
        </Page>
    }
    .into_any()
}

/// The form's page for a reader without scripts: the call, and that the
/// form needs JavaScript; the page's title is the form's first step's.
#[component]
fn WithoutScript() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let title = Signal::derive(move || step_title(i18n, Step::ALL[0]));
    view! {
        <Page title=title class="apply">
            <p class="lead">{t!(i18n, incubator_lead)}</p>
            {move || data.dataset().map(|d| {
                let (open, text) = crate::components::call_notice::call_notice(i18n, &d);
                view! { <p class=if open { "notice call" } else { "notice call closed" } data-testid="call">{text}</p> }
            })}
            <p class="notice" data-testid="apply-needs-script">{t!(i18n, f_needs_script)}</p>
            <p><a href="/incubator">{t!(i18n, incubator_title)}</a>" · "<a href="/apply/status">{t_string!(i18n, apply_status_title)}</a></p>
        </Page>
    }
}
