//! What a planner should know about a scenario's throughput, as typed facts ([`Check`]) that
//! `crate::wording::checks` words for the report, the JSON `warnings` array, the dashboard and
//! the exports: that an estimate is one (and what binds it), a given figure above the physical
//! ceiling, a model that does not fit its replica, and requests longer than a model's context
//! window.

use super::ceiling::ceiling;
use super::looked::{gpu_entry, model_entry};
use super::replica::{estimate_for, workload};
use super::settings::Source;
use crate::model::scenario::Scenario;

/// The checks, and whether each option can serve requests this long.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checks {
    pub found: Vec<Check>,
    /// Input + output fit the API model's context window (true when unknown).
    pub api_feasible: bool,
    /// Input + output fit the local model's context window (true when unknown).
    pub self_host_feasible: bool,
}

/// A replica as the checks name it: its model, precision, GPUs and GPU.
#[derive(Debug, Clone, PartialEq)]
pub struct Replica {
    pub model: String,
    pub precision: &'static str,
    pub gpus: u32,
    pub gpu: String,
}

/// One thing to know about the throughput, with the figures that say it.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Input + output (`tokens`) pass `model`'s native context; within its published extension
    /// (`extended`, YaRN) it serves, past it (or without one) it cannot.
    ContextOver {
        model: String,
        tokens: f64,
        native: f64,
        extended: Option<f64>,
    },
    /// Input + output pass the API model's total window.
    ApiWindow {
        model: String,
        tokens: f64,
        window: f64,
    },
    /// The throughput is the estimate's (or a fit's of the user's runs, `calibrated`: its
    /// phrase and files' hashes), with what sets it.
    Estimated {
        calibrated: Option<(String, String)>,
        engine: &'static str,
        precision: &'static str,
        gpus: u32,
        gpu: String,
        prefill: f64,
        decode: f64,
        bound: &'static str,
        at_once: u32,
        factor: f64,
    },
    /// The published table's regimes the estimate falls outside (a warning, or a note).
    Regimes { text: String, warn: bool },
    /// The estimate cannot be made (`why`); the given rates are shown for reference.
    NoEstimate {
        why: String,
        prefill: f64,
        decode: f64,
    },
    /// The weights do not fit the replica (`needed`: the fewest GPUs that hold them).
    DoesNotFit {
        replica: Replica,
        needed: Option<u32>,
    },
    /// The given decode rate passes the replica's ceiling, set by memory bandwidth at the
    /// largest batch (`batch`) or by peak compute (`None`).
    DecodeAboveCeiling {
        replica: Replica,
        given: f64,
        ceiling: f64,
        batch: Option<f64>,
    },
    /// The given prefill rate passes the replica's ceiling at peak compute.
    PrefillAboveCeiling {
        replica: Replica,
        given: f64,
        ceiling: f64,
    },
    /// A given rate (`what`: "prefill" or "decode") more than a third away from what the
    /// user's fit (`fit`: its phrase) gives.
    AgainstFit {
        what: &'static str,
        given: f64,
        ratio: f64,
        fit: String,
        measured: f64,
    },
}

/// When `tokens` (input + output) pass `model`'s native context: the check saying so.
pub(crate) fn context_over(model: &super::arch::ModelArch, tokens: f64) -> Option<Check> {
    let native = f64::from(model.max_context);
    (tokens > native).then(|| Check::ContextOver {
        model: model.name.clone(),
        tokens,
        native,
        extended: model.extended_context.map(f64::from),
    })
}

/// The checks for `sc`. `api_context_window` is the API model's, from the catalog, if known.
pub(crate) fn checks(sc: &Scenario, api_context_window: Option<u64>) -> Checks {
    let mut found = Vec::new();
    let sh = &sc.self_host;
    let tokens = sc.workload.input_tokens + sc.workload.output_tokens;
    let model = model_entry(sc).ok();
    let gpu = gpu_entry(sc).ok();

    let mut self_host_feasible = true;
    if let Some(m) = model {
        if let Some(c) = context_over(&m.arch, tokens) {
            self_host_feasible = tokens <= f64::from(m.arch.served_context());
            found.push(c);
        }
    }
    let mut api_feasible = true;
    if let Some(window) = api_context_window {
        if tokens > window as f64 {
            api_feasible = false;
            found.push(Check::ApiWindow {
                model: sc.api.model.clone(),
                tokens,
                window: window as f64,
            });
        }
    }
    match sh.estimate.source {
        Source::Estimate => match estimate_for(sc) {
            Ok(e) => {
                let w = workload(sc);
                let fit = super::replica::calibration_for(sc);
                found.push(Check::Estimated {
                    calibrated: fit.map(|f| (f.phrase(), f.short_hashes())),
                    engine: e.engine.label(),
                    precision: e.precision.name(),
                    gpus: e.gpus,
                    gpu: gpu.map_or(sh.gpu.clone(), |g| g.spec.name.clone()),
                    prefill: e.prefill_tokens_per_second(w.input_tokens),
                    decode: e.decode_tokens_per_second(w.output_tokens),
                    bound: e.bound.label(),
                    at_once: e.max_concurrency,
                    factor: sh.estimate.factor,
                });
                // The published table's regimes say how far the shipped constants may be off;
                // a fit of the user's own runs replaces them, with its own errors.
                if let (Some(m), Some(g), None) = (model, gpu, fit) {
                    let regimes = super::regimes::regimes(
                        &m.arch,
                        &g.spec,
                        e.precision,
                        e.gpus,
                        w.input_tokens,
                        None,
                    );
                    if let Some((text, warn)) = super::regimes::finding(&regimes) {
                        found.push(Check::Regimes { text, warn });
                    }
                }
            }
            Err(e) => found.push(Check::NoEstimate {
                why: e.to_string(),
                prefill: sh.prefill_tokens_per_second,
                decode: sh.decode_tokens_per_second,
            }),
        },
        Source::Given => {
            if let (Some(m), Some(g)) = (model, gpu) {
                plausibility(sc, &m.arch, &g.spec, &mut found);
            }
            against_calibration(sc, &mut found);
        }
    }
    Checks {
        found,
        api_feasible,
        self_host_feasible,
    }
}

