//! The exported cost chart: daily cost against daily volume on log–log axes, drawn straight
//! on a [`Canvas`] (PNG or SVG alike).
//!
//! It is built to be read right in five seconds on a slide, so it never draws what would
//! mislead: a $0 cost is said in words ("API $0/day (below the axis)") instead of drawn on
//! the axis floor; a current volume off the axis is pointed to at the edge; no series is ever
//! hidden (one that would lie on another is set a pixel or two aside, so both show), and
//! two that cost the same within 3% are said to ("≈ (within 3%)", decided on the costs); a
//! run of oscillating crossings is one bracket ("35 crossings between 199k and 1.81M"); and the break-even and the current
//! volume are always labelled first. Labels sit in a strip above the data, in as few rows as
//! they need, and no text box overlaps another.
//!
//! Sizes scale with the canvas: 1600×900 is the design size; text never goes under 12 px, and
//! a side panel short of room gives up assumptions in the order export/assumptions.rs gives.

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, Label, Paint, Stroke};
use super::lines::{cost_near, finish_lines, lines_summary, prepare_lines};
use super::page::{frame, put, put_if_clear, tick_money, Boxes, Scale};
use super::palette::{self, INK, MARK, MUTED, NOW, WHITE};
use super::shading::{hatch, shading, Shade};
use super::strip::{group_crossings, place, strip_labels};
use crate::figures::si;
use crate::model::curve::CurvePoint;
use crate::model::{Choice, Outcome, Scenario};

pub use super::lines::{cost, OPTIONS};

/// " allowed" when the constraints exclude an option, so "API cheapest allowed" is not read
/// as "API cheapest" (docs/MODEL.md §6.4).
pub fn allowed_suffix(input: &ChartInput) -> &'static str {
    if input
        .outcome
        .allowed
        .options
        .iter()
        .any(|(_, e)| e.is_some())
    {
        " allowed"
    } else {
        ""
    }
}

impl ChartInput<'_> {
    /// The volume axis's ends, from the chart keys.
    pub fn volumes(&self) -> (f64, f64) {
        let c = &self.scenario.chart;
        (c.min_requests_per_day, c.max_requests_per_day)
    }
}

/// Opacity of an option the constraints exclude: drawn muted, never shaded.
pub const EXCLUDED_ALPHA: f64 = 0.35;

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
    /// Stale or undated prices, in a few words each, for the assumptions box.
    pub stale: Vec<String>,
    /// Why an option cannot serve, or none can (the assessment's blockers): the side panel
    /// lists them first and gives them up last.
    pub blockers: Vec<String>,
    /// The replica's throughput: the estimate, the rates in force and its warnings.
    pub throughput: crate::report::throughput::Throughput,
    /// The best self-hosting configuration at each volume (docs/MODEL.md §6.10), when drawn.
    pub envelope: Option<&'a [(f64, f64)]>,
}

/// The chart's message: what the verdict saves, or why the API stays ("Hybrid saves
/// $20.51/day at 500 requests/day"; "API recommended at 10k requests/day; self-hosting
/// cheaper from 18.7k/day"), volumes short so that it fits.
pub fn message(o: &Outcome, cur: &str) -> String {
    use crate::figures::money;
    let at = format!("at {} requests/day", si(o.requests_per_day));
    let api = o.usd_per_day(Choice::Api);
    match o.recommendation.choice {
        None => crate::wording::verdict(None).to_string(),
        Some(Choice::Api) => match o.breakeven_requests_per_day {
            Some(b)
                if b > o.requests_per_day && o.allowed.exclusion(Choice::SelfHost).is_none() =>
            {
                format!(
                    "API recommended {at}; self-hosting cheaper from {}/day",
                    si(b)
                )
            }
            _ => format!("API recommended {at}"),
        },
        Some(c) => {
            let gap = api - o.usd_per_day(c);
            let name = crate::wording::verdict(Some(c));
            if gap > 0.0 && gap.is_finite() {
                format!("{name} saves {}/day {at}", money(gap, cur))
            } else {
                format!("{name} recommended {at}")
            }
        }
    }
}

/// `name: message`, else `name:` and the message's first clause, before "…" shortens it.
fn title(name: &str, said: &str, width: u32, s: Scale) -> String {
    let full = format!("{name}: {said}");
    let short = format!("{name}: {}", said.split("; ").next().unwrap_or_default());
    super::page::title_that_fits(&[full, short], width, s)
}

