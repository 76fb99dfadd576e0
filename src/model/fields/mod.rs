//! The table of scenario keys: type, range, unit and accessors for each `section.key`.
//!
//! Presets, `--set` overrides, the dashboard's sliders and the saved TOML all go through this
//! one table, so a key's range is stated once. Ranges follow docs/MODEL.md §1; where docs/MODEL.md leaves
//! a side open, crossover adds a generous finite cap (documented in docs/KEYS.md) so that every
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
        // −0 is 0: a typed "-0" must not print as "-0.0" in a cost.
        let v = match v {
            Value::Number(x) => Value::Number(x + 0.0),
            other => other,
        };
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

    /// A share held as a fraction (0.5) and shown as a percentage (50%): the shares, rates,
    /// utilization and discounts.
    pub fn is_share(&self) -> bool {
        self.kind == Kind::Number
            && self.unit.is_empty()
            && ["_share", "_rate", "utilization", "discount"]
                .iter()
                .any(|s| self.key.ends_with(s))
    }

    /// `N%` as this key's value: N percent is N / 100, for a share. `None` when `raw` does not
    /// end in `%`; an error when it does and the key is no share.
    pub fn percent(&self, raw: &str) -> Option<Result<f64, Refused>> {
        let digits = raw.trim().strip_suffix('%')?.trim().replace(['_', ','], "");
        if !self.is_share() {
            return Some(Err(Refused::NotAShare {
                raw: raw.trim().to_string(),
                kind: self.kind,
            }));
        }
        Some(
            digits
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(|x| x / 100.0)
                .ok_or_else(|| Refused::NotAPercentage(raw.trim().to_string())),
        )
    }

    /// Why `v` is not allowed for this key, or `Ok`.
    pub fn check(&self, v: &Value) -> Result<(), Refused> {
        match (self.kind, v) {
            (Kind::Number | Kind::Integer, Value::Number(x)) => {
                if !x.is_finite() {
                    return Err(Refused::NotFinite(*x));
                }
                if self.key == "workload.requests_per_day" && *x > 0.0 && *x < MIN_POSITIVE_VOLUME {
                    // A thousandth of a request a day is no workload, and below it cost per 1k
                    // requests leaves the finite numbers.
                    return Err(Refused::BelowLeastVolume(*x));
                }
                if self.kind == Kind::Integer && x.fract() != 0.0 {
                    return Err(Refused::NotWhole(*x));
                }
                match self.range {
                    Some(range) if !range.contains(*x) => {
                        Err(Refused::OutOfRange { value: *x, range })
                    }
                    _ => Ok(()),
                }
            }
            (Kind::Bool, Value::Bool(_)) => Ok(()),
            (Kind::Text, Value::Text(t)) => {
                let cap = text_cap(self.key);
                let n = t.chars().count();
                if n > cap {
                    return Err(Refused::TooLong { len: n, cap });
                }
                if let Some(allowed) = choices(self.key) {
                    if !allowed.contains(&t.trim()) {
                        return Err(Refused::NotOneOf {
                            value: t.clone(),
                            allowed: allowed.join(", "),
                        });
                    }
                }
                // Not a dashboard choice (a fit exists only after `crossover calibrate`).
                let calibration = self.key == "self_host.calibration";
                if calibration && crate::calibrate::apply::Mode::parse(t).is_none() {
                    return Err(Refused::NotOneOf {
                        value: t.clone(),
                        allowed: "auto, none".into(),
                    });
                }
                if self.key == "prices_as_of" && !is_date_or_empty(t) {
                    return Err(Refused::NotAMonthOrDay(t.clone()));
                }
                let picked_date = matches!(
                    self.key,
                    "catalog.api_as_of" | "catalog.gpu_as_of" | "catalog.model_as_of"
                );
                if picked_date && !(t.is_empty() || t == "unknown" || super::staleness::is_date(t))
                {
                    return Err(Refused::NotACatalogDate(t.clone()));
                }
                Ok(())
            }
            (k, _) => Err(Refused::WrongKind(k)),
        }
    }
}

