//! `[workload]`: the traffic.

use super::*;

pub(super) static FIELDS: &[Field] = &[
    number!(
        "workload.requests_per_day",
        Range::closed(0.0, MAX_VOLUME),
        "req/day",
        "Daily volume",
        "V, requests per day",
        workload.requests_per_day
    ),
    number!(
        "workload.input_tokens",
        Range::closed(0.0, MAX_TOKENS),
        "tok",
        "Input tokens",
        "I, average prompt tokens per request",
        workload.input_tokens
    ),
    number!(
        "workload.output_tokens",
        Range::closed(0.0, MAX_TOKENS),
        "tok",
        "Output tokens",
        "O, average completion tokens per request",
        workload.output_tokens
    ),
    number!(
        "workload.peak_to_average",
        Range::closed(1.0, 1000.0),
        "×",
        "Peak / average",
        "the busiest hour's rate ÷ the day's average rate",
        workload.peak_to_average
    ),
    number!(
        "workload.response_cache_hit_rate",
        Range::half_open(0.0, 1.0),
        "",
        "Cache hit rate",
        "c, share of requests answered from a response cache",
        workload.response_cache_hit_rate
    ),
    number!(
        "workload.local_output_tokens",
        Range::closed(0.0, MAX_TOKENS),
        "tok",
        "Local output tokens",
        "completion tokens the local model writes per request (0 = the workload's output tokens)",
        workload.local_output_tokens
    ),
];
