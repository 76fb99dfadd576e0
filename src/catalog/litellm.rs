//! Importing LiteLLM's `model_prices_and_context_window.json`, the pricing database much of the
//! LLM tooling ecosystem uses: one JSON object keyed by model name, prices in USD per token.
//! Chat and `responses` text models are mapped (names as written there) and checked by the
//! catalog's own rule; everything else (other modes, commitments, entries without per-token
//! prices, zero-priced `responses` entries) is counted and left aside. The file is read one entry at a time.

use serde_json::{Map, Value};

use super::api_entry::RawApi;
use super::import::{per_million, Import};
use super::json;

/// LiteLLM's base price keys and the tier keys built on them (`<key>_above_<N>k_tokens`).
const INPUT: &str = "input_cost_per_token";
const OUTPUT: &str = "output_cost_per_token";
const CACHE_READ: &str = "cache_read_input_token_cost";
const CACHE_WRITE: &str = "cache_creation_input_token_cost";

/// Read the file. `as_of` is the date given with `--as-of`, or `unknown`; `today` decides which
/// models are past their deprecation date (marked legacy).
pub fn parse(
    text: &str,
    origin: &str,
    as_of: &str,
    today: &str,
) -> Result<Import, super::refusal::FileRefused> {
    let mut out = Import::default();
    let source = format!("LiteLLM model_prices_and_context_window.json ({origin})");
    let mut multi_tier = 0;
    let mut first_range_only = 0;
    json::for_each_entry(
        text,
        origin,
        "not a valid LiteLLM price file",
        &mut |name, v| {
            if name == "sample_spec" {
                out.skip("sample_spec (the format's own description)");
                return;
            }
            let Some(obj) = v.as_object() else {
                out.skip("not an object");
                return;
            };
            let mode = match obj.get("mode").and_then(Value::as_str) {
                Some(m @ ("chat" | "responses")) => m,
                Some(mode) => return out.skip(format!("mode {mode}")),
                None => return out.skip("no mode"),
            };
            if let Some(why) = left_aside(&name, obj, mode) {
                return out.skip(why);
            }
            let mut why = Vec::new();
            let mut raw = map_entry(&name, obj, &mut why, &mut multi_tier, &mut first_range_only);
            raw.source = Some(source.clone());
            raw.as_of = Some(as_of.to_string());
            raw.legacy = obj
                .get("deprecation_date")
                .and_then(Value::as_str)
                .is_some_and(|d| d <= today);
            if why.is_empty() {
                out.add(raw);
            } else {
                out.invalid.push((name, why.join("; ")));
            }
        },
    )?;
    out.note_count(
        multi_tier,
        "model has more than one long-context tier; crossover keeps the lowest threshold",
        "models have more than one long-context tier; crossover keeps the lowest threshold",
    );
    out.note_count(
        first_range_only,
        "model has more than two price ranges; crossover keeps the first two",
        "models have more than two price ranges; crossover keeps the first two",
    );
    Ok(out)
}

/// Why a chat or responses entry is not a per-token price to import, if it is not: a
/// commitment (a fee for reserved capacity), an entry priced only per second, image or request,
/// or a `responses` entry priced at zero without being marked free. A zero-priced chat entry
/// not marked free is kept, so that the catalog's rule refuses it.
fn left_aside(name: &str, obj: &Map<String, Value>, mode: &str) -> Option<&'static str> {
    if name.to_ascii_lowercase().contains("commitment") {
        return Some("commitment (a fee for reserved capacity, not a per-token price)");
    }
    let has = |k: &str| obj.get(k).is_some_and(|v| !v.is_null());
    let priced_otherwise = obj
        .keys()
        .any(|k| k.contains("cost_per_") && !k.contains("_token"));
    if !has(INPUT) && !has(OUTPUT) && !obj.contains_key("tiered_pricing") && priced_otherwise {
        return Some("no per-token price (priced per second, image or request)");
    }
    let zero = |k: &str| obj.get(k).and_then(Value::as_f64) == Some(0.0);
    let free = obj.get("free").and_then(Value::as_bool) == Some(true) || name.ends_with(":free");
    if mode != "chat" && !free && zero(INPUT) && zero(OUTPUT) {
        return Some("zero-priced responses entry not marked free");
    }
    None
}

