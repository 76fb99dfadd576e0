//! The price catalog from the command line: listing, picking by name, importing LiteLLM's file.

use std::path::Path;

use std::process::Command;
use tempfile::TempDir;

fn crossover(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crossover"));
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
    assert_eq!(v["catalog_as_of"], "2026-08-21");
    assert!(v["imported"].is_null());
    let api = v["api"].as_array().unwrap();
    assert!(api.len() >= 10);
    let gpt4o = api.iter().find(|m| m["name"] == "GPT-4o").unwrap();
    assert_eq!(gpt4o["input_per_mtok"], 2.5);
    assert_eq!(gpt4o["output_per_mtok"], 10.0);
    assert_eq!(gpt4o["cached_input_per_mtok"], 1.25);
    assert!(gpt4o["source"]
        .as_str()
        .unwrap()
        .starts_with("pydantic/genai-prices@47df840a5ab10bbcffb8e5ac01b9899032245d1b:"));
    assert_eq!(gpt4o["legacy"], true);
    let offerings = v["offerings"].as_array().unwrap();
    let spot = offerings
        .iter()
        .find(|o| o["gpu"] == "H100 SXM" && o["market"] == "spot")
        .unwrap();
    assert!(spot["interruptions_per_day"].as_f64().unwrap() > 0.0);
    assert!(offerings
        .iter()
        .any(|o| o["gpu"] == "H100 SXM" && o["purchase_per_gpu"].as_f64() == Some(30_000.0)));
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
    assert!(text.contains("GPU offerings by market") && text.contains("H100 SXM@spot"));
    assert!(text.contains("Llama 3.1 70B"));
}

