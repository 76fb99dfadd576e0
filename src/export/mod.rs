//! Charts as files for planning meetings: PNG and SVG drawn with plotters from the same model
//! and curves as the dashboard (the Markdown report beside them is `report`'s).

mod assumptions;
pub mod canvas;
pub mod chart;
mod direct;
mod envelope;
pub mod fleet;
pub mod font;
mod fontface;
pub mod html;
mod lines;
pub mod markup;
pub mod page;
pub mod palette;
mod shading;
mod side;
mod strip;
mod subset;
mod timeline;
pub mod views;

use std::path::{Path, PathBuf};

use crate::atomic::{write_atomic, WriteError};
use crate::catalog::Catalog;
use crate::model::assessment::{Assessment, Severity};
use crate::model::curve::curve;
use crate::model::uncertainty::{default_threads, monte_carlo, BAND_VOLUMES};
use crate::model::{Choice, Outcome, Scenario};
use canvas::Canvas;
use chart::ChartInput;
pub use lines::{same_cost_stretches, within, SAME_SPAN, SAME_WITHIN};

/// Largest width or height accepted, in pixels.
pub const MAX_SIDE: u32 = 10_000;
/// Curve samples drawn (step volumes come on top).
const SAMPLES: usize = 600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Svg,
}

impl ImageKind {
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Svg => "svg",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}: unknown format; the file name must end in .png, .svg or .html", .0.display())]
    UnknownExtension(PathBuf),
    #[error("size {0}×{1} px is out of range: width and height must each be 1 to {MAX_SIDE}")]
    BadSize(u32, u32),
    #[error("cannot write {}: the folder {} does not exist", .path.display(), .folder.display())]
    MissingFolder { path: PathBuf, folder: PathBuf },
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("drawing the chart failed: {0}")]
    Draw(String),
}

impl ExportError {
    /// Usage mistakes (exit 2) as against failures to write (exit 1).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            ExportError::UnknownExtension(_)
                | ExportError::BadSize(..)
                | ExportError::Write(WriteError::Exists(_))
        )
    }
}

/// The image kind for a path's extension.
pub fn kind_for(path: &Path) -> Result<ImageKind, ExportError> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("png") => Ok(ImageKind::Png),
        Some("svg") => Ok(ImageKind::Svg),
        _ => Err(ExportError::UnknownExtension(path.to_path_buf())),
    }
}

/// Whether `path` names an HTML report (`.html` or `.htm`, any case).
pub fn is_html(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

pub fn check_size(width: u32, height: u32) -> Result<(), ExportError> {
    if (1..=MAX_SIDE).contains(&width) && (1..=MAX_SIDE).contains(&height) {
        Ok(())
    } else {
        Err(ExportError::BadSize(width, height))
    }
}

/// `crossover-<preset>-<date>.<ext>`, with the preset name made safe for a file name.
pub fn default_file_name(preset: &str, date: &str, ext: &str) -> String {
    // At most 200 characters of the name, so the file name stays within the 255 bytes a file
    // system allows.
    let safe: String = preset
        .chars()
        .take(200)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("crossover-{safe}-{date}.{ext}")
}

/// The footer line: `crossover <version> · <date>`.
pub fn footer(date: &str) -> String {
    format!("crossover {} · {date}", env!("CARGO_PKG_VERSION"))
}

/// Which chart an export draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartView {
    /// Cost per day against daily volume (with Monte Carlo bands when the preset has ranges)
    #[default]
    Costs,
    /// The sensitivity tornado
    Sensitivity,
    /// Cumulative cost over the growth horizon
    Timeline,
    /// Self-hosting's cost on the cheapest rented configurations against daily volume (the
    /// fleet ranking, docs/MODEL.md §6.10)
    Fleet,
}

/// Draw the cost chart for `sc`, assessed against `catalog`, and encode it.
pub fn render(
    sc: &Scenario,
    catalog: &crate::catalog::Catalog,
    kind: ImageKind,
    (width, height): (u32, u32),
    date: &str,
) -> Result<Vec<u8>, ExportError> {
    render_view(sc, catalog, ChartView::Costs, kind, (width, height), date)
}

/// Draw one of the charts for `sc`, assessed against `catalog` (the shell's) on `date`, and
/// encode it.
pub fn render_view(
    sc: &Scenario,
    catalog: &crate::catalog::Catalog,
    view: ChartView,
    kind: ImageKind,
    (width, height): (u32, u32),
    date: &str,
) -> Result<Vec<u8>, ExportError> {
    Prepared::new(sc, catalog, view, date).encode(kind, width, height)
}

