//! The cluster's data document (docs/data.md).
//! Reading is tolerant: fields this version does not know are ignored, so a
//! newer server never breaks an older app. [`crate::validate`] is strict.

use crate::sym::Sym;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The document format version this code writes and fully understands.
pub const FORMAT_VERSION: u32 = 1;

/// The seven sector ids, in the order of the 2023 report.
pub const SECTOR_IDS: [&str; 7] = ["solar", "metallurgy", "electrical", "engineering", "construction", "finance", "other"];

macro_rules! schema_struct {
    ($(#[$m:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
        pub struct $name { $($body)* }
    };
}

schema_struct! {
    /// The whole document.
    pub struct Dataset {
        /// Format version ([`FORMAT_VERSION`]).
        pub version: u32,
        /// The date the data describes, `YYYY-MM-DD`.
        pub as_of: String,
        /// Where the data comes from, and what is illustrative.
        pub source: Source,
        /// Activity sectors (the seven ids of [`SECTOR_IDS`]).
        pub sectors: Vec<Sector>,
        /// Kinds of member.
        pub member_types: Vec<MemberType>,
        /// Morocco's 12 regions with their main cities.
        pub regions: Vec<Region>,
        /// Quality labels (Taqa Pro).
        pub labels: Vec<Label>,
        /// The cluster's programmes.
        pub programmes: Vec<Programme>,
        /// Member organisations (absent from `?include=meta`).
        #[serde(default)]
        pub members: Vec<Member>,
        /// Start-ups the cluster supported (absent from `?include=meta`).
        #[serde(default)]
        pub startups: Vec<Startup>,
        /// Partner institutions, funders and universities (absent from `?include=meta`).
        #[serde(default)]
        pub partners: Vec<Partner>,
        /// Headline figures by year, each with its source.
        pub figures: Vec<YearFigures>,
        /// Calls for applications to the programmes (also in `?include=meta`).
        #[serde(default)]
        pub calls: Vec<Call>,
        /// Sizes of the lists, sent with `?include=meta` in place of the lists.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub totals: Option<Totals>,
    }
}

schema_struct! {
    /// Where the data comes from.
    pub struct Source {
        /// A sentence for the footer: sources, and what is illustrative.
        pub text: Text,
        /// Web pages of the sources, when known (http/https).
        #[serde(default)]
        pub urls: Vec<String>,
        /// The publications the figures come from.
        #[serde(default)]
        pub references: Vec<Reference>,
    }
}

schema_struct! {
    /// A publication cited by the figures.
    pub struct Reference {
        /// Slug, cited by [`YearFigures::source`].
        pub id: String,
        /// Title of the article or report.
        pub title: String,
        /// Who published it.
        pub publisher: String,
        /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
        pub date: String,
        /// Its address, when known (http/https).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
    }
}

schema_struct! {
    /// An activity sector.
    pub struct Sector {
        /// One of [`SECTOR_IDS`].
        pub id: String,
        /// Its name.
        pub name: Text,
        /// Share of members in this sector in the 2023 report, in percent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub report_share: Option<u8>,
    }
}

schema_struct! {
    /// A kind of member (federation, TPME, start-up, …).
    pub struct MemberType {
        /// Slug.
        pub id: String,
        /// Its name.
        pub name: Text,
    }
}

schema_struct! {
    /// One of Morocco's regions.
    pub struct Region {
        /// Slug.
        pub id: String,
        /// Its name.
        pub name: Text,
        /// Its main cities.
        pub cities: Vec<City>,
    }
}

schema_struct! {
    /// A city.
    pub struct City {
        /// Slug, unique across regions.
        pub id: String,
        /// Its name.
        pub name: Text,
    }
}

schema_struct! {
    /// A quality label.
    pub struct Label {
        /// Slug.
        pub id: String,
        /// Its name.
        pub name: Text,
        /// What it certifies.
        pub description: Text,
    }
}

schema_struct! {
    /// A call for applications to a programme: open from `opens` to `closes`
    /// inclusive, or from `opens` on while `closes` is absent (a rolling call).
    pub struct Call {
        /// Slug.
        pub id: String,
        /// The programme's id.
        pub programme: String,
        /// First day applications are accepted, `YYYY-MM-DD`.
        pub opens: String,
        /// Last day applications are accepted, `YYYY-MM-DD`; absent while
        /// the call is rolling.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub closes: Option<String>,
        /// Start-ups the call selects.
        pub places: u32,
        /// The month the next call is expected, `YYYY-MM`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub next_month: Option<String>,
        /// When the next call is expected, in words (when a month says too little).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub next_expected: Option<Text>,
        /// True when no source gives these dates.
        #[serde(default)]
        pub illustrative: bool,
    }
}

schema_struct! {
    /// A programme of the cluster.
    pub struct Programme {
        /// Slug.
        pub id: String,
        /// Its name.
        pub name: Text,
        /// What it offers.
        pub description: Text,
    }
}

schema_struct! {
    /// A member organisation.
    pub struct Member {
        /// Slug.
        pub id: String,
        /// Its name (usually the same in every language).
        pub name: Text,
        /// A [`MemberType`] id.
        #[serde(rename = "type")]
        pub member_type: Sym,
        /// A [`Sector`] id.
        pub sector: Sym,
        /// A [`Region`] id.
        pub region: Sym,
        /// A [`City`] id of that region.
        pub city: Sym,
        /// Year it joined the cluster (2014 or later).
        pub joined: u16,
        /// What it does.
        pub description: Text,
        /// Search keywords.
        #[serde(default)]
        pub keywords: Vec<Sym>,
        /// [`Label`] ids it holds.
        #[serde(default)]
        pub labels: Vec<Sym>,
        /// Programmes it took part in.
        #[serde(default)]
        pub programmes: Vec<Participation>,
        /// The contact fields it chose to publish.
        #[serde(default)]
        pub contact: Contact,
    }
}

schema_struct! {
    /// Taking part in a programme in a given year (for the incubator, the cohort).
    pub struct Participation {
        /// A [`Programme`] id.
        pub programme: Sym,
        /// The year.
        pub year: u16,
    }
}

schema_struct! {
    /// Published contact fields; each is optional.
    #[derive(Default)]
    pub struct Contact {
        /// Web site (http/https).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub website: Option<String>,
        /// E-mail address.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub email: Option<String>,
        /// Phone number (Moroccan format).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub phone: Option<String>,
    }
}

schema_struct! {
    /// A start-up the cluster supported.
    pub struct Startup {
        /// Slug.
        pub id: String,
        /// Its name.
        pub name: Text,
        /// A [`Sector`] id.
        pub sector: Sym,
        /// A [`Region`] id.
        pub region: Sym,
        /// A [`City`] id of that region.
        pub city: Sym,
        /// Year founded.
        pub founded: u16,
        /// Year of the cohort it was supported in (2015 or later).
        pub cohort: u16,
        /// [`Programme`] ids it took part in (at least one).
        pub programmes: Vec<Sym>,
        /// Funds raised, in Moroccan dirhams.
        pub raised_mad: u64,
        /// What it does.
        pub description: Text,
        /// Web site (http/https).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub website: Option<String>,
    }
}

schema_struct! {
    /// A partner of the cluster.
    pub struct Partner {
        /// Slug.
        pub id: String,
        /// Its name.
        pub name: Text,
        /// `institution`, `funder`, `university`, `federation`, `international` or `company`.
        pub kind: String,
        /// True when the name stands for an invented partner.
        #[serde(default)]
        pub illustrative: bool,
        /// Web site (http/https).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub website: Option<String>,
    }
}

schema_struct! {
    /// Published headline figures for a year. Different measures stay in
    /// different fields (the 2019 "committed" fundraising is not the 2023
    /// "raised by incubated start-ups" one).
    pub struct YearFigures {
        /// The year described.
        pub year: u16,
        /// The [`Reference`] id the figures come from.
        pub source: String,
        /// Active members.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub active_members: Option<Figure>,
        /// Start-ups supported per year (average).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub startups_per_year: Option<Figure>,
        /// Start-ups supported since 2015.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub startups_supported: Option<Figure>,
        /// Fundraising of incubated start-ups accompanied by the incubator, MAD.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub incubator_fundraising_mad: Option<Figure>,
        /// Start-up fundraising committed, MAD (2019's measure).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub committed_fundraising_mad: Option<Figure>,
        /// Strategic partnerships.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub partnerships: Option<Figure>,
        /// Collaborative projects.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub collaborative_projects: Option<Figure>,
    }
}

schema_struct! {
    /// A published number; `lower_bound` marks "210+"-style figures.
    pub struct Figure {
        /// The number.
        pub value: u64,
        /// True when the source gives it as a lower bound.
        #[serde(default)]
        pub lower_bound: bool,
    }
}

schema_struct! {
    /// How many records each list holds (sent by `?include=meta`).
    pub struct Totals {
        /// Members.
        pub members: u64,
        /// Start-ups.
        pub startups: u64,
        /// Partners.
        pub partners: u64,
    }
}

impl Dataset {
    /// Number of members, from the list or, for a meta document, the totals.
    pub fn member_count(&self) -> u64 {
        self.totals.as_ref().map_or(self.members.len() as u64, |t| t.members.max(self.members.len() as u64))
    }

    /// Number of start-ups, from the list or the totals.
    pub fn startup_count(&self) -> u64 {
        self.totals.as_ref().map_or(self.startups.len() as u64, |t| t.startups.max(self.startups.len() as u64))
    }

    /// The most recent figures that give `pick`, with their year.
    pub fn latest<'a>(&'a self, pick: impl Fn(&'a YearFigures) -> Option<&'a Figure>) -> Option<(u16, &'a Figure)> {
        self.figures.iter().filter_map(|y| pick(y).map(|f| (y.year, f))).max_by_key(|(y, _)| *y)
    }

    /// A sector by id.
    pub fn sector(&self, id: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.id == id)
    }

    /// A region by id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The name of a referenced thing: `what` is `sector`, `type`, `region`,
    /// `city`, `label` or `programme`.
    pub fn name_of(&self, what: &str, id: &str) -> Option<&Text> {
        match what {
            "sector" => self.sectors.iter().find(|x| x.id == id).map(|x| &x.name),
            "type" => self.member_types.iter().find(|x| x.id == id).map(|x| &x.name),
            "region" => self.regions.iter().find(|x| x.id == id).map(|x| &x.name),
            "city" => self.regions.iter().flat_map(|r| &r.cities).find(|x| x.id == id).map(|x| &x.name),
            "label" => self.labels.iter().find(|x| x.id == id).map(|x| &x.name),
            "programme" => self.programmes.iter().find(|x| x.id == id).map(|x| &x.name),
            _ => None,
        }
    }

    /// [`Dataset::name_of`] in `lang`, or the id itself when unknown.
    pub fn name_in(&self, what: &str, id: &str, lang: crate::lang::Lang) -> String {
        self.name_of(what, id).map_or_else(|| id.to_owned(), |t| t.in_lang(lang).to_owned())
    }

    /// A call's name in `lang`: its programme's name and the day it opened
    /// ("GBI · 1er janvier 2024"); the id itself for a call the document
    /// does not hold.
    pub fn call_name(&self, id: &str, lang: crate::lang::Lang) -> String {
        match self.calls.iter().find(|c| c.id == id) {
            Some(c) => format!("{} · {}", self.name_in("programme", &c.programme, lang), crate::format::date(&c.opens, lang)),
            None => id.to_owned(),
        }
    }

    /// A reference by id.
    pub fn reference(&self, id: &str) -> Option<&Reference> {
        self.source.references.iter().find(|r| r.id == id)
    }
}

