//! The incubator application (docs/application.md): one
//! model and one set of rules, used unchanged by the form and the server, so
//! both refuse the same things with the same codes.

use crate::codes::Code;
use crate::contact::{UrlProblem, check_url, is_email, normalize_phone};
use crate::digits::ascii_digits;
use crate::model::Dataset;
use crate::named::{Choice, Named, named_enum};
use crate::validate::is_date;
use serde::{Deserialize, Serialize};

/// An application as the applicant sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Application {
    pub eligibility: Eligibility,
    pub startup: StartupInfo,
    pub team: Vec<Founder>,
    pub project: Project,
    pub funding: Funding,
    /// An upload id returned by `POST /uploads` (a PDF pitch deck), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pitch_deck: Option<String>,
    pub declaration: Declaration,
}

/// The three conditions of the call; all must be true.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    pub based_in_morocco: bool,
    pub under_five_years: bool,
    pub innovative: bool,
}

/// The start-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StartupInfo {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_form: Option<String>,
    /// `YYYY-MM-DD`.
    pub creation_date: String,
    /// Identifiant commun de l'entreprise: 15 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rc_number: Option<String>,
    pub region: String,
    /// A city id of the region, or [`OTHER_CITY`] with `other_city` named.
    pub city: String,
    /// The town's name when `city` is [`OTHER_CITY`] (the dataset lists the
    /// main towns only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    pub sector: String,
}

/// `city` of a start-up in a town the dataset does not list.
pub const OTHER_CITY: &str = "other";

/// The incubator's programme id: its calls decide whether applications are accepted.
pub const INCUBATOR: &str = "gbi";

/// Where a programme's calls stand on a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CallStatus<'a> {
    /// A call accepts applications (of several, the one closing first).
    Open(&'a crate::model::Call),
    /// None does: the next call announced, if any, and the last one closed
    /// (whose `next_month` or `next_expected` says when to come back).
    Closed { upcoming: Option<&'a crate::model::Call>, last: Option<&'a crate::model::Call> },
}

/// The rule "an application is accepted only while a call is open", the
/// same for the form and the server. A call is open from `opens` to
/// `closes` inclusive, or from `opens` on when `closes` is absent.
pub fn call_status<'a>(d: &'a Dataset, programme: &str, today: Day) -> CallStatus<'a> {
    let calls = || d.calls.iter().filter(move |c| c.programme == programme);
    let opens = |c: &crate::model::Call| Day::parse(&c.opens);
    let closes = |c: &crate::model::Call| c.closes.as_deref().map(Day::parse);
    let open = calls()
        .filter(|c| opens(c).is_some_and(|o| o <= today))
        .filter(|c| match closes(c) {
            None => true,
            Some(Some(end)) => today <= end,
            Some(None) => false,
        })
        .min_by_key(|c| closes(c).flatten().unwrap_or(Day { year: u16::MAX, month: 12, day: 31 }));
    if let Some(c) = open {
        return CallStatus::Open(c);
    }
    let upcoming = calls().filter(|c| opens(c).is_some_and(|o| o > today)).min_by_key(|c| opens(c));
    let last = calls().filter(|c| closes(c).flatten().is_some_and(|end| end < today)).max_by_key(|c| closes(c).flatten());
    CallStatus::Closed { upcoming, last }
}

/// A founder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Founder {
    pub full_name: String,
    pub role: String,
    pub email: String,
    /// Moroccan format as typed; stored in E.164 by [`normalize`].
    pub phone: String,
    /// For the programme's statistics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Gender>))]
    pub gender: Option<Choice<Gender>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<AgeBand>))]
    pub age_band: Option<Choice<AgeBand>>,
}

/// The project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub pitch: String,
    pub problem: String,
    pub solution: String,
    pub innovation: String,
    pub environmental_impact: String,
    #[cfg_attr(feature = "openapi", schema(value_type = ProjectStage))]
    pub stage: Choice<ProjectStage>,
    pub jobs_created: u32,
    pub jobs_planned: u32,
}

/// Money matters, in Moroccan dirhams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Funding {
    pub raised_mad: u64,
    pub sought_mad: u64,
    /// 0–100.
    pub self_financing_pct: u8,
    pub patent: bool,
}

