"""GNOME Orca, the screen reader, listening to the real kiosk: what a blind patient would hear.

    with OrcaSession(tmp_path) as orca:
        orca.start_kiosk()                   # what Orca said as the kiosk's window came up
        orca.press_until("Tab", "Touch to start push button.")
        said = orca.press("Return")          # what Orca said after that key, once it went quiet

Everything runs in a folder of its own and ends with the session: a private X server (Xvfb
-noreset, on a free display number), a D-Bus session bus and the accessibility bus (started
as tests/e2e/test_atspi.py starts them, with its helpers), speech-dispatcher with the espeak-ng
voice playing into the test run's private PulseAudio null sink (tests/pulse_server.py), and
Orca 43 (Debian's package) with its settings in the session's own HOME and XDG folders (it
has no first-run dialog: with no settings it writes its defaults there and starts). As root,
Orca runs in a PID namespace of its own: it refuses to start while it sees another Orca of the
same user, such as a developer's own screen reader. Keys are real X key presses (xdotool,
through XTEST) into the focused window, so Orca hears them as a keyboard user's.

What Orca said comes from its debug log (orca --debug-file): every utterance it hands to the
speech server is one line there, spoken or not by a sound card. Real lines (Orca 43.1):

    11:41:32.556814 - SPEECH OUTPUT: 'Screen reader on.'{'established': False}
    11:41:33.757156 - SPEECH OUTPUT: 'Read aloud push button.'{'established': False}
    11:41:33.759021 - SPEECH OUTPUT: 'Read this screen out loud.'{'established': False}
    11:41:36.625412 - SPEECH OUTPUT: 'return ' {'established': False}

(the last is Orca's key echo). A text with a line break goes on over the following lines,
indented by the time stamp's width. Orca writes the log through Python's file buffer, which
would hold the last lines back until 8 KB more came; the log is therefore a pseudo-terminal,
which Python writes a line at a time, copied to orca-debug.log in the session's folder.

A line in the log is what Orca sent to speech, where it queues: Orca 43 cuts speech short only
where it logs "DEFAULT: Interrupting presentation" (every key press, a new window), so an
utterance followed soon by that may not have been heard in full.

Needs orca, xdotool, speech-dispatcher-espeak-ng, xvfb, dbus and at-spi2-core. Without orca
or xdotool the tests are skipped (failed under CI=true, which installs them).
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import threading
import time
import tty
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import DEV_SETTINGS, KIOSK
from tests.e2e.desktop import (
    MARKER,
    bus_launcher,
    end_marked,
    missing_programs,
    read_line,
    require,
    stop,
    wait_for_accessibility_bus,
)

ROOT = Path(__file__).resolve().parents[2]
ESPEAK_MODULE = Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng")
ESPEAK_CONFIG = Path("/etc/speech-dispatcher/modules/espeak-ng.conf")
ORCA_READY = "ORCA: Startup complete notification made"
WINDOW_SEEN = "(reason=Window activation)"  # Orca took the activated window's application as its own
STAMP = " " * len("11:41:32.556814 - ")  # how far a spoken text's further lines are indented
SPEECH_LINE = re.compile(r"(?P<time>\d\d:\d\d:\d\d\.\d{6}) - SPEECH OUTPUT: '(?P<text>.*)'"
                         r"(?: voice=\w+)? ?(?P<voice>\{.*\}|\[\{.*\}\])?", re.S)
STARTUP_TIMEOUT = 20  # seconds for Orca, and then for the application, to be ready (about 1.5 s each here)
QUIET_S = 0.8  # speech has settled when nothing happened for this long...
SETTLE_MAX_S = 10  # ...or after this long, whatever still happens
ORCA_STOP_S = 1  # then it is killed


@dataclass(frozen=True)
class Utterance:
    time: str  # Orca's clock, HH:MM:SS.ffffff
    text: str  # exactly as Orca sent it to speech ("return " with its space, for a key echo)


def parse_speech(lines: list[str]) -> list[Utterance]:
    """The utterances in these lines of Orca's debug log, in order."""
    said = []
    for index, line in enumerate(lines):
        if " - SPEECH OUTPUT: '" not in line:
            continue
        whole = [line]
        for more in lines[index + 1:]:
            if not more.startswith(STAMP):
                break
            whole.append(more[len(STAMP):])
        match = SPEECH_LINE.fullmatch("\n".join(whole)) or SPEECH_LINE.fullmatch(line)
        if match is None:
            raise ValueError(f"a SPEECH OUTPUT line this parser does not know: {line!r}")
        said.append(Utterance(match["time"], match["text"]))
    return said


