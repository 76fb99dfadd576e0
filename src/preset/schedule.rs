//! `[api] price_schedule = [{ from = "2027-01-01", input_per_mtok = 1.5, … }]` read from a
//! preset and written back (docs/MODEL.md §6.11), every mistake located.

use toml::de::DeValue;
use toml::Spanned;

use super::error::{line_col, InputError};
use crate::model::price_schedule::check;
use crate::model::scenario::PriceStep;
use crate::model::Scenario;

/// The key, as messages name it.
pub const KEY: &str = "api.price_schedule";

/// The steps as written, each with where it starts in the file.
pub fn parse(
    v: &Spanned<DeValue<'_>>,
    text: &str,
    origin: &str,
) -> Result<Vec<(PriceStep, usize)>, InputError> {
    let at = |o: usize| Some(line_col(text, o));
    let DeValue::Array(items) = v.get_ref() else {
        return Err(InputError::new(
            origin,
            "must be a list like [{ from = \"2027-01-01\", input_per_mtok = 1.5, output_per_mtok = 7.5, cached_input_per_mtok = 0.15 }]",
        )
        .at(at(v.span().start))
        .key(KEY));
    };
    let mut steps = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let err = |m: String| {
            InputError::new(origin, m)
                .at(at(item.span().start))
                .key(format!("{KEY}[{i}]"))
        };
        let DeValue::Table(t) = item.get_ref() else {
            return Err(err(
                "must be { from = \"YYYY-MM-DD\", input_per_mtok = …, output_per_mtok = … }".into(),
            ));
        };
        let (mut from, mut input, mut output, mut cached) = (None, None, None, None);
        for (k, v) in t {
            let number = || match v.get_ref() {
                DeValue::Integer(n) => i64::from_str_radix(&n.as_str().replace('_', ""), n.radix())
                    .ok()
                    .map(|n| n as f64),
                DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
                _ => None,
            };
            let name: &str = k.get_ref();
            match name {
                "from" => match v.get_ref() {
                    DeValue::String(s) => from = Some(s.to_string()),
                    _ => return Err(err("from must be a quoted date, \"YYYY-MM-DD\"".into())),
                },
                "input_per_mtok" => input = Some(number()),
                "output_per_mtok" => output = Some(number()),
                "cached_input_per_mtok" => cached = Some(number()),
                other => {
                    return Err(err(format!(
                        "has an unknown field {other:?}: use from, input_per_mtok, output_per_mtok and cached_input_per_mtok"
                    )))
                }
            }
        }
        let price = |name: &str, x: Option<Option<f64>>| match x {
            None => Err(err(format!("needs {name}"))),
            Some(None) => Err(err(format!(
                "{name} must be a number: allowed ≥ 0 and ≤ 1e9 per million tokens"
            ))),
            Some(Some(x)) => Ok(x),
        };
        let from = from.ok_or_else(|| err("needs from = \"YYYY-MM-DD\"".into()))?;
        let input_per_mtok = price("input_per_mtok", input)?;
        let output_per_mtok = price("output_per_mtok", output)?;
        // As in the catalog: without a cached-input price, cached input costs the input price.
        let cached_input_per_mtok = match cached {
            None => input_per_mtok,
            some => price("cached_input_per_mtok", some)?,
        };
        steps.push((
            PriceStep {
                from,
                input_per_mtok,
                output_per_mtok,
                cached_input_per_mtok,
            },
            item.span().start,
        ));
    }
    Ok(steps)
}

/// The date no step may start before: the picked entry's `catalog.api_as_of`, else the
/// scenario's `prices_as_of`, when either is a date.
pub fn floor(sc: &Scenario) -> Option<&str> {
    [sc.catalog.api_as_of.as_str(), sc.prices_as_of.as_str()]
        .into_iter()
        .find(|d| crate::model::price_schedule::first_day(d).is_some())
}

/// [`check`] of the steps read, the refused step located.
pub fn checked(
    sc: &mut Scenario,
    steps: Vec<(PriceStep, usize)>,
    text: &str,
    origin: &str,
) -> Result<(), InputError> {
    let plain: Vec<PriceStep> = steps.iter().map(|(s, _)| s.clone()).collect();
    if let Err((i, field, msg)) = check(&plain, floor(sc)) {
        let at = steps.get(i).map(|(_, o)| line_col(text, *o));
        return Err(InputError::new(origin, msg)
            .at(at)
            .key(format!("{KEY}[{i}].{field}")));
    }
    sc.api.price_schedule = plain;
    Ok(())
}

/// The line `presets save` writes under `[api]`; nothing for an empty schedule.
pub fn line(sc: &Scenario) -> String {
    if sc.api.price_schedule.is_empty() {
        return String::new();
    }
    let steps: Vec<String> = sc
        .api
        .price_schedule
        .iter()
        .map(|s| {
            format!(
                "{{ from = {:?}, input_per_mtok = {}, output_per_mtok = {}, cached_input_per_mtok = {} }}",
                s.from,
                super::write::toml_float(s.input_per_mtok),
                super::write::toml_float(s.output_per_mtok),
                super::write::toml_float(s.cached_input_per_mtok)
            )
        })
        .collect();
    format!("price_schedule = [{}]\n", steps.join(", "))
}
