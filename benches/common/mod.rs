//! Setups the benches share (a folder, so that Cargo does not take it for a bench).

use crossover::model::scenario::{ParamRange, Shape};
use crossover::model::Scenario;

/// `sc` with `samples` Monte Carlo draws and a uniform range for each `(key, low, high)`.
pub fn with_uniform_ranges(
    mut sc: Scenario,
    samples: u32,
    ranges: &[(&'static str, f64, f64)],
) -> Scenario {
    sc.uncertainty.samples = samples;
    for &(key, low, high) in ranges {
        sc.uncertainty.ranges.push(ParamRange {
            key,
            low,
            high,
            shape: Shape::Uniform,
        });
    }
    sc
}
