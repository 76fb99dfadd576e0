//! A GPU as far as serving cost depends on it: memory, bandwidth, dense compute per precision,
//! how GPUs of a replica talk to each other.

use super::arch::Precision;

/// The architecture generation: achieved bandwidth shares are calibrated per generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generation {
    Ampere,
    Ada,
    Hopper,
    Blackwell,
    /// AMD Instinct MI300X and MI325X.
    Cdna3,
    /// AMD Instinct MI350X and MI355X.
    Cdna4,
}

impl Generation {
    pub fn parse(s: &str) -> Option<Generation> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ampere" => Some(Generation::Ampere),
            "ada" | "ada lovelace" => Some(Generation::Ada),
            "hopper" => Some(Generation::Hopper),
            "blackwell" => Some(Generation::Blackwell),
            "cdna3" | "cdna 3" => Some(Generation::Cdna3),
            "cdna4" | "cdna 4" => Some(Generation::Cdna4),
            _ => None,
        }
    }
}

/// How the GPUs of one replica exchange activations under tensor parallelism.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interconnect {
    NvLink,
    Pcie,
    /// AMD Infinity Fabric (xGMI) between the GPUs of one board.
    Xgmi,
}

impl Interconnect {
    pub fn parse(s: &str) -> Option<Interconnect> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nvlink" => Some(Interconnect::NvLink),
            "pcie" => Some(Interconnect::Pcie),
            "xgmi" | "infinity fabric" => Some(Interconnect::Xgmi),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GpuSpec {
    pub name: String,
    /// Memory per GPU as sold, GB (taken as GiB: an "80 GB" H100 shows 79.6 GiB).
    pub memory_gb: f64,
    /// Peak memory bandwidth, TB/s.
    pub bandwidth_tb_s: f64,
    /// Dense (not sparse) bf16 tensor throughput, TFLOPS.
    pub tflops_bf16: f64,
    /// Dense fp8 tensor throughput, TFLOPS; `None` where the GPU has no fp8 tensor cores
    /// (fp8 weights then run through bf16 arithmetic).
    pub tflops_fp8: Option<f64>,
    /// Dense fp4 tensor throughput (NVFP4 on Blackwell, MXFP4 on CDNA 4), TFLOPS; `None`
    /// where the GPU has no fp4 tensor cores (fp4 weights then run dequantised, W4A16).
    pub tflops_fp4: Option<f64>,
    pub interconnect: Interconnect,
    /// Per-GPU interconnect bandwidth, GB/s (shown; the scaling constants carry its effect).
    pub interconnect_gb_s: f64,
    /// Board power, W.
    pub power_w: f64,
    pub generation: Generation,
}

impl GpuSpec {
    /// Dense TFLOPS the matrix products run at for weights of this precision: fp8 uses fp8
    /// tensor cores where there are some, fp4 fp4 tensor cores; int4 weights, and fp8 or fp4
    /// weights on GPUs without such cores, are dequantised to bf16 (W4A16, W8A16).
    pub fn tflops(&self, p: Precision) -> f64 {
        match p {
            Precision::Fp8 => self.tflops_fp8.unwrap_or(self.tflops_bf16),
            Precision::Fp4 => self.tflops_fp4.unwrap_or(self.tflops_bf16),
            Precision::Bf16 | Precision::Int4 => self.tflops_bf16,
        }
    }

    /// Whether weights of this precision run on tensor cores of their own width here (else
    /// they are dequantised to bf16 in the kernel: W4A16 or W8A16).
    pub fn native(&self, p: Precision) -> bool {
        match p {
            Precision::Bf16 => true,
            Precision::Fp8 => self.tflops_fp8.is_some(),
            Precision::Fp4 => self.tflops_fp4.is_some(),
            Precision::Int4 => false,
        }
    }

    /// Memory in bytes.
    pub fn memory_bytes(&self) -> f64 {
        self.memory_gb * GIB
    }
}

/// Bytes in a GiB.
pub(crate) const GIB: f64 = 1_073_741_824.0;
