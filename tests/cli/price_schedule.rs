//! Dated API prices (`api.price_schedule`, docs/MODEL.md §6.11) through the real binary: a
//! catalog pick carries its entry's schedule, the daily view costs the price in force on the
//! day, the timeline changes price in the month the step starts, every format says so, a saved
//! preset keeps it, and a schedule out of order is refused with its place.

use tempfile::TempDir;

use crate::common::cli::crossover;

/// Seconds since 1970 of a day, for `SOURCE_DATE_EPOCH`.
fn epoch(day: &str) -> String {
    match day {
        "2026-12-07" => "1796601600",
        "2027-02-01" => "1801440000",
        _ => unreachable!(),
    }
    .into()
}

fn report(cfg: &TempDir, day: &str, args: &[&str]) -> String {
    let out = crossover(cfg)
        .env("SOURCE_DATE_EPOCH", epoch(day))
        .arg("report")
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

const PICK: [&str; 2] = ["--api", "Gemini 3.7 Flash"];

#[test]
fn a_picked_schedule_applies_on_its_date() {
    let cfg = TempDir::new().unwrap();
    // 10,000 requests/day of 2,000 + 500 tokens at $0.75/$3.75: $33.75 a day until 2026-12-31.
    let json = |day: &str, view: &str| -> serde_json::Value {
        let args = [&PICK[..], &["--format", "json", "--view", view]].concat();
        serde_json::from_str(&report(&cfg, day, &args)).unwrap()
    };
    let before = json("2026-12-07", "costs");
    assert_eq!(before["api"]["usd_per_day"], 33.75);
    let note = "API price in force on 2026-12-07: $0.75/$3.75 per Mtok in/out (cached $0.075); from 2027-01-01 (timeline month 2): $1.50/$7.50 per Mtok in/out (cached $0.15) (api.price_schedule)";
    assert!(
        before["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == note),
        "{}",
        before["notes"]
    );
    let months = json("2026-12-07", "timeline")["months"].clone();
    let day = |m: usize| months[m]["api_usd"].as_f64().unwrap() / (365.25 / 12.0);
    assert!(
        (day(0) - 33.75).abs() < 1e-9 && (day(1) - 67.5).abs() < 1e-9,
        "{months}"
    );
    // From 2027-01-01 the daily view costs the doubled price.
    let after = json("2027-02-01", "costs");
    assert_eq!(after["api"]["usd_per_day"], 67.5);
    assert!(after["notes"].as_array().unwrap().iter().any(|n| n
        == "API price in force on 2027-02-01: $1.50/$7.50 per Mtok in/out (cached $0.15), scheduled from 2027-01-01; no later price scheduled (api.price_schedule)"));
    for format in ["text", "markdown"] {
        let out = report(
            &cfg,
            "2026-12-07",
            &[&PICK[..], &["--format", format]].concat(),
        );
        assert!(
            out.contains("from 2027-01-01 (timeline month 2): $1.50/$7.50"),
            "{format}: {out}"
        );
    }
    // A model without a schedule says nothing of one.
    let plain = report(&cfg, "2026-12-07", &["--api", "Gemini 3.5 Flash"]);
    assert!(!plain.contains("price_schedule"), "{plain}");
}

#[test]
fn a_saved_preset_keeps_its_schedule_and_a_bad_one_is_refused() {
    let cfg = TempDir::new().unwrap();
    let file = cfg.path().join("gem.toml");
    let step = "price_schedule = [{ from = \"2027-01-01\", input_per_mtok = 1.5, output_per_mtok = 7.5, cached_input_per_mtok = 0.15 }]";
    let text = format!("[api]\nmodel = \"Gemini 3.7 Flash\"\ninput_per_mtok = 0.75\noutput_per_mtok = 3.75\n{step}\n[catalog]\napi_as_of = \"2026-08-13\"\n");
    std::fs::write(&file, &text).unwrap();
    let path = file.to_str().unwrap();
    let saved = crossover(&cfg)
        .args(["presets", "save", "gem", "--from", path])
        .output()
        .unwrap();
    assert!(
        saved.status.success(),
        "{}",
        String::from_utf8_lossy(&saved.stderr)
    );
    let shown = crossover(&cfg)
        .args(["presets", "show", "gem"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains(step));
    let figures = |preset: &str| {
        let v: serde_json::Value =
            serde_json::from_str(&report(&cfg, "2027-02-01", &[preset, "--format", "json"]))
                .unwrap();
        (v["api"].clone(), v["notes"].clone())
    };
    let saved = figures("gem");
    assert_eq!(saved, figures(path));
    assert_eq!(saved.0["usd_per_day"], 67.5);

    let down = text.replace(
        step,
        &format!(
            "{}, {{ from = \"2026-12-01\", input_per_mtok = 1.0, output_per_mtok = 2.0 }}]",
            step.trim_end_matches(']')
        ),
    );
    std::fs::write(&file, down).unwrap();
    let out = crossover(&cfg).args(["report", path]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("{path}:5:"))
            && err.contains("api.price_schedule[1].from")
            && err.contains("dates must ascend"),
        "{err}"
    );
    std::fs::write(&file, text.replace("2027-01-01", "2026-08-01")).unwrap();
    let out = crossover(&cfg).args(["report", path]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("api.price_schedule[0].from")
            && err.contains("allowed a date on or after 2026-08-13"),
        "{err}"
    );
}
