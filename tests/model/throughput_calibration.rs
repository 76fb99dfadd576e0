//! Calibration of the throughput estimate against published measurements.
//!
//! # Which rows (fixed before fitting)
//!
//! Source A, TensorRT-LLM's performance overview, the table "generated using version 0.17"
//! (NVIDIA/TensorRT-LLM@258c7540c03517def55d9a5aadfa9288af474e1b:
//! docs/source/performance/perf-overview.md; TensorRT-LLM v0.17, 2025-02). Output tokens per
//! second of the whole replica, offline (all requests queued at once), fixed input and output
//! lengths. Rows taken:
//! - every model of the table that is in crossover's catalog: Llama 3.1 8B, Llama 3.1 70B,
//!   Mixtral 8x7B;
//! - every GPU of the table that is in the catalog: H200, H100 SXM, L40S, A100 SXM 80GB, at the
//!   table's precision (FP8, FP16 on the A100);
//! - for each model and GPU, the smallest tensor-parallel size whose replica memory (GB as
//!   sold) is at least twice the weights (parameters × bytes per weight), or the next larger
//!   size the table lists when that one has no figures;
//! - the input/output lengths 128/2048 (short prompt), 1000/1000, 5000/500 and 20000/2000
//!   (long prompts).
//!
//! Source B, SGLang's reproduction of SGLang v0.3.0 against vLLM v0.6.0
//! (sgl-project/sglang@120affb9613cc3f5bcd055ec09c7621d3ced0ebc:
//! benchmark/benchmark_vllm_060/README.md, 2024-09): every row of its offline table (Llama 3.1
//! 8B on 1 × A100 80GB, Llama 3.1 70B on 4 × H100, bf16, each with SGLang and vLLM). ShareGPT
//! prompts: 194 output tokens per request (output tokens/s ÷ requests/s in that table) and 225
//! input tokens per request (sglang.bench_serving's ShareGPT sample with the Llama 3 tokenizer:
//! 369,103 input tokens over 1,648 requests in sgl-project/sglang issue 2805, 2025-01).
//!
//! Order: source A by model (table order), GPU (column order), lengths (row order); then
//! source B in table order.
//!
//! # Hold-out (fixed before fitting)
//!
//! Every third row in that order (the 3rd, 6th, 9th, …) is held out: the constants in
//! `src/model/throughput/engine.rs` are fitted on the others (`cargo test --test
//! throughput_calibration -- fit --nocapture` reruns the fit and prints it; a test fails if the
//! shipped constants drift from the fit). The test requires
//! every row, held-out rows included, within ±35% and the median absolute error within ±20%.
//!
//! Source E (one check row, added in session 11 after the estimate was seen: dstack's Llama
//! 3.1 405B on 8 × H100) is never fitted and is held to the issue's bound, within 2×.
//!
//! Sources F and G (added in session 12, after the session-11 estimate of them was seen: -40%,
//! -58% and -51% at one request) are the SGLang cookbook's runs at one request in flight on
//! 8 GPUs, in page order (F's short then long prompts, then G's Scout and Maverick), under the
//! same every-third rule. The load rows not held out fit the two fixed step times
//! (`the_step_times_are_the_fit`); nothing else is fitted on F and G.

use crossover::model::throughput::estimate::Config;
use crossover::model::throughput::load::at_concurrency;
use crossover::model::throughput::{
    estimate_with, Efficiency, Engine, GpuSpec, KvCache, LatencyTargets, ModelArch, Precision,
    Workload, CALIBRATED,
};

/// What a row measured.
#[derive(Clone, Copy, PartialEq)]
enum Metric {
    /// Output tokens per second of the replica.
    OutputTps,
    /// Mean time per output token, ms.
    Tpot,
    /// Mean time to first token, ms.
    Ttft,
}

