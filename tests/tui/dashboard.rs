//! The dashboard driven like a user drives it: key and mouse events into the real update and
//! draw code, on ratatui's TestBackend.

use crossover::catalog;
use crossover::model::Outcome;
use crossover::preset::library::{self, Loaded};
use crossover::preset::overrides;
use crossover::tui::app::Mode;
use crossover::tui::latest::Background;
use crossover::tui::layout::Screen;
use crossover::tui::theme::Theme;
use crossover::tui::{draw, handle_event, update, App, Setup};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::Terminal;
use tempfile::TempDir;

use crate::common::ui::{setup, Ui, DEFAULT_2025, GUIDE_2025};

use KeyCode::{Down, Enter, Esc, Right, Up};

#[test]
fn snapshots_at_three_sizes_for_two_presets() {
    for preset in ["default", "guide-legal-docs"] {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let ui = Ui::new(preset, w, h);
            insta::assert_snapshot!(format!("{preset}_{w}x{h}"), ui.term.backend());
        }
    }
}

#[test]
fn starts_on_the_volume_slider_and_six_rights_match_the_report() {
    let mut ui = Ui::new("default", 120, 40);
    assert_eq!(
        ui.app.selected, 0,
        "the daily-volume slider is selected on start"
    );
    for _ in 0..6 {
        ui.key(Right);
    }
    let v = ui.app.scenario.workload.requests_per_day;
    assert_eq!(v, 40_000.0);
    // The same numbers `crossover report --set workload.requests_per_day=40000` gives.
    let mut sc = crossover::catalog::with_library(&library::load("default").unwrap().scenario);
    overrides::apply_all(&mut sc, &[format!("workload.requests_per_day={v}")]).unwrap();
    let expected = Outcome::evaluate(&sc);
    assert_eq!(ui.app.outcome, expected);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crossover"))
        .args([
            "report",
            "--format",
            "json",
            "--set",
            &format!("workload.requests_per_day={v}"),
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["self_host"]["usd_per_day"].as_f64().unwrap(),
        ui.app.outcome.self_host.usd_per_day
    );
    let text = ui.screen_text();
    assert!(text.contains("At 40,000 requests/day"), "{text}");
    let self_host = format!("${:.2}", ui.app.outcome.self_host.usd_per_day);
    assert!(
        text.contains("$400.00") && text.contains(&self_host),
        "{self_host} in {text}"
    );
    assert!(text.contains("[modified]"));
    insta::assert_snapshot!("after_six_rights", ui.term.backend());
}

#[test]
fn big_steps_home_end_undo_redo_reset() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.event(Event::Key(KeyEvent::new(Right, KeyModifiers::SHIFT)));
    assert_eq!(ui.app.scenario.workload.requests_per_day, 100_000.0);
    ui.key(KeyCode::PageDown);
    assert_eq!(ui.app.scenario.workload.requests_per_day, 10_000.0);
    ui.key(KeyCode::End);
    assert_eq!(ui.app.scenario.workload.requests_per_day, 1e8);
    ui.key(KeyCode::Char('u'));
    assert_eq!(ui.app.scenario.workload.requests_per_day, 10_000.0);
    ui.ctrl('r');
    assert_eq!(ui.app.scenario.workload.requests_per_day, 1e8);
    ui.key(KeyCode::Char('r'));
    assert_eq!(ui.app.scenario, ui.app.baseline);
    assert!(!ui.screen_text().contains("[modified]"));
}

#[test]
fn typing_an_exact_value_and_a_bad_one() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(Enter);
    for _ in 0..10 {
        ui.key(KeyCode::Backspace);
    }
    ui.type_text("25,000");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.workload.requests_per_day, 25_000.0);
    ui.key(Enter);
    ui.type_text("x");
    ui.key(Enter);
    assert!(matches!(ui.app.mode, Mode::Edit { error: Some(_), .. }));
    assert!(ui.screen_text().contains("the value stays as it was"));
    assert_eq!(ui.app.scenario.workload.requests_per_day, 25_000.0);
    ui.key(Esc);
    // Out of range: refused with the range, old value kept.
    ui.keys(&[Down, Down, Down, Down, Down, Down, Down]); // cache hit rate
    ui.key(Enter);
    for _ in 0..10 {
        ui.key(KeyCode::Backspace);
    }
    ui.type_text("150"); // percent: 1.5
    ui.key(Enter);
    let text = ui.screen_text();
    assert!(text.contains("out of range"), "{text}");
    assert_eq!(ui.app.scenario.workload.response_cache_hit_rate, 0.0);
}

#[test]
fn toggles_and_the_recommendation_follow() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    let row = crossover::tui::params::index_of("constraints.data_must_stay_in_house").unwrap();
    while ui.app.selected != row {
        ui.key(Down);
    }
    ui.key(KeyCode::Char(' '));
    assert!(ui.app.scenario.constraints.data_must_stay_in_house);
    assert_eq!(
        ui.app.outcome.recommendation.choice,
        Some(crossover::model::Choice::SelfHost)
    );
    assert!(ui.screen_text().contains("[x] yes"));
    ui.key(Up);
    ui.key(Down);
    ui.key(KeyCode::Char(' '));
    assert!(!ui.app.scenario.constraints.data_must_stay_in_house);
}

#[test]
fn mouse_click_drag_and_scroll_a_slider() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    let Screen { params, .. } = ui.app.screen;
    // Row 3 of the panel (inside the border) is the volume slider's bar.
    let bar_y = params.y + 3;
    let line = ui
        .screen_text()
        .lines()
        .nth(bar_y as usize)
        .unwrap()
        .to_string();
    assert!(line.contains('●'), "{line}");
    let right_end = params.x + params.width - 7;
    ui.mouse(MouseEventKind::Down(MouseButton::Left), right_end, bar_y);
    let high = ui.app.scenario.workload.requests_per_day;
    assert!(high > 1e7, "{high}");
    ui.mouse(MouseEventKind::Drag(MouseButton::Left), params.x + 6, bar_y);
    assert!(ui.app.scenario.workload.requests_per_day < 10.0);
    ui.mouse(MouseEventKind::Up(MouseButton::Left), params.x + 6, bar_y);
    assert_eq!(ui.app.dragging, None);
    // Click the input-tokens label, then scroll up on it.
    ui.mouse(
        MouseEventKind::Down(MouseButton::Left),
        params.x + 4,
        params.y + 4,
    );
    assert_eq!(ui.app.selected, 1);
    ui.mouse(MouseEventKind::ScrollUp, params.x + 4, params.y + 4);
    assert_eq!(ui.app.scenario.workload.input_tokens, 2_500.0);
    ui.mouse(MouseEventKind::ScrollDown, params.x + 4, params.y + 4);
    assert_eq!(ui.app.scenario.workload.input_tokens, 2_000.0);
    // Clicks outside the panel change nothing.
    let before = ui.app.scenario.clone();
    ui.mouse(MouseEventKind::Down(MouseButton::Left), 100, 10);
    assert_eq!(ui.app.scenario, before);
}

#[test]
fn tiny_terminals_say_so_and_never_panic() {
    for (w, h) in [(0, 0), (1, 1), (20, 5), (59, 30), (100, 15)] {
        let mut ui = Ui::new(DEFAULT_2025, w.max(1), h.max(1));
        ui.resize(w, h);
        ui.key(Right);
        ui.key(KeyCode::Char('w'));
        ui.mouse(MouseEventKind::Down(MouseButton::Left), 1, 1);
        if w >= 20 && h >= 1 {
            assert!(ui.screen_text().contains("Terminal too small"), "{w}x{h}");
        }
    }
    let ui = Ui::new(DEFAULT_2025, 40, 8);
    insta::assert_snapshot!("tiny_40x8", ui.term.backend());
}

#[test]
fn save_dialog_refuses_bad_names_and_asks_before_overwriting() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(Right);
    ui.key(KeyCode::Char('s'));
    assert!(matches!(ui.app.mode, Mode::SaveName { .. }));
    for _ in 0..30 {
        ui.key(KeyCode::Backspace);
    }
    ui.type_text("bad name!");
    ui.key(Enter);
    assert!(ui.screen_text().contains("is not a usable preset name"));
    for _ in 0..30 {
        ui.key(KeyCode::Backspace);
    }
    ui.type_text("mine");
    ui.key(Enter);
    assert_eq!(ui.app.mode, Mode::Normal);
    assert!(!ui.app.modified());
    assert!(ui.screen_text().contains("saved "));
    let path = ui.app.user_dir.clone().unwrap().join("mine.toml");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("requests_per_day = 12000.0"), "{saved}");

    // Saving again under the same name asks; n goes back to the name; y overwrites.
    ui.key(Right);
    ui.key(KeyCode::Char('s'));
    ui.key(Enter);
    assert!(matches!(ui.app.mode, Mode::ConfirmOverwrite { .. }));
    // The status names the temporary folder, which differs per run.
    ui.app.status = None;
    draw(&mut ui.term, &mut ui.app).unwrap();
    insta::assert_snapshot!("overwrite_prompt", ui.term.backend());
    ui.key(KeyCode::Char('n'));
    assert!(matches!(ui.app.mode, Mode::SaveName { .. }));
    ui.key(Enter);
    ui.key(KeyCode::Char('y'));
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("requests_per_day = 15000.0"));
    let stray: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(stray.len(), 1, "no temp files left");
}

#[test]
fn picker_lists_presets_and_asks_before_discarding_changes() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(KeyCode::Char('o'));
    assert!(ui.screen_text().contains("guide-legal-docs"));
    insta::assert_snapshot!("picker", ui.term.backend());
    ui.key(Down);
    ui.key(Enter);
    assert_eq!(ui.app.preset_name, "guide-legal-docs");
    assert_eq!(ui.app.scenario.workload.input_tokens, 75_000.0);
    ui.key(Right);
    ui.key(KeyCode::Char('o'));
    ui.key(Up);
    ui.key(Enter);
    assert!(matches!(ui.app.mode, Mode::ConfirmLoad { .. }));
    ui.key(KeyCode::Char('n'));
    assert_eq!(ui.app.preset_name, "guide-legal-docs");
    ui.key(KeyCode::Char('o'));
    ui.key(Up);
    ui.key(Enter);
    ui.key(KeyCode::Char('y'));
    assert_eq!(ui.app.preset_name, "default");
}

