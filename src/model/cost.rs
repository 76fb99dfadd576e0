//! Daily cost of each option at a volume (docs/MODEL.md §2).
//!
//! [`Rates`] gathers the per-scenario constants once, so evaluating an option at a volume is a
//! handful of multiplications: the dashboard calls this thousands of times per keypress.

use super::scenario::{Scenario, DAYS_PER_MONTH};

/// Constants of one scenario that every volume shares. Money is in the scenario's currency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// `1 − c`: share of requests that are billed or served (not answered from cache).
    pub billable_share: f64,
    /// p: API cost of one billable request.
    pub api_per_request: f64,
    /// `api.fixed_per_month / D`.
    pub api_fixed_per_day: f64,
    /// s: replica-seconds one request uses.
    pub seconds_per_request: f64,
    pub peak_to_average: f64,
    pub target_utilization: f64,
    pub min_replicas: f64,
    pub gpus_per_replica: f64,
    /// GPU rent of one replica for one day: `gpus_per_replica · gpu_per_hour · 24`.
    pub gpu_per_replica_day: f64,
    pub overhead_share: f64,
    /// `self_host.fixed_per_month / D`.
    pub self_fixed_per_day: f64,
    /// eng: maintenance plus amortized setup, per day.
    pub engineering_per_day: f64,
    /// The setup part of `eng`: `hourly_rate · setup_hours / amortization_months / D`.
    pub setup_amortization_per_day: f64,
    /// One-time setup cost: `hourly_rate · setup_hours`.
    pub setup_cost: f64,
    /// h: share of requests the hybrid routes to the local model.
    pub local_share: f64,
    /// p_c: the cheap API tier's cost of one billable request (docs/MODEL.md §6.5).
    pub cheap_per_request: f64,
    /// F: frontier API requests the hybrid sends per request of volume, escalations included.
    pub frontier_fraction: f64,
    /// C: cheap-tier API requests the hybrid sends per request of volume, escalations included.
    pub cheap_fraction: f64,
    /// Upkeep of each replica beyond the first, per day (docs/MODEL.md §6.7):
    /// `hourly_rate · ops_hours_per_replica_month / D`.
    pub ops_per_extra_replica_day: f64,
    /// Seconds in which the day's traffic is served: 86,400, or `3600 · active_hours_per_day`
    /// (docs/MODEL.md §6.6).
    pub window_seconds: f64,
    /// Per-second billing: GPU spend per billable request,
    /// `gpus_per_replica · gpu_per_second · s / target_utilization` (0 in the other modes).
    pub gpu_per_request: f64,
    /// Per-second billing: GPU spend per day on scale-ups,
    /// `gpus_per_replica · gpu_per_second · scale_ups_per_day · max(cold_start, min_billed)`.
    pub gpu_scale_ups_per_day: f64,
    /// Per-second billing with `scale_ups = "with_traffic"` (docs/MODEL.md §6.6): the day's
    /// starts are `min(scale_ups_per_day, V')`, not `scale_ups_per_day`.
    pub scale_ups_with_traffic: bool,
    /// The most starts a day (`scale_ups_per_day`), where the starts stop growing with the
    /// traffic.
    pub scale_ups_per_day: f64,
}

/// The API prices per million tokens that apply to the scenario's requests: the base prices,
/// or the long-context ones when the tier is on and the input exceeds its threshold
/// (docs/MODEL.md §6.3).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ApiPrices {
    pub input: f64,
    pub output: f64,
    pub cached_input: f64,
    pub cache_write: f64,
    /// Whether these are the long-context prices.
    pub long_context: bool,
}

impl ApiPrices {
    pub(crate) fn for_input(sc: &Scenario) -> ApiPrices {
        let a = &sc.api;
        let n = f64::from(a.long_context_above_tokens);
        if a.long_context_above_tokens > 0 && sc.workload.input_tokens > n {
            ApiPrices {
                input: a.long_context_input_per_mtok,
                output: a.long_context_output_per_mtok,
                cached_input: a.long_context_cached_input_per_mtok,
                cache_write: a.long_context_cache_write_per_mtok,
                long_context: true,
            }
        } else {
            ApiPrices {
                input: a.input_per_mtok,
                output: a.output_per_mtok,
                cached_input: a.cached_input_per_mtok,
                cache_write: a.cache_write_per_mtok,
                long_context: false,
            }
        }
    }
}

/// p: the API's cost of one billable request (docs/MODEL.md §2, §6.3, §6.8), batch included.
pub(crate) fn api_per_request(sc: &Scenario) -> f64 {
    let w = &sc.workload;
    let api = &sc.api;
    let input = w.input_tokens;
    let k = api.cached_input_share;
    // Output tokens billed by either API tier: reasoning tokens are billed, not seen (§6.5).
    let billed_output = w.output_tokens * api.reasoning_output_multiplier;
    // A price per request replaces the token term (docs/MODEL.md §6.8); the token term
    // takes cache writes and the long-context tier into account (§6.3).
    let per_request = if api.usd_per_request > 0.0 {
        api.usd_per_request
    } else {
        let cw = api.cache_write_share;
        let p = ApiPrices::for_input(sc);
        (input * (1.0 - k - cw) * p.input
            + input * k * p.cached_input
            + input * cw * p.cache_write
            + billed_output * p.output)
            / 1e6
    };
    per_request * (1.0 - api.batch_share * api.batch_discount)
}

