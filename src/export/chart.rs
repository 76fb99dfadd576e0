//! The exported cost chart: daily cost against daily volume on log–log axes, drawn straight
//! on a [`Canvas`] (PNG or SVG alike).
//!
//! It is built to be read right in five seconds on a slide, so it never draws what would
//! mislead: a $0 cost is said in words ("API $0/day (below the axis)") instead of drawn on
//! the axis floor; a current volume off the axis is pointed to at the edge; two series that
//! coincide are drawn once and said to coincide; a run of oscillating crossings is one
//! bracket ("35 crossings between 199k and 1.81M"); and the break-even and the current
//! volume are always labelled first. Labels sit in a strip above the data, in as few rows as
//! they need, and no text box overlaps another.
//!
//! Sizes scale with the canvas: 1600×900 is the design size; text never goes under 10 px, and
//! below 1000 px wide the side panel drops the assumptions.

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, Label, Paint, Stroke};
use super::palette::{self, INK, MARK, MUTED, NOW, WHITE};
use crate::figures::{si, si_money, volume};
use crate::model::curve::CurvePoint;
use crate::model::recommend::cheapest;
use crate::model::{Choice, Outcome, Scenario};

/// What one chart shows.
pub struct ChartInput<'a> {
    pub scenario: &'a Scenario,
    pub outcome: &'a Outcome,
    pub curve: &'a [CurvePoint],
    /// "crossover 0.1.0 · 2026-11-25".
    pub footer: String,
    /// Monte Carlo bands, drawn as shaded P10–P90 areas when present.
    pub bands: Option<&'a crate::model::uncertainty::MonteCarlo>,
    /// The options drawn, in drawing order (a later one that coincides with an earlier one is
    /// drawn only where it differs).
    pub options: Vec<Choice>,
    /// The options the shading compares: it shows the cheapest of these.
    pub shaded: Vec<Choice>,
}

/// The options every chart draws today, in order.
pub const OPTIONS: [Choice; 3] = [Choice::Api, Choice::SelfHost, Choice::Hybrid];

/// An option's daily cost at a curve point.
pub fn cost(p: &CurvePoint, c: Choice) -> f64 {
    match c {
        Choice::Api => p.api,
        Choice::SelfHost => p.self_host,
        Choice::Hybrid => p.hybrid,
    }
}

/// Consecutive crossings closer than this factor form one bracket.
pub const GROUP_RATIO: f64 = 1.6;

/// Pixel sizes scaled from the 1600×900 design.
#[derive(Debug, Clone, Copy)]
pub struct Scale(pub f64);
impl Scale {
    pub fn of(w: u32, h: u32) -> Scale {
        Scale((f64::from(w) / 1600.0).min(f64::from(h) / 900.0))
    }
    pub fn px(&self, design: f64) -> f64 {
        design * self.0
    }
    /// A font size in px (em), never under the 10 px minimum.
    pub fn em(&self, design: f64) -> f64 {
        (design * self.0).max(MIN_EM)
    }
}

/// The smallest text any chart sets, in px.
pub const MIN_EM: f64 = 10.0;

/// Text boxes already on the page, so optional labels can keep clear of them.
#[derive(Default)]
pub struct Boxes(Vec<[f64; 4]>);
impl Boxes {
    pub fn clear(&self, b: [f64; 4], gap: f64) -> bool {
        self.0.iter().all(|o| {
            b[2] + gap <= o[0] || o[2] + gap <= b[0] || b[3] + gap <= o[1] || o[3] + gap <= b[1]
        })
    }
    pub fn add(&mut self, b: [f64; 4]) {
        self.0.push(b);
    }
}

/// Draw a label that must appear, and note its box.
pub fn put(c: &mut Canvas, boxes: &mut Boxes, l: &Label) -> Result<(), String> {
    boxes.add(l.bounds());
    c.text(l)
}

/// Draw a label only where it touches no other text (and stays inside `within`).
pub fn put_if_clear(
    c: &mut Canvas,
    boxes: &mut Boxes,
    l: &Label,
    within: [f64; 4],
) -> Result<bool, String> {
    let b = l.bounds();
    let inside = b[0] >= within[0] && b[1] >= within[1] && b[2] <= within[2] && b[3] <= within[3];
    if inside && boxes.clear(b, 2.0) {
        put(c, boxes, l)?;
        Ok(true)
    } else {
        Ok(false)
    }
}

