//! The other views of a scenario, for `report --view`: sensitivity (tornado), uncertainty
//! (Monte Carlo) and the growth timeline, in each report format.

use serde_json::{json, Value};

use crate::figures::{money, percent, volume};
use crate::model::fields;
use crate::model::sensitivity::{sensitivity, Sensitivity};
use crate::model::timeline::{timeline, Timeline};
use crate::model::uncertainty::{default_threads, monte_carlo, MonteCarlo, BAND_VOLUMES};
use crate::model::Scenario;

/// What `report --view` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// Costs, break-even and recommendation (docs/MODEL.md §5 for JSON)
    Costs,
    /// The tornado: each input swung on its own
    Sensitivity,
    /// Monte Carlo bands over the [uncertainty] ranges
    Uncertainty,
    /// Month by month over the [growth] horizon
    Timeline,
    /// Everything (JSON: the §5 object plus "sensitivity", "uncertainty", "timeline")
    All,
}

fn opt(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |v| json!(v))
}

pub fn sensitivity_json(t: &Sensitivity) -> Value {
    json!({
        "gap_usd_per_day": t.gap,
        "breakeven_requests_per_day": opt(t.breakeven),
        "inputs": t.swings.iter().map(|s| json!({
            "key": s.key,
            "low": s.low,
            "high": s.high,
            "gap_usd_per_day_low": s.gap_low,
            "gap_usd_per_day_high": s.gap_high,
            "breakeven_low": opt(s.breakeven_low),
            "breakeven_high": opt(s.breakeven_high),
        })).collect::<Vec<_>>(),
    })
}

pub fn uncertainty_json(sc: &Scenario, mc: &MonteCarlo) -> Value {
    json!({
        "samples": mc.samples,
        "seed": sc.uncertainty.seed,
        "ranges": sc.uncertainty.ranges.iter().map(|r| json!({"key": r.key, "low": r.low, "high": r.high, "shape": format!("{:?}", r.shape)})).collect::<Vec<_>>(),
        "p_self_host_cheaper": mc.p_self_host_cheaper,
        "breakeven_p10": opt(mc.breakeven[0]),
        "breakeven_p50": opt(mc.breakeven[1]),
        "breakeven_p90": opt(mc.breakeven[2]),
        "never_share": mc.never_share,
        "bands": mc.volumes.iter().enumerate().map(|(i, v)| json!({
            "requests_per_day": v,
            "api": mc.api[i], "self_host": mc.self_host[i], "hybrid": mc.hybrid[i],
        })).collect::<Vec<_>>(),
    })
}

pub fn timeline_json(sc: &Scenario, t: &Timeline) -> Value {
    json!({
        "monthly_rate": sc.growth.monthly_rate,
        "horizon_months": sc.growth.horizon_months,
        "first_month_cheaper": t.first_month_cheaper,
        "first_month_repaid": t.first_month_repaid,
        "best_switch_month": t.best_switch_month,
        "savings_at_horizon": t.savings_at_horizon,
        "months": t.months.iter().map(|m| json!({
            "month": m.month, "requests_per_day": m.requests_per_day,
            "api_usd": m.api, "self_host_usd": m.self_host, "hybrid_usd": m.hybrid,
            "cumulative_api_usd": m.cumulative_api, "cumulative_self_host_usd": m.cumulative_self_host,
            "cumulative_hybrid_usd": m.cumulative_hybrid, "replicas": m.replicas,
        })).collect::<Vec<_>>(),
    })
}

fn mc(sc: &Scenario) -> MonteCarlo {
    monte_carlo(sc, BAND_VOLUMES, default_threads())
}

/// JSON for a view (`Costs` and `All` are handled by the caller).
pub fn json(sc: &Scenario, view: View) -> Value {
    match view {
        View::Sensitivity => sensitivity_json(&sensitivity(sc)),
        View::Uncertainty => uncertainty_json(sc, &mc(sc)),
        View::Timeline => timeline_json(sc, &timeline(sc)),
        View::Costs | View::All => Value::Null,
    }
}

fn label(key: &str) -> String {
    fields::field(key).map_or(key.to_string(), |f| f.label.to_string())
}

fn breakeven(b: Option<f64>) -> String {
    b.map_or("never".into(), volume)
}

