//! `--format csv`: plain numbers for a spreadsheet, one header row per view.
//!
//! - Amounts of money (columns ending in `_usd`, `_usd_per_day` and the like) are rounded to
//!   the cent, always with two decimals; every other number to 6 significant digits, without
//!   trailing zeros. An absent value (a break-even that never happens) is an empty cell.
//! - Warnings come first, as `# warning: …` lines, then notes as `# note: …` lines, then, when
//!   the estimate uses a fit of the user's own runs (`crossover calibrate`), one
//!   `# calibration: runs=N,date=YYYY-MM-DD,latency_only=BOOL,file_hashes=H1;H2` line.
//! - `--view all`: each view is preceded by a `# view: NAME` line, and views are separated by
//!   one blank line (docs/MODEL.md §9).
//!
//! In the costs view, step volumes appear twice (the cost just before and just after a replica
//! is added), so the staircase is exact.

use super::{Context, Figures, View, Writer};
use crate::model::curve::curve;
use crate::model::recommend::cheapest;
use crate::model::Choice;

/// Log-spaced sample volumes in the CSV, besides the step volumes.
pub const SAMPLES: usize = 256;

/// The CSV format.
pub struct Csv;

impl Writer for Csv {
    type Part = String;

    fn costs(f: &Figures) -> String {
        let sc = f.sc;
        let o = &f.outcome;
        let owned = o.owned_enabled;
        let mut out = String::from(
            "requests_per_day,api_usd_per_day,self_host_usd_per_day,hybrid_usd_per_day,cheapest",
        );
        // With buying offered (docs/MODEL.md §6.9): the owned fleet's cost and the cheapest of
        // all four (its own server steps are not listed twice; the rented staircase's are).
        out.push_str(if owned {
            ",owned_usd_per_day,cheapest_overall\n"
        } else {
            "\n"
        });
        let points = curve(
            &f.outcome.rates,
            sc.chart.min_requests_per_day,
            sc.chart.max_requests_per_day,
            SAMPLES,
        );
        for p in points {
            let best = cheapest(&[
                (Choice::Api, p.api),
                (Choice::Hybrid, p.hybrid),
                (Choice::SelfHost, p.self_host),
            ]);
            out.push_str(&format!(
                "{},{},{},{},{}",
                sig(p.requests_per_day),
                cents(p.api),
                cents(p.self_host),
                cents(p.hybrid),
                best.key()
            ));
            if owned {
                let own = o.owned_rates.cost(&o.rates, p.requests_per_day).usd_per_day;
                let overall = cheapest(&[
                    (Choice::Api, p.api),
                    (Choice::Hybrid, p.hybrid),
                    (Choice::SelfHost, p.self_host),
                    (Choice::Owned, own),
                ]);
                out.push_str(&format!(",{},{}", cents(own), overall.key()));
            }
            out.push('\n');
        }
        out
    }

