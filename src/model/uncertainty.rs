//! Monte Carlo over the `[uncertainty]` ranges: P10–P90 bands around each cost curve, the
//! chance that self-hosting beats the API at the current volume, and the spread of the
//! break-even. Sample `i` is drawn from its own stream, so results are identical for any
//! number of threads.

use super::breakeven::breakeven_requests_per_day;
use super::cost::Rates;
use super::owned_cost::OwnedRates;
use super::recommend::Choice;
use super::sampling::sample;
use super::scenario::Scenario;

/// Volumes in the bands (log-spaced over the chart range).
pub const BAND_VOLUMES: usize = 256;

/// P10, P50 and P90 of one cost at one volume.
pub(crate) type Quantiles = [f64; 3];

#[derive(Debug, Clone, PartialEq)]
pub struct MonteCarlo {
    pub samples: usize,
    pub volumes: Vec<f64>,
    pub api: Vec<Quantiles>,
    pub self_host: Vec<Quantiles>,
    pub hybrid: Vec<Quantiles>,
    /// Share of samples where self-hosting is cheaper than the API at the (sampled) volume.
    pub p_self_host_cheaper: f64,
    /// Share of samples where the hybrid is cheaper than the API at the (sampled) volume.
    pub p_hybrid_cheaper: f64,
    /// P10, P50, P90 of the break-even; `None` where that quantile is "never".
    pub breakeven: [Option<f64>; 3],
    /// Share of samples with no break-even.
    pub never_share: f64,
    /// The owned fleet (docs/MODEL.md §7.3), when `owned.enabled`.
    pub owned: Option<OwnedBands>,
}

/// The owned fleet's band and chances (docs/MODEL.md §7.3).
#[derive(Debug, Clone, PartialEq)]
pub struct OwnedBands {
    /// P10, P50, P90 of its daily cost at each of the band volumes.
    pub band: Vec<Quantiles>,
    /// Share of samples where the owned fleet is cheaper than the API at the (sampled) volume.
    pub p_cheaper: f64,
    /// Share of samples where it is the cheapest of the four options there (ties go to the
    /// API, the hybrid and rented self-hosting first, as for `cheapest_overall`).
    pub p_cheapest: f64,
}

impl MonteCarlo {
    /// Share of samples where `c` is cheaper than the API (0 for the API itself).
    pub fn p_cheaper(&self, c: Choice) -> f64 {
        match c {
            Choice::SelfHost => self.p_self_host_cheaper,
            Choice::Owned => self
                .owned
                .as_ref()
                .map_or(self.p_self_host_cheaper, |o| o.p_cheaper),
            Choice::Hybrid => self.p_hybrid_cheaper,
            Choice::Api => 0.0,
        }
    }
}

/// Nearest-rank index of quantile `q` among `n` sorted values.
fn rank(q: f64, n: usize) -> usize {
    ((q * (n - 1) as f64).round() as usize).min(n - 1)
}

/// P10, P50, P90 of `values` (reordered in place).
fn quantiles(values: &mut [f64]) -> Quantiles {
    let n = values.len();
    let (i10, i50, i90) = (rank(0.1, n), rank(0.5, n), rank(0.9, n));
    let (left, mid, right) = values.select_nth_unstable_by(i50, f64::total_cmp);
    let p50 = *mid;
    let p10 = if i10 < i50 {
        *left.select_nth_unstable_by(i10, f64::total_cmp).1
    } else {
        p50
    };
    let p90 = if i90 > i50 {
        *right
            .select_nth_unstable_by(i90 - i50 - 1, f64::total_cmp)
            .1
    } else {
        p50
    };
    [p10, p50, p90]
}

/// A cost as an integer key with the same order: costs are never negative, and the bits of
/// non-negative floats sort like the floats, so selection compares integers.
#[inline]
fn key(x: f64) -> u64 {
    if x > 0.0 {
        x.to_bits()
    } else {
        0
    }
}

