//! The keymap as data: one table of bindings per kind of screen, each binding with the keys it
//! takes, the action they ask for and what it does. Key handling
//! ([`action_for_key`](super::action::action_for_key)) and the help overlay both read these
//! tables, so the help cannot drift from the keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::CatalogKind;

/// A key as the keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// The key with no Control (Shift is ignored for characters: `?` often comes with it).
    Plain(KeyCode),
    /// The key with Shift held (arrows).
    Shift(KeyCode),
    /// The letter with Control held.
    Ctrl(char),
    /// Any printable character: typing into a text field.
    AnyChar,
}

impl Key {
    /// Does `ev` press this key?
    pub fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let shift = ev.modifiers.contains(KeyModifiers::SHIFT);
        match self {
            Key::Ctrl(c) => {
                ctrl && matches!(ev.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
            }
            Key::Shift(code) => shift && !ctrl && ev.code == code,
            Key::Plain(code) => {
                let shift_ok = matches!(code, KeyCode::Char(_) | KeyCode::BackTab) || !shift;
                !ctrl && shift_ok && ev.code == code
            }
            Key::AnyChar => !ctrl && matches!(ev.code, KeyCode::Char(_)),
        }
    }

    /// How the help writes this key.
    pub fn label(self) -> String {
        match self {
            Key::Plain(code) => code_label(code),
            Key::Shift(code) => format!("⇧{}", code_label(code)),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::AnyChar => "any text".into(),
        }
    }
}

fn code_label(code: KeyCode) -> String {
    match code {
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "⇧Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    }
}

/// One line of the help: some keys, the action each asks for, and what they do.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [(Key, Action)],
    /// Shown instead of the keys' labels when the keys are not keys (the mouse).
    pub label: Option<&'static str>,
    pub what: &'static str,
}

impl Binding {
    /// The keys as the help shows them: `↑ k`, `PgUp PgDn`.
    pub fn keys_label(&self) -> String {
        if let Some(l) = self.label {
            return l.to_string();
        }
        let mut labels: Vec<String> = Vec::new();
        for (k, _) in self.keys {
            let l = k.label();
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        labels.join(" ")
    }
}

/// A named table of bindings: one kind of screen.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub title: &'static str,
    pub bindings: &'static [Binding],
}

const fn b(keys: &'static [(Key, Action)], what: &'static str) -> Binding {
    Binding {
        keys,
        label: None,
        what,
    }
}

use Action as A;
use Key::{Ctrl, Plain, Shift};
use KeyCode as K;

const STEP_DOWN: Action = A::Step {
    dir: -1,
    big: false,
};
const STEP_UP: Action = A::Step { dir: 1, big: false };
const BIG_DOWN: Action = A::Step { dir: -1, big: true };
const BIG_UP: Action = A::Step { dir: 1, big: true };

/// Anywhere, whatever is open.
pub static GLOBAL: &[Binding] = &[
    b(&[(Ctrl('c'), A::ForceQuit)], "quit at once"),
    b(
        &[(Ctrl('z'), A::Suspend)],
        "suspend to the shell (fg comes back)",
    ),
];

