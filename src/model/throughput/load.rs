//! The replica at a stated load: `N` requests in flight at once (a closed loop: each client
//! sends its next request when the last one ends), as `crossover throughput --concurrency N`
//! reports it. Up to the batch the replica holds (`B`, its KV cache and the engine's limit)
//! all `N` decode together; past it `N − B` wait for a slot, and their first token waits with
//! them. docs/MODEL.md §6.2 ("Latency at a load") writes it out.

use super::arch::ModelArch;
use super::engine::Efficiency;
use super::estimate::{estimate_config, Config, Estimate, EstimateError, LatencyTargets, Workload};
use super::gpu::GpuSpec;

/// Rates and latencies with `concurrency` requests in flight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Loaded {
    pub concurrency: u32,
    /// Requests decoding at once: `min(N, B)`.
    pub decoding: u32,
    /// Requests waiting for a slot: `N − min(N, B)`.
    pub queued: u32,
    pub requests_per_second: f64,
    pub input_tokens_per_second: f64,
    pub output_tokens_per_second: f64,
    /// Mean time to first token, the slot wait included.
    pub time_to_first_token_s: f64,
    pub time_per_output_token_s: f64,
    /// One request from sending to its last token, the slot wait excluded.
    pub end_to_end_s: f64,
    /// The estimate at `decoding` requests at once (its step, prefill and memory).
    pub estimate: Estimate,
}

/// The replica with `concurrency` requests in flight (at least 1).
pub fn at_concurrency(
    eff: &Efficiency,
    model: &ModelArch,
    gpu: &GpuSpec,
    config: &Config,
    w: &Workload,
    concurrency: u32,
) -> Result<Loaded, EstimateError> {
    let n = concurrency.max(1);
    let none = LatencyTargets::default();
    let e = estimate_config(eff, model, gpu, config, w, &none, n)?;
    let b = e.max_concurrency;
    // A request: its first token (overhead, prefill queue, prefill, a step a chunk), then
    // O − 1 tokens a time-per-output-token apart.
    let e2e =
        e.time_to_first_token_s + (w.output_tokens - 1.0).max(0.0) * e.time_per_output_token_s;
    let rps = f64::from(b) / e2e;
    // Little's law over the whole loop: N requests take N / rate each; the part that is not
    // served is the wait for a slot.
    let wait = (f64::from(n) / rps - e2e).max(0.0);
    Ok(Loaded {
        concurrency: n,
        decoding: b,
        queued: n - b,
        requests_per_second: rps,
        input_tokens_per_second: rps * w.input_tokens,
        output_tokens_per_second: rps * w.output_tokens,
        time_to_first_token_s: e.time_to_first_token_s + wait,
        time_per_output_token_s: e.time_per_output_token_s,
        end_to_end_s: e2e,
        estimate: e,
    })
}
