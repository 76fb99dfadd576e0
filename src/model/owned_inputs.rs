//! Where the owned fleet's purchase price and power per GPU come from (docs/MODEL.md §6.9).
//!
//! Unless the user sets them (a preset, `--set`, the dashboard), `owned.gpu_purchase_price`
//! and `owned.power_per_gpu_watts` follow the catalog entry of the scenario's GPU
//! (`self_host.gpu`): its purchase offering and its board power. The catalog layer
//! (`crate::catalog::owned_from_gpu`) resolves them and records here where each figure came from; the
//! model only reads the numbers, and the reports say where they came from.

use super::scenario::{Owned, Scenario};
use crate::figures::{grouped, money};

/// Where one of the two figures came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Origin {
    /// Not set by the user and not resolved yet: the built-in default (an H100 SXM's), which
    /// the catalog layer replaces with the scenario's GPU's figure.
    #[default]
    Default,
    /// From the catalog entry of the scenario's GPU.
    Catalog(Cited),
    /// Not set by the user, and the catalog has no such figure for the scenario's GPU: the
    /// built-in default is kept, for the reason given ("\"My GPU\" is not in the catalog").
    Missing(String),
    /// Set by the user: a preset, `--set` or the dashboard. It stays whatever the GPU.
    Set,
}

/// A catalog figure and where the catalog has it from.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited {
    /// The catalog entry: `L4@purchase`, `L4 board power`.
    pub entry: String,
    pub source: String,
    pub as_of: String,
    /// The catalog marks the figure as an estimate.
    pub estimate: bool,
}

impl Origin {
    /// True unless the user set the figure: it follows the scenario's GPU.
    pub fn follows(&self) -> bool {
        *self != Origin::Set
    }

    /// The dashboard's short tag: `catalog`, `set`, `default`.
    pub fn tag(&self) -> &'static str {
        match self {
            Origin::Catalog(_) => "catalog",
            Origin::Set => "set",
            Origin::Default | Origin::Missing(_) => "default",
        }
    }

    /// For the reports: `catalog: L4@purchase, an estimate; <source>, 2024-06`, `set`,
    /// `default: "My GPU" is not in the catalog`.
    pub fn describe(&self) -> String {
        match self {
            Origin::Catalog(c) => {
                let estimate = if c.estimate { ", an estimate" } else { "" };
                format!("catalog: {}{estimate}; {}, {}", c.entry, c.source, c.as_of)
            }
            Origin::Set => "set".into(),
            Origin::Default => "default".into(),
            Origin::Missing(why) => format!("default: {why}"),
        }
    }
}

/// "purchase 30,000 /GPU (catalog: …)" and "power 700 W/GPU (set)": one line each for the
/// reports.
pub fn lines(sc: &Scenario) -> [String; 2] {
    let o = &sc.owned;
    [
        format!(
            "GPU purchase price {}/GPU ({})",
            money(o.gpu_purchase_price, &sc.currency),
            o.purchase_from.describe()
        ),
        format!(
            "power {} W/GPU ({}){}",
            grouped(o.power_per_gpu_watts, 0),
            o.power_from.describe(),
            if o.server_power_watts > 0.0 {
                format!(
                    " and {} W a server beyond its GPUs",
                    grouped(o.server_power_watts, 0)
                )
            } else {
                String::new()
            }
        ),
    ]
}

/// What the user should know when the owned fleet is shown and a figure that should follow
/// the GPU could not: for the report's warnings, the JSON `warnings` and the dashboard.
pub fn warnings(sc: &Scenario) -> Vec<String> {
    let o = &sc.owned;
    if !o.enabled {
        return Vec::new();
    }
    let d = Owned::default();
    let mut out = Vec::new();
    if let Origin::Missing(why) = &o.purchase_from {
        out.push(format!(
            "owned.gpu_purchase_price: {why}, so the owned fleet keeps the default {}/GPU (an H100 SXM's); set owned.gpu_purchase_price for your GPU",
            money(d.gpu_purchase_price, &sc.currency)
        ));
    }
    if let Origin::Missing(why) = &o.power_from {
        out.push(format!(
            "owned.power_per_gpu_watts: {why}, so the owned fleet keeps the default {} W/GPU (an H100 SXM's); set owned.power_per_gpu_watts for your GPU",
            grouped(d.power_per_gpu_watts, 0)
        ));
    }
    out
}

/// When a change of GPU moved the followed figures of an enabled owned fleet: a note saying
/// so, for the dashboard's status line.
pub fn moved(before: &Owned, after: &Owned, currency: &str) -> Option<String> {
    let changed = before.gpu_purchase_price != after.gpu_purchase_price
        || before.power_per_gpu_watts != after.power_per_gpu_watts;
    (after.enabled && changed).then(|| {
        format!(
            "owned fleet: {}/GPU to buy ({}), {} W/GPU ({})",
            money(after.gpu_purchase_price, currency),
            after.purchase_from.tag(),
            grouped(after.power_per_gpu_watts, 0),
            after.power_from.tag()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_missing_figure_of_an_enabled_fleet_warns() {
        let mut sc = Scenario::default();
        sc.owned.purchase_from = Origin::Missing("\"My GPU\" is not in the catalog".into());
        assert!(warnings(&sc).is_empty(), "owned fleet off");
        sc.owned.enabled = true;
        let w = warnings(&sc);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("\"My GPU\" is not in the catalog")
                && w[0].contains("$30,000.00/GPU")
                && w[0].contains("set owned.gpu_purchase_price"),
            "{w:?}"
        );
        sc.owned.power_from = Origin::Missing("x".into());
        assert!(warnings(&sc)[1].contains("700 W/GPU"));
    }

    #[test]
    fn each_origin_says_where_the_figure_came_from() {
        let cited = Origin::Catalog(Cited {
            entry: "L4@purchase".into(),
            source: "s".into(),
            as_of: "2024-06".into(),
            estimate: true,
        });
        assert_eq!(
            cited.describe(),
            "catalog: L4@purchase, an estimate; s, 2024-06"
        );
        assert_eq!(Origin::Set.describe(), "set");
        assert!(!Origin::Set.follows() && cited.follows() && Origin::Default.follows());
        let mut sc = Scenario::default();
        sc.owned.power_from = Origin::Set;
        assert_eq!(
            lines(&sc),
            [
                "GPU purchase price $30,000.00/GPU (default)".to_string(),
                "power 700 W/GPU (set)".to_string()
            ]
        );
    }
}
