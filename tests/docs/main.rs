//! The documents stay true: docs/MODEL.md's worked figures, docs/KEYS.md's table, the README's
//! commands and keys, the screenshots, and no reference to anything outside the repository. One test
//! binary with a module per document.

mod function_length;
mod keys;
mod model_doc;
mod model_surface;
mod readme;
mod readme_commands;
mod screenshots;
mod self_contained;
