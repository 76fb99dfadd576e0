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
pub mod owned_from_gpu;
pub mod pick;
pub mod reconcile;
pub mod refusal;
pub mod store;

pub use entries::{ApiModel, Catalog, Gpu, LocalModel, Precision};
pub use offerings::{GpuOffering, Market};

use std::path::PathBuf;

use crate::model::throughput::library::{Library, Syntax};

/// The shipped catalog's prices, one file per section so that work on one section does not
/// touch another: (path in the repository, text). All are embedded in the binary, as the JSON
/// that build.rs makes of each TOML file, without the model architectures (`[[model]]`): the
/// throughput library reads those from the full file, once per process.
pub static SHIPPED: &[(&str, &str)] = &[
    (
        "assets/catalog/api.toml",
        include_str!(concat!(env!("OUT_DIR"), "/api.prices.json")),
    ),
    (
        "assets/catalog/gpus.toml",
        include_str!(concat!(env!("OUT_DIR"), "/gpus.prices.json")),
    ),
    (
        "assets/catalog/gpu_offerings.toml",
        include_str!(concat!(env!("OUT_DIR"), "/gpu_offerings.prices.json")),
    ),
    (
        "assets/catalog/models.toml",
        include_str!(concat!(env!("OUT_DIR"), "/models.prices.json")),
    ),
];

/// The shipped catalog alone, every section file read and merged; its models are the
/// throughput library's ([`library`]), read once per process.
pub fn shipped() -> Catalog {
    shipped_prices(|_| true).with_models(library().clone())
}

/// The shipped library (model architectures and GPU specifications), read on first use: the
/// shells' one copy per process. The model never reads it: it gets a scenario's entries from
/// the catalog the shell passes ([`crate::model::assessment::resolve`]).
pub fn library() -> &'static std::sync::Arc<Library> {
    static LIB: std::sync::OnceLock<std::sync::Arc<Library>> = std::sync::OnceLock::new();
    LIB.get_or_init(|| std::sync::Arc::new(Library::shipped()))
}

/// `sc` with the shipped library to look its local model and GPU up in, and nothing else of
/// resolve (no date, no API window): for tests, benches and tools that evaluate a scenario
/// without a catalog of their own.
pub fn with_library(sc: &crate::model::Scenario) -> crate::model::Scenario {
    let mut sc = sc.clone();
    crate::model::throughput::looked::look_up(&mut sc, library());
    sc
}

/// Each shipped file whose path `wanted` keeps, read: `(its place in [`SHIPPED`], its
/// catalog)`; a file that cannot be read gives an empty catalog with the warning.
fn shipped_each(wanted: impl Fn(&str) -> bool) -> Vec<(usize, Catalog)> {
    SHIPPED
        .iter()
        .enumerate()
        .filter(|(_, (p, _))| wanted(p))
        .map(|(i, (path, text))| {
            let origin = format!("{path} (built in)");
            let c = Catalog::read_prices(text, &origin, Syntax::Json).unwrap_or_else(|e| Catalog {
                warnings: vec![format!("{origin}: not a valid catalog: {e}")],
                ..Catalog::default()
            });
            (i, c)
        })
        .collect()
}

/// The shipped GPUs and their offerings only (no API models, no local models): what the
/// owned fleet's figures follow ([`owned_from_gpu::follow`]), read without parsing the rest.
pub fn shipped_gpus() -> Catalog {
    Catalog {
        library: library().clone(),
        ..shipped_prices(|p| p.ends_with("/gpus.toml") || p.ends_with("/gpu_offerings.toml"))
    }
}

/// The prices of the shipped files whose path `wanted` keeps, merged in order.
fn shipped_prices(wanted: impl Fn(&str) -> bool) -> Catalog {
    let mut catalog = Catalog::default();
    for (_, c) in shipped_each(wanted) {
        catalog.merge(c);
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
        .and_then(|text| store::read(&text, &shown).map_err(String::from))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::throughput::library::Library;

    /// The TOML files as people write them.
    const TOML: [(&str, &str); 4] = [
        ("api", include_str!("../../assets/catalog/api.toml")),
        ("gpus", include_str!("../../assets/catalog/gpus.toml")),
        (
            "gpu_offerings",
            include_str!("../../assets/catalog/gpu_offerings.toml"),
        ),
        ("models", include_str!("../../assets/catalog/models.toml")),
    ];

    /// build.rs's JSON reads to the same prices and the same library as the TOML it was
    /// made from, entry for entry; the prices' view holds no model architectures.
    #[test]
    fn the_embedded_json_reads_as_its_toml() {
        use crate::model::throughput::library::{SHIPPED_GPUS, SHIPPED_MODELS};
        for ((path, json), (name, toml)) in SHIPPED.iter().zip(TOML) {
            assert!(
                path.ends_with(&format!("/{name}.toml")),
                "{path} against {name}"
            );
            let from_json = Catalog {
                library: Default::default(),
                ..Catalog::read(json, path, Syntax::Json)
            };
            let from_toml = Catalog::read_prices(toml, path, Syntax::Toml).unwrap();
            assert_eq!(from_json, from_toml, "{path}");
            assert!(
                from_json.warnings.is_empty(),
                "{path}: {:?}",
                from_json.warnings
            );
            assert!(Library::read(json, path, Syntax::Json).models.is_empty());
        }
        for (json, (name, toml)) in [(SHIPPED_GPUS, TOML[1]), (SHIPPED_MODELS, TOML[3])] {
            assert_eq!(
                Library::read(json, name, Syntax::Json),
                Library::parse(toml, name),
                "{name}"
            );
        }
        let all = shipped();
        assert!(all.api.len() > 20 && all.gpus.len() > 5 && all.models.len() > 20);
        let mut from_toml = Catalog::default();
        for (name, toml) in TOML {
            from_toml.merge(Catalog::parse(
                toml,
                &format!("assets/catalog/{name}.toml (built in)"),
            ));
        }
        assert_eq!(
            all, from_toml,
            "the shipped catalog, read once, is the four files merged"
        );
    }
}
