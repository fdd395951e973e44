//! Benchmark (not a test): the directory engine and the HTTP API with a
//! generated 100 000-member dataset, on loopback. Prints medians, p99 and
//! throughput. Run: `cargo run --release -p cluster-server --example bench`.

use cluster_core::directory::{Index, Kind};
use cluster_core::lang::Lang;
use cluster_server::store::Store;
use cluster_server::{Settings, app};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn report(name: &str, mut t: Vec<Duration>, wall: Duration) {
    t.sort();
    println!(
        "| {name} | {} | {:.2} ms | {:.2} ms | {:.0} req/s |",
        t.len(),
        percentile(&t, 0.5),
        percentile(&t, 0.99),
        t.len() as f64 / wall.as_secs_f64()
    );
}

async fn load(
    name: &str,
    clients: usize,
    per_client: usize,
    make: impl Fn(usize, usize) -> reqwest::RequestBuilder + Send + Sync + 'static,
) {
    let make = Arc::new(make);
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let make = make.clone();
            tokio::spawn(async move {
                let mut times = Vec::with_capacity(per_client);
                for i in 0..per_client {
                    let t = Instant::now();
                    let res = make(c, i).send().await.expect("request");
                    assert!(res.status().is_success(), "{}", res.status());
                    res.bytes().await.expect("body");
                    times.push(t.elapsed());
                }
                times
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    report(name, all, started.elapsed());
}

#[tokio::main]
async fn main() {
    let members = 100_000;
    let t = Instant::now();
    let dataset = cluster_data::generate::dataset(1, members);
    println!("generated {members} members in {:.1} s", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let index = Index::new(&dataset, Kind::Members);
    println!("indexed in {:.0} ms\n", t.elapsed().as_secs_f64() * 1000.0);
    println!("| engine query (100 000 members, native) | runs | median | p99 |\n|---|---|---|---|");
    for (label, pairs) in [
        ("no filter", vec![]),
        ("q=solaire", vec![("q", "solaire")]),
        ("q=energie casablanca", vec![("q", "energie casablanca")]),
        ("sector=solar&region=casablanca-settat", vec![("sector", "solar"), ("region", "casablanca-settat")]),
        (
            "q=pompage sector=solar label=taqa-pro-pv sort=-joined",
            vec![("q", "pompage"), ("sector", "solar"), ("label", "taqa-pro-pv"), ("sort", "-joined")],
        ),
    ] {
        let (params, _) = index.parse_params(pairs);
        let mut times: Vec<Duration> = (0..60)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(index.query(&params, Lang::Fr, 20));
                t.elapsed()
            })
            .collect();
        times.sort();
        println!("| {label} | {} | {:.2} ms | {:.2} ms |", times.len(), percentile(&times, 0.5), percentile(&times, 0.99));
    }

    let dir = std::env::temp_dir().join(format!("cluster-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!DOCTYPE html><title>bench</title>").unwrap();
    let store = Arc::new(Store::open(&dir.join("bench.db")).unwrap());
    let settings = Settings { submissions_per_minute: 0, lookups_per_minute: 0, reads_per_minute: 0, ..Settings::new(dir.clone()) };
    let router = app(dataset, store, &settings);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.unwrap() });

    let client = reqwest::Client::new();
    println!("\n| HTTP on loopback (100 000 members) | requests | p50 | p99 | throughput |\n|---|---|---|---|---|");
    let (c, b) = (client.clone(), base.clone());
    load("GET /members?region=casablanca-settat&sort=-joined (1 client)", 1, 300, move |_, _| {
        c.get(format!("{b}/api/v1/members?region=casablanca-settat&sort=-joined"))
    })
    .await;
    let (c, b) = (client.clone(), base.clone());
    load("GET /members?q=energie&sector=solar&page=3 (1 client)", 1, 300, move |_, i| {
        c.get(format!("{b}/api/v1/members?q=energie&sector=solar&page={}", 1 + i % 5))
    })
    .await;
    let (c, b) = (client.clone(), base.clone());
    load("GET /members?q=energie&sector=solar&page=3 (8 clients)", 8, 100, move |_, i| {
        c.get(format!("{b}/api/v1/members?q=energie&sector=solar&page={}", 1 + i % 5))
    })
    .await;
    let (c, b) = (client.clone(), base.clone());
    load("GET /members?region=casablanca-settat&sort=-joined (8 clients)", 8, 100, move |_, _| {
        c.get(format!("{b}/api/v1/members?region=casablanca-settat&sort=-joined"))
    })
    .await;
    let application = serde_json::json!({
        "eligibility": { "based_in_morocco": true, "under_five_years": true, "innovative": true },
        "startup": { "name": "SunBox", "creation_date": "2025-05-01", "region": "souss-massa", "city": "agadir", "sector": "solar" },
        "team": [{ "full_name": "Salma Idrissi", "role": "CEO", "email": "salma@sunbox.example", "phone": "06 12 34 56 78" }],
        "project": { "pitch": "Pompage solaire", "problem": "x".repeat(60), "solution": "x".repeat(60), "innovation": "x".repeat(60),
                     "environmental_impact": "x".repeat(60), "stage": "prototype", "jobs_created": 3, "jobs_planned": 12 },
        "funding": { "raised_mad": 0, "sought_mad": 400000, "self_financing_pct": 20, "patent": false },
        "declaration": { "accurate": true, "consent": true, "consent_version": "2026-11" }
    });
    let (c, b) = (client.clone(), base.clone());
    load("POST /applications, new key each (4 clients)", 4, 100, move |k, i| {
        c.post(format!("{b}/api/v1/applications")).header("idempotency-key", format!("bench-{k}-{i}")).json(&application)
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
