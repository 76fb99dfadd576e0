//! Runs whose means one slow request dominates: a warm-up (the first request compiling
//! kernels or filling a cache) among a handful of requests gives a mean first-token time far
//! above the median, and in a closed loop it also stretches the run and cuts its output
//! tokens/s. The fit would read that as a slow server (a large per-request overhead, low
//! shares) and carry it to every other load.
//!
//! The rule (docs/MODEL.md §6.12), from what every format gives (mean and median time to
//! first token and time per output token, the mean end-to-end latency, the request count):
//! - **first token**: when the mean is at least [`TTFT_RATIO`] times the median *and* the
//!   excess `mean − median` is at least [`EXCESS_SHARE`] of the mean end-to-end latency (so it
//!   moves the run's throughput by that much), the fit takes the median first token; in a
//!   closed loop the excess is taken out of the run's time too: the end-to-end latency becomes
//!   `e2e − (mean − median)` and the output tokens/s `tok/s · e2e / (e2e − excess)` (the
//!   requests in flight are kept). An open-loop or all-at-once run keeps its output tokens/s:
//!   its rate is the arrivals', not the slow request's.
//! - **time per output token**: when the mean is at least [`TPOT_RATIO`] times the median,
//!   the fit takes the median.
//!
//! Designed on the five published sweeps of tests/fixtures/calibrate (2026-12-08): the two
//! runs it changes (the SGLang cookbook's Llama 4 Scout and Maverick at concurrency 1: mean
//! first token 62 and 75 times the median, the excess 56% and 62% of the end-to-end latency)
//! and the 29 it leaves (at most 3.6 times, 3.5%). `--keep-outliers` turns it off.

use super::run::{Load, Run, Stat};

/// The mean first token at least this many times the median: a few requests far from the rest.
pub const TTFT_RATIO: f64 = 3.0;
/// ... and its excess over the median at least this share of the mean end-to-end latency.
pub const EXCESS_SHARE: f64 = 0.10;
/// The mean time per output token at least this many times the median.
pub const TPOT_RATIO: f64 = 2.0;

/// What the rule changed in one run, with the figures as measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlier {
    /// The run, as errors and reports name it.
    pub run: String,
    pub requests: Option<f64>,
    /// Mean, median and p99 first token as measured, ms, and the share of the mean end-to-end
    /// latency the excess took; `None` when the first token was not changed.
    pub ttft: Option<(Stat, f64)>,
    /// Mean and median time per output token as measured, ms, when it was changed.
    pub tpot: Option<Stat>,
    /// Output tokens/s as measured and as the fit uses it.
    pub tokens_per_second: (f64, f64),
}

/// The mean end-to-end latency, ms: measured, else the mean first token and `O − 1` steps.
fn e2e_of(run: &Run) -> Option<f64> {
    run.e2e_ms.filter(|e| *e > 0.0).or_else(|| {
        let t = run.ttft_ms.mean?;
        let s = run.tpot_ms.central()?;
        Some(t + (run.output_tokens - 1.0).max(0.0) * s)
    })
}

/// The excess of the mean first token over the median, ms, and its share of the mean
/// end-to-end latency, when both tests of the rule hold.
fn ttft_excess(run: &Run) -> Option<(f64, f64)> {
    let (mean, median) = (run.ttft_ms.mean?, run.ttft_ms.p50?);
    let e2e = e2e_of(run)?;
    let excess = mean - median;
    let share = excess / e2e;
    (median > 0.0 && mean >= TTFT_RATIO * median && (EXCESS_SHARE..1.0).contains(&share))
        .then_some((excess, share))
}

/// The run the fit uses and what the rule changed (`None`: nothing).
pub fn robust(run: &Run) -> (Run, Option<Outlier>) {
    let mut out = run.clone();
    let mut ttft = None;
    if let Some((excess, share)) = ttft_excess(run) {
        out.ttft_ms.mean = run.ttft_ms.p50;
        if let Load::Concurrency(_) = run.load {
            // Keep the requests in flight (measured, or Little's law from the same rate and
            // latency) while the run's time loses the excess.
            let in_flight = run.in_flight();
            let scale = 1.0 / (1.0 - share);
            out.output_tokens_per_second = run.output_tokens_per_second * scale;
            out.requests_per_second = run.requests_per_second.map(|r| r * scale);
            out.e2e_ms = e2e_of(run).map(|e| e - excess);
            if out.mean_concurrency.is_none() {
                out.mean_concurrency = in_flight;
            }
        }
        ttft = Some((run.ttft_ms, share));
    }
    let mut tpot = None;
    if let (Some(mean), Some(median)) = (run.tpot_ms.mean, run.tpot_ms.p50) {
        if median > 0.0 && mean >= TPOT_RATIO * median {
            out.tpot_ms.mean = Some(median);
            tpot = Some(run.tpot_ms);
        }
    }
    if ttft.is_none() && tpot.is_none() {
        return (out, None);
    }
    let what = Outlier {
        run: run.name(),
        requests: run.completed,
        ttft,
        tpot,
        tokens_per_second: (run.output_tokens_per_second, out.output_tokens_per_second),
    };
    (out, Some(what))
}

impl Outlier {
    /// The note every surface of the fit shows: the run, the figures, what the fit used.
    pub fn note(&self) -> String {
        use crate::figures::num;
        let ms = |v: f64| {
            if v >= 100.0 {
                num(v.round())
            } else {
                format!("{v:.1}")
            }
        };
        let requests = self.requests.map_or_else(String::new, |n| {
            format!(
                " over {} request{}",
                num(n),
                if n == 1.0 { "" } else { "s" }
            )
        });
        let mut parts = Vec::new();
        if let Some((s, share)) = self.ttft {
            let (mean, median) = (s.mean.unwrap_or(0.0), s.p50.unwrap_or(0.0));
            let p99 = s
                .p99
                .map_or_else(String::new, |p| format!(", p99 {} ms", ms(p)));
            let (was, now) = self.tokens_per_second;
            let rate = if now == was {
                String::new()
            } else {
                format!(
                    " and {} output tokens/s ({} measured), the excess taken out of the run's time",
                    num((now * 10.0).round() / 10.0),
                    num((was * 10.0).round() / 10.0)
                )
            };
            parts.push(format!(
                "its mean first token ({} ms) is {:.0} times its median ({} ms{p99}){requests}: a few slow requests (a warm-up?) that take {:.0}% of its mean end-to-end latency, so the fit uses the median first token{rate}",
                ms(mean),
                mean / median,
                ms(median),
                share * 100.0
            ));
        }
        if let Some(s) = self.tpot {
            parts.push(format!(
                "its mean time per output token ({} ms) is {:.1} times its median ({} ms), so the fit uses the median",
                ms(s.mean.unwrap_or(0.0)),
                s.mean.unwrap_or(0.0) / s.p50.unwrap_or(1.0),
                ms(s.p50.unwrap_or(0.0))
            ));
        }
        format!(
            "{}: {} (--keep-outliers fits the means as measured)",
            self.run,
            parts.join("; ")
        )
    }
}
