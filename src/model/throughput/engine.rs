//! Serving engines and the calibrated efficiencies of the estimate.
//!
//! Two kinds of numbers live here. An engine's defaults (how much memory it takes for the KV
//! cache, how many sequences it runs at once, how many prompt tokens it feeds per step) are
//! facts of the engine, each with its source. The [`Efficiency`] constants are fitted to the
//! published measurements in `tests/model/throughput_calibration.rs`: the achieved share of peak
//! bandwidth and compute, the tensor-parallel scaling and each engine's relative efficiency.
//! They vary by engine, GPU generation and architecture class, never by model or benchmark
//! row.

use super::gpu::{Generation, Interconnect};

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

    /// The name used in scenario files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Vllm => "vllm",
            Engine::Sglang => "sglang",
            Engine::TensorRtLlm => "tensorrt-llm",
        }
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
            "vllm" => Some(Engine::Vllm),
            "sglang" => Some(Engine::Sglang),
            "tensorrt-llm" | "trt-llm" | "tensorrtllm" | "trtllm" => Some(Engine::TensorRtLlm),
            _ => None,
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
    pub fn memory_share(self) -> (f64, MemoryShareOf) {
        match self {
            Engine::Vllm => (0.90, MemoryShareOf::All),
            Engine::Sglang => (0.88, MemoryShareOf::All),
            Engine::TensorRtLlm => (0.90, MemoryShareOf::Free),
        }
    }

    /// Most sequences the engine runs at once by default: vLLM's `max_num_seqs` (256),
    /// TensorRT-LLM's `max_batch_size` (2,048). SGLang sets no fixed number (its limit follows
    /// the KV cache); 4,096 stands in for "no limit before the KV cache's".
    pub fn max_running(self) -> u32 {
        match self {
            Engine::Vllm => 256,
            Engine::Sglang => 4096,
            Engine::TensorRtLlm => 2048,
        }
    }

    /// Prompt tokens fed per step under chunked prefill (vLLM's `max_num_batched_tokens`,
    /// SGLang's `chunked_prefill_size`, TensorRT-LLM's `max_num_tokens`: 8,192 on datacenter
    /// GPUs in all three).
    pub fn prefill_chunk_tokens(self) -> f64 {
        8192.0
    }
}

/// What an engine's memory share is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryShareOf {
    All,
    Free,
}

/// Memory kept per GPU for activations, CUDA graphs and the framework, GiB (a stated reserve,
/// not fitted: vLLM's profiling run and TensorRT-LLM's workspace take 1 to 3 GiB).
pub const ACTIVATION_RESERVE_GIB: f64 = 2.0;

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
    /// Mixture-of-experts layers (grouped expert products, routing) relative to dense ones.
    pub moe: f64,
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
    bandwidth_ampere: 0.87,
    bandwidth_ada: 0.69,
    bandwidth_hopper: 0.64,
    bandwidth_cdna: 0.64,
    compute: 0.66,
    moe: 0.92,
    tp_nvlink: 0.82,
    tp_pcie: 0.53,
    vllm: 0.77,
    sglang: 0.82,
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
    rows: 52,
    median_pct: 9.2,
    worst_pct: 28.7,
    held_out_median_pct: 9.5,
    held_out_worst_pct: 24.3,
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
    pub fn tensor_parallel(&self, link: Interconnect, gpus: u32) -> f64 {
        let per_doubling = match link {
            Interconnect::NvLink | Interconnect::Xgmi => self.tp_nvlink,
            Interconnect::Pcie => self.tp_pcie,
        };
        per_doubling.powi(gpus.max(1).ilog2() as i32)
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
