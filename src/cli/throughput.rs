//! `crossover throughput MODEL[@PRECISION] --gpu GPU`: one replica's estimated throughput,
//! as text or JSON. Unknown names get the three closest; every other mistake is named.

use serde_json::json;

use super::args::ListFormat;
use super::CliError;
use crate::calibrate::store::Fit;
use crate::catalog::pick::split_precision;
use crate::model::throughput::load::{at_concurrency, Loaded};
use crate::model::throughput::{
    fewest_gpus, Engine, Estimate, EstimateError, KvCache, LatencyTargets, Parallelism, Workload,
    GPU_COUNTS,
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
    pub concurrency: Option<u32>,
    pub kv_cache_precision: &'a str,
    /// `tensor` or `expert`.
    pub parallelism: &'a str,
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
    let lib = crate::catalog::library();
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
    let kv = KvCache::parse(r.kv_cache_precision).ok_or_else(|| {
        usage(format!(
            "--kv-cache-precision {:?} is not a KV cache precision: use auto, bf16 or fp8",
            r.kv_cache_precision
        ))
    })?;
    let parallelism = Parallelism::parse(r.parallelism).ok_or_else(|| {
        usage(format!(
            "--parallelism {:?} is not a parallelism: use tensor or expert",
            r.parallelism
        ))
    })?;
    if r.concurrency == Some(0) {
        return Err(usage(
            "--concurrency must be a whole number of requests from 1 to 4,294,967,295, not 0",
        ));
    }
    let setup = crate::calibrate::predict::Setup {
        model: arch,
        gpu: spec,
        precision,
        kv,
        gpus,
        engine,
        parallelism,
    };
    let mode = crate::calibrate::apply::Mode::Auto;
    let (e, fit) =
        crate::calibrate::apply::estimate(&setup, &w, &t, mode).map_err(|e| match e {
            EstimateError::DoesNotFit {
                needed: Some(n), ..
            } if r.gpus.is_some() => usage(format!("{e} (--gpus {n})")),
            e => usage(e),
        })?;
    let loaded = match r.concurrency {
        Some(n) => {
            let eff = crate::calibrate::apply::constants(fit, &setup);
            Some(at_concurrency(&eff, arch, spec, &setup.config(), &w, n).map_err(usage)?)
        }
        None => None,
    };
    let mut warnings = warnings(r, &setup, &e, loaded.as_ref(), &t);
    let mut notes = outside_the_data(r, &setup, &mut warnings);
    notes.extend(loaded.is_none().then(|| floor_note(&e)));
    let mut head = format!(
        "{} at {} on {} × {}, {}",
        arch.name,
        precision.name(),
        gpus,
        spec.name,
        engine.label()
    );
    if gpus > crate::model::throughput::parallel::GPUS_PER_NODE {
        head.push_str(", two nodes");
    }
    if parallelism == Parallelism::Expert {
        head.push_str(", expert parallel");
    }
    let out = Out {
        e: &e,
        loaded: loaded.as_ref(),
        head: &head,
        warnings: &warnings,
        notes: &notes,
        fit,
    };
    Ok(match r.format {
        ListFormat::Json => json_text(&out, r),
        ListFormat::Text => text(&out, r),
    })
}

/// At saturation: the first token is a floor, with the rate past which it has none.
fn floor_note(e: &Estimate) -> String {
    format!(
        "the first token at saturation ({} ms) is a floor: it counts the wait behind the batch's own prefills, and traffic at or past the replica's {} requests/s queues without bound (the cost model adds replicas before that)",
        num(e.time_to_first_token_s * 1e3),
        num(e.requests_per_second)
    )
}

/// What the command prints, before formatting.
struct Out<'a> {
    e: &'a Estimate,
    loaded: Option<&'a Loaded>,
    head: &'a str,
    warnings: &'a [String],
    /// Findings worth knowing that are not warnings (outside the calibrated regimes, with an
    /// error band of at most 25%).
    notes: &'a [String],
    fit: Option<&'a Fit>,
}

/// The finding for a replica outside the calibrated regimes: a warning past 25%, else a note.
fn outside_the_data(
    r: &Request,
    setup: &crate::calibrate::predict::Setup,
    warnings: &mut Vec<String>,
) -> Vec<String> {
    use crate::model::throughput::regimes::{finding, regimes};
    let regimes = regimes(
        setup.model,
        setup.gpu,
        setup.precision,
        setup.gpus,
        r.input_tokens,
        r.concurrency,
    );
    match finding(&regimes) {
        Some((text, true)) => {
            warnings.push(text);
            Vec::new()
        }
        Some((text, false)) => vec![text],
        None => Vec::new(),
    }
}

