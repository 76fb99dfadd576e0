//! Drawing the dashboard: free functions, one file per screen region. They read the [`App`]
//! and never change it.

pub mod chart;
pub mod fleet;
pub mod lines;
pub mod overlay;
pub mod params;
pub mod summary;
pub mod timeline;
pub mod title;
pub mod tornado;

use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::app::App;
use super::layout::{MIN_HEIGHT, MIN_WIDTH};

/// Draw one frame from `app.screen` (computed for this frame's size by the run loop).
///
/// ```text
/// ┌ crossover · Default (default) · prices as of 2025-06 ───────────── ? help ┐
/// ┌ Parameters ────────┐┌ Cost per day against requests per day ─────────────┐
/// │▸ Daily volume 10k  ││ $10k┤ API ⠤⠒⠉                                       │
/// │  0 ━━━━●────── 100M││     ┤        ⣀⣀⣀⣀⡠⠤⠒ self-host                     │
/// │  Input tokens 2,000││  $10┼──────────┬──────────┬─────────               │
/// │  ...               ││    10k        100k        1M                        │
/// │ Workload           │└────────────────────────────────────────────────────┘
/// │  Peak / average 2 ×│┌ At 10,000 requests/day ────────────────────────────┐
/// │  ...               ││ ▶ API  $100.00  $3,043.75  $10.00                  │
/// └────────────────────┘└ break-even, payback, recommendation ───────────────┘
///  status: message · key hints
/// ```
pub fn render(frame: &mut Frame, app: &App) {
    let s = app.screen;
    let area = frame.area();
    if !s.fits || s.area != area {
        let msg = format!(
            "Terminal too small for crossover: {}×{}, needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge it or press q.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(Line::raw(msg)).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    title::render_title(frame, app, s.title);
    params::render(frame, app, s.params);
    chart::render(frame, app, s.chart);
    summary::render(frame, app, s.summary);
    title::render_status(frame, app, s.status);
    overlay::render(frame, app, area);
}
