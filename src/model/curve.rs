//! The three cost curves over a log-spaced volume range, for the dashboard and the exports.
//!
//! Besides the log-spaced samples, every replica step inside the range appears twice at the
//! same volume, once at the lower and once at the upper cost, so a staircase draws with true
//! vertical edges.

use super::cost::Rates;

/// Above this many steps per series in the range, step points are left out: the staircase is
/// then finer than any chart can show.
pub const MAX_STEP_POINTS: usize = 2048;

/// Daily cost of each option at one volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    pub requests_per_day: f64,
    pub api: f64,
    pub self_host: f64,
    pub hybrid: f64,
    /// The owned fleet's (docs/MODEL.md §6.9), filled by [`add_owned`]; 0 until then.
    pub owned: f64,
}

#[derive(Clone, Copy)]
enum Event {
    Sample,
    /// Self-hosting goes from `k` to `k + 1` replicas here.
    SelfStep(f64),
    /// The hybrid's local stack goes from `k` to `k + 1` replicas here.
    HybridStep(f64),
}

/// `samples` log-spaced volumes from `lo` to `hi` (both > 0) plus both sides of every step.
pub fn curve(r: &Rates, lo: f64, hi: f64, samples: usize) -> Vec<CurvePoint> {
    let mut events: Vec<(f64, Event)> = Vec::with_capacity(samples + 64);
    let n = samples.max(2);
    let (llo, lhi) = (lo.log10(), hi.log10());
    for i in 0..n {
        let t = i as f64 / (n - 1) as f64;
        let v = if i == n - 1 {
            hi
        } else {
            10f64.powf(llo + (lhi - llo) * t)
        };
        events.push((v, Event::Sample));
    }
    let w = r.requests_per_replica();
    push_steps(&mut events, r, w, lo, hi, Event::SelfStep);
    if r.local_share > 0.0 {
        push_steps(&mut events, r, w / r.local_share, lo, hi, Event::HybridStep);
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0));

    let mut out = Vec::with_capacity(events.len() * 2);
    for (v, ev) in events {
        let api = r.api(v).usd_per_day;
        let self_host = r.self_host(v).usd_per_day;
        let hybrid = r.hybrid(v).usd_per_day;
        let base = CurvePoint {
            requests_per_day: v,
            api,
            self_host,
            hybrid,
            owned: 0.0,
        };
        match ev {
            Event::Sample => out.push(base),
            Event::SelfStep(k) => {
                let d = r.demand(v);
                let at = |n: f64| r.self_host_with(v, d, n).usd_per_day;
                out.push(CurvePoint {
                    self_host: at(k),
                    ..base
                });
                out.push(CurvePoint {
                    self_host: at(k + 1.0),
                    ..base
                });
            }
            Event::HybridStep(k) => {
                let local_v = r.local_share * v;
                let d = r.demand(local_v);
                let rest = r.hybrid_api(v).usd_per_day;
                let at = |n: f64| r.self_host_with(local_v, d, n).usd_per_day + rest;
                out.push(CurvePoint {
                    hybrid: at(k),
                    ..base
                });
                out.push(CurvePoint {
                    hybrid: at(k + 1.0),
                    ..base
                });
            }
        }
    }
    out
}

/// Fill in the owned fleet's cost at every point (for scenarios with `owned.enabled`).
pub fn add_owned(points: &mut [CurvePoint], o: &super::Outcome) {
    for p in points {
        p.owned = o.owned_rates.cost(&o.rates, p.requests_per_day).usd_per_day;
    }
}

/// The volumes in `[lo, hi]` where a staircase with `per_step` requests/day per replica adds a
/// replica above the minimum.
fn push_steps(
    events: &mut Vec<(f64, Event)>,
    r: &Rates,
    per_step: f64,
    lo: f64,
    hi: f64,
    make: fn(f64) -> Event,
) {
    if !per_step.is_finite()
        || per_step <= 0.0
        || r.step_usd_per_day() + r.ops_per_extra_replica_day == 0.0
    {
        return;
    }
    let first = r.min_replicas.max(1.0).max((lo / per_step).ceil());
    let last = (hi / per_step).floor();
    if last < first || last - first >= MAX_STEP_POINTS as f64 {
        return;
    }
    let mut k = first;
    while k <= last {
        events.push((k * per_step, make(k)));
        k += 1.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scenario;

    #[test]
    fn steps_appear_twice_with_a_vertical_edge() {
        let r = Rates::new(&Scenario::default());
        let pts = curve(&r, 10.0, 1e7, 64);
        let w = r.requests_per_replica(); // 100,800
        let edge: Vec<_> = pts
            .iter()
            .filter(|p| (p.requests_per_day - w).abs() < 1e-6)
            .collect();
        assert_eq!(edge.len(), 2);
        assert!(edge[1].self_host - edge[0].self_host > 65.9);
        assert!(pts
            .windows(2)
            .all(|p| p[0].requests_per_day <= p[1].requests_per_day));
        assert_eq!(pts.first().unwrap().requests_per_day, 10.0);
        assert_eq!(pts.last().unwrap().requests_per_day, 1e7);
    }
}
