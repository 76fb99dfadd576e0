//! `crossover calibrate FILE…`: read benchmark results, fit each configuration, show the
//! estimate before and after per run, and keep the fits in the user's data folder;
//! `--list` and `--remove N` manage them. Any bad file or refused fit stores nothing.

use std::path::PathBuf;

use serde_json::json;

use super::args::ListFormat;
use super::CliError;
use crate::calibrate::config::Flags;
use crate::calibrate::fit::{Figures, Outcome};
use crate::calibrate::outlier::Outlier;
use crate::calibrate::read::{self, Format};
use crate::calibrate::store::{self, Fit, Source};
use crate::calibrate::{fit_all, Fitted};

/// The command's inputs, as parsed.
pub struct Request<'a> {
    pub files: &'a [PathBuf],
    pub from: Option<&'a str>,
    pub flags: Flags,
    pub list: bool,
    pub remove: Option<usize>,
    pub dry_run: bool,
    pub format: ListFormat,
}

fn usage(e: impl std::fmt::Display) -> CliError {
    CliError::Usage(e.to_string())
}

fn store_path() -> Result<PathBuf, CliError> {
    store::path().ok_or_else(|| usage("no data folder for this user (HOME is not set)"))
}

/// Run it: the text or JSON to print.
pub fn run(r: &Request) -> Result<String, CliError> {
    let path = store_path()?;
    if r.list {
        return Ok(list(&store::load(&path).map_err(usage)?, r.format));
    }
    if let Some(n) = r.remove {
        return remove(&path, n);
    }
    if r.files.is_empty() {
        return Err(usage(
            "give benchmark result files to calibrate from, or --list or --remove N",
        ));
    }
    let from = match r.from {
        Some(f) => Some(Format::parse(f).ok_or_else(|| {
            usage(format!(
                "--from {f:?} is not a format: use {}",
                Format::NAMES
            ))
        })?),
        None => None,
    };
    let mut runs = Vec::new();
    let mut sources = Vec::new();
    for f in r.files {
        let shown = f.display().to_string();
        runs.extend(read::read(f, &shown, from).map_err(usage)?);
        sources.push((shown, store::sha256(f).map_err(usage)?));
    }
    let fitted = fit_all(crate::catalog::library(), &runs, &r.flags).map_err(usage)?;
    let date = crate::clock::today();
    let fits: Vec<Fit> = fitted
        .iter()
        .map(|f| {
            let files = sources
                .iter()
                .filter(|(name, _)| f.files.contains(name))
                .map(|(name, hash)| Source {
                    name: file_name(name),
                    sha256: hash.clone(),
                })
                .collect();
            Fit::new(&f.config, &f.outcome, &date, files)
        })
        .collect();
    let stored = if r.dry_run {
        None
    } else {
        store::update(&path, |old| Ok((store::merge(old, fits.clone()), ()))).map_err(usage)?;
        Some(path.display().to_string())
    };
    Ok(match r.format {
        ListFormat::Text => text(&fitted, &fits, stored.as_deref()),
        ListFormat::Json => json_out(&fitted, &fits, stored.as_deref()),
    })
}

/// The file's own name (a report shows it; the folder is the user's business).
fn file_name(shown: &str) -> String {
    std::path::Path::new(shown)
        .file_name()
        .map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned())
}

fn remove(path: &std::path::Path, n: usize) -> Result<String, CliError> {
    // Nothing to remove: say so without creating the data folder.
    if !path.exists() {
        return Err(usage(format!(
            "--remove {n}: there are 0 stored fits (crossover calibrate --list numbers them)"
        )));
    }
    let gone = store::update(path, |mut fits| {
        if n == 0 || n > fits.len() {
            return Err(format!(
                "--remove {n}: there {} {} stored fit{} (crossover calibrate --list numbers them)",
                if fits.len() == 1 { "is" } else { "are" },
                fits.len(),
                if fits.len() == 1 { "" } else { "s" }
            ));
        }
        let gone = fits.remove(n - 1);
        Ok((fits, gone))
    })
    .map_err(usage)?;
    Ok(format!(
        "Removed the fit of {} ({}, {} runs).\n",
        gone.config_text(),
        gone.date,
        gone.runs
    ))
}

