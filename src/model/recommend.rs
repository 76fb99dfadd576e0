//! The recommendation: the guide's five criteria as ordered rules (docs/MODEL.md §4).

use super::allowed::{Exclusion, Rules};
use super::breakeven::Never;
use super::cost::Rates;
use super::scenario::Scenario;
use super::serving::Unserved;

/// One of the ways to serve the traffic: the three of docs/MODEL.md, and the owned fleet
/// (§6.9) when `owned.enabled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    Api,
    Hybrid,
    SelfHost,
    /// Self-hosting on bought servers.
    Owned,
}

impl Choice {
    /// The three options of docs/MODEL.md, in the tie-break order; [`Choice::Owned`] is
    /// offered only when `owned.enabled`, so callers chain it after these.
    pub const ALL: [Choice; 3] = [Choice::Api, Choice::Hybrid, Choice::SelfHost];

    /// The name used in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            Choice::Api => "api",
            Choice::Hybrid => "hybrid",
            Choice::SelfHost => "self_host",
            Choice::Owned => "owned",
        }
    }

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Choice::Api => "API",
            Choice::Hybrid => "Hybrid",
            Choice::SelfHost => "Self-host",
            Choice::Owned => "Owned",
        }
    }
}

/// The decision and why, as facts ([`crate::wording::reason`] words them).
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    /// The option to take; `None` when no option can serve the requests (docs/MODEL.md §6.4).
    pub choice: Option<Choice>,
    /// Which criterion decided: privacy, operations, time-to-market or cost.
    pub criterion: &'static str,
    pub reasons: Vec<Reason>,
}

/// One reason for the recommendation, with the figures it quotes.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Rule 1: the data must stay in-house, so it cannot go to an API provider.
    Privacy,
    /// Each option's daily cost at the scenario's volume.
    Costs(Costs),
    /// Under rule 1: some requests need frontier quality, which open models may lack.
    FrontierCaution,
    /// Under rule 1: owning the servers is cheaper than renting GPUs.
    OwnedCheaper,
    /// Rule 2: running a model takes `needed` ops hours a month, more than the team's
    /// `capacity`.
    Operations { needed: f64, capacity: f64 },
    /// Rule 3: the setup's hours (at 40 a week) outlast the deadline's weeks.
    Deadline {
        setup_hours: f64,
        deadline_weeks: f64,
    },
    /// After rule 3: revisit self-hosting near the break-even (`None`: never cheaper).
    Revisit { breakeven: Option<f64> },
    /// Rule 4: frontier quality leaves only the API and the hybrid.
    QualityLeavesApiAndHybrid,
    /// Rule 5: self-hosting all the traffic runs `replicas` replicas, which need `needed` ops
    /// hours a month, more than the team's `capacity`.
    SelfHostOpsShort {
        replicas: f64,
        needed: f64,
        capacity: f64,
    },
    /// With rule 5 and frontier quality: the hybrid keeps the hard requests on the API.
    HybridKeepsHardRequests,
    /// The cheapest option considered.
    Cheapest(Choice),
    /// Self-hosting stays cheaper than the API from this many requests a day.
    Breakeven(f64),
    /// Self-hosting never stays cheaper than the API, and why.
    NeverCheaper(Never),
    /// These options cannot serve the requests, for this reason, and are not considered.
    CannotServe { options: Vec<Choice>, why: Unserved },
    /// No option can serve: why, for each of the API, the hybrid and self-hosting (it cannot
    /// serve, or a constraint excludes it).
    NoneCanServe(Vec<(Choice, Exclusion)>),
}

/// The daily costs a reason quotes, at `volume` requests a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Costs {
    pub volume: f64,
    pub costs: DailyCosts,
}

/// The cheapest of the options offered, ties going to the earlier one in the order
/// api, hybrid, self_host (fewer moving parts first).
pub fn cheapest(costs: &[(Choice, f64)]) -> Choice {
    let mut best = costs[0];
    for &(c, x) in &costs[1..] {
        if x < best.1 {
            best = (c, x);
        }
    }
    best.0
}

/// Daily costs at the current volume, as the rules need them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DailyCosts {
    pub api: f64,
    pub hybrid: f64,
    pub self_host: f64,
    /// The owned fleet's, when `owned.enabled`.
    pub owned: Option<f64>,
}

