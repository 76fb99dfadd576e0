//! Export charts for the sensitivity tornado and the growth timeline, in the same style as
//! the cost chart (title, scaled text never under 10 px, footer), drawn on the same canvas.

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
    let (w, _) = (f64::from(cw), f64::from(ch));
    let cur = sc.currency.as_str();
    let mut boxes = Boxes::default();
    let (noun, short) = t.target_names();
    let title = format!("{}: what moves the gap between {noun} and the API", sc.name);
    let (top, bottom) = frame(c, &mut boxes, &title, footer, s)?;
    let em = s.em(17.0);
    let shown: Vec<_> = t
        .swings
        .iter()
        .filter(|x| x.impact() > 0.0)
        .take(14)
        .collect();
    let n = shown.len().max(1);
    // The range holds every bar and $0.
    let (mut xlo, mut xhi) = (t.gap.min(0.0), t.gap.max(0.0));
    for x in &shown {
        for g in [x.gap_low, x.gap_high] {
            xlo = xlo.min(g);
            xhi = xhi.max(g);
        }
    }
    let pad = ((xhi - xlo) * 0.08).max(1e-6);
    let (xlo, xhi) = (xlo - pad, xhi + pad);
    let labels: Vec<String> = shown
        .iter()
        .map(|x| {
            fields::field(x.key).map_or(x.key.to_string(), |f| {
                format!(
                    "{} {} → {}",
                    f.label,
                    with_unit(x.key, x.low, cur),
                    with_unit(x.key, x.high, cur)
                )
            })
        })
        .collect();
    let label_w = labels
        .iter()
        .map(|l| advance(l, em))
        .fold(0.0, f64::max)
        .min(w * 0.42);
    let left = s.px(24.0) + label_w + s.px(14.0);
    let right = w - s.px(40.0);
    // Under the bars: ticks, the axis title, then "favours" line and legend.
    let plot_bottom = bottom - em * 1.5 * 3.0 - s.px(16.0);
    let plot_top = top + s.px(20.0);
    let px = |g: f64| left + (g - xlo) / (xhi - xlo) * (right - left);
    let row_h = (plot_bottom - plot_top) / n as f64;

    // Ticks and grid.
    let grid = Stroke {
        paint: Paint::solid(INK).alpha(0.1),
        width: 1.0,
        dash: None,
    };
    let ticks = nice_ticks(xlo, xhi, if cw >= 1000 { 7 } else { 4 });
    let mut last = f64::MIN;
    for &g in &ticks {
        let x = px(g);
        c.path(&[Some((x, plot_top)), Some((x, plot_bottom))], grid)?;
        let tick = if g < 0.0 {
            format!("-{}", si_money(-g, cur))
        } else {
            si_money(g, cur)
        };
        let l = Label::new(tick, (x, plot_bottom + s.px(8.0)), em, Paint::solid(INK))
            .align(HPos::Center, VPos::Top);
        let b = l.bounds();
        if b[0] > last + em && b[0] >= 0.0 && b[2] <= w {
            last = b[2];
            put(c, &mut boxes, &l)?;
        }
    }
    // Bars.
    for (i, (x, label)) in shown.iter().zip(&labels).enumerate() {
        let y0 = plot_top + i as f64 * row_h + row_h * 0.18;
        let y1 = y0 + row_h * 0.64;
        for (gap, col) in [(x.gap_low, LOW), (x.gap_high, HIGH)] {
            c.fill_rect((px(t.gap), y0), (px(gap), y1), Paint::solid(col))?;
        }
        let l = Label::new(
            fit(label, em, label_w),
            (left - s.px(14.0), (y0 + y1) / 2.0),
            em,
            Paint::solid(INK),
        )
        .align(HPos::Right, VPos::Center);
        put(c, &mut boxes, &l)?;
    }
    // $0: where self-hosting and the API cost the same.
    let zero = px(0.0);
    c.path(
        &[Some((zero, plot_top)), Some((zero, plot_bottom))],
        Stroke {
            paint: Paint::solid(MARK),
            width: s.px(2.5).max(1.5),
            dash: None,
        },
    )?;
    // Now: the current gap.
    let now = px(t.gap);
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
    put_if_clear(c, &mut boxes, &zl, [0.0, 0.0, w, plot_top])?;
    let nl = tag(
        format!("now {}/day", money(t.gap, cur)),
        now,
        if t.gap < 0.0 { HPos::Right } else { HPos::Left },
    );
    if !put_if_clear(c, &mut boxes, &nl, [0.0, 0.0, w, plot_top])? {
        let lower = Label {
            y: plot_top - s.px(4.0) - em * 1.3,
            ..nl
        };
        put_if_clear(c, &mut boxes, &lower, [0.0, top, w, plot_top])?;
    }

    // Under the axis: its title, which side favours which, and the legend.
    let y1 = plot_bottom + s.px(8.0) + em * 1.5;
    put(
        c,
        &mut boxes,
        &Label::new(
            format!("{noun} minus API, cost per day ({cur})"),
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
        put(c, &mut boxes, &fl)?;
        put(c, &mut boxes, &fr)?;
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
            &mut boxes,
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
        put(c, &mut boxes, &l)?;
        lx = b[2] + em * 1.2;
    }
    Ok(())
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
    let (w, _) = (f64::from(cw), f64::from(ch));
    let cur = sc.currency.as_str();
    let mut boxes = Boxes::default();
    let horizon = sc.growth.horizon_months.max(2);
    let grows = sc.growth.monthly_rate != 0.0 || !sc.growth.steps.is_empty();
    let title = if grows {
        format!("{}: cumulative cost as traffic grows", sc.name)
    } else {
        format!("{}: cumulative cost over {horizon} months", sc.name)
    };
    let (top, bottom) = frame(c, &mut boxes, &title, footer, s)?;
    let em = s.em(17.0);
    let get = |m: &Month, o: Choice| match o {
        Choice::Api => m.cumulative_api,
        Choice::SelfHost => m.cumulative_self_host,
        Choice::Hybrid => m.cumulative_hybrid,
        Choice::Owned => m.cumulative_owned,
    };
    // The owned fleet's line, when it is offered (docs/MODEL.md §8.1).
    let mut options = OPTIONS.to_vec();
    if t.owned.is_some() {
        options.push(Choice::Owned);
    }
    let max = t
        .months
        .iter()
        .flat_map(|m| options.iter().map(move |&o| get(m, o)))
        .fold(0.0f64, f64::max)
        .max(1.0);
    let yt = nice_ticks(0.0, max * 1.05, 5);
    let ymax = yt.last().copied().unwrap_or(max).max(max * 1.05);
    let tick_w = yt
        .iter()
        .map(|&v| advance(&si_money(v, cur), em))
        .fold(0.0, f64::max);
    let left = s.px(20.0) + em * 1.4 + tick_w + s.px(12.0);
    let right = w - s.px(40.0);
    let plot_top = top + em * 1.6 + s.px(10.0);
    let plot_bottom = bottom - em * 1.5 - em * 1.6 - s.px(10.0);
    let hf = f64::from(horizon);
    let px = |m: f64| left + m / hf * (right - left);
    let py = |v: f64| plot_bottom - v / ymax * (plot_bottom - plot_top);
    let grid = Stroke {
        paint: Paint::solid(INK).alpha(0.1),
        width: 1.0,
        dash: None,
    };
    for &v in &yt {
        c.path(&[Some((left, py(v))), Some((right, py(v)))], grid)?;
        put(
            c,
            &mut boxes,
            &Label::new(
                si_money(v, cur),
                (left - s.px(10.0), py(v)),
                em,
                Paint::solid(INK),
            )
            .align(HPos::Right, VPos::Center),
        )?;
    }
    // Whole months only.
    let xt: Vec<f64> = month_ticks(horizon, if cw >= 1000 { 12 } else { 6 })
        .into_iter()
        .map(f64::from)
        .collect();
    for &m in &xt {
        put(
            c,
            &mut boxes,
            &Label::new(
                format!("{m:.0}"),
                (px(m), plot_bottom + s.px(8.0)),
                em,
                Paint::solid(INK),
            )
            .align(HPos::Center, VPos::Top),
        )?;
    }
    c.path(
        &[
            Some((left, plot_top)),
            Some((left, plot_bottom)),
            Some((right, plot_bottom)),
        ],
        Stroke {
            paint: Paint::solid(INK).alpha(0.7),
            width: 1.0,
            dash: None,
        },
    )?;
    put(
        c,
        &mut boxes,
        &Label::new(
            "month (setup paid at the start)",
            ((left + right) / 2.0, bottom),
            em,
            Paint::solid(INK),
        )
        .align(HPos::Center, VPos::Bottom),
    )?;
    let mut yd = Label::new(
        format!("cumulative cost ({cur})"),
        (s.px(20.0), (plot_top + plot_bottom) / 2.0),
        em,
        Paint::solid(INK),
    )
    .align(HPos::Center, VPos::Top);
    yd.vertical = true;
    put(c, &mut boxes, &yd)?;

    let width = s.px(4.5).max(2.0);
    // An option the constraints exclude is drawn muted and its legend says why (docs/MODEL.md
    // §6.4), as on the cost chart.
    let stroke = |o: Choice| Stroke {
        paint: Paint::solid(palette::series(o)).alpha(if t.allowed.is_allowed(o) {
            1.0
        } else {
            EXCLUDED_ALPHA
        }),
        width,
        dash: palette::dash(o).map(|(a, b)| (s.px(a).max(3.0), s.px(b).max(3.0))),
    };
    for &o in &options {
        // From month 0 (nothing spent yet, or the setup for the local options).
        // From the month the constraints exclude it in (docs/MODEL.md §8.2), muted.
        let until = t.excluded_from(o).unwrap_or(u32::MAX);
        let pts: Vec<Option<(f64, f64)>> = t
            .months
            .iter()
            .filter(|m| m.month <= until)
            .map(|m| Some((px(f64::from(m.month)), py(get(m, o)))))
            .collect();
        c.path(&pts, stroke(o))?;
        if until != u32::MAX {
            let rest: Vec<Option<(f64, f64)>> = t
                .months
                .iter()
                .filter(|m| m.month >= until)
                .map(|m| Some((px(f64::from(m.month)), py(get(m, o)))))
                .collect();
            let muted = Stroke {
                paint: Paint::solid(palette::series(o)).alpha(EXCLUDED_ALPHA),
                ..stroke(o)
            };
            c.path(&rest, muted)?;
        }
    }
    // Legend on top of the plot, each with its own dash.
    let mut lx = left;
    let ly = top + s.px(4.0);
    for &o in &options {
        let sample = em * 2.4;
        c.path(
            &[
                Some((lx, ly + em * 0.45)),
                Some((lx + sample, ly + em * 0.45)),
            ],
            stroke(o),
        )?;
        let l = match t.allowed.exclusion(o) {
            Some(e) => Label::new(
                format!("{} ({})", o.label(), e.reason()),
                (lx + sample + em * 0.5, ly),
                em,
                Paint::solid(MUTED),
            ),
            None => Label::new(
                match t.excluded_from(o) {
                    Some(m) => format!("{} (excluded from month {m})", o.label()),
                    None => o.label().to_string(),
                },
                (lx + sample + em * 0.5, ly),
                em,
                Paint::solid(INK),
            ),
        };
        let b = l.bounds();
        put(c, &mut boxes, &l)?;
        lx = b[2] + em * 1.5;
    }
    if let Some(m) = t.best_switch_month {
        let x = px(f64::from(m));
        c.path(
            &[Some((x, plot_top)), Some((x, plot_bottom))],
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
            horizon
        );
        let l = Label::new(
            text,
            (x + s.px(8.0), plot_top + s.px(6.0)),
            em,
            Paint::solid(MARK),
        )
        .align(HPos::Left, VPos::Top)
        .bold();
        let l = if l.bounds()[2] > right {
            Label {
                x: x - s.px(8.0),
                h: HPos::Right,
                ..l
            }
        } else {
            l
        };
        put(c, &mut boxes, &l)?;
    }
    let start = volume(sc.workload.requests_per_day);
    let end = t
        .months
        .last()
        .map_or(start.clone(), |m| volume(m.requests_per_day));
    let note = if grows {
        format!("{start} → {end} requests/day")
    } else {
        format!("{start} requests/day throughout")
    };
    let l = Label::new(
        note,
        (right - s.px(8.0), plot_bottom - s.px(8.0)),
        em,
        Paint::solid(NOW),
    )
    .align(HPos::Right, VPos::Bottom);
    put_if_clear(c, &mut boxes, &l, [left, plot_top, right, plot_bottom])?;
    Ok(())
}