/// The 2× and 5× steps inside each decade of `[lo, hi]` (log10 values): the axes' lighter
/// intermediate ticks.
pub(super) fn intermediates(lo: f64, hi: f64) -> Vec<f64> {
    let (first, last) = (lo.floor() as i64, hi.ceil() as i64);
    (first..=last)
        .flat_map(|d| [2.0f64, 5.0].map(|m| d as f64 + m.log10()))
        .filter(|&v| v > lo && v < hi)
        .collect()
}

/// Whole decades inside `[lo, hi]`; the ends when none fit.
pub(super) fn decades(lo: f64, hi: f64) -> Vec<f64> {
    let (first, last) = (lo.ceil() as i64, hi.floor() as i64);
    if last < first {
        return vec![lo, hi];
    }
    (first..=last).map(|d| d as f64).collect()
}

/// The volume axis: log-scaled between `left` and `right` pixels.
#[derive(Clone, Copy)]
pub(super) struct XAxis {
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) lo: f64,
    pub(super) hi: f64,
}

impl XAxis {
    pub(super) fn px(&self, v: f64) -> f64 {
        self.left + (v.log10() - self.lo) / (self.hi - self.lo) * (self.right - self.left)
    }
}

/// The plot area once placed: both axes in pixels.
#[derive(Clone, Copy)]
pub(super) struct Plot {
    pub(super) x: XAxis,
    pub(super) top: f64,
    pub(super) bottom: f64,
    /// The cost axis in whole decades (log10).
    pub(super) ylo: f64,
    pub(super) yhi: f64,
}

impl Plot {
    /// The dashed "now" line at volume `v`, top to bottom of the plot (every cost chart's).
    pub(super) fn now_line(&self, c: &mut Canvas, v: f64, s: Scale) -> Result<(), String> {
        let x = self.x.px(v);
        c.path(
            &[Some((x, self.top)), Some((x, self.bottom))],
            Stroke {
                paint: Paint::solid(NOW),
                width: s.px(2.0).max(1.0),
                dash: Some((s.px(7.0).max(3.0), s.px(6.0).max(3.0))),
            },
        )
    }

    /// A volume tick's label under the plot, centred on decade or intermediate `lx` (log10).
    fn x_tick_label(&self, lx: f64, em: f64, s: Scale) -> Label {
        Label::new(
            si(10f64.powf(lx)),
            (self.x.px(10f64.powf(lx)), self.bottom + s.px(12.0)),
            em,
            Paint::solid(INK),
        )
        .align(HPos::Center, VPos::Top)
    }

    pub(super) fn py(&self, ly: f64) -> f64 {
        self.bottom - (ly - self.ylo) / (self.yhi - self.ylo) * (self.bottom - self.top)
    }

    pub(super) fn py_cost(&self, v: f64) -> f64 {
        self.py(v.max(1e-300).log10().clamp(self.ylo, self.yhi))
    }

    pub(super) fn rect(&self) -> [f64; 4] {
        [self.x.left, self.top, self.x.right, self.bottom]
    }
}

/// The cost axis in whole decades around every positive cost drawn.
fn cost_decades(input: &ChartInput) -> (f64, f64) {
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
    for &(_, v) in input.envelope.unwrap_or_default() {
        if v > 0.0 {
            cmin = cmin.min(v);
            cmax = cmax.max(v);
        }
    }
    if !cmin.is_finite() || cmax <= 0.0 {
        (cmin, cmax) = (1.0, 10.0);
    }
    let ylo = cmin.log10().floor();
    (ylo, cmax.log10().ceil().max(ylo + 1.0))
}

/// Sizes of the chart's text, from the canvas scale.
pub(super) struct Ems {
    pub(super) tick: f64,
    pub(super) desc: f64,
    pub(super) label: f64,
}

/// The horizontal layout a cost chart `w` px wide shares with the fleet chart: its text sizes,
/// the side panel's width, the y axis's decade ticks and the width of their widest label.
pub(super) struct CostAxis {
    pub(super) em: Ems,
    pub(super) side_w: f64,
    pub(super) yticks: Vec<f64>,
    pub(super) ytick_w: f64,
}

