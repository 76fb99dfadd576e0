//! The options the constraints allow (docs/MODEL.md §6.4): one place that says which options a
//! team may take, and why the others are excluded, so the recommendation, the summary, the
//! chart's shading, the timeline, the Monte Carlo and the tornado all agree.
//!
//! The rules follow §4's order. Privacy keeps only self-hosting; an ops capacity below what an
//! option needs to run, or a setup longer than the deadline, excludes the options that run a
//! model; frontier quality excludes pure self-hosting. The API is excluded by privacy only and
//! self-hosting is then allowed, so at least one option is always allowed.

use super::cost::Rates;
use super::owned_cost::OwnedRates;
use super::recommend::{cheapest, Choice};
use super::scenario::Scenario;
use super::serving::{Serving, Unserved};

/// Why an option is not allowed: it cannot serve the requests, or a constraint excludes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Exclusion {
    /// The option cannot serve the scenario's requests at all (docs/MODEL.md §6.4).
    CannotServe(Unserved),
    /// Data must stay in-house: the option sends requests to an API provider.
    Privacy,
    /// The team's ops hours per month are fewer than running this option takes.
    Operations,
    /// Standing a model up takes longer than the launch deadline.
    Deadline,
    /// Some requests need a frontier API model, which this option never calls.
    Quality,
}

impl Exclusion {
    /// The reason a person reads, starting "excluded: " or "cannot serve: " (worded in
    /// [`crate::wording`]).
    pub fn reason(self) -> String {
        crate::wording::exclusion(self)
    }

    /// The reason without its "excluded: " head ("too few ops hours", "cannot serve: …").
    pub fn why(self) -> String {
        let r = self.reason();
        match r.strip_prefix("excluded: ") {
            Some(w) => w.to_string(),
            None => r,
        }
    }

    /// Whether the option cannot serve the requests (rather than being excluded by a
    /// constraint).
    pub fn cannot_serve(self) -> bool {
        matches!(self, Exclusion::CannotServe(_))
    }
}

/// The constraints of one scenario, gathered once; cheap to ask at any volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    privacy: bool,
    frontier: bool,
    /// Setup is longer than a set deadline.
    late: bool,
    /// Months the setup takes, `setup_hours / 40` weeks of 7 days over D: with a deadline, the
    /// timeline launches on the API and an option that needs the setup is allowed from the
    /// first month that starts after it (docs/MODEL.md §8.2).
    setup_months: f64,
    ops_capacity: f64,
    maintenance: f64,
    /// Upkeep per replica beyond the first, hours per month (docs/MODEL.md §6.7).
    ops_per_extra_replica: f64,
    /// The owned fleet (docs/MODEL.md §6.9), when `owned.enabled`: the cheapest allowed
    /// option may be it.
    owned: Option<OwnedRates>,
    /// Why the API, the hybrid and the self-hosted model (rented or owned) cannot serve the
    /// requests, if they cannot.
    api_unserved: Option<Unserved>,
    hybrid_unserved: Option<Unserved>,
    local_unserved: Option<Unserved>,
}

impl Rules {
    pub fn new(sc: &Scenario) -> Rules {
        Rules::with_serving(sc, &Serving::of(sc))
    }

    /// [`Rules::new`] with the serving verdicts already made.
    pub(crate) fn with_serving(sc: &Scenario, serving: &Serving) -> Rules {
        if sc.owned.enabled {
            Rules::with_rates(sc, serving, &Rates::new(sc))
        } else {
            Rules::without_owned(sc, serving)
        }
    }

    /// [`Rules::with_serving`] with the scenario's rates already made (the owned fleet's
    /// rates follow them).
    pub(crate) fn with_rates(sc: &Scenario, serving: &Serving, rates: &Rates) -> Rules {
        Rules {
            owned: sc.owned.enabled.then(|| OwnedRates::new(sc, rates)),
            ..Rules::without_owned(sc, serving)
        }
    }

    /// The rules without the owned fleet.
    fn without_owned(sc: &Scenario, serving: &Serving) -> Rules {
        let c = &sc.constraints;
        let e = &sc.engineering;
        Rules {
            api_unserved: serving.api,
            hybrid_unserved: serving.hybrid(sc),
            local_unserved: serving.local,
            privacy: c.data_must_stay_in_house,
            frontier: c.needs_frontier_quality,
            late: c.launch_deadline_weeks > 0.0 && e.setup_hours / 40.0 > c.launch_deadline_weeks,
            setup_months: e.setup_hours / 40.0 * 7.0 / super::scenario::DAYS_PER_MONTH,
            ops_capacity: c.ops_hours_per_month,
            maintenance: e.maintenance_hours_per_month,
            ops_per_extra_replica: e.ops_hours_per_replica_month,
            owned: None,
        }
    }

