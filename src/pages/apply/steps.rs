//! Each step's fields, as specifications: the same list draws the step and
//! the "check your answers" page. What is valid is the core's
//! (`cluster_core::form`); moving between steps is `super`'s.

use super::fields::{Control, Form, Kind, Live, Spec, field};
use crate::i18n::*;
use crate::lang_of;
use cluster_core::application::{AgeBand, CONSENT_VERSION, DATA_PROTECTION_EMAIL, Gender, OTHER_CITY, ProjectStage};
use cluster_core::form::{Draft, FounderDraft, MAX_FOUNDERS, Step};
use cluster_core::lang::Lang;
use cluster_core::model::Dataset;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// A select's options: each name of a core enum (`NAMES`) with its words, in order.
fn choices(values: &[&str], words: [&str; 4]) -> Vec<(String, String)> {
    values.iter().zip(words).map(|(v, w)| ((*v).to_owned(), w.to_owned())).collect()
}

/// A founder's fields.
fn founder(i18n: I18nContext<Locale>, i: usize) -> Vec<Spec> {
    let p = |f: &str| format!("team[{i}].{f}");
    let genders = choices(
        Gender::NAMES,
        [t_string!(i18n, f_g_female), t_string!(i18n, f_g_male), t_string!(i18n, f_g_other), t_string!(i18n, f_g_undisclosed)],
    );
    let ages = choices(
        AgeBand::NAMES,
        [t_string!(i18n, f_a_under25), t_string!(i18n, f_a_25_34), t_string!(i18n, f_a_35_44), t_string!(i18n, f_a_45plus)],
    );
    vec![
        Spec::new(p("full_name"), t_string!(i18n, f_full_name), Control::Text(Kind::Text)).autocomplete("name"),
        Spec::new(p("role"), t_string!(i18n, f_role), Control::Text(Kind::Text)).autocomplete("organization-title"),
        Spec::new(p("email"), t_string!(i18n, f_email), Control::Text(Kind::Email)).autocomplete("email"),
        Spec::new(p("phone"), t_string!(i18n, f_phone), Control::Text(Kind::Tel))
            .hint(t_string!(i18n, f_phone_hint))
            .autocomplete("tel")
            .live(Live::Phone),
        Spec::new(p("gender"), t_string!(i18n, f_gender), Control::Select(genders)).optional(),
        Spec::new(p("age_band"), t_string!(i18n, f_age_band), Control::Select(ages)).optional(),
    ]
}

