//! Invariants of the cost model over the whole allowed input space (every key, every range).
#![allow(clippy::field_reassign_with_default)]

use crossover::model::breakeven::{breakeven_requests_per_day, crossings};
use crossover::model::fields::{self, check_cross, Kind, Value};
use crossover::model::{Choice, Outcome, Rates, Scenario};
use proptest::prelude::*;

/// A value from a key's range: often an end, otherwise log-uniform across it.
fn pick(min: f64, max: f64, min_inclusive: bool, u: f64, mode: u8) -> f64 {
    let lo = if min_inclusive {
        min
    } else {
        min + (max - min) * 1e-9
    };
    match mode % 10 {
        0 => lo,
        1 => max,
        2 if min <= 0.0 && min_inclusive => 0.0,
        _ => {
            let floor = lo.max(1e-3).min(max);
            let x = floor * (max / floor).powf(u);
            x.clamp(lo, max)
        }
    }
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let n = fields::all().count();
    (
        prop::collection::vec(0.0f64..1.0, n),
        prop::collection::vec(any::<u8>(), n),
        prop::collection::vec(any::<bool>(), n),
    )
        .prop_map(|(us, modes, flags)| {
            let mut sc = Scenario::default();
            for (i, f) in fields::all().enumerate() {
                match f.kind {
                    Kind::Number | Kind::Integer => {
                        let r = f.range.unwrap();
                        let max = if r.max_inclusive {
                            r.max
                        } else {
                            r.max * (1.0 - 1e-9)
                        };
                        let mut x = pick(r.min, max, r.min_inclusive, us[i], modes[i]);
                        if f.kind == Kind::Integer {
                            x = x.round().clamp(r.min, r.max);
                        }
                        let v = Value::Number(x);
                        if f.check(&v).is_ok() {
                            f.set(&mut sc, v);
                        }
                    }
                    Kind::Bool => f.set(&mut sc, Value::Bool(flags[i])),
                    Kind::Text => {}
                }
            }
            // A price per request excludes changed token prices (docs/MODEL.md §6.8): keep
            // one of the two, each often enough.
            if sc.api.usd_per_request > 0.0 && us[0] < 0.5 {
                sc.api.usd_per_request = 0.0;
            } else if sc.api.usd_per_request > 0.0 {
                let d = Scenario::default().api;
                sc.api.input_per_mtok = d.input_per_mtok;
                sc.api.output_per_mtok = d.output_per_mtok;
                sc.api.cached_input_per_mtok = d.cached_input_per_mtok;
            }
            // Cached and cache-write shares split the same input tokens; a long-context tier
            // needs prices.
            sc.api.cache_write_share = sc
                .api
                .cache_write_share
                .min(1.0 - sc.api.cached_input_share);
            let a = &mut sc.api;
            if a.long_context_input_per_mtok == 0.0 && a.long_context_output_per_mtok == 0.0 {
                a.long_context_above_tokens = 0;
            }
            // The local and cheap shares leave the frontier a share of at least 0 (§6.5).
            sc.hybrid.cheap_share = sc.hybrid.cheap_share.min(1.0 - sc.hybrid.local_share);
            if check_cross(&sc).is_err() {
                let (a, b) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
                sc.chart.min_requests_per_day = a.min(b);
                sc.chart.max_requests_per_day = a.max(b) * 10.0;
            }
            sc
        })
}

/// Realistic scenarios, where ties and float noise are rare, for the finer properties.
fn realistic() -> impl Strategy<Value = Scenario> {
    (
        0.0f64..7.0,
        1.0f64..5.0,
        1.0f64..4.0,
        0.0f64..0.9,
        0.1f64..20.0,
        0.5f64..8.0,
        1u32..8,
        2.0f64..5.0,
        1.5f64..4.0,
        0u32..4,
        0.0f64..200.0,
        0.0f64..0.5,
    )
        .prop_map(
            |(lv, li, lo, c, price, gph, gpr, lpre, ldec, minr, setup, fixed_share)| {
                let mut sc = Scenario::default();
                sc.workload.requests_per_day = 10f64.powf(lv);
                sc.workload.input_tokens = 10f64.powf(li);
                sc.workload.output_tokens = 10f64.powf(lo);
                sc.workload.response_cache_hit_rate = c;
                sc.api.input_per_mtok = price;
                sc.api.output_per_mtok = price * 4.0;
                sc.self_host.gpu_per_hour = gph;
                sc.self_host.gpus_per_replica = gpr;
                sc.self_host.prefill_tokens_per_second = 10f64.powf(lpre);
                sc.self_host.decode_tokens_per_second = 10f64.powf(ldec);
                sc.self_host.min_replicas = minr;
                sc.engineering.setup_hours = setup;
                sc.api.fixed_per_month = fixed_share * 1000.0;
                sc
            },
        )
}

fn finite(x: f64) -> bool {
    x.is_finite()
}

