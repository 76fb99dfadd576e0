//! What the cost chart's side panel lists under "Assumptions", and what it gives up when room
//! is short: the blockers (why an option cannot serve) last of all; the engineering lines first, then the tokens, the throughput, the owned fleet's
//! inputs, the API's and GPU's prices (a footnote under the chart then keeps them) and the
//! warnings last. What was left off is counted ("+3 lines left off").

use super::canvas::Paint;
use super::chart::ChartInput;
use super::font::wrap;
use super::palette::{INK, MUTED};
use crate::figures::{money, num, percent, si, volume};

/// How soon a row goes when room is short: the later in this list, the sooner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Keep {
    /// The figures at the current volume and the verdict, and the count of what was left off.
    Always,
    /// The assessment's blockers: why an option cannot serve, or none can.
    Blocker,
    /// Warnings (stale prices, throughput past its ceiling, owned inputs not in the catalog).
    Warning,
    /// The heading and the API's and GPU's prices (a footnote keeps these when they go).
    Prices,
    Owned,
    Throughput,
    Tokens,
    Engineering,
    /// The blank line before the figures.
    Spacer,
}

/// One row of the panel: text, indented or not, bold or not, its colour, how long it stays.
pub(super) struct Row {
    pub(super) text: String,
    pub(super) indent: bool,
    pub(super) bold: bool,
    pub(super) paint: Paint,
    pub(super) keep: Keep,
}

pub(super) fn row(keep: Keep, text: impl Into<String>) -> Row {
    Row {
        text: text.into(),
        indent: false,
        bold: false,
        paint: Paint::solid(INK),
        keep,
    }
}

pub(super) fn indented(keep: Keep, text: impl Into<String>) -> Row {
    Row {
        indent: true,
        ..row(keep, text)
    }
}

pub(super) fn heading(keep: Keep, text: impl Into<String>) -> Row {
    Row {
        bold: true,
        ..row(keep, text)
    }
}

/// A warning's or blocker's `text` in rows at most `width` wide, continuation rows indented.
fn wrapped(keep: Keep, text: &str, em: f64, width: f64) -> Vec<Row> {
    wrap(text, em, width - em * 1.2)
        .into_iter()
        .enumerate()
        .map(|(i, l)| Row {
            indent: i > 0,
            ..row(keep, l)
        })
        .collect()
}

/// The prices' date, or "undated".
fn prices_as_of(input: &ChartInput) -> String {
    let sc = input.scenario;
    if sc.prices_as_of.is_empty() {
        "undated".to_string()
    } else {
        sc.prices_as_of.clone()
    }
}

/// Every assumption row, most lasting first within each kind; `em` and `width` wrap warnings.
pub(super) fn assumption_rows(input: &ChartInput, em: f64, width: f64) -> Vec<Row> {
    let sc = input.scenario;
    let cur = super::page::currency(sc);
    let m = |v: f64| money(v, &cur);
    let mut rows = vec![heading(
        Keep::Prices,
        format!("Assumptions (prices {})", prices_as_of(input)),
    )];
    // Why an option cannot serve, or none can: first, and the last rows given up.
    for b in &input.blockers {
        rows.extend(wrapped(Keep::Blocker, b, em, width));
    }
    // Stale or undated prices, throughput warnings and the owned fleet's figures that could
    // not follow its GPU from the catalog, where a reader of the chart cannot miss them.
    let owned_warnings = crate::model::owned_inputs::warnings(sc);
    for w in input
        .stale
        .iter()
        .chain(input.throughput.alerts())
        .chain(&owned_warnings)
    {
        rows.extend(wrapped(Keep::Warning, &format!("Warning: {w}"), em, width));
    }
    rows.extend([
        row(Keep::Prices, format!("API {}", sc.api.model)),
        indented(
            Keep::Prices,
            format!(
                "{} in · {} out per Mtok",
                m(sc.api.input_per_mtok),
                m(sc.api.output_per_mtok)
            ),
        ),
        row(
            Keep::Prices,
            format!(
                "GPU {} × {} per replica",
                sc.self_host.gpu, sc.self_host.gpus_per_replica
            ),
        ),
        indented(
            Keep::Prices,
            format!("{} per GPU-hour", m(sc.self_host.gpu_per_hour)),
        ),
    ]);
    rows.extend(throughput_rows(input, em, width));
    if input.outcome.owned_enabled {
        rows.extend(owned_rows(input));
    }
    rows.extend([
        row(
            Keep::Tokens,
            format!(
                "Tokens {} in · {} out per request",
                volume(sc.workload.input_tokens),
                volume(sc.workload.output_tokens)
            ),
        ),
        row(
            Keep::Engineering,
            format!(
                "Engineering {} h setup · {} h/month",
                volume(sc.engineering.setup_hours),
                volume(sc.engineering.maintenance_hours_per_month)
            ),
        ),
        indented(
            Keep::Engineering,
            format!("at {}/h", m(sc.engineering.hourly_rate)),
        ),
        row(Keep::Spacer, ""),
    ]);
    rows
}

