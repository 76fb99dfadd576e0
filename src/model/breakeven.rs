//! Where self-hosting crosses over the API (docs/MODEL.md §3), computed exactly per replica step.
//!
//! Self-hosting is a staircase `S(V) = R(V)·g + F_S` with `R(V) = max(m, ⌈V / w⌉)`; the API is
//! a line `A(V) = a·V + F_A`. Step `k > m` covers `((k−1)·w, k·w]`; the plateau `k = m` covers
//! `[0, m·w]`. Everything below works on those steps in closed form, never by sampling.

use std::cmp::Ordering;

use super::cost::Rates;
use super::exact::Rational;
use super::scenario::DAYS_PER_MONTH;

/// An f64 difference further than this share of its terms' size from 0 has the sign f64 gives
/// it: the staircase's figures carry errors of a few units in the last place (about 1e-16 of
/// their size), so this leaves a margin of ten thousand. Nearer 0 the sign is decided exactly.
const DECIDED: f64 = 1e-12;

/// At most this many crossings are listed; a staircase whose every step crosses the API line
/// (possible only when one replica costs almost exactly what its traffic costs on the API) is
/// cut here so that a recompute stays bounded.
pub(crate) const MAX_CROSSINGS: usize = 10_000;

/// The staircase and the line in the terms of the module doc.
#[derive(Debug, Clone, Copy)]
struct Lines {
    /// a: API cost per request of volume.
    a: f64,
    /// F_A: API fixed cost per day.
    fa: f64,
    /// F_S: self-hosting's cost that no replica count changes, per day.
    fs: f64,
    /// g: cost of one replica per day, overhead included.
    g: f64,
    /// w: requests per day per replica.
    w: f64,
    /// m: minimum replicas.
    m: f64,
    /// Upkeep of each replica beyond the first (docs/MODEL.md §6.7), folded into `g` and `fs`
    /// for every step k ≥ 1; only a plateau at k = 0 costs `fs + o`.
    o: f64,
    /// The sizes of the API's and self-hosting's slopes, whose difference is `a`: how near 0
    /// `a` may be and still be decided in f64.
    slope_size: f64,
}

/// [`Lines`] in exact rationals: the decisions near a tie (is this step self-hosting's from
/// its start? is a replica dearer than its traffic?) are taken on these, so no tie tolerance
/// moves the break-even a step. Each figure is read as the shortest decimal that gives it back,
/// the figure a person typed (0.027 is 27/1000, not the binary fraction nearest it), so a tie
/// in the decimals is a tie, and the products and sums of the comparison are exact.
struct ExactLines {
    a: Rational,
    fa: Rational,
    fs: Rational,
    g: Rational,
    w: Rational,
    o: Rational,
}

impl ExactLines {
    fn new(l: &Lines) -> Option<ExactLines> {
        let q = Rational::from_f64_decimal;
        Some(ExactLines {
            a: q(l.a)?,
            fa: q(l.fa)?,
            fs: q(l.fs)?,
            g: q(l.g)?,
            w: q(l.w)?,
            o: q(l.o)?,
        })
    }

    /// `A − S` at the open lower end of step k: `a·(k − 1)·w + F_A − S_k`.
    fn gap_at_step_start(&self, k: f64) -> Option<Rational> {
        let k_q = Rational::from_f64_decimal(k)?;
        let before = Rational::from_f64_decimal(k - 1.0)?;
        let mut s = k_q.mul(&self.g).add(&self.fs);
        if k < 1.0 {
            s = s.add(&self.o);
        }
        Some(self.a.mul(&before).mul(&self.w).add(&self.fa).sub(&s))
    }
}

/// The sign of `value`, an f64 difference of terms whose sizes add up to `size`: from f64 when
/// it is clear of 0 by [`DECIDED`], else from `exact` (f64's own when that cannot be built).
fn sign(value: f64, size: f64, exact: impl FnOnce() -> Option<Rational>) -> Ordering {
    if value > DECIDED * size {
        Ordering::Greater
    } else if value < -DECIDED * size {
        Ordering::Less
    } else {
        exact().map_or_else(
            || value.partial_cmp(&0.0).unwrap_or(Ordering::Equal),
            |x| x.signum(),
        )
    }
}

impl Lines {
    fn new(r: &Rates) -> Lines {
        let o = r.ops_per_extra_replica_day;
        Lines {
            // Per-second billing (docs/MODEL.md §6.6) makes self-hosting a line too; only the
            // difference of the slopes matters, so the API's slope carries it.
            a: r.api_per_volume() - r.self_per_volume(),
            fa: r.api_fixed_per_day,
            fs: r.self_fixed_total_per_day() - o,
            g: r.step_usd_per_day() + o,
            w: r.requests_per_replica(),
            m: r.min_replicas,
            o,
            slope_size: r.api_per_volume().abs() + r.self_per_volume().abs(),
        }
    }

    fn exact(&self) -> Option<ExactLines> {
        ExactLines::new(self)
    }

    /// The sign of a, the API's slope less self-hosting's, decided exactly near 0.
    fn slope_sign(&self) -> Ordering {
        sign(self.a, self.slope_size, || self.exact().map(|e| e.a))
    }

    /// The sign of `a·w − g`: whether a replica's traffic costs more on the API than the
    /// replica, decided exactly near a tie.
    fn replica_sign(&self) -> Ordering {
        let aw = self.a * self.w;
        sign(aw - self.g, aw.abs() + self.g.abs(), || {
            self.exact().map(|e| e.a.mul(&e.w).sub(&e.g))
        })
    }

    /// The hybrid against the API in the terms of its local stack: `H(V) − A(V) =
    /// S(u) − a'·u` at local volume `u = h·V`, with `a' = (a − b) / h` where b is the API cost
    /// of the hybrid's remaining traffic per request of total volume. `None` when h = 0.
    fn hybrid(r: &Rates) -> Option<Lines> {
        let h = r.local_share;
        if h <= 0.0 {
            return None;
        }
        let mut l = Lines::new(r);
        l.a = (r.api_per_volume() - r.hybrid_api_per_volume()) / h - r.self_per_volume();
        l.fa = 0.0;
        l.slope_size = (r.api_per_volume().abs() + r.hybrid_api_per_volume().abs()) / h
            + r.self_per_volume().abs();
        Some(l)
    }

