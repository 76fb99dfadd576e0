//! `update(&mut App, Action)`: where the dashboard's state changes on a key or a click. It
//! touches no disk and starts no thread: what must happen outside (list, load or save presets,
//! export, start the Monte Carlo bands and the Fleet ranking for a changed scenario) comes back
//! as [`Effect`]s for the run loop, and their outcome returns through [`finish`]. The
//! overlays' scroll limits are read from [`App::scroll_max`], which each frame's layout
//! writes.

use super::action::Action;
use super::app::{App, CatalogKind, Mode};
use super::catalog_pick;
use super::effect::{Done, Effect};
use super::export::ExportJob;
use super::params::{parse_typed, typed_text, PARAMS};
use crate::export::ChartView;
use crate::preset::library::{check_name, Entry, SaveError, Source};

/// Rows a page key moves in the lists.
const PAGE: usize = 10;

/// Apply `action`; the effects, in order, are for the run loop to perform.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = None;
    let mode = std::mem::replace(&mut app.mode, Mode::Normal);
    app.mode = match mode {
        Mode::Normal => normal(app, action, &mut fx),
        Mode::Edit {
            row,
            input,
            error,
            selected,
        } => edit(app, action, row, input, error, selected),
        Mode::Help { scroll } => match action {
            Action::Cancel | Action::Help => Mode::Normal,
            _ => Mode::Help {
                scroll: scrolled(scroll, action, app.scroll_max.help),
            },
        },
        Mode::Why { scroll } => match action {
            Action::Cancel | Action::Why => Mode::Normal,
            _ => Mode::Why {
                scroll: scrolled(scroll, action, app.scroll_max.why),
            },
        },
        Mode::Picker { entries, selected } => picker(app, action, entries, selected, &mut fx),
        Mode::SaveName {
            input,
            error,
            then_quit,
        } => save_name(action, input, error, then_quit, &mut fx),
        Mode::ConfirmOverwrite { name, then_quit } => match action {
            Action::Yes => {
                fx = Some(Effect::Save {
                    name,
                    force: true,
                    then_quit,
                });
                Mode::Normal
            }
            Action::No => Mode::SaveName {
                input: name,
                error: None,
                then_quit,
            },
            Action::Cancel | Action::ForceQuit => Mode::Normal,
            _ => Mode::ConfirmOverwrite { name, then_quit },
        },
        Mode::ConfirmLoad { name } => match action {
            Action::Yes => {
                fx = Some(Effect::Load { name });
                Mode::Normal
            }
            Action::No | Action::Cancel => Mode::Normal,
            _ => Mode::ConfirmLoad { name },
        },
        Mode::Catalog {
            kind,
            filter,
            selected,
        } => catalog(app, action, kind, filter, selected),
        Mode::ConfirmQuit => match action {
            Action::Yes => Mode::SaveName {
                input: suggested_name(app),
                error: None,
                then_quit: true,
            },
            Action::No => {
                app.should_quit = true;
                Mode::Normal
            }
            Action::Cancel => Mode::Normal,
            _ => Mode::ConfirmQuit,
        },
    };
    if action == Action::ForceQuit {
        app.should_quit = true;
    }
    if action == Action::Suspend {
        app.suspend = true;
    }
    let mut effects: Vec<Effect> = fx.into_iter().collect();
    if app.take_background_due() {
        effects.push(Effect::Recompute);
    }
    effects
}

/// The scroll position after a scrolling action, kept within `0..=max`.
fn scrolled(scroll: u16, action: Action, max: u16) -> u16 {
    let page = PAGE as u16;
    let next = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::Step { dir, .. } if dir < 0 => scroll.saturating_sub(page),
        Action::Step { .. } => scroll.saturating_add(page),
        Action::Home => 0,
        Action::End => max,
        _ => scroll,
    };
    next.min(max)
}

/// A list position after a moving action: no wrap-around at either end.
fn moved(selected: usize, action: Action, len: usize) -> usize {
    let last = len.saturating_sub(1);
    let next = match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => selected + 1,
        Action::Step { dir, .. } if dir < 0 => selected.saturating_sub(PAGE),
        Action::Step { .. } => selected + PAGE,
        Action::Home => 0,
        Action::End => last,
        _ => selected,
    };
    next.min(last)
}

