//! docs/MODEL.md §6.2's hand-worked examples of 2026 replicas, every term non-zero: a
//! fine-grained mixture of experts at int4 (dequantised products) with an fp8 KV cache on two
//! GPUs (all-reduces), at saturation and at a stated concurrency (overhead, prefill queue,
//! other requests' prefill chunks); fp4 on fp4 tensor cores; fp8 weights with vLLM's bf16 KV
//! cache against an fp8 one.
//!
//! Efficiencies: bandwidth share Hopper 0.5, compute 0.5, fine-grained experts 0.7,
//! dequantised decode products 0.6, overhead 20 ms, tensor parallel per doubling (NVLink) 0.75,
//! vLLM 0.8.
//!
//! Model X: 60B parameters, 6B active, 64 routed experts with 4 a token (fine-grained), 20
//! layers, 32 heads and 4 KV heads of 128, hidden 4,096. Per expert (60 − 6) / 60 = 0.9B;
//! used by every token 6 − 4 · 0.9 = 2.4B.
//!
//! GPU H: 80 GiB, 4 TB/s, 1,000 bf16 / 2,000 fp8 / 4,000 fp4 TFLOPS, NVLink 800 GB/s (400 GB/s
//! each way), Hopper: vLLM runs 1,024 at once and feeds 8,192 prompt tokens a step.

use super::*;
use crate::model::throughput::arch::{Attention, Experts};
use crate::model::throughput::gpu::{Generation, Interconnect};
use crate::model::throughput::load::at_concurrency;

const EFF: Efficiency = Efficiency {
    bandwidth_ampere: 0.8,
    bandwidth_ada: 0.7,
    bandwidth_hopper: 0.5,
    bandwidth_cdna: 0.5,
    compute: 0.5,
    moe: 0.8,
    moe_fine: 0.7,
    dequant: 0.6,
    overhead_s: 0.02,
    step_overhead_s: 0.0,
    step_layer_s: 0.0,
    step_layer_doubling_s: 0.0,
    tp_nvlink: 0.75,
    tp_pcie: 0.5,
    vllm: 0.8,
    sglang: 0.9,
};

fn spec(precision: Precision, weight: f64, kv: f64) -> PrecisionSpec {
    PrecisionSpec {
        precision,
        bytes_per_weight: weight,
        bytes_per_kv: kv,
    }
}

fn model_x() -> ModelArch {
    ModelArch {
        name: "X".into(),
        params_total_b: 60.0,
        params_active_b: 6.0,
        layers: 20,
        heads: 32,
        kv_heads: 4,
        head_dim: 128,
        hidden: 4096,
        max_context: 131_072,
        attention: Attention::Full,
        experts: Some(Experts {
            count: 64,
            per_token: 4,
            shared: 1,
            expert_params_b: Some(0.9),
        }),
        precisions: vec![
            spec(Precision::Int4, 0.55, 2.0),
            spec(Precision::Fp8, 1.0, 1.0),
            spec(Precision::Fp4, 0.5625, 1.0),
        ],
        ..ModelArch::default()
    }
}

fn gpu_h() -> GpuSpec {
    GpuSpec {
        name: "H".into(),
        memory_gb: 80.0,
        bandwidth_tb_s: 4.0,
        tflops_bf16: 1000.0,
        tflops_fp8: Some(2000.0),
        tflops_fp4: None,
        interconnect: Interconnect::NvLink,
        interconnect_gb_s: 800.0,
        power_w: 700.0,
        generation: Generation::Hopper,
    }
}

#[track_caller]
fn near(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs(),
        "{actual} ≠ {expected}"
    );
}

const GIB: f64 = 1_073_741_824.0;

fn config(precision: Precision, kv: KvCache, gpus: u32) -> Config {
    Config {
        precision,
        kv,
        gpus,
        engine: Engine::Vllm,
        parallelism: crate::model::throughput::Parallelism::Tensor,
    }
}

