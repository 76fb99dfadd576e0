//! One assessment on every surface (docs/MODEL.md §6.4): an option that cannot serve the
//! requests is never recommended or marked cheapest, a failed estimate is not replaced by given
//! rates, the payback shown is the recommended option's, and warnings and notes stay apart.
//! Each test is a defect of the report as it was, run with the real binary.

use serde_json::Value;
use tempfile::TempDir;

use crate::common::cli::stdout_of;

/// `crossover report ARGS --format FORMAT`.
fn report(args: &[&str], format: &str) -> String {
    let cfg = TempDir::new().unwrap();
    let mut all = vec!["report"];
    // Without a preset, the contract's reference scenario (the old default).
    if args.first().is_none_or(|a| a.starts_with("--")) {
        all.push("reference");
    }
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", format]);
    stdout_of(&cfg, &all)
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&report(args, "json")).unwrap()
}

/// 60,000 + 3,000 tokens per request on Mixtral 8x7B (a 32,768-token context) at 2M a day:
/// self-hosting is the cheapest, but cannot serve.
const MIXTRAL_63K: &[&str] = &[
    "--set",
    "self_host.model=Mixtral 8x7B",
    "--set",
    "self_host.gpus_per_replica=2",
    "--set",
    "workload.input_tokens=60000",
    "--set",
    "workload.output_tokens=3000",
    "--set",
    "workload.requests_per_day=2000000",
];

#[test]
fn an_option_that_cannot_serve_is_never_recommended_or_marked_cheapest() {
    let j = json(MIXTRAL_63K);
    assert_eq!(
        j["cheapest"], "self_host",
        "the contract's field keeps its rule"
    );
    assert_eq!(j["self_host"]["feasible"], false);
    assert_eq!(j["hybrid"]["feasible"], false);
    assert_eq!(j["allowed"]["self_host"]["allowed"], false);
    assert_eq!(
        j["allowed"]["self_host"]["reason"],
        "cannot serve: context window 32,768 < 63,000 tokens"
    );
    assert_eq!(j["recommendation"]["choice"], "api");
    assert_eq!(j["cheapest_allowed"], "api");
    let text = report(MIXTRAL_63K, "text");
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("Self-host (Mixtral"))
        .unwrap();
    assert!(!line.contains("cheapest"), "{line}");
    assert!(line.ends_with("<- cannot serve: context window 32,768 < 63,000 tokens"));
    assert!(text.contains("Recommendation: API"), "{text}");
    let md = report(MIXTRAL_63K, "markdown");
    assert!(!md.contains("(cheapest)"), "{md}");
    assert!(md.contains("**API (GPT-4o)** (recommended)"), "{md}");
}

/// One exceeded window, one warning: said once, in one number format.
#[test]
fn an_exceeded_context_window_is_warned_about_once() {
    let j = json(MIXTRAL_63K);
    let about: Vec<&Value> = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w.as_str().unwrap().contains("32,768") || w.as_str().unwrap().contains("32768"))
        .collect();
    assert_eq!(about.len(), 1, "{about:?}");
    let j = json(&["--set", "api.context_window=1000"]);
    let about: Vec<&Value> = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w.as_str().unwrap().contains("1,000") || w.as_str().unwrap().contains("1000"))
        .collect();
    assert_eq!(about.len(), 1, "{about:?}");
}

/// The API refuses requests longer than its window: then it is not feasible, nor the hybrid
/// that sends some requests to it.
#[test]
fn a_context_window_set_by_hand_makes_the_api_unable_to_serve() {
    let j = json(&["--set", "api.context_window=1000"]);
    assert_eq!(j["api"]["feasible"], false);
    assert_eq!(j["allowed"]["api"]["allowed"], false);
    assert_eq!(
        j["allowed"]["api"]["reason"],
        "cannot serve: API input limit 1,000 < 2,000 input tokens"
    );
    assert_eq!(j["hybrid"]["feasible"], false);
    assert_eq!(j["recommendation"]["choice"], "self_host");
}

