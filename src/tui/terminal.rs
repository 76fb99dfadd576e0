//! The real terminal while the dashboard runs: raw mode, the alternate screen, mouse capture
//! and a hidden cursor, all undone on every way out: the guard's `Drop`, a panic on the main
//! thread, and TERM, HUP, INT or QUIT ([`crate::signals`], exit code 128 + the signal).

use std::io::{self, Stdout};

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
        super::panics::install_hook(restore);
        super::panics::set_capturing(true);
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
    super::panics::set_capturing(false);
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
