//! `[uncertainty]`: Monte Carlo and tornado settings (the ranges live in `Scenario::uncertainty`).

use super::*;

/// The most Monte Carlo samples a scenario may ask for.
pub const MAX_SAMPLES: u32 = 200_000;

pub(super) static FIELDS: &[Field] = &[
    integer!(
        "uncertainty.samples",
        // Under 2 s on two cores (benches/engine.rs, "uncertainty at most"); 1,000,000
        // took about 6 s, most of it arithmetic on every sample at 256 volumes.
        Range::closed(1.0, MAX_SAMPLES as f64),
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
