//! Export charts for the sensitivity tornado and the growth timeline, in the same style as
//! the cost chart (title, scaled text never under 12 px, footer), drawn on the same canvas.

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, Label, Paint, Stroke};
use super::chart::{EXCLUDED_ALPHA, OPTIONS};
use super::font::{advance, fit};
use super::page::{frame, put, put_if_clear, Boxes, Scale};
use super::palette::{self, HIGH, INK, LOW, MARK, MUTED, NOW};
use crate::figures::{money, month_ticks, num, si_money, volume};
use crate::model::fields;
use crate::model::sensitivity::Sensitivity;
use crate::model::timeline::{Month, Timeline};
use crate::model::{Choice, Scenario};

/// About `n` round steps covering `[lo, hi]`: 1, 2 or 5 times a power of ten.
pub fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let span = (hi - lo).abs().max(1e-9);
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// A swing's input value with its unit: `$2.24/GPU-h`, `30%`, `500 tokens`.
fn with_unit(key: &str, x: f64, cur: &str) -> String {
    let Some(f) = fields::field(key) else {
        return num(x);
    };
    let unit = f.unit;
    if unit.starts_with('/') || unit == "$" || unit == cur {
        let u = if unit.starts_with('/') { unit } else { "" };
        format!("{}{u}", money(x, cur))
    } else if unit == "%" {
        format!("{}%", num(x))
    } else if unit.is_empty() {
        num(x)
    } else {
        format!("{} {unit}", num(x))
    }
}

/// The tornado's plot: the gap axis in pixels and the rows of bars.
struct Bars {
    left: f64,
    right: f64,
    xlo: f64,
    xhi: f64,
    top: f64,
    bottom: f64,
    em: f64,
}

impl Bars {
    fn px(&self, g: f64) -> f64 {
        self.left + (g - self.xlo) / (self.xhi - self.xlo) * (self.right - self.left)
    }
}

/// The tornado: each input's low and high effect on the daily gap (self-host − API), with the
/// $0 line where the two cost the same and which side favours which.
pub fn draw_tornado(
    c: &mut Canvas,
    sc: &Scenario,
    t: &Sensitivity,
    footer: &str,
) -> Result<(), String> {
    let (cw, ch) = c.size();
    let s = Scale::of(cw, ch);
    let w = f64::from(cw);
    let cur = &super::page::currency(sc);
    let mut boxes = Boxes::default();
    let (noun, short) = t.target_names();
    let title = super::page::title_that_fits(&tornado_titles(sc, t), cw, s);
    let (top, bottom) = frame(c, &mut boxes, &title, footer, s)?;
    let em = s.em(17.0);
    let shown: Vec<_> = t
        .swings
        .iter()
        .filter(|x| x.impact() > 0.0)
        .take(14)
        .collect();
    // The range holds every bar and $0.
    let (mut xlo, mut xhi) = (t.gap.min(0.0), t.gap.max(0.0));
    for x in &shown {
        for g in [x.gap_low, x.gap_high] {
            xlo = xlo.min(g);
            xhi = xhi.max(g);
        }
    }
    let pad = ((xhi - xlo) * 0.08).max(1e-6);
    let labels: Vec<String> = shown
        .iter()
        .map(|x| {
            let label = fields::field(x.key).map_or(x.key.to_string(), |f| {
                format!(
                    "{} {} → {}",
                    f.label,
                    with_unit(x.key, x.low, cur),
                    with_unit(x.key, x.high, cur)
                )
            });
            // docs/MODEL.md §7.1: a row whose swing flips the recommendation says so.
            match x.flips(t.now) {
                [None, None] => label,
                [a, b] => {
                    let to = b.or(a).map_or("no option", |v| {
                        v.choice.map_or("no option", crate::model::Choice::label)
                    });
                    format!("{label} · flips to {to}")
                }
            }
        })
        .collect();
    let label_w = labels
        .iter()
        .map(|l| advance(l, em))
        .fold(0.0, f64::max)
        .min(w * 0.42);
    // Under the bars: ticks, the axis title, then "favours" line and legend.
    let bars = Bars {
        left: s.px(24.0) + label_w + s.px(14.0),
        right: w - s.px(40.0),
        xlo: xlo - pad,
        xhi: xhi + pad,
        top: top + s.px(20.0),
        bottom: bottom - em * 1.5 * 3.0 - s.px(16.0),
        em,
    };
    gap_ticks(c, &mut boxes, &bars, cur, s)?;
    let row_h = (bars.bottom - bars.top) / shown.len().max(1) as f64;
    for (i, (x, label)) in shown.iter().zip(&labels).enumerate() {
        let y0 = bars.top + i as f64 * row_h + row_h * 0.18;
        let y1 = y0 + row_h * 0.64;
        for (gap, col) in [(x.gap_low, LOW), (x.gap_high, HIGH)] {
            c.fill_rect((bars.px(t.gap), y0), (bars.px(gap), y1), Paint::solid(col))?;
        }
        let l = Label::new(
            fit(label, em, label_w),
            (bars.left - s.px(14.0), (y0 + y1) / 2.0),
            em,
            Paint::solid(INK),
        )
        .align(HPos::Right, VPos::Center);
        put(c, &mut boxes, &l)?;
    }
    zero_and_now(c, &mut boxes, &bars, t.gap, cur, top, w, s)?;
    let words = (format!("{noun} minus API, cost per day ({cur})"), short);
    gap_legend(c, &mut boxes, &bars, &words, w, s)
}