def missing_orca_programs() -> list[str]:
    return [f"{program} (Debian package {package})" for program, package in (("orca", "orca"), ("xdotool", "xdotool"))
            if shutil.which(program) is None]


def _main_thread_ticks(pid: int) -> int:
    """CPU time of a process's main thread: a Qt program's GUI thread, where its accessibility
    events come from (worker threads, such as speech synthesis, send none)."""
    try:
        fields = Path(f"/proc/{pid}/task/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return -1
    return int(fields[11]) + int(fields[12])  # user and system time


class OrcaSession:
    """A private desktop with Orca running; see the module's docstring."""

    def __init__(self, folder: Path, size: str = "1280x800") -> None:
        self.folder = Path(folder)
        self.size = size
        self.marker = uuid.uuid4().hex  # in the environment of every process started here
        self.env: dict[str, str] = {}
        self.orca: subprocess.Popen | None = None
        self.app: subprocess.Popen | None = None
        self.window: str | None = None  # the application's X window id
        self._started: list[subprocess.Popen] = []
        self._lines: list[str] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._reader: threading.Thread | None = None
        self._pty: tuple[int, int] | None = None
        self._pulse = None

    # --- the session ------------------------------------------------------------------

    def __enter__(self) -> OrcaSession:
        require(missing_orca_programs(), "the Orca tests")
        # Orca's own dependencies and the buses': with Orca installed, their absence is a failure.
        missing = missing_programs()
        if missing:
            pytest.fail("the Orca tests need " + ", ".join(missing) + " (./dev.sh test installs them)")
        try:
            self._start_desktop()
            self._start_speech()
            self._start_orca()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _spawn(self, args: list[str], name: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
        """A process in a process group of its own, its output in NAME.out unless said otherwise."""
        kwargs.setdefault("stdin", subprocess.DEVNULL)
        if "stdout" in kwargs:
            process = subprocess.Popen(args, env=env or self.env, start_new_session=True, **kwargs)
        else:
            with open(self.folder / f"{name}.out", "wb") as out:
                process = subprocess.Popen(args, env=env or self.env, start_new_session=True, stdout=out,
                                           stderr=subprocess.STDOUT, **kwargs)
        self._started.append(process)
        return process

    def _start_desktop(self) -> None:
        for name in ("runtime", "home", "config", "data", "cache", "speechd"):
            (self.folder / name).mkdir(parents=True, exist_ok=True)
        (self.folder / "runtime").chmod(0o700)
        # Nothing of the machine's desktop, screen reader or sound settings: all is in the folder.
        self.env = {key: value for key, value in os.environ.items()
                    if key not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS",
                                   "QT_QPA_PLATFORM", "XAUTHORITY", "SPEECHD_ADDRESS", "XDG_SESSION_TYPE")}
        self.env.update({MARKER: self.marker, "HOME": str(self.folder / "home"),
                         "XDG_RUNTIME_DIR": str(self.folder / "runtime"),
                         "XDG_CONFIG_HOME": str(self.folder / "config"),
                         "XDG_DATA_HOME": str(self.folder / "data"), "XDG_CACHE_HOME": str(self.folder / "cache"),
                         "GSETTINGS_BACKEND": "memory", "LANG": "C.UTF-8"})

        # -noreset: the server stays as it is when its last client goes (between two applications).
        read_fd, write_fd = os.pipe()
        xvfb = self._spawn(["Xvfb", "-displayfd", str(write_fd), "-noreset", "-screen", "0", f"{self.size}x24",
                            "-nolisten", "tcp"], "xvfb", pass_fds=(write_fd,))
        os.close(write_fd)
        try:
            self.env["DISPLAY"] = ":" + read_line(read_fd, "Xvfb", xvfb)
        finally:
            os.close(read_fd)
        dbus = self._spawn(["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"], "dbus",
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = read_line(dbus.stdout.fileno(), "dbus-daemon", dbus)
        self._spawn([bus_launcher(), "--launch-immediately"], "at-spi")
        wait_for_accessibility_bus(self.env)

    def _start_speech(self) -> None:
        """speech-dispatcher with its own settings and socket; espeak-ng into a PulseAudio null sink."""
        for needed in (ESPEAK_MODULE, ESPEAK_CONFIG):
            if not needed.exists():
                pytest.fail(f"{needed} is missing: install speech-dispatcher-espeak-ng")
        if "PULSE_SERVER" not in self.env:  # outside the test run, which has its own (tests/conftest.py)
            from tests.pulse_server import PrivatePulseAudio

            self._pulse = PrivatePulseAudio().start()
            self.env.update(self._pulse.env())
        folder = self.folder / "speechd"
        (folder / "speechd.conf").write_text(
            f'LogLevel 3\nLogDir "{folder}"\nAudioOutputMethod "pulse"\nDisableAutoSpawn\n'
            f'AddModule "espeak-ng" "{ESPEAK_MODULE.name}" "{ESPEAK_CONFIG}"\n'
            'DefaultModule espeak-ng\nDefaultLanguage "en"\n', "utf-8")
        socket = self.folder / "runtime" / "speechd.sock"
        self.env["SPEECHD_ADDRESS"] = f"unix_socket:{socket}"
        speechd = self._spawn(["speech-dispatcher", "--run-single", "--timeout", "0",
                               "--communication-method", "unix_socket", "--socket-path", str(socket),
                               "--config-dir", str(folder), "--module-dir", str(ESPEAK_MODULE.parent)], "speechd")
        deadline = time.monotonic() + 5
        while not socket.exists():
            if speechd.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"speech-dispatcher did not start\n{self.diagnostics()}")
            time.sleep(0.02)

    def _start_orca(self) -> None:
        # The debug log goes to a pseudo-terminal (see the module's docstring), read by a thread.
        master, slave = os.openpty()
        tty.setraw(slave)  # no "\r\n" for "\n"
        self._pty = (master, slave)
        self._reader = threading.Thread(target=self._copy_log, name="orca-log", daemon=True)
        self._reader.start()
        command = ["orca", "--user-prefs", str(self.folder / "data" / "orca"), "--debug-file", os.ttyname(slave)]
        # In a PID namespace of its own (as root) it sees no other Orca (see the module's docstring).
        if os.geteuid() == 0 and shutil.which("unshare"):
            command = ["unshare", "--pid", "--fork", "--kill-child", "--mount-proc", *command]
        self.orca = self._spawn(command, "orca")
        self.wait_for_log(ORCA_READY, STARTUP_TIMEOUT, "Orca to start")

    def _copy_log(self) -> None:
        master = self._pty[0]
        partial = b""
        with open(self.folder / "orca-debug.log", "wb") as copy:
            while not self._stopping.is_set():
                if not select.select([master], [], [], 0.1)[0]:
                    continue
                try:
                    chunk = os.read(master, 1 << 16)
                except OSError:  # Orca's side is closed
                    return
                copy.write(chunk)
                copy.flush()
                *complete, partial = (partial + chunk).split(b"\n")
                with self._lock:
                    self._lines.extend(line.decode("utf-8", "replace") for line in complete)

    def close(self) -> None:
        """Ends every process started here and every process those started (ps shows none after)."""
        if self.orca is not None and self.orca.poll() is None:
            # Orca first, so it does not chase the application's last events. It acts on SIGTERM
            # only when its main loop next wakes (up to 3 s here); it has nothing to save.
            self._signal(self.orca, signal.SIGTERM)
            try:
                self.orca.wait(ORCA_STOP_S)
            except subprocess.TimeoutExpired:
                self._signal(self.orca, signal.SIGKILL)
                self.orca.wait(5)
        for process in reversed(self._started):
            stop(process)
        end_marked(self.marker)
        self._stopping.set()
        if self._reader is not None:
            self._reader.join(2)
        if self._pty is not None:
            for fd in self._pty:
                os.close(fd)
            self._pty = None
        for process in self._started:
            if process.stdout:
                process.stdout.close()
        if self._pulse is not None:
            self._pulse.stop()
            self._pulse = None

    @staticmethod
    def _signal(process: subprocess.Popen, number: int) -> None:
        try:
            os.killpg(process.pid, number)
        except ProcessLookupError:
            pass

    # --- Orca's log -------------------------------------------------------------------

    def lines(self) -> list[str]:
        """Orca's debug log so far, line by line."""
        with self._lock:
            return list(self._lines)

    def utterances(self, since: int = 0) -> list[Utterance]:
        """What Orca said after log line `since`."""
        return parse_speech(self.lines()[since:])

    def wait_for_log(self, needle: str, timeout: float, what: str, since: int = 0) -> int:
        """The index of the first log line after `since` containing `needle`, or a failure."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.lines()
            for index in range(since, len(lines)):
                if needle in lines[index]:
                    return index
            if time.monotonic() > deadline or self.orca.poll() is not None:
                pytest.fail(f"waited {timeout} s for {what}: no {needle!r} in Orca's log\n{self.diagnostics()}")
            time.sleep(0.05)

    def settle(self, since: int) -> None:
        """Until Orca's log and the application have both been still for QUIET_S (at most SETTLE_MAX_S):
        a screen that takes its time to build is heard before the next key."""
        began = time.monotonic()
        count, ticks, still_since = len(self.lines()), self._app_ticks(), began
        while time.monotonic() - began < SETTLE_MAX_S:
            time.sleep(0.05)
            now_count, now_ticks = len(self.lines()), self._app_ticks()
            if now_count != count or now_ticks > ticks + 1:  # a tick or two is the idle timer's
                count, ticks, still_since = now_count, now_ticks, time.monotonic()
            elif time.monotonic() - still_since >= QUIET_S:
                return

    def _app_ticks(self) -> int:
        return _main_thread_ticks(self.app.pid) if self.app is not None else 0

    def diagnostics(self) -> str:
        """The end of every process's output and of Orca's log, for a failure message."""
        parts = []
        for path in sorted(self.folder.glob("*.out")):
            parts.append(f"--- {path.name} ---\n{path.read_text(errors='replace')[-3000:].strip() or '(none)'}")
        parts.append("--- Orca's debug log (end) ---\n" + "\n".join(self.lines()[-60:]))
        return "\n".join(parts)

    # --- the application and the keys ----------------------------------------------

    def start_app(self, args: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> list[str]:
        """Start a Qt application on this desktop with accessibility on, give its window the
        keyboard focus (there is no window manager to do it), and wait until Orca has taken it
        as the active window and gone quiet. Returns what Orca said meanwhile."""
        environment = dict(self.env, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", **(env or {}))
        since = len(self.lines())
        self.app = self._spawn(args, "app", env=environment, cwd=cwd)
        try:
            found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(self.app.pid)],
                                   env=self.env, capture_output=True, text=True, timeout=STARTUP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"no window of {args} within {STARTUP_TIMEOUT} s\n{self.diagnostics()}")
        if found.returncode != 0 or not found.stdout.split():
            pytest.fail(f"no window of {args}: {found.stderr}\n{self.diagnostics()}")
        self.window = found.stdout.split()[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], env=self.env, check=True, timeout=10)
        self.wait_for_log(WINDOW_SEEN, STARTUP_TIMEOUT, "Orca to take the application's window as active", since)
        self.settle(since)
        return [utterance.text for utterance in self.utterances(since)]

    def start_kiosk(self, *args: str, settings: Path = DEV_SETTINGS) -> list[str]:
        """The kiosk in a window the size of the screen, with its own data and log folders."""
        return self.start_app([*KIOSK, "--windowed", "--size", self.size, *args], env={
            "KIOSK_CONFIG": str(settings), "KIOSK_DATA_DIR": str(self.folder / "kiosk-data"),
            "KIOSK_LOG_DIR": str(self.folder / "kiosk-log")})

    def press(self, key: str) -> list[str]:
        """Press and release `key` (xdotool's names: Return, Tab, shift+Tab, Right, Escape...),
        wait until speech settles, and return what Orca said, key echo included."""
        for name, process in (("the application", self.app), ("Orca", self.orca)):
            if process is not None and process.poll() is not None:
                pytest.fail(f"{name} exited ({process.returncode}) before {key!r}\n{self.diagnostics()}")
        since = len(self.lines())
        subprocess.run(["xdotool", "key", key], env=self.env, check=True, timeout=10)
        self.settle(since)
        return [utterance.text for utterance in self.utterances(since)]

    def press_until(self, key: str, wanted: str, most: int = 15) -> list[str]:
        """Press `key` until Orca says something starting with `wanted` ("Touch to start push
        button"); returns what it said on that press. A failure lists all it said on the way."""
        heard = []
        for _ in range(most):
            said = self.press(key)
            if any(text.startswith(wanted) for text in said):
                return said
            heard.append(said)
        pytest.fail(f"{most} presses of {key!r} and Orca never said {wanted!r}; it said: {heard}")
