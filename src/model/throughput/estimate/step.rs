//! The physics of one replica at a batch: a decode step's weight reads and products (dense
//! part and routed experts apart), its KV reads and attention, the all-reduces between
//! tensor-parallel GPUs, and a prompt's prefill. docs/MODEL.md §6.2 writes each term out.

use super::super::arch::{ModelArch, PrecisionSpec};
use super::super::engine::{allreduce_latency_s, Efficiency, Engine};
use super::super::gpu::GpuSpec;
use super::super::parallel::{Links, Parallelism};
use super::{Config, Workload};

/// One decode step's parts, seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// Dense (and shared-expert) weight reads, and the routed experts' reads.
    pub weights_s: f64,
    /// The weight products (dense and routed experts).
    pub products_s: f64,
    pub kv_s: f64,
    pub attention_s: f64,
    /// What the GPUs send each other per layer: two all-reduces (tensor parallelism), or one
    /// all-reduce and the experts' dispatch and combine (expert parallelism).
    pub allreduce_s: f64,
    /// The fixed time per step a calibration fit adds (`Efficiency::step_overhead_s`; 0 as
    /// shipped).
    pub fixed_s: f64,
}

impl Step {
    pub fn total(&self) -> f64 {
        self.weights_s.max(self.products_s)
            + self.kv_s.max(self.attention_s)
            + self.allreduce_s
            + self.fixed_s
    }

    /// The part of the step spent waiting on memory.
    pub(crate) fn memory_bound_s(&self) -> f64 {
        let w = if self.weights_s >= self.products_s {
            self.weights_s
        } else {
            0.0
        };
        let k = if self.kv_s >= self.attention_s {
            self.kv_s
        } else {
            0.0
        };
        w + k
    }
}

/// What the step and prefill depend on, computed once per estimate.
pub(crate) struct Physics<'a> {
    model: &'a ModelArch,
    spec: PrecisionSpec,
    /// Achieved bandwidth of weight and KV reads (the all-reduces are counted apart).
    pub bandwidth: f64,
    /// Achieved compute of the weight products (tensor-parallel factor) and of attention.
    pub compute: f64,
    attention_compute: f64,
    /// The routed experts' products: split like the others under tensor parallelism, whole
    /// (at attention's compute, no tensor-parallel factor) under expert parallelism.
    routed_compute: f64,
    parallel: Parallelism,
    /// Routed experts per token.
    k: f64,
    /// The decode products' share kept when weights are dequantised in the kernel.
    dequant: f64,
    /// The routed experts' factor (1 for dense models).
    experts: f64,
    /// Billions of parameters: per routed expert, and used by every token.
    per_expert_b: f64,
    shared_b: f64,
    routed_active_b: f64,
    kv_read: f64,
    attention_flops: f64,
    links: Links,
    pub chunk_tokens: f64,
    fixed_step_s: f64,
}

