//! The scenario: every input of the cost model (docs/MODEL.md §1), with its defaults.
//!
//! Plain data, no I/O. Reading and writing presets lives in `crate::preset`; the key table with
//! types and ranges lives in [`crate::model::fields`].

/// Days per month used everywhere: `365.25 / 12`.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;
/// Seconds per day.
pub(crate) const SECONDS_PER_DAY: f64 = 86_400.0;

/// One planning scenario. Every field has the default of docs/MODEL.md §1.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Shown in the title bar and on exports.
    pub name: String,
    pub description: String,
    /// Currency label only; no conversion happens.
    pub currency: String,
    /// `YYYY-MM` or `YYYY-MM-DD`: when the prices were checked.
    pub prices_as_of: String,
    pub workload: Workload,
    pub api: Api,
    pub self_host: SelfHost,
    pub engineering: Engineering,
    pub hybrid: Hybrid,
    pub constraints: Constraints,
    pub chart: Chart,
    pub uncertainty: Uncertainty,
    pub growth: Growth,
    pub owned: Owned,
    pub catalog: CatalogPicks,
    /// A fit of the user's benchmark runs that the preset carries (`[calibration]`, written by
    /// `presets save` from the fit in use), so a shared scenario estimates as its author's did.
    /// It applies only to its own configuration, and before an installed fit of it.
    pub calibration_fit: Option<std::sync::Arc<crate::calibrate::store::Fit>>,
}

/// How sure the inputs are: ranges for Monte Carlo bands and the swing of the tornado.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// Scenarios drawn for the bands.
    pub samples: u32,
    /// Seed of the draws, so runs repeat exactly.
    pub seed: u32,
    /// Sensitivity swings each input by ± this share unless it has its own range.
    pub swing: f64,
    /// `[uncertainty.<section>] key = [low, high]` entries, in file order.
    pub ranges: Vec<ParamRange>,
}

/// The distribution of one uncertain input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    Uniform,
    /// Triangular with its peak at `mode`.
    Triangular {
        mode: f64,
    },
    /// Uniform in log space: for volumes and token sizes spanning orders of magnitude.
    LogUniform,
}

/// A range for one numeric scenario key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamRange {
    /// `section.key`.
    pub key: &'static str,
    pub low: f64,
    pub high: f64,
    pub shape: Shape,
}

/// Traffic growth over time, for the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Growth {
    /// Compound monthly growth of the daily volume (0.1 = +10% a month; ≥ −1).
    pub monthly_rate: f64,
    /// Months shown.
    pub horizon_months: u32,
    /// Yearly change of the API's token prices (−0.3 = 30% cheaper each year; ≥ −1), applied
    /// month by month: month m pays `(1 + r)^((m − 1) / 12)` of today's prices.
    pub api_price_change_per_year: f64,
    /// Yearly change of GPU rental prices (the owned fleet's purchase price has its own).
    pub gpu_price_change_per_year: f64,
    /// Yearly change of the owned fleet's purchase price (docs/MODEL.md §8.1): a server bought
    /// in month m costs `(1 + r)^((m − 1) / 12)` of today's price.
    pub purchase_price_change_per_year: f64,
    /// One-off jumps: from `month` on, volume is multiplied by `factor` ("launch in month 3: ×4").
    pub steps: Vec<GrowthStep>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GrowthStep {
    pub month: u32,
    pub factor: f64,
}

