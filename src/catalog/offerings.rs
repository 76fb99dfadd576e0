//! GPU offerings by market: what one GPU costs on a hyperscaler or a specialist cloud on
//! demand, under a one-year reservation, as interruptible spot capacity, or to buy. Shipped in
//! `assets/catalog/gpu_offerings.toml`; `--gpu "H100 SXM@spot"` and the `g` picker choose
//! among a GPU's offerings, and without `@` the GPU's default offering applies.

use serde::Deserialize;

use super::api_entry::{is_date, MAX_PRICE_PER_MTOK};
use super::refusal::{EntryRefused, NoOffering};

/// Where an offering is bought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Market {
    HyperscalerOnDemand,
    SpecialistOnDemand,
    Reserved1y,
    Reserved3y,
    Spot,
    Purchase,
}

impl Market {
    pub const ALL: [Market; 6] = [
        Market::HyperscalerOnDemand,
        Market::SpecialistOnDemand,
        Market::Reserved1y,
        Market::Reserved3y,
        Market::Spot,
        Market::Purchase,
    ];

    /// The name used in the catalog file.
    pub fn id(self) -> &'static str {
        match self {
            Market::HyperscalerOnDemand => "hyperscaler_on_demand",
            Market::SpecialistOnDemand => "specialist_on_demand",
            Market::Reserved1y => "reserved_1y",
            Market::Reserved3y => "reserved_3y",
            Market::Spot => "spot",
            Market::Purchase => "purchase",
        }
    }

    /// The short word accepted after `@`.
    pub fn short(self) -> &'static str {
        match self {
            Market::HyperscalerOnDemand => "hyperscaler",
            Market::SpecialistOnDemand => "specialist",
            Market::Reserved1y => "reserved",
            Market::Reserved3y => "reserved3y",
            Market::Spot => "spot",
            Market::Purchase => "purchase",
        }
    }

    /// For people: "hyperscaler on demand", "1-year reserved", ….
    pub fn label(self) -> &'static str {
        match self {
            Market::HyperscalerOnDemand => "hyperscaler on demand",
            Market::SpecialistOnDemand => "specialist cloud on demand",
            Market::Reserved1y => "1-year reserved",
            Market::Reserved3y => "3-year reserved",
            Market::Spot => "spot (interruptible)",
            Market::Purchase => "purchase",
        }
    }

    pub fn parse(s: &str) -> Option<Market> {
        let s = s.trim().to_ascii_lowercase();
        Market::ALL
            .into_iter()
            .find(|m| m.id() == s || m.short() == s)
    }
}

/// One way to get a GPU: rent it by the hour in a market, or buy it.
#[derive(Debug, Clone, PartialEq)]
pub struct GpuOffering {
    /// The GPU, as named in the catalog's `[[gpu]]` entries (or one of its aliases).
    pub gpu: String,
    /// Unique for this GPU; what follows `@` in `--gpu`.
    pub name: String,
    pub market: Market,
    /// Who sells it, and the instance ("AWS p5.48xlarge (us-east-1)").
    pub provider: String,
    /// Rent per GPU-hour; `None` for a purchase.
    pub per_gpu_hour: Option<f64>,
    /// Price of one GPU, without the server; only for a purchase.
    pub purchase_per_gpu: Option<f64>,
    /// Spot only: how often a machine is expected to be taken back, per day.
    pub interruptions_per_day: Option<f64>,
    /// Where the offering stands for a market whose sources disagree (the default specialist
    /// offering is their median): the lowest and highest of them, per GPU-hour.
    pub market_low_per_gpu_hour: Option<f64>,
    pub market_high_per_gpu_hour: Option<f64>,
    /// The GPU's offering used when none is named.
    pub default: bool,
    pub billing: String,
    pub source: String,
    pub as_of: String,
    /// `as_of` is a date the source is known to be no earlier than.
    pub as_of_lower_bound: bool,
    pub estimate: bool,
    pub comment: String,
}

impl GpuOffering {
    /// "H100 SXM@spot".
    pub fn label(&self) -> String {
        format!("{}@{}", self.gpu, self.name)
    }

