//! Monte Carlo bands off the input thread. Every change asks for new bands; one worker runs at
//! a time, and a change that arrives meanwhile is computed next with the latest scenario. The
//! point curves never wait: until fresh bands arrive, none are shown.

use std::sync::mpsc::{channel, Receiver, Sender};

use crate::model::uncertainty::{default_threads, monte_carlo, MonteCarlo, BAND_VOLUMES};
use crate::model::Scenario;

type Done = (u64, MonteCarlo);

pub struct Bands {
    /// Bands for the current scenario, once computed.
    pub current: Option<MonteCarlo>,
    generation: u64,
    busy: bool,
    /// The scenario to compute once the running worker is done.
    queued: Option<Scenario>,
    tx: Sender<Done>,
    rx: Receiver<Done>,
    /// Run on the calling thread (tests and benches want results at once).
    pub inline: bool,
}

impl Default for Bands {
    fn default() -> Bands {
        let (tx, rx) = channel();
        Bands {
            current: None,
            generation: 0,
            busy: false,
            queued: None,
            tx,
            rx,
            inline: false,
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
            self.current = Some(monte_carlo(sc, BAND_VOLUMES, 1));
        } else if self.busy {
            self.queued = Some(sc.clone());
        } else {
            self.spawn(sc.clone());
        }
    }

    fn spawn(&mut self, sc: Scenario) {
        self.busy = true;
        let tx = self.tx.clone();
        let generation = self.generation;
        std::thread::spawn(move || {
            let mc = monte_carlo(&sc, BAND_VOLUMES, default_threads());
            let _ = tx.send((generation, mc));
        });
    }

    /// True while bands for the current scenario are still being computed.
    pub fn pending(&self) -> bool {
        self.busy || self.queued.is_some()
    }

    /// Take finished work; true when the bands on screen changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Ok((generation, mc)) = self.rx.try_recv() {
            changed |= self.finish(generation, mc);
        }
        changed
    }

    /// Block until the bands for the current scenario are in (tests).
    pub fn wait(&mut self) {
        while self.pending() {
            match self.rx.recv() {
                Ok((generation, mc)) => {
                    self.finish(generation, mc);
                }
                Err(_) => break,
            }
        }
    }

    fn finish(&mut self, generation: u64, mc: MonteCarlo) -> bool {
        self.busy = false;
        let fresh = generation == self.generation;
        if fresh {
            self.current = Some(mc);
        }
        if let Some(sc) = self.queued.take() {
            self.spawn(sc);
        }
        fresh
    }
}
