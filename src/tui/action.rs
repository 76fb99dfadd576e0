//! What a key means: every key becomes an [`Action`] through one keymap, depending only on
//! which dialog is open.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::Mode;

/// Everything the user can ask for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    Up,
    Down,
    /// Change the selected value one step; `big` for Shift+arrows and PgUp/PgDn.
    Step {
        dir: i8,
        big: bool,
    },
    Home,
    End,
    Enter,
    Toggle,
    Input(char),
    Backspace,
    Cancel,
    Yes,
    No,
    OpenPicker,
    /// `m`, `g`, `l`: the catalog lists.
    OpenCatalog(super::app::CatalogKind),
    Save,
    Reset,
    Undo,
    Redo,
    Help,
    Why,
    Export,
    Quit,
    ForceQuit,
    /// `Tab` / `Shift-Tab`: the next or previous tab.
    NextTab(i8),
    /// Mouse: select a row.
    Select(usize),
    /// Mouse: put a row's slider at a fraction of its bar.
    SetFraction {
        row: usize,
        fraction: f64,
    },
    /// Mouse wheel over a row.
    Scroll {
        row: usize,
        dir: i8,
    },
    /// Mouse button released.
    DragEnd,
}

/// The action for a key press in `mode`, if any.
pub fn action_for_key(mode: &Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C')) {
        return Some(Action::ForceQuit);
    }
    use Action as A;
    use KeyCode as K;
    match mode {
        Mode::Catalog { .. } => match key.code {
            K::Up => Some(A::Up),
            K::Down => Some(A::Down),
            K::Enter => Some(A::Enter),
            K::Esc => Some(A::Cancel),
            K::Backspace => Some(A::Backspace),
            K::Char(c) if !ctrl => Some(A::Input(c)),
            _ => None,
        },
        Mode::Edit { .. } | Mode::SaveName { .. } => match key.code {
            K::Enter => Some(A::Enter),
            K::Esc => Some(A::Cancel),
            K::Backspace => Some(A::Backspace),
            K::Char(c) if !ctrl => Some(A::Input(c)),
            _ => None,
        },
        Mode::ConfirmOverwrite { .. } | Mode::ConfirmLoad { .. } | Mode::ConfirmQuit => {
            match key.code {
                K::Char('y') | K::Char('Y') => Some(A::Yes),
                K::Char('n') | K::Char('N') => Some(A::No),
                K::Esc => Some(A::Cancel),
                _ => None,
            }
        }
        Mode::Help | Mode::Why { .. } | Mode::Picker { .. } => match key.code {
            K::Up | K::Char('k') => Some(A::Up),
            K::Down | K::Char('j') => Some(A::Down),
            K::PageUp => Some(A::Step { dir: -1, big: true }),
            K::PageDown => Some(A::Step { dir: 1, big: true }),
            K::Enter => Some(A::Enter),
            K::Esc | K::Char('q') | K::Char('?') | K::Char('w') => Some(A::Cancel),
            _ => None,
        },
        Mode::Normal => match key.code {
            K::Char('r') | K::Char('R') if ctrl => Some(A::Redo),
            K::Up | K::Char('k') => Some(A::Up),
            K::Down | K::Char('j') => Some(A::Down),
            // `l` picks the local model (the catalog issue), so values move with the arrows
            // only; `h` alone would be half a pair and is left unbound.
            K::Left => Some(A::Step {
                dir: -1,
                big: shift,
            }),
            K::Right => Some(A::Step { dir: 1, big: shift }),
            K::PageUp => Some(A::Step { dir: 1, big: true }),
            K::PageDown => Some(A::Step { dir: -1, big: true }),
            K::Home => Some(A::Home),
            K::End => Some(A::End),
            K::Enter => Some(A::Enter),
            K::Char(' ') => Some(A::Toggle),
            K::Tab => Some(A::NextTab(1)),
            K::BackTab => Some(A::NextTab(-1)),
            K::Char('o') => Some(A::OpenPicker),
            K::Char('m') => Some(A::OpenCatalog(super::app::CatalogKind::Api)),
            K::Char('g') => Some(A::OpenCatalog(super::app::CatalogKind::Gpu)),
            K::Char('l') => Some(A::OpenCatalog(super::app::CatalogKind::Local)),
            K::Char('s') => Some(A::Save),
            K::Char('r') => Some(A::Reset),
            K::Char('u') => Some(A::Undo),
            K::Char('?') => Some(A::Help),
            K::Char('w') => Some(A::Why),
            K::Char('e') => Some(A::Export),
            K::Char('q') | K::Esc => Some(A::Quit),
            _ => None,
        },
    }
}
