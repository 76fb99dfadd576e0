//! `[growth]`: traffic growth for the timeline.

use super::*;

pub(super) static FIELDS: &[Field] = &[
    number!(
        "growth.monthly_rate",
        Range::closed(-1.0, 10.0),
        "",
        "Monthly growth",
        "compound monthly growth of the daily volume (0.1 = +10% a month)",
        growth.monthly_rate
    ),
    integer!(
        "growth.horizon_months",
        Range::closed(1.0, 600.0),
        "months",
        "Horizon",
        "months the timeline covers",
        growth.horizon_months
    ),
];
