//! `crossover throughput MODEL[@PRECISION] --gpu GPU`: one replica's estimated throughput,
//! as text or JSON. Unknown names get the three closest; every other mistake is named.

use serde_json::json;

use super::args::ListFormat;
use super::CliError;
use crate::calibrate::store::Fit;
use crate::catalog::pick::split_precision;
use crate::model::throughput::library::shipped;
use crate::model::throughput::{
    fewest_gpus, Engine, Estimate, EstimateError, LatencyTargets, Workload, GPU_COUNTS,
};

/// The command's inputs, as parsed.
pub struct Request<'a> {
    pub model: &'a str,
    pub gpu: &'a str,
    pub gpus: Option<u32>,
    pub engine: &'a str,
    pub input_tokens: f64,
    pub output_tokens: f64,
    pub ttft_ms: Option<f64>,
    pub tpot_ms: Option<f64>,
    pub format: ListFormat,
}

/// Three significant digits, grouped: `0.427`, `854`, `7,119`.
fn num(x: f64) -> String {
    if !x.is_finite() || x == 0.0 {
        return format!("{x}");
    }
    if x.abs() >= 100.0 {
        return crate::figures::num(x.round());
    }
    let digits = (2 - x.abs().log10().floor() as i32).clamp(0, 6) as usize;
    format!("{x:.digits$}")
}

fn usage(e: impl std::fmt::Display) -> CliError {
    CliError::Usage(e.to_string())
}

/// Run it: the text or JSON to print.
pub fn run(r: &Request) -> Result<String, CliError> {
    let (name, precision) = split_precision(r.model).map_err(usage)?;
    let lib = shipped();
    let model = lib.model(name).map_err(usage)?;
    let gpu = lib.gpu(r.gpu).map_err(usage)?;
    let engine = Engine::parse(r.engine).ok_or_else(|| {
        usage(format!(
            "--engine {:?} is not an engine: use vllm, sglang or tensorrt-llm",
            r.engine
        ))
    })?;
    let w = Workload {
        input_tokens: r.input_tokens,
        output_tokens: r.output_tokens,
    };
    let t = LatencyTargets {
        ttft_ms: r.ttft_ms,
        tpot_ms: r.tpot_ms,
    };
    let (arch, spec) = (&model.arch, &gpu.spec);
    // Without --gpus: the fewest of 1, 2, 4, 8 that fit (errors name what is wrong first).
    let gpus = match r.gpus {
        Some(n) => n,
        None => match fewest_gpus(arch, spec, precision, engine, &w) {
            Some(n) => n,
            None => *GPU_COUNTS.last().unwrap_or(&8),
        },
    };
    let setup = crate::calibrate::predict::Setup {
        model: arch,
        gpu: spec,
        precision,
        gpus,
        engine,
    };
    let mode = crate::calibrate::apply::Mode::Auto;
    let (e, fit) =
        crate::calibrate::apply::estimate(&setup, &w, &t, mode).map_err(|e| match e {
            EstimateError::DoesNotFit {
                needed: Some(n), ..
            } if r.gpus.is_some() => usage(format!("{e} (--gpus {n})")),
            e => usage(e),
        })?;
    let mut warnings = Vec::new();
    let tokens = r.input_tokens + r.output_tokens;
    if tokens > f64::from(arch.max_context) {
        warnings.push(format!(
            "{} input + output tokens exceed {}'s context window of {} tokens: requests this long cannot be served",
            num(tokens),
            arch.name,
            num(f64::from(arch.max_context))
        ));
    }
    if engine != Engine::TensorRtLlm && precision == crate::catalog::Precision::Fp8 {
        warnings.push(format!(
            "fp8 counts the KV cache at 1 byte per element: switch it on in {} (--kv-cache-dtype fp8)",
            engine.label()
        ));
    }
    let head = format!(
        "{} at {} on {} × {}, {}",
        arch.name,
        precision.name(),
        gpus,
        spec.name,
        engine.label()
    );
    Ok(match r.format {
        ListFormat::Json => json_text(&e, &head, r, &warnings, fit),
        ListFormat::Text => text(&e, &head, r, &warnings, fit),
    })
}