/// The dashboard, no dialog open.
pub static DASHBOARD: &[Binding] = &[
    b(
        &[
            (Plain(K::Up), A::Up),
            (Plain(K::Char('k')), A::Up),
            (Plain(K::Down), A::Down),
            (Plain(K::Char('j')), A::Down),
        ],
        "select a parameter (stops at the first and the last)",
    ),
    b(
        &[(Plain(K::Left), STEP_DOWN), (Plain(K::Right), STEP_UP)],
        "change it one step",
    ),
    b(
        &[
            (Shift(K::Left), BIG_DOWN),
            (Shift(K::Right), BIG_UP),
            (Plain(K::PageUp), BIG_UP),
            (Plain(K::PageDown), BIG_DOWN),
        ],
        "big step (×10 on log sliders)",
    ),
    b(
        &[(Plain(K::Home), A::Home), (Plain(K::End), A::End)],
        "the values at the slider's left and right labels",
    ),
    b(
        &[(Plain(K::Enter), A::Enter)],
        "type an exact value: what you type replaces it",
    ),
    b(&[(Plain(K::Char(' ')), A::Toggle)], "toggle a constraint"),
    Binding {
        keys: &[],
        label: Some("mouse"),
        what: "click a row; click or drag a slider; scroll over a row to change it",
    },
    b(
        &[
            (Plain(K::Char('m')), A::OpenCatalog(CatalogKind::Api)),
            (Plain(K::Char('g')), A::OpenCatalog(CatalogKind::Gpu)),
            (Plain(K::Char('l')), A::OpenCatalog(CatalogKind::Local)),
        ],
        "pick the API or cheap-tier model, GPU or local model",
    ),
    b(
        &[
            (Plain(K::Tab), A::NextTab(1)),
            (Plain(K::BackTab), A::NextTab(-1)),
        ],
        "next or previous tab",
    ),
    b(
        &[(Plain(K::Char('b')), A::ToggleEnvelope)],
        "Costs chart: line of the best self-hosting setup at each volume",
    ),
    b(
        &[(Plain(K::Char('o')), A::OpenPicker)],
        "open a preset (shipped or yours)",
    ),
    b(&[(Plain(K::Char('s')), A::Save)], "save as a user preset"),
    b(
        &[(Plain(K::Char('e')), A::Export)],
        "export chart (PNG, SVG) and report (Markdown)",
    ),
    b(
        &[(Plain(K::Char('r')), A::Reset)],
        "reset to the loaded preset",
    ),
    b(&[(Plain(K::Char('u')), A::Undo)], "undo"),
    b(&[(Ctrl('r'), A::Redo)], "redo"),
    b(
        &[(Plain(K::Char('w')), A::Why)],
        "why this number: formulas with your numbers",
    ),
    b(&[(Plain(K::Char('?')), A::Help)], "this help"),
    b(
        &[(Plain(K::Esc), A::Cancel)],
        "clear the message; in a dialog, close it (Esc never quits)",
    ),
    b(
        &[(Plain(K::Char('q')), A::Quit)],
        "quit (asks to save changes)",
    ),
];

/// The Fleet tab, no dialog open: these keys come first; the dashboard's others still work.
pub static FLEET: &[Binding] = &[b(
    &[
        (Plain(K::Up), A::Rank(-1)),
        (Plain(K::Char('k')), A::Rank(-1)),
        (Plain(K::Down), A::Rank(1)),
        (Plain(K::Char('j')), A::Rank(1)),
        (Plain(K::Enter), A::ApplyRank),
    ],
    "move in the ranking; Enter applies the row (u undoes)",
)];

/// Help, "why this number" and the preset list.
pub static LIST: &[Binding] = &[
    b(
        &[
            (Plain(K::Up), A::Up),
            (Plain(K::Char('k')), A::Up),
            (Plain(K::Down), A::Down),
            (Plain(K::Char('j')), A::Down),
        ],
        "scroll, or choose a preset",
    ),
    Binding {
        keys: &[],
        label: Some("mouse wheel"),
        what: "scroll here and in the catalog lists",
    },
    b(
        &[(Plain(K::PageUp), BIG_DOWN), (Plain(K::PageDown), BIG_UP)],
        "a page up or down",
    ),
    b(
        &[(Plain(K::Home), A::Home), (Plain(K::End), A::End)],
        "top, bottom",
    ),
    b(&[(Plain(K::Enter), A::Enter)], "load the chosen preset"),
    b(
        &[
            (Plain(K::Esc), A::Cancel),
            (Plain(K::Char('q')), A::Cancel),
            (Plain(K::Char('?')), A::Cancel),
            (Plain(K::Char('w')), A::Cancel),
        ],
        "close",
    ),
];

/// The catalog lists behind `m`, `g` and `l`.
pub static CATALOG: &[Binding] = &[
    b(
        &[(Key::AnyChar, A::Input('\0'))],
        "filter: words in any order",
    ),
    b(&[(Plain(K::Backspace), A::Backspace)], "delete a letter"),
    b(
        &[(Plain(K::Up), A::Up), (Plain(K::Down), A::Down)],
        "choose",
    ),
    b(
        &[(Plain(K::PageUp), BIG_DOWN), (Plain(K::PageDown), BIG_UP)],
        "a page up or down",
    ),
    b(&[(Plain(K::Enter), A::Enter)], "apply the chosen entry"),
    b(&[(Plain(K::Esc), A::Cancel)], "cancel"),
];

/// Typing a value (Enter) or a preset name (s).
pub static TEXT: &[Binding] = &[
    b(
        &[(Key::AnyChar, A::Input('\0'))],
        "type; the first key replaces the value shown",
    ),
    b(
        &[(Plain(K::Backspace), A::Backspace)],
        "delete a letter (the whole value while it is selected)",
    ),
    b(
        &[(Plain(K::Right), A::End), (Plain(K::End), A::End)],
        "keep the value and type after it",
    ),
    b(&[(Plain(K::Enter), A::Enter)], "apply"),
    b(
        &[(Plain(K::Esc), A::Cancel)],
        "cancel, keeping the old value",
    ),
];

