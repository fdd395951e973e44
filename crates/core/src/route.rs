//! Which built entry of the app serves a path. The portal is built three
//! times from one crate, one wasm per part of the site, so that a page
//! downloads the code of its own part only: the directories, the
//! application form, and the rest (home, sectors, incubator).
//! The loader that `cluster-data entries` writes into `index.html`
//! (crates/data/src/entries.rs) mirrors [`Entry::for_path`] to start the
//! right one; an entry loads the page again, and so the entry that serves
//! it, for any path it does not serve.

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
}

impl Entry {
    /// The entry that serves the page at `path` (without query).
    pub fn for_path(path: &str) -> Entry {
        if under(path, "/members") || under(path, "/startups") {
            Entry::Directory
        } else if under(path, "/apply") {
            Entry::Apply
        } else {
            Entry::Portal
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
        for path in ["/", "", "/membersx", "/startup", "/applyx", "/sectors", "/incubator", "/embed/x", "/x/members"] {
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
