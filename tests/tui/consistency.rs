//! One assessment, every surface (issue 21): over 200 seeded random scenarios (options that
//! cannot serve, constraint exclusions, nothing able to serve, billing modes, tiers, the owned
//! fleet), the text, Markdown, CSV and JSON reports and the dashboard say the same verdict, the
//! same allowed and unable options with their reasons, and every blocker; the reports every
//! warning. A surface changed on its own fails here.

use crossover::catalog;
use crossover::export::{ChartView, ImageKind, Prepared};
use crossover::model::assessment::{Assessment, Severity};
use crossover::model::fleet::at_local_volume;
use crossover::model::flips::flips;
use crossover::model::{Choice, Scenario};
use crossover::preset::library::{self, Loaded};
use crossover::preset::overrides;
use crossover::report::{flip_cells, FLIPS_IN_COSTS};
use crossover::report::{render_assessment, Context, Format, View};
use crossover::sanitize;
use crossover::wording;
use tempfile::TempDir;

use crate::common::ui::Ui;

/// A small seeded generator, so that every run draws the same scenarios.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// One scenario as `--set` specs over the defaults.
fn scenario(d: &mut Draw) -> (Scenario, Vec<String>) {
    let mut specs = vec![
        format!(
            "workload.requests_per_day={}",
            d.pick(&["50", "2000", "30000", "400000", "2000000"])
        ),
        format!(
            "workload.input_tokens={}",
            d.pick(&["500", "2000", "20000", "40000", "60000"])
        ),
        format!("workload.output_tokens={}", d.pick(&["200", "500", "3000"])),
        format!(
            "self_host.model={}",
            d.pick(&["Llama 3.1 8B", "Mixtral 8x7B", "Llama 3.1 70B"])
        ),
        format!("self_host.gpus_per_replica={}", d.pick(&["1", "2", "4"])),
    ];
    let mut add = |d: &mut Draw, p: u64, spec: &str| {
        if d.chance(p) {
            specs.push(spec.to_string());
        }
    };
    add(d, 30, "self_host.throughput=estimate");
    add(d, 15, "constraints.data_must_stay_in_house=true");
    add(d, 20, "constraints.needs_frontier_quality=true");
    add(d, 10, "constraints.ops_hours_per_month=5");
    add(d, 10, "constraints.launch_deadline_weeks=1");
    add(d, 20, "api.context_window=1000");
    add(d, 15, "api.context_window=30000");
    add(d, 20, "self_host.billing=active_hours");
    add(d, 10, "self_host.billing=per_second");
    add(d, 20, "hybrid.cheap_share=0.2");
    add(d, 20, "owned.enabled=true");
    let mut sc = Scenario::default();
    for s in &specs {
        overrides::apply(&mut sc, s).unwrap();
    }
    (sc, specs)
}

/// Markdown carries `s` as written or escaped as Markdown text.
fn md_has(md: &str, s: &str) -> bool {
    md.contains(s) || md.contains(&sanitize::markdown(s))
}