/// The figures one chart needs, computed once and drawable in several formats (the
/// dashboard's `e` writes a PNG and an SVG of the same chart).
pub struct Prepared {
    /// The assessment's scenario: resolved against the catalog on the day (docs/MODEL.md §6.4,
    /// §6.11), so the chart says what the report says.
    scenario: Scenario,
    view: ChartView,
    outcome: Outcome,
    points: Vec<crate::model::curve::CurvePoint>,
    bands: Option<crate::model::uncertainty::MonteCarlo>,
    footer: String,
    /// The options drawn: the three of docs/MODEL.md, and the owned fleet when offered.
    options: Vec<Choice>,
    stale: Vec<String>,
    /// The assessment's blockers, for the side panel.
    blockers: Vec<String>,
    throughput: crate::report::throughput::Throughput,
    /// The best self-hosting configuration at each volume (docs/MODEL.md §6.10), when asked.
    envelope: Option<Vec<(f64, f64)>>,
    /// The fleet ranking (docs/MODEL.md §6.10), for the Fleet view.
    fleet: Option<crate::model::fleet::Comparison>,
}

impl Prepared {
    /// Draw the fleet envelope too (the Costs chart only): `(volume, cost per day)` points.
    pub fn with_envelope(mut self, envelope: Option<Vec<(f64, f64)>>) -> Prepared {
        self.envelope = envelope.filter(|e| !e.is_empty() && self.view == ChartView::Costs);
        self
    }

    /// The fleet ranking the Fleet view draws (the scenario's, at its volume).
    pub fn with_fleet(mut self, fleet: Option<crate::model::fleet::Comparison>) -> Prepared {
        self.fleet = fleet;
        self
    }

    /// The chart of `sc` assessed against `catalog` on `date`; [`Prepared::of`] when the
    /// caller holds the assessment.
    pub fn new(sc: &Scenario, catalog: &Catalog, view: ChartView, date: &str) -> Prepared {
        let a = Assessment::of(sc, catalog, date);
        Prepared::of(&a, view, date, None)
    }

    /// The chart of an assessment (its resolved scenario, outcome and blockers), with Monte
    /// Carlo bands already computed for it (the dashboard's); `None` computes them here when
    /// the view needs them.
    pub fn of(
        a: &Assessment,
        view: ChartView,
        date: &str,
        bands: Option<crate::model::uncertainty::MonteCarlo>,
    ) -> Prepared {
        let sc = &a.scenario;
        let outcome: Outcome = a.outcome.clone();
        let (lo, hi) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
        let mut points = curve(&outcome.rates, lo, hi, SAMPLES);
        let mut options = chart::OPTIONS.to_vec();
        if outcome.owned_enabled {
            crate::model::curve::add_owned(&mut points, &outcome);
            options.push(Choice::Owned);
        }
        let bands = (view == ChartView::Costs && !sc.uncertainty.ranges.is_empty())
            .then(|| bands.unwrap_or_else(|| monte_carlo(sc, BAND_VOLUMES, default_threads())));
        Prepared {
            scenario: sc.clone(),
            view,
            outcome,
            points,
            bands,
            footer: footer(date),
            options,
            stale: crate::model::staleness::stale(sc, date)
                .iter()
                .map(crate::wording::stale_short)
                .collect(),
            blockers: a
                .of_severity(Severity::Blocker)
                .map(|f| f.text.clone())
                .collect(),
            // The scenario is resolved: its API window is the catalog's, so no catalog is
            // read again here.
            throughput: crate::report::throughput::Throughput::of_resolved(sc),
            envelope: None,
            fleet: None,
        }
    }

    /// Draw and encode at a size; an SVG carries the subset of the font its text uses.
    pub fn encode(&self, kind: ImageKind, width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
        match kind {
            ImageKind::Svg => Ok(fontface::embed(&self.svg(width, height)?).into_bytes()),
            ImageKind::Png => self.draw(kind, width, height),
        }
    }

    /// The SVG at a size without its font (the HTML report embeds one for all its charts).
    pub fn svg(&self, width: u32, height: u32) -> Result<String, ExportError> {
        let bytes = self.draw(ImageKind::Svg, width, height)?;
        String::from_utf8(bytes).map_err(|e| ExportError::Draw(e.to_string()))
    }

