//! The language switcher: saves the choice and rewrites `?lang` in place.

use crate::i18n::*;
use crate::{Lang, lang_of, locale_of, prefs};
use cluster_core::url::set_param;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

/// A labelled `<select>` of the three languages, each named in itself.
/// Switching keeps the route and every other parameter and adds no history entry.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let navigate = use_navigate();
    let on_change = move |ev| {
        let Some(lang) = Lang::from_code(&event_target_value(&ev)) else {
            return;
        };
        prefs::save_lang(lang.code());
        i18n.set_locale(locale_of(lang));
        let url = format!(
            "{}{}{}",
            location.pathname.get_untracked(),
            set_param(&location.search.get_untracked(), "lang", Some(lang.code())),
            location.hash.get_untracked()
        );
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    view! {
        <label class="lang-switcher">
            <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
                <path fill="none" stroke="currentColor" stroke-width="1.8"
                    d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm-9 9h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
            </svg>
            <span class="visually-hidden">{t!(i18n, lang_label)}</span>
            <select data-testid="lang-switcher" on:change=on_change>
                {Lang::ALL
                    .map(|l| {
                        view! {
                            <option value=l.code() lang=l.code()
                                prop:selected=move || lang_of(i18n.get_locale()) == l>
                                {l.native_name()}
                            </option>
                        }
                    })}
            </select>
        </label>
    }
}
