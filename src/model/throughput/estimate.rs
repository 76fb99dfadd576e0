//! The estimate for one replica: memory left for the KV cache, how many requests it holds at
//! once, decode step and prefill times, and the saturation throughput with the limit that binds.
//! The formulas are written out in docs/MODEL.md ("Throughput estimate").

use super::arch::{ModelArch, Precision, PrecisionSpec};
use super::engine::{
    Efficiency, Engine, KvCache, MemoryShareOf, ACTIVATION_RESERVE_GIB, CALIBRATED,
};
use super::gpu::{GpuSpec, GIB};
use super::parallel::Parallelism;

/// GPUs per replica the estimator tries when it picks the fewest that fit (one node).
pub const GPU_COUNTS: [u32; 4] = [1, 2, 4, 8];

/// GPUs per replica the estimator accepts: one node's 1, 2, 4 or 8, or 16 over two nodes of
/// 8 (set explicitly; never picked).
pub(crate) const ACCEPTED_GPU_COUNTS: [u32; 5] = [1, 2, 4, 8, 16];

/// Largest input or output size accepted, tokens (MODEL.md's cap on token sizes).
pub(crate) const MAX_TOKENS: f64 = 1e8;

/// Mean tokens per request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Workload {
    pub input_tokens: f64,
    pub output_tokens: f64,
}

/// Optional latency targets, milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LatencyTargets {
    pub ttft_ms: Option<f64>,
    pub tpot_ms: Option<f64>,
}

/// The limit that sets the saturation throughput.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// Arithmetic: prefill, or decode steps whose products outrun the weight reads.
    Compute,
    /// Weight and KV reads, with the engine's batch limit reached.
    Bandwidth,
    /// Weight and KV reads, with the batch limited by the memory left for the KV cache.
    KvCache,
    /// The batch was cut to meet the first-token target.
    TimeToFirstToken,
    /// The batch was cut to meet the per-output-token target.
    TimePerOutputToken,
}

impl Bound {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Bound::Compute => "compute",
            Bound::Bandwidth => "bandwidth",
            Bound::KvCache => "kv_cache",
            Bound::TimeToFirstToken => "ttft_target",
            Bound::TimePerOutputToken => "tpot_target",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Bound::Compute => "compute",
            Bound::Bandwidth => "memory bandwidth",
            Bound::KvCache => "KV cache",
            Bound::TimeToFirstToken => "first-token target",
            Bound::TimePerOutputToken => "per-token target",
        }
    }
}

/// One replica's estimate at saturation. Times in seconds, memory in bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub engine: Engine,
    pub precision: Precision,
    /// Bytes per KV-cache element (the engine's default or `self_host.kv_cache_precision`).
    pub kv_bytes_per_element: f64,
    pub gpus: u32,
    pub requests_per_second: f64,
    pub input_tokens_per_second: f64,
    pub output_tokens_per_second: f64,
    /// Requests decoding at once at saturation.
    pub max_concurrency: u32,
    /// Requests of this size the KV cache holds at once.
    pub kv_concurrency: u32,
    /// The engine's limit on running sequences.
    pub engine_max_running: u32,
    pub bound: Bound,
    /// False when even one request at a time misses a latency target: the figures are then
    /// the best the replica achieves (one request at a time), not a batch that meets it.
    pub fits_target: bool,
    /// At `max_concurrency` requests decoding at once: the per-request overhead, the wait
    /// behind the other requests' prefills, the prefill and a step per chunk.
    pub time_to_first_token_s: f64,
    /// The steady decode step plus the other requests' prefill chunks sharing the steps.
    pub time_per_output_token_s: f64,
    /// The first token's wait behind other requests' prefills, and the per-request overhead.
    pub prefill_queue_s: f64,
    pub overhead_s: f64,
    /// Replica-seconds of prefill per request (its share of s = 1 / requests_per_second).
    pub prefill_s: f64,
    /// Replica-seconds of decode per request: output tokens × step time ÷ concurrency.
    pub decode_s: f64,
    /// One decode step at `max_concurrency`, and its memory and compute parts.
    pub step_s: f64,
    pub step_memory_s: f64,
    pub step_compute_s: f64,
    /// The step's all-reduces between tensor-parallel GPUs.
    pub step_allreduce_s: f64,
    /// The step's fixed time from a calibration fit (0 without one).
    pub step_fixed_s: f64,
    pub memory_bytes: f64,
    pub weight_bytes: f64,
    pub reserve_bytes: f64,
    pub kv_memory_bytes: f64,
    /// KV cache one request reserves (input + output tokens).
    pub kv_bytes_per_request: f64,
    /// Achieved bandwidth (bytes/s) and compute (FLOP/s) of the replica.
    pub bandwidth_bytes_s: f64,
    pub compute_flops: f64,
}