impl CostAxis {
    pub(super) fn of(ylo: f64, yhi: f64, cur: &str, w: f64, s: Scale) -> CostAxis {
        let em = Ems {
            tick: s.em(18.0),
            desc: s.em(19.0),
            label: s.em(17.0),
        };
        let yticks = decades(ylo, yhi);
        let ytick_w = yticks
            .iter()
            .chain(&intermediates(ylo, yhi))
            .map(|&y| super::font::advance(&tick_money(10f64.powf(y), cur), em.tick))
            .fold(0.0, f64::max);
        CostAxis {
            em,
            side_w: (w * 0.28).round(),
            yticks,
            ytick_w,
        }
    }
    /// The volume axis from `vmin` to `vmax` between the y axis's title and ticks and the side
    /// panel, `reserve` px short of it on the right (the fleet chart's line-end numbers).
    pub(super) fn x_axis(&self, (vmin, vmax): (f64, f64), reserve: f64, w: f64, s: Scale) -> XAxis {
        XAxis {
            left: s.px(20.0) + self.em.desc * 1.4 + self.ytick_w + s.px(12.0),
            right: w - self.side_w - s.px(28.0) - reserve,
            lo: vmin.log10(),
            hi: vmax.log10(),
        }
    }
}

pub fn draw(c: &mut Canvas, input: &ChartInput) -> Result<(), String> {
    let sc = input.scenario;
    let o = input.outcome;
    let cur = &super::page::currency(sc);
    let (cw, ch) = c.size();
    let s = Scale::of(cw, ch);
    let w = f64::from(cw);
    let mut boxes = Boxes::default();
    let title = title(&sc.name, &message(o, cur), cw, s);
    let (top, bottom) = frame(c, &mut boxes, &title, &input.footer, s)?;

    // Volume range from the chart keys; cost range in whole decades around every positive cost.
    let (vmin, vmax) = input.volumes();
    let (ylo, yhi) = cost_decades(input);

    // Horizontal layout: y title, y ticks, plot, side panel.
    let axis = CostAxis::of(ylo, yhi, cur, w, s);
    let x = axis.x_axis((vmin, vmax), 0.0, w, s);
    let CostAxis {
        em, side_w, yticks, ..
    } = axis;
    let px_x = |v: f64| x.px(v);

    // Vertical layout, bottom up: footer, x title, x ticks, plot; the strip height comes from
    // the labels.
    let plot_bottom = bottom - em.desc * 1.5 - em.tick * 1.6 - s.px(10.0);
    let row_h = em.label * 1.7;

    let lines_pre = prepare_lines(input);
    // One set of crossings for the shading, its hatching, the brackets and the markers.
    let crossings = Crossings {
        shaded: shading(input),
        fleet: fleet_crossings(input),
    };
    let (shaded, fleet_x) = (&crossings.shaded, &crossings.fleet);
    let mut strip = strip_labels(o, shaded, vmin, vmax, &px_x);
    super::strip::fleet_labels(&mut strip, fleet_x, o, &px_x);
    let mut rows = place(&mut strip, em.label, x.left, x.right, 3);
    if super::strip::merge_now(&mut strip, &rows) {
        rows = place(&mut strip, em.label, x.left, x.right, 3);
    }
    let used = rows.iter().map(|r| r.row + 1).max().unwrap_or(0);
    let strip_top = top + s.px(8.0);
    let plot = Plot {
        x,
        top: strip_top + used as f64 * row_h + s.px(10.0),
        bottom: plot_bottom,
        ylo,
        yhi,
    };

    // Shading: which shaded option is cheapest along the volume axis; a run of crossings
    // (oscillating costs) is one hatched "alternates" stretch, spanned by its bracket.
    let bands = shaded.bands(&px_x);
    for b in &bands {
        let tint = match b.2 {
            Shade::Cheapest(choice) => palette::shade(choice),
            Shade::Fleet => palette::ENVELOPE_SHADE,
            Shade::Alternates => {
                hatch(c, [b.0, plot.top, b.1, plot.bottom], s)?;
                continue;
            }
        };
        c.fill_rect((b.0, plot.top), (b.1, plot.bottom), Paint::solid(tint))?;
    }
    axes(c, &mut boxes, &plot, &yticks, cur, &em, bottom, s)?;
    draw_bands(c, input, &plot, s)?;

    // The series, each one path, in pixels now that the plot is placed.
    let lines = finish_lines(lines_pre, &px_x, &|ly| plot.py(ly), aside_px(s));
    let width = s.px(4.5).max(2.0);
    series(c, input, &lines, &plot, width, s)?;
    strip_marks(c, &mut boxes, &strip, &rows, used, strip_top, &em, &plot, s)?;
    markers(c, input, &crossings, &plot, s)?;
    below_axis(c, &mut boxes, &lines, cur, &plot, s)?;
    shading_labels(c, &mut boxes, input, &bands, &plot, s)?;
    coinciding_labels(c, &mut boxes, input, &crossings, &lines, (&plot, width), s)?;
    let others = other_ink(input, &crossings, &plot, s);
    super::direct::now_labels(c, &mut boxes, input, &lines, (&plot, width), &others, s)?;

    let side = [w - side_w - s.px(8.0), top, w - s.px(12.0), bottom];
    let hidden = strip.len() - rows.len();
    super::side::draw_side(
        c,
        &mut boxes,
        side,
        input,
        &lines_summary(&lines),
        (&bands, &crossings),
        hidden,
        s,
    )
}