pub fn sensitivity_text(sc: &Scenario, t: &Sensitivity, markdown: bool, limit: usize) -> String {
    let cur = sc.currency.as_str();
    let mut out = String::new();
    if markdown {
        out.push_str(&format!(
            "Self-hosting minus API now: {}/day. Each input swung on its own (its [uncertainty] range, or ±{}), largest effect first.\n\n",
            money(t.gap, cur),
            percent(sc.uncertainty.swing)
        ));
        out.push_str("| Input | Low → high | Gap (self-host − API) per day | Break-even (req/day) |\n|---|---|---|---|\n");
    } else {
        out.push_str(&format!(
            "Sensitivity at {} requests/day: self-hosting minus API is {}/day; break-even {}.\n\n",
            volume(sc.workload.requests_per_day),
            money(t.gap, cur),
            breakeven(t.breakeven)
        ));
        out.push_str(&format!(
            "  {:<26} {:>24}  {:>25}  {}\n",
            "input", "low → high", "gap low → high", "break-even low → high"
        ));
    }
    for s in t.swings.iter().take(limit) {
        let range = format!(
            "{} → {}",
            crate::figures::num(s.low),
            crate::figures::num(s.high)
        );
        let gap = format!("{} → {}", money(s.gap_low, cur), money(s.gap_high, cur));
        let be = format!(
            "{} → {}",
            breakeven(s.breakeven_low),
            breakeven(s.breakeven_high)
        );
        if markdown {
            out.push_str(&format!("| {} | {range} | {gap} | {be} |\n", label(s.key)));
        } else {
            out.push_str(&format!(
                "  {:<26} {range:>24}  {gap:>25}  {be}\n",
                label(s.key)
            ));
        }
    }
    out
}

pub fn uncertainty_text(sc: &Scenario, m: &MonteCarlo) -> String {
    if sc.uncertainty.ranges.is_empty() {
        return "No [uncertainty] ranges: the bands collapse onto the point estimates. Add ranges to the preset, e.g.\n  [uncertainty.self_host]\n  decode_tokens_per_second = [1800, 3200]\n".into();
    }
    let mut out = format!(
        "{} samples (seed {}) over {} uncertain input(s).\n",
        m.samples,
        sc.uncertainty.seed,
        sc.uncertainty.ranges.len()
    );
    out.push_str(&format!(
        "Chance self-hosting is cheaper than the API at the current volume: {}\n",
        percent(m.p_self_host_cheaper)
    ));
    out.push_str(&format!(
        "Break-even P10 / P50 / P90: {} / {} / {} requests/day ({} of samples never break even)\n",
        breakeven(m.breakeven[0]),
        breakeven(m.breakeven[1]),
        breakeven(m.breakeven[2]),
        percent(m.never_share)
    ));
    out
}

pub fn timeline_text(sc: &Scenario, t: &Timeline, markdown: bool) -> String {
    let cur = sc.currency.as_str();
    let month = |m: Option<u32>| {
        m.map_or("not within the horizon".to_string(), |m| {
            format!("month {m}")
        })
    };
    let mut out = format!(
        "{} months from {} requests/day, growing {} a month{}.\n",
        sc.growth.horizon_months,
        volume(sc.workload.requests_per_day),
        percent(sc.growth.monthly_rate),
        if sc.growth.steps.is_empty() {
            String::new()
        } else {
            let steps: Vec<String> = sc
                .growth
                .steps
                .iter()
                .map(|s| format!("month {}: ×{}", s.month, s.factor))
                .collect();
            format!(", with {}", steps.join(", "))
        }
    );
    let bullet = if markdown { "- " } else { "  " };
    out.push_str(&format!(
        "{bullet}Self-hosting's monthly cost first falls below the API's in {}.\n",
        month(t.first_month_cheaper)
    ));
    out.push_str(&format!(
        "{bullet}Its cumulative cost, setup repaid, first falls below in {}.\n",
        month(t.first_month_repaid)
    ));
    match t.best_switch_month {
        Some(m) => out.push_str(&format!(
            "{bullet}Best month to switch from the API: month {m}, saving {} by month {}.\n",
            money(t.savings_at_horizon, cur),
            sc.growth.horizon_months
        )),
        None => out.push_str(&format!(
            "{bullet}Staying on the API is cheapest over the horizon.\n"
        )),
    }
    out
}