struct Row {
    source: &'static str,
    date: &'static str,
    engine: Engine,
    model: &'static str,
    gpu: &'static str,
    gpus: u32,
    precision: Precision,
    input: f64,
    output: f64,
    /// Requests in flight (a closed loop), or `None`: all queued at once (saturation).
    load: Option<u32>,
    metric: Metric,
    /// The published figure.
    measured: f64,
}

const A: &str = "TensorRT-LLM perf overview (v0.17 table)";
const A_DATE: &str = "2025-02";
const B: &str = "SGLang benchmark_vllm_060";
const B_DATE: &str = "2024-09";
const C: &str = "Millstone AI inference benchmark (gpt-oss 20B MXFP4)";
const C_DATE: &str = "2026-01";
const D: &str = "Millstone AI inference benchmark (gpt-oss 120B MXFP4, hardware table)";
const D_DATE: &str = "2026-01";
const E: &str = "dstack benchmarks (Llama 3.1 405B FP8, vLLM serving)";
const E_DATE: &str = "2024-11";
const F: &str = "SGLang cookbook (Llama 3.1 70B, 8 × A100, SGLang 0.5.6)";
const F_DATE: &str = "2026-01";
const G: &str = "SGLang cookbook (Llama 4, 8 × MI300X, SGLang 0.5.9)";
const G_DATE: &str = "2026-03";

