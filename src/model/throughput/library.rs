//! The shipped model architectures and GPU specifications (`assets/catalog/models.toml` and
//! `assets/catalog/gpus.toml`, embedded in the binary), read once. Lookups accept a name or an
//! alias, ignoring case, spaces and dashes, and otherwise name the three closest entries.

use serde::Deserialize;

use super::arch::{
    Attention, Experts, Latent, LinearAttention, ModelArch, Precision, PrecisionSpec,
};
use super::gpu::{Generation, GpuSpec, Interconnect};

/// A model of the catalog with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelEntry {
    pub arch: ModelArch,
    pub aliases: Vec<String>,
    pub source: String,
    pub as_of: String,
    pub estimate: bool,
}

/// A GPU of the catalog with the provenance of its specifications.
#[derive(Debug, Clone, PartialEq)]
pub struct GpuEntry {
    pub spec: GpuSpec,
    pub aliases: Vec<String>,
    pub source: String,
    pub as_of: String,
    pub estimate: bool,
}

/// Models and GPUs, and what was skipped and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    pub models: Vec<ModelEntry>,
    pub gpus: Vec<GpuEntry>,
    pub warnings: Vec<String>,
}

#[derive(Deserialize, Default)]
struct RawFile {
    #[serde(default)]
    model: Vec<RawModel>,
    #[serde(default)]
    gpu: Vec<RawGpu>,
}

#[derive(Deserialize)]
struct RawModel {
    name: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    total_params_b: Option<f64>,
    active_params_b: Option<f64>,
    layers: Option<u32>,
    attention_heads: Option<u32>,
    kv_heads: Option<u32>,
    head_dim: Option<u32>,
    hidden_size: Option<u32>,
    max_context: Option<u32>,
    extended_context: Option<u32>,
    sliding_window: Option<u32>,
    #[serde(default)]
    local_layers: u32,
    global_kv_heads: Option<u32>,
    global_head_dim: Option<u32>,
    kv_latent_rank: Option<u32>,
    kv_latent_rope_dim: Option<u32>,
    linear_attention_layers: Option<u32>,
    linear_state_elements: Option<f64>,
    experts: Option<u32>,
    experts_per_token: Option<u32>,
    #[serde(default)]
    shared_experts: u32,
    expert_params_b: Option<f64>,
    #[serde(default)]
    precision: Vec<RawPrecision>,
    source: Option<String>,
    as_of: Option<String>,
    #[serde(default)]
    estimate: bool,
}

#[derive(Deserialize)]
struct RawPrecision {
    name: Option<String>,
    bytes_per_weight: Option<f64>,
    kv_bytes_per_element: Option<f64>,
}

#[derive(Deserialize)]
struct RawGpu {
    name: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    generation: Option<String>,
    memory_gb: Option<f64>,
    memory_bandwidth_gbps: Option<f64>,
    tflops_bf16: Option<f64>,
    tflops_fp8: Option<f64>,
    tflops_fp4: Option<f64>,
    interconnect: Option<String>,
    interconnect_gbps: Option<f64>,
    tdp_watts: Option<f64>,
    spec_source: Option<String>,
    spec_as_of: Option<String>,
    #[serde(default)]
    spec_estimate: bool,
}

fn positive(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite() && *v > 0.0 && *v < 1e9)
}

