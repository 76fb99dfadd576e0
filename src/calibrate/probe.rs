//! The fields of every supported format a file's top level may hold, read in one streaming
//! pass: serde skips every other field (the per-request arrays of `--save-detailed`, GuideLLM's
//! `requests`) without keeping it, so a file of any size is read in little memory. Which fields
//! are present tells the format ([`super::read::detect`]).

use serde::Deserialize;

use super::value::{Metric, Names, Num, NumOrMetric};

/// One top-level JSON value (a whole file, or one line of a JSON-lines file).
#[derive(Debug, Default, Deserialize)]
pub struct Probe {
    // vLLM `bench serve --save-result` and SGLang `bench_serving` (same names where shared).
    pub backend: Option<String>,
    pub endpoint_type: Option<String>,
    pub label: Option<String>,
    pub model_id: Option<String>,
    pub tokenizer_id: Option<String>,
    pub num_prompts: Option<Num>,
    pub request_rate: Option<Num>,
    pub max_concurrency: Option<Num>,
    pub completed: Option<Num>,
    pub total_input_tokens: Option<Num>,
    pub total_output_tokens: Option<Num>,
    pub request_throughput: Option<NumOrMetric>,
    pub output_throughput: Option<Num>,
    pub mean_ttft_ms: Option<Num>,
    pub median_ttft_ms: Option<Num>,
    pub p99_ttft_ms: Option<Num>,
    pub mean_tpot_ms: Option<Num>,
    pub median_tpot_ms: Option<Num>,
    pub p99_tpot_ms: Option<Num>,
    /// Inter-token latency: stands in for the time per output token in files that give no
    /// `*_tpot_ms` (SGLang's `bench_serving` result line of late 2024 has only
    /// `median_itl_ms`).
    pub mean_itl_ms: Option<Num>,
    pub median_itl_ms: Option<Num>,
    pub p99_itl_ms: Option<Num>,
    /// `mean_latency_ms` in `benchmark_serving.py` before `vllm bench serve`.
    #[serde(alias = "mean_latency_ms")]
    pub mean_e2el_ms: Option<Num>,
    pub mean_e2e_latency_ms: Option<Num>,
    /// SGLang: mean requests in flight (total latency ÷ duration).
    pub concurrency: Option<Num>,
    pub dataset_name: Option<String>,
    pub random_input_len: Option<Num>,
    pub sharegpt_output_len: Option<Num>,
    pub server_info: Option<ServerInfo>,
    // `vllm bench serve --metadata KEY=VALUE` lands at the top level; these keys are read.
    pub gpu: Option<String>,
    pub gpus: Option<Num>,
    pub tensor_parallel_size: Option<Num>,
    pub precision: Option<String>,
    pub engine: Option<String>,

    // genai-perf `profile_export_genai_perf.json` and AIPerf `profile_export_aiperf.json`.
    pub time_to_first_token: Option<Metric>,
    pub inter_token_latency: Option<Metric>,
    pub output_token_throughput: Option<Metric>,
    pub request_latency: Option<Metric>,
    pub input_sequence_length: Option<Metric>,
    pub output_sequence_length: Option<Metric>,
    pub request_count: Option<Metric>,
    pub input_config: Option<InputConfig>,

    // GuideLLM `benchmarks.json`.
    pub benchmarks: Option<Vec<GuideBenchmark>>,
    pub config: Option<GuideConfig>,
    pub args: Option<GuideConfig>,
}

impl Probe {
    /// Time to first token as vLLM and SGLang write it (`mean_`, `median_`, `p99_ttft_ms`).
    pub fn ttft_ms(&self) -> super::run::Stat {
        super::run::Stat {
            mean: super::value::get(self.mean_ttft_ms),
            p50: super::value::get(self.median_ttft_ms),
            p99: super::value::get(self.p99_ttft_ms),
        }
    }

    /// Time per output token as vLLM and SGLang write it (`mean_`, `median_`, `p99_tpot_ms`);
    /// in a file with none of those, the inter-token latency (`*_itl_ms`): the same gaps
    /// between a request's tokens, averaged over tokens rather than over requests.
    pub fn tpot_ms(&self) -> super::run::Stat {
        use super::value::get;
        let tpot = super::run::Stat {
            mean: get(self.mean_tpot_ms),
            p50: get(self.median_tpot_ms),
            p99: get(self.p99_tpot_ms),
        };
        if tpot != super::run::Stat::default() {
            return tpot;
        }
        super::run::Stat {
            mean: get(self.mean_itl_ms),
            p50: get(self.median_itl_ms),
            p99: get(self.p99_itl_ms),
        }
    }
}

/// SGLang's `server_info` (the server's `/get_server_info`: its launch arguments).
#[derive(Debug, Default, Deserialize)]
pub struct ServerInfo {
    pub model_path: Option<String>,
    pub served_model_name: Option<String>,
    pub tp_size: Option<Num>,
    pub quantization: Option<String>,
    pub dtype: Option<String>,
}

/// genai-perf's flat `input_config` and AIPerf's nested one.
#[derive(Debug, Default, Deserialize)]
pub struct InputConfig {
    pub model: Option<Names>,
    pub concurrency: Option<Num>,
    pub request_rate: Option<Num>,
    pub service_kind: Option<String>,
    pub backend: Option<String>,
    pub endpoint: Option<Endpoint>,
    pub loadgen: Option<LoadGen>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Endpoint {
    pub model_names: Option<Names>,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoadGen {
    pub concurrency: Option<Num>,
    pub request_rate: Option<Num>,
}

/// GuideLLM's report `config`, a benchmark's `config` (with its `strategy`), or the older
/// `args`.
#[derive(Debug, Default, Deserialize)]
pub struct GuideConfig {
    pub model: Option<String>,
    pub backend: Option<GuideBackend>,
    pub strategy: Option<Strategy>,
}

#[derive(Debug, Default, Deserialize)]
pub struct GuideBackend {
    pub model: Option<String>,
}

/// GuideLLM's scheduling strategy: `synchronous`, `concurrent` (`streams`), `throughput`,
/// `constant` and `poisson` (`rate`).
#[derive(Debug, Default, Deserialize)]
pub struct Strategy {
    #[serde(alias = "type")]
    pub type_: Option<String>,
    pub streams: Option<Num>,
    pub rate: Option<Num>,
    pub max_concurrency: Option<Num>,
}

/// One GuideLLM benchmark: its config and summary metrics (its `requests` are skipped).
#[derive(Debug, Default, Deserialize)]
pub struct GuideBenchmark {
    pub config: Option<GuideConfig>,
    pub args: Option<GuideConfig>,
    pub metrics: Option<GuideMetrics>,
}

/// GuideLLM's `GenerativeMetrics`: each a distribution by request status.
#[derive(Debug, Default, Deserialize)]
pub struct GuideMetrics {
    pub request_totals: Option<Totals>,
    pub requests_per_second: Option<ByStatus>,
    pub request_concurrency: Option<ByStatus>,
    /// Seconds.
    pub request_latency: Option<ByStatus>,
    pub prompt_token_count: Option<ByStatus>,
    pub output_token_count: Option<ByStatus>,
    pub time_to_first_token_ms: Option<ByStatus>,
    pub inter_token_latency_ms: Option<ByStatus>,
    pub output_tokens_per_second: Option<ByStatus>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Totals {
    pub successful: Option<Num>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ByStatus {
    pub successful: Option<Distribution>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Distribution {
    pub mean: Option<Num>,
    pub median: Option<Num>,
    pub percentiles: Option<Percentiles>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Percentiles {
    pub p50: Option<Num>,
    pub p99: Option<Num>,
}
