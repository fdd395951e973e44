//! The incubator's five stages and their note: on `/incubator` and on the
//! application's confirmation (what happens next).

use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Stages() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="stages">
            <li>{t!(i18n, incubator_stage_1)}</li>
            <li>{t!(i18n, incubator_stage_2)}</li>
            <li>{t!(i18n, incubator_stage_3)}</li>
            <li>{t!(i18n, incubator_stage_4)}</li>
            <li>{t!(i18n, incubator_stage_5)}</li>
        </ol>
        <p class="note">{t!(i18n, incubator_stages_note)}</p>
    }
}