/// A per-token price field as per million tokens; a field that is there but not a number is
/// a reason to refuse the entry.
fn per_mtok(obj: &Map<String, Value>, key: &str, why: &mut Vec<String>) -> Option<f64> {
    match obj.get(key) {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_f64() {
            Some(x) => Some(per_million(x)),
            None => {
                why.push(format!("{key} is not a number: {v}"));
                None
            }
        },
    }
}

fn map_entry(
    name: &str,
    obj: &Map<String, Value>,
    why: &mut Vec<String>,
    multi_tier: &mut usize,
    first_range_only: &mut usize,
) -> RawApi {
    let explicit_free = obj.get("free").and_then(Value::as_bool) == Some(true);
    let mut raw = RawApi {
        name: Some(name.to_string()),
        provider: obj
            .get("litellm_provider")
            .and_then(Value::as_str)
            .map(str::to_string),
        free: explicit_free || name.ends_with(":free"),
        ..RawApi::default()
    };
    raw.context_window = match obj
        .get("max_input_tokens")
        .or_else(|| obj.get("max_tokens"))
    {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_f64().filter(|x| x.fract() == 0.0 && x.abs() < 9e15) {
            Some(x) => Some(x as i64),
            None => {
                why.push(format!("max_input_tokens is not a whole number: {v}"));
                None
            }
        },
    };
    if let Some(tiers) = obj.get("tiered_pricing") {
        tiered_pricing(&mut raw, tiers, why, first_range_only);
    } else {
        raw.input_per_mtok = per_mtok(obj, INPUT, why);
        raw.output_per_mtok = per_mtok(obj, OUTPUT, why);
        raw.cached_input_per_mtok = per_mtok(obj, CACHE_READ, why);
        raw.cache_write_per_mtok = per_mtok(obj, CACHE_WRITE, why);
        long_context_keys(&mut raw, obj, why, multi_tier);
    }
    let batch = |key: &str, base: Option<f64>, why: &mut Vec<String>| {
        let b = per_mtok(obj, key, why)?;
        base.filter(|x| *x > 0.0)
            .map(|x| ((1.0 - b / x) * 1e6).round() / 1e6)
    };
    raw.batch_discount = batch("input_cost_per_token_batches", raw.input_per_mtok, why)
        .or_else(|| batch("output_cost_per_token_batches", raw.output_per_mtok, why));
    raw
}

/// `input_cost_per_token_above_200k_tokens` and its siblings: the lowest threshold becomes the
/// long-context tier. Keys for other services (`_batches`, `_priority`, `_flex`) are left aside.
fn long_context_keys(
    raw: &mut RawApi,
    obj: &Map<String, Value>,
    why: &mut Vec<String>,
    multi_tier: &mut usize,
) {
    let thresholds: Vec<i64> = obj
        .keys()
        .filter_map(|k| k.strip_prefix("input_cost_per_token_above_"))
        .filter_map(|rest| rest.strip_suffix("k_tokens"))
        .filter_map(|n| n.parse::<i64>().ok())
        .collect();
    let Some(&n) = thresholds.iter().min() else {
        return;
    };
    if thresholds.len() > 1 {
        *multi_tier += 1;
    }
    let at = |base: &str, why: &mut Vec<String>| {
        per_mtok(obj, &format!("{base}_above_{n}k_tokens"), why)
    };
    raw.long_context_above_tokens = Some(n * 1000);
    raw.long_context_input_per_mtok = at(INPUT, why);
    raw.long_context_output_per_mtok = at(OUTPUT, why).or(raw.output_per_mtok);
    raw.long_context_cached_input_per_mtok = at(CACHE_READ, why);
    raw.long_context_cache_write_per_mtok = at(CACHE_WRITE, why);
}

