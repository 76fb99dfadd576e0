//! Which options can serve the scenario's requests at all (docs/MODEL.md §6.4): a request
//! longer than a model's context window, a model that does not fit its GPUs or a latency target
//! no batch meets (when the rates come from the estimate), or no estimate where the scenario
//! asks for one. An option that cannot serve is never allowed, whatever its cost.
//!
//! Facts only: the tokens and limits that decide, and the kind. Sentences are the edge's
//! (`crate::wording`).

use super::scenario::Scenario;
use super::throughput::estimate::{EstimateError, Target};
use super::throughput::replica::{self, estimate_for, Unavailable};
use super::throughput::settings::Source;

/// Why an option cannot serve the scenario's requests, with the figures that decide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unserved {
    /// The API model refuses the input: `input > api.context_window` (the scenario's input
    /// limit).
    ApiInput { input: f64, limit: f64 },
    /// Input + output exceed the API model's total window from the catalog entry in use.
    ApiWindow { tokens: f64, window: f64 },
    /// Input + output exceed the cheap API tier's total window from its catalog entry in use
    /// (only when the hybrid routes requests to the cheap tier).
    CheapWindow { tokens: f64, window: f64 },
    /// Input + output (the local path's own output size) exceed the local model's context.
    LocalWindow { tokens: f64, window: f64 },
    /// The estimate finds the model does not fit the replica's GPUs (`needed`: the fewest
    /// GPUs per replica that hold it, when some do).
    DoesNotFit { gpus: u32, needed: Option<u32> },
    /// The estimate finds no batch size that meets `self_host.ttft_ms` (true) or `tpot_ms`.
    Latency { ttft: bool, target_ms: f64 },
    /// `self_host.throughput = "estimate"` and no estimate can be made for another reason
    /// (model or GPU not in the library, an unsupported GPU count or precision).
    NoEstimate,
}

impl Unserved {
    /// Whether `self` and `other` are the same reason in the same figures: the same kind, a
    /// context window being one reason whether it is the API model's or the local model's
    /// (both read "context window W < T tokens").
    pub(crate) fn same_reason(self, other: Unserved) -> bool {
        use Unserved::{ApiWindow, LocalWindow};
        match (self, other) {
            (
                ApiWindow { tokens, window } | LocalWindow { tokens, window },
                ApiWindow {
                    tokens: t,
                    window: w,
                }
                | LocalWindow {
                    tokens: t,
                    window: w,
                },
            ) => tokens == t && window == w,
            _ => self == other,
        }
    }

    /// The kind's name in JSON: "api_input", "api_window", "cheap_window", "local_window",
    /// "does_not_fit", "latency", "no_estimate".
    pub fn key(self) -> &'static str {
        match self {
            Unserved::ApiInput { .. } => "api_input",
            Unserved::ApiWindow { .. } => "api_window",
            Unserved::CheapWindow { .. } => "cheap_window",
            Unserved::LocalWindow { .. } => "local_window",
            Unserved::DoesNotFit { .. } => "does_not_fit",
            Unserved::Latency { .. } => "latency",
            Unserved::NoEstimate => "no_estimate",
        }
    }
}

/// Each path's verdict: the API's (the API option and the hybrid's API tiers) and the local
/// model's (self-hosting, the owned fleet, the hybrid's local share).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Serving {
    /// Why the API model cannot serve the requests, if it cannot.
    pub api: Option<Unserved>,
    /// Why the self-hosted model cannot serve self-hosting's requests (input + output).
    pub local: Option<Unserved>,
    /// Why it cannot serve the hybrid's local requests (input + the local output size).
    pub hybrid_local: Option<Unserved>,
    /// The estimate's error in full, when the rates come from an estimate that failed.
    pub estimate_error: Option<String>,
    /// The prefill and decode tok/s per replica in force when they come from the estimate
    /// (before `self_host.throughput_factor`); `None` with given rates or a failed estimate.
    pub estimated_rates: Option<(f64, f64)>,
}

impl Serving {
    /// The verdicts for `sc`, with the API model's total window from the catalog entry in use
    /// (`sc.catalog.api_window`, filled by the shell; `None` when unknown).
    pub fn of(sc: &Scenario) -> Serving {
        let (mut s, rates) = Serving::rated(sc, Serving::model_window(sc));
        s.estimated_rates = (sc.self_host.estimate.source == Source::Estimate
            && s.estimate_error.is_none())
        .then_some(rates);
        s
    }

    /// The local model's context window, from its library entry (`None` when the model is
    /// not in the library): with its published extension (YaRN) when it has one, which the
    /// throughput checks then name.
    pub(crate) fn model_window(sc: &Scenario) -> Option<f64> {
        super::throughput::looked::known_model(sc).map(|m| f64::from(m.arch.served_context()))
    }

