//! Sensitivity (the tornado): swing each input on its own between a low and a high value and
//! see what happens to the break-even volume, to the cost gap between the challenger and the
//! API at the current volume, and to the verdict (§4, constraints included). Sorted by impact
//! on the gap.

use super::breakeven::{breakeven_requests_per_day, hybrid_breakeven_requests_per_day};
use super::cost::Rates;
use super::fields::{self, Kind};
use super::flips::{verdict_moved, Verdict};
use super::outcome::Outcome;
use super::owned_cost::OwnedRates;
use super::recommend::Choice;
use super::sampling::set_number;
use super::scenario::Scenario;
use super::serving::Serving;
use super::throughput::settings::Source;

/// The inputs the tornado always swings: everything that moves a cost, and the hybrid's local
/// share. Constraints and the chart range stay put; [`keys`] adds the set extension prices and
/// the owned fleet's keys.
pub(crate) const INPUTS: &[&str] = &[
    "workload.requests_per_day",
    "workload.input_tokens",
    "workload.output_tokens",
    "workload.peak_to_average",
    "workload.response_cache_hit_rate",
    "api.input_per_mtok",
    "api.output_per_mtok",
    "api.cached_input_per_mtok",
    "api.cached_input_share",
    "api.batch_share",
    "api.batch_discount",
    "api.fixed_per_month",
    "self_host.gpu_per_hour",
    "self_host.gpus_per_replica",
    "self_host.prefill_tokens_per_second",
    "self_host.decode_tokens_per_second",
    "self_host.target_utilization",
    "self_host.min_replicas",
    "self_host.overhead_share",
    "self_host.fixed_per_month",
    "engineering.hourly_rate",
    "engineering.setup_hours",
    "engineering.maintenance_hours_per_month",
    "engineering.amortization_months",
    "hybrid.local_share",
];

/// Token prices a set price per request replaces (docs/MODEL.md §6.8): not swung then.
const TOKEN_PRICES: &[&str] = &[
    "api.input_per_mtok",
    "api.output_per_mtok",
    "api.cached_input_per_mtok",
];

/// The keys the tornado swings for `sc`, in table order before sorting: [`INPUTS`] (with an
/// estimated throughput its factor instead of the given rates; with a price per request, that
/// price instead of the token prices), the per-second GPU price when set, and every number
/// of `[owned]` when the owned fleet is offered.
pub fn keys(sc: &Scenario) -> Vec<&'static str> {
    let estimated = sc.self_host.estimate.source == Source::Estimate;
    let per_request = sc.api.usd_per_request > 0.0;
    let mut out: Vec<&'static str> = INPUTS
        .iter()
        .copied()
        .filter(|k| !estimated || !k.ends_with("_tokens_per_second"))
        .filter(|k| !per_request || !TOKEN_PRICES.contains(k))
        .collect();
    if estimated {
        out.push("self_host.throughput_factor");
    }
    if per_request {
        out.push("api.usd_per_request");
    }
    if sc.self_host.billing.gpu_per_second > 0.0 {
        out.push("self_host.gpu_per_second");
    }
    if sc.owned.enabled {
        out.extend(
            fields::all()
                .filter(|f| {
                    f.section() == "owned" && matches!(f.kind, Kind::Number | Kind::Integer)
                })
                .map(|f| f.key),
        );
    }
    out
}

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq)]
pub struct Swing {
    pub key: &'static str,
    pub low: f64,
    pub high: f64,
    /// Self-hosting minus API, per day, at the current volume, with the input low / high.
    pub gap_low: f64,
    pub gap_high: f64,
    /// Break-even with the input low / high (`None`: never).
    pub breakeven_low: Option<f64>,
    pub breakeven_high: Option<f64>,
    /// The verdict (§4's option and criterion, constraints included) with the input low /
    /// high.
    pub verdict_low: Verdict,
    pub verdict_high: Verdict,
}

impl Swing {
    /// How far the gap moves across the swing.
    pub fn impact(&self) -> f64 {
        (self.gap_high - self.gap_low).abs()
    }

    /// The verdicts at the low and the high end that name another option than `now`: the
    /// swing flips the answer there.
    pub fn flips(&self, now: Verdict) -> [Option<Verdict>; 2] {
        [self.verdict_low, self.verdict_high].map(|v| (v.choice != now.choice).then_some(v))
    }

    /// Whether either end flips the answer.
    pub fn flips_any(&self, now: Verdict) -> bool {
        self.flips(now).iter().any(Option::is_some)
    }
}

