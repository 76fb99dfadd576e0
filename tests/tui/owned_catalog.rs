//! The owned fleet's purchase price and power per GPU follow the scenario's GPU in the catalog
//! unless the user sets them (docs/MODEL.md §6.9): the real binary and the dashboard, as a user
//! drives them.

use crate::common::cli::{crossover, stdout_of};
use crate::common::ui::{Ui, DEFAULT_2025};
use ratatui::crossterm::event::KeyCode::{self, Enter};
use serde_json::Value;
use tempfile::TempDir;

fn json(args: &[&str]) -> Value {
    let cfg = TempDir::new().unwrap();
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&stdout_of(&cfg, &all)).unwrap()
}

#[test]
fn report_with_an_l4_buys_l4s_at_the_catalog_price_and_power() {
    let cfg = TempDir::new().unwrap();
    let text = stdout_of(
        &cfg,
        &["report", "--gpu", "L4", "--set", "owned.enabled=true"],
    );
    assert!(
        text.contains("GPU purchase price $2,500.00/GPU (catalog: L4@purchase, an estimate;"),
        "{text}"
    );
    assert!(
        text.contains(
            "power 72 W/GPU (catalog: L4 board power; https://www.nvidia.com/en-us/data-center/l4/"
        ),
        "{text}"
    );
    let v = json(&["report", "--gpu", "L4", "--set", "owned.enabled=true"]);
    let o = &v["owned"];
    assert_eq!(o["gpu_purchase_price"], 2500.0);
    assert_eq!(o["power_per_gpu_watts"], 72.0);
    assert_eq!(o["gpu_purchase_price_from"]["from"], "catalog");
    assert_eq!(o["gpu_purchase_price_from"]["entry"], "L4@purchase");
    assert_eq!(o["power_per_gpu_watts_from"]["as_of"], "2023-03");
    // One server of 8 L4s: 8 · 2,500 · 1.25 / 36 / 30.4375 of depreciation a day, and
    // 8 · 0.072 kW · 1.4 · 24 h · $0.12 of power.
    let dep = 8.0 * 2_500.0 * 1.25 / 36.0 / (365.25 / 12.0);
    assert!((o["depreciation_usd_per_day"].as_f64().unwrap() - dep).abs() < 1e-9);
    let power = 8.0 * 0.072 * 1.4 * 24.0 * 0.12;
    assert!((o["power_usd_per_day"].as_f64().unwrap() - power).abs() < 1e-9);
}

#[test]
fn a_price_set_stays_when_the_gpu_changes_and_the_power_still_follows() {
    let args = [
        "report",
        "--set",
        "owned.gpu_purchase_price=20000",
        "--gpu",
        "L4",
        "--set",
        "owned.enabled=true",
    ];
    let cfg = TempDir::new().unwrap();
    let text = stdout_of(&cfg, &args);
    assert!(
        text.contains("GPU purchase price $20,000.00/GPU (set); power 72 W/GPU (catalog:"),
        "{text}"
    );
    let v = json(&args);
    assert_eq!(v["owned"]["gpu_purchase_price"], 20000.0);
    assert_eq!(v["owned"]["gpu_purchase_price_from"]["from"], "set");
    // In a preset file too.
    let dir = TempDir::new().unwrap();
    let preset = dir.path().join("mine.toml");
    std::fs::write(
        &preset,
        "[owned]\nenabled = true\npower_per_gpu_watts = 90\n[self_host]\ngpu = \"L40S\"\n",
    )
    .unwrap();
    let v = json(&["report", preset.to_str().unwrap()]);
    assert_eq!(v["owned"]["power_per_gpu_watts"], 90.0);
    assert_eq!(v["owned"]["power_per_gpu_watts_from"]["from"], "set");
    assert_eq!(v["owned"]["gpu_purchase_price"], 8500.0, "the L40S's");
}

