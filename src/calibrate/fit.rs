//! The fit: for one configuration, the bandwidth and compute factors, the per-request
//! overhead and a fixed time per decode step that bring the estimate closest to its runs
//! (least squares on the logarithms of output tokens/s, time per output token and, at half
//! weight, time to first token), each kept within physical bounds: achieved bandwidth and
//! compute at most the GPU's peak, at least 2% of it, the overhead from 0 to 5 s, the step
//! time from 0 to 100 ms. Levenberg–Marquardt on four parameters; a factor the runs do not
//! move (no run's figure changes by 1% when it doubles, or with 100 ms more overhead or 10 ms
//! more a step) keeps the estimator's value and says so.

use crate::model::throughput::{Efficiency, Workload};

use super::predict::{batch_limit, efficiency, predict, shares, Factors, Predicted, Setup};
use super::run::Run;

/// The lowest achieved share of peak a fit accepts: below it the configuration is not what
/// was measured (another GPU, a shared GPU).
pub const MIN_SHARE: f64 = 0.02;
/// The largest per-request overhead, seconds.
pub const MAX_OVERHEAD_S: f64 = 5.0;
/// The largest fixed time per decode step, seconds: ten times the launch and scheduling
/// cost measured engines show at batch 1 (a step of 100 ms more is no longer an engine's
/// overhead but another configuration).
pub const MAX_STEP_S: f64 = 0.1;
/// The largest miss of the held-out checks so far (docs/MODEL.md §6.12 "Known limits"), percent
/// of the measurement: at another load of the same sweep (time per output token, Llama 4
/// Scout at concurrency 16) and at another prompt size (Llama 3.1 70B at ~4,000 tokens, 64
/// requests at once). Every fit's notes quote them: a fit is checked only at its own runs.
pub const HELD_OUT_LOAD_MISS_PCT: f64 = 100.0;
pub const HELD_OUT_SIZE_MISS_PCT: f64 = 85.0;

/// One run's figures: measured, estimated before and after the fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    pub output_tokens_per_second: f64,
    pub ttft_ms: Option<f64>,
    pub tpot_ms: Option<f64>,
}

impl Figures {
    fn of(p: &Predicted, m: &Figures) -> Figures {
        Figures {
            output_tokens_per_second: p.output_tokens_per_second,
            ttft_ms: m.ttft_ms.map(|_| p.ttft_ms),
            tpot_ms: m.tpot_ms.map(|_| p.tpot_ms),
        }
    }

    /// The largest error against `measured`, percent of the measurement.
    pub fn worst_pct(&self, measured: &Figures) -> f64 {
        self.errors_pct(measured)
            .into_iter()
            .fold(0.0, |a, e| a.max(e.abs()))
    }

    /// Signed errors, percent: output tokens/s, then TPOT and TTFT where measured.
    pub fn errors_pct(&self, m: &Figures) -> Vec<f64> {
        let pct = |a: f64, b: f64| (a / b - 1.0) * 100.0;
        let mut out = vec![pct(
            self.output_tokens_per_second,
            m.output_tokens_per_second,
        )];
        if let (Some(a), Some(b)) = (self.tpot_ms, m.tpot_ms) {
            out.push(pct(a, b));
        }
        if let (Some(a), Some(b)) = (self.ttft_ms, m.ttft_ms) {
            out.push(pct(a, b));
        }
        out
    }
}

/// One run in the fit.
#[derive(Debug, Clone, PartialEq)]
pub struct RunFit {
    pub name: String,
    pub in_flight: f64,
    /// Requests the replica holds at once for this run's sizes.
    pub limit: u32,
    pub measured: Figures,
    pub before: Figures,
    pub after: Figures,
}

impl RunFit {
    /// True when the run had at least as many requests in flight as the replica holds.
    pub fn saturates(&self) -> bool {
        self.in_flight >= f64::from(self.limit)
    }
}

