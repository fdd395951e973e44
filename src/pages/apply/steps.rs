//! Each step's questions. Only the views: what is valid is the core's
//! (`cluster_core::form`), and moving between steps is `super`'s.

use super::fields::{Check, Choice, Form, Kind, TextField, YesNo};
use crate::data::use_data;
use crate::i18n::*;
use crate::lang_of;
use cluster_core::application::{AGE_BANDS, CONSENT_VERSION, GENDERS, OTHER_CITY, STAGES};
use cluster_core::contact::normalize_phone;
use cluster_core::form::{Draft, FounderDraft, MAX_FOUNDERS};
use cluster_core::format;
use leptos::prelude::*;

/// A yes/no answer of the draft as a value and a setter.
fn yes_no(form: Form, get: fn(&Draft) -> Option<bool>, set: fn(&mut Draft, bool)) -> (Signal<Option<bool>>, Callback<bool>) {
    let draft = form.draft;
    (Signal::derive(move || draft.with(get)), Callback::new(move |v| draft.update(|d| set(d, v))))
}

pub fn eligibility(form: Form) -> AnyView {
    let i18n = use_i18n();
    let (m, set_m) = yes_no(form, |d| d.based_in_morocco, |d, v| d.based_in_morocco = Some(v));
    let (a, set_a) = yes_no(form, |d| d.under_five_years, |d, v| d.under_five_years = Some(v));
    let (n, set_n) = yes_no(form, |d| d.innovative, |d, v| d.innovative = Some(v));
    let ineligible = move || form.draft.with(|d| [d.based_in_morocco, d.under_five_years, d.innovative].contains(&Some(false)));
    view! {
        <YesNo form path="eligibility.based_in_morocco" legend=t_string!(i18n, f_q_morocco) value=m set=set_m />
        <YesNo form path="eligibility.under_five_years" legend=t_string!(i18n, f_q_age) value=a set=set_a />
        <YesNo form path="eligibility.innovative" legend=t_string!(i18n, f_q_innovative) value=n set=set_n />
        {move || ineligible().then(|| view! { <p class="notice" role="status" data-testid="ineligible">{t_string!(i18n, f_ineligible)}</p> })}
    }
    .into_any()
}