#[test]
fn report_and_export_pick_by_name() {
    let home = TempDir::new().unwrap();
    let v = json(
        home.path(),
        &[
            "report",
            "reference",
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
    // The H100's default offering: the median of its 2026 specialist prices, $3.78 per GPU-hour.
    assert!((v["self_host"]["gpu_usd_per_day"].as_f64().unwrap() - 2.0 * 3.78 * 24.0).abs() < 1e-9);
    // --set comes after the catalog.
    let v = json(
        home.path(),
        &[
            "report",
            "reference",
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
            "reference",
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
        svg.contains("API (GPT-4o mini)") && svg.contains("× L4"),
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
        vec!["report", "--local", "llama 406"],
        vec!["report", "--gpu", "a100"],
        vec!["report", "--local", "Llama 3.1 8B@fp2"],
    ] {
        let (code, _, err) = run(home.path(), &args);
        assert_eq!(code, 2, "{args:?}");
        all.push_str(&format!("$ crossover {}\n{err}\n", args.join(" ")));
    }
    assert!(
        all.contains("closest: Claude Sonnet 5, Claude Sonnet 4.5"),
        "{all}"
    );
    assert!(
        all.contains("GPU \"a100\" fits 3 entries: A100 80GB SXM, A100 80GB PCIe, A100 40GB"),
        "an ambiguous name lists the candidates: {all}"
    );
    insta::assert_snapshot!("unknown_catalog_names", all);
}

/// 2026-11-25, a year after the other tests' date: the presets' 2025-10 prices are stale.
const A_YEAR_LATER: &str = "1795564800";

fn imported_file(home: &Path) -> std::path::PathBuf {
    home.join("data/crossover/imported-prices.tsv")
}

#[test]
fn names_match_as_in_the_pickers_and_say_what_they_matched() {
    let home = TempDir::new().unwrap();
    let (code, out, err) = run(
        home.path(),
        &[
            "report",
            "reference",
            "--api",
            "Sonnet 4.5",
            "--gpu",
            "80gb a100 sxm",
            "--local",
            "llama 3.1 70@fp8",
        ],
    );
    assert_eq!(code, 0, "{err}");
    for note in [
        "note: --api \"Sonnet 4.5\" is Claude Sonnet 4.5",
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
    // One entry has no prices: the whole file is refused, naming it.
    let (code, _, err) = run(
        home.path(),
        &["prices", "import", "tests/fixtures/litellm/prices.json"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("1 entry the catalog would not keep; the catalog is unchanged"),
        "{err}"
    );
    assert!(
        err.contains("\"mystery-chat-model\": no input price"),
        "{err}"
    );
    assert!(!imported_file(home.path()).exists());
    let (code, out, err) = run(
        home.path(),
        &[
            "prices",
            "import",
            "tests/fixtures/litellm/prices.json",
            "--skip-invalid",
            "--as-of",
            "2025-10-01",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let out = out.replace(home.path().to_str().unwrap(), "$HOME");
    insta::assert_snapshot!("import_report", out);
    let v = json(home.path(), &["prices", "list", "--format", "json"]);
    assert_eq!(v["imported"]["as_of"], "2025-10-01");
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
    assert_eq!(m["as_of"], "2025-10-01");
    assert!(m["source"].as_str().unwrap().contains("LiteLLM"));
    let mini = find("gpt-4o-mini");
    assert_eq!(mini["input_per_mtok"], 0.15);
    // The import's claude-sonnet-4-5 (2025-10-01) is older than the shipped Claude Sonnet 4.5
    // (2026-07-29): the shipped price stays, and the import said so (the snapshot's warning).
    assert!(api.iter().all(|m| m["name"] != "claude-sonnet-4-5"));
    assert_eq!(find("Claude Sonnet 4.5")["as_of"], "2026-07-29");
    // The import mapped it all the same, as stored: write 3.75, no batch price, above 200,000
    // input tokens $6/$22.5 with cache reads at $0.6.
    let stored = std::fs::read_to_string(imported_file(home.path())).unwrap();
    let line = stored
        .lines()
        .find(|l| l.starts_with("claude-sonnet-4-5\t"))
        .unwrap();
    let f: Vec<&str> = line.split('\t').collect();
    assert_eq!(
        (f[5], f[6], f[8], f[9], f[10], f[11]),
        ("3.75", "", "200000", "6", "22.5", "0.6")
    );
    let qwen = find("qwen-plus-tiered");
    assert_eq!(qwen["input_per_mtok"], 0.4);
    assert_eq!(qwen["long_context"]["above_tokens"], 256000);
    assert_eq!(qwen["long_context"]["output_per_mtok"], 4.8);
    assert_eq!(find("community/free-model:free")["free"], true);
    assert_eq!(find("old-chat-model")["legacy"], true);
    assert!(api
        .iter()
        .all(|m| m["name"] != "text-embedding-3-small" && m["name"] != "sample_spec"));
    // The shipped entries are still there, after the imported ones (GPT-4o's import, newer
    // and at the same prices, stands for it).
    assert!(api.iter().any(|m| m["name"] == "Claude Opus 5"));
    assert!(api.iter().all(|m| m["name"] != "GPT-4o"));
    // And they can be picked by the imported name.
    let v = json(
        home.path(),
        &[
            "report",
            "reference",
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
    // The long-context tier of an imported model applies when the prompt exceeds it.
    let v = json(
        home.path(),
        &[
            "report",
            "reference",
            "--format",
            "json",
            "--api",
            "claude-sonnet-4-5",
            "--set",
            "workload.input_tokens=250000",
        ],
    );
    let per_request = (250_000.0 * 6.0 + 500.0 * 22.5) / 1e6;
    assert!((v["api"]["usd_per_day"].as_f64().unwrap() - per_request * 10_000.0).abs() < 1e-6);

    let imported = imported_file(home.path());
    let before = std::fs::read(&imported).unwrap();
    for bad in [
        "tests/fixtures/litellm/truncated.json",
        "tests/fixtures/litellm/malformed.json",
        "tests/fixtures/litellm/missing.json",
        "tests/fixtures/litellm/duplicate.json",
        "tests/fixtures/litellm/invalid.json",
        "tests/fixtures",
        "/dev/null",
    ] {
        let (code, _, err) = run(home.path(), &["prices", "import", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(err.contains("the catalog is unchanged"), "{err}");
        if bad.ends_with("ted.json") || bad.ends_with("malformed.json") {
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

#[test]
fn bad_imports_say_what_is_wrong() {
    let home = TempDir::new().unwrap();
    let mut all = String::new();
    for args in [
        vec!["prices", "import", "tests/fixtures/litellm/truncated.json"],
        vec!["prices", "import", "tests/fixtures/litellm/duplicate.json"],
        vec!["prices", "import", "tests/fixtures/litellm/invalid.json"],
        vec!["prices", "import", "tests/fixtures"],
        vec![
            "prices",
            "import",
            "tests/fixtures/litellm/prices.json",
            "--as-of",
            "25/11/2026",
        ],
        vec![
            "prices",
            "import",
            "tests/fixtures/litellm/prices.json",
            "--as-of",
            "2026-02-30",
        ],
    ] {
        let (code, _, err) = run(home.path(), &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        all.push_str(&format!("$ crossover {}\n{err}\n", args.join(" ")));
    }
    assert!(all.contains("duplicate key \"a-model\""), "{all}");
    assert!(all.contains("\"zero-model\": a zero price"), "{all}");
    assert!(
        all.contains("\"absurd-model\": input price 2000000000 is not a price"),
        "{all}"
    );
    assert!(
        all.contains("\"text-price-model\": input_cost_per_token is not a number"),
        "{all}"
    );
    assert!(
        all.contains("\"negative-model\": input price -1 is not a price"),
        "{all}"
    );
    insta::assert_snapshot!("bad_imports", all);
    // A file over the cap is refused before it is read.
    let big = home.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(65 << 20)
        .unwrap();
    let (code, _, err) = run(home.path(), &["prices", "import", big.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("is larger than 64 MiB"), "{err}");
    assert!(!imported_file(home.path()).exists());
}

#[test]
fn the_issue_example_imports_and_picks_or_not_at_all() {
    let home = TempDir::new().unwrap();
    // $1,000 per token is $1e9 per million, the most a price may be: kept by the importer
    // and by the loader alike, so the pick works.
    let (code, out, err) = run(
        home.path(),
        &[
            "prices",
            "import",
            "tests/fixtures/litellm/issue_example.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("as of unknown"), "{out}");
    let v = json(
        home.path(),
        &["report", "reference", "--format", "json", "--api", "m"],
    );
    assert!(v["api"]["usd_per_day"].as_f64().unwrap() > 1e9);
    assert!(v["warnings"].as_array().unwrap().iter().any(|w| w
        .as_str()
        .unwrap()
        .contains("API model m: the catalog entry's date is unknown")));
    // A BOM is accepted; the earlier import is replaced only by a wholly valid file.
    let (code, _, err) = run(
        home.path(),
        &["prices", "import", "tests/fixtures/litellm/bom.json"],
    );
    assert_eq!(code, 0, "{err}");
    let v = json(
        home.path(),
        &["prices", "list", "--format", "json", "--filter", "bom"],
    );
    assert_eq!(v["api"][0]["name"], "bom-model");
}

#[test]
fn genai_prices_takes_the_price_in_force_on_the_date() {
    let home = TempDir::new().unwrap();
    let file = "tests/fixtures/genai_prices/data.json";
    // Gemini Zero has a zero input price without being marked free.
    let (code, _, err) = run(home.path(), &["prices", "import", file]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("\"Gemini Zero\": a zero price"), "{err}");
    // Today (2025-11-25 here): the first Sonnet 4.6 price, with its tier above 200k.
    let (code, out, err) = run(home.path(), &["prices", "import", file, "--skip-invalid"]);
    assert_eq!(code, 0, "{err}");
    let out = out.replace(home.path().to_str().unwrap(), "$HOME");
    insta::assert_snapshot!("genai_import_report", out);
    let v = json(home.path(), &["prices", "list", "--format", "json"]);
    let api = v["api"].as_array().unwrap();
    let find = |n: &str| api.iter().find(|m| m["name"] == n).unwrap().clone();
    // The undated import of Claude Sonnet 4.6 does not replace the dated shipped entry (the
    // snapshot's warning says so); the import itself kept the tier above 200k, as stored.
    assert_eq!(find("Claude Sonnet 4.6")["as_of"], "2026-07-29");
    let stored = std::fs::read_to_string(imported_file(home.path())).unwrap();
    let line = stored
        .lines()
        .find(|l| l.starts_with("Claude Sonnet 4.6\t"))
        .unwrap();
    let f: Vec<&str> = line.split('\t').collect();
    // write 3.75; above 200,000 input tokens $6/$22.5, cache reads $0.6, no tiered cache write.
    assert_eq!(
        (f[5], f[8], f[9], f[10], f[11], f[12]),
        ("3.75", "200000", "6", "22.5", "0.6", "")
    );
    // Two providers sell Claude Haiku 4.5: each gets its provider in the name.
    assert_eq!(find("Claude Haiku 4.5 (Anthropic)")["input_per_mtok"], 1.0);
    assert_eq!(find("Claude Haiku 4.5 (Google)")["output_per_mtok"], 5.0);
    assert_eq!(find("Claude Opus 3")["legacy"], true);
    assert_eq!(find("Gemma (free)")["free"], true);
    // Time-of-day prices: the all-day one.
    assert_eq!(find("DeepSeek Chat")["input_per_mtok"], 0.135);
    assert!(api
        .iter()
        .all(|m| m["name"] != "Gemini Future" && m["name"] != "Text Embedding"));
    // On 2026-04-01 the surcharge is gone, and the entries carry that date (imported a year
    // later, so that the date is not after today).
    let out = crossover(home.path())
        .env("SOURCE_DATE_EPOCH", A_YEAR_LATER)
        .args([
            "prices",
            "import",
            file,
            "--skip-invalid",
            "--as-of",
            "2026-04-01",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stored = std::fs::read_to_string(imported_file(home.path())).unwrap();
    assert!(
        stored.lines().next().unwrap().contains("\t2026-04-01\t"),
        "{stored}"
    );
    let line = stored
        .lines()
        .find(|l| l.starts_with("Claude Sonnet 4.6\t"))
        .unwrap();
    assert_eq!(
        line.split('\t').nth(8),
        Some(""),
        "no long-context tier: {line}"
    );
    // Still older than the shipped entry (2026-07-29), which stays in force.
    let v = json(
        home.path(),
        &[
            "prices",
            "list",
            "--format",
            "json",
            "--filter",
            "sonnet 4.6",
        ],
    );
    assert_eq!(v["api"][0]["as_of"], "2026-07-29");
}

#[test]
fn stale_prices_are_warned_in_every_report_format() {
    let home = TempDir::new().unwrap();
    let run_at = |args: &[&str]| {
        let out = crossover(home.path())
            .env("SOURCE_DATE_EPOCH", A_YEAR_LATER)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let stale = "prices as of 2025-06 are 17 months old";
    for format in ["text", "markdown", "csv"] {
        let out = run_at(&["report", "reference", "--format", format]);
        assert!(out.contains(stale), "{format}: {out}");
    }
    let v: serde_json::Value = serde_json::from_str(&run_at(&[
        "report",
        "reference",
        "--format",
        "json",
        "--gpu",
        "H100 SXM@spot",
    ]))
    .unwrap();
    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(warnings.iter().any(|w| w.contains(stale)), "{warnings:?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("GPU H100 SXM: catalog entry as of 2025-08, 15 months old")),
        "{warnings:?}"
    );
    // With today's date of the other tests, the same report has no stale warning.
    let v = json(home.path(), &["report", "reference", "--format", "json"]);
    assert!(v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| !w.as_str().unwrap().contains("months old")));
    // An undated preset says so.
    let undated = home.path().join("undated.toml");
    std::fs::write(&undated, "name = \"U\"\n").unwrap();
    let v = json(
        home.path(),
        &["report", undated.to_str().unwrap(), "--format", "json"],
    );
    assert!(v["warnings"][0]
        .as_str()
        .unwrap()
        .starts_with("prices undated"));
}

/// Every control character (C0 with NUL, line breaks and tabs, DEL, C1) and every
/// bidirectional control, inside an imported model's name or provider, and over-long names:
/// each such entry is left aside and counted, the rest imports, and the store reads back whole
/// (a NUL once made every later command drop the whole import).
#[test]
fn import_names_with_any_control_character_are_left_aside_and_the_store_stays_readable() {
    let home = TempDir::new().unwrap();
    let controls: Vec<char> = (0u32..0x20)
        .chain(0x7f..0xa0)
        .chain(0x202a..0x202f)
        .chain(0x2066..0x206a)
        .filter_map(char::from_u32)
        .collect();
    let mut entries = serde_json::Map::new();
    let price = |provider: &str| {
        serde_json::json!({"mode": "chat", "litellm_provider": provider,
            "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6})
    };
    for (i, c) in controls.iter().enumerate() {
        entries.insert(format!("bad-{i}{c}name"), price("p"));
        entries.insert(format!("bad-provider-{i}"), price(&format!("p{c}")));
    }
    entries.insert("x".repeat(257), price("p"));
    entries.insert("clean-model".into(), price("p"));
    entries.insert("y".repeat(256), price("p"));
    let file = home.path().join("hostile.json");
    std::fs::write(&file, serde_json::Value::Object(entries).to_string()).unwrap();
    let (code, out, err) = run(
        home.path(),
        &[
            "prices",
            "import",
            file.to_str().unwrap(),
            "--as-of",
            "2025-10-01",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let aside = 2 * controls.len() + 1;
    let said = format!("{out}{err}");
    assert!(said.contains("names with control characters"), "{said}");
    assert!(said.contains("names over 256 characters"), "{said}");
    assert!(said.contains(&aside.to_string()), "{aside}: {said}");
    assert!(
        !said.chars().any(|c| c.is_control() && c != '\n'),
        "{said:?}"
    );
    let store = std::fs::read_to_string(imported_file(home.path())).unwrap();
    assert!(!store.contains('\0'));
    assert_eq!(store.lines().count(), 3, "header and the two clean models");
    // Every later command reads the import whole.
    let list = json(home.path(), &["prices", "list", "--format", "json"]);
    let text = list.to_string();
    assert!(
        text.contains("clean-model") && text.contains(&"y".repeat(256)),
        "{text}"
    );
    let (code, _, err) = run(
        home.path(),
        &["report", "reference", "--api", "clean-model"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("skipped"), "{err}");
}

/// A many-word name against a large import resolves (or is refused) without re-splitting the
/// name for every imported model: seconds, not minutes (the `suggest` bench times it).
#[test]
fn a_four_thousand_word_name_against_a_large_import_is_answered() {
    let home = TempDir::new().unwrap();
    let mut entries = serde_json::Map::new();
    for i in 0..20_000 {
        entries.insert(
            format!("vendor-model-{i}"),
            serde_json::json!({"mode": "chat", "litellm_provider": "p",
                "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}),
        );
    }
    let file = home.path().join("many.json");
    std::fs::write(&file, serde_json::Value::Object(entries).to_string()).unwrap();
    let (code, _, err) = run(home.path(), &["prices", "import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let name = vec!["vendor model"; 2_000].join(" ");
    let (code, _, err) = run(home.path(), &["report", "reference", "--api", &name]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.len() < 2_000,
        "the name is echoed cut short: {} bytes",
        err.len()
    );
}
