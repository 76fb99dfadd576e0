//! The options' lines: their points (none where a cost is $0 and cannot sit on a log axis),
//! and where one coincides with an earlier one, so it is drawn once and said.

use super::chart::ChartInput;
use crate::model::curve::CurvePoint;
use crate::model::Choice;

/// The options every chart draws today, in order.
pub const OPTIONS: [Choice; 3] = [Choice::Api, Choice::SelfHost, Choice::Hybrid];

/// An option's daily cost at a curve point.
pub fn cost(p: &CurvePoint, c: Choice) -> f64 {
    match c {
        Choice::Api => p.api,
        Choice::SelfHost => p.self_host,
        Choice::Hybrid => p.hybrid,
        Choice::Owned => p.owned,
    }
}

/// One option's line: its points in pixels (`None` where not drawn) and what the legend says.
pub(super) struct Line {
    pub(super) choice: Choice,
    pub(super) pts: Vec<Option<(f64, f64)>>,
    /// Volume ranges where it coincides with an earlier option, and which.
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
}

/// The lines in volumes and costs, before the plot's pixel box is known.
pub(super) fn prepare_lines(input: &ChartInput) -> Vec<PreLine> {
    input
        .options
        .iter()
        .map(|&choice| {
            let pts: Vec<Option<(f64, f64)>> = input
                .curve
                .iter()
                .map(|p| {
                    let v = cost(p, choice);
                    (v > 0.0).then_some((p.requests_per_day, v))
                })
                .collect();
            let zero = pts.iter().any(Option::is_none);
            PreLine { choice, pts, zero }
        })
        .collect()
}

/// Into pixels; a line that lies within `tol` px of an earlier one is dropped there (and the
/// coincidence noted), so two series never interleave their dashes into one.
pub(super) fn finish_lines(
    pre: Vec<PreLine>,
    input: &ChartInput,
    px_x: &dyn Fn(f64) -> f64,
    py: &dyn Fn(f64) -> f64,
    tol: f64,
) -> Vec<Line> {
    let to_px = |p: &Option<(f64, f64)>| p.map(|(v, c)| (px_x(v), py(c.log10())));
    let drawn: Vec<Vec<Option<(f64, f64)>>> = pre
        .iter()
        .map(|l| l.pts.iter().map(to_px).collect())
        .collect();
    let n = input.curve.len();
    let mut out = Vec::new();
    for (i, l) in pre.iter().enumerate() {
        let mut pts = drawn[i].clone();
        let mut same_as = Vec::new();
        for (j, earlier) in pre.iter().enumerate().take(i) {
            // Samples where this line is within tol of line j.
            let mut close: Vec<bool> = (0..n)
                .map(|k| match (drawn[i][k], drawn[j][k]) {
                    (Some(a), Some(b)) => (a.1 - b.1).abs() <= tol,
                    _ => false,
                })
                .collect();
            // A sample or two apart at a step (the two staircases step at the same volume
            // but the samples fall either side) does not part them.
            for k in 1..n.saturating_sub(1) {
                if !close[k] && close[k - 1] && (close[k + 1] || (k + 2 < n && close[k + 2])) {
                    close[k] = true;
                }
            }
            let mut k = 0;
            while k < n {
                if !close[k] {
                    k += 1;
                    continue;
                }
                let start = k;
                while k < n && close[k] {
                    k += 1;
                }
                let end = k - 1;
                let (x0, x1) = (
                    drawn[i][start].map_or(0.0, |p| p.0),
                    drawn[i][end].map_or(0.0, |p| p.0),
                );
                // Only stretches long enough to read as one line (not a crossing's touch).
                if x1 - x0 >= tol * 6.0 {
                    for p in pts.iter_mut().take(end).skip(start + 1) {
                        *p = None;
                    }
                    if start == 0 {
                        pts[0] = None;
                    }
                    if end == n - 1 {
                        pts[end] = None;
                    }
                    same_as.push((
                        input.curve[start].requests_per_day,
                        input.curve[end].requests_per_day,
                        earlier.choice,
                    ));
                }
            }
        }
        out.push(Line {
            choice: l.choice,
            pts,
            same_as,
            zero: l.zero,
        });
    }
    out
}
