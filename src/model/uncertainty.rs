//! Monte Carlo over the `[uncertainty]` ranges: P10–P90 bands around each cost curve, the
//! chance that self-hosting beats the API at the current volume, and the spread of the
//! break-even. Sample `i` is drawn from its own stream, so results are identical for any
//! number of threads.

use super::breakeven::breakeven_requests_per_day;
use super::cost::Rates;
use super::recommend::Choice;
use super::sampling::sample;
use super::scenario::Scenario;

/// Volumes in the bands (log-spaced over the chart range).
pub const BAND_VOLUMES: usize = 256;

/// P10, P50 and P90 of one cost at one volume.
pub type Quantiles = [f64; 3];

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
}

impl MonteCarlo {
    /// Share of samples where `c` is cheaper than the API (0 for the API itself).
    pub fn p_cheaper(&self, c: Choice) -> f64 {
        match c {
            Choice::SelfHost | Choice::Owned => self.p_self_host_cheaper,
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

/// [`quantiles`] over keys made by [`key`].
fn key_quantiles(values: &mut [u64]) -> Quantiles {
    let n = values.len();
    let (i10, i50, i90) = (rank(0.1, n), rank(0.5, n), rank(0.9, n));
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

/// Run the Monte Carlo with up to `threads` threads (1 = on the calling thread).
pub fn monte_carlo(sc: &Scenario, volumes: usize, threads: usize) -> MonteCarlo {
    // One throughput estimate for every sample unless a sampled input moves it.
    let frozen = super::throughput::replica::freeze(sc);
    let sc: &Scenario = &frozen;
    let n = sc.uncertainty.samples.max(1) as usize;
    let samples: Vec<(Rates, f64)> = (0..n as u64)
        .map(|i| {
            let s = sample(sc, i);
            (Rates::new(&s), s.workload.requests_per_day)
        })
        .collect();
    let (lo, hi) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
    let m = volumes.max(2);
    let vols: Vec<f64> = (0..m)
        .map(|j| {
            if j == m - 1 {
                hi
            } else {
                lo * (hi / lo).powf(j as f64 / (m - 1) as f64)
            }
        })
        .collect();

    // Bands: each worker takes a run of volumes and every sample at them.
    let threads = threads.clamp(1, 8).min(m);
    let chunk = m.div_ceil(threads);
    let mut results: Vec<Vec<[Quantiles; 3]>> = Vec::new();
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
    let ranks = [rank(0.1, n), rank(0.5, n), rank(0.9, n)];
    let work = |js: &[f64]| -> Vec<[Quantiles; 3]> {
        let mut buf = [vec![0u64; n], vec![0u64; n], vec![0u64; n]];
        js.iter()
            .map(|&v| {
                let api = if fixed_api {
                    ranks.map(|k| samples[api_order[k]].0.api_usd(v))
                } else {
                    for (i, (r, _)) in samples.iter().enumerate() {
                        buf[0][i] = key(r.api_usd(v));
                    }
                    key_quantiles(&mut buf[0])
                };
                for (i, (r, _)) in samples.iter().enumerate() {
                    buf[1][i] = key(r.self_host_usd(v));
                    buf[2][i] = key(r.hybrid_usd(v));
                }
                [api, key_quantiles(&mut buf[1]), key_quantiles(&mut buf[2])]
            })
            .collect()
    };
    if threads == 1 {
        results.push(work(&vols));
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = vols
                .chunks(chunk)
                .map(|js| scope.spawn(|| work(js)))
                .collect();
            for h in handles {
                // A worker only does arithmetic; should one panic anyway, redo its part here.
                results.push(h.join().unwrap_or_default());
            }
        });
        if results.iter().map(Vec::len).sum::<usize>() != m {
            results = vec![work(&vols)];
        }
    }
    let all: Vec<[Quantiles; 3]> = results.into_iter().flatten().collect();

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
    }
}

/// Threads worth using here: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_nearest_rank() {
        let mut v: Vec<f64> = (1..=11).map(f64::from).rev().collect();
        assert_eq!(quantiles(&mut v), [2.0, 6.0, 10.0]);
        assert_eq!(quantiles(&mut [5.0]), [5.0, 5.0, 5.0]);
    }

    #[test]
    fn threads_do_not_change_results() {
        let mut sc = Scenario::default();
        sc.uncertainty.samples = 300;
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
}
