//! Engine speed: one volume, a whole chart's curve, and `crossover report` as a process.
//! Targets (issue 2): < 100 ns, < 50 µs, < 20 ms; the flip table (issue 25) < 5 ms.

mod common;

use std::hint::black_box;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use crossover::model::breakeven::{breakeven_requests_per_day, crossings};
use crossover::model::curve::curve;
use crossover::model::{Outcome, Rates, Scenario};

fn engine(c: &mut Criterion) {
    let sc = Scenario::default();
    let rates = Rates::new(&sc);
    c.bench_function("three options at one volume", |b| {
        b.iter(|| {
            let v = black_box(123_456.0);
            let r = black_box(&rates);
            (
                r.api(v).usd_per_day,
                r.self_host(v).usd_per_day,
                r.hybrid(v).usd_per_day,
            )
        })
    });
    c.bench_function("rates + three options at one volume", |b| {
        b.iter(|| {
            let r = Rates::new(black_box(&sc));
            let v = black_box(123_456.0);
            (
                r.api(v).usd_per_day,
                r.self_host(v).usd_per_day,
                r.hybrid(v).usd_per_day,
            )
        })
    });
    c.bench_function("512-point curve with steps, crossings, break-even", |b| {
        b.iter(|| {
            let r = Rates::new(black_box(&sc));
            let pts = curve(&r, 10.0, 1e7, 512);
            let xs = crossings(&r, 10.0, 1e7);
            let be = breakeven_requests_per_day(&r);
            (pts.len(), xs.len(), be)
        })
    });
    // The billing modes of docs/MODEL.md §6.6, with upkeep per replica on (a staircase in
    // every mode), must stay inside the same 50 µs.
    for mode in ["active_hours", "per_second"] {
        let mut billed = sc.clone();
        billed.self_host.billing.mode =
            crossover::model::billing::Mode::parse(mode).unwrap_or_default();
        billed.engineering.ops_hours_per_replica_month = 5.0;
        c.bench_function(&format!("512-point curve, {mode} billing"), |b| {
            b.iter(|| {
                let r = Rates::new(black_box(&billed));
                let pts = curve(&r, 10.0, 1e7, 512);
                let xs = crossings(&r, 10.0, 1e7);
                let be = breakeven_requests_per_day(&r);
                (pts.len(), xs.len(), be)
            })
        });
    }
    // Three tiers with escalation, reasoning tokens and a local output size (docs/MODEL.md
    // §6.5), with the hybrid's own break-even: the same 50 µs.
    let mut tiered = sc.clone();
    tiered.hybrid.cheap_share = 0.2;
    tiered.hybrid.local_escalation_rate = 0.1;
    tiered.hybrid.cheap_escalation_rate = 0.05;
    tiered.api.reasoning_output_multiplier = 3.0;
    tiered.workload.local_output_tokens = 300.0;
    c.bench_function("512-point curve, three tiers with escalation", |b| {
        b.iter(|| {
            let r = Rates::new(black_box(&tiered));
            let pts = curve(&r, 10.0, 1e7, 512);
            let xs = crossings(&r, 10.0, 1e7);
            let be = crossover::model::breakeven::hybrid_breakeven_requests_per_day(&r);
            (pts.len(), xs.len(), be)
        })
    });
    c.bench_function("full outcome at the current volume", |b| {
        b.iter(|| Outcome::evaluate(black_box(&sc)))
    });
}

fn process(c: &mut Criterion) {
    let exe = env!("CARGO_BIN_EXE_crossover-bench-cli");
    let mut g = c.benchmark_group("process");
    g.sample_size(20);
    // The floor: issue 21 asks `report` to take no more than twice this, in the same run.
    g.bench_function("crossover --version", |b| {
        b.iter(|| {
            let out = Command::new(exe)
                .arg("--version")
                .output()
                .expect("run crossover");
            assert!(out.status.success());
        })
    });
    g.bench_function("crossover report", |b| {
        b.iter(|| {
            let out = Command::new(exe)
                .arg("report")
                .output()
                .expect("run crossover");
            assert!(out.status.success());
        })
    });
    g.bench_function("crossover report --format json", |b| {
        b.iter(|| {
            let out = Command::new(exe)
                .args(["report", "--format", "json"])
                .output()
                .expect("run");
            assert!(out.status.success());
        })
    });
    g.finish();
}