/// Given figures against the physical ceilings, and the model against the replica's memory.
fn plausibility(
    sc: &Scenario,
    arch: &super::ModelArch,
    gpu: &super::GpuSpec,
    found: &mut Vec<Check>,
) {
    let sh = &sc.self_host;
    let p = sh.estimate.precision;
    let w = workload(sc);
    let replica = Replica {
        model: arch.name.clone(),
        precision: p.name(),
        gpus: sh.gpus_per_replica,
        gpu: gpu.name.clone(),
    };
    let Some(c) = ceiling(
        arch,
        gpu,
        p,
        sh.gpus_per_replica,
        w.input_tokens,
        w.output_tokens,
    ) else {
        let needed = super::fewest_gpus(arch, gpu, p, sh.estimate.engine, &w);
        found.push(Check::DoesNotFit { replica, needed });
        return;
    };
    if sh.decode_tokens_per_second > c.decode_tokens_per_second {
        found.push(Check::DecodeAboveCeiling {
            replica: replica.clone(),
            given: sh.decode_tokens_per_second,
            ceiling: c.decode_tokens_per_second,
            batch: c.decode_by_bandwidth.then_some(c.max_batch),
        });
    }
    if sh.prefill_tokens_per_second > c.prefill_tokens_per_second {
        found.push(Check::PrefillAboveCeiling {
            replica,
            given: sh.prefill_tokens_per_second,
            ceiling: c.prefill_tokens_per_second,
        });
    }
}

/// Given rates against the fit of the user's own runs for this configuration: a rate more
/// than a third away from what the measurements give is named (the numbers stay the given
/// ones).
fn against_calibration(sc: &Scenario, found: &mut Vec<Check>) {
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
            found.push(Check::AgainstFit {
                what,
                given,
                ratio,
                fit: fit.phrase(),
                measured,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::checks::is_estimate_statement;

    /// The checks' sentences, as every surface words them.
    fn words(c: &Checks) -> Vec<String> {
        c.found.iter().map(crate::wording::checks::check).collect()
    }

    /// [`context_over`]'s sentence with `refused` at its end.
    fn over(m: &crate::model::throughput::ModelArch, tokens: f64, refused: &str) -> Option<String> {
        context_over(m, tokens).map(|c| crate::wording::checks::check_refused(&c, refused))
    }

    #[test]
    fn the_readme_example_is_caught() {
        // 20,000 / 2,500 tok/s typed in for an 8B model, kept for a 70B one on one H100.
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.model = "Llama 3.1 70B".into();
        sc.self_host.estimate.precision = crate::model::throughput::Precision::Fp8;
        let c = checks(&sc, None);
        assert!(
            words(&c)
                .iter()
                .any(|w| w.contains("above the physical ceiling")
                    && w.contains("memory bandwidth at the largest batch")),
            "{:?}",
            words(&c)
        );
        // The default scenario's own figures are within its ceilings.
        assert!(
            checks(&crate::catalog::with_library(&Scenario::default()), None)
                .found
                .is_empty()
        );
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
        assert!(c.self_host_feasible && c.api_feasible, "{:?}", words(&c));
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
        assert!(words(&checks(&sc, None)).is_empty());
        sc.self_host.prefill_tokens_per_second *= 1.001;
        sc.self_host.decode_tokens_per_second *= 1.001;
        let w = words(&checks(&sc, None));
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
            words(&c)[0].contains("context window of 32,768 tokens"),
            "{:?}",
            words(&c)
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
        assert_eq!(over(q, 32_768.0, "no"), None);
        let within = over(q, 60_500.0, "no").unwrap();
        assert_eq!(
            within,
            "60,500 input + output tokens exceed Qwen3 32B's native context of 32,768 tokens: it serves up to 131,072 with YaRN rope scaling, which the engine must be started with (static YaRN can lower the quality of short requests)"
        );
        let past = over(q, 131_073.0, "no").unwrap();
        assert_eq!(
            past,
            "131,073 input + output tokens exceed Qwen3 32B's context window of 131,072 tokens with YaRN (32,768 native): no"
        );
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.model = "Qwen3 32B".into();
        sc.workload.input_tokens = 60_000.0;
        let c = checks(&sc, None);
        assert!(c.self_host_feasible && words(&c)[0] == within, "{c:?}");
        let served = crate::model::serving::Serving::of(&sc);
        assert_eq!(served.local, None);
        sc.workload.input_tokens = 130_573.0;
        let c = checks(&sc, None);
        assert!(!c.self_host_feasible && words(&c)[0].ends_with("it cannot serve these requests"));
        assert!(crate::model::serving::Serving::of(&sc).local.is_some());
    }

    #[test]
    fn an_estimate_says_it_is_one() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.estimate.source = Source::Estimate;
        let c = checks(&sc, None);
        assert!(
            words(&c)[0].contains("is an ESTIMATE (vLLM, bf16 on 1 × H100 SXM)"),
            "{:?}",
            words(&c)
        );
        assert!(is_estimate_statement(&words(&c)[0]));
        sc.self_host.gpus_per_replica = 3;
        let c = checks(&sc, None);
        assert!(
            words(&c)[0]
                .contains("no throughput estimate (GPUs per replica must be 1, 2, 4, 8 or 16"),
            "{:?}",
            words(&c)
        );
    }
}
