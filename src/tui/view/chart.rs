//! The chart panel: daily cost against daily volume on log–log axes, with the API line, the
//! self-hosting staircase, the hybrid, each crossing, the break-even and the current volume.
//!
//! ratatui has no log axis: data goes through log10 and the ticks are labelled by decade.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType};
use ratatui::Frame;

use crate::figures::{percent, saturating_log10, si, si_money};
use crate::model::Choice;
use crate::tui::app::{App, Tab};

/// `count` evenly spaced tick labels from 10^lo to 10^hi, fewer when space is short; whole
/// decades when the range spans whole decades.
pub fn decade_ticks(
    lo: f64,
    hi: f64,
    cells: u16,
    cell_per_label: u16,
    money: Option<&str>,
) -> Vec<String> {
    let max_labels = (cells / cell_per_label.max(1)).max(2) as usize;
    let span = hi - lo;
    let decades = span.round() as usize;
    let whole = (span - decades as f64).abs() < 1e-9 && lo.fract().abs() < 1e-9 && decades > 0;
    let intervals = if whole {
        (1..=decades)
            .rev()
            .find(|d| decades % d == 0 && *d < max_labels)
            .unwrap_or(1)
    } else {
        1.max((max_labels - 1).min(2))
    };
    (0..=intervals)
        .map(|i| {
            let x = 10f64.powf(lo + span * i as f64 / intervals as f64);
            let x = if whole && x >= 1.0 {
                x.round()
            } else {
                round_sig(x)
            };
            match money {
                Some(cur) => si_money(x, cur),
                None => si(x),
            }
        })
        .collect()
}

fn round_sig(x: f64) -> f64 {
    if x <= 0.0 {
        return x;
    }
    let mag = 10f64.powf(x.log10().floor() - 1.0);
    (x / mag).round() * mag
}

/// The chart panel for the current tab.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    match app.tab {
        Tab::Costs => costs(frame, app, area),
        Tab::Sensitivity => super::tornado::render(frame, app, area),
        Tab::Timeline => super::timeline::render(frame, app, area),
        Tab::Fleet => super::fleet::render(frame, app, area),
    }
}

/// The tab bar, for the panel's top border.
pub fn tabs_line(app: &App) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, tab) in Tab::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" │ ", app.theme.dim()));
        }
        let style = if *tab == app.tab {
            app.theme.selected()
        } else {
            app.theme.dim()
        };
        spans.push(Span::styled(tab.name(), style));
    }
    spans.push(Span::styled("  (Tab) ", app.theme.dim()));
    Line::from(spans)
}