impl<'a> Physics<'a> {
    pub fn new(
        eff: &Efficiency,
        model: &'a ModelArch,
        spec: PrecisionSpec,
        gpu: &GpuSpec,
        c: &Config,
        w: &Workload,
    ) -> Physics<'a> {
        let (gpus, engine): (u32, Engine) = (c.gpus, c.engine);
        let n = f64::from(gpus);
        let tp = eff.tensor_parallel(gpu.interconnect, gpus);
        let scale = n * eff.engine(engine);
        let bandwidth = gpu.bandwidth_tb_s * 1e12 * eff.bandwidth(gpu.generation) * scale;
        let dequant = if gpu.native(spec.precision) {
            1.0
        } else {
            eff.dequant
        };
        // Reads run at the achieved bandwidth of all the GPUs together. Attention runs at the
        // precision's own peak, split over the GPUs' KV heads; the weight products, split
        // into narrower matrices on each GPU, lose the tensor-parallel factor.
        let attention_compute = gpu.tflops(spec.precision) * 1e12 * eff.compute * scale;
        let compute = attention_compute * tp;
        let (per_expert_b, shared_b, k) = match model.expert_split() {
            Some((per, shared)) => (
                per,
                shared,
                f64::from(model.experts.map_or(0, |e| e.per_token)),
            ),
            None => (0.0, model.params_total_b, 0.0),
        };
        let context = w.input_tokens + w.output_tokens / 2.0;
        let routed_compute = match c.parallelism {
            Parallelism::Tensor => compute,
            Parallelism::Expert => attention_compute,
        };
        Physics {
            model,
            spec,
            bandwidth,
            compute,
            attention_compute,
            routed_compute,
            parallel: c.parallelism,
            k,
            dequant,
            experts: eff.experts(model.experts.as_ref()),
            per_expert_b,
            shared_b,
            routed_active_b: k * per_expert_b,
            kv_read: model.kv_bytes(&spec, context),
            attention_flops: model.decode_flops(context) - 2.0 * model.params_active_b * 1e9,
            links: Links {
                gpus: n,
                // Each direction gets half the stated (bidirectional) per-GPU bandwidth.
                local_bytes_s: gpu.interconnect_gb_s.max(1.0) * 1e9 / 2.0,
                local_latency_s: allreduce_latency_s(gpu.interconnect),
            },
            chunk_tokens: engine.prefill_chunk_tokens(gpu),
            fixed_step_s: eff.step_fixed_s(model.layers, gpus),
        }
    }

    /// Seconds the GPUs spend sending each other `tokens` tokens of activations
    /// (`hidden × 2` bytes each), `rounds` times over (one per prefill chunk), over all layers:
    /// two all-reduces per layer (after attention and after the MLP) under tensor
    /// parallelism; under expert parallelism one all-reduce (after attention) and the routed
    /// experts' dispatch and combine, each token to its `k` experts.
    fn allreduce(&self, tokens: f64, rounds: f64) -> f64 {
        let hidden = f64::from(self.model.hidden);
        let layers = f64::from(self.model.layers);
        match self.parallel {
            Parallelism::Tensor => 2.0 * layers * self.links.all_reduce(tokens, hidden, rounds),
            Parallelism::Expert => {
                layers
                    * (self.links.all_reduce(tokens, hidden, rounds)
                        + self.links.all_to_all(tokens, self.k, hidden * 2.0, rounds))
            }
        }
    }

    /// Bytes per KV-cache element in this replica.
    pub fn kv_bytes_per_element(&self) -> f64 {
        self.spec.bytes_per_kv
    }

    /// One decode step with `b` requests decoding at once.
    pub fn step(&self, b: f64) -> Step {
        let bpw = self.spec.bytes_per_weight * 1e9;
        let routed_read = self.per_expert_b * self.model.experts_touched(b) * bpw;
        let routed_flops = 2.0 * self.routed_active_b * 1e9;
        let dense_flops = 2.0 * (self.model.params_active_b - self.routed_active_b) * 1e9;
        Step {
            weights_s: (self.shared_b * bpw + routed_read / self.experts) / self.bandwidth,
            // Dequantising kernels (W4A16, W8A16) pay the dequantisation in every decode
            // step's products; a prompt's large products amortise it.
            products_s: match self.parallel {
                Parallelism::Tensor => {
                    b * (dense_flops + routed_flops / self.experts) / (self.compute * self.dequant)
                }
                Parallelism::Expert => {
                    b * (dense_flops / self.compute
                        + routed_flops / (self.experts * self.routed_compute))
                        / self.dequant
                }
            },
            kv_s: b * self.kv_read / self.bandwidth,
            attention_s: b * self.attention_flops / self.attention_compute,
            allreduce_s: self.allreduce(b, 1.0),
            fixed_s: self.fixed_step_s,
        }
    }

    /// Replica-seconds to prefill one prompt of `i` tokens: its products and attention (a
    /// prompt gives every expert enough tokens to run at the dense layers' efficiency), and
    /// its chunks' all-reduces.
    pub fn prefill(&self, i: f64) -> f64 {
        let chunks = (i / self.chunk_tokens).ceil().max(1.0);
        let routed = 2.0 * self.routed_active_b * 1e9 * i;
        let products = match self.parallel {
            Parallelism::Tensor => self.model.prefill_flops(i) / self.compute,
            Parallelism::Expert => {
                (self.model.prefill_flops(i) - routed) / self.compute + routed / self.routed_compute
            }
        };
        products + self.allreduce(i, chunks)
    }
}
