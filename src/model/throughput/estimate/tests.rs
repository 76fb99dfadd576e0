//! Hand-worked estimates on made-up hardware with round figures, so that every term of
//! docs/MODEL.md §6.2 shows in a result: every efficiency differs from 1, and the cases
//! between them take each side of every `max`, each limit and each latency target.
//!
//! Efficiencies (not the calibrated ones): bandwidth share Ampere 0.8, Ada 0.7, Hopper 0.5;
//! compute 0.5; mixture of experts 0.8 (coarse), 0.7 (fine-grained); dequantised decode
//! products 0.6; no per-request overhead (`tests_latency.rs` gives it one); tensor parallel per
//! doubling NVLink 0.75, PCIe 0.5; vLLM 0.8, SGLang 0.9.
//!
//! G has 40 GB, under vLLM's 70 GiB line: vLLM runs 256 requests at once and feeds 2,048
//! prompt tokens a step. All-reduces: 10 µs a message on NVLink, 30 µs on PCIe, each way
//! 450 GB/s (half of G's 900 GB/s).
//!
//! Model D: dense, 4B parameters, 10 layers, 16 heads and 4 KV heads of 100, bf16 (2 bytes per
//! weight and per KV element). KV per token = 2 · 4 · 100 · 2 · 10 = 16,000 B; weights
//! W = 8e9 B; weight FLOPs per token 8e9; attention FLOPs per visible token
//! 4 · 1,600 · 10 = 64,000.
//!
//! GPU G: 40 GB (40 GiB = 42,949,672,960 B), 2 TB/s, 1,000 bf16 TFLOPS, Hopper, NVLink.

use super::*;
use crate::model::throughput::arch::{Attention, Experts};
use crate::model::throughput::gpu::{Generation, Interconnect};

const EFF: Efficiency = Efficiency {
    bandwidth_ampere: 0.8,
    bandwidth_ada: 0.7,
    bandwidth_hopper: 0.5,
    bandwidth_cdna: 0.5,
    compute: 0.5,
    moe: 0.8,
    moe_fine: 0.7,
    dequant: 0.6,
    overhead_s: 0.0,
    step_overhead_s: 0.0,
    step_layer_s: 0.0,
    step_layer_doubling_s: 0.0,
    tp_nvlink: 0.75,
    tp_pcie: 0.5,
    vllm: 0.8,
    sglang: 0.9,
};

fn spec(precision: Precision, bytes: f64) -> PrecisionSpec {
    PrecisionSpec {
        precision,
        bytes_per_weight: bytes,
        bytes_per_kv: bytes,
    }
}

/// Model D with `params` billion parameters (all active).
fn dense(params: f64) -> ModelArch {
    ModelArch {
        name: "D".into(),
        params_total_b: params,
        params_active_b: params,
        layers: 10,
        heads: 16,
        kv_heads: 4,
        head_dim: 100,
        hidden: 1600,
        max_context: 131_072,
        attention: Attention::Full,
        precisions: vec![spec(Precision::Bf16, 2.0), spec(Precision::Fp8, 1.0)],
        ..ModelArch::default()
    }
}

fn gpu(generation: Generation, interconnect: Interconnect, tflops: f64) -> GpuSpec {
    GpuSpec {
        name: "G".into(),
        memory_gb: 40.0,
        bandwidth_tb_s: 2.0,
        tflops_bf16: tflops,
        tflops_fp8: Some(2.0 * tflops),
        tflops_fp4: None,
        interconnect,
        interconnect_gb_s: 900.0,
        power_w: 700.0,
        generation,
    }
}

fn g() -> GpuSpec {
    gpu(Generation::Hopper, Interconnect::NvLink, 1000.0)
}

fn work(input_tokens: f64, output_tokens: f64) -> Workload {
    Workload {
        input_tokens,
        output_tokens,
    }
}

fn run(
    model: &ModelArch,
    gpu: &GpuSpec,
    gpus: u32,
    engine: Engine,
    w: Workload,
    targets: LatencyTargets,
) -> Result<Estimate, EstimateError> {
    estimate_with(
        &EFF,
        model,
        gpu,
        Precision::Bf16,
        gpus,
        engine,
        &w,
        &targets,
    )
}

fn ok(gpus: u32, engine: Engine, w: Workload) -> Estimate {
    run(
        &dense(4.0),
        &g(),
        gpus,
        engine,
        w,
        LatencyTargets::default(),
    )
    .unwrap()
}

#[track_caller]
fn near(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs(),
        "{actual} ≠ {expected}"
    );
}

const M1: f64 = 42_949_672_960.0; // 40 GiB
const GIB2: f64 = 2_147_483_648.0; // the activation reserve of one GPU