#[test]
fn help_why_and_quit() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(KeyCode::Char('?'));
    assert!(ui.screen_text().contains("why this number"));
    ui.key(Esc);
    ui.key(KeyCode::Char('w'));
    let text = ui.screen_text();
    assert!(
        text.contains("max(1, ⌈10,000 × 0.3 s × 2 / 86,400 / 0.7⌉)"),
        "{text}"
    );
    insta::assert_snapshot!("why_overlay", ui.term.backend());
    ui.key(Esc);
    ui.key(Right);
    ui.key(KeyCode::Char('q'));
    assert_eq!(ui.app.mode, Mode::ConfirmQuit);
    ui.key(Esc);
    assert!(!ui.app.should_quit);
    ui.key(KeyCode::Char('q'));
    ui.key(KeyCode::Char('n'));
    assert!(ui.app.should_quit);

    let mut ui = Ui::new(DEFAULT_2025, 80, 24);
    ui.key(KeyCode::Char('q'));
    assert!(ui.app.should_quit, "nothing changed: q quits at once");
    let mut ui = Ui::new(DEFAULT_2025, 80, 24);
    ui.key(Right);
    ui.ctrl('c');
    assert!(ui.app.should_quit, "Ctrl-C quits at once");
}

#[test]
fn no_color_draws_without_colours() {
    let dir = TempDir::new().unwrap();
    let loaded = library::load_in(DEFAULT_2025, None).unwrap();
    let mut app = App::new(
        loaded,
        Setup {
            theme: Theme { color: false },
            ..setup(&dir)
        },
    );
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut term, &mut app).unwrap();
    let buf = term.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

/// Seeded random keys, mouse events and resizes through every dialog: nothing panics, the
/// scenario stays valid, and the model's numbers stay finite. (`e`, which only writes files,
/// has its own test; drawing 1600×900 PNGs here would only slow this one down.)
///
/// Sized to what it finds: each run starts on its own tab and a random row, so short runs
/// reach the far rows and tabs. Counting the (dialog, tab, kind of row) states reached, 8 runs
/// of 600 events reach 48 of the 56 that 8 runs of 2,000 reach, and more than the earlier
/// 6 runs of 1,500 from the first row did (46), in about half the time.
#[test]
fn random_keys_never_panic() {
    let keys = [
        Up,
        Down,
        KeyCode::Left,
        Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        Enter,
        Esc,
        KeyCode::Backspace,
        KeyCode::Tab,
        KeyCode::Char(' '),
        KeyCode::Char('o'),
        KeyCode::Char('s'),
        KeyCode::Char('r'),
        KeyCode::Char('u'),
        KeyCode::Char('?'),
        KeyCode::Char('w'),
        KeyCode::Char('y'),
        KeyCode::Char('m'),
        KeyCode::Char('g'),
        KeyCode::Char('l'),
        KeyCode::Char('a'),
        KeyCode::Char('n'),
        KeyCode::Char('q'),
        KeyCode::Char('1'),
        KeyCode::Char('.'),
        KeyCode::Char('e'),
        KeyCode::Char('-'),
        KeyCode::Char('x'),
        KeyCode::Char('9'),
        KeyCode::Char('%'),
        KeyCode::Char('5'),
    ];
    for seed in 1..=8u64 {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut ui = Ui::new(
            if seed % 2 == 0 {
                "default"
            } else {
                "guide-legal-docs"
            },
            100,
            30,
        );
        // The Monte Carlo runs inline after every change; at most 20 samples take its every
        // path (the bands, their quantiles, the verdict's share) at a fraction of the cost, and
        // the key sequences, not the sample count, are what this test explores. Typed digits
        // can raise the samples row to its 200,000 limit: the worker still draws at most 20.
        fn few_samples(
            sc: &crossover::model::Scenario,
        ) -> crossover::model::uncertainty::MonteCarlo {
            let mut sc = sc.clone();
            sc.uncertainty.samples = sc.uncertainty.samples.min(20);
            crossover::tui::bands::compute(&sc)
        }
        ui.app.bands.compute = few_samples;
        ui.app.recompute();
        ui.press(KeyCode::Tab, (seed % 4) as usize);
        ui.app.selected = (next() % crossover::tui::params::PARAMS.len() as u64) as usize;
        for _ in 0..600 {
            let r = next();
            match r % 20 {
                0 => {
                    let (w, h) = ((next() % 220) as u16, (next() % 70) as u16);
                    ui.resize(w, h);
                }
                1 => {
                    let kinds = [
                        MouseEventKind::Down(MouseButton::Left),
                        MouseEventKind::Drag(MouseButton::Left),
                        MouseEventKind::Up(MouseButton::Left),
                        MouseEventKind::ScrollUp,
                        MouseEventKind::ScrollDown,
                    ];
                    let k = kinds[(next() % 5) as usize];
                    ui.mouse(k, (next() % 220) as u16, (next() % 70) as u16);
                }
                2 => ui.event(Event::Key(KeyEvent::new(Right, KeyModifiers::SHIFT))),
                3 => ui.ctrl('r'),
                _ => ui.key(keys[(next() % keys.len() as u64) as usize]),
            }
            if ui.app.should_quit {
                ui.app.should_quit = false;
            }
            for c in [
                crossover::model::Choice::Api,
                crossover::model::Choice::Hybrid,
                crossover::model::Choice::SelfHost,
            ] {
                assert!(ui.app.outcome.usd_per_day(c).is_finite());
            }
            assert!(crossover::model::fields::check_cross(&ui.app.scenario).is_ok());
        }
    }
}

#[test]
fn e_exports_png_svg_markdown_and_html_with_unsaved_values() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(Right); // 12,000 requests/day, not saved
    ui.key(KeyCode::Char('e'));
    let dir = ui.app.export_dir.clone();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("crossover-"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names[0].ends_with(".html") && names[1].ends_with(".md"));
    assert!(names[2].ends_with(".png") && names[3].ends_with(".svg"));
    let html = std::fs::read_to_string(dir.join(&names[0])).unwrap();
    assert!(html.contains("12,000 requests/day"), "the HTML report too");
    // Costs, sensitivity, timeline, and the fleet's (its ranking is in, self-hosting allowed).
    assert_eq!(html.matches("<svg ").count(), 4, "with its four charts");
    let names = names[1..].to_vec();
    let md = std::fs::read_to_string(dir.join(&names[0])).unwrap();
    assert!(
        md.contains("At 12,000 requests/day") || md.contains("at 12,000 requests/day"),
        "{md}"
    );
    assert!(
        md.contains(&format!("](<{}>)", names[1])),
        "links the PNG beside it"
    );
    let status = ui.screen_text();
    assert!(status.contains("exported crossover-default-"), "{status}");
    // A second export never overwrites the first.
    ui.key(KeyCode::Char('e'));
    let count = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("crossover-")
        })
        .count();
    assert_eq!(count, 8);
}

#[test]
fn catalog_pickers_fill_the_scenario() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(KeyCode::Char('m'));
    ui.type_text("haiku");
    let text = ui.screen_text();
    assert!(
        text.contains("Claude Haiku 4.5") && !text.contains("GPT-4o mini"),
        "{text}"
    );
    insta::assert_snapshot!("api_picker_filtered", ui.term.backend());
    ui.key(Enter);
    assert_eq!(ui.app.scenario.api.model, "Claude Haiku 4.5");
    assert_eq!(ui.app.scenario.api.input_per_mtok, 1.0);
    assert_eq!(ui.app.scenario.api.output_per_mtok, 5.0);

    ui.key(KeyCode::Char('g'));
    ui.type_text("a100 80");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.self_host.gpu, "A100 80GB SXM");
    // The GPU's default offering: the median of its 2026 specialist-cloud prices, per GPU.
    assert_eq!(ui.app.scenario.self_host.gpu_per_hour, 2.4742);
    assert_eq!(ui.app.scenario.catalog.gpu_offering, "specialist");
    // The default's throughput is given: a GPU pick keeps it.
    assert_eq!(ui.app.scenario.self_host.prefill_tokens_per_second, 20000.0);

    ui.key(KeyCode::Char('l'));
    ui.type_text("70b");
    ui.key(Down); // bf16, fp8, int4: take fp8
    ui.key(Enter);
    assert_eq!(ui.app.scenario.self_host.model, "Llama 3.1 70B");
    // 70.6 GB of fp8 weights leave room for the KV cache of a few requests on one 80 GB GPU.
    assert_eq!(ui.app.scenario.self_host.gpus_per_replica, 1);
    assert!(
        ui.screen_text().contains("throughput ESTIMATED"),
        "says the throughput is estimated"
    );
    // Each pick is one undoable change.
    ui.key(KeyCode::Char('u'));
    assert_eq!(ui.app.scenario.self_host.model, "Llama 3.1 8B");
    // An empty filter result, then Esc: nothing changes.
    ui.key(KeyCode::Char('m'));
    ui.type_text("zzzz");
    assert!(ui.screen_text().contains("nothing matches"));
    ui.key(Enter);
    ui.key(Esc);
    assert_eq!(ui.app.mode, Mode::Normal);
}

#[test]
fn title_warns_when_prices_are_old() {
    let ui = Ui::new(DEFAULT_2025, 200, 60);
    let title = ui.screen_text().lines().next().unwrap().to_string();
    // GPT-4o at $2.50/$10 is the catalog's entry; the GPU price is the preset's.
    assert!(
        title.contains("API prices 2025-07-04 · GPU prices 2025-06"),
        "{title}"
    );
    assert!(title.contains("catalog 2026-08-21"), "{title}");
    // Today is pinned to 2025-11-25: the preset's prices are 5 months old, no warning.
    assert!(!title.contains("⚠"), "{title}");
    let mut sc = ui.app.scenario.clone();
    sc.prices_as_of = "2024-01".into();
    // A picked API model of unknown date (an undated import): the title names it.
    sc.catalog.api_as_of = "unknown".into();
    let dir = TempDir::new().unwrap();
    let loaded = Loaded {
        name: "old".into(),
        source: library::Source::Shipped,
        scenario: sc,
        notes: Vec::new(),
    };
    let ui = Ui::with(loaded, dir, 200, 60);
    let title = ui.screen_text().lines().next().unwrap().to_string();
    // GPT-4o at $2.50/$10 is the catalog's entry of 2025-07-04; the GPU price is the preset's.
    assert!(
        title.contains("API prices 2025-07-04 · GPU prices 2024-01 ⚠ 22 months old"),
        "{title}"
    );
    assert!(
        title.contains("⚠ API model GPT-4o: date unknown"),
        "{title}"
    );
}

