//! `export --view fleet`: self-hosting's cost per day on the cheapest rented configurations
//! (the fleet ranking of docs/MODEL.md §6.10, as `crossover compare` lists it) against daily
//! volume, with the API's line for reference, on the cost chart's log–log axes. Each
//! configuration is one violet line (the fleet's hue, the envelope's), told apart by shade and
//! dash, numbered at its right end, and named in the panel with its cost at "now".

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, Label, Paint, Stroke};
use super::chart::{axes, ChartInput, CostAxis, Ems, Plot};
use super::font::wrap;
use super::page::{frame, put, put_if_clear, Boxes, Scale};
use super::palette::{self, INK, MUTED, NOW};
use crate::figures::{money, si};
use crate::model::fleet::{Comparison, Row};

/// Configurations drawn: the cheapest of each GPU and GPU count, at most this many.
pub const TOP: usize = 5;
/// Volumes each line is sampled at across the chart's range.
const SAMPLES: usize = 400;

/// A rank's colour (RGB) and dash (design px).
type RankStyle = ((u8, u8, u8), Option<(f64, f64)>);

/// Each rank's colour and dash (design px): violets from the envelope's, dark and light in
/// turn, so that neighbours differ in lightness and pattern as well as in number.
const STYLES: [RankStyle; TOP] = [
    ((100, 40, 200), None),
    ((55, 20, 110), Some((18.0, 9.0))),
    ((160, 125, 225), None),
    ((55, 20, 110), Some((6.0, 7.0))),
    ((160, 125, 225), Some((2.0, 5.0))),
];

/// The configurations drawn, cheapest at the scenario's volume first: the cheapest row of each
/// GPU and GPU count (another precision or market of the same hardware is not a new line).
pub fn top_rows(c: &Comparison) -> Vec<&Row> {
    let mut out: Vec<&Row> = Vec::new();
    for r in &c.rows {
        if out.len() == TOP {
            break;
        }
        if !out
            .iter()
            .any(|o| o.gpu == r.gpu && o.gpus_per_replica == r.gpus_per_replica)
        {
            out.push(r);
        }
    }
    out
}

/// The chart's message: the cheapest configuration and its cost at the current volume, against
/// the API's.
fn message(input: &ChartInput, rows: &[&Row], v: f64) -> [String; 3] {
    let sc = input.scenario;
    let cur = &super::page::currency(sc);
    let Some(best) = rows.first() else {
        let none = format!(
            "{}: no rented GPU configuration serves {}",
            sc.name, sc.self_host.model
        );
        return [none.clone(), none.clone(), none];
    };
    let cost = money(best.rates.self_host_usd(v), cur);
    let api = money(input.outcome.rates.api(v).usd_per_day, cur);
    let name = crate::wording::fleet_config(best);
    let at = si(v);
    [
        format!(
            "{}: {name} cheapest rented at {at}/day, {cost}/day (API {api})",
            sc.name
        ),
        format!("{}: {name} cheapest at {at}/day, {cost}/day", sc.name),
        format!("{}: {name} cheapest, {cost}/day", sc.name),
    ]
}

