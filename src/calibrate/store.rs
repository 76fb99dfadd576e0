//! The fits kept in the user's data folder: `calibration.toml` (`$XDG_DATA_HOME/crossover/`),
//! one `[[fit]]` per configuration with its date, its files' names and SHA-256 hashes and each
//! run's errors. Written atomically ([`crate::atomic`]); a new fit of a configuration replaces
//! the old one. The process installs the file once ([`install`]); the pure model reads the
//! installed fits through [`installed`], so tests that never install are unaffected by a
//! user's folder.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::fit::Outcome;
use super::predict::Factors;
use crate::model::throughput::{Engine, Precision};

/// The file name in the data folder.
pub const FILE: &str = "calibration.toml";
/// The largest calibration file read: 4 MiB (a fit takes about a kilobyte).
pub const CAP: u64 = 4 << 20;

/// A benchmark file a fit came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub sha256: String,
}

/// One run's figures in a stored fit (for the dashboard and `--list`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunLine {
    pub name: String,
    /// Output tokens/s as fitted: as measured, unless the outlier rule took a warm-up out.
    pub measured_tokens_per_second: f64,
    /// Output tokens/s as the file gives it, where the outlier rule fitted another figure
    /// (absent otherwise, and in files written before the rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_measured_tokens_per_second: Option<f64>,
    pub before_tokens_per_second: f64,
    pub after_tokens_per_second: f64,
    /// Largest error of the run's figures, percent, before and after.
    pub worst_before_pct: f64,
    pub worst_after_pct: f64,
}

/// A stored fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub model: String,
    pub gpu: String,
    pub gpus: u32,
    pub precision: String,
    pub engine: String,
    pub date: String,
    pub runs: usize,
    /// Achieved share of peak bandwidth and compute, and the overhead, that the fit found.
    pub bandwidth_share: f64,
    pub compute_share: f64,
    pub overhead_ms: f64,
    /// A fixed time per decode step, ms (0 to 100; a file without the key reads as 0).
    #[serde(default)]
    pub step_ms: f64,
    /// The estimator's own shares for this configuration when the fit was made.
    pub estimator_bandwidth_share: f64,
    pub estimator_compute_share: f64,
    pub capacity_fitted: bool,
    pub median_error_pct: f64,
    pub worst_error_pct: f64,
    pub files: Vec<Source>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default, rename = "run")]
    pub run_lines: Vec<RunLine>,
}

impl Fit {
    /// The stored form of a fit made today.
    pub fn new(config: &Config, o: &Outcome, date: &str, files: Vec<Source>) -> Fit {
        Fit {
            model: config.model.clone(),
            gpu: config.gpu.clone(),
            gpus: config.gpus,
            precision: config.precision.name().into(),
            engine: config.engine.name().into(),
            date: date.into(),
            runs: o.runs.len(),
            bandwidth_share: o.bandwidth_share.1,
            compute_share: o.compute_share.1,
            overhead_ms: o.factors.overhead_s * 1e3,
            step_ms: o.factors.step_s * 1e3,
            estimator_bandwidth_share: o.bandwidth_share.0,
            estimator_compute_share: o.compute_share.0,
            capacity_fitted: o.capacity_fitted,
            median_error_pct: o.median_error_pct,
            worst_error_pct: o.worst_error_pct,
            files,
            notes: o.notes.clone(),
            run_lines: o
                .runs
                .iter()
                .map(|r| RunLine {
                    name: r.name.clone(),
                    measured_tokens_per_second: r.measured.output_tokens_per_second,
                    as_measured_tokens_per_second: o
                        .outliers
                        .iter()
                        .find(|x| x.run == r.name && x.tokens_per_second.0 != x.tokens_per_second.1)
                        .map(|x| x.tokens_per_second.0),
                    before_tokens_per_second: r.before.output_tokens_per_second,
                    after_tokens_per_second: r.after.output_tokens_per_second,
                    worst_before_pct: r.before.worst_pct(&r.measured),
                    worst_after_pct: r.after.worst_pct(&r.measured),
                })
                .collect(),
        }
    }

    /// True when the fit is of this configuration (catalog names compared loosely).
    pub fn is_for(&self, model: &str, gpu: &str, gpus: u32, p: Precision, e: Engine) -> bool {
        use crate::model::throughput::library::same_name;
        self.gpus == gpus
            && self.precision == p.name()
            && self.engine == e.name()
            && same_name(&self.model, model)
            && same_name(&self.gpu, gpu)
    }