/// The chart's crossings, found once for everything that marks or avoids them: where the
/// cheapest allowed option changes (the shading's) and where the fleet envelope meets the API.
pub(super) struct Crossings {
    pub(super) shaded: super::shading::Shading,
    pub(super) fleet: Vec<f64>,
}

/// Grid, axes, their tick labels (each kept only where it has room) and their titles.
#[allow(clippy::too_many_arguments)]
pub(super) fn axes(
    c: &mut Canvas,
    boxes: &mut Boxes,
    plot: &Plot,
    yticks: &[f64],
    cur: &str,
    em: &Ems,
    bottom: f64,
    s: Scale,
) -> Result<(), String> {
    let (left, right) = (plot.x.left, plot.x.right);
    let grid = Stroke {
        paint: Paint::solid(INK).alpha(0.12),
        width: 1.0,
        dash: None,
    };
    let xticks = decades(plot.x.lo, plot.x.hi);
    grid_lines(c, plot, &xticks, yticks, grid)?;
    let axis = Stroke {
        paint: Paint::solid(INK).alpha(0.7),
        width: 1.0,
        dash: None,
    };
    c.path(
        &[
            Some((left, plot.top)),
            Some((left, plot.bottom)),
            Some((right, plot.bottom)),
        ],
        axis,
    )?;
    let ink = Paint::solid(INK);
    let mut last_top = f64::MAX;
    for &y in yticks {
        let l = Label::new(
            tick_money(10f64.powf(y), cur),
            (left - s.px(10.0), plot.py(y)),
            em.tick,
            ink,
        )
        .align(HPos::Right, VPos::Center);
        let b = l.bounds();
        if b[3] < last_top - em.tick * 0.3 {
            last_top = b[1];
            put(c, boxes, &l)?;
        }
    }
    let mut last_right = f64::MIN;
    for &x in &xticks {
        let l = plot.x_tick_label(x, em.tick, s);
        let b = l.bounds();
        if b[0] > last_right + em.tick * 0.8 && boxes.clear(b, 1.0) {
            last_right = b[2];
            put(c, boxes, &l)?;
        }
    }
    minor_tick_labels(c, boxes, plot, cur, em, s)?;
    put(
        c,
        boxes,
        &Label::new(
            "requests per day (log scale)",
            ((left + right) / 2.0, bottom),
            em.desc,
            ink,
        )
        .align(HPos::Center, VPos::Bottom),
    )?;
    let mut ydesc = Label::new(
        format!("cost per day ({cur}, log scale)"),
        (s.px(20.0), (plot.top + plot.bottom) / 2.0),
        em.desc,
        ink,
    )
    .align(HPos::Center, VPos::Top);
    ydesc.vertical = true;
    put(c, boxes, &ydesc)
}

