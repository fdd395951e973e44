//! The application form's model, independent of any view: the draft as
//! typed (every field a string, every yes/no possibly unanswered), its steps,
//! which errors belong to which step, the saved (versioned) form, and the
//! application it becomes. The rules are [`crate::application`]'s, unchanged:
//! the form and the server refuse the same things with the same codes.

use crate::application::{
    Application, CONSENT_VERSION, Day, Declaration, Eligibility, FieldError, Founder, Funding, Project, StartupInfo, validate_application,
};
use crate::codes::Code;
use crate::model::Dataset;
use crate::named::Choice;
use serde::{Deserialize, Serialize};

/// The form's steps, in order (the confirmation is not one: it has no fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Eligibility,
    Startup,
    Team,
    Project,
    Funding,
    Deck,
    Check,
    Declaration,
}

impl Step {
    pub const ALL: [Step; 8] =
        [Step::Eligibility, Step::Startup, Step::Team, Step::Project, Step::Funding, Step::Deck, Step::Check, Step::Declaration];

    /// The `?step=` value.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Eligibility => "eligibility",
            Step::Startup => "startup",
            Step::Team => "team",
            Step::Project => "project",
            Step::Funding => "funding",
            Step::Deck => "deck",
            Step::Check => "check",
            Step::Declaration => "declaration",
        }
    }

    pub fn from_slug(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|x| x.slug() == s)
    }

    /// 0-based position.
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).and_then(|i| Step::ALL.get(i).copied())
    }

    /// Whether a field error (its path) is this step's to show.
    pub fn owns(self, field: &str) -> bool {
        let root = field.split(['.', '[']).next().unwrap_or_default();
        match self {
            Step::Eligibility => root == "eligibility",
            Step::Startup => root == "startup",
            Step::Team => root == "team",
            Step::Project => root == "project",
            Step::Funding => root == "funding",
            Step::Deck => root == "pitch_deck",
            Step::Check => false,
            Step::Declaration => root == "declaration",
        }
    }
}

/// A founder as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FounderDraft {
    pub full_name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    /// Empty: not said.
    pub gender: String,
    pub age_band: String,
}

/// An uploaded pitch deck: the server's id, and the file's name and size to show.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deck {
    pub id: String,
    pub name: String,
    pub size: u64,
}

/// The form as typed. Every field has a default, so a draft saved by an
/// earlier version (fewer fields) still loads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub based_in_morocco: Option<bool>,
    pub under_five_years: Option<bool>,
    pub innovative: Option<bool>,
    pub name: String,
    pub legal_form: String,
    pub creation_date: String,
    pub ice: String,
    pub rc_number: String,
    pub region: String,
    pub city: String,
    pub other_city: String,
    pub website: String,
    pub sector: String,
    pub team: Vec<FounderDraft>,
    pub pitch: String,
    pub problem: String,
    pub solution: String,
    pub innovation: String,
    pub environmental_impact: String,
    pub stage: String,
    pub jobs_created: String,
    pub jobs_planned: String,
    pub raised_mad: String,
    pub sought_mad: String,
    pub self_financing_pct: String,
    pub patent: Option<bool>,
    pub deck: Option<Deck>,
    pub accurate: bool,
    pub consent: bool,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            based_in_morocco: None,
            under_five_years: None,
            innovative: None,
            name: String::new(),
            legal_form: String::new(),
            creation_date: String::new(),
            ice: String::new(),
            rc_number: String::new(),
            region: String::new(),
            city: String::new(),
            other_city: String::new(),
            website: String::new(),
            sector: String::new(),
            // One founder to start with.
            team: vec![FounderDraft::default()],
            pitch: String::new(),
            problem: String::new(),
            solution: String::new(),
            innovation: String::new(),
            environmental_impact: String::new(),
            stage: String::new(),
            jobs_created: String::new(),
            jobs_planned: String::new(),
            raised_mad: String::new(),
            sought_mad: String::new(),
            self_financing_pct: String::new(),
            patent: None,
            deck: None,
            accurate: false,
            consent: false,
        }
    }
}

