//! Monte Carlo bands off the input thread. Every change asks for new bands; one worker runs at
//! a time, and a change that arrives meanwhile is computed next with the latest scenario. The
//! point curves never wait: until fresh bands arrive, none are shown. A worker that panics is
//! caught: it reports the failure as a message, and nothing stays busy.

use std::sync::Arc;

use super::latest::{Background, Latest};
use crate::model::uncertainty::{default_threads, monte_carlo, MonteCarlo, BAND_VOLUMES};
use crate::model::Scenario;

pub use super::panics::run_caught;

/// The computation a worker runs (replaced in tests to make one fail).
pub type Compute = fn(&Scenario) -> MonteCarlo;

/// The bands of `sc` at the chart's volumes, on every core but one (the worker's default).
pub fn compute(sc: &Scenario) -> MonteCarlo {
    monte_carlo(sc, BAND_VOLUMES, default_threads())
}

pub struct Bands {
    /// Bands for the current scenario, once computed.
    pub current: Option<MonteCarlo>,
    /// Why the latest worker failed, until the app takes it to show.
    error: Option<String>,
    /// The worker (set `worker.inline` to compute on the calling thread).
    pub worker: Latest<MonteCarlo>,
    pub compute: Compute,
}

impl Default for Bands {
    fn default() -> Bands {
        Bands {
            current: None,
            error: None,
            worker: Latest::default(),
            compute,
        }
    }
}

impl Bands {
    /// The scenario changed: drop the old bands and compute new ones (if it has ranges).
    pub fn request(&mut self, sc: &Scenario) {
        self.current = None;
        if sc.uncertainty.ranges.is_empty() {
            self.worker.cancel();
            return;
        }
        let compute = self.compute;
        let done = self.worker.request(sc, Arc::new(move |sc| Ok(compute(sc))));
        self.settle(done);
    }

    /// Why the latest bands failed, once.
    pub fn take_error(&mut self) -> Option<String> {
        self.error.take()
    }
}

impl Background for Bands {
    type Output = MonteCarlo;

    fn latest(&self) -> &Latest<MonteCarlo> {
        &self.worker
    }

    fn latest_mut(&mut self) -> &mut Latest<MonteCarlo> {
        &mut self.worker
    }

    /// The bands, or why there are none (reported once, by [`Bands::take_error`]).
    fn keep(&mut self, result: Result<MonteCarlo, String>) {
        match result {
            Ok(mc) => self.current = Some(mc),
            Err(e) => self.error = Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide() -> Scenario {
        crate::preset::library::load_in("guide-legal-docs", None)
            .map(|l| crate::catalog::with_library(&l.scenario))
            .unwrap_or_default()
    }

    #[test]
    fn a_panicking_worker_is_reported_and_nothing_stays_busy() {
        fn boom(_: &Scenario) -> MonteCarlo {
            panic!("boom")
        }
        let sc = guide();
        assert!(!sc.uncertainty.ranges.is_empty());
        let mut b = Bands {
            compute: boom,
            ..Bands::default()
        };
        b.request(&sc);
        b.wait();
        assert!(!b.pending());
        assert_eq!(b.current, None);
        assert_eq!(b.take_error().as_deref(), Some("boom"));
        assert_eq!(b.take_error(), None, "reported once");
        // The next change tries again.
        b.compute = compute;
        b.request(&sc);
        b.wait();
        assert!(b.current.is_some());
    }
}
