//! Where each panel goes for a terminal size: one pure function, shared by the drawing code
//! and the mouse hit-testing.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// The smallest terminal the dashboard draws in; below it, one line says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The rectangles of one frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Screen {
    pub area: Rect,
    pub title: Rect,
    pub params: Rect,
    pub chart: Rect,
    pub summary: Rect,
    pub status: Rect,
    /// False when the terminal is too small to draw the dashboard.
    pub fits: bool,
}

/// Split `area` into title bar, parameters, chart, summary and status line.
pub fn screen(area: Rect) -> Screen {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Screen {
            area,
            fits: false,
            ..Screen::default()
        };
    }
    let rows = Layout::default()
        .direction(Direction::Vertical)
        .constraints([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .split(area);
    let params_width = (area.width * 2 / 5).clamp(30, 52);
    let cols = Layout::default()
        .direction(Direction::Horizontal)
        .constraints([Constraint::Length(params_width), Constraint::Min(0)])
        .split(rows[1]);
    let summary_height = (rows[1].height * 9 / 20).clamp(11, 18);
    let right = Layout::default()
        .direction(Direction::Vertical)
        .constraints([Constraint::Min(0), Constraint::Length(summary_height)])
        .split(cols[1]);
    Screen {
        area,
        title: rows[0],
        params: cols[0],
        chart: right[0],
        summary: right[1],
        status: rows[2],
        fits: true,
    }
}
