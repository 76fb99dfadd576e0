//! Export charts for the sensitivity tornado and the growth timeline, in the same style as
//! the cost chart (title, scaled fonts, footer).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::chart::{draw_option, err, frame, Scale, API, BREAKEVEN, HYBRID, INK, NOW};
use super::font::FAMILY;
use crate::figures::{money, si_money, volume};
use crate::model::fields;
use crate::model::sensitivity::Sensitivity;
use crate::model::timeline::Timeline;
use crate::model::Choice;
use crate::model::Scenario;

/// The tornado: each input's low and high effect on the daily gap (self-host − API).
pub fn draw_tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    sc: &Scenario,
    t: &Sensitivity,
    footer: &str,
) -> Result<(), String> {
    let s = Scale::for_area(root);
    let cur = sc.currency.as_str();
    let title = format!(
        "{}: what moves the gap between self-hosting and the API",
        sc.name
    );
    let body = frame(root, &title, footer, &s)?;
    let shown: Vec<_> = t
        .swings
        .iter()
        .filter(|x| x.impact() > 0.0)
        .take(14)
        .collect();
    let n = shown.len().max(1);
    let reach = shown
        .iter()
        .flat_map(|x| [(x.gap_low - t.gap).abs(), (x.gap_high - t.gap).abs()])
        .fold(0.0f64, f64::max)
        .max(1e-9)
        * 1.15;
    let (xlo, xhi) = (t.gap - reach, t.gap + reach);
    let mut chart = ChartBuilder::on(&body)
        .margin(s.px(20.0))
        .margin_right(s.px(40.0))
        .x_label_area_size(s.px(80.0).max(28))
        .y_label_area_size(s.px(300.0).max(90))
        .build_cartesian_2d(xlo..xhi, 0.0..n as f64)
        .map_err(err)?;
    let x_fmt = |x: &f64| money(*x, cur);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(7)
        .x_label_formatter(&x_fmt)
        .x_desc(format!(
            "self-hosting minus API, cost per day ({cur}); now {}",
            money(t.gap, cur)
        ))
        .label_style((FAMILY, s.font(18.0, 9.0)).into_font().color(&INK))
        .axis_desc_style((FAMILY, s.font(22.0, 11.0)).into_font().color(&INK))
        .bold_line_style(BLACK.mix(0.08))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    for (i, x) in shown.iter().enumerate() {
        let y0 = (n - 1 - i) as f64 + 0.18;
        let y1 = y0 + 0.64;
        for (gap, c) in [(x.gap_low, API), (x.gap_high, HYBRID)] {
            let (a, b) = if gap < t.gap {
                (gap, t.gap)
            } else {
                (t.gap, gap)
            };
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(a, y0), (b, y1)],
                    c.mix(0.85).filled(),
                )))
                .map_err(err)?;
        }
        let label = fields::field(x.key).map_or(x.key.to_string(), |f| {
            format!(
                "{} {} → {}",
                f.label,
                crate::figures::num(x.low),
                crate::figures::num(x.high)
            )
        });
        let (px, py) = chart.backend_coord(&(xlo, (y0 + y1) / 2.0));
        let style = TextStyle::from((FAMILY, s.font(18.0, 9.0)).into_font())
            .color(&INK)
            .pos(Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new(label, (px - s.px(12.0) as i32, py), style))
            .map_err(err)?;
    }
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(t.gap, 0.0), (t.gap, n as f64)],
            INK.stroke_width(s.px(2.0)),
        )))
        .map_err(err)?;
    // Legend under the axis title, clear of the bars.
    let (_, base) = chart.backend_coord(&(xlo, 0.0));
    let (rx, _) = chart.backend_coord(&(xhi, 0.0));
    let legend = TextStyle::from((FAMILY, s.font(18.0, 9.0)).into_font())
        .pos(Pos::new(HPos::Right, VPos::Top));
    let y = base + s.px(70.0) as i32;
    root.draw(&Text::new("■ input high", (rx, y), legend.color(&HYBRID)))
        .map_err(err)?;
    root.draw(&Text::new(
        "■ input low",
        (rx - s.px(150.0) as i32, y),
        legend.color(&API),
    ))
    .map_err(err)?;
    Ok(())
}