/// The Costs tab: the options' daily cost against volume, with the Monte Carlo bands, the
/// markers, and the legend and crossing note in the panel's bottom border.
fn costs(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let sc = &app.scenario;
    let cur = sc.currency.as_str();
    let (xlo, xhi) = (
        sc.chart.min_requests_per_day.log10(),
        sc.chart.max_requests_per_day.log10(),
    );
    let s = Series::of(app);
    let (legend, note) = legend(app, &s, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(tabs_line(app))
        .title_bottom(legend)
        .title_bottom(Line::from(note).right_aligned());
    let inner = block.inner(area);
    let x_labels = decade_ticks(xlo, xhi, inner.width.saturating_sub(8), 5, None);
    let y_labels = decade_ticks(s.ylo, s.yhi, inner.height.saturating_sub(2), 2, Some(cur));
    // ratatui spreads x labels by width / count, off their values by several columns; the
    // axis gets empty labels (which keep its row) and the real ones are set at their columns.
    let chart = Chart::new(datasets(app, &s))
        .block(block)
        .x_axis(
            Axis::default()
                .title("req/day")
                .bounds([xlo, xhi])
                .labels(vec![String::new(), String::new()])
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .title(format!("{cur}/day"))
                .bounds([s.ylo, s.yhi])
                .labels(y_labels.clone())
                .style(t.dim()),
        )
        .legend_position(None)
        .style(Style::default());
    frame.render_widget(chart, area);
    let buf = frame.buffer_mut();
    for (x, text) in x_label_columns(inner, &y_labels, &x_labels) {
        buf.set_string(x, inner.bottom().saturating_sub(1), text, t.dim());
    }
}

/// A band's two edges (P10, P90) and its colour.
type Band = (Vec<(f64, f64)>, Vec<(f64, f64)>, Style);

/// What the Costs tab plots, in log10 coordinates: the cost axis's decades, each option's
/// line, the markers and the Monte Carlo bands.
struct Series {
    ylo: f64,
    yhi: f64,
    api: Vec<(f64, f64)>,
    self_host: Vec<(f64, f64)>,
    hybrid: Vec<(f64, f64)>,
    /// The owned fleet (docs/MODEL.md §6.9), when buying is offered.
    owned: Vec<(f64, f64)>,
    /// The best self-hosting configuration at each volume, when asked for (`b`).
    envelope: Vec<(f64, f64)>,
    crossings: Vec<(f64, f64)>,
    now: Vec<(f64, f64)>,
    /// The recommended option's break-even against the API (docs/MODEL.md §6.4).
    breakeven: Vec<(f64, f64)>,
    /// P10 and P90 of each cost, when Monte Carlo bands are in.
    bands: Vec<Band>,
}

impl Series {
    fn of(app: &App) -> Series {
        let sc = &app.scenario;
        let o = &app.outcome;
        let (vmin, vmax) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
        let owned_costs: Vec<(f64, f64)> = if o.owned_enabled {
            app.curve
                .iter()
                .map(|p| {
                    let v = p.requests_per_day;
                    (v, o.owned_rates.cost(&o.rates, v).usd_per_day)
                })
                .collect()
        } else {
            Vec::new()
        };
        let envelope_costs: &[(f64, f64)] = app.fleet.envelope().unwrap_or_default();
        let (ylo, yhi) = cost_decades(app, &owned_costs, envelope_costs);
        // Each volume's logarithm once for the three lines (a staircase curve has thousands of
        // points).
        let xs: Vec<f64> = app
            .curve
            .iter()
            .map(|p| p.requests_per_day.log10())
            .collect();
        let pts = |f: &dyn Fn(&crate::model::curve::CurvePoint) -> f64| -> Vec<(f64, f64)> {
            app.curve
                .iter()
                .zip(&xs)
                .map(|(p, &x)| (x, saturating_log10(f(p), ylo)))
                .collect()
        };
        let logs = |costs: &[(f64, f64)]| -> Vec<(f64, f64)> {
            costs
                .iter()
                .map(|&(v, c)| (v.log10(), saturating_log10(c, ylo)))
                .collect()
        };
        let vertical = |v: f64| -> Vec<(f64, f64)> {
            if v >= vmin && v <= vmax {
                vec![(v.log10(), ylo), (v.log10(), yhi)]
            } else {
                Vec::new()
            }
        };
        Series {
            ylo,
            yhi,
            api: without_run_insides(pts(&|p| p.api)),
            self_host: without_run_insides(pts(&|p| p.self_host)),
            hybrid: without_run_insides(pts(&|p| p.hybrid)),
            owned: logs(&owned_costs),
            envelope: logs(envelope_costs),
            crossings: o
                .marked_crossings()
                .iter()
                .map(|&x| (x.log10(), saturating_log10(o.rates.api(x).usd_per_day, ylo)))
                .collect(),
            now: vertical(o.requests_per_day),
            breakeven: o
                .recommended_breakeven_requests_per_day
                .map(vertical)
                .unwrap_or_default(),
            bands: bands(app, ylo),
        }
    }
}

/// A line's points without those inside a horizontal or vertical run (the flat treads and the
/// risers of self-hosting's staircase): ratatui draws a line as its points and the segments
/// between them, a horizontal (vertical) segment as every cell between its ends' cells, and a
/// point maps to its cell monotonically, so a run's inside points and segments paint no cell
/// its two ends' segment does not. The same cells with fewer segments (the staircase of a
/// scenario with many replicas has thousands of points). Every point is inside the chart's
/// bounds (the volumes span the axis, the costs are floored at its bottom and its top is above
/// the largest), so ratatui clips none of them.
fn without_run_insides(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let between = |a: f64, x: f64, b: f64| (a <= x && x <= b) || (a >= x && x >= b);
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        if let (Some(&a), Some(&b)) = (out.last(), points.get(i + 1)) {
            let flat = a.1 == p.1 && p.1 == b.1 && between(a.0, p.0, b.0);
            let upright = a.0 == p.0 && p.0 == b.0 && between(a.1, p.1, b.1);
            if flat || upright {
                continue;
            }
        }
        out.push(p);
    }
    out
}

