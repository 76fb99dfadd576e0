//! Why the catalog refuses an entry, a file or a choice: typed, each with the one wording the
//! user reads (its `Display`). The shells print them; the readers file an entry's refusal as a
//! warning naming the file and the entry, so the file's other entries are still read.

use crate::model::throughput::library::NotInCatalog;
use crate::model::throughput::EstimateError;

/// Why one entry of a price file (an API price or a GPU offering) is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EntryRefused {
    /// A field the entry must have ("name", "source", "input price", "gpu", …).
    #[error("no {0}")]
    Missing(String),
    /// A price per million tokens that is not finite or is outside 0 to 1e9.
    #[error("{what} {value} is not a price: allowed 0 to 1e9 per million tokens")]
    NotAPrice { what: String, value: f64 },
    /// A price of a GPU (per hour or to buy) that is not above 0 and at most 1e9.
    #[error("{what} {value} must be above 0 and at most 1e9")]
    NotAGpuPrice { what: &'static str, value: f64 },
    /// A token count (context window, output limit, long-context threshold) of 0 or less.
    #[error("{what} {value} must be above 0 tokens")]
    NotATokenCount { what: &'static str, value: i64 },
    /// A GPU's board power that is not above 0 and at most `max` watts.
    #[error("tdp_watts = {value} is not a board power (above 0 and at most {max} W)")]
    NotAPower { value: f64, max: f64 },
    /// A batch discount outside 0 to 1.
    #[error("batch discount {0} is not a share: allowed 0 to 1")]
    NotAShare(f64),
    /// A spot offering's interruptions per day below 0 or not finite.
    #[error("interruptions_per_day {0} must be 0 or more")]
    NotARate(f64),
    /// An `as_of` that is not a date (nor "unknown", where that is allowed).
    #[error(
        "as_of {value:?} must be a date (YYYY-MM-DD, YYYY-MM or YYYY){}",
        if *or_unknown { " or \"unknown\"" } else { "" }
    )]
    NotADate { value: String, or_unknown: bool },
    /// Input or output priced at zero in an entry not marked free.
    #[error(
        "a zero price (input {input}, output {output}) in an entry not marked free: is it free, or is a price missing?"
    )]
    ZeroPrice { input: f64, output: f64 },
    /// A market word the catalog does not know.
    #[error("market {given:?} is not one of {known}")]
    UnknownMarket { given: String, known: String },
    /// A rental offering without its hourly price.
    #[error("a {0} offering needs per_gpu_hour")]
    NeedsHourlyPrice(&'static str),
    /// Fields that contradict each other, or one this kind of entry cannot have.
    #[error("{0}")]
    Inconsistent(&'static str),
    /// A step of the entry's price schedule without its date.
    #[error("price_schedule[{0}] has no from date")]
    StepWithoutDate(usize),
    /// A step of the entry's price schedule that breaks the schedule's rule (docs/MODEL.md §6.11).
    #[error("price_schedule[{index}].{field} {rule}")]
    Schedule {
        index: usize,
        field: &'static str,
        rule: String,
    },
    /// A stored import's line with the wrong number of columns.
    #[error("{found} columns, expected {expected}")]
    Columns { found: usize, expected: usize },
    /// A stored import's field that is not a number (`whole` when it must be a whole number).
    #[error("{what} {value:?} is not a {}", if *whole { "whole number" } else { "number" })]
    NotANumber {
        what: &'static str,
        value: String,
        whole: bool,
    },
    /// A stored entry's refusal, with the entry's name.
    #[error("{name:?}: {reason}")]
    Of {
        name: String,
        reason: Box<EntryRefused>,
    },
    /// A name the import leaves aside (too long, control characters, …), shown clipped.
    #[error("\"{name}\": {why} are not kept")]
    LeftAside { name: String, why: &'static str },
}

/// Why a whole file (an import or a stored import) is refused, located where it can be.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FileRefused {
    /// Not valid JSON: the parser's message at its line and column.
    #[error("{origin}:{line}:{column}: {what}: {cause}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        what: String,
        cause: String,
    },
    /// Valid, but not the shape the format has (`at` is "1:1", "1" or empty for the whole).
    #[error("{origin}{}: {what}", if at.is_empty() { String::new() } else { format!(":{at}") })]
    Shape {
        origin: String,
        at: String,
        what: String,
    },
}

/// A `--as-of` (or similar) date that is not `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0:?} is not a date: write it YYYY-MM-DD (for example 2026-08-21)")]
pub struct NotADay(pub String);

/// A GPU offering a choice does not name, or a GPU with none.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NoOffering {
    #[error("{0} has no offerings in the catalog")]
    None(String),
    /// The choice, and what the GPU offers (name, market, price).
    #[error("{gpu} has no offering {choice:?}; it has: {}", offered.join(", "))]
    NotOffered {
        gpu: String,
        choice: String,
        offered: Vec<String>,
    },
}

