//! What happens on TERM, HUP, INT and QUIT: temporary files being written are removed, the
//! dashboard's terminal is restored, and the process exits with 128 + the signal's number
//! (143 for TERM), as a shell reports a process a signal ended.
//!
//! The work runs on an ordinary thread that `signal-hook` wakes (no code runs inside the
//! signal handler itself), so it may take locks and write to the terminal. The handlers are
//! installed the first time something needs them: a write or the dashboard.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

/// The signals that end crossover cleanly.
pub const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Temporary files that exist now and must not outlive the process.
static TEMP_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// How to put the terminal back, while the dashboard holds it.
static TERMINAL: Mutex<Option<fn()>> = Mutex::new(None);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere while holding the lock leaves the list itself intact.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Install the handlers once per process. If they cannot be installed, signals keep their
/// default effect: the process ends, and only the cleanup is lost.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new(ENDING) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signo) = signals.forever().next() {
                    end(signo);
                }
            });
        drop(spawned);
    });
}

/// Clean up and exit with `128 + signo`. Holds the temp-file lock to the end, so no write can
/// register a new file after the sweep.
fn end(signo: i32) -> ! {
    let temps = lock(&TEMP_FILES);
    for path in temps.iter() {
        let _ = std::fs::remove_file(path);
    }
    if let Some(restore) = *lock(&TERMINAL) {
        restore();
    }
    std::process::exit(128 + signo)
}

/// A temporary file registered for removal on a signal; unregistered when dropped.
pub struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// Register `path` before creating it, so a signal between the creation and the
    /// registration cannot leave it behind.
    pub fn register(path: PathBuf) -> TempFile {
        install();
        lock(&TEMP_FILES).push(path.clone());
        TempFile { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let mut temps = lock(&TEMP_FILES);
        if let Some(i) = temps.iter().position(|p| *p == self.path) {
            temps.swap_remove(i);
        }
    }
}

/// While the dashboard holds the terminal: `restore` runs on a signal before the exit.
pub fn set_terminal_restore(restore: Option<fn()>) {
    if restore.is_some() {
        install();
    }
    *lock(&TERMINAL) = restore;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_files_are_registered_until_dropped() {
        let a = TempFile::register(PathBuf::from("/tmp/x-signals-test-a"));
        let b = TempFile::register(PathBuf::from("/tmp/x-signals-test-b"));
        assert!(lock(&TEMP_FILES).iter().any(|p| p == a.path()));
        drop(a);
        let temps = lock(&TEMP_FILES).clone();
        assert!(!temps.iter().any(|p| p.ends_with("x-signals-test-a")));
        assert!(temps.iter().any(|p| p == b.path()));
    }
}