fn model(m: RawModel) -> Result<ModelEntry, &'static str> {
    let name = m.name.ok_or("no name")?;
    let total = positive(m.total_params_b).ok_or("no total_params_b")?;
    let active = positive(m.active_params_b).unwrap_or(total).min(total);
    let layers = m.layers.filter(|l| *l > 0).ok_or("no layers")?;
    let heads = m
        .attention_heads
        .filter(|h| *h > 0)
        .ok_or("no attention_heads")?;
    let kv_heads = m.kv_heads.filter(|h| *h > 0).ok_or("no kv_heads")?;
    let head_dim = m.head_dim.filter(|h| *h > 0).ok_or("no head_dim")?;
    let attention = match m.sliding_window {
        Some(window) if m.local_layers > 0 && window > 0 => Attention::Local {
            window,
            local_layers: m.local_layers.min(layers),
        },
        _ => Attention::Full,
    };
    let experts = match (m.experts, m.experts_per_token) {
        (Some(count), Some(per_token)) if per_token > 0 && count > per_token => Some(Experts {
            count,
            per_token,
            shared: m.shared_experts,
            expert_params_b: positive(m.expert_params_b),
        }),
        (None, None) => None,
        _ => return Err("experts needs experts_per_token, from 1 to experts − 1"),
    };
    let latent = match (m.kv_latent_rank, m.kv_latent_rope_dim) {
        (Some(rank), rope) if rank > 0 => Some(Latent {
            rank,
            rope_dim: rope.unwrap_or(0),
        }),
        (None, None) => None,
        _ => return Err("kv_latent_rope_dim needs kv_latent_rank above 0"),
    };
    let linear =
        match (m.linear_attention_layers, positive(m.linear_state_elements)) {
            (Some(l), Some(state)) if l > 0 && l < layers => Some(LinearAttention {
                layers: l,
                state_elements: state,
            }),
            (None, None) => None,
            _ => return Err(
                "linear_attention_layers (fewer than layers) and linear_state_elements go together",
            ),
        };
    let global_kv = match (m.global_kv_heads, m.global_head_dim) {
        (Some(kv), Some(dim)) if kv > 0 && dim > 0 => Some((kv, dim)),
        (None, None) => None,
        _ => return Err("global_kv_heads and global_head_dim go together, both above 0"),
    };
    let max_context = m.max_context.unwrap_or(u32::MAX);
    let extended_context = match m.extended_context {
        Some(x) if x > max_context => Some(x),
        None => None,
        Some(_) => return Err("extended_context must exceed max_context"),
    };
    let mut precisions = Vec::new();
    for p in m.precision {
        let spec = (|| {
            Some(PrecisionSpec {
                precision: Precision::parse(p.name.as_deref()?)?,
                bytes_per_weight: positive(p.bytes_per_weight)?,
                bytes_per_kv: positive(p.kv_bytes_per_element)?,
            })
        })()
        .ok_or(
            "a precision needs a name (bf16, fp8, int4, fp4), bytes_per_weight and kv_bytes_per_element",
        )?;
        precisions.push(spec);
    }
    if precisions.is_empty() {
        return Err("no [[model.precision]]");
    }
    Ok(ModelEntry {
        arch: ModelArch {
            name,
            params_total_b: total,
            params_active_b: active,
            layers,
            heads,
            kv_heads,
            head_dim,
            hidden: m.hidden_size.unwrap_or(heads * head_dim),
            max_context,
            extended_context,
            attention,
            global_kv,
            latent,
            linear,
            experts,
            precisions,
        },
        aliases: m.aliases,
        source: m.source.unwrap_or_default(),
        as_of: m.as_of.unwrap_or_default(),
        estimate: m.estimate,
    })
}

fn gpu(g: RawGpu) -> Result<GpuEntry, &'static str> {
    let name = g.name.ok_or("no name")?;
    let generation = Generation::parse(g.generation.as_deref().unwrap_or(""))
        .ok_or("generation must be ampere, ada, hopper, blackwell, cdna3 or cdna4")?;
    let interconnect = Interconnect::parse(g.interconnect.as_deref().unwrap_or(""))
        .ok_or("interconnect must be nvlink, pcie or xgmi")?;
    Ok(GpuEntry {
        spec: GpuSpec {
            name,
            memory_gb: positive(g.memory_gb).ok_or("no memory_gb")?,
            bandwidth_tb_s: positive(g.memory_bandwidth_gbps).ok_or("no memory_bandwidth_gbps")?
                / 1000.0,
            tflops_bf16: positive(g.tflops_bf16).ok_or("no tflops_bf16")?,
            tflops_fp8: positive(g.tflops_fp8),
            tflops_fp4: positive(g.tflops_fp4),
            interconnect,
            interconnect_gb_s: positive(g.interconnect_gbps).unwrap_or(0.0),
            power_w: positive(g.tdp_watts).unwrap_or(0.0),
            generation,
        },
        aliases: g.aliases,
        source: g.spec_source.unwrap_or_default(),
        as_of: g.spec_as_of.unwrap_or_default(),
        estimate: g.spec_estimate,
    })
}

