//! The form's controls, drawn from a list of specifications by one
//! function. A control is plain HTML named by its field's path (the path of
//! the core's field errors); one listener on the form writes any change into
//! the draft (`Draft::set`). Only what must follow the draft is reactive: the
//! error and `aria-invalid`, the frozen state, and live hints.

use super::messages::{field_id, field_message};
use crate::i18n::*;
use cluster_core::application::FieldError;
use cluster_core::contact::normalize_phone;
use cluster_core::form::Draft;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The draft, the errors shown, whether the answers are frozen (a
/// submission is on its way), and a counter that redraws the step when the
/// draft changes shape (a founder added, a region chosen, another tab).
#[derive(Clone, Copy)]
pub struct Form {
    pub draft: RwSignal<Draft>,
    pub shown: RwSignal<Vec<FieldError>>,
    pub frozen: Signal<bool>,
    pub generation: RwSignal<u32>,
    /// The field whose last change was a paste cut at its `maxlength`.
    pub cut: RwSignal<Option<String>>,
}

impl Form {
    /// The message of the first error shown for `path`, as a memo: when
    /// the errors shown change, every drawn field (every step's, as steps
    /// stay drawn) looks once, and only a field whose message changed
    /// updates its page.
    pub fn error_for(self, path: String) -> Memo<Option<String>> {
        let i18n = use_i18n();
        Memo::new(move |_| self.shown.with(|errors| errors.iter().find(|e| e.field == path).map(|e| field_message(i18n, e))))
    }

    /// Draws the step again, keeping the focus where it was.
    pub fn redraw(self) {
        let active = document().active_element().map(|e| e.id()).filter(|id| !id.is_empty());
        self.generation.update(|n| *n += 1);
        if let Some(id) = active {
            crate::browser::refocus_later(id);
        }
    }

    /// Writes the control that fired `ev` into the draft.
    pub fn on_input(self, ev: &web_sys::Event) {
        let Some(target) = ev.target() else { return };
        let prop = |name: &str| js_sys::Reflect::get(&target, &JsValue::from_str(name)).ok();
        let name = prop("name").and_then(|v| v.as_string()).unwrap_or_default();
        if name.is_empty() {
            return;
        }
        let kind = prop("type").and_then(|v| v.as_string()).unwrap_or_default();
        let value = if kind == "checkbox" {
            prop("checked").and_then(|v| v.as_bool()).unwrap_or(false).to_string()
        } else {
            prop("value").and_then(|v| v.as_string()).unwrap_or_default()
        };
        // A paste that fills the control to its `maxlength` was cut there (the
        // browser cuts it silently): the field's live line says so until the
        // next change.
        let pasted = js_sys::Reflect::get(ev, &JsValue::from_str("inputType")).ok().and_then(|v| v.as_string());
        let max = prop("maxLength").and_then(|v| v.as_f64()).unwrap_or(0.0);
        let cut =
            (pasted.as_deref() == Some("insertFromPaste") && max > 0.0 && value.encode_utf16().count() as f64 >= max).then(|| name.clone());
        if self.cut.with_untracked(|c| *c != cut) {
            self.cut.set(cut);
        }
        self.draft.update(|d| {
            d.set(&name, &value);
        });
        // These change what the step shows (the region's towns, the other town's name).
        if matches!(name.as_str(), "startup.region" | "startup.city" | "funding.patent") || name.starts_with("eligibility.") {
            self.redraw();
        }
    }
}

/// What keyboard and direction a text control asks for.
#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
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

/// A control.
pub enum Control {
    Text(Kind),
    /// `(value, text)` options after an empty "choose" one.
    Select(Vec<(String, String)>),
    YesNo,
    /// A declaration's checkbox.
    Check,
}

/// A hint that follows what is typed, politely announced.
#[derive(Clone, Copy, PartialEq)]
pub enum Live {
    No,
    /// Characters left before this many.
    CharsLeft(usize),
    /// The phone number as it will be stored.
    Phone,
}

/// One field of a step.
pub struct Spec {
    pub path: String,
    pub label: String,
    pub hint: Option<String>,
    pub control: Control,
    pub optional: bool,
    pub autocomplete: Option<&'static str>,
    pub maxlength: Option<usize>,
    pub live: Live,
}

impl Spec {
    pub fn new(path: impl Into<String>, label: impl Into<String>, control: Control) -> Spec {
        Spec {
            path: path.into(),
            label: label.into(),
            hint: None,
            control,
            optional: false,
            autocomplete: None,
            maxlength: None,
            live: Live::No,
        }
    }

    pub fn hint(mut self, h: impl Into<String>) -> Spec {
        self.hint = Some(h.into());
        self
    }

    pub fn optional(mut self) -> Spec {
        self.optional = true;
        self
    }

    pub fn autocomplete(mut self, token: &'static str) -> Spec {
        self.autocomplete = Some(token);
        self
    }

    pub fn max(mut self, n: usize) -> Spec {
        self.maxlength = Some(n);
        self
    }

    pub fn live(mut self, live: Live) -> Spec {
        self.live = live;
        self
    }

    /// At most `n` characters, with a count of those left.
    pub fn counted(self, n: usize) -> Spec {
        self.max(n).live(Live::CharsLeft(n))
    }

    /// The answer as the check page shows it (`none` when empty).
    pub fn shown_value(&self, d: &Draft, yes: &str, no: &str, none: &str) -> String {
        let v = d.get(&self.path).unwrap_or_default();
        let text = match &self.control {
            Control::Select(options) => options.iter().find(|(k, _)| *k == v).map(|(_, t)| t.clone()).unwrap_or_default(),
            Control::YesNo => match v.as_str() {
                "yes" => yes.to_owned(),
                "no" => no.to_owned(),
                _ => String::new(),
            },
            Control::Check => String::new(),
            Control::Text(Kind::Tel) => normalize_phone(&v).unwrap_or(v),
            Control::Text(_) => v,
        };
        if text.trim().is_empty() { none.to_owned() } else { text }
    }
}

/// Draws one field: label, hint, error, control, live hint.
pub fn field(form: Form, spec: Spec) -> AnyView {
    let i18n = use_i18n();
    let Spec { path, label, hint, control, optional, autocomplete, maxlength, live } = spec;
    let id = field_id(&path);
    let value = form.draft.with_untracked(|d| d.get(&path)).unwrap_or_default();
    let error = form.error_for(path.clone());
    let invalid = move || error.with(Option::is_some).then_some("true");
    let (hint_id, error_id, live_id) = (format!("{id}-hint"), format!("{id}-error"), format!("{id}-live"));
    let mut described = vec![error_id.clone()];
    if hint.is_some() {
        described.push(hint_id.clone());
    }
    if live != Live::No {
        described.push(live_id.clone());
    }
    let described = described.join(" ");
    let optional_mark = optional.then(|| view! { " " <span class="optional">{t_string!(i18n, f_optional)}</span> });
    let error_line = view! {
        <p class="error" id=error_id>
            {move || error.get().map(|e| view! { <span class="visually-hidden">{t_string!(i18n, f_error_prefix)}</span>{e} })}
        </p>
    };
    let hint_line = hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> });
    let live_line = (live != Live::No).then(|| {
        let path = path.clone();
        let text = move || {
            let v = form.draft.with(|d| d.get(&path)).unwrap_or_default();
            match live {
                Live::CharsLeft(max) => {
                    let n = max.saturating_sub(v.chars().count());
                    let left =
                        crate::plural(td_string!(i18n.get_locale(), f_chars_left, n = n), crate::lang_of(i18n.get_locale()), n as u64);
                    if form.cut.with(|c| c.as_deref() == Some(path.as_str())) {
                        format!("{left} {}", t_string!(i18n, f_paste_cut))
                    } else {
                        left
                    }
                }
                Live::Phone => {
                    // Isolated left to right, so that "+212…" keeps its sign in Arabic.
                    normalize_phone(&v)
                        .map(|p| td_string!(i18n.get_locale(), f_phone_read, phone = format!("\u{2066}{p}\u{2069}")).to_string())
                        .unwrap_or_default()
                }
                Live::No => String::new(),
            }
        };
        view! { <p class="live" id=live_id aria-live="polite">{text}</p> }
    });
    let frozen = move || form.frozen.get();
    let control = match control {
        Control::Text(kind) => {
            let (input_type, inputmode, ltr) = match kind {
                Kind::Email => ("email", None, true),
                Kind::Tel => ("tel", Some("tel"), true),
                Kind::Url => ("url", Some("url"), true),
                Kind::Date => ("date", None, true),
                Kind::Number => ("text", Some("numeric"), true),
                Kind::Text | Kind::Long => ("text", None, false),
            };
            if kind == Kind::Long {
                view! {
                    <textarea id=id.clone() name=path rows="5" aria-describedby=described aria-invalid=invalid maxlength=maxlength
                        readonly=frozen dir="auto" prop:value=value></textarea>
                }
                .into_any()
            } else {
                view! {
                    <input id=id.clone() name=path type=input_type inputmode=inputmode autocomplete=autocomplete prop:value=value
                        aria-describedby=described aria-invalid=invalid maxlength=maxlength readonly=frozen dir=if ltr { "ltr" } else { "auto" } />
                }
                .into_any()
            }
        }
        Control::Select(options) => {
            let options = options
                .into_iter()
                .map(|(v, text)| {
                    let selected = v == value;
                    view! { <option value=v selected=selected>{text}</option> }
                })
                .collect::<Vec<_>>();
            view! {
                <select id=id.clone() name=path aria-describedby=described aria-invalid=invalid autocomplete=autocomplete disabled=frozen>
                    <option value="">{t_string!(i18n, f_choose)}</option>
                    {options}
                </select>
            }
            .into_any()
        }
        Control::YesNo => {
            let radio = |answer: &'static str, text: String| {
                let rid = format!("{id}-{answer}");
                view! {
                    <span class="radio">
                        <input type="radio" id=rid.clone() name=path.clone() value=answer checked=value == answer disabled=frozen />
                        <label for=rid>{text}</label>
                    </span>
                }
            };
            let (yes, no) = (radio("yes", t_string!(i18n, f_yes).to_owned()), radio("no", t_string!(i18n, f_no).to_owned()));
            return view! {
                <fieldset class="field yes-no" class:invalid=move || error.with(Option::is_some) id=id tabindex="-1" aria-describedby=described>
                    <legend>{label}</legend>
                    {error_line}
                    <div class="options">{yes}{no}</div>
                </fieldset>
            }
            .into_any();
        }
        Control::Check => {
            return view! {
                <div class="field check" class:invalid=move || error.with(Option::is_some)>
                    <input type="checkbox" id=id.clone() name=path checked=value == "true" disabled=frozen aria-invalid=invalid aria-describedby=described />
                    <label for=id>{label}</label>
                    {error_line}
                </div>
            }
            .into_any();
        }
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id>{label}{optional_mark}</label>
            {hint_line}
            {error_line}
            {control}
            {live_line}
        </div>
    }
    .into_any()
}