/// Buying the GPUs (docs/MODEL.md §6.9). Off by default; the defaults are an 8-GPU H100 SXM
/// server, and the prices other than the GPU's are planning estimates. The GPU's purchase
/// price and power follow the catalog entry of `self_host.gpu` unless set
/// ([`owned_inputs`](crate::model::owned_inputs)).
#[derive(Debug, Clone, PartialEq)]
pub struct Owned {
    /// Show the owned fleet as a fourth option.
    pub enabled: bool,
    /// Price of one GPU bought outright.
    pub gpu_purchase_price: f64,
    /// The rest of the server as a share of its GPUs' price.
    pub server_overhead_share: f64,
    /// Months over which the hardware's price is spread (> 0).
    pub depreciation_months: f64,
    /// Watts one GPU draws.
    pub power_per_gpu_watts: f64,
    /// Power usage effectiveness of the facility (≥ 1).
    pub pue: f64,
    /// Price of a kilowatt-hour.
    pub electricity_per_kwh: f64,
    /// Rack, cooling and network for one server, per month.
    pub colocation_per_server_per_month: f64,
    /// GPU slots per server: capacity is bought in whole servers.
    pub gpus_per_server: u32,
    /// Watts one server draws beyond its GPUs (CPUs, memory, network, fans).
    pub server_power_watts: f64,
    /// A support contract per year, as a share of the server's purchase price.
    pub support_share_per_year: f64,
    /// Cost of capital: the yearly rate on the capital tied up in the servers.
    pub cost_of_capital_per_year: f64,
    /// What a server is worth at the end of its depreciation, as a share of its price.
    pub resale_share: f64,
    /// Where `gpu_purchase_price` came from: unless set, it follows the catalog's purchase
    /// price of `self_host.gpu` (docs/MODEL.md §6.9).
    pub purchase_from: crate::model::owned_inputs::Origin,
    /// Where `power_per_gpu_watts` came from: unless set, it follows the catalog's board power
    /// of `self_host.gpu`.
    pub power_from: crate::model::owned_inputs::Origin,
}

