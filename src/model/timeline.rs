//! The growth timeline: volume month by month, the monthly and cumulative cost of each option
//! (setup paid at the start; replicas added as traffic grows), and when to switch.

use super::allowed::{Allowed, Exclusion, Rules};
use super::cost::Rates;
use super::outcome::Outcome;
use super::owned_cost::OwnedRates;
use super::recommend::Choice;
use super::scenario::{Scenario, DAYS_PER_MONTH};

mod path;
pub use path::switch_path;

/// One month of the timeline (months count from 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Month {
    pub month: u32,
    pub requests_per_day: f64,
    /// Running cost this month (self-hosting and hybrid without the setup amortization).
    pub api: f64,
    pub self_host: f64,
    pub hybrid: f64,
    /// Totals to the end of this month, setup included from month 1 for self-hosting and hybrid.
    pub cumulative_api: f64,
    pub cumulative_self_host: f64,
    pub cumulative_hybrid: f64,
    pub replicas: f64,
    /// The owned fleet (docs/MODEL.md §8.1) when `owned.enabled`, else 0: this month's cost
    /// with the servers depreciated (depreciation, power, colocation, support, cost of
    /// capital, fixed costs and upkeep).
    pub owned: f64,
    /// Setup plus every owned month so far, with the servers depreciated.
    pub cumulative_owned: f64,
    /// The owned fleet's cash this month: the servers bought in it at its purchase price
    /// instead of the depreciation, and in the horizon's month less what every server is
    /// still worth (its book value, the resale value once written off).
    pub owned_cash: f64,
    /// Setup plus the owned fleet's cash so far: the line the timeline's verdicts use. It
    /// meets `cumulative_owned` in the horizon's month.
    pub cumulative_owned_cash: f64,
    /// Servers owned this month: never fewer than the month before (none are sold).
    pub servers: f64,
    /// Paid this month for the servers bought in it.
    pub owned_purchase: f64,
    /// The owned servers' depreciation this month (part of `owned`, not of `owned_cash`).
    pub owned_depreciation: f64,
    /// Rented self-hosting's replicas billed this month under a reserved term (docs/MODEL.md
    /// §8.3): the larger of those needed and those still under term; `replicas` with no term.
    pub billed_replicas: f64,
    /// Rent still committed at the end of this month for self-hosting's reservations: each
    /// replica under term times its months left, at this month's price (0 with no term).
    pub committed: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub months: Vec<Month>,
    /// First month whose running cost for the challenger (`challenger`) is below the API's.
    pub first_month_cheaper: Option<u32>,
    /// First month by whose end the challenger's total (setup repaid) is below the API's.
    pub first_month_repaid: Option<u32>,
    /// Starting on the API, the month to move to the challenger (paying setup then) that costs
    /// least by the horizon; `None` when staying on the API is cheapest.
    pub best_switch_month: Option<u32>,
    /// What that switch saves by the horizon against staying on the API.
    pub savings_at_horizon: f64,
    /// The option the switch moves to: the recommendation's challenger of the API, or the
    /// owned fleet, never an option the constraints exclude in a month from the switch on
    /// (docs/MODEL.md §6.4, §8.2); with the API excluded, `cheapest_from_start`.
    pub switch_to: Choice,
    /// The option `first_month_cheaper` and `first_month_repaid` describe: the API's
    /// challenger (docs/MODEL.md §6.4), self-hosting or the hybrid.
    pub challenger: Choice,
    /// Why the API is excluded, when it is (privacy): then no month answer compares with it,
    /// nothing switches from it, and the timeline compares the allowed options from month 1.
    pub api_excluded: Option<Exclusion>,
    /// With the API excluded: the allowed option that costs least by the horizon, started in
    /// month 1 (setup included).
    pub cheapest_from_start: Option<Choice>,
    /// The challenger is excluded in the last month of the horizon (so no switch to it can
    /// stay allowed to the end): "stay on the API" is then the constraints' answer, not the
    /// money's.
    pub excluded_throughout: bool,
    /// Which options the constraints allow at the scenario's volume, so the views draw an
    /// excluded option muted with its reason (docs/MODEL.md §6.4).
    pub allowed: Allowed,
    /// The owned fleet's answers, when `owned.enabled` (docs/MODEL.md §8.1).
    pub owned: Option<OwnedAnswers>,
    /// Options allowed at today's volume that the constraints exclude in a later month, as
    /// the traffic grows (docs/MODEL.md §8.2): the option, the first such month and why.
    pub later_exclusions: Vec<(Choice, u32, Exclusion)>,
}

/// What the timeline says about buying (docs/MODEL.md §8.1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OwnedAnswers {
    /// First month whose owned cost, depreciation included, is below the API's.
    pub first_month_cheaper: Option<u32>,
    /// First month by whose end the owned fleet's cash (setup and purchases included) is
    /// below the API's total.
    pub first_month_repaid: Option<u32>,
    /// First month by whose end owning has cost less cash in all than renting the GPUs.
    pub first_month_buying_beats_renting: Option<u32>,
    /// Rented self-hosting's total minus the owned fleet's at the horizon (negative when
    /// renting is cheaper).
    pub saving_over_renting: f64,
    /// Paid for servers over the horizon.
    pub purchases: f64,
    /// What the servers are still worth at the horizon: purchases less depreciation (a
    /// written-off server keeps its resale value). The cash line takes it back in the
    /// horizon's month.
    pub book_value_at_horizon: f64,
}

/// Daily volume in `month` (1-based): compound growth from the scenario's volume, times every
/// step that has started by then.
pub fn volume_in_month(sc: &Scenario, month: u32) -> f64 {
    let g = &sc.growth;
    let base = sc.workload.requests_per_day * (1.0 + g.monthly_rate).powi(month as i32 - 1);
    let steps: f64 = g
        .steps
        .iter()
        .filter(|s| s.month <= month)
        .map(|s| s.factor)
        .product();
    (base * steps).clamp(0.0, 1e15)
}

impl Timeline {
    /// The month the best switch buys the owned fleet, when it does.
    pub fn owned_switch_month(&self) -> Option<u32> {
        self.best_switch_month
            .filter(|_| self.switch_to == Choice::Owned)
    }

    /// "Self-host excluded from month 8: too few ops hours", one per later exclusion
    /// (docs/MODEL.md §8.2).
    pub fn later_exclusion_lines(&self) -> Vec<String> {
        self.later_exclusions
            .iter()
            .map(|(c, m, e)| {
                let why = e.why();
                format!("{} excluded from month {m}: {why}", c.label())
            })
            .collect()
    }

    /// With a reserved term (docs/MODEL.md §8.3): "Reserved GPUs are billed 12 months from each
    /// reservation, needed or not: $220,976.25 of rent committed at the end of month 1; 10
    /// replicas billed in month 6 while the traffic needs 1."
    pub fn committed_line(&self, term: u32, currency: &str) -> Option<String> {
        let first = self.months.first().filter(|_| term > 0)?;
        let mut line = format!(
            "Reserved GPUs are billed {term} months from each reservation, needed or not: {} of \
             rent committed at the end of month 1",
            crate::figures::money(first.committed, currency)
        );
        if let Some(m) = self
            .months
            .iter()
            .filter(|m| m.billed_replicas > m.replicas)
            .reduce(|a, b| {
                if b.billed_replicas - b.replicas > a.billed_replicas - a.replicas {
                    b
                } else {
                    a
                }
            })
        {
            line.push_str(&format!(
                "; {} replicas billed in month {} while the traffic needs {}",
                crate::figures::num(m.billed_replicas),
                m.month,
                crate::figures::num(m.replicas)
            ));
        }
        line.push('.');
        Some(line)
    }

