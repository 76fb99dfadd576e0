//! Importing LiteLLM's `model_prices_and_context_window.json`, the pricing database much of the
//! LLM tooling ecosystem uses: one JSON object keyed by model name, prices in USD per token.
//! Chat models are kept (names as written there); everything else is counted and skipped.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::entries::ApiModel;

/// What an import found.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub models: Vec<ApiModel>,
    /// Reason → how many entries were skipped for it.
    pub skipped: BTreeMap<String, usize>,
    /// Chat models whose prices are tiered above a prompt size (the base tier is used).
    pub tiered: usize,
}

/// Per token to per million, without float noise (2.5e-06 → 2.5, not 2.4999999999999996).
fn per_million(per_token: f64) -> f64 {
    let x = per_token * 1e6;
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 12 - x.abs().log10().ceil() as i32;
    let f = 10f64.powi(digits.clamp(0, 300));
    (x * f).round() / f
}

/// Parse the file; refuse it (with line and column) if it is not a JSON object.
pub fn parse(text: &str, origin: &str, as_of: &str) -> Result<Import, String> {
    let map: Map<String, Value> = serde_json::from_str(text).map_err(|e| {
        format!(
            "{origin}:{}:{}: not a valid LiteLLM price file: {e}",
            e.line(),
            e.column()
        )
    })?;
    let mut out = Import {
        models: Vec::new(),
        skipped: BTreeMap::new(),
        tiered: 0,
    };
    let mut skip = |reason: String| *out.skipped.entry(reason).or_insert(0) += 1;
    for (name, v) in &map {
        if name == "sample_spec" {
            skip("sample_spec (the format's own description)".into());
            continue;
        }
        let Some(obj) = v.as_object() else {
            skip("not an object".into());
            continue;
        };
        match obj.get("mode").and_then(Value::as_str) {
            Some("chat") => {}
            Some(mode) => {
                skip(format!("mode {mode}"));
                continue;
            }
            None => {
                skip("no mode".into());
                continue;
            }
        }
        let num = |k: &str| {
            obj.get(k)
                .and_then(Value::as_f64)
                .filter(|x| x.is_finite() && *x >= 0.0)
        };
        let (Some(input), Some(output)) =
            (num("input_cost_per_token"), num("output_cost_per_token"))
        else {
            skip("chat model without input and output prices".into());
            continue;
        };
        if obj.keys().any(|k| k.contains("_above_")) {
            out.tiered += 1;
        }
        let batch_discount = num("input_cost_per_token_batches")
            .filter(|_| input > 0.0)
            .map(|b| 1.0 - b / input)
            .or_else(|| {
                num("output_cost_per_token_batches")
                    .filter(|_| output > 0.0)
                    .map(|b| 1.0 - b / output)
            })
            .filter(|d| (0.0..=1.0).contains(d))
            .map(|d| (d * 1e6).round() / 1e6);
        let provider = obj
            .get("litellm_provider")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let context = obj
            .get("max_input_tokens")
            .or_else(|| obj.get("max_tokens"))
            .and_then(Value::as_u64);
        out.models.push(ApiModel {
            name: name.clone(),
            provider: provider.to_string(),
            input_per_mtok: per_million(input),
            output_per_mtok: per_million(output),
            cached_input_per_mtok: num("cache_read_input_token_cost").map(per_million),
            batch_discount,
            context_window: context,
            source: format!("LiteLLM model_prices_and_context_window.json, imported from {origin}"),
            as_of: as_of.to_string(),
            estimate: false,
        });
    }
    Ok(out)
}

/// The imported models as catalog TOML.
pub fn to_toml(import: &Import, as_of: &str) -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = format!(
        "# API prices imported by `crossover prices import`; they come before the shipped catalog.\ncatalog_as_of = {}\n",
        q(as_of)
    );
    for m in &import.models {
        out.push_str(&format!(
            "\n[[api]]\nname = {}\nprovider = {}\ninput_per_mtok = {:?}\noutput_per_mtok = {:?}\n",
            q(&m.name),
            q(&m.provider),
            m.input_per_mtok,
            m.output_per_mtok
        ));
        if let Some(c) = m.cached_input_per_mtok {
            out.push_str(&format!("cached_input_per_mtok = {c:?}\n"));
        }
        if let Some(d) = m.batch_discount {
            out.push_str(&format!("batch_discount = {d:?}\n"));
        }
        if let Some(c) = m.context_window {
            out.push_str(&format!("context_window = {c}\n"));
        }
        out.push_str(&format!(
            "source = {}\nas_of = {}\n",
            q(&m.source),
            q(&m.as_of)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_per_token_become_per_million() {
        assert_eq!(per_million(2.5e-06), 2.5);
        assert_eq!(per_million(1.5e-07), 0.15);
        assert_eq!(per_million(3e-06), 3.0);
    }

    #[test]
    fn malformed_files_are_refused_with_a_position() {
        let e = parse("{\"gpt-4o\": {\"mode\": \"chat\",", "f.json", "2026-01").unwrap_err();
        assert!(e.starts_with("f.json:1:"), "{e}");
        assert!(parse("[1, 2]", "f.json", "x").is_err());
    }
}