impl DailyCosts {
    /// Daily cost of one option (the owned fleet's when offered, else infinite).
    pub fn of(&self, c: Choice) -> f64 {
        match c {
            Choice::Api => self.api,
            Choice::Hybrid => self.hybrid,
            Choice::SelfHost => self.self_host,
            Choice::Owned => self.owned.unwrap_or(f64::INFINITY),
        }
    }

    /// The cheapest of `options` that `allowed` keeps, `None` when it keeps none.
    fn cheapest_of(&self, options: &[Choice], allowed: impl Fn(Choice) -> bool) -> Option<Choice> {
        // On the stack: the flip table asks this thousands of times.
        let mut kept = [(Choice::Api, 0.0); 4];
        let mut n = 0;
        for &c in options.iter().take(kept.len()) {
            if (c != Choice::Owned || self.owned.is_some()) && allowed(c) {
                kept[n] = (c, self.of(c));
                n += 1;
            }
        }
        (n > 0).then(|| cheapest(&kept[..n]))
    }
}

/// Apply docs/MODEL.md §4's rules in order, among the options that can serve the requests
/// (§6.4): when none of those the rules keep can, no option is recommended and the first
/// reason says why.
pub fn recommend(
    sc: &Scenario,
    rates: &Rates,
    costs: &DailyCosts,
    breakeven: Option<f64>,
    rules: &Rules,
) -> Recommendation {
    let mut r = decide(sc, rates, costs, breakeven, rules);
    if r.choice.is_some() {
        // Options that cannot serve are left out whatever they cost: say so after the rule,
        // once for each reason (the same reason in the same figures).
        let mut said: Vec<(Unserved, Vec<Choice>)> = Vec::new();
        for c in [Choice::Api, Choice::SelfHost, Choice::Hybrid] {
            if let Some(u) = rules.unserved(c) {
                match said.iter_mut().find(|(w, _)| w.same_reason(u)) {
                    Some((_, who)) => who.push(c),
                    None => said.push((u, vec![c])),
                }
            }
        }
        for (i, (why, options)) in said.into_iter().enumerate() {
            let at = (1 + i).min(r.reasons.len());
            r.reasons.insert(at, Reason::CannotServe { options, why });
        }
    }
    if r.choice.is_none() {
        let v = sc.workload.requests_per_day;
        let why = [Choice::Api, Choice::Hybrid, Choice::SelfHost]
            .into_iter()
            .filter_map(|c| {
                rules
                    .unserved(c)
                    .map(Exclusion::CannotServe)
                    .or_else(|| rules.constraint(rates, c, v))
                    .map(|e| (c, e))
            })
            .collect();
        r.reasons.insert(0, Reason::NoneCanServe(why));
    }
    r
}

/// Which criterion of docs/MODEL.md §4 decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criterion {
    Privacy,
    Operations,
    TimeToMarket,
    Cost,
}

impl Criterion {
    /// The name in JSON and the reports: "privacy", "operations", "time-to-market", "cost".
    pub fn key(self) -> &'static str {
        match self {
            Criterion::Privacy => "privacy",
            Criterion::Operations => "operations",
            Criterion::TimeToMarket => "time-to-market",
            Criterion::Cost => "cost",
        }
    }
}

/// §4's rules without their sentences: the option taken (`None` when none of those the rules
/// keep can serve) and the criterion that decides. [`recommend`] takes its decision from here
/// and words it; the flip table (docs/MODEL.md §7.4) asks this thousands of times.
pub fn choose(
    sc: &Scenario,
    rates: &Rates,
    costs: &DailyCosts,
    rules: &Rules,
) -> (Option<Choice>, Criterion) {
    let v = sc.workload.requests_per_day;
    let can = |ch: Choice| rules.exclusion(rates, ch, v).is_none();
    if sc.constraints.data_must_stay_in_house {
        let choice = costs.cheapest_of(&[Choice::SelfHost, Choice::Owned], can);
        return (choice, Criterion::Privacy);
    }
    let api = rules.unserved(Choice::Api).is_none().then_some(Choice::Api);
    match rules.constraint(rates, Choice::Hybrid, v) {
        Some(Exclusion::Operations) => return (api, Criterion::Operations),
        Some(Exclusion::Deadline) => return (api, Criterion::TimeToMarket),
        _ => {}
    }
    let options: &[Choice] = if rules.constraint(rates, Choice::SelfHost, v).is_some() {
        &[Choice::Api, Choice::Hybrid]
    } else {
        // The owned fleet runs the same replicas, so the same rules allow it.
        &[Choice::Api, Choice::Hybrid, Choice::SelfHost, Choice::Owned]
    };
    (costs.cheapest_of(options, can), Criterion::Cost)
}

