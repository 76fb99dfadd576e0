//! Wording shared by the text and Markdown reports, so both say the same thing.

use crate::figures::{money, num, percent, volume};
use crate::model::fields;
use crate::model::flips::Verdict;
use crate::model::flips::{Flip, Flips, Point, Side};
use crate::model::sensitivity::{Held, Swing};
use crate::model::timeline::{OwnedAnswers, Timeline};
use crate::model::uncertainty::MonteCarlo;
use crate::model::Choice;
use crate::model::Scenario;

/// `1 replica`, `3 replicas`, `1,000,000 samples`.
pub fn plural(n: f64, noun: &str) -> String {
    if n == 1.0 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", volume(n))
    }
}

/// A break-even volume, or "never".
pub fn breakeven(b: Option<f64>) -> String {
    b.map_or("never".into(), volume)
}

/// An input's label in the key table, or its key.
pub fn label(key: &str) -> String {
    fields::field(key).map_or(key.to_string(), |f| f.label.to_string())
}

/// A key's value as a person reads it: "44.4%", "256.35 req/day", "$4.59/GPU-h", "yes".
pub fn key_value(key: &str, x: f64, cur: &str) -> String {
    let Some(f) = fields::field(key) else {
        return num(x);
    };
    if f.kind == fields::Kind::Bool {
        return if x > 0.5 { "yes" } else { "no" }.into();
    }
    if f.is_share() {
        return percent(x);
    }
    if let Some(per) = f.unit.strip_prefix('/') {
        let m = if x != 0.0 && x.abs() < 0.1 {
            format!("${}", num(x))
        } else {
            money(x, cur)
        };
        return format!("{m}/{per}");
    }
    // "1 GPU", "2 GPUs"; "1 replica".
    let unit = if x == 1.0 {
        f.unit.strip_suffix('s').unwrap_or(f.unit)
    } else {
        f.unit
    };
    if unit.is_empty() {
        num(x)
    } else {
        format!("{} {unit}", num(x))
    }
}

/// One row of the flip table (docs/MODEL.md §7.4): the input, its value now, where the answer
/// flips ("below 256.35 req/day", "above 10 h/month", "below … or above …", "yes") and to what
/// ("API (cost)", "no option can serve (privacy)", "API (Self-host cannot serve: context window
/// 32,768)").
pub fn flip_cells(r: &Flip, cur: &str) -> [String; 4] {
    let at = |p: Point| match p {
        Point::Number(x) => key_value(r.key, x, cur),
        Point::Switch(b) => key_value(r.key, f64::from(u8::from(b)), cur),
    };
    let side = |s: Option<Side>, word: &str| s.map(|s| format!("{word} {}", at(s.at)));
    let change = match (r.below, r.above) {
        (
            Some(Side {
                at: Point::Switch(b),
                ..
            }),
            _,
        )
        | (
            _,
            Some(Side {
                at: Point::Switch(b),
                ..
            }),
        ) => key_value(r.key, f64::from(u8::from(b)), cur),
        (b, a) => [side(b, "below"), side(a, "above")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" or "),
    };
    [
        label(r.key),
        key_value(r.key, r.value, cur),
        change,
        flip_to(r),
    ]
}

/// "Self-host (cost)": what a flip changes the answer to, and the criterion that decides; or,
/// when today's option stops being able to serve there, "API (Self-host cannot serve: context
/// window 32,768)" ("no option can serve (Self-host cannot serve: …)" when none can).
pub fn flip_to(r: &Flip) -> String {
    match r.cannot_serve {
        Some(c) => format!(
            "{} ({})",
            r.to.map_or("no option can serve", Choice::label),
            crate::wording::flip_cannot_serve(c)
        ),
        None => verdict(Verdict {
            choice: r.to,
            criterion: r.reason,
        }),
    }
}

/// "API (operations)": a verdict's option and the criterion that decides ("no option can
/// serve (privacy)" when none may).
pub fn verdict(v: Verdict) -> String {
    format!(
        "{} ({})",
        v.choice.map_or("no option can serve", Choice::label),
        v.criterion.key()
    )
}