    /// The factors relative to the estimator's current constants (`shares` are the
    /// estimator's achieved shares for this configuration now).
    pub fn factors(&self, shares: (f64, f64)) -> Factors {
        Factors {
            bandwidth: self.bandwidth_share / shares.0,
            compute: self.compute_share / shares.1,
            overhead_s: self.overhead_ms / 1e3,
            step_s: self.step_ms / 1e3,
        }
    }

    /// "Llama 3.1 8B bf16 on 1 × H100 SXM, vLLM": the engine as [`Engine::label`] names it
    /// (the stored key name only if it is not one crossover knows).
    pub fn config_text(&self) -> String {
        format!(
            "{} {} on {} × {}, {}",
            self.model,
            self.precision,
            self.gpus,
            self.gpu,
            Engine::parse(&self.engine).map_or(self.engine.as_str(), |e| e.label())
        )
    }

    /// "calibrated from your measurements (6 runs, 2026-12-07)".
    pub fn phrase(&self) -> String {
        format!("calibrated from your measurements ({})", self.counts())
    }

    /// "calibrated (6 runs, 2026-12-07)": the dashboard's title bar, where room is short.
    pub fn short(&self) -> String {
        format!("calibrated ({})", self.counts())
    }

    /// "latency only, 1 run, 2026-12-07" / "6 runs, 2026-12-07".
    fn counts(&self) -> String {
        let latency = if self.capacity_fitted {
            ""
        } else {
            "latency only, "
        };
        format!(
            "{latency}{} run{}, {}",
            self.runs,
            if self.runs == 1 { "" } else { "s" },
            self.date
        )
    }

    /// CSV's `# calibration:` header line (docs/MODEL.md §6.12): the fit's runs, date, whether
    /// it fitted latency only, and its files' SHA-256 hashes (`;`-separated), as `key=value`
    /// pairs separated by commas. A value never holds `,`, `;` or `=` (a hand-written fit's
    /// text has them replaced by spaces), so the line splits without quoting.
    pub fn csv_header(&self) -> String {
        let plain = |t: &str| t.replace([',', ';', '='], " ");
        format!(
            "# calibration: runs={},date={},latency_only={},file_hashes={}\n",
            self.runs,
            plain(&self.date),
            !self.capacity_fitted,
            self.files
                .iter()
                .map(|f| plain(&f.sha256))
                .collect::<Vec<_>>()
                .join(";")
        )
    }

