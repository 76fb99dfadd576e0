//! `e` in the dashboard: export the current state (unsaved values included).

use super::app::App;

pub fn export(app: &mut App) {
    app.error("export is not available yet");
}