/// The tornado's title: the input that moves the gap most and by how much ("GPU price moves
/// the gap most: -$40.00 to $60.00/day"), then the plain question to fall back to.
fn tornado_titles(sc: &Scenario, t: &Sensitivity) -> Vec<String> {
    let cur = &super::page::currency(sc);
    let (noun, _) = t.target_names();
    let plain = format!("{}: what moves the gap between {noun} and the API", sc.name);
    let Some(top) = t.swings.iter().find(|x| x.impact() > 0.0) else {
        return vec![plain];
    };
    let label = fields::field(top.key).map_or(top.key, |f| f.label);
    let (lo, hi) = if top.gap_low <= top.gap_high {
        (top.gap_low, top.gap_high)
    } else {
        (top.gap_high, top.gap_low)
    };
    vec![
        format!(
            "{}: {label} moves the gap most ({} to {}/day)",
            sc.name,
            money(lo, cur),
            money(hi, cur)
        ),
        format!("{}: {label} moves the gap most", sc.name),
        plain,
    ]
}

/// The gap axis's grid and tick labels, each kept only where it has room.
fn gap_ticks(
    c: &mut Canvas,
    boxes: &mut Boxes,
    bars: &Bars,
    cur: &str,
    s: Scale,
) -> Result<(), String> {
    let (cw, _) = c.size();
    let w = f64::from(cw);
    let em = bars.em;
    let grid = Stroke {
        paint: Paint::solid(INK).alpha(0.1),
        width: 1.0,
        dash: None,
    };
    let ticks = nice_ticks(bars.xlo, bars.xhi, if cw >= 1000 { 7 } else { 4 });
    let mut last = f64::MIN;
    for &g in &ticks {
        let x = bars.px(g);
        c.path(&[Some((x, bars.top)), Some((x, bars.bottom))], grid)?;
        let tick = if g < 0.0 {
            format!("-{}", si_money(-g, cur))
        } else {
            si_money(g, cur)
        };
        let l = Label::new(tick, (x, bars.bottom + s.px(8.0)), em, Paint::solid(INK))
            .align(HPos::Center, VPos::Top);
        let b = l.bounds();
        if b[0] > last + em && b[0] >= 0.0 && b[2] <= w {
            last = b[2];
            put(c, boxes, &l)?;
        }
    }
    Ok(())
}

/// The $0 line (where the two cost the same) and the current gap, each tagged above the plot.
#[allow(clippy::too_many_arguments)]
fn zero_and_now(
    c: &mut Canvas,
    boxes: &mut Boxes,
    bars: &Bars,
    gap: f64,
    cur: &str,
    top: f64,
    w: f64,
    s: Scale,
) -> Result<(), String> {
    let (plot_top, plot_bottom) = (bars.top, bars.bottom);
    let zero = bars.px(0.0);
    c.path(
        &[Some((zero, plot_top)), Some((zero, plot_bottom))],
        Stroke {
            paint: Paint::solid(MARK),
            width: s.px(2.5).max(1.5),
            dash: None,
        },
    )?;
    let now = bars.px(gap);
    c.path(
        &[Some((now, plot_top)), Some((now, plot_bottom))],
        Stroke {
            paint: Paint::solid(NOW),
            width: s.px(2.0).max(1.0),
            dash: Some((s.px(7.0).max(3.0), s.px(5.0).max(3.0))),
        },
    )?;
    let tag = |text: String, x: f64, h: HPos| {
        Label::new(
            text,
            (x, plot_top - s.px(4.0)),
            s.em(15.0),
            Paint::solid(INK),
        )
        .align(h, VPos::Bottom)
    };
    let zl = tag(
        format!("{} = same cost", money(0.0, cur)),
        zero,
        HPos::Center,
    );
    put_if_clear(c, boxes, &zl, [0.0, 0.0, w, plot_top])?;
    let nl = tag(
        format!("now {}/day", money(gap, cur)),
        now,
        if gap < 0.0 { HPos::Right } else { HPos::Left },
    );
    if !put_if_clear(c, boxes, &nl, [0.0, 0.0, w, plot_top])? {
        let lower = Label {
            y: plot_top - s.px(4.0) - bars.em * 1.3,
            ..nl
        };
        put_if_clear(c, boxes, &lower, [0.0, top, w, plot_top])?;
    }
    Ok(())
}