    /// Ops hours per month an option running `replicas` replicas needs.
    pub(crate) fn ops_hours_needed(&self, replicas: f64) -> f64 {
        self.maintenance + self.ops_per_extra_replica * (replicas - 1.0).max(0.0)
    }

    /// Replicas the option runs at `v` (0 for the API).
    fn replicas(r: &Rates, c: Choice, v: f64) -> f64 {
        match c {
            Choice::Api => 0.0,
            // The owned fleet runs the replicas rented self-hosting would.
            Choice::SelfHost | Choice::Owned => r.replicas(v),
            Choice::Hybrid => r.replicas(r.local_share * v),
        }
    }

    /// Why `c` is excluded at volume `v`, or `None` when it is allowed.
    pub fn exclusion(&self, r: &Rates, c: Choice, v: f64) -> Option<Exclusion> {
        self.exclusion_in_month(r, c, v, 1)
    }

    /// The first month an option that needs the setup may run in, given the deadline: 1 with
    /// no deadline exclusion, else the first month starting once the setup is done.
    pub(crate) fn first_month_after_setup(&self) -> u32 {
        if self.late {
            // Months start at 0, 1, 2… months after launch; the first at or after the setup.
            (self.setup_months.ceil().min(1e6) as u32).saturating_add(1)
        } else {
            1
        }
    }

    /// Why `c` is excluded in month `month` (1-based) of the timeline at that month's volume
    /// `v` (docs/MODEL.md §8.2). The same rules as today's, but for the deadline: it binds the
    /// launch, so an option that needs the setup is excluded only in the months that start
    /// before the setup, begun at launch, is done (month m starts `m − 1` months in).
    pub(crate) fn exclusion_in_month(
        &self,
        r: &Rates,
        c: Choice,
        v: f64,
        month: u32,
    ) -> Option<Exclusion> {
        if let Some(u) = self.unserved(c) {
            return Some(Exclusion::CannotServe(u));
        }
        self.constraint_in_month(r, c, v, month)
    }

    /// Why `c` cannot serve the requests, if it cannot (at any volume, in any month).
    pub fn unserved(&self, c: Choice) -> Option<Unserved> {
        match c {
            Choice::Api => self.api_unserved,
            Choice::Hybrid => self.hybrid_unserved,
            Choice::SelfHost | Choice::Owned => self.local_unserved,
        }
    }

    /// The constraint that excludes `c` at `v` today, whether or not it can serve.
    pub fn constraint(&self, r: &Rates, c: Choice, v: f64) -> Option<Exclusion> {
        self.constraint_in_month(r, c, v, 1)
    }

    fn constraint_in_month(&self, r: &Rates, c: Choice, v: f64, month: u32) -> Option<Exclusion> {
        if self.privacy {
            // Bought servers are in-house too.
            return (!matches!(c, Choice::SelfHost | Choice::Owned)).then_some(Exclusion::Privacy);
        }
        if c == Choice::Api {
            return None;
        }
        let needed = if self.ops_per_extra_replica > 0.0 {
            self.ops_hours_needed(Self::replicas(r, c, v))
        } else {
            self.maintenance
        };
        if self.ops_capacity < needed {
            return Some(Exclusion::Operations);
        }
        if self.late && month < self.first_month_after_setup() {
            return Some(Exclusion::Deadline);
        }
        (self.frontier && matches!(c, Choice::SelfHost | Choice::Owned))
            .then_some(Exclusion::Quality)
    }

    /// The allowed option with the lowest daily cost at `v` (ties as in docs/MODEL.md §3);
    /// `None` when no option can serve the requests.
    pub fn cheapest_allowed(&self, r: &Rates, v: f64) -> Option<Choice> {
        self.cheapest_allowed_of(r, v, r.api_usd(v), r.hybrid_usd(v), r.self_host_usd(v))
    }

    /// [`Rules::cheapest_allowed`] with the three daily costs already known (curve points).
    pub fn cheapest_allowed_of(
        &self,
        r: &Rates,
        v: f64,
        api: f64,
        hybrid: f64,
        self_host: f64,
    ) -> Option<Choice> {
        let mut options = [(Choice::Api, 0.0); 4];
        let mut n = 0;
        let owned = self
            .owned
            .map(|o| (Choice::Owned, o.cost(r, v).usd_per_day));
        for (c, x) in [
            (Choice::Api, api),
            (Choice::Hybrid, hybrid),
            (Choice::SelfHost, self_host),
        ]
        .into_iter()
        .chain(owned)
        {
            if self.exclusion(r, c, v).is_none() {
                options[n] = (c, x);
                n += 1;
            }
        }
        // No option allowed only when one that the constraints keep cannot serve.
        (n > 0).then(|| cheapest(&options[..n]))
    }
}