pub fn startup(form: Form) -> AnyView {
    let i18n = use_i18n();
    let data = use_data();
    let lang = move || lang_of(i18n.get_locale());
    let regions = Signal::derive(move || {
        data.dataset().map_or_else(Vec::new, |d| d.regions.iter().map(|r| (r.id.clone(), r.name.in_lang(lang()).to_owned())).collect())
    });
    let sectors = Signal::derive(move || {
        data.dataset().map_or_else(Vec::new, |d| d.sectors.iter().map(|s| (s.id.clone(), s.name.in_lang(lang()).to_owned())).collect())
    });
    let cities = Signal::derive(move || {
        let region = form.draft.with(|d| d.region.clone());
        let mut list: Vec<(String, String)> = data
            .dataset()
            .and_then(|d| d.region(&region).map(|r| r.cities.iter().map(|c| (c.id.clone(), c.name.in_lang(lang()).to_owned())).collect()))
            .unwrap_or_default();
        list.push((OTHER_CITY.to_owned(), t_string!(i18n, f_city_other).to_owned()));
        list
    });
    let (name, set_name) = form.bind(|d| &d.name, |d| &mut d.name);
    let (legal, set_legal) = form.bind(|d| &d.legal_form, |d| &mut d.legal_form);
    let (created, set_created) = form.bind(|d| &d.creation_date, |d| &mut d.creation_date);
    let (ice, set_ice) = form.bind(|d| &d.ice, |d| &mut d.ice);
    let (rc, set_rc) = form.bind(|d| &d.rc_number, |d| &mut d.rc_number);
    let (region, _) = form.bind(|d| &d.region, |d| &mut d.region);
    // A new region empties a city that is not in it.
    let set_region = Callback::new(move |v: String| {
        form.draft.update(|d| {
            d.region = v;
            d.city.clear();
        })
    });
    let (city, set_city) = form.bind(|d| &d.city, |d| &mut d.city);
    let (other, set_other) = form.bind(|d| &d.other_city, |d| &mut d.other_city);
    let (web, set_web) = form.bind(|d| &d.website, |d| &mut d.website);
    let (sector, set_sector) = form.bind(|d| &d.sector, |d| &mut d.sector);
    let other_town = move || city.with(|c| c == OTHER_CITY);
    view! {
        <TextField form path="startup.name" label=t_string!(i18n, f_name) value=name set=set_name autocomplete="organization" />
        <TextField form path="startup.legal_form" label=t_string!(i18n, f_legal_form) hint=t_string!(i18n, f_legal_form_hint) value=legal set=set_legal optional=true />
        <TextField form path="startup.creation_date" label=t_string!(i18n, f_creation_date) value=created set=set_created kind=Kind::Date />
        <TextField form path="startup.ice" label=t_string!(i18n, f_ice) hint=t_string!(i18n, f_ice_hint) value=ice set=set_ice kind=Kind::Number optional=true maxlength=15 />
        <TextField form path="startup.rc_number" label=t_string!(i18n, f_rc) value=rc set=set_rc optional=true />
        <Choice form path="startup.region" label=t_string!(i18n, f_region) value=region set=set_region options=regions />
        <Choice form path="startup.city" label=t_string!(i18n, f_city) value=city set=set_city options=cities />
        {move || other_town().then(|| view! { <TextField form path="startup.other_city" label=t_string!(i18n, f_other_city) value=other set=set_other /> })}
        <TextField form path="startup.website" label=t_string!(i18n, f_website) value=web set=set_web kind=Kind::Url autocomplete="url" optional=true />
        <Choice form path="startup.sector" label=t_string!(i18n, f_sector) value=sector set=set_sector options=sectors />
    }
    .into_any()
}

/// A founder's text field as a value and a setter.
fn founder_field(form: Form, i: usize, get: fn(&FounderDraft) -> &String, set: fn(&mut FounderDraft) -> &mut String) -> (Signal<String>, Callback<String>) {
    let draft = form.draft;
    (
        Signal::derive(move || draft.with(|d| d.team.get(i).map(|f| get(f).clone()).unwrap_or_default())),
        Callback::new(move |v: String| {
            draft.update(|d| {
                if let Some(f) = d.team.get_mut(i) {
                    *set(f) = v;
                }
            })
        }),
    )
}

