//! The throughput estimate step by step, with the scenario's numbers filled in: weights, the
//! memory left for the KV cache, how many requests it holds, the decode step, the prefill, the
//! saturation throughput, the limit that binds and how far the calibration rows were off.
//! Shown by the dashboard's `w` and the Markdown report's appendix (docs/MODEL.md §6.2).

use super::arch::ModelArch;
use super::engine::{MemoryShareOf, ACTIVATION_RESERVE_GIB, CALIBRATION};
use super::estimate::{Bound, Estimate};
use super::gpu::GpuSpec;
use super::looked::{gpu_entry, model_entry};
use super::replica::{estimate_for, workload};
use crate::figures::{num, volume};
use crate::model::derivation::Derivation;
use crate::model::scenario::Scenario;

/// Three significant figures below 100, whole numbers above, grouped: `16.1`, `1,234`,
/// `0.0421`.
fn g3(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return num(x);
    }
    let decimals = (2 - x.abs().log10().floor() as i32).max(0);
    let factor = 10f64.powi(decimals);
    num((x * factor).round() / factor)
}

fn gb(bytes: f64) -> String {
    format!("{} GB", g3(bytes / 1e9))
}

fn ms(seconds: f64) -> String {
    format!("{} ms", g3(seconds * 1e3))
}

/// What every step reads: the estimate and the model, GPU and workload it was made for.
struct At<'a> {
    sc: &'a Scenario,
    e: &'a Estimate,
    arch: &'a ModelArch,
    spec: &'a GpuSpec,
    input: f64,
    output: f64,
}

impl At<'_> {
    /// Requests the replica runs at once.
    fn n(&self) -> f64 {
        f64::from(self.e.max_concurrency)
    }
}

/// The steps, or one step saying why there is no estimate. Empty unless the scenario's
/// throughput is `"estimate"`.
pub fn steps(sc: &Scenario) -> Vec<Derivation> {
    use super::settings::Source;
    if sc.self_host.estimate.source != Source::Estimate {
        return Vec::new();
    }
    let e = match estimate_for(sc) {
        Ok(e) => e,
        Err(why) => return vec![no_estimate(sc, &why.to_string())],
    };
    let (Ok(model), Ok(gpu)) = (model_entry(sc), gpu_entry(sc)) else {
        return Vec::new();
    };
    let w = workload(sc);
    let at = At {
        sc,
        e: &e,
        arch: &model.arch,
        spec: &gpu.spec,
        input: w.input_tokens,
        output: w.output_tokens,
    };
    let mut out = memory_steps(&at);
    out.push(concurrency_step(&at));
    out.extend(timing_steps(&at));
    out.push(binding_step(&at));
    out.push(rates_step(&at));
    out.push(calibration_step());
    out
}

/// The one step shown when the estimate cannot be made: why, and the given rates instead.
fn no_estimate(sc: &Scenario, why: &str) -> Derivation {
    let sh = &sc.self_host;
    Derivation {
        label: "Throughput estimate",
        formula: "none: the given prefill and decode rates are used",
        substituted: why.to_string(),
        result: format!(
            "{} prefill · {} decode tok/s (given)",
            volume(sh.prefill_tokens_per_second),
            volume(sh.decode_tokens_per_second)
        ),
    }
}

/// The weights, then the memory left for the KV cache under the engine's memory rule.
fn memory_steps(at: &At) -> Vec<Derivation> {
    let e = at.e;
    let bytes_per_weight = at
        .arch
        .precision(e.precision)
        .map_or(0.0, |p| p.bytes_per_weight);
    let replica = format!("{} × {}", e.gpus, at.spec.name);
    let (share, of) = e.engine.memory_share();
    let reserve_gib = ACTIVATION_RESERVE_GIB * f64::from(e.gpus);
    let (kv_formula, shape, what) = match of {
        MemoryShareOf::All => (
            "KV = share · memory − weights − reserve",
            ["", ""],
            "of all memory",
        ),
        MemoryShareOf::Free => (
            "KV = share · (memory − weights − reserve)",
            ["(", ")"],
            "of what is free",
        ),
    };
    let kv_substituted = format!(
        "{} × {}{} − {} − {} GiB{} ({}: {} {what}; {} GiB per GPU reserved)",
        num(share),
        shape[0],
        gb(e.memory_bytes),
        gb(e.weight_bytes),
        num(reserve_gib),
        shape[1],
        e.engine.label(),
        crate::figures::percent(share),
        num(ACTIVATION_RESERVE_GIB)
    );
    vec![
        Derivation {
            label: "Estimate: weights",
            formula: "weights = parameters · bytes per weight",
            substituted: format!(
                "{} billion parameters × {} bytes ({} at {})",
                num(at.arch.params_total_b),
                num(bytes_per_weight),
                at.arch.name,
                e.precision.name()
            ),
            result: gb(e.weight_bytes),
        },
        Derivation {
            label: "Estimate: KV memory left",
            formula: kv_formula,
            substituted: kv_substituted,
            result: format!(
                "{} of {replica}'s {}",
                gb(e.kv_memory_bytes),
                gb(e.memory_bytes)
            ),
        },
    ]
}

