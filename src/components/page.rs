//! The frame every routed page shares: its `<title>` and its `<h1>`, the same
//! text unless the page gives the heading its own (the form's title says
//! "Erreur : …" while errors are shown; its heading does not).

use leptos::prelude::*;
use leptos_meta::Title;

/// A page: sets the document title (suffixed with the site name) and renders
/// the heading, then the children.
#[component]
pub fn Page(
    /// The page's name in the current language.
    #[prop(into)]
    title: Signal<String>,
    /// The visible heading, when it differs from the title.
    #[prop(optional, into)]
    heading: Option<Signal<String>>,
    /// A class for page-specific layout.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let heading = heading.unwrap_or(title);
    view! {
        <Title text=move || title.get() />
        <article class=format!("page {class}")>
            <h1 data-testid="page-heading">{move || heading.get()}</h1>
            {children()}
        </article>
    }
}
