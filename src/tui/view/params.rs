//! The parameters panel: headline sliders (bar, knob, value, range) first, then every other
//! key by group, toggles for the constraints.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

use crate::figures::{si, volume};
use crate::model::Scenario;
use crate::tui::app::{App, Mode};
use crate::tui::params::{display_value, Param, PARAMS};

/// What one line of the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Header(&'static str),
    Label(usize),
    /// A line of text under row `usize` (the Throughput switch's: what the estimate gives).
    Note(usize),
    /// The slider bar of a row: the bar runs from `x` for `width` cells.
    Bar {
        row: usize,
        x: u16,
        width: u16,
    },
}

/// The row with a note under it: the throughput switch, whose note says what the estimate
/// gives ("estimated: KV cache, 180 at once") or why there is none.
const NOTE_UNDER: &str = "self_host.throughput";

/// Every line of the panel in order, before scrolling.
fn all_lines(inner_width: u16) -> Vec<LineKind> {
    let mut out = Vec::new();
    let mut group = "";
    for (i, p) in PARAMS.iter().enumerate() {
        if p.group != group {
            group = p.group;
            out.push(LineKind::Header(group));
        }
        out.push(LineKind::Label(i));
        if p.key == NOTE_UNDER {
            out.push(LineKind::Note(i));
        }
        if p.headline {
            let (l, r) = range_labels(p);
            let x = 2 + l.chars().count() as u16 + 1;
            let width = inner_width.saturating_sub(x + 1 + r.chars().count() as u16);
            out.push(LineKind::Bar { row: i, x, width });
        }
    }
    out
}

/// The lines visible in `inner` with their screen rows, scrolled so `selected` shows.
/// Pure, so the mouse can find what is under the pointer.
pub fn visible_lines(selected: usize, inner: Rect) -> Vec<(u16, LineKind)> {
    let lines = all_lines(inner.width);
    let height = inner.height as usize;
    let sel_line = lines
        .iter()
        .position(|l| *l == LineKind::Label(selected))
        .unwrap_or(0);
    let offset = if lines.len() <= height {
        0
    } else {
        // Keep the selected row (and the header above it) in view, a third from the top.
        sel_line
            .saturating_sub(height / 3)
            .min(lines.len() - height)
    };
    lines
        .into_iter()
        .skip(offset)
        .take(height)
        .enumerate()
        .map(|(i, l)| {
            let l = match l {
                LineKind::Bar { row, x, width } => LineKind::Bar {
                    row,
                    x: inner.x + x,
                    width,
                },
                other => other,
            };
            (inner.y + i as u16, l)
        })
        .collect()
}

/// The panel's inside, within its border.
pub fn inner(area: Rect) -> Rect {
    Block::default().borders(Borders::ALL).inner(area)
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let block = Block::default().borders(Borders::ALL).title(" Parameters ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for (_, kind) in visible_lines(app.selected, inner) {
        let line = match kind {
            LineKind::Header(g) => Line::styled(g.to_string(), t.header()),
            LineKind::Label(i) => label_line(app, i, w),
            LineKind::Note(_) => note_line(app, w),
            LineKind::Bar { row, width, .. } => bar_line(app, &PARAMS[row], width),
        };
        lines.push(line);
    }
    super::lines::render(lines, inner, frame.buffer_mut());
}

