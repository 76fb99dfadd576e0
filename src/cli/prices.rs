//! `crossover prices list | import`.

use serde_json::json;

use super::args::{ListFormat, PricesCommand};
use super::{print, CliError};
use crate::catalog::{self, litellm, Catalog};

pub fn run(cmd: PricesCommand) -> Result<(), CliError> {
    match cmd {
        PricesCommand::List { format, filter } => {
            let catalog = catalog::load();
            for w in &catalog.warnings {
                super::eprint_line("warning", w);
            }
            let keep = |name: &str, provider: &str| {
                filter.as_deref().is_none_or(|f| {
                    let f = f.to_ascii_lowercase();
                    name.to_ascii_lowercase().contains(&f)
                        || provider.to_ascii_lowercase().contains(&f)
                })
            };
            match format {
                ListFormat::Json => print(&crate::sanitize::json(&json_list(&catalog, &keep))),
                ListFormat::Text => print(&text_list(&catalog, &keep)),
            }
        }
        PricesCommand::Import { file } => import(&file),
    }
}

fn json_list(c: &Catalog, keep: &dyn Fn(&str, &str) -> bool) -> String {
    let api: Vec<_> = c
        .api
        .iter()
        .filter(|m| keep(&m.name, &m.provider))
        .map(|m| {
            json!({
                "name": m.name, "provider": m.provider,
                "input_per_mtok": m.input_per_mtok, "output_per_mtok": m.output_per_mtok,
                "cached_input_per_mtok": m.cached_input_per_mtok, "batch_discount": m.batch_discount,
                "context_window": m.context_window, "source": m.source, "as_of": m.as_of,
                "estimate": m.estimate,
            })
        })
        .collect();
    let gpus: Vec<_> = c
        .gpus
        .iter()
        .filter(|g| keep(&g.name, ""))
        .map(|g| {
            json!({
                "name": g.name, "memory_gb": g.memory_gb, "on_demand_per_hour": g.on_demand_per_hour,
                "low_per_hour": g.low_per_hour, "source": g.source, "as_of": g.as_of, "estimate": g.estimate,
            })
        })
        .collect();
    let models: Vec<_> = c
        .models
        .iter()
        .filter(|m| keep(&m.name, ""))
        .map(|m| {
            json!({
                "name": m.name, "params_b": m.params_b,
                "weights_gb": {"bf16": m.weights_gb[0], "fp8": m.weights_gb[1], "int4": m.weights_gb[2]},
                "source": m.source, "as_of": m.as_of,
                "throughput": "estimated (crossover throughput MODEL --gpu GPU)",
            })
        })
        .collect();
    let v = json!({"catalog_as_of": c.as_of, "api": api, "gpus": gpus, "models": models, "warnings": c.warnings});
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

fn text_list(c: &Catalog, keep: &dyn Fn(&str, &str) -> bool) -> String {
    let mut out = format!(
        "Price catalog as of {} (USD)\n\nAPI models, per million tokens\n",
        c.as_of
    );
    let opt = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v}"));
    out.push_str(&format!(
        "  {:<34} {:<10} {:>7} {:>7} {:>7} {:>6} {:>9}  {:<10} source\n",
        "name", "provider", "input", "output", "cached", "batch", "context", "as of"
    ));
    for m in c.api.iter().filter(|m| keep(&m.name, &m.provider)) {
        out.push_str(&format!(
            "  {:<34} {:<10} {:>7} {:>7} {:>7} {:>6} {:>9}  {:<10} {}\n",
            m.name,
            m.provider,
            m.input_per_mtok,
            m.output_per_mtok,
            opt(m.cached_input_per_mtok),
            m.batch_discount
                .map_or("-".into(), |d| format!("{:.0}%", d * 100.0)),
            m.context_window.map_or("-".into(), crate::figures::si_u64),
            m.as_of,
            m.source
        ));
    }
    out.push_str("\nGPUs, per GPU-hour\n");
    out.push_str(&format!(
        "  {:<12} {:>7} {:>10} {:>6}  {:<10} source\n",
        "name", "memory", "on demand", "low", "as of"
    ));
    for g in c.gpus.iter().filter(|g| keep(&g.name, "")) {
        out.push_str(&format!(
            "  {:<12} {:>5} GB {:>10} {:>6}  {:<10} {}\n",
            g.name, g.memory_gb, g.on_demand_per_hour, g.low_per_hour, g.as_of, g.source
        ));
    }
    out.push_str(
        "\nLocal models, GB of weights at bf16 / fp8 / int4 (- = not served); throughput is estimated\n",
    );
    for m in c.models.iter().filter(|m| keep(&m.name, "")) {
        let w = |x: f64| if x > 0.0 { format!("{x}") } else { "-".into() };
        out.push_str(&format!(
            "  {:<22} {:>6} / {:>6} / {:>6}  {} ({})\n",
            m.name,
            w(m.weights_gb[0]),
            w(m.weights_gb[1]),
            w(m.weights_gb[2]),
            m.source,
            m.as_of
        ));
    }
    out
}

fn import(file: &std::path::Path) -> Result<(), CliError> {
    let shown = file.display().to_string();
    let text = crate::input::read_bounded(file, crate::input::IMPORT_CAP, "LiteLLM pricing file")
        .map_err(|e| CliError::Usage(format!("{e}; the catalog is unchanged")))?;
    let date = crate::clock::today();
    let import = litellm::parse(&text, &shown, &date)
        .map_err(|e| CliError::Usage(format!("{e}; the catalog is unchanged")))?;
    if import.models.is_empty() {
        return Err(CliError::Usage(format!(
            "{shown}: no chat models with prices found; the catalog is unchanged"
        )));
    }
    let path = catalog::imported_path().ok_or_else(|| {
        CliError::Other(anyhow::anyhow!(
            "no data folder could be found (is HOME set?)"
        ))
    })?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            CliError::Other(anyhow::anyhow!("cannot create {}: {e}", dir.display()))
        })?;
    }
    crate::atomic::write_atomic(&path, litellm::to_toml(&import, &date).as_bytes(), true)
        .map_err(|e| CliError::Other(e.into()))?;
    let skipped: usize = import.skipped.values().sum();
    let mut out = format!(
        "imported {} chat models from {shown} into {}\nskipped {skipped}:\n",
        import.models.len(),
        path.display()
    );
    for (why, n) in &import.skipped {
        out.push_str(&format!("  {n} × {why}\n"));
    }
    if import.tiered > 0 {
        let (n, verb) = if import.tiered == 1 {
            ("1 model".to_string(), "has")
        } else {
            (format!("{} models", import.tiered), "have")
        };
        out.push_str(&format!(
            "{n} {verb} higher prices above a prompt size; crossover uses the base tier\n"
        ));
    }
    out.push_str("imported prices now come before the shipped catalog (crossover prices list)\n");
    print(&out)
}