    /// [`Serving::of`]'s verdicts with the local model's window already looked up, without
    /// the estimated rates (the flip table asks this thousands of times).
    pub(crate) fn with_window(sc: &Scenario, window: Option<f64>) -> Serving {
        Serving::rated(sc, window).0
    }

    /// [`Serving::with_window`], and the prefill and decode tok/s per replica in force
    /// (`replica::rates(sc)`) from the same estimate: one estimate for the verdicts and the
    /// costs.
    pub(crate) fn rated(sc: &Scenario, window: Option<f64>) -> (Serving, (f64, f64)) {
        let w = &sc.workload;
        let api = api_verdict(sc);
        let (estimate, estimate_error, rates) = estimate_verdict(sc);
        let local_window = |output: f64| {
            let tokens = w.input_tokens + output;
            window
                .filter(|&win| tokens > win)
                .map(|window| Unserved::LocalWindow { tokens, window })
        };
        let serving = Serving {
            api,
            local: local_window(w.output_tokens).or(estimate),
            hybrid_local: local_window(w.local_output()).or(estimate),
            estimate_error,
            estimated_rates: None,
        };
        (serving, rates)
    }

    /// Whether the hybrid sends any request to an API tier (a local share below 1, or
    /// escalations): only then does the API's verdict bind it.
    fn hybrid_uses_api(sc: &Scenario) -> bool {
        let h = &sc.hybrid;
        h.local_share < 1.0 || h.local_escalation_rate > 0.0
    }

    /// Why the hybrid cannot serve: its local path first, then its API tiers' (the frontier's,
    /// then the cheap tier's when it has a share).
    pub fn hybrid(&self, sc: &Scenario) -> Option<Unserved> {
        self.hybrid_local
            .or(if Self::hybrid_uses_api(sc) {
                self.api
            } else {
                None
            })
            .or(if sc.hybrid.cheap_share > 0.0 {
                cheap_verdict(sc)
            } else {
                None
            })
    }
}

/// Why the cheap API tier cannot serve: input + output over its catalog entry's total window.
fn cheap_verdict(sc: &Scenario) -> Option<Unserved> {
    over_window(sc, sc.catalog.cheap_window)
        .map(|(tokens, window)| Unserved::CheapWindow { tokens, window })
}

/// Input + output tokens and a catalog entry's total window, when the tokens exceed it.
fn over_window(sc: &Scenario, window: Option<u64>) -> Option<(f64, f64)> {
    let tokens = sc.workload.input_tokens + sc.workload.output_tokens;
    window
        .map(|x| x as f64)
        .filter(|&window| tokens > window)
        .map(|window| (tokens, window))
}

fn api_verdict(sc: &Scenario) -> Option<Unserved> {
    let w = &sc.workload;
    let limit = sc.api.context_window;
    if limit > 0 && w.input_tokens > f64::from(limit) {
        return Some(Unserved::ApiInput {
            input: w.input_tokens,
            limit: f64::from(limit),
        });
    }
    over_window(sc, sc.catalog.api_window)
        .map(|(tokens, window)| Unserved::ApiWindow { tokens, window })
}