/// Under the axis: its title (`words.0`), which side favours which (`words.1` is the
/// challenger's short name), and the legend.
fn gap_legend(
    c: &mut Canvas,
    boxes: &mut Boxes,
    bars: &Bars,
    words: &(String, &str),
    w: f64,
    s: Scale,
) -> Result<(), String> {
    let (em, left, right) = (bars.em, bars.left, bars.right);
    let (title, short) = (&words.0, words.1);
    let zero = bars.px(0.0);
    let y1 = bars.bottom + s.px(8.0) + em * 1.5;
    put(
        c,
        boxes,
        &Label::new(
            title.clone(),
            ((left + right) / 2.0, y1),
            em,
            Paint::solid(INK),
        )
        .align(HPos::Center, VPos::Top),
    )?;
    let y2 = y1 + em * 1.5;
    let fl = Label::new(
        format!("← favours {short}"),
        (zero - em * 0.5, y2),
        em,
        Paint::solid(MUTED),
    )
    .align(HPos::Right, VPos::Top);
    let fr = Label::new(
        "favours API →",
        (zero + em * 0.5, y2),
        em,
        Paint::solid(MUTED),
    )
    .align(HPos::Left, VPos::Top);
    if fl.bounds()[0] >= left && fr.bounds()[2] <= w - s.px(8.0) {
        put(c, boxes, &fl)?;
        put(c, boxes, &fr)?;
    } else {
        // $0 near an edge: one line, kept inside the plot's width.
        let both = Label::new(
            format!("← favours {short} | favours API →"),
            (zero, y2),
            em,
            Paint::solid(MUTED),
        )
        .align(HPos::Center, VPos::Top);
        let b = both.bounds();
        let shift = (left - b[0]).max(0.0) - (b[2] - right).max(0.0);
        put(
            c,
            boxes,
            &Label {
                x: zero + shift,
                ..both
            },
        )?;
    }
    // Legend at the left, under the row labels.
    let mut lx = s.px(24.0);
    for (text, col) in [("input low", LOW), ("input high", HIGH)] {
        c.fill_rect((lx, y2), (lx + em * 1.2, y2 + em * 0.8), Paint::solid(col))?;
        let l = Label::new(text, (lx + em * 1.6, y2), em, Paint::solid(INK));
        let b = l.bounds();
        put(c, boxes, &l)?;
        lx = b[2] + em * 1.2;
    }
    Ok(())
}

/// The timeline's plot: months across, cumulative cost up, in pixels.
struct Months {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    horizon: f64,
    ymax: f64,
    em: f64,
}

impl super::timeline::MonthAxes for Months {
    fn at(&self, month: f64, usd: f64) -> (f64, f64) {
        (self.px(month), self.py(usd))
    }
    fn area(&self) -> [f64; 4] {
        [self.left, self.top, self.right, self.bottom]
    }
}

/// What the timeline draws beside the options' lines, for its legend.
struct Extras {
    /// The recommended switch's own path.
    path: bool,
    /// The owned fleet's purchases over the horizon, when it buys any.
    paid: Option<String>,
}

impl Months {
    fn px(&self, m: f64) -> f64 {
        self.left + m / self.horizon * (self.right - self.left)
    }

    fn py(&self, v: f64) -> f64 {
        self.bottom - v / self.ymax * (self.bottom - self.top)
    }
}