/// A configuration's fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub factors: Factors,
    /// Achieved shares of peak bandwidth and compute, before and after.
    pub bandwidth_share: (f64, f64),
    pub compute_share: (f64, f64),
    /// The per-request overhead, seconds: the estimator's own (before) and the fit's (after).
    pub overhead_s: (f64, f64),
    /// The fixed time per decode step, seconds: the estimator's (§6.2's per-layer time) and
    /// the fit's, which takes its place.
    pub step_s: (f64, f64),
    /// Which of bandwidth, compute, overhead and the fixed step time the runs determined.
    pub determined: [bool; N],
    /// True when some run saturated the replica: the capacity was measured, not extrapolated.
    pub capacity_fitted: bool,
    pub runs: Vec<RunFit>,
    pub median_error_pct: f64,
    pub worst_error_pct: f64,
    /// What the user should know about this fit.
    pub notes: Vec<String>,
    /// Runs whose means a few slow requests dominated, and what the fit used instead
    /// ([`super::outlier`]); their notes lead `notes`.
    pub outliers: Vec<super::outlier::Outlier>,
}

struct Point<'a> {
    run: &'a Run,
    w: Workload,
    in_flight: f64,
    limit: u32,
    measured: Figures,
}

/// Weights of the three residuals: output tokens/s, TPOT, TTFT.
const WEIGHTS: [f64; 3] = [1.0, 1.0, 0.5];

/// The fitted parameters: log bandwidth factor, log compute factor, overhead (s), fixed step
/// time (s).
const N: usize = 4;

fn factors(x: &[f64; N]) -> Factors {
    Factors {
        bandwidth: x[0].exp(),
        compute: x[1].exp(),
        overhead_s: x[2],
        step_s: x[3],
    }
}

fn residuals(
    base: &Efficiency,
    setup: &Setup,
    points: &[Point],
    x: &[f64; N],
    out: &mut Vec<f64>,
) -> Result<(), String> {
    out.clear();
    let f = factors(x);
    let eff = efficiency(base, setup, &f);
    for p in points {
        let got = predict(&eff, setup, &p.w, p.in_flight, p.limit, f.overhead_s)
            .map_err(|e| format!("{}: {e}", p.run.name()))?;
        out.push(
            WEIGHTS[0] * (got.output_tokens_per_second / p.measured.output_tokens_per_second).ln(),
        );
        if let Some(m) = p.measured.tpot_ms {
            out.push(WEIGHTS[1] * (got.tpot_ms / m).ln());
        }
        if let Some(m) = p.measured.ttft_ms {
            out.push(WEIGHTS[2] * (got.ttft_ms / m).ln());
        }
    }
    out.push(PRIOR * x[0]);
    out.push(PRIOR * x[1]);
    out.push(PRIOR * (x[3] - Factors::shipped(base, setup).step_s) / PRIOR_STEP_S);
    Ok(())
}

/// A weak pull of the bandwidth and compute factors towards the estimator's (a log-factor of
/// 1 costs what a 5% miss of one figure does): when the runs cannot tell two explanations
/// apart (a slow first token: overhead or slow prefill?), the one that keeps the published
/// calibration wins; consistent runs move the factors as far as they need.
const PRIOR: f64 = 0.05;
/// The fixed step time that the same weak pull (towards the estimator's) weighs like a
/// log-factor of 1.
const PRIOR_STEP_S: f64 = 0.05;

fn cost(r: &[f64]) -> f64 {
    r.iter().map(|v| v * v).sum()
}

/// Solve the `n × n` system `a · x = b` (Gaussian elimination with pivoting); `None` when
/// singular.
fn solve(mut a: [[f64; N]; N], mut b: [f64; N], n: usize) -> Option<[f64; N]> {
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-300 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col];
        for row in col + 1..n {
            let k = a[row][col] / pivot_row[col];
            for (x, p) in a[row].iter_mut().zip(pivot_row).take(n).skip(col) {
                *x -= k * p;
            }
            b[row] -= k * b[col];
        }
    }
    let mut x = [0.0; N];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|c| a[row][c] * x[c]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    Some(x)
}

/// The bounds of each parameter: log factors keeping shares within [2%, 100%], the overhead,
/// the fixed step time.
fn bounds(share: (f64, f64)) -> [(f64, f64); N] {
    [
        ((MIN_SHARE / share.0).ln(), (1.0 / share.0).ln()),
        ((MIN_SHARE / share.1).ln(), (1.0 / share.1).ln()),
        (0.0, MAX_OVERHEAD_S),
        (0.0, MAX_STEP_S),
    ]
}

const STEP: [f64; N] = [1e-5, 1e-5, 1e-6, 1e-7];