/// Every option's verdict at one volume.
#[derive(Debug, Clone, PartialEq)]
pub struct Allowed {
    /// Each option in the order api, hybrid, self_host (then owned, when offered), with its
    /// exclusion if any.
    pub options: Vec<(Choice, Option<Exclusion>)>,
}

impl Allowed {
    pub fn at(sc: &Scenario, r: &Rates, v: f64) -> Allowed {
        Allowed::with_rules(sc, &Rules::new(sc), r, v)
    }

    /// [`Allowed::at`] with the rules already gathered.
    pub(crate) fn with_rules(sc: &Scenario, rules: &Rules, r: &Rates, v: f64) -> Allowed {
        let owned = sc.owned.enabled.then_some(Choice::Owned);
        Allowed {
            options: Choice::ALL
                .iter()
                .copied()
                .chain(owned)
                .map(|c| (c, rules.exclusion(r, c, v)))
                .collect(),
        }
    }

    /// Why `c` is excluded, or `None` when it is allowed.
    pub fn exclusion(&self, c: Choice) -> Option<Exclusion> {
        self.options
            .iter()
            .find(|(o, _)| *o == c)
            .and_then(|(_, e)| *e)
    }

    pub fn is_allowed(&self, c: Choice) -> bool {
        self.exclusion(c).is_none()
    }

    /// Whether any option is allowed (none is when every option the constraints keep cannot
    /// serve the requests).
    pub fn any(&self) -> bool {
        self.options.iter().any(|(_, e)| e.is_none())
    }

    /// Why `c` cannot serve the requests, if it cannot.
    pub fn unserved(&self, c: Choice) -> Option<Unserved> {
        match self.exclusion(c) {
            Some(Exclusion::CannotServe(u)) => Some(u),
            _ => None,
        }
    }

    /// A line for reports: "Self-host excluded: data must stay in-house" per exclusion.
    pub fn summary(&self) -> Vec<String> {
        self.options
            .iter()
            .filter_map(|(c, e)| e.map(|e| format!("{} {}", c.label(), e.reason())))
            .collect()
    }
}

/// When the constraints exclude rented self-hosting at the scenario's volume: a plain note for
/// the fleet ranking (the Fleet tab, `crossover compare`), whose rows are all rented
/// self-hosting setups, so that nobody reads the cheapest row as an option they may take.
pub fn fleet_note(sc: &Scenario) -> Option<String> {
    Allowed::at(sc, &Rates::new(sc), sc.workload.requests_per_day).fleet_note()
}

