//! What a planner should know about a scenario's throughput, as sentences for the report, the
//! JSON `warnings` array, the dashboard and the exports: that an estimate is one (and what
//! binds it), a given figure above the physical ceiling, a model that does not fit its
//! replica, and requests longer than a model's context window.

use super::ceiling::ceiling;
use super::looked::{gpu_entry, model_entry};
use super::replica::{estimate_for, workload};
use super::settings::Source;
use crate::model::scenario::Scenario;

/// The sentences, and whether each option can serve requests this long.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checks {
    pub warnings: Vec<String>,
    /// Input + output fit the API model's context window (true when unknown).
    pub api_feasible: bool,
    /// Input + output fit the local model's context window (true when unknown).
    pub self_host_feasible: bool,
}

/// How the sentence saying the throughput is an estimate starts.
const ESTIMATE_STATEMENT: &str = "self-hosting throughput is an ESTIMATE";

/// How the sentence saying the throughput is calibrated from the user's runs starts.
const CALIBRATED_STATEMENT: &str = "self-hosting throughput is calibrated from your measurements";

/// Is `warning` the sentence saying the throughput is an estimate, or calibrated from the
/// user's runs (not a problem to act on)?
pub fn is_estimate_statement(warning: &str) -> bool {
    warning.starts_with(ESTIMATE_STATEMENT) || warning.starts_with(CALIBRATED_STATEMENT)
}

/// How the statement opens: an estimate, or the fit it is calibrated from (date, runs and
/// files' hashes, so a colleague can tell why their figures differ).
fn statement_head(sc: &Scenario) -> String {
    match super::replica::calibration_for(sc) {
        Some(f) => format!(
            "self-hosting throughput is {} (sha256 {}; crossover calibrate --list)",
            f.phrase(),
            f.short_hashes()
        ),
        None => ESTIMATE_STATEMENT.to_string(),
    }
}

fn grouped(x: f64) -> String {
    crate::figures::num(if x >= 100.0 { x.round() } else { x })
}

/// The sentence when `tokens` (input + output) pass `model`'s native context: beyond what its
/// published extension (YaRN) serves too, `refused` says so; within it, that the engine must be
/// started with that extension. `None` within the native context.
pub(crate) fn context_over(
    model: &super::arch::ModelArch,
    tokens: f64,
    refused: &str,
) -> Option<String> {
    let native = f64::from(model.max_context);
    if tokens <= native {
        return None;
    }
    Some(match model.extended_context.map(f64::from) {
        Some(ext) if tokens <= ext => format!(
            "{} input + output tokens exceed {}'s native context of {} tokens: it serves up to {} with YaRN rope scaling, which the engine must be started with (static YaRN can lower the quality of short requests)",
            grouped(tokens),
            model.name,
            grouped(native),
            grouped(ext)
        ),
        Some(ext) => format!(
            "{} input + output tokens exceed {}'s context window of {} tokens with YaRN ({} native): {refused}",
            grouped(tokens),
            model.name,
            grouped(ext),
            grouped(native)
        ),
        None => format!(
            "{} input + output tokens exceed {}'s context window of {} tokens: {refused}",
            grouped(tokens),
            model.name,
            grouped(native)
        ),
    })
}

/// The checks for `sc`. `api_context_window` is the API model's, from the catalog, if known.
pub(crate) fn checks(sc: &Scenario, api_context_window: Option<u64>) -> Checks {
    let mut warnings = Vec::new();
    let sh = &sc.self_host;
    let tokens = sc.workload.input_tokens + sc.workload.output_tokens;
    let model = model_entry(sc).ok();
    let gpu = gpu_entry(sc).ok();

    let mut self_host_feasible = true;
    if let Some(m) = model {
        if let Some(text) = context_over(&m.arch, tokens, "it cannot serve these requests") {
            self_host_feasible = tokens <= f64::from(m.arch.served_context());
            warnings.push(text);
        }
    }
    let mut api_feasible = true;
    if let Some(window) = api_context_window {
        if tokens > window as f64 {
            api_feasible = false;
            warnings.push(format!(
                "{} input + output tokens exceed {}'s context window of {} tokens: it cannot serve these requests",
                grouped(tokens),
                sc.api.model,
                grouped(window as f64)
            ));
        }
    }

    match sh.estimate.source {
        Source::Estimate => match estimate_for(sc) {
            Ok(e) => {
                let w = workload(sc);
                warnings.push(format!(
                    "{} ({}, {} on {} × {}): {} prefill / {} decode tok/s per replica, bound by {}, {} requests at once{}",
                    statement_head(sc),
                    e.engine.label(),
                    e.precision.name(),
                    e.gpus,
                    gpu.map_or(sh.gpu.as_str(), |g| g.spec.name.as_str()),
                    grouped(e.prefill_tokens_per_second(w.input_tokens)),
                    grouped(e.decode_tokens_per_second(w.output_tokens)),
                    e.bound.label(),
                    e.max_concurrency,
                    if sh.estimate.factor != 1.0 {
                        format!(", × {} (self_host.throughput_factor)", sh.estimate.factor)
                    } else {
                        String::new()
                    }
                ));
                // The published table's regimes say how far the shipped constants may be off;
                // a fit of the user's own runs replaces them, with its own errors.
                let calibrated = super::replica::calibration_for(sc).is_some();
                if let (Some(m), Some(g), false) = (model, gpu, calibrated) {
                    let regimes = super::regimes::regimes(
                        &m.arch,
                        &g.spec,
                        e.precision,
                        e.gpus,
                        w.input_tokens,
                        None,
                    );
                    if let Some((text, warn)) = super::regimes::finding(&regimes) {
                        warnings.push(if warn { text } else { format!("note: {text}") });
                    }
                }
            }
            Err(e) => warnings.push(format!(
                "no throughput estimate ({e}): the given {} prefill / {} decode tok/s are used",
                grouped(sh.prefill_tokens_per_second),
                grouped(sh.decode_tokens_per_second)
            )),
        },
        Source::Given => {
            if let (Some(m), Some(g)) = (model, gpu) {
                plausibility(sc, &m.arch, &g.spec, &mut warnings);
            }
            against_calibration(sc, &mut warnings);
        }
    }
    Checks {
        warnings,
        api_feasible,
        self_host_feasible,
    }
}

