//! The dashboard driven like a user drives it: events into the real update and draw code, on
//! ratatui's TestBackend, with the Monte Carlo bands, the Fleet ranking and exports computed on
//! the test's thread so that every frame is deterministic.

use crossover::catalog;
use crossover::preset::library::{self, Loaded};
use crossover::tui::params::index_of;
use crossover::tui::theme::Theme;
use crossover::tui::{draw, handle_event, App, Setup};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};
use ratatui::Terminal;
use tempfile::TempDir;

pub struct Ui {
    pub app: App,
    pub term: Terminal<TestBackend>,
    _dir: TempDir,
}

impl Ui {
    /// The dashboard on `preset`, with a `w` × `h` terminal and an empty presets folder.
    pub fn new(preset: &str, w: u16, h: u16) -> Ui {
        let dir = TempDir::new().unwrap();
        let loaded = library::load_in(preset, Some(dir.path())).unwrap();
        Ui::with(loaded, dir, w, h)
    }

    /// The dashboard on a scenario already loaded, with `dir` as its presets folder.
    pub fn with(loaded: Loaded, dir: TempDir, w: u16, h: u16) -> Ui {
        let mut app = App::new(loaded, setup(&dir));
        app.export_dir = dir.path().to_path_buf();
        app.bands.worker.inline = true;
        app.exports.inline = true;
        app.fleet.worker.inline = true;
        app.flips.worker.inline = true;
        app.recompute();
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        draw(&mut term, &mut app).unwrap();
        Ui {
            app,
            term,
            _dir: dir,
        }
    }

    pub fn event(&mut self, ev: Event) {
        handle_event(&mut self.app, &ev);
        self.app.poll_background();
        draw(&mut self.term, &mut self.app).unwrap();
    }

    pub fn key(&mut self, code: KeyCode) {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn keys(&mut self, codes: &[KeyCode]) {
        for c in codes {
            self.key(*c);
        }
    }

    pub fn press(&mut self, code: KeyCode, times: usize) {
        for _ in 0..times {
            self.key(code);
        }
    }

    pub fn ctrl(&mut self, c: char) {
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    pub fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    pub fn mouse(&mut self, kind: MouseEventKind, column: u16, row: u16) {
        self.event(Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.term.backend_mut().resize(w, h);
        self.event(Event::Resize(w, h));
    }

    /// Down (or up) from the selected row to `key`'s row, as a user would.
    pub fn go_to(&mut self, key: &str) {
        let now = self.app.selected;
        let want = index_of(key).unwrap();
        if want >= now {
            self.press(KeyCode::Down, want - now);
        } else {
            self.press(KeyCode::Up, now - want);
        }
        assert_eq!(self.app.selected, want, "{key}");
    }

    pub fn screen_text(&self) -> String {
        let buf = self.term.backend().buffer();
        let mut s = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                s.push_str(buf[(x, y)].symbol());
            }
            s.push('\n');
        }
        s
    }
}

/// The outside world as the dashboard sees it at start, fixed: the presets folder `dir`, the
/// shipped catalog (no imported prices) and today = 2025-11-25.
pub fn setup(dir: &TempDir) -> Setup {
    Setup {
        user_dir: Some(dir.path().to_path_buf()),
        theme: Theme { color: true },
        catalog: catalog::shipped(),
        today: "2025-11-25".into(),
    }
}

/// The shipped `default` preset of 2025 (GPT-4o against Llama 3.1 8B, the contract's reference
/// scenario), as a user who saved it then still has it: the hand-worked figures of these tests.
pub const DEFAULT_2025: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/presets_2025/default.toml"
);

/// The shipped `guide-legal-docs` preset of 2025, as a user saved it.
pub const GUIDE_2025: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/presets_2025/guide-legal-docs.toml"
);
