//! GuideLLM's `benchmarks.json` (`guidellm benchmark --output-path`): a report with one entry
//! per strategy run. Names as vllm-project/guidellm writes them (read 2026-12 at commit
//! ee7a77457ba668b4b5ccb40f110518829893b36a: `src/guidellm/benchmark/schemas/report.py`,
//! `benchmark.py`, `base.py`, `metrics.py`, `src/guidellm/schemas/statistics.py`,
//! `src/guidellm/scheduler/strategies.py`): `benchmarks[].config.strategy` (`type_`:
//! synchronous, concurrent with `streams`, throughput, constant and poisson with `rate`),
//! `benchmarks[].metrics` with `request_totals.successful`, and distributions by status
//! (`successful.mean`, `.median`, `.percentiles.p99`) of `requests_per_second`,
//! `request_concurrency`, `request_latency` (seconds), `prompt_token_count`,
//! `output_token_count`, `time_to_first_token_ms`, `inter_token_latency_ms` and
//! `output_tokens_per_second`; the model under `config.backend.model` (or the older `args`).
//! The per-request records (`requests`) are skipped as the file streams past.

use super::probe::{ByStatus, GuideBenchmark, GuideConfig, Probe};
use super::run::{Load, Run, Served, Stat};
use super::value::get;

fn mean(m: &Option<ByStatus>) -> Option<f64> {
    m.as_ref()?.successful.as_ref().and_then(|d| get(d.mean))
}

fn stat(m: &Option<ByStatus>) -> Stat {
    let Some(d) = m.as_ref().and_then(|m| m.successful.as_ref()) else {
        return Stat::default();
    };
    let pct = d.percentiles.as_ref();
    Stat {
        mean: get(d.mean),
        p50: get(d.median).or(pct.and_then(|p| get(p.p50))),
        p99: pct.and_then(|p| get(p.p99)),
    }
}

fn model_of(c: Option<&GuideConfig>) -> Option<String> {
    let c = c?;
    c.model
        .clone()
        .or_else(|| c.backend.as_ref().and_then(|b| b.model.clone()))
}

fn load_of(b: &GuideBenchmark) -> Load {
    let strategy = b
        .config
        .as_ref()
        .and_then(|c| c.strategy.as_ref())
        .or(b.args.as_ref().and_then(|a| a.strategy.as_ref()));
    let Some(s) = strategy else {
        return Load::Burst;
    };
    match s.type_.as_deref().unwrap_or("") {
        "synchronous" => Load::Concurrency(1.0),
        "concurrent" => Load::Concurrency(get(s.streams).unwrap_or(f64::NAN)),
        "constant" | "poisson" => Load::Rate(get(s.rate).unwrap_or(f64::NAN)),
        _ => match get(s.max_concurrency) {
            Some(c) => Load::Concurrency(c),
            None => Load::Burst,
        },
    }
}

/// Every benchmark of a GuideLLM report, each a run.
pub fn runs(p: &Probe, file: &str) -> Vec<Result<Run, String>> {
    let report_model = model_of(p.config.as_ref()).or_else(|| model_of(p.args.as_ref()));
    let Some(benchmarks) = &p.benchmarks else {
        return Vec::new();
    };
    benchmarks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let m = b.metrics.as_ref().ok_or("no metrics")?;
            let model = model_of(b.config.as_ref())
                .or_else(|| model_of(b.args.as_ref()))
                .or_else(|| report_model.clone());
            let mut run = Run {
                file: file.to_string(),
                label: String::new(),
                served: Served {
                    model,
                    ..Served::default()
                },
                load: load_of(b),
                completed: m.request_totals.as_ref().and_then(|t| get(t.successful)),
                input_tokens: mean(&m.prompt_token_count).ok_or("no prompt_token_count")?,
                output_tokens: mean(&m.output_token_count).ok_or("no output_token_count")?,
                output_tokens_per_second: mean(&m.output_tokens_per_second)
                    .ok_or("no output_tokens_per_second")?,
                requests_per_second: mean(&m.requests_per_second),
                e2e_ms: mean(&m.request_latency).map(|s| s * 1e3),
                mean_concurrency: mean(&m.request_concurrency),
                ttft_ms: stat(&m.time_to_first_token_ms),
                tpot_ms: stat(&m.inter_token_latency_ms),
            };
            run.label = format!("benchmark {} ({})", i + 1, run.load_text());
            Ok(run)
        })
        .collect()
}
