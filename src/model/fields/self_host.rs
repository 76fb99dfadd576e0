//! `[self_host]`: the self-hosted model, its GPUs and throughput.

use super::*;

pub(super) static FIELDS: &[Field] = &[
    text!(
        "self_host.model",
        "Local model",
        "a label for the self-hosted model",
        self_host.model
    ),
    text!("self_host.gpu", "GPU", "a label for the GPU", self_host.gpu),
    number!(
        "self_host.gpu_per_hour",
        Range::closed(0.0, MAX_MONEY),
        "/GPU-h",
        "GPU price",
        "rental price of one GPU for one hour",
        self_host.gpu_per_hour
    ),
    integer!(
        "self_host.gpus_per_replica",
        Range::closed(1.0, 4096.0),
        "GPUs",
        "GPUs per replica",
        "GPUs one serving replica needs",
        self_host.gpus_per_replica
    ),
    number!(
        "self_host.prefill_tokens_per_second",
        Range::closed(MIN_TPS, MAX_TPS),
        "tok/s",
        "Prefill throughput",
        "input tokens one replica processes per second, aggregate",
        self_host.prefill_tokens_per_second
    ),
    number!(
        "self_host.decode_tokens_per_second",
        Range::closed(MIN_TPS, MAX_TPS),
        "tok/s",
        "Decode throughput",
        "output tokens one replica generates per second, aggregate",
        self_host.decode_tokens_per_second
    ),
    number!(
        "self_host.target_utilization",
        Range::closed(0.01, 1.0),
        "",
        "Target utilization",
        "the share of a replica's capacity the busiest hour may use",
        self_host.target_utilization
    ),
    integer!(
        "self_host.min_replicas",
        Range::closed(0.0, 100_000.0),
        "replicas",
        "Min replicas",
        "replicas kept running whatever the load",
        self_host.min_replicas
    ),
    number!(
        "self_host.overhead_share",
        Range::closed(0.0, 100.0),
        "",
        "Overhead share",
        "monitoring, storage and egress as a share of GPU spend",
        self_host.overhead_share
    ),
    number!(
        "self_host.fixed_per_month",
        Range::closed(0.0, MAX_MONEY),
        "/month",
        "Self-host fixed",
        "fixed infrastructure cost per month",
        self_host.fixed_per_month
    ),
];
