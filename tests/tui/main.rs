//! The dashboard driven like a user drives it: key and mouse events into the real update and
//! draw code on ratatui's TestBackend, with insta snapshots of the screen. One test binary with
//! a module per area.

#[path = "../common/mod.rs"]
mod common;

mod consistency;
mod dashboard;
mod fleet_exclusion;
mod owned_catalog;
mod tiers;
