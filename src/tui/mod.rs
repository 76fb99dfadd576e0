//! The interactive dashboard: one [`App`] state, keys and mouse turned into [`Action`]s,
//! [`update`] to change the state, [`view::render`] to draw it. The run loop is generic over
//! the ratatui `Backend`, so tests drive the whole app on `TestBackend`.

pub mod action;
pub mod app;
pub mod bands;
pub mod catalog_pick;
pub mod effect;
pub mod export;
pub mod fleet;
pub mod flip_panel;
pub mod keymap;
pub mod latest;
pub mod layout;
pub mod mouse;
pub mod panics;
pub mod params;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;

use std::io;
use std::time::Duration;

use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::Terminal;

pub use action::Action;
pub use app::{App, Setup};
pub use effect::{perform, Effect};
pub use update::update;

use crate::preset::library::Loaded;
use terminal::TerminalGuard;

/// Open the dashboard on `loaded` in the real terminal, and restore the terminal however it
/// ends: quitting, a signal (restored here, after the last frame, then the exit code
/// 128 + the signal), or quitting again while an export is written (the export is abandoned:
/// its temporary file is removed and nothing is written). Ctrl-Z or TSTP suspends it in
/// between.
pub fn run(loaded: Loaded) -> anyhow::Result<()> {
    let mut app = App::new(loaded, Setup::from_env());
    let mut guard = TerminalGuard::enter()?;
    let stop = loop {
        match run_until(&mut guard.terminal, &mut app, read_event) {
            Ok(Stop::Suspend) => {
                if let Err(e) = guard.suspend() {
                    break Err(e);
                }
            }
            other => break other,
        }
    };
    if let Ok(Stop::Signal(signo)) = stop {
        // Between two frames (this thread draws them), once; nothing is written after.
        let frame = crate::signals::frame_lock();
        crate::signals::restore_once();
        drop(frame);
        crate::signals::finish(signo);
    }
    if let Ok(Stop::ExportInterrupted) = stop {
        crate::signals::abandon_writes();
        drop(guard);
        eprintln!("note: the export was stopped before it finished; no file was written");
        return Ok(());
    }
    // The loop only ends with an export still running when drawing failed: wait for it so no
    // file is left half done, and say how it went once the terminal is back.
    let export = app.exports.wait();
    drop(guard);
    if let Some(Err(e)) = export {
        eprintln!(
            "{}",
            crate::sanitize::message("error", &format!("export failed: {e}"))
        );
    }
    stop.map(|_| ())
}

/// How long the real terminal is waited on at most before the loop looks for a signal's
/// request again.
const TICK: Duration = Duration::from_millis(50);

/// The next event from the real terminal, waiting at most `timeout` (and never longer than a
/// [`TICK`], so a signal's request is seen promptly).
fn read_event(timeout: Option<Duration>) -> io::Result<Option<Event>> {
    let wait = timeout.map_or(TICK, |t| t.min(TICK));
    if event::poll(wait)? {
        event::read().map(Some)
    } else {
        Ok(None)
    }
}

/// How long to wait for input while Monte Carlo bands are being computed: one frame.
const FRAME: Duration = Duration::from_millis(16);

/// Why [`run_until`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The app quit.
    Quit,
    /// Ctrl-Z or TSTP: give the terminal back and stop until `fg`.
    Suspend,
    /// An ending signal asked the loop to stop (TERM, HUP, INT, QUIT).
    Signal(i32),
    /// Quitting again while an export was being written: stop without waiting for it.
    ExportInterrupted,
}

/// Draw, wait for an event, update, perform the effect it asks for, redraw: until the app
/// wants to quit. Redraws happen on events, and when background work (bands, an export)
/// finishes; with no work pending the wait has no timeout. `next_event(timeout)` returns
/// `None` when the timeout passes without input. A suspend request is dropped here (there is
/// no terminal to give back); [`run_until`] returns it.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut(Option<Duration>) -> io::Result<Option<Event>>,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    while run_until(terminal, app, &mut next_event)? == Stop::Suspend {}
    Ok(())
}

