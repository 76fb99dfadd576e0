//! What the timeline chart adds to the options' cumulative lines (docs/MODEL.md §8): its
//! message title, the recommended switch drawn as its own path (ending at the saving the
//! annotation states), and the payback month. (The owned fleet's line is in cash: its
//! purchases are its steps.)

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, Label, Paint, Stroke};
use super::page::{put_if_clear, Boxes, Scale};
use super::palette::{self, MARK};
use crate::figures::si_money;
use crate::model::timeline::Timeline;
use crate::model::{Choice, Scenario};

/// The title: the answer first ("switch to self-hosting in month 8, saves about $178k by month
/// 36"; "Self-hosting repays its setup in month 7"), then the plain description to fall back to.
pub fn titles(sc: &Scenario, t: &Timeline, grows: bool) -> Vec<String> {
    let cur = &super::page::currency(sc);
    let h = t.months.len();
    let plain = if grows {
        format!("{}: cumulative cost as traffic grows", sc.name)
    } else {
        format!("{}: cumulative cost over {h} months", sc.name)
    };
    let mut out = Vec::new();
    if let Some(m) = t.best_switch_month {
        out.push(format!(
            "{}: switch{} in month {m}, saves about {} by month {h}",
            sc.name,
            t.switch_phrase(),
            si_money(t.savings_at_horizon, cur)
        ));
    } else if let (Some(n), None) = (t.first_month_repaid, t.api_excluded) {
        out.push(format!(
            "{}: {} repays its setup in month {n}",
            sc.name,
            t.challenger_noun()
        ));
    }
    out.push(plain);
    out
}

/// Every drawn line's points in pixels, densified ([`super::direct::ink_of`]): the options'
/// cumulative lines and the recommended path, for labels to keep clear of.
pub fn ink(
    t: &Timeline,
    lines: &[Vec<f64>],
    path: &[f64],
    plot: &dyn MonthAxes,
) -> Vec<(f64, f64)> {
    let mut polys: Vec<Vec<(f64, f64)>> = lines
        .iter()
        .map(|l| {
            l.iter()
                .zip(&t.months)
                .map(|(&x, m)| plot.at(f64::from(m.month), x))
                .collect()
        })
        .collect();
    polys.push(
        path.iter()
            .enumerate()
            .map(|(i, &x)| plot.at(i as f64 + 1.0, x))
            .collect(),
    );
    super::direct::ink_of(&[], &polys)
}

/// Whether a label's box (grown by `m` px) touches any point of `ink`.
pub fn touches(ink: &[(f64, f64)], b: [f64; 4], m: f64) -> bool {
    ink.iter()
        .any(|&(x, y)| x > b[0] - m && x < b[2] + m && y > b[1] - m && y < b[3] + m)
}

/// A point of the chart: month and money to pixels.
pub trait MonthAxes {
    fn at(&self, month: f64, usd: f64) -> (f64, f64);
    fn area(&self) -> [f64; 4];
}

/// The recommended path's stroke: a wide translucent ink band drawn under the options' lines,
/// so it marks the path without hiding the line it follows.
pub fn path_stroke(s: Scale) -> Stroke {
    Stroke {
        paint: Paint::solid(MARK).alpha(0.22),
        width: s.px(14.0).max(7.0),
        dash: None,
    }
}

/// The recommended switch as its own line: from where it leaves the API's line (the end of the
/// month before the switch) to the horizon, where it ends at the API's total less the saving.
pub fn switch_path_line(
    c: &mut Canvas,
    path: &[f64],
    t: &Timeline,
    plot: &dyn MonthAxes,
    s: Scale,
) -> Result<(), String> {
    let Some(m) = t.best_switch_month else {
        return Ok(());
    };
    let from = m.saturating_sub(1) as usize;
    let start = if from == 0 { 0.0 } else { path[from - 1] };
    let mut pts = vec![Some(plot.at(from as f64, start))];
    pts.extend(
        path.iter()
            .enumerate()
            .skip(from)
            .map(|(i, &x)| Some(plot.at(i as f64 + 1.0, x))),
    );
    c.path(&pts, path_stroke(s))
}

