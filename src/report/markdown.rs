//! `--format markdown`: the meeting-ready report. Verdict first, then the costs now and at
//! 1k–1M requests/day, break-even and payback, the assumptions, and an appendix deriving every
//! headline figure.

use super::{views, Context};
use crate::figures::{money, months, percent, volume};
use crate::model::breakeven::never_reason;
use crate::model::derivation::derivations;
use crate::model::outcome::per_month;
use crate::model::{Choice, Outcome, Scenario};

/// Volumes of the "at other scales" table.
pub const SCALES: [f64; 4] = [1_000.0, 10_000.0, 100_000.0, 1_000_000.0];

pub fn render(sc: &Scenario, o: &Outcome, extras: &Context) -> String {
    let cur = sc.currency.as_str();
    let m = |x: f64| money(x, cur);
    let mut out = String::new();
    let r = &o.recommendation;
    out.push_str(&format!("# {}: {}\n\n", sc.name, r.choice.label()));
    if !sc.description.is_empty() {
        out.push_str(&format!("_{}_\n\n", sc.description));
    }
    out.push_str(&format!(
        "**Verdict: {}** at {} requests/day (decided by {}).\n\n",
        r.choice.label(),
        volume(o.requests_per_day),
        r.criterion
    ));
    for reason in &r.reasons {
        out.push_str(&format!("- {reason}\n"));
    }
    if !extras.warnings.is_empty() {
        out.push('\n');
        for w in &extras.warnings {
            out.push_str(&format!("> **Warning:** {w}\n>\n"));
        }
    }
    if let Some(link) = &extras.chart_link {
        out.push_str(&format!("\n![Daily cost against daily volume]({link})\n"));
    }

    out.push_str(&format!(
        "\n## Costs at {} requests/day ({cur})\n\n",
        volume(o.requests_per_day)
    ));
    out.push_str("| Option | Per day | Per month | Per 1k requests |\n|---|---:|---:|---:|\n");
    for (c, label) in [
        (Choice::Api, format!("API ({})", sc.api.model)),
        (
            Choice::SelfHost,
            format!("Self-host ({} on {})", sc.self_host.model, sc.self_host.gpu),
        ),
        (
            Choice::Hybrid,
            format!("Hybrid ({} local)", percent(sc.hybrid.local_share)),
        ),
    ] {
        let day = o.usd_per_day(c);
        let label = if c == o.cheapest {
            format!("**{label}** (cheapest)")
        } else {
            label
        };
        out.push_str(&format!(
            "| {label} | {} | {} | {} |\n",
            m(day),
            m(per_month(day)),
            o.usd_per_1k(c).map_or("n/a".into(), m)
        ));
    }
    out.push_str(&format!(
        "\nSelf-hosting runs {} replica(s) of {} GPU(s) at {} peak utilization: GPU {}/day, \
         overhead {}/day, engineering {}/day.\n",
        volume(o.self_host.replicas),
        sc.self_host.gpus_per_replica,
        percent(o.self_host.peak_utilization),
        m(o.self_host.gpu_usd_per_day),
        m(o.self_host.overhead_usd_per_day),
        m(o.self_host.engineering_usd_per_day)
    ));

    out.push_str("\n## At other scales (cost per day)\n\n");
    out.push_str(
        "| Requests/day | API | Self-host | Hybrid | Cheapest |\n|---:|---:|---:|---:|---|\n",
    );
    for v in SCALES {
        let a = o.rates.api(v).usd_per_day;
        let s = o.rates.self_host(v).usd_per_day;
        let h = o.rates.hybrid(v).usd_per_day;
        let best = crate::model::recommend::cheapest(&[
            (Choice::Api, a),
            (Choice::Hybrid, h),
            (Choice::SelfHost, s),
        ]);
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            volume(v),
            m(a),
            m(s),
            m(h),
            best.label()
        ));
    }

    out.push_str("\n## Break-even and payback\n\n");
    match o.breakeven_requests_per_day {
        Some(b) => out.push_str(&format!(
            "- **Break-even:** {} requests/day. From there on, self-hosting is never dearer than the API.\n",
            volume(b)
        )),
        None => out.push_str(&format!("- **Break-even:** never: {}.\n", never_reason(&o.rates, cur))),
    }
    if o.crossings.is_empty() {
        out.push_str("- **Crossings in the chart range:** none.\n");
    } else {
        let list: Vec<String> = o.crossings.iter().map(|x| volume(*x)).collect();
        out.push_str(&format!(
            "- **Crossings in the chart range:** {} requests/day.\n",
            list.join(", ")
        ));
    }
    match o.payback_months {
        Some(p) => out.push_str(&format!(
            "- **Payback of the {} setup:** {} at the current volume.\n",
            m(o.rates.setup_cost),
            months(p)
        )),
        None => {
            out.push_str("- **Payback:** none, self-hosting saves nothing at the current volume.\n")
        }
    }

    out.push_str("\n## What moves the answer\n\n");
    let tornado = crate::model::sensitivity::sensitivity(sc);
    out.push_str(&views::sensitivity_text(sc, &tornado, true, 6));
    if !sc.uncertainty.ranges.is_empty() {
        out.push_str("\n## How sure\n\n");
        let mc = crate::model::uncertainty::monte_carlo(
            sc,
            crate::model::uncertainty::BAND_VOLUMES,
            crate::model::uncertainty::default_threads(),
        );
        for line in views::uncertainty_text(sc, &mc).lines() {
            out.push_str(&format!("- {line}\n"));
        }
    }
    if sc.growth.monthly_rate != 0.0 || !sc.growth.steps.is_empty() {
        out.push_str("\n## As traffic grows\n\n");
        out.push_str(&views::timeline_text(
            sc,
            &crate::model::timeline::timeline(sc),
            true,
        ));
    }
    out.push_str("\n## Assumptions\n\n| | |\n|---|---|\n");
    let a = &sc.api;
    let sh = &sc.self_host;
    let e = &sc.engineering;
    let w = &sc.workload;
    let rows = [
        ("Prices as of", if sc.prices_as_of.is_empty() { "undated".to_string() } else { sc.prices_as_of.clone() }),
        ("Workload", format!(
            "{} requests/day, {} input + {} output tokens, peak {}× average, {} cache hits",
            volume(w.requests_per_day), volume(w.input_tokens), volume(w.output_tokens),
            w.peak_to_average, percent(w.response_cache_hit_rate)
        )),
        ("API", format!(
            "{}: {} in / {} out / {} cached per M tokens; {} cached input, {} batched at {} off; {}/month fixed",
            a.model, m(a.input_per_mtok), m(a.output_per_mtok), m(a.cached_input_per_mtok),
            percent(a.cached_input_share), percent(a.batch_share), percent(a.batch_discount), m(a.fixed_per_month)
        )),
        ("Self-host", format!(
            "{} on {} × {} at {}/GPU-hour; {} prefill and {} decode tokens/s per replica; target utilization {}; at least {} replica(s); overhead {} of GPU spend + {}/month",
            sh.model, sh.gpus_per_replica, sh.gpu, m(sh.gpu_per_hour), volume(sh.prefill_tokens_per_second),
            volume(sh.decode_tokens_per_second), percent(sh.target_utilization), sh.min_replicas,
            percent(sh.overhead_share), m(sh.fixed_per_month)
        )),
        ("Engineering", format!(
            "{}/hour; {} h setup over {} months; {} h/month upkeep",
            m(e.hourly_rate), volume(e.setup_hours), e.amortization_months, volume(e.maintenance_hours_per_month)
        )),
        ("Hybrid", format!("{} of requests served locally", percent(sc.hybrid.local_share))),
        ("Constraints", format!(
            "data must stay in-house: {}; needs frontier quality: {}; ops capacity {} h/month; launch deadline {}",
            yes(sc.constraints.data_must_stay_in_house), yes(sc.constraints.needs_frontier_quality),
            volume(sc.constraints.ops_hours_per_month),
            if sc.constraints.launch_deadline_weeks > 0.0 { format!("{} weeks", sc.constraints.launch_deadline_weeks) } else { "none".into() }
        )),
    ];
    for (k, v) in rows {
        out.push_str(&format!("| {k} | {} |\n", v.replace('|', "\\|")));
    }

    out.push_str("\n## Appendix: how these numbers are computed\n\n");
    out.push_str(
        "D = 365.25 / 12 = 30.4375 days per month. Formulas from crossover's cost model.\n\n",
    );
    for d in derivations(sc, o) {
        out.push_str(&format!(
            "- **{}**: `{}`  \n  = {}  \n  = **{}**\n",
            d.label, d.formula, d.substituted, d.result
        ));
    }
    if let Some(footer) = &extras.footer {
        out.push_str(&format!("\n---\n{footer}\n"));
    }
    out
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}
