//! docs/MODEL.md §6.1, line by line: every cost term non-zero, so deleting or misplacing any
//! one of them (batch discount, cached input, response cache, either fixed cost, overhead, the
//! replica count, the hybrid split) changes a number checked here. Then property tests that tie
//! each term to its effect, whatever the other inputs.

use super::breakeven::{breakeven_requests_per_day, crossings, payback_months};
use super::cost::Rates;
use super::scenario::{Scenario, DAYS_PER_MONTH};
use super::{Choice, Outcome};
use proptest::prelude::*;

/// The §6.1 scenario.
pub(crate) fn every_term() -> Scenario {
    let mut sc = Scenario::default();
    let w = &mut sc.workload;
    w.requests_per_day = 200_000.0;
    w.input_tokens = 1_000.0;
    w.output_tokens = 400.0;
    w.peak_to_average = 3.0;
    w.response_cache_hit_rate = 0.25;
    let a = &mut sc.api;
    a.input_per_mtok = 3.0;
    a.output_per_mtok = 12.0;
    a.cached_input_per_mtok = 0.75;
    a.cached_input_share = 0.4;
    a.batch_share = 0.5;
    a.batch_discount = 0.5;
    a.fixed_per_month = 608.75;
    let s = &mut sc.self_host;
    s.gpu_per_hour = 2.0;
    s.gpus_per_replica = 2;
    s.prefill_tokens_per_second = 10_000.0;
    s.decode_tokens_per_second = 1_000.0;
    s.target_utilization = 0.8;
    s.min_replicas = 2;
    s.overhead_share = 0.15;
    s.fixed_per_month = 913.125;
    let e = &mut sc.engineering;
    e.hourly_rate = 121.75;
    e.setup_hours = 48.0;
    e.maintenance_hours_per_month = 12.0;
    e.amortization_months = 6.0;
    sc.hybrid.local_share = 0.6;
    sc
}

/// `got` equals `want` to 1e-9 relative (absolute below 1), for hand-worked figures.
#[track_caller]
pub fn near(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "got {got}, want {want}"
    );
}

#[test]
fn rates_by_hand() {
    let r = Rates::new(&every_term());
    near(r.billable_share, 0.75);
    near(r.api_per_request, 0.005_175);
    near(r.api_fixed_per_day, 20.0);
    near(r.seconds_per_request, 0.5);
    near(r.gpu_per_replica_day, 96.0);
    near(r.self_fixed_per_day, 30.0);
    near(r.engineering_per_day, 80.0);
    near(r.setup_amortization_per_day, 32.0);
    near(r.setup_cost, 5_844.0);
    near(r.step_usd_per_day(), 110.4);
    near(r.requests_per_replica(), 61_440.0);
    near(r.api_per_volume(), 0.003_881_25);
}

#[test]
fn costs_at_200k_by_hand() {
    let r = Rates::new(&every_term());
    let a = r.api(200_000.0);
    near(a.variable_usd_per_day, 776.25);
    near(a.fixed_usd_per_day, 20.0);
    near(a.usd_per_day, 796.25);

    let s = r.self_host(200_000.0);
    near(r.demand(200_000.0), 225_000.0 / 86_400.0);
    assert_eq!((s.replicas, s.gpus), (4.0, 8.0));
    near(s.peak_utilization, 225_000.0 / 86_400.0 / 4.0);
    near(s.gpu_usd_per_day, 384.0);
    near(s.overhead_usd_per_day, 87.6);
    near(s.engineering_usd_per_day, 80.0);
    near(s.usd_per_day, 551.6);

    let h = r.hybrid(200_000.0);
    assert_eq!(h.local.replicas, 2.0);
    near(h.local.gpu_usd_per_day, 192.0);
    near(h.local.overhead_usd_per_day, 58.8);
    near(h.local.usd_per_day, 330.8);
    near(h.api.variable_usd_per_day, 310.5);
    near(h.api.usd_per_day, 330.5);
    near(h.usd_per_day, 661.3);

    // The lean paths the Monte Carlo uses agree.
    near(r.api_usd(200_000.0), 796.25);
    near(r.self_host_usd(200_000.0), 551.6);
    near(r.hybrid_usd(200_000.0), 661.3);
}

#[test]
fn breakeven_crossings_payback_and_verdict_by_hand() {
    let sc = every_term();
    let r = Rates::new(&sc);
    let be = breakeven_requests_per_day(&r).unwrap();
    near(be, 310.8 / 0.003_881_25);
    assert_eq!(format!("{be:.2}"), "80077.29");
    let xs = crossings(&r, 10.0, 1e7);
    assert_eq!(xs.len(), 1, "{xs:?}");
    near(xs[0], be);
    let months = payback_months(&r, 796.25, 551.6).unwrap();
    near(months, 5_844.0 / (276.65 * DAYS_PER_MONTH));
    assert_eq!(format!("{months:.3}"), "0.694");

    let o = Outcome::evaluate(&sc);
    assert_eq!(o.cheapest, Choice::SelfHost);
    assert_eq!(o.recommendation.choice, Some(Choice::SelfHost));
    assert_eq!(o.recommendation.criterion, "cost");
    near(o.hybrid.usd_per_day, 661.3);
}

