//! `[hybrid]`: routing between the local model, a cheap API tier and the frontier API tier
//! (docs/MODEL.md §6.5).

use super::*;

pub(super) static FIELDS: &[Field] = &[
    number!(
        "hybrid.local_share",
        Range::closed(0.0, 1.0),
        "",
        "Local share",
        "h, share of requests routed to the self-hosted model",
        hybrid.local_share
    ),
    number!(
        "hybrid.cheap_share",
        Range::closed(0.0, 1.0),
        "",
        "Cheap share",
        "q, share of requests routed to the cheap API tier (the frontier takes 1 − h − q)",
        hybrid.cheap_share
    ),
    number!(
        "hybrid.local_escalation_rate",
        Range::half_open(0.0, 1.0),
        "",
        "Local escalation",
        "share of local answers re-sent to the next tier up (cheap if it has a share, else frontier)",
        hybrid.local_escalation_rate
    ),
    number!(
        "hybrid.cheap_escalation_rate",
        Range::half_open(0.0, 1.0),
        "",
        "Cheap escalation",
        "share of the cheap tier's answers (original and escalated) re-sent to the frontier",
        hybrid.cheap_escalation_rate
    ),
    text!(
        "hybrid.cheap_model",
        "Cheap model",
        "a label for the cheap API tier's model",
        hybrid.cheap_model
    ),
    number!(
        "hybrid.cheap_input_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Cheap input price",
        "the cheap tier's price per million input tokens",
        hybrid.cheap_input_per_mtok
    ),
    number!(
        "hybrid.cheap_output_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Cheap output price",
        "the cheap tier's price per million output tokens",
        hybrid.cheap_output_per_mtok
    ),
    number!(
        "hybrid.cheap_cached_input_per_mtok",
        Range::closed(0.0, MAX_MONEY),
        "/Mtok",
        "Cheap cached price",
        "the cheap tier's price per million cached input tokens",
        hybrid.cheap_cached_input_per_mtok
    ),
];
