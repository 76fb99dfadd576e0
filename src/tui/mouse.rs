//! Mouse hit-testing: a pure function of the event and the last frame's layout.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::Mode;
use super::layout::Screen;
use super::view::params::{inner, visible_lines, LineKind};

/// The action for a mouse event, given the last layout, the selected row and the row being
/// dragged. Over a dialog, only the wheel does something: it scrolls lists and texts.
pub fn action_for_mouse(
    screen: &Screen,
    selected: usize,
    mode: &Mode,
    dragging: Option<usize>,
    ev: MouseEvent,
) -> Option<Action> {
    let list = matches!(
        mode,
        Mode::Help { .. } | Mode::Why { .. } | Mode::Picker { .. } | Mode::Catalog { .. }
    );
    match ev.kind {
        // The wheel scrolls an open list or text, as its arrow keys do.
        MouseEventKind::ScrollUp if list => return Some(Action::Up),
        MouseEventKind::ScrollDown if list => return Some(Action::Down),
        _ => {}
    }
    if *mode != Mode::Normal || !screen.fits {
        return None;
    }
    let panel = inner(screen.params);
    let lines = visible_lines(selected, panel);
    let fraction = |x: u16, width: u16| {
        if width <= 1 {
            0.0
        } else {
            (f64::from(x) / f64::from(width - 1)).clamp(0.0, 1.0)
        }
    };
    let bar_of = |row: usize| {
        lines.iter().find_map(|(_, l)| match *l {
            LineKind::Bar { row: r, x, width } if r == row => Some((x, width)),
            _ => None,
        })
    };
    if let (MouseEventKind::Drag(MouseButton::Left), Some(row)) = (ev.kind, dragging) {
        let (x, width) = bar_of(row)?;
        return Some(Action::SetFraction {
            row,
            fraction: fraction(ev.column.saturating_sub(x), width),
        });
    }
    if let MouseEventKind::Up(MouseButton::Left) = ev.kind {
        return Some(Action::DragEnd);
    }
    if !contains(panel, ev.column, ev.row) {
        return None;
    }
    let (_, line) = lines.iter().find(|(y, _)| *y == ev.row)?;
    match (*line, ev.kind) {
        (LineKind::Label(row) | LineKind::Note(row), MouseEventKind::Down(MouseButton::Left)) => {
            Some(Action::Select(row))
        }
        (LineKind::Bar { row, x, width }, MouseEventKind::Down(MouseButton::Left)) => {
            if ev.column < x || ev.column >= x + width {
                return Some(Action::Select(row));
            }
            Some(Action::SetFraction {
                row,
                fraction: fraction(ev.column - x, width),
            })
        }
        (LineKind::Label(row) | LineKind::Bar { row, .. }, MouseEventKind::ScrollUp) => {
            Some(Action::Scroll { row, dir: 1 })
        }
        (LineKind::Label(row) | LineKind::Bar { row, .. }, MouseEventKind::ScrollDown) => {
            Some(Action::Scroll { row, dir: -1 })
        }
        _ => None,
    }
}

fn contains(r: Rect, x: u16, y: u16) -> bool {
    r.contains(Position { x, y })
}
