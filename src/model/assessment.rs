//! One assessment of a scenario, computed once, that every surface renders: the outcome (each
//! option's costs, what is allowed and why not, the verdict), the recommended option's
//! break-even and payback, and the findings (blockers, warnings, notes), each once.
//!
//! Pure: the catalog and today's date are inputs. The blockers' words come from
//! [`crate::wording`]; the other findings keep the sentences of the checks that make them.

use super::outcome::Outcome;
use super::recommend::Choice;
use super::scenario::Scenario;
use super::serving::Unserved;
use crate::catalog::Catalog;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// An option cannot serve the requests, or none can.
    Blocker,
    /// Something wrong or risky about the figures.
    Warning,
    /// Where a figure comes from: sources, estimates, sizing, what a pick did.
    Note,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Blocker => "blocker",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An option cannot serve the requests.
    CannotServe,
    /// No option can.
    NoneCanServe,
    /// The throughput checks: a given rate above a ceiling, a model that does not fit.
    Throughput,
    /// The throughput is an estimate (or calibrated), and what binds it.
    Estimate,
    /// A stale or undated price.
    Stale,
    /// A billing mode's or offering's caveat.
    Billing,
    /// The owned fleet's figures that could not follow the GPU.
    Owned,
    /// A note from the shell: what a catalog pick set or kept, a source.
    Source,
    /// Anything else the shell passes on (a broken import, the calibration store).
    Other,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::CannotServe => "cannot_serve",
            Kind::NoneCanServe => "none_can_serve",
            Kind::Throughput => "throughput",
            Kind::Estimate => "estimate",
            Kind::Stale => "stale_price",
            Kind::Billing => "billing",
            Kind::Owned => "owned",
            Kind::Source => "source",
            Kind::Other => "other",
        }
    }
}

/// One thing a user should know, said once.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub kind: Kind,
    /// The option it concerns, if one.
    pub option: Option<Choice>,
    pub text: String,
}

/// Everything any surface shows about one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The scenario as assessed: with the catalog's facts it needs filled in ([`resolve`]).
    pub scenario: Scenario,
    pub outcome: Outcome,
    /// The recommended option's payback: the hybrid's when it is recommended, else
    /// self-hosting's (the contract's `payback_months`); `None` when nothing is recommended
    /// or it saves nothing.
    pub recommended_payback_months: Option<f64>,
    /// Blockers first, then warnings, then notes; each once.
    pub findings: Vec<Finding>,
}

/// `sc` with the catalog facts the model needs: the total context windows of the API model's
/// and the cheap tier model's catalog entries in use (imports included); and the day it is
/// assessed on (`today`, `YYYY-MM-DD`), whose price of `api.price_schedule` the daily view
/// costs (docs/MODEL.md §6.11).
pub fn resolve(sc: &Scenario, catalog: &Catalog, today: &str) -> Scenario {
    let mut sc = sc.clone();
    let window = |name: &str| catalog.api_model(name).ok().and_then(|m| m.context_window);
    sc.catalog.api_window = window(&sc.api.model);
    sc.catalog.cheap_window = window(&sc.hybrid.cheap_model);
    super::throughput::looked::look_up(&mut sc, &catalog.library);
    sc.catalog.today = today.to_string();
    super::price_schedule::apply_today(&mut sc);
    sc
}

impl Assessment {
    /// Assess `sc` against `catalog` on `today` (`YYYY-MM-DD`).
    pub fn of(sc: &Scenario, catalog: &Catalog, today: &str) -> Assessment {
        let sc = resolve(sc, catalog, today);
        let outcome = Outcome::evaluate(&sc);
        Assessment::with_outcome(sc, outcome, catalog, today)
    }

    /// [`Assessment::of`] for a scenario already resolved whose outcome the caller holds.
    pub fn with_outcome(sc: Scenario, outcome: Outcome, catalog: &Catalog, today: &str) -> Self {
        let recommended_payback_months = outcome.recommended_payback_months;
        let mut a = Assessment {
            findings: Vec::new(),
            recommended_payback_months,
            outcome,
            scenario: sc,
        };
        a.add_blockers();
        a.add_checks(catalog);
        for w in crate::wording::stale_warnings(&super::staleness::stale(&a.scenario, today)) {
            a.add(Severity::Warning, Kind::Stale, None, w);
        }
        for w in catalog_dates(&a.scenario, catalog, today) {
            a.add(Severity::Warning, Kind::Stale, None, w);
        }
        for w in super::owned_inputs::warnings(&a.scenario) {
            a.add(Severity::Warning, Kind::Owned, Some(Choice::Owned), w);
        }
        if let Some(f) = super::price_schedule::in_force(&a.scenario) {
            let text = crate::wording::price_schedule(&f, &a.scenario.currency);
            a.add(Severity::Note, Kind::Source, Some(Choice::Api), text);
        }
        a.sort();
        a
    }

