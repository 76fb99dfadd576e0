//! Lines drawn as ratatui's `Paragraph::new(lines)` draws them (no block, no scroll, the default
//! style; unwrapped, or wrapped without trimming), cell for cell, with less work per character:
//! a span of printable ASCII and box-drawing or geometric characters is drawn character by
//! character, since each such character is one grapheme one cell wide (`one_cell`), without
//! the grapheme segmentation, the width lookups and the per-line grapheme vectors the paragraph
//! builds. Other spans take the paragraph's own path (ratatui's graphemes and widths). The
//! parameters panel and the summary draw about eighty lines on every keypress.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Draw `lines` into `area` of `buf` exactly as `Paragraph::new(lines).render(area, buf)`.
pub fn render(lines: Vec<Line<'_>>, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    // A line aligned other than left is placed by its width: the paragraph does that.
    if lines
        .iter()
        .any(|l| l.alignment.is_some_and(|a| a != Alignment::Left))
    {
        Paragraph::new(lines).render(area, buf);
        return;
    }
    if area.is_empty() {
        return;
    }
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        draw_line(line, area, y, buf);
    }
}

/// Draw `lines` into `area` of `buf` exactly as
/// `Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf)`. When every line fits
/// the width and every grapheme in it is at least one cell wide, the word wrapper leaves each
/// line whole (it breaks only once the width taken reaches the area's, which no grapheme of such
/// a line starts at), so the lines are drawn unwrapped; otherwise the paragraph wraps them.
pub fn render_wrapped(lines: Vec<Line<'_>>, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if lines.iter().all(|l| fits_whole(l, area.width)) {
        render(lines, area, buf);
    } else {
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }
}

/// True when `line` is left-aligned, at most `max` cells wide, and has no zero-width grapheme.
fn fits_whole(line: &Line<'_>, max: u16) -> bool {
    if line.alignment.is_some_and(|a| a != Alignment::Left) {
        return false;
    }
    let mut width = 0usize;
    for span in &line.spans {
        let text = span.content.as_ref();
        if text.chars().all(one_cell) {
            width += text.chars().count();
        } else {
            for g in span.styled_graphemes(Style::default()) {
                let w = ratatui::buffer::CellWidth::cell_width(g.symbol);
                if w == 0 {
                    return false;
                }
                width += usize::from(w);
            }
        }
        if width > usize::from(max) {
            return false;
        }
    }
    true
}

/// A character that is a grapheme of its own, one cell wide, wherever it stands among others
/// of its kind: printable ASCII, and the box-drawing, block and geometric shapes up to U+25FC
/// (the sliders' bars and knobs, the table rules, the markers; their grapheme break class is
/// Other, so no two of them join, and none is wide; U+25FD and U+25FE are wide and left out).
fn one_cell(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{2500}'..='\u{25FC}')
}