#[test]
fn title_shows_the_date_of_picked_prices() {
    // `crossover --api haiku`: the preset's prices are of 2025-06, Haiku's of 2026-07-29.
    let dir = TempDir::new().unwrap();
    let mut loaded = library::load_in(DEFAULT_2025, None).unwrap();
    let c = catalog::shipped();
    let notes =
        catalog::pick::apply_names(&mut loaded.scenario, &c, Some("haiku"), None, None).unwrap();
    loaded.notes = notes;
    let mut ui = Ui::with(loaded, dir, 200, 60);
    let status = ui.screen_text().lines().last().unwrap().to_string();
    assert!(
        status.contains("--api \"haiku\" is Claude Haiku 4.5"),
        "the pick's notes show in the dashboard: {status}"
    );
    let title = |ui: &Ui| ui.screen_text().lines().next().unwrap().to_string();
    assert!(
        title(&ui).contains("API prices 2026-07-29 · GPU prices 2025-06"),
        "{}",
        title(&ui)
    );
    // Picking in the dashboard does the same; undo goes back.
    ui.key(KeyCode::Char('m'));
    ui.type_text("gpt 4o");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.api.model, "GPT-4o");
    // GPT-4o's catalog entry is of 2025-07-04.
    assert!(
        title(&ui).contains("API prices 2025-07-04 · GPU prices 2025-06"),
        "{}",
        title(&ui)
    );
}

#[test]
fn esc_never_quits() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    for _ in 0..3 {
        ui.key(Esc);
    }
    assert!(
        !ui.app.should_quit,
        "Esc on the dashboard does nothing drastic"
    );
    assert_eq!(ui.app.mode, Mode::Normal);
    // In every dialog Esc closes or cancels, twice in a row still does not quit.
    for open in ['?', 'w', 'o', 'm', 's'] {
        ui.key(KeyCode::Char(open));
        assert_ne!(ui.app.mode, Mode::Normal, "{open} opens something");
        ui.key(Esc);
        assert_eq!(ui.app.mode, Mode::Normal, "Esc closes what {open} opened");
        ui.key(Esc);
        assert!(!ui.app.should_quit);
    }
    ui.key(Right);
    ui.key(KeyCode::Char('q'));
    ui.key(Esc);
    ui.key(Esc);
    assert!(!ui.app.should_quit && ui.app.mode == Mode::Normal);
    // Esc clears a message.
    ui.key(KeyCode::Char('u'));
    assert!(ui.app.status.is_some());
    ui.key(Esc);
    assert!(ui.app.status.is_none());
}

/// The text inside the border of the dialog titled `title`, line by line.
fn dialog_lines(ui: &Ui, title: &str) -> Vec<String> {
    let rows: Vec<Vec<char>> = ui
        .screen_text()
        .lines()
        .map(|l| l.chars().collect())
        .collect();
    let top = rows
        .iter()
        .position(|r| r.iter().collect::<String>().contains(title))
        .unwrap();
    let at = rows[top].iter().collect::<String>();
    let at = at[..at.find(title).unwrap()].chars().count();
    let left = rows[top][..at].iter().rposition(|c| *c == '┌').unwrap();
    let right = at + rows[top][at..].iter().position(|c| *c == '┐').unwrap();
    rows[top + 1..]
        .iter()
        .take_while(|r| r[left] != '└')
        .map(|r| r[left + 1..right].iter().collect())
        .collect()
}

#[test]
fn help_comes_from_the_keymap_and_scrolls_to_every_binding_at_80x24() {
    use crossover::tui::keymap::SECTIONS;
    let mut ui = Ui::new(DEFAULT_2025, 80, 24);
    ui.key(KeyCode::Char('?'));
    let top = ui.screen_text();
    assert!(top.contains("↓ more · lines 1–"), "{top}");
    insta::assert_snapshot!("help_80x24_top", ui.term.backend());
    // Page through it all, collecting what shows.
    let mut seen = top.clone();
    for _ in 0..60 {
        ui.key(Down);
        seen.push_str(&ui.screen_text());
    }
    let bottom = ui.screen_text();
    assert!(bottom.contains("↑ more · lines"), "{bottom}");
    insta::assert_snapshot!("help_80x24_bottom", ui.term.backend());
    for section in SECTIONS {
        assert!(seen.contains(section.title), "{}", section.title);
        for b in section.bindings {
            assert!(seen.contains(&b.keys_label()), "{}", b.keys_label());
            let first_words: String = b.what.split(' ').take(2).collect::<Vec<_>>().join(" ");
            assert!(seen.contains(&first_words), "{}", b.what);
        }
    }
    for key in ["Esc", "quit at once", "this help", "Esc never"] {
        assert!(seen.contains(key), "{key}");
    }
    // A wrapped description keeps its column: the mouse line wraps at this width.
    let help: Vec<String> = crossover::tui::view::overlay::help_lines(&Theme { color: false }, 74)
        .iter()
        .map(|l| l.to_string())
        .collect();
    let i = help.iter().position(|l| l.contains("mouse")).unwrap();
    let column = help[i].chars().position(|c| c == 'c').unwrap();
    let next = &help[i + 1];
    let indent = next.chars().take_while(|c| *c == ' ').count();
    assert_eq!(indent, column, "{:?}", &help[i..i + 2]);
    assert!(seen.contains(next.trim()), "the wrapped part shows too");
    // Up at the top stays there; Home and End jump; PgDn pages.
    ui.key(KeyCode::Home);
    assert_eq!(ui.app.mode, Mode::Help { scroll: 0 });
    ui.key(Up);
    assert_eq!(ui.app.mode, Mode::Help { scroll: 0 });
    ui.key(KeyCode::PageDown);
    assert_eq!(ui.app.mode, Mode::Help { scroll: 10 });
    ui.key(KeyCode::End);
    let Mode::Help { scroll: end } = ui.app.mode else {
        panic!()
    };
    ui.key(Down);
    assert_eq!(
        ui.app.mode,
        Mode::Help { scroll: end },
        "no scrolling past the end"
    );
    // The mouse wheel scrolls it too.
    ui.key(KeyCode::Home);
    ui.mouse(MouseEventKind::ScrollDown, 40, 10);
    assert_eq!(ui.app.mode, Mode::Help { scroll: 1 });
    ui.mouse(MouseEventKind::ScrollUp, 40, 10);
    assert_eq!(ui.app.mode, Mode::Help { scroll: 0 });
    // At 200x64 it all fits: no scrolling, no indicator.
    let mut ui = Ui::new(DEFAULT_2025, 200, 64);
    ui.key(KeyCode::Char('?'));
    assert!(!ui.screen_text().contains("more · lines"));
    ui.key(Down);
    assert_eq!(ui.app.mode, Mode::Help { scroll: 0 });
}

#[test]
fn the_why_overlay_scrolls_line_by_line() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 30);
    ui.key(KeyCode::Char('w'));
    let before = dialog_lines(&ui, "Why this number");
    ui.key(Down);
    let after = dialog_lines(&ui, "Why this number");
    assert_eq!(after[0], before[1], "one line down");
    ui.key(Down);
    ui.key(Up);
    assert_eq!(dialog_lines(&ui, "Why this number"), after, "and back up");
    ui.key(KeyCode::PageDown);
    assert_eq!(dialog_lines(&ui, "Why this number")[0], before[11]);
    ui.key(KeyCode::End);
    let text = ui.screen_text();
    assert!(text.contains("↑ more"), "{text}");
    let end = ui.app.mode.clone();
    ui.key(Down);
    assert_eq!(ui.app.mode, end, "stops at the end");
    ui.key(KeyCode::Home);
    assert_eq!(dialog_lines(&ui, "Why this number"), before);
}

#[test]
fn typing_after_enter_replaces_the_value() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(Enter);
    assert!(matches!(ui.app.mode, Mode::Edit { selected: true, .. }));
    ui.type_text("50");
    ui.key(Enter);
    assert_eq!(
        ui.app.scenario.workload.requests_per_day, 50.0,
        "not 1000050"
    );
    // Backspace on the selection empties it.
    ui.key(Enter);
    ui.key(KeyCode::Backspace);
    assert!(matches!(&ui.app.mode, Mode::Edit { input, .. } if input.is_empty()));
    ui.type_text("1e6");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.workload.requests_per_day, 1e6);
    // → (or End) keeps the value and types after it.
    ui.key(Enter);
    ui.key(Right);
    ui.type_text("0");
    ui.key(Enter);
    assert_eq!(
        ui.app.scenario.workload.requests_per_day, 1e7,
        "1000000 then 0"
    );
}

#[test]
fn percentages_are_typed_as_percentages() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    let row = crossover::tui::params::index_of("api.batch_share").unwrap();
    while ui.app.selected != row {
        ui.key(Down);
    }
    ui.key(Enter);
    let text = ui.screen_text();
    assert!(
        text.contains("type a percentage: 50 or 50% means 50%"),
        "the field's hint states the rule: {text}"
    );
    insta::assert_snapshot!("typing_a_percentage", ui.term.backend());
    ui.type_text("50");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.api.batch_share, 0.5);
    assert!(ui.screen_text().contains("api.batch_share = 50%"));
    ui.key(Enter);
    ui.type_text("25%");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.api.batch_share, 0.25);
    ui.key(Enter);
    ui.type_text("150");
    ui.key(Enter);
    assert!(ui.screen_text().contains("out of range"));
    assert_eq!(ui.app.scenario.api.batch_share, 0.25);
}

