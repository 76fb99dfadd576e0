//! Two users writing the same file at the same moment: exactly one succeeds, every time, and
//! the file holds that one's content whole. Also the size and type limits on what is read.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// `crossover ARGS` in `dir`, started but held until a byte arrives on its stdin.
fn held(dir: &Path, args: &[&str]) -> Child {
    Command::new("sh")
        .arg("-c")
        .arg("read go && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_crossover"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("SOURCE_DATE_EPOCH", "1764028800")
        .env("FONTCONFIG_FILE", "/nonexistent")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Run two copies of `crossover ARGS` released together, `rounds` times, cleaning with
/// `reset` between rounds; each round exactly one may succeed, and the other must say the
/// file exists. Both copies are released together each round, so a write that checks and then
/// writes fails in most rounds; 50 rounds of each race keep that certain at half the processes.
fn race(dir: &Path, rounds: usize, a: &[&str], b: &[&str], reset: impl Fn()) {
    for round in 0..rounds {
        reset();
        let mut children = [held(dir, a), held(dir, b)];
        // Both are started and waiting: release them back to back (the barrier).
        for c in &mut children {
            c.stdin.take().unwrap().write_all(b"\n").unwrap();
        }
        let outs: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let wins = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(wins, 1, "round {round}: {outs:?}");
        let loser = outs.iter().find(|o| !o.status.success()).unwrap();
        let err = String::from_utf8_lossy(&loser.stderr);
        assert!(err.contains("already exists"), "round {round}: {err}");
        assert_eq!(loser.status.code(), Some(2), "round {round}: {err}");
    }
}

#[test]
fn two_saves_of_one_name_at_once_exactly_one_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let presets = dir.path().join("config/crossover/presets");
    let file = presets.join("race.toml");
    let a = [
        "presets",
        "save",
        "race",
        "--set",
        "workload.requests_per_day=111",
    ];
    let b = [
        "presets",
        "save",
        "race",
        "--set",
        "workload.requests_per_day=222",
    ];
    race(dir.path(), 50, &a, &b, || {
        let _ = std::fs::remove_file(&file);
    });
    // The survivor of the last round is whole, and no temporary file is left.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("requests_per_day = 111.0") || text.contains("requests_per_day = 222.0"));
    assert_eq!(std::fs::read_dir(&presets).unwrap().count(), 1);
}

#[test]
fn two_exports_to_one_file_at_once_exactly_one_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.svg");
    let a = ["export", "--out", "r.svg"];
    let b = [
        "export",
        "--out",
        "r.svg",
        "--set",
        "workload.requests_per_day=222",
    ];
    race(dir.path(), 50, &a, &b, || {
        let _ = std::fs::remove_file(&file);
    });
    let svg = std::fs::read_to_string(&file).unwrap();
    assert!(roxmltree::Document::parse(&svg).is_ok());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_dangling_symlink_is_not_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path().join("elsewhere.svg"), dir.path().join("r.svg")).unwrap();
    let out = held(dir.path(), &["export", "--out", "r.svg"]);
    let mut out = out;
    out.stdin.take().unwrap().write_all(b"\n").unwrap();
    let out = out.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert!(!dir.path().join("elsewhere.svg").exists());
}

#[test]
fn dev_zero_and_a_fifo_are_refused_by_their_type() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.toml");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for (arg, kind) in [
        ("/dev/zero", "is a character device, not a preset"),
        ("pipe.toml", "is a FIFO (named pipe), not a preset"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_crossover"))
            .args(["report", arg])
            .current_dir(dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(kind), "{err}");
    }
    // The same for a price import.
    let out = Command::new(env!("CARGO_BIN_EXE_crossover"))
        .args(["prices", "import", "/dev/zero"])
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is a character device"), "{err}");
}

#[test]
fn a_preset_over_the_cap_is_refused_with_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    let mut text = String::from("description = \"");
    text.push_str(&"x".repeat(1 << 20));
    text.push_str("\"\n");
    std::fs::write(&big, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_crossover"))
        .args(["report", "big.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("big.toml: is larger than 1 MiB, the most a preset may be"),
        "{err}"
    );
}