#[test]
fn the_default_gpu_gives_the_same_owned_costs_as_before() {
    let on = ["report", "--set", "owned.enabled=true"];
    let followed = json(&on);
    let mut set = on.to_vec();
    set.extend([
        "--set",
        "owned.gpu_purchase_price=30000",
        "--set",
        "owned.power_per_gpu_watts=700",
    ]);
    let fixed = json(&set);
    for k in ["usd_per_day", "purchase_usd", "power_usd_per_day"] {
        assert_eq!(followed["owned"][k], fixed["owned"][k], "{k}");
    }
    assert_eq!(
        followed["owned"]["gpu_purchase_price_from"]["entry"],
        "H100 SXM@purchase"
    );
}

#[test]
fn a_gpu_not_in_the_catalog_keeps_the_defaults_and_warns() {
    let v = json(&[
        "report",
        "--set",
        "self_host.gpu=\"My ASIC\"",
        "--set",
        "owned.enabled=true",
    ]);
    assert_eq!(v["owned"]["gpu_purchase_price"], 30000.0);
    assert_eq!(v["owned"]["power_per_gpu_watts"], 700.0);
    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "owned.gpu_purchase_price: \"My ASIC\" is not in the catalog, so the owned fleet keeps the default $30,000.00/GPU"
        )),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("owned.power_per_gpu_watts: \"My ASIC\" is not in the catalog")),
        "{warnings:?}"
    );
    // Without the owned fleet, no word about it.
    let v = json(&["report", "--set", "self_host.gpu=\"My ASIC\""]);
    assert!(!v["warnings"].to_string().contains("owned."), "{v}");
}

#[test]
fn a_saved_preset_keeps_followed_figures_following() {
    let cfg = TempDir::new().unwrap();
    assert!(crossover(&cfg)
        .args([
            "presets",
            "save",
            "l4box",
            "--from",
            "reference",
            "--set",
            "owned.enabled=true",
        ])
        .output()
        .unwrap()
        .status
        .success());
    let shown = stdout_of(&cfg, &["presets", "show", "l4box"]);
    assert!(
        shown.contains(
            "# gpu_purchase_price = 30000.0  (follows the catalog's H100 80GB; uncomment to fix it)"
        ),
        "{shown}"
    );
    let out = stdout_of(
        &cfg,
        &["report", "l4box", "--gpu", "L4", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["owned"]["gpu_purchase_price"], 2500.0);
}

fn row_text(ui: &Ui, label: &str) -> String {
    ui.screen_text()
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no row {label:?} on screen:\n{}", ui.screen_text()))
        .to_string()
}

#[test]
fn picking_a_gpu_moves_the_owned_rows_and_one_undo_moves_them_back() {
    let mut ui = Ui::new(DEFAULT_2025, 160, 48);
    ui.go_to("owned.enabled");
    ui.key(KeyCode::Char(' '));
    assert!(ui.app.scenario.owned.enabled);
    ui.go_to("owned.gpu_purchase_price");
    let row = row_text(&ui, "GPU purchase price");
    assert!(
        row.contains("GPU purchase price (catalog)") && row.contains("$30,000.00/GPU"),
        "{row}"
    );
    ui.key(KeyCode::Char('g'));
    ui.type_text("L4");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.self_host.gpu, "L4");
    // The status line says so (after the pick's own note, which the screen may cut).
    let status = ui.app.status.clone().unwrap().text;
    assert!(
        status.ends_with("; owned fleet: $2,500.00/GPU to buy (catalog), 72 W/GPU (catalog)"),
        "{status}"
    );
    assert!(row_text(&ui, "GPU purchase price").contains("$2,500.00/GPU"));
    assert!(row_text(&ui, "Power per GPU").contains("72 W"));
    // `w` shows where they came from in full.
    ui.key(KeyCode::Char('w'));
    let why = ui.screen_text();
    assert!(
        why.contains("Owned fleet inputs")
            && why.contains("GPU purchase price $2,500.00/GPU (catalog: L4@purchase, an"),
        "{why}"
    );
    ui.key(KeyCode::Esc);
    // One undo: the GPU and both figures.
    ui.key(KeyCode::Char('u'));
    assert_eq!(ui.app.scenario.self_host.gpu, "H100 80GB");
    assert_eq!(ui.app.scenario.owned.gpu_purchase_price, 30_000.0);
    assert_eq!(ui.app.scenario.owned.power_per_gpu_watts, 700.0);
    assert!(row_text(&ui, "GPU purchase price").contains("$30,000.00/GPU"));

    // Enter on the untouched editor changes nothing: it still follows.
    ui.go_to("owned.gpu_purchase_price");
    ui.key(Enter);
    ui.key(Enter);
    assert!(row_text(&ui, "GPU purchase price (catalog)").contains("$30,000.00/GPU"));
    // Typed in, the price is set and stays through a change of GPU.
    ui.key(Enter);
    ui.type_text("20000");
    ui.key(Enter);
    let row = row_text(&ui, "GPU purchase price");
    assert!(
        row.contains("GPU purchase price (set)") && row.contains("$20,000.00/GPU"),
        "{row}"
    );
    ui.key(KeyCode::Char('g'));
    ui.type_text("L4");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.owned.gpu_purchase_price, 20_000.0);
    assert_eq!(ui.app.scenario.owned.power_per_gpu_watts, 72.0);
    assert!(row_text(&ui, "Power per GPU (catalog)").contains("72 W"));
}

