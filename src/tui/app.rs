//! The dashboard's whole state: the scenario being edited, what the model says about it, the
//! selection, the open dialog, history for undo, and the last layout (for the mouse).

use std::path::PathBuf;

use super::latest::Background;
use super::layout::Screen;
use super::params::PARAMS;
use super::theme::Theme;
use crate::catalog::dates::PriceDates;
use crate::catalog::Catalog;
use crate::model::curve::{curve, CurvePoint};
use crate::model::fields::{check_cross, Value};
use crate::model::sensitivity::{sensitivity, Sensitivity};
use crate::model::timeline::{timeline, Timeline};
use crate::model::{Outcome, Scenario};
use crate::preset::library::{Entry, Loaded, Source};

/// Log-spaced samples in the chart's curves (step volumes come on top).
pub const CURVE_SAMPLES: usize = 400;
/// Undo history kept.
const HISTORY: usize = 500;

/// Which dialog, if any, is over the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// Typing an exact value for a row. While `selected`, the value shown is selected as in a
    /// spreadsheet: the first character typed replaces it.
    Edit {
        row: usize,
        input: String,
        error: Option<String>,
        selected: bool,
    },
    /// The keys, scrolled by `scroll` lines.
    Help {
        scroll: u16,
    },
    /// The derivations overlay, scrolled by `scroll` lines.
    Why {
        scroll: u16,
    },
    /// The preset picker.
    Picker {
        entries: Vec<Entry>,
        selected: usize,
    },
    /// Asking for a name to save under.
    SaveName {
        input: String,
        error: Option<String>,
        then_quit: bool,
    },
    /// The name exists: overwrite?
    ConfirmOverwrite {
        name: String,
        then_quit: bool,
    },
    /// Unsaved changes: load `name` anyway?
    ConfirmLoad {
        name: String,
    },
    /// Unsaved changes: save before quitting?
    ConfirmQuit,
    /// Picking an API model, a GPU or a local model from the catalog; typing filters.
    Catalog {
        kind: CatalogKind,
        filter: String,
        selected: usize,
    },
}

/// Which catalog list is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogKind {
    Api,
    /// The cheap API tier's model: `m` on one of the cheap tier's rows.
    Cheap,
    Gpu,
    Local,
}

/// The dashboard's tabs (`Tab` cycles them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Costs,
    Sensitivity,
    Timeline,
    /// The fleet comparison: every GPU offering × precision × GPUs per replica, ranked.
    Fleet,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Costs, Tab::Sensitivity, Tab::Timeline, Tab::Fleet];

    pub fn name(self) -> &'static str {
        match self {
            Tab::Costs => "Costs",
            Tab::Sensitivity => "Sensitivity",
            Tab::Timeline => "Timeline",
            Tab::Fleet => "Fleet",
        }
    }

    pub fn next(self, step: i8) -> Tab {
        let n = Tab::ALL.len() as i64;
        let i = Tab::ALL.iter().position(|t| *t == self).unwrap_or(0) as i64;
        Tab::ALL[(i + i64::from(step)).rem_euclid(n) as usize]
    }
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// What the dashboard needs from outside, read once at start by the caller (the run loop
/// reads the environment; tests pass fixed values), so that drawing reads no clock or disk.
pub struct Setup {
    /// Where user presets are saved and listed.
    pub user_dir: Option<PathBuf>,
    pub theme: Theme,
    /// The price catalog for `m`, `g` and `l`.
    pub catalog: Catalog,
    /// Today, `YYYY-MM-DD`: for the prices' age and export names.
    pub today: String,
}

impl Setup {
    /// The real environment: the user's preset folder, `NO_COLOR`, the catalog in force and
    /// today's date.
    pub fn from_env() -> Setup {
        Setup {
            user_dir: crate::preset::library::user_dir(),
            theme: Theme::from_env(),
            catalog: crate::catalog::load(),
            today: crate::clock::today(),
        }
    }
}