/// Why a key refuses a value: the text follows the key's name (`workload.peak_to_average = 0.5
/// is out of range: allowed 1 to 100`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refused {
    #[error("must be a finite number, not {0}")]
    NotFinite(f64),
    #[error("= {} must be 0 or at least {MIN_POSITIVE_VOLUME}", plain(*.0))]
    BelowLeastVolume(f64),
    #[error("must be a whole number, not {}", plain(*.0))]
    NotWhole(f64),
    #[error("= {} is out of range: allowed {range}", plain(*value))]
    OutOfRange { value: f64, range: Range },
    #[error("is {len} characters long: allowed at most {cap} characters")]
    TooLong { len: usize, cap: usize },
    #[error("= {value:?} must be one of {allowed}")]
    NotOneOf { value: String, allowed: String },
    #[error("= {0:?} must be a date written YYYY-MM or YYYY-MM-DD")]
    NotAMonthOrDay(String),
    #[error("= {0:?} must be a date written YYYY, YYYY-MM or YYYY-MM-DD, or \"unknown\"")]
    NotACatalogDate(String),
    #[error("must be {}", .0.describe())]
    WrongKind(Kind),
    #[error("is not a share, so {raw:?} has no meaning: write {}", kind.describe())]
    NotAShare { raw: String, kind: Kind },
    #[error("{0:?} is not a percentage like 20%")]
    NotAPercentage(String),
}

impl Refused {
    /// The refusal already states what is allowed (a range, a length), so help need not.
    pub fn states_allowed(&self) -> bool {
        matches!(self, Refused::OutOfRange { .. } | Refused::TooLong { .. })
    }
}

/// The shells report refusals as text.
impl From<Refused> for String {
    fn from(e: Refused) -> String {
        e.to_string()
    }
}

/// Longest text a text key holds, in characters: a description may run to a paragraph; names,
/// models, GPUs, currency and providers are labels. Every view and format can lay out text up
/// to these lengths, and a longer text is refused where it is read.
pub fn text_cap(key: &str) -> usize {
    match key {
        "description" => DESCRIPTION_CAP,
        _ => NAME_CAP,
    }
}

/// [`text_cap`] of a name, model, GPU, currency or provider.
pub const NAME_CAP: usize = 256;
/// [`text_cap`] of the description.
pub const DESCRIPTION_CAP: usize = 2000;

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
pub(crate) const MIN_POSITIVE_VOLUME: f64 = 1e-3;
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

mod api;
mod billing;
mod catalog;
mod chart;
mod constraints;
mod engineering;
mod growth;
mod hybrid;
mod owned_keys;
mod self_host;
mod self_host_estimate;
mod top;
mod uncertainty;
pub use uncertainty::MAX_SAMPLES;
mod workload;

/// Every key, section by section in file order (the cost-model document's §1 order first).
/// Each section has its own file, so that work on one section does not collide with another.
static TABLES: &[&[Field]] = &[
    top::FIELDS,
    workload::FIELDS,
    api::FIELDS,
    self_host::FIELDS,
    self_host_estimate::FIELDS,
    billing::FIELDS,
    engineering::FIELDS,
    hybrid::FIELDS,
    constraints::FIELDS,
    chart::FIELDS,
    uncertainty::FIELDS,
    growth::FIELDS,
    owned_keys::FIELDS,
    catalog::FIELDS,
];

/// The daily-volume key, the dashboard's headline.
pub fn volume() -> &'static Field {
    &workload::FIELDS[0]
}

/// Every scenario key, in file order.
pub fn all() -> impl Iterator<Item = &'static Field> + Clone {
    TABLES.iter().flat_map(|t| t.iter())
}

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
    "owned",
    "catalog",
];

/// The field for `section.key` (or a top-level key).
pub fn field(key: &str) -> Option<&'static Field> {
    all().find(|f| f.key == key)
}

