//! A preset's TOML text to a [`Scenario`], with every mistake located (file, line, column, key).
//!
//! The document is read with toml's spanned tree (`DeTable`), so each key and value keeps its
//! place in the file; values are then typed and range-checked by the key table in
//! [`crate::model::fields`]. Nothing is clamped.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::error::{line_col, InputError};
use crate::model::fields::{
    self, check_cross, nearest, plain, Blame, Field, Kind, Value, SECTIONS,
};
use crate::model::scenario::{GrowthStep, ParamRange, Shape};
use crate::model::Scenario;

/// Parse and validate a preset. `origin` names the file in messages.
pub fn parse_scenario(text: &str, origin: &str) -> Result<Scenario, InputError> {
    let doc = DeTable::parse(text).map_err(|e| {
        let at = e.span().map(|s| line_col(text, s.start));
        let mut msg = e.message().trim().trim_end_matches('.').to_string();
        // Name what the parser stumbled on when it is a short piece of one line.
        if let Some(found) = e
            .span()
            .and_then(|s| text.get(s))
            .filter(|f| !f.is_empty() && f.len() <= 40 && !f.contains('\n'))
        {
            msg.push_str(&format!(" (at `{found}`)"));
        }
        InputError::new(origin, format!("is not valid TOML: {msg}")).at(at)
    })?;
    let mut sc = Scenario::default();
    let mut spans: Vec<(Blame, usize)> = Vec::new();
    let mut schedule = Vec::new();
    let err =
        |offset: usize, msg: String| InputError::new(origin, msg).at(Some(line_col(text, offset)));

    for (key, item) in doc.get_ref() {
        let name: &str = key.get_ref();
        if name == "calibration" {
            sc.calibration_fit = Some(std::sync::Arc::new(parse_calibration(
                text,
                origin,
                key.span().start,
            )?));
        } else if SECTIONS.contains(&name) {
            let DeValue::Table(table) = item.get_ref() else {
                return Err(err(
                    key.span().start,
                    format!("{name} must be a table ([{name}])"),
                ));
            };
            for (k, v) in table {
                let full = format!("{name}.{}", k.get_ref());
                let at = |o: usize| Some(line_col(text, o));
                if name == "uncertainty" && RANGE_SECTIONS.contains(&k.get_ref().as_ref()) {
                    let DeValue::Table(ranges) = v.get_ref() else {
                        return Err(InputError::new(
                            origin,
                            "must be a table of key = [low, high]",
                        )
                        .at(at(v.span().start))
                        .key(full));
                    };
                    parse_ranges(&mut sc, k.get_ref(), ranges, text, origin, &mut spans)?;
                    continue;
                }
                if full == super::schedule::KEY {
                    schedule = super::schedule::parse(v, text, origin)?;
                    continue;
                }
                if full == "growth.steps" {
                    sc.growth.steps = parse_steps(v, text, origin)?;
                    continue;
                }
                let Some(f) = fields::field(&full) else {
                    return Err(unknown_key(origin, &full, k.get_ref(), Some(name))
                        .at(Some(line_col(text, k.span().start))));
                };
                apply(&mut sc, f, v, text, origin)?;
                spans.push((Blame::Key(f.key), v.span().start));
            }
        } else if let Some(f) = fields::field(name).filter(|f| f.section().is_empty()) {
            apply(&mut sc, f, item, text, origin)?;
            spans.push((Blame::Key(f.key), item.span().start));
        } else {
            let what = if matches!(item.get_ref(), DeValue::Table(_)) {
                "section"
            } else {
                "key"
            };
            let e =
                unknown_key(origin, name, name, None).at(Some(line_col(text, key.span().start)));
            return Err(InputError {
                message: format!("is not a known {what}"),
                ..e
            });
        }
    }
    super::schedule::checked(&mut sc, schedule, text, origin)?;
    uses_estimate_without_rates(&mut sc, &spans);
    if let Err((key, msg)) = check_cross(&sc) {
        let at = spans
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, o)| line_col(text, *o));
        return Err(InputError::new(origin, msg).at(at).key(key));
    }
    Ok(sc)
}