/// Where a field of the draft is kept.
enum Slot<'a> {
    Text(&'a mut String),
    YesNo(&'a mut Option<bool>),
    Flag(&'a mut bool),
}

/// At most this many founders.
pub const MAX_FOUNDERS: usize = 6;

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Text where a whole number was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotANumber;

/// A whole number as typed (spaces, dots and commas as thousands separators
/// allowed): `Err` when something else is there, `Ok(None)` when empty.
pub fn parse_amount(s: &str) -> Result<Option<u64>, NotANumber> {
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | ',')).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    // Arabic-Indic digits typed on an Arabic keyboard count too.
    crate::digits::ascii_digits(&digits).parse::<u64>().map(Some).map_err(|_| NotANumber)
}

/// A yes/no answer as its control's value: `yes`, `no`, or empty.
fn yes_no_text(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

impl Draft {
    /// The value of the control for field `path` (the paths of
    /// [`FieldError::field`]: `startup.name`, `team[1].email`); yes/no
    /// questions read `yes`/`no`, declarations `true`/`false`.
    pub fn get(&self, path: &str) -> Option<String> {
        let mut d = self.clone();
        d.slot(path).map(|s| match s {
            Slot::Text(t) => t.clone(),
            Slot::YesNo(v) => yes_no_text(*v),
            Slot::Flag(v) => v.to_string(),
        })
    }

    /// Sets field `path` from its control's value; false for an unknown path.
    pub fn set(&mut self, path: &str, value: &str) -> bool {
        match self.slot(path) {
            Some(Slot::Text(t)) => *t = value.to_owned(),
            Some(Slot::YesNo(v)) => *v = matches!(value, "yes" | "no").then_some(value == "yes"),
            Some(Slot::Flag(v)) => *v = value == "true",
            None => return false,
        }
        // A new region empties a city that belonged to the old one.
        if path == "startup.region" {
            self.city.clear();
        }
        true
    }

    /// The draft of an application as it was sent (its stored JSON, which
    /// a juror's copy lacks the contact fields of): what the review screens
    /// show in the form's own sections and labels. Values of fields the form
    /// does not have are left out; numbers become their digits, yes/no
    /// questions and declarations their controls' values.
    pub fn from_sent(sent: &serde_json::Value) -> Draft {
        let mut d = Draft { team: Vec::new(), ..Draft::default() };
        let team = sent.pointer("/team").and_then(|t| t.as_array()).map_or(0, Vec::len);
        d.team = vec![FounderDraft::default(); team.min(MAX_FOUNDERS)];
        if let Some(deck) = sent.get("pitch_deck").and_then(|v| v.as_str()) {
            d.deck = Some(Deck { id: deck.to_owned(), ..Deck::default() });
        }
        let mut leaves = Vec::new();
        let Some(groups) = sent.as_object() else { return d };
        for (group, fields) in groups {
            match fields {
                serde_json::Value::Object(fields) => leaves.extend(fields.iter().map(|(k, v)| (format!("{group}.{k}"), v))),
                serde_json::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let fields = item.as_object().into_iter().flatten();
                        leaves.extend(fields.map(|(k, v)| (format!("{group}[{i}].{k}"), v)));
                    }
                }
                _ => {}
            }
        }
        for (path, value) in leaves {
            match (d.slot(&path), value) {
                (Some(Slot::Text(t)), serde_json::Value::String(v)) => *t = v.clone(),
                (Some(Slot::Text(t)), serde_json::Value::Number(n)) => *t = n.to_string(),
                (Some(Slot::YesNo(v)), serde_json::Value::Bool(b)) => *v = Some(*b),
                (Some(Slot::Flag(v)), serde_json::Value::Bool(b)) => *v = *b,
                _ => {}
            }
        }
        d
    }

    fn slot(&mut self, path: &str) -> Option<Slot<'_>> {
        let (group, field) = path.split_once('.')?;
        if let Some(i) = group.strip_prefix("team[").and_then(|r| r.strip_suffix(']')).and_then(|i| i.parse::<usize>().ok()) {
            let f = self.team.get_mut(i)?;
            return Some(Slot::Text(match field {
                "full_name" => &mut f.full_name,
                "role" => &mut f.role,
                "email" => &mut f.email,
                "phone" => &mut f.phone,
                "gender" => &mut f.gender,
                "age_band" => &mut f.age_band,
                _ => return None,
            }));
        }
        Some(match (group, field) {
            ("eligibility", "based_in_morocco") => Slot::YesNo(&mut self.based_in_morocco),
            ("eligibility", "under_five_years") => Slot::YesNo(&mut self.under_five_years),
            ("eligibility", "innovative") => Slot::YesNo(&mut self.innovative),
            ("funding", "patent") => Slot::YesNo(&mut self.patent),
            ("declaration", "accurate") => Slot::Flag(&mut self.accurate),
            ("declaration", "consent") => Slot::Flag(&mut self.consent),
            ("startup", "name") => Slot::Text(&mut self.name),
            ("startup", "legal_form") => Slot::Text(&mut self.legal_form),
            ("startup", "creation_date") => Slot::Text(&mut self.creation_date),
            ("startup", "ice") => Slot::Text(&mut self.ice),
            ("startup", "rc_number") => Slot::Text(&mut self.rc_number),
            ("startup", "region") => Slot::Text(&mut self.region),
            ("startup", "city") => Slot::Text(&mut self.city),
            ("startup", "other_city") => Slot::Text(&mut self.other_city),
            ("startup", "website") => Slot::Text(&mut self.website),
            ("startup", "sector") => Slot::Text(&mut self.sector),
            ("project", "pitch") => Slot::Text(&mut self.pitch),
            ("project", "problem") => Slot::Text(&mut self.problem),
            ("project", "solution") => Slot::Text(&mut self.solution),
            ("project", "innovation") => Slot::Text(&mut self.innovation),
            ("project", "environmental_impact") => Slot::Text(&mut self.environmental_impact),
            ("project", "stage") => Slot::Text(&mut self.stage),
            ("project", "jobs_created") => Slot::Text(&mut self.jobs_created),
            ("project", "jobs_planned") => Slot::Text(&mut self.jobs_planned),
            ("funding", "raised_mad") => Slot::Text(&mut self.raised_mad),
            ("funding", "sought_mad") => Slot::Text(&mut self.sought_mad),
            ("funding", "self_financing_pct") => Slot::Text(&mut self.self_financing_pct),
            _ => return None,
        })
    }

    /// The application this draft sends, and the errors of what does not
    /// even parse (numbers, unanswered questions).
    pub fn to_application(&self) -> (Application, Vec<FieldError>) {
        let mut errors = Vec::new();
        let mut yes_no = |v: Option<bool>, field: &str| {
            if v.is_none() {
                errors.push(FieldError { field: field.into(), code: Code::Required, min: None, max: None });
            }
            v.unwrap_or(false)
        };
        let eligibility = Eligibility {
            based_in_morocco: yes_no(self.based_in_morocco, "eligibility.based_in_morocco"),
            under_five_years: yes_no(self.under_five_years, "eligibility.under_five_years"),
            innovative: yes_no(self.innovative, "eligibility.innovative"),
        };
        let patent = yes_no(self.patent, "funding.patent");
        let mut number = |s: &str, field: &str, max: u64, required: bool| match parse_amount(s) {
            Ok(Some(n)) => n,
            Ok(None) if !required => 0,
            Ok(None) => {
                errors.push(FieldError { field: field.into(), code: Code::Required, min: None, max: None });
                0
            }
            Err(NotANumber) => {
                errors.push(FieldError { field: field.into(), code: Code::Range, min: Some(0), max: Some(max) });
                0
            }
        };
        let project = Project {
            pitch: self.pitch.clone(),
            problem: self.problem.clone(),
            solution: self.solution.clone(),
            innovation: self.innovation.clone(),
            environmental_impact: self.environmental_impact.clone(),
            stage: Choice::of(self.stage.clone()),
            jobs_created: number(&self.jobs_created, "project.jobs_created", 10_000, true).min(u64::from(u32::MAX)) as u32,
            jobs_planned: number(&self.jobs_planned, "project.jobs_planned", 10_000, true).min(u64::from(u32::MAX)) as u32,
        };
        let funding = Funding {
            raised_mad: number(&self.raised_mad, "funding.raised_mad", 1_000_000_000, false),
            sought_mad: number(&self.sought_mad, "funding.sought_mad", 1_000_000_000, true),
            self_financing_pct: number(&self.self_financing_pct, "funding.self_financing_pct", 100, true).min(255) as u8,
            patent,
        };
        let application = Application {
            eligibility,
            startup: StartupInfo {
                name: self.name.clone(),
                legal_form: opt(&self.legal_form),
                creation_date: self.creation_date.trim().to_owned(),
                ice: opt(&self.ice),
                rc_number: opt(&self.rc_number),
                region: self.region.clone(),
                city: self.city.clone(),
                other_city: opt(&self.other_city),
                website: opt(&self.website),
                sector: self.sector.clone(),
            },
            team: self
                .team
                .iter()
                .map(|f| Founder {
                    full_name: f.full_name.clone(),
                    role: f.role.clone(),
                    email: f.email.clone(),
                    phone: f.phone.clone(),
                    gender: opt(&f.gender).map(Choice::of),
                    age_band: opt(&f.age_band).map(Choice::of),
                })
                .collect(),
            project,
            funding,
            pitch_deck: self.deck.as_ref().map(|d| d.id.clone()),
            declaration: Declaration { accurate: self.accurate, consent: self.consent, consent_version: CONSENT_VERSION.into() },
        };
        (application, errors)
    }

    /// Every error of the draft: what does not parse, then the rules. A
    /// field refused for not parsing is not also refused by a rule.
    pub fn errors(&self, dataset: &Dataset, today: Day) -> Vec<FieldError> {
        let (application, mut errors) = self.to_application();
        let parse_fields: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
        errors.extend(validate_application(&application, dataset, today).into_iter().filter(|e| !parse_fields.contains(&e.field)));
        errors
    }

    /// The errors a step shows when the person tries to continue.
    pub fn step_errors(&self, step: Step, dataset: &Dataset, today: Day) -> Vec<FieldError> {
        self.errors(dataset, today).into_iter().filter(|e| step.owns(&e.field)).collect()
    }

    /// The first step with an error, where a deep link to a later step sends
    /// the person; `None` when every step before `Check` is complete.
    pub fn first_incomplete(&self, dataset: &Dataset, today: Day) -> Option<Step> {
        let errors = self.errors(dataset, today);
        Step::ALL.into_iter().take_while(|s| *s != Step::Check).find(|s| errors.iter().any(|e| s.owns(&e.field)))
    }
}

