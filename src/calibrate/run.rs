//! One benchmark run as the fit sees it: what was served (model, engine, GPU, GPUs,
//! precision, as far as the file says), the load it ran at, and its summary figures.

/// How the benchmark drove the server.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Load {
    /// A fixed number of requests in flight (closed loop: `--max-concurrency`, genai-perf's
    /// `--concurrency`, GuideLLM's `concurrent` and `synchronous`).
    Concurrency(f64),
    /// Requests sent at a rate, requests/s (open loop: `--request-rate`, GuideLLM's
    /// `constant` and `poisson`).
    Rate(f64),
    /// Every request sent at once (`--request-rate inf` without a concurrency cap, GuideLLM's
    /// `throughput`).
    Burst,
}

/// A latency figure, milliseconds: mean, median and 99th percentile where the file gives them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stat {
    pub mean: Option<f64>,
    pub p50: Option<f64>,
    pub p99: Option<f64>,
}

impl Stat {
    /// The figure the fit uses: the mean, else the median.
    pub fn central(&self) -> Option<f64> {
        self.mean.or(self.p50)
    }
}

/// What a file says about the server, each as written there (resolved against the catalog
/// by [`super::config`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Served {
    pub model: Option<String>,
    /// The engine, only where the file names the server (not an OpenAI-compatible client).
    pub engine: Option<String>,
    pub gpu: Option<String>,
    pub gpus: Option<u32>,
    pub precision: Option<String>,
}

/// One run of a benchmark file.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The file as the user named it.
    pub file: String,
    /// Which run of the file: "run 3 (concurrency 64)".
    pub label: String,
    pub served: Served,
    pub load: Load,
    /// Requests completed, where the file counts them.
    pub completed: Option<f64>,
    /// Mean tokens per request.
    pub input_tokens: f64,
    pub output_tokens: f64,
    /// Output tokens per second over the run.
    pub output_tokens_per_second: f64,
    /// Requests completed per second.
    pub requests_per_second: Option<f64>,
    /// Mean end-to-end latency of a request, ms.
    pub e2e_ms: Option<f64>,
    /// Mean requests in flight, where the benchmark measured it (GuideLLM).
    pub mean_concurrency: Option<f64>,
    pub ttft_ms: Stat,
    pub tpot_ms: Stat,
}

impl Run {
    /// "FILE, run 3 (concurrency 64)": how errors and reports name the run.
    pub fn name(&self) -> String {
        format!("{}, {}", self.file, self.label)
    }

    /// Requests in flight on average: measured where given, else by Little's law (requests/s ×
    /// end-to-end latency), else the stated concurrency. `None` when nothing gives it.
    pub fn in_flight(&self) -> Option<f64> {
        if let Some(c) = self.mean_concurrency.filter(|c| *c > 0.0) {
            return Some(c);
        }
        let rps = self
            .requests_per_second
            .or_else(|| Some(self.output_tokens_per_second / self.output_tokens));
        if let (Some(r), Some(e)) = (rps, self.e2e_ms) {
            if r > 0.0 && e > 0.0 {
                return Some(r * e / 1e3);
            }
        }
        match self.load {
            Load::Concurrency(c) => Some(c),
            _ => None,
        }
    }

    /// The load in words.
    pub fn load_text(&self) -> String {
        match self.load {
            Load::Concurrency(c) => format!("concurrency {}", crate::model::fields::plain(c)),
            Load::Rate(r) => format!("{} requests/s", crate::model::fields::plain(r)),
            Load::Burst => "all requests at once".into(),
        }
    }

    /// Refuses figures no benchmark gives: no completed requests, zero, negative, NaN or
    /// infinite throughput and token counts, negative or non-finite latencies. The message
    /// names the figure; the caller adds the file and run.
    pub fn check(&self) -> Result<(), String> {
        if let Some(c) = self.completed.filter(|c| !(c.is_finite() && *c >= 1.0)) {
            return Err(format!(
                "no completed requests ({}): nothing to fit",
                crate::model::fields::plain(c)
            ));
        }
        for (what, v) in [
            ("mean input tokens", self.input_tokens),
            ("mean output tokens", self.output_tokens),
            ("output tokens/s", self.output_tokens_per_second),
        ] {
            if !(v.is_finite() && v > 0.0 && v < 1e9) {
                return Err(format!(
                    "{what} must be a positive number, not {}",
                    crate::model::fields::plain(v)
                ));
            }
        }
        let optional = [
            ("requests/s", self.requests_per_second),
            ("end-to-end latency (ms)", self.e2e_ms),
            ("mean concurrency", self.mean_concurrency),
        ];
        let stats = [
            ("time to first token", self.ttft_ms),
            ("time per output token", self.tpot_ms),
        ];
        let mut all: Vec<(String, Option<f64>)> =
            optional.iter().map(|(w, v)| (w.to_string(), *v)).collect();
        for (w, s) in stats {
            all.push((format!("mean {w} (ms)"), s.mean));
            all.push((format!("median {w} (ms)"), s.p50));
            all.push((format!("p99 {w} (ms)"), s.p99));
        }
        for (what, v) in all {
            if let Some(v) = v {
                if !(v.is_finite() && (0.0..1e12).contains(&v)) {
                    return Err(format!(
                        "{what} must be a number ≥ 0, not {}",
                        crate::model::fields::plain(v)
                    ));
                }
            }
        }
        if let Load::Concurrency(c) | Load::Rate(c) = self.load {
            if !(c.is_finite() && c > 0.0) {
                return Err(format!("the load ({}) must be positive", self.load_text()));
            }
        }
        Ok(())
    }
}