#[test]
fn lists_stop_at_their_ends() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(Up);
    assert_eq!(ui.app.selected, 0, "Up on the first row stays");
    let last = crossover::tui::params::PARAMS.len() - 1;
    for _ in 0..last + 5 {
        ui.key(Down);
    }
    assert_eq!(ui.app.selected, last, "Down on the last row stays");
    let before = ui.app.scenario.clone();
    ui.key(Down);
    assert_eq!(ui.app.scenario, before);
    ui.key(KeyCode::Char('o'));
    let Mode::Picker { entries, .. } = ui.app.mode.clone() else {
        panic!()
    };
    for _ in 0..entries.len() + 2 {
        ui.key(Down);
    }
    assert!(matches!(ui.app.mode, Mode::Picker { selected, .. } if selected == entries.len() - 1));
    ui.key(Esc);
    ui.key(KeyCode::Char('g'));
    ui.key(Up);
    assert!(matches!(ui.app.mode, Mode::Catalog { selected: 0, .. }));
    // One row per rental offering of each GPU.
    let rows = crossover::tui::catalog_pick::rows(
        &ui.app.catalog,
        crossover::tui::app::CatalogKind::Gpu,
        "",
        &ui.app.scenario,
    )
    .len();
    assert!(rows > 11, "{rows}");
    for _ in 0..rows + 5 {
        ui.key(Down);
    }
    assert!(
        matches!(ui.app.mode, Mode::Catalog { selected, .. } if selected == rows - 1),
        "{:?}",
        ui.app.mode
    );
}

#[test]
fn status_messages_are_cleared_in_full() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(Enter);
    ui.type_text("500x");
    ui.key(Enter);
    let last = |ui: &Ui| ui.screen_text().lines().last().unwrap().to_string();
    assert!(
        last(&ui).contains("\"500x\" is not a number"),
        "{}",
        last(&ui)
    );
    ui.key(Esc);
    let line = last(&ui);
    assert!(!line.contains("cancel") && !line.contains("500x"), "{line}");
    assert!(line.trim_start().starts_with("↑↓ select"), "{line}");
    // An error from a slider clears once a change is accepted.
    let min = crossover::tui::params::index_of("chart.min_requests_per_day").unwrap();
    while ui.app.selected != min {
        ui.key(Down);
    }
    ui.key(KeyCode::End); // 1M
    ui.key(Down); // chart.max
    ui.key(KeyCode::Home); // 100 < 1M: refused
    assert!(ui.app.status.as_ref().is_some_and(|s| s.error));
    assert!(last(&ui).contains("must be greater"), "{}", last(&ui));
    ui.key(KeyCode::End);
    assert!(ui.app.status.is_none(), "{:?}", ui.app.status);
    assert!(!last(&ui).contains("must be greater"));
}

#[test]
fn home_on_volume_gives_the_left_label() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(KeyCode::Home);
    assert_eq!(ui.app.scenario.workload.requests_per_day, 0.0);
    let text = ui.screen_text();
    assert!(text.contains("  0 ●"), "knob at the 0 label: {text}");
}

#[test]
fn pickers_match_words_in_any_order() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.key(KeyCode::Char('l'));
    ui.type_text("gemma 27");
    let text = ui.screen_text();
    assert!(
        text.contains("Gemma 3 27B") && !text.contains("Gemma 3 4B"),
        "{text}"
    );
    ui.key(Esc);
    ui.key(KeyCode::Char('g'));
    ui.type_text("80 a100 sxm");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.self_host.gpu, "A100 80GB SXM");
}

#[test]
fn update_returns_effects_and_touches_no_disk() {
    use crossover::tui::{perform, Action, Effect};
    let mut ui = Ui::new(GUIDE_2025, 120, 40);
    let dir = ui.app.user_dir.clone().unwrap();
    let files = || std::fs::read_dir(&dir).unwrap().count();
    ui.key(KeyCode::Char('s'));
    let fx = update(&mut ui.app, Action::Enter);
    assert!(
        matches!(&fx[..], [Effect::Save { name, force: false, .. }] if name == "my-guide-legal-docs"),
        "{fx:?}"
    );
    assert_eq!(files(), 0, "update saved nothing itself");
    for e in fx {
        perform(&mut ui.app, e);
    }
    assert_eq!(files(), 1);
    // Export: the job carries the bands already on screen, so they are not computed again.
    let bands = ui.app.bands.current.clone();
    assert!(bands.is_some());
    match &update(&mut ui.app, Action::Export)[..] {
        [Effect::Export(job)] => assert_eq!(job.bands, bands),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        files(),
        1,
        "nothing exported until the run loop performs it"
    );
    let fx = update(&mut ui.app, Action::OpenPicker);
    assert!(matches!(fx[..], [Effect::ListPresets]));
    assert_eq!(
        ui.app.mode,
        Mode::Normal,
        "the list comes back through finish"
    );
}

#[test]
fn a_failing_bands_worker_is_reported_and_not_left_busy() {
    fn boom(_: &crossover::model::Scenario) -> crossover::model::uncertainty::MonteCarlo {
        panic!("injected failure")
    }
    let mut ui = Ui::new(GUIDE_2025, 120, 40);
    ui.app.bands.compute = boom;
    ui.key(Right);
    assert!(!ui.app.busy());
    let last = ui.screen_text().lines().last().unwrap().to_string();
    assert!(
        last.contains("uncertainty bands failed: injected failure"),
        "{last}"
    );
}

#[test]
fn tab_cycles_costs_sensitivity_timeline() {
    let mut ui = Ui::new(GUIDE_2025, 120, 40);
    assert!(
        ui.screen_text().contains("Hybrid cheaper than the API in"),
        "bands summarised on the Costs tab"
    );
    ui.key(KeyCode::Tab);
    assert_eq!(ui.app.tab, crossover::tui::app::Tab::Sensitivity);
    let text = ui.screen_text();
    assert!(
        text.contains("◀ cheaper hybrid") && text.contains("Daily volume"),
        "{text}"
    );
    // The gap is the recommended hybrid's, and the text says whose (it said self-hosting's).
    assert!(
        text.contains("The hybrid minus API at 500 req/day"),
        "{text}"
    );
    insta::assert_snapshot!("sensitivity_tab", ui.term.backend());
    ui.key(KeyCode::Tab);
    assert_eq!(ui.app.tab, crossover::tui::app::Tab::Timeline);
    let text = ui.screen_text();
    assert!(text.contains("12 months: 500 → 5,000 req/day"), "{text}");
    assert!(
        text.contains("Best month to switch to the hybrid: month 1"),
        "{text}"
    );
    insta::assert_snapshot!("timeline_tab", ui.term.backend());
    // A slider move updates the tab at once.
    ui.key(Right);
    assert!(
        ui.screen_text().contains("12 months: 600 →"),
        "{}",
        ui.screen_text()
    );
    ui.key(KeyCode::Tab);
    assert_eq!(ui.app.tab, crossover::tui::app::Tab::Fleet);
    ui.key(KeyCode::Tab);
    assert_eq!(ui.app.tab, crossover::tui::app::Tab::Costs);
    ui.event(Event::Key(KeyEvent::new(
        KeyCode::BackTab,
        KeyModifiers::SHIFT,
    )));
    assert_eq!(ui.app.tab, crossover::tui::app::Tab::Fleet);
}

/// The Fleet tab: the ranking at the current volume, ↑↓ move in it (the parameters panel keeps
/// its row), Enter applies the selected configuration in one step that `u` undoes, and the
/// configurations left out are listed with their reason.
#[test]
fn fleet_tab_ranks_applies_and_undoes() {
    use crossover::tui::app::Tab;
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    ui.keys(&[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    assert_eq!(ui.app.tab, Tab::Fleet);
    let text = ui.screen_text();
    assert!(
        text.contains("Llama 3.1 8B at 10,000 req/day") && text.contains("configuration"),
        "{text}"
    );
    insta::assert_snapshot!("fleet_tab_120x40", ui.term.backend());
    let before = ui.app.scenario.clone();
    let param_row = ui.app.selected;
    ui.keys(&[Down, Down, Down, Up]);
    assert_eq!(ui.app.fleet.selected, 2);
    assert_eq!(
        ui.app.selected, param_row,
        "the parameters panel keeps its row"
    );
    ui.key(Up);
    ui.key(Up);
    ui.key(Up);
    assert_eq!(ui.app.fleet.selected, 0, "stops at the first");
    for _ in 0..10 {
        ui.key(KeyCode::Char('j'));
    }
    assert_eq!(ui.app.fleet.selected, 10);
    let row = ui.app.fleet.ranking().unwrap().comparison.rows[10].clone();
    ui.key(Enter);
    assert_eq!(
        ui.app.mode,
        Mode::Normal,
        "Enter applies; it opens no editor here"
    );
    let sh = &ui.app.scenario.self_host;
    assert_eq!(sh.gpu, row.gpu);
    assert_eq!(sh.gpus_per_replica, row.gpus_per_replica);
    assert_eq!(sh.estimate.precision, row.precision);
    assert_eq!(sh.gpu_per_hour, row.usd_per_gpu_hour);
    let cost = ui.app.outcome.self_host.usd_per_day;
    assert!(
        (cost - row.usd_per_day).abs() < 1e-9 * cost,
        "{cost} vs the row's {}",
        row.usd_per_day
    );
    let text = ui.screen_text();
    assert!(text.contains("(u undoes)"), "{text}");
    insta::assert_snapshot!("fleet_tab_applied_120x40", ui.term.backend());
    ui.key(KeyCode::Char('u'));
    assert_eq!(ui.app.scenario, before, "one undo restores the scenario");
    ui.ctrl('r');
    assert_eq!(
        ui.app.scenario.self_host.gpu, row.gpu,
        "and redo applies it again"
    );
    // On the other tabs ↑↓ and Enter are the parameters panel's again.
    ui.key(KeyCode::Tab);
    assert_eq!(ui.app.tab, Tab::Costs);
    ui.key(Down);
    assert_eq!(ui.app.selected, param_row + 1);
    assert_eq!(ui.app.fleet.selected, 10);
}

/// A model that fits on no GPU: the tab says so, with the smallest memory that would hold it,
/// and lists what was left out.
#[test]
fn fleet_tab_when_nothing_fits() {
    let dir = TempDir::new().unwrap();
    let mut loaded = library::load_in(DEFAULT_2025, Some(dir.path())).unwrap();
    loaded.scenario.self_host.model = "Llama 3.1 70B".into();
    loaded.scenario.workload.input_tokens = 3e7;
    let mut ui = Ui::with(loaded, dir, 120, 40);
    ui.keys(&[KeyCode::BackTab]);
    assert_eq!(ui.app.tab, crossover::tui::app::Tab::Fleet);
    let text = ui.screen_text().replace('\n', " ");
    assert!(
        text.contains("is served by no catalog") && text.contains("GB"),
        "{text}"
    );
    assert!(text.contains("Left out ("), "{text}");
    ui.key(Enter);
    assert!(ui.screen_text().contains("no configuration to apply"));
}

/// `b` draws the best self-hosting configuration at each volume on the Costs chart, with a
/// legend entry; `b` again hides it.
#[test]
fn the_best_fleet_line_on_the_costs_chart() {
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    assert!(!ui.screen_text().contains("best fleet"));
    // Until `b`, the ranking skips the envelope (400 rankings of the comparison); `b` asks
    // for a ranking with it.
    ui.app.fleet.wait();
    assert!(!ui.app.fleet.ranking().unwrap().with_envelope);
    ui.key(KeyCode::Char('b'));
    assert!(ui.app.fleet.show_envelope);
    ui.app.fleet.wait();
    assert!(ui.app.fleet.ranking().unwrap().with_envelope);
    let text = ui.screen_text();
    assert!(text.contains("━ best fleet"), "{text}");
    insta::assert_snapshot!("costs_with_best_fleet_120x40", ui.term.backend());
    // `e` while it is shown: the exported chart draws it too.
    ui.key(KeyCode::Char('e'));
    let svg = std::fs::read_dir(&ui.app.export_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "svg"))
        .unwrap();
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("Best fleet") && svg.to_ascii_uppercase().contains("#6428C8"));
    ui.key(KeyCode::Char('b'));
    assert!(!ui.screen_text().contains("━ best fleet"));
}

