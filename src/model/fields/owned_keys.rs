//! `[owned]`: buying the GPUs instead of renting them (docs/MODEL.md §6.9).

use super::*;
use crate::model::owned_inputs::Origin;

/// A number of `[owned]` that follows the catalog's GPU unless set: setting it through the key
/// table (a preset, `--set`, the dashboard) records that the user set it.
macro_rules! followed {
    ($key:literal, $range:expr, $unit:literal, $label:literal, $help:literal, $value:ident, $origin:ident) => {
        Field {
            key: $key,
            kind: Kind::Number,
            range: Some($range),
            unit: $unit,
            label: $label,
            help: $help,
            get: |s| Value::Number(s.owned.$value),
            set: |s, v| {
                if let Value::Number(x) = v {
                    s.owned.$value = x;
                    s.owned.$origin = Origin::Set;
                }
            },
        }
    };
}

pub(super) static FIELDS: &[Field] = &[
    flag!(
        "owned.enabled",
        "Compare buying",
        "whether to show an owned fleet (bought servers) as a fourth option",
        owned.enabled
    ),
    followed!(
        "owned.gpu_purchase_price",
        Range::closed(0.0, MAX_MONEY),
        "/GPU",
        "GPU purchase price",
        "price of one GPU bought outright (unless set: the catalog's purchase price for the GPU)",
        gpu_purchase_price,
        purchase_from
    ),
    number!(
        "owned.server_overhead_share",
        Range::closed(0.0, 100.0),
        "",
        "Server overhead",
        "chassis, CPUs, memory, network and storage as a share of the GPUs' price",
        owned.server_overhead_share
    ),
    number!(
        "owned.depreciation_months",
        // At least 0.1 month, as setup amortization: a denormal (5e-324) made the
        // depreciation per day infinite.
        Range::closed(0.1, 1200.0),
        "months",
        "Depreciation",
        "months over which the hardware's price is spread",
        owned.depreciation_months
    ),
    followed!(
        "owned.power_per_gpu_watts",
        Range::closed(0.0, 100_000.0),
        "W",
        "Power per GPU",
        "electric power one GPU draws, its share of the server included (unless set: the catalog's board power for the GPU)",
        power_per_gpu_watts,
        power_from
    ),
    number!(
        "owned.pue",
        Range::closed(1.0, 10.0),
        "",
        "PUE",
        "power usage effectiveness: the facility's power over the servers' power",
        owned.pue
    ),
    number!(
        "owned.electricity_per_kwh",
        Range::closed(0.0, MAX_MONEY),
        "/kWh",
        "Electricity",
        "price of one kilowatt-hour",
        owned.electricity_per_kwh
    ),
    number!(
        "owned.colocation_per_server_per_month",
        Range::closed(0.0, MAX_MONEY),
        "/server/month",
        "Colocation",
        "rack space, cooling and network for one server, per month",
        owned.colocation_per_server_per_month
    ),
    integer!(
        "owned.gpus_per_server",
        Range::closed(1.0, 4096.0),
        "GPUs",
        "GPUs per server",
        "GPUs in one server: capacity is bought in whole servers",
        owned.gpus_per_server
    ),
    number!(
        "owned.server_power_watts",
        Range::closed(0.0, 1_000_000.0),
        "W/server",
        "Server power",
        "electric power one server draws beyond its GPUs (CPUs, memory, network, fans), before the PUE",
        owned.server_power_watts
    ),
    number!(
        "owned.support_share_per_year",
        Range::closed(0.0, 10.0),
        "",
        "Support",
        "support contract per year, as a share of the server's purchase price (0.2 = 20% a year)",
        owned.support_share_per_year
    ),
    number!(
        "owned.cost_of_capital_per_year",
        Range::closed(0.0, 10.0),
        "",
        "Cost of capital",
        "yearly rate on the capital tied up in the servers (their book value)",
        owned.cost_of_capital_per_year
    ),
    number!(
        "owned.resale_share",
        Range::closed(0.0, 1.0),
        "",
        "Resale value",
        "what a server is worth at the end of its depreciation, as a share of its price",
        owned.resale_share
    ),
];