    /// What the dashboard's "why" overlay shows: the fit, its factors, each run's error.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![
            format!("{}: {}", self.config_text(), self.phrase()),
            format!(
                "bandwidth share {:.3} of peak (estimator {:.3}), compute share {:.3} (estimator {:.3}), overhead {:.1} ms per request, fixed {:.1} ms per decode step",
                self.bandwidth_share,
                self.estimator_bandwidth_share,
                self.compute_share,
                self.estimator_compute_share,
                self.overhead_ms,
                self.step_ms
            ),
            format!(
                "error after the fit: median {:.1}%, worst {:.1}%; files: {}",
                self.median_error_pct,
                self.worst_error_pct,
                self.files
                    .iter()
                    .map(|f| format!("{} (sha256 {})", f.name, f.sha256.chars().take(12).collect::<String>()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ];
        for r in &self.run_lines {
            let measured = match r.as_measured_tokens_per_second {
                Some(m) => format!(
                    "{} tok/s fitted ({} measured, its slow first requests taken out)",
                    crate::figures::num(r.measured_tokens_per_second.round()),
                    crate::figures::num(m.round())
                ),
                None => format!(
                    "{} tok/s measured",
                    crate::figures::num(r.measured_tokens_per_second.round())
                ),
            };
            out.push(format!(
                "{}: {measured}, {} before, {} after (worst error {:.1}% → {:.1}%)",
                r.name,
                crate::figures::num(r.before_tokens_per_second.round()),
                crate::figures::num(r.after_tokens_per_second.round()),
                r.worst_before_pct,
                r.worst_after_pct
            ));
        }
        out.extend(self.notes.iter().cloned());
        out
    }

    /// The files' hashes, shortened to 12 hex digits for people.
    pub fn short_hashes(&self) -> String {
        self.files
            .iter()
            .map(|f| f.sha256.chars().take(12).collect::<String>())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The JSON `calibration` object of the fit in use, `{runs, date, file_hashes, …}`, or null.
pub fn json(fit: Option<&Fit>) -> serde_json::Value {
    fit.map_or(serde_json::Value::Null, |f| {
        serde_json::json!({
            "runs": f.runs,
            "date": f.date,
            "file_hashes": f.files.iter().map(|s| s.sha256.clone()).collect::<Vec<_>>(),
            "files": f.files.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
            "latency_only": !f.capacity_fitted,
            "bandwidth_share": f.bandwidth_share,
            "compute_share": f.compute_share,
            "overhead_ms": f.overhead_ms,
            "step_ms": f.step_ms,
            "median_error_pct": f.median_error_pct,
            "worst_error_pct": f.worst_error_pct,
        })
    })
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct FileForm {
    #[serde(default, rename = "fit")]
    fits: Vec<Fit>,
}

/// Where the fits are kept.
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "crossover").map(|d| d.data_dir().join(FILE))
}

/// The fits in `text`; a broken file is an error naming it.
pub fn parse(text: &str, shown: &str) -> Result<Vec<Fit>, String> {
    let form: FileForm =
        toml::from_str(text).map_err(|e| format!("{shown}: not a calibration file: {e}"))?;
    for f in &form.fits {
        f.check_figures()
            .map_err(|e| format!("{shown}: the fit of {} {e}", f.config_text()))?;
    }
    Ok(form.fits)
}

impl Fit {
    /// The shares in (0, 1], the overhead within 0 to 5,000 ms and the fixed step time within
    /// 0 to 100 ms, as a fit makes them, and finite errors: the first figure that is not, named
    /// with its key, its value and what is allowed.
    pub fn check_figures(&self) -> Result<(), String> {
        use super::fit::{MAX_OVERHEAD_S, MAX_STEP_S};
        let share = |s: f64| s.is_finite() && s > 0.0 && s <= 1.0;
        let within = |v: f64, hi: f64| v.is_finite() && (0.0..=hi).contains(&v);
        let checks = [
            (
                "bandwidth_share",
                self.bandwidth_share,
                share(self.bandwidth_share),
                "a share in (0, 1]".to_string(),
            ),
            (
                "compute_share",
                self.compute_share,
                share(self.compute_share),
                "a share in (0, 1]".to_string(),
            ),
            (
                "overhead_ms",
                self.overhead_ms,
                within(self.overhead_ms, MAX_OVERHEAD_S * 1e3),
                format!("0 to {} ms", crate::figures::num(MAX_OVERHEAD_S * 1e3)),
            ),
            (
                "step_ms",
                self.step_ms,
                within(self.step_ms, MAX_STEP_S * 1e3),
                format!("0 to {} ms", crate::figures::num(MAX_STEP_S * 1e3)),
            ),
            (
                "estimator_bandwidth_share",
                self.estimator_bandwidth_share,
                self.estimator_bandwidth_share.is_finite() && self.estimator_bandwidth_share > 0.0,
                "a share above 0".to_string(),
            ),
            (
                "estimator_compute_share",
                self.estimator_compute_share,
                self.estimator_compute_share.is_finite() && self.estimator_compute_share > 0.0,
                "a share above 0".to_string(),
            ),
            (
                "median_error_pct",
                self.median_error_pct,
                within(self.median_error_pct, f64::MAX),
                "a percentage of 0 or more".to_string(),
            ),
            (
                "worst_error_pct",
                self.worst_error_pct,
                within(self.worst_error_pct, f64::MAX),
                "a percentage of 0 or more".to_string(),
            ),
        ];
        match checks.into_iter().find(|(_, _, ok, _)| !ok) {
            None => Ok(()),
            Some((key, value, _, allowed)) => {
                Err(format!("has {key} = {value}: allowed {allowed}"))
            }
        }
    }

    /// A fit carried in a preset, as written by hand or by another copy of crossover: its
    /// figures as [`Fit::check_figures`], its configuration one crossover knows, and its texts
    /// short and free of control characters (they are shown in the terminal and reports).
    pub fn check_carried(&self) -> Result<(), String> {
        use crate::model::fields::{DESCRIPTION_CAP, NAME_CAP};
        self.check_figures()?;
        if Precision::parse(&self.precision).is_none() || Engine::parse(&self.engine).is_none() {
            return Err(format!(
                "names precision {:?} and engine {:?}: allowed bf16, fp8, int4, fp4 and vllm, sglang, tensorrt-llm",
                self.precision, self.engine
            ));
        }
        if !(1..=64).contains(&self.gpus) || self.runs == 0 || self.runs > 100_000 {
            return Err("has gpus outside 1 to 64 or runs outside 1 to 100,000".into());
        }
        let labels = [&self.model, &self.gpu, &self.date]
            .into_iter()
            .chain(self.files.iter().map(|f| &f.name))
            .chain(self.files.iter().map(|f| &f.sha256))
            .chain(self.run_lines.iter().map(|r| &r.name));
        for t in labels {
            if t.chars().count() > NAME_CAP || crate::sanitize::has_control(t) {
                return Err(format!(
                    "has a name over {NAME_CAP} characters or with a control character: {}",
                    crate::sanitize::clip(t, 60)
                ));
            }
        }
        for t in &self.notes {
            if t.chars().count() > DESCRIPTION_CAP || crate::sanitize::has_control(t) {
                return Err(format!(
                    "has a note over {DESCRIPTION_CAP} characters or with a control character: {}",
                    crate::sanitize::clip(t, 60)
                ));
            }
        }
        if let Some(r) = self.run_lines.iter().find(|r| {
            r.as_measured_tokens_per_second
                .is_some_and(|v| !(v.is_finite() && v > 0.0 && v < 1e9))
        }) {
            return Err(format!(
                "has a run line ({}) whose as_measured_tokens_per_second is not a positive number: allowed above 0 and below 1e9",
                crate::sanitize::clip(&r.name, 60)
            ));
        }
        if self.files.len() > 1000 || self.run_lines.len() > 10_000 {
            return Err("lists more than 1,000 files or 10,000 runs".into());
        }
        Ok(())
    }
}

/// A preset's `[calibration]` table: the fit the scenario carries.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Carried {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<Fit>,
}

/// The fits at `path` (none when there is no file).
pub fn load(path: &Path) -> Result<Vec<Fit>, String> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let shown = path.display().to_string();
    let text =
        crate::input::read_bounded(path, CAP, "calibration file").map_err(|e| e.to_string())?;
    parse(&text, &shown)
}

