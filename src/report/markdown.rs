//! `--format markdown`: the meeting-ready report. Verdict first, then the costs now and at
//! 1k–1M requests/day, break-even and payback, the assumptions, and an appendix deriving every
//! headline figure.

use super::words::{self, plural, swing_cells};
use super::{Context, Figures, View, Writer};
use crate::figures::{money, months, percent, volume};
use crate::model::breakeven::never;
use crate::model::derivation::derivations;
use crate::model::outcome::per_month;
use crate::model::Choice;

/// Volumes of the "at other scales" table.
pub const SCALES: [f64; 4] = [1_000.0, 10_000.0, 100_000.0, 1_000_000.0];

/// Rows of the tornado in the costs view's "What moves the answer" (the sensitivity view
/// lists them all).
pub const TORNADO_ROWS: usize = 6;

/// The Markdown format.
pub struct Markdown;

impl Writer for Markdown {
    type Part = String;

    fn costs(f: &Figures) -> String {
        costs(f)
    }

    fn sensitivity(f: &Figures) -> String {
        format!(
            "## Sensitivity\n\n{}\n## What would flip the answer\n\n{}",
            tornado(f, usize::MAX),
            flips(f, usize::MAX)
        )
    }

    fn uncertainty(f: &Figures) -> String {
        let lines = words::uncertainty_lines(f.sc, f.uncertainty(), &f.held());
        let body = if lines.is_empty() {
            format!(
                "{}\n\n```toml\n{}\n```\n",
                words::NO_RANGES,
                words::RANGE_EXAMPLE
            )
        } else {
            lines.iter().map(|l| format!("- {l}\n")).collect()
        };
        format!("## Uncertainty\n\n{body}")
    }

    fn timeline(f: &Figures) -> String {
        format!("## Growth timeline\n\n{}", timeline(f))
    }

    /// Title (with the verdict when the costs view is in), warnings, chart link, the views,
    /// then the footer.
    fn frame(f: &Figures, parts: Vec<(View, String)>, ctx: &Context) -> String {
        let sc = f.sc;
        let o = &f.outcome;
        let r = &o.recommendation;
        let with_costs = parts.iter().any(|(v, _)| *v == View::Costs);
        let mut out = String::new();
        if with_costs {
            out.push_str(&format!(
                "# {}: {}\n\n",
                sc.name,
                crate::wording::verdict(r.choice)
            ));
        } else {
            out.push_str(&format!("# {}\n\n", sc.name));
        }
        if !sc.description.is_empty() {
            out.push_str(&format!("_{}_\n\n", sc.description));
        }
        if with_costs {
            out.push_str(&format!(
                "**Verdict: {}** at {} requests/day (decided by {}).\n\n",
                crate::wording::verdict(r.choice),
                volume(o.requests_per_day),
                r.criterion
            ));
            for reason in &f.reasons {
                out.push_str(&format!("- {reason}\n"));
            }
        }
        if !ctx.warnings.is_empty() {
            if with_costs {
                out.push('\n');
            }
            for w in &ctx.warnings {
                out.push_str(&format!("> **Warning:** {w}\n>\n"));
            }
        }
        if let Some(link) = &ctx.chart_link {
            out.push_str(&format!("\n![Daily cost against daily volume]({link})\n"));
        }
        for (i, (_, part)) in parts.iter().enumerate() {
            if i > 0 || with_costs || !ctx.warnings.is_empty() || ctx.chart_link.is_some() {
                out.push('\n');
            }
            out.push_str(part);
        }
        if !ctx.notes.is_empty() {
            out.push_str("\n## Sources and assumptions\n\n");
            for n in &ctx.notes {
                out.push_str(&format!("- {n}\n"));
            }
        }
        if let Some(footer) = &ctx.footer {
            out.push_str(&format!("\n---\n{footer}\n"));
        }
        out
    }
}