fn uncertainty(c: &mut Criterion) {
    use crossover::model::scenario::GrowthStep;
    let mut sc = common::with_uniform_ranges(
        Scenario::default(),
        2000,
        &[
            ("self_host.decode_tokens_per_second", 1800.0, 3200.0),
            ("self_host.gpu_per_hour", 1.9, 3.5),
            ("workload.requests_per_day", 5_000.0, 50_000.0),
        ],
    );
    sc.growth.monthly_rate = 0.1;
    sc.growth.horizon_months = 36;
    sc.growth.steps.push(GrowthStep {
        month: 3,
        factor: 4.0,
    });
    let mut g = c.benchmark_group("uncertainty");
    g.bench_function("monte carlo 2000 x 256, one core", |b| {
        b.iter(|| crossover::model::uncertainty::monte_carlo(black_box(&sc), 256, 1))
    });
    g.bench_function("monte carlo 2000 x 256, all cores", |b| {
        b.iter(|| crossover::model::uncertainty::monte_carlo(black_box(&sc), 256, 2))
    });
    // The owned fleet offered, with a range of its own (docs/MODEL.md §7.3).
    let mut owned = sc.clone();
    owned.owned.enabled = true;
    owned
        .uncertainty
        .ranges
        .push(crossover::model::scenario::ParamRange {
            key: "owned.gpu_purchase_price",
            low: 20_000.0,
            high: 40_000.0,
            shape: crossover::model::scenario::Shape::Uniform,
        });
    g.bench_function("monte carlo 2000 x 256, owned fleet, all cores", |b| {
        b.iter(|| crossover::model::uncertainty::monte_carlo(black_box(&owned), 256, 2))
    });
    g.bench_function("sensitivity table", |b| {
        b.iter(|| crossover::model::sensitivity::sensitivity(black_box(&sc)))
    });
    g.bench_function("36-month timeline", |b| {
        b.iter(|| crossover::model::timeline::timeline(black_box(&sc)))
    });
    // Issue 25: the owned fleet in cash with every term of ownership set (each start month's
    // purchases at its own price), target under 10 µs like the plain timeline.
    let mut tco = owned.clone();
    tco.owned.server_power_watts = 1_500.0;
    tco.owned.support_share_per_year = 0.2;
    tco.owned.cost_of_capital_per_year = 0.08;
    tco.owned.resale_share = 0.1;
    tco.growth.purchase_price_change_per_year = -0.2;
    g.bench_function(
        "36-month timeline, owned fleet with every term of ownership",
        |b| b.iter(|| crossover::model::timeline::timeline(black_box(&tco))),
    );
    g.finish();
    // The documented maximum sample count (issue 26: under 2 s), timed a few times only.
    let mut most = sc.clone();
    most.uncertainty.samples = crossover::model::fields::MAX_SAMPLES;
    let mut g = c.benchmark_group("uncertainty at most");
    g.sample_size(10);
    g.bench_function(
        "monte carlo at the most samples (200,000) x 256, all cores",
        |b| {
            b.iter(|| {
                crossover::model::uncertainty::monte_carlo(
                    black_box(&most),
                    256,
                    crossover::model::uncertainty::default_threads(),
                )
            })
        },
    );
    g.finish();
}

/// What would flip the answer (docs/MODEL.md §7.4), every input tried: target (issue 25)
/// under 5 ms, for given rates and for an estimated throughput.
fn flips(c: &mut Criterion) {
    let mut g = c.benchmark_group("flips");
    for name in ["default", "guide-legal-docs", "chat-assistant-estimate"] {
        let sc = crossover::preset::library::load_in(name, None)
            .expect("shipped preset")
            .scenario;
        g.bench_function(format!("flip table, all inputs, {name}"), |b| {
            b.iter(|| crossover::model::flips::flips(black_box(&sc)))
        });
    }
    g.finish();
}

criterion_group!(benches, engine, uncertainty, flips, process);
criterion_main!(benches);