/// An option's cumulative cost by the end of month `m`.
fn cumulative(m: &Month, o: Choice) -> f64 {
    match o {
        Choice::Api => m.cumulative_api,
        Choice::SelfHost => m.cumulative_self_host,
        Choice::Hybrid => m.cumulative_hybrid,
        // In cash (docs/MODEL.md §8.1): servers paid in the month bought.
        Choice::Owned => m.cumulative_owned_cash,
    }
}

/// The timeline: cumulative cost per option, month by month, and the best month to switch.
pub fn draw_timeline(
    c: &mut Canvas,
    sc: &Scenario,
    t: &Timeline,
    footer: &str,
) -> Result<(), String> {
    let (cw, ch) = c.size();
    let s = Scale::of(cw, ch);
    let w = f64::from(cw);
    let cur = &super::page::currency(sc);
    let mut boxes = Boxes::default();
    let horizon = sc.growth.horizon_months.max(2);
    let grows = sc.growth.monthly_rate != 0.0 || !sc.growth.steps.is_empty();
    let title = super::page::title_that_fits(&super::timeline::titles(sc, t, grows), cw, s);
    let (top, bottom) = frame(c, &mut boxes, &title, footer, s)?;
    let em = s.em(17.0);
    // The owned fleet's line, when it is offered (docs/MODEL.md §8.1).
    let mut options = OPTIONS.to_vec();
    if t.owned.is_some() {
        options.push(Choice::Owned);
    }
    // The recommended path and the servers bought (cash) are drawn too.
    let path = crate::model::timeline::switch_path(sc, t);
    let bought: f64 = t.months.iter().map(|m| m.owned_purchase).sum();
    let max = t
        .months
        .iter()
        .flat_map(|m| options.iter().map(move |&o| cumulative(m, o)))
        .chain(path.iter().copied())
        .fold(0.0f64, f64::max)
        .max(1.0);
    let yt = nice_ticks(0.0, max * 1.05, 5);
    let tick_w = yt
        .iter()
        .map(|&v| advance(&si_money(v, cur), em))
        .fold(0.0, f64::max);
    let extras = Extras {
        path: !path.is_empty(),
        paid: (bought > 0.0).then(|| si_money(bought, cur)),
    };
    let left = s.px(20.0) + em * 1.4 + tick_w + s.px(12.0);
    let rows = legend_rows(t, &options, &extras, em, w - s.px(10.0) - left);
    let plot = Months {
        left,
        right: w - s.px(40.0),
        top: top + em * 1.6 * rows as f64 + s.px(10.0),
        bottom: bottom - em * 1.5 - em * 1.6 - s.px(10.0),
        horizon: f64::from(horizon),
        ymax: yt.last().copied().unwrap_or(max).max(max * 1.05),
        em,
    };
    month_axes(
        c,
        &mut boxes,
        &plot,
        &yt,
        (cur, &month_title(sc, t)),
        bottom,
        s,
    )?;
    // The recommended path first: its band lies under the lines it follows.
    super::timeline::switch_path_line(c, &path, t, &plot, s)?;
    month_lines(c, &mut boxes, t, &options, &plot, (top, extras), s)?;
    let lines: Vec<Vec<f64>> = options
        .iter()
        .map(|&o| t.months.iter().map(|m| cumulative(m, o)).collect())
        .collect();
    let ink = super::timeline::ink(t, &lines, &path, &plot);
    if let Some(m) = t.best_switch_month {
        switch_mark(c, &mut boxes, t, m, cur, &plot, s)?;
    }
    super::timeline::payback_mark(c, &mut boxes, (t, &ink), &plot, (em, s))?;
    super::timeline::book_value_mark(c, &mut boxes, (t, &ink), &plot, (em, s, cur))?;
    Ok(())
}

/// The month axis's title, with the traffic it spans ("10,000 → 58,715 requests/day"): under
/// the axis, where no line runs through it.
fn month_title(sc: &Scenario, t: &Timeline) -> String {
    let grows = sc.growth.monthly_rate != 0.0 || !sc.growth.steps.is_empty();
    let start = volume(sc.workload.requests_per_day);
    let end = t
        .months
        .last()
        .map_or(start.clone(), |m| volume(m.requests_per_day));
    if grows {
        format!("month (setup paid at the start) · {start} → {end} requests/day")
    } else {
        format!("month (setup paid at the start) · {start} requests/day throughout")
    }
}