/// The throughput the costs use, said as what it is: given, estimated, or no estimate.
fn rates_in_force(f: &Figures) -> String {
    let sh = &f.sc.self_host;
    let o = &f.outcome;
    match (o.serving.estimated_rates, &o.serving.estimate_error) {
        (Some((p, d)), _) => format!(
            "{} prefill and {} decode tokens/s per replica ({})",
            volume(p),
            volume(d),
            crate::calibrate::apply::estimate_words(f.sc, "ESTIMATE")
        ),
        (None, Some(_)) => format!(
            "no throughput estimate, so it cannot serve (its costs are priced at the given {} prefill and {} decode tokens/s for reference only)",
            volume(sh.prefill_tokens_per_second),
            volume(sh.decode_tokens_per_second)
        ),
        (None, None) => format!(
            "{} prefill and {} decode tokens/s per replica (given)",
            volume(sh.prefill_tokens_per_second),
            volume(sh.decode_tokens_per_second)
        ),
    }
}

/// The tornado's `limit` largest rows as a table.
fn tornado(f: &Figures, limit: usize) -> String {
    let sc = f.sc;
    let t = f.sensitivity();
    let cur = sc.currency.as_str();
    let (noun, short) = t.target_names();
    let cap = crate::wording::capitalised(noun);
    let mut out = format!(
        "{cap} minus API now: {}/day. Each input swung on its own (its [uncertainty] range, or ±{}; a share at 0 over its range), largest effect first; the recommendation now: {}.\n\n",
        money(t.gap, cur),
        percent(sc.uncertainty.swing),
        words::verdict(t.now)
    );
    out.push_str(&format!("| Input | Low → high | Gap ({short} − API) per day | Break-even (req/day) | Flips the answer |\n|---|---|---|---|---|\n"));
    for s in t.swings.iter().take(limit) {
        let [label, range, gap, be] = swing_cells(s, cur);
        let flips = match words::swing_flips(s, t.now) {
            x if x.is_empty() => "no".to_string(),
            x => format!("**{x}**"),
        };
        out.push_str(&format!("| {label} | {range} | {gap} | {be} | {flips} |\n"));
    }
    out
}

/// The timeline's opening sentence and its three answers as a list.
fn timeline(f: &Figures) -> String {
    let (intro, answers) = words::timeline_lines(f.sc, f.timeline());
    let mut out = format!("{intro}\n");
    for a in answers {
        out.push_str(&format!("- {a}\n"));
    }
    out
}

/// Costs now and at other scales, break-even and payback, what moves the answer, how sure,
/// growth, assumptions and the appendix.
/// "What moves the answer" (the tornado's first rows) and "What would flip the answer".
fn moves_and_flips(f: &Figures) -> String {
    format!(
        "\n## What moves the answer\n\n{}\n## What would flip the answer\n\n{}",
        tornado(f, TORNADO_ROWS),
        flips(f, words::FLIPS_IN_COSTS)
    )
}

/// The flip table (docs/MODEL.md §7.4) as a Markdown table: its `limit` nearest rows.
fn flips(f: &Figures, limit: usize) -> String {
    let t = f.flips();
    let scope = words::flips_scope(t, limit);
    let mut out = format!("{}.\n", crate::wording::capitalised(&scope));
    if t.rows.is_empty() {
        return out;
    }
    out.push_str("\n| Input | Now | Flips | To |\n|---|---:|---|---|\n");
    for r in t.rows.iter().take(limit) {
        let [a, b, c, d] = words::flip_cells(r, &f.sc.currency);
        out.push_str(&format!("| {a} | {b} | {c} | {d} |\n"));
    }
    out
}

/// The costs view: the options at the current volume, at other scales, break-even and
/// payback, what moves the answer, how sure, growth, assumptions and the appendix.
fn costs(f: &Figures) -> String {
    [
        options(f),
        scales(f),
        breakeven_and_payback(f),
        moves_and_flips(f),
        sure_and_growth(f),
        assumptions(f),
        appendix(f),
    ]
    .concat()
}

