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

/// The raw bytes the terminal receives, recorded by util-linux `script`, end with the final
/// restore (mouse capture off, main screen, cursor shown) and nothing after it: the signal
/// only asks the loop to stop, and the thread that draws restores the terminal after its last
/// frame. Arrow keys keep the dashboard redrawing while each signal lands, at a random moment.
const SCRIPT_DRIVER: &str = r#"
import os, random, re, signal, subprocess, sys, time
exe, logdir, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
RESTORE = b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1049l\x1b[?25h"
names = ["TERM", "HUP", "INT", "QUIT"]
rng = random.Random(26)
def dashboard_pid(root):
    # script runs the command through sh; the dashboard is the descendant called crossover.
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            if open(f"/proc/{pid}/comm").read().strip() == "crossover":
                return pid
            for t in os.listdir(f"/proc/{pid}/task"):
                todo += [int(c) for c in open(f"/proc/{pid}/task/{t}/children").read().split()]
        except OSError:
            pass
    return None
slowest = 0.0
for run in range(runs):
    name = names[run % len(names)]
    log = os.path.join(logdir, f"run{run}.log")
    p = subprocess.Popen(["script", "-q", "-f", "-e", "-E", "never", "-c", exe, log],
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 30
    data, pid = b"", None
    while pid is None or b"\x1b[?1049h" not in data:
        if time.monotonic() > deadline or p.poll() is not None:
            print(f"run {run}: never entered the alternate screen: {data[-300:]!r}"); sys.exit(1)
        time.sleep(0.005)
        data = open(log, "rb").read() if os.path.exists(log) else b""
        pid = pid or dashboard_pid(p.pid)
    # Redraws under way when the signal lands: keys, then the signal at a random moment.
    p.stdin.write(b"\x1b[C\x1b[D" * rng.randrange(1, 8)); p.stdin.flush()
    time.sleep(rng.random() * 0.03)
    sent = time.monotonic()
    os.kill(pid, getattr(signal, "SIG" + name))
    try:
        code = p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill(); print(f"run {run}: SIG{name}: still running 10 s after the signal"); sys.exit(1)
    took = time.monotonic() - sent
    slowest = max(slowest, took)
    data = open(log, "rb").read()
    # script's own closing line is not the dashboard's output.
    data = re.sub(rb"\r?\nScript done on [^\n]*\n?$", b"", data)
    want = 128 + getattr(signal, "SIG" + name)
    if code != want:
        print(f"run {run}: SIG{name}: exit code {code}, not {want}"); sys.exit(1)
    if not data.endswith(RESTORE):
        at = data.rfind(b"\x1b[?1049l")
        print(f"run {run}: SIG{name}: bytes after the final restore: {data[at:][-300:]!r}")
        sys.exit(1)
    if took > 0.5:
        print(f"run {run}: SIG{name}: {took:.2f} s from the signal to the exit"); sys.exit(1)
print(f"ok {runs} runs, slowest {slowest:.3f} s")
"#;

fn script_runs(runs: usize) {
    let usable = |cmd: &str, arg: &str| Command::new(cmd).arg(arg).output().is_ok();
    if !usable("python3", "--version") || !usable("script", "--version") {
        eprintln!("skipped: python3 and util-linux script are needed to record a pty");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("python3")
        .args(["-c", SCRIPT_DRIVER, env!("CARGO_BIN_EXE_crossover")])
        .arg(dir.path())
        .arg(runs.to_string())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("TERM", "xterm-256color")
        .env("SOURCE_DATE_EPOCH", "1764028800")
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.starts_with("ok"),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// 52 recorded runs, 13 for each signal (about five seconds in all).
#[test]
fn nothing_is_written_after_the_restore_when_a_signal_lands_during_redraws() {
    script_runs(52);
}

/// Ctrl-Z (a key in raw mode) and TSTP from outside both give the terminal back as it was
/// (cooked mode, main screen, mouse off, cursor shown) and stop the dashboard; SIGCONT (the
/// shell's `fg`) takes the terminal again and redraws; `q` then quits normally.
const SUSPEND_DRIVER: &str = r#"
import fcntl, os, pty, select, signal, struct, subprocess, sys, termios, time
exe, how = sys.argv[1], sys.argv[2]
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
def stty():
    return subprocess.run(["stty", "-g"], stdin=slave, capture_output=True, text=True).stdout.strip()
before = stty()
def controlling_tty():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
child = subprocess.Popen([exe], stdin=slave, stdout=slave, stderr=slave,
                         start_new_session=True, preexec_fn=controlling_tty)
seen = b""
def pump(wait):
    global seen
    if select.select([master], [], [], wait)[0]:
        try:
            seen += os.read(master, 65536)
        except OSError:
            pass
def wait_for(what, since, limit=20):
    end = time.monotonic() + limit
    while seen.find(what, since) < 0:
        if time.monotonic() > end:
            print("never saw", what, repr(seen[since:][-300:])); sys.exit(1)
        pump(0.05)
def state():
    return open(f"/proc/{child.pid}/stat").read().rsplit(")", 1)[1].split()[0]
wait_for(b"\x1b[?1049h", 0)
quiet = time.monotonic() + 0.3
while time.monotonic() < quiet:
    pump(0.05)
mark = len(seen)
if how == "key":
    os.write(master, b"\x1a")
else:
    os.kill(child.pid, signal.SIGTSTP)
end = time.monotonic() + 10
while state() != "T":
    if time.monotonic() > end:
        print("not stopped", state(), repr(seen[mark:][-300:])); sys.exit(1)
    pump(0.02)
pump(0.1)
after = seen[mark:]
print("stopped", True)
print("left_alternate", after.endswith(b"\x1b[?1049l\x1b[?25h"))
print("mouse_off", b"\x1b[?1000l" in after)
print("cooked", stty() == before)
mark = len(seen)
os.kill(child.pid, signal.SIGCONT)
wait_for(b"\x1b[?1049h", mark)
wait_for(b"Self-host", mark)
print("redrawn", True)
os.write(master, b"q")
try:
    code = child.wait(timeout=10)
except subprocess.TimeoutExpired:
    child.kill(); print("q did not quit"); sys.exit(1)
pump(0.1)
print("code", code)
print("restored", seen.endswith(b"\x1b[?1000l\x1b[?1049l\x1b[?25h"), stty() == before)
"#;

#[test]
fn ctrl_z_and_tstp_suspend_with_the_terminal_restored_and_fg_redraws() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 is needed to drive a pty");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for how in ["key", "signal"] {
        let out = Command::new("python3")
            .args(["-c", SUSPEND_DRIVER, env!("CARGO_BIN_EXE_crossover"), how])
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("TERM", "xterm-256color")
            .env("SOURCE_DATE_EPOCH", "1764028800")
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            report,
            "stopped True\nleft_alternate True\nmouse_off True\ncooked True\nredrawn True\n\
             code 0\nrestored True True\n",
            "{how}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