/// The fields of `step` for draft `x` (the team step lists every founder's).
pub fn specs(i18n: I18nContext<Locale>, step: Step, x: &Draft, d: &Dataset) -> Vec<Spec> {
    let lang = lang_of(i18n.get_locale());
    let long = || t_string!(i18n, f_long_hint).to_owned();
    match step {
        Step::Eligibility => vec![
            Spec::new("eligibility.based_in_morocco", t_string!(i18n, f_q_morocco), Control::YesNo),
            Spec::new("eligibility.under_five_years", t_string!(i18n, f_q_age), Control::YesNo),
            Spec::new("eligibility.innovative", t_string!(i18n, f_q_innovative), Control::YesNo),
        ],
        Step::Startup => {
            let regions = d.regions.iter().map(|r| (r.id.clone(), r.name.in_lang(lang).to_owned())).collect();
            let sectors = d.sectors.iter().map(|s| (s.id.clone(), s.name.in_lang(lang).to_owned())).collect();
            let mut cities: Vec<(String, String)> = d
                .region(&x.region)
                .map(|r| r.cities.iter().map(|c| (c.id.clone(), c.name.in_lang(lang).to_owned())).collect())
                .unwrap_or_default();
            cities.push((OTHER_CITY.to_owned(), t_string!(i18n, f_city_other).to_owned()));
            let mut list = vec![
                Spec::new("startup.name", t_string!(i18n, f_name), Control::Text(Kind::Text)).autocomplete("organization"),
                Spec::new("startup.legal_form", t_string!(i18n, f_legal_form), Control::Text(Kind::Text))
                    .hint(t_string!(i18n, f_legal_form_hint))
                    .optional(),
                Spec::new("startup.creation_date", t_string!(i18n, f_creation_date), Control::Text(Kind::Date)),
                Spec::new("startup.ice", t_string!(i18n, f_ice), Control::Text(Kind::Number))
                    .hint(t_string!(i18n, f_ice_hint))
                    .optional()
                    .max(15),
                Spec::new("startup.rc_number", t_string!(i18n, f_rc), Control::Text(Kind::Text)).optional(),
                Spec::new("startup.region", t_string!(i18n, f_region), Control::Select(regions)),
                Spec::new("startup.city", t_string!(i18n, f_city), Control::Select(cities)),
            ];
            if x.city == OTHER_CITY {
                list.push(Spec::new("startup.other_city", t_string!(i18n, f_other_city), Control::Text(Kind::Text)));
            }
            list.push(Spec::new("startup.website", t_string!(i18n, f_website), Control::Text(Kind::Url)).autocomplete("url").optional());
            list.push(Spec::new("startup.sector", t_string!(i18n, f_sector), Control::Select(sectors)));
            list
        }
        Step::Team => (0..x.team.len()).flat_map(|i| founder(i18n, i)).collect(),
        Step::Project => {
            let stages = choices(
                ProjectStage::NAMES,
                [t_string!(i18n, f_s_idea), t_string!(i18n, f_s_prototype), t_string!(i18n, f_s_first), t_string!(i18n, f_s_growth)],
            );
            vec![
                Spec::new("project.pitch", t_string!(i18n, f_pitch), Control::Text(Kind::Text)).counted(140),
                Spec::new("project.problem", t_string!(i18n, f_problem), Control::Text(Kind::Long)).hint(long()).counted(2000),
                Spec::new("project.solution", t_string!(i18n, f_solution), Control::Text(Kind::Long)).hint(long()).counted(2000),
                Spec::new("project.innovation", t_string!(i18n, f_innovation), Control::Text(Kind::Long)).hint(long()).counted(2000),
                Spec::new("project.environmental_impact", t_string!(i18n, f_impact), Control::Text(Kind::Long)).hint(long()).counted(2000),
                Spec::new("project.stage", t_string!(i18n, f_stage), Control::Select(stages)),
                Spec::new("project.jobs_created", t_string!(i18n, f_jobs_created), Control::Text(Kind::Number)),
                Spec::new("project.jobs_planned", t_string!(i18n, f_jobs_planned), Control::Text(Kind::Number)),
            ]
        }
        Step::Funding => vec![
            Spec::new("funding.raised_mad", t_string!(i18n, f_raised), Control::Text(Kind::Number)).optional(),
            Spec::new("funding.sought_mad", t_string!(i18n, f_sought), Control::Text(Kind::Number)),
            Spec::new("funding.self_financing_pct", t_string!(i18n, f_self_pct), Control::Text(Kind::Number)),
            Spec::new("funding.patent", t_string!(i18n, f_patent), Control::YesNo),
        ],
        Step::Declaration => vec![
            Spec::new("declaration.accurate", t_string!(i18n, f_accurate), Control::Check),
            Spec::new("declaration.consent", t_string!(i18n, f_consent), Control::Check),
        ],
        Step::Deck | Step::Check => Vec::new(),
    }
}