fn normal(app: &mut App, action: Action, fx: &mut Option<Effect>) -> Mode {
    let n = PARAMS.len();
    let row = app.selected;
    let p = &PARAMS[row];
    match action {
        Action::Up | Action::Down => app.selected = moved(row, action, n),
        Action::Select(r) if r < n => app.selected = r,
        Action::Step { dir, big } => step(app, row, dir, big),
        Action::Scroll { row, dir } if row < n => {
            app.selected = row;
            step(app, row, dir, false);
        }
        Action::Home | Action::End => {
            let x = p.at_fraction(if action == Action::Home { 0.0 } else { 1.0 });
            set(app, row, x);
        }
        Action::SetFraction { row, fraction } if row < n => {
            app.selected = row;
            app.dragging = Some(row);
            set(app, row, PARAMS[row].at_fraction(fraction));
        }
        Action::DragEnd => app.dragging = None,
        Action::Toggle | Action::Enter if p.is_choice() => {
            let x = p.next_choice(p.value(&app.scenario));
            set(app, row, x);
        }
        Action::Toggle if p.is_toggle() => step(app, row, 1, false),
        Action::Toggle => app.info("Space toggles the constraints; this row takes ←/→ or Enter"),
        Action::Enter if p.is_toggle() => step(app, row, 1, false),
        Action::Enter if estimated_row(app, row).is_some() => {
            if let Some(why) = estimated_row(app, row) {
                app.error(why);
            }
        }
        Action::Enter => {
            // The status line now explains what to type.
            app.status = None;
            return Mode::Edit {
                row,
                input: typed_text(p, &app.scenario),
                error: None,
                selected: true,
            };
        }
        _ => return command(app, action, fx),
    }
    Mode::Normal
}

/// What the keys do that are not about the selected row's value: tabs, the fleet, dialogs,
/// history, export and quit.
fn command(app: &mut App, action: Action, fx: &mut Option<Effect>) -> Mode {
    let p = &PARAMS[app.selected];
    match action {
        Action::NextTab(step) => {
            app.tab = app.tab.next(step);
            if app.tab == super::app::Tab::Sensitivity && app.flips_due {
                *fx = Some(Effect::Shown);
            }
        }
        Action::Rank(by) => super::fleet::move_cursor(app, by),
        Action::ApplyRank => super::fleet::apply_selected(app),
        Action::ToggleEnvelope => {
            app.fleet.show_envelope = !app.fleet.show_envelope;
            if app.fleet.envelope_missing() {
                *fx = Some(Effect::Shown);
            }
            app.info(if app.fleet.show_envelope {
                "the Costs chart draws the best self-hosting configuration at each volume (b hides it)"
            } else {
                "best-configuration line hidden"
            });
        }
        Action::OpenCatalog(kind) => {
            // `m` picks the model of the tier whose row is selected: the cheap tier's rows
            // pick its model, every other row the frontier's.
            let kind = match kind {
                CatalogKind::Api if p.key.starts_with("hybrid.cheap") => CatalogKind::Cheap,
                k => k,
            };
            return Mode::Catalog {
                kind,
                filter: String::new(),
                selected: 0,
            };
        }
        Action::OpenPicker => *fx = Some(Effect::ListPresets),
        Action::Save => {
            return Mode::SaveName {
                input: suggested_name(app),
                error: None,
                then_quit: false,
            };
        }
        Action::Reset | Action::Undo | Action::Redo => history(app, action),
        Action::Help => return Mode::Help { scroll: 0 },
        Action::Why => return Mode::Why { scroll: 0 },
        Action::Export => {
            if app.exports.busy() {
                app.info("an export is still being written; try again when it is done");
            } else {
                app.info("exporting…");
                *fx = Some(Effect::Export(Box::new(export_job(app))));
            }
        }
        // Esc closes dialogs; here, with none open, it only clears the message.
        Action::Cancel => app.status = None,
        Action::Quit => {
            if app.modified() {
                return Mode::ConfirmQuit;
            }
            app.should_quit = true;
        }
        _ => {}
    }
    Mode::Normal
}

/// Reset, undo and redo, each saying what it did.
fn history(app: &mut App, action: Action) {
    match action {
        Action::Reset => {
            if app.modified() {
                let base = app.baseline.clone();
                app.replace(base);
                app.info(format!("reset to preset {} (u undoes)", app.preset_name));
            } else {
                app.info("nothing to reset");
            }
        }
        Action::Undo => {
            if app.undo() {
                app.info("undone (Ctrl-R redoes)")
            } else {
                app.info("nothing to undo")
            }
        }
        Action::Redo => {
            if app.redo() {
                app.info("redone")
            } else {
                app.info("nothing to redo")
            }
        }
        _ => {}
    }
}