/// The cost axis in whole decades around every drawn cost: (low, high) exponents.
fn cost_decades(app: &App, owned: &[(f64, f64)], envelope: &[(f64, f64)]) -> (f64, f64) {
    let mut cmin = f64::INFINITY;
    let mut cmax: f64 = 0.0;
    let lines = app
        .curve
        .iter()
        .flat_map(|p| [p.api, p.self_host, p.hybrid]);
    for c in owned.iter().chain(envelope).map(|p| p.1).chain(lines) {
        if c > 0.0 {
            cmin = cmin.min(c);
            cmax = cmax.max(c);
        }
    }
    if !cmin.is_finite() || cmax <= 0.0 {
        cmin = 1.0;
        cmax = 10.0;
    }
    let ylo = cmin.log10().floor();
    (ylo, cmax.log10().ceil().max(ylo + 1.0))
}

/// Every how many band volumes a band's edge is dotted: the edges are sparse dots in a darker
/// shade of their option's colour, so they read as bands, not as more lines, on terminals that
/// ignore the dim attribute.
const BAND_STEP: usize = 3;

/// P10 and P90 of each option's cost, when Monte Carlo bands are in; the owned fleet's when it
/// is offered (docs/MODEL.md §7.3).
fn bands(app: &App, ylo: f64) -> Vec<Band> {
    let t = &app.theme;
    let band = |pick: fn(&crate::model::uncertainty::MonteCarlo) -> &Vec<[f64; 3]>,
                q: usize|
     -> Vec<(f64, f64)> {
        app.bands.current.as_ref().map_or_else(Vec::new, |mc| {
            mc.volumes
                .iter()
                .zip(pick(mc))
                .step_by(BAND_STEP)
                .map(|(v, qs)| (v.log10(), saturating_log10(qs[q], ylo)))
                .collect()
        })
    };
    let mut bands = vec![
        (
            band(|m| &m.api, 0),
            band(|m| &m.api, 2),
            t.band(Choice::Api),
        ),
        (
            band(|m| &m.self_host, 0),
            band(|m| &m.self_host, 2),
            t.band(Choice::SelfHost),
        ),
        (
            band(|m| &m.hybrid, 0),
            band(|m| &m.hybrid, 2),
            t.band(Choice::Hybrid),
        ),
    ];
    if let Some((mc, ob)) = app.bands.current.as_ref().and_then(|mc| {
        mc.owned
            .as_ref()
            .filter(|_| app.outcome.owned_enabled)
            .map(|ob| (mc, ob))
    }) {
        let edge = |q: usize| -> Vec<(f64, f64)> {
            mc.volumes
                .iter()
                .zip(&ob.band)
                .step_by(BAND_STEP)
                .map(|(v, qs)| (v.log10(), saturating_log10(qs[q], ylo)))
                .collect()
        };
        bands.push((edge(0), edge(2), t.band(Choice::Owned)));
    }
    bands
}

/// An option's style: its own, or dim when the constraints exclude it (docs/MODEL.md §6.4).
fn option_style(app: &App, c: Choice, style: Style) -> Style {
    if app.outcome.allowed.is_allowed(c) {
        style
    } else {
        app.theme.dim()
    }
}