/// A tornado row's verdict flips (docs/MODEL.md §7.1): "" when neither end changes the
/// answer, else "flips: high → API (operations)", "flips: low → Self-host (cost); high → …".
pub fn swing_flips(s: &Swing, now: Verdict) -> String {
    let [low, high] = s.flips(now);
    let parts: Vec<String> = [("low", low), ("high", high)]
        .into_iter()
        .filter_map(|(end, v)| v.map(|v| format!("{end} → {}", verdict(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("flips: {}", parts.join("; "))
    }
}

/// The levers the Monte Carlo shown at most in the reports' line; the rest are counted.
pub const HELD_SHOWN: usize = 6;

/// "conditional on (held, not sampled): Batch share 0%, Local share 70%, … and 9 more", or
/// `None` when every lever has a range (docs/MODEL.md §7.2).
pub fn held_line(held: &[Held], cur: &str, shown: usize) -> Option<String> {
    if held.is_empty() {
        return None;
    }
    let mut items: Vec<String> = held
        .iter()
        .take(shown)
        .map(|h| format!("{} {}", label(h.key), key_value(h.key, h.value, cur)))
        .collect();
    if held.len() > shown {
        items.push(format!("and {} more", held.len() - shown));
    }
    Some(format!(
        "conditional on (held at today's value, not sampled): {}",
        items.join(", ")
    ))
}

/// Rows of the flip table the costs view shows (nearest first); the sensitivity view shows
/// them all.
pub const FLIPS_IN_COSTS: usize = 6;

/// What the flip table covers: "each input alone, inside its allowed range; 6 nearest of 12,
/// all in --view sensitivity", or "nothing flips it: …".
pub fn flips_scope(t: &Flips, limit: usize) -> String {
    if t.rows.is_empty() {
        return format!(
            "nothing flips it: none of the {} inputs tried, moved alone inside its allowed range, changes the recommendation",
            t.keys
        );
    }
    let shown = if t.rows.len() > limit {
        format!(
            "{limit} nearest of {}, all in --view sensitivity",
            t.rows.len()
        )
    } else {
        format!(
            "{} of the {} inputs tried, nearest first",
            t.rows.len(),
            t.keys
        )
    };
    format!("each input alone, inside its allowed range; {shown}")
}

/// One tornado row: label, "low → high", gap low → high, break-even low → high.
pub fn swing_cells(s: &Swing, cur: &str) -> [String; 4] {
    [
        label(s.key),
        format!("{} → {}", num(s.low), num(s.high)),
        format!("{} → {}", money(s.gap_low, cur), money(s.gap_high, cur)),
        format!(
            "{} → {}",
            breakeven(s.breakeven_low),
            breakeven(s.breakeven_high)
        ),
    ]
}

/// What the Monte Carlo says, one sentence a line (empty without [uncertainty] ranges); the
/// last says which levers it held at their values (`held`).
pub fn uncertainty_lines(sc: &Scenario, m: &MonteCarlo, held: &[Held]) -> Vec<String> {
    if sc.uncertainty.ranges.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        format!(
            "{} (seed {}) over {}.",
            plural(m.samples as f64, "sample"),
            sc.uncertainty.seed,
            plural(sc.uncertainty.ranges.len() as f64, "uncertain input")
        ),
        format!(
            "Chance self-hosting is cheaper than the API at the current volume: {}",
            percent(m.p_self_host_cheaper)
        ),
        format!(
            "Break-even P10 / P50 / P90: {} / {} / {} requests/day ({} of samples never break even)",
            breakeven(m.breakeven[0]),
            breakeven(m.breakeven[1]),
            breakeven(m.breakeven[2]),
            percent(m.never_share)
        ),
    ];
    // docs/MODEL.md §7.3: the owned fleet's chances, when it is offered.
    if let Some(o) = &m.owned {
        lines.insert(
            2,
            format!(
                "Chance the owned fleet is cheaper than the API there: {}; that it is the cheapest of the four options: {}",
                percent(o.p_cheaper),
                percent(o.p_cheapest)
            ),
        );
    }
    // docs/MODEL.md §6.4: the chance for the recommended hybrid too.
    if crate::model::Outcome::evaluate(sc).challenger() == crate::model::Choice::Hybrid {
        lines.insert(
            2,
            format!(
                "Chance the hybrid (recommended) is cheaper than the API there: {}",
                percent(m.p_hybrid_cheaper)
            ),
        );
    }
    if let Some(h) = held_line(held, &sc.currency, HELD_SHOWN) {
        lines.push(format!("{}.", crate::wording::capitalised(&h)));
    }
    lines
}

/// Said instead of the Monte Carlo lines when the preset has no [uncertainty] ranges.
pub const NO_RANGES: &str = "No [uncertainty] ranges: the bands collapse onto the point estimates. Add ranges to the preset, e.g.";
/// The example under [`NO_RANGES`].
pub const RANGE_EXAMPLE: &str = "[uncertainty.self_host]\ndecode_tokens_per_second = [1800, 3200]";

/// "API token prices change -30% a year; GPU prices change -20% a year, applied month by
/// month.", or `None` when prices stay as they are today (docs/MODEL.md §6.11).
pub fn price_changes_line(sc: &Scenario) -> Option<String> {
    let g = &sc.growth;
    let signed = |x: f64| {
        if x > 0.0 {
            format!("+{}", percent(x))
        } else {
            percent(x)
        }
    };
    let parts: Vec<String> = [
        ("API token prices", g.api_price_change_per_year),
        ("GPU prices", g.gpu_price_change_per_year),
        ("GPU purchase prices", g.purchase_price_change_per_year),
    ]
    .iter()
    .filter(|(_, x)| *x != 0.0)
    .map(|(what, x)| format!("{what} change {} a year", signed(*x)))
    .collect();
    (!parts.is_empty()).then(|| format!("{}, applied month by month.", parts.join("; ")))
}

/// The timeline's opening sentence and its answers: three, then two on the owned fleet when
/// it is offered (docs/MODEL.md §8.1).
pub fn timeline_lines(sc: &Scenario, t: &Timeline) -> (String, Vec<String>) {
    let cur = sc.currency.as_str();
    let steps = if sc.growth.steps.is_empty() {
        String::new()
    } else {
        let steps: Vec<String> = sc
            .growth
            .steps
            .iter()
            .map(|s| format!("month {}: ×{}", s.month, s.factor))
            .collect();
        format!(", with {}", steps.join(", "))
    };
    let prices = price_changes_line(sc).map_or(String::new(), |l| format!(" {l}"));
    let intro = format!(
        "{} months from {} requests/day, growing {} a month{steps}.{prices}",
        sc.growth.horizon_months,
        volume(sc.workload.requests_per_day),
        percent(sc.growth.monthly_rate),
    );
    let switch = match t.best_switch_month {
        Some(m) => format!(
            "Best month to switch from the API{}: month {m}, saving {} by month {}.",
            t.switch_phrase(),
            money(t.savings_at_horizon, cur),
            sc.growth.horizon_months
        ),
        None => t.no_switch_sentence().unwrap_or_default(),
    };
    // The month answers are the challenger's (docs/MODEL.md §8); none when the API is
    // excluded (nothing to compare with).
    let mut answers = Vec::new();
    if t.api_excluded.is_none() {
        answers.push(format!(
            "{}.",
            first_below(
                &format!("{}'s monthly cost", t.challenger_noun()),
                t.first_month_cheaper
            )
        ));
        answers.push(format!(
            "{}.",
            first_below("Its cumulative cost, setup repaid,", t.first_month_repaid)
        ));
    }
    answers.push(switch);
    if let Some(o) = &t.owned {
        answers.extend(t.api_excluded.is_none().then(|| {
            format!(
                "{}; {}.",
                first_below(
                    "The owned fleet's monthly cost, depreciation included,",
                    o.first_month_cheaper
                ),
                first_below(
                    "its cash paid, setup and servers included,",
                    o.first_month_repaid
                )
            )
        }));
        answers.push(rent_or_buy_over_horizon(sc, o, t.owned_switch_month()));
    }
    // Reservations billed through their term (docs/MODEL.md §8.3).
    if let Some(line) = t.committed_line(sc.self_host.billing.reserved_term_months, cur) {
        answers.push(line);
    }
    // Options the constraints exclude once the traffic grows (docs/MODEL.md §8.2).
    for line in t.later_exclusion_lines() {
        answers.push(format!("{line}, as the traffic grows."));
    }
    (intro, answers)
}

/// "`what` first falls below the API's in month 3", or "`what` never falls below the API's
/// within the horizon".
fn first_below(what: &str, month: Option<u32>) -> String {
    match month {
        Some(m) => format!("{what} first falls below the API's in month {m}"),
        None => format!("{what} never falls below the API's within the horizon"),
    }
}

/// Whether buying beats renting over the timeline's horizon, and by how much, both started in
/// month 1. When the best switch (`switch`, from `Timeline::owned_switch_month`) buys later, say
/// so: it can buy while renting wins from month 1 (the first months' servers would stand idle).
pub fn rent_or_buy_over_horizon(sc: &Scenario, o: &OwnedAnswers, switch: Option<u32>) -> String {
    let sentence = rent_or_buy_from_month_1(sc, o);
    match switch {
        // Only worth saying when renting wins from month 1; else it repeats the sentence.
        Some(k) if k > 1 && o.saving_over_renting <= 0.0 => format!(
            "{sentence} Bought from month {k}, as the best switch does, the owned fleet costs \
             less than GPUs rented from then."
        ),
        _ => sentence,
    }
}

fn rent_or_buy_from_month_1(sc: &Scenario, o: &OwnedAnswers) -> String {
    let cur = sc.currency.as_str();
    let h = sc.growth.horizon_months;
    let books = format!(
        "{} of servers bought, {} still on the books",
        money(o.purchases, cur),
        money(o.book_value_at_horizon, cur)
    );
    match o.first_month_buying_beats_renting {
        Some(m) if o.saving_over_renting > 0.0 => format!(
            "Started together in month 1, buying is ahead of renting from month {m}: by month {h} \
             the owned fleet has cost {} less than rented GPUs ({books}).",
            money(o.saving_over_renting, cur)
        ),
        Some(m) => format!(
            "Started together in month 1, buying was ahead of renting in month {m}, but by month {h} the \
             owned fleet has cost {} more than rented GPUs ({books}).",
            money(-o.saving_over_renting, cur)
        ),
        None => format!(
            "Started together in month 1, renting beats buying over the {h} months: by month {h} the owned \
             fleet has cost {} more than rented GPUs ({books}).",
            money(-o.saving_over_renting, cur)
        ),
    }
}

/// The hybrid's split for its label: `70% local`, or `60% local, 30% GPT-4o mini` with a cheap
/// tier (docs/MODEL.md §6.5).
pub fn hybrid_split(sc: &Scenario) -> String {
    let h = &sc.hybrid;
    if h.cheap_share > 0.0 {
        format!(
            "{} local, {} {}",
            percent(h.local_share),
            percent(h.cheap_share),
            h.cheap_model
        )
    } else {
        format!("{} local", percent(h.local_share))
    }
}

/// Whether the scenario uses any of §6.5's terms: a cheap tier, escalation, reasoning tokens
/// or the local model's own output size. Without them the reports read as before.
pub fn tiered(sc: &Scenario) -> bool {
    let h = &sc.hybrid;
    h.cheap_share > 0.0
        || h.local_escalation_rate > 0.0
        || sc.api.reasoning_output_multiplier != 1.0
        || sc.workload.local_output_tokens > 0.0
}

/// The hybrid's API tiers in one sentence: each tier's model, requests sent per request of
/// volume (escalations included) and cost per day; then escalation, reasoning tokens and the
/// local output size when they are on.
pub fn tiers_sentence(sc: &Scenario, o: &crate::model::Outcome) -> String {
    let cur = sc.currency.as_str();
    let (h, r) = (&sc.hybrid, &o.rates);
    let frontier = o.rates.hybrid_frontier_usd(o.requests_per_day);
    let mut s = format!(
        "frontier {} {}/day ({} of requests)",
        sc.api.model,
        money(frontier, cur),
        percent(r.frontier_fraction)
    );
    if r.cheap_fraction > 0.0 {
        s.push_str(&format!(
            ", cheap {} {}/day ({}; {} in / {} out / {} cached per M tokens)",
            h.cheap_model,
            money(o.hybrid.cheap_usd_per_day, cur),
            percent(r.cheap_fraction),
            money(h.cheap_input_per_mtok, cur),
            money(h.cheap_output_per_mtok, cur),
            money(h.cheap_cached_input_per_mtok, cur)
        ));
    }
    if h.local_escalation_rate > 0.0 || (h.cheap_share > 0.0 && h.cheap_escalation_rate > 0.0) {
        s.push_str(&format!(
            "; re-sent: {} of local answers, {} of cheap answers",
            percent(h.local_escalation_rate),
            percent(if h.cheap_share > 0.0 {
                h.cheap_escalation_rate
            } else {
                0.0
            })
        ));
    }
    if sc.api.reasoning_output_multiplier != 1.0 {
        s.push_str(&format!(
            "; API output billed ×{} (reasoning tokens)",
            num(sc.api.reasoning_output_multiplier)
        ));
    }
    if sc.workload.local_output_tokens > 0.0 {
        s.push_str(&format!(
            "; the local model writes {} output tokens",
            volume(sc.workload.local_output_tokens)
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::timeline::timeline;

    /// The timeline's answers read as sentences whether or not the month comes (they read
    /// "first falls below the API's in not within the horizon").
    #[test]
    fn timeline_answers_read_with_and_without_a_month() {
        let mut sc = Scenario::default();
        sc.owned.enabled = true;
        let (_, never) = timeline_lines(&sc, &timeline(&sc));
        assert_eq!(
            never[..2],
            [
                "Self-hosting's monthly cost never falls below the API's within the horizon.",
                "Its cumulative cost, setup repaid, never falls below the API's within the horizon."
            ]
        );
        assert_eq!(
            never[3],
            "The owned fleet's monthly cost, depreciation included, never falls below the API's \
             within the horizon; its cash paid, setup and servers included, never falls below the \
             API's within the horizon."
        );
        sc.workload.requests_per_day = 1_000_000.0;
        let (_, soon) = timeline_lines(&sc, &timeline(&sc));
        assert_eq!(
            soon[..2],
            [
                "Self-hosting's monthly cost first falls below the API's in month 1.",
                "Its cumulative cost, setup repaid, first falls below the API's in month 1."
            ]
        );
        assert!(
            soon[3].starts_with("The owned fleet's monthly cost, depreciation included, first falls below the API's in month 1; its cash paid, setup and servers included, first falls below the API's in month 3"),
            "{}",
            soon[3]
        );
        assert!(!soon.iter().chain(&never).any(|l| l.contains("in not")));
    }
}