proptest! {
    // A fixed seed keeps CI repeatable; change it to explore other cases.
    #![proptest_config(ProptestConfig {
        cases: 400,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x00C2_05E5),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_nan_or_infinity_anywhere(sc in scenario()) {
        let o = Outcome::evaluate(&sc);
        for c in [Choice::Api, Choice::Hybrid, Choice::SelfHost] {
            prop_assert!(finite(o.usd_per_day(c)), "{c:?} {}", o.usd_per_day(c));
            prop_assert!(finite(o.usd_per_day(c) * 30.4375));
            if let Some(x) = o.usd_per_1k(c) { prop_assert!(finite(x)); }
        }
        let s = &o.self_host;
        for x in [s.gpu_usd_per_day, s.overhead_usd_per_day, s.engineering_usd_per_day, s.replicas, s.gpus, s.peak_utilization] {
            prop_assert!(finite(x));
        }
        prop_assert!(o.breakeven_requests_per_day.is_none_or(finite));
        prop_assert!(o.payback_months.is_none_or(finite));
        prop_assert!(o.crossings.iter().all(|x| finite(*x)));
        let reasons = crossover::wording::reasons(&o.recommendation.reasons, &sc.currency);
        let json =
            serde_json::to_string(&crossover::report::json::value(&sc, &o, &reasons)).unwrap();
        prop_assert!(!json.contains("NaN") && !json.contains("inf"));
        if sc.workload.requests_per_day > 0.0 {
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            for opt in ["api", "self_host", "hybrid"] {
                for k in ["usd_per_day", "usd_per_month", "usd_per_1k_requests"] {
                    prop_assert!(v[opt][k].is_number(), "{opt}.{k} = {}", v[opt][k]);
                }
            }
        }
    }

    #[test]
    fn api_rises_and_self_hosting_never_falls_with_volume(sc in scenario(), a in 0.0f64..1.0, b in 0.0f64..1.0) {
        let r = Rates::new(&sc);
        let (lo, hi) = (a.min(b), a.max(b));
        let (v1, v2) = (10f64.powf(lo * 12.0) - 1.0, 10f64.powf(hi * 12.0) - 1.0);
        prop_assert!(r.api(v1).usd_per_day <= r.api(v2).usd_per_day);
        prop_assert!(r.self_host(v1).usd_per_day <= r.self_host(v2).usd_per_day);
        prop_assert!(r.hybrid(v1).usd_per_day <= r.hybrid(v2).usd_per_day);
    }

    #[test]
    fn past_breakeven_self_hosting_is_never_dearer(sc in realistic()) {
        let r = Rates::new(&sc);
        if let Some(b) = breakeven_requests_per_day(&r) {
            let start = b.max(1e-3);
            for i in 1..=400 {
                let v = start * 100f64.powf(i as f64 / 400.0) * (1.0 + 1e-9);
                let (s, a) = (r.self_host(v).usd_per_day, r.api(v).usd_per_day);
                prop_assert!(s <= a * (1.0 + 1e-9) + 1e-9, "at {v}: S {s} > A {a} (break-even {b})");
            }
            // And just below it the API is not dearer (it is the smallest such volume). "Just"
            // matters: the API may win only in a sliver between a step's start and the
            // crossing inside it, so step back by a hair, not a percentage.
            if b > 1.0 {
                let below = b * (1.0 - 1e-12);
                prop_assert!(r.self_host(below).usd_per_day >= r.api(below).usd_per_day * (1.0 - 1e-9));
            }
        } else {
            // No break-even: far out, just after a replica is added, the API is cheaper
            // (a replica costs more than the API charges for the traffic it carries).
            let w = r.requests_per_replica();
            prop_assert!(w.is_finite());
            let v = (1e9 + 0.5) * w;
            prop_assert!(
                r.self_host(v).usd_per_day > r.api(v).usd_per_day,
                "no break-even reported, yet self-hosting wins at {v}"
            );
        }
    }

    #[test]
    fn every_crossing_is_a_sign_change(sc in realistic()) {
        let r = Rates::new(&sc);
        let xs = crossings(&r, sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
        let self_cheaper = |v: f64| r.self_host(v).usd_per_day < r.api(v).usd_per_day;
        for (i, &x) in xs.iter().enumerate() {
            let prev = if i > 0 { xs[i - 1] } else { 0.0 };
            let next = xs.get(i + 1).copied().unwrap_or(f64::INFINITY);
            let eps = (x * 1e-7).min((x - prev) / 3.0).min((next - x) / 3.0);
            prop_assert!(self_cheaper(x - eps) != self_cheaper(x + eps), "crossing {x} of {xs:?}");
        }
        // Between consecutive crossings (and outside them) the cheaper side does not change:
        // sample the chart and count changes.
        let (lo, hi) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
        let mut changes = 0;
        let mut last = self_cheaper(lo);
        for i in 1..=2000 {
            let v = lo * (hi / lo).powf(i as f64 / 2000.0);
            let now = self_cheaper(v);
            if now != last { changes += 1; }
            last = now;
        }
        prop_assert!(changes <= xs.len(), "{changes} changes sampled, {} reported", xs.len());
    }

    #[test]
    fn cheapest_really_is_the_minimum(sc in scenario()) {
        let o = Outcome::evaluate(&sc);
        let min = [Choice::Api, Choice::Hybrid, Choice::SelfHost].map(|c| o.usd_per_day(c)).into_iter().fold(f64::INFINITY, f64::min);
        prop_assert_eq!(o.usd_per_day(o.cheapest), min);
        if o.api.usd_per_day == min { prop_assert_eq!(o.cheapest, Choice::Api); }
    }
}

