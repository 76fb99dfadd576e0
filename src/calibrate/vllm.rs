//! vLLM's `vllm bench serve --save-result` JSON (one object; `--append-result` adds one per
//! line; `--save-detailed` adds per-request arrays, which are skipped). Field names as
//! `vllm/benchmarks/serve.py` writes them (vllm-project/vllm, read 2026-12 at commit
//! 009e6d4a1cd6ba3fb2a9fc00f4ec06f5297232a1): `date`, `backend`, `model_id`, `num_prompts`,
//! `request_rate` (`"inf"` when unbounded), `max_concurrency`, `completed`,
//! `total_input_tokens`, `total_output_tokens`, `request_throughput`, `output_throughput`,
//! `mean_ttft_ms`, `median_ttft_ms`, `p99_ttft_ms`, the same for `tpot` and `mean_e2el_ms`;
//! `--metadata KEY=VALUE` pairs land at the top level (`gpu`, `gpus`,
//! `tensor_parallel_size`, `precision`, `engine` are read).

use super::probe::Probe;
use super::run::{Load, Run, Served};
use super::value::{get, NumOrMetric};

/// The engine a `--backend` value names, when it names a server rather than an API shape
/// (`openai`, `openai-chat`: any server).
pub fn server_of(backend: &str) -> Option<String> {
    let b = backend.trim().to_ascii_lowercase();
    let name = match b.as_str() {
        "vllm" | "vllm-chat" => "vllm",
        "sglang" | "sglang-native" | "sglang-oai" | "sglang-oai-chat" => "sglang",
        "tensorrt-llm" | "trt" | "trt-llm" | "trtllm" => "tensorrt-llm",
        "lmdeploy" | "lmdeploy-chat" | "tgi" | "deepspeed-mii" | "scalellm" => b.as_str(),
        _ => return None,
    };
    Some(name.to_string())
}

/// The load of a vLLM or SGLang run: a finite rate, else a concurrency cap, else a burst.
pub fn load_of(p: &Probe) -> Load {
    match (get(p.request_rate), get(p.max_concurrency)) {
        (Some(r), _) if r.is_finite() => Load::Rate(r),
        (_, Some(c)) => Load::Concurrency(c),
        _ => Load::Burst,
    }
}

/// Requests/s when written as a plain number.
pub fn plain_rps(p: &Probe) -> Option<f64> {
    match &p.request_throughput {
        Some(NumOrMetric::Num(n)) => Some(n.0),
        Some(NumOrMetric::Metric(m)) => get(m.avg),
        None => None,
    }
}

/// Mean tokens per request from a total and the completed count.
pub fn per_request(total: Option<f64>, completed: Option<f64>) -> Result<f64, String> {
    match (total, completed) {
        (Some(t), Some(c)) if c > 0.0 => Ok(t / c),
        (Some(_), Some(c)) => Err(format!(
            "no completed requests ({}): nothing to fit",
            crate::model::fields::plain(c)
        )),
        _ => Err("no token totals (total_input_tokens, total_output_tokens, completed)".into()),
    }
}

/// One run of a vLLM result.
pub fn run(p: &Probe, file: &str, index: usize) -> Result<Run, String> {
    let completed = get(p.completed);
    let output_tps = get(p.output_throughput).ok_or("no output_throughput")?;
    let load = load_of(p);
    let engine = p
        .engine
        .clone()
        .or_else(|| p.backend.as_deref().and_then(server_of))
        .or_else(|| p.endpoint_type.as_deref().and_then(server_of));
    let gpus = get(p.gpus).or(get(p.tensor_parallel_size));
    let mut run = Run {
        file: file.to_string(),
        label: String::new(),
        served: Served {
            model: p.model_id.clone(),
            engine,
            gpu: p.gpu.clone(),
            gpus: gpus.filter(|g| *g >= 1.0 && *g <= 64.0).map(|g| g as u32),
            precision: p.precision.clone(),
        },
        load,
        completed,
        input_tokens: per_request(get(p.total_input_tokens), completed)?,
        output_tokens: per_request(get(p.total_output_tokens), completed)?,
        output_tokens_per_second: output_tps,
        requests_per_second: plain_rps(p),
        e2e_ms: get(p.mean_e2el_ms),
        mean_concurrency: None,
        ttft_ms: p.ttft_ms(),
        tpot_ms: p.tpot_ms(),
    };
    run.label = format!("run {} ({})", index + 1, run.load_text());
    Ok(run)
}