/// [`quantiles`] over keys made by [`key`]. Many samples are bracketed first
/// ([`bracketed_ranks`]): one pass instead of selections that move the whole array.
fn key_quantiles(values: &mut [u64]) -> Quantiles {
    let n = values.len();
    let ks = [rank(0.1, n), rank(0.5, n), rank(0.9, n)];
    if n >= BRACKET_FROM {
        let found = bracketed_ranks(values, ks);
        let mut out = [0.0; 3];
        for q in 0..3 {
            let x = found[q].unwrap_or_else(|| *values.to_vec().select_nth_unstable(ks[q]).1);
            out[q] = f64::from_bits(x);
        }
        return out;
    }
    let [i10, i50, i90] = ks;
    let (left, mid, right) = values.select_nth_unstable(i50);
    let p50 = *mid;
    let p10 = if i10 < i50 {
        *left.select_nth_unstable(i10).1
    } else {
        p50
    };
    let p90 = if i90 > i50 {
        *right.select_nth_unstable(i90 - i50 - 1).1
    } else {
        p50
    };
    [p10, p50, p90].map(f64::from_bits)
}

/// Sample counts from which [`key_quantiles`] brackets each quantile instead of selecting.
const BRACKET_FROM: usize = 1 << 15;

/// The `k`-th smallest of `values` (0-based) for each of the three `ks`, exactly, or `None`
/// where the bracket missed it. A regular subsample (the samples are independent draws, so
/// every stride-th is a fair subsample) gives bounds that hold each `k`-th value with near
/// certainty; one pass counts the values below each bracket and keeps those inside it, and a
/// selection among those few gives the answer. Where the count shows a bracket missed, the
/// caller selects as before.
fn bracketed_ranks(values: &[u64], ks: [usize; 3]) -> [Option<u64>; 3] {
    let n = values.len();
    let stride = (n / 2048).max(1);
    let mut sub: Vec<u64> = values.iter().step_by(stride).copied().collect();
    sub.sort_unstable();
    let m = sub.len();
    let bounds = ks.map(|k| {
        let q = k as f64 / (n - 1).max(1) as f64;
        let at = q * (m - 1) as f64;
        // Six standard deviations of the subsample's rank, and a few places more.
        let margin = 6.0 * (q * (1.0 - q) * m as f64).sqrt() + 4.0;
        let lo_i = (at - margin).floor();
        let hi_i = (at + margin).ceil();
        let lo = if lo_i <= 0.0 { 0 } else { sub[lo_i as usize] };
        let hi = if hi_i >= (m - 1) as f64 {
            u64::MAX
        } else {
            sub[hi_i as usize]
        };
        (lo, hi)
    });
    let mut below = [0usize; 3];
    let mut inside: [Vec<u64>; 3] = Default::default();
    for &v in values {
        for (q, &(lo, hi)) in bounds.iter().enumerate() {
            if v < lo {
                below[q] += 1;
            } else if v <= hi {
                inside[q].push(v);
            }
        }
    }
    let mut out = [None; 3];
    for q in 0..3 {
        let i = ks[q].checked_sub(below[q]).filter(|&i| i < inside[q].len());
        out[q] = i.map(|i| *inside[q].select_nth_unstable(i).1);
    }
    out
}

/// Volumes evaluated per pass over the samples: each sample's rates are read once for this
/// many volumes. With many samples the rates do not fit in a cache, and reading them again
/// for every volume, not the arithmetic, set the Monte Carlo's speed.
const BLOCK: usize = 8;