/// The grid: decades, and lighter lines at their 2× and 5× steps.
fn grid_lines(
    c: &mut Canvas,
    plot: &Plot,
    xticks: &[f64],
    yticks: &[f64],
    grid: Stroke,
) -> Result<(), String> {
    let (left, right) = (plot.x.left, plot.x.right);
    let light = Stroke {
        paint: Paint::solid(INK).alpha(0.05),
        ..grid
    };
    let (xminor, yminor) = (
        intermediates(plot.x.lo, plot.x.hi),
        intermediates(plot.ylo, plot.yhi),
    );
    for (xs, stroke) in [(xticks, grid), (&xminor[..], light)] {
        for &x in xs {
            let px = plot.x.px(10f64.powf(x));
            c.path(&[Some((px, plot.top)), Some((px, plot.bottom))], stroke)?;
        }
    }
    for (ys, stroke) in [(yticks, grid), (&yminor[..], light)] {
        for &y in ys {
            let p = plot.py(y);
            c.path(&[Some((left, p)), Some((right, p))], stroke)?;
        }
    }
    Ok(())
}

/// The 2× and 5× ticks' labels, each only where it touches no other label.
fn minor_tick_labels(
    c: &mut Canvas,
    boxes: &mut Boxes,
    plot: &Plot,
    cur: &str,
    em: &Ems,
    s: Scale,
) -> Result<(), String> {
    let (left, ink) = (plot.x.left, Paint::solid(INK));
    let yminor = intermediates(plot.ylo, plot.yhi);
    let xminor = intermediates(plot.x.lo, plot.x.hi);
    for &y in &yminor {
        let l = Label::new(
            tick_money(10f64.powf(y), cur),
            (left - s.px(10.0), plot.py(y)),
            em.tick,
            ink,
        )
        .align(HPos::Right, VPos::Center);
        if boxes.clear(l.bounds(), em.tick * 0.3) {
            put(c, boxes, &l)?;
        }
    }
    for &x in &xminor {
        let l = plot.x_tick_label(x, em.tick, s);
        let b = l.bounds();
        if b[0] >= 0.0 && boxes.clear(b, em.tick * 0.8) {
            put(c, boxes, &l)?;
        }
    }
    Ok(())
}

/// How far a line is set beside another it would lie on: 2 px at the design size, never
/// under 1 px.
fn aside_px(s: Scale) -> f64 {
    s.px(2.0).clamp(1.0, 2.0)
}

/// Each drawn option's P10, P50 and P90 at the band volumes, when the bands are in.
pub(super) fn band_quantiles<'a>(input: &ChartInput<'a>) -> Vec<(Choice, &'a [[f64; 3]])> {
    let Some(mc) = input.bands else {
        return Vec::new();
    };
    input
        .options
        .iter()
        .filter_map(|&choice| {
            let qs = match choice {
                Choice::Api => &mc.api,
                Choice::SelfHost => &mc.self_host,
                Choice::Hybrid => &mc.hybrid,
                Choice::Owned => &mc.owned.as_ref()?.band,
            };
            Some((choice, &qs[..]))
        })
        .collect()
}

/// Each band's median as a thin line of the option's colour, in px.
pub(super) fn band_medians(input: &ChartInput, plot: &Plot) -> Vec<(Choice, Vec<(f64, f64)>)> {
    let Some(mc) = input.bands else {
        return Vec::new();
    };
    band_quantiles(input)
        .into_iter()
        .map(|(choice, qs)| {
            let pts = mc
                .volumes
                .iter()
                .zip(qs)
                .filter(|(_, q)| q[1] > 0.0)
                .map(|(v, q)| (plot.x.px(*v), plot.py_cost(q[1])))
                .collect();
            (choice, pts)
        })
        .collect()
}

/// The median's stroke: thin, solid, the option's colour.
pub(super) fn median_stroke(choice: Choice, s: Scale) -> Stroke {
    Stroke {
        paint: Paint::solid(palette::series(choice)).alpha(0.85),
        width: s.px(1.5).max(1.0),
        dash: None,
    }
}

/// P10–P90 bands around each series, and each band's median as a thin line: the plotted
/// line is the scenario's own figures, which can sit near an edge of its band.
fn draw_bands(c: &mut Canvas, input: &ChartInput, plot: &Plot, s: Scale) -> Result<(), String> {
    let Some(mc) = input.bands else {
        return Ok(());
    };
    for (choice, qs) in band_quantiles(input) {
        let mut outline: Vec<(f64, f64)> = mc
            .volumes
            .iter()
            .zip(qs.iter())
            .map(|(v, q)| (plot.x.px(*v), plot.py_cost(q[0])))
            .collect();
        outline.extend(
            mc.volumes
                .iter()
                .zip(qs.iter())
                .rev()
                .map(|(v, q)| (plot.x.px(*v), plot.py_cost(q[2]))),
        );
        c.fill_polygon(&outline, Paint::solid(palette::series(choice)).alpha(0.16))?;
    }
    for (choice, pts) in band_medians(input, plot) {
        let pts: Vec<Option<(f64, f64)>> = pts.into_iter().map(Some).collect();
        c.path(&pts, median_stroke(choice, s))?;
    }
    Ok(())
}