/// X at int4 with an fp8 KV cache on 2 × H, vLLM, I = 3,000, O = 400.
fn x_int4() -> (Config, Workload) {
    (
        config(Precision::Int4, KvCache::Fp8, 2),
        Workload {
            input_tokens: 3000.0,
            output_tokens: 400.0,
        },
    )
}

#[test]
fn a_fine_grained_mixture_at_int4_on_two_gpus_by_hand() {
    let (c, w) = x_int4();
    let e = estimate_config(
        &EFF,
        &model_x(),
        &gpu_h(),
        &c,
        &w,
        &LatencyTargets::default(),
        u32::MAX,
    )
    .unwrap();
    // Memory: 2 × 80 GiB; weights 60e9 · 0.55 = 33e9; KV = 0.9 · M − 33e9 − 4 GiB.
    let m = 160.0 * GIB;
    near(e.weight_bytes, 33e9);
    let kv = 0.9 * m - 33e9 - 4.0 * GIB;
    near(e.kv_memory_bytes, kv);
    // The fp8 KV cache (set, not vLLM's bf16 default): 2 · 4 · 128 · 1 B · 20 layers =
    // 20,480 B a token, 3,400 tokens a request = 69.632e6 B: ⌊117.3e9 / 69.632e6⌋ = 1,684; vLLM
    // runs 1,024.
    assert_eq!(e.kv_bytes_per_element, 1.0);
    near(e.kv_bytes_per_request, 69.632e6);
    assert_eq!((e.kv_concurrency, e.max_concurrency), (1684, 1024));
    // Reads BW = 2 · 4e12 · 0.5 · 0.8 = 3.2e12 B/s. int4 has no tensor cores of its own: the
    // products run at the bf16 peak, F = 2 · 1e15 · 0.5 · 0.8 · 0.75 = 6e14, and the decode
    // products at 0.6 of that; attention F_att = 8e14.
    near(e.bandwidth_bytes_s, 3.2e12);
    near(e.compute_flops, 6e14);
    // Step at 1,024: 64 · (1 − (60/64)^1024) = 64 experts touched. Weights
    // (2.4e9 + 0.9e9 · 64 / 0.7) · 0.55 / 3.2e12 = 14.555 ms; products
    // 1,024 · 2 · (2.4e9 + 3.6e9 / 0.7) / (6e14 · 0.6) = 42.91 ms: the products bind.
    let touched: f64 = 64.0 * (1.0 - (60.0f64 / 64.0).powi(1024));
    let weights: f64 = (2.4e9 + 0.9e9 * touched / 0.7) * 0.55 / 3.2e12;
    let products: f64 = 1024.0 * 2.0 * (2.4e9 + 3.6e9 / 0.7) / (6e14 * 0.6);
    assert!((weights - 0.0145554).abs() < 1e-6, "{weights}");
    assert!((products - 0.0429105).abs() < 1e-6, "{products}");
    // KV at context 3,200: 1,024 · 65.536e6 / 3.2e12 = 20.97 ms; attention
    // 1,024 · 4 · 4,096 · 20 · 3,200 / 8e14 = 1.342 ms.
    let kv_s = 1024.0 * 3200.0 * 20_480.0 / 3.2e12;
    let attention = 1024.0 * 4.0 * 4096.0 * 20.0 * 3200.0 / 8e14;
    assert!(kv_s > attention && attention > 1e-3);
    // All-reduces: 2 · 20 · (10 µs + 1 · 1,024 · 4,096 · 2 B / 400 GB/s) = 1.239 ms.
    let allreduce = 40.0 * (10e-6 + 1024.0 * 4096.0 * 2.0 / 400e9);
    near(e.step_allreduce_s, allreduce);
    let step = products + kv_s + allreduce;
    near(e.step_s, step);
    near(e.step_memory_s, weights + kv_s);
    // Prefill at the full 6e14 (a prompt amortises the dequantisation, and its experts run at
    // the dense efficiency): (2 · 6e9 · 3,000 + 4 · 4,096 · 20 · 3,000² / 2) / 6e14, and one
    // chunk's all-reduces of 3,000 tokens.
    let prefill = (3.6e13 + 4.0 * 4096.0 * 20.0 * 4.5e6) / 6e14
        + 40.0 * (10e-6 + 3000.0 * 4096.0 * 2.0 / 400e9);
    near(e.prefill_s, prefill);
    let s = prefill + 400.0 * step / 1024.0;
    near(e.requests_per_second, 1.0 / s);
    assert_eq!(e.bound, Bound::Compute);
    // Latency at 1,024: per token step + prefill · 1,023 / 400; first token 20 ms + the
    // M/D/1 wait + the prefill + one step.
    near(e.time_per_output_token_s, step + prefill * 1023.0 / 400.0);
    let rho = 1023.0 / 1024.0 * prefill / s;
    let queue = rho * prefill / (2.0 * (1.0 - rho));
    near(e.prefill_queue_s, queue);
    near(e.time_to_first_token_s, 0.02 + queue + prefill + step);
}