mod prices_that_move {
    use super::scenario;
    use crossover::model::scenario::DAYS_PER_MONTH;
    use crossover::model::timeline::{timeline, volume_in_month};
    use crossover::model::Rates;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 60,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x00C2_05E6),
            ..ProptestConfig::default()
        })]

        /// Price changes of 0 give today's timeline, to the last bit: each month costs what
        /// today's rates give at that month's volume.
        #[test]
        fn unchanged_prices_give_todays_timeline(mut sc in scenario()) {
            sc.growth.api_price_change_per_year = 0.0;
            sc.growth.gpu_price_change_per_year = 0.0;
            sc.growth.horizon_months = sc.growth.horizon_months.min(60);
            // Month to month: a reserved term bills idle replicas (docs/MODEL.md §8.3).
            sc.self_host.billing.reserved_term_months = 0;
            let r = Rates::new(&sc);
            let amort = r.setup_amortization_per_day;
            for m in timeline(&sc).months {
                let v = volume_in_month(&sc, m.month);
                prop_assert_eq!(m.api, r.api(v).usd_per_day * DAYS_PER_MONTH);
                prop_assert_eq!(m.self_host, (r.self_host(v).usd_per_day - amort) * DAYS_PER_MONTH);
                prop_assert_eq!(m.hybrid, (r.hybrid(v).usd_per_day - amort) * DAYS_PER_MONTH);
            }
        }

        /// docs/MODEL.md §6.11: a price schedule changes the API's line only, and only from
        /// the month its first step starts; a step at today's own prices with no yearly change
        /// changes nothing at all.
        #[test]
        fn a_price_schedule_moves_only_the_apis_later_months(
            mut sc in scenario(),
            month in 1u32..30,
            factor in 0.1f64..10.0,
        ) {
            use crossover::model::scenario::PriceStep;
            sc.growth.horizon_months = sc.growth.horizon_months.min(36);
            sc.catalog.today = "2026-12-07".into();
            let from = crossover::model::price_schedule::month_start((2026, 12, 7), month);
            let step = PriceStep {
                from: format!("{:04}-{:02}-{:02}", from.0, from.1, from.2),
                input_per_mtok: sc.api.input_per_mtok * factor,
                output_per_mtok: sc.api.output_per_mtok * factor,
                cached_input_per_mtok: sc.api.cached_input_per_mtok * factor,
            };
            let plain = timeline(&sc);
            let mut with = sc.clone();
            with.api.price_schedule = vec![step.clone()];
            let t = timeline(&with);
            for (a, b) in plain.months.iter().zip(&t.months) {
                prop_assert_eq!(a.self_host, b.self_host);
                if a.month < month {
                    prop_assert_eq!(a.api, b.api);
                }
            }
            let mut same = sc.clone();
            same.growth.api_price_change_per_year = 0.0;
            let base = timeline(&same);
            same.api.price_schedule = vec![PriceStep { input_per_mtok: sc.api.input_per_mtok, output_per_mtok: sc.api.output_per_mtok, cached_input_per_mtok: sc.api.cached_input_per_mtok, ..step }];
            prop_assert_eq!(timeline(&same).months, base.months);
        }

        /// docs/MODEL.md §8.1: offering the owned fleet adds its line and may move the switch
        /// to it, but changes no other line or answer; without it, its columns are empty.
        /// Servers are never sold, and the owned totals add up.
        #[test]
        fn owning_changes_no_other_line(
            mut sc in scenario(),
            tco in (0.0..1e4f64, 0.0..1.0f64, 0.0..0.5f64, 0.0..=1.0f64, -1.0..1.0f64),
        ) {
            sc.growth.horizon_months = sc.growth.horizon_months.min(60);
            // Ownership like a TCO sheet (docs/MODEL.md §6.9): none of it moves another line.
            (sc.owned.server_power_watts, sc.owned.support_share_per_year) = (tco.0, tco.1);
            (sc.owned.cost_of_capital_per_year, sc.owned.resale_share) = (tco.2, tco.3);
            sc.growth.purchase_price_change_per_year = tco.4;
            sc.owned.enabled = false;
            let without = timeline(&sc);
            prop_assert_eq!(without.owned, None);
            for m in &without.months {
                prop_assert_eq!((m.owned, m.cumulative_owned, m.servers, m.owned_purchase), (0.0, 0.0, 0.0, 0.0));
            }
            sc.owned.enabled = true;
            let with = timeline(&sc);
            prop_assert!(with.owned.is_some());
            prop_assert_eq!(with.first_month_cheaper, without.first_month_cheaper);
            prop_assert_eq!(with.first_month_repaid, without.first_month_repaid);
            // The switch weighs the owned fleet besides the challenger (which may change when
            // the owned fleet is recommended: its stand-in is rented self-hosting).
            let challenger = |sc: &crossover::model::Scenario| crossover::model::Outcome::evaluate(sc).challenger();
            let mut off = sc.clone();
            off.owned.enabled = false;
            if challenger(&sc) == challenger(&off) {
                prop_assert!(with.savings_at_horizon >= without.savings_at_horizon);
            }
            let setup = Rates::new(&sc).setup_cost;
            let mut total = setup;
            let mut cash = setup;
            let mut paid = 0.0;
            let mut servers = 0.0;
            for (a, b) in without.months.iter().zip(&with.months) {
                prop_assert_eq!(
                    (a.api, a.self_host, a.hybrid, a.cumulative_api, a.cumulative_self_host, a.cumulative_hybrid, a.replicas),
                    (b.api, b.self_host, b.hybrid, b.cumulative_api, b.cumulative_self_host, b.cumulative_hybrid, b.replicas)
                );
                prop_assert!(b.servers >= servers);
                servers = b.servers;
                total += b.owned;
                prop_assert_eq!(b.cumulative_owned, total);
                prop_assert!(b.owned.is_finite() && b.owned_purchase >= 0.0);
                cash += b.owned_cash;
                paid += b.owned_purchase;
                prop_assert_eq!(b.cumulative_owned_cash, cash);
                prop_assert!(b.owned_depreciation >= 0.0 && b.owned_depreciation <= paid * (1.0 + 1e-12));
            }
            // The cash line meets the depreciated one at the horizon (docs/MODEL.md §8.1).
            let last = with.months.last().unwrap();
            let slack = 1e-9 * (paid + last.cumulative_owned.abs() + last.cumulative_owned_cash.abs() + 1.0);
            prop_assert!(
                (last.cumulative_owned_cash - last.cumulative_owned).abs() <= slack,
                "{} vs {}", last.cumulative_owned_cash, last.cumulative_owned
            );
        }

        /// Any price change keeps every month finite and never negative (but for the rounding
        /// of taking the setup's amortization out of engineering, which can be huge).
        #[test]
        fn moving_prices_stay_finite(mut sc in scenario()) {
            sc.growth.horizon_months = sc.growth.horizon_months.min(60);
            let slack = 1e-6f64.max(1e-12 * Rates::new(&sc).engineering_per_day * DAYS_PER_MONTH);
            for m in timeline(&sc).months {
                for x in [m.api, m.self_host, m.hybrid, m.cumulative_api, m.cumulative_self_host] {
                    prop_assert!(x.is_finite() && x >= -slack, "{x}");
                }
            }
        }
    }
}

