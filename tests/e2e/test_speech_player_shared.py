"""Regression: the player must never deadlock against PulseAudio's thread.

QAudioSink's suspend(), resume() and reset() wait for PulseAudio's thread while Python holds
the GIL, and that thread takes the GIL whenever Qt logs from it to a Python message handler
(the kiosk's log, pytest-qt): with pause and resume made with them, this test hung (timed out). The player
therefore uses only calls that release the GIL or do not wait (kiosk/speech/playback.py).
Here services come and go and speak, pause, resume, change volume and stop at random moments,
on a real (private) PulseAudio output, with a Python message handler and PulseAudio's debug
messages on (a message from its thread every few milliseconds), in a child process with a
time limit, so a deadlock fails this test instead of hanging CI.
"""

import os
import subprocess
import sys
from pathlib import Path

from tests.pulse_server import PrivatePulseAudio

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import os, random, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_LOGGING_RULES"] = "qt.multimedia.pulseaudio.*=true"
from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication
messages = [0]
def handler(kind, context, message):  # Python, as the kiosk's own (kiosk/logs.py)
    messages[0] += 1
qInstallMessageHandler(handler)
app = QApplication([])
from kiosk.speech.fake import FakeSynthesizer
from kiosk.speech.service import ReadAloud
from kiosk.speech.types import SpeechState

def wait(ms):
    loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()

random.seed(3)
actions = 0
for k in range(12):
    speech = ReadAloud(FakeSynthesizer(ms_per_word=60))
    assert speech.available(), speech.unavailable_reason()
    for i in range(8):
        speech.speak(f"Sentence {k} {i} for the stop test, long enough to pause.")
        for _ in range(4):
            wait(random.choice([0, 1, 5, 30, 60]))
            random.choice([speech.pause, speech.resume, lambda: speech.set_volume(random.random())])()
            actions += 1
        wait(random.choice([0, 1, 5, 30, 60, 200]))
        speech.stop()
        assert speech.state() == SpeechState.IDLE
    speech.shutdown()
# Qt's audio engine logs once more as the process exits, after Python is gone: not to Python then.
qInstallMessageHandler(None)
print("stops", 12 * 8, "actions", actions, "messages", messages[0])
"""


def test_many_services_speak_pause_and_stop_without_deadlock():
    pulse = PrivatePulseAudio().start()
    try:
        result = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True,
                                timeout=120, env={**os.environ, **pulse.env(), "PYTHONPATH": str(ROOT)})
    finally:
        pulse.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    assert "stops 96 actions 384" in result.stdout
    # PulseAudio's thread really did log through Python all along.
    assert int(result.stdout.split()[-1]) > 1000, result.stdout
