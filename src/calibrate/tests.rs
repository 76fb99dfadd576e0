//! The formats on hand-written fixtures with a published measurement, a round trip from the
//! estimate with known factors, and the bad inputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::config::{model_of, Flags};
use super::predict::{batch_limit, efficiency, predict, Factors, Setup};
use super::read::{read, read_capped, Format};
use super::run::{Load, Run};
use super::{fit_all, Fitted};
use crate::model::throughput::{Engine, Precision, Workload, CALIBRATED};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/calibrate")
        .join(name)
}

fn runs_of(name: &str) -> Vec<Run> {
    read(&fixture(name), name, None).unwrap()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a / b - 1.0).abs() <= rel
}

/// The published measurement every fixture carries (tests/fixtures/calibrate/README.md).
fn assert_lambda(r: &Run) {
    assert!(close(r.output_tokens_per_second, 413.894, 1e-4), "{r:?}");
    assert!(close(r.input_tokens, 136.9, 1e-3), "{r:?}");
    assert!(close(r.output_tokens, 44.2, 1e-3), "{r:?}");
    assert!(close(r.ttft_ms.mean.unwrap(), 44.16, 1e-3), "{r:?}");
    assert!(close(r.ttft_ms.p99.unwrap(), 64.57, 1e-3), "{r:?}");
    assert!(close(r.tpot_ms.mean.unwrap(), 6.02, 1e-3), "{r:?}");
    assert!(close(r.tpot_ms.p50.unwrap(), 5.20, 1e-3), "{r:?}");
    assert!(close(r.in_flight().unwrap(), 2.7189, 1e-3), "{r:?}");
}

#[test]
fn every_format_reads_the_published_run_and_is_detected_from_its_content() {
    for (name, model, engine) in [
        (
            "vllm.json",
            Some("neuralmagic/Meta-Llama-3.1-8B-FP8"),
            Some("vllm"),
        ),
        (
            "sglang.jsonl",
            Some("neuralmagic/Meta-Llama-3.1-8B-FP8"),
            Some("sglang"),
        ),
        (
            "genai_perf.json",
            Some("neuralmagic/Meta-Llama-3.1-8B-FP8"),
            None,
        ),
        ("genai_perf.csv", None, None),
        (
            "guidellm.json",
            Some("neuralmagic/Meta-Llama-3.1-8B-FP8"),
            None,
        ),
    ] {
        let runs = runs_of(name);
        assert_eq!(runs.len(), 1, "{name}");
        let r = &runs[0];
        assert_lambda(r);
        assert_eq!(r.served.model.as_deref(), model, "{name}");
        assert_eq!(r.served.engine.as_deref(), engine, "{name}");
        assert!(r.name().starts_with(name), "{}", r.name());
    }
    let sg = &runs_of("sglang.jsonl")[0];
    assert_eq!(sg.served.gpus, Some(1));
    assert_eq!(sg.served.precision.as_deref(), Some("fp8"));
    assert_eq!(sg.load, Load::Burst, "request_rate: Infinity is a burst");
    assert_eq!(runs_of("vllm.json")[0].load, Load::Burst);
    // --from overrides detection; a wrong one says what is missing.
    let forced = read(&fixture("vllm.json"), "v", Some(Format::Sglang)).unwrap();
    assert_lambda(&forced[0]);
    let wrong = read(&fixture("vllm.json"), "v", Some(Format::GenaiPerf)).unwrap_err();
    assert!(
        wrong.contains("v: run 1: no input_sequence_length"),
        "{wrong}"
    );
}

#[test]
fn hugging_face_ids_match_the_catalog_and_say_their_precision() {
    let lib = crate::catalog::library();
    for (id, name, p) in [
        ("meta-llama/Llama-3.1-8B-Instruct", "Llama 3.1 8B", None),
        (
            "neuralmagic/Meta-Llama-3.1-8B-FP8",
            "Llama 3.1 8B",
            Some(Precision::Fp8),
        ),
        ("Qwen/Qwen3-32B-AWQ", "Qwen3 32B", Some(Precision::Int4)),
        ("llama-3.3-70b-instruct", "Llama 3.3 70B", None),
        ("Llama 3.1 70B", "Llama 3.1 70B", None),
        ("meta-llama/Llama-3.1-70B-Chat", "Llama 3.1 70B", None),
    ] {
        assert_eq!(model_of(lib, id).unwrap(), (name.to_string(), p), "{id}");
    }
    let e = model_of(lib, "acme/unknown-model-7b").unwrap_err();
    assert!(e.contains("give --model"), "{e}");
}

fn flags(gpu: &str) -> Flags {
    Flags {
        gpu: Some(gpu.into()),
        gpus: Some(1),
        ..Flags::default()
    }
}

#[test]
fn the_published_run_fits_within_bounds_and_says_it_measured_latency_only() {
    let runs = runs_of("vllm.json");
    let fitted = fit_all(crate::catalog::library(), &runs, &flags("H100 SXM")).unwrap();
    assert_eq!(fitted.len(), 1);
    let f = &fitted[0];
    assert_eq!(f.config.model, "Llama 3.1 8B");
    assert_eq!(f.config.precision, Precision::Fp8);
    assert_eq!(f.config.engine, Engine::Vllm);
    let o = &f.outcome;
    assert!(!o.capacity_fitted);
    assert!(o.notes[0].starts_with("latency only"), "{:?}", o.notes);
    assert!(o.bandwidth_share.1 <= 1.0 && o.compute_share.1 <= 1.0);
    let r = &o.runs[0];
    assert!(
        r.after.worst_pct(&r.measured) < r.before.worst_pct(&r.measured),
        "{r:?}"
    );
    // "Before" is the shipped estimator, its per-request overhead included.
    assert_eq!(o.overhead_s.0, CALIBRATED.overhead_s);
    let lib = crate::catalog::library();
    let (model, gpu) = (
        lib.model("Llama 3.1 8B").unwrap(),
        lib.gpu("H100 SXM").unwrap(),
    );
    let setup = Setup {
        model: &model.arch,
        gpu: &gpu.spec,
        precision: Precision::Fp8,
        kv: crate::model::throughput::KvCache::Auto,
        gpus: 1,
        engine: Engine::Vllm,
        parallelism: crate::model::throughput::Parallelism::Tensor,
    };
    let w = Workload {
        input_tokens: runs[0].input_tokens,
        output_tokens: runs[0].output_tokens,
    };
    let shipped_estimate = predict(
        &efficiency(&CALIBRATED, &setup, &Factors::shipped(&CALIBRATED, &setup)),
        &setup,
        &w,
        r.in_flight,
        r.limit,
        CALIBRATED.overhead_s,
    )
    .unwrap();
    assert!(
        close(r.before.ttft_ms.unwrap(), shipped_estimate.ttft_ms, 1e-12),
        "{r:?}"
    );
}

