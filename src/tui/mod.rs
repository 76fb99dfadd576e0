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
use ratatui::crossterm::event::{self, Event};
use ratatui::layout::Rect;
use ratatui::Terminal;

pub use action::Action;
pub use app::{App, Setup};
pub use effect::{perform, Effect};
pub use update::update;

use crate::preset::library::Loaded;
use terminal::TerminalGuard;

/// Open the dashboard on `loaded` in the real terminal, and restore the terminal however it
/// ends.
pub fn run(loaded: Loaded) -> anyhow::Result<()> {
    let mut app = App::new(loaded, Setup::from_env());
    let mut guard = TerminalGuard::enter()?;
    let result = run_loop(&mut guard.terminal, &mut app, |timeout| match timeout {
        Some(t) => {
            if event::poll(t)? {
                event::read().map(Some)
            } else {
                Ok(None)
            }
        }
        None => event::read().map(Some),
    });
    // The loop only ends with an export still running when drawing failed: wait for it so no
    // file is left half done, and say how it went once the terminal is back.
    let export = app.exports.wait();
    drop(guard);
    if let Some(Err(e)) = export {
        eprintln!(
            "{}",
            crate::sanitize::terminal(&format!("error: export failed: {e}"))
        );
    }
    result
}

/// How long to wait for input while Monte Carlo bands are being computed: one frame.
const FRAME: Duration = Duration::from_millis(16);

/// Draw, wait for an event, update, perform the effect it asks for, redraw: until the app
/// wants to quit. Redraws happen on events, and when background work (bands, an export)
/// finishes; with no work pending the wait has no timeout. `next_event(timeout)` returns
/// `None` when the timeout passes without input.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut(Option<Duration>) -> io::Result<Option<Event>>,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    draw(terminal, app)?;
    loop {
        if app.should_quit {
            if !app.exports.busy() {
                break;
            }
            finish_export_before_quitting(terminal, app)?;
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
    Ok(())
}

/// Quitting waits for an export being written, so no file is left half done. Its outcome is
/// shown in the dashboard; a failed export keeps the dashboard open (see
/// [`update::finish`]), so the error is read on screen and not lost on stderr.
fn finish_export_before_quitting<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    app.info("finishing the export before quitting…");
    draw(terminal, app)?;
    if let Some(done) = app.exports.wait() {
        update::finish(app, effect::Done::Exported(done));
        draw(terminal, app)?;
    }
    Ok(())
}

/// One event through the keymap, `update` and the effect it returns.
pub fn handle_event(app: &mut App, ev: &Event) {
    if let Some(action) = action_for_event(app, ev) {
        if let Some(effect) = update(app, action) {
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
    terminal.draw(|frame| view::render(frame, app))?;
    Ok(())
}