/// How a catalog file is written: TOML as people write it, or the JSON the build makes of the
/// shipped TOML (build.rs), which reads many times faster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Toml,
    Json,
}

impl Syntax {
    /// `text` read into `T`, or the parser's message.
    pub fn read<T: serde::de::DeserializeOwned>(self, text: &str) -> Result<T, Unreadable> {
        match self {
            Syntax::Toml => toml::from_str(text).map_err(|e| Unreadable(e.message().to_string())),
            Syntax::Json => serde_json::from_str(text).map_err(|e| Unreadable(e.to_string())),
        }
    }
}

impl Library {
    /// Read `[[model]]` and `[[gpu]]` entries of one catalog file in TOML. An entry without a
    /// GPU's specifications (a price-only entry) is not a GPU here and is passed over silently;
    /// a model missing a field is skipped with a warning.
    pub fn parse(text: &str, origin: &str) -> Library {
        Library::read(text, origin, Syntax::Toml)
    }

    /// [`Library::parse`] for a file in either syntax.
    pub fn read(text: &str, origin: &str, syntax: Syntax) -> Library {
        let raw: RawFile = match syntax.read(text) {
            Ok(r) => r,
            Err(e) => {
                return Library {
                    warnings: vec![format!("{origin}: not a valid catalog: {e}")],
                    ..Library::default()
                }
            }
        };
        let mut lib = Library::default();
        lib.models = crate::checked::checked(
            raw.model,
            ("model", "model entry"),
            |m| m.name.clone(),
            model,
            origin,
            &mut lib.warnings,
        );
        let specified = raw
            .gpu
            .into_iter()
            .filter(|g| g.memory_bandwidth_gbps.is_some() || g.tflops_bf16.is_some())
            .collect();
        lib.gpus = crate::checked::checked(
            specified,
            ("GPU", "gpu entry"),
            |g| g.name.clone(),
            gpu,
            origin,
            &mut lib.warnings,
        );
        lib
    }

    /// A model by name or alias.
    pub fn model(&self, name: &str) -> Result<&ModelEntry, NotInCatalog> {
        find(
            &self.models,
            name,
            |m| (&m.arch.name, &m.aliases),
            "local model",
        )
    }

    /// A model by name or alias, without the "closest" names a miss would rank: for callers
    /// that only ask whether the model is known, on every evaluation.
    pub(crate) fn known_model(&self, name: &str) -> Option<&ModelEntry> {
        exact(&self.models, name, |m| (&m.arch.name, &m.aliases))
    }

    /// A GPU by name or alias.
    pub fn gpu(&self, name: &str) -> Result<&GpuEntry, NotInCatalog> {
        find(&self.gpus, name, |g| (&g.spec.name, &g.aliases), "GPU")
    }
}

/// Compare names ignoring case, spaces, dashes, dots and underscores, without allocating.
/// Byte by byte: the skipped characters and the case folded are ASCII, and a byte of a
/// character outside ASCII is never an ASCII byte, so this is the same comparison as
/// character by character, without decoding (the estimate looks names up on every
/// evaluation).
pub fn same_name(a: &str, b: &str) -> bool {
    let kept = |c: &u8| !matches!(c, b' ' | b'-' | b'_' | b'.');
    let (mut x, mut y) = (
        a.bytes().filter(kept).map(|c| c.to_ascii_lowercase()),
        b.bytes().filter(kept).map(|c| c.to_ascii_lowercase()),
    );
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => {}
            _ => return false,
        }
    }
}

/// The item named `name`, else the first with it as an alias.
fn exact<'a, T>(
    items: &'a [T],
    name: &str,
    names: impl Fn(&T) -> (&String, &Vec<String>),
) -> Option<&'a T> {
    items
        .iter()
        .find(|t| same_name(names(t).0, name))
        .or_else(|| {
            items
                .iter()
                .find(|t| names(t).1.iter().any(|a| same_name(a, name)))
        })
}

