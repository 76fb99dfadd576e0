//! `[constraints]`: the guide's criteria that are not costs.

use super::*;

pub(super) static FIELDS: &[Field] = &[
    flag!(
        "constraints.data_must_stay_in_house",
        "Data must stay in-house",
        "whether data must never leave your infrastructure",
        constraints.data_must_stay_in_house
    ),
    flag!(
        "constraints.needs_frontier_quality",
        "Needs frontier quality",
        "whether some requests need the best API model",
        constraints.needs_frontier_quality
    ),
    number!(
        "constraints.ops_hours_per_month",
        Range::closed(0.0, MAX_HOURS),
        "h/month",
        "Ops capacity",
        "the engineering time the team can give to running models",
        constraints.ops_hours_per_month
    ),
    number!(
        "constraints.launch_deadline_weeks",
        Range::closed(0.0, 10_000.0),
        "weeks",
        "Launch deadline",
        "weeks until launch (0 = no deadline)",
        constraints.launch_deadline_weeks
    ),
];
