//! Strict validation of a data document: what the types cannot say. Every
//! problem is a stable [`Code`] with the record's path (`members[17].website`),
//! which the validator command, the server and the app turn into messages.

use crate::contact::{UrlProblem, check_url, is_email, normalize_phone};
use crate::model::*;
use crate::text::Text;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A kind of problem. The string form ([`Code::as_str`]) is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// A field this format does not define.
    UnknownField,
    /// The document's `version` is not one this code understands.
    VersionUnsupported,
    /// An id that is not a lowercase ASCII slug.
    IdFormat,
    /// The same id twice in one collection.
    IdDuplicate,
    /// A reference to an id that does not exist.
    RefUnknown,
    /// A city that is not in the record's region.
    CityNotInRegion,
    /// A required sector is missing.
    SectorMissing,
    /// A web address that is not http/https.
    UrlScheme,
    /// A web address that is not an address.
    UrlInvalid,
    /// A malformed e-mail address.
    EmailInvalid,
    /// A phone number in no Moroccan format.
    PhoneInvalid,
    /// A malformed or impossible date.
    DateInvalid,
    /// A year outside what the record allows.
    YearRange,
    /// A text whose French version is empty.
    TextEmpty,
    /// Reported sector shares that do not add up to 100 %.
    ShareTotal,
    /// Totals that disagree with the lists.
    TotalsMismatch,
    /// A list that must not be empty is.
    Empty,
    /// A period that ends before it starts.
    DateOrder,
}

impl Code {
    /// The stable code string.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnknownField => "unknown_field",
            Code::VersionUnsupported => "version_unsupported",
            Code::IdFormat => "id_format",
            Code::IdDuplicate => "id_duplicate",
            Code::RefUnknown => "ref_unknown",
            Code::CityNotInRegion => "city_not_in_region",
            Code::SectorMissing => "sector_missing",
            Code::UrlScheme => "url_scheme",
            Code::UrlInvalid => "url_invalid",
            Code::EmailInvalid => "email_invalid",
            Code::PhoneInvalid => "phone_invalid",
            Code::DateInvalid => "date_invalid",
            Code::YearRange => "year_range",
            Code::TextEmpty => "text_empty",
            Code::ShareTotal => "share_total",
            Code::TotalsMismatch => "totals_mismatch",
            Code::Empty => "empty",
            Code::DateOrder => "date_order",
        }
    }

    /// A sentence for people (English; the app and server translate codes).
    pub fn describe(self) -> &'static str {
        match self {
            Code::UnknownField => "this field is not part of the format",
            Code::VersionUnsupported => "this format version is not supported",
            Code::IdFormat => "an id must be a lowercase ASCII slug (a-z, 0-9, dashes)",
            Code::IdDuplicate => "this id is used twice",
            Code::RefUnknown => "this refers to an id that does not exist",
            Code::CityNotInRegion => "this city is not in the record's region",
            Code::SectorMissing => "a required sector is missing",
            Code::UrlScheme => "only http and https addresses are allowed",
            Code::UrlInvalid => "this is not a web address",
            Code::EmailInvalid => "this is not an e-mail address",
            Code::PhoneInvalid => "this is not a Moroccan phone number",
            Code::DateInvalid => "this is not a valid date",
            Code::YearRange => "this year is out of range",
            Code::TextEmpty => "the French text is empty",
            Code::ShareTotal => "the reported sector shares do not add up to 100",
            Code::TotalsMismatch => "the totals disagree with the lists",
            Code::Empty => "this list must not be empty",
            Code::DateOrder => "this period ends before it starts",
        }
    }
}

/// One problem: where, what, and the offending value or detail when useful.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Path of the field, e.g. `members[17].website`.
    pub path: String,
    /// What is wrong.
    pub code: Code,
    /// The offending value or a detail, when it helps.
    pub detail: Option<String>,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.path, self.code.as_str(), self.code.describe())?;
        if let Some(d) = &self.detail {
            write!(f, ": {d}")?;
        }
        Ok(())
    }
}

/// Whether `id` is a lowercase ASCII slug: `a-z0-9` words joined by single dashes.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Whether `s` is a valid `YYYY-MM-DD` date (or `YYYY-MM` / `YYYY` when `partial`).
pub fn is_date(s: &str, partial: bool) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten();
    match parts.as_slice() {
        [y] if partial => num(y, 4).is_some(),
        [y, m] if partial => num(y, 4).is_some() && num(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => match (num(y, 4), num(m, 2), num(d, 2)) {
            (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) => {
                let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1];
                (1..=days).contains(&d)
            }
            _ => false,
        },
        _ => false,
    }
}