    /// Self-hosting never adds a replica or a replica costs nothing: S is one constant.
    fn flat_self_host(&self) -> Option<f64> {
        if self.g == 0.0 || !self.w.is_finite() {
            Some(self.step_cost(self.m))
        } else {
            None
        }
    }

    /// Self-hosting's cost on step k (the plateau when k = m).
    fn step_cost(&self, k: f64) -> f64 {
        k * self.g + self.fs + if k < 1.0 { self.o } else { 0.0 }
    }

    /// Lowest volume of step k (exclusive for k > m).
    fn step_start(&self, k: f64) -> f64 {
        if k > self.m {
            (k - 1.0) * self.w
        } else {
            0.0
        }
    }

    /// True when self-hosting is cheaper than the API everywhere in step `k > m`, including
    /// just after the step's open lower end. A tie at that end counts, since the API line
    /// rises past it at once; ties are decided exactly (rationals of the rates), never with a
    /// tolerance, so the break-even lands on its own step.
    fn step_all_self(&self, k: f64) -> bool {
        let rise = self.a * (k - 1.0) * self.w;
        let s = self.step_cost(k);
        let size = rise.abs() + self.fa.abs() + (k * self.g).abs() + self.fs.abs() + self.o;
        sign(rise + self.fa - s, size, || {
            self.exact().and_then(|e| e.gap_at_step_start(k))
        }) != Ordering::Less
    }

    /// The first step k ≥ `first` from which every step is self-hosting's throughout, when
    /// `a·w > g` (so the gap at a step's start grows with k): from the closed form's guess,
    /// gallop to a bracket, then halve it, each test exact.
    fn first_all_self(&self, guess: f64, first: f64) -> Option<f64> {
        let k = guess.max(first);
        if !k.is_finite() || k > 9e15 {
            return None;
        }
        let (mut bad, mut good);
        if self.step_all_self(k) {
            good = k;
            bad = first - 1.0;
            let mut d = 1.0;
            while good - d >= first {
                if self.step_all_self(good - d) {
                    good -= d;
                    d *= 2.0;
                } else {
                    bad = good - d;
                    break;
                }
            }
        } else {
            bad = k;
            let mut d = 1.0;
            loop {
                if bad + d > 9e15 {
                    return None;
                }
                if self.step_all_self(bad + d) {
                    good = bad + d;
                    break;
                }
                bad += d;
                d *= 2.0;
            }
        }
        while good - bad > 1.0 {
            let mid = ((bad + good) / 2.0).floor();
            if self.step_all_self(mid) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        Some(good)
    }
}

/// The smallest V ≥ 0 from which self-hosting is never dearer than the API, over all volumes.
/// `None` when the API stays cheaper somewhere however high the volume goes.
pub fn breakeven_requests_per_day(r: &Rates) -> Option<f64> {
    match r.scale_up_pieces() {
        None => breakeven_of(&Lines::new(r)),
        Some((low, high, kink)) => two_pieces(
            kink,
            breakeven_of(&Lines::new(&high)),
            breakeven_of(&Lines::new(&low)),
            || crossings_of(&Lines::new(&low), 0.0, kink),
        ),
    }
}

/// The break-even of a line with two straight pieces (docs/MODEL.md §6.6, serverless starts
/// that grow with the traffic): self-hosting costs the `low` piece's S below `kink` and the
/// `high` piece's above, and the smaller of the two everywhere. `high` and `low` are each
/// piece's own break-even over all volumes, `low_crossings` the low piece's crossings in
/// `[0, kink]`, each exact. Above the kink the high piece decides: past its break-even it is
/// the answer. Else self-hosting is cheaper from the kink on, and the answer lies below it:
/// the low piece's break-even when that is below the kink, else the last point below the kink
/// where the low piece crosses to self-hosting (0 when it never leaves it).
fn two_pieces(
    kink: f64,
    high: Option<f64>,
    low: Option<f64>,
    low_crossings: impl FnOnce() -> Vec<f64>,
) -> Option<f64> {
    let high = high?;
    if high > kink {
        return Some(high);
    }
    match low {
        Some(b) if b <= kink => Some(b),
        _ => Some(low_crossings().last().copied().unwrap_or(0.0)),
    }
}

/// The smallest V ≥ 0 from which the hybrid is never dearer than the API (docs/MODEL.md §6.4).
pub fn hybrid_breakeven_requests_per_day(r: &Rates) -> Option<f64> {
    match r.scale_up_pieces() {
        // The local stack's kink, at local volume `kink`, is at total volume `kink / h`.
        Some((low, high, kink)) if r.local_share > 0.0 => {
            let local = |x: &Rates| Lines::hybrid(x).filter(|l| l.a >= 0.0);
            let h = r.local_share;
            two_pieces(
                kink / h,
                hybrid_breakeven_of(&high),
                hybrid_breakeven_of(&low),
                || {
                    // H − A = S(u) − a'·u at local volume u (see `Lines::hybrid`).
                    local(&low).map_or_else(Vec::new, |l| {
                        crossings_of(&l, 0.0, kink)
                            .into_iter()
                            .map(|u| u / h)
                            .collect()
                    })
                },
            )
        }
        _ => hybrid_breakeven_of(r),
    }
}

fn hybrid_breakeven_of(r: &Rates) -> Option<f64> {
    match Lines::hybrid(r) {
        Some(l) if l.a >= 0.0 => breakeven_of(&l).map(|u| u / r.local_share),
        Some(_) => None,
        // h = 0: the hybrid is an idle local stack plus the API tiers, a line
        // `H − A = S(0) − (a − b)·V` (docs/MODEL.md §6.5).
        None => {
            let (idle, saved) = (
                r.self_host_usd(0.0),
                r.api_per_volume() - r.hybrid_api_per_volume(),
            );
            if idle <= 0.0 && saved >= 0.0 {
                Some(0.0)
            } else if saved > 0.0 {
                Some(idle / saved).filter(|v| v.is_finite())
            } else {
                None
            }
        }
    }
}

fn breakeven_of(l: &Lines) -> Option<f64> {
    let l = *l;
    let slope = l.slope_sign();
    if let Some(s) = l.flat_self_host() {
        return match slope {
            Ordering::Greater => Some(((s - l.fa) / l.a).max(0.0)),
            Ordering::Equal => {
                let covered = sign(l.fa - s, l.fa.abs() + s.abs(), || {
                    l.exact().map(|e| {
                        let m = Rational::from_f64_decimal(l.m).unwrap_or_else(Rational::zero);
                        let mut s = m.mul(&e.g).add(&e.fs);
                        if l.m < 1.0 {
                            s = s.add(&e.o);
                        }
                        e.fa.sub(&s)
                    })
                });
                (covered != Ordering::Less).then_some(0.0)
            }
            Ordering::Less => None,
        };
    }
    if slope != Ordering::Greater {
        // A flat API bill against a staircase that keeps climbing (or self-hosting's own
        // per-request cost at least the API's).
        return None;
    }
    let aw = l.a * l.w;
    let first = l.m + 1.0;
    // k0: the first step from which every step is self-hosting's throughout.
    let k0 = match l.replica_sign() {
        Ordering::Greater => l.first_all_self(((aw + l.fs - l.fa) / (aw - l.g)).ceil(), first)?,
        Ordering::Equal if l.step_all_self(first) => first,
        _ => return None,
    };
    // Inside the step before k0 the API line rises through S; the break-even is where it does.
    let j = k0 - 1.0;
    let start = l.step_start(j);
    let end = j * l.w;
    let crossing = (l.step_cost(j) - l.fa) / l.a;
    Some(crossing.max(start).min(end))
}

/// Why self-hosting never stays cheaper than the API, with the figures that decide
/// ([`crate::wording::never`] words it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Never {
    /// The API costs nothing per request.
    FreeApi,
    /// Billed per second, self-hosting's cost per request is not below the API's.
    PerSecond { self_host: f64, api: f64 },
    /// Self-hosting's flat daily cost never drops below the API's fixed cost.
    Flat { self_host: f64 },
    /// Each replica costs `replica` a day but carries only `carries` requests a day, which
    /// cost `api` a day on the API.
    Replica {
        replica: f64,
        carries: f64,
        api: f64,
    },
}

