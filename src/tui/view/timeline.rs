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

/// The points of every line the chart draws, and the top of the cost axis.
struct Lines {
    api: Vec<(f64, f64)>,
    self_host: Vec<(f64, f64)>,
    hybrid: Vec<(f64, f64)>,
    /// Empty unless the owned fleet is offered (docs/MODEL.md §8.1).
    owned: Vec<(f64, f64)>,
    /// The best month to switch, a vertical line; empty when there is none.
    switch: Vec<(f64, f64)>,
    /// The months from which an option allowed today is excluded, drawn dim over its line
    /// (docs/MODEL.md §8.2).
    tails: Vec<Vec<(f64, f64)>>,
    max: f64,
}

impl Lines {
    fn of(app: &App) -> Lines {
        let tl = &app.timeline;
        let series = |f: fn(&crate::model::timeline::Month) -> f64| -> Vec<(f64, f64)> {
            tl.months
                .iter()
                .map(|m| (f64::from(m.month), f(m)))
                .collect()
        };
        let mut l = Lines {
            api: series(|m| m.cumulative_api),
            self_host: series(|m| m.cumulative_self_host),
            hybrid: series(|m| m.cumulative_hybrid),
            owned: if tl.owned.is_some() {
                // Cash: servers paid when bought, their worth taken back at the horizon
                // (docs/MODEL.md §8.1).
                series(|m| m.cumulative_owned_cash)
            } else {
                Vec::new()
            },
            switch: Vec::new(),
            tails: Vec::new(),
            max: 0.0,
        };
        l.max = l
            .api
            .iter()
            .chain(&l.self_host)
            .chain(&l.hybrid)
            .chain(&l.owned)
            .map(|p| p.1)
            .fold(0.0f64, f64::max)
            .max(1.0);
        l.switch = tl.best_switch_month.map_or_else(Vec::new, |m| {
            vec![(f64::from(m), 0.0), (f64::from(m), l.max)]
        });
        l.tails = tl
            .later_exclusions
            .iter()
            .map(|&(c, from, _)| {
                l.line(c)
                    .iter()
                    .copied()
                    .filter(|p| p.0 >= f64::from(from))
                    .collect()
            })
            .collect();
        l
    }

    fn line(&self, c: Choice) -> &[(f64, f64)] {
        match c {
            Choice::Api => &self.api,
            Choice::SelfHost => &self.self_host,
            Choice::Hybrid => &self.hybrid,
            Choice::Owned => &self.owned,
        }
    }
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let cur = app.scenario.currency.as_str();
    let lines = Lines::of(app);
    let legend = legend(app, !lines.owned.is_empty());
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
    let max = lines.max;
    let chart = Chart::new(datasets(app, &lines))
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

/// The lines as ratatui datasets: an option the constraints exclude is drawn dim (docs/MODEL.md
/// §6.4), as on the Costs chart; then the excluded tails and the switch.
fn datasets<'a>(app: &App, l: &'a Lines) -> Vec<Dataset<'a>> {
    let t = &app.theme;
    let st = |c: Choice, style: Style| {
        if app.timeline.allowed.is_allowed(c) {
            style
        } else {
            t.dim()
        }
    };
    let line = |marker: Marker, style: Style, data: &'a [(f64, f64)]| {
        Dataset::default()
            .marker(marker)
            .graph_type(GraphType::Line)
            .style(style)
            .data(data)
    };
    let [m_api, m_self, m_hybrid] = t.markers();
    let mut out = vec![
        line(m_api, st(Choice::Api, t.api()), &l.api),
        line(m_self, st(Choice::SelfHost, t.self_host()), &l.self_host),
        line(m_hybrid, st(Choice::Hybrid, t.hybrid()), &l.hybrid),
    ];
    if !l.owned.is_empty() {
        out.push(line(
            Marker::Braille,
            st(Choice::Owned, t.owned()),
            &l.owned,
        ));
    }
    for tail in &l.tails {
        out.push(line(Marker::Braille, t.dim(), tail));
    }
    if !l.switch.is_empty() {
        out.push(line(Marker::Braille, t.breakeven(), &l.switch));
    }
    out
}

/// The legend on the bottom border: each option, marked when excluded (the reason is in the
/// Growth timeline panel: the legend has no room for it), then the switch.
fn legend(app: &App, owned: bool) -> Line<'static> {
    let t = &app.theme;
    let tl = &app.timeline;
    let entry = |c: Choice, text: &str, style: Style| match tl.allowed.exclusion(c) {
        Some(_) => Span::styled(format!(" ━ {text} (excluded) "), t.dim()),
        None => match tl.excluded_from(c) {
            Some(m) => Span::styled(format!(" ━ {text} (excluded from m{m}) "), style),
            None => Span::styled(format!(" ━ {text} "), style),
        },
    };
    let mut spans = vec![
        entry(Choice::Api, "API", t.api()),
        entry(Choice::SelfHost, "self-host", t.self_host()),
        entry(Choice::Hybrid, "hybrid", t.hybrid()),
    ];
    if owned {
        spans.push(entry(Choice::Owned, "owned (cash)", t.owned()));
    }
    spans.push(Span::styled(" │ best switch ", t.breakeven()));
    Line::from(spans)
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
