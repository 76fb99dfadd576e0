//! The README stays true: its keys table is the key table the code checks against, and its
//! first lines are the two commands a newcomer needs.

use crossover::model::fields::{self, plain, Kind, Value};
use crossover::model::Scenario;

fn keys_table() -> String {
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
            _ => "text".into(),
        };
        t.push_str(&format!(
            "| `{}` | {default} | {allowed} | {} |\n",
            f.key, f.help
        ));
    }
    t
}

#[test]
fn readme_lists_every_key_with_its_range() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = keys_table();
    assert!(
        readme.contains(&table),
        "README.md's keys table is out of date; it should read:\n\n{table}"
    );
}

#[test]
fn readme_starts_with_the_two_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let head: String = readme.lines().take(6).collect::<Vec<_>>().join("\n");
    assert!(
        head.contains("cargo run --release") && head.contains("cargo test"),
        "{head}"
    );
}

#[test]
fn readme_sample_report_is_the_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let sc = crossover::preset::library::load_in("default", None)
        .unwrap()
        .scenario;
    let report = crossover::report::render(
        &sc,
        crossover::report::View::Costs,
        crossover::report::Format::Text,
        &Default::default(),
    );
    assert!(
        readme.contains(&format!("$ crossover report\n{report}```")),
        "README.md's sample report is out of date; it should read:\n\n{report}"
    );
}

/// Every key of the dashboard's keymap appears in the README's keys table, so a new binding
/// cannot go undocumented there (the help overlay is generated from the same keymap).
#[test]
fn readme_keys_table_names_every_dashboard_key() {
    use crossover::tui::keymap::{Key, DASHBOARD, GLOBAL};
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("| key | does |").expect("the keys table");
    let table: String = readme[start..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .collect::<Vec<_>>()
        .join("\n");
    for b in DASHBOARD.iter().chain(GLOBAL) {
        for (key, _) in b.keys {
            let label = match key {
                Key::Shift(_) => "Shift".to_string(),
                k => k.label().replace("⇧Tab", "Shift-Tab"),
            };
            assert!(
                table.contains(&format!("`{label}`")),
                "README's keys table lacks `{label}` ({})",
                b.what
            );
        }
    }
}