    /// Add what the shell knows besides the scenario: notes (sources, picks) and warnings (a
    /// broken import), each once.
    pub fn with_shell(mut self, notes: &[String], warnings: &[String]) -> Assessment {
        for n in notes {
            self.add(Severity::Note, Kind::Source, None, n.clone());
        }
        for w in warnings {
            self.add(Severity::Warning, Kind::Other, None, w.clone());
        }
        self.sort();
        self
    }

    fn sort(&mut self) {
        self.findings.sort_by_key(|f| f.severity);
    }

    /// Add a finding unless the same text is there already.
    pub fn add(&mut self, severity: Severity, kind: Kind, option: Option<Choice>, text: String) {
        if !self.findings.iter().any(|f| f.text == text) {
            self.findings.push(Finding {
                severity,
                kind,
                option,
                text,
            });
        }
    }

    /// One blocker per reason an option cannot serve (the hybrid's and the owned fleet's
    /// only when theirs differs), and one when none can.
    fn add_blockers(&mut self) {
        let o = &self.outcome;
        let mut said: Vec<Unserved> = Vec::new();
        let mut blockers = Vec::new();
        for c in [Choice::Api, Choice::SelfHost, Choice::Hybrid, Choice::Owned] {
            if c == Choice::Owned && !o.owned_enabled {
                continue;
            }
            let Some(u) = o.allowed.unserved(c) else {
                continue;
            };
            if said.contains(&u) {
                continue;
            }
            said.push(u);
            // The estimate's own message says why it could not be made.
            let detail = match u {
                Unserved::DoesNotFit { .. } | Unserved::Latency { .. } | Unserved::NoEstimate => {
                    o.serving.estimate_error.as_deref()
                }
                _ => None,
            };
            blockers.push((c, crate::wording::cannot_serve(c, u, detail)));
        }
        if o.recommendation.choice.is_none() {
            let why = o.recommendation.reasons.first().map_or(String::new(), |r| {
                crate::wording::reason(r, &self.scenario.currency)
            });
            self.add(Severity::Blocker, Kind::NoneCanServe, None, why);
        }
        for (c, text) in blockers {
            self.add(Severity::Blocker, Kind::CannotServe, Some(c), text);
        }
    }

    /// The throughput checks, but for what the blockers say already (context windows, an
    /// estimate that could not be made), and the billing notes.
    fn add_checks(&mut self, catalog: &Catalog) {
        let sc = &self.scenario;
        let checks = super::throughput::checks::checks(sc, None);
        let mut found = Vec::new();
        for c in &checks.found {
            let w = crate::wording::checks::check(c);
            if said_by_blockers(&w) {
                continue;
            }
            use super::throughput::checks::Check;
            if matches!(c, Check::Estimated { .. }) {
                found.push((Severity::Note, Kind::Estimate, Some(Choice::SelfHost), w));
            } else if matches!(c, Check::Regimes { warn: false, .. }) {
                // Outside the calibrated regimes, but the nearest one's error is 25% or less:
                // a note ("note: …"), not a warning.
                found.push((Severity::Note, Kind::Throughput, Some(Choice::SelfHost), w));
            } else {
                found.push((
                    Severity::Warning,
                    Kind::Throughput,
                    Some(Choice::SelfHost),
                    w,
                ));
            }
        }
        found.extend(
            hourly_offering(sc, catalog)
                .map(|w| (Severity::Warning, Kind::Billing, Some(Choice::SelfHost), w)),
        );
        for n in sc.self_host.billing.notes() {
            found.push((Severity::Warning, Kind::Billing, Some(Choice::SelfHost), n));
        }
        for (s, k, c, t) in found {
            self.add(s, k, c, t);
        }
    }

    /// The findings of one severity, in order.
    pub fn of_severity(&self, s: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity == s)
    }

    /// What is wrong or risky: blockers first, then warnings (JSON `warnings`).
    pub fn warnings(&self) -> Vec<String> {
        self.findings
            .iter()
            .filter(|f| f.severity != Severity::Note)
            .map(|f| f.text.clone())
            .collect()
    }

    /// Sources, estimates, sizing, picks (JSON `notes`).
    pub fn notes(&self) -> Vec<String> {
        self.of_severity(Severity::Note)
            .map(|f| f.text.clone())
            .collect()
    }
}