    /// The first month `c` is excluded in, when it is allowed today but not to the horizon.
    pub fn excluded_from(&self, c: Choice) -> Option<u32> {
        self.later_exclusions
            .iter()
            .find(|(o, _, _)| *o == c)
            .map(|(_, m, _)| *m)
    }

    /// Whose months `first_month_cheaper` and `first_month_repaid` are, as the subject of a
    /// sentence: "Self-hosting", "The hybrid".
    pub fn challenger_noun(&self) -> &'static str {
        noun(self.challenger)
    }

    /// Why the timeline recommends no switch, when it does not (docs/MODEL.md §8.2): the API
    /// excluded, the challenger excluded to the horizon, or staying is cheapest.
    pub fn no_switch_sentence(&self) -> Option<String> {
        if self.best_switch_month.is_some() {
            return None;
        }
        let h = self.months.len();
        if let Some(e) = self.api_excluded {
            let why = e.why();
            let start = self.cheapest_from_start.unwrap_or(self.challenger);
            return Some(format!(
                "The API is excluded ({why}), so nothing switches from it: of the options \
                 allowed, {} from month 1 costs least over the {h} months.",
                lower(noun(start))
            ));
        }
        if !self.later_exclusions.is_empty() {
            return Some(
                "Staying on the API over the horizon: no switch to an option the constraints \
                 allow to its end saves money."
                    .into(),
            );
        }
        if self.excluded_throughout {
            let why = self
                .allowed
                .exclusion(self.challenger)
                .map_or("the constraints".to_string(), |e| e.why());
            return Some(format!(
                "Staying on the API: the constraints exclude {} to the end of the horizon ({why}).",
                lower(noun(self.challenger))
            ));
        }
        Some("Staying on the API is cheapest over the horizon.".into())
    }

    /// " to self-hosting", " to the hybrid", " to the owned fleet": the option the switch goes
    /// to, named on every surface.
    pub fn switch_phrase(&self) -> &'static str {
        match self.switch_to {
            Choice::Hybrid => " to the hybrid",
            Choice::Owned => " to the owned fleet",
            Choice::SelfHost => " to self-hosting",
            Choice::Api => "",
        }
    }
}

/// An option as the subject of a sentence.
fn noun(c: Choice) -> &'static str {
    match c {
        Choice::Api => "The API",
        Choice::Hybrid => "The hybrid",
        Choice::SelfHost => "Self-hosting",
        Choice::Owned => "The owned fleet",
    }
}

/// A sentence's subject in mid-sentence: "self-hosting", "the hybrid".
fn lower(noun: &str) -> String {
    let mut c = noun.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
}

/// Share of today's price paid in `month` (1-based) under a yearly change of
/// `change_per_year`: `(1 + r)^((month − 1) / 12)`, so month 1 pays today's price and month 13
/// pays `1 + r` times it. A change of 0 gives exactly 1.
pub(crate) fn price_factor(change_per_year: f64, month: u32) -> f64 {
    (1.0 + change_per_year)
        .max(0.0)
        .powf(f64::from(month.saturating_sub(1)) / 12.0)
}

/// One month of the owned fleet (docs/MODEL.md §8.1).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OwnedMonth {
    servers: f64,
    /// Paid this month for the servers bought in it, at this month's purchase price.
    purchase: f64,
    depreciation: f64,
    /// What every server owned is worth at the end of the month: its price less its
    /// depreciation so far (down to its resale value).
    book_value: f64,
    /// Cost incurred: depreciation, running, support, cost of capital, fixed and upkeep.
    cost: f64,
    /// Cash paid: the purchases instead of the depreciation.
    cash: f64,
}

/// The owned fleet month by month: whole servers bought as the traffic needs them and kept
/// when it falls, each bought at its month's purchase price (`growth.purchase_price_change_per_year`)
/// and depreciated evenly over `owned.depreciation_months` from the month it is bought, down
/// to its resale value; power and colocation for every server owned, support on the price
/// paid, the cost of capital on the book value. GPU rental prices that move
/// (`growth.gpu_price_change_per_year`) do not move the purchase price or the power.
struct OwnedPlan {
    /// Servers each month's traffic needs (index `month − 1`).
    needed: Vec<f64>,
    /// Purchase price of one server, today.
    capital: f64,
    /// Purchase price factor per month (index `month − 1`).
    price: Vec<f64>,
    /// L, months of depreciation.
    life: f64,
    /// ρ, the resale value as a share of the price.
    resale: f64,
    /// Support per month, as a share of the price paid.
    support: f64,
    /// Cost of capital per month, as a share of the book value.
    rate: f64,
    /// Power and colocation of one server for a month.
    run: f64,
    /// Fixed costs and upkeep for each month (index `month − 1`), the setup's amortization
    /// left out (it is paid once).
    other: Vec<f64>,
}

impl OwnedPlan {
    fn new(sc: &Scenario, today: &Rates, volumes: &[f64]) -> OwnedPlan {
        let or = OwnedRates::new(sc, today);
        let o = &sc.owned;
        let change = sc.growth.purchase_price_change_per_year;
        OwnedPlan {
            needed: volumes
                .iter()
                .map(|&v| or.servers(today.replicas(v)))
                .collect(),
            other: volumes
                .iter()
                .map(|&v| {
                    (or.fixed_per_day + or.engineering(today.replicas(v))
                        - today.setup_amortization_per_day)
                        * DAYS_PER_MONTH
                })
                .collect(),
            capital: or.capital_per_server,
            price: (1..=volumes.len() as u32)
                .map(|m| price_factor(change, m))
                .collect(),
            life: o.depreciation_months,
            resale: o.resale_share,
            support: o.support_share_per_year / 12.0,
            rate: o.cost_of_capital_per_year / 12.0,
            run: or.running_per_server_day() * DAYS_PER_MONTH,
        }
    }

    /// The months from index `start` (month `start + 1`) to the horizon, buying from then on.
    /// A server bought in month b for `P` is written off `P · (1 − ρ) / L` a month in months b
    /// to b + ⌊L⌋ − 1 and the rest, `(L − ⌊L⌋) · P · (1 − ρ) / L`, in month b + ⌊L⌋. With `P_j`
    /// the purchases of month j, the purchases still written off in full are those of the last
    /// ⌊L⌋ months and the one on its last part `P_{m−⌊L⌋}`. The book value moves by purchases
    /// less depreciation; the cost of capital is charged on the month's average book value
    /// (after its purchases, before and after its depreciation).
    fn months(&self, start: usize) -> Vec<OwnedMonth> {
        let mut out = Vec::with_capacity(self.needed.len().saturating_sub(start));
        self.walk(start, &mut Vec::new(), |m| out.push(m));
        out
    }

    /// [`OwnedPlan::months`] one month at a time, into `each`, with `bought` as scratch (the
    /// switch weighs every start month: no allocation per start).
    fn walk(&self, start: usize, bought: &mut Vec<f64>, mut each: impl FnMut(OwnedMonth)) {
        let lag = self.life.floor();
        let part = self.life - lag;
        let written = (1.0 - self.resale) / self.life;
        bought.clear();
        let (mut servers, mut paid, mut book, mut window) = (0.0, 0.0, 0.0, 0.0);
        // Purchases in the window: with none the window is exactly 0 (no rounding left over).
        let mut in_window = 0usize;
        for (j, &need) in self.needed.iter().enumerate().skip(start) {
            let j = j - start;
            let now = f64::max(servers, need);
            let purchase = (now - servers) * self.capital * self.price[j + start];
            servers = now;
            bought.push(purchase);
            paid += purchase;
            // The last ⌊L⌋ months' purchases, and the one on its last part.
            window += purchase;
            in_window += usize::from(purchase > 0.0);
            let aged = (lag <= j as f64).then(|| j - lag as usize);
            if let Some(a) = aged {
                window -= bought[a];
                in_window -= usize::from(bought[a] > 0.0);
            }
            if in_window == 0 {
                window = 0.0;
            }
            let last = aged.map_or(0.0, |a| part * bought[a]);
            let depreciation = written * (window + last);
            let before = book + purchase;
            book = (before - depreciation).max(0.0);
            let financing = self.support * paid + self.rate * (before + book) / 2.0;
            let running = now * self.run + financing + self.other[j + start];
            each(OwnedMonth {
                servers: now,
                purchase,
                depreciation,
                book_value: book,
                cost: depreciation + running,
                cash: purchase + running,
            });
        }
    }

