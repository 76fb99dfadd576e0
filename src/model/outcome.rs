//! Everything the model says about a scenario at its current volume, in one struct.

use super::allowed::{Allowed, Rules};
use super::breakeven::{
    breakeven_requests_per_day, crossings, hybrid_breakeven_requests_per_day, payback_months,
};
use super::cost::{ApiCost, HybridCost, Rates, SelfHostCost};
use super::owned_cost::{buy_beats_rent_after_months, OwnedCost, OwnedRates};
use super::recommend::{cheapest, recommend, Choice, DailyCosts, Recommendation};
use super::scenario::{Scenario, DAYS_PER_MONTH};
use super::serving::Serving;

/// The model's answer at `requests_per_day` (docs/MODEL.md §2–§4).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub requests_per_day: f64,
    pub rates: Rates,
    pub api: ApiCost,
    pub self_host: SelfHostCost,
    pub hybrid: HybridCost,
    pub cheapest: Choice,
    pub breakeven_requests_per_day: Option<f64>,
    /// Inside the chart's volume range.
    pub crossings: Vec<f64>,
    pub payback_months: Option<f64>,
    pub recommendation: Recommendation,
    /// Which options the constraints allow at this volume, and why the others are excluded.
    pub allowed: Allowed,
    /// The allowed option with the lowest daily cost at this volume; `None` when no option
    /// can serve the requests.
    pub cheapest_allowed: Option<Choice>,
    /// Which options can serve the requests at all, and why not (docs/MODEL.md §6.4).
    pub serving: Serving,
    /// The recommended option's own break-even against the API: the hybrid's when the
    /// hybrid is recommended, else the contract's self-hosting break-even, `None` when
    /// self-hosting cannot serve (the charts never mark an option that cannot).
    pub recommended_breakeven_requests_per_day: Option<f64>,
    /// The recommended option's payback: the hybrid's when it is recommended, else
    /// self-hosting's (the contract's `payback_months`); `None` when nothing is recommended
    /// or it saves nothing.
    pub recommended_payback_months: Option<f64>,
    /// Whether the owned fleet is offered (`owned.enabled`).
    pub owned_enabled: bool,
    pub owned_rates: OwnedRates,
    /// The owned fleet's cost (computed whether offered or not; shown only when offered).
    pub owned: OwnedCost,
    /// Cheapest of every option offered, the owned fleet included (ties: api, hybrid,
    /// self_host, owned). Equal to `cheapest` when owning is not offered.
    pub cheapest_overall: Choice,
    /// Months of ownership after which buying beats renting at this volume.
    pub buy_beats_rent_after_months: Option<f64>,
}

impl Outcome {
    /// Evaluate a scenario at its own `workload.requests_per_day`.
    pub fn evaluate(sc: &Scenario) -> Outcome {
        let rates = Rates::new(sc);
        let v = sc.workload.requests_per_day;
        let api = rates.api(v);
        let self_host = rates.self_host(v);
        let hybrid = rates.hybrid(v);
        let owned_rates = OwnedRates::new(sc, &rates);
        let owned = owned_rates.cost(&rates, v);
        let owned_enabled = sc.owned.enabled;
        let costs = DailyCosts {
            api: api.usd_per_day,
            hybrid: hybrid.usd_per_day,
            self_host: self_host.usd_per_day,
            owned: owned_enabled.then_some(owned.usd_per_day),
        };
        let three = [
            (Choice::Api, costs.api),
            (Choice::Hybrid, costs.hybrid),
            (Choice::SelfHost, costs.self_host),
        ];
        let cheapest_three = cheapest(&three);
        let cheapest_overall = match costs.owned {
            Some(o) => cheapest(&[three[0], three[1], three[2], (Choice::Owned, o)]),
            None => cheapest_three,
        };
        let breakeven = breakeven_requests_per_day(&rates);
        let serving = Serving::of(sc);
        let rules = Rules::with_serving(sc, &serving);
        let recommendation = recommend(sc, &rates, &costs, breakeven, &rules);
        let recommended_breakeven = match recommendation.choice {
            Some(Choice::Hybrid) => hybrid_breakeven_requests_per_day(&rates),
            // An option that cannot serve is never marked (docs/MODEL.md §6.4): no break-even
            // of self-hosting's when it cannot serve, whatever is recommended.
            _ if serving.local.is_some() => None,
            // The owned fleet's own break-even against the API is not computed; the
            // contract's (rented self-hosting's, the same replicas) is given.
            _ => breakeven,
        };
        let payback = payback_months(&rates, costs.api, costs.self_host);
        let recommended_payback_months = match recommendation.choice {
            None => None,
            Some(Choice::Hybrid) => payback_months(&rates, costs.api, costs.hybrid),
            Some(_) => payback,
        };
        Outcome {
            requests_per_day: v,
            rates,
            api,
            self_host,
            hybrid,
            cheapest: cheapest_three,
            breakeven_requests_per_day: breakeven,
            crossings: crossings(
                &rates,
                sc.chart.min_requests_per_day,
                sc.chart.max_requests_per_day,
            ),
            payback_months: payback,
            recommended_payback_months,
            recommendation,
            allowed: Allowed::with_rules(sc, &rules, &rates, v),
            serving,
            cheapest_allowed: rules.cheapest_allowed_of(
                &rates,
                v,
                costs.api,
                costs.hybrid,
                costs.self_host,
            ),
            recommended_breakeven_requests_per_day: recommended_breakeven,
            owned_enabled,
            owned_rates,
            owned,
            cheapest_overall,
            buy_beats_rent_after_months: buy_beats_rent_after_months(&self_host, &owned),
        }
    }

