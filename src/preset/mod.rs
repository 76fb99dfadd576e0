//! Presets: scenarios as TOML files, shipped in the binary or saved in the user's folder.
//!
//! [`parse`] reads and validates one, [`write`] produces one, [`overrides`] applies `--set`,
//! [`library`] finds, lists and saves them; [`error`] is the located message a user sees.

pub mod error;
pub mod library;
pub mod overrides;
pub mod parse;
pub mod schedule;
pub mod write;

pub use error::InputError;
pub use library::{load, Loaded, Source};