/// The whole table, with the point values it swings around.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// The option weighed against the API: the recommendation's challenger (self-hosting, or
    /// the hybrid when it is recommended or self-hosting is excluded; docs/MODEL.md §6.4).
    pub target: Choice,
    /// The verdict now, which the rows' ends are compared with.
    pub now: Verdict,
    pub gap: f64,
    pub breakeven: Option<f64>,
    pub swings: Vec<Swing>,
}

/// The low and high values of `key`: its `[uncertainty]` range, else ± swing around the point
/// value, kept inside the key's range (and below 1 − its partner for a share that shares a
/// whole with another) and rounded for whole-number keys. A share at 0 (a range that ends at
/// or below 1) swings over its whole range instead: ± a share of 0 is no swing.
pub fn bounds(sc: &Scenario, key: &'static str) -> (f64, f64) {
    if let Some(r) = sc.uncertainty.ranges.iter().find(|r| r.key == key) {
        return (r.low, r.high);
    }
    let Some(f) = fields::field(key) else {
        return (0.0, 0.0);
    };
    let x = f.number(sc);
    let (mut lo, mut hi) = (
        x * (1.0 - sc.uncertainty.swing),
        x * (1.0 + sc.uncertainty.swing),
    );
    if let Some(r) = f.range {
        if x == 0.0 && f.is_share() && r.max <= 1.0 {
            hi = r.max;
        }
        lo = r.clamp(lo);
        hi = r.clamp(hi);
        if !r.max_inclusive && hi >= r.max {
            hi = r.max - 1e-9;
        }
    }
    hi = hi.min(partner_room(sc, key)).max(lo);
    if f.kind == Kind::Integer {
        (lo.round(), hi.round())
    } else {
        (lo, hi)
    }
}

/// The most a share may take beside the share it splits a whole with (the cross-key checks:
/// local + cheap ≤ 1, cached + cache-write ≤ 1); unbounded for other keys.
fn partner_room(sc: &Scenario, key: &str) -> f64 {
    match key {
        "hybrid.local_share" => 1.0 - sc.hybrid.cheap_share,
        "api.cached_input_share" => 1.0 - sc.api.cache_write_share,
        _ => f64::INFINITY,
    }
}

fn gap_and_breakeven(sc: &Scenario, target: Choice) -> (f64, Option<f64>) {
    let r = Rates::new(sc);
    let v = sc.workload.requests_per_day;
    match target {
        Choice::Hybrid => (
            r.hybrid_usd(v) - r.api_usd(v),
            hybrid_breakeven_requests_per_day(&r),
        ),
        // The owned fleet has no break-even of its own (docs/MODEL.md §6.9): the contract's.
        Choice::Owned => (
            OwnedRates::new(sc, &r).usd(&r, v) - r.api_usd(v),
            breakeven_requests_per_day(&r),
        ),
        Choice::Api | Choice::SelfHost => (
            r.self_host(v).usd_per_day - r.api(v).usd_per_day,
            breakeven_requests_per_day(&r),
        ),
    }
}

impl Sensitivity {
    /// The target as the views name it: ("self-hosting", "self-host") or ("the hybrid",
    /// "hybrid").
    pub fn target_names(&self) -> (&'static str, &'static str) {
        match self.target {
            Choice::Hybrid => ("the hybrid", "hybrid"),
            Choice::Owned => ("the owned fleet", "owned"),
            Choice::Api | Choice::SelfHost => ("self-hosting", "self-host"),
        }
    }
}

/// The tornado, sorted by impact on the gap (largest first; among equals, rows that flip the
/// verdict first, then key order). Weighed against the challenger (docs/MODEL.md §6.4), or
/// the owned fleet when it is recommended.
pub fn sensitivity(sc: &Scenario) -> Sensitivity {
    let outcome = Outcome::evaluate(sc);
    let target = if outcome.recommendation.choice == Some(Choice::Owned) {
        Choice::Owned
    } else {
        outcome.challenger()
    };
    let (gap, breakeven) = gap_and_breakeven(sc, target);
    let window = Serving::model_window(sc);
    let serving = Serving::with_window(sc, window);
    let now = super::flips::verdict(sc);
    let mut swings: Vec<Swing> = keys(sc)
        .into_iter()
        .map(|key| {
            let (low, high) = bounds(sc, key);
            let mut a = sc.clone();
            set_number(&mut a, key, low);
            let mut b = sc.clone();
            set_number(&mut b, key, high);
            let (gap_low, breakeven_low) = gap_and_breakeven(&a, target);
            let (gap_high, breakeven_high) = gap_and_breakeven(&b, target);
            Swing {
                key,
                low,
                high,
                gap_low,
                gap_high,
                breakeven_low,
                breakeven_high,
                verdict_low: verdict_moved(&a, key, &serving, window),
                verdict_high: verdict_moved(&b, key, &serving, window),
            }
        })
        .collect();
    swings.sort_by(|x, y| {
        y.impact()
            .total_cmp(&x.impact())
            .then(y.flips_any(now).cmp(&x.flips_any(now)))
    });
    Sensitivity {
        target,
        now,
        gap,
        breakeven,
        swings,
    }
}