/// The Jacobian's columns for the active parameters.
fn jacobian(
    base: &Efficiency,
    setup: &Setup,
    points: &[Point],
    x: &[f64; N],
    r: &[f64],
    active: &[usize],
) -> Result<Vec<Vec<f64>>, String> {
    let mut cols = Vec::with_capacity(active.len());
    let mut shifted = Vec::with_capacity(r.len());
    for &j in active {
        let mut y = *x;
        y[j] += STEP[j];
        residuals(base, setup, points, &y, &mut shifted)?;
        cols.push(
            shifted
                .iter()
                .zip(r)
                .map(|(a, b)| (a - b) / STEP[j])
                .collect(),
        );
    }
    Ok(cols)
}

/// Levenberg–Marquardt from `x` over the `active` parameters, clamped to `lim`.
fn minimise(
    base: &Efficiency,
    setup: &Setup,
    points: &[Point],
    mut x: [f64; N],
    active: &[usize],
    lim: &[(f64, f64); N],
) -> Result<[f64; N], String> {
    let mut r = Vec::new();
    residuals(base, setup, points, &x, &mut r)?;
    let mut c = cost(&r);
    let mut lambda = 1e-3;
    let mut trial = Vec::new();
    for _ in 0..100 {
        let j = jacobian(base, setup, points, &x, &r, active)?;
        let n = active.len();
        let mut a = [[0.0; N]; N];
        let mut g = [0.0; N];
        for p in 0..n {
            for q in 0..n {
                a[p][q] = j[p].iter().zip(&j[q]).map(|(u, v)| u * v).sum();
            }
            g[p] = -j[p].iter().zip(&r).map(|(u, v)| u * v).sum::<f64>();
        }
        let mut improved = false;
        for _ in 0..12 {
            let mut damped = a;
            for (p, row) in damped.iter_mut().enumerate().take(n) {
                row[p] += lambda * a[p][p].max(1e-12);
            }
            let Some(d) = solve(damped, g, n) else {
                lambda *= 10.0;
                continue;
            };
            let mut y = x;
            for (k, &p) in active.iter().enumerate() {
                y[p] = (x[p] + d[k]).clamp(lim[p].0, lim[p].1);
            }
            residuals(base, setup, points, &y, &mut trial)?;
            let ct = cost(&trial);
            if ct < c {
                let gain = c - ct;
                x = y;
                std::mem::swap(&mut r, &mut trial);
                c = ct;
                lambda = (lambda / 3.0).max(1e-12);
                improved = gain > 1e-14 * (1.0 + c);
                break;
            }
            lambda *= 4.0;
        }
        if !improved {
            break;
        }
    }
    Ok(x)
}

fn measured(run: &Run) -> Figures {
    Figures {
        output_tokens_per_second: run.output_tokens_per_second,
        ttft_ms: run.ttft_ms.central().filter(|v| *v > 0.0),
        tpot_ms: run.tpot_ms.central().filter(|v| *v > 0.0),
    }
}

fn points<'a>(
    base: &Efficiency,
    setup: &Setup,
    runs: &[&'a Run],
) -> Result<Vec<Point<'a>>, String> {
    runs.iter()
        .map(|run| {
            let w = Workload {
                input_tokens: run.input_tokens.max(1.0),
                output_tokens: run.output_tokens.max(1.0),
            };
            let in_flight = run.in_flight().ok_or_else(|| {
                format!(
                    "{}: gives neither its concurrency nor its end-to-end latency, so the load it ran at is unknown",
                    run.name()
                )
            })?;
            let limit = batch_limit(base, setup, &w).map_err(|e| format!("{}: {e}", run.name()))?;
            Ok(Point {
                run,
                w,
                in_flight,
                limit,
                measured: measured(run),
            })
        })
        .collect()
}

/// Parameters the runs move: doubling the factor (or adding 100 ms of overhead, or 10 ms to
/// every step) changes some figure by at least 1%.
fn active_parameters(
    base: &Efficiency,
    setup: &Setup,
    pts: &[Point],
    start: &[f64; N],
) -> Result<Vec<usize>, String> {
    let x0 = *start;
    let mut r0 = Vec::new();
    residuals(base, setup, pts, &x0, &mut r0)?;
    let mut active = Vec::new();
    let mut r = Vec::new();
    for (j, step) in [(0, 2f64.ln()), (1, 2f64.ln()), (2, 0.1), (3, 0.01)] {
        let mut x = x0;
        x[j] += step;
        residuals(base, setup, pts, &x, &mut r)?;
        let moved = r.iter().zip(&r0).any(|(a, b)| (a - b).abs() >= 0.01);
        if moved {
            active.push(j);
        }
    }
    Ok(active)
}

