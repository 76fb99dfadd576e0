//! The estimate for a scenario: its self-hosted model, GPU, GPUs per replica, precision,
//! engine, latency targets and token sizes, looked up in the library the scenario carries
//! (`sc.catalog.library`, put there by `assessment::resolve`). The cost model then uses the
//! estimate's prefill and decode rates in `s = I / prefill + O / decode`.

use super::estimate::{Estimate, EstimateError, LatencyTargets, Workload};
use super::library::{GpuEntry, ModelEntry};
use super::looked::{gpu_entry, model_entry};
use super::settings::Source;
use crate::calibrate::predict::Setup;
use crate::calibrate::store::Fit;
use crate::model::scenario::Scenario;

/// Why a scenario's estimate could not be made; the given figures then stay in force.
#[derive(Debug, Clone, PartialEq)]
pub enum Unavailable {
    /// The model or GPU label is not in the catalog (the message names the closest).
    NotInCatalog(String),
    /// The scenario carries no library to look the model or GPU (named) up in: the shell did
    /// not resolve it against its catalog.
    Unresolved(String),
    Estimate(EstimateError),
}

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unavailable::NotInCatalog(m) => f.write_str(m),
            Unavailable::Unresolved(name) => f.write_str(&crate::wording::not_looked_up(name)),
            Unavailable::Estimate(e) => write!(f, "{e}"),
        }
    }
}

/// The workload the estimate sees: the scenario's token sizes (the local model's own output
/// size), at least one token each.
pub fn workload(sc: &Scenario) -> Workload {
    Workload {
        input_tokens: sc.workload.input_tokens.max(1.0),
        output_tokens: sc.workload.local_output().max(1.0),
    }
}

/// The latency targets of the scenario (0 = none).
pub fn targets(sc: &Scenario) -> LatencyTargets {
    let t = &sc.self_host.estimate;
    LatencyTargets {
        ttft_ms: (t.ttft_ms > 0.0).then_some(t.ttft_ms),
        tpot_ms: (t.tpot_ms > 0.0).then_some(t.tpot_ms),
    }
}

/// The fit of the user's own benchmark runs the scenario's estimate uses (`crossover
/// calibrate`), of exactly this model, GPU, GPUs, precision and engine: the one the scenario
/// carries (`[calibration]`), else the installed one; none when `self_host.calibration =
/// "none"`.
pub fn calibration_for(sc: &Scenario) -> Option<&Fit> {
    let (model, gpu) = (model_entry(sc).ok()?, gpu_entry(sc).ok()?);
    crate::calibrate::apply::fit_of(sc, &setup_of(sc, model, gpu))
}

/// The scenario's replica as the estimator and a fit see it, its model and GPU looked up.
fn setup_of<'a>(sc: &Scenario, model: &'a ModelEntry, gpu: &'a GpuEntry) -> Setup<'a> {
    let sh = &sc.self_host;
    Setup {
        model: &model.arch,
        gpu: &gpu.spec,
        precision: sh.estimate.precision,
        kv: sh.estimate.kv,
        gpus: sh.gpus_per_replica,
        engine: sh.estimate.engine,
        parallelism: sh.estimate.parallelism,
    }
}

/// The estimate for the scenario's replica, whatever `self_host.throughput` says; with a fit
/// of its configuration ([`calibration_for`]), from the fitted constants, its per-request
/// overhead added to the first token.
pub fn estimate_for(sc: &Scenario) -> Result<Estimate, Unavailable> {
    let (model, gpu) = (model_entry(sc)?, gpu_entry(sc)?);
    let setup = setup_of(sc, model, gpu);
    // The model and GPU looked up once: the flip table estimates hundreds of times.
    let fit = crate::calibrate::apply::fit_of(sc, &setup);
    crate::calibrate::apply::estimate_using(&setup, &workload(sc), &targets(sc), fit)
        .map_err(Unavailable::Estimate)
}

/// Prefill and decode tokens per second per replica that the cost model uses (before
/// `self_host.throughput_factor`): the given figures, or the estimate's when
/// `self_host.throughput = "estimate"` and the estimate can be made.
pub fn rates(sc: &Scenario) -> (f64, f64) {
    let sh = &sc.self_host;
    if sh.estimate.source == Source::Estimate {
        if let Ok(e) = estimate_for(sc) {
            return estimated_rates(sc, &e);
        }
    }
    given_rates(sc)
}

/// The prefill and decode tok/s per replica of `sc`'s estimate `e`, at its token sizes.
pub(crate) fn estimated_rates(sc: &Scenario, e: &Estimate) -> (f64, f64) {
    let w = workload(sc);
    (
        e.prefill_tokens_per_second(w.input_tokens),
        e.decode_tokens_per_second(w.output_tokens),
    )
}

/// The prefill and decode tok/s per replica the scenario gives.
pub(crate) fn given_rates(sc: &Scenario) -> (f64, f64) {
    let sh = &sc.self_host;
    (sh.prefill_tokens_per_second, sh.decode_tokens_per_second)
}

/// Keys whose value changes the estimate (the Monte Carlo re-estimates when it samples one).
pub(crate) const ESTIMATE_INPUTS: &[&str] = &[
    "workload.input_tokens",
    "workload.output_tokens",
    "workload.local_output_tokens",
    "self_host.gpus_per_replica",
    "self_host.ttft_ms",
    "self_host.tpot_ms",
];