/// Grid, ticks (whole months), axes and their titles.
fn month_axes(
    c: &mut Canvas,
    boxes: &mut Boxes,
    plot: &Months,
    yt: &[f64],
    (cur, title): (&str, &str),
    bottom: f64,
    s: Scale,
) -> Result<(), String> {
    let (cw, _) = c.size();
    let (left, right, em) = (plot.left, plot.right, plot.em);
    let grid = Stroke {
        paint: Paint::solid(INK).alpha(0.1),
        width: 1.0,
        dash: None,
    };
    for &v in yt {
        c.path(&[Some((left, plot.py(v))), Some((right, plot.py(v)))], grid)?;
        put(
            c,
            boxes,
            &Label::new(
                si_money(v, cur),
                (left - s.px(10.0), plot.py(v)),
                em,
                Paint::solid(INK),
            )
            .align(HPos::Right, VPos::Center),
        )?;
    }
    let horizon = plot.horizon as u32;
    for m in month_ticks(horizon, if cw >= 1000 { 12 } else { 6 }) {
        let m = f64::from(m);
        put(
            c,
            boxes,
            &Label::new(
                format!("{m:.0}"),
                (plot.px(m), plot.bottom + s.px(8.0)),
                em,
                Paint::solid(INK),
            )
            .align(HPos::Center, VPos::Top),
        )?;
    }
    c.path(
        &[
            Some((left, plot.top)),
            Some((left, plot.bottom)),
            Some((right, plot.bottom)),
        ],
        Stroke {
            paint: Paint::solid(INK).alpha(0.7),
            width: 1.0,
            dash: None,
        },
    )?;
    put(
        c,
        boxes,
        &Label::new(
            fit(title, em, right - left),
            ((left + right) / 2.0, bottom),
            em,
            Paint::solid(INK),
        )
        .align(HPos::Center, VPos::Bottom),
    )?;
    let mut yd = Label::new(
        format!("cumulative cost ({cur})"),
        (s.px(20.0), (plot.top + plot.bottom) / 2.0),
        em,
        Paint::solid(INK),
    )
    .align(HPos::Center, VPos::Top);
    yd.vertical = true;
    put(c, boxes, &yd)
}

/// Each option's line from month 0 (nothing spent yet, or the setup for the local options),
/// muted from the month the constraints exclude it in (docs/MODEL.md §8.2), and the legend
/// on top of the plot, each with its own dash and an exclusion's reason.
fn month_lines(
    c: &mut Canvas,
    boxes: &mut Boxes,
    t: &Timeline,
    options: &[Choice],
    plot: &Months,
    (top, extras): (f64, Extras),
    s: Scale,
) -> Result<(), String> {
    let em = plot.em;
    let width = s.px(4.5).max(2.0);
    let stroke = |o: Choice| Stroke {
        paint: Paint::solid(palette::series(o)).alpha(if t.allowed.is_allowed(o) {
            1.0
        } else {
            EXCLUDED_ALPHA
        }),
        width,
        dash: palette::dash(o).map(|(a, b)| (s.px(a).max(3.0), s.px(b).max(3.0))),
    };
    let point =
        |m: &Month, o: Choice| Some((plot.px(f64::from(m.month)), plot.py(cumulative(m, o))));
    for &o in options {
        let until = t.excluded_from(o).unwrap_or(u32::MAX);
        let pts: Vec<Option<(f64, f64)>> = t
            .months
            .iter()
            .filter(|m| m.month <= until)
            .map(|m| point(m, o))
            .collect();
        c.path(&pts, stroke(o))?;
        if until != u32::MAX {
            let rest: Vec<Option<(f64, f64)>> = t
                .months
                .iter()
                .filter(|m| m.month >= until)
                .map(|m| point(m, o))
                .collect();
            let muted = Stroke {
                paint: Paint::solid(palette::series(o)).alpha(EXCLUDED_ALPHA),
                ..stroke(o)
            };
            c.path(&rest, muted)?;
        }
    }
    let mut entries: Vec<(Stroke, Label)> = Vec::new();
    let ly = top + s.px(4.0);
    for &o in options {
        let (text, muted) = legend_text(t, o, extras.paid.as_deref());
        let paint = Paint::solid(if muted { MUTED } else { INK });
        entries.push((stroke(o), Label::new(text, (0.0, ly), em, paint)));
    }
    let ink = |text: &str| Label::new(text, (0.0, ly), em, Paint::solid(INK));
    if extras.path {
        entries.push((super::timeline::path_stroke(s), ink("Recommended path")));
    }
    legend_row(c, boxes, &entries, plot, s)
}

