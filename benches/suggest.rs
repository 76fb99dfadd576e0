//! "Did you mean" on a 10 MB unknown key, against every scenario key: target < 100 ms
//! (issue 15; it took 44 s before the matcher was bounded).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use crossover::model::fields;
use crossover::suggest::nearest;

fn suggest(c: &mut Criterion) {
    let keys: Vec<&str> = fields::all().map(|f| f.key).collect();
    let huge = "requests_per_day".repeat((10 << 20) / 16);
    let mut group = c.benchmark_group("did you mean");
    group.sample_size(10);
    group.bench_function("10 MB unknown key against every key", |b| {
        b.iter(|| nearest(black_box(&huge), keys.iter().copied()))
    });
    group.bench_function("one typo against every key", |b| {
        b.iter(|| nearest(black_box("workload.request_per_day"), keys.iter().copied()))
    });
    group.finish();
}

criterion_group!(benches, suggest);
criterion_main!(benches);
