//! The estimate for one replica: memory left for the KV cache, how many requests it holds at
//! once, decode step and prefill times, and the saturation throughput with the limit that binds.
//! The formulas are written out in docs/MODEL.md ("Throughput estimate").

use super::arch::{ModelArch, Precision, PrecisionSpec};
use super::engine::{Efficiency, Engine, MemoryShareOf, ACTIVATION_RESERVE_GIB, CALIBRATED};
use super::gpu::{GpuSpec, GIB};

/// GPUs per replica the estimator accepts (tensor parallel degrees).
pub const GPU_COUNTS: [u32; 4] = [1, 2, 4, 8];

/// Largest input or output size accepted, tokens (MODEL.md's cap on token sizes).
pub const MAX_TOKENS: f64 = 1e8;

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
    pub time_to_first_token_s: f64,
    pub time_per_output_token_s: f64,
    /// Replica-seconds of prefill per request (its share of s = 1 / requests_per_second).
    pub prefill_s: f64,
    /// Replica-seconds of decode per request: output tokens × step time ÷ concurrency.
    pub decode_s: f64,
    /// One decode step at `max_concurrency`, and its memory and compute parts.
    pub step_s: f64,
    pub step_memory_s: f64,
    pub step_compute_s: f64,
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
    #[error("GPUs per replica must be 1, 2, 4 or 8, not {0}")]
    GpuCount(u32),
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
    GPU_COUNTS
        .into_iter()
        .find(|&g| memory(model, gpu, spec, g, engine, workload).fits())
}

