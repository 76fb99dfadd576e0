//! The Sensitivity tab's flip panel (docs/MODEL.md §7.4), computed off the input thread like
//! the Monte Carlo bands: a flip table takes 1–5 ms, over the keypress budget. Every change
//! asks for a new table; one worker runs at a time, and a change that arrives meanwhile is
//! computed next with the latest scenario. Until the fresh table arrives, the panel says it is
//! being computed.

use std::sync::Arc;

use super::latest::{Background, Latest};
use crate::catalog::Catalog;
use crate::model::assessment::resolve;
use crate::model::flips::{flips, Flips};
use crate::model::Scenario;

pub struct FlipPanel {
    /// The table for the current scenario, once computed (or why there is none).
    pub current: Option<Result<Flips, String>>,
    /// The worker (set `worker.inline` to compute on the calling thread).
    pub worker: Latest<Flips>,
    /// The catalog and the day the scenario is resolved with, as the report does.
    catalog: Arc<Catalog>,
    today: Arc<str>,
}

impl FlipPanel {
    pub fn new(catalog: &Catalog, today: &str) -> FlipPanel {
        FlipPanel {
            current: None,
            worker: Latest::default(),
            catalog: Arc::new(catalog.clone()),
            today: Arc::from(today),
        }
    }

    /// The scenario changed: drop the old table and compute a new one, for the scenario with
    /// the catalog's facts filled in (as `report` and the tornado have it).
    pub fn request(&mut self, sc: &Scenario) {
        self.current = None;
        let (catalog, today) = (Arc::clone(&self.catalog), Arc::clone(&self.today));
        let done = self.worker.request(
            sc,
            Arc::new(move |sc| Ok(flips(&resolve(sc, &catalog, &today)))),
        );
        self.settle(done);
    }
}

impl Background for FlipPanel {
    type Output = Flips;

    fn latest(&self) -> &Latest<Flips> {
        &self.worker
    }

    fn latest_mut(&mut self) -> &mut Latest<Flips> {
        &mut self.worker
    }

    fn keep(&mut self, result: Result<Flips, String>) {
        self.current = Some(result);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The panel's table is the report's: the defaults flip to self-hosting above
    /// 15,361.12 requests/day (docs/MODEL.md §7.4), computed on the worker.
    #[test]
    fn the_worker_computes_the_reports_table() {
        let catalog = Catalog::default();
        let mut p = FlipPanel::new(&catalog, "2026-12-07");
        let sc = Scenario::default();
        p.request(&sc);
        assert!(p.current.is_none() || !p.pending());
        p.wait();
        let got = p.current.clone().unwrap().unwrap();
        assert_eq!(got, flips(&resolve(&sc, &catalog, "2026-12-07")));
        assert!(!p.pending());
    }
}
