//! The parameters panel's rows: which scenario keys appear, in which group, and how their
//! sliders move. Pure: value stepping and slider positions are plain functions.

use crate::figures::{money, num, percent, volume};
use crate::model::fields::{self, Field, Kind, Value};
use crate::model::Scenario;

/// How a slider maps values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Nice numbers (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 per decade) between `min` and `max`;
    /// `zero` when 0 sits just left of `min`.
    Log { min: f64, max: f64, zero: bool },
    /// Even steps of `step` between `min` and `max`; a big step is `big`.
    Linear {
        min: f64,
        max: f64,
        step: f64,
        big: f64,
    },
    /// On/off.
    Toggle,
    /// One of a text key's allowed values (the serving engine, the precision): the slider's
    /// position is the value's index in [`Param::choices`].
    Choice,
}

/// One selectable row of the panel.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub key: &'static str,
    pub group: &'static str,
    /// Drawn as a full slider (bar, knob, value, range).
    pub headline: bool,
    pub scale: Scale,
}

const fn log(min: f64, max: f64, zero: bool) -> Scale {
    Scale::Log { min, max, zero }
}
const fn lin(min: f64, max: f64, step: f64, big: f64) -> Scale {
    Scale::Linear {
        min,
        max,
        step,
        big,
    }
}
const fn p(key: &'static str, group: &'static str, headline: bool, scale: Scale) -> Param {
    Param {
        key,
        group,
        headline,
        scale,
    }
}

