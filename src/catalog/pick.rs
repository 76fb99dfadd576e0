//! Building a scenario by picking names: an API model, a GPU, a local model. Each pick fills the
//! scenario's fields (which stay editable) and says what it did.

use super::entries::{ApiModel, Catalog, Gpu, LocalModel, Precision};
use super::fuzzy::{resolve, Resolved};
use super::refusal::PickRefused;
use crate::model::fleet::LIST_PRICE;
use crate::model::throughput::library::NotInCatalog;
use crate::model::throughput::settings::Source;
use crate::model::throughput::{estimate, fewest_gpus, replica, GpuSpec, LatencyTargets};
use crate::model::Scenario;

/// Fill the API fields from a catalog entry: every price it has, the long-context tier (or
/// none), and the entry's date in `catalog.api_as_of`.
pub fn apply_api(sc: &mut Scenario, m: &ApiModel) -> String {
    let a = &mut sc.api;
    a.model = m.name.clone();
    a.input_per_mtok = m.input_per_mtok;
    a.output_per_mtok = m.output_per_mtok;
    a.cached_input_per_mtok = m.cached_input_per_mtok.unwrap_or(m.input_per_mtok);
    a.cache_write_per_mtok = m.cache_write_per_mtok.unwrap_or(m.input_per_mtok);
    if let Some(d) = m.batch_discount {
        a.batch_discount = d;
    }
    a.context_window = m
        .context_window
        .map_or(0, |c| u32::try_from(c).unwrap_or(u32::MAX).min(100_000_000));
    let long = match m.long_context {
        Some(l) => {
            a.long_context_above_tokens = u32::try_from(l.above_tokens)
                .unwrap_or(u32::MAX)
                .min(100_000_000);
            a.long_context_input_per_mtok = l.input_per_mtok;
            a.long_context_output_per_mtok = l.output_per_mtok;
            a.long_context_cached_input_per_mtok =
                l.cached_input_per_mtok.unwrap_or(a.cached_input_per_mtok);
            a.long_context_cache_write_per_mtok =
                l.cache_write_per_mtok.unwrap_or(a.cache_write_per_mtok);
            format!(
                "; above {} input tokens ${}/${}",
                crate::figures::grouped(l.above_tokens as f64, 0),
                l.input_per_mtok,
                l.output_per_mtok
            )
        }
        None => {
            a.long_context_above_tokens = 0;
            a.long_context_input_per_mtok = 0.0;
            a.long_context_output_per_mtok = 0.0;
            a.long_context_cached_input_per_mtok = 0.0;
            a.long_context_cache_write_per_mtok = 0.0;
            String::new()
        }
    };
    sc.catalog.api_as_of = m.as_of.clone();
    sc.api.price_schedule = m.price_schedule.clone();
    let later: String = m
        .price_schedule
        .iter()
        .map(|s| {
            format!(
                "; from {} ${}/${} (api.price_schedule)",
                s.from, s.input_per_mtok, s.output_per_mtok
            )
        })
        .collect();
    let batch = match m.batch_discount {
        None => format!(
            "; no batch price known: batch discount kept at {}",
            crate::figures::percent(sc.api.batch_discount)
        ),
        Some(0.0) => "; no batch API: batch discount 0".to_string(),
        Some(_) => String::new(),
    };
    let output = m.max_output_tokens.map_or(String::new(), |n| {
        format!(
            "; at most {} input and {} output tokens per request",
            crate::figures::grouped(m.context_window.unwrap_or(0) as f64, 0),
            crate::figures::grouped(n as f64, 0)
        )
    });
    format!(
        "API model {}{}: ${}/${} per Mtok in/out{later}{long}{batch}{output} ({}, {})",
        m.name,
        provider_note(m),
        m.input_per_mtok,
        m.output_per_mtok,
        m.source,
        m.as_of
    )
}

/// " from DeepSeek": who sells the entry, unless its name already says so ("… (Fireworks)").
fn provider_note(m: &ApiModel) -> String {
    let p = m.provider.trim();
    if p.is_empty() || m.name.to_lowercase().contains(&p.to_lowercase()) {
        String::new()
    } else {
        format!(" from {p}")
    }
}