/// `update` is pure: a change of scenario recomputes the point figures on the spot and returns
/// the background work as an effect; no worker starts until the run loop performs it.
#[test]
fn update_starts_no_thread_and_returns_the_recompute() {
    use crossover::tui::{perform, Action, Effect};
    let mut ui = Ui::new(GUIDE_2025, 120, 40);
    ui.app.bands.worker.inline = false;
    ui.app.fleet.worker.inline = false;
    ui.app.flips.worker.inline = false;
    let before = ui.app.outcome.clone();
    let fx = update(&mut ui.app, Action::Step { dir: 1, big: false });
    assert!(matches!(fx[..], [Effect::Recompute]), "{fx:?}");
    assert_ne!(ui.app.outcome, before, "the point figures follow at once");
    assert!(!ui.app.busy(), "no worker started by update");
    // Moving the cursor changes no scenario: no effect at all.
    assert!(update(&mut ui.app, Action::Down).is_empty());
    for e in fx {
        perform(&mut ui.app, e);
    }
    assert!(ui.app.busy(), "the run loop started the workers");
    ui.app.bands.wait();
    ui.app.fleet.wait();
    ui.app.flips.wait();
}

#[test]
fn background_bands_arrive_without_blocking() {
    let dir = TempDir::new().unwrap();
    let loaded = library::load_in("guide-legal-docs", None).unwrap();
    let mut app = App::new(loaded, setup(&dir));
    // The point figures are there at once; the bands follow.
    assert!(app.outcome.api.usd_per_day > 0.0);
    app.bands.wait();
    let first = app
        .bands
        .current
        .clone()
        .expect("bands computed in the background");
    for _ in 0..2 {
        let step = crossover::tui::Action::Step { dir: 1, big: false };
        for e in update(&mut app, step) {
            crossover::tui::perform(&mut app, e);
        }
    }
    app.bands.wait();
    let second = app
        .bands
        .current
        .clone()
        .expect("bands for the latest scenario");
    assert_eq!(second.samples, first.samples);
    // They are the latest scenario's: identical to computing them now.
    let now = crossover::model::uncertainty::monte_carlo(
        &app.scenario,
        crossover::model::uncertainty::BAND_VOLUMES,
        1,
    );
    assert_eq!(second, now);
}

#[test]
fn the_run_loop_draws_and_quits() {
    let dir = TempDir::new().unwrap();
    let loaded = library::load_in(DEFAULT_2025, None).unwrap();
    let mut app = App::new(loaded, setup(&dir));
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut script = vec![
        Some(Event::Key(KeyEvent::new(Right, KeyModifiers::NONE))),
        None,
        Some(Event::Resize(90, 25)),
        Some(Event::Key(KeyEvent::new(
            KeyCode::Char('q'),
            KeyModifiers::NONE,
        ))),
        Some(Event::Key(KeyEvent::new(
            KeyCode::Char('n'),
            KeyModifiers::NONE,
        ))),
    ]
    .into_iter();
    crossover::tui::run_loop(&mut term, &mut app, |_| Ok(script.next().flatten())).unwrap();
    assert!(app.should_quit);
    assert_eq!(app.scenario.workload.requests_per_day, 12_000.0);
}

/// The volume slider reaches past the chart's range: the chart then says where "now" is
/// instead of dropping it.
#[test]
fn a_volume_off_the_chart_is_said() {
    let mut ui = Ui::new(DEFAULT_2025, 160, 48);
    ui.key(KeyCode::End);
    let v = ui.app.scenario.workload.requests_per_day;
    assert!(v > ui.app.scenario.chart.max_requests_per_day, "{v}");
    let text = ui.screen_text();
    assert!(text.contains("→ off the chart"), "{text}");
    ui.key(KeyCode::Home);
    let text = ui.screen_text();
    assert!(
        text.contains("off the chart"),
        "0/day is left of the axis: {text}"
    );
}

#[test]
fn the_run_loop_performs_effects_and_waits_for_a_background_export() {
    let dir = TempDir::new().unwrap();
    let loaded = library::load_in(DEFAULT_2025, None).unwrap();
    let mut app = App::new(loaded, setup(&dir));
    app.export_dir = dir.path().to_path_buf();
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let key = |c: KeyCode| Some(Event::Key(KeyEvent::new(c, KeyModifiers::NONE)));
    // Change, export (a worker thread), save under the suggested name, then quit once the
    // export has come back (the loop polls with a timeout while it runs).
    let mut script = vec![
        key(Right),
        key(KeyCode::Char('e')),
        key(KeyCode::Char('s')),
        key(Enter),
    ]
    .into_iter();
    crossover::tui::run_loop(&mut term, &mut app, |timeout| {
        Ok(match script.next() {
            Some(ev) => ev,
            None if timeout.is_some() => None,
            None => key(KeyCode::Char('q')),
        })
    })
    .unwrap();
    assert!(app.should_quit, "q quits: the save cleared [modified]");
    assert!(dir.path().join("my-default.toml").is_file(), "the save ran");
    let exported = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("crossover-default-2025-11-25")
        })
        .count();
    assert_eq!(
        exported, 4,
        "png, svg, md and html, dated by the app's today"
    );
    assert!(!app.busy());
}

/// docs/MODEL.md §6.4: on screen, ▶ marks the recommendation, never an excluded option, the
/// exclusion is said, and the break-even shown first is the recommended option's.
#[test]
fn excluded_options_are_never_marked_on_screen() {
    let mut ui = Ui::new(GUIDE_2025, 160, 50);
    let text = ui.screen_text();
    assert!(text.contains("▶ Hybrid"), "{text}");
    assert!(!text.contains("▶ Self-host"), "{text}");
    assert!(
        text.contains("Self-host excluded: needs frontier quality"),
        "{text}"
    );
    assert!(text.contains("Hybrid break-even"), "{text}");
    ui.key(KeyCode::Tab);
    ui.key(KeyCode::Tab);
    let text = ui.screen_text();
    assert!(text.contains("switch to the hybrid"), "{text}");
    let ui = Ui::new("privacy-first", 160, 50);
    let text = ui.screen_text();
    assert!(text.contains("▶ Self-host"), "{text}");
    assert!(!text.contains("▶ API"), "{text}");
    assert!(
        text.contains("API excluded: data must stay in-house"),
        "{text}"
    );
}

/// Quitting while an export runs waits for it; when it fails, the error is shown in the
/// dashboard (not only on stderr after the terminal is gone) and the dashboard stays open
/// until `q` again.
#[test]
fn a_failed_export_at_quit_is_shown_and_the_dashboard_stays_open() {
    let dir = TempDir::new().unwrap();
    let loaded = library::load_in(DEFAULT_2025, None).unwrap();
    let mut app = App::new(loaded, setup(&dir));
    // The Fleet ranking started with the app: let it finish, so that only the export is busy.
    app.fleet.wait();
    app.export_dir = dir.path().join("missing\u{1b}[2J");
    // The export runs at once but its result is not collected yet: it is still "running" when
    // `q` arrives, as a slow one would be.
    app.exports.inline = true;
    let key = |c: KeyCode| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    handle_event(&mut app, &key(KeyCode::Char('e')));
    handle_event(&mut app, &key(KeyCode::Char('q')));
    assert!(app.should_quit && app.exports.busy());
    let mut term = Terminal::new(TestBackend::new(120, 30)).unwrap();
    let mut asked = 0;
    crossover::tui::run_loop(&mut term, &mut app, |timeout| {
        asked += 1;
        match asked {
            1 => Ok(Some(key(KeyCode::Char('q')))),
            _ if timeout.is_some() => Ok(None),
            _ => panic!("the second q should have quit"),
        }
    })
    .unwrap();
    assert_eq!(asked, 1, "the first q waited and showed the failure");
    assert!(app.should_quit && !app.busy());
    let status = app.status.as_ref().unwrap();
    assert!(status.error, "{}", status.text);
    assert!(
        status.text.starts_with("export failed: the folder") && status.text.ends_with("(q quits)"),
        "{}",
        status.text
    );
    let buf = term.backend().buffer();
    let mut screen = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            screen.push_str(buf[(x, y)].symbol());
        }
    }
    assert!(screen.contains("export failed: the folder"), "{screen}");
    assert!(
        !screen.contains('\u{1b}'),
        "the folder's escape is not drawn raw"
    );
}

