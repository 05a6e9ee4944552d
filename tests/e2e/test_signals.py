"""A service stop (SIGTERM, as `systemctl stop` and restart send; SIGHUP) ends the kiosk as
the admin screen's Exit does: a clean last log line with exit code 0, the session closed as
"stopped" (not "power cut or crash"), the speech files gone. Real processes, real signals."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from kiosk.usage_recorder import UsageRecorder
from tests.conftest import KIOSK

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def wait_for_line(path: Path, text: str, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists() and text in path.read_text(errors="replace"):
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared in {path}")


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_stop_signal_ends_the_kiosk_cleanly(tmp_path, name):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_LOG_DIR=str(tmp_path / "log"),
               KIOSK_DATA_DIR=str(tmp_path / "data"), KIOSK_SPEECH_DIR=str(tmp_path / "speech"),
               TMPDIR=str(tmp_path))
    kiosk = subprocess.Popen([*KIOSK, "--windowed"], env=env, cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = tmp_path / "log" / "kiosk.log"
    try:
        wait_for_line(log, "speech engine:")  # speech and statistics start after the first paint
        time.sleep(0.5)
        kiosk.send_signal(getattr(signal, name))
        assert kiosk.wait(20) == 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
    lines = log.read_text().splitlines()
    assert any(f"stopping on {name}" in line for line in lines)
    assert lines[-1].endswith("kiosk ending with exit code 0 (normal end)")
    assert (tmp_path / "speech").is_dir()  # it was used...
    assert not list((tmp_path / "speech").iterdir())  # ...and the speech files went with it
    assert not list(tmp_path.glob("kiosk-speech-*"))


def test_the_session_in_progress_is_closed_as_stopped(tmp_path):
    from kiosk.app import stop_for

    class App:
        code = None

        def exit(self, code):
            self.code = code

    class Session:
        stats = None

    class Window:
        lockdown = None
        session = Session()

    window, app = Window(), App()
    window.session.stats = UsageRecorder(tmp_path / "u.sqlite3")
    window.session.stats.start_session("fr")
    stop_for(app, window, "SIGTERM")
    window.session.stats.close()  # what quitting does next
    db = sqlite3.connect(tmp_path / "u.sqlite3")
    assert db.execute("SELECT language, end_reason FROM sessions").fetchall() == [("fr", "stopped")]
    assert app.code == 0