/// The scenario with its estimate written in as given figures, when no `[uncertainty]` range
/// moves an input of the estimate: every sample then shares one estimate instead of making
/// its own. Otherwise the scenario unchanged.
pub(crate) fn freeze(sc: &Scenario) -> std::borrow::Cow<'_, Scenario> {
    let sampled = sc
        .uncertainty
        .ranges
        .iter()
        .any(|r| ESTIMATE_INPUTS.contains(&r.key));
    if sc.self_host.estimate.source != Source::Estimate || sampled {
        return std::borrow::Cow::Borrowed(sc);
    }
    let (prefill, decode) = rates(sc);
    let mut frozen = sc.clone();
    frozen.self_host.prefill_tokens_per_second = prefill;
    frozen.self_host.decode_tokens_per_second = decode;
    frozen.self_host.estimate.source = Source::Given;
    std::borrow::Cow::Owned(frozen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::{ParamRange, Shape};
    use std::borrow::Cow;

    #[test]
    fn the_worked_examples_rates_replace_the_given_ones() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        assert_eq!(rates(&sc), (20_000.0, 2_500.0), "given by default");
        sc.self_host.estimate.source = Source::Estimate;
        // docs/MODEL.md §6.2: prefill 2,000 tokens in 72.12 ms, decode 180 at once in
        // 31.34 ms steps.
        let (prefill, decode) = rates(&sc);
        assert!(
            (prefill / (2000.0 / 0.07212) - 1.0).abs() < 1e-3,
            "{prefill}"
        );
        assert!((decode / (180.0 / 0.03134) - 1.0).abs() < 1e-3, "{decode}");
        // No estimate for 3 GPUs a replica: the given figures stay.
        sc.self_host.gpus_per_replica = 3;
        assert_eq!(rates(&sc), (20_000.0, 2_500.0));
        assert_eq!(
            estimate_for(&sc).unwrap_err().to_string(),
            "GPUs per replica must be 1, 2, 4, 8 or 16 (two nodes of 8), not 3"
        );
        sc.self_host.gpus_per_replica = 1;
        sc.self_host.gpu = "H1000".into();
        assert!(estimate_for(&sc)
            .unwrap_err()
            .to_string()
            .contains("closest: "));
    }

    #[test]
    fn a_carried_fit_applies_to_tensor_parallel_replicas_only() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        let lib = crate::catalog::library();
        let fit = Fit {
            model: lib.model(&sc.self_host.model).unwrap().arch.name.clone(),
            gpu: lib.gpu(&sc.self_host.gpu).unwrap().spec.name.clone(),
            gpus: sc.self_host.gpus_per_replica,
            precision: sc.self_host.estimate.precision.name().into(),
            engine: sc.self_host.estimate.engine.name().into(),
            date: "2026-12-07".into(),
            runs: 3,
            bandwidth_share: 0.7,
            compute_share: 0.5,
            overhead_ms: 10.0,
            step_ms: 0.0,
            estimator_bandwidth_share: 0.79,
            estimator_compute_share: 0.55,
            capacity_fitted: true,
            median_error_pct: 3.0,
            worst_error_pct: 5.0,
            files: Vec::new(),
            notes: Vec::new(),
            run_lines: Vec::new(),
        };
        sc.calibration_fit = Some(std::sync::Arc::new(fit));
        assert!(calibration_for(&sc).is_some());
        // `crossover calibrate` fits tensor-parallel replicas: an expert-parallel one uses none.
        sc.self_host.estimate.parallelism = super::super::parallel::Parallelism::Expert;
        assert!(calibration_for(&sc).is_none());
    }

    #[test]
    fn workload_and_targets_of_a_scenario() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.workload.input_tokens = 0.0;
        sc.workload.output_tokens = 500.0;
        sc.workload.local_output_tokens = 300.0;
        assert_eq!(
            workload(&sc),
            Workload {
                input_tokens: 1.0,
                output_tokens: 300.0
            }
        );
        assert_eq!(targets(&sc), LatencyTargets::default(), "0 = no target");
        sc.self_host.estimate.ttft_ms = 200.0;
        sc.self_host.estimate.tpot_ms = 40.0;
        assert_eq!(
            targets(&sc),
            LatencyTargets {
                ttft_ms: Some(200.0),
                tpot_ms: Some(40.0)
            }
        );
    }

    #[test]
    fn freezing_writes_the_estimate_in_unless_a_range_moves_it() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        assert!(
            matches!(freeze(&sc), Cow::Borrowed(_)),
            "given: nothing to freeze"
        );
        sc.self_host.estimate.source = Source::Estimate;
        let frozen = freeze(&sc);
        assert_eq!(frozen.self_host.estimate.source, Source::Given);
        assert_eq!(
            (
                frozen.self_host.prefill_tokens_per_second,
                frozen.self_host.decode_tokens_per_second
            ),
            rates(&sc)
        );
        let range = |key| ParamRange {
            key,
            low: 1.0,
            high: 2.0,
            shape: Shape::Uniform,
        };
        sc.uncertainty.ranges.push(range("self_host.gpu_per_hour"));
        assert!(
            matches!(freeze(&sc), Cow::Owned(_)),
            "the price does not move it"
        );
        sc.uncertainty.ranges.push(range("workload.input_tokens"));
        assert!(matches!(freeze(&sc), Cow::Borrowed(_)));
    }
}
