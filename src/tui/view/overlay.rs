//! Dialogs drawn over the dashboard: help, "why this number", the preset picker, the save
//! prompt and the yes/no questions.

use crate::sanitize;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::model::derivation::derivations;
use crate::preset::library::{Entry, Source};
use crate::tui::app::{App, Mode};
use crate::tui::theme::Theme;

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

/// A dialog over lines already wrapped to its width, showing `scroll..` and, when they do not
/// all fit, which lines are shown and how to see the rest.
fn scrolled_dialog(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, scroll: u16) {
    frame.render_widget(Clear, area);
    let visible = area.height.saturating_sub(2) as usize;
    let total = lines.len();
    let first = (scroll as usize).min(total.saturating_sub(visible));
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "));
    if total > visible {
        let last = (first + visible).min(total);
        let more = match (first > 0, last < total) {
            (true, true) => "↑↓ more",
            (false, true) => "↓ more",
            _ => "↑ more",
        };
        block = block.title_bottom(
            Line::from(format!(" {more} · lines {}–{last} of {total} ", first + 1)).right_aligned(),
        );
    }
    let shown: Vec<Line> = lines.into_iter().skip(first).take(visible).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

/// Wrap styled pieces of text to `width` cells at spaces; continuation lines start with
/// `indent` spaces, so a wrapped description stays in its column.
pub fn wrap(pieces: &[(String, Style)], width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(indent + 8);
    let mut out = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (text, style) in pieces {
        for word in text.split_inclusive(' ') {
            let mut word = word.to_string();
            loop {
                let len = word.trim_end().chars().count();
                if used + len <= width || used <= indent {
                    let fits: String = if used + len > width {
                        // Longer than a whole line: cut it.
                        let room = width.saturating_sub(used).max(1);
                        let head: String = word.chars().take(room).collect();
                        word = word.chars().skip(room).collect();
                        head
                    } else {
                        std::mem::take(&mut word)
                    };
                    used += fits.chars().count();
                    line.push(Span::styled(fits, *style));
                    if word.is_empty() {
                        break;
                    }
                }
                out.push(Line::from(std::mem::take(&mut line)));
                line.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
        }
    }
    if !line.is_empty() {
        out.push(Line::from(line));
    }
    out
}

/// The help's lines at `width`: one section per keymap table, each binding's keys in a column
/// and its description beside them.
pub fn help_lines(t: &Theme, width: u16) -> Vec<Line<'static>> {
    let sections = crate::tui::keymap::SECTIONS;
    let key_col = sections
        .iter()
        .flat_map(|s| s.bindings.iter())
        .map(|b| b.keys_label().chars().count())
        .max()
        .unwrap_or(0)
        .min(20);
    let mut lines = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(s.title.to_string(), t.header()));
        for b in s.bindings {
            let keys = format!("{:>key_col$}  ", b.keys_label());
            let indent = keys.chars().count();
            lines.extend(wrap(
                &[(keys, t.header()), (b.what.to_string(), Style::default())],
                width as usize,
                indent,
            ));
        }
    }
    lines
}

/// Where the help goes in `area`.
fn help_rect(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(84);
    let n = help_lines(&Theme { color: false }, w.saturating_sub(2)).len() as u16;
    centered(area, w, (n + 2).min(area.height.saturating_sub(2)))
}

/// How far the help can scroll in `area` (0 when it all fits).
pub fn help_max_scroll(area: Rect) -> u16 {
    let r = help_rect(area);
    let n = help_lines(&Theme { color: false }, r.width.saturating_sub(2)).len();
    n.saturating_sub(r.height.saturating_sub(2) as usize) as u16
}

/// Where "why this number" goes in `area`.
fn why_rect(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    )
}

