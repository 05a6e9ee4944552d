"""The log file: where IT staff look. Real processes, real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_run_writes_the_log_with_qt_messages_in_it(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_LOG_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "kiosk", "--windowed", "--quit-after", "1500"],
                            capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    log = (tmp_path / "kiosk.log").read_text("utf-8")
    assert "INFO kiosk: kiosk 0.1.0 starting; log file " + str(tmp_path / "kiosk.log") in log
    assert "WARNING qt: This plugin does not support propagateSizeHints()" in log  # Qt's own, routed
    assert (tmp_path / "crash.log").exists()


def test_the_log_rotates(tmp_path):
    script = (
        "import logging, sys; from pathlib import Path; from kiosk.logs import setup_logging;"
        "setup_logging(Path(sys.argv[1]), max_bytes=2000);"
        "[logging.getLogger('kiosk').info('line %d of the soak', n) for n in range(400)]"
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["crash.log", "kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3", "kiosk.log.4",
                     "kiosk.log.5"]
    assert all((tmp_path / name).stat().st_size <= 2100 for name in files if name.startswith("kiosk"))
    assert "line 399 of the soak" in (tmp_path / "kiosk.log").read_text("utf-8")


def test_an_unwritable_log_folder_is_said_once_and_the_kiosk_runs(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be", "utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_LOG_DIR=str(blocker / "logs"))
    result = subprocess.run([sys.executable, "-m", "kiosk", "--windowed", "--quit-after", "1000"],
                            capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("no log file") == 1 and "Traceback" not in result.stderr
