//! `[self_host]` billing keys (docs/MODEL.md §6.6). Their defaults leave every scenario's
//! numbers unchanged: replicas are billed 24 hours a day, on demand.

use super::*;
use crate::model::billing::{Mode, Offering, ScaleUps};

pub(super) static FIELDS: &[Field] = &[
    Field {
        key: "self_host.billing",
        kind: Kind::Text,
        range: None,
        unit: "",
        label: "Billing",
        help: "always_on (24 h a day), active_hours (only in the active window) or per_second (serverless)",
        get: |s| Value::Text(s.self_host.billing.mode.name().into()),
        set: |s, v| {
            if let Some(x) = text(&v).and_then(Mode::parse) {
                s.self_host.billing.mode = x;
            }
        },
    },
    Field {
        key: "self_host.offering",
        kind: Kind::Text,
        range: None,
        unit: "",
        label: "Offering",
        help: "on_demand, reserved (billed 24 h a day whatever the mode) or spot (adds the interruption share); set by --gpu NAME@OFFERING",
        get: |s| Value::Text(s.self_host.billing.offering.name().into()),
        set: |s, v| {
            if let Some(x) = text(&v).and_then(Offering::parse) {
                s.self_host.billing.offering = x;
            }
        },
    },
    number!(
        "self_host.active_hours_per_day",
        Range {
            min: 0.0,
            min_inclusive: false,
            max: 24.0,
            max_inclusive: true,
        },
        "h/day",
        "Active hours",
        "hours a day replicas run with billing = active_hours; the day's traffic comes in them",
        self_host.billing.active_hours_per_day
    ),
    number!(
        "self_host.gpu_per_second",
        Range::closed(0.0, MAX_MONEY),
        "/GPU-s",
        "GPU per second",
        "price of one GPU-second with billing = per_second (0 = gpu_per_hour / 3600)",
        self_host.billing.gpu_per_second
    ),
    number!(
        "self_host.cold_start_seconds",
        Range::closed(0.0, 86_400.0),
        "s",
        "Cold start",
        "seconds a serverless replica is billed before it serves (an estimate by default)",
        self_host.billing.cold_start_seconds
    ),
    number!(
        "self_host.min_billed_seconds",
        Range::closed(0.0, 86_400.0),
        "s",
        "Min billed time",
        "the shortest time a serverless start is billed for",
        self_host.billing.min_billed_seconds
    ),
    number!(
        "self_host.idle_tail_seconds",
        Range::closed(0.0, 86_400.0),
        "s",
        "Idle tail",
        "seconds a serverless replica stays billed, idle, after each burst before it scales to zero",
        self_host.billing.idle_tail_seconds
    ),
    number!(
        "self_host.scale_ups_per_day",
        Range::closed(0.0, 1e6),
        "per day",
        "Scale-ups",
        "serverless starts from zero per day, each billed its cold start or minimum",
        self_host.billing.scale_ups_per_day
    ),
    Field {
        key: "self_host.scale_ups",
        kind: Kind::Text,
        range: None,
        unit: "",
        label: "Scale-ups follow",
        help: "fixed (scale_ups_per_day every day) or with_traffic (min(scale_ups_per_day, billable requests): none at zero volume)",
        get: |s| Value::Text(s.self_host.billing.scale_ups.name().into()),
        set: |s, v| {
            if let Some(x) = text(&v).and_then(ScaleUps::parse) {
                s.self_host.billing.scale_ups = x;
            }
        },
    },
    number!(
        "self_host.spot_interruption_share",
        Range::closed(0.0, 1.0),
        "",
        "Spot interruptions",
        "share of GPU spend added on a spot offering for interruptions (an estimate)",
        self_host.billing.spot_interruption_share
    ),
    integer!(
        "self_host.reserved_term_months",
        Range::closed(0.0, 120.0),
        "months",
        "Reserved term",
        "months a reserved replica is billed once reserved, needed or not (0 = month to month; --gpu NAME@reserved sets 12 for a 1-year offering)",
        self_host.billing.reserved_term_months
    ),
];

fn text(v: &Value) -> Option<&str> {
    match v {
        Value::Text(t) => Some(t.as_str()),
        _ => None,
    }
}

/// The values a billing text key accepts.
pub(super) fn allowed(key: &str) -> Option<&'static [&'static str]> {
    match key {
        "self_host.billing" => Some(&Mode::NAMES),
        "self_host.offering" => Some(&Offering::NAMES),
        "self_host.scale_ups" => Some(&ScaleUps::NAMES),
        _ => None,
    }
}
