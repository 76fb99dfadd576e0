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
    number!(
        "growth.api_price_change_per_year",
        Range::closed(-1.0, 10.0),
        "",
        "API price change",
        "yearly change of the API's token prices, applied month by month (-0.3 = 30% cheaper a year)",
        growth.api_price_change_per_year
    ),
    number!(
        "growth.gpu_price_change_per_year",
        Range::closed(-1.0, 10.0),
        "",
        "GPU price change",
        "yearly change of GPU rental prices, applied month by month",
        growth.gpu_price_change_per_year
    ),
    number!(
        "growth.purchase_price_change_per_year",
        Range::closed(-1.0, 10.0),
        "",
        "Purchase price change",
        "yearly change of the owned fleet's purchase price, applied to the servers bought each month",
        growth.purchase_price_change_per_year
    ),
];
