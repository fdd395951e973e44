//! `/apply`: the incubator application, one step per page (`?step=`), and
//! `/apply/status`. The draft is the core's `form::Draft`; every change is
//! saved in the browser; errors show when the person tries to continue; the
//! submission carries one `Idempotency-Key` for the life of the draft and is
//! retried until the server answers, the answers frozen meanwhile.

mod deck;
mod fields;
mod messages;
mod status;
mod steps;
mod store;
mod submit;

pub use status::ApplyStatus;

use crate::components::page::Page;
use crate::data::{DataState, use_data};
use crate::i18n::*;
use crate::lang_of;
use cluster_core::application::FieldError;
use cluster_core::form::{Draft, SAVED_VERSION, Saved, Step};
use fields::Form;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use messages::{field_id, field_message};
use std::time::Duration;
use submit::Sending;
use wasm_bindgen::JsCast;

use crate::browser::today;

/// Focuses element `id` once the view has caught up.
pub fn focus_later(id: String) {
    request_animation_frame(move || focus_now(&id));
}

fn focus_now(id: &str) {
    crate::browser::focus(document().get_element_by_id(id));
}

/// Gives element `id` the focus back once the view has caught up, unless
/// the person has moved it meanwhile (a quick Tab after a choice).
pub fn refocus_later(id: String) {
    request_animation_frame(move || {
        let body = document().body().map(|b| b.unchecked_into::<web_sys::Element>());
        if document().active_element().is_none_or(|a| Some(&a) == body.as_ref()) {
            focus_now(&id);
        }
    });
}