/// Given figures against the physical ceilings, and the model against the replica's memory.
fn plausibility(
    sc: &Scenario,
    arch: &super::ModelArch,
    gpu: &super::GpuSpec,
    warnings: &mut Vec<String>,
) {
    let sh = &sc.self_host;
    let p = sh.estimate.precision;
    let w = workload(sc);
    let replica = format!(
        "{} at {} on {} × {}",
        arch.name,
        p.name(),
        sh.gpus_per_replica,
        gpu.name
    );
    let Some(c) = ceiling(
        arch,
        gpu,
        p,
        sh.gpus_per_replica,
        w.input_tokens,
        w.output_tokens,
    ) else {
        let needed = super::fewest_gpus(arch, gpu, p, sh.estimate.engine, &w);
        warnings.push(format!(
            "{replica}: the weights do not fit in the replica's memory{}",
            needed.map_or(String::new(), |n| format!(
                "; it needs {n} GPUs per replica"
            ))
        ));
        return;
    };
    if sh.decode_tokens_per_second > c.decode_tokens_per_second {
        let why = if c.decode_by_bandwidth {
            format!(
                "memory bandwidth at the largest batch the KV cache holds ({} at once)",
                c.max_batch
            )
        } else {
            "the GPUs' peak compute".to_string()
        };
        warnings.push(format!(
            "the given decode throughput ({} tok/s) is above the physical ceiling for {replica} at these token sizes: {} tok/s, set by {why}; self_host.throughput = \"estimate\" computes it",
            grouped(sh.decode_tokens_per_second),
            grouped(c.decode_tokens_per_second)
        ));
    }
    if sh.prefill_tokens_per_second > c.prefill_tokens_per_second {
        warnings.push(format!(
            "the given prefill throughput ({} tok/s) is above the physical ceiling for {replica}: {} tok/s at the GPUs' peak compute",
            grouped(sh.prefill_tokens_per_second),
            grouped(c.prefill_tokens_per_second)
        ));
    }
}