fn rows() -> Vec<Row> {
    use Precision::{Bf16, Fp8};
    let lengths = [
        (128.0, 2048.0),
        (1000.0, 1000.0),
        (5000.0, 500.0),
        (20000.0, 2000.0),
    ];
    // (model, gpu, tp, precision, figures at the four lengths)
    let table: [(&str, &str, u32, Precision, [f64; 4]); 12] = [
        (
            "Llama 3.1 8B",
            "H200",
            1,
            Fp8,
            [25398.86, 17537.96, 3987.79, 1804.1],
        ),
        (
            "Llama 3.1 8B",
            "H100 SXM",
            1,
            Fp8,
            [21109.38, 15244.78, 3559.36, 1401.31],
        ),
        (
            "Llama 3.1 8B",
            "L40S",
            1,
            Fp8,
            [5365.81, 4054.71, 981.2, 327.97],
        ),
        (
            "Llama 3.1 8B",
            "A100 80GB SXM",
            1,
            Bf16,
            [5255.99, 3786.83, 825.13, 330.04],
        ),
        (
            "Llama 3.1 70B",
            "H200",
            2,
            Fp8,
            [8290.35, 5164.76, 1025.38, 640.62],
        ),
        (
            "Llama 3.1 70B",
            "H100 SXM",
            2,
            Fp8,
            [6169.58, 4390.53, 919.73, 443.01],
        ),
        (
            "Llama 3.1 70B",
            "L40S",
            4,
            Fp8,
            [1942.66, 1209.25, 249.52, 162.25],
        ),
        (
            "Llama 3.1 70B",
            "A100 80GB SXM",
            4,
            Bf16,
            [2811.27, 1921.77, 392.62, 212.08],
        ),
        (
            "Mixtral 8x7B",
            "H200",
            1,
            Fp8,
            [15095.21, 10371.36, 2309.1, 1151.78],
        ),
        (
            "Mixtral 8x7B",
            "H100 SXM",
            2,
            Fp8,
            [22830.08, 15770.89, 3646.09, 1757.45],
        ),
        (
            "Mixtral 8x7B",
            "L40S",
            4,
            Fp8,
            [7996.93, 5251.49, 1092.88, 682.48],
        ),
        (
            "Mixtral 8x7B",
            "A100 80GB SXM",
            4,
            Bf16,
            [10911.86, 7122.84, 1500.55, 829.59],
        ),
    ];
    let mut rows = Vec::new();
    for (model, gpu, gpus, precision, figures) in table {
        for ((input, output), measured) in lengths.into_iter().zip(figures) {
            rows.push(Row {
                source: A,
                date: A_DATE,
                engine: Engine::TensorRtLlm,
                model,
                gpu,
                gpus,
                precision,
                input,
                output,
                load: None,
                metric: Metric::OutputTps,
                measured,
            });
        }
    }
    let b = |engine, model, gpu, gpus, measured| Row {
        source: B,
        date: B_DATE,
        engine,
        model,
        gpu,
        gpus,
        precision: Bf16,
        input: 225.0,
        output: 194.0,
        load: None,
        metric: Metric::OutputTps,
        measured,
    };
    rows.push(b(
        Engine::Sglang,
        "Llama 3.1 8B",
        "A100 80GB SXM",
        1,
        4281.51,
    ));
    rows.push(b(Engine::Vllm, "Llama 3.1 8B", "A100 80GB SXM", 1, 4132.37));
    rows.push(b(Engine::Sglang, "Llama 3.1 70B", "H100 SXM", 4, 3856.01));
    rows.push(b(Engine::Vllm, "Llama 3.1 70B", "H100 SXM", 4, 3700.64));
    let c = |load, metric, measured| Row {
        source: C,
        date: C_DATE,
        engine: Engine::Vllm,
        model: "gpt-oss 20B",
        gpu: "RTX PRO 6000 Blackwell",
        gpus: 1,
        precision: Precision::Int4,
        input: 1024.0,
        output: 1024.0,
        load: Some(load),
        metric,
        measured,
    };
    rows.push(c(1, Metric::Tpot, 1000.0 / 250.0));
    rows.push(c(1, Metric::Ttft, 35.0));
    rows.push(c(5, Metric::OutputTps, 642.5));
    // Source D: the hardware table of https://www.millstoneai.com/inference-benchmark/gpt-oss-120b-mxfp4
    // (read 2026-12-07; its RTX PRO 6000 report is dated 2026-01-30): "Peak Throughput" of
    // gpt-oss 120B MXFP4 on one H100 SXM (511 tok/s, 1 to 4 requests tested) and one H200 SXM
    // (849 tok/s, 1 to 10 tested), vLLM, 1,024 output tokens a request. The peak is taken at
    // the table's largest concurrency and its 1K context, where source C's report of the same
    // method states its peak ("642.5 tok/s @ 5 concurrent requests, 1K context").
    let d = |gpu, load, measured| Row {
        source: D,
        date: D_DATE,
        engine: Engine::Vllm,
        model: "gpt-oss 120B",
        gpu,
        gpus: 1,
        precision: Precision::Int4,
        input: 1024.0,
        output: 1024.0,
        load: Some(load),
        metric: Metric::OutputTps,
        measured,
    };
    rows.push(d("H100 SXM", 4, 511.0));
    rows.push(d("H200", 10, 849.0));
    // Source E, a check row (never fitted: see `check_only`): dstack's Llama 3.1 405B FP8 on
    // 8 × H100 SXM with a vLLM nightly of 2024-11 (0.6.3.post2.dev308; `vllm serve
    // meta-llama/Llama-3.1-405B-FP8 --tensor-parallel-size 8 --max-model-len 91680`, the
    // engine's defaults otherwise), 1,000 ShareGPT prompts sent at once (request rate 1,000):
    // 215,196 input and 122,195 output tokens, 1,247.72 output tok/s
    // (dstackai/benchmarks@85a2fe177aabe8a5556ce75e791dcd74b1cd8187:
    // comparison/h100sxm5_vs_mi300x/raw_data/8xH100SXM5-serving/nvidia-vllm-1000.0qps-Llama-3.1-405B-FP8-20241109-151112.json,
    // read 2026-12-07). The table's only replica of 8 GPUs.
    rows.push(Row {
        source: E,
        date: E_DATE,
        engine: Engine::Vllm,
        model: "Llama 3.1 405B",
        gpu: "H100 SXM",
        gpus: 8,
        precision: Precision::Fp8,
        input: 215.196,
        output: 122.195,
        load: None,
        metric: Metric::OutputTps,
        measured: 1247.72,
    });
    // Sources F and G (added in session 12, for the fixed time per layer of a decode step):
    // the SGLang cookbook's closed-loop runs at one request in flight, mean time per output
    // token, SGLang's `bench_serving` random dataset (means of the runs' 10 requests: 610.1
    // input and 422.0 output tokens at `--random-input-len 1000`, 4,194.1 and 422.0 at 8000).
    // F: Llama 3.1 70B bf16, `--tp 8` on 8 × A100 80GB, SGLang 0.5.6
    // (sgl-project/sgl-cookbook@7b5bd9c05e3d86da5161ac2be9b91c19a34bf49d:
    // docs/autoregressive/Llama/Llama3.1.md, section 5, 2026-01-14; read 2026-12-07).
    // G: Llama 4 Scout and Maverick bf16, tensor parallelism 8 on 8 × MI300X, SGLang 0.5.9
    // (the same commit's docs/autoregressive/Llama/Llama4.md, sections 5.1 and 5.2,
    // 2026-03-18; read 2026-12-08). Only the runs at one request: the runs at 16 and more are
    // the held-out checks of `crossover calibrate` (src/calibrate/tests.rs), never fitted here.
    let one = |source, date, model, gpu, input, measured| Row {
        source,
        date,
        engine: Engine::Sglang,
        model,
        gpu,
        gpus: 8,
        precision: Bf16,
        input,
        output: 422.0,
        load: Some(1),
        metric: Metric::Tpot,
        measured,
    };
    rows.push(one(
        F,
        F_DATE,
        "Llama 3.1 70B",
        "A100 80GB SXM",
        610.1,
        18.63,
    ));
    rows.push(one(
        F,
        F_DATE,
        "Llama 3.1 70B",
        "A100 80GB SXM",
        4194.1,
        18.8,
    ));
    rows.push(one(G, G_DATE, "Llama 4 Scout", "MI300X", 610.1, 7.49));
    rows.push(one(G, G_DATE, "Llama 4 Maverick", "MI300X", 610.1, 5.95));
    rows
}

