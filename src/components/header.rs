//! The site header: the cluster's name, the main navigation and the
//! language/theme controls, folded behind a menu button on narrow screens.

use super::{lang_switcher::LanguageSwitcher, theme_toggle::ThemeToggle};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// Header with brand, navigation to every public route, and controls.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let toggle_ref = NodeRef::<leptos::html::Button>::new();
    // Escape closes the open menu and gives focus back to its button.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(button) = toggle_ref.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    let location = use_location();
    // A followed link closes the menu. The path is read, not only tracked:
    // a memo that nothing reads is never computed, so it would never
    // subscribe to the URL and this effect would never run again.
    Effect::new(move || {
        let _path = location.pathname.get();
        open.set(false);
    });
    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/" exact=true attr:class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-text">
                        <bdi class="brand-name">"Cluster EnR"</bdi>
                        <span class="brand-tagline">{t!(i18n, site_tagline)}</span>
                    </span>
                </A>
                <button type="button" class="menu-toggle" data-testid="menu-toggle" node_ref=toggle_ref
                    aria-controls="site-menu" aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                        <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" stroke-width="2" fill="none" />
                    </svg>
                    {t!(i18n, menu)}
                </button>
                <div id="site-menu" class="menu" class:open=move || open.get() on:keydown=on_keydown>
                    <nav aria-label=move || t_string!(i18n, nav_label)>
                        <ul class="nav-list">
                            <li><A href="/" exact=true>{t!(i18n, nav_home)}</A></li>
                            <li><A href="/members">{t!(i18n, nav_members)}</A></li>
                            <li><A href="/startups">{t!(i18n, nav_startups)}</A></li>
                            <li><A href="/sectors">{t!(i18n, nav_sectors)}</A></li>
                            <li><A href="/incubator">{t!(i18n, nav_incubator)}</A></li>
                            <li><A href="/apply">{t!(i18n, nav_apply)}</A></li>
                        </ul>
                    </nav>
                    <div class="controls">
                        <LanguageSwitcher />
                        <ThemeToggle />
                    </div>
                </div>
            </div>
        </header>
    }
}