#[test]
fn dense_replica_bound_by_prefill_by_hand() {
    // D on 1 × G, vLLM, I = 1,000, O = 200.
    let e = ok(1, Engine::Vllm, work(1000.0, 200.0));
    // Memory: KV = 0.9 · M − W − 2 GiB = 38,654,705,664 − 8e9 − 2,147,483,648.
    near(e.memory_bytes, M1);
    near(e.weight_bytes, 8e9);
    near(e.kv_memory_bytes, 28_507_222_016.0);
    near(e.reserve_bytes, 0.1 * M1 + GIB2);
    // One request keeps 1,200 tokens: 19.2e6 B; 28,507,222,016 / 19.2e6 = 1,484.75.
    near(e.kv_bytes_per_request, 19.2e6);
    assert_eq!((e.kv_concurrency, e.engine_max_running), (1484, 256));
    assert_eq!(e.max_concurrency, 256);
    // BW = 2e12 · 0.5 · 0.8 = 8e11 B/s; F = 1e15 · 0.5 · 0.8 = 4e14 FLOP/s.
    near(e.bandwidth_bytes_s, 8e11);
    near(e.compute_flops, 4e14);
    // Step at 256, context 1,100: weights 8e9 / 8e11 = 10 ms against products
    // 256 · 8e9 / 4e14 = 5.12 ms; KV 256 · 17.6e6 / 8e11 = 5.632 ms against attention
    // 256 · 64,000 · 1,100 / 4e14 = 0.045056 ms. Step 10 + 5.632 = 15.632 ms.
    near(e.step_s, 0.015632);
    near(e.step_memory_s, 0.01 + 0.005632);
    near(e.step_compute_s, 0.00512 + 0.000045056);
    // Prefill (8e9 · 1,000 + 64,000 · 1,000² / 2) / 4e14 = 8.032e12 / 4e14 = 20.08 ms.
    near(e.prefill_s, 0.02008);
    // Decode 200 · 15.632 ms / 256 = 12.2125 ms; s = 32.2925 ms.
    near(e.decode_s, 0.0122125);
    near(e.requests_per_second, 1.0 / 0.0322925);
    near(e.input_tokens_per_second, 1000.0 / 0.0322925);
    near(e.output_tokens_per_second, 200.0 / 0.0322925);
    near(e.prefill_tokens_per_second(1000.0), 1000.0 / 0.02008);
    near(e.decode_tokens_per_second(200.0), 256.0 / 0.015632);
    // The other 255 requests' prefills take 255/256 · 20.08 / 32.2925 = 61.94% of the
    // replica: the first token waits ρ · 20.08 / (2 (1 − ρ)) = 16.33 ms for them (M/D/1),
    // then 20.08 ms of prefill and ⌈1,000 / 2,048⌉ = 1 step. Per token: the step and the
    // others' prefill chunks, 15.632 + 20.08 · 255 / 200 = 41.234 ms.
    let rho = 255.0 / 256.0 * 0.02008 / 0.0322925;
    let queue = rho * 0.02008 / (2.0 * (1.0 - rho));
    near(e.prefill_queue_s, queue);
    assert!((queue - 0.01633).abs() < 1e-5, "{queue}");
    near(e.time_to_first_token_s, queue + 0.02008 + 0.015632);
    near(
        e.time_per_output_token_s,
        0.015632 + 0.02008 * 255.0 / 200.0,
    );
    assert!(e.fits_target);
    assert_eq!(e.step_allreduce_s, 0.0);
    // Compute-limited 20.08 ms of prefill against 12.2125 ms of memory-limited decode.
    assert_eq!(e.bound, Bound::Compute);
}

#[test]
fn long_requests_are_bound_by_the_kv_cache_by_hand() {
    // I = 8,000, O = 2,000: 160e6 B a request, ⌊28,507,222,016 / 160e6⌋ = 178 < 256.
    let e = ok(1, Engine::Vllm, work(8000.0, 2000.0));
    assert_eq!((e.kv_concurrency, e.max_concurrency), (178, 178));
    // Context 9,000: step max(10, 3.56) + max(178 · 144e6 / 8e11 = 32.04, 0.256) ms.
    near(e.step_s, 0.04204);
    near(e.step_memory_s, 0.04204);
    // Prefill (6.4e13 + 64,000 · 3.2e7) / 4e14 = 165.12 ms, less than the memory-limited
    // 2,000 · 42.04 / 178 = 472.36 ms.
    near(e.prefill_s, 0.16512);
    near(e.decode_s, 2000.0 * 0.04204 / 178.0);
    near(
        e.requests_per_second,
        1.0 / (0.16512 + 2000.0 * 0.04204 / 178.0),
    );
    // First token: the queue, the prefill and ⌈8,000 / 2,048⌉ = 4 steps.
    let per_request = 0.16512 + 2000.0 * 0.04204 / 178.0;
    let rho = 177.0 / 178.0 * 0.16512 / per_request;
    let queue = rho * 0.16512 / (2.0 * (1.0 - rho));
    near(e.time_to_first_token_s, queue + 0.16512 + 4.0 * 0.04204);
    near(
        e.time_per_output_token_s,
        0.04204 + 0.16512 * 177.0 / 2000.0,
    );
    assert_eq!(e.bound, Bound::KvCache);
}

