//! Reading benchmark files: the format from the content (or `--from`), every run, with a size
//! limit. JSON streams through the parser, which keeps only the summary fields
//! ([`super::probe`]); a file may be larger than memory (the per-request arrays of
//! `--save-detailed` are skipped as they pass) up to [`JSON_CAP`]. A CSV is read whole up to
//! [`CSV_CAP`].

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::probe::Probe;
use super::run::Run;
use super::{genai_perf, guidellm, lenient::Lenient, sglang, vllm};

/// The largest JSON file read: 16 GiB, streamed (summary fields only are kept).
pub const JSON_CAP: u64 = 16 << 30;
/// The largest CSV export read: 16 MiB (genai-perf's are a few kB).
pub const CSV_CAP: u64 = 16 << 20;

/// The benchmark formats crossover reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Vllm,
    Sglang,
    GenaiPerf,
    GenaiPerfCsv,
    GuideLlm,
}

impl Format {
    pub const NAMES: &'static str = "vllm, sglang, genai-perf, genai-perf-csv, guidellm";

    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "vllm" => Some(Format::Vllm),
            "sglang" => Some(Format::Sglang),
            "genai-perf" | "aiperf" | "genai-perf-json" => Some(Format::GenaiPerf),
            "genai-perf-csv" | "aiperf-csv" => Some(Format::GenaiPerfCsv),
            "guidellm" => Some(Format::GuideLlm),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Vllm => "vLLM bench serve",
            Format::Sglang => "SGLang bench_serving",
            Format::GenaiPerf => "genai-perf/AIPerf JSON",
            Format::GenaiPerfCsv => "genai-perf/AIPerf CSV",
            Format::GuideLlm => "GuideLLM",
        }
    }
}

/// The format a top-level value's fields say, if any.
pub fn detect(p: &Probe) -> Option<Format> {
    if p.benchmarks.is_some() {
        Some(Format::GuideLlm)
    } else if p.time_to_first_token.is_some() || p.output_token_throughput.is_some() {
        Some(Format::GenaiPerf)
    } else if p.output_throughput.is_some() || p.completed.is_some() {
        let sglang_only = p.server_info.is_some()
            || p.sharegpt_output_len.is_some()
            || p.mean_e2e_latency_ms.is_some()
            || (p.dataset_name.is_some() && p.model_id.is_none());
        Some(if sglang_only {
            Format::Sglang
        } else {
            Format::Vllm
        })
    } else {
        None
    }
}

const UNKNOWN: &str = "is not a benchmark result crossover reads (vLLM `bench serve --save-result` JSON, SGLang `bench_serving` JSON lines, genai-perf/AIPerf profile export JSON or CSV, GuideLLM benchmarks.json); name the format with --from";

/// Every run of the file at `path`, named `shown` in messages. Errors name the file, and the
/// run where one is at fault.
pub fn read(path: &Path, shown: &str, from: Option<Format>) -> Result<Vec<Run>, String> {
    read_capped(path, shown, from, JSON_CAP)
}

/// [`read`] with the size limit given (tests use a small one).
pub fn read_capped(
    path: &Path,
    shown: &str,
    from: Option<Format>,
    cap: u64,
) -> Result<Vec<Run>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{shown}: cannot be read: not a regular file"));
    }
    let file = File::open(path).map_err(|e| format!("{shown}: cannot be read: {e}"))?;
    if meta.len() > cap {
        return Err(format!(
            "{shown}: is larger than {} bytes, the most a benchmark file may be",
            crate::figures::num(cap as f64)
        ));
    }
    let mut reader = BufReader::with_capacity(64 * 1024, file.take(cap));
    let first = {
        let buf = reader
            .fill_buf()
            .map_err(|e| format!("{shown}: cannot be read: {e}"))?;
        buf.iter().copied().find(|b| !b.is_ascii_whitespace())
    };
    let runs = match first {
        None => return Err(format!("{shown}: is empty")),
        Some(b'{') | Some(b'[') if from != Some(Format::GenaiPerfCsv) => {
            json_runs(reader, shown, from)?
        }
        _ => csv_runs(reader, shown, meta.len(), from)?,
    };
    if runs.is_empty() {
        return Err(format!("{shown}: holds no runs"));
    }
    for r in &runs {
        r.check().map_err(|e| format!("{}: {e}", r.name()))?;
    }
    Ok(runs)
}

fn csv_runs(
    reader: impl Read,
    shown: &str,
    len: u64,
    from: Option<Format>,
) -> Result<Vec<Run>, String> {
    if len > CSV_CAP {
        return Err(format!(
            "{shown}: is larger than 16 MiB, the most a benchmark CSV may be"
        ));
    }
    let mut text = String::new();
    reader
        .take(CSV_CAP + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("{shown}: cannot be read as text: {e}"))?;
    if from.is_some_and(|f| f != Format::GenaiPerfCsv) {
        return Err(format!(
            "{shown}: is not JSON, so not a {} result",
            from.map_or("", |f| f.label())
        ));
    }
    if from.is_none() && !genai_perf::is_csv(&text) {
        return Err(format!("{shown}: {UNKNOWN}"));
    }
    let run = genai_perf::csv_run(&text, shown).map_err(|e| format!("{shown}: {e}"))?;
    Ok(vec![run])
}

fn json_runs(reader: impl Read, shown: &str, from: Option<Format>) -> Result<Vec<Run>, String> {
    let stream = serde_json::Deserializer::from_reader(BufReader::with_capacity(
        64 * 1024,
        Lenient::new(reader),
    ))
    .into_iter::<Probe>();
    let mut runs = Vec::new();
    for (i, value) in stream.enumerate() {
        let probe = value.map_err(|e| {
            let what = if e.is_eof() {
                "truncated JSON"
            } else {
                "invalid JSON"
            };
            format!(
                "{shown}: run {}: {what} at line {}, column {} ({e})",
                i + 1,
                e.line(),
                e.column()
            )
        })?;
        let format = from
            .or_else(|| detect(&probe))
            .ok_or_else(|| format!("{shown}: {UNKNOWN}"))?;
        let at = |e: String| format!("{shown}: run {}: {e}", i + 1);
        match format {
            Format::Vllm => runs.push(vllm::run(&probe, shown, i).map_err(at)?),
            Format::Sglang => runs.push(sglang::run(&probe, shown, i).map_err(at)?),
            Format::GenaiPerf => runs.push(genai_perf::run(&probe, shown, i).map_err(at)?),
            Format::GuideLlm => {
                for (j, r) in guidellm::runs(&probe, shown).into_iter().enumerate() {
                    runs.push(r.map_err(|e| format!("{shown}: benchmark {}: {e}", j + 1))?);
                }
            }
            Format::GenaiPerfCsv => unreachable_csv()?,
        }
    }
    Ok(runs)
}

fn unreachable_csv() -> Result<(), String> {
    Err("a JSON file is not a genai-perf CSV".into())
}