/// Title on top (bold, centred), footer at the bottom right; returns the y under the title
/// and the y over the footer.
pub fn frame(
    c: &mut Canvas,
    boxes: &mut Boxes,
    title: &str,
    footer: &str,
    s: Scale,
) -> Result<(f64, f64), String> {
    let (w, h) = c.size();
    let (w, h) = (f64::from(w), f64::from(h));
    c.fill_rect((0.0, 0.0), (w, h), Paint::solid(WHITE))?;
    let tem = s.em(30.0).max(14.0);
    let title = super::font::fit(title, tem, w - s.px(40.0));
    let top = s.px(16.0);
    put(
        c,
        boxes,
        &Label::new(title, (w / 2.0, top), tem, Paint::solid(INK))
            .align(HPos::Center, VPos::Top)
            .bold(),
    )?;
    let fem = s.em(14.0);
    let fy = h - s.px(12.0).max(4.0);
    put(
        c,
        boxes,
        &Label::new(footer, (w - s.px(16.0), fy), fem, Paint::solid(NOW))
            .align(HPos::Right, VPos::Bottom),
    )?;
    Ok((top + tem * 1.25, fy - fem * 1.3))
}

/// Money for a decade tick: `$0.10`, `$0.01`, `$1`, `$10k`.
pub fn tick_money(x: f64, cur: &str) -> String {
    if x >= 1.0 || x <= 0.0 {
        return si_money(x, cur);
    }
    let digits = ((-x.log10()).ceil() as usize).max(2);
    let body = format!("{x:.digits$}");
    // The currency as si_money places it, around our own digits.
    si_money(1.0, cur).replacen('1', &body, 1)
}

/// Whole decades inside `[lo, hi]`; the ends when none fit.
fn decades(lo: f64, hi: f64) -> Vec<f64> {
    let (first, last) = (lo.ceil() as i64, hi.floor() as i64);
    if last < first {
        return vec![lo, hi];
    }
    (first..=last).map(|d| d as f64).collect()
}

/// One option's line: its points in pixels (`None` where not drawn) and what the legend says.
struct Line {
    choice: Choice,
    pts: Vec<Option<(f64, f64)>>,
    /// Volume ranges where it coincides with an earlier option, and which.
    same_as: Vec<(f64, f64, Choice)>,
    /// Some of its costs are $0 and cannot sit on a log axis.
    zero: bool,
}

/// A run of crossings close together: first, last, how many.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group {
    pub first: f64,
    pub last: f64,
    pub count: usize,
}

/// Crossings in runs: consecutive ones closer than [`GROUP_RATIO`] join one group.
pub fn group_crossings(xs: &[f64]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for &x in xs {
        match out.last_mut() {
            Some(g) if x <= g.last * GROUP_RATIO => {
                g.last = x;
                g.count += 1;
            }
            _ => out.push(Group {
                first: x,
                last: x,
                count: 1,
            }),
        }
    }
    out
}

/// A label in the strip above the data.
struct StripLabel {
    text: String,
    paint: Paint,
    bold: bool,
    /// Where it points, in px along x.
    at: f64,
    /// A bracket from..to in px, for a group.
    span: Option<(f64, f64)>,
    /// Where its leaders end in the plot (px y), one per leader x.
    leaders: Vec<(f64, f64)>,
    /// Anchored at an edge of the plot (off-chart values).
    edge: Option<HPos>,
}

