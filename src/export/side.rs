//! The panel beside the exported cost chart: a legend with a sample of each series' stroke,
//! then the assumptions (prices, GPU, throughput, tokens, engineering) and the verdict.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::chart::{err, stroke_of, ChartInput, Scale, CROSSING, INK, NOW};
use super::font::FAMILY;
use crate::figures::{money, percent, si, volume};
use crate::model::Choice;

/// The legend and the assumptions box.
pub(super) fn draw_side<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &ChartInput,
    s: &Scale,
) -> Result<(), String> {
    let sc = input.scenario;
    let o = input.outcome;
    let cur = sc.currency.as_str();
    let (w, h) = area.dim_in_pixel();
    let pad = s.px(18.0) as i32;
    let font_px = s.font(18.0, 9.0);
    let line_h = (font_px * 1.35) as i32;
    area.draw(&Rectangle::new(
        [(4, pad), (w as i32 - pad / 2, h as i32 - pad)],
        BLACK.mix(0.25).stroke_width(1),
    ))
    .map_err(err)?;
    let x = pad;
    let mut y = pad * 2;
    let bottom = h as i32 - pad - line_h;
    let text =
        |area: &DrawingArea<DB, Shift>, t: String, x: i32, y: i32, bold: bool, c: &RGBColor| {
            let style = if bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            };
            let font = TextStyle::from((FAMILY, font_px, style).into_font()).color(c);
            area.draw(&Text::new(t, (x, y), font)).map_err(err)
        };

    // Legend: a sample of each series' stroke, then its name.
    let sample = (font_px * 2.2) as i32;
    let legend = [
        (format!("API ({})", sc.api.model), Choice::Api),
        (
            format!("Self-host ({})", sc.self_host.model),
            Choice::SelfHost,
        ),
        (
            format!("Hybrid ({} local)", percent(sc.hybrid.local_share)),
            Choice::Hybrid,
        ),
    ];
    for (name, choice) in legend {
        // The same dash as the series, at the legend's size.
        let (c, dash, gap) = stroke_of(choice);
        let mid = y + line_h / 2 - 2;
        let style = c.stroke_width(s.px(4.0).max(2));
        let solid = dash == 0.0;
        let (dash, gap) = (s.px(dash) as i32, s.px(gap) as i32);
        let mut sx = x;
        while sx < x + sample {
            let ex = if solid {
                x + sample
            } else {
                (sx + dash).min(x + sample)
            };
            area.draw(&PathElement::new(vec![(sx, mid), (ex, mid)], style))
                .map_err(err)?;
            sx = ex + gap.max(1);
        }
        text(area, name, x + sample + 8, y, false, &INK)?;
        y += line_h;
    }
    let dot = (font_px / 3.0) as i32;
    area.draw(&Circle::new(
        (x + sample / 2, y + line_h / 2 - 2),
        dot,
        CROSSING.filled(),
    ))
    .map_err(err)?;
    text(area, "crossing".into(), x + sample + 8, y, false, &INK)?;
    y += line_h;
    text(area, "Shading: cheapest option".into(), x, y, false, &NOW)?;
    y += line_h * 3 / 2;

    let b = match o.breakeven_requests_per_day {
        Some(b) => format!("{} req/day", volume(b)),
        None => "never".into(),
    };
    let prices = if sc.prices_as_of.is_empty() {
        "undated".to_string()
    } else {
        sc.prices_as_of.clone()
    };
    let m = |x: f64| money(x, cur);
    let lines: Vec<(String, bool)> = vec![
        (format!("Assumptions (prices {prices})"), true),
        (format!("API {}", sc.api.model), false),
        (
            format!(
                "  {} in · {} out per Mtok",
                m(sc.api.input_per_mtok),
                m(sc.api.output_per_mtok)
            ),
            false,
        ),
        (
            format!(
                "GPU {} × {} per replica",
                sc.self_host.gpu, sc.self_host.gpus_per_replica
            ),
            false,
        ),
        (
            format!("  {} per GPU-hour", m(sc.self_host.gpu_per_hour)),
            false,
        ),
        (format!("{} throughput", sc.self_host.model), false),
        (
            format!(
                "  {} prefill · {} decode tok/s",
                si(sc.self_host.prefill_tokens_per_second),
                si(sc.self_host.decode_tokens_per_second)
            ),
            false,
        ),
        (
            format!(
                "Tokens {} in · {} out per request",
                volume(sc.workload.input_tokens),
                volume(sc.workload.output_tokens)
            ),
            false,
        ),
        (
            format!(
                "Engineering {} h setup · {} h/month",
                volume(sc.engineering.setup_hours),
                volume(sc.engineering.maintenance_hours_per_month)
            ),
            false,
        ),
        (format!("  at {}/h", m(sc.engineering.hourly_rate)), false),
        (String::new(), false),
        (format!("At {} req/day", volume(o.requests_per_day)), true),
        (format!("  API {}/day", m(o.api.usd_per_day)), false),
        (
            format!("  Self-host {}/day", m(o.self_host.usd_per_day)),
            false,
        ),
        (format!("  Hybrid {}/day", m(o.hybrid.usd_per_day)), false),
        (format!("Break-even {b}"), false),
        (
            format!("Verdict: {}", o.recommendation.choice.label()),
            true,
        ),
    ];
    let max_chars = ((f64::from(w) - f64::from(pad) * 2.0) / (font_px * 0.56)).max(8.0) as usize;
    for (t, bold) in lines {
        if y > bottom {
            break;
        }
        let t = if t.chars().count() > max_chars {
            format!("{}…", t.chars().take(max_chars - 1).collect::<String>())
        } else {
            t
        };
        text(area, t, x, y, bold, &INK)?;
        y += line_h;
    }
    Ok(())
}
