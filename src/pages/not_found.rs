//! The page for any path the portal does not know.

use crate::components::page::Page;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// Rendered not-found page in the current language, with a way home.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, not_found_title).to_string()) class="not-found">
            <p data-testid="not-found">{t!(i18n, not_found_body)}</p>
            <p><A href="/">{t!(i18n, not_found_home)}</A></p>
        </Page>
    }
}
