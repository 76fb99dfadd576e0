//! NVIDIA genai-perf's `profile_export_genai_perf.json` / `.csv` and AIPerf's
//! `profile_export_aiperf.json` / `.csv` (AIPerf keeps genai-perf's layout). Names as
//! ai-dynamo/aiperf writes them (read 2026-12 at commit
//! db4f6397d11ee2d4cfbb41f70b2327315163dcf0: `aiperf/common/models/export_models.py`,
//! `aiperf/exporters/csv_exporter.py`): JSON metrics `time_to_first_token`,
//! `inter_token_latency`, `request_latency` (`{"unit": "ms", "avg", "p50", "p99"}`),
//! `output_token_throughput` and `request_throughput` (`avg`), `input_sequence_length` and
//! `output_sequence_length` (`avg`), `request_count`, and `input_config` (genai-perf:
//! `model`, `concurrency`, `request_rate`; AIPerf: `endpoint.model_names`,
//! `loadgen.concurrency`, `loadgen.request_rate`). The CSV has a `Metric,avg,min,max,…,p50,…,p99`
//! table ("Time to First Token (ms)", "Inter Token Latency (ms)", …) and a `Metric,Value` table
//! ("Output Token Throughput (tokens/sec)", "Request Throughput (requests/sec)"); it names no
//! model, load or server, which `--model`, `--gpu` and `--engine` then give.

use super::probe::Probe;
use super::run::{Load, Run, Served, Stat};
use super::value::{get, to_ms, Metric, NumOrMetric};

fn stat(m: &Option<Metric>) -> Stat {
    let Some(m) = m else {
        return Stat::default();
    };
    let u = m.unit.as_deref();
    Stat {
        mean: get(m.avg).map(|v| to_ms(v, u)),
        p50: get(m.p50).map(|v| to_ms(v, u)),
        p99: get(m.p99).map(|v| to_ms(v, u)),
    }
}

fn avg(m: &Option<Metric>) -> Option<f64> {
    m.as_ref().and_then(|m| get(m.avg))
}

/// One genai-perf or AIPerf JSON summary.
pub fn run(p: &Probe, file: &str, index: usize) -> Result<Run, String> {
    let cfg = p.input_config.as_ref();
    let model = cfg.and_then(|c| {
        c.model
            .as_ref()
            .or(c.endpoint.as_ref().and_then(|e| e.model_names.as_ref()))
            .and_then(|n| n.first().map(str::to_string))
    });
    let concurrency = cfg
        .and_then(|c| get(c.concurrency).or(c.loadgen.as_ref().and_then(|l| get(l.concurrency))));
    let rate = cfg
        .and_then(|c| get(c.request_rate).or(c.loadgen.as_ref().and_then(|l| get(l.request_rate))));
    let load = match (rate, concurrency) {
        (Some(r), _) if r.is_finite() && r > 0.0 => Load::Rate(r),
        (_, Some(c)) => Load::Concurrency(c),
        _ => Load::Burst,
    };
    let rps = match &p.request_throughput {
        Some(NumOrMetric::Metric(m)) => get(m.avg),
        Some(NumOrMetric::Num(n)) => Some(n.0),
        None => None,
    };
    let e2e = stat(&p.request_latency).mean;
    let mut run = Run {
        file: file.to_string(),
        label: String::new(),
        served: Served {
            model,
            engine: None,
            ..Served::default()
        },
        load,
        completed: avg(&p.request_count),
        input_tokens: avg(&p.input_sequence_length).ok_or("no input_sequence_length")?,
        output_tokens: avg(&p.output_sequence_length).ok_or("no output_sequence_length")?,
        output_tokens_per_second: avg(&p.output_token_throughput)
            .ok_or("no output_token_throughput")?,
        requests_per_second: rps,
        e2e_ms: e2e,
        mean_concurrency: None,
        ttft_ms: stat(&p.time_to_first_token),
        tpot_ms: stat(&p.inter_token_latency),
    };
    run.label = format!("run {} ({})", index + 1, run.load_text());
    Ok(run)
}

/// One CSV line split at commas, quotes removed ("a,b" kept whole).
fn cells(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for ch in line.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            _ => {
                if let Some(last) = out.last_mut() {
                    last.push(ch);
                }
            }
        }
    }
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// "Time to First Token (ms)" → ("time to first token", Some("ms")).
fn name_unit(cell: &str) -> (String, Option<String>) {
    let lower = cell.to_ascii_lowercase();
    match lower.rfind(" (") {
        Some(at) if lower.ends_with(')') => (
            lower[..at].trim().to_string(),
            Some(lower[at + 2..lower.len() - 1].to_string()),
        ),
        _ => (lower.trim().to_string(), None),
    }
}

/// True when `text` looks like a genai-perf or AIPerf CSV export.
pub fn is_csv(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_start().starts_with("Metric,"))
}

/// The statistic columns of a `Metric,avg,…` header row.
fn column(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h.eq_ignore_ascii_case(name))
}

/// A genai-perf or AIPerf CSV export: one run.
pub fn csv_run(text: &str, file: &str) -> Result<Run, String> {
    let mut header: Vec<String> = Vec::new();
    let mut stats: Vec<(String, Stat)> = Vec::new();
    let mut values: Vec<(String, f64)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let row = cells(line);
        if row
            .first()
            .is_some_and(|c| c.eq_ignore_ascii_case("metric"))
        {
            header = row;
            continue;
        }
        if row.len() < 2 || row[0].is_empty() {
            continue;
        }
        let (name, unit) = name_unit(&row[0]);
        let num = |i: Option<usize>| -> Result<Option<f64>, String> {
            match i.and_then(|i| row.get(i)).filter(|c| !c.is_empty()) {
                None => Ok(None),
                Some(c) => c
                    .replace(',', "")
                    .parse::<f64>()
                    .map(|v| Some(to_ms(v, unit.as_deref())))
                    .map_err(|_| format!("line {}: {:?} is not a number", n + 1, c)),
            }
        };
        if column(&header, "value").is_some() {
            if let Some(v) = num(column(&header, "value"))? {
                values.push((name, v));
            }
        } else {
            let s = Stat {
                mean: num(column(&header, "avg"))?,
                p50: num(column(&header, "p50"))?,
                p99: num(column(&header, "p99"))?,
            };
            stats.push((name, s));
        }
    }
    let stat = |n: &str| stats.iter().find(|(k, _)| k == n).map(|(_, s)| *s);
    let value = |n: &str| {
        values
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| *v)
            .or_else(|| stat(n).and_then(|s| s.mean))
    };
    let mut run = Run {
        file: file.to_string(),
        label: String::new(),
        served: Served::default(),
        load: Load::Burst,
        completed: value("request count"),
        input_tokens: value("input sequence length").ok_or("no Input Sequence Length row")?,
        output_tokens: value("output sequence length").ok_or("no Output Sequence Length row")?,
        output_tokens_per_second: value("output token throughput")
            .ok_or("no Output Token Throughput row")?,
        requests_per_second: value("request throughput"),
        e2e_ms: stat("request latency").and_then(|s| s.mean),
        mean_concurrency: None,
        ttft_ms: stat("time to first token").unwrap_or_default(),
        tpot_ms: stat("inter token latency").unwrap_or_default(),
    };
    run.label = "run 1 (load from the latency: the CSV does not state it)".into();
    Ok(run)
}
