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
];