/// The series (an excluded option muted), the best self-hosting line dotted over them, and
/// the current volume's line when it is on the chart.
fn series(
    c: &mut Canvas,
    input: &ChartInput,
    lines: &[super::lines::Line],
    plot: &Plot,
    width: f64,
    s: Scale,
) -> Result<(), String> {
    for l in lines {
        let dash = palette::dash(l.choice).map(|(a, b)| (s.px(a).max(3.0), s.px(b).max(3.0)));
        c.path(
            &l.pts,
            Stroke {
                paint: Paint::solid(palette::series(l.choice)).alpha(
                    if input.outcome.allowed.is_allowed(l.choice) {
                        1.0
                    } else {
                        EXCLUDED_ALPHA
                    },
                ),
                width,
                dash,
            },
        )?;
    }
    let (vmin, vmax) = input.volumes();
    if let Some(env) = input.envelope {
        let pts: Vec<Option<(f64, f64)>> = env
            .iter()
            .filter(|(v, _)| *v >= vmin && *v <= vmax)
            .map(|&(v, cost)| Some((plot.x.px(v), plot.py_cost(cost))))
            .collect();
        c.path(
            &pts,
            Stroke {
                paint: Paint::solid(palette::ENVELOPE),
                width: s.px(3.5).max(2.0),
                dash: Some((s.px(3.0).max(2.0), s.px(4.0).max(2.0))),
            },
        )?;
    }
    let v = input.outcome.requests_per_day;
    if v >= vmin && v <= vmax {
        plot.now_line(c, v, s)?;
    }
    Ok(())
}

/// The strip's labels above the plot, with their brackets and leaders down to the lines.
#[allow(clippy::too_many_arguments)]
fn strip_marks(
    c: &mut Canvas,
    boxes: &mut Boxes,
    strip: &[super::strip::StripLabel],
    rows: &[super::strip::Placed],
    used: usize,
    strip_top: f64,
    em: &Ems,
    plot: &Plot,
    s: Scale,
) -> Result<(), String> {
    let radius = s.px(8.0).max(4.0);
    let row_h = em.label * 1.7;
    for p in rows {
        let l = &strip[p.index];
        let y = strip_top + (used - 1 - p.row) as f64 * row_h;
        let label = Label {
            bold: l.bold,
            ..Label::new(l.text.clone(), (p.x, y), em.label, l.paint).align(p.h, VPos::Top)
        };
        put(c, boxes, &label)?;
        let under = y + em.label * 1.15;
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
            let tick = em.label * 0.35;
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
                under + em.label * 0.35
            } else {
                under
            };
            // Down to the marker on the line, or to the plot's top for the "now" line.
            let to = if at_cost.is_nan() {
                plot.top
            } else {
                plot.py_cost(at_cost) - radius
            };
            if to > from {
                c.path(&[Some((lx, from)), Some((lx, to))], leader)?;
            }
        }
    }
    Ok(())
}

/// Markers: each single crossing hollow, the recommended option's break-even solid.
fn markers(
    c: &mut Canvas,
    input: &ChartInput,
    crossings: &Crossings,
    plot: &Plot,
    s: Scale,
) -> Result<(), String> {
    let o = input.outcome;
    let (vmin, vmax) = input.volumes();
    let radius = s.px(8.0).max(4.0);
    let breakeven = o.recommended_breakeven_requests_per_day;
    for x in crossings.shaded.singles(breakeven) {
        let at = (plot.x.px(x.at), plot.py_cost(x.cost));
        c.circle(
            at,
            radius * 0.75,
            Some(Paint::solid(WHITE)),
            Some((Paint::solid(MARK), s.px(3.0).max(1.5))),
        )?;
    }
    fleet_markers(c, input, &crossings.fleet, plot, s)?;
    if let Some(b) = breakeven.filter(|b| *b >= vmin && *b <= vmax) {
        let at = (plot.x.px(b), plot.py_cost(o.rates.api(b).usd_per_day));
        c.circle(
            at,
            radius,
            Some(Paint::solid(MARK)),
            Some((Paint::solid(WHITE), s.px(3.0).max(1.5))),
        )?;
    }
    Ok(())
}

