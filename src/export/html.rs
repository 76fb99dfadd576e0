//! `crossover export --out FILE.html`: the meeting report as one self-contained file. The text
//! is the Markdown report's (`report --format markdown`, the costs view), rendered from the same
//! assessment and turned into HTML by [`super::markup`]; the charts are the SVG exports, inline,
//! placed beside the sections they illustrate. Nothing is fetched: no script, no link, no
//! image or style from elsewhere; the charts' font is one subset embedded once; a
//! Content-Security-Policy forbids everything else.

use super::markup::{escape, to_html};
use super::{ChartView, ExportError, Prepared};
use crate::model::assessment::Assessment;
use crate::model::fleet::Comparison;
use crate::model::uncertainty::MonteCarlo;
use crate::model::Choice;
use crate::report::{render_assessment, Context, Format, View};

/// The charts' size in the page (the page's column is as wide): text at the charts' design
/// sizes × 0.75, 12 px and more.
pub const CHART_SIZE: (u32, u32) = (1200, 675);

/// What a browser may load for the page: inline styles, and data: fonts and images only.
pub const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const STYLE: &str = "\
:root{color-scheme:light}
body{margin:0;background:#fff;color:#1a1a1a;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif}
main{max-width:1200px;margin:0 auto;padding:16px}
h1{font-size:1.6em;line-height:1.25;margin:.4em 0}
h2{font-size:1.25em;margin:1.6em 0 .5em;border-bottom:1px solid #ddd;break-after:avoid}
p,li{overflow-wrap:anywhere}
td,th{overflow-wrap:break-word}
.table{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr{break-inside:avoid}
code{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;font-size:.9em;background:#f3f3f3;padding:0 2px}
pre{white-space:pre-wrap;background:#f3f3f3;padding:8px}
blockquote{margin:1em 0;padding:2px 12px;border-left:4px solid #b46900;background:#fff7ea}
figure.chart{margin:1em 0;break-inside:avoid;page-break-inside:avoid}
figure.chart svg{display:block;max-width:100%;height:auto}
.muted{color:#555}
@media (max-width:600px){body{font-size:14px}main{padding:10px}th,td{padding:2px 4px}}
@media print{body{font-size:10.5pt}main{max-width:none;padding:0}.table{overflow:visible}}
";

/// One chart of the report: which, and the section it belongs after.
struct Chart {
    view: ChartView,
    /// The heading (`## …`) of the section it closes; `None`: after the verdict.
    after: Option<&'static str>,
    label: &'static str,
}

const CHARTS: [Chart; 4] = [
    Chart {
        view: ChartView::Costs,
        after: None,
        label: "Daily cost against daily volume",
    },
    Chart {
        view: ChartView::Sensitivity,
        after: Some("## What moves the answer"),
        label: "What moves the answer: each input swung on its own",
    },
    Chart {
        view: ChartView::Timeline,
        after: Some("## As traffic grows"),
        label: "Cumulative cost over the growth horizon",
    },
    Chart {
        view: ChartView::Fleet,
        after: Some(FLEET_HEADING),
        label: "Self-hosting's cost per day on the cheapest rented GPUs",
    },
];

/// The fleet chart's own section, after the costs table, when self-hosting is an option and
/// some rented configuration serves the model.
const FLEET_HEADING: &str = "## The cheapest rented GPUs";

/// The heading of the timeline's own section when the report has no "As traffic grows".
const TIMELINE_HEADING: &str = "## Cumulative cost over time";

/// The whole page for `a`, with `ctx`'s warnings and notes (the shell's), dated `date`;
/// `bands` are the Monte Carlo bands when the caller holds them; `fleet` the fleet ranking
/// (docs/MODEL.md §6.10) or why there is none, drawn where an allowed option rents GPUs and
/// something serves; where it is left out there, its section says why.
pub fn report(
    a: &Assessment,
    ctx: &Context,
    date: &str,
    bands: Option<MonteCarlo>,
    fleet: Result<&Comparison, &str>,
) -> Result<String, ExportError> {
    let ctx = Context {
        chart_link: None,
        footer: Some(super::footer(date)),
        ..ctx.clone()
    };
    let md = render_assessment(a, View::Costs, Format::Markdown, &ctx);
    let mut svgs: Vec<Option<String>> = Vec::new();
    let mut bands = bands;
    let (fleet, left_out) = match fleet {
        Ok(f) if !f.rows.is_empty() => (Some(f), None),
        Ok(f) => (None, Some(f.nothing_fits(&a.scenario.self_host.model))),
        Err(why) => (None, Some(why.to_string())),
    };
    let fleet = fleet.filter(|_| rents_gpus(a));
    let left_out = left_out.filter(|_| rents_gpus(a));
    for chart in &CHARTS {
        if chart.view == ChartView::Fleet && fleet.is_none() {
            svgs.push(None);
            continue;
        }
        let prepared = Prepared::of(a, chart.view, date, bands.take()).with_fleet(fleet.cloned());
        let svg = prepared.svg(CHART_SIZE.0, CHART_SIZE.1)?;
        svgs.push(Some(figure(&svg, chart.label)));
    }
    let fonts = super::fontface::css_for_svgs(svgs.iter().flatten().map(String::as_str));
    let body = body(&md, &svgs, left_out.as_deref());
    let title = crate::sanitize::line(&a.scenario.name).into_owned();
    let verdict = crate::wording::verdict(a.outcome.recommendation.choice);
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}: {}</title>\n<style>\n{STYLE}{fonts}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(&title),
        escape(verdict)
    ))
}

/// Whether an allowed option runs on rented GPUs (self-hosting, or the hybrid's local share):
/// then the report shows the fleet chart.
pub fn rents_gpus(a: &Assessment) -> bool {
    [Choice::SelfHost, Choice::Hybrid]
        .iter()
        .any(|&c| a.outcome.allowed.exclusion(c).is_none())
}

/// An inline chart: the SVG export, scaled to its column (`viewBox`, `max-width: 100%`).
fn figure(svg: &str, label: &str) -> String {
    let svg = svg.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" aria-label=\"{}\" style=\"max-width:100%;height:auto\" ",
            escape(label)
        ),
        1,
    );
    format!("<figure class=\"chart\">\n{svg}</figure>\n")
}

/// The Markdown report as HTML, cut at its `## ` sections, with each chart after its section
/// (`None`: a chart left out); `fleet_left_out`: why the fleet chart is not drawn where it
/// belongs, said in its section.
fn body(md: &str, figures: &[Option<String>], fleet_left_out: Option<&str>) -> String {
    let mut sections: Vec<String> = vec![String::new()];
    for line in md.lines() {
        if line.starts_with("## ") {
            sections.push(String::new());
        }
        if let Some(s) = sections.last_mut() {
            s.push_str(line);
            s.push('\n');
        }
    }
    // The timeline has a section of its own when the report has none for growth.
    let growth = CHARTS[2].after.unwrap_or_default();
    if !sections.iter().any(|s| s.starts_with(growth)) {
        let at = sections
            .iter()
            .position(|s| s.starts_with("## Assumptions"))
            .unwrap_or(sections.len());
        sections.insert(at, format!("{TIMELINE_HEADING}\n"));
    }
    // The fleet's section follows the costs table: its chart, or why there is none.
    let drawn = figures.get(3).is_some_and(Option::is_some);
    if drawn || fleet_left_out.is_some() {
        let at = sections
            .iter()
            .position(|s| s.starts_with("## Costs at"))
            .map_or(sections.len(), |i| i + 1);
        let why = fleet_left_out
            .filter(|_| !drawn)
            .map_or(String::new(), |w| {
                format!(
                    "\n{}\n",
                    crate::wording::fleet_chart_left_out(&crate::sanitize::markdown(w))
                )
            });
        sections.insert(at, format!("{FLEET_HEADING}\n{why}"));
    }
    let mut out = String::new();
    for s in &sections {
        out.push_str(&to_html(s));
        for (chart, fig) in CHARTS.iter().zip(figures) {
            let Some(fig) = fig else { continue };
            let here = match chart.after {
                None => std::ptr::eq(s, &sections[0]),
                Some(h) => {
                    s.starts_with(h)
                        || (chart.view == ChartView::Timeline && s.starts_with(TIMELINE_HEADING))
                }
            };
            if here {
                out.push_str(fig);
            }
        }
    }
    out
}