/// The estimate of Llama 3.1 70B at fp8 on one H100 cannot hold a 63,000-token request: the
/// given 20,000 / 2,500 tok/s (the default preset's, for an 8B model) must not stand in.
#[test]
fn a_failed_estimate_leaves_self_hosting_unable_to_serve() {
    let args = [
        "--set",
        "self_host.model=Llama 3.1 70B",
        "--set",
        "self_host.precision=fp8",
        "--set",
        "self_host.throughput=estimate",
        "--set",
        "workload.input_tokens=60000",
        "--set",
        "workload.output_tokens=3000",
        "--set",
        "workload.requests_per_day=2000",
    ];
    let j = json(&args);
    assert_eq!(j["self_host"]["feasible"], false);
    let reason = j["allowed"]["self_host"]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("cannot serve: the model does not fit on 1 GPU per replica"),
        "{reason}"
    );
    assert_ne!(j["recommendation"]["choice"], "self_host");
    let first = j["warnings"][0].as_str().unwrap();
    assert!(
        first.starts_with("Self-host cannot serve these requests: the model does not fit"),
        "{first}"
    );
    let md = report(&args, "markdown");
    assert!(
        md.contains("no throughput estimate, so it cannot serve"),
        "the Assumptions row says which rates are in force: {md}"
    );
    // The exported chart's side panel says the given rates it lists are for reference only
    // (tall enough to list the throughput under the blocker).
    let cfg = TempDir::new().unwrap();
    let svg = cfg.path().join("c.svg");
    let mut all = vec!["export", "reference", "--height", "1400"];
    all.extend(["--out", svg.to_str().unwrap()]);
    all.extend_from_slice(&args);
    stdout_of(&cfg, &all);
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("20k prefill · 2.5k decode tok/s"), "{svg}");
    assert!(
        svg.contains("given rates, for reference only: no estimate"),
        "{svg}"
    );
}

/// Nothing can serve: no choice, a blocker first, and every format says so.
#[test]
fn when_nothing_can_serve_every_format_says_so() {
    let mut args = MIXTRAL_63K.to_vec();
    args.extend(["--set", "api.context_window=1000"]);
    let j = json(&args);
    assert!(j["recommendation"]["choice"].is_null(), "{j}");
    assert!(j["cheapest_allowed"].is_null());
    assert!(j["recommended_payback_months"].is_null());
    let said = "None of the options can serve these requests";
    assert!(j["warnings"][0].as_str().unwrap().starts_with(said));
    let blocker = &j["findings"][0];
    assert_eq!(
        (&blocker["severity"], &blocker["kind"]),
        (&Value::from("blocker"), &Value::from("none_can_serve"))
    );
    for format in ["text", "markdown", "csv"] {
        let out = report(&args, format);
        assert!(out.contains(said), "{format}: {out}");
    }
}

/// The guide preset of 2025 (as a user saved it) recommends the hybrid: the payback beside it
/// is the hybrid's (0.78 months), the contract's `payback_months` stays self-hosting's (0.60).
#[test]
fn the_payback_beside_a_recommended_hybrid_is_its_own() {
    const GUIDE_2025: &str = "tests/fixtures/presets_2025/guide-legal-docs.toml";
    let j = json(&[GUIDE_2025]);
    assert_eq!(j["recommendation"]["choice"], "hybrid");
    let own = j["recommended_payback_months"].as_f64().unwrap();
    let contract = j["payback_months"].as_f64().unwrap();
    assert!((own - 0.776).abs() < 1e-3, "{own}");
    assert!((contract - 0.599).abs() < 1e-3, "{contract}");
    let text = report(&[GUIDE_2025], "text");
    assert!(
        text.contains("Payback       hybrid (recommended): 0.78 months"),
        "{text}"
    );
}

/// Self-hosting is excluded (frontier quality) yet cheapest: the Markdown report must not bold
/// it as the cheapest, and "At other scales" names the cheapest allowed option.
#[test]
fn markdown_never_bolds_an_excluded_option_as_cheapest() {
    let md = report(&["guide-legal-docs"], "markdown");
    assert!(!md.contains("** (cheapest)"), "{md}");
    assert!(
        md.contains("(cheapest, excluded: needs frontier quality)"),
        "{md}"
    );
    assert!(md.contains("** (recommended)"), "{md}");
    let scales = &md[md.find("## At other scales").unwrap()..];
    let table = &scales[..scales.find("\n\n## ").unwrap()];
    assert!(table.contains("Cheapest allowed"), "{table}");
    assert!(!table.contains("| Self-host |\n"), "{table}");
}