/// An option's legend words, and whether they are muted (the constraints exclude it): its
/// name, why it is excluded or from which month, the owned line's basis and purchases.
fn legend_text(t: &Timeline, o: Choice, paid: Option<&str>) -> (String, bool) {
    if let Some(e) = t.allowed.exclusion(o) {
        return (format!("{} ({})", o.label(), e.reason()), true);
    }
    let text = match t.excluded_from(o) {
        Some(m) => format!("{} (excluded from month {m})", o.label()),
        // The owned line's basis: cash, servers paid when bought.
        None if o == Choice::Owned => match paid {
            Some(total) => {
                format!("Owned (cash; servers bought {total}, book value back at the end)")
            }
            None => "Owned (cash)".to_string(),
        },
        None => o.label().to_string(),
    };
    (text, false)
}

/// How many rows the legend takes across `room` px: one, or two when one does not hold it.
fn legend_rows(t: &Timeline, options: &[Choice], extras: &Extras, em: f64, room: f64) -> usize {
    let mut texts: Vec<String> = options
        .iter()
        .map(|&o| legend_text(t, o, extras.paid.as_deref()).0)
        .collect();
    if extras.path {
        texts.push("Recommended path".into());
    }
    let width: f64 = texts
        .iter()
        .map(|x| em * 1.4 + em * 0.5 + advance(x, em) + em * 1.5)
        .sum();
    if width <= room {
        1
    } else {
        2
    }
}

/// The legend across the top of the plot: each entry's stroke sample, then its words; the
/// sample width shrinks, then the later entries go, when the row runs out of width.
fn legend_row(
    c: &mut Canvas,
    boxes: &mut Boxes,
    entries: &[(Stroke, Label)],
    plot: &Months,
    s: Scale,
) -> Result<(), String> {
    let em = plot.em;
    let width_of = |sample: f64| {
        entries
            .iter()
            .map(|(_, l)| sample + em * 0.5 + l.width() + em * 1.5)
            .sum::<f64>()
    };
    let room = plot.right + s.px(30.0) - plot.left;
    let sample = if width_of(em * 2.4) <= room {
        em * 2.4
    } else {
        em * 1.4
    };
    let (mut lx, mut dy) = (plot.left, 0.0);
    for (stroke, l) in entries {
        let mut end = lx + sample + em * 0.5 + l.width();
        if end > plot.right + s.px(30.0) && lx > plot.left && dy == 0.0 {
            // On to the second row (the plot leaves room for it when it is needed).
            (lx, dy) = (plot.left, em * 1.5);
            end = lx + sample + em * 0.5 + l.width();
        }
        if end > plot.right + s.px(30.0) {
            break;
        }
        let l = &Label {
            y: l.y + dy,
            ..l.clone()
        };
        let y = l.y + em * 0.45;
        c.path(&[Some((lx, y)), Some((lx + sample, y))], *stroke)?;
        let l = Label {
            x: lx + sample + em * 0.5,
            ..l.clone()
        };
        put(c, boxes, &l)?;
        lx = end + em * 1.5;
    }
    Ok(())
}

/// The best month to switch: a line and what the switch saves by the horizon.
fn switch_mark(
    c: &mut Canvas,
    boxes: &mut Boxes,
    t: &Timeline,
    m: u32,
    cur: &str,
    plot: &Months,
    s: Scale,
) -> Result<(), String> {
    let x = plot.px(f64::from(m));
    c.path(
        &[Some((x, plot.top)), Some((x, plot.bottom))],
        Stroke {
            paint: Paint::solid(MARK),
            width: s.px(2.0).max(1.0),
            dash: Some((s.px(7.0).max(3.0), s.px(5.0).max(3.0))),
        },
    )?;
    let text = format!(
        "switch{} in month {m}: saves about {} by month {}",
        t.switch_phrase(),
        si_money(t.savings_at_horizon, cur),
        plot.horizon as u32
    );
    let l = Label::new(
        text,
        (x + s.px(8.0), plot.top + s.px(6.0)),
        plot.em,
        Paint::solid(MARK),
    )
    .align(HPos::Left, VPos::Top)
    .bold();
    let l = if l.bounds()[2] > plot.right {
        Label {
            x: x - s.px(8.0),
            h: HPos::Right,
            ..l
        }
    } else {
        l
    };
    put(c, boxes, &l)
}
