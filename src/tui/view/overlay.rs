//! Dialogs drawn over the dashboard: help, "why this number", the preset picker, the save
//! prompt and the yes/no questions.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::model::derivation::derivations;
use crate::preset::library::Source;
use crate::tui::app::{App, Mode};

/// A rectangle centred in `area`, at most `w`×`h`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    r
}

fn dialog(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, scroll: u16) {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

pub const HELP: &[(&str, &str)] = &[
    ("↑ ↓  k j", "select a parameter"),
    ("← →", "change it one step"),
    ("⇧← ⇧→  PgUp PgDn", "big step"),
    ("Home End", "slider's range ends"),
    ("Enter", "type an exact value (Esc cancels)"),
    ("Space", "toggle a constraint"),
    (
        "mouse",
        "click a row; click or drag a slider; scroll to change",
    ),
    (
        "m  g  l",
        "pick the API model, GPU or local model from the catalog",
    ),
    ("Tab  Shift-Tab", "Costs, Sensitivity and Timeline tabs"),
    ("o", "open a preset (shipped or yours)"),
    ("s", "save as a user preset"),
    ("e", "export chart (PNG, SVG) and report (Markdown)"),
    ("r", "reset to the loaded preset"),
    ("u  Ctrl-R", "undo, redo"),
    ("w", "why this number: formulas with your numbers"),
    ("?", "this help"),
    ("q  Ctrl-C", "quit (q asks to save changes)"),
];

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    match &app.mode {
        Mode::Normal | Mode::Edit { .. } => {}
        Mode::Help => {
            let lines: Vec<Line> = HELP
                .iter()
                .map(|(k, what)| {
                    Line::from(vec![
                        Span::styled(format!("{k:>18}  "), t.header()),
                        Span::raw(*what),
                    ])
                })
                .collect();
            let h = lines.len() as u16 + 2;
            dialog(frame, centered(area, 72, h), "Keys", lines, 0);
        }
        Mode::Why { scroll } => {
            let mut lines = vec![Line::styled(
                "Each figure: the formula, then this scenario's numbers. D = 30.4375 days/month.",
                t.dim(),
            )];
            for d in derivations(&app.scenario, &app.outcome) {
                lines.push(Line::raw(""));
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", d.label), t.header()),
                    Span::styled(d.formula, t.dim()),
                ]));
                lines.push(Line::raw(format!("  = {}", d.substituted)));
                lines.push(Line::from(vec![
                    Span::raw("  = "),
                    Span::styled(d.result, t.cheapest()),
                ]));
            }
            let r = centered(
                area,
                area.width.saturating_sub(4).min(110),
                area.height.saturating_sub(2),
            );
            dialog(
                frame,
                r,
                "Why this number (↑↓ scroll, Esc close)",
                lines,
                *scroll,
            );
        }
        Mode::Picker { entries, selected } => {
            let mut lines = Vec::new();
            for (i, e) in entries.iter().enumerate() {
                let origin = match (&e.source, e.shadows_shipped) {
                    (Source::User(_), true) => "user, shadows shipped",
                    (Source::User(_), false) => "user",
                    _ => "shipped",
                };
                let text = format!(
                    "{} {:<24} {origin}",
                    if i == *selected { "▸" } else { " " },
                    e.name
                );
                lines.push(if i == *selected {
                    Line::styled(text, t.selected())
                } else {
                    Line::raw(text)
                });
            }
            lines.push(Line::raw(""));
            if let Some(e) = entries.get(*selected) {
                match &e.description {
                    Ok(d) => lines.push(Line::raw(d.clone())),
                    Err(err) => {
                        lines.push(Line::styled(format!("does not load: {err}"), t.error()))
                    }
                }
            }
            let h = entries.len() as u16 + 6;
            dialog(
                frame,
                centered(area, 76, h),
                "Open a preset (⏎ load, Esc cancel)",
                lines,
                0,
            );
        }
        Mode::SaveName { input, error, .. } => {
            let mut lines = vec![
                Line::raw("Save as a user preset named:"),
                Line::styled(format!("> {input}▏"), t.selected()),
            ];
            match error {
                Some(e) => lines.push(Line::styled(e.clone(), t.error())),
                None => lines.push(Line::styled("letters, digits, '-' and '_'", t.dim())),
            }
            dialog(frame, centered(area, 64, 7), "Save preset", lines, 0);
        }
        Mode::ConfirmOverwrite { name, .. } => {
            let lines = vec![
                Line::raw(format!("A user preset named {name:?} exists.")),
                Line::raw("Overwrite it? (y/n)"),
            ];
            dialog(frame, centered(area, 56, 4), "Overwrite?", lines, 0);
        }
        Mode::ConfirmLoad { name } => {
            let lines = vec![
                Line::raw("You have unsaved changes."),
                Line::raw(format!("Load {name:?} and discard them? (y/n)")),
            ];
            dialog(frame, centered(area, 56, 4), "Discard changes?", lines, 0);
        }
        Mode::Catalog {
            kind,
            filter,
            selected,
        } => {
            let rows = crate::tui::catalog_pick::rows(
                &app.catalog,
                *kind,
                filter,
                &app.scenario.self_host.gpu,
            );
            let title = match kind {
                crate::tui::app::CatalogKind::Api => "API model (per 1M tokens)",
                crate::tui::app::CatalogKind::Gpu => "GPU (per GPU-hour)",
                crate::tui::app::CatalogKind::Local => {
                    "Local model (weights, fit on the scenario's GPU)"
                }
            };
            let height = area.height.saturating_sub(4).clamp(6, 30);
            let visible = height.saturating_sub(5) as usize;
            let offset = selected.saturating_sub(visible.saturating_sub(1));
            let mut lines = vec![
                Line::styled(format!("filter: {filter}▏"), t.selected()),
                Line::raw(""),
            ];
            if rows.is_empty() {
                lines.push(Line::styled("nothing matches", t.dim()));
            }
            for (i, r) in rows.iter().enumerate().skip(offset).take(visible) {
                let text = format!("{} {}", if i == *selected { "▸" } else { " " }, r.text);
                lines.push(if i == *selected {
                    Line::styled(text, t.selected())
                } else {
                    Line::raw(text)
                });
            }
            lines.push(Line::styled(
                format!(
                    "catalog as of {} · {} entries",
                    app.catalog.as_of,
                    rows.len()
                ),
                t.dim(),
            ));
            let w = area.width.saturating_sub(4).min(100);
            dialog(frame, centered(area, w, height), title, lines, 0);
        }
        Mode::ConfirmQuit => {
            let lines = vec![
                Line::raw("You have unsaved changes."),
                Line::raw("Save them first? (y save, n quit without saving, Esc stay)"),
            ];
            dialog(frame, centered(area, 64, 5), "Quit", lines, 0);
        }
    }
}