/// Which way the estimate misses a run: too slow (fewer output tokens/s or a longer TPOT than
/// measured) or too fast.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Slow,
    Fast,
}

/// How far the estimate of one run misses it on `side`, percent of the measurement: the larger
/// of its figures' misses that way, 0 when none is.
fn miss_pct(fig: &Figures, m: &Figures, side: Side) -> f64 {
    let tps = (fig.output_tokens_per_second / m.output_tokens_per_second - 1.0) * 100.0;
    let tpot = match (fig.tpot_ms, m.tpot_ms) {
        (Some(a), Some(b)) => (a / b - 1.0) * 100.0,
        _ => 0.0,
    };
    match side {
        Side::Slow => (-tps).max(tpot).max(0.0),
        Side::Fast => tps.max(-tpot).max(0.0),
    }
}

/// Each run's estimate at the factors `f`, with the run.
fn estimates<'a>(
    base: &Efficiency,
    setup: &Setup,
    pts: &'a [Point],
    f: &Factors,
) -> Vec<(&'a Point<'a>, Figures)> {
    let eff = efficiency(base, setup, f);
    pts.iter()
        .filter_map(|p| {
            let got = predict(&eff, setup, &p.w, p.in_flight, p.limit, f.overhead_s).ok()?;
            Some((p, Figures::of(&got, &p.measured)))
        })
        .collect()
}

/// The run the estimate misses most on `side`, with its figures and the miss, when over 15%.
fn worst_on<'a>(
    est: &[(&'a Point<'a>, Figures)],
    side: Side,
) -> Option<(&'a Point<'a>, Figures, f64)> {
    est.iter()
        .map(|(p, fig)| (*p, *fig, miss_pct(fig, &p.measured, side)))
        .filter(|(_, _, miss)| *miss > 15.0)
        .max_by(|a, b| a.2.total_cmp(&b.2))
}

/// The other side's worst run, as a clause: the runs disagree with each other.
fn disagreeing(est: &[(&Point, Figures)], side: Side) -> String {
    match worst_on(est, side) {
        Some((p, _, miss)) => format!(
            "; the estimate is also {miss:.0}% {} {}, so no factors fit both",
            if side == Side::Fast {
                "too fast for"
            } else {
                "too slow for"
            },
            p.run.name()
        ),
        None => String::new(),
    }
}

/// A fit pushed against a bound that still misses a run on that bound's side by more than
/// 15% is refused, naming that run: at the top, the run the estimate is too slow for even at
/// the full peak (it needs more than the hardware has); at the bottom, the run it is too fast
/// for even at 2% of the peak.
fn check_bounds(
    base: &Efficiency,
    setup: &Setup,
    pts: &[Point],
    x: &[f64; N],
    lim: &[(f64, f64); N],
) -> Result<(), String> {
    let est = estimates(base, setup, pts, &factors(x));
    let at_top = (0..2).any(|j| x[j] >= lim[j].1 - 1e-9);
    let at_bottom = (0..2).any(|j| x[j] <= lim[j].0 + 1e-9);
    let tps = |v: f64| crate::figures::num(v);
    let gpu = format!("{} × {}", setup.gpus, setup.gpu.name);
    if let (true, Some((p, fig, miss))) = (at_top, worst_on(&est, Side::Slow)) {
        return Err(format!(
            "{}: measured {} output tokens/s{}; even at the full peak bandwidth and compute of {gpu} the estimate reaches {}{} ({miss:.0}% too slow): the fit would need more than the hardware has{}. Is the GPU or the GPU count (--gpu, --gpus) right, or was speculative decoding or prefix caching on?",
            p.run.name(),
            tps(p.measured.output_tokens_per_second),
            tpot_text(p.measured.tpot_ms),
            tps(fig.output_tokens_per_second),
            tpot_text(fig.tpot_ms),
            disagreeing(&est, Side::Fast)
        ));
    }
    if let (true, Some((p, fig, miss))) = (at_bottom, worst_on(&est, Side::Fast)) {
        return Err(format!(
            "{}: measured {} output tokens/s{}, which needs less than {:.0}% of the peak of {gpu} (the estimate at that bound: {}{}, {miss:.0}% too fast){}: is the GPU or the GPU count right, or was the GPU shared?",
            p.run.name(),
            tps(p.measured.output_tokens_per_second),
            tpot_text(p.measured.tpot_ms),
            MIN_SHARE * 100.0,
            tps(fig.output_tokens_per_second),
            tpot_text(fig.tpot_ms),
            disagreeing(&est, Side::Slow)
        ));
    }
    Ok(())
}

