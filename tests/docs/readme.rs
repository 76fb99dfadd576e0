//! The README stays true: its first lines say what the tool is and give the two commands a
//! newcomer needs, its sample report is the real output, its keys table names every dashboard
//! key, and it stays short enough to read (at most 450 lines; development material lives in
//! docs/DEVELOPMENT.md, every preset key in docs/KEYS.md).

#[test]
fn readme_starts_with_the_two_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let head: String = readme.lines().take(10).collect::<Vec<_>>().join("\n");
    assert!(
        head.contains("cargo run --release") && head.contains("cargo test"),
        "{head}"
    );
    // What the tool is comes before the commands.
    let what = head
        .find("API model")
        .expect("what the tool is, in the first lines");
    assert!(what < head.find("cargo run").unwrap(), "{head}");
}

/// The README is the user's door, not the developers' notebook.
#[test]
fn readme_is_at_most_450_lines() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let n = readme.lines().count();
    assert!(
        n <= 450,
        "README.md has {n} lines; move development material to docs/DEVELOPMENT.md"
    );
}

#[test]
fn readme_sample_report_is_the_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let sc = crossover::preset::library::load_in("default", None)
        .unwrap()
        .scenario;
    // Assessed on a day the default preset's prices are recent, so the sample stays true.
    let assessment = crossover::model::assessment::Assessment::of(
        &sc,
        &crossover::catalog::shipped(),
        "2025-07-01",
    );
    let report = crossover::report::render_assessment(
        &assessment,
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