/// Run the Monte Carlo with up to `threads` threads (1 = on the calling thread).
pub fn monte_carlo(sc: &Scenario, volumes: usize, threads: usize) -> MonteCarlo {
    // One throughput estimate for every sample unless a sampled input moves it.
    let frozen = super::throughput::replica::freeze(sc);
    let sc: &Scenario = &frozen;
    let n = sc.uncertainty.samples.max(1) as usize;
    // The owned fleet's per-server figures in each sample, only when it is offered (the
    // owned keys may carry ranges of their own, docs/MODEL.md §7.3).
    let (samples, owned) = draw_samples(sc, n, threads);
    let vols = band_volumes(sc, volumes);
    let all = bands(&Draws::new(&samples, &owned), &vols, threads);

    let cheaper = samples
        .iter()
        .filter(|(r, v)| r.self_host(*v).usd_per_day < r.api(*v).usd_per_day)
        .count();
    let hybrid_cheaper = samples
        .iter()
        .filter(|(r, v)| r.hybrid_usd(*v) < r.api_usd(*v))
        .count();
    let mut breakevens: Vec<f64> = samples
        .iter()
        .map(|(r, _)| breakeven_requests_per_day(r).unwrap_or(f64::INFINITY))
        .collect();
    let never = breakevens.iter().filter(|b| b.is_infinite()).count();
    let q = quantiles(&mut breakevens);
    let owned = (!owned.is_empty()).then(|| owned_bands(&samples, &owned, &all));
    MonteCarlo {
        samples: n,
        volumes: vols,
        api: all.iter().map(|a| a[0]).collect(),
        self_host: all.iter().map(|a| a[1]).collect(),
        hybrid: all.iter().map(|a| a[2]).collect(),
        p_self_host_cheaper: cheaper as f64 / n as f64,
        p_hybrid_cheaper: hybrid_cheaper as f64 / n as f64,
        breakeven: q.map(|x| x.is_finite().then_some(x)),
        never_share: never as f64 / n as f64,
        owned,
    }
}

/// `m` (at least 2) volumes log-spaced over the chart's range, its ends exact.
fn band_volumes(sc: &Scenario, m: usize) -> Vec<f64> {
    let (lo, hi) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
    let m = m.max(2);
    (0..m)
        .map(|j| {
            if j == m - 1 {
                hi
            } else {
                lo * (hi / lo).powf(j as f64 / (m - 1) as f64)
            }
        })
        .collect()
}

/// The samples as the bands read them.
struct Draws<'a> {
    samples: &'a [(Rates, f64)],
    owned: &'a [OwnedRates],
    /// True when every sample has the same fixed API cost: then the samples rank by the API's
    /// cost per request at every volume, and `api_order` holds that order.
    fixed_api: bool,
    api_order: Vec<usize>,
    /// P10, P50 and P90's nearest ranks.
    ranks: [usize; 3],
}

impl<'a> Draws<'a> {
    fn new(samples: &'a [(Rates, f64)], owned: &'a [OwnedRates]) -> Draws<'a> {
        let n = samples.len();
        // The API's cost is a·V + F per sample. When F is the same for every sample (its fixed
        // cost is not uncertain), the samples rank by a at every volume: sort once, and each
        // quantile is one evaluation instead of a selection.
        let fixed_api = samples
            .iter()
            .all(|(r, _)| r.api_fixed_per_day == samples[0].0.api_fixed_per_day);
        let api_order: Vec<usize> = if fixed_api {
            let mut idx: Vec<usize> = (0..n).collect();
            idx.sort_by(|&x, &y| {
                samples[x]
                    .0
                    .api_per_volume()
                    .total_cmp(&samples[y].0.api_per_volume())
            });
            idx
        } else {
            Vec::new()
        };
        Draws {
            samples,
            owned,
            fixed_api,
            api_order,
            ranks: [rank(0.1, n), rank(0.5, n), rank(0.9, n)],
        }
    }

    /// P10, P50, P90 of the API, self-hosting, the hybrid and the owned fleet at each of
    /// `js`, evaluated in blocks of volumes per read of each sample.
    fn at(&self, js: &[f64]) -> Vec<[Quantiles; 4]> {
        let n = self.samples.len();
        let b = js.len().min(BLOCK);
        let bufs = |len: usize| vec![vec![0u64; len]; b];
        let (mut api_buf, mut self_buf, mut hybrid_buf, mut own_buf) = (
            bufs(if self.fixed_api { 0 } else { n }),
            bufs(n),
            bufs(n),
            bufs(self.owned.len()),
        );
        let mut out = Vec::with_capacity(js.len());
        for block in js.chunks(BLOCK) {
            for (i, (r, _)) in self.samples.iter().enumerate() {
                for (k, &v) in block.iter().enumerate() {
                    self_buf[k][i] = key(r.self_host_usd(v));
                    hybrid_buf[k][i] = key(r.hybrid_usd(v));
                    if !self.fixed_api {
                        api_buf[k][i] = key(r.api_usd(v));
                    }
                }
            }
            for (i, (or, (r, _))) in self.owned.iter().zip(self.samples).enumerate() {
                for (k, &v) in block.iter().enumerate() {
                    own_buf[k][i] = key(or.usd(r, v));
                }
            }
            for (k, &v) in block.iter().enumerate() {
                let api = if self.fixed_api {
                    self.ranks
                        .map(|q| self.samples[self.api_order[q]].0.api_usd(v))
                } else {
                    key_quantiles(&mut api_buf[k])
                };
                let o = if self.owned.is_empty() {
                    [0.0; 3]
                } else {
                    key_quantiles(&mut own_buf[k])
                };
                out.push([
                    api,
                    key_quantiles(&mut self_buf[k]),
                    key_quantiles(&mut hybrid_buf[k]),
                    o,
                ]);
            }
        }
        out
    }
}