fn founder(form: Form, i: usize) -> impl IntoView {
    let i18n = use_i18n();
    let p = |f: &str| format!("team[{i}].{f}");
    let (name, set_name) = founder_field(form, i, |f| &f.full_name, |f| &mut f.full_name);
    let (role, set_role) = founder_field(form, i, |f| &f.role, |f| &mut f.role);
    let (email, set_email) = founder_field(form, i, |f| &f.email, |f| &mut f.email);
    let (phone, set_phone) = founder_field(form, i, |f| &f.phone, |f| &mut f.phone);
    let (gender, set_gender) = founder_field(form, i, |f| &f.gender, |f| &mut f.gender);
    let (age, set_age) = founder_field(form, i, |f| &f.age_band, |f| &mut f.age_band);
    let phone_read = Signal::derive(move || {
        normalize_phone(&phone.get()).map(|e164| td_string!(i18n.get_locale(), f_phone_read, phone = e164).to_string()).unwrap_or_default()
    });
    let genders = Signal::derive(move || {
        let words = [t_string!(i18n, f_g_female), t_string!(i18n, f_g_male), t_string!(i18n, f_g_other), t_string!(i18n, f_g_undisclosed)];
        GENDERS.iter().zip(words).map(|(v, w)| ((*v).to_owned(), w.to_owned())).collect()
    });
    let ages = Signal::derive(move || {
        let words = [t_string!(i18n, f_a_under25), t_string!(i18n, f_a_25_34), t_string!(i18n, f_a_35_44), t_string!(i18n, f_a_45plus)];
        AGE_BANDS.iter().zip(words).map(|(v, w)| ((*v).to_owned(), w.to_owned())).collect()
    });
    let heading_id = format!("founder-{i}");
    let remove = move |_| {
        form.draft.update(|d| {
            if d.team.len() > 1 && i < d.team.len() {
                d.team.remove(i);
            }
        });
        // Focus goes to the founder now in this place, or the one before.
        let n = form.draft.with_untracked(|d| d.team.len());
        super::focus_later(format!("founder-{}", i.min(n.saturating_sub(1))));
    };
    view! {
        <fieldset class="founder">
            <legend id=heading_id.clone() tabindex="-1">{td_string!(i18n.get_locale(), f_founder_n, n = i + 1).to_string()}</legend>
            <TextField form path=p("full_name") label=t_string!(i18n, f_full_name) value=name set=set_name autocomplete="name" />
            <TextField form path=p("role") label=t_string!(i18n, f_role) value=role set=set_role autocomplete="organization-title" />
            <TextField form path=p("email") label=t_string!(i18n, f_email) value=email set=set_email kind=Kind::Email autocomplete="email" />
            <TextField form path=p("phone") label=t_string!(i18n, f_phone) hint=t_string!(i18n, f_phone_hint) value=phone set=set_phone kind=Kind::Tel autocomplete="tel" live=phone_read />
            <Choice form path=p("gender") label=t_string!(i18n, f_gender) value=gender set=set_gender options=genders optional=true />
            <Choice form path=p("age_band") label=t_string!(i18n, f_age_band) value=age set=set_age options=ages optional=true />
            {move || (form.draft.with(|d| d.team.len()) > 1 && !form.frozen.get()).then(|| view! {
                <button type="button" class="button secondary" on:click=remove>{td_string!(i18n.get_locale(), f_remove_founder, n = i + 1).to_string()}</button>
            })}
        </fieldset>
    }
}

pub fn team(form: Form) -> AnyView {
    let i18n = use_i18n();
    let count = Memo::new(move |_| form.draft.with(|d| d.team.len()));
    let add = move |_| {
        form.draft.update(|d| {
            if d.team.len() < MAX_FOUNDERS {
                d.team.push(FounderDraft::default());
            }
        });
        super::focus_later(format!("founder-{}", count.get_untracked().saturating_sub(1)));
    };
    view! {
        <p class="hint">{t_string!(i18n, f_stats_note)}</p>
        {move || form.error_for("team").map(|e| view! { <p class="error" id="f-team"><span class="visually-hidden">{t_string!(i18n, f_error_prefix)}</span>{e}</p> })}
        {move || (0..count.get()).map(|i| founder(form, i)).collect::<Vec<_>>()}
        {move || (count.get() < MAX_FOUNDERS && !form.frozen.get()).then(|| view! {
            <p><button type="button" class="button secondary" data-testid="add-founder" on:click=add>{t_string!(i18n, f_add_founder)}</button></p>
        })}
    }
    .into_any()
}