/// Fill the cheap API tier's model and prices from a catalog entry (docs/MODEL.md §6.5), and
/// its date in `catalog.cheap_as_of`. The tier's shares and escalation stay as they are.
pub fn apply_cheap(sc: &mut Scenario, m: &ApiModel) -> String {
    let h = &mut sc.hybrid;
    h.cheap_model = m.name.clone();
    h.cheap_input_per_mtok = m.input_per_mtok;
    h.cheap_output_per_mtok = m.output_per_mtok;
    h.cheap_cached_input_per_mtok = m.cached_input_per_mtok.unwrap_or(m.input_per_mtok);
    sc.catalog.cheap_as_of = m.as_of.clone();
    format!(
        "cheap API tier {}{}: ${}/${} per Mtok in/out ({}, {})",
        m.name,
        provider_note(m),
        m.input_per_mtok,
        m.output_per_mtok,
        m.source,
        m.as_of
    )
}

/// Fill the GPU fields from one of its offerings (`choice` names it; without one, the
/// default), then refit the local model if it is in the catalog. A GPU without offerings in
/// the catalog takes its own on-demand price.
pub fn apply_gpu(
    sc: &mut Scenario,
    g: &Gpu,
    choice: Option<&str>,
    catalog: &Catalog,
) -> Result<Vec<String>, PickRefused> {
    apply_gpu_refit(sc, g, choice, catalog, true)
}

/// The billing offering of a catalog market (docs/MODEL.md §6.6): reservations bill all day,
/// spot adds the interruption share, every other rental is on demand.
pub fn offering_of(m: super::offerings::Market) -> crate::model::billing::Offering {
    use super::offerings::Market;
    use crate::model::billing::Offering;
    match m {
        Market::Reserved1y | Market::Reserved3y => Offering::Reserved,
        Market::Spot => Offering::Spot,
        _ => Offering::OnDemand,
    }
}

/// The term of a catalog market's reservation, in months (docs/MODEL.md §8.3): 12 for a
/// 1-year reservation, 0 (month to month) for every other market.
pub fn term_of(m: super::offerings::Market) -> u32 {
    match m {
        super::offerings::Market::Reserved1y => 12,
        _ => 0,
    }
}

/// Apply one configuration of the fleet comparison (docs/MODEL.md §6.10): the GPU at one of
/// its offerings (or at its catalog list price, [`LIST_PRICE`]), the precision and GPUs per
/// replica, and the throughput estimated for them, as the comparison's row was.
pub fn apply_configuration(
    sc: &mut Scenario,
    catalog: &Catalog,
    gpu: &str,
    offering: &str,
    precision: Precision,
    gpus_per_replica: u32,
) -> Result<Vec<String>, PickRefused> {
    let g = catalog.gpu(gpu)?;
    let mut notes = if offering == LIST_PRICE {
        sc.self_host.gpu = g.name.clone();
        sc.self_host.gpu_per_hour = g.on_demand_per_hour;
        sc.catalog.gpu_offering = String::new();
        sc.catalog.gpu_as_of = g.as_of.clone();
        sc.self_host.billing.offering = crate::model::billing::Offering::OnDemand;
        sc.self_host.billing.reserved_term_months = 0;
        vec![format!(
            "GPU {}: ${}/h, the catalog's list price ({}, {})",
            g.name, g.on_demand_per_hour, g.source, g.as_of
        )]
    } else {
        apply_gpu_refit(sc, g, Some(offering), catalog, false)?
    };
    sc.self_host.estimate.precision = precision;
    sc.self_host.gpus_per_replica = gpus_per_replica;
    if sc.self_host.estimate.source == Source::Given {
        notes.push(format!(
            "{ESTIMATED_NOW} for this configuration (it was given)"
        ));
    }
    notes.extend(estimate_throughput(sc));
    Ok(notes)
}

/// How a pick's notes about the estimate begin: [`about_the_estimate`] finds them again.
const ESTIMATED: &str = "throughput ESTIMATED";
const ESTIMATED_NOW: &str = "throughput now ESTIMATED";
const NO_ESTIMATE: &str = "no estimate";

/// Whether `note` is a pick's note about the throughput estimate (its figures, the switch to
/// it, or why there is none): stale once the user's own rates make the throughput given.
pub fn about_the_estimate(note: &str) -> bool {
    [ESTIMATED, ESTIMATED_NOW, NO_ESTIMATE]
        .iter()
        .any(|p| note.starts_with(p))
}