/// What every surface must carry for one assessment; the first surface that drops something
/// is named.
fn check(a: &Assessment, specs: &[String], ui: Option<&Ui>) {
    let o = &a.outcome;
    let verdict = wording::verdict(o.recommendation.choice);
    let ctx = Context::default();
    let text = render_assessment(a, View::Costs, Format::Text, &ctx);
    let md = render_assessment(a, View::Costs, Format::Markdown, &ctx);
    let csv = render_assessment(a, View::Costs, Format::Csv, &ctx);
    let json: serde_json::Value =
        serde_json::from_str(&render_assessment(a, View::Costs, Format::Json, &ctx)).unwrap();
    let at = format!("{specs:?}");
    assert!(
        text.contains(&format!("Recommendation: {verdict} (")),
        "text verdict, {at}"
    );
    assert!(
        md.contains(&format!("**Verdict: {verdict}**")),
        "markdown verdict, {at}"
    );
    assert_eq!(
        json["recommendation"]["choice"],
        o.recommendation
            .choice
            .map_or(serde_json::Value::Null, |c| c.key().into()),
        "json verdict, {at}"
    );
    match (
        json["recommended_breakeven_requests_per_day"].as_f64(),
        o.recommended_breakeven_requests_per_day,
    ) {
        (Some(j), Some(m)) => assert!((j - m).abs() <= 1e-12 * m.abs().max(1.0), "{at}"),
        (j, m) => assert_eq!(j, m, "json recommended break-even, {at}"),
    }
    match (
        json["recommended_payback_months"].as_f64(),
        o.recommended_payback_months,
    ) {
        (Some(j), Some(m)) => assert!((j - m).abs() <= 1e-12 * m.abs().max(1.0), "{at}"),
        (j, m) => assert_eq!(j, m, "payback, {at}"),
    }
    for (c, e) in &o.allowed.options {
        let j = &json["allowed"][c.key()];
        assert_eq!(j["allowed"], e.is_none(), "json allowed {c:?}, {at}");
        let Some(e) = e else { continue };
        assert_eq!(j["reason"], e.reason(), "json reason {c:?}, {at}");
        if *c == Choice::Owned {
            continue;
        }
        if e.cannot_serve() {
            // Each report's row for the option says it cannot serve, and why.
            let row = text
                .lines()
                .find(|l| l.trim_start().starts_with(c.label()))
                .unwrap_or_default();
            assert!(row.contains(&e.reason()), "text row {c:?}: {row}, {at}");
            assert!(!row.contains("cheapest"), "text marks {c:?} cheapest, {at}");
            assert!(md_has(&md, &e.reason()), "markdown reason {c:?}, {at}");
        }
        assert_ne!(o.recommendation.choice, Some(*c), "{at}");
    }
    // Blockers everywhere, warnings in every report; the JSON lists them in order.
    let warnings = a.warnings();
    assert_eq!(
        json["warnings"],
        serde_json::json!(warnings),
        "json warnings, {at}"
    );
    for w in &warnings {
        assert!(
            text.contains(&format!("warning: {w}")),
            "text lacks {w:?}, {at}"
        );
        assert!(md_has(&md, w), "markdown lacks {w:?}, {at}");
        assert!(
            csv.contains(&format!("# warning: {w}")),
            "csv lacks {w:?}, {at}"
        );
    }
    if let Some(words) = flips_agree(a, &text, &md, &json, &at) {
        // The CSV's flip table (after the tornado) words a cannot-serve flip as the others do;
        // drawn only where such a row exists (a flip table costs milliseconds).
        let csv = render_assessment(a, View::Sensitivity, Format::Csv, &ctx);
        assert!(
            csv.contains(&format!(",\"{words}\"\n")),
            "csv flips lack {words:?}, {at}"
        );
    }
    calibration_agrees(a, &text, &md, &json, &at);
    let blockers: Vec<_> = a.of_severity(Severity::Blocker).collect();
    assert_eq!(
        o.recommendation.choice.is_none(),
        blockers
            .iter()
            .any(|b| b.text.starts_with("None of the options")),
        "{at}"
    );
    if let Some(ui) = ui {
        let screen = ui
            .screen_text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            screen.contains(&format!("Recommendation: {verdict}")),
            "dashboard verdict, {at}"
        );
        // No chart marks the break-even of an option that cannot serve.
        if o.recommended_breakeven_requests_per_day.is_none() {
            // ("no self-host break-even" may be said; a marker at a volume may not.)
            for marker in ["self-host break-even ", "hybrid break-even "] {
                let marked = screen
                    .match_indices(marker)
                    .any(|(i, m)| screen[i + m.len()..].starts_with(|c: char| c.is_ascii_digit()));
                assert!(!marked, "dashboard marker, {at}");
            }
        }
        // Nor a crossing with the API when the API or self-hosting cannot serve.
        if o.marked_crossings().is_empty() {
            let marked = screen.match_indices("crossing").any(|(i, m)| {
                let after = &screen[i + m.len()..];
                after.starts_with(" ×")
                    || after.starts_with("s from")
                    || after.starts_with(' ')
                        && after[1..].starts_with(|c: char| c.is_ascii_digit())
            });
            assert!(!marked, "dashboard crossing, {at}");
        }
        for (c, e) in &ui.app.outcome.allowed.options {
            assert_eq!(
                Some(e),
                o.allowed
                    .options
                    .iter()
                    .find(|(x, _)| x == c)
                    .map(|(_, e)| e),
                "dashboard verdicts, {at}"
            );
        }
    }
}