/// Why there is no break-even, when [`breakeven_requests_per_day`] is `None`.
pub fn never(r: &Rates) -> Never {
    let l = Lines::new(r);
    if r.api_per_volume() == 0.0 {
        return Never::FreeApi;
    }
    if l.a <= 0.0 {
        return Never::PerSecond {
            self_host: r.self_per_volume(),
            api: r.api_per_volume(),
        };
    }
    if let Some(s) = l.flat_self_host() {
        return Never::Flat { self_host: s };
    }
    Never::Replica {
        replica: l.g,
        carries: l.w,
        api: l.a * l.w,
    }
}

/// Every volume in `[lo, hi]` where the cheaper of API and self-hosting changes, ascending.
/// Ties go to the API, so self-hosting is "cheaper" only when strictly below.
pub fn crossings(r: &Rates, lo: f64, hi: f64) -> Vec<f64> {
    let Some((low, high, kink)) = r.scale_up_pieces() else {
        return crossings_of(&Lines::new(r), lo, hi);
    };
    // Two straight pieces (docs/MODEL.md §6.6): the low piece's crossings below the kink, the
    // high piece's above; the line is continuous at the kink, so a crossing there is one.
    let mut out = crossings_of(&Lines::new(&low), lo, hi.min(kink));
    for x in crossings_of(&Lines::new(&high), lo.max(kink), hi) {
        if out.last() != Some(&x) {
            out.push(x);
        }
    }
    out.truncate(MAX_CROSSINGS);
    out
}

fn crossings_of(l: &Lines, lo: f64, hi: f64) -> Vec<f64> {
    let l = *l;
    let mut out = Vec::new();
    if lo.is_nan() || hi.is_nan() || lo > hi {
        return out;
    }
    if let Some(s) = l.flat_self_host() {
        if l.a != 0.0 {
            let x = (s - l.fa) / l.a;
            if x >= lo && x <= hi && x > 0.0 {
                out.push(x);
            }
        }
        return out;
    }
    if l.a < 0.0 {
        // S − A only grows: at most one crossing, where self-hosting stops being cheaper.
        if let Some(x) = falling_crossing(&l).filter(|x| *x >= lo && *x <= hi && *x > 0.0) {
            out.push(x);
        }
        return out;
    }
    let (a, w, m) = (l.a, l.w, l.m);
    // gap at a step's top end, A(k·w) − S_k, is linear in k: σ·k + b.
    let sigma = a * w - l.g;
    let b = l.fa - l.fs;
    let reach = (a * w).max(l.g);
    // Steps touching [lo, hi].
    let k_lo = m.max((lo / w).ceil());
    let k_hi = m.max((hi / w).ceil());
    // Steps whose top-end gap lies in (0, reach]: only those can hold a crossing.
    let (mut k_from, k_to) = if sigma > 0.0 {
        (
            (-b / sigma).floor() - 1.0,
            ((reach - b) / sigma).ceil() + 1.0,
        )
    } else if sigma < 0.0 {
        (
            ((reach - b) / sigma).floor() - 1.0,
            (-b / sigma).ceil() + 1.0,
        )
    } else if b > 0.0 && b <= reach {
        (k_lo, k_hi)
    } else {
        (k_lo, k_lo - 1.0)
    };
    // The plateau can always hold a crossing, whatever the linear bound says.
    let plateau = k_lo == m;
    if plateau {
        push_step_crossings(&l, m, lo, hi, &mut out);
    }
    k_from = k_from.max(k_lo).max(m + 1.0);
    let k_to = k_to.min(k_hi);
    let mut k = k_from;
    let mut scanned = 0usize;
    while k <= k_to && out.len() < MAX_CROSSINGS && scanned < 4 * MAX_CROSSINGS + 16 {
        push_step_crossings(&l, k, lo, hi, &mut out);
        k += 1.0;
        scanned += 1;
    }
    out.truncate(MAX_CROSSINGS);
    out
}

