//! A signal to the running dashboard gives the terminal back as it was: the dashboard runs
//! under a pseudo-terminal (driven by python3's `pty`, which CI has), and is signalled only
//! once it has entered the alternate screen.

use std::process::Command;

/// Runs the dashboard (argv[1]) on a new pty, sends signal argv[2] once the alternate screen
/// is entered, and prints what a user would see: the exit code, what the dashboard wrote
/// after the signal, and whether `stty -g` changed.
const DRIVER: &str = r#"
import fcntl, os, pty, select, signal, struct, subprocess, sys, termios, time
exe, signame = sys.argv[1], sys.argv[2]
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
def stty():
    return subprocess.run(["stty", "-g"], stdin=slave, capture_output=True, text=True).stdout.strip()
before = stty()
def controlling_tty():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
child = subprocess.Popen([exe], stdin=slave, stdout=slave, stderr=slave,
                         start_new_session=True, preexec_fn=controlling_tty)
seen, deadline, entered = b"", time.monotonic() + 30, -1
def pump(wait):
    global seen
    if select.select([master], [], [], wait)[0]:
        seen += os.read(master, 65536)
while entered < 0:
    if time.monotonic() > deadline or child.poll() is not None:
        print("never entered the alternate screen:", repr(seen[-300:])); sys.exit(1)
    pump(0.1)
    entered = seen.find(b"\x1b[?1049h")
# Let the first frame finish, so the signal lands in the running loop.
quiet = time.monotonic() + 0.2
while time.monotonic() < quiet:
    pump(0.05)
mark = len(seen)
os.kill(child.pid, getattr(signal, "SIG" + signame))
try:
    code = child.wait(timeout=10)
except subprocess.TimeoutExpired:
    child.kill(); print("still running 10 s after the signal"); sys.exit(1)
pump(0.1)
after = seen[mark:]
print("code", code)
print("left_alternate", b"\x1b[?1049l" in after)
print("mouse_off", b"\x1b[?1000l" in after and b"\x1b[?1006l" in after)
print("cursor_shown", b"\x1b[?25h" in after)
print("stty_unchanged", stty() == before)
"#;

#[test]
fn a_signal_restores_the_terminal_and_exits_128_plus_its_number() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 is needed to drive a pty");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130), ("QUIT", 131)] {
        let out = Command::new("python3")
            .args(["-c", DRIVER, env!("CARGO_BIN_EXE_crossover"), signal])
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("TERM", "xterm-256color")
            .env("SOURCE_DATE_EPOCH", "1764028800")
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "SIG{signal}: {report}{stderr}");
        let expected = format!(
            "code {code}\nleft_alternate True\nmouse_off True\ncursor_shown True\n\
             stty_unchanged True\n"
        );
        assert_eq!(report, expected, "SIG{signal}");
    }
}
