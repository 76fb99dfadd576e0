//! `--format json`: one object, numbers unrounded, absent values `null`. The costs view is the
//! object of docs/MODEL.md §5; the other views' fields are in docs/MODEL.md §9. A single view's
//! fields are at the top level; `--view all` is the costs object plus one key per other view.
//! Every object ends with the `warnings` array.

use serde_json::{json, Map, Value};

use super::{Context, Figures, View, Writer};
use crate::model::flips::{Flips, Point, Side, Verdict};
use crate::model::outcome::{per_1k_requests, per_month};
use crate::model::scenario::{ParamRange, Shape};
use crate::model::sensitivity::{Held, Sensitivity};
use crate::model::timeline::Timeline;
use crate::model::uncertainty::MonteCarlo;
use crate::model::{Choice, Outcome, Scenario};

/// The JSON format.
pub struct Json;

impl Writer for Json {
    type Part = Value;

    fn costs(f: &Figures) -> Value {
        let mut v = value(f.sc, &f.outcome, &f.reasons);
        extend(&mut v, json!({ "flips": flips(f.flips()) }));
        v
    }

    fn sensitivity(f: &Figures) -> Value {
        sensitivity(f.sensitivity())
    }

    fn uncertainty(f: &Figures) -> Value {
        let mut v = uncertainty(f.sc, f.uncertainty());
        extend(&mut v, json!({ "conditional_on": held(&f.held()) }));
        v
    }

    fn timeline(f: &Figures) -> Value {
        timeline(f.sc, f.timeline())
    }