impl Rates {
    pub fn new(sc: &Scenario) -> Rates {
        Rates::with_throughput(sc, super::throughput::replica::rates(sc))
    }

    /// [`Rates::new`] with the prefill and decode tok/s per replica in force already known
    /// (`replica::rates(sc)`): the flip table makes the estimate once for the serving verdicts
    /// and the costs.
    pub(crate) fn with_throughput(sc: &Scenario, (prefill, decode): (f64, f64)) -> Rates {
        let w = &sc.workload;
        let api = &sc.api;
        let sh = &sc.self_host;
        let e = &sc.engineering;
        let input = w.input_tokens;
        let k = api.cached_input_share;
        let billed_output = w.output_tokens * api.reasoning_output_multiplier;
        let batch = 1.0 - api.batch_share * api.batch_discount;
        let api_per_request = api_per_request(sc);
        let hy = &sc.hybrid;
        // The cheap tier bills written cache tokens at its input price (it has no write price).
        let cheap_per_request = (input * (1.0 - k) * hy.cheap_input_per_mtok
            + input * k * hy.cheap_cached_input_per_mtok
            + billed_output * hy.cheap_output_per_mtok)
            / 1e6
            * batch;
        let (frontier_fraction, cheap_fraction) = tier_fractions(hy);
        // Given or estimated (docs/MODEL.md §6.2); the factor is 1 unless the scenario says.
        let seconds_per_request =
            (input / prefill + w.local_output() / decode) / sh.estimate.factor;
        let gpus_per_replica = f64::from(sh.gpus_per_replica);
        // Billing modes (docs/MODEL.md §6.6); always on leaves §2's numbers bit for bit.
        let b = &sh.billing;
        let per_second = b.effective_mode() == super::billing::Mode::PerSecond;
        let gpu_second = gpus_per_replica * b.per_second_price(sh.gpu_per_hour);
        let (gpu_per_replica_day, gpu_per_request, gpu_scale_ups_per_day, min_replicas) =
            if per_second {
                (
                    0.0,
                    gpu_second * seconds_per_request / sh.target_utilization,
                    gpu_second * b.scale_ups_per_day * b.seconds_per_scale_up(),
                    0.0,
                )
            } else {
                (
                    gpus_per_replica * sh.gpu_per_hour * b.billed_hours(),
                    0.0,
                    0.0,
                    f64::from(sh.min_replicas),
                )
            };
        let scale_ups_with_traffic =
            per_second && b.scale_ups == super::billing::ScaleUps::WithTraffic;
        let overhead_share = if b.interruption_share() > 0.0 {
            sh.overhead_share + b.interruption_share()
        } else {
            sh.overhead_share
        };
        Rates {
            billable_share: 1.0 - w.response_cache_hit_rate,
            api_per_request,
            api_fixed_per_day: api.fixed_per_month / DAYS_PER_MONTH,
            seconds_per_request,
            peak_to_average: w.peak_to_average,
            target_utilization: sh.target_utilization,
            min_replicas,
            gpus_per_replica,
            gpu_per_replica_day,
            overhead_share,
            self_fixed_per_day: sh.fixed_per_month / DAYS_PER_MONTH,
            engineering_per_day: e.hourly_rate
                * (e.maintenance_hours_per_month + e.setup_hours / e.amortization_months)
                / DAYS_PER_MONTH,
            setup_amortization_per_day: e.hourly_rate * e.setup_hours
                / e.amortization_months
                / DAYS_PER_MONTH,
            setup_cost: e.hourly_rate * e.setup_hours,
            local_share: hy.local_share,
            cheap_per_request,
            frontier_fraction,
            cheap_fraction,
            ops_per_extra_replica_day: e.hourly_rate * e.ops_hours_per_replica_month
                / DAYS_PER_MONTH,
            window_seconds: b.window_seconds(),
            gpu_per_request,
            gpu_scale_ups_per_day,
            scale_ups_with_traffic,
            scale_ups_per_day: b.scale_ups_per_day,
        }
    }

    /// The same scenario with the API's token prices times `api` and GPU rent times `gpu`
    /// (the timeline's price changes). Factors of 1 give back identical rates.
    pub(crate) fn with_price_factors(&self, api: f64, gpu: f64) -> Rates {
        Rates {
            api_per_request: self.api_per_request * api,
            cheap_per_request: self.cheap_per_request * api,
            gpu_per_replica_day: self.gpu_per_replica_day * gpu,
            gpu_per_request: self.gpu_per_request * gpu,
            gpu_scale_ups_per_day: self.gpu_scale_ups_per_day * gpu,
            ..*self
        }
    }

