//! The scenario's throughput settings (`self_host.throughput`, `precision`, `engine`, `ttft_ms`,
//! `tpot_ms`, `throughput_factor`): whether prefill and decode are given or estimated, and
//! what the estimate needs beyond the model and GPU labels.

use super::arch::Precision;
use super::engine::{Engine, KvCache};

/// Where the replica's prefill and decode throughput come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// Typed in (`self_host.prefill_tokens_per_second` and `decode_tokens_per_second`).
    #[default]
    Given,
    /// Computed by the estimator from the model, the GPU and the token sizes.
    Estimate,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Given => "given",
            Source::Estimate => "estimate",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        match s.trim() {
            "given" => Some(Source::Given),
            "estimate" => Some(Source::Estimate),
            _ => None,
        }
    }
}

/// The settings as a scenario holds them. The defaults leave every existing scenario's numbers
/// unchanged: throughput is `given`, and the factor is 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub source: Source,
    pub precision: Precision,
    /// The KV cache's precision (`self_host.kv_cache_precision`): `auto` (the engine's default:
    /// bf16 in vLLM and SGLang, the checkpoint's in TensorRT-LLM), `bf16` or `fp8`.
    pub kv: KvCache,
    pub engine: Engine,
    /// Time-to-first-token target, ms; 0 = none.
    pub ttft_ms: f64,
    /// Time-per-output-token target, ms; 0 = none.
    pub tpot_ms: f64,
    /// Multiplies the replica's throughput (given or estimated): the estimate's own
    /// uncertainty, swung by the tornado and drawn by the Monte Carlo.
    pub factor: f64,
    /// Whether the estimate uses a fit of this configuration to the user's own benchmark runs
    /// (`crossover calibrate`): `auto` (the default) or `none`. Given rates never change.
    pub calibration: crate::calibrate::apply::Mode,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            source: Source::Given,
            precision: Precision::Bf16,
            kv: KvCache::Auto,
            engine: Engine::Vllm,
            ttft_ms: 0.0,
            tpot_ms: 0.0,
            factor: 1.0,
            calibration: crate::calibrate::apply::Mode::Auto,
        }
    }
}

/// The values a text key accepts, for the key table's check and its error message.
pub fn allowed(key: &str) -> Option<&'static [&'static str]> {
    match key {
        "self_host.throughput" => Some(&["given", "estimate"]),
        "self_host.precision" => Some(&["bf16", "fp8", "int4", "fp4"]),
        "self_host.engine" => Some(&["vllm", "sglang", "tensorrt-llm"]),
        "self_host.kv_cache_precision" => Some(&["auto", "bf16", "fp8"]),
        _ => None,
    }
}
