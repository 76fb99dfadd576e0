//! The panel beside the exported cost chart: a legend (each series' own stroke, the marks,
//! the shading and the P10–P90 band, only those the chart shows), the assumptions when the
//! canvas is wide enough, and the figures at the current volume with the verdict.

use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{Canvas, Label, Paint, Stroke};
use super::chart::ChartInput;
use super::font::{fit, wrap};
use super::lines::LineSummary;
use super::page::{put, Boxes, Scale};
use super::palette::{self, INK, MARK, MUTED, NOW, WHITE};
use super::shading::Band;
use super::strip::group_crossings;
use crate::figures::{money, si, volume};
use crate::model::Choice;

/// Below this width the panel keeps only the legend and the figures at the current volume.
pub const WIDE: u32 = 1000;

/// One row of the panel: text, indented or not, bold or not, its colour.
struct Row {
    text: String,
    indent: bool,
    bold: bool,
    paint: Paint,
    /// Part of a warning: kept longer than the other assumptions when room is short.
    warning: bool,
}

fn row(text: impl Into<String>) -> Row {
    Row {
        text: text.into(),
        indent: false,
        bold: false,
        paint: Paint::solid(INK),
        warning: false,
    }
}
fn indented(text: impl Into<String>) -> Row {
    Row {
        indent: true,
        ..row(text)
    }
}
/// A warning's `text` in rows at most `width` wide, continuation rows indented.
fn wrapped(text: &str, em: f64, width: f64) -> Vec<Row> {
    wrap(text, em, width - em * 1.2)
        .into_iter()
        .enumerate()
        .map(|(i, l)| Row {
            indent: i > 0,
            warning: true,
            ..row(l)
        })
        .collect()
}

fn heading(text: impl Into<String>) -> Row {
    Row {
        bold: true,
        ..row(text)
    }
}

/// How the panel sets text: size, line height, and the y that no line may pass.
struct Pen {
    em: f64,
    line_h: f64,
    limit: f64,
}

impl Pen {
    /// `text` from `(x, *y)`, wrapped to `width` so that nothing is cut off, one line after
    /// another while room lasts; `*y` moves past the lines set.
    fn wrapped(
        &self,
        c: &mut Canvas,
        boxes: &mut Boxes,
        text: &str,
        (x, width): (f64, f64),
        y: &mut f64,
        paint: Paint,
    ) -> Result<(), String> {
        for part in wrap(text, self.em, width) {
            if *y + self.line_h > self.limit {
                break;
            }
            put(c, boxes, &Label::new(part, (x, *y), self.em, paint))?;
            *y += self.line_h;
        }
        Ok(())
    }
}

