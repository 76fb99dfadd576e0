//! Throughput from the hardware: what one replica of an open model serves on a GPU, computed
//! from the model's architecture and the GPU's memory, bandwidth and compute, with efficiencies
//! calibrated to published measurements.
//!
//! [`arch`] describes models, [`gpu`] GPUs, [`engine`] serving engines and the calibrated
//! constants, [`estimate`] computes one replica, [`ceiling`] the physical limits that the
//! plausibility checks compare given figures against. Pure functions, no I/O; one estimate
//! takes well under 2 µs.

pub mod arch;
pub mod ceiling;
pub mod checks;
pub mod derivation;
pub mod engine;
pub mod estimate;
pub mod gpu;
pub mod library;
pub mod load;
pub mod looked;
pub mod parallel;
pub mod regimes;
pub mod replica;
pub mod settings;

pub use arch::{Attention, Experts, ModelArch, Precision, PrecisionSpec};
pub use engine::{Efficiency, Engine, KvCache, CALIBRATED};
pub(crate) use estimate::memory_needed_gb;
pub use estimate::{
    estimate, estimate_capped, estimate_config, estimate_with, fewest_gpus, Bound, Estimate,
    EstimateError, LatencyTargets, Target, Workload, GPU_COUNTS,
};
pub use gpu::{Generation, GpuSpec, Interconnect};
pub use parallel::Parallelism;