/// The applicant's declarations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    pub accurate: bool,
    pub consent: bool,
    /// Version of the consent text shown (law 09-08).
    pub consent_version: String,
}

/// The consent text version the portal currently shows.
pub const CONSENT_VERSION: &str = "2026-11";

/// Where an applicant writes to access, correct or erase their data (law 09-08).
pub const DATA_PROTECTION_EMAIL: &str = "donnees-personnelles@cluster-enr.example";

named_enum! {
    /// A founder's gender, as they chose to say it.
    Gender {
        Female = "female",
        Male = "male",
        Other = "other",
        Undisclosed = "undisclosed",
    }
}

named_enum! {
    /// A founder's age band.
    AgeBand {
        Under25 = "under-25",
        From25To34 = "25-34",
        From35To44 = "35-44",
        From45 = "45-plus",
    }
}

named_enum! {
    /// How far the project has come.
    ProjectStage {
        Idea = "idea",
        Prototype = "prototype",
        FirstCustomers = "first-customers",
        Growth = "growth",
    }
}

/// One refused field: its path, a stable code, and the bounds when the code
/// has some (the messages say "between {min} and {max}").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: Code,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: Code) -> FieldError {
        FieldError { field: field.into(), code, min: None, max: None }
    }
    pub fn bounded(field: impl Into<String>, code: Code, min: u64, max: u64) -> FieldError {
        FieldError { field: field.into(), code, min: Some(min), max: Some(max) }
    }
}

/// Characters refused in any text: controls (except tab and line breaks in
/// long texts), the bidi overrides and isolates that can disguise text, and
/// invisible zero-width characters.
pub fn has_forbidden_chars(s: &str, multiline: bool) -> bool {
    s.chars().any(|c| {
        (c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{2060}' | '\u{FEFF}')
    })
}

/// Whether text holds HTML markup (`<script>`, `</b>`, `<img …>`): an
/// application is plain text, and markup in it is refused rather than stored.
pub fn has_markup(s: &str) -> bool {
    s.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

/// A calendar day, for "not in the future" and "under five years".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// The civil (proleptic Gregorian) date of a day count since 1970-01-01.
    pub fn from_unix_days(days: i64) -> Day {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Day { year, month, day }
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Parses `YYYY-MM-DD` (a real calendar date).
    pub fn parse(s: &str) -> Option<Day> {
        if !is_date(s, false) {
            return None;
        }
        Some(Day { year: s[..4].parse().ok()?, month: s[5..7].parse().ok()?, day: s[8..10].parse().ok()? })
    }
}

struct Rules<'a> {
    errors: Vec<FieldError>,
    dataset: &'a Dataset,
}

impl Rules<'_> {
    fn text(&mut self, field: &str, value: &str, min: usize, max: usize, multiline: bool) {
        let n = value.trim().chars().count();
        if has_forbidden_chars(value, multiline) {
            self.errors.push(FieldError::new(field, Code::ForbiddenCharacters));
        } else if has_markup(value) {
            self.errors.push(FieldError::new(field, Code::MarkupForbidden));
        } else if n == 0 && min > 0 {
            self.errors.push(FieldError::new(field, Code::Required));
        } else if n < min || n > max {
            self.errors.push(FieldError::bounded(field, Code::Length, min as u64, max as u64));
        }
    }

    fn choice<T: Named>(&mut self, field: &str, value: &Choice<T>) {
        if value.get().is_none() {
            self.errors.push(FieldError::new(field, Code::ChoiceInvalid));
        }
    }

    fn range(&mut self, field: &str, value: u64, min: u64, max: u64) {
        if value < min || value > max {
            self.errors.push(FieldError::bounded(field, Code::Range, min, max));
        }
    }
}