    /// Total cash from index `start` to the horizon, buying from then on: purchases and
    /// running, less what the servers are worth at the horizon.
    fn cash_from(&self, start: usize, scratch: &mut Vec<f64>) -> f64 {
        let (mut total, mut book) = (0.0, 0.0);
        self.walk(start, scratch, |m| {
            total += m.cash;
            book = m.book_value;
        });
        total - book
    }
}

pub fn timeline(sc: &Scenario) -> Timeline {
    let today = Rates::new(sc);
    let setup = today.setup_cost;
    let horizon = sc.growth.horizon_months.max(1);
    let volumes: Vec<f64> = (1..=horizon).map(|m| volume_in_month(sc, m)).collect();
    let plan = sc
        .owned
        .enabled
        .then(|| OwnedPlan::new(sc, &today, &volumes));
    let owned_line = plan.as_ref().map_or_else(Vec::new, |p| p.months(0));
    let months = month_rows(sc, &today, &volumes, &owned_line);
    let outcome = Outcome::evaluate(sc);
    // The constraints month by month (docs/MODEL.md §8.2): an option allowed today may need
    // more ops hours than the team has once its fleet grows, and one the deadline excludes
    // today may run once the setup is done. A switch goes only to an option allowed in every
    // month from the switch to the horizon.
    let verdicts = MonthVerdicts::new(&Rules::new(sc), &today, &outcome.allowed, &volumes);
    let challenger = outcome.challenger();
    let api_excluded = outcome.allowed.exclusion(Choice::Api);
    let (first_month_cheaper, first_month_repaid) = match api_excluded {
        // Nothing to beat: the API is not an option (docs/MODEL.md §8.2).
        Some(_) => (None, None),
        None => challenger_months(&months, challenger),
    };
    let total_api = months.last().map_or(0.0, |m| m.cumulative_api);
    let mut best: Option<(u32, f64, Choice)> = None;
    if api_excluded.is_none() {
        let running: Vec<f64> = months.iter().map(|m| running_of(m, challenger)).collect();
        let mut paths = vec![(
            challenger,
            switch_paths(sc, &today, &volumes, &months, challenger, &running),
        )];
        // The owned fleet bought from month k on: its servers are bought from k, so each
        // start has its own path.
        if let Some(p) = plan.as_ref() {
            let mut scratch = Vec::with_capacity(months.len());
            let from: Vec<f64> = (0..months.len())
                .map(|i| p.cash_from(i, &mut scratch))
                .collect();
            paths.push((Choice::Owned, from));
        }
        for (c, from) in paths {
            let mut api_before = 0.0;
            for (i, m) in months.iter().enumerate() {
                let total = api_before + setup + from[i];
                if total < total_api
                    && verdicts.allowed_from(c, i)
                    && best.is_none_or(|(_, t, _)| total < t)
                {
                    best = Some((m.month, total, c));
                }
                api_before += m.api;
            }
        }
    }
    let cheapest_from_start = api_excluded.and_then(|_| cheapest_from_start(&months, &verdicts));
    let owned = plan.map(|_| owned_answers(&months, &owned_line, api_excluded.is_some()));
    Timeline {
        months,
        first_month_cheaper,
        first_month_repaid,
        best_switch_month: best.map(|(m, _, _)| m),
        savings_at_horizon: best.map_or(0.0, |(_, t, _)| total_api - t),
        switch_to: best.map_or(cheapest_from_start.unwrap_or(challenger), |(_, _, c)| c),
        challenger,
        api_excluded,
        cheapest_from_start,
        excluded_throughout: verdicts.excluded_throughout(challenger),
        allowed: outcome.allowed,
        owned,
        later_exclusions: verdicts.later,
    }
}

/// Replicas billed each month from index `start` under a reserved term of `term` months
/// (docs/MODEL.md §8.3): a replica reserved in month m is billed through month m + term − 1;
/// each month bills the larger of the replicas needed and those still under term, and reserves
/// the difference when more are needed (a replica needed at the end of its term renews).
/// Returns, per month from `start`, the replicas billed and the reservations in force as
/// `(count, last index)`.
pub(crate) fn billed_under_term(
    needed: &[f64],
    start: usize,
    term: u32,
) -> Vec<(f64, Vec<(f64, usize)>)> {
    let mut cohorts: Vec<(f64, usize)> = Vec::new();
    let mut out = Vec::with_capacity(needed.len().saturating_sub(start));
    for (j, &need) in needed.iter().enumerate().skip(start) {
        cohorts.retain(|&(_, last)| last >= j);
        let under: f64 = cohorts.iter().map(|c| c.0).sum();
        if term > 0 && need > under {
            cohorts.push((need - under, j + term as usize - 1));
        }
        out.push((under.max(need), cohorts.clone()));
    }
    out
}

/// What a reserved term bills the challenger `c` for, month by month: the replicas it needs at
/// today's rates (the hybrid's for its local share of the volume) and one replica's rent.
pub(super) fn term_needs(
    sc: &Scenario,
    today: &Rates,
    volumes: &[f64],
    c: Choice,
) -> (Vec<f64>, Vec<f64>) {
    let share = if c == Choice::Hybrid {
        today.local_share
    } else {
        1.0
    };
    let needed = volumes.iter().map(|&v| today.replicas(share * v)).collect();
    (needed, replica_month_rent(sc, today, volumes.len()))
}

/// Per month, the rent of one replica for the month at that month's prices: the step g of
/// docs/MODEL.md §3 times D.
fn replica_month_rent(sc: &Scenario, today: &Rates, months: usize) -> Vec<f64> {
    (1..=months as u32)
        .map(|m| {
            today
                .with_price_factors(1.0, price_factor(sc.growth.gpu_price_change_per_year, m))
                .step_usd_per_day()
                * DAYS_PER_MONTH
        })
        .collect()
}

/// What a reserved term adds, from index `start`, to a line needing `needed` replicas a month:
/// the idle reserved replicas' rent, month by month.
fn term_extra(needed: &[f64], rent: &[f64], start: usize, term: u32) -> Vec<f64> {
    billed_under_term(needed, start, term)
        .iter()
        .zip(&needed[start..])
        .zip(&rent[start..])
        .map(|(((billed, _), need), rent)| (billed - need) * rent)
        .collect()
}

/// The API's dated prices month by month (docs/MODEL.md §6.11): from the month a step of
/// `api.price_schedule` starts, the API's cost per request is the step's, times the yearly
/// change counted from that month.
struct ScheduledApi {
    /// p under each step's prices (index as in the schedule).
    per_request: Vec<f64>,
    /// Per month (index `month − 1`): the step in force and its first month.
    months: Vec<Option<(usize, u32)>>,
    change_per_year: f64,
}

impl ScheduledApi {
    fn new(sc: &Scenario, horizon: u32) -> ScheduledApi {
        let per_request = sc
            .api
            .price_schedule
            .iter()
            .map(|step| {
                let mut s = sc.clone();
                super::price_schedule::set_prices(&mut s, step);
                super::cost::api_per_request(&s)
            })
            .collect();
        ScheduledApi {
            per_request,
            months: super::price_schedule::by_month(sc, horizon),
            change_per_year: sc.growth.api_price_change_per_year,
        }
    }

