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
    band("architecture", "dense", 39, 6.5),
    band("architecture", "coarse mixture of experts", 18, 7.4),
    band("architecture", "fine-grained mixture of experts", 5, 10.2),
    band("precision", "bf16", 20, 7.8),
    band("precision", "fp8", 37, 5.4),
    band("precision", "int4", 5, 10.2),
    band("precision", "fp4", 0, 0.0),
    band("generation", "Ampere", 16, 6.7),
    band("generation", "Ada", 12, 3.6),
    band("generation", "Hopper", 29, 6.5),
    band("generation", "Blackwell", 3, 29.5),
    band("generation", "CDNA", 2, 10.2),
    band("GPUs per replica", "1", 27, 7.1),
    band("GPUs per replica", "2", 12, 5.0),
    band("GPUs per replica", "4", 18, 5.4),
    band("GPUs per replica", "8 at saturation", 1, 57.7),
    band("GPUs per replica", "8 at 16 or fewer requests", 4, 7.8),
    band("GPUs per replica", "16 (two nodes)", 0, 0.0),
    band("prompt", "short (under 1,000 tokens)", 20, 9.4),
    band("prompt", "medium (1,000 to 3,999)", 17, 6.8),
    band("prompt", "long (4,000 and more)", 25, 3.2),
    band("load", "saturation", 53, 6.5),
    band("load", "low concurrency (16 or fewer)", 9, 8.5),
];

/// Where a covered regime stands in for an uncovered one.
fn nearest(regime: &str) -> &'static str {
    match regime {
        "fine-grained mixture of experts" => "coarse mixture of experts",
        "fp4" | "int4" => "fp8",
        "Blackwell" | "CDNA" => "Hopper",
        "8 at saturation" | "8 at 16 or fewer requests" => "4",
        // Two nodes are further from the data than one of 8 GPUs at saturation, whose one row
        // is the closest evidence there is.
        "16 (two nodes)" => "8 at saturation",
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
    let low = concurrency.is_some_and(|n| n <= 16);
    // Eight GPUs by load: the rows at one request in flight say nothing of a replica at
    // saturation, which is what the report's estimate is (one saturation row, far off).
    let gpus = match gpus {
        1 => "1",
        2 => "2",
        4 => "4",
        n if n > 8 => "16 (two nodes)",
        _ if low => "8 at 16 or fewer requests",
        _ => "8 at saturation",
    };
    let prompt = if input_tokens < 1000.0 {
        "short (under 1,000 tokens)"
    } else if input_tokens < 4000.0 {
        "medium (1,000 to 3,999)"
    } else {
        "long (4,000 and more)"
    };
    let load = if low {
        "low concurrency (16 or fewer)"
    } else {
        "saturation"
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

fn find_in<'a>(bands: &'a [Band], dimension: &str, regime: &str) -> Option<&'a Band> {
    bands
        .iter()
        .find(|b| b.dimension == dimension && b.regime == regime)
}

#[cfg(test)]
fn find(dimension: &str, regime: &str) -> Option<&'static Band> {
    find_in(BANDS, dimension, regime)
}

/// Regimes fewer than four calibration rows cover, each with the band quoted for it: its own
/// rows' error when it has some and that is the larger, else the nearest covered regime's.
pub fn outside(regimes: &[(&'static str, &'static str)]) -> Vec<(Band, Band)> {
    outside_in(BANDS, regimes)
}

