//! The title bar (preset, modified marker, date of the prices) and the status line (key hints
//! and the last message).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use crate::tui::app::{App, Mode};

pub fn render_title(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let sc = &app.scenario;
    let modified = if app.modified() { " [modified]" } else { "" };
    let stale = |as_of: &str| match crate::figures::months_between(as_of, &app.today) {
        Some(m) if m > 6 => format!(" ⚠ {m} months old"),
        _ => String::new(),
    };
    let dates = &app.price_dates;
    let prices = format!("{}{}", dates.describe(), stale(dates.oldest()));
    let imported = app.catalog.imported.as_ref().map_or(String::new(), |i| {
        format!(
            " + import as of {}{}",
            i.as_of,
            if i.as_of == "unknown" { " ⚠" } else { "" }
        )
    });
    let catalog = if app.catalog.as_of.is_empty() {
        String::new()
    } else {
        format!(
            " · catalog {}{}{imported}",
            app.catalog.as_of,
            stale(&app.catalog.as_of)
        )
    };
    // Picked entries of unknown date (an undated import), and an old local-model profile:
    // the dates above cannot show them. The first, and how many.
    let picks: Vec<String> = crate::model::staleness::stale(sc, &app.today)
        .iter()
        .filter(|s| s.date == "unknown" || s.what.starts_with("local model"))
        .map(|s| s.short())
        .collect();
    let catalog = match picks.as_slice() {
        [] => catalog,
        [one] => format!("{catalog} · ⚠ {one}"),
        [first, rest @ ..] => format!("{catalog} · ⚠ {first} (+{} more)", rest.len()),
    };
    let prices = format!("{prices}{catalog}");
    let left = format!(
        " crossover · {} ({}){modified} · {prices}",
        sc.name, app.preset_name
    );
    let right = " ? help ";
    let width = area.width as usize;
    let room = width.saturating_sub(right.chars().count());
    let left: String = if left.chars().count() > room {
        let cut: String = left.chars().take(room.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        left
    };
    let pad = width.saturating_sub(left.chars().count() + right.chars().count());
    let text = format!("{left}{}{right}", " ".repeat(pad));
    frame.render_widget(Paragraph::new(Line::styled(text, t.title())), area);
}

/// Key hints for the current mode.
fn hints(mode: &Mode, tab: crate::tui::app::Tab) -> String {
    match mode {
        Mode::Normal if tab == crate::tui::app::Tab::Fleet => "↑↓ rank  ⏎ apply  ←→ adjust  b best line  Tab tabs  u undo  e export  ? help  q quit".into(),
        Mode::Normal => "↑↓ select  ←→ adjust  ⇧←→ big  ⏎ type  ␣ toggle  m api  g gpu  l model  o open  s save  e export  u undo  w why  ? help  q quit".into(),
        Mode::Edit { row, .. } => format!(
            "type {}  ⏎ apply  Esc cancel",
            crate::tui::params::PARAMS[*row].hint()
        ),
        Mode::Help { .. } | Mode::Why { .. } => "↑↓ PgUp PgDn scroll  Esc close".into(),
        Mode::Picker { .. } => "↑↓ choose  ⏎ load  Esc cancel".into(),
        Mode::SaveName { .. } => "type a name  ⏎ save  Esc cancel".into(),
        Mode::ConfirmOverwrite { .. } | Mode::ConfirmLoad { .. } => "y yes  n no  Esc cancel".into(),
        Mode::ConfirmQuit => "y save first  n quit without saving  Esc cancel".into(),
        Mode::Catalog { .. } => "type to filter  ↑↓ choose  ⏎ apply  Esc cancel".into(),
    }
}

/// The status line: a typing error, else the last message, then the key hints. The whole
/// line is cleared first, so nothing of a longer earlier message is left behind.
pub fn render_status(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let mut spans = Vec::new();
    let message = match &app.mode {
        Mode::Edit { error: Some(e), .. } => Some((e.as_str(), true)),
        _ => app.status.as_ref().map(|s| (s.text.as_str(), s.error)),
    };
    if let Some((text, error)) = message {
        let style = if error { t.error() } else { t.cheapest() };
        spans.push(Span::styled(format!(" {text} "), style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        format!(" {}", hints(&app.mode, app.tab)),
        t.dim(),
    ));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
