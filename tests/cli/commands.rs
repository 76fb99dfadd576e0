//! The real binary, as a user runs it. Each test gets its own empty config folder.

use std::path::Path;

use std::process::Command;
use tempfile::TempDir;

use crate::common::cli::{crossover, stderr_of, stdout_of};

#[test]
fn every_bad_preset_gets_a_located_error_and_exit_2() {
    let mut all = String::new();
    let mut files: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_presets"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
    files.sort();
    assert!(files.len() >= 12);
    for f in files {
        let path = format!("tests/invalid_presets/{f}");
        let (code, err) = stderr_of(&["report", &path]);
        assert_eq!(code, 2, "{f}: {err}");
        assert!(err.starts_with(&format!("error: {path}")), "{f}: {err}");
        assert!(err.lines().count() <= 3, "{f}: {err}");
        all.push_str(&err);
    }
    insta::assert_snapshot!("invalid_presets", all);
}

#[test]
fn other_bad_input_is_explained() {
    let cases: &[&[&str]] = &[
        &["report", "tests/invalid_presets/does-not-exist.toml"],
        &["report", "no-such-preset"],
        &["report", "defualt"],
        &["report", "--set", "workload.requests_per_day=lots"],
        &["report", "--set", "workload.request_per_day=5"],
        &["report", "--set", "self_host.target_utilization=1.5"],
        &["report", "--set", "nonsense"],
        &["report", "--set", "self_host.min_replicas=0.5"],
        &["report", "--format", "yaml"],
        &["presets", "save", "../escape"],
    ];
    let mut all = String::new();
    for args in cases {
        let (code, err) = stderr_of(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        all.push_str(&format!("$ crossover {}\n{err}\n", args.join(" ")));
    }
    insta::assert_snapshot!("other_bad_input", all);
}

#[test]
fn json_report_is_model_md_section_5() {
    let cfg = TempDir::new().unwrap();
    let out = stdout_of(&cfg, &["report", "reference", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["scenario"], "Reference");
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["requests_per_day"], 10000.0);
    assert_eq!(v["api"]["usd_per_day"], 100.0);
    assert_eq!(v["api"]["usd_per_month"], 3043.75);
    assert_eq!(v["api"]["usd_per_1k_requests"], 10.0);
    let close = |x: &serde_json::Value, y: f64, tol: f64| (x.as_f64().unwrap() - y).abs() < tol;
    assert!(close(&v["self_host"]["usd_per_day"], 153.611, 1e-3));
    assert!(close(&v["self_host"]["usd_per_month"], 4675.54, 1e-2));
    assert!(close(&v["self_host"]["usd_per_1k_requests"], 15.36, 1e-2));
    assert_eq!(v["self_host"]["gpu_usd_per_day"], 60.0);
    assert!(close(&v["self_host"]["overhead_usd_per_day"], 6.0, 1e-9));
    assert!(close(
        &v["self_host"]["engineering_usd_per_day"],
        87.611,
        1e-3
    ));
    assert_eq!(v["self_host"]["replicas"], 1);
    assert_eq!(v["self_host"]["gpus"], 1);
    assert!(close(&v["self_host"]["peak_utilization"], 0.0694, 1e-4));
    assert!(close(&v["hybrid"]["usd_per_day"], 183.611, 1e-3));
    assert!(close(&v["hybrid"]["usd_per_month"], 5588.67, 1e-2));
    assert!(close(&v["hybrid"]["local_usd_per_day"], 153.611, 1e-3));
    assert!(close(&v["hybrid"]["api_usd_per_day"], 30.0, 1e-9));
    assert_eq!(v["hybrid"]["replicas"], 1);
    assert_eq!(v["cheapest"], "api");
    assert!(close(&v["breakeven_requests_per_day"], 15361.12, 1e-2));
    assert_eq!(v["crossings"].as_array().unwrap().len(), 1);
    assert!(v["payback_months"].is_null());
    assert_eq!(v["recommendation"]["choice"], "api");
    assert!(!v["recommendation"]["reasons"]
        .as_array()
        .unwrap()
        .is_empty());
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "scenario",
            "currency",
            "requests_per_day",
            "api",
            "self_host",
            "hybrid",
            "cheapest",
            "breakeven_requests_per_day",
            "crossings",
            "payback_months",
            "recommendation",
            "cheapest_allowed",
            "allowed",
            "recommended_breakeven_requests_per_day",
            "recommended_payback_months",
            "flips",
            "findings",
            "notes",
            "warnings",
        ]
    );
    // docs/MODEL.md §6.4: nothing excluded by default, so the cheapest allowed is the cheapest.
    assert_eq!(v["cheapest_allowed"], "api");
    for option in ["api", "hybrid", "self_host"] {
        assert_eq!(v["allowed"][option]["allowed"], true, "{option}");
        assert!(v["allowed"][option]["reason"].is_null(), "{option}");
    }
    assert!(close(
        &v["recommended_breakeven_requests_per_day"],
        15361.12,
        1e-2
    ));
    // Nothing to warn about in the defaults; a catalog pick's note reaches the JSON.
    assert_eq!(v["warnings"], serde_json::json!([]));
    let picked: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &[
            "report",
            "reference",
            "--local",
            "Llama 3.1 70B@fp8",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert!(!picked["notes"].as_array().unwrap().is_empty(), "{picked}");
}

#[test]
fn set_changes_the_numbers_like_model_md_says() {
    let cfg = TempDir::new().unwrap();
    let at = |v: &str| -> serde_json::Value {
        let out = stdout_of(
            &cfg,
            &[
                "report",
                "reference",
                "--format",
                "json",
                "--set",
                &format!("workload.requests_per_day={v}"),
            ],
        );
        serde_json::from_str(&out).unwrap()
    };
    let v = at("100000");
    assert_eq!(v["api"]["usd_per_day"], 1000.0);
    assert!((v["self_host"]["usd_per_day"].as_f64().unwrap() - 153.61).abs() < 0.01);
    assert!((v["payback_months"].as_f64().unwrap() - 0.30).abs() < 0.005);
    assert_eq!(v["cheapest"], "self_host");
    let v = at("1000000");
    assert!((v["self_host"]["usd_per_day"].as_f64().unwrap() - 747.61).abs() < 0.01);
    assert_eq!(v["self_host"]["replicas"], 10);
    let v = at("0");
    assert!(v["api"]["usd_per_1k_requests"].is_null());
}

