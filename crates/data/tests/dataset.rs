//! The bundled dataset: reproducible byte for byte, valid, and faithful to the
//! published figures; the validator command on it and on broken fixtures.

use cluster_core::model::Dataset;
use cluster_core::parse::check_document;
use cluster_data::generate::{COHORTS, INCUBATED_RAISED_MAD, dataset, sector_counts, to_bytes};
use cluster_data::{BUNDLED_MEMBERS, BUNDLED_SEED, schema, schema_bytes};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bundled_bytes() -> Vec<u8> {
    std::fs::read(root().join("public/data/cluster.json")).expect("public/data/cluster.json exists")
}

fn bundled() -> Dataset {
    let (d, issues) = check_document(&bundled_bytes()).expect("the bundled file parses");
    assert!(issues.is_empty(), "{issues:#?}");
    d
}

#[test]
fn bundled_file_is_exactly_what_the_generator_writes() {
    let fresh = to_bytes(&dataset(BUNDLED_SEED, BUNDLED_MEMBERS));
    assert!(
        fresh == bundled_bytes(),
        "public/data/cluster.json differs: run `cargo run -p cluster-data -- generate --out public/data/cluster.json`"
    );
    let schema_file = std::fs::read(root().join("public/data/cluster.schema.json")).unwrap();
    assert!(
        schema_bytes() == schema_file,
        "the schema differs: run `cargo run -p cluster-data -- schema --out public/data/cluster.schema.json`"
    );
}

#[test]
fn parsing_and_writing_back_gives_the_same_bytes() {
    let bytes = bundled_bytes();
    let parsed = cluster_core::parse::parse_document(&bytes).unwrap();
    assert!(to_bytes(&parsed) == bytes);
    // The streaming reader, fed in odd-sized chunks, reads the same document.
    let mut reader = cluster_core::parse::DocumentReader::new();
    for chunk in bytes.chunks(4093) {
        reader.feed(chunk).unwrap();
    }
    assert_eq!(reader.finish().unwrap(), parsed);
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    assert_eq!(to_bytes(&dataset(7, 50)), to_bytes(&dataset(7, 50)));
    assert_ne!(to_bytes(&dataset(7, 50)), to_bytes(&dataset(8, 50)));
}

#[test]
fn sector_shares_reproduce_the_2023_report() {
    let d = bundled();
    assert_eq!(d.members.len(), 212);
    for s in &d.sectors {
        let n = d.members.iter().filter(|m| m.sector == s.id).count() as f64;
        let exact = 212.0 * f64::from(s.report_share.unwrap()) / 100.0;
        assert!((n - exact).abs() < 1.0, "{}: {n} members for {exact:.2}", s.id);
    }
    // The rounding is right at any size, including the 100 000 of benchmarks.
    for n in [1, 7, 100, 212, 1000, 100_000] {
        let counts = sector_counts(n);
        assert_eq!(counts.iter().sum::<usize>(), n);
        for (c, s) in counts.iter().zip(cluster_data::reference::SECTORS) {
            assert!((*c as f64 - n as f64 * f64::from(s.4) / 100.0).abs() < 1.0);
        }
    }
}

#[test]
fn regions_types_and_years_are_believable() {
    let d = bundled();
    let mut by_region: Vec<(usize, &str)> =
        d.regions.iter().map(|r| (d.members.iter().filter(|m| m.region == r.id).count(), r.id.as_str())).collect();
    by_region.sort();
    let top: Vec<&str> = by_region.iter().rev().take(2).map(|x| x.1).collect();
    assert_eq!(top, ["casablanca-settat", "rabat-sale-kenitra"]);
    assert_eq!(d.regions.len(), 12);
    assert!(d.members.iter().all(|m| (2014..=2023).contains(&m.joined)));
    let tpme = d.members.iter().filter(|m| m.member_type == "tpme").count();
    assert!(tpme > 80 && tpme < 150, "{tpme} TPME");
    assert!(d.members.iter().filter(|m| !m.labels.is_empty()).count() >= 10);
    assert!(d.members.iter().filter(|m| !m.programmes.is_empty()).count() >= 20);
    for m in &d.members {
        assert!(m.description.ar.is_some() && m.description.en.is_some(), "{} has three languages", m.id);
    }
}

#[test]
fn startup_cohorts_and_fundraising_match_the_report() {
    let d = bundled();
    assert!(d.startups.len() > 600);
    let years: Vec<u16> = COHORTS.iter().map(|c| c.0).collect();
    assert_eq!(years, (2015..=2023).collect::<Vec<_>>());
    for (year, count) in COHORTS {
        assert_eq!(d.startups.iter().filter(|s| s.cohort == year).count(), count);
    }
    assert!(d.startups.len() as f64 / 9.0 > 40.0);
    let incubated: u64 = d.startups.iter().filter(|s| s.programmes.iter().any(|p| p == "gbi")).map(|s| s.raised_mad).sum();
    assert_eq!(incubated, INCUBATED_RAISED_MAD);
    let (year, fig) = d.latest(|y| y.incubator_fundraising_mad.as_ref()).unwrap();
    assert_eq!((year, fig.value), (2023, incubated));
    assert!(d.startups.iter().all(|s| s.cohort - s.founded < 5), "all under 5 years old at entry");
}

