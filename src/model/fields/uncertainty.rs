//! `[uncertainty]`: Monte Carlo and tornado settings (the ranges live in `Scenario::uncertainty`).

use super::*;

pub(super) static FIELDS: &[Field] = &[
    integer!(
        "uncertainty.samples",
        Range::closed(1.0, 1_000_000.0),
        "samples",
        "MC samples",
        "scenarios drawn for the Monte Carlo bands",
        uncertainty.samples
    ),
    integer!(
        "uncertainty.seed",
        Range::closed(0.0, 4_294_967_295.0),
        "",
        "MC seed",
        "seed of the draws, so runs repeat exactly",
        uncertainty.seed
    ),
    number!(
        "uncertainty.swing",
        Range::closed(0.0, 0.9),
        "",
        "Sensitivity swing",
        "± share each input swings in the sensitivity table unless it has its own range",
        uncertainty.swing
    ),
];