    /// Whose break-even against the API the charts mark: the hybrid's when it is recommended,
    /// else self-hosting's (the contract's break-even; also when the API or the owned fleet
    /// is recommended).
    pub fn breakeven_option(&self) -> Choice {
        match self.recommendation.choice {
            Some(Choice::Hybrid) => Choice::Hybrid,
            _ => Choice::SelfHost,
        }
    }

    /// The charts' label for the break-even marker, naming its option: "hybrid break-even"
    /// or "self-host break-even".
    pub fn breakeven_marker(&self) -> &'static str {
        match self.breakeven_option() {
            Choice::Hybrid => "hybrid break-even",
            _ => "self-host break-even",
        }
    }

    /// What the break-even shown first is called: the recommended option's against the API
    /// ("Hybrid break-even" when the hybrid is recommended, else "Break-even").
    pub fn breakeven_name(&self) -> &'static str {
        match self.recommendation.choice {
            Some(Choice::Hybrid) => "Hybrid break-even",
            _ => "Break-even",
        }
    }

    /// The option the views weigh against the API (the timeline's switch, the Monte Carlo's
    /// chance, the tornado's gap): the recommendation when it is not the API, else the allowed
    /// option that runs a model (self-hosting first), else self-hosting.
    pub fn challenger(&self) -> Choice {
        challenger(self.recommendation.choice, &self.allowed)
    }

    /// Whether the challenger may be taken: allowed, so it can serve the requests. A view that
    /// weighs it against the API says so when it may not.
    pub fn challenger_allowed(&self) -> bool {
        self.allowed.is_allowed(self.challenger())
    }

    /// The crossings the charts mark (dots, strip labels, the dashboard's note): the
    /// contract's `crossings`, but none when the API or self-hosting cannot serve the requests,
    /// since each crossing is where one of the two becomes the cheaper (docs/MODEL.md §6.4).
    pub fn marked_crossings(&self) -> &[f64] {
        let unserved = [Choice::Api, Choice::SelfHost]
            .into_iter()
            .any(|c| self.allowed.unserved(c).is_some());
        if unserved {
            &[]
        } else {
            &self.crossings
        }
    }

    /// Daily cost of one option.
    pub fn usd_per_day(&self, c: Choice) -> f64 {
        match c {
            Choice::Api => self.api.usd_per_day,
            Choice::Hybrid => self.hybrid.usd_per_day,
            Choice::SelfHost => self.self_host.usd_per_day,
            Choice::Owned => self.owned.usd_per_day,
        }
    }

    /// The options offered, in the report's order: API, self-host, hybrid, then the owned
    /// fleet when `owned.enabled`.
    pub fn options(&self) -> Vec<Choice> {
        let mut out = vec![Choice::Api, Choice::SelfHost, Choice::Hybrid];
        if self.owned_enabled {
            out.push(Choice::Owned);
        }
        out
    }

    /// Cost per 1k requests of one option; `None` at zero volume.
    pub fn usd_per_1k(&self, c: Choice) -> Option<f64> {
        per_1k_requests(self.usd_per_day(c), self.requests_per_day)
    }
}

/// Monthly from daily: `× D`.
pub fn per_month(usd_per_day: f64) -> f64 {
    usd_per_day * DAYS_PER_MONTH
}

/// Per 1k requests from daily: `÷ V × 1000`, `None` when V = 0.
pub fn per_1k_requests(usd_per_day: f64, requests_per_day: f64) -> Option<f64> {
    if requests_per_day > 0.0 {
        Some(usd_per_day / requests_per_day * 1000.0)
    } else {
        None
    }
}

