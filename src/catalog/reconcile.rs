//! Imported prices beside the shipped catalog, so that an import cannot mislead: the same model
//! is the same normalised name from the same provider; when an import and the shipped catalog
//! price it differently, the newer dated entry wins and the other is named in a warning; an
//! undated import never beats a dated entry. Offers of the same model by other providers stay
//! side by side, named with their provider.

use super::api_entry::ApiModel;

/// What an import and the shipped catalog make together: the API list in force (imported
/// entries first) and one warning per entry that lost to another.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merged {
    pub api: Vec<ApiModel>,
    pub warnings: Vec<String>,
}

/// A name as compared: lower case, words of letters and digits, a `provider/` prefix dropped
/// ("openai/gpt-5.6-luna" and "GPT-5.6 Luna" are both "gpt 5 6 luna").
pub fn normalised_name(name: &str) -> String {
    let bare = name.rsplit('/').next().unwrap_or(name);
    bare.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A provider as compared: its letters and digits, with the names the price files use for the
/// same company ("gemini" and "google", "fireworks_ai" and "Fireworks") made one.
pub fn normalised_provider(provider: &str) -> String {
    let p: String = provider
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let same = [
        ("gemini", "google"),
        ("googleai", "google"),
        ("fireworksai", "fireworks"),
        ("togetherai", "together"),
        ("dashscope", "alibaba"),
        ("mistralai", "mistral"),
        ("deepseekai", "deepseek"),
        ("xai", "xai"),
    ];
    same.iter()
        .find(|(from, _)| *from == p)
        .map_or(p, |(_, to)| (*to).to_string())
}

fn identity(m: &ApiModel) -> (String, String) {
    (normalised_name(&m.name), normalised_provider(&m.provider))
}

/// A date as compared: missing parts count as the earliest (`2026-08` is older than
/// `2026-08-02`); `unknown` and anything not a date are `None`.
fn sortable(as_of: &str) -> Option<String> {
    if !super::api_entry::is_date(as_of) {
        return None;
    }
    let mut parts: Vec<&str> = as_of.split('-').collect();
    parts.resize(3, "00");
    Some(parts.join("-"))
}

fn same_prices(a: &ApiModel, b: &ApiModel) -> bool {
    a.input_per_mtok == b.input_per_mtok
        && a.output_per_mtok == b.output_per_mtok
        && a.cached_input_per_mtok == b.cached_input_per_mtok
        && a.long_context == b.long_context
}

fn described(m: &ApiModel, whose: &str) -> String {
    let cached = m
        .cached_input_per_mtok
        .map_or(String::new(), |c| format!(", cached ${c}"));
    let long = m.long_context.map_or(String::new(), |l| {
        format!(
            ", above {} input tokens ${}/${}",
            crate::figures::grouped(l.above_tokens as f64, 0),
            l.input_per_mtok,
            l.output_per_mtok
        )
    });
    format!(
        "{whose} {} ({}, ${}/${} per Mtok{cached}{long}, as of {})",
        m.name, m.provider, m.input_per_mtok, m.output_per_mtok, m.as_of
    )
}

/// Which of an imported and a shipped entry for the same model is kept, and the warning that
/// names the other (none when they price it alike).
fn decide(imported: &ApiModel, shipped: &ApiModel) -> (bool, Option<String>) {
    let keep_import = match (sortable(&imported.as_of), sortable(&shipped.as_of)) {
        (Some(i), Some(s)) => i >= s,
        (None, Some(_)) => false,
        (_, None) => true,
    };
    if same_prices(imported, shipped) {
        return (keep_import, None);
    }
    let warning = match (keep_import, sortable(&imported.as_of)) {
        (true, _) => format!(
            "{} is newer and replaces {}",
            described(imported, "imported"),
            described(shipped, "shipped")
        ),
        (false, None) => format!(
            "{} is undated and does not replace {}: import again with --as-of to say when its prices were checked",
            described(imported, "imported"),
            described(shipped, "shipped")
        ),
        (false, Some(_)) => format!(
            "{} is older than {}, which is kept",
            described(imported, "imported"),
            described(shipped, "shipped")
        ),
    };
    (keep_import, Some(warning))
}

/// Merge `imported` before `shipped` by the rules above. An imported entry whose name is a
/// shipped model's but whose provider differs is named with its provider.
pub fn merge(imported: Vec<ApiModel>, shipped: Vec<ApiModel>) -> Merged {
    let mut out = Merged::default();
    let mut shipped_kept = vec![true; shipped.len()];
    let ids: Vec<(String, String)> = shipped.iter().map(identity).collect();
    for mut m in imported {
        let id = identity(&m);
        if let Some(i) = ids.iter().position(|s| *s == id) {
            let (keep_import, warning) = decide(&m, &shipped[i]);
            out.warnings.extend(warning);
            if !keep_import {
                continue;
            }
            shipped_kept[i] = false;
        } else if ids.iter().any(|(name, _)| *name == id.0)
            && !m.provider.trim().is_empty()
            && !m.name.to_lowercase().contains(&m.provider.to_lowercase())
        {
            m.name = format!("{} ({})", m.name, m.provider);
        }
        out.api.push(m);
    }
    out.api.extend(
        shipped
            .into_iter()
            .zip(shipped_kept)
            .filter_map(|(m, keep)| keep.then_some(m)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::api_entry::{check, RawApi};

    fn model(name: &str, provider: &str, input: f64, as_of: &str) -> ApiModel {
        check(RawApi {
            name: Some(name.into()),
            provider: Some(provider.into()),
            input_per_mtok: Some(input),
            output_per_mtok: Some(input * 6.0),
            source: Some("s".into()),
            as_of: Some(as_of.into()),
            ..RawApi::default()
        })
        .unwrap()
    }

    fn names(m: &Merged) -> Vec<(String, f64)> {
        m.api
            .iter()
            .map(|a| (a.name.clone(), a.input_per_mtok))
            .collect()
    }

    #[test]
    fn names_and_providers_are_compared_normalised() {
        assert_eq!(normalised_name("openai/gpt-5.6-luna"), "gpt 5 6 luna");
        assert_eq!(normalised_name("GPT-5.6 Luna"), "gpt 5 6 luna");
        assert_eq!(normalised_provider("fireworks_ai"), "fireworks");
        assert_eq!(normalised_provider("Fireworks"), "fireworks");
        assert_eq!(normalised_provider("gemini"), "google");
        assert_eq!(normalised_provider("OpenAI"), "openai");
    }

    #[test]
    fn an_older_import_does_not_replace_a_newer_shipped_price_and_says_so() {
        let shipped = vec![model("GPT-5.6 Luna", "OpenAI", 0.2, "2026-08-02")];
        let imported = vec![model("gpt-5.6-luna", "openai", 1.0, "2026-07-24")];
        let m = merge(imported, shipped);
        assert_eq!(names(&m), vec![("GPT-5.6 Luna".to_string(), 0.2)]);
        assert_eq!(m.warnings.len(), 1);
        assert!(
            m.warnings[0].contains("imported gpt-5.6-luna"),
            "{:?}",
            m.warnings
        );
        assert!(
            m.warnings[0].contains("older than shipped GPT-5.6 Luna"),
            "{:?}",
            m.warnings
        );
    }

    #[test]
    fn a_newer_import_replaces_the_shipped_price_and_names_it() {
        let shipped = vec![model("GPT-5.6 Luna", "OpenAI", 0.2, "2026-08-02")];
        let imported = vec![model("gpt-5.6-luna", "openai", 0.1, "2026-09-01")];
        let m = merge(imported, shipped);
        assert_eq!(names(&m), vec![("gpt-5.6-luna".to_string(), 0.1)]);
        assert!(
            m.warnings[0].contains("replaces shipped GPT-5.6 Luna"),
            "{:?}",
            m.warnings
        );
    }

    #[test]
    fn an_undated_import_never_beats_a_dated_entry_silently() {
        let shipped = vec![model("GPT-5.6 Luna", "OpenAI", 0.2, "2026-08-02")];
        let imported = vec![model("gpt-5.6-luna", "openai", 1.0, "unknown")];
        let m = merge(imported, shipped);
        assert_eq!(names(&m), vec![("GPT-5.6 Luna".to_string(), 0.2)]);
        assert!(m.warnings[0].contains("undated"), "{:?}", m.warnings);
        assert!(m.warnings[0].contains("--as-of"), "{:?}", m.warnings);
    }

    #[test]
    fn equal_prices_merge_without_a_warning() {
        let shipped = vec![model("GPT-5.6 Luna", "OpenAI", 0.2, "2026-08-02")];
        let imported = vec![model("gpt-5.6-luna", "openai", 0.2, "2026-09-01")];
        let m = merge(imported, shipped);
        assert_eq!(m.api.len(), 1);
        assert!(m.warnings.is_empty());
    }

    #[test]
    fn other_providers_live_side_by_side_named_with_their_provider() {
        let shipped = vec![model("DeepSeek V4 Pro", "DeepSeek", 0.435, "2026-06-02")];
        let imported = vec![model("DeepSeek V4 Pro", "Fireworks", 1.74, "2026-08-01")];
        let m = merge(imported, shipped);
        assert_eq!(
            names(&m),
            vec![
                ("DeepSeek V4 Pro (Fireworks)".to_string(), 1.74),
                ("DeepSeek V4 Pro".to_string(), 0.435)
            ]
        );
        assert!(m.warnings.is_empty());
    }

    #[test]
    fn partial_dates_count_as_their_earliest_day() {
        let shipped = vec![model("M", "P", 1.0, "2026-08")];
        let imported = vec![model("m", "p", 2.0, "2026-08-01")];
        assert_eq!(merge(imported, shipped).api[0].input_per_mtok, 2.0);
        let shipped = vec![model("M", "P", 1.0, "2026-08-02")];
        let imported = vec![model("m", "p", 2.0, "2026-08")];
        assert_eq!(merge(imported, shipped).api[0].input_per_mtok, 1.0);
    }
}
