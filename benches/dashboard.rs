//! Dashboard speed on TestBackend. Targets (issue 3): a slider keypress with recompute and a
//! full 200×60 redraw under 2 ms; start to first frame under 50 ms. Issue 10: the same
//! keypress on a scenario whose throughput is estimated (the token slider moves the estimate)
//! still under 2 ms.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
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
