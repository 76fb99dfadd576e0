//! The hook into the estimator: the fit a scenario's configuration uses, and the constants
//! and overhead it gives. `self_host.calibration = "auto"` (the default) uses the scenario's
//! embedded fit or else an installed one of the same model, GPU, GPUs, precision and engine;
//! `"none"` the estimator as shipped. A fit never applies to another configuration.

use super::predict::{efficiency, shares, Factors, Setup};
use super::store::{installed, Fit};
use crate::model::throughput::estimate::estimate_config;
use crate::model::throughput::{
    Efficiency, Engine, Estimate, EstimateError, LatencyTargets, Precision, Workload, CALIBRATED,
};

/// Whether a scenario uses a fit of its configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Auto,
    None,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Auto => "auto",
            Mode::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        match s.trim() {
            "auto" => Some(Mode::Auto),
            "none" => Some(Mode::None),
            _ => None,
        }
    }
}

/// The installed fit of a configuration.
pub fn find(model: &str, gpu: &str, gpus: u32, p: Precision, e: Engine) -> Option<&'static Fit> {
    installed()
        .iter()
        .find(|f| f.is_for(model, gpu, gpus, p, e))
}

/// The constants a fit gives this replica, its per-request overhead (seconds) in them.
pub fn constants(fit: Option<&Fit>, setup: &Setup) -> Efficiency {
    let Some(fit) = fit else {
        return CALIBRATED;
    };
    match shares(&CALIBRATED, setup) {
        Ok(s) => {
            let f: Factors = fit.factors(s);
            let mut e = efficiency(&CALIBRATED, setup, &f);
            e.overhead_s = f.overhead_s;
            e
        }
        Err(_) => CALIBRATED,
    }
}

/// The estimate for a replica, from the installed fit of its configuration when `mode` is
/// `Auto` and there is one: the fitted constants and per-request overhead. Returns the fit
/// used. Fits are of tensor-parallel replicas (`crossover calibrate` fits those): an
/// expert-parallel replica uses none.
pub fn estimate(
    setup: &Setup,
    w: &Workload,
    targets: &LatencyTargets,
    mode: Mode,
) -> Result<(Estimate, Option<&'static Fit>), EstimateError> {
    let tensor = setup.parallelism == crate::model::throughput::Parallelism::Tensor;
    let fit = match mode {
        Mode::Auto if tensor => find(
            &setup.model.name,
            &setup.gpu.name,
            setup.gpus,
            setup.precision,
            setup.engine,
        ),
        _ => None,
    };
    estimate_using(setup, w, targets, fit).map(|e| (e, fit))
}

/// The fit a scenario's estimate of the replica `setup` uses: the one the scenario carries
/// (`[calibration]`) when it is of exactly that configuration, else the installed one; none
/// when `self_host.calibration = "none"` or the replica is not tensor-parallel. The one lookup:
/// the scenario's own replica (`replica::calibration_for`) and the fleet's rows both ask it.
pub fn fit_of<'a>(sc: &'a crate::model::Scenario, setup: &Setup) -> Option<&'a Fit> {
    let tensor = setup.parallelism == crate::model::throughput::Parallelism::Tensor;
    if sc.self_host.estimate.calibration != Mode::Auto || !tensor {
        return None;
    }
    let (m, g, n, p, e) = (
        &setup.model.name,
        &setup.gpu.name,
        setup.gpus,
        setup.precision,
        setup.engine,
    );
    sc.calibration_fit
        .as_deref()
        .filter(|f| f.is_for(m, g, n, p, e))
        .or_else(|| find(m, g, n, p, e))
}

/// The estimate for a replica with `fit` (of its configuration), or as shipped without one:
/// the fit's constants and per-request overhead.
pub fn estimate_using(
    setup: &Setup,
    w: &Workload,
    targets: &LatencyTargets,
    fit: Option<&Fit>,
) -> Result<Estimate, EstimateError> {
    let eff = constants(fit, setup);
    estimate_config(
        &eff,
        setup.model,
        setup.gpu,
        &setup.config(),
        w,
        targets,
        u32::MAX,
    )
}

/// What the throughput in force is called on every surface while it is estimated: the fit's
/// "calibrated from your measurements (N runs, date)" when one is in use, else `estimate`
/// (the surface's own case for the word).
pub fn estimate_words(sc: &crate::model::Scenario, estimate: &str) -> String {
    in_use(sc).map_or_else(|| estimate.to_string(), Fit::phrase)
}

/// The fit behind a scenario's estimate: only while its throughput is estimated.
pub fn in_use(sc: &crate::model::Scenario) -> Option<&Fit> {
    use crate::model::throughput::settings::Source;
    if sc.self_host.estimate.source != Source::Estimate {
        return None;
    }
    crate::model::throughput::replica::calibration_for(sc)
}