/// Rows kept out of the fit whatever their position, and held to the issue's bound (within 2×)
/// rather than the table's: source E, one engine build's replica of 8 GPUs. No other row of
/// the table has 8 GPUs, so fitting on it would be fitting a constant on one source.
fn check_only(r: &Row) -> bool {
    r.source == E
}

/// One fitted constant, reached inside the constants.
type Knob = fn(&mut Efficiency) -> &mut f64;

fn held_out(index: usize) -> bool {
    (index + 1) % 3 == 0 || rows().get(index).is_some_and(check_only)
}

/// The catalog's architecture: the calibration checks the shipped data too.
fn model(name: &str) -> ModelArch {
    match crossover::catalog::library().model(name) {
        Ok(m) => m.arch.clone(),
        Err(e) => panic!("{e}"),
    }
}

fn gpu(name: &str) -> GpuSpec {
    match crossover::catalog::library().gpu(name) {
        Ok(g) => g.spec.clone(),
        Err(e) => panic!("{e}"),
    }
}

/// The estimate of one row: saturation or the row's load, in the row's metric.
fn estimated(eff: &Efficiency, r: &Row) -> Option<f64> {
    let (m, g) = (model(r.model), gpu(r.gpu));
    let w = Workload {
        input_tokens: r.input,
        output_tokens: r.output,
    };
    let Some(load) = r.load else {
        let e = estimate_with(
            eff,
            &m,
            &g,
            r.precision,
            r.gpus,
            r.engine,
            &w,
            &LatencyTargets::default(),
        )
        .ok()?;
        return Some(e.output_tokens_per_second);
    };
    let config = Config {
        precision: r.precision,
        kv: KvCache::Auto,
        gpus: r.gpus,
        engine: r.engine,
        parallelism: crossover::model::throughput::Parallelism::Tensor,
    };
    let l = at_concurrency(eff, &m, &g, &config, &w, load).ok()?;
    Some(match r.metric {
        Metric::OutputTps => l.output_tokens_per_second,
        Metric::Tpot => l.time_per_output_token_s * 1e3,
        Metric::Ttft => l.time_to_first_token_s * 1e3,
    })
}

