//! Moving between the form's steps: the step is in the URL (`?step=`), a new
//! step starts with its heading focused, errors found on one step can be
//! carried to another, and a later step with earlier ones incomplete sends
//! the person to the first incomplete one.

use crate::browser::{focus_later, today};
use crate::data::Data;
use cluster_core::application::FieldError;
use cluster_core::form::{Draft, Step};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

#[derive(Clone, Copy)]
pub struct Navigation {
    /// The step in the URL.
    pub step: Memo<Step>,
    query: Memo<ParamsMap>,
    shown: RwSignal<Vec<FieldError>>,
    /// Errors to show on the next step reached.
    carried: StoredValue<Vec<FieldError>>,
    /// Goes to a URL; `true`: replacing the current history entry.
    navigate: Callback<(String, bool)>,
}

impl Navigation {
    /// The form's navigation; `shown` holds the errors on screen.
    pub fn new(shown: RwSignal<Vec<FieldError>>) -> Navigation {
        let query = use_query_map();
        let navigate = use_navigate();
        let navigate = Callback::new(move |(url, replace): (String, bool)| {
            navigate(&url, NavigateOptions { replace, ..Default::default() });
        });
        let step = Memo::new(move |_| query.with(|q| q.get("step").and_then(|s| Step::from_slug(&s))).unwrap_or(Step::Eligibility));
        let carried = StoredValue::new(Vec::new());
        // A new step starts with its heading focused and no errors shown, unless
        // errors were carried to it (a refusal, or something missing at submit).
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
        Navigation { step, query, shown, carried, navigate }
    }

    /// Whether the step was opened from the check page (its "Change" links).
    pub fn came_from_check(self) -> bool {
        self.query.with(|q| q.get("from").as_deref() == Some("check"))
    }

    /// The URL of step `s`, with `extra` parameters, in the current language.
    fn url(self, s: Step, extra: &str) -> String {
        let lang = self.query.with_untracked(|q| q.get("lang")).map(|l| format!("&lang={l}")).unwrap_or_default();
        format!("/apply?step={}{extra}{lang}", s.slug())
    }

    /// Goes to step `s` (a new history entry).
    pub fn go(self, s: Step, extra: &str) {
        self.navigate.run((self.url(s, extra), false));
    }

    /// Shows `errors` on step `s`, going there if it is not the current one.
    pub fn show_on(self, s: Step, errors: Vec<FieldError>) {
        // A refusal that arrives after the person left the form: the saved
        // draft still says "sending", so the next visit sends again and
        // shows the answer then.
        let Some(current) = self.step.try_get_untracked() else { return };
        if s == current {
            self.shown.set(errors);
            focus_later("error-summary".into());
        } else {
            self.carried.set_value(errors);
            self.go(s, "");
        }
    }

    /// Sends the person from a step to the first incomplete one before it,
    /// except over a confirmation (`done`), which stays whatever step the
    /// history holds.
    pub fn keep_steps_in_order(self, data: Data, draft: RwSignal<Draft>, done: RwSignal<Option<String>>) {
        Effect::new(move || {
            let s = self.step.get();
            let Some(d) = data.dataset() else { return };
            if done.with_untracked(Option::is_some) {
                return;
            }
            let first = draft.with_untracked(|x| x.first_incomplete(&d, today()));
            if let Some(f) = first.filter(|f| f.index() < s.index()) {
                self.navigate.run((self.url(f, ""), true));
            }
        });
    }
}