pub fn draw(c: &mut Canvas, input: &ChartInput) -> Result<(), String> {
    let sc = input.scenario;
    let o = input.outcome;
    let cur = sc.currency.as_str();
    let (cw, ch) = c.size();
    let s = Scale::of(cw, ch);
    let (w, _h) = (f64::from(cw), f64::from(ch));
    let mut boxes = Boxes::default();
    let title = format!("{}: cost per day by daily volume", sc.name);
    let (top, bottom) = frame(c, &mut boxes, &title, &input.footer, s)?;

    // Volume range from the chart keys; cost range in whole decades around every positive cost.
    let (vmin, vmax) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
    let (xlo, xhi) = (vmin.log10(), vmax.log10());
    let (mut cmin, mut cmax) = (f64::INFINITY, 0.0f64);
    for p in input.curve {
        for &o in &input.options {
            let v = cost(p, o);
            if v > 0.0 {
                cmin = cmin.min(v);
                cmax = cmax.max(v);
            }
        }
    }
    if !cmin.is_finite() || cmax <= 0.0 {
        (cmin, cmax) = (1.0, 10.0);
    }
    let ylo = cmin.log10().floor();
    let yhi = cmax.log10().ceil().max(ylo + 1.0);

    // Horizontal layout: y title, y ticks, plot, side panel.
    let tick_em = s.em(18.0);
    let desc_em = s.em(19.0);
    let side_w = (w * 0.28).round();
    let yticks = decades(ylo, yhi);
    let ytick_w = yticks
        .iter()
        .map(|&y| super::font::advance(&tick_money(10f64.powf(y), cur), tick_em))
        .fold(0.0, f64::max);
    let left = s.px(20.0) + desc_em * 1.4 + ytick_w + s.px(12.0);
    let right = w - side_w - s.px(28.0);
    let px_x = |v: f64| left + (v.log10() - xlo) / (xhi - xlo) * (right - left);

    // Vertical layout, bottom up: footer, x title, x ticks, plot; the strip height comes from
    // the labels.
    let plot_bottom = bottom - desc_em * 1.5 - tick_em * 1.6 - s.px(10.0);
    let label_em = s.em(17.0);
    let row_h = label_em * 1.7;

    let lines_pre = prepare_lines(input, xlo, xhi, ylo, yhi);
    let mut strip = strip_labels(input, o, vmin, vmax, label_em, &px_x);
    let rows = place(&mut strip, label_em, left, right, 3);
    let used = rows.iter().map(|r| r.row + 1).max().unwrap_or(0);
    let strip_top = top + s.px(8.0);
    let plot_top = strip_top + used as f64 * row_h + s.px(10.0);
    let py = |ly: f64| plot_bottom - (ly - ylo) / (yhi - ylo) * (plot_bottom - plot_top);
    let py_cost = |v: f64| py(v.max(1e-300).log10().clamp(ylo, yhi));
    let plot = [left, plot_top, right, plot_bottom];

    // Shading: which shaded option is cheapest along the volume axis; runs narrower than a
    // few pixels (oscillating crossings) merge into one hatched "alternates" stretch.
    let bands = shading(input, &px_x, s.px(6.0).max(3.0));
    for b in &bands {
        match b.2 {
            Some(choice) => c.fill_rect(
                (b.0, plot_top),
                (b.1, plot_bottom),
                Paint::solid(palette::shade(choice)),
            )?,
            None => hatch(c, [b.0, plot_top, b.1, plot_bottom], s)?,
        }
    }

    // Grid and axes.
    let grid = Stroke {
        paint: Paint::solid(INK).alpha(0.12),
        width: 1.0,
        dash: None,
    };
    let xticks = decades(xlo, xhi);
    for &x in &xticks {
        let px = px_x(10f64.powf(x));
        c.path(&[Some((px, plot_top)), Some((px, plot_bottom))], grid)?;
    }
    for &y in &yticks {
        let p = py(y);
        c.path(&[Some((left, p)), Some((right, p))], grid)?;
    }
    let axis = Stroke {
        paint: Paint::solid(INK).alpha(0.7),
        width: 1.0,
        dash: None,
    };
    c.path(
        &[
            Some((left, plot_top)),
            Some((left, plot_bottom)),
            Some((right, plot_bottom)),
        ],
        axis,
    )?;
    let ink = Paint::solid(INK);
    let mut last_top = f64::MAX;
    for &y in &yticks {
        let l = Label::new(
            tick_money(10f64.powf(y), cur),
            (left - s.px(10.0), py(y)),
            tick_em,
            ink,
        )
        .align(HPos::Right, VPos::Center);
        let b = l.bounds();
        if b[3] < last_top - tick_em * 0.3 {
            last_top = b[1];
            put(c, &mut boxes, &l)?;
        }
    }
    let mut last_right = f64::MIN;
    for &x in &xticks {
        let l = Label::new(
            si(10f64.powf(x)),
            (px_x(10f64.powf(x)), plot_bottom + s.px(12.0)),
            tick_em,
            ink,
        )
        .align(HPos::Center, VPos::Top);
        let b = l.bounds();
        if b[0] > last_right + tick_em * 0.8 && boxes.clear(b, 1.0) {
            last_right = b[2];
            put(c, &mut boxes, &l)?;
        }
    }
    put(
        c,
        &mut boxes,
        &Label::new(
            "requests per day",
            ((left + right) / 2.0, bottom),
            desc_em,
            ink,
        )
        .align(HPos::Center, VPos::Bottom),
    )?;
    let mut ydesc = Label::new(
        format!("cost per day ({cur})"),
        (s.px(20.0), (plot_top + plot_bottom) / 2.0),
        desc_em,
        ink,
    )
    .align(HPos::Center, VPos::Top);
    ydesc.vertical = true;
    put(c, &mut boxes, &ydesc)?;

    // P10–P90 bands around each series.
    if let Some(mc) = input.bands {
        for &choice in &input.options {
            let qs = match choice {
                Choice::Api => &mc.api,
                Choice::SelfHost => &mc.self_host,
                Choice::Hybrid => &mc.hybrid,
            };
            let mut outline: Vec<(f64, f64)> = mc
                .volumes
                .iter()
                .zip(qs.iter())
                .map(|(v, q)| (px_x(*v), py_cost(q[0])))
                .collect();
            outline.extend(
                mc.volumes
                    .iter()
                    .zip(qs.iter())
                    .rev()
                    .map(|(v, q)| (px_x(*v), py_cost(q[2]))),
            );
            c.fill_polygon(&outline, Paint::solid(palette::series(choice)).alpha(0.16))?;
        }
    }

    // The series, each one path, in pixels now that the plot is placed.
    let lines = finish_lines(lines_pre, input, &px_x, &py, s.px(4.0).max(2.0));
    let width = s.px(4.5).max(2.0);
    for l in &lines {
        c.path(
            &l.pts,
            Stroke {
                paint: Paint::solid(palette::series(l.choice)),
                width,
                dash: palette::dash(l.choice).map(|(a, b)| (s.px(a).max(3.0), s.px(b).max(3.0))),
            },
        )?;
    }

    // The current volume, when on the chart.
    let v = o.requests_per_day;
    if v >= vmin && v <= vmax {
        let x = px_x(v);
        c.path(
            &[Some((x, plot_top)), Some((x, plot_bottom))],
            Stroke {
                paint: Paint::solid(NOW),
                width: s.px(2.0).max(1.0),
                dash: Some((s.px(7.0).max(3.0), s.px(6.0).max(3.0))),
            },
        )?;
    }

    // Strip labels, brackets, leaders and markers.
    let radius = s.px(8.0).max(4.0);
    for p in &rows {
        let l = &strip[p.index];
        let y = strip_top + (used - 1 - p.row) as f64 * row_h;
        let label = Label {
            bold: l.bold,
            ..Label::new(l.text.clone(), (p.x, y), label_em, l.paint).align(p.h, VPos::Top)
        };
        put(c, &mut boxes, &label)?;
        let under = y + label_em * 1.15;
        let leader = Stroke {
            paint: l.paint.alpha(0.5),
            width: 1.0,
            dash: None,
        };
        if let Some((a, b)) = l.span {
            let bracket = Stroke {
                paint: l.paint,
                width: s.px(2.0).max(1.0),
                dash: None,
            };
            let tick = label_em * 0.35;
            c.path(
                &[
                    Some((a, under + tick)),
                    Some((a, under)),
                    Some((b, under)),
                    Some((b, under + tick)),
                ],
                bracket,
            )?;
        }
        for &(lx, at_cost) in &l.leaders {
            let from = if l.span.is_some() {
                under + label_em * 0.35
            } else {
                under
            };
            // Down to the marker on the line, or to the plot's top for the "now" line.
            let to = if at_cost.is_nan() {
                plot_top
            } else {
                py_cost(at_cost) - radius
            };
            if to > from {
                c.path(&[Some((lx, from)), Some((lx, to))], leader)?;
            }
        }
    }
    // Markers: each single crossing hollow, the break-even solid.
    let breakeven = o.breakeven_requests_per_day;
    for g in group_crossings(&o.crossings) {
        if g.count == 1 && !same(Some(g.first), breakeven) {
            let at = (px_x(g.first), py_cost(o.rates.api(g.first).usd_per_day));
            c.circle(
                at,
                radius * 0.75,
                Some(Paint::solid(WHITE)),
                Some((Paint::solid(MARK), s.px(3.0).max(1.5))),
            )?;
        }
    }
    if let Some(b) = breakeven.filter(|b| *b >= vmin && *b <= vmax) {
        let at = (px_x(b), py_cost(o.rates.api(b).usd_per_day));
        c.circle(
            at,
            radius,
            Some(Paint::solid(MARK)),
            Some((Paint::solid(WHITE), s.px(3.0).max(1.5))),
        )?;
    }

    // What cannot be drawn, in words, at the bottom left of the plot.
    let note_em = s.em(16.0);
    let mut ny = plot_bottom - s.px(10.0);
    for l in lines.iter().filter(|l| l.zero) {
        let t = format!(
            "{} {}/day (below the axis)",
            l.choice.label(),
            tick_money(0.0, cur)
        );
        let label = Label::new(
            t,
            (left + s.px(12.0), ny),
            note_em,
            Paint::solid(palette::text_of(l.choice)),
        )
        .align(HPos::Left, VPos::Bottom);
        put(c, &mut boxes, &label)?;
        ny -= note_em * 1.4;
    }

    // Which option each shaded stretch favours, where it fits.
    for b in &bands {
        let (text, paint) = match b.2 {
            Some(choice) => (
                format!("{} cheapest", choice.label()),
                Paint::solid(palette::text_of(choice)),
            ),
            None => ("alternates".to_string(), Paint::solid(MUTED)),
        };
        let l = Label::new(
            text,
            ((b.0 + b.1) / 2.0, plot_bottom - s.px(10.0)),
            s.em(16.0),
            paint,
        )
        .align(HPos::Center, VPos::Bottom);
        put_if_clear(
            c,
            &mut boxes,
            &l,
            [b.0 + 2.0, plot_top, b.1 - 2.0, plot_bottom],
        )?;
    }

    // "Hybrid = Self-host" over the longest stretch where two lines coincide, where the words
    // touch no line, mark or other text.
    let mut ink: Vec<(f64, f64)> = lines
        .iter()
        .flat_map(|l| l.pts.iter().flatten().copied())
        .collect();
    ink.extend(
        o.crossings
            .iter()
            .map(|&x| (px_x(x), py_cost(o.rates.api(x).usd_per_day))),
    );
    let touches_ink = |b: [f64; 4]| {
        let m = width + 2.0;
        ink.iter()
            .any(|&(x, y)| x > b[0] - m && x < b[2] + m && y > b[1] - m && y < b[3] + m)
    };
    for l in &lines {
        let Some(&(a, b, other)) = l
            .same_as
            .iter()
            .max_by(|p, q| (p.1 / p.0).total_cmp(&(q.1 / q.0)))
        else {
            continue;
        };
        let text = format!("{} = {} here", l.choice.label(), other.label());
        let em = s.em(16.0);
        let paint = Paint::solid(palette::text_of(l.choice));
        'spots: for f in [0.5, 0.3, 0.7, 0.15, 0.85] {
            let v = a * (b / a).powf(f);
            let y = py_cost(cost_near(input.curve, v, other));
            for (dy, vpos) in [(-s.px(12.0), VPos::Bottom), (s.px(12.0), VPos::Top)] {
                let label = Label::new(text.clone(), (px_x(v), y + dy), em, paint)
                    .align(HPos::Center, vpos);
                let bx = label.bounds();
                // Over the stretch itself, clear of the lines.
                if bx[0] < px_x(a) || bx[2] > px_x(b) || touches_ink(bx) {
                    continue;
                }
                if put_if_clear(c, &mut boxes, &label, plot)? {
                    break 'spots;
                }
            }
        }
    }

    let side = [w - side_w - s.px(8.0), top, w - s.px(12.0), bottom];
    let hidden = strip.len() - rows.len();
    super::side::draw_side(
        c,
        &mut boxes,
        side,
        input,
        &lines_summary(&lines),
        &bands,
        hidden,
        s,
    )
}

