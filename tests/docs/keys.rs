//! docs/KEYS.md stays true: its table is the key table the code checks every preset and
//! `--set` against, written out the same way.

use crossover::model::fields::{self, plain, Kind, Value};
use crossover::model::Scenario;

/// The table as docs/KEYS.md must show it.
pub fn keys_table() -> String {
    let sc = Scenario::default();
    let mut t = String::from("| key | default | allowed | meaning |\n|---|---|---|---|\n");
    for f in fields::all() {
        let default = match f.get(&sc) {
            Value::Number(x) if f.kind == Kind::Integer => format!("{}", x as i64),
            Value::Number(x) => plain(x),
            Value::Bool(b) => b.to_string(),
            Value::Text(s) => format!("{s:?}"),
        };
        let allowed = match (f.kind, f.range) {
            (Kind::Integer, Some(r)) => format!("whole number {r}"),
            (_, Some(r)) => r.to_string(),
            (Kind::Bool, _) => "true / false".into(),
            _ if f.key == "prices_as_of" => "text, YYYY-MM or YYYY-MM-DD".into(),
            _ => match fields::choices(f.key) {
                Some(c) => format!("one of {}", c.join(", ")),
                None if f.key == "self_host.calibration" => "one of auto, none".into(),
                None => format!("text, at most {} characters", fields::text_cap(f.key)),
            },
        };
        t.push_str(&format!(
            "| `{}` | {default} | {allowed} | {} |\n",
            f.key, f.help
        ));
    }
    t
}

fn keys_md() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/KEYS.md")).unwrap()
}

#[test]
fn keys_md_lists_every_key_with_its_range() {
    let table = keys_table();
    assert!(
        keys_md().contains(&table),
        "docs/KEYS.md's keys table is out of date; it should read:\n\n{table}"
    );
}

/// The README and `--help` send a reader to docs/KEYS.md for the keys.
#[test]
fn the_readme_and_help_name_keys_md() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("docs/KEYS.md"));
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_crossover"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("docs/KEYS.md"));
}

/// The keys that take a list (read outside the key table) are in docs/KEYS.md's second table,
/// and a preset that writes them is read back as written.
#[test]
fn keys_md_lists_the_list_keys() {
    let md = keys_md();
    for key in ["growth.steps", "api.price_schedule"] {
        assert!(md.contains(&format!("| `{key}` | `[]` |")), "{key}");
    }
    let text = "[api]\nprice_schedule = [{ from = \"2027-01-01\", input_per_mtok = 1.5, output_per_mtok = 7.5, cached_input_per_mtok = 0.15 }]\n";
    let sc = crossover::preset::parse::parse_scenario(text, "t").unwrap();
    let saved = crossover::preset::write::to_toml(&sc, &[]);
    assert!(saved.contains(text.lines().nth(1).unwrap()), "{saved}");
    assert_eq!(
        crossover::preset::parse::parse_scenario(&saved, "t").unwrap(),
        sc
    );
}