/// The bands at every volume: each of up to `threads` workers takes a run of volumes and
/// every sample at them.
fn bands(draws: &Draws, vols: &[f64], threads: usize) -> Vec<[Quantiles; 4]> {
    let m = vols.len();
    let threads = threads.clamp(1, 8).min(m);
    if threads == 1 {
        return draws.at(vols);
    }
    let chunk = m.div_ceil(threads);
    let mut results: Vec<Vec<[Quantiles; 4]>> = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = vols
            .chunks(chunk)
            .map(|js| scope.spawn(|| draws.at(js)))
            .collect();
        for h in handles {
            // A worker only does arithmetic; should one panic anyway, redo its part here.
            results.push(h.join().unwrap_or_default());
        }
    });
    if results.iter().map(Vec::len).sum::<usize>() != m {
        return draws.at(vols);
    }
    results.into_iter().flatten().collect()
}

/// The owned fleet's band and its chances of being cheaper than the API and cheapest of all.
fn owned_bands(
    samples: &[(Rates, f64)],
    owned: &[OwnedRates],
    all: &[[Quantiles; 4]],
) -> OwnedBands {
    let n = samples.len();
    let (mut cheaper, mut cheapest) = (0usize, 0usize);
    for (or, (r, v)) in owned.iter().zip(samples) {
        let o = or.usd(r, *v);
        let api = r.api_usd(*v);
        cheaper += usize::from(o < api);
        cheapest += usize::from(o < api && o < r.hybrid_usd(*v) && o < r.self_host_usd(*v));
    }
    OwnedBands {
        band: all.iter().map(|a| a[3]).collect(),
        p_cheaper: cheaper as f64 / n as f64,
        p_cheapest: cheapest as f64 / n as f64,
    }
}

/// Sample counts from which [`draw_samples`] uses its threads. A sample costs a few thousand
/// instructions (a copy of the scenario, its rates; with a sampled token size, its own
/// throughput estimate), so at the default 2,000 samples the draws are milliseconds: worth a
/// second thread, whose start costs tens of microseconds.
const PARALLEL_SAMPLES_FROM: usize = 512;

/// The `n` samples' rates and volumes, and the owned fleet's rates when it is offered; drawn
/// on up to `threads` threads in runs of indices, concatenated in index order (sample `i` has
/// its own stream, so the result is the same for any number of threads).
fn draw_samples(sc: &Scenario, n: usize, threads: usize) -> (Vec<(Rates, f64)>, Vec<OwnedRates>) {
    let run = |from: u64, to: u64| {
        let mut owned: Vec<OwnedRates> = Vec::new();
        let samples: Vec<(Rates, f64)> = (from..to)
            .map(|i| {
                let s = sample(sc, i);
                let r = Rates::new(&s);
                if s.owned.enabled {
                    owned.push(OwnedRates::new(&s, &r));
                }
                (r, s.workload.requests_per_day)
            })
            .collect();
        (samples, owned)
    };
    let threads = threads.clamp(1, 8);
    if threads == 1 || n < PARALLEL_SAMPLES_FROM {
        return run(0, n as u64);
    }
    let chunk = n.div_ceil(threads) as u64;
    let parts: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads as u64)
            .map(|t| (t * chunk, ((t + 1) * chunk).min(n as u64)))
            .filter(|(from, to)| from < to)
            .map(|(from, to)| (from, to, scope.spawn(move || run(from, to))))
            .collect();
        handles
            .into_iter()
            // A worker only does arithmetic; should one panic anyway, redo its part here.
            .map(|(from, to, h)| h.join().unwrap_or_else(|_| run(from, to)))
            .collect()
    });
    let mut samples = Vec::with_capacity(n);
    let mut owned = Vec::new();
    for (s, o) in parts {
        samples.extend(s);
        owned.extend(o);
    }
    (samples, owned)
}