    fn frame(f: &Figures, parts: Vec<(View, Value)>, ctx: &Context) -> String {
        let single = parts.len() == 1;
        let mut object = Map::new();
        for (view, part) in parts {
            match part {
                Value::Object(fields) if single || view == View::Costs => object.extend(fields),
                other => {
                    object.insert(view.key().to_string(), other);
                }
            }
        }
        // The fit of the user's own runs the estimate uses (`crossover calibrate`), if any.
        if let Some(fit) = crate::calibrate::apply::in_use(f.sc) {
            object.insert(
                "calibration".into(),
                crate::calibrate::store::json(Some(fit)),
            );
        }
        object.insert(
            "findings".into(),
            json!(ctx
                .findings
                .iter()
                .map(|x| json!({
                    "severity": x.severity.key(),
                    "kind": x.kind.key(),
                    "option": x.option.map(|c| c.key()),
                    "text": x.text,
                }))
                .collect::<Vec<_>>()),
        );
        object.insert("notes".into(), json!(ctx.notes));
        object.insert("warnings".into(), json!(ctx.warnings));
        let mut s = serde_json::to_string_pretty(&Value::Object(object)).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// The costs view's object of docs/MODEL.md §5, without the `warnings` the frame adds;
/// `reasons` are the recommendation's, worded once for the report ([`super::Figures`]; JSON
/// escapes them itself).
pub fn value(sc: &Scenario, o: &Outcome, reasons: &[String]) -> Value {
    let v = o.requests_per_day;
    let money = |day: f64| {
        json!({
            "usd_per_day": day,
            "usd_per_month": per_month(day),
            "usd_per_1k_requests": per_1k_requests(day, v),
        })
    };
    let mut api = money(o.api.usd_per_day);
    extend(&mut api, json!({"model": sc.api.model}));
    let mut self_host = money(o.self_host.usd_per_day);
    extend(
        &mut self_host,
        json!({
            "gpu_usd_per_day": o.self_host.gpu_usd_per_day,
            "overhead_usd_per_day": o.self_host.overhead_usd_per_day,
            "engineering_usd_per_day": o.self_host.engineering_usd_per_day,
            "replicas": count(o.self_host.replicas),
            "gpus": count(o.self_host.gpus),
            "peak_utilization": o.self_host.peak_utilization,
            "billing": sc.self_host.billing.mode.name(),
            "offering": sc.self_host.billing.offering.name(),
        }),
    );
    let mut hybrid = money(o.hybrid.usd_per_day);
    extend(
        &mut hybrid,
        json!({
            "local_usd_per_day": o.hybrid.local.usd_per_day,
            "api_usd_per_day": o.hybrid.api.usd_per_day,
            "replicas": count(o.hybrid.local.replicas),
            "tiers": tiers(sc, o),
        }),
    );
    // An option that cannot serve the requests is marked (its costs keep their definitions;
    // docs/MODEL.md §6.4).
    let serves = |c| o.allowed.unserved(c).is_none();
    extend(&mut api, json!({"feasible": serves(Choice::Api)}));
    extend(
        &mut self_host,
        json!({"feasible": serves(Choice::SelfHost)}),
    );
    extend(&mut hybrid, json!({"feasible": serves(Choice::Hybrid)}));
    let mut out = json!({
        "scenario": sc.name,
        "currency": sc.currency,
        "requests_per_day": v,
        "api": api,
        "self_host": self_host,
        "hybrid": hybrid,
        "cheapest": o.cheapest.key(),
        "breakeven_requests_per_day": o.breakeven_requests_per_day,
        "crossings": o.crossings,
        "payback_months": o.payback_months,
        "recommendation": {
            "choice": o.recommendation.choice.map(|c| c.key()),
            "reasons": reasons,
        },
        "cheapest_allowed": o.cheapest_allowed.map(|c| c.key()),
        "allowed": allowed(o),
        "recommended_breakeven_requests_per_day": o.recommended_breakeven_requests_per_day,
        "recommended_payback_months": o.recommended_payback_months,
    });
    if o.owned_enabled {
        extend(
            &mut out,
            json!({
                "owned": super::rent_or_buy::json(sc, o),
                "cheapest_overall": o.cheapest_overall.key(),
            }),
        );
    }
    out
}

/// `{"api": {"allowed": true, "reason": null}, ...}`: each option's verdict (docs/MODEL.md §6.4).
/// The hybrid's three tiers (docs/MODEL.md §6.5): shares, escalation, the cheap tier's model
/// and prices, and each API tier's requests per request of volume and cost per day.
fn tiers(sc: &Scenario, o: &Outcome) -> serde_json::Value {
    let (h, r) = (&sc.hybrid, &o.rates);
    json!({
        "local_share": h.local_share,
        "cheap_share": h.cheap_share,
        "frontier_share": (1.0 - h.local_share - h.cheap_share).max(0.0),
        "local_escalation_rate": h.local_escalation_rate,
        "cheap_escalation_rate": h.cheap_escalation_rate,
        "frontier_model": sc.api.model,
        "cheap_model": h.cheap_model,
        "cheap_input_per_mtok": h.cheap_input_per_mtok,
        "cheap_output_per_mtok": h.cheap_output_per_mtok,
        "cheap_cached_input_per_mtok": h.cheap_cached_input_per_mtok,
        "frontier_requests_per_request": r.frontier_fraction,
        "cheap_requests_per_request": r.cheap_fraction,
        "frontier_api_usd_per_day": o.rates.hybrid_frontier_usd(o.requests_per_day),
        "cheap_api_usd_per_day": o.hybrid.cheap_usd_per_day,
        "reasoning_output_multiplier": sc.api.reasoning_output_multiplier,
        "local_output_tokens": sc.workload.local_output(),
    })
}

fn allowed(o: &Outcome) -> Value {
    let mut map = serde_json::Map::new();
    for (c, e) in &o.allowed.options {
        map.insert(
            c.key().into(),
            json!({"allowed": e.is_none(), "reason": e.map(|e| e.reason())}),
        );
    }
    Value::Object(map)
}

fn opt(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |v| json!(v))
}

/// The tornado; each row says where its swing flips the verdict (docs/MODEL.md §7.1).
pub fn sensitivity(t: &Sensitivity) -> Value {
    let flip = |v: Option<Verdict>| {
        v.map_or(
            Value::Null,
            |v| json!({"to": v.choice.map(|c| c.key()), "reason": v.criterion.key()}),
        )
    };
    json!({
        "gap_usd_per_day": t.gap,
        "breakeven_requests_per_day": opt(t.breakeven),
        "inputs": t.swings.iter().map(|s| {
            let [low, high] = s.flips(t.now);
            json!({
                "key": s.key,
                "low": s.low,
                "high": s.high,
                "gap_usd_per_day_low": s.gap_low,
                "gap_usd_per_day_high": s.gap_high,
                "breakeven_low": opt(s.breakeven_low),
                "breakeven_high": opt(s.breakeven_high),
                "flips_low": flip(low),
                "flips_high": flip(high),
            })
        }).collect::<Vec<_>>(),
        "target": t.target.key(),
        "recommended": t.now.choice.map(|c| c.key()),
        "criterion": t.now.criterion.key(),
    })
}

/// The levers the Monte Carlo held at their values: `[{key, value}]` (docs/MODEL.md §7.2).
fn held(held: &[Held]) -> Value {
    json!(held
        .iter()
        .map(|h| json!({"key": h.key, "value": h.value}))
        .collect::<Vec<_>>())
}

/// The Monte Carlo summary and bands.
pub fn uncertainty(sc: &Scenario, mc: &MonteCarlo) -> Value {
    let mut v = json!({
        "samples": mc.samples,
        "seed": sc.uncertainty.seed,
        "ranges": sc.uncertainty.ranges.iter().map(range).collect::<Vec<_>>(),
        "p_self_host_cheaper": mc.p_self_host_cheaper,
        "p_hybrid_cheaper": mc.p_hybrid_cheaper,
        "breakeven_p10": opt(mc.breakeven[0]),
        "breakeven_p50": opt(mc.breakeven[1]),
        "breakeven_p90": opt(mc.breakeven[2]),
        "never_share": mc.never_share,
        "bands": mc.volumes.iter().enumerate().map(|(i, v)| {
            let mut row = json!({
                "requests_per_day": v,
                "api": mc.api[i], "self_host": mc.self_host[i], "hybrid": mc.hybrid[i],
            });
            // The owned fleet's band, when it is offered (docs/MODEL.md §7.3).
            if let Some(o) = &mc.owned {
                extend(&mut row, json!({"owned": o.band[i]}));
            }
            row
        }).collect::<Vec<_>>(),
    });
    if let Some(o) = &mc.owned {
        extend(
            &mut v,
            json!({"p_owned_cheaper": o.p_cheaper, "p_owned_cheapest": o.p_cheapest}),
        );
    }
    v
}

/// `{key, low, high, shape, mode}` with shape as written in a preset; mode `null` unless
/// triangular.
fn range(r: &ParamRange) -> Value {
    let (shape, mode) = match r.shape {
        Shape::Uniform => ("uniform", None),
        Shape::LogUniform => ("log-uniform", None),
        Shape::Triangular { mode } => ("triangular", Some(mode)),
    };
    json!({"key": r.key, "low": r.low, "high": r.high, "shape": shape, "mode": opt(mode)})
}

/// The growth timeline, month by month; with the owned fleet's answers and columns when it
/// is offered (docs/MODEL.md §8.1).
pub fn timeline(sc: &Scenario, t: &Timeline) -> Value {
    let mut v = json!({
        "monthly_rate": sc.growth.monthly_rate,
        "horizon_months": sc.growth.horizon_months,
        "api_price_change_per_year": sc.growth.api_price_change_per_year,
        "gpu_price_change_per_year": sc.growth.gpu_price_change_per_year,
        "first_month_cheaper": t.first_month_cheaper,
        "first_month_repaid": t.first_month_repaid,
        "best_switch_month": t.best_switch_month,
        "savings_at_horizon": t.savings_at_horizon,
        "switch_to": t.switch_to.key(),
        "challenger": t.challenger.key(),
        "reserved_term_months": sc.self_host.billing.reserved_term_months,
        "api_excluded": t.api_excluded.map(|e| e.reason()),
        "cheapest_from_start": t.cheapest_from_start.map(|c| c.key()),
        "months": t.months.iter().map(|m| {
            let mut row = json!({
                "month": m.month, "requests_per_day": m.requests_per_day,
                "api_usd": m.api, "self_host_usd": m.self_host, "hybrid_usd": m.hybrid,
                "cumulative_api_usd": m.cumulative_api, "cumulative_self_host_usd": m.cumulative_self_host,
                "cumulative_hybrid_usd": m.cumulative_hybrid, "replicas": m.replicas,
            });
            if sc.self_host.billing.reserved_term_months > 0 {
                extend(&mut row, json!({
                    "billed_replicas": m.billed_replicas, "committed_usd": m.committed,
                }));
            }
            if t.owned.is_some() {
                extend(&mut row, json!({
                    "owned_usd": m.owned, "cumulative_owned_usd": m.cumulative_owned,
                    "servers": count(m.servers), "owned_purchase_usd": m.owned_purchase,
                    "owned_depreciation_usd": m.owned_depreciation,
                    "owned_cash_usd": m.owned_cash,
                    "cumulative_owned_cash_usd": m.cumulative_owned_cash,
                }));
            }
            row
        }).collect::<Vec<_>>(),
    });
    // Options excluded from a later month (docs/MODEL.md §8.2), only when there are some.
    if !t.later_exclusions.is_empty() {
        extend(
            &mut v,
            json!({"later_exclusions": t.later_exclusions.iter().map(|(c, m, e)| json!({
                "option": c.key(), "from_month": m, "reason": e.reason(),
            })).collect::<Vec<_>>()}),
        );
    }
    if let Some(o) = &t.owned {
        extend(
            &mut v,
            json!({"owned": {
                "first_month_cheaper": o.first_month_cheaper,
                "first_month_repaid": o.first_month_repaid,
                "first_month_buying_beats_renting": o.first_month_buying_beats_renting,
                "saving_over_renting_usd": o.saving_over_renting,
                "purchases_usd": o.purchases,
                "book_value_at_horizon_usd": o.book_value_at_horizon,
            }}),
        );
    }
    v
}

/// A whole count as a JSON integer while it is exactly representable.
pub(super) fn count(x: f64) -> Value {
    if (0.0..=9_007_199_254_740_992.0).contains(&x) {
        json!(x as u64)
    } else {
        json!(x)
    }
}

/// The flip table (docs/MODEL.md §7.4): one object a row, `{key, value, below, above, to,
/// reason, cannot_serve}`; a number for a numeric key, `true`/`false` for a switch, `null` for
/// a side that does not flip; `cannot_serve` is `{option, kind, text}` when today's option
/// cannot serve at the flipping value (`text` the words every surface shows), else `null`.
pub fn flips(t: &Flips) -> Value {
    let point = |s: Option<Side>| match s.map(|s| s.at) {
        Some(Point::Number(x)) => json!(x),
        Some(Point::Switch(b)) => json!(b),
        None => Value::Null,
    };
    json!(t
        .rows
        .iter()
        .map(|r| {
            let switch = matches!(
                (r.below, r.above),
                (
                    Some(Side {
                        at: Point::Switch(_),
                        ..
                    }),
                    _
                ) | (
                    _,
                    Some(Side {
                        at: Point::Switch(_),
                        ..
                    })
                )
            );
            json!({
                "key": r.key,
                "value": if switch { json!(r.value > 0.5) } else { json!(r.value) },
                "below": point(r.below),
                "above": point(r.above),
                "to": r.to.map(|c| c.key()),
                "reason": r.reason.key(),
                "cannot_serve": r.cannot_serve.map(|c| json!({
                    "option": c.option.key(),
                    "kind": c.why.key(),
                    "text": crate::wording::flip_cannot_serve(c),
                })),
            })
        })
        .collect::<Vec<_>>())
}

fn extend(target: &mut Value, more: Value) {
    if let (Value::Object(t), Value::Object(m)) = (target, more) {
        t.extend(m);
    }
}