fn json_text(
    e: &Estimate,
    head: &str,
    r: &Request,
    warnings: &[String],
    fit: Option<&Fit>,
) -> String {
    let v = json!({
        "estimate": fit.is_none(),
        "calibration": crate::calibrate::store::json(fit),
        "replica": head,
        "requests_per_second": e.requests_per_second,
        "input_tokens_per_second": e.input_tokens_per_second,
        "output_tokens_per_second": e.output_tokens_per_second,
        "max_concurrency": e.max_concurrency,
        "kv_cache_concurrency": e.kv_concurrency,
        "bound": e.bound.name(),
        "time_to_first_token_ms": e.time_to_first_token_s * 1e3,
        "time_per_output_token_ms": e.time_per_output_token_s * 1e3,
        "gpus": e.gpus,
        "engine": e.engine.name(),
        "precision": e.precision.name(),
        "input_tokens": r.input_tokens,
        "output_tokens": r.output_tokens,
        "fits": true,
        "memory_gb": {
            "total": e.memory_bytes / 1e9,
            "weights": e.weight_bytes / 1e9,
            "reserve": e.reserve_bytes / 1e9,
            "kv_cache": e.kv_memory_bytes / 1e9,
            "kv_cache_per_request": e.kv_bytes_per_request / 1e9,
        },
        "warnings": warnings,
    });
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

fn text(e: &Estimate, head: &str, r: &Request, warnings: &[String], fit: Option<&Fit>) -> String {
    let source = match fit {
        Some(f) => format!(
            "{} (sha256 {}; crossover calibrate --list): the estimate's factors fitted to your runs, error median {:.1}%, worst {:.1}%",
            f.phrase(),
            f.short_hashes(),
            f.median_error_pct,
            f.worst_error_pct
        ),
        None => "ESTIMATE from the hardware and the model (calibrated to published measurements: see the README)".into(),
    };
    let mut out = format!(
        "{head}\n{source}\n{} input + {} output tokens per request\n\n",
        num(r.input_tokens),
        num(r.output_tokens)
    );
    for w in warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    if !warnings.is_empty() {
        out.push('\n');
    }
    let rows = [
        ("requests per second", num(e.requests_per_second)),
        ("input tokens per second", num(e.input_tokens_per_second)),
        ("output tokens per second", num(e.output_tokens_per_second)),
        (
            "requests at once",
            format!(
                "{} (the KV cache holds {}; {} runs up to {})",
                e.max_concurrency,
                e.kv_concurrency,
                e.engine.label(),
                e.engine_max_running
            ),
        ),
        ("bound by", e.bound.label().to_string()),
        (
            "time to first token",
            format!("{} ms", num(e.time_to_first_token_s * 1e3)),
        ),
        (
            "time per output token",
            format!("{} ms", num(e.time_per_output_token_s * 1e3)),
        ),
    ];
    for (k, v) in rows {
        out.push_str(&format!("  {k:<26} {v}\n"));
    }
    out.push_str(&format!(
        "\nMemory per replica: {} GB = weights {} + reserve {} + KV cache {} ({} GB per request)\n",
        num(e.memory_bytes / 1e9),
        num(e.weight_bytes / 1e9),
        num(e.reserve_bytes / 1e9),
        num(e.kv_memory_bytes / 1e9),
        num(e.kv_bytes_per_request / 1e9)
    ));
    out.push_str(&format!(
        "Decode step at {} at once: {} ms (reads {} ms, arithmetic {} ms); prefill {} ms per request\n",
        e.max_concurrency,
        num(e.step_s * 1e3),
        num(e.step_memory_s * 1e3),
        num(e.step_compute_s * 1e3),
        num(e.prefill_s * 1e3)
    ));
    out
}