pub struct App {
    pub scenario: Scenario,
    /// The preset as loaded or last saved: `r` returns here, and "modified" compares to it.
    pub baseline: Scenario,
    pub preset_name: String,
    pub preset_source: Source,
    pub outcome: Outcome,
    /// The scenario resolved against the catalog on `today` (the API model's window, the
    /// dated API price in force; docs/MODEL.md §6.11), once per change: what the outcome,
    /// the bands, the Fleet ranking and the export cost.
    pub resolved: Scenario,
    pub curve: Vec<CurvePoint>,
    /// Index into [`PARAMS`].
    pub selected: usize,
    pub mode: Mode,
    pub status: Option<Status>,
    /// The scenario changed since the bands and the Fleet ranking were asked for.
    background_due: bool,
    /// How far the help and "why this number" can scroll, as the last frame laid them out.
    pub scroll_max: ScrollMax,
    /// Earlier scenarios, each with the notes it had (a pick's notes go with its undo).
    undo: Vec<(Scenario, Vec<String>)>,
    redo: Vec<(Scenario, Vec<String>)>,
    /// The rectangles of the last frame, for mouse hit-testing.
    pub screen: Screen,
    /// Where user presets are saved and listed.
    pub user_dir: Option<PathBuf>,
    /// Where `e` writes exports.
    pub export_dir: PathBuf,
    pub theme: Theme,
    pub should_quit: bool,
    /// Ctrl-Z asked the run loop to suspend the dashboard (give the terminal back and stop).
    pub suspend: bool,
    /// The row whose slider the mouse is dragging.
    pub dragging: Option<usize>,
    /// What the shell knows besides the scenario, as `report` has it: the notes of the command
    /// line's picks and `--set`s, then of the dashboard's picks (the export's "Sources and
    /// assumptions"). A new preset starts them over.
    pub notes: Vec<String>,
    /// The price catalog for `m`, `g` and `l`.
    pub catalog: Catalog,
    /// Today, `YYYY-MM-DD`, given at start.
    pub today: String,
    /// The dates of the prices in use (follows the scenario).
    pub price_dates: PriceDates,
    pub tab: Tab,
    /// The tornado and the timeline: fast enough to recompute with every change.
    pub sensitivity: Sensitivity,
    pub timeline: Timeline,
    /// Monte Carlo bands, computed off the input thread (see [`bands`](super::bands)).
    pub bands: super::bands::Bands,
    /// The export running off the input thread, if any.
    pub exports: super::export::Exports,
    /// The replica's throughput: the estimate, the rates in force, the warnings.
    pub throughput: crate::report::throughput::Throughput,
    /// The Fleet tab's ranking and the Costs chart's envelope, computed off the input thread
    /// (see [`fleet`](super::fleet)).
    pub fleet: super::fleet::Fleet,
    /// What would flip the answer (docs/MODEL.md §7.4), computed off the input thread (see
    /// [`flip_panel`](super::flip_panel)).
    pub flips: super::flip_panel::FlipPanel,
    /// The scenario changed since the flip table was last asked for.
    pub flips_due: bool,
}

/// What derive computes: the resolved scenario, the outcome, the curve, the tornado and the
/// timeline.
type Derived = (Scenario, Outcome, Vec<CurvePoint>, Sensitivity, Timeline);

/// Everything on screen that follows from the scenario, bands aside (those run off-thread).
/// The scenario is assessed with the catalog's facts filled in (the API model's window).
fn derive(sc: &Scenario, catalog: &Catalog, today: &str) -> Derived {
    let resolved = crate::model::assessment::resolve(sc, catalog, today);
    let sc = &resolved;
    let outcome = Outcome::evaluate(sc);
    let c = &sc.chart;
    let points = curve(
        &outcome.rates,
        c.min_requests_per_day,
        c.max_requests_per_day,
        CURVE_SAMPLES,
    );
    let (tornado, months) = (sensitivity(sc), timeline(sc));
    (resolved, outcome, points, tornado, months)
}

impl App {
    pub fn new(loaded: Loaded, setup: Setup) -> App {
        let Setup {
            user_dir,
            theme,
            catalog,
            today,
        } = setup;
        let mut loaded = loaded;
        shown_safe(&mut loaded);
        crate::catalog::owned_from_gpu::follow(&mut loaded.scenario, &catalog);
        crate::model::throughput::looked::look_up(&mut loaded.scenario, &catalog.library);
        let (resolved, outcome, curve, sensitivity, timeline) =
            derive(&loaded.scenario, &catalog, &today);
        let notes = loaded.notes;
        let shell_notes = notes.clone();
        let price_dates = PriceDates::of(&loaded.scenario, &catalog);
        let throughput = crate::report::throughput::Throughput::of(&loaded.scenario, &catalog);
        let fleet = super::fleet::Fleet::new(&catalog);
        let flips = super::flip_panel::FlipPanel::new(&catalog, &today);
        let mut app = App {
            baseline: loaded.scenario.clone(),
            scenario: loaded.scenario,
            preset_name: loaded.name,
            preset_source: loaded.source,
            outcome,
            resolved,
            curve,
            selected: 0,
            mode: Mode::Normal,
            status: None,
            background_due: false,
            scroll_max: ScrollMax::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            screen: Screen::default(),
            user_dir,
            export_dir: PathBuf::from("."),
            theme,
            should_quit: false,
            suspend: false,
            dragging: None,
            notes: shell_notes,
            catalog,
            today,
            price_dates,
            tab: Tab::Costs,
            sensitivity,
            timeline,
            bands: super::bands::Bands::default(),
            exports: super::export::Exports::default(),
            throughput,
            fleet,
            flips,
            flips_due: true,
        };
        app.bands.request(&app.resolved);
        app.request_flips();
        app.request_fleet();
        // What the command line's picks did (and a catalog that did not read cleanly) shows
        // on screen too, not only on stderr before the dashboard covered it.
        if !app.catalog.warnings.is_empty() {
            app.error(app.catalog.warnings.join("; "));
        } else if !notes.is_empty() {
            app.info(notes.join("; "));
        }
        app
    }

