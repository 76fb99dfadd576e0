//! `--format json`: the object of docs/MODEL.md §5, numbers unrounded, absent values `null`.

use serde_json::{json, Value};

use super::Context;
use crate::model::outcome::{per_1k_requests, per_month};
use crate::model::{Outcome, Scenario};

/// The JSON value (for other front ends and tests).
pub fn value(sc: &Scenario, o: &Outcome, ctx: &Context) -> Value {
    let v = o.requests_per_day;
    let money = |day: f64| {
        json!({
            "usd_per_day": day,
            "usd_per_month": per_month(day),
            "usd_per_1k_requests": per_1k_requests(day, v),
        })
    };
    let api = money(o.api.usd_per_day);
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
        }),
    );
    let mut hybrid = money(o.hybrid.usd_per_day);
    extend(
        &mut hybrid,
        json!({
            "local_usd_per_day": o.hybrid.local.usd_per_day,
            "api_usd_per_day": o.hybrid.api.usd_per_day,
            "replicas": count(o.hybrid.local.replicas),
        }),
    );
    json!({
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
            "choice": o.recommendation.choice.key(),
            "reasons": o.recommendation.reasons,
        },
        "cheapest_allowed": o.cheapest_allowed.key(),
        "allowed": allowed(o),
        "recommended_breakeven_requests_per_day": o.recommended_breakeven_requests_per_day,
        "warnings": ctx.warnings,
    })
}

/// `{"api": {"allowed": true, "reason": null}, ...}`: each option's verdict (docs/MODEL.md §6.4).
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

/// Pretty-printed JSON with a trailing newline.
pub fn render(sc: &Scenario, o: &Outcome, ctx: &Context) -> String {
    let mut s = serde_json::to_string_pretty(&value(sc, o, ctx)).unwrap_or_default();
    s.push('\n');
    s
}

/// A whole count as a JSON integer while it is exactly representable.
fn count(x: f64) -> Value {
    if (0.0..=9_007_199_254_740_992.0).contains(&x) {
        json!(x as u64)
    } else {
        json!(x)
    }
}

fn extend(target: &mut Value, more: Value) {
    if let (Value::Object(t), Value::Object(m)) = (target, more) {
        t.extend(m);
    }
}
