//! Benchmark (ignored by the test suite): the directory engine compiled to
//! wasm, in headless Chromium, on 100 000 members made from the bundled ones.
//! Run: `bash bench/engine-wasm.sh` (prints medians to the console).
#![cfg(target_arch = "wasm32")]

use cluster_core::directory::{IndexBuilder, Kind};
use cluster_core::lang::Lang;
use cluster_core::parse::parse_document;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[wasm_bindgen_test]
#[ignore]
fn engine_at_100k_members() {
    let mut d = parse_document(include_bytes!("../public/data/cluster.json")).unwrap();
    let base = d.members.clone();
    d.members = (0..100_000)
        .map(|i| {
            let mut m = base[i % base.len()].clone();
            m.id = format!("m-{i}");
            m.name.fr = format!("{} {i}", m.name.fr);
            m
        })
        .collect();
    let t = now();
    let mut builder = IndexBuilder::new(&d, Kind::Members);
    let mut longest_step: f64 = 0.0;
    loop {
        let s = now();
        let done = builder.step(100);
        longest_step = longest_step.max(now() - s);
        if done {
            break;
        }
    }
    let s = now();
    let index = builder.finish();
    let finish = now() - s;
    let build = now() - t;
    let mut per_key = Vec::new();
    for _ in 0..3 {
        for q in ["s", "so", "sol", "sola", "solai", "solair", "solaire", "solaire c", "solaire ca", "solaire cas", ""] {
            let (p, _) = index.parse_params([("q", q)]);
            let t = now();
            let r = index.query(&p, Lang::Fr, 24);
            per_key.push(now() - t);
            assert!(r.ids.len() <= 100_000);
        }
    }
    let mut per_facet = Vec::new();
    for pairs in [
        vec![("sector", "solar")],
        vec![("sector", "solar"), ("region", "casablanca-settat")],
        vec![("q", "pompage"), ("label", "taqa-pro-pv")],
    ] {
        for _ in 0..5 {
            let (p, _) = index.parse_params(pairs.clone());
            let t = now();
            index.query(&p, Lang::Fr, 24);
            per_facet.push(now() - t);
        }
    }
    let mut per_sort = Vec::new();
    for s in ["name", "-name", "joined", "-joined", "name", "-name", "joined", "-joined"] {
        let (p, _) = index.parse_params([("sort", s)]);
        let t = now();
        index.query(&p, Lang::Ar, 24);
        per_sort.push(now() - t);
    }
    web_sys::console::log_1(
        &format!(
            "engine (wasm) at 100 000 members: index build {build:.0} ms in steps of 100 records (longest step {longest_step:.0} ms, finish {finish:.0} ms); keystroke query median {:.2} ms (max {:.2}); facet query median {:.2} ms; sort toggle median {:.2} ms",
            median(per_key.clone()),
            per_key.iter().cloned().fold(0.0, f64::max),
            median(per_facet),
            median(per_sort)
        )
        .into(),
    );
}
