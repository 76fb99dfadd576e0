//! What the dashboard and the exported charts show about the self-hosted replica's
//! throughput, computed once per change of the scenario (docs/MODEL.md §6.2): the estimate when `self_host.throughput =
//! "estimate"`, the rates the cost model uses, and the throughput warnings that the report
//! and the JSON `warnings` array also carry.

use crate::model::assessment::said_by_blockers;
use crate::model::throughput::replica::{estimate_for, rates, Unavailable};
use crate::model::throughput::settings::Source;
use crate::model::throughput::Estimate;
use crate::model::Scenario;
use crate::wording::checks::is_estimate_statement;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Throughput {
    /// The estimate, or why there is none; `None` while throughput is `given`.
    pub estimate: Option<Result<Estimate, Unavailable>>,
    /// Prefill and decode tokens/s per replica in force, before the throughput factor.
    pub rates: (f64, f64),
    /// Every throughput warning, as the report words it.
    pub warnings: Vec<String>,
    /// "calibrated from your measurements (N runs, date)" while a fit of the user's runs
    /// sets the estimate.
    pub calibration: Option<String>,
}

impl Throughput {
    /// `catalog` gives the API model's context window and the library the local model and GPU
    /// are looked up in.
    pub fn of(sc: &Scenario, catalog: &crate::catalog::Catalog) -> Throughput {
        let window = catalog
            .api_model(&sc.api.model)
            .ok()
            .and_then(|m| m.context_window);
        let mut sc = sc.clone();
        crate::model::throughput::looked::look_up(&mut sc, &catalog.library);
        Throughput::with_window(&sc, window)
    }

    /// [`Throughput::of`] for a scenario resolved against the catalog
    /// ([`crate::model::assessment::resolve`]): its API model's window is already in it.
    pub fn of_resolved(sc: &Scenario) -> Throughput {
        Throughput::with_window(sc, sc.catalog.api_window)
    }

    fn with_window(sc: &Scenario, api_window: Option<u64>) -> Throughput {
        let estimate = (sc.self_host.estimate.source == Source::Estimate).then(|| estimate_for(sc));
        Throughput {
            estimate,
            rates: rates(sc),
            warnings: crate::model::throughput::checks::checks(sc, api_window)
                .found
                .iter()
                .map(crate::wording::checks::check)
                .collect(),
            calibration: crate::calibrate::apply::in_use(sc).map(|f| f.phrase()),
        }
    }

    /// The estimate in force, if the scenario asks for one and it could be made.
    pub fn estimated(&self) -> Option<&Estimate> {
        self.estimate.as_ref().and_then(|e| e.as_ref().ok())
    }

    /// The line under the Throughput switch: "estimated: KV cache, 180 at once" ("calibrated:
    /// …" while a fit of the user's runs sets the estimate: the summary names it), why there is
    /// no estimate, or that the rates are typed in. The flag says it is a problem.
    pub fn note(&self) -> (String, bool) {
        match &self.estimate {
            Some(Ok(e)) if !e.fits_target => {
                (format!("cannot serve: {} missed", e.bound.label()), true)
            }
            Some(Ok(e)) => (
                format!(
                    "{}: {}, {} at once",
                    if self.calibration.is_some() {
                        "calibrated"
                    } else {
                        "estimated"
                    },
                    e.bound.label(),
                    crate::figures::num(f64::from(e.max_concurrency))
                ),
                false,
            ),
            Some(Err(e)) => (format!("no estimate, so it cannot serve: {e}"), true),
            None => ("given: prefill and decode as typed".into(), false),
        }
    }

    /// The warnings a planner must act on (the estimate's own statement aside, which the
    /// parameters panel shows).
    pub fn alerts(&self) -> impl Iterator<Item = &String> {
        // What cannot serve is said by the verdicts (docs/MODEL.md §6.4), once.
        self.warnings
            .iter()
            .filter(|w| !is_estimate_statement(w) && !said_by_blockers(w))
    }
}
