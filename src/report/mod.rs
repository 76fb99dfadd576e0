//! Headless reports of one scenario: one small file per format, all from the same [`Outcome`].

pub mod csv;
pub mod json;
pub mod markdown;
pub mod text;
pub mod views;

use crate::model::{fields, Outcome, Scenario};
use crate::sanitize;

/// The formats of `crossover report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned summary for a person.
    Text,
    /// One JSON object, exactly docs/MODEL.md §5.
    Json,
    /// A meeting-ready report to paste into planning notes.
    Markdown,
    /// The cost curves: one row per volume, a column per option.
    Csv,
}

/// What a report says besides the scenario's own figures. Every format gets the same context,
/// so nothing the user should know is left to one format (or to stderr).
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

/// Render `sc`'s costs view in `format`.
pub fn render(sc: &Scenario, format: Format, ctx: &Context) -> String {
    let (sc, ctx) = safe_texts(sc, ctx, format);
    safe_json(render_safe(&sc, format, &ctx), format)
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
        chart_link: ctx
            .chart_link
            .as_deref()
            .map(|l| sanitize::line(l).into_owned()),
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

/// [`render`] of texts already made safe.
pub(crate) fn render_safe(sc: &Scenario, format: Format, ctx: &Context) -> String {
    let outcome = Outcome::evaluate(sc);
    match format {
        Format::Text => text::render(sc, &outcome, ctx),
        Format::Json => json::render(sc, &outcome, ctx),
        Format::Markdown => markdown::render(sc, &outcome, ctx),
        Format::Csv => csv::render(sc, &outcome, ctx),
    }
}
