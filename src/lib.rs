//! crossover: call an API model, self-host an open model, or route between both?
//!
//! The library holds the pure cost model ([`model`]), presets ([`preset`]) and the front ends
//! that share it: headless reports ([`report`]) and the command line ([`cli`]).

// Tests build scenarios by changing a few fields of the defaults, which reads best as
// assignments.
#![allow(clippy::field_reassign_with_default)]
// Nothing a user or a file can influence may panic: no unwrap or expect outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod atomic;
pub mod catalog;
pub mod checked;
pub mod cli;
pub mod clock;
pub mod export;
pub mod figures;
pub mod input;
pub mod model;
pub mod preset;
pub mod report;
pub mod sanitize;
pub mod signals;
pub mod suggest;
pub mod tui;
