//! What happens on TERM, HUP, INT and QUIT: temporary files being written are removed, the
//! dashboard's terminal is restored, and the process exits with 128 + the signal's number
//! (143 for TERM), as a shell reports a process a signal ended. And on TSTP (Ctrl-Z from
//! outside the dashboard's raw mode, or `kill -TSTP`): the dashboard gives the terminal back
//! and stops; `fg` continues it.
//!
//! The work runs on an ordinary thread that `signal-hook` wakes (no code runs inside the
//! signal handler itself). Without the dashboard that thread cleans up and exits at once.
//! While the dashboard holds the terminal, it only *asks* the dashboard's loop to stop (or to
//! suspend): the loop finishes the frame it is drawing, restores the terminal itself and then
//! calls [`finish`], so nothing is written after the restore. Should the loop not answer
//! within [`GRACE`] (stuck in a long computation), the signal thread restores the terminal
//! under the lock every frame is drawn under ([`frame_lock`]), and exits.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Mutex, MutexGuard, Once};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

/// The signals that end crossover cleanly.
pub const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// How long the dashboard's loop has to answer a signal before the signal thread restores the
/// terminal itself.
pub const GRACE: Duration = Duration::from_secs(2);

/// Temporary files that exist now and must not outlive the process.
static TEMP_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// How to put the terminal back, while the dashboard holds it.
static TERMINAL: Mutex<Option<fn()>> = Mutex::new(None);

/// Held while a frame (or any other output of the dashboard) is written, and by whoever
/// restores the terminal: no frame is ever half written when the restore starts.
static FRAME: Mutex<()> = Mutex::new(());

/// The ending signal the dashboard's loop is asked to stop for (0: none).
static STOP: AtomicI32 = AtomicI32::new(0);

/// A TSTP the dashboard's loop is asked to suspend for.
static SUSPEND: AtomicBool = AtomicBool::new(false);

/// Set once the terminal is restored for good: nothing may be written to it after.
static RESTORED: AtomicBool = AtomicBool::new(false);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere while holding the lock leaves the list itself intact.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Install the handlers once per process. If they cannot be installed, signals keep their
/// default effect: the process ends, and only the cleanup is lost.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let Ok(mut signals) =
            signal_hook::iterator::Signals::new(ENDING.iter().copied().chain([SIGTSTP]))
        else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signo in signals.forever() {
                    arrived(signo);
                }
            });
        drop(spawned);
    });
}

/// On the signal thread: act on `signo` now, or ask the dashboard to.
fn arrived(signo: i32) {
    let dashboard = lock(&TERMINAL).is_some();
    if signo == SIGTSTP {
        if dashboard {
            SUSPEND.store(true, Ordering::SeqCst);
        } else {
            // Stop as if no handler were installed.
            let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
        }
        return;
    }
    if !dashboard {
        finish(signo);
    }
    STOP.store(signo, Ordering::SeqCst);
    std::thread::sleep(GRACE);
    // The loop did not answer: restore between two frames, and end.
    let frame = lock(&FRAME);
    restore_once();
    drop(frame);
    finish(signo)
}

/// The ending signal the dashboard is asked to stop for, if any.
pub fn stop_requested() -> Option<i32> {
    match STOP.load(Ordering::SeqCst) {
        0 => None,
        signo => Some(signo),
    }
}

/// Whether a TSTP asked the dashboard to suspend (the request is taken).
pub fn take_suspend() -> bool {
    SUSPEND.swap(false, Ordering::SeqCst)
}

/// The lock every frame of the dashboard is written under.
pub fn frame_lock() -> MutexGuard<'static, ()> {
    lock(&FRAME)
}

/// Restore the terminal with the dashboard's restore, once; later calls write nothing.
pub fn restore_once() {
    if RESTORED.swap(true, Ordering::SeqCst) {
        return;
    }
    if let Some(restore) = *lock(&TERMINAL) {
        restore();
    }
}

/// Remove the temporary files and exit with `128 + signo`. Holds the temp-file lock to the
/// end, so no write can register a new file after the sweep. The dashboard calls this once
/// it has restored the terminal.
pub fn finish(signo: i32) -> ! {
    abandon_writes();
    std::process::exit(128 + signo)
}

/// Remove every temporary file being written and keep the list locked for the rest of the
/// process, so no write can start another: for an exit that does not wait for the writes
/// (a signal, or quitting while an export runs). A write that already put its file in place
/// keeps it whole; one that had not finds its temporary file gone and fails.
pub fn abandon_writes() {
    let temps = lock(&TEMP_FILES);
    for path in temps.iter() {
        let _ = std::fs::remove_file(path);
    }
    std::mem::forget(temps);
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

/// While the dashboard holds the terminal (`Some`): ending signals and TSTP are asked of its
/// loop, and `restore` is how to put the terminal back should the loop not answer.
pub fn set_terminal_restore(restore: Option<fn()>) {
    if restore.is_some() {
        install();
        RESTORED.store(false, Ordering::SeqCst);
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