/// Checks every rule; an empty list means the application can be accepted.
/// `today` decides "not in the future" and "under five years"; `dataset`
/// gives the region, city and sector ids.
pub fn validate_application(a: &Application, dataset: &Dataset, today: Day) -> Vec<FieldError> {
    let mut r = Rules { errors: Vec::new(), dataset };
    let e = &a.eligibility;
    for (ok, field) in [
        (e.based_in_morocco, "eligibility.based_in_morocco"),
        (e.under_five_years, "eligibility.under_five_years"),
        (e.innovative, "eligibility.innovative"),
    ] {
        if !ok {
            r.errors.push(FieldError::new(field, Code::NotEligible));
        }
    }

    let s = &a.startup;
    r.text("startup.name", &s.name, 2, 120, false);
    if let Some(v) = &s.legal_form {
        r.text("startup.legal_form", v, 0, 80, false);
    }
    match Day::parse(s.creation_date.trim()) {
        None => r.errors.push(FieldError::new("startup.creation_date", Code::DateInvalid)),
        Some(d) if d > today => r.errors.push(FieldError::new("startup.creation_date", Code::DateFuture)),
        Some(d) if Day { year: d.year + 5, ..d } <= today => r.errors.push(FieldError::new("startup.creation_date", Code::TooOld)),
        Some(_) => {}
    }
    if let Some(ice) = s.ice.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(ascii_digits)
        && !(ice.len() == 15 && ice.bytes().all(|b| b.is_ascii_digit()))
    {
        r.errors.push(FieldError::new("startup.ice", Code::IceInvalid));
    }
    if let Some(v) = &s.rc_number {
        r.text("startup.rc_number", v, 0, 40, false);
    }
    match r.dataset.region(&s.region) {
        None => r.errors.push(FieldError::new("startup.region", Code::RefUnknown)),
        // A town the dataset does not list: named, like any short text.
        Some(_) if s.city == OTHER_CITY => r.text("startup.other_city", s.other_city.as_deref().unwrap_or_default(), 2, 80, false),
        Some(region) if !region.cities.iter().any(|c| c.id == s.city) => {
            r.errors.push(FieldError::new("startup.city", Code::CityNotInRegion))
        }
        Some(_) => {}
    }
    if let Some(w) = s.website.as_deref().filter(|w| !w.trim().is_empty()) {
        match check_url(w.trim()) {
            Ok(()) => {}
            Err(UrlProblem::Scheme) => r.errors.push(FieldError::new("startup.website", Code::UrlScheme)),
            Err(UrlProblem::Invalid) => r.errors.push(FieldError::new("startup.website", Code::UrlInvalid)),
        }
    }
    if r.dataset.sector(&s.sector).is_none() {
        r.errors.push(FieldError::new("startup.sector", Code::RefUnknown));
    }

    if a.team.is_empty() || a.team.len() > 6 {
        r.errors.push(FieldError::bounded("team", Code::Count, 1, 6));
    }
    for (i, f) in a.team.iter().enumerate().take(6) {
        let p = format!("team[{i}]");
        r.text(&format!("{p}.full_name"), &f.full_name, 2, 120, false);
        r.text(&format!("{p}.role"), &f.role, 2, 80, false);
        if !is_email(f.email.trim()) {
            r.errors.push(FieldError::new(format!("{p}.email"), Code::EmailInvalid));
        }
        if normalize_phone(&f.phone).is_none() {
            r.errors.push(FieldError::new(format!("{p}.phone"), Code::PhoneInvalid));
        }
        if let Some(g) = &f.gender {
            r.choice(&format!("{p}.gender"), g);
        }
        if let Some(b) = &f.age_band {
            r.choice(&format!("{p}.age_band"), b);
        }
    }

    let pr = &a.project;
    r.text("project.pitch", &pr.pitch, 1, 140, false);
    for (field, v) in [
        ("project.problem", &pr.problem),
        ("project.solution", &pr.solution),
        ("project.innovation", &pr.innovation),
        ("project.environmental_impact", &pr.environmental_impact),
    ] {
        r.text(field, v, 50, 2000, true);
    }
    r.choice("project.stage", &pr.stage);
    r.range("project.jobs_created", u64::from(pr.jobs_created), 0, 10_000);
    r.range("project.jobs_planned", u64::from(pr.jobs_planned), 0, 10_000);

    let fu = &a.funding;
    r.range("funding.sought_mad", fu.sought_mad, 1, 1_000_000_000);
    r.range("funding.raised_mad", fu.raised_mad, 0, 1_000_000_000);
    r.range("funding.self_financing_pct", u64::from(fu.self_financing_pct), 0, 100);

    if let Some(id) = &a.pitch_deck
        && !crate::validate::is_slug(id)
    {
        r.errors.push(FieldError::new("pitch_deck", Code::UploadUnknown));
    }
    if !a.declaration.accurate {
        r.errors.push(FieldError::new("declaration.accurate", Code::MustAccept));
    }
    if !a.declaration.consent {
        r.errors.push(FieldError::new("declaration.consent", Code::MustAccept));
    }
    if a.declaration.consent_version.trim().is_empty() {
        r.errors.push(FieldError::new("declaration.consent_version", Code::Required));
    }
    r.errors
}