#[test]
fn short_prompts_long_answers_are_bound_by_bandwidth_by_hand() {
    // I = 100, O = 1,000: ⌊28,507,222,016 / 17.6e6⌋ = 1,619 requests fit, vLLM runs 256.
    let e = ok(1, Engine::Vllm, work(100.0, 1000.0));
    assert_eq!((e.kv_concurrency, e.max_concurrency), (1619, 256));
    // Context 600: step 10 + 256 · 9.6e6 / 8e11 = 13.072 ms; prefill (8e11 + 3.2e8) / 4e14.
    near(e.step_s, 0.013072);
    near(e.prefill_s, 0.0020008);
    near(e.decode_s, 1000.0 * 0.013072 / 256.0);
    // 2.0008 ms of compute against 51.06 ms of reads, at the engine's limit.
    assert_eq!(e.bound, Bound::Bandwidth);
}

#[test]
fn a_kv_cache_holding_exactly_the_engines_limit_is_the_engines_limit() {
    // 6,946 tokens a request: ⌊28,507,222,016 / 111,136,000⌋ = 256 = vLLM's limit. The batch
    // is the engine's (the doc of `Bound::Bandwidth`), not cut by the memory.
    let e = ok(1, Engine::Vllm, work(200.0, 6746.0));
    assert_eq!((e.kv_concurrency, e.max_concurrency), (256, 256));
    assert_eq!(e.bound, Bound::Bandwidth);
}

#[test]
fn slow_arithmetic_sets_both_parts_of_the_step_by_hand() {
    // D on 1 × G at 10 TFLOPS, Ada, SGLang (0.88 of all memory, 4,096 at once), I = 1,000,
    // O = 200. KV = 0.88 · M − W − 2 GiB.
    let slow = gpu(Generation::Ada, Interconnect::Pcie, 10.0);
    let e = run(
        &dense(4.0),
        &slow,
        1,
        Engine::Sglang,
        work(1000.0, 200.0),
        LatencyTargets::default(),
    )
    .unwrap();
    near(e.kv_memory_bytes, 0.88 * M1 - 8e9 - GIB2);
    assert_eq!((e.kv_concurrency, e.max_concurrency), (1440, 1440));
    // BW = 2e12 · 0.7 · 0.9 = 1.26e12; F = 1e13 · 0.5 · 0.9 = 4.5e12.
    near(e.bandwidth_bytes_s, 1.26e12);
    near(e.compute_flops, 4.5e12);
    // Step at 1,440: products 1,440 · 8e9 / 4.5e12 = 2.56 s (weights 6.35 ms);
    // attention 1,440 · 64,000 · 1,100 / 4.5e12 = 22.528 ms (KV reads 20.11 ms).
    near(e.step_s, 2.56 + 0.022528);
    near(e.step_memory_s, 8e9 / 1.26e12 + 1440.0 * 17.6e6 / 1.26e12);
    near(e.step_compute_s, 2.56 + 0.022528);
    near(e.prefill_s, 8.032e12 / 4.5e12);
    assert_eq!(e.bound, Bound::Compute);
}