fn step_title(i18n: leptos_i18n::I18nContext<Locale>, step: Step) -> String {
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

    // Every change is saved (after a short pause in typing, so saving never
    // competes with a key press); another tab's save replaces this one's.
    let save_timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let save_now = move || {
        save_timer.try_set_value(None);
        // Once acknowledged, the answers are never written again (personal data).
        if done.try_with_untracked(Option::is_some).unwrap_or(true) {
            return;
        }
        let Some(d) = draft.try_get_untracked() else { return };
        saved_meta.try_update_value(|m| {
            m.saved_at = js_sys::Date::now() as u64;
            // Only a send that may have reached the server resumes after a reload.
            m.sending = sending.try_with_untracked(|s| s.as_ref().is_some_and(Sending::freezes)).unwrap_or(false);
        });
        if let Some(saved) = saved_meta.try_with_value(|m| Saved { draft: d, ..m.clone() }) {
            saved_status.try_set(store::save(&saved));
        }
    };
    // Drops the save waiting for the pause; true if there was one.
    let cancel_save = move || save_timer.try_update_value(Option::take).flatten().map(|h| h.clear()).is_some();
    // Set while this tab takes another tab's saved draft: already saved, so
    // not saved back (the two tabs would otherwise echo each other's saves).
    let adopted = StoredValue::new(false);
    Effect::new(move |first: Option<()>| {
        draft.track();
        sending.track();
        let taken = adopted.try_update_value(std::mem::take).unwrap_or(false);
        if first.is_some() && !taken && done.get_untracked().is_none() {
            saved_status.set(false);
            cancel_save();
            save_timer.try_set_value(set_timeout_with_handle(save_now, Duration::from_millis(300)).ok());
        }
    });
    let on_storage = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        if !store::is_draft_key(ev.key()) || done.get_untracked().is_some() {
            return;
        }
        if let Some(s) = ev.new_value().and_then(|v| Saved::from_json(&v).ok()) {
            saved_meta.update_value(|m| m.key = s.key.clone());
            // The later save wins: this tab's pending one is dropped.
            cancel_save();
            adopted.set_value(true);
            draft.set(s.draft);
            other_tab.set(true);
            form.redraw();
        }
    });
    // Leaving the page (reload, another route) within the pause still saves the last change.
    let flush = move || {
        if cancel_save() {
            save_now();
        }
    };
    let on_leave = window_event_listener(leptos::ev::pagehide, move |_| flush());
    on_cleanup(move || {
        flush();
        on_storage.remove();
        on_leave.remove();
    });

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

    // The step in the URL; a later step with earlier ones incomplete sends
    // the person to the first incomplete one.
    let step = Memo::new(move |_| query.with(|q| q.get("step").and_then(|s| Step::from_slug(&s))).unwrap_or(Step::Eligibility));
    let from_check = move || query.with(|q| q.get("from").as_deref() == Some("check"));
    let lang_suffix = move || query.with_untracked(|q| q.get("lang")).map(|l| format!("&lang={l}")).unwrap_or_default();
    let go = {
        let navigate = use_navigate();
        move |s: Step, extra: &str| navigate(&format!("/apply?step={}{extra}{}", s.slug(), lang_suffix()), NavigateOptions::default())
    };
    {
        let navigate = use_navigate();
        Effect::new(move || {
            let s = step.get();
            let Some(d) = data.dataset() else { return };
            if done.with_untracked(Option::is_some) {
                return; // the confirmation stays, whatever step the history holds
            }
            let first = draft.with_untracked(|x| x.first_incomplete(&d, today()));
            if let Some(f) = first.filter(|f| f.index() < s.index()) {
                navigate(&format!("/apply?step={}{}", f.slug(), lang_suffix()), NavigateOptions { replace: true, ..Default::default() });
            }
        });
    }
    // A new step starts with its heading focused and no errors shown, unless
    // errors were carried to it (a refusal, or something missing at submit).
    let carried: StoredValue<Vec<FieldError>> = StoredValue::new(Vec::new());
    Effect::new(move |previous: Option<Step>| {
        let s = step.get();
        if previous.is_some_and(|p| p != s) {
            let errors = carried.try_update_value(std::mem::take).unwrap_or_default();
            let focus = if errors.is_empty() { "page-heading" } else { "error-summary" };
            // Most step changes find no errors shown and carry none: nothing to tell the fields.
            if shown.with_untracked(|now| *now != errors) {
                shown.set(errors);
            }
            focus_later(focus.into());
        }
        s
    });
    let show_on = {
        let go = go.clone();
        move |s: Step, errors: Vec<FieldError>| {
            // A refusal that arrives after the person left the form: the
            // saved draft still says "sending", so the next visit sends
            // again and shows the answer then.
            let Some(current) = step.try_get_untracked() else { return };
            if s == current {
                shown.set(errors);
                focus_later("error-summary".into());
            } else {
                carried.set_value(errors);
                go(s, "");
            }
        }
    };
    let continue_ = {
        let go = go.clone();
        let show_on = show_on.clone();
        move || {
            let Some(d) = data.dataset_untracked() else { return };
            let s = step.get_untracked();
            let errors = draft.with_untracked(|x| x.step_errors(s, &d, today()));
            if !errors.is_empty() {
                show_on(s, errors);
            } else if from_check() {
                go(Step::Check, "");
            } else if let Some(next) = s.next() {
                go(next, "");
            }
        }
    };
    let back = {
        let go = go.clone();
        move |_| {
            if let Some(p) = step.get_untracked().previous() {
                go(p, "");
            }
        }
    };

    let api = move || {
        data.state.with(|s| match s {
            DataState::Ready(l) => l.api_base_url.clone(),
            _ => None,
        })
    };
    let submit = {
        let show_on = show_on.clone();
        move || {
            let Some(d) = data.dataset_untracked() else { return };
            let errors = draft.with_untracked(|x| x.errors(&d, today()));
            if let Some(first) = errors.first() {
                // Something earlier is missing: that step, with its errors.
                let s = Step::ALL.into_iter().find(|s| s.owns(&first.field)).unwrap_or(Step::Declaration);
                show_on(s, errors.into_iter().filter(|e| s.owns(&e.field)).collect());
                return;
            }
            let key = saved_meta.with_value(|m| m.key.clone());
            submit::start(api(), key, draft, sending, done, show_on.clone());
        }
    };
    // A send left unresolved by a reload or a crash resumes with the same key.
    {
        let show_on = show_on.clone();
        Effect::new(move || {
            if sending.get_untracked() == Some(Sending::Resuming) && data.dataset().is_some() {
                let key = saved_meta.with_value(|m| m.key.clone());
                submit::start(api(), key, draft, sending, done, show_on.clone());
            }
        });
    }
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

    // Set while the first validation is rehearsed (below): the title stays.
    let rehearsing = StoredValue::new(false);
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
    // A page's first validation draws the error summary and the fields'
    // messages for the first time: code the browser compiles on first use,
    // styles and a layout computed for the first time, about 20 ms more
    // than the next validations at 4x CPU throttling (bench/RESULTS.md). So
    // once, at the first idle moment, the errors of an empty draft's step
    // are shown, laid out and taken back within one task: the browser
    // renders no frame in between, so nothing is seen or read out.
    Effect::new(move |before: Option<bool>| {
        if before == Some(true) || data.dataset().is_none() {
            return before == Some(true);
        }
        request_idle_callback(move || {
            // The page may have been left meanwhile (`try_`: its signals are gone then).
            let (Some(d), Some(s)) = (data.dataset_untracked(), step.try_get_untracked()) else { return };
            let calm = done.try_with_untracked(Option::is_none) == Some(true)
                && frozen.try_get_untracked() == Some(false)
                && shown.try_with_untracked(Vec::is_empty) == Some(true);
            let errors = Draft::default().step_errors(s, &d, today());
            if !calm || errors.is_empty() {
                return;
            }
            rehearsing.set_value(true);
            shown.set(errors);
            leptos::task::spawn_local(async move {
                // The views follow `shown` in the tasks queued before this one.
                leptos::task::tick().await;
                let _ = document()
                    .get_element_by_id("error-summary")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    .map(|e| e.offset_height());
                shown.try_set(Vec::new());
                rehearsing.try_set_value(false);
            });
        });
        true
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

    // Steps already drawn stay in the page, hidden, so that moving between
    // them draws nothing again: a control keeps what was typed in it, and
    // the check page's answers follow the draft. The steps share one grid
    // cell, and a hidden one has `content-visibility: hidden`
    // (style/main.css): it takes no room and keeps its styles and layout, so
    // that showing it again is quick. A change of the draft's shape
    // (`generation`: a founder added, a region chosen, another tab's draft)
    // drops them all but the current one.
    //
    // Steps not yet visited are drawn ahead, hidden, and laid out once, one
    // piece of work per idle moment (`Ahead`), so that a first visit is as
    // quick as the next.
    let wanted = RwSignal::new((0u32, 0u8));
    let drawn = Memo::new(move |before: Option<&Drawn>| {
        let s = step.get();
        let generation = generation.get();
        let mut now = before.copied().unwrap_or_default();
        if now.generation != generation {
            // Keys keep counting up, so that the current step gets a new one.
            now = Drawn { generation, draws: now.draws, ..Drawn::default() };
        }
        now.draw(s);
        now.shown = s.index();
        let (for_generation, steps) = wanted.get();
        for t in Step::ALL {
            if for_generation == generation && steps & (1 << t.index()) != 0 {
                now.draw(t);
            }
        }
        now
    });
    let ahead = Ahead { drawn, wanted, laid_out: StoredValue::new([None; Step::ALL.len()]), pending: StoredValue::new(false) };
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
                let go = go.clone();
                let fields = move || {
                    key.get()?;
                    let d = data.dataset()?;
                    Some(match s {
                        Step::Deck => deck::step(form, api()),
                        Step::Check => check_answers(form, &d, go.clone()),
                        _ => steps::step(form, s, &d),
                    })
                };
                view! { <div class="step-fields" hidden=move || step.get() != s>{fields}</div> }
            })
            .collect::<Vec<_>>();
        let continue_ = continue_.clone();
        let submit = submit.clone();
        let back = back.clone();
        // Memos, so the buttons are drawn again only when they change.
        let first = Memo::new(move |_| step.get().previous().is_none());
        let last = Memo::new(move |_| step.get() == Step::Declaration);
        // The buttons are plain buttons, not submit buttons: a form's
        // submission makes the browser read every field of the form first
        // (~10 ms at 4x CPU throttling). So Enter in a one-line field does
        // what a submit button would do: continue, or send on the last step
        // (not while a send is on its way, as the Send button is disabled).
        let on_enter = {
            let (continue_, submit) = (continue_.clone(), submit.clone());
            move |ev: leptos::ev::KeyboardEvent| {
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
                    {move || (!first.get()).then(|| view! { <button type="button" class="button secondary" on:click=back.clone()>{t_string!(i18n, f_back)}</button> })}
                    {move || if last.get() {
                        view! { <button type="button" class="button" data-testid="submit" disabled=move || frozen.get() on:click={
                            let submit = submit.clone();
                            move |_| submit()
                        }>{t_string!(i18n, f_submit)}</button> }.into_any()
                    } else {
                        view! { <button type="button" class="button" data-testid="continue" on:click={
                            let continue_ = continue_.clone();
                            move |_| continue_()
                        }>
                            {move || if from_check() { t_string!(i18n, f_back_to_check) } else { t_string!(i18n, f_continue) }}
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
}

/// Which steps are drawn in the page: each drawn step's key (a new key
/// draws it again), for one `generation` of the draft's shape, and the
/// step shown.
#[derive(Clone, Copy, Default, PartialEq)]
struct Drawn {
    generation: u32,
    draws: u32,
    keys: [Option<u32>; Step::ALL.len()],
    shown: usize,
}

impl Drawn {
    /// Draws step `s` if it is not drawn yet.
    fn draw(&mut self, s: Step) {
        if self.keys[s.index()].is_none() {
            self.draws += 1;
            self.keys[s.index()] = Some(self.draws);
        }
    }
}

/// What is done ahead at idle time, one piece per idle moment: lay out a
/// step drawn ahead (its first showing then only paints it), or draw the
/// next step not drawn yet. `wanted`: the generation and the steps asked
/// for; `laid_out`: the key each step was last laid out with.
#[derive(Clone, Copy)]
struct Ahead {
    drawn: Memo<Drawn>,
    wanted: RwSignal<(u32, u8)>,
    laid_out: StoredValue<[Option<u32>; Step::ALL.len()]>,
    pending: StoredValue<bool>,
}

enum Work {
    LayOut(Step),
    Draw(Step),
}

impl Ahead {
    fn next(self) -> Option<Work> {
        let x = self.drawn.try_get_untracked()?;
        let laid = self.laid_out.try_update_value(|l| {
            // The step shown is laid out by being shown.
            l[x.shown] = x.keys[x.shown];
            *l
        })?;
        let todo = |t: &Step| x.keys[t.index()].is_some() && laid[t.index()] != x.keys[t.index()];
        (Step::ALL.into_iter().find(todo).map(Work::LayOut))
            .or_else(|| Step::ALL.into_iter().find(|t| x.keys[t.index()].is_none()).map(Work::Draw))
    }

    /// Asks for an idle moment if there is work left.
    fn schedule(self) {
        if self.pending.try_get_value() != Some(false) || self.next().is_none() {
            return;
        }
        self.pending.set_value(true);
        request_idle_callback(move || {
            self.pending.try_set_value(false);
            match self.next() {
                Some(Work::LayOut(t)) => {
                    lay_out_hidden(t.index());
                    let key = self.drawn.with_untracked(|x| x.keys[t.index()]);
                    self.laid_out.update_value(|l| l[t.index()] = key);
                    self.schedule();
                }
                // Drawing changes `drawn`, whose effect asks for the next moment.
                Some(Work::Draw(t)) => {
                    let generation = self.drawn.with_untracked(|x| x.generation);
                    self.wanted.update(|(g, wanted)| {
                        if *g != generation {
                            *g = generation;
                            *wanted = 0;
                        }
                        *wanted |= 1 << t.index();
                    });
                }
                None => {}
            }
        });
    }
}

/// Lays out the hidden step at `index` once, taking no room (`.laying-out`,
/// style/main.css) and never painted (the class goes before the next frame):
/// `content-visibility: hidden` keeps that layout, so showing the step later
/// does not compute it.
fn lay_out_hidden(index: usize) {
    let Some(el) = document()
        .query_selector_all(".steps > .step-fields")
        .ok()
        .and_then(|l| l.item(index as u32))
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if el.hidden() {
        let classes = el.class_list();
        let _ = classes.add_1("laying-out");
        let _ = el.offset_height();
        let _ = classes.remove_1("laying-out");
    }
}

/// Step 7: every answer, each with a "Change" link to its step that comes
/// back here. Drawn for a shape of the draft; the answers follow its changes.
fn check_answers(form: Form, d: &cluster_core::model::Dataset, go: impl Fn(Step, &str) + Clone + 'static) -> AnyView {
    let i18n = use_i18n();
    let x = form.draft.get_untracked();
    let (yes, no, none) = (t_string!(i18n, f_yes), t_string!(i18n, f_no), t_string!(i18n, f_none));
    // Each answer's step, label and field (none: the pitch deck).
    let mut rows: Vec<(Step, String, Option<fields::Spec>)> = Vec::new();
    for s in [Step::Eligibility, Step::Startup, Step::Team, Step::Project, Step::Funding] {
        for spec in steps::specs(i18n, s, &x, d) {
            let label = match spec.path.strip_prefix("team[").and_then(|r| r.split_once(']')) {
                Some((i, _)) => {
                    format!("{} · {}", td_string!(i18n.get_locale(), f_founder_n, n = i.parse::<usize>().unwrap_or(0) + 1), spec.label)
                }
                None => spec.label.clone(),
            };
            rows.push((s, label, Some(spec)));
        }
    }
    rows.push((Step::Deck, t_string!(i18n, f_step_deck).into(), None));
    let items = rows
        .into_iter()
        .map(|(s, label, spec)| {
            let path = spec.as_ref().map_or_else(|| "pitch_deck".to_owned(), |spec| spec.path.clone());
            let value = move || {
                form.draft.with(|x| match &spec {
                    Some(spec) => spec.shown_value(x, yes, no, none),
                    None => x.deck.as_ref().map_or_else(|| none.to_owned(), |d| d.name.clone()),
                })
            };
            let go = go.clone();
            let change = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                go(s, "&from=check");
                focus_later(field_id(&path));
            };
            view! {
                <div class="answer">
                    <dt>{label.clone()}</dt>
                    <dd dir="auto">{value}</dd>
                    <dd class="change"><a href=format!("/apply?step={}&from=check", s.slug()) on:click=change>
                        {t_string!(i18n, f_change)}<span class="visually-hidden">{format!(" : {label}")}</span>
                    </a></dd>
                </div>
            }
        })
        .collect::<Vec<_>>();
    view! { <dl class="answers" data-testid="answers">{items}</dl> }.into_any()
}