/// A step with fields, drawn.
pub fn step(form: Form, step: Step, d: &Dataset) -> AnyView {
    let i18n = use_i18n();
    let x = form.draft.get_untracked();
    match step {
        Step::Team => team(form, &x),
        _ => {
            let fields = specs(i18n, step, &x, d).into_iter().map(|s| field(form, s)).collect::<Vec<_>>();
            let extra = match step {
                Step::Eligibility if [x.based_in_morocco, x.under_five_years, x.innovative].contains(&Some(false)) => {
                    Some(view! { <p class="notice" role="status" data-testid="ineligible">{t_string!(i18n, f_ineligible)}</p> }.into_any())
                }
                Step::Funding if x.patent == Some(true) => {
                    Some(view! { <p class="notice" data-testid="tech-start">{t_string!(i18n, f_tech_start)}</p> }.into_any())
                }
                Step::Declaration => Some(
                    view! {
                        <section class="consent" aria-labelledby="consent-title">
                            <h2 id="consent-title">{t_string!(i18n, f_consent_title)}</h2>
                            <p>{consent_text(i18n)}</p>
                        </section>
                    }
                    .into_any(),
                ),
                _ => None,
            };
            // The consent text comes before its checkboxes; other notes after the questions.
            let (before, after) = if step == Step::Declaration { (extra, None) } else { (None, extra) };
            view! { {before}{fields}{after} }.into_any()
        }
    }
}

/// The consent text, its address a `mailto:` link and its version isolated
/// left to right (so that "2026-11" keeps its order in Arabic). The address
/// is shown with non-breaking hyphens, so that a narrow screen does not cut
/// it at one, except in Arabic, whose fonts draw U+2011 as a low stroke
/// (the link is isolated there, `dir="ltr"`).
fn consent_text(i18n: I18nContext<Locale>) -> impl IntoView {
    let version = format!("\u{2066}{CONSENT_VERSION}\u{2069}");
    let text = td_string!(i18n.get_locale(), f_consent_text, email = DATA_PROTECTION_EMAIL, version = version).to_string();
    let shown = if lang_of(i18n.get_locale()) == Lang::Ar {
        DATA_PROTECTION_EMAIL.to_owned()
    } else {
        DATA_PROTECTION_EMAIL.replace('-', "\u{2011}")
    };
    let (before, after) =
        text.split_once(DATA_PROTECTION_EMAIL).map_or((text.clone(), String::new()), |(b, a)| (b.to_owned(), a.to_owned()));
    view! {
        {before}
        <a href=format!("mailto:{DATA_PROTECTION_EMAIL}") dir="ltr" data-testid="data-protection-email">{shown}</a>
        {after}
    }
}

/// Step 3: the founders, each in its fieldset, added and removed with focus
/// moved to the founder concerned.
fn team(form: Form, x: &Draft) -> AnyView {
    let i18n = use_i18n();
    let n = x.team.len();
    let founders = (0..n)
        .map(|i| {
            let fields = founder(i18n, i).into_iter().map(|s| field(form, s)).collect::<Vec<_>>();
            let remove = move |_| {
                form.draft.update(|d| {
                    if d.team.len() > 1 && i < d.team.len() {
                        d.team.remove(i);
                    }
                });
                form.generation.update(|g| *g += 1);
                crate::browser::focus_later(format!("founder-{}", i.min(n.saturating_sub(2))));
            };
            view! {
                <fieldset class="founder">
                    <legend id=format!("founder-{i}") tabindex="-1">{td_string!(i18n.get_locale(), f_founder_n, n = i + 1).to_string()}</legend>
                    {fields}
                    {move || (n > 1 && !form.frozen.get()).then(|| view! {
                        <button type="button" class="button secondary" on:click=remove>{td_string!(i18n.get_locale(), f_remove_founder, n = i + 1).to_string()}</button>
                    })}
                </fieldset>
            }
        })
        .collect::<Vec<_>>();
    let add = move |_| {
        form.draft.update(|d| {
            if d.team.len() < MAX_FOUNDERS {
                d.team.push(FounderDraft::default());
            }
        });
        form.generation.update(|g| *g += 1);
        crate::browser::focus_later(format!("founder-{n}"));
    };
    let error = form.error_for("team".into());
    view! {
        <p class="hint">{t_string!(i18n, f_stats_note)}</p>
        <p class="error" id="f-team">{move || error.get()}</p>
        {founders}
        {move || (n < MAX_FOUNDERS && !form.frozen.get()).then(|| view! {
            <p><button type="button" class="button secondary" data-testid="add-founder" on:click=add>{t_string!(i18n, f_add_founder)}</button></p>
        })}
    }
    .into_any()
}