/// Given rates against the fit of the user's own runs for this configuration: a rate more
/// than a third away from what the measurements give is named (the numbers stay the given
/// ones).
fn against_calibration(sc: &Scenario, warnings: &mut Vec<String>) {
    let Some(fit) = super::replica::calibration_for(sc) else {
        return;
    };
    let Ok(e) = estimate_for(sc) else {
        return;
    };
    let sh = &sc.self_host;
    let w = workload(sc);
    for (what, given, measured) in [
        (
            "prefill",
            sh.prefill_tokens_per_second,
            e.prefill_tokens_per_second(w.input_tokens),
        ),
        (
            "decode",
            sh.decode_tokens_per_second,
            e.decode_tokens_per_second(w.output_tokens),
        ),
    ] {
        let ratio = given / measured;
        if ratio.is_finite() && !(0.75..=4.0 / 3.0).contains(&ratio) {
            warnings.push(format!(
                "the given {what} of {} tok/s per replica is {:.2}× what this replica gives {} ({} tok/s)",
                grouped(given),
                ratio,
                fit.phrase(),
                grouped(measured)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_example_is_caught() {
        // 20,000 / 2,500 tok/s typed in for an 8B model, kept for a 70B one on one H100.
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.model = "Llama 3.1 70B".into();
        sc.self_host.estimate.precision = crate::model::throughput::Precision::Fp8;
        let c = checks(&sc, None);
        assert!(
            c.warnings
                .iter()
                .any(|w| w.contains("above the physical ceiling")
                    && w.contains("memory bandwidth at the largest batch")),
            "{:?}",
            c.warnings
        );
        // The default scenario's own figures are within its ceilings.
        assert!(
            checks(&crate::catalog::with_library(&Scenario::default()), None)
                .warnings
                .is_empty()
        );
    }

    #[test]
    fn figures_of_a_hundred_or_more_are_whole() {
        assert_eq!(grouped(1234.4), "1,234");
        assert_eq!(grouped(12.345), "12.345");
    }

    #[test]
    fn a_window_or_ceiling_exactly_met_is_no_warning() {
        // Mixtral 8x7B's window is 32,768 tokens: 32,000 + 768 fit, one more does not.
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.model = "Mixtral 8x7B".into();
        sc.self_host.gpus_per_replica = 2;
        sc.workload.input_tokens = 32_000.0;
        sc.workload.output_tokens = 768.0;
        let c = checks(&sc, Some(32_768));
        assert!(c.self_host_feasible && c.api_feasible, "{:?}", c.warnings);
        sc.workload.input_tokens += 1.0;
        let c = checks(&sc, Some(32_768));
        assert!(!c.self_host_feasible && !c.api_feasible);
        // Given figures equal to the ceilings are not above them.
        let mut sc = crate::catalog::with_library(&Scenario::default());
        let lib = crate::catalog::library();
        let m = &lib.model(&sc.self_host.model).unwrap().arch;
        let g = &lib.gpu(&sc.self_host.gpu).unwrap().spec;
        let w = workload(&sc);
        let p = sc.self_host.estimate.precision;
        let c = ceiling(m, g, p, 1, w.input_tokens, w.output_tokens).unwrap();
        sc.self_host.prefill_tokens_per_second = c.prefill_tokens_per_second;
        sc.self_host.decode_tokens_per_second = c.decode_tokens_per_second;
        assert!(checks(&sc, None).warnings.is_empty());
        sc.self_host.prefill_tokens_per_second *= 1.001;
        sc.self_host.decode_tokens_per_second *= 1.001;
        let w = checks(&sc, None).warnings;
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w.iter().all(|w| !is_estimate_statement(w)));
    }

    #[test]
    fn context_windows_mark_options_infeasible() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.model = "Mixtral 8x7B".into();
        sc.workload.input_tokens = 40_000.0;
        let c = checks(&sc, Some(128_000));
        assert!(!c.self_host_feasible && c.api_feasible);
        assert!(
            c.warnings[0].contains("context window of 32,768 tokens"),
            "{:?}",
            c.warnings
        );
        let c = checks(&sc, Some(16_000));
        assert!(!c.api_feasible);
    }

    /// Qwen3 32B: 32,768 tokens native, 131,072 with YaRN (its model card). Past the native
    /// context but within YaRN it serves, saying the engine needs YaRN; past YaRN it cannot,
    /// and the sentence gives both figures. The serving verdict takes the same window.
    #[test]
    fn a_yarn_extension_serves_past_the_native_context() {
        let lib = crate::catalog::library();
        let q = &lib.model("Qwen3 32B").unwrap().arch;
        assert_eq!((q.max_context, q.served_context()), (32_768, 131_072));
        assert_eq!(context_over(q, 32_768.0, "no"), None);
        let within = context_over(q, 60_500.0, "no").unwrap();
        assert_eq!(
            within,
            "60,500 input + output tokens exceed Qwen3 32B's native context of 32,768 tokens: it serves up to 131,072 with YaRN rope scaling, which the engine must be started with (static YaRN can lower the quality of short requests)"
        );
        let past = context_over(q, 131_073.0, "no").unwrap();
        assert_eq!(
            past,
            "131,073 input + output tokens exceed Qwen3 32B's context window of 131,072 tokens with YaRN (32,768 native): no"
        );
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.model = "Qwen3 32B".into();
        sc.workload.input_tokens = 60_000.0;
        let c = checks(&sc, None);
        assert!(c.self_host_feasible && c.warnings[0] == within, "{c:?}");
        let served = crate::model::serving::Serving::of(&sc);
        assert_eq!(served.local, None);
        sc.workload.input_tokens = 130_573.0;
        let c = checks(&sc, None);
        assert!(!c.self_host_feasible && c.warnings[0].ends_with("it cannot serve these requests"));
        assert!(crate::model::serving::Serving::of(&sc).local.is_some());
    }

    #[test]
    fn an_estimate_says_it_is_one() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.estimate.source = Source::Estimate;
        let c = checks(&sc, None);
        assert!(
            c.warnings[0].contains("is an ESTIMATE (vLLM, bf16 on 1 × H100 SXM)"),
            "{:?}",
            c.warnings
        );
        assert!(is_estimate_statement(&c.warnings[0]));
        sc.self_host.gpus_per_replica = 3;
        let c = checks(&sc, None);
        assert!(
            c.warnings[0]
                .contains("no throughput estimate (GPUs per replica must be 1, 2, 4, 8 or 16"),
            "{:?}",
            c.warnings
        );
    }
}