/// Switch the throughput to the estimate. `[uncertainty]` ranges on the typed prefill and decode
/// rates no longer apply (the estimate sets them), so they go, and the note says so.
fn estimate_throughput(sc: &mut Scenario) -> Option<String> {
    sc.self_host.estimate.source = Source::Estimate;
    crate::model::fields::drop_estimated_ranges(sc).then(|| crate::wording::RANGES_DROPPED.into())
}

/// `"H100 SXM@spot"` → the GPU name and the offering asked for, if any.
pub fn split_offering(arg: &str) -> (&str, Option<&str>) {
    match arg.rsplit_once('@') {
        Some((name, offering)) => (name.trim(), Some(offering.trim())),
        None => (arg.trim(), None),
    }
}

/// [`apply_gpu`], refitting the local model only when `refit`.
fn apply_gpu_refit(
    sc: &mut Scenario,
    g: &Gpu,
    choice: Option<&str>,
    catalog: &Catalog,
    refit: bool,
) -> Result<Vec<String>, PickRefused> {
    let offerings = catalog.offerings_of(g);
    let note = if offerings.is_empty() {
        if let Some(c) = choice {
            return Err(PickRefused::NoOfferings {
                gpu: g.name.clone(),
                choice: c.to_string(),
            });
        }
        sc.self_host.gpu_per_hour = g.on_demand_per_hour;
        sc.self_host.billing.offering = crate::model::billing::Offering::OnDemand;
        sc.self_host.billing.reserved_term_months = 0;
        sc.catalog.gpu_offering = String::new();
        sc.catalog.gpu_as_of = g.as_of.clone();
        format!(
            "GPU {}: {} GB, ${}/h on demand ({}, {})",
            g.name, g.memory_gb, g.on_demand_per_hour, g.source, g.as_of
        )
    } else {
        let o = super::offerings::choose(&offerings, choice)?;
        let Some(per_hour) = o.per_gpu_hour else {
            return Err(PickRefused::Purchase {
                offering: o.label(),
                price: o.price_text(),
                rentals: offerings
                    .iter()
                    .filter(|o| o.per_gpu_hour.is_some())
                    .map(|o| o.name.clone())
                    .collect(),
            });
        };
        sc.self_host.gpu_per_hour = per_hour;
        sc.self_host.billing.offering = offering_of(o.market);
        sc.self_host.billing.reserved_term_months = term_of(o.market);
        sc.catalog.gpu_offering = o.name.clone();
        sc.catalog.gpu_as_of = o.as_of.clone();
        let interruptions = o.interruptions_per_day.map_or(String::new(), |r| {
            format!(", about {r} interruptions a day")
        });
        format!(
            "GPU {}: {} GB, ${per_hour}/GPU-h, {} ({}{interruptions}{}; {}, {}{})",
            o.label(),
            g.memory_gb,
            o.market.label(),
            o.provider,
            if o.estimate { ", an estimate" } else { "" },
            o.source,
            if o.as_of_lower_bound {
                "no earlier than "
            } else {
                ""
            },
            o.as_of
        )
    };
    sc.self_host.gpu = g.name.clone();
    let mut notes = vec![note];
    if let Some(m) = catalog.model(&sc.self_host.model).ok().filter(|_| refit) {
        let m = m.clone();
        let precision = sc.self_host.estimate.precision;
        notes.extend(fit(sc, &m, precision)?);
        if sc.self_host.estimate.source == Source::Given {
            notes.push(format!(
                "throughput kept as given: {} prefill / {} decode tok/s per replica; set self_host.throughput = \"estimate\" to compute it for {}",
                sc.self_host.prefill_tokens_per_second,
                sc.self_host.decode_tokens_per_second,
                g.name
            ));
        }
    }
    Ok(notes)
}

/// Fill the local model: precision, GPUs per replica (the fewest of 1, 2, 4, 8 that hold the
/// weights, the reserve and one request's KV cache) and an estimated throughput.
pub fn apply_local(
    sc: &mut Scenario,
    m: &LocalModel,
    precision: Precision,
    _catalog: &Catalog,
) -> Result<Vec<String>, PickRefused> {
    sc.self_host.model = m.name.clone();
    let dropped = estimate_throughput(sc);
    let mut notes = fit(sc, m, precision)?;
    notes.extend(dropped);
    Ok(notes)
}

