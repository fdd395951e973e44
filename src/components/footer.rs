//! The site footer: who publishes the portal, where its figures come from and
//! how recent the data is.

use crate::data::use_data;
use crate::i18n::*;
use crate::lang_of;
use cluster_core::format;
use leptos::prelude::*;

/// Footer with the cluster's identity, the data's source line and date.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let source = move || {
        let lang = lang_of(i18n.get_locale());
        match data.dataset() {
            Some(d) => {
                let (text, used) = d.source.text.get(lang);
                let as_of = td_string!(i18n.get_locale(), footer_as_of, date = format::date(&d.as_of, lang)).to_string();
                view! {
                    <span lang=(used != lang).then_some(used.code())>{text.to_owned()}</span>
                    " "
                    <span data-testid="data-as-of">{as_of}</span>
                }
                .into_any()
            }
            None => view! { <span>{t_string!(i18n, footer_source)}</span> }.into_any(),
        }
    };
    view! {
        <footer class="site-footer">
            <p>{t!(i18n, footer_about)}</p>
            <p class="source" data-testid="data-source">{source}</p>
        </footer>
    }
}