/// ", TPOT 43.6 ms" where the figure is known.
fn tpot_text(ms: Option<f64>) -> String {
    ms.map_or_else(String::new, |v| format!(", TPOT {v:.1} ms"))
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Fit one configuration's runs. `base` is the estimator's constants.
pub fn fit(base: &Efficiency, setup: &Setup, runs: &[&Run]) -> Result<Outcome, String> {
    let pts = points(base, setup, runs)?;
    let share0 = shares(base, setup).map_err(|e| e.to_string())?;
    let lim = bounds(share0);
    let start = [
        0.0,
        0.0,
        base.overhead_s.clamp(0.0, MAX_OVERHEAD_S),
        Factors::shipped(base, setup).step_s.clamp(0.0, MAX_STEP_S),
    ];
    let active = active_parameters(base, setup, &pts, &start)?;
    // First the three roofline parameters (the step time at the estimator's), then all four
    // from there: the fixed step time explains only what the shares leave, and the fit is
    // never worse than the three-factor one.
    let shares_first: Vec<usize> = active.iter().copied().filter(|&j| j != 3).collect();
    let x = if shares_first.is_empty() {
        start
    } else {
        minimise(base, setup, &pts, start, &shares_first, &lim)?
    };
    // A step time that only fits by pushing a share onto a bound the runs then contradict is
    // not used: the three-factor fit stands (and is checked itself).
    let mut kept_out = None;
    let x = match active.contains(&3) {
        true => {
            let y = minimise(base, setup, &pts, x, &active, &lim)?;
            match check_bounds(base, setup, &pts, &y, &lim) {
                Ok(()) => y,
                Err(e) => {
                    kept_out = Some(e);
                    x
                }
            }
        }
        false => x,
    };
    check_bounds(base, setup, &pts, &x, &lim)?;
    let f = factors(&x);
    let (eff0, eff1) = (
        efficiency(base, setup, &Factors::shipped(base, setup)),
        efficiency(base, setup, &f),
    );
    let mut out_runs = Vec::new();
    let mut errors = Vec::new();
    for p in &pts {
        let run = |eff, oh| predict(eff, setup, &p.w, p.in_flight, p.limit, oh);
        let b = run(&eff0, start[2]).map_err(|e| format!("{}: {e}", p.run.name()))?;
        let a = run(&eff1, f.overhead_s).map_err(|e| format!("{}: {e}", p.run.name()))?;
        let after = Figures::of(&a, &p.measured);
        errors.extend(after.errors_pct(&p.measured).into_iter().map(f64::abs));
        out_runs.push(RunFit {
            name: p.run.name(),
            in_flight: p.in_flight,
            limit: p.limit,
            measured: p.measured,
            before: Figures::of(&b, &p.measured),
            after,
        });
    }
    let moved = [0, 1, 2, 3].map(|j| active.contains(&j));
    let capacity_fitted = out_runs.iter().any(RunFit::saturates);
    let mut notes = notes(&out_runs, &moved, capacity_fitted);
    let mut determined = moved;
    determined[3] &= kept_out.is_none();
    notes.extend(on_bounds(&x, &lim, &determined, &out_runs));
    if let Some(e) = kept_out {
        notes.push(format!("the fixed time per decode step is left at the estimator's {} ms: with another the fit would need more than the hardware has or less than it gives ({e})", crate::figures::num(start[3] * 1e3)));
    }
    notes.push(unchecked_away(&pts));
    Ok(Outcome {
        factors: f,
        bandwidth_share: (share0.0, share0.0 * f.bandwidth),
        compute_share: (share0.1, share0.1 * f.compute),
        overhead_s: (start[2], f.overhead_s),
        step_s: (start[3], f.step_s),
        determined,
        capacity_fitted,
        worst_error_pct: errors.iter().copied().fold(0.0, f64::max),
        median_error_pct: median(errors),
        runs: out_runs,
        notes,
        outliers: Vec::new(),
    })
}

fn notes(runs: &[RunFit], determined: &[bool; N], capacity: bool) -> Vec<String> {
    let mut out = Vec::new();
    if !capacity {
        let most = runs.iter().map(|r| r.in_flight).fold(0.0, f64::max);
        let holds = runs.iter().map(|r| r.limit).min().unwrap_or(0);
        out.push(format!(
            "latency only: no run saturates the replica (at most {} requests in flight; it holds {holds} at once), so the fit sets the latency and the capacity at saturation is extrapolated from its factors",
            crate::figures::num((most * 10.0).round() / 10.0)
        ));
    }
    for (j, what) in [
        "bandwidth share",
        "compute share",
        "per-request overhead",
        "fixed time per decode step",
    ]
    .iter()
    .enumerate()
    {
        if !determined[j] {
            out.push(format!(
                "the {what} keeps the estimator's value: these runs do not depend on it"
            ));
        }
    }
    out
}

/// What every fit says about the loads and sizes it was not given: the span of its runs and
/// the held-out checks' largest misses.
fn unchecked_away(pts: &[Point]) -> String {
    let span = |v: Vec<f64>, tenths: bool| {
        let r = |x: f64| {
            if tenths {
                (x * 10.0).round() / 10.0
            } else {
                x.round()
            }
        };
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(0.0, f64::max);
        if r(lo) == r(hi) {
            crate::figures::num(r(lo))
        } else {
            format!(
                "{} to {}",
                crate::figures::num(r(lo)),
                crate::figures::num(r(hi))
            )
        }
    };
    format!(
        "away from these runs the error is not known: the fit is checked only at its own loads and sizes ({} requests in flight, {} input and {} output tokens a request); on the published sweeps tried, fits on a sweep's ends missed its other loads by up to {}% and other prompt sizes by up to {}% (docs/MODEL.md §6.12), so fit on runs that span the loads and prompt sizes you plan for",
        span(pts.iter().map(|p| p.in_flight).collect(), true),
        span(pts.iter().map(|p| p.w.input_tokens).collect(), false),
        span(pts.iter().map(|p| p.w.output_tokens).collect(), false),
        crate::figures::num(HELD_OUT_LOAD_MISS_PCT),
        crate::figures::num(HELD_OUT_SIZE_MISS_PCT)
    )
}

/// Notes for parameters the fit left on a bound (it was accepted, so every run is within 15%
/// on that side, but the bound, not the runs, set the value).
fn on_bounds(
    x: &[f64; N],
    lim: &[(f64, f64); N],
    determined: &[bool; N],
    runs: &[RunFit],
) -> Vec<String> {
    let mut out = Vec::new();
    for (j, what) in [(0, "bandwidth share"), (1, "compute share")] {
        if !determined[j] {
            continue;
        }
        if x[j] >= lim[j].1 - 1e-9 {
            out.push(format!(
                "the {what} ended on its bound of 100% of peak: the runs ask for more than the hardware's peak, so the estimate after the fit is still below them"
            ));
        } else if x[j] <= lim[j].0 + 1e-9 {
            out.push(format!(
                "the {what} ended on its bound of {:.0}% of peak: the runs are slower than the estimate explains even there (a shared GPU, or a different GPU or GPU count?)",
                MIN_SHARE * 100.0
            ));
        }
    }
    if determined[3] && x[3] >= lim[3].1 - 1e-9 {
        out.push(format!(
            "the fixed time per decode step ended on its bound of {} ms: the runs' steps are slower than the estimate explains even with that much added to each (a different GPU, GPU count or precision?)",
            crate::figures::num(MAX_STEP_S * 1e3)
        ));
    }
    if determined[2] && x[2] <= lim[2].0 + 1e-9 {
        out.push(
            "the per-request overhead ended on its bound of 0 ms: for some runs the estimate's first token (its prefill and queue) is already longer than measured, so no overhead is added; the time to first token after this fit is the estimate's own".into(),
        );
    }
    if determined[2] && x[2] >= lim[2].1 - 1e-9 {
        let ttft: Vec<f64> = runs.iter().filter_map(|r| r.measured.ttft_ms).collect();
        let lo = ttft.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = ttft.iter().copied().fold(0.0, f64::max);
        out.push(format!(
            "the per-request overhead ended on its bound of {} s: the measured first tokens ({} to {} s) are longer than the estimate's prefill and queue explain even with that much added, which points to queueing in the benchmark itself (a closed loop of identical requests arriving in waves, or a server-side queue); the time to first token after this fit is not a figure to rely on",
            crate::figures::num(MAX_OVERHEAD_S),
            crate::figures::num((lo / 100.0).round() / 10.0),
            crate::figures::num((hi / 100.0).round() / 10.0)
        ));
    }
    out
}