/// The export of what is on screen: the current tab's chart, with the bands already computed.
fn export_job(app: &App) -> ExportJob {
    let view = match app.tab {
        super::app::Tab::Costs => ChartView::Costs,
        super::app::Tab::Sensitivity => ChartView::Sensitivity,
        super::app::Tab::Timeline => ChartView::Timeline,
        // The Fleet tab: the fleet chart once the ranking is in (else the Costs chart).
        super::app::Tab::Fleet if app.fleet.ranking().is_some() => ChartView::Fleet,
        super::app::Tab::Fleet => ChartView::Costs,
    };
    let sc = app.resolved.clone();
    // The shell's notes and warnings as `report` adds them, so that `e` writes its Markdown.
    let calibration: Vec<String> = crate::calibrate::store::warning()
        .map(str::to_string)
        .into_iter()
        .collect();
    let assessment = crate::model::assessment::Assessment::with_outcome(
        sc,
        app.outcome.clone(),
        &app.catalog,
        &app.today,
    )
    .with_shell(&app.notes, &calibration);
    ExportJob {
        assessment: Box::new(assessment),
        view,
        bands: app.bands.current.clone(),
        envelope: app.fleet.envelope().map(<[_]>::to_vec),
        fleet: app.fleet.comparison_or_why(),
        preset_name: app.preset_name.clone(),
        dir: app.export_dir.clone(),
        date: app.today.clone(),
    }
}

/// Step a row's value, or flip a toggle.
fn step(app: &mut App, row: usize, dir: i8, big: bool) {
    let p = &PARAMS[row];
    let x = p.stepped(p.value(&app.scenario), dir, big);
    set(app, row, x);
}

/// Set a row from the slider; an accepted value clears an earlier error.
fn set(app: &mut App, row: usize, x: f64) {
    if let Some(why) = estimated_row(app, row) {
        app.error(why);
        return;
    }
    let x = super::params::within_shares(&app.scenario, PARAMS[row].key, x);
    let value = PARAMS[row].to_value(x);
    match app.set(row, value) {
        Err(e) => app.error(e),
        Ok(Some(note)) => app.info(note),
        Ok(None) if app.status.as_ref().is_some_and(|s| s.error) => app.status = None,
        Ok(None) => {}
    }
}

/// Why row `row` cannot be moved: prefill and decode while the estimate sets them.
fn estimated_row(app: &App, row: usize) -> Option<String> {
    let key = PARAMS[row].key;
    let rates = [
        "self_host.prefill_tokens_per_second",
        "self_host.decode_tokens_per_second",
    ];
    (rates.contains(&key) && app.throughput.estimated().is_some()).then(|| {
        format!(
            "{key} is estimated from the model, GPU and token sizes; set Throughput to given to type it"
        )
    })
}

fn edit(
    app: &mut App,
    action: Action,
    row: usize,
    mut input: String,
    error: Option<String>,
    selected: bool,
) -> Mode {
    let editing = |input| Mode::Edit {
        row,
        input,
        error: None,
        selected: false,
    };
    match action {
        Action::Input(c) => {
            if selected {
                input.clear();
            }
            if input.chars().count() < 40 {
                input.push(c);
            }
            editing(input)
        }
        Action::Backspace => {
            if selected {
                input.clear();
            } else {
                input.pop();
            }
            editing(input)
        }
        Action::End => editing(input),
        Action::Cancel => Mode::Normal,
        Action::Enter => {
            let p = &PARAMS[row];
            let refused = |msg: String| Mode::Edit {
                row,
                input: input.clone(),
                error: Some(format!("{msg}; the value stays as it was")),
                selected: false,
            };
            let value = match parse_typed(p, &input) {
                Ok(v) => v,
                Err(e) => return refused(e),
            };
            match app.set(row, value) {
                Ok(note) => {
                    let shown = super::params::display_value(p, &app.scenario);
                    let note = note.map_or(String::new(), |n| format!("; {n}"));
                    app.info(format!("{} = {shown}{note}", p.field().key));
                    Mode::Normal
                }
                Err(e) => refused(e),
            }
        }
        _ => Mode::Edit {
            row,
            input,
            error,
            selected,
        },
    }
}

