//! `[chart]`: the volume axis.

use super::*;

pub(super) static FIELDS: &[Field] = &[
    number!(
        "chart.min_requests_per_day",
        Range::closed(1e-3, MAX_VOLUME),
        "req/day",
        "Chart from",
        "left end of the volume axis",
        chart.min_requests_per_day
    ),
    number!(
        "chart.max_requests_per_day",
        Range::closed(1e-3, 1e13),
        "req/day",
        "Chart to",
        "right end of the volume axis",
        chart.max_requests_per_day
    ),
];
