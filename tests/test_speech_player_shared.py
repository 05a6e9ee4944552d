"""Regression: QMediaPlayer.stop() must not deadlock when services come and go.

Qt 6.11's FFmpeg backend deadlocked in stop() once a process had made several players
(kiosk/speech/service.py, shared_player). Services are created and stopped many times in
a child process with a time limit, so a deadlock fails this test instead of hanging CI.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import os, random, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from kiosk.speech.fake import FakeSynthesizer
from kiosk.speech.service import ReadAloud, shared_player

def wait(ms):
    loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()

random.seed(3)
players = set()
for k in range(12):
    speech = ReadAloud(FakeSynthesizer(ms_per_word=60))
    players.add(id(speech._player))
    for i in range(8):
        speech.speak(f"Sentence {k} {i} for the stop test.")
        wait(random.choice([0, 1, 5, 30, 60, 200]))
        speech.stop()
    speech.shutdown()
print("stops", 12 * 8, "players", len(players))
"""


def test_many_services_stop_without_deadlock():
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "stops 96 players 1" in result.stdout