/// Estimate ÷ measured − 1 for every row.
fn errors(eff: &Efficiency) -> Vec<f64> {
    rows()
        .iter()
        .map(|r| estimated(eff, r).map_or(-1.0, |e| e / r.measured - 1.0))
        .collect()
}

fn median_abs(errs: &[f64]) -> f64 {
    let mut a: Vec<f64> = errs.iter().map(|e| e.abs()).collect();
    a.sort_by(f64::total_cmp);
    let n = a.len();
    if n % 2 == 1 {
        a[n / 2]
    } else {
        (a[n / 2 - 1] + a[n / 2]) / 2.0
    }
}

/// Whole numbers from 100 up, one decimal below.
fn figure(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// The calibration table in Markdown, as docs/DEVELOPMENT.md shows it.
fn table(eff: &Efficiency) -> String {
    let mut out = String::from(
        "| # | source | date | engine | model | GPU | GPUs | precision | input | output | load | figure | measured | estimate | error | held out |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for (i, (r, err)) in rows().iter().zip(errors(eff)).enumerate() {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:+.0}% | {} |\n",
            i + 1,
            r.source,
            r.date,
            r.engine.label(),
            r.model,
            r.gpu,
            r.gpus,
            r.precision.name(),
            r.input,
            r.output,
            r.load.map_or("saturation".to_string(), |n| format!("{n} at once")),
            match r.metric {
                Metric::OutputTps => "output tok/s",
                Metric::Tpot => "TPOT ms",
                Metric::Ttft => "TTFT ms",
            },
            figure(r.measured),
            figure(r.measured * (1.0 + err)),
            err * 100.0,
            if held_out(i) { "yes" } else { "" }
        ));
    }
    out
}

#[test]
fn rows_cover_what_the_issue_asks() {
    let rows = rows();
    assert!(rows.len() >= 12);
    let mut gpus: Vec<&str> = rows.iter().map(|r| r.gpu).collect();
    gpus.dedup();
    assert!(gpus.len() >= 2);
    assert!(rows.iter().any(|r| r.model == "Mixtral 8x7B"));
    assert!(rows.iter().any(|r| r.gpus > 1));
    assert!(rows.iter().any(|r| r.input <= 256.0) && rows.iter().any(|r| r.input >= 5000.0));
    assert!(rows
        .iter()
        .all(|r| !r.source.is_empty() && !r.date.is_empty()));
}

#[test]
fn every_row_within_35_percent_and_median_within_20() {
    let errs = errors(&CALIBRATED);
    let t = table(&CALIBRATED);
    // Saturation rows within 35%; the load rows (low concurrency on one source, not fitted)
    // within 50%.
    for (i, (e, r)) in errs.iter().zip(rows()).enumerate() {
        let limit = if check_only(&r) {
            1.0
        } else if r.load.is_none() {
            0.35
        } else {
            0.50
        };
        assert!(
            e.abs() <= limit,
            "row {} off by {:+.0}%\n{t}",
            i + 1,
            e * 100.0
        );
    }
    let m = median_abs(&errs);
    assert!(m <= 0.20, "median {m}\n{t}");
}

/// The errors the dashboard's `w` and the report quote (`CALIBRATION`) are the table's.
#[test]
fn the_quoted_calibration_errors_are_the_tables() {
    let errs = errors(&CALIBRATED);
    let held: Vec<f64> = (0..errs.len())
        .filter(|i| held_out(*i))
        .map(|i| errs[i])
        .collect();
    let worst = |v: &[f64]| v.iter().fold(0.0f64, |m, e| m.max(e.abs())) * 100.0;
    let one_decimal = |x: f64| (x * 10.0).round() / 10.0;
    let c = crossover::model::throughput::engine::CALIBRATION;
    assert_eq!(c.rows, errs.len());
    assert_eq!(c.median_pct, one_decimal(median_abs(&errs) * 100.0));
    assert_eq!(c.worst_pct, one_decimal(worst(&errs)));
    assert_eq!(
        c.held_out_median_pct,
        one_decimal(median_abs(&held) * 100.0)
    );
    assert_eq!(c.held_out_worst_pct, one_decimal(worst(&held)));
}

