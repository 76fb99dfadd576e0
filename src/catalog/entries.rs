//! Catalog entries as read from TOML, checked one by one: an entry missing a price is skipped
//! with a warning, never a crash.

use serde::Deserialize;

use super::api_entry::{check, RawApi};
pub use super::api_entry::{ApiModel, LongContext};
use super::offerings::{GpuOffering, RawOffering};
use super::store::ImportInfo;

#[derive(Debug, Clone, PartialEq)]
pub struct Gpu {
    pub name: String,
    /// Other names the GPU goes by ("H100 80GB" for the H100 SXM).
    pub aliases: Vec<String>,
    pub memory_gb: f64,
    pub on_demand_per_hour: f64,
    pub low_per_hour: f64,
    pub source: String,
    pub as_of: String,
    pub estimate: bool,
    /// Maximum board power (TDP), watts: the owned fleet's power per GPU unless set.
    pub tdp_watts: Option<f64>,
    /// Where the specifications (power included) come from, and when they were read.
    pub spec_source: String,
    pub spec_as_of: String,
    pub spec_estimate: bool,
}

/// Largest board power accepted, watts (the range of `owned.power_per_gpu_watts`).
pub const MAX_TDP_WATTS: f64 = 100_000.0;

pub use crate::model::throughput::Precision;

/// An open model: its architecture (for the throughput estimate) and the memory its weights
/// take at each precision it is served in.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalModel {
    pub name: String,
    pub aliases: Vec<String>,
    pub params_b: f64,
    /// Memory for the weights at bf16, fp8, int4, fp4 (GB); 0 where not served.
    pub weights_gb: [f64; 4],
    pub arch: crate::model::throughput::ModelArch,
    pub source: String,
    pub as_of: String,
}

impl LocalModel {
    pub fn weights(&self, p: Precision) -> f64 {
        self.weights_gb[p as usize]
    }

    fn from_entry(e: crate::model::throughput::library::ModelEntry) -> LocalModel {
        let weights_gb = Precision::ALL.map(|p| {
            e.arch
                .precision(p)
                .map_or(0.0, |s| (e.arch.weight_bytes(s) / 1e8).round() / 10.0)
        });
        LocalModel {
            name: e.arch.name.clone(),
            aliases: e.aliases,
            params_b: e.arch.params_total_b,
            weights_gb,
            arch: e.arch,
            source: e.source,
            as_of: e.as_of,
        }
    }
}

/// A whole catalog, plus what was skipped and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub as_of: String,
    pub api: Vec<ApiModel>,
    pub gpus: Vec<Gpu>,
    /// Ways to get each GPU, by market (`assets/catalog/gpu_offerings.toml`).
    pub offerings: Vec<GpuOffering>,
    /// What `prices import` left, when its models are in `api`.
    pub imported: Option<ImportInfo>,
    pub models: Vec<LocalModel>,
    pub warnings: Vec<String>,
    /// The model architectures and GPU specifications the throughput estimate reads (the
    /// library `models` is made from); [`crate::model::assessment::resolve`] carries a
    /// scenario's entries from it into the scenario.
    pub library: std::sync::Arc<crate::model::throughput::library::Library>,
}

#[derive(Deserialize, Default)]
struct RawCatalog {
    #[serde(default)]
    catalog_as_of: Option<String>,
    #[serde(default)]
    api: Vec<RawApi>,
    #[serde(default)]
    gpu: Vec<RawGpu>,
    #[serde(default)]
    offering: Vec<RawOffering>,
}

#[derive(Deserialize)]
struct RawGpu {
    name: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    memory_gb: Option<f64>,
    /// Present on GPUs the throughput estimate knows; such a GPU without a price is not one
    /// this catalog prices, and is passed over silently.
    memory_bandwidth_gbps: Option<f64>,
    on_demand_per_hour: Option<f64>,
    low_per_hour: Option<f64>,
    source: Option<String>,
    as_of: Option<String>,
    #[serde(default)]
    estimate: bool,
    tdp_watts: Option<f64>,
    spec_source: Option<String>,
    spec_as_of: Option<String>,
    #[serde(default)]
    spec_estimate: bool,
}