/// [`run_loop`] until the app quits or something asks it to stop: a signal's request (seen
/// before each wait, so the frame being drawn is finished first), a suspend, or quitting
/// again while an export is written.
pub fn run_until<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut(Option<Duration>) -> io::Result<Option<Event>>,
) -> anyhow::Result<Stop>
where
    B::Error: Send + Sync + 'static,
{
    draw(terminal, app)?;
    loop {
        if let Some(signo) = crate::signals::stop_requested() {
            return Ok(Stop::Signal(signo));
        }
        if std::mem::take(&mut app.suspend) | crate::signals::take_suspend() {
            return Ok(Stop::Suspend);
        }
        if app.should_quit {
            if !app.exports.busy() {
                return Ok(Stop::Quit);
            }
            if let Some(stop) = finish_export_before_quitting(terminal, app, &mut next_event)? {
                return Ok(stop);
            }
            continue;
        }
        let timeout = app.busy().then_some(FRAME);
        match next_event(timeout)? {
            Some(ev) => {
                handle_event(app, &ev);
                app.poll_background();
                draw(terminal, app)?;
            }
            None => {
                if app.poll_background() {
                    draw(terminal, app)?;
                }
            }
        }
    }
}

/// Quitting waits for an export being written, so no file is left half done, and says so;
/// `q`, `Esc` or `Ctrl-C` again stops waiting (the export is abandoned), and so does a
/// signal. Its outcome is shown in the dashboard; a failed export keeps the dashboard open
/// (see [`update::finish`]), so the error is read on screen and not lost on stderr.
fn finish_export_before_quitting<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    next_event: &mut impl FnMut(Option<Duration>) -> io::Result<Option<Event>>,
) -> anyhow::Result<Option<Stop>>
where
    B::Error: Send + Sync + 'static,
{
    app.info("finishing the export before quitting… (q again stops it: no file is written)");
    draw(terminal, app)?;
    loop {
        if let Some(done) = app.exports.poll() {
            update::finish(app, effect::Done::Exported(done));
            draw(terminal, app)?;
            return Ok(None);
        }
        if let Some(signo) = crate::signals::stop_requested() {
            return Ok(Some(Stop::Signal(signo)));
        }
        if let Some(Event::Key(k)) = next_event(Some(FRAME))? {
            let ctrl_c =
                k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
            if k.kind != KeyEventKind::Release
                && (ctrl_c || matches!(k.code, KeyCode::Char('q') | KeyCode::Esc))
            {
                return Ok(Some(Stop::ExportInterrupted));
            }
        }
    }
}

/// One event through the keymap, `update` and the effect it returns.
pub fn handle_event(app: &mut App, ev: &Event) {
    if let Some(action) = action_for_event(app, ev) {
        for effect in update(app, action) {
            perform(app, effect);
        }
    }
}

/// The action an event asks for in the app's current state.
pub fn action_for_event(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(key) => action::action_for_key(&app.mode, app.tab, *key),
        Event::Mouse(m) => {
            mouse::action_for_mouse(&app.screen, app.selected, &app.mode, app.dragging, *m)
        }
        _ => None,
    }
}

/// Lay out for the terminal's current size and draw one frame.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size()?;
    app.screen = layout::screen(Rect::new(0, 0, size.width, size.height));
    // The scrolling overlays' limits, for `update` (only the open one's lines are counted).
    let area = app.screen.area;
    app.scroll_max = app::ScrollMax {
        help: match app.mode {
            app::Mode::Help { .. } => view::overlay::help_max_scroll(area),
            _ => 0,
        },
        why: match app.mode {
            app::Mode::Why { .. } => view::overlay::why_max_scroll(app, area),
            _ => 0,
        },
    };
    // The whole frame is written under the lock a signal's restore takes.
    let _frame = crate::signals::frame_lock();
    terminal.draw(|frame| view::render(frame, app))?;
    Ok(())
}
