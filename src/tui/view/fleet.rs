//! The Fleet tab (docs/MODEL.md §6.10): every catalog GPU offering × precision × GPUs per
//! replica that serves the local model, ranked by self-hosting's daily cost at the current
//! volume, the cursor's row applied with Enter; below, the selected configuration and the
//! configurations left out with their reasons.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::chart::tabs_line;
use crate::catalog::fleet::market_label;
use crate::figures::{money, volume};
use crate::model::fleet::{Row, LIST_PRICE};
use crate::tui::app::App;

/// One column of the ranking: header, width, right-aligned, and the cell of a row.
struct Column {
    head: &'static str,
    width: usize,
    right: bool,
    cell: fn(&Row, &str) -> String,
}

const COLUMNS: &[Column] = &[
    Column {
        head: "configuration",
        // "8 × A100 80GB PCIe@specialist bf16": the precision must never be cut off, or
        // rows of one GPU and offering look alike.
        width: 34,
        right: false,
        cell: |r, _| crate::wording::fleet_config(r),
    },
    Column {
        head: "per day",
        width: 10,
        right: true,
        cell: |r, cur| money(r.usd_per_day, cur),
    },
    Column {
        head: "$/Mtok",
        width: 7,
        right: true,
        cell: |r, cur| r.usd_per_mtok.map_or("n/a".into(), |x| money(x, cur)),
    },
    Column {
        head: "repl.",
        width: 5,
        right: true,
        cell: |r, _| volume(r.replicas),
    },
    Column {
        head: "bound",
        width: 9,
        right: false,
        cell: |r, _| r.bound.label().to_string(),
    },
    Column {
        head: "TTFT",
        width: 8,
        right: true,
        cell: |r, _| crate::figures::latency(r.time_to_first_token_s),
    },
    Column {
        head: "TPOT",
        width: 8,
        right: true,
        cell: |r, _| crate::figures::latency(r.time_per_output_token_s),
    },
    Column {
        head: "GPU-hour",
        width: 8,
        right: true,
        cell: |r, cur| money(r.usd_per_gpu_hour, cur),
    },
    Column {
        head: "market",
        width: 26,
        right: false,
        cell: |r, _| market_label(&r.market).to_string(),
    },
];

/// The configuration's name in `width` characters, padded. When too long the offering is cut
/// first ("1 × H200@spe… bf16"): the GPU's name stays whole, so a cut never reads as another
/// GPU ("H200" cut to "H20…" would), and the precision still tells rows apart. Only a GPU name
/// that cannot fit even alone is cut.
fn fit_name(r: &Row, width: usize) -> String {
    let full = (COLUMNS[0].cell)(r, "");
    if full.chars().count() <= width {
        return fit(&full, width, false);
    }
    let head = format!("{} × {}", r.gpus_per_replica, r.gpu);
    // A row calibrated from the user's runs keeps its mark when the offering is cut.
    let tail = format!(
        " {}{}",
        r.precision.name(),
        if r.calibration.is_some() {
            " (calibrated)"
        } else {
            ""
        }
    );
    let room = width.saturating_sub(head.chars().count() + tail.chars().count());
    if room >= 2 {
        // "@", what fits of the offering, the ellipsis.
        let offering: String = r.offering.chars().take(room - 2).collect();
        return fit(&format!("{head}@{offering}…{tail}"), width, false);
    }
    if room >= 1 {
        return fit(&format!("{head}…{tail}"), width, false);
    }
    // The GPU's name itself is cut: never to another GPU's name.
    let lead = format!("{} × ", r.gpus_per_replica);
    let mut keep = width.saturating_sub(tail.chars().count() + 1 + lead.chars().count());
    let lib = crate::catalog::library();
    let mut cut: String = r.gpu.chars().take(keep).collect();
    while keep > 0 && lib.gpus.iter().any(|g| g.spec.name == cut) {
        keep -= 1;
        cut = r.gpu.chars().take(keep).collect();
    }
    fit(&format!("{lead}{cut}…{tail}"), width, false)
}

fn fit(text: &str, width: usize, right: bool) -> String {
    let n = text.chars().count();
    if n > width {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    } else if right {
        crate::sanitize::pad_start(text, width)
    } else {
        crate::sanitize::pad_end(text, width)
    }
}

