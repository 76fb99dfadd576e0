//! Panics while the dashboard holds the terminal. On the thread that draws, the terminal is
//! restored first and the usual message follows. On a worker thread (Monte Carlo bands, an
//! export) the message is not printed, since stderr would scribble over the live screen in raw
//! mode: the hook records it, with where it happened, and [`run_caught`] returns it so the
//! dashboard shows it in its status line.

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe, PanicHookInfo};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::thread::{self, ThreadId};

/// The thread that owns the terminal: the one that first entered the dashboard.
static MAIN_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// True while the dashboard holds the terminal: worker panics are then recorded, not printed.
static CAPTURING: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// The last panic recorded on this thread, until [`run_caught`] takes it.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Install the process-wide hook once; the calling thread becomes the one that draws.
/// `restore` puts the terminal back before a panic on that thread is reported.
pub fn install_hook(restore: fn()) {
    if MAIN_THREAD.set(thread::current().id()).is_err() {
        return; // Installed by an earlier dashboard in this process.
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let on_main = MAIN_THREAD.get() == Some(&thread::current().id());
        if on_main {
            restore();
        } else if CAPTURING.load(Ordering::SeqCst) {
            LAST.with(|last| *last.borrow_mut() = Some(describe(info)));
            return;
        }
        previous(info);
    }));
}

/// Record worker panics (`true`, the dashboard holds the terminal) or print them as usual.
pub fn set_capturing(on: bool) {
    CAPTURING.store(on, Ordering::SeqCst);
}

/// "message (at file:line:column)".
fn describe(info: &PanicHookInfo<'_>) -> String {
    let message = payload_text(info.payload());
    match info.location() {
        Some(at) => format!("{message} (at {}:{}:{})", at.file(), at.line(), at.column()),
        None => message,
    }
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the computation panicked".into())
}

/// Run `f`, turning a panic into an error message: the one the hook recorded on this thread
/// (with its location) when the dashboard is capturing, else the panic's own message.
pub fn run_caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    LAST.with(|last| last.borrow_mut().take());
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        LAST.with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| payload_text(p.as_ref()))
    })
}