/// The saved form's format version; [`Saved::from_json`] reads every earlier one.
pub const SAVED_VERSION: u32 = 1;

/// The form as kept in the browser between visits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    /// When it was saved, in milliseconds since 1970 (shown as "restored from …").
    pub saved_at: u64,
    /// The `Idempotency-Key` of this application, made once and kept until
    /// the application is acknowledged.
    pub key: String,
    /// Which tab saved it last (two tabs on one draft see each other).
    #[serde(default)]
    pub tab: String,
    /// True while a submission may have reached the server and is unresolved:
    /// the answers are frozen until it is.
    #[serde(default)]
    pub sending: bool,
    pub draft: Draft,
}

/// Why a saved form could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum SavedError {
    /// Not the saved format at all.
    Unreadable,
    /// Written by a newer version of the portal.
    TooNew(u32),
}

impl Saved {
    /// Reads a saved form of any version up to [`SAVED_VERSION`].
    pub fn from_json(json: &str) -> Result<Saved, SavedError> {
        /// Only the version, whatever else is there.
        #[derive(Deserialize)]
        struct Version {
            #[serde(default)]
            version: u32,
        }
        let Version { version } = serde_json::from_slice(json.as_bytes()).map_err(|_| SavedError::Unreadable)?;
        if version > SAVED_VERSION {
            return Err(SavedError::TooNew(version));
        }
        // Version 1 is the first; fields added since have defaults (`Draft`'s
        // `serde(default)`), so an older draft reads as it is.
        let mut saved: Saved = serde_json::from_slice(json.as_bytes()).map_err(|_| SavedError::Unreadable)?;
        saved.version = SAVED_VERSION;
        if saved.draft.team.is_empty() {
            saved.draft.team.push(FounderDraft::default());
        }
        Ok(saved)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::tests::dataset;

    const TODAY: Day = Day { year: 2026, month: 11, day: 26 };

    fn complete() -> Draft {
        let long = "Un texte suffisamment long pour passer la règle des cinquante caractères.".to_string();
        Draft {
            based_in_morocco: Some(true),
            under_five_years: Some(true),
            innovative: Some(true),
            name: "SunBox".into(),
            creation_date: "2025-05-01".into(),
            region: "souss-massa".into(),
            city: "agadir".into(),
            sector: "solar".into(),
            team: vec![FounderDraft {
                full_name: "Salma Idrissi".into(),
                role: "CEO".into(),
                email: "salma@sunbox.example".into(),
                phone: "06 12 34 56 78".into(),
                ..FounderDraft::default()
            }],
            pitch: "Pompage solaire connecté".into(),
            problem: long.clone(),
            solution: long.clone(),
            innovation: long.clone(),
            environmental_impact: long,
            stage: "prototype".into(),
            jobs_created: "3".into(),
            jobs_planned: "12".into(),
            raised_mad: "".into(),
            sought_mad: "400 000".into(),
            self_financing_pct: "20".into(),
            patent: Some(false),
            accurate: true,
            consent: true,
            ..Draft::default()
        }
    }

    #[test]
    fn an_application_as_sent_reads_back_as_the_same_draft() {
        let (app, errors) = complete().to_application();
        assert_eq!(errors, vec![]);
        let mut sent = serde_json::to_value(&app).unwrap();
        let back = Draft::from_sent(&sent);
        assert_eq!(back.to_application().0, app);
        assert_eq!((back.sought_mad.as_str(), back.patent, back.accurate), ("400000", Some(false), true));
        // A juror's copy has no contact fields; an unknown field is left out.
        sent = crate::staff::without_contact(sent);
        sent["startup"]["unknown"] = serde_json::json!("x");
        let juror = Draft::from_sent(&sent);
        assert_eq!((juror.team.len(), juror.team[0].full_name.as_str(), juror.team[0].email.as_str()), (1, "Salma Idrissi", ""));
        assert_eq!(Draft::from_sent(&serde_json::json!("not an object")).team.len(), 0);
    }

    #[test]
    fn a_complete_draft_is_a_valid_application() {
        let d = complete();
        assert_eq!(d.errors(&dataset(), TODAY), vec![]);
        assert_eq!(d.first_incomplete(&dataset(), TODAY), None);
        let (a, _) = d.to_application();
        assert_eq!(a.funding.sought_mad, 400_000);
        assert_eq!(a.funding.raised_mad, 0);
    }

    #[test]
    fn each_step_shows_its_own_errors_and_a_deep_link_goes_to_the_first_incomplete() {
        let mut d = complete();
        d.team[0].email = "salma at sunbox".into();
        d.innovative = None;
        d.jobs_planned = "douze".into();
        let step = |d: &Draft, s| d.step_errors(s, &dataset(), TODAY).into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>();
        assert_eq!(step(&d, Step::Eligibility), [("eligibility.innovative".to_owned(), Code::Required)]);
        assert_eq!(step(&d, Step::Team), [("team[0].email".to_owned(), Code::EmailInvalid)]);
        assert_eq!(step(&d, Step::Project), [("project.jobs_planned".to_owned(), Code::Range)], "not also refused by the range rule");
        assert_eq!(step(&d, Step::Startup), []);
        assert_eq!(d.first_incomplete(&dataset(), TODAY), Some(Step::Eligibility));
        d.innovative = Some(false);
        assert_eq!(step(&d, Step::Eligibility), [("eligibility.innovative".to_owned(), Code::NotEligible)]);
    }

    #[test]
    fn fields_are_read_and_written_by_their_error_paths() {
        let mut d = Draft::default();
        d.team.push(FounderDraft::default());
        for (path, value) in [
            ("startup.name", "SunBox"),
            ("team[1].email", "a@b.example"),
            ("eligibility.innovative", "yes"),
            ("funding.patent", "no"),
            ("declaration.consent", "true"),
            ("project.jobs_planned", "12"),
        ] {
            assert!(d.set(path, value), "{path}");
            assert_eq!(d.get(path).as_deref(), Some(value), "{path}");
        }
        assert_eq!((d.innovative, d.patent, d.consent, d.team[1].email.as_str()), (Some(true), Some(false), true, "a@b.example"));
        assert!(!d.set("team[5].email", "x") && !d.set("startup.nope", "x") && !d.set("startup", "x"));
        assert_eq!(d.get("team[9].role"), None);
        d.set("startup.city", "agadir");
        d.set("startup.region", "oriental");
        assert_eq!(d.city, "", "a new region empties the city");
        // Every path a rule can name for a complete draft's fields has a control.
        let (a, _) = complete().to_application();
        let mut bad = a.clone();
        bad.startup.name.clear();
        for e in validate_application(&bad, &dataset(), TODAY) {
            assert!(complete().get(&e.field).is_some(), "{}", e.field);
        }
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_amount("400 000"), Ok(Some(400_000)));
        assert_eq!(parse_amount("400.000"), Ok(Some(400_000)));
        assert_eq!(parse_amount("٤٠٠٠٠٠"), Ok(Some(400_000)));
        assert_eq!(parse_amount("  "), Ok(None));
        assert_eq!(parse_amount("-5"), Err(NotANumber));
        assert_eq!(parse_amount("1e6"), Err(NotANumber));
    }