    /// `r`, month `m`'s rates at the yearly changes, with the API's price the scheduled one
    /// where a step is in force.
    fn month(&self, r: Rates, m: u32) -> Rates {
        match self.months.get(m as usize - 1).copied().flatten() {
            Some((i, start)) => Rates {
                api_per_request: self.per_request[i]
                    * price_factor(self.change_per_year, m + 1 - start.min(m)),
                ..r
            },
            None => r,
        }
    }
}

/// The monthly and cumulative rows of every option (docs/MODEL.md §8, §8.1, §8.3).
fn month_rows(
    sc: &Scenario,
    today: &Rates,
    volumes: &[f64],
    owned_line: &[OwnedMonth],
) -> Vec<Month> {
    let setup = today.setup_cost;
    let amort = today.setup_amortization_per_day;
    let term = sc.self_host.billing.reserved_term_months;
    let rent = replica_month_rent(sc, today, volumes.len());
    let needed: Vec<f64> = volumes.iter().map(|&v| today.replicas(v)).collect();
    let local: Vec<f64> = volumes
        .iter()
        .map(|&v| today.replicas(today.local_share * v))
        .collect();
    let billed = billed_under_term(&needed, 0, term);
    let local_extra = term_extra(&local, &rent, 0, term);
    let scheduled = ScheduledApi::new(sc, volumes.len() as u32);
    let mut months = Vec::with_capacity(volumes.len());
    let (mut ca, mut cs, mut ch, mut co, mut cc) = (0.0, setup, setup, setup, setup);
    for (i, &v) in volumes.iter().enumerate() {
        let m = i as u32 + 1;
        let r = scheduled.month(
            today.with_price_factors(
                price_factor(sc.growth.api_price_change_per_year, m),
                price_factor(sc.growth.gpu_price_change_per_year, m),
            ),
            m,
        );
        let s = r.self_host(v);
        let h = r.hybrid(v);
        let api = r.api(v).usd_per_day * DAYS_PER_MONTH;
        let (billed_replicas, cohorts) = &billed[i];
        let self_host =
            (s.usd_per_day - amort) * DAYS_PER_MONTH + (billed_replicas - s.replicas) * rent[i];
        let hybrid = (h.usd_per_day - amort) * DAYS_PER_MONTH + local_extra[i];
        let committed: f64 = cohorts
            .iter()
            .map(|&(n, last)| n * (last - i) as f64 * rent[i])
            .sum();
        ca += api;
        cs += self_host;
        ch += hybrid;
        let own = owned_line.get(i).copied();
        let owned = own.map_or(0.0, |o| o.cost);
        co += owned;
        // The horizon's month takes back what the servers are still worth.
        let resale = if i + 1 == volumes.len() {
            own.map_or(0.0, |o| o.book_value)
        } else {
            0.0
        };
        let owned_cash = own.map_or(0.0, |o| o.cash) - resale;
        cc += owned_cash;
        months.push(Month {
            month: m,
            requests_per_day: v,
            api,
            self_host,
            hybrid,
            cumulative_api: ca,
            cumulative_self_host: cs,
            cumulative_hybrid: ch,
            replicas: s.replicas,
            owned,
            cumulative_owned: if own.is_some() { co } else { 0.0 },
            owned_cash,
            cumulative_owned_cash: if own.is_some() { cc } else { 0.0 },
            servers: own.map_or(0.0, |o| o.servers),
            owned_purchase: own.map_or(0.0, |o| o.purchase),
            owned_depreciation: own.map_or(0.0, |o| o.depreciation),
            billed_replicas: *billed_replicas,
            committed,
        });
    }
    months
}

/// An option's running cost in one month (the owned fleet's as bought from month 1).
fn running_of(m: &Month, c: Choice) -> f64 {
    match c {
        Choice::Api => m.api,
        Choice::Hybrid => m.hybrid,
        Choice::SelfHost => m.self_host,
        Choice::Owned => m.owned,
    }
}

/// An option's total to the end of one month, setup included.
fn cumulative_of(m: &Month, c: Choice) -> f64 {
    match c {
        Choice::Api => m.cumulative_api,
        Choice::Hybrid => m.cumulative_hybrid,
        Choice::SelfHost => m.cumulative_self_host,
        Choice::Owned => m.cumulative_owned_cash,
    }
}

/// The challenger's running cost from each month to the horizon, when the switch is made in
/// that month: with a reserved term (docs/MODEL.md §8.3) the reservations start at the switch,
/// so each start has its own idle replicas; with none, the suffix sums of `running`.
fn switch_paths(
    sc: &Scenario,
    today: &Rates,
    volumes: &[f64],
    months: &[Month],
    c: Choice,
    running: &[f64],
) -> Vec<f64> {
    let term = sc.self_host.billing.reserved_term_months;
    if term == 0 {
        return suffix_sums(running);
    }
    let (needed, rent) = term_needs(sc, today, volumes, c);
    // The month-1 line's own idle reservations, taken out to leave the running without a term.
    let from_one = term_extra(&needed, &rent, 0, term);
    let plain: Vec<f64> = running.iter().zip(&from_one).map(|(r, e)| r - e).collect();
    let base = suffix_sums(&plain);
    let mut out: Vec<f64> = (0..months.len())
        .map(|i| base[i] + term_extra(&needed, &rent, i, term).iter().sum::<f64>())
        .collect();
    out.push(0.0);
    out
}

/// `out[i] = Σ_{j ≥ i} x[j]`, with one more 0 at the end.
fn suffix_sums(x: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; x.len() + 1];
    for i in (0..x.len()).rev() {
        out[i] = out[i + 1] + x[i];
    }
    out
}

/// §8's first two answers for the challenger: the first month its running cost is below the
/// API's, and the first by whose end its total (setup included) is.
fn challenger_months(months: &[Month], c: Choice) -> (Option<u32>, Option<u32>) {
    (
        months
            .iter()
            .find(|m| running_of(m, c) < m.api)
            .map(|m| m.month),
        months
            .iter()
            .find(|m| cumulative_of(m, c) < m.cumulative_api)
            .map(|m| m.month),
    )
}

/// With the API excluded: the option allowed in every month that costs least in all by the
/// horizon, started in month 1 (ties: hybrid, self-hosting, the owned fleet).
fn cheapest_from_start(months: &[Month], verdicts: &MonthVerdicts) -> Option<Choice> {
    let last = months.last()?;
    [Choice::Hybrid, Choice::SelfHost, Choice::Owned]
        .into_iter()
        .filter(|&c| verdicts.offered(c) && verdicts.allowed_from(c, 0))
        .map(|c| (c, cumulative_of(last, c)))
        .fold(None, |best: Option<(Choice, f64)>, (c, x)| match best {
            Some((_, b)) if b <= x => best,
            _ => Some((c, x)),
        })
        .map(|(c, _)| c)
}

/// The owned fleet's answers; with the API excluded (`no_api`) none compares with it. The
/// totals are cash (purchases when made, less what the servers are worth at the horizon);
/// the first month cheaper compares the month's cost with its depreciation.
fn owned_answers(months: &[Month], owned_line: &[OwnedMonth], no_api: bool) -> OwnedAnswers {
    let last = months.last().copied();
    let api_months = if no_api { &months[..0] } else { months };
    OwnedAnswers {
        first_month_cheaper: api_months.iter().find(|m| m.owned < m.api).map(|m| m.month),
        first_month_repaid: api_months
            .iter()
            .find(|m| m.cumulative_owned_cash < m.cumulative_api)
            .map(|m| m.month),
        first_month_buying_beats_renting: months
            .iter()
            .find(|m| m.cumulative_owned_cash < m.cumulative_self_host)
            .map(|m| m.month),
        saving_over_renting: last.map_or(0.0, |m| m.cumulative_self_host - m.cumulative_owned_cash),
        purchases: owned_line.iter().map(|o| o.purchase).sum(),
        book_value_at_horizon: owned_line.last().map_or(0.0, |o| o.book_value),
    }
}