mod uncertainty {
    use crossover::model::scenario::{ParamRange, Shape};
    use crossover::model::uncertainty::monte_carlo;
    use crossover::model::{Rates, Scenario};
    use proptest::prelude::*;

    /// Inputs worth making uncertain, with how far (as a share) their ranges may reach.
    const KEYS: &[&str] = &[
        "self_host.gpu_per_hour",
        "self_host.decode_tokens_per_second",
        "self_host.prefill_tokens_per_second",
        "api.output_per_mtok",
        "engineering.maintenance_hours_per_month",
    ];

    fn with_ranges(widths: &[f64], volume: f64, samples: u32, seed: u32) -> Scenario {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = volume;
        sc.uncertainty.samples = samples;
        sc.uncertainty.seed = seed;
        for (key, w) in KEYS.iter().zip(widths) {
            let x = crossover::model::fields::field(key).unwrap().number(&sc);
            sc.uncertainty.ranges.push(ParamRange {
                key,
                low: x * (1.0 - w),
                high: x * (1.0 + w),
                shape: Shape::Uniform,
            });
        }
        sc
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 40,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x00C2_05E6),
            ..ProptestConfig::default()
        })]

        /// Ranges centred on the point values: the P10–P90 band holds the point estimate at
        /// every volume. (A range lopsided around its point value can put the whole band to
        /// one side of it, which is the band telling the truth.)
        #[test]
        fn bands_contain_the_point_estimate(widths in prop::collection::vec(0.0f64..0.3, 5), seed in any::<u32>()) {
            let sc = with_ranges(&widths, 10_000.0, 400, seed);
            let mc = monte_carlo(&sc, 48, 1);
            let r = Rates::new(&sc);
            for (i, &v) in mc.volumes.iter().enumerate() {
                for (q, point) in [(mc.api[i], r.api(v).usd_per_day), (mc.self_host[i], r.self_host(v).usd_per_day), (mc.hybrid[i], r.hybrid(v).usd_per_day)] {
                    let tol = 1e-9 * point.abs().max(1.0);
                    prop_assert!(q[0] <= point + tol && point <= q[2] + tol, "at {v}: {q:?} vs {point}");
                }
            }
        }

        /// docs/MODEL.md §7.3: with the owned fleet offered and centred ranges on its keys
        /// too, its band holds its point estimate at every volume, and the other options'
        /// bands and chances are those without it.
        #[test]
        fn the_owned_band_contains_its_point_estimate(widths in prop::collection::vec(0.0f64..0.3, 8), seed in any::<u32>(), lv in 3.0f64..7.0) {
            let mut sc = with_ranges(&widths[..5], 10f64.powf(lv), 300, seed);
            sc.owned.enabled = true;
            for (key, w) in ["owned.gpu_purchase_price", "owned.electricity_per_kwh", "owned.colocation_per_server_per_month"].iter().zip(&widths[5..]) {
                let x = crossover::model::fields::field(key).unwrap().number(&sc);
                sc.uncertainty.ranges.push(ParamRange { key, low: x * (1.0 - w), high: x * (1.0 + w), shape: Shape::Uniform });
            }
            let mc = monte_carlo(&sc, 32, 2);
            let r = Rates::new(&sc);
            let or = crossover::model::owned_cost::OwnedRates::new(&sc, &r);
            let band = &mc.owned.as_ref().unwrap().band;
            for (i, &v) in mc.volumes.iter().enumerate() {
                let point = or.cost(&r, v).usd_per_day;
                let q = band[i];
                let tol = 1e-9 * point.abs().max(1.0);
                prop_assert!(q[0] <= point + tol && point <= q[2] + tol, "at {v}: {q:?} vs {point}");
            }
            sc.owned.enabled = false;
            let off = monte_carlo(&sc, 32, 1);
            prop_assert!(off.owned.is_none());
            prop_assert_eq!((&mc.api, &mc.self_host, &mc.hybrid), (&off.api, &off.self_host, &off.hybrid));
            prop_assert_eq!((mc.p_self_host_cheaper, mc.p_hybrid_cheaper, mc.breakeven, mc.never_share), (off.p_self_host_cheaper, off.p_hybrid_cheaper, off.breakeven, off.never_share));
        }

        #[test]
        fn zero_width_ranges_give_the_point_estimate(seed in any::<u32>(), v in 1.0f64..1e7) {
            let sc = with_ranges(&[0.0; 5], v, 50, seed);
            let mc = monte_carlo(&sc, 16, 2);
            let r = Rates::new(&sc);
            for (i, &vol) in mc.volumes.iter().enumerate() {
                prop_assert_eq!(mc.api[i], [r.api(vol).usd_per_day; 3]);
                prop_assert_eq!(mc.self_host[i], [r.self_host(vol).usd_per_day; 3]);
                prop_assert_eq!(mc.hybrid[i], [r.hybrid(vol).usd_per_day; 3]);
            }
            let b = crossover::model::breakeven::breakeven_requests_per_day(&r);
            prop_assert_eq!(mc.breakeven, [b; 3]);
        }

        #[test]
        fn the_same_seed_gives_the_same_results(widths in prop::collection::vec(0.0f64..0.5, 5), seed in any::<u32>()) {
            let sc = with_ranges(&widths, 50_000.0, 200, seed);
            prop_assert_eq!(monte_carlo(&sc, 32, 1), monte_carlo(&sc, 32, 2));
        }
    }
}