/// The item named `name` (or with it as an alias), else the three closest names.
pub(crate) fn find<'a, T>(
    items: &'a [T],
    name: &str,
    names: impl Fn(&T) -> (&String, &Vec<String>),
    what: &'static str,
) -> Result<&'a T, NotInCatalog> {
    if let Some(t) = exact(items, name, &names) {
        return Ok(t);
    }
    let norm = |s: &str| s.to_ascii_lowercase().replace([' ', '-', '_', '.'], "");
    let wanted = norm(name);
    let mut scored: Vec<(usize, &str)> = items
        .iter()
        .map(|t| {
            let k = names(t).0.as_str();
            let d = crate::suggest::rank_distance(&wanted, &norm(k));
            (if norm(k).contains(&wanted) { 0 } else { d }, k)
        })
        .collect();
    scored.sort();
    Err(NotInCatalog {
        what,
        name: name.to_string(),
        closest: scored.iter().take(3).map(|(_, k)| k.to_string()).collect(),
    })
}

/// A catalog file the parser refused: the parser's message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct Unreadable(pub String);

/// A model or GPU name the library does not know, with the three closest names it does.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "{what} \"{}\" is not in the catalog; closest: {}",
    crate::sanitize::clip(name, crate::sanitize::SHOWN),
    closest.join(", ")
)]
pub struct NotInCatalog {
    /// "local model", "GPU" or "API model".
    pub what: &'static str,
    pub name: String,
    pub closest: Vec<String>,
}

/// The shells and the catalog report errors as text.
impl From<NotInCatalog> for String {
    fn from(e: NotInCatalog) -> String {
        e.to_string()
    }
}

impl From<Unreadable> for String {
    fn from(e: Unreadable) -> String {
        e.0
    }
}

/// The models file and the GPUs file, as embedded (JSON made from the TOML by build.rs).
pub(crate) static SHIPPED_MODELS: &str = include_str!(concat!(env!("OUT_DIR"), "/models.json"));
pub(crate) static SHIPPED_GPUS: &str = include_str!(concat!(env!("OUT_DIR"), "/gpus.json"));