/// One line from the left of `area` at row `y`, cut where the next grapheme would not fit
/// (ratatui's `LineTruncator`: a grapheme wider than the whole area is skipped, zero-width ones
/// and control characters are not drawn).
fn draw_line(line: &Line<'_>, area: Rect, y: u16, buf: &mut Buffer) {
    let max = area.width;
    let line_style = Style::default().patch(line.style);
    let mut x = 0u16;
    for span in &line.spans {
        let style = line_style.patch(span.style);
        let text = span.content.as_ref();
        if text.chars().all(one_cell) {
            for (i, c) in text.char_indices() {
                if x >= max {
                    return;
                }
                buf[(area.left() + x, y)]
                    .set_symbol(&text[i..i + c.len_utf8()])
                    .set_style(style);
                x += 1;
            }
            continue;
        }
        for g in span.styled_graphemes(line_style) {
            let w = ratatui::buffer::CellWidth::cell_width(g.symbol);
            if w > max {
                continue;
            }
            if x + w > max {
                return;
            }
            if w > 0 {
                let symbol = if g.symbol.is_empty() { " " } else { g.symbol };
                buf[(area.left() + x, y)]
                    .set_symbol(symbol)
                    .set_style(g.style);
                x += w;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;

    /// Both ways into two buffers that start alike (not empty: what is under shows through).
    fn both(lines: Vec<Line<'static>>, area: Rect) -> (Buffer, Buffer) {
        let mut base = Buffer::empty(Rect::new(0, 0, 14, 5));
        for y in 0..5 {
            base.set_string(0, y, "abcdefghijklmn", Style::default().fg(Color::Blue));
        }
        let (mut a, mut b) = (base.clone(), base);
        Paragraph::new(lines.clone()).render(area, &mut a);
        render(lines, area, &mut b);
        (a, b)
    }

    /// What the fast path assumes of each character it takes, checked with ratatui's own
    /// graphemes and widths over the whole range.
    #[test]
    fn a_one_cell_character_is_one_grapheme_one_cell_wide() {
        let chars: Vec<char> = (' '..='~').chain('\u{2500}'..='\u{25FC}').collect();
        assert!(chars.iter().all(|&c| one_cell(c)));
        assert!(!one_cell('\u{25FD}') && !one_cell('\u{1F44D}') && !one_cell('\u{301}'));
        for pair in chars.windows(2) {
            let text: String = pair.iter().chain(pair.iter().rev()).collect();
            let line = Line::raw(text.clone());
            let cells: Vec<_> = line.styled_graphemes(Style::default()).collect();
            assert_eq!(cells.len(), 4, "{text:?}");
            for g in cells {
                assert_eq!(
                    ratatui::buffer::CellWidth::cell_width(g.symbol),
                    1,
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn the_same_cells_as_the_wrapping_paragraph() {
        let dim = Style::default().add_modifier(Modifier::DIM);
        let cases: Vec<Vec<Line<'static>>> = vec![
            // Whole lines: up to the width exactly, leading and trailing spaces, empty lines.
            vec![
                Line::raw("fourteen cells"),
                Line::raw("  lead"),
                Line::raw("trail   "),
                Line::raw(""),
                Line::styled("▶ API  $1 → 2", dim),
            ],
            // A line one cell too long, words to wrap, a word longer than the area.
            vec![Line::raw("fifteen cells!!"), Line::raw("a b")],
            vec![Line::raw("words that wrap over several rows here")],
            vec![Line::raw("abcdefghijklmnopqrstuvwxyz")],
            // Zero-width graphemes: a zero-width space after a full line, a lone combining mark.
            vec![Line::raw("fourteen cells\u{200b}"), Line::raw("x")],
            vec![
                Line::raw("\u{301}a"),
                Line::raw("日本語 and more wide text"),
            ],
            vec![Line::raw("centred").centered()],
        ];
        for lines in cases {
            for area in [
                Rect::new(0, 0, 14, 5),
                Rect::new(2, 1, 7, 3),
                Rect::new(0, 0, 1, 5),
                Rect::new(0, 0, 0, 5),
            ] {
                let base = Buffer::filled(Rect::new(0, 0, 14, 5), ratatui::buffer::Cell::new("."));
                let (mut a, mut b) = (base.clone(), base);
                Paragraph::new(lines.clone())
                    .wrap(Wrap { trim: false })
                    .render(area, &mut a);
                render_wrapped(lines.clone(), area, &mut b);
                assert_eq!(a, b, "{lines:?} in {area:?}");
            }
        }
    }

    #[test]
    fn the_same_cells_as_the_paragraph() {
        let red = Style::default().fg(Color::Red);
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let cases: Vec<Vec<Line<'static>>> = vec![
            vec![Line::raw("plain ascii that is longer than the area")],
            vec![
                Line::from(vec![
                    Span::styled("▸ ", red),
                    Span::raw("Daily volume"),
                    Span::styled(" 10k", bold),
                ]),
                Line::styled("━━━━●──── 100M", red),
                Line::from(vec![Span::raw("wide 日本語 cut"), Span::raw("after")]),
            ],
            vec![
                Line::raw("tab\there and a\u{7}bell"),
                Line::raw("e\u{301}combining and 👍 emoji"),
                Line::raw(""),
                Line::raw("日日日日日日日日"),
                Line::raw("a日日日日日日日"),
                Line::raw("x\r\ny"),
            ],
            vec![Line::raw("right").right_aligned(), Line::raw("left")],
            (0..9).map(|i| Line::raw(format!("row {i}"))).collect(),
            vec![Line::from(vec![
                Span::styled("exactly fourteen", bold),
                Span::styled("!", red),
            ])],
        ];
        for lines in cases {
            for area in [
                Rect::new(0, 0, 14, 5),
                Rect::new(2, 1, 7, 3),
                Rect::new(3, 0, 1, 5),
                Rect::new(0, 0, 0, 5),
                Rect::new(10, 2, 9, 9),
            ] {
                let (a, b) = both(lines.clone(), area);
                assert_eq!(a, b, "{lines:?} in {area:?}");
            }
        }
    }
}