/// Quitting while an export is still being drawn says so and waits; `q` again stops waiting
/// (the run loop returns `ExportInterrupted`, and the process exits without the file).
#[test]
fn q_again_during_an_export_stops_waiting_for_it() {
    let dir = TempDir::new().unwrap();
    let loaded = library::load_in(DEFAULT_2025, None).unwrap();
    let mut app = App::new(loaded, setup(&dir));
    app.fleet.wait();
    app.export_dir = dir.path().to_path_buf();
    // The worker stays busy until `release` is dropped, as a long export would.
    let (release, hold) = std::sync::mpsc::channel::<()>();
    app.exports.hold = Some(hold);
    let key = |c: KeyCode| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    handle_event(&mut app, &key(KeyCode::Char('e')));
    handle_event(&mut app, &key(KeyCode::Char('q')));
    assert!(app.should_quit && app.exports.busy());
    let mut term = Terminal::new(TestBackend::new(120, 30)).unwrap();
    let mut asked = 0;
    let stop = crossover::tui::run_until(&mut term, &mut app, |timeout| {
        asked += 1;
        assert!(timeout.is_some(), "waiting for an export polls");
        Ok(Some(key(KeyCode::Char('q'))))
    })
    .unwrap();
    assert_eq!(stop, crossover::tui::Stop::ExportInterrupted);
    assert_eq!(asked, 1, "the second q stopped the wait at once");
    let buf = term.backend().buffer();
    let screen: String = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert!(
        screen.contains("finishing the export before quitting"),
        "{screen}"
    );
    drop(release);
}

/// A panic on a worker thread while the dashboard holds the terminal is not printed under the
/// live screen: the hook records it, with its location, for the status line. Run in a child
/// process of this test binary, since the hook is process-wide.
#[test]
fn a_worker_panic_is_recorded_for_the_status_line_not_printed() {
    const CHILD: &str = "CROSSOVER_TEST_WORKER_PANIC_CHILD";
    let name = "dashboard::a_worker_panic_is_recorded_for_the_status_line_not_printed";
    if std::env::var_os(CHILD).is_some() {
        fn restore() {}
        crossover::tui::panics::install_hook(restore);
        crossover::tui::panics::set_capturing(true);
        let caught = std::thread::spawn(|| {
            crossover::tui::panics::run_caught(|| -> u32 { panic!("bands \u{1b}[2J boom") })
        })
        .join()
        .unwrap();
        let message = caught.unwrap_err();
        assert!(
            message.starts_with("bands \u{1b}[2J boom (at tests"),
            "{message}"
        );
        assert!(message.contains("dashboard.rs:"), "{message}");
        println!("CHILD RAN");
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("CHILD RAN"), "{stdout}");
    assert!(
        !stderr.contains("panicked"),
        "printed under the dashboard: {stderr}"
    );
    assert!(!stderr.contains("boom"), "{stderr}");
}

/// The billing mode is a choice row (docs/MODEL.md §6.6): ←/→ step through the modes and stop
/// at the ends, Enter cycles, and the costs follow.
#[test]
fn billing_mode_is_switched_from_the_panel() {
    use crossover::model::billing::Mode as Billing;
    let mut ui = Ui::new(DEFAULT_2025, 120, 40);
    let row = crossover::tui::params::index_of("self_host.billing").unwrap();
    while ui.app.selected != row {
        ui.key(Down);
    }
    let always_on = ui.app.outcome.self_host.usd_per_day;
    ui.key(KeyCode::Left);
    assert_eq!(ui.app.scenario.self_host.billing.mode, Billing::AlwaysOn);
    ui.key(Right);
    assert_eq!(ui.app.scenario.self_host.billing.mode, Billing::ActiveHours);
    ui.key(Right);
    assert_eq!(ui.app.scenario.self_host.billing.mode, Billing::PerSecond);
    let text = ui.screen_text();
    assert!(text.contains("per_second"), "{text}");
    assert!(text.contains("billed per second (serverless)"), "{text}");
    insta::assert_snapshot!("billing_per_second", ui.term.backend());
    // Serverless at 10,000 requests/day: $2.50/3600 × (10,000 × 0.3 / 0.7 + 24 × 60) GPU-s.
    let per_second = ui.app.outcome.self_host.usd_per_day;
    assert!(per_second < always_on, "{per_second} vs {always_on}");
    ui.key(Right);
    assert_eq!(ui.app.scenario.self_host.billing.mode, Billing::PerSecond);
    ui.key(Enter);
    assert_eq!(ui.app.scenario.self_host.billing.mode, Billing::AlwaysOn);
    assert_eq!(ui.app.outcome.self_host.usd_per_day, always_on);
}

/// The column of the Costs chart's break-even line (green Braille, not bold), and the
/// column where `v` is plotted, read from the centred x labels "100" and "1k" (or "1k" and
/// "10k" when "100" is the first label, which starts at the graph's edge instead).
fn breakeven_column_and_expected(ui: &Ui, v: f64) -> (u16, f64) {
    use ratatui::style::{Color, Modifier};
    let buf = ui.term.backend().buffer();
    let mut counts = std::collections::BTreeMap::<u16, usize>::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            let braille = c
                .symbol()
                .chars()
                .next()
                .is_some_and(|ch| ('\u{2801}'..='\u{28ff}').contains(&ch));
            if braille && c.fg == Color::Green && !c.modifier.contains(Modifier::BOLD) {
                *counts.entry(x).or_default() += 1;
            }
        }
    }
    let (&col, _) = counts
        .iter()
        .max_by_key(|(_, n)| **n)
        .expect("a break-even line");
    // The x labels' row: the one holding " 1k " and " 10k ".
    let text = ui.screen_text();
    let row = text
        .lines()
        .find(|l| l.contains(" 1k ") && l.contains(" 10k "))
        .expect("x labels");
    let cells: Vec<char> = row.chars().collect();
    let centre = |label: &str| -> f64 {
        let word: Vec<char> = format!(" {label} ").chars().collect();
        let at = cells.windows(word.len()).position(|w| w == word).unwrap();
        at as f64 + 1.0 + (label.len() as f64 - 1.0) / 2.0
    };
    let chart_part = row.rsplit("││").next().unwrap_or(row);
    let first_is_100 = chart_part.split_whitespace().next() == Some("100");
    let (lo, a, b) = if first_is_100 {
        (1e3, centre("1k"), centre("10k"))
    } else {
        (100.0, centre("100"), centre("1k"))
    };
    (col, a + (b - a) * (v / lo).log10())
}

/// docs/MODEL.md §6.4: the Costs chart's vertical break-even is the recommended option's
/// against the API, named in the chart's note; the contract's when self-hosting is
/// recommended.
#[test]
fn the_chart_marks_the_recommended_break_even() {
    // guide-legal-docs: the hybrid is recommended; its break-even is 256/day (self-hosting's,
    // excluded, is 222/day).
    let ui = Ui::new(GUIDE_2025, 200, 60);
    let o = &ui.app.outcome;
    let b = o.recommended_breakeven_requests_per_day.unwrap();
    assert_eq!(volume_of(b), "256");
    assert!(ui.screen_text().contains("hybrid break-even 256/day"));
    let (col, want) = breakeven_column_and_expected(&ui, b);
    assert!((f64::from(col) - want).abs() <= 1.0, "{col} vs {want}");

    // With a smaller local share the two break-evens lie far apart: the line follows the
    // hybrid's.
    let dir = TempDir::new().unwrap();
    let mut loaded = library::load_in("guide-legal-docs", Some(dir.path())).unwrap();
    loaded.scenario = crossover::catalog::with_library(&loaded.scenario);
    overrides::apply_all(
        &mut loaded.scenario,
        &[
            "hybrid.local_share=0.3".into(),
            "workload.requests_per_day=20000".into(),
        ],
    )
    .unwrap();
    let ui = Ui::with(loaded, dir, 200, 60);
    let o = &ui.app.outcome;
    assert_eq!(
        o.recommendation.choice,
        Some(crossover::model::Choice::Hybrid)
    );
    let (hybrid, contract) = (
        o.recommended_breakeven_requests_per_day.unwrap(),
        o.breakeven_requests_per_day.unwrap(),
    );
    let (col, want) = breakeven_column_and_expected(&ui, hybrid);
    let (_, contract_col) = breakeven_column_and_expected(&ui, contract);
    assert!((f64::from(col) - want).abs() <= 1.0, "{col} vs {want}");
    assert!(
        (f64::from(col) - contract_col).abs() >= 5.0,
        "{col} vs {contract_col}"
    );

    // privacy-first of 2025: self-hosting is recommended; the contract's break-even.
    let ui = Ui::new(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/presets_2025/privacy-first.toml"
        ),
        200,
        60,
    );
    let o = &ui.app.outcome;
    assert_eq!(
        o.recommendation.choice,
        Some(crossover::model::Choice::SelfHost)
    );
    let b = o.breakeven_requests_per_day.unwrap();
    assert_eq!(o.recommended_breakeven_requests_per_day, Some(b));
    assert!(ui.screen_text().contains("self-host break-even 29.2k/day"));
    let (col, want) = breakeven_column_and_expected(&ui, b);
    assert!(
        (f64::from(col) - want).abs() <= 1.0,
        "{col} vs {want}\n{}",
        ui.screen_text()
    );
}

fn volume_of(v: f64) -> String {
    crossover::figures::volume(v)
}

/// Select row `key` with ↓ and ↑, as a user would.
fn select(ui: &mut Ui, key: &str) {
    let row = crossover::tui::params::index_of(key).unwrap();
    while ui.app.selected < row {
        ui.key(Down);
    }
    while ui.app.selected > row {
        ui.key(Up);
    }
}

