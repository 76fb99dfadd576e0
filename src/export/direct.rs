//! Direct labels on the cost chart: each option's line carries its name and its cost at "now"
//! ("API $100.00/day") beside the point where it meets the "now" line, so that the figure the
//! verdict rests on is read on the line itself. A label goes below-right or above-left of its
//! point (where a rising or flat line does not run), and only where it touches no other text,
//! no line and no mark; a line with no room keeps its figure in the panel.

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, Label, Paint};
use super::chart::{ChartInput, Plot};
use super::lines::Line;
use super::page::{put_if_clear, Boxes, Scale};
use super::palette;
use crate::figures::money;

/// Whether a box (grown by `m`) touches any of `ink`'s points or segments' sample points.
fn touches(ink: &[(f64, f64)], b: [f64; 4], m: f64) -> bool {
    ink.iter()
        .any(|&(x, y)| x > b[0] - m && x < b[2] + m && y > b[1] - m && y < b[3] + m)
}

/// Every point of every drawn line (and of `others`: the envelope, the marks), with points
/// added along long segments so that a box between two far-apart points is still seen to be
/// crossed.
pub(super) fn ink_of(lines: &[Line], others: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
    let mut ink: Vec<(f64, f64)> = Vec::new();
    let runs = lines
        .iter()
        .map(|l| l.pts.iter().flatten().copied().collect::<Vec<_>>())
        .chain(others.iter().cloned());
    for pts in runs {
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let n = ((b.0 - a.0).hypot(b.1 - a.1) / 2.0).ceil().max(1.0) as usize;
            ink.extend((0..n).map(|k| {
                let f = k as f64 / n as f64;
                (a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f)
            }));
        }
        ink.extend(pts.last().copied());
    }
    ink
}

/// The labels at "now", when the current volume is on the chart.
pub(super) fn now_labels(
    c: &mut Canvas,
    boxes: &mut Boxes,
    input: &ChartInput,
    lines: &[Line],
    (plot, width): (&Plot, f64),
    others: &[Vec<(f64, f64)>],
    s: Scale,
) -> Result<(), String> {
    let o = input.outcome;
    let v = o.requests_per_day;
    let (vmin, vmax) = input.volumes();
    if v < vmin || v > vmax {
        return Ok(());
    }
    let cur = &super::page::currency(input.scenario);
    let x = plot.x.px(v);
    let ink = ink_of(lines, others);
    let em = s.em(16.0);
    let gap = s.px(8.0).max(4.0);
    // The dashed "now" line runs through x: the labels keep clear of it.
    let now_line = [(x, plot.top), (x, plot.bottom)];
    for l in lines {
        // The figure at "now" itself (the verdict's), not the nearest sample's.
        let cost = o.usd_per_day(l.choice);
        if cost <= 0.0 || !o.allowed.is_allowed(l.choice) {
            continue;
        }
        let y = plot.py_cost(cost);
        let text = format!("{} {}/day", l.choice.label(), money(cost, cur));
        let paint = Paint::solid(palette::text_of(l.choice));
        for (dx, dy, h, vp) in [
            (gap, gap, HPos::Left, VPos::Top),
            (-gap, -gap, HPos::Right, VPos::Bottom),
            (gap, gap * 2.5, HPos::Left, VPos::Top),
            (-gap, -gap * 2.5, HPos::Right, VPos::Bottom),
        ] {
            let label = Label::new(text.clone(), (x + dx, y + dy), em, paint).align(h, vp);
            let b = label.bounds();
            let crosses_now = b[0] - 2.0 < now_line[0].0 && b[2] + 2.0 > now_line[0].0;
            if crosses_now || touches(&ink, b, width / 2.0 + 1.0) {
                continue;
            }
            if put_if_clear(c, boxes, &label, plot.rect())? {
                break;
            }
        }
    }
    Ok(())
}
