//! The words for the assessment's facts, in one place every surface uses: why an option is
//! not allowed, what each finding says, the line when nothing can serve, the
//! recommendation's reasons. The model returns typed facts ([`crate::model::serving::Unserved`],
//! [`crate::model::allowed::Exclusion`], [`crate::model::recommend::Reason`]); this module
//! turns them into sentences. Text from files reaches it already made safe by the caller's
//! format (`crate::sanitize`).

use crate::figures::grouped;
use crate::model::allowed::Exclusion;
use crate::model::serving::Unserved;
use crate::model::Choice;

pub mod checks;
mod reasons;
pub use reasons::{never, reason, reasons};

/// What every surface says when no option can serve the requests.
pub const NONE_CAN_SERVE: &str = "none of the options can serve these requests";

/// The note when an override switched the throughput to the estimate and the `[uncertainty]`
/// ranges on the given rates went with it.
pub const RANGES_DROPPED: &str = "the [uncertainty] ranges on the typed prefill/decode throughput were dropped: the estimate sets them (a range on self_host.throughput_factor takes their place)";

/// Beside the given rates when the estimate asked for could not be made: the costs are priced
/// at them only to show a figure, and self-hosting cannot serve (docs/MODEL.md §6.2, §6.4).
pub const REFERENCE_RATES: &str = "given rates, for reference only: no estimate";

/// What `compare` and the dashboard's Fleet tab say of the latencies they show (docs/MODEL.md
/// §6.2, "Latency at a load").
pub const FLEET_LATENCIES: &str = "latencies are a replica's at its full batch: per-token times an upper bound for lighter loads, first-token times a floor (traffic at or past a replica's rate queues without bound)";

/// The kernels a precision runs as without its own tensor cores: fp8 as W8A16, the 4-bit
/// precisions as W4A16.
pub fn dequantised_kernel(p: crate::model::throughput::Precision) -> &'static str {
    match p {
        crate::model::throughput::Precision::Fp8 => "W8A16",
        _ => "W4A16",
    }
}

/// The note for ranked rows whose precision has no tensor cores on their GPU: "on A10G and
/// A100 40GB, fp8 runs as W8A16 (no fp8 tensor cores: …)"; `None` when no row does.
pub fn fleet_dequantised(c: &crate::model::fleet::Comparison) -> Option<String> {
    let parts: Vec<String> = c
        .dequantised()
        .into_iter()
        .map(|(p, gpus)| {
            let kernel = dequantised_kernel(p);
            let list = match gpus.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} and {last}", rest.join(", "))
                }
                _ => gpus.join(""),
            };
            format!(
                "on {list}, {} runs as {kernel} (no {} tensor cores: the weights are dequantised to bf16 in the kernel, at the dequantising kernels' efficiency)",
                p.name(),
                p.name()
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// A fleet configuration as every surface names it: "1 × H100 SXM@spot bf16".
pub fn fleet_config(r: &crate::model::fleet::Row) -> String {
    format!(
        "{} × {}@{} {}{}",
        r.gpus_per_replica,
        r.gpu,
        r.offering,
        r.precision.name(),
        if r.calibration.is_some() {
            " (calibrated)"
        } else {
            ""
        }
    )
}

/// The verdict's name: the recommended option's label, or that none can serve.
pub fn verdict(choice: Option<Choice>) -> &'static str {
    choice.map_or(
        "None of the options can serve these requests",
        Choice::label,
    )
}

/// The volume a fleet ranking is at, with its `unit`: "7,000 requests/day" or, when the
/// hybrid is recommended, "7,000 requests/day (the recommended hybrid's local share of
/// 10,000)".
pub fn fleet_volume(ranked: f64, total: f64, recommended: Option<Choice>, unit: &str) -> String {
    let ranked_at = format!("{} {unit}", crate::figures::volume(ranked));
    if recommended == Some(Choice::Hybrid) {
        format!(
            "{ranked_at} (the recommended hybrid's local share of {})",
            crate::figures::volume(total)
        )
    } else {
        ranked_at
    }
}

