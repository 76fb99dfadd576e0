//! Importing pydantic/genai-prices' data file (`prices/data.json`, or the v2 file under
//! `prices/new_data/v2/`): a list of providers, each with models whose prices are USD per
//! million tokens. A price may be tiered (`{base, tiers: [{start, price}]}`: above `start` input
//! tokens the whole request pays the tier's price) and may have a history (a list of
//! `{constraint: {start_date}, prices}`); the price in force on the chosen date is taken.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::api_entry::RawApi;
use super::import::Import;
use super::json;
use super::refusal::FileRefused;

const KEYS: [&str; 4] = [
    "input_mtok",
    "output_mtok",
    "cache_read_mtok",
    "cache_write_mtok",
];

/// Read the file. `on` (`YYYY-MM-DD`) picks the price in force that day; `as_of` is the date
/// the imported entries carry (the `--as-of` date, or `unknown`).
pub fn parse(text: &str, origin: &str, on: &str, as_of: &str) -> Result<Import, FileRefused> {
    let doc = json::parse(text, origin, "not a valid genai-prices data file")?;
    let shape = |at: &str, what: String| FileRefused::Shape {
        origin: origin.to_string(),
        at: at.to_string(),
        what,
    };
    let Some(providers) = doc.as_array() else {
        return Err(shape(
            "1:1",
            "not a genai-prices data file: expected a list of providers".into(),
        ));
    };
    let mut read = Reading {
        on,
        source: format!("pydantic/genai-prices data file ({origin})"),
        as_of,
        out: Import::default(),
        time_of_day: 0,
        multi_tier: 0,
    };
    let mut entries = Vec::new();
    for (pi, p) in providers.iter().enumerate() {
        let Some(p) = p.as_object() else {
            return Err(shape("", format!("provider {} is not an object", pi + 1)));
        };
        let provider = text_of(p, "name")
            .or_else(|| text_of(p, "id"))
            .unwrap_or_default();
        let Some(models) = p.get("models").and_then(Value::as_array) else {
            read.out.skip("provider without models");
            continue;
        };
        for m in models {
            let Some(m) = m.as_object() else {
                read.out.skip("model that is not an object");
                continue;
            };
            entries.extend(read.model(m, &provider));
        }
    }
    let mut out = read.out;
    add_named(&mut out, entries);
    if looks_frozen(&doc, origin) {
        out.notes.push(FROZEN.to_string());
    }
    out.note_count(
        read.time_of_day,
        "model has time-of-day prices; crossover uses the all-day price",
        "models have time-of-day prices; crossover uses the all-day price",
    );
    out.note_count(
        read.multi_tier,
        "model has more than one long-context tier; crossover keeps the lowest threshold",
        "models have more than one long-context tier; crossover keeps the lowest threshold",
    );
    Ok(out)
}

/// The file being read: the day whose prices are taken, what entries carry, what is kept or
/// left aside so far and how many models were simplified.
struct Reading<'a> {
    on: &'a str,
    source: String,
    as_of: &'a str,
    out: Import,
    time_of_day: usize,
    multi_tier: usize,
}

impl Reading<'_> {
    /// One model's entry and what is wrong with it, or `None` when it is left aside (no price
    /// in force, not a text model) or refused outright.
    fn model(
        &mut self,
        m: &serde_json::Map<String, Value>,
        provider: &str,
    ) -> Option<(RawApi, Vec<String>)> {
        let on = self.on;
        let name = text_of(m, "name")
            .or_else(|| text_of(m, "id"))
            .unwrap_or_default();
        let mut why = Vec::new();
        let prices = match in_force(m.get("prices"), on, &mut self.time_of_day, &mut why) {
            Some(p) => p,
            None if why.is_empty() => {
                self.out.skip(format!("no price in force on {on}"));
                return None;
            }
            None => {
                self.out.invalid.push((name, why.join("; ")));
                return None;
            }
        };
        if !prices.contains_key("input_mtok") && !prices.contains_key("output_mtok") {
            self.out.skip("no token prices");
            return None;
        }
        if !prices.contains_key("output_mtok") {
            self.out.skip("no output price (embeddings and the like)");
            return None;
        }
        let raw = map_prices(&name, provider, prices, &mut why, &mut self.multi_tier);
        let mut raw = RawApi {
            context_window: match m.get("context_window") {
                None | Some(Value::Null) => None,
                Some(v) => match v.as_i64() {
                    Some(c) => Some(c),
                    None => {
                        why.push(format!("context_window is not a whole number: {v}"));
                        None
                    }
                },
            },
            legacy: m.get("deprecated").and_then(Value::as_bool) == Some(true),
            free: m.get("free").and_then(Value::as_bool) == Some(true)
                || name.ends_with(":free")
                || name.to_ascii_lowercase().contains("(free)"),
            source: Some(self.source.clone()),
            as_of: Some(self.as_of.to_string()),
            ..raw
        };
        raw.comment = text_of(m, "price_comments");
        Some((raw, why))
    }
}