/// What else the plot draws that a label must keep clear of: the envelope's line, and each
/// marker (the crossings', the break-even's, the envelope's) as a one-point run.
fn other_ink(
    input: &ChartInput,
    crossings: &Crossings,
    plot: &Plot,
    s: Scale,
) -> Vec<Vec<(f64, f64)>> {
    let o = input.outcome;
    let (vmin, vmax) = input.volumes();
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    if let Some(env) = input.envelope {
        out.push(
            env.iter()
                .filter(|(v, _)| *v >= vmin && *v <= vmax)
                .map(|&(v, x)| (plot.x.px(v), plot.py_cost(x)))
                .collect(),
        );
    }
    out.extend(band_medians(input, plot).into_iter().map(|m| m.1));
    let api_at = |v: f64| (v, o.rates.api(v).usd_per_day);
    let marks = crossings
        .shaded
        .singles(o.recommended_breakeven_requests_per_day)
        .into_iter()
        .map(|x| (x.at, x.cost))
        .chain(o.recommended_breakeven_requests_per_day.map(api_at))
        .chain(crossings.fleet.iter().map(|&v| api_at(v)))
        .filter(|(v, _)| *v >= vmin && *v <= vmax);
    // A marker as the square around its circle.
    let r = s.px(8.0).max(4.0) + 1.0;
    out.extend(marks.map(|(v, cost)| {
        let (x, y) = (plot.x.px(v), plot.py_cost(cost));
        vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
            (x - r, y - r),
        ]
    }));
    out
}

/// Where the fleet envelope, when drawn, crosses the API, on the chart's volume axis.
pub(super) fn fleet_crossings(input: &ChartInput) -> Vec<f64> {
    let (vmin, vmax) = input.volumes();
    let api = |v: f64| input.outcome.rates.api(v).usd_per_day;
    input
        .envelope
        .map(|e| super::envelope::api_crossings(e, &api))
        .unwrap_or_default()
        .into_iter()
        .filter(|v| *v >= vmin && *v <= vmax)
        .collect()
}

/// The envelope's crossings with the API: a hollow marker in the envelope's colour on the
/// API's line at each crossing that is not part of a run (a run has its bracket).
fn fleet_markers(
    c: &mut Canvas,
    input: &ChartInput,
    xs: &[f64],
    plot: &Plot,
    s: Scale,
) -> Result<(), String> {
    let radius = s.px(8.0).max(4.0) * 0.75;
    for g in group_crossings(xs) {
        if g.count == 1 {
            let at = (
                plot.x.px(g.first),
                plot.py_cost(input.outcome.rates.api(g.first).usd_per_day),
            );
            c.circle(
                at,
                radius,
                Some(Paint::solid(WHITE)),
                Some((Paint::solid(palette::ENVELOPE), s.px(3.0).max(1.5))),
            )?;
        }
    }
    Ok(())
}

/// What cannot be drawn, in words, at the bottom left of the plot: a $0 cost.
fn below_axis(
    c: &mut Canvas,
    boxes: &mut Boxes,
    lines: &[super::lines::Line],
    cur: &str,
    plot: &Plot,
    s: Scale,
) -> Result<(), String> {
    let note_em = s.em(16.0);
    let mut ny = plot.bottom - s.px(10.0);
    for l in lines.iter().filter(|l| l.zero) {
        let t = format!(
            "{} {}/day (below the axis)",
            l.choice.label(),
            tick_money(0.0, cur)
        );
        let label = Label::new(
            t,
            (plot.x.left + s.px(12.0), ny),
            note_em,
            Paint::solid(palette::text_of(l.choice)),
        )
        .align(HPos::Left, VPos::Bottom);
        put(c, boxes, &label)?;
        ny -= note_em * 1.4;
    }
    Ok(())
}