/// The TOML text of `fits`.
pub fn render(fits: &[Fit]) -> String {
    let body = toml::to_string(&FileForm {
        fits: fits.to_vec(),
    })
    .unwrap_or_default();
    format!("# crossover calibration: fits of the throughput estimate to your benchmark runs (crossover calibrate --list)\n\n{body}")
}

/// Write `fits` to `path` atomically, creating the folder.
pub fn save(path: &Path, fits: &[Fit]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    crate::atomic::write_atomic(path, render(fits).as_bytes(), true).map_err(|e| e.to_string())
}

/// Read, change and write the fits at `path` as one step: two `crossover calibrate` at once
/// each keep their fit (the second reads what the first wrote). The data folder itself is
/// locked (an advisory `flock`, released when the step ends or the process dies), so no lock
/// file is left behind.
pub fn update<T>(
    path: &Path,
    change: impl FnOnce(Vec<Fit>) -> Result<(Vec<Fit>, T), String>,
) -> Result<T, String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let _lock = FolderLock::take(dir)?;
    let (fits, out) = change(load(path)?)?;
    save(path, &fits)?;
    Ok(out)
}

/// An exclusive advisory lock on a folder, held until dropped.
struct FolderLock(std::fs::File);

impl FolderLock {
    fn take(dir: &Path) -> Result<FolderLock, String> {
        use std::os::fd::AsRawFd;
        let f = std::fs::File::open(dir)
            .map_err(|e| format!("cannot open {} to lock it: {e}", dir.display()))?;
        loop {
            // SAFETY: flock on a file descriptor this File owns for its whole life.
            if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) } == 0 {
                return Ok(FolderLock(f));
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(format!("cannot lock {}: {e}", dir.display()));
            }
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        // SAFETY: as in `take`; closing the file would release it too.
        unsafe { libc::flock(self.0.as_raw_fd(), libc::LOCK_UN) };
    }
}

/// `fits` with `new` in place of any fit of the same configuration.
pub fn merge(mut fits: Vec<Fit>, new: Vec<Fit>) -> Vec<Fit> {
    for n in new {
        fits.retain(|f| f.config_text() != n.config_text());
        fits.push(n);
    }
    fits
}

static INSTALLED: OnceLock<Vec<Fit>> = OnceLock::new();

/// Make `fits` the process's fits (once; later calls are ignored).
pub fn install(fits: Vec<Fit>) {
    let _ = INSTALLED.set(fits);
}

/// The installed fits: empty unless the shell installed the user's file.
pub fn installed() -> &'static [Fit] {
    INSTALLED.get().map_or(&[], Vec::as_slice)
}

static WARNING: OnceLock<String> = OnceLock::new();

/// Install the user's fits; a broken file is kept as a warning ([`warning`]), never fatal.
pub fn install_user() {
    let Some(p) = path() else {
        install(Vec::new());
        return;
    };
    match load(&p) {
        Ok(fits) => install(fits),
        Err(e) => {
            install(Vec::new());
            let _ = WARNING.set(format!("{e} (your calibrations are not used)"));
        }
    }
}

/// Why the user's calibration file was not used, for the report's warnings.
pub fn warning() -> Option<&'static str> {
    WARNING.get().map(String::as_str)
}

/// SHA-256 of the file at `path`, streamed, hex.
pub fn sha256(path: &Path) -> Result<String, String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f
            .read(&mut buf)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}