/// The model's throughput: its name (wrapped), the rates in force, and what they are: the
/// estimate's note, or, when the estimate asked for could not be made, that the given rates
/// are for reference only (docs/MODEL.md §6.4).
fn throughput_rows(input: &ChartInput, em: f64, width: f64) -> Vec<Row> {
    let sc = input.scenario;
    let (prefill, decode) = input.throughput.rates;
    let estimated = input.throughput.estimated().is_some();
    let failed = matches!(input.throughput.estimate, Some(Err(_)));
    let mut rows = Vec::new();
    // A long model name wraps rather than ending in "…".
    let throughput = format!(
        "{} throughput{}",
        sc.self_host.model,
        if estimated {
            format!(
                " ({})",
                crate::calibrate::apply::estimate_words(sc, "estimate")
            )
        } else {
            String::new()
        }
    );
    rows.extend(
        wrap(&throughput, em, width - em * 1.2)
            .into_iter()
            .enumerate()
            .map(|(i, l)| Row {
                indent: i > 0,
                ..row(Keep::Throughput, l)
            }),
    );
    rows.extend([indented(
        Keep::Throughput,
        format!("{} prefill · {} decode tok/s", si(prefill), si(decode)),
    )]);
    if estimated {
        rows.push(indented(Keep::Throughput, input.throughput.note().0));
    }
    if failed {
        rows.push(indented(Keep::Throughput, crate::wording::REFERENCE_RATES));
    }
    rows
}

/// The owned fleet's inputs (docs/MODEL.md §6.9): what a GPU costs to buy, the server around
/// it, how long it is written off over, its power and its rack.
fn owned_rows(input: &ChartInput) -> Vec<Row> {
    let sc = input.scenario;
    let ow = &sc.owned;
    let cur = super::page::currency(sc);
    let m = |v: f64| money(v, &cur);
    vec![
        row(
            Keep::Owned,
            format!(
                "Owned {} at {} a GPU",
                sc.self_host.gpu,
                m(ow.gpu_purchase_price)
            ),
        ),
        indented(
            Keep::Owned,
            format!(
                "{} GPUs a server · server +{}",
                ow.gpus_per_server,
                percent(ow.server_overhead_share)
            ),
        ),
        indented(
            Keep::Owned,
            format!("written off over {} months", num(ow.depreciation_months)),
        ),
        indented(
            Keep::Owned,
            format!(
                "{} W a GPU · PUE {} · {}/kWh",
                num(ow.power_per_gpu_watts),
                num(ow.pue),
                m(ow.electricity_per_kwh)
            ),
        ),
        indented(
            Keep::Owned,
            format!(
                "colocation {} a server-month",
                m(ow.colocation_per_server_per_month)
            ),
        ),
    ]
}

/// The rows chosen to fit, and whether the API's and GPU's prices are among them.
pub(super) struct Chosen {
    pub(super) rows: Vec<Row>,
    pub(super) prices_shown: bool,
}

