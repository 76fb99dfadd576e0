//! "Why this number": each headline figure's formula from docs/MODEL.md with the scenario's own
//! numbers substituted, so a reader can redo any figure by hand. Shared by the dashboard's `w`
//! overlay and the Markdown report's appendix.

use super::outcome::Outcome;
use super::scenario::{Scenario, DAYS_PER_MONTH};
use crate::figures::{money, num, volume};

/// One figure: what it is, its formula, the formula with numbers, and the result.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    pub label: &'static str,
    pub formula: &'static str,
    pub substituted: String,
    pub result: String,
}

/// The derivations of the headline figures at the scenario's volume.
pub fn derivations(sc: &Scenario, o: &Outcome) -> Vec<Derivation> {
    let cur = sc.currency.as_str();
    let m = |x: f64| money(x, cur);
    let w = &sc.workload;
    let a = &sc.api;
    let sh = &sc.self_host;
    let e = &sc.engineering;
    let r = &o.rates;
    let v = o.requests_per_day;
    let c = w.response_cache_hit_rate;
    let mut out = vec![
        Derivation {
            label: "API cost per request",
            formula: "p = (I·(1−k)·in + I·k·cached + O·out) / 1e6 · (1 − β·δ)",
            substituted: format!(
                "({} × {} × {} + {} × {} × {} + {} × {}) / 1,000,000 × (1 − {} × {})",
                num(w.input_tokens),
                num(1.0 - a.cached_input_share),
                num(a.input_per_mtok),
                num(w.input_tokens),
                num(a.cached_input_share),
                num(a.cached_input_per_mtok),
                num(w.output_tokens),
                num(a.output_per_mtok),
                num(a.batch_share),
                num(a.batch_discount)
            ),
            result: format!("{} per request", money_precise(r.api_per_request, cur)),
        },
        Derivation {
            label: "API per day",
            formula: "A = V·(1−c)·p + api.fixed_per_month / D",
            substituted: format!(
                "{} × (1 − {}) × {} + {} / {}",
                num(v),
                num(c),
                money_precise(r.api_per_request, cur),
                m(a.fixed_per_month),
                num(DAYS_PER_MONTH)
            ),
            result: format!("{}/day", m(o.api.usd_per_day)),
        },
        replica_seconds(sc, o),
        replicas(sc, o),
        gpu_per_day(sc, o),
        Derivation {
            label: "Overhead per day",
            formula:
                "over = gpu · (overhead_share + spot interruptions) + self_host.fixed_per_month / D",
            substituted: format!(
                "{} × {} + {} / {}",
                m(o.self_host.gpu_usd_per_day),
                num(r.overhead_share),
                m(sh.fixed_per_month),
                num(DAYS_PER_MONTH)
            ),
            result: format!("{}/day", m(o.self_host.overhead_usd_per_day)),
        },
        Derivation {
            label: "Engineering per day",
            formula: "eng = hourly_rate · (maintenance_h + setup_h / amortization_months) / D",
            substituted: format!(
                "{} × ({} + {} / {}) / {}",
                m(e.hourly_rate),
                num(e.maintenance_hours_per_month),
                num(e.setup_hours),
                num(e.amortization_months),
                num(DAYS_PER_MONTH)
            ),
            result: format!("{}/day", m(o.self_host.engineering_usd_per_day)),
        },
        Derivation {
            label: "Self-hosting per day",
            formula: "S = gpu + over + eng",
            substituted: format!(
                "{} + {} + {}",
                m(o.self_host.gpu_usd_per_day),
                m(o.self_host.overhead_usd_per_day),
                m(o.self_host.engineering_usd_per_day)
            ),
            result: format!("{}/day", m(o.self_host.usd_per_day)),
        },
        hybrid(sc, o),
    ];
    // The estimate's steps come just before the replica-seconds they give.
    let at = out
        .iter()
        .position(|d| d.label == "Replica-seconds per request")
        .unwrap_or(out.len());
    out.splice(at..at, super::throughput::derivation::steps(sc));
    out.push(breakeven(sc, o));
    out.push(payback(sc, o));
    out
}

