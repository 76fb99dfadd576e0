//! The fleet ranking prices rented self-hosting setups; when the scenario's constraints exclude
//! self-hosting, the Fleet tab and `crossover compare` say so plainly, with the reason.

use crate::common::cli::stdout_of;
use crate::common::ui::{Ui, DEFAULT_2025, GUIDE_2025};
use ratatui::crossterm::event::KeyCode;
use tempfile::TempDir;

const NOTE: &str = "The constraints exclude self-hosting in this scenario (needs frontier \
    quality): these rented setups are priced for comparison only; the hybrid's local share may \
    still run on one of them.";

#[test]
fn the_fleet_tab_says_self_hosting_is_excluded_and_why() {
    let mut ui = Ui::new(GUIDE_2025, 120, 40);
    ui.key(KeyCode::BackTab);
    assert_eq!(ui.app.tab, crossover::tui::app::Tab::Fleet);
    // The note is wrapped over lines of the panel: compare without the line breaks and borders.
    let flat: String = ui
        .screen_text()
        .lines()
        .filter_map(|l| l.split("││").nth(1))
        .map(|l| l.trim_end_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains(&format!("⚠ {NOTE}")), "{}", ui.screen_text());
    // The hybrid is recommended: the ranking is at its local share, 13/15 of 500 a day, as
    // `crossover compare` ranks it.
    assert!(
        flat.contains("Ranked at the recommended hybrid's local share: 433 of 500 req/day."),
        "{flat}"
    );
    let ranked = ui.app.fleet.ranking().unwrap().comparison.requests_per_day;
    assert!(
        (ranked - 500.0 * 0.866_666_666_666_666_7).abs() < 1e-9,
        "{ranked}"
    );
    insta::assert_snapshot!("fleet_tab_self_hosting_excluded_120x40", ui.term.backend());
    // The default scenario allows self-hosting: no note.
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(KeyCode::BackTab);
    assert!(!ui.screen_text().contains("constraints exclude"));
}

#[test]
fn compare_says_self_hosting_is_excluded_in_every_format() {
    let cfg = TempDir::new().unwrap();
    let text = stdout_of(&cfg, &["compare", "guide-legal-docs"]);
    assert!(text.contains(&format!("\n\nNote: {NOTE}\n\n")), "{text}");
    let md = stdout_of(
        &cfg,
        &["compare", "guide-legal-docs", "--format", "markdown"],
    );
    assert!(md.contains(&format!("> **Note:** {NOTE}\n")), "{md}");
    let v: serde_json::Value = serde_json::from_str(&stdout_of(
        &cfg,
        &["compare", "guide-legal-docs", "--format", "json"],
    ))
    .unwrap();
    assert!(
        v["warnings"].as_array().unwrap().iter().any(|w| w == NOTE),
        "{}",
        v["warnings"]
    );
    // The CSV gives it as the report's CSV gives its warnings, before the header.
    let csv = stdout_of(&cfg, &["compare", "guide-legal-docs", "--format", "csv"]);
    assert!(
        csv.starts_with(&format!("# warning: {NOTE}\ngpu,offering,")),
        "{csv}"
    );
    // Allowed: no such note anywhere.
    let text = stdout_of(&cfg, &["compare"]);
    assert!(!text.contains("constraints exclude"), "{text}");
    let csv = stdout_of(&cfg, &["compare", "--format", "csv"]);
    assert!(csv.starts_with("gpu,offering,"), "{csv}");
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(&cfg, &["compare", "--format", "json"])).unwrap();
    // The estimate's statement and the W8A16 note (fp8 on GPUs without fp8 tensor cores), no
    // exclusion.
    let ws = v["warnings"].as_array().unwrap();
    assert_eq!(ws.len(), 2, "{ws:?}");
    assert!(ws
        .iter()
        .all(|w| !w.as_str().unwrap().contains("constraints exclude")));
}

#[test]
fn enter_applies_a_configuration_even_with_throughput_ranges() {
    // guide-legal-docs has [uncertainty] ranges on its typed throughput; applying a fleet row
    // switches to the estimate, which drops them (and says so) instead of refusing the row.
    let mut ui = Ui::new(GUIDE_2025, 160, 48);
    ui.key(KeyCode::BackTab);
    let before = ui.app.scenario.clone();
    ui.key(KeyCode::Enter);
    let status = ui.app.status.as_ref().expect("a status line");
    assert!(!status.error, "{}", status.text);
    assert!(
        status.text.contains("ranges on the typed prefill/decode"),
        "{}",
        status.text
    );
    assert_ne!(ui.app.scenario, before);
    ui.key(KeyCode::Char('u'));
    assert_eq!(ui.app.scenario, before);
}
