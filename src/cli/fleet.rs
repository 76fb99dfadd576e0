//! `crossover compare`: every GPU × precision × GPUs per replica that serves the scenario's
//! local model, ranked by self-hosting's daily cost at the current volume (docs/MODEL.md
//! §6.10), with the cheapest configuration across the chart's volume range, and the
//! configurations that do not fit or miss the latency targets listed apart.

use serde_json::json;

use super::args::FormatArg;
use super::CliError;
use crate::catalog::fleet::{market_label, offerings, parse_market};
use crate::figures::{money, volume};
use crate::model::fleet::{at_local_volume, rank, winners, Comparison};
use crate::model::throughput::Precision;
use crate::model::Scenario;

/// Volumes sampled for the winners across the chart's range.
const WINNER_SAMPLES: usize = 128;

/// The ranking for `sc` in `format` (only `market`'s offerings when given), or why there is
/// none.
pub fn run(
    sc: &Scenario,
    catalog: &crate::catalog::Catalog,
    format: FormatArg,
    market: Option<&str>,
) -> Result<String, CliError> {
    let market = market
        .map(parse_market)
        .transpose()
        .map_err(|e| CliError::Usage(format!("--market: {e}")))?;
    let lib = &catalog.library;
    let model = &lib
        .model(&sc.self_host.model)
        .map_err(|e| CliError::Usage(format!("self_host.model: {e}")))?
        .arch;
    let offerings = offerings(catalog, lib, market);
    // At the volume the recommended option serves locally: the hybrid's local share when the
    // hybrid is recommended.
    let today = crate::clock::today();
    let resolved = crate::model::assessment::resolve(sc, catalog, &today);
    let recommended = crate::model::Outcome::evaluate(&resolved)
        .recommendation
        .choice;
    let c = rank(&at_local_volume(&resolved, recommended), model, &offerings);
    if c.rows.is_empty() {
        return Err(CliError::Usage(c.nothing_fits(&model.name)));
    }
    let (lo, hi) = (sc.chart.min_requests_per_day, sc.chart.max_requests_per_day);
    Ok(match format {
        FormatArg::Json => json_text(sc, &c, lo, hi, recommended),
        FormatArg::Csv => csv(sc, &c),
        FormatArg::Text => text(sc, &c, (lo, hi), false, recommended),
        FormatArg::Markdown => text(sc, &c, (lo, hi), true, recommended),
    })
}

fn name(c: &Comparison, i: usize) -> String {
    crate::wording::fleet_config(&c.rows[i])
}