#[test]
fn tensor_parallel_and_free_memory_share_by_hand() {
    // D on 2 × G (Ampere, PCIe), TensorRT-LLM, I = O = 1,000. KV = 0.9 · (2M − W − 4 GiB).
    let a = gpu(Generation::Ampere, Interconnect::Pcie, 1000.0);
    let w = work(1000.0, 1000.0);
    let e = run(
        &dense(4.0),
        &a,
        2,
        Engine::TensorRtLlm,
        w,
        LatencyTargets::default(),
    )
    .unwrap();
    let kv = 0.9 * (2.0 * M1 - 8e9 - 2.0 * GIB2);
    near(e.memory_bytes, 2.0 * M1);
    near(e.kv_memory_bytes, kv);
    near(e.reserve_bytes, 2.0 * M1 - 8e9 - kv);
    // ⌊kv / 32e6⌋ = 2,070 fit; TensorRT-LLM runs 2,048.
    assert_eq!((e.kv_concurrency, e.max_concurrency), (2070, 2048));
    // Reads at 2 · 2e12 · 0.8 = 3.2e12 B/s; the weight products × 0.5 (one doubling on PCIe):
    // 2 · 1e15 · 0.5 · 0.5 = 5e14; attention at 1e15.
    near(e.bandwidth_bytes_s, 3.2e12);
    near(e.compute_flops, 5e14);
    // Step at 2,048, context 1,500: max(8e9 / 3.2e12 = 2.5, 2,048 · 8e9 / 5e14 = 32.768) +
    // max(2,048 · 24e6 / 3.2e12 = 15.36, 2,048 · 64,000 · 1,500 / 1e15 = 0.197) ms, and two
    // all-reduces in each of 10 layers: 30 µs + (2 − 1)/2 · 2 · 2,048 · 1,600 · 2 B / 450 GB/s
    // = 30 + 14.564 µs each, 0.891 ms in all.
    let allreduce = 20.0 * (30e-6 + 2048.0 * 1600.0 * 2.0 / 450e9);
    near(e.step_allreduce_s, allreduce);
    assert!((allreduce - 0.000891).abs() < 1e-6, "{allreduce}");
    near(e.step_s, 0.032768 + 0.01536 + allreduce);
    near(e.step_memory_s, 0.0025 + 0.01536);
    // Prefill 8.032e12 / 5e14 = 16.064 ms and one chunk's all-reduces of 1,000 tokens.
    near(
        e.prefill_s,
        0.016064 + 20.0 * (30e-6 + 1000.0 * 1600.0 * 2.0 / 450e9),
    );
    assert_eq!(e.bound, Bound::Compute);
}

#[test]
fn mixture_of_experts_on_two_gpus_by_hand() {
    // 10B parameters, 4B active, 8 experts with 2 a token (a coarse mixture: factor 0.8): 1B an
    // expert, 2B shared. On 2 × G, vLLM, I = 1,000, O = 200. Reads at 2 · 2e12 · 0.5 · 0.8 =
    // 1.6e12 B/s; products 2 · 1e15 · 0.5 · 0.8 · 0.75 = 6e14 FLOP/s; attention 8e14.
    let mut x = dense(10.0);
    x.params_active_b = 4.0;
    x.experts = Some(Experts::routed(8, 2));
    let e = run(
        &x,
        &g(),
        2,
        Engine::Vllm,
        work(1000.0, 200.0),
        LatencyTargets::default(),
    )
    .unwrap();
    near(e.weight_bytes, 20e9);
    near(e.kv_memory_bytes, 0.9 * 2.0 * M1 - 20e9 - 2.0 * GIB2);
    near(e.bandwidth_bytes_s, 1.6e12);
    near(e.compute_flops, 6e14);
    // 256 tokens touch all 8 experts (1 − 0.75^256 = 1). Weights: the shared 4e9 B and the
    // experts' 16e9 B at the factor, (4e9 + 16e9 / 0.8) / 1.6e12 = 15 ms. Products:
    // 256 · (4e9 + 4e9 / 0.8) / 6e14 = 3.84 ms. KV 256 · 17.6e6 / 1.6e12 = 2.816 ms.
    // All-reduces: 20 · (10 µs + 256 · 1,600 · 2 B / 450 GB/s) = 0.2364 ms.
    let touched = 8.0 * (1.0 - 0.75f64.powi(256));
    let weights = (4e9 + 2e9 * touched / 0.8) / 1.6e12;
    near(weights, 0.015);
    let allreduce = 20.0 * (10e-6 + 256.0 * 1600.0 * 2.0 / 450e9);
    near(e.step_allreduce_s, allreduce);
    near(e.step_s, weights + 0.002816 + allreduce);
    near(
        e.step_compute_s,
        256.0 * 9e9 / 6e14 + 256.0 * 64_000.0 * 1100.0 / 8e14,
    );
    // Prefill: 8.032e12 / 6e14 = 13.387 ms (a prompt runs its experts at the dense
    // efficiency) and one chunk's all-reduces.
    near(
        e.prefill_s,
        8.032e12 / 6e14 + 20.0 * (10e-6 + 1000.0 * 1600.0 * 2.0 / 450e9),
    );
    // 13.73 ms of prefill and 0.18 ms of all-reduces against 13.92 ms of reads: bandwidth, at
    // the engine's limit.
    assert_eq!(e.bound, Bound::Bandwidth);
}

