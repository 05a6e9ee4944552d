"""ReadAloud with the real espeak synthesiser, played through QAudioSink to the (private, null) audio output."""

from __future__ import annotations

import os
import re
import time

import pytest
from PySide6.QtMultimedia import QtAudio

from kiosk.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
from kiosk.speech.service import ReadAloud
from kiosk.speech.types import DEFAULT_RATE, DEFAULT_VOLUME, SpeechState

SHORT = "Wash your hands before you touch the line."
LONGER = "Wash your hands before you touch the line, and call the nurse if it hurts."
HIGHLIGHT_TOLERANCE_MS = 60


class Recorder:
    """Every signal of a ReadAloud, with the output's position at the time (white box)."""

    def __init__(self, speech: ReadAloud):
        self.speech = speech
        self.states: list[SpeechState] = []
        self.words: list[tuple[int, int]] = []
        self.word_positions: list[tuple[int, int]] = []  # (the word's audio ms, the player's ms)
        self.finished = 0
        self.failures: list[str] = []
        speech.state_changed.connect(self.states.append)
        speech.word.connect(self._on_word)
        speech.finished.connect(self._on_finished)
        speech.failed.connect(self.failures.append)

    def _on_word(self, start: int, length: int) -> None:
        self.words.append((start, length))
        utterance = self.speech._utterance
        if start >= 0 and utterance is not None:
            at_ms = next(w.at_ms for w in utterance.words if w.start == start)
            self.word_positions.append((at_ms, self.speech._player.position_ms()))

    def _on_finished(self) -> None:
        self.finished += 1

    def spoken(self, text: str) -> list[str]:
        return [text[start:start + length] for start, length in self.words if start >= 0]


class CountingSynthesizer(Pyttsx3Synthesizer):
    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def synthesize(self, text, voice, rate, wav_path):
        self.texts.append(text)
        return super().synthesize(text, voice, rate, wav_path)


def speaking(make_speech, qtbot, text: str, words: int):
    """The real service reading `text` fast, `words` words in: (service, its Recorder)."""
    speech = make_speech()
    speech.set_rate("fast")
    record = Recorder(speech)
    speech.speak(text)
    qtbot.waitUntil(lambda: len(record.words) >= words, timeout=5000)
    return speech, record


def test_speaks_word_by_word_in_step_with_the_player(make_speech, qtbot):
    speech = make_speech()
    assert speech.available() and speech.unavailable_reason() == "" and speech.state() == SpeechState.IDLE
    speech.set_rate("fast")
    record = Recorder(speech)
    with qtbot.waitSignal(speech.finished, timeout=10_000):
        speech.speak(SHORT)
        assert speech.text() == SHORT
    assert record.states == [SpeechState.PREPARING, SpeechState.SPEAKING, SpeechState.IDLE]
    assert record.spoken(SHORT) == re.findall(r"\w+", SHORT)
    assert record.words[-1] == (-1, 0)
    assert record.finished == 1 and record.failures == []
    assert speech.text() == ""
    # When each word was signalled, the output had taken the samples up to within 60 ms of
    # that word's audio position (it moves in ~12 ms steps; the service looks every 30 ms).
    lags = [player_ms - at_ms for at_ms, player_ms in record.word_positions]
    assert all(abs(lag) <= HIGHLIGHT_TOLERANCE_MS for lag in lags), lags


def test_pause_holds_the_position_and_resume_goes_on(make_speech, qtbot):
    speech, record = speaking(make_speech, qtbot, SHORT, words=3)
    speech.pause()
    assert speech.state() == SpeechState.PAUSED
    # The output stops taking samples at once (its stream is closed; resume opens a new one).
    assert speech._player.is_paused() and speech._player._sink.state() == QtAudio.State.StoppedState
    held_at, words_so_far = speech._player.position_ms(), len(record.words)
    assert held_at > 0
    with qtbot.waitSignal(speech.word, timeout=400, raising=False) as blocker:
        pass
    assert not blocker.signal_triggered, "a word was signalled while paused"
    assert speech._player.position_ms() == held_at
    assert len(record.words) == words_so_far

    speech.resume()
    assert speech.state() == SpeechState.SPEAKING
    with qtbot.waitSignal(speech.finished, timeout=10_000):
        pass
    assert record.spoken(SHORT) == re.findall(r"\w+", SHORT), "every word once, in order"
    assert record.states == [SpeechState.PREPARING, SpeechState.SPEAKING, SpeechState.PAUSED,
                             SpeechState.SPEAKING, SpeechState.IDLE]