    /// Re-run the model after the scenario changed, and start the background work for it at
    /// once (outside [`update`](super::update()): the first frame, tests).
    pub fn recompute(&mut self) {
        self.rederive();
        self.start_background();
    }

    /// Re-run the model after the scenario changed (on this thread: it is quick) and note that
    /// the Monte Carlo bands and the Fleet ranking are due: `update` returns
    /// [`Effect::Recompute`](super::Effect::Recompute) for them, so it starts no thread.
    fn rederive(&mut self) {
        (
            self.resolved,
            self.outcome,
            self.curve,
            self.sensitivity,
            self.timeline,
        ) = derive(&self.scenario, &self.catalog, &self.today);
        self.price_dates = PriceDates::of(&self.scenario, &self.catalog);
        self.throughput = crate::report::throughput::Throughput::of(&self.scenario, &self.catalog);
        self.background_due = true;
    }

    /// Ask the workers for the Monte Carlo bands and the Fleet ranking of the current
    /// scenario (the run loop's part of [`Effect::Recompute`](super::Effect::Recompute)).
    pub fn start_background(&mut self) {
        self.background_due = false;
        // The resolved scenario: the API price in force today, as the outcome costs it.
        self.bands.request(&self.resolved);
        self.flips_due = true;
        self.request_flips();
        self.request_fleet();
    }

    /// Ask for the flip table when the Sensitivity tab, its only place on screen, is shown and
    /// the table is due (the scenario changed since the last one): on other tabs a change costs
    /// no table, and showing the tab asks for it ([`Effect::Shown`](super::Effect::Shown)).
    pub fn request_flips(&mut self) {
        if self.flips_due && self.tab == Tab::Sensitivity {
            self.flips_due = false;
            self.flips.request(&self.scenario);
        } else if self.flips_due {
            self.flips.current = None;
        }
    }

    /// Rank the fleet at the volume the recommended option serves locally (the hybrid's
    /// local share when it is recommended), as `crossover compare` does.
    pub fn request_fleet(&mut self) {
        let choice = self.outcome.recommendation.choice;
        self.fleet.request(&crate::model::fleet::at_local_volume(
            &self.resolved,
            choice,
        ));
    }

    /// Take what background work finished (bands, an export); true when the screen changed.
    pub fn poll_background(&mut self) -> bool {
        let mut changed = self.bands.poll() | self.fleet.poll() | self.flips.poll();
        if let Some(e) = self.bands.take_error() {
            self.error(format!("uncertainty bands failed: {e}"));
            changed = true;
        }
        if let Some(done) = self.exports.poll() {
            super::update::finish(self, super::effect::Done::Exported(done));
            changed = true;
        }
        changed
    }

    /// Background work still running (the run loop then wakes up every frame to collect it).
    pub fn busy(&self) -> bool {
        self.bands.pending() || self.exports.busy() || self.fleet.pending() || self.flips.pending()
    }

    /// Unsaved changes against the loaded (or last saved) preset.
    pub fn modified(&self) -> bool {
        self.scenario != self.baseline
    }