/// The shipped constants are the fit: refitting from them on the fitting rows (a coordinate
/// descent on the squared log error) moves none of the nine by more than 0.01, the rounding
/// they are shipped with, and gains under 5% of the loss. `cargo test --test
/// throughput_calibration -- fit --nocapture` prints both tables and the refitted constants.
#[test]
fn shipped_constants_are_the_fit() {
    // The load rows check the latency path; they are too few to fit on (see the module's
    // comment).
    let all = rows();
    let fitting: Vec<usize> = (0..all.len())
        .filter(|&i| !held_out(i) && all[i].load.is_none())
        .collect();
    let loss = |eff: &Efficiency| -> f64 {
        let errs = errors(eff);
        fitting
            .iter()
            .map(|&i| (1.0 + errs[i]).max(1e-3).ln().powi(2))
            .sum()
    };
    let report = |eff: &Efficiency| {
        let errs = errors(eff);
        println!("{}", table(eff));
        let held: Vec<f64> = (0..errs.len())
            .filter(|i| held_out(*i))
            .map(|i| errs[i])
            .collect();
        let worst = |v: &[f64]| v.iter().fold(0.0f64, |m, e| m.max(e.abs())) * 100.0;
        println!(
            "median |error| {:.1}%, worst {:.1}%; held-out rows: median {:.1}%, worst {:.1}%",
            median_abs(&errs) * 100.0,
            worst(&errs),
            median_abs(&held) * 100.0,
            worst(&held)
        );
    };
    println!("With the shipped constants:");
    report(&CALIBRATED);
    let mut eff = CALIBRATED;
    let fields: [(Knob, f64, f64); 9] = [
        (|e| &mut e.bandwidth_ampere, 0.2, 0.95),
        (|e| &mut e.bandwidth_ada, 0.2, 0.95),
        (|e| &mut e.bandwidth_hopper, 0.2, 0.95),
        (|e| &mut e.compute, 0.1, 1.0),
        (|e| &mut e.moe, 0.3, 1.5),
        (|e| &mut e.tp_nvlink, 0.5, 1.0),
        (|e| &mut e.tp_pcie, 0.3, 1.0),
        (|e| &mut e.vllm, 0.3, 1.5),
        (|e| &mut e.sglang, 0.3, 1.5),
    ];
    let shipped_loss = loss(&eff);
    let mut best = shipped_loss;
    for step in [0.2, 0.1, 0.05, 0.02, 0.01, 0.005] {
        for _ in 0..20 {
            let mut moved = false;
            for (field, lo, hi) in fields {
                for dir in [1.0 + step, 1.0 / (1.0 + step)] {
                    let mut t = eff;
                    let v = field(&mut t);
                    *v = (*v * dir).clamp(lo, hi);
                    let l = loss(&t);
                    if l < best - 1e-12 {
                        best = l;
                        eff = t;
                        moved = true;
                    }
                }
            }
            if !moved {
                break;
            }
        }
    }
    println!("Refitted from them:\n{eff:#?}\nloss {best} (shipped {shipped_loss})");
    report(&eff);
    for (field, _, _) in fields {
        let (mut shipped, mut refit) = (CALIBRATED, eff);
        let (a, b) = (*field(&mut shipped), *field(&mut refit));
        assert!(
            (a - b).abs() <= 0.01 + 1e-9,
            "a shipped constant {a} is not the fit's {b:.4}: refit and ship the new constants"
        );
    }
    assert!(
        shipped_loss <= best * 1.05,
        "the shipped constants' loss {shipped_loss} is more than 5% above the refit's {best}"
    );
}