    fn sensitivity(f: &Figures) -> String {
        let mut out = String::from(
            "key,low,high,gap_usd_per_day_low,gap_usd_per_day_high,breakeven_low,breakeven_high,flips_low_to,flips_low_reason,flips_high_to,flips_high_reason\n",
        );
        let o = |x: Option<f64>| x.map_or(String::new(), sig);
        let t = f.sensitivity();
        // docs/MODEL.md §7.1: where a swing flips the verdict, to what ("none": no option can
        // serve) and why; empty where it does not.
        let flip = |v: Option<crate::model::flips::Verdict>| {
            v.map_or(",".to_string(), |v| {
                format!(
                    "{},{}",
                    v.choice.map_or("none", |c| c.key()),
                    v.criterion.key()
                )
            })
        };
        for s in &t.swings {
            let [low, high] = s.flips(t.now);
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{}\n",
                s.key,
                sig(s.low),
                sig(s.high),
                cents(s.gap_low),
                cents(s.gap_high),
                o(s.breakeven_low),
                o(s.breakeven_high),
                flip(low),
                flip(high)
            ));
        }
        out.push_str(&flip_table(f));
        out
    }

    fn uncertainty(f: &Figures) -> String {
        let m = f.uncertainty();
        let mut out = String::from("requests_per_day,api_p10_usd,api_p50_usd,api_p90_usd,self_host_p10_usd,self_host_p50_usd,self_host_p90_usd,hybrid_p10_usd,hybrid_p50_usd,hybrid_p90_usd");
        // The owned fleet's band last, only when it is offered (docs/MODEL.md §7.3).
        out.push_str(if m.owned.is_some() {
            ",owned_p10_usd,owned_p50_usd,owned_p90_usd\n"
        } else {
            "\n"
        });
        for (i, v) in m.volumes.iter().enumerate() {
            let cells: Vec<String> = [m.api[i], m.self_host[i], m.hybrid[i]]
                .iter()
                .chain(m.owned.as_ref().map(|o| &o.band[i]))
                .flatten()
                .map(|x| cents(*x))
                .collect();
            out.push_str(&format!("{},{}\n", sig(*v), cells.join(",")));
        }
        out
    }

    fn timeline(f: &Figures) -> String {
        let t = f.timeline();
        // The owned fleet's columns come last, only when it is offered (docs/MODEL.md §8.1).
        let owned = t.owned.is_some();
        let mut out = String::from("month,requests_per_day,api_usd,self_host_usd,hybrid_usd,cumulative_api_usd,cumulative_self_host_usd,cumulative_hybrid_usd,replicas");
        out.push_str(if owned {
            ",owned_usd,cumulative_owned_usd,servers,owned_purchase_usd,owned_depreciation_usd,owned_cash_usd,cumulative_owned_cash_usd\n"
        } else {
            "\n"
        });
        for m in &t.months {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{}",
                m.month,
                sig(m.requests_per_day),
                cents(m.api),
                cents(m.self_host),
                cents(m.hybrid),
                cents(m.cumulative_api),
                cents(m.cumulative_self_host),
                cents(m.cumulative_hybrid),
                sig(m.replicas)
            ));
            if owned {
                out.push_str(&format!(
                    ",{},{},{},{},{},{},{}",
                    cents(m.owned),
                    cents(m.cumulative_owned),
                    sig(m.servers),
                    cents(m.owned_purchase),
                    cents(m.owned_depreciation),
                    cents(m.owned_cash),
                    cents(m.cumulative_owned_cash)
                ));
            }
            out.push('\n');
        }
        out.push_str(&timeline_answers(t));
        out
    }

    fn frame(f: &Figures, parts: Vec<(View, String)>, ctx: &Context) -> String {
        let mut out: String = ctx
            .warnings
            .iter()
            .map(|w| format!("# warning: {}\n", w.replace(['\n', '\r'], " ")))
            .chain(
                ctx.notes
                    .iter()
                    .map(|w| format!("# note: {}\n", w.replace(['\n', '\r'], " "))),
            )
            .collect();
        // The fit of the user's own runs the estimate uses, as one machine-readable line.
        if let Some(fit) = crate::calibrate::apply::in_use(f.sc) {
            out.push_str(&fit.csv_header());
        }
        let single = parts.len() == 1;
        for (i, (view, part)) in parts.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if !single {
                out.push_str(&format!("# view: {}\n", view.key()));
            }
            out.push_str(part);
        }
        out
    }
}

