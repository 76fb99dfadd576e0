//! What the dashboard asks of the world: [`update`](super::update()) returns [`Effect`]s
//! instead of touching the disk or starting threads, and the run loop [`perform`]s them. The
//! result comes back to [`finish`](super::update::finish) as a [`Done`]. Listing, loading and
//! saving a small preset run in place; an export (drawing two 1600×900 charts), the Monte
//! Carlo bands and the Fleet ranking run on worker threads.

use std::path::PathBuf;

use super::app::App;
use super::export::ExportJob;
use crate::preset::library::{self, Entry, Loaded, SaveError};

/// Work for the run loop.
#[derive(Debug)]
pub enum Effect {
    /// List the presets, to open the picker.
    ListPresets,
    Load {
        name: String,
    },
    Save {
        name: String,
        force: bool,
        then_quit: bool,
    },
    Export(Box<ExportJob>),
    /// The scenario changed: start the Monte Carlo bands and the Fleet ranking for it on
    /// their workers (the point figures are already recomputed).
    Recompute,
    /// Something that shows background work came on screen: the Sensitivity tab (its flip
    /// table, if the scenario changed since) or the envelope (`b`, when the ranking in was
    /// computed without it).
    Shown,
}

/// The outcome of an [`Effect`].
#[derive(Debug)]
pub enum Done {
    Listed(Vec<Entry>),
    Loaded {
        name: String,
        result: Result<Box<Loaded>, String>,
    },
    Saved {
        name: String,
        then_quit: bool,
        result: Result<PathBuf, SaveError>,
    },
    Exported(Result<String, String>),
}

/// Carry out `effect` and feed its outcome back into the app (an export: once it is done).
pub fn perform(app: &mut App, effect: Effect) {
    let done = match effect {
        Effect::ListPresets => Done::Listed(library::list_in(app.user_dir.as_deref())),
        Effect::Load { name } => {
            let result = library::load_in(&name, app.user_dir.as_deref())
                .map(Box::new)
                .map_err(|e| e.to_string());
            Done::Loaded { name, result }
        }
        Effect::Save {
            name,
            force,
            then_quit,
        } => {
            let result = match app.user_dir.as_deref() {
                Some(dir) => library::save_in(dir, &name, &app.scenario, force),
                None => Err(SaveError::NoFolder),
            };
            Done::Saved {
                name,
                then_quit,
                result,
            }
        }
        Effect::Export(job) => {
            // Collected by `App::poll_background`.
            app.exports.start(*job);
            return;
        }
        Effect::Recompute => {
            app.start_background();
            return;
        }
        Effect::Shown => {
            app.request_flips();
            if app.fleet.envelope_missing() {
                app.request_fleet();
            }
            return;
        }
    };
    super::update::finish(app, done);
    // A loaded preset is a new scenario.
    if app.take_background_due() {
        app.start_background();
    }
}