/// The fine-grained mixture-of-experts factor is the fit of the fine-grained rows that are not
/// held out (sources C and D: gpt-oss at low concurrency, every metric), a scan of 0.20 to 1.50
/// by 0.01 on the squared log error, without the fixed step times (they are fitted after it,
/// on its value: see `the_step_times_are_the_fit`); the nine constants above stay as fitted on
/// the saturation rows. The dequantisation factor `d` is stated, not fitted: at these rows'
/// loads the decode products are under 4% of the step, so no row moves when it changes
/// (printed by `cargo test --test model fine_grained -- --nocapture`).
#[test]
fn the_fine_grained_factor_is_the_fit() {
    use crossover::model::throughput::engine::fine_grained;
    let all = rows();
    let fine: Vec<usize> = (0..all.len())
        .filter(|&i| {
            !held_out(i)
                && model(all[i].model)
                    .experts
                    .as_ref()
                    .is_some_and(fine_grained)
        })
        .collect();
    assert!(fine.len() >= 3, "{fine:?}");
    let loss = |eff: &Efficiency| -> f64 {
        fine.iter()
            .map(|&i| {
                let e = estimated(eff, &all[i]).map_or(1e-3, |v| v / all[i].measured);
                e.max(1e-3).ln().powi(2)
            })
            .sum()
    };
    let no_step = Efficiency {
        step_layer_s: 0.0,
        step_layer_doubling_s: 0.0,
        ..CALIBRATED
    };
    let (mut best, mut best_loss) = (CALIBRATED.moe_fine, f64::INFINITY);
    for k in 20..=150 {
        let eff = Efficiency {
            moe_fine: f64::from(k) / 100.0,
            ..no_step
        };
        let l = loss(&eff);
        if l < best_loss - 1e-12 {
            (best, best_loss) = (eff.moe_fine, l);
        }
    }
    for d in [0.3, 0.6, 1.0] {
        let eff = Efficiency {
            dequant: d,
            ..no_step
        };
        println!("dequant {d}: fine-grained loss {:.5}", loss(&eff));
    }
    println!(
        "fine-grained factor: fit {best:.2} (loss {best_loss:.5}), shipped {} (loss {:.5})",
        CALIBRATED.moe_fine,
        loss(&no_step)
    );
    assert!(
        (best - CALIBRATED.moe_fine).abs() <= 0.01 + 1e-9,
        "the shipped fine-grained factor {} is not the fit's {best:.2}",
        CALIBRATED.moe_fine
    );
}

/// The fixed step times (a time per layer on one GPU and what each doubling of the GPUs adds
/// to it) are the fit of the low-concurrency rows that are not held out (sources C, D, F and
/// G: every metric), the squared log error over a grid of 0 to 200 µs by 4 µs and then 1 µs
/// around its best, with the fine-grained factor and the nine constants as shipped (the
/// nine are fitted on the saturation rows with these step times in place). Fitted jointly
/// with the fine-grained factor on the same rows, the two drift together (to about 80 µs a
/// layer and a factor of 0.9): three rows of one source cannot tell a fixed step from the
/// experts' reads, so the factor is fitted first, without step times (session 10's fit),
/// and these on it. `cargo test --test model step_times -- --nocapture` prints the fit.
#[test]
fn the_step_times_are_the_fit() {
    let all = rows();
    let load: Vec<usize> = (0..all.len())
        .filter(|&i| !held_out(i) && all[i].load.is_some())
        .collect();
    assert!(load.len() >= 6, "{load:?}");
    let with = |layer_us: i32, doubling_us: i32| Efficiency {
        step_layer_s: f64::from(layer_us) * 1e-6,
        step_layer_doubling_s: f64::from(doubling_us) * 1e-6,
        ..CALIBRATED
    };
    let loss = |eff: &Efficiency| -> f64 {
        load.iter()
            .map(|&i| {
                let e = estimated(eff, &all[i]).map_or(1e-3, |v| v / all[i].measured);
                e.max(1e-3).ln().powi(2)
            })
            .sum()
    };
    let search = |layers: &mut dyn Iterator<Item = i32>, doublings: &[i32]| {
        let mut best = (0, 0, f64::INFINITY);
        for a in layers {
            for &d in doublings {
                let l = loss(&with(a, d));
                if l < best.2 - 1e-12 {
                    best = (a, d, l);
                }
            }
        }
        best
    };
    let coarse: Vec<i32> = (0..=50).map(|k| k * 4).collect();
    let (a, d, _) = search(&mut coarse.iter().copied(), &coarse);
    let fine: Vec<i32> = (d - 4..=d + 4).filter(|v| *v >= 0).collect();
    let (a, d, l) = search(&mut (a - 4..=a + 4).filter(|v| *v >= 0), &fine);
    let shipped = (
        CALIBRATED.step_layer_s * 1e6,
        CALIBRATED.step_layer_doubling_s * 1e6,
    );
    println!(
        "step times: fit {a} µs a layer + {d} µs a doubling (loss {l:.5}), shipped {:.0} + {:.0} (loss {:.5}); without them {:.5}",
        shipped.0,
        shipped.1,
        loss(&CALIBRATED),
        loss(&with(0, 0))
    );
    assert!(
        (f64::from(a) - shipped.0).abs() <= 1.0 + 1e-9
            && (f64::from(d) - shipped.1).abs() <= 1.0 + 1e-9,
        "the shipped step times {shipped:?} µs are not the fit's {a} and {d}"
    );
}