/// When the API line falls against the staircase (a < 0, per-second billing dearer per request
/// than the API): the first volume from which self-hosting is no longer strictly cheaper.
/// `None` when it never is.
fn falling_crossing(l: &Lines) -> Option<f64> {
    let gap_end = |k: f64| l.step_cost(k) - l.a * k * l.w - l.fa;
    if l.step_cost(l.m) - l.fa >= 0.0 {
        return None;
    }
    let first = l.m.max(1.0);
    let mut k = ((l.fa - l.fs) / (l.g - l.a * l.w)).ceil().max(first);
    for _ in 0..4 {
        if k > first && gap_end(k - 1.0) >= 0.0 {
            k -= 1.0;
        }
    }
    for _ in 0..4 {
        if gap_end(k) < 0.0 {
            k += 1.0;
        }
    }
    let x = (l.step_cost(k) - l.fa) / l.a;
    Some(x.max(l.step_start(k)).min(k * l.w))
}

/// The crossings inside step k and at its top end, if they fall in `[lo, hi]`.
fn push_step_crossings(l: &Lines, k: f64, lo: f64, hi: f64, out: &mut Vec<f64>) {
    let start = l.step_start(k);
    let end = k * l.w;
    let s_k = l.step_cost(k);
    let in_range = |x: f64| x >= lo && x <= hi;
    // API → self-hosting where the rising API line passes S_k inside the step.
    if l.a > 0.0 {
        let x = (s_k - l.fa) / l.a;
        let after_start = if k > l.m { x > start } else { x >= start };
        if after_start && x < end && in_range(x) {
            out.push(x);
        }
    }
    // Self-hosting → API at the top end when the next replica lifts S back over the line,
    // or onto it when the line is flat (a rising line is above S again just after the end,
    // and a tie there is not a change).
    let api_at_end = l.a * end + l.fa;
    let next = l.step_cost(k + 1.0);
    let api_after = next > api_at_end || (next == api_at_end && l.a == 0.0);
    if s_k < api_at_end && api_after && in_range(end) {
        out.push(end);
    }
}

