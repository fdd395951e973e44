//! The form's controls, each with its label, hint and error (linked by
//! `aria-describedby`, marked `aria-invalid`), bound to the draft through a
//! value signal and a setter.

use super::messages::{field_id, field_message};
use crate::i18n::*;
use cluster_core::application::FieldError;
use cluster_core::form::Draft;
use leptos::prelude::*;

/// What every control needs: the draft, the errors shown, whether the
/// answers are frozen (a submission is on its way).
#[derive(Clone, Copy)]
pub struct Form {
    pub draft: RwSignal<Draft>,
    pub shown: RwSignal<Vec<FieldError>>,
    pub frozen: Signal<bool>,
}

impl Form {
    /// The message of the first error shown for `path`.
    pub fn error_for(self, path: &str) -> Option<String> {
        let i18n = use_i18n();
        self.shown.with(|errors| errors.iter().find(|e| e.field == path).map(|e| field_message(i18n, e)))
    }

    /// A text field of the draft as a value and a setter.
    pub fn bind(self, get: fn(&Draft) -> &String, set: fn(&mut Draft) -> &mut String) -> (Signal<String>, Callback<String>) {
        let draft = self.draft;
        (Signal::derive(move || draft.with(|d| get(d).clone())), Callback::new(move |v: String| draft.update(|d| *set(d) = v)))
    }
}

/// How a text control looks and what keyboard it asks for.
#[derive(Clone, Copy, PartialEq, Default)]
pub enum Kind {
    #[default]
    Text,
    Email,
    Tel,
    Url,
    Date,
    /// Digits (amounts, counts): `inputmode=numeric`, left to right.
    Number,
    /// Several lines.
    Long,
}

