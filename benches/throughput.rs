//! One throughput estimate (issue 22's target: under 1 µs), on a dense model and on the
//! heaviest path (a fine-grained mixture of experts with latent attention, expert parallel over
//! two nodes), and Monte Carlo 2,000 × 256 with an estimate per sample (under 8 ms).

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use crossover::model::throughput::{
    estimate, Attention, Engine, Generation, GpuSpec, Interconnect, LatencyTargets, ModelArch,
    Precision, PrecisionSpec, Workload,
};

fn llama_8b() -> ModelArch {
    ModelArch {
        name: "Llama 3.1 8B".into(),
        params_total_b: 8.03,
        params_active_b: 8.03,
        layers: 32,
        heads: 32,
        kv_heads: 8,
        head_dim: 128,
        hidden: 4096,
        max_context: 131_072,
        attention: Attention::Full,
        precisions: vec![PrecisionSpec {
            precision: Precision::Bf16,
            bytes_per_weight: 2.0,
            bytes_per_kv: 2.0,
        }],
        ..ModelArch::default()
    }
}

fn h100() -> GpuSpec {
    GpuSpec {
        name: "H100 SXM".into(),
        memory_gb: 80.0,
        bandwidth_tb_s: 3.35,
        tflops_bf16: 989.0,
        tflops_fp8: Some(1979.0),
        tflops_fp4: None,
        interconnect: Interconnect::NvLink,
        interconnect_gb_s: 900.0,
        power_w: 700.0,
        generation: Generation::Hopper,
    }
}

fn one_estimate(c: &mut Criterion) {
    let (m, g) = (llama_8b(), h100());
    let w = Workload {
        input_tokens: 2000.0,
        output_tokens: 500.0,
    };
    let targets = LatencyTargets {
        ttft_ms: Some(500.0),
        tpot_ms: Some(30.0),
    };
    for (name, targets) in [
        ("one throughput estimate", LatencyTargets::default()),
        ("one throughput estimate with latency targets", targets),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| {
                estimate(
                    black_box(&m),
                    black_box(&g),
                    Precision::Bf16,
                    1,
                    Engine::Vllm,
                    black_box(&w),
                    black_box(&targets),
                )
            })
        });
    }
}

/// The heaviest estimate: DeepSeek V3 at fp8 (256 routed experts, 8 a token, multi-head latent
/// attention) on 16 × H200 over two nodes, expert parallel, SGLang, 3,200/800 tokens, with the
/// shipped catalog's figures.
fn one_frontier_estimate(c: &mut Criterion) {
    use crossover::model::throughput::estimate::{estimate_config, Config};
    use crossover::model::throughput::{KvCache, Parallelism, CALIBRATED};
    let lib = crossover::catalog::library();
    let m = lib.model("DeepSeek V3").expect("DeepSeek V3").arch.clone();
    let g = lib.gpu("H200").expect("H200").spec.clone();
    let config = Config {
        precision: Precision::Fp8,
        kv: KvCache::Auto,
        gpus: 16,
        engine: Engine::Sglang,
        parallelism: Parallelism::Expert,
    };
    let w = Workload {
        input_tokens: 3200.0,
        output_tokens: 800.0,
    };
    c.bench_function(
        "one throughput estimate, DeepSeek V3 fp8 on 16 x H200, expert parallel",
        |b| {
            b.iter(|| {
                estimate_config(
                    &CALIBRATED,
                    black_box(&m),
                    black_box(&g),
                    black_box(&config),
                    black_box(&w),
                    &LatencyTargets::default(),
                    u32::MAX,
                )
            })
        },
    );
}

/// Monte Carlo 2,000 × 256 with the estimate inside (issue 10: under 8 ms on two cores): once
/// shared by every sample, and once per sample when token sizes are drawn.
fn monte_carlo_with_estimate(c: &mut Criterion) {
    use crossover::model::throughput::settings::Source;
    for (name, key, low, high) in [
        ("shared estimate", "self_host.throughput_factor", 0.75, 1.25),
        (
            "estimate per sample",
            "workload.input_tokens",
            1000.0,
            4000.0,
        ),
    ] {
        let mut sc = common::with_uniform_ranges(
            crossover::model::Scenario::default(),
            2000,
            &[
                (key, low, high),
                ("self_host.gpu_per_hour", 1.9, 3.5),
                ("workload.requests_per_day", 5_000.0, 50_000.0),
            ],
        );
        sc.self_host.estimate.source = Source::Estimate;
        c.bench_function(&format!("monte carlo 2000 x 256, two cores, {name}"), |b| {
            b.iter(|| crossover::model::uncertainty::monte_carlo(black_box(&sc), 256, 2))
        });
    }
}

criterion_group!(
    benches,
    one_estimate,
    one_frontier_estimate,
    monte_carlo_with_estimate
);
criterion_main!(benches);
