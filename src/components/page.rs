//! The frame every routed page shares: its `<title>` and `<h1>` from one text.

use leptos::prelude::*;
use leptos_meta::Title;

/// A page: sets the document title (suffixed with the site name) and renders
/// the heading, then the children.
#[component]
pub fn Page(
    /// The page's name in the current language.
    #[prop(into)]
    title: Signal<String>,
    /// A class for page-specific layout.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=move || title.get() />
        <article class=format!("page {class}")>
            <h1 data-testid="page-heading">{move || title.get()}</h1>
            {children()}
        </article>
    }
}