/// Each group (a row and the indented rows under it) as its first and one-past-last index.
fn groups(rows: &[Row]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match out.last_mut() {
            Some(g) if r.indent && rows[g.0].keep == r.keep => g.1 = i + 1,
            _ => out.push((i, i + 1)),
        }
    }
    out
}

/// The assumptions that fit in `fits` rows beside the `figures` (always kept): whole groups
/// are given up, the sooner-going kinds first and the last of a kind first, and a muted
/// "+N lines left off: engineering, tokens" says how many went and what, in the rows
/// `wrap` breaks it into (the later ones indented).
pub(super) fn choose(
    assumptions: Vec<Row>,
    figures: Vec<Row>,
    fits: usize,
    wrap: &dyn Fn(&str) -> Vec<String>,
) -> Chosen {
    let need = |shown: &[bool], named: bool| {
        let note = left_off(&assumptions, shown, named).map_or(0, |t| wrap(&t).len().max(1));
        shown.iter().filter(|s| **s).count() + figures.len() + note
    };
    // The rows kept with the count alone; what went is named too where room remains (never
    // at the cost of a row).
    let mut shown = give_up(&assumptions, &|s| need(s, false) <= fits);
    prices_together(&assumptions, &mut shown);
    let named = need(&shown, true) <= fits;
    let prices_shown = assumptions.iter().zip(&shown).any(|(r, s)| *s && price(r));
    let note = left_off(&assumptions, &shown, named);
    let mut rows: Vec<Row> = assumptions
        .into_iter()
        .zip(shown)
        .filter_map(|(r, s)| s.then_some(r))
        .collect();
    if let Some(text) = note {
        let at = rows
            .iter()
            .position(|r| r.keep == Keep::Spacer)
            .unwrap_or(rows.len());
        let lines = wrap(&text).into_iter().enumerate().map(|(i, l)| Row {
            paint: Paint::solid(MUTED),
            indent: i > 0,
            ..row(Keep::Always, l)
        });
        rows.splice(at..at, lines);
    }
    rows.extend(figures);
    Chosen { rows, prices_shown }
}

/// Which rows stay: whole groups given up, the sooner-going kinds first and the last of a
/// kind first, until `enough`.
fn give_up(assumptions: &[Row], enough: &dyn Fn(&[bool]) -> bool) -> Vec<bool> {
    let mut shown = vec![true; assumptions.len()];
    let gs = groups(assumptions);
    let mut kinds: Vec<Keep> = assumptions.iter().map(|r| r.keep).collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds.into_iter().rev().filter(|k| *k != Keep::Always) {
        for &(a, b) in gs.iter().rev().filter(|g| assumptions[g.0].keep == kind) {
            if enough(&shown) {
                return shown;
            }
            shown[a..b].fill(false);
        }
    }
    shown
}

/// An API or GPU price row (not the heading).
fn price(r: &Row) -> bool {
    r.keep == Keep::Prices && !r.bold
}

/// The prices go together or not at all: the footnote then holds them all.
fn prices_together(assumptions: &[Row], shown: &mut [bool]) {
    if assumptions.iter().zip(&*shown).any(|(r, s)| price(r) && !s) {
        for (r, s) in assumptions.iter().zip(shown.iter_mut()) {
            *s &= !price(r);
        }
    }
}

/// "+N lines left off: engineering, tokens" for the rows not `shown` (the prices going
/// together), what went by kind, the first given up first (only the count unless `named`);
/// `None` when nothing went.
fn left_off(assumptions: &[Row], shown: &[bool], named: bool) -> Option<String> {
    let mut shown = shown.to_vec();
    prices_together(assumptions, &mut shown);
    let prices_shown = assumptions.iter().zip(&shown).any(|(r, s)| *s && price(r));
    let gone: Vec<&Row> = assumptions
        .iter()
        .zip(&shown)
        .filter(|(r, s)| !**s && !r.text.is_empty())
        .map(|(r, _)| r)
        .collect();
    if gone.is_empty() {
        return None;
    }
    let mut what: Vec<&str> = Vec::new();
    for r in gone.iter().rev() {
        let name = kind_name(r.keep, prices_shown);
        if !what.contains(&name) {
            what.push(name);
        }
    }
    let lines = if gone.len() == 1 {
        "+1 line left off".to_string()
    } else {
        format!("+{} lines left off", gone.len())
    };
    Some(if named {
        format!("{lines}: {}", what.join(", "))
    } else {
        lines
    })
}