/// `s` from the rates in force: the given ones, or the estimate's, times the throughput
/// factor when it is not 1.
fn replica_seconds(sc: &Scenario, o: &Outcome) -> Derivation {
    let w = &sc.workload;
    let (prefill, decode) = super::throughput::replica::rates(sc);
    let factor = sc.self_host.estimate.factor;
    let (formula, substituted) = if factor == 1.0 {
        (
            "s = I / prefill_tps + O / decode_tps",
            format!(
                "{} / {} + {} / {}",
                num(w.input_tokens),
                num(prefill),
                num(w.output_tokens),
                num(decode)
            ),
        )
    } else {
        (
            "s = (I / prefill_tps + O / decode_tps) / throughput_factor",
            format!(
                "({} / {} + {} / {}) / {}",
                num(w.input_tokens),
                num(prefill),
                num(w.output_tokens),
                num(decode),
                num(factor)
            ),
        )
    };
    Derivation {
        label: "Replica-seconds per request",
        formula,
        substituted,
        result: format!("{} s", num(o.rates.seconds_per_request)),
    }
}

/// R in the scenario's billing mode (docs/MODEL.md §6.6).
fn replicas(sc: &Scenario, o: &Outcome) -> Derivation {
    let (w, sh, r) = (&sc.workload, &sc.self_host, &o.rates);
    let billable = num(w.requests_per_day * (1.0 - w.response_cache_hit_rate));
    let (formula, floor) = if r.gpu_per_request > 0.0 || r.gpu_scale_ups_per_day > 0.0 {
        (
            "R = ⌈V·(1−c) · s · peak / 86,400 / u⌉ (busy at the busiest hour; per-second billing has no minimum)",
            String::from("0"),
        )
    } else if r.window_seconds != super::scenario::SECONDS_PER_DAY {
        (
            "R = max(min_replicas, ⌈V·(1−c) · s · peak / (3600 · active_hours) / u⌉)",
            sh.min_replicas.to_string(),
        )
    } else {
        (
            "R = max(min_replicas, ⌈V·(1−c) · s · peak / 86,400 / u⌉)",
            sh.min_replicas.to_string(),
        )
    };
    Derivation {
        label: "Replicas",
        formula,
        substituted: format!(
            "max({floor}, ⌈{billable} × {} s × {} / {} / {}⌉)",
            num(r.seconds_per_request),
            num(w.peak_to_average),
            num(r.window_seconds),
            num(sh.target_utilization)
        ),
        result: format!(
            "{} (peak utilization {})",
            volume(o.self_host.replicas),
            num(o.self_host.peak_utilization)
        ),
    }
}

/// The GPU bill per day in the scenario's billing mode (docs/MODEL.md §6.6).
fn gpu_per_day(sc: &Scenario, o: &Outcome) -> Derivation {
    let (w, sh, r) = (&sc.workload, &sc.self_host, &o.rates);
    let m = |x: f64| money(x, &sc.currency);
    let result = format!("{}/day", m(o.self_host.gpu_usd_per_day));
    if r.gpu_per_request > 0.0 || r.gpu_scale_ups_per_day > 0.0 {
        let b = &sh.billing;
        return Derivation {
            label: "GPU per day",
            formula: "gpu = gpus_per_replica · gpu_per_second · (V·(1−c) · s / u + scale_ups · max(cold_start, min_billed))",
            substituted: format!(
                "{} × {} × ({} × {} s / {} + {} × {} s)",
                sh.gpus_per_replica,
                money_precise(b.per_second_price(sh.gpu_per_hour), &sc.currency),
                num(w.requests_per_day * (1.0 - w.response_cache_hit_rate)),
                num(r.seconds_per_request),
                num(sh.target_utilization),
                num(b.scale_ups_per_day),
                num(b.seconds_per_scale_up())
            ),
            result,
        };
    }
    Derivation {
        label: "GPU per day",
        formula:
            "gpu = R · gpus_per_replica · gpu_per_hour · hours billed (24, or the active hours)",
        substituted: format!(
            "{} × {} × {} × {}",
            volume(o.self_host.replicas),
            sh.gpus_per_replica,
            m(sh.gpu_per_hour),
            num(sh.billing.billed_hours())
        ),
        result,
    }
}

