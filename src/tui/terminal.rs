//! The real terminal while the dashboard runs: raw mode, the alternate screen, mouse capture
//! and a hidden cursor, all undone on every way out: the guard's `Drop`, a panic on the main
//! thread, and TERM, HUP, INT or QUIT ([`crate::signals`], exit code 128 + the signal). A
//! suspend (Ctrl-Z, TSTP) undoes them too, and [`TerminalGuard::suspend`] sets them up again
//! when the shell continues the process.

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
        let _ = clear(&mut terminal);
        Ok(TerminalGuard { terminal })
    }

    /// Give the terminal back (cooked mode, main screen, mouse off, cursor shown) and stop the
    /// process as TSTP would; when the shell continues it (`fg`), take the terminal again and
    /// clear it, so the next frame is drawn whole.
    pub fn suspend(&mut self) -> anyhow::Result<()> {
        {
            let _frame = signals::frame_lock();
            restore();
        }
        // Stops here until SIGCONT.
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
        let _frame = signals::frame_lock();
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        let _ = self.terminal.hide_cursor();
        clear(&mut self.terminal)?;
        Ok(())
    }
}

/// Clear the screen and forget what was drawn, so the next frame is drawn whole. Not
/// `Terminal::clear`, which first asks the terminal where its cursor is and waits up to two
/// seconds for an answer that a pseudo-terminal with no emulator never gives.
fn clear(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // Shown now, so ratatui's own drop (which shows a cursor it hid) writes nothing after
        // the restore.
        let _ = self.terminal.show_cursor();
        leave();
    }
}

/// Restore the terminal (between two frames, and only if a signal has not already) and stop
/// restoring it on signals: the dashboard has let go of it.
fn leave() {
    let _frame = signals::frame_lock();
    signals::restore_once();
    signals::set_terminal_restore(None);
    super::panics::set_capturing(false);
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
