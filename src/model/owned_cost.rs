//! Buying the GPUs instead of renting them (docs/MODEL.md §6.9): the owned fleet's daily cost,
//! bought in whole servers, and the months of ownership after which buying beats renting.
//!
//! The owned fleet serves the same traffic as rented self-hosting, with the same throughput,
//! utilization target and minimum replicas; only how the GPUs are paid for differs. Hardware is
//! depreciated evenly down to its resale value; power (the GPUs' and the rest of the server's),
//! colocation, support and the cost of the capital tied up are paid per server, every day.

use super::cost::Rates;
use super::scenario::{Scenario, DAYS_PER_MONTH};

/// Hours per day, for power.
const HOURS_PER_DAY: f64 = 24.0;

/// Days per year, for the yearly rates (support, cost of capital): `12 · D`.
pub(crate) const DAYS_PER_YEAR: f64 = 12.0 * DAYS_PER_MONTH;

/// Per-server constants of the owned fleet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OwnedRates {
    /// GPU slots per server.
    pub gpus_per_server: f64,
    /// Replicas one server holds (`⌊gpus_per_server / gpus_per_replica⌋`), or 0 when one
    /// replica needs more than a server.
    pub replicas_per_server: f64,
    /// Servers one replica needs when it spans several (`⌈gpus_per_replica / gpus_per_server⌉`).
    pub servers_per_replica: f64,
    /// Purchase price of one server: its GPUs plus the server around them.
    pub capital_per_server: f64,
    /// Depreciation of one server per day, down to its resale value:
    /// `capital · (1 − resale) / depreciation_months / D`.
    pub depreciation_per_server_day: f64,
    /// Electricity of one server per day: (GPUs × watts + the rest of the server's watts) ×
    /// PUE × 24 h × price per kWh.
    pub power_per_server_day: f64,
    /// Support contract of one server per day: `capital · support share / 365.25`.
    pub support_per_server_day: f64,
    /// Cost of capital of one server per day, on its book value averaged over the
    /// depreciation (`capital · (1 + resale) / 2`): `that · rate / 365.25`.
    pub capital_cost_per_server_day: f64,
    /// Colocation or facility cost of one server per day.
    pub colocation_per_server_day: f64,
    /// `self_host.fixed_per_month / D`, as for rented self-hosting.
    pub fixed_per_day: f64,
    /// Engineering (maintenance plus amortized setup), as for rented self-hosting.
    pub engineering_per_day: f64,
    /// Upkeep of each replica beyond the first (docs/MODEL.md §6.7), as for rented
    /// self-hosting.
    pub ops_per_extra_replica_day: f64,
}

/// The owned fleet's cost at one volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OwnedCost {
    pub usd_per_day: f64,
    pub depreciation_usd_per_day: f64,
    pub power_usd_per_day: f64,
    pub colocation_usd_per_day: f64,
    /// Support contracts (0 unless `owned.support_share_per_year`).
    pub support_usd_per_day: f64,
    /// Cost of the capital tied up (0 unless `owned.cost_of_capital_per_year`).
    pub capital_usd_per_day: f64,
    /// `self_host.fixed_per_month / D`.
    pub fixed_usd_per_day: f64,
    pub engineering_usd_per_day: f64,
    pub servers: f64,
    /// GPUs bought: every slot of every server.
    pub gpus: f64,
    /// Replicas the servers hold (at least those the traffic needs).
    pub replicas: f64,
    /// demand / replicas, 0 when there are none.
    pub peak_utilization: f64,
    /// What buying the servers costs up front.
    pub purchase_usd: f64,
}