/// The stored form: text trimmed, phones in E.164. (Unicode NFC is applied
/// by the server, which has the normalization tables.)
pub fn normalize(a: &mut Application) {
    let trim = |s: &mut String| *s = s.trim().to_owned();
    let trim_opt = |s: &mut Option<String>| {
        if let Some(v) = s {
            *v = v.trim().to_owned();
            if v.is_empty() {
                *s = None;
            }
        }
    };
    trim(&mut a.startup.name);
    trim_opt(&mut a.startup.legal_form);
    trim(&mut a.startup.creation_date);
    trim_opt(&mut a.startup.ice);
    trim_opt(&mut a.startup.rc_number);
    // Numbers are stored in ASCII digits, whatever keyboard typed them.
    for v in [&mut a.startup.ice, &mut a.startup.rc_number].into_iter().flatten() {
        *v = ascii_digits(v).into_owned();
    }
    trim_opt(&mut a.startup.website);
    trim_opt(&mut a.startup.other_city);
    if a.startup.city != OTHER_CITY {
        a.startup.other_city = None;
    }
    for f in &mut a.team {
        trim(&mut f.full_name);
        trim(&mut f.role);
        f.email = f.email.trim().to_lowercase();
        if let Some(e164) = normalize_phone(&f.phone) {
            f.phone = e164;
        }
    }
    for s in [
        &mut a.project.pitch,
        &mut a.project.problem,
        &mut a.project.solution,
        &mut a.project.innovation,
        &mut a.project.environmental_impact,
    ] {
        trim(s);
    }
}

/// The alphabet of references: no 0/O/1/I, so a reference read aloud or
/// copied by hand cannot be mistaken.
pub const REFERENCE_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A reference like `GBI-2026-7KQ4-M2XD` from a year and 40 random bits.
pub fn reference(year: u16, random: u64) -> String {
    let c = |i: u32| REFERENCE_ALPHABET[((random >> (5 * i)) & 31) as usize] as char;
    format!("GBI-{year}-{}{}{}{}-{}{}{}{}", c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7))
}

/// Whether `s` has the shape of a reference (before any look-up).
/// A reference as a person types it (any case, spaces, dashes forgotten or
/// doubled), in its canonical form when it can be one.
pub fn clean_reference(s: &str) -> Option<String> {
    let compact: String = ascii_digits(s).chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
    let (year, rest) = compact.strip_prefix("GBI")?.split_at_checked(4)?;
    let r = format!("GBI-{year}-{}-{}", rest.get(..4)?, rest.get(4..)?);
    is_reference(&r).then_some(r)
}

pub fn is_reference(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 18
        && s.starts_with("GBI-")
        && b[4..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'-'
        && b[13] == b'-'
        && b[9..13].iter().chain(&b[14..18]).all(|c| REFERENCE_ALPHABET.contains(c))
}

named_enum! {
    /// Where an application stands: a stage of the selection, or withdrawn.
    Status {
        Received = "received",
        Preselected = "preselected",
        Bootcamp = "bootcamp",
        Jury = "jury",
        Decided = "decided",
        /// At the applicant's request, from any stage before the decision.
        Withdrawn = "withdrawn",
        /// Waiting for the applicant to correct named answers (through a
        /// single-use link sent by e-mail); the correction takes it back to
        /// the stage it was at.
        ChangesRequested = "changes_requested",
    }
}

impl Status {
    /// The selection's stages, in order (the five the applicant sees).
    pub const PIPELINE: [Status; 5] = [Status::Received, Status::Preselected, Status::Bootcamp, Status::Jury, Status::Decided];

    /// The stage's position in [`Status::PIPELINE`] (none when withdrawn).
    pub fn stage(self) -> Option<usize> {
        Status::PIPELINE.iter().position(|x| *x == self)
    }
}

named_enum! {
    /// The decision, once an application is `decided`.
    Outcome {
        Selected = "selected",
        NotSelected = "not_selected",
    }
}

/// A staff move: one step forward or back, or withdrawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Forward,
    Back,
    Withdraw,
}