/// A text cell, quoted as RFC 4180 has it (its quotes doubled): it may hold commas.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The flip table (docs/MODEL.md §7.4) after the tornado, as a table of its own: a
/// `# table: flips` line, then
/// `key,value,below,above,to,reason,cannot_serve,cannot_serve_kind,cannot_serve_text` (a
/// switch's sides as `true` or `false`, a side that does not flip empty, `to` = `none` when no
/// option can serve; the last three name today's option, why and the words every surface shows
/// ("Self-host cannot serve: context window 32,768", quoted) when it cannot serve at the
/// flipping value, else empty).
fn flip_table(f: &Figures) -> String {
    use crate::model::flips::{Point, Side};
    let point = |s: Option<Side>| match s.map(|s| s.at) {
        Some(Point::Number(x)) => sig(x),
        Some(Point::Switch(b)) => b.to_string(),
        None => String::new(),
    };
    let mut out = String::from(
        "# table: flips\nkey,value,below,above,to,reason,cannot_serve,cannot_serve_kind,cannot_serve_text\n",
    );
    for r in &f.flips().rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            r.key,
            sig(r.value),
            point(r.below),
            point(r.above),
            r.to.map_or("none", Choice::key),
            r.reason.key(),
            r.cannot_serve.map_or("", |c| c.option.key()),
            r.cannot_serve.map_or("", |c| c.why.key()),
            r.cannot_serve.map_or(String::new(), |c| quoted(
                &crate::wording::flip_cannot_serve(c)
            ))
        ));
    }
    out
}

/// The timeline's answers (docs/MODEL.md §8) after its months, as a table of one row: a
/// `# table: answers` line, then the header and the row; an absent month is empty.
fn timeline_answers(t: &crate::model::timeline::Timeline) -> String {
    let month = |m: Option<u32>| m.map_or(String::new(), |m| m.to_string());
    format!(
        "# table: answers\nchallenger,first_month_cheaper,first_month_repaid,best_switch_month,switch_to,savings_at_horizon_usd,api_excluded,cheapest_from_start\n{},{},{},{},{},{},{},{}\n",
        t.challenger.key(),
        month(t.first_month_cheaper),
        month(t.first_month_repaid),
        month(t.best_switch_month),
        t.switch_to.key(),
        cents(t.savings_at_horizon),
        t.api_excluded.map_or("", exclusion_key),
        t.cheapest_from_start.map_or("", Choice::key)
    )
}

/// Why the API is excluded, as a CSV cell: `privacy`, `operations`, `time-to-market`,
/// `quality` or `cannot-serve`.
fn exclusion_key(e: crate::model::allowed::Exclusion) -> &'static str {
    use crate::model::allowed::Exclusion;
    match e {
        Exclusion::Privacy => "privacy",
        Exclusion::Operations => "operations",
        Exclusion::Deadline => "time-to-market",
        Exclusion::Quality => "quality",
        Exclusion::CannotServe(_) => "cannot-serve",
    }
}

/// An amount of money, to the cent: `2504.16`, `0.00` (never `-0.00`).
pub fn cents(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        "0.00".into()
    } else {
        format!("{r:.2}")
    }
}

/// Any other number, to 6 significant digits without trailing zeros: `222.222`, `100800`,
/// `0.0375`, `1234570`.
pub fn sig(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return if x.is_finite() {
            "0".into()
        } else {
            x.to_string()
        };
    }
    let e = x.abs().log10().floor() as i32;
    let decimals = (5 - e).max(0) as usize;
    let s = if e > 5 {
        let scale = 10f64.powi(e - 5);
        format!("{:.0}", (x / scale).round() * scale)
    } else {
        format!("{x:.decimals$}")
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding() {
        assert_eq!(cents(2504.1620000000003), "2504.16");
        assert_eq!(cents(4999.99824040311), "5000.00");
        assert_eq!(cents(-0.001), "0.00");
        assert_eq!(cents(-12.346), "-12.35");
        assert_eq!(sig(222.22222), "222.222");
        assert_eq!(sig(100_800.0), "100800");
        assert_eq!(sig(1_234_567.0), "1234570");
        assert_eq!(sig(0.0375), "0.0375");
        assert_eq!(sig(0.1 + 0.2), "0.3");
        assert_eq!(sig(-2.5), "-2.5");
        assert_eq!(sig(0.0), "0");
        assert_eq!(sig(999_999.7), "1000000");
    }
}
