//! The cost model of docs/MODEL.md: plain functions over plain structs, no I/O.
//!
//! `Scenario` in ([`scenario`], keys in [`fields`]), numbers out: [`cost`] for each option's
//! daily cost, [`breakeven`] for crossings, break-even and payback, [`recommend`] for the
//! guide's five criteria, [`outcome`] for all of it at the current volume, [`curve`] for charts.

pub mod allowed;
pub mod assessment;
pub mod billing;
pub mod breakeven;
pub mod cost;
pub mod curve;
pub mod derivation;
pub mod exact;
pub mod fields;
pub mod fleet;
pub mod flips;
pub mod outcome;
pub mod owned_cost;
pub mod owned_inputs;
pub mod price_schedule;
pub mod recommend;
pub(crate) mod sampling;
pub mod scenario;
pub mod sensitivity;
pub mod serving;
pub mod staleness;
pub mod throughput;
pub mod timeline;
pub mod uncertainty;
#[cfg(test)]
mod worked_example;

pub use cost::Rates;
pub use outcome::Outcome;
pub use recommend::Choice;
pub use scenario::Scenario;