def test_stop_is_immediate_and_ends_nothing_early(make_speech, qtbot):
    speech, record = speaking(make_speech, qtbot, LONGER, words=2)
    started = time.perf_counter()
    speech.stop()
    took_ms = (time.perf_counter() - started) * 1000
    assert took_ms < 50, f"stop took {took_ms:.1f} ms"
    assert record.words[-1] == (-1, 0) and record.states[-1] == SpeechState.IDLE
    # The output stopped within the call.
    assert speech._player._sink.state() == QtAudio.State.StoppedState and not speech._player.is_playing()
    silent_ms = (time.perf_counter() - started) * 1000
    assert silent_ms < 50, f"the audio stopped after {silent_ms:.1f} ms"
    words_at_stop = len(record.words)
    with qtbot.waitSignal(speech.finished, timeout=600, raising=False) as blocker:
        pass
    assert not blocker.signal_triggered and record.finished == 0, "finished() after stop()"
    assert len(record.words) == words_at_stop
    speech.stop()  # stopping when idle does nothing
    assert len(record.states) == 3


def test_the_same_text_voice_and_rate_is_synthesised_once(make_speech, qtbot):
    synthesizer = CountingSynthesizer()
    speech = make_speech(synthesizer)
    speech.set_rate("fast")
    text = "Call the nurse."
    durations = []
    for _ in range(2):
        record = Recorder(speech)
        with qtbot.waitSignal(speech.finished, timeout=5000):
            speech.speak(text)
        assert record.spoken(text) == ["Call", "the", "nurse"]
        durations.append(speech._cache.get((text, "en-us", 210)).duration_ms)
    assert synthesizer.texts == [text]

    speech.set_rate("slow")  # another rate is another recording
    with qtbot.waitSignal(speech.state_changed, timeout=5000, check_params_cb=lambda s: s == SpeechState.SPEAKING):
        speech.speak(text)
    speech.stop()
    assert synthesizer.texts == [text, text]
    assert speech._cache.get((text, "en-us", 125)).duration_ms > durations[0] * 1.3

    folder = speech._cache.folder
    assert len([name for name in os.listdir(folder) if name.endswith(".wav")]) == 2
    speech.shutdown()
    assert not os.path.exists(folder)
    speech.shutdown()  # call-safe twice
    assert speech.state() == SpeechState.UNAVAILABLE


def test_volume_applies_at_once_rate_next_time_and_reset_restores(make_speech, qtbot):
    speech = make_speech()
    assert (speech.rate(), speech.volume()) == (DEFAULT_RATE, DEFAULT_VOLUME)

    def output_volume_is(value):
        # Applied at once: to the audio output while one is open, else kept for the next.
        sink = speech._player._sink
        assert (sink.volume() if sink is not None else speech._player.volume()) == pytest.approx(value)

    speech.set_volume(0.3)
    output_volume_is(0.3)
    speech.set_volume(2)
    assert speech.volume() == 1.0
    output_volume_is(1.0)
    speech.set_rate("slow")
    assert speech.rate() == "slow"
    with pytest.raises(ValueError, match="slow, normal, fast"):
        speech.set_rate("warp")
    with qtbot.waitSignal(speech.state_changed, timeout=5000, check_params_cb=lambda s: s == SpeechState.SPEAKING):
        speech.speak("Hello.")
    speech.set_volume(0.5)  # while speaking
    output_volume_is(0.5)
    speech.reset()
    assert speech.state() == SpeechState.IDLE
    assert (speech.rate(), speech.volume()) == (DEFAULT_RATE, DEFAULT_VOLUME)
    output_volume_is(DEFAULT_VOLUME)


def test_a_new_text_replaces_the_one_playing(make_speech, qtbot):
    speech, record = speaking(make_speech, qtbot, LONGER, words=2)
    record.words.clear()
    with qtbot.waitSignal(speech.finished, timeout=5000):
        speech.speak("Call the nurse.")
    assert record.words[0] == (-1, 0), "the old highlight is cleared first"
    assert [("Call the nurse.")[s:s + n] for s, n in record.words[1:-1]] == ["Call", "the", "nurse"]
    assert record.finished == 1
