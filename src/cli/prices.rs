//! `crossover prices list | import`.

use serde_json::json;

use super::args::{ImportFormat, ListFormat, PricesCommand};
use super::{print, CliError};
use crate::catalog::{self, genai_prices, litellm, store, Catalog, GpuOffering};

pub fn run(cmd: PricesCommand) -> Result<(), CliError> {
    match cmd {
        PricesCommand::List { format, filter } => {
            let catalog = catalog::load();
            for w in &catalog.warnings {
                super::eprint_line("warning", w);
            }
            // The pickers' rule: words in any order, any case, separators ignored; the
            // provider counts too ("anthropic", "runpod").
            let keep = |name: &str, provider: &str| {
                filter
                    .as_deref()
                    .is_none_or(|f| crate::catalog::fuzzy::rank(f, name, provider).is_some())
            };
            match format {
                ListFormat::Json => print(&crate::sanitize::json(&json_list(&catalog, &keep))),
                ListFormat::Text => match filter.as_deref() {
                    Some(f) if !matches_any(&catalog, &keep) => print(&format!(
                        "Price catalog as of {} (USD)\n\nNothing matches {:?}: names and providers are searched; try a shorter TEXT, or no --filter.\n",
                        catalog.as_of,
                        crate::sanitize::line(f)
                    )),
                    f => print(&text_list(&catalog, &keep, f)),
                },
            }
        }
        PricesCommand::Import {
            file,
            as_of,
            skip_invalid,
            from,
        } => import(&file, as_of.as_deref(), skip_invalid, from),
    }
}

fn offering_json(o: &GpuOffering) -> serde_json::Value {
    json!({
        "gpu": o.gpu, "name": o.name, "market": o.market.id(), "provider": o.provider,
        "per_gpu_hour": o.per_gpu_hour, "purchase_per_gpu": o.purchase_per_gpu,
        "interruptions_per_day": o.interruptions_per_day, "default": o.default,
        "market_low_per_gpu_hour": o.market_low_per_gpu_hour,
        "market_high_per_gpu_hour": o.market_high_per_gpu_hour,
        "billing": o.billing, "source": o.source, "as_of": o.as_of,
        "as_of_lower_bound": o.as_of_lower_bound, "estimate": o.estimate, "comment": o.comment,
    })
}

fn json_list(c: &Catalog, keep: &dyn Fn(&str, &str) -> bool) -> String {
    let api: Vec<_> = c
        .api
        .iter()
        .filter(|m| keep(&m.name, &m.provider))
        .map(|m| {
            let long = m.long_context.map(|l| {
                json!({
                    "above_tokens": l.above_tokens, "input_per_mtok": l.input_per_mtok,
                    "output_per_mtok": l.output_per_mtok,
                    "cached_input_per_mtok": l.cached_input_per_mtok,
                    "cache_write_per_mtok": l.cache_write_per_mtok,
                })
            });
            json!({
                "name": m.name, "provider": m.provider,
                "input_per_mtok": m.input_per_mtok, "output_per_mtok": m.output_per_mtok,
                "cached_input_per_mtok": m.cached_input_per_mtok,
                "cache_write_per_mtok": m.cache_write_per_mtok, "batch_discount": m.batch_discount,
                "context_window": m.context_window, "long_context": long, "legacy": m.legacy,
                "free": m.free, "source": m.source, "as_of": m.as_of, "estimate": m.estimate,
                "comment": m.comment,
            })
        })
        .collect();
    let gpus: Vec<_> = c
        .gpus
        .iter()
        .filter(|g| keep(&g.name, ""))
        .map(|g| {
            let default = c
                .offerings_of(g)
                .into_iter()
                .find(|o| o.default)
                .map(|o| o.name.clone());
            json!({
                "name": g.name, "aliases": g.aliases, "memory_gb": g.memory_gb,
                "on_demand_per_hour": g.on_demand_per_hour, "low_per_hour": g.low_per_hour,
                "default_offering": default,
                "no_public_price": absent_markets(c, g),
                "source": g.source, "as_of": g.as_of,
                "estimate": g.estimate,
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
                "weights_gb": {"bf16": m.weights_gb[0], "fp8": m.weights_gb[1], "int4": m.weights_gb[2], "fp4": m.weights_gb[3]},
                "source": m.source, "as_of": m.as_of,
                "throughput": "estimated (crossover throughput MODEL --gpu GPU)",
            })
        })
        .collect();
    let offerings: Vec<_> = c
        .offerings
        .iter()
        .filter(|o| keep(&o.gpu, &o.provider))
        .map(offering_json)
        .collect();
    let imported = c
        .imported
        .as_ref()
        .map(|i| json!({"as_of": i.as_of, "source": i.source, "models": i.count}));
    let v = json!({
        "catalog_as_of": c.as_of, "imported": imported, "api": api, "gpus": gpus,
        "offerings": offerings, "models": models, "warnings": c.warnings,
    });
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

/// The markets no offering of `g` prices: the catalog has no public price for them.
fn absent_markets(c: &Catalog, g: &crate::catalog::Gpu) -> Vec<&'static str> {
    let offered = c.offerings_of(g);
    crate::catalog::Market::ALL
        .into_iter()
        .filter(|m| !offered.iter().any(|o| o.market == *m))
        .map(crate::catalog::Market::label)
        .collect()
}

