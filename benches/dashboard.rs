//! Dashboard speed on TestBackend. Targets (issue 3): a slider keypress with recompute and a
//! full 200×60 redraw under 2 ms; start to first frame under 50 ms. Issue 10: the same
//! keypress on a scenario whose throughput is estimated (the token slider moves the estimate)
//! still under 2 ms.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use crossover::calibrate::store::Fit;
use crossover::preset::library;
use crossover::tui::theme::Theme;
use crossover::tui::{draw, update, Action, App, Setup};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// A fixed outside world: no presets folder, the shipped catalog, a fixed date.
fn setup() -> Setup {
    Setup {
        user_dir: None,
        theme: Theme { color: true },
        catalog: crossover::catalog::shipped(),
        today: "2025-11-25".into(),
    }
}

fn dashboard(c: &mut Criterion) {
    let loaded = library::load_in("default", None).expect("default preset");
    let mut app = App::new(loaded.clone(), setup());
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    draw(&mut term, &mut app).expect("draw");
    let mut dir = 1i8;
    c.bench_function("slider keypress + recompute + redraw 200x60", |b| {
        b.iter(|| {
            // Alternate right and left so the value stays in range.
            dir = -dir;
            update(&mut app, Action::Step { dir, big: false });
            draw(&mut term, &mut app).expect("draw");
        })
    });
    // Issue 25: the same keypress with the Sensitivity tab shown, its tornado marking the
    // rows that flip the answer and the flip panel beside it (the flip table itself is
    // computed off the input thread): still under 2 ms.
    update(&mut app, Action::NextTab(1));
    draw(&mut term, &mut app).expect("draw");
    c.bench_function(
        "slider keypress + recompute + redraw 200x60, Sensitivity tab with the flip panel",
        |b| {
            b.iter(|| {
                dir = -dir;
                update(&mut app, Action::Step { dir, big: false });
                draw(&mut term, &mut app).expect("draw");
            })
        },
    );
    // The estimate scenario: the input-tokens slider re-runs the throughput estimate, the
    // warnings and the cost model on every press.
    let loaded = library::load_in("chat-assistant-estimate", None).expect("estimate preset");
    let mut app = App::new(loaded, setup());
    let row = crossover::tui::params::index_of("workload.input_tokens").expect("row");
    update(&mut app, Action::Select(row));
    draw(&mut term, &mut app).expect("draw");
    c.bench_function(
        "token slider keypress + estimate + recompute + redraw 200x60",
        |b| {
            b.iter(|| {
                dir = -dir;
                update(&mut app, Action::Step { dir, big: false });
                draw(&mut term, &mut app).expect("draw");
            })
        },
    );
    // The same keypress with a fit of the user's runs carried by the scenario (issue 28: a
    // calibration adds nothing measurable).
    let mut loaded = library::load_in("chat-assistant-estimate", None).expect("estimate preset");
    let sh = &loaded.scenario.self_host;
    loaded.scenario.calibration_fit = Some(std::sync::Arc::new(Fit {
        model: sh.model.clone(),
        gpu: sh.gpu.clone(),
        gpus: sh.gpus_per_replica,
        precision: sh.estimate.precision.name().into(),
        engine: sh.estimate.engine.name().into(),
        date: "2026-12-07".into(),
        runs: 6,
        bandwidth_share: 0.45,
        compute_share: 0.5,
        overhead_ms: 30.0,
        step_ms: 0.0,
        estimator_bandwidth_share: 0.49,
        estimator_compute_share: 0.51,
        capacity_fitted: true,
        median_error_pct: 3.0,
        worst_error_pct: 6.0,
        files: Vec::new(),
        notes: Vec::new(),
        run_lines: Vec::new(),
    }));
    let mut app = App::new(loaded, setup());
    assert!(crossover::calibrate::apply::in_use(&app.scenario).is_some());
    update(&mut app, Action::Select(row));
    draw(&mut term, &mut app).expect("draw");
    c.bench_function(
        "token slider keypress + calibrated estimate + recompute + redraw 200x60",
        |b| {
            b.iter(|| {
                dir = -dir;
                update(&mut app, Action::Step { dir, big: false });
                draw(&mut term, &mut app).expect("draw");
            })
        },
    );
    c.bench_function("start to first frame 200x60", |b| {
        b.iter(|| {
            let loaded = library::load_in(black_box("default"), None).expect("preset");
            let mut app = App::new(loaded, setup());
            let mut term = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
            draw(&mut term, &mut app).expect("draw");
        })
    });
}

criterion_group!(benches, dashboard);
criterion_main!(benches);
