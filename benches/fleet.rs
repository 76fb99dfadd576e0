//! The fleet comparison (issue 13's targets): `rank` over the whole catalog at one volume
//! (under 5 ms; issue 22: also for a frontier mixture of experts), the envelope at 512 volumes
//! (under 20 ms), and the whole `crossover compare`
//! process (under 60 ms; the release binary spawned, so process start, catalog parsing and
//! output are included).

use std::hint::black_box;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use crossover::catalog::fleet::offerings;
use crossover::model::fleet::{envelope_at, rank};
use crossover::model::Scenario;

fn fleet(c: &mut Criterion) {
    let lib = crossover::catalog::library();
    let catalog = crossover::catalog::shipped();
    let offs = offerings(&catalog, lib, None);
    let sc = Scenario::default();
    let model = &lib.model(&sc.self_host.model).unwrap().arch;
    c.bench_function("compare_whole_catalog", |b| {
        b.iter(|| rank(black_box(&sc), model, &offs))
    });
    // Issue 22: a frontier mixture of experts over the 2026 catalog (every GPU, fp8 and fp4,
    // up to 8 GPUs a replica): under 5 ms too.
    let maverick = &lib.model("Llama 4 Maverick").unwrap().arch;
    c.bench_function("compare_whole_catalog, Llama 4 Maverick", |b| {
        b.iter(|| rank(black_box(&sc), maverick, &offs))
    });
    let cmp = rank(&sc, model, &offs);
    let (lo, hi) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
    c.bench_function("envelope_512_volumes", |b| {
        b.iter(|| {
            (0..512)
                .map(|i| {
                    let v = lo * (hi / lo).powf(f64::from(i) / 511.0);
                    envelope_at(black_box(&cmp), v).map_or(0.0, |(_, x)| x)
                })
                .sum::<f64>()
        })
    });
    let exe = env!("CARGO_BIN_EXE_crossover-bench-cli");
    c.bench_function("compare_whole_process", |b| {
        b.iter(|| {
            let out = Command::new(exe)
                .args(["compare", "--format", "json"])
                .env("XDG_CONFIG_HOME", std::env::temp_dir())
                .env("XDG_DATA_HOME", std::env::temp_dir())
                .output()
                .unwrap();
            assert!(out.status.success());
            out.stdout.len()
        })
    });
}

criterion_group!(benches, fleet);
criterion_main!(benches);
