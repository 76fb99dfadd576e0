//! Building a scenario by picking names: an API model, a GPU, a local model. Each pick fills the
//! scenario's fields (which stay editable) and says what it did.

use super::entries::{ApiModel, Catalog, Gpu, LocalModel, Precision};
use super::fuzzy::{resolve, Resolved};
use crate::model::Scenario;

/// GPU counts a replica may use (tensor parallelism in powers of two).
pub const REPLICA_SIZES: [u32; 4] = [1, 2, 4, 8];
/// Share of GPU memory the weights may take; the rest holds the KV cache and activations.
/// An assumption, stated in the README.
pub const WEIGHTS_SHARE: f64 = 0.8;

/// Fill the API fields from a catalog entry.
pub fn apply_api(sc: &mut Scenario, m: &ApiModel) -> String {
    sc.api.model = m.name.clone();
    sc.api.input_per_mtok = m.input_per_mtok;
    sc.api.output_per_mtok = m.output_per_mtok;
    sc.api.cached_input_per_mtok = m.cached_input_per_mtok.unwrap_or(m.input_per_mtok);
    if let Some(d) = m.batch_discount {
        sc.api.batch_discount = d;
    }
    format!(
        "API model {}: ${}/${} per Mtok in/out ({}, {})",
        m.name, m.input_per_mtok, m.output_per_mtok, m.source, m.as_of
    )
}

/// Fill the GPU fields (on-demand price), then refit the local model if it is in the catalog.
pub fn apply_gpu(sc: &mut Scenario, g: &Gpu, catalog: &Catalog) -> Result<Vec<String>, String> {
    apply_gpu_refit(sc, g, catalog, true)
}

/// [`apply_gpu`], refitting the local model only when `refit`.
fn apply_gpu_refit(
    sc: &mut Scenario,
    g: &Gpu,
    catalog: &Catalog,
    refit: bool,
) -> Result<Vec<String>, String> {
    sc.self_host.gpu = g.name.clone();
    sc.self_host.gpu_per_hour = g.on_demand_per_hour;
    let mut notes = vec![format!(
        "GPU {}: {} GB, ${}/h on demand (low ${}/h; {}, {})",
        g.name, g.memory_gb, g.on_demand_per_hour, g.low_per_hour, g.source, g.as_of
    )];
    if let Some(m) = catalog.model(&sc.self_host.model).ok().filter(|_| refit) {
        let m = m.clone();
        notes.extend(fit(sc, &m, Precision::Bf16, g)?);
    }
    Ok(notes)
}

/// Fill the local model: GPUs per replica from its memory on the scenario's GPU, throughput
/// from a profile when one exists for that GPU and precision.
pub fn apply_local(
    sc: &mut Scenario,
    m: &LocalModel,
    precision: Precision,
    catalog: &Catalog,
) -> Result<Vec<String>, String> {
    let gpu = catalog.gpu(&sc.self_host.gpu).map_err(|_| {
        format!(
            "the scenario's GPU {:?} is not in the catalog, so its memory is unknown; pick one with --gpu (or g)",
            sc.self_host.gpu
        )
    })?;
    let gpu = gpu.clone();
    sc.self_host.model = m.name.clone();
    fit(sc, m, precision, &gpu)
}

/// GPUs per replica for `m` at `precision` on `gpu`, or why it cannot fit in 8.
pub fn gpus_needed(m: &LocalModel, precision: Precision, gpu: &Gpu) -> Result<u32, String> {
    let weights = m.weights(precision);
    REPLICA_SIZES
        .into_iter()
        .find(|n| weights <= f64::from(*n) * gpu.memory_gb * WEIGHTS_SHARE)
        .ok_or_else(|| {
            format!(
                "{} at {} needs {} GB for its weights; even 8 × {} ({} GB, {} GB usable at {}%) cannot hold it: try fp8 or int4, or a GPU with more memory",
                m.name,
                precision.name(),
                weights,
                gpu.name,
                8.0 * gpu.memory_gb,
                8.0 * gpu.memory_gb * WEIGHTS_SHARE,
                WEIGHTS_SHARE * 100.0
            )
        })
}

fn fit(
    sc: &mut Scenario,
    m: &LocalModel,
    precision: Precision,
    gpu: &Gpu,
) -> Result<Vec<String>, String> {
    let n = gpus_needed(m, precision, gpu)?;
    sc.self_host.gpus_per_replica = n;
    let mut notes = vec![format!(
        "{} at {}: {} GB of weights → {} × {} per replica",
        m.name,
        precision.name(),
        m.weights(precision),
        n,
        gpu.name
    )];
    match m
        .throughput
        .iter()
        .find(|t| t.gpu == gpu.name && t.precision == precision)
    {
        Some(t) => {
            sc.self_host.prefill_tokens_per_second = t.prefill_tokens_per_second;
            sc.self_host.decode_tokens_per_second = t.decode_tokens_per_second;
            notes.push(format!(
                "throughput {} prefill / {} decode tok/s per replica ({})",
                t.prefill_tokens_per_second, t.decode_tokens_per_second, t.source
            ));
        }
        None => notes.push(format!(
            "no throughput profile for {} at {} on {}: kept your {} prefill / {} decode tok/s",
            m.name,
            precision.name(),
            gpu.name,
            sc.self_host.prefill_tokens_per_second,
            sc.self_host.decode_tokens_per_second
        )),
    }
    Ok(notes)
}