    /// A(V): the API's daily cost at `requests_per_day`.
    pub fn api(&self, requests_per_day: f64) -> ApiCost {
        let variable = requests_per_day * self.billable_share * self.api_per_request;
        ApiCost {
            usd_per_day: variable + self.api_fixed_per_day,
            variable_usd_per_day: variable,
            fixed_usd_per_day: self.api_fixed_per_day,
        }
    }

    /// demand(V): replicas busy in the busiest hour (of the active window, §6.6).
    pub fn demand(&self, requests_per_day: f64) -> f64 {
        requests_per_day * self.billable_share * self.seconds_per_request * self.peak_to_average
            / self.window_seconds
    }

    /// R(V): replicas provisioned.
    pub fn replicas(&self, requests_per_day: f64) -> f64 {
        let demand = self.demand(requests_per_day);
        self.min_replicas
            .max(ceil(demand / self.target_utilization))
    }

    /// S(V): self-hosting's daily cost at `requests_per_day`.
    pub fn self_host(&self, requests_per_day: f64) -> SelfHostCost {
        let demand = self.demand(requests_per_day);
        let replicas = self
            .min_replicas
            .max(ceil(demand / self.target_utilization));
        self.self_host_with(requests_per_day, demand, replicas)
    }

    /// Self-hosting's cost at `requests_per_day` with the replica count given (for drawing both
    /// sides of a step); `demand` is `demand(requests_per_day)`.
    pub(crate) fn self_host_with(
        &self,
        requests_per_day: f64,
        demand: f64,
        replicas: f64,
    ) -> SelfHostCost {
        let gpu = replicas * self.gpu_per_replica_day + self.per_second_gpu(requests_per_day);
        let overhead = gpu * self.overhead_share + self.self_fixed_per_day;
        let engineering = self.engineering_at(replicas);
        SelfHostCost {
            usd_per_day: gpu + overhead + engineering,
            gpu_usd_per_day: gpu,
            overhead_usd_per_day: overhead,
            engineering_usd_per_day: engineering,
            replicas,
            gpus: replicas * self.gpus_per_replica,
            peak_utilization: if replicas > 0.0 {
                demand / replicas
            } else {
                0.0
            },
        }
    }

    /// H(V) = S(h·V) + the API tiers' part (docs/MODEL.md §6.5); with no cheap tier and no
    /// escalation, S(h·V) + A((1−h)·V).
    pub fn hybrid(&self, requests_per_day: f64) -> HybridCost {
        let local = self.self_host(self.local_share * requests_per_day);
        let api = self.hybrid_api(requests_per_day);
        HybridCost {
            usd_per_day: local.usd_per_day + api.usd_per_day,
            local,
            api,
            cheap_usd_per_day: self.hybrid_cheap_usd(requests_per_day),
        }
    }

    /// The hybrid's API part at total volume V: `V·(1−c)·(F·p + C·p_c) + api fixed`.
    pub(crate) fn hybrid_api(&self, requests_per_day: f64) -> ApiCost {
        let variable =
            self.hybrid_frontier_usd(requests_per_day) + self.hybrid_cheap_usd(requests_per_day);
        ApiCost {
            usd_per_day: variable + self.api_fixed_per_day,
            variable_usd_per_day: variable,
            fixed_usd_per_day: self.api_fixed_per_day,
        }
    }

    /// The frontier tier's part of the hybrid's API spend at V: `V·(1−c)·F·p`.
    #[inline]
    pub fn hybrid_frontier_usd(&self, requests_per_day: f64) -> f64 {
        self.frontier_fraction * requests_per_day * self.billable_share * self.api_per_request
    }

    /// The cheap tier's part of the hybrid's API spend at V: `V·(1−c)·C·p_c`.
    #[inline]
    pub(crate) fn hybrid_cheap_usd(&self, requests_per_day: f64) -> f64 {
        self.cheap_fraction * requests_per_day * self.billable_share * self.cheap_per_request
    }

    /// A(V) alone, for hot loops (the Monte Carlo).
    #[inline]
    pub fn api_usd(&self, requests_per_day: f64) -> f64 {
        requests_per_day * self.billable_share * self.api_per_request + self.api_fixed_per_day
    }

    /// S(V) alone, for hot loops; equal to `self_host(v).usd_per_day`.
    #[inline]
    pub fn self_host_usd(&self, requests_per_day: f64) -> f64 {
        let replicas = self.replicas(requests_per_day);
        let gpu = replicas * self.gpu_per_replica_day + self.per_second_gpu(requests_per_day);
        gpu + (gpu * self.overhead_share + self.self_fixed_per_day) + self.engineering_at(replicas)
    }

    /// GPU spend of per-second billing at `requests_per_day` (docs/MODEL.md §6.6):
    /// `gpus_per_replica · gpu_per_second · (V' · s / u + scale_ups · max(cold, min_billed))`.
    /// 0 in the other modes.
    #[inline]
    pub(crate) fn per_second_gpu(&self, requests_per_day: f64) -> f64 {
        if self.gpu_per_request == 0.0 && self.gpu_scale_ups_per_day == 0.0 {
            return 0.0;
        }
        let billable = requests_per_day * self.billable_share;
        let scale_ups = if self.scale_ups_with_traffic {
            // min(scale_ups_per_day, V') starts, each billed as one of the fixed ones.
            if billable < self.scale_ups_per_day {
                self.gpu_scale_ups_per_day * (billable / self.scale_ups_per_day)
            } else {
                self.gpu_scale_ups_per_day
            }
        } else {
            self.gpu_scale_ups_per_day
        };
        billable * self.gpu_per_request + scale_ups
    }

