//! Serving engines and the calibrated efficiencies of the estimate.
//!
//! Two kinds of numbers live here. An engine's defaults (how much memory it takes for the KV
//! cache, how many sequences it runs at once, how many prompt tokens it feeds per step) are
//! facts of the engine, each with its source. The [`Efficiency`] constants are fitted to the
//! published measurements in `tests/model/throughput_calibration.rs`: the achieved share of peak
//! bandwidth and compute, the tensor-parallel scaling and each engine's relative efficiency.
//! They vary by engine, GPU generation and architecture class, never by model or benchmark
//! row.

use super::arch::{Experts, PrecisionSpec};
use super::gpu::{Generation, GpuSpec, Interconnect};

/// The serving engine of a replica.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Engine {
    #[default]
    Vllm,
    Sglang,
    TensorRtLlm,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Vllm, Engine::Sglang, Engine::TensorRtLlm];
    /// The names used in scenario files and on the command line, in the order of [`Engine::ALL`]
    /// (the key table's allowed values come from here).
    pub const NAMES: [&'static str; 3] = ["vllm", "sglang", "tensorrt-llm"];

    /// The name used in scenario files and on the command line.
    pub fn name(self) -> &'static str {
        Engine::NAMES[self as usize]
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Engine::Vllm => "vLLM",
            Engine::Sglang => "SGLang",
            Engine::TensorRtLlm => "TensorRT-LLM",
        }
    }

    pub fn parse(s: &str) -> Option<Engine> {
        let n = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        match n.as_str() {
            "trt-llm" | "tensorrtllm" | "trtllm" => Some(Engine::TensorRtLlm),
            n => Engine::ALL.into_iter().find(|e| e.name() == n),
        }
    }

    /// The next engine, for the dashboard's switch.
    pub fn next(self) -> Engine {
        match self {
            Engine::Vllm => Engine::Sglang,
            Engine::Sglang => Engine::TensorRtLlm,
            Engine::TensorRtLlm => Engine::Vllm,
        }
    }

    /// Share of memory the engine lets the KV cache use, and whether that share is of all the
    /// memory (vLLM's `gpu_memory_utilization` 0.90, SGLang's `mem_fraction_static` 0.88 at one
    /// GPU) or of what the weights and activations leave (TensorRT-LLM's
    /// `kv_cache_free_gpu_mem_fraction` 0.90).
    pub(crate) fn memory_share(self) -> (f64, MemoryShareOf) {
        match self {
            Engine::Vllm => (0.90, MemoryShareOf::All),
            Engine::Sglang => (0.88, MemoryShareOf::All),
            Engine::TensorRtLlm => (0.90, MemoryShareOf::Free),
        }
    }

    /// Most sequences the engine runs at once by default on this GPU: vLLM's `max_num_seqs`,
    /// 1,024 on GPUs of at least 70 GiB other than the A100 and 256 elsewhere
    /// (`EngineArgs.get_batch_defaults` in vllm/engine/arg_utils.py, vLLM 0.10 and later);
    /// TensorRT-LLM's `max_batch_size` (2,048). SGLang sets no fixed number (its limit follows
    /// the KV cache); 4,096 stands in for "no limit before the KV cache's".
    pub(crate) fn max_running(self, gpu: &GpuSpec) -> u32 {
        match self {
            Engine::Vllm if large_vllm_gpu(gpu) => 1024,
            Engine::Vllm => 256,
            Engine::Sglang => 4096,
            Engine::TensorRtLlm => 2048,
        }
    }

    /// Prompt tokens fed per step under chunked prefill: vLLM's server
    /// `max_num_batched_tokens` (8,192 on the GPUs that get 1,024 running requests, else
    /// 2,048), SGLang's `chunked_prefill_size` and TensorRT-LLM's `max_num_tokens` (8,192).
    pub(crate) fn prefill_chunk_tokens(self, gpu: &GpuSpec) -> f64 {
        match self {
            Engine::Vllm if !large_vllm_gpu(gpu) => 2048.0,
            _ => 8192.0,
        }
    }

    /// Bytes per KV-cache element: the scenario's choice, or the engine's default. vLLM and
    /// SGLang keep the KV cache at the model's bf16 whatever the weights (`--kv-cache-dtype
    /// auto`); TensorRT-LLM's quantised checkpoints (fp8, int4, fp4) carry an fp8 KV cache, so
    /// it keeps the precision's own `bytes_per_kv`.
    pub(crate) fn kv_bytes(self, spec: &PrecisionSpec, kv: KvCache) -> f64 {
        match (kv, self) {
            (KvCache::Bf16, _) => 2.0,
            (KvCache::Fp8, _) => 1.0,
            (KvCache::Auto, Engine::TensorRtLlm) => spec.bytes_per_kv,
            (KvCache::Auto, _) => 2.0,
        }
    }
}

