use super::text_index::Postings;
use super::*;
use crate::model::*;
use crate::search::fold;
use crate::text::Text;
use proptest::prelude::*;

const SECTORS: [&str; 3] = ["solar", "metallurgy", "other"];
const TYPES: [&str; 2] = ["tpme", "startup"];
const REGIONS: [(&str, &str); 2] = [("casablanca-settat", "casablanca"), ("souss-massa", "agadir")];
const LABELS: [&str; 2] = ["taqa-pro-pv", "taqa-pro-pumping"];
const WORDS: [&str; 6] = ["Énergie", "Solaire", "Atlas", "الطاقة", "Pompage", "Câblage"];

/// A test member: sector, type and region indices, labels, description words, year joined.
type TestMember = (usize, usize, usize, Vec<usize>, Vec<usize>, u16);

fn dataset(members: Vec<TestMember>) -> Dataset {
    let t = Text::same;
    Dataset {
        version: FORMAT_VERSION,
        as_of: "2024-02-23".into(),
        source: Source { text: t("s"), urls: vec![], references: vec![] },
        sectors: SECTORS.iter().map(|s| Sector { id: (*s).into(), name: t(s), report_share: None }).collect(),
        member_types: TYPES.iter().map(|s| MemberType { id: (*s).into(), name: t(s) }).collect(),
        regions: REGIONS
            .iter()
            .map(|(r, c)| Region { id: (*r).into(), name: t(r), cities: vec![City { id: (*c).into(), name: t(c) }] })
            .collect(),
        labels: LABELS.iter().map(|l| Label { id: (*l).into(), name: t(l), description: t(l) }).collect(),
        programmes: vec![Programme { id: "gbi".into(), name: t("GBI"), description: t("d") }],
        members: members
            .into_iter()
            .enumerate()
            .map(|(i, (s, ty, r, labels, words, joined))| Member {
                id: format!("m-{i}"),
                name: Text { fr: format!("{} {i}", WORDS[i % WORDS.len()]), ar: Some(format!("اسم {i}")), en: None },
                member_type: TYPES[ty].into(),
                sector: SECTORS[s].into(),
                region: REGIONS[r].0.into(),
                city: REGIONS[r].1.into(),
                joined,
                description: Text::same(&words.iter().map(|w| WORDS[*w]).collect::<Vec<_>>().join(" ")),
                keywords: vec![],
                labels: labels.iter().map(|l| LABELS[*l].into()).collect(),
                programmes: vec![],
                contact: Contact::default(),
            })
            .collect(),
        startups: vec![],
        partners: vec![],
        figures: vec![],
        calls: vec![],
        totals: None,
    }
}

/// The filters of a view of the solar sector.
fn solar() -> Filters {
    let mut f = Filters::default();
    f.insert(Facet::Sector, "solar");
    f
}

/// The reference: plain loops over the records, written without the engine's tricks.
fn reference(d: &Dataset, p: &Params) -> (Vec<String>, FacetCounts) {
    let words: Vec<String> = fold(&p.q).split_whitespace().map(str::to_owned).collect();
    let text = |m: &Member| {
        let region = d.region(&m.region).unwrap();
        fold(&format!(
            "{} {} {} {} {}",
            m.name.fr,
            m.name.ar.clone().unwrap_or_default(),
            m.description.fr,
            region.name.fr,
            region.cities[0].name.fr
        ))
    };
    let facet_of = |m: &Member, f: Facet| -> Vec<String> {
        match f {
            Facet::Sector => vec![m.sector.to_string()],
            Facet::Type => vec![m.member_type.to_string()],
            Facet::Region => vec![m.region.to_string()],
            Facet::Label => m.labels.iter().map(|l| l.to_string()).collect(),
            Facet::Programme => m.programmes.iter().map(|x| x.programme.to_string()).collect(),
            Facet::Cohort => unreachable!("members have no cohort"),
        }
    };
    let facets = Kind::Members.facets();
    let passes = |m: &Member, skip: Option<Facet>| {
        words.iter().all(|w| text(m).contains(w.as_str()))
            && facets
                .iter()
                .all(|&f| Some(f) == skip || p.filters.get(f).is_empty() || facet_of(m, f).iter().any(|v| p.filters.contains(f, v)))
    };
    let mut hits: Vec<&Member> = d.members.iter().filter(|m| passes(m, None)).collect();
    hits.sort_by(|a, b| a.joined.cmp(&b.joined).then(fold(&a.name.fr).cmp(&fold(&b.name.fr))).then(a.id.cmp(&b.id)));
    let all_values = |f: Facet| -> Vec<String> {
        match f {
            Facet::Sector => SECTORS.iter().map(|s| s.to_string()).collect(),
            Facet::Type => TYPES.iter().map(|s| s.to_string()).collect(),
            Facet::Region => REGIONS.iter().map(|r| r.0.to_string()).collect(),
            Facet::Label => LABELS.iter().map(|s| s.to_string()).collect(),
            _ => vec!["gbi".to_string()],
        }
    };
    let counts = facets
        .iter()
        .map(|&f| {
            let counts = all_values(f)
                .into_iter()
                .map(|v| {
                    let n = d.members.iter().filter(|m| passes(m, Some(f)) && facet_of(m, f).contains(&v)).count();
                    (v, n)
                })
                .collect();
            (f, counts)
        })
        .collect();
    (hits.iter().map(|m| m.id.clone()).collect(), counts)
}

