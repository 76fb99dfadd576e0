//! The estimator at a run's load, with efficiency factors scaled: what the fit compares with
//! each measurement. A run with `c` requests in flight on a replica that holds `B` at once
//! decodes `b = min(c, B)` together (`estimate_capped`); a request takes its first token
//! (`ttft + overhead`) then `O − 1` steps of `tpot`, so `e2e = ttft + overhead + (O − 1) · tpot`
//! and, by Little's law, requests/s `= min(c, B) / e2e`. Past `B` the rest wait: their first
//! token comes `c / rate − e2e` later. docs/MODEL.md §6.12 writes it out.

use crate::model::throughput::estimate::{estimate_config, Config};
use crate::model::throughput::{
    Efficiency, Engine, EstimateError, GpuSpec, KvCache, LatencyTargets, ModelArch, Parallelism,
    Precision, Workload, CALIBRATED,
};

/// The replica a configuration names.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    pub model: &'a ModelArch,
    pub gpu: &'a GpuSpec,
    pub precision: Precision,
    /// The KV cache's precision (`self_host.kv_cache_precision`; `Auto` = the engine's).
    pub kv: KvCache,
    pub gpus: u32,
    pub engine: Engine,
    /// How the GPUs split the model (`self_host.parallelism`).
    pub parallelism: Parallelism,
}

impl Setup<'_> {
    /// The estimator's configuration.
    pub fn config(&self) -> Config {
        Config {
            precision: self.precision,
            kv: self.kv,
            gpus: self.gpus,
            engine: self.engine,
            parallelism: self.parallelism,
        }
    }
}

/// The fitted factors: multipliers of the estimator's achieved bandwidth and compute for this
/// configuration, a per-request overhead (HTTP, tokenising, scheduling) before the first
/// token, and a fixed time added to every decode step (kernel launches, the scheduler,
/// sampling: what no roofline share describes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Factors {
    pub bandwidth: f64,
    pub compute: f64,
    pub overhead_s: f64,
    pub step_s: f64,
}

impl Factors {
    /// The estimator as shipped for this configuration: its per-request overhead and its fixed
    /// step time (§6.2's per-layer time, which grows with the GPUs).
    pub fn shipped(base: &Efficiency, setup: &Setup) -> Factors {
        Factors {
            bandwidth: 1.0,
            compute: 1.0,
            overhead_s: CALIBRATED.overhead_s,
            step_s: base.step_fixed_s(setup.model.layers, setup.gpus),
        }
    }
}

/// The constants with this configuration's bandwidth and compute scaled and the fixed step
/// time set: the fit's step time takes the place of the estimator's (a fit stored before the
/// estimator had one keeps its 0 and gives the figures it gave). Their per-request overhead
/// is zero: [`predict`] adds the factors' own.
pub fn efficiency(base: &Efficiency, setup: &Setup, f: &Factors) -> Efficiency {
    let mut e = *base;
    e.overhead_s = 0.0;
    use crate::model::throughput::Generation as G;
    match setup.gpu.generation {
        G::Ampere => e.bandwidth_ampere *= f.bandwidth,
        G::Ada => e.bandwidth_ada *= f.bandwidth,
        G::Hopper | G::Blackwell => e.bandwidth_hopper *= f.bandwidth,
        G::Cdna3 | G::Cdna4 => e.bandwidth_cdna *= f.bandwidth,
    }
    e.compute *= f.compute;
    e.step_overhead_s = f.step_s;
    e.step_layer_s = 0.0;
    e.step_layer_doubling_s = 0.0;
    e
}

/// What the estimate says of one run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Predicted {
    pub output_tokens_per_second: f64,
    pub ttft_ms: f64,
    pub tpot_ms: f64,
}

/// Achieved shares of peak bandwidth and compute with these constants (independent of the
/// workload): the physical bounds are shares of at most 1.
pub fn shares(eff: &Efficiency, setup: &Setup) -> Result<(f64, f64), EstimateError> {
    let w = Workload {
        input_tokens: 1.0,
        output_tokens: 1.0,
    };
    let e = run_at(eff, setup, &w, 1)?;
    let n = f64::from(setup.gpus);
    Ok((
        e.bandwidth_bytes_s / (n * setup.gpu.bandwidth_tb_s * 1e12),
        e.compute_flops / (n * setup.gpu.tflops(setup.precision) * 1e12),
    ))
}

fn run_at(
    eff: &Efficiency,
    s: &Setup,
    w: &Workload,
    cap: u32,
) -> Result<crate::model::throughput::Estimate, EstimateError> {
    estimate_config(
        eff,
        s.model,
        s.gpu,
        &s.config(),
        w,
        &LatencyTargets::default(),
        cap,
    )
}

/// Requests the replica decodes at once for this workload (its KV cache and the engine's
/// limit): the same for any factors.
pub fn batch_limit(eff: &Efficiency, setup: &Setup, w: &Workload) -> Result<u32, EstimateError> {
    run_at(eff, setup, w, u32::MAX).map(|e| e.max_concurrency)
}

/// The estimate at `in_flight` requests on a replica holding `limit` at once.
pub fn predict(
    eff: &Efficiency,
    setup: &Setup,
    w: &Workload,
    in_flight: f64,
    limit: u32,
    overhead_s: f64,
) -> Result<Predicted, EstimateError> {
    let lim = f64::from(limit.max(1));
    let b = in_flight.round().clamp(1.0, lim) as u32;
    let e = run_at(eff, setup, w, b)?;
    let tpot = e.time_per_output_token_s;
    let first = e.time_to_first_token_s + overhead_s;
    let e2e = first + (w.output_tokens - 1.0).max(0.0) * tpot;
    let c = in_flight.max(1.0);
    let (rps, ttft) = if c <= lim {
        (c / e2e, first)
    } else {
        let rps = lim / e2e;
        (rps, first + (c / rps - e2e))
    };
    Ok(Predicted {
        output_tokens_per_second: rps * w.output_tokens,
        ttft_ms: ttft * 1e3,
        tpot_ms: tpot * 1e3,
    })
}