/// [`Outcome::challenger`] from the recommendation and the verdicts. With no option
/// recommended (none can serve), the first of self-hosting and the hybrid, as with the API.
pub fn challenger(recommended: Option<Choice>, allowed: &Allowed) -> Choice {
    let recommended = recommended.unwrap_or(Choice::Api);
    if recommended == Choice::Owned {
        // The views that weigh one option against the API follow the owned fleet on rented
        // self-hosting's curve (the same replicas; docs/MODEL.md §6.9).
        return Choice::SelfHost;
    }
    if recommended != Choice::Api {
        return recommended;
    }
    [Choice::SelfHost, Choice::Hybrid]
        .into_iter()
        .find(|&c| allowed.is_allowed(c))
        .unwrap_or(Choice::SelfHost)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::allowed::Exclusion;
    use crate::model::worked_example::near;

    /// The defaults at 10,000 requests/day (docs/MODEL.md §2): the API 100.00 a day, that is
    /// 10.00 per 1k requests and 3,043.75 a month; self-hosting 153.61, the hybrid 183.61.
    #[test]
    fn costs_per_day_per_1k_and_per_month_by_hand() {
        let o = Outcome::evaluate(&Scenario::default());
        near(o.usd_per_day(Choice::Api), 100.0);
        near(o.usd_per_day(Choice::SelfHost), o.self_host.usd_per_day);
        assert!((o.usd_per_day(Choice::SelfHost) - 153.611).abs() < 1e-3);
        near(o.usd_per_day(Choice::Hybrid), o.hybrid.usd_per_day);
        assert!((o.usd_per_day(Choice::Hybrid) - 183.611).abs() < 1e-3);
        near(o.usd_per_day(Choice::Owned), o.owned.usd_per_day);
        near(o.usd_per_1k(Choice::Api).unwrap(), 10.0);
        near(
            o.usd_per_1k(Choice::SelfHost).unwrap(),
            o.self_host.usd_per_day / 10.0,
        );
        near(per_month(100.0), 3_043.75);
        near(per_month(-2.0), -60.875);
        near(per_1k_requests(5.0, 2_000.0).unwrap(), 2.5);
        assert_eq!(per_1k_requests(5.0, 0.0), None);
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 0.0;
        assert_eq!(Outcome::evaluate(&sc).usd_per_1k(Choice::Api), None);
    }

    /// The break-even the charts mark and the report names first follows the recommendation:
    /// the hybrid's when the hybrid is recommended, else self-hosting's.
    #[test]
    fn the_breakeven_shown_follows_the_recommendation() {
        let mut o = Outcome::evaluate(&Scenario::default());
        assert_eq!(o.recommendation.choice, Some(Choice::Api));
        let shown = |o: &Outcome| {
            (
                o.breakeven_option(),
                o.breakeven_marker(),
                o.breakeven_name(),
            )
        };
        assert_eq!(
            shown(&o),
            (Choice::SelfHost, "self-host break-even", "Break-even")
        );
        o.recommendation.choice = Some(Choice::Hybrid);
        assert_eq!(
            shown(&o),
            (Choice::Hybrid, "hybrid break-even", "Hybrid break-even")
        );
        for c in [Choice::SelfHost, Choice::Owned] {
            o.recommendation.choice = Some(c);
            assert_eq!(
                shown(&o),
                (Choice::SelfHost, "self-host break-even", "Break-even")
            );
        }
    }

    #[test]
    fn options_add_the_owned_fleet_when_offered() {
        let mut sc = Scenario::default();
        let all3 = [Choice::Api, Choice::SelfHost, Choice::Hybrid];
        assert_eq!(Outcome::evaluate(&sc).options(), all3);
        sc.owned.enabled = true;
        let o = Outcome::evaluate(&sc);
        assert_eq!(o.options(), [all3[0], all3[1], all3[2], Choice::Owned]);
    }

    /// The option weighed against the API: the recommendation unless it is the API (the owned
    /// fleet on rented self-hosting's curve), else the first allowed of self-hosting and the
    /// hybrid, else self-hosting.
    #[test]
    fn challenger_of_the_api() {
        let allowed = |self_host: Option<Exclusion>, hybrid: Option<Exclusion>| Allowed {
            options: vec![
                (Choice::Api, None),
                (Choice::Hybrid, hybrid),
                (Choice::SelfHost, self_host),
            ],
        };
        let all = allowed(None, None);
        assert_eq!(challenger(Some(Choice::Hybrid), &all), Choice::Hybrid);
        assert_eq!(challenger(Some(Choice::SelfHost), &all), Choice::SelfHost);
        assert_eq!(challenger(Some(Choice::Owned), &all), Choice::SelfHost);
        assert_eq!(challenger(Some(Choice::Api), &all), Choice::SelfHost);
        let ops = Some(Exclusion::Operations);
        assert_eq!(
            challenger(Some(Choice::Api), &allowed(ops, None)),
            Choice::Hybrid
        );
        assert_eq!(
            challenger(Some(Choice::Api), &allowed(ops, ops)),
            Choice::SelfHost
        );
        assert_eq!(
            challenger(Some(Choice::Hybrid), &allowed(None, ops)),
            Choice::Hybrid
        );
        let mut o = Outcome::evaluate(&Scenario::default());
        o.allowed = allowed(ops, None);
        assert_eq!(o.challenger(), Choice::Hybrid);
    }
}