/// The memory each of `gpus` GPUs needs (in the catalog's `memory_gb` unit) for `model` at
/// `precision` to hold its weights, the reserve and one request's KV cache: the smallest GPU
/// that would serve it. `None` when the model is not served at that precision.
pub fn memory_needed_gb(
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
    let kv = model.kv_bytes(spec, w.input_tokens + w.output_tokens);
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

/// One decode step's parts, seconds.
struct Step {
    weights_s: f64,
    products_s: f64,
    kv_s: f64,
    attention_s: f64,
}

impl Step {
    fn total(&self) -> f64 {
        self.weights_s.max(self.products_s) + self.kv_s.max(self.attention_s)
    }

    /// The part of the step spent waiting on memory.
    fn memory_bound_s(&self) -> f64 {
        let w = if self.weights_s >= self.products_s {
            self.weights_s
        } else {
            0.0
        };
        let k = if self.kv_s >= self.attention_s {
            self.kv_s
        } else {
            0.0
        };
        w + k
    }
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

/// The estimate with at most `batch_cap` requests decoding at once (at least one): the
/// replica at a stated concurrency below saturation. `crossover calibrate` fits a benchmark's
/// runs with it (`src/calibrate/predict.rs`).
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
    if !GPU_COUNTS.contains(&gpus) {
        return Err(EstimateError::GpuCount(gpus));
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
    let Some(spec) = model.precision(precision) else {
        return Err(EstimateError::PrecisionNotServed {
            model: model.name.clone(),
            precision: precision.name(),
            served: model
                .precisions
                .iter()
                .map(|p| p.precision.name())
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    let mem = memory(model, gpu, spec, gpus, engine, w);
    if !mem.fits() {
        return Err(EstimateError::DoesNotFit {
            model: model.name.clone(),
            gpu: gpu.name.clone(),
            precision: precision.name(),
            gpus,
            weights_gb: mem.weights / 1e9,
            reserve_gb: mem.reserve / 1e9,
            memory_gb: mem.total / 1e9,
            needed: fewest_gpus(model, gpu, precision, engine, w),
        });
    }

    let (i, o) = (w.input_tokens, w.output_tokens);
    let n = f64::from(gpus);
    let moe = if model.experts.is_some() {
        eff.moe
    } else {
        1.0
    };
    // Tensor parallelism splits every product and every KV head across the GPUs; the
    // products then wait on all-reduces between GPUs, attention over the local KV heads does
    // not.
    let tp = eff.tensor_parallel(gpu.interconnect, gpus);
    let scale = n * eff.engine(engine) * moe;
    let kv_bandwidth = gpu.bandwidth_tb_s * 1e12 * eff.bandwidth(gpu.generation) * scale;
    let bandwidth = kv_bandwidth * tp;
    let compute = gpu.tflops(precision) * 1e12 * eff.compute * scale * tp;

    // Decode: one step gives every running request a token. Its weight products read the
    // weights once for the batch (bandwidth) and do two FLOPs per active weight per request
    // (compute); its attention reads each request's KV cache (on average input + half the
    // output) and does four FLOPs per attention-width element per visible token. The two run
    // one after the other, each at the slower of its reads and its arithmetic.
    let context = i + o / 2.0;
    let kv_read = model.kv_bytes(spec, context);
    let weight_flops = 2.0 * model.params_active_b * 1e9;
    let attention_flops = model.decode_flops(context) - weight_flops;
    let step = |b: f64| -> Step {
        Step {
            weights_s: model.weight_bytes_read(spec, b) / bandwidth,
            products_s: b * weight_flops / compute,
            kv_s: b * kv_read / kv_bandwidth,
            attention_s: b * attention_flops / compute,
        }
    };
    let prefill_s = model.prefill_flops(i) / compute;
    let chunks = (i / engine.prefill_chunk_tokens()).ceil();
    let latency = |b: f64| -> (f64, f64) {
        let t = step(b).total();
        (prefill_s + chunks * t, t + prefill_s * b / o)
    };

    let kv_concurrency = (mem.kv / mem.kv_per_request).floor().min(1e6) as u32;
    let cap = engine.max_running();
    let natural = kv_concurrency.min(cap).min(batch_cap).max(1);
    let meets = |b: u32| -> bool {
        let (ttft, tpot) = latency(f64::from(b));
        targets.ttft_ms.is_none_or(|t| ttft * 1e3 <= t)
            && targets.tpot_ms.is_none_or(|t| tpot * 1e3 <= t)
    };
    let mut batch = natural;
    let mut cut = None;
    if !meets(natural) {
        let (ttft1, tpot1) = latency(1.0);
        if let Some(t) = targets.ttft_ms.filter(|t| ttft1 * 1e3 > *t) {
            return Err(EstimateError::Unreachable(Target::Ttft(t)));
        }
        if let Some(t) = targets.tpot_ms.filter(|t| tpot1 * 1e3 > *t) {
            return Err(EstimateError::Unreachable(Target::Tpot(t)));
        }
        // Largest batch that meets both: 1 meets them, `natural` does not.
        let (mut lo, mut hi) = (1u32, natural);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if meets(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        batch = lo;
        let (ttft_hi, _) = latency(f64::from(hi));
        cut = Some(if targets.ttft_ms.is_some_and(|t| ttft_hi * 1e3 > t) {
            Bound::TimeToFirstToken
        } else {
            Bound::TimePerOutputToken
        });
    }

    let b = f64::from(batch);
    let st = step(b);
    let step_s = st.total();
    let decode_s = o * step_s / b;
    let rps = 1.0 / (prefill_s + decode_s);
    let (ttft, tpot) = latency(b);
    let memory_part = st.memory_bound_s();
    let bound = cut.unwrap_or(
        if prefill_s + o * (step_s - memory_part) / b >= o * memory_part / b {
            Bound::Compute
        } else if kv_concurrency < cap {
            Bound::KvCache
        } else {
            Bound::Bandwidth
        },
    );
    Ok(Estimate {
        engine,
        precision,
        gpus,
        requests_per_second: rps,
        input_tokens_per_second: rps * i,
        output_tokens_per_second: rps * o,
        max_concurrency: batch,
        kv_concurrency,
        engine_max_running: cap,
        bound,
        time_to_first_token_s: ttft,
        time_per_output_token_s: tpot,
        prefill_s,
        decode_s,
        step_s,
        step_memory_s: st.weights_s + st.kv_s,
        step_compute_s: st.products_s + st.attention_s,
        memory_bytes: mem.total,
        weight_bytes: mem.weights,
        reserve_bytes: mem.reserve,
        kv_memory_bytes: mem.kv,
        kv_bytes_per_request: mem.kv_per_request,
        bandwidth_bytes_s: bandwidth,
        compute_flops: compute,
    })
}

#[cfg(test)]
mod tests;
