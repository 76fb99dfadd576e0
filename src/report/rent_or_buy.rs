//! What every report format says about the owned fleet (docs/MODEL.md §6.9) when
//! `owned.enabled`: its cost, its servers and when buying beats renting.

use serde_json::{json, Value};

use crate::figures::{money, months, percent, volume};
use crate::model::outcome::{per_1k_requests, per_month};
use crate::model::owned_inputs::Origin;
use crate::model::{Outcome, Scenario};

/// The owned fleet's row label: `Owned (2 servers of 8 × H100 80GB)`.
pub fn label(sc: &Scenario, o: &Outcome) -> String {
    format!(
        "Owned ({} of {} × {})",
        plural(o.owned.servers, "server"),
        sc.owned.gpus_per_server,
        sc.self_host.gpu
    )
}

/// Sentences on the fleet and on renting against buying, for text and Markdown.
pub fn sentences(sc: &Scenario, o: &Outcome) -> Vec<String> {
    let cur = sc.currency.as_str();
    let w = &o.owned;
    let resale = if sc.owned.resale_share > 0.0 {
        format!(" to a resale value of {}", percent(sc.owned.resale_share))
    } else {
        String::new()
    };
    // Support and the cost of capital only when set (docs/MODEL.md §6.9).
    let finance: String = [
        ("support", w.support_usd_per_day),
        ("cost of capital", w.capital_usd_per_day),
    ]
    .iter()
    .filter(|(_, x)| *x != 0.0)
    .map(|(what, x)| format!(", {what} {}/day", money(*x, cur)))
    .collect();
    let mut out = vec![format!(
        "Owned fleet: {} ({} GPUs bought for {}), {} at {} peak utilization: depreciation {}/day \
         over {} months{resale}, power {}/day, colocation {}/day{finance}, engineering {}/day.",
        plural(w.servers, "server"),
        volume(w.gpus),
        money(w.purchase_usd, cur),
        plural(w.replicas, "replica"),
        percent(w.peak_utilization),
        money(w.depreciation_usd_per_day, cur),
        volume(sc.owned.depreciation_months),
        money(w.power_usd_per_day, cur),
        money(w.colocation_usd_per_day, cur),
        money(w.engineering_usd_per_day, cur),
    )];
    let [purchase, power] = crate::model::owned_inputs::lines(sc);
    out.push(format!("Owned fleet inputs: {purchase}; {power}."));
    out.push(rent_or_buy(sc, o));
    out
}

/// "Buying beats renting after 38.2 months of ownership at this volume (…)."
pub fn rent_or_buy(sc: &Scenario, o: &Outcome) -> String {
    let life = sc.owned.depreciation_months;
    match o.buy_beats_rent_after_months {
        Some(m) => {
            let verdict = if m <= life {
                "within the hardware's depreciation"
            } else {
                "longer than the hardware is depreciated over"
            };
            format!(
                "Rent or buy: buying beats renting after {} of ownership at this volume ({verdict}, {} months).",
                months(m),
                volume(life)
            )
        }
        None => "Rent or buy: at this volume the owned servers' running costs (power, \
                 colocation, support, cost of capital) are at least what renting costs, so buying \
                 never pays back."
            .into(),
    }
}

/// Where a followed figure came from, for JSON: `{"from": "catalog", "entry", "source",
/// "as_of", "estimate"}`, `{"from": "set"}`, `{"from": "default", "why"}`.
fn origin(x: &Origin) -> Value {
    match x {
        Origin::Catalog(c) => json!({
            "from": "catalog",
            "entry": c.entry,
            "source": c.source,
            "as_of": c.as_of,
            "estimate": c.estimate,
        }),
        Origin::Set => json!({"from": "set"}),
        Origin::Default => json!({"from": "default"}),
        Origin::Missing(why) => json!({"from": "default", "why": why}),
    }
}

/// The `owned` object of the JSON report.
pub fn json(sc: &Scenario, o: &Outcome) -> Value {
    let w = &o.owned;
    let v = o.requests_per_day;
    json!({
        "usd_per_day": w.usd_per_day,
        "usd_per_month": per_month(w.usd_per_day),
        "usd_per_1k_requests": per_1k_requests(w.usd_per_day, v),
        "depreciation_usd_per_day": w.depreciation_usd_per_day,
        "power_usd_per_day": w.power_usd_per_day,
        "colocation_usd_per_day": w.colocation_usd_per_day,
        "fixed_usd_per_day": w.fixed_usd_per_day,
        "engineering_usd_per_day": w.engineering_usd_per_day,
        "servers": super::json::count(w.servers),
        "gpus": super::json::count(w.gpus),
        "replicas": super::json::count(w.replicas),
        "peak_utilization": w.peak_utilization,
        "purchase_usd": w.purchase_usd,
        "buy_beats_rent_after_months": o.buy_beats_rent_after_months,
        "gpu_purchase_price": sc.owned.gpu_purchase_price,
        "gpu_purchase_price_from": origin(&sc.owned.purchase_from),
        "power_per_gpu_watts": sc.owned.power_per_gpu_watts,
        "power_per_gpu_watts_from": origin(&sc.owned.power_from),
        "support_usd_per_day": w.support_usd_per_day,
        "capital_usd_per_day": w.capital_usd_per_day,
    })
}

fn plural(n: f64, noun: &str) -> String {
    super::text::plural(n, noun)
}
