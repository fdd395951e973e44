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
    /// True while the page's own content is still on its way (a profile
    /// from the API): `aria-busy`, which the pre-rendered page's hand-over
    /// waits for (crate::takeover).
    #[prop(optional, into)]
    busy: Option<Signal<bool>>,
    children: Children,
) -> impl IntoView {
    let heading = heading.unwrap_or(title);
    // The native render reads the title here, not from leptos_meta's
    // context, which is gone with the view once it is drawn.
    #[cfg(feature = "ssr")]
    if let Some(sink) = use_context::<crate::prerender::TitleSink>() {
        *sink.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = title.get_untracked();
    }
    view! {
        <Title text=move || title.get() />
        <article class=format!("page {class}") aria-busy=move || busy.map(|b| b.get().to_string())>
            <h1 data-testid="page-heading">{move || heading.get()}</h1>
            {children()}
        </article>
    }
}