/// The dashboard's line under the Fleet tab's heading when the ranking is at the recommended
/// hybrid's local share (`None` otherwise): "Ranked at the recommended hybrid's local share:
/// 433 of 500 req/day."
pub fn fleet_share_line(ranked: f64, total: f64, recommended: Option<Choice>) -> Option<String> {
    (recommended == Some(Choice::Hybrid)).then(|| {
        format!(
            "Ranked at the recommended hybrid's local share: {} of {} req/day.",
            crate::figures::volume(ranked),
            crate::figures::volume(total)
        )
    })
}

/// A whole number of tokens with thousands separators: "63,000".
fn tokens(x: f64) -> String {
    grouped(x.round(), 0)
}

/// Why an option is not allowed, starting "excluded: " or "cannot serve: ".
pub fn exclusion(e: Exclusion) -> String {
    match e {
        Exclusion::CannotServe(u) => format!("cannot serve: {}", unserved(u)),
        Exclusion::Privacy => "excluded: data must stay in-house".into(),
        Exclusion::Operations => "excluded: too few ops hours".into(),
        Exclusion::Deadline => "excluded: setup misses the deadline".into(),
        Exclusion::Quality => "excluded: needs frontier quality".into(),
    }
}

/// Why an option cannot serve, in a few words with the figures that decide.
pub fn unserved(u: Unserved) -> String {
    match u {
        Unserved::ApiInput { input, limit } => format!(
            "API input limit {} < {} input tokens",
            tokens(limit),
            tokens(input)
        ),
        Unserved::ApiWindow { tokens: t, window } | Unserved::LocalWindow { tokens: t, window } => {
            format!("context window {} < {} tokens", tokens(window), tokens(t))
        }
        Unserved::CheapWindow { tokens: t, window } => format!(
            "the cheap tier's context window {} < {} tokens",
            tokens(window),
            tokens(t)
        ),
        Unserved::DoesNotFit { gpus, needed } => format!(
            "the model does not fit on {gpus} GPU{} per replica{}",
            if gpus == 1 { "" } else { "s" },
            needed.map_or(String::new(), |n| format!(" (it needs {n})"))
        ),
        Unserved::Latency { ttft, target_ms } => format!(
            "no batch size meets the {} ms {} target",
            crate::figures::num(target_ms),
            if ttft { "first-token" } else { "per-token" }
        ),
        Unserved::NoEstimate => "no throughput estimate".into(),
    }
}

/// The blocker when option `c` cannot serve: "Self-host cannot serve these requests: context
/// window 32,768 < 63,000 tokens", with the estimate's own message after it when the estimate
/// decided (`detail`).
pub fn cannot_serve(c: Choice, u: Unserved, detail: Option<&str>) -> String {
    let detail = detail.map_or(String::new(), |e| format!(" ({e})"));
    format!(
        "{} cannot serve these requests: {}{detail}",
        c.label(),
        unserved(u)
    )
}

/// Why an HTML report has no fleet chart: the ranking failed with `why` (the same words from
/// `crossover export` and the dashboard's `e`).
pub fn fleet_not_ranked(why: &str) -> String {
    format!("the fleet cannot be ranked: {why}")
}

/// Why the dashboard's HTML export has no fleet chart: it had no ranking when `e` was pressed.
pub const FLEET_NOT_RANKED: &str =
    "the dashboard had no fleet ranking when it exported (the Fleet tab shows it, or why there is none)";

