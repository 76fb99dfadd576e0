//! The table of scenario keys: type, range, unit and accessors for each `section.key`.
//!
//! Presets, `--set` overrides, the dashboard's sliders and the saved TOML all go through this
//! one table, so a key's range is stated once. Ranges follow MODEL.md §1; where MODEL.md leaves
//! a side open, crossover adds a generous finite cap (documented in the README) so that every
//! accepted scenario gives finite costs.

use super::scenario::Scenario;

/// What a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number,
    Integer,
    Bool,
    Text,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Number => "a number",
            Kind::Integer => "a whole number",
            Kind::Bool => "true or false",
            Kind::Text => "a quoted text",
        }
    }
}

/// A key's value, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Bool(bool),
    Text(String),
}

/// An interval of allowed numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub min_inclusive: bool,
    pub max: f64,
    pub max_inclusive: bool,
}

impl Range {
    const fn closed(min: f64, max: f64) -> Range {
        Range {
            min,
            min_inclusive: true,
            max,
            max_inclusive: true,
        }
    }
    const fn half_open(min: f64, max: f64) -> Range {
        Range {
            min,
            min_inclusive: true,
            max,
            max_inclusive: false,
        }
    }

    pub fn contains(&self, x: f64) -> bool {
        x.is_finite()
            && (if self.min_inclusive {
                x >= self.min
            } else {
                x > self.min
            })
            && (if self.max_inclusive {
                x <= self.max
            } else {
                x < self.max
            })
    }

    /// Nearest allowed value (for sliders; loading never clamps).
    pub fn clamp(&self, x: f64) -> f64 {
        let x = if x.is_nan() { self.min } else { x };
        x.clamp(self.min, self.max)
    }
}

impl std::fmt::Display for Range {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lo = if self.min_inclusive { "≥" } else { ">" };
        let hi = if self.max_inclusive { "≤" } else { "<" };
        write!(f, "{lo} {} and {hi} {}", plain(self.min), plain(self.max))
    }
}

/// A number as a person writes it in a range: `0`, `0.7`, `1e12`.
pub fn plain(x: f64) -> String {
    if x != 0.0 && (x.abs() >= 1e7 || x.abs() < 1e-3) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// One scenario key.
pub struct Field {
    /// `section.key`, or a bare key for the top-level texts.
    pub key: &'static str,
    pub kind: Kind,
    /// Allowed interval for numbers and integers.
    pub range: Option<Range>,
    /// Unit shown next to the value.
    pub unit: &'static str,
    /// Short label for the dashboard.
    pub label: &'static str,
    /// One line of help.
    pub help: &'static str,
    get: fn(&Scenario) -> Value,
    set: fn(&mut Scenario, Value),
}

impl Field {
    pub fn get(&self, s: &Scenario) -> Value {
        (self.get)(s)
    }

    /// The number a numeric key holds (0 for other kinds).
    pub fn number(&self, s: &Scenario) -> f64 {
        match self.get(s) {
            Value::Number(x) => x,
            Value::Bool(b) => f64::from(u8::from(b)),
            Value::Text(_) => 0.0,
        }
    }

    /// Store a value that [`Field::check`] accepted.
    pub fn set(&self, s: &mut Scenario, v: Value) {
        (self.set)(s, v)
    }

    /// The section part of the key (`""` for top-level keys).
    pub fn section(&self) -> &'static str {
        self.key.split_once('.').map_or("", |(s, _)| s)
    }

    /// The key inside its section.
    pub fn name(&self) -> &'static str {
        self.key.split_once('.').map_or(self.key, |(_, k)| k)
    }

    /// Why `v` is not allowed for this key, or `Ok`.
    pub fn check(&self, v: &Value) -> Result<(), String> {
        match (self.kind, v) {
            (Kind::Number | Kind::Integer, Value::Number(x)) => {
                if !x.is_finite() {
                    return Err(format!("must be a finite number, not {x}"));
                }
                if self.key == "workload.requests_per_day" && *x > 0.0 && *x < MIN_POSITIVE_VOLUME {
                    // A thousandth of a request a day is no workload, and below it cost per 1k
                    // requests leaves the finite numbers.
                    return Err(format!(
                        "= {} must be 0 or at least {MIN_POSITIVE_VOLUME}",
                        plain(*x)
                    ));
                }
                if self.kind == Kind::Integer && x.fract() != 0.0 {
                    return Err(format!("must be a whole number, not {x}"));
                }
                match self.range {
                    Some(r) if !r.contains(*x) => {
                        Err(format!("= {} is out of range: allowed {r}", plain(*x)))
                    }
                    _ => Ok(()),
                }
            }
            (Kind::Bool, Value::Bool(_)) => Ok(()),
            (Kind::Text, Value::Text(t)) => {
                if self.key == "prices_as_of" && !is_date_or_empty(t) {
                    return Err(format!(
                        "= {t:?} must be a date written YYYY-MM or YYYY-MM-DD"
                    ));
                }
                Ok(())
            }
            (k, _) => Err(format!("must be {}", k.describe())),
        }
    }
}