/// `tiered_pricing: [{range: [0, N], input_cost_per_token, …}, {range: [N, M], …}]`: the first
/// range is the base price, the second the long-context tier above N.
fn tiered_pricing(
    raw: &mut RawApi,
    tiers: &Value,
    why: &mut Vec<String>,
    first_range_only: &mut usize,
) {
    let Some(ranges) = tiers.as_array().filter(|a| !a.is_empty()) else {
        why.push("tiered_pricing is not a list of price ranges".into());
        return;
    };
    let mut objs = Vec::new();
    for r in ranges {
        match r.as_object() {
            Some(o) => objs.push(o),
            None => {
                why.push("tiered_pricing has an entry that is not an object".into());
                return;
            }
        }
    }
    let start = |o: &Map<String, Value>| {
        o.get("range")
            .and_then(Value::as_array)
            .and_then(|r| r.first())
            .and_then(Value::as_f64)
    };
    if start(objs[0]) != Some(0.0) {
        why.push("tiered_pricing does not start at 0 tokens".into());
        return;
    }
    raw.input_per_mtok = per_mtok(objs[0], INPUT, why);
    raw.output_per_mtok = per_mtok(objs[0], OUTPUT, why);
    raw.cached_input_per_mtok = per_mtok(objs[0], CACHE_READ, why);
    raw.cache_write_per_mtok = per_mtok(objs[0], CACHE_WRITE, why);
    let Some(second) = objs.get(1) else {
        return;
    };
    if objs.len() > 2 {
        *first_range_only += 1;
    }
    match start(second).filter(|x| *x > 0.0 && x.fract() == 0.0) {
        Some(n) => raw.long_context_above_tokens = Some(n as i64),
        None => {
            why.push("tiered_pricing's second range has no start".into());
            return;
        }
    }
    raw.long_context_input_per_mtok = per_mtok(second, INPUT, why).or(raw.input_per_mtok);
    raw.long_context_output_per_mtok = per_mtok(second, OUTPUT, why).or(raw.output_per_mtok);
    raw.long_context_cached_input_per_mtok = per_mtok(second, CACHE_READ, why);
    raw.long_context_cache_write_per_mtok = per_mtok(second, CACHE_WRITE, why);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_files_are_refused_with_a_position() {
        let e = parse(
            "{\"gpt-4o\": {\"mode\": \"chat\",",
            "f.json",
            "unknown",
            "2026-11-25",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("f.json:1:"), "{e}");
        assert!(parse("[1, 2]", "f.json", "x", "2026-11-25").is_err());
    }

    #[test]
    fn the_issue_example_is_refused_for_what_the_loader_refuses() {
        let i = parse(
            "{\"m\":{\"mode\":\"chat\",\"input_cost_per_token\":2000,\"output_cost_per_token\":1e-6}}",
            "f.json",
            "unknown",
            "2026-11-25",
        )
        .unwrap();
        assert!(i.models.is_empty());
        assert_eq!(i.invalid.len(), 1);
        assert!(i.invalid[0].1.contains("not a price"), "{:?}", i.invalid);
    }

    fn one(entry: &str) -> Import {
        parse(
            &format!("{{\"m\": {entry}}}"),
            "f.json",
            "2026-08-01",
            "2026-11-25",
        )
        .unwrap()
    }

    #[test]
    fn responses_text_models_import() {
        let i = one(
            r#"{"mode": "responses", "litellm_provider": "openai", "input_cost_per_token": 1.5e-5, "output_cost_per_token": 1.2e-4}"#,
        );
        assert_eq!(i.models.len(), 1, "{i:?}");
        assert_eq!(i.models[0].output_per_mtok, 120.0);
    }

    #[test]
    fn commitments_and_unpriced_entries_are_left_aside_and_counted() {
        let i = parse(
            r#"{"bedrock/1-month-commitment/cohere.command": {"mode": "chat", "input_cost_per_second": 0.011},
                "sagemaker/llama": {"mode": "chat", "input_cost_per_second": 0.001},
                "unpriced": {"mode": "chat"},
                "x/deep-research": {"mode": "responses", "input_cost_per_token": 0, "output_cost_per_token": 0},
                "gpt": {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}}"#,
            "f.json",
            "unknown",
            "2026-11-25",
        )
        .unwrap();
        assert_eq!(i.models.len(), 1);
        // A chat entry with no price at all is a missing price, not one priced otherwise.
        assert_eq!(i.invalid.len(), 1, "{:?}", i.invalid);
        assert_eq!(i.invalid[0].0, "unpriced");
        assert_eq!(i.skipped.values().sum::<usize>(), 3, "{:?}", i.skipped);
        assert!(i.skipped.keys().any(|k| k.starts_with("commitment")));
    }

    #[test]
    fn a_zero_priced_chat_entry_not_marked_free_stays_refused() {
        let i = one(r#"{"mode": "chat", "input_cost_per_token": 0, "output_cost_per_token": 0}"#);
        assert!(i.models.is_empty());
        assert_eq!(i.invalid.len(), 1);
        assert!(
            i.invalid[0].1.contains("not marked free"),
            "{:?}",
            i.invalid
        );
        let free = one(
            r#"{"mode": "chat", "free": true, "input_cost_per_token": 0, "output_cost_per_token": 0}"#,
        );
        assert_eq!(free.models.len(), 1);
    }
}
