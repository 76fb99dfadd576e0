//! Where presets come from: the ones shipped inside the binary, the user's own folder
//! (`directories::ProjectDirs`, which honours `XDG_CONFIG_HOME`), or a path to a `.toml` file.
//! A user preset with a shipped preset's name shadows it.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::InputError;
use super::parse::parse_scenario;
use crate::atomic::{write_atomic, WriteError};
use crate::input::{read_bounded, PRESET_CAP};
use crate::model::fields::nearest;
use crate::model::Scenario;

/// The presets compiled into the binary, so they work from any folder.
pub static SHIPPED: &[(&str, &str)] = &[
    ("default", include_str!("../../presets/default.toml")),
    (
        "guide-legal-docs",
        include_str!("../../presets/guide-legal-docs.toml"),
    ),
    (
        "chatbot-high-volume",
        include_str!("../../presets/chatbot-high-volume.toml"),
    ),
    (
        "privacy-first",
        include_str!("../../presets/privacy-first.toml"),
    ),
    (
        "llama-70b-multi-gpu",
        include_str!("../../presets/llama-70b-multi-gpu.toml"),
    ),
    (
        "chat-assistant-estimate",
        include_str!("../../presets/chat-assistant-estimate.toml"),
    ),
    (
        "long-documents-kv-bound",
        include_str!("../../presets/long-documents-kv-bound.toml"),
    ),
    ("reference", include_str!("../../presets/reference.toml")),
];

/// Where a preset was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Shipped,
    User(PathBuf),
    File(PathBuf),
}

/// A preset read and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The name to save under or show: the file stem.
    pub name: String,
    pub source: Source,
    pub scenario: Scenario,
    /// What the user should know about how the scenario was put together (for example what a
    /// catalog pick changed or kept): shown in reports, the JSON `warnings` and the dashboard.
    pub notes: Vec<String>,
}

/// One row of `presets list`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub source: Source,
    /// A user preset that hides the shipped one of the same name.
    pub shadows_shipped: bool,
    /// The preset's description, or the reason it does not load.
    pub description: Result<String, String>,
}

/// The user's preset folder: `$XDG_CONFIG_HOME/crossover/presets` on Linux.
pub fn user_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "crossover").map(|d| d.config_dir().join("presets"))
}

/// The built-in default scenario, as shipped.
pub fn default_loaded() -> Loaded {
    let text = SHIPPED[0].1;
    Loaded {
        name: "default".into(),
        source: Source::Shipped,
        // The shipped default is checked by the tests; fall back to the model's defaults anyway.
        scenario: parse_scenario(text, "presets/default.toml").unwrap_or_default(),
        notes: Vec::new(),
    }
}

/// True when `arg` names a file rather than a preset.
fn looks_like_path(arg: &str) -> bool {
    arg.ends_with(".toml") || arg.contains('/') || arg.contains(std::path::MAIN_SEPARATOR)
}

/// Load PRESET: a path to a `.toml` file, or the name of a user or shipped preset.
pub fn load(arg: &str) -> Result<Loaded, InputError> {
    load_in(arg, user_dir().as_deref())
}

/// [`load`] with the user folder given (tests use a temporary one).
pub fn load_in(arg: &str, user: Option<&Path>) -> Result<Loaded, InputError> {
    if looks_like_path(arg) {
        let path = PathBuf::from(arg);
        let scenario = read_file(&path, arg)?;
        return Ok(Loaded {
            name: stem(&path),
            source: Source::File(path),
            scenario,
            notes: Vec::new(),
        });
    }
    if let Some(path) = user
        .map(|d| d.join(format!("{arg}.toml")))
        .filter(|p| p.exists() && !p.is_dir())
    {
        let scenario = read_file(&path, &path.display().to_string())?;
        return Ok(Loaded {
            name: arg.into(),
            source: Source::User(path),
            scenario,
            notes: Vec::new(),
        });
    }
    if let Some((name, text)) = SHIPPED.iter().find(|(n, _)| *n == arg) {
        let scenario = parse_scenario(text, &format!("presets/{name}.toml (built in)"))?;
        return Ok(Loaded {
            name: arg.into(),
            source: Source::Shipped,
            scenario,
            notes: Vec::new(),
        });
    }
    let known: Vec<String> = list_in(user).into_iter().map(|e| e.name).collect();
    let mut e = InputError::new(format!("preset {arg:?}"), "is not a known preset").help(format!(
        "known presets: {}; or give a path to a .toml file",
        known.join(", ")
    ));
    if let Some(near) = nearest(arg, known.iter().map(String::as_str)) {
        e = e.help(format!(
            "did you mean {near}? known presets: {}",
            known.join(", ")
        ));
    }
    Err(e)
}

/// Read and validate a preset file, with errors for missing, unreadable, binary, oversized
/// and special files (at most [`PRESET_CAP`] bytes).
pub fn read_file(path: &Path, shown: &str) -> Result<Scenario, InputError> {
    let text = read_bounded(path, PRESET_CAP, "preset")
        .map_err(|e| InputError::new(shown, e.why.to_string()))?;
    parse_scenario(&text, shown)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "preset".into(), |s| s.to_string_lossy().into_owned())
}