/// The one key whose absence does not take the contract's reference value: a scenario that
/// gives neither `self_host.prefill_tokens_per_second` nor `self_host.decode_tokens_per_second`
/// (nor a range of either, nor `self_host.throughput`) has typed in no throughput of its own, so
/// it uses the estimate from its model and GPU rather than the reference's 20,000 and 2,500
/// tokens/s.
fn uses_estimate_without_rates(sc: &mut Scenario, spans: &[(Blame, usize)]) {
    const GIVES: [&str; 3] = [
        "self_host.prefill_tokens_per_second",
        "self_host.decode_tokens_per_second",
        "self_host.throughput",
    ];
    let given = spans
        .iter()
        .any(|(b, _)| matches!(b, Blame::Key(k) | Blame::Range(k) if GIVES.contains(k)));
    if !given {
        sc.self_host.estimate.source = crate::model::throughput::settings::Source::Estimate;
    }
}

/// `[calibration]`: the fit of the author's benchmark runs the preset carries (docs/MODEL.md
/// §6.12), checked as crossover checks its own calibration file, and its texts free of
/// control characters.
fn parse_calibration(
    text: &str,
    origin: &str,
    at: usize,
) -> Result<crate::calibrate::store::Fit, InputError> {
    let err = |offset: usize, msg: String| {
        InputError::new(origin, msg)
            .at(Some(line_col(text, offset)))
            .key("calibration")
    };
    let carried: crate::calibrate::store::Carried = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(at, |s| s.start);
        err(
            offset,
            format!(
                "is not a fit as `presets save` writes it: {}",
                crate::sanitize::clip(e.message().trim(), 200)
            ),
        )
    })?;
    let fit = carried
        .calibration
        .ok_or_else(|| err(at, "must be a table ([calibration])".into()))?;
    fit.check_carried().map_err(|e| err(at, e))?;
    Ok(fit)
}

/// Sections whose numeric keys may carry an uncertainty range: the cost model's, and the owned
/// fleet's (docs/MODEL.md §7.3).
pub const RANGE_SECTIONS: &[&str] = &[
    SECTIONS[0],
    SECTIONS[1],
    SECTIONS[2],
    SECTIONS[3],
    SECTIONS[4],
    SECTIONS[5],
    "owned",
];

/// `[uncertainty.<section>] key = [low, high]` or `{ low, high, shape, mode }`.
fn parse_ranges(
    sc: &mut Scenario,
    section: &str,
    table: &toml::de::DeTable<'_>,
    text: &str,
    origin: &str,
    spans: &mut Vec<(Blame, usize)>,
) -> Result<(), InputError> {
    for (k, v) in table {
        let full = format!("{section}.{}", k.get_ref());
        let shown = format!("uncertainty.{full}");
        let at = Some(line_col(text, v.span().start));
        let err = |m: String| InputError::new(origin, m).at(at).key(shown.clone());
        let field = fields::field(&full).filter(|f| matches!(f.kind, Kind::Number | Kind::Integer));
        let Some(field) = field else {
            let keys = fields::all()
                .filter(|f| {
                    f.section() == section && matches!(f.kind, Kind::Number | Kind::Integer)
                })
                .map(|f| f.name());
            let mut e = InputError::new(origin, "is not a numeric key of the scenario")
                .at(Some(line_col(text, k.span().start)))
                .key(shown.clone());
            if let Some(near) = nearest(k.get_ref(), keys) {
                e = e.help(format!("did you mean uncertainty.{section}.{near}?"));
            }
            return Err(e);
        };
        let r = range_parts(field, v.get_ref()).map_err(err)?;
        let (Some(low), Some(high)) = (r.low, r.high) else {
            return Err(err("needs a finite low and high number".into()));
        };
        if low > high {
            return Err(err(format!(
                "has low {} above high {}",
                plain(low),
                plain(high)
            )));
        }
        for x in [low, high] {
            if let Err(m) = field.check(&Value::Number(x)) {
                return Err(err(format!(
                    "range [{}, {}] leaves the key's range: {m}",
                    plain(low),
                    plain(high)
                )));
            }
        }
        let shape = range_shape(r.shape.as_deref(), r.mode, low, high).map_err(err)?;
        spans.push((Blame::Range(field.key), v.span().start));
        sc.uncertainty.ranges.push(ParamRange {
            key: field.key,
            low,
            high,
            shape,
        });
    }
    Ok(())
}

/// A range as written: its bounds (`None` where missing or not a finite number), its shape's
/// name and its mode (`Some(None)` for a mode that is not a number).
struct RangeParts {
    low: Option<f64>,
    high: Option<f64>,
    shape: Option<String>,
    mode: Option<Option<f64>>,
}

