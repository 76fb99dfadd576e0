//! The exported chart, drawn with plotters on any backend (PNG or SVG): daily cost against
//! daily volume on log–log axes, with bands showing the cheapest option, each crossing marked
//! and labelled in a strip above the data (so labels never touch the lines or each other), the
//! current volume, a legend and assumptions box, and a footer.
//!
//! Sizes scale with the canvas: 1600×900 is the design size, 800×450 stays legible.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::font::FAMILY;
use crate::figures::{saturating_log10, si, si_money, volume};
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
}

pub(super) const API: RGBColor = RGBColor(31, 119, 180);
pub(super) const SELF_HOST: RGBColor = RGBColor(217, 95, 2);
pub(super) const HYBRID: RGBColor = RGBColor(117, 112, 179);
pub(super) const CROSSING: RGBColor = RGBColor(200, 30, 45);
pub(super) const BREAKEVEN: RGBColor = RGBColor(27, 130, 70);
pub(super) const NOW: RGBColor = RGBColor(90, 90, 90);
pub(super) const INK: RGBColor = RGBColor(30, 30, 30);

fn color(c: Choice) -> RGBColor {
    match c {
        Choice::Api => API,
        Choice::SelfHost => SELF_HOST,
        Choice::Hybrid => HYBRID,
    }
}

/// How each option is stroked: its colour and its dash and gap in design pixels (0 = solid).
/// Solid, long dashes, short dashes: the series stay apart in greyscale print.
pub(super) fn stroke_of(c: Choice) -> (RGBColor, f64, f64) {
    match c {
        Choice::Api => (API, 0.0, 0.0),
        Choice::SelfHost => (SELF_HOST, 16.0, 8.0),
        Choice::Hybrid => (HYBRID, 5.0, 6.0),
    }
}

/// Draw one option's series in its stroke; with a `label`, it joins the chart's legend.
pub(super) fn draw_option<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    points: Vec<(f64, f64)>,
    c: Choice,
    s: &Scale,
    label: Option<&str>,
) -> Result<(), String> {
    let (colour, dash, gap) = stroke_of(c);
    let style = colour.stroke_width(s.px(4.0).max(2));
    let anno = if dash == 0.0 {
        chart.draw_series(LineSeries::new(points, style))
    } else {
        chart.draw_series(DashedLineSeries::new(points, s.px(dash), s.px(gap), style))
    }
    .map_err(err)?;
    if let Some(l) = label {
        anno.label(l).legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 24, y)], colour.stroke_width(3))
        });
    }
    Ok(())
}

/// Pixel sizes scaled from the 1600×900 design.
pub(super) struct Scale(pub(super) f64);
impl Scale {
    /// The scale of a canvas against the 1600×900 design.
    pub(super) fn for_area<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> Scale {
        let (w, h) = area.dim_in_pixel();
        Scale((f64::from(w) / 1600.0).min(f64::from(h) / 900.0))
    }

    pub(super) fn px(&self, design: f64) -> u32 {
        (design * self.0).round().max(1.0) as u32
    }
    /// A font size in pixels, never below `min`.
    pub(super) fn font(&self, design: f64, min: f64) -> f64 {
        (design * self.0).max(min)
    }
}

/// White canvas, footer at the bottom right, bold title on top; returns the area between.
pub(super) fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    footer: &str,
    s: &Scale,
) -> Result<DrawingArea<DB, Shift>, String> {
    let (w, h) = root.dim_in_pixel();
    root.fill(&WHITE).map_err(err)?;
    let footer_h = s.px(34.0).max(14);
    let (main, foot) = root.split_vertically(h.saturating_sub(footer_h));
    let style = TextStyle::from((FAMILY, s.font(16.0, 9.0)).into_font())
        .color(&NOW)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let at = (w as i32 - s.px(16.0) as i32, footer_h as i32 / 2);
    foot.draw(&Text::new(footer.to_string(), at, style))
        .map_err(err)?;
    let main = main.margin(s.px(14.0), 0, 0, 0);
    let font = (FAMILY, s.font(34.0, 14.0), FontStyle::Bold)
        .into_font()
        .color(&INK);
    main.titled(title, font).map_err(err)
}

pub(super) fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// Whole decades inside `[lo, hi]`, thinned to at most `max`; the ends when none fit.
fn decade_ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    let first = lo.ceil() as i64;
    let last = hi.floor() as i64;
    if last < first {
        return vec![lo, hi];
    }
    let all: Vec<f64> = (first..=last).map(|d| d as f64).collect();
    let step = all.len().div_ceil(max.max(2)).max(1);
    all.into_iter().step_by(step).collect()
}

pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &ChartInput,
) -> Result<(), String> {
    let sc = input.scenario;
    let o = input.outcome;
    let cur = sc.currency.as_str();
    let s = Scale::for_area(root);

    let title = format!("{}: cost per day by daily volume", sc.name);
    let body = frame(root, &title, &input.footer, &s)?;
    let (bw, _) = body.dim_in_pixel();
    let (plot_area, side) = body.split_horizontally((f64::from(bw) * 0.72) as u32);

    // Ranges in log10: volumes from the chart keys, costs in whole decades around the data,
    // plus a strip on top that holds the labels.
    let (vmin, vmax) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
    let (xlo, xhi) = (vmin.log10(), vmax.log10());
    let (mut cmin, mut cmax) = (f64::INFINITY, 0.0f64);
    for p in input.curve {
        for c in [p.api, p.self_host, p.hybrid] {
            if c > 0.0 {
                cmin = cmin.min(c);
                cmax = cmax.max(c);
            }
        }
    }
    if !cmin.is_finite() || cmax <= 0.0 {
        (cmin, cmax) = (1.0, 10.0);
    }
    let ylo = cmin.log10().floor();
    let yhi = cmax.log10().ceil().max(ylo + 1.0);
    let ytop = yhi + (yhi - ylo) * 0.22;

    let tick_px = s.font(20.0, 10.0);
    let xticks = decade_ticks(xlo, xhi, 12);
    let yticks = decade_ticks(ylo, yhi, 10);
    let mut chart = ChartBuilder::on(&plot_area)
        .margin(s.px(18.0))
        .margin_right(s.px(28.0))
        .x_label_area_size(s.px(80.0).max(28))
        .y_label_area_size(s.px(110.0).max(40))
        .build_cartesian_2d(xlo..xhi, ylo..ytop)
        .map_err(err)?;
    // Ticks by hand, on whole decades (plotters' own would fall between them).
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .x_desc("requests per day")
        .y_desc(format!("cost per day ({cur})"))
        .axis_desc_style((FAMILY, s.font(22.0, 11.0)).into_font().color(&INK))
        .axis_style(BLACK.mix(0.6))
        .draw()
        .map_err(err)?;
    let grid = BLACK.mix(0.09).stroke_width(1);
    chart
        .draw_series(
            xticks
                .iter()
                .map(|&x| PathElement::new(vec![(x, ylo), (x, yhi)], grid)),
        )
        .map_err(err)?;
    chart
        .draw_series(
            yticks
                .iter()
                .map(|&y| PathElement::new(vec![(xlo, y), (xhi, y)], grid)),
        )
        .map_err(err)?;
    let tick_font = (FAMILY, tick_px).into_font().color(&INK);
    for &x in &xticks {
        let (px, py) = chart.backend_coord(&(x, ylo));
        let style = tick_font.clone().pos(Pos::new(HPos::Center, VPos::Top));
        root.draw(&Text::new(
            si(10f64.powf(x)),
            (px, py + s.px(10.0) as i32),
            style,
        ))
        .map_err(err)?;
    }
    for &y in &yticks {
        let (px, py) = chart.backend_coord(&(xlo, y));
        let style = tick_font.clone().pos(Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new(
            si_money(10f64.powf(y), cur),
            (px - s.px(10.0) as i32, py),
            style,
        ))
        .map_err(err)?;
    }

    // Bands: which option is cheapest along the volume axis.
    let mut bands: Vec<(f64, f64, Choice)> = Vec::new();
    for pair in input.curve.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b.requests_per_day <= a.requests_per_day {
            continue;
        }
        let best = cheapest(&[
            (Choice::Api, b.api),
            (Choice::Hybrid, b.hybrid),
            (Choice::SelfHost, b.self_host),
        ]);
        let (x0, x1) = (a.requests_per_day.log10(), b.requests_per_day.log10());
        match bands.last_mut() {
            Some(last) if last.2 == best && (last.1 - x0).abs() < 1e-12 => last.1 = x1,
            _ => bands.push((x0, x1, best)),
        }
    }
    chart
        .draw_series(bands.iter().map(|&(x0, x1, c)| {
            Rectangle::new([(x0, ylo), (x1, yhi)], color(c).mix(0.09).filled())
        }))
        .map_err(err)?;
    let band_font = TextStyle::from((FAMILY, s.font(17.0, 9.0)).into_font())
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    for &(x0, x1, c) in &bands {
        let (p0, base) = chart.backend_coord(&(x0, ylo));
        let (p1, _) = chart.backend_coord(&(x1, ylo));
        let text = format!("{} cheapest", c.label());
        let width = text.chars().count() as f64 * s.font(17.0, 9.0) * 0.6;
        if f64::from(p1 - p0) > width + 8.0 {
            root.draw(&Text::new(
                text,
                ((p0 + p1) / 2, base - s.px(8.0) as i32),
                band_font.color(&color(c)),
            ))
            .map_err(err)?;
        }
    }

    // P10–P90 bands around each series.
    if let Some(mc) = input.bands {
        for (qs, c) in [
            (&mc.api, API),
            (&mc.self_host, SELF_HOST),
            (&mc.hybrid, HYBRID),
        ] {
            let mut outline: Vec<(f64, f64)> = mc
                .volumes
                .iter()
                .zip(qs.iter())
                .map(|(v, q)| (v.log10(), saturating_log10(q[0], ylo)))
                .collect();
            outline.extend(
                mc.volumes
                    .iter()
                    .zip(qs.iter())
                    .rev()
                    .map(|(v, q)| (v.log10(), saturating_log10(q[2], ylo))),
            );
            chart
                .draw_series(std::iter::once(Polygon::new(outline, c.mix(0.16).filled())))
                .map_err(err)?;
        }
    }

    let pts = |f: fn(&CurvePoint) -> f64| -> Vec<(f64, f64)> {
        input
            .curve
            .iter()
            .map(|p| (p.requests_per_day.log10(), saturating_log10(f(p), ylo)))
            .collect()
    };
    draw_option(&mut chart, pts(|p| p.api), Choice::Api, &s, None)?;
    draw_option(&mut chart, pts(|p| p.self_host), Choice::SelfHost, &s, None)?;
    draw_option(&mut chart, pts(|p| p.hybrid), Choice::Hybrid, &s, None)?;

    // Current volume.
    let v = o.requests_per_day;
    if v >= vmin && v <= vmax {
        let lv = v.log10();
        chart
            .draw_series(DashedLineSeries::new(
                vec![(lv, ylo), (lv, yhi)],
                s.px(6.0),
                s.px(6.0),
                NOW.stroke_width(s.px(2.0)),
            ))
            .map_err(err)?;
    }
    // Crossings.
    let radius = s.px(8.0).max(3) as i32;
    chart
        .draw_series(o.crossings.iter().map(|&x| {
            let at = (x.log10(), saturating_log10(o.rates.api(x).usd_per_day, ylo));
            EmptyElement::at(at)
                + Circle::new((0, 0), radius, WHITE.filled())
                + Circle::new((0, 0), radius - 2.max(radius / 4), CROSSING.filled())
        }))
        .map_err(err)?;

    // Labels in the strip above the data, each with a thin leader to what it names.
    let mut labels: Vec<(f64, String, RGBColor, Option<f64>)> = Vec::new();
    let breakeven = o.breakeven_requests_per_day;
    for &x in o.crossings.iter().take(40) {
        let is_breakeven = breakeven.is_some_and(|b| (b - x).abs() <= 1e-9 * b.max(1.0));
        let text = if is_breakeven {
            format!("break-even {}/day", volume(x))
        } else {
            format!("crossing {}/day", si(x))
        };
        let colour = if is_breakeven { BREAKEVEN } else { CROSSING };
        labels.push((
            x,
            text,
            colour,
            Some(saturating_log10(o.rates.api(x).usd_per_day, ylo)),
        ));
    }
    if let Some(b) = breakeven.filter(|b| *b >= vmin && *b <= vmax) {
        if !o
            .crossings
            .iter()
            .any(|x| (x - b).abs() <= 1e-9 * b.max(1.0))
        {
            labels.push((
                b,
                format!("break-even {}/day", volume(b)),
                BREAKEVEN,
                Some(saturating_log10(o.rates.api(b).usd_per_day, ylo)),
            ));
        }
    }
    if v >= vmin && v <= vmax {
        labels.push((v, format!("now {}/day", si(v)), NOW, None));
    }
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    let label_px = s.font(19.0, 9.0);
    let row_h = (label_px * 1.45) as i32;
    let (left, top) = chart.backend_coord(&(xlo, ytop));
    let (right, data_top) = chart.backend_coord(&(xhi, yhi));
    let rows = (((data_top - top) - 6) / row_h).clamp(1, 4) as usize;
    let mut row_end = vec![i32::MIN; rows];
    let mut hidden = 0;
    for (x, text, colour, target) in &labels {
        let (px, _) = chart.backend_coord(&(x.log10(), yhi));
        let width = (text.chars().count() as f64 * label_px * 0.58) as i32 + 6;
        let cx = px.clamp(left + width / 2, (right - width / 2).max(left + width / 2));
        let Some(row) = (0..rows).find(|&r| cx - width / 2 >= row_end[r] + 8) else {
            hidden += 1;
            continue;
        };
        row_end[row] = cx + width / 2;
        let y = top + 4 + row as i32 * row_h;
        let style = TextStyle::from((FAMILY, label_px).into_font())
            .color(colour)
            .pos(Pos::new(HPos::Center, VPos::Top));
        root.draw(&Text::new(text.clone(), (cx, y), style))
            .map_err(err)?;
        let leader_to = match target {
            Some(ty) => chart.backend_coord(&(x.log10(), *ty)).1 - radius,
            None => data_top,
        };
        let from = y + (label_px * 1.1) as i32;
        if leader_to > from {
            root.draw(&PathElement::new(
                vec![(px, from), (px, leader_to)],
                colour.mix(0.55).stroke_width(1),
            ))
            .map_err(err)?;
        }
    }
    if hidden > 0 {
        let style = TextStyle::from((FAMILY, label_px * 0.9).into_font())
            .color(&NOW)
            .pos(Pos::new(HPos::Right, VPos::Top));
        root.draw(&Text::new(
            format!("+{hidden} more crossings"),
            (right, top + 4 + rows as i32 * row_h),
            style,
        ))
        .map_err(err)?;
    }

    super::side::draw_side(&side, input, &s)
}
