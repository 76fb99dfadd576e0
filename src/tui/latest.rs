//! One computation of the scenario off the input thread, always for the latest scenario: the
//! Monte Carlo bands, the Fleet ranking and the flip table use it ([`Background`]). Every change asks anew; one worker runs
//! at a time, and a change that arrives meanwhile is computed next with the latest scenario.
//! A result for an older scenario is dropped. A worker that panics is caught and reports the
//! failure as a message, so nothing stays busy.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;

use super::panics::run_caught;
use crate::model::Scenario;

/// What a worker computes from the scenario.
pub type Job<T> = Arc<dyn Fn(&Scenario) -> Result<T, String> + Send + Sync>;

/// A worker's result, tagged with the generation it was asked for.
type Done<T> = (u64, Result<T, String>);

pub struct Latest<T> {
    generation: u64,
    /// The generation the running worker computes, if one runs.
    running: Option<u64>,
    /// The scenario (and its job) to compute once the running worker is done.
    queued: Option<(Scenario, Job<T>)>,
    tx: Sender<Done<T>>,
    rx: Receiver<Done<T>>,
    /// Run on the calling thread (tests and benches want results at once).
    pub inline: bool,
}

impl<T: Send + 'static> Default for Latest<T> {
    fn default() -> Latest<T> {
        let (tx, rx) = channel();
        Latest {
            generation: 0,
            running: None,
            queued: None,
            tx,
            rx,
            inline: false,
        }
    }
}

impl<T: Send + 'static> Latest<T> {
    /// The scenario changed: whatever is running is now stale. Inline, the result comes back at
    /// once; otherwise later, from [`Latest::poll`] or [`Latest::wait`].
    pub fn request(&mut self, sc: &Scenario, job: Job<T>) -> Option<Result<T, String>> {
        self.generation += 1;
        self.queued = None;
        if self.inline {
            return Some(run_caught(|| job(sc)).and_then(|r| r));
        }
        if self.running.is_some() {
            self.queued = Some((sc.clone(), job));
        } else {
            self.spawn(sc.clone(), job);
        }
        None
    }

    /// Nothing to compute for this scenario: drop whatever is running or queued.
    pub fn cancel(&mut self) {
        self.generation += 1;
        self.queued = None;
    }

    fn spawn(&mut self, sc: Scenario, job: Job<T>) {
        let generation = self.generation;
        self.running = Some(generation);
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let _ = tx.send((generation, run_caught(|| job(&sc)).and_then(|r| r)));
        });
    }

    /// True while the result for the current scenario is still being computed (a stale
    /// worker still running, as after an inline request, does not count).
    pub fn pending(&self) -> bool {
        self.queued.is_some() || self.running == Some(self.generation)
    }

    /// The newest result for the current scenario among those finished, if any.
    pub fn poll(&mut self) -> Option<Result<T, String>> {
        let mut fresh = None;
        while let Ok(done) = self.rx.try_recv() {
            fresh = self.finish(done).or(fresh);
        }
        fresh
    }

    /// Block until the result for the current scenario is in (tests).
    pub fn wait(&mut self) -> Option<Result<T, String>> {
        let mut fresh = None;
        while self.pending() {
            match self.rx.recv() {
                Ok(done) => fresh = self.finish(done).or(fresh),
                Err(_) => break,
            }
        }
        fresh
    }

    /// A worker is done: start the queued scenario, and keep the result only if it is fresh.
    fn finish(&mut self, (generation, result): Done<T>) -> Option<Result<T, String>> {
        self.running = None;
        if let Some((sc, job)) = self.queued.take() {
            self.spawn(sc, job);
        }
        (generation == self.generation).then_some(result)
    }
}

/// A panel of the dashboard computed off the input thread (the Monte Carlo bands, the Fleet
/// ranking, the flip table): its [`Latest`] worker and what it keeps of a fresh result. The
/// waiting and polling are written once here; each panel says only how it keeps a result.
pub trait Background {
    type Output: Send + 'static;

    fn latest(&self) -> &Latest<Self::Output>;
    fn latest_mut(&mut self) -> &mut Latest<Self::Output>;
    /// Keep a fresh result for the current scenario (or why there is none).
    fn keep(&mut self, result: Result<Self::Output, String>);

    /// True while the result for the current scenario is still being computed.
    fn pending(&self) -> bool {
        self.latest().pending()
    }

    /// Take finished work; true when what the panel shows changed.
    fn poll(&mut self) -> bool {
        let done = self.latest_mut().poll();
        self.settle(done)
    }

    /// Block until the result for the current scenario is in (tests).
    fn wait(&mut self) {
        let done = self.latest_mut().wait();
        self.settle(done);
    }

    /// Keep `done` if there is a result; true when there was.
    fn settle(&mut self, done: Option<Result<Self::Output, String>>) -> bool {
        let Some(result) = done else {
            return false;
        };
        self.keep(result);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::sync_channel;
    use std::sync::Mutex;

    #[test]
    fn only_the_latest_scenario_is_kept() {
        // The first job blocks until released, so the second request is queued behind it.
        let (go, wait_go) = sync_channel::<()>(0);
        let wait_go = Arc::new(Mutex::new(wait_go));
        let mut w: Latest<f64> = Latest::default();
        let first: Job<f64> = Arc::new(move |_| {
            let _ = wait_go.lock().map(|rx| rx.recv());
            Ok(1.0)
        });
        assert!(w.request(&Scenario::default(), first).is_none());
        let mut later = Scenario::default();
        later.workload.requests_per_day = 2.0;
        let second: Job<f64> = Arc::new(|sc| Ok(sc.workload.requests_per_day));
        assert!(w.request(&later, second).is_none());
        assert!(w.pending());
        go.send(()).unwrap();
        assert_eq!(w.wait(), Some(Ok(2.0)), "the stale 1.0 is dropped");
        assert!(!w.pending());
    }

    #[test]
    fn a_stale_result_is_dropped_a_fresh_one_kept() {
        let mut w: Latest<f64> = Latest::default();
        w.generation = 2;
        assert_eq!(w.finish((1, Ok(1.0))), None);
        assert_eq!(w.finish((1, Err("old".into()))), None);
        assert_eq!(w.finish((2, Ok(2.0))), Some(Ok(2.0)));
    }

    #[test]
    fn an_inline_answer_is_not_pending_behind_a_stale_worker() {
        let (go, wait_go) = sync_channel::<()>(0);
        let wait_go = Arc::new(Mutex::new(wait_go));
        let mut w: Latest<f64> = Latest::default();
        let slow: Job<f64> = Arc::new(move |_| {
            let _ = wait_go.lock().map(|rx| rx.recv());
            Ok(1.0)
        });
        w.request(&Scenario::default(), slow);
        assert!(w.pending());
        w.inline = true;
        let ok: Job<f64> = Arc::new(|_| Ok(2.0));
        assert_eq!(w.request(&Scenario::default(), ok), Some(Ok(2.0)));
        assert!(!w.pending(), "the running worker is stale");
        go.send(()).unwrap();
    }

    #[test]
    fn a_panicking_job_is_a_message_and_nothing_stays_busy() {
        let mut w: Latest<f64> = Latest::default();
        let boom: Job<f64> = Arc::new(|_| panic!("boom"));
        w.request(&Scenario::default(), boom);
        assert_eq!(w.wait(), Some(Err("boom".into())));
        assert!(!w.pending());
        w.inline = true;
        let ok: Job<f64> = Arc::new(|_| Ok(3.0));
        assert_eq!(w.request(&Scenario::default(), ok), Some(Ok(3.0)));
    }
}
