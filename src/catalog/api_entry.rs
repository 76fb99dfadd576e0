//! One API model's prices, and the one rule that says whether an entry is usable. The catalog
//! loader and both importers go through [`check`], so an import accepts exactly what the loader
//! will keep.

use super::refusal::EntryRefused;
use serde::Deserialize;

pub use crate::model::staleness::is_date;

/// Most a price may be, per million tokens: above this it is a mistake, not a price.
pub const MAX_PRICE_PER_MTOK: f64 = 1e9;

/// An API model with everything crossover prices: input, output, cache reads and writes, the
/// batch discount, a long-context tier and the context window.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiModel {
    pub name: String,
    pub provider: String,
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
    /// Cache reads. When the provider has no cached-input price, the input price applies.
    pub cached_input_per_mtok: Option<f64>,
    /// Cache writes (the 5-minute write where a provider has several). When absent, writing
    /// to the cache costs the input price.
    pub cache_write_per_mtok: Option<f64>,
    pub batch_discount: Option<f64>,
    /// Input tokens the model accepts (where a provider gives one window for input and output
    /// together, the input's share of it).
    pub context_window: Option<u64>,
    /// Output tokens one request may generate, where the provider gives a separate limit.
    pub max_output_tokens: Option<u64>,
    pub long_context: Option<LongContext>,
    /// Superseded by a newer model of the same provider.
    pub legacy: bool,
    /// The file says the model costs nothing, so zero prices are meant.
    pub free: bool,
    pub source: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `unknown`.
    pub as_of: String,
    pub estimate: bool,
    /// Where sources disagree, and which was taken.
    pub comment: String,
    /// Later prices already announced, with their start dates (docs/MODEL.md §6.11): after
    /// `as_of`, ascending.
    pub price_schedule: Vec<crate::model::scenario::PriceStep>,
}

/// Prices that apply to a whole request whose input exceeds `above_tokens` (docs/MODEL.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LongContext {
    pub above_tokens: u64,
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
    /// When absent, cache reads above the threshold cost the base cache-read price.
    pub cached_input_per_mtok: Option<f64>,
    /// When absent, cache writes above the threshold cost the base cache-write price.
    pub cache_write_per_mtok: Option<f64>,
}

/// An API entry as written in a catalog file or mapped from an imported one: every field may
/// be missing or wrong until [`check`] has looked at it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawApi {
    pub name: Option<String>,
    pub provider: Option<String>,
    pub input_per_mtok: Option<f64>,
    pub output_per_mtok: Option<f64>,
    pub cached_input_per_mtok: Option<f64>,
    pub cache_write_per_mtok: Option<f64>,
    pub batch_discount: Option<f64>,
    pub context_window: Option<i64>,
    pub max_output_tokens: Option<i64>,
    pub long_context_above_tokens: Option<i64>,
    pub long_context_input_per_mtok: Option<f64>,
    pub long_context_output_per_mtok: Option<f64>,
    pub long_context_cached_input_per_mtok: Option<f64>,
    pub long_context_cache_write_per_mtok: Option<f64>,
    #[serde(default)]
    pub legacy: bool,
    #[serde(default)]
    pub free: bool,
    pub source: Option<String>,
    pub as_of: Option<String>,
    #[serde(default)]
    pub estimate: bool,
    pub comment: Option<String>,
    pub price_schedule: Option<Vec<RawStep>>,
}

/// One step of an entry's `price_schedule` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub from: Option<String>,
    pub input_per_mtok: Option<f64>,
    pub output_per_mtok: Option<f64>,
    pub cached_input_per_mtok: Option<f64>,
}

/// An entry's `as_of`: a date (YYYY-MM-DD, YYYY-MM or YYYY) or `unknown`.
fn dated(as_of: Option<String>) -> Result<String, EntryRefused> {
    let as_of = as_of.unwrap_or_default();
    if as_of != "unknown" && !is_date(&as_of) {
        return Err(EntryRefused::NotADate {
            value: as_of,
            or_unknown: true,
        });
    }
    Ok(as_of)
}