fn member_strategy() -> impl Strategy<Value = TestMember> {
    (0..3usize, 0..2usize, 0..2usize, proptest::collection::vec(0..2usize, 0..3), proptest::collection::vec(0..6usize, 0..4), 2014..2024u16)
}

proptest! {
    #[test]
    fn engine_agrees_with_the_plain_reference(
        members in proptest::collection::vec(member_strategy(), 0..40),
        q in proptest::sample::select(vec!["", "energie", "SOLAIRE atlas", "الطاقه", "pomp", "casablanca", "agadir cabl", "zzz"]),
        sector in proptest::collection::vec(0..3usize, 0..3), label in proptest::collection::vec(0..2usize, 0..2), region in proptest::collection::vec(0..2usize, 0..2),
    ) {
        let d = dataset(members);
        let index = Index::new(&d, Kind::Members);
        let mut p = Params { q: q.to_owned(), sort: Sort::Year, page: 1, ..Params::default() };
        for s in sector { p.filters.insert(Facet::Sector, SECTORS[s]); }
        for l in label { p.filters.insert(Facet::Label, LABELS[l]); }
        for r in region { p.filters.insert(Facet::Region, REGIONS[r].0); }
        let got = index.query(&p, Lang::Fr, 10);
        let (ids, counts) = reference(&d, &p);
        let got_ids: Vec<String> = got.ids.iter().map(|&i| d.members[i as usize].id.clone()).collect();
        prop_assert_eq!(got_ids, ids);
        prop_assert_eq!(got.facets, counts);
    }
}

#[test]
fn an_empty_index_still_knows_every_facet_value() {
    let mut d = dataset((0..5).map(|i| (i % 3, 0, 0, vec![], vec![], 2020)).collect());
    d.members.clear();
    let ix = Index::empty(&d, Kind::Members);
    assert_eq!(ix.len(), 0);
    let (p, dropped) = ix.parse_params([("sector", "solar"), ("label", "taqa-pro-pv")]);
    assert!(!dropped);
    assert_eq!(p.filters.get(Facet::Sector), ["solar"]);
    let sx = Index::empty(&d, Kind::Startups);
    let (p, dropped) = sx.parse_params([("cohort", "2019"), ("cohort", "2031")]);
    assert!(dropped, "2031 is past the document's year");
    assert_eq!(p.filters.get(Facet::Cohort), ["2019"]);
}

#[test]
fn posting_lists_keep_their_records_whatever_the_gaps() {
    let records = [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_152, 2_097_153, u32::MAX];
    let (mut p, mut last) = (Postings::default(), 0);
    for r in records {
        p.push(r, &mut last);
        p.push(r, &mut last);
    }
    let mut got = Vec::new();
    p.for_each(|r| got.push(r));
    assert_eq!(got, records);
    // Gaps under 128 take a byte each; seven bytes stay in place.
    let (mut small, mut last) = (Postings::default(), 0);
    (0..700).step_by(100).for_each(|r| small.push(r, &mut last));
    assert!(matches!(small, Postings::Inline { len: 7, .. }));
    (700..1000).step_by(100).for_each(|r| small.push(r, &mut last));
    assert_eq!(small.bytes().len(), 10);
    let mut got = Vec::new();
    small.for_each(|r| got.push(r));
    assert_eq!(got, (0..1000).step_by(100).collect::<Vec<u32>>());
    Postings::default().for_each(|_| panic!("an empty list has no record"));
}

#[test]
fn building_in_steps_gives_the_same_index() {
    let d = dataset((0..50).map(|i| (i % 3, i % 2, i % 2, vec![i % 2], vec![i % 6, (i + 1) % 6], 2014 + (i % 10) as u16)).collect());
    let whole = Index::new(&d, Kind::Members);
    let mut b = IndexBuilder::new(&d, Kind::Members);
    b.run = 4;
    let mut steps = 0;
    while !b.step(7) {
        steps += 1;
    }
    // 8 steps of records; 8 of names per language; per order 13 runs
    // of 4, 12 merges and the completion; the last step returns true.
    assert_eq!(steps, 8 + 3 * 8 + 4 * (13 + 12 + 1) - 1);
    let stepped = b.finish();
    for q in ["", "energie", "atlas pompage"] {
        for sort in Sort::ALL {
            for lang in [Lang::Fr, Lang::Ar, Lang::En] {
                let p = Params { q: q.into(), filters: solar(), sort, page: 1 };
                assert_eq!(stepped.query(&p, lang, 10), whole.query(&p, lang, 10), "{q} {sort:?} {lang:?}");
            }
        }
    }
}

