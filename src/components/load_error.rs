//! The one way a failed load is shown: what failed, in the visitor's
//! language, and a button to try again.

use crate::data::{LoadError, error_message};
use crate::i18n::*;
use leptos::prelude::*;

/// An alert for `error` with a retry button; `testid` names the alert and,
/// with `-detail`, its sentence. `title` is an optional first line.
#[component]
pub fn LoadErrorAlert(
    error: LoadError,
    #[prop(into)] retry: Callback<()>,
    testid: &'static str,
    #[prop(optional)] title: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="data-status error" role="alert" data-testid=testid>
            {title.map(|t| view! { <p><strong>{t}</strong></p> })}
            <p dir="auto" data-testid=format!("{testid}-detail")>{error_message(i18n, &error)}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>{t_string!(i18n, data_retry)}</button>
        </div>
    }
}