/// `[low, high]` or `{ low, high, shape, mode }`, read for `field`.
fn range_parts(field: &Field, v: &DeValue<'_>) -> Result<RangeParts, String> {
    let number = |v: &DeValue<'_>| -> Option<f64> {
        match typed(field, v) {
            Ok(Value::Number(x)) if x.is_finite() => Some(x),
            _ => None,
        }
    };
    match v {
        DeValue::Array(items) if items.len() == 2 => Ok(RangeParts {
            low: number(items[0].get_ref()),
            high: number(items[1].get_ref()),
            shape: None,
            mode: None,
        }),
        DeValue::Table(t) => {
            let get = |name: &str| t.iter().find(|(k, _)| k.get_ref() == name).map(|(_, v)| v);
            for (key, _) in t {
                if !["low", "high", "shape", "mode"].contains(&key.get_ref().as_ref()) {
                    return Err(format!(
                        "has an unknown field {:?}: use low, high, shape and mode",
                        key.get_ref().as_ref() as &str
                    ));
                }
            }
            let shape = match get("shape").map(|v| v.get_ref()) {
                Some(DeValue::String(s)) => Some(s.to_string()),
                Some(_) => {
                    return Err("shape must be a text: uniform, triangular or log-uniform".into())
                }
                None => None,
            };
            Ok(RangeParts {
                low: get("low").and_then(|v| number(v.get_ref())),
                high: get("high").and_then(|v| number(v.get_ref())),
                shape,
                mode: get("mode").map(|v| number(v.get_ref())),
            })
        }
        _ => Err("must be [low, high] or { low = …, high = …, shape = \"uniform\" }".into()),
    }
}

/// The distribution a range names (uniform unless it says otherwise), checked against its
/// bounds.
fn range_shape(
    name: Option<&str>,
    mode: Option<Option<f64>>,
    low: f64,
    high: f64,
) -> Result<Shape, String> {
    match name.map(str::to_ascii_lowercase).as_deref() {
        None | Some("uniform") => Ok(Shape::Uniform),
        Some("log-uniform") | Some("loguniform") | Some("log_uniform") => {
            if low <= 0.0 {
                return Err("log-uniform needs a low above 0".into());
            }
            Ok(Shape::LogUniform)
        }
        Some("triangular") => match mode {
            Some(Some(m)) if m >= low && m <= high => Ok(Shape::Triangular { mode: m }),
            Some(Some(m)) => Err(format!(
                "mode {} lies outside [{}, {}]",
                plain(m),
                plain(low),
                plain(high)
            )),
            _ => Err("triangular needs a mode between low and high".into()),
        },
        Some(other) => Err(format!(
            "has an unknown distribution {other:?}: use uniform, triangular or log-uniform"
        )),
    }
}

/// `steps = [{ month = 3, factor = 4.0 }, …]`.
fn parse_steps(
    v: &Spanned<DeValue<'_>>,
    text: &str,
    origin: &str,
) -> Result<Vec<GrowthStep>, InputError> {
    let at = |o: usize| Some(line_col(text, o));
    let DeValue::Array(items) = v.get_ref() else {
        return Err(
            InputError::new(origin, "must be a list like [{ month = 3, factor = 4.0 }]")
                .at(at(v.span().start))
                .key("growth.steps"),
        );
    };
    let mut steps = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let key = format!("growth.steps[{i}]");
        let err = |m: &str| {
            InputError::new(origin, m.to_string())
                .at(at(item.span().start))
                .key(key.clone())
        };
        let DeValue::Table(t) = item.get_ref() else {
            return Err(err("must be { month = …, factor = … }"));
        };
        let mut month = None;
        let mut factor = None;
        for (k, v) in t {
            let x = match v.get_ref() {
                DeValue::Integer(n) => i64::from_str_radix(&n.as_str().replace('_', ""), n.radix())
                    .ok()
                    .map(|n| n as f64),
                DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
                _ => None,
            }
            .filter(|x| x.is_finite());
            match k.get_ref().as_ref() {
                "month" => month = x,
                "factor" => factor = x,
                other => {
                    return Err(err(&format!(
                        "has an unknown field {other:?}: use month and factor"
                    )))
                }
            }
        }
        let month = month
            .filter(|m| m.fract() == 0.0 && (0.0..=600.0).contains(m))
            .ok_or_else(|| err("month must be a whole number from 0 to 600"))?;
        let factor = factor
            .filter(|f| *f > 0.0 && *f <= 1e6)
            .ok_or_else(|| err("factor must be a number above 0 and at most 1e6"))?;
        steps.push(GrowthStep {
            month: month as u32,
            factor,
        });
    }
    Ok(steps)
}

