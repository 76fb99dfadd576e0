//! Properties of the throughput estimate over generated models, GPUs and request sizes.

use crossover::model::throughput::ceiling::ceiling;
use crossover::model::throughput::estimate::Config;
use crossover::model::throughput::{
    estimate, estimate_config, Attention, Engine, Experts, Generation, GpuSpec, Interconnect,
    KvCache, LatencyTargets, ModelArch, Precision, PrecisionSpec, Workload, CALIBRATED,
};
use proptest::prelude::*;

fn arch() -> impl Strategy<Value = ModelArch> {
    (
        1.0f64..200.0,
        0.1f64..1.0,
        8u32..100,
        prop_oneof![Just(8u32), Just(16), Just(32), Just(64)],
        prop_oneof![Just(1u32), Just(2), Just(4), Just(8)],
        prop_oneof![Just(64u32), Just(128), Just(256)],
        prop_oneof![
            Just(None),
            Just(Some((512u32, 0.5f64))),
            Just(Some((4096, 0.8)))
        ],
        prop_oneof![Just(None), Just(Some((8u32, 2u32))), Just(Some((128, 4)))],
    )
        .prop_map(
            |(total, active_share, layers, heads, group, head_dim, window, experts)| {
                let attention = match window {
                    None => Attention::Full,
                    Some((w, share)) => Attention::Local {
                        window: w,
                        local_layers: (f64::from(layers) * share) as u32,
                    },
                };
                let experts = experts.map(|(count, per_token)| Experts::routed(count, per_token));
                ModelArch {
                    name: "generated".into(),
                    params_total_b: total,
                    params_active_b: if experts.is_some() {
                        total * active_share
                    } else {
                        total
                    },
                    layers,
                    heads,
                    kv_heads: (heads / group).max(1),
                    head_dim,
                    hidden: heads * head_dim,
                    max_context: 131_072,
                    attention,
                    experts,
                    precisions: vec![
                        PrecisionSpec {
                            precision: Precision::Bf16,
                            bytes_per_weight: 2.0,
                            bytes_per_kv: 2.0,
                        },
                        PrecisionSpec {
                            precision: Precision::Fp8,
                            bytes_per_weight: 1.0,
                            bytes_per_kv: 1.0,
                        },
                    ],
                    ..ModelArch::default()
                }
            },
        )
}

fn gpu() -> impl Strategy<Value = GpuSpec> {
    (
        16.0f64..200.0,
        0.2f64..8.0,
        50.0f64..2500.0,
        prop::bool::ANY,
        prop::bool::ANY,
    )
        .prop_map(|(mem, bw, tflops, fp8, nvlink)| GpuSpec {
            name: "generated".into(),
            memory_gb: mem,
            bandwidth_tb_s: bw,
            tflops_bf16: tflops,
            tflops_fp8: fp8.then_some(tflops * 2.0),
            tflops_fp4: None,
            interconnect: if nvlink {
                Interconnect::NvLink
            } else {
                Interconnect::Pcie
            },
            interconnect_gb_s: 64.0,
            power_w: 400.0,
            generation: Generation::Hopper,
        })
}

fn engine() -> impl Strategy<Value = Engine> {
    prop_oneof![
        Just(Engine::Vllm),
        Just(Engine::Sglang),
        Just(Engine::TensorRtLlm)
    ]
}

fn precision() -> impl Strategy<Value = Precision> {
    prop_oneof![Just(Precision::Bf16), Just(Precision::Fp8)]
}