/// Each offered option's verdict month by month (docs/MODEL.md §8.2).
struct MonthVerdicts {
    /// Per option: `from[i]` is whether it is allowed in every month from index i to the
    /// horizon (`from[len] = true`).
    from: Vec<(Choice, Vec<bool>)>,
    /// Options allowed today that a later month excludes: the first such month and why.
    later: Vec<(Choice, u32, Exclusion)>,
}

impl MonthVerdicts {
    fn new(rules: &Rules, today: &Rates, allowed: &Allowed, volumes: &[f64]) -> MonthVerdicts {
        let mut from = Vec::with_capacity(allowed.options.len());
        let mut later = Vec::new();
        for &(c, today_verdict) in &allowed.options {
            let verdicts: Vec<Option<Exclusion>> = volumes
                .iter()
                .enumerate()
                .map(|(i, &v)| rules.exclusion_in_month(today, c, v, i as u32 + 1))
                .collect();
            if today_verdict.is_none() {
                if let Some((i, e)) = verdicts
                    .iter()
                    .enumerate()
                    .find_map(|(i, e)| e.map(|e| (i, e)))
                {
                    later.push((c, i as u32 + 1, e));
                }
            }
            let mut ok = vec![true; verdicts.len() + 1];
            for i in (0..verdicts.len()).rev() {
                ok[i] = ok[i + 1] && verdicts[i].is_none();
            }
            from.push((c, ok));
        }
        MonthVerdicts { from, later }
    }

    fn offered(&self, c: Choice) -> bool {
        self.from.iter().any(|(o, _)| *o == c)
    }

    /// Whether `c` is allowed in every month from index `i` (month i + 1) to the horizon.
    fn allowed_from(&self, c: Choice, i: usize) -> bool {
        self.from
            .iter()
            .find(|(o, _)| *o == c)
            .is_some_and(|(_, ok)| ok.get(i).copied().unwrap_or(true))
    }

