//! The dates of the prices a scenario uses. A scenario carries one `prices_as_of`, the
//! preset's; a pick from the catalog (`--api`, `m`, ...) brings prices of its own date. A price
//! that is exactly a catalog entry's (same name, same figures) is dated by that entry; any
//! other by the preset.

use super::Catalog;
use crate::model::Scenario;

/// When the API's and the GPU's prices were read (`YYYY-MM` or `YYYY-MM-DD`; empty: undated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceDates {
    pub api: String,
    pub gpu: String,
}

impl PriceDates {
    pub fn of(sc: &Scenario, catalog: &Catalog) -> PriceDates {
        let api = catalog
            .api
            .iter()
            .find(|m| {
                m.name == sc.api.model
                    && m.input_per_mtok == sc.api.input_per_mtok
                    && m.output_per_mtok == sc.api.output_per_mtok
            })
            .map(|m| m.as_of.clone());
        // A GPU price is the catalog's when it is one of that GPU's offerings (the one picked
        // first), or its own on-demand or low price.
        let gpu = catalog
            .gpus
            .iter()
            .find(|g| g.name == sc.self_host.gpu)
            .and_then(|g| {
                let mut offerings = catalog.offerings_of(g);
                offerings.sort_by_key(|o| o.name != sc.catalog.gpu_offering);
                offerings
                    .into_iter()
                    .find(|o| o.per_gpu_hour == Some(sc.self_host.gpu_per_hour))
                    .map(|o| o.as_of.clone())
                    .or_else(|| {
                        (g.on_demand_per_hour == sc.self_host.gpu_per_hour
                            || g.low_per_hour == sc.self_host.gpu_per_hour)
                            .then(|| g.as_of.clone())
                    })
            });
        let preset = || sc.prices_as_of.clone();
        PriceDates {
            api: api.unwrap_or_else(preset),
            gpu: gpu.unwrap_or_else(preset),
        }
    }

    /// The older of the two (undated counts as oldest): what a staleness warning is about.
    pub fn oldest(&self) -> &str {
        if self.api <= self.gpu {
            &self.api
        } else {
            &self.gpu
        }
    }

    /// `prices as of 2025-06`, or `API prices 2025-10 · GPU prices 2025-06` when they differ.
    pub fn describe(&self) -> String {
        let d = |s: &str| {
            if s.is_empty() {
                "undated".to_string()
            } else {
                s.to_string()
            }
        };
        match (self.api == self.gpu, self.api.is_empty()) {
            (true, true) => "prices undated".into(),
            (true, false) => format!("prices as of {}", self.api),
            _ => format!("API prices {} · GPU prices {}", d(&self.api), d(&self.gpu)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::pick::apply_names;

    #[test]
    fn a_pick_brings_its_own_date() {
        let c = crate::catalog::shipped();
        let mut sc = Scenario {
            prices_as_of: "2024-01".into(),
            ..Scenario::default()
        };
        sc.api.model = "in-house price sheet".into();
        sc.self_host.gpu = "in-house GPU".into();
        assert_eq!(PriceDates::of(&sc, &c).describe(), "prices as of 2024-01");
        apply_names(&mut sc, &c, Some("Claude Haiku 4.5"), None, None).unwrap();
        let haiku = c.api_model("Claude Haiku 4.5").unwrap().as_of.clone();
        let dates = PriceDates::of(&sc, &c);
        assert_eq!(dates.api, haiku);
        assert_eq!(dates.gpu, "2024-01");
        assert_eq!(dates.oldest(), "2024-01");
        assert_eq!(
            dates.describe(),
            format!("API prices {haiku} · GPU prices 2024-01")
        );
        // An edited price is no longer the catalog's: back to the preset's date.
        sc.api.input_per_mtok += 0.01;
        assert_eq!(PriceDates::of(&sc, &c).api, "2024-01");
    }
}
