//! The changes-requested round (docs/staff.md, "Changes requested"): the
//! team names answers to correct, the applicant corrects those and only
//! those through a single-use link, and the application returns to the
//! stage it was at under the same reference.

use crate::application::FieldError;
use crate::codes::Code;
use crate::form::{Draft, FounderDraft, MAX_FOUNDERS};
use std::collections::BTreeMap;

/// Answers by field path, as their controls hold them (`Draft::get`): what
/// a correction opens with and what it sends back.
pub type Answers = BTreeMap<String, String>;

/// The town's answers, named together: a town belongs to a region.
const PLACE: [&str; 3] = ["startup.region", "startup.city", "startup.other_city"];

/// How long a correction link is valid.
pub const LINK_DAYS: u64 = 14;

/// At most this many answers in one request.
pub const MAX_FIELDS: usize = 40;

/// The answers a correction may change, in the form's order, for a team of
/// `team` founders: every answer but the eligibility questions (answered
/// "yes" to be sent at all), the deck and the declaration (neither is typed).
pub fn correctable(team: usize) -> Vec<String> {
    const STARTUP: [&str; 10] =
        ["name", "legal_form", "creation_date", "ice", "rc_number", "region", "city", "other_city", "website", "sector"];
    const FOUNDER: [&str; 6] = ["full_name", "role", "email", "phone", "gender", "age_band"];
    const PROJECT: [&str; 8] =
        ["pitch", "problem", "solution", "innovation", "environmental_impact", "stage", "jobs_created", "jobs_planned"];
    const FUNDING: [&str; 4] = ["raised_mad", "sought_mad", "self_financing_pct", "patent"];
    let mut out: Vec<String> = STARTUP.iter().map(|f| format!("startup.{f}")).collect();
    for i in 0..team.min(MAX_FOUNDERS) {
        out.extend(FOUNDER.iter().map(|f| format!("team[{i}].{f}")));
    }
    out.extend(PROJECT.iter().map(|f| format!("project.{f}")));
    out.extend(FUNDING.iter().map(|f| format!("funding.{f}")));
    out
}

/// The answers a request names, checked and completed, in the form's
/// order: each once, each one a correction may change (for a team of
/// `team`); the region, the town and the other town's name go together. An
/// error names `fields` with `required` (none), `length` (too many) or
/// `unknown_field`.
pub fn request_fields(named: &[String], team: usize) -> Result<Vec<String>, FieldError> {
    let all = correctable(team);
    if named.is_empty() {
        return Err(FieldError::new("fields", Code::Required));
    }
    if named.len() > MAX_FIELDS {
        return Err(FieldError::bounded("fields", Code::Length, 1, MAX_FIELDS as u64));
    }
    if let Some(unknown) = named.iter().find(|f| !all.contains(f)) {
        return Err(FieldError::new(unknown.clone(), Code::UnknownField));
    }
    let place = named.iter().any(|n| PLACE.contains(&n.as_str()));
    let wanted = |f: &str| named.iter().any(|n| n == f) || (place && PLACE.contains(&f));
    Ok(all.into_iter().filter(|f| wanted(f)).collect())
}

impl Draft {
    /// The answers at `fields`, as the controls hold them.
    pub fn answers(&self, fields: &[String]) -> Answers {
        fields.iter().filter_map(|f| self.get(f).map(|v| (f.clone(), v))).collect()
    }

    /// A draft holding `answers` only, with as many founders as they name:
    /// what a correction shows and checks.
    pub fn of_answers(answers: &Answers) -> Draft {
        let founders = answers
            .keys()
            .filter_map(|k| k.strip_prefix("team[")?.split(']').next()?.parse::<usize>().ok())
            .map(|i| i + 1)
            .max()
            .unwrap_or(0);
        let mut d = Draft { team: vec![FounderDraft::default(); founders.min(MAX_FOUNDERS)], ..Draft::default() };
        // The region first: a new region empties its town.
        let region = answers.get_key_value(PLACE[0]);
        for (path, value) in region.into_iter().chain(answers.iter().filter(|(k, _)| k.as_str() != PLACE[0])) {
            d.set(path, value);
        }
        d
    }

    /// These answers (as sent) with those at `fields` (checked by
    /// [`request_fields`], so in the form's order: a region before its
    /// town) taken from `sent`; every other answer stays as it was.
    pub fn corrected(&self, sent: &Answers, fields: &[String]) -> Draft {
        let mut out = self.clone();
        for f in fields {
            if let Some(v) = sent.get(f) {
                out.set(f, v);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::FounderDraft;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_correctable_answer_is_a_field_of_the_form() {
        let draft = Draft { team: vec![FounderDraft::default(); 2], ..Draft::default() };
        let all = correctable(2);
        assert_eq!(all.len(), 10 + 12 + 8 + 4);
        for f in &all {
            assert!(draft.get(f).is_some(), "{f}");
        }
        assert!(!all.iter().any(|f| f.starts_with("eligibility.") || f.starts_with("declaration.") || f == "pitch_deck"));
    }

    #[test]
    fn a_request_is_checked_and_put_in_the_forms_order() {
        let got = request_fields(&names(&["project.problem", "startup.city", "project.problem"]), 1).unwrap();
        assert_eq!(got, names(&["startup.region", "startup.city", "startup.other_city", "project.problem"]));
        assert_eq!(request_fields(&[], 1).unwrap_err().code, Code::Required);
        let e = request_fields(&names(&["team[1].email"]), 1).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("team[1].email", Code::UnknownField));
        assert_eq!(request_fields(&names(&["declaration.consent"]), 1).unwrap_err().code, Code::UnknownField);
        let many = vec!["project.pitch".to_string(); MAX_FIELDS + 1];
        assert_eq!(request_fields(&many, 1).unwrap_err().code, Code::Length);
    }

    #[test]
    fn a_correction_changes_the_named_answers_only() {
        let stored = Draft {
            name: "SunBox".into(),
            region: "souss-massa".into(),
            city: "agadir".into(),
            problem: "old".into(),
            team: vec![FounderDraft { email: "a@x.ma".into(), ..FounderDraft::default() }],
            ..Draft::default()
        };
        let sent: Answers =
            [("startup.name", "Renamed"), ("startup.region", "oriental"), ("startup.city", "oujda"), ("project.problem", "new")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
        let fields = request_fields(&names(&["startup.region", "project.problem"]), 1).unwrap();
        let out = stored.corrected(&sent, &fields);
        assert_eq!(
            (out.name.as_str(), out.region.as_str(), out.city.as_str(), out.problem.as_str()),
            ("SunBox", "oriental", "oujda", "new")
        );
        assert_eq!(out.team[0].email, "a@x.ma");
        // What a correction opens with, and shows again.
        let opened = stored.answers(&fields);
        assert_eq!(opened.get("startup.city").map(String::as_str), Some("agadir"));
        assert_eq!(opened.len(), 4);
        let shown = Draft::of_answers(&opened);
        assert_eq!((shown.region.as_str(), shown.city.as_str(), shown.name.as_str()), ("souss-massa", "agadir", ""));
        let founder = Draft::of_answers(&[("team[1].email".to_owned(), "b@x.ma".to_owned())].into_iter().collect());
        assert_eq!((founder.team.len(), founder.team[1].email.as_str()), (2, "b@x.ma"));
    }
}