/// The derivations' lines at `width`.
fn why_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let w = width as usize;
    let mut lines = wrap(
        &[(
            "Each figure: the formula, then this scenario's numbers. D = 30.4375 days/month."
                .to_string(),
            t.dim(),
        )],
        w,
        0,
    );
    if !app.throughput.warnings.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Throughput".to_string(), t.header()));
        for warning in &app.throughput.warnings {
            lines.extend(wrap(&[(format!("  ⚠ {warning}"), t.error())], w, 4));
        }
    }
    if let Some(fit) = crate::calibrate::apply::in_use(&app.scenario) {
        // The fit of the user's own benchmark runs behind the estimate: factors, runs, errors.
        lines.push(Line::raw(""));
        lines.push(Line::styled("Calibration".to_string(), t.header()));
        for line in fit.lines() {
            lines.extend(wrap(&[(format!("  {line}"), Style::default())], w, 4));
        }
    }
    if app.scenario.owned.enabled {
        // Where the owned fleet's purchase price and power came from, with the catalog's
        // source in full (the parameters panel has room for "(catalog)" only).
        lines.push(Line::raw(""));
        lines.push(Line::styled("Owned fleet inputs".to_string(), t.header()));
        for line in crate::model::owned_inputs::lines(&app.scenario) {
            lines.extend(wrap(&[(format!("  {line}"), Style::default())], w, 4));
        }
    }
    for d in derivations(&app.scenario, &app.outcome) {
        lines.push(Line::raw(""));
        lines.extend(wrap(
            &[
                (format!("{}: ", d.label), t.header()),
                (d.formula.to_string(), t.dim()),
            ],
            w,
            2,
        ));
        lines.extend(wrap(
            &[(format!("  = {}", d.substituted), Style::default())],
            w,
            4,
        ));
        lines.extend(wrap(
            &[
                ("  = ".to_string(), Style::default()),
                (d.result, t.cheapest()),
            ],
            w,
            4,
        ));
    }
    lines
}

/// How far "why this number" can scroll in `area`.
pub fn why_max_scroll(app: &App, area: Rect) -> u16 {
    let r = why_rect(area);
    let n = why_lines(app, r.width.saturating_sub(2)).len();
    n.saturating_sub(r.height.saturating_sub(2) as usize) as u16
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    match &app.mode {
        Mode::Normal | Mode::Edit { .. } => {}
        Mode::Help { scroll } => {
            let r = help_rect(area);
            let lines = help_lines(t, r.width.saturating_sub(2));
            scrolled_dialog(frame, r, "Keys (Esc closes)", lines, *scroll);
        }
        Mode::Why { scroll } => {
            let r = why_rect(area);
            let lines = why_lines(app, r.width.saturating_sub(2));
            scrolled_dialog(
                frame,
                r,
                "Why this number (↑↓ scroll, Esc close)",
                lines,
                *scroll,
            );
        }
        Mode::Picker { entries, selected } => picker(frame, app, entries, *selected, area),
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
        } => catalog(frame, app, *kind, filter, *selected, area),
        Mode::ConfirmQuit => {
            let lines = vec![
                Line::raw("You have unsaved changes."),
                Line::raw("Save them first? (y save, n quit without saving, Esc stay)"),
            ];
            dialog(frame, centered(area, 64, 5), "Quit", lines, 0);
        }
    }
}

/// The preset list behind `o`: each preset's origin, the chosen one's description.
fn picker(frame: &mut Frame, app: &App, entries: &[Entry], selected: usize, area: Rect) {
    let t = &app.theme;
    let mut lines = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let origin = match (&e.source, e.shadows_shipped) {
            (Source::User(_), true) => "user, shadows shipped",
            (Source::User(_), false) => "user",
            _ => "shipped",
        };
        let text = format!(
            "{} {} {origin}",
            if i == selected { "▸" } else { " " },
            sanitize::pad_end(&sanitize::line(&e.name), 24)
        );
        lines.push(if i == selected {
            Line::styled(text, t.selected())
        } else {
            Line::raw(text)
        });
    }
    lines.push(Line::raw(""));
    if let Some(e) = entries.get(selected) {
        match &e.description {
            Ok(d) => lines.push(Line::raw(sanitize::line(d).into_owned())),
            Err(err) => lines.push(Line::styled(
                sanitize::line(&format!("does not load: {err}")).into_owned(),
                t.error(),
            )),
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

/// The catalog list behind `m`, `g` and `l`: the filter, the rows that match, the catalog's
/// date.
fn catalog(
    frame: &mut Frame,
    app: &App,
    kind: crate::tui::app::CatalogKind,
    filter: &str,
    selected: usize,
    area: Rect,
) {
    let t = &app.theme;
    let rows = crate::tui::catalog_pick::rows(&app.catalog, kind, filter, &app.scenario);
    let title = match kind {
        crate::tui::app::CatalogKind::Api => "API model (per 1M tokens)",
        crate::tui::app::CatalogKind::Cheap => "Cheap API tier's model (per 1M tokens)",
        crate::tui::app::CatalogKind::Gpu => "GPU (per GPU-hour)",
        crate::tui::app::CatalogKind::Local => "Local model (weights, fit on the scenario's GPU)",
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
        let text = format!("{} {}", if i == selected { "▸" } else { " " }, r.text);
        lines.push(if i == selected {
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