/// The fleet chart of `input` from the ranking `c`.
pub(super) fn draw(c: &mut Canvas, input: &ChartInput, ranking: &Comparison) -> Result<(), String> {
    let sc = input.scenario;
    let cur = &super::page::currency(sc);
    let (cw, ch) = c.size();
    let s = Scale::of(cw, ch);
    let w = f64::from(cw);
    let mut boxes = Boxes::default();
    let rows = top_rows(ranking);
    // The volume the ranking is at: the scenario's, or the recommended hybrid's local share.
    let v = ranking.requests_per_day;
    let titles = message(input, &rows, v);
    let title = super::page::title_that_fits(&titles, cw, s);
    let (top, bottom) = frame(c, &mut boxes, &title, &input.footer, s)?;
    let (vmin, vmax) = input.volumes();
    let vols: Vec<f64> = (0..SAMPLES)
        .map(|i| vmin * (vmax / vmin).powf(i as f64 / (SAMPLES - 1) as f64))
        .collect();
    let api: Vec<f64> = vols
        .iter()
        .map(|&v| input.outcome.rates.api(v).usd_per_day)
        .collect();
    let lines: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| vols.iter().map(|&v| r.rates.self_host_usd(v)).collect())
        .collect();
    let (ylo, yhi) = cost_range(lines.iter().flatten().chain(&api));
    let axis = CostAxis::of(ylo, yhi, cur, w, s);
    let x = axis.x_axis((vmin, vmax), axis.em.label * 1.5, w, s);
    let CostAxis {
        em, side_w, yticks, ..
    } = axis;
    let plot = Plot {
        x,
        top: top + em.label * 1.7 + s.px(10.0),
        bottom: bottom - em.desc * 1.5 - em.tick * 1.6 - s.px(10.0),
        ylo,
        yhi,
    };
    axes(c, &mut boxes, &plot, &yticks, cur, &em, bottom, s)?;
    let path = |costs: &[f64]| -> Vec<Option<(f64, f64)>> {
        vols.iter()
            .zip(costs)
            .map(|(&v, &x)| (x > 0.0).then(|| (plot.x.px(v), plot.py_cost(x))))
            .collect()
    };
    let width = s.px(4.0).max(2.0);
    let api_stroke = Stroke {
        paint: Paint::solid(palette::API),
        width,
        dash: None,
    };
    c.path(&path(&api), api_stroke)?;
    // The cheapest last, on top.
    for (i, costs) in lines.iter().enumerate().rev() {
        c.path(&path(costs), style(i, s))?;
    }
    now_line(c, &mut boxes, (input, v), &plot, &em, s)?;
    rank_numbers(c, &mut boxes, &lines, &plot, &em, s)?;
    let side = [w - side_w - s.px(8.0), top, w - s.px(12.0), bottom];
    panel(c, &mut boxes, side, (input, v), &rows, s)
}

/// The cost axis in whole decades around every positive cost drawn.
fn cost_range<'a>(costs: impl Iterator<Item = &'a f64>) -> (f64, f64) {
    let (lo, hi) = costs
        .filter(|x| **x > 0.0 && x.is_finite())
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        });
    if !lo.is_finite() || hi <= 0.0 {
        return (0.0, 1.0);
    }
    let ylo = lo.log10().floor();
    (ylo, hi.log10().ceil().max(ylo + 1.0))
}

/// Rank `i`'s stroke.
fn style(i: usize, s: Scale) -> Stroke {
    let ((r, g, b), dash) = STYLES[i.min(TOP - 1)];
    Stroke {
        paint: Paint::solid(plotters::prelude::RGBColor(r, g, b)),
        width: if i == 0 {
            s.px(4.5).max(2.0)
        } else {
            s.px(3.5).max(2.0)
        },
        dash: dash.map(|(a, g)| (s.px(a).max(3.0), s.px(g).max(3.0))),
    }
}

/// The current volume: a dashed line and its label above the plot.
fn now_line(
    c: &mut Canvas,
    boxes: &mut Boxes,
    (input, v): (&ChartInput, f64),
    plot: &Plot,
    em: &Ems,
    s: Scale,
) -> Result<(), String> {
    let (vmin, vmax) = input.volumes();
    if v < vmin || v > vmax {
        return Ok(());
    }
    plot.now_line(c, v, s)?;
    let x = plot.x.px(v);
    let l = Label::new(
        if v == input.outcome.requests_per_day {
            format!("now {}/day", si(v))
        } else {
            format!("ranked at {}/day", si(v))
        },
        (x, plot.top - s.px(6.0)),
        em.label,
        Paint::solid(NOW),
    )
    .align(HPos::Center, VPos::Bottom);
    let b = l.bounds();
    let shift = (plot.x.left - b[0]).max(0.0) - (b[2] - plot.x.right).max(0.0);
    put(c, boxes, &Label { x: x + shift, ..l })
}

/// Each configuration's rank at the right end of its line, where it touches no other number.
fn rank_numbers(
    c: &mut Canvas,
    boxes: &mut Boxes,
    lines: &[Vec<f64>],
    plot: &Plot,
    em: &Ems,
    s: Scale,
) -> Result<(), String> {
    let area = [
        plot.x.right,
        plot.top - em.label,
        plot.x.right + em.label * 1.6,
        plot.bottom + em.label,
    ];
    for (i, costs) in lines.iter().enumerate() {
        let Some(&end) = costs.last().filter(|x| **x > 0.0) else {
            continue;
        };
        let paint = style(i, s).paint;
        let y = plot.py_cost(end);
        let l = Label::new(
            format!("{}", i + 1),
            (plot.x.right + s.px(6.0), y),
            em.label,
            paint,
        )
        .align(HPos::Left, VPos::Center)
        .bold();
        put_if_clear(c, boxes, &l, area)?;
    }
    Ok(())
}