/// vLLM's large-GPU defaults apply: at least 70 GiB and not an A100 (PR 17885: larger batches
/// lowered the A100's throughput).
fn large_vllm_gpu(gpu: &GpuSpec) -> bool {
    gpu.memory_gb >= 70.0 && gpu.generation != Generation::Ampere
}

/// The KV cache's precision (`self_host.kv_cache_precision`): the engine's default, or set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KvCache {
    #[default]
    Auto,
    Bf16,
    Fp8,
}

impl KvCache {
    pub const ALL: [KvCache; 3] = [KvCache::Auto, KvCache::Bf16, KvCache::Fp8];
    /// The names of [`KvCache::ALL`], in order.
    pub const NAMES: [&'static str; 3] = ["auto", "bf16", "fp8"];

    pub fn name(self) -> &'static str {
        KvCache::NAMES[self as usize]
    }

    pub fn parse(s: &str) -> Option<KvCache> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("fp16") {
            return Some(KvCache::Bf16);
        }
        KvCache::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s))
    }
}

/// Mixture-of-experts classes: fine-grained (at least 32 routed experts and at least 4 per
/// token: Qwen3 MoE, gpt-oss, DeepSeek V3, Kimi K2, Llama 4) or coarse (Mixtral's 8 and 2).
pub fn fine_grained(e: &Experts) -> bool {
    e.count >= 32 && e.per_token >= 4
}

/// Latency of one all-reduce between the GPUs of a replica, seconds, by interconnect: a
/// stated figure, not fitted (no calibration row isolates it). NVLink: vLLM's and
/// TensorRT-LLM's custom one-shot all-reduce kernels for small messages run in about 10 µs;
/// PCIe goes through host memory or NCCL's ring, about 30 µs; xGMI (ROCm's custom
/// all-reduce) about 15 µs.
pub(crate) fn allreduce_latency_s(link: Interconnect) -> f64 {
    match link {
        Interconnect::NvLink => 10e-6,
        Interconnect::Pcie => 30e-6,
        Interconnect::Xgmi => 15e-6,
    }
}

/// What an engine's memory share is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MemoryShareOf {
    All,
    Free,
}

/// Memory kept per GPU for activations, CUDA graphs and the framework, GiB (a stated reserve,
/// not fitted: vLLM's profiling run and TensorRT-LLM's workspace take 1 to 3 GiB).
pub(crate) const ACTIVATION_RESERVE_GIB: f64 = 2.0;

/// The fitted constants. At most a dozen; see `tests/model/throughput_calibration.rs` for the rows,
/// the selection and hold-out rules and each row's error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Efficiency {
    /// Achieved share of peak memory bandwidth in decode steps, by generation.
    pub bandwidth_ampere: f64,
    pub bandwidth_ada: f64,
    pub bandwidth_hopper: f64,
    /// AMD Instinct (CDNA 3 and 4) under vLLM on ROCm.
    pub bandwidth_cdna: f64,
    /// Achieved share of dense peak compute in matrix products and attention.
    pub compute: f64,
    /// The routed experts' weight reads and products relative to dense layers, coarse
    /// mixtures of experts (Mixtral: 8 experts, 2 per token).
    pub moe: f64,
    /// The same for fine-grained mixtures ([`fine_grained`]): many small expert products per
    /// step, each too small to run at the dense layers' efficiency.
    pub moe_fine: f64,
    /// Decode products of weights dequantised in the kernel (W4A16 for int4 everywhere and for
    /// fp4 without fp4 tensor cores, W8A16 for fp8 without fp8 tensor cores) relative to
    /// native products; prefill's large products amortise the dequantisation.
    pub dequant: f64,
    /// Per-request overhead outside the GPU's steps (HTTP, tokenising, scheduling,
    /// detokenising), seconds: added to the first token and to each request's time in a slot.
    pub overhead_s: f64,
    /// A fixed time added to every decode step (kernel launches, the scheduler, sampling),
    /// seconds: 0 as shipped; only a calibration fit (`crossover calibrate`) sets it.
    pub step_overhead_s: f64,
    /// A fixed time per layer added to every decode step on one GPU, seconds (kernel
    /// launches, synchronisation and the engine's scheduler: what no share of a roofline
    /// describes).
    pub step_layer_s: f64,
    /// What each doubling of the GPUs per replica adds to it, seconds.
    pub step_layer_doubling_s: f64,
    /// Share of the weight products' speed kept per doubling of tensor-parallel GPUs (they
    /// wait on all-reduces), by interconnect. Attention over each GPU's KV heads is not
    /// slowed.
    pub tp_nvlink: f64,
    pub tp_pcie: f64,
    /// vLLM and SGLang relative to TensorRT-LLM (1 by definition).
    pub vllm: f64,
    pub sglang: f64,
}