/// The entry's schedule checked by the scenario's rule (docs/MODEL.md §6.11): every step has
/// a date and two prices (cached input costs the input price unless given), the dates ascend
/// and none is before `as_of`.
fn schedule(
    raw: Option<Vec<RawStep>>,
    as_of: &str,
) -> Result<Vec<crate::model::scenario::PriceStep>, EntryRefused> {
    let mut steps = Vec::new();
    for (i, r) in raw.unwrap_or_default().into_iter().enumerate() {
        let at = format!("price_schedule[{i}]");
        let input = required(&format!("{at}.input_per_mtok"), r.input_per_mtok)?;
        steps.push(crate::model::scenario::PriceStep {
            from: r.from.ok_or(EntryRefused::StepWithoutDate(i))?,
            input_per_mtok: input,
            output_per_mtok: required(&format!("{at}.output_per_mtok"), r.output_per_mtok)?,
            cached_input_per_mtok: price(
                &format!("{at}.cached_input_per_mtok"),
                r.cached_input_per_mtok,
            )?
            .unwrap_or(input),
        });
    }
    let floor = (as_of != "unknown").then_some(as_of);
    crate::model::price_schedule::check(&steps, floor)
        .map_err(|(index, field, rule)| EntryRefused::Schedule { index, field, rule })?;
    Ok(steps)
}

/// A price that is a price: finite, not negative, at most [`MAX_PRICE_PER_MTOK`].
fn price(what: &str, x: Option<f64>) -> Result<Option<f64>, EntryRefused> {
    match x {
        Some(v) if !v.is_finite() || !(0.0..=MAX_PRICE_PER_MTOK).contains(&v) => {
            Err(EntryRefused::NotAPrice {
                what: what.to_string(),
                value: v,
            })
        }
        other => Ok(other),
    }
}

fn required(what: &str, x: Option<f64>) -> Result<f64, EntryRefused> {
    price(what, x)?.ok_or_else(|| EntryRefused::Missing(what.to_string()))
}

/// The rule: an entry is usable when it has a name, a source, an honest date, input and
/// output prices (zero only when marked free), and every other figure it gives is in range.
pub fn check(raw: RawApi) -> Result<ApiModel, EntryRefused> {
    let name = raw
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| EntryRefused::Missing("name".into()))?;
    let input = required("input price", raw.input_per_mtok)?;
    let output = required("output price", raw.output_per_mtok)?;
    if !raw.free && (input == 0.0 || output == 0.0) {
        return Err(EntryRefused::ZeroPrice { input, output });
    }
    let cached = price("cached input price", raw.cached_input_per_mtok)?;
    let write = price("cache write price", raw.cache_write_per_mtok)?;
    let batch = match raw.batch_discount {
        Some(d) if !(0.0..=1.0).contains(&d) => return Err(EntryRefused::NotAShare(d)),
        d => d,
    };
    let context_window = match raw.context_window {
        Some(c) if c <= 0 => {
            return Err(EntryRefused::NotATokenCount {
                what: "context window",
                value: c,
            })
        }
        c => c.map(|c| c as u64),
    };
    let max_output_tokens = match raw.max_output_tokens {
        Some(c) if c <= 0 => {
            return Err(EntryRefused::NotATokenCount {
                what: "max_output_tokens",
                value: c,
            })
        }
        c => c.map(|c| c as u64),
    };
    let long_context = long_context(&raw)?;
    let source = raw
        .source
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| EntryRefused::Missing("source".into()))?;
    let as_of = dated(raw.as_of)?;
    Ok(ApiModel {
        price_schedule: schedule(raw.price_schedule, &as_of)?,
        name,
        provider: raw.provider.unwrap_or_default(),
        input_per_mtok: input,
        output_per_mtok: output,
        cached_input_per_mtok: cached,
        cache_write_per_mtok: write,
        batch_discount: batch,
        context_window,
        max_output_tokens,
        long_context,
        legacy: raw.legacy,
        free: raw.free,
        source,
        as_of,
        estimate: raw.estimate,
        comment: raw.comment.unwrap_or_default(),
    })
}

