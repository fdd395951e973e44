//! The directory engine (`cluster_core::directory`) at 1 000, 100 000 and
//! 1 000 000 generated members: building the index, and the queries a
//! visitor makes (no filter, one word, two words, two facets, everything at
//! once with a sort), to show how each cost grows with the size.
//! Run: `cargo bench -p cluster-data --bench engine` (`-- index` or
//! `-- query` for one group; CLUSTER_BENCH_SIZES=1000,100000 for fewer sizes).

use cluster_core::directory::{Index, Kind};
use cluster_core::lang::Lang;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn sizes() -> Vec<usize> {
    std::env::var("CLUSTER_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 100_000, 1_000_000])
}

const QUERIES: [(&str, &[(&str, &str)]); 5] = [
    ("no filter", &[]),
    ("q=solaire", &[("q", "solaire")]),
    ("q=energie casablanca", &[("q", "energie casablanca")]),
    ("sector+region", &[("sector", "solar"), ("region", "casablanca-settat")]),
    ("q+sector+label+sort", &[("q", "pompage"), ("sector", "solar"), ("label", "taqa-pro-pv"), ("sort", "-joined")]),
];

fn engine(c: &mut Criterion) {
    for members in sizes() {
        let dataset = cluster_data::generate::dataset(1, members);
        let large = members >= 100_000;
        let mut index_group = c.benchmark_group("index");
        index_group.throughput(Throughput::Elements(members as u64));
        if large {
            index_group.sample_size(10).measurement_time(Duration::from_secs(if members >= 1_000_000 { 60 } else { 15 }));
        }
        index_group.bench_function(BenchmarkId::from_parameter(members), |b| b.iter(|| Index::new(black_box(&dataset), Kind::Members)));
        index_group.finish();

        let index = Index::new(&dataset, Kind::Members);
        let mut query_group = c.benchmark_group("query");
        if large {
            query_group.sample_size(20);
        }
        for (label, pairs) in QUERIES {
            let (params, _) = index.parse_params(pairs.iter().copied());
            query_group
                .bench_with_input(BenchmarkId::new(label, members), &params, |b, p| b.iter(|| black_box(index.query(p, Lang::Fr, 20))));
        }
        query_group.finish();
    }
}

criterion_group!(benches, engine);
criterion_main!(benches);
