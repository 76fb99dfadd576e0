//! The real binary, run as a user runs it, from the crate root with a private config folder.

use std::process::Command;
use tempfile::TempDir;

/// `crossover` run from the crate root with a private `XDG_CONFIG_HOME`, `XDG_DATA_HOME` and `HOME`, and a fixed
/// date for exports' file names.
pub fn crossover(config: &TempDir) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crossover"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", config.path())
        .env("HOME", config.path())
        .env("XDG_DATA_HOME", config.path().join("data"))
        .env("SOURCE_DATE_EPOCH", "1764028800")
        .env_remove("NO_COLOR");
    cmd
}

/// Exit code and stderr of a run in a fresh config folder.
pub fn stderr_of(args: &[&str]) -> (i32, String) {
    let cfg = TempDir::new().unwrap();
    let out = crossover(&cfg).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Stdout of a run that must succeed.
pub fn stdout_of(cfg: &TempDir, args: &[&str]) -> String {
    let out = crossover(cfg).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
