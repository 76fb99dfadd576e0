//! Reading a list of catalog entries: each one checked, the good ones kept, each bad one
//! skipped with a warning that names the file and the entry. One rule for the price catalog
//! (`catalog::entries`) and the throughput library (`model::throughput::library`). Pure.

use std::fmt::Display;

/// What an entry is called in a warning, and what it is called by its place when it has no
/// name: `("API model", "api entry")` gives `skipped API model "api entry 3": …`.
pub type Kind<'a> = (&'a str, &'a str);

/// The entries `check` accepts, in order; a warning in `warnings` for each it refuses:
/// `{origin}: skipped {kind} {name:?}: {error}`.
pub fn checked<R, T, E: Display>(
    raw: Vec<R>,
    (kind, by_place): Kind,
    name: impl Fn(&R) -> Option<String>,
    check: impl Fn(R) -> Result<T, E>,
    origin: &str,
    warnings: &mut Vec<String>,
) -> Vec<T> {
    let mut kept = Vec::with_capacity(raw.len());
    for (i, r) in raw.into_iter().enumerate() {
        let called = name(&r).unwrap_or_else(|| format!("{by_place} {}", i + 1));
        match check(r) {
            Ok(t) => kept.push(t),
            Err(e) => warnings.push(format!("{origin}: skipped {kind} {called:?}: {e}")),
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    #[test]
    fn bad_entries_are_skipped_with_their_name_or_place() {
        let mut warnings = Vec::new();
        let kept = super::checked(
            vec![(Some("a"), 1), (None, -1), (Some("c"), -2), (None, 4)],
            ("number", "entry"),
            |r| r.0.map(str::to_string),
            |r| {
                if r.1 > 0 {
                    Ok(r.1)
                } else {
                    Err("not positive")
                }
            },
            "f.toml",
            &mut warnings,
        );
        assert_eq!(kept, [1, 4]);
        assert_eq!(
            warnings,
            [
                "f.toml: skipped number \"entry 2\": not positive",
                "f.toml: skipped number \"c\": not positive"
            ]
        );
    }
}
