//! The site footer: who publishes the portal and where its figures come from.

use crate::i18n::*;
use leptos::prelude::*;

/// Footer with the cluster's identity and the data source line.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{t!(i18n, footer_about)}</p>
            <p class="source" data-testid="data-source">{t!(i18n, footer_source)}</p>
        </footer>
    }
}
