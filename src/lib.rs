//! The Cluster EnR ecosystem portal: a Leptos client-side app. The library holds
//! the whole app so that in-browser tests can mount its components; this file
//! mounts its entries.

pub mod app;
pub mod browser;
pub mod charts;
pub mod components;
pub mod data;
pub mod pages;
pub mod prefs;
pub mod scroll;

mod translations;

pub use app::App;
pub use cluster_core::lang::Lang;
pub use translations::{i18n, lang_of, locale_of, plural};

/// Mounts the portal on the page; for an `/embed/…` path (embeds are static
/// pages: a static host sends an unknown one here), the bare "chart not
/// found" page instead, without the site around it.
pub fn mount() {
    let path = leptos::prelude::window().location().pathname().unwrap_or_default();
    if path.starts_with("/embed/") {
        leptos::mount::mount_to_body(pages::not_found::EmbedNotFound);
    } else {
        leptos::mount::mount_to_body(App);
    }
}

/// Mounts the directories' entry ([`app::DirectoryApp`]).
pub fn mount_directory() {
    leptos::mount::mount_to_body(app::DirectoryApp);
}

/// Mounts the application form's entry ([`app::ApplyApp`]).
pub fn mount_apply() {
    leptos::mount::mount_to_body(app::ApplyApp);
}
