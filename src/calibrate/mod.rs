//! `crossover calibrate`: a benchmark run on the user's own GPU turns into the throughput
//! estimate. [`read`] reads vLLM, SGLang, genai-perf/AIPerf and GuideLLM result files into
//! [`run::Run`]s; [`config`] resolves the model, GPU, GPUs, precision and engine against the
//! catalog; [`fit`] fits the estimator's efficiency factors to each configuration's runs
//! within physical bounds ([`predict`] is the estimator at a run's load); [`store`] keeps the
//! fits in the user's data folder (`calibration.toml`) and [`apply`] hands a scenario the fit
//! of its configuration. Everything but [`store`]'s file I/O and [`read`] is pure.

pub mod apply;
pub mod config;
pub mod fit;
pub mod genai_perf;
pub mod guidellm;
pub mod lenient;
pub mod outlier;
pub mod predict;
pub mod probe;
pub mod read;
pub mod run;
pub mod sglang;
pub mod store;
pub mod value;
pub mod vllm;

use std::collections::BTreeMap;

use crate::model::throughput::library::Library;
use crate::model::throughput::CALIBRATED;

/// One configuration's fit with the runs it came from.
#[derive(Debug, Clone)]
pub struct Fitted {
    pub config: config::Config,
    pub outcome: fit::Outcome,
    /// The files (as named) whose runs went into it.
    pub files: Vec<String>,
}

/// Group the runs by configuration and fit each group. Any run that cannot be resolved, or a
/// fit that is refused, fails the whole call: nothing is stored.
pub fn fit_all(
    lib: &Library,
    runs: &[run::Run],
    flags: &config::Flags,
) -> Result<Vec<Fitted>, String> {
    let mut groups: BTreeMap<config::Config, Vec<(run::Run, Option<outlier::Outlier>)>> =
        BTreeMap::new();
    for r in runs {
        let c = config::resolve(lib, r, flags)?;
        let used = if flags.keep_outliers {
            (r.clone(), None)
        } else {
            outlier::robust(r)
        };
        groups.entry(c).or_default().push(used);
    }
    let mut out = Vec::new();
    for (config, group) in groups {
        let model = lib.model(&config.model)?;
        let gpu = lib.gpu(&config.gpu)?;
        let setup = predict::Setup {
            model: &model.arch,
            gpu: &gpu.spec,
            precision: config.precision,
            kv: crate::model::throughput::KvCache::Auto,
            gpus: config.gpus,
            engine: config.engine,
            parallelism: crate::model::throughput::Parallelism::Tensor,
        };
        let used: Vec<&run::Run> = group.iter().map(|(r, _)| r).collect();
        let mut outcome = fit::fit(&CALIBRATED, &setup, &used)
            .map_err(|e| format!("{e} (fitting {})", config.text()))?;
        let outliers: Vec<outlier::Outlier> = group.iter().filter_map(|(_, o)| o.clone()).collect();
        let notes = outliers.iter().map(outlier::Outlier::note);
        outcome.notes.splice(0..0, notes);
        outcome.outliers = outliers;
        let mut files: Vec<String> = group.iter().map(|(r, _)| r.file.clone()).collect();
        files.dedup();
        out.push(Fitted {
            config,
            outcome,
            files,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
