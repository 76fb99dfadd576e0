//! `e` in the dashboard: export the current state, unsaved values included: a PNG and an SVG
//! of the current tab's chart, the Markdown report and the HTML meeting report (every chart
//! inline) beside them, never overwriting an earlier export. [`update`](super::update) describes the job ([`ExportJob`]); the run loop
//! hands it to [`Exports`], which draws and writes it off the input thread, reusing the Monte
//! Carlo bands the dashboard already has.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, Sender};

use super::bands::run_caught;
use crate::atomic::write_atomic;
use crate::export::{default_file_name, footer, ChartView, ImageKind, Prepared};
use crate::model::uncertainty::MonteCarlo;
use crate::report::{render_assessment, Context, Format, View};

/// Exported chart size, as `crossover export` defaults.
const SIZE: (u32, u32) = (1600, 900);

/// Everything one export needs, copied out of the app.
#[derive(Debug, Clone)]
pub struct ExportJob {
    /// The assessment the chart and the Markdown report render, as `crossover export` and
    /// `crossover report` do.
    pub assessment: Box<crate::model::assessment::Assessment>,
    pub view: ChartView,
    /// The dashboard's bands for this scenario, when they are in (else computed here).
    pub bands: Option<MonteCarlo>,
    /// The best self-hosting configuration at each volume, when the dashboard shows it (`b`).
    pub envelope: Option<Vec<(f64, f64)>>,
    /// The fleet ranking, when the dashboard has it (the Fleet tab's chart and the HTML
    /// report's), else why there is none: the HTML report says it where the chart would be.
    pub fleet: Result<crate::model::fleet::Comparison, String>,
    pub preset_name: String,
    pub dir: PathBuf,
    /// `YYYY-MM-DD`, for the file names and the footer.
    pub date: String,
}

impl ExportJob {
    /// Draw and write the four files; the message says where they went.
    pub fn run(self) -> Result<String, String> {
        let date = &self.date;
        let dir = &self.dir;
        if !dir.is_dir() {
            return Err(format!("the folder {} does not exist", dir.display()));
        }
        // crossover-<preset>-<date>, then -2, -3 … until no file of that name exists.
        let base = default_file_name(&self.preset_name, date, "png");
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
                ["png", "svg", "md", "html"]
                    .iter()
                    .all(|e| !dir.join(format!("{s}.{e}")).exists())
            })
            .ok_or("too many exports with this name today")?;
        let (w, h) = SIZE;
        let chart = Prepared::of(&self.assessment, self.view, date, self.bands.clone())
            .with_envelope(self.envelope)
            .with_fleet(self.fleet.clone().ok());
        let png = chart
            .encode(ImageKind::Png, w, h)
            .map_err(|e| e.to_string())?;
        let svg = chart
            .encode(ImageKind::Svg, w, h)
            .map_err(|e| e.to_string())?;
        let png_name = format!("{stem}.png");
        let extras = Context {
            chart_link: Some(png_name.clone()),
            footer: Some(footer(date)),
            ..Context::default()
        };
        let md = render_assessment(&self.assessment, View::Costs, Format::Markdown, &extras);
        let page = crate::export::html::report(
            &self.assessment,
            &Context::default(),
            date,
            self.bands,
            self.fleet.as_ref().map_err(String::as_str),
        )
        .map_err(|e| e.to_string())?;
        write_atomic(&dir.join(&png_name), &png, false).map_err(|e| e.to_string())?;
        write_atomic(&dir.join(format!("{stem}.svg")), &svg, false).map_err(|e| e.to_string())?;
        write_atomic(&dir.join(format!("{stem}.md")), md.as_bytes(), false)
            .map_err(|e| e.to_string())?;
        write_atomic(&dir.join(format!("{stem}.html")), page.as_bytes(), false)
            .map_err(|e| e.to_string())?;
        Ok(format!(
            "exported {stem}.png, .svg, .md and .html to {}",
            dir.display()
        ))
    }
}

/// The export worker: one export at a time, its result collected by [`Exports::poll`].
pub struct Exports {
    busy: bool,
    tx: Sender<Result<String, String>>,
    rx: Receiver<Result<String, String>>,
    /// Run on the calling thread (tests).
    pub inline: bool,
    /// Tests: the worker waits for a message, or for the sender to go, before it draws, as a
    /// slow export would keep it busy.
    pub hold: Option<Receiver<()>>,
}

impl Default for Exports {
    fn default() -> Exports {
        let (tx, rx) = channel();
        Exports {
            busy: false,
            tx,
            rx,
            inline: false,
            hold: None,
        }
    }
}

impl Exports {
    pub fn busy(&self) -> bool {
        self.busy
    }

    /// Start `job`; a panic while drawing comes back as an error, like any other failure.
    pub fn start(&mut self, job: ExportJob) {
        self.busy = true;
        let tx = self.tx.clone();
        let hold = self.hold.take();
        let work = move || {
            if let Some(hold) = hold {
                let _ = hold.recv();
            }
            let result = run_caught(|| job.run()).unwrap_or_else(Err);
            let _ = tx.send(result);
        };
        if self.inline {
            work();
        } else {
            std::thread::spawn(work);
        }
    }

    /// The finished export's message, if one finished.
    pub fn poll(&mut self) -> Option<Result<String, String>> {
        let r = self.rx.try_recv().ok()?;
        self.busy = false;
        Some(r)
    }

    /// Block until the running export is done (quitting waits for it).
    pub fn wait(&mut self) -> Option<Result<String, String>> {
        if !self.busy {
            return None;
        }
        self.busy = false;
        self.rx.recv().ok()
    }
}
