//! Headless reports of one scenario. One table, [`render`]: every view ([`View`]) in every
//! format ([`Format`]), one file per format, each implementing [`Writer`] (a function per view
//! plus the frame around them). The [`Context`] (warnings, chart link, footer) reaches every
//! (view, format) pair through the frame.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod rent_or_buy;
pub mod text;
pub mod throughput;
pub(crate) mod words;
/// One row of the flip table as the reports write it (docs/MODEL.md §7.4).
pub use words::{flip_cells, FLIPS_IN_COSTS};

use std::cell::OnceCell;

use crate::model::assessment::Assessment;
use crate::model::flips::{flips, Flips};
use crate::model::sensitivity::{sensitivity, Sensitivity};
use crate::model::timeline::{timeline, Timeline};
use crate::model::uncertainty::{default_threads, monte_carlo, MonteCarlo, BAND_VOLUMES};
use crate::model::{fields, Outcome, Scenario};
use crate::sanitize;

/// The formats of `crossover report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An aligned summary for a person.
    Text,
    /// One JSON object (docs/MODEL.md §5 and §9).
    Json,
    /// A meeting-ready report to paste into planning notes.
    Markdown,
    /// Plain numbers for a spreadsheet (docs/MODEL.md §9).
    Csv,
}

/// What `crossover report --view` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Costs, break-even and recommendation.
    Costs,
    /// The tornado: each input swung on its own.
    Sensitivity,
    /// Monte Carlo bands over the [uncertainty] ranges.
    Uncertainty,
    /// Month by month over the [growth] horizon.
    Timeline,
    /// The four views above, in that order.
    All,
}

impl View {
    /// The single views `self` is made of, in report order.
    pub fn parts(self) -> &'static [View] {
        match self {
            View::Costs => &[View::Costs],
            View::Sensitivity => &[View::Sensitivity],
            View::Uncertainty => &[View::Uncertainty],
            View::Timeline => &[View::Timeline],
            View::All => &[
                View::Costs,
                View::Sensitivity,
                View::Uncertainty,
                View::Timeline,
            ],
        }
    }

    /// The name on the command line, in `# view:` CSV lines and JSON keys.
    pub fn key(self) -> &'static str {
        match self {
            View::Costs => "costs",
            View::Sensitivity => "sensitivity",
            View::Uncertainty => "uncertainty",
            View::Timeline => "timeline",
            View::All => "all",
        }
    }
}

/// What a report says besides the scenario's own figures. Every (view, format) pair gets the
/// same context, so nothing the user should know is left to one format (or to stderr).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Everything the user should know about the figures: estimates, stale or undated prices,
    /// notes from a catalog pick. Text and Markdown print them near the top; JSON carries them
    /// as the top-level `warnings` array; CSV as leading `# warning:` comment lines.
    pub warnings: Vec<String>,
    /// Where the figures come from: sources, estimates, sizing, what a pick did. Text and
    /// Markdown put them in a "Sources and assumptions" section after the views; JSON carries
    /// them as the top-level `notes` array; CSV as `# note:` comment lines.
    pub notes: Vec<String>,
    /// Every finding, typed (JSON `findings`).
    pub findings: Vec<crate::model::assessment::Finding>,
    /// A relative link to a chart exported beside the report (Markdown).
    pub chart_link: Option<String>,
    /// "crossover 0.1.0 · 2026-11-25" style footer, when known (Markdown).
    pub footer: Option<String>,
}

/// The figures of one scenario, each computed once and only when a view asks for it.
pub struct Figures<'a> {
    pub sc: &'a Scenario,
    pub outcome: Outcome,
    /// The recommendation's reasons, worded ([`crate::wording::reason`]) and made safe for
    /// the format.
    pub reasons: Vec<String>,
    sensitivity: OnceCell<Sensitivity>,
    uncertainty: OnceCell<MonteCarlo>,
    timeline: OnceCell<Timeline>,
    flips: OnceCell<Flips>,
}