#[test]
fn the_same_replica_at_64_requests_in_flight_by_hand() {
    let (c, w) = x_int4();
    let l = at_concurrency(&EFF, &model_x(), &gpu_h(), &c, &w, 64).unwrap();
    assert_eq!((l.concurrency, l.decoding, l.queued), (64, 64, 0));
    // Step at 64: 64 · (1 − (60/64)^64) = 63.02 experts touched; weights
    // (2.4e9 + 0.9e9 · 63.02 / 0.7) · 0.55 / 3.2e12 = 14.34 ms outlast the products
    // (2.68 ms); KV 64 · 65.536e6 / 3.2e12 = 1.311 ms; all-reduces 40 · (10 µs + 64 · 8,192 B
    // / 400 GB/s) = 0.452 ms.
    let touched = 64.0 * (1.0 - (60.0f64 / 64.0).powi(64));
    let weights: f64 = (2.4e9 + 0.9e9 * touched / 0.7) * 0.55 / 3.2e12;
    let kv_s = 64.0 * 3200.0 * 20_480.0 / 3.2e12;
    let allreduce = 40.0 * (10e-6 + 64.0 * 4096.0 * 2.0 / 400e9);
    let step = weights + kv_s + allreduce;
    near(l.estimate.step_s, step);
    let prefill = l.estimate.prefill_s;
    let tpot = step + prefill * 63.0 / 400.0;
    near(l.time_per_output_token_s, tpot);
    let s = prefill + 400.0 * step / 64.0;
    let rho = 63.0 / 64.0 * prefill / s;
    let ttft = 0.02 + rho * prefill / (2.0 * (1.0 - rho)) + prefill + step;
    near(l.time_to_first_token_s, ttft);
    // Closed loop: e2e = ttft + 399 · tpot; 64 / e2e requests a second.
    let e2e = ttft + 399.0 * tpot;
    near(l.end_to_end_s, e2e);
    near(l.output_tokens_per_second, 64.0 * 400.0 / e2e);
    near(l.requests_per_second, 64.0 / e2e);
    near(l.input_tokens_per_second, 64.0 * 3000.0 / e2e);
    // 4,000 in flight: 1,024 decode, 2,976 wait; their first token waits 4,000 / rate − e2e.
    let many = at_concurrency(&EFF, &model_x(), &gpu_h(), &c, &w, 4000).unwrap();
    assert_eq!((many.decoding, many.queued), (1024, 2976));
    let rate = many.requests_per_second;
    near(
        many.time_to_first_token_s,
        many.estimate.time_to_first_token_s + 4000.0 / rate - many.end_to_end_s,
    );
}