/// What the side panel needs to know about the lines.
pub struct LineSummary {
    pub choice: Choice,
    pub same_as: Vec<(f64, f64, Choice)>,
    pub zero: bool,
}

fn lines_summary(lines: &[Line]) -> Vec<LineSummary> {
    lines
        .iter()
        .map(|l| LineSummary {
            choice: l.choice,
            same_as: l.same_as.clone(),
            zero: l.zero,
        })
        .collect()
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        _ => false,
    }
}

fn cost_near(curve: &[CurvePoint], v: f64, c: Choice) -> f64 {
    curve
        .iter()
        .min_by(|a, b| {
            (a.requests_per_day / v)
                .ln()
                .abs()
                .total_cmp(&(b.requests_per_day / v).ln().abs())
        })
        .map_or(0.0, |p| cost(p, c))
}

/// The lines in axis units (log10), before the plot's pixel box is known.
struct PreLine {
    choice: Choice,
    pts: Vec<Option<(f64, f64)>>,
    zero: bool,
}

fn prepare_lines(input: &ChartInput, _xlo: f64, _xhi: f64, _ylo: f64, _yhi: f64) -> Vec<PreLine> {
    input
        .options
        .iter()
        .map(|&choice| {
            let pts: Vec<Option<(f64, f64)>> = input
                .curve
                .iter()
                .map(|p| {
                    let v = cost(p, choice);
                    (v > 0.0).then_some((p.requests_per_day, v))
                })
                .collect();
            let zero = pts.iter().any(Option::is_none);
            PreLine { choice, pts, zero }
        })
        .collect()
}