/// Where the figures come from is a note, apart from what is wrong: JSON `notes`, and a
/// "Sources and assumptions" section after the figures in text and Markdown.
#[test]
fn notes_are_apart_from_warnings() {
    let args = ["--api", "GPT-4o"];
    let j = json(&args);
    let notes = j["notes"].to_string();
    assert!(notes.contains("API model GPT-4o"), "{notes}");
    assert!(!j["warnings"].to_string().contains("API model GPT-4o"));
    let text = report(&args, "text");
    let sources = text.find("Sources and assumptions").unwrap();
    assert!(text.find("API model GPT-4o").unwrap() > sources, "{text}");
}

/// A pick is sized for the scenario after every `--set` (63,000-token requests need 2 H100s
/// for Llama 3.1 70B at fp8, not the 1 that 2,500-token requests need), and a key the user
/// sets keeps the user's value, with a note.
#[test]
fn picks_are_sized_after_every_set_and_explicit_keys_are_kept() {
    let sized = [
        "--local",
        "Llama 3.1 70B@fp8",
        "--set",
        "workload.input_tokens=60000",
        "--set",
        "workload.output_tokens=3000",
        "--set",
        "workload.requests_per_day=2000",
    ];
    let j = json(&sized);
    let per_replica =
        j["self_host"]["gpus"].as_f64().unwrap() / j["self_host"]["replicas"].as_f64().unwrap();
    assert_eq!(per_replica, 2.0, "{j}");
    let notes = j["notes"].to_string();
    assert!(notes.contains("→ 2 × H100 80GB per replica"), "{notes}");
    assert!(
        notes.contains("60000 input + 3000 output tokens"),
        "{notes}"
    );
    assert_eq!(j["self_host"]["feasible"], true);
    let mut kept = sized.to_vec();
    kept.extend(["--set", "self_host.gpus_per_replica=1"]);
    let j = json(&kept);
    assert_eq!(
        j["self_host"]["gpus"], j["self_host"]["replicas"],
        "1 per replica"
    );
    assert!(j["notes"]
        .to_string()
        .contains("kept your --set self_host.gpus_per_replica = 1 (the pick would set 2)"));
    assert_eq!(j["self_host"]["feasible"], false, "70B at fp8 on one H100");
}

/// The cheap tier's model is checked like the API's, from its catalog entry in use: Llama 3.1
/// 8B at Cerebras takes 32,768 tokens, so 40,000 + 500 cannot go to it, and a hybrid with a
/// cheap share cannot serve, while the API (GPT-4o, 128,000) and self-hosting can.
#[test]
fn the_cheap_tier_model_window_is_checked() {
    let args = [
        "--cheap",
        "Llama 3.1 8B (Cerebras)",
        "--set",
        "hybrid.cheap_share=0.2",
        "--set",
        "workload.input_tokens=40000",
        "--set",
        "workload.output_tokens=500",
    ];
    let j = json(&args);
    assert_eq!(
        j["allowed"]["hybrid"]["reason"],
        "cannot serve: the cheap tier's context window 32,768 < 40,500 tokens"
    );
    assert_eq!(j["hybrid"]["feasible"], false);
    assert_eq!(j["allowed"]["api"]["allowed"], true);
    assert_eq!(j["allowed"]["self_host"]["allowed"], true);
    // Without a cheap share the tier is not used, and nothing is refused.
    let j = json(&args[..2]);
    assert_eq!(j["allowed"]["hybrid"]["allowed"], true);
}

/// `--set self_host.throughput=estimate` on a file whose given rates carry `[uncertainty]`
/// ranges drops those ranges, and a note says so (it was an error); the rates' other ranges
/// stay. The same file saying both is still an error naming both keys.
#[test]
fn a_switch_to_the_estimate_drops_the_ranges_on_the_given_rates() {
    const GUIDE_2025: &str = "tests/fixtures/presets_2025/guide-legal-docs.toml";
    let j = json(&[GUIDE_2025, "--set", "self_host.throughput=estimate"]);
    let notes: Vec<&str> = j["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        notes.contains(&crossover::wording::RANGES_DROPPED),
        "{notes:?}"
    );
    assert!(!j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("dropped")));
    let dir = TempDir::new().unwrap();
    let both = dir.path().join("both.toml");
    let text = std::fs::read_to_string(GUIDE_2025).unwrap().replacen(
        "[self_host]\n",
        "[self_host]\nthroughput = \"estimate\"\n",
        1,
    );
    std::fs::write(&both, text).unwrap();
    let (code, err) = crate::common::cli::stderr_of(&["report", both.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("both.toml:78:")
            && err.contains("uncertainty.self_host.decode_tokens_per_second")
            && err.contains("self_host.throughput = \"estimate\""),
        "{err}"
    );
}