/// docs/DEVELOPMENT.md shows the table as the estimate computes it now.
#[test]
fn development_md_shows_the_current_calibration_table() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/DEVELOPMENT.md"))
        .unwrap();
    let t = table(&CALIBRATED);
    assert!(
        doc.contains(&t),
        "docs/DEVELOPMENT.md's calibration table is out of date; it should read:\n\n{t}"
    );
}

/// The calibration table's errors by regime, as `regimes::BANDS` ships them and docs/MODEL.md
/// shows them.
fn bands(eff: &Efficiency) -> Vec<(String, String, usize, f64)> {
    use crossover::model::throughput::regimes::{regimes, BANDS};
    let errs = errors(eff);
    let rows = rows();
    BANDS
        .iter()
        .map(|b| {
            let errors: Vec<f64> = rows
                .iter()
                .zip(&errs)
                .filter(|(r, _)| {
                    let rs = regimes(
                        &model(r.model),
                        &gpu(r.gpu),
                        r.precision,
                        r.gpus,
                        r.input,
                        r.load,
                    );
                    rs.contains(&(b.dimension, b.regime))
                })
                .map(|(_, e)| *e)
                .collect();
            let median = if errors.is_empty() {
                0.0
            } else {
                (median_abs(&errors) * 1000.0).round() / 10.0
            };
            (
                b.dimension.to_string(),
                b.regime.to_string(),
                errors.len(),
                median,
            )
        })
        .collect()
}

#[test]
fn the_regime_bands_are_the_tables() {
    use crossover::model::throughput::regimes::BANDS;
    let got = bands(&CALIBRATED);
    let code: String = got
        .iter()
        .map(|(d, r, n, m)| format!("    band({d:?}, {r:?}, {n}, {m:.1}),\n"))
        .collect();
    for (b, (_, _, n, m)) in BANDS.iter().zip(&got) {
        assert!(
            b.rows == *n && (b.median_pct - m).abs() < 1e-9,
            "regimes::BANDS is out of date; it should read:\n{code}"
        );
    }
    // docs/MODEL.md shows the same table.
    let mut table =
        String::from("| dimension | regime | rows | median error |\n|---|---|---|---|\n");
    for (d, r, n, m) in &got {
        let err = if *n == 0 {
            "none: no row".to_string()
        } else {
            format!("{m:.1}%")
        };
        table.push_str(&format!("| {d} | {r} | {n} | {err} |\n"));
    }
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/MODEL.md")).unwrap();
    assert!(
        doc.contains(&table),
        "docs/MODEL.md's errors by regime are out of date; they should read:\n\n{table}"
    );
}