/// The status (and outcome) after a move, or why the move is refused.
/// Deciding needs an outcome (`selected` / `not_selected`); going back from
/// `decided` clears it; a withdrawn application moves no more; one waiting
/// for the applicant's corrections can only be withdrawn.
pub fn next_status(current: Status, direction: Direction, outcome: Option<Outcome>) -> Result<(Status, Option<Outcome>), Code> {
    let pipeline = Status::PIPELINE;
    if current == Status::ChangesRequested {
        return if direction == Direction::Withdraw { Ok((Status::Withdrawn, None)) } else { Err(Code::ChangesPending) };
    }
    let Some(i) = current.stage() else { return Err(Code::StatusFinal) };
    match direction {
        Direction::Withdraw if current == Status::Decided => Err(Code::StatusFinal),
        Direction::Withdraw => Ok((Status::Withdrawn, None)),
        Direction::Back if i == 0 => Err(Code::StatusFirst),
        Direction::Back => Ok((pipeline[i - 1], None)),
        Direction::Forward if i + 1 == pipeline.len() => Err(Code::StatusFinal),
        Direction::Forward if pipeline[i + 1] == Status::Decided => match outcome {
            Some(o) => Ok((Status::Decided, Some(o))),
            None => Err(Code::OutcomeRequired),
        },
        Direction::Forward => Ok((pipeline[i + 1], None)),
    }
}