/// docs/MODEL.md §6.2's fixed step time on the same replica: `t_fix = layers · (f₁ + f₂ ·
/// log2 n)` with f₁ = 20 µs and f₂ = 19 µs, 20 layers on 2 GPUs: 20 · (20 + 19) µs = 0.78 ms,
/// added to every decode step (it is neither the memory nor the compute part, so the bound
/// stays compute), so each request's replica-seconds grow by 400 · 0.78 ms / 1,024 and each
/// later token by 0.78 ms; a calibration fit's per-step time adds on its own.
#[test]
fn the_fixed_step_time_by_hand() {
    let eff = Efficiency {
        step_layer_s: 20e-6,
        step_layer_doubling_s: 19e-6,
        ..EFF
    };
    for (gpus, per_layer_us) in [(1, 20.0), (2, 39.0), (4, 58.0), (8, 77.0), (16, 96.0)] {
        near(eff.step_fixed_s(20, gpus), 20.0 * per_layer_us * 1e-6);
    }
    let fit = Efficiency {
        step_overhead_s: 3e-3,
        ..eff
    };
    near(fit.step_fixed_s(20, 2), 3e-3 + 0.78e-3);
    let (c, w) = x_int4();
    let none = LatencyTargets::default();
    let without = estimate_config(&EFF, &model_x(), &gpu_h(), &c, &w, &none, u32::MAX).unwrap();
    let e = estimate_config(&eff, &model_x(), &gpu_h(), &c, &w, &none, u32::MAX).unwrap();
    near(e.step_fixed_s, 0.78e-3);
    assert_eq!(without.step_fixed_s, 0.0);
    assert_eq!(e.max_concurrency, 1024);
    near(e.step_s, without.step_s + 0.78e-3);
    near(e.step_memory_s, without.step_memory_s);
    near(e.step_compute_s, without.step_compute_s);
    near(e.prefill_s, without.prefill_s);
    // s = 65.32 ms + 400 · 65.90 ms / 1,024 = 91.06 ms: 10.98 requests/s.
    let s = e.prefill_s + 400.0 * e.step_s / 1024.0;
    near(1.0 / e.requests_per_second, s);
    near(
        1.0 / e.requests_per_second - 1.0 / without.requests_per_second,
        400.0 * 0.78e-3 / 1024.0,
    );
    assert!(
        (e.requests_per_second - 10.98).abs() < 0.005,
        "{}",
        e.requests_per_second
    );
    assert_eq!(e.bound, Bound::Compute);
    near(
        e.time_per_output_token_s,
        e.step_s + e.prefill_s * 1023.0 / 400.0,
    );
    // At one request the step is the weights' reads, the KV's, the all-reduces and t_fix.
    let one = estimate_config(&eff, &model_x(), &gpu_h(), &c, &w, &none, 1).unwrap();
    let one_without = estimate_config(&EFF, &model_x(), &gpu_h(), &c, &w, &none, 1).unwrap();
    near(
        one.time_per_output_token_s,
        one_without.time_per_output_token_s + 0.78e-3,
    );
}

#[test]
fn fp4_runs_on_fp4_tensor_cores_and_int4_does_not() {
    // The same replica at fp4 (0.5625 bytes a weight with its scales) on a Blackwell H with
    // 4,000 fp4 TFLOPS: products at F = 2 · 4e15 · 0.5 · 0.8 · 0.75 = 2.4e15, no
    // dequantisation; on the Hopper H (no fp4 cores) fp4 runs like int4, W4A16.
    let (_, w) = x_int4();
    let mut b = gpu_h();
    b.generation = Generation::Blackwell;
    b.tflops_fp4 = Some(4000.0);
    let c = config(Precision::Fp4, KvCache::Fp8, 2);
    let none = LatencyTargets::default();
    let e = estimate_config(&EFF, &model_x(), &b, &c, &w, &none, u32::MAX).unwrap();
    near(e.compute_flops, 2.4e15);
    let touched: f64 = 64.0 * (1.0 - (60.0f64 / 64.0).powi(1024));
    let weights = (2.4e9 + 0.9e9 * touched / 0.7) * 0.5625 / 3.2e12;
    let products = 1024.0 * 2.0 * (2.4e9 + 3.6e9 / 0.7) / 2.4e15;
    let attention = 1024.0 * 4.0 * 4096.0 * 20.0 * 3200.0 / 3.2e15;
    let kv_s = 1024.0 * 3200.0 * 20_480.0 / 3.2e12;
    let allreduce = 40.0 * (10e-6 + 1024.0 * 4096.0 * 2.0 / 400e9);
    // Weights 14.88 ms now outlast products of 6.43 ms.
    assert!(weights > products && kv_s > attention);
    near(e.step_s, weights + kv_s + allreduce);
    let hopper = estimate_config(&EFF, &model_x(), &gpu_h(), &c, &w, &none, u32::MAX).unwrap();
    near(hopper.compute_flops, 6e14);
    assert!(hopper.step_s > e.step_s);
}

