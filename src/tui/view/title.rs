//! The title bar (preset, modified marker, date of the prices) and the status line (key hints
//! and the last message).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::tui::app::{App, Mode};

pub fn render_title(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let sc = &app.scenario;
    let modified = if app.modified() { " [modified]" } else { "" };
    let today = crate::clock::today();
    let stale = |as_of: &str| match crate::figures::months_between(as_of, &today) {
        Some(m) if m > 6 => format!(" ⚠ {m} months old"),
        _ => String::new(),
    };
    let prices = if sc.prices_as_of.is_empty() {
        "prices undated".to_string()
    } else {
        format!(
            "prices as of {}{}",
            sc.prices_as_of,
            stale(&sc.prices_as_of)
        )
    };
    let catalog = if app.catalog.as_of.is_empty() {
        String::new()
    } else {
        format!(
            " · catalog {}{}",
            app.catalog.as_of,
            stale(&app.catalog.as_of)
        )
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
fn hints(mode: &Mode) -> &'static str {
    match mode {
        Mode::Normal => "↑↓ select  ←→ adjust  ⇧←→ big  ⏎ type  ␣ toggle  m api  g gpu  l model  o open  s save  e export  u undo  w why  ? help  q quit",
        Mode::Edit { .. } => "type a value  ⏎ apply  Esc cancel",
        Mode::Help | Mode::Why { .. } => "↑↓ scroll  Esc close",
        Mode::Picker { .. } => "↑↓ choose  ⏎ load  Esc cancel",
        Mode::SaveName { .. } => "type a name  ⏎ save  Esc cancel",
        Mode::ConfirmOverwrite { .. } | Mode::ConfirmLoad { .. } => "y yes  n no  Esc cancel",
        Mode::ConfirmQuit => "y save first  n quit without saving  Esc cancel",
        Mode::Catalog { .. } => "type to filter  ↑↓ choose  ⏎ apply  Esc cancel",
    }
}

pub fn render_status(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let mut spans = Vec::new();
    if let Some(s) = &app.status {
        let style = if s.error { t.error() } else { t.cheapest() };
        spans.push(Span::styled(format!(" {} ", s.text), style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(format!(" {}", hints(&app.mode)), t.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