fn text(
    sc: &Scenario,
    c: &Comparison,
    (lo, hi): (f64, f64),
    md: bool,
    recommended: Option<crate::model::Choice>,
) -> String {
    let cur = sc.currency.as_str();
    let mut out = String::new();
    let head = format!(
        "{} on every catalog GPU at {}, cheapest first (self-hosting's daily cost, engineering included)",
        sc.self_host.model,
        crate::wording::fleet_volume(
            c.requests_per_day,
            sc.workload.requests_per_day,
            recommended,
            "requests/day"
        )
    );
    let excluded = crate::model::allowed::fleet_note(sc);
    if md {
        out.push_str(&format!("# Fleet comparison\n\n{head}.\n\n"));
        if let Some(note) = &excluded {
            out.push_str(&format!("> **Note:** {note}\n\n"));
        }
        out.push_str("| Configuration | Market | Per GPU-hour | Per day | Per 1M tokens | Replicas | GPUs | Limit | First token | Per token |\n|---|---|---:|---:|---:|---:|---:|---|---:|---:|\n");
    } else {
        out.push_str(&format!("{head}\n\n"));
        if let Some(note) = &excluded {
            out.push_str(&format!("Note: {note}\n\n"));
        }
        out.push_str(&format!(
            "  {:<40} {:>9} {:>12} {:>10} {:>9} {:>6}  {:<17} {:>9} {:>9}\n",
            "configuration",
            "GPU-hour",
            "per day",
            "per 1M tok",
            "replicas",
            "GPUs",
            "limit",
            "TTFT",
            "TPOT"
        ));
    }
    for (i, r) in c.rows.iter().enumerate() {
        let mtok = r.usd_per_mtok.map_or("n/a".into(), |x| money(x, cur));
        let ttft = crate::figures::latency(r.time_to_first_token_s);
        let tpot = crate::figures::latency(r.time_per_output_token_s);
        if md {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {mtok} | {} | {} | {} | {ttft} | {tpot} |\n",
                name(c, i),
                market_label(&r.market),
                money(r.usd_per_gpu_hour, cur),
                money(r.usd_per_day, cur),
                volume(r.replicas),
                volume(r.gpus),
                r.bound.label()
            ));
        } else {
            out.push_str(&format!(
                "  {:<40} {:>9} {:>12} {:>10} {:>9} {:>6}  {:<17} {:>9} {:>9}\n",
                name(c, i),
                money(r.usd_per_gpu_hour, cur),
                money(r.usd_per_day, cur),
                mtok,
                volume(r.replicas),
                volume(r.gpus),
                r.bound.label(),
                ttft,
                tpot
            ));
        }
    }
    let bullet = if md { "- " } else { "  " };
    out.push_str(if md {
        "\n## Cheapest across the volume range\n\n"
    } else {
        "\nCheapest across the volume range:\n"
    });
    for w in winners(c, lo, hi, WINNER_SAMPLES) {
        out.push_str(&format!(
            "{bullet}{} to {} requests/day: {}\n",
            volume(w.from_requests_per_day),
            volume(w.to_requests_per_day),
            name(c, w.row)
        ));
    }
    out.push_str(&left_out(c, md));
    out
}

/// The configurations left out, with the estimator's reasons, and the closing note.
fn left_out(c: &Comparison, md: bool) -> String {
    let bullet = if md { "- " } else { "  " };
    let mut out = String::from(if md {
        "\n## Left out\n\n"
    } else {
        "\nLeft out (does not fit, misses a latency target):\n"
    });
    for r in &c.rejected {
        out.push_str(&format!(
            "{bullet}{} × {} {}: {}\n",
            r.gpus_per_replica,
            r.gpu,
            r.precision.name(),
            r.reason
        ));
    }
    if let Some(d) = crate::wording::fleet_dequantised(c) {
        out.push_str(&format!(
            "\n{}{}.\n",
            if md { "" } else { "Note: " },
            crate::wording::capitalised(&d)
        ));
    }
    out.push_str(&format!(
        "\n{}Throughput is estimated from the model's architecture and the GPU's specifications{}; {}. Each GPU appears at its catalog list price (@list) and at each of its rental offerings by market (see `crossover prices list`); spot capacity can be taken back (an interruption costs more than its price shows). A configuration left out is left out for every offering of its GPU.\n",
        if md { "" } else { "Note: " },
        calibrated(c),
        crate::wording::FLEET_LATENCIES
    ));
    out
}

/// ", except on rows marked (calibrated): … uses …" for each fit of the user's runs a row
/// uses, else nothing.
fn calibrated(c: &Comparison) -> String {
    let mut fits: Vec<&crate::calibrate::store::Fit> = Vec::new();
    for f in c.rows.iter().filter_map(|r| r.calibration.as_ref()) {
        if !fits.contains(&f) {
            fits.push(f);
        }
    }
    if fits.is_empty() {
        return String::new();
    }
    let each: Vec<String> = fits
        .iter()
        .map(|f| {
            format!(
                "{} is {} (sha256 {})",
                f.config_text(),
                f.phrase(),
                f.short_hashes()
            )
        })
        .collect();
    format!(
        ", except on the rows marked (calibrated): {}",
        each.join("; ")
    )
}

