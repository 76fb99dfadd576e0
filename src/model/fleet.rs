//! The fleet comparison (docs/MODEL.md §6.10): every GPU offering × precision × GPUs per replica
//! (1, 2, 4, 8) that can serve the scenario's local model, ranked by self-hosting's daily cost
//! at the volume the recommended option serves locally ([`local_volume`]), with those that do not fit or miss the latency targets listed apart.
//!
//! Each configuration is the scenario with its GPU price, GPUs per replica and the estimator's
//! prefill and decode rates written in; its cost is §2's `S(V)`, engineering included.

use super::cost::Rates;
use super::recommend::Choice;
use super::scenario::Scenario;
use super::throughput::replica::{targets, workload};
use super::throughput::settings::Source;
use super::throughput::{
    memory_needed_gb, Bound, Estimate, GpuSpec, ModelArch, Precision, GPU_COUNTS,
};

/// One way to rent a GPU: its specification, the offering and its price.
#[derive(Debug, Clone)]
pub struct Offering<'a> {
    pub gpu: &'a GpuSpec,
    /// The offering's name in the catalog (what follows `@` in `--gpu`), or [`LIST_PRICE`].
    pub name: String,
    /// Its market's id (`spot`, `reserved_1y`, …), or [`LIST_PRICE`].
    pub market: String,
    /// How its market bills (docs/MODEL.md §6.6): reserved all day, spot with interruptions.
    pub billing: super::billing::Offering,
    pub usd_per_gpu_hour: f64,
}

/// The offering and market of a GPU's own catalog price (`assets/catalog/gpus.toml`).
pub const LIST_PRICE: &str = "list";

/// A configuration that serves the traffic.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub gpu: String,
    pub offering: String,
    pub market: String,
    pub usd_per_gpu_hour: f64,
    pub precision: Precision,
    pub gpus_per_replica: u32,
    pub usd_per_day: f64,
    /// Per million tokens served (input plus output); `None` at zero volume.
    pub usd_per_mtok: Option<f64>,
    pub replicas: f64,
    pub gpus: f64,
    pub bound: Bound,
    /// The estimator's first-token and per-token times at a replica running its full batch,
    /// seconds: per-token an upper bound on the busiest hour's (which loads replicas up to the
    /// utilization target), first-token a floor (it counts the wait behind the batch's own
    /// prefills; traffic at or past the replica's rate queues without bound).
    pub time_to_first_token_s: f64,
    pub time_per_output_token_s: f64,
    /// The precision has no tensor cores on this GPU (fp8 or fp4 without them): its weights
    /// run dequantised to bf16 in the kernel (W8A16, W4A16).
    pub dequantised: bool,
    /// The configuration's rates, for costs at other volumes.
    pub rates: Rates,
    /// The fit of the user's own runs its estimate uses (`crossover calibrate`, or the one the
    /// scenario carries), if one is of exactly this configuration.
    pub calibration: Option<crate::calibrate::store::Fit>,
}

/// A configuration left out, and why: once per GPU, precision and GPUs per replica, whatever
/// the offering (the estimate does not depend on the price).
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub gpu: String,
    pub precision: Precision,
    pub gpus_per_replica: u32,
    pub reason: String,
}

/// The ranking at one volume.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub requests_per_day: f64,
    /// Cheapest first (ties keep catalog order).
    pub rows: Vec<Row>,
    pub rejected: Vec<Rejected>,
    /// The smallest memory one GPU needs to hold the model on its own, at its leanest
    /// precision (the catalog's `memory_gb` unit); `None` when the model has no precision.
    pub smallest_memory_gb: Option<f64>,
}

impl Comparison {
    /// The GPUs of the ranked rows on which a precision runs dequantised (fp8 or fp4 without
    /// its tensor cores), by precision, each GPU once in row order.
    pub fn dequantised(&self) -> Vec<(Precision, Vec<&str>)> {
        let mut out: Vec<(Precision, Vec<&str>)> = Vec::new();
        for r in self.rows.iter().filter(|r| r.dequantised) {
            match out.iter_mut().find(|(p, _)| *p == r.precision) {
                Some((_, gpus)) if gpus.contains(&r.gpu.as_str()) => {}
                Some((_, gpus)) => gpus.push(&r.gpu),
                None => out.push((r.precision, vec![&r.gpu])),
            }
        }
        out
    }

