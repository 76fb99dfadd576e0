//! Monte Carlo bands off the input thread. Every change asks for new bands; one worker runs at
//! a time, and a change that arrives meanwhile is computed next with the latest scenario. The
//! point curves never wait: until fresh bands arrive, none are shown. A worker that panics is
//! caught: it reports the failure as a message, and nothing stays busy.

use std::sync::mpsc::{channel, Receiver, Sender};

use crate::model::uncertainty::{default_threads, monte_carlo, MonteCarlo, BAND_VOLUMES};
use crate::model::Scenario;

pub use super::panics::run_caught;

/// A worker's result, tagged with the generation it was asked for.
type Done = (u64, Result<MonteCarlo, String>);

/// The computation a worker runs (replaced in tests to make one fail).
pub type Compute = fn(&Scenario) -> MonteCarlo;

fn compute(sc: &Scenario) -> MonteCarlo {
    monte_carlo(sc, BAND_VOLUMES, default_threads())
}

pub struct Bands {
    /// Bands for the current scenario, once computed.
    pub current: Option<MonteCarlo>,
    /// Why the latest worker failed, until the app takes it to show.
    error: Option<String>,
    generation: u64,
    busy: bool,
    /// The scenario to compute once the running worker is done.
    queued: Option<Scenario>,
    tx: Sender<Done>,
    rx: Receiver<Done>,
    /// Run on the calling thread (tests and benches want results at once).
    pub inline: bool,
    pub compute: Compute,
}

impl Default for Bands {
    fn default() -> Bands {
        let (tx, rx) = channel();
        Bands {
            current: None,
            error: None,
            generation: 0,
            busy: false,
            queued: None,
            tx,
            rx,
            inline: false,
            compute,
        }
    }
}

impl Bands {
    /// The scenario changed: drop the old bands and compute new ones (if it has ranges).
    pub fn request(&mut self, sc: &Scenario) {
        self.generation += 1;
        self.current = None;
        self.queued = None;
        if sc.uncertainty.ranges.is_empty() {
            return;
        }
        if self.inline {
            let (generation, compute) = (self.generation, self.compute);
            let result = run_caught(|| compute(sc));
            self.finish(generation, result);
        } else if self.busy {
            self.queued = Some(sc.clone());
        } else {
            self.spawn(sc.clone());
        }
    }

    fn spawn(&mut self, sc: Scenario) {
        self.busy = true;
        let tx = self.tx.clone();
        let (generation, compute) = (self.generation, self.compute);
        std::thread::spawn(move || {
            let _ = tx.send((generation, run_caught(|| compute(&sc))));
        });
    }

    /// Why the latest bands failed, once.
    pub fn take_error(&mut self) -> Option<String> {
        self.error.take()
    }

    /// True while bands for the current scenario are still being computed.
    pub fn pending(&self) -> bool {
        self.busy || self.queued.is_some()
    }

    /// Take finished work; true when the bands on screen changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Ok((generation, result)) = self.rx.try_recv() {
            changed |= self.finish(generation, result);
        }
        changed
    }

    /// Block until the bands for the current scenario are in (tests).
    pub fn wait(&mut self) {
        while self.pending() {
            match self.rx.recv() {
                Ok((generation, result)) => {
                    self.finish(generation, result);
                }
                Err(_) => break,
            }
        }
    }

    /// A worker is done: keep its bands only if they are for the current scenario.
    fn finish(&mut self, generation: u64, result: Result<MonteCarlo, String>) -> bool {
        self.busy = false;
        let fresh = generation == self.generation;
        if fresh {
            match result {
                Ok(mc) => self.current = Some(mc),
                Err(e) => self.error = Some(e),
            }
        }
        if let Some(sc) = self.queued.take() {
            self.spawn(sc);
        }
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide() -> Scenario {
        crate::preset::library::load_in("guide-legal-docs", None)
            .map(|l| l.scenario)
            .unwrap_or_default()
    }

    #[test]
    fn stale_bands_are_dropped() {
        let sc = guide();
        let mut b = Bands::default();
        b.generation = 2;
        let old = monte_carlo(&sc, BAND_VOLUMES, 1);
        assert!(!b.finish(1, Ok(old.clone())), "generation 1 is stale");
        assert_eq!(b.current, None);
        assert!(b.finish(2, Ok(old.clone())));
        assert_eq!(b.current, Some(old));
        // A stale failure is not reported either.
        assert!(!b.finish(1, Err("boom".into())));
        assert_eq!(b.take_error(), None);
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