/// A labelled text control.
#[component]
pub fn TextField(
    form: Form,
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    value: Signal<String>,
    set: Callback<String>,
    #[prop(optional)] kind: Kind,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] maxlength: Option<usize>,
    /// Shown under the control, politely announced (a counter, a normalised value).
    #[prop(optional, into)]
    live: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field_id(&path);
    let (hint_id, error_id, live_id) = (format!("{id}-hint"), format!("{id}-error"), format!("{id}-live"));
    let p = path.clone();
    let error = Signal::derive(move || form.error_for(&p));
    let described = {
        let (hint_id, error_id, live_id, has_hint, has_live) = (hint_id.clone(), error_id.clone(), live_id.clone(), hint.is_some(), live.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if has_live {
                ids.push(live_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let ltr = matches!(kind, Kind::Email | Kind::Tel | Kind::Url | Kind::Number | Kind::Date);
    let (input_type, inputmode) = match kind {
        Kind::Email => ("email", None),
        Kind::Tel => ("tel", Some("tel")),
        Kind::Url => ("url", Some("url")),
        Kind::Date => ("date", None),
        Kind::Number => ("text", Some("numeric")),
        Kind::Text | Kind::Long => ("text", None),
    };
    let on_input = move |ev: leptos::ev::Event| set.run(event_target_value(&ev));
    let control = if kind == Kind::Long {
        view! {
            <textarea id=id.clone() name=path.clone() rows="5" prop:value=value aria-describedby=described.clone()
                aria-invalid=move || error.with(Option::is_some).then_some("true") maxlength=maxlength
                readonly=move || form.frozen.get() dir="auto" on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=path.clone() type=input_type inputmode=inputmode autocomplete=autocomplete
                prop:value=value aria-describedby=described aria-invalid=move || error.with(Option::is_some).then_some("true")
                maxlength=maxlength readonly=move || form.frozen.get() dir=if ltr { "ltr" } else { "auto" } on:input=on_input />
        }
        .into_any()
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id>
                {label}
                {optional.then(|| view! { " " <span class="optional">{t_string!(i18n, f_optional)}</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {move || error.get().map(|e| view! { <p class="error" id=error_id.clone()><span class="visually-hidden">{t_string!(i18n, f_error_prefix)}</span>{e}</p> })}
            {control}
            {live.map(|l| view! { <p class="live" id=live_id aria-live="polite">{move || l.get()}</p> })}
        </div>
    }
}

/// A labelled choice among `(value, text)` options; the first option is
/// an empty "choose" one unless `options` says otherwise.
#[component]
pub fn Choice(
    form: Form,
    #[prop(into)] path: String,
    #[prop(into)] label: String,
    value: Signal<String>,
    set: Callback<String>,
    options: Signal<Vec<(String, String)>>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field_id(&path);
    let error_id = format!("{id}-error");
    let p = path.clone();
    let error = Signal::derive(move || form.error_for(&p));
    let described = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>
                {label}
                {optional.then(|| view! { " " <span class="optional">{t_string!(i18n, f_optional)}</span> })}
            </label>
            {move || error.get().map(|e| view! { <p class="error" id=error_id.clone()><span class="visually-hidden">{t_string!(i18n, f_error_prefix)}</span>{e}</p> })}
            <select id=id name=path aria-describedby=described aria-invalid=move || error.with(Option::is_some).then_some("true")
                autocomplete=autocomplete disabled=move || form.frozen.get() on:change=move |ev| set.run(event_target_value(&ev))>
                <option value="" prop:selected=move || value.with(String::is_empty)>{t_string!(i18n, f_choose)}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = value.with(|x| *x == v);
                            view! { <option value=v prop:selected=selected>{text}</option> }
                        })
                        .collect::<Vec<_>>()
                }}
            </select>
        </div>
    }
}

/// A yes/no question as two radio buttons in a fieldset.
#[component]
pub fn YesNo(form: Form, #[prop(into)] path: String, #[prop(into)] legend: String, value: Signal<Option<bool>>, set: Callback<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let id = field_id(&path);
    let error_id = format!("{id}-error");
    let p = path.clone();
    let error = Signal::derive(move || form.error_for(&p));
    let radio = move |answer: bool, text: String| {
        let rid = format!("{id}-{}", if answer { "yes" } else { "no" });
        let name = id.clone();
        view! {
            <span class="radio">
                <input type="radio" id=rid.clone() name=name prop:checked=move || value.get() == Some(answer)
                    disabled=move || form.frozen.get() on:change=move |_| set.run(answer) />
                <label for=rid>{text}</label>
            </span>
        }
    };
    let (yes, no) = (radio(true, t_string!(i18n, f_yes).to_owned()), radio(false, t_string!(i18n, f_no).to_owned()));
    let first_id = format!("{}-yes", field_id(&path));
    view! {
        <fieldset class="field yes-no" class:invalid=move || error.with(Option::is_some) id=first_id.replace("-yes", "")
            aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())>
            <legend>{legend}</legend>
            {move || error.get().map(|e| view! { <p class="error"><span class="visually-hidden">{t_string!(i18n, f_error_prefix)}</span>{e}</p> })}
            <div class="options">{yes}{no}</div>
        </fieldset>
    }
}

/// A checkbox (declarations).
#[component]
pub fn Check(form: Form, #[prop(into)] path: String, #[prop(into)] label: String, value: Signal<bool>, set: Callback<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let id = field_id(&path);
    let error_id = format!("{id}-error");
    let p = path.clone();
    let error = Signal::derive(move || form.error_for(&p));
    view! {
        <div class="field check" class:invalid=move || error.with(Option::is_some)>
            {move || error.get().map(|e| view! { <p class="error" id=error_id.clone()><span class="visually-hidden">{t_string!(i18n, f_error_prefix)}</span>{e}</p> })}
            <input type="checkbox" id=id.clone() prop:checked=value disabled=move || form.frozen.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change=move |ev| set.run(event_target_checked(&ev)) />
            <label for=id>{label}</label>
        </div>
    }
}