#[test]
fn params_drop_unknowns_and_round_trip() {
    let d = dataset(vec![(0, 0, 0, vec![], vec![], 2020)]);
    let index = Index::new(&d, Kind::Members);
    let (p, dropped) =
        index.parse_params([("q", "pv"), ("sector", "solar"), ("sector", "nuclear"), ("sort", "-joined"), ("page", "x"), ("lang", "ar")]);
    assert!(dropped);
    assert_eq!(p.filters.get(Facet::Sector), ["solar"]);
    assert_eq!(p.sort, Sort::YearDesc);
    assert_eq!(p.page, 1);
    let pairs = index.to_pairs(&p);
    let (again, dropped_again) = index.parse_params(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(again, p);
    assert!(!dropped_again);
}

#[test]
fn sorting_and_paging() {
    let d = dataset((0..25).map(|i| (i % 3, 0, 0, vec![], vec![], 2014 + (i % 10) as u16)).collect());
    let index = Index::new(&d, Kind::Members);
    let p = Params { sort: Sort::YearDesc, page: 9, ..Params::default() };
    let r = index.query(&p, Lang::Fr, 10);
    assert_eq!(r.page, 3, "clamped to the last page");
    assert_eq!(r.page_ids(10).len(), 5);
    let years: Vec<u16> = r.ids.iter().map(|&i| d.members[i as usize].joined).collect();
    assert!(years.windows(2).all(|w| w[0] >= w[1]));
    let by_name = index.query(&Params { sort: Sort::Name, page: 1, ..Params::default() }, Lang::Fr, 10);
    let names: Vec<String> = by_name.ids.iter().map(|&i| fold(&d.members[i as usize].name.fr)).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn sort_values_round_trip_per_directory() {
    for kind in [Kind::Members, Kind::Startups] {
        for sort in Sort::ALL {
            assert_eq!(Sort::from_param(kind, sort.param(kind)), Some(sort));
        }
    }
    assert_eq!(Sort::from_param(Kind::Startups, "joined"), None, "members' year order is not the start-ups'");
}

#[test]
fn csv_rows_have_one_cell_per_column() {
    let d = dataset(vec![(0, 1, 1, vec![0, 1], vec![2], 2019)]);
    for row in csv_rows(&d, Kind::Members, &[0], Lang::Ar) {
        assert_eq!(row.len(), Kind::Members.csv_columns().len());
    }
}

#[test]
fn an_api_page_keeps_its_facet_counts_through_json() {
    let d = dataset((0..5).map(|i| (i % 3, 0, i % 2, vec![], vec![], 2020)).collect());
    let index = Index::new(&d, Kind::Members);
    let p = Params { filters: solar(), page: 1, ..Params::default() };
    let r = index.query(&p, Lang::Fr, 2);
    let page = Page::new(&r, r.page_ids(2).to_vec(), 2);
    let back: Page<u32> = serde_json::from_str(&serde_json::to_string(&page).unwrap()).unwrap();
    assert_eq!(back.total, r.ids.len());
    assert_eq!(back.items, r.page_ids(2));
    assert_eq!(back.facet_counts(Kind::Members), r.facets);
}

#[test]
fn filters_are_addressed_by_facet_and_toggle() {
    let mut f = Filters::default();
    f.toggle(Facet::Region, "souss-massa");
    f.toggle(Facet::Sector, "solar");
    f.toggle(Facet::Sector, "wind");
    f.insert(Facet::Sector, "solar");
    assert_eq!(f.get(Facet::Sector), ["solar", "wind"]);
    assert_eq!(f.get(Facet::Label), [] as [&str; 0]);
    let selected: Vec<_> = f.selected(Kind::Members).collect();
    assert_eq!(selected, [(Facet::Sector, "solar"), (Facet::Sector, "wind"), (Facet::Region, "souss-massa")]);
    f.toggle(Facet::Sector, "solar");
    assert_eq!(f.get(Facet::Sector), ["wind"]);
    assert_eq!(f.active(Kind::Startups).collect::<Vec<_>>(), [Facet::Sector, Facet::Region]);
    f.clear();
    assert_eq!(f.active(Kind::Members).count(), 0);
}
