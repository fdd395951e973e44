//! Routes whose content later work fills: each says so honestly.

use crate::i18n::*;
use leptos::prelude::*;

/// The honest "being prepared" line.
#[component]
pub fn ComingSoon() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="notice" data-testid="coming-soon">{t!(i18n, coming_soon)}</p> }
}