/// A scenario around §6.1 with the cost terms drawn at random.
fn scenarios() -> impl Strategy<Value = (Scenario, f64)> {
    (
        (0.0..0.99f64, 0.0..=1.0f64, 0.0..=1.0f64, 0.0..=1.0f64),
        (0.0..1e4f64, 0.0..1e4f64, 0.0..5.0f64, 0.0..=1.0f64),
        (0.0..20.0f64, 0.0..20.0f64, 0.0..5.0f64),
        1.0..1e7f64,
    )
        .prop_map(
            |((c, k, beta, delta), (fa, fs, over, h), (pin, pout, gpu), v)| {
                let mut sc = every_term();
                sc.workload.response_cache_hit_rate = c;
                sc.api.cached_input_share = k;
                sc.api.batch_share = beta;
                sc.api.batch_discount = delta;
                sc.api.fixed_per_month = fa;
                sc.self_host.fixed_per_month = fs;
                sc.self_host.overhead_share = over;
                sc.hybrid.local_share = h;
                sc.api.input_per_mtok = pin;
                sc.api.output_per_mtok = pout;
                sc.self_host.gpu_per_hour = gpu;
                (sc, v)
            },
        )
}

#[track_caller]
fn close(got: f64, want: f64) -> Result<(), TestCaseError> {
    prop_assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "got {got}, want {want}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The API's token spend is the uncached spend times (1 − c), and the unbatched spend
    /// times (1 − β·δ).
    #[test]
    fn api_spend_scales_with_the_cache_and_the_batch_discount((sc, v) in scenarios()) {
        let c = sc.workload.response_cache_hit_rate;
        let (beta, delta) = (sc.api.batch_share, sc.api.batch_discount);
        let spend = |sc: &Scenario| Rates::new(sc).api(v).variable_usd_per_day;
        let mut no_cache = sc.clone();
        no_cache.workload.response_cache_hit_rate = 0.0;
        close(spend(&sc), spend(&no_cache) * (1.0 - c))?;
        let mut no_batch = sc.clone();
        no_batch.api.batch_share = 0.0;
        close(spend(&sc), spend(&no_batch) * (1.0 - beta * delta))?;
    }

    /// Cached input moves the spend linearly from all-fresh to all-cached input prices.
    #[test]
    fn cached_input_is_priced_at_the_cached_rate((sc, v) in scenarios()) {
        let k = sc.api.cached_input_share;
        let spend = |share: f64| {
            let mut s = sc.clone();
            s.api.cached_input_share = share;
            Rates::new(&s).api(v).variable_usd_per_day
        };
        close(spend(k), spend(0.0) + k * (spend(1.0) - spend(0.0)))?;
        let w = &sc.workload;
        let saved_per_request = w.input_tokens
            * (sc.api.input_per_mtok - sc.api.cached_input_per_mtok)
            / 1e6
            * (1.0 - sc.api.batch_share * sc.api.batch_discount);
        close(spend(0.0) - spend(1.0), v * (1.0 - w.response_cache_hit_rate) * saved_per_request)?;
    }

    /// A fixed cost adds exactly fixed / D per day: the API's to the API and the hybrid, the
    /// self-hosted one to self-hosting and the hybrid, whatever the volume.
    #[test]
    fn fixed_costs_add_fixed_over_d_per_day((sc, v) in scenarios()) {
        let mut zero = sc.clone();
        zero.api.fixed_per_month = 0.0;
        zero.self_host.fixed_per_month = 0.0;
        let (r, r0) = (Rates::new(&sc), Rates::new(&zero));
        let fa = sc.api.fixed_per_month / DAYS_PER_MONTH;
        let fs = sc.self_host.fixed_per_month / DAYS_PER_MONTH;
        close(r.api(v).usd_per_day, r0.api(v).usd_per_day + fa)?;
        close(r.self_host(v).usd_per_day, r0.self_host(v).usd_per_day + fs)?;
        close(r.hybrid(v).usd_per_day, r0.hybrid(v).usd_per_day + fa + fs)?;
        close(r.self_host(v).overhead_usd_per_day, r0.self_host(v).overhead_usd_per_day + fs)?;
    }

    /// Overhead is its share of GPU spend; the response cache removes load from the replicas
    /// as it does from the bill; the hybrid splits the volume h : (1 − h).
    #[test]
    fn overhead_cache_load_and_hybrid_split((sc, v) in scenarios()) {
        let r = Rates::new(&sc);
        let s = r.self_host(v);
        let mut no_overhead = sc.clone();
        no_overhead.self_host.overhead_share = 0.0;
        let s0 = Rates::new(&no_overhead).self_host(v);
        close(s.usd_per_day - s0.usd_per_day, s.gpu_usd_per_day * sc.self_host.overhead_share)?;

        let c = sc.workload.response_cache_hit_rate;
        let mut no_cache = sc.clone();
        no_cache.workload.response_cache_hit_rate = 0.0;
        let r0 = Rates::new(&no_cache);
        close(r.demand(v), r0.demand(v * (1.0 - c)))?;
        prop_assert_eq!(r.replicas(v), r0.replicas(v * (1.0 - c)));

        let h = sc.hybrid.local_share;
        let hy = r.hybrid(v);
        close(hy.usd_per_day, r.self_host(h * v).usd_per_day + r.api((1.0 - h) * v).usd_per_day)?;
        prop_assert_eq!(hy.local.replicas, r.replicas(h * v));
    }
}