#[test]
fn fine_grained_experts_and_dequantised_products_by_hand() {
    // 40B parameters, 5B active, 64 experts with 4 a token and one shared (fine-grained:
    // factor 0.7): per expert (40 − 5) / 60 = 0.5833B, shared 5 − 4 · 0.5833 = 2.6667B. At
    // int4 (0.55 bytes a weight, 2-byte KV) on 1 × G, which has no int4 tensor cores: the
    // decode products run at 0.6 of the compute. vLLM, I = 1,000, O = 200.
    let mut x = dense(40.0);
    x.params_active_b = 5.0;
    x.experts = Some(Experts {
        count: 64,
        per_token: 4,
        shared: 1,
        expert_params_b: None,
    });
    x.precisions = vec![PrecisionSpec {
        precision: Precision::Int4,
        bytes_per_weight: 0.55,
        bytes_per_kv: 2.0,
    }];
    let e = estimate_with(
        &EFF,
        &x,
        &g(),
        Precision::Int4,
        1,
        Engine::Vllm,
        &work(1000.0, 200.0),
        &LatencyTargets::default(),
    )
    .unwrap();
    let per = 35.0 / 60.0;
    let shared = 5.0 - 4.0 * per;
    // 22e9 B of weights; KV 0.9 · M − 22e9 − 2 GiB = 14.507e9: 755 requests fit, 256 run.
    near(e.weight_bytes, 22e9);
    assert_eq!((e.kv_concurrency, e.max_concurrency), (755, 256));
    // 256 tokens touch 64 · (1 − (60/64)^256) = 63.999996 experts.
    let touched = 64.0 * (1.0 - (60.0f64 / 64.0).powi(256));
    let weights = (shared * 0.55e9 + per * touched * 0.55e9 / 0.7) / 8e11;
    let products = 256.0 * (2.0 * shared * 1e9 + 2.0 * 4.0 * per * 1e9 / 0.7) / (4e14 * 0.6);
    let kv = 256.0 * 17.6e6 / 8e11;
    near(e.step_s, weights.max(products) + kv);
    // Weights (1.467e9 + 20.53e9 / 0.7) / 8e11 = 38.5 ms against products
    // 256 · (5.333e9 + 4.667e9 / 0.7) / 2.4e14 = 12.8 ms: reads bind.
    assert!((weights - 0.0385).abs() < 1e-6, "{weights}");
    near(products, 0.0128);
    // Prefill at the full compute: (2 · 5e9 · 1,000 + 64,000 · 1,000² / 2) / 4e14.
    near(e.prefill_s, (1e13 + 3.2e10) / 4e14);
}

// Latency targets. D on 1 × G, vLLM, I = 20,000, O = 200: 323.2e6 B a request, 88 at once.
// Prefill t = (1.6e14 + 64,000 · 2e8) / 4e14 = 432 ms in ⌈20,000 / 2,048⌉ = 10 chunks. Up to
// 500 at once the weights outlast their products: step(B) = 10 + 0.402·B ms. Per token
// step(B) + 432 · (B − 1) / 200 ms; first token q(B) + 432 + 10 · step(B) ms, with the wait
// behind the others' prefills q(B) = ρ · 432 / (2 (1 − ρ)), ρ = (B − 1)/B · 432 / s(B),
// s(B) = 432 + 200 · step(B) / B.

fn long(targets: LatencyTargets) -> Result<Estimate, EstimateError> {
    run(
        &dense(4.0),
        &g(),
        1,
        Engine::Vllm,
        work(20_000.0, 200.0),
        targets,
    )
}

fn targets(ttft_ms: Option<f64>, tpot_ms: Option<f64>) -> LatencyTargets {
    LatencyTargets { ttft_ms, tpot_ms }
}

fn long_step_ms(b: f64) -> f64 {
    10.0 + 0.402 * b
}

fn long_tpot_ms(b: f64) -> f64 {
    long_step_ms(b) + 432.0 * (b - 1.0) / 200.0
}

fn long_ttft_ms(b: f64) -> f64 {
    let rho = (b - 1.0) / b * 432.0 / (432.0 + 200.0 * long_step_ms(b) / b);
    rho * 432.0 / (2.0 * (1.0 - rho)) + 432.0 + 10.0 * long_step_ms(b)
}

#[track_caller]
fn near_ms(actual_s: f64, expected_ms: f64) {
    assert!(
        (actual_s * 1e3 - expected_ms).abs() <= 1e-9 * expected_ms,
        "{} ms ≠ {expected_ms} ms",
        actual_s * 1e3
    );
}

#[test]
fn targets_met_at_the_natural_batch_change_nothing() {
    let free = long(LatencyTargets::default()).unwrap();
    assert_eq!((free.max_concurrency, free.bound), (88, Bound::Compute));
    // 1,739.65 ms and 233.30 ms.
    near_ms(free.time_to_first_token_s, long_ttft_ms(88.0));
    near_ms(free.time_per_output_token_s, long_tpot_ms(88.0));
    assert!((long_ttft_ms(88.0) - 1739.654).abs() < 1e-3);
    let met = long(targets(Some(1800.0), Some(250.0))).unwrap();
    assert_eq!(met, free);
}