#[test]
fn fp8_weights_keep_vllms_bf16_kv_cache_unless_told() {
    // X at fp8 on one H, I = 3,000, O = 400: weights 60e9 B; KV 0.9 · 80 GiB − 60e9 − 2 GiB =
    // 15.16e9 B. vLLM's default KV cache is bf16: 40,960 B a token, 139.264e6 a request, 108
    // at once; with kv_cache_precision = "fp8", 69.632e6 B a request, 217 at once.
    let w = Workload {
        input_tokens: 3000.0,
        output_tokens: 400.0,
    };
    let none = LatencyTargets::default();
    let at = |kv| {
        estimate_config(
            &EFF,
            &model_x(),
            &gpu_h(),
            &config(Precision::Fp8, kv, 1),
            &w,
            &none,
            u32::MAX,
        )
        .unwrap()
    };
    let kv = 0.9 * 80.0 * GIB - 60e9 - 2.0 * GIB;
    let auto = at(KvCache::Auto);
    near(auto.kv_memory_bytes, kv);
    assert_eq!(auto.kv_bytes_per_element, 2.0);
    near(auto.kv_bytes_per_request, 139.264e6);
    assert_eq!(auto.kv_concurrency, (kv / 139.264e6).floor() as u32);
    assert_eq!(auto.kv_concurrency, 108);
    assert_eq!(at(KvCache::Bf16), auto);
    let fp8 = at(KvCache::Fp8);
    assert_eq!(fp8.kv_concurrency, 217);
    // fp8 weights on fp8 tensor cores: products at 2 · 1e15 · … = F for one GPU
    // 2e15 · 0.5 · 0.8 = 8e14, no dequantisation; the KV reads per request halve.
    near(fp8.compute_flops, 8e14);
    assert!(fp8.requests_per_second > auto.requests_per_second);
    // TensorRT-LLM's fp8 checkpoint carries its own fp8 KV cache.
    let mut c = config(Precision::Fp8, KvCache::Auto, 1);
    c.engine = Engine::TensorRtLlm;
    let trt = estimate_config(&EFF, &model_x(), &gpu_h(), &c, &w, &none, u32::MAX).unwrap();
    assert_eq!(trt.kv_bytes_per_element, 1.0);
}

/// Expert parallelism with dequantised weights: X at int4 on 16 × H (no int4 tensor cores)
/// runs its decode products at the bf16 peak and at `d` = 0.6 of it, the split and the whole
/// experts alike: F_att = 16 · 1e15 · 0.5 · 0.8 = 6.4e15, F = 6.4e15 · 0.75⁴ = 2.025e15, products
/// at 64 requests 64 · (2 · 2.4e9 / 2.025e15 + 2 · 3.6e9 / (0.7 · 6.4e15)) / 0.6 = 0.424 ms
/// (cargo-mutants: the division by `d` on this path was unchecked, fp8 has `d` = 1).
#[test]
fn expert_parallel_products_pay_the_dequantisation() {
    use crate::model::throughput::Parallelism;
    let c = Config {
        parallelism: Parallelism::Expert,
        ..config(Precision::Int4, KvCache::Fp8, 16)
    };
    let w = Workload {
        input_tokens: 3000.0,
        output_tokens: 400.0,
    };
    let m = model_x();
    let ph = Physics::new(&EFF, &m, spec(Precision::Int4, 0.55, 1.0), &gpu_h(), &c, &w);
    near(ph.compute, 2.025e15);
    let products: f64 = 64.0 * (4.8e9 / 2.025e15 + 7.2e9 / (0.7 * 6.4e15)) / 0.6;
    assert!((products - 0.424e-3).abs() < 1e-6, "{products}");
    near(ph.step(64.0).products_s, products);
}

