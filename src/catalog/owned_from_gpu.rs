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

/// docs/MODEL.md §6.9's L4 fleet, as a user writes it: the GPU named, nothing set under
/// `[owned]` but `enabled`.
#[cfg(test)]
const L4_FLEET: &str = "[workload]\nrequests_per_day = 200000\n\
    [self_host]\ngpu = \"L4\"\ngpu_per_hour = 0.49\nprefill_tokens_per_second = 4000\n\
    decode_tokens_per_second = 500\nfixed_per_month = 304.375\n\
    [owned]\nenabled = true\n";

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
        assert!(c.estimate && c.source.contains("aiinframap.com"));
        assert_eq!(c.as_of, "2026-06");
        let Origin::Catalog(c) = &o.power_from else {
            panic!("{:?}", o.power_from)
        };
        assert_eq!(c.entry, "H100 SXM board power");
        assert_eq!(c.as_of, "2023-01");
    }

    /// Every shipped preset runs on an H100 SXM, whose catalog figures are the old fixed
    /// defaults: following changes none of their numbers.
    #[test]
    fn every_shipped_preset_keeps_its_owned_figures() {
        let catalog = crate::catalog::shipped();
        for (name, text) in crate::preset::library::SHIPPED {
            let sc = crate::preset::parse::parse_scenario(text, name).expect("shipped preset");
            let mut followed = sc.clone();
            follow(&mut followed, &catalog);
            assert_eq!(
                (
                    followed.owned.gpu_purchase_price,
                    followed.owned.power_per_gpu_watts
                ),
                (sc.owned.gpu_purchase_price, sc.owned.power_per_gpu_watts),
                "{name}"
            );
            assert!(
                matches!(followed.owned.purchase_from, Origin::Catalog(_)),
                "{name}: {:?}",
                followed.owned.purchase_from
            );
        }
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

    /// docs/MODEL.md §6.9's second worked example: an owned fleet of L4s, every figure by hand.
    #[test]
    fn l4_owned_fleet_by_hand() {
        let mut sc =
            crate::preset::parse::parse_scenario(L4_FLEET, "§6.9").expect("the example parses");
        follow(&mut sc, &crate::catalog::shipped());
        assert_eq!(sc.owned.gpu_purchase_price, 2_500.0);
        assert_eq!(sc.owned.power_per_gpu_watts, 72.0);
        let o = crate::model::Outcome::evaluate(&sc);
        let d = crate::model::scenario::DAYS_PER_MONTH;
        let close = |x: f64, want: f64| assert!((x - want).abs() < 1e-9, "{x} vs {want}");
        // s = 2000/4000 + 500/500 = 1.5 s; demand = 200,000 · 1.5 · 2 / 86,400 = 6.94;
        // R = ⌈6.94 / 0.7⌉ = 10 replicas; 8 per server: 2 servers, 16 GPUs.
        assert_eq!(o.self_host.replicas, 10.0);
        let w = &o.owned;
        assert_eq!((w.servers, w.gpus, w.replicas), (2.0, 16.0, 16.0));
        let per_server = 8.0 * 2_500.0 * 1.25;
        close(w.depreciation_usd_per_day, 2.0 * per_server / 36.0 / d);
        close(w.power_usd_per_day, 2.0 * 8.0 * 0.072 * 1.4 * 24.0 * 0.12);
        close(w.colocation_usd_per_day, 2.0 * 1_500.0 / d);
        close(w.fixed_usd_per_day, 10.0);
        let eng = 100.0 * (20.0 + 80.0 / 12.0) / d;
        close(w.engineering_usd_per_day, eng);
        close(
            w.usd_per_day,
            2.0 * per_server / 36.0 / d
                + 2.0 * 8.0 * 0.072 * 1.4 * 24.0 * 0.12
                + 2.0 * 1_500.0 / d
                + 10.0
                + eng,
        );
        assert_eq!(format!("{:.2}", w.usd_per_day), "246.45");
        // Rented: 10 · 0.49 · 24 = 117.60 of GPUs, 11.76 + 10 overhead: 226.97.
        assert_eq!(format!("{:.2}", o.self_host.usd_per_day), "226.97");
        let rent = 117.6 * 1.1;
        let run = w.power_usd_per_day + w.colocation_usd_per_day;
        close(
            o.buy_beats_rent_after_months.unwrap(),
            2.0 * per_server / ((rent - run) * d),
        );
        assert_eq!(
            format!("{:.2}", o.buy_beats_rent_after_months.unwrap()),
            "62.81"
        );
    }

    #[test]
    fn the_gpus_alone_follow_as_the_whole_catalog_does() {
        let gpus = crate::catalog::shipped_gpus();
        assert!(gpus.warnings.is_empty(), "{:?}", gpus.warnings);
        assert!(gpus.api.is_empty() && gpus.models.is_empty());
        for name in ["H100 80GB", "L4", "A10G", "RTX 4090", "Unknown"] {
            let mut a = Scenario::default();
            a.self_host.gpu = name.into();
            let mut b = a.clone();
            follow(&mut a, &gpus);
            follow(&mut b, &crate::catalog::shipped());
            assert_eq!(a, b, "{name}");
        }
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
