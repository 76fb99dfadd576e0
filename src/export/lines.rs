//! The options' lines: their points (none where a cost is $0 and cannot sit on a log axis),
//! where two options cost the same within [`SAME_WITHIN`] (decided on the costs, so the words
//! do not change with the image size), and where two lines would lie on top of each other in
//! pixels, so the later one is drawn a pixel or two aside and both show. No line is ever left
//! out.

use super::chart::ChartInput;
use crate::model::curve::CurvePoint;
use crate::model::Choice;

/// The options every chart draws today, in order.
pub const OPTIONS: [Choice; 3] = [Choice::Api, Choice::SelfHost, Choice::Hybrid];

/// Two costs within this fraction of the smaller are said to be the same ("≈ (within 3%)").
pub const SAME_WITHIN: f64 = 0.03;
/// A stretch of volumes must span at least this ratio to be said to be the same: two lines
/// crossing touch for a moment, and that is a crossing, not a likeness.
pub const SAME_SPAN: f64 = 1.25;

/// An option's daily cost at a curve point.
pub fn cost(p: &CurvePoint, c: Choice) -> f64 {
    match c {
        Choice::Api => p.api,
        Choice::SelfHost => p.self_host,
        Choice::Hybrid => p.hybrid,
        Choice::Owned => p.owned,
    }
}

/// Whether two positive costs are within [`SAME_WITHIN`] of the smaller.
pub fn within(a: f64, b: f64) -> bool {
    a > 0.0 && b > 0.0 && (a - b).abs() <= SAME_WITHIN * a.min(b)
}

/// One option's line: its points in pixels (`None` where not drawn) and what the legend says.
pub(super) struct Line {
    pub(super) choice: Choice,
    pub(super) pts: Vec<Option<(f64, f64)>>,
    /// Volume ranges where it costs the same as an earlier option within 3%, and which.
    pub(super) same_as: Vec<(f64, f64, Choice)>,
    /// Some of its costs are $0 and cannot sit on a log axis.
    pub(super) zero: bool,
}

/// What the side panel needs to know about the lines.
pub struct LineSummary {
    pub choice: Choice,
    pub same_as: Vec<(f64, f64, Choice)>,
    pub zero: bool,
}

pub(super) fn lines_summary(lines: &[Line]) -> Vec<LineSummary> {
    lines
        .iter()
        .map(|l| LineSummary {
            choice: l.choice,
            same_as: l.same_as.clone(),
            zero: l.zero,
        })
        .collect()
}

pub(super) fn cost_near(curve: &[CurvePoint], v: f64, c: Choice) -> f64 {
    curve
        .iter()
        .min_by(|a, b| {
            (a.requests_per_day / v)
                .ln()
                .abs()
                .total_cmp(&(b.requests_per_day / v).ln().abs())
        })
        .map_or(0.0, |p| cost(p, c))
}

/// The lines in axis units (log10), before the plot's pixel box is known.
pub(super) struct PreLine {
    pub(super) choice: Choice,
    pub(super) pts: Vec<Option<(f64, f64)>>,
    pub(super) zero: bool,
    pub(super) same_as: Vec<(f64, f64, Choice)>,
}

/// Runs of `true` in `flags`, as first and last index.
fn runs(flags: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < flags.len() {
        if !flags[k] {
            k += 1;
            continue;
        }
        let start = k;
        while k < flags.len() && flags[k] {
            k += 1;
        }
        out.push((start, k - 1));
    }
    out
}

/// The stretches of volume where `a` and `b` cost the same within 3% (but for a sample or two
/// at a step), each spanning at least [`SAME_SPAN`]: from the costs alone, so the same at
/// every image size.
pub fn same_cost_stretches(curve: &[CurvePoint], a: Choice, b: Choice) -> Vec<(f64, f64)> {
    let mut flags: Vec<bool> = curve
        .iter()
        .map(|p| within(cost(p, a), cost(p, b)))
        .collect();
    // Two staircases that step at nearly the same volume part for a sample or two at the
    // step; that does not part them.
    let n = flags.len();
    for k in 1..n.saturating_sub(1) {
        if !flags[k] && flags[k - 1] && (flags[k + 1] || (k + 2 < n && flags[k + 2])) {
            flags[k] = true;
        }
    }
    runs(&flags)
        .into_iter()
        .map(|(s, e)| (curve[s].requests_per_day, curve[e].requests_per_day))
        .filter(|(lo, hi)| *hi >= lo * SAME_SPAN)
        .collect()
}