fn catalog(
    app: &mut App,
    action: Action,
    kind: CatalogKind,
    mut filter: String,
    selected: usize,
) -> Mode {
    let rows = |f: &str| catalog_pick::rows(&app.catalog, kind, f, &app.scenario);
    match action {
        Action::Input(c) => {
            if filter.chars().count() < 40 {
                filter.push(c);
            }
            Mode::Catalog {
                kind,
                filter,
                selected: 0,
            }
        }
        Action::Backspace => {
            filter.pop();
            Mode::Catalog {
                kind,
                filter,
                selected: 0,
            }
        }
        Action::Up | Action::Down | Action::Step { .. } | Action::Home | Action::End => {
            let n = rows(&filter).len();
            Mode::Catalog {
                kind,
                filter,
                selected: moved(selected, action, n),
            }
        }
        Action::Cancel => Mode::Normal,
        Action::Enter => match rows(&filter).get(selected) {
            Some(row) => {
                catalog_pick::choose(app, kind, row);
                Mode::Normal
            }
            None => Mode::Catalog {
                kind,
                filter,
                selected,
            },
        },
        _ => Mode::Catalog {
            kind,
            filter,
            selected,
        },
    }
}

fn picker(
    app: &mut App,
    action: Action,
    entries: Vec<Entry>,
    selected: usize,
    fx: &mut Option<Effect>,
) -> Mode {
    match action {
        Action::Up | Action::Down | Action::Step { .. } | Action::Home | Action::End => {
            let selected = moved(selected, action, entries.len());
            Mode::Picker { entries, selected }
        }
        Action::Cancel => Mode::Normal,
        Action::Enter => {
            let Some(name) = entries.get(selected).map(|e| e.name.clone()) else {
                return Mode::Normal;
            };
            if app.modified() {
                return Mode::ConfirmLoad { name };
            }
            *fx = Some(Effect::Load { name });
            Mode::Normal
        }
        _ => Mode::Picker { entries, selected },
    }
}

fn suggested_name(app: &App) -> String {
    match app.preset_source {
        Source::User(_) => app.preset_name.clone(),
        _ => format!("my-{}", app.preset_name),
    }
}

fn save_name(
    action: Action,
    mut input: String,
    error: Option<String>,
    then_quit: bool,
    fx: &mut Option<Effect>,
) -> Mode {
    match action {
        Action::Input(c) => {
            if input.chars().count() < 64 {
                input.push(c);
            }
            Mode::SaveName {
                input,
                error: None,
                then_quit,
            }
        }
        Action::Backspace => {
            input.pop();
            Mode::SaveName {
                input,
                error: None,
                then_quit,
            }
        }
        Action::Cancel => Mode::Normal,
        Action::Enter => {
            let name = input.trim().to_string();
            if let Err(e) = check_name(&name) {
                return Mode::SaveName {
                    input,
                    error: Some(e),
                    then_quit,
                };
            }
            // Refused if the name exists; the answer comes back through `finish`.
            *fx = Some(Effect::Save {
                name,
                force: false,
                then_quit,
            });
            Mode::Normal
        }
        _ => Mode::SaveName {
            input,
            error,
            then_quit,
        },
    }
}

/// Take the outcome of an effect the run loop performed.
pub fn finish(app: &mut App, done: Done) {
    match done {
        Done::Listed(entries) => {
            let selected = entries
                .iter()
                .position(|e| e.name == app.preset_name)
                .unwrap_or(0);
            app.mode = Mode::Picker { entries, selected };
        }
        Done::Loaded { name, result } => match result {
            Ok(loaded) => {
                app.load(*loaded);
                app.info(format!("loaded preset {name}"));
            }
            Err(e) => app.error(e.replace('\n', " ")),
        },
        Done::Saved {
            name,
            then_quit,
            result,
        } => match result {
            Ok(path) => {
                app.baseline = app.scenario.clone();
                app.preset_name = name;
                app.preset_source = Source::User(path.clone());
                app.info(format!("saved {}", path.display()));
                if then_quit {
                    app.should_quit = true;
                }
            }
            Err(SaveError::Exists { .. }) => app.mode = Mode::ConfirmOverwrite { name, then_quit },
            Err(e) => {
                app.mode = Mode::SaveName {
                    input: name,
                    error: Some(e.to_string()),
                    then_quit,
                }
            }
        },
        Done::Exported(Ok(msg)) => app.info(msg),
        Done::Exported(Err(e)) => {
            // A quit asked for meanwhile waits: the dashboard stays open so the failure is
            // read on screen, and `q` again quits.
            let quitting = std::mem::replace(&mut app.should_quit, false);
            let again = if quitting { " (q quits)" } else { "" };
            app.error(format!("export failed: {e}{again}"));
        }
    }
}
