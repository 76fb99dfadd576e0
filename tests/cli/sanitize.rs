//! Text from files reaches no output raw: a preset or an imported price file holding escape
//! sequences (a window-title OSC, a clear-screen CSI, a C1 CSI) shows them as visible escapes
//! in every text output, and as text, not markup, in Markdown and SVG.

use std::path::Path;
use std::process::{Command, Output};

/// Hostile text as TOML/JSON escapes: OSC title, clear screen, C1 CSI, a line break, `<b>`.
const HOSTILE: &str = r"a\u001b]0;pwn\u0007b\u001b[2Jc\u009b31md\ne<b>*f*</b>";

fn crossover(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crossover"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("SOURCE_DATE_EPOCH", "1764028800")
        .env("FONTCONFIG_FILE", "/nonexistent")
        .output()
        .unwrap()
}

/// No raw ESC, BEL, CR or C1 control anywhere in what the user sees; returns stdout + stderr.
fn shown(out: &Output) -> String {
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let raw: Vec<char> = all
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect();
    assert!(raw.is_empty(), "raw controls {raw:?} in:\n{all}");
    all
}

/// A user preset `evil` whose texts are all hostile.
fn hostile_preset(dir: &Path) {
    let presets = dir.join("config/crossover/presets");
    std::fs::create_dir_all(&presets).unwrap();
    let text = format!(
        "name = \"{HOSTILE}\"\ndescription = \"{HOSTILE}\"\ncurrency = \"{HOSTILE}\"\n\
         [api]\nmodel = \"{HOSTILE}\"\n[self_host]\nmodel = \"{HOSTILE}\"\n"
    );
    std::fs::write(presets.join("evil.toml"), text).unwrap();
}

#[test]
fn presets_list_escapes_names_and_descriptions() {
    let dir = tempfile::tempdir().unwrap();
    hostile_preset(dir.path());
    let out = crossover(dir.path(), &["presets", "list"]);
    let all = shown(&out);
    assert!(
        all.contains(r"a\x1b]0;pwn\x07b\x1b[2Jc\u{9b}31md\x0ae<b>*f*</b>"),
        "{all}"
    );
}

#[test]
fn every_report_format_escapes_file_text() {
    let dir = tempfile::tempdir().unwrap();
    hostile_preset(dir.path());
    for format in ["text", "markdown", "csv", "json"] {
        for view in ["costs", "all"] {
            let out = crossover(
                dir.path(),
                &["report", "evil", "--format", format, "--view", view],
            );
            assert!(out.status.success(), "{format} {view}");
            let all = shown(&out);
            match format {
                "text" => {
                    assert!(all.contains(r"a\x1b]0;pwn\x07b\x1b[2Jc\u{9b}31md\x0ae<b>*f*</b>"))
                }
                // Markup characters escaped too, so `<b>` and `*f*` are text.
                "markdown" => assert!(
                    all.contains(r"a\\x1b\]0;pwn\\x07b\\x1b\[2Jc\\u{9b}31md\\x0ae\<b\>\*f\*\</b\>"),
                    "{all}"
                ),
                // JSON reads back as the very text of the file.
                "json" => {
                    let v: serde_json::Value = serde_json::from_str(&all).unwrap();
                    assert_eq!(
                        v["scenario"],
                        "a\u{1b}]0;pwn\u{7}b\u{1b}[2Jc\u{9b}31md\ne<b>*f*</b>"
                    );
                }
                _ => {}
            }
        }
    }
}

#[test]
fn errors_that_quote_a_file_escape_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        format!("\"{HOSTILE}\" = 1\n[workload]\nrequests_per_dya = 5\n"),
    )
    .unwrap();
    let out = crossover(dir.path(), &["report", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let all = shown(&out);
    assert!(all.contains(r"\x1b]0;pwn\x07"), "{all}");
}

/// An imported name holding control characters is never stored (it is left aside and
/// counted); the clean entry beside it imports, and every message stays free of raw controls.
#[test]
fn imported_model_names_with_controls_are_left_aside_and_nothing_raw_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let json = format!(
        "{{\"evil-{HOSTILE}\": {{\"mode\": \"chat\", \"litellm_provider\": \"openai\", \
         \"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 2e-06}}, \
         \"evil-plain\": {{\"mode\": \"chat\", \"litellm_provider\": \"openai\", \
         \"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 2e-06}}}}"
    );
    std::fs::write(dir.path().join("prices.json"), json).unwrap();
    let import = crossover(dir.path(), &["prices", "import", "prices.json"]);
    let said = shown(&import);
    assert!(import.status.success(), "{said}");
    assert!(said.contains("names with control characters"), "{said}");
    for format in ["text", "json"] {
        let list = crossover(dir.path(), &["prices", "list", "--format", format]);
        let all = shown(&list);
        assert!(all.contains("evil-plain") && !all.contains("pwn"), "{all}");
    }
    // The pick's note names the model: on stderr and as a CSV `# warning:` line.
    let csv = crossover(
        dir.path(),
        &["report", "reference", "--api", "evil", "--format", "csv"],
    );
    assert!(csv.status.success(), "{}", shown(&csv));
    let stdout = String::from_utf8_lossy(&csv.stdout);
    assert!(stdout.starts_with("# warning: "), "{stdout}");
    assert!(shown(&csv).contains("evil-plain"));
}

#[test]
fn control_characters_in_an_svg_leave_it_valid_xml() {
    let dir = tempfile::tempdir().unwrap();
    let out = crossover(
        dir.path(),
        &[
            "export",
            "--set",
            "name=a\u{1}b\u{1b}[2J<c>",
            "--out",
            "c.svg",
        ],
    );
    assert!(out.status.success(), "{}", shown(&out));
    let svg = std::fs::read_to_string(dir.path().join("c.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains(r"a\x01b\x1b[2J<c>")),
        "{texts:?}"
    );
}