/// The payback: a dot where the challenger's total first falls under the API's, with the month.
pub fn payback_mark(
    c: &mut Canvas,
    boxes: &mut Boxes,
    (t, ink): (&Timeline, &[(f64, f64)]),
    plot: &dyn MonthAxes,
    (em, s): (f64, Scale),
) -> Result<(), String> {
    let Some(n) = t.first_month_repaid.filter(|_| t.api_excluded.is_none()) else {
        return Ok(());
    };
    let Some(m) = t.months.get(n as usize - 1) else {
        return Ok(());
    };
    let total = match t.challenger {
        Choice::Hybrid => m.cumulative_hybrid,
        _ => m.cumulative_self_host,
    };
    let at = plot.at(f64::from(n), total);
    let r = s.px(7.0).max(3.5);
    c.circle(
        at,
        r,
        Some(Paint::solid(palette::series(t.challenger))),
        Some((Paint::solid(palette::WHITE), s.px(2.0).max(1.0))),
    )?;
    let text = format!("{} repaid in month {n}", t.challenger.label());
    let paint = Paint::solid(palette::text_of(t.challenger));
    // Beside the dot, then further off in each direction, wherever no line runs.
    let spots = [1.2, 3.0, 6.0].into_iter().flat_map(|k| {
        [
            (r * 1.6, r * k, HPos::Left, VPos::Top),
            (-r * 1.6, -r * k, HPos::Right, VPos::Bottom),
            (r * 1.6, -r * k, HPos::Left, VPos::Bottom),
            (-r * 1.6, r * k, HPos::Right, VPos::Top),
        ]
    });
    for (dx, dy, h, v) in spots {
        let l = Label::new(text.clone(), (at.0 + dx, at.1 + dy), em, paint).align(h, v);
        if !touches(ink, l.bounds(), 3.0) && put_if_clear(c, boxes, &l, plot.area())? {
            break;
        }
    }
    Ok(())
}

/// The owned cash line's drop in the horizon's month, said where it happens: the servers'
/// book value taken back ("book value back $1.2M", docs/MODEL.md §8.1), beside the line's
/// last step, wherever no line runs.
pub fn book_value_mark(
    c: &mut Canvas,
    boxes: &mut Boxes,
    (t, ink): (&Timeline, &[(f64, f64)]),
    plot: &dyn MonthAxes,
    (em, s, cur): (f64, Scale, &str),
) -> Result<(), String> {
    let (Some(_), [.., before, last]) = (&t.owned, &t.months[..]) else {
        return Ok(());
    };
    let bought: f64 = t.months.iter().map(|m| m.owned_purchase).sum();
    let written_off: f64 = t.months.iter().map(|m| m.owned_depreciation).sum();
    let book = bought - written_off;
    // Only where the line drops: the book value outweighs the month's running cash.
    if book <= 0.0 || last.cumulative_owned_cash >= before.cumulative_owned_cash {
        return Ok(());
    }
    let excluded = !t.allowed.is_allowed(Choice::Owned);
    let paint = Paint::solid(if excluded {
        palette::MUTED
    } else {
        palette::text_of(Choice::Owned)
    });
    let text = format!("book value back {}", si_money(book, cur));
    let top = plot.at(f64::from(before.month), before.cumulative_owned_cash);
    let end = plot.at(f64::from(last.month), last.cumulative_owned_cash);
    let mid = ((top.0 + end.0) / 2.0, (top.1 + end.1) / 2.0);
    let gap = s.px(8.0).max(4.0);
    // Left of the drop, at its middle, then higher or lower and further left (a thin leader
    // then points at the drop), wherever no line runs.
    let ks = [0.0, -1.5, 1.5, -3.0, 3.0, -4.5, 4.5, -6.0, -8.0, -10.0];
    let spots = [0.0, 80.0, 160.0, 240.0, 320.0]
        .into_iter()
        .flat_map(|dx| ks.map(|k| (mid.0 - gap - s.px(dx), mid.1 + k * em)));
    for (x, y) in spots {
        let l = Label::new(text.clone(), (x, y), em, paint).align(HPos::Right, VPos::Center);
        if touches(ink, l.bounds(), 3.0) || !put_if_clear(c, boxes, &l, plot.area())? {
            continue;
        }
        if (mid.0 - gap - x).abs() > 1.0 || (y - mid.1).abs() > em * 1.6 {
            let leader = Stroke {
                paint: paint.alpha(0.6),
                width: 1.0,
                dash: None,
            };
            c.path(
                &[Some((x + gap * 0.3, y)), Some((mid.0 - 2.0, mid.1))],
                leader,
            )?;
        }
        break;
    }
    Ok(())
}