/// Is `r` the configuration the scenario now has?
fn is_current(app: &App, r: &Row) -> bool {
    let sh = &app.scenario.self_host;
    let offering = &app.scenario.catalog.gpu_offering;
    crate::model::throughput::library::same_name(&sh.gpu, &r.gpu)
        && sh.estimate.precision == r.precision
        && sh.gpus_per_replica == r.gpus_per_replica
        && (r.offering == *offering || (r.offering == LIST_PRICE && offering.is_empty()))
}

/// The ranking, in the chart's place.
pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let cur = app.scenario.currency.as_str();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(tabs_line(app))
        .title_bottom(Line::styled(
            " ↑↓ move  ⏎ apply (u undoes)  b best line on Costs ",
            t.dim(),
        ));
    let inner = block.inner(area);
    let lines = match &app.fleet.current {
        None => vec![Line::styled("computing the ranking…", t.dim())],
        Some(Err(e)) => vec![Line::styled(e.clone(), t.error())],
        Some(Ok(r)) if r.comparison.rows.is_empty() => {
            vec![Line::styled(r.comparison.nothing_fits(&r.model), t.error())]
        }
        Some(Ok(r)) => {
            let width = inner.width as usize;
            let rows = &r.comparison.rows;
            // The configuration column takes what the four columns after it leave (at most
            // 34, at least its header), so narrow screens keep the bound column; a name that
            // is still too long loses the middle of its offering, never its precision.
            let after: usize = COLUMNS[1..5].iter().map(|c| c.width + 1).sum();
            let name_width = width
                .saturating_sub(2 + after + 1)
                .clamp(COLUMNS[0].head.len(), COLUMNS[0].width);
            let width_of = |i: usize, c: &Column| if i == 0 { name_width } else { c.width };
            // Columns from the left while they fit (2 for the cursor, 1 between columns).
            let mut used = 2;
            let cols: Vec<(usize, &Column)> = COLUMNS
                .iter()
                .enumerate()
                .take_while(|(i, c)| {
                    used += width_of(*i, c) + 1;
                    used <= width + 1
                })
                .collect();
            let mut head = String::from("  ");
            for (i, c) in &cols {
                head.push_str(&fit(c.head, width_of(*i, c), c.right));
                head.push(' ');
            }
            let mut lines = vec![
                Line::from(vec![
                    Span::styled(r.model.clone(), t.header()),
                    Span::raw(format!(
                        " at {} req/day: {} rows, cheapest first (● yours)",
                        volume(r.comparison.requests_per_day),
                        rows.len()
                    )),
                ]),
                Line::styled(head, t.header()),
            ];
            if let Some(line) = crate::wording::fleet_share_line(
                r.comparison.requests_per_day,
                app.scenario.workload.requests_per_day,
                app.outcome.recommendation.choice,
            ) {
                lines.splice(
                    1..1,
                    super::overlay::wrap(&[(line, ratatui::style::Style::default())], width, 2),
                );
            }
            if let Some(note) = app.outcome.allowed.fleet_note() {
                // Said before the rows, in full, so the cheapest is not read as an option to
                // take.
                let wrapped = super::overlay::wrap(&[(format!("⚠ {note}"), t.error())], width, 2);
                lines.splice(1..1, wrapped);
            }
            let visible = (inner.height as usize).saturating_sub(lines.len()).max(1);
            let sel = app.fleet.selected.min(rows.len().saturating_sub(1));
            let first = sel
                .saturating_sub(visible / 2)
                .min(rows.len().saturating_sub(visible));
            for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
                let mark = if is_current(app, row) { "●" } else { " " };
                let cursor = if i == sel { "▸" } else { " " };
                let mut text = format!("{cursor}{mark}");
                for (i, c) in &cols {
                    let cell = if *i == 0 {
                        fit_name(row, name_width)
                    } else {
                        fit(&(c.cell)(row, cur), width_of(*i, c), c.right)
                    };
                    text.push_str(&cell);
                    text.push(' ');
                }
                let style = if i == sel {
                    t.selected()
                } else {
                    Default::default()
                };
                lines.push(Line::styled(text, style));
            }
            lines
        }
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The selected configuration in full and the configurations left out, in the summary's place.
pub fn summary(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let cur = app.scenario.currency.as_str();
    let block = Block::default().borders(Borders::ALL).title(" Fleet ");
    let mut lines = vec![super::summary::verdict_line(app)];
    if let Some(r) = app.fleet.ranking() {
        let c = &r.comparison;
        if let Some(row) = c.rows.get(app.fleet.selected) {
            lines.push(Line::from(vec![
                Span::styled(format!("#{} ", app.fleet.selected + 1), t.header()),
                Span::styled(crate::wording::fleet_config(row), t.header()),
                Span::raw(format!(
                    ": {}/day, {}/Mtok; GPUs {}, replicas {}; bound by {}; first token {:.0} ms, per token {:.1} ms; {}/GPU-hour, {}",
                    money(row.usd_per_day, cur),
                    row.usd_per_mtok.map_or("n/a".into(), |x| money(x, cur)),
                    volume(row.gpus),
                    volume(row.replicas),
                    row.bound.label(),
                    row.time_to_first_token_s * 1e3,
                    row.time_per_output_token_s * 1e3,
                    money(row.usd_per_gpu_hour, cur),
                    market_label(&row.market)
                )),
            ]));
            if let Some(fit) = &row.calibration {
                lines.push(Line::raw(format!(
                    "Its throughput is {} (sha256 {}), not the estimate.",
                    fit.phrase(),
                    fit.short_hashes()
                )));
            }
            if row.dequantised {
                lines.push(Line::raw(format!(
                    "{} has no {} tensor cores: the weights run dequantised to bf16 in the kernel ({}), at the dequantising kernels' efficiency.",
                    row.gpu,
                    row.precision.name(),
                    crate::wording::dequantised_kernel(row.precision)
                )));
            }
            lines.push(Line::raw(format!(
                "Now: self-hosting {}/day with {} × {} {}. Enter applies the selected configuration.",
                money(app.outcome.self_host.usd_per_day, cur),
                app.scenario.self_host.gpus_per_replica,
                app.scenario.self_host.gpu,
                app.scenario.self_host.estimate.precision.name()
            )));
        }
        if c.rejected.is_empty() {
            lines.push(Line::styled(
                "Left out: none (every GPU holds the model at every precision and GPU count).",
                t.dim(),
            ));
        } else {
            lines.push(Line::styled(
                format!(
                    "Left out ({}; once per GPU, precision and GPU count, for all its offerings):",
                    c.rejected.len()
                ),
                t.header(),
            ));
            for x in &c.rejected {
                lines.push(Line::raw(format!(
                    "  {} × {} {}: {}",
                    x.gpus_per_replica,
                    x.gpu,
                    x.precision.name(),
                    x.reason
                )));
            }
        }
    }
    lines.push(Line::styled(
        format!(
            "Throughput estimated from architecture and specifications; {}. Rented GPUs only: the owned fleet ([owned]) is not ranked here.",
            crate::wording::FLEET_LATENCIES
        ),
        t.dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cut name keeps the GPU whole: "H200" never shows as "H20…", another GPU.
    #[test]
    fn a_cut_name_never_reads_as_another_gpu() {
        let lib = crate::catalog::library();
        let gpus: Vec<String> = lib.gpus.iter().map(|g| g.spec.name.clone()).collect();
        for gpu in &gpus {
            let row = Row {
                gpu: gpu.clone(),
                offering: "specialist-on-demand".into(),
                market: String::new(),
                usd_per_gpu_hour: 2.0,
                precision: crate::model::throughput::Precision::Bf16,
                gpus_per_replica: 8,
                usd_per_day: 100.0,
                usd_per_mtok: None,
                replicas: 1.0,
                gpus: 8.0,
                bound: crate::model::throughput::Bound::Compute,
                time_to_first_token_s: 0.1,
                time_per_output_token_s: 0.01,
                dequantised: false,
                rates: crate::model::cost::Rates::new(&crate::model::Scenario::default()),
                calibration: None,
            };
            for width in 10..=34 {
                let shown = fit_name(&row, width);
                assert_eq!(shown.chars().count(), width, "{shown:?}");
                let name_part = shown.split(" × ").nth(1).unwrap_or("");
                if name_part.starts_with(gpu.as_str()) {
                    continue;
                }
                // Only a GPU name too long to fit alone is cut, and then not to another's.
                let cut = name_part.split('…').next().unwrap_or("");
                assert!(
                    !gpus.iter().any(|g| g != gpu && g == cut),
                    "{gpu} at {width}: {shown:?} reads as another GPU"
                );
                assert!(
                    gpu.chars().count() + 10 > width,
                    "{gpu} at {width}: {shown:?} cut the GPU though the offering could go"
                );
            }
        }
    }
}