    /// Why no configuration serves `model`, with the smallest GPU memory that would.
    pub fn nothing_fits(&self, model: &str) -> String {
        let memory = self.smallest_memory_gb.map_or(String::new(), |gb| {
            format!(
                "; one GPU would need at least {:.0} GB to hold it at its leanest precision",
                gb.ceil()
            )
        });
        format!(
            "{model} is served by no catalog configuration (every GPU, precision and 1, 2, 4 or 8 GPUs per replica){memory}; first reason: {}",
            self.rejected
                .first()
                .map_or("none".to_string(), |r| r.reason.clone())
        )
    }
}

/// The volume the ranking is for: what the recommended option serves locally, the hybrid's
/// local share `h·V` when the hybrid is recommended, else the scenario's `V` (docs/MODEL.md
/// §6.10).
pub(crate) fn local_volume(sc: &Scenario, recommended: Option<Choice>) -> f64 {
    let v = sc.workload.requests_per_day;
    if recommended == Some(Choice::Hybrid) {
        sc.hybrid.local_share * v
    } else {
        v
    }
}

/// `sc` at [`local_volume`]: the scenario [`rank`] takes for the ranking the recommendation
/// asks for.
pub fn at_local_volume(sc: &Scenario, recommended: Option<Choice>) -> Scenario {
    let mut at = sc.clone();
    at.workload.requests_per_day = local_volume(sc, recommended);
    at
}

/// A precision and GPU count, with its estimate (and the fit it uses) when the model is served
/// that way.
type Config = (
    Precision,
    u32,
    Option<(Estimate, Option<crate::calibrate::store::Fit>)>,
);