struct Checker {
    issues: Vec<Issue>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, code: Code, detail: Option<&str>) {
        self.issues.push(Issue { path: path.into(), code, detail: detail.map(str::to_owned) });
    }

    fn text(&mut self, path: &str, t: &Text) {
        if t.fr.trim().is_empty() {
            self.push(format!("{path}.fr"), Code::TextEmpty, None);
        }
    }

    fn url(&mut self, path: String, url: &str) {
        match check_url(url) {
            Ok(()) => {}
            Err(UrlProblem::Scheme) => self.push(path, Code::UrlScheme, Some(url)),
            Err(UrlProblem::Invalid) => self.push(path, Code::UrlInvalid, Some(url)),
        }
    }

    /// Checks ids of a collection: format and uniqueness. Returns the id set.
    fn ids<'a>(&mut self, list: &str, ids: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !is_slug(id) {
                self.push(format!("{list}[{i}].id"), Code::IdFormat, Some(id));
            }
            if !seen.insert(id) {
                self.push(format!("{list}[{i}].id"), Code::IdDuplicate, Some(id));
            }
        }
        seen
    }

    fn reference(&mut self, path: String, id: &str, known: &HashSet<&str>) {
        if !known.contains(id) {
            self.push(path, Code::RefUnknown, Some(id));
        }
    }

    fn place(&mut self, path: &str, region: &str, city: &str, regions: &HashSet<&str>, city_region: &HashMap<&str, &str>) {
        if !regions.contains(region) {
            self.push(format!("{path}.region"), Code::RefUnknown, Some(region));
        }
        match city_region.get(city) {
            None => self.push(format!("{path}.city"), Code::RefUnknown, Some(city)),
            Some(r) if *r != region && regions.contains(region) => self.push(format!("{path}.city"), Code::CityNotInRegion, Some(city)),
            Some(_) => {}
        }
    }
}

