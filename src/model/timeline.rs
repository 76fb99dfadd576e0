//! The growth timeline: volume month by month, the monthly and cumulative cost of each option
//! (setup paid at the start; replicas added as traffic grows), and when to switch.

use super::allowed::Allowed;
use super::cost::Rates;
use super::outcome::Outcome;
use super::recommend::Choice;
use super::scenario::{Scenario, DAYS_PER_MONTH};

/// One month of the timeline (months count from 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Month {
    pub month: u32,
    pub requests_per_day: f64,
    /// Running cost this month (self-hosting and hybrid without the setup amortization).
    pub api: f64,
    pub self_host: f64,
    pub hybrid: f64,
    /// Totals to the end of this month, setup included from month 1 for self-hosting and hybrid.
    pub cumulative_api: f64,
    pub cumulative_self_host: f64,
    pub cumulative_hybrid: f64,
    pub replicas: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub months: Vec<Month>,
    /// First month whose self-hosting running cost is below the API's.
    pub first_month_cheaper: Option<u32>,
    /// First month by whose end self-hosting's total (setup repaid) is below the API's.
    pub first_month_repaid: Option<u32>,
    /// Starting on the API, the month to move to self-hosting (paying setup then) that costs
    /// least by the horizon; `None` when staying on the API is cheapest.
    pub best_switch_month: Option<u32>,
    /// What that switch saves by the horizon against staying on the API.
    pub savings_at_horizon: f64,
    /// The option the switch moves to: the recommendation's challenger of the API, so that an
    /// option the constraints exclude is never the one to switch to (docs/MODEL.md §6.4).
    pub switch_to: Choice,
    /// Which options the constraints allow at the scenario's volume, so the views draw an
    /// excluded option muted with its reason (docs/MODEL.md §6.4).
    pub allowed: Allowed,
}

/// Daily volume in `month` (1-based): compound growth from the scenario's volume, times every
/// step that has started by then.
pub fn volume_in_month(sc: &Scenario, month: u32) -> f64 {
    let g = &sc.growth;
    let base = sc.workload.requests_per_day * (1.0 + g.monthly_rate).powi(month as i32 - 1);
    let steps: f64 = g
        .steps
        .iter()
        .filter(|s| s.month <= month)
        .map(|s| s.factor)
        .product();
    (base * steps).clamp(0.0, 1e15)
}

impl Timeline {
    /// " to the hybrid" when the switch goes to the hybrid, else "" (self-hosting, as ever).
    pub fn switch_phrase(&self) -> &'static str {
        match self.switch_to {
            Choice::Hybrid => " to the hybrid",
            // The timeline has no owned line: a switch to owning is drawn as self-hosting.
            Choice::Api | Choice::SelfHost | Choice::Owned => "",
        }
    }
}

/// Share of today's price paid in `month` (1-based) under a yearly change of
/// `change_per_year`: `(1 + r)^((month − 1) / 12)`, so month 1 pays today's price and month 13
/// pays `1 + r` times it. A change of 0 gives exactly 1.
pub fn price_factor(change_per_year: f64, month: u32) -> f64 {
    (1.0 + change_per_year)
        .max(0.0)
        .powf(f64::from(month.saturating_sub(1)) / 12.0)
}