/// The scenario's GPU's specifications (from the library it carries), needed to fit a model
/// and estimate its throughput.
fn gpu_spec(sc: &Scenario) -> Result<&GpuSpec, PickRefused> {
    crate::model::throughput::looked::gpu_entry(sc)
        .map(|g| &g.spec)
        .map_err(|_| PickRefused::NoGpuSpec(sc.self_host.gpu.clone()))
}

/// GPUs per replica for `m` at `precision` on the scenario's GPU and token sizes, or why it
/// cannot be served there.
pub fn gpus_needed(
    sc: &Scenario,
    m: &LocalModel,
    precision: Precision,
) -> Result<u32, PickRefused> {
    let gpu = gpu_spec(sc)?;
    if m.arch.precision(precision).is_none() {
        return Err(PickRefused::NotServedAt {
            model: m.name.clone(),
            precision: precision.name(),
            served: m
                .arch
                .precisions
                .iter()
                .map(|p| p.precision.name())
                .collect(),
        });
    }
    let engine = sc.self_host.estimate.engine;
    fewest_gpus(&m.arch, gpu, precision, engine, &replica::workload(sc)).ok_or_else(|| {
        let w = replica::workload(sc);
        match estimate(
            &m.arch,
            gpu,
            precision,
            8,
            engine,
            &w,
            &LatencyTargets::default(),
        ) {
            Err(e) => PickRefused::TooBig(e),
            Ok(_) => PickRefused::DoesNotFit {
                model: m.name.clone(),
                gpu: gpu.name.clone(),
            },
        }
    })
}

fn fit(
    sc: &mut Scenario,
    m: &LocalModel,
    precision: Precision,
) -> Result<Vec<String>, PickRefused> {
    let n = gpus_needed(sc, m, precision)?;
    sc.self_host.gpus_per_replica = n;
    sc.self_host.estimate.precision = precision;
    let mut notes = vec![format!(
        "{} at {}: {} GB of weights → {} × {} per replica",
        m.name,
        precision.name(),
        m.weights(precision),
        n,
        sc.self_host.gpu
    )];
    if sc.self_host.estimate.source == Source::Given {
        return Ok(notes);
    }
    match replica::estimate_for(sc) {
        Ok(e) => notes.push(format!(
            "{ESTIMATED} ({}, {} {}, {} input + {} output tokens): {} requests/s, bound by {}, {} at once",
            e.engine.label(),
            precision.name(),
            sc.self_host.gpu,
            sc.workload.input_tokens,
            sc.workload.output_tokens,
            crate::figures::num(e.requests_per_second),
            e.bound.label(),
            e.max_concurrency
        )),
        // No given rates stand in for a failed estimate (docs/MODEL.md §6.2).
        Err(e) => notes.push(format!(
            "{NO_ESTIMATE} ({e}): self-hosting cannot serve these requests as configured"
        )),
    }
    Ok(notes)
}

/// `"Llama 3.1 70B@fp8"` → the model name and its precision (bf16 when not given).
pub fn split_precision(arg: &str) -> Result<(&str, Precision), PickRefused> {
    match arg.rsplit_once('@') {
        Some((name, p)) => Precision::parse(p)
            .map(|p| (name.trim(), p))
            .ok_or_else(|| PickRefused::NotAPrecision {
                given: p.to_string(),
                name: name.to_string(),
            }),
        None => Ok((arg.trim(), Precision::Bf16)),
    }
}

/// Apply `--cheap NAME`: the hybrid's cheap API tier from the catalog, matched like `--api`.
pub fn apply_cheap_name(
    sc: &mut Scenario,
    catalog: &Catalog,
    name: &str,
) -> Result<Vec<String>, PickRefused> {
    let (m, note) = by_name(
        &catalog.api,
        name,
        |m| &m.name,
        |m| m.legacy,
        "--cheap",
        "API model",
        || catalog.api_model(name),
    )?;
    let mut notes: Vec<String> = note.into_iter().collect();
    notes.push(apply_cheap(sc, m));
    Ok(notes)
}