/// Into pixels; a line that lies within `tol` px of an earlier one is dropped there (and the
/// coincidence noted), so two series never interleave their dashes into one.
fn finish_lines(
    pre: Vec<PreLine>,
    input: &ChartInput,
    px_x: &dyn Fn(f64) -> f64,
    py: &dyn Fn(f64) -> f64,
    tol: f64,
) -> Vec<Line> {
    let to_px = |p: &Option<(f64, f64)>| p.map(|(v, c)| (px_x(v), py(c.log10())));
    let drawn: Vec<Vec<Option<(f64, f64)>>> = pre
        .iter()
        .map(|l| l.pts.iter().map(to_px).collect())
        .collect();
    let n = input.curve.len();
    let mut out = Vec::new();
    for (i, l) in pre.iter().enumerate() {
        let mut pts = drawn[i].clone();
        let mut same_as = Vec::new();
        for (j, earlier) in pre.iter().enumerate().take(i) {
            // Samples where this line is within tol of line j.
            let mut close: Vec<bool> = (0..n)
                .map(|k| match (drawn[i][k], drawn[j][k]) {
                    (Some(a), Some(b)) => (a.1 - b.1).abs() <= tol,
                    _ => false,
                })
                .collect();
            // A sample or two apart at a step (the two staircases step at the same volume
            // but the samples fall either side) does not part them.
            for k in 1..n.saturating_sub(1) {
                if !close[k] && close[k - 1] && (close[k + 1] || (k + 2 < n && close[k + 2])) {
                    close[k] = true;
                }
            }
            let mut k = 0;
            while k < n {
                if !close[k] {
                    k += 1;
                    continue;
                }
                let start = k;
                while k < n && close[k] {
                    k += 1;
                }
                let end = k - 1;
                let (x0, x1) = (
                    drawn[i][start].map_or(0.0, |p| p.0),
                    drawn[i][end].map_or(0.0, |p| p.0),
                );
                // Only stretches long enough to read as one line (not a crossing's touch).
                if x1 - x0 >= tol * 6.0 {
                    for p in pts.iter_mut().take(end).skip(start + 1) {
                        *p = None;
                    }
                    if start == 0 {
                        pts[0] = None;
                    }
                    if end == n - 1 {
                        pts[end] = None;
                    }
                    same_as.push((
                        input.curve[start].requests_per_day,
                        input.curve[end].requests_per_day,
                        earlier.choice,
                    ));
                }
            }
        }
        out.push(Line {
            choice: l.choice,
            pts,
            same_as,
            zero: l.zero,
        });
    }
    out
}