/// Whether any entry of any table passes the filter.
fn matches_any(c: &Catalog, keep: &dyn Fn(&str, &str) -> bool) -> bool {
    c.api.iter().any(|m| keep(&m.name, &m.provider))
        || c.gpus.iter().any(|g| keep(&g.name, ""))
        || c.offerings.iter().any(|o| keep(&o.gpu, &o.provider))
        || c.models.iter().any(|m| keep(&m.name, ""))
}

/// "a", "a or b", "a, b or c".
fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The text list; with a filter, a section with no match is left out and named at the end.
fn text_list(c: &Catalog, keep: &dyn Fn(&str, &str) -> bool, filter: Option<&str>) -> String {
    let mut out = format!("Price catalog as of {} (USD)\n", c.as_of);
    if let Some(i) = &c.imported {
        out.push_str(&format!(
            "Imported prices first: {} models as of {} ({})\n",
            i.count, i.as_of, i.source
        ));
    }
    let mut empty: Vec<&str> = Vec::new();
    let sections = [
        ("API models", api_section(c, keep)),
        ("GPUs", gpu_section(c, keep)),
        ("GPU offerings", offering_section(c, keep)),
        ("local models", model_section(c, keep)),
    ];
    for (what, (head, rows)) in sections {
        if rows.is_empty() && filter.is_some() {
            empty.push(what);
        } else {
            out.push_str(&head);
            out.push_str(&rows);
        }
    }
    if let (Some(f), false) = (filter, empty.is_empty()) {
        out.push_str(&format!(
            "\nNo {} match {:?}.\n",
            join_or(&empty),
            crate::sanitize::line(f)
        ));
    }
    out
}

/// A figure the catalog may not give: `-` without one.
fn opt(x: Option<f64>) -> String {
    x.map_or("-".to_string(), |v| format!("{v}"))
}

/// The API models' heading and rows.
fn api_section(c: &Catalog, keep: &dyn Fn(&str, &str) -> bool) -> (String, String) {
    let mut head = String::from("\nAPI models, per million tokens (cached: cache reads; write: cache writes; long context: the prices of a request whose input exceeds the threshold)\n");
    head.push_str(&format!(
        "  {:<32} {:<10} {:>7} {:>7} {:>7} {:>6} {:>6} {:>7}  {:<20} {:<10} source\n",
        "name",
        "provider",
        "input",
        "output",
        "cached",
        "write",
        "batch",
        "context",
        "long context",
        "as of"
    ));
    let mut rows = String::new();
    for m in c.api.iter().filter(|m| keep(&m.name, &m.provider)) {
        let long = m.long_context.map_or("-".to_string(), |l| {
            format!(
                ">{}: {}/{}",
                crate::figures::si_u64(l.above_tokens),
                l.input_per_mtok,
                l.output_per_mtok
            )
        });
        let flags: Vec<&str> = [
            (m.legacy, "legacy"),
            (m.free, "free"),
            (m.estimate, "estimate"),
        ]
        .into_iter()
        .filter_map(|(on, f)| on.then_some(f))
        .collect();
        let name = if flags.is_empty() {
            m.name.clone()
        } else {
            format!("{} ({})", m.name, flags.join(", "))
        };
        rows.push_str(&format!(
            "  {:<32} {:<10} {:>7} {:>7} {:>7} {:>6} {:>6} {:>7}  {:<20} {:<10} {}\n",
            name,
            m.provider,
            m.input_per_mtok,
            m.output_per_mtok,
            opt(m.cached_input_per_mtok),
            opt(m.cache_write_per_mtok),
            m.batch_discount
                .map_or("-".into(), |d| format!("{:.0}%", d * 100.0)),
            m.context_window.map_or("-".into(), crate::figures::si_u64),
            long,
            m.as_of,
            m.source
        ));
        if !m.comment.is_empty() {
            rows.push_str(&format!("      {}\n", m.comment));
        }
    }
    (head, rows)
}