/// A stale or undated price's sentence for reports and the JSON `warnings`.
pub fn stale_long(s: &crate::model::staleness::Stale) -> String {
    use crate::model::staleness::STALE_AFTER_MONTHS;
    match (s.date.as_str(), s.months) {
        ("", _) => "prices undated: set prices_as_of to the day you checked them".to_string(),
        ("unknown", _) => format!(
            "{}: the catalog entry's date is unknown (imported without one)",
            s.what
        ),
        (d, Some(m)) if s.what == "prices" => format!(
            "prices as of {d} are {m} months old (more than {STALE_AFTER_MONTHS}): check them before deciding"
        ),
        (d, m) => format!(
            "{}: catalog entry as of {d}, {} months old (more than {STALE_AFTER_MONTHS})",
            s.what,
            m.unwrap_or(0)
        ),
    }
}

/// A few words for a stale price in the title bar and the export's assumptions box.
pub fn stale_short(s: &crate::model::staleness::Stale) -> String {
    match (s.date.as_str(), s.months) {
        ("", _) => "prices undated".to_string(),
        ("unknown", _) => format!("{}: date unknown", s.what),
        (d, m) => format!("{} {d}: {} months old", s.what, m.unwrap_or(0)),
    }
}

/// One line per stale or undated price, for the report's `warnings`, the dashboard and the
/// export. Empty when every date is recent.
pub fn stale_warnings(stale: &[crate::model::staleness::Stale]) -> Vec<String> {
    stale.iter().map(stale_long).collect()
}

/// The HTML report's fleet section when its chart is left out, `why` being the ranking's own
/// reason.
pub fn fleet_chart_left_out(why: &str) -> String {
    let why = why.trim_end_matches('.');
    format!("The chart of the cheapest rented GPUs is left out: {why}.")
}

/// `s` with its first letter upper-case, the start of a sentence: the one way every surface
/// does it (nothing for nothing; a letter outside ASCII too).
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// Why a scenario has no library entry for `name`: the shell did not look it up (the
/// scenario was not resolved against a catalog, or its name changed after it was).
pub fn not_looked_up(name: &str) -> String {
    format!(
        "\"{}\" was not looked up in the catalog",
        crate::sanitize::clip(name, crate::sanitize::SHOWN)
    )
}

/// The warning when the catalog entry a price comes from (`what`: "API" or "GPU") is dated
/// `date`, `months` months ago, more than `stale`.
pub fn stale_catalog_entry(what: &str, date: &str, months: i64, stale: i64) -> String {
    format!(
        "{what} prices as of {date} (the catalog entry this price is) are {months} months old (more than {stale}): check them before deciding"
    )
}

/// The warning when per-second billing is chosen on an offering (`label`, by `provider`) that
/// bills by the hour.
pub fn hourly_offering(label: &str, provider: &str) -> String {
    format!(
        "self_host.billing = \"per_second\", but {label} ({provider}) bills by the hour, so the per-second costs shown understate its bill; for this offering use self_host.billing = \"active_hours\" (whole GPU-hours), or pick an offering billed per second"
    )
}

/// Why an option cannot serve, as a flip row's cause (docs/MODEL.md §7.4): the kind, with
/// the limit for a window ("context window 32,768", "model does not fit").
pub fn unserved_short(u: Unserved) -> String {
    match u {
        Unserved::ApiInput { limit, .. } => format!("input limit {}", tokens(limit)),
        Unserved::ApiWindow { window, .. } | Unserved::LocalWindow { window, .. } => {
            format!("context window {}", tokens(window))
        }
        Unserved::CheapWindow { window, .. } => {
            format!("the cheap tier's context window {}", tokens(window))
        }
        Unserved::DoesNotFit { .. } => "model does not fit".into(),
        Unserved::Latency { ttft, .. } => {
            format!("{} target", if ttft { "first-token" } else { "per-token" })
        }
        Unserved::NoEstimate => "no throughput estimate".into(),
    }
}

/// A flip row's cause when today's option stops being able to serve at the row's flipping
/// value (docs/MODEL.md §7.4): "Self-host cannot serve: context window 32,768", the same words
/// in text, Markdown, CSV, JSON and the dashboard.
pub fn flip_cannot_serve(c: crate::model::flips::CannotServe) -> String {
    format!(
        "{} cannot serve: {}",
        c.option.label(),
        unserved_short(c.why)
    )
}

