//! The Timeline tab's chart: cumulative cost of each option month by month as traffic grows,
//! with setup paid at the start and the best month to switch marked.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType};
use ratatui::Frame;

use super::chart::tabs_line;
use crate::figures::si_money;
use crate::model::Choice;
use crate::tui::app::App;

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let cur = app.scenario.currency.as_str();
    let tl = &app.timeline;
    let series = |f: fn(&crate::model::timeline::Month) -> f64| -> Vec<(f64, f64)> {
        tl.months
            .iter()
            .map(|m| (f64::from(m.month), f(m)))
            .collect()
    };
    let api = series(|m| m.cumulative_api);
    let self_host = series(|m| m.cumulative_self_host);
    let hybrid = series(|m| m.cumulative_hybrid);
    // The owned fleet's line, when it is offered (docs/MODEL.md §8.1).
    let owned = if tl.owned.is_some() {
        series(|m| m.cumulative_owned)
    } else {
        Vec::new()
    };
    let max = api
        .iter()
        .chain(&self_host)
        .chain(&hybrid)
        .chain(&owned)
        .map(|p| p.1)
        .fold(0.0f64, f64::max)
        .max(1.0);
    let switch: Vec<(f64, f64)> = tl
        .best_switch_month
        .map_or_else(Vec::new, |m| vec![(f64::from(m), 0.0), (f64::from(m), max)]);
    // The months from which an option allowed today is excluded, drawn dim over its line
    // (docs/MODEL.md §8.2).
    let tails: Vec<Vec<(f64, f64)>> = tl
        .later_exclusions
        .iter()
        .map(|&(c, from, _)| {
            let line = match c {
                Choice::Api => &api,
                Choice::SelfHost => &self_host,
                Choice::Hybrid => &hybrid,
                Choice::Owned => &owned,
            };
            line.iter()
                .copied()
                .filter(|p| p.0 >= f64::from(from))
                .collect()
        })
        .collect();
    let [m_api, m_self, m_hybrid] = t.markers();
    // An option the constraints exclude is drawn dim and marked so in the legend (docs/MODEL.md
    // §6.4), as on the Costs chart.
    let st = |c: Choice, style: Style| {
        if tl.allowed.is_allowed(c) {
            style
        } else {
            t.dim()
        }
    };
    let entry = |c: Choice, text: &str, style: Style| match tl.allowed.exclusion(c) {
        // The reason is in the Growth timeline panel: the legend has no room for it.
        Some(_) => Span::styled(format!(" ━ {text} (excluded) "), t.dim()),
        None => match tl.excluded_from(c) {
            Some(m) => Span::styled(format!(" ━ {text} (excluded from m{m}) "), style),
            None => Span::styled(format!(" ━ {text} "), style),
        },
    };
    let mut datasets = vec![
        Dataset::default()
            .marker(m_api)
            .graph_type(GraphType::Line)
            .style(st(Choice::Api, t.api()))
            .data(&api),
        Dataset::default()
            .marker(m_self)
            .graph_type(GraphType::Line)
            .style(st(Choice::SelfHost, t.self_host()))
            .data(&self_host),
        Dataset::default()
            .marker(m_hybrid)
            .graph_type(GraphType::Line)
            .style(st(Choice::Hybrid, t.hybrid()))
            .data(&hybrid),
    ];
    if !owned.is_empty() {
        datasets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(st(Choice::Owned, t.owned()))
                .data(&owned),
        );
    }
    for tail in &tails {
        datasets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(t.dim())
                .data(tail),
        );
    }
    if !switch.is_empty() {
        datasets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(t.breakeven())
                .data(&switch),
        );
    }
    let mut legend = vec![
        entry(Choice::Api, "API", t.api()),
        entry(Choice::SelfHost, "self-host", t.self_host()),
        entry(Choice::Hybrid, "hybrid", t.hybrid()),
    ];
    if !owned.is_empty() {
        legend.push(entry(Choice::Owned, "owned", t.owned()));
    }
    legend.push(Span::styled(" │ best switch ", t.breakeven()));
    let legend = Line::from(legend);
    let note = Line::from(" cumulative cost, setup at the start ").right_aligned();
    // The note gives way to the legend when both do not fit on the border.
    let fits = legend.width() + note.width() + 2 <= usize::from(area.width);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(tabs_line(app))
        .title_bottom(legend);
    if fits {
        block = block.title_bottom(note);
    }
    let (bounds, labels) = month_axis(app.scenario.growth.horizon_months.max(2));
    let chart = Chart::new(datasets)
        .block(block)
        .x_axis(
            Axis::default()
                .title("month")
                .bounds(bounds)
                .labels(labels)
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, max])
                .labels(vec![
                    si_money(0.0, cur),
                    si_money(max / 2.0, cur),
                    si_money(max, cur),
                ])
                .style(t.dim()),
        )
        .legend_position(None);
    frame.render_widget(chart, area);
}

/// The month axis: three evenly spaced labels, each a whole month. From month 1 when the
/// middle of 1..horizon is whole (odd horizons), else from month 0.
fn month_axis(horizon: u32) -> ([f64; 2], Vec<String>) {
    let first = if horizon % 2 == 1 { 1 } else { 0 };
    let labels = [first, (first + horizon) / 2, horizon]
        .iter()
        .map(u32::to_string)
        .collect();
    ([f64::from(first), f64::from(horizon)], labels)
}

#[cfg(test)]
mod tests {
    #[test]
    fn month_labels_are_whole_and_evenly_spaced() {
        assert_eq!(super::month_axis(12).1, ["0", "6", "12"]);
        assert_eq!(super::month_axis(13).1, ["1", "7", "13"]);
        for h in 2..=600u32 {
            let ([lo, hi], labels) = super::month_axis(h);
            let mid: f64 = labels[1].parse().unwrap();
            assert_eq!(mid, (lo + hi) / 2.0, "{h}");
        }
    }
}
