//! The panel beside the exported cost chart: a legend (each series' own stroke, the marks,
//! the shading and the P10–P90 band, only those the chart shows), the assumptions that fit
//! (export/assumptions.rs: the prices stay, a footnote under the chart keeps them when even
//! they do not fit), and the figures at the current volume with the verdict.

use plotters::style::text_anchor::{HPos, VPos};

use super::assumptions::{assumption_rows, choose, footnote, heading, indented, row, Keep, Row};
use super::canvas::{Canvas, Label, Paint, Stroke};
use super::chart::ChartInput;
use super::font::{fit, wrap};
use super::lines::LineSummary;
use super::page::{put, Boxes, Scale};
use super::palette::{self, INK, MARK, MUTED, NOW, WHITE};
use super::shading::{Band, Shade};
use super::strip::group_crossings;
use crate::figures::{money, si, volume};
use crate::model::Choice;

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

/// The panel's box and text column: where text starts, its right edge, the padding, text
/// size, line height, the legend's sample width, and the y no line may pass.
struct Panel {
    x: f64,
    r: f64,
    pad: f64,
    em: f64,
    line_h: f64,
    sample: f64,
    limit: f64,
}

impl Panel {
    fn room(&self, y: f64) -> bool {
        y + self.line_h <= self.limit
    }
    fn pen(&self) -> Pen {
        Pen {
            em: self.em,
            line_h: self.line_h,
            limit: self.limit,
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn draw_side(
    c: &mut Canvas,
    boxes: &mut Boxes,
    [l, t, r, b]: [f64; 4],
    input: &ChartInput,
    lines: &[LineSummary],
    (bands, crossings): (&[Band], &super::chart::Crossings),
    hidden: usize,
    s: Scale,
) -> Result<(), String> {
    let em = s.em(16.0);
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
    let p = Panel {
        x: l + pad,
        r,
        pad,
        em,
        line_h: em * 1.5,
        sample: em * 2.4,
        limit: b - pad,
    };
    let mut y = t + pad;
    // The legends stop short of the room the figures and the verdict need (and a "+N lines
    // left off" row): those always show, at every size.
    let reserve = (figure_rows(input, &p).len() as f64 + 1.4) * p.line_h;
    let legend = Panel {
        limit: (p.limit - reserve).max(y),
        ..p
    };
    series_legend(c, boxes, &legend, input, lines, &mut y, s)?;
    // The bands before the marks and the shading (which the plot's own labels name too).
    band_legend(c, boxes, &legend, input, &mut y, s)?;
    marks_legend(
        c,
        boxes,
        &legend,
        input,
        (bands, crossings),
        hidden,
        &mut y,
        s,
    )?;
    y += p.line_h * 0.4;
    let chosen = figures_and_assumptions(c, boxes, &p, input, y)?;
    if !chosen {
        price_footnote(c, boxes, input, s)?;
    }
    Ok(())
}

/// The muted notes under a series' name: why the constraints exclude it, where it costs the
/// same as an earlier option within 3% (the first two stretches by name, the rest counted),
/// a $0 cost.
fn line_notes(line: &LineSummary, input: &ChartInput) -> Vec<String> {
    let sc = input.scenario;
    let mut out = Vec::new();
    if let Some(e) = input.outcome.allowed.exclusion(line.choice) {
        out.push(e.reason());
    }
    let n = line.same_as.len();
    let extra = if n > 3 { n - 2 } else { 0 };
    for (k, &(a, b, other)) in line.same_as.iter().enumerate().take(3) {
        out.push(if k == 2 && extra > 0 {
            format!("and in {extra} more stretches")
        } else {
            same_text(a, b, other, input.volumes())
        });
    }
    if line.zero {
        out.push(format!(
            "{}/day: below the axis",
            money(0.0, &super::page::currency(sc))
        ));
    }
    out
}

/// Legend: a sample of each series' own stroke, then its name and notes; the fleet envelope.
fn series_legend(
    c: &mut Canvas,
    boxes: &mut Boxes,
    p: &Panel,
    input: &ChartInput,
    lines: &[LineSummary],
    y_out: &mut f64,
    s: Scale,
) -> Result<(), String> {
    let mut y = *y_out;
    let sc = input.scenario;
    let (x, r, pad, em, sample) = (p.x, p.r, p.pad, p.em, p.sample);
    let pen = p.pen();
    let room = |y: f64| p.room(y);

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
        // The name wrapped (a long model name is never cut off).
        pen.wrapped(
            c,
            boxes,
            &name,
            (tx, r - pad - tx),
            &mut y,
            Paint::solid(INK),
        )?;
        // Muted notes under the name, wrapped to the panel (never cut off), while room lasts.
        let note_w = r - pad - tx;
        let note = |c: &mut Canvas, boxes: &mut Boxes, text: &str, y: &mut f64| {
            pen.wrapped(c, boxes, text, (tx, note_w), y, Paint::solid(MUTED))
        };
        for text in line_notes(line, input) {
            if !room(y) {
                break;
            }
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
    *y_out = y;
    Ok(())
}

/// The marks, only those drawn (a sample, then its name wrapped beside it), the shading's
/// swatches, the band's, and how many strip labels were left off.
#[allow(clippy::too_many_arguments)]
fn marks_legend(
    c: &mut Canvas,
    boxes: &mut Boxes,
    p: &Panel,
    input: &ChartInput,
    (bands, crossings): (&[Band], &super::chart::Crossings),
    hidden: usize,
    y_out: &mut f64,
    s: Scale,
) -> Result<(), String> {
    let mut y = *y_out;
    let sc = input.scenario;
    let o = input.outcome;
    let (x, r, pad, em, sample) = (p.x, p.r, p.pad, p.em, p.sample);
    let pen = p.pen();
    let room = |y: f64| p.room(y);

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
    // The crossings the plot marks: the shading's, the ones a bracket spans too.
    let groups = &crossings.shaded.groups;
    let singles = crossings
        .shaded
        .singles(o.recommended_breakeven_requests_per_day);
    if !singles.is_empty() && room(y) {
        c.circle(
            mid(y),
            r_mark * 0.8,
            Some(Paint::solid(WHITE)),
            Some((Paint::solid(MARK), 1.5)),
        )?;
        name(c, boxes, "crossing", &mut y)?;
    }
    if group_crossings(&crossings.fleet)
        .iter()
        .any(|g| g.count == 1)
        && room(y)
    {
        c.circle(
            mid(y),
            r_mark * 0.8,
            Some(Paint::solid(WHITE)),
            Some((Paint::solid(palette::ENVELOPE), 1.5)),
        )?;
        name(c, boxes, "Best fleet = API", &mut y)?;
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
    swatch_legend(c, boxes, p, input, bands, hidden, &mut y)?;
    *y_out = y;
    Ok(())
}

/// The shading's swatches (only the options shaded somewhere), the band's, and how many strip
/// labels were left off.
fn swatch_legend(
    c: &mut Canvas,
    boxes: &mut Boxes,
    p: &Panel,
    input: &ChartInput,
    bands: &[Band],
    hidden: usize,
    y: &mut f64,
) -> Result<(), String> {
    let (x, r, pad, em, sample) = (p.x, p.r, p.pad, p.em, p.sample);
    let text_w = r - x - pad;
    let pen = p.pen();
    let tx = x + sample + em * 0.6;
    let name = |c: &mut Canvas, boxes: &mut Boxes, text: &str, y: &mut f64| {
        pen.wrapped(c, boxes, text, (tx, r - pad - tx), y, Paint::solid(INK))
    };
    // Shading swatches, only the options shaded somewhere.
    let mut shown: Vec<Shade> = Vec::new();
    for band in bands {
        if !shown.contains(&band.2) {
            shown.push(band.2);
        }
    }
    for choice in shown {
        // The swatch says "shaded"; the words say for what.
        let suffix = super::chart::allowed_suffix(input);
        let (text, sw) = match choice {
            Shade::Cheapest(ch) => (
                format!("{} cheapest{suffix}", ch.label()),
                Some(palette::shade(ch)),
            ),
            Shade::Fleet => (
                format!("Best fleet cheapest{suffix}"),
                Some(palette::ENVELOPE_SHADE),
            ),
            Shade::Alternates => ("cheapest alternates".to_string(), None),
        };
        // A whole entry or none: never a swatch with half its words.
        let rows = wrap(&text, em, r - pad - tx).len().max(1) as f64;
        if *y + rows * p.line_h > p.limit {
            break;
        }
        let (sx0, sy0, sx1, sy1) = (x, *y - em * 0.1, x + sample, *y + em * 1.0);
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
        name(c, boxes, &text, y)?;
    }
    if hidden > 0 {
        let text = if hidden == 1 {
            "1 more label left off".to_string()
        } else {
            format!("{hidden} more labels left off")
        };
        pen.wrapped(c, boxes, &text, (x, text_w), y, Paint::solid(MUTED))?;
    }
    Ok(())
}

/// The bands' swatch, in their own colours: a strip of each option's band tint.
fn band_legend(
    c: &mut Canvas,
    boxes: &mut Boxes,
    p: &Panel,
    input: &ChartInput,
    y: &mut f64,
    s: Scale,
) -> Result<(), String> {
    let (x, r, pad, em, sample) = (p.x, p.r, p.pad, p.em, p.sample);
    let pen = p.pen();
    let tx = x + sample + em * 0.6;
    let name = |c: &mut Canvas, boxes: &mut Boxes, text: &str, y: &mut f64| {
        pen.wrapped(c, boxes, text, (tx, r - pad - tx), y, Paint::solid(INK))
    };
    if let Some(mc) = input.bands {
        // The longest wording on one row, else the shortest wrapped.
        let n = volume(mc.samples as f64);
        let texts = [
            format!("P10–P90 and median (thin) of {n} draws"),
            format!("P10–P90, median: {n} draws"),
        ];
        let one_row = |t: &&String| wrap(t, em, r - pad - tx).len() <= 1;
        let text = texts.iter().find(one_row).unwrap_or(&texts[1]).clone();
        let rows = wrap(&text, em, r - pad - tx).len().max(1) as f64;
        if *y + rows * p.line_h <= p.limit {
            // The swatch in the bands' own colours: a strip of each option's band tint, its
            // median across it as the plot draws it.
            let bands = super::chart::band_quantiles(input);
            let n = bands.len().max(1) as f64;
            for (i, &(choice, _)) in bands.iter().enumerate() {
                let (x0, x1) = (x + sample * i as f64 / n, x + sample * (i + 1) as f64 / n);
                c.fill_rect(
                    (x0, *y - em * 0.1),
                    (x1, *y + em),
                    Paint::solid(palette::series(choice)).alpha(0.16),
                )?;
                let mid = *y + em * 0.45;
                c.path(
                    &[Some((x0, mid)), Some((x1, mid))],
                    super::chart::median_stroke(choice, s),
                )?;
            }
            name(c, boxes, &text, y)?;
        }
    }
    Ok(())
}

/// The figures at the current volume, the break-even and the verdict (wrapped), always shown.
fn figure_rows(input: &ChartInput, p: &Panel) -> Vec<Row> {
    let o = input.outcome;
    let cur = super::page::currency(input.scenario);
    let m = |v: f64| money(v, &cur);
    // The break-even names its pair's challenger ("Self-host break-even", against the API),
    // so it is never read as the owned fleet's, which has none of its own.
    let marker = o.breakeven_marker();
    let name = crate::wording::capitalised(marker);
    let breakeven = match o.recommended_breakeven_requests_per_day {
        Some(b) => format!("{name} {} req/day", volume(b)),
        // "Self-host never breaks even" (against the API, as the marker's name says).
        None => format!("{} never breaks even", o.breakeven_option().label()),
    };
    let text_w = p.r - p.pad - p.x;
    // Too long for a row ("Self-host break-even 1,814,521 req/day" at 800×450): the figure
    // goes on an indented row of its own.
    let one_row = super::font::advance(&breakeven, p.em) <= text_w;
    let split = breakeven
        .find(" break-even")
        .map(|at| at + " break-even".len());
    let breakeven_rows = match (one_row, o.recommended_breakeven_requests_per_day, split) {
        (false, Some(b), Some(at)) => vec![
            row(Keep::Always, &breakeven[..at]),
            indented(Keep::Always, format!("{} req/day", volume(b))),
        ],
        _ => vec![row(Keep::Always, breakeven)],
    };
    let mut figures = vec![
        heading(
            Keep::Always,
            format!("At {} req/day", volume(o.requests_per_day)),
        ),
        indented(Keep::Always, format!("API {}/day", m(o.api.usd_per_day))),
        indented(
            Keep::Always,
            format!("Self-host {}/day", m(o.self_host.usd_per_day)),
        ),
        indented(
            Keep::Always,
            format!("Hybrid {}/day", m(o.hybrid.usd_per_day)),
        ),
    ];
    if o.owned_enabled {
        // The owned fleet is a fourth option (docs/MODEL.md §6.9): its figure too.
        figures.push(indented(
            Keep::Always,
            format!("Owned {}/day", m(o.owned.usd_per_day)),
        ));
    }
    // The fleet envelope, when drawn: its cost at the current volume and how it stands
    // against the API's there, so the dotted line under or over the API's is said in words
    // beside the verdict; off the chart's range, its cost at the nearest end, unrelated.
    let now = o.requests_per_day;
    let nearest = input.envelope.and_then(|e| {
        e.iter()
            .filter(|(v, _)| *v > 0.0)
            .min_by(|a, b| (a.0 / now).ln().abs().total_cmp(&(b.0 / now).ln().abs()))
    });
    let at_now = input
        .envelope
        .and_then(|e| super::envelope::cost_at(e, now));
    let api = o.api.usd_per_day;
    let relation = match at_now {
        Some(e) if e < api => ", under the API",
        Some(e) if e > api => ", over the API",
        _ => "",
    };
    if let Some(cost) = at_now.or(nearest.map(|p| p.1)) {
        figures.push(indented(
            Keep::Always,
            format!("Best fleet {}/day{relation}", m(cost)),
        ));
    }
    figures.extend(breakeven_rows);
    // The verdict wraps ("None of the options can serve these requests" is long), measured
    // with room to spare: the bold face runs wider than the regular one `wrap` measures.
    let verdict = format!(
        "Verdict: {}",
        crate::wording::verdict(o.recommendation.choice)
    );
    let lines = wrap(&verdict, p.em, (text_w - p.em * 1.2) * 0.88);
    figures.extend(lines.into_iter().enumerate().map(|(i, l)| Row {
        indent: i > 0,
        ..heading(Keep::Always, l)
    }));
    figures
}

/// The figures at the current volume and the verdict, always, and above them the assumptions
/// that fit (docs: export/assumptions.rs); false when the API's and GPU's prices did not.
fn figures_and_assumptions(
    c: &mut Canvas,
    boxes: &mut Boxes,
    p: &Panel,
    input: &ChartInput,
    mut y: f64,
) -> Result<bool, String> {
    let (x, em) = (p.x, p.em);
    let figures = figure_rows(input, p);
    let text_w = p.r - p.pad - x;
    let fits = ((p.limit - y) / p.line_h).floor().max(0.0) as usize;
    // The "+N lines left off: …" note wraps (indented) rather than losing what it names.
    let wrap_note = |t: &str| wrap(t, em, text_w - em * 1.2);
    let chosen = choose(
        assumption_rows(input, em, text_w),
        figures,
        fits,
        &wrap_note,
    );
    for rw in chosen.rows {
        if !p.room(y) {
            break;
        }
        if !rw.text.is_empty() {
            let rx = if rw.indent { x + em * 1.2 } else { x };
            let label = Label {
                bold: rw.bold,
                ..Label::new(fit(&rw.text, em, p.r - p.pad - rx), (rx, y), em, rw.paint)
                    .align(HPos::Left, VPos::Top)
            };
            put(c, boxes, &label)?;
        }
        y += p.line_h;
    }
    Ok(chosen.prices_shown)
}

/// The key prices in one line at the bottom left, beside the footer, for a panel that had no
/// room for them.
fn price_footnote(
    c: &mut Canvas,
    boxes: &mut Boxes,
    input: &ChartInput,
    s: Scale,
) -> Result<(), String> {
    let (w, h) = c.size();
    let (w, h) = (f64::from(w), f64::from(h));
    let em = s.em(14.0);
    let footer_w = super::font::advance(&input.footer, em);
    let left = s.px(16.0);
    let room = w - s.px(16.0) - footer_w - em * 1.5 - left;
    // The longest that fits: with the date and names, without the date, then the prices alone.
    let notes = footnote(input);
    let text = notes
        .iter()
        .find(|t| super::font::advance(t, em) <= room)
        .cloned()
        .unwrap_or_else(|| fit(notes.last().map_or("", String::as_str), em, room));
    if text.is_empty() {
        return Ok(());
    }
    let y = h - s.px(12.0).max(4.0);
    put(
        c,
        boxes,
        &Label::new(text, (left, y), em, Paint::solid(NOW)).align(HPos::Left, VPos::Bottom),
    )
}