/// A prompt under expert parallelism, X at int4 on 2 × H, I = 3,000 (one chunk): the split
/// products at F = 2 · 1e15 · 0.5 · 0.8 · 0.75 = 6e14, the routed experts whole at F_att =
/// 8e14: (2 · 6e9 · 3,000 + 4 · 4,096 · 20 · 3,000² / 2 − 2 · 3.6e9 · 3,000) / 6e14 +
/// 2 · 3.6e9 · 3,000 / 8e14 = 26.46 + 27.00 ms; per layer one all-reduce (10 µs + 2 · 1/2 ·
/// 24.576e6 B / 400 GB/s = 71.44 µs) and the dispatch and combine (2 · (10 µs + 49.152e6 B ·
/// 1/2 / 400 GB/s) = 142.88 µs), 20 layers: 4.286 ms. Prefill 57.74 ms (cargo-mutants: the
/// expert-parallel prefill was unchecked).
#[test]
fn expert_parallel_prefill_by_hand() {
    use crate::model::throughput::Parallelism;
    let c = Config {
        parallelism: Parallelism::Expert,
        ..config(Precision::Int4, KvCache::Fp8, 2)
    };
    let w = Workload {
        input_tokens: 3000.0,
        output_tokens: 400.0,
    };
    let m = model_x();
    let ph = Physics::new(&EFF, &m, spec(Precision::Int4, 0.55, 1.0), &gpu_h(), &c, &w);
    let flops = 2.0 * 6e9 * 3000.0 + 4.0 * 4096.0 * 20.0 * 3000.0 * 3000.0 / 2.0;
    let routed = 2.0 * 3.6e9 * 3000.0;
    let products = (flops - routed) / 6e14 + routed / 8e14;
    let links: f64 =
        20.0 * ((10e-6 + 3000.0 * 8192.0 / 400e9) + 2.0 * (10e-6 + 49.152e6 / 2.0 / 400e9));
    assert!((links - 4.2864e-3).abs() < 1e-7, "{links}");
    near(ph.prefill(3000.0), products + links);
    assert!((ph.prefill(3000.0) - 57.744e-3).abs() < 1e-5);
}

