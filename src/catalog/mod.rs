//! The price catalog: API models, GPU offerings and open-model profiles, shipped in
//! `assets/catalog/` (one file per section) and refreshed from LiteLLM's pricing file (`crossover prices import`).
//! Imported API prices come before the shipped ones, except where the shipped price of the same
//! model from the same provider is newer ([`reconcile`]).
//!
//! [`entries`] reads and checks catalogs, [`api_entry`] holds the one rule every API price
//! passes (shipped or imported), [`offerings`] the GPU offerings by market, [`pick`] applies an
//! entry to a scenario. [`litellm`] and [`genai_prices`] map the two importable formats;
//! [`store`] is how an import is kept so that it loads fast.

pub mod api_entry;
pub mod dates;
pub mod entries;
pub mod fleet;
pub mod fuzzy;
pub mod genai_prices;
pub mod import;
pub mod json;
pub mod litellm;
pub mod offerings;
pub mod owned;
pub mod pick;
pub mod reconcile;
pub mod store;

pub use entries::{ApiModel, Catalog, Gpu, LocalModel, Precision};
pub use offerings::{GpuOffering, Market};

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

/// The shipped GPUs and their offerings only (no API models, no local models): what the
/// owned fleet's figures follow ([`owned::follow`]), read without parsing the rest.
pub fn shipped_gpus() -> Catalog {
    let mut catalog = Catalog::default();
    for (path, text) in SHIPPED
        .iter()
        .filter(|(p, _)| p.ends_with("/gpus.toml") || p.ends_with("/gpu_offerings.toml"))
    {
        catalog.merge(Catalog::parse(text, &format!("{path} (built in)")));
    }
    catalog
}

/// Where `prices import` keeps its result: `$XDG_DATA_HOME/crossover/imported-prices.tsv`.
pub fn imported_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "crossover").map(|d| d.data_dir().join(IMPORTED_FILE))
}

/// The file name of a stored import.
pub const IMPORTED_FILE: &str = "imported-prices.tsv";
/// What crossover versions before the stored format wrote, dated with the import day.
const OLD_IMPORTED_FILE: &str = "imported-prices.toml";

/// The catalog in force: imported API prices (if any) before the shipped catalog. A broken
/// imported file is reported in `warnings`, never fatal.
pub fn load() -> Catalog {
    load_with(imported_path().as_deref())
}

/// [`load`] with the imported file given (tests use a temporary one).
pub fn load_with(imported: Option<&std::path::Path>) -> Catalog {
    let mut catalog = shipped();
    let Some(path) = imported else {
        return catalog;
    };
    let old = path.with_file_name(OLD_IMPORTED_FILE);
    if !path.exists() {
        if old.is_file() {
            catalog.warnings.push(format!(
                "{}: an import by an older crossover, dated with the day of the import rather than the prices' own date, is ignored: run `crossover prices import` again",
                old.display()
            ));
        }
        return catalog;
    }
    let shown = path.display().to_string();
    match crate::input::read_bounded(path, crate::input::IMPORT_CAP, "stored price import")
        .map_err(|e| e.to_string())
        .and_then(|text| store::read(&text, &shown))
    {
        Ok((info, api, warnings)) => {
            catalog.warnings.extend(warnings);
            let merged = reconcile::merge(api, std::mem::take(&mut catalog.api));
            catalog.api = merged.api;
            catalog.warnings.extend(merged.warnings);
            catalog.imported = Some(info);
        }
        Err(e) => catalog.warnings.push(e),
    }
    catalog
}
