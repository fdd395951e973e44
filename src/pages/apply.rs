//! `/apply` and `/apply/status`: the incubator application and its follow-up.

use crate::components::page::Page;
use crate::i18n::*;
use crate::pages::placeholder::ComingSoon;
use leptos::prelude::*;
use leptos_router::components::A;

/// `/apply`: the multi-step application form.
#[component]
pub fn Apply() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, apply_title).to_string())>
            <ComingSoon />
            <p><A href="/apply/status">{t!(i18n, apply_status_title)}</A></p>
        </Page>
    }
}

/// `/apply/status`: an applicant looks up an application by reference.
#[component]
pub fn ApplyStatus() -> impl IntoView {
    let i18n = use_i18n();
    view! { <Page title=Signal::derive(move || t_string!(i18n, apply_status_title).to_string())><ComingSoon /></Page> }
}