/// The panel: each configuration numbered, with its price and its cost at "now"; the API's;
/// what the lines are.
fn panel(
    c: &mut Canvas,
    boxes: &mut Boxes,
    [l, t, r, b]: [f64; 4],
    (input, v): (&ChartInput, f64),
    rows: &[&Row],
    s: Scale,
) -> Result<(), String> {
    let sc = input.scenario;
    let cur = &super::page::currency(sc);
    let em = s.em(16.0);
    let (pad, line_h) = (s.px(16.0).max(6.0), em * 1.5);
    let edge = Stroke {
        paint: Paint::solid(INK).alpha(0.25),
        width: 1.0,
        dash: None,
    };
    let corners = [(l, t), (r, t), (r, b), (l, b), (l, t)];
    c.path(&corners.map(Some), edge)?;
    let (x, limit, sample) = (l + pad, b - pad, em * 2.4);
    let tx = x + sample + em * 0.6;
    let mut y = t + pad;
    let rows_of = |text: &str, x: f64| wrap(text, em, r - pad - x).len();
    let room = |y: f64| ((limit - y) / line_h + 1e-9).floor().max(0.0) as usize;
    // Text wrapped to the panel, one line after another.
    let mut lines = |c: &mut Canvas, text: &str, (x, paint): (f64, Paint), y: &mut f64| {
        for part in wrap(text, em, r - pad - x) {
            put(c, boxes, &Label::new(part, (x, *y), em, paint))?;
            *y += line_h;
        }
        Ok::<(), String>(())
    };
    let at = format!("/day at {}", si(v));
    let api = Stroke {
        paint: Paint::solid(palette::API),
        width: s.px(4.0).max(2.0),
        dash: None,
    };
    let api_now = money(input.outcome.rates.api(v).usd_per_day, cur);
    let entries: Vec<(Stroke, String, String)> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let name = format!("{}. {}", i + 1, crate::wording::fleet_config(row));
            let cost = money(row.rates.self_host_usd(v), cur);
            let gpu_h = money(row.usd_per_gpu_hour, cur);
            (style(i, s), name, format!("{cost}{at} · {gpu_h}/GPU-h"))
        })
        .chain([(
            api,
            format!("API ({})", sc.api.model),
            format!("{api_now}{at}"),
        )])
        .collect();
    // Each entry whole, while room lasts for it and a row under it; what did not fit is
    // counted.
    let mut shown = 0;
    for (stroke, name, note) in &entries {
        if rows_of(name, tx) + rows_of(note, tx) + 1 > room(y) {
            break;
        }
        let mid = y + em * 0.45;
        c.path(&[Some((x, mid)), Some((x + sample, mid))], *stroke)?;
        lines(c, name, (tx, Paint::solid(INK)), &mut y)?;
        lines(c, note, (tx, Paint::solid(MUTED)), &mut y)?;
        shown += 1;
    }
    if shown < entries.len() {
        let text = format!("+{} more left off", entries.len() - shown);
        lines(c, &text, (x, Paint::solid(MUTED)), &mut y)?;
    }
    y += line_h * 0.4;
    let volume = crate::wording::fleet_volume(
        v,
        input.outcome.requests_per_day,
        input.outcome.recommendation.choice,
        "requests/day",
    );
    let about = [
        format!("Every line is all the traffic self-hosted on one rented configuration, engineering included; the cheapest of each GPU and count at {volume}."),
        "Each line: all traffic on one rented configuration, engineering included.".to_string(),
        "All traffic on one configuration each.".to_string(),
    ];
    // The longest that fits whole; else the shortest, its last line ending in "…".
    let n = room(y);
    if let Some(text) = about.iter().find(|t| rows_of(t, x) <= n) {
        return lines(c, text, (x, Paint::solid(MUTED)), &mut y);
    }
    let parts = wrap(&about[2], em, r - pad - x);
    for (i, part) in parts.iter().take(n).enumerate() {
        let text = if i + 1 == n {
            super::font::fit(&format!("{part}…"), em, r - pad - x)
        } else {
            part.clone()
        };
        put(c, boxes, &Label::new(text, (x, y), em, Paint::solid(MUTED)))?;
        y += line_h;
    }
    Ok(())
}
