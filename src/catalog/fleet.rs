//! The catalog's rentals as the fleet comparison's offerings (docs/MODEL.md §6.10): every GPU
//! with specifications, at its own list price and at each of its rental offerings by market
//! (hyperscaler and specialist on demand, 1-year reserved, spot). Purchases are not rentals:
//! buying is `[owned]` (§6.9).

use super::entries::Catalog;
use super::offerings::Market;
use crate::model::fleet::{Offering, LIST_PRICE};
use crate::model::throughput::library::Library;

/// The offerings to compare: with `market`, only that market's; without, every rental and each
/// GPU's list price. GPUs without specifications in `lib` are left out (nothing to estimate).
pub fn offerings<'a>(
    catalog: &Catalog,
    lib: &'a Library,
    market: Option<Market>,
) -> Vec<Offering<'a>> {
    let mut out = Vec::new();
    for g in &catalog.gpus {
        let Ok(spec) = lib.gpu(&g.name) else { continue };
        if market.is_none() {
            out.push(Offering {
                gpu: &spec.spec,
                name: LIST_PRICE.into(),
                market: LIST_PRICE.into(),
                billing: Default::default(),
                usd_per_gpu_hour: g.on_demand_per_hour,
            });
        }
        for o in catalog.offerings_of(g) {
            let Some(per_hour) = o.per_gpu_hour else {
                continue;
            };
            if market.is_some_and(|m| m != o.market) {
                continue;
            }
            out.push(Offering {
                gpu: &spec.spec,
                name: o.name.clone(),
                market: o.market.id().into(),
                billing: super::pick::offering_of(o.market),
                usd_per_gpu_hour: per_hour,
            });
        }
    }
    out
}

/// The market a `--market` word names; purchases and unknown words are refused with the
/// markets that exist.
pub fn parse_market(word: &str) -> Result<Market, super::refusal::MarketRefused> {
    use super::refusal::MarketRefused;
    let rentals: Vec<String> = Market::ALL
        .iter()
        .filter(|m| **m != Market::Purchase)
        .map(|m| format!("{} ({})", m.short(), m.id()))
        .collect();
    match Market::parse(word) {
        Some(Market::Purchase) => Err(MarketRefused::Purchase { rentals }),
        Some(m) => Ok(m),
        None => Err(MarketRefused::Unknown {
            given: word.to_string(),
            rentals,
        }),
    }
}

/// For people: a market id from [`offerings`] ("1-year reserved", "catalog list price").
pub fn market_label(id: &str) -> &'static str {
    if id == LIST_PRICE {
        return "catalog list price";
    }
    Market::parse(id).map_or("", Market::label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rental_and_each_list_price_and_a_market_alone() {
        let catalog = crate::catalog::shipped();
        let lib = crate::catalog::library();
        let all = offerings(&catalog, lib, None);
        let h100: Vec<&str> = all
            .iter()
            .filter(|o| o.gpu.name == "H100 SXM")
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(
            h100,
            [
                "list",
                "specialist",
                "runpod",
                "lambda",
                "modal",
                "hyperscaler",
                "spot",
                "reserved"
            ]
        );
        let spot = offerings(&catalog, lib, Some(Market::Spot));
        assert!(!spot.is_empty() && spot.iter().all(|o| o.market == "spot"));
        assert!(parse_market("purchase")
            .unwrap_err()
            .to_string()
            .contains("[owned]"));
        let e = parse_market("auction").unwrap_err().to_string();
        assert!(
            e.contains("spot (spot)") && e.contains("reserved (reserved_1y)"),
            "{e}"
        );
        assert_eq!(parse_market("reserved"), Ok(Market::Reserved1y));
        assert_eq!(market_label("list"), "catalog list price");
        assert_eq!(market_label("spot"), "spot (interruptible)");
    }
}
