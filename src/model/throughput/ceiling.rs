//! Physical ceilings: what no engine can beat on this hardware, at 100% of peak bandwidth and
//! compute, with all memory for the weights and the KV cache and no batch limit. The
//! plausibility checks compare given throughputs with these.

use super::arch::{ModelArch, Precision};
use super::gpu::GpuSpec;

/// The two ceilings for one replica and one request size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ceiling {
    /// Input tokens per second at the peak dense compute.
    pub prefill_tokens_per_second: f64,
    /// Output tokens per second: at the largest batch the KV cache holds, weights and KV
    /// reads over the peak bandwidth, and no faster than the peak compute.
    pub decode_tokens_per_second: f64,
    /// That largest batch.
    pub max_batch: f64,
    /// Whether the decode ceiling is set by bandwidth (else by compute).
    pub decode_by_bandwidth: bool,
}

/// `None` when the precision is not served or the weights alone fill the memory.
pub fn ceiling(
    model: &ModelArch,
    gpu: &GpuSpec,
    precision: Precision,
    gpus: u32,
    input_tokens: f64,
    output_tokens: f64,
) -> Option<Ceiling> {
    let spec = model.precision(precision)?;
    let n = f64::from(gpus.max(1));
    let free = gpu.memory_bytes() * n - model.weight_bytes(spec);
    let per_request = model.kv_bytes(spec, input_tokens + output_tokens);
    if free <= 0.0 || per_request <= 0.0 {
        return None;
    }
    let batch = (free / per_request).floor().max(1.0);
    let flops = gpu.tflops(precision) * 1e12 * n;
    let bandwidth = gpu.bandwidth_tb_s * 1e12 * n;
    let context = input_tokens + output_tokens / 2.0;
    let by_bandwidth = batch * bandwidth
        / (model.weight_bytes_read(spec, batch) + batch * model.kv_bytes(spec, context));
    let by_compute = flops / model.decode_flops(context);
    let prefill = if input_tokens > 0.0 {
        flops * input_tokens / model.prefill_flops(input_tokens)
    } else {
        f64::INFINITY
    };
    Some(Ceiling {
        prefill_tokens_per_second: prefill,
        decode_tokens_per_second: by_bandwidth.min(by_compute),
        max_batch: batch,
        decode_by_bandwidth: by_bandwidth <= by_compute,
    })
}