impl Library {
    /// The shipped library, read from the embedded files (each call reads them again: the
    /// shells keep one, `crate::catalog::library`).
    pub fn shipped() -> Library {
        let mut lib = Library::read(
            SHIPPED_MODELS,
            "assets/catalog/models.toml (built in)",
            Syntax::Json,
        );
        let gpus = Library::read(
            SHIPPED_GPUS,
            "assets/catalog/gpus.toml (built in)",
            Syntax::Json,
        );
        lib.gpus = gpus.gpus;
        lib.warnings.extend(gpus.warnings);
        lib
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_model_finds_names_and_aliases_and_ranks_nothing_on_a_miss() {
        let lib = crate::catalog::library();
        let by_name = lib
            .known_model("llama-3.1-8b")
            .map(|m| m.arch.name.as_str());
        assert_eq!(by_name, Some("Llama 3.1 8B"));
        let alias = lib.models.iter().find(|m| !m.aliases.is_empty()).unwrap();
        let by_alias = lib.known_model(&alias.aliases[0]).map(|m| &m.arch.name);
        assert_eq!(by_alias, Some(&alias.arch.name));
        assert!(lib.known_model(&"é".repeat(256)).is_none());
        assert!(lib.model("Llama 3.1 9B").is_err());
    }

    /// Byte by byte, as character by character: separators and ASCII case ignored, any other
    /// character compared as it is.
    #[test]
    fn same_name_ignores_separators_and_ascii_case_only() {
        assert!(same_name("Llama 3.1-8B", "llama_3_1_8b"));
        assert!(same_name("H100 SXM", "h100sxm"));
        assert!(same_name("Ünï 8B", "Ünï-8b"));
        assert!(
            !same_name("Ünï 8B", "ünï 8B"),
            "no case folding outside ASCII"
        );
        assert!(!same_name("H100", "H100 SXM"));
        assert!(!same_name("é", "e"));
        assert!(same_name("", " -_."));
    }

    #[test]
    fn shipped_library_is_complete_and_dated() {
        let lib = crate::catalog::library();
        assert!(lib.warnings.is_empty(), "{:?}", lib.warnings);
        for name in [
            "Llama 3.1 8B",
            "Llama 3.1 70B",
            "Llama 3.3 70B",
            "Qwen3 8B",
            "Qwen3 32B",
            "Qwen3 30B-A3B",
            "Mixtral 8x7B",
            "Gemma 3 4B",
            "Gemma 3 12B",
            "Gemma 3 27B",
            "gpt-oss 20B",
            "gpt-oss 120B",
            "Mistral Small 3.1",
            "Llama 3.1 405B",
            "Llama 4 Scout",
            "Llama 4 Maverick",
            "DeepSeek V3",
            "DeepSeek V3.1",
            "DeepSeek R1",
            "Kimi K2",
            "Qwen3.5 35B-A3B",
            "Qwen3 235B-A22B 2507",
            "GLM-4.5",
            "GLM-4.6",
            "GLM-4.7",
            "MiniMax M2",
            "Gemma 4 31B",
        ] {
            let m = lib.model(name).unwrap_or_else(|e| panic!("{e}"));
            assert!(!m.source.is_empty() && !m.as_of.is_empty(), "{name}");
        }
        for name in [
            "H100 SXM",
            "H100 PCIe",
            "H200",
            "B200",
            "A100 80GB SXM",
            "A100 80GB PCIe",
            "A100 40GB",
            "L40S",
            "L4",
            "A10G",
            "RTX 4090",
            "B300",
            "GB200",
            "GB300",
            "GH200",
            "H20",
            "MI300X",
            "MI325X",
            "MI355X",
            "RTX PRO 6000 Blackwell",
        ] {
            let g = lib.gpu(name).unwrap_or_else(|e| panic!("{e}"));
            assert!(!g.source.is_empty() && !g.as_of.is_empty(), "{name}");
        }
        // The contract's label.
        assert_eq!(
            lib.gpu("H100 80GB").map(|g| g.spec.name.as_str()),
            Ok("H100 SXM")
        );
        assert_eq!(
            lib.model("Mistral Small 3.1 24B")
                .map(|m| m.arch.name.as_str()),
            Ok("Mistral Small 3.1")
        );
    }

    #[test]
    fn shipped_figures_that_the_estimate_relies_on() {
        let lib = crate::catalog::library();
        let l8 = &lib.model("Llama 3.1 8B").unwrap().arch;
        let bf16 = l8.precision(Precision::Bf16).unwrap();
        assert_eq!(l8.kv_bytes(bf16, 1.0), 131_072.0);
        let g27 = &lib.model("Gemma 3 27B").unwrap().arch;
        assert_eq!(
            g27.attention,
            Attention::Local {
                window: 1024,
                local_layers: 52
            }
        );
        let h100 = &lib.gpu("H100 SXM").unwrap().spec;
        assert_eq!(
            (h100.memory_gb, h100.bandwidth_tb_s, h100.tflops_fp8),
            (80.0, 3.35, Some(1979.0))
        );
        assert_eq!(lib.gpu("A100 80GB SXM").unwrap().spec.tflops_fp8, None);
    }

    #[test]
    fn the_2026_architectures_are_computed_as_such() {
        let lib = crate::catalog::library();
        let bf16 = |m: &ModelArch| *m.precision(Precision::Bf16).unwrap();
        // DeepSeek V3: latent attention caches 512 + 64 elements a token in each of 61 layers,
        // 576 · 2 bytes · 61 = 70,272 bytes (grouped-query attention with its 128 KV heads of
        // 128 would take 2 · 128 · 128 · 2 · 61 = 3,997,696).
        let ds = &lib.model("DeepSeek V3").unwrap().arch;
        assert_eq!(ds.kv_bytes(&bf16(ds), 1.0), 70_272.0);
        assert_eq!(
            ds.experts.map(|e| (e.count, e.per_token, e.shared)),
            Some((256, 8, 1))
        );
        // Gemma 4 31B at 4,000 tokens: 10 full layers of 4 KV heads of 512 (8,192 bytes a
        // token) keep all 4,000; 50 sliding layers of 16 KV heads of 256 (16,384 bytes) keep
        // 1,024: 327,680,000 + 838,860,800.
        let g4 = &lib.model("Gemma 4 31B").unwrap().arch;
        assert_eq!(g4.kv_bytes(&bf16(g4), 4000.0), 1_166_540_800.0);
        // Qwen3.5 35B-A3B at 1,000 tokens: 10 full layers of 2 KV heads of 256 (2,048 bytes a
        // token) and 30 linear layers of 548,864 state elements at 2 bytes, whatever the length:
        // 20,480,000 + 32,931,840.
        let q = &lib.model("Qwen3.5 35B-A3B").unwrap().arch;
        assert_eq!(q.kv_bytes(&bf16(q), 1000.0), 53_411_840.0);
        assert_eq!(
            q.kv_bytes(&bf16(q), 2000.0) - q.kv_bytes(&bf16(q), 1000.0),
            20_480_000.0
        );
        // Qwen3: native 32,768 and 131,072 with YaRN, kept apart.
        let q3 = &lib.model("Qwen3 32B").unwrap().arch;
        assert_eq!(
            (q3.max_context, q3.extended_context),
            (32_768, Some(131_072))
        );
        // fp4 where the GPU has fp4 tensor cores, dequantised (bf16) where not.
        let b200 = &lib.gpu("B200").unwrap().spec;
        assert_eq!(b200.tflops(Precision::Fp4), 9000.0);
        let h100 = &lib.gpu("H100").unwrap().spec;
        assert_eq!(h100.tflops(Precision::Fp4), h100.tflops_bf16);
        assert!(!h100.native(Precision::Fp4) && b200.native(Precision::Fp4));
        let mi = &lib.gpu("MI355X").unwrap().spec;
        assert_eq!(
            (mi.generation, mi.interconnect),
            (Generation::Cdna4, Interconnect::Xgmi)
        );
    }

    #[test]
    fn new_fields_are_checked() {
        let base = "[[model]]\nname = \"M\"\ntotal_params_b = 10\nlayers = 4\nattention_heads = 8\nkv_heads = 2\nhead_dim = 64\n";
        let prec = "[[model.precision]]\nname = \"fp4\"\nbytes_per_weight = 0.58\nkv_bytes_per_element = 1\n";
        for (extra, wanted) in [
            ("experts = 8\n", "experts needs experts_per_token"),
            ("kv_latent_rope_dim = 64\n", "kv_latent_rank"),
            ("linear_attention_layers = 3\n", "linear_state_elements"),
            (
                "linear_attention_layers = 4\nlinear_state_elements = 10\n",
                "fewer than layers",
            ),
            ("global_kv_heads = 2\n", "global_head_dim"),
            (
                "max_context = 100\nextended_context = 50\n",
                "exceed max_context",
            ),
        ] {
            let lib = Library::parse(&format!("{base}{extra}{prec}"), "t.toml");
            assert!(lib.models.is_empty(), "{extra}");
            assert!(
                lib.warnings.iter().any(|w| w.contains(wanted)),
                "{extra}: {:?}",
                lib.warnings
            );
        }
        let lib = Library::parse(&format!("{base}{prec}"), "t.toml");
        assert_eq!(lib.models[0].arch.precisions[0].precision, Precision::Fp4);
    }

    #[test]
    fn unknown_names_get_the_three_closest() {
        let e = crate::catalog::library().model("Llama 3.1 9B").unwrap_err();
        assert_eq!(e.closest.len(), 3, "{e}");
        assert!(e.closest.iter().any(|n| n == "Llama 3.1 8B"), "{e}");
        let text = e.to_string();
        assert!(text.starts_with("local model \"Llama 3.1 9B\" is not in the catalog; closest: "));
        assert_eq!(text.matches(", ").count(), 2, "{text}");
        let e = crate::catalog::library().gpu("H1000").unwrap_err();
        assert!(e.to_string().contains("H100"), "{e}");
    }
}