/// The GPUs' heading and rows.
fn gpu_section(c: &Catalog, keep: &dyn Fn(&str, &str) -> bool) -> (String, String) {
    let mut rows = String::new();
    for g in c.gpus.iter().filter(|g| keep(&g.name, "")) {
        let aka = if g.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also {})", g.aliases.join(", "))
        };
        rows.push_str(&format!(
            "  {:<14} {:>5} GB{aka}  {}, {}\n",
            g.name, g.memory_gb, g.source, g.as_of
        ));
    }
    ("\nGPUs\n".to_string(), rows)
}

/// The GPU offerings' heading and rows, then each GPU's markets with no public price.
fn offering_section(c: &Catalog, keep: &dyn Fn(&str, &str) -> bool) -> (String, String) {
    let mut head = String::from(
        "\nGPU offerings by market, per GPU-hour or per GPU to buy (* default; ≥ as of: no earlier than)\n",
    );
    head.push_str(&format!(
        "  {:<27} {:<38} {:>22} {:>9}  {:<10} provider, source\n",
        "gpu@offering", "market", "price", "interr./d", "as of"
    ));
    let mut rows = String::new();
    for o in c.offerings.iter().filter(|o| keep(&o.gpu, &o.provider)) {
        let label = format!("{}{}", o.label(), if o.default { " *" } else { "" });
        let market = if o.estimate {
            format!("{} (estimate)", o.market.label())
        } else {
            o.market.label().to_string()
        };
        let as_of = format!("{}{}", if o.as_of_lower_bound { "≥" } else { "" }, o.as_of);
        rows.push_str(&format!(
            "  {:<27} {:<38} {:>22} {:>9}  {:<10} {}, {}\n",
            label,
            market,
            o.price_text(),
            opt(o.interruptions_per_day),
            as_of,
            o.provider,
            o.source
        ));
    }
    for g in c.gpus.iter().filter(|g| keep(&g.name, "")) {
        let absent = absent_markets(c, g);
        if !absent.is_empty() {
            rows.push_str(&format!(
                "  {}: no public price for {}\n",
                g.name,
                absent.join(", ")
            ));
        }
    }
    (head, rows)
}

/// The local models' heading and rows.
fn model_section(c: &Catalog, keep: &dyn Fn(&str, &str) -> bool) -> (String, String) {
    let head = "\nLocal models, GB of weights at bf16 / fp8 / int4 (- = not served); throughput is estimated\n".to_string();
    let mut rows = String::new();
    for m in c.models.iter().filter(|m| keep(&m.name, "")) {
        let w = |x: f64| if x > 0.0 { format!("{x}") } else { "-".into() };
        rows.push_str(&format!(
            "  {:<22} {:>6} / {:>6} / {:>6}  {} ({})\n",
            m.name,
            w(m.weights_gb[0]),
            w(m.weights_gb[1]),
            w(m.weights_gb[2]),
            m.source,
            m.as_of
        ));
    }
    (head, rows)
}