/// Apply `--api`, `--gpu`, `--local` in that order. Names are matched as in the dashboard's
/// pickers ([`fuzzy`](super::fuzzy)): an inexact name that fits one entry is taken, and a note
/// says which. Returns the notes to show.
pub fn apply_names(
    sc: &mut Scenario,
    catalog: &Catalog,
    api: Option<&str>,
    gpu: Option<&str>,
    local: Option<&str>,
) -> Result<Vec<String>, PickRefused> {
    let mut notes = Vec::new();
    if let Some(name) = api {
        let m = by_name(
            &catalog.api,
            name,
            |m| &m.name,
            |m| m.legacy,
            "--api",
            "API model",
            || catalog.api_model(name),
        )?;
        notes.extend(m.1);
        notes.push(apply_api(sc, m.0));
    }
    if let Some(arg) = gpu {
        let (name, offering) = split_offering(arg);
        let (g, note) = by_name(
            &catalog.gpus,
            name,
            |g| &g.name,
            |_| false,
            "--gpu",
            "GPU",
            || catalog.gpu(name),
        )?;
        notes.extend(note);
        let g = g.clone();
        // With --local too, the model is fitted once, below, at its own precision.
        notes.extend(apply_gpu_refit(sc, &g, offering, catalog, local.is_none())?);
    }
    if let Some(arg) = local {
        let (name, precision) = split_precision(arg)?;
        let (m, note) = by_name(
            &catalog.models,
            name,
            |m| &m.name,
            |_| false,
            "--local",
            "local model",
            || catalog.model(name),
        )?;
        notes.extend(note);
        let m = m.clone();
        notes.extend(apply_local(sc, &m, precision, catalog)?);
    }
    Ok(notes)
}

/// One entry for a name given with `flag`, and a note when the name was not exact. Nothing
/// matching falls back to `exact`'s error (the closest names); several list them all.
fn by_name<'a, T>(
    items: &'a [T],
    query: &str,
    name_of: impl Fn(&T) -> &String,
    legacy: impl Fn(&T) -> bool,
    flag: &str,
    what: &'static str,
    exact: impl FnOnce() -> Result<&'a T, NotInCatalog>,
) -> Result<(&'a T, Option<String>), PickRefused> {
    // An exact name or alias ("H100 80GB" is the H100 SXM) needs no matching.
    let exact = match exact() {
        Ok(t) => return Ok((t, None)),
        Err(e) => PickRefused::NotInCatalog(e),
    };
    match resolve(query, items, |t| name_of(t).as_str(), legacy) {
        Resolved::One { item, note } => Ok((item, note.map(|n| format!("{flag} {n}")))),
        Resolved::Ambiguous(names) => Err(PickRefused::Ambiguous {
            what,
            query: crate::sanitize::clip(query, crate::sanitize::SHOWN),
            count: names.len(),
            listed: listed(&names),
        }),
        Resolved::None => Err(exact),
    }
}