/// How many requests run at once, and what cut it.
fn concurrency_step(at: &At) -> Derivation {
    let e = at.e;
    let result = match e.bound {
        Bound::TimeToFirstToken | Bound::TimePerOutputToken if !e.fits_target => format!(
            "1 at once, and even one request at a time misses the {}",
            e.bound.label()
        ),
        Bound::TimeToFirstToken | Bound::TimePerOutputToken => format!(
            "{} at once (cut from {} to meet the {})",
            volume(at.n()),
            volume(f64::from(e.kv_concurrency.min(e.engine_max_running))),
            e.bound.label()
        ),
        _ => format!("{} at once", volume(at.n())),
    };
    Derivation {
        label: "Estimate: concurrency",
        formula: "n = min(⌊KV / KV per request⌋, engine's running limit), KV per request for I + O tokens",
        substituted: format!(
            "min(⌊{} / {} for {} tokens⌋ = {}, {})",
            gb(e.kv_memory_bytes),
            gb(e.kv_bytes_per_request),
            volume(at.input + at.output),
            volume(f64::from(e.kv_concurrency)),
            volume(f64::from(e.engine_max_running))
        ),
        result,
    }
}

/// The decode step, the prefill and the saturation rate they give.
fn timing_steps(at: &At) -> Vec<Derivation> {
    let e = at.e;
    vec![
        Derivation {
            label: "Estimate: decode step",
            formula: "t = max(weight reads, products) + max(KV reads, attention) + all-reduces + fixed at batch n",
            substituted: format!(
                "memory {} (at {} TB/s achieved) against compute {} (at {} TFLOPS achieved), all-reduces {}{}",
                ms(e.step_memory_s),
                g3(e.bandwidth_bytes_s / 1e12),
                ms(e.step_compute_s),
                g3(e.compute_flops / 1e12),
                ms(e.step_allreduce_s),
                match (e.step_fixed_s > 0.0, super::replica::calibration_for(at.sc).is_some()) {
                    (true, true) => format!(", plus a fixed {} a step from the calibration", ms(e.step_fixed_s)),
                    (true, false) => format!(", plus a fixed {} a step (kernel launches and synchronisation)", ms(e.step_fixed_s)),
                    (false, _) => String::new(),
                }
            ),
            result: format!("{} per step, {} per output token", ms(e.step_s), ms(e.time_per_output_token_s)),
        },
        Derivation {
            label: "Estimate: prefill",
            formula: "prefill = prompt FLOPs / achieved compute",
            substituted: format!(
                "{} input tokens at {} TFLOPS",
                volume(at.input),
                g3(e.compute_flops / 1e12)
            ),
            result: format!(
                "{} per request; first token after {}",
                ms(e.prefill_s),
                ms(e.time_to_first_token_s)
            ),
        },
        Derivation {
            label: "Estimate: saturation",
            formula: "req/s = 1 / (prefill + O · t / n)",
            substituted: format!(
                "1 / ({} s + {} × {} s / {})",
                g3(e.prefill_s),
                volume(at.output),
                g3(e.step_s),
                volume(at.n())
            ),
            result: format!(
                "{} req/s: {} input and {} output tok/s",
                g3(e.requests_per_second),
                volume(e.input_tokens_per_second.round()),
                volume(e.output_tokens_per_second.round())
            ),
        },
    ]
}

/// The limit that binds, and why.
fn binding_step(at: &At) -> Derivation {
    let e = at.e;
    let targets = &at.sc.self_host.estimate;
    let why = match e.bound {
        Bound::Compute => "arithmetic takes longer than the memory reads".to_string(),
        Bound::Bandwidth => format!(
            "memory reads, with the engine's limit of {} running requests reached",
            volume(f64::from(e.engine_max_running))
        ),
        Bound::KvCache => format!(
            "memory reads, with the batch held to {} by the KV cache (below the engine's {})",
            volume(f64::from(e.kv_concurrency)),
            volume(f64::from(e.engine_max_running))
        ),
        Bound::TimeToFirstToken => format!(
            "the {} ms first-token target: a larger batch answers later",
            num(targets.ttft_ms)
        ),
        Bound::TimePerOutputToken => format!(
            "the {} ms per-token target: a larger batch steps slower",
            num(targets.tpot_ms)
        ),
    };
    Derivation {
        label: "Estimate: binding limit",
        formula: "compute, memory bandwidth, KV cache or a latency target",
        substituted: why,
        result: e.bound.label().to_string(),
    }
}

