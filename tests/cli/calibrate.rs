//! `crossover calibrate`, run as a user runs it: fits stored in a private data folder, listed
//! and removed, used by `throughput` and `report`, and nothing stored from a bad file.

use crate::common::cli::crossover;
use tempfile::TempDir;

const VLLM: &str = "tests/fixtures/calibrate/vllm.json";

fn run(cfg: &TempDir, args: &[&str]) -> (i32, String, String) {
    let out = crossover(cfg).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn stored(cfg: &TempDir) -> std::path::PathBuf {
    cfg.path().join("data/crossover/calibration.toml")
}

#[test]
fn a_fit_is_stored_listed_used_and_removed() {
    let cfg = TempDir::new().unwrap();
    let (code, out, err) = run(
        &cfg,
        &["calibrate", VLLM, "--gpu", "H100 SXM", "--gpus", "1"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Llama 3.1 8B fp8 on 1 × H100 SXM, vLLM: calibrated from your measurements (latency only, 1 run, 2025-11-25)"), "{out}");
    assert!(
        out.contains("vllm.json, run 1 (all requests at once)"),
        "{out}"
    );
    let toml = std::fs::read_to_string(stored(&cfg)).unwrap();
    assert!(toml.contains("name = \"vllm.json\""), "{toml}");
    assert!(toml.contains("sha256 = \""), "{toml}");

    let (_, list, _) = run(&cfg, &["calibrate", "--list"]);
    assert!(
        list.starts_with(
            "1. Llama 3.1 8B fp8 on 1 × H100 SXM, vllm: calibrated from your measurements"
        ),
        "{list}"
    );

    // The estimate of that configuration now says where it comes from, in text and JSON.
    let (code, text, err) = run(
        &cfg,
        &[
            "throughput",
            "Llama 3.1 8B@fp8",
            "--gpu",
            "H100 SXM",
            "--gpus",
            "1",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        text.contains("calibrated from your measurements (latency only, 1 run, 2025-11-25)"),
        "{text}"
    );
    let (_, json, _) = run(
        &cfg,
        &[
            "throughput",
            "Llama 3.1 8B@fp8",
            "--gpu",
            "H100 SXM",
            "--gpus",
            "1",
            "-f",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["calibration"]["runs"], 1, "{json}");
    assert_eq!(v["calibration"]["date"], "2025-11-25");
    assert_eq!(
        v["calibration"]["file_hashes"][0].as_str().unwrap().len(),
        64
    );
    assert_eq!(v["estimate"], false);
    // Another precision is another configuration: no fit.
    let (_, other, _) = run(
        &cfg,
        &[
            "throughput",
            "Llama 3.1 8B",
            "--gpu",
            "H100 SXM",
            "--gpus",
            "1",
            "-f",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&other).unwrap();
    assert!(v["calibration"].is_null(), "{other}");

    let (code, out, _) = run(&cfg, &["calibrate", "--remove", "1"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Removed the fit of Llama 3.1 8B fp8 on 1 × H100 SXM, vllm"),
        "{out}"
    );
    let (_, list, _) = run(&cfg, &["calibrate", "--list"]);
    assert!(list.starts_with("No stored fits."), "{list}");
    let (code, _, err) = run(&cfg, &["calibrate", "--remove", "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("--remove 1: there are 0 stored fits"), "{err}");
}

#[test]
fn a_scenario_with_given_rates_keeps_its_numbers_and_its_estimate_uses_the_fit() {
    let cfg = TempDir::new().unwrap();
    let set = |extra: &[&str]| {
        let mut a = vec![
            "report",
            "-f",
            "json",
            "--set",
            "self_host.model=Llama 3.1 8B",
            "--set",
            "self_host.gpu=H100 SXM",
            "--set",
            "self_host.gpus_per_replica=1",
            "--set",
            "self_host.precision=fp8",
        ];
        a.extend_from_slice(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let report = |cfg: &TempDir, extra: &[&str]| {
        let args = set(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = run(cfg, &args);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let given_before = report(&cfg, &[]);
    let estimate_before = report(&cfg, &["--set", "self_host.throughput=estimate"]);
    let (code, _, err) = run(
        &cfg,
        &["calibrate", VLLM, "--gpu", "H100 SXM", "--gpus", "1"],
    );
    assert_eq!(code, 0, "{err}");
    let given_after = report(&cfg, &[]);
    assert_eq!(
        given_before["self_host"], given_after["self_host"],
        "given rates: numbers unchanged"
    );
    let estimate_after = report(&cfg, &["--set", "self_host.throughput=estimate"]);
    assert_ne!(
        estimate_before["self_host"], estimate_after["self_host"],
        "the fit moves the estimate"
    );
    let warnings = estimate_after["warnings"].to_string();
    assert!(warnings.contains("self-hosting throughput is calibrated from your measurements (latency only, 1 run, 2025-11-25)"), "{warnings}");
    let none = report(
        &cfg,
        &[
            "--set",
            "self_host.throughput=estimate",
            "--set",
            "self_host.calibration=none",
        ],
    );
    assert_eq!(
        none["self_host"], estimate_before["self_host"],
        "calibration = none: the estimator as shipped"
    );
}

#[test]
fn a_bad_file_stores_nothing_and_names_the_file() {
    let cfg = TempDir::new().unwrap();
    let dir = TempDir::new().unwrap();
    let bad = dir.path().join("half.json");
    let text = std::fs::read_to_string(VLLM).unwrap();
    std::fs::write(&bad, &text[..200]).unwrap();
    let bad = bad.to_string_lossy().into_owned();
    let (code, _, err) = run(
        &cfg,
        &["calibrate", VLLM, &bad, "--gpu", "H100 SXM", "--gpus", "1"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("half.json: run 1: truncated JSON"), "{err}");
    assert!(!stored(&cfg).exists(), "nothing stored");
    let (code, _, err) = run(
        &cfg,
        &[
            "calibrate",
            VLLM,
            "--model",
            "Qwen3 8B",
            "--gpu",
            "H100 SXM",
            "--gpus",
            "1",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("--model says Qwen3 8B"), "{err}");
    assert!(!stored(&cfg).exists(), "nothing stored");
    let (code, _, err) = run(&cfg, &["calibrate", VLLM, "--from", "csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("--from \"csv\" is not a format"), "{err}");
    let (code, _, err) = run(
        &cfg,
        &["report", "--set", "self_host.calibration=sometimes"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("self_host.calibration = \"sometimes\" must be one of auto, none"),
        "{err}"
    );
}