/// With a fit of the user's runs in use, the reports name it where they would say "estimate",
/// and the JSON carries it; without one (given rates), the JSON has none.
fn calibration_agrees(a: &Assessment, text: &str, md: &str, json: &serde_json::Value, at: &str) {
    let Some(fit) = crossover::calibrate::apply::in_use(&a.scenario) else {
        assert!(json["calibration"].is_null(), "json calibration, {at}");
        return;
    };
    assert_eq!(
        json["calibration"]["runs"], fit.runs,
        "json calibration, {at}"
    );
    assert_eq!(json["calibration"]["date"], fit.date.as_str(), "{at}");
    if a.outcome.serving.estimated_rates.is_some() {
        let phrase = fit.phrase();
        assert!(text.contains(&phrase), "text calibration, {at}");
        assert!(
            md.contains(&format!("per replica ({phrase})")),
            "markdown calibration, {at}"
        );
        assert!(!md.contains("(ESTIMATE)"), "markdown says ESTIMATE, {at}");
    }
}

/// A fit of `sc`'s own replica (model, GPU, GPUs, precision, engine as the catalog names them).
fn fit_for(sc: &Scenario) -> crossover::calibrate::store::Fit {
    let lib = crossover::catalog::library();
    let sh = &sc.self_host;
    crossover::calibrate::store::Fit {
        model: lib.model(&sh.model).unwrap().arch.name.clone(),
        gpu: lib.gpu(&sh.gpu).unwrap().spec.name.clone(),
        gpus: sh.gpus_per_replica,
        precision: sh.estimate.precision.name().into(),
        engine: sh.estimate.engine.name().into(),
        ..carried_fit()
    }
}