    /// A status message; control characters in it (a name or path from a file) are shown as
    /// escapes ([`crate::sanitize::line`]), on one line.
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: crate::sanitize::line(&text.into()).into_owned(),
            error: false,
        });
    }

    /// An error in the status line, made safe as [`App::info`] makes its text.
    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: crate::sanitize::line(&text.into()).into_owned(),
            error: true,
        });
    }

    /// Set row `row` to `value` if the key and the cross-key checks accept it; otherwise keep
    /// the old value and say why. The note returned says what else changed (the `[uncertainty]` ranges a switch to the
    /// estimate dropped).
    pub fn set(&mut self, row: usize, value: Value) -> Result<Option<&'static str>, String> {
        let field = PARAMS[row].field();
        field
            .check(&value)
            .map_err(|m| format!("{} {m}", field.key))?;
        if field.get(&self.scenario) == value {
            // The same value again (Enter on an untouched editor, a slider at its end) changes
            // nothing: an owned figure that follows the GPU keeps following.
            return Ok(None);
        }
        let mut next = self.scenario.clone();
        field.set(&mut next, value);
        // A switch to the estimate drops the ranges on the given rates, with a note.
        let note = crate::model::fields::drop_estimated_ranges(&mut next)
            .then_some(crate::wording::RANGES_DROPPED);
        check_cross(&next).map_err(|(k, m)| format!("{k} {m}"))?;
        if next != self.scenario {
            self.replace(next);
        }
        if let Some(n) = note.filter(|n| !self.notes.iter().any(|m| m == n)) {
            self.notes.push(n.to_string());
        }
        Ok(note)
    }

    /// Take a new scenario, remembering the old one for undo. The owned fleet's figures the
    /// user did not set follow its GPU first, so one undo restores the GPU and them together.
    pub fn replace(&mut self, mut next: Scenario) {
        crate::catalog::owned_from_gpu::follow(&mut next, &self.catalog);
        let old = std::mem::replace(&mut self.scenario, next);
        self.undo.push((old, self.notes.clone()));
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.rederive();
    }

    /// Take a catalog pick's scenario (the `m`/`g`/`l` pickers, the Fleet tab's Enter) in one
    /// undoable step, refused when a rule across keys fails. The status gives `notes`, then
    /// which owned-fleet figures moved with the GPU.
    pub fn apply_pick(&mut self, next: Scenario, mut notes: Vec<String>) {
        if let Err((k, m)) = check_cross(&next) {
            self.error(format!("{k} {m}"));
            return;
        }
        let before = self.scenario.owned.clone();
        self.replace(next);
        for n in &notes {
            if !self.notes.contains(n) {
                self.notes.push(n.clone());
            }
        }
        notes.extend(crate::model::owned_inputs::moved(
            &before,
            &self.scenario.owned,
            &self.scenario.currency,
        ));
        self.info(notes.join("; "));
    }

    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some((prev, notes)) => {
                let cur = std::mem::replace(&mut self.scenario, prev);
                let cur_notes = std::mem::replace(&mut self.notes, notes);
                self.redo.push((cur, cur_notes));
                self.rederive();
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.redo.pop() {
            Some((next, notes)) => {
                let cur = std::mem::replace(&mut self.scenario, next);
                let cur_notes = std::mem::replace(&mut self.notes, notes);
                self.undo.push((cur, cur_notes));
                self.rederive();
                true
            }
            None => false,
        }
    }

    /// Start over on another preset (history cleared: it belonged to the old one).
    pub fn load(&mut self, mut loaded: Loaded) {
        shown_safe(&mut loaded);
        crate::catalog::owned_from_gpu::follow(&mut loaded.scenario, &self.catalog);
        crate::model::throughput::looked::look_up(&mut loaded.scenario, &self.catalog.library);
        self.baseline = loaded.scenario.clone();
        self.scenario = loaded.scenario;
        self.preset_name = loaded.name;
        self.preset_source = loaded.source;
        self.notes = loaded.notes;
        self.undo.clear();
        self.redo.clear();
        self.rederive();
    }
}

/// How far the scrolling overlays can scroll, written by each frame's layout (the view knows
/// their line counts; `update` only reads these).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScrollMax {
    pub help: u16,
    pub why: u16,
}

impl App {
    /// The background work a change of scenario made due, for `update` to return as an
    /// effect (taking it clears it).
    pub fn take_background_due(&mut self) -> bool {
        std::mem::take(&mut self.background_due)
    }
}

/// The texts of a loaded preset as the dashboard shows them: every control character (an
/// escape sequence, a line break, a right-to-left override) as a visible escape such as
/// `\x1b` or `\u{202e}` ([`crate::sanitize::line`]), the way every other output shows them.
/// The terminal would otherwise receive them raw or drop them unseen. The numbers are left
/// alone.
fn shown_safe(loaded: &mut Loaded) {
    use crate::model::fields::{self, Kind};
    for f in fields::all().filter(|f| f.kind == Kind::Text) {
        if let Value::Text(t) = f.get(&loaded.scenario) {
            if crate::sanitize::has_control(&t) {
                let safe = crate::sanitize::line(&t).into_owned();
                f.set(&mut loaded.scenario, Value::Text(safe));
            }
        }
    }
    loaded.name = crate::sanitize::line(&loaded.name).into_owned();
}