/// Up to ten names, then how many more: a short name can fit thousands of imported models.
fn listed(names: &[String]) -> String {
    let shown = names
        .iter()
        .take(10)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    match names.len() {
        n if n > 10 => format!("{shown} and {} more", n - 10),
        _ => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat() -> Catalog {
        crate::catalog::shipped()
    }

    #[test]
    fn memory_decides_gpus_per_replica() {
        let c = cat();
        let mut sc = crate::catalog::with_library(&Scenario::default());
        let l70 = c.model("Llama 3.1 70B").unwrap();
        let l8 = c.model("Llama 3.1 8B").unwrap();
        // 141 GB of bf16 weights: 2 × 80 GiB, less vLLM's 10% and 2 GiB per GPU, leave 9 GB
        // of KV cache, enough for a few requests of 2,500 tokens (0.8 GB each).
        assert_eq!(gpus_needed(&sc, l70, Precision::Bf16), Ok(2));
        assert_eq!(gpus_needed(&sc, l70, Precision::Fp8), Ok(1));
        assert_eq!(gpus_needed(&sc, l70, Precision::Int4), Ok(1));
        sc.self_host.gpu = "L4".into();
        assert_eq!(gpus_needed(&sc, l8, Precision::Bf16), Ok(1));
        assert_eq!(gpus_needed(&sc, l70, Precision::Bf16), Ok(8));
        sc.self_host.gpu = "A10G".into();
        let big = c.model("Qwen3 235B-A22B").unwrap();
        let e = gpus_needed(&sc, big, Precision::Bf16)
            .unwrap_err()
            .to_string();
        assert!(e.contains("does not fit on 8 × A10G"), "{e}");
        let gemma = c.model("gpt-oss 120B").unwrap();
        let e = gpus_needed(&sc, gemma, Precision::Fp8)
            .unwrap_err()
            .to_string();
        assert!(e.contains("served at int4, bf16"), "{e}");
    }

    #[test]
    fn picking_names_fills_the_scenario() {
        let c = cat();
        let mut sc = crate::catalog::with_library(&Scenario::default());
        let notes = apply_names(
            &mut sc,
            &c,
            Some("Claude Sonnet 4.5"),
            Some("A100 80GB"),
            Some("Llama 3.1 70B@fp8"),
        )
        .unwrap();
        assert_eq!(sc.api.input_per_mtok, 3.0);
        assert_eq!(sc.api.cached_input_per_mtok, 0.30);
        assert_eq!(sc.self_host.gpu, "A100 80GB SXM");
        // The A100 80GB (SXM)'s default offering: the median of its 2026 specialist prices.
        assert_eq!(sc.self_host.gpu_per_hour, 2.4742);
        assert_eq!(sc.catalog.gpu_offering, "specialist");
        assert_eq!(sc.self_host.model, "Llama 3.1 70B");
        // --local switches to the estimate: the old 20,000 / 2,500 tok/s no longer count.
        assert_eq!(sc.self_host.estimate.source, Source::Estimate);
        assert_eq!(sc.self_host.estimate.precision, Precision::Fp8);
        let (prefill, decode) = replica::rates(&sc);
        assert!(prefill != 20_000.0 && decode != 2_500.0);
        assert!(
            notes.iter().any(|n| n.contains("throughput ESTIMATED")),
            "{notes:?}"
        );
        let mut sc = crate::catalog::with_library(&Scenario::default());
        apply_names(&mut sc, &c, None, Some("L4"), None).unwrap();
        assert_eq!(sc.self_host.estimate.source, Source::Given);
        assert!(split_precision("X@fp2").is_err());
        assert_eq!(split_precision("X@nvfp4"), Ok(("X", Precision::Fp4)));
    }

    #[test]
    fn a_current_entry_wins_over_legacy_ones() {
        let c = crate::catalog::shipped();
        let sonnets: Vec<_> = c.api.iter().filter(|m| m.name.contains("Sonnet")).collect();
        assert!(sonnets.iter().any(|m| m.legacy) && sonnets.iter().any(|m| !m.legacy));
        let mut sc = crate::catalog::with_library(&Scenario::default());
        let notes = apply_names(&mut sc, &c, Some("claude sonnet"), None, None).unwrap();
        let current: Vec<_> = sonnets.iter().filter(|m| !m.legacy).collect();
        assert_eq!(current.len(), 1, "one current Sonnet");
        assert_eq!(sc.api.model, current[0].name, "{notes:?}");
    }

    #[test]
    fn inexact_names_are_taken_when_they_fit_one_entry() {
        let c = cat();
        let mut sc = crate::catalog::with_library(&Scenario::default());
        let notes = apply_names(&mut sc, &c, Some("haiku"), Some("a100 80 sxm"), None).unwrap();
        assert_eq!(sc.api.model, "Claude Haiku 4.5");
        assert_eq!(sc.self_host.gpu, "A100 80GB SXM");
        assert_eq!(notes[0], "--api \"haiku\" is Claude Haiku 4.5");
        assert!(
            notes.contains(&"--gpu \"a100 80 sxm\" is A100 80GB SXM".to_string()),
            "{notes:?}"
        );
        // Exact names need no note.
        let notes = apply_names(&mut sc, &c, Some("claude haiku 4.5"), None, None).unwrap();
        assert!(!notes[0].starts_with("--api"), "{notes:?}");
        let e = apply_names(&mut sc, &c, None, Some("a100"), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("GPU \"a100\" fits 3 entries: A100 80GB SXM, A100 80GB PCIe, A100 40GB"),
            "{e}"
        );
        let e = apply_names(&mut sc, &c, None, Some("zz9"), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("closest: "), "{e}");
    }

    #[test]
    fn estimating_drops_the_typed_throughput_ranges_and_says_so() {
        let c = cat();
        // The guide preset of 2025, which typed its throughput in with ranges.
        let mut sc = crate::preset::library::load(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/presets_2025/guide-legal-docs.toml"
        ))
        .unwrap()
        .scenario;
        let typed = |sc: &Scenario| {
            sc.uncertainty
                .ranges
                .iter()
                .filter(|r| r.key.ends_with("_tokens_per_second"))
                .count()
        };
        assert!(typed(&sc) > 0, "the preset has throughput ranges");
        let others = sc.uncertainty.ranges.len() - typed(&sc);
        let (gpu, offering) = ("L40S", "spot");
        let notes = apply_configuration(&mut sc, &c, gpu, offering, Precision::Fp8, 1).unwrap();
        assert_eq!(typed(&sc), 0);
        assert_eq!(sc.uncertainty.ranges.len(), others, "other ranges stay");
        assert!(
            notes
                .iter()
                .any(|n| n.contains("ranges on the typed prefill/decode")),
            "{notes:?}"
        );
        assert!(crate::model::fields::check_cross(&sc).is_ok());
    }

    #[test]
    fn offerings_are_picked_by_market_and_purchases_refused() {
        let c = cat();
        let mut sc = crate::catalog::with_library(&Scenario::default());
        let notes = apply_names(&mut sc, &c, None, Some("H100 SXM@spot"), None).unwrap();
        assert_eq!(sc.self_host.gpu, "H100 SXM");
        assert_eq!(sc.self_host.gpu_per_hour, 2.2036);
        assert_eq!(sc.catalog.gpu_offering, "spot");
        assert_eq!(sc.catalog.gpu_as_of, "2025-08");
        assert!(notes[0].contains("interruptions a day"), "{notes:?}");
        use crate::model::billing::Offering;
        assert_eq!(sc.self_host.billing.offering, Offering::Spot);
        apply_names(&mut sc, &c, None, Some("H100 SXM@reserved"), None).unwrap();
        assert_eq!(sc.self_host.billing.offering, Offering::Reserved);
        apply_names(&mut sc, &c, None, Some("H100 80GB@runpod"), None).unwrap();
        assert_eq!(sc.self_host.gpu_per_hour, 2.69);
        assert_eq!(sc.self_host.billing.offering, Offering::OnDemand);
        let e = apply_names(&mut sc, &c, None, Some("H100 SXM@purchase"), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("is a purchase ($30,000 per GPU to buy)"), "{e}");
        let e = apply_names(&mut sc, &c, None, Some("H100 SXM@auction"), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("it has: specialist"), "{e}");
    }

    #[test]
    fn an_api_pick_fills_every_price_and_its_date() {
        let c = cat();
        let mut sc = crate::catalog::with_library(&Scenario::default());
        let note = apply_api(&mut sc, c.api_model("Claude Sonnet 4.5").unwrap());
        let a = &sc.api;
        assert_eq!(
            (a.cache_write_per_mtok, a.context_window),
            (3.75, 1_000_000)
        );
        assert_eq!(a.long_context_above_tokens, 200_000);
        assert_eq!(
            (
                a.long_context_input_per_mtok,
                a.long_context_output_per_mtok
            ),
            (6.0, 22.5)
        );
        assert_eq!(a.long_context_cached_input_per_mtok, 0.6);
        // No long-context write price in the catalog: the base one is kept.
        assert_eq!(a.long_context_cache_write_per_mtok, 3.75);
        assert_eq!(sc.catalog.api_as_of, "2026-07-29");
        assert!(
            note.contains("above 200,000 input tokens $6/$22.5"),
            "{note}"
        );
        // A model without a tier turns it off; without a cache-write price, writes cost input.
        apply_api(&mut sc, c.api_model("GPT-5").unwrap());
        assert_eq!(sc.api.long_context_above_tokens, 0);
        assert_eq!(sc.api.cache_write_per_mtok, 1.25);
        assert!(crate::model::fields::check_cross(&sc).is_ok());
    }
}
