//! SGLang's `python -m sglang.bench_serving` results: one JSON object per line, appended per
//! run. Field names as `python/sglang/bench_serving.py` writes them (sgl-project/sglang, read
//! 2026-12 at commit 0033168f0f58b2bc05aa0273bd475d9c01bafb1c): `backend`, `dataset_name`,
//! `request_rate` (Python's bare `Infinity` by default), `max_concurrency`,
//! `random_input_len`, `server_info` (the server's launch arguments: `model_path`,
//! `tp_size`, `quantization`, `dtype`), `completed`, `total_input_tokens`,
//! `total_output_tokens`, `request_throughput`, `output_throughput`,
//! `mean_e2e_latency_ms`, `mean_ttft_ms`, `median_ttft_ms`, `p99_ttft_ms`, the same for
//! `tpot`, and `concurrency` (mean requests in flight). The file names no model when the
//! server did not answer `/get_server_info`: then `--model` gives it.

use super::probe::Probe;
use super::run::{Run, Served};
use super::value::get;
use super::vllm::{load_of, per_request, plain_rps, server_of};

/// The weight precision SGLang's `quantization` or `dtype` names.
fn precision(p: &Probe) -> Option<String> {
    let info = p.server_info.as_ref()?;
    info.quantization
        .clone()
        .filter(|q| !q.is_empty())
        .or_else(|| info.dtype.clone().filter(|d| d != "auto"))
}

/// One line of an SGLang result.
pub fn run(p: &Probe, file: &str, index: usize) -> Result<Run, String> {
    let completed = get(p.completed);
    let info = p.server_info.as_ref();
    let model = info
        .and_then(|i| i.model_path.clone().or_else(|| i.served_model_name.clone()))
        .or_else(|| p.model_id.clone());
    let gpus = info.and_then(|i| get(i.tp_size));
    let mut run = Run {
        file: file.to_string(),
        label: String::new(),
        served: Served {
            model,
            engine: p.backend.as_deref().and_then(server_of),
            gpu: p.gpu.clone(),
            gpus: gpus.filter(|g| *g >= 1.0 && *g <= 64.0).map(|g| g as u32),
            precision: precision(p),
        },
        load: load_of(p),
        completed,
        input_tokens: per_request(get(p.total_input_tokens), completed)?,
        output_tokens: per_request(get(p.total_output_tokens), completed)?,
        output_tokens_per_second: get(p.output_throughput).ok_or("no output_throughput")?,
        requests_per_second: plain_rps(p),
        e2e_ms: get(p.mean_e2e_latency_ms).or(get(p.mean_e2el_ms)),
        mean_concurrency: get(p.concurrency),
        ttft_ms: p.ttft_ms(),
        tpot_ms: p.tpot_ms(),
    };
    run.label = format!("run {} ({})", index + 1, run.load_text());
    Ok(run)
}