/// Threads worth using here: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_quantiles_are_the_exact_ones() {
        let mut rng = crate::model::sampling::SplitMix64::for_sample(7, 1);
        for (n, spread) in [
            (40_000usize, u64::MAX),
            (50_001, 1000),
            (70_000, 3),
            (33_000, 1),
        ] {
            let mut v: Vec<u64> = (0..n).map(|_| rng.next_u64() % spread).collect();
            // Sorted input, too: the stride subsample of ordered values.
            if spread == 1000 {
                v.sort_unstable();
            }
            let want: Vec<u64> = [0.1, 0.5, 0.9]
                .iter()
                .map(|&q| *v.clone().select_nth_unstable(rank(q, n)).1)
                .collect();
            let got = key_quantiles(&mut v).map(f64::to_bits);
            assert_eq!(got.to_vec(), want, "{n} {spread}");
        }
    }

    #[test]
    fn quantiles_by_nearest_rank() {
        let mut v: Vec<f64> = (1..=11).map(f64::from).rev().collect();
        assert_eq!(quantiles(&mut v), [2.0, 6.0, 10.0]);
        assert_eq!(quantiles(&mut [5.0]), [5.0, 5.0, 5.0]);
    }

    #[test]
    fn threads_do_not_change_results() {
        let mut sc = Scenario::default();
        // Past PARALLEL_SAMPLES_FROM: the draws are split between threads too.
        sc.uncertainty.samples = 600;
        const { assert!(600 >= PARALLEL_SAMPLES_FROM) };
        sc.uncertainty
            .ranges
            .push(crate::model::scenario::ParamRange {
                key: "self_host.gpu_per_hour",
                low: 1.5,
                high: 4.0,
                shape: crate::model::scenario::Shape::Uniform,
            });
        assert_eq!(monte_carlo(&sc, 64, 1), monte_carlo(&sc, 64, 3));
    }

    #[test]
    fn ranked_api_quantiles_equal_selected_ones() {
        let mut sc = Scenario::default();
        sc.uncertainty.samples = 501;
        for (key, low, high) in [
            ("api.output_per_mtok", 5.0, 15.0),
            ("workload.response_cache_hit_rate", 0.0, 0.5),
        ] {
            sc.uncertainty
                .ranges
                .push(crate::model::scenario::ParamRange {
                    key,
                    low,
                    high,
                    shape: crate::model::scenario::Shape::Uniform,
                });
        }
        let mc = monte_carlo(&sc, 8, 1);
        for (j, &v) in mc.volumes.iter().enumerate() {
            let mut costs: Vec<f64> = (0..501)
                .map(|i| Rates::new(&sample(&sc, i)).api(v).usd_per_day)
                .collect();
            let q = quantiles(&mut costs);
            for k in 0..3 {
                assert!(
                    (mc.api[j][k] - q[k]).abs() <= 1e-12 * q[k].abs().max(1.0),
                    "{:?} vs {q:?}",
                    mc.api[j]
                );
            }
        }
    }

    /// docs/MODEL.md §7.2: the extension prices and the local share are sampled like any
    /// input. At 20,000 requests/day self-hosting costs S = 153.611 and the hybrid
    /// H = S + (1 − l) · A. A price per request p uniform in [0.01, 0.02] (A = 20,000 · p):
    /// self-hosting is cheaper when p > S / 20,000, for (0.02 − 0.0076806) / 0.01 = 100% of
    /// draws; at 10,000/day when p > 0.0153611: (0.02 − 0.0153611) / 0.01 = 46.4%. A local
    /// share l uniform in [0.6, 1] at 20,000/day (A = 200): the hybrid is cheaper when
    /// (1 − l) · 200 < 46.389, l > 0.768056: (1 − 0.768056) / 0.4 = 58.0% of draws.
    #[test]
    fn extension_prices_and_the_local_share_are_sampled() {
        use crate::model::scenario::{ParamRange, Shape};
        let range = |key, low, high| ParamRange {
            key,
            low,
            high,
            shape: Shape::Uniform,
        };
        let mut sc = Scenario::default();
        sc.api.usd_per_request = 0.015;
        sc.uncertainty.ranges = vec![range("api.usd_per_request", 0.01, 0.02)];
        let p = monte_carlo(&sc, 4, 1).p_self_host_cheaper;
        assert!((p - 0.4639).abs() < 0.03, "{p}");
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 20_000.0;
        sc.uncertainty.ranges = vec![range("hybrid.local_share", 0.6, 1.0)];
        let p = monte_carlo(&sc, 4, 1).p_hybrid_cheaper;
        assert!((p - 0.5799).abs() < 0.03, "{p}");
    }

    /// docs/MODEL.md §7.3's worked example: the defaults at 1,000,000 requests/day with the
    /// owned fleet offered and its GPU price uncertain, `[uncertainty.owned]
    /// gpu_purchase_price = [20000, 40000]`. Two 8-GPU servers: O = 2 · 8 · 1.25 · P / 36 / D
    /// + 2 · (22.5792 + 49.281) + 87.611, below rented self-hosting's 747.61 when P < 28,285.6.
    #[test]
    fn owned_band_by_hand() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 1_000_000.0;
        sc.owned.enabled = true;
        sc.uncertainty
            .ranges
            .push(crate::model::scenario::ParamRange {
                key: "owned.gpu_purchase_price",
                low: 20_000.0,
                high: 40_000.0,
                shape: crate::model::scenario::Shape::Uniform,
            });
        let mc = monte_carlo(&sc, 16, 2);
        let ob = mc.owned.as_ref().unwrap();
        let per_p = 2.0 * 8.0 * 1.25 / 36.0 / crate::model::scenario::DAYS_PER_MONTH;
        let r = Rates::new(&sc);
        let run = 2.0 * (22.5792 + 1_500.0 / crate::model::scenario::DAYS_PER_MONTH)
            + r.engineering_per_day;
        let threshold = (r.self_host_usd(1e6) - run) / per_p;
        assert!((threshold - 28_285.6).abs() < 0.1, "{threshold}");
        let below = (0..2000)
            .filter(|&i| sample(&sc, i).owned.gpu_purchase_price < threshold)
            .count();
        assert!((ob.p_cheapest - below as f64 / 2000.0).abs() <= 1.0 / 2000.0);
        assert!((ob.p_cheapest - 0.414).abs() < 0.03, "{}", ob.p_cheapest);
        assert_eq!(ob.p_cheaper, 1.0, "the API costs $10,000 a day");
        assert_eq!(mc.p_cheaper(Choice::Owned), 1.0);
        // At the chart's left end one server: O = P · 10 / 36 / D + 159.47 at the P10, P50
        // and P90 draws of P.
        let [p10, p50, p90] = ob.band[0];
        let mut prices: Vec<f64> = (0..2000)
            .map(|i| sample(&sc, i).owned.gpu_purchase_price)
            .collect();
        let q = quantiles(&mut prices);
        for (got, p) in [(p10, q[0]), (p50, q[1]), (p90, q[2])] {
            let want = p * per_p / 2.0 + run
                - (22.5792 + 1_500.0 / crate::model::scenario::DAYS_PER_MONTH);
            assert!((got - want).abs() < 1e-3, "{got} vs {want}");
        }
        // The other options' bands are those without the owned fleet.
        let mut off = sc.clone();
        off.owned.enabled = false;
        let without = monte_carlo(&off, 16, 1);
        assert_eq!(without.owned, None);
        assert_eq!(
            (&mc.api, &mc.self_host, &mc.hybrid, mc.breakeven),
            (
                &without.api,
                &without.self_host,
                &without.hybrid,
                without.breakeven
            )
        );
        // O(V) alone is the cost's sum, bit for bit.
        let or = OwnedRates::new(&sc, &r);
        for v in [0.0, 1.0, 5e4, 1e6, 3.3e7] {
            assert_eq!(or.usd(&r, v), or.cost(&r, v).usd_per_day);
        }
    }
}
