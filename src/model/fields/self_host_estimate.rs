//! `[self_host]` keys of the throughput estimate (docs/MODEL.md §6.2). Their defaults leave
//! every scenario's numbers unchanged: throughput stays `given`.

use super::*;
use crate::model::throughput::settings::Source;
use crate::model::throughput::{Engine, KvCache, Parallelism, Precision};

pub(super) static FIELDS: &[Field] = &[
    Field {
        key: "self_host.throughput",
        kind: Kind::Text,
        range: None,
        unit: "",
        label: "Throughput",
        help:
            "given (prefill and decode as typed) or estimate (from the model, GPU and token sizes); a file that gives neither rate uses the estimate",
        get: |s| Value::Text(s.self_host.estimate.source.name().into()),
        set: |s, v| {
            if let Some(x) = text(&v).and_then(Source::parse) {
                s.self_host.estimate.source = x;
            }
        },
    },
    Field {
        key: "self_host.precision",
        kind: Kind::Text,
        range: None,
        unit: "",
        label: "Precision",
        help: "weights precision for the estimate: bf16, fp8, int4 or fp4",
        get: |s| Value::Text(s.self_host.estimate.precision.name().into()),
        set: |s, v| {
            if let Some(x) = text(&v).and_then(Precision::parse) {
                s.self_host.estimate.precision = x;
            }
        },
    },
    Field {
        key: "self_host.kv_cache_precision",
        kind: Kind::Text,
        range: None,
        unit: "",
        label: "KV cache precision",
        help: "KV cache precision for the estimate: auto (the engine's default: bf16 in vLLM and SGLang, the checkpoint's in TensorRT-LLM), bf16 or fp8",
        get: |s| Value::Text(s.self_host.estimate.kv.name().into()),
        set: |s, v| {
            if let Some(x) = text(&v).and_then(KvCache::parse) {
                s.self_host.estimate.kv = x;
            }
        },
    },
    Field {
        key: "self_host.parallelism",
        kind: Kind::Text,
        range: None,
        unit: "",
        label: "Parallelism",
        help: "how a replica of several GPUs splits the model for the estimate: tensor (every matrix split) or expert (each routed expert whole on one GPU; mixtures of experts only)",
        get: |s| Value::Text(s.self_host.estimate.parallelism.name().into()),
        set: |s, v| {
            if let Some(x) = text(&v).and_then(Parallelism::parse) {
                s.self_host.estimate.parallelism = x;
            }
        },
    },
    Field {
        key: "self_host.engine",
        kind: Kind::Text,
        range: None,
        unit: "",
        label: "Engine",
        help: "serving engine for the estimate: vllm, sglang or tensorrt-llm",
        get: |s| Value::Text(s.self_host.estimate.engine.name().into()),
        set: |s, v| {
            if let Some(x) = text(&v).and_then(Engine::parse) {
                s.self_host.estimate.engine = x;
            }
        },
    },
    Field {
        key: "self_host.calibration",
        kind: Kind::Text,
        range: None,
        unit: "",
        label: "Calibration",
        help: "auto (use a fit of this configuration to your benchmark runs, from crossover calibrate) or none",
        get: |s| Value::Text(s.self_host.estimate.calibration.name().into()),
        set: |s, v| {
            if let Some(x) = text(&v).and_then(crate::calibrate::apply::Mode::parse) {
                s.self_host.estimate.calibration = x;
            }
        },
    },
    number!(
        "self_host.ttft_ms",
        Range::closed(0.0, 1e7),
        "ms",
        "First-token target",
        "time-to-first-token target for the estimate, ms (0 = none)",
        self_host.estimate.ttft_ms
    ),
    number!(
        "self_host.tpot_ms",
        Range::closed(0.0, 1e7),
        "ms",
        "Per-token target",
        "time-per-output-token target for the estimate, ms (0 = none)",
        self_host.estimate.tpot_ms
    ),
    number!(
        "self_host.throughput_factor",
        Range::closed(0.01, 100.0),
        "×",
        "Throughput factor",
        "multiplies the replica's throughput: the estimate's own uncertainty",
        self_host.estimate.factor
    ),
];

fn text(v: &Value) -> Option<&str> {
    match v {
        Value::Text(t) => Some(t.as_str()),
        _ => None,
    }
}
