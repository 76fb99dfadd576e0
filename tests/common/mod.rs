//! What several test files share: the real binary with a private config folder (`cli`) and the
//! dashboard on ratatui's TestBackend (`ui`). Each test file uses part of it.
#![allow(dead_code)]

pub mod cli;
pub mod ui;
