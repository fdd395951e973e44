//! The site's one table of routes: which built entry of the app serves a
//! path, which lists of the data document its pages need, and which heading
//! the loading screen shows for it. The portal is built four times from one
//! crate, one wasm per part of the site, so that a page downloads the code of
//! its own part only: the directories, the application form, the team's
//! review workspace, and the rest (home, sectors, incubator).
//!
//! Everything else follows this table: `Entry::for_path` and
//! `Lists::for_path` here; the build step (`cluster-data entries`) writes
//! the page's loader (which entry to start, which data file to download
//! early) and the loading screen's headings from it; a test
//! (`crates/data/tests/routes.rs`) checks that the app's routers
//! (`src/app.rs`) hold exactly [`ROUTES`], each in its entry's router. An
//! entry loads the page again, and so the entry that serves it, for any
//! path it does not serve.

use crate::model::Lists;

/// Whether `path` is `prefix` or below it (`/members`, `/members/x`; not
/// `/membersx`).
pub fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A built entry of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Home, sectors, incubator, and the not-found page.
    Portal,
    /// The two directories and their profiles.
    Directory,
    /// The application form and the status of an application.
    Apply,
    /// The review: the incubator team's workspace (signed in), and the
    /// correction an applicant's e-mailed link opens (`/apply/correct`).
    /// Never pre-rendered; no public page downloads its code.
    Staff,
}

/// A part of the site: the paths at or under `prefix`, the entry that serves
/// them and the lists their pages need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub prefix: &'static str,
    pub entry: Entry,
    pub lists: Lists,
}

/// The parts of the site with an entry of their own, the first that holds
/// a path serving it. A path under none is the portal's ([`PORTAL`]).
pub const SECTIONS: [Section; 5] = [
    Section { prefix: "/members", entry: Entry::Directory, lists: Lists::Members },
    Section { prefix: "/startups", entry: Entry::Directory, lists: Lists::Startups },
    // An applicant's correction is part of the review round: the form's
    // public pages do not carry its code.
    Section { prefix: "/apply/correct", entry: Entry::Staff, lists: Lists::Meta },
    Section { prefix: "/apply", entry: Entry::Apply, lists: Lists::Meta },
    Section { prefix: "/staff", entry: Entry::Staff, lists: Lists::Meta },
];

/// Every other path: the portal's pages, which need the whole document.
pub const PORTAL: Section = Section { prefix: "/", entry: Entry::Portal, lists: Lists::All };

/// A route of the app, as its router writes it (`:id` for a parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub path: &'static str,
    /// The key (in `locales/*.json`) of the page's heading, which the
    /// loading screen shows before the app has started; `None` where the
    /// heading depends on the data (a profile) or the query (the form's
    /// steps, which the loading screen takes by slug).
    pub heading: Option<&'static str>,
}

/// Every route of the app.
pub const ROUTES: [Route; 14] = [
    Route { path: "/", heading: Some("home_heading") },
    Route { path: "/sectors", heading: Some("sectors_title") },
    Route { path: "/incubator", heading: Some("incubator_title") },
    Route { path: "/members", heading: Some("members_title") },
    Route { path: "/members/:id", heading: None },
    Route { path: "/startups", heading: Some("startups_title") },
    Route { path: "/startups/:id", heading: None },
    Route { path: "/apply", heading: None },
    Route { path: "/apply/status", heading: Some("apply_status_title") },
    // The workspace's loading screen says only that it loads: every
    // page's boot script carries the headings, and the public pages are
    // not to carry the workspace's.
    Route { path: "/staff", heading: None },
    Route { path: "/staff/applications/:id", heading: None },
    Route { path: "/staff/accounts", heading: None },
    Route { path: "/staff/audit", heading: None },
    Route { path: "/apply/correct", heading: None },
];

/// The part of the site `path` (without query) belongs to.
pub fn section(path: &str) -> Section {
    SECTIONS.into_iter().find(|s| under(path, s.prefix)).unwrap_or(PORTAL)
}

impl Entry {
    pub const ALL: [Entry; 4] = [Entry::Portal, Entry::Directory, Entry::Apply, Entry::Staff];

    /// Whether its pages are public, and so pre-rendered (docs/prerender.md):
    /// every entry's but the staff's, which need a signed-in person.
    pub fn public(self) -> bool {
        self != Entry::Staff
    }

    /// The entry that serves the page at `path` (without query).
    pub fn for_path(path: &str) -> Entry {
        section(path).entry
    }

    /// Its name in the page's loader.
    pub fn key(self) -> &'static str {
        match self {
            Entry::Portal => "portal",
            Entry::Directory => "directory",
            Entry::Apply => "apply",
            Entry::Staff => "staff",
        }
    }

    /// Its binary (`src/main.rs`, `src/bin/*.rs`), as Cargo and Trunk name it.
    pub fn bin(self) -> &'static str {
        match self {
            Entry::Portal => "cluster-enr-portal",
            Entry::Directory => "cluster-enr-directory",
            Entry::Apply => "cluster-enr-apply",
            Entry::Staff => "cluster-enr-staff",
        }
    }
}

/// `path`, `search` and `hash` as one address, whether the last two come
/// with their `?` and `#` or without.
pub fn join_url(path: &str, search: &str, hash: &str) -> String {
    let (search, hash) = (search.trim_start_matches('?'), hash.trim_start_matches('#'));
    let mut out = path.to_owned();
    if !search.is_empty() {
        out.push('?');
        out.push_str(search);
    }
    if !hash.is_empty() {
        out.push('#');
        out.push_str(hash);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_of_the_site_has_its_entry() {
        for path in ["/members", "/members/", "/members/amee", "/startups", "/startups/x/y"] {
            assert_eq!(Entry::for_path(path), Entry::Directory, "{path}");
        }
        for path in ["/apply", "/apply/", "/apply/status", "/apply/x/y"] {
            assert_eq!(Entry::for_path(path), Entry::Apply, "{path}");
        }
        for path in ["/staff", "/staff/applications/GBI-2026-7KQ4-M2XD", "/staff/sign-in", "/apply/correct"] {
            assert_eq!(Entry::for_path(path), Entry::Staff, "{path}");
            assert!(!Entry::for_path(path).public());
        }
        for path in ["/", "", "/membersx", "/staffx", "/startup", "/applyx", "/sectors", "/incubator", "/embed/x", "/x/members"] {
            assert_eq!(Entry::for_path(path), Entry::Portal, "{path}");
        }
    }

    #[test]
    fn an_address_is_the_same_with_or_without_its_marks() {
        assert_eq!(join_url("/sectors", "lang=ar", "#top"), "/sectors?lang=ar#top");
        assert_eq!(join_url("/sectors", "?lang=ar", "top"), "/sectors?lang=ar#top");
        assert_eq!(join_url("/", "", ""), "/");
        assert_eq!(join_url("/", "?", "#"), "/");
    }
}
