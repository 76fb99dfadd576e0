//! `crossover calibrate`'s fit of 100 runs of one configuration (issue 28's target: under
//! 100 ms): a concurrency sweep at five prompt sizes made by the estimate with known factors.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use crossover::calibrate::config::Flags;
use crossover::calibrate::fit_all;
use crossover::calibrate::predict::{batch_limit, efficiency, predict, Factors, Setup};
use crossover::calibrate::run::{Load, Run, Served, Stat};
use crossover::model::throughput::{Engine, KvCache, Precision, Workload, CALIBRATED};

fn runs() -> Vec<Run> {
    let lib = crossover::catalog::library();
    let model = lib.model("Llama 3.1 8B").unwrap();
    let gpu = lib.gpu("H100 SXM").unwrap();
    let setup = Setup {
        model: &model.arch,
        gpu: &gpu.spec,
        precision: Precision::Bf16,
        kv: KvCache::Auto,
        gpus: 1,
        engine: Engine::Vllm,
        parallelism: crossover::model::throughput::Parallelism::Tensor,
    };
    let truth = Factors {
        bandwidth: 0.85,
        compute: 1.1,
        overhead_s: 0.02,
        step_s: 0.008,
    };
    let eff = efficiency(&CALIBRATED, &setup, &truth);
    let mut out = Vec::new();
    for (i, o) in [
        (200.0, 200.0),
        (1000.0, 500.0),
        (2000.0, 200.0),
        (4000.0, 800.0),
        (8000.0, 300.0),
    ] {
        let w = Workload {
            input_tokens: i,
            output_tokens: o,
        };
        let limit = batch_limit(&CALIBRATED, &setup, &w).unwrap();
        for k in 0..20 {
            let c = (1.5f64).powi(k).round();
            let p = predict(&eff, &setup, &w, c, limit, truth.overhead_s).unwrap();
            out.push(Run {
                file: "sweep.json".into(),
                label: format!("run {}", out.len() + 1),
                served: Served {
                    model: Some("Llama 3.1 8B".into()),
                    engine: Some("vllm".into()),
                    gpu: Some("H100 SXM".into()),
                    gpus: Some(1),
                    precision: Some("bf16".into()),
                },
                load: Load::Concurrency(c),
                completed: Some(1000.0),
                input_tokens: i,
                output_tokens: o,
                output_tokens_per_second: p.output_tokens_per_second,
                requests_per_second: None,
                e2e_ms: None,
                mean_concurrency: None,
                ttft_ms: Stat {
                    mean: Some(p.ttft_ms),
                    ..Stat::default()
                },
                tpot_ms: Stat {
                    mean: Some(p.tpot_ms),
                    ..Stat::default()
                },
            });
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let runs = runs();
    assert_eq!(runs.len(), 100);
    let flags = Flags::default();
    c.bench_function("calibrate 100 runs", |b| {
        b.iter(|| fit_all(crossover::catalog::library(), black_box(&runs), &flags).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
