//! `--format text`: an aligned summary for a person at a terminal.

use super::Context;
use crate::figures::{money, months, percent, volume};
use crate::model::breakeven::never_reason;
use crate::model::outcome::{per_1k_requests, per_month};
use crate::model::{Choice, Outcome, Scenario};

pub fn render(sc: &Scenario, o: &Outcome, ctx: &Context) -> String {
    let cur = sc.currency.as_str();
    let v = o.requests_per_day;
    let mut out = String::new();
    let dated = if sc.prices_as_of.is_empty() {
        "prices undated".to_string()
    } else {
        format!("prices as of {}", sc.prices_as_of)
    };
    out.push_str(&format!("{} ({dated})\n", sc.name));
    out.push_str(&format!("At {} requests/day, in {cur}\n\n", volume(v)));
    for w in &ctx.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    if !ctx.warnings.is_empty() {
        out.push('\n');
    }

    let rows = [
        (Choice::Api, format!("API ({})", sc.api.model)),
        (
            Choice::SelfHost,
            format!("Self-host ({})", sc.self_host.model),
        ),
        (
            Choice::Hybrid,
            format!("Hybrid ({} local)", percent(sc.hybrid.local_share)),
        ),
    ];
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|(c, label)| {
            let day = o.usd_per_day(*c);
            [
                label.clone(),
                money(day, cur),
                money(per_month(day), cur),
                per_1k_requests(day, v).map_or("n/a".into(), |x| money(x, cur)),
            ]
        })
        .collect();
    let head = ["", "per day", "per month", "per 1k requests"];
    let width: Vec<usize> = (0..4)
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([head[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: [&str; 4], mark: &str| {
        let [w0, w1, w2, w3] = [width[0], width[1], width[2], width[3]];
        format!(
            "  {:<w0$}  {:>w1$}  {:>w2$}  {:>w3$}{mark}\n",
            r[0], r[1], r[2], r[3]
        )
    };
    out.push_str(&line(head, ""));
    for ((c, _), r) in rows.iter().zip(&cells) {
        let mark = if *c == o.cheapest {
            "  <- cheapest"
        } else {
            ""
        };
        out.push_str(&line([&r[0], &r[1], &r[2], &r[3]], mark));
    }

    let s = &o.self_host;
    out.push_str(&format!(
        "\nSelf-hosting  {} × {} ({}), peak utilization {}\n",
        plural(s.replicas, "replica"),
        plural(f64::from(sc.self_host.gpus_per_replica), "GPU"),
        sc.self_host.gpu,
        percent(s.peak_utilization)
    ));
    out.push_str(&format!(
        "              GPU {}/day, overhead {}/day, engineering {}/day\n",
        money(s.gpu_usd_per_day, cur),
        money(s.overhead_usd_per_day, cur),
        money(s.engineering_usd_per_day, cur)
    ));
    out.push_str(&format!(
        "Hybrid        {} local {}/day, API {}/day\n\n",
        plural(o.hybrid.local.replicas, "replica"),
        money(o.hybrid.local.usd_per_day, cur),
        money(o.hybrid.api.usd_per_day, cur)
    ));

    let breakeven = match o.breakeven_requests_per_day {
        Some(b) => format!(
            "{} requests/day (self-hosting stays cheaper from here)",
            volume(b)
        ),
        None => format!("never: {}", never_reason(&o.rates, cur)),
    };
    out.push_str(&format!("Break-even    {breakeven}\n"));
    let crossings = if o.crossings.is_empty() {
        "none in the chart range".to_string()
    } else {
        o.crossings
            .iter()
            .map(|x| volume(*x))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!("Crossings     {crossings}\n"));
    let payback = match o.payback_months {
        Some(m) => months(m),
        None => "none: self-hosting saves nothing at this volume".into(),
    };
    out.push_str(&format!("Payback       {payback}\n\n"));

    let r = &o.recommendation;
    out.push_str(&format!(
        "Recommendation: {} (decided by {})\n",
        r.choice.label(),
        r.criterion
    ));
    for reason in &r.reasons {
        out.push_str(&format!("  - {reason}\n"));
    }
    out
}

/// `1 replica`, `3 replicas`.
pub fn plural(n: f64, noun: &str) -> String {
    if n == 1.0 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", volume(n))
    }
}