/// Stretches of the volume axis in px with the cheapest shaded option (`None`: alternating).
pub type Band = (f64, f64, Option<Choice>);

fn shading(input: &ChartInput, px_x: &dyn Fn(f64) -> f64, min_px: f64) -> Vec<Band> {
    let mut raw: Vec<Band> = Vec::new();
    if input.shaded.is_empty() {
        return raw;
    }
    for pair in input.curve.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b.requests_per_day <= a.requests_per_day {
            continue;
        }
        let costs: Vec<(Choice, f64)> = input.shaded.iter().map(|&c| (c, cost(&b, c))).collect();
        let best = cheapest(&costs);
        let (x0, x1) = (px_x(a.requests_per_day), px_x(b.requests_per_day));
        match raw.last_mut() {
            Some(last) if last.2 == Some(best) && (last.1 - x0).abs() < 1e-6 => last.1 = x1,
            _ => raw.push((x0, x1, Some(best))),
        }
    }
    // Merge runs of narrow stretches into one alternating stretch.
    let mut out: Vec<Band> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let mut j = i;
        while j + 1 < raw.len()
            && raw[j].1 - raw[j].0 < min_px
            && raw[j + 1].1 - raw[j + 1].0 < min_px * 4.0
        {
            j += 1;
        }
        if j > i {
            out.push((raw[i].0, raw[j].1, None));
            i = j + 1;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    out
}