/// The timeline: cumulative cost per option, month by month, and the best month to switch.
pub fn draw_timeline<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    sc: &Scenario,
    t: &Timeline,
    footer: &str,
) -> Result<(), String> {
    let s = Scale::for_area(root);
    let cur = sc.currency.as_str();
    let title = format!("{}: cumulative cost as traffic grows", sc.name);
    let body = frame(root, &title, footer, &s)?;
    let horizon = f64::from(sc.growth.horizon_months.max(2));
    let max = t
        .months
        .iter()
        .flat_map(|m| {
            [
                m.cumulative_api,
                m.cumulative_self_host,
                m.cumulative_hybrid,
            ]
        })
        .fold(0.0f64, f64::max)
        .max(1.0)
        * 1.25;
    let mut chart = ChartBuilder::on(&body)
        .margin(s.px(20.0))
        .margin_right(s.px(40.0))
        .x_label_area_size(s.px(80.0).max(28))
        .y_label_area_size(s.px(120.0).max(44))
        .build_cartesian_2d(1.0..horizon, 0.0..max)
        .map_err(err)?;
    let y_fmt = |y: &f64| si_money(*y, cur);
    let x_fmt = |x: &f64| format!("{x:.0}");
    chart
        .configure_mesh()
        .x_desc("month")
        .y_desc(format!("cumulative cost ({cur}), setup paid at the start"))
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .label_style((FAMILY, s.font(18.0, 9.0)).into_font().color(&INK))
        .axis_desc_style((FAMILY, s.font(22.0, 11.0)).into_font().color(&INK))
        .bold_line_style(BLACK.mix(0.08))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    let pts = |f: fn(&crate::model::timeline::Month) -> f64| -> Vec<(f64, f64)> {
        t.months
            .iter()
            .map(|m| (f64::from(m.month), f(m)))
            .collect()
    };
    draw_option(
        &mut chart,
        pts(|m| m.cumulative_api),
        Choice::Api,
        &s,
        Some("API"),
    )?;
    draw_option(
        &mut chart,
        pts(|m| m.cumulative_self_host),
        Choice::SelfHost,
        &s,
        Some("Self-host"),
    )?;
    draw_option(
        &mut chart,
        pts(|m| m.cumulative_hybrid),
        Choice::Hybrid,
        &s,
        Some("Hybrid"),
    )?;
    if let Some(m) = t.best_switch_month {
        let x = f64::from(m);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(x, 0.0), (x, max / 1.25)],
                s.px(6.0),
                s.px(6.0),
                BREAKEVEN.stroke_width(s.px(2.0)),
            ))
            .map_err(err)?;
        let (px, py) = chart.backend_coord(&(x, max / 1.22));
        let style = TextStyle::from((FAMILY, s.font(19.0, 9.0)).into_font())
            .color(&BREAKEVEN)
            .pos(Pos::new(HPos::Left, VPos::Bottom));
        let text = format!(
            "switch in month {m}: saves {} by month {}",
            money(t.savings_at_horizon, cur),
            sc.growth.horizon_months
        );
        root.draw(&Text::new(text, (px + 6, py), style))
            .map_err(err)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .label_font((FAMILY, s.font(18.0, 9.0)).into_font().color(&INK))
        .draw()
        .map_err(err)?;
    let start = volume(sc.workload.requests_per_day);
    let end = t
        .months
        .last()
        .map_or(start.clone(), |m| volume(m.requests_per_day));
    let (px, py) = chart.backend_coord(&(horizon, 0.0));
    let style = TextStyle::from((FAMILY, s.font(18.0, 9.0)).into_font())
        .color(&NOW)
        .pos(Pos::new(HPos::Right, VPos::Bottom));
    root.draw(&Text::new(
        format!("{start} → {end} requests/day"),
        (px - 8, py - 8),
        style,
    ))
    .map_err(err)?;
    Ok(())
}