/// Months for the running savings at this volume to repay setup (docs/MODEL.md §3).
/// `None` when self-hosting saves nothing here (or too little for the months to be finite).
pub fn payback_months(r: &Rates, api_usd_per_day: f64, self_host_usd_per_day: f64) -> Option<f64> {
    let running = self_host_usd_per_day - r.setup_amortization_per_day;
    let savings_per_month = (api_usd_per_day - running) * DAYS_PER_MONTH;
    if savings_per_month.is_nan() || savings_per_month <= 0.0 {
        return None;
    }
    if r.setup_cost == 0.0 {
        return Some(0.0);
    }
    Some(r.setup_cost / savings_per_month).filter(|m| m.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::Scenario;

    #[test]
    fn default_breakeven_and_crossing() {
        let r = Rates::new(&Scenario::default());
        let b = breakeven_requests_per_day(&r).unwrap();
        assert!((b - 15_361.12).abs() < 0.01, "{b}");
        let c = crossings(&r, 10.0, 1e7);
        assert_eq!(c.len(), 1);
        assert!((c[0] - b).abs() < 1e-6);
    }

    #[test]
    fn default_payback_at_100k() {
        let r = Rates::new(&Scenario::default());
        let p = payback_months(&r, r.api(1e5).usd_per_day, r.self_host(1e5).usd_per_day);
        assert!((p.unwrap() - 0.3027).abs() < 1e-3, "{p:?}");
        assert_eq!(payback_months(&r, 100.0, 153.6), None);
    }

    /// docs/MODEL.md §6.4's worked example: a' = (0.01 − 0.003)/0.7 = 0.01 per local
    /// request, the local plateau S = 153.611 is reached at u = 15,361.12, so V = u / 0.7.
    #[test]
    fn hybrid_breakeven_by_hand() {
        let r = Rates::new(&Scenario::default());
        let b = hybrid_breakeven_requests_per_day(&r).unwrap();
        let want = 15_361.12 / 0.7;
        assert!((b - want).abs() < 0.01, "{b}");
        assert!(r.hybrid(b * 1.001).usd_per_day < r.api(b * 1.001).usd_per_day);
        assert!(r.hybrid(b * 0.999).usd_per_day > r.api(b * 0.999).usd_per_day);
        let mut sc = Scenario::default();
        sc.hybrid.local_share = 0.0;
        assert_eq!(hybrid_breakeven_requests_per_day(&Rates::new(&sc)), None);
    }

    /// Ops upkeep per extra replica (docs/MODEL.md §6.7) keeps the exact step method exact:
    /// with min_replicas = 0 the plateau costs F_S alone, every later step adds g + o.
    #[test]
    fn ops_per_replica_matches_a_walk() {
        let mut sc = Scenario::default();
        sc.engineering.ops_hours_per_replica_month = 30.0;
        sc.self_host.min_replicas = 0;
        let r = Rates::new(&sc);
        let b = breakeven_requests_per_day(&r).unwrap();
        for k in 1..2000 {
            let v = b * (1.0 + k as f64 * 0.01);
            assert!(r.self_host_usd(v) <= r.api_usd(v) + 1e-9, "{v}");
        }
        assert!(r.self_host_usd(b * 0.999) > r.api_usd(b * 0.999));
        for c in crossings(&r, 10.0, 1e7) {
            let (lo, hi) = (c * (1.0 - 1e-9), c * (1.0 + 1e-9));
            let lo_self = r.self_host_usd(lo) < r.api_usd(lo);
            let hi_self = r.self_host_usd(hi) < r.api_usd(hi);
            assert!(
                lo_self != hi_self || r.self_host_usd(c) < r.api_usd(c),
                "{c}"
            );
        }
    }

    /// A replica dearer than the traffic it carries: the API wins for good.
    #[test]
    fn never_when_a_replica_costs_more_than_its_traffic() {
        let mut sc = Scenario::default();
        sc.self_host.decode_tokens_per_second = 25.0; // w ≈ 4,000 req/day, a·w ≈ $40 < g = $66
        let r = Rates::new(&sc);
        assert_eq!(breakeven_requests_per_day(&r), None);
        let why = crate::wording::never(never(&r), "USD");
        assert!(why.contains("each replica costs $66.00/day"), "{why}");
    }

    /// Hand-built staircase: a = 1, w = 10, g = 8, F_S = 5, F_A = 0, m = 1.
    /// Step k ≥ 2 starts at 10(k−1) with S = 8k + 5: self wins from its start when
    /// 10(k−1) ≥ 8k + 5, i.e. k ≥ 7.5, so k0 = 8 and the break-even is inside step 7:
    /// S_7 = 61, so V = 61. The crossings are checked against a walk over every volume.
    #[test]
    fn hand_built_staircase() {
        let mut sc = Scenario::default();
        sc.workload.input_tokens = 0.0;
        sc.workload.output_tokens = 1.0;
        sc.self_host.decode_tokens_per_second = 1.0; // s = 1 s
        sc.workload.peak_to_average = 1.0;
        sc.self_host.target_utilization = 10.0 / 86_400.0 * 1.0; // w = 10
        sc.api.output_per_mtok = 1e6; // a = 1 per request
        sc.self_host.gpu_per_hour = 8.0 / 24.0; // g = 8
        sc.self_host.overhead_share = 0.0;
        sc.engineering.hourly_rate = 5.0 * DAYS_PER_MONTH;
        sc.engineering.setup_hours = 0.0;
        sc.engineering.maintenance_hours_per_month = 1.0; // F_S = 5
        let r = Rates::new(&sc);
        assert!((r.requests_per_replica() - 10.0).abs() < 1e-9);
        let b = breakeven_requests_per_day(&r).unwrap();
        assert!((b - 61.0).abs() < 1e-9, "{b}");
        let c = crossings(&r, 1.0, 1000.0);
        let want: Vec<f64> = brute_force(&r, 1.0, 1000.0);
        // Plateau (S = 13 over [0, 10]) and step 2 (S = 21 over (10, 20]) stay API; step 3
        // (S = 29) is the first to cross, then flips back at 30 when S jumps to 37.
        assert_eq!(c[..2], [29.0, 30.0], "{c:?}");
        assert!(c.len() >= 6, "{c:?}");
        assert_eq!(*c.last().unwrap(), 61.0);
        assert_eq!(c.len(), want.len(), "{c:?} vs {want:?}");
        for (x, y) in c.iter().zip(&want) {
            assert!((x - y).abs() < 1e-6, "{c:?} vs {want:?}");
        }
    }

    /// §3 decides ties exactly: a = 1, w = 10, g = 8, m = 1 and F_S = 4 + ε. Step 7 starts at
    /// 60 with S_7 = 60 + ε, so for any ε > 0 self-hosting is dearer just past 60 and the
    /// break-even is 60 + ε, inside step 7; a 1e-12 tolerance took the ε = 1e-11 gap for a tie
    /// and answered 52 + ε, inside step 6, where the API is cheaper again at 60.000001. With
    /// ε = 0 the tie at 60 is real and counts: 52.
    #[test]
    fn near_ties_are_decided_exactly() {
        let eps = 1e-11;
        let r = staircase(1.0, 0.0, 8.0, 0.0, 10.0, 1.0, 4.0 + eps);
        let b = breakeven_requests_per_day(&r).unwrap();
        assert!((b - 60.0).abs() < 1e-9, "{b}");
        assert!(r.self_host_usd(60.000_001) < r.api_usd(60.000_001));
        assert!(r.self_host_usd(60.0 + 1e-13) > r.api_usd(60.0 + 1e-13));
        let tied = staircase(1.0, 0.0, 8.0, 0.0, 10.0, 1.0, 4.0);
        assert_eq!(breakeven_requests_per_day(&tied), Some(52.0));
        // The same near tie for the hybrid: half the traffic local, so twice the volume.
        let mut h = r;
        h.frontier_fraction = 0.5;
        h.cheap_fraction = 0.0;
        let hb = hybrid_breakeven_requests_per_day(&h).unwrap();
        assert!((hb - 120.0).abs() < 1e-6, "{hb}");
        // A replica whose traffic costs exactly what it does on the API (a·w = g), with the
        // fixed gap covered from the first step: the break-even is that step's start.
        // 0.8 × 10 is 8 as the decimals typed, not as the f64 nearest 0.8.
        let flat = staircase(0.8, 8.0, 8.0, 0.0, 10.0, 1.0, 0.0);
        assert_eq!(breakeven_requests_per_day(&flat), Some(0.0));
        let short = staircase(0.8, 8.0, 8.0, 0.0, 10.0, 1.0, eps);
        assert_eq!(breakeven_requests_per_day(&short), None);
    }

    /// The exact search finds the step wherever the closed form's guess lands: steps past
    /// 10^9, where one step is a ten-billionth of the volume.
    #[test]
    fn far_steps_are_found_exactly() {
        // a·w − g = 1e-9 per step; the gap at step k's start is 1e-9·k − 1 − F_S + …: k0 near
        // 1e9 + 1.
        let r = staircase(1.0, 0.0, 10.0 - 1e-9, 0.0, 10.0, 1.0, 1.0);
        let b = breakeven_requests_per_day(&r).unwrap();
        let k0 = (b / 10.0).floor() + 2.0;
        let l = Lines::new(&r);
        assert!(
            l.step_all_self(k0) && !l.step_all_self(k0 - 1.0),
            "{b} {k0}"
        );
    }

    /// A staircase given by hand, straight into [`Rates`]: the API costs `a` per request plus
    /// `fa` a day; one replica carries `w` requests/day and costs `g0` a day, plus `o` upkeep
    /// for each replica beyond the first; `fixed` a day whatever the replica count; at least
    /// `m` replicas; the hybrid serves half the traffic locally.
    fn staircase(a: f64, fa: f64, g0: f64, o: f64, w: f64, m: f64, fixed: f64) -> Rates {
        let mut half_local = Scenario::default();
        half_local.hybrid.local_share = 0.5;
        Rates {
            billable_share: 1.0,
            api_per_request: a,
            api_fixed_per_day: fa,
            seconds_per_request: 86_400.0 / w,
            peak_to_average: 1.0,
            target_utilization: 1.0,
            min_replicas: m,
            gpus_per_replica: 1.0,
            gpu_per_replica_day: g0,
            overhead_share: 0.0,
            self_fixed_per_day: 0.0,
            engineering_per_day: fixed,
            setup_amortization_per_day: 0.0,
            setup_cost: 0.0,
            ops_per_extra_replica_day: o,
            // Every other term (billing modes, the hybrid's split and tiers) as the default
            // scenario has them, with half the traffic local.
            ..Rates::new(&half_local)
        }
    }

    /// Volumes to test a staircase with step width `w` at: every half request up to `hi`, and
    /// each step's top end and just after it.
    fn grid(w: f64, hi: f64) -> Vec<f64> {
        let mut v: Vec<f64> = (0..=(2.0 * hi) as usize).map(|i| i as f64 / 2.0).collect();
        if w.is_finite() {
            let mut k = 1.0;
            while k * w <= hi {
                v.extend([k * w, k * w + 1e-6]);
                k += 1.0;
            }
        }
        v
    }

    /// `b` against the break-even's definition, walked on the costs themselves (`mine(v)`
    /// against the API's `api(v)`): from `b` up to `hi`, never dearer; just below `b`, dearer.
    /// `None`: dearer somewhere in the last 20 requests/day below `hi`, however far `hi` is.
    fn check_breakeven(
        what: &str,
        b: Option<f64>,
        mine: impl Fn(f64) -> f64,
        api: impl Fn(f64) -> f64,
        points: &[f64],
        hi: f64,
    ) {
        match b {
            Some(b) => {
                assert!(b.is_finite() && b >= 0.0, "{what}: {b}");
                for &v in points.iter().filter(|&&v| v >= b) {
                    assert!(mine(v) <= api(v) + 1e-9, "{what}: B = {b}, dearer at {v}");
                }
                assert!(mine(b) <= api(b) + 1e-9, "{what}: B = {b}, dearer at B");
                if b > 0.0 {
                    let v = b - 1e-6;
                    assert!(mine(v) > api(v), "{what}: B = {b}, not dearer just below");
                }
            }
            None => assert!(
                points
                    .iter()
                    .any(|&v| v > hi - 20.0 && mine(v) > api(v) + 1e-9),
                "{what}: no break-even, yet never dearer near {hi}"
            ),
        }
    }

    /// The break-evens (self-hosting's and the hybrid's) and the crossings, on a grid of
    /// hand-built staircases covering every case of the closed form: a replica dearer than,
    /// equal to or cheaper than its traffic on the API (a·w vs g), a flat self-host (a free
    /// replica, or requests that take no replica time), a free API, an API fixed cost above
    /// or below self-hosting's, no minimum replica, and ops upkeep. Each is checked against
    /// the costs of `Rates` walked volume by volume, not against the closed form itself.
    #[test]
    fn breakeven_and_crossings_match_a_walk_on_every_kind_of_staircase() {
        let hi = 1_000.0;
        let mut cases = 0;
        // a·w = 10 in both widths; a = 0.5 tells a division by a from a product.
        for (a_or_0, w) in [
            (1.0, 10.0),
            (0.5, 20.0),
            (1.0, f64::INFINITY),
            (0.5, f64::INFINITY),
        ] {
            let points = grid(w, hi);
            for a in [0.0, a_or_0] {
                for fa in [0.0, 7.0, 40.0] {
                    for g0 in [0.0, 8.0, 10.0, 12.0] {
                        for o in [0.0, 2.0] {
                            for m in [0.0, 1.0, 3.0] {
                                for fixed in [0.0, 5.0, 30.0] {
                                    let r = staircase(a, fa, g0, o, w, m, fixed);
                                    let what = format!(
                                        "a={a} fa={fa} g0={g0} o={o} w={w} m={m} F={fixed}"
                                    );
                                    check_breakeven(
                                        &what,
                                        breakeven_requests_per_day(&r),
                                        |v| r.self_host_usd(v),
                                        |v| r.api_usd(v),
                                        &points,
                                        hi,
                                    );
                                    check_breakeven(
                                        &format!("hybrid {what}"),
                                        hybrid_breakeven_requests_per_day(&r),
                                        |v| r.hybrid_usd(v),
                                        |v| r.api_usd(v),
                                        &points,
                                        hi,
                                    );
                                    if w.is_finite() {
                                        let mut got = crossings(&r, 0.0, 300.0);
                                        let mut want = brute_force(&r, 0.0, 300.5);
                                        // A tie at 0 that self-hosting wins from just after
                                        // is reported on some paths only; left aside.
                                        if r.self_host_usd(0.0) == r.api_usd(0.0) {
                                            got.retain(|&x| x > 0.0);
                                            want.retain(|&x| x > 0.0);
                                        }
                                        assert_eq!(got, want, "{what}");
                                        // A window inside, hundreds of steps wide: only
                                        // the crossings within it, none lost by the steps
                                        // the search skips.
                                        assert_eq!(
                                            crossings(&r, 25.0, 5_000.0),
                                            brute_force(&r, 25.0, 5_000.5),
                                            "{what} in [25, 5000]"
                                        );
                                    }
                                    cases += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(cases, 1_728);
    }

    /// An empty or unordered window, or a NaN bound, has no crossings; a window of one
    /// volume has the crossing at it, if any (hand_built_staircase's first two, 29 and 30).
    #[test]
    fn crossings_in_degenerate_windows() {
        let r = staircase(1.0, 0.0, 8.0, 0.0, 10.0, 1.0, 5.0);
        assert_eq!(crossings(&r, 1.0, 1000.0)[..2], [29.0, 30.0]);
        assert_eq!(crossings(&r, 29.0, 29.0), [29.0]);
        assert_eq!(crossings(&r, 30.0, 30.0), [30.0]);
        assert_eq!(crossings(&r, 31.0, 31.0), Vec::<f64>::new());
        assert_eq!(crossings(&r, 30.0, 29.0), Vec::<f64>::new());
        assert_eq!(crossings(&r, f64::NAN, 100.0), Vec::<f64>::new());
        assert_eq!(crossings(&r, 1.0, f64::NAN), Vec::<f64>::new());
        // The same with a flat self-host (a free replica): one crossing, at S / a = 5.
        let flat = staircase(1.0, 0.0, 0.0, 0.0, 10.0, 1.0, 5.0);
        assert_eq!(crossings(&flat, 0.0, 100.0), [5.0]);
        assert_eq!(crossings(&flat, 5.0, 5.0), [5.0]);
        assert_eq!(crossings(&flat, 6.0, 100.0), Vec::<f64>::new());
        assert_eq!(crossings(&flat, 0.0, 4.0), Vec::<f64>::new());
        assert_eq!(crossings(&flat, 6.0, 4.0), Vec::<f64>::new());
        assert_eq!(crossings(&flat, f64::NAN, 100.0), Vec::<f64>::new());
    }

    /// A replica that costs exactly what its traffic costs on the API (a·w = g = 10): every
    /// step crosses twice (the API line passes S at 10k − 2, the next replica lifts S over it at
    /// 10k), so the list is cut at MAX_CROSSINGS, at the end of step 5,000, and stays
    /// ascending.
    #[test]
    fn crossings_are_cut_at_the_maximum() {
        let r = staircase(1.0, 0.0, 8.0, 2.0, 10.0, 0.0, 0.0);
        let c = crossings(&r, 0.0, 1e6);
        assert_eq!(c.len(), MAX_CROSSINGS);
        assert_eq!(c[..4], [8.0, 10.0, 18.0, 20.0]);
        assert_eq!(c[MAX_CROSSINGS - 1], 50_000.0);
        assert!(c.windows(2).all(|p| p[0] < p[1]));
    }

    /// A tie at a step's open start that rounding puts a hair on the API's side: with a =
    /// 0.027, w = 700, g = 6.7, F_S = 49.4, F_A = 7.3, step 5 starts at 2,800 where the API
    /// costs 0.027 × 2,800 + 7.3 = 82.9 = S_5 = 5 × 6.7 + 49.4, so self-hosting is never dearer
    /// from the API line's crossing of S_4 = 76.2 on: (76.2 − 7.3) / 0.027 = 2,551.85. The
    /// step test once read the rounded tie as the API's and answered 2,800, a step late. The
    /// same with a = 0.09, w = 24, g = 1.2, F_S = 84.6, F_A = 4.2: (85 × 1.2 + 84.6 − 4.2) /
    /// 0.09 = 2,026.67, not 2,040.
    #[test]
    fn a_rounded_tie_at_a_step_start_is_self_hostings() {
        for (a, w, g, fs, fa, k) in [
            (0.027, 700.0, 6.7, 49.4, 7.3, 4.0),
            (0.09, 24.0, 1.2, 84.6, 4.2, 85.0),
        ] {
            let r = staircase(a, fa, g, 0.0, w, 1.0, fs);
            let b = breakeven_requests_per_day(&r).unwrap();
            let want = (k * g + fs - fa) / a;
            assert!((b - want).abs() < 1e-6, "{b} vs {want}");
            let hi = (k + 20.0) * w;
            let points: Vec<f64> = grid(w, hi).into_iter().map(|v| v * w / 10.0).collect();
            check_breakeven(
                "tie",
                Some(b),
                |v| r.self_host_usd(v),
                |v| r.api_usd(v),
                &points,
                hi,
            );
        }
    }

    /// A hybrid whose API calls cost more than the API alone (docs/MODEL.md §6.5: every
    /// request escalated to both tiers, so per request of volume it pays the frontier's $1
    /// and the cheap tier's $0.50) is dearer than the API at every volume above 0, even with a
    /// local stack that costs nothing: no break-even.
    #[test]
    fn a_hybrid_dearer_per_request_than_the_api_never_breaks_even() {
        let mut r = staircase(1.0, 0.0, 0.0, 0.0, 10.0, 1.0, 0.0);
        (r.frontier_fraction, r.cheap_fraction, r.cheap_per_request) = (1.0, 1.0, 0.5);
        assert_eq!(r.hybrid_usd(100.0), 150.0);
        assert_eq!(hybrid_breakeven_requests_per_day(&r), None);
        let points = grid(10.0, 200.0);
        check_breakeven(
            "",
            None,
            |v| r.hybrid_usd(v),
            |v| r.api_usd(v),
            &points,
            200.0,
        );
    }

    /// Crossings by walking every integer volume (valid for w = 10 and integer crossings).
    fn brute_force(r: &Rates, lo: f64, hi: f64) -> Vec<f64> {
        let self_cheaper = |v: f64| r.self_host(v).usd_per_day < r.api(v).usd_per_day;
        let mut out = Vec::new();
        let mut v = lo;
        while v < hi {
            if self_cheaper(v) != self_cheaper(v + 1e-6) {
                out.push(v);
            }
            v += 1.0;
        }
        out
    }
}

/// Per-second billing dearer per request than the API (`a < 0`): self-hosting is cheaper from
/// volume 0 and stops being cheaper at one volume (billing.rs's §6.6 per-second example with
/// the API at $0.10/$0.40 per million tokens, so p = 0.0004, and fixed costs on both sides).
#[cfg(test)]
mod falling {
    use super::*;
    use crate::model::billing::worked::per_second;
    use crate::model::scenario::Scenario;
    use crate::model::worked_example::near;

    /// The API at (1 − c)·p = 0.8 × 0.0004 = 0.00032 per request of volume plus `api_fixed`
    /// a day; self-hosting at 1.15 × 0.8 × 0.00075 = 0.00069 per request, 2,000.00 a day of
    /// fixed infrastructure, 6.90 of scale-ups, 80.00 of engineering and 20.00 per replica
    /// beyond the first, one replica per 144,000 requests/day.
    fn dearer_per_request(api_fixed: f64) -> Scenario {
        let mut sc = per_second();
        (sc.api.input_per_mtok, sc.api.output_per_mtok) = (0.10, 0.40);
        sc.api.fixed_per_month = api_fixed * DAYS_PER_MONTH;
        sc.self_host.fixed_per_month = 2_000.0 * DAYS_PER_MONTH;
        sc
    }

    /// API fixed 4,000.00/day. On step k (R = k replicas) S − A =
    /// 20k + 2,066.90 − 4,000 + 0.00037·V, which reaches 0 on step 27 ((3,744,000, 3,888,000])
    /// at V = (4,000 − 2,606.90) / 0.00037 = 3,765,135.14.
    #[test]
    fn self_hosting_stops_being_cheaper_inside_a_step() {
        let r = Rates::new(&dearer_per_request(4_000.0));
        near(r.api_per_volume(), 0.00032);
        near(r.self_per_volume(), 0.00069);
        near(r.self_fixed_total_per_day(), 2_086.9);
        near(r.requests_per_replica(), 144_000.0);
        let x = 1_393.1 / 0.00037;
        let c = crossings(&r, 0.0, 1e8);
        assert_eq!(c.len(), 1, "{c:?}");
        near(c[0], x);
        assert_eq!(r.self_host(x).replicas, 27.0);
        near(r.self_host_usd(x), r.api_usd(x));
        assert!(r.self_host_usd(x - 1.0) < r.api_usd(x - 1.0));
        assert!(r.self_host_usd(x + 1.0) > r.api_usd(x + 1.0));
        // The window: only a crossing inside [lo, hi] is listed.
        assert_eq!(crossings(&r, c[0], c[0]), c);
        assert_eq!(crossings(&r, c[0] + 1.0, 1e8), Vec::<f64>::new());
        assert_eq!(crossings(&r, 0.0, c[0] - 1.0), Vec::<f64>::new());
        // Dearer for good above x: no break-even.
        assert_eq!(breakeven_requests_per_day(&r), None);
    }

    /// API fixed 3,982.18/day: at the top of step 26 (3,744,000) S − A = 26 × 73.28 − 1,915.28
    /// = −10.00, and the 27th replica's 20.00 of upkeep lifts S over the API at once, so
    /// self-hosting stops being cheaper at the step's start, not where the lines would meet
    /// (3,716,973).
    #[test]
    fn self_hosting_stops_being_cheaper_at_a_step_start() {
        let r = Rates::new(&dearer_per_request(3_982.18));
        let start = 26.0 * 144_000.0;
        let c = crossings(&r, 0.0, 1e8);
        assert_eq!(c.len(), 1, "{c:?}");
        near(c[0], start);
        assert!(r.self_host_usd(start - 1.0) < r.api_usd(start - 1.0));
        assert!(r.self_host_usd(start + 1.0) > r.api_usd(start + 1.0));
    }

    /// With no API fixed cost, self-hosting's 86.90 a day at volume 0 is already dearer: no
    /// crossing at all.
    #[test]
    fn dearer_from_the_start_has_no_crossing() {
        let r = Rates::new(&dearer_per_request(0.0));
        assert_eq!(crossings(&r, 0.0, 1e8), Vec::<f64>::new());
        assert!(r.self_host_usd(0.0) > r.api_usd(0.0));
    }

    /// The hybrid's break-even under per-second billing: cost.rs's tiers under a response
    /// cache. The local stack (h = 0.6) costs 0.00069 per local request; the API tiers save
    /// (0.008 − 0.0013376) per request of volume, so a' = 0.0066624 / 0.6 − 0.00069 =
    /// 0.010414 per local request, and one replica's 86.90 a day is repaid at local volume
    /// 86.90 / 0.010414, total volume that ÷ 0.6 = 13,907.56.
    #[test]
    fn hybrid_breakeven_under_per_second_billing() {
        let r = Rates::new(&crate::model::cost::repriced::tiered_per_second());
        let b = hybrid_breakeven_requests_per_day(&r).unwrap();
        near(b, 86.9 / 0.010_414 / 0.6);
        near(r.hybrid_usd(b), r.api_usd(b));
        assert!(r.hybrid_usd(b - 1.0) > r.api_usd(b - 1.0));
        assert!(r.hybrid_usd(b + 1.0) < r.api_usd(b + 1.0));
    }

    /// No local share and a local stack that costs nothing idle (no minimum replica, no
    /// engineering): the hybrid is the two API tiers. A cheap tier dearer than the frontier
    /// ($5/$20 per million tokens: p_c = 0.02 against p = 0.01) makes it dearer at every volume
    /// above 0; a cheaper one ($0.15/$0.60) makes it cheaper from 0.
    #[test]
    fn an_idle_free_hybrid_breaks_even_by_its_cheap_tier() {
        let mut sc = Scenario::default();
        sc.self_host.min_replicas = 0;
        sc.engineering.hourly_rate = 0.0;
        (sc.hybrid.local_share, sc.hybrid.cheap_share) = (0.0, 0.5);
        (
            sc.hybrid.cheap_input_per_mtok,
            sc.hybrid.cheap_output_per_mtok,
        ) = (5.0, 20.0);
        let r = Rates::new(&sc);
        assert_eq!(r.self_host_usd(0.0), 0.0);
        near(r.hybrid_api_per_volume(), 0.5 * 0.01 + 0.5 * 0.02);
        assert_eq!(hybrid_breakeven_requests_per_day(&r), None);
        (
            sc.hybrid.cheap_input_per_mtok,
            sc.hybrid.cheap_output_per_mtok,
        ) = (0.15, 0.60);
        let r = Rates::new(&sc);
        assert_eq!(hybrid_breakeven_requests_per_day(&r), Some(0.0));
    }
}
