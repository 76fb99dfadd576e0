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
    assert!(toml.contains("\nstep_ms = "), "{toml}");

    let (_, list, _) = run(&cfg, &["calibrate", "--list"]);
    assert!(
        list.starts_with(
            "1. Llama 3.1 8B fp8 on 1 × H100 SXM, vLLM: calibrated from your measurements"
        ),
        "{list}"
    );
    assert!(list.contains(" ms per decode step;"), "{list}");

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
        out.starts_with("Removed the fit of Llama 3.1 8B fp8 on 1 × H100 SXM, vLLM"),
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
            "reference",
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
    // Where the rates come from is a note (a source), not a warning.
    let warnings = estimate_after["notes"].to_string();
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
        &[
            "report",
            "reference",
            "--set",
            "self_host.calibration=sometimes",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("self_host.calibration = \"sometimes\" must be one of auto, none"),
        "{err}"
    );
}

/// `presets save` embeds the fit in use (`[calibration]`), so a colleague who never ran
/// `crossover calibrate` gets the author's figures from the file alone, and the report names
/// the fit (runs, date, hash); a broken `[calibration]` is refused like any bad key.
#[test]
fn a_saved_preset_carries_its_fit_to_a_colleague() {
    let author = TempDir::new().unwrap();
    let sets = [
        "--set",
        "self_host.model=Llama 3.1 8B",
        "--set",
        "self_host.gpu=H100 SXM",
        "--set",
        "self_host.gpus_per_replica=1",
        "--set",
        "self_host.precision=fp8",
        "--set",
        "self_host.throughput=estimate",
    ];
    let (code, _, err) = run(
        &author,
        &["calibrate", VLLM, "--gpu", "H100 SXM", "--gpus", "1"],
    );
    assert_eq!(code, 0, "{err}");
    let mut save = vec!["presets", "save", "shared"];
    save.extend_from_slice(&sets);
    let (code, _, err) = run(&author, &save);
    assert_eq!(code, 0, "{err}");
    let file = author.path().join("crossover/presets/shared.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("[calibration]"), "{text}");
    assert!(text.contains("model = \"Llama 3.1 8B\""), "{text}");
    let (_, author_json, _) = run(&author, &["report", "shared", "-f", "json"]);

    // The colleague: no stored fits, only the file.
    let colleague = TempDir::new().unwrap();
    let copy = colleague.path().join("shared.toml");
    std::fs::write(&copy, &text).unwrap();
    let (code, json, err) = run(
        &colleague,
        &["report", copy.to_str().unwrap(), "-f", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let (a, c): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&author_json).unwrap(),
        serde_json::from_str(&json).unwrap(),
    );
    assert_eq!(a["self_host"], c["self_host"], "the same figures");
    assert_eq!(c["calibration"]["runs"], 1, "{json}");
    assert_eq!(
        c["calibration"]["file_hashes"],
        a["calibration"]["file_hashes"]
    );
    let (_, report, _) = run(&colleague, &["report", copy.to_str().unwrap()]);
    assert!(
        report.contains(
            "calibrated from your measurements (latency only, 1 run, 2025-11-25) (sha256 "
        ),
        "{report}"
    );
    // Without the embedded fit the colleague's estimate differs: the fit is what carried it.
    let (_, plain, _) = run(
        &colleague,
        &[
            "report",
            copy.to_str().unwrap(),
            "-f",
            "json",
            "--set",
            "self_host.calibration=none",
        ],
    );
    let p: serde_json::Value = serde_json::from_str(&plain).unwrap();
    assert_ne!(p["self_host"], c["self_host"]);
    // Another GPU is another configuration: the carried fit does not apply.
    let (_, other, _) = run(
        &colleague,
        &[
            "report",
            copy.to_str().unwrap(),
            "-f",
            "json",
            "--set",
            "self_host.gpu=H200",
        ],
    );
    let o: serde_json::Value = serde_json::from_str(&other).unwrap();
    assert!(o["calibration"].is_null(), "{other}");

    // Broken carried fits: located errors, exit 2.
    for (from, to, says) in [
        (
            "\nbandwidth_share = ",
            "\nbandwidth_share = 2.0 #",
            "bandwidth_share = 2: allowed a share in (0, 1]",
        ),
        (
            "model = \"Llama 3.1 8B\"",
            "model = \"Llama\\u001b[2J\"",
            "control character",
        ),
        ("engine = \"vllm\"", "engine = \"tgi\"", "allowed bf16"),
        (
            "\nstep_ms = ",
            "\nstep_ms = 150.0 #",
            "step_ms = 150: allowed 0 to 100 ms",
        ),
        (
            "\nruns = 1",
            "\nruns = \"one\"",
            "not a fit as `presets save` writes it",
        ),
    ] {
        let bad = colleague.path().join("bad.toml");
        let at = text
            .rfind(from)
            .unwrap_or_else(|| panic!("{from} in {text}"));
        let broken = format!("{}{}{}", &text[..at], to, &text[at + from.len()..]);
        std::fs::write(&bad, broken).unwrap();
        let (code, _, err) = run(&colleague, &["report", bad.to_str().unwrap()]);
        assert_eq!(code, 2, "{from}: {err}");
        assert!(
            err.contains("bad.toml") && err.contains("calibration"),
            "{err}"
        );
        assert!(err.contains(says), "{says}: {err}");
        assert!(!err.contains('\u{1b}'), "{err}");
    }
}

/// Calibrations run at the same time each keep their fit: the store is read, changed and
/// written under a lock on the data folder, and no lock file is left behind.
#[test]
fn calibrations_at_the_same_time_keep_every_fit() {
    let cfg = TempDir::new().unwrap();
    let gpus = [
        "H100 SXM",
        "H200",
        "B200",
        "GH200",
        "H100 PCIe",
        "A100 80GB",
    ];
    let children: Vec<_> = gpus
        .iter()
        .map(|g| {
            std::process::Command::new(env!("CARGO_BIN_EXE_crossover"))
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .env("XDG_CONFIG_HOME", cfg.path())
                .env("HOME", cfg.path())
                .env("XDG_DATA_HOME", cfg.path().join("data"))
                .env("SOURCE_DATE_EPOCH", "1764028800")
                .args(["calibrate", VLLM, "--gpu", g, "--gpus", "1"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (_, list, _) = run(&cfg, &["calibrate", "--list"]);
    for g in gpus {
        assert!(list.contains(&format!("on 1 × {g}")), "{g}: {list}");
    }
    let names: Vec<String> = std::fs::read_dir(cfg.path().join("data/crossover"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["calibration.toml"]);
}

/// A `[calibration]` table for chat-assistant-estimate's replica (Llama 3.1 8B bf16 on 1 ×
/// H100 SXM, vLLM), as `presets save` writes one.
const CARRIED: &str = r#"
[calibration]
model = "Llama 3.1 8B"
gpu = "H100 SXM"
gpus = 1
precision = "bf16"
engine = "vllm"
date = "2026-12-01"
runs = 3
bandwidth_share = 0.6
compute_share = 0.5
overhead_ms = 20.0
estimator_bandwidth_share = 0.79
estimator_compute_share = 0.55
capacity_fitted = true
median_error_pct = 3.0
worst_error_pct = 6.0
notes = []

[[calibration.files]]
name = "sweep.json"
sha256 = "abababababababababababababababababababababababababababababababab"
"#;

/// The real binary on a preset carrying a fit: every report format and the HTML report say
/// "calibrated from your measurements (N runs, date)", never "ESTIMATE"; typed rates are
/// weighed against the fit's figures, not the shipped estimate's.
#[test]
fn a_calibrated_preset_says_so_in_every_format() {
    let cfg = TempDir::new().unwrap();
    let (code, shown, err) = run(&cfg, &["presets", "show", "chat-assistant-estimate"]);
    assert_eq!(code, 0, "{err}");
    let file = cfg.path().join("calibrated.toml");
    std::fs::write(&file, format!("{shown}{CARRIED}")).unwrap();
    let f = file.to_str().unwrap();
    let phrase = "calibrated from your measurements (3 runs, 2026-12-01)";
    let (code, text, err) = run(&cfg, &["report", f]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains(phrase), "{text}");
    assert!(!text.contains("ESTIMATE"), "{text}");
    let (_, md, _) = run(&cfg, &["report", f, "-f", "markdown"]);
    assert!(md.contains(&format!("per replica ({phrase})")), "{md}");
    assert!(!md.contains("ESTIMATE"), "{md}");
    let (_, json, _) = run(&cfg, &["report", f, "-f", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["calibration"]["runs"], 3, "{json}");
    assert_eq!(v["calibration"]["date"], "2026-12-01");
    assert_eq!(v["calibration"]["file_hashes"][0], "ab".repeat(32));
    let (_, csv, _) = run(&cfg, &["report", f, "-f", "csv"]);
    let header = format!(
        "# calibration: runs=3,date=2026-12-01,latency_only=false,file_hashes={}\n",
        "ab".repeat(32)
    );
    assert!(csv.contains(&header), "{csv}");
    let page = cfg.path().join("r.html");
    let (code, _, err) = run(&cfg, &["export", f, "--out", page.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let html = crate::export::html_text(&std::fs::read_to_string(&page).unwrap());
    assert!(html.contains(phrase), "{html}");
    // The exported chart's side panel (its text may wrap across <text> lines).
    let chart = cfg.path().join("c.svg");
    let (code, _, err) = run(&cfg, &["export", f, "--out", chart.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&chart).unwrap();
    let words: String = svg
        .split('<')
        .filter_map(|t| t.strip_prefix("text").and_then(|t| t.split_once('>')))
        .map(|(_, body)| body)
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains("calibrated from your measurements"),
        "{words}"
    );
    assert!(!words.contains("(estimate)"), "{words}");

    // `compare` ranks the carried fit's replica with it, marked, and says so in its note.
    let (code, fleet, err) = run(&cfg, &["compare", f, "-f", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&fleet).unwrap();
    for c in v["configurations"].as_array().unwrap() {
        let own = c["gpu"] == "H100 SXM" && c["precision"] == "bf16" && c["gpus_per_replica"] == 1;
        assert_eq!(c["calibration"].is_null(), !own, "{c}");
    }
    let (_, fleet, _) = run(&cfg, &["compare", f]);
    assert!(
        fleet.contains("1 × H100 SXM@list bf16 (calibrated)"),
        "{fleet}"
    );
    assert!(
        fleet.contains(&format!(
            "except on the rows marked (calibrated): Llama 3.1 8B bf16 on 1 × H100 SXM, vLLM is {phrase} (sha256 abababababab)"
        )),
        "{fleet}"
    );

    // Typed rates far from the fit's: the warning compares them with the calibrated figures.
    let (_, json, _) = run(
        &cfg,
        &[
            "report",
            f,
            "-f",
            "json",
            "--set",
            "self_host.decode_tokens_per_second=90000",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let warnings = v["warnings"].to_string();
    assert!(
        warnings.contains(&format!("what this replica gives {phrase}")),
        "{warnings}"
    );
}

/// The issue's bad inputs, each through the real binary: a clear error naming the file and
/// the run, exit 2, nothing stored. The file over 1 GiB is sparse (its summary, then a hole of
/// 1.5 GiB read as NUL bytes): nothing of that size is written to disk.
#[test]
fn every_bad_input_names_the_file_and_the_run_and_stores_nothing() {
    let cfg = TempDir::new().unwrap();
    let dir = TempDir::new().unwrap();
    let vllm = std::fs::read_to_string(VLLM).unwrap();
    let cases: [(&str, String, &str); 5] = [
        (
            "unknown.json",
            r#"{"name": "a model card", "downloads": 12}"#.into(),
            "unknown.json: is not a benchmark result crossover reads",
        ),
        (
            "zero.json",
            vllm.replace(r#""completed": 10"#, r#""completed": 0"#),
            "zero.json: run 1: no completed requests (0): nothing to fit",
        ),
        (
            "nan.json",
            vllm.replace(
                r#""mean_tpot_ms": 6.018531635219421"#,
                r#""mean_tpot_ms": NaN"#,
            ),
            "nan.json, run 1 (all requests at once): mean time per output token (ms) must be a number ≥ 0, not NaN",
        ),
        (
            "negative.json",
            vllm.replace(
                r#""output_throughput": 413.89429359863317"#,
                r#""output_throughput": -5"#,
            ),
            "negative.json, run 1 (all requests at once): output tokens/s must be a positive number, not -5",
        ),
        (
            "cut.json",
            vllm[..vllm.len() / 2].to_string(),
            "cut.json: run 1: truncated JSON",
        ),
    ];
    for (name, text, says) in &cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (code, _, err) = run(
            &cfg,
            &[
                "calibrate",
                path.to_str().unwrap(),
                "--gpu",
                "H100 SXM",
                "--gpus",
                "1",
            ],
        );
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(says), "{name}: {err}");
    }
    // --gpus forcing another configuration onto a file that names its own.
    let (code, _, err) = run(
        &cfg,
        &[
            "calibrate",
            "tests/fixtures/calibrate/sglang.jsonl",
            "--gpu",
            "H100 SXM",
            "--gpus",
            "2",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("sglang.jsonl, run 1"), "{err}");
    assert!(err.contains("the file says gpus 1, --gpus says 2"), "{err}");
    // Over 1 GiB: read as a stream, refused at its second "run" without reading the rest.
    let big = dir.path().join("big.json");
    std::fs::write(&big, &vllm).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(3 << 29)
        .unwrap();
    let (code, _, err) = run(
        &cfg,
        &[
            "calibrate",
            big.to_str().unwrap(),
            "--gpu",
            "H100 SXM",
            "--gpus",
            "1",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("big.json: run 2: invalid JSON"), "{err}");
    assert!(!stored(&cfg).exists(), "nothing stored");
}

#[test]
fn a_warm_up_run_is_named_with_its_figures_wherever_the_fit_is_shown() {
    let cfg = TempDir::new().unwrap();
    let scout = "tests/fixtures/calibrate/sgl-cookbook-llama-4-scout-8xmi300x-sglang.jsonl";
    let given = [
        "--model",
        "Llama 4 Scout",
        "--gpu",
        "MI300X",
        "--gpus",
        "8",
        "--precision",
        "bf16",
    ];
    let note = format!("{scout}, run 1 (concurrency 1): its mean first token (4,247 ms) is 62 times its median (68.6 ms, p99 48,091 ms) over 10 requests");
    let with = |extra: &[&str]| {
        let mut args = vec!["calibrate", scout];
        args.extend(given);
        args.extend(extra);
        run(&cfg, &args)
    };
    let (code, out, err) = with(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("  note: {note}")), "{out}");
    assert!(
        out.contains("130.5 output tokens/s (57.4 measured)"),
        "{out}"
    );
    let (_, list, _) = run(&cfg, &["calibrate", "--list"]);
    assert!(list.contains(&format!("   note: {note}")), "{list}");
    assert!(
        out.contains("run 1 (concurrency 1) (1 in flight; the replica holds 4096; measured as fitted by the outlier rule, see its note)"),
        "{out}"
    );
    let toml = std::fs::read_to_string(stored(&cfg)).unwrap();
    assert!(toml.contains("its mean first token (4,247 ms)"), "{toml}");
    assert!(
        toml.contains("as_measured_tokens_per_second = 57.42"),
        "{toml}"
    );

    let (code, json, err) = with(&["--dry-run", "-f", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &v["fits"][0]["run_fits"][0];
    assert_eq!(
        first["outlier"]["output_tokens_per_second_as_measured"],
        57.42
    );
    assert_eq!(first["outlier"]["ttft_ms_as_measured"]["mean"], 4246.98);
    assert_eq!(first["measured"]["ttft_ms"], 68.57);
    assert!(v["fits"][0]["run_fits"][1]["outlier"].is_null());
    assert!(v["fits"][0]["notes"][0]
        .as_str()
        .unwrap()
        .starts_with(&note));

    let (code, json, err) = with(&["--dry-run", "-f", "json", "--keep-outliers"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &v["fits"][0]["run_fits"][0];
    assert!(first["outlier"].is_null(), "{json}");
    assert_eq!(first["measured"]["output_tokens_per_second"], 57.42);
    assert!(!json.contains("mean first token"), "{json}");
}