/// A board power in watts: above 0 and at most [`MAX_TDP_WATTS`]; a bad one is an error naming
/// it, so the owned fleet never draws a made-up power.
fn tdp(x: Option<f64>) -> Result<Option<f64>, EntryRefused> {
    match x {
        None => Ok(None),
        Some(w) if w.is_finite() && w > 0.0 && w <= MAX_TDP_WATTS => Ok(Some(w)),
        Some(w) => Err(EntryRefused::NotAPower {
            value: w,
            max: MAX_TDP_WATTS,
        }),
    }
}

fn price(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite() && *v >= 0.0 && *v < 1e9)
}

impl Catalog {
    /// Read a catalog; a file that is not valid TOML gives an empty catalog and one warning.
    pub fn parse(text: &str, origin: &str) -> Catalog {
        Catalog::read(text, origin, Syntax::Toml)
    }

    /// [`Catalog::parse`] for a file in either syntax (the shipped files are JSON, build.rs).
    pub fn read(text: &str, origin: &str, syntax: Syntax) -> Catalog {
        match Catalog::read_prices(text, origin, syntax) {
            Ok(c) => {
                // Models are read by the throughput library (architecture and precisions).
                let lib = crate::model::throughput::library::Library::read(text, origin, syntax);
                c.with_models(std::sync::Arc::new(lib))
            }
            Err(msg) => Catalog {
                warnings: vec![format!("{origin}: not a valid catalog: {msg}")],
                ..Catalog::default()
            },
        }
    }

    /// The API models, GPUs and offerings of a file, without its models; the parser's message
    /// when the file cannot be read.
    pub fn read_prices(text: &str, origin: &str, syntax: Syntax) -> Result<Catalog, Unreadable> {
        let raw: RawCatalog = syntax.read(text)?;
        let mut c = Catalog {
            as_of: raw.catalog_as_of.unwrap_or_default(),
            ..Catalog::default()
        };
        c.api = crate::checked::checked(
            raw.api,
            ("API model", "api entry"),
            |a| a.name.clone(),
            check,
            origin,
            &mut c.warnings,
        );
        for (i, o) in raw.offering.into_iter().enumerate() {
            match super::offerings::check(o) {
                Ok(o) => c.offerings.push(o),
                Err(e) => c
                    .warnings
                    .push(format!("{origin}: skipped GPU offering {}: {e}", i + 1)),
            }
        }
        for (i, g) in raw.gpu.into_iter().enumerate() {
            let name = g.name.unwrap_or_else(|| format!("gpu entry {}", i + 1));
            let tdp_watts = match tdp(g.tdp_watts) {
                Ok(w) => w,
                Err(e) => {
                    c.warnings.push(format!(
                        "{origin}: GPU {name:?}: {e}; the owned fleet keeps its default power"
                    ));
                    None
                }
            };
            match (
                g.memory_gb.filter(|m| *m > 0.0 && m.is_finite()),
                price(g.on_demand_per_hour),
            ) {
                (Some(memory_gb), Some(on_demand)) => c.gpus.push(Gpu {
                    name,
                    aliases: g.aliases,
                    memory_gb,
                    on_demand_per_hour: on_demand,
                    low_per_hour: price(g.low_per_hour).unwrap_or(on_demand),
                    source: g.source.unwrap_or_default(),
                    as_of: g.as_of.unwrap_or_default(),
                    estimate: g.estimate,
                    tdp_watts,
                    spec_source: g.spec_source.unwrap_or_default(),
                    spec_as_of: g.spec_as_of.unwrap_or_default(),
                    spec_estimate: g.spec_estimate,
                }),
                (Some(_), None)
                    if g.on_demand_per_hour.is_none() && g.memory_bandwidth_gbps.is_some() => {}
                _ => c.warnings.push(format!(
                    "{origin}: skipped GPU {name:?}: missing memory or price"
                )),
            }
        }
        Ok(c)
    }