/// The lines in volumes and costs, before the plot's pixel box is known.
pub(super) fn prepare_lines(input: &ChartInput) -> Vec<PreLine> {
    input
        .options
        .iter()
        .enumerate()
        .map(|(i, &choice)| {
            let pts: Vec<Option<(f64, f64)>> = input
                .curve
                .iter()
                .map(|p| {
                    let v = cost(p, choice);
                    (v > 0.0).then_some((p.requests_per_day, v))
                })
                .collect();
            let zero = pts.iter().any(Option::is_none);
            let same_as = input.options[..i]
                .iter()
                .flat_map(|&earlier| {
                    same_cost_stretches(input.curve, choice, earlier)
                        .into_iter()
                        .map(move |(a, b)| (a, b, earlier))
                })
                .collect();
            PreLine {
                choice,
                pts,
                zero,
                same_as,
            }
        })
        .collect()
}

/// Into pixels. Where a line lies within `off` px of an earlier one (as drawn) over a stretch
/// longer than a crossing's touch, it is set `off` px aside, above or below as it mostly lies,
/// so both show; every point of every line is drawn.
pub(super) fn finish_lines(
    pre: Vec<PreLine>,
    px_x: &dyn Fn(f64) -> f64,
    py: &dyn Fn(f64) -> f64,
    off: f64,
) -> Vec<Line> {
    let to_px = |p: &Option<(f64, f64)>| p.map(|(v, c)| (px_x(v), py(c.log10())));
    let mut out: Vec<Line> = Vec::new();
    for l in pre {
        let mut pts: Vec<Option<(f64, f64)>> = l.pts.iter().map(to_px).collect();
        for earlier in &out {
            set_aside(&mut pts, &earlier.pts, off);
        }
        out.push(Line {
            choice: l.choice,
            pts,
            same_as: l.same_as,
            zero: l.zero,
        });
    }
    out
}

/// Move `pts` at least `off` px from `other` over each stretch (wider than `6 · off` px) where
/// they are closer; true when any moved.
fn set_aside(pts: &mut [Option<(f64, f64)>], other: &[Option<(f64, f64)>], off: f64) -> bool {
    let close: Vec<bool> = pts
        .iter()
        .zip(other)
        .map(|(a, b)| matches!((a, b), (Some(a), Some(b)) if (a.1 - b.1).abs() < off))
        .collect();
    let mut moved = false;
    for (s, e) in runs(&close) {
        let (Some(a), Some(b)) = (pts[s], pts[e]) else {
            continue;
        };
        if b.0 - a.0 < off * 6.0 {
            continue;
        }
        // Above (smaller y) unless it mostly lies below.
        let below: f64 = (s..=e).filter_map(|k| Some(pts[k]?.1 - other[k]?.1)).sum();
        let sign = if below > 0.0 { 1.0 } else { -1.0 };
        for k in s..=e {
            if let (Some(p), Some(o)) = (pts[k].as_mut(), other[k]) {
                p.1 = o.1 + sign * off;
            }
        }
        moved = true;
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_three_percent_of_the_smaller() {
        assert!(within(100.0, 103.0));
        assert!(!within(100.0, 103.5));
        assert!(within(103.0, 100.0));
        assert!(!within(0.0, 0.0));
    }

    #[test]
    fn close_lines_are_set_aside_not_dropped() {
        let other: Vec<Option<(f64, f64)>> = (0..100).map(|i| Some((f64::from(i), 50.0))).collect();
        let mut pts: Vec<Option<(f64, f64)>> =
            (0..100).map(|i| Some((f64::from(i), 50.5))).collect();
        assert!(set_aside(&mut pts, &other, 2.0));
        assert!(pts
            .iter()
            .all(|p| p.is_some_and(|p| (p.1 - 52.0).abs() < 1e-9)));
        // A crossing's touch (a few px) is left alone.
        let mut crossing: Vec<Option<(f64, f64)>> = (0..100)
            .map(|i| Some((f64::from(i), 50.0 + (f64::from(i) - 50.0))))
            .collect();
        assert!(!set_aside(&mut crossing, &other, 2.0));
    }
}