/// `compare` ranks at the volume the recommended option serves locally: the guide recommends
/// the hybrid, whose local share is 13/15 of 500 requests/day; the default preset recommends
/// the API, and the ranking is at the full volume.
#[test]
fn compare_ranks_at_the_recommended_options_local_volume() {
    let cfg = TempDir::new().unwrap();
    let run = |preset: &str| -> Value {
        serde_json::from_str(&stdout_of(&cfg, &["compare", preset, "--format", "json"])).unwrap()
    };
    let guide = json(&["guide-legal-docs"]);
    assert_eq!(guide["recommendation"]["choice"], "hybrid");
    // presets/guide-legal-docs.toml: hybrid.local_share = 0.8666666666666667.
    let share = 0.866_666_666_666_666_7;
    let j = run("guide-legal-docs");
    assert_eq!(j["recommended"], "hybrid");
    assert_eq!(j["scenario_requests_per_day"], 500.0);
    let v = j["requests_per_day"].as_f64().unwrap();
    assert!((v - 500.0 * share).abs() < 1e-9, "{v}");
    let text = stdout_of(&cfg, &["compare", "guide-legal-docs"]);
    assert!(
        text.contains("at 433 requests/day (the recommended hybrid's local share of 500)"),
        "{text}"
    );
    let j = run("default");
    assert_eq!(j["recommended"], "api");
    assert_eq!(j["requests_per_day"], j["scenario_requests_per_day"]);
}

/// No chart marks the break-even of an option that cannot serve: with Mixtral at 63k tokens,
/// self-hosting's break-even (the contract's field keeps it) is neither the recommended one
/// nor drawn in the exported SVG (it was: "break-even 1,220/day").
#[test]
fn no_chart_marks_the_breakeven_of_an_option_that_cannot_serve() {
    let j = json(MIXTRAL_63K);
    assert!(j["breakeven_requests_per_day"].is_number(), "{j}");
    assert_eq!(j["recommended_breakeven_requests_per_day"], Value::Null);
    let cfg = TempDir::new().unwrap();
    let svg = cfg.path().join("c.svg");
    let mut args = vec!["export", "reference", "--out", svg.to_str().unwrap()];
    args.extend_from_slice(MIXTRAL_63K);
    stdout_of(&cfg, &args);
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("cannot serve"), "the reason is drawn");
    assert!(!svg.contains("break-even"), "{svg}");
    // Nor its crossing with the API (it drew "crossing 1.2k/day" and a dot).
    assert!(
        j["crossings"].as_array().is_some_and(|c| !c.is_empty()),
        "{j}"
    );
    assert!(!svg.contains("crossing"), "{svg}");
    assert!(!svg.contains("<circle"), "{svg}");
}

/// The HTML meeting report (`export --out FILE.html`) renders the assessment the Markdown
/// report renders: its verdict and reasons, every option's row with its cost and why it may
/// not be taken, the blockers and warnings, break-even and payback are the Markdown's words,
/// in the Markdown's order. One export and one report, with an option that cannot serve.
#[test]
fn the_html_report_says_what_the_markdown_report_says() {
    let cfg = TempDir::new().unwrap();
    let page = cfg.path().join("r.html");
    let mut args = vec!["export", "reference", "--out", page.to_str().unwrap()];
    args.extend_from_slice(MIXTRAL_63K);
    stdout_of(&cfg, &args);
    let html = crate::export::html_text(&std::fs::read_to_string(&page).unwrap());
    let md = report(MIXTRAL_63K, "markdown");
    let wanted: Vec<String> = md
        .lines()
        .filter(|l| {
            ["**Verdict", "- ", "> **Warning", "| "]
                .iter()
                .any(|p| l.starts_with(p))
                && !l.starts_with("|---")
        })
        .flat_map(|l| l.split(" | ").map(crate::export::markdown_text))
        .filter(|t| !t.is_empty())
        .collect();
    assert!(wanted.iter().any(|t| t.contains("cannot serve")), "{md}");
    assert!(wanted.iter().any(|t| t.starts_with("Break-even:")), "{md}");
    assert!(wanted.iter().any(|t| t.starts_with("Payback")), "{md}");
    let mut from = 0;
    for t in &wanted {
        match html[from..].find(t.as_str()) {
            Some(at) => from += at + t.len(),
            None => panic!("the HTML lacks {t:?} (in order) after byte {from}"),
        }
    }
}