/// Headline sliders first (the design card's four: volume, token sizes, GPU price, engineering
/// hours), then every other numeric key by section, then the constraints and chart range.
pub static PARAMS: &[Param] = &[
    p(
        "workload.requests_per_day",
        "Headline",
        true,
        log(1.0, 1e8, true),
    ),
    p(
        "workload.input_tokens",
        "Headline",
        true,
        log(10.0, 1e6, true),
    ),
    p(
        "workload.output_tokens",
        "Headline",
        true,
        log(1.0, 1e5, true),
    ),
    p(
        "self_host.gpu_per_hour",
        "Headline",
        true,
        lin(0.0, 20.0, 0.05, 0.5),
    ),
    p(
        "engineering.setup_hours",
        "Headline",
        true,
        lin(0.0, 2000.0, 8.0, 40.0),
    ),
    p(
        "engineering.maintenance_hours_per_month",
        "Headline",
        true,
        lin(0.0, 400.0, 1.0, 10.0),
    ),
    p(
        "workload.peak_to_average",
        "Workload",
        false,
        lin(1.0, 10.0, 0.1, 1.0),
    ),
    p(
        "workload.response_cache_hit_rate",
        "Workload",
        false,
        lin(0.0, 0.99, 0.01, 0.1),
    ),
    p(
        "workload.local_output_tokens",
        "Workload",
        false,
        log(1.0, 1e5, true),
    ),
    p("api.input_per_mtok", "API", false, log(0.01, 100.0, true)),
    p("api.output_per_mtok", "API", false, log(0.01, 100.0, true)),
    p(
        "api.cached_input_per_mtok",
        "API",
        false,
        log(0.01, 100.0, true),
    ),
    p(
        "api.cached_input_share",
        "API",
        false,
        lin(0.0, 1.0, 0.01, 0.1),
    ),
    p("api.batch_share", "API", false, lin(0.0, 1.0, 0.01, 0.1)),
    p("api.batch_discount", "API", false, lin(0.0, 1.0, 0.01, 0.1)),
    p("api.fixed_per_month", "API", false, log(10.0, 1e6, true)),
    p("api.usd_per_request", "API", false, log(0.001, 10.0, true)),
    p(
        "api.reasoning_output_multiplier",
        "API",
        false,
        log(1.0, 1000.0, false),
    ),
    p(
        "self_host.gpus_per_replica",
        "Self-hosting",
        false,
        lin(1.0, 16.0, 1.0, 4.0),
    ),
    p(
        "self_host.prefill_tokens_per_second",
        "Self-hosting",
        false,
        log(100.0, 1e6, false),
    ),
    p(
        "self_host.decode_tokens_per_second",
        "Self-hosting",
        false,
        log(10.0, 1e5, false),
    ),
    p(
        "self_host.target_utilization",
        "Self-hosting",
        false,
        lin(0.05, 1.0, 0.01, 0.1),
    ),
    p(
        "self_host.min_replicas",
        "Self-hosting",
        false,
        lin(0.0, 64.0, 1.0, 4.0),
    ),
    p(
        "self_host.overhead_share",
        "Self-hosting",
        false,
        lin(0.0, 2.0, 0.01, 0.1),
    ),
    p(
        "self_host.fixed_per_month",
        "Self-hosting",
        false,
        log(10.0, 1e6, true),
    ),
    p("self_host.throughput", "Self-hosting", false, Scale::Choice),
    p("self_host.engine", "Self-hosting", false, Scale::Choice),
    p("self_host.precision", "Self-hosting", false, Scale::Choice),
    p(
        "self_host.kv_cache_precision",
        "Self-hosting",
        false,
        Scale::Choice,
    ),
    p(
        "self_host.parallelism",
        "Self-hosting",
        false,
        Scale::Choice,
    ),
    p(
        "self_host.throughput_factor",
        "Self-hosting",
        false,
        lin(0.1, 3.0, 0.05, 0.25),
    ),
    p(
        "self_host.ttft_ms",
        "Self-hosting",
        false,
        log(10.0, 1e5, true),
    ),
    p(
        "self_host.tpot_ms",
        "Self-hosting",
        false,
        log(1.0, 1e4, true),
    ),
    p(
        "self_host.billing",
        "Self-hosting: billing",
        false,
        Scale::Choice,
    ),
    p(
        "self_host.offering",
        "Self-hosting: billing",
        false,
        Scale::Choice,
    ),
    p(
        "self_host.active_hours_per_day",
        "Self-hosting: billing",
        false,
        lin(0.5, 24.0, 0.5, 2.0),
    ),
    p(
        "self_host.gpu_per_second",
        "Self-hosting: billing",
        false,
        log(1e-5, 0.1, true),
    ),
    p(
        "self_host.cold_start_seconds",
        "Self-hosting: billing",
        false,
        lin(0.0, 600.0, 5.0, 60.0),
    ),
    p(
        "self_host.min_billed_seconds",
        "Self-hosting: billing",
        false,
        lin(0.0, 600.0, 5.0, 60.0),
    ),
    p(
        "self_host.idle_tail_seconds",
        "Self-hosting: billing",
        false,
        lin(0.0, 600.0, 5.0, 60.0),
    ),
    p(
        "self_host.scale_ups_per_day",
        "Self-hosting: billing",
        false,
        log(1.0, 1e4, true),
    ),
    p(
        "self_host.scale_ups",
        "Self-hosting: billing",
        false,
        Scale::Choice,
    ),
    p(
        "self_host.spot_interruption_share",
        "Self-hosting: billing",
        false,
        lin(0.0, 1.0, 0.01, 0.1),
    ),
    p(
        "engineering.hourly_rate",
        "Engineering",
        false,
        lin(0.0, 500.0, 5.0, 50.0),
    ),
    p(
        "engineering.amortization_months",
        "Engineering",
        false,
        lin(1.0, 60.0, 1.0, 6.0),
    ),
    p(
        "engineering.ops_hours_per_replica_month",
        "Engineering",
        false,
        lin(0.0, 100.0, 0.5, 5.0),
    ),
    p(
        "hybrid.local_share",
        "Hybrid",
        false,
        lin(0.0, 1.0, 0.01, 0.1),
    ),
    p(
        "hybrid.cheap_share",
        "Hybrid",
        false,
        lin(0.0, 1.0, 0.01, 0.1),
    ),
    p(
        "hybrid.local_escalation_rate",
        "Hybrid",
        false,
        lin(0.0, 0.99, 0.01, 0.1),
    ),
    p(
        "hybrid.cheap_escalation_rate",
        "Hybrid",
        false,
        lin(0.0, 0.99, 0.01, 0.1),
    ),
    p(
        "hybrid.cheap_input_per_mtok",
        "Hybrid",
        false,
        log(0.01, 100.0, true),
    ),
    p(
        "hybrid.cheap_output_per_mtok",
        "Hybrid",
        false,
        log(0.01, 100.0, true),
    ),
    p(
        "hybrid.cheap_cached_input_per_mtok",
        "Hybrid",
        false,
        log(0.01, 100.0, true),
    ),
    p(
        "constraints.data_must_stay_in_house",
        "Constraints",
        false,
        Scale::Toggle,
    ),
    p(
        "constraints.needs_frontier_quality",
        "Constraints",
        false,
        Scale::Toggle,
    ),
    p(
        "constraints.ops_hours_per_month",
        "Constraints",
        false,
        lin(0.0, 400.0, 1.0, 10.0),
    ),
    p(
        "constraints.launch_deadline_weeks",
        "Constraints",
        false,
        lin(0.0, 104.0, 1.0, 4.0),
    ),
    p(
        "growth.monthly_rate",
        "Growth & uncertainty",
        false,
        lin(-0.5, 1.0, 0.01, 0.1),
    ),
    p(
        "growth.horizon_months",
        "Growth & uncertainty",
        false,
        lin(1.0, 120.0, 1.0, 12.0),
    ),
    p(
        "growth.api_price_change_per_year",
        "Growth & uncertainty",
        false,
        lin(-0.9, 1.0, 0.05, 0.2),
    ),
    p(
        "growth.gpu_price_change_per_year",
        "Growth & uncertainty",
        false,
        lin(-0.9, 1.0, 0.05, 0.2),
    ),
    p(
        "growth.purchase_price_change_per_year",
        "Growth & uncertainty",
        false,
        lin(-0.9, 1.0, 0.05, 0.2),
    ),
    p(
        "uncertainty.swing",
        "Growth & uncertainty",
        false,
        lin(0.0, 0.9, 0.05, 0.25),
    ),
    p(
        "uncertainty.samples",
        "Growth & uncertainty",
        false,
        log(10.0, 100_000.0, false),
    ),
    p(
        "uncertainty.seed",
        "Growth & uncertainty",
        false,
        lin(0.0, 1000.0, 1.0, 100.0),
    ),
    p(
        "chart.min_requests_per_day",
        "Chart range",
        false,
        log(1.0, 1e6, false),
    ),
    p(
        "chart.max_requests_per_day",
        "Chart range",
        false,
        log(100.0, 1e12, false),
    ),
    p("owned.enabled", "Buying", false, Scale::Toggle),
    p(
        "owned.gpu_purchase_price",
        "Buying",
        false,
        log(100.0, 1e6, true),
    ),
    p(
        "owned.server_overhead_share",
        "Buying",
        false,
        lin(0.0, 2.0, 0.05, 0.25),
    ),
    p(
        "owned.depreciation_months",
        "Buying",
        false,
        lin(1.0, 120.0, 1.0, 12.0),
    ),
    p(
        "owned.power_per_gpu_watts",
        "Buying",
        false,
        lin(0.0, 2000.0, 10.0, 100.0),
    ),
    p("owned.pue", "Buying", false, lin(1.0, 3.0, 0.05, 0.2)),
    p(
        "owned.electricity_per_kwh",
        "Buying",
        false,
        lin(0.0, 1.0, 0.01, 0.05),
    ),
    p(
        "owned.colocation_per_server_per_month",
        "Buying",
        false,
        log(10.0, 1e5, true),
    ),
    p(
        "owned.gpus_per_server",
        "Buying",
        false,
        lin(1.0, 16.0, 1.0, 4.0),
    ),
    p(
        "owned.server_power_watts",
        "Buying",
        false,
        lin(0.0, 10_000.0, 25.0, 250.0),
    ),
    p(
        "owned.support_share_per_year",
        "Buying",
        false,
        lin(0.0, 1.0, 0.01, 0.05),
    ),
    p(
        "owned.cost_of_capital_per_year",
        "Buying",
        false,
        lin(0.0, 0.5, 0.005, 0.02),
    ),
    p(
        "owned.resale_share",
        "Buying",
        false,
        lin(0.0, 1.0, 0.01, 0.1),
    ),
    p(
        "api.cache_write_per_mtok",
        "API: cache writes, long context",
        false,
        log(0.01, 100.0, true),
    ),
    p(
        "api.cache_write_share",
        "API: cache writes, long context",
        false,
        lin(0.0, 1.0, 0.01, 0.1),
    ),
    p(
        "api.context_window",
        "API: cache writes, long context",
        false,
        lin(0.0, 2e6, 1000.0, 100_000.0),
    ),
    p(
        "api.long_context_above_tokens",
        "API: cache writes, long context",
        false,
        lin(0.0, 1e6, 1000.0, 50_000.0),
    ),
    p(
        "api.long_context_input_per_mtok",
        "API: cache writes, long context",
        false,
        log(0.01, 100.0, true),
    ),
    p(
        "api.long_context_output_per_mtok",
        "API: cache writes, long context",
        false,
        log(0.01, 100.0, true),
    ),
    p(
        "api.long_context_cached_input_per_mtok",
        "API: cache writes, long context",
        false,
        log(0.01, 100.0, true),
    ),
    p(
        "api.long_context_cache_write_per_mtok",
        "API: cache writes, long context",
        false,
        log(0.01, 100.0, true),
    ),
    p(
        "self_host.reserved_term_months",
        "Self-hosting: commitments",
        false,
        lin(0.0, 120.0, 1.0, 12.0),
    ),
];