    /// This catalog with the library's models added, and what the library skipped (its GPUs
    /// without specifications are this catalog's business, not a warning).
    pub fn with_models(
        mut self,
        lib: std::sync::Arc<crate::model::throughput::library::Library>,
    ) -> Catalog {
        self.models
            .extend(lib.models.iter().cloned().map(LocalModel::from_entry));
        self.warnings.extend(
            lib.warnings
                .iter()
                .filter(|w| !w.contains("skipped GPU"))
                .cloned(),
        );
        self.library = lib;
        self
    }

    /// Add `other`'s entries after this catalog's; the catalog date is the newer of the two.
    pub fn merge(&mut self, other: Catalog) {
        if other.as_of > self.as_of {
            self.as_of = other.as_of;
        }
        self.api.extend(other.api);
        self.gpus.extend(other.gpus);
        self.offerings.extend(other.offerings);
        self.models.extend(other.models);
        self.warnings.extend(other.warnings);
        if self.library.models.is_empty() && self.library.gpus.is_empty() {
            self.library = other.library;
        } else if !(other.library.models.is_empty() && other.library.gpus.is_empty()) {
            let lib = std::sync::Arc::make_mut(&mut self.library);
            lib.models.extend(other.library.models.iter().cloned());
            lib.gpus.extend(other.library.gpus.iter().cloned());
            lib.warnings.extend(other.library.warnings.iter().cloned());
        }
    }

    pub fn api_model(&self, name: &str) -> Result<&ApiModel, NotInCatalog> {
        static NO_ALIASES: Vec<String> = Vec::new();
        find(&self.api, name, |m| (&m.name, &NO_ALIASES), "API model")
    }

    /// A GPU by its name or one of its aliases.
    pub fn gpu(&self, name: &str) -> Result<&Gpu, NotInCatalog> {
        find(&self.gpus, name, |g| (&g.name, &g.aliases), "GPU")
    }

    /// `gpu`'s offerings, in catalog order (an offering names its GPU by name or alias).
    pub fn offerings_of(&self, gpu: &Gpu) -> Vec<&GpuOffering> {
        self.offerings
            .iter()
            .filter(|o| {
                same_name(&o.gpu, &gpu.name) || gpu.aliases.iter().any(|a| same_name(a, &o.gpu))
            })
            .collect()
    }

    /// A local model by its name or one of its aliases.
    pub fn model(&self, name: &str) -> Result<&LocalModel, NotInCatalog> {
        find(&self.models, name, |m| (&m.name, &m.aliases), "local model")
    }
}