/// What a kind of row is called in the "+N lines left off: …" row; the prices, when they go,
/// are in the footnote below the chart.
fn kind_name(keep: Keep, prices_shown: bool) -> &'static str {
    match keep {
        Keep::Always | Keep::Spacer => "",
        Keep::Blocker => "blockers",
        Keep::Warning => "warnings",
        Keep::Prices if prices_shown => "prices",
        Keep::Prices => "prices (below the chart)",
        Keep::Owned => "owned fleet",
        Keep::Throughput => "throughput",
        Keep::Tokens => "tokens",
        Keep::Engineering => "engineering",
    }
}

/// The key prices in one line, for under a chart whose panel had no room for them.
pub(super) fn footnote(input: &ChartInput) -> [String; 3] {
    let sc = input.scenario;
    let cur = super::page::currency(sc);
    let m = |v: f64| money(v, &cur);
    let (i, o, g) = (
        m(sc.api.input_per_mtok),
        m(sc.api.output_per_mtok),
        m(sc.self_host.gpu_per_hour),
    );
    let named = format!(
        "API {} {i} in · {o} out per Mtok · GPU {} {g} per GPU-hour",
        sc.api.model, sc.self_host.gpu
    );
    [
        format!("Prices {}: {named}", prices_as_of(input)),
        named,
        format!("API {i} in · {o} out per Mtok · GPU {g} per GPU-hour"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &Chosen) -> Vec<&str> {
        c.rows.iter().map(|r| r.text.as_str()).collect()
    }

    fn sample() -> Vec<Row> {
        vec![
            heading(Keep::Prices, "Assumptions"),
            row(Keep::Warning, "Warning: old"),
            indented(Keep::Warning, "prices"),
            row(Keep::Prices, "API x"),
            indented(Keep::Prices, "$1 in"),
            row(Keep::Throughput, "throughput"),
            row(Keep::Tokens, "Tokens"),
            row(Keep::Engineering, "Engineering"),
            indented(Keep::Engineering, "at $100/h"),
            row(Keep::Spacer, ""),
        ]
    }

    #[test]
    fn engineering_goes_first_and_warnings_last() {
        let figures = || vec![row(Keep::Always, "Verdict")];
        let one = |t: &str| vec![t.to_string()];
        let all = choose(sample(), figures(), 20, &one);
        assert_eq!(all.rows.len(), 11);
        assert!(all.prices_shown);
        // Two rows short: the spacer and the engineering pair go, and the count says two lines.
        let c = choose(sample(), figures(), 9, &one);
        assert_eq!(
            texts(&c),
            [
                "Assumptions",
                "Warning: old",
                "prices",
                "API x",
                "$1 in",
                "throughput",
                "Tokens",
                "+2 lines left off: engineering",
                "Verdict"
            ]
        );
        // Room for four: the prices go (to the footnote), the warning stays whole.
        let c = choose(sample(), figures(), 5, &one);
        assert_eq!(
            texts(&c),
            [
                "Assumptions",
                "Warning: old",
                "prices",
                "+6 lines left off: engineering, tokens, throughput, prices (below the chart)",
                "Verdict"
            ]
        );
        assert!(!c.prices_shown);
        let c = choose(sample(), figures(), 2, &one);
        assert_eq!(
            texts(&c),
            [
                "+9 lines left off: engineering, tokens, throughput, prices (below the chart), warnings",
                "Verdict"
            ]
        );
        assert!(!c.prices_shown);
    }
}