/// A `--market` word that is not a rental market.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MarketRefused {
    #[error(
        "market \"purchase\" is not a rental: buying is [owned] (owned.enabled = true); the rental markets are {}",
        rentals.join(", ")
    )]
    Purchase { rentals: Vec<String> },
    #[error("no market {given:?}; the markets are {}", rentals.join(", "))]
    Unknown { given: String, rentals: Vec<String> },
}

/// Why a pick (`--api`, `--gpu`, `--local`, `--cheap`, the dashboard's pickers) cannot apply.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PickRefused {
    #[error(transparent)]
    NotInCatalog(#[from] NotInCatalog),
    #[error(transparent)]
    NoOffering(#[from] NoOffering),
    /// An inexact name that fits several entries (`listed`: up to ten, then how many more).
    #[error("{what} \"{query}\" fits {count} entries: {listed}; give more of the name")]
    Ambiguous {
        what: &'static str,
        query: String,
        count: usize,
        listed: String,
    },
    /// An offering asked of a GPU that has none in the catalog.
    #[error(
        "{gpu} has no offerings in the catalog, so there is no {choice:?}; use --gpu {gpu:?} for its on-demand price"
    )]
    NoOfferings { gpu: String, choice: String },
    /// A purchase offering where a rental is needed, and the rentals there are.
    #[error(
        "{offering} is a purchase ({price}), not a rent per hour; pick a rental offering: {}",
        rentals.join(", ")
    )]
    Purchase {
        offering: String,
        price: String,
        rentals: Vec<String>,
    },
    /// The scenario's GPU has no specifications, so no model can be fitted on it.
    #[error(
        "the scenario's GPU {0:?} has no specifications in the catalog, so what fits on it is unknown; pick one with --gpu (or g)"
    )]
    NoGpuSpec(String),
    /// A precision the model is not served at, and those it is.
    #[error("{model} is not served at {precision}; it is served at {}", served.join(", "))]
    NotServedAt {
        model: String,
        precision: &'static str,
        served: Vec<&'static str>,
    },
    /// Not even eight GPUs hold the model: the estimate's reason.
    #[error("{0}: try fp8 or int4, or a GPU with more memory")]
    TooBig(#[source] EstimateError),
    /// No GPU count up to eight serves one request of the scenario's size.
    #[error("{model} does not fit on {gpu}")]
    DoesNotFit { model: String, gpu: String },
    /// The part after `@` in `--local NAME@PRECISION` is not a precision.
    #[error("{given:?} is not a precision: use bf16, fp8, int4 or fp4 (e.g. {name}@fp8)")]
    NotAPrecision { given: String, name: String },
}

/// The shells report errors as text.
macro_rules! into_string {
    ($($t:ty),*) => {$(
        impl From<$t> for String {
            fn from(e: $t) -> String {
                e.to_string()
            }
        }
    )*};
}
into_string!(
    EntryRefused,
    FileRefused,
    NotADay,
    NoOffering,
    MarketRefused,
    PickRefused
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_reads_as_before() {
        let cases: Vec<(String, &str)> = vec![
            (EntryRefused::Missing("name".into()).to_string(), "no name"),
            (
                EntryRefused::NotADate {
                    value: "soon".into(),
                    or_unknown: true,
                }
                .to_string(),
                "as_of \"soon\" must be a date (YYYY-MM-DD, YYYY-MM or YYYY) or \"unknown\"",
            ),
            (
                EntryRefused::NotADate {
                    value: "soon".into(),
                    or_unknown: false,
                }
                .to_string(),
                "as_of \"soon\" must be a date (YYYY-MM-DD, YYYY-MM or YYYY)",
            ),
            (
                EntryRefused::NotANumber {
                    what: "context window",
                    value: "x".into(),
                    whole: true,
                }
                .to_string(),
                "context window \"x\" is not a whole number",
            ),
            (
                FileRefused::Shape {
                    origin: "f.json".into(),
                    at: "1:1".into(),
                    what: "not a genai-prices data file".into(),
                }
                .to_string(),
                "f.json:1:1: not a genai-prices data file",
            ),
            (
                FileRefused::Shape {
                    origin: "f.json".into(),
                    at: String::new(),
                    what: "provider 2 is not an object".into(),
                }
                .to_string(),
                "f.json: provider 2 is not an object",
            ),
            (
                NoOffering::NotOffered {
                    gpu: "H100".into(),
                    choice: "x".into(),
                    offered: vec!["a".into(), "b".into()],
                }
                .to_string(),
                "H100 has no offering \"x\"; it has: a, b",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }
}
