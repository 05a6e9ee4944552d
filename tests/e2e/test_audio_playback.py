"""Read-aloud heard for real: a private PulseAudio daemon with a null sink, the kiosk's player
in a child process speaking with the real espeak-ng voice, and the sink's monitor recorded
with parecord. The recording must hold sound (not silence), as long as the clip, with a gap
where the patient paused, and quieter when the volume is turned down.

The daemon is tests/pulse_server.py's, as for the whole run (tests/conftest.py).
"""

from __future__ import annotations

import array
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.pulse_server import RATE, PrivatePulseAudio

ROOT = Path(__file__).resolve().parents[2]

WINDOW = RATE // 100  # 10 ms
SILENCE_RMS = 30.0  # a null sink's silence is exactly 0; espeak's quietest speech is ~300


def loudness(path: Path) -> list[float]:
    """RMS of each 10 ms of a raw recording."""
    samples = array.array("h", path.read_bytes())
    return [math.sqrt(sum(x * x for x in samples[i:i + WINDOW]) / WINDOW)
            for i in range(0, len(samples) - WINDOW + 1, WINDOW)]


def sound_spans(levels: list[float], min_gap_windows: int) -> list[tuple[int, int]]:
    """(first, last) 10 ms windows of each stretch of sound; silences shorter than the gap join."""
    loud = [i for i, level in enumerate(levels) if level > SILENCE_RMS]
    spans: list[list[int]] = []
    for i in loud:
        if spans and i - spans[-1][1] <= min_gap_windows:
            spans[-1][1] = i
        else:
            spans.append([i, i])
    return [(a, b) for a, b in spans]


# The kiosk's player, as the screens use it, in a process of its own (QtMultimedia picks its
# audio server once per process). Prints one JSON line: the clip, the words marked, the outcome.
CHILD = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
app = QCoreApplication([])
from kiosk.speech.service import ReadAloud
text, volume, pause_at, pause_ms = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
speech = ReadAloud()
out = {"available": speech.available(), "reason": speech.unavailable_reason(), "words": [], "outcome": ""}
if speech.available():
    speech.set_volume(volume)
    started = [0.0]
    speech.word.connect(lambda s, n: out["words"].append([s, round((time.perf_counter() - started[0]) * 1000)])
                        if s >= 0 else None)
    speech.finished.connect(lambda: out.update(outcome="finished"))
    speech.failed.connect(lambda reason: out.update(outcome="failed: " + reason))
    def paused():
        speech.pause()
        QTimer.singleShot(pause_ms, speech.resume)
    def sounding(state):
        if state.value == "speaking" and not started[0]:
            started[0] = time.perf_counter()
            if pause_at:
                QTimer.singleShot(pause_at, paused)
    speech.state_changed.connect(sounding)
    speech.speak(text)
    began = time.perf_counter()
    while not out["outcome"] and time.perf_counter() - began < 30:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    utterance = speech._cache.get((text, "en-us", 165))
    out["duration_ms"] = utterance.duration_ms if utterance else 0
    out["word_ms"] = {w.start: w.at_ms for w in utterance.words} if utterance else {}
    speech.shutdown()
print(json.dumps(out))
"""

SENTENCE = "Wash your hands before you touch the line, and call the nurse if it hurts."


@pytest.fixture(scope="module")
def pulse():
    server = PrivatePulseAudio().start()
    yield server
    server.stop()


def speak_and_record(pulse: PrivatePulseAudio, tmp_path: Path, volume: float = 1.0, pause_at: int = 0,
                     pause_ms: int = 0) -> tuple[dict, list[float]]:
    recording = tmp_path / f"monitor-{volume}-{pause_at}.raw"
    recorder = pulse.record(recording)
    time.sleep(0.3)  # the recorder is listening before the voice starts
    env = {**os.environ, **pulse.env(), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", CHILD, SENTENCE, str(volume), str(pause_at), str(pause_ms)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    time.sleep(0.3)
    recorder.terminate()
    recorder.wait(5)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["available"], out["reason"]
    assert out["outcome"] == "finished", out
    return out, loudness(recording)


def test_speech_is_heard_on_the_output_for_as_long_as_the_clip(pulse, tmp_path):
    out, levels = speak_and_record(pulse, tmp_path)
    spans = sound_spans(levels, min_gap_windows=40)  # espeak's pauses between words are < 400 ms
    assert len(spans) == 1, spans
    first, last = spans[0]
    heard_ms = (last - first + 1) * 10
    rms = math.sqrt(sum(level * level for level in levels[first:last + 1]) / (last - first + 1))
    assert rms > 1000, f"the recording is nearly silent (RMS {rms:.0f})"
    # espeak's clip starts and ends with a little silence of its own: the sound is a bit shorter.
    assert out["duration_ms"] - 400 <= heard_ms <= out["duration_ms"] + 50, (heard_ms, out["duration_ms"])
    # Every word was marked, in order, and each mark came when the output reached the word.
    assert [start for start, _ in out["words"]] == sorted(int(start) for start in out["word_ms"])
    assert len(out["words"]) == 15
    # (Measured from the start of playback: the output takes samples ~35 ms ahead of the
    # loudspeaker, so a mark may come that much early; never a poll or more late.)
    lags = [marked - out["word_ms"][str(start)] for start, marked in out["words"]]
    assert all(-60 <= lag <= 60 for lag in lags), lags


def test_pause_is_a_silence_and_resume_plays_the_rest(pulse, tmp_path):
    out, levels = speak_and_record(pulse, tmp_path, pause_at=1200, pause_ms=800)
    spans = sound_spans(levels, min_gap_windows=40)
    assert len(spans) == 2, spans  # the voice, the pause, the voice again
    gap_ms = (spans[1][0] - spans[0][1]) * 10
    assert 700 <= gap_ms <= 1300, gap_ms  # 800 ms pause, plus at most a word's own silence
    heard_ms = sum((b - a + 1) * 10 for a, b in spans)
    assert out["duration_ms"] - 450 <= heard_ms <= out["duration_ms"] + 50, (heard_ms, out["duration_ms"])


def test_volume_scales_what_is_heard(pulse, tmp_path):
    _, loud = speak_and_record(pulse, tmp_path, volume=1.0)
    _, quiet = speak_and_record(pulse, tmp_path, volume=0.25)

    def peak(levels: list[float]) -> float:
        return sorted(levels)[int(len(levels) * 0.98)]

    ratio = peak(quiet) / peak(loud)
    assert 0.15 <= ratio <= 0.35, ratio
