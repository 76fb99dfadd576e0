//! The README's screenshots are the current output. They are made by the command the README
//! gives, with the date pinned (SOURCE_DATE_EPOCH, 2025-11-25) and the crate's version in the
//! footer; this test draws them again and fails when a pixel differs. It rewrites them only
//! when asked:
//!
//!     UPDATE_SCREENSHOTS=1 cargo test --test docs screenshots

use std::path::{Path, PathBuf};

use std::process::Command;

/// File, then the `crossover export` arguments that draw it (at 1200×675).
const SHOTS: &[(&str, &[&str])] = &[
    ("chart-default.png", &["default"]),
    ("chart-guide-legal-docs.png", &["guide-legal-docs"]),
    (
        "sensitivity-guide-legal-docs.png",
        &["guide-legal-docs", "--view", "sensitivity"],
    ),
    (
        "timeline-guide-legal-docs.png",
        &["guide-legal-docs", "--view", "timeline"],
    ),
];

fn pixels(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

fn draw(dir: &Path, file: &str, args: &[&str]) -> Vec<u8> {
    let out = dir.join(file);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crossover"));
    cmd.current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("SOURCE_DATE_EPOCH", "1764028800")
        .arg("export")
        .args(args)
        .args(["--width", "1200", "--height", "675", "--force", "--out"])
        .arg(&out);
    let status = cmd.output().unwrap();
    assert!(status.status.success(), "{file}: {status:?}");
    std::fs::read(out).unwrap()
}

#[test]
fn readme_screenshots_are_the_current_output() {
    let dir = tempfile::TempDir::new().unwrap();
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/screenshots");
    let rewrite = std::env::var_os("UPDATE_SCREENSHOTS").is_some_and(|v| !v.is_empty());
    let mut stale = Vec::new();
    for (file, args) in SHOTS {
        let now = draw(dir.path(), file, args);
        let path = folder.join(file);
        if rewrite {
            std::fs::write(&path, &now).unwrap();
            continue;
        }
        let same = std::fs::read(&path).is_ok_and(|old| pixels(&old) == pixels(&now));
        if !same {
            stale.push(*file);
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} differ from what crossover draws now; run \
         `UPDATE_SCREENSHOTS=1 cargo test --test docs screenshots` and look at them before committing"
    );
}
