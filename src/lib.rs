//! crossover: call an API model, self-host an open model, or route between both?
//!
//! The library holds the pure cost model ([`model`]), presets ([`preset`]) and the front ends
//! that share it: headless reports ([`report`]) and the command line ([`cli`]).

pub mod atomic;
pub mod figures;
pub mod model;
pub mod preset;
pub mod report;
pub mod cli;
