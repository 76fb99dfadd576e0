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
    let json = serde_json::to_string(&value).map_err(|e| format!("{path}: {e}"))?;
    std::fs::write(out.join(format!("{name}.json")), json).map_err(|e| format!("{path}: {e}"))
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