/// A row's label and value, `w` cells wide. The row being typed into shows the input, selected
/// while the first key would replace it.
fn label_line(app: &App, i: usize, w: usize) -> Line<'static> {
    let t = &app.theme;
    let p = &PARAMS[i];
    let selected = i == app.selected;
    let marker = if selected { "▸ " } else { "  " };
    let estimated = app.throughput.estimated().is_some() && ESTIMATED.contains(&p.key);
    let label = if estimated {
        format!("{} (est.)", p.field().label)
    } else if let Some(origin) = followed_origin(p.key, &app.scenario) {
        // The owned fleet's figures that follow the GPU say whether they do.
        format!("{} ({})", p.field().label, origin.tag())
    } else {
        p.field().label.to_string()
    };
    let (value, after, text_selected) = match &app.mode {
        Mode::Edit {
            row,
            input,
            selected: all,
            ..
        } if *row == i => {
            let unit = if p.is_percent() && !input.ends_with('%') {
                "%"
            } else {
                ""
            };
            (input.clone(), format!("▏{unit}"), *all)
        }
        _ if estimated => {
            let (prefill, decode) = app.throughput.rates;
            let x = if p.key == ESTIMATED[0] {
                prefill
            } else {
                decode
            };
            (format!("{} tok/s", volume(x)), String::new(), false)
        }
        _ => (display_value(p, &app.scenario), String::new(), false),
    };
    let value_len = value.chars().count() + after.chars().count();
    let room = w.saturating_sub(3 + value_len);
    let label: String = if label.chars().count() > room {
        let cut: String = label.chars().take(room.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        label
    };
    let pad = w
        .saturating_sub(2 + label.chars().count() + value_len)
        .max(1);
    let head = format!("{marker}{label}{}", " ".repeat(pad));
    let row_style = if selected {
        t.selected()
    } else {
        ratatui::style::Style::default()
    };
    let value_style = if text_selected {
        t.text_selection()
    } else {
        row_style
    };
    Line::from(vec![
        Span::raw(head),
        Span::styled(value, value_style),
        Span::raw(after),
    ])
    .style(row_style)
}

/// Where the value of a row that follows the catalog's GPU came from (docs/MODEL.md §6.9).
fn followed_origin<'a>(
    key: &str,
    sc: &'a Scenario,
) -> Option<&'a crate::model::owned_inputs::Origin> {
    match key {
        "owned.gpu_purchase_price" => Some(&sc.owned.purchase_from),
        "owned.power_per_gpu_watts" => Some(&sc.owned.power_from),
        _ => None,
    }
}

/// The rows whose value the estimate sets while `self_host.throughput = "estimate"`.
const ESTIMATED: [&str; 2] = [
    "self_host.prefill_tokens_per_second",
    "self_host.decode_tokens_per_second",
];

/// The note under the throughput switch, cut to `w` cells.
fn note_line(app: &App, w: usize) -> Line<'static> {
    let t = &app.theme;
    let (text, problem) = app.throughput.note();
    let text = format!("    {text}");
    let text: String = if text.chars().count() > w {
        let cut: String = text.chars().take(w.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        text
    };
    let style = if problem {
        t.error()
    } else if app.throughput.estimated().is_some() {
        t.header()
    } else {
        t.dim()
    };
    Line::styled(text, style)
}

fn bar_line(app: &App, p: &Param, width: u16) -> Line<'static> {
    let t = &app.theme;
    let (l, r) = range_labels(p);
    let width = width as usize;
    let f = p.fraction(p.value(&app.scenario));
    let knob = if width == 0 {
        0
    } else {
        ((f * (width - 1) as f64).round() as usize).min(width - 1)
    };
    let mut spans = vec![Span::styled(format!("  {l} "), t.dim())];
    if width > 0 {
        spans.push(Span::styled("━".repeat(knob), t.bar_filled()));
        spans.push(Span::styled("●", t.knob()));
        spans.push(Span::styled("─".repeat(width - knob - 1), t.dim()));
    }
    spans.push(Span::styled(format!(" {r}"), t.dim()));
    Line::from(spans)
}

/// The labels at a slider's two ends.
/// They are the values `Home` and `End` give, so a label never promises what the key does not.
fn range_labels(p: &Param) -> (String, String) {
    let f = p.field();
    let show = |x: f64| {
        if f.unit.starts_with('/') {
            format!("${}", si(x))
        } else {
            si(x)
        }
    };
    (show(p.at_fraction(0.0)), show(p.at_fraction(1.0)))
}