/// An input the Monte Carlo holds at its value (docs/MODEL.md §7.2): a lever of the tornado
/// (its swing moves the gap or flips the verdict) without an `[uncertainty]` range. The chance
/// the Monte Carlo gives is conditional on these.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Held {
    pub key: &'static str,
    pub value: f64,
}

/// The levers the Monte Carlo does not sample, in the tornado's order.
pub fn held(sc: &Scenario, t: &Sensitivity) -> Vec<Held> {
    t.swings
        .iter()
        .filter(|s| s.impact() > 0.0 || s.flips_any(t.now))
        .filter(|s| !sc.uncertainty.ranges.iter().any(|r| r.key == s.key))
        .filter_map(|s| {
            fields::field(s.key).map(|f| Held {
                key: s.key,
                value: f.number(sc),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Defaults at 10,000/day: gap = S − A = 153.61 − 100 = 53.61.
    /// ±25% on each input, by hand; the shares at 0 swing over their whole range:
    /// - cache hit rate 0 → just below 1: the API falls to ~0, self-hosting keeps its one
    ///   replica → gap 53.61 → 153.61, impact 100;
    /// - requests/day moves A by ±25 → impact 50 (S stays at one replica);
    /// - batch share 0 → 1 halves the API (discount 50%) → impact 50;
    /// - hourly rate (eng 87.61/day) moves S by ±21.90 → impact 43.81;
    /// - GPU price ($66/day with overhead) → impact 33;
    /// - maintenance hours (20 h of $100 a month) → 100 × 20 × 0.5 / D = 32.85;
    /// - cached share 0 → 1 (input at $1.25 instead of $2.50) and input tokens, output
    ///   tokens, input price, output price: each moves A by 25 → a five-way tie;
    /// - amortization months (setup $21.90/day): 21.90 × (1/0.75 − 1/1.25) = 11.68;
    /// - setup hours: ±5.48 → 10.95.
    ///
    /// The local share moves the hybrid only: no impact on S − A, and no flip.
    #[test]
    fn tornado_order_by_hand() {
        let t = sensitivity(&crate::catalog::with_library(&Scenario::default()));
        let keys: Vec<&str> = t.swings.iter().map(|s| s.key).collect();
        assert_eq!(keys[0], "workload.response_cache_hit_rate");
        let mut fifty = keys[1..3].to_vec();
        fifty.sort();
        assert_eq!(fifty, ["api.batch_share", "workload.requests_per_day"]);
        assert_eq!(
            keys[3..6],
            [
                "engineering.hourly_rate",
                "self_host.gpu_per_hour",
                "engineering.maintenance_hours_per_month",
            ]
        );
        let mut tie: Vec<&str> = keys[6..11].to_vec();
        tie.sort();
        assert_eq!(
            tie,
            [
                "api.cached_input_share",
                "api.input_per_mtok",
                "api.output_per_mtok",
                "workload.input_tokens",
                "workload.output_tokens"
            ]
        );
        assert_eq!(
            keys[11..13],
            ["engineering.amortization_months", "engineering.setup_hours"]
        );
        assert!((t.swings[11].impact() - 11.68).abs() < 0.01);
        let c = &t.swings[0];
        assert_eq!((c.low, c.high), (0.0, 1.0 - 1e-9));
        assert!((c.impact() - 100.0).abs() < 1e-6);
        let v = t
            .swings
            .iter()
            .find(|s| s.key == "workload.requests_per_day")
            .unwrap();
        assert_eq!((v.low, v.high), (7_500.0, 12_500.0));
        assert!((v.gap_low - (153.611 - 75.0)).abs() < 1e-3);
        assert!((t.swings[3].impact() - 43.81).abs() < 0.01);
        // The break-even does not depend on the volume itself.
        assert_eq!(v.breakeven_low, t.breakeven);
        let b = t
            .swings
            .iter()
            .find(|s| s.key == "api.batch_share")
            .unwrap();
        assert_eq!((b.low, b.high), (0.0, 1.0));
        assert!((b.gap_high - 103.611).abs() < 1e-3);
        // Nothing flips the API at 10,000/day within these swings.
        assert!(t.swings.iter().all(|s| !s.flips_any(t.now)));
        let l = t
            .swings
            .iter()
            .find(|s| s.key == "hybrid.local_share")
            .unwrap();
        assert_eq!((l.low, l.high), (0.7 * 0.75, 0.875));
        assert_eq!(l.impact(), 0.0);
        // Shares stay inside their ranges, integers are rounded.
        let (lo, hi) = bounds(
            &crate::catalog::with_library(&Scenario::default()),
            "self_host.target_utilization",
        );
        assert_eq!((lo, hi), (0.7 * 0.75, 0.875));
        let (lo, hi) = bounds(
            &crate::catalog::with_library(&Scenario::default()),
            "self_host.gpus_per_replica",
        );
        assert_eq!((lo, hi), (1.0, 1.0));
    }

    /// docs/MODEL.md §7.1's second worked example: the defaults at 20,000 requests/day with
    /// 22 ops hours a month. Self-hosting wins on cost: S = 66 + 100 · (20 + 80/12) / D =
    /// 153.611 against A = 0.01 · 20,000 = 200, gap −46.39.
    /// - Maintenance 15 → 25 h: S = 66 + 100 · (m + 6.667) / D = 137.18 → 170.04, gap
    ///   −62.82 → −29.96; at 25 h the 22 ops hours are exceeded: API (operations).
    /// - Batch share 0 → 1: A = 200 → 100, gap −46.39 → 53.61: API (cost); break-even
    ///   15,361.12 → 30,722.25 (S over half the $0.01).
    /// - Cache hit rate 0 → just below 1: the API falls to ~0: API (cost).
    /// - Hourly rate 75 → 125 (S 131.71 → 175.51): still below 200, no flip.
    #[test]
    fn a_swing_across_a_constraint_flips_the_verdict() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.workload.requests_per_day = 20_000.0;
        sc.constraints.ops_hours_per_month = 22.0;
        let t = sensitivity(&sc);
        assert_eq!(t.now.choice, Some(Choice::SelfHost));
        assert!((t.gap - (153.611 - 200.0)).abs() < 1e-3);
        let row = |k: &str| t.swings.iter().find(|s| s.key == k).unwrap();
        let d = crate::model::scenario::DAYS_PER_MONTH;
        let s = |m: f64| 66.0 + 100.0 * (m + 80.0 / 12.0) / d;
        let m = row("engineering.maintenance_hours_per_month");
        assert_eq!((m.low, m.high), (15.0, 25.0));
        assert!((m.gap_low - (s(15.0) - 200.0)).abs() < 1e-9);
        assert!((m.gap_high - (s(25.0) - 200.0)).abs() < 1e-9);
        let [lo, hi] = m.flips(t.now);
        assert_eq!(lo, None);
        let hi = hi.unwrap();
        assert_eq!(
            (hi.choice, hi.criterion),
            (
                Some(Choice::Api),
                crate::model::recommend::Criterion::Operations
            )
        );
        let b = row("api.batch_share");
        assert!((b.gap_high - (s(20.0) - 100.0)).abs() < 1e-9);
        assert!((b.breakeven_high.unwrap() - s(20.0) / 0.005).abs() < 1e-6);
        assert_eq!(b.flips(t.now)[1].unwrap().choice, Some(Choice::Api));
        assert_eq!(
            row("workload.response_cache_hit_rate").flips(t.now)[1]
                .unwrap()
                .choice,
            Some(Choice::Api)
        );
        assert!(!row("engineering.hourly_rate").flips_any(t.now));
        // The Monte Carlo with a range on the GPU price holds the other levers, in the
        // tornado's order, the GPU price left out.
        sc.uncertainty.ranges = vec![crate::model::scenario::ParamRange {
            key: "self_host.gpu_per_hour",
            low: 2.0,
            high: 3.0,
            shape: crate::model::scenario::Shape::Uniform,
        }];
        let t = sensitivity(&sc);
        let h = held(&sc, &t);
        assert!(!h.iter().any(|h| h.key == "self_host.gpu_per_hour"));
        let batch = h.iter().find(|h| h.key == "api.batch_share").unwrap();
        assert_eq!(batch.value, 0.0);
        assert!(h
            .iter()
            .any(|h| h.key == "engineering.maintenance_hours_per_month"));
        // No impact and no flip: not a lever.
        assert!(!h.iter().any(|h| h.key == "self_host.min_replicas"));
    }

    /// A set price per request is swung instead of the token prices it replaces; a set
    /// per-second price is swung; with the owned fleet offered its keys are, and when it is
    /// recommended the gap is the owned fleet's.
    #[test]
    fn extension_prices_and_owned_keys_are_swung() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.api.usd_per_request = 0.012;
        sc.self_host.billing.gpu_per_second = 0.001;
        let k = keys(&sc);
        assert!(k.contains(&"api.usd_per_request"));
        assert!(k.contains(&"self_host.gpu_per_second"));
        assert!(!k.contains(&"api.input_per_mtok"));
        let t = sensitivity(&sc);
        let r = t
            .swings
            .iter()
            .find(|s| s.key == "api.usd_per_request")
            .unwrap();
        // A = 10,000 · p: ±25% of $0.012 moves the gap by 10,000 · 0.006 = 60.
        assert!((r.impact() - 60.0).abs() < 1e-9);
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.owned.enabled = true;
        let k = keys(&sc);
        assert!(k.contains(&"owned.gpu_purchase_price"));
        assert!(!k.contains(&"owned.enabled"));
    }

    /// A key's `[uncertainty]` range wins over the swing; near the top of its range, ±25% is
    /// cut at the top, just below it when the top is excluded (a cache hit rate below 1).
    #[test]
    fn bounds_take_the_range_and_respect_the_top() {
        use crate::model::scenario::{ParamRange, Shape};
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.uncertainty.ranges = vec![
            ParamRange {
                key: "api.output_per_mtok",
                low: 5.0,
                high: 20.0,
                shape: Shape::Uniform,
            },
            ParamRange {
                key: "api.input_per_mtok",
                low: 1.0,
                high: 4.0,
                shape: Shape::Uniform,
            },
        ];
        assert_eq!(bounds(&sc, "api.input_per_mtok"), (1.0, 4.0));
        assert_eq!(bounds(&sc, "api.output_per_mtok"), (5.0, 20.0));
        sc.workload.response_cache_hit_rate = 0.9;
        sc.self_host.target_utilization = 0.9;
        let (lo, hi) = bounds(&sc, "workload.response_cache_hit_rate");
        crate::model::worked_example::near(lo, 0.675);
        assert_eq!(hi, 1.0 - 1e-9);
        let (lo, hi) = bounds(&sc, "self_host.target_utilization");
        crate::model::worked_example::near(lo, 0.675);
        assert_eq!(hi, 1.0);
    }

    /// Against the hybrid the gap is H − A: 183.61 − 100 = 83.61 at the defaults, and the
    /// views name it so.
    #[test]
    fn the_hybrid_as_the_target() {
        let sc = crate::catalog::with_library(&Scenario::default());
        let (gap, breakeven) = gap_and_breakeven(&sc, Choice::Hybrid);
        assert!((gap - 83.611).abs() < 1e-3, "{gap}");
        let r = Rates::new(&sc);
        assert_eq!(breakeven, hybrid_breakeven_requests_per_day(&r));
        let mut t = Sensitivity {
            target: Choice::Hybrid,
            now: crate::model::flips::verdict(&sc),
            gap,
            breakeven,
            swings: vec![],
        };
        assert_eq!(t.target_names(), ("the hybrid", "hybrid"));
        t.target = Choice::SelfHost;
        assert_eq!(t.target_names(), ("self-hosting", "self-host"));
    }

    /// An estimated throughput swings its factor instead of the given (unused) rates.
    #[test]
    fn an_estimate_swings_its_factor() {
        let keys =
            |sc: &Scenario| -> Vec<&str> { sensitivity(sc).swings.iter().map(|s| s.key).collect() };
        let given = keys(&crate::catalog::with_library(&Scenario::default()));
        assert!(given.contains(&"self_host.prefill_tokens_per_second"));
        assert!(given.contains(&"self_host.decode_tokens_per_second"));
        assert!(!given.contains(&"self_host.throughput_factor"));
        assert_eq!(given.len(), INPUTS.len());
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.estimate.source = crate::model::throughput::settings::Source::Estimate;
        let estimated = keys(&sc);
        assert!(!estimated.iter().any(|k| k.ends_with("_tokens_per_second")));
        assert!(estimated.contains(&"self_host.throughput_factor"));
        assert_eq!(estimated.len(), INPUTS.len() - 1);
    }
}