#[test]
fn headline_figures_and_partners_are_the_published_ones() {
    let d = bundled();
    let at = |y: u16| d.figures.iter().find(|f| f.year == y).unwrap();
    let v = |f: &Option<cluster_core::model::Figure>| f.as_ref().map(|f| (f.value, f.lower_bound));
    assert_eq!(v(&at(2018).active_members), Some((80, false)));
    assert_eq!(v(&at(2019).active_members), Some((130, false)));
    assert_eq!(v(&at(2019).committed_fundraising_mad), Some((15_000_000, false)));
    assert_eq!(v(&at(2022).active_members), Some((200, true)));
    assert_eq!(v(&at(2023).active_members), Some((210, true)));
    assert_eq!(v(&at(2023).startups_supported), Some((600, true)));
    assert_eq!(v(&at(2023).partnerships), Some((35, true)));
    assert!(at(2023).committed_fundraising_mad.is_none(), "2019's committed and 2023's raised stay separate measures");
    for f in &d.figures {
        assert!(d.reference(&f.source).is_some(), "{} has a source", f.year);
    }
    assert!(d.partners.len() >= 35);
    assert!(d.source.text.fr.contains("fictives"));
}

#[test]
fn contacts_are_harmless() {
    let d = bundled();
    let reserved = |host: &str| host.ends_with(".example") || host == "example.org" || host == "example.com";
    for m in &d.members {
        if let Some(w) = &m.contact.website {
            assert!(reserved(w.trim_start_matches("https://").trim_start_matches("http://")), "{w}");
        }
        if let Some(e) = &m.contact.email {
            assert!(reserved(e.split('@').nth(1).unwrap()), "{e}");
        }
        if let Some(p) = &m.contact.phone {
            assert!(p.starts_with("+212 5 00 00 "), "{p}");
        }
    }
}

#[test]
fn bundled_file_satisfies_the_schema_and_schema_rejects_structural_damage() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bundled_bytes()).unwrap();
    assert!(validator.is_valid(&value));
    for name in ["unknown-field", "wrong-type"] {
        let bytes = std::fs::read(root().join(format!("crates/data/tests/fixtures/{name}.json"))).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(!validator.is_valid(&v), "{name} passes the schema");
    }
}

#[test]
fn larger_generated_datasets_are_valid() {
    let d = dataset(42, 3_000);
    let (_, issues) = check_document(&to_bytes(&d)).unwrap();
    assert!(issues.is_empty(), "{:?}", &issues[..issues.len().min(5)]);
    let big = dataset(1, 6_000);
    assert_eq!(big.members.len(), 6_000);
    assert!(check_document(&to_bytes(&big)).unwrap().1.is_empty());
}

fn validate_cli(file: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cluster-data")).arg("validate").arg(file).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn validator_command_accepts_good_files_and_names_every_problem() {
    let (ok, out) = validate_cli(&root().join("public/data/cluster.json"));
    assert!(ok, "{out}");
    let fixtures = root().join("crates/data/tests/fixtures");
    assert!(validate_cli(&fixtures.join("valid-mini.json")).0);
    let expected = [
        ("unknown-field", "members[1].mood: unknown_field"),
        ("url-scheme", "members[0].contact.website: url_scheme"),
        ("email-invalid", "members[2].contact.email: email_invalid"),
        ("phone-invalid", "members[0].contact.phone: phone_invalid"),
        ("id-duplicate", "members[2].id: id_duplicate"),
        ("id-format", "startups[1].id: id_format"),
        ("ref-unknown-sector", "members[1].sector: ref_unknown"),
        ("ref-unknown-label", "members[0].labels[0]: ref_unknown"),
        ("ref-unknown-programme", "startups[0].programmes[1]: ref_unknown"),
        ("city-not-in-region", "members[0].city: city_not_in_region"),
        ("date-invalid", "as_of: date_invalid"),
        ("year-range", "members[1].joined: year_range"),
        ("share-total", "sectors: share_total"),
        ("text-empty", "members[2].name.fr: text_empty"),
        ("wrong-type", "members[1].joined: invalid type"),
        ("truncated", "the file ends too early"),
        ("not-json", "malformed JSON at line 1, column 1"),
    ];
    for (name, needle) in expected {
        let (ok, out) = validate_cli(&fixtures.join(format!("{name}.json")));
        assert!(!ok, "{name} was accepted");
        assert!(out.contains(needle), "{name}: expected `{needle}` in\n{out}");
    }
    let count = std::fs::read_dir(&fixtures).unwrap().count();
    assert_eq!(count, expected.len() + 1, "every fixture has an expectation");
}
