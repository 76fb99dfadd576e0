//! The model's public surface is what the shells use: no `pub` item in `src/model` that
//! nothing outside `src/model` names (such an item is `pub(crate)` or private). The scan is
//! lexical: a `pub fn`, `struct`, `enum`, `const`, `static`, `type`, `trait` or `mod` outside
//! the file's tests, whose name appears as a word in no file of `src/` outside the model,
//! `tests/` or `benches/`. Types the shells reach only through a public field or signature
//! must stay `pub` (Rust refuses a private type in a public interface); they are listed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// `pub` items nothing outside the model names, and why they stay `pub`.
const REACHED: &[(&str, &str)] = &[
    ("Rejected", "Comparison::rejected"),
    ("Winner", "fleet::winners"),
    ("ApiCost", "Outcome::api"),
    ("SelfHostCost", "Outcome::self_host"),
    ("HybridCost", "Outcome::hybrid"),
    ("OwnedCost", "Outcome::owned"),
    ("Derivation", "derivations()"),
    ("DailyCosts", "recommend()"),
    ("CatalogPicks", "Scenario::picks"),
    ("Latent", "ModelArch::latent"),
    ("LinearAttention", "ModelArch::linear"),
    ("Ceiling", "the estimate's ceiling"),
    ("CalibrationError", "calibration's result"),
    ("GpuEntry", "Library::gpu()"),
    ("Settings", "SelfHost::estimate"),
    ("OwnedBands", "Bands::owned"),
    // Errors, reached through the signatures that return them.
    ("Unreadable", "Syntax::read"),
    ("NotInCatalog", "Library::model, Library::gpu"),
    ("Refused", "Field::check, Field::percent"),
    // Exact arithmetic for ties (docs/MODEL.md §3), used across the model's files.
    ("Rational", "exact comparisons"),
    ("from_f64_decimal", "Rational"),
    ("mul", "Rational"),
    ("div", "Rational"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The name of a `pub` item declared on this line, if one is.
fn pub_item(line: &str) -> Option<&str> {
    let mut rest = line.trim_start().strip_prefix("pub ")?;
    for prefix in ["const fn ", "async fn ", "unsafe fn "] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            return ident(rest);
        }
    }
    for kw in [
        "fn ", "struct ", "enum ", "const ", "static ", "type ", "trait ", "mod ",
    ] {
        if let Some(r) = rest.strip_prefix(kw) {
            return ident(r);
        }
    }
    None
}

fn ident(s: &str) -> Option<&str> {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    (end > 0).then(|| &s[..end])
}

#[test]
fn every_pub_item_of_the_model_is_named_outside_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = root.join("src/model");
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut words = BTreeSet::new();
    for path in files.iter().filter(|p| !p.starts_with(&model)) {
        let text = std::fs::read_to_string(path).unwrap();
        for w in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            words.insert(w.to_string());
        }
    }
    let mut unnamed = Vec::new();
    for path in files.iter().filter(|p| p.starts_with(&model)) {
        let text = std::fs::read_to_string(path).unwrap();
        // The file's own tests come last; their items are not the model's surface.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let Some(name) = pub_item(line) else { continue };
            if !words.contains(name) && !REACHED.iter().any(|(r, _)| *r == name) {
                let rel = path.strip_prefix(root).unwrap().display();
                unnamed.push(format!("{rel}:{}: {name}", n + 1));
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "pub items of src/model that nothing outside it names: make them pub(crate) or private\n{}",
        unnamed.join("\n")
    );
}

#[test]
fn the_scan_reads_declarations() {
    assert_eq!(pub_item("    pub fn cost(x: f64)"), Some("cost"));
    assert_eq!(pub_item("pub struct Outcome {"), Some("Outcome"));
    assert_eq!(pub_item("pub const fn zero()"), Some("zero"));
    assert_eq!(pub_item("pub(crate) fn hidden()"), None);
    assert_eq!(pub_item("pub use x::y;"), None);
    assert_eq!(pub_item("pub name: String,"), None);
}