/// The entry's long-context tier: none, or its threshold with at least input and output prices.
fn long_context(raw: &RawApi) -> Result<Option<LongContext>, EntryRefused> {
    let long_in = price("long-context input price", raw.long_context_input_per_mtok)?;
    let long_out = price(
        "long-context output price",
        raw.long_context_output_per_mtok,
    )?;
    let long_cached = price(
        "long-context cached input price",
        raw.long_context_cached_input_per_mtok,
    )?;
    let long_write = price(
        "long-context cache write price",
        raw.long_context_cache_write_per_mtok,
    )?;
    Ok(match raw.long_context_above_tokens {
        None if long_in.is_some()
            || long_out.is_some()
            || long_cached.is_some()
            || long_write.is_some() =>
        {
            return Err(EntryRefused::Inconsistent(
                "long-context prices without long_context_above_tokens",
            ))
        }
        None => None,
        Some(n) if n <= 0 => {
            return Err(EntryRefused::NotATokenCount {
                what: "long_context_above_tokens",
                value: n,
            })
        }
        Some(n) => {
            let (Some(i), Some(o)) = (long_in, long_out) else {
                return Err(EntryRefused::Inconsistent(
                    "a long-context tier needs long_context_input_per_mtok and long_context_output_per_mtok",
                ));
            };
            if !raw.free && (i == 0.0 || o == 0.0) {
                return Err(EntryRefused::Inconsistent(
                    "a zero long-context price in an entry not marked free",
                ));
            }
            Some(LongContext {
                above_tokens: n as u64,
                input_per_mtok: i,
                output_per_mtok: o,
                cached_input_per_mtok: long_cached,
                cache_write_per_mtok: long_write,
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok() -> RawApi {
        RawApi {
            name: Some("M".into()),
            input_per_mtok: Some(1.0),
            output_per_mtok: Some(2.0),
            source: Some("s".into()),
            as_of: Some("2026-08".into()),
            ..RawApi::default()
        }
    }

    #[test]
    fn the_rule_names_what_is_wrong() {
        assert!(check(ok()).is_ok());
        let bad = |f: fn(&mut RawApi)| {
            let mut r = ok();
            f(&mut r);
            check(r).unwrap_err().to_string()
        };
        assert!(bad(|r| r.input_per_mtok = None).contains("no input price"));
        assert!(bad(|r| r.output_per_mtok = Some(f64::NAN)).contains("not a price"));
        assert!(bad(|r| r.input_per_mtok = Some(-1.0)).contains("not a price"));
        assert!(bad(|r| r.input_per_mtok = Some(2e9)).contains("not a price"));
        assert!(bad(|r| r.output_per_mtok = Some(0.0)).contains("not marked free"));
        assert!(bad(|r| r.batch_discount = Some(1.5)).contains("batch discount"));
        assert!(bad(|r| r.context_window = Some(0)).contains("context window"));
        assert!(bad(|r| r.max_output_tokens = Some(-1)).contains("max_output_tokens"));
        assert!(bad(|r| r.as_of = Some("2026-13".into())).contains("as_of"));
        assert!(bad(|r| r.as_of = None).contains("as_of"));
        assert!(bad(|r| r.source = None).contains("no source"));
        assert!(bad(|r| r.long_context_input_per_mtok = Some(2.0)).contains("without long_context"));
        assert!(bad(|r| r.long_context_above_tokens = Some(200_000)).contains("needs"));
        let mut free = ok();
        free.free = true;
        free.input_per_mtok = Some(0.0);
        assert!(check(free).is_ok());
        fn step(from: &str) -> RawStep {
            RawStep {
                from: Some(from.into()),
                input_per_mtok: Some(2.0),
                output_per_mtok: Some(4.0),
                cached_input_per_mtok: None,
            }
        }
        let mut later = ok();
        later.price_schedule = Some(vec![step("2027-01-01")]);
        let steps = check(later).unwrap().price_schedule;
        assert_eq!(
            (steps[0].from.as_str(), steps[0].cached_input_per_mtok),
            ("2027-01-01", 2.0)
        );
        let early = bad(|r| r.price_schedule = Some(vec![step("2026-07-31")]));
        assert!(
            early.contains("price_schedule[0].from")
                && early.contains("allowed a date on or after 2026-08"),
            "{early}"
        );
        let down = bad(|r| r.price_schedule = Some(vec![step("2027-06-01"), step("2027-01-01")]));
        assert!(
            down.contains("price_schedule[1].from") && down.contains("ascend"),
            "{down}"
        );
        let mut unknown = ok();
        unknown.as_of = Some("unknown".into());
        assert_eq!(check(unknown).unwrap().as_of, "unknown");
    }
}
