//! The price catalog: API models, GPU offerings and open-model profiles, shipped in
//! `assets/catalog/` (one file per section) and refreshed from LiteLLM's pricing file (`crossover prices import`).
//! Imported API prices come before the shipped ones.
//!
//! [`entries`] reads and checks catalogs, [`pick`] applies an entry to a scenario,
//! [`litellm`] maps LiteLLM's format.

pub mod dates;
pub mod entries;
pub mod fuzzy;
pub mod litellm;
pub mod pick;

pub use entries::{ApiModel, Catalog, Gpu, LocalModel, Precision};

use std::path::PathBuf;

/// The shipped catalog, one file per section so that work on one section does not touch
/// another: (path in the repository, text). All are embedded in the binary.
pub static SHIPPED: &[(&str, &str)] = &[
    (
        "assets/catalog/api.toml",
        include_str!("../../assets/catalog/api.toml"),
    ),
    (
        "assets/catalog/gpus.toml",
        include_str!("../../assets/catalog/gpus.toml"),
    ),
    (
        "assets/catalog/gpu_offerings.toml",
        include_str!("../../assets/catalog/gpu_offerings.toml"),
    ),
    (
        "assets/catalog/models.toml",
        include_str!("../../assets/catalog/models.toml"),
    ),
];

/// The shipped catalog alone, every section file read and merged.
pub fn shipped() -> Catalog {
    let mut catalog = Catalog::default();
    for (path, text) in SHIPPED {
        catalog.merge(Catalog::parse(text, &format!("{path} (built in)")));
    }
    catalog
}

/// Where `prices import` keeps its result: `$XDG_DATA_HOME/crossover/imported-prices.toml`.
pub fn imported_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "crossover")
        .map(|d| d.data_dir().join("imported-prices.toml"))
}

/// The catalog in force: imported API prices (if any) before the shipped catalog. A broken
/// imported file is reported in `warnings`, never fatal.
pub fn load() -> Catalog {
    load_with(imported_path().as_deref())
}

/// [`load`] with the imported file given (tests use a temporary one).
pub fn load_with(imported: Option<&std::path::Path>) -> Catalog {
    let mut catalog = shipped();
    if let Some(path) = imported.filter(|p| p.exists()) {
        match crate::input::read_bounded(path, crate::input::IMPORT_CAP, "price catalog") {
            Ok(text) => {
                let extra = Catalog::parse(&text, &path.display().to_string());
                catalog.warnings.extend(extra.warnings);
                let mut api = extra.api;
                api.append(&mut catalog.api);
                catalog.api = api;
            }
            Err(e) => catalog.warnings.push(e.to_string()),
        }
    }
    catalog
}
