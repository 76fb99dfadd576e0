//! Every `crossover …` line in the README's code blocks runs, as written, with the built
//! binary, in a temporary folder that stands for the user's working folder.
//!
//! - `sh` blocks: each line starting with `crossover` runs through `sh -c` (so quotes,
//!   comments and `> file` work as a user's shell reads them) and must exit 0.
//! - `text` blocks with `$ crossover …` transcripts: the line runs the same way and must print
//!   what the README shows after it. A transcript whose output starts with `error:` shows bad
//!   input, so it must exit 2 instead.
//! - A line that would open the dashboard (no command word) cannot run in a test: it needs a
//!   terminal. With stdout piped the binary prints the text report instead, so that is what
//!   these lines are checked for.
//!
//! Files the README's lines read but do not make are provided, and said so in `inputs`: the two
//! price files a user downloads (no network here, so the test fixtures stand in for them) and
//! the broken preset of the bad-input example, and a vLLM benchmark result for `calibrate`. The LiteLLM stand-in is one valid entry, as the
//! README's first import (without `--skip-invalid`) expects.

use std::path::Path;

use std::process::Command;
use tempfile::TempDir;

/// The subcommands; a `crossover` line without one of these opens the dashboard.
const COMMANDS: &[&str] = &[
    "report",
    "export",
    "prices",
    "presets",
    "throughput",
    "compare",
    "calibrate",
    "help",
];

/// The README's broken preset: line 3 holds the misspelt key the transcript names.
const BROKEN_TOML: &str = "[workload]\nrequests_per_day = 10000\nrequest_per_day = 5000\n";

#[derive(Debug)]
struct Line {
    /// 1-based line number in README.md.
    at: usize,
    command: String,
    /// For a transcript, the output the README shows.
    shown: Option<String>,
}

/// The `crossover` lines of the README's `sh` blocks and `text` transcripts, in order.
fn readme_lines(readme: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    let lines: Vec<&str> = readme.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if let Some(lang) = l.strip_prefix("```") {
            block = match block {
                None => Some(lang.trim().to_string()),
                Some(_) => None,
            };
            i += 1;
            continue;
        }
        match block.as_deref() {
            Some("sh") if l.trim_start().starts_with("crossover") => out.push(Line {
                at: i + 1,
                command: l.trim().to_string(),
                shown: None,
            }),
            Some("text") if l.starts_with("$ crossover") => {
                let mut shown = String::new();
                let mut j = i + 1;
                while j < lines.len() && !lines[j].starts_with("```") && !lines[j].starts_with("$ ")
                {
                    shown.push_str(lines[j]);
                    shown.push('\n');
                    j += 1;
                }
                out.push(Line {
                    at: i + 1,
                    command: l[2..].trim().to_string(),
                    shown: Some(shown),
                });
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Whether a line would start the full-screen dashboard: no command word before the first
/// option, and not asking for help or the version.
fn opens_dashboard(command: &str) -> bool {
    let words: Vec<&str> = command.split_whitespace().skip(1).collect();
    let asks = |w: &&str| matches!(*w, "-h" | "--help" | "-V" | "--version");
    match words.first() {
        None => true,
        Some(w) if w.starts_with('-') => !words.iter().any(asks),
        Some(w) => !COMMANDS.contains(w),
    }
}

/// Files the README's lines read without making them, placed in the working folder.
fn inputs(dir: &Path) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(
        fixtures.join("litellm/bom.json"),
        dir.join("model_prices_and_context_window.json"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("genai-prices/prices/new_data/v2")).unwrap();
    std::fs::copy(
        fixtures.join("genai_prices/v2_data.json"),
        dir.join("genai-prices/prices/new_data/v2/data.json"),
    )
    .unwrap();
    std::fs::write(dir.join("broken.toml"), BROKEN_TOML).unwrap();
    // A benchmark result the user ran (`vllm bench serve --save-result`).
    std::fs::copy(
        fixtures.join("calibrate/vllm.json"),
        dir.join("vllm-result.json"),
    )
    .unwrap();
}

#[test]
fn every_readme_command_runs_as_written() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let lines = readme_lines(&readme);
    assert!(
        lines.len() >= 20,
        "expected the README's examples, found {lines:#?}"
    );

    let home = TempDir::new().unwrap();
    let work = home.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    inputs(&work);
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_crossover")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let mut failures = Vec::new();
    let mut dashboards = 0;
    for line in &lines {
        let out = Command::new("sh")
            .arg("-c")
            .arg(&line.command)
            .current_dir(&work)
            .env("PATH", &path)
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            // Reports on the pinned day; imports on a day after the prices' own --as-of dates.
            .env(
                "SOURCE_DATE_EPOCH",
                if line.command.contains("prices import") {
                    "1796601600"
                } else {
                    "1764028800"
                },
            )
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let problem = match &line.shown {
            Some(shown) if shown.starts_with("error:") => (code != 2 || stderr != shown.as_str())
                .then(|| format!("expected exit 2 and the README's message, got {code}: {stderr}")),
            Some(shown) => (code != 0 || stdout != shown.as_str())
                .then(|| format!("exit {code}; printed\n{stdout}{stderr}")),
            None if opens_dashboard(&line.command) => {
                dashboards += 1;
                (code != 0 || !stdout.contains("Recommendation:")).then(|| {
                    format!("exit {code}; with stdout piped expected the text report, got\n{stdout}{stderr}")
                })
            }
            None => (code != 0).then(|| format!("exit {code}: {stderr}")),
        };
        if let Some(p) = problem {
            failures.push(format!("README.md:{}: `{}`: {p}", line.at, line.command));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(
        dashboards >= 1,
        "the README shows no dashboard line in a code block"
    );
    // The lines that write files wrote them here.
    assert!(work.join("chart.svg").is_file() && work.join("plan.md").is_file());
    assert!(work.join("slides").is_dir());
}

#[test]
fn dashboard_lines_are_told_apart() {
    assert!(opens_dashboard("crossover"));
    assert!(opens_dashboard("crossover guide-legal-docs"));
    assert!(opens_dashboard(
        "crossover --set workload.requests_per_day=5 # comment"
    ));
    assert!(!opens_dashboard("crossover --help"));
    assert!(!opens_dashboard("crossover report guide-legal-docs"));
    assert!(!opens_dashboard("crossover prices list"));
}