/// The prefill and decode rates the costs use.
fn rates_step(at: &At) -> Derivation {
    let e = at.e;
    Derivation {
        label: "Estimate: rates used",
        formula: "prefill_tps = I / prefill; decode_tps = O / (O · t / n)",
        substituted: format!(
            "{} / {} s; {} / {} s",
            volume(at.input),
            g3(e.prefill_s),
            volume(at.output),
            g3(e.decode_s)
        ),
        result: format!(
            "{} prefill · {} decode tok/s per replica",
            volume(e.prefill_tokens_per_second(at.input).round()),
            volume(e.decode_tokens_per_second(at.output).round())
        ),
    }
}

/// How far the estimate was off on published measurements.
fn calibration_step() -> Derivation {
    let c = CALIBRATION;
    Derivation {
        label: "Estimate: calibration",
        formula: "estimate against published measurements (tests/model/throughput_calibration.rs)",
        substituted: format!(
            "{} rows, every third held out from the fit; held-out rows: median error {}%, worst {}%",
            c.rows,
            num(c.held_out_median_pct),
            num(c.held_out_worst_pct)
        ),
        result: format!(
            "median error {}%, worst {}%: an estimate, not a measurement",
            num(c.median_pct),
            num(c.worst_pct)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::throughput::settings::Source;

    #[test]
    fn the_steps_carry_the_estimates_own_numbers() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        assert!(steps(&sc).is_empty(), "given throughput has no steps");
        sc.self_host.estimate.source = Source::Estimate;
        let e = estimate_for(&sc).unwrap();
        let s = steps(&sc);
        let labels: Vec<&str> = s.iter().map(|d| d.label).collect();
        assert_eq!(labels.len(), 9, "{labels:?}");
        let conc = s
            .iter()
            .find(|d| d.label == "Estimate: concurrency")
            .unwrap();
        assert_eq!(
            conc.result,
            format!("{} at once", volume(f64::from(e.max_concurrency)))
        );
        let bound = s
            .iter()
            .find(|d| d.label == "Estimate: binding limit")
            .unwrap();
        assert_eq!(bound.result, e.bound.label());
        let weights = &s[0];
        assert_eq!(weights.result, "16.1 GB", "Llama 3.1 8B at bf16");
        assert!(s[8].result.contains("an estimate"));
    }

    /// The KV step subtracts the activation reserve of every GPU in the replica: 2 GiB each,
    /// so 2 GiB on one GPU and 8 GiB on four (a sum or a quotient would read 3 and 0.5 there).
    #[test]
    fn the_kv_step_reserves_memory_on_every_gpu() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.estimate.source = Source::Estimate;
        for (gpus, reserve) in [(1, "2 GiB"), (4, "8 GiB")] {
            sc.self_host.gpus_per_replica = gpus;
            let s = steps(&sc);
            let kv = s
                .iter()
                .find(|d| d.label == "Estimate: KV memory left")
                .unwrap();
            assert!(
                kv.substituted.contains(&format!("− {reserve}")),
                "{gpus} GPUs: {}",
                kv.substituted
            );
        }
    }

    /// A latency target: met by cutting the batch, the step says from what it was cut; missed
    /// even by one request at a time, it says so instead of a count.
    #[test]
    fn the_concurrency_step_says_how_a_latency_target_cut_it() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.estimate.source = Source::Estimate;
        let uncut = estimate_for(&sc).unwrap();
        sc.self_host.estimate.tpot_ms = 1_000.0 * uncut.time_per_output_token_s * 0.5;
        let cut = estimate_for(&sc).unwrap();
        assert!(cut.fits_target && cut.max_concurrency < uncut.max_concurrency);
        let conc = |sc: &Scenario| {
            steps(sc)
                .into_iter()
                .find(|d| d.label == "Estimate: concurrency")
                .unwrap()
                .result
        };
        assert_eq!(
            conc(&sc),
            format!(
                "{} at once (cut from {} to meet the {})",
                volume(f64::from(cut.max_concurrency)),
                volume(f64::from(cut.kv_concurrency.min(cut.engine_max_running))),
                cut.bound.label()
            )
        );
        sc.self_host.estimate.tpot_ms = 0.001;
        let missed = estimate_for(&sc).unwrap();
        assert!(!missed.fits_target);
        assert_eq!(
            conc(&sc),
            format!(
                "1 at once, and even one request at a time misses the {}",
                missed.bound.label()
            )
        );
    }

    #[test]
    fn no_estimate_says_why() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.estimate.source = Source::Estimate;
        sc.self_host.gpus_per_replica = 3;
        let s = steps(&sc);
        assert_eq!(s.len(), 1);
        assert!(s[0].substituted.contains("1, 2, 4, 8 or 16"), "{:?}", s[0]);
    }

    #[test]
    fn three_significant_figures() {
        assert_eq!(g3(16.06), "16.1");
        assert_eq!(g3(1234.4), "1,234");
        assert_eq!(g3(0.042_13), "0.0421");
    }
}