/// Every preset: user presets first (marking those that shadow a shipped one), then shipped.
pub fn list() -> Vec<Entry> {
    list_in(user_dir().as_deref())
}

/// [`list`] with the user folder given.
pub fn list_in(user: Option<&Path>) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut user_names = Vec::new();
    if let Some(dir) = user {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        // Devices and FIFOs are listed with the reason they do not load; folders are skipped.
        files.retain(|p| p.extension().is_some_and(|x| x == "toml") && p.exists() && !p.is_dir());
        files.sort();
        for path in files {
            let name = stem(&path);
            let description = read_file(&path, &path.display().to_string())
                .map(|s| s.description)
                .map_err(|e| e.to_string());
            let shadows_shipped = SHIPPED.iter().any(|(n, _)| *n == name);
            user_names.push(name.clone());
            out.push(Entry {
                name,
                source: Source::User(path),
                shadows_shipped,
                description,
            });
        }
    }
    for (name, text) in SHIPPED {
        if user_names.iter().any(|n| n == name) {
            continue;
        }
        let description = parse_scenario(text, name)
            .map(|s| s.description)
            .map_err(|e| e.to_string());
        out.push(Entry {
            name: (*name).into(),
            source: Source::Shipped,
            shadows_shipped: false,
            description,
        });
    }
    out
}

/// Why a preset name cannot be used to save.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{name:?} is not a usable preset name: use letters, digits, '-' and '_' (up to 64, \
             starting with a letter or digit), e.g. my-scenario"
        ))
    }
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{0}")]
    BadName(String),
    #[error("no configuration folder could be found for user presets (is HOME set?)")]
    NoFolder,
    #[error("cannot create the preset folder {}: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("user preset {name:?} already exists at {} (use --force to overwrite it)", path.display())]
    Exists { name: String, path: PathBuf },
    #[error(transparent)]
    Write(WriteError),
}

/// The file a user preset called `name` lives in.
pub fn user_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.toml"))
}

/// Save `scenario` as the user preset `name` in `dir`, atomically.
pub fn save_in(
    dir: &Path,
    name: &str,
    scenario: &Scenario,
    force: bool,
) -> Result<PathBuf, SaveError> {
    check_name(name).map_err(SaveError::BadName)?;
    fs::create_dir_all(dir).map_err(|source| SaveError::Folder {
        path: dir.into(),
        source,
    })?;
    let path = user_path(dir, name);
    let header = format!("crossover preset {name:?}; keys and ranges: see docs/KEYS.md");
    let text = super::write::to_toml(scenario, &[&header]);
    write_atomic(&path, text.as_bytes(), force).map_err(|e| match e {
        WriteError::Exists(path) => SaveError::Exists {
            name: name.into(),
            path,
        },
        other => SaveError::Write(other),
    })?;
    Ok(path)
}

/// [`save_in`] the user's preset folder.
pub fn save(name: &str, scenario: &Scenario, force: bool) -> Result<PathBuf, SaveError> {
    let dir = user_dir().ok_or(SaveError::NoFolder)?;
    save_in(&dir, name, scenario, force)
}

#[cfg(test)]
mod tests {
    /// The `reference` preset gives docs/MODEL.md §5's figures to the cent.
    #[test]
    fn the_reference_preset_gives_the_contracts_figures() {
        let sc = load_in("reference", None).unwrap().scenario;
        let o = crate::model::outcome::Outcome::evaluate(&sc);
        let cents = |x: f64| (x * 100.0).round() / 100.0;
        assert_eq!(cents(o.api.usd_per_day), 100.0);
        assert_eq!(cents(o.self_host.usd_per_day), 153.61);
        assert_eq!(cents(o.self_host.gpu_usd_per_day), 60.0);
        assert_eq!(cents(o.self_host.overhead_usd_per_day), 6.0);
        assert_eq!(cents(o.hybrid.usd_per_day), 183.61);
        assert_eq!(cents(o.breakeven_requests_per_day.unwrap()), 15361.12);
        assert_eq!(o.payback_months, None);
        let mut big = sc;
        big.workload.requests_per_day = 1_000_000.0;
        let o = crate::model::outcome::Outcome::evaluate(&big);
        assert_eq!(cents(o.self_host.usd_per_day), 747.61);
    }

    use super::*;