mod allowed_options {
    use super::*;
    use crossover::model::allowed::Rules;
    use crossover::model::breakeven::hybrid_breakeven_requests_per_day;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 200,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x00A1_10ED),
            ..ProptestConfig::default()
        })]

        /// docs/MODEL.md §6.4: the recommendation is the cheapest allowed option, never an
        /// excluded one or one that cannot serve; none only when no option is allowed.
        #[test]
        fn the_recommendation_is_the_cheapest_allowed(sc in scenario()) {
            let o = Outcome::evaluate(&sc);
            prop_assert_eq!(o.recommendation.choice, o.cheapest_allowed);
            match o.cheapest_allowed {
                Some(c) => prop_assert!(o.allowed.is_allowed(c)),
                None => prop_assert!(!o.allowed.any()),
            }
            let rules = Rules::new(&sc);
            let v = sc.workload.requests_per_day;
            prop_assert_eq!(rules.cheapest_allowed(&o.rates, v), o.cheapest_allowed);
        }

        #[test]
        fn past_the_hybrid_breakeven_the_hybrid_is_never_dearer(sc in realistic()) {
            let r = Rates::new(&sc);
            if let Some(b) = hybrid_breakeven_requests_per_day(&r) {
                let start = b.max(1e-3);
                for i in 1..=200 {
                    let v = start * 100f64.powf(i as f64 / 200.0) * (1.0 + 1e-9);
                    let (h, a) = (r.hybrid_usd(v), r.api_usd(v));
                    prop_assert!(h <= a + 1e-9 * a.max(1.0), "at {v}: {h} > {a}");
                }
            }
        }
    }
}

/// Billing modes (docs/MODEL.md §6.6): the exact break-even and crossings against a walk over
/// the cost curves, in every mode; per-second billing at the same price never dearer.
mod billing {
    use super::*;
    use crossover::model::billing::{Mode, Offering, ScaleUps};

    /// A realistic scenario in one of the three modes, on one of the three offerings, with
    /// upkeep per replica sometimes on, and serverless starts fixed or growing with the
    /// traffic (sometimes cheap and many, so the kink decides the break-even).
    fn billed() -> impl Strategy<Value = Scenario> {
        (
            realistic(),
            0usize..3,
            0usize..3,
            (
                0.5f64..24.0,
                prop_oneof![0.0f64..120.0, 0.0f64..1.0],
                prop_oneof![0.0f64..120.0, Just(0.0)],
                prop_oneof![0.0f64..200.0, 0.0f64..1e6],
            ),
            prop_oneof![Just(0.0), 0.0f64..40.0],
            0usize..2,
        )
            .prop_map(
                |(mut sc, mode, offering, (hours, cold, min_billed, ups), ops, traffic)| {
                    let b = &mut sc.self_host.billing;
                    b.mode = Mode::ALL[mode];
                    b.offering = Offering::ALL[offering];
                    b.scale_ups = ScaleUps::ALL[traffic];
                    b.active_hours_per_day = hours;
                    (b.cold_start_seconds, b.min_billed_seconds) = (cold, min_billed);
                    b.scale_ups_per_day = ups;
                    sc.engineering.ops_hours_per_replica_month = ops;
                    sc
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 200,
            rng_seed: proptest::test_runner::RngSeed::Fixed(12),
            ..ProptestConfig::default()
        })]