impl OwnedRates {
    pub fn new(sc: &Scenario, rates: &Rates) -> OwnedRates {
        let o = &sc.owned;
        let gps = f64::from(o.gpus_per_server.max(1));
        let gpr = rates.gpus_per_replica.max(1.0);
        let capital = gps * o.gpu_purchase_price * (1.0 + o.server_overhead_share);
        let kw_per_server = (gps * o.power_per_gpu_watts + o.server_power_watts) / 1000.0 * o.pue;
        let book_on_average = capital * (1.0 + o.resale_share) / 2.0;
        OwnedRates {
            gpus_per_server: gps,
            replicas_per_server: (gps / gpr).floor(),
            servers_per_replica: (gpr / gps).ceil(),
            capital_per_server: capital,
            depreciation_per_server_day: capital * (1.0 - o.resale_share)
                / o.depreciation_months
                / DAYS_PER_MONTH,
            power_per_server_day: kw_per_server * HOURS_PER_DAY * o.electricity_per_kwh,
            support_per_server_day: capital * o.support_share_per_year / DAYS_PER_YEAR,
            capital_cost_per_server_day: book_on_average * o.cost_of_capital_per_year
                / DAYS_PER_YEAR,
            colocation_per_server_day: o.colocation_per_server_per_month / DAYS_PER_MONTH,
            fixed_per_day: rates.self_fixed_per_day,
            engineering_per_day: rates.engineering_per_day,
            ops_per_extra_replica_day: rates.ops_per_extra_replica_day,
        }
    }

    /// Servers needed for `replicas` replicas: whole servers, so buying has its own staircase.
    pub fn servers(&self, replicas: f64) -> f64 {
        if self.replicas_per_server >= 1.0 {
            (replicas / self.replicas_per_server).ceil()
        } else {
            replicas * self.servers_per_replica
        }
    }

    /// Replicas that `servers` servers hold.
    pub fn capacity(&self, servers: f64) -> f64 {
        if self.replicas_per_server >= 1.0 {
            servers * self.replicas_per_server
        } else {
            (servers / self.servers_per_replica).floor()
        }
    }

    /// Engineering with `replicas` replicas to look after: §6.7's upkeep per replica beyond
    /// the first, counted on the replicas the traffic needs (as the ops-capacity rule does).
    pub fn engineering(&self, replicas: f64) -> f64 {
        self.engineering_per_day + self.ops_per_extra_replica_day * (replicas - 1.0).max(0.0)
    }

    /// Power and colocation of one server per day: what it costs to run whatever it was
    /// bought for.
    pub(crate) fn running_per_server_day(&self) -> f64 {
        self.power_per_server_day + self.colocation_per_server_day
    }

    /// O(V) alone, as [`OwnedRates::cost`] adds it up (the Monte Carlo's inner loop).
    #[inline]
    pub(crate) fn usd(&self, rates: &Rates, requests_per_day: f64) -> f64 {
        let needed = rates.replicas(requests_per_day);
        let servers = self.servers(needed);
        servers * self.depreciation_per_server_day
            + servers * self.power_per_server_day
            + servers * self.colocation_per_server_day
            + servers * self.support_per_server_day
            + servers * self.capital_cost_per_server_day
            + self.fixed_per_day
            + self.engineering(needed)
    }

    /// O(V): the owned fleet's daily cost at `requests_per_day`.
    pub fn cost(&self, rates: &Rates, requests_per_day: f64) -> OwnedCost {
        let demand = rates.demand(requests_per_day);
        let needed = rates.replicas(requests_per_day);
        let servers = self.servers(needed);
        let engineering = self.engineering(needed);
        let replicas = self.capacity(servers);
        let depreciation = servers * self.depreciation_per_server_day;
        let power = servers * self.power_per_server_day;
        let colocation = servers * self.colocation_per_server_day;
        let support = servers * self.support_per_server_day;
        let capital = servers * self.capital_cost_per_server_day;
        OwnedCost {
            usd_per_day: depreciation
                + power
                + colocation
                + support
                + capital
                + self.fixed_per_day
                + engineering,
            depreciation_usd_per_day: depreciation,
            power_usd_per_day: power,
            colocation_usd_per_day: colocation,
            support_usd_per_day: support,
            capital_usd_per_day: capital,
            fixed_usd_per_day: self.fixed_per_day,
            engineering_usd_per_day: engineering,
            servers,
            gpus: servers * self.gpus_per_server,
            replicas,
            peak_utilization: if replicas > 0.0 {
                demand / replicas
            } else {
                0.0
            },
            purchase_usd: servers * self.capital_per_server,
        }
    }

