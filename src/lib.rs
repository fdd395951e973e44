//! The Cluster EnR ecosystem portal: a Leptos client-side app. The library holds
//! the whole app so that in-browser tests can mount its components; this file
//! mounts its entries.
// The native render (`ssr`) nests the views' types deeper than the default allows.
#![recursion_limit = "256"]

pub mod app;
pub mod browser;
pub mod charts;
pub mod components;
pub mod data;
pub mod pages;
pub mod prefs;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod scroll;
pub mod staff;
#[cfg(target_arch = "wasm32")]
pub mod takeover;

mod translations;

pub use app::App;
pub use cluster_core::lang::Lang;
pub use translations::{i18n, lang_of, locale_of, plural};

/// Mounts the portal on the page; for an `/embed/…` path (embeds are static
/// pages: a static host sends an unknown one here), the bare "chart not
/// found" page instead, without the site around it.
pub fn mount() {
    browser::unprefix_language();
    let path = leptos::prelude::window().location().pathname().unwrap_or_default();
    if path.starts_with("/embed/") {
        #[cfg(target_arch = "wasm32")]
        takeover::discard();
        leptos::mount::mount_to_body(pages::not_found::EmbedNotFound);
    } else {
        leptos::mount::mount_to_body(|| leptos::view! { <App /> });
    }
}

/// Mounts the directories' entry ([`app::DirectoryApp`]).
pub fn mount_directory() {
    browser::unprefix_language();
    leptos::mount::mount_to_body(|| leptos::view! { <app::DirectoryApp /> });
}

/// Mounts the application form's entry ([`app::ApplyApp`]).
pub fn mount_apply() {
    browser::unprefix_language();
    leptos::mount::mount_to_body(|| leptos::view! { <app::ApplyApp /> });
}

/// Mounts the review workspace's entry ([`app::StaffApp`]).
pub fn mount_staff() {
    browser::unprefix_language();
    leptos::mount::mount_to_body(|| leptos::view! { <app::StaffApp /> });
}
