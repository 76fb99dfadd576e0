//! The library a scenario's local model and GPU are looked up in: the shell's, carried in the
//! scenario (`sc.catalog.library`) by [`crate::model::assessment::resolve`] from the catalog
//! it holds. The model reads no catalog of its own.

use std::sync::Arc;

use super::library::{GpuEntry, Library, ModelEntry};
use super::replica::Unavailable;
use crate::model::scenario::Scenario;

/// The library in use, if the scenario was resolved against a catalog. Shared, never copied:
/// the flip table and the Monte Carlo clone scenarios thousands of times.
#[derive(Clone, Default)]
pub(crate) struct InUse(Option<Arc<Library>>);

impl InUse {
    /// The library, when the scenario has one.
    fn get(&self) -> Option<&Library> {
        self.0.as_deref()
    }
}

/// Scenarios print the library's size, not its hundreds of entries.
impl std::fmt::Debug for InUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            None => f.write_str("InUse(none)"),
            Some(l) => write!(f, "InUse({} models, {} GPUs)", l.models.len(), l.gpus.len()),
        }
    }
}

/// The same library: the same copy, or equal entries.
impl PartialEq for InUse {
    fn eq(&self, other: &InUse) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
            _ => false,
        }
    }
}

/// `sc` with `lib` as the library its local model and GPU are looked up in (the part of
/// resolve that reads the library).
pub fn look_up(sc: &mut Scenario, lib: &Arc<Library>) {
    sc.catalog.library = InUse(Some(Arc::clone(lib)));
}

/// The scenario's local model entry, or why there is none (not in the library, naming the
/// closest; or no library: the scenario was not resolved).
pub(crate) fn model_entry(sc: &Scenario) -> Result<&ModelEntry, Unavailable> {
    let name = &sc.self_host.model;
    match sc.catalog.library.get() {
        Some(lib) => lib
            .model(name)
            .map_err(|e| Unavailable::NotInCatalog(e.to_string())),
        None => Err(Unavailable::Unresolved(name.clone())),
    }
}

/// The scenario's local model entry when the library knows it, without ranking the closest
/// names on a miss (asked on every evaluation).
pub(crate) fn known_model(sc: &Scenario) -> Option<&ModelEntry> {
    sc.catalog.library.get()?.known_model(&sc.self_host.model)
}

/// The scenario's GPU entry, or why there is none.
pub fn gpu_entry(sc: &Scenario) -> Result<&GpuEntry, Unavailable> {
    let name = &sc.self_host.gpu;
    match sc.catalog.library.get() {
        Some(lib) => lib
            .gpu(name)
            .map_err(|e| Unavailable::NotInCatalog(e.to_string())),
        None => Err(Unavailable::Unresolved(name.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::serving::Serving;
    use crate::model::throughput::replica::estimate_for;
    use crate::model::throughput::settings::Source;

    /// The model reads the library the scenario carries, and only that one: without one there
    /// is no estimate (saying why) and no local window; with an edited one, its figures.
    #[test]
    fn the_estimate_and_the_window_come_from_the_library_carried() {
        let mut sc = Scenario::default();
        sc.self_host.estimate.source = Source::Estimate;
        sc.workload.input_tokens = 100_000.0;
        assert_eq!(
            estimate_for(&sc).unwrap_err(),
            Unavailable::Unresolved("Llama 3.1 8B".into())
        );
        assert_eq!(
            estimate_for(&sc).unwrap_err().to_string(),
            "\"Llama 3.1 8B\" was not looked up in the catalog"
        );
        let unserved = Some(crate::model::serving::Unserved::NoEstimate);
        assert_eq!(
            Serving::of(&sc).local,
            unserved,
            "no estimate: cannot serve"
        );
        let shipped = crate::catalog::library();
        look_up(&mut sc, shipped);
        assert!(estimate_for(&sc).is_ok());
        assert_eq!(Serving::of(&sc).local, None, "131,072 tokens hold 100,200");
        // A library whose Llama 3.1 8B holds 65,536 tokens: the same scenario cannot serve.
        let mut short = Library::clone(shipped);
        let m = short
            .models
            .iter_mut()
            .find(|m| m.arch.name == "Llama 3.1 8B")
            .unwrap();
        m.arch.max_context = 65_536;
        look_up(&mut sc, &Arc::new(short));
        assert!(Serving::of(&sc).local.is_some());
        // Names are looked up when asked: a model changed after resolving is found.
        sc.self_host.model = "Llama 3.1 70B".into();
        assert_eq!(model_entry(&sc).unwrap().arch.name, "Llama 3.1 70B");
        sc.self_host.gpu = "H1000".into();
        assert!(
            matches!(gpu_entry(&sc), Err(Unavailable::NotInCatalog(m)) if m.contains("closest"))
        );
    }
}
