//! The first focusable element: jumps past the header to the page's content.

use crate::i18n::*;
use leptos::prelude::*;

/// A link, visible when focused, that moves focus to `<main id="main">`.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    // Handled here rather than by the router, so focus (not only scroll) moves.
    let to_main = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main") {
            use wasm_bindgen::JsCast;
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
            }
        }
    };
    view! { <a class="skip-link" href="#main" on:click=to_main>{t!(i18n, skip_link)}</a> }
}
