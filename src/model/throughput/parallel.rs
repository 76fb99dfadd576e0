//! How a replica splits a model over its GPUs, and what the GPUs send each other per layer.
//!
//! Tensor parallelism (the default) splits every weight matrix over the GPUs and adds two
//! all-reduces per layer. Expert parallelism keeps each routed expert whole on one GPU: the
//! attention stays tensor-parallel (one all-reduce per layer), and each token's activations
//! go to the GPUs of its experts and come back (an all-to-all dispatch and combine). Replicas
//! of 16 GPUs span two nodes of 8: traffic between nodes goes over the network. docs/MODEL.md
//! §6.2 ("GPUs per replica and parallelism") writes the formulas out with a worked example.

/// How a replica of several GPUs splits the model (`self_host.parallelism`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Parallelism {
    /// Every matrix split over the GPUs.
    #[default]
    Tensor,
    /// Routed experts whole on one GPU each, attention split over the GPUs.
    Expert,
}

impl Parallelism {
    pub const ALL: [Parallelism; 2] = [Parallelism::Tensor, Parallelism::Expert];
    /// The names of [`Parallelism::ALL`], in order.
    pub const NAMES: [&'static str; 2] = ["tensor", "expert"];

    pub fn name(self) -> &'static str {
        Parallelism::NAMES[self as usize]
    }

    pub fn parse(s: &str) -> Option<Parallelism> {
        let s = s.trim();
        Parallelism::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s))
    }
}

/// GPUs in one node (HGX/DGX H100, H200, B200 and MI300X platforms: 8 GPUs on NVLink or xGMI).
pub const GPUS_PER_NODE: u32 = 8;

/// Network bandwidth between nodes per GPU and direction, bytes/s: one 400 Gb/s InfiniBand or
/// RoCE NIC per GPU on a rail-optimised fabric (NVIDIA's HGX AI Factory reference
/// architecture for H100, H200 and B200, docs.nvidia.com/reference-architectures, read
/// 2026-12-07; MLPerf Inference v4.1's H200 system files list 400 Gb/s InfiniBand cards,
/// mlcommons/inference_results_v4.1:closed/NVIDIA/systems/H200-SXM-141GBx8_TRT_MaxQ.json).
/// A stated figure, not fitted: no calibration row spans two nodes.
pub(crate) const NETWORK_BYTES_S: f64 = 50e9;

/// Latency of one collective step across the network, seconds (RDMA through the NIC and a
/// switch, about 2.5 times NVLink's 10 µs; stated, not fitted).
pub(crate) const NETWORK_LATENCY_S: f64 = 25e-6;

/// The links of a replica of `gpus` GPUs: NVLink (or xGMI, PCIe) inside a node, the network
/// between nodes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Links {
    pub gpus: f64,
    /// Inside a node: bytes/s per GPU and direction, and the latency of one step.
    pub local_bytes_s: f64,
    pub local_latency_s: f64,
}

impl Links {
    /// GPUs per node in this replica, and nodes.
    fn split(&self) -> (f64, f64) {
        let local = self.gpus.min(f64::from(GPUS_PER_NODE)).max(1.0);
        (local, (self.gpus / local).max(1.0))
    }

    /// One all-reduce of `tokens` tokens of `hidden` bf16 activations (`bytes = tokens ·
    /// hidden · 2`, each GPU's whole tensor), `rounds` times over (one per prefill chunk): a
    /// ring inside each node moving `2 (g − 1) / g` of it, then across the `m` nodes a ring of
    /// each GPU's `1 / g` shard moving `2 (m − 1) / m` of that.
    pub(crate) fn all_reduce(&self, tokens: f64, hidden: f64, rounds: f64) -> f64 {
        if self.gpus <= 1.0 {
            return 0.0;
        }
        let (g, m) = self.split();
        let bytes = tokens * hidden * 2.0;
        let local = if g > 1.0 {
            rounds * self.local_latency_s
                + 2.0 * (g - 1.0) / g * tokens * hidden * 2.0 / self.local_bytes_s
        } else {
            0.0
        };
        let network = if m > 1.0 {
            rounds * NETWORK_LATENCY_S + 2.0 * (m - 1.0) / m * (bytes / g) / NETWORK_BYTES_S
        } else {
            0.0
        };
        local + network
    }

    /// Dispatch and combine of `tokens` tokens, each sent to `k` experts spread evenly over
    /// the GPUs, `bytes` per copy: each GPU sends its `tokens / n` tokens' copies, of which
    /// `(g − 1) / n` go to its node's other GPUs and `(n − g) / n` over the network, both at
    /// once; twice (there and back), `rounds` times over.
    pub(crate) fn all_to_all(&self, tokens: f64, k: f64, bytes: f64, rounds: f64) -> f64 {
        if self.gpus <= 1.0 {
            return 0.0;
        }
        let (g, _) = self.split();
        let n = self.gpus;
        let sent = tokens / n * k * bytes;
        let local = sent * (g - 1.0) / n / self.local_bytes_s;
        let network = sent * (n - g) / n / NETWORK_BYTES_S;
        let latency = if n > g {
            NETWORK_LATENCY_S
        } else {
            self.local_latency_s
        };
        2.0 * (rounds * latency + local.max(network))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(gpus: f64) -> Links {
        Links {
            gpus,
            local_bytes_s: 450e9,
            local_latency_s: 10e-6,
        }
    }

    #[test]
    fn names_parse_back() {
        for p in Parallelism::ALL {
            assert_eq!(Parallelism::parse(p.name()), Some(p));
        }
        assert_eq!(Parallelism::parse(" Expert "), Some(Parallelism::Expert));
        assert_eq!(Parallelism::parse("pipeline"), None);
        assert_eq!(Parallelism::default(), Parallelism::Tensor);
    }

    #[test]
    fn an_all_reduce_inside_one_node_is_the_ring() {
        // 8 GPUs, 250 tokens of 2,000 bf16 values (1 MB): 10 µs + 2 × 7/8 × 1e6 / 450e9 = 10 µs + 3.888… µs.
        let t = links(8.0).all_reduce(250.0, 2000.0, 1.0);
        assert!((t - (10e-6 + 1.75e6 / 450e9)).abs() < 1e-15, "{t}");
        assert_eq!(links(1.0).all_reduce(250.0, 2000.0, 1.0), 0.0);
    }

    #[test]
    fn two_nodes_add_the_network_by_hand() {
        // 16 GPUs, the same 1 MB: inside each node 10 µs + 2 × 7/8 × 1e6 / 450e9; across the two
        // nodes 25 µs + 2 × 1/2 × (1e6 / 8) / 50e9 = 25 µs + 2.5 µs.
        let t = links(16.0).all_reduce(250.0, 2000.0, 1.0);
        let want = 10e-6 + 1.75e6 / 450e9 + 25e-6 + 125e3 / 50e9;
        assert!((t - want).abs() < 1e-15, "{t} vs {want}");
        // Dispatch and combine of 64 tokens to 8 experts, 14,336 bytes a copy: each GPU sends
        // 64 / 16 × 8 × 14,336 = 458,752 bytes; 7/16 of it over NVLink (0.446 µs), 8/16 over
        // the network (4.587 µs, the larger); twice, with the network's 25 µs each way.
        let a = links(16.0).all_to_all(64.0, 8.0, 14_336.0, 1.0);
        let want = 2.0 * (25e-6 + 458_752.0 * 0.5 / 50e9);
        assert!((a - want).abs() < 1e-15, "{a} vs {want}");
    }
}