#[test]
fn an_exported_chart_warns_when_the_gpu_is_not_in_the_catalog() {
    let cfg = TempDir::new().unwrap();
    let out = cfg.path().join("chart.svg");
    assert!(crossover(&cfg)
        .args([
            "export",
            "reference",
            "--set",
            "self_host.gpu=\"My ASIC\"",
            "--set",
            "owned.enabled=true",
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap()
        .status
        .success());
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("Warning: owned.gpu_purchase_price:"), "{svg}");
    // Since the side panel gives up whole groups when short of room (warnings just before the
    // prices), the second warning may be one of the lines it says it left off.
    assert!(
        svg.contains("Warning: owned.power_per_gpu_watts:") || svg.contains("lines left off"),
        "{svg}"
    );
}

#[test]
fn the_dashboard_warns_when_the_gpu_is_not_in_the_catalog() {
    let dir = TempDir::new().unwrap();
    let mut loaded = crossover::preset::library::load_in(DEFAULT_2025, Some(dir.path())).unwrap();
    loaded.scenario.self_host.gpu = "My ASIC".into();
    loaded.scenario.owned.enabled = true;
    let mut ui = Ui::with(loaded, dir, 160, 48);
    let screen = ui.screen_text();
    assert!(
        screen.contains("⚠ owned.gpu_purchase_price: \"My ASIC\" is not in the catalog"),
        "{screen}"
    );
    ui.go_to("owned.power_per_gpu_watts");
    let row = row_text(&ui, "Power per GPU");
    assert!(
        row.contains("Power per GPU (default)") && row.contains("700 W"),
        "{row}"
    );
}

#[test]
fn the_fleet_tabs_enter_moves_the_owned_figures_with_the_gpu() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.go_to("owned.enabled");
    ui.key(KeyCode::Char(' '));
    ui.key(KeyCode::BackTab);
    assert_eq!(ui.app.tab, crossover::tui::app::Tab::Fleet);
    let row = ui.app.fleet.ranking().unwrap().comparison.rows[0].clone();
    assert_ne!(row.gpu, "H100 SXM", "the cheapest row is another GPU");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.self_host.gpu, row.gpu);
    let catalog = crossover::catalog::shipped();
    let g = catalog.gpu(&row.gpu).unwrap();
    let price = catalog
        .offerings_of(g)
        .iter()
        .find_map(|o| o.purchase_per_gpu)
        .unwrap();
    assert_eq!(ui.app.scenario.owned.gpu_purchase_price, price);
    assert_eq!(Some(ui.app.scenario.owned.power_per_gpu_watts), g.tdp_watts);
    ui.key(KeyCode::Char('u'));
    assert_eq!(ui.app.scenario.owned.gpu_purchase_price, 30_000.0);
    assert_eq!(ui.app.scenario.owned.power_per_gpu_watts, 700.0);
}
