//! The shipped catalog is written in TOML (assets/catalog/*.toml) for people and read as JSON
//! by the program: this script converts each file once, at build time, so a run never lexes
//! TOML for it (parsing the TOML was three quarters of a `crossover report`). A file that is
//! not valid TOML, or that holds a TOML date-time (the catalog writes dates as strings), stops
//! the build with the file's name.

use std::path::Path;

const FILES: [&str; 4] = ["api", "gpus", "gpu_offerings", "models"];

fn has_datetime(v: &toml::Value) -> bool {
    match v {
        toml::Value::Datetime(_) => true,
        toml::Value::Array(items) => items.iter().any(has_datetime),
        toml::Value::Table(t) => t.values().any(has_datetime),
        _ => false,
    }
}

fn convert(name: &str, out: &Path) -> Result<(), String> {
    let path = format!("assets/catalog/{name}.toml");
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let value = toml::Value::Table(table);
    if has_datetime(&value) {
        return Err(format!(
            "{path}: a TOML date-time; write dates as strings (as_of = \"2026-08\")"
        ));
    }
    if let Some(toml::Value::Array(api)) = value.get("api") {
        for entry in api {
            check_schedule(entry).map_err(|e| format!("{path}:{}", located(&text, entry, &e)))?;
        }
    }
    let mut json = String::new();
    write_json(&value, &mut json).map_err(|e| format!("{path}: {e}"))?;
    std::fs::write(out.join(format!("{name}.json")), json).map_err(|e| format!("{path}: {e}"))?;
    // The price reader's view: without the `[[model]]` architectures, which the throughput
    // library reads from the full file, so that a run reads each of them once.
    let mut prices = value;
    if let toml::Value::Table(t) = &mut prices {
        t.remove("model");
    }
    let mut json = String::new();
    write_json(&prices, &mut json).map_err(|e| format!("{path}: {e}"))?;
    std::fs::write(out.join(format!("{name}.prices.json")), json)
        .map_err(|e| format!("{path}: {e}"))
}

/// `value` as compact JSON, tables' keys in their TOML order. Written here rather than with
/// serde_json so the build needs no JSON crate of its own (cargo would compile serde_json a
/// second time for the build script). Rust prints a float as the shortest text that reads back
/// as the same number, so the JSON holds exactly the TOML's values.
fn write_json(value: &toml::Value, out: &mut String) -> Result<(), String> {
    use std::fmt::Write;
    match value {
        toml::Value::String(s) => write_str(s, out),
        toml::Value::Integer(i) => write!(out, "{i}").map_err(|e| e.to_string())?,
        toml::Value::Float(f) if f.is_finite() => {
            let text = format!("{f}");
            out.push_str(&text);
            // JSON has one number type: 3.0 reads back as a float either way, but a reader that
            // tells integers from floats should see the TOML's float.
            if !text.contains(['.', 'e', 'E']) {
                out.push_str(".0");
            }
        }
        toml::Value::Float(f) => return Err(format!("{f} is not a finite number")),
        toml::Value::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
        toml::Value::Datetime(d) => write_str(&d.to_string(), out),
        toml::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out)?;
            }
            out.push(']');
        }
        toml::Value::Table(t) => {
            out.push('{');
            for (i, (k, v)) in t.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write_json(v, out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

/// `s` as a JSON string: quotes, backslashes and control characters escaped.
fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as comparable numbers (a missing part is the first).
fn day(date: &str) -> Option<(u32, u32, u32)> {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let y = parts.next()??;
    let m = parts.next().unwrap_or(Some(1))?;
    let d = parts.next().unwrap_or(Some(1))?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// An entry's `price_schedule` (docs/MODEL.md §6.11): each step's `from` a `YYYY-MM-DD` date,
/// ascending, none before the entry's `as_of`. The loader checks the prices and says the same
/// at run time; here a shipped mistake stops the build.
fn check_schedule(entry: &toml::Value) -> Result<(), String> {
    let Some(toml::Value::Array(steps)) = entry.get("price_schedule") else {
        return Ok(());
    };
    let as_of = entry.get("as_of").and_then(|v| v.as_str()).unwrap_or("");
    let floor = day(as_of);
    let mut before: Option<((u32, u32, u32), &str)> = None;
    for (i, step) in steps.iter().enumerate() {
        let from = step.get("from").and_then(|v| v.as_str()).unwrap_or("");
        let key = format!("price_schedule[{i}].from");
        let Some(d) = day(from).filter(|_| from.len() == 10) else {
            return Err(format!(
                "{key} = {from:?} must be a date written YYYY-MM-DD"
            ));
        };
        if floor.is_some_and(|f| d < f) {
            return Err(format!(
                "{key} = {from:?} starts before the entry's as_of {as_of}: allowed a date on or after {as_of}"
            ));
        }
        if let Some((_, text)) = before.filter(|(b, _)| d <= *b) {
            return Err(format!(
                "{key} = {from:?} does not come after the step before ({text}): dates must ascend"
            ));
        }
        before = Some((d, from));
    }
    Ok(())
}

/// `line: api entry "NAME": message`, the line being the entry's `name = ` line.
fn located(text: &str, entry: &toml::Value, message: &str) -> String {
    let name = entry.get("name").and_then(|v| v.as_str()).unwrap_or("");
    let needle = format!("name = {name:?}");
    let line = text
        .lines()
        .position(|l| l.trim() == needle)
        .map_or(0, |i| i + 1);
    format!("{line}: api entry {name:?}: {message}")
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out) = std::env::var_os("OUT_DIR") else {
        eprintln!("build.rs: OUT_DIR is not set");
        std::process::exit(1);
    };
    for name in FILES {
        if let Err(e) = convert(name, Path::new(&out)) {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
