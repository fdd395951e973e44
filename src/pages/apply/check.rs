//! Step 7, "check your answers".

use super::fields::{self, Form};
use super::messages::field_id;
use super::navigation::Navigation;
use super::steps;
use crate::browser::focus_later;
use crate::i18n::*;
use cluster_core::form::{Draft, Step};
use cluster_core::model::Dataset;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// Each answer of draft `x`, in the form's order: its step, its label (a
/// founder's with their number) and its field (none: the pitch deck). The
/// check step and the review workspace show the answers with these.
pub fn answer_rows(i18n: I18nContext<Locale>, x: &Draft, d: &Dataset) -> Vec<(Step, String, Option<fields::Spec>)> {
    let mut rows: Vec<(Step, String, Option<fields::Spec>)> = Vec::new();
    for s in [Step::Eligibility, Step::Startup, Step::Team, Step::Project, Step::Funding] {
        for spec in steps::specs(i18n, s, x, d) {
            let label = match spec.path.strip_prefix("team[").and_then(|r| r.split_once(']')) {
                Some((i, _)) => {
                    format!("{} · {}", td_string!(i18n.get_locale(), f_founder_n, n = i.parse::<usize>().unwrap_or(0) + 1), spec.label)
                }
                None => spec.label.clone(),
            };
            rows.push((s, label, Some(spec)));
        }
    }
    rows.push((Step::Deck, t_string!(i18n, f_step_deck).into(), None));
    rows
}

/// Step 7: every answer, each with a "Change" link to its step that comes
/// back here. Drawn for a shape of the draft; the answers follow its changes.
pub fn check_answers(form: Form, d: &Dataset, nav: Navigation) -> AnyView {
    let i18n = use_i18n();
    let x = form.draft.get_untracked();
    let (yes, no, none) = (t_string!(i18n, f_yes), t_string!(i18n, f_no), t_string!(i18n, f_none));
    let items = answer_rows(i18n, &x, d)
        .into_iter()
        .map(|(s, label, spec)| {
            let path = spec.as_ref().map_or_else(|| "pitch_deck".to_owned(), |spec| spec.path.clone());
            let value = move || {
                form.draft.with(|x| match &spec {
                    Some(spec) => spec.shown_value(x, yes, no, none),
                    None => x.deck.as_ref().map_or_else(|| none.to_owned(), |d| d.name.clone()),
                })
            };
            let change = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                nav.go(s, "&from=check");
                focus_later(field_id(&path));
            };
            view! {
                <div class="answer">
                    <dt>{label.clone()}</dt>
                    <dd dir="auto">{value}</dd>
                    <dd class="change"><a href=format!("/apply?step={}&from=check", s.slug()) on:click=change>
                        {t_string!(i18n, f_change)}<span class="visually-hidden">{format!(" : {label}")}</span>
                    </a></dd>
                </div>
            }
        })
        .collect::<Vec<_>>();
    view! { <dl class="answers" data-testid="answers">{items}</dl> }.into_any()
}
