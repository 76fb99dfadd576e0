//! Which configuration a run measured: the catalog model, GPU, GPUs per replica, precision
//! and engine. Each comes from the file where it says so, else from the command line
//! (`--model`, `--gpu`, `--gpus`, `--precision`, `--engine`); a flag that contradicts the
//! file is refused, and so is a configuration neither gives.

use crate::model::throughput::library::Library;
use crate::model::throughput::{Engine, Precision};

use super::run::Run;

/// One configuration: a fit applies to exactly this.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Config {
    /// The catalog's names.
    pub model: String,
    pub gpu: String,
    pub gpus: u32,
    pub precision: Precision,
    pub engine: Engine,
}

impl PartialOrd for Precision {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Precision {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (*self as u8).cmp(&(*other as u8))
    }
}

impl PartialOrd for Engine {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Engine {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (*self as u8).cmp(&(*other as u8))
    }
}

impl Config {
    /// "Llama 3.1 8B bf16 on 1 × H100 SXM, vLLM".
    pub fn text(&self) -> String {
        format!(
            "{} {} on {} × {}, {}",
            self.model,
            self.precision.name(),
            self.gpus,
            self.gpu,
            self.engine.label()
        )
    }
}

/// What the command line says (each `None` when not given).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Flags {
    pub model: Option<String>,
    pub gpu: Option<String>,
    pub gpus: Option<u32>,
    pub precision: Option<String>,
    pub engine: Option<String>,
    /// `--keep-outliers`: fit every run's means as measured, even where a few slow requests
    /// dominate them ([`super::outlier`]).
    pub keep_outliers: bool,
}

/// Suffixes of Hugging Face ids that name a variant of the same architecture; a trailing
/// precision suffix also says the precision.
const SUFFIXES: &[(&str, Option<Precision>)] = &[
    ("-instruct", None),
    ("-chat", None),
    ("-it", None),
    ("-hf", None),
    ("-base", None),
    ("-nvfp4", Some(Precision::Fp4)),
    ("-fp4", Some(Precision::Fp4)),
    ("-fp8-dynamic", Some(Precision::Fp8)),
    ("-fp8", Some(Precision::Fp8)),
    ("-awq", Some(Precision::Int4)),
    ("-gptq-int4", Some(Precision::Int4)),
    ("-gptq", Some(Precision::Int4)),
    ("-int4", Some(Precision::Int4)),
    ("-w4a16", Some(Precision::Int4)),
    ("-2507", None),
    ("-v0.1", None),
];

/// The catalog model a file's model id names (a name, an alias, or a Hugging Face id with
/// its organisation and -Instruct/-Chat/precision suffixes), and the precision a suffix says.
pub fn model_of(lib: &Library, id: &str) -> Result<(String, Option<Precision>), String> {
    let mut name = id.trim().trim_end_matches('/').to_string();
    if let Ok(m) = lib.model(&name) {
        return Ok((m.arch.name.clone(), None));
    }
    if let Some(tail) = name.rsplit('/').next() {
        name = tail.to_string();
    }
    // Meta's own repositories once named the models "Meta-Llama-3.1-8B".
    if name.len() > 5 && name[..5].eq_ignore_ascii_case("meta-") {
        name = name[5..].to_string();
    }
    let mut hint = None;
    for _ in 0..4 {
        if let Ok(m) = lib.model(&name) {
            return Ok((m.arch.name.clone(), hint));
        }
        let lower = name.to_ascii_lowercase();
        let Some((suffix, p)) = SUFFIXES.iter().find(|(s, _)| lower.ends_with(s)) else {
            break;
        };
        hint = hint.or(*p);
        name.truncate(name.len() - suffix.len());
    }
    lib.model(&name)
        .map(|m| (m.arch.name.clone(), hint))
        .map_err(|e| {
            format!(
                "{e} (the file's model id is {:?}; give --model to name it)",
                id
            )
        })
}