/// Month-by-month CSV.
pub fn timeline_csv(t: &Timeline) -> String {
    let mut out = String::from("month,requests_per_day,api_usd,self_host_usd,hybrid_usd,cumulative_api_usd,cumulative_self_host_usd,cumulative_hybrid_usd,replicas\n");
    for m in &t.months {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            m.month,
            m.requests_per_day,
            m.api,
            m.self_host,
            m.hybrid,
            m.cumulative_api,
            m.cumulative_self_host,
            m.cumulative_hybrid,
            m.replicas
        ));
    }
    out
}

/// The tornado as CSV.
pub fn sensitivity_csv(t: &Sensitivity) -> String {
    let mut out = String::from(
        "key,low,high,gap_usd_per_day_low,gap_usd_per_day_high,breakeven_low,breakeven_high\n",
    );
    let o = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
    for s in &t.swings {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            s.key,
            s.low,
            s.high,
            s.gap_low,
            s.gap_high,
            o(s.breakeven_low),
            o(s.breakeven_high)
        ));
    }
    out
}

/// The bands as CSV.
pub fn uncertainty_csv(m: &MonteCarlo) -> String {
    let mut out = String::from("requests_per_day,api_p10,api_p50,api_p90,self_host_p10,self_host_p50,self_host_p90,hybrid_p10,hybrid_p50,hybrid_p90\n");
    for (i, v) in m.volumes.iter().enumerate() {
        let [a, s, h] = [m.api[i], m.self_host[i], m.hybrid[i]];
        out.push_str(&format!(
            "{v},{},{},{},{},{},{},{},{},{}\n",
            a[0], a[1], a[2], s[0], s[1], s[2], h[0], h[1], h[2]
        ));
    }
    out
}

/// A view in a format (`Costs` is the regular report).
pub fn render(sc: &Scenario, view: View, format: super::Format, ctx: &super::Context) -> String {
    let (sc, ctx) = super::safe_texts(sc, ctx, format);
    super::safe_json(render_safe(&sc, view, format, &ctx), format)
}

/// [`render`] of texts already made safe.
fn render_safe(sc: &Scenario, view: View, format: super::Format, ctx: &super::Context) -> String {
    use super::Format as F;
    match (view, format) {
        (View::Costs, f) => super::render_safe(sc, f, ctx),
        (View::All, F::Json) => {
            let o = crate::model::Outcome::evaluate(sc);
            let mut v = super::json::value(sc, &o, ctx);
            if let Value::Object(map) = &mut v {
                map.insert("sensitivity".into(), json(sc, View::Sensitivity));
                map.insert("uncertainty".into(), json(sc, View::Uncertainty));
                map.insert("timeline".into(), json(sc, View::Timeline));
            }
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
        }
        (View::All, F::Csv) => super::render_safe(sc, F::Csv, ctx),
        (View::All, f) => {
            let mut out = super::render_safe(sc, f, ctx);
            for v in [View::Sensitivity, View::Uncertainty, View::Timeline] {
                out.push('\n');
                out.push_str(&render_safe(sc, v, f, ctx));
            }
            out
        }
        (v, F::Json) => format!(
            "{}\n",
            serde_json::to_string_pretty(&json(sc, v)).unwrap_or_default()
        ),
        (View::Sensitivity, F::Csv) => sensitivity_csv(&sensitivity(sc)),
        (View::Uncertainty, F::Csv) => uncertainty_csv(&mc(sc)),
        (View::Timeline, F::Csv) => timeline_csv(&timeline(sc)),
        (View::Sensitivity, f) => {
            let md = f == F::Markdown;
            let head = if md { "## Sensitivity\n\n" } else { "" };
            format!(
                "{head}{}",
                sensitivity_text(sc, &sensitivity(sc), md, usize::MAX)
            )
        }
        (View::Uncertainty, f) => {
            let head = if f == F::Markdown {
                "## Uncertainty\n\n"
            } else {
                ""
            };
            format!("{head}{}", uncertainty_text(sc, &mc(sc)))
        }
        (View::Timeline, f) => {
            let md = f == F::Markdown;
            let head = if md { "## Growth timeline\n\n" } else { "" };
            format!("{head}{}", timeline_text(sc, &timeline(sc), md))
        }
    }
}