    /// With the starts growing with the traffic (docs/MODEL.md §6.6), self-hosting's
    /// per-second line has two straight pieces: below the kink every billable request is a
    /// start (`low`: the starts' cost per request joins the slope, no fixed starts), above it
    /// the starts are `scale_ups_per_day` (`high`: today's fixed starts). S(V) is the smaller
    /// of the two at every volume. Returns `(low, high, kink)`, the kink the volume where
    /// `V' = scale_ups_per_day`; `None` when the starts are fixed or cost nothing.
    pub(crate) fn scale_up_pieces(&self) -> Option<(Rates, Rates, f64)> {
        if !self.scale_ups_with_traffic || self.gpu_scale_ups_per_day == 0.0 {
            return None;
        }
        let high = Rates {
            scale_ups_with_traffic: false,
            ..*self
        };
        let low = Rates {
            scale_ups_with_traffic: false,
            gpu_scale_ups_per_day: 0.0,
            gpu_per_request: self.gpu_per_request
                + self.gpu_scale_ups_per_day / self.scale_ups_per_day,
            ..*self
        };
        let kink = if self.billable_share > 0.0 {
            self.scale_ups_per_day / self.billable_share
        } else {
            f64::INFINITY
        };
        Some((low, high, kink))
    }

    /// Self-hosting's cost per request of volume that no replica count changes (per-second
    /// GPU spend with its overhead): `(1 + overhead) · (1 − c) · gpu_per_request`.
    pub fn self_per_volume(&self) -> f64 {
        (1.0 + self.overhead_share) * self.billable_share * self.gpu_per_request
    }

    /// Engineering per day with `replicas` running: maintenance and setup, plus the upkeep of
    /// every replica beyond the first.
    #[inline]
    pub(crate) fn engineering_at(&self, replicas: f64) -> f64 {
        self.engineering_per_day + self.ops_per_extra_replica_day * (replicas - 1.0).max(0.0)
    }

    /// b: the hybrid's API cost per request of total volume, both tiers and every escalation:
    /// `(1 − c) · (F · p + C · p_c)`; `(1 − h) · (1 − c) · p` in the two-way hybrid.
    pub fn hybrid_api_per_volume(&self) -> f64 {
        self.frontier_fraction * self.billable_share * self.api_per_request
            + self.cheap_fraction * self.billable_share * self.cheap_per_request
    }

    /// H(V) alone, for hot loops.
    #[inline]
    pub fn hybrid_usd(&self, requests_per_day: f64) -> f64 {
        self.self_host_usd(self.local_share * requests_per_day)
            + (self.hybrid_frontier_usd(requests_per_day)
                + self.hybrid_cheap_usd(requests_per_day)
                + self.api_fixed_per_day)
    }

    /// g: what one more replica adds to self-hosting's daily cost, overhead included.
    pub(crate) fn step_usd_per_day(&self) -> f64 {
        self.gpu_per_replica_day * (1.0 + self.overhead_share)
    }

    /// w: requests per day one replica carries before another is added (∞ when requests
    /// use no replica time).
    pub fn requests_per_replica(&self) -> f64 {
        let per_request = self.seconds_per_request * self.peak_to_average * self.billable_share;
        if per_request > 0.0 {
            self.window_seconds * self.target_utilization / per_request
        } else {
            f64::INFINITY
        }
    }

    /// Self-hosting's cost that depends neither on the replica count nor on the volume, per
    /// day (per-second billing's scale-ups, with their overhead, included).
    pub(crate) fn self_fixed_total_per_day(&self) -> f64 {
        let scale_ups = if self.gpu_scale_ups_per_day > 0.0 {
            self.gpu_scale_ups_per_day * (1.0 + self.overhead_share)
        } else {
            0.0
        };
        self.self_fixed_per_day + self.engineering_per_day + scale_ups
    }