/// A precision as files and flags write it: bf16/bfloat16/fp16, fp8 (any fp8 scheme), fp4
/// (NVFP4, MXFP4), int4 (AWQ, GPTQ, W4A16).
pub fn precision_of(s: &str) -> Option<Precision> {
    let t = s.trim().to_ascii_lowercase();
    if let Some(p) = Precision::parse(&t) {
        return Some(p);
    }
    match t.as_str() {
        "bfloat16" | "float16" | "half" => Some(Precision::Bf16),
        _ if t.contains("fp4") => Some(Precision::Fp4),
        _ if t.starts_with("fp8") || t == "modelopt" => Some(Precision::Fp8),
        _ if ["awq", "gptq", "int4", "w4a16", "marlin"]
            .iter()
            .any(|k| t.contains(k)) =>
        {
            Some(Precision::Int4)
        }
        _ => None,
    }
}

fn engine_of(s: &str) -> Result<Engine, String> {
    Engine::parse(s).ok_or_else(|| {
        format!("engine {s:?} is not one crossover estimates (vllm, sglang, tensorrt-llm)")
    })
}

/// A value from the file or the flag: the flag may fill in, never contradict.
fn pick<T: PartialEq + Clone>(
    file: Option<T>,
    flag: Option<T>,
    what: &str,
    show: impl Fn(&T) -> String,
) -> Result<T, String> {
    match (file, flag) {
        (Some(a), Some(b)) if a != b => Err(format!(
            "the file says {what} {}, --{what} says {}: a fit is never applied to another {what}; calibrate this file on its own",
            show(&a),
            show(&b)
        )),
        (Some(a), _) | (None, Some(a)) => Ok(a),
        (None, None) => Err(format!(
            "the file does not say the {what}: give --{what}"
        )),
    }
}

/// The configuration of one run.
pub fn resolve(lib: &Library, run: &Run, flags: &Flags) -> Result<Config, String> {
    let fail = |e: String| format!("{}: {e}", run.name());
    let flag_model = match &flags.model {
        Some(m) => Some(model_of(lib, m).map_err(fail)?),
        None => None,
    };
    let file_model = match &run.served.model {
        // A served name the catalog does not know (`--served-model-name`) yields to --model.
        Some(m) => match model_of(lib, m) {
            Ok(x) => Some(x),
            Err(e) if flag_model.is_none() => return Err(fail(e)),
            Err(_) => None,
        },
        None => None,
    };
    let hint = file_model.as_ref().and_then(|m| m.1);
    let model = pick(
        file_model.map(|m| m.0),
        flag_model.map(|m| m.0),
        "model",
        |s| s.clone(),
    )
    .map_err(fail)?;
    let gpu_name = |s: &String| -> Result<String, String> { Ok(lib.gpu(s)?.spec.name.clone()) };
    let file_gpu = run
        .served
        .gpu
        .as_ref()
        .map(gpu_name)
        .transpose()
        .map_err(fail)?;
    let flag_gpu = flags.gpu.as_ref().map(gpu_name).transpose().map_err(fail)?;
    let gpu = pick(file_gpu, flag_gpu, "gpu", |s| s.clone()).map_err(fail)?;
    let gpus = pick(run.served.gpus, flags.gpus, "gpus", |g| g.to_string()).map_err(fail)?;
    let parse_p = |s: &String| {
        precision_of(s).ok_or_else(|| format!("precision {s:?} is not bf16, fp8, fp4 or int4"))
    };
    let file_p = match run.served.precision.as_ref().map(parse_p).transpose() {
        Ok(p) => p.or(hint),
        Err(e) => return Err(fail(e)),
    };
    let flag_p = flags
        .precision
        .as_ref()
        .map(parse_p)
        .transpose()
        .map_err(fail)?;
    let precision = pick(file_p, flag_p, "precision", |p| p.name().to_string()).map_err(fail)?;
    let file_e = run
        .served
        .engine
        .as_deref()
        .map(engine_of)
        .transpose()
        .map_err(fail)?;
    let flag_e = flags
        .engine
        .as_deref()
        .map(engine_of)
        .transpose()
        .map_err(fail)?;
    let engine = pick(file_e, flag_e, "engine", |e| e.name().to_string()).map_err(fail)?;
    Ok(Config {
        model,
        gpu,
        gpus,
        precision,
        engine,
    })
}