/// The values a text key takes when it names one of a few choices (the throughput source, the
/// serving engine, the precision), in the order the dashboard steps through them; `None` for
/// free texts. The key table's check and the dashboard's switches both read this.
pub fn choices(key: &str) -> Option<&'static [&'static str]> {
    crate::model::throughput::settings::allowed(key).or_else(|| billing::allowed(key))
}

/// What a check involving more than one key blames: a key, or its `[uncertainty]` range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blame {
    Key(&'static str),
    /// The `[uncertainty.<section>] <key>` range of this key.
    Range(&'static str),
}

impl std::fmt::Display for Blame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Blame::Key(k) => f.write_str(k),
            Blame::Range(k) => write!(f, "uncertainty.{k}"),
        }
    }
}

impl From<Blame> for String {
    fn from(b: Blame) -> String {
        b.to_string()
    }
}

/// Two shares of one whole (`first` + `second` ≤ 1) whose `[uncertainty]` ranges could draw
/// them above 1 together: the largest each can take (its range's high, else its value) must
/// sum to at most 1. Blames the second's range when it has one, else the first's.
fn shares_ranges(
    s: &Scenario,
    (first, a): (&'static str, f64),
    (second, b): (&'static str, f64),
    whole: &str,
) -> Result<(), (Blame, String)> {
    let range = |key: &str| s.uncertainty.ranges.iter().find(|r| r.key == key);
    let (ra, rb) = (range(first), range(second));
    let blamed = match (ra, rb) {
        (_, Some(r)) | (Some(r), None) => r,
        (None, None) => return Ok(()),
    };
    let high_a = ra.map_or(a, |r| r.high);
    let high_b = rb.map_or(b, |r| r.high);
    if high_a + high_b <= 1.0 + 1e-9 {
        return Ok(());
    }
    let other = if blamed.key == first {
        (second, high_b)
    } else {
        (first, high_a)
    };
    Err((
        Blame::Range(blamed.key),
        format!(
            "= [{}, {}] can draw {} = {} while {} can be {}: together {}, above 1 ({}); keep the \
             two highs summing to at most 1",
            plain(blamed.low),
            plain(blamed.high),
            blamed.key,
            plain(blamed.high),
            other.0,
            plain(other.1),
            plain(high_a + high_b),
            whole
        ),
    ))
}

/// The numeric keys [`check_cross`] reads: moving any other keeps its answer (the flip table
/// checks the scenario once for those).
pub(crate) const CROSS_INPUTS: &[&str] = &[
    "api.cached_input_share",
    "api.cache_write_share",
    "api.long_context_above_tokens",
    "api.long_context_input_per_mtok",
    "api.long_context_output_per_mtok",
    "api.usd_per_request",
    "api.input_per_mtok",
    "api.output_per_mtok",
    "api.cached_input_per_mtok",
    "self_host.gpu_per_hour",
    "self_host.gpu_per_second",
    "hybrid.local_share",
    "hybrid.cheap_share",
    "chart.min_requests_per_day",
    "chart.max_requests_per_day",
];

/// Checks that involve more than one key. Returns the key (or range) to blame and the reason.
pub fn check_cross(s: &Scenario) -> Result<(), (Blame, String)> {
    api_cross(s)?;
    estimate_ranges(s)?;
    per_request_alone(s)?;
    let b = &s.self_host.billing;
    if b.mode == crate::model::billing::Mode::PerSecond
        && b.per_second_price(s.self_host.gpu_per_hour) <= 0.0
    {
        // Blame the billing key: it is the one the file (or `--set`) wrote, so it has a line.
        return Err((
            Blame::Key("self_host.billing"),
            "= \"per_second\" needs a per-second price, and there is none: self_host.gpu_per_second and self_host.gpu_per_hour are both 0; set self_host.gpu_per_second".into(),
        ));
    }
    let (h, q) = (s.hybrid.local_share, s.hybrid.cheap_share);
    // Within 1e-9: `0.7 + 0.3` and the like round a hair above 1.
    if h + q > 1.0 + 1e-9 {
        return Err((
            Blame::Key("hybrid.cheap_share"),
            format!(
                "= {} plus hybrid.local_share ({}) is {}, above 1: the frontier tier takes the \
                 rest, 1 − local − cheap, so the two may sum to at most 1",
                plain(q),
                plain(h),
                plain(h + q)
            ),
        ));
    }
    shares_ranges(
        s,
        ("hybrid.local_share", h),
        ("hybrid.cheap_share", q),
        "the frontier tier takes 1 − local − cheap",
    )?;
    shares_ranges(
        s,
        ("api.cached_input_share", s.api.cached_input_share),
        ("api.cache_write_share", s.api.cache_write_share),
        "they are shares of the same input tokens",
    )?;
    if s.chart.max_requests_per_day <= s.chart.min_requests_per_day {
        return Err((
            Blame::Key("chart.max_requests_per_day"),
            format!(
                "= {} must be greater than chart.min_requests_per_day ({})",
                plain(s.chart.max_requests_per_day),
                plain(s.chart.min_requests_per_day)
            ),
        ));
    }
    Ok(())
}

/// Whether `key` is a rate the estimate sets (the typed prefill and decode throughput).
fn estimated_rate(key: &str) -> bool {
    key == "self_host.prefill_tokens_per_second" || key == "self_host.decode_tokens_per_second"
}

/// When the throughput comes from the estimate, drop the `[uncertainty]` ranges on the rates
/// it sets: an override that switched to the estimate (`--set`, a pick, the dashboard) makes
/// them moot. True when any went (the shell notes it, [`crate::wording::RANGES_DROPPED`]). A
/// file that gives both is refused instead ([`check_cross`]).
pub fn drop_estimated_ranges(s: &mut Scenario) -> bool {
    if s.self_host.estimate.source != crate::model::throughput::settings::Source::Estimate {
        return false;
    }
    let before = s.uncertainty.ranges.len();
    s.uncertainty.ranges.retain(|r| !estimated_rate(r.key));
    s.uncertainty.ranges.len() < before
}

/// No range on the rates the estimate sets.
fn estimate_ranges(s: &Scenario) -> Result<(), (Blame, String)> {
    if s.self_host.estimate.source == crate::model::throughput::settings::Source::Estimate {
        if let Some(r) = s.uncertainty.ranges.iter().find(|r| estimated_rate(r.key)) {
            return Err((
                Blame::Range(r.key),
                "cannot have an [uncertainty] range when self_host.throughput = \"estimate\": the estimate sets it; give self_host.throughput_factor a range instead".into(),
            ));
        }
    }
    Ok(())
}

/// The API's cache shares within one input and a long-context tier with prices.
fn api_cross(s: &Scenario) -> Result<(), (Blame, String)> {
    let (k, w) = (s.api.cached_input_share, s.api.cache_write_share);
    // A hair of float slack: `k + (1 − k)` may round above 1.
    if k + w > 1.0 + 1e-12 {
        return Err((
            Blame::Key("api.cache_write_share"),
            format!(
                "= {} plus api.cached_input_share ({}) must be at most 1: they are shares of the same input tokens",
                plain(w),
                plain(k)
            ),
        ));
    }
    let a = &s.api;
    if a.long_context_above_tokens > 0
        && a.long_context_input_per_mtok == 0.0
        && a.long_context_output_per_mtok == 0.0
    {
        return Err((
            Blame::Key("api.long_context_above_tokens"),
            format!(
                "= {} turns the long-context tier on, but api.long_context_input_per_mtok and api.long_context_output_per_mtok are 0: set them (or 0 tokens for no tier)",
                a.long_context_above_tokens
            ),
        ));
    }
    Ok(())
}

/// A price per request without token prices beside it.
fn per_request_alone(s: &Scenario) -> Result<(), (Blame, String)> {
    let a = &s.api;
    if a.usd_per_request > 0.0 {
        let d = Scenario::default().api;
        let changed: Vec<&str> = [
            ("api.input_per_mtok", a.input_per_mtok, d.input_per_mtok),
            ("api.output_per_mtok", a.output_per_mtok, d.output_per_mtok),
            (
                "api.cached_input_per_mtok",
                a.cached_input_per_mtok,
                d.cached_input_per_mtok,
            ),
        ]
        .into_iter()
        .filter(|(_, x, default)| x != default)
        .map(|(k, _, _)| k)
        .collect();
        if !changed.is_empty() {
            return Err((
                Blame::Key("api.usd_per_request"),
                format!(
                    "= {} replaces the token prices, so it cannot be set together with {} (leave \
                     them out, or set api.usd_per_request = 0)",
                    plain(a.usd_per_request),
                    changed.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// "Did you mean", bounded so that a huge unknown key costs almost nothing.
pub use crate::suggest::{edit_distance, nearest};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_inside_its_range() {
        let s = Scenario::default();
        for f in all() {
            assert_eq!(f.check(&f.get(&s)), Ok(()), "{}", f.key);
        }
        assert!(check_cross(&s).is_ok());
    }

    #[test]
    fn set_and_get_round_trip_every_numeric_key() {
        let mut s = Scenario::default();
        for f in all().filter(|f| f.kind == Kind::Number) {
            let r = f.range.unwrap();
            let v = if r.min_inclusive { r.min } else { r.min + 1e-3 };
            f.set(&mut s, Value::Number(v));
            assert_eq!(f.number(&s), v, "{}", f.key);
        }
    }

    /// The numeric keys outside [`CROSS_INPUTS`] never change what [`check_cross`] says, from
    /// a scenario it accepts or from one that breaks each of its rules, at either end of the
    /// key's range and inside it: the flip table checks once for them.
    #[test]
    fn check_cross_reads_only_its_inputs() {
        let mut bases = vec![Scenario::default()];
        let mut breaking = |f: fn(&mut Scenario)| {
            let mut s = Scenario::default();
            f(&mut s);
            assert!(check_cross(&s).is_err());
            bases.push(s);
        };
        breaking(|s| {
            s.api.cached_input_share = 0.5;
            s.api.cache_write_share = 0.9;
        });
        breaking(|s| {
            s.api.long_context_above_tokens = 1000;
            s.api.long_context_input_per_mtok = 0.0;
            s.api.long_context_output_per_mtok = 0.0;
        });
        breaking(|s| {
            s.api.usd_per_request = 0.01;
            s.api.input_per_mtok += 1.0;
        });
        breaking(|s| {
            s.self_host.billing.mode = crate::model::billing::Mode::PerSecond;
            s.self_host.billing.gpu_per_second = 0.0;
            s.self_host.gpu_per_hour = 0.0;
        });
        breaking(|s| {
            s.hybrid.local_share = 0.7;
            s.hybrid.cheap_share = 0.9;
        });
        breaking(|s| s.chart.max_requests_per_day = s.chart.min_requests_per_day);
        for f in all().filter(|f| matches!(f.kind, Kind::Number | Kind::Integer)) {
            if CROSS_INPUTS.contains(&f.key) {
                continue;
            }
            let r = f.range.unwrap();
            let low = if r.min_inclusive { r.min } else { r.min + 1.0 };
            let high = if r.max_inclusive { r.max } else { r.max - 1.0 };
            let mid = ((low + high) / 2.0).round();
            for base in &bases {
                let want = check_cross(base);
                for v in [low, mid, high] {
                    let mut s = base.clone();
                    f.set(&mut s, Value::Number(v));
                    assert_eq!(check_cross(&s), want, "{} = {v}", f.key);
                }
            }
        }
    }

    #[test]
    fn negative_zero_is_stored_as_zero() {
        let mut s = Scenario::default();
        let f = field("owned.electricity_per_kwh").unwrap();
        f.set(&mut s, Value::Number(-0.0));
        assert!(s.owned.electricity_per_kwh.is_sign_positive());
    }

    #[test]
    fn dates_are_year_month_or_a_full_date() {
        assert!(is_date_or_empty("2025-06") && is_date_or_empty("2025-06-30"));
        assert!(!is_date_or_empty("June 2025") && !is_date_or_empty("2025-13"));
    }
}