impl Allowed {
    /// [`fleet_note`] from verdicts already made (the dashboard's outcome has them).
    pub fn fleet_note(&self) -> Option<String> {
        let e = self.exclusion(Choice::SelfHost)?;
        let why = e.reason();
        let why = why.strip_prefix("excluded: ").unwrap_or(&why);
        if e.cannot_serve() {
            return Some(format!(
                "Self-hosting {why}: these rented setups are priced for comparison only."
            ));
        }
        let hybrid = if self.is_allowed(Choice::Hybrid) {
            "; the hybrid's local share may still run on one of them"
        } else {
            ""
        };
        Some(format!(
            "The constraints exclude self-hosting in this scenario ({why}): these rented setups are priced for comparison only{hybrid}."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(f: impl Fn(&mut Scenario)) -> (Rules, Rates) {
        let mut sc = Scenario::default();
        f(&mut sc);
        (Rules::new(&sc), Rates::new(&sc))
    }

    /// The reasons a person reads (docs/MODEL.md §6.4), and the summary lines they make.
    #[test]
    fn reasons_and_the_summary_say_why() {
        assert_eq!(
            [
                Exclusion::Privacy,
                Exclusion::Operations,
                Exclusion::Deadline,
                Exclusion::Quality
            ]
            .map(Exclusion::reason),
            [
                "excluded: data must stay in-house",
                "excluded: too few ops hours",
                "excluded: setup misses the deadline",
                "excluded: needs frontier quality",
            ]
        );
        let mut sc = Scenario::default();
        sc.constraints.data_must_stay_in_house = true;
        let a = Allowed::at(&sc, &Rates::new(&sc), 1e4);
        assert_eq!(a.exclusion(Choice::Api), Some(Exclusion::Privacy));
        assert_eq!(a.exclusion(Choice::SelfHost), None);
        assert!(!a.is_allowed(Choice::Hybrid) && a.is_allowed(Choice::SelfHost));
        assert_eq!(
            a.summary(),
            [
                format!("{} excluded: data must stay in-house", Choice::Api.label()),
                format!(
                    "{} excluded: data must stay in-house",
                    Choice::Hybrid.label()
                ),
            ]
        );
    }

    /// The fleet ranking's note: only when rented self-hosting is excluded, with the reason,
    /// and the hybrid named only when it is allowed.
    #[test]
    fn the_fleet_note_says_when_self_hosting_is_excluded_and_why() {
        let mut sc = Scenario::default();
        assert_eq!(fleet_note(&sc), None);
        sc.constraints.needs_frontier_quality = true;
        assert_eq!(
            fleet_note(&sc).unwrap(),
            "The constraints exclude self-hosting in this scenario (needs frontier quality): \
             these rented setups are priced for comparison only; the hybrid's local share may \
             still run on one of them."
        );
        sc.constraints.needs_frontier_quality = false;
        sc.constraints.ops_hours_per_month = 1.0;
        let note = fleet_note(&sc).unwrap();
        assert!(
            note.contains("(too few ops hours)") && !note.contains("hybrid"),
            "{note}"
        );
        // Privacy keeps self-hosting: no note.
        sc.constraints.ops_hours_per_month = 40.0;
        sc.constraints.data_must_stay_in_house = true;
        assert_eq!(fleet_note(&sc), None);
    }

    /// Ops hours (docs/MODEL.md §6.7): maintenance 20 h plus 30 h per replica beyond the
    /// first, against a capacity of 50 h. Exactly enough is enough: two replicas need 50 h and
    /// are allowed; three need 80 h. The hybrid is judged by the replicas its local share
    /// runs, not the whole volume's.
    #[test]
    fn ops_capacity_against_each_options_replicas() {
        let (ru, r) = rules(|s| {
            s.engineering.maintenance_hours_per_month = 20.0;
            s.engineering.ops_hours_per_replica_month = 30.0;
            s.constraints.ops_hours_per_month = 50.0;
        });
        let w = r.requests_per_replica();
        // The hybrid's local share (0.7) runs two replicas where self-hosting needs three.
        let v = 2.5 * w;
        assert_eq!((r.replicas(r.local_share * v), r.replicas(v)), (2.0, 3.0));
        assert_eq!(
            (ru.ops_hours_needed(2.0), ru.ops_hours_needed(3.0)),
            (50.0, 80.0)
        );
        assert_eq!(ru.exclusion(&r, Choice::Hybrid, v), None);
        assert_eq!(
            ru.exclusion(&r, Choice::SelfHost, v),
            Some(Exclusion::Operations)
        );
        // At 4.5 replicas' worth the hybrid runs 4 and is excluded too.
        let v = 4.5 * w;
        assert_eq!(r.replicas(r.local_share * v), 4.0);
        assert_eq!(
            ru.exclusion(&r, Choice::Hybrid, v),
            Some(Exclusion::Operations)
        );
    }

    #[test]
    fn defaults_allow_everything() {
        let (ru, r) = rules(|_| {});
        for c in Choice::ALL {
            assert_eq!(ru.exclusion(&r, c, 1e4), None);
        }
        assert_eq!(ru.cheapest_allowed(&r, 1e4), Some(Choice::Api));
        assert_eq!(ru.cheapest_allowed(&r, 1e5), Some(Choice::SelfHost));
    }

    #[test]
    fn each_constraint_excludes_its_options() {
        let (ru, r) = rules(|s| s.constraints.data_must_stay_in_house = true);
        assert_eq!(ru.exclusion(&r, Choice::Api, 1e4), Some(Exclusion::Privacy));
        assert_eq!(
            ru.exclusion(&r, Choice::Hybrid, 1e4),
            Some(Exclusion::Privacy)
        );
        assert_eq!(ru.cheapest_allowed(&r, 10.0), Some(Choice::SelfHost));
        let (ru, r) = rules(|s| s.constraints.needs_frontier_quality = true);
        assert_eq!(
            ru.exclusion(&r, Choice::SelfHost, 1e4),
            Some(Exclusion::Quality)
        );
        assert_eq!(ru.cheapest_allowed(&r, 1e7), Some(Choice::Hybrid));
        let (ru, r) = rules(|s| s.constraints.ops_hours_per_month = 5.0);
        assert_eq!(
            ru.exclusion(&r, Choice::Hybrid, 1e4),
            Some(Exclusion::Operations)
        );
        assert_eq!(ru.cheapest_allowed(&r, 1e7), Some(Choice::Api));
        let (ru, r) = rules(|s| s.constraints.launch_deadline_weeks = 1.0);
        assert_eq!(
            ru.exclusion(&r, Choice::SelfHost, 1e4),
            Some(Exclusion::Deadline)
        );
        assert_eq!(ru.cheapest_allowed(&r, 1e7), Some(Choice::Api));
    }
}