impl Param {
    /// The scenario key this row edits.
    pub fn field(&self) -> &'static Field {
        // Every key in PARAMS is in the key table (checked by a test).
        fields::field(self.key).unwrap_or_else(fields::volume)
    }

    /// The row's value as a number: a choice row's is the index of its value.
    pub fn value(&self, sc: &Scenario) -> f64 {
        if self.scale == Scale::Choice {
            let now = match self.field().get(sc) {
                Value::Text(t) => t,
                _ => String::new(),
            };
            let i = self.choices().iter().position(|c| *c == now).unwrap_or(0);
            return i as f64;
        }
        self.field().number(sc)
    }

    /// The values a choice row offers, in order (empty for other rows).
    pub fn choices(&self) -> &'static [&'static str] {
        match self.scale {
            Scale::Choice => fields::choices(self.key).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The value after `x` on a choice row, wrapping around (Space and Enter cycle).
    pub fn next_choice(&self, x: f64) -> f64 {
        let n = self.choices().len().max(1) as f64;
        (x + 1.0) % n
    }

    /// The value `dir` (−1 or +1) steps away, small or big, kept inside the key's range.
    pub fn stepped(&self, x: f64, dir: i8, big: bool) -> f64 {
        let up = dir > 0;
        let next = match self.scale {
            Scale::Log { min, zero, .. } => {
                if big {
                    if up {
                        if x <= 0.0 {
                            min
                        } else {
                            x * 10.0
                        }
                    } else {
                        x / 10.0
                    }
                } else if up {
                    if x < min {
                        if zero && x < min * 0.999 && x > 0.0 {
                            nice_up(x)
                        } else {
                            min
                        }
                    } else {
                        nice_up(x)
                    }
                } else if x <= min * 1.000_001 {
                    if zero {
                        0.0
                    } else {
                        min
                    }
                } else {
                    nice_down(x)
                }
            }
            Scale::Linear {
                step,
                big: big_step,
                ..
            } => {
                let s = if big { big_step } else { step };
                let raw = if up { x + s } else { x - s };
                round_to(raw, step)
            }
            Scale::Toggle => return if x > 0.5 { 0.0 } else { 1.0 },
            Scale::Choice => {
                let last = self.choices().len().saturating_sub(1) as f64;
                return (x.round() + f64::from(dir.signum())).clamp(0.0, last);
            }
        };
        self.clamp(next)
    }

    /// The value at a fraction (0 = left end, 1 = right end) of the slider. The left end of a
    /// log slider labelled 0 is 0, as its label says.
    pub fn at_fraction(&self, f: f64) -> f64 {
        let f = f.clamp(0.0, 1.0);
        let x = match self.scale {
            Scale::Log { zero: true, .. } if f == 0.0 => 0.0,
            Scale::Log { min, max, .. } => snap_nice(min * (max / min).powf(f)).clamp(min, max),
            Scale::Linear { min, max, step, .. } => {
                round_to(min + (max - min) * f, step).clamp(min, max)
            }
            Scale::Toggle => {
                if f >= 0.5 {
                    1.0
                } else {
                    0.0
                }
            }
            Scale::Choice => {
                let last = self.choices().len().saturating_sub(1) as f64;
                return (f * last).round();
            }
        };
        self.clamp(x)
    }

    /// Where `x` sits on the slider, 0 to 1 (clamped; 0 for NaN).
    pub fn fraction(&self, x: f64) -> f64 {
        let f = match self.scale {
            Scale::Log { min, max, .. } => {
                if x <= 0.0 {
                    0.0
                } else {
                    (x / min).log10() / (max / min).log10()
                }
            }
            Scale::Linear { min, max, .. } => (x - min) / (max - min),
            Scale::Toggle => x,
            Scale::Choice => x / (self.choices().len().saturating_sub(1).max(1) as f64),
        };
        if f.is_nan() {
            0.0
        } else {
            f.clamp(0.0, 1.0)
        }
    }

    /// Inside the key's own range (whole numbers for integer keys).
    pub fn clamp(&self, x: f64) -> f64 {
        let f = self.field();
        let x = if f.kind == Kind::Integer {
            x.round()
        } else {
            x
        };
        let x = match f.range {
            Some(r) => r.clamp(x),
            None => x,
        };
        // Keep open ends open (cache hit rate < 1).
        match f.range {
            Some(r) if !r.max_inclusive && x >= r.max => r.max - 1e-9,
            _ => x,
        }
    }

    pub fn is_toggle(&self) -> bool {
        self.scale == Scale::Toggle
    }

    /// A switch between a text key's values (Space and Enter cycle it).
    pub fn is_choice(&self) -> bool {
        self.scale == Scale::Choice
    }

    /// Shown as a percentage (a share, a rate, a utilization or a discount held as a
    /// fraction): typing `50` or `50%` there means 50 %.
    pub fn is_percent(&self) -> bool {
        self.field().is_share()
    }

    /// What to type in this row, in words, for the status line while typing.
    pub fn hint(&self) -> String {
        let f = self.field();
        if self.is_percent() {
            return "a percentage: 50 or 50% means 50%".into();
        }
        if self.is_choice() {
            return format!("one of {}", self.choices().join(", "));
        }
        let what = f.kind.describe();
        match f.range {
            Some(r) => format!("{what} {r}"),
            None => what.to_string(),
        }
    }

    /// The typed value for this row from a number.
    pub fn to_value(&self, x: f64) -> Value {
        if self.is_choice() {
            let c = self.choices();
            let i = (x.max(0.0).round() as usize).min(c.len().saturating_sub(1));
            return Value::Text(c.get(i).copied().unwrap_or_default().to_string());
        }
        if self.field().kind == Kind::Bool {
            Value::Bool(x > 0.5)
        } else {
            Value::Number(x)
        }
    }
}

const MANTISSAS: [f64; 10] = [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0];

/// The smallest nice number strictly above `x` (> 0).
fn nice_up(x: f64) -> f64 {
    let decade = 10f64.powf(x.log10().floor());
    for d in [decade, decade * 10.0] {
        for m in MANTISSAS {
            let v = clean(m * d);
            if v > x * (1.0 + 1e-9) {
                return v;
            }
        }
    }
    x * 1.2
}

/// The largest nice number strictly below `x` (> 0).
fn nice_down(x: f64) -> f64 {
    let decade = 10f64.powf(x.log10().floor());
    for d in [decade, decade / 10.0] {
        for m in MANTISSAS.iter().rev() {
            let v = clean(m * d);
            if v < x * (1.0 - 1e-9) {
                return v;
            }
        }
    }
    x / 1.2
}

/// The nearest nice number (in log distance).
fn snap_nice(x: f64) -> f64 {
    let (up, down) = (nice_up(x * (1.0 - 1e-9)), nice_down(x * (1.0 + 1e-9)));
    if (up / x).ln().abs() < (x / down).ln().abs() {
        up
    } else {
        down
    }
}

/// Round to a multiple of `step`, with decimal noise removed.
fn round_to(x: f64, step: f64) -> f64 {
    clean((x / step).round() * step)
}

/// Drop float noise: 0.30000000000000004 → 0.3.
fn clean(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 12 - x.abs().log10().ceil() as i32;
    let factor = 10f64.powi(digits.clamp(0, 300));
    (x * factor).round() / factor
}

/// The text a row's value starts as when `Enter` opens it for typing: in percent for
/// percentage rows, as the key holds it otherwise.
pub fn typed_text(p: &Param, sc: &Scenario) -> String {
    if let Value::Text(t) = p.field().get(sc) {
        return t;
    }
    let x = p.value(sc);
    if p.is_percent() {
        fields::plain(clean(x * 100.0))
    } else {
        fields::plain(x)
    }
}

/// What the user typed into row `p`, as the key's value. Commas and `_` group digits. `N%`
/// means N percent; a bare number in a percentage row is a percentage too. Range checks are
/// the key table's, after this.
pub fn parse_typed(p: &Param, input: &str) -> Result<Value, String> {
    let f = p.field();
    let raw = input.trim().replace([',', '_'], "");
    if let Some(percent) = f.percent(&raw) {
        return percent
            .map(Value::Number)
            .map_err(|m| format!("{} {m}", f.key));
    }
    match crate::preset::overrides::parse_value(f.kind, &raw) {
        Some(Value::Number(x)) if p.is_percent() => Ok(Value::Number(x / 100.0)),
        Some(v) => Ok(v),
        None => Err(format!("{:?} is not {}", input.trim(), p.hint())),
    }
}

/// A slider's value for `key` with the hybrid's shares kept summing to at most 1: moving the
/// local or the cheap share takes the difference from the frontier's share `1 − h − q`, and
/// stops when that reaches 0.
pub fn within_shares(sc: &Scenario, key: &str, x: f64) -> f64 {
    let other = match key {
        "hybrid.local_share" => sc.hybrid.cheap_share,
        "hybrid.cheap_share" => sc.hybrid.local_share,
        _ => return x,
    };
    // Rounded to 1e-9 so that `1 − 0.3` is 0.7 and not 0.7000000000000001.
    let room = ((1.0 - other) * 1e9).round() / 1e9;
    x.min(room)
}

/// The index of `key` in [`PARAMS`].
pub fn index_of(key: &str) -> Option<usize> {
    PARAMS.iter().position(|p| p.key == key)
}

/// A row's value as a person reads it, with its unit.
pub fn display_value(p: &Param, sc: &Scenario) -> String {
    let f = p.field();
    let x = p.value(sc);
    if f.key == "self_host.gpu_per_second" && x == 0.0 {
        // 0 means the hourly price / 3600 (docs/MODEL.md §6.6): say which price that is.
        let derived = sc.self_host.gpu_per_hour / 3600.0;
        return format!("auto ${}/GPU-s", num(derived));
    }
    if p.is_toggle() {
        return if x > 0.5 {
            "[x] yes".into()
        } else {
            "[ ] no".into()
        };
    }
    if p.is_percent() {
        return percent(x);
    }
    if let (true, crate::model::fields::Value::Text(t)) = (p.is_choice(), f.get(sc)) {
        return crate::model::throughput::Engine::parse(&t)
            .filter(|_| f.key == "self_host.engine")
            .map_or(t, |e| e.label().to_string());
    }
    if x == 0.0 && f.unit == "ms" {
        // An unset latency target.
        return "none".into();
    }
    if f.key == "workload.local_output_tokens" && x == 0.0 {
        // 0 means the workload's output size (docs/MODEL.md §6.5).
        return format!("= output ({} tok)", volume(sc.workload.output_tokens));
    }
    if let Some(per) = f.unit.strip_prefix('/') {
        let m = if x != 0.0 && x.abs() < 0.1 {
            format!("${}", num(x))
        } else {
            money(x, &sc.currency)
        };
        return format!("{m}/{per}");
    }
    let n = if f.key.ends_with("tokens_per_second")
        || f.key.contains("requests_per_day")
        || f.key.ends_with("_tokens")
    {
        volume(x)
    } else {
        num(x)
    };
    // "1 GPU", "2 GPUs"; "1 replica", "0 replicas".
    let unit = if x == 1.0 {
        f.unit.strip_suffix('s').unwrap_or(f.unit)
    } else {
        f.unit
    };
    if unit.is_empty() {
        n
    } else {
        format!("{n} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_a_known_key_and_every_numeric_key_has_a_row() {
        for p in PARAMS {
            assert!(fields::field(p.key).is_some(), "{}", p.key);
        }
        for f in fields::all().filter(|f| f.kind != Kind::Text) {
            assert!(index_of(f.key).is_some(), "{} has no row", f.key);
        }
        for f in fields::all().filter(|f| fields::choices(f.key).is_some()) {
            let row = index_of(f.key).unwrap_or_else(|| panic!("{} has no row", f.key));
            assert!(PARAMS[row].is_choice(), "{}", f.key);
        }
    }

    #[test]
    fn a_choice_row_steps_through_its_values_and_stops_at_the_ends() {
        let engine = &PARAMS[index_of("self_host.engine").unwrap()];
        let mut sc = Scenario::default();
        assert_eq!(engine.value(&sc), 0.0);
        assert_eq!(engine.stepped(0.0, 1, false), 1.0);
        assert_eq!(engine.stepped(2.0, 1, true), 2.0, "no wrap at the end");
        assert_eq!(engine.stepped(0.0, -1, false), 0.0);
        assert_eq!(engine.next_choice(2.0), 0.0, "Space wraps around");
        assert_eq!(engine.at_fraction(1.0), 2.0);
        assert_eq!(engine.fraction(1.0), 0.5);
        assert_eq!(engine.to_value(2.0), Value::Text("tensorrt-llm".into()));
        engine.field().set(&mut sc, engine.to_value(1.0));
        assert_eq!(engine.value(&sc), 1.0);
        assert_eq!(typed_text(engine, &sc), "sglang");
        assert_eq!(engine.hint(), "one of vllm, sglang, tensorrt-llm");
        assert_eq!(
            parse_typed(engine, "sglang"),
            Ok(Value::Text("sglang".into()))
        );
    }

    #[test]
    fn volume_steps_along_nice_numbers() {
        let v = &PARAMS[0];
        let mut x = 10_000.0;
        let mut seen = vec![];
        for _ in 0..6 {
            x = v.stepped(x, 1, false);
            seen.push(x);
        }
        assert_eq!(
            seen,
            [12_000.0, 15_000.0, 20_000.0, 25_000.0, 30_000.0, 40_000.0]
        );
        assert_eq!(v.stepped(10_000.0, -1, false), 8_000.0);
        assert_eq!(v.stepped(10_000.0, 1, true), 100_000.0);
        assert_eq!(v.stepped(1.0, -1, false), 0.0);
        assert_eq!(v.stepped(0.0, 1, false), 1.0);
        assert_eq!(
            v.stepped(1e12, 1, true),
            1e12,
            "kept inside the key's range"
        );
    }

    #[test]
    fn linear_steps_have_no_float_noise() {
        let gpu = &PARAMS[3];
        assert_eq!(gpu.stepped(2.5, 1, false), 2.55);
        assert_eq!(gpu.stepped(0.0, -1, false), 0.0);
        let share = &PARAMS[index_of("hybrid.local_share").unwrap()];
        assert_eq!(share.stepped(0.7, 1, false), 0.71);
        assert_eq!(share.stepped(1.0, 1, false), 1.0);
        let cache = &PARAMS[index_of("workload.response_cache_hit_rate").unwrap()];
        assert!(cache.stepped(0.99, 1, true) < 1.0);
    }

    #[test]
    fn shares_take_the_difference_from_the_frontier() {
        let mut sc = Scenario::default();
        sc.hybrid.cheap_share = 0.2;
        assert_eq!(within_shares(&sc, "hybrid.local_share", 0.75), 0.75);
        assert_eq!(within_shares(&sc, "hybrid.local_share", 0.9), 0.8);
        assert_eq!(within_shares(&sc, "hybrid.cheap_share", 0.5), 0.3);
        assert_eq!(within_shares(&sc, "hybrid.cheap_share", 0.25), 0.25);
        assert_eq!(within_shares(&sc, "api.batch_share", 0.9), 0.9);
    }

    #[test]
    fn home_gives_the_left_label() {
        let v = &PARAMS[0];
        assert_eq!(
            v.at_fraction(0.0),
            0.0,
            "the volume slider's left label says 0"
        );
        let prefill = &PARAMS[index_of("self_host.prefill_tokens_per_second").unwrap()];
        assert_eq!(prefill.at_fraction(0.0), 100.0);
    }

    #[test]
    fn typed_percentages() {
        let share = &PARAMS[index_of("api.batch_share").unwrap()];
        let n = |s: &str| parse_typed(share, s);
        assert_eq!(n("50"), Ok(Value::Number(0.5)));
        assert_eq!(n("50%"), Ok(Value::Number(0.5)));
        assert_eq!(n(" 7 % "), Ok(Value::Number(0.07)));
        assert_eq!(n("12.5"), Ok(Value::Number(0.125)));
        assert!(n("x")
            .unwrap_err()
            .contains("a percentage: 50 or 50% means 50%"));
        let mut sc = Scenario::default();
        sc.api.batch_share = 0.07;
        assert_eq!(typed_text(share, &sc), "7");
        let volume = &PARAMS[0];
        assert_eq!(parse_typed(volume, "25,000"), Ok(Value::Number(25_000.0)));
        assert!(parse_typed(volume, "50%")
            .unwrap_err()
            .contains("is not a share"));
        assert!(share.is_percent() && !volume.is_percent());
    }

    #[test]
    fn the_billing_row_steps_without_wrapping_and_cycles_on_enter() {
        let b = &PARAMS[index_of("self_host.billing").unwrap()];
        let mut sc = Scenario::default();
        assert_eq!(b.value(&sc), 0.0);
        assert_eq!(b.stepped(0.0, -1, false), 0.0);
        assert_eq!(b.stepped(0.0, 1, false), 1.0);
        assert_eq!(b.stepped(2.0, 1, true), 2.0);
        assert_eq!(b.next_choice(2.0), 0.0);
        assert_eq!(b.to_value(2.0), Value::Text("per_second".into()));
        b.field().set(&mut sc, b.to_value(1.0));
        assert_eq!(
            sc.self_host.billing.mode,
            crate::model::billing::Mode::ActiveHours
        );
        assert_eq!(b.value(&sc), 1.0);
        assert!(b.hint().contains("always_on, active_hours, per_second"));
    }

    #[test]
    fn slider_positions_round_trip() {
        let v = &PARAMS[0];
        assert_eq!(v.fraction(1.0), 0.0);
        assert_eq!(v.fraction(1e8), 1.0);
        assert_eq!(v.at_fraction(0.5), 10_000.0);
        assert_eq!(v.fraction(f64::NAN), 0.0);
        assert_eq!(PARAMS[3].at_fraction(0.25), 5.0);
    }
}
