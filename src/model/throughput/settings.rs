//! The scenario's throughput settings (`self_host.throughput`, `precision`, `engine`, `ttft_ms`,
//! `tpot_ms`, `throughput_factor`): whether prefill and decode are given or estimated, and
//! what the estimate needs beyond the model and GPU labels.

use super::arch::Precision;
use super::engine::{Engine, KvCache};
use super::parallel::Parallelism;

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
    pub const ALL: [Source; 2] = [Source::Given, Source::Estimate];
    /// The names of [`Source::ALL`], in order.
    pub const NAMES: [&'static str; 2] = ["given", "estimate"];

    pub fn name(self) -> &'static str {
        Source::NAMES[self as usize]
    }

    pub fn parse(s: &str) -> Option<Source> {
        let s = s.trim();
        Source::ALL.into_iter().find(|x| x.name() == s)
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
    /// How a replica of several GPUs splits the model (`self_host.parallelism`): `tensor`
    /// (the default) or `expert`.
    pub parallelism: Parallelism,
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
            parallelism: Parallelism::Tensor,
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
        "self_host.throughput" => Some(&Source::NAMES),
        "self_host.precision" => Some(&Precision::NAMES),
        "self_host.engine" => Some(&Engine::NAMES),
        "self_host.kv_cache_precision" => Some(&KvCache::NAMES),
        "self_host.parallelism" => Some(&Parallelism::NAMES),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each choice key's names are declared once, beside its enum: every variant is in `ALL`
    /// at its own position, its name is `NAMES` at that position, the name parses back, and
    /// the key table offers exactly those names.
    #[test]
    fn names_are_declared_once_and_parse_back() {
        fn tie<T: Copy + PartialEq + std::fmt::Debug>(
            key: &str,
            all: &[T],
            names: &[&str],
            index: impl Fn(T) -> usize,
            name: impl Fn(T) -> &'static str,
            parse: impl Fn(&str) -> Option<T>,
        ) {
            assert_eq!(all.len(), names.len(), "{key}");
            for (i, &v) in all.iter().enumerate() {
                assert_eq!(index(v), i, "{key}: {v:?} out of order");
                assert_eq!(name(v), names[i], "{key}");
                assert_eq!(parse(names[i]), Some(v), "{key}");
            }
            assert!(crate::model::fields::field(key).is_some(), "{key}");
            let offered = crate::model::fields::choices(key);
            assert_eq!(offered, Some(names), "{key}");
        }
        tie(
            "self_host.throughput",
            &Source::ALL,
            &Source::NAMES,
            |v| v as usize,
            Source::name,
            Source::parse,
        );
        tie(
            "self_host.precision",
            &Precision::ALL,
            &Precision::NAMES,
            |v| v as usize,
            Precision::name,
            Precision::parse,
        );
        tie(
            "self_host.engine",
            &Engine::ALL,
            &Engine::NAMES,
            |v| v as usize,
            Engine::name,
            Engine::parse,
        );
        tie(
            "self_host.kv_cache_precision",
            &KvCache::ALL,
            &KvCache::NAMES,
            |v| v as usize,
            KvCache::name,
            KvCache::parse,
        );
        tie(
            "self_host.parallelism",
            &Parallelism::ALL,
            &Parallelism::NAMES,
            |v| v as usize,
            Parallelism::name,
            Parallelism::parse,
        );
        use crate::model::billing::{Mode, Offering, ScaleUps};
        tie(
            "self_host.scale_ups",
            &ScaleUps::ALL,
            &ScaleUps::NAMES,
            |v| v as usize,
            ScaleUps::name,
            ScaleUps::parse,
        );
        tie(
            "self_host.billing",
            &Mode::ALL,
            &Mode::NAMES,
            |v| v as usize,
            Mode::name,
            Mode::parse,
        );
        tie(
            "self_host.offering",
            &Offering::ALL,
            &Offering::NAMES,
            |v| v as usize,
            Offering::name,
            Offering::parse,
        );
    }
}