/// The entries into `out`: a name several providers share (the same model sold by two clouds)
/// gets its provider; an entry with something wrong is listed as invalid.
fn add_named(out: &mut Import, entries: Vec<(RawApi, Vec<String>)>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (raw, _) in &entries {
        *seen
            .entry(raw.name.clone().unwrap_or_default())
            .or_insert(0) += 1;
    }
    for (mut raw, why) in entries {
        let name = raw.name.clone().unwrap_or_default();
        if seen.get(&name).copied().unwrap_or(0) > 1 {
            raw.name = Some(format!(
                "{name} ({})",
                raw.provider.as_deref().unwrap_or("?")
            ));
        }
        if why.is_empty() {
            out.add(raw);
        } else {
            out.invalid
                .push((raw.name.unwrap_or_default(), why.join("; ")));
        }
    }
}

/// The warning for genai-prices' old v1 file.
pub const FROZEN: &str = "warning: this is genai-prices' v1 file (prices/data.json), frozen in July 2026 with no provider, model or price updates since; import the live file, prices/new_data/v2/data.json";

/// Price keys only the v2 format has.
const V2_ONLY: [&str; 5] = [
    "cache_write_1h_mtok",
    "cache_write_5m_mtok",
    "web_searches_kcount",
    "output_reasoning_mtok",
    "input_video_mtok",
];

/// Whether `doc` is the frozen v1 file: named like it (`prices/data.json` or
/// `prices/data_slim.json`, not under `new_data/`) and using no price key only v2 has.
fn looks_frozen(doc: &Value, origin: &str) -> bool {
    let path = origin.replace('\\', "/");
    let v1_name = ["/prices/data.json", "/prices/data_slim.json"]
        .iter()
        .any(|n| path.ends_with(n) || path == n[1..])
        && !path.contains("new_data/");
    v1_name && !has_v2_keys(doc)
}

fn has_v2_keys(doc: &Value) -> bool {
    let in_prices = |p: &Value| match p {
        Value::Object(o) => V2_ONLY.iter().any(|k| o.contains_key(*k)),
        Value::Array(h) => h.iter().any(|e| {
            e.get("prices")
                .and_then(Value::as_object)
                .is_some_and(|o| V2_ONLY.iter().any(|k| o.contains_key(*k)))
        }),
        _ => false,
    };
    doc.as_array().into_iter().flatten().any(|p| {
        p.get("models")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .any(|m| m.get("prices").is_some_and(in_prices))
    })
}

fn text_of(o: &Map<String, Value>, key: &str) -> Option<String> {
    o.get(key)
        .and_then(Value::as_str)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The price object in force on `on`: a plain object, or from a history the entry with the
/// latest `start_date` not after `on`. Entries limited to hours of the day are left aside.
fn in_force<'a>(
    prices: Option<&'a Value>,
    on: &str,
    time_of_day: &mut usize,
    why: &mut Vec<String>,
) -> Option<&'a Map<String, Value>> {
    match prices {
        Some(Value::Object(o)) => Some(o),
        Some(Value::Array(history)) => {
            let mut best: Option<(&str, &Map<String, Value>)> = None;
            let mut counted = false;
            for h in history {
                let Some(h) = h.as_object() else {
                    why.push("a price history entry is not an object".into());
                    return None;
                };
                let c = h.get("constraint").and_then(Value::as_object);
                if c.is_some_and(|c| c.contains_key("start_time") || c.contains_key("end_time")) {
                    if !counted {
                        *time_of_day += 1;
                        counted = true;
                    }
                    continue;
                }
                let start = c
                    .and_then(|c| c.get("start_date"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if !start.is_empty() && !super::api_entry::is_date(start) {
                    why.push(format!("start_date {start:?} is not a date"));
                    return None;
                }
                let Some(p) = h.get("prices").and_then(Value::as_object) else {
                    why.push("a price history entry has no prices".into());
                    return None;
                };
                if start <= on && best.is_none_or(|(b, _)| start >= b) {
                    best = Some((start, p));
                }
            }
            best.map(|(_, p)| p)
        }
        _ => {
            why.push("no prices".into());
            None
        }
    }
}

/// A price value: a number, or `{base, tiers: [{start, price}]}`.
enum Price {
    Flat(f64),
    Tiered(f64, Vec<(i64, f64)>),
}

fn price_of(key: &str, v: &Value, why: &mut Vec<String>) -> Option<Price> {
    if let Some(x) = v.as_f64() {
        return Some(Price::Flat(x));
    }
    let Some(o) = v.as_object() else {
        why.push(format!("{key} is not a price: {v}"));
        return None;
    };
    let Some(base) = o.get("base").and_then(Value::as_f64) else {
        why.push(format!("{key} has no base price"));
        return None;
    };
    let mut tiers = Vec::new();
    for t in o
        .get("tiers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match (
            t.get("start").and_then(Value::as_i64),
            t.get("price").and_then(Value::as_f64),
        ) {
            (Some(s), Some(p)) => tiers.push((s, p)),
            _ => {
                why.push(format!("{key} has a tier without start and price"));
                return None;
            }
        }
    }
    tiers.sort_by_key(|t| t.0);
    Some(Price::Tiered(base, tiers))
}