fn list(fits: &[Fit], format: ListFormat) -> String {
    if format == ListFormat::Json {
        let v: Vec<_> = fits.iter().map(fit_json).collect();
        return serde_json::to_string_pretty(&json!({ "fits": v })).unwrap_or_default() + "\n";
    }
    if fits.is_empty() {
        return "No stored fits. `crossover calibrate FILE…` makes one from your benchmark runs.\n"
            .into();
    }
    let mut out = String::new();
    for (i, f) in fits.iter().enumerate() {
        out.push_str(&format!(
            "{}. {}: {}\n   bandwidth share {:.3}, compute share {:.3}, overhead {:.1} ms, fixed {:.1} ms per decode step; error median {:.1}%, worst {:.1}%\n   files: {}\n",
            i + 1,
            f.config_text(),
            f.phrase(),
            f.bandwidth_share,
            f.compute_share,
            f.overhead_ms,
            f.step_ms,
            f.median_error_pct,
            f.worst_error_pct,
            f.files
                .iter()
                .map(|s| format!("{} (sha256 {})", s.name, &s.sha256[..s.sha256.len().min(12)]))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for n in &f.notes {
            out.push_str(&format!("   note: {n}\n"));
        }
    }
    out
}

/// The JSON of a stored fit.
pub fn fit_json(f: &Fit) -> serde_json::Value {
    json!({
        "model": f.model, "gpu": f.gpu, "gpus": f.gpus, "precision": f.precision,
        "engine": f.engine, "date": f.date, "runs": f.runs,
        "bandwidth_share": f.bandwidth_share, "compute_share": f.compute_share,
        "overhead_ms": f.overhead_ms, "step_ms": f.step_ms, "capacity_fitted": f.capacity_fitted,
        "median_error_pct": f.median_error_pct, "worst_error_pct": f.worst_error_pct,
        "file_hashes": f.files.iter().map(|s| json!({"name": s.name, "sha256": s.sha256})).collect::<Vec<_>>(),
        "notes": f.notes,
    })
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |v| format!("{v:.1}"))
}

fn figures_row(f: &Figures) -> String {
    format!(
        "{:>9} {:>8} {:>8}",
        crate::figures::num(f.output_tokens_per_second.round()),
        opt(f.tpot_ms),
        opt(f.ttft_ms)
    )
}

fn outcome_text(o: &Outcome) -> String {
    let det = |j: usize| {
        if o.determined[j] {
            ""
        } else {
            " (not determined)"
        }
    };
    let mut out = format!(
        "  bandwidth share  {:.3} → {:.3} of peak{}\n  compute share    {:.3} → {:.3} of peak{}\n  overhead         {:.1} → {:.1} ms per request{}\n  fixed step time  {:.1} → {:.1} ms per decode step{}\n",
        o.bandwidth_share.0,
        o.bandwidth_share.1,
        det(0),
        o.compute_share.0,
        o.compute_share.1,
        det(1),
        o.overhead_s.0 * 1e3,
        o.overhead_s.1 * 1e3,
        det(2),
        o.step_s.0 * 1e3,
        o.step_s.1 * 1e3,
        det(3)
    );
    out.push_str(&format!(
        "  {:<28} {:>26} {:>26} {:>26}\n",
        "per run: tok/s, TPOT, TTFT", "measured", "estimate before", "after"
    ));
    for r in &o.runs {
        let rule = if o.outliers.iter().any(|x| x.run == r.name) {
            "; measured as fitted by the outlier rule, see its note"
        } else {
            ""
        };
        out.push_str(&format!(
            "  {} ({} in flight; the replica holds {}{rule})\n  {:<28} {:>26} {:>26} {:>26}\n",
            r.name,
            crate::figures::num((r.in_flight * 10.0).round() / 10.0),
            r.limit,
            format!(
                "worst error {:.1}% → {:.1}%",
                r.before.worst_pct(&r.measured),
                r.after.worst_pct(&r.measured)
            ),
            figures_row(&r.measured),
            figures_row(&r.before),
            figures_row(&r.after),
        ));
    }
    out.push_str(&format!(
        "  error after the fit: median {:.1}%, worst {:.1}% (output tokens/s, TPOT, TTFT in ms)\n",
        o.median_error_pct, o.worst_error_pct
    ));
    for n in &o.notes {
        out.push_str(&format!("  note: {n}\n"));
    }
    out
}

fn text(fitted: &[Fitted], fits: &[Fit], stored: Option<&str>) -> String {
    let mut out = String::new();
    for (f, s) in fitted.iter().zip(fits) {
        out.push_str(&format!("{}: {}\n", f.config.text(), s.phrase()));
        out.push_str(&outcome_text(&f.outcome));
        out.push('\n');
    }
    match stored {
        Some(p) => {
            out.push_str(&format!(
            "Stored in {p}: scenarios, `crossover throughput` and `compare` on {} now use {}.\n",
            if fits.len() == 1 { "this configuration" } else { "these configurations" },
            if fits.len() == 1 { "it" } else { "them" }
        ))
        }
        None => out.push_str("Not stored (--dry-run).\n"),
    }
    out
}

/// What the outlier rule changed in a run: the figures as measured (the run's `measured` holds
/// what the fit used).
fn outlier_json(o: &Outlier) -> serde_json::Value {
    let stat =
        |s: &crate::calibrate::run::Stat| json!({"mean": s.mean, "median": s.p50, "p99": s.p99});
    json!({
        "requests": o.requests,
        "ttft_ms_as_measured": o.ttft.map(|(s, _)| stat(&s)),
        "ttft_excess_share_of_e2e": o.ttft.map(|(_, share)| share),
        "tpot_ms_as_measured": o.tpot.map(|s| stat(&s)),
        "output_tokens_per_second_as_measured": o.tokens_per_second.0,
        "note": o.note(),
    })
}

fn json_out(fitted: &[Fitted], fits: &[Fit], stored: Option<&str>) -> String {
    let v: Vec<_> = fitted
        .iter()
        .zip(fits)
        .map(|(f, s)| {
            let runs: Vec<_> = f
                .outcome
                .runs
                .iter()
                .map(|r| {
                    let fig = |x: &Figures| json!({"output_tokens_per_second": x.output_tokens_per_second, "tpot_ms": x.tpot_ms, "ttft_ms": x.ttft_ms});
                    let outlier = f.outcome.outliers.iter().find(|o| o.run == r.name);
                    json!({"run": r.name, "in_flight": r.in_flight, "replica_holds": r.limit,
                        "saturates": r.saturates(), "measured": fig(&r.measured),
                        "before": fig(&r.before), "after": fig(&r.after),
                        "outlier": outlier.map(outlier_json)})
                })
                .collect();
            let mut j = fit_json(s);
            j["estimator_bandwidth_share"] = json!(f.outcome.bandwidth_share.0);
            j["estimator_compute_share"] = json!(f.outcome.compute_share.0);
            j["estimator_overhead_ms"] = json!(f.outcome.overhead_s.0 * 1e3);
            j["estimator_step_ms"] = json!(f.outcome.step_s.0 * 1e3);
            j["determined"] = json!({"bandwidth": f.outcome.determined[0], "compute": f.outcome.determined[1], "overhead": f.outcome.determined[2], "step": f.outcome.determined[3]});
            j["run_fits"] = json!(runs);
            j
        })
        .collect();
    serde_json::to_string_pretty(&json!({"fits": v, "stored_in": stored})).unwrap_or_default()
        + "\n"
}