    /// The API's marginal cost per request of volume: `(1 − c) · p`.
    pub fn api_per_volume(&self) -> f64 {
        self.billable_share * self.api_per_request
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ApiCost {
    pub usd_per_day: f64,
    /// Token spend.
    pub variable_usd_per_day: f64,
    /// `fixed_per_month / D`.
    pub fixed_usd_per_day: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SelfHostCost {
    pub usd_per_day: f64,
    pub gpu_usd_per_day: f64,
    /// GPU overhead share plus fixed infrastructure.
    pub overhead_usd_per_day: f64,
    pub engineering_usd_per_day: f64,
    /// R, replicas provisioned (a whole number; f64 so huge counts stay finite).
    pub replicas: f64,
    pub gpus: f64,
    /// demand / R, 0 when R = 0.
    pub peak_utilization: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HybridCost {
    pub usd_per_day: f64,
    /// The self-hosted stack serving h of the traffic, engineering included.
    pub local: SelfHostCost,
    /// Both API tiers serving the rest and the escalations, with the API's fixed cost.
    pub api: ApiCost,
    /// The cheap tier's part of `api` (0 without a cheap tier).
    pub cheap_usd_per_day: f64,
}

/// (F, C): frontier and cheap-tier API requests per request of volume (docs/MODEL.md §6.5).
/// The frontier's own share is `f = 1 − h − q` (never below 0: the key table allows a sum a
/// hair above 1). Local escalations go to the cheap tier when it has a share, else to the
/// frontier; the cheap tier's escalations, of its own and of escalated requests, go to the
/// frontier.
pub(crate) fn tier_fractions(hy: &super::scenario::Hybrid) -> (f64, f64) {
    let (h, q) = (hy.local_share, hy.cheap_share);
    let f = (1.0 - h - q).max(0.0);
    let from_local = hy.local_escalation_rate * h;
    if q > 0.0 {
        let cheap = q + from_local;
        (f + hy.cheap_escalation_rate * cheap, cheap)
    } else {
        (f + from_local, 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn defaults_at_ten_thousand_match_model_md() {
        let r = Rates::new(&Scenario::default());
        let a = r.api(10_000.0);
        assert!(close(a.usd_per_day, 100.0, 1e-9));
        let s = r.self_host(10_000.0);
        assert!(close(s.usd_per_day, 153.611, 1e-3), "{}", s.usd_per_day);
        assert_eq!(s.gpu_usd_per_day, 60.0);
        assert!(close(s.overhead_usd_per_day, 6.0, 1e-12));
        assert!(close(s.engineering_usd_per_day, 87.611, 1e-3));
        assert_eq!((s.replicas, s.gpus), (1.0, 1.0));
        assert!(close(s.peak_utilization, 0.0694, 1e-4));
        let h = r.hybrid(10_000.0);
        assert!(close(h.usd_per_day, 183.611, 1e-3));
        assert!(close(h.api.usd_per_day, 30.0, 1e-9));
        assert_eq!(h.local.replicas, 1.0);
    }

    /// docs/MODEL.md §6.3's worked example: every term of the API price is non-zero, and the
    /// long-context tier applies above 200,000 input tokens.
    #[test]
    fn long_context_tier_by_hand() {
        let mut sc = Scenario::default();
        let a = &mut sc.api;
        (a.input_per_mtok, a.output_per_mtok) = (3.0, 15.0);
        (a.cached_input_per_mtok, a.cache_write_per_mtok) = (0.30, 3.75);
        (a.cached_input_share, a.cache_write_share) = (0.4, 0.1);
        (a.batch_share, a.batch_discount) = (0.5, 0.5);
        a.long_context_above_tokens = 200_000;
        (
            a.long_context_input_per_mtok,
            a.long_context_output_per_mtok,
        ) = (6.0, 22.5);
        a.long_context_cached_input_per_mtok = 0.60;
        a.long_context_cache_write_per_mtok = 7.50;
        sc.workload.output_tokens = 2_000.0;
        // Above the threshold: (250,000 × (0.5 × 6 + 0.4 × 0.6 + 0.1 × 7.5) + 2,000 × 22.5)
        // / 1e6 = 1.0425, × (1 − 0.5 × 0.5) = 0.781875 per request.
        sc.workload.input_tokens = 250_000.0;
        assert!(ApiPrices::for_input(&sc).long_context);
        assert!(close(Rates::new(&sc).api_per_request, 0.781875, 1e-12));
        // At or below it, the base prices: (150,000 × (0.5 × 3 + 0.4 × 0.3 + 0.1 × 3.75)
        // + 2,000 × 15) / 1e6 = 0.32925, × 0.75 = 0.2469375.
        sc.workload.input_tokens = 150_000.0;
        assert!(close(Rates::new(&sc).api_per_request, 0.2469375, 1e-12));
        sc.workload.input_tokens = 200_000.0;
        assert!(!ApiPrices::for_input(&sc).long_context);
        // Tier off (0 tokens): the base prices whatever the input.
        sc.workload.input_tokens = 250_000.0;
        sc.api.long_context_above_tokens = 0;
        assert!(!ApiPrices::for_input(&sc).long_context);
    }

    #[test]
    fn defaults_at_higher_volumes_match_model_md() {
        let r = Rates::new(&Scenario::default());
        assert!(close(r.api(100_000.0).usd_per_day, 1000.0, 1e-9));
        let s = r.self_host(100_000.0);
        assert!(close(s.usd_per_day, 153.61, 1e-2) && s.replicas == 1.0);
        assert!(close(s.peak_utilization, 0.694, 1e-3));
        let s = r.self_host(1_000_000.0);
        assert!(close(s.usd_per_day, 747.61, 1e-2), "{}", s.usd_per_day);
        assert_eq!(s.replicas, 10.0);
    }

    #[test]
    fn zero_replicas_report_zero_utilization() {
        let mut sc = Scenario::default();
        sc.self_host.min_replicas = 0;
        let r = Rates::new(&sc);
        let s = r.self_host(0.0);
        assert_eq!(
            (s.replicas, s.peak_utilization, s.gpu_usd_per_day),
            (0.0, 0.0, 0.0)
        );
    }

    /// docs/MODEL.md §6.7: every replica beyond the first adds its upkeep to engineering.
    /// hourly_rate 121.75 × 12 ops hours per replica-month / D (30.4375) = $48/day, so three
    /// replicas add 2 × 48 = $96/day; one replica, or none, adds nothing.
    #[test]
    fn ops_upkeep_per_extra_replica_by_hand() {
        let mut sc = Scenario::default();
        sc.engineering.hourly_rate = 121.75;
        sc.engineering.ops_hours_per_replica_month = 12.0;
        let r = Rates::new(&sc);
        assert!(close(r.ops_per_extra_replica_day, 48.0, 1e-12));
        let eng = r.engineering_per_day;
        assert!(eng > 0.0);
        assert_eq!(r.engineering_at(0.0), eng);
        assert_eq!(r.engineering_at(1.0), eng);
        assert!(close(r.engineering_at(3.0), eng + 96.0, 1e-9));
        let s = r.self_host_with(100_000.0, 2.0, 3.0);
        assert!(close(s.engineering_usd_per_day, eng + 96.0, 1e-9));
        assert!(close(
            s.usd_per_day,
            s.gpu_usd_per_day + s.overhead_usd_per_day + eng + 96.0,
            1e-9
        ));
    }

    /// b = (1 − h)(1 − c)·p, the API cost of the hybrid's remaining traffic per request of
    /// total volume. docs/MODEL.md §6.1: h = 0.6, c = 0.25, p = 0.005175, so b = 0.4 × 0.75 ×
    /// 0.005175 = 0.0015525, and at 200,000 requests/day the hybrid's API tokens cost $310.50.
    #[test]
    fn hybrid_api_per_volume_by_hand() {
        let r = Rates::new(&crate::model::worked_example::every_term());
        assert!(close(r.hybrid_api_per_volume(), 0.001_552_5, 1e-15));
        let h = r.hybrid(200_000.0);
        assert!(close(h.api.variable_usd_per_day, 310.5, 1e-9));
        assert!(close(
            h.api.variable_usd_per_day,
            200_000.0 * r.hybrid_api_per_volume(),
            1e-9
        ));
    }
}

/// docs/MODEL.md §6.8's worked example: a price per request with cache, batch and fixed costs.
#[cfg(test)]
mod per_request {
    use super::*;

    #[test]
    fn per_request_price_by_hand() {
        let mut sc = Scenario::default();
        sc.api.usd_per_request = 0.30;
        sc.workload.response_cache_hit_rate = 0.2;
        sc.api.batch_share = 0.5;
        sc.api.batch_discount = 0.5;
        sc.api.fixed_per_month = 304.375;
        let r = Rates::new(&sc);
        assert!((r.api_per_request - 0.225).abs() < 1e-12);
        assert!((r.api(10_000.0).usd_per_day - 1_810.0).abs() < 1e-9);
        assert!((r.hybrid(10_000.0).api.usd_per_day - 550.0).abs() < 1e-9);
        // The token sizes no longer move the API's cost.
        sc.workload.output_tokens = 5_000.0;
        assert_eq!(Rates::new(&sc).api_per_request, r.api_per_request);
    }
}

#[cfg(test)]
mod lean {
    use super::*;

    #[test]
    fn lean_costs_equal_the_full_ones() {
        let mut sc = Scenario::default();
        sc.self_host.min_replicas = 0;
        sc.api.fixed_per_month = 300.0;
        let r = Rates::new(&sc);
        for v in [0.0, 1.0, 15_000.0, 100_800.0, 2.5e6] {
            assert_eq!(r.api_usd(v), r.api(v).usd_per_day);
            assert_eq!(r.self_host_usd(v), r.self_host(v).usd_per_day);
            assert_eq!(r.hybrid_usd(v), r.hybrid(v).usd_per_day);
        }
    }
}

/// docs/MODEL.md §6.5's worked example: three tiers, both escalations, reasoning tokens and the
/// local model's own output size, every new term non-zero.
#[cfg(test)]
mod tiers {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    pub(super) fn worked() -> Scenario {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 100_000.0;
        sc.workload.local_output_tokens = 250.0;
        sc.api.cached_input_share = 0.5;
        sc.api.reasoning_output_multiplier = 2.0;
        let h = &mut sc.hybrid;
        (h.local_share, h.cheap_share) = (0.6, 0.3);
        (h.local_escalation_rate, h.cheap_escalation_rate) = (0.2, 0.1);
        sc
    }

    #[test]
    fn three_tiers_with_escalation_by_hand() {
        let sc = worked();
        let r = Rates::new(&sc);
        // p = (2,000 × 0.5 × 2.50 + 2,000 × 0.5 × 1.25 + 500 × 2 × 10) / 1e6.
        assert!(close(r.api_per_request, 0.01375));
        // p_c = (2,000 × 0.5 × 0.15 + 2,000 × 0.5 × 0.075 + 500 × 2 × 0.60) / 1e6.
        assert!(close(r.cheap_per_request, 0.000825));
        // C = 0.3 + 0.2 × 0.6; F = 0.1 + 0.1 × C.
        assert!(close(r.cheap_fraction, 0.42) && close(r.frontier_fraction, 0.142));
        // s = 2,000 / 20,000 + 250 / 2,500.
        assert!(close(r.seconds_per_request, 0.2));
        let hy = r.hybrid(100_000.0);
        assert!(close(hy.cheap_usd_per_day, 34.65));
        assert!(close(hy.api.usd_per_day, 229.90));
        assert!(close(hy.local.usd_per_day, 153.611_225_188_227_25));
        assert_eq!(hy.local.replicas, 1.0);
        assert!(close(hy.usd_per_day, 383.511_225_188_227_3));
        assert_eq!(r.hybrid_usd(100_000.0), hy.usd_per_day);
        assert!(close(r.api(100_000.0).usd_per_day, 1_375.0));
        assert!(close(r.hybrid_api_per_volume(), 0.002299));
        let b = crate::model::breakeven::hybrid_breakeven_requests_per_day(&r).unwrap();
        assert!(close(b, 153.611_225_188_227_25 / 0.019085 / 0.6), "{b}");
        assert!(r.hybrid_usd(b * 1.001) < r.api_usd(b * 1.001));
        assert!(r.hybrid_usd(b * 0.999) > r.api_usd(b * 0.999));
    }

    /// Without a cheap share, local escalations go to the frontier; the cheap rate is moot.
    #[test]
    fn without_a_cheap_tier_escalations_go_to_the_frontier() {
        let mut sc = worked();
        sc.hybrid.cheap_share = 0.0;
        let r = Rates::new(&sc);
        assert_eq!(r.cheap_fraction, 0.0);
        assert!(close(r.frontier_fraction, 0.4 + 0.2 * 0.6));
        // A local model that answers everything, with no escalation: no API spend but fixed.
        sc.hybrid.local_share = 1.0;
        sc.hybrid.local_escalation_rate = 0.0;
        assert_eq!(Rates::new(&sc).hybrid_api_per_volume(), 0.0);
    }

    /// With no local share, the hybrid is the two API tiers plus an idle local stack: its
    /// break-even is where the cheap tier's saving pays for that stack.
    #[test]
    fn no_local_share_breaks_even_on_the_cheap_tier() {
        let mut sc = worked();
        sc.hybrid.local_share = 0.0;
        let r = Rates::new(&sc);
        let saved = r.api_per_volume() - r.hybrid_api_per_volume();
        let b = crate::model::breakeven::hybrid_breakeven_requests_per_day(&r).unwrap();
        assert!(close(b, r.self_host_usd(0.0) / saved));
        sc.hybrid.cheap_share = 0.0;
        let r = Rates::new(&sc);
        assert_eq!(
            crate::model::breakeven::hybrid_breakeven_requests_per_day(&r),
            None
        );
    }
}

/// The cheap tier and per-second billing under a response cache (1 − c = 0.8), where every
/// price factor and every tier term moves a figure: billing.rs's §6.6 per-second example
/// (2 GPUs at $0.001/s, s = 0.3, u = 0.8, 50 scale-ups of 60 s, spot overhead 15%, ops 20.00
/// per extra replica) with §6.5's tiers (h = 0.6, q = 0.3, escalations 0.2 and 0.1, so
/// F = 0.142 and C = 0.42) at default token prices: p = 0.01, p_c = 0.0006.
#[cfg(test)]
pub(crate) mod repriced {
    use super::*;
    use crate::model::billing::worked::per_second;
    use crate::model::worked_example::near;

    pub(crate) fn tiered_per_second() -> Scenario {
        let mut sc = per_second();
        let h = &mut sc.hybrid;
        (h.local_share, h.cheap_share) = (0.6, 0.3);
        (h.local_escalation_rate, h.cheap_escalation_rate) = (0.2, 0.1);
        sc
    }

    #[test]
    fn tiers_under_a_response_cache_by_hand() {
        let r = Rates::new(&tiered_per_second());
        near(r.billable_share, 0.8);
        near(r.cheap_per_request, 0.0006);
        near(r.gpu_per_request, 0.002 * 0.3 / 0.8);
        near(r.gpu_scale_ups_per_day, 6.0);
        // b = 0.8 × (0.142 × 0.01 + 0.42 × 0.0006) = 0.0011360 + 0.0002016.
        near(r.hybrid_api_per_volume(), 0.001_337_6);
        // The cheap tier at 400,000/day: 0.42 × 400,000 × 0.8 × 0.0006.
        near(r.hybrid_cheap_usd(400_000.0), 80.64);
        near(r.hybrid(400_000.0).cheap_usd_per_day, 80.64);
    }

    /// `with_price_factors(0.5, 0.8)`: both API tiers' prices halve and every GPU term of
    /// per-second billing takes 0.8: p = 0.005, p_c = 0.0003, 0.0006 of GPU per billable
    /// request and 4.80 of scale-ups a day.
    #[test]
    fn price_factors_reach_the_cheap_tier_and_per_second_terms() {
        let r = Rates::new(&tiered_per_second()).with_price_factors(0.5, 0.8);
        near(r.api_per_request, 0.005);
        near(r.cheap_per_request, 0.0003);
        near(r.gpu_per_request, 0.0006);
        near(r.gpu_scale_ups_per_day, 4.8);
        // At 400,000/day the API is 400,000 × 0.8 × 0.005 = 1,600.00.
        near(r.api(400_000.0).usd_per_day, 1_600.0);
        // Self-hosting: 320,000 × 0.0006 + 4.80 = 196.80 of GPU (246.00 × 0.8), 29.52 of
        // overhead, 80.00 + 2 × 20.00 of engineering for 3 replicas: 346.32.
        let s = r.self_host(400_000.0);
        near(s.gpu_usd_per_day, 196.8);
        near(s.overhead_usd_per_day, 29.52);
        assert_eq!(s.replicas, 3.0);
        near(s.usd_per_day, 346.32);
        // Hybrid: the local stack at 240,000 (192,000 × 0.0006 + 4.80 = 120.00 of GPU, 18.00 of
        // overhead, 2 replicas so 100.00 of engineering) = 238.00; the frontier 0.142 × 1,600
        // = 227.20; the cheap tier 0.42 × 400,000 × 0.8 × 0.0003 = 40.32.
        let h = r.hybrid(400_000.0);
        near(h.local.usd_per_day, 238.0);
        near(h.api.usd_per_day, 227.2 + 40.32);
        near(h.cheap_usd_per_day, 40.32);
        near(h.usd_per_day, 505.52);
        near(r.hybrid_usd(400_000.0), 505.52);
        near(
            r.hybrid_api_per_volume(),
            0.8 * (0.142 * 0.005 + 0.42 * 0.0003),
        );
    }

    /// With no scale-ups a day, per-second GPU spend is the requests' seconds alone:
    /// 320,000 × 0.00075 = 240.00 at 400,000/day.
    #[test]
    fn per_second_without_scale_ups_bills_the_requests() {
        let mut sc = per_second();
        sc.self_host.billing.scale_ups_per_day = 0.0;
        let r = Rates::new(&sc);
        assert_eq!(r.gpu_scale_ups_per_day, 0.0);
        near(r.per_second_gpu(400_000.0), 240.0);
        near(r.self_host(400_000.0).gpu_usd_per_day, 240.0);
        near(r.self_host_usd(400_000.0), 240.0 * 1.15 + 120.0);
    }

    /// With empty requests (0 tokens in, 0 out) no replica time is used, but the scale-ups
    /// are still billed: 2 × $0.001 × 50 × 60 s = 6.00 of GPU a day at any volume.
    #[test]
    fn per_second_with_empty_requests_bills_the_scale_ups() {
        let mut sc = per_second();
        (sc.workload.input_tokens, sc.workload.output_tokens) = (0.0, 0.0);
        let r = Rates::new(&sc);
        assert_eq!(r.gpu_per_request, 0.0);
        near(r.per_second_gpu(400_000.0), 6.0);
        let s = r.self_host(400_000.0);
        assert_eq!(s.replicas, 0.0);
        near(s.gpu_usd_per_day, 6.0);
        near(s.usd_per_day, 6.0 * 1.15 + 80.0);
    }
}

/// `x.ceil()` inline: the baseline x86-64 target has no rounding instruction, so `f64::ceil`
/// is a call into libm, an eighth of the Monte Carlo's time. The same value for every finite
/// `x` (but `-0.0` for `-1 < x < 0`, where a replica count is 0 either way); NaN and the
/// infinities pass through.
#[inline]
fn ceil(x: f64) -> f64 {
    // From 2^52 on every f64 is a whole number.
    if x.abs() < 4_503_599_627_370_496.0 {
        let t = x as i64 as f64;
        if t < x {
            t + 1.0
        } else {
            t
        }
    } else {
        x
    }
}

#[cfg(test)]
mod ceil_tests {
    #[test]
    fn inline_ceil_is_f64_ceil() {
        let mut rng = crate::model::sampling::SplitMix64::for_sample(3, 9);
        let edge = [
            0.0,
            1.0,
            1.5,
            2.0,
            0.1,
            0.999_999_999,
            1e-300,
            5e-324,
            4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            1e300,
            f64::MAX,
            f64::INFINITY,
            -1.5,
            -2.0,
            -1e300,
        ];
        let random = (0..10_000).map(|_| {
            let u = rng.next_u64();
            f64::from_bits(u >> 2) // non-negative, all magnitudes
        });
        for x in edge.into_iter().chain(random) {
            assert_eq!(super::ceil(x), x.ceil(), "{x:e}");
        }
        assert!(super::ceil(f64::NAN).is_nan());
    }
}
