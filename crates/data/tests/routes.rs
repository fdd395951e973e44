//! The app's routers (`src/app.rs`) and the site's table of routes
//! (`cluster_core::route::ROUTES`) hold the same routes, each in the router
//! of the entry the table gives it: the loader, which starts an entry from
//! the table, then always finds the page in that entry (a route missing
//! from an entry's router would reload the page forever).

use cluster_core::route::{Entry, ROUTES};
use std::collections::BTreeSet;

/// The routes of each router component of `src/app.rs`, by component name.
fn routers() -> Vec<(String, BTreeSet<String>)> {
    let app = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../src/app.rs")).expect("src/app.rs is readable");
    let mut out: Vec<(String, BTreeSet<String>)> = Vec::new();
    for part in app.split("pub fn ").skip(1) {
        let name = part.split(['(', '<']).next().unwrap_or_default().trim().to_owned();
        let paths: BTreeSet<String> = part.split("path!(\"").skip(1).filter_map(|p| p.split('"').next()).map(str::to_owned).collect();
        if !paths.is_empty() {
            out.push((name, paths));
        }
    }
    out
}

/// The router component of each entry.
fn router_of(entry: Entry) -> &'static str {
    match entry {
        Entry::Portal => "App",
        Entry::Directory => "DirectoryApp",
        Entry::Apply => "ApplyApp",
        Entry::Staff => "StaffApp",
    }
}

#[test]
fn every_route_is_in_the_router_of_its_entry_and_no_router_has_another() {
    let routers = routers();
    assert_eq!(routers.len(), Entry::ALL.len(), "one router per entry: {routers:?}");
    let in_routers: BTreeSet<&str> = routers.iter().flat_map(|(_, p)| p.iter().map(String::as_str)).collect();
    let in_table: BTreeSet<&str> = ROUTES.iter().map(|r| r.path).collect();
    assert_eq!(in_routers, in_table, "src/app.rs's routes against cluster_core::route::ROUTES");
    for route in ROUTES {
        let entry = Entry::for_path(&route.path.replace(":id", "x"));
        let (name, paths) = routers.iter().find(|(_, p)| p.contains(route.path)).expect("every route has a router");
        assert_eq!(name, router_of(entry), "{} is served by the {} entry, whose router is {}", route.path, entry.key(), router_of(entry));
        assert!(paths.contains(route.path));
    }
}
