//! `--set section.key=value`: one scenario key changed from the command line, typed by its key
//! and checked against the same ranges as a preset file.

use super::error::InputError;
use super::parse::unknown_key;
use crate::model::fields::{self, check_cross, Kind, Value};
use crate::model::throughput::settings::Source;
use crate::model::Scenario;

/// The two rates a user may type (docs/MODEL.md §6.2).
const RATES: [&str; 2] = [
    "self_host.prefill_tokens_per_second",
    "self_host.decode_tokens_per_second",
];

/// An explicit rate means given rates (docs/MODEL.md §6.2): on a scenario that used the
/// estimate (`estimated`: its prefill and decode rates before the `--set`s), a `--set` of
/// either rate without one of `self_host.throughput` switches the throughput to given, the
/// other rate keeping the estimate's figure. The note says so; `None` when nothing switched.
fn given_by_set(
    sc: &mut Scenario,
    sets: &[String],
    estimated: Option<(f64, f64)>,
) -> Option<String> {
    let (prefill, decode) = estimated?;
    let keys: Vec<&str> = sets
        .iter()
        .map(|s| s.split_once('=').map_or(s.as_str(), |(k, _)| k).trim())
        .collect();
    let typed = RATES.map(|k| keys.contains(&k));
    if keys.contains(&"self_host.throughput")
        || sc.self_host.estimate.source != Source::Estimate
        || typed == [false, false]
    {
        return None;
    }
    let sh = &mut sc.self_host;
    sh.estimate.source = Source::Given;
    if !typed[0] {
        sh.prefill_tokens_per_second = prefill;
    }
    if !typed[1] {
        sh.decode_tokens_per_second = decode;
    }
    Some(crate::wording::rates_given_by_set(
        (sh.prefill_tokens_per_second, typed[0]),
        (sh.decode_tokens_per_second, typed[1]),
    ))
}

/// Apply every `KEY=VALUE` in order, then the checks that span several keys. A switch to the
/// estimate (`self_host.throughput=estimate`) drops the `[uncertainty]` ranges on the given
/// rates, and the note returned says so (a file giving both stays an error).
pub fn apply_all(sc: &mut Scenario, sets: &[String]) -> Result<Vec<String>, InputError> {
    let estimated = (sc.self_host.estimate.source == Source::Estimate)
        .then(|| crate::model::throughput::replica::rates(sc));
    for s in sets {
        apply(sc, s)?;
    }
    let mut notes: Vec<String> = given_by_set(sc, sets, estimated).into_iter().collect();
    if fields::drop_estimated_ranges(sc) {
        notes.push(crate::wording::RANGES_DROPPED.to_string());
    }
    check_cross(sc).map_err(|(key, msg)| InputError::new("--set", msg).key(key))?;
    Ok(notes)
}

/// Apply one `KEY=VALUE`.
pub fn apply(sc: &mut Scenario, spec: &str) -> Result<(), InputError> {
    // Echoed in errors: a megabyte of `--set` is shown as its start.
    let origin = format!(
        "--set {}",
        crate::sanitize::clip(spec, crate::sanitize::SHOWN)
    );
    let Some((key, raw)) = spec.split_once('=') else {
        return Err(InputError::new(origin, "is not KEY=VALUE")
            .help("write it like --set workload.requests_per_day=50000"));
    };
    let key = key.trim();
    let raw = raw.trim();
    let Some(f) = fields::field(key) else {
        let (section, bare) = key.split_once('.').unwrap_or(("", key));
        let section = fields::SECTIONS.contains(&section).then_some(section);
        return Err(unknown_key(&origin, key, bare, section));
    };
    // `N%` is N percent on a share; a bare number keeps the key's unit (a fraction).
    let percent = f.percent(raw).map(|r| {
        r.map(Value::Number).map_err(|m| {
            InputError::new(&origin, m.to_string())
                .key(key)
                .help(super::parse::key_help(f, true))
        })
    });
    let value = match percent {
        Some(v) => Some(v?),
        None => parse_value(f.kind, raw),
    };
    let value = value.ok_or_else(|| {
        let e = InputError::new(
            &origin,
            format!(
                "must be {}, not \"{}\"",
                f.kind.describe(),
                crate::sanitize::clip(raw, crate::sanitize::SHOWN)
            ),
        )
        .key(key);
        match f.kind {
            Kind::Number | Kind::Integer => e.help(super::parse::key_help(f, true)),
            _ => e,
        }
    })?;
    f.check(&value).map_err(|m| {
        let with_range = !m.states_allowed();
        InputError::new(&origin, m.to_string())
            .key(key)
            .help(super::parse::key_help(f, with_range))
    })?;
    f.set(sc, value);
    Ok(())
}