impl<'a> Figures<'a> {
    pub fn new(sc: &'a Scenario) -> Figures<'a> {
        Figures::with_outcome(sc, Outcome::evaluate(sc))
    }

    /// When the caller already holds `sc`'s outcome (the dashboard).
    pub fn with_outcome(sc: &'a Scenario, outcome: Outcome) -> Figures<'a> {
        let reasons = crate::wording::reasons(&outcome.recommendation.reasons, &sc.currency);
        Figures::with_reasons(sc, outcome, reasons)
    }

    /// When the caller has also worded the recommendation's reasons (once a report).
    fn with_reasons(sc: &'a Scenario, outcome: Outcome, reasons: Vec<String>) -> Figures<'a> {
        Figures {
            sc,
            reasons,
            outcome,
            sensitivity: OnceCell::new(),
            uncertainty: OnceCell::new(),
            timeline: OnceCell::new(),
            flips: OnceCell::new(),
        }
    }

    pub fn sensitivity(&self) -> &Sensitivity {
        self.sensitivity.get_or_init(|| sensitivity(self.sc))
    }

    /// The levers the Monte Carlo holds at their values (docs/MODEL.md §7.2).
    pub fn held(&self) -> Vec<crate::model::sensitivity::Held> {
        crate::model::sensitivity::held(self.sc, self.sensitivity())
    }

    pub fn uncertainty(&self) -> &MonteCarlo {
        self.uncertainty
            .get_or_init(|| monte_carlo(self.sc, BAND_VOLUMES, default_threads()))
    }

    pub fn timeline(&self) -> &Timeline {
        self.timeline.get_or_init(|| timeline(self.sc))
    }

    /// What would flip the answer (docs/MODEL.md §7.4).
    pub fn flips(&self) -> &Flips {
        self.flips.get_or_init(|| flips(self.sc))
    }
}

/// One format: a function per single view, and the frame that puts the context around them.
pub trait Writer {
    /// A rendered view: text for most formats, a JSON value for JSON.
    type Part;
    fn costs(f: &Figures) -> Self::Part;
    fn sensitivity(f: &Figures) -> Self::Part;
    fn uncertainty(f: &Figures) -> Self::Part;
    fn timeline(f: &Figures) -> Self::Part;
    /// The whole report: `parts` in order, with `ctx`'s warnings, chart link and footer.
    fn frame(f: &Figures, parts: Vec<(View, Self::Part)>, ctx: &Context) -> String;
}

fn write<W: Writer>(f: &Figures, view: View, ctx: &Context) -> String {
    let parts = view
        .parts()
        .iter()
        .map(|&v| {
            let part = match v {
                View::Costs | View::All => W::costs(f),
                View::Sensitivity => W::sensitivity(f),
                View::Uncertainty => W::uncertainty(f),
                View::Timeline => W::timeline(f),
            };
            (v, part)
        })
        .collect();
    W::frame(f, parts, ctx)
}

/// `view` of `sc` in `format`, assessed against `catalog` (the shell's) today; `ctx`'s
/// warnings and notes are the shell's, added to the assessment's.
pub fn render(
    sc: &Scenario,
    catalog: &crate::catalog::Catalog,
    (view, format): (View, Format),
    ctx: &Context,
) -> String {
    let a = Assessment::of(sc, catalog, &crate::clock::today());
    render_assessment(&a, view, format, ctx)
}

/// `view` of an assessment in `format`: the one entry point of `crossover report` and the
/// dashboard's export. `ctx`'s warnings and notes (the shell's) join the assessment's.
pub fn render_assessment(a: &Assessment, view: View, format: Format, ctx: &Context) -> String {
    let a = a.clone().with_shell(&ctx.notes, &ctx.warnings);
    let ctx = Context {
        warnings: a.warnings(),
        notes: a.notes(),
        findings: a.findings.clone(),
        ..ctx.clone()
    };
    // Escaping texts changes no number, so the outcome still holds; its reasons quote the
    // scenario's texts (the currency), so they are worded with them and escaped the same way.
    let (sc, ctx) = safe_texts(&a.scenario, &ctx, format);
    let reasons = crate::wording::reasons(&a.outcome.recommendation.reasons, &a.scenario.currency)
        .iter()
        .map(|r| escape_for(format)(r))
        .collect();
    let figures = Figures::with_reasons(&sc, a.outcome, reasons);
    safe_json(render_figures(&figures, view, format, &ctx), format)
}

/// The table: every format for every view, from figures of texts already made safe.
fn render_figures(f: &Figures, view: View, format: Format, ctx: &Context) -> String {
    match format {
        Format::Text => write::<text::Text>(f, view, ctx),
        Format::Json => write::<json::Json>(f, view, ctx),
        Format::Markdown => write::<markdown::Markdown>(f, view, ctx),
        Format::Csv => write::<csv::Csv>(f, view, ctx),
    }
}

/// The scenario and context with every text from a file made safe for `format`: control
/// characters escaped, and in Markdown the characters Markdown reads as markup. JSON is left
/// to its own escaping ([`safe_json`]). Numbers are untouched.
pub(crate) fn safe_texts(sc: &Scenario, ctx: &Context, format: Format) -> (Scenario, Context) {
    if format == Format::Json {
        return (sc.clone(), ctx.clone());
    }
    let escape = escape_for(format);
    let mut sc = sc.clone();
    for f in fields::all().filter(|f| f.kind == fields::Kind::Text) {
        if let fields::Value::Text(t) = f.get(&sc) {
            f.set(&mut sc, fields::Value::Text(escape(&t)));
        }
    }
    let ctx = Context {
        warnings: ctx.warnings.iter().map(|w| escape(w)).collect(),
        notes: ctx.notes.iter().map(|w| escape(w)).collect(),
        findings: ctx
            .findings
            .iter()
            .map(|f| crate::model::assessment::Finding {
                text: escape(&f.text),
                ..f.clone()
            })
            .collect(),
        // A Markdown link target in `<…>`, so spaces and `)` in a file name stay in the link.
        chart_link: ctx.chart_link.as_deref().map(|l| match format {
            Format::Markdown => sanitize::link_target(l),
            _ => sanitize::line(l).into_owned(),
        }),
        footer: ctx.footer.clone(),
    };
    (sc, ctx)
}

/// How a text from a file is made safe in `format` (JSON: left to [`safe_json`]).
fn escape_for(format: Format) -> fn(&str) -> String {
    match format {
        Format::Json => str::to_string,
        Format::Markdown => sanitize::markdown,
        Format::Text | Format::Csv => |s| sanitize::line(s).into_owned(),
    }
}

/// JSON escapes C0 controls itself; the C1 controls and bidirectional overrides it leaves raw
/// become `\u` escapes too.
pub(crate) fn safe_json(out: String, format: Format) -> String {
    if format == Format::Json {
        sanitize::json(&out).into_owned()
    } else {
        out
    }
}
