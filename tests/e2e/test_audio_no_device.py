"""No audio output device: read-aloud says so in words, Listen is not offered, the self-test
fails its audio check in one line IT understands; and an output pulled out while speaking is
reported, not shown as playing. Each case runs in a process of its own: QtMultimedia looks for its audio
server once per process (this run's own has a private PulseAudio, tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_kiosk
from tests.pulse_server import PrivatePulseAudio

ROOT = Path(__file__).resolve().parents[2]
NO_OUTPUT = ("no audio output device (is the sound card/HDMI audio enabled and PulseAudio/PipeWire "
             "running?)")


def without_audio_server(tmp: Path) -> dict[str, str]:
    """The environment of a terminal whose sound server is not running: PulseAudio's socket
    is named but absent, and nothing else (D-Bus, a desktop session) could offer one."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PULSE_SERVER", "DBUS_SESSION_BUS_ADDRESS", "PIPEWIRE_REMOTE")}
    return {**env, "PULSE_SERVER": f"unix:{tmp}/no-pulseaudio-here", "XDG_RUNTIME_DIR": str(tmp),
            "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def run_child(code: str, env: dict[str, str], *args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


# The real window with the real speech engine, in English and Spanish.
WINDOW_CHILD = r"""
import json
from PySide6.QtCore import QCoreApplication
from kiosk.app import create_application
from kiosk.content import load_guide
from kiosk.speech.service import ReadAloud
from kiosk.ui.display import Display
from kiosk.ui.main_window import MainWindow
app = create_application()
speech = ReadAloud()
failures = []
speech.failed.connect(failures.append)
window = MainWindow(load_guide(), Display(), speech)
window.resize(1280, 800)
window.show()
out = {"available": speech.available(), "reason": speech.unavailable_reason()}
def buttons(code):
    window.set_language(code)
    QCoreApplication.processEvents()
    read, listen = window.top_bar.read_button, window.welcome.listen_button
    return {"read": [read.text(), read.isEnabled()], "listen": [listen.text(), listen.isEnabled()],
            "listen_description": listen.accessibleDescription()}
out["en"] = buttons("en")
out["es"] = buttons("es")
window.set_language("en")
QCoreApplication.processEvents()
window.welcome.listen_button.click()  # a press that gets through anyway does nothing
out["listen_mode"] = window.read_aloud.listen_mode
speech.speak("Hello.")
out["failures"] = failures
speech.shutdown()
print(json.dumps(out))
"""


def test_without_an_output_device_read_aloud_and_listen_say_audio_not_available(tmp_path):
    out = run_child(WINDOW_CHILD, without_audio_server(tmp_path))
    assert not out["available"] and out["reason"] == NO_OUTPUT
    assert out["en"]["read"] == ["Audio not available", False]
    assert out["en"]["listen"] == ["Audio not available", False]
    assert out["en"]["listen_description"] == "Sound is not working right now. Please ask a member of staff for help."
    # In the patient's language.
    assert out["es"]["read"] == ["Audio no disponible", False]
    assert out["es"]["listen"] == ["Audio no disponible", False]
    assert "miembro del personal" in out["es"]["listen_description"]
    assert out["listen_mode"] is False
    assert out["failures"][-1] == f"Read-aloud is unavailable: {NO_OUTPUT}"


def test_the_self_test_fails_its_audio_check_without_an_output_device(tmp_path):
    env = {**without_audio_server(tmp_path), "KIOSK_DATA_DIR": str(tmp_path / "data"),
           "KIOSK_LOG_DIR": str(tmp_path / "log")}
    result = run_kiosk("--self-test", env=env, timeout=180)
    assert result.returncode == 1, result.stdout + result.stderr[-2000:]
    assert f"FAIL audio output: {NO_OUTPUT}\n" in result.stdout
    assert "note  read aloud: not tried without an audio output\n" in result.stdout
    assert "played to the end" not in result.stdout
    assert result.stdout.rstrip().endswith("1 check(s) FAILED"), result.stdout
    assert "Traceback" not in result.stderr


# The real player while the only output device is pulled out.
GOES_CHILD = r"""
import json, subprocess, sys, time
from PySide6.QtCore import QCoreApplication, QEventLoop
app = QCoreApplication([])
from kiosk.speech.service import ReadAloud
speech = ReadAloud()
states, failures = [], []
speech.state_changed.connect(lambda state: states.append(state.value))
speech.failed.connect(failures.append)

def spin_until(done, seconds=10):
    began = time.monotonic()
    while not done() and time.monotonic() - began < seconds:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return time.monotonic() - began

speech.speak("Wash your hands before you touch the line, and call the nurse if it hurts. " * 3)
spin_until(lambda: "speaking" in states)
spin_until(lambda: False, 0.5)
modules = subprocess.run(["pactl", "list", "short", "modules"], capture_output=True, text=True).stdout
subprocess.run(["pactl", "unload-module", next(line.split()[0] for line in modules.splitlines()
                                               if "module-null-sink" in line)], check=True)
took = spin_until(lambda: speech.state().value != "speaking")
print(json.dumps({"took_s": took, "states": states, "failures": failures}))
speech.shutdown()
"""


def test_an_output_device_pulled_out_while_speaking_is_said_not_hidden():
    pulse = PrivatePulseAudio().start()
    try:
        env = {**os.environ, **pulse.env(), "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
        out = run_child(GOES_CHILD, env)
    finally:
        pulse.stop()
    # Qt's stream stays "active" with no sink behind it: the service notices the output took
    # no sound, stops showing Pause, and says why.
    assert out["states"] == ["preparing", "speaking", "idle"], out
    assert 2.5 <= out["took_s"] <= 4.5, out
    assert out["failures"] == ["Audio playback failed: the audio output took no sound for 3 s (was the sound "
                               "device removed or the sound server stopped?)"], out
