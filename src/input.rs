//! Reading a user's file with a size cap: presets, the presets folder, price imports.
//!
//! A folder, a device (`/dev/zero`), a FIFO or a socket is refused from its file type before
//! anything is read, and the file is opened non-blocking, so nothing can hang or fill memory.
//! Text past the cap is refused whole, never cut.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest preset file read: 1 MiB, hundreds of times the longest real preset.
pub const PRESET_CAP: u64 = 1 << 20;

/// The largest price file imported: 64 MiB, about 60 times LiteLLM's whole pricing file.
pub const IMPORT_CAP: u64 = 64 << 20;

/// A file that could not be read as text, and why.
#[derive(Debug)]
pub struct ReadError {
    /// The file as given.
    pub path: PathBuf,
    pub why: Why,
}

/// Why a file was refused.
#[derive(Debug)]
pub enum Why {
    NotFound,
    /// A folder where a file of kind `what` was expected.
    Folder {
        what: String,
    },
    /// A device, FIFO or socket (`kind` names which) where a file of kind `what` was expected.
    NotRegular {
        kind: &'static str,
        what: String,
    },
    /// Larger than `cap` bytes.
    TooLarge {
        cap: u64,
        what: String,
    },
    /// A NUL byte at `at`: binary data.
    Binary {
        at: usize,
        what: String,
    },
    /// Not UTF-8 from byte `at`.
    NotUtf8 {
        at: usize,
        what: String,
    },
    Io(io::Error),
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::NotFound => write!(f, "cannot be read: no such file"),
            Why::Folder { what } => write!(f, "cannot be read: is a folder, not a {what}"),
            Why::NotRegular { kind, what } => {
                write!(f, "cannot be read: is a {kind}, not a {what}")
            }
            Why::TooLarge { cap, what } => write!(
                f,
                "is larger than {}, the most a {what} may be",
                size_text(*cap)
            ),
            Why::Binary { at, what } => write!(
                f,
                "is not a text file (binary data at byte {at}); a {what} is text"
            ),
            Why::NotUtf8 { at, what } => write!(
                f,
                "is not UTF-8 text (invalid byte at {at}); a {what} is text"
            ),
            Why::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.why)
    }
}

impl std::error::Error for ReadError {}

/// `1 MiB`, `64 MiB`, or bytes when not a whole number of MiB.
fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes % (1 << 20) == 0 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// The UTF-8 text of the regular file at `path`, at most `cap` bytes. `what` names the kind of
/// file expected in errors ("preset", "LiteLLM pricing file").
pub fn read_bounded(path: &Path, cap: u64, what: &str) -> Result<String, ReadError> {
    let fail = |why| ReadError {
        path: path.to_path_buf(),
        why,
    };
    let meta = fs::metadata(path).map_err(|e| fail(io_why(e, what)))?;
    check_type(&meta, what).map_err(fail)?;
    let file = open_nonblocking(path).map_err(|e| fail(io_why(e, what)))?;
    // The path may have been swapped between the look and the open: check what was opened.
    let meta = file.metadata().map_err(|e| fail(Why::Io(e)))?;
    check_type(&meta, what).map_err(fail)?;
    let too_large = || Why::TooLarge {
        cap,
        what: what.into(),
    };
    if meta.len() > cap {
        return Err(fail(too_large()));
    }
    // A file can grow after the look, and some (in /proc) report no size: read one byte past
    // the cap at most.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| fail(Why::Io(e)))?;
    if bytes.len() as u64 > cap {
        return Err(fail(too_large()));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(fail(Why::Binary {
            at,
            what: what.into(),
        }));
    }
    String::from_utf8(bytes).map_err(|e| {
        fail(Why::NotUtf8 {
            at: e.utf8_error().valid_up_to(),
            what: what.into(),
        })
    })
}

/// True when `path` is a regular file (through symlinks) that [`read_bounded`] would open: the
/// presets folder lists only these.
pub fn is_regular_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file())
}

fn io_why(e: io::Error, what: &str) -> Why {
    match e.kind() {
        io::ErrorKind::NotFound => Why::NotFound,
        io::ErrorKind::IsADirectory => Why::Folder { what: what.into() },
        _ => Why::Io(e),
    }
}

fn check_type(meta: &fs::Metadata, what: &str) -> Result<(), Why> {
    if meta.is_file() {
        return Ok(());
    }
    if meta.is_dir() {
        return Err(Why::Folder { what: what.into() });
    }
    Err(Why::NotRegular {
        kind: kind_name(meta),
        what: what.into(),
    })
}

#[cfg(unix)]
fn kind_name(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_char_device() {
        "character device"
    } else if t.is_block_device() {
        "block device"
    } else if t.is_fifo() {
        "FIFO (named pipe)"
    } else if t.is_socket() {
        "socket"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn kind_name(_: &fs::Metadata) -> &'static str {
    "special file"
}

/// Open for reading without blocking: opening a FIFO with no writer would otherwise wait.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn why(path: &Path, cap: u64) -> String {
        read_bounded(path, cap, "preset").unwrap_err().to_string()
    }

    #[test]
    fn reads_text_up_to_the_cap_and_refuses_past_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        fs::write(&p, "name = \"é\"\n").unwrap();
        assert_eq!(read_bounded(&p, 12, "preset").unwrap(), "name = \"é\"\n");
        let e = why(&p, 11);
        assert!(
            e.ends_with("is larger than 11 bytes, the most a preset may be"),
            "{e}"
        );
        assert_eq!(size_text(PRESET_CAP), "1 MiB");
        assert_eq!(size_text(IMPORT_CAP), "64 MiB");
    }

    #[test]
    fn dev_zero_and_a_fifo_are_refused_by_their_type() {
        let e = why(Path::new("/dev/zero"), PRESET_CAP);
        assert_eq!(
            e,
            "/dev/zero: cannot be read: is a character device, not a preset"
        );
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let e = why(&fifo, PRESET_CAP);
        assert!(
            e.ends_with("cannot be read: is a FIFO (named pipe), not a preset"),
            "{e}"
        );
        assert!(!is_regular_file(&fifo));
    }

    #[test]
    fn folders_missing_binary_and_non_utf8_files_say_why() {
        let dir = tempfile::tempdir().unwrap();
        assert!(why(dir.path(), 10).ends_with("is a folder, not a preset"));
        assert!(why(&dir.path().join("none"), 10).ends_with("cannot be read: no such file"));
        let bin = dir.path().join("bin");
        fs::write(&bin, b"ab\0c").unwrap();
        assert!(why(&bin, 10).ends_with("binary data at byte 2); a preset is text"));
        let latin = dir.path().join("latin");
        fs::write(&latin, b"caf\xe9").unwrap();
        assert!(why(&latin, 10).ends_with("invalid byte at 3); a preset is text"));
    }
}