/// Rank every configuration of `model` on `offerings` at the scenario's volume.
pub fn rank(sc: &Scenario, model: &ModelArch, offerings: &[Offering<'_>]) -> Comparison {
    let v = sc.workload.requests_per_day;
    let w = workload(sc);
    let t = targets(sc);
    let engine = sc.self_host.estimate.engine;
    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    // The estimates of each GPU, computed once for all its offerings.
    let mut estimates: Vec<(&str, Vec<Config>)> = Vec::new();
    for off in offerings {
        let gpu = off.gpu.name.as_str();
        let found = estimates.iter().position(|(g, _)| *g == gpu);
        let i = match found {
            Some(i) => i,
            None => {
                let mut list = Vec::new();
                for precision in Precision::ALL {
                    // fp4 only where the GPU has fp4 tensor cores: elsewhere it runs
                    // dequantised like int4, at more bytes a weight.
                    let dequantised_fp4 =
                        precision == Precision::Fp4 && !off.gpu.native(Precision::Fp4);
                    if model.precision(precision).is_none() || dequantised_fp4 {
                        continue;
                    }
                    for gpus in GPU_COUNTS {
                        // A fit of the user's own runs applies to its configuration only.
                        let setup = crate::calibrate::predict::Setup {
                            model,
                            gpu: off.gpu,
                            precision,
                            kv: sc.self_host.estimate.kv,
                            gpus,
                            engine,
                            parallelism: sc.self_host.estimate.parallelism,
                        };
                        let fit = crate::calibrate::apply::fit_of(sc, &setup);
                        let estimate = crate::calibrate::apply::estimate_using(&setup, &w, &t, fit)
                            .map_err(|e| e.to_string())
                            .and_then(|e| match e.missed_target(&t) {
                                Some(why) => Err(why),
                                None => Ok(e),
                            });
                        match estimate {
                            Ok(e) => list.push((precision, gpus, Some((e, fit.cloned())))),
                            Err(reason) => {
                                rejected.push(Rejected {
                                    gpu: gpu.to_string(),
                                    precision,
                                    gpus_per_replica: gpus,
                                    reason,
                                });
                                list.push((precision, gpus, None));
                            }
                        }
                    }
                }
                estimates.push((gpu, list));
                estimates.len() - 1
            }
        };
        for (precision, gpus, e) in &estimates[i].1 {
            let Some((e, fit)) = e else { continue };
            let mut r = row(sc, off, *precision, *gpus, e, &w);
            r.calibration = fit.clone();
            rows.push(r);
        }
    }
    // Stable: ties keep the catalog's order.
    rows.sort_by(|a, b| a.usd_per_day.total_cmp(&b.usd_per_day));
    let smallest_memory_gb = Precision::ALL
        .into_iter()
        .filter_map(|p| memory_needed_gb(model, p, 1, engine, &w))
        .reduce(f64::min);
    Comparison {
        requests_per_day: v,
        rows,
        rejected,
        smallest_memory_gb,
    }
}

/// One configuration's cost: the scenario with the offering's price, the GPU count and the
/// estimate's rates written in.
fn row(
    sc: &Scenario,
    off: &Offering<'_>,
    precision: Precision,
    gpus: u32,
    e: &Estimate,
    w: &super::throughput::Workload,
) -> Row {
    let v = sc.workload.requests_per_day;
    let mut c = sc.clone();
    let sh = &mut c.self_host;
    sh.gpu_per_hour = off.usd_per_gpu_hour;
    sh.billing.offering = off.billing;
    sh.gpus_per_replica = gpus;
    sh.prefill_tokens_per_second = e.prefill_tokens_per_second(w.input_tokens);
    sh.decode_tokens_per_second = e.decode_tokens_per_second(w.output_tokens);
    sh.estimate.source = Source::Given;
    let rates = Rates::new(&c);
    let s = rates.self_host(v);
    let tokens = v * rates.billable_share * (sc.workload.input_tokens + sc.workload.output_tokens);
    Row {
        gpu: off.gpu.name.clone(),
        offering: off.name.clone(),
        market: off.market.clone(),
        usd_per_gpu_hour: off.usd_per_gpu_hour,
        precision,
        gpus_per_replica: gpus,
        usd_per_day: s.usd_per_day,
        usd_per_mtok: (tokens > 0.0).then(|| s.usd_per_day / tokens * 1e6),
        replicas: s.replicas,
        gpus: s.gpus,
        bound: e.bound,
        time_to_first_token_s: e.time_to_first_token_s,
        time_per_output_token_s: e.time_per_output_token_s,
        dequantised: precision != Precision::Int4 && !off.gpu.native(precision),
        rates,
        calibration: None,
    }
}

/// A volume range over which one configuration is the cheapest.
#[derive(Debug, Clone, PartialEq)]
pub struct Winner {
    pub from_requests_per_day: f64,
    pub to_requests_per_day: f64,
    /// Index into [`Comparison::rows`].
    pub row: usize,
}

/// The cheapest configuration at each of `samples` log-spaced volumes from `lo` to `hi`, as
/// ranges (a range ends at the last sampled volume its configuration wins).
pub fn winners(c: &Comparison, lo: f64, hi: f64, samples: usize) -> Vec<Winner> {
    let mut out: Vec<Winner> = Vec::new();
    if c.rows.is_empty() || lo <= 0.0 || hi < lo {
        return out;
    }
    let n = samples.max(2);
    for i in 0..n {
        let v = lo * (hi / lo).powf(i as f64 / (n - 1) as f64);
        let best = envelope_at(c, v).map_or(0, |(i, _)| i);
        match out.last_mut() {
            Some(w) if w.row == best => w.to_requests_per_day = v,
            _ => out.push(Winner {
                from_requests_per_day: v,
                to_requests_per_day: v,
                row: best,
            }),
        }
    }
    out
}

/// The best self-hosting configuration at `v`: its index and daily cost (the envelope the
/// Costs chart can draw). `None` when no configuration serves the model.
pub fn envelope_at(c: &Comparison, v: f64) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for (i, r) in c.rows.iter().enumerate() {
        let x = r.rates.self_host_usd(v);
        if best.is_none_or(|(_, b)| x < b) {
            best = Some((i, x));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::library as shipped;
    use crate::model::throughput::estimate;

    fn h100_and_l4(lib: &crate::model::throughput::library::Library) -> Vec<Offering<'_>> {
        let gpu = |n: &str| &lib.gpu(n).unwrap().spec;
        vec![
            Offering {
                gpu: gpu("H100 SXM"),
                name: "test".into(),
                market: "test".into(),
                billing: Default::default(),
                usd_per_gpu_hour: 2.99,
            },
            Offering {
                gpu: gpu("L4"),
                name: "test".into(),
                market: "test".into(),
                billing: Default::default(),
                usd_per_gpu_hour: 0.71,
            },
        ]
    }

    /// A row's cost is §2's S(V) with the estimator's rates: replicas from
    /// `s = I / prefill + O / decode`, GPUs × price × 24 × (1 + overhead) plus engineering.
    #[test]
    fn a_row_is_self_hosting_with_the_estimate() {
        let lib = shipped();
        let model = &lib.model("Llama 3.1 8B").unwrap().arch;
        let sc = Scenario::default();
        let c = rank(&sc, model, &h100_and_l4(lib));
        assert!(!c.rows.is_empty());
        let row = c
            .rows
            .iter()
            .find(|r| {
                r.gpu == "H100 SXM" && r.precision == Precision::Bf16 && r.gpus_per_replica == 1
            })
            .unwrap();
        let e = estimate(
            model,
            &lib.gpu("H100 SXM").unwrap().spec,
            Precision::Bf16,
            1,
            sc.self_host.estimate.engine,
            &workload(&sc),
            &targets(&sc),
        )
        .unwrap();
        let s = 2000.0 / e.prefill_tokens_per_second(2000.0)
            + 500.0 / e.decode_tokens_per_second(500.0);
        let demand = 10_000.0 * s * 2.0 / 86_400.0;
        let replicas = (demand / 0.7).ceil().max(1.0);
        let by_hand = replicas * 2.99 * 24.0 * 1.1 + 100.0 * (20.0 + 80.0 / 12.0) / (365.25 / 12.0);
        assert!(
            (row.usd_per_day - by_hand).abs() < 1e-9,
            "{} vs {by_hand}",
            row.usd_per_day
        );
        let mtok = row.usd_per_mtok.unwrap();
        assert!((mtok - row.usd_per_day / (10_000.0 * 2_500.0) * 1e6).abs() < 1e-9);
        // Cheapest first, and the envelope is the minimum of the rows.
        assert!(c
            .rows
            .windows(2)
            .all(|w| w[0].usd_per_day <= w[1].usd_per_day));
        for v in [10.0, 1e4, 1e6, 1e8] {
            let (_, env) = envelope_at(&c, v).unwrap();
            let min = c
                .rows
                .iter()
                .map(|r| r.rates.self_host_usd(v))
                .fold(f64::INFINITY, f64::min);
            assert_eq!(env, min);
        }
        let ws = winners(&c, 10.0, 1e7, 64);
        assert!(!ws.is_empty());
        assert_eq!(ws[0].from_requests_per_day, 10.0);
    }

    #[test]
    fn a_model_too_big_is_listed_apart_with_its_reason() {
        let lib = shipped();
        let model = &lib.model("Llama 3.1 70B").unwrap().arch;
        let c = rank(&Scenario::default(), model, &h100_and_l4(lib));
        assert!(c.rejected.iter().any(|r| r.gpu == "L4"
            && r.gpus_per_replica == 1
            && r.reason.contains("does not fit")));
        assert!(c
            .rows
            .iter()
            .all(|r| !(r.gpu == "L4" && r.gpus_per_replica == 1)));
    }

    /// Nothing fits: the smallest memory reported is the least one GPU needs, and a GPU with
    /// just that memory does hold the model.
    #[test]
    fn nothing_fits_names_the_smallest_memory_that_would() {
        let lib = shipped();
        let model = &lib.model("Llama 3.1 70B").unwrap().arch;
        let l4 = &lib.gpu("L4").unwrap().spec;
        let only_l4 = [Offering {
            gpu: l4,
            name: "test".into(),
            market: "test".into(),
            billing: Default::default(),
            usd_per_gpu_hour: 0.71,
        }];
        let mut sc = Scenario::default();
        sc.workload.input_tokens = 3e6;
        let c = rank(&sc, model, &only_l4);
        assert!(c.rows.is_empty());
        assert_eq!(c.rejected.len(), 12, "3 precisions × 4 counts, once each");
        let need = c.smallest_memory_gb.unwrap();
        assert!(need > l4.memory_gb, "{need}");
        let engine = sc.self_host.estimate.engine;
        let w = workload(&sc);
        let one_gpu_holds = |gb: f64| {
            let mut big = l4.clone();
            big.memory_gb = gb;
            Precision::ALL.into_iter().any(|p| {
                crate::model::throughput::fewest_gpus(model, &big, p, engine, &w) == Some(1)
            })
        };
        assert!(one_gpu_holds(need * 1.001));
        assert!(c
            .nothing_fits("Llama 3.1 70B")
            .contains(&format!("at least {:.0} GB", need.ceil())));
        assert!(!one_gpu_holds(need * 0.999));
    }

    /// The price per million tokens counts only the tokens served (not those a response cache
    /// answers): 10,000 × 0.8 × 2,500 a day. At zero volume there is none.
    #[test]
    fn price_per_token_counts_the_tokens_served() {
        let lib = shipped();
        let model = &lib.model("Llama 3.1 8B").unwrap().arch;
        let mut sc = Scenario::default();
        sc.workload.response_cache_hit_rate = 0.2;
        let c = rank(&sc, model, &h100_and_l4(lib));
        for r in &c.rows {
            let want = r.usd_per_day / (10_000.0 * 0.8 * 2_500.0) * 1e6;
            crate::model::worked_example::near(r.usd_per_mtok.unwrap(), want);
        }
        sc.workload.requests_per_day = 0.0;
        let c = rank(&sc, model, &h100_and_l4(lib));
        assert!(!c.rows.is_empty());
        assert!(c.rows.iter().all(|r| r.usd_per_mtok.is_none()));
    }

    /// Two made-up configurations: `a` the default rates (87.61 + 66.00 a replica of 100,800
    /// requests/day), `b` the same with no engineering and $4.00 GPU-hours (105.60 a
    /// replica). `b` is cheaper up to 2 replicas (211.20 against 219.61), `a` from the third
    /// (285.61 against 316.80), so over 1,000 … 1,000,000 in 4 samples (×10 each) `b` wins the
    /// first three and `a` the last.
    #[test]
    fn winners_by_hand() {
        let lib = shipped();
        let model = &lib.model("Llama 3.1 8B").unwrap().arch;
        let real = rank(&Scenario::default(), model, &h100_and_l4(lib));
        let mut b_sc = Scenario::default();
        b_sc.engineering.hourly_rate = 0.0;
        b_sc.self_host.gpu_per_hour = 4.0;
        let with = |sc: &Scenario| Row {
            rates: Rates::new(sc),
            ..real.rows[0].clone()
        };
        let (a, b) = (with(&Scenario::default()), with(&b_sc));
        crate::model::worked_example::near(b.rates.self_host_usd(200_000.0), 211.2);
        let c = Comparison {
            rows: vec![a.clone(), b],
            ..real.clone()
        };
        let ws = winners(&c, 1e3, 1e6, 4);
        assert_eq!(ws.len(), 2, "{ws:?}");
        assert_eq!((ws[0].row, ws[1].row), (1, 0));
        let near = |x: f64, want: f64| (x - want).abs() <= 1e-9 * want;
        assert!(near(ws[0].from_requests_per_day, 1e3), "{ws:?}");
        assert!(near(ws[0].to_requests_per_day, 1e5), "{ws:?}");
        assert!(near(ws[1].from_requests_per_day, 1e6), "{ws:?}");
        assert!(near(ws[1].to_requests_per_day, 1e6), "{ws:?}");
        // One volume: one range. No volume range, or none above 0: nothing.
        let one = winners(&c, 1e4, 1e4, 4);
        assert_eq!(
            one,
            [Winner {
                from_requests_per_day: 1e4,
                to_requests_per_day: 1e4,
                row: 1
            }]
        );
        assert_eq!(winners(&c, 1e6, 1e3, 4), []);
        assert_eq!(winners(&c, 0.0, 1e6, 4), []);
        let none = Comparison {
            rows: vec![],
            ..real.clone()
        };
        assert_eq!(winners(&none, 1e3, 1e6, 4), []);
        assert_eq!(envelope_at(&none, 1e3), None);
        // A tie keeps the first configuration.
        let tied = Comparison {
            rows: vec![a.clone(), a],
            ..real
        };
        assert_eq!(envelope_at(&tied, 5e5).map(|(i, _)| i), Some(0));
        assert_eq!(winners(&tied, 1e3, 1e6, 4)[0].row, 0);
    }
}
