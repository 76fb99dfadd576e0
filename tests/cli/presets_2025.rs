//! The seven presets crossover shipped until December 2026, as a user would have saved them
//! (tests/fixtures/presets_2025), give the figures they gave then: the shipped presets moved to
//! today's models and prices, a user's own file did not move with them. And the `reference`
//! preset gives docs/MODEL.md §5's figures from the real binary.

use crate::common::cli::stdout_of;
use tempfile::TempDir;

/// API, self-hosting and hybrid USD/day, break-even requests/day (cents), replicas: as the
/// binary of 2026-12-07 printed them before the shipped presets changed.
const BEFORE: &[(&str, [f64; 4], u64)] = &[
    (
        "chat-assistant-estimate",
        [306.38, 338.52, 430.44, 331_479.22],
        2,
    ),
    (
        "chatbot-high-volume",
        [627.75, 1_118.03, 1_078.53, f64::NAN],
        11,
    ),
    ("default", [100.00, 153.61, 183.61, 15_361.12], 1),
    ("guide-legal-docs", [150.00, 66.65, 86.65, 222.18], 1),
    (
        "llama-70b-multi-gpu",
        [273.01, 473.44, 582.65, 260_191.15],
        1,
    ),
    (
        "long-documents-kv-bound",
        [700.00, 658.10, 797.42, 24_821.97],
        5,
    ),
    ("privacy-first", [230.00, 335.58, 335.58, 29_180.82], 2),
];

fn figures(cfg: &TempDir, preset: &str) -> ([f64; 4], u64) {
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(cfg, &["report", preset, "--format", "json"])).unwrap();
    let cents =
        |x: &serde_json::Value| x.as_f64().map_or(f64::NAN, |x| (x * 100.0).round() / 100.0);
    (
        [
            cents(&v["api"]["usd_per_day"]),
            cents(&v["self_host"]["usd_per_day"]),
            cents(&v["hybrid"]["usd_per_day"]),
            cents(&v["breakeven_requests_per_day"]),
        ],
        v["self_host"]["replicas"].as_f64().unwrap() as u64,
    )
}

#[test]
fn the_presets_of_2025_give_the_same_figures() {
    let cfg = TempDir::new().unwrap();
    for (name, want, replicas) in BEFORE {
        let path = format!("tests/fixtures/presets_2025/{name}.toml");
        let (got, r) = figures(&cfg, &path);
        let same = got
            .iter()
            .zip(want)
            .all(|(g, w)| g == w || (g.is_nan() && w.is_nan()));
        assert!(
            same && r == *replicas,
            "{name}: {got:?} {r}, before {want:?} {replicas}"
        );
    }
}

#[test]
fn the_reference_preset_gives_the_contracts_figures() {
    let cfg = TempDir::new().unwrap();
    let (got, replicas) = figures(&cfg, "reference");
    assert_eq!(got, [100.00, 153.61, 183.61, 15_361.12]);
    assert_eq!(replicas, 1);
}
