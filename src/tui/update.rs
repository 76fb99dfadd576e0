//! `update(&mut App, Action)`: the only place the dashboard's state changes.

use super::action::Action;
use super::app::{App, CatalogKind, Mode};
use super::catalog_pick;
use super::params::PARAMS;
use crate::model::fields::{plain, Kind};
use crate::preset::library::{self, check_name, Source};
use crate::preset::overrides::parse_value;

pub fn update(app: &mut App, action: Action) {
    let mode = std::mem::replace(&mut app.mode, Mode::Normal);
    app.mode = match mode {
        Mode::Normal => normal(app, action),
        Mode::Edit { row, input, error } => edit(app, action, row, input, error),
        Mode::Help => match action {
            Action::Cancel | Action::Help => Mode::Normal,
            _ => Mode::Help,
        },
        Mode::Why { scroll } => match action {
            Action::Cancel | Action::Why => Mode::Normal,
            Action::Up => Mode::Why {
                scroll: scroll.saturating_sub(1),
            },
            Action::Down => Mode::Why {
                scroll: scroll.saturating_add(1).min(200),
            },
            Action::Step { dir, .. } => Mode::Why {
                scroll: if dir < 0 {
                    scroll.saturating_sub(10)
                } else {
                    scroll.saturating_add(10).min(200)
                },
            },
            _ => Mode::Why { scroll },
        },
        Mode::Picker { entries, selected } => picker(app, action, entries, selected),
        Mode::SaveName {
            input,
            error,
            then_quit,
        } => save_name(app, action, input, error, then_quit),
        Mode::ConfirmOverwrite { name, then_quit } => match action {
            Action::Yes => save(app, &name, true, then_quit),
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
                load(app, &name);
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
}

fn normal(app: &mut App, action: Action) -> Mode {
    let n = PARAMS.len();
    let row = app.selected;
    let p = &PARAMS[row];
    match action {
        Action::Up => app.selected = (row + n - 1) % n,
        Action::Down => app.selected = (row + 1) % n,
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
        Action::Toggle if p.is_toggle() => step(app, row, 1, false),
        Action::Toggle => app.info("Space toggles the constraints; this row takes ←/→ or Enter"),
        Action::Enter if p.is_toggle() => step(app, row, 1, false),
        Action::Enter => {
            let input = plain(p.value(&app.scenario));
            return Mode::Edit {
                row,
                input,
                error: None,
            };
        }
        Action::NextTab(step) => app.tab = app.tab.next(step),
        Action::OpenCatalog(kind) => {
            return Mode::Catalog {
                kind,
                filter: String::new(),
                selected: 0,
            };
        }
        Action::OpenPicker => {
            let entries = library::list_in(app.user_dir.as_deref());
            let selected = entries
                .iter()
                .position(|e| e.name == app.preset_name)
                .unwrap_or(0);
            return Mode::Picker { entries, selected };
        }
        Action::Save => {
            return Mode::SaveName {
                input: suggested_name(app),
                error: None,
                then_quit: false,
            };
        }
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
        Action::Help => return Mode::Help,
        Action::Why => return Mode::Why { scroll: 0 },
        Action::Export => super::export::export(app),
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

/// Step a row's value, or flip a toggle.
fn step(app: &mut App, row: usize, dir: i8, big: bool) {
    let p = &PARAMS[row];
    let x = p.stepped(p.value(&app.scenario), dir, big);
    set(app, row, x);
}

fn set(app: &mut App, row: usize, x: f64) {
    let value = PARAMS[row].to_value(x);
    if let Err(e) = app.set(row, value) {
        app.error(e);
    } else if app.status.as_ref().is_some_and(|s| s.error) {
        app.status = None;
    }
}

fn edit(
    app: &mut App,
    action: Action,
    row: usize,
    mut input: String,
    error: Option<String>,
) -> Mode {
    match action {
        Action::Input(c) => {
            if input.chars().count() < 40 {
                input.push(c);
            }
            Mode::Edit {
                row,
                input,
                error: None,
            }
        }
        Action::Backspace => {
            input.pop();
            Mode::Edit {
                row,
                input,
                error: None,
            }
        }
        Action::Cancel => Mode::Normal,
        Action::Enter => {
            let field = PARAMS[row].field();
            let cleaned = input.trim().replace(',', "");
            let Some(value) = parse_value(field.kind, &cleaned) else {
                let msg = format!(
                    "{:?} is not {}; the value stays as it was",
                    input.trim(),
                    field.kind.describe()
                );
                return Mode::Edit {
                    row,
                    input,
                    error: Some(msg),
                };
            };
            match app.set(row, value) {
                Ok(()) => {
                    app.info(format!("{} = {}", field.key, input.trim()));
                    Mode::Normal
                }
                Err(e) => Mode::Edit {
                    row,
                    input,
                    error: Some(format!("{e}; the value stays as it was")),
                },
            }
        }
        _ => Mode::Edit { row, input, error },
    }
}

fn catalog(
    app: &mut App,
    action: Action,
    kind: CatalogKind,
    mut filter: String,
    selected: usize,
) -> Mode {
    let count =
        |f: &str| catalog_pick::rows(&app.catalog, kind, f, &app.scenario.self_host.gpu).len();
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
        Action::Up => {
            let n = count(&filter).max(1);
            Mode::Catalog {
                kind,
                filter,
                selected: (selected + n - 1) % n,
            }
        }
        Action::Down => {
            let n = count(&filter).max(1);
            Mode::Catalog {
                kind,
                filter,
                selected: (selected + 1) % n,
            }
        }
        Action::Cancel => Mode::Normal,
        Action::Enter => {
            let rows = catalog_pick::rows(&app.catalog, kind, &filter, &app.scenario.self_host.gpu);
            match rows.get(selected) {
                Some(row) => {
                    catalog_pick::choose(app, kind, row);
                    Mode::Normal
                }
                None => Mode::Catalog {
                    kind,
                    filter,
                    selected,
                },
            }
        }
        _ => Mode::Catalog {
            kind,
            filter,
            selected,
        },
    }
}

fn picker(app: &mut App, action: Action, entries: Vec<library::Entry>, selected: usize) -> Mode {
    let n = entries.len().max(1);
    match action {
        Action::Up => Mode::Picker {
            entries,
            selected: (selected + n - 1) % n,
        },
        Action::Down => Mode::Picker {
            entries,
            selected: (selected + 1) % n,
        },
        Action::Cancel => Mode::Normal,
        Action::Enter => {
            let Some(name) = entries.get(selected).map(|e| e.name.clone()) else {
                return Mode::Normal;
            };
            if app.modified() {
                return Mode::ConfirmLoad { name };
            }
            load(app, &name);
            Mode::Normal
        }
        _ => Mode::Picker { entries, selected },
    }
}

fn load(app: &mut App, name: &str) {
    match library::load_in(name, app.user_dir.as_deref()) {
        Ok(loaded) => {
            app.load(loaded);
            app.info(format!("loaded preset {name}"));
        }
        Err(e) => app.error(e.to_string().replace('\n', " ")),
    }
}

fn suggested_name(app: &App) -> String {
    match app.preset_source {
        Source::User(_) => app.preset_name.clone(),
        _ => format!("my-{}", app.preset_name),
    }
}

fn save_name(
    app: &mut App,
    action: Action,
    mut input: String,
    error: Option<String>,
    then_quit: bool,
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
            let exists = app
                .user_dir
                .as_deref()
                .is_some_and(|d| library::user_path(d, &name).is_file());
            if exists {
                return Mode::ConfirmOverwrite { name, then_quit };
            }
            save(app, &name, false, then_quit)
        }
        _ => Mode::SaveName {
            input,
            error,
            then_quit,
        },
    }
}

fn save(app: &mut App, name: &str, force: bool, then_quit: bool) -> Mode {
    let Some(dir) = app.user_dir.clone() else {
        app.error("no configuration folder for user presets (is HOME set?)");
        return Mode::Normal;
    };
    match library::save_in(&dir, name, &app.scenario, force) {
        Ok(path) => {
            app.baseline = app.scenario.clone();
            app.preset_name = name.to_string();
            app.preset_source = Source::User(path.clone());
            app.info(format!("saved {}", path.display()));
            if then_quit {
                app.should_quit = true;
            }
            Mode::Normal
        }
        Err(e) => Mode::SaveName {
            input: name.to_string(),
            error: Some(e.to_string()),
            then_quit,
        },
    }
}

/// Kind of the selected row, for tests.
pub fn selected_kind(app: &App) -> Kind {
    PARAMS[app.selected].field().kind
}
