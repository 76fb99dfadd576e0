//! The Sensitivity tab's chart: a tornado of how each input, swung low and high, moves the
//! daily cost gap between self-hosting and the API at the current volume.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

use super::chart::tabs_line;
use crate::figures::money;
use crate::model::fields;
use crate::tui::app::App;

/// The mark of a row whose swing flips the recommendation.
pub const FLIP_MARK: char = '⇄';

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let cur = app.scenario.currency.as_str();
    let s = &app.sensitivity;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(tabs_line(app))
        .title_bottom(Line::from(
            [
                Span::styled(" █ input low ", t.low()),
                Span::styled(" █ input high ", t.high()),
                Span::styled(format!(" gap now {}/day ", money(s.gap, cur)), t.dim()),
            ]
            .into_iter()
            // docs/MODEL.md §7.1: rows whose swing flips the verdict carry the mark.
            .chain(
                s.swings
                    .iter()
                    .any(|x| x.flips_any(s.now))
                    .then(|| Span::styled(format!(" {FLIP_MARK} flips the answer "), t.header())),
            )
            .collect::<Vec<_>>(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let label_w = (w / 3).clamp(8, 24);
    let value_w = 22.min(w.saturating_sub(label_w + 4));
    let bar_w = w.saturating_sub(label_w + value_w + 2);
    let half = bar_w / 2;
    let reach = s
        .swings
        .iter()
        .flat_map(|x| [(x.gap_low - s.gap).abs(), (x.gap_high - s.gap).abs()])
        .fold(0.0f64, f64::max)
        .max(1e-12);
    let head = format!("◀ cheaper {} │ dearer ▶", s.target_names().1);
    let mut lines = vec![Line::styled(
        format!("{:label_w$} {:^bar_w$} {}", "input", head, "gap low → high"),
        t.dim(),
    )];
    for x in s
        .swings
        .iter()
        .take(inner.height.saturating_sub(1) as usize)
    {
        let label = fields::field(x.key).map_or(x.key, |f| f.label);
        let label: String = if x.flips_any(s.now) {
            format!("{FLIP_MARK} {label}")
        } else {
            label.to_string()
        }
        .chars()
        .take(label_w)
        .collect();
        // Cells from the centre: negative to the left.
        let cells = |d: f64| ((d / reach) * half as f64).round() as i64;
        let (lo, hi) = (cells(x.gap_low - s.gap), cells(x.gap_high - s.gap));
        let mut spans = vec![Span::raw(format!("{label:label_w$} "))];
        for c in 0..bar_w as i64 {
            let pos = c - half as i64;
            let in_lo = (lo < 0 && pos >= lo && pos < 0) || (lo > 0 && pos >= 0 && pos < lo);
            let in_hi = (hi < 0 && pos >= hi && pos < 0) || (hi > 0 && pos >= 0 && pos < hi);
            let span = if in_lo {
                Span::styled("█", t.low())
            } else if in_hi {
                Span::styled("█", t.high())
            } else if pos == 0 {
                Span::styled("│", t.dim())
            } else {
                Span::raw(" ")
            };
            spans.push(span);
        }
        let values = format!(" {} → {}", money(x.gap_low, cur), money(x.gap_high, cur));
        spans.push(Span::raw(
            values.chars().take(value_w + 1).collect::<String>(),
        ));
        lines.push(Line::from(spans));
    }
    super::lines::render(lines, inner, frame.buffer_mut());
}