impl Default for Owned {
    fn default() -> Self {
        Owned {
            enabled: false,
            gpu_purchase_price: 30_000.0,
            server_overhead_share: 0.25,
            depreciation_months: 36.0,
            power_per_gpu_watts: 700.0,
            pue: 1.4,
            electricity_per_kwh: 0.12,
            colocation_per_server_per_month: 1_500.0,
            gpus_per_server: 8,
            server_power_watts: 0.0,
            support_share_per_year: 0.0,
            cost_of_capital_per_year: 0.0,
            resale_share: 0.0,
            purchase_from: Default::default(),
            power_from: Default::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    /// V, requests per day.
    pub requests_per_day: f64,
    /// I, average prompt tokens per request.
    pub input_tokens: f64,
    /// O, average completion tokens per request.
    pub output_tokens: f64,
    /// Busiest hour's rate divided by the day's average rate (≥ 1).
    pub peak_to_average: f64,
    /// c, share of requests answered from a response cache, in [0, 1).
    pub response_cache_hit_rate: f64,
    /// O_local, completion tokens the local model writes per request; 0 means the same as
    /// `output_tokens` (docs/MODEL.md §6.5).
    pub local_output_tokens: f64,
}

impl Workload {
    /// The local model's completion tokens per request: `local_output_tokens`, or the
    /// workload's `output_tokens` when it is 0.
    pub fn local_output(&self) -> f64 {
        if self.local_output_tokens > 0.0 {
            self.local_output_tokens
        } else {
            self.output_tokens
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub model: String,
    /// Price per million input tokens.
    pub input_per_mtok: f64,
    /// Price per million output tokens.
    pub output_per_mtok: f64,
    /// Price per million cached input tokens.
    pub cached_input_per_mtok: f64,
    /// k, share of input tokens billed at the cached price.
    pub cached_input_share: f64,
    /// β, share of requests sent through the batch API.
    pub batch_share: f64,
    /// δ, the batch API's discount.
    pub batch_discount: f64,
    /// Plan fees, gateway, integration upkeep, per month.
    pub fixed_per_month: f64,
    /// A price per request that replaces the token prices when above 0 (docs/MODEL.md §6.8).
    pub usd_per_request: f64,
    /// Price per million input tokens written to the provider's prompt cache.
    pub cache_write_per_mtok: f64,
    /// w, share of input tokens billed at the cache-write price.
    pub cache_write_share: f64,
    /// Input tokens the model accepts; 0 when unknown.
    pub context_window: u32,
    /// N: a request whose input exceeds N tokens pays the long-context prices on all its
    /// tokens; 0 turns the tier off (docs/MODEL.md §6.3).
    pub long_context_above_tokens: u32,
    pub long_context_input_per_mtok: f64,
    pub long_context_output_per_mtok: f64,
    pub long_context_cached_input_per_mtok: f64,
    pub long_context_cache_write_per_mtok: f64,
    /// Output tokens billed per output token seen (reasoning tokens are billed, not shown); it
    /// applies to both API tiers (docs/MODEL.md §6.5).
    pub reasoning_output_multiplier: f64,
    /// Dated future prices of the API model (docs/MODEL.md §6.11), copied from its catalog
    /// entry by a pick; ascending dates, empty by default.
    pub price_schedule: Vec<PriceStep>,
}

/// One dated price of `api.price_schedule`: from `from` on, the API's base token prices are
/// these (docs/MODEL.md §6.11). The long-context tier and the cache-write price do not move.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceStep {
    /// `YYYY-MM-DD`: the first day the prices apply.
    pub from: String,
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
    pub cached_input_per_mtok: f64,
}

/// What catalog picks recorded besides the figures they filled: the date of each picked
/// entry (for staleness warnings) and the GPU offering chosen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CatalogPicks {
    /// `as_of` of the API model picked (`--api`, `m`), or `unknown` for an undated import.
    pub api_as_of: String,
    /// The GPU offering picked (`--gpu NAME@OFFERING`, `g`), by its catalog name.
    pub gpu_offering: String,
    /// `as_of` of the GPU offering picked.
    pub gpu_as_of: String,
    /// `as_of` of the local model's profile picked (`--local`, `l`), when it has one.
    pub model_as_of: String,
    /// `as_of` of the cheap API tier's model picked (`--cheap`, `m` on a cheap-tier row).
    pub cheap_as_of: String,
    /// Not a key: the total context window (input + output) of `api.model`'s catalog entry in
    /// use, imports included, filled by [`crate::model::assessment::resolve`] from the catalog
    /// the shell holds; `None` when unknown (docs/MODEL.md §6.4).
    pub api_window: Option<u64>,
    /// Not a key: the total context window of `hybrid.cheap_model`'s catalog entry in use,
    /// filled likewise; `None` when unknown.
    pub cheap_window: Option<u64>,
    /// Not a key: the library `self_host.model` and `self_host.gpu` are looked up in (their
    /// architecture, context window and specifications), the one of the catalog the shell
    /// holds, carried in by [`crate::model::assessment::resolve`]; none: not resolved, no
    /// estimate and no local context window.
    pub(crate) library: crate::model::throughput::looked::InUse,
    /// Not a key: the day the scenario is assessed on (`YYYY-MM-DD`), filled by
    /// [`crate::model::assessment::resolve`]; the date `api.price_schedule` is read against
    /// (docs/MODEL.md §6.11). Empty: no date, and the schedule is not applied.
    pub today: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SelfHost {
    pub model: String,
    pub gpu: String,
    /// Rental price of one GPU for one hour.
    pub gpu_per_hour: f64,
    /// GPUs one serving replica needs.
    pub gpus_per_replica: u32,
    /// Input tokens one replica processes per second, aggregate.
    pub prefill_tokens_per_second: f64,
    /// Output tokens one replica generates per second, aggregate.
    pub decode_tokens_per_second: f64,
    /// The busiest hour may load a replica up to this share, in (0, 1].
    pub target_utilization: f64,
    /// Replicas kept running whatever the load.
    pub min_replicas: u32,
    /// Monitoring, storage, egress as a share of GPU spend.
    pub overhead_share: f64,
    /// Fixed infrastructure cost per month.
    pub fixed_per_month: f64,
    /// Given or estimated throughput, and what the estimate needs (docs/MODEL.md §6.2).
    pub estimate: crate::model::throughput::settings::Settings,
    /// How the GPUs are billed and in which market (docs/MODEL.md §6.6).
    pub billing: crate::model::billing::Billing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Engineering {
    /// Loaded cost of one engineering hour.
    pub hourly_rate: f64,
    /// One-time work to stand the model up, hours.
    pub setup_hours: f64,
    /// Ongoing monitoring, upgrades, on-call, hours per month.
    pub maintenance_hours_per_month: f64,
    /// Months over which setup is spread.
    pub amortization_months: f64,
    /// Upkeep per replica beyond the first, hours per month (docs/MODEL.md §6.7).
    pub ops_hours_per_replica_month: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hybrid {
    /// h, share of requests routed to the self-hosted model.
    pub local_share: f64,
    /// q, share of requests routed to the cheap API tier; the frontier tier takes
    /// `1 − h − q` (docs/MODEL.md §6.5).
    pub cheap_share: f64,
    /// e_l, share of local answers re-sent to the next tier up (the cheap tier when it has a
    /// share, else the frontier).
    pub local_escalation_rate: f64,
    /// e_c, share of the cheap tier's answers (original and escalated) re-sent to the frontier.
    pub cheap_escalation_rate: f64,
    /// The cheap API tier's model label and prices per million tokens.
    pub cheap_model: String,
    pub cheap_input_per_mtok: f64,
    pub cheap_output_per_mtok: f64,
    pub cheap_cached_input_per_mtok: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Constraints {
    pub data_must_stay_in_house: bool,
    pub needs_frontier_quality: bool,
    /// Engineering hours per month the team can give to running models.
    pub ops_hours_per_month: f64,
    /// 0 = no deadline.
    pub launch_deadline_weeks: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub min_requests_per_day: f64,
    pub max_requests_per_day: f64,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: "Default".into(),
            description: String::new(),
            currency: "USD".into(),
            prices_as_of: String::new(),
            workload: Workload {
                requests_per_day: 10_000.0,
                input_tokens: 2_000.0,
                output_tokens: 500.0,
                peak_to_average: 2.0,
                response_cache_hit_rate: 0.0,
                local_output_tokens: 0.0,
            },
            api: Api {
                model: "GPT-4o".into(),
                input_per_mtok: 2.50,
                output_per_mtok: 10.00,
                cached_input_per_mtok: 1.25,
                cached_input_share: 0.0,
                batch_share: 0.0,
                batch_discount: 0.5,
                fixed_per_month: 0.0,
                usd_per_request: 0.0,
                cache_write_per_mtok: 2.50,
                cache_write_share: 0.0,
                context_window: 0,
                long_context_above_tokens: 0,
                long_context_input_per_mtok: 0.0,
                long_context_output_per_mtok: 0.0,
                long_context_cached_input_per_mtok: 0.0,
                long_context_cache_write_per_mtok: 0.0,
                reasoning_output_multiplier: 1.0,
                price_schedule: Vec::new(),
            },
            self_host: SelfHost {
                model: "Llama 3.1 8B".into(),
                gpu: "H100 80GB".into(),
                gpu_per_hour: 2.50,
                gpus_per_replica: 1,
                prefill_tokens_per_second: 20_000.0,
                decode_tokens_per_second: 2_500.0,
                target_utilization: 0.7,
                min_replicas: 1,
                overhead_share: 0.1,
                fixed_per_month: 0.0,
                estimate: Default::default(),
                billing: Default::default(),
            },
            engineering: Engineering {
                hourly_rate: 100.0,
                setup_hours: 80.0,
                maintenance_hours_per_month: 20.0,
                amortization_months: 12.0,
                ops_hours_per_replica_month: 0.0,
            },
            // The cheap tier is off (share 0); its model is GPT-4o mini at OpenAI's list prices
            // (pydantic/genai-prices@47df840a5ab10bbcffb8e5ac01b9899032245d1b:
            // prices/providers/openai.yml, as of 2025-07-04), as in the shipped catalog.
            hybrid: Hybrid {
                local_share: 0.7,
                cheap_share: 0.0,
                local_escalation_rate: 0.0,
                cheap_escalation_rate: 0.0,
                cheap_model: "GPT-4o mini".into(),
                cheap_input_per_mtok: 0.15,
                cheap_output_per_mtok: 0.60,
                cheap_cached_input_per_mtok: 0.075,
            },
            constraints: Constraints {
                data_must_stay_in_house: false,
                needs_frontier_quality: false,
                ops_hours_per_month: 40.0,
                launch_deadline_weeks: 0.0,
            },
            chart: Chart {
                min_requests_per_day: 10.0,
                max_requests_per_day: 10_000_000.0,
            },
            uncertainty: Uncertainty {
                samples: 2000,
                seed: 1,
                swing: 0.25,
                ranges: Vec::new(),
            },
            growth: Growth {
                monthly_rate: 0.0,
                horizon_months: 24,
                api_price_change_per_year: 0.0,
                gpu_price_change_per_year: 0.0,
                purchase_price_change_per_year: 0.0,
                steps: Vec::new(),
            },
            owned: Owned::default(),
            catalog: CatalogPicks::default(),
            calibration_fit: None,
        }
    }
}
