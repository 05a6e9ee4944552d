"""Asking the system whether a screen reader runs, on a real accessibility bus.

GNOME Orca sets `org.a11y.Status.ScreenReaderEnabled` on the accessibility bus while it runs;
here dbus-send sets it as Orca would, and the kiosk's question (kiosk/ui/screen_reader.py) is asked
in a process of its own on that session bus.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow

ASK = ("from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
       "from kiosk.ui.screen_reader import ask_system; print(ask_system())")


def _ask(env) -> str:
    done = subprocess.run([sys.executable, "-c", ASK], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _set_screen_reader(env, on: bool) -> None:
    subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
                    "org.freedesktop.DBus.Properties.Set", "string:org.a11y.Status", "string:ScreenReaderEnabled",
                    f"variant:boolean:{'true' if on else 'false'}"], env=env, check=True, capture_output=True,
                   timeout=10)


def test_a_running_screen_reader_is_noticed_and_its_end_too(atspi_desktop):
    env = atspi_desktop["env"]
    assert _ask(env) == "False"
    _set_screen_reader(env, True)
    assert _ask(env) == "True"
    _set_screen_reader(env, False)
    assert _ask(env) == "False"


def test_no_session_bus_is_no_screen_reader(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/none"}
    assert _ask(env) == "False"


def test_a_screen_reader_started_by_hand_is_found_by_its_process(tmp_path):
    """Orca started by hand sets only IsEnabled: its process (python3 .../orca) is what tells."""
    from kiosk.ui.screen_reader import _screen_reader_running

    assert not _screen_reader_running()
    script = tmp_path / "orca"
    script.write_text("import time\ntime.sleep(30)\n")
    process = subprocess.Popen([sys.executable, str(script)])
    try:
        # Until it has started (between fork and exec its command line is still the test's).
        deadline = time.monotonic() + 10
        while not _screen_reader_running() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _screen_reader_running()
    finally:
        process.kill()
        process.wait(5)
    assert not _screen_reader_running()
