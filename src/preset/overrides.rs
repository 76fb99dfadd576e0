//! `--set section.key=value`: one scenario key changed from the command line, typed by its key
//! and checked against the same ranges as a preset file.

use super::error::InputError;
use super::parse::unknown_key;
use crate::model::fields::{self, check_cross, Kind, Value};
use crate::model::Scenario;

/// Apply every `KEY=VALUE` in order, then the checks that span several keys. A switch to the
/// estimate (`self_host.throughput=estimate`) drops the `[uncertainty]` ranges on the given
/// rates, and the note returned says so (a file giving both stays an error).
pub fn apply_all(sc: &mut Scenario, sets: &[String]) -> Result<Vec<String>, InputError> {
    for s in sets {
        apply(sc, s)?;
    }
    let mut notes = Vec::new();
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
            InputError::new(&origin, m)
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
        let with_range = !m.contains("allowed");
        InputError::new(&origin, m)
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
        let mut sc = Scenario::default();
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