#[test]
fn a_first_token_target_cuts_the_batch_by_hand() {
    // ttft(31) = 1,225.09 ms ≤ 1,230 < ttft(32) = 1,238.62 ms: 31 at once.
    assert!(long_ttft_ms(31.0) <= 1230.0 && long_ttft_ms(32.0) > 1230.0);
    let e = long(targets(Some(1230.0), None)).unwrap();
    assert_eq!((e.max_concurrency, e.bound), (31, Bound::TimeToFirstToken));
    assert!(e.fits_target);
    near_ms(e.time_to_first_token_s, long_ttft_ms(31.0));
    near_ms(e.step_s, long_step_ms(31.0));
    near(e.decode_s, 200.0 * long_step_ms(31.0) / 31.0 / 1e3);
    assert_eq!(e.kv_concurrency, 88);
}

#[test]
fn a_per_token_target_cuts_the_batch_by_hand() {
    // tpot(35) = 97.51 ms ≤ 100 < tpot(36) = 100.07 ms: 35 at once.
    assert!(long_tpot_ms(35.0) <= 100.0 && long_tpot_ms(36.0) > 100.0);
    let e = long(targets(None, Some(100.0))).unwrap();
    assert_eq!(
        (e.max_concurrency, e.bound),
        (35, Bound::TimePerOutputToken)
    );
    near_ms(e.time_per_output_token_s, long_tpot_ms(35.0));
}

#[test]
fn with_both_targets_the_tighter_one_binds() {
    // 1,230 ms first token (31) and 100 ms per token (35): 31, for the first token.
    let e = long(targets(Some(1230.0), Some(100.0))).unwrap();
    assert_eq!((e.max_concurrency, e.bound), (31, Bound::TimeToFirstToken));
    // 1,300 ms (36) and 100 ms (35): 35, for the per-token target.
    assert!(long_ttft_ms(36.0) <= 1300.0);
    let e = long(targets(Some(1300.0), Some(100.0))).unwrap();
    assert_eq!(
        (e.max_concurrency, e.bound),
        (35, Bound::TimePerOutputToken)
    );
}

#[test]
fn targets_no_batch_meets_give_the_best_figures_unmet() {
    // One request alone: first token 432 + 10 · 10.402 = 536.02 ms, per token 10.402 ms.
    let e = long(targets(Some(500.0), Some(100.0))).unwrap();
    assert_eq!((e.max_concurrency, e.bound), (1, Bound::TimeToFirstToken));
    assert!(!e.fits_target);
    near_ms(e.time_to_first_token_s, 536.02);
    assert_eq!(
        e.missed_target(&targets(Some(500.0), Some(100.0))).unwrap(),
        "no batch size meets a 500 ms first token on this replica: one request at a time takes 536 ms"
    );
    // Its rates are one request at a time's.
    near(e.requests_per_second, 1.0 / (0.432 + 200.0 * 0.010402));
    let t = targets(Some(600.0), Some(10.0));
    let e = long(t).unwrap();
    assert_eq!((e.max_concurrency, e.bound), (1, Bound::TimePerOutputToken));
    assert!(!e.fits_target);
    assert_eq!(
        e.missed_target(&t).unwrap(),
        "no batch size meets 10 ms per output token on this replica: one request at a time takes 10.4 ms"
    );
    // Both missed: the first token is named.
    let e = long(targets(Some(500.0), Some(10.0))).unwrap();
    assert_eq!(e.bound, Bound::TimeToFirstToken);
    // Just met by one request: a batch of one that fits.
    let e = long(targets(Some(536.1), Some(10.5))).unwrap();
    assert_eq!(e.max_concurrency, 1);
    assert!(e.fits_target && e.missed_target(&targets(Some(536.1), Some(10.5))).is_none());
    assert_eq!(
        EstimateError::Unreachable(Target::Ttft(463.5)).to_string(),
        "no batch size meets a 463.5 ms first token on this replica"
    );
}