fn warnings(
    r: &Request,
    setup: &crate::calibrate::predict::Setup,
    e: &Estimate,
    loaded: Option<&Loaded>,
    t: &LatencyTargets,
) -> Vec<String> {
    let (arch, gpu) = (setup.model, setup.gpu);
    let mut warnings = Vec::new();
    let tokens = r.input_tokens + r.output_tokens;
    warnings.extend(
        crate::model::throughput::checks::context_over(arch, tokens).map(|c| {
            crate::wording::checks::check_refused(&c, "requests this long cannot be served")
        }),
    );
    if let Some(why) = e.missed_target(t) {
        warnings.push(format!(
            "{why}: the figures are that best, not a batch that meets the target"
        ));
    }
    if !gpu.native(setup.precision) && setup.precision != crate::catalog::Precision::Int4 {
        warnings.push(format!(
            "{} has no {} tensor cores: {} weights run dequantised to bf16 in the kernel ({}), at the dequantising kernels' efficiency",
            gpu.name,
            setup.precision.name(),
            setup.precision.name(),
            if setup.precision == crate::catalog::Precision::Fp8 { "W8A16" } else { "W4A16" }
        ));
    }
    if setup.kv == KvCache::Fp8 && setup.engine != Engine::TensorRtLlm {
        warnings.push(format!(
            "an fp8 KV cache counts 1 byte per element: switch it on in {} (--kv-cache-dtype fp8)",
            setup.engine.label()
        ));
    }
    if let Some(l) = loaded.filter(|l| l.queued > 0) {
        warnings.push(format!(
            "{} requests in flight is more than the replica runs at once ({}): {} wait for a slot, and their first token waits with them",
            l.concurrency, l.decoding, l.queued
        ));
    }
    warnings
}