impl Estimate {
    /// Prefill rate that gives [`Estimate::prefill_s`] per request in MODEL.md's
    /// `s = I / prefill + O / decode`.
    pub fn prefill_tokens_per_second(&self, input_tokens: f64) -> f64 {
        input_tokens / self.prefill_s
    }

    /// When a latency target is not met even one request at a time: what it is and the best
    /// the replica does ("no batch size meets a 200 ms first token on this replica: one
    /// request at a time takes 312 ms").
    pub fn missed_target(&self, t: &LatencyTargets) -> Option<String> {
        if self.fits_target {
            return None;
        }
        let (target, best) = match self.bound {
            Bound::TimeToFirstToken => (Target::Ttft(t.ttft_ms?), self.time_to_first_token_s),
            _ => (Target::Tpot(t.tpot_ms?), self.time_per_output_token_s),
        };
        Some(format!(
            "no batch size meets {} on this replica: one request at a time takes {} ms",
            target_text(target),
            trim((best * 1e4).round() / 10.0)
        ))
    }

    /// Decode rate that gives [`Estimate::decode_s`] per request.
    pub fn decode_tokens_per_second(&self, output_tokens: f64) -> f64 {
        output_tokens / self.decode_s
    }
}

/// Which latency target cannot be met.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    Ttft(f64),
    Tpot(f64),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EstimateError {
    #[error("{model} is not served at {precision}; it is served at {served}")]
    PrecisionNotServed {
        model: String,
        precision: &'static str,
        served: String,
    },
    #[error("GPUs per replica must be 1, 2, 4, 8 or 16 (two nodes of 8), not {0}")]
    GpuCount(u32),
    #[error("expert parallelism needs a mixture of experts; {0} is dense (use tensor)")]
    NoExperts(String),
    #[error("{what} must be a number of tokens from 1 to 1e8, not {value}")]
    Tokens { what: &'static str, value: f64 },
    #[error("{what} must be a positive number of milliseconds, not {value}")]
    Target { what: &'static str, value: f64 },
    #[error("{model} at {precision} does not fit on {gpus} × {gpu}: weights {weights_gb:.1} GB, reserve {reserve_gb:.1} GB and one request's KV cache need more than its {memory_gb:.0} GB{}", needed_text(*.needed))]
    DoesNotFit {
        model: String,
        gpu: String,
        precision: &'static str,
        gpus: u32,
        weights_gb: f64,
        reserve_gb: f64,
        memory_gb: f64,
        needed: Option<u32>,
    },
    #[error("no batch size meets {} on this replica", target_text(*.0))]
    Unreachable(Target),
    #[error("{gpu}: {what} must be a positive number")]
    BadGpu { gpu: String, what: &'static str },
}

fn needed_text(needed: Option<u32>) -> String {
    match needed {
        Some(n) => format!("; it needs {n} GPUs per replica"),
        None => "; not even 8 GPUs per replica hold it".into(),
    }
}

fn target_text(t: Target) -> String {
    match t {
        Target::Ttft(ms) => format!("a {} ms first token", trim(ms)),
        Target::Tpot(ms) => format!("{} ms per output token", trim(ms)),
    }
}

fn trim(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// The estimate with the calibrated constants.
pub fn estimate(
    model: &ModelArch,
    gpu: &GpuSpec,
    precision: Precision,
    gpus: u32,
    engine: Engine,
    workload: &Workload,
    targets: &LatencyTargets,
) -> Result<Estimate, EstimateError> {
    estimate_with(
        &CALIBRATED,
        model,
        gpu,
        precision,
        gpus,
        engine,
        workload,
        targets,
    )
}

/// The fewest GPUs per replica (1, 2, 4, 8) on which the model fits this workload.
pub fn fewest_gpus(
    model: &ModelArch,
    gpu: &GpuSpec,
    precision: Precision,
    engine: Engine,
    workload: &Workload,
) -> Option<u32> {
    let spec = model.precision(precision)?;
    let spec = PrecisionSpec {
        bytes_per_kv: engine.kv_bytes(spec, KvCache::Auto),
        ..*spec
    };
    fewest(model, gpu, &spec, engine, workload)
}

fn fewest(
    model: &ModelArch,
    gpu: &GpuSpec,
    spec: &PrecisionSpec,
    engine: Engine,
    workload: &Workload,
) -> Option<u32> {
    GPU_COUNTS
        .into_iter()
        .find(|&g| memory(model, gpu, spec, g, engine, workload).fits())
}

/// The memory each of `gpus` GPUs needs (in the catalog's `memory_gb` unit) for `model` at
/// `precision` to hold its weights, the reserve and one request's KV cache: the smallest GPU
/// that would serve it. `None` when the model is not served at that precision.
pub(crate) fn memory_needed_gb(
    model: &ModelArch,
    precision: Precision,
    gpus: u32,
    engine: Engine,
    w: &Workload,
) -> Option<f64> {
    let spec = model.precision(precision)?;
    let g = f64::from(gpus.max(1));
    let weights = model.weight_bytes(spec);
    let activations = ACTIVATION_RESERVE_GIB * GIB * g;
    let spec = PrecisionSpec {
        bytes_per_kv: engine.kv_bytes(spec, KvCache::Auto),
        ..*spec
    };
    let kv = model.kv_bytes(&spec, w.input_tokens + w.output_tokens);
    let (share, of) = engine.memory_share();
    let total = match of {
        MemoryShareOf::All => (kv + weights + activations) / share,
        MemoryShareOf::Free => kv / share + weights + activations,
    };
    Some(total / g / GIB)
}

/// The replica's memory split.
struct Memory {
    total: f64,
    weights: f64,
    reserve: f64,
    kv: f64,
    kv_per_request: f64,
}

impl Memory {
    fn fits(&self) -> bool {
        self.kv >= self.kv_per_request && self.kv > 0.0
    }
}

fn memory(
    model: &ModelArch,
    gpu: &GpuSpec,
    spec: &PrecisionSpec,
    gpus: u32,
    engine: Engine,
    w: &Workload,
) -> Memory {
    let total = gpu.memory_bytes() * f64::from(gpus);
    let weights = model.weight_bytes(spec);
    let activations = ACTIVATION_RESERVE_GIB * GIB * f64::from(gpus);
    let (share, of) = engine.memory_share();
    let kv = match of {
        MemoryShareOf::All => share * total - weights - activations,
        MemoryShareOf::Free => share * (total - weights - activations),
    };
    // What is neither weights nor KV cache: the engine's unshared memory and the activations.
    // When the weights leave nothing free, TensorRT-LLM's share of it is nothing too.
    let reserve = match of {
        MemoryShareOf::Free if kv < 0.0 => activations,
        _ => total - weights - kv,
    };
    Memory {
        total,
        weights,
        reserve,
        kv,
        kv_per_request: model.kv_bytes(spec, w.input_tokens + w.output_tokens),
    }
}

fn check_tokens(what: &'static str, value: f64) -> Result<(), EstimateError> {
    if value.is_finite() && (1.0..=MAX_TOKENS).contains(&value) {
        Ok(())
    } else {
        Err(EstimateError::Tokens { what, value })
    }
}

fn check_target(what: &'static str, value: Option<f64>) -> Result<(), EstimateError> {
    match value {
        Some(v) if !(v.is_finite() && v > 0.0) => Err(EstimateError::Target { what, value: v }),
        _ => Ok(()),
    }
}

/// The replica beyond its model and GPU: weight precision, KV-cache precision, GPUs, engine
/// and how the GPUs split the model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    pub precision: Precision,
    pub kv: KvCache,
    pub gpus: u32,
    pub engine: Engine,
    pub parallelism: Parallelism,
}

/// The estimate with given constants (the calibration test fits them).
#[allow(clippy::too_many_arguments)]
pub fn estimate_with(
    eff: &Efficiency,
    model: &ModelArch,
    gpu: &GpuSpec,
    precision: Precision,
    gpus: u32,
    engine: Engine,
    w: &Workload,
    targets: &LatencyTargets,
) -> Result<Estimate, EstimateError> {
    estimate_capped(
        eff,
        model,
        gpu,
        precision,
        gpus,
        engine,
        w,
        targets,
        u32::MAX,
    )
}

/// The estimate with at most `batch_cap` requests decoding at once (at least one), the
/// engine's default KV cache.
#[allow(clippy::too_many_arguments)]
pub fn estimate_capped(
    eff: &Efficiency,
    model: &ModelArch,
    gpu: &GpuSpec,
    precision: Precision,
    gpus: u32,
    engine: Engine,
    w: &Workload,
    targets: &LatencyTargets,
    batch_cap: u32,
) -> Result<Estimate, EstimateError> {
    let config = Config {
        precision,
        kv: KvCache::Auto,
        gpus,
        engine,
        parallelism: Parallelism::Tensor,
    };
    estimate_config(eff, model, gpu, &config, w, targets, batch_cap)
}

/// Checks the inputs and gives the precision's bytes with the KV cache's own.
fn checked_spec(
    model: &ModelArch,
    gpu: &GpuSpec,
    c: &Config,
    w: &Workload,
    targets: &LatencyTargets,
) -> Result<PrecisionSpec, EstimateError> {
    if !ACCEPTED_GPU_COUNTS.contains(&c.gpus) {
        return Err(EstimateError::GpuCount(c.gpus));
    }
    if c.parallelism == Parallelism::Expert && model.expert_split().is_none() {
        return Err(EstimateError::NoExperts(model.name.clone()));
    }
    check_tokens("input tokens", w.input_tokens)?;
    check_tokens("output tokens", w.output_tokens)?;
    check_target("the first-token target", targets.ttft_ms)?;
    check_target("the per-token target", targets.tpot_ms)?;
    for (what, v) in [
        ("memory", gpu.memory_gb),
        ("bandwidth", gpu.bandwidth_tb_s),
        ("bf16 TFLOPS", gpu.tflops_bf16),
    ] {
        if !(v.is_finite() && v > 0.0) {
            return Err(EstimateError::BadGpu {
                gpu: gpu.name.clone(),
                what,
            });
        }
    }
    let Some(spec) = model.precision(c.precision) else {
        return Err(EstimateError::PrecisionNotServed {
            model: model.name.clone(),
            precision: c.precision.name(),
            served: model
                .precisions
                .iter()
                .map(|p| p.precision.name())
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    Ok(PrecisionSpec {
        bytes_per_kv: c.engine.kv_bytes(spec, c.kv),
        ..*spec
    })
}

/// Latency at a batch: the first token and the time per output token, seconds.
struct Latency {
    ttft: f64,
    tpot: f64,
    queue: f64,
}

/// The replica's timing at `b` requests decoding at once. A request's first token waits for
/// the per-request overhead, for the prefills of the other `b − 1` requests ahead of it (an
/// M/D/1 queue whose load is their share of the replica's time), then its own prefill and
/// one decode step per prefill chunk. Each later token takes one step plus the other
/// requests' prefill chunks that share the steps: `(b − 1) / O` prefills a step.
fn latency(ph: &Physics, eff: &Efficiency, t_pre: f64, w: &Workload, b: f64) -> Latency {
    let step = ph.step(b).total();
    let per_request = t_pre + w.output_tokens * step / b;
    let load = (b - 1.0) / b * t_pre / per_request;
    let queue = if load > 0.0 {
        load * t_pre / (2.0 * (1.0 - load))
    } else {
        0.0
    };
    let chunks = (w.input_tokens / ph.chunk_tokens).ceil();
    Latency {
        ttft: eff.overhead_s + queue + t_pre + chunks * step,
        tpot: step + t_pre * (b - 1.0) / w.output_tokens,
        queue,
    }
}

/// The estimate of a configuration with at most `batch_cap` requests decoding at once (at
/// least one): the replica at a stated concurrency below saturation. `crossover calibrate`
/// fits a benchmark's runs with it (`src/calibrate/predict.rs`).
pub fn estimate_config(
    eff: &Efficiency,
    model: &ModelArch,
    gpu: &GpuSpec,
    c: &Config,
    w: &Workload,
    targets: &LatencyTargets,
    batch_cap: u32,
) -> Result<Estimate, EstimateError> {
    let spec = checked_spec(model, gpu, c, w, targets)?;
    let mem = memory(model, gpu, &spec, c.gpus, c.engine, w);
    if !mem.fits() {
        return Err(EstimateError::DoesNotFit {
            model: model.name.clone(),
            gpu: gpu.name.clone(),
            precision: c.precision.name(),
            gpus: c.gpus,
            weights_gb: mem.weights / 1e9,
            reserve_gb: mem.reserve / 1e9,
            memory_gb: mem.total / 1e9,
            needed: fewest(model, gpu, &spec, c.engine, w),
        });
    }
    let ph = Physics::new(eff, model, spec, gpu, c, w);
    let prefill_s = ph.prefill(w.input_tokens);
    let kv_concurrency = (mem.kv / mem.kv_per_request).floor().min(1e6) as u32;
    let cap = c.engine.max_running(gpu);
    let natural = kv_concurrency.min(cap).min(batch_cap).max(1);
    let (batch, cut) = batch_for(&ph, eff, prefill_s, w, targets, natural);
    Ok(assemble(
        &ph,
        eff,
        c,
        w,
        &mem,
        prefill_s,
        batch,
        cut,
        kv_concurrency,
        cap,
    ))
}

/// The largest batch up to `natural` that meets the targets, and the target that cut it
/// (with whether it is met: when even one request at a time misses a target, the batch is 1
/// and the target is not met).
fn batch_for(
    ph: &Physics,
    eff: &Efficiency,
    t_pre: f64,
    w: &Workload,
    targets: &LatencyTargets,
    natural: u32,
) -> (u32, Option<(Bound, bool)>) {
    let misses = |b: u32| -> Option<Bound> {
        let l = latency(ph, eff, t_pre, w, f64::from(b));
        if targets.ttft_ms.is_some_and(|t| l.ttft * 1e3 > t) {
            Some(Bound::TimeToFirstToken)
        } else if targets.tpot_ms.is_some_and(|t| l.tpot * 1e3 > t) {
            Some(Bound::TimePerOutputToken)
        } else {
            None
        }
    };
    let Some(missed) = misses(natural) else {
        return (natural, None);
    };
    if let Some(first) = misses(1) {
        return (1, Some((first, false)));
    }
    // Largest batch that meets both: 1 meets them, `natural` does not.
    let (mut lo, mut hi, mut bound) = (1u32, natural, missed);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match misses(mid) {
            None => lo = mid,
            Some(b) => {
                hi = mid;
                bound = b;
            }
        }
    }
    (lo, Some((bound, true)))
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    ph: &Physics,
    eff: &Efficiency,
    c: &Config,
    w: &Workload,
    mem: &Memory,
    prefill_s: f64,
    batch: u32,
    cut: Option<(Bound, bool)>,
    kv_concurrency: u32,
    cap: u32,
) -> Estimate {
    let (i, o) = (w.input_tokens, w.output_tokens);
    let b = f64::from(batch);
    let st = ph.step(b);
    let step_s = st.total();
    let decode_s = o * step_s / b;
    let rps = 1.0 / (prefill_s + decode_s);
    let lat = latency(ph, eff, prefill_s, w, b);
    let memory_part = st.memory_bound_s();
    let bound = cut.map(|(b, _)| b).unwrap_or(
        if prefill_s + o * (step_s - st.fixed_s - memory_part) / b >= o * memory_part / b {
            Bound::Compute
        } else if kv_concurrency < cap {
            Bound::KvCache
        } else {
            Bound::Bandwidth
        },
    );
    Estimate {
        engine: c.engine,
        precision: c.precision,
        kv_bytes_per_element: ph.kv_bytes_per_element(),
        gpus: c.gpus,
        requests_per_second: rps,
        input_tokens_per_second: rps * i,
        output_tokens_per_second: rps * o,
        max_concurrency: batch,
        kv_concurrency,
        engine_max_running: cap,
        bound,
        fits_target: cut.is_none_or(|(_, met)| met),
        time_to_first_token_s: lat.ttft,
        time_per_output_token_s: lat.tpot,
        prefill_queue_s: lat.queue,
        overhead_s: eff.overhead_s,
        prefill_s,
        decode_s,
        step_s,
        step_memory_s: st.weights_s + st.kv_s,
        step_compute_s: st.products_s + st.attention_s,
        step_allreduce_s: st.allreduce_s,
        step_fixed_s: st.fixed_s,
        memory_bytes: mem.total,
        weight_bytes: mem.weights,
        reserve_bytes: mem.reserve,
        kv_memory_bytes: mem.kv,
        kv_bytes_per_request: mem.kv_per_request,
        bandwidth_bytes_s: ph.bandwidth,
        compute_flops: ph.compute,
    }
}

mod step;
pub(crate) use step::Physics;
pub use step::Step;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_frontier;