    /// Volumes in `[lo, hi]` where another server is bought (at most `limit` of them; `None`
    /// when there are more, and the staircase is finer than a chart shows).
    pub fn steps(&self, rates: &Rates, lo: f64, hi: f64, limit: usize) -> Option<Vec<f64>> {
        let w = rates.requests_per_replica();
        let per_server = if self.replicas_per_server >= 1.0 {
            w * self.replicas_per_server
        } else {
            w
        };
        if !per_server.is_finite() || per_server <= 0.0 {
            return Some(Vec::new());
        }
        let first = (lo / per_server).ceil().max(1.0);
        let last = (hi / per_server).floor();
        if last - first >= limit as f64 {
            return None;
        }
        let mut out = Vec::new();
        let mut k = first;
        while k <= last {
            let v = k * per_server;
            // Only where the count of servers really changes (min_replicas may hold it flat).
            if self.cost(rates, v).servers != self.cost(rates, v * (1.0 + 1e-12) + 1e-9).servers {
                out.push(v);
            }
            k += 1.0;
        }
        Some(out)
    }
}

/// Months of ownership after which buying beats renting at the current volume: the purchase
/// price over the monthly saving of owning (rented GPUs and their overhead, minus the owned
/// servers' power, colocation, support and cost of capital). `None` when owning saves nothing
/// per month.
pub fn buy_beats_rent_after_months(
    rented: &super::cost::SelfHostCost,
    owned: &OwnedCost,
) -> Option<f64> {
    let rent = rented.gpu_usd_per_day + (rented.overhead_usd_per_day - owned.fixed_usd_per_day);
    let run = owned.power_usd_per_day
        + owned.colocation_usd_per_day
        + owned.support_usd_per_day
        + owned.capital_usd_per_day;
    let saving_per_month = (rent - run) * DAYS_PER_MONTH;
    if saving_per_month > 0.0 {
        let months = owned.purchase_usd / saving_per_month;
        months.is_finite().then_some(months)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Choice, Outcome};

    /// docs/MODEL.md §6.9's worked example: the defaults at 1,000,000 requests/day with
    /// `owned.enabled` and $304.375 a month (= $10/day) of fixed infrastructure. Rented: 10
    /// replicas. Owned: 8 replicas per 8-GPU server, so ⌈10 / 8⌉ = 2 servers (16 GPUs).
    #[test]
    fn rent_or_buy_by_hand() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 1_000_000.0;
        sc.self_host.fixed_per_month = 304.375;
        sc.owned.enabled = true;
        let o = Outcome::evaluate(&sc);
        let own = o.owned;
        assert_eq!((own.servers, own.gpus, own.replicas), (2.0, 16.0, 16.0));
        // One server: 8 × $30,000 × 1.25 = $300,000; ÷ 36 months ÷ D = $273.785/day.
        assert_eq!(own.purchase_usd, 600_000.0);
        assert!((own.depreciation_usd_per_day / 2.0 - 273.785).abs() < 1e-3);
        // Power: 8 × 0.7 kW × 1.4 × 24 h × $0.12 = $22.5792 per server-day.
        assert!((own.power_usd_per_day - 2.0 * 22.5792).abs() < 1e-9);
        // Colocation: $1,500 ÷ D = $49.281 per server-day.
        assert!((own.colocation_usd_per_day / 2.0 - 49.281).abs() < 1e-3);
        assert!((own.fixed_usd_per_day - 10.0).abs() < 1e-12);
        assert!((own.engineering_usd_per_day - 87.611).abs() < 1e-3);
        // 547.570 + 45.158 + 98.563 + 10 + 87.611 = 788.90
        assert!(
            (own.usd_per_day - 788.90).abs() < 5e-3,
            "{}",
            own.usd_per_day
        );
        assert!((own.peak_utilization - o.rates.demand(1e6) / 16.0).abs() < 1e-12);
        // Rented: 10 × $60 × 1.1 = $660/day of GPUs and overhead; owned runs 2 × 71.861 =
        // $143.72/day; the $600,000 is repaid after 600,000 ÷ (516.28 × D) = 38.18 months.
        let months = o.buy_beats_rent_after_months.unwrap();
        assert!((months - 38.18).abs() < 5e-3, "{months}");
        // Rented self-hosting costs 660 + 10 + 87.61 = 757.61/day: cheaper over 36 months.
        assert!((o.self_host.usd_per_day - 757.611).abs() < 1e-3);
        assert_eq!(o.cheapest_overall, Choice::SelfHost);
        assert_eq!(o.cheapest, Choice::SelfHost);
        // Kept for 48 months instead, owning wins.
        sc.owned.depreciation_months = 48.0;
        let o = Outcome::evaluate(&sc);
        assert_eq!(o.cheapest_overall, Choice::Owned);
        assert_eq!(o.recommendation.choice, Some(Choice::Owned));
        assert_eq!(
            o.cheapest,
            Choice::SelfHost,
            "the contract's field ignores owning"
        );
    }

    /// docs/MODEL.md §6.9's worked example with every term of ownership: the example above
    /// with 1,500 W a server beyond its GPUs, support at 20% of the price a year, capital at
    /// 8% a year and a resale value of 10%.
    #[test]
    fn a_tco_sheet_by_hand() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 1_000_000.0;
        sc.self_host.fixed_per_month = 304.375;
        sc.owned.enabled = true;
        sc.owned.server_power_watts = 1_500.0;
        sc.owned.support_share_per_year = 0.2;
        sc.owned.cost_of_capital_per_year = 0.08;
        sc.owned.resale_share = 0.1;
        let o = Outcome::evaluate(&sc);
        let own = o.owned;
        assert_eq!((own.servers, own.purchase_usd), (2.0, 600_000.0));
        // Down to 10%: 300,000 · 0.9 / 36 / D = 246.407 a server-day.
        let dep = 300_000.0 * 0.9 / 36.0 / DAYS_PER_MONTH;
        assert!((own.depreciation_usd_per_day - 2.0 * dep).abs() < 1e-9);
        assert!((dep - 246.4066).abs() < 1e-4);
        // (8 · 700 + 1,500) W = 7.1 kW · 1.4 · 24 h · $0.12 = 28.6272 a server-day.
        assert!((own.power_usd_per_day - 2.0 * 28.6272).abs() < 1e-9);
        // Support 300,000 · 0.2 / 365.25 = 164.271; capital on the average book value
        // 165,000 · 0.08 / 365.25 = 36.140, a server-day.
        assert!((own.support_usd_per_day - 2.0 * 60_000.0 / 365.25).abs() < 1e-9);
        assert!((own.capital_usd_per_day - 2.0 * 13_200.0 / 365.25).abs() < 1e-9);
        let want = 2.0 * (dep + 28.6272 + 1_500.0 / DAYS_PER_MONTH + 60_000.0 / 365.25)
            + 2.0 * 13_200.0 / 365.25
            + 10.0
            + 100.0 * (20.0 + 80.0 / 12.0) / DAYS_PER_MONTH;
        assert!((own.usd_per_day - want).abs() < 1e-9, "{}", own.usd_per_day);
        assert!((own.usd_per_day - 1_147.06).abs() < 5e-3);
        assert_eq!(o.owned_rates.usd(&o.rates, 1e6), own.usd_per_day);
        // Rent or buy: run 556.64/day against rent 660: 190.71 months.
        let months = o.buy_beats_rent_after_months.unwrap();
        assert!((months - 190.71).abs() < 5e-3, "{months}");
    }

    #[test]
    fn whole_servers_make_their_own_staircase() {
        let mut sc = Scenario::default();
        sc.owned.gpus_per_server = 8;
        sc.self_host.gpus_per_replica = 3;
        let r = Rates::new(&sc);
        let or = OwnedRates::new(&sc, &r);
        // Two 3-GPU replicas fit an 8-GPU server.
        assert_eq!(
            (or.servers(1.0), or.servers(2.0), or.servers(3.0)),
            (1.0, 1.0, 2.0)
        );
        sc.self_host.gpus_per_replica = 16;
        let or = OwnedRates::new(&sc, &Rates::new(&sc));
        assert_eq!(
            (or.servers(1.0), or.servers(3.0), or.capacity(6.0)),
            (2.0, 6.0, 3.0)
        );
        // Steps every 8 replicas' worth of traffic (w = 100,800 requests/day).
        sc.self_host.gpus_per_replica = 1;
        let r = Rates::new(&sc);
        let or = OwnedRates::new(&sc, &r);
        let steps = or.steps(&r, 10.0, 2e6, 100).unwrap();
        assert_eq!(steps.len(), 2);
        assert!((steps[0] - 806_400.0).abs() < 1e-6 && (steps[1] - 1_612_800.0).abs() < 1e-6);
        let before = or.cost(&r, steps[0]).servers;
        let after = or.cost(&r, steps[0] + 1.0).servers;
        assert_eq!((before, after), (1.0, 2.0));
    }

    #[test]
    fn owning_that_saves_nothing_never_beats_renting() {
        let mut sc = Scenario::default();
        sc.owned.colocation_per_server_per_month = 1e6;
        let o = Outcome::evaluate(&sc);
        assert_eq!(o.buy_beats_rent_after_months, None);
        assert_eq!(o.cheapest_overall, o.cheapest, "not offered unless enabled");
        assert_eq!(o.options().len(), 3);
    }

    #[test]
    fn privacy_takes_the_cheaper_in_house_option() {
        let mut sc = Scenario::default();
        sc.constraints.data_must_stay_in_house = true;
        sc.owned.enabled = true;
        sc.owned.gpu_purchase_price = 1_000.0;
        sc.owned.colocation_per_server_per_month = 300.0;
        let o = Outcome::evaluate(&sc);
        assert!(o.owned.usd_per_day < o.self_host.usd_per_day);
        assert_eq!(o.recommendation.choice, Some(Choice::Owned));
        assert_eq!(o.recommendation.criterion, "privacy");
    }

    /// docs/MODEL.md §6.7 and §6.9: the owned fleet pays §6.7's upkeep for each replica the
    /// traffic needs beyond the first, as rented self-hosting does. At 1,000,000 requests/day
    /// 10 replicas; 5 h a month each beyond the first at $121.75/h is 121.75 · 5 / D = $20/day
    /// a replica: 9 · 20 = $180/day on top.
    #[test]
    fn owned_upkeep_grows_with_the_replicas() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 1_000_000.0;
        sc.owned.enabled = true;
        sc.engineering.hourly_rate = 121.75;
        sc.engineering.ops_hours_per_replica_month = 5.0;
        let o = Outcome::evaluate(&sc);
        let base = o.rates.engineering_per_day;
        assert!((o.owned.engineering_usd_per_day - base - 180.0).abs() < 1e-9);
        assert_eq!(
            o.owned.engineering_usd_per_day,
            o.self_host.engineering_usd_per_day
        );
        let r = &o.rates;
        assert_eq!(o.owned_rates.usd(r, 1e6), o.owned.usd_per_day);
        sc.engineering.ops_hours_per_replica_month = 0.0;
        let o0 = Outcome::evaluate(&sc);
        assert!((o.owned.usd_per_day - o0.owned.usd_per_day - 180.0).abs() < 1e-9);
    }
}