/// Which of the document's two large lists a page needs, or a file holds.
/// The bundled document `data/cluster.json` is also written split in two
/// (`data/members.json`, `data/startups.json`: the same shape with the other
/// list empty), so that a directory downloads only its own list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lists {
    /// Neither list: only the shared parts (regions, calls, figures…).
    Meta,
    /// The members.
    Members,
    /// The start-ups.
    Startups,
    /// Both: the whole document.
    All,
}

impl Lists {
    /// What the page at `path` (a route of the app, without query) needs
    /// (the site's table: `crate::route`).
    pub fn for_path(path: &str) -> Lists {
        crate::route::section(path).lists
    }

    /// True when a document holding `self` serves a page needing `need`.
    pub fn covers(self, need: Lists) -> bool {
        self == Lists::All || need == Lists::Meta || self == need
    }

    /// The bundled file to fetch first for a page needing `self` (the
    /// members' file, the smaller, when no list is needed).
    pub fn first_file(self) -> &'static str {
        match self {
            Lists::Meta | Lists::Members => "/data/members.json",
            Lists::Startups => "/data/startups.json",
            Lists::All => "/data/cluster.json",
        }
    }

    /// The bundled file that completes a document holding `self` (`None`
    /// once it holds both lists); with it the document holds [`Lists::All`].
    pub fn missing_file(self) -> Option<&'static str> {
        match self {
            Lists::Members => Some("/data/startups.json"),
            Lists::Startups | Lists::Meta => Some("/data/members.json"),
            Lists::All => None,
        }
    }

    /// What the bundled file at `url` holds.
    pub fn of_file(url: &str) -> Lists {
        match url {
            "/data/members.json" => Lists::Members,
            "/data/startups.json" => Lists::Startups,
            _ => Lists::All,
        }
    }
}