    /// Whether no month of the horizon starts a stretch to the end in which `c` is allowed.
    fn excluded_throughout(&self, c: Choice) -> bool {
        self.from
            .iter()
            .find(|(o, _)| *o == c)
            .is_none_or(|(_, ok)| !ok[..ok.len() - 1].iter().any(|&b| b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::GrowthStep;

    #[test]
    fn growth_and_steps_compound() {
        let mut sc = Scenario::default();
        sc.growth.monthly_rate = 0.1;
        sc.growth.steps = vec![GrowthStep {
            month: 3,
            factor: 4.0,
        }];
        assert_eq!(volume_in_month(&sc, 1), 10_000.0);
        assert!((volume_in_month(&sc, 2) - 11_000.0).abs() < 1e-6);
        assert!((volume_in_month(&sc, 3) - 12_100.0 * 4.0).abs() < 1e-6);
        sc.growth.monthly_rate = -1.0;
        assert_eq!(volume_in_month(&sc, 2), 0.0);
    }

    /// docs/MODEL.md §6.11's worked example of `api.price_schedule`: the defaults at a flat
    /// 20,000 requests/day with 20% of input cached, prices falling 30% a year, assessed on
    /// 2026-12-07, and a step to $5/$20 (cached $2.50) from 2027-03-01. Today's request costs
    /// (1,600 × 2.50 + 400 × 1.25 + 500 × 10) / 10⁶ = $0.0095; month 4 (from 2027-03-07) is
    /// the first whose first day is on or after the step, and pays the step's
    /// (1,600 × 5 + 400 × 2.5 + 500 × 20) / 10⁶ = $0.019 with the yearly change counted anew.
    #[test]
    fn a_price_schedule_by_hand() {
        use crate::model::scenario::PriceStep;
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 20_000.0;
        sc.api.cached_input_share = 0.2;
        sc.growth.api_price_change_per_year = -0.3;
        sc.growth.horizon_months = 16;
        sc.catalog.today = "2026-12-07".into();
        sc.api.price_schedule = vec![PriceStep {
            from: "2027-03-01".into(),
            input_per_mtok: 5.0,
            output_per_mtok: 20.0,
            cached_input_per_mtok: 2.5,
        }];
        let t = timeline(&sc);
        let per_day = |m: usize| t.months[m - 1].api / DAYS_PER_MONTH;
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9 * b.max(1.0);
        assert!(close(per_day(1), 190.0), "{}", per_day(1));
        assert!(
            close(per_day(3), 190.0 * 0.7f64.powf(2.0 / 12.0)),
            "{}",
            per_day(3)
        );
        assert!((per_day(3) - 179.034).abs() < 0.0005);
        assert!(close(per_day(4), 380.0), "{}", per_day(4));
        assert!(close(per_day(16), 266.0), "{}", per_day(16));
        // Self-hosting's line does not move with the API's schedule.
        let mut none = sc.clone();
        none.api.price_schedule.clear();
        let plain = timeline(&none);
        assert_eq!(t.months[3].self_host, plain.months[3].self_host);
        assert!(close(
            plain.months[3].api / DAYS_PER_MONTH,
            190.0 * 0.7f64.powf(0.25)
        ));
        // The daily view on 2027-04-01 costs the step's price.
        let mut later = sc.clone();
        later.catalog.today = "2027-04-01".into();
        crate::model::price_schedule::apply_today(&mut later);
        let api = crate::model::Rates::new(&later).api(20_000.0).usd_per_day;
        assert!(close(api, 380.0), "{api}");
    }

    /// Defaults from 2,000 requests/day growing 50% a month. Self-hosting's running cost is
    /// S − setup amortization = 153.61 − 21.90 = 131.71/day; the API's is V × $0.01, so the
    /// monthly cost crosses once V > 13,171: 2,000 × 1.5^(m−1) first exceeds it at m = 6
    /// (15,187.5/day; one replica carries up to 100,800).
    #[test]
    fn months_by_hand() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 2_000.0;
        sc.growth.monthly_rate = 0.5;
        sc.growth.horizon_months = 12;
        let t = timeline(&sc);
        assert_eq!(t.months.len(), 12);
        assert_eq!(t.first_month_cheaper, Some(6));
        let m1 = t.months[0];
        assert!((m1.api - 20.0 * DAYS_PER_MONTH).abs() < 1e-9);
        assert!((m1.self_host - 131.708 * DAYS_PER_MONTH).abs() < 0.05);
        assert!(
            (m1.cumulative_self_host - (8_000.0 + m1.self_host)).abs() < 1e-9,
            "setup at the start"
        );
        // Cumulative: the API's total passes setup + running from the month where the running
        // savings have repaid $8,000; the best switch is where the monthly costs cross.
        let repaid = t.first_month_repaid.unwrap();
        let m = &t.months[repaid as usize - 1];
        assert!(m.cumulative_self_host < m.cumulative_api);
        let before = &t.months[repaid as usize - 2];
        assert!(before.cumulative_self_host >= before.cumulative_api);
        assert_eq!(t.best_switch_month, Some(6));
        let stay: f64 = t.months.iter().map(|m| m.api).sum();
        let switch: f64 = t.months[..5].iter().map(|m| m.api).sum::<f64>()
            + 8_000.0
            + t.months[5..].iter().map(|m| m.self_host).sum::<f64>();
        assert!((t.savings_at_horizon - (stay - switch)).abs() < 1e-6);
    }

    /// Defaults at a flat 20,000 requests/day, API prices −30% a year and GPU prices −20% a
    /// year. Month 13 pays a year's change: the API 20,000 × $0.01 × 0.7 = $140/day; self-hosting
    /// runs 60 × 0.8 = $48 of GPU, 4.80 of overhead and 65.71 of maintenance (20 h × $100 ÷ D)
    /// = $118.51/day. Month 7 pays half a year's: 0.7^0.5 = 0.83666 of the API's price.
    #[test]
    fn prices_that_move_by_hand() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 20_000.0;
        sc.growth.api_price_change_per_year = -0.3;
        sc.growth.gpu_price_change_per_year = -0.2;
        let t = timeline(&sc);
        let m1 = t.months[0];
        assert!((m1.api - 200.0 * DAYS_PER_MONTH).abs() < 1e-9);
        let m13 = t.months[12];
        assert!(
            (m13.api - 140.0 * DAYS_PER_MONTH).abs() < 1e-9,
            "{}",
            m13.api
        );
        let maintenance = 100.0 * 20.0 / DAYS_PER_MONTH;
        let running = 48.0 + 4.8 + maintenance;
        assert!((m13.self_host - running * DAYS_PER_MONTH).abs() < 1e-9);
        assert!((118.508 - running).abs() < 1e-3);
        let m7 = t.months[6];
        assert!((m7.api - 200.0 * 0.7f64.sqrt() * DAYS_PER_MONTH).abs() < 1e-9);
        // The API line bends: each month's fall is smaller than the one before.
        let d1 = t.months[0].api - t.months[1].api;
        let d2 = t.months[1].api - t.months[2].api;
        assert!(d1 > d2 && d2 > 0.0);
        assert_eq!(price_factor(0.0, 100), 1.0);
        assert_eq!(price_factor(-1.0, 1), 1.0);
        assert_eq!(price_factor(-1.0, 2), 0.0);
    }

    /// Month 13 of cost.rs's tiered per-second scenario at a flat 400,000 requests/day with
    /// API prices −50% a year and GPU prices −20%: both API tiers pay half, every per-second
    /// GPU term 0.8 (hand-worked in `cost::repriced`). Running cost a day: the API 1,600.00;
    /// self-hosting 346.32 and the hybrid 505.52, each less the setup's 32.00 amortization.
    #[test]
    fn prices_that_move_reach_the_cheap_tier_and_per_second_billing() {
        let mut sc = crate::model::cost::repriced::tiered_per_second();
        sc.growth.api_price_change_per_year = -0.5;
        sc.growth.gpu_price_change_per_year = -0.2;
        let t = timeline(&sc);
        let m13 = t.months[12];
        let near = |got: f64, want: f64| (got - want).abs() <= 1e-9 * want;
        assert!(near(m13.api, 1_600.0 * DAYS_PER_MONTH), "{}", m13.api);
        assert!(
            near(m13.self_host, 314.32 * DAYS_PER_MONTH),
            "{}",
            m13.self_host
        );
        assert!(near(m13.hybrid, 473.52 * DAYS_PER_MONTH), "{}", m13.hybrid);
        assert_eq!(m13.replicas, 3.0);
    }

    /// docs/MODEL.md §8.1's worked example: every term of the owned fleet's month non-zero.
    /// 2-GPU servers at $4,000 a GPU (+25%): $10,000 a server, written off over 2.5 months
    /// ($4,000 a month, the last half month $2,000); power 2 × 0.625 kW × 1.6 × 24 h ×
    /// $0.125 = $6/day and colocation $20/day: $791.375 a server-month; fixed $10/day and
    /// 20 h of upkeep at $100: $2,304.375 a month. 150,000 requests/day (2 replicas, 1 server),
    /// ×2 in month 2 (3 replicas, 2 servers), ×0.5 in month 4 (1 server needed, 2 kept), ×3 in
    /// month 5 (5 replicas, 3 servers).
    pub(crate) fn owned_example() -> Scenario {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 150_000.0;
        sc.self_host.fixed_per_month = 304.375;
        sc.growth.horizon_months = 6;
        sc.growth.steps = [(2, 2.0), (4, 0.5), (5, 3.0)]
            .map(|(month, factor)| GrowthStep { month, factor })
            .to_vec();
        let o = &mut sc.owned;
        o.enabled = true;
        o.gpus_per_server = 2;
        o.gpu_purchase_price = 4_000.0;
        o.server_overhead_share = 0.25;
        o.depreciation_months = 2.5;
        o.power_per_gpu_watts = 625.0;
        o.pue = 1.6;
        o.electricity_per_kwh = 0.125;
        o.colocation_per_server_per_month = 608.75;
        sc
    }

    #[test]
    fn owned_months_by_hand() {
        let sc = owned_example();
        let t = timeline(&sc);
        let m = &t.months;
        let servers: Vec<f64> = m.iter().map(|m| m.servers).collect();
        assert_eq!(
            servers,
            [1.0, 2.0, 2.0, 2.0, 3.0, 3.0],
            "kept when traffic falls"
        );
        let bought: Vec<f64> = m.iter().map(|m| m.owned_purchase).collect();
        assert_eq!(bought, [10_000.0, 10_000.0, 0.0, 0.0, 10_000.0, 0.0]);
        // Depreciation 4,000; 8,000; 6,000 (month 1's last half); 2,000; 4,000; 4,000.
        let by_hand = [
            4_000.0 + 791.375 + 2_304.375,
            8_000.0 + 2.0 * 791.375 + 2_304.375,
            6_000.0 + 2.0 * 791.375 + 2_304.375,
            2_000.0 + 2.0 * 791.375 + 2_304.375,
            4_000.0 + 3.0 * 791.375 + 2_304.375,
            4_000.0 + 3.0 * 791.375 + 2_304.375,
        ];
        for (got, want) in m.iter().zip(by_hand) {
            assert!((got.owned - want).abs() < 1e-9, "{} vs {want}", got.owned);
        }
        assert!((m[0].owned - 7_095.75).abs() < 1e-9);
        assert!((m[5].cumulative_owned - 60_114.125).abs() < 1e-9);
        // Rented: 2, 3, 3, 2, 5, 5 replicas at $66/day each, plus the same $2,304.375.
        let rented = [2.0, 3.0, 3.0, 2.0, 5.0, 5.0].map(|r| r * 66.0 * DAYS_PER_MONTH + 2_304.375);
        for (got, want) in m.iter().zip(rented) {
            assert!((got.self_host - want).abs() < 1e-9);
        }
        assert!((m[5].cumulative_self_host - 62_003.75).abs() < 1e-9);
        assert!((m[4].cumulative_owned - 51_435.625).abs() < 1e-9);
        assert!((m[4].cumulative_self_host - 49_655.0).abs() < 1e-9);
        let o = t.owned.unwrap();
        assert_eq!(o.first_month_buying_beats_renting, Some(6));
        assert!((o.saving_over_renting - 1_889.625).abs() < 1e-9);
        assert_eq!(o.purchases, 30_000.0);
        assert!((o.book_value_at_horizon - 2_000.0).abs() < 1e-9);
        // The API costs $1,500/day in month 1: owning is cheaper from the start, and buying
        // from month 1 beats renting from month 1, so the switch goes to the owned fleet.
        assert_eq!(o.first_month_cheaper, Some(1));
        assert_eq!(o.first_month_repaid, Some(1));
        assert_eq!(t.switch_to, Choice::Owned);
        assert_eq!(t.best_switch_month, Some(1));
        let api: f64 = m.iter().map(|m| m.api).sum();
        assert!((api - 547_875.0).abs() < 1e-6);
        assert!((t.savings_at_horizon - (547_875.0 - 60_114.125)).abs() < 1e-6);
        assert_eq!(t.switch_phrase(), " to the owned fleet");
        // In cash: the purchases when made, the book value taken back in month 6.
        let cash = [
            10_000.0 + 791.375 + 2_304.375,
            10_000.0 + 2.0 * 791.375 + 2_304.375,
        ];
        for (got, want) in m.iter().zip(cash) {
            assert!((got.owned_cash - want).abs() < 1e-9, "{}", got.owned_cash);
        }
        assert!((m[4].cumulative_owned_cash - 57_435.625).abs() < 1e-9);
        assert!((m[5].owned_cash - (3.0 * 791.375 + 2_304.375 - 2_000.0)).abs() < 1e-9);
        assert!((m[5].cumulative_owned_cash - m[5].cumulative_owned).abs() < 1e-9);
        let dep: Vec<f64> = m.iter().map(|m| m.owned_depreciation).collect();
        assert_eq!(dep, [4_000.0, 8_000.0, 6_000.0, 2_000.0, 4_000.0, 4_000.0]);
    }

    /// docs/MODEL.md §8.1's second worked example: every term of ownership non-zero (server
    /// power, support, cost of capital, resale value, a falling purchase price), by hand.
    #[test]
    fn owned_tco_months_by_hand() {
        let mut sc = owned_example();
        sc.owned.server_power_watts = 125.0;
        sc.owned.support_share_per_year = 0.12;
        sc.owned.cost_of_capital_per_year = 0.06;
        sc.owned.resale_share = 0.2;
        sc.growth.purchase_price_change_per_year = -0.2;
        let t = timeline(&sc);
        let m = &t.months;
        // Servers bought in months 1, 2 and 5 at 10,000 · 0.8^((m − 1) / 12).
        let price = |month: i32| 10_000.0 * 0.8f64.powf(f64::from(month - 1) / 12.0);
        let (p1, p2, p5) = (price(1), price(2), price(5));
        let bought: Vec<f64> = m.iter().map(|m| m.owned_purchase).collect();
        assert_eq!(bought, [p1, p2, 0.0, 0.0, p5, 0.0]);
        // Written off 32% of the price a month (0.8 / 2.5), the third month's half 16%.
        let dep = [
            0.32 * p1,
            0.32 * (p1 + p2),
            0.16 * p1 + 0.32 * p2,
            0.16 * p2,
            0.32 * p5,
            0.32 * p5,
        ];
        let mut book = 0.0;
        let mut paid = 0.0;
        let mut cash_total = 8_000.0;
        let run = (6.0 + 0.6 + 20.0) * DAYS_PER_MONTH; // power (with 125 W) and colocation
        for (i, got) in m.iter().enumerate() {
            assert!(
                (got.owned_depreciation - dep[i]).abs() < 1e-9,
                "month {}",
                i + 1
            );
            let before = book + bought[i];
            book = before - dep[i];
            paid += bought[i];
            let running =
                got.servers * run + 0.01 * paid + 0.005 * (before + book) / 2.0 + 2_304.375;
            assert!(
                (got.owned - (dep[i] + running)).abs() < 1e-9,
                "month {}",
                i + 1
            );
            let resale = if i == 5 { book } else { 0.0 };
            let cash = bought[i] + running - resale;
            assert!((got.owned_cash - cash).abs() < 1e-9, "month {}", i + 1);
            cash_total += cash;
            assert!((got.cumulative_owned_cash - cash_total).abs() < 1e-9);
        }
        // The figures docs/MODEL.md prints.
        assert!((m[0].owned_cash - 13_256.012_5).abs() < 1e-9);
        assert!((book - 7_305.097).abs() < 1e-3);
        assert!((m[4].cumulative_owned_cash - 57_933.95).abs() < 5e-3);
        assert!((m[4].cumulative_owned - 47_658.24).abs() < 5e-3);
        assert!((m[5].cumulative_owned_cash - 55_697.08).abs() < 5e-3);
        assert!((m[5].cumulative_owned - m[5].cumulative_owned_cash).abs() < 1e-9);
        let o = t.owned.unwrap();
        assert!((o.book_value_at_horizon - book).abs() < 1e-9);
        // The depreciated line passes rented self-hosting (49,655) in month 5; the cash line,
        // the verdict's, only in month 6.
        assert!(m[4].cumulative_owned < m[4].cumulative_self_host);
        assert_eq!(o.first_month_buying_beats_renting, Some(6));
        assert!((o.saving_over_renting - 6_306.67).abs() < 5e-3);
        assert_eq!((t.switch_to, t.best_switch_month), (Choice::Owned, Some(1)));
        assert!((t.savings_at_horizon - 492_177.92).abs() < 5e-3);
    }

    /// At a flat volume, within the depreciation, an owned month is §6.9's O(V) less the
    /// setup's amortization, times D; GPU rental prices that move leave it alone.
    #[test]
    fn flat_owned_months_are_the_daily_cost() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 1_000_000.0;
        sc.owned.enabled = true;
        sc.growth.horizon_months = 36;
        sc.growth.gpu_price_change_per_year = -0.4;
        let o = Outcome::evaluate(&sc);
        let amort = o.rates.setup_amortization_per_day;
        let t = timeline(&sc);
        for m in &t.months {
            let want = (o.owned.usd_per_day - amort) * DAYS_PER_MONTH;
            assert!(
                (m.owned - want).abs() < 1e-9 * want,
                "{} vs {want}",
                m.owned
            );
        }
        // Past the 36 months of depreciation only the running costs are left.
        sc.growth.horizon_months = 37;
        let t = timeline(&sc);
        let m37 = t.months[36];
        let run = (o.owned.power_usd_per_day
            + o.owned.colocation_usd_per_day
            + o.owned.fixed_usd_per_day
            + o.owned.engineering_usd_per_day
            - amort)
            * DAYS_PER_MONTH;
        assert!((m37.owned - run).abs() < 1e-9 * run);
        assert_eq!(t.owned.unwrap().book_value_at_horizon, 0.0);
    }