/// A Braille line.
fn line_set<'a>(name: String, style: Style, data: &'a [(f64, f64)]) -> Dataset<'a> {
    Dataset::default()
        .name(name)
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(style)
        .data(data)
}

/// The datasets in drawing order: the bands (dim), the three options, then the owned fleet,
/// the best fleet, the current volume, the break-even and the crossings when there are any.
fn datasets<'a>(app: &App, s: &'a Series) -> Vec<Dataset<'a>> {
    let t = &app.theme;
    let sc = &app.scenario;
    let o = &app.outcome;
    let [m_api, m_self, m_hybrid] = t.markers();
    // A band edge with no points (no Monte Carlo yet) is left out: ratatui's chart gives every
    // dataset a canvas layer of its own, a pass over every cell of the plot, even when it
    // draws nothing.
    let mut datasets: Vec<Dataset> = s
        .bands
        .iter()
        .flat_map(|(p10, p90, style)| {
            [p10, p90].into_iter().filter(|d| !d.is_empty()).map(|d| {
                Dataset::default()
                    .marker(Marker::Braille)
                    .graph_type(GraphType::Scatter)
                    .style(*style)
                    .data(d)
            })
        })
        .collect();
    let st = |c: Choice, style: Style| option_style(app, c, style);
    datasets.extend([
        line_set(
            format!("API {}", sc.api.model),
            st(Choice::Api, t.api()),
            &s.api,
        )
        .marker(m_api),
        line_set(
            "Self-host".into(),
            st(Choice::SelfHost, t.self_host()),
            &s.self_host,
        )
        .marker(m_self),
        line_set(
            format!("Hybrid {}", percent(sc.hybrid.local_share)),
            st(Choice::Hybrid, t.hybrid()),
            &s.hybrid,
        )
        .marker(m_hybrid),
    ]);
    if !s.owned.is_empty() {
        datasets.push(line_set("Owned".into(), t.owned(), &s.owned));
    }
    if !s.envelope.is_empty() {
        datasets.push(line_set("Best fleet".into(), t.envelope(), &s.envelope));
    }
    if !s.now.is_empty() {
        let name = format!("now {}/day", si(o.requests_per_day));
        datasets.push(line_set(name, t.marker_now(), &s.now));
    }
    if !s.breakeven.is_empty() {
        let b = o.recommended_breakeven_requests_per_day.unwrap_or_default();
        let name = format!("{} {}/day", o.breakeven_marker(), si(b));
        datasets.push(line_set(name, t.breakeven(), &s.breakeven));
    }
    if !s.crossings.is_empty() {
        datasets.push(
            Dataset::default()
                .name(format!("crossing ×{}", s.crossings.len()))
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(t.crossing())
                .data(&s.crossings),
        );
    }
    datasets
}

