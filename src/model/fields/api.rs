//! `[api]`: the API model and its prices.

use super::*;

pub(super) static FIELDS: &[Field] = &[
    text!(
        "api.model",
        "API model",
        "a label for the API model",
        api.model
    ),
    number!(
        "api.input_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Input price",
        "price per million input tokens",
        api.input_per_mtok
    ),
    number!(
        "api.output_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Output price",
        "price per million output tokens",
        api.output_per_mtok
    ),
    number!(
        "api.cached_input_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Cached input price",
        "price per million cached input tokens",
        api.cached_input_per_mtok
    ),
    number!(
        "api.cached_input_share",
        Range::closed(0.0, 1.0),
        "",
        "Cached input share",
        "k, share of input tokens billed at the cached price",
        api.cached_input_share
    ),
    number!(
        "api.batch_share",
        Range::closed(0.0, 1.0),
        "",
        "Batch share",
        "β, share of requests sent through the batch API",
        api.batch_share
    ),
    number!(
        "api.batch_discount",
        Range::closed(0.0, 1.0),
        "",
        "Batch discount",
        "δ, the batch API's discount",
        api.batch_discount
    ),
    number!(
        "api.fixed_per_month",
        Range::closed(0.0, MAX_MONEY),
        "/month",
        "API fixed",
        "plan fees, gateway and integration upkeep per month",
        api.fixed_per_month
    ),
    number!(
        "api.usd_per_request",
        Range::closed(0.0, MAX_MONEY),
        "/request",
        "Price per request",
        "a price per request that replaces the token prices (0 = use the token prices)",
        api.usd_per_request
    ),
    number!(
        "api.cache_write_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Cache write price",
        "price per million input tokens written to the prompt cache",
        api.cache_write_per_mtok
    ),
    number!(
        "api.cache_write_share",
        Range::closed(0.0, 1.0),
        "",
        "Cache write share",
        "w, share of input tokens billed at the cache-write price",
        api.cache_write_share
    ),
    integer!(
        "api.context_window",
        Range::closed(0.0, MAX_TOKENS),
        "tok",
        "Context window",
        "input tokens the model accepts (0 = unknown)",
        api.context_window
    ),
    integer!(
        "api.long_context_above_tokens",
        Range::closed(0.0, MAX_TOKENS),
        "tok",
        "Long context above",
        "N: requests with more input tokens pay the long-context prices (0 = no tier)",
        api.long_context_above_tokens
    ),
    number!(
        "api.long_context_input_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Long-context input",
        "input price above N input tokens",
        api.long_context_input_per_mtok
    ),
    number!(
        "api.long_context_output_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Long-context output",
        "output price above N input tokens",
        api.long_context_output_per_mtok
    ),
    number!(
        "api.long_context_cached_input_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Long-context cached",
        "cached input price above N input tokens",
        api.long_context_cached_input_per_mtok
    ),
    number!(
        "api.long_context_cache_write_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Long-context cache write",
        "cache-write price above N input tokens",
        api.long_context_cache_write_per_mtok
    ),
    number!(
        "api.reasoning_output_multiplier",
        Range::closed(1.0, 1000.0),
        "×",
        "Reasoning multiplier",
        "output tokens billed per output token seen (reasoning tokens); both API tiers",
        api.reasoning_output_multiplier
    ),
];