#[test]
fn bad_inputs_are_named() {
    let w = work(1000.0, 200.0);
    let none = LatencyTargets::default();
    assert_eq!(
        run(&dense(4.0), &g(), 3, Engine::Vllm, w, none),
        Err(EstimateError::GpuCount(3))
    );
    for gpus in GPU_COUNTS {
        assert!(run(&dense(4.0), &g(), gpus, Engine::Vllm, w, none).is_ok());
    }
    for (i, o) in [(0.5, 200.0), (2e8, 200.0), (f64::NAN, 200.0), (1000.0, 0.0)] {
        let e = run(&dense(4.0), &g(), 1, Engine::Vllm, work(i, o), none).unwrap_err();
        assert!(matches!(e, EstimateError::Tokens { .. }), "{i}/{o}: {e}");
    }
    // 1 and 1e8 tokens are accepted (1e8 then needs 1.6 TB of KV cache).
    let e = run(&dense(4.0), &g(), 1, Engine::Vllm, work(1.0, 1e8), none).unwrap_err();
    assert!(matches!(e, EstimateError::DoesNotFit { .. }), "{e}");
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        for t in [targets(Some(bad), None), targets(None, Some(bad))] {
            let e = run(&dense(4.0), &g(), 1, Engine::Vllm, w, t).unwrap_err();
            assert!(matches!(e, EstimateError::Target { .. }), "{bad}: {e}");
        }
    }
    for bad in [0.0, -1.0, f64::INFINITY] {
        for what in ["memory", "bandwidth", "bf16 TFLOPS"] {
            let mut gp = g();
            match what {
                "memory" => gp.memory_gb = bad,
                "bandwidth" => gp.bandwidth_tb_s = bad,
                _ => gp.tflops_bf16 = bad,
            }
            let e = run(&dense(4.0), &gp, 1, Engine::Vllm, w, none).unwrap_err();
            assert_eq!(
                e,
                EstimateError::BadGpu {
                    gpu: "G".into(),
                    what
                }
            );
        }
    }
    let e = estimate_with(
        &EFF,
        &dense(4.0),
        &g(),
        Precision::Int4,
        1,
        Engine::Vllm,
        &w,
        &none,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "D is not served at int4; it is served at bf16, fp8"
    );
}

#[test]
fn a_model_that_does_not_fit_says_what_it_needs() {
    // 30B at bf16 = 60 GB of weights on 1 × G (42.9 GB): vLLM keeps 0.1 · M + 2 GiB = 6.4 GB.
    let big = dense(30.0);
    let w = work(1000.0, 200.0);
    let none = LatencyTargets::default();
    let e = run(&big, &g(), 1, Engine::Vllm, w, none).unwrap_err();
    assert_eq!(
        e.to_string(),
        "D at bf16 does not fit on 1 × G: weights 60.0 GB, reserve 6.4 GB and one request's KV \
         cache need more than its 43 GB; it needs 2 GPUs per replica"
    );
    // TensorRT-LLM takes its share of what is free, and nothing is: the reserve is the 2 GiB.
    let e = run(&big, &g(), 1, Engine::TensorRtLlm, w, none).unwrap_err();
    assert!(
        e.to_string().contains("weights 60.0 GB, reserve 2.1 GB"),
        "{e}"
    );
    // 400B: 800 GB, more than 8 × 42.9 GB.
    let e = run(&dense(400.0), &g(), 8, Engine::Vllm, w, none).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("; not even 8 GPUs per replica hold it"),
        "{e}"
    );
    // The weights fit and leave 28.5 GB of KV cache, but one request of 2e6 tokens needs 32 GB.
    let e = run(&dense(4.0), &g(), 1, Engine::Vllm, work(2e6, 200.0), none).unwrap_err();
    assert_eq!(
        e.to_string(),
        "D at bf16 does not fit on 1 × G: weights 8.0 GB, reserve 6.4 GB and one request's KV \
         cache need more than its 43 GB; it needs 2 GPUs per replica"
    );
}

#[test]
fn fewest_gpus_that_hold_the_model() {
    let w = work(1000.0, 200.0);
    let bf16 = Precision::Bf16;
    assert_eq!(
        fewest_gpus(&dense(4.0), &g(), bf16, Engine::Vllm, &w),
        Some(1)
    );
    // 60 GB: 2 × G keep 0.9 · 85.9 − 60 − 4.3 = 13 GB for the KV cache.
    assert_eq!(
        fewest_gpus(&dense(30.0), &g(), bf16, Engine::Vllm, &w),
        Some(2)
    );
    // 160 GB: 4 × G keep 0.9 · 171.8 − 160 − 8.6 < 0; 8 × G 0.9 · 343.6 − 160 − 17.2 > 0.
    assert_eq!(
        fewest_gpus(&dense(80.0), &g(), bf16, Engine::Vllm, &w),
        Some(8)
    );
    assert_eq!(
        fewest_gpus(&dense(400.0), &g(), bf16, Engine::Vllm, &w),
        None
    );
    let int4 = Precision::Int4;
    assert_eq!(fewest_gpus(&dense(4.0), &g(), int4, Engine::Vllm, &w), None);
}