        #[test]
        fn breakeven_agrees_with_a_walk_in_every_mode(sc in billed()) {
            let r = Rates::new(&sc);
            let s = |v: f64| r.self_host(v).usd_per_day;
            let a = |v: f64| r.api(v).usd_per_day;
            // The lean costs are the full ones in every mode.
            for v in [0.0, 10.0, 12_345.0, 1e6] {
                prop_assert_eq!(r.self_host_usd(v), s(v));
                prop_assert_eq!(r.hybrid_usd(v), r.hybrid(v).usd_per_day);
            }
            match breakeven_requests_per_day(&r) {
                Some(b) => {
                    let start = b.max(1e-3);
                    for i in 1..=400 {
                        let v = start * 1e4f64.powf(i as f64 / 400.0) * (1.0 + 1e-9);
                        prop_assert!(s(v) <= a(v) * (1.0 + 1e-9) + 1e-9, "at {v}: S {} > A {} (break-even {b})", s(v), a(v));
                    }
                    if b > 1.0 {
                        let below = b * (1.0 - 1e-12);
                        prop_assert!(s(below) >= a(below) * (1.0 - 1e-9), "below {b} self-hosting already wins");
                    }
                }
                None => {
                    // Somewhere far out self-hosting is dearer: past a replica step, or, per
                    // second, everywhere once its own slope is not below the API's.
                    let w = r.requests_per_replica();
                    let far = if r.self_per_volume() >= r.api_per_volume() {
                        1e12
                    } else {
                        (1e9 + 0.5) * w
                    };
                    prop_assert!(far.is_finite());
                    prop_assert!(s(far) >= a(far), "no break-even reported, yet self-hosting wins at {far}");
                }
            }
            // The hybrid's own break-even (its local stack billed the same way).
            if let Some(b) = crossover::model::breakeven::hybrid_breakeven_requests_per_day(&r) {
                let start = b.max(1e-3);
                for i in 1..=200 {
                    let v = start * 1e4f64.powf(i as f64 / 200.0) * (1.0 + 1e-9);
                    let (h, a) = (r.hybrid_usd(v), r.api_usd(v));
                    prop_assert!(h <= a + 1e-9 * a.max(1.0), "hybrid at {v}: {h} > {a} (break-even {b})");
                }
                if b > 1.0 {
                    let below = b * (1.0 - 1e-12);
                    prop_assert!(r.hybrid_usd(below) >= r.api_usd(below) * (1.0 - 1e-9), "below {b} the hybrid already wins");
                }
            }
            // Starts that grow with the traffic (docs/MODEL.md §6.6): none at zero volume,
            // never more than the fixed ones.
            if sc.self_host.billing.scale_ups == ScaleUps::WithTraffic {
                let mut fixed = sc.clone();
                fixed.self_host.billing.scale_ups = ScaleUps::Fixed;
                let f = Rates::new(&fixed);
                for v in [0.0, 1.0, 1e3, 1e6] {
                    prop_assert!(s(v) <= f.self_host_usd(v) * (1.0 + 1e-12), "at {v}");
                }
                if r.scale_ups_with_traffic {
                    prop_assert_eq!(r.self_host(0.0).gpu_usd_per_day, 0.0);
                }
            }
            let (lo, hi) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
            let xs = crossings(&r, lo, hi);
            let cheaper = |v: f64| s(v) < a(v);
            for (i, &x) in xs.iter().enumerate() {
                let prev = if i > 0 { xs[i - 1] } else { 0.0 };
                let next = xs.get(i + 1).copied().unwrap_or(f64::INFINITY);
                let eps = (x * 1e-7).min((x - prev) / 3.0).min((next - x) / 3.0);
                prop_assert!(cheaper(x - eps) != cheaper(x + eps), "crossing {x} of {xs:?}");
            }
            let mut changes = 0;
            let mut last = cheaper(lo);
            for i in 1..=2000 {
                let now = cheaper(lo * (hi / lo).powf(i as f64 / 2000.0));
                changes += usize::from(now != last);
                last = now;
            }
            prop_assert!(changes <= xs.len(), "{changes} changes sampled, {} reported", xs.len());
        }

        #[test]
        fn per_second_is_never_dearer_than_always_on_without_cold_starts(mut sc in scenario(), offering in 0usize..3, lv in 0.0f64..12.0) {
            let b = &mut sc.self_host.billing;
            b.offering = Offering::ALL[offering];
            (b.cold_start_seconds, b.min_billed_seconds, b.gpu_per_second) = (0.0, 0.0, 0.0);
            b.idle_tail_seconds = 0.0;
            b.mode = Mode::AlwaysOn;
            let on = Rates::new(&sc);
            sc.self_host.billing.mode = Mode::PerSecond;
            let ps = Rates::new(&sc);
            let v = 10f64.powf(lv);
            for v in [0.0, v, sc.workload.requests_per_day] {
                let (x, y) = (ps.self_host(v).usd_per_day, on.self_host(v).usd_per_day);
                prop_assert!(x <= y * (1.0 + 1e-12), "at {v}: per second {x} > always on {y}");
                let (x, y) = (ps.hybrid(v).usd_per_day, on.hybrid(v).usd_per_day);
                prop_assert!(x <= y * (1.0 + 1e-12), "hybrid at {v}: per second {x} > always on {y}");
            }
        }
    }
}