/// An unknown key, with the nearest known one as help. `full` is what to show,
/// `bare` the key as written, `section` the table it was under.
pub fn unknown_key(origin: &str, full: &str, bare: &str, section: Option<&str>) -> InputError {
    let mut e = InputError::new(origin, "is not a known key").key(full);
    let in_section: Vec<&str> = match section {
        Some(s) => fields::all()
            .filter(|f| f.section() == s)
            .map(|f| f.name())
            .collect(),
        None => SECTIONS.to_vec(),
    };
    if let Some(near) = nearest(bare, in_section.iter().copied()) {
        let suggestion = match section {
            Some(s) => format!("{s}.{near}"),
            None => format!("[{near}]"),
        };
        e = e.help(format!("did you mean {suggestion}?"));
    } else if let Some(f) = fields::all().find(|f| f.name() == bare && f.key != full) {
        e = e.help(format!("{bare} belongs under [{}]: {}", f.section(), f.key));
    } else if let Some(near) = nearest(full, fields::all().map(|f| f.key)) {
        e = e.help(format!("did you mean {near}?"));
    } else {
        let keys: Vec<&str> = match section {
            Some(_) => in_section,
            None => fields::all()
                .filter(|f| f.section().is_empty())
                .map(|f| f.key)
                .chain(SECTIONS.iter().copied())
                .collect(),
        };
        e = e.help(format!("known here: {}", keys.join(", ")));
    }
    e
}

/// Type, check and store one value.
fn apply(
    sc: &mut Scenario,
    f: &'static Field,
    v: &Spanned<DeValue<'_>>,
    text: &str,
    origin: &str,
) -> Result<(), InputError> {
    // Placed only on an error: finding a line is a scan of the text before it.
    let at = || Some(line_col(text, v.span().start));
    let value = typed(f, v.get_ref()).map_err(|m| {
        let e = InputError::new(origin, m).at(at()).key(f.key);
        match f.kind {
            Kind::Number | Kind::Integer => e.help(key_help(f, true)),
            _ => e,
        }
    })?;
    f.check(&value).map_err(|m| {
        let e = InputError::new(origin, m.to_string()).at(at()).key(f.key);
        e.help(key_help(f, !m.states_allowed()))
    })?;
    f.set(sc, value);
    Ok(())
}

/// What the key means, its unit, and (when the message lacks it) its allowed range.
pub fn key_help(f: &Field, with_range: bool) -> String {
    let unit = if f.unit.is_empty() {
        String::new()
    } else {
        format!(", in {}", f.unit)
    };
    match f.range {
        Some(r) if with_range => format!("{} is {}{unit}: allowed {r}", f.key, f.help),
        _ => format!("{} is {}{unit}", f.key, f.help),
    }
}

/// The TOML value as the key's kind, or why it cannot be.
fn typed(f: &Field, v: &DeValue<'_>) -> Result<Value, String> {
    let found = describe(v);
    match (f.kind, v) {
        (Kind::Number | Kind::Integer, DeValue::Integer(i)) => {
            let digits = i.as_str().replace('_', "");
            i64::from_str_radix(&digits, i.radix())
                .map(|n| Value::Number(n as f64))
                .map_err(|_| format!("= {i} is too large a whole number"))
        }
        (Kind::Number | Kind::Integer, DeValue::Float(x)) => {
            let raw = x.as_str().replace('_', "");
            Ok(Value::Number(raw.parse::<f64>().unwrap_or(f64::NAN)))
        }
        // `"20%"` is 20 percent on a share; a bare number keeps the key's unit (a fraction).
        (Kind::Number, DeValue::String(s)) if s.trim().ends_with('%') => f
            .percent(s)
            .map(|r| r.map_err(String::from))
            .unwrap_or_else(|| Err(format!("must be {}, found {found}", f.kind.describe())))
            .map(Value::Number),
        (Kind::Bool, DeValue::Boolean(b)) => Ok(Value::Bool(*b)),
        (Kind::Text, DeValue::String(s)) => Ok(Value::Text(s.to_string())),
        // `prices_as_of = 2025-06-01` without quotes is a TOML date: take it as written.
        (Kind::Text, DeValue::Datetime(d)) => Ok(Value::Text(d.to_string())),
        (kind, _) => Err(format!("must be {}, found {found}", kind.describe())),
    }
}

