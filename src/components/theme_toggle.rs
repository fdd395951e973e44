//! The light/dark switch; without a saved choice the system's theme applies.

use crate::i18n::*;
use crate::prefs::{self, Theme};
use leptos::prelude::*;

/// A toggle button (`aria-pressed`) for the dark theme, remembered across visits.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let i18n = use_i18n();
    let dark = RwSignal::new(prefs::current_theme() == Theme::Dark);
    let toggle = move |_| {
        let now_dark = !dark.get_untracked();
        dark.set(now_dark);
        prefs::choose_theme(if now_dark { Theme::Dark } else { Theme::Light });
    };
    view! {
        <button type="button" class="icon-button theme-toggle" data-testid="theme-toggle"
            aria-pressed=move || dark.get().to_string() on:click=toggle>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" fill="currentColor" />
            </svg>
            <span class="visually-hidden">{t!(i18n, theme_dark)}</span>
        </button>
    }
}
