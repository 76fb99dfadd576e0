//! `--format text`: an aligned summary for a person at a terminal.

use super::words::{self, breakeven as be_word, swing_cells};
use super::{Context, Figures, View, Writer};
use crate::figures::{money, months, percent, volume};
use crate::model::breakeven::never;
use crate::model::outcome::{per_1k_requests, per_month};
use crate::model::Choice;

pub use super::words::plural;

/// The text format.
pub struct Text;

impl Writer for Text {
    type Part = String;

    fn costs(f: &Figures) -> String {
        format!("{}\n{}", costs(f), flips(f, super::words::FLIPS_IN_COSTS))
    }

    fn sensitivity(f: &Figures) -> String {
        let sc = f.sc;
        let t = f.sensitivity();
        let cur = sc.currency.as_str();
        let noun = t.target_names().0;
        let mut out = format!(
            "Sensitivity at {} requests/day: {noun} minus API is {}/day; break-even {}.\n\n",
            volume(sc.workload.requests_per_day),
            money(t.gap, cur),
            be_word(t.breakeven)
        );
        out.push_str(&format!(
            "  {:<26} {:>24}  {:>25}  {}\n",
            "input", "low → high", "gap low → high", "break-even low → high"
        ));
        for s in &t.swings {
            let [label, range, gap, be] = swing_cells(s, cur);
            let flips = words::swing_flips(s, t.now);
            let line = format!("  {label:<26} {range:>24}  {gap:>25}  {be:<25}  {flips}");
            out.push_str(line.trim_end());
            out.push('\n');
        }
        if t.swings.iter().any(|s| s.flips_any(t.now)) {
            out.push_str(&format!(
                "  (\"flips\": the recommendation, now {}, changes at that end)\n",
                words::verdict(t.now)
            ));
        }
        out.push('\n');
        out.push_str(&flips(f, usize::MAX));
        out
    }

    fn uncertainty(f: &Figures) -> String {
        let lines = words::uncertainty_lines(f.sc, f.uncertainty(), &f.held());
        if lines.is_empty() {
            let example: String = words::RANGE_EXAMPLE
                .lines()
                .map(|l| format!("  {l}\n"))
                .collect();
            return format!("{}\n{example}", words::NO_RANGES);
        }
        lines.iter().map(|l| format!("{l}\n")).collect()
    }

    fn timeline(f: &Figures) -> String {
        let (intro, answers) = words::timeline_lines(f.sc, f.timeline());
        let mut out = format!("{intro}\n");
        for a in answers {
            out.push_str(&format!("  {a}\n"));
        }
        out
    }

    /// The scenario's name and volume, the warnings, then the views a blank line apart.
    fn frame(f: &Figures, parts: Vec<(View, String)>, ctx: &Context) -> String {
        let sc = f.sc;
        let dated = if sc.prices_as_of.is_empty() {
            "prices undated".to_string()
        } else {
            format!("prices as of {}", sc.prices_as_of)
        };
        let mut out = format!("{} ({dated})\n", sc.name);
        out.push_str(&format!(
            "At {} requests/day, in {}\n\n",
            volume(f.outcome.requests_per_day),
            sc.currency
        ));
        for w in &ctx.warnings {
            out.push_str(&format!("warning: {w}\n"));
        }
        if !ctx.warnings.is_empty() {
            out.push('\n');
        }
        let parts: Vec<String> = parts.into_iter().map(|(_, p)| p).collect();
        out.push_str(&parts.join("\n"));
        if !ctx.notes.is_empty() {
            out.push_str("\nSources and assumptions\n");
            for n in &ctx.notes {
                out.push_str(&format!("  - {n}\n"));
            }
        }
        out
    }
}

/// The costs view: the options at the current volume, how each is served, break-even and
/// payback, and the recommendation.
fn costs(f: &Figures) -> String {
    [
        options(f),
        serving(f),
        breakeven_and_payback(f),
        recommendation(f),
    ]
    .concat()
}

/// The options' costs per day, per month and per 1k requests, aligned, with their marks.
fn options(f: &Figures) -> String {
    let sc = f.sc;
    let o = &f.outcome;
    let cur = sc.currency.as_str();
    let v = o.requests_per_day;
    let mut out = String::new();
    let mut rows = vec![
        (Choice::Api, format!("API ({})", sc.api.model)),
        (
            Choice::SelfHost,
            format!("Self-host ({})", sc.self_host.model),
        ),
        (
            Choice::Hybrid,
            format!("Hybrid ({})", super::words::hybrid_split(sc)),
        ),
    ];
    if o.owned_enabled {
        rows.push((Choice::Owned, super::rent_or_buy::label(sc, o)));
    }
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
    // Padded by hand: a format width from a label's length (an API model's name) could pass
    // what `format!` accepts.
    let line = |r: [&str; 4], mark: &str| {
        use crate::sanitize::{pad_end, pad_start};
        format!(
            "  {}  {}  {}  {}{mark}\n",
            pad_end(r[0], width[0]),
            pad_start(r[1], width[1]),
            pad_start(r[2], width[2]),
            pad_start(r[3], width[3])
        )
    };
    out.push_str(&line(head, ""));
    for ((c, _), r) in rows.iter().zip(&cells) {
        // An option that cannot serve says so and is never marked cheapest; the cheapest
        // option the constraints exclude says so, and the recommendation is marked then
        // (docs/MODEL.md §6.4).
        let mark = match o.allowed.exclusion(*c) {
            Some(e) if e.cannot_serve() => format!("  <- {}", e.reason()),
            Some(e) if *c == o.cheapest_overall => format!("  <- cheapest, {}", e.reason()),
            _ if *c == o.cheapest_overall => "  <- cheapest".to_string(),
            _ if Some(*c) == o.recommendation.choice
                && !o.allowed.is_allowed(o.cheapest_overall) =>
            {
                "  <- recommended".to_string()
            }
            _ => String::new(),
        };
        out.push_str(&line([&r[0], &r[1], &r[2], &r[3]], &mark));
    }
    out
}