/// When the rates come from the estimate: why the estimate says the replica cannot serve, and
/// the estimate's error in full; and the rates in force (the estimate's when it can be made,
/// else the given ones, as `replica::rates`).
fn estimate_verdict(sc: &Scenario) -> (Option<Unserved>, Option<String>, (f64, f64)) {
    let given = replica::given_rates(sc);
    if sc.self_host.estimate.source != Source::Estimate {
        return (None, None, given);
    }
    let e = match estimate_for(sc) {
        // The best the replica does still misses a latency target: it cannot serve.
        Ok(e) => {
            let rates = replica::estimated_rates(sc, &e);
            let targets = replica::targets(sc);
            let Some(why) = e.missed_target(&targets) else {
                return (None, None, rates);
            };
            let ttft = e.bound == super::throughput::Bound::TimeToFirstToken;
            let target_ms = if ttft {
                targets.ttft_ms
            } else {
                targets.tpot_ms
            };
            let unserved = Unserved::Latency {
                ttft,
                target_ms: target_ms.unwrap_or(0.0),
            };
            return (Some(unserved), Some(why), rates);
        }
        Err(e) => e,
    };
    let why = match &e {
        Unavailable::Estimate(EstimateError::DoesNotFit { gpus, needed, .. }) => {
            Unserved::DoesNotFit {
                gpus: *gpus,
                needed: *needed,
            }
        }
        Unavailable::Estimate(EstimateError::Unreachable(t)) => match *t {
            Target::Ttft(ms) => Unserved::Latency {
                ttft: true,
                target_ms: ms,
            },
            Target::Tpot(ms) => Unserved::Latency {
                ttft: false,
                target_ms: ms,
            },
        },
        _ => Unserved::NoEstimate,
    };
    (Some(why), Some(e.to_string()), given)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reasons are merged on their typed figures: a window is a window, whoever's it is.
    #[test]
    fn the_same_reason_is_the_same_kind_and_figures() {
        let (tokens, window) = (63_000.0, 32_768.0);
        let api = Unserved::ApiWindow { tokens, window };
        let local = Unserved::LocalWindow { tokens, window };
        assert!(api.same_reason(local) && local.same_reason(api));
        let wider = Unserved::LocalWindow {
            tokens,
            window: 65_536.0,
        };
        assert!(!api.same_reason(wider));
        assert!(!api.same_reason(Unserved::CheapWindow { tokens, window }));
        assert!(Unserved::NoEstimate.same_reason(Unserved::NoEstimate));
        let fit = |needed| Unserved::DoesNotFit { gpus: 1, needed };
        assert!(fit(Some(2)).same_reason(fit(Some(2))) && !fit(Some(2)).same_reason(fit(None)));
    }

    /// Mixtral 8x7B's window is 32,768 tokens: 32,000 + 768 fit, one more does not; the API's
    /// input limit and total window likewise, each exactly met being no refusal.
    #[test]
    fn windows_exactly_met_serve_one_more_token_does_not() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.model = "Mixtral 8x7B".into();
        sc.workload.input_tokens = 32_000.0;
        sc.workload.output_tokens = 768.0;
        sc.api.context_window = 32_000;
        sc.catalog.api_window = Some(32_768);
        assert_eq!(Serving::of(&sc), Serving::default());
        sc.workload.input_tokens += 1.0;
        let s = Serving::of(&sc);
        assert_eq!(
            s.local,
            Some(Unserved::LocalWindow {
                tokens: 32_769.0,
                window: 32_768.0
            })
        );
        assert_eq!(
            s.api,
            Some(Unserved::ApiInput {
                input: 32_001.0,
                limit: 32_000.0
            })
        );
        sc.api.context_window = 0;
        assert!(matches!(
            Serving::of(&sc).api,
            Some(Unserved::ApiWindow { .. })
        ));
        // The hybrid's local path at its own output size fits.
        sc.workload.local_output_tokens = 100.0;
        let s = Serving::of(&sc);
        assert_eq!(s.hybrid_local, None);
        assert!(s.hybrid(&sc).is_some(), "its API tiers cannot serve");
        sc.hybrid.local_share = 1.0;
        assert_eq!(s.hybrid(&sc), None, "no request goes to the API");
    }

    /// The cheap tier's model (GPT-4o mini, 128,000 tokens) binds the hybrid only when it has
    /// a share: 127,500 + 500 tokens fit, one more does not.
    #[test]
    fn the_cheap_tier_window_binds_the_hybrid_when_it_has_a_share() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.workload.input_tokens = 127_501.0;
        sc.workload.output_tokens = 500.0;
        sc.catalog.cheap_window = Some(128_000);
        assert_eq!(Serving::of(&sc).hybrid(&sc), None, "no cheap share");
        sc.hybrid.cheap_share = 0.2;
        let s = Serving::of(&sc);
        assert_eq!(
            s.hybrid(&sc),
            Some(Unserved::CheapWindow {
                tokens: 128_001.0,
                window: 128_000.0
            })
        );
        assert_eq!(s.local, None);
        sc.workload.input_tokens -= 1.0;
        assert_eq!(Serving::of(&sc).hybrid(&sc), None);
    }

    /// An estimate that cannot be made leaves self-hosting unable to serve, with the reason;
    /// given rates are the user's measurement and serve.
    #[test]
    fn a_failed_estimate_cannot_serve_given_rates_can() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.model = "Llama 3.1 70B".into();
        sc.self_host.estimate.precision = crate::model::throughput::Precision::Fp8;
        sc.workload.input_tokens = 60_000.0;
        sc.workload.output_tokens = 3_000.0;
        assert_eq!(Serving::of(&sc).local, None, "given rates");
        sc.self_host.estimate.source = Source::Estimate;
        let s = Serving::of(&sc);
        assert!(
            matches!(s.local, Some(Unserved::DoesNotFit { gpus: 1, .. })),
            "{s:?}"
        );
        assert!(s.estimate_error.unwrap().contains("does not fit"));
        sc.self_host.gpus_per_replica = 3;
        assert_eq!(Serving::of(&sc).local, Some(Unserved::NoEstimate));
    }
}