/// Diagonal grey hatching inside a rectangle.
fn hatch(c: &mut Canvas, [l, t, r, b]: [f64; 4], s: Scale) -> Result<(), String> {
    c.fill_rect((l, t), (r, b), Paint::solid(WHITE))?;
    let step = s.px(12.0).max(6.0);
    let stroke = Stroke {
        paint: Paint::solid(MUTED).alpha(0.35),
        width: s.px(1.5).max(1.0),
        dash: None,
    };
    // Lines x − y = k, clipped to the rectangle.
    let mut k = l - (b - t);
    while k < r {
        let (x0, y0) = if k >= l { (k, t) } else { (l, t + (l - k)) };
        let (x1, y1) = if k + (b - t) <= r {
            (k + (b - t), b)
        } else {
            (r, t + (r - k))
        };
        if y1 > y0 {
            c.path(&[Some((x0, y0)), Some((x1, y1))], stroke)?;
        }
        k += step;
    }
    Ok(())
}

fn strip_labels(
    input: &ChartInput,
    o: &Outcome,
    vmin: f64,
    vmax: f64,
    _em: f64,
    px_x: &dyn Fn(f64) -> f64,
) -> Vec<StripLabel> {
    let mark = Paint::solid(MARK);
    let mut out = Vec::new();
    let api_at = |x: f64| o.rates.api(x).usd_per_day;
    let _ = input;
    // 1. The break-even.
    if let Some(b) = o.breakeven_requests_per_day {
        if b >= vmin && b <= vmax {
            out.push(StripLabel {
                text: format!("break-even {}/day", volume(b)),
                paint: mark,
                bold: true,
                at: px_x(b),
                span: None,
                leaders: vec![(px_x(b), api_at(b))],
                edge: None,
            });
        } else if b > vmax {
            out.push(StripLabel {
                text: format!("break-even {}/day →", si(b)),
                paint: mark,
                bold: true,
                at: px_x(vmax),
                span: None,
                leaders: vec![],
                edge: Some(HPos::Right),
            });
        }
    }
    // 2. The current volume.
    let v = o.requests_per_day;
    let now = Paint::solid(NOW);
    if v < vmin {
        out.push(StripLabel {
            text: format!("← now: {}/day", si(v)),
            paint: now,
            bold: false,
            at: px_x(vmin),
            span: None,
            leaders: vec![],
            edge: Some(HPos::Left),
        });
    } else if v > vmax {
        out.push(StripLabel {
            text: format!("now: {}/day →", si(v)),
            paint: now,
            bold: false,
            at: px_x(vmax),
            span: None,
            leaders: vec![],
            edge: Some(HPos::Right),
        });
    } else {
        out.push(StripLabel {
            text: format!("now {}/day", si(v)),
            paint: now,
            bold: false,
            at: px_x(v),
            span: None,
            leaders: vec![(px_x(v), f64::NAN)],
            edge: None,
        });
    }
    // 3. The crossings, a run of them as one bracket.
    for g in group_crossings(&o.crossings) {
        if g.count == 1 {
            if same(Some(g.first), o.breakeven_requests_per_day) {
                continue;
            }
            out.push(StripLabel {
                text: format!("crossing {}/day", si(g.first)),
                paint: mark,
                bold: false,
                at: px_x(g.first),
                span: None,
                leaders: vec![(px_x(g.first), api_at(g.first))],
                edge: None,
            });
        } else {
            let (a, b) = (px_x(g.first), px_x(g.last));
            out.push(StripLabel {
                text: format!(
                    "{} crossings between {} and {}",
                    g.count,
                    si(g.first),
                    si(g.last)
                ),
                paint: mark,
                bold: false,
                at: (a + b) / 2.0,
                span: Some((a, b)),
                leaders: vec![],
                edge: None,
            });
        }
    }
    out
}

