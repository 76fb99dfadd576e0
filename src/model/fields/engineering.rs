//! `[engineering]`: the team's time.

use super::*;

pub(super) static FIELDS: &[Field] = &[
    number!(
        "engineering.hourly_rate",
        Range::closed(0.0, 1e6),
        "/h",
        "Hourly rate",
        "loaded cost of one engineering hour",
        engineering.hourly_rate
    ),
    number!(
        "engineering.setup_hours",
        Range::closed(0.0, MAX_HOURS),
        "h",
        "Setup hours",
        "one-time work to stand the model up",
        engineering.setup_hours
    ),
    number!(
        "engineering.maintenance_hours_per_month",
        Range::closed(0.0, MAX_HOURS),
        "h/month",
        "Maintenance hours",
        "ongoing monitoring, upgrades, on-call",
        engineering.maintenance_hours_per_month
    ),
    number!(
        "engineering.amortization_months",
        Range::closed(0.1, 1200.0),
        "months",
        "Amortization",
        "months over which setup is spread",
        engineering.amortization_months
    ),
    number!(
        "engineering.ops_hours_per_replica_month",
        Range::closed(0.0, MAX_HOURS),
        "h/month",
        "Ops per replica",
        "upkeep per replica beyond the first (each option counts its own replicas)",
        engineering.ops_hours_per_replica_month
    ),
];