/// Yes/no questions.
pub static CONFIRM: &[Binding] = &[
    b(
        &[(Plain(K::Char('y')), A::Yes), (Plain(K::Char('Y')), A::Yes)],
        "yes",
    ),
    b(
        &[(Plain(K::Char('n')), A::No), (Plain(K::Char('N')), A::No)],
        "no",
    ),
    b(&[(Plain(K::Esc), A::Cancel)], "cancel"),
];

/// Every table, in the order the help shows them.
pub static SECTIONS: &[Section] = &[
    Section {
        title: "Dashboard",
        bindings: DASHBOARD,
    },
    Section {
        title: "Fleet tab",
        bindings: FLEET,
    },
    Section {
        title: "Anywhere",
        bindings: GLOBAL,
    },
    Section {
        title: "Help, why, preset list",
        bindings: LIST,
    },
    Section {
        title: "Catalog lists (m g l)",
        bindings: CATALOG,
    },
    Section {
        title: "Typing a value or a name",
        bindings: TEXT,
    },
    Section {
        title: "Questions",
        bindings: CONFIRM,
    },
];

/// How the status line writes a key: as the help does, but ⏎ for Enter and ␣ for Space.
fn status_label(k: Key) -> String {
    match k {
        Key::Plain(KeyCode::Enter) => "⏎".into(),
        Key::Plain(KeyCode::Char(' ')) => "␣".into(),
        other => other.label(),
    }
}

/// The keys of a status-line hint: for each action, the first key bound to it in the first of
/// `tables` that binds it, as the status line writes keys. Glyphs run together (`↑↓`), words
/// are spaced (`PgUp PgDn`), and Shift is written once (`⇧←→`). `None` when an action has no
/// key, so a hint cannot name a key that does nothing.
pub fn status_keys(tables: &[&[Binding]], actions: &[Action]) -> Option<String> {
    let mut labels = Vec::with_capacity(actions.len());
    for a in actions {
        let key = tables.iter().find_map(|t| {
            t.iter()
                .flat_map(|b| b.keys.iter())
                .find(|(_, bound)| bound == a)
                .map(|(k, _)| *k)
        })?;
        labels.push(status_label(key));
    }
    let mut out = String::new();
    let mut shifted = false;
    for l in labels {
        let glyph = l.chars().count() <= 2;
        let l = match l.strip_prefix('⇧') {
            Some(rest) if shifted => rest.to_string(),
            _ => l,
        };
        shifted |= l.starts_with('⇧');
        let prev_glyph = out.chars().last().is_some_and(|c| !c.is_alphanumeric());
        if !(out.is_empty() || glyph && prev_glyph) {
            out.push(' ');
        }
        out.push_str(&l);
    }
    Some(out)
}

/// The action `ev` asks for in `table`, if any.
pub fn lookup(table: &[Binding], ev: &KeyEvent) -> Option<Action> {
    table.iter().flat_map(|b| b.keys.iter()).find_map(|(k, a)| {
        if !k.matches(ev) {
            return None;
        }
        match (k, ev.code) {
            (Key::AnyChar, KeyCode::Char(c)) => Some(Action::Input(c)),
            _ => Some(*a),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn shifted_arrows_take_the_big_step_and_plain_ones_the_small() {
        let n = KeyModifiers::NONE;
        assert_eq!(
            lookup(DASHBOARD, &key(K::Left, KeyModifiers::SHIFT)),
            Some(BIG_DOWN)
        );
        assert_eq!(lookup(DASHBOARD, &key(K::Left, n)), Some(STEP_DOWN));
        assert_eq!(
            lookup(DASHBOARD, &key(K::Char('?'), KeyModifiers::SHIFT)),
            Some(A::Help)
        );
        assert_eq!(
            lookup(DASHBOARD, &key(K::Char('r'), KeyModifiers::CONTROL)),
            Some(A::Redo)
        );
        assert_eq!(lookup(TEXT, &key(K::Char('x'), n)), Some(A::Input('x')));
        assert_eq!(
            lookup(TEXT, &key(K::Char('x'), KeyModifiers::CONTROL)),
            None
        );
    }

    #[test]
    fn every_binding_has_a_label_and_a_description() {
        for s in SECTIONS {
            for b in s.bindings {
                assert!(!b.keys_label().is_empty() && !b.what.is_empty(), "{b:?}");
            }
        }
        assert_eq!(DASHBOARD[0].keys_label(), "↑ k ↓ j");
    }
}