/// [`outside`] against a given table of bands.
fn outside_in(bands: &[Band], regimes: &[(&'static str, &'static str)]) -> Vec<(Band, Band)> {
    regimes
        .iter()
        .filter_map(|&(dimension, regime)| {
            let own = find_in(bands, dimension, regime)?;
            if own.rows >= 4 {
                return None;
            }
            let near = find_in(bands, dimension, nearest(regime))?;
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
    finding_of(outside(regimes))
}

/// The finding's words for the uncovered regimes and their quoted bands.
fn finding_of(out: Vec<(Band, Band)>) -> Option<(String, bool)> {
    let worst = out.iter().map(|(_, q)| q.median_pct).fold(0.0f64, f64::max);
    let parts: Vec<String> = out
        .iter()
        .map(|(own, quoted)| {
            let covered = match own.rows {
                0 => "no calibration row".to_string(),
                1 => "1 check row".to_string(),
                n => format!("{n} check rows"),
            };
            let over = match quoted.rows {
                1 => "1 row".to_string(),
                n => format!("{n} rows"),
            };
            format!(
                "{} {} ({covered}; {} {}: median error {:.1}% over {over})",
                own.dimension, own.regime, quoted.dimension, quoted.regime, quoted.median_pct,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::throughput::arch::Experts;
    use crate::model::throughput::gpu::Interconnect;

    fn gpu(generation: Generation) -> GpuSpec {
        GpuSpec {
            name: "G".into(),
            memory_gb: 80.0,
            bandwidth_tb_s: 3.0,
            tflops_bf16: 1000.0,
            tflops_fp8: None,
            tflops_fp4: None,
            interconnect: Interconnect::NvLink,
            interconnect_gb_s: 900.0,
            power_w: 700.0,
            generation,
        }
    }

    fn model(experts: Option<Experts>) -> ModelArch {
        ModelArch {
            experts,
            ..ModelArch::default()
        }
    }

    fn band_of(dimension: &str, regime: &str) -> Band {
        *find(dimension, regime).unwrap()
    }

    /// Each dimension's classes, at the edges: 32 experts and 4 a token are fine-grained (31 or
    /// 3 are coarse); 999.9 tokens are short, 1,000 medium, 4,000 long; 16 requests at once
    /// are low concurrency, 17 saturation.
    #[test]
    fn each_replica_falls_in_one_regime_per_dimension() {
        let h = gpu(Generation::Hopper);
        let dense = regimes(&model(None), &h, Precision::Bf16, 1, 999.9, None);
        assert_eq!(
            dense,
            [
                ("architecture", "dense"),
                ("precision", "bf16"),
                ("generation", "Hopper"),
                ("GPUs per replica", "1"),
                ("prompt", "short (under 1,000 tokens)"),
                ("load", "saturation"),
            ]
        );
        let arch = |count, per_token| {
            regimes(
                &model(Some(Experts::routed(count, per_token))),
                &h,
                Precision::Fp8,
                2,
                1000.0,
                Some(16),
            )
        };
        assert_eq!(arch(32, 4)[0].1, "fine-grained mixture of experts");
        assert_eq!(arch(31, 4)[0].1, "coarse mixture of experts");
        assert_eq!(arch(32, 3)[0].1, "coarse mixture of experts");
        let r = arch(8, 2);
        assert_eq!(
            r[1..],
            [
                ("precision", "fp8"),
                ("generation", "Hopper"),
                ("GPUs per replica", "2"),
                ("prompt", "medium (1,000 to 3,999)"),
                ("load", "low concurrency (16 or fewer)"),
            ]
        );
        let at = |g: Generation, gpus: u32, input: f64, load: Option<u32>| {
            regimes(&model(None), &gpu(g), Precision::Int4, gpus, input, load)
        };
        assert_eq!(
            at(Generation::Ampere, 4, 3999.9, Some(17))[2..],
            [
                ("generation", "Ampere"),
                ("GPUs per replica", "4"),
                ("prompt", "medium (1,000 to 3,999)"),
                ("load", "saturation"),
            ]
        );
        assert_eq!(
            at(Generation::Ada, 8, 4000.0, None)[2..5],
            [
                ("generation", "Ada"),
                ("GPUs per replica", "8 at saturation"),
                ("prompt", "long (4,000 and more)"),
            ]
        );
        assert_eq!(
            at(Generation::Blackwell, 16, 1.0, None)[2..4],
            [
                ("generation", "Blackwell"),
                ("GPUs per replica", "16 (two nodes)"),
            ]
        );
        assert_eq!(
            at(Generation::Ada, 8, 4000.0, Some(16))[3],
            ("GPUs per replica", "8 at 16 or fewer requests")
        );
        assert_eq!(
            at(Generation::Ada, 8, 4000.0, Some(17))[3],
            ("GPUs per replica", "8 at saturation")
        );
        assert_eq!(at(Generation::Cdna3, 1, 1.0, None)[2].1, "CDNA");
        assert_eq!(at(Generation::Cdna4, 1, 1.0, None)[2].1, "CDNA");
    }

    /// A regime of four rows or more is covered; one with fewer quotes its own rows' error when
    /// that is the larger (Blackwell: three rows, one far off), else the nearest covered
    /// regime's (fp4: no row, quotes fp8; 16 GPUs: quotes 8 at saturation, whose one row is
    /// far off).
    #[test]
    fn an_uncovered_regime_quotes_its_own_or_the_nearest_error() {
        assert!(outside(&[("architecture", "dense"), ("load", "saturation")]).is_empty());
        let covered = band_of("architecture", "fine-grained mixture of experts");
        assert!(covered.rows >= 4, "{covered:?}");
        assert!(outside(&[("architecture", "fine-grained mixture of experts")]).is_empty());
        let four = band_of("GPUs per replica", "4");
        let blackwell = band_of("generation", "Blackwell");
        let hopper = band_of("generation", "Hopper");
        assert!(blackwell.rows == 3 && blackwell.median_pct > hopper.median_pct);
        assert_eq!(
            outside(&[("generation", "Blackwell")]),
            vec![(blackwell, blackwell)]
        );
        let sixteen = band_of("GPUs per replica", "16 (two nodes)");
        let eight = band_of("GPUs per replica", "8 at saturation");
        assert!(eight.rows == 1 && eight.median_pct > four.median_pct);
        assert_eq!(
            outside(&[("GPUs per replica", "16 (two nodes)")]),
            vec![(sixteen, eight)]
        );
        // Eight at saturation: one row, quoted itself (its error is larger than 4's).
        assert_eq!(
            outside(&[("GPUs per replica", "8 at saturation")]),
            vec![(eight, eight)]
        );
        let fp4 = band_of("precision", "fp4");
        assert_eq!(
            outside(&[("precision", "fp4")]),
            vec![(fp4, band_of("precision", "fp8"))]
        );
        // Each uncovered regime's stand-in.
        for (dimension, regime, near) in [
            ("generation", "Blackwell", "Hopper"),
            ("generation", "CDNA", "Hopper"),
            ("precision", "int4", "fp8"),
            (
                "architecture",
                "fine-grained mixture of experts",
                "coarse mixture of experts",
            ),
            ("load", "low concurrency (16 or fewer)", "saturation"),
            ("GPUs per replica", "8 at saturation", "4"),
            ("GPUs per replica", "16 (two nodes)", "8 at saturation"),
            ("architecture", "coarse mixture of experts", "dense"),
        ] {
            assert_eq!(nearest(regime), near, "{dimension} {regime}");
        }
        // An unknown regime has no band, so no finding.
        assert!(outside(&[("generation", "Volta")]).is_empty());
    }

    /// The rule on made-up bands: four rows cover a regime; a regime with rows quotes its own
    /// error only when it is larger than the nearest's (a tie quotes the nearest); one with no
    /// row never quotes its own figure.
    #[test]
    fn the_quoting_rule_on_made_up_bands() {
        let coarse = &[("architecture", "coarse mixture of experts")];
        let dense = band("architecture", "dense", 10, 7.0);
        let with = |rows, median| {
            let own = band("architecture", "coarse mixture of experts", rows, median);
            (own, outside_in(&[dense, own], coarse))
        };
        let (_, out) = with(4, 50.0);
        assert!(out.is_empty());
        let (own, out) = with(3, 50.0);
        assert_eq!(out, vec![(own, own)]);
        let (own, out) = with(2, 3.0);
        assert_eq!(out, vec![(own, dense)]);
        let (own, out) = with(2, 7.0);
        assert_eq!(out, vec![(own, dense)]);
        let (own, out) = with(0, 9.0);
        assert_eq!(out, vec![(own, dense)]);
        // No band for the nearest regime: nothing to quote.
        let own = band("architecture", "coarse mixture of experts", 2, 9.0);
        assert!(outside_in(&[own], coarse).is_empty());
    }

    /// Eight GPUs at saturation have one calibration row, far off: the shipped bands give a
    /// dense bf16 replica of 8 Hopper GPUs a warning quoting that row, and the same replica at
    /// one request in flight (four rows) none.
    #[test]
    fn eight_gpus_at_saturation_are_warned_about() {
        let at = |load| {
            let rs = regimes(
                &model(None),
                &gpu(Generation::Hopper),
                Precision::Bf16,
                8,
                2000.0,
                load,
            );
            finding(&rs)
        };
        let (text, warn) = at(None).expect("a finding at saturation");
        assert!(warn, "{text}");
        assert!(
            text.contains("GPUs per replica 8 at saturation (1 check row; GPUs per replica 8 at saturation: median error 57.7% over 1 row)"),
            "{text}"
        );
        assert_eq!(at(Some(1)), None);
    }

    /// A quoted error of exactly 25% is a note; just past it, a warning.
    #[test]
    fn a_warning_starts_past_25_percent() {
        let at = |median| {
            let own = band("GPUs per replica", "8 at saturation", 1, median);
            finding_of(vec![(own, own)]).map(|(_, warn)| warn)
        };
        assert_eq!(at(25.0), Some(false));
        assert_eq!(at(25.1), Some(true));
        assert_eq!(finding_of(Vec::new()), None);
    }

    /// The finding names each uncovered regime with the band it quotes, and says the largest
    /// error; past 25% it is a warning.
    #[test]
    fn the_finding_quotes_the_largest_band_and_warns_past_25_percent() {
        assert_eq!(finding(&[("architecture", "dense")]), None);
        let fp8 = band_of("precision", "fp8");
        assert!(fp8.median_pct <= 25.0);
        let (text, warn) = finding(&[("precision", "fp4")]).unwrap();
        assert_eq!(
            text,
            format!(
                "outside the calibrated regimes: precision fp4 (no calibration row; precision fp8: median error {:.1}% over {} rows); expect errors of about ±{:.0}% or more",
                fp8.median_pct, fp8.rows, fp8.median_pct
            )
        );
        assert!(!warn);
        let blackwell = band_of("generation", "Blackwell");
        assert!(blackwell.median_pct > 25.0);
        let (text, warn) = finding(&[("precision", "fp4"), ("generation", "Blackwell")]).unwrap();
        assert_eq!(
            text,
            format!(
                "outside the calibrated regimes: precision fp4 (no calibration row; precision fp8: median error {:.1}% over {} rows); generation Blackwell ({} check rows; generation Blackwell: median error {:.1}% over {} rows); expect errors of about ±{:.0}% or more",
                fp8.median_pct, fp8.rows, blackwell.rows, blackwell.median_pct, blackwell.rows, blackwell.median_pct
            )
        );
        assert!(warn);
    }
}