/// Read FILE in its format, check every entry with the catalog's rule, and store the result
/// only when it is wholly valid (or `--skip-invalid`); otherwise the stored import stays.
fn import(
    file: &std::path::Path,
    as_of: Option<&str>,
    skip_invalid: bool,
    from: Option<ImportFormat>,
) -> Result<(), CliError> {
    let shown = file.display().to_string();
    let today = crate::clock::today();
    let (import, format) = read_import(file, &shown, as_of, from, &today)?;
    if !import.invalid.is_empty() && !skip_invalid {
        let mut msg = format!(
            "{shown}: {} {} the catalog would not keep; the catalog is unchanged (--skip-invalid imports the rest and lists these):\n",
            import.invalid.len(),
            if import.invalid.len() == 1 { "entry" } else { "entries" }
        );
        invalid_list(&mut msg, &shown, &import);
        return Err(CliError::Usage(msg.trim_end().to_string()));
    }
    if import.models.is_empty() {
        return Err(CliError::Usage(format!(
            "{shown}: no text models with prices found ({}); the catalog is unchanged",
            format_name(format)
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
    let source = match format {
        ImportFormat::Litellm => format!("LiteLLM model_prices_and_context_window.json ({shown})"),
        ImportFormat::GenaiPrices => format!("pydantic/genai-prices data file ({shown})"),
    };
    let stamp = as_of.unwrap_or("unknown");
    crate::atomic::write_atomic(
        &path,
        store::write(&import.models, stamp, &source).as_bytes(),
        true,
    )
    .map_err(|e| CliError::Other(e.into()))?;
    let mut out = format!(
        "imported {} text models from {shown} ({}) into {}, {}\n",
        import.models.len(),
        format_name(format),
        path.display(),
        match as_of {
            Some(d) => format!("as of {d} (--as-of)"),
            None => "as of unknown: the file carries no date of its own (give one with --as-of)"
                .to_string(),
        }
    );
    if format == ImportFormat::GenaiPrices {
        out.push_str(&format!("prices in force on {}\n", as_of.unwrap_or(&today)));
    }
    import_report(&mut out, &shown, &import);
    print(&out)
}

/// How the report names an import format.
fn format_name(f: ImportFormat) -> &'static str {
    match f {
        ImportFormat::Litellm => "LiteLLM's format",
        ImportFormat::GenaiPrices => "pydantic/genai-prices' format",
    }
}

/// The file read (within the import cap) and parsed in its format, given or detected from its
/// first character; a date after today is refused. Every error says the catalog is unchanged.
fn read_import(
    file: &std::path::Path,
    shown: &str,
    as_of: Option<&str>,
    from: Option<ImportFormat>,
    today: &str,
) -> Result<(crate::catalog::import::Import, ImportFormat), CliError> {
    let unchanged = |e: String| CliError::Usage(format!("{e}; the catalog is unchanged"));
    let text = crate::input::read_bounded(file, crate::input::IMPORT_CAP, "price file")
        .map_err(|e| unchanged(e.to_string()))?;
    let format = from.unwrap_or_else(|| {
        match crate::catalog::json::strip_bom(&text)
            .trim_start()
            .chars()
            .next()
        {
            Some('[') => ImportFormat::GenaiPrices,
            _ => ImportFormat::Litellm,
        }
    });
    if let Some(d) = as_of.filter(|d| *d > today) {
        return Err(unchanged(format!(
            "--as-of {d} is after today ({today}): give the date the prices were checked"
        )));
    }
    let stamp = as_of.unwrap_or("unknown");
    let import = match format {
        ImportFormat::Litellm => litellm::parse(&text, shown, stamp, today),
        ImportFormat::GenaiPrices => {
            genai_prices::parse(&text, shown, as_of.unwrap_or(today), stamp)
        }
    }
    .map_err(|e| unchanged(e.to_string()))?;
    Ok((import, format))
}

/// The entries the catalog would not keep, one line each.
fn invalid_list(out: &mut String, shown: &str, import: &crate::catalog::import::Import) {
    for (name, why) in &import.invalid {
        out.push_str(&format!("  {shown}: {name:?}: {why}\n"));
    }
}

/// After a stored import: what was skipped or left aside, the importer's notes, where an
/// import and the shipped catalog disagree, and which prices now come first.
fn import_report(out: &mut String, shown: &str, import: &crate::catalog::import::Import) {
    if !import.invalid.is_empty() {
        out.push_str(&format!(
            "skipped {} {} the catalog would not keep (--skip-invalid):\n",
            import.invalid.len(),
            if import.invalid.len() == 1 {
                "entry"
            } else {
                "entries"
            }
        ));
        invalid_list(out, shown, import);
    }
    let aside: usize = import.skipped.values().sum();
    if aside > 0 {
        out.push_str(&format!(
            "left aside {aside} entries that are not priced text models:\n"
        ));
        for (why, n) in &import.skipped {
            out.push_str(&format!("  {n} × {why}\n"));
        }
    }
    for n in &import.notes {
        out.push_str(&format!("{n}\n"));
    }
    for w in catalog::reconcile::merge(import.models.clone(), catalog::shipped().api).warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    out.push_str("imported prices now come before the shipped catalog, except where the shipped price of the same model from the same provider is newer (crossover prices list)\n");
}