/// docs/MODEL.md §6.5: three tiers and escalation.
mod tiers {
    use super::*;
    use crossover::model::breakeven::hybrid_breakeven_requests_per_day;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 150,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x0003_71E5),
            ..ProptestConfig::default()
        })]

        /// With no cheap share and no escalation the hybrid is the two-way model, bit for bit.
        #[test]
        fn no_cheap_share_and_no_escalation_is_the_two_way_model(mut sc in scenario(), c in 0.0f64..1.0, e in 0.0f64..0.99) {
            // The cheap tier's prices and rate must not matter without its share.
            sc.hybrid.cheap_share = 0.0;
            sc.hybrid.local_escalation_rate = 0.0;
            sc.hybrid.cheap_escalation_rate = e;
            sc.hybrid.cheap_input_per_mtok = c * 100.0;
            let r = Rates::new(&sc);
            let h = sc.hybrid.local_share;
            for v in [0.0, 1.0, 1234.5, sc.workload.requests_per_day, 3.7e6, 1e12] {
                let two_way = r.self_host(h * v).usd_per_day + r.api((1.0 - h) * v).usd_per_day;
                prop_assert_eq!(r.hybrid(v).usd_per_day, two_way);
                prop_assert_eq!(r.hybrid_usd(v), two_way);
                prop_assert_eq!(r.hybrid(v).cheap_usd_per_day, 0.0);
            }
            prop_assert_eq!(
                r.hybrid_api_per_volume(),
                (1.0 - h) * r.billable_share * r.api_per_request
            );
        }

        /// A re-sent request pays every tier it passed through, so more escalation never
        /// makes the hybrid cheaper.
        #[test]
        fn cost_never_falls_when_an_escalation_rate_rises(
            mut sc in scenario(), q in 0.0f64..1.0, el in 0.0f64..0.99, ec in 0.0f64..0.99,
            more in 0.0f64..0.5, which in any::<bool>(), v in 0.0f64..1e9,
        ) {
            sc.hybrid.cheap_share = q * (1.0 - sc.hybrid.local_share);
            (sc.hybrid.local_escalation_rate, sc.hybrid.cheap_escalation_rate) = (el, ec);
            let before = Rates::new(&sc);
            let rate = if which {
                &mut sc.hybrid.local_escalation_rate
            } else {
                &mut sc.hybrid.cheap_escalation_rate
            };
            *rate = (*rate + more).min(0.99);
            let after = Rates::new(&sc);
            prop_assert!(after.hybrid_usd(v) >= before.hybrid_usd(v));
            prop_assert!(after.hybrid(v).usd_per_day >= before.hybrid(v).usd_per_day);
            prop_assert!(after.hybrid_api_per_volume() >= before.hybrid_api_per_volume());
        }

        /// The hybrid's exact break-even (§6.4) holds with three tiers and escalation.
        #[test]
        fn past_the_tiered_breakeven_the_hybrid_is_never_dearer(
            sc in realistic(), h in 0.0f64..1.0, q in 0.0f64..1.0, el in 0.0f64..0.9,
            ec in 0.0f64..0.9, m in 1.0f64..20.0, lo in 0.0f64..2000.0,
        ) {
            let mut sc = sc;
            sc.hybrid.local_share = h;
            sc.hybrid.cheap_share = q * (1.0 - h);
            (sc.hybrid.local_escalation_rate, sc.hybrid.cheap_escalation_rate) = (el, ec);
            sc.api.reasoning_output_multiplier = m;
            sc.workload.local_output_tokens = lo;
            let r = Rates::new(&sc);
            if let Some(b) = hybrid_breakeven_requests_per_day(&r) {
                let start = b.max(1e-3);
                for i in 1..=100 {
                    let v = start * 100f64.powf(i as f64 / 100.0) * (1.0 + 1e-9);
                    let (hy, a) = (r.hybrid_usd(v), r.api_usd(v));
                    prop_assert!(hy <= a + 1e-9 * a.max(1.0), "at {v}: {hy} > {a}");
                }
            }
        }
    }
}

/// docs/MODEL.md §6.10: the fleet comparison's ranking and envelope.
mod fleet {
    use crossover::catalog::fleet::offerings;
    use crossover::catalog::Market;
    use crossover::model::fleet::{envelope_at, rank};
    use crossover::model::Scenario;
    use proptest::prelude::*;

