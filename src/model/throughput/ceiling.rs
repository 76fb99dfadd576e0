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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::throughput::arch::{Attention, PrecisionSpec};
    use crate::model::throughput::gpu::{Generation, Interconnect};

    /// 4B dense parameters at bf16 (8e9 B of weights, 8e9 FLOPs a token), 10 layers, 16 heads
    /// and 4 KV heads of 100: 16,000 KV bytes and 64,000 attention FLOPs per context token.
    fn model(kv_heads: u32) -> ModelArch {
        ModelArch {
            name: "D".into(),
            params_total_b: 4.0,
            params_active_b: 4.0,
            layers: 10,
            heads: 16,
            kv_heads,
            head_dim: 100,
            hidden: 1600,
            max_context: 131_072,
            attention: Attention::Full,
            precisions: vec![PrecisionSpec {
                precision: Precision::Bf16,
                bytes_per_weight: 2.0,
                bytes_per_kv: 2.0,
            }],
            ..ModelArch::default()
        }
    }

    /// 40 GiB, 2 TB/s and `tflops` bf16 TFLOPS a GPU.
    fn gpu(tflops: f64) -> GpuSpec {
        GpuSpec {
            name: "G".into(),
            memory_gb: 40.0,
            bandwidth_tb_s: 2.0,
            tflops_bf16: tflops,
            tflops_fp8: None,
            tflops_fp4: None,
            interconnect: Interconnect::NvLink,
            interconnect_gb_s: 900.0,
            power_w: 700.0,
            generation: Generation::Hopper,
        }
    }

    #[track_caller]
    fn near(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() <= 1e-9 * expected.abs(),
            "{actual} ≠ {expected}"
        );
    }

    #[test]
    fn ceilings_on_two_gpus_by_hand() {
        // 2 × 40 GiB − 8e9 = 77,899,345,920 B free; a request of 1,000 + 200 tokens keeps
        // 19.2e6 B: 4,057 at once. Context 1,100: 17.6e6 B read and 8.0704e9 FLOPs a token.
        let c = ceiling(&model(4), &gpu(1000.0), Precision::Bf16, 2, 1000.0, 200.0).unwrap();
        assert_eq!(c.max_batch, 4057.0);
        // Bandwidth: 4,057 · 4e12 / (8e9 + 4,057 · 17.6e6) = 204,374.6 tok/s; compute
        // 2e15 / 8.0704e9 = 247,819.2.
        near(
            c.decode_tokens_per_second,
            4057.0 * 4e12 / (8e9 + 4057.0 * 17.6e6),
        );
        assert!(c.decode_by_bandwidth);
        // Prefill: 2e15 · 1,000 / (8e12 + 64,000 · 1,000² / 2) = 249,004 tok/s.
        near(c.prefill_tokens_per_second, 2e15 * 1000.0 / 8.032e12);
        // At 10 TFLOPS compute binds: 2e13 / 8.0704e9 = 2,478.2 tok/s.
        let c = ceiling(&model(4), &gpu(10.0), Precision::Bf16, 2, 1000.0, 200.0).unwrap();
        near(c.decode_tokens_per_second, 2e13 / 8.0704e9);
        assert!(!c.decode_by_bandwidth);
        near(c.prefill_tokens_per_second, 2e13 * 1000.0 / 8.032e12);
    }

    #[test]
    fn no_ceiling_without_room_or_a_kv_cache() {
        let g = gpu(1000.0);
        // Not served at fp8.
        assert_eq!(
            ceiling(&model(4), &g, Precision::Fp8, 1, 1000.0, 200.0),
            None
        );
        // 400B at bf16 is 800 GB, more than 42.9 GB.
        let mut big = model(4);
        big.params_total_b = 400.0;
        assert_eq!(ceiling(&big, &g, Precision::Bf16, 1, 1000.0, 200.0), None);
        // No KV heads: no request size to divide the memory by.
        assert_eq!(
            ceiling(&model(0), &g, Precision::Bf16, 1, 1000.0, 200.0),
            None
        );
        // No prompt: prefill is not a limit.
        let c = ceiling(&model(4), &g, Precision::Bf16, 1, 0.0, 200.0).unwrap();
        assert_eq!(c.prefill_tokens_per_second, f64::INFINITY);
    }
}
