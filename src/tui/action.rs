//! What a key means: every key becomes an [`Action`] through the keymap's table for the
//! dialog that is open.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::app::{Mode, Tab};
use super::keymap::{lookup, Binding, CATALOG, CONFIRM, DASHBOARD, FLEET, GLOBAL, LIST, TEXT};

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
    /// `Ctrl-Z`: give the terminal back to the shell and stop until `fg`.
    Suspend,
    /// `Tab` / `Shift-Tab`: the next or previous tab.
    NextTab(i8),
    /// Fleet tab: move the cursor in the ranking by this many rows.
    Rank(i8),
    /// Fleet tab: apply the configuration under the cursor to the scenario.
    ApplyRank,
    /// Draw the best self-hosting configuration at each volume on the Costs chart.
    ToggleEnvelope,
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

/// The action for a key press in `mode` on `tab`, if any: the [`keymap`](super::keymap) table
/// of the screen that is open, after the keys that work anywhere; on the Fleet tab with no
/// dialog open, the Fleet tab's keys come before the dashboard's.
pub fn action_for_key(mode: &Mode, tab: Tab, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let fleet = (tab == Tab::Fleet && *mode == Mode::Normal)
        .then(|| lookup(FLEET, &key))
        .flatten();
    lookup(GLOBAL, &key)
        .or(fleet)
        .or_else(|| lookup(table_for(mode), &key))
}

/// The keymap table in force in `mode`.
pub fn table_for(mode: &Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => DASHBOARD,
        Mode::Catalog { .. } => CATALOG,
        Mode::Edit { .. } | Mode::SaveName { .. } => TEXT,
        Mode::ConfirmOverwrite { .. } | Mode::ConfirmLoad { .. } | Mode::ConfirmQuit => CONFIRM,
        Mode::Help { .. } | Mode::Why { .. } | Mode::Picker { .. } => LIST,
    }
}