/// The options at the current volume, self-hosting's replicas and the owned fleet.
fn options(f: &Figures) -> String {
    let sc = f.sc;
    let o = &f.outcome;
    let cur = sc.currency.as_str();
    let m = |x: f64| money(x, cur);
    let mut out = String::new();
    out.push_str(&format!(
        "## Costs at {} requests/day ({cur})\n\n",
        volume(o.requests_per_day)
    ));
    out.push_str("| Option | Per day | Per month | Per 1k requests |\n|---|---:|---:|---:|\n");
    let mut rows = vec![
        (Choice::Api, format!("API ({})", sc.api.model)),
        (
            Choice::SelfHost,
            format!("Self-host ({} on {})", sc.self_host.model, sc.self_host.gpu),
        ),
        (
            Choice::Hybrid,
            format!("Hybrid ({})", super::words::hybrid_split(sc)),
        ),
    ];
    if o.owned_enabled {
        rows.push((Choice::Owned, super::rent_or_buy::label(sc, o)));
    }
    for (c, label) in rows {
        let day = o.usd_per_day(c);
        // Never bolded cheapest when it may not be taken (docs/MODEL.md §6.4).
        let label = match o.allowed.exclusion(c) {
            Some(e) if e.cannot_serve() => format!("{label} ({})", e.reason()),
            Some(e) if c == o.cheapest_overall => format!("{label} (cheapest, {})", e.reason()),
            None if c == o.cheapest_overall => format!("**{label}** (cheapest)"),
            _ if Some(c) == o.recommendation.choice => format!("**{label}** (recommended)"),
            _ => label,
        };
        out.push_str(&format!(
            "| {label} | {} | {} | {} |\n",
            m(day),
            m(per_month(day)),
            o.usd_per_1k(c).map_or("n/a".into(), m)
        ));
    }
    let billing = sc
        .self_host
        .billing
        .describe()
        .map_or(String::new(), |b| format!(" ({b})"));
    out.push_str(&format!(
        "\nSelf-hosting runs {} of {} at {} peak utilization{billing}: GPU {}/day, \
         overhead {}/day, engineering {}/day.\n",
        plural(o.self_host.replicas, "replica"),
        plural(f64::from(sc.self_host.gpus_per_replica), "GPU"),
        percent(o.self_host.peak_utilization),
        m(o.self_host.gpu_usd_per_day),
        m(o.self_host.overhead_usd_per_day),
        m(o.self_host.engineering_usd_per_day)
    ));
    if o.owned_enabled {
        for line in super::rent_or_buy::sentences(sc, o) {
            out.push_str(&format!("\n{line}\n"));
        }
    }
    out
}

/// The options' daily cost at the fixed scales, and the cheapest allowed at each.
fn scales(f: &Figures) -> String {
    let sc = f.sc;
    let o = &f.outcome;
    let cur = sc.currency.as_str();
    let m = |x: f64| money(x, cur);
    let mut out = String::new();
    out.push_str("\n## At other scales (cost per day)\n\n");
    if o.owned_enabled {
        out.push_str("| Requests/day | API | Self-host | Hybrid | Owned | Cheapest allowed |\n|---:|---:|---:|---:|---:|---|\n");
    } else {
        out.push_str(
            "| Requests/day | API | Self-host | Hybrid | Cheapest allowed |\n|---:|---:|---:|---:|---|\n",
        );
    }
    let rules = crate::model::allowed::Rules::new(sc);
    for v in SCALES {
        let a = o.rates.api(v).usd_per_day;
        let s = o.rates.self_host(v).usd_per_day;
        let h = o.rates.hybrid(v).usd_per_day;
        let owned = if o.owned_enabled {
            let w = o.owned_rates.cost(&o.rates, v).usd_per_day;
            format!(" {} |", m(w))
        } else {
            String::new()
        };
        // The cheapest option that may be taken at that volume (docs/MODEL.md §6.4).
        let best = crate::wording::verdict(rules.cheapest_allowed_of(&o.rates, v, a, h, s));
        out.push_str(&format!(
            "| {} | {} | {} | {} |{owned} {} |\n",
            volume(v),
            m(a),
            m(s),
            m(h),
            best
        ));
    }
    out
}