/// Checks everything types cannot: ids, references, addresses, dates, years,
/// shares and totals. An empty result means the document is valid.
pub fn validate(d: &Dataset) -> Vec<Issue> {
    let mut c = Checker { issues: Vec::new() };
    if d.version != FORMAT_VERSION {
        c.push("version", Code::VersionUnsupported, Some(&d.version.to_string()));
    }
    if !is_date(&d.as_of, false) {
        c.push("as_of", Code::DateInvalid, Some(&d.as_of));
    }
    let as_of_year: u16 = d.as_of.get(..4).and_then(|y| y.parse().ok()).unwrap_or(u16::MAX);
    c.text("source.text", &d.source.text);
    for (i, u) in d.source.urls.iter().enumerate() {
        c.url(format!("source.urls[{i}]"), u);
    }
    let references = c.ids("source.references", d.source.references.iter().map(|r| r.id.as_str()));
    for (i, r) in d.source.references.iter().enumerate() {
        if !is_date(&r.date, true) {
            c.push(format!("source.references[{i}].date"), Code::DateInvalid, Some(&r.date));
        }
        if let Some(u) = &r.url {
            c.url(format!("source.references[{i}].url"), u);
        }
    }

    let sectors = c.ids("sectors", d.sectors.iter().map(|s| s.id.as_str()));
    for (i, s) in d.sectors.iter().enumerate() {
        c.text(&format!("sectors[{i}].name"), &s.name);
    }
    for id in SECTOR_IDS {
        if !sectors.contains(id) {
            c.push("sectors", Code::SectorMissing, Some(id));
        }
    }
    let shares: Vec<u32> = d.sectors.iter().filter_map(|s| s.report_share.map(u32::from)).collect();
    if !shares.is_empty() && shares.iter().sum::<u32>() != 100 {
        c.push("sectors", Code::ShareTotal, Some(&shares.iter().sum::<u32>().to_string()));
    }

    let types = c.ids("member_types", d.member_types.iter().map(|t| t.id.as_str()));
    for (i, t) in d.member_types.iter().enumerate() {
        c.text(&format!("member_types[{i}].name"), &t.name);
    }
    let regions = c.ids("regions", d.regions.iter().map(|r| r.id.as_str()));
    let mut city_region = HashMap::new();
    for (i, r) in d.regions.iter().enumerate() {
        c.text(&format!("regions[{i}].name"), &r.name);
        if r.cities.is_empty() {
            c.push(format!("regions[{i}].cities"), Code::Empty, None);
        }
        for (j, city) in r.cities.iter().enumerate() {
            if !is_slug(&city.id) {
                c.push(format!("regions[{i}].cities[{j}].id"), Code::IdFormat, Some(&city.id));
            }
            if city_region.insert(city.id.as_str(), r.id.as_str()).is_some() {
                c.push(format!("regions[{i}].cities[{j}].id"), Code::IdDuplicate, Some(&city.id));
            }
            c.text(&format!("regions[{i}].cities[{j}].name"), &city.name);
        }
    }
    let labels = c.ids("labels", d.labels.iter().map(|l| l.id.as_str()));
    let programmes = c.ids("programmes", d.programmes.iter().map(|p| p.id.as_str()));
    for (i, p) in d.programmes.iter().enumerate() {
        c.text(&format!("programmes[{i}].name"), &p.name);
    }

    c.ids("members", d.members.iter().map(|m| m.id.as_str()));
    for (i, m) in d.members.iter().enumerate() {
        let p = format!("members[{i}]");
        c.text(&format!("{p}.name"), &m.name);
        c.text(&format!("{p}.description"), &m.description);
        c.reference(format!("{p}.type"), &m.member_type, &types);
        c.reference(format!("{p}.sector"), &m.sector, &sectors);
        c.place(&p, &m.region, &m.city, &regions, &city_region);
        if !(2014..=as_of_year).contains(&m.joined) {
            c.push(format!("{p}.joined"), Code::YearRange, Some(&m.joined.to_string()));
        }
        for (j, l) in m.labels.iter().enumerate() {
            c.reference(format!("{p}.labels[{j}]"), l, &labels);
        }
        for (j, part) in m.programmes.iter().enumerate() {
            c.reference(format!("{p}.programmes[{j}].programme"), &part.programme, &programmes);
            if !(2014..=as_of_year).contains(&part.year) {
                c.push(format!("{p}.programmes[{j}].year"), Code::YearRange, Some(&part.year.to_string()));
            }
        }
        if let Some(u) = &m.contact.website {
            c.url(format!("{p}.contact.website"), u);
        }
        if let Some(e) = &m.contact.email
            && !is_email(e)
        {
            c.push(format!("{p}.contact.email"), Code::EmailInvalid, Some(e));
        }
        if let Some(ph) = &m.contact.phone
            && normalize_phone(ph).is_none()
        {
            c.push(format!("{p}.contact.phone"), Code::PhoneInvalid, Some(ph));
        }
    }

    c.ids("startups", d.startups.iter().map(|s| s.id.as_str()));
    for (i, s) in d.startups.iter().enumerate() {
        let p = format!("startups[{i}]");
        c.text(&format!("{p}.name"), &s.name);
        c.text(&format!("{p}.description"), &s.description);
        c.reference(format!("{p}.sector"), &s.sector, &sectors);
        c.place(&p, &s.region, &s.city, &regions, &city_region);
        if !(2015..=as_of_year).contains(&s.cohort) {
            c.push(format!("{p}.cohort"), Code::YearRange, Some(&s.cohort.to_string()));
        }
        if !(1990..=s.cohort).contains(&s.founded) {
            c.push(format!("{p}.founded"), Code::YearRange, Some(&s.founded.to_string()));
        }
        if s.programmes.is_empty() {
            c.push(format!("{p}.programmes"), Code::Empty, None);
        }
        for (j, prog) in s.programmes.iter().enumerate() {
            c.reference(format!("{p}.programmes[{j}]"), prog, &programmes);
        }
        if let Some(u) = &s.website {
            c.url(format!("{p}.website"), u);
        }
    }

    c.ids("partners", d.partners.iter().map(|p| p.id.as_str()));
    for (i, p) in d.partners.iter().enumerate() {
        c.text(&format!("partners[{i}].name"), &p.name);
        if !matches!(p.kind.as_str(), "institution" | "funder" | "university" | "federation" | "international" | "company") {
            c.push(format!("partners[{i}].kind"), Code::RefUnknown, Some(&p.kind));
        }
        if let Some(u) = &p.website {
            c.url(format!("partners[{i}].website"), u);
        }
    }

    let mut years = HashSet::new();
    for (i, y) in d.figures.iter().enumerate() {
        if !(2014..=as_of_year).contains(&y.year) {
            c.push(format!("figures[{i}].year"), Code::YearRange, Some(&y.year.to_string()));
        }
        if !years.insert(y.year) {
            c.push(format!("figures[{i}].year"), Code::IdDuplicate, Some(&y.year.to_string()));
        }
        c.reference(format!("figures[{i}].source"), &y.source, &references);
    }

    c.ids("calls", d.calls.iter().map(|x| x.id.as_str()));
    for (i, call) in d.calls.iter().enumerate() {
        let p = format!("calls[{i}]");
        c.reference(format!("{p}.programme"), &call.programme, &programmes);
        let opens = is_date(&call.opens, false).then_some(call.opens.as_str());
        if opens.is_none() {
            c.push(format!("{p}.opens"), Code::DateInvalid, Some(&call.opens));
        }
        if let Some(closes) = &call.closes {
            if !is_date(closes, false) {
                c.push(format!("{p}.closes"), Code::DateInvalid, Some(closes));
            } else if opens.is_some_and(|o| closes.as_str() < o) {
                c.push(format!("{p}.closes"), Code::DateOrder, Some(closes));
            }
        }
        if let Some(m) = &call.next_month
            && !(m.len() == 7 && is_date(&format!("{m}-01"), false))
        {
            c.push(format!("{p}.next_month"), Code::DateInvalid, Some(m));
        }
    }

    if let Some(t) = &d.totals {
        let pairs = [
            ("members", t.members, d.members.len()),
            ("startups", t.startups, d.startups.len()),
            ("partners", t.partners, d.partners.len()),
        ];
        for (name, total, len) in pairs {
            if len > 0 && total != len as u64 {
                c.push(format!("totals.{name}"), Code::TotalsMismatch, Some(&format!("{total} != {len}")));
            }
        }
    }
    c.issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A small valid document, built here so each test breaks one thing.
    fn valid() -> Dataset {
        let t = Text::same;
        let sectors = SECTOR_IDS
            .iter()
            .zip([33, 14, 14, 13, 8, 3, 15])
            .map(|(id, share)| Sector { id: (*id).into(), name: t(id), report_share: Some(share) })
            .collect();
        Dataset {
            version: FORMAT_VERSION,
            as_of: "2024-02-23".into(),
            source: Source {
                text: t("source"),
                urls: vec!["https://example.org/report".into()],
                references: vec![Reference {
                    id: "report".into(),
                    title: "R".into(),
                    publisher: "P".into(),
                    date: "2024-02".into(),
                    url: None,
                }],
            },
            sectors,
            member_types: vec![MemberType { id: "tpme".into(), name: t("TPME") }],
            regions: vec![
                Region {
                    id: "casablanca-settat".into(),
                    name: t("Casablanca-Settat"),
                    cities: vec![City { id: "casablanca".into(), name: t("Casablanca") }],
                },
                Region { id: "souss-massa".into(), name: t("Souss-Massa"), cities: vec![City { id: "agadir".into(), name: t("Agadir") }] },
            ],
            labels: vec![Label { id: "taqa-pro-pv".into(), name: t("Taqa Pro PV"), description: t("d") }],
            programmes: vec![Programme { id: "gbi".into(), name: t("GBI"), description: t("d") }],
            members: vec![Member {
                id: "atlas-solaire".into(),
                name: t("Atlas Solaire"),
                member_type: "tpme".into(),
                sector: "solar".into(),
                region: "casablanca-settat".into(),
                city: "casablanca".into(),
                joined: 2020,
                description: t("d"),
                keywords: vec!["pv".into()],
                labels: vec!["taqa-pro-pv".into()],
                programmes: vec![Participation { programme: "gbi".into(), year: 2021 }],
                contact: Contact {
                    website: Some("https://atlas.example".into()),
                    email: Some("contact@atlas.example".into()),
                    phone: Some("+212 5 00 00 00 01".into()),
                },
            }],
            startups: vec![Startup {
                id: "sunbox".into(),
                name: t("SunBox"),
                sector: "solar".into(),
                region: "souss-massa".into(),
                city: "agadir".into(),
                founded: 2019,
                cohort: 2021,
                programmes: vec!["gbi".into()],
                raised_mad: 100_000,
                description: t("d"),
                website: None,
            }],
            partners: vec![Partner { id: "amee".into(), name: t("AMEE"), kind: "institution".into(), illustrative: false, website: None }],
            figures: vec![YearFigures {
                year: 2023,
                source: "report".into(),
                active_members: Some(Figure { value: 210, lower_bound: true }),
                startups_per_year: None,
                startups_supported: None,
                incubator_fundraising_mad: None,
                committed_fundraising_mad: None,
                partnerships: None,
                collaborative_projects: None,
            }],
            calls: vec![Call {
                id: "gbi-2026".into(),
                programme: "gbi".into(),
                opens: "2026-01-05".into(),
                closes: Some("2026-03-31".into()),
                places: 20,
                next_month: Some("2027-01".into()),
                next_expected: None,
                illustrative: true,
            }],
            totals: None,
        }
    }

    fn only_issue(d: &Dataset) -> (String, Code) {
        let issues = validate(d);
        assert_eq!(issues.len(), 1, "{issues:#?}");
        (issues[0].path.clone(), issues[0].code)
    }

    #[test]
    fn the_valid_document_is_valid() {
        assert_eq!(validate(&valid()), []);
    }

    #[test]
    fn every_kind_of_problem_has_its_code_and_path() {
        type Break = fn(&mut Dataset);
        let cases: Vec<(Break, &str, Code)> = vec![
            (|d| d.version = 2, "version", Code::VersionUnsupported),
            (|d| d.as_of = "2024-02-30".into(), "as_of", Code::DateInvalid),
            (|d| d.source.urls[0] = "ftp://example.org".into(), "source.urls[0]", Code::UrlScheme),
            (|d| d.source.references[0].date = "Feb 2024".into(), "source.references[0].date", Code::DateInvalid),
            (|d| d.members[0].id = "Atlas Solaire".into(), "members[0].id", Code::IdFormat),
            (
                |d| {
                    let m = d.members[0].clone();
                    d.members.push(m)
                },
                "members[1].id",
                Code::IdDuplicate,
            ),
            (|d| d.members[0].member_type = "giant".into(), "members[0].type", Code::RefUnknown),
            (|d| d.members[0].sector = "nuclear".into(), "members[0].sector", Code::RefUnknown),
            (|d| d.members[0].region = "atlantis".into(), "members[0].region", Code::RefUnknown),
            (|d| d.members[0].city = "paris".into(), "members[0].city", Code::RefUnknown),
            (|d| d.members[0].city = "agadir".into(), "members[0].city", Code::CityNotInRegion),
            (|d| d.members[0].labels[0] = "taqa-pro-wind".into(), "members[0].labels[0]", Code::RefUnknown),
            (|d| d.members[0].programmes[0].programme = "moonshot".into(), "members[0].programmes[0].programme", Code::RefUnknown),
            (|d| d.members[0].programmes[0].year = 2031, "members[0].programmes[0].year", Code::YearRange),
            (|d| d.members[0].joined = 2010, "members[0].joined", Code::YearRange),
            (|d| d.members[0].contact.website = Some("javascript:alert(1)".into()), "members[0].contact.website", Code::UrlScheme),
            (|d| d.members[0].contact.website = Some("https://exa mple.org".into()), "members[0].contact.website", Code::UrlInvalid),
            (|d| d.members[0].contact.email = Some("nobody".into()), "members[0].contact.email", Code::EmailInvalid),
            (|d| d.members[0].contact.phone = Some("12".into()), "members[0].contact.phone", Code::PhoneInvalid),
            (|d| d.members[0].name.fr = "  ".into(), "members[0].name.fr", Code::TextEmpty),
            (|d| d.sectors.retain(|s| s.id != "other"), "sectors", Code::ShareTotal),
            (
                |d| {
                    d.sectors.retain(|s| s.id != "finance");
                    d.sectors[0].report_share = Some(36)
                },
                "sectors",
                Code::SectorMissing,
            ),
            (|d| d.regions[0].cities[0].id = "agadir".into(), "regions[1].cities[0].id", Code::IdDuplicate),
            (|d| d.regions[1].cities.clear(), "regions[1].cities", Code::Empty),
            (|d| d.startups[0].cohort = 2012, "startups[0].cohort", Code::YearRange),
            (|d| d.startups[0].founded = 2022, "startups[0].founded", Code::YearRange),
            (|d| d.startups[0].programmes.clear(), "startups[0].programmes", Code::Empty),
            (|d| d.calls[0].programme = "moonshot".into(), "calls[0].programme", Code::RefUnknown),
            (|d| d.calls[0].opens = "2026-02-30".into(), "calls[0].opens", Code::DateInvalid),
            (|d| d.calls[0].closes = Some("2025-12-31".into()), "calls[0].closes", Code::DateOrder),
            (|d| d.calls[0].next_month = Some("janvier".into()), "calls[0].next_month", Code::DateInvalid),
            (|d| d.startups[0].website = Some("data:text/html,x".into()), "startups[0].website", Code::UrlScheme),
            (|d| d.partners[0].kind = "friend".into(), "partners[0].kind", Code::RefUnknown),
            (|d| d.figures[0].source = "rumour".into(), "figures[0].source", Code::RefUnknown),
            (
                |d| {
                    let f = d.figures[0].clone();
                    d.figures.push(f)
                },
                "figures[1].year",
                Code::IdDuplicate,
            ),
            (|d| d.totals = Some(Totals { members: 5, startups: 1, partners: 1 }), "totals.members", Code::TotalsMismatch),
        ];
        for (i, (break_it, path, code)) in cases.into_iter().enumerate() {
            let mut d = valid();
            break_it(&mut d);
            let issues = validate(&d);
            assert!(issues.iter().any(|x| x.path == path && x.code == code), "case {i}: expected {path}: {} in {issues:#?}", code.as_str());
        }
        // A city in another region is reported once, as such (not also as unknown).
        let mut d = valid();
        d.members[0].city = "agadir".into();
        assert_eq!(only_issue(&d), ("members[0].city".into(), Code::CityNotInRegion));
    }

    #[test]
    fn codes_have_stable_distinct_strings() {
        let all = [
            Code::UnknownField,
            Code::VersionUnsupported,
            Code::IdFormat,
            Code::IdDuplicate,
            Code::RefUnknown,
            Code::CityNotInRegion,
            Code::SectorMissing,
            Code::UrlScheme,
            Code::UrlInvalid,
            Code::EmailInvalid,
            Code::PhoneInvalid,
            Code::DateInvalid,
            Code::YearRange,
            Code::TextEmpty,
            Code::ShareTotal,
            Code::TotalsMismatch,
            Code::Empty,
            Code::DateOrder,
        ];
        let strings: HashSet<&str> = all.iter().map(|c| c.as_str()).collect();
        assert_eq!(strings.len(), all.len());
        assert!(all.iter().all(|c| !c.describe().is_empty()));
    }

    #[test]
    fn round_trip_through_json() {
        let d = valid();
        let json = serde_json::to_vec(&d).unwrap();
        assert_eq!(crate::parse::parse_document(&json).unwrap(), d);
    }

    proptest! {
        #[test]
        fn validate_never_panics(id in "\\PC{0,12}", city in "\\PC{0,8}", url in "\\PC{0,20}", email in "\\PC{0,20}",
                                 phone in "\\PC{0,16}", year in any::<u16>(), as_of in "\\PC{0,12}", share in any::<u8>()) {
            let mut d = valid();
            d.members[0].id = id;
            d.members[0].city = city.into();
            d.members[0].contact = Contact { website: Some(url), email: Some(email), phone: Some(phone) };
            d.members[0].joined = year;
            d.startups[0].founded = year;
            d.as_of = as_of;
            d.sectors[0].report_share = Some(share);
            let _ = validate(&d);
        }
    }

    #[test]
    fn slugs() {
        assert!(is_slug("atlas-solar-2"));
        for bad in ["", "Atlas", "a--b", "-a", "a-", "a_b", "é", "a b"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(is_date("2024-02-29", false));
        assert!(!is_date("2023-02-29", false));
        assert!(!is_date("2024-13-01", false));
        assert!(!is_date("2024-02", false));
        assert!(is_date("2024-02", true));
        assert!(is_date("2024", true));
        assert!(!is_date("24-02-01", false));
        assert!(!is_date("2024-2-01", false));
    }
}