    /// "$2.2036/GPU-h" or "$30,000 per GPU".
    pub fn price_text(&self) -> String {
        match (self.per_gpu_hour, self.purchase_per_gpu) {
            (Some(h), _) => match (self.market_low_per_gpu_hour, self.market_high_per_gpu_hour) {
                (Some(lo), Some(hi)) => format!("${h}/GPU-h (market ${lo}-${hi})"),
                _ => format!("${h}/GPU-h"),
            },
            (None, Some(p)) => format!("${} per GPU to buy", crate::figures::grouped(p, 0)),
            (None, None) => "no price".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOffering {
    gpu: Option<String>,
    name: Option<String>,
    market: Option<String>,
    provider: Option<String>,
    per_gpu_hour: Option<f64>,
    purchase_per_gpu: Option<f64>,
    interruptions_per_day: Option<f64>,
    market_low_per_gpu_hour: Option<f64>,
    market_high_per_gpu_hour: Option<f64>,
    #[serde(default)]
    default: bool,
    billing: Option<String>,
    source: Option<String>,
    as_of: Option<String>,
    #[serde(default)]
    as_of_lower_bound: bool,
    #[serde(default)]
    estimate: bool,
    comment: Option<String>,
}

/// The rule for an offering: a GPU, a name, a known market, the one price its market needs,
/// a source and a date.
pub fn check(raw: RawOffering) -> Result<GpuOffering, EntryRefused> {
    let missing = |what: &str| EntryRefused::Missing(what.into());
    let gpu = raw
        .gpu
        .filter(|g| !g.trim().is_empty())
        .ok_or_else(|| missing("gpu"))?;
    let name = raw
        .name
        .filter(|n| !n.trim().is_empty() && !n.contains('@'))
        .ok_or_else(|| missing("name (or a name with @)"))?;
    let market_text = raw.market.unwrap_or_default();
    let market = Market::parse(&market_text).ok_or_else(|| EntryRefused::UnknownMarket {
        given: market_text.clone(),
        known: Market::ALL.map(Market::id).join(", "),
    })?;
    let money = |what: &'static str, x: Option<f64>| -> Result<Option<f64>, EntryRefused> {
        match x {
            Some(v) if !v.is_finite() || v <= 0.0 || v > MAX_PRICE_PER_MTOK => {
                Err(EntryRefused::NotAGpuPrice { what, value: v })
            }
            other => Ok(other),
        }
    };
    let per_gpu_hour = money("per_gpu_hour", raw.per_gpu_hour)?;
    let purchase_per_gpu = money("purchase_per_gpu", raw.purchase_per_gpu)?;
    match (market, per_gpu_hour, purchase_per_gpu) {
        (Market::Purchase, _, None) => {
            return Err(EntryRefused::Inconsistent(
                "a purchase needs purchase_per_gpu",
            ))
        }
        (Market::Purchase, Some(_), _) => {
            return Err(EntryRefused::Inconsistent(
                "a purchase has purchase_per_gpu, not per_gpu_hour",
            ))
        }
        (m, None, _) if m != Market::Purchase => {
            return Err(EntryRefused::NeedsHourlyPrice(m.id()))
        }
        (m, _, Some(_)) if m != Market::Purchase => {
            return Err(EntryRefused::Inconsistent(
                "only a purchase has purchase_per_gpu",
            ))
        }
        _ => {}
    }
    let interruptions_per_day = interruptions(market, raw.interruptions_per_day)?;
    let low = money("market_low_per_gpu_hour", raw.market_low_per_gpu_hour)?;
    let high = money("market_high_per_gpu_hour", raw.market_high_per_gpu_hour)?;
    match (low, high, per_gpu_hour) {
        (None, None, _) => {}
        (Some(lo), Some(hi), Some(p)) if lo <= p && p <= hi => {}
        _ => {
            return Err(EntryRefused::Inconsistent(
                "market_low_per_gpu_hour and market_high_per_gpu_hour come together, around per_gpu_hour",
            ))
        }
    }
    let source = raw
        .source
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| missing("source"))?;
    let as_of = raw.as_of.unwrap_or_default();
    if !is_date(&as_of) {
        return Err(EntryRefused::NotADate {
            value: as_of,
            or_unknown: false,
        });
    }
    Ok(GpuOffering {
        gpu,
        name,
        market,
        provider: raw.provider.unwrap_or_default(),
        per_gpu_hour,
        purchase_per_gpu,
        interruptions_per_day,
        market_low_per_gpu_hour: low,
        market_high_per_gpu_hour: high,
        default: raw.default,
        billing: raw.billing.unwrap_or_default(),
        source,
        as_of,
        as_of_lower_bound: raw.as_of_lower_bound,
        estimate: raw.estimate,
        comment: raw.comment.unwrap_or_default(),
    })
}

/// A spot offering's interruptions per day: stated, and only by spot offerings.
fn interruptions(market: Market, x: Option<f64>) -> Result<Option<f64>, EntryRefused> {
    Ok(match x {
        Some(x) if !x.is_finite() || x < 0.0 => return Err(EntryRefused::NotARate(x)),
        Some(_) if market != Market::Spot => {
            return Err(EntryRefused::Inconsistent(
                "only a spot offering has interruptions_per_day",
            ))
        }
        None if market == Market::Spot => {
            return Err(EntryRefused::Inconsistent(
                "a spot offering states interruptions_per_day",
            ))
        }
        x => x,
    })
}

/// The offering `choice` names among `offerings` (one GPU's): its exact name, else its market's
/// word (the default among several of that market, else the first), else a word of its
/// provider. Without a choice, the default offering.
pub fn choose<'a>(
    offerings: &[&'a GpuOffering],
    choice: Option<&str>,
) -> Result<&'a GpuOffering, NoOffering> {
    let gpu = offerings.first().map_or("this GPU", |o| o.gpu.as_str());
    let Some(choice) = choice.map(str::trim).filter(|c| !c.is_empty()) else {
        return offerings
            .iter()
            .find(|o| o.default)
            .or(offerings.first())
            .copied()
            .ok_or_else(|| NoOffering::None(gpu.to_string()));
    };
    let lower = choice.to_ascii_lowercase();
    let prefer_default =
        |found: Vec<&'a GpuOffering>| found.iter().find(|o| o.default).or(found.first()).copied();
    if let Some(o) = offerings
        .iter()
        .find(|o| o.name.eq_ignore_ascii_case(choice))
    {
        return Ok(o);
    }
    if let Some(m) = Market::parse(&lower) {
        if let Some(o) = prefer_default(
            offerings
                .iter()
                .copied()
                .filter(|o| o.market == m)
                .collect(),
        ) {
            return Ok(o);
        }
    }
    let by_provider: Vec<&GpuOffering> = offerings
        .iter()
        .copied()
        .filter(|o| {
            o.provider
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == lower)
        })
        .collect();
    if let Some(o) = prefer_default(by_provider) {
        return Ok(o);
    }
    Err(NoOffering::NotOffered {
        gpu: gpu.to_string(),
        choice: choice.to_string(),
        offered: offerings
            .iter()
            .map(|o| format!("{} ({}, {})", o.name, o.market.label(), o.price_text()))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(market: &str) -> RawOffering {
        RawOffering {
            gpu: Some("G".into()),
            name: Some(market.into()),
            market: Some(market.into()),
            provider: Some("Cloud X-1 (r)".into()),
            per_gpu_hour: Some(2.0),
            purchase_per_gpu: None,
            interruptions_per_day: None,
            market_low_per_gpu_hour: None,
            market_high_per_gpu_hour: None,
            default: false,
            billing: None,
            source: Some("s".into()),
            as_of: Some("2026-01".into()),
            as_of_lower_bound: false,
            estimate: false,
            comment: None,
        }
    }

    #[test]
    fn each_market_needs_its_own_price() {
        assert!(check(raw("specialist")).is_ok());
        let mut p = raw("purchase");
        assert!(check(p.clone())
            .unwrap_err()
            .to_string()
            .contains("purchase_per_gpu"));
        p.per_gpu_hour = None;
        p.purchase_per_gpu = Some(30_000.0);
        assert_eq!(check(p).unwrap().market, Market::Purchase);
        let mut s = raw("spot");
        assert!(check(s.clone())
            .unwrap_err()
            .to_string()
            .contains("interruptions_per_day"));
        s.interruptions_per_day = Some(1.0);
        assert!(check(s).is_ok());
        let mut bad = raw("auction");
        assert!(check(bad.clone())
            .unwrap_err()
            .to_string()
            .contains("not one of"));
        bad.market = Some("spot".into());
        bad.interruptions_per_day = Some(f64::NAN);
        assert!(check(bad).is_err());
        let mut neg = raw("reserved_1y");
        neg.per_gpu_hour = Some(-1.0);
        assert!(check(neg).is_err());
    }

    #[test]
    fn choosing_by_name_market_or_provider() {
        let mut a = check(raw("specialist")).unwrap();
        a.default = true;
        let mut b = check(raw("specialist")).unwrap();
        b.name = "specialist-runpod".into();
        b.provider = "RunPod 8x".into();
        let mut s = raw("spot");
        s.interruptions_per_day = Some(1.0);
        let s = check(s).unwrap();
        let all = [&a, &b, &s];
        assert_eq!(choose(&all, None).unwrap().name, "specialist");
        assert_eq!(choose(&all, Some("spot")).unwrap().name, "spot");
        assert_eq!(
            choose(&all, Some("Specialist_On_Demand")).unwrap().name,
            "specialist"
        );
        assert_eq!(
            choose(&all, Some("runpod")).unwrap().name,
            "specialist-runpod"
        );
        let e = choose(&all, Some("reserved")).unwrap_err().to_string();
        assert!(e.contains("G has no offering \"reserved\"; it has: specialist (specialist cloud on demand, $2/GPU-h)"), "{e}");
    }

    /// The median of a list of prices (the mean of the middle two for an even count).
    fn median(mut xs: Vec<f64>) -> f64 {
        xs.sort_by(f64::total_cmp);
        let n = xs.len();
        if n % 2 == 1 {
            xs[n / 2]
        } else {
            (xs[n / 2 - 1] + xs[n / 2]) / 2.0
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn each_gpu_default_is_the_median_of_its_2026_specialist_prices() {
        let c = crate::catalog::shipped_gpus();
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        for g in &c.gpus {
            let offered = c.offerings_of(g);
            let defaults: Vec<_> = offered.iter().filter(|o| o.default).collect();
            assert_eq!(defaults.len(), 1, "{}: one default offering", g.name);
            let d = defaults[0];
            let specialists: Vec<f64> = offered
                .iter()
                .filter(|o| !o.default && o.market == Market::SpecialistOnDemand)
                .inspect(|o| assert!(o.as_of.starts_with("2026"), "{} is not of 2026", o.label()))
                .filter_map(|o| o.per_gpu_hour)
                .collect();
            if specialists.is_empty() {
                assert_ne!(d.market, Market::SpecialistOnDemand, "{}", g.name);
                continue;
            }
            assert_eq!(d.market, Market::SpecialistOnDemand, "{}", g.name);
            let p = d.per_gpu_hour.unwrap();
            assert!(
                close(p, median(specialists.clone())),
                "{}: {p} vs {specialists:?}",
                g.name
            );
            if specialists.len() > 1 {
                let lo = specialists.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = specialists.iter().copied().fold(0.0, f64::max);
                assert_eq!(d.market_low_per_gpu_hour, Some(lo), "{}", g.name);
                assert_eq!(d.market_high_per_gpu_hour, Some(hi), "{}", g.name);
            }
        }
    }

    #[test]
    fn gpus_toml_prices_agree_with_the_offerings() {
        let c = crate::catalog::shipped_gpus();
        for g in &c.gpus {
            let offered = c.offerings_of(g);
            let d = offered.iter().find(|o| o.default).unwrap();
            assert_eq!(
                Some(g.on_demand_per_hour),
                d.per_gpu_hour,
                "{} on demand",
                g.name
            );
            assert_eq!(g.as_of, d.as_of, "{} as_of", g.name);
            let low = offered
                .iter()
                .filter_map(|o| o.per_gpu_hour)
                .fold(f64::INFINITY, f64::min);
            assert_eq!(g.low_per_hour, low, "{} low", g.name);
        }
    }

    #[test]
    fn market_low_and_high_come_together_around_the_price() {
        let mut r = raw("specialist_on_demand");
        r.per_gpu_hour = Some(3.0);
        r.market_low_per_gpu_hour = Some(2.0);
        assert!(check(r.clone())
            .unwrap_err()
            .to_string()
            .contains("come together"));
        r.market_high_per_gpu_hour = Some(2.5);
        assert!(check(r.clone()).is_err());
        r.market_high_per_gpu_hour = Some(4.0);
        let o = check(r).unwrap();
        assert_eq!(o.price_text(), "$3/GPU-h (market $2-$4)");
    }
}