/// Names are looked up as the throughput library looks them up: ignoring case, spaces, dashes,
/// dots and underscores, a name before an alias, else the three closest names.
use super::refusal::EntryRefused;
use crate::model::throughput::library::{find, same_name, NotInCatalog, Syntax, Unreadable};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalog_is_complete_and_dated() {
        let c = crate::catalog::shipped();
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert!(!c.as_of.is_empty());
        for name in [
            "GPT-4o",
            "GPT-4o mini",
            "Claude Sonnet 4.5",
            "Claude Haiku 4.5",
            "Claude Opus 4.1",
            "Gemini 2.5 Pro",
            "Gemini 2.5 Flash",
        ] {
            assert!(c.api_model(name).is_ok(), "{name}");
        }
        for name in [
            "H100 80GB",
            "H100 SXM",
            "H100 PCIe",
            "B200",
            "RTX 4090",
            "A100 80GB PCIe",
            "H200",
            "A100 80GB",
            "A100 40GB",
            "L40S",
            "L4",
            "A10G",
        ] {
            assert!(c.gpu(name).is_ok(), "{name}");
        }
        for name in [
            "Llama 3.1 8B",
            "Llama 3.1 70B",
            "Gemma 3 4B",
            "Gemma 3 12B",
            "Mixtral 8x7B",
            "Qwen3 30B-A3B",
            "gpt-oss 120B",
            "Mistral Small 3.1 24B",
        ] {
            assert!(c.model(name).is_ok(), "{name}");
        }
        assert!(c
            .api
            .iter()
            .all(|a| !a.source.is_empty() && !a.as_of.is_empty()));
        assert!(c
            .gpus
            .iter()
            .all(|g| !g.source.is_empty() && !g.as_of.is_empty()));
    }

    #[test]
    fn every_entry_has_a_source_and_a_date_and_the_newest_is_of_2026() {
        let c = crate::catalog::shipped();
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        for m in &c.api {
            assert!(!m.source.trim().is_empty(), "{}", m.name);
            assert!(
                crate::model::staleness::is_date(&m.as_of),
                "{}: {}",
                m.name,
                m.as_of
            );
        }
        for o in &c.offerings {
            assert!(!o.source.trim().is_empty(), "{}", o.label());
            assert!(crate::model::staleness::is_date(&o.as_of), "{}", o.label());
        }
        let newest = c.api.iter().map(|m| m.as_of.as_str()).max().unwrap();
        assert!(newest.starts_with("2026"), "{newest}");
        let newest = c.offerings.iter().map(|o| o.as_of.as_str()).max().unwrap();
        assert!(newest.starts_with("2026"), "{newest}");
    }

    #[test]
    fn current_models_of_every_provider_are_there_and_old_ones_marked_legacy() {
        let c = crate::catalog::shipped();
        for (provider, name) in [
            ("OpenAI", "GPT-5.6 Sol"),
            ("OpenAI", "GPT-5.6 Luna"),
            ("Anthropic", "Claude Opus 5"),
            ("Anthropic", "Claude Sonnet 5"),
            ("Anthropic", "Claude Haiku 4.5"),
            ("Google", "Gemini 3.1 Pro"),
            ("Google", "Gemini 3.7 Flash"),
            ("DeepSeek", "DeepSeek V4 Pro"),
            ("DeepSeek", "DeepSeek V4 Flash"),
            ("Alibaba", "Qwen3.6 Plus"),
            ("Mistral", "Mistral Large 3"),
            ("xAI", "Grok 4.5"),
        ] {
            let m = c.api_model(name).unwrap();
            assert_eq!(m.provider, provider);
            assert!(!m.legacy, "{name} is current");
        }
        for name in [
            "GPT-4o",
            "Claude Opus 4.1",
            "Gemini 2.5 Pro",
            "DeepSeek V3.2",
        ] {
            assert!(c.api_model(name).unwrap().legacy, "{name}");
        }
        // The fixes the 2025-10 catalog needed.
        let pro = c.api_model("Gemini 2.5 Pro").unwrap();
        assert_eq!(pro.cached_input_per_mtok, Some(0.125));
        assert_eq!(pro.long_context.unwrap().above_tokens, 200_000);
        assert_eq!(
            c.api_model("Gemini 2.5 Flash")
                .unwrap()
                .cached_input_per_mtok,
            Some(0.03)
        );
        let opus = c.api_model("Claude Opus 5").unwrap();
        assert_eq!((opus.input_per_mtok, opus.output_per_mtok), (5.0, 25.0));
        let sonnet = c
            .api_model("Claude Sonnet 4.5")
            .unwrap()
            .long_context
            .unwrap();
        assert_eq!((sonnet.input_per_mtok, sonnet.output_per_mtok), (6.0, 22.5));
    }

    #[test]
    fn every_gpu_has_one_default_offering_and_every_offering_a_gpu() {
        let c = crate::catalog::shipped();
        for g in &c.gpus {
            let defaults = c.offerings_of(g).iter().filter(|o| o.default).count();
            assert_eq!(defaults, 1, "{}", g.name);
        }
        let known = |o: &GpuOffering| c.gpus.iter().any(|g| c.offerings_of(g).contains(&o));
        let orphans: Vec<String> = c
            .offerings
            .iter()
            .filter(|o| !known(o))
            .map(|o| o.label())
            .collect();
        assert!(
            orphans.is_empty(),
            "offerings of no catalog GPU: {orphans:?}"
        );
        let mut labels: Vec<String> = c.offerings.iter().map(|o| o.label()).collect();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), c.offerings.len(), "offering names repeat");
    }

    #[test]
    fn every_shipped_gpu_has_a_dated_board_power_and_a_purchase_price_or_none_to_buy() {
        let c = crate::catalog::shipped();
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        for g in &c.gpus {
            let w = g
                .tdp_watts
                .unwrap_or_else(|| panic!("{}: no tdp_watts in assets/catalog/gpus.toml", g.name));
            assert!(w > 0.0 && w <= MAX_TDP_WATTS, "{}: {w} W", g.name);
            assert!(
                !g.spec_source.trim().is_empty(),
                "{}: no spec_source",
                g.name
            );
            assert!(
                crate::model::staleness::is_date(&g.spec_as_of),
                "{}: spec_as_of {:?}",
                g.name,
                g.spec_as_of
            );
        }
        let power = |n: &str| c.gpu(n).unwrap().tdp_watts.unwrap();
        // NVIDIA's datasheets (assets/catalog/gpus.toml cites each).
        for (gpu, watts) in [
            ("H100 SXM", 700.0),
            ("H100 PCIe", 350.0),
            ("H200", 700.0),
            ("A100 80GB SXM", 400.0),
            ("A100 80GB PCIe", 300.0),
            ("L40S", 350.0),
            ("L4", 72.0),
            ("A10G", 150.0),
        ] {
            assert_eq!(power(gpu), watts, "{gpu}");
        }
    }

    #[test]
    fn a_bad_board_power_is_a_warning_naming_the_gpu_and_the_value() {
        for bad in ["-5", "0", "1e9", "nan"] {
            let c = Catalog::parse(
                &format!("[[gpu]]\nname = \"G\"\nmemory_gb = 24\non_demand_per_hour = 1\ntdp_watts = {bad}\n"),
                "t.toml",
            );
            assert_eq!(c.gpus[0].tdp_watts, None, "{bad}");
            assert_eq!(c.warnings.len(), 1, "{bad}: {:?}", c.warnings);
            let w = &c.warnings[0];
            assert!(
                w.starts_with("t.toml: GPU \"G\": tdp_watts = ")
                    && w.contains("is not a board power (above 0 and at most 100000 W)"),
                "{w}"
            );
        }
    }

    #[test]
    fn entries_missing_a_price_are_skipped_with_a_warning() {
        let c = Catalog::parse("[[api]]\nname = \"X\"\ninput_per_mtok = 1.0\n[[api]]\nname = \"Y\"\ninput_per_mtok = 1\noutput_per_mtok = 2\nsource = \"s\"\nas_of = \"2026\"\n[[gpu]]\nname = \"G\"\n", "t");
        assert_eq!(c.api.len(), 1);
        assert_eq!(c.api[0].name, "Y");
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
        assert!(c.warnings[0].contains("skipped API model \"X\""));
    }

    #[test]
    fn unknown_names_get_the_three_closest() {
        let c = crate::catalog::shipped();
        assert_eq!(c.gpu("h100-80gb").unwrap().name, "H100 SXM");
        let e = c.api_model("claude sonet").unwrap_err().to_string();
        assert!(
            e.contains("closest: ") && e.contains("Claude Sonnet 4.5"),
            "{e}"
        );
        assert_eq!(e.matches(", ").count(), 2, "{e}");
    }
}