/// A benchmark file of closed-loop runs made by the estimate itself with `truth`.
fn synthetic(truth: &Factors, sizes: &[(f64, f64)], loads: &[f64]) -> String {
    let lib = crate::catalog::library();
    let model = lib.model("Llama 3.1 8B").unwrap();
    let gpu = lib.gpu("H100 SXM").unwrap();
    let setup = Setup {
        model: &model.arch,
        gpu: &gpu.spec,
        precision: Precision::Bf16,
        kv: crate::model::throughput::KvCache::Auto,
        gpus: 1,
        engine: Engine::Vllm,
        parallelism: crate::model::throughput::Parallelism::Tensor,
    };
    let eff = efficiency(&CALIBRATED, &setup, truth);
    let mut out = String::new();
    for &(i, o) in sizes {
        let w = Workload {
            input_tokens: i,
            output_tokens: o,
        };
        let limit = batch_limit(&CALIBRATED, &setup, &w).unwrap();
        for &c in loads {
            let p = predict(&eff, &setup, &w, c, limit, truth.overhead_s).unwrap();
            let rps = p.output_tokens_per_second / o;
            let v = serde_json::json!({
                "backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B-Instruct",
                "request_rate": "inf", "max_concurrency": c, "completed": 1000,
                "total_input_tokens": i * 1000.0, "total_output_tokens": o * 1000.0,
                "request_throughput": rps, "output_throughput": p.output_tokens_per_second,
                "mean_ttft_ms": p.ttft_ms, "mean_tpot_ms": p.tpot_ms,
                "mean_e2el_ms": c / rps * 1e3, "gpu": "H100", "gpus": 1, "precision": "bf16",
            });
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
    out
}

fn write_tmp(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::File::create(&p)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    p
}

fn fit_text(text: &str) -> Result<Vec<Fitted>, String> {
    let dir = tempfile::tempdir().unwrap();
    let p = write_tmp(&dir, "sweep.jsonl", text);
    let runs = read(&p, "sweep.jsonl", None)?;
    fit_all(crate::catalog::library(), &runs, &Flags::default())
}

#[test]
fn a_round_trip_recovers_known_factors_within_one_percent() {
    let truth = Factors {
        bandwidth: 0.8,
        compute: 1.25,
        overhead_s: 0.03,
        step_s: 0.012,
    };
    let text = synthetic(
        &truth,
        &[(2000.0, 200.0), (8000.0, 500.0), (500.0, 1000.0)],
        &[1.0, 4.0, 16.0, 64.0, 400.0],
    );
    let fitted = fit_text(&text).unwrap();
    let o = &fitted[0].outcome;
    assert!(close(o.factors.bandwidth, 0.8, 0.01), "{:?}", o.factors);
    assert!(close(o.factors.compute, 1.25, 0.01), "{:?}", o.factors);
    assert!(close(o.factors.overhead_s, 0.03, 0.01), "{:?}", o.factors);
    assert!(close(o.factors.step_s, 0.012, 0.01), "{:?}", o.factors);
    assert!(o.capacity_fitted, "400 in flight saturates the replica");
    assert!(o.worst_error_pct < 0.5, "{}", o.worst_error_pct);
    assert_eq!(o.determined, [true, true, true, true]);
}

#[test]
fn a_fit_needing_more_than_the_hardware_is_refused_naming_the_run() {
    // Four times the shipped bandwidth share is past 100% of the H100's peak.
    let truth = Factors {
        bandwidth: 4.0,
        compute: 1.0,
        overhead_s: 0.0,
        step_s: 0.0,
    };
    let text = synthetic(&truth, &[(1000.0, 500.0)], &[1.0, 8.0]);
    let e = fit_text(&text).unwrap_err();
    assert!(e.contains("sweep.jsonl, run "), "{e}");
    assert!(e.contains("more than the hardware has"), "{e}");
}

#[test]
fn a_refused_fit_names_the_run_that_needs_more_than_the_hardware() {
    // Three runs four times faster than the shipped bandwidth share allows (past 100% of
    // the H100's peak) and one run twice slower: the fit ends on its top bound, where the
    // slow run is overshot by more than the fast runs are missed. The refusal names a fast
    // run (the one that needs more than the hardware has) and says the slow one disagrees.
    let fast = Factors {
        bandwidth: 4.0,
        compute: 1.0,
        overhead_s: CALIBRATED.overhead_s,
        step_s: 0.0,
    };
    let slow = Factors {
        bandwidth: 0.5,
        ..fast
    };
    let text = synthetic(&fast, &[(1000.0, 500.0)], &[1.0, 2.0, 4.0])
        + &synthetic(&slow, &[(1000.0, 500.0)], &[64.0]);
    let e = fit_text(&text).unwrap_err();
    let named = e.split(':').next().unwrap_or_default();
    assert!(
        ["run 1 ", "run 2 ", "run 3 "]
            .iter()
            .any(|r| named.contains(r)),
        "{e}"
    );
    assert!(
        e.contains("too slow): the fit would need more than the hardware has"),
        "{e}"
    );
    assert!(
        e.contains("too fast for sweep.jsonl, run 4 (concurrency 64)"),
        "{e}"
    );
}

#[test]
fn an_overhead_on_its_bound_says_so() {
    // First tokens 8 s late: the overhead stops at its 5 s bound and a note says so.
    let truth = Factors {
        bandwidth: 1.0,
        compute: 1.0,
        overhead_s: 8.0,
        step_s: 0.0,
    };
    let fitted = fit_text(&synthetic(&truth, &[(1000.0, 500.0)], &[1.0, 4.0])).unwrap();
    let o = &fitted[0].outcome;
    assert_eq!(o.factors.overhead_s, super::fit::MAX_OVERHEAD_S);
    assert!(
        o.notes
            .iter()
            .any(|n| n.starts_with("the per-request overhead ended on its bound of 5 s")),
        "{:?}",
        o.notes
    );
    // First tokens faster than the estimate's prefill at the sweep's low end (the SGLang
    // cookbook's runs at concurrency 1 and 100): the overhead stops at 0 and a note says so.
    let flags = Flags {
        model: Some("Llama 3.1 70B".into()),
        gpu: Some("A100 80GB SXM".into()),
        gpus: Some(8),
        precision: Some("bf16".into()),
        ..Flags::default()
    };
    let ends: Vec<Run> = runs_of("sgl-cookbook-llama-3.1-70b-8xa100-sglang.jsonl")
        .into_iter()
        .filter(|r| r.input_tokens < 1000.0 && matches!(r.load, Load::Concurrency(c) if c != 16.0))
        .collect();
    let fitted = fit_all(crate::catalog::library(), &ends, &flags).unwrap();
    let o = &fitted[0].outcome;
    assert_eq!(o.factors.overhead_s, 0.0);
    assert!(
        o.notes
            .iter()
            .any(|n| n.starts_with("the per-request overhead ended on its bound of 0 ms")),
        "{:?}",
        o.notes
    );
    // A fit inside its bounds has no such note.
    let inside = Factors {
        overhead_s: 0.2,
        ..truth
    };
    let fitted = fit_text(&synthetic(&inside, &[(1000.0, 500.0)], &[1.0, 4.0])).unwrap();
    assert!(
        !fitted[0].outcome.notes.iter().any(|n| n.contains("bound")),
        "{:?}",
        fitted[0].outcome.notes
    );
}

fn bad(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = write_tmp(&dir, "bad.json", text);
    match read(&p, "bad.json", None) {
        Err(e) => e,
        Ok(runs) => fit_all(crate::catalog::library(), &runs, &flags("H100 SXM")).unwrap_err(),
    }
}

#[test]
fn bad_inputs_are_refused_naming_the_file_and_the_run() {
    let vllm = std::fs::read_to_string(fixture("vllm.json")).unwrap();
    let e = bad(r#"{"name": "not a benchmark"}"#);
    assert!(e.starts_with("bad.json: is not a benchmark result"), "{e}");
    let e = bad(&vllm[..vllm.len() / 2]);
    assert!(e.starts_with("bad.json: run 1: truncated JSON"), "{e}");
    let e = bad(&vllm.replace(r#""completed": 10"#, r#""completed": 0"#));
    assert!(e.contains("bad.json: run 1: no completed requests"), "{e}");
    let e = bad(&vllm.replace(
        r#""mean_tpot_ms": 6.018531635219421"#,
        r#""mean_tpot_ms": NaN"#,
    ));
    assert!(e.contains("bad.json, run 1 (all requests at once): mean time per output token (ms) must be a number ≥ 0, not NaN"), "{e}");
    let e = bad(&vllm.replace(
        r#""output_throughput": 413.89429359863317"#,
        r#""output_throughput": -5"#,
    ));
    assert!(
        e.contains("output tokens/s must be a positive number, not -5"),
        "{e}"
    );
    let e = bad("");
    assert_eq!(e, "bad.json: is empty");
    let e = bad("not,a,csv\n1,2,3\n");
    assert!(e.starts_with("bad.json: is not a benchmark result"), "{e}");
}

#[test]
fn a_flag_never_forces_a_configuration_onto_a_file_naming_another() {
    let runs = runs_of("sglang.jsonl");
    let mut f = flags("H100 SXM");
    f.model = Some("Qwen3 8B".into());
    let e = fit_all(crate::catalog::library(), &runs, &f).unwrap_err();
    assert!(e.contains("sglang.jsonl, run 1"), "{e}");
    assert!(
        e.contains("the file says model Llama 3.1 8B, --model says Qwen3 8B"),
        "{e}"
    );
    let mut f = flags("H100 SXM");
    f.gpus = Some(2);
    let e = fit_all(crate::catalog::library(), &runs, &f).unwrap_err();
    assert!(e.contains("the file says gpus 1, --gpus says 2"), "{e}");
    // Nothing given: the GPU is asked for.
    let e = fit_all(crate::catalog::library(), &runs, &Flags::default()).unwrap_err();
    assert!(
        e.contains("the file does not say the gpu: give --gpu"),
        "{e}"
    );
    let csv = runs_of("genai_perf.csv");
    let e = fit_all(crate::catalog::library(), &csv, &flags("H100 SXM")).unwrap_err();
    assert!(e.contains("does not say the model: give --model"), "{e}");
}

#[test]
fn a_large_file_streams_past_its_per_request_arrays_and_a_cap_is_kept() {
    let vllm = std::fs::read_to_string(fixture("vllm.json")).unwrap();
    // 20 MB of per-request inter-token latencies in front of the summary.
    let mut big = String::from(r#"{"itls": ["#);
    big.push_str(&vec!["[0.0501, 0.0502, 0.0503]"; 800_000].join(","));
    big.push_str("], ");
    big.push_str(&vllm[1..]);
    let dir = tempfile::tempdir().unwrap();
    let p = write_tmp(&dir, "big.json", &big);
    let runs = read(&p, "big.json", None).unwrap();
    assert_lambda(&runs[0]);
    let e = read_capped(&p, "big.json", None, 1 << 20).unwrap_err();
    assert!(
        e.starts_with("big.json: is larger than 1,048,576 bytes"),
        "{e}"
    );
}

#[test]
fn one_call_fits_each_configuration_on_its_own() {
    let truth = Factors {
        bandwidth: 0.9,
        compute: 1.1,
        overhead_s: 0.01,
        step_s: 0.0,
    };
    let a = synthetic(&truth, &[(2000.0, 200.0)], &[1.0, 16.0, 400.0]);
    let b = a.replace(r#""gpu":"H100""#, r#""gpu":"H200""#);
    let fitted = fit_text(&(a + &b)).unwrap();
    assert_eq!(fitted.len(), 2);
    assert_eq!(fitted[0].config.gpu, "H100 SXM");
    assert_eq!(fitted[1].config.gpu, "H200");
    assert_eq!(fitted[0].outcome.runs.len(), 3);
}

/// One held-out run's errors, percent: its name, whether it is of another request size than
/// the fit's runs, output tokens/s and TPOT.
type HeldOut = (String, bool, f64, f64);

/// The held-out check (issue 28): fit the runs of a published sweep that `fit_on` picks and
/// predict the others at their measured load; `other_size` marks the held-out runs of
/// another request size (bound 20%; the others 10% output tokens/s, 15% TPOT).
fn held_out(
    name: &str,
    flags: &Flags,
    fit_on: impl Fn(&Run) -> bool,
    other_size: impl Fn(&Run) -> bool,
) -> Result<Vec<HeldOut>, String> {
    let (fit_runs, held): (Vec<Run>, Vec<Run>) = runs_of(name).into_iter().partition(&fit_on);
    let fitted = fit_all(crate::catalog::library(), &fit_runs, flags)?;
    let f = &fitted[0];
    let lib = crate::catalog::library();
    let model = lib.model(&f.config.model)?;
    let gpu = lib.gpu(&f.config.gpu)?;
    let setup = Setup {
        model: &model.arch,
        gpu: &gpu.spec,
        precision: f.config.precision,
        kv: crate::model::throughput::KvCache::Auto,
        gpus: f.config.gpus,
        engine: f.config.engine,
        parallelism: crate::model::throughput::Parallelism::Tensor,
    };
    let eff = efficiency(&CALIBRATED, &setup, &f.outcome.factors);
    let mut out = Vec::new();
    for r in &held {
        let w = Workload {
            input_tokens: r.input_tokens,
            output_tokens: r.output_tokens,
        };
        let at = r.in_flight().unwrap_or(0.0);
        let limit = batch_limit(&eff, &setup, &w).map_err(|e| format!("{e:?}"))?;
        let p = predict(&eff, &setup, &w, at, limit, f.outcome.factors.overhead_s)
            .map_err(|e| format!("{e:?}"))?;
        let tps = (p.output_tokens_per_second / r.output_tokens_per_second - 1.0) * 100.0;
        let tpot = (p.tpot_ms / r.tpot_ms.central().unwrap_or(f64::NAN) - 1.0) * 100.0;
        out.push((r.name(), other_size(r), tps, tpot));
    }
    Ok(out)
}

/// Every held-out run within its bounds: 10% output tokens/s and 15% TPOT at the sweep's
/// other loads, 20% at other request sizes.
fn assert_within_bounds(errors: &[HeldOut]) {
    for (run, _, tps, tpot) in errors {
        eprintln!("{run}: output tokens/s {tps:+.1}%, TPOT {tpot:+.1}%");
    }
    for (run, other_size, tps, tpot) in errors {
        let (a, b) = if *other_size {
            (20.0, 20.0)
        } else {
            (10.0, 15.0)
        };
        assert!(
            tps.abs() <= a && tpot.abs() <= b,
            "{run}: {tps:+.1}%, {tpot:+.1}%"
        );
    }
}

/// The DeepSeek-R1 sweep: fit its odd points (4, 16 and 64 requests at once at 3,200/800)
/// and predict its even points (8, 32, 128) and its other output sizes.
fn deepseek_held_out() -> Result<Vec<HeldOut>, String> {
    let flags = Flags {
        model: Some("DeepSeek R1".into()),
        gpu: Some("H200".into()),
        gpus: Some(8),
        precision: Some("fp8".into()),
        ..Flags::default()
    };
    let at = |r: &Run| r.in_flight().unwrap_or(0.0);
    let base = |r: &Run| r.output_tokens == 800.0;
    held_out(
        "dstack-deepseek-r1-8xh200-sglang.jsonl",
        &flags,
        |r| {
            base(r)
                && [4.0, 16.0, 64.0]
                    .iter()
                    .any(|c| (at(r) / c - 1.0).abs() < 0.1)
        },
        |r| !base(r),
    )
}

#[test]
#[ignore = "design data of the fixed step time (2026-12-08), fails: fitted on concurrency 4, 16 and 64 (step time 0 -> 34.5 ms, bandwidth share on its 100% bound, compute 0.055, overhead on its 5 s bound), 8 and 32 are within bounds (output tokens/s -8.5%, +2.1%; TPOT +5.5%, +8.4%) but 128 is not (+20.2%, +11.0%), nor 1,600 and 6,400 output tokens at 128 (+19.6%/-1.3%, +18.8%/-8.7%, +21.5%/-14.4%). Without the step time (session 10) the fit was refused. Its first tokens (3.9 s at 4 requests to 36 s at 128, identical 3,200/800 requests in a closed loop arriving in waves) are not the M/D/1 queue. Re-run once on 2026-12-08 after the estimator's own step time (24c3797), nothing retuned: 8 and 32 -8.6%/+5.5%, +2.1%/+8.5%, 128 +20.8%/+10.5%, other sizes +19.6%/-1.3%, +18.4%/-8.4%, +20.9%/-14.0%. Details: README of tests/fixtures/calibrate"]
fn a_held_out_half_of_a_published_sweep_is_predicted() {
    let errors = deepseek_held_out().expect("the fit of the sweep's odd points");
    assert_eq!(errors.len(), 6, "3 other loads and 3 other output sizes");
    assert_within_bounds(&errors);
}

/// The dense sweep (tests/fixtures/calibrate/README.md): Llama 3.3 70B bf16 on 4 × H200 with
/// SGLang, Poisson rates 1, 2, 4, 8 and 16 requests/s of random ~510/~530-token requests, and
/// ShareGPT (~224/~189) at 4 and 8. The split was fixed before any run of the fit: fit rates
/// 1, 4 and 16; predict 2 and 8, and both ShareGPT runs.
fn llama_held_out() -> Result<Vec<HeldOut>, String> {
    let flags = Flags {
        model: Some("Llama 3.3 70B".into()),
        gpu: Some("H200".into()),
        gpus: Some(4),
        precision: Some("bf16".into()),
        ..Flags::default()
    };
    let random = |r: &Run| r.output_tokens > 400.0;
    held_out(
        "datacrunch-llama-3.3-70b-4xh200-sglang.jsonl",
        &flags,
        |r| random(r) && matches!(r.load, Load::Rate(x) if [1.0, 4.0, 16.0].contains(&x)),
        |r| !random(r),
    )
}

/// The closed-loop dense sweep (tests/fixtures/calibrate/README.md): Llama 3.1 70B bf16 on
/// 8 × A100 80GB with SGLang 0.5.6, `--max-concurrency` 1, 16 and 100 of random ~500/~505-token
/// requests, and 1, 16 and 64 of ~4,000/~520. The split was written down before any run of the
/// fit: fit concurrency 1 and 100 of the first size; predict 16 of it (10% / 15%) and all three
/// runs of the second size (20%).
fn cookbook_held_out() -> Result<Vec<HeldOut>, String> {
    let flags = Flags {
        model: Some("Llama 3.1 70B".into()),
        gpu: Some("A100 80GB SXM".into()),
        gpus: Some(8),
        precision: Some("bf16".into()),
        ..Flags::default()
    };
    let short = |r: &Run| r.input_tokens < 1000.0;
    held_out(
        "sgl-cookbook-llama-3.1-70b-8xa100-sglang.jsonl",
        &flags,
        |r| short(r) && matches!(r.load, Load::Concurrency(c) if c == 1.0 || c == 100.0),
        |r| !short(r),
    )
}

#[test]
#[ignore = "fails as pre-registered (2026-12-07): fitted on concurrency 1 and 100 of ~500/~505 tokens (bandwidth share 0.912 -> 0.513, compute 0.411 -> 0.254, overhead 15 -> 0 ms), concurrency 16 is predicted at output tokens/s +18.6%, TPOT -16.2% (bounds 10% / 15%); of the ~4,000/~520 runs, concurrency 1 is within 20% (-6.5%, -0.8%) but 16 (-21.6%, +18.8%) and 64 (-46.8%, +84.5%) are not. The measured TPOT grows with the requests in flight by 0.6 ms a request from 1 to 13.5 and 0.28 ms from 13.5 to 90 (18.6, 26.1, 47.2 ms), where the estimate's step grows linearly, and the fit explains the growth with a low compute share that then overprices the long prompts' prefill. Fitted on all six runs the estimate still misses by a median 16% (worst 49%): no bandwidth, compute and overhead factors follow this sweep. Not tuned after seeing it. Re-run once on 2026-12-08 after the estimator's own step time (24c3797), nothing retuned: unchanged. Details: README of tests/fixtures/calibrate"]
fn a_held_out_part_of_a_closed_loop_dense_sweep_is_predicted() {
    let errors = cookbook_held_out().expect("the fit of concurrency 1 and 100");
    assert_eq!(
        errors.len(),
        4,
        "concurrency 16, and the other size at 1, 16, 64"
    );
    assert_within_bounds(&errors);
}

#[test]
#[ignore = "fails as pre-registered (2026-12-07): fitted on rates 1, 4 and 16, rate 2 is within bounds (output tokens/s +1.1%, TPOT +9.7%) and ShareGPT at 4 within 20% (+3.8%, +15.6%), but rate 8 misses (+93.9%, -25.5%) and ShareGPT at 8 too (+45.5%, +5.5%). The file gives latencies as medians only (median TTFT and median inter-token latency, no mean TPOT) while the load in flight comes from the mean end-to-end latency (Little's law); at and past saturation (8 requests/s offered, 6.9 served, mean end-to-end 52 s against a median-based 10 s) the two disagree and the prediction c / e2e overshoots. Not tuned after seeing it. Re-run once on 2026-12-08 after the estimator's own step time (24c3797), nothing retuned: unchanged but rate 8 +94.0%. Details: README of tests/fixtures/calibrate"]
fn a_held_out_part_of_a_published_dense_sweep_is_predicted() {
    let errors = llama_held_out().expect("the fit of rates 1, 4 and 16");
    assert_eq!(errors.len(), 4, "rates 2 and 8, and ShareGPT at 4 and 8");
    assert_within_bounds(&errors);
}

/// The fourth sweep (chosen and split on 2026-12-08 before any of its figures was read, after
/// the fixed step time was designed on the three above): the SGLang cookbook's Llama 4 Scout
/// and Maverick on 8 × MI300X (SGLang 0.5.9), concurrency 1, 16 and 100 of ~500/~505 tokens.
/// Fit concurrency 1 and 100, predict 16 (10% output tokens/s, 15% TPOT). The page has one
/// request size, so the 20% bound is not checked here.
fn llama4_held_out(file: &str, model: &str) -> Result<Vec<HeldOut>, String> {
    let flags = Flags {
        model: Some(model.into()),
        gpu: Some("MI300X".into()),
        gpus: Some(8),
        precision: Some("bf16".into()),
        ..Flags::default()
    };
    held_out(
        file,
        &flags,
        |r| matches!(r.load, Load::Concurrency(c) if c == 1.0 || c == 100.0),
        |_| false,
    )
}

#[test]
#[ignore = "fails as pre-registered (2026-12-08, run once, the fixed step time already built): fitted on concurrency 1 and 100, concurrency 16 (14.8 in flight) is predicted at output tokens/s -50.2%, TPOT +99.0% (bounds 10% / 15%). Both concurrency-1 runs of the page hold one request with a ~48 s first token (mean TTFT 4,247 ms, median 69 ms, p99 48,091 ms over 10 prompts): a warm-up that drags that run's output tokens/s and pushes the fit's overhead to ~1 s (fit: bandwidth share 0.614 -> 0.348, compute 0.411 -> 0.294, step 5.5 ms). Not tuned after seeing it. Since 2026-12-08 (session 12) this run is design data of the outlier rule (src/calibrate/outlier.rs), so no longer a held-out check: with the rule (the concurrency-1 run fitted at its median first token, 68.6 ms, and 130.5 output tokens/s), the fit moves to bandwidth share 0.290, compute 0.595, overhead 85 ms, step 2.4 ms, and concurrency 16 still misses (-46.5%, +100.0%). Re-run once on 2026-12-08 after the estimator's own step time (24c3797), nothing retuned: -46.5%, +100.1%. Details: README of tests/fixtures/calibrate"]
fn a_held_out_load_of_an_unseen_sweep_is_predicted() {
    let errors = llama4_held_out(
        "sgl-cookbook-llama-4-scout-8xmi300x-sglang.jsonl",
        "Llama 4 Scout",
    )
    .expect("the fit of concurrency 1 and 100");
    assert_eq!(errors.len(), 1, "concurrency 16");
    assert_within_bounds(&errors);
}

#[test]
#[ignore = "fails as pre-registered (2026-12-08, run once): fitted on concurrency 1 and 100, concurrency 16 (13.9 in flight) is predicted at output tokens/s -28.8%, TPOT +19.5% (bounds 10% / 15%); its concurrency-1 run has the same warm-up first token (mean TTFT 4,297 ms). Not tuned after seeing it. Since 2026-12-08 (session 12) this run is design data of the outlier rule (src/calibrate/outlier.rs): with the rule, concurrency 16 is within bounds (-7.2%, +5.8%), but the rule was designed on this run, so that is not a held-out pass and the test stays ignored. Re-run once on 2026-12-08 after the estimator's own step time (24c3797), nothing retuned: unchanged. Details: README of tests/fixtures/calibrate"]
fn a_held_out_load_of_a_second_unseen_sweep_is_predicted() {
    let errors = llama4_held_out(
        "sgl-cookbook-llama-4-maverick-8xmi300x-sglang.jsonl",
        "Llama 4 Maverick",
    )
    .expect("the fit of concurrency 1 and 100");
    assert_eq!(errors.len(), 1, "concurrency 16");
    assert_within_bounds(&errors);
}

/// A fit's fixed step time is added to every decode step wherever the fit is applied: the
/// replica's time per output token grows by exactly it (same batch, same prefill), its output
/// rate falls by `O · s / b` seconds a request; it replaces the shipped per-layer step time.
#[test]
fn a_fixed_step_time_lengthens_every_step_by_itself() {
    let lib = crate::catalog::library();
    let model = lib.model("Llama 3.1 8B").unwrap();
    let gpu = lib.gpu("H100 SXM").unwrap();
    let setup = Setup {
        model: &model.arch,
        gpu: &gpu.spec,
        precision: crate::model::throughput::Precision::Bf16,
        kv: crate::model::throughput::KvCache::Auto,
        gpus: 1,
        engine: crate::model::throughput::Engine::Vllm,
        parallelism: crate::model::throughput::Parallelism::Tensor,
    };
    let w = Workload {
        input_tokens: 2000.0,
        output_tokens: 300.0,
    };
    let t = crate::model::throughput::LatencyTargets::default();
    let (b, c) = shipped_pair_shares(&setup);
    let mut fit = super::store::Fit {
        model: "Llama 3.1 8B".into(),
        gpu: "H100 SXM".into(),
        gpus: 1,
        precision: "bf16".into(),
        engine: "vllm".into(),
        date: "2026-12-08".into(),
        runs: 3,
        bandwidth_share: b * 0.9,
        compute_share: c * 0.8,
        overhead_ms: 25.0,
        step_ms: 0.0,
        estimator_bandwidth_share: b,
        estimator_compute_share: c,
        capacity_fitted: true,
        median_error_pct: 1.0,
        worst_error_pct: 2.0,
        files: vec![],
        notes: vec![],
        run_lines: vec![],
    };
    let without = super::apply::estimate_using(&setup, &w, &t, Some(&fit)).unwrap();
    fit.step_ms = 12.0;
    let with = super::apply::estimate_using(&setup, &w, &t, Some(&fit)).unwrap();
    assert_eq!(with.max_concurrency, without.max_concurrency);
    assert!(close(
        with.time_per_output_token_s - without.time_per_output_token_s,
        0.012,
        1e-9
    ));
    assert!(close(with.step_s - without.step_s, 0.012, 1e-9));
    assert_eq!(with.step_fixed_s, 0.012);
    let n = f64::from(with.max_concurrency);
    let per_request = |e: &crate::model::throughput::Estimate| 1.0 / e.requests_per_second;
    assert!(close(
        per_request(&with) - per_request(&without),
        300.0 * 0.012 / n,
        1e-6
    ));
    // The fit's step time takes the place of the shipped one (32 layers at 20 µs on one GPU):
    // a fit without one (0, as every fit stored before it existed) has none.
    let shipped_e = super::apply::estimate_using(&setup, &w, &t, None).unwrap();
    assert!(close(shipped_e.step_fixed_s, 32.0 * 20e-6, 1e-12));
    assert_eq!(without.step_fixed_s, 0.0);
    // A stored file written before the key existed reads it as 0.
    let old = "[[fit]]\nmodel = \"Llama 3.1 8B\"\ngpu = \"H100 SXM\"\ngpus = 1\nprecision = \"bf16\"\nengine = \"vllm\"\ndate = \"2026-12-01\"\nruns = 1\nbandwidth_share = 0.5\ncompute_share = 0.5\noverhead_ms = 20.0\nestimator_bandwidth_share = 0.6\nestimator_compute_share = 0.5\ncapacity_fitted = false\nmedian_error_pct = 1.0\nworst_error_pct = 2.0\nfiles = []\n";
    let fits = super::store::parse(old, "old.toml").unwrap();
    assert_eq!(fits[0].step_ms, 0.0);
    let bad = old.replace("overhead_ms = 20.0", "overhead_ms = 20.0\nstep_ms = 100.5");
    let e = super::store::parse(&bad, "bad.toml").unwrap_err();
    assert!(e.contains("bad.toml") && e.contains("0 to 100 ms"), "{e}");
}

fn shipped_pair_shares(setup: &Setup) -> (f64, f64) {
    super::predict::shares(&CALIBRATED, setup).unwrap()
}

/// CSV's `# calibration:` line splits on `,`, `;` and `=` without quoting: a hand-written fit's
/// texts that hold them lose them; a fit of latency only says so; several files are joined by `;`.
#[test]
fn the_csv_calibration_line_splits_without_quoting() {
    let file = |name: &str, sha256: &str| super::store::Source {
        name: name.into(),
        sha256: sha256.into(),
    };
    let fit = super::store::Fit {
        model: "Llama 3.1 8B".into(),
        gpu: "H100 SXM".into(),
        gpus: 1,
        precision: "bf16".into(),
        engine: "vllm".into(),
        date: "2026-12-01, by=hand;".into(),
        runs: 1,
        bandwidth_share: 0.5,
        compute_share: 0.5,
        overhead_ms: 20.0,
        step_ms: 0.0,
        estimator_bandwidth_share: 0.6,
        estimator_compute_share: 0.5,
        capacity_fitted: false,
        median_error_pct: 1.0,
        worst_error_pct: 2.0,
        files: vec![file("a.json", "aa"), file("b.json", "b,b")],
        notes: vec![],
        run_lines: vec![],
    };
    assert_eq!(
        fit.csv_header(),
        "# calibration: runs=1,date=2026-12-01  by hand ,latency_only=true,file_hashes=aa;b b\n"
    );
    assert_eq!(
        fit.short(),
        "calibrated (latency only, 1 run, 2026-12-01, by=hand;)"
    );
}

/// Every run of the published sweeps and the hand-written fixtures (the rule's design data).
const DESIGN_SWEEPS: [&str; 6] = [
    "dstack-deepseek-r1-8xh200-sglang.jsonl",
    "datacrunch-llama-3.3-70b-4xh200-sglang.jsonl",
    "sgl-cookbook-llama-3.1-70b-8xa100-sglang.jsonl",
    "sgl-cookbook-llama-4-scout-8xmi300x-sglang.jsonl",
    "sgl-cookbook-llama-4-maverick-8xmi300x-sglang.jsonl",
    "sglang.jsonl",
];

#[test]
fn the_outlier_rule_changes_only_the_warm_up_runs_of_the_design_sweeps() {
    use super::outlier::robust;
    let mut changed = Vec::new();
    for name in DESIGN_SWEEPS {
        for r in runs_of(name) {
            let (used, what) = robust(&r);
            match what {
                Some(o) => changed.push((r, used, o)),
                None => assert_eq!(used, r, "{}", r.name()),
            }
        }
    }
    for name in ["vllm.json", "genai_perf.json", "guidellm.json"] {
        for r in runs_of(name) {
            assert!(robust(&r).1.is_none(), "{}", r.name());
        }
    }
    let names: Vec<_> = changed.iter().map(|(r, _, _)| r.name()).collect();
    assert_eq!(
        names,
        [
            "sgl-cookbook-llama-4-scout-8xmi300x-sglang.jsonl, run 1 (concurrency 1)",
            "sgl-cookbook-llama-4-maverick-8xmi300x-sglang.jsonl, run 1 (concurrency 1)"
        ]
    );
    // Scout at concurrency 1: 10 requests, mean first token 4,246.98 ms, median 68.57 ms,
    // mean end-to-end 7,459.48 ms: the excess 4,178.41 ms is 56.0% of it, so the run's time
    // shrinks to 44.0% and its 57.42 output tokens/s become 57.42 / 0.43985 = 130.54.
    let (r, used, o) = &changed[0];
    let share = (4246.98 - 68.57) / 7459.48;
    assert!(close(share, 0.56015, 1e-4), "{share}");
    assert_eq!(used.ttft_ms.central(), Some(68.57));
    assert!(close(
        used.output_tokens_per_second,
        57.42 / (1.0 - share),
        1e-9
    ));
    assert!(close(used.output_tokens_per_second, 130.54, 1e-3));
    assert!(close(used.e2e_ms.unwrap(), 7459.48 - 4178.41, 1e-9));
    assert_eq!(used.tpot_ms, r.tpot_ms, "7.49 against 7.40: not an outlier");
    assert!(close(
        used.in_flight().unwrap(),
        r.in_flight().unwrap(),
        1e-12
    ));
    assert_eq!(o.tokens_per_second, (57.42, used.output_tokens_per_second));
    let note = o.note();
    for part in [
        "sgl-cookbook-llama-4-scout-8xmi300x-sglang.jsonl, run 1 (concurrency 1): its mean first token (4,247 ms) is 62 times its median (68.6 ms, p99 48,091 ms) over 10 requests",
        "take 56% of its mean end-to-end latency",
        "the fit uses the median first token and 130.5 output tokens/s (57.4 measured)",
        "(--keep-outliers fits the means as measured)",
    ] {
        assert!(note.contains(part), "{part}\n{note}");
    }
}

/// A run with every figure given: 20 requests, mean e2e 10 s, first token mean/median 3 s /
/// 0.5 s (the excess 2.5 s is 25% of the end-to-end latency), TPOT 10 ms.
fn skewed(load: Load) -> Run {
    let mut r = runs_of("sglang.jsonl").remove(0);
    r.load = load;
    r.completed = Some(20.0);
    r.output_tokens = 751.0;
    r.output_tokens_per_second = 300.0;
    r.requests_per_second = Some(0.4);
    r.e2e_ms = Some(10_000.0);
    r.mean_concurrency = None;
    r.ttft_ms = super::run::Stat {
        mean: Some(3000.0),
        p50: Some(500.0),
        p99: None,
    };
    r.tpot_ms = super::run::Stat {
        mean: Some(10.0),
        p50: Some(10.0),
        p99: None,
    };
    r
}

#[test]
fn the_outlier_rule_needs_both_the_skew_and_the_share_and_keeps_an_open_loop_rate() {
    use super::outlier::{robust, EXCESS_SHARE, TPOT_RATIO, TTFT_RATIO};
    // Closed loop: the first token, the rate and the latency change; the load in flight
    // (Little's law: 0.4/s × 10 s = 4) does not.
    let r = skewed(Load::Concurrency(4.0));
    let (used, o) = robust(&r);
    let o = o.expect("6 times the median, 25% of the latency");
    assert_eq!(used.ttft_ms.mean, Some(500.0));
    assert!(close(used.output_tokens_per_second, 400.0, 1e-12));
    assert!(close(used.e2e_ms.unwrap(), 7_500.0, 1e-12));
    assert!(close(used.in_flight().unwrap(), 4.0, 1e-12));
    assert!(close(o.ttft.unwrap().1, 0.25, 1e-12));
    // Open loop and all at once: the first token only.
    for load in [Load::Rate(0.4), Load::Burst] {
        let (used, o) = robust(&skewed(load));
        assert_eq!(used.ttft_ms.mean, Some(500.0));
        assert_eq!(used.output_tokens_per_second, 300.0);
        assert_eq!(used.e2e_ms, Some(10_000.0));
        assert!(!o.unwrap().note().contains("output tokens/s"));
    }
    // Just under either test: nothing changes.
    let mut r = skewed(Load::Concurrency(4.0));
    r.ttft_ms.mean = Some(TTFT_RATIO * 500.0 - 1e-6);
    r.e2e_ms = Some(5_000.0);
    assert!(robust(&r).1.is_none(), "skew just under {TTFT_RATIO}");
    let mut r = skewed(Load::Concurrency(4.0));
    r.e2e_ms = Some(2_500.0 / EXCESS_SHARE + 1.0);
    assert!(robust(&r).1.is_none(), "share just under {EXCESS_SHARE}");
    r.e2e_ms = Some(2_500.0 / EXCESS_SHARE - 1.0);
    assert!(robust(&r).1.is_some());
    // Without a median (DataCrunch's file) or a mean there is nothing to compare.
    let mut r = skewed(Load::Concurrency(4.0));
    r.ttft_ms.p50 = None;
    assert!(robust(&r).1.is_none());
    // Without the end-to-end latency it is rebuilt from the mean first token and the steps:
    // 3 s + 750 × 10 ms = 10.5 s, the excess 2.5 s is 23.8% of it.
    r.ttft_ms.p50 = Some(500.0);
    r.e2e_ms = None;
    r.requests_per_second = None;
    let (used, o) = robust(&r);
    assert!(close(o.unwrap().ttft.unwrap().1, 2.5 / 10.5, 1e-12));
    assert!(close(
        used.in_flight().unwrap(),
        r.in_flight().unwrap(),
        1e-12
    ));
    // Time per output token: its own test.
    let mut r = skewed(Load::Concurrency(4.0));
    r.ttft_ms.mean = Some(500.0);
    r.tpot_ms.mean = Some(TPOT_RATIO * 10.0);
    let (used, o) = robust(&r);
    assert_eq!(used.tpot_ms.central(), Some(10.0));
    assert_eq!(used.output_tokens_per_second, 300.0);
    let note = o.unwrap().note();
    assert!(
        note.contains("its mean time per output token (20.0 ms) is 2.0 times its median (10.0 ms), so the fit uses the median"),
        "{note}"
    );
    r.tpot_ms.mean = Some(TPOT_RATIO * 10.0 - 1e-6);
    assert!(robust(&r).1.is_none());
}

#[test]
fn a_warm_up_run_is_fitted_on_its_medians_unless_told_and_every_fit_says_so() {
    let runs = runs_of("sgl-cookbook-llama-4-scout-8xmi300x-sglang.jsonl");
    let mut flags = Flags {
        model: Some("Llama 4 Scout".into()),
        gpu: Some("MI300X".into()),
        gpus: Some(8),
        precision: Some("bf16".into()),
        ..Flags::default()
    };
    let robust = fit_all(crate::catalog::library(), &runs, &flags)
        .unwrap()
        .remove(0);
    let o = &robust.outcome;
    assert_eq!(o.outliers.len(), 1);
    assert!(o.notes[0].starts_with("sgl-cookbook-llama-4-scout-8xmi300x-sglang.jsonl, run 1 (concurrency 1): its mean first token (4,247 ms)"), "{:?}", o.notes);
    assert!(close(
        o.runs[0].measured.output_tokens_per_second,
        130.54,
        1e-3
    ));
    assert_eq!(o.runs[0].measured.ttft_ms, Some(68.57));
    // Every fit says where it was checked and what the held-out checks missed elsewhere.
    let away = o.notes.last().unwrap();
    assert!(
        away.starts_with("away from these runs the error is not known: the fit is checked only at its own loads and sizes (1 to 92.2 requests in flight, 500 to 621 input and 422 to 510 output tokens a request); on the published sweeps tried, fits on a sweep's ends missed its other loads by up to 100% and other prompt sizes by up to 85%"),
        "{away}"
    );
    // Stored: the note goes with the fit to --list and the dashboard's `w`.
    let stored = super::store::Fit::new(&robust.config, o, "2026-12-08", Vec::new());
    assert_eq!(stored.notes[0], o.notes[0]);
    let lines = stored.lines();
    assert!(lines.contains(&o.notes[0]));
    assert_eq!(
        stored.run_lines[0].as_measured_tokens_per_second,
        Some(57.42)
    );
    assert_eq!(stored.run_lines[1].as_measured_tokens_per_second, None);
    assert!(
        lines.iter().any(|l| l.contains(
            "run 1 (concurrency 1): 131 tok/s fitted (57 measured, its slow first requests taken out)"
        )),
        "{lines:?}"
    );
    assert!(lines
        .iter()
        .any(|l| l.contains("run 2 (concurrency 16): 1,152 tok/s measured")));
    // A carried fit (a preset written by hand) with a bad figure there is refused.
    let mut carried = stored.clone();
    carried.run_lines[0].as_measured_tokens_per_second = Some(f64::INFINITY);
    let e = carried.check_carried().unwrap_err();
    assert!(e.contains("as_measured_tokens_per_second"), "{e}");
    assert!(stored.check_carried().is_ok());
    flags.keep_outliers = true;
    let raw = fit_all(crate::catalog::library(), &runs, &flags)
        .unwrap()
        .remove(0);
    assert!(raw.outcome.outliers.is_empty());
    assert!(!raw
        .outcome
        .notes
        .iter()
        .any(|n| n.contains("mean first token")));
    assert_eq!(raw.outcome.runs[0].measured.output_tokens_per_second, 57.42);
    assert!(raw.outcome.factors.overhead_s > o.factors.overhead_s);
}

/// The fifth sweep (chosen and split on 2026-12-08 at 02:20 UTC from the page's description
/// only, after the outlier rule was built on the five before): the SGLang cookbook's
/// Qwen3-235B-A22B-Instruct-2507 bf16 on 8 × B200 with SGLang 0.5.6, concurrency 1, 16 and
/// 100 of ~500/~505 tokens, and 1, 16 and 64 of ~4,000/~520 and of ~500/~4,100. Fit
/// concurrency 1 and 100 of the first size; the check: 16 of it (10% output tokens/s, 15%
/// TPOT) and the three runs of the longer prompts (20%). The longer outputs are reported
/// beside it with the same 20% bound, not part of the check. Returns the check's errors and
/// the longer outputs'.
fn qwen3_held_out() -> Result<(Vec<HeldOut>, Vec<HeldOut>), String> {
    let file = "sgl-cookbook-qwen3-235b-a22b-2507-8xb200-sglang.jsonl";
    let flags = Flags {
        model: Some("Qwen3 235B-A22B 2507".into()),
        gpu: Some("B200".into()),
        gpus: Some(8),
        precision: Some("bf16".into()),
        engine: Some("sglang".into()),
        ..Flags::default()
    };
    let base = |r: &Run| r.input_tokens < 1000.0 && r.output_tokens < 1000.0;
    let long_outputs: Vec<String> = runs_of(file)
        .iter()
        .filter(|r| r.output_tokens > 2000.0)
        .map(Run::name)
        .collect();
    let all = held_out(
        file,
        &flags,
        |r| base(r) && matches!(r.load, Load::Concurrency(c) if c == 1.0 || c == 100.0),
        |r| !base(r),
    )?;
    Ok(all.into_iter().partition(|e| !long_outputs.contains(&e.0)))
}

#[test]
#[ignore = "fails as pre-registered (2026-12-08 02:20 UTC, run once at 02:31, the outlier rule already built; it changes no run of this sweep): fitted on concurrency 1 and 100 of ~500/~505 tokens (bandwidth share 0.758 -> 0.551, compute 0.411 -> 0.518, overhead 15 -> 129 ms, step 0 -> 6.3 ms; both runs within ~1% in output tokens/s and TPOT), concurrency 16 (13.6 in flight) is predicted at output tokens/s -28.2%, TPOT +37.7% (bounds 10% / 15%); of the ~4,000/~520 runs, 1 and 64 are within 20% (+1.8%/-2.4%, -11.0%/+12.2%) but 16 is not (-28.7%, +39.5%). Beside the check, ~500/~4,100 tokens: 1 within 20% (+2.1%, -1.7%), 16 and 64 not (-34.4%/+52.0%, -26.3%/+35.2%). The measured TPOT is 10.1, 16.4, 32.9 ms at 1, 13.6, 90.5 in flight; the fitted estimate matches the ends and gives ~22.5 ms at 13.6: its mixture-of-experts step grows with the experts a batch touches (8 of 128 a token) far faster than measured. Not tuned after seeing it. Re-run once on 2026-12-08 after the estimator's own step time (24c3797), nothing retuned: unchanged but the ~4,000-token run at 64 -10.8%, +12.0%; fit bandwidth 0.769 -> 0.561, compute 0.428 -> 0.535, step 7.2 -> 6.3 ms. Details: README of tests/fixtures/calibrate"]
fn a_held_out_part_of_a_fifth_unseen_sweep_is_predicted() {
    let (check, longer_outputs) = qwen3_held_out().expect("the fit of concurrency 1 and 100");
    for (run, _, tps, tpot) in &longer_outputs {
        eprintln!("beside the check: {run}: output tokens/s {tps:+.1}%, TPOT {tpot:+.1}%");
    }
    assert_eq!(
        check.len(),
        4,
        "concurrency 16, and the longer prompts at 1, 16, 64"
    );
    assert_eq!(longer_outputs.len(), 3);
    assert_within_bounds(&check);
}