    #[test]
    fn without_owning_the_owned_columns_are_empty() {
        let t = timeline(&Scenario::default());
        assert_eq!(t.owned, None);
        assert!(t.months.iter().all(|m| (
            m.owned,
            m.cumulative_owned,
            m.servers,
            m.owned_purchase
        ) == (0.0, 0.0, 0.0, 0.0)));
    }

    /// docs/MODEL.md §8.2: 5 ops hours a month per replica beyond the first, 40 available,
    /// 20 of upkeep: an option is excluded once it runs 6 replicas (20 + 5 · 5 = 45 > 40).
    /// From 100,000 requests/day growing 30% a month, self-hosting needs 6 replicas (100,800
    /// requests/day each) past 504,000/day: month 8 (100,000 × 1.3^7 = 627,485); the hybrid's
    /// local 70% past 720,000/day: month 9 (815,731).
    #[test]
    fn exclusions_that_start_as_traffic_grows() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 100_000.0;
        sc.growth.monthly_rate = 0.3;
        sc.engineering.ops_hours_per_replica_month = 5.0;
        let t = timeline(&sc);
        assert!(t.allowed.is_allowed(Choice::SelfHost), "allowed today");
        assert_eq!(t.months[6].replicas, 5.0);
        assert_eq!(t.months[7].replicas, 7.0);
        assert_eq!(t.excluded_from(Choice::SelfHost), Some(8));
        assert_eq!(t.excluded_from(Choice::Hybrid), Some(9));
        assert_eq!(t.excluded_from(Choice::Api), None);
        assert_eq!(
            t.later_exclusion_lines(),
            [
                "Hybrid excluded from month 9: too few ops hours",
                "Self-host excluded from month 8: too few ops hours"
            ]
        );
        // Every switch would be to an option excluded before the horizon.
        assert_eq!(t.best_switch_month, None);
        assert_eq!(t.savings_at_horizon, 0.0);
        // Over 7 months both stay allowed, and the switch is as before.
        sc.growth.horizon_months = 7;
        let t = timeline(&sc);
        assert!(t.later_exclusions.is_empty());
        assert_eq!(t.best_switch_month, Some(1));
        // Without per-replica upkeep nothing changes month by month.
        sc.growth.horizon_months = 24;
        sc.engineering.ops_hours_per_replica_month = 0.0;
        assert!(timeline(&sc).later_exclusions.is_empty());
    }

    /// docs/MODEL.md §8.2: an option excluded in every month is never switched to, whatever
    /// it would save; the month answers stay the challenger's.
    #[test]
    fn no_switch_to_an_option_excluded_every_month() {
        let mut sc = Scenario::default();
        sc.constraints.ops_hours_per_month = 10.0;
        sc.growth.monthly_rate = 0.3;
        let t = timeline(&sc);
        assert_eq!(t.challenger, Choice::SelfHost);
        assert!(t.excluded_throughout);
        assert_eq!((t.best_switch_month, t.savings_at_horizon), (None, 0.0));
        assert_eq!(t.first_month_cheaper, Some(3));
        assert_eq!(
            t.no_switch_sentence().as_deref(),
            Some("Staying on the API: the constraints exclude self-hosting to the end of the horizon (too few ops hours).")
        );
        // With the owned fleet offered, it is excluded too: still no switch.
        sc.owned.enabled = true;
        assert_eq!(timeline(&sc).best_switch_month, None);
    }

    /// The hybrid as the challenger (frontier quality): both month answers are its own.
    #[test]
    fn the_challengers_months() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 2_000.0;
        sc.growth.monthly_rate = 0.5;
        sc.constraints.needs_frontier_quality = true;
        let t = timeline(&sc);
        assert_eq!(t.challenger, Choice::Hybrid);
        assert_eq!(
            (t.first_month_cheaper, t.first_month_repaid),
            (Some(7), Some(10))
        );
        assert_eq!(
            (t.best_switch_month, t.switch_to),
            (Some(7), Choice::Hybrid)
        );
        assert_eq!(t.challenger_noun(), "The hybrid");
        // Self-hosting's own months would have been 6 and 9.
        sc.constraints.needs_frontier_quality = false;
        let t = timeline(&sc);
        assert_eq!(
            (t.first_month_cheaper, t.first_month_repaid),
            (Some(6), Some(9))
        );
        assert_eq!(t.switch_phrase(), " to self-hosting");
    }

    /// Privacy excludes the API: nothing compares with it or switches from it, and the
    /// cheapest allowed option from month 1 is named (renting here; buying when it costs less
    /// by the horizon).
    #[test]
    fn with_the_api_excluded_the_allowed_options_are_compared() {
        let mut sc = owned_example();
        sc.constraints.data_must_stay_in_house = true;
        let t = timeline(&sc);
        assert_eq!(t.api_excluded, Some(Exclusion::Privacy));
        assert_eq!((t.first_month_cheaper, t.first_month_repaid), (None, None));
        assert_eq!(t.best_switch_month, None);
        // §8.1's example: owning costs 60,114.12 by month 6, renting 62,003.75.
        assert_eq!(t.cheapest_from_start, Some(Choice::Owned));
        assert_eq!(t.switch_to, Choice::Owned);
        let o = t.owned.unwrap();
        assert_eq!((o.first_month_cheaper, o.first_month_repaid), (None, None));
        assert_eq!(o.first_month_buying_beats_renting, Some(6));
        assert!(t.no_switch_sentence().unwrap().contains(
            "of the options allowed, the owned fleet from month 1 costs least over the 6 months"
        ));
        sc.owned.enabled = false;
        assert_eq!(timeline(&sc).cheapest_from_start, Some(Choice::SelfHost));
    }

    /// A deadline binds the launch: 80 setup hours are 2 weeks (0.46 months), so an option
    /// that needs the setup is allowed from month 2; 400 hours (10 weeks, 2.3 months) from
    /// month 4.
    #[test]
    fn a_deadline_excludes_only_the_months_before_the_setup_is_done() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 100_000.0;
        sc.constraints.launch_deadline_weeks = 1.0;
        assert_eq!(Rules::new(&sc).first_month_after_setup(), 2);
        let t = timeline(&sc);
        assert_eq!(t.first_month_cheaper, Some(1));
        assert_eq!(
            (t.best_switch_month, t.switch_to),
            (Some(2), Choice::SelfHost)
        );
        assert!(t.later_exclusions.is_empty());
        sc.engineering.setup_hours = 400.0;
        assert_eq!(Rules::new(&sc).first_month_after_setup(), 4);
        assert_eq!(timeline(&sc).best_switch_month, Some(4));
        sc.constraints.launch_deadline_weeks = 0.0;
        assert_eq!(Rules::new(&sc).first_month_after_setup(), 1);
        assert_eq!(timeline(&sc).best_switch_month, Some(1));
    }

    /// docs/MODEL.md §8.3: the defaults at 1,000,000 requests/day (10 replicas) falling to a
    /// tenth in month 4 (1 replica), reserved for 12 months, over 16 months. The 10 replicas
    /// reserved in month 1 are billed through month 12: months 4 to 12 pay 9 idle replicas,
    /// 9 × $66 × D = $18,079.88 a month on top of the one needed; in month 13 the reservations
    /// end and 1 replica is reserved again. Committed after month 1: 10 × 11 months × $66 × D
    /// = $220,976.25.
    #[test]
    fn a_reserved_term_through_a_traffic_fall() {
        let mut sc = Scenario::default();
        sc.workload.requests_per_day = 1_000_000.0;
        sc.growth.horizon_months = 16;
        sc.growth.steps = vec![GrowthStep {
            month: 4,
            factor: 0.1,
        }];
        let free = timeline(&sc);
        sc.self_host.billing.reserved_term_months = 12;
        let t = timeline(&sc);
        let rent = 66.0 * DAYS_PER_MONTH;
        let billed: Vec<f64> = t.months.iter().map(|m| m.billed_replicas).collect();
        let needed: Vec<f64> = t.months.iter().map(|m| m.replicas).collect();
        assert_eq!(needed[..4], [10.0, 10.0, 10.0, 1.0]);
        assert_eq!(billed[..3], [10.0; 3]);
        assert_eq!(billed[3..12], [10.0; 9]);
        assert_eq!(billed[12..], [1.0; 4]);
        for (m, f) in t.months.iter().zip(&free.months) {
            let idle = m.billed_replicas - m.replicas;
            assert!(
                (m.self_host - (f.self_host + idle * rent)).abs() < 1e-6,
                "{}",
                m.month
            );
        }
        assert!((t.months[3].self_host - t.months[0].self_host).abs() < 1e-6);
        assert!((9.0 * rent - 18_079.875).abs() < 1e-9);
        assert!(
            (t.months[0].committed - 220_976.25).abs() < 1e-6,
            "{}",
            t.months[0].committed
        );
        assert!(
            (t.months[11].committed).abs() < 1e-9,
            "the term ends with month 12"
        );
        assert!((t.months[12].committed - 11.0 * rent).abs() < 1e-6);
        // The hybrid's local stack (7 replicas, then 1) pays its own idle reservations.
        assert!((t.months[3].hybrid - free.months[3].hybrid - 6.0 * rent).abs() < 1e-6);
        // A switch reserves from its own month: switching in month 13 after the fall pays no
        // idle replica, while the month-1 line carries 9 through month 12.
        let line = t.committed_line(12, "USD").unwrap();
        assert!(line.starts_with("Reserved GPUs are billed 12 months from each reservation, needed or not: $220,976.25 of rent committed at the end of month 1; 10 replicas billed in month 4 while the traffic needs 1."), "{line}");
        assert_eq!(free.committed_line(0, "USD"), None);
        assert_eq!(
            billed_under_term(&[2.0, 1.0, 3.0, 0.0, 0.0], 0, 2)
                .iter()
                .map(|b| b.0)
                .collect::<Vec<_>>(),
            [2.0, 2.0, 3.0, 3.0, 0.0]
        );
    }
}