/// The error types of `Result`s in `code` whose error is a bare `String`, with the text before
/// them (whitespace removed, so a signature rustfmt broke over lines is read whole).
fn string_errors(code: &str) -> Vec<String> {
    let flat: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found = Vec::new();
    for (at, _) in flat.match_indices("Result<") {
        let args = &flat[at + "Result<".len()..];
        let (mut depth, mut last_comma, mut end) = (0usize, None, None);
        for (i, c) in args.char_indices() {
            match c {
                '<' | '(' | '[' => depth += 1,
                '>' | ')' | ']' if depth == 0 => {
                    end = Some(i);
                    break;
                }
                '>' | ')' | ']' => depth -= 1,
                ',' if depth == 0 => last_comma = Some(i),
                _ => {}
            }
        }
        if let (Some(comma), Some(end)) = (last_comma, end) {
            if &args[comma + 1..end] == "String" {
                found.push(flat[at.saturating_sub(40)..at + "Result<".len() + end + 1].to_string());
            }
        }
    }
    found
}

/// The model's and the catalog's errors are typed: no `Result<_, String>` in src/model or
/// src/catalog outside tests. The shells may still turn them into text.
#[test]
fn the_model_and_catalog_return_no_string_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/model"), &mut files);
    rust_files(&root.join("src/catalog"), &mut files);
    let mut bad = Vec::new();
    for f in files.iter().filter(|f| !f.ends_with("tests.rs")) {
        let text = std::fs::read_to_string(f).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for e in string_errors(code) {
            bad.push(format!("{}: …{e}", f.strip_prefix(root).unwrap().display()));
        }
    }
    assert!(
        bad.is_empty(),
        "Result<_, String> in src/model or src/catalog:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_string_error_scan_reads_signatures() {
    let code = "fn a() -> Result<Vec<String>, String> {}\nfn b() -> Result<(), (Blame, String)> {}\n\
                fn c() -> Option<Result<f64,\n    String>> {}\nfn d() -> Result<String, Refused> {}";
    let found = string_errors(code);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with("Result<Vec<String>,String>"));
    assert!(found[1].ends_with("Result<f64,String>"));
}

/// What the model must not name outside its tests: the shells' catalog and library (read once
/// per process by `crossover::catalog`), the library parsed anew, or a process-wide cache.
const GLOBALS: &[&str] = &[
    "catalog::library(",
    "catalog::shipped(",
    "catalog::shipped_gpus(",
    "catalog::load(",
    "catalog::load_with(",
    "catalog::with_library(",
    "Library::shipped(",
    "OnceLock",
    "LazyLock",
    "OnceCell",
    "thread_local!",
    "lazy_static!",
    "static mut ",
];

/// The names of [`GLOBALS`] that `code` uses outside its test module (a single `#[cfg(test)]`
/// helper above it is scanned too: only the `mod` that holds the tests is cut).
fn globals_in(code: &str) -> Vec<&'static str> {
    let code = code.split("#[cfg(test)]\nmod ").next().unwrap_or_default();
    GLOBALS
        .iter()
        .copied()
        .filter(|g| code.contains(g))
        .collect()
}

/// The catalog is an explicit input: the model looks a scenario's local model and GPU up in
/// the library the shell carried into the scenario (`assessment::resolve`, the one parse of
/// the process), never in one of its own. (The user's installed calibration fits are the one
/// process-wide value the model still reaches, through `calibrate::apply::fit_of`; a fit
/// carried in a preset travels in the scenario.)
#[test]
fn the_model_reads_no_global_catalog() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/model"), &mut files);
    assert!(files.len() > 40, "{} files", files.len());
    let mut bad = Vec::new();
    for f in files.iter().filter(|f| !f.ends_with("tests.rs")) {
        for g in globals_in(&std::fs::read_to_string(f).unwrap()) {
            bad.push(format!("{}: {g}", f.strip_prefix(root).unwrap().display()));
        }
    }
    assert!(
        bad.is_empty(),
        "src/model reads a catalog or cache of its own (take it from the scenario):\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_global_scan_finds_each_name_outside_tests_only() {
    for g in GLOBALS {
        let code = format!("fn f() {{ let x = {g}; }}\n#[cfg(test)]\nmod tests {{}}");
        assert_eq!(globals_in(&code), [*g], "{code}");
        let in_tests = format!("fn f() {{}}\n#[cfg(test)]\nmod tests {{ fn g() {{ {g} }} }}");
        assert!(globals_in(&in_tests).is_empty(), "{in_tests}");
    }
}
