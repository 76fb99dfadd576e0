//! The owned fleet's figures that follow the scenario's GPU (docs/MODEL.md §6.9): unless the
//! user set them, `owned.gpu_purchase_price` is the catalog's purchase price of
//! `self_host.gpu` and `owned.power_per_gpu_watts` its board power. A GPU the catalog does not
//! know (or cannot sell) keeps the built-in default, and the origin says why.
//!
//! Run after every change of the scenario (the command line once it has applied the preset,
//! the picks and `--set`; the dashboard on every change), so that picking a GPU moves them.

use super::entries::Catalog;
use super::offerings::Market;
use crate::model::owned_inputs::{Cited, Origin};
use crate::model::scenario::Owned;
use crate::model::Scenario;

/// Fill the figures the user did not set from the catalog entry of `sc.self_host.gpu`.
pub fn follow(sc: &mut Scenario, catalog: &Catalog) {
    let defaults = Owned::default();
    let gpu = catalog.gpu(&sc.self_host.gpu);
    let unknown = || format!("{:?} is not in the catalog", sc.self_host.gpu);
    let (purchase, purchase_from) = match &gpu {
        Err(_) => (defaults.gpu_purchase_price, Origin::Missing(unknown())),
        Ok(g) => {
            let bought = catalog
                .offerings_of(g)
                .into_iter()
                .find(|o| o.market == Market::Purchase && o.purchase_per_gpu.is_some());
            match bought {
                Some(o) => (
                    o.purchase_per_gpu.unwrap_or(defaults.gpu_purchase_price),
                    Origin::Catalog(Cited {
                        entry: o.label(),
                        source: o.source.clone(),
                        as_of: o.as_of.clone(),
                        estimate: o.estimate,
                    }),
                ),
                None => (
                    defaults.gpu_purchase_price,
                    Origin::Missing(format!(
                        "the catalog has no purchase price for the {}",
                        g.name
                    )),
                ),
            }
        }
    };
    let (power, power_from) = match &gpu {
        Err(_) => (defaults.power_per_gpu_watts, Origin::Missing(unknown())),
        Ok(g) => match g.tdp_watts {
            Some(w) => (
                w,
                Origin::Catalog(Cited {
                    entry: format!("{} board power", g.name),
                    source: g.spec_source.clone(),
                    as_of: g.spec_as_of.clone(),
                    estimate: g.spec_estimate,
                }),
            ),
            None => (
                defaults.power_per_gpu_watts,
                Origin::Missing(format!("the catalog has no board power for the {}", g.name)),
            ),
        },
    };
    let o = &mut sc.owned;
    if o.purchase_from.follows() {
        o.gpu_purchase_price = purchase;
        o.purchase_from = purchase_from;
    }
    if o.power_from.follows() {
        o.power_per_gpu_watts = power;
        o.power_from = power_from;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fields::{field, Value};

    fn followed(gpu: &str) -> Owned {
        let mut sc = Scenario::default();
        sc.self_host.gpu = gpu.into();
        follow(&mut sc, &crate::catalog::shipped());
        sc.owned
    }

    #[test]
    fn the_default_gpu_follows_to_the_same_figures() {
        let o = followed(&Scenario::default().self_host.gpu);
        let d = Owned::default();
        assert_eq!(
            (o.gpu_purchase_price, o.power_per_gpu_watts),
            (d.gpu_purchase_price, d.power_per_gpu_watts)
        );
        let Origin::Catalog(c) = &o.purchase_from else {
            panic!("{:?}", o.purchase_from)
        };
        assert_eq!(c.entry, "H100 SXM@purchase");
        assert!(c.estimate && c.source.contains("huggingface.co/hardware/h100"));
        assert_eq!(c.as_of, "2024-06");
        let Origin::Catalog(c) = &o.power_from else {
            panic!("{:?}", o.power_from)
        };
        assert_eq!(c.entry, "H100 SXM board power");
        assert_eq!(c.as_of, "2023-01");
    }

    #[test]
    fn another_gpu_brings_its_purchase_price_and_power() {
        let o = followed("L4");
        assert_eq!(
            (o.gpu_purchase_price, o.power_per_gpu_watts),
            (2_500.0, 72.0)
        );
        let o = followed("a100 80gb pcie");
        assert_eq!(
            (o.gpu_purchase_price, o.power_per_gpu_watts),
            (12_000.0, 300.0)
        );
    }

    #[test]
    fn what_the_user_set_stays_whatever_the_gpu() {
        let mut sc = Scenario::default();
        field("owned.gpu_purchase_price")
            .unwrap()
            .set(&mut sc, Value::Number(20_000.0));
        sc.self_host.gpu = "L4".into();
        follow(&mut sc, &crate::catalog::shipped());
        assert_eq!(sc.owned.gpu_purchase_price, 20_000.0);
        assert_eq!(sc.owned.purchase_from, Origin::Set);
        assert_eq!(sc.owned.power_per_gpu_watts, 72.0, "power still follows");
    }

    #[test]
    fn an_unknown_gpu_or_one_not_for_sale_keeps_the_defaults_and_says_why() {
        let d = Owned::default();
        let o = followed("My Custom GPU");
        assert_eq!(
            (o.gpu_purchase_price, o.power_per_gpu_watts),
            (d.gpu_purchase_price, d.power_per_gpu_watts)
        );
        assert_eq!(
            o.purchase_from,
            Origin::Missing("\"My Custom GPU\" is not in the catalog".into())
        );
        assert_eq!(o.power_from, o.purchase_from);
        // The A10G is rented on AWS only: power from the catalog, the default purchase price.
        let o = followed("A10G");
        assert_eq!(
            (o.gpu_purchase_price, o.power_per_gpu_watts),
            (d.gpu_purchase_price, 150.0)
        );
        assert_eq!(
            o.purchase_from,
            Origin::Missing("the catalog has no purchase price for the A10G".into())
        );
    }

    #[test]
    fn following_again_after_a_change_of_gpu_moves_back() {
        let catalog = crate::catalog::shipped();
        let mut sc = Scenario::default();
        sc.self_host.gpu = "L4".into();
        follow(&mut sc, &catalog);
        sc.self_host.gpu = "H100 SXM".into();
        follow(&mut sc, &catalog);
        assert_eq!(sc.owned.gpu_purchase_price, 30_000.0);
        assert_eq!(sc.owned.power_per_gpu_watts, 700.0);
    }
}
