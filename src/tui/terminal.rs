//! The real terminal while the dashboard runs: raw mode, the alternate screen, mouse capture
//! and a hidden cursor, all undone on every way out: the guard's `Drop`, a panic on the main
//! thread, and TERM, HUP, INT or QUIT ([`crate::signals`], exit code 128 + the signal).

use std::io::{self, Stdout};
use std::sync::OnceLock;
use std::thread::{self, ThreadId};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::Terminal;

use crate::signals;

/// Holds the terminal in the dashboard's state while alive.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    pub fn enter() -> anyhow::Result<TerminalGuard> {
        install_panic_hook();
        // Registered before the terminal changes, so a signal at any later point restores it.
        signals::set_terminal_restore(Some(restore));
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableMouseCapture) {
            leave();
            return Err(e.into());
        }
        let mut terminal = match Terminal::new(CrosstermBackend::new(stdout)) {
            Ok(t) => t,
            Err(e) => {
                leave();
                return Err(e.into());
            }
        };
        let _ = terminal.hide_cursor();
        let _ = terminal.clear();
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave();
    }
}

/// Restore the terminal and stop restoring it on signals: the dashboard has let go of it.
fn leave() {
    signals::set_terminal_restore(None);
    restore();
}

/// Undo everything [`TerminalGuard::enter`] did: raw mode off, mouse capture off, the main
/// screen back, the cursor shown. Safe to call more than once, from any thread.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// The thread that owns the terminal: the one that first entered the dashboard.
static MAIN_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// Restore the terminal before the default panic message prints, when the panic is on the
/// thread that draws. A panic on a worker thread leaves the dashboard running: the worker
/// reports it, and the screen must not be torn down under the live dashboard.
fn install_panic_hook() {
    if MAIN_THREAD.set(thread::current().id()).is_err() {
        return; // Installed by an earlier dashboard in this process.
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if MAIN_THREAD.get() == Some(&thread::current().id()) {
            restore();
        }
        previous(info);
    }));
}
