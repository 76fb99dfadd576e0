//! No file in the repository mentions a path outside it: no parent-folder references into
//! sibling folders, no absolute paths into the machine it was written on, and none of the
//! words for the planning material that lives beside the repository. The patterns are built
//! from pieces, so this file does not find itself.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "target" || name == ".git" {
            continue;
        }
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn patterns() -> Vec<String> {
    let up = ["..", "/"].concat();
    let shared = ["sha", "red"].concat();
    vec![
        // A parent folder, then into the sibling folder of planning material.
        [up.as_str(), shared.as_str()].concat(),
        ["/wo", "rk/"].concat(),
        [shared.as_str(), "/MODEL"].concat(),
        [shared.as_str(), "/STYLE"].concat(),
        [shared.as_str(), "/GUIDE"].concat(),
        ["plan", "ning repo"].concat(),
        ["plan", "ning repository"].concat(),
        ["STY", "LE.md"].concat(),
        ["GUI", "DE.txt"].concat(),
    ]
}

#[test]
fn no_file_mentions_a_path_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    files(root, &mut all);
    let pats = patterns();
    let up = ["..", "/"].concat();
    let mut found = Vec::new();
    for path in &all {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // images and other binary files
        };
        for (n, line) in text.lines().enumerate() {
            let lower = line.to_lowercase();
            for p in &pats {
                if lower.contains(&p.to_lowercase()) {
                    found.push(format!("{}:{}: {p:?}", path.display(), n + 1));
                }
            }
            // A relative link that climbs out of the repository from where the file is.
            let depth = path.strip_prefix(root).unwrap().components().count() - 1;
            for (i, _) in line.match_indices(&up) {
                let climbs = line[i..].matches(&up).count().min(
                    line[i..]
                        .split(|c: char| c.is_whitespace() || c == ')' || c == '"')
                        .next()
                        .unwrap_or("")
                        .matches(&up)
                        .count(),
                );
                if climbs > depth {
                    found.push(format!("{}:{}: climbs out", path.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "references outside the repository:\n{}",
        found.join("\n")
    );
}