/// "≈ Self-host below 81k/day (within 3%)": where a line costs the same as `other`.
pub fn same_text(a: f64, b: f64, other: Choice, (lo, hi): (f64, f64)) -> String {
    let from_start = a <= lo * 1.0001;
    let to_end = b >= hi * 0.9999;
    let name = other.label();
    match (from_start, to_end) {
        (true, true) => format!("≈ {name} everywhere (within 3%)"),
        (true, false) => format!("≈ {name} below {}/day (within 3%)", si(b)),
        (false, true) => format!("≈ {name} above {}/day (within 3%)", si(a)),
        (false, false) => format!("≈ {name} {}–{}/day (within 3%)", si(a), si(b)),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn draw_side(
    c: &mut Canvas,
    boxes: &mut Boxes,
    [l, t, r, b]: [f64; 4],
    input: &ChartInput,
    lines: &[LineSummary],
    bands: &[Band],
    hidden: usize,
    s: Scale,
) -> Result<(), String> {
    let sc = input.scenario;
    let o = input.outcome;
    let cur = sc.currency.as_str();
    let wide = c.size().0 >= WIDE;
    let em = s.em(16.0);
    let line_h = em * 1.5;
    let pad = s.px(16.0).max(6.0);
    c.path(
        &[
            Some((l, t)),
            Some((r, t)),
            Some((r, b)),
            Some((l, b)),
            Some((l, t)),
        ],
        Stroke {
            paint: Paint::solid(INK).alpha(0.25),
            width: 1.0,
            dash: None,
        },
    )?;
    let x = l + pad;
    let text_w = r - x - pad;
    let mut y = t + pad;
    let sample = em * 2.4;
    let room = |y: f64| y + line_h <= b - pad;
    let pen = Pen {
        em,
        line_h,
        limit: b - pad,
    };

    // Legend: a sample of each series' own stroke, then its name.
    for line in lines {
        if !room(y) {
            break;
        }
        let name = match line.choice {
            Choice::Api => format!("API ({})", sc.api.model),
            Choice::SelfHost => format!("Self-host ({})", sc.self_host.model),
            Choice::Hybrid => format!("Hybrid ({})", crate::report::words::hybrid_split(sc)),
            Choice::Owned => format!("Owned ({} GPUs a server)", sc.owned.gpus_per_server),
        };
        let mid = y + em * 0.45;
        c.path(
            &[Some((x, mid)), Some((x + sample, mid))],
            Stroke {
                paint: Paint::solid(palette::series(line.choice)),
                width: s.px(4.5).max(2.0),
                dash: palette::dash(line.choice).map(|(a, g)| (s.px(a).max(3.0), s.px(g).max(3.0))),
            },
        )?;
        let tx = x + sample + em * 0.6;
        put(
            c,
            boxes,
            &Label::new(fit(&name, em, r - pad - tx), (tx, y), em, Paint::solid(INK)),
        )?;
        y += line_h;
        // Muted notes under the name, wrapped to the panel (never cut off), while room lasts.
        let note_w = r - pad - tx;
        let note = |c: &mut Canvas, boxes: &mut Boxes, text: &str, y: &mut f64| {
            pen.wrapped(c, boxes, text, (tx, note_w), y, Paint::solid(MUTED))
        };
        // An option the constraints exclude is drawn muted and says why.
        if let Some(e) = o.allowed.exclusion(line.choice) {
            note(c, boxes, &e.reason(), &mut y)?;
        }
        // Where it costs the same as an earlier option within 3%: the first two stretches by
        // name, the rest counted.
        let n = line.same_as.len();
        let extra = if n > 3 { n - 2 } else { 0 };
        for (k, &(a, bb, other)) in line.same_as.iter().enumerate() {
            if !room(y) || k > 2 {
                break;
            }
            let text = if k == 2 && extra > 0 {
                format!("and in {extra} more stretches")
            } else {
                same_text(
                    a,
                    bb,
                    other,
                    (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day),
                )
            };
            note(c, boxes, &text, &mut y)?;
        }
        if line.zero {
            let text = format!("{}/day: below the axis", money(0.0, cur));
            note(c, boxes, &text, &mut y)?;
        }
    }
    // The fleet envelope, when drawn (docs/MODEL.md §6.10): its own dotted stroke.
    if input.envelope.is_some() && room(y) {
        let mid = y + em * 0.45;
        c.path(
            &[Some((x, mid)), Some((x + sample, mid))],
            Stroke {
                paint: Paint::solid(palette::ENVELOPE),
                width: s.px(3.5).max(2.0),
                dash: Some((s.px(3.0).max(2.0), s.px(4.0).max(2.0))),
            },
        )?;
        let tx = x + sample + em * 0.6;
        pen.wrapped(
            c,
            boxes,
            "Best fleet (cheapest rented GPUs)",
            (tx, r - pad - tx),
            &mut y,
            Paint::solid(INK),
        )?;
    }
    // Marks, only those drawn: a sample, then its name wrapped beside it.
    let tx = x + sample + em * 0.6;
    let name = |c: &mut Canvas, boxes: &mut Boxes, text: &str, y: &mut f64| {
        pen.wrapped(c, boxes, text, (tx, r - pad - tx), y, Paint::solid(INK))
    };
    let r_mark = (em * 0.42).max(3.0);
    let mid = |y: f64| (x + sample / 2.0, y + em * 0.45);
    let be_on_chart = o
        .recommended_breakeven_requests_per_day
        .is_some_and(|v| v >= sc.chart.min_requests_per_day && v <= sc.chart.max_requests_per_day);
    if be_on_chart && room(y) {
        c.circle(
            mid(y),
            r_mark,
            Some(Paint::solid(MARK)),
            Some((Paint::solid(WHITE), 1.5)),
        )?;
        name(c, boxes, o.breakeven_marker(), &mut y)?;
    }
    let groups = group_crossings(&o.crossings);
    let singles = groups.iter().filter(|g| {
        g.count == 1
            && o.recommended_breakeven_requests_per_day
                .is_none_or(|b| (b - g.first).abs() > 1e-9 * b.max(1.0))
    });
    if singles.count() > 0 && room(y) {
        c.circle(
            mid(y),
            r_mark * 0.8,
            Some(Paint::solid(WHITE)),
            Some((Paint::solid(MARK), 1.5)),
        )?;
        name(c, boxes, "crossing", &mut y)?;
    }
    if groups.iter().any(|g| g.count > 1) && room(y) {
        let (mx, my) = mid(y);
        let tick = em * 0.3;
        c.path(
            &[
                Some((mx - sample / 2.0, my + tick)),
                Some((mx - sample / 2.0, my)),
                Some((mx + sample / 2.0, my)),
                Some((mx + sample / 2.0, my + tick)),
            ],
            Stroke {
                paint: Paint::solid(MARK),
                width: 1.5,
                dash: None,
            },
        )?;
        name(c, boxes, "a run of crossings", &mut y)?;
    }
    if room(y) {
        let (mx, my) = mid(y);
        c.path(
            &[Some((mx, my - em * 0.5)), Some((mx, my + em * 0.5))],
            Stroke {
                paint: Paint::solid(NOW),
                width: s.px(2.0).max(1.0),
                dash: Some((3.0, 2.0)),
            },
        )?;
        name(c, boxes, "current volume", &mut y)?;
    }
    // Shading swatches, only the options shaded somewhere.
    let mut shown: Vec<Option<Choice>> = Vec::new();
    for band in bands {
        if !shown.contains(&band.2) {
            shown.push(band.2);
        }
    }
    for choice in shown {
        if !room(y) {
            break;
        }
        let (text, sw) = match choice {
            Some(ch) => (
                format!(
                    "shaded: {} cheapest{}",
                    ch.label(),
                    super::chart::allowed_suffix(input)
                ),
                Some(palette::shade(ch)),
            ),
            None => ("hatched: cheapest alternates".to_string(), None),
        };
        let (sx0, sy0, sx1, sy1) = (x, y - em * 0.1, x + sample, y + em * 1.0);
        match sw {
            Some(col) => c.fill_rect((sx0, sy0), (sx1, sy1), Paint::solid(col))?,
            None => {
                c.fill_rect((sx0, sy0), (sx1, sy1), Paint::solid(WHITE))?;
                for k in 0..3 {
                    let kx = sx0 + (k as f64 + 0.5) * sample / 3.0;
                    c.path(
                        &[Some((kx - em * 0.3, sy1)), Some((kx + em * 0.3, sy0))],
                        Stroke {
                            paint: Paint::solid(MUTED).alpha(0.6),
                            width: 1.0,
                            dash: None,
                        },
                    )?;
                }
            }
        }
        name(c, boxes, &text, &mut y)?;
    }
    if let Some(mc) = input.bands {
        if room(y) {
            c.fill_rect(
                (x, y - em * 0.1),
                (x + sample, y + em),
                Paint::solid(NOW).alpha(0.16),
            )?;
            let text = format!("P10–P90 of {} draws", volume(mc.samples as f64));
            name(c, boxes, &text, &mut y)?;
        }
    }
    if hidden > 0 {
        let text = if hidden == 1 {
            "1 more label left off".to_string()
        } else {
            format!("{hidden} more labels left off")
        };
        pen.wrapped(c, boxes, &text, (x, text_w), &mut y, Paint::solid(MUTED))?;
    }
    y += line_h * 0.4;

    let m = |v: f64| money(v, cur);
    let breakeven = match o.recommended_breakeven_requests_per_day {
        Some(b) => format!("{} {} req/day", o.breakeven_name(), volume(b)),
        None => format!("{}: never", o.breakeven_name()),
    };
    let mut rows: Vec<Row> = Vec::new();
    // Stale or undated prices, where a reader of the chart cannot miss them.
    // Throughput warnings too (above the physical ceiling, past a context window, does not
    // fit, a latency target missed), wrapped: they are sentences.
    let text_w = r - pad - x;
    // The owned fleet's figures that could not follow its GPU from the catalog, as well.
    let owned = crate::model::owned_inputs::warnings(sc);
    let stale = || {
        input
            .stale
            .iter()
            .chain(input.throughput.alerts())
            .chain(&owned)
            .flat_map(|w| wrapped(&format!("Warning: {w}"), em, text_w))
    };
    if wide {
        let prices = if sc.prices_as_of.is_empty() {
            "undated".to_string()
        } else {
            sc.prices_as_of.clone()
        };
        rows.push(heading(format!("Assumptions (prices {prices})")));
        let (prefill, decode) = input.throughput.rates;
        let estimated = input.throughput.estimated().is_some();
        rows.extend(stale());
        rows.extend([
            row(format!("API {}", sc.api.model)),
            indented(format!(
                "{} in · {} out per Mtok",
                m(sc.api.input_per_mtok),
                m(sc.api.output_per_mtok)
            )),
            row(format!(
                "GPU {} × {} per replica",
                sc.self_host.gpu, sc.self_host.gpus_per_replica
            )),
            indented(format!("{} per GPU-hour", m(sc.self_host.gpu_per_hour))),
            row(format!(
                "{} throughput{}",
                sc.self_host.model,
                if estimated { " (estimate)" } else { "" }
            )),
            indented(format!(
                "{} prefill · {} decode tok/s",
                si(prefill),
                si(decode)
            )),
        ]);
        if estimated {
            rows.push(indented(input.throughput.note().0));
        }
        rows.extend([
            row(format!(
                "Tokens {} in · {} out per request",
                volume(sc.workload.input_tokens),
                volume(sc.workload.output_tokens)
            )),
            row(format!(
                "Engineering {} h setup · {} h/month",
                volume(sc.engineering.setup_hours),
                volume(sc.engineering.maintenance_hours_per_month)
            )),
            indented(format!("at {}/h", m(sc.engineering.hourly_rate))),
            row(""),
        ]);
    } else {
        rows.extend(stale());
    }
    let assumptions = rows.len();
    rows.extend([
        heading(format!("At {} req/day", volume(o.requests_per_day))),
        indented(format!("API {}/day", m(o.api.usd_per_day))),
        indented(format!("Self-host {}/day", m(o.self_host.usd_per_day))),
        indented(format!("Hybrid {}/day", m(o.hybrid.usd_per_day))),
    ]);
    if o.owned_enabled {
        // The owned fleet is a fourth option (docs/MODEL.md §6.9): its figure too.
        rows.push(indented(format!("Owned {}/day", m(o.owned.usd_per_day))));
    }
    rows.extend([
        row(breakeven),
        heading(format!(
            "Verdict: {}",
            crate::wording::verdict(o.recommendation.choice)
        )),
    ]);
    // The verdict must show: when space is short, drop assumptions from the top, then the
    // warnings from their end.
    let fits = ((b - pad - y) / line_h).floor().max(0.0) as usize;
    let mut excess = rows.len().saturating_sub(fits);
    let mut shown = vec![true; rows.len()];
    // First the plain assumptions, each with its indented lines, from the top; then the
    // warnings from their end; then the heading.
    let mut i = 0;
    while excess > 0 && i < assumptions {
        if !rows[i].warning && !rows[i].bold {
            shown[i] = false;
            excess -= 1;
            while i + 1 < assumptions && rows[i + 1].indent && !rows[i + 1].warning {
                i += 1;
                shown[i] = false;
                excess = excess.saturating_sub(1);
            }
        }
        i += 1;
    }
    for i in (0..assumptions).rev() {
        if excess > 0 && shown[i] {
            shown[i] = false;
            excess -= 1;
        }
    }
    // A wrapped warning is shown whole or not at all: its first line alone
    // ("Warning: owned.gpu_purchase_price:") says nothing.
    let mut start = 0;
    while start < assumptions {
        let mut end = start + 1;
        if rows[start].warning {
            while end < assumptions && rows[end].warning && rows[end].indent {
                end += 1;
            }
            if shown[start..end].contains(&false) {
                shown[start..end].fill(false);
            }
        }
        start = end;
    }
    let rows: Vec<Row> = rows
        .into_iter()
        .zip(shown)
        .filter_map(|(rw, s)| s.then_some(rw))
        .collect();
    for rw in rows.into_iter().skip(excess) {
        if !room(y) {
            break;
        }
        if !rw.text.is_empty() {
            let rx = if rw.indent { x + em * 1.2 } else { x };
            let label = Label {
                bold: rw.bold,
                ..Label::new(fit(&rw.text, em, r - pad - rx), (rx, y), em, rw.paint)
                    .align(HPos::Left, VPos::Top)
            };
            put(c, boxes, &label)?;
        }
        y += line_h;
    }
    Ok(())
}
