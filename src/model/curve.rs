//! The three cost curves over a log-spaced volume range, for the dashboard and the exports.
//!
//! Besides the log-spaced samples, every replica step inside the range appears twice at the
//! same volume, once at the lower and once at the upper cost, so a staircase draws with true
//! vertical edges.

use super::cost::Rates;

/// Above this many steps per series in the range, step points are left out: the staircase is
/// then finer than any chart can show.
pub(crate) const MAX_STEP_POINTS: usize = 2048;

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
    use crate::model::worked_example::near;
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

    /// The two points at `v` (a step's both sides), by `pick`.
    fn edge(pts: &[CurvePoint], v: f64, pick: fn(&CurvePoint) -> f64) -> Vec<f64> {
        pts.iter()
            .filter(|p| (p.requests_per_day - v).abs() < 1e-6)
            .map(pick)
            .collect()
    }

    /// Defaults from 1,000 to 150,000 requests/day: one self-hosting step at 100,800 (153.61
    /// to 219.61) and one of the hybrid's at 100,800 / 0.7 = 144,000, where its local stack
    /// adds a second replica: 153.61 + 144,000 × 0.3 × 0.01 = 585.61, then 651.61. The
    /// samples are log-spaced and end exactly at the top of the range.
    #[test]
    fn one_step_of_each_and_the_samples_by_hand() {
        let r = Rates::new(&Scenario::default());
        let one = r.self_host(0.0).usd_per_day;
        assert!((one - 153.611).abs() < 1e-3);
        let pts = curve(&r, 1e3, 1.5e5, 16);
        assert_eq!(pts.len(), 16 + 2 + 2);
        assert_eq!(pts.last().map(|p| p.requests_per_day), Some(1.5e5));
        let s = edge(&pts, 100_800.0, |p| p.self_host);
        assert_eq!(s.len(), 2);
        near(s[0], one);
        near(s[1], one + 66.0);
        let h = edge(&pts, 144_000.0, |p| p.hybrid);
        assert_eq!(h.len(), 2);
        near(h[0], one + 432.0);
        near(h[1], one + 432.0 + 66.0);
        let v: Vec<f64> = curve(&r, 10.0, 1e3, 3)
            .iter()
            .map(|p| p.requests_per_day)
            .collect();
        assert_eq!(v.len(), 3);
        near(v[0], 10.0);
        near(v[1], 100.0);
        near(v[2], 1e3);
    }

    /// cost.rs's tiered per-second scenario: no GPU staircase, but 20.00 of upkeep per replica
    /// beyond the first. At 144,000 self-hosting's one replica costs (115,200 × 0.00075 + 6)
    /// × 1.15 + 80 = 186.26, then 206.26. The hybrid's local stack (h = 0.6) steps at 240,000:
    /// 186.26 + 0.142 × 240,000 × 0.8 × 0.01 + 0.42 × 240,000 × 0.8 × 0.0006 = 507.284, then
    /// 527.284.
    #[test]
    fn per_second_steps_are_the_upkeep() {
        let r = Rates::new(&crate::model::cost::repriced::tiered_per_second());
        let pts = curve(&r, 1e4, 2.5e5, 8);
        assert_eq!(pts.len(), 8 + 2 + 2);
        let s = edge(&pts, 144_000.0, |p| p.self_host);
        near(s[0], 186.26);
        near(s[1], 206.26);
        let h = edge(&pts, 240_000.0, |p| p.hybrid);
        near(h[0], 507.284);
        near(h[1], 527.284);
        // Without the upkeep nothing steps: the samples alone.
        let mut sc = crate::model::cost::repriced::tiered_per_second();
        sc.engineering.ops_hours_per_replica_month = 0.0;
        assert_eq!(curve(&Rates::new(&sc), 1e4, 1e6, 8).len(), 8);
    }

    /// A replica whose upkeep (30.4375 × 60 h / D = 60.00) equals its GPU rent (2.50 × 24,
    /// no overhead) still steps, by 120.00.
    #[test]
    fn upkeep_equal_to_the_rent_still_steps() {
        let mut sc = Scenario::default();
        sc.self_host.overhead_share = 0.0;
        sc.engineering.hourly_rate = 30.4375;
        sc.engineering.ops_hours_per_replica_month = 60.0;
        let r = Rates::new(&sc);
        assert_eq!(r.step_usd_per_day(), r.ops_per_extra_replica_day);
        let s = edge(&curve(&r, 1e3, 1.5e5, 8), 100_800.0, |p| p.self_host);
        assert_eq!(s.len(), 2);
        near(s[1] - s[0], 120.0);
    }

    /// More than `MAX_STEP_POINTS` steps of a series in the range: that series' steps are
    /// left out, wherever the range starts. Defaults: self-hosting steps every 100,800 and
    /// the hybrid every 144,000, so 1e8 … 1.1e8 holds 99 and 69 steps (all drawn) and
    /// 1e8 … 1e9 8,928 and 6,250 (none).
    #[test]
    fn too_many_steps_are_left_out() {
        let r = Rates::new(&Scenario::default());
        assert_eq!(curve(&r, 1e8, 1.1e8, 64).len(), 64 + 2 * (99 + 69));
        assert_eq!(curve(&r, 1e8, 1e9, 64).len(), 64);
        assert_eq!(curve(&r, 10.0, 1e9, 64).len(), 64);
    }

    #[test]
    fn add_owned_fills_the_owned_fleet_at_every_point() {
        let mut sc = Scenario::default();
        sc.owned.enabled = true;
        let o = crate::model::Outcome::evaluate(&sc);
        let mut pts = curve(&o.rates, 10.0, 1e6, 8);
        assert!(pts.iter().all(|p| p.owned == 0.0));
        add_owned(&mut pts, &o);
        for p in &pts {
            let want = o.owned_rates.cost(&o.rates, p.requests_per_day).usd_per_day;
            assert!(want > 0.0);
            assert_eq!(p.owned, want);
        }
    }
}
