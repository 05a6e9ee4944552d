"""The log file: where IT staff look. Real processes, real files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_kiosk

ROOT = Path(__file__).resolve().parents[2]


def log_of_a_run(tmp_path: Path, **env_extra: str) -> str:
    """The kiosk.log a short real run writes."""
    result = run_kiosk("--windowed", "--quit-after", "1500", timeout=60, KIOSK_LOG_DIR=str(tmp_path), **env_extra)
    assert result.returncode == 0, result.stderr
    return (tmp_path / "kiosk.log").read_text("utf-8")


def test_a_run_writes_the_log_with_its_site_and_without_qt_chatter(tmp_path):
    log = log_of_a_run(tmp_path)  # the tests' settings: dev/kiosk.toml
    assert ('INFO kiosk: kiosk 0.1.0 starting; site="Development (drafts shown)"; log file '
            + str(tmp_path / "kiosk.log")) in log
    # The off-screen platform's size-hint notice and FFmpeg's banner are not faults: not in the log.
    assert "propagateSizeHints" not in log and "Using Qt multimedia with FFmpeg" not in log
    assert (tmp_path / "crash.log").exists()


def test_qt_chatter_is_in_the_log_at_debug_by_its_category(tmp_path):
    log = log_of_a_run(tmp_path, KIOSK_LOG_LEVEL="DEBUG")
    assert "DEBUG qt: This plugin does not support propagateSizeHints()" in log  # Qt's own, routed
    assert "DEBUG qt.multimedia.ffmpeg: Using Qt multimedia with FFmpeg version " in log


QT_MESSAGES = """
import sys
from pathlib import Path
from PySide6.QtCore import QLoggingCategory, qCCritical, qCInfo, qCWarning, qWarning
from kiosk.logs import setup_logging
setup_logging(Path(sys.argv[1]))
qCInfo(QLoggingCategory("qt.multimedia.ffmpeg"), "Using Qt multimedia with FFmpeg version 7.1.5")
qCWarning(QLoggingCategory("qt.qpa.fonts"), "Populating font family aliases took 97 ms")
qCWarning(QLoggingCategory("qt.accessibility.atspi"), "Could not connect to the accessibility bus")
qWarning("This plugin does not support propagateSizeHints()")
qCWarning(QLoggingCategory("qt.svg"), "icon.svg:3: Could not resolve property")
qCCritical(QLoggingCategory("qt.multimedia.ffmpeg"), "a critical message stays an error")
qWarning("QPainter::begin: Paint device returned engine == 0")
"""


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_qt_messages_keep_their_level_unless_the_table_calls_them_chatter(tmp_path, level):
    env = dict(os.environ, KIOSK_LOG_LEVEL=level)
    result = subprocess.run([sys.executable, "-c", QT_MESSAGES, str(tmp_path)], capture_output=True, text=True,
                            timeout=60, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = [line.split(" ", 2)[2] for line in (tmp_path / "kiosk.log").read_text("utf-8").splitlines()]
    chatter = ["DEBUG qt.multimedia.ffmpeg: Using Qt multimedia with FFmpeg version 7.1.5",
               "DEBUG qt.qpa.fonts: Populating font family aliases took 97 ms",
               "DEBUG qt.accessibility.atspi: Could not connect to the accessibility bus",
               "DEBUG qt: This plugin does not support propagateSizeHints()"]
    faults = ["WARNING qt.svg: icon.svg:3: Could not resolve property",
              "ERROR qt.multimedia.ffmpeg: a critical message stays an error",
              "WARNING qt: QPainter::begin: Paint device returned engine == 0"]
    assert lines == (chatter + faults if level == "DEBUG" else faults)  # in the order Qt said them


PLAY = """
import sys, wave
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer, QUrl
from PySide6.QtMultimedia import QMediaPlayer
from kiosk.logs import setup_logging
setup_logging(Path(sys.argv[1]))
app = QCoreApplication([])
clip = Path(sys.argv[1]) / "tone.wav"
with wave.open(str(clip), "wb") as file:
    file.setnchannels(1), file.setsampwidth(2), file.setframerate(22050), file.writeframes(bytes(44100))
player = QMediaPlayer()
player.mediaStatusChanged.connect(lambda status: print(status.name, flush=True)
                                  or (status == QMediaPlayer.MediaStatus.LoadedMedia and app.quit()))
player.setSource(QUrl.fromLocalFile(str(clip)))
QTimer.singleShot(15000, app.quit)
app.exec()
"""


def test_ffmpeg_does_not_print_each_clips_format_on_standard_error(tmp_path):
    # Under systemd standard error is the journal: "Input #0, wav, from ..." per sentence read aloud.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("QT_LOGGING_RULES", None)
    result = subprocess.run([sys.executable, "-c", PLAY, str(tmp_path)], capture_output=True, text=True,
                            timeout=60, env=env, cwd=ROOT)
    assert result.returncode == 0 and "LoadedMedia" in result.stdout, result.stderr
    assert "Input #0" not in result.stderr and "Duration:" not in result.stderr, result.stderr


def test_a_wrong_log_level_is_said_once(tmp_path):
    script = ("import sys; from pathlib import Path; from kiosk.logs import setup_logging; "
              "setup_logging(Path(sys.argv[1]))")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                            timeout=60, env=dict(os.environ, KIOSK_LOG_LEVEL="loud"), cwd=ROOT)
    assert result.returncode == 0 and result.stderr.count("KIOSK_LOG_LEVEL=LOUD is not a level") == 1


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
    result = run_kiosk("--windowed", "--quit-after", "1000", timeout=60, KIOSK_LOG_DIR=str(blocker / "logs"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("no log file") == 1 and "Traceback" not in result.stderr