fn map_prices(
    name: &str,
    provider: &str,
    prices: &Map<String, Value>,
    why: &mut Vec<String>,
    multi_tier: &mut usize,
) -> RawApi {
    let parsed: Vec<Option<Price>> = KEYS
        .iter()
        .map(|k| prices.get(*k).and_then(|v| price_of(k, v, why)))
        .collect();
    let base = |p: &Option<Price>| match p {
        Some(Price::Flat(x)) | Some(Price::Tiered(x, _)) => Some(*x),
        None => None,
    };
    let mut starts: Vec<i64> = parsed
        .iter()
        .flatten()
        .flat_map(|p| match p {
            Price::Tiered(_, t) => t.iter().map(|(s, _)| *s).collect(),
            Price::Flat(_) => Vec::new(),
        })
        .collect();
    starts.sort_unstable();
    starts.dedup();
    // The price that applies just above the lowest threshold: the last tier starting at or
    // below it, else the base.
    let above = starts.first().copied();
    let at = |p: &Option<Price>, n: i64| match p {
        Some(Price::Tiered(b, t)) => Some(
            t.iter()
                .rev()
                .find(|(s, _)| *s <= n)
                .map_or(*b, |(_, x)| *x),
        ),
        Some(Price::Flat(x)) => Some(*x),
        None => None,
    };
    if starts.len() > 1 {
        *multi_tier += 1;
    }
    let mut raw = RawApi {
        name: Some(name.to_string()),
        provider: Some(provider.to_string()).filter(|p| !p.is_empty()),
        input_per_mtok: base(&parsed[0]),
        output_per_mtok: base(&parsed[1]),
        cached_input_per_mtok: base(&parsed[2]),
        cache_write_per_mtok: base(&parsed[3]),
        ..RawApi::default()
    };
    if let Some(n) = above {
        raw.long_context_above_tokens = Some(n);
        raw.long_context_input_per_mtok = at(&parsed[0], n);
        raw.long_context_output_per_mtok = at(&parsed[1], n);
        // Only tiered cache prices become long-context ones; flat ones stay as they are.
        let tiered = |p: &Option<Price>| matches!(p, Some(Price::Tiered(..)));
        raw.long_context_cached_input_per_mtok = at(&parsed[2], n).filter(|_| tiered(&parsed[2]));
        raw.long_context_cache_write_per_mtok = at(&parsed[3], n).filter(|_| tiered(&parsed[3]));
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"[
      {"id": "anthropic", "name": "Anthropic", "models": [
        {"id": "claude-sonnet-4-6", "name": "Claude Sonnet 4.6", "context_window": 1000000,
         "prices": [
           {"prices": {"input_mtok": {"base": 3, "tiers": [{"start": 200000, "price": 6}]},
                       "output_mtok": {"base": 15, "tiers": [{"start": 200000, "price": 22.5}]},
                       "cache_read_mtok": 0.3}},
           {"constraint": {"start_date": "2026-03-13"},
            "prices": {"input_mtok": 3, "output_mtok": 15, "cache_read_mtok": 0.3}}]}]}]"#;

    #[test]
    fn the_price_in_force_on_the_date_is_taken() {
        let before = parse(FILE, "d.json", "2026-01-01", "2026-01-01").unwrap();
        let m = &before.models[0];
        assert_eq!(m.name, "Claude Sonnet 4.6");
        let lc = m.long_context.unwrap();
        assert_eq!(
            (lc.above_tokens, lc.input_per_mtok, lc.output_per_mtok),
            (200_000, 6.0, 22.5)
        );
        assert_eq!(lc.cached_input_per_mtok, None);
        let after = parse(FILE, "d.json", "2026-03-13", "unknown").unwrap();
        assert_eq!(after.models[0].long_context, None);
        assert_eq!(after.models[0].as_of, "unknown");
    }

    #[test]
    fn the_frozen_v1_file_imports_with_a_warning() {
        let v1 = parse(
            FILE,
            "genai-prices/prices/data.json",
            "2026-12-01",
            "unknown",
        )
        .unwrap();
        assert_eq!(v1.models.len(), 1);
        assert!(v1.notes.iter().any(|n| n == FROZEN), "{:?}", v1.notes);
        let v2 = parse(
            FILE,
            "genai-prices/prices/new_data/v2/data.json",
            "2026-12-01",
            "unknown",
        )
        .unwrap();
        assert!(!v2.notes.iter().any(|n| n == FROZEN), "{:?}", v2.notes);
        let renamed = FILE.replace(
            "\"cache_read_mtok\": 0.3}}]",
            "\"cache_read_mtok\": 0.3, \"cache_write_1h_mtok\": 6}}]",
        );
        assert_ne!(renamed, FILE);
        let v2_named_v1 = parse(&renamed, "prices/data.json", "2026-12-01", "unknown").unwrap();
        assert!(!v2_named_v1.notes.iter().any(|n| n == FROZEN));
    }
}