/// Break-even, crossings and payback (the recommended hybrid's first when it is).
fn breakeven_and_payback(f: &Figures) -> String {
    let sc = f.sc;
    let o = &f.outcome;
    let cur = sc.currency.as_str();
    let m = |x: f64| money(x, cur);
    let mut out = String::new();
    out.push_str("\n## Break-even and payback\n\n");
    if o.recommendation.choice == Some(Choice::Hybrid) {
        // The recommended option's break-even comes first; the contract's follows.
        match o.recommended_breakeven_requests_per_day {
            Some(b) => out.push_str(&format!(
                "- **Break-even of the recommended hybrid:** {} requests/day. From there on, the hybrid is never dearer than the API.\n",
                volume(b)
            )),
            None => out.push_str("- **Break-even of the recommended hybrid:** never: it does not undercut the API for good.\n"),
        }
    }
    match o.breakeven_requests_per_day {
        Some(b) => out.push_str(&format!(
            "- **Break-even:** {} requests/day. From there on, self-hosting is never dearer than the API.\n",
            volume(b)
        )),
        None => out.push_str(&format!("- **Break-even:** never: {}.\n", crate::wording::never(never(&o.rates), cur))),
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
    if o.recommendation.choice == Some(Choice::Hybrid) {
        out.push_str(&match o.recommended_payback_months {
            Some(p) => format!(
                "- **Payback of the recommended hybrid:** {} at the current volume.\n",
                months(p)
            ),
            None => "- **Payback of the recommended hybrid:** none, it saves nothing at the current volume.\n".into(),
        });
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
    out
}

/// How sure (with uncertainty ranges) and the timeline (with growth or price changes).
fn sure_and_growth(f: &Figures) -> String {
    let sc = f.sc;
    let mut out = String::new();
    if !sc.uncertainty.ranges.is_empty() {
        out.push_str("\n## How sure\n\n");
        for line in words::uncertainty_lines(sc, f.uncertainty(), &f.held()) {
            out.push_str(&format!("- {line}\n"));
        }
    }
    if sc.growth.monthly_rate != 0.0
        || !sc.growth.steps.is_empty()
        || words::price_changes_line(sc).is_some()
    {
        out.push_str("\n## As traffic grows\n\n");
        out.push_str(&timeline(f));
    }
    out
}

/// Every input the figures rest on, as a two-column table.
fn assumptions(f: &Figures) -> String {
    let sc = f.sc;
    let o = &f.outcome;
    let cur = sc.currency.as_str();
    let m = |x: f64| money(x, cur);
    let mut out = String::new();
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
            "{} on {} × {} at {}/GPU-hour; {}; target utilization {}; at least {}; overhead {} of GPU spend + {}/month",
            sh.model, sh.gpus_per_replica, sh.gpu, m(sh.gpu_per_hour), rates_in_force(f),
            percent(sh.target_utilization), plural(f64::from(sh.min_replicas), "replica"),
            percent(sh.overhead_share), m(sh.fixed_per_month)
        )),
        ("Engineering", format!(
            "{}/hour; {} h setup over {} months; {} h/month upkeep",
            m(e.hourly_rate), volume(e.setup_hours), e.amortization_months, volume(e.maintenance_hours_per_month)
        )),
        ("Hybrid", if super::words::tiered(sc) {
            format!(
                "{} of requests served locally; {}",
                percent(sc.hybrid.local_share),
                super::words::tiers_sentence(sc, o)
            )
        } else {
            format!("{} of requests served locally", percent(sc.hybrid.local_share))
        }),
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
    out
}

/// How the numbers are computed: every derivation with its formula.
fn appendix(f: &Figures) -> String {
    let sc = f.sc;
    let o = &f.outcome;
    let mut out = String::new();
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
    out
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}