#[test]
fn an_estimate_preset_shows_its_binding_limit_and_w_its_derivation() {
    let mut ui = Ui::new("chat-assistant-estimate", 120, 40);
    select(&mut ui, "self_host.throughput");
    let text = ui.screen_text();
    assert!(text.contains("estimate"), "{text}");
    // 73 ms of prefill a request outweighs its share of the memory-bound decode: compute.
    assert!(text.contains("estimated: compute, 187 at once"), "{text}");
    assert!(
        text.contains("First-token target                      none"),
        "{text}"
    );
    insta::assert_snapshot!("estimate_panel", ui.term.backend());
    select(&mut ui, "self_host.prefill_tokens_per_second");
    let text = ui.screen_text();
    assert!(
        text.contains("Prefill throughput (est.)") && text.contains("27,732 tok/s"),
        "{text}"
    );
    // The estimate sets it: the slider does not move and says why.
    ui.key(Right);
    assert!(ui.screen_text().contains("is estimated from the model"));
    assert!(!ui.app.modified());

    ui.resize(120, 90);
    ui.key(KeyCode::Char('w'));
    let text = ui.screen_text();
    for step in [
        "Estimate: weights",
        "Estimate: KV memory left",
        "Estimate: concurrency",
        "Estimate: decode step",
        "Estimate: prefill",
        "Estimate: saturation",
        "Estimate: binding limit",
        "Estimate: calibration",
    ] {
        assert!(text.contains(step), "{step}\n{text}");
    }
    assert!(text.contains("= 16.1 GB"), "{text}");
    assert!(text.contains("187 at once"), "{text}");
    insta::assert_snapshot!("estimate_why", ui.term.backend());
}

#[test]
fn the_engine_switch_steps_cycles_and_undoes() {
    use crossover::model::throughput::{Engine, Precision};
    let mut ui = Ui::new("chat-assistant-estimate", 120, 40);
    let engine = |ui: &Ui| ui.app.scenario.self_host.estimate.engine;
    select(&mut ui, "self_host.engine");
    assert_eq!(engine(&ui), Engine::Vllm);
    ui.key(Right);
    assert_eq!(engine(&ui), Engine::Sglang);
    let text = ui.screen_text();
    assert!(text.contains("SGLang"), "{text}");
    // SGLang holds 182 at once (its 0.88 memory share) and is bound by the prefill's compute.
    assert!(text.contains("estimated: compute, 182 at once"), "{text}");
    ui.key(Right);
    assert_eq!(engine(&ui), Engine::TensorRtLlm);
    assert!(ui.screen_text().contains("TensorRT-LLM"));
    ui.key(Right);
    assert_eq!(engine(&ui), Engine::TensorRtLlm, "→ stops at the last");
    ui.key(KeyCode::Char(' '));
    assert_eq!(engine(&ui), Engine::Vllm, "Space cycles round");
    ui.key(Enter);
    assert_eq!(engine(&ui), Engine::Sglang, "so does Enter");
    ui.key(KeyCode::Home);
    assert_eq!(engine(&ui), Engine::Vllm);
    ui.key(KeyCode::End);
    assert_eq!(engine(&ui), Engine::TensorRtLlm);
    ui.key(KeyCode::Char('u'));
    assert_eq!(engine(&ui), Engine::Vllm, "u undoes the switch");
    assert!(!ui.app.modified());

    // The rates follow the engine.
    let vllm = ui.app.outcome.rates.seconds_per_request;
    ui.key(KeyCode::End);
    assert!(ui.app.outcome.rates.seconds_per_request < vllm);

    select(&mut ui, "self_host.precision");
    ui.key(Right);
    assert_eq!(ui.app.scenario.self_host.estimate.precision, Precision::Fp8);
    assert!(ui.screen_text().contains("fp8"));

    // Back to given: the typed rates are in force again and the note says so.
    select(&mut ui, "self_host.throughput");
    ui.key(KeyCode::Char(' '));
    let text = ui.screen_text();
    assert!(
        text.contains("given: prefill and decode as typed"),
        "{text}"
    );
}

#[test]
fn a_missed_latency_target_shows_on_screen() {
    let mut ui = Ui::new("chat-assistant-estimate", 160, 48);
    select(&mut ui, "self_host.ttft_ms");
    ui.key(Enter);
    ui.type_text("10");
    ui.key(Enter);
    assert_eq!(ui.app.scenario.self_host.estimate.ttft_ms, 10.0);
    let text = ui.screen_text();
    // An estimate that cannot be made leaves self-hosting unable to serve (docs/MODEL.md
    // §6.2): no given rates stand in for it, and the verdict says why.
    assert!(
        text.contains("cannot serve: first-token target missed"),
        "{text}"
    );
    assert!(
        text.contains("Hybrid cannot serve: no batch size meets the 10 ms first-token target"),
        "{text}"
    );
    assert_ne!(
        ui.app.outcome.recommendation.choice,
        Some(crossover::model::Choice::SelfHost)
    );
}

#[test]
fn a_throughput_warning_is_on_screen_and_in_the_exported_svg() {
    // The guide's 3,000 decode tok/s for Gemma 3 12B at 75,000-token documents is above what
    // one H100's bandwidth allows with the few requests its KV cache holds.
    let mut ui = Ui::new(GUIDE_2025, 160, 48);
    let text = ui.screen_text();
    assert!(
        text.contains("⚠ the given decode throughput (3,000 tok/s) is above the physical ceiling"),
        "{text}"
    );
    ui.key(KeyCode::Char('w'));
    assert!(ui
        .screen_text()
        .contains("self_host.throughput = \"estimate\" computes it"));
    ui.key(Esc);
    ui.key(KeyCode::Char('e'));
    let dir = ui.app.export_dir.clone();
    let svg = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "svg"))
        .expect("an SVG was exported");
    let svg = std::fs::read_to_string(svg).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let words: Vec<&str> = doc
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .flat_map(|t| t.split_whitespace())
        .collect();
    let all = words.join(" ");
    assert!(
        all.contains(
            "Warning: the given decode throughput (3,000 tok/s) is above the physical ceiling for Gemma 3 12B"
        ),
        "{all}"
    );
    assert!(all.contains("439 tok/s"), "the ceiling is named: {all}");
}

/// With `[owned]` on, the Timeline tab draws the owned fleet's line (docs/MODEL.md §8.1) and
/// says when buying beats renting.
#[test]
fn timeline_tab_with_the_owned_fleet() {
    let dir = TempDir::new().unwrap();
    let mut loaded = library::load_in("chatbot-high-volume", Some(dir.path())).unwrap();
    loaded.scenario.owned.enabled = true;
    loaded.scenario.growth.monthly_rate = 0.08;
    loaded.scenario.growth.horizon_months = 48;
    let mut ui = Ui::with(loaded, dir, 120, 40);
    ui.keys(&[KeyCode::Tab, KeyCode::Tab]);
    assert_eq!(ui.app.tab, crossover::tui::app::Tab::Timeline);
    let text = ui.screen_text();
    assert!(!text.contains("not in the timeline"), "{text}");
    assert!(text.contains("━ owned"), "{text}");
    assert!(
        text.contains("Owned monthly below the API's: month"),
        "{text}"
    );
    assert!(text.contains("Rent or buy: "), "{text}");
    let tl = &ui.app.timeline;
    let own = tl.owned.expect("the owned fleet's answers");
    assert!(tl.months.windows(2).all(|w| w[1].servers >= w[0].servers));
    assert!(
        text.contains(&format!(
            "from month {}",
            own.first_month_buying_beats_renting.unwrap()
        )),
        "{text}"
    );
    insta::assert_snapshot!("timeline_tab_owned", ui.term.backend());
}

/// docs/MODEL.md §7.3 on the Costs tab: with the owned fleet offered and ranges, the summary
/// gives its chances and the bands include it.
#[test]
fn costs_tab_gives_the_owned_fleet_its_band() {
    let dir = TempDir::new().unwrap();
    let mut loaded = library::load_in("guide-legal-docs", Some(dir.path())).unwrap();
    loaded.scenario.owned.enabled = true;
    let ui = Ui::with(loaded, dir, 160, 50);
    let text = ui.screen_text();
    assert!(!text.contains("no band for the owned fleet"), "{text}");
    assert!(text.contains("owned cheaper than the API in"), "{text}");
    let mc = ui.app.bands.current.as_ref().expect("bands computed");
    let owned = mc.owned.as_ref().expect("an owned band");
    assert_eq!(owned.band.len(), mc.volumes.len());
}

/// docs/MODEL.md §8.2 on the Timeline tab: an ops-capacity exclusion that starts as the fleet
/// grows is named with its month, in the panel and the legend.
#[test]
fn timeline_tab_names_exclusions_that_start_later() {
    let dir = TempDir::new().unwrap();
    let mut loaded = library::load_in(DEFAULT_2025, Some(dir.path())).unwrap();
    let sc = &mut loaded.scenario;
    sc.workload.requests_per_day = 100_000.0;
    sc.growth.monthly_rate = 0.3;
    sc.engineering.ops_hours_per_replica_month = 5.0;
    let mut ui = Ui::with(loaded, dir, 160, 50);
    ui.keys(&[KeyCode::Tab, KeyCode::Tab]);
    let text = ui.screen_text();
    assert!(
        text.contains("Self-host excluded from month 8: too few ops hours"),
        "{text}"
    );
    assert!(text.contains("self-host (excluded from m8)"), "{text}");
    assert!(
        text.contains("Best month to switch: none, stay on the API"),
        "{text}"
    );
}

/// An owned fleet the constraints exclude is drawn dim on the Timeline tab, marked so in the
/// legend, and never the switch.
#[test]
fn timeline_tab_mutes_an_excluded_owned_fleet() {
    let dir = TempDir::new().unwrap();
    let mut loaded = library::load_in("guide-legal-docs", Some(dir.path())).unwrap();
    loaded.scenario.owned.enabled = true;
    let mut ui = Ui::with(loaded, dir, 160, 50);
    ui.keys(&[KeyCode::Tab, KeyCode::Tab]);
    let text = ui.screen_text();
    assert!(text.contains("━ owned (cash) (excluded)"), "{text}");
    assert!(
        text.contains("Owned excluded: needs frontier quality"),
        "{text}"
    );
    assert!(
        text.contains("Best month to switch to the hybrid: month 1"),
        "{text}"
    );
}