pub fn timeline(sc: &Scenario) -> Timeline {
    let today = Rates::new(sc);
    let setup = today.setup_cost;
    let amort = today.setup_amortization_per_day;
    let horizon = sc.growth.horizon_months.max(1);
    let mut months = Vec::with_capacity(horizon as usize);
    let (mut ca, mut cs, mut ch) = (0.0, setup, setup);
    for m in 1..=horizon {
        let v = volume_in_month(sc, m);
        let r = today.with_price_factors(
            price_factor(sc.growth.api_price_change_per_year, m),
            price_factor(sc.growth.gpu_price_change_per_year, m),
        );
        let s = r.self_host(v);
        let h = r.hybrid(v);
        let api = r.api(v).usd_per_day * DAYS_PER_MONTH;
        let self_host = (s.usd_per_day - amort) * DAYS_PER_MONTH;
        let hybrid = (h.usd_per_day - amort) * DAYS_PER_MONTH;
        ca += api;
        cs += self_host;
        ch += hybrid;
        months.push(Month {
            month: m,
            requests_per_day: v,
            api,
            self_host,
            hybrid,
            cumulative_api: ca,
            cumulative_self_host: cs,
            cumulative_hybrid: ch,
            replicas: s.replicas,
        });
    }
    let first_month_cheaper = months.iter().find(|m| m.self_host < m.api).map(|m| m.month);
    let first_month_repaid = months
        .iter()
        .find(|m| m.cumulative_self_host < m.cumulative_api)
        .map(|m| m.month);
    // Switching at month k: API before k, setup at k, the target option from k on.
    let outcome = Outcome::evaluate(sc);
    let switch_to = outcome.challenger();
    let total_api = ca;
    let mut best: Option<(u32, f64)> = None;
    let mut api_before = 0.0;
    let mut self_from: Vec<f64> = vec![0.0; months.len() + 1];
    for i in (0..months.len()).rev() {
        let running = match switch_to {
            Choice::Hybrid => months[i].hybrid,
            // The owned fleet is followed on rented self-hosting's running cost (its own
            // monthly line is not in the timeline).
            Choice::Api | Choice::SelfHost | Choice::Owned => months[i].self_host,
        };
        self_from[i] = self_from[i + 1] + running;
    }
    for (i, m) in months.iter().enumerate() {
        let total = api_before + setup + self_from[i];
        if total < total_api && best.is_none_or(|(_, t)| total < t) {
            best = Some((m.month, total));
        }
        api_before += m.api;
    }
    Timeline {
        months,
        first_month_cheaper,
        first_month_repaid,
        best_switch_month: best.map(|(m, _)| m),
        savings_at_horizon: best.map_or(0.0, |(_, t)| total_api - t),
        switch_to,
        allowed: outcome.allowed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::GrowthStep;

    #[test]
    fn growth_and_steps_compound() {
        let mut sc = Scenario::default();
        sc.growth.monthly_rate = 0.1;
        sc.growth.steps = vec![GrowthStep {
            month: 3,
            factor: 4.0,
        }];
        assert_eq!(volume_in_month(&sc, 1), 10_000.0);
        assert!((volume_in_month(&sc, 2) - 11_000.0).abs() < 1e-6);
        assert!((volume_in_month(&sc, 3) - 12_100.0 * 4.0).abs() < 1e-6);
        sc.growth.monthly_rate = -1.0;
        assert_eq!(volume_in_month(&sc, 2), 0.0);
    }

    /// Defaults from 2,000 requests/day growing 50% a month. Self-hosting's running cost is
    /// S − setup amortization = 153.61 − 21.90 = 131.71/day; the API's is V × $0.01, so the
    /// monthly cost crosses once V > 13,171: 2,000 × 1.5^(m−1) first exceeds it at m = 6
    /// (15,187.5/day; one replica carries up to 100,800).
    #[test]
    fn months_by_hand() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 2_000.0;
        sc.growth.monthly_rate = 0.5;
        sc.growth.horizon_months = 12;
        let t = timeline(&sc);
        assert_eq!(t.months.len(), 12);
        assert_eq!(t.first_month_cheaper, Some(6));
        let m1 = t.months[0];
        assert!((m1.api - 20.0 * DAYS_PER_MONTH).abs() < 1e-9);
        assert!((m1.self_host - 131.708 * DAYS_PER_MONTH).abs() < 0.05);
        assert!(
            (m1.cumulative_self_host - (8_000.0 + m1.self_host)).abs() < 1e-9,
            "setup at the start"
        );
        // Cumulative: the API's total passes setup + running from the month where the running
        // savings have repaid $8,000; the best switch is where the monthly costs cross.
        let repaid = t.first_month_repaid.unwrap();
        let m = &t.months[repaid as usize - 1];
        assert!(m.cumulative_self_host < m.cumulative_api);
        let before = &t.months[repaid as usize - 2];
        assert!(before.cumulative_self_host >= before.cumulative_api);
        assert_eq!(t.best_switch_month, Some(6));
        let stay: f64 = t.months.iter().map(|m| m.api).sum();
        let switch: f64 = t.months[..5].iter().map(|m| m.api).sum::<f64>()
            + 8_000.0
            + t.months[5..].iter().map(|m| m.self_host).sum::<f64>();
        assert!((t.savings_at_horizon - (stay - switch)).abs() < 1e-6);
    }

    /// Defaults at a flat 20,000 requests/day, API prices −30% a year and GPU prices −20% a
    /// year. Month 13 pays a year's change: the API 20,000 × $0.01 × 0.7 = $140/day; self-hosting
    /// runs 60 × 0.8 = $48 of GPU, 4.80 of overhead and 65.71 of maintenance (20 h × $100 ÷ D)
    /// = $118.51/day. Month 7 pays half a year's: 0.7^0.5 = 0.83666 of the API's price.
    #[test]
    fn prices_that_move_by_hand() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 20_000.0;
        sc.growth.api_price_change_per_year = -0.3;
        sc.growth.gpu_price_change_per_year = -0.2;
        let t = timeline(&sc);
        let m1 = t.months[0];
        assert!((m1.api - 200.0 * DAYS_PER_MONTH).abs() < 1e-9);
        let m13 = t.months[12];
        assert!(
            (m13.api - 140.0 * DAYS_PER_MONTH).abs() < 1e-9,
            "{}",
            m13.api
        );
        let maintenance = 100.0 * 20.0 / DAYS_PER_MONTH;
        let running = 48.0 + 4.8 + maintenance;
        assert!((m13.self_host - running * DAYS_PER_MONTH).abs() < 1e-9);
        assert!((118.508 - running).abs() < 1e-3);
        let m7 = t.months[6];
        assert!((m7.api - 200.0 * 0.7f64.sqrt() * DAYS_PER_MONTH).abs() < 1e-9);
        // The API line bends: each month's fall is smaller than the one before.
        let d1 = t.months[0].api - t.months[1].api;
        let d2 = t.months[1].api - t.months[2].api;
        assert!(d1 > d2 && d2 > 0.0);
        assert_eq!(price_factor(0.0, 100), 1.0);
        assert_eq!(price_factor(-1.0, 1), 1.0);
        assert_eq!(price_factor(-1.0, 2), 0.0);
    }

    /// Month 13 of cost.rs's tiered per-second scenario at a flat 400,000 requests/day with
    /// API prices −50% a year and GPU prices −20%: both API tiers pay half, every per-second
    /// GPU term 0.8 (hand-worked in `cost::repriced`). Running cost a day: the API 1,600.00;
    /// self-hosting 346.32 and the hybrid 505.52, each less the setup's 32.00 amortization.
    #[test]
    fn prices_that_move_reach_the_cheap_tier_and_per_second_billing() {
        let mut sc = crate::model::cost::repriced::tiered_per_second();
        sc.growth.api_price_change_per_year = -0.5;
        sc.growth.gpu_price_change_per_year = -0.2;
        let t = timeline(&sc);
        let m13 = t.months[12];
        let near = |got: f64, want: f64| (got - want).abs() <= 1e-9 * want;
        assert!(near(m13.api, 1_600.0 * DAYS_PER_MONTH), "{}", m13.api);
        assert!(
            near(m13.self_host, 314.32 * DAYS_PER_MONTH),
            "{}",
            m13.self_host
        );
        assert!(near(m13.hybrid, 473.52 * DAYS_PER_MONTH), "{}", m13.hybrid);
        assert_eq!(m13.replicas, 3.0);
    }
}