/// What every rule reads.
struct Case<'a> {
    sc: &'a Scenario,
    rates: &'a Rates,
    costs: &'a DailyCosts,
    breakeven: Option<f64>,
    rules: &'a Rules,
}

impl Case<'_> {
    fn volume(&self) -> f64 {
        self.sc.workload.requests_per_day
    }

    /// Each option's daily cost at the volume.
    fn costs_line(&self) -> Reason {
        Reason::Costs(Costs {
            volume: self.volume(),
            costs: *self.costs,
        })
    }

    /// Where self-hosting stays cheaper than the API, or why it never does.
    fn breakeven_line(&self) -> Reason {
        match self.breakeven {
            Some(b) => Reason::Breakeven(b),
            None => Reason::NeverCheaper(super::breakeven::never(self.rates)),
        }
    }
}

fn decide(
    sc: &Scenario,
    rates: &Rates,
    costs: &DailyCosts,
    breakeven: Option<f64>,
    rules: &Rules,
) -> Recommendation {
    let case = Case {
        sc,
        rates,
        costs,
        breakeven,
        rules,
    };
    // The decision is [`choose`]'s; each rule below only words it.
    let (choice, criterion) = choose(sc, rates, costs, rules);
    match criterion {
        Criterion::Privacy => by_privacy(&case, choice),
        Criterion::Operations => by_operations(&case, choice),
        Criterion::TimeToMarket => by_deadline(&case, choice),
        Criterion::Cost => by_cost(&case, choice),
    }
}

/// Rule 1: the data stays in-house, so self-hosting, rented or owned.
fn by_privacy(case: &Case, choice: Option<Choice>) -> Recommendation {
    let mut reasons = vec![Reason::Privacy, case.costs_line()];
    if case.sc.constraints.needs_frontier_quality {
        reasons.push(Reason::FrontierCaution);
    }
    if choice == Some(Choice::Owned) {
        reasons.push(Reason::OwnedCheaper);
    }
    Recommendation {
        choice,
        criterion: "privacy",
        reasons,
    }
}

/// Rule 2: the team cannot run even the hybrid's replicas, so the API.
fn by_operations(case: &Case, choice: Option<Choice>) -> Recommendation {
    let rates = case.rates;
    let needed = case
        .rules
        .ops_hours_needed(rates.replicas(rates.local_share * case.volume()));
    Recommendation {
        choice,
        criterion: "operations",
        reasons: vec![
            Reason::Operations {
                needed,
                capacity: case.sc.constraints.ops_hours_per_month,
            },
            case.costs_line(),
        ],
    }
}

/// Rule 3: self-hosting cannot be set up before the deadline, so the API.
fn by_deadline(case: &Case, choice: Option<Choice>) -> Recommendation {
    Recommendation {
        choice,
        criterion: "time-to-market",
        reasons: vec![
            Reason::Deadline {
                setup_hours: case.sc.engineering.setup_hours,
                deadline_weeks: case.sc.constraints.launch_deadline_weeks,
            },
            Reason::Revisit {
                breakeven: case.breakeven,
            },
            case.costs_line(),
        ],
    }
}