impl Dataset {
    /// The two split files' documents: `(file name, document)` for
    /// `data/members.json` (no start-ups) and `data/startups.json` (no members).
    pub fn split(&self) -> [(&'static str, Dataset); 2] {
        let members = Dataset { startups: Vec::new(), ..self.clone() };
        let startups = Dataset { members: Vec::new(), ..self.clone() };
        [("data/members.json", members), ("data/startups.json", startups)]
    }

    /// Takes from `part` (a split file's document holding `lists`) the list
    /// this document lacks; the rest of this document is kept.
    pub fn add_list(&mut self, part: Dataset, lists: Lists) {
        match lists {
            Lists::Members => self.members = part.members,
            Lists::Startups => self.startups = part.startups,
            Lists::All => {
                self.members = part.members;
                self.startups = part.startups;
            }
            Lists::Meta => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Dataset {
        serde_json::from_str(include_str!("../../../public/data/cluster.json")).expect("the bundled dataset parses")
    }

    #[test]
    fn each_route_needs_the_lists_it_shows() {
        for (path, need) in [
            ("/members", Lists::Members),
            ("/members/", Lists::Members),
            ("/members/amee", Lists::Members),
            ("/startups", Lists::Startups),
            ("/startups/x", Lists::Startups),
            ("/apply", Lists::Meta),
            ("/apply/status", Lists::Meta),
            ("/apply/correct", Lists::Meta),
            ("/", Lists::All),
            ("/sectors", Lists::All),
            ("/incubator", Lists::All),
            ("/membersx", Lists::All),
            ("/nowhere", Lists::All),
        ] {
            assert_eq!(Lists::for_path(path), need, "{path}");
        }
    }

    #[test]
    fn a_file_serves_the_pages_whose_lists_it_holds() {
        assert!(Lists::Members.covers(Lists::Members) && Lists::Members.covers(Lists::Meta));
        assert!(!Lists::Members.covers(Lists::Startups) && !Lists::Members.covers(Lists::All));
        assert!(!Lists::Startups.covers(Lists::Members));
        assert!([Lists::Meta, Lists::Members, Lists::Startups, Lists::All].iter().all(|&n| Lists::All.covers(n)));
        // The first download of a page covers it; the missing file completes it.
        for need in [Lists::Meta, Lists::Members, Lists::Startups, Lists::All] {
            let held = Lists::of_file(need.first_file());
            assert!(held.covers(need), "{need:?}");
            if let Some(more) = held.missing_file() {
                assert_eq!(Lists::of_file(more), if held == Lists::Members { Lists::Startups } else { Lists::Members });
            }
        }
        assert_eq!(Lists::All.missing_file(), None);
    }

    #[test]
    fn a_call_is_named_by_its_programme_and_opening_day() {
        let mut d = bundled();
        d.calls[0].id = "gbi-2026".into();
        d.calls[0].opens = "2026-01-05".into();
        let gbi = d.name_in("programme", &d.calls[0].programme, crate::lang::Lang::Fr);
        assert_eq!(d.call_name("gbi-2026", crate::lang::Lang::Fr), format!("{gbi} · 5 janvier 2026"));
        assert_eq!(d.call_name("gone-2019", crate::lang::Lang::Ar), "gone-2019", "an unknown call keeps its id");
    }

    #[test]
    fn the_split_files_hold_one_list_each_and_add_up_to_the_document() {
        let d = bundled();
        assert!(!d.members.is_empty() && !d.startups.is_empty());
        let [(m_name, members), (s_name, startups)] = d.split();
        assert_eq!((m_name, s_name), ("data/members.json", "data/startups.json"));
        assert_eq!((members.members.len(), members.startups.len()), (d.members.len(), 0));
        assert_eq!((startups.members.len(), startups.startups.len()), (0, d.startups.len()));
        assert_eq!(members.regions, d.regions);
        assert_eq!(startups.calls, d.calls);
        for (mut first, second, lists) in [(members.clone(), startups.clone(), Lists::Startups), (startups, members, Lists::Members)] {
            first.add_list(second, lists);
            assert_eq!(first, d);
        }
    }
}