    fn draw(&self, kind: ImageKind, width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
        check_size(width, height)?;
        font::ensure_registered().map_err(ExportError::Draw)?;
        let input = ChartInput {
            scenario: &self.scenario,
            outcome: &self.outcome,
            curve: &self.points,
            footer: self.footer.clone(),
            bands: self.bands.as_ref(),
            options: self.options.clone(),
            shaded: self.options.clone(),
            stale: self.stale.clone(),
            blockers: self.blockers.clone(),
            throughput: self.throughput.clone(),
            envelope: self.envelope.as_deref(),
        };
        let fleet = self.fleet.as_ref();
        match kind {
            ImageKind::Svg => {
                let mut svg = String::new();
                draw_view(
                    Canvas::svg(&mut svg, (width, height)),
                    self.view,
                    &input,
                    fleet,
                )
                .map_err(ExportError::Draw)?;
                Ok(svg.into_bytes())
            }
            ImageKind::Png => {
                let mut rgb = vec![255u8; width as usize * height as usize * 3];
                draw_view(
                    Canvas::png(&mut rgb, (width, height)),
                    self.view,
                    &input,
                    fleet,
                )
                .map_err(ExportError::Draw)?;
                encode_png(&rgb, width, height)
            }
        }
    }
}

fn draw_view(
    mut canvas: Canvas,
    view: ChartView,
    input: &ChartInput,
    fleet: Option<&crate::model::fleet::Comparison>,
) -> Result<(), String> {
    let sc = input.scenario;
    match view {
        ChartView::Costs => chart::draw(&mut canvas, input)?,
        ChartView::Sensitivity => views::draw_tornado(
            &mut canvas,
            sc,
            &crate::model::sensitivity::sensitivity(sc),
            &input.footer,
        )?,
        ChartView::Timeline => views::draw_timeline(
            &mut canvas,
            sc,
            &crate::model::timeline::timeline(sc),
            &input.footer,
        )?,
        ChartView::Fleet => {
            // No ranking given: an empty one, which the chart says serves nothing.
            let empty = crate::model::fleet::Comparison {
                requests_per_day: input.outcome.requests_per_day,
                rows: Vec::new(),
                rejected: Vec::new(),
                smallest_memory_gb: None,
            };
            fleet::draw(&mut canvas, input, fleet.unwrap_or(&empty))?
        }
    }
    canvas.finish()
}

fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut writer = enc
        .write_header()
        .map_err(|e| ExportError::Draw(e.to_string()))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| ExportError::Draw(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| ExportError::Draw(e.to_string()))?;
    Ok(out)
}

/// Which chart to write, with the fleet envelope to draw on the costs chart and the fleet
/// ranking the fleet chart draws, when given.
pub type ChartSpec = (
    ChartView,
    Option<Vec<(f64, f64)>>,
    Option<crate::model::fleet::Comparison>,
);

/// Render the assessment's chart and write it to `path` atomically; refuses to overwrite unless
/// `force`.
pub fn write_chart(
    a: &Assessment,
    (view, envelope, fleet): ChartSpec,
    path: &Path,
    (width, height): (u32, u32),
    force: bool,
    date: &str,
) -> Result<(), ExportError> {
    let kind = kind_for(path)?;
    check_size(width, height)?;
    check_target(path, force)?;
    let bytes = Prepared::of(a, view, date, None)
        .with_envelope(envelope)
        .with_fleet(fleet)
        .encode(kind, width, height)?;
    write_atomic(path, &bytes, force)?;
    Ok(())
}

/// The HTML report of `a` ([`html::report`]) written to `path` atomically; refuses to
/// overwrite unless `force`.
pub fn write_report(
    a: &crate::model::assessment::Assessment,
    ctx: &crate::report::Context,
    path: &Path,
    force: bool,
    date: &str,
    fleet: Result<crate::model::fleet::Comparison, String>,
) -> Result<(), ExportError> {
    check_target(path, force)?;
    let page = html::report(a, ctx, date, None, fleet.as_ref().map_err(String::as_str))?;
    write_atomic(path, page.as_bytes(), force)?;
    Ok(())
}

/// The folder exists, and the file does not unless `force`.
fn check_target(path: &Path, force: bool) -> Result<(), ExportError> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(ExportError::MissingFolder {
            path: path.to_path_buf(),
            folder: folder.to_path_buf(),
        });
    }
    if !force && path.exists() {
        return Err(WriteError::Exists(path.to_path_buf()).into());
    }
    Ok(())
}