/// How self-hosting and the hybrid are served, and the owned fleet.
fn serving(f: &Figures) -> String {
    let sc = f.sc;
    let o = &f.outcome;
    let cur = sc.currency.as_str();
    let mut out = String::new();
    let s = &o.self_host;
    let billing = sc
        .self_host
        .billing
        .describe()
        .map_or(String::new(), |b| format!(", {b}"));
    out.push_str(&format!(
        "\nSelf-hosting  {} × {} ({}), peak utilization {}{billing}\n",
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
        "Hybrid        {} local {}/day, API {}/day\n",
        plural(o.hybrid.local.replicas, "replica"),
        money(o.hybrid.local.usd_per_day, cur),
        money(o.hybrid.api.usd_per_day, cur)
    ));
    if super::words::tiered(sc) {
        out.push_str(&format!(
            "              {}\n",
            super::words::tiers_sentence(sc, o)
        ));
    }
    out.push('\n');

    if o.owned_enabled {
        for line in super::rent_or_buy::sentences(sc, o) {
            out.push_str(&format!("{line}\n"));
        }
        out.push('\n');
    }
    out
}

/// Break-even, crossings and payback (the recommended hybrid's first when it is).
fn breakeven_and_payback(f: &Figures) -> String {
    let sc = f.sc;
    let o = &f.outcome;
    let cur = sc.currency.as_str();
    let mut out = String::new();
    let breakeven = match o.breakeven_requests_per_day {
        Some(b) => format!(
            "{} requests/day (self-hosting stays cheaper from here)",
            volume(b)
        ),
        None => format!("never: {}", crate::wording::never(never(&o.rates), cur)),
    };
    if o.recommendation.choice == Some(Choice::Hybrid) {
        // The recommended option's break-even comes first; the contract's follows.
        let hybrid = match o.recommended_breakeven_requests_per_day {
            Some(b) => format!(
                "{} requests/day, never dearer than the API from here",
                volume(b)
            ),
            None => "never: it does not undercut the API for good".into(),
        };
        out.push_str(&format!("Break-even    hybrid (recommended): {hybrid}\n"));
        out.push_str(&format!("              self-hosting: {breakeven}\n"));
    } else {
        out.push_str(&format!("Break-even    {breakeven}\n"));
    }
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
    if o.recommendation.choice == Some(Choice::Hybrid) {
        // The recommended option's payback first, as with the break-even.
        let hybrid = o.recommended_payback_months.map_or(
            "none: the hybrid saves nothing at this volume".into(),
            months,
        );
        out.push_str(&format!(
            "Payback       hybrid (recommended): {hybrid}\n              self-hosting: {payback}\n\n"
        ));
    } else {
        out.push_str(&format!("Payback       {payback}\n\n"));
    }
    out
}

/// The recommendation and its reasons.
fn recommendation(f: &Figures) -> String {
    let o = &f.outcome;
    let mut out = String::new();
    let r = &o.recommendation;
    out.push_str(&format!(
        "Recommendation: {} (decided by {})\n",
        crate::wording::verdict(r.choice),
        r.criterion
    ));
    for reason in &f.reasons {
        out.push_str(&format!("  - {reason}\n"));
    }
    out
}

/// The flip table (docs/MODEL.md §7.4), aligned: its `limit` nearest rows, and how many more
/// the sensitivity view lists.
fn flips(f: &Figures, limit: usize) -> String {
    let t = f.flips();
    let mut out = format!(
        "What would flip the answer ({}):\n",
        super::words::flips_scope(t, limit)
    );
    let cur = f.sc.currency.as_str();
    let cells: Vec<[String; 4]> = t
        .rows
        .iter()
        .take(limit)
        .map(|r| super::words::flip_cells(r, cur))
        .collect();
    if cells.is_empty() {
        return out;
    }
    let head = ["input", "now", "flips", "to"].map(String::from);
    let width: Vec<usize> = (0..3)
        .map(|i| {
            cells
                .iter()
                .chain([&head])
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in [&head].into_iter().chain(&cells) {
        use crate::sanitize::{pad_end, pad_start};
        out.push_str(&format!(
            "  {}  {}  {}  {}\n",
            pad_end(&r[0], width[0]),
            pad_start(&r[1], width[1]),
            pad_end(&r[2], width[2]),
            r[3]
        ));
    }
    out
}
