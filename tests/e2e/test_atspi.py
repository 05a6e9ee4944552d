"""The real kiosk, driven from outside over AT-SPI, the way a screen reader drives it.

A private X server (Xvfb), a private D-Bus session and its accessibility bus are started;
the kiosk runs as its own process on them (xcb, accessibility always on), and
tests/e2e/atspi_driver.py, run by the system Python with Debian's pyatspi, finds it on the
bus, reads its buttons and labels and presses them through their AT-SPI actions.

Needs xvfb, dbus, at-spi2-core and python3-pyatspi (`./dev.sh test` installs them). Where
they are missing the test is skipped, except under CI (CI=true), where it fails.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import KIOSK

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().parent / "atspi_driver.py"
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
STARTUP_TIMEOUT = 5  # seconds for Xvfb, dbus-daemon or the accessibility bus to be ready
DRIVER_TIMEOUT = 35  # seconds for the whole AT-SPI walk (about 2 s here); each step has 10 of them
MARKER = "KIOSK_ATSPI_TEST"  # in the environment of every process this test starts
TOPIC = "What is this medicine?"

pytestmark = pytest.mark.slow


def _bus_launcher() -> str | None:
    return next((path for path in BUS_LAUNCHERS if os.access(path, os.X_OK)), None)


def _missing() -> list[str]:
    missing = []
    if not shutil.which("Xvfb"):
        missing.append("Xvfb (xvfb)")
    if not shutil.which("dbus-daemon"):
        missing.append("dbus-daemon (dbus)")
    if not shutil.which("dbus-send"):
        missing.append("dbus-send (dbus)")
    if not _bus_launcher():
        missing.append("at-spi-bus-launcher (at-spi2-core)")
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        missing.append(SYSTEM_PYTHON)
    elif subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True,
                        timeout=10).returncode != 0:
        missing.append("pyatspi for /usr/bin/python3 (python3-pyatspi)")
    return missing


def _read_line(stream_fd: int, what: str, process: subprocess.Popen) -> str:
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


def _wait_for_accessibility_bus(env: dict[str, str]) -> None:
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


def _stop(process: subprocess.Popen) -> None:
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


def _marked_processes(marker: str) -> list[int]:
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
    missing = _missing()
    if missing:
        message = "AT-SPI test needs: " + ", ".join(missing) + " (./dev.sh test installs them)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI installs them, so their absence is a failure")
        pytest.skip(message)

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
            xvfb = start(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24",
                          "-nolisten", "tcp"], pass_fds=(write_fd,), stdout=log, stderr=log,
                         stdin=subprocess.DEVNULL)
        os.close(write_fd)
        try:
            display = _read_line(read_fd, "Xvfb", xvfb)
        finally:
            os.close(read_fd)
        env["DISPLAY"] = f":{display}"

        logs["dbus-daemon"] = tmp_path / "dbus.log"
        with open(logs["dbus-daemon"], "wb") as log:
            dbus = start(["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                         stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL)
        env["DBUS_SESSION_BUS_ADDRESS"] = _read_line(dbus.stdout.fileno(), "dbus-daemon", dbus)

        # The accessibility bus; it would also be started on demand (D-Bus activation), but
        # started here it is ready before the kiosk asks for it, and it is ours to stop.
        logs["at-spi-bus-launcher"] = tmp_path / "at-spi.log"
        with open(logs["at-spi-bus-launcher"], "wb") as log:
            start([_bus_launcher(), "--launch-immediately"], stdout=log, stderr=log,
                  stdin=subprocess.DEVNULL)
        _wait_for_accessibility_bus(env)

        yield {"env": env, "start": start, "logs": logs, "tmp": tmp_path}
    finally:
        for process in reversed(started):
            _stop(process)
        deadline = time.monotonic() + 5
        while (leftovers := _marked_processes(marker)) and time.monotonic() < deadline:
            for pid in leftovers:
                try:
                    os.kill(pid, signal.SIGTERM if time.monotonic() < deadline - 2 else signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)
        for process in started:
            if process.stdout:
                process.stdout.close()


def _names(step: dict, role: str = "push button") -> list[str]:
    return [button["name"] for button in step["buttons"] if button["role"] == role]


def _button(step: dict, name: str) -> dict:
    matches = [button for button in step["buttons"] if button["name"] == name]
    assert matches, f"no showing button {name!r}; buttons: {step['buttons']}"
    return matches[0]


def test_a_screen_reader_can_read_and_press_through_the_kiosk(atspi_desktop, guide):
    env = dict(atspi_desktop["env"])
    env.update({"QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"})
    kiosk_log = atspi_desktop["tmp"] / "kiosk.log"
    began = time.monotonic()
    with open(kiosk_log, "wb") as log:
        kiosk = atspi_desktop["start"]([*KIOSK, "--windowed", "--size", "1280x800"],
                                       env=env, cwd=ROOT, stdout=log, stderr=log, stdin=subprocess.DEVNULL)

    def diagnostics() -> str:
        parts = [f"kiosk {'still running' if kiosk.poll() is None else f'exited {kiosk.returncode}'}"]
        for name, path in {"kiosk": kiosk_log, **atspi_desktop["logs"]}.items():
            text = path.read_text(errors="replace").strip() if path.exists() else ""
            parts.append(f"--- {name} output ---\n{text[-4000:] or '(none)'}")
        return "\n".join(parts)

    driver_env = {key: value for key, value in atspi_desktop["env"].items()
                  if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    try:
        result = subprocess.run([SYSTEM_PYTHON, str(DRIVER), "--pid", str(kiosk.pid), "--topic", TOPIC,
                                 "--timeout", "10"], env=driver_env, capture_output=True, text=True,
                                timeout=DRIVER_TIMEOUT, cwd=atspi_desktop["tmp"])
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"the AT-SPI driver did not finish in {DRIVER_TIMEOUT} s\n"
                    f"{error.stdout}\n{error.stderr}\n{diagnostics()}")
    elapsed = time.monotonic() - began
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the AT-SPI driver printed no report (exit {result.returncode})\n"
                    f"stdout: {result.stdout}\nstderr: {result.stderr}\n{diagnostics()}")
    context = (f"\nAT-SPI report: {json.dumps(report, indent=1)}\n"
               f"driver stderr: {result.stderr}\n{diagnostics()}")
    assert report["error"] is None and result.returncode == 0, f"{report['error']}{context}"
    steps = report["steps"]
    print(f"AT-SPI walk took {elapsed:.1f} s")
    for name, step in steps.items():
        print(f"{name}: " + ", ".join(f"{b['name']} ({b['role']})" for b in step["buttons"]))

    # The application is there, under its own name.
    assert report["app"]["name"] == "Medicine guide kiosk", context
    assert report["app"]["role"] == "application", context

    # Welcome: "Touch to start" and "Text size" are push buttons pressed by "Press"; the
    # on/off "High contrast" is a check box (so a screen reader says "not checked").
    welcome = steps["welcome"]
    for name in ("Touch to start", "Text size"):
        assert _button(welcome, name)["role"] == "push button", context
        assert "Press" in _button(welcome, name)["actions"], context
    contrast = _button(welcome, "High contrast")
    assert contrast["role"] == "check box" and not contrast["checked"], context
    assert {"Press", "Toggle"} & set(contrast["actions"]), context
    assert "Home" not in _names(welcome) and "Next" not in _names(welcome), context
    assert welcome["pressed"] == {"Touch to start": "Press"}, context

    # Home: every topic is a push button named by its title, in the guide's order.
    home = steps["home"]
    titles = [topic.title for topic in guide.topics]
    assert "Get help right away" in titles and TOPIC in titles
    assert [name for name in _names(home) if name in titles] == titles, context
    assert "Touch to start" not in _names(home), context
    assert {"Text size", "High contrast"} <= {b["name"] for b in home["buttons"]}, context

    # A topic: Back, Next and Home are push buttons; the heading is the topic's first screen.
    topic = guide.topics[titles.index(TOPIC)]
    assert len(topic.screens) >= 2
    first, second = steps["topic"], steps["topic_next"]
    for name in ("Next", "Back", "Home"):
        assert _button(first, name)["role"] == "push button", context
        assert "Press" in _button(first, name)["actions"], context
    assert not set(titles) & set(_names(first)), "topic tiles still showing on a topic screen" + context
    assert topic.screens[0].heading in first["labels"], context
    assert f"1 of {len(topic.screens)}" in first["labels"], context

    # "Next", pressed over AT-SPI, shows the second screen: its heading, its progress.
    assert first["pressed"] == {"Next": "Press"}, context
    assert topic.screens[1].heading in second["labels"], context
    assert topic.screens[0].heading not in second["labels"], context
    assert f"2 of {len(topic.screens)}" in second["labels"], context

    # "High contrast", pressed over AT-SPI, reports its new state.
    assert _button(steps["high_contrast"], "High contrast")["checked"], context

    assert kiosk.poll() is None, "the kiosk exited during the walk" + context



def start_kiosk_with(atspi_desktop, tmp_path: Path, settings: Path) -> subprocess.Popen:
    """The kiosk on the private desktop with its own settings, data and log folders."""
    env = dict(atspi_desktop["env"])
    env.update({"QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "KIOSK_CONFIG": str(settings),
                "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_LOG_DIR": str(tmp_path / "log")})
    with open(tmp_path / "kiosk.out", "wb") as out:
        return atspi_desktop["start"]([*KIOSK, "--windowed", "--size", "1280x800"],
                                      env=env, cwd=ROOT, stdout=out, stderr=out, stdin=subprocess.DEVNULL)


def drive(atspi_desktop, tmp_path: Path, kiosk: subprocess.Popen, *args: str) -> tuple[dict, str]:
    """Run the AT-SPI driver against `kiosk`: its report, and the context to show on a failure."""
    driver_env = {key: value for key, value in atspi_desktop["env"].items()
                  if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    result = subprocess.run([SYSTEM_PYTHON, str(DRIVER), "--pid", str(kiosk.pid), *args, "--timeout", "10"],
                            env=driver_env, capture_output=True, text=True, timeout=DRIVER_TIMEOUT + 20, cwd=tmp_path)
    log = tmp_path / "log" / "kiosk.log"
    context = (f"\nstdout: {result.stdout}\nstderr: {result.stderr}\n"
               f"kiosk log: {log.read_text(errors='replace')[-3000:] if log.exists() else ''}")
    report = json.loads(result.stdout)
    assert report["error"] is None, report["error"] + context
    return report, context


def test_staff_screens_leave_nothing_a_script_can_press(atspi_desktop, tmp_path):
    """Staff open the admin screen (a real 5 s press, the PIN over AT-SPI) and go back. Then
    nothing of the PIN pad or the admin screen is left in the tree to press: before, a script
    could press the hidden "Exit the program" and end the kiosk without a PIN."""
    import shutil

    from kiosk.admin.pin import hash_pin
    from kiosk.admin.pin_file import write_pin_hash

    settings = tmp_path / "site" / "kiosk.toml"
    settings.parent.mkdir()
    shutil.copy(ROOT / "dev" / "kiosk.toml", settings)
    write_pin_hash(settings.parent / "admin-pin", hash_pin("246813"))
    kiosk = start_kiosk_with(atspi_desktop, tmp_path, settings)
    report, context = drive(atspi_desktop, tmp_path, kiosk, "--staff-pin", "246813")
    steps = report["steps"]
    assert "Exit the program" in _names(steps["admin"]), context  # it was there while staff used it
    assert steps["after"]["staff_buttons_in_tree"] == [], context
    assert kiosk.poll() is None, "the kiosk ended: something pressed Exit" + context
    assert "exit chosen in the admin screen" not in (tmp_path / "log" / "kiosk.log").read_text(), context
    assert "Touch to start" in _names(steps["after"]["showing"]), context


def test_a_patient_pressing_through_the_accessibility_interface_is_not_reset(atspi_desktop, tmp_path):
    """Voice control, switch access and screen readers press buttons with no input event: the
    kiosk counts it as activity. Idle time 3 s; "Text size" pressed over AT-SPI every second
    for 8 s: no "Still there?"; once the presses stop, it comes."""
    settings = tmp_path / "kiosk.toml"
    settings.write_text((ROOT / "dev" / "kiosk.toml").read_text() + "\n[session]\nidle_timeout_s = 3\n"
                        "warning_s = 60\n", "utf-8")
    kiosk = start_kiosk_with(atspi_desktop, tmp_path, settings)
    report, context = drive(atspi_desktop, tmp_path, kiosk, "--keep-pressing", "Text size", "--for", "8")
    pressing = report["steps"]["pressing"]
    assert pressing["presses"] >= 6, context
    assert "Continue" not in _names(pressing) and "Touch to start" in _names(pressing), context
    assert "Continue" in _names(report["steps"]["stopped"]), context  # the idle time was really running