#[test]
fn memory_needed_per_gpu_by_hand() {
    let d = dense(4.0);
    let w = work(1000.0, 200.0);
    let bf16 = Precision::Bf16;
    // vLLM: (19.2e6 + 8e9 + 2 GiB) / 0.9 of one GPU = 10.5205 GiB.
    let one = memory_needed_gb(&d, bf16, 1, Engine::Vllm, &w).unwrap();
    near(one, (19.2e6 + 8e9 + GIB2) / 0.9 / GIB);
    // TensorRT-LLM on 2: (19.2e6 / 0.9 + 8e9 + 4 GiB) / 2 = 5.7352 GiB a GPU.
    let two = memory_needed_gb(&d, bf16, 2, Engine::TensorRtLlm, &w).unwrap();
    near(two, (19.2e6 / 0.9 + 8e9 + 2.0 * GIB2) / 2.0 / GIB);
    assert_eq!(
        memory_needed_gb(&d, Precision::Int4, 1, Engine::Vllm, &w),
        None
    );
    // A GPU of that size just holds it; 0.1% less does not.
    for (gpus, engine, gb) in [(1, Engine::Vllm, one), (2, Engine::TensorRtLlm, two)] {
        let mut gp = g();
        gp.memory_gb = gb * 1.001;
        assert!(run(&d, &gp, gpus, engine, w, LatencyTargets::default()).is_ok());
        gp.memory_gb = gb * 0.999;
        assert!(run(&d, &gp, gpus, engine, w, LatencyTargets::default()).is_err());
    }
}

#[test]
fn bound_names_and_labels() {
    let all = [
        Bound::Compute,
        Bound::Bandwidth,
        Bound::KvCache,
        Bound::TimeToFirstToken,
        Bound::TimePerOutputToken,
    ];
    let names: Vec<&str> = all.iter().map(|b| b.name()).collect();
    assert_eq!(
        names,
        [
            "compute",
            "bandwidth",
            "kv_cache",
            "ttft_target",
            "tpot_target"
        ]
    );
    let labels: Vec<&str> = all.iter().map(|b| b.label()).collect();
    assert_eq!(
        labels,
        [
            "compute",
            "memory bandwidth",
            "KV cache",
            "first-token target",
            "per-token target"
        ]
    );
}

#[test]
fn a_target_met_exactly_is_met() {
    // One request alone, its own first-token and per-token times as the targets.
    let one = long(targets(Some(536.1), Some(10.5))).unwrap();
    let (ttft_ms, tpot_ms) = (
        one.time_to_first_token_s * 1e3,
        one.time_per_output_token_s * 1e3,
    );
    let e = long(targets(Some(ttft_ms), Some(tpot_ms))).unwrap();
    assert_eq!(e.max_concurrency, 1);
    assert!(e.fits_target);
    // The per-token target cuts at 35; the first token at 36 exactly meets its target, so
    // the per-token target is what cut the batch.
    let at_36 = long(targets(None, Some(long_tpot_ms(36.0) + 1e-6))).unwrap();
    assert_eq!(at_36.max_concurrency, 36);
    let ttft_36 = at_36.time_to_first_token_s * 1e3;
    let e = long(targets(Some(ttft_36), Some(100.0))).unwrap();
    assert_eq!(
        (e.max_concurrency, e.bound),
        (35, Bound::TimePerOutputToken)
    );
}

#[test]
fn reads_outweigh_products_that_outrun_the_weights_by_hand() {
    // D on 1 × G, SGLang (BW 2e12 · 0.5 · 0.9 = 9e11, F 1e15 · 0.5 · 0.9 = 4.5e14), I = 200,
    // O = 3,000: ⌊(0.88 · M − W − 2 GiB) / 51.2e6⌋ = 540 at once.
    let e = ok(1, Engine::Sglang, work(200.0, 3000.0));
    assert_eq!((e.kv_concurrency, e.max_concurrency), (540, 540));
    // Step at 540, context 1,700: products 540 · 8e9 / 4.5e14 = 9.6 ms outrun the weights
    // (8e9 / 9e11 = 8.89 ms); KV reads 540 · 27.2e6 / 9e11 = 16.32 ms.
    near(e.step_s, 0.0096 + 0.01632);
    near(e.step_memory_s, 8e9 / 9e11 + 0.01632);
    // Compute-limited: prefill (1.6e12 + 64,000 · 20,000) / 4.5e14 = 3.558 ms and
    // 3,000 · 9.6 / 540 = 53.3 ms of products; memory-limited 3,000 · 16.32 / 540 = 90.7 ms.
    near(e.prefill_s, 1.60128e12 / 4.5e14);
    near(e.decode_s, 3000.0 * 0.02592 / 540.0);
    assert_eq!(e.bound, Bound::KvCache);
}