/// `"Llama 3.1 70B@fp8"` → the model name and its precision (bf16 when not given).
pub fn split_precision(arg: &str) -> Result<(&str, Precision), String> {
    match arg.rsplit_once('@') {
        Some((name, p)) => Precision::parse(p)
            .map(|p| (name.trim(), p))
            .ok_or_else(|| {
                format!("{p:?} is not a precision: use bf16, fp8 or int4 (e.g. {name}@fp8)")
            }),
        None => Ok((arg.trim(), Precision::Bf16)),
    }
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
) -> Result<Vec<String>, String> {
    let mut notes = Vec::new();
    if let Some(name) = api {
        let m = by_name(
            &catalog.api,
            name,
            |m| &m.name,
            "--api",
            "API model",
            || catalog.api_model(name),
        )?;
        notes.extend(m.1);
        notes.push(apply_api(sc, m.0));
    }
    if let Some(name) = gpu {
        let (g, note) = by_name(
            &catalog.gpus,
            name,
            |g| &g.name,
            "--gpu",
            "GPU",
            || catalog.gpu(name),
        )?;
        notes.extend(note);
        let g = g.clone();
        // With --local too, the model is fitted once, below, at its own precision.
        notes.extend(apply_gpu_refit(sc, &g, catalog, local.is_none())?);
    }
    if let Some(arg) = local {
        let (name, precision) = split_precision(arg)?;
        let (m, note) = by_name(
            &catalog.models,
            name,
            |m| &m.name,
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
    flag: &str,
    what: &str,
    exact: impl FnOnce() -> Result<&'a T, String>,
) -> Result<(&'a T, Option<String>), String> {
    match resolve(query, items, |t| name_of(t).as_str(), |_| false) {
        Resolved::One { item, note } => Ok((item, note.map(|n| format!("{flag} {n}")))),
        Resolved::Ambiguous(names) => Err(format!(
            "{what} {query:?} fits {} entries: {}; give more of the name",
            names.len(),
            names.join(", ")
        )),
        Resolved::None => exact().map(|t| (t, None)),
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
        let h100 = c.gpu("H100 80GB").unwrap();
        let l4 = c.gpu("L4").unwrap();
        let l70 = c.model("Llama 3.1 70B").unwrap();
        assert_eq!(gpus_needed(l70, Precision::Bf16, h100), Ok(4)); // 141 GB > 2 × 64
        assert_eq!(gpus_needed(l70, Precision::Fp8, h100), Ok(2));
        assert_eq!(gpus_needed(l70, Precision::Int4, h100), Ok(1));
        assert_eq!(
            gpus_needed(c.model("Llama 3.1 8B").unwrap(), Precision::Bf16, l4),
            Ok(1)
        );
        assert_eq!(gpus_needed(l70, Precision::Bf16, l4), Ok(8)); // 141 GB ≤ 8 × 24 × 0.8
        let small = Gpu {
            name: "T4 16GB".into(),
            memory_gb: 16.0,
            ..l4.clone()
        };
        let e = gpus_needed(l70, Precision::Bf16, &small).unwrap_err();
        assert!(
            e.contains("even 8 × T4 16GB (128 GB, 102.4 GB usable at 80%) cannot hold it"),
            "{e}"
        );
    }

    #[test]
    fn picking_names_fills_the_scenario() {
        let c = cat();
        let mut sc = Scenario::default();
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
        assert_eq!(sc.self_host.gpu_per_hour, 1.79);
        assert_eq!(sc.self_host.gpus_per_replica, 2);
        assert_eq!(sc.self_host.model, "Llama 3.1 70B");
        // No fp8 profile on A100: throughput kept, and said so.
        assert_eq!(sc.self_host.prefill_tokens_per_second, 20_000.0);
        assert!(
            notes.iter().any(|n| n.contains("no throughput profile")),
            "{notes:?}"
        );
        let mut sc = Scenario::default();
        apply_names(&mut sc, &c, None, None, Some("Gemma 3 12B")).unwrap();
        assert_eq!(sc.self_host.prefill_tokens_per_second, 16000.0);
        assert!(split_precision("X@fp16").is_err());
    }

    #[test]
    fn inexact_names_are_taken_when_they_fit_one_entry() {
        let c = cat();
        let mut sc = Scenario::default();
        let notes = apply_names(&mut sc, &c, Some("haiku"), Some("a100 80"), None).unwrap();
        assert_eq!(sc.api.model, "Claude Haiku 4.5");
        assert_eq!(sc.self_host.gpu, "A100 80GB");
        assert_eq!(notes[0], "--api \"haiku\" is Claude Haiku 4.5");
        assert!(
            notes.contains(&"--gpu \"a100 80\" is A100 80GB".to_string()),
            "{notes:?}"
        );
        // Exact names need no note.
        let notes = apply_names(&mut sc, &c, Some("claude haiku 4.5"), None, None).unwrap();
        assert!(!notes[0].starts_with("--api"), "{notes:?}");
        let e = apply_names(&mut sc, &c, None, Some("a100"), None).unwrap_err();
        assert!(
            e.starts_with("GPU \"a100\" fits 2 entries: A100 80GB, A100 40GB"),
            "{e}"
        );
        let e = apply_names(&mut sc, &c, None, Some("zz9"), None).unwrap_err();
        assert!(e.contains("closest: "), "{e}");
    }
}
