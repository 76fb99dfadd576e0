//! The title bar (preset, modified marker, the fit of the user's own runs in use, date of the
//! prices) and the status line (key hints and the last message).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;

use crate::tui::action::Action;
use crate::tui::app::{App, CatalogKind, Mode};
use crate::tui::keymap::{status_keys, Binding};

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
        .map(crate::wording::stale_short)
        .collect();
    let catalog = match picks.as_slice() {
        [] => catalog,
        [one] => format!("{catalog} · ⚠ {one}"),
        [first, rest @ ..] => format!("{catalog} · ⚠ {first} (+{} more)", rest.len()),
    };
    let prices = format!("{prices}{catalog}");
    // The fit of the user's own runs the estimate uses, before the dates (which are cut first).
    let fit =
        crate::calibrate::apply::in_use(sc).map_or(String::new(), |f| format!(" · {}", f.short()));
    let left = format!(
        " crossover · {} ({}){modified}{fit} · {prices}",
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
    super::lines::render(
        vec![Line::styled(text, t.title())],
        area,
        frame.buffer_mut(),
    );
}

/// Key hints for the current mode, each key looked up in the keymap (the tables key handling
/// and the help read), so a hint cannot drift from what the key does.
fn hints(mode: &Mode, tab: crate::tui::app::Tab) -> String {
    use crate::tui::keymap::{CATALOG, CONFIRM, DASHBOARD, FLEET, LIST, TEXT};
    let (tables, items): (&[&[Binding]], &[Hint]) = match mode {
        Mode::Normal if tab == crate::tui::app::Tab::Fleet => (&[FLEET, DASHBOARD], FLEET_HINTS),
        Mode::Normal => (&[DASHBOARD], DASHBOARD_HINTS),
        Mode::Edit { row, .. } => {
            let typing = format!("type {}", crate::tui::params::PARAMS[*row].hint());
            return join(Some(typing), &[TEXT], EDIT_HINTS);
        }
        Mode::Help { .. } | Mode::Why { .. } => (&[LIST], SCROLL_HINTS),
        Mode::Picker { .. } => (&[LIST], PICKER_HINTS),
        Mode::SaveName { .. } => return join(Some("type a name".into()), &[TEXT], SAVE_HINTS),
        Mode::ConfirmOverwrite { .. } | Mode::ConfirmLoad { .. } => (&[CONFIRM], CONFIRM_HINTS),
        Mode::ConfirmQuit => (&[CONFIRM], QUIT_HINTS),
        Mode::Catalog { .. } => {
            return join(Some("type to filter".into()), &[CATALOG], CATALOG_HINTS)
        }
    };
    join(None, tables, items)
}

/// A hint: the actions whose keys it shows, and what they do.
type Hint = (&'static [Action], &'static str);

fn join(first: Option<String>, tables: &[&[Binding]], items: &[Hint]) -> String {
    let mut parts: Vec<String> = first.into_iter().collect();
    for (actions, what) in items {
        if let Some(keys) = status_keys(tables, actions) {
            parts.push(format!("{keys} {what}"));
        }
    }
    parts.join("  ")
}

const STEP: [Action; 2] = [
    Action::Step {
        dir: -1,
        big: false,
    },
    Action::Step { dir: 1, big: false },
];
const BIG: [Action; 2] = [
    Action::Step { dir: -1, big: true },
    Action::Step { dir: 1, big: true },
];