/// The words of an SVG's `<text>`s in drawing order, one string, whitespace collapsed.
fn svg_words(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    texts
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The exported chart's side panel: the verdict; every blocker, or, when room is short, a
/// count of the lines left off that covers each one missing, and then nothing given up later
/// (a warning) still shown; and no mark for an option that cannot serve.
fn svg_panel_agrees(a: &Assessment, at: &str) {
    let o = &a.outcome;
    let verdict = wording::verdict(o.recommendation.choice);
    let chart = Prepared::of(a, ChartView::Costs, "2025-11-25", None);
    let blockers: Vec<String> = a
        .of_severity(Severity::Blocker)
        .map(|b| b.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for (w, h) in [(1600, 900), (800, 450)] {
        let svg = String::from_utf8(chart.encode(ImageKind::Svg, w, h).unwrap()).unwrap();
        let words = svg_words(&svg);
        let at = format!("{w}x{h}, {at}\n{words}");
        assert!(
            words.contains(&format!("Verdict: {verdict}")),
            "svg verdict, {at}"
        );
        let missing = blockers
            .iter()
            .filter(|b| !words.contains(b.as_str()))
            .count();
        let left_off: usize = words
            .split_once(" line")
            .filter(|(_, rest)| rest.starts_with(" left off") || rest.starts_with("s left off"))
            .and_then(|(head, _)| head.rsplit_once('+'))
            .map_or(0, |(_, n)| n.parse().unwrap());
        assert!(
            missing <= left_off,
            "svg drops {missing} blocker(s), counts {left_off}, {at}"
        );
        if missing > 0 {
            assert!(
                !words.contains("Warning: "),
                "a warning outlasts a blocker, {at}"
            );
        }
        if o.marked_crossings().is_empty() {
            assert!(!words.contains("crossing"), "svg crossing, {at}");
        }
        if o.recommended_breakeven_requests_per_day.is_none() {
            assert!(!words.contains("break-even"), "svg break-even, {at}");
        }
    }
}

/// The dashboard's Timeline and Fleet tabs: the report's verdict in their panels, the timeline
/// weighing the report's challenger, the fleet ranked at the volume `compare` ranks at.
fn tabs_agree(a: &Assessment, ui: &mut Ui, at: &str) {
    let o = &a.outcome;
    let verdict = format!(
        "Recommendation: {}",
        wording::verdict(o.recommendation.choice)
    );
    let ctx = Context::default();
    let tl: serde_json::Value =
        serde_json::from_str(&render_assessment(a, View::Timeline, Format::Json, &ctx)).unwrap();
    ui.keys(&[
        crossterm::event::KeyCode::Tab,
        crossterm::event::KeyCode::Tab,
    ]);
    let panel = panel_text(ui, ui.app.screen.summary);
    assert!(panel.contains(&verdict), "timeline verdict, {at}");
    assert_eq!(
        tl["challenger"],
        ui.app.timeline.challenger.key(),
        "timeline challenger, {at}"
    );
    assert_eq!(
        tl["best_switch_month"],
        serde_json::json!(ui.app.timeline.best_switch_month),
        "{at}"
    );
    if tl["api_excluded"].is_null() {
        let who = ui.app.timeline.challenger.label();
        assert!(
            panel.contains(&format!("{who} monthly below the API's")),
            "timeline who, {at}"
        );
    }
    ui.key(crossterm::event::KeyCode::Tab);
    let panel = panel_text(ui, ui.app.screen.summary);
    assert!(panel.contains(&verdict), "fleet verdict, {at}");
    if let Some(r) = ui.app.fleet.ranking() {
        let want = at_local_volume(&a.scenario, o.recommendation.choice)
            .workload
            .requests_per_day;
        let got = r.comparison.requests_per_day;
        assert!(
            (got - want).abs() <= 1e-9 * want.max(1.0),
            "fleet volume {got} vs {want}, {at}"
        );
    }
}

/// The flip table (docs/MODEL.md §7.4) is the model's on every report: JSON row by row, text
/// and Markdown its nearest rows as the same cells. Returns the words of its first row that
/// flips because today's option cannot serve, if any (the CSV carries them too).
fn flips_agree(
    a: &Assessment,
    text: &str,
    md: &str,
    json: &serde_json::Value,
    at: &str,
) -> Option<String> {
    let t = flips(&a.scenario);
    let rows = json["flips"].as_array().expect("json flips");
    assert_eq!(rows.len(), t.rows.len(), "json flips, {at}");
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (i, (j, r)) in rows.iter().zip(&t.rows).enumerate() {
        assert_eq!(j["key"], r.key, "{at}");
        assert_eq!(
            j["to"],
            r.to.map_or(serde_json::Value::Null, |c| c.key().into()),
            "{at}"
        );
        assert_eq!(j["reason"], r.reason.key(), "{at}");
        assert_eq!(
            j["cannot_serve"]["option"],
            r.cannot_serve
                .map_or(serde_json::Value::Null, |c| c.option.key().into()),
            "{at}"
        );
        // One wording of a cannot-serve flip: JSON's `text` is the words text and Markdown
        // put in the row's last cell.
        assert_eq!(
            j["cannot_serve"]["text"],
            r.cannot_serve
                .map_or(serde_json::Value::Null, |c| wording::flip_cannot_serve(c)
                    .into()),
            "{at}"
        );
        if i >= FLIPS_IN_COSTS {
            continue;
        }
        let [label, now, change, to] = flip_cells(r, &a.scenario.currency);
        let line = format!("{label} {now} {change} {to}");
        assert!(text.contains(&line), "text lacks {line:?}, {at}");
        let row = format!("| {label} | {now} | {change} | {to} |");
        assert!(md_has(md, &row), "markdown lacks {row:?}, {at}");
        if let Some(c) = r.cannot_serve {
            let words = wording::flip_cannot_serve(c);
            assert!(to.contains(&format!("({words})")), "{to:?}, {at}");
        }
    }
    t.rows
        .iter()
        .find_map(|r| r.cannot_serve)
        .map(wording::flip_cannot_serve)
}

#[test]
fn every_surface_says_the_same_over_200_random_scenarios() {
    let catalog = catalog::shipped();
    let mut d = Draw(0x21);
    let mut seen = [0usize; 5];
    for i in 0..200 {
        let (mut sc, mut specs) = scenario(&mut d);
        // One scenario in five carries a fit of the user's runs for its own replica (as a
        // preset's `[calibration]` does); it is in use where the throughput is estimated.
        if i % 5 == 3 {
            sc.calibration_fit = Some(std::sync::Arc::new(fit_for(&sc)));
            specs.push("[calibration] of this replica".into());
        }
        let a = Assessment::of(&sc, &catalog, "2025-11-25");
        let o = &a.outcome;
        seen[0] += usize::from(o.recommendation.choice.is_none());
        seen[1] += usize::from(
            o.allowed
                .options
                .iter()
                .any(|(_, e)| e.is_some_and(|e| e.cannot_serve())),
        );
        seen[2] += usize::from(
            o.allowed
                .options
                .iter()
                .any(|(_, e)| e.is_some_and(|e| !e.cannot_serve())),
        );
        seen[4] += usize::from(
            crossover::calibrate::apply::in_use(&a.scenario).is_some()
                && o.serving.estimated_rates.is_some(),
        );
        // The dashboard for one scenario in four (it is the slowest surface to build).
        let ui = (i % 4 == 0).then(|| {
            let loaded = Loaded {
                name: "random".into(),
                source: library::Source::Shipped,
                scenario: sc.clone(),
                notes: Vec::new(),
            };
            seen[3] += 1;
            Ui::with(loaded, TempDir::new().unwrap(), 120, 40)
        });
        check(&a, &specs, ui.as_ref());
        let at = format!("{specs:?}");
        match (i % 8, ui) {
            (4, Some(mut ui)) => tabs_agree(&a, &mut ui, &at),
            (2, _) => svg_panel_agrees(&a, &at),
            _ => {}
        }
    }
    // The draw reaches every case the test is about.
    assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
}

/// The dashboard's `e` writes the Markdown `crossover report --format markdown` prints for the
/// same scenario (its chart link aside), stale-price warning included.
#[test]
fn e_writes_the_reports_markdown() {
    let sc = Scenario {
        prices_as_of: "2024-01".into(),
        ..Scenario::default()
    };
    let loaded = Loaded {
        name: "default".into(),
        source: library::Source::Shipped,
        scenario: sc,
        notes: Vec::new(),
    };
    let mut ui = Ui::with(loaded, TempDir::new().unwrap(), 120, 40);
    ui.key(crossterm::event::KeyCode::Char('e'));
    let dir = ui.app.export_dir.clone();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        // The Markdown report and the chart it links (the HTML report beside them is
        // tests/cli's).
        .filter(|n| n.starts_with("crossover-") && !n.ends_with(".html"))
        .collect();
    names.sort();
    let md = std::fs::read_to_string(dir.join(&names[0])).unwrap();
    assert!(
        md.contains("prices as of 2024-01 are 22 months old"),
        "{md}"
    );
    let a = Assessment::of(&ui.app.scenario, &catalog::shipped(), &ui.app.today);
    let ctx = Context {
        chart_link: Some(names[1].clone()),
        footer: Some(crossover::export::footer(&ui.app.today)),
        ..Context::default()
    };
    assert_eq!(
        md,
        render_assessment(&a, View::Costs, Format::Markdown, &ctx)
    );
}

/// Switching the throughput to the estimate in the dashboard drops the `[uncertainty]` ranges
/// on the given rates (the guide of 2025 has them on prefill and decode), and the status line
/// says so; the other ranges stay. It was refused as a conflict.
#[test]
fn switching_to_the_estimate_drops_the_ranges_on_the_given_rates() {
    let mut ui = Ui::new(crate::common::ui::GUIDE_2025, 120, 40);
    let before = ui.app.scenario.uncertainty.ranges.len();
    ui.go_to("self_host.throughput");
    ui.key(crossterm::event::KeyCode::Char(' '));
    let sc = &ui.app.scenario;
    assert_eq!(
        sc.self_host.estimate.source,
        crossover::model::throughput::settings::Source::Estimate
    );
    let keys: Vec<&str> = sc.uncertainty.ranges.iter().map(|r| r.key).collect();
    assert_eq!(keys.len(), before - 2, "{keys:?}");
    assert!(keys.contains(&"self_host.gpu_per_hour"), "{keys:?}");
    let status = ui.app.status.as_ref().unwrap();
    assert!(!status.error, "{}", status.text);
    assert_eq!(status.text, crossover::wording::RANGES_DROPPED);
    // The note goes with its step: undo takes it back (the export listed it still), redo
    // brings it again.
    let dropped = crossover::wording::RANGES_DROPPED.to_string();
    assert!(ui.app.notes.contains(&dropped));
    ui.key(crossterm::event::KeyCode::Char('u'));
    assert_eq!(ui.app.scenario.uncertainty.ranges.len(), before);
    assert!(!ui.app.notes.contains(&dropped), "{:?}", ui.app.notes);
    ui.ctrl('r');
    assert!(ui.app.notes.contains(&dropped), "{:?}", ui.app.notes);
}

/// With the command line's picks and `--set`s, the dashboard's `e` writes what `crossover
/// report --format markdown` prints for the same arguments on the same day, the picks' notes
/// in "Sources and assumptions" included; only the chart link is its own.
#[test]
fn e_writes_the_reports_markdown_with_the_picks_notes() {
    let set = |s: &str| s.to_string();
    let args = crossover::cli::args::ScenarioArgs {
        preset: None,
        set: vec![set("workload.input_tokens=20000")],
        api: None,
        gpu: Some(set("H100 SXM")),
        local: None,
        cheap: None,
    };
    let loaded = crossover::cli::load_scenario_in(&args, &catalog::shipped()).unwrap();
    assert!(!loaded.notes.is_empty());
    let mut ui = Ui::with(loaded, TempDir::new().unwrap(), 120, 40);
    ui.key(crossterm::event::KeyCode::Char('e'));
    let dir = ui.app.export_dir.clone();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        // The Markdown report and the chart it links (the HTML report beside them is
        // tests/cli's).
        .filter(|n| n.starts_with("crossover-") && !n.ends_with(".html"))
        .collect();
    names.sort();
    let md = std::fs::read_to_string(dir.join(&names[0])).unwrap();
    let own = [format!(
        "\n![Daily cost against daily volume](<{}>)\n",
        names[1]
    )];
    assert!(own.iter().all(|o| md.contains(o.as_str())), "{md}");
    let md = own.iter().fold(md, |md, o| md.replacen(o.as_str(), "", 1));
    let cfg = TempDir::new().unwrap();
    let report = crate::common::cli::stdout_of(
        &cfg,
        &[
            "report",
            "--gpu",
            "H100 SXM",
            "--set",
            "workload.input_tokens=20000",
            "--format",
            "markdown",
        ],
    );
    assert!(report.contains("## Sources and assumptions"), "{report}");
    assert_eq!(md, report);
}

/// At 80×24 the verdict is visible on every tab (Costs, Sensitivity, Timeline, Fleet), over a
/// sample of the seeded scenarios (one in eight: each tab is a full redraw). Not yet: the
/// Sensitivity tab at 80×24 shows the tornado and its text without the verdict (the first
/// sampled scenario fails on tab 1).
/// The text inside a panel's border, its rows joined, whitespace collapsed: what a reader sees
/// in it, a wrapped line read as one.
fn panel_text(ui: &Ui, r: ratatui::layout::Rect) -> String {
    let buf = ui.term.backend().buffer();
    let mut s = String::new();
    for y in r.y + 1..(r.y + r.height).saturating_sub(1) {
        for x in r.x + 1..(r.x + r.width).saturating_sub(1) {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push(' ');
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At 80×24 and 120×40 the verdict is in the summary panel of every tab (one scenario in
/// eight; it was missing from the Sensitivity tab).
#[test]
fn the_verdict_is_visible_on_every_tab_at_80x24() {
    let catalog = catalog::shipped();
    let mut d = Draw(0x21);
    let mut checked = 0;
    for i in 0..200 {
        let (sc, specs) = scenario(&mut d);
        if i % 8 != 0 {
            continue;
        }
        let a = Assessment::of(&sc, &catalog, "2025-11-25");
        let verdict = wording::verdict(a.outcome.recommendation.choice);
        let size = if i % 16 == 0 { (80, 24) } else { (120, 40) };
        let loaded = Loaded {
            name: "random".into(),
            source: library::Source::Shipped,
            scenario: sc.clone(),
            notes: Vec::new(),
        };
        let mut ui = Ui::with(loaded, TempDir::new().unwrap(), size.0, size.1);
        for tab in 0..4 {
            let panel = panel_text(&ui, ui.app.screen.summary);
            assert!(
                panel.contains(&format!("Recommendation: {verdict}")),
                "tab {tab} ({:?}) at {size:?} lacks the verdict, {specs:?}\n{}",
                ui.app.tab,
                ui.screen_text()
            );
            ui.key(crossterm::event::KeyCode::Tab);
        }
        checked += 1;
    }
    assert_eq!(checked, 25);
}

/// The API input prices the Monte Carlo bands were asked for (a spy in place of the worker).
static BAND_PRICES: std::sync::Mutex<Vec<f64>> = std::sync::Mutex::new(Vec::new());

fn spy(sc: &Scenario) -> crossover::model::uncertainty::MonteCarlo {
    BAND_PRICES.lock().unwrap().push(sc.api.input_per_mtok);
    let mut small = sc.clone();
    small.uncertainty.samples = 8;
    crossover::model::uncertainty::monte_carlo(&small, 4, 1)
}

/// The dashboard's Monte Carlo bands cost the dated API price in force today (docs/MODEL.md
/// §6.11), as its outcome and `report --view uncertainty` do; they costed `api.input_per_mtok`
/// (the guide's $3.00) when a schedule said $5.00 from 2025-01-01. The summary's schedule line
/// reads the scenario resolved once per change.
#[test]
fn the_bands_cost_the_api_price_in_force_today() {
    let dir = TempDir::new().unwrap();
    let mut loaded = library::load_in(crate::common::ui::GUIDE_2025, Some(dir.path())).unwrap();
    loaded.scenario.api.price_schedule = vec![crossover::model::scenario::PriceStep {
        from: "2025-01-01".into(),
        input_per_mtok: 5.0,
        output_per_mtok: 20.0,
        cached_input_per_mtok: 0.5,
    }];
    assert!(!loaded.scenario.uncertainty.ranges.is_empty());
    let mut app = crossover::tui::App::new(loaded, crate::common::ui::setup(&dir));
    app.bands.worker.inline = true;
    app.bands.compute = spy;
    app.fleet.worker.inline = true;
    BAND_PRICES.lock().unwrap().clear();
    app.recompute();
    assert_eq!(app.resolved.api.input_per_mtok, 5.0);
    assert_eq!(
        app.scenario.api.input_per_mtok, 3.0,
        "the scenario keeps its base price"
    );
    assert_eq!(*BAND_PRICES.lock().unwrap(), [5.0]);
}

/// A fit of the user's runs for chat-assistant-estimate's replica (Llama 3.1 8B bf16 on 1 ×
/// H100 SXM, vLLM), carried by the scenario as a preset's `[calibration]` carries it.
fn carried_fit() -> crossover::calibrate::store::Fit {
    crossover::calibrate::store::Fit {
        model: "Llama 3.1 8B".into(),
        gpu: "H100 SXM".into(),
        gpus: 1,
        precision: "bf16".into(),
        engine: "vllm".into(),
        date: "2026-12-01".into(),
        runs: 3,
        bandwidth_share: 0.6,
        compute_share: 0.5,
        overhead_ms: 20.0,
        step_ms: 7.5,
        estimator_bandwidth_share: 0.79,
        estimator_compute_share: 0.55,
        capacity_fitted: true,
        median_error_pct: 3.0,
        worst_error_pct: 6.0,
        files: vec![crossover::calibrate::store::Source {
            name: "sweep.json".into(),
            sha256: "ab".repeat(32),
        }],
        notes: Vec::new(),
        run_lines: Vec::new(),
    }
}

/// With a fit in use, every surface names it instead of calling the throughput an estimate:
/// the reports (text, Markdown, JSON), the dashboard (summary, the parameters' note, the `w`
/// overlay) and the exported chart's side panel (issue 28).
#[test]
fn a_calibrated_scenario_says_so_on_every_surface() {
    let dir = TempDir::new().unwrap();
    let mut loaded = library::load_in("chat-assistant-estimate", Some(dir.path())).unwrap();
    loaded.scenario.calibration_fit = Some(std::sync::Arc::new(carried_fit()));
    let phrase = "calibrated from your measurements (3 runs, 2026-12-01)";
    let a = Assessment::of(&loaded.scenario, &catalog::shipped(), "2026-12-07");
    let ctx = Context::default();
    let text = render_assessment(&a, View::Costs, Format::Text, &ctx);
    let md = render_assessment(&a, View::Costs, Format::Markdown, &ctx);
    let json: serde_json::Value =
        serde_json::from_str(&render_assessment(&a, View::Costs, Format::Json, &ctx)).unwrap();
    assert!(text.contains(phrase), "{text}");
    assert!(md.contains(&format!("per replica ({phrase})")), "{md}");
    assert!(!md.contains("ESTIMATE"), "{md}");
    assert_eq!(json["calibration"]["runs"], 3);
    assert_eq!(json["calibration"]["date"], "2026-12-01");
    assert_eq!(json["calibration"]["file_hashes"][0], "ab".repeat(32));
    // CSV: one header line after the notes, before the table's own header.
    let csv = render_assessment(&a, View::Costs, Format::Csv, &ctx);
    let header = format!(
        "# calibration: runs=3,date=2026-12-01,latency_only=false,file_hashes={}\nrequests_per_day,",
        "ab".repeat(32)
    );
    assert!(csv.contains(&header), "{csv}");
    // The published table's regimes do not speak for a fit of the user's runs.
    assert!(!text.contains("calibrated regimes"), "{text}");

    let chart = Prepared::of(&a, ChartView::Costs, "2026-12-07", None);
    let svg = String::from_utf8(chart.encode(ImageKind::Svg, 1600, 900).unwrap()).unwrap();
    let words = svg_words(&svg);
    assert!(
        words.contains("calibrated from your measurements"),
        "{words}"
    );
    assert!(!words.contains("(estimate)"), "{words}");

    let mut ui = Ui::with(loaded, dir, 160, 50);
    let screen = ui.screen_text();
    let title = screen.lines().next().unwrap_or_default();
    assert!(
        title.contains(") · calibrated (3 runs, 2026-12-01) · "),
        "the title bar\n{screen}"
    );
    assert!(
        screen.contains(&format!("Self-host throughput {phrase}")),
        "{screen}"
    );
    assert!(
        screen.contains("calibrated: KV cache, "),
        "the parameters' note\n{screen}"
    );
    ui.key(crossterm::event::KeyCode::Char('w'));
    let why = ui.screen_text();
    assert!(why.contains("Calibration"), "{why}");
    assert!(why.contains("bandwidth share 0.600 of peak"), "{why}");
    assert!(why.contains("fixed 7.5 ms per"), "{why}");
    ui.key(crossterm::event::KeyCode::Esc);

    // The Fleet tab ranks the fit's replica with it, marked; no other configuration.
    use crossterm::event::KeyCode::Tab;
    ui.keys(&[Tab, Tab, Tab]);
    let rows = ui.app.fleet.ranking().unwrap().comparison.rows.clone();
    let marked: Vec<_> = rows.iter().filter(|r| r.calibration.is_some()).collect();
    assert!(!marked.is_empty());
    for r in &marked {
        assert_eq!(
            (r.gpu.as_str(), r.gpus_per_replica),
            ("H100 SXM", 1),
            "{r:?}"
        );
        assert_eq!(r.precision.name(), "bf16");
        assert!(wording::fleet_config(r).ends_with("bf16 (calibrated)"));
    }
}
