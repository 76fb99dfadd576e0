//! The estimate for a scenario: its self-hosted model, GPU, GPUs per replica, precision,
//! engine, latency targets and token sizes, looked up in the shipped library. The cost model
//! then uses the estimate's prefill and decode rates in `s = I / prefill + O / decode`.

use super::estimate::{estimate, Estimate, EstimateError, LatencyTargets, Workload};
use super::library::shipped;
use super::settings::Source;
use crate::model::scenario::Scenario;

/// Why a scenario's estimate could not be made; the given figures then stay in force.
#[derive(Debug, Clone, PartialEq)]
pub enum Unavailable {
    /// The model or GPU label is not in the catalog (the message names the closest).
    NotInCatalog(String),
    Estimate(EstimateError),
}

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unavailable::NotInCatalog(m) => f.write_str(m),
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

/// The estimate for the scenario's replica, whatever `self_host.throughput` says.
pub fn estimate_for(sc: &Scenario) -> Result<Estimate, Unavailable> {
    let lib = shipped();
    let sh = &sc.self_host;
    let model = lib.model(&sh.model).map_err(Unavailable::NotInCatalog)?;
    let gpu = lib.gpu(&sh.gpu).map_err(Unavailable::NotInCatalog)?;
    estimate(
        &model.arch,
        &gpu.spec,
        sh.estimate.precision,
        sh.gpus_per_replica,
        sh.estimate.engine,
        &workload(sc),
        &targets(sc),
    )
    .map_err(Unavailable::Estimate)
}

/// Prefill and decode tokens per second per replica that the cost model uses (before
/// `self_host.throughput_factor`): the given figures, or the estimate's when
/// `self_host.throughput = "estimate"` and the estimate can be made.
pub fn rates(sc: &Scenario) -> (f64, f64) {
    let sh = &sc.self_host;
    if sh.estimate.source == Source::Estimate {
        if let Ok(e) = estimate_for(sc) {
            let w = workload(sc);
            return (
                e.prefill_tokens_per_second(w.input_tokens),
                e.decode_tokens_per_second(w.output_tokens),
            );
        }
    }
    (sh.prefill_tokens_per_second, sh.decode_tokens_per_second)
}

/// Keys whose value changes the estimate (the Monte Carlo re-estimates when it samples one).
pub const ESTIMATE_INPUTS: &[&str] = &[
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
pub fn freeze(sc: &Scenario) -> std::borrow::Cow<'_, Scenario> {
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