const DASHBOARD_HINTS: &[Hint] = &[
    (&[Action::Up, Action::Down], "select"),
    (&STEP, "adjust"),
    (&BIG, "big"),
    (&[Action::Enter], "type"),
    (&[Action::Toggle], "toggle"),
    (&[Action::OpenCatalog(CatalogKind::Api)], "api"),
    (&[Action::OpenCatalog(CatalogKind::Gpu)], "gpu"),
    (&[Action::OpenCatalog(CatalogKind::Local)], "model"),
    (&[Action::OpenPicker], "open"),
    (&[Action::Save], "save"),
    (&[Action::Export], "export"),
    (&[Action::Undo], "undo"),
    (&[Action::Why], "why"),
    (&[Action::Help], "help"),
    (&[Action::Quit], "quit"),
];
const FLEET_HINTS: &[Hint] = &[
    (&[Action::Rank(-1), Action::Rank(1)], "rank"),
    (&[Action::ApplyRank], "apply"),
    (&STEP, "adjust"),
    (&[Action::ToggleEnvelope], "best line"),
    (&[Action::NextTab(1)], "tabs"),
    (&[Action::Undo], "undo"),
    (&[Action::Export], "export"),
    (&[Action::Help], "help"),
    (&[Action::Quit], "quit"),
];
const EDIT_HINTS: &[Hint] = &[(&[Action::Enter], "apply"), (&[Action::Cancel], "cancel")];
const SAVE_HINTS: &[Hint] = &[(&[Action::Enter], "save"), (&[Action::Cancel], "cancel")];
const SCROLL_HINTS: &[Hint] = &[
    (&[Action::Up, Action::Down, BIG[0], BIG[1]], "scroll"),
    (&[Action::Cancel], "close"),
];
const PICKER_HINTS: &[Hint] = &[
    (&[Action::Up, Action::Down], "choose"),
    (&[Action::Enter], "load"),
    (&[Action::Cancel], "cancel"),
];
const CONFIRM_HINTS: &[Hint] = &[
    (&[Action::Yes], "yes"),
    (&[Action::No], "no"),
    (&[Action::Cancel], "cancel"),
];
const QUIT_HINTS: &[Hint] = &[
    (&[Action::Yes], "save first"),
    (&[Action::No], "quit without saving"),
    (&[Action::Cancel], "cancel"),
];
const CATALOG_HINTS: &[Hint] = &[
    (&[Action::Up, Action::Down], "choose"),
    (&[Action::Enter], "apply"),
    (&[Action::Cancel], "cancel"),
];

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
    super::lines::render(vec![Line::from(spans)], area, frame.buffer_mut());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{CATALOG, CONFIRM, DASHBOARD, FLEET, LIST, TEXT};

    /// Every hint names keys the keymap binds to its actions, and the lines read as before the
    /// hints came from the keymap.
    #[test]
    fn every_hint_comes_from_a_bound_key() {
        let tables: [(&[&[Binding]], &[Hint]); 9] = [
            (&[DASHBOARD], DASHBOARD_HINTS),
            (&[FLEET, DASHBOARD], FLEET_HINTS),
            (&[TEXT], EDIT_HINTS),
            (&[TEXT], SAVE_HINTS),
            (&[LIST], SCROLL_HINTS),
            (&[LIST], PICKER_HINTS),
            (&[CONFIRM], CONFIRM_HINTS),
            (&[CONFIRM], QUIT_HINTS),
            (&[CATALOG], CATALOG_HINTS),
        ];
        for (t, items) in tables {
            for (actions, what) in items {
                assert!(status_keys(t, actions).is_some(), "{what}: no key");
            }
        }
        assert_eq!(
            hints(&Mode::Normal, crate::tui::app::Tab::Costs),
            "↑↓ select  ←→ adjust  ⇧←→ big  ⏎ type  ␣ toggle  m api  g gpu  l model  o open  s save  e export  u undo  w why  ? help  q quit"
        );
        assert_eq!(
            hints(&Mode::Normal, crate::tui::app::Tab::Fleet),
            "↑↓ rank  ⏎ apply  ←→ adjust  b best line  Tab tabs  u undo  e export  ? help  q quit"
        );
        assert_eq!(
            hints(&Mode::Help { scroll: 0 }, crate::tui::app::Tab::Costs),
            "↑↓ PgUp PgDn scroll  Esc close"
        );
        assert_eq!(
            hints(&Mode::ConfirmQuit, crate::tui::app::Tab::Costs),
            "y save first  n quit without saving  Esc cancel"
        );
    }
}