    #[test]
    fn steps_walk_in_order_and_own_their_fields() {
        assert_eq!(Step::from_slug("team"), Some(Step::Team));
        assert_eq!(Step::from_slug("bogus"), None);
        assert_eq!(Step::Eligibility.previous(), None);
        assert_eq!(Step::Declaration.next(), None);
        assert_eq!(Step::Team.next(), Some(Step::Project));
        assert!(Step::Team.owns("team[3].phone") && Step::Team.owns("team"));
        assert!(!Step::Team.owns("startup.name"));
        assert!(Step::Deck.owns("pitch_deck"));
    }

    #[test]
    fn saved_forms_round_trip_and_older_or_newer_versions_are_handled() {
        let saved = Saved {
            version: SAVED_VERSION,
            saved_at: 1_000_000_000_000,
            key: "k".into(),
            tab: "t".into(),
            sending: false,
            draft: complete(),
        };
        assert_eq!(Saved::from_json(&saved.to_json()), Ok(saved));
        // Version 1 as first written: no tab, no sending flag, a draft without
        // the fields added since (other_city, deck) and without founders.
        let v1 = r#"{"version":1,"saved_at":5,"key":"k1","draft":{"name":"SunBox","city":"agadir","team":[]}}"#;
        let old = Saved::from_json(v1).unwrap();
        assert_eq!((old.draft.name.as_str(), old.draft.other_city.as_str(), old.draft.team.len(), old.sending), ("SunBox", "", 1, false));
        assert_eq!(Saved::from_json(r#"{"version":9,"draft":{}}"#), Err(SavedError::TooNew(9)));
        assert_eq!(Saved::from_json("not json"), Err(SavedError::Unreadable));
        assert_eq!(Saved::from_json(r#"{"version":1,"draft":5}"#), Err(SavedError::Unreadable));
    }

    proptest::proptest! {
        /// Numbers typed on an Arabic keyboard (Arabic-Indic or Eastern
        /// Arabic-Indic digits) are accepted and stored as their ASCII twin.
        #[test]
        fn any_digit_set_is_accepted_and_stored_as_ascii(
            phone in "(0[5-7]|\\+212 ?[5-7])[0-9]{2}( ?[0-9]{2}){3}",
            ice in "[0-9]{15}",
            rc in "[0-9]{1,8}",
            sought in 1u64..1_000_000_000,
            pct in 0u8..=100,
            jobs in 0u32..10_000,
            set in 1u8..3,
        ) {
            let mut ascii = complete();
            ascii.team[0].phone = phone;
            ascii.ice = ice;
            ascii.rc_number = rc;
            ascii.sought_mad = crate::format::int(sought, crate::lang::Lang::Fr);
            ascii.self_financing_pct = pct.to_string();
            ascii.jobs_created = jobs.to_string();
            let written = |s: &str| crate::digits::tests::in_digit_set(s, set);
            let mut arabic = ascii.clone();
            arabic.team[0].phone = written(&ascii.team[0].phone);
            arabic.ice = written(&ascii.ice);
            arabic.rc_number = written(&ascii.rc_number);
            arabic.sought_mad = written(&ascii.sought_mad);
            arabic.self_financing_pct = written(&ascii.self_financing_pct);
            arabic.jobs_created = written(&ascii.jobs_created);
            proptest::prop_assert_ne!(&arabic, &ascii);
            let d = dataset();
            proptest::prop_assert_eq!(ascii.errors(&d, TODAY), vec![]);
            proptest::prop_assert_eq!(arabic.errors(&d, TODAY), vec![]);
            let stored = |x: &Draft| {
                let (mut a, errors) = x.to_application();
                assert!(errors.is_empty());
                crate::application::normalize(&mut a);
                a
            };
            let (from_arabic, from_ascii) = (stored(&arabic), stored(&ascii));
            proptest::prop_assert!(from_arabic.team[0].phone.bytes().all(|b| b == b'+' || b.is_ascii_digit()));
            proptest::prop_assert_eq!(from_arabic, from_ascii);
        }
    }
}