    /// A scenario for one of the catalog's local models, with the catalog's offerings (all,
    /// or one market's) at prices scaled by up to ×2 either way, so that rankings vary.
    fn case() -> impl Strategy<Value = (Scenario, usize, Option<Market>, Vec<f64>)> {
        (
            0.0f64..7.0,
            1.0f64..4.0,
            1.0f64..3.5,
            0usize..64,
            prop::option::of(prop::sample::select(vec![
                Market::HyperscalerOnDemand,
                Market::SpecialistOnDemand,
                Market::Reserved1y,
                Market::Spot,
            ])),
            prop::collection::vec(0.5f64..2.0, 64),
        )
            .prop_map(|(lv, li, lo, model, market, scale)| {
                let mut sc = Scenario::default();
                sc.workload.requests_per_day = 10f64.powf(lv);
                sc.workload.input_tokens = 10f64.powf(li).round();
                sc.workload.output_tokens = 10f64.powf(lo).round();
                (sc, model, market, scale)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 24,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x00F1_EE70),
            ..ProptestConfig::default()
        })]

        /// Every row costs §2's S(V) with its own rates, and the first row is the minimum of
        /// all the feasible rows.
        #[test]
        fn the_cheapest_row_is_the_minimum_of_all_rows((sc, m, market, scale) in case()) {
            let lib = crossover::catalog::library();
            let model = &lib.models[m % lib.models.len()].arch;
            let catalog = crossover::catalog::shipped();
            let mut offs = offerings(&catalog, lib, market);
            for (o, k) in offs.iter_mut().zip(scale.iter().cycle()) {
                o.usd_per_gpu_hour *= k;
            }
            let c = rank(&sc, model, &offs);
            let v = sc.workload.requests_per_day;
            let min = c.rows.iter().map(|r| r.usd_per_day).fold(f64::INFINITY, f64::min);
            if let Some(first) = c.rows.first() {
                prop_assert_eq!(first.usd_per_day, min);
            }
            for r in &c.rows {
                prop_assert!(r.usd_per_day.is_finite() && r.usd_per_day > 0.0);
                prop_assert_eq!(r.usd_per_day, r.rates.self_host_usd(v));
            }
        }

        /// At every volume, the envelope is the minimum of the configurations' curves, and it
        /// names a configuration that costs exactly that.
        #[test]
        fn the_envelope_is_the_minimum_at_every_volume((sc, m, market, scale) in case(), lv in prop::collection::vec(0.0f64..8.0, 16)) {
            let lib = crossover::catalog::library();
            let model = &lib.models[m % lib.models.len()].arch;
            let catalog = crossover::catalog::shipped();
            let mut offs = offerings(&catalog, lib, market);
            for (o, k) in offs.iter_mut().zip(scale.iter().cycle()) {
                o.usd_per_gpu_hour *= k;
            }
            let c = rank(&sc, model, &offs);
            for x in lv {
                let v = 10f64.powf(x);
                let min = c.rows.iter().map(|r| r.rates.self_host_usd(v)).fold(f64::INFINITY, f64::min);
                match envelope_at(&c, v) {
                    Some((i, cost)) => {
                        prop_assert_eq!(cost, min);
                        prop_assert_eq!(c.rows[i].rates.self_host_usd(v), cost);
                    }
                    None => prop_assert!(c.rows.is_empty()),
                }
            }
        }
    }
}

/// What would flip the answer (docs/MODEL.md §7.4).
mod flips {
    use super::*;
    use crossover::model::allowed::Rules;
    use crossover::model::flips::{flips, verdict, Point};

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 300,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x000F_11F5),
            ..ProptestConfig::default()
        })]

        /// The flip table's verdict is the recommendation's, anywhere in the input space.
        #[test]
        fn the_verdict_is_the_recommendations(sc in scenario()) {
            let o = Outcome::evaluate(&sc);
            let v = verdict(&sc);
            prop_assert_eq!(v.choice, o.recommendation.choice);
            prop_assert_eq!(v.criterion.key(), o.recommendation.criterion);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 12,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x000F_11F6),
            ..ProptestConfig::default()
        })]

        /// Each flip value, applied alone, gives the row's answer; the last value before it
        /// (just short of the threshold) keeps today's.
        #[test]
        fn a_flip_value_flips_and_just_short_of_it_does_not(
            sc in realistic(),
            privacy in any::<bool>(),
            frontier in any::<bool>(),
            ops in prop::sample::select(vec![5.0, 40.0]),
        ) {
            let mut sc = sc;
            sc.constraints.data_must_stay_in_house = privacy && !frontier;
            sc.constraints.needs_frontier_quality = frontier;
            sc.constraints.ops_hours_per_month = ops;
            let t = flips(&sc);
            for r in &t.rows {
                let f = fields::field(r.key).unwrap();
                for side in [r.below, r.above].into_iter().flatten() {
                    let mut a = sc.clone();
                    f.set(&mut a, side.at.value());
                    prop_assert_eq!(verdict(&a).choice, r.to, "{} at {:?}", r.key, side.at);
                    // The row names today's option as the cause exactly when it cannot serve there.
                    let unserved = t.now.choice.and_then(|c| Rules::new(&a).unserved(c));
                    prop_assert_eq!(r.cannot_serve.map(|c| c.why), unserved, "{} at {:?}", r.key, side.at);
                    if let Point::Number(x) = side.at {
                        let mut b = sc.clone();
                        f.set(&mut b, Value::Number(side.holds));
                        prop_assert_eq!(verdict(&b).choice, t.now.choice, "{} at {}", r.key, side.holds);
                        // The threshold lies between, within 0.1% (a step for whole numbers).
                        let gap = (x - side.holds).abs();
                        prop_assert!(gap <= 1e-3 * x.abs().max(side.holds.abs()) || (f.kind == Kind::Integer && gap <= 1.0), "{} {} {}", r.key, x, side.holds);
                    }
                }
            }
        }
    }
}
