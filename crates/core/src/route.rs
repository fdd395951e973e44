//! Which built entry of the app serves a path. The portal is built twice from
//! one crate: the whole portal, and the directories alone (a much smaller
//! wasm, for the pages most visitors land on). `public/theme.js` mirrors
//! [`Entry::for_path`] to load the right one; the directories' entry loads
//! the page again, and so the whole portal, for any path it does not serve.

/// Whether `path` is `prefix` or below it (`/members`, `/members/x`; not
/// `/membersx`).
pub fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A built entry of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Every page.
    Portal,
    /// The two directories and their profiles.
    Directory,
}

impl Entry {
    /// The entry that serves the page at `path` (without query).
    pub fn for_path(path: &str) -> Entry {
        if under(path, "/members") || under(path, "/startups") { Entry::Directory } else { Entry::Portal }
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
    fn the_directories_and_their_profiles_have_their_own_entry() {
        for path in ["/members", "/members/", "/members/amee", "/startups", "/startups/x/y"] {
            assert_eq!(Entry::for_path(path), Entry::Directory, "{path}");
        }
        for path in ["/", "", "/membersx", "/startup", "/sectors", "/apply", "/apply/status", "/incubator", "/embed/x", "/x/members"] {
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
