//! The documents stay true: docs/MODEL.md's worked figures, the README's keys table and
//! commands, the screenshots, and no reference to anything outside the repository. One test
//! binary with a module per document.

mod model_doc;
mod readme;
mod readme_commands;
mod screenshots;
mod self_contained;
