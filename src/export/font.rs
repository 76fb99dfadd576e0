//! The font every export uses: DejaVu Sans, bundled in `assets/fonts/` with its licence and
//! registered with plotters on first use, so exports need no system fonts or fontconfig.

use std::sync::OnceLock;

use plotters::style::FontStyle;

static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The family name charts ask for.
pub const FAMILY: &str = "sans-serif";

/// Register the bundled font once; later calls return the first result.
pub fn ensure_registered() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            plotters::style::register_font(FAMILY, style, DEJAVU_SANS)
                .map_err(|_| "the bundled DejaVu Sans font could not be loaded".to_string())?;
        }
        Ok(())
    })
    .clone()
}