/// Rules 4 and 5: quality and operations narrow the options, then the cheapest wins.
fn by_cost(case: &Case, choice: Option<Choice>) -> Recommendation {
    let (sc, rates, rules) = (case.sc, case.rates, case.rules);
    let c = &sc.constraints;
    let mut reasons = Vec::new();
    match rules.constraint(rates, Choice::SelfHost, case.volume()) {
        Some(Exclusion::Quality) => reasons.push(Reason::QualityLeavesApiAndHybrid),
        Some(_) => {
            let replicas = rates.replicas(case.volume());
            reasons.push(Reason::SelfHostOpsShort {
                replicas,
                needed: rules.ops_hours_needed(replicas),
                capacity: c.ops_hours_per_month,
            });
            if c.needs_frontier_quality {
                reasons.push(Reason::HybridKeepsHardRequests);
            }
        }
        None => {}
    }
    if let Some(choice) = choice {
        reasons.push(Reason::Cheapest(choice));
    }
    reasons.push(case.costs_line());
    reasons.push(case.breakeven_line());
    Recommendation {
        choice,
        criterion: "cost",
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Outcome;

    fn words(r: &Recommendation) -> Vec<String> {
        crate::wording::reasons(&r.reasons, "USD")
    }

    /// Privacy keeps the data in-house: the owned fleet when it is strictly cheaper than
    /// renting, and only then the reason that says owning is cheaper.
    #[test]
    fn privacy_names_owned_servers_only_when_they_win() {
        let mut sc = Scenario::default();
        sc.constraints.data_must_stay_in_house = true;
        let r = Rates::new(&sc);
        let owning = "Owning the servers is cheaper";
        let owned = DailyCosts {
            api: 100.0,
            hybrid: 120.0,
            self_host: 150.0,
            owned: Some(90.0),
        };
        let rec = recommend(&sc, &r, &owned, None, &Rules::new(&sc));
        assert_eq!(
            (rec.choice, rec.criterion),
            (Some(Choice::Owned), "privacy")
        );
        assert!(
            words(&rec).iter().any(|x| x.starts_with(owning)),
            "{:?}",
            rec.reasons
        );
        let rented = DailyCosts {
            owned: Some(200.0),
            ..owned
        };
        let rec = recommend(&sc, &r, &rented, None, &Rules::new(&sc));
        assert_eq!(rec.choice, Some(Choice::SelfHost));
        assert!(
            !words(&rec).iter().any(|x| x.starts_with(owning)),
            "{:?}",
            rec.reasons
        );
    }

    #[test]
    fn keys_and_labels_are_the_documented_ones() {
        let all = [Choice::Api, Choice::Hybrid, Choice::SelfHost];
        assert_eq!(all.map(Choice::key), ["api", "hybrid", "self_host"]);
        assert_eq!(all.map(Choice::label), ["API", "Hybrid", "Self-host"]);
    }

    #[test]
    fn ties_go_to_fewer_moving_parts() {
        let tied = [
            (Choice::Api, 1.0),
            (Choice::Hybrid, 1.0),
            (Choice::SelfHost, 1.0),
        ];
        assert_eq!(cheapest(&tied), Choice::Api);
        let tied = [
            (Choice::Api, 2.0),
            (Choice::Hybrid, 1.0),
            (Choice::SelfHost, 1.0),
        ];
        assert_eq!(cheapest(&tied), Choice::Hybrid);
    }

    #[test]
    fn a_deadline_reason_gives_the_setup_weeks() {
        let mut sc = Scenario::default();
        sc.engineering.setup_hours = 100.0;
        sc.constraints.launch_deadline_weeks = 1.0;
        let r = Outcome::evaluate(&sc).recommendation;
        assert_eq!(
            (r.choice, r.criterion),
            (Some(Choice::Api), "time-to-market")
        );
        assert!(
            words(&r)[0].contains("about 2.5 weeks (100 h at 40 h/week)"),
            "{:?}",
            r.reasons
        );
    }

    #[test]
    fn an_operations_reason_counts_the_hybrids_replicas() {
        // At 1M requests/day the hybrid runs 7 replicas (0.7 of the traffic): 20 h of
        // maintenance plus 5 h for each of 6 more replicas is 50 h, over the 10 h available.
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 1e6;
        sc.engineering.ops_hours_per_replica_month = 5.0;
        sc.constraints.ops_hours_per_month = 10.0;
        let r = Outcome::evaluate(&sc).recommendation;
        assert_eq!((r.choice, r.criterion), (Some(Choice::Api), "operations"));
        assert!(words(&r)[0].contains("takes 50 h/month"), "{:?}", r.reasons);
    }
}
