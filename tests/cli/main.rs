//! The real binary, run as a user runs it: reports, presets, exports, the price catalog, the
//! throughput estimate, bad input, concurrent writes and signals. One test binary with a module
//! per area, so the suite links once instead of once per file.

#[path = "../common/mod.rs"]
mod common;

mod assessment;
mod browser;
mod calibrate;
mod commands;
mod export;
mod finance;
mod presets_2025;
mod price_schedule;
mod prices;
mod sanitize;
mod terminal_signals;
mod throughput;
mod tiers;
mod writes;