/// Which price the figures use and when `api.price_schedule` changes it (docs/MODEL.md
/// §6.11): "API price in force on 2026-12-07: $0.75/$3.75 per Mtok in/out (cached $0.075);
/// from 2027-01-01 (timeline month 2): $1.50/$7.50 (cached $0.15) (api.price_schedule)".
pub fn price_schedule(f: &crate::model::price_schedule::InForce, currency: &str) -> String {
    let prices = |(input, output, cached): (f64, f64, f64)| {
        format!(
            "{}/{} per Mtok in/out (cached {})",
            unit_price(input, currency),
            unit_price(output, currency),
            unit_price(cached, currency)
        )
    };
    let since = f
        .in_force
        .as_ref()
        .map_or(String::new(), |s| format!(", scheduled from {}", s.from));
    let next = match &f.next {
        Some((s, month)) => format!(
            "; from {} ({}): {}",
            s.from,
            month.map_or("after the timeline's horizon".to_string(), |m| format!(
                "timeline month {m}"
            )),
            prices((s.input_per_mtok, s.output_per_mtok, s.cached_input_per_mtok))
        ),
        None => "; no later price scheduled".to_string(),
    };
    format!(
        "API price in force on {}: {}{since}{next} (api.price_schedule)",
        f.today,
        prices(f.prices)
    )
}

/// A price per million tokens as the catalog writes it: "$0.075", "$1.50", "€2.00".
fn unit_price(x: f64, currency: &str) -> String {
    if x == 0.0 || x >= 0.1 {
        return crate::figures::money(x, currency);
    }
    let body = format!("{x:.4}");
    let body = body.trim_end_matches('0');
    crate::figures::money(1.0, currency).replacen("1.00", body, 1)
}

/// The note when a `--set` rate switched an estimated throughput to given (docs/MODEL.md
/// §6.2): each rate with where it came from, the `--set` or the estimate.
pub fn rates_given_by_set(prefill: (f64, bool), decode: (f64, bool)) -> String {
    let from = |typed: bool| {
        if typed {
            "--set"
        } else {
            "the estimate's, kept"
        }
    };
    format!(
        "self-hosting throughput is GIVEN, not estimated, because --set typed a rate: {} prefill ({}) / {} decode ({}) tok/s per replica; add --set self_host.throughput=estimate to keep the estimate",
        grouped(prefill.0, 0),
        from(prefill.1),
        grouped(decode.0, 0),
        from(decode.1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One way to start a sentence, safe on any text (the copies it replaced sliced the first
    /// byte, which panics on an empty or non-ASCII start).
    #[test]
    fn capitalised_upper_cases_the_first_letter_only() {
        assert_eq!(capitalised("self-host break-even"), "Self-host break-even");
        assert_eq!(capitalised("Hybrid"), "Hybrid");
        assert_eq!(capitalised(""), "");
        assert_eq!(capitalised("étude à 3"), "Étude à 3");
        assert_eq!(capitalised("3 × H100"), "3 × H100");
    }

    #[test]
    fn reasons_give_the_figures() {
        assert_eq!(
            exclusion(Exclusion::CannotServe(Unserved::LocalWindow {
                tokens: 63_000.0,
                window: 32_768.0
            })),
            "cannot serve: context window 32,768 < 63,000 tokens"
        );
        assert_eq!(
            unserved(Unserved::DoesNotFit {
                gpus: 1,
                needed: Some(2)
            }),
            "the model does not fit on 1 GPU per replica (it needs 2)"
        );
        assert_eq!(
            unserved(Unserved::ApiInput {
                input: 2_000.0,
                limit: 1_000.0
            }),
            "API input limit 1,000 < 2,000 input tokens"
        );
        assert_eq!(
            unserved(Unserved::Latency {
                ttft: false,
                target_ms: 20.0
            }),
            "no batch size meets the 20 ms per-token target"
        );
    }
}