pub fn project(form: Form) -> AnyView {
    let i18n = use_i18n();
    let (pitch, set_pitch) = form.bind(|d| &d.pitch, |d| &mut d.pitch);
    let left = Signal::derive(move || {
        let n = 140usize.saturating_sub(pitch.with(|p| p.chars().count()));
        td_string!(i18n.get_locale(), f_chars_left, n = format::int(n as u64, lang_of(i18n.get_locale()))).to_string()
    });
    let (problem, set_problem) = form.bind(|d| &d.problem, |d| &mut d.problem);
    let (solution, set_solution) = form.bind(|d| &d.solution, |d| &mut d.solution);
    let (innovation, set_innovation) = form.bind(|d| &d.innovation, |d| &mut d.innovation);
    let (impact, set_impact) = form.bind(|d| &d.environmental_impact, |d| &mut d.environmental_impact);
    let (stage, set_stage) = form.bind(|d| &d.stage, |d| &mut d.stage);
    let (created, set_created) = form.bind(|d| &d.jobs_created, |d| &mut d.jobs_created);
    let (planned, set_planned) = form.bind(|d| &d.jobs_planned, |d| &mut d.jobs_planned);
    let stages = Signal::derive(move || {
        let words = [t_string!(i18n, f_s_idea), t_string!(i18n, f_s_prototype), t_string!(i18n, f_s_first), t_string!(i18n, f_s_growth)];
        STAGES.iter().zip(words).map(|(v, w)| ((*v).to_owned(), w.to_owned())).collect()
    });
    let long = move || t_string!(i18n, f_long_hint).to_owned();
    view! {
        <TextField form path="project.pitch" label=t_string!(i18n, f_pitch) value=pitch set=set_pitch maxlength=140 live=left />
        <TextField form path="project.problem" label=t_string!(i18n, f_problem) hint=long() value=problem set=set_problem kind=Kind::Long maxlength=2000 />
        <TextField form path="project.solution" label=t_string!(i18n, f_solution) hint=long() value=solution set=set_solution kind=Kind::Long maxlength=2000 />
        <TextField form path="project.innovation" label=t_string!(i18n, f_innovation) hint=long() value=innovation set=set_innovation kind=Kind::Long maxlength=2000 />
        <TextField form path="project.environmental_impact" label=t_string!(i18n, f_impact) hint=long() value=impact set=set_impact kind=Kind::Long maxlength=2000 />
        <Choice form path="project.stage" label=t_string!(i18n, f_stage) value=stage set=set_stage options=stages />
        <TextField form path="project.jobs_created" label=t_string!(i18n, f_jobs_created) value=created set=set_created kind=Kind::Number />
        <TextField form path="project.jobs_planned" label=t_string!(i18n, f_jobs_planned) value=planned set=set_planned kind=Kind::Number />
    }
    .into_any()
}

pub fn funding(form: Form) -> AnyView {
    let i18n = use_i18n();
    let (raised, set_raised) = form.bind(|d| &d.raised_mad, |d| &mut d.raised_mad);
    let (sought, set_sought) = form.bind(|d| &d.sought_mad, |d| &mut d.sought_mad);
    let (pct, set_pct) = form.bind(|d| &d.self_financing_pct, |d| &mut d.self_financing_pct);
    let (patent, set_patent) = yes_no(form, |d| d.patent, |d, v| d.patent = Some(v));
    view! {
        <TextField form path="funding.raised_mad" label=t_string!(i18n, f_raised) value=raised set=set_raised kind=Kind::Number optional=true />
        <TextField form path="funding.sought_mad" label=t_string!(i18n, f_sought) value=sought set=set_sought kind=Kind::Number />
        <TextField form path="funding.self_financing_pct" label=t_string!(i18n, f_self_pct) value=pct set=set_pct kind=Kind::Number />
        <YesNo form path="funding.patent" legend=t_string!(i18n, f_patent) value=patent set=set_patent />
        {move || (patent.get() == Some(true)).then(|| view! { <p class="notice" data-testid="tech-start">{t_string!(i18n, f_tech_start)}</p> })}
    }
    .into_any()
}

pub fn declaration(form: Form) -> AnyView {
    let i18n = use_i18n();
    let draft = form.draft;
    let accurate = Signal::derive(move || draft.with(|d| d.accurate));
    let consent = Signal::derive(move || draft.with(|d| d.consent));
    view! {
        <section class="consent" aria-labelledby="consent-title">
            <h2 id="consent-title">{t_string!(i18n, f_consent_title)}</h2>
            <p>{td_string!(i18n.get_locale(), f_consent_text, version = CONSENT_VERSION).to_string()}</p>
        </section>
        <Check form path="declaration.accurate" label=t_string!(i18n, f_accurate) value=accurate set=Callback::new(move |v| draft.update(|d| d.accurate = v)) />
        <Check form path="declaration.consent" label=t_string!(i18n, f_consent) value=consent set=Callback::new(move |v| draft.update(|d| d.consent = v)) />
    }
    .into_any()
}
