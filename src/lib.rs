//! crossover: call an API model, self-host an open model, or route between both?
//!
//! Everything lives in the library; `main.rs` is only the edge. The pure cost model
//! ([`model`]) is in the middle: scenarios in, numbers out, no I/O. Around it: presets
//! ([`preset`]) and the price catalog ([`catalog`]) that build scenarios, and the shells that
//! show the numbers: the dashboard ([`tui`]), headless reports ([`report`]), chart exports
//! ([`export`]) and the command line ([`cli`]). The rest are edges every shell shares: bounded
//! reads ([`input`]), no-clobber writes ([`atomic`]), signals, sanitising text from files.

// Tests build scenarios by changing a few fields of the defaults, which reads best as
// assignments.
#![allow(clippy::field_reassign_with_default)]
// Nothing a user or a file can influence may panic: no unwrap or expect outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod atomic;
pub mod calibrate;
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
pub mod wording;