/// The legend (for the bottom border's left, so it shows at every size) and the crossing note
/// (its right). The note gives up detail (the crossings, then the break-even's long name)
/// before the legend gives up the lines drawn, first in full, then in short form; markers join
/// the legend when they fit.
fn legend(app: &App, s: &Series, area: Rect) -> (Line<'static>, String) {
    let t = &app.theme;
    let st = |c: Choice, style: Style| option_style(app, c, style);
    let (owned, envelope) = (!s.owned.is_empty(), !s.envelope.is_empty());
    let mut items = vec![
        ("━ API", st(Choice::Api, t.api())),
        ("━ self-host", st(Choice::SelfHost, t.self_host())),
        ("━ hybrid", st(Choice::Hybrid, t.hybrid())),
    ];
    let mut short = vec![
        ("━API", st(Choice::Api, t.api())),
        ("━self", st(Choice::SelfHost, t.self_host())),
        ("━hyb", st(Choice::Hybrid, t.hybrid())),
    ];
    if owned {
        items.push(("━ owned", t.owned()));
        short.push(("━own", t.owned()));
    }
    if envelope {
        items.push(("━ best fleet", t.envelope()));
        short.push(("━best", t.envelope()));
    }
    // What is drawn, and only that: the lines (the owned fleet and the best fleet too, when
    // shown) always; the "now" line with them where the note can give up detail for it, in full
    // names first, then in short; the bands, the break-even and the crossings where room is left.
    let now_item = (!s.now.is_empty()).then(|| ("│ now", t.marker_now()));
    let now_short = now_item.map(|(_, style)| ("│now", style));
    let mut extras = Vec::new();
    if s.bands.iter().any(|b| !b.0.is_empty()) {
        // The bands' dotted edges, in the darker shades they are drawn in.
        extras.push(("⠒ P10–P90", t.band(Choice::Api)));
    }
    if !s.breakeven.is_empty() {
        extras.push(("│ break-even", t.breakeven()));
    }
    if !s.crossings.is_empty() {
        extras.push(("• crossing", t.crossing()));
    }
    let width = |items: &[(&str, Style)]| {
        items
            .iter()
            .map(|(s, _)| s.chars().count() + 2)
            .sum::<usize>()
    };
    let room_with = |note: &str| (area.width as usize).saturating_sub(4 + note.chars().count());
    let with = |base: &[(&'static str, Style)], extra: Option<(&'static str, Style)>| {
        let mut v = base.to_vec();
        v.extend(extra);
        v
    };
    let candidates = [
        with(&items, now_item),
        items.clone(),
        with(&short, now_short),
        short.clone(),
    ];
    let details = [
        Detail::Full,
        Detail::Breakeven,
        Detail::ShortName,
        Detail::Figure,
    ];
    let (mut items, note) = candidates
        .iter()
        .flat_map(|c| details.map(|d| (c, d)))
        .map(|(c, d)| (c, crossing_note(app, d)))
        .find(|(c, n)| room_with(n) >= width(c))
        .map_or_else(
            || (short.clone(), crossing_note(app, Detail::Figure)),
            |(c, n)| (c.clone(), n),
        );
    let room = room_with(&note);
    for e in extras {
        if width(&items) + e.0.chars().count() + 2 > room {
            break;
        }
        items.push(e);
    }
    // Narrow terminals: the short names, as many as fit.
    while !items.is_empty() && width(&items) > room {
        items.pop();
    }
    let mut spans = vec![Span::raw(" ")];
    for (text, style) in items {
        spans.push(Span::styled(text, style));
        spans.push(Span::raw("  "));
    }
    (Line::from(spans), note)
}

/// The graph's columns inside a chart's inner area, as ratatui lays them out: y labels (at
/// most a third of the width), the axis line, then the graph.
fn graph_columns(inner: Rect, y_labels: &[String]) -> (u16, u16) {
    let widest = y_labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0) as u16;
    let left = inner.x + widest.min(inner.width / 3) + 1;
    (left, inner.right().saturating_sub(left))
}

/// Where a value at fraction `f` of the x range is plotted: ratatui's Braille canvas has two
/// dots a cell and maps the range onto dots 0 to 2·width − 1.
fn plotted_column(left: u16, width: u16, f: f64) -> f64 {
    f64::from(left) + f * (2.0 * f64::from(width) - 1.0) / 2.0
}

/// Each x label and the column it starts at: centred on where its value is plotted, the first
/// starting at the graph's left edge and the last ending at its right edge.
pub fn x_label_columns<'a>(
    inner: Rect,
    y_labels: &[String],
    x_labels: &'a [String],
) -> Vec<(u16, &'a str)> {
    let (left, width) = graph_columns(inner, y_labels);
    let n = x_labels.len();
    if n < 2 || width < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut free = left;
    for (i, text) in x_labels.iter().enumerate() {
        let len = text.chars().count() as u16;
        let at = plotted_column(left, width, i as f64 / (n - 1) as f64);
        let start = if i == 0 {
            left
        } else if i == n - 1 {
            inner.right().saturating_sub(len)
        } else {
            (at - f64::from(len.saturating_sub(1)) / 2.0)
                .round()
                .max(0.0) as u16
        };
        // Never over the previous label.
        if start >= free && start + len <= inner.right() {
            out.push((start, text.as_str()));
            free = start + len + 1;
        }
    }
    out
}