/// Which option each shaded stretch favours, where it fits: centred, or beside the "now"
/// line when centred text would be crossed by it.
fn shading_labels(
    c: &mut Canvas,
    boxes: &mut Boxes,
    input: &ChartInput,
    bands: &[super::shading::Band],
    plot: &Plot,
    s: Scale,
) -> Result<(), String> {
    let v = input.outcome.requests_per_day;
    let (vmin, vmax) = input.volumes();
    let now_x = (v >= vmin && v <= vmax).then(|| plot.x.px(v));
    let gap = s.px(8.0);
    for b in bands {
        let (text, paint) = match b.2 {
            Shade::Cheapest(choice) => (
                format!("{} cheapest{}", choice.label(), allowed_suffix(input)),
                Paint::solid(palette::text_of(choice)),
            ),
            Shade::Fleet => (
                format!("Best fleet cheapest{}", allowed_suffix(input)),
                Paint::solid(palette::ENVELOPE),
            ),
            Shade::Alternates => ("alternates".to_string(), Paint::solid(MUTED)),
        };
        let mut spots = vec![((b.0 + b.1) / 2.0, HPos::Center)];
        if let Some(n) = now_x {
            spots.extend([(n - gap, HPos::Right), (n + gap, HPos::Left)]);
        }
        for (x, h) in spots {
            let l = Label::new(
                text.clone(),
                (x, plot.bottom - s.px(10.0)),
                s.em(16.0),
                paint,
            )
            .align(h, VPos::Bottom);
            let bx = l.bounds();
            if now_x.is_some_and(|n| n > bx[0] - gap / 2.0 && n < bx[2] + gap / 2.0) {
                continue;
            }
            if put_if_clear(c, boxes, &l, [b.0 + 2.0, plot.top, b.1 - 2.0, plot.bottom])? {
                break;
            }
        }
    }
    Ok(())
}

/// "Hybrid ≈ Self-host (within 3%)" over the longest stretch where the two cost the same
/// within 3%, where the words touch no line, mark or other text, and the dashed "now" line
/// does not cross them.
fn coinciding_labels(
    c: &mut Canvas,
    boxes: &mut Boxes,
    input: &ChartInput,
    crossings: &Crossings,
    lines: &[super::lines::Line],
    (plot, width): (&Plot, f64),
    s: Scale,
) -> Result<(), String> {
    let o = input.outcome;
    let mut ink: Vec<(f64, f64)> = lines
        .iter()
        .flat_map(|l| l.pts.iter().flatten().copied())
        .collect();
    ink.extend(
        crossings
            .shaded
            .singles(o.recommended_breakeven_requests_per_day)
            .iter()
            .map(|x| (plot.x.px(x.at), plot.py_cost(x.cost))),
    );
    let (vmin, vmax) = input.volumes();
    let now = o.requests_per_day;
    let now_x = (now >= vmin && now <= vmax).then(|| plot.x.px(now));
    let touches_ink = |b: [f64; 4]| {
        let m = width + 2.0;
        now_x.is_some_and(|n| n > b[0] - m && n < b[2] + m)
            || ink
                .iter()
                .any(|&(x, y)| x > b[0] - m && x < b[2] + m && y > b[1] - m && y < b[3] + m)
    };
    for l in lines {
        let Some(&(a, b, other)) = l
            .same_as
            .iter()
            .max_by(|p, q| (p.1 / p.0).total_cmp(&(q.1 / q.0)))
        else {
            continue;
        };
        let text = format!("{} ≈ {} (within 3%)", l.choice.label(), other.label());
        let em = s.em(16.0);
        let paint = Paint::solid(palette::text_of(l.choice));
        'spots: for f in [0.5, 0.3, 0.7, 0.15, 0.85] {
            let v = a * (b / a).powf(f);
            let y = plot.py_cost(cost_near(input.curve, v, other));
            for (dy, vpos) in [(-s.px(12.0), VPos::Bottom), (s.px(12.0), VPos::Top)] {
                let label = Label::new(text.clone(), (plot.x.px(v), y + dy), em, paint)
                    .align(HPos::Center, vpos);
                let bx = label.bounds();
                // Over the stretch itself, clear of the lines.
                if bx[0] < plot.x.px(a) || bx[2] > plot.x.px(b) || touches_ink(bx) {
                    continue;
                }
                if put_if_clear(c, boxes, &label, plot.rect())? {
                    break 'spots;
                }
            }
        }
    }
    Ok(())
}