fn is_date_or_empty(t: &str) -> bool {
    if t.is_empty() {
        return true;
    }
    let parts: Vec<&str> = t.split('-').collect();
    let num = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let month_ok = |p: &str| p.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
    match parts.as_slice() {
        [y, m] => num(y, 4) && num(m, 2) && month_ok(m),
        [y, m, d] => {
            num(y, 4)
                && num(m, 2)
                && month_ok(m)
                && num(d, 2)
                && d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

macro_rules! text {
    ($key:literal, $label:literal, $help:literal, $($path:ident).+) => {
        Field {
            key: $key, kind: Kind::Text, range: None, unit: "", label: $label, help: $help,
            get: |s| Value::Text(s.$($path).+.clone()),
            set: |s, v| if let Value::Text(t) = v { s.$($path).+ = t },
        }
    };
}
macro_rules! number {
    ($key:literal, $range:expr, $unit:literal, $label:literal, $help:literal, $($path:ident).+) => {
        Field {
            key: $key, kind: Kind::Number, range: Some($range), unit: $unit, label: $label,
            help: $help,
            get: |s| Value::Number(s.$($path).+),
            set: |s, v| if let Value::Number(x) = v { s.$($path).+ = x },
        }
    };
}
macro_rules! integer {
    ($key:literal, $range:expr, $unit:literal, $label:literal, $help:literal, $($path:ident).+) => {
        Field {
            key: $key, kind: Kind::Integer, range: Some($range), unit: $unit, label: $label,
            help: $help,
            get: |s| Value::Number(f64::from(s.$($path).+)),
            // The range check keeps integer keys well inside u32.
            set: |s, v| if let Value::Number(x) = v { s.$($path).+ = x as u32 },
        }
    };
}
macro_rules! flag {
    ($key:literal, $label:literal, $help:literal, $($path:ident).+) => {
        Field {
            key: $key, kind: Kind::Bool, range: None, unit: "", label: $label, help: $help,
            get: |s| Value::Bool(s.$($path).+),
            set: |s, v| if let Value::Bool(b) = v { s.$($path).+ = b },
        }
    };
}

/// Smallest non-zero daily volume accepted.
pub const MIN_POSITIVE_VOLUME: f64 = 1e-3;
/// Upper cap for volumes (requests per day): a trillion a day is far past any planner.
const MAX_VOLUME: f64 = 1e12;
/// Upper cap for money amounts per unit (per token million, per hour, per month).
const MAX_MONEY: f64 = 1e9;
/// Upper cap for token counts per request.
const MAX_TOKENS: f64 = 1e8;
/// Upper cap for hours.
const MAX_HOURS: f64 = 1e6;
/// Upper cap for throughput, tokens per second per replica.
const MAX_TPS: f64 = 1e9;
/// Lower floor for throughput: slower than a token every 1,000 s is not a server.
const MIN_TPS: f64 = 1e-3;

/// Every key of MODEL.md §1, in the order of that table.
pub static FIELDS: &[Field] = &[
    text!(
        "name",
        "Name",
        "the name shown in the title bar and on exports",
        name
    ),
    text!(
        "description",
        "Description",
        "one or two sentences about the scenario",
        description
    ),
    text!(
        "currency",
        "Currency",
        "a currency label (no conversion)",
        currency
    ),
    text!(
        "prices_as_of",
        "Prices as of",
        "when the prices were checked, YYYY-MM or YYYY-MM-DD",
        prices_as_of
    ),
    number!(
        "workload.requests_per_day",
        Range::closed(0.0, MAX_VOLUME),
        "req/day",
        "Daily volume",
        "V, requests per day",
        workload.requests_per_day
    ),
    number!(
        "workload.input_tokens",
        Range::closed(0.0, MAX_TOKENS),
        "tok",
        "Input tokens",
        "I, average prompt tokens per request",
        workload.input_tokens
    ),
    number!(
        "workload.output_tokens",
        Range::closed(0.0, MAX_TOKENS),
        "tok",
        "Output tokens",
        "O, average completion tokens per request",
        workload.output_tokens
    ),
    number!(
        "workload.peak_to_average",
        Range::closed(1.0, 1000.0),
        "×",
        "Peak / average",
        "the busiest hour's rate ÷ the day's average rate",
        workload.peak_to_average
    ),
    number!(
        "workload.response_cache_hit_rate",
        Range::half_open(0.0, 1.0),
        "",
        "Cache hit rate",
        "c, share of requests answered from a response cache",
        workload.response_cache_hit_rate
    ),
    text!(
        "api.model",
        "API model",
        "a label for the API model",
        api.model
    ),
    number!(
        "api.input_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Input price",
        "price per million input tokens",
        api.input_per_mtok
    ),
    number!(
        "api.output_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Output price",
        "price per million output tokens",
        api.output_per_mtok
    ),
    number!(
        "api.cached_input_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Cached input price",
        "price per million cached input tokens",
        api.cached_input_per_mtok
    ),
    number!(
        "api.cached_input_share",
        Range::closed(0.0, 1.0),
        "",
        "Cached input share",
        "k, share of input tokens billed at the cached price",
        api.cached_input_share
    ),
    number!(
        "api.batch_share",
        Range::closed(0.0, 1.0),
        "",
        "Batch share",
        "β, share of requests sent through the batch API",
        api.batch_share
    ),
    number!(
        "api.batch_discount",
        Range::closed(0.0, 1.0),
        "",
        "Batch discount",
        "δ, the batch API's discount",
        api.batch_discount
    ),
    number!(
        "api.fixed_per_month",
        Range::closed(0.0, MAX_MONEY),
        "/month",
        "API fixed",
        "plan fees, gateway and integration upkeep per month",
        api.fixed_per_month
    ),
    text!(
        "self_host.model",
        "Local model",
        "a label for the self-hosted model",
        self_host.model
    ),
    text!("self_host.gpu", "GPU", "a label for the GPU", self_host.gpu),
    number!(
        "self_host.gpu_per_hour",
        Range::closed(0.0, MAX_MONEY),
        "/GPU-h",
        "GPU price",
        "rental price of one GPU for one hour",
        self_host.gpu_per_hour
    ),
    integer!(
        "self_host.gpus_per_replica",
        Range::closed(1.0, 4096.0),
        "GPUs",
        "GPUs per replica",
        "GPUs one serving replica needs",
        self_host.gpus_per_replica
    ),
    number!(
        "self_host.prefill_tokens_per_second",
        Range::closed(MIN_TPS, MAX_TPS),
        "tok/s",
        "Prefill throughput",
        "input tokens one replica processes per second, aggregate",
        self_host.prefill_tokens_per_second
    ),
    number!(
        "self_host.decode_tokens_per_second",
        Range::closed(MIN_TPS, MAX_TPS),
        "tok/s",
        "Decode throughput",
        "output tokens one replica generates per second, aggregate",
        self_host.decode_tokens_per_second
    ),
    number!(
        "self_host.target_utilization",
        Range::closed(0.01, 1.0),
        "",
        "Target utilization",
        "the share of a replica's capacity the busiest hour may use",
        self_host.target_utilization
    ),
    integer!(
        "self_host.min_replicas",
        Range::closed(0.0, 100_000.0),
        "replicas",
        "Min replicas",
        "replicas kept running whatever the load",
        self_host.min_replicas
    ),
    number!(
        "self_host.overhead_share",
        Range::closed(0.0, 100.0),
        "",
        "Overhead share",
        "monitoring, storage and egress as a share of GPU spend",
        self_host.overhead_share
    ),
    number!(
        "self_host.fixed_per_month",
        Range::closed(0.0, MAX_MONEY),
        "/month",
        "Self-host fixed",
        "fixed infrastructure cost per month",
        self_host.fixed_per_month
    ),
    number!(
        "engineering.hourly_rate",
        Range::closed(0.0, 1e6),
        "/h",
        "Hourly rate",
        "loaded cost of one engineering hour",
        engineering.hourly_rate
    ),
    number!(
        "engineering.setup_hours",
        Range::closed(0.0, MAX_HOURS),
        "h",
        "Setup hours",
        "one-time work to stand the model up",
        engineering.setup_hours
    ),
    number!(
        "engineering.maintenance_hours_per_month",
        Range::closed(0.0, MAX_HOURS),
        "h/month",
        "Maintenance hours",
        "ongoing monitoring, upgrades, on-call",
        engineering.maintenance_hours_per_month
    ),
    number!(
        "engineering.amortization_months",
        Range::closed(0.1, 1200.0),
        "months",
        "Amortization",
        "months over which setup is spread",
        engineering.amortization_months
    ),
    number!(
        "hybrid.local_share",
        Range::closed(0.0, 1.0),
        "",
        "Local share",
        "h, share of requests routed to the self-hosted model",
        hybrid.local_share
    ),
    flag!(
        "constraints.data_must_stay_in_house",
        "Data must stay in-house",
        "whether data must never leave your infrastructure",
        constraints.data_must_stay_in_house
    ),
    flag!(
        "constraints.needs_frontier_quality",
        "Needs frontier quality",
        "whether some requests need the best API model",
        constraints.needs_frontier_quality
    ),
    number!(
        "constraints.ops_hours_per_month",
        Range::closed(0.0, MAX_HOURS),
        "h/month",
        "Ops capacity",
        "the engineering time the team can give to running models",
        constraints.ops_hours_per_month
    ),
    number!(
        "constraints.launch_deadline_weeks",
        Range::closed(0.0, 10_000.0),
        "weeks",
        "Launch deadline",
        "weeks until launch (0 = no deadline)",
        constraints.launch_deadline_weeks
    ),
    number!(
        "chart.min_requests_per_day",
        Range::closed(1e-3, MAX_VOLUME),
        "req/day",
        "Chart from",
        "left end of the volume axis",
        chart.min_requests_per_day
    ),
    number!(
        "chart.max_requests_per_day",
        Range::closed(1e-3, 1e13),
        "req/day",
        "Chart to",
        "right end of the volume axis",
        chart.max_requests_per_day
    ),
    integer!(
        "uncertainty.samples",
        Range::closed(1.0, 1_000_000.0),
        "samples",
        "MC samples",
        "scenarios drawn for the Monte Carlo bands",
        uncertainty.samples
    ),
    integer!(
        "uncertainty.seed",
        Range::closed(0.0, 4_294_967_295.0),
        "",
        "MC seed",
        "seed of the draws, so runs repeat exactly",
        uncertainty.seed
    ),
    number!(
        "uncertainty.swing",
        Range::closed(0.0, 0.9),
        "",
        "Sensitivity swing",
        "± share each input swings in the sensitivity table unless it has its own range",
        uncertainty.swing
    ),
    number!(
        "growth.monthly_rate",
        Range::closed(-1.0, 10.0),
        "",
        "Monthly growth",
        "compound monthly growth of the daily volume (0.1 = +10% a month)",
        growth.monthly_rate
    ),
    integer!(
        "growth.horizon_months",
        Range::closed(1.0, 600.0),
        "months",
        "Horizon",
        "months the timeline covers",
        growth.horizon_months
    ),
];

/// The sections of a preset, in file order.
pub const SECTIONS: &[&str] = &[
    "workload",
    "api",
    "self_host",
    "engineering",
    "hybrid",
    "constraints",
    "chart",
    "uncertainty",
    "growth",
];

/// The field for `section.key` (or a top-level key).
pub fn field(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

/// Checks that involve more than one key. Returns the key to blame and the reason.
pub fn check_cross(s: &Scenario) -> Result<(), (&'static str, String)> {
    if s.chart.max_requests_per_day <= s.chart.min_requests_per_day {
        return Err((
            "chart.max_requests_per_day",
            format!(
                "= {} must be greater than chart.min_requests_per_day ({})",
                plain(s.chart.max_requests_per_day),
                plain(s.chart.min_requests_per_day)
            ),
        ));
    }
    Ok(())
}

/// The closest known name to `wrong` among `candidates`, if it is close enough to be a typo.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_l = wrong.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&wrong_l, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(wrong.len()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_inside_its_range() {
        let s = Scenario::default();
        for f in FIELDS {
            assert_eq!(f.check(&f.get(&s)), Ok(()), "{}", f.key);
        }
        assert!(check_cross(&s).is_ok());
    }

    #[test]
    fn set_and_get_round_trip_every_numeric_key() {
        let mut s = Scenario::default();
        for f in FIELDS.iter().filter(|f| f.kind == Kind::Number) {
            let r = f.range.unwrap();
            let v = if r.min_inclusive { r.min } else { r.min + 1e-3 };
            f.set(&mut s, Value::Number(v));
            assert_eq!(f.number(&s), v, "{}", f.key);
        }
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let keys = ["requests_per_day", "input_tokens"];
        assert_eq!(nearest("request_per_day", keys), Some("requests_per_day"));
        assert_eq!(nearest("zebra", keys), None);
        assert!(is_date_or_empty("2025-06") && is_date_or_empty("2025-06-30"));
        assert!(!is_date_or_empty("June 2025") && !is_date_or_empty("2025-13"));
    }
}