/// A strip label's place: which label, its row (0 nearest the plot), anchor x and alignment.
struct Placed {
    index: usize,
    row: usize,
    x: f64,
    h: HPos,
}

/// Greedy placement in priority order: a label takes the lowest row where it overlaps no
/// label and crosses no leader, and its own leaders cross no label below it.
fn place(
    labels: &mut [StripLabel],
    em: f64,
    left: f64,
    right: f64,
    max_rows: usize,
) -> Vec<Placed> {
    let mut placed: Vec<(Placed, f64, f64)> = Vec::new(); // with box left/right
    let gap = em * 0.8;
    let breakeven_at = labels
        .first()
        .filter(|l| l.bold && l.edge.is_none())
        .map(|l| l.at);
    let now_at = labels
        .iter()
        .find(|l| l.text.starts_with("now ") && l.edge.is_none())
        .map(|l| l.at);
    for (i, l) in labels.iter().enumerate() {
        let w = super::font::advance(&l.text, em) * if l.bold { 1.1 } else { 1.0 };
        let nudge = em * 0.4;
        // Alignments to try: the break-even reads to the right ("cheaper from here"); the
        // others lean away from it.
        let variants: Vec<HPos> = match l.edge {
            Some(HPos::Left) => vec![HPos::Left],
            Some(_) => vec![HPos::Right],
            None if l.span.is_some() => vec![HPos::Center],
            // The break-even reads away from the current volume, which comes next.
            None if i == 0 && l.bold => match now_at {
                Some(n) if n > l.at => vec![HPos::Right, HPos::Center, HPos::Left],
                _ => vec![HPos::Left, HPos::Center, HPos::Right],
            },
            None => match breakeven_at {
                Some(b) if l.at < b => vec![HPos::Right, HPos::Center, HPos::Left],
                _ => vec![HPos::Left, HPos::Center, HPos::Right],
            },
        };
        let boxes_of = |h: HPos| -> (f64, HPos, f64, f64) {
            let (x, bl) = match (l.edge, h) {
                (Some(_), HPos::Left) => (left, left),
                (Some(_), _) => (right, right - w),
                (None, HPos::Left) => (l.at - nudge, l.at - nudge),
                (None, HPos::Right) => (l.at + nudge, l.at + nudge - w),
                (None, HPos::Center) => (l.at, l.at - w / 2.0),
            };
            // Kept inside the plot's width.
            let shift = (left - bl).max(0.0) - (bl + w - right).max(0.0);
            (x + shift, h, bl + shift, bl + shift + w)
        };
        let own: Vec<f64> = l.leaders.iter().map(|p| p.0).collect();
        let span = l.span.unwrap_or((l.at, l.at));
        let fits = |row: usize, bl: f64, br: f64| {
            placed.iter().all(|(p, pl, pr)| {
                let other = &labels[p.index];
                let overlaps = bl < pr + gap && *pl < br + gap;
                let span_o = other.span.unwrap_or((other.at, other.at));
                let spans_overlap = other.span.is_some()
                    && l.span.is_some()
                    && span.0 < span_o.1 + gap
                    && span_o.0 < span.1 + gap;
                if p.row == row {
                    !overlaps && !spans_overlap
                } else if p.row < row {
                    // Our leaders pass through row p.row; theirs do not reach us.
                    !own.iter().any(|x| x + 3.0 > *pl && x - 3.0 < *pr)
                } else {
                    // Their leaders pass through our row.
                    !other
                        .leaders
                        .iter()
                        .any(|(x, _)| x + 3.0 > bl && x - 3.0 < br)
                }
            })
        };
        let spot = (0..max_rows).find_map(|row| {
            variants.iter().find_map(|&h| {
                let (x, h, bl, br) = boxes_of(h);
                fits(row, bl, br).then_some((row, x, h, bl, br))
            })
        });
        if let Some((row, x, h, bl, br)) = spot {
            placed.push((
                Placed {
                    index: i,
                    row,
                    x,
                    h,
                },
                bl,
                br,
            ));
        }
    }
    // Leaders' end points were costs; the caller turns them into pixels.
    placed.into_iter().map(|(p, _, _)| p).collect()
}