/// The hybrid's daily cost: the two-way form, or with a cheap tier or escalation the tiers'
/// form of docs/MODEL.md §6.5.
fn hybrid(sc: &Scenario, o: &Outcome) -> Derivation {
    let cur = sc.currency.as_str();
    let m = |x: f64| money(x, cur);
    let (r, v, h) = (&o.rates, o.requests_per_day, sc.hybrid.local_share);
    if r.cheap_fraction == 0.0 && sc.hybrid.local_escalation_rate == 0.0 {
        return Derivation {
            label: "Hybrid per day",
            formula: "H = S(h·V) + A((1−h)·V)",
            substituted: format!(
                "S({}) + A({}) = {} + {}",
                num(h * v),
                num((1.0 - h) * v),
                m(o.hybrid.local.usd_per_day),
                m(o.hybrid.api.usd_per_day)
            ),
            result: format!("{}/day", m(o.hybrid.usd_per_day)),
        };
    }
    Derivation {
        label: "Hybrid per day",
        formula: "H = S(h·V) + V·(1−c)·(F·p + C·p_c) + api.fixed_per_month / D",
        substituted: format!(
            "S({}) + {} × (1 − {}) × ({} × {} + {} × {}) + {} = {} + {}",
            num(h * v),
            num(v),
            num(sc.workload.response_cache_hit_rate),
            num(r.frontier_fraction),
            money_precise(r.api_per_request, cur),
            num(r.cheap_fraction),
            money_precise(r.cheap_per_request, cur),
            m(r.api_fixed_per_day),
            m(o.hybrid.local.usd_per_day),
            m(o.hybrid.api.usd_per_day)
        ),
        result: format!("{}/day", m(o.hybrid.usd_per_day)),
    }
}

fn breakeven(sc: &Scenario, o: &Outcome) -> Derivation {
    let cur = sc.currency.as_str();
    let r = &o.rates;
    let w = r.requests_per_replica();
    let g = r.step_usd_per_day();
    let a = r.api_per_volume();
    let per_replica = format!(
        "one replica carries w = 86,400 × {} / ({} s × {} × (1 − {})) = {} requests/day and costs g = {}/day; the API charges {} for that traffic",
        num(sc.self_host.target_utilization), num(r.seconds_per_request), num(sc.workload.peak_to_average),
        num(sc.workload.response_cache_hit_rate), volume(w), money(g, cur), money(a * w, cur)
    );
    match o.breakeven_requests_per_day {
        Some(b) => {
            // With serverless starts that grow with the traffic (docs/MODEL.md §6.6), the
            // straight piece the break-even lies on: below the kink no start is a fixed cost.
            let piece = r
                .scale_up_pieces()
                .map_or(*r, |(low, high, kink)| if b < kink { low } else { high });
            let replicas = piece.replicas(b);
            let fixed = piece.self_fixed_total_per_day();
            Derivation {
                label: "Break-even",
                formula: "V* = (R·g + F_S − F_A) / ((1−c)·p) in the last step where the API is still cheaper",
                substituted: format!(
                    "{per_replica}; at R = {}: ({} × {} + {} − {}) / {}",
                    volume(replicas), volume(replicas), money(g, cur), money(fixed, cur),
                    money(r.api_fixed_per_day, cur), money_precise(a, cur)
                ),
                result: format!("{} requests/day", volume(b)),
            }
        }
        None => Derivation {
            label: "Break-even",
            formula: "none when (1−c)·p·w ≤ g",
            substituted: per_replica,
            result: format!(
                "never: {}",
                crate::wording::never(super::breakeven::never(r), cur)
            ),
        },
    }
}

fn payback(sc: &Scenario, o: &Outcome) -> Derivation {
    let cur = sc.currency.as_str();
    let r = &o.rates;
    let running = o.self_host.usd_per_day - r.setup_amortization_per_day;
    Derivation {
        label: "Payback",
        formula: "setup cost / ((A − (S − setup amortization)) · D)",
        substituted: format!(
            "{} / (({} − ({} − {})) × {})",
            money(r.setup_cost, cur),
            money(o.api.usd_per_day, cur),
            money(o.self_host.usd_per_day, cur),
            money(r.setup_amortization_per_day, cur),
            num(DAYS_PER_MONTH)
        ),
        result: match o.payback_months {
            Some(p) => crate::figures::months(p),
            None => format!(
                "none: running self-hosted ({}/day) saves nothing against the API ({}/day)",
                money(running, cur),
                money(o.api.usd_per_day, cur)
            ),
        },
    }
}