/// docs/MODEL.md §6.4 on the Timeline tab: an option the constraints exclude is drawn dim, its
/// legend says why, and the best switch never goes to it.
#[test]
fn timeline_tab_mutes_excluded_options() {
    use ratatui::style::Color;
    for (preset, excluded, reason, colours) in [
        (
            "guide-legal-docs",
            &["self-host"][..],
            "excluded: needs frontier quality",
            &[Color::Yellow][..],
        ),
        (
            "privacy-first",
            &["API", "hybrid"][..],
            "excluded: data must stay in-house",
            &[Color::Cyan, Color::Magenta][..],
        ),
    ] {
        let mut ui = Ui::new(preset, 160, 48);
        while ui.app.tab != crossover::tui::app::Tab::Timeline {
            ui.key(KeyCode::Tab);
        }
        let text = ui.screen_text();
        let buf = ui.term.backend().buffer().clone();
        let rows: Vec<&str> = text.lines().collect();
        for name in excluded {
            let legend = format!("━ {name} (excluded)");
            let (y, row) = rows
                .iter()
                .enumerate()
                .find(|(_, r)| r.contains(&legend))
                .unwrap_or_else(|| panic!("{preset}: no {legend:?} in\n{text}"));
            // The chart's box: its bottom border holds the legend.
            let chars: Vec<char> = row.chars().collect();
            let left = chars.iter().position(|&c| c == '└').unwrap() as u16;
            let right = chars.iter().rposition(|&c| c == '┘').unwrap() as u16;
            let at = chars
                .iter()
                .collect::<String>()
                .find(&legend)
                .map(|b| row[..b].chars().count() as u16)
                .unwrap();
            assert_eq!(buf[(at + 2, y as u16)].fg, Color::DarkGray, "{preset}");
            let top = (0..y as u16)
                .rev()
                .find(|&yy| buf[(left, yy)].symbol() == "┌")
                .unwrap();
            for yy in top + 1..y as u16 {
                for x in left + 1..right {
                    assert!(
                        !colours.contains(&buf[(x, yy)].fg),
                        "{preset}: {name} drawn in its colour at {x},{yy}\n{text}"
                    );
                }
            }
        }
        assert!(text.contains(reason), "{preset}: no {reason:?} in\n{text}");
        // The panel's months are the challenger's (the hybrid when frontier quality excludes
        // self-hosting) and none are shown when the API is excluded: never marked excluded.
        let months = rows
            .iter()
            .filter(|r| r.contains("monthly below the API's"));
        assert!(
            months.clone().all(|r| !r.contains("(excluded)")),
            "{preset}\n{text}"
        );
        let named = if excluded.contains(&"API") {
            0
        } else {
            months
                .filter(|r| r.contains("Hybrid monthly below"))
                .count()
        };
        assert_eq!(
            named,
            usize::from(!excluded.contains(&"API")),
            "{preset}\n{text}"
        );
        assert!(
            !rows.iter().any(|r| r.contains("Best month to switch")
                && excluded.iter().any(|n| r.contains(&format!("to the {n}")))),
            "{text}"
        );
    }
}

/// No text of any length in any free-text key (up to 70,000 characters, with line breaks,
/// escapes, NUL, C1 controls, right-to-left overrides and wide characters) panics a report
/// format, a chart, or the dashboard on any tab. The caps refuse such texts where they are
/// read; everything that lays text out copes with any length anyway.
#[test]
fn no_text_of_any_length_panics_any_view_or_format() {
    use crossover::export::{render_view, ChartView, ImageKind};
    use crossover::model::fields::{self, Value};
    use crossover::model::Scenario;
    use crossover::report::{self, Format, View};

    const RAW: [char; 2] = ['\u{1b}', '\u{202e}'];
    const KEYS: [&str; 8] = [
        "name",
        "description",
        "currency",
        "prices_as_of",
        "api.model",
        "self_host.model",
        "self_host.gpu",
        "hybrid.cheap_model",
    ];
    const PIECES: [&str; 16] = [
        "a",
        "W",
        "é",
        "漢",
        " ",
        "\n",
        "\t",
        "\u{0}",
        "\u{1b}[2J",
        "\u{9b}",
        "\u{202e}",
        "%",
        "{}",
        ": ",
        "<&>",
        "|*_",
    ];
    // Fixed cases, so the run costs the same every time (random lengths made it take 30 s or
    // 100 s): every piece in one text four times longer than the longest text any file may
    // hold (fields::DESCRIPTION_CAP, 2,000: a longer one is refused where it is read, so this
    // text reaches the views only through this test), one word without spaces past a line's
    // width, the caps' edges (257 and 2,001 characters) and nothing at all. The long case was
    // 70,000 characters: the same paths, at nearly five times the cost (7.6 s of CPU against
    // 1.6 s for the whole test).
    let all = PIECES.concat();
    let catalog = crossover::catalog::shipped();
    let cases = [
        (all.as_str(), 4 * crossover::model::fields::DESCRIPTION_CAP),
        ("漢W%", 2_001),
        ("<&>\u{202e}: ", 257),
        ("a", 0),
    ];
    for (unit, len) in cases {
        let text: String = unit.chars().cycle().take(len).collect();
        let mut sc = Scenario::default();
        // The texts are what this test is about: 50 Monte Carlo samples take every path the
        // default 2,000 do (the reports' uncertainty rows, the bands) at a fortieth of the cost.
        sc.uncertainty.samples = 50;
        for key in KEYS {
            fields::field(key)
                .unwrap()
                .set(&mut sc, Value::Text(text.clone()));
        }
        for format in [Format::Text, Format::Markdown, Format::Csv, Format::Json] {
            let out = report::render(
                &sc,
                &catalog,
                (View::All, format),
                &report::Context::default(),
            );
            assert!(!out.contains(RAW), "a raw control in {format:?} ({len})");
        }
        for view in [
            ChartView::Costs,
            ChartView::Sensitivity,
            ChartView::Timeline,
        ] {
            let svg = render_view(
                &sc,
                &catalog,
                view,
                ImageKind::Svg,
                (800, 450),
                "2026-01-01",
            )
            .unwrap();
            let svg = String::from_utf8(svg).unwrap();
            assert!(roxmltree::Document::parse(&svg).is_ok(), "{view:?} ({len})");
        }
        render_view(
            &sc,
            &catalog,
            ChartView::Costs,
            ImageKind::Png,
            (400, 225),
            "2026-01-01",
        )
        .unwrap();
        let loaded = Loaded {
            name: text.clone(),
            source: library::Source::Shipped,
            scenario: sc,
            notes: vec![text.clone()],
        };
        let mut ui = Ui::with(loaded, TempDir::new().unwrap(), 120, 40);
        for _ in 0..4 {
            let screen = ui.screen_text();
            assert!(!screen.contains(RAW), "a raw control on screen ({len})");
            ui.key(KeyCode::Tab);
        }
    }
}

/// docs/MODEL.md §6.11: a scenario with `api.price_schedule` says on the dashboard which API
/// price is in force today (2025-11-25 in these tests) and when the next one starts.
#[test]
fn a_price_schedule_is_said_on_the_dashboard() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("scheduled.toml");
    std::fs::write(
        &file,
        "[api]\nprice_schedule = [{ from = \"2026-01-01\", input_per_mtok = 5.0, output_per_mtok = 20.0 }]\n",
    )
    .unwrap();
    let loaded =
        crossover::preset::library::load_in(file.to_str().unwrap(), Some(dir.path())).unwrap();
    let ui = crate::common::ui::Ui::with(loaded, tempfile::TempDir::new().unwrap(), 240, 60);
    let text: String = ui
        .screen_text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("API price in force on 2025-11-25: $2.50/$10.00 per Mtok in/out (cached $1.25); from 2026-01-01 (timeline month 3)"),
        "{text}"
    );
}

/// The Sensitivity tab's flip panel (docs/MODEL.md §7.4): the report's nearest rows,
/// computed on a worker off the input thread (inline here). The reference defaults take the
/// API on cost and flip to self-hosting above 15,361.12 requests/day (S / $0.01).
#[test]
fn the_flip_panel_shows_what_would_flip_the_answer() {
    let mut ui = Ui::new("reference", 120, 48);
    ui.key(KeyCode::Tab);
    let text = ui.screen_text();
    assert!(text.contains("What would flip the answer:"), "{text}");
    assert!(
        text.contains("above 15,361.12 req/day → Self-host"),
        "{text}"
    );
    assert!(
        text.contains("below $0.47/GPU-h → Self-host (cost)"),
        "{text}"
    );
    insta::assert_snapshot!("flip_panel", ui.term.backend());
}

/// Issue 24 item 8: the Costs tab's Monte Carlo bands are dotted in darker shades of their
/// options' hues (the 256-colour palette), which terminals that ignore the dim attribute still
/// show apart from the lines, and the legend names them.
#[test]
fn the_bands_are_dotted_in_darker_shades_and_named() {
    use ratatui::style::{Color, Modifier};
    // Wide enough for the legend to name the bands after the lines and "now".
    let ui = Ui::new(GUIDE_2025, 160, 40);
    assert!(ui.app.bands.current.is_some());
    let text = ui.screen_text();
    assert!(text.contains("⠒ P10–P90"), "{text}");
    let buf = ui.term.backend().buffer();
    // Self-hosting's and the hybrid's bands are wide here; the API's lies under its line (its
    // shade then shows in the legend).
    for shade in [136u8, 96] {
        let cells: Vec<_> = buf
            .content()
            .iter()
            .filter(|c| c.fg == Color::Indexed(shade))
            .collect();
        assert!(!cells.is_empty(), "shade {shade}: no cells");
        assert!(cells.iter().all(|c| !c.modifier.contains(Modifier::DIM)));
    }
}
