//! A page's first validation draws the error summary and the fields'
//! messages for the first time: code the browser compiles on first use,
//! styles and a layout computed for the first time, about 20 ms more than the
//! next validations at 4x CPU throttling (bench/RESULTS.md). So once, at the
//! first idle moment, the errors of an empty draft's step are shown, laid out
//! and taken back within one task: the browser renders no frame in between,
//! so nothing is seen or read out.

use crate::browser::today;
use crate::data::Data;
use cluster_core::application::FieldError;
use cluster_core::form::{Draft, Step};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Rehearses the first validation of the page once. Returns the flag set
/// while it lasts (the document title does not change for it).
pub fn rehearse_first_validation(
    data: Data,
    step: Memo<Step>,
    done: RwSignal<Option<String>>,
    frozen: Signal<bool>,
    shown: RwSignal<Vec<FieldError>>,
) -> StoredValue<bool> {
    let rehearsing = StoredValue::new(false);
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
    rehearsing
}
