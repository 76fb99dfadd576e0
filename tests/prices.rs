//! The price catalog from the command line: listing, picking by name, importing LiteLLM's file.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn crossover(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("crossover").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HOME", home)
        .env("SOURCE_DATE_EPOCH", "1764028800");
    cmd
}

fn run(home: &Path, args: &[&str]) -> (i32, String, String) {
    let out = crossover(home).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(home: &Path, args: &[&str]) -> serde_json::Value {
    let (code, out, err) = run(home, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn list_as_json_and_filtered() {
    let home = TempDir::new().unwrap();
    let v = json(home.path(), &["prices", "list", "--format", "json"]);
    assert_eq!(v["catalog_as_of"], "2025-10");
    let api = v["api"].as_array().unwrap();
    assert!(api.len() >= 10);
    let gpt4o = api.iter().find(|m| m["name"] == "GPT-4o").unwrap();
    assert_eq!(gpt4o["input_per_mtok"], 2.5);
    assert_eq!(gpt4o["output_per_mtok"], 10.0);
    assert_eq!(gpt4o["cached_input_per_mtok"], 1.25);
    assert!(gpt4o["source"].as_str().unwrap().contains("openai.com"));
    assert!(v["gpus"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["name"] == "H200" && g["memory_gb"] == 141.0));
    let v = json(
        home.path(),
        &[
            "prices",
            "list",
            "--format",
            "json",
            "--filter",
            "anthropic",
        ],
    );
    let names: Vec<&str> = v["api"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().all(|n| n.starts_with("Claude")) && names.len() >= 3,
        "{names:?}"
    );
    let (code, text, _) = run(home.path(), &["prices", "list"]);
    assert_eq!(code, 0);
    assert!(text.contains("GPUs, per GPU-hour") && text.contains("Llama 3.1 70B"));
}

#[test]
fn report_and_export_pick_by_name() {
    let home = TempDir::new().unwrap();
    let v = json(
        home.path(),
        &[
            "report",
            "--format",
            "json",
            "--api",
            "Claude Sonnet 4.5",
            "--gpu",
            "H100 80GB",
            "--local",
            "Llama 3.1 70B",
        ],
    );
    // 2,000 × $3 + 500 × $15 per million = $0.0135 per request.
    assert!((v["api"]["usd_per_day"].as_f64().unwrap() - 135.0).abs() < 1e-9);
    assert_eq!(
        v["self_host"]["gpus"], 2,
        "Llama 3.1 70B at bf16: 141 GB of weights, the reserve and one request's KV cache fit 2 × H100"
    );
    assert!((v["self_host"]["gpu_usd_per_day"].as_f64().unwrap() - 2.0 * 2.99 * 24.0).abs() < 1e-9);
    // --set comes after the catalog.
    let v = json(
        home.path(),
        &[
            "report",
            "--format",
            "json",
            "--gpu",
            "L4",
            "--set",
            "self_host.gpu_per_hour=0.5",
        ],
    );
    assert_eq!(v["self_host"]["gpu_usd_per_day"], 12.0);
    // export takes the same picks: the chart names the picked model and GPU.
    let out = home.path().join("picked.svg");
    let (code, _, err) = run(
        home.path(),
        &[
            "export",
            "--api",
            "gpt-4o-mini",
            "--gpu",
            "L4",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("note: API model GPT-4o mini"), "{err}");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.contains("API (GPT-4o mini)") && svg.contains("GPU L4"),
        "the chart shows the picks"
    );
}

#[test]
fn unknown_names_get_the_three_closest() {
    let home = TempDir::new().unwrap();
    let mut all = String::new();
    for args in [
        vec!["report", "--api", "claude sonet"],
        vec!["report", "--gpu", "B300"],
        vec!["report", "--local", "llama 405"],
        vec!["report", "--gpu", "a100"],
        vec!["report", "--local", "Llama 3.1 8B@fp4"],
    ] {
        let (code, _, err) = run(home.path(), &args);
        assert_eq!(code, 2, "{args:?}");
        all.push_str(&format!("$ crossover {}\n{err}\n", args.join(" ")));
    }
    assert!(all.contains("closest: Claude Sonnet 4.5"), "{all}");
    assert!(
        all.contains("GPU \"a100\" fits 3 entries: A100 80GB SXM, A100 80GB PCIe, A100 40GB"),
        "an ambiguous name lists the candidates: {all}"
    );
    insta::assert_snapshot!("unknown_catalog_names", all);
}

#[test]
fn names_match_as_in_the_pickers_and_say_what_they_matched() {
    let home = TempDir::new().unwrap();
    let (code, out, err) = run(
        home.path(),
        &[
            "report",
            "--api",
            "Claude Sonnet",
            "--gpu",
            "80gb a100 sxm",
            "--local",
            "llama 3.1 70@fp8",
        ],
    );
    assert_eq!(code, 0, "{err}");
    for note in [
        "note: --api \"Claude Sonnet\" is Claude Sonnet 4.5",
        "note: --gpu \"80gb a100 sxm\" is A100 80GB SXM",
        "note: --local \"llama 3.1 70\" is Llama 3.1 70B",
    ] {
        assert!(err.contains(note), "{note} in {err}");
    }
    assert!(out.contains("Claude Sonnet 4.5"), "{out}");
}

#[test]
fn import_maps_litellm_and_a_failed_import_keeps_the_old_catalog() {
    let home = TempDir::new().unwrap();
    let (code, out, err) = run(
        home.path(),
        &["prices", "import", "tests/fixtures/litellm/prices.json"],
    );
    assert_eq!(code, 0, "{err}");
    let out = out.replace(home.path().to_str().unwrap(), "$HOME");
    insta::assert_snapshot!("import_report", out);
    let v = json(home.path(), &["prices", "list", "--format", "json"]);
    let api = v["api"].as_array().unwrap();
    // Imported entries come first, names as written there.
    assert_eq!(api[0]["name"], "gpt-4o");
    let find = |n: &str| api.iter().find(|m| m["name"] == n).unwrap().clone();
    let m = find("gpt-4o");
    assert_eq!(m["input_per_mtok"], 2.5);
    assert_eq!(m["output_per_mtok"], 10.0);
    assert_eq!(m["cached_input_per_mtok"], 1.25);
    assert_eq!(m["batch_discount"], 0.5);
    assert_eq!(m["context_window"], 128000);
    assert!(m["source"].as_str().unwrap().contains("LiteLLM"));
    let mini = find("gpt-4o-mini");
    assert_eq!(mini["input_per_mtok"], 0.15);
    let sonnet = find("claude-sonnet-4-5");
    assert_eq!(sonnet["input_per_mtok"], 3.0, "base tier below 200k tokens");
    assert_eq!(sonnet["cached_input_per_mtok"], 0.3);
    assert!(sonnet["batch_discount"].is_null());
    assert!(api
        .iter()
        .all(|m| m["name"] != "text-embedding-3-small" && m["name"] != "sample_spec"));
    // The shipped entries are still there, after the imported ones.
    assert!(api.iter().any(|m| m["name"] == "GPT-4o"));
    // And they can be picked by the imported name.
    let v = json(
        home.path(),
        &[
            "report",
            "--format",
            "json",
            "--api",
            "gemini/gemini-2.5-flash",
        ],
    );
    assert!(
        (v["api"]["usd_per_day"].as_f64().unwrap() - (2000.0 * 0.3 + 500.0 * 2.5) / 1e6 * 10_000.0)
            .abs()
            < 1e-9
    );

    let imported = home.path().join("data/crossover/imported-prices.toml");
    let before = std::fs::read(&imported).unwrap();
    for bad in [
        "tests/fixtures/litellm/truncated.json",
        "tests/fixtures/litellm/malformed.json",
        "tests/fixtures/litellm/missing.json",
    ] {
        let (code, _, err) = run(home.path(), &["prices", "import", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(err.contains("the catalog is unchanged"), "{err}");
        if !bad.contains("missing") {
            assert!(
                err.contains(&format!("{bad}:")),
                "names the position: {err}"
            );
        }
    }
    assert_eq!(
        std::fs::read(&imported).unwrap(),
        before,
        "the imported catalog stays intact"
    );
    let names: Vec<_> = std::fs::read_dir(imported.parent().unwrap())
        .unwrap()
        .collect();
    assert_eq!(names.len(), 1, "no temporary files");
}
