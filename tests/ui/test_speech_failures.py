"""Honest failure: each case gives a clear message, and nothing crashes, hangs or blocks the GUI."""

from __future__ import annotations

import logging
import os
import time

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from kiosk.speech import service
from kiosk.speech.fake import FakeSynthesizer
from kiosk.speech.types import SpeechState


class BrokenEngine(FakeSynthesizer):
    def open(self):
        raise RuntimeError("libespeak-ng.so.1: cannot open shared object file")


@pytest.mark.expect_log(r"Cannot read aloud in Tagalog")
def test_no_voice_for_tagalog(make_speech, qtbot):
    speech = make_speech()  # the real engine
    assert speech.has_voice("en") and not speech.has_voice("tl")
    with qtbot.waitSignal(speech.failed, timeout=1000) as blocker:
        speech.speak("Magandang araw.", "tl")
    assert blocker.args[0] == "Cannot read aloud in Tagalog (Filipino): no Tagalog (Filipino) voice: espeak-ng has none"
    assert speech.state() == SpeechState.IDLE and speech.available()


@pytest.mark.expect_log(r"could not start|failed to start")
def test_an_engine_that_cannot_start(make_speech, qtbot):
    started = time.perf_counter()
    speech = make_speech(BrokenEngine())
    assert time.perf_counter() - started < 1
    assert speech.state() == SpeechState.UNAVAILABLE and not speech.available()
    assert speech.unavailable_reason() == (
        "Speech engine could not start (libespeak-ng.so.1: cannot open shared object file)")
    assert not speech.has_voice("en")
    with qtbot.waitSignal(speech.failed, timeout=1000) as blocker:
        speech.speak("Hello.")
    assert "unavailable" in blocker.args[0] and "could not start" in blocker.args[0]
    speech.pause(), speech.resume(), speech.stop()
    assert speech.state() == SpeechState.UNAVAILABLE


@pytest.mark.expect_log(r"did not start within")
def test_an_engine_that_hangs_at_start_is_given_up_on(make_speech):
    started = time.perf_counter()
    speech = make_speech(FakeSynthesizer(hang_open=True), timeout_s=0.3)
    assert time.perf_counter() - started < 1
    assert speech.unavailable_reason() == "Speech engine did not start within 0.3 s"


@pytest.mark.expect_log(r"timed out after")
def test_a_synthesis_that_never_finishes_trips_the_watchdog(make_speech, qtbot):
    speech = make_speech(FakeSynthesizer(hang=True), timeout_s=0.5)
    clock = QElapsedTimer()
    clock.start()
    ticks: list[int] = []
    ticker = QTimer(interval=10)
    ticker.timeout.connect(lambda: ticks.append(clock.elapsed()))
    ticker.start()
    with qtbot.waitSignal(speech.failed, timeout=3000) as blocker:
        speech.speak("This will never be ready.")
        assert speech.state() == SpeechState.PREPARING
    ticker.stop()
    assert "timed out after 0.5 s" in blocker.args[0]
    assert speech.state() == SpeechState.UNAVAILABLE and "timed out" in speech.unavailable_reason()
    # The GUI thread kept running the whole time.
    assert 450 <= clock.elapsed() < 1500
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) >= 30 and max(gaps) < 100, gaps
    with qtbot.waitSignal(speech.failed, timeout=1000):
        speech.speak("And now?")


@pytest.mark.expect_log(r"Speech synthesis failed")
def test_a_failed_synthesis_says_why_and_the_next_one_can_work(make_speech, qtbot):
    synthesizer = FakeSynthesizer(fail="disk full")
    speech = make_speech(synthesizer)
    with qtbot.waitSignal(speech.failed, timeout=2000) as blocker:
        speech.speak("Hello.")
    assert blocker.args[0] == "Speech synthesis failed: disk full"
    assert speech.state() == SpeechState.IDLE and speech.available()
    synthesizer.fail = ""
    with qtbot.waitSignal(speech.finished, timeout=2000):
        speech.speak("Hello.")


def test_a_stale_result_is_dropped(make_speech, qtbot, caplog):
    synthesizer = FakeSynthesizer(delay_s=0.3, ms_per_word=60)
    speech = make_speech(synthesizer)
    words: list[tuple[int, int]] = []
    speech.word.connect(lambda start, length: words.append((start, length)))
    speech.speak("First text, slow to make.")
    qtbot.waitUntil(lambda: synthesizer.texts == ["First text, slow to make."], timeout=2000)
    caplog.set_level(logging.DEBUG, logger="kiosk.speech.service")
    second = "Second one."
    with qtbot.waitSignal(speech.finished, timeout=3000):
        speech.speak(second)
    assert synthesizer.texts == ["First text, slow to make.", second]  # both were synthesised...
    assert "dropped the stale speech result" in caplog.text  # ...the first came back late, and was dropped
    assert [second[start:start + length] for start, length in words if start >= 0] == ["Second", "one"]


@pytest.mark.expect_log(r"timed out after|did not end within")
def test_shutdown_does_not_wait_forever_for_a_stuck_thread(make_speech, qtbot, monkeypatch):
    monkeypatch.setattr(service, "SHUTDOWN_WAIT_S", 0.2)
    synthesizer = FakeSynthesizer(hang=True, ignore_abort=True)  # like a thread stuck in C code
    speech = make_speech(synthesizer, timeout_s=0.2)
    with qtbot.waitSignal(speech.failed, timeout=2000):
        speech.speak("Stuck.")
    started = time.perf_counter()
    speech.shutdown()
    assert time.perf_counter() - started < 0.6
    assert not os.path.exists(speech._cache.folder)
    synthesizer.release()  # let the thread end, or Qt would abort the test run at exit
    assert speech._synthesis.stop(2.0)
