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

/// The bare page for an unknown `/embed/…` on a static host (which falls back
/// to the app): the same words as the server's 404 embed page, no header or
/// footer, and the language from `?lang` or the browser, never saved.
#[component]
pub fn EmbedNotFound() -> impl IntoView {
    use cluster_core::charts::{back_link_text, not_found_text};
    let search = window().location().search().unwrap_or_default();
    let url_lang = search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("lang=")).map(cluster_core::url::decode);
    let lang = cluster_core::lang::resolve(url_lang.as_deref(), None, &crate::prefs::browser_langs());
    let (title, body) = not_found_text(lang);
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
    document().set_title(&format!("{title} · Cluster EnR"));
    view! {
        <main class="shell embed-missing">
            <h1>{title}</h1>
            <p data-testid="embed-not-found">{body}</p>
            <p>
                <a href=format!("/sectors?lang={}", lang.code()) target="_blank" rel="noopener">{back_link_text(lang)}</a>
            </p>
        </main>
    }
}
