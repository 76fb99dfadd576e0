//! Sensitivity (the tornado): swing each input on its own between a low and a high value and
//! see what happens to the break-even volume and to the cost gap between self-hosting and the
//! API at the current volume. Sorted by impact on the gap.

use super::breakeven::{breakeven_requests_per_day, hybrid_breakeven_requests_per_day};
use super::cost::Rates;
use super::fields::{self, Kind};
use super::outcome::Outcome;
use super::recommend::Choice;
use super::sampling::set_number;
use super::scenario::Scenario;

/// The inputs the tornado swings: everything that moves a cost. Constraints, the chart range
/// and the hybrid share (which moves neither the break-even nor the self-host/API gap) stay put.
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
];

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
}

impl Swing {
    /// How far the gap moves across the swing.
    pub fn impact(&self) -> f64 {
        (self.gap_high - self.gap_low).abs()
    }
}

/// The whole table, with the point values it swings around.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// The option weighed against the API: the recommendation's challenger (self-hosting, or
    /// the hybrid when it is recommended or self-hosting is excluded; docs/MODEL.md §6.4).
    pub target: Choice,
    pub gap: f64,
    pub breakeven: Option<f64>,
    pub swings: Vec<Swing>,
}

/// The low and high values of `key`: its `[uncertainty]` range, or ± swing around the point
/// value, kept inside the key's range and rounded for whole-number keys.
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
        lo = r.clamp(lo);
        hi = r.clamp(hi);
        if !r.max_inclusive && hi >= r.max {
            hi = r.max - 1e-9;
        }
    }
    if f.kind == Kind::Integer {
        (lo.round(), hi.round())
    } else {
        (lo, hi)
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
        Choice::Api | Choice::SelfHost | Choice::Owned => (
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
            Choice::Api | Choice::SelfHost | Choice::Owned => ("self-hosting", "self-host"),
        }
    }
}

/// The tornado, sorted by impact on the gap (largest first; ties by key order).
pub fn sensitivity(sc: &Scenario) -> Sensitivity {
    let target = Outcome::evaluate(sc).challenger();
    let (gap, breakeven) = gap_and_breakeven(sc, target);
    // An estimated throughput moves with its own factor, not with the (unused) given rates.
    let estimated = sc.self_host.estimate.source == super::throughput::settings::Source::Estimate;
    let mut swings: Vec<Swing> = INPUTS
        .iter()
        .copied()
        .filter(|k| !estimated || !k.ends_with("_tokens_per_second"))
        .chain(estimated.then_some("self_host.throughput_factor"))
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
            }
        })
        .collect();
    swings.sort_by(|x, y| y.impact().total_cmp(&x.impact()));
    Sensitivity {
        target,
        gap,
        breakeven,
        swings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Defaults at 10,000/day: gap = S − A = 153.61 − 100 = 53.61.
    /// ±25% on each input, by hand:
    /// - requests/day moves A by ±25 → impact 50 (S stays at one replica);
    /// - hourly rate (eng 87.61/day) moves S by ±21.90 → impact 43.81;
    /// - GPU price ($66/day with overhead) → impact 33;
    /// - maintenance hours (20 h of $100 a month) → 100 × 20 × 0.5 / D = 32.85;
    /// - input tokens, output tokens, input price, output price: each half of the $0.01
    ///   per request, so A moves by ±12.5 → impact 25 each (a four-way tie);
    /// - amortization months (setup $21.90/day): 21.90 × (1/0.75 − 1/1.25) = 11.68;
    /// - setup hours: ±5.48 → 10.95.
    #[test]
    fn tornado_order_by_hand() {
        let t = sensitivity(&Scenario::default());
        let keys: Vec<&str> = t.swings.iter().map(|s| s.key).collect();
        assert_eq!(
            keys[..4],
            [
                "workload.requests_per_day",
                "engineering.hourly_rate",
                "self_host.gpu_per_hour",
                "engineering.maintenance_hours_per_month",
            ]
        );
        let mut tie: Vec<&str> = keys[4..8].to_vec();
        tie.sort();
        assert_eq!(
            tie,
            [
                "api.input_per_mtok",
                "api.output_per_mtok",
                "workload.input_tokens",
                "workload.output_tokens"
            ]
        );
        assert_eq!(
            keys[8..10],
            ["engineering.amortization_months", "engineering.setup_hours"]
        );
        assert!((t.swings[8].impact() - 11.68).abs() < 0.01);
        let v = &t.swings[0];
        assert_eq!((v.low, v.high), (7_500.0, 12_500.0));
        assert!((v.gap_low - (153.611 - 75.0)).abs() < 1e-3);
        assert!((t.swings[1].impact() - 43.81).abs() < 0.01);
        // The break-even does not depend on the volume itself.
        assert_eq!(v.breakeven_low, t.breakeven);
        // Shares stay inside their ranges, integers are rounded.
        let (lo, hi) = bounds(&Scenario::default(), "self_host.target_utilization");
        assert_eq!((lo, hi), (0.7 * 0.75, 0.875));
        let (lo, hi) = bounds(&Scenario::default(), "self_host.gpus_per_replica");
        assert_eq!((lo, hi), (1.0, 1.0));
    }

    /// A key's `[uncertainty]` range wins over the swing; near the top of its range, ±25% is
    /// cut at the top, just below it when the top is excluded (a cache hit rate below 1).
    #[test]
    fn bounds_take_the_range_and_respect_the_top() {
        use crate::model::scenario::{ParamRange, Shape};
        let mut sc = Scenario::default();
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
        let sc = Scenario::default();
        let (gap, breakeven) = gap_and_breakeven(&sc, Choice::Hybrid);
        assert!((gap - 83.611).abs() < 1e-3, "{gap}");
        let r = Rates::new(&sc);
        assert_eq!(breakeven, hybrid_breakeven_requests_per_day(&r));
        let mut t = Sensitivity {
            target: Choice::Hybrid,
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
        let given = keys(&Scenario::default());
        assert!(given.contains(&"self_host.prefill_tokens_per_second"));
        assert!(given.contains(&"self_host.decode_tokens_per_second"));
        assert!(!given.contains(&"self_host.throughput_factor"));
        assert_eq!(given.len(), INPUTS.len());
        let mut sc = Scenario::default();
        sc.self_host.estimate.source = crate::model::throughput::settings::Source::Estimate;
        let estimated = keys(&sc);
        assert!(!estimated.iter().any(|k| k.ends_with("_tokens_per_second")));
        assert!(estimated.contains(&"self_host.throughput_factor"));
        assert_eq!(estimated.len(), INPUTS.len() - 1);
    }
}
