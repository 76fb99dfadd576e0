//! `e` in the dashboard: export the current state, unsaved values included: a PNG and an SVG
//! of the current tab's chart and the Markdown report beside them, never overwriting an
//! earlier export.

use super::app::App;
use super::app::Tab;
use crate::atomic::write_atomic;
use crate::export::{default_file_name, footer, ChartView, ImageKind, Prepared};
use crate::report::{markdown, Context};

/// Exported chart size, as `crossover export` defaults.
const SIZE: (u32, u32) = (1600, 900);

pub fn export(app: &mut App) {
    match write_all(app) {
        Ok(msg) => app.info(msg),
        Err(e) => app.error(format!("export failed: {e}")),
    }
}

fn write_all(app: &App) -> Result<String, String> {
    let date = crate::clock::today();
    let dir = &app.export_dir;
    if !dir.is_dir() {
        return Err(format!("the folder {} does not exist", dir.display()));
    }
    // crossover-<preset>-<date>, then -2, -3 … until no file of that name exists.
    let base = default_file_name(&app.preset_name, &date, "png");
    let base = base.trim_end_matches(".png").to_string();
    let stem = (1..1000)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| {
            ["png", "svg", "md"]
                .iter()
                .all(|e| !dir.join(format!("{s}.{e}")).exists())
        })
        .ok_or("too many exports with this name today")?;
    let sc = &app.scenario;
    let (w, h) = SIZE;
    let view = match app.tab {
        Tab::Costs => ChartView::Costs,
        Tab::Sensitivity => ChartView::Sensitivity,
        Tab::Timeline => ChartView::Timeline,
    };
    let chart = Prepared::new(sc, view, &date);
    let png = chart
        .encode(ImageKind::Png, w, h)
        .map_err(|e| e.to_string())?;
    let svg = chart
        .encode(ImageKind::Svg, w, h)
        .map_err(|e| e.to_string())?;
    let png_name = format!("{stem}.png");
    let extras = Context {
        chart_link: Some(png_name.clone()),
        footer: Some(footer(&date)),
        ..Context::default()
    };
    let md = markdown::render(sc, &app.outcome, &extras);
    write_atomic(&dir.join(&png_name), &png, false).map_err(|e| e.to_string())?;
    write_atomic(&dir.join(format!("{stem}.svg")), &svg, false).map_err(|e| e.to_string())?;
    write_atomic(&dir.join(format!("{stem}.md")), md.as_bytes(), false)
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "exported {stem}.png, .svg and .md to {}",
        dir.display()
    ))
}