/// Text typed by kind: numbers may use `_` between digits; booleans read true/false, yes/no,
/// on/off or 1/0; texts may be quoted.
pub fn parse_value(kind: Kind, raw: &str) -> Option<Value> {
    match kind {
        Kind::Number | Kind::Integer => {
            let clean = raw.replace('_', "");
            clean.parse::<f64>().ok().map(Value::Number)
        }
        Kind::Bool => match raw.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Some(Value::Bool(true)),
            "false" | "no" | "off" | "0" => Some(Value::Bool(false)),
            _ => None,
        },
        Kind::Text => {
            let unquoted = raw
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .unwrap_or(raw);
            Some(Value::Text(unquoted.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(spec: &str) -> Result<Scenario, String> {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        apply_all(&mut sc, &[spec.to_string()])
            .map(|_| sc)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn percent_means_percent_and_a_bare_number_is_a_fraction() {
        let rate = |spec: &str| set(spec).map(|s| s.growth.monthly_rate);
        assert_eq!(rate("growth.monthly_rate=20%"), Ok(0.2));
        assert_eq!(rate("growth.monthly_rate= 7 %"), Ok(0.07));
        assert_eq!(rate("growth.monthly_rate=-10%"), Ok(-0.1));
        assert_eq!(rate("growth.monthly_rate=0.2"), Ok(0.2));
        let e = set("growth.monthly_rate=1500%").unwrap_err();
        assert!(e.contains("out of range"), "{e}");
        let e = set("workload.requests_per_day=50%").unwrap_err();
        assert!(e.contains("is not a share"), "{e}");
        let e = set("api.batch_share=x%").unwrap_err();
        assert!(e.contains("is not a percentage like 20%"), "{e}");
    }

    /// docs/MODEL.md §6.2: a rate typed with `--set` on a scenario that used the estimate
    /// makes the throughput given; the other rate keeps the estimate's figure, and a note
    /// says so. With `self_host.throughput` also set, the user's choice stands.
    #[test]
    fn a_typed_rate_on_an_estimate_means_given_rates() {
        let mut sc = crate::catalog::with_library(&Scenario::default());
        sc.self_host.gpu = "H100 SXM".into();
        sc.self_host.estimate.source = Source::Estimate;
        let (_, decode) = crate::model::throughput::replica::rates(&sc);
        assert!(decode > 0.0 && decode != 2_500.0);
        let mut given = sc.clone();
        let sets = ["self_host.prefill_tokens_per_second=30000".to_string()];
        let notes = apply_all(&mut given, &sets).unwrap();
        assert_eq!(given.self_host.estimate.source, Source::Given);
        assert_eq!(given.self_host.prefill_tokens_per_second, 30_000.0);
        assert_eq!(given.self_host.decode_tokens_per_second, decode);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("30,000 prefill (--set)"), "{}", notes[0]);
        let mut kept = sc.clone();
        let both = [
            "self_host.throughput=estimate".to_string(),
            "self_host.prefill_tokens_per_second=30000".to_string(),
        ];
        assert!(apply_all(&mut kept, &both).unwrap().is_empty());
        assert_eq!(kept.self_host.estimate.source, Source::Estimate);
    }

    #[test]
    fn typed_by_key() {
        assert_eq!(
            set("workload.requests_per_day=50_000")
                .unwrap()
                .workload
                .requests_per_day,
            50_000.0
        );
        assert!(
            set("constraints.data_must_stay_in_house=yes")
                .unwrap()
                .constraints
                .data_must_stay_in_house
        );
        assert_eq!(set("api.model=\"Claude\"").unwrap().api.model, "Claude");
        assert_eq!(
            set("self_host.gpus_per_replica=2")
                .unwrap()
                .self_host
                .gpus_per_replica,
            2
        );
    }

    #[test]
    fn bad_sets_say_what_to_fix() {
        assert_eq!(
            set("workload.requests_per_day=lots").unwrap_err(),
            "--set workload.requests_per_day=lots: workload.requests_per_day must be a number, not \"lots\"\n  help: workload.requests_per_day is V, requests per day, in req/day: allowed ≥ 0 and ≤ 1e12"
        );
        assert!(set("workload.request_per_day=5")
            .unwrap_err()
            .contains("did you mean workload.requests_per_day?"));
        assert!(set("workload").unwrap_err().contains("is not KEY=VALUE"));
        assert!(set("self_host.gpus_per_replica=1.5")
            .unwrap_err()
            .contains("must be a whole number"));
        assert!(set("workload.requests_per_day=-1")
            .unwrap_err()
            .contains("out of range: allowed ≥ 0"));
        assert!(set("workload.requests_per_day=inf")
            .unwrap_err()
            .contains("finite"));
        assert!(set("chart.max_requests_per_day=5")
            .unwrap_err()
            .contains("must be greater than"));
    }
}
