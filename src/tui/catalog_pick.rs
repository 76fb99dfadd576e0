//! The catalog lists behind `m` (API model), `g` (GPU) and `l` (local model): their rows for a
//! filter, and applying the chosen one to the scenario (undoable, like any change).

use super::app::{App, CatalogKind};
use crate::catalog::pick::{
    apply_api, apply_cheap, apply_gpu, apply_local, gpus_needed, split_offering,
};
use crate::catalog::refusal::PickRefused;
use crate::catalog::{fuzzy, Catalog, Precision};
use crate::model::Scenario;

/// One choosable row: its text and what choosing it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub text: String,
    pub name: String,
    pub precision: Option<Precision>,
}

/// The rows of `kind` that `filter` matches ([`fuzzy`](crate::catalog::fuzzy): words in any
/// order), best match first.
pub fn rows(catalog: &Catalog, kind: CatalogKind, filter: &str, scenario: &Scenario) -> Vec<Row> {
    let gpu_name = scenario.self_host.gpu.as_str();
    match kind {
        CatalogKind::Api | CatalogKind::Cheap => {
            fuzzy::filter(filter, &catalog.api, |m| (&m.name, &m.provider, m.legacy))
                .into_iter()
                .map(|m| Row {
                    text: format!(
                        "{:<26} {:<10} ${:>5} in ${:>5} out  cache {:>6}  ctx {:>5}  {}",
                        m.name,
                        m.provider,
                        m.input_per_mtok,
                        m.output_per_mtok,
                        m.cached_input_per_mtok
                            .map_or("-".into(), |c| format!("${c}")),
                        m.context_window.map_or("-".into(), crate::figures::si_u64),
                        m.as_of
                    ),
                    name: m.name.clone(),
                    precision: None,
                })
                .collect()
        }
        CatalogKind::Gpu => {
            let mut out = Vec::new();
            for g in fuzzy::filter(filter, &catalog.gpus, |g| (&g.name, "", false)) {
                let offerings = catalog.offerings_of(g);
                if offerings.is_empty() {
                    out.push(Row {
                        text: format!(
                            "{:<24} {:>4} GB  ${:>7}/GPU-h  on demand  {}{}",
                            g.name,
                            g.memory_gb,
                            g.on_demand_per_hour,
                            g.as_of,
                            if g.estimate { "  (estimate)" } else { "" }
                        ),
                        name: g.name.clone(),
                        precision: None,
                    });
                }
                // The default first; purchases are not a rent per hour, so not here.
                let mut rentals: Vec<_> = offerings
                    .iter()
                    .filter(|o| o.per_gpu_hour.is_some())
                    .collect();
                rentals.sort_by_key(|o| !o.default);
                for o in rentals {
                    out.push(Row {
                        text: format!(
                            "{:<24} {:>4} GB  ${:>7}/GPU-h  {:<27} {}{}{}",
                            format!("{}{}", o.label(), if o.default { " *" } else { "" }),
                            g.memory_gb,
                            o.per_gpu_hour.unwrap_or(0.0),
                            o.market.label(),
                            if o.as_of_lower_bound { "≥" } else { "" },
                            o.as_of,
                            if o.estimate { "  (estimate)" } else { "" }
                        ),
                        name: format!("{}@{}", g.name, o.name),
                        precision: None,
                    });
                }
            }
            out
        }
        CatalogKind::Local => {
            let mut out = Vec::new();
            for m in fuzzy::filter(filter, &catalog.models, |m| (&m.name, "", false)) {
                for p in Precision::ALL
                    .into_iter()
                    .filter(|p| m.arch.precision(*p).is_some())
                {
                    let fits = match gpus_needed(scenario, m, p) {
                        Ok(n) => format!("{n} × {gpu_name}"),
                        Err(_) => format!("does not fit 8 × {gpu_name}"),
                    };
                    out.push(Row {
                        text: format!(
                            "{:<22} {:<4} {:>6} GB  {:<22} estimated throughput",
                            m.name,
                            p.name(),
                            m.weights(p),
                            fits,
                        ),
                        name: m.name.clone(),
                        precision: Some(p),
                    });
                }
            }
            out
        }
    }
}

/// Apply a chosen row; the status line says what changed.
pub fn choose(app: &mut App, kind: CatalogKind, row: &Row) {
    let mut next = app.scenario.clone();
    let catalog = app.catalog.clone();
    let result: Result<Vec<String>, PickRefused> = match kind {
        CatalogKind::Api => catalog
            .api_model(&row.name)
            .map(|m| vec![apply_api(&mut next, m)])
            .map_err(PickRefused::from),
        CatalogKind::Cheap => catalog
            .api_model(&row.name)
            .map(|m| vec![apply_cheap(&mut next, m)])
            .map_err(PickRefused::from),
        CatalogKind::Gpu => {
            let (name, offering) = split_offering(&row.name);
            catalog
                .gpu(name)
                .map_err(PickRefused::from)
                .and_then(|g| apply_gpu(&mut next, g, offering, &catalog))
        }
        CatalogKind::Local => catalog
            .model(&row.name)
            .map_err(PickRefused::from)
            .and_then(|m| {
                apply_local(
                    &mut next,
                    m,
                    row.precision.unwrap_or(Precision::Bf16),
                    &catalog,
                )
            }),
    };
    match result {
        Ok(notes) => app.apply_pick(next, notes),
        Err(e) => app.error(e.to_string()),
    }
}
