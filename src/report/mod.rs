//! Headless reports of one scenario. One table, [`render`]: every view ([`View`]) in every
//! format ([`Format`]), one file per format, each implementing [`Writer`] (a function per view
//! plus the frame around them). The [`Context`] (warnings, chart link, footer) reaches every
//! (view, format) pair through the frame.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod owned;
pub mod text;
pub mod throughput;
pub(crate) mod words;

use std::cell::OnceCell;

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
    /// A relative link to a chart exported beside the report (Markdown).
    pub chart_link: Option<String>,
    /// "crossover 0.1.0 · 2026-11-25" style footer, when known (Markdown).
    pub footer: Option<String>,
}

/// The figures of one scenario, each computed once and only when a view asks for it.
pub struct Figures<'a> {
    pub sc: &'a Scenario,
    pub outcome: Outcome,
    sensitivity: OnceCell<Sensitivity>,
    uncertainty: OnceCell<MonteCarlo>,
    timeline: OnceCell<Timeline>,
}

impl<'a> Figures<'a> {
    pub fn new(sc: &'a Scenario) -> Figures<'a> {
        Figures::with_outcome(sc, Outcome::evaluate(sc))
    }

    /// When the caller already holds `sc`'s outcome (the dashboard).
    pub fn with_outcome(sc: &'a Scenario, outcome: Outcome) -> Figures<'a> {
        Figures {
            sc,
            outcome,
            sensitivity: OnceCell::new(),
            uncertainty: OnceCell::new(),
            timeline: OnceCell::new(),
        }
    }

    pub fn sensitivity(&self) -> &Sensitivity {
        self.sensitivity.get_or_init(|| sensitivity(self.sc))
    }

    pub fn uncertainty(&self) -> &MonteCarlo {
        self.uncertainty
            .get_or_init(|| monte_carlo(self.sc, BAND_VOLUMES, default_threads()))
    }

    pub fn timeline(&self) -> &Timeline {
        self.timeline.get_or_init(|| timeline(self.sc))
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

/// The throughput checks of `sc` (docs/MODEL.md §6.2): estimate, plausibility, context
/// windows. The API model's context window comes from the shipped catalog.
pub fn throughput_checks(sc: &Scenario) -> crate::model::throughput::checks::Checks {
    throughput_checks_in(sc, &crate::catalog::shipped())
}

/// [`throughput_checks`] with the API model's context window from `catalog` (the dashboard
/// passes the catalog it already holds instead of reading the shipped one on each change).
pub fn throughput_checks_in(
    sc: &Scenario,
    catalog: &crate::catalog::Catalog,
) -> crate::model::throughput::checks::Checks {
    let window = catalog
        .api_model(&sc.api.model)
        .ok()
        .and_then(|m| m.context_window);
    let mut checks = crate::model::throughput::checks::checks(sc, window);
    checks.warnings.extend(hourly_offering(sc, catalog));
    checks
}

/// A warning when per-second billing is chosen on a catalog offering that bills by the hour:
/// the per-second figures would then be lower than the bill. Not on a reservation, which is
/// billed always on whatever the mode (its own note says so).
fn hourly_offering(sc: &Scenario, catalog: &crate::catalog::Catalog) -> Option<String> {
    let offering = &sc.catalog.gpu_offering;
    if sc.self_host.billing.effective_mode() != crate::model::billing::Mode::PerSecond
        || offering.is_empty()
    {
        return None;
    }
    let gpu = catalog.gpu(&sc.self_host.gpu).ok()?;
    let o = catalog
        .offerings_of(gpu)
        .into_iter()
        .find(|o| &o.name == offering && o.billing == "hourly")?;
    Some(format!(
        "self_host.billing = \"per_second\", but {} ({}) bills by the hour, so the per-second costs shown understate its bill; for this offering use self_host.billing = \"active_hours\" (whole GPU-hours), or pick an offering billed per second",
        o.label(),
        o.provider
    ))
}

/// `ctx` with the throughput checks' warnings added (each once).
fn with_checks(sc: &Scenario, ctx: &Context) -> Context {
    let mut ctx = ctx.clone();
    for w in throughput_checks(sc)
        .warnings
        .into_iter()
        .chain(sc.self_host.billing.notes())
    {
        if !ctx.warnings.contains(&w) {
            ctx.warnings.push(w);
        }
    }
    ctx
}

/// `view` of `sc` in `format`: the one entry point of `crossover report`.
pub fn render(sc: &Scenario, view: View, format: Format, ctx: &Context) -> String {
    let ctx = with_checks(sc, ctx);
    let (sc, ctx) = safe_texts(sc, &ctx, format);
    safe_json(
        render_figures(&Figures::new(&sc), view, format, &ctx),
        format,
    )
}

/// [`render`] when the caller already holds `sc`'s outcome (the dashboard's export).
pub fn render_with_outcome(
    sc: &Scenario,
    outcome: Outcome,
    view: View,
    format: Format,
    ctx: &Context,
) -> String {
    // Escaping texts changes no number, so the outcome still holds.
    let ctx = with_checks(sc, ctx);
    let (sc, ctx) = safe_texts(sc, &ctx, format);
    let figures = Figures::with_outcome(&sc, outcome);
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
    let escape: fn(&str) -> String = match format {
        Format::Json => return (sc.clone(), ctx.clone()),
        Format::Markdown => sanitize::markdown,
        Format::Text | Format::Csv => |s| sanitize::line(s).into_owned(),
    };
    let mut sc = sc.clone();
    for f in fields::all().filter(|f| f.kind == fields::Kind::Text) {
        if let fields::Value::Text(t) = f.get(&sc) {
            f.set(&mut sc, fields::Value::Text(escape(&t)));
        }
    }
    let ctx = Context {
        warnings: ctx.warnings.iter().map(|w| escape(w)).collect(),
        // A Markdown link target in `<…>`, so spaces and `)` in a file name stay in the link.
        chart_link: ctx.chart_link.as_deref().map(|l| match format {
            Format::Markdown => sanitize::link_target(l),
            _ => sanitize::line(l).into_owned(),
        }),
        footer: ctx.footer.clone(),
    };
    (sc, ctx)
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
