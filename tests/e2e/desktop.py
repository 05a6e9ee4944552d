"""A private desktop for end-to-end tests: an X server (Xvfb), a D-Bus session and its
accessibility bus, each started here and ended with everything they started.

`atspi_desktop` is a fixture for every test (a plugin of tests/conftest.py); the helpers are
shared with the GNOME Orca harness (tests/e2e/orca_session.py).
Needs xvfb, dbus, at-spi2-core and python3-pyatspi (`./dev.sh test` installs them). Where
they are missing the tests are skipped, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
STARTUP_TIMEOUT = 20  # seconds for Xvfb, dbus-daemon or the accessibility bus to be ready (under
# 1 s alone; a busy machine running the suite once took Xvfb past 5 s)
MARKER = "KIOSK_ATSPI_TEST"  # in the environment of every process started here


def end_marked(marker: str, seconds: float = 5) -> None:
    """End every process still carrying `marker` (what the started processes started):
    asked to stop, then killed for the last 2 s."""
    deadline = time.monotonic() + seconds
    while (leftovers := marked_processes(marker)) and time.monotonic() < deadline:
        for pid in leftovers:
            try:
                os.kill(pid, signal.SIGTERM if time.monotonic() < deadline - 2 else signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.1)


def require(missing: list[str], what: str) -> None:
    """Skip when programs are missing, but fail under CI, which installs them."""
    if missing:
        message = f"{what} need " + ", ".join(missing) + " (./dev.sh test installs them)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI installs them, so their absence is a failure")
        pytest.skip(message)


def bus_launcher() -> str | None:
    return next((path for path in BUS_LAUNCHERS if os.access(path, os.X_OK)), None)


def missing_programs() -> list[str]:
    missing = []
    if not shutil.which("Xvfb"):
        missing.append("Xvfb (xvfb)")
    if not shutil.which("dbus-daemon"):
        missing.append("dbus-daemon (dbus)")
    if not shutil.which("dbus-send"):
        missing.append("dbus-send (dbus)")
    if not bus_launcher():
        missing.append("at-spi-bus-launcher (at-spi2-core)")
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        missing.append(SYSTEM_PYTHON)
    elif subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True,
                        timeout=10).returncode != 0:
        missing.append("pyatspi for /usr/bin/python3 (python3-pyatspi)")
    return missing


def read_line(stream_fd: int, what: str, process: subprocess.Popen) -> str:
    """One line from a pipe, within STARTUP_TIMEOUT, or a failure that says why."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    data = b""
    while b"\n" not in data:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"{what} did not start within {STARTUP_TIMEOUT} s")
        ready, _, _ = select.select([stream_fd], [], [], left)
        if ready:
            chunk = os.read(stream_fd, 4096)
            if not chunk:
                pytest.fail(f"{what} exited with code {process.wait(5)} before it was ready")
            data += chunk
    return data.decode().splitlines()[0].strip()


def wait_for_accessibility_bus(env: dict[str, str]) -> None:
    """Until the launcher owns org.a11y.Bus on the session bus. Qt asks for the bus once, at
    start: asked too early, D-Bus would start a second launcher behind our back."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    ask = ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
           "org.freedesktop.DBus.NameHasOwner", "string:org.a11y.Bus"]
    while True:
        reply = subprocess.run(ask, env=env, capture_output=True, text=True, timeout=5)
        if reply.returncode == 0 and "boolean true" in reply.stdout:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"the accessibility bus did not start within {STARTUP_TIMEOUT} s: "
                        f"{reply.stdout} {reply.stderr}")
        time.sleep(0.05)


def stop(process: subprocess.Popen) -> None:
    """Terminate a process (and its process group), then kill it if it does not go."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(3)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(3)


def marked_processes(marker: str) -> list[int]:
    """Processes carrying this run's marker: ones the buses started for us (the registry
    daemon, the accessibility bus), which are not in our process groups."""
    needle = f"{MARKER}={marker}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                pids.append(int(entry.name))
        except OSError:
            continue  # gone, or not ours to read
    return pids


@pytest.fixture
def atspi_desktop(tmp_path):
    """A private X display, D-Bus session and accessibility bus; yields their environment.

    Every process started here, and every process those start, is ended at teardown.
    """
    require(missing_programs(), "the AT-SPI tests")

    marker = uuid.uuid4().hex
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS",
                          "QT_QPA_PLATFORM", "XAUTHORITY")}
    env.update({MARKER: marker, "XDG_RUNTIME_DIR": str(runtime)})
    started: list[subprocess.Popen] = []

    def start(args, env=env, **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(args, env=env, start_new_session=True, **kwargs)
        started.append(process)
        return process

    logs = {}
    try:
        # Xvfb picks a free display number itself and writes it to -displayfd once it is ready.
        read_fd, write_fd = os.pipe()
        logs["Xvfb"] = tmp_path / "xvfb.log"
        with open(logs["Xvfb"], "wb") as log:
            # -noreset: without it the server resets when its last client goes (the accessibility
            # bus launcher, once it has set its address on the root window), and a kiosk that
            # connects during the reset is refused: "could not connect to display".
            xvfb = start(["Xvfb", "-displayfd", str(write_fd), "-noreset", "-screen", "0", "1920x1080x24",
                          "-nolisten", "tcp"], pass_fds=(write_fd,), stdout=log, stderr=log,
                         stdin=subprocess.DEVNULL)
        os.close(write_fd)
        try:
            display = read_line(read_fd, "Xvfb", xvfb)
        finally:
            os.close(read_fd)
        env["DISPLAY"] = f":{display}"

        logs["dbus-daemon"] = tmp_path / "dbus.log"
        with open(logs["dbus-daemon"], "wb") as log:
            dbus = start(["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                         stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL)
        env["DBUS_SESSION_BUS_ADDRESS"] = read_line(dbus.stdout.fileno(), "dbus-daemon", dbus)

        # The accessibility bus; it would also be started on demand (D-Bus activation), but
        # started here it is ready before the kiosk asks for it, and it is ours to stop.
        logs["at-spi-bus-launcher"] = tmp_path / "at-spi.log"
        with open(logs["at-spi-bus-launcher"], "wb") as log:
            start([bus_launcher(), "--launch-immediately"], stdout=log, stderr=log,
                  stdin=subprocess.DEVNULL)
        wait_for_accessibility_bus(env)

        yield {"env": env, "start": start, "logs": logs, "tmp": tmp_path}
    finally:
        for process in reversed(started):
            stop(process)
        end_marked(marker)
        for process in started:
            if process.stdout:
                process.stdout.close()
