//! Headless reports of one scenario: one small file per format, all from the same [`Outcome`].

pub mod csv;
pub mod json;
pub mod markdown;
pub mod text;
pub mod views;

use crate::model::{Outcome, Scenario};

/// The formats of `crossover report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned summary for a person.
    Text,
    /// One JSON object, exactly MODEL.md §5.
    Json,
    /// A meeting-ready report to paste into planning notes.
    Markdown,
    /// The cost curves: one row per volume, a column per option.
    Csv,
}

/// Render `sc` in `format`.
pub fn render(sc: &Scenario, format: Format) -> String {
    let outcome = Outcome::evaluate(sc);
    match format {
        Format::Text => text::render(sc, &outcome),
        Format::Json => json::render(sc, &outcome),
        Format::Markdown => markdown::render(sc, &outcome, &markdown::Extras::default()),
        Format::Csv => csv::render(sc, &outcome),
    }
}