/// docs/MODEL.md §6.2 "GPUs per replica and parallelism": X at fp8 (fp8 KV cache) on 16 × H
/// over two nodes with expert parallelism, vLLM, I = 3,000, O = 400, 64 requests at once;
/// every term non-zero.
#[test]
fn expert_parallelism_over_two_nodes_by_hand() {
    use crate::model::throughput::Parallelism;
    let c = Config {
        parallelism: Parallelism::Expert,
        ..config(Precision::Fp8, KvCache::Fp8, 16)
    };
    let w = Workload {
        input_tokens: 3000.0,
        output_tokens: 400.0,
    };
    let m = model_x();
    let spec = spec(Precision::Fp8, 1.0, 1.0);
    let ph = Physics::new(&EFF, &m, spec, &gpu_h(), &c, &w);
    // Shares: 16 GPUs × vLLM 0.8 = 12.8. Bandwidth 4e12 · 0.5 · 12.8 = 25.6e12 B/s; attention
    // and whole experts at 2,000e12 · 0.5 · 12.8 = 12.8e15 FLOP/s; the split products lose
    // 0.75⁴ (four doublings): 4.05e15.
    near(ph.bandwidth, 25.6e12);
    near(ph.compute, 4.05e15);
    let st = ph.step(64.0);
    // Experts touched by 64 tokens: 64 · (1 − (60/64)^64) = 62.971…; reads 2.4e9 + 0.9e9 ·
    // 62.971 / 0.7 bytes = 83.36e9 B: 3.256 ms.
    let touched = 64.0 * (1.0 - (60.0f64 / 64.0).powi(64));
    near(st.weights_s, (2.4e9 + 0.9e9 * touched / 0.7) / 25.6e12);
    // Products: 64 · (2 · 2.4e9 / 4.05e15 + 2 · 3.6e9 / (0.7 · 12.8e15)) = 0.1273 ms (the
    // routed experts run whole: no tensor-parallel factor).
    near(
        st.products_s,
        64.0 * (4.8e9 / 4.05e15 + 7.2e9 / (0.7 * 12.8e15)),
    );
    // KV: 20,480 B a token at 3,200 tokens = 65.536e6 B a request: 64 · 65.536e6 / 25.6e12
    // = 0.1638 ms; attention 64 · 4 · 32 · 128 · 20 · 3,200 / 12.8e15 = 5.24 µs.
    near(st.kv_s, 64.0 * 65.536e6 / 25.6e12);
    near(st.attention_s, 64.0 * 1.048576e9 / 12.8e15);
    // Per layer: one all-reduce of 64 · 4,096 · 2 = 524,288 B, inside each node 10 µs + 2 ·
    // 7/8 · 524,288 / 400e9 = 12.294 µs, across the two nodes 25 µs + 2 · 1/2 · 65,536 /
    // 50e9 = 26.311 µs; dispatch and combine: each GPU sends 64/16 · 4 · 8,192 = 131,072 B,
    // 8/16 over the network (1.311 µs, more than 7/16 over NVLink): 2 · (25 + 1.311) µs.
    // 20 layers: 20 · (38.604 + 52.621) µs = 1.8245 ms.
    let all_reduce = 10e-6 + 1.75 * 524_288.0 / 400e9 + 25e-6 + 65_536.0 / 50e9;
    let all_to_all = 2.0 * (25e-6 + 131_072.0 * 0.5 / 50e9);
    near(st.allreduce_s, 20.0 * (all_reduce + all_to_all));
    // The step: max(3.256, 0.127) + max(0.164, 0.005) + 1.825 = 5.245 ms.
    near(
        st.total(),
        st.weights_s + st.kv_s + 20.0 * (all_reduce + all_to_all),
    );
    near(st.total(), 0.005_244_723_197_443_367);
    // Tensor parallelism on the same GPUs: the products lose 0.75⁴ on the experts too, and
    // each layer has two all-reduces instead of one and the all-to-all.
    let tensor = Physics::new(
        &EFF,
        &m,
        spec,
        &gpu_h(),
        &config(Precision::Fp8, KvCache::Fp8, 16),
        &w,
    )
    .step(64.0);
    near(tensor.products_s, 64.0 * (4.8e9 + 7.2e9 / 0.7) / 4.05e15);
    near(tensor.allreduce_s, 20.0 * 2.0 * all_reduce);
    // A dense model has no experts to place.
    let mut dense = model_x();
    dense.experts = None;
    let e = estimate_config(
        &EFF,
        &dense,
        &gpu_h(),
        &c,
        &w,
        &LatencyTargets::default(),
        64,
    );
    assert_eq!(e.unwrap_err(), EstimateError::NoExperts("X".into()));
    // 16 GPUs are accepted; 32 are not.
    let e = estimate_config(
        &EFF,
        &m,
        &gpu_h(),
        &Config { gpus: 32, ..c },
        &w,
        &LatencyTargets::default(),
        64,
    );
    assert_eq!(e.unwrap_err(), EstimateError::GpuCount(32));
}
