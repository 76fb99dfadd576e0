//! Three tiers and escalation (docs/MODEL.md §6.5) through the real binary: `--cheap`, the keys
//! in `--set`, every report format, and the bad input the key table refuses.

use tempfile::TempDir;

use crate::common::cli::crossover;

/// §6.5's worked example as `--set`s.
const WORKED: &[&str] = &[
    "--set",
    "workload.requests_per_day=100000",
    "--set",
    "workload.local_output_tokens=250",
    "--set",
    "api.cached_input_share=0.5",
    "--set",
    "api.reasoning_output_multiplier=2",
    "--set",
    "hybrid.local_share=0.6",
    "--set",
    "hybrid.cheap_share=30%",
    "--set",
    "hybrid.local_escalation_rate=0.2",
    "--set",
    "hybrid.cheap_escalation_rate=0.1",
];

fn report(args: &[&str]) -> String {
    let cfg = TempDir::new().unwrap();
    let out = crossover(&cfg)
        .args(["report", "reference"])
        .args(WORKED)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_worked_example_in_every_format() {
    let j: serde_json::Value = serde_json::from_str(&report(&["--format", "json"])).unwrap();
    let h = &j["hybrid"];
    let close = |x: &serde_json::Value, y: f64| (x.as_f64().unwrap() - y).abs() < 1e-9;
    assert!(close(&h["usd_per_day"], 383.511_225_188_227_3), "{h}");
    assert!(close(&h["api_usd_per_day"], 229.90));
    let t = &h["tiers"];
    assert!(close(&t["cheap_api_usd_per_day"], 34.65), "{t}");
    assert!(close(&t["frontier_api_usd_per_day"], 195.25));
    assert!(close(&t["frontier_share"], 0.1));
    assert!(close(&t["cheap_requests_per_request"], 0.42));
    assert!(close(&t["frontier_requests_per_request"], 0.142));
    assert_eq!(t["cheap_model"], "GPT-4o mini");
    assert_eq!(t["frontier_model"], "GPT-4o");
    assert_eq!(j["api"]["model"], "GPT-4o");
    assert!(close(&j["api"]["usd_per_day"], 1_375.0));

    let text = report(&[]);
    assert!(
        text.contains("Hybrid (60% local, 30% GPT-4o mini)"),
        "{text}"
    );
    assert!(
        text.contains(
            "frontier GPT-4o $195.25/day (14.2% of requests), cheap GPT-4o mini $34.65/day (42%;"
        ),
        "{text}"
    );
    assert!(text.contains("re-sent: 20% of local answers, 10% of cheap answers"));
    assert!(text.contains("API output billed ×2 (reasoning tokens)"));
    assert!(text.contains("the local model writes 250 output tokens"));
    let md = report(&["--format", "markdown"]);
    assert!(md.contains("| Hybrid | 60% of requests served locally; frontier GPT-4o $195.25/day"));
    let csv = report(&["--format", "csv"]);
    assert!(csv.starts_with("requests_per_day,api_usd_per_day"), "{csv}");
}

#[test]
fn cheap_picks_the_cheap_tier_from_the_catalog() {
    let j: serde_json::Value = serde_json::from_str(&report(&[
        "--cheap",
        "claude haiku 4.5",
        "--format",
        "json",
    ]))
    .unwrap();
    let t = &j["hybrid"]["tiers"];
    assert_eq!(t["cheap_model"], "Claude Haiku 4.5");
    assert_eq!(t["cheap_input_per_mtok"], 1.0, "{t}");
    assert_eq!(t["cheap_output_per_mtok"], 5.0);
    assert_eq!(
        j["api"]["model"], "GPT-4o",
        "--cheap leaves the frontier alone"
    );
    // The pick's source and date are in the report's notes, not only on stderr.
    let w = j["notes"].to_string();
    assert!(w.contains("cheap API tier Claude Haiku 4.5"), "{w}");
}

#[test]
fn bad_tiers_are_refused_with_the_rule() {
    let cfg = TempDir::new().unwrap();
    let run = |args: &[&str]| {
        let out = crossover(&cfg).arg("report").args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["--set", "hybrid.cheap_share=0.5"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("hybrid.cheap_share") && err.contains("is 1.2, above 1"),
        "{err}"
    );
    let (code, err) = run(&["--set", "hybrid.local_escalation_rate=1"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("< 1"), "{err}");
    let (code, err) = run(&["--set", "hybrid.cheap_shar=0.1"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("hybrid.cheap_share"), "did you mean: {err}");
    let (code, err) = run(&["--set", "api.reasoning_output_multiplier=0.5"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("≥ 1"), "{err}");
    let (code, err) = run(&["--cheap", "no such model zz9"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not in the catalog"), "{err}");
}