/// Money with enough decimals for a per-request price: `$0.0100`.
pub(crate) fn money_precise(x: f64, cur: &str) -> String {
    let body = num(x);
    match cur {
        "USD" | "" => format!("${body}"),
        other => format!("{body} {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_substitute_their_own_numbers() {
        let sc = Scenario {
            workload: super::super::scenario::Workload {
                requests_per_day: 100_000.0,
                ..crate::catalog::with_library(&Scenario::default()).workload
            },
            ..crate::catalog::with_library(&Scenario::default())
        };
        let o = Outcome::evaluate(&sc);
        let d = derivations(&sc, &o);
        let replicas = d.iter().find(|d| d.label == "Replicas").unwrap();
        assert_eq!(
            replicas.substituted,
            "max(1, ⌈100,000 × 0.3 s × 2 / 86,400 / 0.7⌉)"
        );
        assert!(replicas.result.starts_with("1 "));
        let eng = d.iter().find(|d| d.label == "Engineering per day").unwrap();
        assert_eq!(eng.substituted, "$100.00 × (20 + 80 / 12) / 30.4375");
        assert_eq!(eng.result, "$87.61/day");
        let b = d.iter().find(|d| d.label == "Break-even").unwrap();
        assert_eq!(b.result, "15,361 requests/day");
    }
}

#[cfg(test)]
mod tiers {
    use super::*;

    /// With a cheap tier the hybrid's derivation shows the tiers' form with the §6.5 figures.
    #[test]
    fn the_hybrid_derivation_names_the_tiers() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.workload.requests_per_day = 100_000.0;
        sc.hybrid.local_share = 0.6;
        sc.hybrid.cheap_share = 0.3;
        sc.hybrid.local_escalation_rate = 0.2;
        sc.hybrid.cheap_escalation_rate = 0.1;
        let o = Outcome::evaluate(&sc);
        let d = derivations(&sc, &o);
        let h = d.iter().find(|d| d.label == "Hybrid per day").unwrap();
        assert!(h.formula.contains("F·p + C·p_c"), "{}", h.formula);
        assert!(h.substituted.contains("0.142 ×"), "{}", h.substituted);
        assert!(h.substituted.contains("0.42 ×"), "{}", h.substituted);
    }
}

/// Each derivation shows the form in force: the throughput factor, the billing mode, the
/// hybrid's two-way or tiers' form, the estimate's steps before the seconds they give.
#[cfg(test)]
mod forms {
    use super::*;
    use crate::model::billing::worked::{active_hours, per_second};

    fn find(sc: &Scenario, label: &str) -> Derivation {
        let o = Outcome::evaluate(sc);
        derivations(sc, &o)
            .into_iter()
            .find(|d| d.label == label)
            .unwrap_or_else(|| panic!("no {label}"))
    }

    #[test]
    fn the_form_in_force() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        assert!(!find(&sc, "Replica-seconds per request")
            .formula
            .contains("throughput_factor"));
        assert_eq!(
            find(&sc, "Hybrid per day").formula,
            "H = S(h·V) + A((1−h)·V)"
        );
        // A response cache: 10,000 × 0.8 billable requests; and no saving, so no payback
        // (running 153.61 − 21.90 setup amortization = 131.71 against the API's 100.00).
        sc.workload.response_cache_hit_rate = 0.2;
        assert!(find(&sc, "Replicas")
            .substituted
            .starts_with("max(1, ⌈8,000 × "));
        sc.workload.response_cache_hit_rate = 0.0;
        assert_eq!(
            find(&sc, "Payback").result,
            "none: running self-hosted ($131.71/day) saves nothing against the API ($100.00/day)"
        );
        sc.self_host.estimate.factor = 2.0;
        let s = find(&sc, "Replica-seconds per request");
        assert!(s.formula.ends_with("/ throughput_factor"), "{}", s.formula);
        assert_eq!(s.substituted, "(2,000 / 20,000 + 500 / 2,500) / 2");
        // Local escalation alone takes the tiers' form.
        sc.hybrid.local_escalation_rate = 0.2;
        assert!(find(&sc, "Hybrid per day").formula.contains("F·p + C·p_c"));
        // Billing modes.
        assert!(find(&active_hours(), "Replicas")
            .formula
            .contains("active_hours"));
        assert!(!find(
            &crate::catalog::with_library(&Scenario::default()),
            "Replicas"
        )
        .formula
        .contains("active_hours"));
        let mut no_scale_ups = per_second();
        no_scale_ups.self_host.billing.scale_ups_per_day = 0.0;
        let mut empty = per_second();
        (empty.workload.input_tokens, empty.workload.output_tokens) = (0.0, 0.0);
        for sc in [no_scale_ups, empty] {
            assert!(find(&sc, "Replicas").formula.contains("per-second"));
            assert!(find(&sc, "GPU per day").formula.contains("gpu_per_second"));
        }
    }

    /// The estimate's steps sit just before the replica-seconds they give.
    #[test]
    fn the_estimate_steps_come_before_the_seconds() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.estimate.source = crate::model::throughput::settings::Source::Estimate;
        let o = Outcome::evaluate(&sc);
        let d = derivations(&sc, &o);
        let labels: Vec<&str> = d.iter().map(|d| d.label).collect();
        assert_eq!(labels[..2], ["API cost per request", "API per day"]);
        let at = labels
            .iter()
            .position(|l| *l == "Replica-seconds per request")
            .unwrap();
        assert!(at > 2, "{labels:?}");
    }
}