/// `crossover export` draws the assessment `report` prints: the catalog's context window of
/// GPT-4o (128,000) binds at 129,000 + 500 tokens, so the chart marks the API and the hybrid
/// "cannot serve" and its side panel lists the blocker. It drew the API as an option that
/// could (the chart's scenario was not resolved against the catalog).
#[test]
fn the_exported_chart_says_what_the_report_says() {
    let args = [
        "--set",
        "workload.input_tokens=129000",
        "--set",
        "workload.output_tokens=500",
        "--set",
        "workload.requests_per_day=100000",
    ];
    let j = json(&args);
    assert_eq!(j["allowed"]["api"]["allowed"], false, "{j}");
    let cfg = TempDir::new().unwrap();
    let svg = cfg.path().join("c.svg");
    let mut all = vec!["export", "reference", "--out", svg.to_str().unwrap()];
    all.extend_from_slice(&args);
    stdout_of(&cfg, &all);
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("API cannot serve these requests:"), "{svg}");
    assert_eq!(
        svg.matches(">cannot serve:<").count(),
        2,
        "API and hybrid: {svg}"
    );
    assert!(svg.contains("Verdict: Self-host"), "{svg}");
}

/// A flip row that flips because today's option stops being able to serve says so (review
/// finding 4(d)): Mixtral (a 32,768-token context) at 28,000 + 3,000 tokens is self-hosted;
/// above 29,768 input tokens the requests no longer fit its window, so the answer flips there
/// whatever the costs (at 29,768.02, the shortest decimal past the threshold). The row said
/// "API (cost)".
#[test]
fn a_flip_past_a_context_window_says_cannot_serve() {
    let args = [
        "--set",
        "self_host.model=Mixtral 8x7B",
        "--set",
        "self_host.gpus_per_replica=2",
        "--set",
        "workload.input_tokens=28000",
        "--set",
        "workload.output_tokens=3000",
        "--set",
        "workload.requests_per_day=2000000",
    ];
    let j = json(&args);
    assert_eq!(j["recommendation"]["choice"], "self_host", "{j}");
    let rows = j["flips"].as_array().unwrap();
    let row = |key: &str| {
        rows.iter()
            .find(|r| r["key"] == key && r["above"].is_number())
            .unwrap_or_else(|| panic!("no {key} row above: {rows:?}"))
    };
    let input = row("workload.input_tokens");
    let above = input["above"].as_f64().unwrap();
    assert!(above > 29_768.0 && above < 29_768.1, "{input}");
    assert_eq!(
        input["cannot_serve"],
        serde_json::json!({
            "option": "self_host",
            "kind": "local_window",
            "text": "Self-host cannot serve: context window 32,768"
        }),
        "{input}"
    );
    // A flip on cost says no cause: the volume's row.
    let volume = rows
        .iter()
        .find(|r| r["key"] == "workload.requests_per_day")
        .unwrap();
    assert_eq!(volume["cannot_serve"], Value::Null, "{volume}");
    assert_eq!(input["to"], "api", "{input}");
    let to = "API (Self-host cannot serve: context window 32,768)";
    let text = report(&args, "text");
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("Input tokens") && l.contains("above 29,768"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains(to), "{line}");
    let md = report(&args, "markdown");
    assert!(md.contains(&format!("| {to} |")), "{md}");
    // The CSV's flip table says it in the same words (review: it carried the kind only).
    let mut sensitivity = args.to_vec();
    sensitivity.extend(["--view", "sensitivity"]);
    let csv = report(&sensitivity, "csv");
    let row = csv
        .lines()
        .find(|l| l.starts_with("workload.input_tokens,") && l.contains(",local_window,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        row.ends_with(",self_host,local_window,\"Self-host cannot serve: context window 32,768\""),
        "{row}"
    );
}