/// The bottom line of the chart: a current volume off the chart, and where the crossings are.
/// How much the chart's bottom note says, most first.
#[derive(Clone, Copy, PartialEq)]
enum Detail {
    /// The named break-even and the crossings.
    Full,
    /// The named break-even.
    Breakeven,
    /// The break-even named as the legend's short form names its option ("hyb", "self").
    ShortName,
    /// The break-even's figure alone.
    Figure,
}

fn crossing_note(app: &App, detail: Detail) -> String {
    let v = app.outcome.requests_per_day;
    let (vmin, vmax) = (
        app.scenario.chart.min_requests_per_day,
        app.scenario.chart.max_requests_per_day,
    );
    let off = if v > vmax {
        format!(" now {}/day → off the chart ·", si(v))
    } else if v < vmin {
        format!(" ← now {}/day off the chart ·", si(v))
    } else {
        String::new()
    };
    format!("{off}{}", crossings_note(app, detail))
}

fn crossings_note(app: &App, detail: Detail) -> String {
    let o = &app.outcome;
    let xs = o.marked_crossings();
    // The recommended option's break-even against the API, named (docs/MODEL.md §6.4).
    let name = match detail {
        Detail::Full | Detail::Breakeven => o.breakeven_marker(),
        Detail::ShortName if o.breakeven_option() == Choice::Hybrid => "hyb break-even",
        Detail::ShortName => "self break-even",
        Detail::Figure => "break-even",
    };
    let breakeven = match o.recommended_breakeven_requests_per_day {
        Some(b) => format!("{name} {}/day", si(b)),
        None => format!("no {name}"),
    };
    if detail != Detail::Full {
        return format!(" {breakeven} ");
    }
    let others = match xs.len() {
        // Crossings with an option that cannot serve are not marked, nor counted.
        0 if !o.crossings.is_empty() => String::new(),
        0 => "no crossing in range".to_string(),
        1 if o.recommended_breakeven_requests_per_day == Some(xs[0]) => String::new(),
        1..=3 => format!(
            "crossing {}",
            xs.iter().map(|x| si(*x)).collect::<Vec<_>>().join(", ")
        ),
        n => format!("{n} crossings from {}", si(xs[0])),
    };
    if others.is_empty() {
        format!(" {breakeven} ")
    } else {
        format!(" {breakeven} · {others} ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Render a chart with a vertical line at each labelled value, as the dashboard lays it
    /// out, and check each label sits within one column of its line.
    #[test]
    fn x_labels_sit_on_their_values() {
        use ratatui::buffer::Buffer;
        use ratatui::widgets::Widget;
        for (w, h) in [(160u16, 48u16), (200, 60), (120, 40), (80, 24)] {
            let area = Rect::new(0, 0, w, h);
            let (xlo, xhi, ylo, yhi) = (1.0, 7.0, -1.0, 5.0);
            let block = Block::default().borders(Borders::ALL);
            let inner = block.inner(area);
            let x_labels = decade_ticks(xlo, xhi, inner.width.saturating_sub(8), 5, None);
            let y_labels = decade_ticks(ylo, yhi, inner.height - 2, 2, Some("USD"));
            let n = x_labels.len();
            let lines: Vec<Vec<(f64, f64)>> = (0..n)
                .map(|i| {
                    let x = xlo + (xhi - xlo) * i as f64 / (n - 1) as f64;
                    vec![(x, ylo), (x, yhi)]
                })
                .collect();
            let datasets = lines
                .iter()
                .map(|d| {
                    Dataset::default()
                        .marker(Marker::Braille)
                        .graph_type(GraphType::Line)
                        .data(d)
                })
                .collect();
            let chart = Chart::new(datasets)
                .block(block)
                .x_axis(
                    Axis::default()
                        .bounds([xlo, xhi])
                        .labels(vec![String::new(), String::new()]),
                )
                .y_axis(Axis::default().bounds([ylo, yhi]).labels(y_labels.clone()));
            let mut buf = Buffer::empty(area);
            chart.render(area, &mut buf);
            let row = inner.y + inner.height / 2;
            let line_cols: Vec<u16> = (inner.x..inner.right())
                .filter(|&x| {
                    buf[(x, row)]
                        .symbol()
                        .chars()
                        .next()
                        .is_some_and(|c| ('\u{2801}'..='\u{28FF}').contains(&c))
                })
                .collect();
            assert_eq!(line_cols.len(), n, "{w}×{h}");
            let placed = x_label_columns(inner, &y_labels, &x_labels);
            assert!(placed.len() >= n.min(3), "{w}×{h}: {placed:?}");
            for (start, text) in placed {
                let i = x_labels.iter().position(|t| t == text).unwrap();
                let col = f64::from(line_cols[i]);
                let len = text.chars().count() as f64;
                let at = if i == 0 {
                    f64::from(start)
                } else if i == n - 1 {
                    f64::from(start) + len - 1.0
                } else {
                    f64::from(start) + (len - 1.0) / 2.0
                };
                assert!(
                    (at - col).abs() <= 1.0,
                    "{w}×{h}: {text} placed at {at}, its line at {col}"
                );
            }
        }
    }

    /// A staircase with long treads and risers, drawn with every point and with the runs'
    /// insides left out, at several sizes: the same cells.
    #[test]
    fn a_runs_inside_points_draw_nothing_more() {
        use ratatui::buffer::Buffer;
        use ratatui::widgets::Widget;
        let mut stairs = Vec::new();
        for step in 0..12 {
            let y = f64::from(step) * 0.37;
            for k in 0..9 {
                stairs.push((f64::from(step) + f64::from(k) / 8.0, y));
            }
            // A riser of three points, then the tread of the next step.
            stairs.push((f64::from(step) + 1.0, y + 0.1));
            stairs.push((f64::from(step) + 1.0, y + 0.2));
        }
        // A sloped piece and a return: only runs lose points.
        stairs.extend([(12.5, 3.0), (12.7, 2.0), (12.9, 2.0), (13.0, 2.0)]);
        let fewer = without_run_insides(stairs.clone());
        assert!(
            fewer.len() * 3 < stairs.len(),
            "{} of {}",
            fewer.len(),
            stairs.len()
        );
        for (w, h) in [(200u16, 60u16), (120, 40), (80, 24), (37, 11)] {
            let draw = |data: &[(f64, f64)]| {
                let area = Rect::new(0, 0, w, h);
                let mut buf = Buffer::empty(area);
                Chart::new(vec![Dataset::default()
                    .marker(Marker::Braille)
                    .graph_type(GraphType::Line)
                    .data(data)])
                .x_axis(Axis::default().bounds([0.0, 13.0]))
                .y_axis(Axis::default().bounds([0.0, 5.0]))
                .render(area, &mut buf);
                buf
            };
            assert_eq!(draw(&stairs), draw(&fewer), "{w}×{h}");
        }
    }

    #[test]
    fn ticks_fall_on_decades() {
        assert_eq!(
            decade_ticks(1.0, 7.0, 80, 7, None),
            ["10", "100", "1k", "10k", "100k", "1M", "10M"]
        );
        assert_eq!(
            decade_ticks(1.0, 7.0, 30, 7, None),
            ["10", "1k", "100k", "10M"]
        );
        assert_eq!(
            decade_ticks(1.0, 4.0, 40, 2, Some("USD")),
            ["$10", "$100", "$1k", "$10k"]
        );
        assert_eq!(decade_ticks(1.0, 7.0, 0, 7, None).len(), 2);
    }
}