fn json_text(o: &Out, r: &Request) -> String {
    let e = o.e;
    let at = o.loaded.map_or(e, |l| &l.estimate);
    let (rps, tpot, ttft) = match o.loaded {
        Some(l) => (
            l.requests_per_second,
            l.time_per_output_token_s,
            l.time_to_first_token_s,
        ),
        None => (
            e.requests_per_second,
            e.time_per_output_token_s,
            e.time_to_first_token_s,
        ),
    };
    let v = json!({
        "estimate": o.fit.is_none(),
        "calibration": crate::calibrate::store::json(o.fit),
        "replica": o.head,
        "load": if o.loaded.is_some() { "concurrency" } else { "saturation" },
        "concurrency": o.loaded.map_or(e.max_concurrency, |l| l.concurrency),
        "queued": o.loaded.map_or(0, |l| l.queued),
        "requests_per_second": rps,
        "input_tokens_per_second": rps * r.input_tokens,
        "output_tokens_per_second": rps * r.output_tokens,
        "max_concurrency": at.max_concurrency,
        "kv_cache_concurrency": e.kv_concurrency,
        "bound": e.bound.name(),
        "fits_target": e.fits_target,
        "time_to_first_token_ms": ttft * 1e3,
        "time_per_output_token_ms": tpot * 1e3,
        "decode_step_ms": at.step_s * 1e3,
        "decode_step_parts_ms": {
            "memory": at.step_memory_s * 1e3,
            "arithmetic": at.step_compute_s * 1e3,
            "all_reduce": at.step_allreduce_s * 1e3,
            "fixed": at.step_fixed_s * 1e3,
        },
        "time_to_first_token_parts_ms": {
            "overhead": at.overhead_s * 1e3,
            "prefill_queue": at.prefill_queue_s * 1e3,
            "prefill": at.prefill_s * 1e3,
            "slot_wait": o.loaded.map_or(0.0, |l| (l.time_to_first_token_s - at.time_to_first_token_s) * 1e3),
        },
        "per_phase_rates": {
            "what": "per replica at saturation, the rates the cost model uses: seconds per request = input / prefill + output / decode",
            "prefill_tokens_per_second": e.prefill_tokens_per_second(r.input_tokens),
            "decode_tokens_per_second": e.decode_tokens_per_second(r.output_tokens),
        },
        "gpus": e.gpus,
        "engine": e.engine.name(),
        "parallelism": r.parallelism.trim().to_ascii_lowercase(),
        "precision": e.precision.name(),
        "kv_cache_bytes_per_element": e.kv_bytes_per_element,
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
        "warnings": o.warnings,
        "notes": o.notes,
    });
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

fn source(fit: Option<&Fit>) -> String {
    match fit {
        Some(f) => format!(
            "{} (sha256 {}; crossover calibrate --list): the estimate's factors fitted to your runs, error median {:.1}%, worst {:.1}%",
            f.phrase(),
            f.short_hashes(),
            f.median_error_pct,
            f.worst_error_pct
        ),
        None => "ESTIMATE from the hardware and the model (calibrated to published measurements: see the README)".into(),
    }
}

fn text(o: &Out, r: &Request) -> String {
    let e = o.e;
    let mut out = format!(
        "{}\n{}\n{} input + {} output tokens per request\n\n",
        o.head,
        source(o.fit),
        num(r.input_tokens),
        num(r.output_tokens)
    );
    for w in o.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    for n in o.notes {
        out.push_str(&format!("note: {n}\n"));
    }
    if !o.warnings.is_empty() || !o.notes.is_empty() {
        out.push('\n');
    }
    let ms = |s: f64| format!("{} ms", num(s * 1e3));
    let mut rows = match o.loaded {
        Some(l) => vec![
            (
                "requests in flight".to_string(),
                format!(
                    "{} ({} decoding at once, {} waiting; the KV cache holds {}; {} runs up to {})",
                    l.concurrency,
                    l.decoding,
                    l.queued,
                    e.kv_concurrency,
                    e.engine.label(),
                    e.engine_max_running
                ),
            ),
            ("requests per second".into(), num(l.requests_per_second)),
            (
                "input tokens per second".into(),
                num(l.input_tokens_per_second),
            ),
            (
                "output tokens per second".into(),
                num(l.output_tokens_per_second),
            ),
            ("time to first token".into(), ms(l.time_to_first_token_s)),
            (
                "time per output token".into(),
                ms(l.time_per_output_token_s),
            ),
            ("decode step".into(), ms(l.estimate.step_s)),
        ],
        None => vec![
            ("requests per second".into(), num(e.requests_per_second)),
            (
                "input tokens per second".into(),
                num(e.input_tokens_per_second),
            ),
            (
                "output tokens per second".into(),
                num(e.output_tokens_per_second),
            ),
            (
                "requests at once".into(),
                format!(
                    "{} (the KV cache holds {}; {} runs up to {})",
                    e.max_concurrency,
                    e.kv_concurrency,
                    e.engine.label(),
                    e.engine_max_running
                ),
            ),
            ("bound by".into(), e.bound.label().to_string()),
            ("time to first token".into(), ms(e.time_to_first_token_s)),
            (
                "time per output token".into(),
                ms(e.time_per_output_token_s),
            ),
        ],
    };
    rows.push((
        "per-phase rates".into(),
        format!(
            "prefill {} and decode {} tokens/s at saturation (the cost model's)",
            num(e.prefill_tokens_per_second(r.input_tokens)),
            num(e.decode_tokens_per_second(r.output_tokens))
        ),
    ));
    for (k, v) in rows {
        out.push_str(&format!("  {k:<26} {v}\n"));
    }
    out.push_str(&details(
        o.loaded.map_or(e, |l| &l.estimate),
        o.fit.is_some(),
    ));
    out
}

fn details(e: &Estimate, calibrated: bool) -> String {
    let mut out = format!(
        "\nMemory per replica: {} GB = weights {} + reserve {} + KV cache {} ({} GB per request, {} byte{} an element)\n",
        num(e.memory_bytes / 1e9),
        num(e.weight_bytes / 1e9),
        num(e.reserve_bytes / 1e9),
        num(e.kv_memory_bytes / 1e9),
        num(e.kv_bytes_per_request / 1e9),
        e.kv_bytes_per_element,
        if e.kv_bytes_per_element == 1.0 { "" } else { "s" }
    );
    out.push_str(&format!(
        "Decode step at {} at once: {} ms (reads {} ms, arithmetic {} ms, all-reduce {} ms{}); prefill {} ms per request\n",
        e.max_concurrency,
        num(e.step_s * 1e3),
        num(e.step_memory_s * 1e3),
        num(e.step_compute_s * 1e3),
        num(e.step_allreduce_s * 1e3),
        match (e.step_fixed_s > 0.0, calibrated) {
            (true, true) => format!(", fixed {} ms from the calibration", num(e.step_fixed_s * 1e3)),
            (true, false) => format!(", fixed {} ms: kernel launches and synchronisation", num(e.step_fixed_s * 1e3)),
            (false, _) => String::new(),
        },
        num(e.prefill_s * 1e3)
    ));
    out.push_str(&format!(
        "First token: overhead {} ms + wait behind other prefills {} ms + prefill {} ms + a decode step per prefill chunk\n",
        num(e.overhead_s * 1e3),
        num(e.prefill_queue_s * 1e3),
        num(e.prefill_s * 1e3),
    ));
    out
}