#[test]
fn text_markdown_and_csv_reports() {
    let cfg = TempDir::new().unwrap();
    insta::assert_snapshot!("report_text_default", stdout_of(&cfg, &["report"]));
    insta::assert_snapshot!(
        "report_text_guide",
        stdout_of(&cfg, &["report", "guide-legal-docs"])
    );
    insta::assert_snapshot!(
        "report_markdown_default",
        stdout_of(&cfg, &["report", "--format", "markdown"])
    );
    let csv = stdout_of(&cfg, &["report", "reference", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "requests_per_day,api_usd_per_day,self_host_usd_per_day,hybrid_usd_per_day,cheapest"
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').take(4).map(|x| x.parse().unwrap()).collect())
        .collect();
    assert!(rows.len() >= 256);
    assert_eq!(rows[0][0], 10.0);
    assert!(rows.windows(2).all(|w| w[0][0] <= w[1][0]));
    // The first replica step (100,800 requests/day) appears on both sides.
    assert_eq!(
        rows.iter()
            .filter(|r| (r[0] - 100_800.0).abs() < 1e-6)
            .count(),
        2
    );
}

#[test]
fn guide_preset_tells_the_guides_story() {
    let cfg = TempDir::new().unwrap();
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["report", "guide-legal-docs", "--format", "json"];
        args.extend_from_slice(extra);
        serde_json::from_str(&stdout_of(&cfg, &args)).unwrap()
    };
    let v = json(&[]);
    assert!(
        (v["api"]["usd_per_day"].as_f64().unwrap() - 150.0).abs() < 1e-6,
        "500 docs/day at $0.30"
    );
    let v = json(&["--set", "workload.requests_per_day=5000"]);
    assert!((v["api"]["usd_per_day"].as_f64().unwrap() - 1500.0).abs() < 1e-6);
    let hybrid = v["hybrid"]["usd_per_day"].as_f64().unwrap();
    assert!((v["hybrid"]["api_usd_per_day"].as_f64().unwrap() - 200.0).abs() < 1e-6);
    // The local Gemma is not the guide's one GPU at $50/day: at 75,000 tokens a document the
    // estimate serves 0.043 documents a second per H100 (9 at once), so 4,333 documents a day
    // at a 2× peak and 70% utilisation take four: 4 × $3.78 × 24 = $362.88, with 5% overhead
    // and $14.24 of engineering $395.26, and the hybrid $595.26, not $250 (still well under
    // the API's $1,500).
    assert_eq!(v["hybrid"]["replicas"], 4);
    let local = v["hybrid"]["local_usd_per_day"].as_f64().unwrap();
    assert!((local - 395.26).abs() < 0.01, "local {local}");
    assert!((hybrid - 595.26).abs() < 0.01, "hybrid {hybrid}");
    assert_eq!(v["recommendation"]["choice"], "hybrid");
    // The timeline: 500 docs/day in month 1, 5,000 in month 12.
    let t = json(&["--view", "timeline"]);
    let months = t["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0]["requests_per_day"], 500.0);
    assert!((months[11]["requests_per_day"].as_f64().unwrap() - 5000.0).abs() < 0.5);
}

#[test]
fn presets_list_show_save_and_shadow() {
    let cfg = TempDir::new().unwrap();
    let list = stdout_of(&cfg, &["presets", "list"]);
    for name in [
        "default",
        "guide-legal-docs",
        "chatbot-high-volume",
        "privacy-first",
        "llama-70b-multi-gpu",
        "chat-assistant-estimate",
        "long-documents-kv-bound",
    ] {
        assert!(list.contains(name), "{list}");
    }
    let path = stdout_of(&cfg, &["presets", "path"]);
    assert!(
        path.trim().starts_with(cfg.path().to_str().unwrap()),
        "{path}"
    );
    assert!(stdout_of(&cfg, &["presets", "show", "default"]).contains("prices_as_of = \"2026-08\""));

    let saved = stdout_of(
        &cfg,
        &[
            "presets",
            "save",
            "default",
            "--set",
            "workload.requests_per_day=123",
        ],
    );
    assert!(saved.starts_with("saved "), "{saved}");
    let list = stdout_of(&cfg, &["presets", "list"]);
    assert!(list.contains("shadows the shipped preset"), "{list}");
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(&cfg, &["report", "default", "--format", "json"])).unwrap();
    assert_eq!(v["requests_per_day"], 123.0);

    // No overwrite without --force, and nothing changes when refused.
    let out = crossover(&cfg)
        .args(["presets", "save", "default"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use --force"));
    stdout_of(
        &cfg,
        &[
            "presets",
            "save",
            "default",
            "--force",
            "--from",
            "privacy-first",
        ],
    );
    let dir = cfg.path().join("crossover/presets");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["default.toml"], "no temp files left behind");
    let shown = stdout_of(&cfg, &["presets", "show", "default"]);
    assert!(shown.contains("data_must_stay_in_house = true"), "{shown}");
}

#[test]
fn help_and_version() {
    let cfg = TempDir::new().unwrap();
    insta::assert_snapshot!("help", stdout_of(&cfg, &["--help"]));
    insta::assert_snapshot!(
        "report_help",
        stdout_of(&cfg, &["report", "reference", "--help"])
    );
    let v = stdout_of(&cfg, &["--version"]);
    assert_eq!(v.trim(), format!("crossover {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn works_from_any_folder() {
    let cfg = TempDir::new().unwrap();
    let elsewhere = TempDir::new().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_crossover"))
        .current_dir(elsewhere.path())
        .env("XDG_CONFIG_HOME", cfg.path())
        .args(["report", "chatbot-high-volume", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn report_views_and_export_views() {
    let cfg = TempDir::new().unwrap();
    let t: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &[
            "report",
            "reference",
            "--view",
            "sensitivity",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    // A share at 0 swings over its range (docs/MODEL.md §7.1): the cache hit rate, 0 → just
    // below 1, moves the gap most; the daily volume follows.
    assert_eq!(t["inputs"][0]["key"], "workload.response_cache_hit_rate");
    assert_eq!(t["inputs"][1]["key"], "workload.requests_per_day");
    let u: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &[
            "report",
            "guide-legal-docs",
            "--view",
            "uncertainty",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(u["samples"], 2000);
    assert_eq!(u["bands"].as_array().unwrap().len(), 256);
    assert!(u["p_self_host_cheaper"].as_f64().unwrap() > 0.9);
    let all: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &[
            "report",
            "guide-legal-docs",
            "--view",
            "all",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    for k in [
        "api",
        "self_host",
        "hybrid",
        "cheapest",
        "sensitivity",
        "uncertainty",
        "timeline",
    ] {
        assert!(!all[k].is_null(), "{k}");
    }
    let csv = stdout_of(
        &cfg,
        &[
            "report",
            "guide-legal-docs",
            "--view",
            "timeline",
            "--format",
            "csv",
        ],
    );
    // Warnings and notes lead as comments (the guide's throughput is an estimate).
    let csv: String = csv
        .lines()
        .filter(|l| !l.starts_with("# warning:") && !l.starts_with("# note:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(csv
        .starts_with("month,requests_per_day,api_usd,self_host_usd,hybrid_usd,cumulative_api_usd"));
    // The months, then the answers' table (docs/MODEL.md §9).
    let (months, answers) = csv.split_once("# table: answers\n").unwrap();
    assert_eq!(months.lines().count(), 13);
    assert_eq!(answers.lines().count(), 2);
    let md = stdout_of(
        &cfg,
        &["report", "guide-legal-docs", "--format", "markdown"],
    );
    assert!(
        md.contains("## What moves the answer")
            && md.contains("## How sure")
            && md.contains("## As traffic grows")
    );
    // The default report's JSON stays exactly docs/MODEL.md §5, [uncertainty] or not.
    let plain: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &["report", "guide-legal-docs", "--format", "json"],
    ))
    .unwrap();
    assert!(plain.get("sensitivity").is_none() && plain.get("uncertainty").is_none());
    let dir = TempDir::new().unwrap();
    for view in ["sensitivity", "timeline"] {
        let out = dir.path().join(format!("{view}.svg"));
        stdout_of(
            &cfg,
            &[
                "export",
                "guide-legal-docs",
                "--view",
                view,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        let svg = std::fs::read_to_string(&out).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        // Message titles (issue 24): the input that moves the gap most; the switch and what
        // it saves.
        let want = if view == "sensitivity" {
            "moves the gap most"
        } else {
            "switch to the hybrid in month 1, saves about"
        };
        assert!(texts.iter().any(|t| t.contains(want)), "{texts:?}");
    }
}

/// The guide preset's timeline, by hand. Month 1 is 500 documents/day:
/// - API: 500 × $0.30 = $150/day → × 30.4375 = $4,565.63 a month.
/// - Self-hosting running cost: one H100 SXM at $3.78 × 24 = $90.72, overhead 5% = $4.536,
///   maintenance 3 h × $100 / 30.4375 = $9.86 a day (setup is paid up front, not amortised
///   here) → $105.11/day = $3,199.35 a month; with the $1,600 setup, $4,799.35 by month's end.
///
/// So self-hosting is cheaper from month 1, its total is below the API's from month 2 (the
/// setup is repaid in the second month), and month 1 is the best month to switch. Month 12 is 500 × 1.2328467^11 ≈ 5,000 documents/day.
#[test]
fn guide_timeline_by_hand() {
    let cfg = TempDir::new().unwrap();
    let t: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &[
            "report",
            "guide-legal-docs",
            "--view",
            "timeline",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let m1 = &t["months"][0];
    let close = |v: &serde_json::Value, x: f64| (v.as_f64().unwrap() - x).abs() < 0.01;
    assert!(close(&m1["api_usd"], 4565.625), "{m1}");
    let running = (90.72 + 4.536 + 300.0 / 30.4375) * 30.4375;
    assert!(close(&m1["self_host_usd"], running), "{m1} vs {running}");
    assert!(close(&m1["cumulative_self_host_usd"], 1600.0 + running));
    assert_eq!(t["first_month_cheaper"], 1);
    assert_eq!(t["first_month_repaid"], 2);
    assert_eq!(t["best_switch_month"], 1);
    let month12 = t["months"][11]["requests_per_day"].as_f64().unwrap();
    assert!((month12 - 5000.0).abs() < 0.5, "month 12: {month12}");
    // Staying on the API for all 12 months against switching in month 1 to the hybrid:
    // frontier quality excludes pure self-hosting (docs/MODEL.md §6.4).
    assert_eq!(t["switch_to"], "hybrid");
    let months = t["months"].as_array().unwrap();
    let api: f64 = months.iter().map(|m| m["api_usd"].as_f64().unwrap()).sum();
    let own: f64 = 1600.0
        + months
            .iter()
            .map(|m| m["hybrid_usd"].as_f64().unwrap())
            .sum::<f64>();
    assert!((t["savings_at_horizon"].as_f64().unwrap() - (api - own)).abs() < 1e-6);
}

#[test]
fn percent_in_set_means_percent_and_a_bare_number_is_a_fraction() {
    let cfg = TempDir::new().unwrap();
    let rate = |v: &str| {
        let out = stdout_of(
            &cfg,
            &[
                "report",
                "reference",
                "--view",
                "timeline",
                "--format",
                "json",
                "--set",
                &format!("growth.monthly_rate={v}"),
            ],
        );
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        json["monthly_rate"].as_f64().unwrap()
    };
    assert_eq!(rate("20%"), 0.2);
    assert_eq!(rate("0.2"), 0.2);
    let (code, err) = stderr_of(&[
        "report",
        "reference",
        "--set",
        "workload.requests_per_day=50%",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a share"), "{err}");
}

/// docs/MODEL.md §6.4: the guide's legal documents need frontier quality, so self-hosting is
/// excluded; the contract's fields still ignore the constraints, the new ones do not.
#[test]
fn json_names_the_options_the_constraints_allow() {
    let cfg = TempDir::new().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &["report", "guide-legal-docs", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(v["cheapest"], "self_host");
    assert_eq!(v["cheapest_allowed"], "hybrid");
    assert_eq!(v["recommendation"]["choice"], "hybrid");
    assert_eq!(v["allowed"]["self_host"]["allowed"], false);
    assert_eq!(
        v["allowed"]["self_host"]["reason"],
        "excluded: needs frontier quality"
    );
    assert_eq!(v["allowed"]["hybrid"]["allowed"], true);
    let contract = v["breakeven_requests_per_day"].as_f64().unwrap();
    let hybrid = v["recommended_breakeven_requests_per_day"]
        .as_f64()
        .unwrap();
    assert!(hybrid > contract, "{hybrid} vs {contract}");

    let v: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &["report", "privacy-first", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(v["cheapest_allowed"], "self_host");
    for option in ["api", "hybrid"] {
        assert_eq!(
            v["allowed"][option]["reason"],
            "excluded: data must stay in-house"
        );
    }
}

/// `--view all` in every format: every view is there, and so is the context (a catalog note
/// under "Sources and assumptions", the chart link and the footer in Markdown).
#[test]
fn view_all_in_every_format() {
    let cfg = TempDir::new().unwrap();
    let run = |format: &str| {
        stdout_of(
            &cfg,
            &[
                "report",
                "guide-legal-docs",
                "--api",
                "GPT-4o",
                "--view",
                "all",
                "--format",
                format,
                "--chart",
                "c.png",
            ],
        )
    };
    let note = "API model GPT-4o";
    let text = run("text");
    let sources = text
        .find("\nSources and assumptions\n")
        .expect("a sources section");
    assert!(text[sources..].contains(&format!("  - {note}")), "{text}");
    assert!(!text.contains(&format!("warning: {note}")), "{text}");
    for part in [
        "Break-even",
        "Sensitivity at 500 requests/day",
        "2,000 samples (seed 7) over 2 uncertain inputs.",
        "12 months from 500 requests/day",
    ] {
        assert!(text.contains(part), "text lacks {part:?}");
    }
    let md = run("markdown");
    for part in [
        "## Sources and assumptions\n\n- ",
        "\n- API model GPT-4o",
        "![Daily cost against daily volume](<c.png>)",
        "## Costs at 500 requests/day",
        "## Sensitivity",
        "## Uncertainty",
        "## Growth timeline",
    ] {
        assert!(md.contains(part), "markdown lacks {part:?}");
    }
    assert!(!md.contains("> **Warning:** API model GPT-4o"));
    assert!(
        md.rfind("\n---\ncrossover ").unwrap() > md.find("## Growth timeline").unwrap(),
        "the footer comes last"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    for k in ["api", "sensitivity", "uncertainty", "timeline"] {
        assert!(!json[k].is_null(), "{k}");
    }
    assert!(
        json["notes"].to_string().contains(note),
        "{}",
        json["notes"]
    );
    assert!(!json["warnings"].to_string().contains(note));
    let ranges = json["uncertainty"]["ranges"].as_array().unwrap();
    assert!(ranges
        .iter()
        .any(|r| r["shape"] == "triangular" && r["mode"] == 1.0));
    let csv = run("csv");
    assert!(csv.contains(&format!("# note: {note}")), "{csv}");
    let sections: Vec<&str> = csv.split("\n\n").collect();
    let views: Vec<&str> = sections
        .iter()
        .map(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("# view: "))
                .unwrap_or("none")
        })
        .collect();
    assert_eq!(views, ["costs", "sensitivity", "uncertainty", "timeline"]);
    // A view's second table (the flip table, the timeline's answers) starts at its
    // `# table:` line, with its own header.
    let tables: Vec<&str> = sections.iter().flat_map(|s| s.split("# table: ")).collect();
    assert_eq!(tables.len(), sections.len() + 2, "flips and answers");
    for s in &tables {
        let rows: Vec<&str> = s
            .lines()
            .skip_while(|l| !l.contains(','))
            .filter(|l| !l.starts_with('#'))
            .collect();
        let width = csv_cells(rows[0]).len();
        assert!(rows.len() > 1 && rows.iter().all(|r| csv_cells(r).len() == width));
        // Money to the cent, the rest to 6 significant digits: no float noise.
        for cell in rows[1..].iter().flat_map(|r| csv_cells(r)) {
            if cell.parse::<f64>().is_err() {
                continue;
            }
            if let Some((_, frac)) = cell.split_once('.') {
                assert!(frac.len() <= 6, "{cell}");
            }
        }
    }
}

/// `compare` in every format: the ranking, the winners and the configurations left out, and
/// a model that is not in the catalog refused with exit 2.
#[test]
fn compare_in_every_format() {
    let cfg = TempDir::new().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&cfg, &["compare", "--format", "json"])).unwrap();
    let rows = json["configurations"].as_array().unwrap();
    assert!(rows.len() > 10);
    let costs: Vec<f64> = rows
        .iter()
        .map(|r| r["usd_per_day"].as_f64().unwrap())
        .collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1]), "cheapest first");
    for key in [
        "gpu",
        "offering",
        "precision",
        "gpus_per_replica",
        "usd_per_mtok",
        "replicas",
        "bound",
    ] {
        assert!(!rows[0][key].is_null(), "{key}");
    }
    // The hand-worked row of docs/MODEL.md §6.10: 1 × H100 SXM at bf16, $187.40/day.
    let h100 = rows
        .iter()
        .find(|r| {
            r["gpu"] == "H100 SXM"
                && r["offering"] == "list"
                && r["precision"] == "bf16"
                && r["gpus_per_replica"] == 1
        })
        .unwrap();
    assert!((h100["usd_per_day"].as_f64().unwrap() - 187.4032).abs() < 1e-3);
    assert!(!json["winners"].as_array().unwrap().is_empty());
    assert_eq!(json["winners"][0]["from_requests_per_day"], 10.0);
    // fp8 on GPUs without fp8 tensor cores is said to run as W8A16 (issue 22), each such row
    // marked; the latencies are called what they are: first tokens a floor.
    let warnings = json["warnings"].to_string();
    assert!(warnings.contains("first-token times a floor"), "{warnings}");
    assert!(!warnings.contains("upper bound)"), "{warnings}");
    let dequantised: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r["dequantised"] == true)
        .map(|r| (r["gpu"].as_str().unwrap(), r["precision"].as_str().unwrap()))
        .collect();
    assert!(dequantised.contains(&("A10G", "fp8")), "{dequantised:?}");
    assert!(dequantised
        .iter()
        .all(|(g, p)| *p == "fp8" && !g.starts_with('H')));
    assert!(
        warnings.contains(", fp8 runs as W8A16 (no fp8 tensor cores") && warnings.contains("A10G"),
        "{warnings}"
    );
    let h100_fp8 = rows
        .iter()
        .find(|r| r["gpu"] == "H100 SXM" && r["precision"] == "fp8")
        .unwrap();
    assert_eq!(h100_fp8["dequantised"], false);
    let big = stdout_of(
        &cfg,
        &[
            "compare",
            "--format",
            "json",
            "--set",
            "self_host.model=\"Llama 3.1 70B\"",
        ],
    );
    assert!(big.contains("does not fit"), "left out with the reason");

    let text = stdout_of(&cfg, &["compare"]);
    assert!(text.contains("Cheapest across the volume range") && text.contains("Left out"));
    assert!(
        text.contains("\nNote: On ") && text.contains(", fp8 runs as W8A16 (no fp8 tensor cores"),
        "{text}"
    );
    assert!(text.contains(
        "first-token times a floor (traffic at or past a replica's rate queues without bound)"
    ));
    let md = stdout_of(&cfg, &["compare", "--format", "markdown"]);
    assert!(md.starts_with("# Fleet comparison") && md.contains("| Configuration |"));
    let csv = stdout_of(&cfg, &["compare", "--format", "csv"]);
    assert!(csv.starts_with(
        "gpu,offering,market,usd_per_gpu_hour,precision,gpus_per_replica,usd_per_day"
    ));
    assert_eq!(csv.lines().count(), rows.len() + 1);

    let (code, err) = stderr_of(&["compare", "--set", "self_host.model=\"Nope\""]);
    assert_eq!(code, 2);
    assert!(err.contains("not in the catalog"), "{err}");
}

/// `compare` over the catalog's offerings by market: each row names its offering and market,
/// the H100 SXM appears at its list price and at each rental offering, and `--market` keeps
/// one market (a purchase or an unknown market is refused with the markets that exist).
#[test]
fn compare_by_market() {
    let cfg = TempDir::new().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&cfg, &["compare", "--format", "json"])).unwrap();
    let rows = json["configurations"].as_array().unwrap();
    let h100: Vec<(String, f64)> = rows
        .iter()
        .filter(|r| {
            r["gpu"] == "H100 SXM" && r["precision"] == "bf16" && r["gpus_per_replica"] == 1
        })
        .map(|r| {
            (
                format!(
                    "{}/{}",
                    r["offering"].as_str().unwrap(),
                    r["market"].as_str().unwrap()
                ),
                r["usd_per_gpu_hour"].as_f64().unwrap(),
            )
        })
        .collect();
    for (offering, price) in [
        ("list/list", 3.78),
        ("spot/spot", 2.2036),
        ("reserved/reserved_1y", 2.35),
        ("specialist/specialist_on_demand", 3.78),
        ("runpod/specialist_on_demand", 2.69),
        ("hyperscaler/hyperscaler_on_demand", 6.88),
    ] {
        assert!(
            h100.contains(&(offering.to_string(), price)),
            "{offering} in {h100:?}"
        );
    }
    let spot: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &["compare", "--format", "json", "--market", "spot"],
    ))
    .unwrap();
    let spot_rows = spot["configurations"].as_array().unwrap();
    assert!(!spot_rows.is_empty() && spot_rows.iter().all(|r| r["market"] == "spot"));
    let text = stdout_of(&cfg, &["compare", "--market", "reserved"]);
    assert!(text.contains("@reserved"), "{text}");
    let (code, err) = stderr_of(&["compare", "--market", "auction"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no market \"auction\"") && err.contains("spot"),
        "{err}"
    );
    let (code, err) = stderr_of(&["compare", "--market", "purchase"]);
    assert_eq!(code, 2);
    assert!(err.contains("[owned]"), "{err}");
}

/// `--out DIR/` creates the folder; a file in a missing folder is refused with exit code 2,
/// naming the folder.
#[test]
fn export_into_a_missing_folder() {
    let cfg = TempDir::new().unwrap();
    let out = crossover(&cfg)
        .current_dir(cfg.path())
        .args([
            "export", "--out", "slides/", "--width", "80", "--height", "45",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let written = String::from_utf8(out.stdout).unwrap();
    assert!(
        written.starts_with("slides/crossover-default-"),
        "{written}"
    );
    assert!(cfg.path().join(written.trim()).is_file());
    let out = crossover(&cfg)
        .current_dir(cfg.path())
        .args(["export", "--out", "nope/c.png"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: the folder nope does not exist"),
        "{err}"
    );
}

#[test]
fn prices_list_says_when_nothing_matches() {
    let cfg = TempDir::new().unwrap();
    let out = stdout_of(&cfg, &["prices", "list", "--filter", "zzz"]);
    assert!(out.contains("Nothing matches \"zzz\""), "{out}");
    assert!(!out.contains("name "), "no empty table headers: {out}");

    // A partial match: only the sections with matches, the others named at the end; words
    // in any order, as in the pickers.
    for filter in ["sonnet", "sonnet claude"] {
        let out = stdout_of(&cfg, &["prices", "list", "--filter", filter]);
        assert!(out.contains("Claude Sonnet 5"), "{out}");
        assert!(
            !out.contains("\nGPUs\n") && !out.contains("gpu@offering"),
            "{out}"
        );
        assert!(
            out.ends_with(&format!(
                "No GPUs, GPU offerings or local models match \"{filter}\".\n"
            )),
            "{out}"
        );
    }
    let out = stdout_of(&cfg, &["prices", "list", "--filter", "gemma 27"]);
    assert!(out.contains("Gemma 3 27B"), "{out}");
    assert!(
        out.ends_with("No GPUs or GPU offerings match \"gemma 27\".\n"),
        "{out}"
    );
}

/// One convention for messages: every error starts "error:" (none "Error:"), in the source
/// and as printed.
#[test]
fn every_error_starts_lowercase_error() {
    fn walk(dir: &Path, hits: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, hits);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                // Built from pieces, so that this test does not find itself.
                let bad = ["\"", "Error", ": "].concat();
                for (i, l) in text.lines().enumerate() {
                    if l.contains(&bad) || l.contains(&["\"", "ERROR", ":"].concat()) {
                        hits.push(format!("{}:{}: {l}", p.display(), i + 1));
                    }
                }
            }
        }
    }
    let mut hits = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut hits,
    );
    assert!(hits.is_empty(), "{}", hits.join("\n"));
    for args in [
        &["report", "reference", "--set", "nope=1"][..],
        &["report", "no-such-preset"],
        &["export", "--out", "x.bmp"],
        &["prices", "import", "missing.json"],
        &["throughput", "No Such Model", "--gpu", "H100 SXM"],
        &["--bogus"],
    ] {
        let (code, err) = stderr_of(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(!err.contains("Error:"), "{args:?}: {err}");
    }
}

#[test]
fn rent_or_buy_says_when_the_best_switch_buys_later() {
    // Renting wins when both start in month 1, yet the best switch buys in month 7: the report
    // says both, so neither reads as contradicting the other.
    let cfg = TempDir::new().unwrap();
    let text = stdout_of(
        &cfg,
        &[
            "report",
            "reference",
            "--view",
            "timeline",
            "--set",
            "owned.enabled=true",
            "--set",
            "growth.monthly_rate=0.3",
        ],
    );
    assert!(
        text.contains("Best month to switch from the API to the owned fleet: month 7")
            && text.contains("Started together in month 1, renting beats buying over the 24 months")
            && text.contains("Bought from month 7, as the best switch does, the owned fleet costs less than GPUs rented from then."),
        "{text}"
    );
    // When buying already wins from month 1, the later switch adds nothing and is not said.
    let text = stdout_of(
        &cfg,
        &[
            "report",
            "tests/fixtures/presets_2025/chatbot-high-volume.toml",
            "--view",
            "timeline",
            "--set",
            "owned.enabled=true",
            "--set",
            "growth.monthly_rate=0.1",
        ],
    );
    assert!(
        text.contains("to the owned fleet: month 8")
            // In cash (docs/MODEL.md §8.1): only the horizon's month takes back what the
            // servers are still worth.
            && text.contains("buying is ahead of renting from month 24")
            && !text.contains("as the best switch does"),
        "{text}"
    );
}

/// Per-second billing on an offering billed by the hour (docs/MODEL.md §6.6) is flagged; a
/// reservation, billed always on, is not.
#[test]
fn per_second_billing_on_an_hourly_offering_is_flagged() {
    let cfg = TempDir::new().unwrap();
    let run = |gpu: &str| {
        let json = stdout_of(
            &cfg,
            &[
                "report",
                "reference",
                "--gpu",
                gpu,
                "--format",
                "json",
                "--set",
                "self_host.billing=per_second",
            ],
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["warnings"].to_string()
    };
    let hourly = run("H100 SXM@specialist");
    assert!(
        hourly.contains("H100 SXM@specialist")
            && hourly.contains("bills by the hour")
            && hourly.contains("active_hours"),
        "{hourly}"
    );
    // AWS bills per second: nothing to say.
    assert!(!run("H100 SXM@hyperscaler").contains("bills by the hour"));
    // A reservation is billed always on whatever the mode: its own note, not this one (the
    // figures shown are the all-day bill, they understate nothing).
    let reserved = run("H100 SXM@reserved");
    assert!(
        !reserved.contains("bills by the hour") && reserved.contains("billed as always on"),
        "{reserved}"
    );
    // The text report says it too.
    let text = stdout_of(
        &cfg,
        &[
            "report",
            "reference",
            "--gpu",
            "H100 SXM@specialist",
            "--set",
            "self_host.billing=per_second",
        ],
    );
    assert!(text.contains("bills by the hour"), "{text}");
}

/// Billing modes (docs/MODEL.md §6.6) through the real binary: the mode reaches the JSON and
/// the text, and bad `--set` values exit 2 naming the key and the allowed values.
#[test]
fn billing_modes_from_the_command_line() {
    let cfg = TempDir::new().unwrap();
    let json = stdout_of(
        &cfg,
        &[
            "report",
            "reference",
            "--format",
            "json",
            "--set",
            "self_host.billing=per_second",
            "--set",
            "self_host.offering=spot",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["self_host"]["billing"], "per_second");
    assert_eq!(v["self_host"]["offering"], "spot");
    // 10,000 requests × 0.3 s / 0.7 at $2.50/3600 a GPU-second, plus 24 cold starts of 60 s.
    let gpu = 2.5 / 3600.0 * (10_000.0 * 0.3 / 0.7 + 24.0 * 60.0);
    let got = v["self_host"]["gpu_usd_per_day"].as_f64().unwrap();
    assert!((got - gpu).abs() < 1e-9, "{got} vs {gpu}");
    let warnings = v["warnings"].to_string();
    assert!(
        warnings.contains("spot GPUs can be taken back"),
        "{warnings}"
    );
    let text = stdout_of(
        &cfg,
        &[
            "report",
            "reference",
            "--set",
            "self_host.billing=active_hours",
        ],
    );
    assert!(text.contains("billed 10 h a day (active hours)"), "{text}");
    let default = stdout_of(&cfg, &["report", "reference", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&default).unwrap();
    assert_eq!(v["self_host"]["billing"], "always_on");
    assert_eq!(v["self_host"]["offering"], "on_demand");

    for (args, want) in [
        (
            "self_host.billing=hourly",
            "must be one of always_on, active_hours, per_second",
        ),
        ("self_host.active_hours_per_day=0", "allowed > 0 and ≤ 24"),
        (
            "self_host.active_hours_per_day=24.5",
            "allowed > 0 and ≤ 24",
        ),
        (
            "self_host.activ_hours_per_day=8",
            "self_host.active_hours_per_day",
        ),
        ("self_host.offering=auction", "on_demand, reserved, spot"),
    ] {
        let (code, err) = stderr_of(&["report", "reference", "--set", args]);
        assert_eq!(code, 2, "{args}: {err}");
        let key = args.split('=').next().unwrap();
        assert!(err.contains(key) && err.contains(want), "{args}: {err}");
    }
    let (code, err) = stderr_of(&[
        "report",
        "reference",
        "--set",
        "self_host.billing=per_second",
        "--set",
        "self_host.gpu_per_hour=0",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("self_host.gpu_per_second"), "{err}");
}

/// docs/MODEL.md §6.4 in the text report: the cheapest option the constraints exclude says so
/// on its row, and the recommendation is marked.
#[test]
fn report_table_says_the_cheapest_is_excluded() {
    let cfg = TempDir::new().unwrap();
    let out = stdout_of(&cfg, &["report", "privacy-first"]);
    let row = |name: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row in {out}"))
            .to_string()
    };
    assert!(
        row("API").ends_with("<- cheapest, excluded: data must stay in-house"),
        "{out}"
    );
    assert!(row("Self-host").ends_with("<- recommended"), "{out}");
    assert!(!row("Hybrid").contains("<-"), "{out}");
}

/// The break-even shown first is the recommended option's: guide-legal-docs recommends the
/// hybrid, so its break-even (421/day) comes before self-hosting's (365/day), in text and
/// Markdown; a scenario that recommends self-hosting shows only the contract's line.
#[test]
fn report_puts_the_recommended_break_even_first() {
    let cfg = TempDir::new().unwrap();
    let out = stdout_of(&cfg, &["report", "guide-legal-docs"]);
    let hybrid = out
        .find("Break-even    hybrid (recommended): 421 requests/day")
        .unwrap_or_else(|| panic!("no hybrid break-even in {out}"));
    let contract = out
        .find("self-hosting: 365 requests/day")
        .unwrap_or_else(|| panic!("no self-hosting break-even in {out}"));
    assert!(hybrid < contract, "{out}");

    let md = stdout_of(
        &cfg,
        &["report", "guide-legal-docs", "--format", "markdown"],
    );
    let hybrid = md
        .find("**Break-even of the recommended hybrid:** 421 requests/day")
        .unwrap_or_else(|| panic!("no hybrid break-even in {md}"));
    let contract = md
        .find("**Break-even:** 365 requests/day")
        .unwrap_or_else(|| panic!("no contract break-even in {md}"));
    assert!(hybrid < contract, "{md}");

    let own = stdout_of(&cfg, &["report", "privacy-first"]);
    assert!(!own.contains("hybrid (recommended)"), "{own}");
    assert!(own.contains("Break-even    "), "{own}");
}

/// docs/MODEL.md §8.1 from the real binary: with `[owned]` on, the timeline's CSV adds the owned
/// fleet's columns (servers never fewer than the month before) and its JSON the `owned` answers;
/// without it, both read as before.
#[test]
fn timeline_with_the_owned_fleet_in_csv_and_json() {
    let cfg = TempDir::new().unwrap();
    let owned = [
        "--set",
        "owned.enabled=true",
        "--set",
        "growth.monthly_rate=0.3",
        "--set",
        "growth.horizon_months=24",
        "--set",
        "workload.requests_per_day=100000",
    ];
    let mut args = vec!["report", "default", "--view", "timeline", "--format", "csv"];
    args.extend(owned);
    let csv = stdout_of(&cfg, &args);
    // The months, up to the answers' table.
    let months = csv.split("# table: ").next().unwrap();
    let mut lines = months.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        header[9..],
        [
            "owned_usd",
            "cumulative_owned_usd",
            "servers",
            "owned_purchase_usd",
            "owned_depreciation_usd",
            "owned_cash_usd",
            "cumulative_owned_cash_usd"
        ]
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 24);
    let mut servers = 0.0;
    let mut total = 8_000.0;
    let mut cash = 8_000.0;
    for r in &rows {
        assert!(r[11] >= servers, "servers are kept: {r:?}");
        servers = r[11];
        total += r[9];
        cash += r[14];
        // Each cell is rounded to the cent: the sum of rounded months drifts by up to half
        // a cent a month.
        assert!((r[10] - total).abs() < 0.005 * 25.0, "{} vs {total}", r[10]);
        assert!((r[15] - cash).abs() < 0.005 * 25.0, "{} vs {cash}", r[15]);
    }
    // The cash line meets the depreciated one at the horizon (docs/MODEL.md §8.1).
    assert!(
        (rows[23][15] - rows[23][10]).abs() < 0.011,
        "{:?}",
        rows[23]
    );
    assert!(servers > rows[0][11], "servers bought as traffic grows");
    let json_args: Vec<&str> = args
        .iter()
        .map(|a| if *a == "csv" { "json" } else { a })
        .collect();
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&cfg, &json_args)).unwrap();
    let o = &v["owned"];
    for k in [
        "first_month_cheaper",
        "first_month_repaid",
        "first_month_buying_beats_renting",
        "saving_over_renting_usd",
        "purchases_usd",
        "book_value_at_horizon_usd",
    ] {
        assert!(o.get(k).is_some(), "no {k} in {o}");
    }
    let last = &v["months"][23];
    let saving = last["cumulative_self_host_usd"].as_f64().unwrap()
        - last["cumulative_owned_cash_usd"].as_f64().unwrap();
    assert!((o["saving_over_renting_usd"].as_f64().unwrap() - saving).abs() < 1e-6);
    assert!(last["servers"].as_u64().unwrap() >= 1);
    let text = stdout_of(
        &cfg,
        &json_args
            .iter()
            .take(4)
            .chain(owned.iter())
            .copied()
            .collect::<Vec<_>>(),
    );
    assert!(
        text.contains("buying is ahead of renting") || text.contains("renting beats buying"),
        "{text}"
    );
    // Without [owned], the columns and fields are the ones before it.
    let plain = stdout_of(
        &cfg,
        &["report", "default", "--view", "timeline", "--format", "csv"],
    );
    assert!(plain.contains(
        "month,requests_per_day,api_usd,self_host_usd,hybrid_usd,cumulative_api_usd,cumulative_self_host_usd,cumulative_hybrid_usd,replicas\n"
    ));
    let v: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &[
            "report", "default", "--view", "timeline", "--format", "json",
        ],
    ))
    .unwrap();
    assert!(v.get("owned").is_none() && v["months"][0].get("owned_usd").is_none());
}

/// docs/MODEL.md §7.3 from the real binary: `[uncertainty.owned]` ranges give the owned fleet
/// its band and chances in JSON, CSV and text; a range outside its key's range exits 2.
#[test]
fn uncertainty_with_the_owned_fleet() {
    let cfg = TempDir::new().unwrap();
    let preset = cfg.path().join("owned-band.toml");
    std::fs::write(
        &preset,
        "name = \"Owned band\"\n[workload]\nrequests_per_day = 1000000\n[self_host]\nthroughput = \"given\"\n\
         [owned]\nenabled = true\n\
         [uncertainty.owned]\ngpu_purchase_price = [20000, 40000]\n",
    )
    .unwrap();
    let p = preset.to_str().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &["report", p, "--view", "uncertainty", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(v["p_owned_cheaper"], 1.0);
    let cheapest = v["p_owned_cheapest"].as_f64().unwrap();
    assert!((0.38..0.45).contains(&cheapest), "{cheapest}");
    let bands = v["bands"].as_array().unwrap();
    assert_eq!(bands.len(), 256);
    for b in bands {
        let q: Vec<f64> = b["owned"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        assert!(q[0] < q[1] && q[1] < q[2], "{b}");
    }
    let csv = stdout_of(
        &cfg,
        &["report", p, "--view", "uncertainty", "--format", "csv"],
    );
    let header = csv.lines().find(|l| !l.starts_with('#')).unwrap();
    assert!(
        header.ends_with(",hybrid_p90_usd,owned_p10_usd,owned_p50_usd,owned_p90_usd"),
        "{header}"
    );
    let text = stdout_of(&cfg, &["report", p, "--view", "uncertainty"]);
    assert!(
        text.contains("Chance the owned fleet is cheaper than the API there: 100%; that it is the cheapest of the four options: 41"),
        "{text}"
    );
    let bad = cfg.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[owned]\nenabled = true\n[uncertainty.owned]\ndepreciation_months = [0, 10]\n",
    )
    .unwrap();
    let (code, err) = stderr_of(&["report", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.toml:4") && err.contains("uncertainty.owned.depreciation_months"),
        "{err}"
    );
    // guide-legal-docs has ranges but no owned fleet: no owned band or chance.
    let v: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &[
            "report",
            "guide-legal-docs",
            "--view",
            "uncertainty",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert!(v.get("p_owned_cheaper").is_none() && v["bands"][0].get("owned").is_none());
}

/// docs/MODEL.md §8.2 from the real binary: an ops-capacity exclusion that starts as the fleet
/// grows is named with its month in text and JSON, and no switch goes to the excluded option.
#[test]
fn timeline_exclusions_that_start_as_traffic_grows() {
    let cfg = TempDir::new().unwrap();
    let args = [
        "report",
        "reference",
        "--view",
        "timeline",
        "--set",
        "engineering.ops_hours_per_replica_month=5",
        "--set",
        "workload.requests_per_day=100000",
        "--set",
        "growth.monthly_rate=0.3",
    ];
    let text = stdout_of(&cfg, &args);
    assert!(
        text.contains("Self-host excluded from month 8: too few ops hours, as the traffic grows."),
        "{text}"
    );
    assert!(text.contains("Hybrid excluded from month 9"), "{text}");
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&cfg, &json_args)).unwrap();
    assert_eq!(v["best_switch_month"], serde_json::Value::Null);
    let later = v["later_exclusions"].as_array().unwrap();
    assert!(later.iter().any(|e| e["option"] == "self_host"
        && e["from_month"] == 8
        && e["reason"] == "excluded: too few ops hours"));
    // Today's presets have none: the field is absent.
    let v: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &[
            "report",
            "guide-legal-docs",
            "--view",
            "timeline",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert!(v.get("later_exclusions").is_none());
}

/// Texts are bounded where they are read (256 characters for a name, model, GPU, currency or
/// provider; 2,000 for the description), and every format lays out the longest allowed texts
/// without a format width panicking (a 65,530-character model once did).
#[test]
fn long_texts_are_refused_with_the_key_and_the_longest_allowed_ones_report() {
    let cfg = TempDir::new().unwrap();
    for key in [
        "name",
        "currency",
        "api.model",
        "self_host.model",
        "self_host.gpu",
        "hybrid.cheap_model",
    ] {
        let (code, err) = stderr_of(&[
            "report",
            "reference",
            "--set",
            &format!("{key}={}", "a".repeat(257)),
        ]);
        assert_eq!(code, 2, "{key}: {err}");
        assert!(
            err.contains(&format!(
                "{key} is 257 characters long: allowed at most 256"
            )),
            "{key}: {err}"
        );
        assert!(
            err.len() < 600,
            "{key}: the value is echoed cut short: {err}"
        );
    }
    let mut longest = vec!["report".to_string()];
    for key in [
        "name",
        "currency",
        "api.model",
        "self_host.model",
        "self_host.gpu",
    ] {
        longest.extend(["--set".into(), format!("{key}={}", "é".repeat(256))]);
    }
    longest.extend(["--set".into(), format!("description={}", "d".repeat(2000))]);
    for format in ["text", "markdown", "csv", "json"] {
        let mut args: Vec<&str> = longest.iter().map(String::as_str).collect();
        args.extend(["--format", format, "--view", "all"]);
        let out = stdout_of(&cfg, &args);
        assert!(
            format == "csv" || out.contains(&"é".repeat(256)),
            "{format}"
        );
    }
    // A preset's over-long currency is named with its file, line and key (the dashboard
    // once died on it at start).
    let dir = TempDir::new().unwrap();
    let preset = dir.path().join("long.toml");
    std::fs::write(&preset, format!("currency = \"{}\"\n", "c".repeat(70_000))).unwrap();
    let (code, err) = stderr_of(&["report", preset.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("long.toml:1:12: currency is 70000 characters long: allowed at most 256"),
        "{err}"
    );
}

/// A line break in a key from a file cannot print a line that reads as a message of its own,
/// and a huge unknown key is echoed cut to a readable length.
#[test]
fn keys_from_files_cannot_forge_messages_and_are_echoed_short() {
    let dir = TempDir::new().unwrap();
    let forged = dir.path().join("forged.toml");
    std::fs::write(&forged, "\"x\\nerror: forged line\" = 1\n").unwrap();
    let (code, err) = stderr_of(&["report", forged.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error")).count(),
        1,
        "{err}"
    );
    assert!(err.contains("x\\x0aerror: forged line"), "{err}");
    let huge = dir.path().join("huge.toml");
    std::fs::write(&huge, format!("\"{}\" = 1\n", "k".repeat(500_000))).unwrap();
    let (code, err) = stderr_of(&["report", huge.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.len() < 1_000, "{} bytes: {}", err.len(), &err[..300]);
    assert!(err.contains("(500000 characters)"), "{err}");
}

/// Help and the version that cannot be written exit 1, and a failed write names stdout.
#[test]
fn a_failed_write_to_stdout_exits_1_and_says_stdout() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else {
        eprintln!("skipped: no /dev/full");
        return;
    };
    let cfg = TempDir::new().unwrap();
    for args in [
        &["--help"][..],
        &["--version"],
        &["report", "reference"],
        &["presets", "show", "default"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_crossover"))
            .args(args)
            .env("XDG_CONFIG_HOME", cfg.path())
            .env("HOME", cfg.path())
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.starts_with("error: cannot write to stdout:"),
            "{args:?}: {err}"
        );
    }
}

/// `presets show` writes TOML: a preset holding a C1 control or a right-to-left override is
/// shown with TOML's `\uXXXX` escapes, reads back as the same preset, and puts nothing raw on
/// the terminal.
#[test]
fn presets_show_round_trips_control_characters() {
    let cfg = TempDir::new().unwrap();
    let presets = cfg.path().join("crossover/presets");
    std::fs::create_dir_all(&presets).unwrap();
    std::fs::write(
        presets.join("odd.toml"),
        "name = \"a\\u009Bb\\u202Ec\"\n# a comment with \u{9b}\n",
    )
    .unwrap();
    let shown = stdout_of(&cfg, &["presets", "show", "odd"]);
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown:?}"
    );
    let back: toml::Table = toml::from_str(&shown).unwrap();
    assert_eq!(back["name"].as_str(), Some("a\u{9b}b\u{202e}c"));
    // A shipped preset shown through the writer reads back too.
    let shipped = stdout_of(&cfg, &["presets", "show", "default"]);
    assert!(toml::from_str::<toml::Table>(&shipped).is_ok());
}

/// An export whose file name is near the file system's limit still writes (its temporary
/// name is cut to fit), and a Markdown report's chart link keeps spaces and parentheses.
#[test]
fn long_export_names_and_markdown_link_targets() {
    let cfg = TempDir::new().unwrap();
    let dir = TempDir::new().unwrap();
    let out = dir.path().join(format!("{}.svg", "a".repeat(236)));
    stdout_of(&cfg, &["export", "--out", out.to_str().unwrap()]);
    assert!(out.is_file());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let md = stdout_of(
        &cfg,
        &[
            "report",
            "reference",
            "--format",
            "markdown",
            "--chart",
            "my chart (1).png",
        ],
    );
    assert!(
        md.contains("![Daily cost against daily volume](<my chart (1).png>)"),
        "{md}"
    );
}

/// An export that cannot write (a folder crossover may not write in) exits 1, and a folder
/// `--out DIR/` created for a failed export is removed again.
#[test]
fn a_failed_export_exits_1_and_leaves_no_folder_it_made() {
    let cfg = TempDir::new().unwrap();
    let dir = TempDir::new().unwrap();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    std::fs::set_permissions(&ro, perms).unwrap();
    // As root, mode bits do not bind: sysfs refuses new files to root too.
    let ro = if std::fs::write(ro.join("probe"), b"").is_err() {
        ro
    } else if std::fs::write("/sys/crossover-probe", b"").is_err() {
        std::path::PathBuf::from("/sys")
    } else {
        eprintln!("skipped: no folder here refuses writes (neither a 0o555 folder nor /sys)");
        return;
    };
    let out = crossover(&cfg)
        .args(["export", "--out", ro.join("x.svg").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = crossover(&cfg)
        .args([
            "export",
            "--out",
            &format!("{}/", ro.join("new/deeper").display()),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!ro.join("new").exists());
}

/// The Monte Carlo's sample count stops where it still finishes in under 2 s on two cores
/// (benches/engine.rs); asking for more is refused, naming the maximum.
#[test]
fn monte_carlo_samples_stop_at_the_documented_maximum() {
    let (code, err) = stderr_of(&[
        "report",
        "reference",
        "--view",
        "uncertainty",
        "--set",
        "uncertainty.samples=1000000",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("uncertainty.samples"), "{err}");
    assert!(err.contains("200000") || err.contains("200,000"), "{err}");
    // The maximum itself is accepted (the costs view draws no samples: the test stays fast).
    let cfg = TempDir::new().unwrap();
    let out = stdout_of(
        &cfg,
        &["report", "reference", "--set", "uncertainty.samples=200000"],
    );
    assert!(out.contains("Recommendation"), "{out}");
}

/// The cells of one CSV row, a quoted cell (RFC 4180: it may hold commas, its quotes doubled)
/// as one, unquoted.
fn csv_cells(row: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn csv_cells_keep_a_quoted_comma() {
    assert_eq!(
        csv_cells("a,,\"Self-host cannot serve: context window 32,768\",\"say \"\"hi\"\"\""),
        [
            "a",
            "",
            "Self-host cannot serve: context window 32,768",
            "say \"hi\""
        ]
    );
}
