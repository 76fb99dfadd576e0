//! The throughput checks' sentences ([`Check`]): what a planner should know about the
//! throughput, worded for the report, the JSON `warnings`, the dashboard and the exports.

use crate::model::throughput::checks::{Check, Replica};

/// How the sentence saying the throughput is an estimate starts.
const ESTIMATE_STATEMENT: &str = "self-hosting throughput is an ESTIMATE";

/// How the sentence saying the throughput is calibrated from the user's runs starts.
const CALIBRATED_STATEMENT: &str = "self-hosting throughput is calibrated from your measurements";

/// Is `warning` the sentence saying the throughput is an estimate, or calibrated from the
/// user's runs (not a problem to act on)?
pub fn is_estimate_statement(warning: &str) -> bool {
    warning.starts_with(ESTIMATE_STATEMENT) || warning.starts_with(CALIBRATED_STATEMENT)
}

fn grouped(x: f64) -> String {
    crate::figures::num(if x >= 100.0 { x.round() } else { x })
}

/// "Llama 3.1 70B at fp8 on 1 × H100 SXM".
fn replica(r: &Replica) -> String {
    format!("{} at {} on {} × {}", r.model, r.precision, r.gpus, r.gpu)
}

/// A check's sentence; a context window passed ends with "it cannot serve these requests".
pub fn check(c: &Check) -> String {
    check_refused(c, "it cannot serve these requests")
}

/// [`check`], a context window passed ending with `refused`.
pub fn check_refused(c: &Check, refused: &str) -> String {
    match c {
        Check::ContextOver {
            model,
            tokens,
            native,
            extended,
        } => context_over(model, *tokens, *native, *extended, refused),
        Check::ApiWindow {
            model,
            tokens,
            window,
        } => format!(
            "{} input + output tokens exceed {model}'s context window of {} tokens: it cannot serve these requests",
            grouped(*tokens),
            grouped(*window)
        ),
        Check::Estimated { .. } => estimated(c),
        Check::Regimes { text, warn } => {
            if *warn {
                text.clone()
            } else {
                format!("note: {text}")
            }
        }
        Check::NoEstimate {
            why,
            prefill,
            decode,
        } => format!(
            "no throughput estimate ({why}): the given {} prefill / {} decode tok/s are used",
            grouped(*prefill),
            grouped(*decode)
        ),
        Check::DoesNotFit { replica: r, needed } => format!(
            "{}: the weights do not fit in the replica's memory{}",
            replica(r),
            needed.map_or(String::new(), |n| format!(
                "; it needs {n} GPUs per replica"
            ))
        ),
        Check::DecodeAboveCeiling {
            replica: r,
            given,
            ceiling,
            batch,
        } => {
            let why = match batch {
                Some(b) => format!(
                    "memory bandwidth at the largest batch the KV cache holds ({b} at once)"
                ),
                None => "the GPUs' peak compute".to_string(),
            };
            format!(
                "the given decode throughput ({} tok/s) is above the physical ceiling for {} at these token sizes: {} tok/s, set by {why}; self_host.throughput = \"estimate\" computes it",
                grouped(*given),
                replica(r),
                grouped(*ceiling)
            )
        }
        Check::PrefillAboveCeiling {
            replica: r,
            given,
            ceiling,
        } => format!(
            "the given prefill throughput ({} tok/s) is above the physical ceiling for {}: {} tok/s at the GPUs' peak compute",
            grouped(*given),
            replica(r),
            grouped(*ceiling)
        ),
        Check::AgainstFit {
            what,
            given,
            ratio,
            fit,
            measured,
        } => format!(
            "the given {what} of {} tok/s per replica is {ratio:.2}× what this replica gives {fit} ({} tok/s)",
            grouped(*given),
            grouped(*measured)
        ),
    }
}

/// The sentence when `tokens` (input + output) pass a model's native context: beyond what its
/// published extension (YaRN) serves too, `refused` says so; within it, that the engine must
/// be started with that extension.
fn context_over(model: &str, tokens: f64, native: f64, ext: Option<f64>, refused: &str) -> String {
    match ext {
        Some(ext) if tokens <= ext => format!(
            "{} input + output tokens exceed {model}'s native context of {} tokens: it serves up to {} with YaRN rope scaling, which the engine must be started with (static YaRN can lower the quality of short requests)",
            grouped(tokens),
            grouped(native),
            grouped(ext)
        ),
        Some(ext) => format!(
            "{} input + output tokens exceed {model}'s context window of {} tokens with YaRN ({} native): {refused}",
            grouped(tokens),
            grouped(ext),
            grouped(native)
        ),
        None => format!(
            "{} input + output tokens exceed {model}'s context window of {} tokens: {refused}",
            grouped(tokens),
            grouped(native)
        ),
    }
}

/// The statement that the throughput is an estimate (or calibrated from the user's runs: the
/// fit's date, runs and files' hashes, so a colleague can tell why their figures differ).
fn estimated(c: &Check) -> String {
    let Check::Estimated {
        calibrated,
        engine,
        precision,
        gpus,
        gpu,
        prefill,
        decode,
        bound,
        at_once,
        factor,
    } = c
    else {
        return String::new();
    };
    let head = match calibrated {
        Some((phrase, hashes)) => format!(
            "self-hosting throughput is {phrase} (sha256 {hashes}; its error away from the loads and sizes of those runs is not known: crossover calibrate --list says where it was checked)"
        ),
        None => ESTIMATE_STATEMENT.to_string(),
    };
    format!(
        "{head} ({engine}, {precision} on {gpus} × {gpu}): {} prefill / {} decode tok/s per replica, bound by {bound}, {at_once} requests at once{}",
        grouped(*prefill),
        grouped(*decode),
        if *factor != 1.0 {
            format!(", × {factor} (self_host.throughput_factor)")
        } else {
            String::new()
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_of_a_hundred_or_more_are_whole() {
        assert_eq!(grouped(1234.4), "1,234");
        assert_eq!(grouped(12.345), "12.345");
    }
}