/// The stage a correction returns to when the team asks for changes on an
/// application at `current`, or why it may not: before the decision only.
/// Asking again while waiting keeps the stage it came from (`back_to`, that
/// of the pending request).
pub fn changes_return_to(current: Status, pending_back_to: Option<Status>) -> Result<Status, Code> {
    match current {
        Status::ChangesRequested => pending_back_to.ok_or(Code::StatusFinal),
        Status::Decided | Status::Withdrawn => Err(Code::StatusFinal),
        stage => Ok(stage),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::*;
    use crate::text::Text;
    use proptest::prelude::*;

    pub(crate) fn dataset() -> Dataset {
        let t = Text::same;
        Dataset {
            version: FORMAT_VERSION,
            as_of: "2024-02-23".into(),
            source: Source { text: t("s"), urls: vec![], references: vec![] },
            sectors: vec![Sector { id: "solar".into(), name: t("Solaire"), report_share: None }],
            member_types: vec![],
            labels: vec![],
            programmes: vec![],
            regions: vec![Region {
                id: "souss-massa".into(),
                name: t("Souss-Massa"),
                cities: vec![City { id: "agadir".into(), name: t("Agadir") }],
            }],
            members: vec![],
            startups: vec![],
            partners: vec![],
            figures: vec![],
            calls: vec![],
            totals: None,
        }
    }

    pub(crate) fn valid() -> Application {
        let long = "Un texte suffisamment long pour passer la règle des cinquante caractères.".to_string();
        Application {
            eligibility: Eligibility { based_in_morocco: true, under_five_years: true, innovative: true },
            startup: StartupInfo {
                name: " SunBox ".into(),
                legal_form: Some("SARL".into()),
                creation_date: "2024-05-01".into(),
                ice: Some("001234567000089".into()),
                rc_number: None,
                region: "souss-massa".into(),
                city: "agadir".into(),
                other_city: None,
                website: Some("https://sunbox.example".into()),
                sector: "solar".into(),
            },
            team: vec![Founder {
                full_name: "Salma Idrissi".into(),
                role: "CEO".into(),
                email: "Salma@SunBox.example ".into(),
                phone: "06 12 34 56 78".into(),
                gender: Some(Gender::Female.into()),
                age_band: Some(AgeBand::From25To34.into()),
            }],
            project: Project {
                pitch: "Pompage solaire connecté".into(),
                problem: long.clone(),
                solution: long.clone(),
                innovation: long.clone(),
                environmental_impact: long,
                stage: ProjectStage::Prototype.into(),
                jobs_created: 3,
                jobs_planned: 12,
            },
            funding: Funding { raised_mad: 0, sought_mad: 400_000, self_financing_pct: 20, patent: true },
            pitch_deck: None,
            declaration: Declaration { accurate: true, consent: true, consent_version: CONSENT_VERSION.into() },
        }
    }

    const TODAY: Day = Day { year: 2026, month: 11, day: 26 };

    #[test]
    fn references_are_forgiven_their_case_and_spaces() {
        let r = reference(2026, 0x1234_5678);
        assert_eq!(clean_reference(&r), Some(r.clone()));
        assert_eq!(clean_reference(&format!("  {} ", r.to_lowercase().replace('-', " "))), Some(r.clone()));
        assert_eq!(clean_reference(&r.replace('-', "")), Some(r.clone()));
        // The year typed on an Arabic keyboard.
        assert_eq!(clean_reference(&r.replace("2026", "٢٠٢٦")), Some(r));
        assert_eq!(clean_reference("GBI-2026-ABC"), None);
        assert_eq!(clean_reference("hello"), None);
    }

    fn call(id: &str, opens: &str, closes: Option<&str>) -> Call {
        Call {
            id: id.into(),
            programme: INCUBATOR.into(),
            opens: opens.into(),
            closes: closes.map(Into::into),
            places: 20,
            next_month: None,
            next_expected: None,
            illustrative: true,
        }
    }

    #[test]
    fn a_dated_call_is_open_through_its_last_day_and_closed_after() {
        let mut d = dataset();
        d.calls = vec![call("gbi-2026", "2026-01-05", Some("2026-03-31"))];
        let on = |y, m, day| call_status(&d, INCUBATOR, Day { year: y, month: m, day });
        assert!(matches!(on(2026, 1, 4), CallStatus::Closed { upcoming: Some(c), last: None } if c.id == "gbi-2026"));
        assert!(matches!(on(2026, 1, 5), CallStatus::Open(c) if c.id == "gbi-2026"));
        assert!(matches!(on(2026, 3, 31), CallStatus::Open(_)));
        assert!(matches!(on(2026, 4, 1), CallStatus::Closed { upcoming: None, last: Some(c) } if c.id == "gbi-2026"));
        assert!(matches!(
            call_status(&d, "innov-idea", Day { year: 2026, month: 2, day: 1 }),
            CallStatus::Closed { upcoming: None, last: None }
        ));
    }

    #[test]
    fn a_rolling_call_stays_open_and_the_earliest_closing_call_is_the_one_shown() {
        let mut d = dataset();
        d.calls = vec![
            call("rolling", "2024-01-01", None),
            call("dated", "2026-01-01", Some("2026-12-31")),
            call("bad", "2026-01-01", Some("soon")),
        ];
        assert!(matches!(call_status(&d, INCUBATOR, TODAY), CallStatus::Open(c) if c.id == "dated"));
        assert!(matches!(call_status(&d, INCUBATOR, Day { year: 2031, month: 6, day: 1 }), CallStatus::Open(c) if c.id == "rolling"));
    }

    #[test]
    fn a_town_the_dataset_does_not_list_is_accepted_when_named() {
        let mut a = valid();
        a.startup.city = OTHER_CITY.into();
        let errors = validate_application(&a, &dataset(), TODAY);
        assert_eq!(errors.iter().map(|e| (e.field.as_str(), e.code)).collect::<Vec<_>>(), [("startup.other_city", Code::Required)]);
        a.startup.other_city = Some("  Tiznit ".into());
        assert!(validate_application(&a, &dataset(), TODAY).is_empty());
        normalize(&mut a);
        assert_eq!(a.startup.other_city.as_deref(), Some("Tiznit"));
        // A listed city drops a stray other-town name.
        a.startup.city = "agadir".into();
        normalize(&mut a);
        assert_eq!(a.startup.other_city, None);
        a.startup.city = "tiznit".into();
        assert_eq!(validate_application(&a, &dataset(), TODAY)[0].code, Code::CityNotInRegion);
    }

    #[test]
    fn a_complete_application_passes_and_normalizes() {
        let mut a = valid();
        assert_eq!(validate_application(&a, &dataset(), TODAY), []);
        normalize(&mut a);
        assert_eq!(a.startup.name, "SunBox");
        assert_eq!(a.team[0].phone, "+212612345678");
        assert_eq!(a.team[0].email, "salma@sunbox.example");
    }

    #[test]
    fn each_rule_reports_its_field_and_code() {
        type Break = fn(&mut Application);
        let cases: Vec<(Break, &str, &str)> = vec![
            (|a| a.eligibility.innovative = false, "eligibility.innovative", "not_eligible"),
            (|a| a.startup.name = "S".into(), "startup.name", "length"),
            (|a| a.startup.name = "Sun\u{202E}Box".into(), "startup.name", "forbidden_characters"),
            (|a| a.startup.name = "Sun\u{0007}Box".into(), "startup.name", "forbidden_characters"),
            (|a| a.startup.name = "Sun\u{200B}Box".into(), "startup.name", "forbidden_characters"),
            (|a| a.team[0].full_name = "<script>alert(1)</script>".into(), "team[0].full_name", "markup_forbidden"),
            (|a| a.project.problem = format!("{} <img src=x onerror=alert(1)>", "x".repeat(60)), "project.problem", "markup_forbidden"),
            (|a| a.startup.creation_date = "2027-01-01".into(), "startup.creation_date", "date_future"),
            (|a| a.startup.creation_date = "2021-11-26".into(), "startup.creation_date", "too_old"),
            (|a| a.startup.creation_date = "2024-02-30".into(), "startup.creation_date", "date_invalid"),
            (|a| a.startup.ice = Some("12345".into()), "startup.ice", "ice_invalid"),
            (|a| a.startup.region = "mars".into(), "startup.region", "ref_unknown"),
            (|a| a.startup.city = "casablanca".into(), "startup.city", "city_not_in_region"),
            (|a| a.startup.website = Some("javascript:alert(1)".into()), "startup.website", "url_scheme"),
            (|a| a.startup.sector = "nuclear".into(), "startup.sector", "ref_unknown"),
            (|a| a.team.clear(), "team", "count"),
            (
                |a| {
                    let f = a.team[0].clone();
                    a.team = vec![f; 7]
                },
                "team",
                "count",
            ),
            (|a| a.team[0].email = "salma at sunbox".into(), "team[0].email", "email_invalid"),
            (|a| a.team[0].phone = "+33 6 12 34 56 78".into(), "team[0].phone", "phone_invalid"),
            (|a| a.team[0].gender = Some(Choice::of("robot")), "team[0].gender", "choice_invalid"),
            (|a| a.project.pitch = "x".repeat(141), "project.pitch", "length"),
            (|a| a.project.problem = "trop court".into(), "project.problem", "length"),
            (|a| a.project.solution = "x".repeat(2001), "project.solution", "length"),
            (|a| a.project.stage = Choice::of("unicorn"), "project.stage", "choice_invalid"),
            (|a| a.project.jobs_planned = 10_001, "project.jobs_planned", "range"),
            (|a| a.funding.sought_mad = 0, "funding.sought_mad", "range"),
            (|a| a.funding.self_financing_pct = 101, "funding.self_financing_pct", "range"),
            (|a| a.declaration.consent = false, "declaration.consent", "must_accept"),
            (|a| a.declaration.accurate = false, "declaration.accurate", "must_accept"),
        ];
        for (break_it, field, code) in cases {
            let mut a = valid();
            break_it(&mut a);
            let errors = validate_application(&a, &dataset(), TODAY);
            assert!(errors.iter().any(|e| e.field == field && e.code.as_str() == code), "{field}: {code} in {errors:?}");
        }
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let mut a = valid();
        a.team[0].email = "x".into();
        a.funding.sought_mad = 0;
        a.declaration.consent = false;
        assert_eq!(validate_application(&a, &dataset(), TODAY).len(), 3);
    }

    #[test]
    fn unknown_fields_are_refused_by_the_model() {
        let mut v = serde_json::to_value(valid()).unwrap();
        v["startup"]["mood"] = "sunny".into();
        assert!(serde_json::from_value::<Application>(v).is_err());
    }

    #[test]
    fn status_moves_one_step() {
        use Status::*;
        assert_eq!(next_status(Received, Direction::Forward, None), Ok((Preselected, None)));
        assert_eq!(next_status(Received, Direction::Back, None), Err(Code::StatusFirst));
        assert_eq!(next_status(Jury, Direction::Forward, None), Err(Code::OutcomeRequired));
        assert_eq!(next_status(Jury, Direction::Forward, Some(Outcome::Selected)), Ok((Decided, Some(Outcome::Selected))));
        assert_eq!(next_status(Decided, Direction::Back, None), Ok((Jury, None)));
        assert_eq!(next_status(Decided, Direction::Forward, None), Err(Code::StatusFinal));
        assert_eq!(next_status(Bootcamp, Direction::Withdraw, None), Ok((Withdrawn, None)));
        assert_eq!(next_status(Withdrawn, Direction::Forward, None), Err(Code::StatusFinal));
        assert_eq!(next_status(ChangesRequested, Direction::Forward, None), Err(Code::ChangesPending));
        assert_eq!(next_status(ChangesRequested, Direction::Back, None), Err(Code::ChangesPending));
        assert_eq!(next_status(ChangesRequested, Direction::Withdraw, None), Ok((Withdrawn, None)));
        // The names on the wire are unchanged.
        for &s in Status::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(serde_json::from_value::<Status>(serde_json::json!(s.as_str())).unwrap(), s);
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(serde_json::to_value(Outcome::NotSelected).unwrap(), "not_selected");
        assert_eq!(Outcome::parse("selected"), Some(Outcome::Selected));
        assert_eq!(Status::parse("Received"), None);
        let e = serde_json::from_value::<Outcome>(serde_json::json!("maybe")).unwrap_err().to_string();
        assert!(e.contains("maybe") && e.contains("not_selected"), "{e}");
    }

    #[test]
    fn changes_return_to_the_stage_they_were_asked_at() {
        use Status::*;
        assert_eq!(changes_return_to(Received, None), Ok(Received));
        assert_eq!(changes_return_to(Jury, None), Ok(Jury));
        assert_eq!(changes_return_to(Decided, None), Err(Code::StatusFinal));
        assert_eq!(changes_return_to(Withdrawn, None), Err(Code::StatusFinal));
        // Asked again while waiting: the first request's stage.
        assert_eq!(changes_return_to(ChangesRequested, Some(Bootcamp)), Ok(Bootcamp));
        assert_eq!(changes_return_to(ChangesRequested, None), Err(Code::StatusFinal));
    }

    #[test]
    fn civil_dates_from_unix_days() {
        assert_eq!(Day::from_unix_days(0).iso(), "1970-01-01");
        assert_eq!(Day::from_unix_days(19_716).iso(), "2023-12-25");
        assert_eq!(Day::from_unix_days(20_418).iso(), "2025-11-26");
        assert_eq!(Day::from_unix_days(11_016).iso(), "2000-02-29");
    }

    #[test]
    fn references_are_friendly() {
        let r = reference(2026, 0x0012_3456_789A);
        assert!(is_reference(&r), "{r}");
        assert!(r.starts_with("GBI-2026-"));
        assert!(!is_reference("GBI-2026-0000-0000"));
        assert!(!is_reference("GBI-2026-ABCD-EFG"));
    }

    proptest! {
        #[test]
        fn any_reference_has_the_shape(year in 2000u16..3000, random in any::<u64>()) {
            let r = reference(year, random);
            prop_assert!(is_reference(&r));
            prop_assert!(!r[9..].contains(['0', 'O', '1', 'I']), "{}", r);
        }

        #[test]
        fn different_random_bits_give_different_references(a in any::<u64>(), b in any::<u64>()) {
            // The 40 low bits are all used: two draws differing there never collide.
            prop_assume!((a ^ b) & ((1 << 40) - 1) != 0);
            prop_assert_ne!(reference(2026, a), reference(2026, b));
        }

        #[test]
        fn rules_never_panic(name in "\\PC{0,200}", date in "\\PC{0,12}", email in "\\PC{0,30}", phone in "\\PC{0,20}", pct in any::<u8>()) {
            let mut a = valid();
            a.startup.name = name;
            a.startup.creation_date = date;
            a.team[0].email = email;
            a.team[0].phone = phone;
            a.funding.self_financing_pct = pct;
            let _ = validate_application(&a, &dataset(), TODAY);
            normalize(&mut a);
        }
    }
}
