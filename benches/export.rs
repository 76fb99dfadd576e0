//! Export speed. Targets (issue 4): whole-process `crossover export --out x.png` at 1600×900
//! under 60 ms, SVG under 15 ms. In-process rendering is measured too, and (issue 26) with a
//! 20,000-character model name: within 10× the default's time, since text is fitted in time
//! linear in its length. The HTML meeting report (issue 24): under 50 ms, in-process and as
//! `crossover export --out x.html`.

use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use crossover::catalog::shipped;
use crossover::export::{render, ImageKind};
use crossover::model::Scenario;

fn export(c: &mut Criterion) {
    let sc = Scenario::default();
    let mut g = c.benchmark_group("export");
    g.sample_size(20);
    g.bench_function("render PNG 1600x900", |b| {
        b.iter(|| render(&sc, &shipped(), ImageKind::Png, (1600, 900), "2026-01-01").expect("png"))
    });
    g.bench_function("render SVG 1600x900", |b| {
        b.iter(|| render(&sc, &shipped(), ImageKind::Svg, (1600, 900), "2026-01-01").expect("svg"))
    });
    let mut long = Scenario::default();
    long.api.model = "m".repeat(20_000);
    g.bench_function("render PNG 1600x900, 20,000-character model name", |b| {
        b.iter(|| {
            render(&long, &shipped(), ImageKind::Png, (1600, 900), "2026-01-01").expect("png")
        })
    });
    let a = crossover::model::assessment::Assessment::of(
        &sc,
        &crossover::catalog::shipped(),
        "2026-01-01",
    );
    let ctx = crossover::report::Context::default();
    // With the fleet chart, as `crossover export --out x.html` draws it (the ranking is the
    // shell's, computed before the report).
    let catalog = crossover::catalog::shipped();
    let offerings =
        crossover::catalog::fleet::offerings(&catalog, crossover::catalog::library(), None);
    let fleet = crossover::tui::fleet::rank(&a.scenario, &offerings, false)
        .ok()
        .map(|r| r.comparison);
    g.bench_function("render HTML report", |b| {
        b.iter(|| {
            crossover::export::html::report(
                &a,
                &ctx,
                "2026-01-01",
                None,
                fleet.as_ref().ok_or("none"),
            )
            .expect("html")
        })
    });
    let exe = env!("CARGO_BIN_EXE_crossover-bench-cli");
    let dir = tempfile::tempdir().expect("temp dir");
    for ext in ["png", "svg", "html"] {
        let out = dir.path().join(format!("x.{ext}"));
        g.bench_function(format!("process: crossover export --out x.{ext}"), |b| {
            b.iter(|| {
                let status = Command::new(exe)
                    .args(["export", "--force", "--out"])
                    .arg(&out)
                    .output()
                    .expect("run crossover");
                assert!(status.status.success());
            })
        });
    }
    g.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
