//! `crossover throughput`, run as a user runs it.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crossover"))
        .arg("throughput")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let (code, out, err) = run(&a);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn text_says_it_is_an_estimate_and_names_the_limit() {
    let (code, out, err) = run(&["Llama 3.1 8B", "--gpu", "H100 80GB"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Llama 3.1 8B at bf16 on 1 × H100 SXM, vLLM\nESTIMATE"),
        "{out}"
    );
    for line in [
        "requests per second",
        "bound by",
        "time to first token",
        "Memory per replica",
    ] {
        assert!(out.contains(line), "{line} in {out}");
    }
}

#[test]
fn json_has_the_fields_and_picks_the_fewest_gpus() {
    let v = json(&[
        "Llama 3.1 70B",
        "--gpu",
        "H100 SXM",
        "--input-tokens",
        "1000",
        "--output-tokens",
        "1000",
    ]);
    for k in [
        "requests_per_second",
        "input_tokens_per_second",
        "output_tokens_per_second",
        "max_concurrency",
        "bound",
        "time_to_first_token_ms",
        "time_per_output_token_ms",
        "gpus",
        "engine",
        "fits",
    ] {
        assert!(!v[k].is_null(), "{k} in {v}");
    }
    // 141 GB of bf16 weights: not on one 80 GB GPU, on two.
    assert_eq!(v["gpus"], 2);
    assert_eq!(v["engine"], "vllm");
    assert_eq!(v["fits"], true);
    let rps = v["requests_per_second"].as_f64().unwrap();
    assert!((v["output_tokens_per_second"].as_f64().unwrap() - rps * 1000.0).abs() < 1e-6);
    // At saturation the first token is called a floor, with the rate past which it has none.
    let floor = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .find(|n| n.starts_with("the first token at saturation ("))
        .unwrap_or_else(|| panic!("{}", v["notes"]));
    assert!(
        floor.contains(") is a floor: ") && floor.contains(" requests/s queues without bound"),
        "{floor}"
    );
    // More GPUs and another engine are taken as given.
    let v8 = json(&[
        "Llama 3.1 70B",
        "--gpu",
        "H100 SXM",
        "--gpus",
        "8",
        "--engine",
        "tensorrt-llm",
    ]);
    assert_eq!(
        (v8["gpus"].as_u64(), v8["engine"].as_str()),
        (Some(8), Some("tensorrt-llm"))
    );
}

#[test]
fn a_prompt_past_the_context_window_is_a_warning() {
    let v = json(&[
        "Mixtral 8x7B@fp8",
        "--gpu",
        "H200",
        "--input-tokens",
        "40000",
    ]);
    let w = v["warnings"].as_array().unwrap();
    assert!(
        w.iter().any(|w| w
            .as_str()
            .unwrap()
            .contains("context window of 32,768 tokens")),
        "{w:?}"
    );
    // Qwen3 32B: 32,768 native, 131,072 with YaRN (issue 22): past the first, within the second,
    // an estimate that says the engine needs YaRN.
    let v = json(&["Qwen3 32B@fp8", "--gpu", "H200", "--input-tokens", "60000"]);
    let w = v["warnings"].to_string();
    assert!(
        w.contains(
            "exceed Qwen3 32B's native context of 32,768 tokens: it serves up to 131,072 with YaRN"
        ),
        "{w}"
    );
}

#[test]
fn each_bad_input_is_named_with_exit_code_2() {
    let cases: [(&[&str], &str); 10] = [
        (&["Llama 3.1 9B", "--gpu", "H100"], "closest: "),
        (&["Llama 3.1 8B", "--gpu", "H1000"], "closest: "),
        (
            &["gpt-oss 120B@fp8", "--gpu", "H100"],
            "is not served at fp8; it is served at int4, bf16",
        ),
        (
            &["Llama 3.1 8B@fp2", "--gpu", "H100"],
            "\"fp2\" is not a precision",
        ),
        (
            &["Llama 3.1 8B", "--gpu", "H100", "--gpus", "3"],
            "GPUs per replica must be 1, 2, 4, 8 or 16 (two nodes of 8), not 3",
        ),
        (
            &["Llama 3.1 8B", "--gpu", "H100", "--input-tokens", "0"],
            "input tokens must be a number of tokens from 1 to 1e8, not 0",
        ),
        (
            &["Llama 3.1 70B", "--gpu", "H100", "--gpus", "1"],
            // vLLM keeps 0.1 · 85.9 GB + 2 GiB; not 85.9 − 141.2 = −55.3 GB.
            "weights 141.2 GB, reserve 10.7 GB and one request's KV cache need more than its 86 GB; it needs 2 GPUs per replica",
        ),
        (
            &["Llama 3.1 8B", "--gpu", "H100", "--kv-cache-precision", "fp4"],
            "--kv-cache-precision \"fp4\" is not a KV cache precision: use auto, bf16 or fp8",
        ),
        (
            &["Llama 3.1 8B", "--gpu", "H100", "--concurrency", "0"],
            "--concurrency must be a whole number of requests from 1",
        ),
        (
            &["Llama 3.1 8B", "--gpu", "H100", "--engine", "tgi"],
            "is not an engine: use vllm, sglang or tensorrt-llm",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!err.contains("NaN") && !err.contains("inf"), "{err}");
    }
    let (code, _, err) = run(&["Qwen3 235B-A22B", "--gpu", "L4"]);
    assert_eq!(code, 2);
    assert!(err.contains("not even 8 GPUs per replica hold it"), "{err}");
}

/// A latency target no batch meets is not an error: the best figures, `fits_target: false`,
/// and a warning that says so.
#[test]
fn a_target_no_batch_meets_gives_the_best_figures_unmet() {
    let args = [
        "Llama 3.1 70B",
        "--gpu",
        "L4",
        "--input-tokens",
        "20000",
        "--ttft-ms",
        "200",
        "--format",
        "json",
    ];
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["fits_target"], false);
    assert_eq!(v["bound"], "ttft_target");
    assert_eq!(v["max_concurrency"], 1);
    assert!(v["time_to_first_token_ms"].as_f64().unwrap() > 200.0);
    let warnings = v["warnings"].to_string();
    assert!(
        warnings.contains(
            "no batch size meets a 200 ms first token on this replica: one request at a time takes"
        ),
        "{warnings}"
    );
    // Met: fits.
    let (code, out, _) = run(&["Llama 3.1 8B", "--gpu", "H100", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["fits_target"], true);
}

/// `--concurrency N`: rates and latencies at N requests in flight; past what the replica holds
/// the rest queue, and say so; JSON adds the step, the load and the per-phase rates.
#[test]
fn concurrency_gives_the_replica_at_that_load() {
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["Llama 3.1 8B", "--gpu", "H100 SXM", "--format", "json"];
        args.extend_from_slice(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{out}{err}");
        serde_json::from_str(&out).unwrap()
    };
    let sat = json(&[]);
    assert_eq!(sat["load"], "saturation");
    assert_eq!(sat["concurrency"], sat["max_concurrency"]);
    for key in [
        "decode_step_ms",
        "fits_target",
        "concurrency",
        "per_phase_rates",
    ] {
        assert!(!sat[key].is_null(), "{key}");
    }
    let one = json(&["--concurrency", "1"]);
    assert_eq!(
        (one["concurrency"].as_u64(), one["queued"].as_u64()),
        (Some(1), Some(0))
    );
    // One request alone: its time per output token is the bare decode step.
    assert_eq!(one["time_per_output_token_ms"], one["decode_step_ms"]);
    assert!(one["time_per_output_token_ms"].as_f64() < sat["time_per_output_token_ms"].as_f64());
    assert!(one["output_tokens_per_second"].as_f64() < sat["output_tokens_per_second"].as_f64());
    // 400 in flight: the KV cache holds 180 at 2,000 + 500 tokens, the other 220 wait.
    let many = json(&["--concurrency", "400"]);
    assert_eq!(many["max_concurrency"], 180);
    assert_eq!(many["queued"], 220);
    assert!(many["time_to_first_token_ms"].as_f64() > sat["time_to_first_token_ms"].as_f64());
    assert!(many["warnings"].to_string().contains("220 wait for a slot"));
    // The text says so too.
    let (_, text, _) = run(&["Llama 3.1 8B", "--gpu", "H100 SXM", "--concurrency", "400"]);
    assert!(text.contains("requests in flight"), "{text}");
    assert!(text.contains("220 waiting"), "{text}");
}

/// vLLM's KV cache is bf16 by default whatever the weights; fp8 holds twice as many.
#[test]
fn the_kv_cache_precision_is_the_engines_unless_set() {
    let conc = |extra: &[&str]| -> u64 {
        let mut args = vec![
            "Qwen3 32B@fp8",
            "--gpu",
            "H100 SXM",
            "--input-tokens",
            "30000",
            "--output-tokens",
            "1000",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{out}{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["kv_cache_concurrency"].as_u64().unwrap()
    };
    let auto = conc(&[]);
    assert_eq!(auto, conc(&["--kv-cache-precision", "bf16"]));
    let fp8 = conc(&["--kv-cache-precision", "fp8"]);
    assert!(fp8 >= 2 * auto && fp8 <= 2 * auto + 1, "{auto} {fp8}");
    // TensorRT-LLM's fp8 checkpoint carries an fp8 KV cache.
    assert!(conc(&["--engine", "tensorrt-llm"]) > auto);
}

/// docs/MODEL.md §6.2: `--set` of one rate on the default preset (which uses the estimate)
/// makes the throughput given, the other rate the estimate's; the report's JSON notes say so,
/// and with `--set self_host.throughput=estimate` as well the estimate stays.
#[test]
fn a_typed_rate_on_an_estimated_preset_is_given_and_said() {
    let report = |sets: &[&str]| -> serde_json::Value {
        let cfg = tempfile::TempDir::new().unwrap();
        let mut args = vec!["report", "--format", "json"];
        for s in sets {
            args.extend(["--set", s]);
        }
        let out = crate::common::cli::crossover(&cfg)
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let says = |v: &serde_json::Value, what: &str| {
        v["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains(what))
    };
    let given = report(&["self_host.prefill_tokens_per_second=30000"]);
    assert!(says(&given, "throughput is GIVEN, not estimated, because --set typed a rate: 30,000 prefill (--set) / "), "{}", given["notes"]);
    assert!(says(&given, "decode (the estimate's, kept)"));
    assert!(!says(&given, "throughput is an ESTIMATE"));
    let kept = report(&[
        "self_host.throughput=estimate",
        "self_host.prefill_tokens_per_second=30000",
    ]);
    assert!(
        says(&kept, "throughput is an ESTIMATE") && !says(&kept, "GIVEN"),
        "{}",
        kept["notes"]
    );
}

/// A pick switches to the estimate and notes its figures; a typed rate then makes the
/// throughput given, so the pick's estimate note is stale and goes. Without the typed rate the
/// note stays.
#[test]
fn a_picks_estimate_note_goes_when_a_typed_rate_makes_the_throughput_given() {
    let notes = |sets: &[&str]| -> Vec<String> {
        let cfg = tempfile::TempDir::new().unwrap();
        let mut args = vec!["report", "--format", "json", "--local", "Llama 3.1 8B"];
        for s in sets {
            args.extend(["--set", s]);
        }
        let out = crate::common::cli::crossover(&cfg)
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect()
    };
    let given = notes(&["self_host.decode_tokens_per_second=3000"]);
    assert!(
        given.iter().any(|n| n.contains("throughput is GIVEN"))
            && !given.iter().any(|n| n.contains("ESTIMATED")),
        "{given:?}"
    );
    let estimated = notes(&[]);
    assert!(
        estimated
            .iter()
            .any(|n| n.starts_with("throughput ESTIMATED (")),
        "{estimated:?}"
    );
}

#[test]
fn expert_parallelism_and_two_nodes_are_choices_beside_tensor() {
    // DeepSeek R1 at fp8 on 16 × H100 (two nodes of 8), SGLang, 64 requests at once.
    let base = [
        "DeepSeek R1@fp8",
        "--gpu",
        "H100 SXM",
        "--gpus",
        "16",
        "--engine",
        "sglang",
        "--input-tokens",
        "3200",
        "--output-tokens",
        "800",
        "--concurrency",
        "64",
    ];
    let tensor = json(&base);
    let mut a = base.to_vec();
    a.extend(["--parallelism", "expert"]);
    let expert = json(&a);
    assert_eq!(tensor["parallelism"], "tensor");
    assert_eq!(expert["parallelism"], "expert");
    assert_eq!(expert["gpus"], 16);
    assert_eq!(
        expert["replica"],
        "DeepSeek R1 at fp8 on 16 × H100 SXM, SGLang, two nodes, expert parallel"
    );
    let step =
        |v: &serde_json::Value, part: &str| v["decode_step_parts_ms"][part].as_f64().unwrap();
    // The same weights and KV cache are read; the communication differs (one all-reduce and
    // the experts' dispatch and combine instead of two all-reduces), and all of it is there.
    assert_eq!(step(&tensor, "memory"), step(&expert, "memory"));
    assert!(step(&tensor, "all_reduce") > 0.0 && step(&expert, "all_reduce") > 0.0);
    assert_ne!(step(&tensor, "all_reduce"), step(&expert, "all_reduce"));
    // Whole experts: the products are not slowed by the tensor-parallel factor.
    assert!(step(&expert, "arithmetic") < step(&tensor, "arithmetic"));
    // The default is tensor: the figures without the flag are tensor's.
    let mut t = base.to_vec();
    t.extend(["--parallelism", "tensor"]);
    assert_eq!(json(&t), tensor);
    // A dense model has no experts to place; an unknown word is named.
    let (code, _, err) = run(&[
        "Llama 3.1 8B",
        "--gpu",
        "H100 SXM",
        "--gpus",
        "2",
        "--parallelism",
        "expert",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("expert parallelism needs a mixture of experts; Llama 3.1 8B is dense"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "Llama 3.1 8B",
        "--gpu",
        "H100 SXM",
        "--parallelism",
        "pipeline",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--parallelism \"pipeline\" is not a parallelism: use tensor or expert"),
        "{err}"
    );
}
