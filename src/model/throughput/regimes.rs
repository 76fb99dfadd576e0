//! Calibrated regimes: the calibration table's rows (docs/DEVELOPMENT.md) sorted by
//! architecture class, precision, GPU generation, GPUs per replica, prompt length and load,
//! with the median error of each regime (docs/MODEL.md §6.2, "Errors by regime"). A replica in
//! a regime no row covers gets a finding that quotes the nearest covered regime's error: a
//! note, or a warning when that error passes 25%.

use super::arch::{ModelArch, Precision};
use super::engine::fine_grained;
use super::gpu::{Generation, GpuSpec};

/// One regime's rows in the calibration table and their median absolute error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub dimension: &'static str,
    pub regime: &'static str,
    pub rows: usize,
    pub median_pct: f64,
}

const fn band(dimension: &'static str, regime: &'static str, rows: usize, median_pct: f64) -> Band {
    Band {
        dimension,
        regime,
        rows,
        median_pct,
    }
}

/// The calibration table by regime with the shipped constants (`tests/model/
/// throughput_calibration.rs` recomputes it: the figures cannot drift from the table).
pub const BANDS: &[Band] = &[
    band("architecture", "dense", 37, 7.4),
    band("architecture", "coarse mixture of experts", 16, 7.4),
    band("architecture", "fine-grained mixture of experts", 5, 21.3),
    band("precision", "bf16", 16, 8.7),
    band("precision", "fp8", 37, 7.2),
    band("precision", "int4", 5, 21.3),
    band("precision", "fp4", 0, 0.0),
    band("generation", "Ampere", 14, 7.9),
    band("generation", "Ada", 12, 4.4),
    band("generation", "Hopper", 29, 8.1),
    band("generation", "Blackwell", 3, 26.9),
    band("generation", "CDNA", 0, 0.0),
    band("GPUs per replica", "1", 27, 8.1),
    band("GPUs per replica", "2", 12, 6.8),
    band("GPUs per replica", "4", 18, 7.4),
    band("GPUs per replica", "8", 1, 54.6),
    band("GPUs per replica", "16 (two nodes)", 0, 0.0),
    band("prompt", "short (under 1,000 tokens)", 17, 10.5),
    band("prompt", "medium (1,000 to 3,999)", 17, 9.2),
    band("prompt", "long (4,000 and more)", 24, 3.0),
    band("load", "saturation", 53, 7.4),
    band("load", "low concurrency (16 or fewer)", 5, 21.3),
];

/// Where a covered regime stands in for an uncovered one.
fn nearest(regime: &str) -> &'static str {
    match regime {
        "fine-grained mixture of experts" => "coarse mixture of experts",
        "fp4" | "int4" => "fp8",
        "Blackwell" | "CDNA" => "Hopper",
        "8" | "16 (two nodes)" => "4",
        "low concurrency (16 or fewer)" => "saturation",
        _ => "dense",
    }
}

/// The regimes of one replica and load (`None`: saturation).
pub fn regimes(
    model: &ModelArch,
    gpu: &GpuSpec,
    precision: Precision,
    gpus: u32,
    input_tokens: f64,
    concurrency: Option<u32>,
) -> [(&'static str, &'static str); 6] {
    let architecture = match &model.experts {
        None => "dense",
        Some(e) if fine_grained(e) => "fine-grained mixture of experts",
        Some(_) => "coarse mixture of experts",
    };
    let generation = match gpu.generation {
        Generation::Ampere => "Ampere",
        Generation::Ada => "Ada",
        Generation::Hopper => "Hopper",
        Generation::Blackwell => "Blackwell",
        Generation::Cdna3 | Generation::Cdna4 => "CDNA",
    };
    let gpus = match gpus {
        1 => "1",
        2 => "2",
        4 => "4",
        n if n > 8 => "16 (two nodes)",
        _ => "8",
    };
    let prompt = if input_tokens < 1000.0 {
        "short (under 1,000 tokens)"
    } else if input_tokens < 4000.0 {
        "medium (1,000 to 3,999)"
    } else {
        "long (4,000 and more)"
    };
    let load = match concurrency {
        Some(n) if n <= 16 => "low concurrency (16 or fewer)",
        _ => "saturation",
    };
    [
        ("architecture", architecture),
        ("precision", precision.name()),
        ("generation", generation),
        ("GPUs per replica", gpus),
        ("prompt", prompt),
        ("load", load),
    ]
}

fn find(dimension: &str, regime: &str) -> Option<&'static Band> {
    BANDS
        .iter()
        .find(|b| b.dimension == dimension && b.regime == regime)
}

/// Regimes fewer than four calibration rows cover, each with the band quoted for it: its own
/// rows' error when it has some and that is the larger, else the nearest covered regime's.
pub fn outside(regimes: &[(&'static str, &'static str)]) -> Vec<(Band, Band)> {
    regimes
        .iter()
        .filter_map(|&(dimension, regime)| {
            let own = find(dimension, regime)?;
            if own.rows >= 4 {
                return None;
            }
            let near = find(dimension, nearest(regime))?;
            let quoted = if own.rows > 0 && own.median_pct > near.median_pct {
                own
            } else {
                near
            };
            Some((*own, *quoted))
        })
        .collect()
}

/// The finding for a replica outside the calibrated regimes, and whether it is a warning
/// (the quoted error passes 25%) rather than a note.
pub fn finding(regimes: &[(&'static str, &'static str)]) -> Option<(String, bool)> {
    let out = outside(regimes);
    let worst = out.iter().map(|(_, q)| q.median_pct).fold(0.0f64, f64::max);
    let parts: Vec<String> = out
        .iter()
        .map(|(own, quoted)| {
            let covered = match own.rows {
                0 => "no calibration row".to_string(),
                n => format!("{n} check rows"),
            };
            format!(
                "{} {} ({covered}; {} {}: median error {:.1}% over {} rows)",
                own.dimension,
                own.regime,
                quoted.dimension,
                quoted.regime,
                quoted.median_pct,
                quoted.rows
            )
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    Some((
        format!(
            "outside the calibrated regimes: {}; expect errors of about ±{:.0}% or more",
            parts.join("; "),
            worst
        ),
        worst > 25.0,
    ))
}