/// The calibrated constants (fitted on the non-held-out rows of the calibration table).
pub const CALIBRATED: Efficiency = Efficiency {
    bandwidth_ampere: 0.95,
    bandwidth_ada: 0.79,
    bandwidth_hopper: 0.81,
    bandwidth_cdna: 0.64,
    compute: 0.56,
    moe: 0.55,
    moe_fine: 0.55,
    dequant: 0.6,
    overhead_s: 0.015,
    step_overhead_s: 0.0,
    step_layer_s: 20e-6,
    step_layer_doubling_s: 19e-6,
    tp_nvlink: 0.93,
    tp_pcie: 0.63,
    vllm: 0.83,
    sglang: 0.95,
};

/// How far the estimate with [`CALIBRATED`] lands from the calibration table's measurements,
/// in percent of each measurement (absolute errors). `tests/model/throughput_calibration.rs` checks
/// these figures against the table, so they cannot drift from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CalibrationError {
    pub rows: usize,
    pub median_pct: f64,
    pub worst_pct: f64,
    /// The rows held out of the fit (every third).
    pub held_out_median_pct: f64,
    pub held_out_worst_pct: f64,
}

/// The calibration table's errors with the shipped constants.
pub const CALIBRATION: CalibrationError = CalibrationError {
    rows: 62,
    median_pct: 6.7,
    worst_pct: 57.7,
    held_out_median_pct: 7.1,
    held_out_worst_pct: 57.7,
};

impl Efficiency {
    /// Achieved share of peak bandwidth. Blackwell has no calibration row yet: it takes
    /// Hopper's share.
    pub fn bandwidth(&self, g: Generation) -> f64 {
        match g {
            Generation::Ampere => self.bandwidth_ampere,
            Generation::Ada => self.bandwidth_ada,
            Generation::Hopper | Generation::Blackwell => self.bandwidth_hopper,
            Generation::Cdna3 | Generation::Cdna4 => self.bandwidth_cdna,
        }
    }

    pub fn engine(&self, e: Engine) -> f64 {
        match e {
            Engine::Vllm => self.vllm,
            Engine::Sglang => self.sglang,
            Engine::TensorRtLlm => 1.0,
        }
    }

    /// Throughput kept by a replica of `gpus` GPUs relative to `gpus` perfect copies.
    pub(crate) fn tensor_parallel(&self, link: Interconnect, gpus: u32) -> f64 {
        let per_doubling = match link {
            Interconnect::NvLink | Interconnect::Xgmi => self.tp_nvlink,
            Interconnect::Pcie => self.tp_pcie,
        };
        per_doubling.powi(gpus.max(1).ilog2() as i32)
    }

    /// The fixed time of one decode step of `layers` layers on `gpus` GPUs, seconds: a
    /// calibration fit's per-step time plus the per-layer time, which grows by
    /// `step_layer_doubling_s` per doubling of the GPUs.
    pub(crate) fn step_fixed_s(&self, layers: u32, gpus: u32) -> f64 {
        let doublings = f64::from(gpus.max(1).ilog2());
        self.step_overhead_s
            + f64::from(layers) * (self.step_layer_s + doublings * self.step_layer_doubling_s)
    }

    /// The routed experts' factor for this layout: 1 without experts.
    pub fn experts(&self, e: Option<&Experts>) -> f64 {
        match e {
            None => 1.0,
            Some(e) if fine_grained(e) => self.moe_fine,
            Some(_) => self.moe,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_the_switch_visits_every_engine() {
        let names: Vec<&str> = Engine::ALL.iter().map(|e| e.name()).collect();
        assert_eq!(names, ["vllm", "sglang", "tensorrt-llm"]);
        let labels: Vec<&str> = Engine::ALL.iter().map(|e| e.label()).collect();
        assert_eq!(labels, ["vLLM", "SGLang", "TensorRT-LLM"]);
        for e in Engine::ALL {
            assert_eq!(Engine::parse(e.name()), Some(e));
            assert_eq!(Engine::parse(e.label()), Some(e));
        }
        for alias in ["TRT-LLM", "trt_llm", "TensorRT LLM", " trtllm "] {
            assert_eq!(Engine::parse(alias), Some(Engine::TensorRtLlm), "{alias}");
        }
        assert_eq!(Engine::parse("tgi"), None);
        let mut e = Engine::Vllm;
        let mut seen = Vec::new();
        for _ in 0..3 {
            e = e.next();
            seen.push(e);
        }
        assert_eq!(seen, [Engine::Sglang, Engine::TensorRtLlm, Engine::Vllm]);
    }
}
