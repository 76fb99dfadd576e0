//! What both importers (LiteLLM's file, pydantic/genai-prices' data file) hand back: the models
//! the catalog will keep, the entries it would not keep and why, and what was left aside.

use std::collections::BTreeMap;

use super::api_entry::{check, ApiModel, RawApi};

/// The result of reading a price file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Import {
    /// Models that pass the catalog's rule.
    pub models: Vec<ApiModel>,
    /// Priced entries the catalog would not keep: (name, why).
    pub invalid: Vec<(String, String)>,
    /// Entries that are not text models at all (embeddings, images, …): reason → count.
    pub skipped: BTreeMap<String, usize>,
    /// Simplifications made, one line each ("3 models have more than one tier …").
    pub notes: Vec<String>,
}

impl Import {
    pub fn skip(&mut self, reason: impl Into<String>) {
        *self.skipped.entry(reason.into()).or_insert(0) += 1;
    }

    /// Run the catalog's rule on one entry and file it. An entry whose name or provider is
    /// over the length of a name or holds a control character is left aside and counted: it
    /// is never stored, so the stored import holds only what its reader accepts.
    pub fn add(&mut self, raw: RawApi) {
        let name = raw.name.clone().unwrap_or_default();
        let texts = [&name, raw.provider.as_deref().unwrap_or("")];
        if let Some(why) = texts.iter().find_map(|t| name_refusal(t)) {
            self.skip(why);
            return;
        }
        match check(raw) {
            Ok(m) => self.models.push(m),
            Err(e) => self.invalid.push((name, e.to_string())),
        }
    }

    /// `"n thing(s) verb"` notes, only when n > 0.
    pub fn note_count(&mut self, n: usize, one: &str, many: &str) {
        match n {
            0 => {}
            1 => self.notes.push(format!("1 {one}")),
            n => self.notes.push(format!("{n} {many}")),
        }
    }
}

/// Why a model's name or provider cannot be kept: longer than a name may be, or holding a
/// control character (a line break, NUL, an escape, a bidirectional override). `None` if fine.
pub fn name_refusal(text: &str) -> Option<&'static str> {
    if text.chars().count() > crate::model::fields::NAME_CAP {
        Some("names over 256 characters")
    } else if crate::sanitize::has_control(text) {
        Some("names with control characters")
    } else {
        None
    }
}

/// Per token to per million, without float noise (2.5e-06 → 2.5, not 2.4999999999999996).
pub fn per_million(per_token: f64) -> f64 {
    let x = per_token * 1e6;
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 12 - x.abs().log10().ceil() as i32;
    let f = 10f64.powi(digits.clamp(0, 300));
    let rounded = (x * f).round() / f;
    if rounded.is_finite() {
        rounded
    } else {
        x
    }
}

/// A `--as-of` value: `YYYY-MM-DD`, or why not.
pub fn parse_as_of(s: &str) -> Result<String, super::refusal::NotADay> {
    let t = s.trim();
    if t.len() == 10 && super::api_entry::is_date(t) {
        Ok(t.to_string())
    } else {
        Err(super::refusal::NotADay(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_per_token_become_per_million() {
        assert_eq!(per_million(2.5e-06), 2.5);
        assert_eq!(per_million(1.5e-07), 0.15);
        assert_eq!(per_million(3e-06), 3.0);
        assert_eq!(per_million(1000.0), 1e9);
        assert!(per_million(1e303).is_infinite());
    }

    #[test]
    fn as_of_dates() {
        assert_eq!(parse_as_of("2026-08-21").unwrap(), "2026-08-21");
        for bad in ["2026-08", "21/08/2026", "2026-02-30", "today", ""] {
            assert!(
                parse_as_of(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("YYYY-MM-DD"),
                "{bad}"
            );
        }
    }
}