fn describe(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!(
            "text \"{}\"",
            crate::sanitize::clip(s.as_ref(), crate::sanitize::SHOWN)
        ),
        DeValue::Integer(i) => format!("the number {i}"),
        DeValue::Float(x) => format!("the number {x}"),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_scenario(text, "t.toml").unwrap_err().to_string()
    }

    #[test]
    fn percent_text_is_percent_and_a_bare_number_a_fraction() {
        let sc = parse_scenario(
            "[growth]\nmonthly_rate = \"20%\"\n[api]\nbatch_share = 0.25\n[uncertainty.api]\nbatch_share = [\"10%\", \"30%\"]\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(sc.growth.monthly_rate, 0.2);
        assert_eq!(sc.api.batch_share, 0.25);
        let e = err("[workload]\nrequests_per_day = \"50%\"\n");
        assert!(
            e.contains("t.toml:2") && e.contains("is not a share"),
            "{e}"
        );
        let e = err("[api]\nbatch_share = \"150%\"\n");
        assert!(e.contains("out of range"), "{e}");
    }

    /// Every missing key takes the contract's reference value, but for the one exception: a
    /// file that types in no throughput (neither rate, nor a range of one, nor
    /// `self_host.throughput`) uses the estimate.
    #[test]
    fn empty_preset_is_the_default_but_for_the_throughput_estimate() {
        use crate::model::throughput::settings::Source;
        let mut want = Scenario::default();
        want.self_host.estimate.source = Source::Estimate;
        assert_eq!(parse_scenario("", "t.toml").unwrap(), want);
        for given in [
            "[self_host]\nprefill_tokens_per_second = 9000\n",
            "[self_host]\ndecode_tokens_per_second = 900\n",
            "[self_host]\nthroughput = \"given\"\n",
            "[uncertainty.self_host]\ndecode_tokens_per_second = [1800, 4200]\n",
        ] {
            let sc = parse_scenario(given, "t.toml").unwrap();
            assert_eq!(sc.self_host.estimate.source, Source::Given, "{given}");
        }
        let only_rate =
            parse_scenario("[self_host]\ndecode_tokens_per_second = 900\n", "t.toml").unwrap();
        assert_eq!(only_rate.self_host.prefill_tokens_per_second, 20_000.0);
    }

    #[test]
    fn values_land_in_their_fields() {
        let s = parse_scenario(
            "name = \"X\"\nprices_as_of = 2025-06-01\n[workload]\nrequests_per_day = 5_000\n[self_host]\ngpus_per_replica = 4\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(s.name, "X");
        assert_eq!(s.prices_as_of, "2025-06-01");
        assert_eq!(s.workload.requests_per_day, 5000.0);
        assert_eq!(s.self_host.gpus_per_replica, 4);
    }

    #[test]
    fn uncertainty_and_growth_sections() {
        let s = parse_scenario(
            "[uncertainty]\nsamples = 500\nself_host.gpu_per_hour = [2, 3.5]\n[uncertainty.workload]\nrequests_per_day = { low = 1000, high = 100000, shape = \"log-uniform\" }\n[growth]\nmonthly_rate = 0.15\nsteps = [{ month = 3, factor = 4 }]\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(s.uncertainty.samples, 500);
        assert_eq!(s.uncertainty.ranges.len(), 2);
        assert_eq!(s.uncertainty.ranges[0].key, "self_host.gpu_per_hour");
        assert_eq!(s.uncertainty.ranges[1].shape, Shape::LogUniform);
        assert_eq!(
            s.growth.steps,
            vec![GrowthStep {
                month: 3,
                factor: 4.0
            }]
        );
        let bad = [
            ("[uncertainty.self_host]\ndecode_tokens_per_second = [3200, 1800]", "has low 3200 above high 1800"),
            ("[uncertainty.self_host]\ntarget_utilization = [0.5, 1.5]", "leaves the key's range"),
            ("[uncertainty.self_host]\ngpu_per_hour = { low = 1, high = 2, shape = \"normal\" }", "unknown distribution \"normal\""),
            ("[uncertainty.self_host]\ngpu_per_hour = { low = 1, high = 2, shape = \"triangular\" }", "needs a mode"),
            ("[uncertainty.self_host]\ngpu_per_hr = [1, 2]", "did you mean uncertainty.self_host.gpu_per_hour?"),
            ("[uncertainty]\nsamples = 0", "out of range"),
            ("[uncertainty]\nsamples = 2000000", "out of range"),
            ("[growth]\nmonthly_rate = -1.5", "growth.monthly_rate = -1.5 is out of range: allowed ≥ -1"),
            ("[growth]\nsteps = [{ month = 3 }]", "factor must be"),
        ];
        for (text, want) in bad {
            let e = err(text);
            assert!(e.contains(want), "{text}: {e}");
        }
    }

    #[test]
    fn mistakes_are_located_and_explained() {
        assert_eq!(
            err("[workload]\nrequest_per_day = 5\n"),
            "t.toml:2:1: workload.request_per_day is not a known key\n  help: did you mean workload.requests_per_day?"
        );
        assert!(err("[worklaod]\nx = 1\n").starts_with(
            "t.toml:1:2: worklaod is not a known section\n  help: did you mean [workload]?"
        ));
        assert!(err("[self_host]\ntarget_utilization = 1.5").contains("t.toml:2:22: self_host.target_utilization = 1.5 is out of range: allowed ≥ 0.01 and ≤ 1"));
        assert!(err("[workload]\nrequests_per_day = \"many\"")
            .contains("must be a number, found text \"many\""));
        assert!(err("[workload]\nrequests_per_day = nan").contains("must be a finite number"));
        assert!(
            err("[self_host]\ngpus_per_replica = 1.5").contains("must be a whole number, not 1.5")
        );
        assert!(err("[workload\n").contains("t.toml:1:"));
        assert!(
            err("requests_per_day = 5").contains("help: requests_per_day belongs under [workload]")
        );
        assert!(
            err("[chart]\nmax_requests_per_day = 5\nmin_requests_per_day = 10")
                .contains("t.toml:2:24: chart.max_requests_per_day = 5 must be greater than")
        );
    }

    #[test]
    fn ranges_that_could_overfill_a_whole_are_located() {
        // Local 0.6 and a cheap range up to 0.5: a draw could leave the frontier −10%.
        let e =
            err("[hybrid]\nlocal_share = 0.6\n[uncertainty.hybrid]\ncheap_share = [0.1, 0.5]\n");
        assert!(
            e.starts_with("t.toml:4:15: uncertainty.hybrid.cheap_share = [0.1, 0.5] can draw hybrid.cheap_share = 0.5 while hybrid.local_share can be 0.6: together 1.1, above 1"),
            "{e}"
        );
        // Both ranged: the highs count; the cheap share's range is blamed.
        let e = err("[uncertainty.hybrid]\nlocal_share = [0.2, 0.7]\ncheap_share = [0, 0.4]\n");
        assert!(
            e.starts_with("t.toml:3:15: uncertainty.hybrid.cheap_share"),
            "{e}"
        );
        // Only the local share ranged, with the cheap share set: the local range is blamed.
        let e =
            err("[hybrid]\ncheap_share = 0.3\n[uncertainty.hybrid]\nlocal_share = [0.5, 0.8]\n");
        assert!(
            e.starts_with("t.toml:4:15: uncertainty.hybrid.local_share = [0.5, 0.8]"),
            "{e}"
        );
        // Cached input and cache writes share the input tokens.
        let e = err(
            "[api]\ncached_input_share = 0.7\n[uncertainty.api]\ncache_write_share = [0, 0.5]\n",
        );
        assert!(
            e.contains("uncertainty.api.cache_write_share") && e.contains("same input tokens"),
            "{e}"
        );
        // Highs that sum to exactly 1 are fine, and so is no range at all.
        for ok in [
            "[uncertainty.hybrid]\nlocal_share = [0.2, 0.7]\ncheap_share = [0, 0.3]\n",
            "[hybrid]\nlocal_share = 0.6\ncheap_share = 0.4\n",
        ] {
            assert!(parse_scenario(ok, "t.toml").is_ok(), "{ok}");
        }
        // A throughput range under the estimate points at the range's own line.
        let e = err("[self_host]\nthroughput = \"estimate\"\n[uncertainty.self_host]\ndecode_tokens_per_second = [1000, 2000]\n");
        assert!(
            e.starts_with("t.toml:4:28: uncertainty.self_host.decode_tokens_per_second cannot have an [uncertainty] range"),
            "{e}"
        );
    }
}