fn gpus() -> impl Strategy<Value = u32> {
    prop_oneof![Just(1u32), Just(2), Just(4), Just(8)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn requests_per_second_never_rise_with_more_tokens(
        m in arch(), g in gpu(), e in engine(), p in precision(), n in gpus(),
        i in 1.0f64..50_000.0, o in 1.0f64..8_000.0, more in 1.0f64..4.0,
    ) {
        let t = LatencyTargets::default();
        let base = estimate(&m, &g, p, n, e, &Workload { input_tokens: i, output_tokens: o }, &t);
        if let Ok(base) = base {
            for w in [
                Workload { input_tokens: i * more, output_tokens: o },
                Workload { input_tokens: i, output_tokens: o * more },
            ] {
                if let Ok(bigger) = estimate(&m, &g, p, n, e, &w, &t) {
                    prop_assert!(
                        bigger.requests_per_second <= base.requests_per_second * (1.0 + 1e-12),
                        "{} > {}", bigger.requests_per_second, base.requests_per_second
                    );
                }
            }
        }
    }

    #[test]
    fn never_above_the_bandwidth_and_compute_ceilings(
        m in arch(), g in gpu(), e in engine(), p in precision(), n in gpus(),
        i in 1.0f64..50_000.0, o in 1.0f64..8_000.0,
    ) {
        let w = Workload { input_tokens: i, output_tokens: o };
        if let Ok(est) = estimate(&m, &g, p, n, e, &w, &LatencyTargets::default()) {
            let c = ceiling(&m, &g, p, n, i, o).expect("a fitting model has a ceiling");
            prop_assert!(est.output_tokens_per_second <= c.decode_tokens_per_second * (1.0 + 1e-9));
            prop_assert!(est.input_tokens_per_second <= c.prefill_tokens_per_second * (1.0 + 1e-9));
            prop_assert!(est.requests_per_second.is_finite() && est.requests_per_second > 0.0);
        }
    }

    #[test]
    fn kv_limited_concurrency_fits_in_the_memory_left(
        m in arch(), g in gpu(), e in engine(), p in precision(), n in gpus(),
        i in 1.0f64..200_000.0, o in 1.0f64..8_000.0,
    ) {
        let w = Workload { input_tokens: i, output_tokens: o };
        if let Ok(est) = estimate(&m, &g, p, n, e, &w, &LatencyTargets::default()) {
            prop_assert!(est.kv_concurrency >= 1);
            prop_assert!(
                f64::from(est.kv_concurrency) * est.kv_bytes_per_request <= est.kv_memory_bytes
            );
            prop_assert!(est.max_concurrency <= est.kv_concurrency);
            prop_assert!(
                est.weight_bytes + est.reserve_bytes + est.kv_memory_bytes
                    <= est.memory_bytes * (1.0 + 1e-12)
            );
        }
    }

    #[test]
    fn latency_targets_hold_or_say_they_cannot(
        m in arch(), g in gpu(), e in engine(), p in precision(), n in gpus(),
        i in 1.0f64..20_000.0, o in 1.0f64..4_000.0,
        ttft in 10.0f64..20_000.0, tpot in 1.0f64..200.0,
    ) {
        let w = Workload { input_tokens: i, output_tokens: o };
        let t = LatencyTargets { ttft_ms: Some(ttft), tpot_ms: Some(tpot) };
        match estimate(&m, &g, p, n, e, &w, &t) {
            Ok(est) if est.fits_target => {
                prop_assert!(est.time_to_first_token_s * 1e3 <= ttft * (1.0 + 1e-9));
                prop_assert!(est.time_per_output_token_s * 1e3 <= tpot * (1.0 + 1e-9));
                prop_assert!(est.requests_per_second > 0.0);
                prop_assert!(est.missed_target(&t).is_none());
            }
            Ok(est) => {
                // The best the replica does: one request at a time, and it misses a target.
                prop_assert_eq!(est.max_concurrency, 1);
                let missed = est.time_to_first_token_s * 1e3 > ttft
                    || est.time_per_output_token_s * 1e3 > tpot;
                prop_assert!(missed);
                let why = est.missed_target(&t).unwrap_or_default();
                prop_assert!(why.contains("no batch size meets"), "{}", why);
            }
            Err(err) => {
                let text = err.to_string();
                prop_assert!(text.contains("does not fit"), "{text}");
            }
        }
    }

    /// More GPUs per replica never turn a configuration that fits into one that does not.
    #[test]
    fn more_gpus_never_reduce_the_fits(
        m in arch(), g in gpu(), e in engine(), p in precision(),
        i in 1.0f64..200_000.0, o in 1.0f64..8_000.0,
    ) {
        let w = Workload { input_tokens: i, output_tokens: o };
        let t = LatencyTargets::default();
        let fits: Vec<bool> = [1u32, 2, 4, 8]
            .into_iter()
            .map(|n| estimate(&m, &g, p, n, e, &w, &t).is_ok())
            .collect();
        for pair in fits.windows(2) {
            prop_assert!(!pair[0] || pair[1], "{fits:?}");
        }
    }

    /// A KV cache of more bytes an element never holds more requests at once.
    #[test]
    fn a_bigger_kv_precision_never_raises_concurrency(
        m in arch(), g in gpu(), e in engine(), p in precision(), n in gpus(),
        i in 1.0f64..200_000.0, o in 1.0f64..8_000.0,
    ) {
        let w = Workload { input_tokens: i, output_tokens: o };
        let t = LatencyTargets::default();
        let at = |kv| {
            let c = Config {
                precision: p,
                kv,
                gpus: n,
                engine: e,
                parallelism: crossover::model::throughput::Parallelism::Tensor,
            };
            estimate_config(&CALIBRATED, &m, &g, &c, &w, &t, u32::MAX).ok()
        };
        if let Some(big) = at(KvCache::Bf16) {
            let small = at(KvCache::Fp8).expect("an fp8 KV cache fits where bf16 does");
            prop_assert!(big.kv_concurrency <= small.kv_concurrency);
            prop_assert!(big.max_concurrency <= small.max_concurrency);
        }
    }
}