    #[test]
    fn every_shipped_preset_loads_and_is_dated() {
        for (name, _) in SHIPPED {
            let l = load_in(name, None).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                !l.scenario.prices_as_of.is_empty(),
                "{name} has no prices_as_of"
            );
            assert!(
                !l.scenario.description.is_empty(),
                "{name} has no description"
            );
        }
        // The shipped default keeps the reference workload, engineering and routing of
        // docs/MODEL.md §1; its models and prices are of today (the `reference` preset keeps
        // the reference scenario whole).
        let shipped = default_loaded().scenario;
        let reference = Scenario::default();
        assert_eq!(shipped.workload, reference.workload);
        assert_eq!(shipped.engineering, reference.engineering);
        assert_eq!(shipped.hybrid.local_share, reference.hybrid.local_share);
        assert_eq!(shipped.constraints, reference.constraints);
        assert_eq!(load_in("default", None).unwrap().scenario, shipped);
    }

    /// Every shipped preset but `reference` (the contract's fixed point, GPT-4o at June-2025
    /// prices) passes crossover's own checks at the catalog's date: no stale price, no given
    /// throughput above the estimator's ceiling (no warning about its own figures at all), no
    /// blocker, and no API model the catalog marks legacy.
    #[test]
    fn no_shipped_preset_warns_about_its_own_figures() {
        use crate::model::assessment::{Assessment, Severity};
        let catalog = crate::catalog::shipped();
        let today = catalog.as_of.clone();
        assert!(crate::model::staleness::is_date(&today), "{today}");
        for (name, _) in SHIPPED.iter().filter(|(n, _)| *n != "reference") {
            let sc = load_in(name, None).unwrap().scenario;
            let a = Assessment::of(&sc, &catalog, &today);
            let warnings: Vec<_> = a
                .findings
                .iter()
                .filter(|f| f.severity != Severity::Note)
                .collect();
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            // The cheap tier's label counts only where the tier has a share (the default's
            // is a current model anyway).
            let cheap = (sc.hybrid.cheap_share > 0.0 || *name == "default")
                .then_some(&sc.hybrid.cheap_model);
            for api in std::iter::once(&sc.api.model).chain(cheap) {
                let m = catalog
                    .api_model(api)
                    .unwrap_or_else(|e| panic!("{name}: {api}: {e}"));
                assert!(!m.legacy, "{name}: {api} is legacy");
            }
            let m = catalog.api_model(&sc.api.model).unwrap();
            assert_eq!(
                (sc.api.input_per_mtok, sc.api.output_per_mtok),
                (m.input_per_mtok, m.output_per_mtok),
                "{name}: {}'s prices are the catalog's",
                m.name
            );
            assert_eq!(sc.catalog.api_as_of, m.as_of, "{name}");
            assert!(catalog.model(&sc.self_host.model).is_ok(), "{name}");
            assert_eq!(
                sc.self_host.estimate.source,
                crate::model::throughput::settings::Source::Estimate,
                "{name}: self-hosting from the estimate"
            );
            let gpu = catalog.gpu(&sc.self_host.gpu).unwrap();
            let offering = catalog
                .offerings_of(gpu)
                .into_iter()
                .find(|o| o.name == sc.catalog.gpu_offering)
                .unwrap_or_else(|| panic!("{name}: no offering {}", sc.catalog.gpu_offering));
            assert_eq!(
                offering.per_gpu_hour,
                Some(sc.self_host.gpu_per_hour),
                "{name}"
            );
            assert_eq!(offering.as_of, sc.catalog.gpu_as_of, "{name}");
        }
    }

    /// The guide preset keeps the guide's API figures ($0.30 a document: $150/day at 500,
    /// $1,500 at 5,000) and routing (667 documents, $200/day, on Claude at 5,000).
    #[test]
    fn the_guide_preset_keeps_the_guides_api_figures() {
        let sc = crate::catalog::with_library(&load_in("guide-legal-docs", None).unwrap().scenario);
        let at = |v: f64| {
            let mut sc = sc.clone();
            sc.workload.requests_per_day = v;
            crate::model::outcome::Outcome::evaluate(&sc)
        };
        let cents = |x: f64| (x * 100.0).round() / 100.0;
        assert_eq!(cents(at(500.0).api.usd_per_day), 150.0);
        let o = at(5_000.0);
        assert_eq!(cents(o.api.usd_per_day), 1_500.0);
        assert_eq!(cents(o.hybrid.usd_per_day - o.self_host.usd_per_day), 200.0);
        assert_eq!((5_000.0 * (1.0 - sc.hybrid.local_share)).round(), 667.0);
    }

    #[test]
    fn user_presets_shadow_shipped_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 123.0;
        save_in(dir.path(), "default", &sc, false).unwrap();
        assert!(matches!(
            save_in(dir.path(), "default", &sc, false),
            Err(SaveError::Exists { .. })
        ));
        let l = load_in("default", Some(dir.path())).unwrap();
        assert_eq!(l.scenario.workload.requests_per_day, 123.0);
        assert!(matches!(l.source, Source::User(_)));
        let list = list_in(Some(dir.path()));
        assert!(list[0].shadows_shipped && list[0].name == "default");
        assert_eq!(list.iter().filter(|e| e.name == "default").count(), 1);
    }

    #[test]
    fn unknown_names_list_the_known_ones() {
        let e = load_in("defualt", None).unwrap_err().to_string();
        assert!(e.contains("did you mean default?"), "{e}");
        assert!(check_name("../evil").is_err() && check_name("ok_name-2").is_ok());
    }
}
