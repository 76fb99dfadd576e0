//! Writing a user's file safely: a temporary file in the same folder, flushed to disk, then
//! put in place in one step. A reader sees the old file or the new one, never half of one.
//!
//! Without `--force` the temporary file is hard-linked to the target name, which fails if
//! anything is there, a dangling symlink included: of two processes saving the same name at
//! once, exactly one succeeds. With `--force` it is renamed over the target. The temporary
//! file is removed whatever fails, and on TERM, HUP, INT or QUIT ([`crate::signals`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::signals::TempFile;

/// Longest file name, in bytes, that Linux and macOS file systems allow.
pub const NAME_MAX: usize = 255;

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists (use --force to overwrite it)", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// Write `bytes` to `path` atomically. Refuses an existing file unless `overwrite`.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    write_with(path, overwrite, |f| f.write_all(bytes))
}

/// Like [`write_atomic`], with the content produced by `fill` into the temporary file.
pub fn write_with(
    path: &Path,
    overwrite: bool,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let io_err = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    // An early, friendly refusal; the link below is what makes it safe.
    if !overwrite && exists(path) {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    if path.is_dir() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder",
        )));
    }
    let tmp = TempFile::register(temp_path(path));
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(tmp.path())
            .map_err(|e| {
                let dir = tmp.path().parent().unwrap_or(Path::new("."));
                io::Error::new(
                    e.kind(),
                    format!("cannot create a file in {}: {e}", dir.display()),
                )
            })?;
        fill(&mut f)?;
        f.sync_all()?;
        drop(f);
        if overwrite {
            fs::rename(tmp.path(), path)
        } else {
            place_new(tmp.path(), path)
        }
    })();
    // Gone after a rename or a failure; after a link, the target holds the content.
    let _ = fs::remove_file(tmp.path());
    drop(tmp);
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists(path.to_path_buf()))
        }
        Err(e) => Err(io_err(e)),
    }
}

/// Anything at `path`, a dangling symlink included.
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Give the finished `tmp` the name `path` only if nothing has it. `link(2)` refuses an
/// existing name in one step. A filesystem without hard links gets the name reserved with an
/// exclusive create and the content copied in: still never clobbered, though a reader could
/// then see a partly written file.
fn place_new(tmp: &Path, path: &Path) -> io::Result<()> {
    match fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if links_unsupported(&e) => {
            let mut out = OpenOptions::new().write(true).create_new(true).open(path)?;
            let copied = io::copy(&mut File::open(tmp)?, &mut out).and_then(|_| out.sync_all());
            if copied.is_err() {
                let _ = fs::remove_file(path);
            }
            copied
        }
        Err(e) => Err(e),
    }
}

/// `link(2)` refused for the filesystem, not for the name: EPERM, EOPNOTSUPP, EMLINK.
fn links_unsupported(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::Unsupported
    ) || e.raw_os_error() == Some(libc::EMLINK)
}

/// `.name.<pid>.<n>.tmp` beside `path`: same folder, so the rename stays on one filesystem.
/// The name is cut so the whole stays within [`NAME_MAX`] bytes: a target whose own name is
/// near the limit still gets a temporary file.
pub fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    // ".", three more dots, ".tmp", a pid and a counter of up to 10 digits each.
    let room = NAME_MAX - (1 + 2 + 4 + 10 + 10);
    let mut cut = name.len().min(room);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let name = &name[..cut];
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        write_atomic(&p, b"one", false).unwrap();
        assert!(matches!(
            write_atomic(&p, b"two", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let failing = write_with(&dir.path().join("b"), false, |_| {
            Err(io::Error::other("boom"))
        });
        assert!(failing.is_err());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.toml")]);
    }

    #[test]
    fn a_symlink_at_the_target_counts_as_existing_even_dangling() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("l.svg");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        assert!(matches!(
            write_atomic(&link, b"x", false),
            Err(WriteError::Exists(_))
        ));
        assert!(!dir.path().join("nowhere").exists());
        write_atomic(&link, b"x", true).unwrap();
        assert!(!fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn of_threads_racing_for_one_name_exactly_one_wins() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("race.toml");
        let barrier = std::sync::Barrier::new(8);
        let wins = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8u8)
                .map(|i| {
                    let (p, barrier) = (&p, &barrier);
                    s.spawn(move || {
                        barrier.wait();
                        write_with(p, false, |f| {
                            // Past the early check before anyone links.
                            std::thread::yield_now();
                            f.write_all(&[i])
                        })
                        .is_ok()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap())
                .filter(|won| *won)
                .count()
        });
        assert_eq!(wins, 1);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Set in a child copy of this test binary: the folder to write in, and never finish.
    const CHILD_DIR: &str = "CROSSOVER_TEST_WRITE_FOREVER_IN";

    #[test]
    fn a_signal_during_a_write_removes_the_temp_file() {
        if let Some(dir) = std::env::var_os(CHILD_DIR) {
            let _ = write_with(&Path::new(&dir).join("big.png"), false, |f| {
                f.write_all(&[0; 1 << 20])?;
                f.sync_all()?;
                loop {
                    std::thread::park();
                }
            });
            return;
        }
        for (signal, code) in [("TERM", 143), ("INT", 130), ("HUP", 129), ("QUIT", 131)] {
            let dir = tempfile::tempdir().unwrap();
            let mut child = std::process::Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "atomic::tests::a_signal_during_a_write_removes_the_temp_file",
                ])
                .env(CHILD_DIR, dir.path())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap();
            // Wait until the temporary file holds the whole megabyte: the write is under way.
            let start = std::time::Instant::now();
            while !fs::read_dir(dir.path())
                .unwrap()
                .any(|e| e.unwrap().metadata().unwrap().len() == 1 << 20)
            {
                assert!(start.elapsed().as_secs() < 20, "no temporary file appeared");
                std::thread::yield_now();
            }
            let sent = std::process::Command::new("kill")
                .args([format!("-{signal}"), child.id().to_string()])
                .status()
                .unwrap();
            assert!(sent.success());
            assert_eq!(child.wait().unwrap().code(), Some(code), "SIG{signal}");
            assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "SIG{signal}");
        }
    }

    #[test]
    fn a_name_near_the_limit_still_gets_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a".repeat(250) + ".svg", "é".repeat(125) + ".png"] {
            assert!(name.len() <= NAME_MAX);
            let tmp = temp_path(&dir.path().join(&name));
            assert!(tmp.file_name().unwrap().len() <= NAME_MAX, "{tmp:?}");
            write_atomic(&dir.path().join(&name), b"x", false).unwrap();
            assert_eq!(fs::read(dir.path().join(&name)).unwrap(), b"x");
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn missing_folder_is_an_error_not_a_panic() {
        let e = write_atomic(Path::new("/nonexistent-dir/x.toml"), b"x", false).unwrap_err();
        assert!(e
            .to_string()
            .starts_with("cannot write /nonexistent-dir/x.toml"));
    }
}