/// The dates the dashboard's title shows: a price that is a catalog entry's carries that
/// entry's date, whatever `prices_as_of` says. A stale one the scenario's own dates did not
/// already name is warned about too, so every surface says what the title says.
fn catalog_dates(sc: &Scenario, catalog: &Catalog, today: &str) -> Vec<String> {
    // The scenario's own date already warned about: nothing more to say.
    if super::staleness::stale(sc, today)
        .iter()
        .any(|s| s.what == "prices")
    {
        return Vec::new();
    }
    let dates = crate::catalog::dates::PriceDates::of(sc, catalog);
    let stale = super::staleness::STALE_AFTER_MONTHS;
    [
        ("API", dates.api, &sc.catalog.api_as_of),
        ("GPU", dates.gpu, &sc.catalog.gpu_as_of),
    ]
    .into_iter()
    .filter(|(_, d, picked)| !d.is_empty() && *d != sc.prices_as_of && *d != **picked)
    .filter_map(|(what, d, _)| {
        let m = super::staleness::months_old(&d, today).filter(|m| *m > stale)?;
        Some(crate::wording::stale_catalog_entry(what, &d, m, stale))
    })
    .collect()
}

/// Whether a throughput check's sentence says what a blocker says already (a context window
/// exceeded, an estimate that could not be made), so that it is said once.
pub fn said_by_blockers(w: &str) -> bool {
    w.ends_with("it cannot serve these requests") || w.starts_with("no throughput estimate (")
}

/// A warning when per-second billing is chosen on a catalog offering that bills by the hour:
/// the per-second figures would then be lower than the bill. Not on a reservation, which is
/// billed always on whatever the mode (its own note says so).
fn hourly_offering(sc: &Scenario, catalog: &Catalog) -> Option<String> {
    let offering = &sc.catalog.gpu_offering;
    if sc.self_host.billing.effective_mode() != super::billing::Mode::PerSecond
        || offering.is_empty()
    {
        return None;
    }
    let gpu = catalog.gpu(&sc.self_host.gpu).ok()?;
    let o = catalog
        .offerings_of(gpu)
        .into_iter()
        .find(|o| &o.name == offering && o.billing == "hourly")?;
    Some(crate::wording::hourly_offering(&o.label(), &o.provider))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The case: 63k-token requests on Mixtral (32k context). Self-hosting cannot
    /// serve, so it is neither recommended nor cheapest allowed, and a blocker says why, once.
    #[test]
    fn an_option_that_cannot_serve_is_never_recommended() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.model = "Mixtral 8x7B".into();
        sc.self_host.gpus_per_replica = 2;
        sc.workload.input_tokens = 60_000.0;
        sc.workload.output_tokens = 3_000.0;
        sc.workload.requests_per_day = 2e6;
        let a = Assessment::of(&sc, &crate::catalog::shipped(), "2026-12-01");
        let o = &a.outcome;
        assert!(o.usd_per_day(Choice::SelfHost) < o.usd_per_day(Choice::Api));
        assert_ne!(o.recommendation.choice, Some(Choice::SelfHost));
        assert_ne!(o.cheapest_allowed, Some(Choice::SelfHost));
        let blockers: Vec<_> = a.of_severity(Severity::Blocker).collect();
        assert_eq!(blockers.len(), 1, "{blockers:?}");
        assert_eq!(
            blockers[0].text,
            "Self-host cannot serve these requests: context window 32,768 < 63,000 tokens"
        );
        assert!(!a.warnings().iter().any(|w| w.contains("exceed")));
        // With the API refusing too, nothing can serve.
        sc.api.context_window = 1_000;
        let a = Assessment::of(&sc, &crate::catalog::shipped(), "2026-12-01");
        assert_eq!(a.outcome.recommendation.choice, None);
        assert_eq!(a.outcome.cheapest_allowed, None);
        assert_eq!(a.recommended_payback_months, None);
        assert!(a.warnings()[0].starts_with("None of the options can serve these requests"));
    }

    /// The payback beside a recommended hybrid is the hybrid's own.
    use crate::model::breakeven::payback_months;

    #[test]
    fn the_recommended_payback_is_the_recommended_options() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.workload.requests_per_day = 1e6;
        sc.constraints.needs_frontier_quality = true;
        let a = Assessment::of(&sc, &Catalog::default(), "2026-12-01");
        assert_eq!(a.outcome.recommendation.choice, Some(Choice::Hybrid));
        let o = &a.outcome;
        let own = payback_months(&o.rates, o.api.usd_per_day, o.hybrid.usd_per_day);
        assert_eq!(a.recommended_payback_months, own);
        assert_ne!(a.recommended_payback_months, o.payback_months);
    }
}