/// A JSON object that names one configuration: `before`'s fields, then gpu, offering (when
/// there is one: a configuration left out is left out for every offering of its GPU),
/// precision and GPUs per replica, then `after`'s fields (the same names in every list).
fn configuration(
    before: serde_json::Value,
    (gpu, offering, precision, gpus_per_replica): (&str, Option<&str>, Precision, u32),
    after: serde_json::Value,
) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    let mut named = json!({
        "gpu": gpu,
        "offering": offering,
        "precision": precision.name(),
        "gpus_per_replica": gpus_per_replica,
    });
    if offering.is_none() {
        if let serde_json::Value::Object(m) = &mut named {
            m.remove("offering");
        }
    }
    for part in [before, named, after] {
        if let serde_json::Value::Object(m) = part {
            out.extend(m);
        }
    }
    serde_json::Value::Object(out)
}

fn json_text(
    sc: &Scenario,
    c: &Comparison,
    lo: f64,
    hi: f64,
    recommended: Option<crate::model::Choice>,
) -> String {
    let rows: Vec<_> = c
        .rows
        .iter()
        .map(|r| {
            configuration(
                json!({}),
                (&r.gpu, Some(&r.offering), r.precision, r.gpus_per_replica),
                json!({
                "market": r.market,
                "usd_per_gpu_hour": r.usd_per_gpu_hour,
                "usd_per_day": r.usd_per_day,
                "usd_per_mtok": r.usd_per_mtok,
                "replicas": r.replicas,
                "gpus": r.gpus,
                "bound": r.bound.name(),
                "time_to_first_token_s": r.time_to_first_token_s,
                "time_per_output_token_s": r.time_per_output_token_s,
                "dequantised": r.dequantised,
                "calibration": crate::calibrate::store::json(r.calibration.as_ref()),
                }),
            )
        })
        .collect();
    let ws: Vec<_> = winners(c, lo, hi, WINNER_SAMPLES)
        .iter()
        .map(|w| {
            let r = &c.rows[w.row];
            configuration(
                json!({
                    "from_requests_per_day": w.from_requests_per_day,
                    "to_requests_per_day": w.to_requests_per_day,
                }),
                (&r.gpu, Some(&r.offering), r.precision, r.gpus_per_replica),
                json!({ "market": r.market }),
            )
        })
        .collect();
    let rejected: Vec<_> = c
        .rejected
        .iter()
        .map(|r| {
            configuration(
                json!({}),
                (&r.gpu, None, r.precision, r.gpus_per_replica),
                json!({ "reason": r.reason }),
            )
        })
        .collect();
    let mut warnings = vec![format!(
        "Throughput is estimated from architecture and specifications; {}.",
        crate::wording::FLEET_LATENCIES
    )];
    warnings.extend(
        crate::wording::fleet_dequantised(c).map(|d| crate::wording::capitalised(&d) + "."),
    );
    warnings.extend(crate::model::allowed::fleet_note(sc));
    let v = json!({
        "scenario": sc.name,
        "model": sc.self_host.model,
        "requests_per_day": c.requests_per_day,
        "configurations": rows,
        "winners": ws,
        "rejected": rejected,
        "warnings": warnings,
        "recommended": recommended.map(crate::model::Choice::key),
        "scenario_requests_per_day": sc.workload.requests_per_day,
    });
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

/// The rows as CSV, after a `# warning:` line when the constraints exclude self-hosting (as
/// the report's CSV gives its warnings).
fn csv(sc: &Scenario, c: &Comparison) -> String {
    let mut out: String = crate::model::allowed::fleet_note(sc)
        .map(|n| format!("# warning: {n}\n"))
        .unwrap_or_default();
    out.push_str("gpu,offering,market,usd_per_gpu_hour,precision,gpus_per_replica,usd_per_day,usd_per_mtok,replicas,gpus,bound,time_to_first_token_s,time_per_output_token_s\n");
    for r in &c.rows {
        out.push_str(&format!(
            "\"{}\",\"{}\",{},{},{},{},{:.2},{},{},{},{},{},{}\n",
            r.gpu,
            r.offering,
            r.market,
            r.usd_per_gpu_hour,
            r.precision.name(),
            r.gpus_per_replica,
            r.usd_per_day,
            r.usd_per_mtok.map_or(String::new(), |x| format!("{x:.4}")),
            r.replicas,
            r.gpus,
            r.bound.name(),
            r.time_to_first_token_s,
            r.time_per_output_token_s
        ));
    }
    out
}
